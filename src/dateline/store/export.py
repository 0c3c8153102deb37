"""Exports of a store: JSON Lines of results, and an ACLED-like event table as CSV, Parquet or GeoJSON.

The event table is one SQL query (events joined with their actors and places); CSV and Parquet are
DuckDB ``COPY`` of it (no pyarrow needed), GeoJSON is built from the same rows.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import duckdb

from ..errors import DatelineError, StoreError
from .db import Store

LOGGER = logging.getLogger(__name__)

FORMATS = ("jsonl", "parquet", "csv", "geojson")

_PV, _DEM, _SD = "Political violence", "Demonstrations", "Strategic developments"
_VAC, _ERV = "Violence against civilians", "Explosions/Remote violence"

# PLOVER event -> ACLED (disorder type, event type, sub-event type). First matching row wins.
# mode: a regular expression searched in the lower-cased PLOVER mode (None: any mode);
# target: "armed" when some target is an armed actor (see _ARMED), None: any target.
ACLED_TYPES: tuple[tuple[str | None, str | None, str | None, str, str, str], ...] = (
    # PLOVER type, mode pattern,                           target,  disorder, ACLED event type, sub-event type
    ("ASSAULT", r"sexual|rape", None, _PV, _VAC, "Sexual violence"),
    ("ASSAULT", r"abduct|kidnap|hostage|disappear", None, _PV, _VAC, "Abduction/forced disappearance"),
    ("ASSAULT", r"suicide", None, _PV, _ERV, "Suicide bomb"),
    ("ASSAULT", r"aerial|air|drone", None, _PV, _ERV, "Air/drone strike"),
    ("ASSAULT", r"shell|artillery|missile|rocket|mortar|heavy", None, _PV, _ERV, "Shelling/artillery/missile attack"),
    ("ASSAULT", r"grenade", None, _PV, _ERV, "Grenade"),
    ("ASSAULT", r"explosi|bomb|\bied\b|mine", None, _PV, _ERV, "Remote explosive/landmine/IED"),
    ("ASSAULT", r"execut|massacre|beat|tortur|assassin", None, _PV, _VAC, "Attack"),
    ("ASSAULT", None, "armed", _PV, "Battles", "Armed clash"),
    ("ASSAULT", None, None, _PV, _VAC, "Attack"),
    ("PROTEST", r"riot|violent|clash", None, _DEM, "Riots", "Violent demonstration"),
    ("PROTEST", None, None, _DEM, "Protests", "Peaceful protest"),
    ("COERCE", r"arrest|detain|detention", None, _SD, _SD, "Arrests"),
    ("COERCE", r"seiz|confiscat|destr|demoli|loot|burn", None, _SD, _SD, "Looting/property destruction"),
    ("AGREE", None, None, _SD, _SD, "Agreement"),
    ("RETREAT", None, None, _SD, _SD, "Non-violent transfer of territory"),
    ("MOBILIZE", None, None, _SD, _SD, "Change to group/activity"),
    (None, None, None, _SD, _SD, "Other"),
)

# Our actor kinds that ACLED would count as armed (for Battles vs Violence against civilians).
_ARMED = ("state", "government", "military", "police", "rebels", "terrorist-group")

# Our actor kind -> ACLED interaction category (protest events use Protesters/Rioters instead).
ACLED_INTER = {
    "state": "State forces",
    "government": "State forces",
    "military": "State forces",
    "police": "State forces",
    "rebels": "Rebel group",
    "terrorist-group": "Rebel group",
    "civilians": "Civilians",
    "person": "Civilians",
    "media": "Civilians",
    "ngo": "Civilians",
    "party": "External/Other forces",
    "igo": "External/Other forces",
    "business": "External/Other forces",
    "organization": "External/Other forces",
}

# ACLED time precision: 1 the day is known, 2 within a week or a few days, 3 only the month or coarser.
_TIME_PRECISION = {"day": 1, "week": 2, "interval": 2, "month": 3, "season": 3, "year": 3, "decade": 3}


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _sql_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(_sql_str(v) for v in values) + "]"


def _acled_case(field: int) -> str:
    """A SQL CASE giving column ``field`` (3 disorder, 4 event type, 5 sub-event type) of ACLED_TYPES."""
    arms = []
    for plover, mode, target, *labels in ACLED_TYPES:
        conditions = []
        if plover is not None:
            conditions.append(f"e.type = {_sql_str(plover)}")
        if mode is not None:
            conditions.append(f"regexp_matches(lower(coalesce(e.mode, '')), {_sql_str(mode)})")
        if target == "armed":
            conditions.append(f"list_has_any(coalesce(s.target_kinds, []), {_sql_list(_ARMED)})")
        label = _sql_str(labels[field - 3])
        arms.append(f"WHEN {' AND '.join(conditions) or 'TRUE'} THEN {label}")
    return "CASE " + " ".join(arms) + " END"


def _inter_case(kind_expr: str) -> str:
    arms = " ".join(f"WHEN {_sql_str(k)} THEN {_sql_str(v)}" for k, v in ACLED_INTER.items())
    return f"CASE {kind_expr} {arms} END"


def _time_precision_case() -> str:
    arms = " ".join(f"WHEN {_sql_str(k)} THEN {v}" for k, v in _TIME_PRECISION.items())
    return f"CASE e.date_granularity {arms} END"


# The event table's query, piece by piece. The common table expressions: each event's source and target actors
# (names, kinds, ids in order), a name per country, the ACLED classification, the casualty tolls, and the ACLED
# interaction categories of the first source and target.
_ACTOR_SIDES_SQL = """
WITH parts AS (
    SELECT ea.article_id, ea.event_id, ea.role, ea.idx, ea.actor_id,
           coalesce(a.name, ea.span_text) AS name, coalesce(a.kind, 'unknown') AS kind
    FROM event_actors ea
    LEFT JOIN actors a ON a.article_id = ea.article_id AND a.actor_id = ea.actor_id
),
sides AS (
    SELECT article_id, event_id,
        list(name ORDER BY idx) FILTER (WHERE role = 'source') AS source_names,
        list(kind ORDER BY idx) FILTER (WHERE role = 'source') AS source_kinds,
        list(actor_id ORDER BY idx) FILTER (WHERE role = 'source') AS source_ids,
        list(name ORDER BY idx) FILTER (WHERE role = 'target') AS target_names,
        list(kind ORDER BY idx) FILTER (WHERE role = 'target') AS target_kinds,
        list(actor_id ORDER BY idx) FILTER (WHERE role = 'target') AS target_ids
    FROM parts GROUP BY article_id, event_id
),
country_names AS (
    SELECT country, min(name) AS country_name FROM places
    WHERE feature_code LIKE 'PCL%' AND country IS NOT NULL GROUP BY country
),"""
_TOLLS_SQL = """
tolls AS (
    SELECT article_id, event_id,
        sum(low) FILTER (WHERE kind = 'killed') AS fatalities,
        bool_or(qualifier <> 'exact') FILTER (WHERE kind = 'killed') AS fatalities_lower_bound,
        sum(low) FILTER (WHERE kind = 'injured') AS injured,
        string_agg(kind || ' ' || CASE qualifier WHEN 'at-least' THEN '>=' || low WHEN 'at-most' THEN '<=' || high
                   WHEN 'range' THEN low || '-' || high WHEN 'about' THEN '~' || low WHEN 'vague' THEN 'unknown'
                   ELSE CAST(low AS VARCHAR) END || coalesce(' ' || who, ''), '; ' ORDER BY idx) AS casualties
    FROM casualties GROUP BY article_id, event_id
),"""


def _classified_sql() -> str:
    return f"""
