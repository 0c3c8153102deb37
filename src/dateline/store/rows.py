"""Flatten one :class:`~dateline.model.Result` into rows for the store's tables.

Pure functions, no database: each returns plain dicts keyed by column name, so the writer can build
one multi-row INSERT per table and tests can check rows without DuckDB.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

from ..model import Actor, Event, Place, Quote, Result, Span, StageError, TimeExpr
from .dates import date_columns

LOGGER = logging.getLogger(__name__)

Row = dict[str, Any]

# Child tables in write order; every one has an ``article_id`` column, which is what delete-then-insert uses.
CHILD_TABLES = ("actors", "places", "times", "quotes", "events", "event_actors", "casualties", "errors")
TABLES = ("articles", *CHILD_TABLES)


def _span(prefix: str, span: Span | None) -> Row:
    if span is None:
        return {f"{prefix}_start": None, f"{prefix}_end": None, f"{prefix}_text": None}
    return {f"{prefix}_start": span.start, f"{prefix}_end": span.end, f"{prefix}_text": span.text}


def _spans_json(spans: list[Span]) -> str:
    return json.dumps([{"start": s.start, "end": s.end, "text": s.text} for s in spans], ensure_ascii=False)


def _unique(rows: list[Row], key: tuple[str, ...], table: str, article_id: str) -> list[Row]:
    """Drop rows whose key repeats (a stage bug), keeping the first, so one bad fact cannot lose the article."""
    seen: set[tuple] = set()
    kept = []
    for row in rows:
        k = tuple(row[c] for c in key)
        if k in seen:
            LOGGER.warning("article %s: duplicate %s key %s dropped", article_id, table, k)
            continue
        seen.add(k)
        kept.append(row)
    return kept


def place_key(geonameid: int | None, name: str) -> str:
    """The key of a place within an article: its GeoNames id, else its lower-cased name."""
    return str(geonameid) if geonameid is not None else f"name:{name.casefold()}"


def result_rows(result: Result, ingested_at: datetime) -> dict[str, list[Row]]:
    """Every row one result contributes, by table name."""
    art = result.article
    aid = art.id
    articles = [_article_row(result, ingested_at)]
    actors = [_actor_row(aid, a) for a in result.actors]
    places = [_place_row(aid, p) for p in result.places]
    times = [_time_row(aid, i, t) for i, t in enumerate(result.times)]
    quotes = [_quote_row(aid, q) for q in result.quotes]
    events = [_event_row(aid, e) for e in result.events]
    event_actors = _event_actor_rows(aid, result.events)
    casualties = _casualty_rows(aid, result.events)
    errors = [_error_row(aid, art.source, i, err, ingested_at) for i, err in enumerate(result.errors)]
    return {
        "articles": articles,
        "actors": _unique(actors, ("actor_id",), "actors", aid),
        "places": _unique(places, ("place_key",), "places", aid),
        "times": times,
        "quotes": _unique(quotes, ("quote_id",), "quotes", aid),
        "events": _unique(events, ("event_id",), "events", aid),
        "event_actors": _unique(event_actors, ("event_id", "role", "idx"), "event_actors", aid),
        "casualties": _unique(casualties, ("event_id", "idx"), "casualties", aid),
        "errors": errors,
    }


def _article_row(result: Result, ingested_at: datetime) -> Row:
    art = result.article
    dl = art.dateline
    return {
        "id": art.id,
        "url": art.url,
        "source": art.source,
        "site": art.site,
        "title": art.title,
        "authors": list(art.authors),
        "published": art.published,
        "published_basis": art.published_basis,
        "dateline_place": dl.place.text if dl and dl.place else None,
        "dateline_date": dl.date.text if dl and dl.date else None,
        "dateline_value": dl.date_value if dl else None,
        "dateline_geonameid": dl.geonameid if dl else None,
        "language": art.language,
        "text": art.text,
        "n_errors": len(result.errors),
        "ingested_at": ingested_at,
        "schema_version": result.schema_version,
        "result": result.model_dump_json(),
    }


def _actor_row(article_id: str, a: Actor) -> Row:
    return {
        "article_id": article_id,
        "actor_id": a.id,
        "name": a.name,
        "kind": a.kind,
        "country": a.country,
        "role": a.role,
        "affiliation": a.affiliation,
        "cameo": a.cameo,
        "wikidata": a.wikidata,
        "known": a.known,
        "aliases": list(a.aliases),
        "mentions": _spans_json(a.mentions),
        "n_mentions": len(a.mentions),
        "confidence": a.confidence,
    }


def _place_row(article_id: str, p: Place) -> Row:
    return {
        "article_id": article_id,
        "place_key": place_key(p.geonameid, p.name),
        "geonameid": p.geonameid,
        "name": p.name,
        "feature_class": p.feature_class,
        "feature_code": p.feature_code,
        "country": p.country,
        "country_iso2": p.country_iso2,
        "admin1": p.admin1,
        "admin1_code": p.admin1_code,
        "lat": p.lat,
        "lon": p.lon,
        "resolved": p.resolved,
        "mentions": _spans_json(p.mentions),
        "n_mentions": len(p.mentions),
        "confidence": p.confidence,
        "reason": list(p.reason),
        "actor_mentions": _spans_json(p.actor_mentions),
    }


def _time_row(article_id: str, i: int, t: TimeExpr) -> Row:
    return {
        "article_id": article_id,
        "idx": i,
        "start_char": t.span.start,
        "end_char": t.span.end,
        "text": t.span.text,
        "value": t.value,
        "granularity": t.granularity,
        "anchor": t.anchor,
        "confidence": t.confidence,
    }


def _quote_row(article_id: str, q: Quote) -> Row:
    return {
        "article_id": article_id,
        "quote_id": q.id,
        "start_char": q.start,
        "end_char": q.end,
        "text": q.text,
        "kind": q.kind,
        "speaker_actor": q.speaker.actor if q.speaker else None,
        **_span("speaker", q.speaker.span if q.speaker else None),
        **_span("cue", q.cue),
        "medium_name": q.medium.name if q.medium else None,
        "medium_actor": q.medium.actor if q.medium else None,
        **_span("medium", q.medium.span if q.medium else None),
        "sources": _spans_json(q.sources),
        **_span("said_at", q.said_at),
        "factuality": q.factuality,
        **_span("factuality_cue", q.factuality_cue),
        "confidence": q.confidence,
    }


def _event_actor_rows(article_id: str, events: list[Event]) -> list[Row]:
    """One row per participant of each event: its sources, then its targets, numbered within the role."""
    return [
        {
            "article_id": article_id,
            "event_id": e.id,
            "role": role,
            "idx": i,
            "actor_id": p.actor,
            "span_start": p.span.start,
            "span_end": p.span.end,
            "span_text": p.span.text,
        }
        for e in events
        for role, participants in (("source", e.source), ("target", e.target))
        for i, p in enumerate(participants)
    ]


def _casualty_rows(article_id: str, events: list[Event]) -> list[Row]:
    """One row per casualty count of each event, numbered within the event."""
    return [
        {
            "article_id": article_id,
            "event_id": e.id,
            "idx": i,
            "kind": c.kind,
            "low": c.low,
            "high": c.high,
            "qualifier": c.qualifier,
            "who": c.who,
            "actor_id": c.actor,
            **_span("span", c.span),
            "confidence": c.confidence,
        }
        for e in events
        for i, c in enumerate(e.casualties)
    ]


def _error_row(article_id: str, source: str | None, i: int, err: StageError, recorded_at: datetime) -> Row:
    return {
        "article_id": article_id,
        "idx": i,
        "source": source,
        "stage": err.stage,
        "kind": err.kind,
        "message": err.message,
        "recorded_at": recorded_at,
    }


def _days(value: str | None) -> Row:
    """The first and last day an event's date covers, for filtering and counting by date (None without a year)."""
    cols = date_columns(value)
    return {
        "date_first": cols.start.isoformat() if cols.start else None,
        "date_last": cols.end.isoformat() if cols.end else None,
    }


