"""Readers: files, folders, JSONL and CSV corpora, raw text and HTML, all ending in one :class:`Document` each.

Every input problem becomes a document carrying a ``StageError(stage="ingest")`` with a clear kind and
message, so a batch always goes on; nothing here raises for bad input.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
import logging
import re
from collections.abc import Callable, Generator, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from ..config import Config
from ..document import Document
from ..errors import InputError
from ..model import Article, Dateline, Span, StageError, stable_id
from .clean import Cleaned, clean_article
from .decode import decode_bytes
from .files import expand, file_size
from .html import extract_html
from .language import detect_language
from .limits import Tally, bounded, display_path, failed, has_surrogate, note, unsurrogate
from .parts import Part, window
from .reading import reading
from .warc import read_warc

LOGGER = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv"})
WARC_SUFFIXES = (".warc", ".warc.gz")

# Field names accepted in corpora, in order of preference (compared case-insensitively).
_URL_FIELDS = ("url", "link", "uri", "source_url", "article_url")
_TITLE_FIELDS = ("title", "headline", "heading")
_DATE_FIELDS = ("published", "date", "published_at", "publish_date", "pubdate", "date_published", "datetime", "time")
_TEXT_FIELDS = ("text", "body", "content", "article", "articlebody", "maintext", "story", "full_text")
_HTML_FIELDS = ("html", "raw_html", "page", "content_html", "body_html")
_SITE_FIELDS = ("site", "sitename", "source_name", "outlet", "publisher")
_AUTHOR_FIELDS = ("authors", "author", "byline")
_LOOKS_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.IGNORECASE)


def read_paths(
    paths: Iterable[Path], config: Config, *, exclude: Iterable[Path] = (), tally: Tally | None = None
) -> Iterator[Document]:
    """Yield one document per article under ``paths``: files, folders (recursive, sorted) and corpora, in order.

    Every file, line, row and WARC page gives a document: an article, or an error record naming it. What is
    not an input is passed over and counted in ``tally`` (see :class:`Tally`): hidden files, a folder's
    README/LICENSE, WARC records that are not pages, and dateline's own files — ``*.duckdb`` and
    ``*.duckdb.wal`` in a folder and every path in ``exclude`` (the store being written and its WAL).
    """
    for path in expand(paths, exclude, tally):
        reading(path)  # library log lines (trafilatura, warcio) name the file
        yield from _bounded_file(display_path(path), config, _read_file(path, config, tally))
    reading(None)


def _bounded_file(shown: str, config: Config, documents: Iterator[Document]) -> Iterator[Document]:
    """The reader's boundary: ``documents`` of one file (or part), and its failure as one error record (unless
    ``config.strict``): one broken file must not end the batch."""
    try:
        yield from documents
    except InputError as exc:
        yield _failed(shown, exc)
    except Exception as exc:
        if config.strict:
            raise
        LOGGER.warning("reading %s failed: %s", shown, bounded(str(exc)), exc_info=True)
        yield _failed(shown, InputError("read-failed", f"{type(exc).__name__}: {exc}"))


def read_part(part: Part, config: Config, *, tally: Tally | None = None) -> Iterator[Document]:
    """The documents of one :class:`~dateline.ingest.parts.Part`: what ``read_paths`` gives for its bytes of its
    file, with the same locators and errors (a part of a damaged WARC reports the damage it holds)."""
    reading(Path(part.path))
    try:
        yield from _bounded_file(part.shown, config, _read_part(part, config, tally))
    finally:
        reading(None)


def _read_part(part: Part, config: Config, tally: Tally | None) -> Iterator[Document]:
    path = Path(part.path)
    if part.whole:
        yield from _read_file(path, config, tally, part.shown)
    elif path.name.lower().endswith(WARC_SUFFIXES):
        with _open(path) as raw:
            fh = window(raw, part.start, part.end)
            yield from read_warc(path, config, fh, partial(_warc_page, config=config), tally, part.shown, False)
    else:
        yield from _read_jsonl(path, config, tally, part)


def from_text(
    text: str,
    *,
    source: str = "text",
    url: str | None = None,
    title: str | None = None,
    published: str | None = None,
    config: Config,
) -> Document:
    """Clean a plain-text article into a document (errors are recorded on it, never raised)."""
    try:
        text, title = unsurrogate(text), unsurrogate(title) if title else title
        return _build(text, source=source, url=url, title=title, published=published, config=config)
    except InputError as exc:
        return _failed(source, exc, url=url)


def from_html(
    html: str | bytes,
    *,
    source: str = "html",
    url: str | None = None,
    published: str | None = None,
    config: Config,
) -> Document:
    """Extract and clean the article of an HTML page (title, date, authors, site from its metadata)."""
    try:
        if isinstance(html, bytes):
            _check_size(len(html), config, source)
            html = decode_bytes(html)
        return _build_html(html, source=source, url=url, published=published, config=config)
    except InputError as exc:
        return _failed(source, exc, url=url)


def from_records(records: Iterable[Any], *, source: str, config: Config) -> Iterator[Document]:
    """One document per record (a dict with ``text`` or ``html`` and optional ``url``, ``title``, ``published``,
    ``site``, ``authors``: the fields of a JSONL corpus), read by the same rules as a corpus line; a record that is
    not an object, or has no text, gives an error document named ``source#N``."""
    for n, record in enumerate(records, start=1):
        locator = f"{source}#{n}"
        if not isinstance(record, dict):
            kind = type(record).__name__
            yield _failed(locator, InputError("bad-json", f"{locator}: a JSON {kind}, not an object"))
            continue
        yield _guarded(locator, config, _from_record, _clean_record(record), locator, config)


