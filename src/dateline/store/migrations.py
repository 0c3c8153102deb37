"""Named schema migrations for the DuckDB store, applied once each and recorded in ``_migrations``.

Like sqlite-utils' ``Migrations``: a migration is a function registered under a name; ``apply`` runs
the ones a database has not seen yet, each in its own transaction, so opening a store is safe to
repeat and an older store is upgraded in place. Never edit a released migration: add a new one.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ..model import SCHEMA_VERSION, Result
from .dates import date_columns

LOGGER = logging.getLogger(__name__)

Migration = Callable[[Any], None]


class Migrations:
    """An ordered set of named migrations, recorded per ``set_name`` in the ``_migrations`` table."""

    TABLE = "_migrations"

    def __init__(self, set_name: str):
        self.set_name = set_name
        self._steps: list[tuple[str, Migration]] = []

    def __call__(self, name: str) -> Callable[[Migration], Migration]:
        """Decorator: register ``fn(connection)`` under ``name``, after the ones already registered."""

        def register(fn: Migration) -> Migration:
            if any(n == name for n, _ in self._steps):
                raise ValueError(f"migration {name!r} is registered twice")
            self._steps.append((name, fn))
            return fn

        return register

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self._steps]

    def applied(self, con: Any) -> set[str]:
        """Names already applied to this database (empty for a new one)."""
        exists = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [self.TABLE]
        ).fetchone()[0]
        if not exists:
            return set()
        rows = con.execute(f"SELECT name FROM {self.TABLE} WHERE migration_set = ?", [self.set_name]).fetchall()
        return {name for (name,) in rows}

    def foreign_objects(self, con: Any) -> list[str]:
        """The tables and views of a database this set never migrated (empty for a new database or one of ours).

        A database holding anything besides ``_migrations`` with none of this set's migrations recorded belongs
        to someone else: migrating it would add our tables to theirs.
        """
        if self.applied(con):
            return []
        rows = con.execute(_OBJECTS, [self.TABLE]).fetchall()
        return [name if schema in ("main", "") else f"{schema}.{name}" for schema, name in rows]

    def pending(self, con: Any) -> list[str]:
        done = self.applied(con)
        return [name for name in self.names if name not in done]

    def apply(self, con: Any) -> list[str]:
        """Run every pending migration in order, each in its own transaction; return their names."""
        con.execute(
            f"CREATE TABLE IF NOT EXISTS {self.TABLE} ("
            "migration_set VARCHAR NOT NULL, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL, "
            "PRIMARY KEY (migration_set, name))"
        )
        done = self.applied(con)
        ran = []
        for name, fn in self._steps:
            if name in done:
                continue
            con.execute("BEGIN TRANSACTION")
            try:
                fn(con)
                con.execute(
                    f"INSERT INTO {self.TABLE} VALUES (?, ?, ?)",
                    [self.set_name, name, datetime.now(UTC).replace(tzinfo=None)],
                )
            except Exception:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
            LOGGER.info("applied migration %s/%s", self.set_name, name)
            ran.append(name)
        return ran


# Everything a user can create in a DuckDB database, by (schema, name): tables, views, sequences, macros, types
# and schemas of their own.
_OBJECTS = """
SELECT schema_name, table_name FROM duckdb_tables()
    WHERE database_name = current_database() AND NOT internal AND NOT temporary AND table_name <> ?
UNION ALL SELECT schema_name, view_name FROM duckdb_views()
    WHERE database_name = current_database() AND NOT internal AND NOT temporary
UNION ALL SELECT schema_name, sequence_name FROM duckdb_sequences()
    WHERE database_name = current_database() AND NOT temporary
UNION ALL SELECT schema_name, function_name FROM duckdb_functions()
    WHERE database_name = current_database() AND NOT internal
