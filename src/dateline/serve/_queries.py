"""The API's reads of the store: every query is SQL with ``?`` parameters, never text built from a request.

The filters (:class:`Filters`) become one ``WHERE`` clause over an event, its place, its cluster and its article
(:func:`where`), shared by the event list, the map, the timeline, the graph and the clusters, so they always count
the same events. An event's place coordinates and country come from the places stage's row for its GeoNames id in
the same article; its number of independent outlets from its cross-article cluster (``store/merge.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

# The event, its place, its cluster and its article: what every filter and every listed field reads.
FROM = """
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN places p ON p.article_id = e.article_id AND p.geonameid = e.place_geonameid
LEFT JOIN event_clusters c ON c.article_id = e.article_id AND c.event_id = e.event_id
"""

# One listed event (an EventRow without its participants, which :func:`_participants` adds).
_COLUMNS = """
e.article_id, e.event_id, e.type, e.mode, e.trigger_text, e.date_value, e.date_granularity,
e.place_geonameid, e.place_name, p.country, p.lat, p.lon, e.factuality, e.speaker_actor, e.speaker_text,
e.medium, e.confidence, coalesce(c.cluster_id, e.article_id || ':' || e.event_id) AS cluster_id,
coalesce(c.n_articles, 1) AS n_articles, coalesce(c.n_outlets, 1) AS n_outlets, e.evidence_text,
a.title, a.site, a.published
"""

SORTS = {
    "date": "e.date_first ASC NULLS LAST",
    "-date": "e.date_first DESC NULLS LAST",
    "confidence": "e.confidence ASC",
    "-confidence": "e.confidence DESC",
    "outlets": "coalesce(c.n_outlets, 1) ASC",
    "-outlets": "coalesce(c.n_outlets, 1) DESC",
}
PERIODS = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m"}


@dataclass(frozen=True)
class Filters:
    """What a request asks to see (already validated by the API's schema)."""

    types: tuple[str, ...] = ()
    mode: str | None = None
    actor: str | None = None
    country: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    date_from: date | None = None
    date_to: date | None = None
    factuality: tuple[str, ...] = ()
    speaker: str | None = None
    min_outlets: int | None = None
    q: str | None = None


def where(f: Filters) -> tuple[str, list[Any]]:
    """The ``WHERE`` clause (with its leading keyword, or empty) and its parameters."""
    parts: list[str] = []
    params: list[Any] = []
    if f.types:
        parts.append(f"e.type IN ({', '.join('?' for _ in f.types)})")
        params.extend(f.types)
    if f.mode:
        parts.append("e.mode = ?")
        params.append(f.mode)
    if f.actor:
        parts.append(
            "EXISTS (SELECT 1 FROM event_actors x WHERE x.article_id = e.article_id AND x.event_id = e.event_id "
            "AND x.actor_id = ?)"
        )
        params.append(f.actor)
    if f.country:
        parts.append("p.country = ?")
        params.append(f.country)
    if f.bbox:
        parts.append("p.lon BETWEEN ? AND ? AND p.lat BETWEEN ? AND ?")
        params.extend([f.bbox[0], f.bbox[2], f.bbox[1], f.bbox[3]])
    if f.date_from:
        parts.append("e.date_last >= ?")
        params.append(f.date_from)
    if f.date_to:
        parts.append("e.date_first <= ?")
        params.append(f.date_to)
    if f.factuality:
        parts.append(f"e.factuality IN ({', '.join('?' for _ in f.factuality)})")
        params.extend(f.factuality)
    if f.speaker:
        parts.append("e.speaker_actor = ?")
        params.append(f.speaker)
    if f.min_outlets:
        parts.append("coalesce(c.n_outlets, 1) >= ?")
        params.append(f.min_outlets)
    if f.q:
        parts.append("e.evidence_text ILIKE ? ESCAPE '\\'")
        params.append(f"%{like_escape(f.q)}%")
    return ("WHERE " + " AND ".join(parts)) if parts else "", params


def like_escape(text: str) -> str:
    """Words to find as they are: LIKE's wildcards and its escape character match only themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _rows(con: Any, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _event_row(r: dict[str, Any]) -> dict[str, Any]:
    place = None
    if r["place_name"] is not None:
        place = {
            "name": r["place_name"],
            "geonameid": r["place_geonameid"],
            "country": r["country"],
            "lat": r["lat"],
            "lon": r["lon"],
        }
    speaker = {"actor": r["speaker_actor"], "text": r["speaker_text"]} if r["speaker_text"] else None
    return {
        "article_id": r["article_id"],
        "event_id": r["event_id"],
        "type": r["type"],
        "mode": r["mode"],
        "trigger": r["trigger_text"],
        "date": r["date_value"],
        "date_granularity": r["date_granularity"],
        "place": place,
        "source": [],
        "target": [],
        "factuality": r["factuality"],
        "speaker": speaker,
        "medium": r["medium"],
        "confidence": r["confidence"],
        "cluster_id": r["cluster_id"],
        "n_articles": r["n_articles"],
        "n_outlets": r["n_outlets"],
        "evidence": r["evidence_text"],
        "article_title": r["title"],
        "site": r["site"],
        "published": r["published"],
    }


def _participants(con: Any, rows: list[dict[str, Any]]) -> None:
    """Fill each row's source and target (actor id, its name in that article, the words of the text)."""
    if not rows:
        return
    keys = [(r["article_id"], r["event_id"]) for r in rows]
    by_key = {k: r for k, r in zip(keys, rows, strict=True)}
    sql = """
        SELECT x.article_id, x.event_id, x.role, x.actor_id, ac.name, x.span_text
        FROM event_actors x
        LEFT JOIN actors ac ON ac.article_id = x.article_id AND ac.actor_id = x.actor_id
        WHERE (x.article_id, x.event_id) IN (SELECT * FROM (VALUES {values}))
        ORDER BY x.article_id, x.event_id, x.role, x.idx
    """.format(values=", ".join("(?, ?)" for _ in keys))
    params = [v for k in keys for v in k]
    for article_id, event_id, role, actor, name, text in con.execute(sql, params).fetchall():
        row = by_key[(article_id, event_id)]
        if role in ("source", "target"):
            row[role].append({"actor": actor, "name": name, "text": text})


def events(con: Any, f: Filters, sort: str, page: int, page_size: int) -> dict[str, Any]:
    clause, params = where(f)
    total = con.execute(f"SELECT count(*) {FROM} {clause}", params).fetchone()[0]
    sql = f"SELECT {_COLUMNS} {FROM} {clause} ORDER BY {SORTS[sort]}, e.article_id, e.event_id LIMIT ? OFFSET ?"
    rows = [_event_row(r) for r in _rows(con, sql, [*params, page_size, (page - 1) * page_size])]
    _participants(con, rows)
    return {"total": total, "page": page, "page_size": page_size, "items": rows}


def event_rows(con: Any, condition: str, params: list[Any]) -> list[dict[str, Any]]:
    """Event rows matching a condition of the caller's (its own SQL with parameters), with participants."""
    sql = f"SELECT {_COLUMNS} {FROM} WHERE {condition} ORDER BY e.date_first NULLS LAST, e.article_id, e.event_id"
    rows = [_event_row(r) for r in _rows(con, sql, params)]
    _participants(con, rows)
    return rows


def event(con: Any, article_id: str, event_id: str) -> dict[str, Any] | None:
    """One event with its evidence spans in its article's text, its casualties, its article and the other reports
    of its cluster."""
    found = event_rows(con, "e.article_id = ? AND e.event_id = ?", [article_id, event_id])
    if not found:
        return None
    row = found[0]
    raw = _rows(con, "SELECT * FROM events WHERE article_id = ? AND event_id = ?", [article_id, event_id])[0]
    spans = _spans(con, raw)
    mentions = json.loads(raw["mentions"] or "[]")
    casualties = _rows(
        con,
        "SELECT kind, low, high, qualifier, who, actor_id, span_start, span_end, span_text, confidence FROM casualties "
        "WHERE article_id = ? AND event_id = ? ORDER BY idx",
        [article_id, event_id],
    )
    art = _rows(con, "SELECT id, title, site, url, published, text FROM articles WHERE id = ?", [article_id])[0]
    reports = event_rows(
        con,
        "coalesce(c.cluster_id, e.article_id || ':' || e.event_id) = ? AND e.article_id <> ?",
        [row["cluster_id"], article_id],
    )
    return {**row, "spans": spans, "mentions": mentions, "casualties": casualties, "article": art, "reports": reports}


def _spans(con: Any, e: dict[str, Any]) -> list[dict[str, Any]]:
    """The words of the article each field of the event came from, as offsets into the article's text."""
    out: list[dict[str, Any]] = []

    def add(kind: str, start: int | None, end: int | None, text: str | None) -> None:
        if start is not None and end is not None and end > start:
            out.append({"kind": kind, "start": start, "end": end, "text": text})

    add("trigger", e["trigger_start"], e["trigger_end"], e["trigger_text"])
    for m in json.loads(e["mentions"] or "[]"):
        if (m["start"], m["end"]) != (e["trigger_start"], e["trigger_end"]):
            add("mention", m["start"], m["end"], m["text"])
    for role, start, end, text in con.execute(
        "SELECT role, span_start, span_end, span_text FROM event_actors WHERE article_id = ? AND event_id = ? "
        "ORDER BY role, idx",
        [e["article_id"], e["event_id"]],
    ).fetchall():
        add(role, start, end, text)
    add("place", e["place_start"], e["place_end"], e["place_text"])
    add("date", e["date_start"], e["date_end"], e["date_text"])
    add("speaker", e["speaker_start"], e["speaker_end"], e["speaker_text"])
    add("factuality", e["factuality_cue_start"], e["factuality_cue_end"], e["factuality_cue_text"])
    if e["quote_id"]:
        quote = con.execute(
            "SELECT start_char, end_char, text, medium_start, medium_end, medium_text FROM quotes "
            "WHERE article_id = ? AND quote_id = ?",
            [e["article_id"], e["quote_id"]],
        ).fetchone()
        if quote is not None:
            add("quote", quote[0], quote[1], quote[2])
            add("medium", quote[3], quote[4], quote[5])
    return out


def clusters(con: Any, f: Filters, page: int, page_size: int) -> dict[str, Any]:
    """Merged events (clusters with a filtered event), largest first, each with its reports and the values they
    tell."""
    clause, params = where(f)
    key = "coalesce(c.cluster_id, e.article_id || ':' || e.event_id)"
    total = con.execute(f"SELECT count(DISTINCT {key}) {FROM} {clause}", params).fetchone()[0]
    ids = [
        r[0]
        for r in con.execute(
            f"SELECT {key} AS k, max(coalesce(c.n_articles, 1)) AS n {FROM} {clause} GROUP BY k "
            "ORDER BY n DESC, k LIMIT ? OFFSET ?",
            [*params, page_size, (page - 1) * page_size],
        ).fetchall()
    ]
    return {"total": total, "page": page, "page_size": page_size, "items": [cluster(con, i) for i in ids]}


def cluster(con: Any, cluster_id: str) -> dict[str, Any] | None:
    reports = event_rows(con, "coalesce(c.cluster_id, e.article_id || ':' || e.event_id) = ?", [cluster_id])
    if not reports:
        return None
    values: dict[str, dict[str, int]] = {"date": {}, "place": {}, "factuality": {}, "killed": {}, "injured": {}}
    for r in reports:
        told = {"date": r["date"], "place": (r["place"] or {}).get("name"), "factuality": r["factuality"]}
        for name, value in told.items():
            if value is not None:
                values[name][value] = values[name].get(value, 0) + 1
    for kind, low, high in con.execute(
        "SELECT x.kind, x.low, x.high FROM casualties x JOIN event_clusters c USING (article_id, event_id) "
        "WHERE c.cluster_id = ? AND x.kind IN ('killed', 'injured')",
        [cluster_id],
    ).fetchall():
        told = str(low) if low == high or high is None else f"{low}-{high}"
        values[kind][told] = values[kind].get(told, 0) + 1
    first = reports[0]
    return {
        "cluster_id": cluster_id,
        "type": first["type"],
        "n_articles": first["n_articles"],
        "n_outlets": first["n_outlets"],
        "confidence": max(r["confidence"] or 0.0 for r in reports),
        "date": first["date"],
        "place": first["place"],
        "reports": reports,
        "values": values,
        "disagree": sorted(name for name, told in values.items() if len(told) > 1),
    }


def aggregates(con: Any, f: Filters, by: str, group: str) -> dict[str, Any]:
    """Counts of events with a known date by period (of their first day) and group."""
    clause, params = where(f)
    dated = "e.date_first IS NOT NULL"
    clause = f"{clause} AND {dated}" if clause else f"WHERE {dated}"
    period = f"strftime(e.date_first, '{PERIODS[by]}')"
    if group == "actor":
        sql = (
            f"SELECT {period} AS period, x.actor_id AS key, count(DISTINCT (e.article_id, e.event_id)) AS n {FROM} "
            "JOIN event_actors x ON x.article_id = e.article_id AND x.event_id = e.event_id AND x.actor_id IS NOT NULL "
            f"{clause} GROUP BY period, key ORDER BY period, key"
        )
    else:
        key = {"type": "e.type", "country": "p.country", "none": "'all'"}[group]
        sql = (
            f"SELECT {period} AS period, {key} AS key, count(*) AS n {FROM} {clause} "
            "GROUP BY period, key ORDER BY period, key"
        )
    items = [{"period": p_, "key": k, "count": n} for p_, k, n in con.execute(sql, params).fetchall()]
    return {"by": by, "group": group, "items": items}


def geojson(con: Any, f: Filters, limit: int) -> dict[str, Any]:
    """The filtered events with coordinates as GeoJSON points; ``truncated`` when ``limit`` cut them."""
    clause, params = where(f)
    located = "p.lat IS NOT NULL AND p.lon IS NOT NULL"
    clause = f"{clause} AND {located}" if clause else f"WHERE {located}"
    sql = f"SELECT {_COLUMNS} {FROM} {clause} ORDER BY e.date_first NULLS LAST, e.article_id, e.event_id LIMIT ?"
    rows = _rows(con, sql, [*params, limit + 1])
    features = []
    for r in rows[:limit]:
        props = {k: v for k, v in _event_row(r).items() if not isinstance(v, (list, dict))}
        props["place_name"] = r["place_name"]
        features.append(
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]}, "properties": props}
        )
    return {"type": "FeatureCollection", "features": features, "truncated": len(rows) > limit}


