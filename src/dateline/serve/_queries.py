"""The API's reads of the store: every query is SQL with ``?`` parameters, never text built from a request.

The filters (:class:`Filters`) become one ``WHERE`` clause over an event (:func:`where`), shared by the event list,
the map, the timeline, the graph and the clusters, so they always count the same events; :func:`source` joins only
the tables a request reads (a place's row for coordinates, the cluster for outlets), and a page's own fields are
read by key for its events alone (:func:`rows_for`), through the store's lookup indexes, so a page costs about the
same in a store of ten thousand events or a million (``bench/merge.py``). An event's place coordinates and country
come from the places stage's row for its GeoNames id in the same article (a GeoNames entry has one country, so
the country and box filters look places up once); its number of independent outlets from its cross-article
cluster (``store/merge.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

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


def source(f: Filters, *, place: bool = False, cluster: bool = False) -> str:
    """``FROM`` the events with only the joins the filters (or the caller) read: a join of a million-row table costs
    more than the filter it serves."""
    joins = ["FROM events e"]
    if place:
        joins.append("LEFT JOIN places p ON p.article_id = e.article_id AND p.geonameid = e.place_geonameid")
    if cluster or f.min_outlets:
        joins.append("LEFT JOIN event_clusters c ON c.article_id = e.article_id AND c.event_id = e.event_id")
    return "\n".join(joins)


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
    # a GeoNames entry has one country and one point: the places are looked up once, not joined per event
    if f.country:
        parts.append("e.place_geonameid IN (SELECT geonameid FROM places WHERE country = ?)")
        params.append(f.country)
    if f.bbox:
        parts.append(
            "e.place_geonameid IN (SELECT geonameid FROM places WHERE lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?)"
        )
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
    by_key = {(r["article_id"], r["event_id"]): r for r in rows}
    articles = sorted({a for a, _e in by_key})
    marks = ", ".join("?" for _ in articles)
    sql = f"""
        SELECT x.article_id, x.event_id, x.role, x.actor_id, ac.name, x.span_text
        FROM (SELECT * FROM event_actors WHERE article_id IN ({marks})) x
        LEFT JOIN (SELECT article_id, actor_id, name FROM actors WHERE article_id IN ({marks})) ac
          ON ac.article_id = x.article_id AND ac.actor_id = x.actor_id
        ORDER BY x.article_id, x.event_id, x.role, x.idx
    """
    for article_id, event_id, role, actor, name, text in con.execute(sql, articles * 2).fetchall():
        row = by_key.get((article_id, event_id))
        if row is not None and role in ("source", "target"):
            row[role].append({"actor": actor, "name": name, "text": text})


def events(con: Any, f: Filters, sort: str, page: int, page_size: int) -> dict[str, Any]:
    clause, params = where(f)
    narrow = source(f, cluster=sort.endswith("outlets"))
    total = con.execute(f"SELECT count(*) {narrow} {clause}", params).fetchone()[0]
    keys = con.execute(
        f"SELECT e.article_id, e.event_id {narrow} {clause} ORDER BY {SORTS[sort]}, e.article_id, e.event_id "
        "LIMIT ? OFFSET ?",
        [*params, page_size, (page - 1) * page_size],
    ).fetchall()
    by_key = {(r["article_id"], r["event_id"]): r for r in rows_for(con, keys)}
    return {"total": total, "page": page, "page_size": page_size, "items": [by_key[k] for k in keys if k in by_key]}


def rows_for(con: Any, keys: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """The listed fields of the events with these (article id, event id) keys, with their participants. The joined
    tables are narrowed to the keys' articles first, so a page costs little whatever the store's size."""
    if not keys:
        return []
    pairs = ", ".join("(?, ?)" for _ in keys)
    articles = sorted({a for a, _e in keys})
    marks = ", ".join("?" for _ in articles)
    sql = f"""
        WITH k(article_id, event_id) AS (VALUES {pairs}),
        e AS (SELECT e.* FROM events e SEMI JOIN k USING (article_id, event_id) WHERE e.article_id IN ({marks})),
        a AS (SELECT id, title, site, published FROM articles WHERE id IN ({marks})),
        p AS (SELECT article_id, geonameid, country, lat, lon FROM places WHERE article_id IN ({marks})),
        c AS (SELECT * FROM event_clusters WHERE article_id IN ({marks}))
        SELECT {_COLUMNS}
        FROM e JOIN a ON a.id = e.article_id
        LEFT JOIN p ON p.article_id = e.article_id AND p.geonameid = e.place_geonameid
        LEFT JOIN c ON c.article_id = e.article_id AND c.event_id = e.event_id
        ORDER BY e.date_first NULLS LAST, e.article_id, e.event_id
    """
    rows = [_event_row(r) for r in _rows(con, sql, [*(v for k in keys for v in k), *articles * 4])]
    _participants(con, rows)
    return rows


def event_rows(con: Any, condition: str, params: list[Any]) -> list[dict[str, Any]]:
    """Event rows whose keys a condition of the caller's on ``events e`` selects (its own SQL with parameters)."""
    keys = con.execute(f"SELECT e.article_id, e.event_id FROM events e WHERE {condition}", params).fetchall()
    return rows_for(con, keys)


