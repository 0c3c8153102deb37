"""The embedded DuckDB store: idempotent, resumable writes of results, one row set per article.

Writes are delete-then-insert by article id inside one transaction, so writing the same article
twice leaves one copy everywhere and a killed run never leaves half an article behind. DuckDB
allows one writing process per file; a second one gets a :class:`~dateline.errors.StoreError`
that says so instead of DuckDB's lock message.

A file that is not a dateline store is refused before anything is written to it: a SQLite or any
other non-DuckDB file and a ``.wal`` that is not DuckDB's (or has no store beside it) by their first
bytes, before DuckDB opens them; a DuckDB database with objects of its own and no dateline migrations
before migrating. DuckDB never downloads or loads an extension for dateline, and new stores are
written in a storage format the duckdb 1.5 command-line tool reads (:data:`STORAGE_VERSION`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from ..errors import StoreError
from ..model import Result
from .merge import cluster_events
from .migrations import MIGRATIONS
from .rows import CHILD_TABLES, TABLES, Row, result_rows

LOGGER = logging.getLogger(__name__)

DEFAULT_DB = Path("dateline.duckdb")

# Seconds a writer waits for a reader (a request of `dateline serve`) to close the store before giving up.
WRITER_WAIT = 3.0

# Rows per INSERT statement: DuckDB's per-statement cost dominates small inserts, so batch them.
_INSERT_CHUNK = 500


class Store:
    """A dateline DuckDB file: ``Store(path)`` opens (and creates or upgrades) it; use as a context manager."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False):
        self.path = Path(path).expanduser()
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError(f"no dateline store at {self.path}; create one with `dateline run PATH --db {self.path}`")
        if not read_only and self.path.parent != Path() and not self.path.parent.exists():
            raise StoreError(f"cannot create the store {self.path}: folder {self.path.parent} does not exist")
        self._con = _connect_waiting(self.path, read_only)
        try:
            self._migrate()
            self._types = _column_types(self._con)
        except BaseException:
            # leave a refused file as it was: no checkpoint of a WAL DuckDB replayed on opening it
            with contextlib.suppress(duckdb.Error):
                self._con.execute("PRAGMA disable_checkpoint_on_shutdown")
            self._con.close()
            raise

    # -- lifecycle -------------------------------------------------------------------------------
    def _migrate(self) -> None:
        try:
            foreign = MIGRATIONS.foreign_objects(self._con)
            if foreign:
                shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
                raise StoreError(
                    f"{self.path} is a DuckDB database but not a dateline store (it holds {shown} and no dateline "
                    "migrations); dateline leaves it untouched: give another --db"
                )
            if self.read_only:
                pending = MIGRATIONS.pending(self._con)
                if pending:
                    raise StoreError(
                        f"{self.path} is not an up-to-date dateline store (missing migrations: {', '.join(pending)}); "
                        "open it once for writing, e.g. with `dateline run`, to upgrade it"
                    )
            else:
                MIGRATIONS.apply(self._con)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path} is not a usable dateline store: {exc}") from exc

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def connection(self) -> Any:
        """The DuckDB connection, for queries and exports."""
        return self._con

    # -- reading ---------------------------------------------------------------------------------
    def has(self, article_id: str) -> bool:
        """Whether the article is stored (used to skip it before the NLP pass when resuming)."""
        return self._con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def ids(self) -> set[str]:
        return {aid for (aid,) in self._con.execute("SELECT id FROM articles").fetchall()}

    def results(self) -> Iterator[Result]:
        """Every stored result, in the order they were ingested."""
        for text in self.result_json():
            yield Result.model_validate_json(text)

    def result_json(self) -> Iterator[str]:
        """Every stored result as the JSON text ``dateline extract`` printed for it, in ingestion order."""
        cursor = self._con.cursor()
        try:
            cursor.execute("SELECT result FROM articles ORDER BY ingested_at, id")
            while rows := cursor.fetchmany(256):
                for (text,) in rows:
                    yield text
        finally:
            cursor.close()

    def summary(self) -> dict[str, int]:
        """Counts for the run summary: distinct actors and places across articles, rows elsewhere."""
        query = """
            SELECT
                (SELECT count(*) FROM articles),
                (SELECT count(DISTINCT actor_id) FROM actors),
                (SELECT count(DISTINCT geonameid) FROM places WHERE geonameid IS NOT NULL)
                  + (SELECT count(DISTINCT lower(name)) FROM places WHERE geonameid IS NULL),
                (SELECT count(*) FROM places WHERE geonameid IS NULL),
                (SELECT count(*) FROM events),
                (SELECT count(DISTINCT cluster_id) FROM event_clusters WHERE n_articles > 1),
                (SELECT count(*) FROM quotes),
                (SELECT count(*) FROM errors),
                (SELECT count(*) FROM articles WHERE n_errors > 0)
        """
        keys = (
            "articles",
            "actors",
            "places",
            "unresolved_places",
            "events",
            "events_reported_by_several_articles",
            "quotes",
            "errors",
            "articles_with_errors",
        )
        return dict(zip(keys, self._con.execute(query).fetchone(), strict=True))

    # -- writing ---------------------------------------------------------------------------------
    def write(self, result: Result) -> None:
        """Store one result in one transaction, replacing any earlier copy of the same article."""
        self.write_many([result])

    def write_many(self, results: Iterable[Result]) -> int:
        """Store results in one transaction (each replacing its earlier copy); returns how many.

        Batching saves DuckDB's per-statement cost; every article still lands whole or not at all.
        Within a batch the last result for an article id wins.
        """
        if self.read_only:
            raise StoreError(f"{self.path} was opened read-only")
        latest = {r.article.id: r for r in results}
        if not latest:
            return 0
        now = datetime.now(UTC).replace(tzinfo=None)
        rows: dict[str, list[Row]] = {table: [] for table in TABLES}
        for result in latest.values():
            for table, table_rows in result_rows(result, now).items():
                rows[table].extend(table_rows)
        ids = list(latest)
        con = self._con
        try:
            con.execute("BEGIN TRANSACTION")
            try:
                stored = con.execute(
                    "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
                ).fetchall()
                if stored:
                    replace = [aid for (aid,) in stored]
                    for table in (*CHILD_TABLES, "event_clusters"):
                        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [replace])
                    con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [replace])
                for table in TABLES:
                    _insert(con, table, rows[table], self._types[table])
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        except duckdb.Error as exc:
            raise StoreError(f"could not write article(s) {', '.join(ids[:3])} to {self.path}: {exc}") from exc
        return len(latest)

    def cluster_events(self) -> int:
        """Merge the same event reported by several articles (see :mod:`dateline.store.merge`).

        ``run`` calls it once at the end; call it after your own ``write`` calls. Returns the number of
        clusters with events from more than one article.
        """
        if self.read_only:
            raise StoreError(f"{self.path} was opened read-only")
        con = self._con
        try:
            con.execute("BEGIN TRANSACTION")
            try:
                merged = cluster_events(con)
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        except duckdb.Error as exc:
            raise StoreError(f"could not merge events in {self.path}: {exc}") from exc
        return merged


