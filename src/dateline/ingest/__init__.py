"""Ingest: readers for text, HTML, JSONL/CSV corpora and folders, and news-specific cleaning.

``read_paths`` expands files and folders into one :class:`~dateline.document.Document` per article;
``from_text`` and ``from_html`` do the same for a string, ``from_records`` for records given as data (the HTTP
API's submissions). Bad input never raises: the document carries
a ``StageError(stage="ingest")`` saying what was wrong, and the batch goes on.
"""

import logging

from .limits import Tally, display_path
from .readers import from_html, from_records, from_text, iso_date, read_paths

__all__ = ["Tally", "display_path", "from_html", "from_records", "from_text", "iso_date", "read_paths"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