def _cluster_keys(con: Any, cluster_ids: list[str]) -> list[tuple[str, str]]:
    """The (article id, event id) of every report of these clusters (an unmerged event is its own cluster)."""
    if not cluster_ids:
        return []
    marks = ", ".join("?" for _ in cluster_ids)
    keys = con.execute(
        f"SELECT article_id, event_id FROM event_clusters WHERE cluster_id IN ({marks})", cluster_ids
    ).fetchall()
    found = {f"{a}:{e}" for a, e in keys} | set(cluster_ids)
    singles = [c.split(":", 1) for c in cluster_ids if ":" in c and c not in found]
    return keys + [(a, e) for a, e in singles]


def event(con: Any, article_id: str, event_id: str) -> dict[str, Any] | None:
    """One event with its evidence spans in its article's text, its casualties, its article and the other reports
    of its cluster."""
    found = rows_for(con, [(article_id, event_id)])
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
    reports = [r for r in rows_for(con, _cluster_keys(con, [row["cluster_id"]])) if r["article_id"] != article_id]

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
    """Merged events (clusters with a filtered event), most reports first, each with its reports and the values they
    tell."""
    clause, params = where(f)
    if f == Filters(min_outlets=f.min_outlets):  # nothing but outlets: the clusters table alone answers
        narrow, key, n = "FROM event_clusters c", "c.cluster_id", "c.n_articles"
        clause, params = ("WHERE c.n_outlets >= ?", [f.min_outlets]) if f.min_outlets else ("", [])
    else:
        narrow, key = source(f, cluster=True), "coalesce(c.cluster_id, e.article_id || ':' || e.event_id)"
        n = "coalesce(c.n_articles, 1)"
    total = con.execute(f"SELECT count(DISTINCT {key}) {narrow} {clause}", params).fetchone()[0]
    ids = [
        r[0]
        for r in con.execute(
            f"SELECT {key} AS k, max({n}) AS n {narrow} {clause} GROUP BY k ORDER BY n DESC, k LIMIT ? OFFSET ?",
            [*params, page_size, (page - 1) * page_size],
        ).fetchall()
    ]
    return {"total": total, "page": page, "page_size": page_size, "items": _clusters(con, ids)}


def cluster(con: Any, cluster_id: str) -> dict[str, Any] | None:
    found = _clusters(con, [cluster_id])
    return found[0] if found else None


def _clusters(con: Any, ids: list[str]) -> list[dict[str, Any]]:
    """The clusters with these ids, their reports fetched together."""
    reports: dict[str, list[dict[str, Any]]] = {}
    keys = _cluster_keys(con, ids)
    for row in rows_for(con, keys):
        reports.setdefault(row["cluster_id"], []).append(row)
    cluster_of = {(r["article_id"], r["event_id"]): cid for cid, rows in reports.items() for r in rows}
    tolls: dict[str, list[tuple[str, int | None, int | None]]] = {}
    articles = sorted({a for a, _e in keys})
    if articles:
        marks = ", ".join("?" for _ in articles)
        for article_id, event_id, kind, low, high in con.execute(
            "SELECT article_id, event_id, kind, low, high FROM casualties "
            f"WHERE article_id IN ({marks}) AND kind IN ('killed', 'injured')",
            articles,
        ).fetchall():
            cid = cluster_of.get((article_id, event_id))
            if cid is not None:
                tolls.setdefault(cid, []).append((kind, low, high))
    return [_cluster(cid, reports[cid], tolls.get(cid, [])) for cid in ids if cid in reports]


