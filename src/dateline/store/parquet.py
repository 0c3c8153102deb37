"""A store as a folder of Parquet files, and back: what a cluster run writes and ``dateline import`` loads.

Layout of a dataset folder (``dateline spark run --output DIR``):

- ``store/<table>/part-<key>.parquet``: the store's own tables (``articles`` with each result's JSON, ``actors``,
  ``places``, ``times``, ``quotes``, ``events``, ``event_actors``, ``casualties``, ``errors``), column for column as
  in DuckDB, one file per input part;
- ``events/event_month=YYYY-MM/*.parquet``: the ACLED-like event table of ``dateline export --format parquet``
  (its columns, its values), partitioned by the month of the event's date (``unknown`` when it has none);
- ``clusters/*.parquet``: the cross-article merge (``event_clusters``);
- ``_done/<key>.json``: one marker per finished input part (what a re-run skips).

An article stored twice (the same URL in two inputs) keeps the copy of the part whose file name sorts first.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .acled import sql_str
from .db import Store
from .export import event_table_sql, prepare
from .rows import TABLES

LOGGER = logging.getLogger(__name__)

STORE_DIR = "store"
UNMERGED_DIR = "_unmerged"  # the event table of each part before the merge fills its cluster columns

# The month an event table row is filed under.
EVENT_MONTH_SQL = "coalesce(strftime(event_date, '%Y-%m'), 'unknown')"


def write_part(store: Store, folder: Path, key: str) -> dict[str, int]:
    """Write every table of ``store`` (one input part's results) under ``folder``; returns rows per table."""
    con = store.connection
    counts: dict[str, int] = {}
    for table in TABLES:
        target = folder / STORE_DIR / table
        target.mkdir(parents=True, exist_ok=True)
        row = con.execute(f"COPY (SELECT * FROM {table}) TO {sql_str(str(target / f'part-{key}.parquet'))}").fetchone()
        counts[table] = int(row[0]) if row else 0
    target = folder / UNMERGED_DIR
    target.mkdir(parents=True, exist_ok=True)
    cursor = con.cursor()
    try:
        prepare(cursor)
        query = f"SELECT *, {EVENT_MONTH_SQL} AS event_month FROM ({event_table_sql(lists=True)})"
        cursor.execute(f"COPY ({query}) TO {sql_str(str(target / f'part-{key}.parquet'))}")
    finally:
        cursor.close()
    return counts


def import_dataset(store: Store, folder: Path) -> dict[str, int]:
    """Load a dataset folder's store tables into ``store``: articles it already holds are left as they are (so an
    import is idempotent); then the events are merged across articles. Returns the articles and rows added."""
    root = folder / STORE_DIR
    if not (root / "articles").is_dir():
        raise StoreError(f"{folder} is not a dateline dataset: it has no {STORE_DIR}/articles folder")
    con = store.connection
    added: dict[str, int] = {}
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            _keep(con, root)
            for table in TABLES:
                added[table] = _load(con, root, table)
            con.execute("DROP TABLE _dl_keep")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    except Exception as exc:  # duckdb.Error, or a folder of foreign Parquet files
        raise StoreError(f"could not import {folder} into {store.path}: {exc}") from exc
    store.cluster_events()
    return added


def _files(root: Path, table: str) -> str:
    return sql_str(str(root / table / "*.parquet"))


def _keep(con: Any, root: Path) -> None:
    """The (article, file) pairs to load: articles not stored yet, each from the first file that holds it."""
    con.execute(
        f"""CREATE TEMP TABLE _dl_keep AS
        SELECT id, min(parse_filename(filename)) AS part FROM read_parquet({_files(root, "articles")}, filename = true)
        WHERE id NOT IN (SELECT id FROM articles) GROUP BY id"""
    )


def _load(con: Any, root: Path, table: str) -> int:
    if not any((root / table).glob("*.parquet")):
        return 0
    key = "id" if table == "articles" else "article_id"
    part = f"read_parquet({_files(root, table)}, filename = true)"
    row = con.execute(
        f"""INSERT INTO {table} BY NAME SELECT t.* EXCLUDE (filename) FROM {part} t
        JOIN _dl_keep k ON k.id = t.{key} AND k.part = parse_filename(t.filename)"""
    ).fetchone()
    return int(row[0]) if row else 0
