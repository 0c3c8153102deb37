"""Exports of a store: JSON Lines of results, and an ACLED-like event table as CSV, Parquet or GeoJSON.

The event table is one SQL query (events joined with their actors and places) over the store and four small
temporary tables filled per export: the shipped country table (ACLED's names and regions), each stored date
value as real dates (:mod:`dateline.store.dates`), each place's second-order division from the gazetteer and
the kinds of the organisations persons belong to from the actor knowledge base. CSV and Parquet are DuckDB
``COPY`` of it (no pyarrow needed), GeoJSON is built from the same rows. ACLED's 31 columns come first, in
ACLED's order; dateline's own follow.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from ..errors import DatelineError, StoreError
from ..kb import actors as actor_kb
from ..kb.countries import countries
from ..kb.gazetteer import Gazetteer
from .acled import ACLED_TYPES, CIVILIANS, acled_type_case, actor_inter_sql, external_sql, sql_str
from .dates import date_columns
from .db import Store

__all__ = ["ACLED_TYPES", "FORMATS", "ExportCount", "event_table_sql", "export"]

LOGGER = logging.getLogger(__name__)

FORMATS = ("jsonl", "parquet", "csv", "geojson")

# The event table's query, piece by piece. The common table expressions: each event's source and target actors
# (names, kinds, countries, ACLED categories and ids in order), the ACLED classification, the casualty tolls, the
# event's place and the ACLED categories of the first source and target.
_ACTOR_SIDES_SQL = f"""
WITH parts AS (
    SELECT ea.article_id, ea.event_id, ea.role, ea.idx, ea.actor_id,
           coalesce(a.name, ea.span_text) AS name, coalesce(a.kind, 'unknown') AS kind, a.country,
           {actor_inter_sql("a", "coalesce(af.kind, ak.kind)")} AS inter
    FROM event_actors ea
    LEFT JOIN actors a ON a.article_id = ea.article_id AND a.actor_id = ea.actor_id
    LEFT JOIN actors af ON af.article_id = a.article_id AND af.actor_id = a.affiliation
    LEFT JOIN _dl_affiliations ak ON ak.actor_id = a.affiliation
),
sides AS (
    SELECT article_id, event_id,
        list(name ORDER BY idx) FILTER (WHERE role = 'source') AS source_names,
        list(kind ORDER BY idx) FILTER (WHERE role = 'source') AS source_kinds,
        list(country ORDER BY idx) FILTER (WHERE role = 'source') AS source_countries,
        list(inter ORDER BY idx) FILTER (WHERE role = 'source') AS source_inters,
        list(actor_id ORDER BY idx) FILTER (WHERE role = 'source') AS source_ids,
        list(name ORDER BY idx) FILTER (WHERE role = 'target') AS target_names,
        list(kind ORDER BY idx) FILTER (WHERE role = 'target') AS target_kinds,
        list(country ORDER BY idx) FILTER (WHERE role = 'target') AS target_countries,
        list(inter ORDER BY idx) FILTER (WHERE role = 'target') AS target_inters,
        list(actor_id ORDER BY idx) FILTER (WHERE role = 'target') AS target_ids
    FROM parts GROUP BY article_id, event_id
),"""
_TOLLS_SQL = """
tolls AS (
    SELECT article_id, event_id,
        CAST(sum(low) FILTER (WHERE kind = 'killed') AS INTEGER) AS fatalities,
        bool_or(qualifier <> 'exact') FILTER (WHERE kind = 'killed') AS fatalities_lower_bound,
        CAST(sum(low) FILTER (WHERE kind = 'injured') AS INTEGER) AS injured,
        string_agg(kind || ' ' || CASE qualifier WHEN 'at-least' THEN '>=' || low WHEN 'at-most' THEN '<=' || high
                   WHEN 'range' THEN low || '-' || high WHEN 'about' THEN '~' || low WHEN 'vague' THEN 'unknown'
                   ELSE CAST(low AS VARCHAR) END || coalesce(' ' || who, ''), '; ' ORDER BY idx) AS casualties
    FROM casualties GROUP BY article_id, event_id
),"""


def _classified_sql() -> str:
    return f"""