def _cluster(cluster_id: str, reports: list[dict[str, Any]], tolls: list[tuple[str, int | None, int | None]]) -> dict:
    values: dict[str, dict[str, int]] = {"date": {}, "place": {}, "factuality": {}, "killed": {}, "injured": {}}
    for r in reports:
        told = {"date": r["date"], "place": (r["place"] or {}).get("name"), "factuality": r["factuality"]}
        for name, value in told.items():
            if value is not None:
                values[name][value] = values[name].get(value, 0) + 1
    for kind, low, high in tolls:
        count = str(low) if low == high or high is None else f"{low}-{high}"
        values[kind][count] = values[kind].get(count, 0) + 1
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
    narrow = source(f, place=group == "country")
    if group == "actor":
        sql = (
            f"SELECT {period} AS period, x.actor_id AS key, count(DISTINCT (e.article_id, e.event_id)) AS n {narrow} "
            "JOIN event_actors x ON x.article_id = e.article_id AND x.event_id = e.event_id AND x.actor_id IS NOT NULL "
            f"{clause} GROUP BY period, key ORDER BY period, key"
        )
    else:
        key = {"type": "e.type", "country": "p.country", "none": "'all'"}[group]
        sql = (
            f"SELECT {period} AS period, {key} AS key, count(*) AS n {narrow} {clause} "
            "GROUP BY period, key ORDER BY period, key"
        )
    items = [{"period": p_, "key": k, "count": n} for p_, k, n in con.execute(sql, params).fetchall()]
    return {"by": by, "group": group, "items": items}


def geojson(con: Any, f: Filters, limit: int) -> dict[str, Any]:
    """The filtered events with coordinates as GeoJSON points; ``truncated`` when ``limit`` cut them."""
    clause, params = where(f)
    located = "p.lat IS NOT NULL AND p.lon IS NOT NULL"
    clause = f"{clause} AND {located}" if clause else f"WHERE {located}"
    rows = _rows(
        con,
        f"""
        SELECT e.article_id, e.event_id, e.type, e.mode, e.trigger_text AS trigger, e.date_value AS date,
               e.place_name, p.lon, p.lat, e.factuality, e.confidence, coalesce(c.n_outlets, 1) AS n_outlets,
               coalesce(c.n_articles, 1) AS n_articles, a.site
        {source(f, place=True, cluster=True)}
        LEFT JOIN articles a ON a.id = e.article_id
        {clause} ORDER BY e.date_first NULLS LAST, e.article_id, e.event_id LIMIT ?
        """,
        [*params, limit + 1],
    )
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r.pop("lon"), r.pop("lat")]},
            "properties": r,
        }
        for r in rows[:limit]
    ]
    return {"type": "FeatureCollection", "features": features, "truncated": len(rows) > limit}


def graph(con: Any, f: Filters, limit: int) -> dict[str, Any]:
    """Who acts on whom among the filtered events: the ``limit`` actors in most events, and the source-target
    edges between them with their number of events by type."""
    clause, params = where(f)
    events_sql = f"SELECT e.article_id, e.event_id, e.type {source(f)} {clause}"
    among = "SEMI JOIN ev USING (article_id, event_id)" if clause else ""  # every event: no join
    top = con.execute(
        f"""
        WITH ev AS ({events_sql})
        SELECT actor_id, count(*) AS events
        FROM (SELECT DISTINCT x.actor_id, x.article_id, x.event_id FROM event_actors x {among}
              WHERE x.actor_id IS NOT NULL AND x.role IN ('source', 'target'))
        GROUP BY actor_id ORDER BY events DESC, actor_id LIMIT ?
        """,
        [*params, limit],
    ).fetchall()
    if not top:
        return {"nodes": [], "edges": []}
    ids = [a for a, _n in top]
    marks = ", ".join("?" for _ in ids)
    named = _named(con, ids, "id")
    nodes = [{**named.get(a, {"id": a, "name": a, "kind": None, "country": None}), "events": n} for a, n in top]
    rows = con.execute(
        f"""
        WITH ev AS ({events_sql}),
        x AS (SELECT * FROM event_actors WHERE actor_id IN ({marks}) AND role IN ('source', 'target'))
        SELECT s.actor_id, t.actor_id, ev.type, count(DISTINCT (ev.article_id, ev.event_id))
        FROM ev
        JOIN x s ON s.article_id = ev.article_id AND s.event_id = ev.event_id AND s.role = 'source'
        JOIN x t ON t.article_id = ev.article_id AND t.event_id = ev.event_id AND t.role = 'target'
        WHERE s.actor_id <> t.actor_id
        GROUP BY s.actor_id, t.actor_id, ev.type
        """,
        [*params, *ids],
    ).fetchall()
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for src, tgt, etype, n in rows:
        edge = edges.setdefault((src, tgt), {"source": src, "target": tgt, "events": 0, "types": {}})
        edge["events"] += n
        edge["types"][etype] = n
    return {"nodes": nodes, "edges": sorted(edges.values(), key=lambda e: (-e["events"], e["source"], e["target"]))}