# --- files -------------------------------------------------------------------------------------


def _read_file(path: Path, config: Config, tally: Tally | None, shown: str | None = None) -> Iterator[Document]:
    source = shown or display_path(path)
    size = file_size(path, source)
    suffix = path.suffix.lower()
    if path.name.lower().endswith(WARC_SUFFIXES):
        with _open(path) as fh:
            yield from read_warc(path, config, fh, partial(_warc_page, config=config), tally, source)
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, config, tally, Part(str(path), source) if shown else None)
        return
    if suffix in CSV_SUFFIXES:
        yield from _read_csv(path, config, tally, source)
        return
    _check_size(size, config, source)
    data = _read_bytes(path)
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _LOOKS_HTML.search(data[:4096])):
        yield from_html(data, source=source, config=config)
    else:
        text = decode_bytes(data)
        yield _safe_build(text, source=source, config=config)


def _warc_page(data: bytes, locator: str, url: str | None, media_type: str, *, config: Config) -> Document:
    if media_type == "text/plain" and not _LOOKS_HTML.search(data[:4096]):
        return _safe_build(decode_bytes(data), source=locator, url=url, config=config)
    return from_html(data, source=locator, url=url, config=config)


def _check_size(size: int, config: Config, source: str) -> None:
    if size > config.max_bytes:
        raise InputError(
            "too-large",
            f"{source}: {size:,} bytes is more than the {config.max_bytes:,}-byte limit (max_bytes); not read",
        )
    if size == 0:
        raise InputError("empty", f"{source}: the file is empty")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except (PermissionError, IsADirectoryError, OSError) as exc:
        raise InputError("unreadable", f"{display_path(path)}: cannot read ({exc.strerror or exc})") from exc


