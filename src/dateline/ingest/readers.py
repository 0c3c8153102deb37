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
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..config import Config
from ..document import Document
from ..errors import InputError
from ..model import Article, Dateline, Span, StageError, stable_id
from .clean import Cleaned, clean_article
from .decode import decode_bytes
from .html import extract_html
from .language import detect_language
from .reading import reading

LOGGER = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv"})
WARC_SUFFIXES = (".warc", ".warc.gz")
_WARC_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")

# Field names accepted in corpora, in order of preference (compared case-insensitively).
_URL_FIELDS = ("url", "link", "uri", "source_url", "article_url")
_TITLE_FIELDS = ("title", "headline", "heading")
_DATE_FIELDS = ("published", "date", "published_at", "publish_date", "pubdate", "date_published", "datetime", "time")
_TEXT_FIELDS = ("text", "body", "content", "article", "articlebody", "maintext", "story", "full_text")
_HTML_FIELDS = ("html", "raw_html", "page", "content_html", "body_html")
_SITE_FIELDS = ("site", "sitename", "source_name", "outlet", "publisher")
_AUTHOR_FIELDS = ("authors", "author", "byline")
# Files in a folder that describe the folder rather than hold an article.
_NOT_ARTICLES = re.compile(r"^(?:readme|license|licence|copying|changelog|notice)(?:\.\w+)?$", re.IGNORECASE)
_LOOKS_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.IGNORECASE)


def read_paths(paths: Iterable[Path], config: Config) -> Iterator[Document]:
    """Yield one document per article under ``paths``: files, folders (recursive, sorted) and corpora, in order."""
    for path in _expand(paths):
        reading(path)  # library log lines (trafilatura, warcio) name the file
        try:
            yield from _read_file(path, config)
        except InputError as exc:
            yield _failed(str(path), exc)
        except Exception as exc:  # the reader's boundary: one broken file must not end the batch
            if config.strict:
                raise
            LOGGER.warning("reading %s failed: %s", path, exc, exc_info=True)
            yield _failed(str(path), InputError("read-failed", f"{type(exc).__name__}: {exc}"))
    reading(None)


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


# --- files -------------------------------------------------------------------------------------


def _expand(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        path = Path(path)
        if not path.is_dir():
            yield path
            continue
        for child in sorted(path.rglob("*")):
            relative = child.relative_to(path).parts
            if any(part.startswith(".") for part in relative) or not child.is_file():
                continue
            if _NOT_ARTICLES.match(child.name):
                LOGGER.debug("skipping %s: a folder's README/LICENSE, not an article", child)
                continue
            yield child


def _read_file(path: Path, config: Config) -> Iterator[Document]:
    source = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise InputError("not-found", f"{source}: no such file or folder") from exc
    except OSError as exc:
        raise InputError("unreadable", f"{source}: cannot read ({exc.strerror or exc})") from exc
    suffix = path.suffix.lower()
    if path.name.lower().endswith(WARC_SUFFIXES):
        yield from _read_warc(path, config)
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, config)
        return
    if suffix in CSV_SUFFIXES:
        yield from _read_csv(path, config)
        return
    _check_size(size, config, source)
    data = _read_bytes(path)
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _LOOKS_HTML.search(data[:4096])):
        yield from_html(data, source=source, config=config)
    else:
        text = decode_bytes(data)
        yield _safe_build(text, source=source, config=config)


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
        raise InputError("unreadable", f"{path}: cannot read ({exc.strerror or exc})") from exc