def actors(con: Any, q: str | None, kind: str | None, country: str | None, page: int, page_size: int) -> dict[str, Any]:
    """Actors by the number of articles naming them; each with its name, kind and country as most articles give
    them, and its number of events (counted for the page's actors only)."""
    parts, params = [], []
    if q:
        parts.append("(name ILIKE ? ESCAPE '\\' OR actor_id ILIKE ? ESCAPE '\\')")
        params.extend([f"%{like_escape(q)}%"] * 2)
    if kind:
        parts.append("kind = ?")
        params.append(kind)
    if country:
        parts.append("country = ?")
        params.append(country)
    clause = ("WHERE " + " AND ".join(parts)) if parts else ""
    base = f"SELECT actor_id, count(*) AS n_articles FROM actors {clause} GROUP BY actor_id"
    total = con.execute(f"SELECT count(*) FROM ({base})", params).fetchone()[0]
    page_rows = con.execute(
        f"{base} ORDER BY n_articles DESC, actor_id LIMIT ? OFFSET ?", [*params, page_size, (page - 1) * page_size]
    ).fetchall()
    return {"total": total, "page": page, "page_size": page_size, "items": _actor_rows(con, page_rows)}


def _named(con: Any, ids: list[str], key: str) -> dict[str, dict[str, Any]]:
    """Each actor's name, kind and country as most articles give them, by id; ``key`` names the id's field."""
    marks = ", ".join("?" for _ in ids)
    rows = _rows(
        con,
        f"SELECT actor_id AS {key}, mode(name) AS name, mode(kind) AS kind, mode(country) AS country FROM actors "
        f"WHERE actor_id IN ({marks}) GROUP BY actor_id",
        ids,
    )
    return {r[key]: r for r in rows}


def _actor_rows(con: Any, page_rows: list[tuple[str, int]]) -> list[dict[str, Any]]:
    if not page_rows:
        return []
    ids = [a for a, _n in page_rows]
    marks = ", ".join("?" for _ in ids)
    named = _named(con, ids, "actor_id")
    counts = dict(
        con.execute(
            f"SELECT actor_id, count(DISTINCT (article_id, event_id)) FROM event_actors WHERE actor_id IN ({marks}) "
            "GROUP BY actor_id",
            ids,
        ).fetchall()
    )
    return [{**named[a], "n_articles": n, "n_events": counts.get(a, 0)} for a, n in page_rows]


def actor(con: Any, actor_id: str) -> dict[str, Any] | None:
    n = con.execute("SELECT count(*) FROM actors WHERE actor_id = ?", [actor_id]).fetchone()[0]
    if not n:
        return None
    aliases = con.execute(
        "SELECT DISTINCT unnest(aliases) AS alias FROM actors WHERE actor_id = ? ORDER BY alias", [actor_id]
    ).fetchall()
    return {**_actor_rows(con, [(actor_id, n)])[0], "aliases": [a for (a,) in aliases]}


def places(con: Any, q: str | None, country: str | None, page: int, page_size: int) -> dict[str, Any]:
    """Resolved places by their number of events; name, country and point as the places stage gave them."""
    parts, params = ["place_geonameid IS NOT NULL"], []
    if q:
        parts.append("place_name ILIKE ? ESCAPE '\\'")
        params.append(f"%{like_escape(q)}%")
    if country:
        parts.append("place_geonameid IN (SELECT geonameid FROM places WHERE country = ?)")
        params.append(country)
    where_ = " AND ".join(parts)
    base = f"SELECT place_geonameid AS geonameid, count(*) AS n_events FROM events WHERE {where_} GROUP BY 1"
    total = con.execute(f"SELECT count(*) FROM ({base})", params).fetchone()[0]
    page_rows = con.execute(
        f"{base} ORDER BY n_events DESC, geonameid LIMIT ? OFFSET ?", [*params, page_size, (page - 1) * page_size]
    ).fetchall()
    if not page_rows:
        return {"total": total, "page": page, "page_size": page_size, "items": []}
    ids = [g for g, _n in page_rows]
    marks = ", ".join("?" for _ in ids)
    about = {
        r["geonameid"]: r
        for r in _rows(
            con,
            "SELECT geonameid, mode(name) AS name, mode(country) AS country, avg(lat) AS lat, avg(lon) AS lon "
            f"FROM places WHERE geonameid IN ({marks}) GROUP BY geonameid",
            ids,
        )
    }
    items = [{**about.get(g, {"geonameid": g}), "n_events": n} for g, n in page_rows]
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