classified AS (
    SELECT e.*, s.source_names, s.source_kinds, s.source_countries, s.source_inters, s.source_ids,
        s.target_names, s.target_kinds, s.target_countries, s.target_inters, s.target_ids,
        {acled_type_case(3)} AS disorder_type,
        {acled_type_case(4)} AS event_type,
        {acled_type_case(5)} AS sub_event_type
    FROM events e LEFT JOIN sides s USING (article_id, event_id)
),"""


def _inters_sql() -> str:
    inter1 = external_sql("c.source_inters[1]", "c.source_kinds[1]", "c.source_countries[1]", "p.country")
    inter2 = external_sql("c.target_inters[1]", "c.target_kinds[1]", "c.target_countries[1]", "p.country")
    return f"""
inters AS (
    SELECT c.*, p.country AS p_country, p.country_iso2 AS p_country_iso2, p.admin1 AS p_admin1, p.name AS p_name,
        p.feature_code AS p_feature_code, p.lat AS p_lat, p.lon AS p_lon,
        CASE WHEN c.event_type = 'Protests' THEN 'Protesters' WHEN c.event_type = 'Riots' THEN 'Rioters'
             ELSE {inter1} END AS inter1,
        {inter2} AS inter2
    FROM classified c
    LEFT JOIN places p ON p.article_id = c.article_id AND p.geonameid = c.place_geonameid
)"""


# The columns of the event table: ACLED's 31 in ACLED's order, then dateline's (dates, country code, casualties,
# attribution, evidence, PLOVER coding, provenance, the cross-article cluster).
_ACLED_COLUMNS = (
    "e.event_id AS event_id_cnty",
    "d.event_date",
    "d.year",
    "d.time_precision",
    "e.disorder_type",
    "e.event_type",
    "e.sub_event_type",
    "e.source_names[1] AS actor1",
    "nullif(array_to_string(e.source_names[2:], '; '), '') AS assoc_actor_1",
    "e.inter1",
    "e.target_names[1] AS actor2",
    "nullif(array_to_string(e.target_names[2:], '; '), '') AS assoc_actor_2",
    "e.inter2",
    "CASE WHEN e.inter1 IS NULL THEN NULL\n"
    "         WHEN e.target_names IS NULL THEN e.inter1 || ' only'\n"
    "         ELSE e.inter1 || '-' || coalesce(e.inter2, 'Unknown') END AS interaction",
    f"CASE WHEN e.disorder_type = 'Political violence' AND e.inter2 = {sql_str(CIVILIANS)} "
    "THEN 'Civilian targeting' END AS civilian_targeting",
    "coalesce(c3.iso, c2.iso) AS iso",
    "coalesce(c3.region, c2.region) AS region",
    "coalesce(c3.country_name, c2.country_name) AS country",
    "e.p_admin1 AS admin1",
    "CASE WHEN e.p_feature_code = 'ADM2' THEN e.p_name ELSE a2.admin2 END AS admin2",
    "CAST(NULL AS VARCHAR) AS admin3",
    "coalesce(e.p_name, e.place_name) AS location",
    "e.p_lat AS latitude",
    "e.p_lon AS longitude",
    "e.place_precision AS geo_precision",
    "nullif(concat_ws('; ', coalesce(sp.name, e.speaker_text), e.medium, coalesce(e.outlet, ar.site)), '') AS source",
    "CAST(NULL AS VARCHAR) AS source_scale",
    "e.evidence_text AS notes",
    "coalesce(t.fatalities, 0) AS fatalities",
    "CAST(NULL AS VARCHAR) AS tags",
    'CAST(epoch(ar.ingested_at) AS BIGINT) AS "timestamp"',
)
_DATE_AND_PLACE_COLUMNS = (
    "d.event_date_start",
    "d.event_date_end",
    "e.date_value",
    "e.date_text",
    "e.date_granularity",
    "e.date_basis",
    "coalesce(c3.iso3, c2.iso3) AS iso3",
    "e.place_geonameid AS geonameid",
)
_TOLL_AND_ATTRIBUTION_COLUMNS = (
    "t.fatalities_lower_bound",
    "t.injured",
    "t.casualties",
    "e.factuality",
    "coalesce(sp.name, e.speaker_text) AS attribution",
    "e.medium AS attribution_medium",
    "e.confidence",
)
_EVIDENCE_COLUMNS = (
    "e.evidence_text AS evidence",
    "e.evidence_start",
    "e.evidence_end",
    "e.trigger_text AS trigger",
    "e.trigger_start",
    "e.trigger_end",
)
_PROVENANCE_COLUMNS = (
    "e.article_id",
    "ar.url",
    "ar.source AS article_source",
    "e.type AS plover_type",
    "e.mode AS plover_mode",
    "e.cameo",
)
_CLUSTER_COLUMNS = (
    "coalesce(ec.cluster_id, e.article_id || ':' || e.event_id) AS cluster_id",
    "coalesce(ec.n_articles, 1) AS reports",
    "coalesce(ec.n_outlets, 1) AS outlets",
    "coalesce(ec.cluster_confidence, e.confidence) AS cluster_confidence",
    "ar.ingested_at AS _ingested_at",
)
_FROM_SQL = """
FROM inters e
JOIN articles ar ON ar.id = e.article_id
LEFT JOIN tolls t ON t.article_id = e.article_id AND t.event_id = e.event_id
LEFT JOIN event_clusters ec ON ec.article_id = e.article_id AND ec.event_id = e.event_id
LEFT JOIN _dl_countries c3 ON c3.iso3 = e.p_country
LEFT JOIN _dl_countries c2 ON e.p_country IS NULL AND c2.iso2 = e.p_country_iso2
LEFT JOIN _dl_admin2 a2 ON a2.geonameid = e.place_geonameid
LEFT JOIN _dl_dates d ON d.date_value = e.date_value
LEFT JOIN actors sp ON sp.article_id = e.article_id AND sp.actor_id = e.speaker_actor
"""


def _event_rows_sql(extra: str) -> str:
    """The query of one row per event (its columns then ``extra``), unordered."""
    columns = (
        *_ACLED_COLUMNS,
        *_DATE_AND_PLACE_COLUMNS,
        *_TOLL_AND_ATTRIBUTION_COLUMNS,
        *_EVIDENCE_COLUMNS,
        *_PROVENANCE_COLUMNS,
        *_CLUSTER_COLUMNS,
    )
    ctes = _ACTOR_SIDES_SQL + _classified_sql() + _TOLLS_SQL + _inters_sql()
    return ctes + "\nSELECT\n    " + ",\n    ".join(columns) + extra + _FROM_SQL


def event_table_sql(lists: bool = False, merged: bool = False) -> str:
    """The ACLED-like event table: one row per event; ``lists`` adds actor-id list columns (Parquet).

    ``merged`` gives one row per cross-article cluster (see :mod:`dateline.store.merge`): its most confident
    report, with the cluster's largest fatality count and every article that reports it. The query reads the
    temporary tables :func:`prepare` makes on the same connection.
    """
    extra = ", e.source_ids AS source_actor_ids, e.target_ids AS target_actor_ids" if lists else ""
    table = _event_rows_sql(extra)
    order = "ORDER BY _ingested_at, article_id, evidence_start, trigger_start, event_id_cnty"
    if not merged:
        return f"SELECT * EXCLUDE (_ingested_at) FROM ({table}) {order}"
    return f"""
