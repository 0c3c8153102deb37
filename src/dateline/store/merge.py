"""Cross-article event merging: the same event reported by several articles becomes one cluster.

Two events from different articles are the same event when they agree on every field a reader
would check: PLOVER type, resolved place (the same GeoNames entry), a day-precise date at most one
day apart (reports often date an event by their own publication day), polarity (a denial is not
merged with an assertion), and at least one resolved actor on the same side (a common source, or a
common target). The clusters are the connected components of that relation. Events without a
resolved place or a day-precise date are never merged: a wrong merge hides a real event, which is
worse for a casualty count than a duplicate a user can see.

Each cluster counts its articles and its independent outlets (articles from one site count once),
and its confidence is ``1 - prod(1 - c)`` over the outlets' best report: two outlets at 0.6 give 0.84.
"""

from __future__ import annotations

import logging
from typing import Any

from ..model import stable_id

LOGGER = logging.getLogger(__name__)

# Reports of one event published on consecutive days may date it by their own day ("on Monday").
MAX_DAY_GAP = 1

_PAIRS = f"""
WITH sides AS (
    SELECT article_id, event_id,
        list(actor_id) FILTER (WHERE role = 'source' AND actor_id IS NOT NULL) AS src,
        list(actor_id) FILTER (WHERE role = 'target' AND actor_id IS NOT NULL) AS tgt
    FROM event_actors GROUP BY article_id, event_id
),
ev AS (
    SELECT e.article_id, e.event_id, e.type, e.place_geonameid, ar.ingested_at,
        TRY_CAST(e.date_value AS DATE) AS day,
        e.factuality = 'negated' AS negated,
        coalesce(s.src, []) AS src, coalesce(s.tgt, []) AS tgt
    FROM events e
    JOIN articles ar ON ar.id = e.article_id
    LEFT JOIN sides s USING (article_id, event_id)
    WHERE e.place_geonameid IS NOT NULL AND e.date_granularity = 'day' AND TRY_CAST(e.date_value AS DATE) IS NOT NULL
)
SELECT a.ingested_at, a.article_id, a.event_id, b.ingested_at, b.article_id, b.event_id
FROM ev a JOIN ev b
  ON a.type = b.type AND a.place_geonameid = b.place_geonameid AND a.article_id < b.article_id
 AND a.negated = b.negated
 -- the date window inside the join condition lets DuckDB use a range join on busy places
 AND b.day BETWEEN a.day - INTERVAL {MAX_DAY_GAP} DAY AND a.day + INTERVAL {MAX_DAY_GAP} DAY
WHERE list_has_any(a.src, b.src) OR list_has_any(a.tgt, b.tgt)
"""

_WRITE = """
INSERT INTO event_clusters
WITH members AS (
    SELECT e.article_id, e.event_id, coalesce(m.cluster_id, e.article_id || ':' || e.event_id) AS cluster_id,
        coalesce(ar.site, e.outlet, regexp_extract(ar.url, '^[a-z]+://([^/]+)', 1), e.article_id) AS outlet,
        least(greatest(e.confidence, 0.0), 0.99) AS confidence
    FROM events e
    JOIN articles ar ON ar.id = e.article_id
    LEFT JOIN _cluster_members m ON m.article_id = e.article_id AND m.event_id = e.event_id
),
by_outlet AS (
    SELECT cluster_id, outlet, max(confidence) AS confidence FROM members GROUP BY cluster_id, outlet
),
clusters AS (
    SELECT c.cluster_id, c.n_articles, o.n_outlets, o.confidence
    FROM (SELECT cluster_id, count(DISTINCT article_id) AS n_articles FROM members GROUP BY cluster_id) c
    JOIN (SELECT cluster_id, count(*) AS n_outlets, round(1 - exp(sum(ln(1 - confidence))), 3) AS confidence
          FROM by_outlet GROUP BY cluster_id) o USING (cluster_id)
)
SELECT m.article_id, m.event_id, m.cluster_id, c.n_articles, c.n_outlets, c.confidence
FROM members m JOIN clusters c USING (cluster_id)
"""


# A report of an event: (ingested_at, article_id, event_id); the first-stored report sorts first.
_Report = tuple[Any, str, str]


def cluster_events(con: Any) -> int:
    """Recompute ``event_clusters`` for the whole store; returns the number of multi-article clusters.

    Runs in the caller's transaction. A cluster's id is the hash of its first-stored report, so it stays the
    same as later articles join the cluster (it changes only if that report's article is removed or rewritten).
    """
    pairs = con.execute(_PAIRS).fetchall()
    parent: dict[_Report, _Report] = {}

    def root(key: _Report) -> _Report:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a_time, a_article, a_event, b_time, b_article, b_event in pairs:
        ra, rb = root((a_time, a_article, a_event)), root((b_time, b_article, b_event))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    rows = [(key[1], key[2], stable_id(*root(key)[1:])) for key in list(parent)]
    con.execute("DELETE FROM event_clusters")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _cluster_members (article_id VARCHAR, event_id VARCHAR, cluster_id VARCHAR)"
    )
    if rows:
        con.executemany("INSERT INTO _cluster_members VALUES (?, ?, ?)", rows)
    con.execute(_WRITE)
    con.execute("DROP TABLE _cluster_members")
    merged = len({cluster for _a, _e, cluster in rows})
    LOGGER.info("event clusters: %d pair(s) merged into %d multi-article cluster(s)", len(pairs), merged)
    return merged