UNION ALL SELECT schema_name, type_name FROM duckdb_types() WHERE database_name = current_database() AND NOT internal
UNION ALL SELECT '', schema_name FROM duckdb_schemas() WHERE database_name = current_database() AND NOT internal
ORDER BY ALL
"""

MIGRATIONS = Migrations("dateline")


@MIGRATIONS("0001_initial")
def _initial(con: Any) -> None:
    """The first schema: one row per article, its facts in one table each, keyed by article id."""
    for statement in _INITIAL.split(";"):
        if statement.strip():
            con.execute(statement)


_INITIAL = """
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    url VARCHAR,
    source VARCHAR,
    site VARCHAR,
    title VARCHAR,
    authors VARCHAR[],
    published VARCHAR,
    published_basis VARCHAR,
    dateline_place VARCHAR,
    dateline_date VARCHAR,
    dateline_value VARCHAR,
    dateline_geonameid BIGINT,
    language VARCHAR,
    text VARCHAR,
    n_errors INTEGER,
    ingested_at TIMESTAMP NOT NULL,
    schema_version VARCHAR NOT NULL,
    result JSON NOT NULL
);
CREATE TABLE actors (
    article_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    name VARCHAR,
    kind VARCHAR,
    country VARCHAR,
    role VARCHAR,
    affiliation VARCHAR,
    cameo VARCHAR,
    wikidata VARCHAR,
    known BOOLEAN,
    aliases VARCHAR[],
    mentions JSON,
    n_mentions INTEGER,
    confidence DOUBLE,
    PRIMARY KEY (article_id, actor_id)
);
CREATE TABLE places (
    article_id VARCHAR NOT NULL,
    place_key VARCHAR NOT NULL,
    geonameid BIGINT,
    name VARCHAR,
    feature_class VARCHAR,
    feature_code VARCHAR,
    country VARCHAR,
    country_iso3 VARCHAR,
    admin1 VARCHAR,
    admin1_code VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    resolved BOOLEAN,
    mentions JSON,
    n_mentions INTEGER,
    confidence DOUBLE,
    reason VARCHAR[],
    PRIMARY KEY (article_id, place_key)
);
CREATE TABLE times (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    start_char INTEGER,
    end_char INTEGER,
    text VARCHAR,
    value VARCHAR,
    granularity VARCHAR,
    anchor VARCHAR,
    confidence DOUBLE,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE quotes (
    article_id VARCHAR NOT NULL,
    quote_id VARCHAR NOT NULL,
    start_char INTEGER,
    end_char INTEGER,
    text VARCHAR,
    kind VARCHAR,
    speaker_actor VARCHAR,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_text VARCHAR,
    cue_start INTEGER,
    cue_end INTEGER,
    cue_text VARCHAR,
    medium_name VARCHAR,
    medium_actor VARCHAR,
    medium_start INTEGER,
    medium_end INTEGER,
    medium_text VARCHAR,
    sources JSON,
    said_at_start INTEGER,
    said_at_end INTEGER,
    said_at_text VARCHAR,
    confidence DOUBLE,
    PRIMARY KEY (article_id, quote_id)
);
CREATE TABLE events (
    article_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    mode VARCHAR,
    cameo VARCHAR,
    place_geonameid BIGINT,
    place_name VARCHAR,
    place_start INTEGER,
    place_end INTEGER,
    place_text VARCHAR,
    place_precision INTEGER,
    place_reason VARCHAR,
    date_value VARCHAR,
    date_granularity VARCHAR,
    date_basis VARCHAR,
    date_start INTEGER,
    date_end INTEGER,
    date_text VARCHAR,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    trigger_text VARCHAR NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence_text VARCHAR NOT NULL,
    speaker_actor VARCHAR,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_text VARCHAR,
    medium VARCHAR,
    quote_id VARCHAR,
    outlet VARCHAR,
    cited_sources JSON,
    factuality VARCHAR,
    factuality_cue_start INTEGER,
    factuality_cue_end INTEGER,
    factuality_cue_text VARCHAR,
    confidence DOUBLE,
    merged_articles VARCHAR[],
    PRIMARY KEY (article_id, event_id)
);
CREATE TABLE event_actors (
    article_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    actor_id VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    span_text VARCHAR,
    PRIMARY KEY (article_id, event_id, role, idx)
);
CREATE TABLE errors (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    source VARCHAR,
    stage VARCHAR,
    kind VARCHAR,
    message VARCHAR,
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (article_id, idx)
)
"""


@MIGRATIONS("0002_casualties_mentions_clusters")
def _casualties_mentions_clusters(con: Any) -> None:
    """Casualty counts, every mention of an event, factuality scopes and quote factuality, a place's actor
    mentions, and the cross-article event clusters."""
    for statement in _CASUALTIES_MENTIONS_CLUSTERS.split(";"):
        if statement.strip():
            con.execute(statement)


_CASUALTIES_MENTIONS_CLUSTERS = """
ALTER TABLE events ADD COLUMN mentions JSON;
ALTER TABLE events ADD COLUMN factuality_scope_start INTEGER;
ALTER TABLE events ADD COLUMN factuality_scope_end INTEGER;
ALTER TABLE events ADD COLUMN factuality_scope_text VARCHAR;
ALTER TABLE quotes ADD COLUMN factuality VARCHAR;
ALTER TABLE quotes ADD COLUMN factuality_cue_start INTEGER;
ALTER TABLE quotes ADD COLUMN factuality_cue_end INTEGER;
ALTER TABLE quotes ADD COLUMN factuality_cue_text VARCHAR;
ALTER TABLE places ADD COLUMN actor_mentions JSON;
CREATE TABLE casualties (
    article_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    low INTEGER,
    high INTEGER,
    qualifier VARCHAR,
    who VARCHAR,
    actor_id VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    span_text VARCHAR,
    confidence DOUBLE,
    PRIMARY KEY (article_id, event_id, idx)
);
CREATE TABLE event_clusters (
    article_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    cluster_id VARCHAR NOT NULL,
    n_articles INTEGER NOT NULL,
    n_outlets INTEGER NOT NULL,
    cluster_confidence DOUBLE,
    PRIMARY KEY (article_id, event_id)
)
"""


@MIGRATIONS("0003_place_country_iso3")
def _place_country_iso3(con: Any) -> None:
    """Result schema 2.0: a place's ``country`` is ISO 3166 alpha-3 like every country in the model, its alpha-2
    code is ``country_iso2``. The places table's columns and every stored result follow."""
    con.execute("ALTER TABLE places RENAME COLUMN country TO country_iso2")
    con.execute("ALTER TABLE places RENAME COLUMN country_iso3 TO country")
    rows = con.execute("SELECT id, result FROM articles WHERE schema_version = '1.0'").fetchall()
    for article_id, text in rows:
        data = json.loads(text)
        for place in data.get("places", []):
            place["country_iso2"] = place.get("country")
            place["country"] = place.pop("country_iso3", None)
        data["schema_version"] = SCHEMA_VERSION
        result = Result.model_validate(data)  # and back, so the stored JSON is what 2.0 writes, key order included
        con.execute(
            "UPDATE articles SET result = ?, schema_version = ? WHERE id = ?",
            [result.model_dump_json(), SCHEMA_VERSION, article_id],
        )


@MIGRATIONS("0004_event_reason")
def _event_reason(con: Any) -> None:
    """Result schema 2.1: an event says how it was found (``Event.reason``: argument sources, the learned
    detector's reading). Stored 2.0 results read as 2.1 unchanged (the field defaults to empty)."""
    con.execute("ALTER TABLE events ADD COLUMN reason VARCHAR[]")


@MIGRATIONS("0005_event_days")
def _event_days(con: Any) -> None:
    """The first and last day each event's date covers (``date_first``, ``date_last``, from its ISO value by
    ``store/dates.py``), so the HTTP API filters and counts by date in SQL; stored events are filled in."""
    con.execute("ALTER TABLE events ADD COLUMN date_first DATE")
    con.execute("ALTER TABLE events ADD COLUMN date_last DATE")
    values = con.execute("SELECT DISTINCT date_value FROM events WHERE date_value IS NOT NULL").fetchall()
    for (value,) in values:
        cols = date_columns(value)
        if cols.start is not None:
            con.execute(
                "UPDATE events SET date_first = ?, date_last = ? WHERE date_value = ?", [cols.start, cols.end, value]
            )


# Tables the HTTP API reads an article's or a cluster's rows from, and the column it looks them up by.
_LOOKUPS = (
    ("events", "article_id"),
    ("places", "article_id"),
    ("actors", "article_id"),
    ("event_actors", "article_id"),
    ("event_clusters", "article_id"),
    ("event_clusters", "cluster_id"),
    ("casualties", "article_id"),
    ("quotes", "article_id"),
)


@MIGRATIONS("0006_lookup_indexes")
def _lookup_indexes(con: Any) -> None:
    """Indexes for the API's lookups by article and by cluster: one event's page of a million-event store reads
    its rows from each table by index instead of scanning it (``bench/merge.py``: the page's rows in 85 ms, not
    250). A primary key's index does not serve a lookup by its first column alone. DuckDB refuses to alter a table
    that has an index: a later migration that alters one of these tables drops its indexes first and makes them
    again."""
    for table, column in _LOOKUPS:
        con.execute(f"CREATE INDEX IF NOT EXISTS {table}_by_{column} ON {table} ({column})")
