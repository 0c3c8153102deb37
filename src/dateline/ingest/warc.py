"""WARC archives read as a stream with bounded memory: one document per archived page, an error per bad record.

Why: a WARC is a crawl, often gigabytes, and a hostile one can be a gzip bomb (a few hundred KB of
compressed zeros that decompress to gigabytes without a newline). warcio reads header lines without a
length limit and decompresses whatever it is given, so the reader it uses here refuses a line over
:data:`MAX_LINE` bytes and an archive that inflates more than :data:`MAX_RATIO` times past ``max_bytes``;
payloads are read up to ``max_bytes`` + 1 bytes, never whole.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..config import Config
from ..document import Document
from ..errors import InputError
from .limits import Tally, bounded, bounded_source, display_path, failed, note

LOGGER = logging.getLogger(__name__)

_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
# No WARC or HTTP header line is a megabyte long; a longer "line" is damage or a bomb.
MAX_LINE = 1 << 20
# Decompressed bytes per compressed byte above which an archive past max_bytes is taken for a bomb
# (WARCs of HTML inflate 3 to 10 times; a gzip of zeros about 1,000 times).
MAX_RATIO = 100

# Builds the document of one page: (payload bytes, locator, url, media type) -> Document.
PageBuilder = Callable[[bytes, str, "str | None", str], Document]


def _bounded_reader_class() -> type:
    from warcio.bufferedreaders import DecompressingBufferedReader

    class BoundedReader(DecompressingBufferedReader):  # type: ignore[misc]
        """warcio's reader with a cap on line length and on how far the archive inflates."""

        max_bytes = 10_000_000
        inflated = 0

        def readline(self, length: int | None = None) -> bytes:
            cap = MAX_LINE + 1 if length is None else min(length, MAX_LINE + 1)
            parts, got = [], 0
            while got < cap:  # warcio's readline may stop short of a newline at a buffer boundary
                piece = super().readline(cap - got)
                if not piece:
                    break
                parts.append(piece)
                got += len(piece)
                if piece.endswith(b"\n"):
                    break
            line = b"".join(parts)
            if len(line) > MAX_LINE and not line.endswith(b"\n"):
                raise InputError("line-too-long", f"a header line longer than {MAX_LINE:,} bytes (damaged or a bomb)")
            return line

        def _process_read(self, data: bytes) -> None:
            super()._process_read(data)
            self.inflated += self.buff_size if self.buff is not None else 0
            read = max(1, self.stream.tell())
            if self.inflated > self.max_bytes and self.inflated > MAX_RATIO * read:
                raise InputError(
                    "decompression-bomb",
                    f"{read:,} compressed bytes inflate to more than {self.inflated:,} "
                    f"(over {MAX_RATIO}× past the {self.max_bytes:,}-byte limit); the rest of the archive is not read",
                )

    return BoundedReader


def read_warc(
    path: Path,
    config: Config,
    fh: BinaryIO,
    build: PageBuilder,
    tally: Tally | None,
    shown: str | None = None,
    whole: bool = True,
) -> Iterator[Document]:
    """One document per archived page: ``response`` (HTTP 200) and ``resource`` records of HTML or text.

    Other records (requests, metadata, revisits, images, scripts, redirects) are not articles: they are
    counted in ``tally`` and passed over. A record over ``max_bytes`` gives a ``too-large`` error and the
    archive is read on; damage or a bomb keeps every page read before it and reports the rest as one error.
    ``fh`` may be a part of the file (``whole`` False, see :mod:`dateline.ingest.parts`): then a part without
    pages is not an error (the file's other parts may have them).
    """
    from warcio.archiveiterator import ArchiveIterator

    shown = shown or display_path(path)
    read = skipped = 0
    warc_records = False
    records = ArchiveIterator(fh, check_digests="raise")
    # warcio prints this warning to stderr with the whole next "line" in it; name the file instead
    escaped = shown.replace("{", "{{").replace("}", "}}")
    records.INC_RECORD = f"WARNING: {escaped}: a WARC record not followed by a blank line at offset {{0}}\n"
    reader = _bounded_reader_class()(records.fh, block_size=records.reader.block_size)
    reader.max_bytes = config.max_bytes
    records.reader = reader
    while True:
        try:
            record = next(records, None)
        except Exception as exc:  # a truncated, corrupt or hostile archive: zlib, ArchiveLoadFailed, EOF, a bomb
            if config.strict:
                raise
            kind = exc.kind if isinstance(exc, InputError) else "bad-warc"
            detail = str(exc) if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
            message = f"{shown}: damaged WARC after {read} page(s): {bounded(detail)}"
            yield failed(f"{shown}#damaged", InputError(kind, message))
            return
        if record is None:
            break
        warc_records = warc_records or record.format.startswith("warc")
        try:
            page = _page(record, shown, config, build, tally)
        except Exception as exc:  # one unreadable record must not lose the archive's other pages
            if config.strict:
                raise
            locator = f"{shown}#{record.rec_headers.get_header('WARC-Record-ID')}"
            kind = exc.kind if isinstance(exc, InputError) else "read-failed"
            yield failed(locator, InputError(kind, f"{locator}: {type(exc).__name__}: {exc}"))
            continue
        if page is None:
            skipped += 1
            continue
        read += 1
        yield page
    if whole and not warc_records:
        yield failed(shown, InputError("bad-warc", f"{shown}: no WARC records; is it a WARC file?"))
    elif whole and not read:
        message = f"{shown}: none of its {skipped} WARC record(s) is an HTML or text page"
        yield failed(shown, InputError("no-text", message))
    LOGGER.info("%s: %d page(s) read, %d other record(s) passed over", shown, read, skipped)


def _page(record: Any, shown: str, config: Config, build: PageBuilder, tally: Tally | None) -> Document | None:
    """The document of one WARC record, or None when the record is not an archived page (then counted)."""
    if record.rec_type not in ("response", "resource"):
        note(tally, f"warc-{record.rec_type or 'unknown'}")
        return None
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    locator = bounded_source(f"{shown}#{headers.get_header('WARC-Record-ID') or url}")
    content_type = headers.get_header("Content-Type") or ""
    if record.rec_type == "response":
        if record.http_headers is None:
            note(tally, "warc-no-http")
            return None
        status = record.http_headers.get_statuscode()
        if status != "200":
            LOGGER.debug("%s: HTTP %s, not an article", locator, bounded(str(status), 40))
            note(tally, f"warc-http-{bounded(str(status), 3)}")
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    media_type = content_type.split(";")[0].strip().lower()
    if media_type not in _TEXT_TYPES:
        note(tally, "warc-not-text")
        return None
    try:
        length = int(headers.get_header("Content-Length") or 0)
    except ValueError:
        return failed(locator, InputError("bad-warc", f"{locator}: Content-Length is not a number"), url=url)
    try:
        _check(length, config, locator)
        data = record.content_stream().read(config.max_bytes + 1)
        _check(len(data), config, locator)
        if getattr(record.raw_stream, "limit", 0) > 0:  # the archive ends inside this record
            raise InputError("bad-warc", f"{locator}: the record is cut short (damaged or truncated archive)")
        return build(data, locator, url, media_type)
    except InputError as exc:
        return failed(locator, exc, url=url)


def _check(size: int, config: Config, source: str) -> None:
    if size > config.max_bytes:
        message = f"{source}: {size:,} bytes is more than the {config.max_bytes:,}-byte limit (max_bytes); not read"
        raise InputError("too-large", message)
    if size == 0:
        raise InputError("empty", f"{source}: the file is empty")