def _open(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputError("unreadable", f"{path}: cannot read ({exc.strerror or exc})") from exc


# --- corpora -----------------------------------------------------------------------------------


def _read_jsonl(path: Path, config: Config) -> Iterator[Document]:
    """One JSON object per line; a broken line is reported with its number and the others are read."""
    with _open(path) as fh:
        for lineno, line in _limited_lines(fh, config.max_bytes):
            locator = f"{path}#{lineno}"
            if line is None:
                message = f"{locator}: line longer than {config.max_bytes:,} bytes (max_bytes)"
                yield _failed(locator, InputError("too-large", message))
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(decode_bytes(line) if not _is_utf8(line) else line)
            except InputError as exc:
                yield _failed(locator, exc)
                continue
            except ValueError as exc:
                yield _failed(locator, InputError("bad-json", f"{path} line {lineno}: not valid JSON ({exc})"))
                continue
            if not isinstance(record, dict):
                kind = type(record).__name__
                yield _failed(locator, InputError("bad-json", f"{path} line {lineno}: a JSON {kind}, not an object"))
                continue
            yield _from_record(record, locator, config)


def _read_warc(path: Path, config: Config) -> Iterator[Document]:
    """One document per archived page: ``response`` (HTTP 200) and ``resource`` records of HTML or text.

    Other records (requests, metadata, revisits, images, scripts, redirects) are not articles and are
    passed over; a damaged archive keeps every page read before the damage and reports the rest as one error.
    """
    from warcio.archiveiterator import ArchiveIterator

    read = skipped = 0
    warc_records = False
    with _open(path) as fh:
        records = ArchiveIterator(fh, check_digests="raise")
        while True:
            try:
                record = next(records, None)
            except Exception as exc:  # a truncated or corrupt archive: zlib, ArchiveLoadFailed, EOF, ...
                if config.strict:
                    raise
                message = f"{path}: damaged WARC after {read} page(s): {type(exc).__name__}: {exc}"
                yield _failed(f"{path}#damaged", InputError("bad-warc", message))
                break
            if record is None:
                break
            warc_records = warc_records or record.format.startswith("warc")
            try:
                page = _warc_page(record, path, config)
            except Exception as exc:  # one unreadable record must not lose the archive's other pages
                if config.strict:
                    raise
                locator = f"{path}#{record.rec_headers.get_header('WARC-Record-ID')}"
                yield _failed(locator, InputError("read-failed", f"{locator}: {type(exc).__name__}: {exc}"))
                continue
            if page is None:
                skipped += 1
                continue
            read += 1
            yield page
    if not warc_records:
        yield _failed(str(path), InputError("bad-warc", f"{path}: no WARC records; is it a WARC file?"))
    elif not read:
        message = f"{path}: none of its {skipped} WARC record(s) is an HTML or text page"
        yield _failed(str(path), InputError("no-text", message))
    LOGGER.info("%s: %d page(s) read, %d other record(s) passed over", path, read, skipped)


def _warc_page(record: Any, path: Path, config: Config) -> Document | None:
    """The document of one WARC record, or None when the record is not an archived page."""
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    locator = f"{path}#{headers.get_header('WARC-Record-ID') or url}"
    content_type = headers.get_header("Content-Type") or ""
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode()
        if status != "200":
            LOGGER.debug("%s: HTTP %s, not an article", locator, status)
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    media_type = content_type.split(";")[0].strip().lower()
    if media_type not in _WARC_TEXT_TYPES:
        return None
    length = int(headers.get_header("Content-Length") or 0)
    try:
        _check_size(length, config, locator)
    except InputError as exc:
        return _failed(locator, exc, url=url)
    data = record.content_stream().read(config.max_bytes + 1)
    try:
        _check_size(len(data), config, locator)
        if getattr(record.raw_stream, "limit", 0) > 0:  # the archive ends inside this record
            raise InputError("bad-warc", f"{locator}: the record is cut short (damaged or truncated archive)")
    except InputError as exc:
        return _failed(locator, exc, url=url)
    if media_type == "text/plain" and not _LOOKS_HTML.search(data[:4096]):
        try:
            return _safe_build(decode_bytes(data), source=locator, url=url, config=config)
        except InputError as exc:
            return _failed(locator, exc, url=url)
    return from_html(data, source=locator, url=url, config=config)


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


def _read_csv(path: Path, config: Config) -> Iterator[Document]:
    """One article per row with a header line; the encoding is detected from the first 64 KB."""
    with _open(path) as raw:
        head = raw.read(65536)
    if not head.strip():
        raise InputError("empty", f"{path}: the file is empty")
    encoding = _stream_encoding(head, str(path))
    csv.field_size_limit(max(csv.field_size_limit(), config.max_bytes))
    try:
        stream = path.open("r", encoding=encoding, newline="")
    except OSError as exc:
        raise InputError("unreadable", f"{path}: cannot read ({exc.strerror or exc})") from exc
    with stream:
        reader = csv.reader(stream)
        try:
            header = [h.strip().lower() for h in next(reader)]
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputError("bad-csv", f"{path}: cannot read the CSV header ({exc})") from exc
        rowno = 0
        while True:
            rowno += 1
            locator = f"{path}#{rowno}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield _failed(locator, InputError("bad-csv", f"{path} row {rowno}: {exc}"))
                continue
            except UnicodeDecodeError as exc:
                yield _failed(locator, InputError("encoding", f"{path} row {rowno}: bytes not in {encoding} ({exc})"))
                return
            if not any(cell.strip() for cell in row):
                rowno -= 1
                continue
            yield _from_record(dict(zip(header, row, strict=False)), locator, config)


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
        span=Span.of(text, 0, found.end),
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


def _failed(locator: str, exc: InputError, *, url: str | None = None) -> Document:
    """A document for an input that could not be read: stable id from the locator, no text, one error."""
    message = str(exc)
    if not message.startswith(locator.partition("#")[0]):
        message = f"{locator}: {message}"
    LOGGER.info("ingest %s: %s", exc.kind, message)
    article = Article(id=stable_id(url) if url else stable_id(locator), url=url, source=locator, text="")
    return Document(article=article, errors=[StageError(stage="ingest", kind=exc.kind, message=message)])