def graph(con: Any, f: Filters, limit: int) -> dict[str, Any]:
    """Who acts on whom among the filtered events: the ``limit`` actors in most events, and the source-target
    edges between them with their number of events by type."""
    clause, params = where(f)
    events_sql = f"SELECT e.article_id, e.event_id, e.type {FROM} {clause}"
    nodes = _rows(
        con,
        f"""
        WITH ev AS ({events_sql})
        SELECT x.actor_id AS id, mode(ac.name) AS name, mode(ac.kind) AS kind, mode(ac.country) AS country,
               count(DISTINCT (x.article_id, x.event_id)) AS events
        FROM ev JOIN event_actors x USING (article_id, event_id)
        LEFT JOIN actors ac ON ac.article_id = x.article_id AND ac.actor_id = x.actor_id
        WHERE x.actor_id IS NOT NULL AND x.role IN ('source', 'target')
        GROUP BY x.actor_id ORDER BY events DESC, id LIMIT ?
        """,
        [*params, limit],
    )
    ids = [n["id"] for n in nodes]
    if not ids:
        return {"nodes": [], "edges": []}
    marks = ", ".join("?" for _ in ids)
    rows = con.execute(
        f"""
        WITH ev AS ({events_sql})
        SELECT s.actor_id, t.actor_id, ev.type, count(DISTINCT (ev.article_id, ev.event_id))
        FROM ev
        JOIN event_actors s ON s.article_id = ev.article_id AND s.event_id = ev.event_id AND s.role = 'source'
        JOIN event_actors t ON t.article_id = ev.article_id AND t.event_id = ev.event_id AND t.role = 'target'
        WHERE s.actor_id IN ({marks}) AND t.actor_id IN ({marks}) AND s.actor_id <> t.actor_id
        GROUP BY s.actor_id, t.actor_id, ev.type
        """,
        [*params, *ids, *ids],
    ).fetchall()
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for source, target, etype, n in rows:
        edge = edges.setdefault((source, target), {"source": source, "target": target, "events": 0, "types": {}})
        edge["events"] += n
        edge["types"][etype] = n
    return {"nodes": nodes, "edges": sorted(edges.values(), key=lambda e: (-e["events"], e["source"], e["target"]))}