classified AS (
    SELECT e.*, s.source_names, s.source_kinds, s.source_ids, s.target_names, s.target_kinds, s.target_ids,
        {_acled_case(3)} AS disorder_type,
        {_acled_case(4)} AS event_type,
        {_acled_case(5)} AS sub_event_type
    FROM events e LEFT JOIN sides s USING (article_id, event_id)
),"""


def _inters_sql() -> str:
    return f"""
inters AS (
    SELECT c.*,
        CASE WHEN c.event_type = 'Protests' THEN 'Protesters' WHEN c.event_type = 'Riots' THEN 'Rioters'
             ELSE {_inter_case("c.source_kinds[1]")} END AS inter1,
        {_inter_case("c.target_kinds[1]")} AS inter2
    FROM classified c
)"""


# The columns of the event table, by group: ACLED's own first (actors, location, source, fatalities), then
# dateline's (attribution, evidence, PLOVER coding, the cross-article cluster).
_ACTOR_COLUMNS = (
    "e.source_names[1] AS actor1",
    "nullif(array_to_string(e.source_names[2:], '; '), '') AS assoc_actor_1",
    "e.inter1",
    "e.target_names[1] AS actor2",
    "nullif(array_to_string(e.target_names[2:], '; '), '') AS assoc_actor_2",
    "e.inter2",
    "CASE WHEN e.inter1 IS NULL THEN NULL\n"
    "         WHEN e.target_names IS NULL THEN e.inter1 || ' only'\n"
    "         ELSE e.inter1 || '-' || coalesce(e.inter2, 'Unknown') END AS interaction",
)
_LOCATION_COLUMNS = (
    "coalesce(cn.country_name, p.country, p.country_iso2) AS country",
    "p.country AS iso3",
    "p.admin1",
    "coalesce(p.name, e.place_name) AS location",
    "p.lat AS latitude",
    "p.lon AS longitude",
    "e.place_precision AS geo_precision",
)
_SOURCE_AND_TOLL_COLUMNS = (
    "nullif(concat_ws('; ', coalesce(sp.name, e.speaker_text), e.medium, coalesce(e.outlet, ar.site)), '') AS source",
    "e.evidence_text AS notes",
    "t.fatalities",
    "t.fatalities_lower_bound",
    "t.injured",
    "t.casualties",
)
_ATTRIBUTION_AND_EVIDENCE_COLUMNS = (
    "e.factuality",
    "coalesce(sp.name, e.speaker_text) AS attribution",
    "e.medium AS attribution_medium",
    "e.confidence",
    "e.evidence_text AS evidence",
    "e.evidence_start",
    "e.evidence_end",
    "e.trigger_text AS trigger",
    "e.trigger_start",
    "e.trigger_end",
    "e.date_granularity",
    "e.date_basis",
)
_PROVENANCE_COLUMNS = (
    "e.place_geonameid AS geonameid",
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
LEFT JOIN places p ON p.article_id = e.article_id AND p.geonameid = e.place_geonameid
LEFT JOIN country_names cn ON cn.country = p.country
LEFT JOIN actors sp ON sp.article_id = e.article_id AND sp.actor_id = e.speaker_actor
"""


