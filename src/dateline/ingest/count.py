"""A cheap count of the documents under some paths, for a progress bar's total: no parsing, no decoding.

A JSONL file counts its non-blank lines, a CSV file its non-blank lines after the header (a quoted cell
holding line breaks makes that an overcount), any other file one document. How many pages a WARC
archive holds is unknown without decompressing it: each counts as one and ``warc_files`` says how many.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .files import expand
from .readers import CSV_SUFFIXES, JSONL_SUFFIXES, WARC_SUFFIXES

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class InputCount:
    """Documents expected under the paths (a floor when ``warc_files``), files, and WARC archives among them."""

    documents: int
    files: int
    warc_files: int

    @property
    def exact(self) -> bool:
        return not self.warc_files


def count_inputs(paths: Iterable[Path], exclude: Iterable[Path] = ()) -> InputCount:
    """Count the documents ``read_paths`` will yield for ``paths`` (less ``exclude``), reading JSONL/CSV files as
    bytes only."""
    documents = files = warc = 0
    for path in expand((Path(p) for p in paths), exclude, None):
        files += 1
        name = path.name.lower()
        if name.endswith(WARC_SUFFIXES):
            warc += 1
            documents += 1
        elif path.suffix.lower() in JSONL_SUFFIXES:
            documents += max(1, _nonblank_lines(path))
        elif path.suffix.lower() in CSV_SUFFIXES:
            documents += max(1, _nonblank_lines(path) - 1)
        else:
            documents += 1
    return InputCount(documents, files, warc)


def _nonblank_lines(path: Path) -> int:
    """Lines holding more than whitespace, in 1 MB chunks (a file of one huge line costs no memory)."""
    count = 0
    pending = False  # the current line so far holds more than whitespace
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                pieces = chunk.split(b"\n")
                for piece in pieces[:-1]:
                    count += pending or bool(piece.strip())
                    pending = False
                pending = pending or bool(pieces[-1].strip())
    except OSError:
        return 1
    return count + pending
