"""Choosing one gazetteer entry per toponym, with evidence from the whole article.

One sense per name per article: every occurrence of a name key shares one decision. The score of
a candidate adds a prior (feature type, population, how the name matched, the generic word such as
"province"), the article's country focus (countries of its unambiguous toponyms and its dateline)
and explicit containment ("Qaim ... in Iraq", "Hawija, Kirkuk province", "Paris, Texas").
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ._gazetteer import KIND_ALTERNATE, Entry
from ._recognise import Toponym

_FEATURE_PRIOR = {
    "PPLC": 0.8,
    "PPLA": 0.5,
    "PPLG": 0.4,
    "PPLA2": 0.3,
    "PPLA3": 0.1,
    "PPLA4": 0.05,
    "ADM1": 0.8,
    "ADM2": 0.1,
    "CONT": 1.5,
}
_COUNTRY_PRIOR = 2.5
_FEATURE_DEFAULT = {"H": 0.6, "T": 0.6, "L": 0.6, "S": 0.3, "P": 0.0, "A": 0.1}
_FOCUS_WEIGHT = 1.5
# A first-order division of the article's main country beats a foreign country of the same name
# ("Georgia" in a story about Atlanta); the same weight pulls places towards the article's divisions.
_DIVISION_OF_FOCUS = 2.0
_ADMIN_FOCUS_WEIGHT = 1.5
_STATE_NAME = 1.0
# A name whose best prior leads the next candidate by this much votes for the article's focus.
_CLEAR_PRIOR = 0.3
# A match on an entry's own name (or a curated alias) over a GeoNames alternate name.
_NAME_BONUS = 0.6
# Closeness to the article's other clearly resolved places: full weight at 0 km, none beyond _NEAR_KM.
_NEAR_WEIGHT = 1.5
_NEAR_KM = 300.0
_ANCHOR_MARGIN = 0.5
_CONTAINMENT_WEIGHT = 2.5
_LIST_GAPS = frozenset({",", "and", ", and", "or", "&"})
_CONTAINER_GAPS = frozenset({"in", ",", "in northern", "in southern", "in eastern", "in western", "in central"})


@dataclass(slots=True)
class Choice:
    """The decision for one name key: the entry chosen (None: unresolved) and why."""

    key: str
    toponyms: list[Toponym]
    entry: Entry | None
    confidence: float
    reason: list[str] = field(default_factory=list)


def _prior(entry: Entry, generic: str | None) -> float:
    if entry.is_country:
        score = _COUNTRY_PRIOR if entry.kind != KIND_ALTERNATE else 1.0
    else:
        code = entry.feature_code or ""
        score = _FEATURE_PRIOR.get(code, _FEATURE_DEFAULT.get(entry.feature_class or "", 0.0))
    score += math.log10(entry.population + 1) / 7
    score += _NAME_BONUS if entry.kind != KIND_ALTERNATE else 0.0
    if generic is not None:
        score += 1.0 if entry.feature_class == generic else -0.5
    return score


def _best_prior(topo: Toponym) -> tuple[Entry | None, bool]:
    """The candidate with the best prior, and whether it leads the next by a clear margin (or is alone)."""
    if not topo.candidates:
        return None, False
    if len(topo.candidates) == 1:
        return topo.candidates[0], True
    ranked = sorted(((_prior(e, topo.generic), -e.id, e) for e in topo.candidates), reverse=True)
    return ranked[0][2], ranked[0][0] - ranked[1][0] >= _CLEAR_PRIOR


def _containers(toponyms: list[Toponym], text: str, best: list[Entry | None]) -> dict[int, Entry]:
    """Index of toponym -> the country or first-order division the text puts it in."""
    out: dict[int, Entry] = {}
    for i, topo in enumerate(toponyms):
        cur = topo
        for k in range(i + 1, len(toponyms)):
            nxt = toponyms[k]
            gap = _gap(text, cur.end, nxt.start)
            if (
                gap in _CONTAINER_GAPS
                and best[k] is not None
                and nxt.key != topo.key
                and (best[k].is_country or best[k].feature_code == "ADM1")
            ):
                out[i] = best[k]
                break
            if gap not in _LIST_GAPS:
                break
            cur = nxt
    return out


def _main_country(focus: Counter[str], own: tuple[str, int] | None) -> str | None:
    """The country with at least half the article's focus, not counting the vote of the name being judged."""
    votes = focus.copy()
    if own is not None:
        votes[own[0]] -= own[1]
    total = sum(v for v in votes.values() if v > 0)
    if not total:
        return None
    country, count = votes.most_common(1)[0]
    return country if count * 2 >= total else None