def _event_row(article_id: str, e: Event) -> Row:
    att = e.attribution
    return {
        "article_id": article_id,
        "event_id": e.id,
        "type": e.type,
        "mode": e.mode,
        "cameo": e.cameo,
        "place_geonameid": e.place.geonameid if e.place else None,
        "place_name": e.place.name if e.place else None,
        **_span("place", e.place.span if e.place else None),
        "place_precision": e.place.precision if e.place else None,
        "place_reason": e.place.reason if e.place else None,
        "date_value": e.date.value if e.date else None,
        **_days(e.date.value if e.date else None),
        "date_granularity": e.date.granularity if e.date else None,
        "date_basis": e.date.basis if e.date else None,
        **_span("date", e.date.span if e.date else None),
        **_span("trigger", e.trigger),
        **_span("evidence", e.evidence),
        "speaker_actor": att.speaker,
        **_span("speaker", att.speaker_span),
        "medium": att.medium,
        "quote_id": att.quote,
        "outlet": att.outlet,
        "cited_sources": _spans_json(att.sources),
        "factuality": e.factuality,
        **_span("factuality_cue", e.factuality_cue),
        **_span("factuality_scope", e.factuality_scope),
        "confidence": e.confidence,
        "reason": list(e.reason),
        "merged_articles": list(e.articles),
        "mentions": _spans_json(e.mentions or [e.trigger]),
    }
