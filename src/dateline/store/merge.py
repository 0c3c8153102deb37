"""Cross-article event merging: the same event reported by several articles becomes one cluster.

Two events from different articles are the same event when they agree on every field a reader
would check: PLOVER type, resolved place (the same GeoNames entry), a day-precise date at most one
day apart (reports often date an event by their own publication day), polarity (a denial is not
merged with an assertion), and at least one resolved actor on the same side (a common source, or a
common target) — or, on the same day, no side on which both reports name someone: a report that names no one
("a bomb exploded in the market on Friday") contradicts no report that names the bombers (ACLED's event identity
is the actors, the place and the day; unnamed actors are unknown, not different). The clusters are the connected
components of that relation. Events without a resolved place or a day-precise date are never merged: a wrong
merge hides a real event, which is worse for a casualty count than a duplicate a user can see.

A cluster's id depends on its reports only, never on how or in which order they were stored (``--batch-size``,
input order, a resumed run): a new cluster's id is the hash of its smallest (article id, event id). Once made, an
id is kept: when a later merge adds reports to a cluster, or a stored report is rewritten out of it, the cluster
that holds every remaining report of an earlier cluster keeps that cluster's id (if it holds several, the one of
the earlier cluster with most reports, then the smallest id). So one run over a set of articles gives the same
ids whatever its batching, and ids a user has seen stay as reports join. An event alone in its cluster has the
id ``article_id:event_id``.

Each cluster counts its articles and its independent outlets (articles from one site count once),
and its confidence is ``1 - prod(1 - c)`` over the outlets' best report: two outlets at 0.6 give 0.84.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any, TypeVar

from ..model import stable_id

LOGGER = logging.getLogger(__name__)

# Reports of one event published on consecutive days may date it by their own day ("on Monday").
MAX_DAY_GAP = 1

_GAPS = ", ".join(f"({d})" for d in range(-MAX_DAY_GAP, MAX_DAY_GAP + 1))

_PAIRS = f"""
WITH sides AS (
    SELECT article_id, event_id,
        list(actor_id) FILTER (WHERE role = 'source' AND actor_id IS NOT NULL) AS src,
        list(actor_id) FILTER (WHERE role = 'target' AND actor_id IS NOT NULL) AS tgt
    FROM event_actors GROUP BY article_id, event_id
),
ev AS (
    SELECT e.article_id, e.event_id, e.type, e.place_geonameid,
        TRY_CAST(e.date_value AS DATE) AS day,
        e.factuality = 'negated' AS negated,
        coalesce(s.src, []) AS src, coalesce(s.tgt, []) AS tgt
    FROM events e
    LEFT JOIN sides s USING (article_id, event_id)
    WHERE e.place_geonameid IS NOT NULL AND e.date_granularity = 'day' AND TRY_CAST(e.date_value AS DATE) IS NOT NULL
)
SELECT a.article_id, a.event_id, b.article_id, b.event_id
-- each event is looked for on each day of its window, so the day is an equality key of the hash join: pairs are
-- only formed within a day window, not across every report of a type at a busy place (quadratic at a million)
FROM (SELECT ev.*, ev.day + w.gap AS near FROM ev, (VALUES {_GAPS}) w(gap)) a JOIN ev b
  ON a.type = b.type AND a.place_geonameid = b.place_geonameid AND a.negated = b.negated AND b.day = a.near
 AND a.article_id < b.article_id
WHERE list_has_any(a.src, b.src) OR list_has_any(a.tgt, b.tgt)
   -- the same day: one report may name no one the other does not contradict ("a car bomb exploded" / "IS bombed")
   OR (a.day = b.day AND (len(a.src) = 0 OR len(b.src) = 0) AND (len(a.tgt) = 0 OR len(b.tgt) = 0))
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


# The clusters of several events the last merge made: their ids are kept when their reports stay together.
_PREVIOUS = (
    "SELECT article_id, event_id, cluster_id FROM event_clusters WHERE cluster_id <> article_id || ':' || event_id"
)

# A report of an event: (article_id, event_id).
_Report = tuple[str, str]
# A node of a graph whose components are sought (a report, or the Spark merge's string key).
K = TypeVar("K")


def cluster_events(con: Any) -> int:
    """Recompute ``event_clusters`` for the whole store; returns the number of multi-article clusters.

    Runs in the caller's transaction. Ids: see the module's docstring.
    """
    pairs = con.execute(_PAIRS).fetchall()
    components = connected_components(((a, ae), (b, be)) for a, ae, b, be in pairs)
    ids = _cluster_ids(components, con.execute(_PREVIOUS).fetchall())
    rows = [(aid, eid, ids[first]) for first, members in components.items() for aid, eid in members]
    con.execute("DELETE FROM event_clusters")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _cluster_members (article_id VARCHAR, event_id VARCHAR, cluster_id VARCHAR)"
    )
    if rows:  # three list parameters, unnested in SQL: one statement, not one per row (~90 µs each)
        articles, events, clusters = (list(column) for column in zip(*rows, strict=True))
        con.execute(
            "INSERT INTO _cluster_members SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[])",
            [articles, events, clusters],
        )
    con.execute(_WRITE)
    con.execute("DROP TABLE _cluster_members")
    merged = len(components)
    LOGGER.info("event clusters: %d pair(s) merged into %d multi-article cluster(s)", len(pairs), merged)
    return merged


def connected_components(pairs: Iterable[tuple[K, K]]) -> dict[K, list[K]]:
    """The connected components of the graph whose edges are ``pairs``, by union-find: each component's smallest
    node to its nodes (the Spark merge uses it too, on the driver)."""
    parent: dict[K, K] = {}

    def root(key: K) -> K:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)  # nodes are ordered (tuples, strings): the smallest is the root
    components: dict[K, list[K]] = {}
    for key in list(parent):
        components.setdefault(root(key), []).append(key)
    return components


def _cluster_ids(components: dict[_Report, list[_Report]], previous: list[tuple[str, str, str]]) -> dict[_Report, str]:
    """Each component's id, by its smallest report: an earlier cluster's id it wholly holds, else a new one.

    ``components`` maps each component's smallest report to its reports; ``previous`` is the last merge's
    (article_id, event_id, cluster_id) rows of multi-event clusters still stored.
    """
    before: dict[_Report, str] = {}
    old_members: dict[str, set[_Report]] = {}
    for aid, eid, cluster in previous:
        before[(aid, eid)] = cluster
        old_members.setdefault(cluster, set()).add((aid, eid))
    ids: dict[_Report, str] = {}
    for first, members in components.items():
        inside = set(members)
        kept = {before[m] for m in members if m in before and old_members[before[m]] <= inside}
        if kept:  # disjoint components cannot both wholly hold one earlier cluster
            ids[first] = min(kept, key=lambda c: (-len(old_members[c]), c))
    used = set(ids.values())
    for first in components:
        if first not in ids:
            new = stable_id(*first)
            while new in used:  # the smallest report once named a cluster it has since left: hash again
                new = stable_id(new, *first)
            ids[first] = new
            used.add(new)
    return ids