def _insert(con: Any, table: str, rows: list[Row], types: dict[str, str]) -> None:
    """Insert rows with one statement whose only parameter is the rows as JSON.

    DuckDB's Python binding costs ~20 µs per bound parameter, so a VALUES list of 40 columns × 100
    rows is slow; one JSON text unpacked by ``from_json`` in SQL is ~10× faster.
    """
    if not rows:
        return
    columns = list(rows[0])
    # JSON columns travel as their text and are cast on insert, so stored JSON keeps its exact form.
    structure = {c: "VARCHAR" if types[c] == "JSON" else types[c] for c in columns}
    select = ", ".join(f"r.{c}" for c in columns)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} FROM (SELECT unnest(from_json(?::JSON, ?)) AS r)"
    for i in range(0, len(rows), _INSERT_CHUNK):
        payload = json.dumps(rows[i : i + _INSERT_CHUNK], ensure_ascii=False, default=_json_default)
        con.execute(sql, [payload, json.dumps([structure])])


def _json_default(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    raise TypeError(f"cannot store {type(value).__name__} {value!r}")


def _column_types(con: Any) -> dict[str, dict[str, str]]:
    rows = con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'main'"
    ).fetchall()
    types: dict[str, dict[str, str]] = {}
    for table, column, data_type in rows:
        types.setdefault(table, {})[column] = data_type
    return types


# A DuckDB database file has these four bytes at offset 8 (after its header checksum).
_DUCKDB_MAGIC = b"DUCK"
_SQLITE_MAGIC = b"SQLite format 3\x00"
# Every write-ahead log DuckDB writes starts with its version entry: field 100 (wal_type) = 98 (WAL_VERSION).
_WAL_MAGIC = bytes.fromhex("64006265")

# Stores are created in DuckDB's v1.5 storage format, which the duckdb 1.5 command-line tool (the newest
# `duckdb-cli` on PyPI) and every newer DuckDB read; the Python duckdb 2.x default ("latest") they cannot.
# DuckDB keeps a file's format for its lifetime, so the setting only matters when the file is created.
STORAGE_VERSION = "v1.5.0"