def actors(con: Any, q: str | None, kind: str | None, country: str | None, page: int, page_size: int) -> dict[str, Any]:
    parts, params = [], []
    if q:
        parts.append("(ac.name ILIKE ? ESCAPE '\\' OR ac.actor_id ILIKE ? ESCAPE '\\')")
        params.extend([f"%{like_escape(q)}%"] * 2)
    if kind:
        parts.append("ac.kind = ?")
        params.append(kind)
    if country:
        parts.append("ac.country = ?")
        params.append(country)
    clause = ("WHERE " + " AND ".join(parts)) if parts else ""
    base = f"""
        SELECT ac.actor_id, mode(ac.name) AS name, mode(ac.kind) AS kind, mode(ac.country) AS country,
               count(DISTINCT ac.article_id) AS n_articles,
               (SELECT count(DISTINCT (x.article_id, x.event_id)) FROM event_actors x WHERE x.actor_id = ac.actor_id)
                   AS n_events
        FROM actors ac {clause} GROUP BY ac.actor_id
    """
    total = con.execute(f"SELECT count(*) FROM ({base})", params).fetchone()[0]
    items = _rows(
        con,
        f"{base} ORDER BY n_events DESC, n_articles DESC, ac.actor_id LIMIT ? OFFSET ?",
        [*params, page_size, (page - 1) * page_size],
    )
    return {"total": total, "page": page, "page_size": page_size, "items": items}


