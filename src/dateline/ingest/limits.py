"""Safe bookkeeping for hostile input: names shown safely, messages bounded, error documents, a tally.

Why: an input's name or content ends up in error messages, logs and the store. A file name that is not
UTF-8, a lone surrogate from a JSON escape or a megabyte of data quoted by a library's exception must never
crash serialisation or flood the store, and what is passed over on purpose is counted, not silently lost.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from pathlib import Path

from ..document import Document
from ..errors import InputError
from ..model import Article, StageError, stable_id

LOGGER = logging.getLogger(__name__)

# An error message stored or logged is at most this many characters (then "…" and the original length).
MAX_MESSAGE = 500
# A source (path#record) longer than this keeps its start and end around "…".
MAX_SOURCE = 1000
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as text that always serialises: bytes that are not UTF-8 shown as ``\\xff`` escapes.

    A name that is valid UTF-8 is returned unchanged (``str(path)``).
    """
    text = os.fspath(path)
    if not _SURROGATE.search(text):
        return text
    raw = text.encode("utf-8", "surrogateescape") if _is_escaped(text) else None
    if raw is not None:
        return raw.decode("utf-8", "backslashreplace")
    return unsurrogate(text)


def _is_escaped(text: str) -> bool:
    try:
        text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return False
    return True


def has_surrogate(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (an undecodable byte kept by ``surrogateescape``, a JSON escape)."""
    return _SURROGATE.search(text) is not None


def unsurrogate(text: str) -> str:
    """``text`` with every lone surrogate (e.g. from a JSON ``"\\ud800"`` escape) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def bounded(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` cut to ``limit`` characters, ending in "…" and the original length when cut; surrogates replaced."""
    text = unsurrogate(text)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… [{len(text):,} characters in all]"


def bounded_source(source: str) -> str:
    """A locator kept under :data:`MAX_SOURCE` characters, its start (the file) and end (the record) kept."""
    source = unsurrogate(source)
    if len(source) <= MAX_SOURCE:
        return source
    keep = MAX_SOURCE // 2 - 2
    return f"{source[:keep]}…{source[-keep:]}"


def failed(locator: str, exc: InputError, *, url: str | None = None) -> Document:
    """A document for an input that could not be read: stable id from the locator, no text, one error.

    The message names the locator and is bounded (:func:`bounded`), whatever the exception quoted.
    """
    locator = bounded_source(locator)
    url = bounded_source(url) if url else None
    message = bounded(str(exc))
    if not message.startswith(locator.partition("#")[0]):
        message = bounded(f"{locator}: {message}")
    LOGGER.info("ingest %s: %s", exc.kind, message)
    article = Article(id=stable_id(url) if url else stable_id(locator), url=url, source=locator, text="")
    return Document(article=article, errors=[StageError(stage="ingest", kind=exc.kind, message=message)])


class Tally(Counter):
    """What ingest passed over on purpose, by reason (not an article, so no document and no store row).

    Reasons: ``warc-request``, ``warc-metadata`` … (``warc-`` and the record type), ``warc-http-<status>``,
    ``warc-not-text`` (images, scripts …), ``folder-notes`` (README, LICENSE …), ``hidden``, ``own-store``
    (the store, its WAL, any ``*.duckdb`` file), ``own-export`` (a dateline export: ``.parquet``/``.geojson`` in a
    folder, a JSONL of results, an event-table CSV). Pass one to ``read_paths(..., tally=)`` and read it after.
    """


def note(tally: Tally | None, reason: str, path: Path | str | None = None) -> None:
    """Count one input passed over for ``reason`` (and log it at debug level)."""
    if tally is not None:
        tally[reason] += 1
    if path is not None:
        LOGGER.debug("passed over %s: %s", display_path(path), reason)