def _date_and_type_columns() -> tuple[str, ...]:
    return (
        "e.event_id AS event_id_cnty",
        "e.date_value AS event_date",
        "TRY_CAST(substr(e.date_value, 1, 4) AS INTEGER) AS year",
        f"{_time_precision_case()} AS time_precision",
        "e.disorder_type",
        "e.event_type",
        "e.sub_event_type",
    )


def _event_rows_sql(extra: str) -> str:
    """The query of one row per event (its columns then ``extra``), unordered."""
    columns = (
        *_date_and_type_columns(),
        *_ACTOR_COLUMNS,
        *_LOCATION_COLUMNS,
        *_SOURCE_AND_TOLL_COLUMNS,
        *_ATTRIBUTION_AND_EVIDENCE_COLUMNS,
        *_PROVENANCE_COLUMNS,
        *_CLUSTER_COLUMNS,
    )
    ctes = _ACTOR_SIDES_SQL + _classified_sql() + _TOLLS_SQL + _inters_sql()
    return ctes + "\nSELECT\n    " + ",\n    ".join(columns) + extra + _FROM_SQL


def event_table_sql(lists: bool = False, merged: bool = False) -> str:
    """The ACLED-like event table: one row per event; ``lists`` adds actor-id list columns (Parquet).

    ``merged`` gives one row per cross-article cluster (see :mod:`dateline.store.merge`): its most confident
    report, with the cluster's largest fatality count and every article that reports it.
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
    if fmt == "geojson":
        return _geojson(store, out, merged)
    options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
    query = event_table_sql(lists=fmt == "parquet", merged=merged)
    try:
        row = store.connection.execute(f"COPY ({query}) TO {_sql_str(str(out))} ({options})").fetchone()
    except duckdb.Error as exc:
        raise StoreError(f"could not export {store.path} as {fmt} to {out}: {exc}") from exc
    return ExportCount(int(row[0]) if row else 0)


def _jsonl(store: Store, out: Path) -> ExportCount:
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for text in store.result_json():
            fh.write(text)
            fh.write("\n")
            n += 1
    return ExportCount(n)


def _geojson(store: Store, out: Path, merged: bool) -> ExportCount:
    cursor = store.connection.cursor()
    try:
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
    finally:
        cursor.close()
    collection = {
        "type": "FeatureCollection",
        "features": features,
        "dateline": {"events_without_coordinates": left_out},
    }
    out.write_text(json.dumps(collection, ensure_ascii=False, default=str), encoding="utf-8")
    if left_out:
        LOGGER.info("geojson export: %d events without coordinates left out", left_out)
    return ExportCount(len(features), left_out)