SELECT * EXCLUDE (_ingested_at, _rank, cluster_fatalities) REPLACE (cluster_fatalities AS fatalities)
FROM (
    SELECT *,
        max(fatalities) OVER w AS cluster_fatalities,
        list(article_id ORDER BY article_id) OVER w AS cluster_articles,
        row_number() OVER (PARTITION BY cluster_id ORDER BY confidence DESC, article_id, event_id_cnty) AS _rank
    FROM ({table})
    WINDOW w AS (PARTITION BY cluster_id)
)
WHERE _rank = 1
{order}
"""


def _temp_table(con: Any, name: str, columns: str, rows: Sequence[Sequence[Any]]) -> None:
    """(Re)create the temporary table ``name`` (``columns``: its SQL column list) holding ``rows``."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({columns})")
    width = columns.count(",") + 1
    for i in range(0, len(rows), 500):
        chunk = rows[i : i + 500]
        marks = ", ".join(["(" + ", ".join("?" * width) + ")"] * len(chunk))
        con.execute(f"INSERT INTO {name} VALUES {marks}", [v for row in chunk for v in row])


def _admin2(geonameids: Iterable[int]) -> list[tuple[int, str]]:
    try:
        gazetteer = Gazetteer()
    except DatelineError as exc:  # no shipped index: the column stays empty
        LOGGER.info("no gazetteer for the admin2 column: %s", exc)
        return []
    return sorted(gazetteer.admin2_names(geonameids).items())


