"""Ingest: readers for text, HTML, JSONL/CSV corpora and folders, and news-specific cleaning.

``read_paths`` expands files and folders into one :class:`~dateline.document.Document` per article;
``plan`` cuts the same inputs into parts (big JSONL and WARC files into byte ranges) and
``read_part`` reads one, as a cluster's tasks do; ``from_text`` and ``from_html`` do the same for a
string, ``from_records`` for records given as data (the HTTP API's submissions). Bad input never
raises: the document carries a ``StageError(stage="ingest")`` saying what was wrong, and the batch goes on.
"""

import logging

from .limits import Tally, display_path
from .parts import SPLIT_BYTES, Part, plan
from .readers import from_html, from_records, from_text, iso_date, read_part, read_paths

__all__ = [
    "SPLIT_BYTES",
    "Part",
    "Tally",
    "display_path",
    "from_html",
    "from_records",
    "from_text",
    "iso_date",
    "plan",
    "read_part",
    "read_paths",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
