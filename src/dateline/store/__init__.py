"""The DuckDB store: schema migrations, idempotent per-article writes, and exports."""

from .db import DEFAULT_DB, Store
from .export import ACLED_TYPES, FORMATS, ExportCount, export

__all__ = ["ACLED_TYPES", "DEFAULT_DB", "FORMATS", "ExportCount", "Store", "export"]
