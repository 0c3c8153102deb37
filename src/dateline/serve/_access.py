"""How the server opens the store: briefly, per request, so that it and a running ``dateline run`` never
corrupt each other.

DuckDB lets one process write a file, or several processes read it, never both (a file lock; a second opener
gets an error, nothing is damaged). The server therefore holds **no connection between requests**: each read
opens the store read-only and closes it when the answer is built, so ``dateline run`` can start at any time the
server is idle; each write (``POST /api/articles``) opens it for writing. While another process writes, the
store cannot be opened: the server waits a moment (``WAIT``) and then answers 503 with ``Retry-After``, and the
page retries. Inside the server, reads share the file and a write waits for them to finish (DuckDB refuses to
open a file read-write in a process that has it open read-only), which :class:`ReadWriteLock` arranges.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..store import Store

LOGGER = logging.getLogger(__name__)

# Seconds to keep trying while another process holds the store, before answering 503.
WAIT = 2.0


class StoreBusy(Exception):
    """Another process (a ``dateline run``) is writing the store."""


class ReadWriteLock:
    """Many readers or one writer, writers first once one waits (reads are short, so a write is not starved)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._waiting_writers = 0

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            while self._writing or self._waiting_writers:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._waiting_writers += 1
            while self._writing or self._readers:
                self._cond.wait()
            self._waiting_writers -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class StoreAccess:
    """Opens the store at ``path`` for one request at a time (see the module's docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = ReadWriteLock()

    def upgrade(self) -> None:
        """Bring a store an older dateline wrote up to date (its migrations), as ``dateline run`` would: reads are
        read-only and cannot. A store another process is writing is left to that writer, which migrates it."""
        if not self.path.exists():
            return  # each request says there is no store; the server creates none
        try:
            Store(self.path).close()
        except StoreError as exc:
            if "in use by another" not in str(exc):
                raise
            LOGGER.info("%s is being written by another process; its writer brings it up to date", self.path)

    @contextlib.contextmanager
    def read(self) -> Iterator[Any]:
        """A read-only DuckDB connection for one request."""
        with self.lock.reading(), self._open(read_only=True) as store:
            yield store.connection

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """Exclusive use of the store inside this server (the caller opens it for writing, e.g. ``core.run``)."""
        with self.lock.writing():
            yield

    @contextlib.contextmanager
    def _open(self, *, read_only: bool) -> Iterator[Store]:
        deadline = time.monotonic() + WAIT
        while True:
            try:
                store = Store(self.path, read_only=read_only)
                break
            except StoreError as exc:
                if "in use by another" not in str(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise StoreBusy(str(exc)) from exc
                time.sleep(0.1)
        try:
            yield store
        finally:
            store.close()