def _distinct(con: Any, column: str, table: str) -> list[Any]:
    return [v for (v,) in con.execute(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL").fetchall()]


def prepare(con: Any) -> None:
    """Make the temporary tables the event table reads, on connection (or cursor) ``con``."""
    table = countries().values()
    _temp_table(
        con,
        "_dl_countries",
        "iso3 VARCHAR, iso2 VARCHAR, iso INTEGER, country_name VARCHAR, region VARCHAR",
        [(c.iso3, c.iso2, c.numeric, c.name, c.region) for c in table],
    )
    values = _distinct(con, "date_value", "events")
    dates = [(v, d.event_date, d.start, d.end, d.year, d.time_precision) for v in values for d in [date_columns(v)]]
    _temp_table(
        con,
        "_dl_dates",
        "date_value VARCHAR, event_date DATE, event_date_start DATE, event_date_end DATE, year INTEGER, "
        "time_precision INTEGER",
        dates,
    )
    ids = _distinct(con, "place_geonameid", "events")
    _temp_table(con, "_dl_admin2", "geonameid BIGINT, admin2 VARCHAR", _admin2(ids) if ids else [])
    affiliations = sorted(actor_kb.kinds(_distinct(con, "affiliation", "actors")).items())
    _temp_table(con, "_dl_affiliations", "actor_id VARCHAR, kind VARCHAR", affiliations)


class ExportCount(int):
    """Rows written (an int), with ``left_out``: events a format could not hold (GeoJSON: no coordinates)."""

    left_out: int

    def __new__(cls, rows: int, left_out: int = 0) -> ExportCount:
        obj = super().__new__(cls, rows)
        obj.left_out = left_out
        return obj


def export(store: Store, fmt: str, out: str | Path, *, merged: bool = False) -> ExportCount:
    """Write the store as ``fmt`` (jsonl, parquet, csv, geojson) to ``out``; returns rows written.

    ``merged`` writes one row per event reported by several articles instead of one per report.
    """
    if fmt not in FORMATS:
        raise DatelineError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if merged and fmt == "jsonl":
        raise DatelineError("--merged applies to the event tables (csv, parquet, geojson), not to jsonl results")
    out = Path(out)
    if not out.parent.exists():
        raise DatelineError(f"cannot write {out}: folder {out.parent} does not exist")
    if fmt == "jsonl":
        return _jsonl(store, out)
    cursor = store.connection.cursor()  # the temporary tables live and die with this connection
    try:
        prepare(cursor)
        if fmt == "geojson":
            return _geojson(cursor, out, merged)
        options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
        query = event_table_sql(lists=fmt == "parquet", merged=merged)
        row = cursor.execute(f"COPY ({query}) TO {sql_str(str(out))} ({options})").fetchone()
    except duckdb.Error as exc:
        raise StoreError(f"could not export {store.path} as {fmt} to {out}: {exc}") from exc
    finally:
        cursor.close()
    return ExportCount(int(row[0]) if row else 0)


def _jsonl(store: Store, out: Path) -> ExportCount:
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for text in store.result_json():
            fh.write(text)
            fh.write("\n")
            n += 1
    return ExportCount(n)


def _geojson(cursor: Any, out: Path, merged: bool) -> ExportCount:
    cursor.execute(event_table_sql(merged=merged))
    columns = [d[0] for d in cursor.description]
    features: list[dict[str, Any]] = []
    left_out = 0
    while rows := cursor.fetchmany(1024):
        for values in rows:
            props = dict(zip(columns, values, strict=True))
            lat, lon = props["latitude"], props["longitude"]
            if lat is None or lon is None:
                left_out += 1
                continue
            features.append(
                {
                    "type": "Feature",
                    "id": props["event_id_cnty"],
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": props,
                }
            )
    collection = {
        "type": "FeatureCollection",
        "features": features,
        "dateline": {"events_without_coordinates": left_out},
    }
    out.write_text(json.dumps(collection, ensure_ascii=False, default=str), encoding="utf-8")
    if left_out:
        LOGGER.info("geojson export: %d events without coordinates left out", left_out)
    return ExportCount(len(features), left_out)
