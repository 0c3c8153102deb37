"""Which files a run reads: folders walked in order, dateline's own files and folder notes passed over, and
links, FIFOs and devices told apart without opening them.

Why: a folder may hold the run's own store and WAL, its exports, symbolic-link loops or a FIFO (opening
one blocks forever). Each is either passed over on purpose (counted in a :class:`Tally`) or given an error
record by the reader; nothing is skipped silently.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from .limits import Tally, bounded, display_path, note

# Files in a folder that describe the folder rather than hold an article.
_NOT_ARTICLES = re.compile(r"^(?:readme|license|licence|copying|changelog|notice)(?:\.\w+)?$", re.IGNORECASE)
# dateline's own files, never read as input when met in a folder: DuckDB stores and their write-ahead logs,
# and the Parquet and GeoJSON exports (CSV and JSONL exports are told by their first line).
_OWN_SUFFIXES = (".duckdb", ".duckdb.wal")
_EXPORT_SUFFIXES = (".parquet", ".geojson")


def _resolved(paths: Iterable[Path]) -> frozenset[str]:
    out = set()
    for path in paths:
        try:
            out.add(os.path.realpath(path))
        except (OSError, ValueError):
            continue
    return frozenset(out)


def _own_file(path: Path, excluded: frozenset[str]) -> bool:
    """A file dateline wrote: the store or its WAL (``exclude``), or any DuckDB database or WAL in a folder."""
    if path.name.lower().endswith(_OWN_SUFFIXES):
        return True
    try:
        return bool(excluded) and os.path.realpath(path) in excluded
    except (OSError, ValueError):
        return False


def expand(paths: Iterable[Path], exclude: Iterable[Path], tally: Tally | None) -> Iterator[Path]:
    """Files under ``paths`` in order (folders walked, sorted); what is not an input is counted in ``tally``."""
    excluded = _resolved(exclude)
    for path in paths:
        path = Path(path)
        if _is_dir(path):
            yield from _walk(path, excluded, tally)
        elif _own_file(path, excluded):
            note(tally, "own-store", path)
        else:
            yield path


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _walk(folder: Path, excluded: frozenset[str], tally: Tally | None) -> Iterator[Path]:
    """Every entry under ``folder`` that could hold an article: links and special files too (they get a record)."""
    for child in sorted(folder.rglob("*")):
        relative = child.relative_to(folder).parts
        if any(part.startswith(".") for part in relative):
            if not (child.is_dir() and not child.is_symlink()):
                note(tally, "hidden", child)
            continue
        if child.is_dir() and not child.is_symlink():
            continue  # rglob walks into it
        if _NOT_ARTICLES.match(child.name):
            note(tally, "folder-notes", child)
            continue
        if _own_file(child, excluded):
            note(tally, "own-store", child)
            continue
        if child.name.lower().endswith(_EXPORT_SUFFIXES):
            note(tally, "own-export", child)
            continue
        yield child


def file_size(path: Path, source: str) -> int:
    """The size of a regular file; an error for links that lead nowhere, folders, FIFOs, sockets and devices.

    Only ``stat`` is called: a FIFO is never opened (opening one blocks until someone writes to it).
    """
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        if path.is_symlink():
            raise InputError("dangling-link", f"{source}: a symbolic link to nothing ({_link_target(path)})") from exc
        raise InputError("not-found", f"{source}: no such file or folder") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("symlink-loop", f"{source}: a loop of symbolic links") from exc
        raise InputError("unreadable", f"{source}: cannot read ({exc.strerror or exc})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError("linked-folder", f"{source}: a symbolic link to a folder is not followed; give the folder")
    if not stat.S_ISREG(info.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) else "a device"
        raise InputError("not-a-regular-file", f"{source}: {kind}, not a file; not opened")
    return info.st_size


def _link_target(path: Path) -> str:
    try:
        return "points to " + bounded(display_path(os.readlink(path)), 200)
    except OSError:
        return "target unknown"