def _open(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputError("unreadable", f"{display_path(path)}: cannot read ({exc.strerror or exc})") from exc


# --- corpora -----------------------------------------------------------------------------------


def _read_jsonl(path: Path, config: Config, tally: Tally | None = None, part: Part | None = None) -> Iterator[Document]:
    """One JSON object per line; a broken line is reported with its number and the others are read.

    dateline's own JSONL export (a first line that is a result: ``{"article": {...``) is passed over. ``part``:
    only its byte range, its lines numbered from its first line's number.
    """
    shown = part.shown if part else display_path(path)
    first = part.first_line if part else 1
    lines = 0
    with _open(path) as raw:
        fh = window(raw, part.start, part.end) if part else raw
        for n, line in _limited_lines(fh, config.max_bytes):
            lineno = first + n - 1
            if lineno == 1 and line is not None and _is_result_line(line):
                note(tally, "own-export", path)
                return
            locator = f"{shown}#{lineno}"
            if line is None:
                lines += 1
                message = f"{locator}: line longer than {config.max_bytes:,} bytes (max_bytes)"
                yield _failed(locator, InputError("too-large", message))
                continue
            if not line.strip():
                continue
            lines += 1
            yield _guarded(locator, config, _jsonl_record, line, locator, config)
    if not lines and (part is None or part.whole):
        yield _no_rows(path, shown, "no JSON lines (only blank ones)")


def _is_result_line(line: bytes) -> bool:
    """Whether a JSONL line is one of dateline's own results (an export): an ``article`` object and ``events``."""
    if b'"article"' not in line or b'"events"' not in line:
        return False
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        return False
    return isinstance(record, dict) and isinstance(record.get("article"), dict) and "events" in record


def _jsonl_record(line: bytes, locator: str, config: Config) -> Document:
    shown, _, lineno = locator.rpartition("#")
    try:
        record = json.loads(decode_bytes(line) if not _is_utf8(line) else line)
    except RecursionError as exc:
        raise InputError("bad-json", f"{shown} line {lineno}: JSON nested too deeply to read") from exc
    except ValueError as exc:
        raise InputError("bad-json", f"{shown} line {lineno}: not valid JSON ({exc})") from exc
    if not isinstance(record, dict):
        kind = type(record).__name__
        raise InputError("bad-json", f"{shown} line {lineno}: a JSON {kind}, not an object")
    return _from_record(_clean_record(record), locator, config)


def _clean_record(record: dict[Any, Any]) -> dict[str, Any]:
    """The record's top-level keys and string values (and lists of strings) with lone surrogates replaced."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, str):
            value = unsurrogate(value)
        elif isinstance(value, list):
            value = [unsurrogate(v) if isinstance(v, str) else v for v in value]
        out[unsurrogate(str(key))] = value
    return out


def _guarded(locator: str, config: Config, read: Callable[..., Document], *args: Any) -> Document:
    """``read(*args)``, or an error record for this one line or row whatever goes wrong in it."""
    try:
        return read(*args)
    except InputError as exc:
        return _failed(locator, exc)
    except Exception as exc:  # one bad record must not lose its neighbours
        if config.strict:
            raise
        LOGGER.warning("reading %s failed: %s", locator, bounded(str(exc)), exc_info=True)
        return _failed(locator, InputError("read-failed", f"{locator}: {type(exc).__name__}: {exc}"))


def _no_rows(path: Path, shown: str, what: str) -> Document:
    try:
        empty = path.stat().st_size == 0
    except OSError:
        empty = False
    if empty:
        return _failed(shown, InputError("empty", f"{shown}: the file is empty"))
    return _failed(shown, InputError("no-rows", f"{shown}: {what}; no article in it"))


def _limited_lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Lines of a binary file, never holding more than ``limit`` bytes; an over-long line yields None."""
    lineno = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
            yield lineno, None
            continue
        yield lineno, line


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class _LineTooLong(Exception):
    pass


class _BoundedLines:
    """The lines of a text stream for ``csv.reader``, none held longer than ``limit`` characters.

    A longer line is skipped to its end and reported by raising :class:`_LineTooLong`; csv.reader then
    reads on from the next line.
    """

    def __init__(self, stream: TextIO, limit: int):
        self.stream = stream
        self.limit = limit

    def __iter__(self) -> _BoundedLines:
        return self

    def __next__(self) -> str:
        line = self.stream.readline(self.limit + 1)
        if not line:
            raise StopIteration
        if len(line) > self.limit and not line.endswith(("\n", "\r")):
            while line and not line.endswith(("\n", "\r")):
                line = self.stream.readline(1 << 20)
            raise _LineTooLong
        return line


def _read_csv(path: Path, config: Config, tally: Tally | None = None, shown: str | None = None) -> Iterator[Document]:
    """One article per row with a header line; the encoding is detected from the first 64 KB.

    A row that is too long, does not parse or holds bytes not in the encoding gives an error record and
    the next rows are read; a file with a header and no rows gives a ``no-rows`` record. An event table
    (dateline's CSV export, or ACLED's: first column ``event_id_cnty``) holds no articles and is passed over.
    """
    shown = shown or display_path(path)
    with _open(path) as raw:
        head = raw.read(65536)
    if not head.strip():
        raise InputError("empty", f"{shown}: the file is empty")
    encoding = _stream_encoding(head, shown)
    csv.field_size_limit(max(csv.field_size_limit(), config.max_bytes))
    try:
        stream = path.open("r", encoding=encoding, errors="surrogateescape", newline="")
    except OSError as exc:
        raise InputError("unreadable", f"{shown}: cannot read ({exc.strerror or exc})") from exc
    with stream:
        reader = csv.reader(_BoundedLines(stream, config.max_bytes))
        try:
            header = [unsurrogate(h.strip().lower()) for h in next(reader)]
        except StopIteration as exc:
            raise InputError("no-rows", f"{shown}: no header line and no rows") from exc
        except (csv.Error, _LineTooLong) as exc:
            raise InputError("bad-csv", f"{shown}: cannot read the CSV header ({exc or 'too long'})") from exc
        if header[:1] == ["event_id_cnty"]:
            note(tally, "own-export", path)
            return
        rows = yield from _csv_rows(reader, header, shown, encoding, config)
    if not rows:
        yield _no_rows(path, shown, "a header line and no rows")


def _csv_rows(
    reader: Iterator[list[str]], header: list[str], shown: str, encoding: str, config: Config
) -> Generator[Document, None, int]:
    rowno = 0
    while True:
        rowno += 1
        locator = f"{shown}#{rowno}"
        try:
            row = next(reader)
        except StopIteration:
            return rowno - 1
        except _LineTooLong:
            message = f"{shown} row {rowno}: a line longer than {config.max_bytes:,} characters (max_bytes); not read"
            yield _failed(locator, InputError("too-large", message))
            continue
        except csv.Error as exc:
            yield _failed(locator, InputError("bad-csv", f"{shown} row {rowno}: {exc}"))
            continue
        if not any(cell.strip() for cell in row):
            rowno -= 1
            continue
        if any(has_surrogate(cell) for cell in row):
            message = f"{shown} row {rowno}: bytes not in {encoding}; row not read"
            yield _failed(locator, InputError("encoding", message))
            continue
        yield _guarded(locator, config, _from_record, dict(zip(header, row, strict=False)), locator, config)


def _stream_encoding(head: bytes, source: str) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        raise InputError("binary", f"{source}: holds NUL bytes, not a CSV text file")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is None or best.encoding is None:
        raise InputError("encoding", f"{source}: not UTF-8, and no text encoding fits the bytes")
    return best.encoding


def _field(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _from_record(record: dict[str, Any], locator: str, config: Config) -> Document:
    url = _as_text(_field(record, _URL_FIELDS))
    try:
        title = _as_text(_field(record, _TITLE_FIELDS))
        published = _field(record, _DATE_FIELDS)
        published = _as_text(published) if not isinstance(published, int | float) else published
        text = _field(record, _TEXT_FIELDS)
        html = _field(record, _HTML_FIELDS)
        if isinstance(text, str) and text.strip():
            _check_size(len(text.encode("utf-8", "replace")), config, locator)
            authors = _authors(_field(record, _AUTHOR_FIELDS))
            site = _as_text(_field(record, _SITE_FIELDS))
            return _build(
                text, source=locator, url=url, title=title, published=published, config=config,
                site=site, authors=authors,
            )  # fmt: skip
        if isinstance(html, str) and html.strip():
            _check_size(len(html.encode("utf-8", "replace")), config, locator)
            return _build_html(html, source=locator, url=url, published=published, config=config, title=title)
        fields = ", ".join(sorted(str(k) for k in record)) or "none"
        raise InputError("no-text", f"{locator}: no article text (looked for text/body/content/html; fields: {fields})")
    except InputError as exc:
        return _failed(locator, exc, url=url)


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _authors(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    if isinstance(value, str):
        return [a.strip() for a in re.split(r";|\band\b", value) if a.strip()]
    return []


# --- building documents ------------------------------------------------------------------------


def _safe_build(text: str, **kwargs: Any) -> Document:
    try:
        return _build(text, **kwargs)
    except InputError as exc:
        return _failed(kwargs["source"], exc, url=kwargs.get("url"))


def _build_html(
    html: str, *, source: str, url: str | None, published: Any, config: Config, title: str | None = None
) -> Document:
    page = extract_html(html, url=url)
    metadata_date = published if published is not None else page.date
    return _build(
        page.text, source=source, url=url or page.url, title=title or page.title, published=metadata_date,
        config=config, site=page.site, authors=list(page.authors),
    )  # fmt: skip


def _build(
    raw: str,
    *,
    source: str,
    config: Config,
    url: str | None = None,
    title: str | None = None,
    published: Any = None,
    site: str | None = None,
    authors: list[str] | None = None,
) -> Document:
    """Clean ``raw`` and build the document: id, publication date, dateline, language check."""
    if not raw.strip():
        raise InputError("empty", f"{source}: the text is empty")
    published_iso, basis = _publication_date(published, config)
    cleaned = clean_article(raw, title=title, published=published_iso)
    text = cleaned.text
    if not text:
        raise InputError("no-content", f"{source}: nothing is left after removing boilerplate")
    if len(text) > config.max_chars:
        raise InputError(
            "too-long",
            f"{source}: {len(text):,} characters after cleaning, more than the {config.max_chars:,} limit (max_chars)",
        )
    if len(text) < config.min_chars:
        message = f"{source}: only {len(text)} characters of text (min_chars is {config.min_chars})"
        raise InputError("too-short", message)
    url = url.strip() if url else None
    language, english = detect_language(text)
    article = Article(
        id=stable_id(url) if url else stable_id(text),
        url=url,
        source=source,
        site=site or cleaned.publisher,
        title=cleaned.title,
        authors=authors or [],
        published=published_iso,
        published_basis=basis,
        dateline=_dateline(text, cleaned),
        language=language,  # None: too short to tell
        text=text,
        paragraphs=[Span.of(text, start, end) for start, end in cleaned.paragraphs],
    )
    doc = Document(article=article)
    if not english:
        doc.errors.append(
            StageError(
                stage="ingest",
                kind="not-english",
                message=(
                    f"{source}: the text is not English (looks like {language}); the stages need English"
                    if language != "und"
                    else f"{source}: the text does not read as English prose (too few English function words)"
                ),
            )
        )
    if cleaned.removed:
        LOGGER.debug("%s: removed %d boilerplate lines", article.id, len(cleaned.removed))
    return doc


def _dateline(text: str, cleaned: Cleaned) -> Dateline | None:
    found = cleaned.dateline
    if found is None:
        return None
    return Dateline(
        span=Span.of(text, found.start, found.end),
        place=Span.of(text, *found.place) if found.place else None,
        date=Span.of(text, *found.date) if found.date else None,
        date_value=found.date_value,
    )


def _publication_date(value: Any, config: Config) -> tuple[str | None, str]:
    """The ISO publication date and where it came from: metadata, the ``--published`` option, or unknown."""
    iso = iso_date(value)
    if iso is not None:
        return iso, "metadata"
    option = iso_date(config.published)
    if option is not None:
        return option, "option"
    return None, "unknown"


_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def iso_date(value: Any) -> str | None:
    """Normalise a date given as metadata ("2017-04-18T10:00Z", "18 April 2017", epoch seconds) to ``YYYY-MM-DD``.

    Returns None for anything that is not a full calendar date; a date is never guessed.
    """
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            seconds = value / 1000 if value > 1e11 else value
            return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    text = str(value).strip()
    match = _ISO.match(text)
    if match:
        try:
            return dt.date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    if not re.search(r"\d", text) or len(text) > 60:
        return None
    import dateparser

    parsed = dateparser.parse(text, settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"})
    return parsed.date().isoformat() if parsed else None


_failed = failed
