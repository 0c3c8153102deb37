"""Exceptions dateline raises for misuse; per-document problems become StageError values instead."""


class DatelineError(Exception):
    """Base class of every error dateline raises on purpose."""


class InputError(DatelineError):
    """An input could not be read as an article (empty, binary, too large, not English, ...).

    ``kind`` is the machine-readable reason stored with the document's error record.
    """

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


class PipelineError(DatelineError):
    """The stages were put together wrongly, e.g. a stage needs what no earlier stage assigns."""


class StoreError(DatelineError):
    """The DuckDB store could not be opened or written."""