def actor(con: Any, actor_id: str) -> dict[str, Any] | None:
    found = actors_by_id(con, actor_id)
    if found is None:
        return None
    aliases = con.execute(
        "SELECT DISTINCT unnest(aliases) AS alias FROM actors WHERE actor_id = ? ORDER BY alias", [actor_id]
    ).fetchall()
    return {**found, "aliases": [a for (a,) in aliases]}


def actors_by_id(con: Any, actor_id: str) -> dict[str, Any] | None:
    rows = _rows(
        con,
        "SELECT actor_id, mode(name) AS name, mode(kind) AS kind, mode(country) AS country, "
        "count(DISTINCT article_id) AS n_articles, "
        "(SELECT count(DISTINCT (x.article_id, x.event_id)) FROM event_actors x WHERE x.actor_id = ?) AS n_events "
        "FROM actors WHERE actor_id = ? GROUP BY actor_id",
        [actor_id, actor_id],
    )
    return rows[0] if rows else None


def places(con: Any, q: str | None, country: str | None, page: int, page_size: int) -> dict[str, Any]:
    parts, params = ["p.geonameid IS NOT NULL"], []
    if q:
        parts.append("p.name ILIKE ? ESCAPE '\\'")
        params.append(f"%{like_escape(q)}%")
    if country:
        parts.append("p.country = ?")
        params.append(country)
    base = f"""
        SELECT p.geonameid, mode(p.name) AS name, mode(p.country) AS country, avg(p.lat) AS lat, avg(p.lon) AS lon,
               (SELECT count(*) FROM events e WHERE e.place_geonameid = p.geonameid) AS n_events
        FROM places p WHERE {" AND ".join(parts)} GROUP BY p.geonameid
    """
    total = con.execute(f"SELECT count(*) FROM ({base})", params).fetchone()[0]
    items = _rows(
        con,
        f"{base} ORDER BY n_events DESC, p.geonameid LIMIT ? OFFSET ?",
        [*params, page_size, (page - 1) * page_size],
    )
    return {"total": total, "page": page, "page_size": page_size, "items": items}


def articles(con: Any, q: str | None, page: int, page_size: int) -> dict[str, Any]:
    clause, params = "", []
    if q:
        clause = "WHERE a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\'"
        params = [f"%{like_escape(q)}%"] * 2
    total = con.execute(f"SELECT count(*) FROM articles a {clause}", params).fetchone()[0]
    items = _rows(
        con,
        f"SELECT a.id, a.title, a.site, a.url, a.published, "
        f"(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events FROM articles a {clause} "
        "ORDER BY a.published DESC NULLS LAST, a.id LIMIT ? OFFSET ?",
        [*params, page_size, (page - 1) * page_size],
    )
    return {"total": total, "page": page, "page_size": page_size, "items": items}


def article(con: Any, article_id: str) -> dict[str, Any] | None:
    rows = _rows(con, "SELECT id, title, site, url, published, text FROM articles WHERE id = ?", [article_id])
    if not rows:
        return None
    return {**rows[0], "events": event_rows(con, "e.article_id = ?", [article_id])}


def type_counts(con: Any) -> dict[str, int]:
    return dict(con.execute("SELECT type, count(*) FROM events GROUP BY type").fetchall())