def connect_config(library_version: str = duckdb.__version__) -> dict[str, Any]:
    """The settings of every store connection.

    No extension is ever downloaded or loaded behind dateline's back (DuckDB would fetch `sqlite_scanner` to open a
    SQLite file given as the store); JSON and Parquet are built into the Python wheel. A duckdb library older than
    1.5 does not know :data:`STORAGE_VERSION` and writes an older format by default, which the 1.5 CLI reads too.
    """
    config: dict[str, Any] = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    major_minor = tuple(int(part) for part in re.findall(r"\d+", library_version)[:2])
    if major_minor >= (1, 5):
        config["storage_compatibility_version"] = STORAGE_VERSION
    return config


def check_files(path: Path) -> None:
    """Refuse, before DuckDB sees them, a store file that is not a DuckDB database and a WAL DuckDB cannot use.

    DuckDB itself would open a SQLite file through an extension, and would silently discard a ``.wal`` that is
    not a DuckDB log (or, with no store beside it, start a new store over it): dateline stops and says so.
    """
    if path.exists():
        if not path.is_file():
            raise StoreError(f"cannot use {path} as the store: it is not a file")
        with path.open("rb") as fh:
            head = fh.read(16)
        if not head:
            raise StoreError(f"{path} is an empty file, not a DuckDB database; delete it to create a store there")
        if head.startswith(_SQLITE_MAGIC):
            raise StoreError(f"{path} is a SQLite database, not a dateline (DuckDB) store; give another --db")
        if head[8:12] != _DUCKDB_MAGIC:
            raise StoreError(f"{path} is not a DuckDB database (nor a dateline store); give another --db")
    wal = path.with_name(path.name + ".wal")
    if not wal.exists():
        return
    if not path.exists():
        raise StoreError(
            f"found the write-ahead log {wal} but no store {path} beside it: it belongs to a store that was moved "
            "or deleted, and DuckDB would start a new store over it; move the .wal away (or put its store back)"
        )
    with wal.open("rb") as fh:
        head = fh.read(len(_WAL_MAGIC))
    if head and not _WAL_MAGIC.startswith(head[: len(_WAL_MAGIC)]):
        raise StoreError(
            f"{wal} is not a DuckDB write-ahead log (DuckDB would discard it silently); if it is not yours, move it "
            f"away and {path} opens as of its last checkpoint"
        )


def _connect_waiting(path: Path, read_only: bool) -> Any:
    """:func:`_connect`, and a writer waits up to ``WRITER_WAIT`` seconds for the store to be free: a `dateline
    serve` holds it read-only for the length of one request, which must not make a `dateline run` fail."""
    deadline = time.monotonic() + (0.0 if read_only else WRITER_WAIT)
    while True:
        try:
            return _connect(path, read_only)
        except StoreError as exc:
            if "in use by another" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.1)


def _connect(path: Path, read_only: bool) -> Any:
    try:
        check_files(path)
    except OSError as exc:
        raise StoreError(f"cannot read the store {path}: {exc.strerror or exc}") from exc
    try:
        return duckdb.connect(str(path), read_only=read_only, config=connect_config())
    except duckdb.IOException as exc:
        message = str(exc)
        if "lock" in message.lower():
            pid = re.search(r"PID (\d+)", message)
            holder = f" (process {pid.group(1)})" if pid else ""
            raise StoreError(
                f"the store {path} is in use by another dateline or DuckDB process{holder}; DuckDB allows one "
                "writer per file: wait for it to finish, or use another --db"
            ) from exc
        raise StoreError(f"cannot open the store {path}: {_wal_hint(message)}") from exc
    except duckdb.Error as exc:
        raise StoreError(f"cannot open the store {path}: {_wal_hint(str(exc))}") from exc


# DuckDB's messages about a WAL it will not replay, and what to do about each (the store is not opened).
_WAL_HINTS = (
    ("WAL does not match database file", "the .wal belongs to another database: move it away to open the store"),
    (
        "checkpoint iteration does not match",
        "the .wal is from an older state of this store, whose writes a later checkpoint saved (unless the store "
        "was restored from a copy): move it away to open the store",
    ),
    (
        "WAL",
        "the .wal is damaged: keep a copy, then move it away to open the store as of its last checkpoint; the "
        "writes after that checkpoint are lost",
    ),
)


def _wal_hint(message: str) -> str:
    """DuckDB's message about a WAL it cannot replay, with what to do about it."""
    if "replaying WAL" not in message and "This WAL" not in message and "Corrupt WAL" not in message:
        return message
    hint = next(hint for marker, hint in _WAL_HINTS if marker in message)
    return f"{message} ({hint})"
