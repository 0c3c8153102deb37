"""Which file ingest is reading now, so that a library's log line (trafilatura, warcio) can name it.

``read_paths`` calls :func:`reading` before each file; :class:`FileLogFilter`, put on a log handler,
prefixes the records of other libraries with that file's name, shown safely when it is not UTF-8.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from pathlib import Path

from .limits import display_path

_CURRENT: ContextVar[str | None] = ContextVar("dateline_ingest_current_file", default=None)


def reading(path: str | Path | None) -> None:
    """Note the file being read now (``None`` when no file is)."""
    _CURRENT.set(None if path is None else str(path))


def current_file() -> str | None:
    """The file being read now, or None."""
    return _CURRENT.get()


class FileLogFilter(logging.Filter):
    """Prefix log records of other libraries with the file ingest is reading (dateline's own name it already)."""

    def filter(self, record: logging.LogRecord) -> bool:
        name = current_file()
        if name is not None and not record.name.startswith("dateline") and not getattr(record, "_dateline_file", 0):
            record.msg = f"{display_path(name)}: {record.getMessage()}"
            record.args = None
            record._dateline_file = 1  # a record passes several handlers: prefix it once
        return True
