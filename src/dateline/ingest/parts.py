"""Inputs cut into parts that separate processes read independently (``dateline spark run``).

A part is a whole file, or for a big JSON Lines or WARC file a byte range that begins and ends on a record
boundary: a line start, or the start of a WARC record. Reading every part of a file gives the same documents, with
the same locators ("file.jsonl#12", "crawl.warc.gz#<urn:uuid:...>"), as reading the file whole; so a cluster's
output can be compared with the single-machine run's, field for field.

Where the boundaries are: a JSON Lines file is scanned once for newlines (about 1 GB/s), so every part also knows
the number of its first line. A WARC file is not scanned: near each cut the next record start is looked for: in a
``.warc.gz`` a gzip member whose first bytes inflate to ``WARC/`` (WARC writers compress each record as its own
member; an archive compressed as one stream has no such member and stays one part), in a ``.warc`` a ``WARC/1.x``
version line after the blank line that ends a record.
"""

from __future__ import annotations

import hashlib
import io
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .files import expand
from .limits import Tally, display_path

# A part is about this many bytes (a file at most this big is one part).
SPLIT_BYTES = 64 << 20

_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_WARC_SUFFIXES = (".warc", ".warc.gz")
# How far past a cut a record start is looked for before the rest of the file is left to the part before.
_SEARCH = 1 << 20
_PLAIN_RECORD = re.compile(rb"\r\n\r\n(WARC/1\.[01]\r\n)")


@dataclass(frozen=True, slots=True)
class Part:
    """One piece of one input file: bytes ``start`` to ``end`` (None: the end of the file)."""

    path: str  # as the reader opens it
    shown: str  # as documents name it (the path as given, like `dateline run`)
    start: int = 0
    end: int | None = None
    first_line: int = 1  # JSON Lines: the number of the line at ``start``
    index: int = 0  # this part's place among its file's parts
    count: int = 1  # how many parts the file has
    size: int = 0  # the file's size when planned

    @property
    def whole(self) -> bool:
        return self.count == 1

    @property
    def key(self) -> str:
        """A name for this part's output that is the same on every run over the same, unchanged input."""
        raw = f"{self.shown}\x1f{self.size}\x1f{self.start}\x1f{self.end}"
        return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:20]


def plan(
    paths: Iterable[Path], *, split_bytes: int = SPLIT_BYTES, exclude: Iterable[Path] = (), tally: Tally | None = None
) -> list[Part]:
    """The parts of every input file under ``paths``, in reading order (folders walked as ``read_paths`` walks)."""
    parts: list[Part] = []
    for path in expand(paths, exclude, tally):
        shown = display_path(path)
        try:
            size = path.stat().st_size if path.is_file() else 0
        except OSError:
            size = 0  # the reader reports it
        name = path.name.lower()
        cuts: list[tuple[int, int]] = []
        if size > split_bytes and name.endswith(_JSONL_SUFFIXES):
            cuts = _line_cuts(path, split_bytes)
        elif size > split_bytes and name.endswith(_WARC_SUFFIXES):
            cuts = [(c, 0) for c in _warc_cuts(path, size, split_bytes, name.endswith(".gz"))]
        bounds = [(0, 1), *cuts]
        for i, (start, line) in enumerate(bounds):
            end = bounds[i + 1][0] if i + 1 < len(bounds) else None
            parts.append(Part(str(path), shown, start, end, line, i, len(bounds), size))
    return parts


def window(fh: BinaryIO, start: int, end: int | None) -> BinaryIO:
    """``fh`` from byte ``start`` to ``end``, as a stream of its own (offsets and ``tell`` from 0)."""
    fh.seek(start)
    if end is None:
        return fh
    return io.BufferedReader(_Window(fh, end - start), buffer_size=1 << 16)  # type: ignore[return-value]


class _Window(io.RawIOBase):
    def __init__(self, fh: BinaryIO, length: int):
        self._fh, self._left, self._pos = fh, length, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def, override]
        n = min(len(buffer), self._left)
        if n <= 0:
            return 0
        data = self._fh.read(n)
        buffer[: len(data)] = data
        self._left -= len(data)
        self._pos += len(data)
        return len(data)

    def tell(self) -> int:
        return self._pos


def _line_cuts(path: Path, split_bytes: int) -> list[tuple[int, int]]:
    """(offset, line number) of the line starts that end parts of about ``split_bytes``."""
    size = path.stat().st_size
    cuts: list[tuple[int, int]] = []
    target, offset, lines = split_bytes, 0, 0
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 24), b""):
            while target - 1 - offset < len(chunk):  # a newline at or after target - 1 starts a line at or after it
                nl = chunk.find(b"\n", max(target - 1 - offset, 0))
                if nl < 0:
                    break
                cut = offset + nl + 1
                if cut < size:
                    cuts.append((cut, lines + chunk.count(b"\n", 0, nl + 1) + 1))
                target = cut + split_bytes
            lines += chunk.count(b"\n")
            offset += len(chunk)
    return cuts


def _warc_cuts(path: Path, size: int, split_bytes: int, gz: bool) -> list[int]:
    cuts: list[int] = []
    with path.open("rb") as fh:
        for target in range(split_bytes, size, split_bytes):
            if cuts and target <= cuts[-1]:
                continue
            found = _record_start(fh, target, gz)
            if found is not None and found < size and (not cuts or found > cuts[-1]):
                cuts.append(found)
    return cuts


def _record_start(fh: BinaryIO, target: int, gz: bool) -> int | None:
    """The offset of the first WARC record starting at or after ``target`` (within :data:`_SEARCH` bytes)."""
    if gz:
        fh.seek(target)
        data = fh.read(_SEARCH)
        for m in re.finditer(rb"\x1f\x8b\x08", data):
            if _inflates_to_warc(data[m.start() : m.start() + 4096]):
                return target + m.start()
        return None
    fh.seek(max(0, target - 4))
    data = fh.read(_SEARCH + 4)
    m = _PLAIN_RECORD.search(data)
    return max(0, target - 4) + m.start(1) if m else None


def _inflates_to_warc(head: bytes) -> bool:
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 16).startswith(b"WARC/")
    except zlib.error:
        return False