def _without(votes: Counter[str], own: tuple[str, int] | None) -> Callable[[str | None], int]:
    """Look-up of ``votes`` minus the vote ``own`` (the judged name's own)."""

    def count(code: str | None) -> int:
        if code is None:
            return 0
        return votes[code] - (own[1] if own is not None and own[0] == code else 0)

    return count


def _gap(text: str, start: int, end: int) -> str | None:
    """The words between two toponyms, single-spaced; None when there are more than two (no gap word has)."""
    words = text[start:end].split(None, 2)
    return None if len(words) > 2 else " ".join(words)


def choose(toponyms: list[Toponym], text: str) -> list[Choice]:
    """One :class:`Choice` per distinct name key, in order of first mention."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, topo in enumerate(toponyms):
        groups[topo.key].append(i)

    # Toponyms of one name share their candidate tuple: their best entry is computed once.
    by_candidates: dict[tuple[int, str | None], tuple[Entry | None, bool]] = {}
    best_prior = []
    clear_prior = []
    for topo in toponyms:
        memo_key = (id(topo.candidates), topo.generic)
        if memo_key not in by_candidates:
            by_candidates[memo_key] = _best_prior(topo)
        best, clear = by_candidates[memo_key]
        best_prior.append(best)
        clear_prior.append(clear)
    focus: Counter[str] = Counter()
    admin_focus: Counter[str] = Counter()
    own: dict[str, tuple[str, int]] = {}  # each name's own vote, left out when that name is judged
    own_admin: dict[str, tuple[str, int]] = {}
    for indices in groups.values():
        topo = toponyms[indices[0]]
        best = best_prior[indices[0]]
        if best is None or best.country is None:
            continue
        big = best.kind != KIND_ALTERNATE and best.population > 1_000_000
        single = clear_prior[indices[0]]  # the only candidate, or far ahead on its prior ("Atlanta")
        weight = len(indices) + (2 if any(toponyms[k].source == "dateline" for k in indices) else 0)
        if single or best.is_country or big or best.feature_code == "ADM1":
            focus[best.country] += weight
            own[topo.key] = (best.country, weight)
        if best.admin1_code and (single or best.feature_code == "ADM1"):
            admin_focus[best.admin1_code] += weight
            own_admin[topo.key] = (best.admin1_code, weight)
    total_focus = sum(focus.values())
    total_admin = sum(admin_focus.values())
    containers = _containers(toponyms, text, best_prior)

    pending: list[tuple[str, list[Toponym], str | None, list[tuple[float, Entry, list[str]]]]] = []
    unresolved: list[tuple[str, list[Toponym]]] = []
    for key, indices in groups.items():
        members = [toponyms[k] for k in indices]
        candidates = {e.id: e for t in members for e in t.candidates}
        if any(e.is_country and e.kind != KIND_ALTERNATE for e in candidates.values()):
            # A country's own name is not read as another place's alternate name ("Mexico", not Mexico City).
            candidates = {i: e for i, e in candidates.items() if e.kind != KIND_ALTERNATE or e.is_country}
        generic = next((t.generic for t in members if t.generic), None)
        if not candidates:
            unresolved.append((key, members))
            continue
        held_in = [containers[k] for k in indices if k in containers]
        names_country = any(e.is_country for e in candidates.values())
        main_country = _main_country(focus, own.get(key))
        # A name is no evidence for itself: "Dublin" alone does not put the story in Ireland.
        focus_of = _without(focus, own.get(key))
        admin_of = _without(admin_focus, own_admin.get(key))
        # A state's name that no town inside that state bears means the state, not a town named after it
        # elsewhere ("California, Md."): "Baghdad" stays the city, the seat of its namesake division.
        towns_in = {e.admin1_code for e in candidates.values() if e.feature_class == "P"}
        scored: list[tuple[float, Entry, list[str]]] = []
        for entry in candidates.values():
            tags = []
            score = _prior(entry, generic)
            if total_focus and focus_of(entry.country) > 0 and not entry.is_country:
                score += _FOCUS_WEIGHT * focus_of(entry.country) / total_focus
                tags.append(f"country-focus:{entry.country}")
                if entry.feature_code == "ADM1" and entry.country == main_country and names_country:
                    score += _DIVISION_OF_FOCUS
                    tags.append("division-of-focus")
            if total_admin and admin_of(entry.admin1_code) > 0 and entry.feature_code != "ADM1":
                score += _ADMIN_FOCUS_WEIGHT * admin_of(entry.admin1_code) / total_admin
                tags.append(f"admin-focus:{entry.admin1_code}")
            if (
                entry.feature_code == "ADM1"
                and entry.country == main_country
                and entry.admin1_code not in towns_in
                and len(candidates) > 1
            ):
                score += _STATE_NAME
                tags.append("division-name")
            for container in held_in:
                inside = (
                    entry.country == container.country
                    if container.is_country
                    else entry.admin1_code is not None and entry.admin1_code == container.admin1_code
                )
                if inside and container.id != entry.id:
                    score += _CONTAINMENT_WEIGHT
                    tags.append(f"contained-in:{container.country if container.is_country else container.admin1_code}")
                    break
            scored.append((score, entry, tags))
        scored.sort(key=lambda s: (-s[0], s[1].id))
        pending.append((key, members, generic, scored))
    _near_others(pending)

    choices: list[Choice] = [Choice(key, members, None, 0.3, ["no-candidate"]) for key, members in unresolved]
    for key, members, generic, scored in pending:
        score, entry, tags = scored[0]
        margin = score - scored[1][0] if len(scored) > 1 else None
        reason = ["alternate-name" if entry.kind == KIND_ALTERNATE else "exact-name", *tags]
        if entry.is_country:
            reason.append("country-name")
        elif entry.feature_code:
            reason.append(f"feature:{entry.feature_code}")
        if generic:
            reason.append(f"generic:{generic}")
        if margin is None:
            reason.append("only-candidate")
            confidence = 0.9 if entry.kind != KIND_ALTERNATE else 0.8
        else:
            if entry.population > 0 and entry.population >= max(e.population for _, e, _ in scored):
                reason.append("population")
            confidence = 0.5 + 0.45 * min(1.0, margin / 1.5)
        if any("fuzzy" in t.cues for t in members):
            reason.append("fuzzy")  # the name is a spelling variant within edit distance 1-2 of the entry's
            confidence = min(confidence * 0.7, 0.6)
        if entry.geonameid is None:
            reason.append("curated-no-geonameid")
        if any(t.source == "dateline" for t in members):
            reason.append("dateline")
        choices.append(Choice(key, members, entry, round(confidence, 3), reason))
    choices.sort(key=lambda c: c.toponyms[0].start)
    return choices


def _near_others(pending: list[tuple[str, list[Toponym], str | None, list[tuple[float, Entry, list[str]]]]]) -> None:
    """Re-rank ambiguous names by closeness to the other names' clear winners (places in one story cluster).

    Anchors are the leading entries that are points (populated places, second-order divisions, features)
    and either the only candidate or ahead by a clear margin; countries and states are too wide to anchor.
    """
    anchors: list[tuple[str, float, float, str | None, int]] = []
    for key, _members, _generic, scored in pending:
        top = scored[0][1]
        clear = len(scored) == 1 or scored[0][0] - scored[1][0] >= _ANCHOR_MARGIN
        if clear and top.lat is not None and not top.is_country and top.feature_code != "ADM1":
            anchors.append((key, top.lat, top.lon, top.admin1_code, top.id))
    if not anchors:
        return
    for i, (key, members, generic, scored) in enumerate(pending):
        if len(scored) < 2:
            continue
        others = [(lat, lon, ident) for k, lat, lon, _, ident in anchors if k != key]
        if not others:
            continue
        holds = {a for k, _, _, a, _ in anchors if k != key}
        rescored = []
        for score, entry, tags in scored:
            near = _NEAR_KM
            if entry.feature_code == "ADM1":  # a state is near the places it holds, whatever its size
                near = 0.0 if entry.admin1_code in holds else _NEAR_KM
            elif entry.lat is not None and not entry.is_country:
                # a place is not near itself under another name ("Mexico" is not near "Mexico City")
                near = min(
                    (_km(entry.lat, entry.lon, lat, lon) for lat, lon, i in others if i != entry.id), default=_NEAR_KM
                )
            if near < _NEAR_KM:
                score += _NEAR_WEIGHT * (1 - near / _NEAR_KM)
                tags = [*tags, f"near-others:{round(near)}km"]
            rescored.append((score, entry, tags))
        rescored.sort(key=lambda s: (-s[0], s[1].id))
        pending[i] = (key, members, generic, rescored)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance in km: accurate enough within a few hundred km, and cheap."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))
