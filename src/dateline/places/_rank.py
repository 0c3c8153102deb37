"""Choosing one gazetteer entry per toponym, with evidence from the whole article.

One sense per name per article: every occurrence of a name key shares one decision. The score of
a candidate adds a prior (feature type, population on a log scale, how the name matched: official
name over alternate name over fuzzy, the generic word such as "province"), explicit containment
("Qaim ... in Iraq", "Hawija, Kirkuk province", "Paris, Texas", "Scranton, Pa.") and its agreement
with the other names' likely readings: the probability mass they put in its country, in its
first-order division and near its point (``_cohere``). A name matched only as a spelling variant (fuzzy) takes a
reading in a country an exactly matched name of the article lies in, or none ("fuzzy-elsewhere").
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from ..kb.gazetteer import KIND_ALTERNATE, Entry
from ._lexicon import CONTAINER_GAPS, LIST_GAPS
from ._recognise import Toponym

_FEATURE_PRIOR = {
    "PPLC": 1.0,
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
_POPULATION_WEIGHT = 1 / 7  # per tenfold population
_DIVISION_POPULATION_WEIGHT = _POPULATION_WEIGHT / 2  # a division's people count less: it is no one place
_FEATURE_DEFAULT = {"H": 0.6, "T": 0.6, "L": 0.6, "S": 0.3, "P": 0.0, "A": 0.1}
_FOCUS_WEIGHT = 1.5
# A first-order division of the article's main country beats a foreign country of the same name
# ("Georgia" in a story about Atlanta).
_DIVISION_OF_FOCUS = 2.0
_ADMIN_FOCUS_WEIGHT = 3.0
_STATE_NAME = 1.0
# A name whose best prior leads the next candidate by this much votes for the article's focus.
_CLEAR_PRIOR = 0.3
# A match on an entry's own name (or a curated alias) over a GeoNames alternate name.
_NAME_BONUS = 0.6
# Closeness to the other names' likely points: full weight at 0 km, none beyond _NEAR_KM. The focus, admin and
# near weights were set on the LGL dev half only.
_NEAR_WEIGHT = 4.0
_NEAR_KM = 300.0
# The same at the scale of a region ("Gaza" with Aleppo and Homs is the one in Palestine, not Mozambique's).
_REGION_WEIGHT = 0.5
_REGION_KM = 1500.0
_REGION_DEG = _REGION_KM / 111.0
_MAX_MENTIONS = 3  # a name's weight as evidence: its mentions, up to this many
_DATELINE_WEIGHT = 2.0
_DEMONYM_WEIGHT = 0.5  # a demonym's weight as evidence for its country, per mention
_SITE_WEIGHT = 2.0  # an outlet's country-code domain (a .ca paper) as evidence for its country, like a dateline
_SITE_PRIOR = 1.0  # and as a prior for the places in that country (a local paper's "London" is its own)
# Toponyms that are evidence only (no place mention of their own): never containers, never contained.
EVIDENCE_SOURCES = frozenset({"demonym", "site"})
_TEMPERATURE = 0.5  # of the softmax that turns candidate scores into probabilities
_POINT_MASS = 0.05  # a candidate point carries distance evidence from this probability up
_PRIOR_WEIGHT = 1.0  # support is divided by the other names' weight plus this (few names: weak evidence)
_ROUNDS = 3
_CONTAINMENT_WEIGHT = 2.5


@dataclass(slots=True)
class Choice:
    """The decision for one name key: the entry chosen (None: unresolved) and why."""

    key: str
    toponyms: list[Toponym]
    entry: Entry | None
    confidence: float
    reason: list[str] = field(default_factory=list)


def _towns_in(candidates) -> frozenset[str | None]:
    """The first-order divisions holding a populated place among ``candidates`` (a name's towns)."""
    return frozenset(e.admin1_code for e in candidates if e.feature_class == "P")


def _prior(entry: Entry, generic: str | None, towns_in: frozenset[str | None] = frozenset()) -> float:
    if entry.is_country:
        score = _COUNTRY_PRIOR if entry.kind != KIND_ALTERNATE else 1.0
    else:
        code = entry.feature_code or ""
        score = _FEATURE_PRIOR.get(code, _FEATURE_DEFAULT.get(entry.feature_class or "", 0.0))
    if entry.is_admin:
        # A division's population is the sum of its towns': it counts at half weight (no one place of that size
        # is meant). A division named after a town inside it ("Tokyo", "Alexandria") and a county by its bare name
        # ("Richland") mean the town: there the sum is no evidence.
        if entry.population and entry.admin1_code not in towns_in and (entry.feature_code == "ADM1" or generic == "A"):
            score += math.log10(entry.population + 1) * _DIVISION_POPULATION_WEIGHT
    else:
        score += math.log10(entry.population + 1) * _POPULATION_WEIGHT
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
    towns_in = _towns_in(topo.candidates)
    ranked = sorted(((_prior(e, topo.generic, towns_in), -e.id, e) for e in topo.candidates), reverse=True)
    return ranked[0][2], ranked[0][0] - ranked[1][0] >= _CLEAR_PRIOR


def _containers(toponyms: list[Toponym], text: str, best: list[Entry | None]) -> dict[int, Entry]:
    """Index of toponym -> the country or first-order division the text puts it in."""
    out: dict[int, Entry] = {}
    for i, topo in enumerate(toponyms):
        if topo.source in EVIDENCE_SOURCES:
            continue
        cur = topo
        for k in range(i + 1, len(toponyms)):
            nxt = toponyms[k]
            gap = _gap(text, cur.end, nxt.start)
            if nxt.source in EVIDENCE_SOURCES:
                break
            if (
                gap in CONTAINER_GAPS
                and best[k] is not None
                and nxt.key != topo.key
                and (best[k].is_country or best[k].feature_code == "ADM1")
            ):
                out[i] = best[k]
                break
            if gap not in LIST_GAPS:
                break
            cur = nxt
    return out


def _gap(text: str, start: int, end: int) -> str | None:
    """The words between two toponyms, single-spaced; None when there are more than two (no gap word has)."""
    words = text[start:end].split(None, 2)
    return None if len(words) > 2 else " ".join(words)


@dataclass(slots=True)
class _Name:
    """One name key being decided: its mentions, weight as evidence for the others, and scored candidates."""

    key: str
    members: list[Toponym]
    generic: str | None
    weight: float
    names_country: bool
    towns_in: frozenset[str | None]
    base: list[tuple[float, Entry, list[str]]]
    scored: list[tuple[float, Entry, list[str]]] = field(default_factory=list)
    probs: list[float] = field(default_factory=list)


def choose(toponyms: list[Toponym], text: str) -> list[Choice]:
    """One :class:`Choice` per distinct name key, in order of first mention."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, topo in enumerate(toponyms):
        groups[topo.key].append(i)
    containers = _containers(toponyms, text, _best_priors(toponyms))

    site_countries = {e.country for t in toponyms if t.source == "site" for e in t.candidates}
    names: list[_Name] = []
    unresolved: list[tuple[str, list[Toponym]]] = []
    for key, indices in groups.items():
        members = [toponyms[k] for k in indices]
        candidates = _name_candidates(members)
        generic = next((t.generic for t in members if t.generic), None)
        if not candidates:
            unresolved.append((key, members))
            continue
        held_in = [containers[k] for k in indices if k in containers]
        # A state's name that no town inside that state bears means the state, not a town named after it
        # elsewhere ("California, Md."): "Baghdad" stays the city, the seat of its namesake division.
        towns_in = _towns_in(candidates.values())
        base = [_base_score(entry, generic, towns_in, held_in, site_countries) for entry in candidates.values()]
        names_country = any(e.is_country for e in candidates.values())
        names.append(_Name(key, members, generic, _evidence_weight(members), names_country, towns_in, base))
    _cohere(names)

    choices: list[Choice] = [Choice(key, members, None, 0.3, ["no-candidate"]) for key, members in unresolved]
    # a spelling variant is one of the places the article is about: news respells the local names of the countries it
    # covers, and a near match in a country no exactly named place lies in is another word ("Kadawa, Zamfara,
    # Nigeria" is not Japan's Kagawa)
    covered = {n.scored[0][1].country for n in names if n.scored and not _fuzzy(n)}
    for name in names:
        if _fuzzy(name) and covered:
            name.scored = [c for c in name.scored if c[1].country in covered]
            if not name.scored:
                choices.append(Choice(name.key, name.members, None, 0.3, ["fuzzy-elsewhere"]))
    choices.extend(_choice(name) for name in names if name.scored)
    choices.sort(key=lambda c: c.toponyms[0].start)
    return choices


def _fuzzy(name: _Name) -> bool:
    """Every mention of the name matched the gazetteer only as a spelling variant."""
    return all("fuzzy" in t.cues for t in name.members)


def _best_priors(toponyms: list[Toponym]) -> list[Entry | None]:
    """Each toponym's candidate with the best prior."""
    # Toponyms of one name share their candidate tuple: their best entry is computed once.
    by_candidates: dict[tuple[int, str | None], tuple[Entry | None, bool]] = {}
    best_prior = []
    for topo in toponyms:
        memo_key = (id(topo.candidates), topo.generic)
        if memo_key not in by_candidates:
            by_candidates[memo_key] = _best_prior(topo)
        best_prior.append(by_candidates[memo_key][0])
    return best_prior


def _name_candidates(members: list[Toponym]) -> dict[int, Entry]:
    """The candidate entries of a name's mentions, by id."""
    candidates = {e.id: e for t in members for e in t.candidates}
    if any(e.is_country and e.kind != KIND_ALTERNATE for e in candidates.values()):
        # A country's own name is not read as another place's alternate name ("Mexico", not Mexico City).
        candidates = {i: e for i, e in candidates.items() if e.kind != KIND_ALTERNATE or e.is_country}
    return candidates


def _base_score(
    entry: Entry,
    generic: str | None,
    towns_in: frozenset[str | None],
    held_in: list[Entry],
    site_countries: set[str | None],
) -> tuple[float, Entry, list[str]]:
    """A candidate's score before coherence: its prior, the container the text puts it in, the outlet's country."""
    tags = []
    score = _prior(entry, generic, towns_in)
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
    if entry.country in site_countries and not entry.is_country:
        score += _SITE_PRIOR
        tags.append(f"site-country:{entry.country}")
    return score, entry, tags


def _evidence_weight(members: list[Toponym]) -> float:
    """A name's weight as evidence for the other names: its mentions (capped), a dateline counting extra."""
    weight = min(len(members), _MAX_MENTIONS) + (
        _DATELINE_WEIGHT if any(t.source == "dateline" for t in members) else 0
    )
    if all(t.source == "demonym" for t in members):
        weight *= _DEMONYM_WEIGHT  # "French officials": evidence for France, weaker than a toponym
    elif all(t.source == "site" for t in members):
        weight = _SITE_WEIGHT
    return weight


def _choice(name: _Name) -> Choice:
    """The decision for a scored name: its best candidate, a confidence from the margin, and the reasons."""
    scored, generic, members = name.scored, name.generic, name.members
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
    return Choice(name.key, members, entry, round(confidence, 3), reason)


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exp = [math.exp((s - top) / _TEMPERATURE) for s in scores]
    total = sum(exp)
    return [e / total for e in exp]


@dataclass(slots=True)
class _Evidence:
    """One round's view of all names' likely readings: probability mass per country, division and point."""

    country_mass: list[dict[str, float]]  # per name: the probability that it lies in each country
    admin_mass: list[dict[str, float]]  # per name: ... in each first-order division
    country_total: dict[str, float]  # over all names, weighted by each name's weight
    admin_total: dict[str, float]
    all_points: list[tuple[float, float, float, int, int]]  # lat, lon, weighted mass, entry id, name; sorted
    lats: list[float]  # the latitudes of all_points, for bisecting
    total_weight: float


def _cohere(names: list[_Name]) -> None:
    """Score every candidate by its base score plus its agreement with the other names' likely readings.

    Each name's candidates get probabilities (a softmax of their scores); a candidate of one name is then
    supported by the probability mass the *other* names put in its country, in its first-order division and
    near its point (places in one story cluster: "Albany" with "Georgia", "Springfield" with "Sangamon County").
    A name is no evidence for itself. A few rounds let clear names settle the ambiguous ones.
    """
    for name in names:
        name.scored = sorted(name.base, key=lambda s: (-s[0], s[1].id))
        name.probs = _softmax([s for s, _, _ in name.scored])
    if len(names) < 2:
        return
    for _round in range(_ROUNDS):
        evidence = _evidence(names)
        for i, name in enumerate(names):
            name.scored = _rescore(i, name, evidence)
        for name in names:
            name.probs = _softmax([s for s, _, _ in name.scored])


def _masses(name: _Name) -> tuple[dict[str, float], dict[str, float], list[tuple[float, float, float, int]]]:
    """A name's probability mass per country and per first-order division, and its likely points."""
    cm: dict[str, float] = defaultdict(float)
    am: dict[str, float] = defaultdict(float)
    pts = []
    for p, (_, entry, _) in zip(name.probs, name.scored, strict=True):
        # the probability that the name lies in that country / division: its candidates' sum there
        if entry.country:
            cm[entry.country] += p
        if entry.admin1_code and not entry.is_country:
            am[entry.admin1_code] += p
        if p >= _POINT_MASS and entry.lat is not None and not entry.is_country and entry.feature_code != "ADM1":
            pts.append((entry.lat, entry.lon, p, entry.id))
    return cm, am, pts


def _evidence(names: list[_Name]) -> _Evidence:
    """Every name's masses, and their sums weighted by the names' weights."""
    country_mass: list[dict[str, float]] = []
    admin_mass: list[dict[str, float]] = []
    points: list[list[tuple[float, float, float, int]]] = []
    for name in names:
        cm, am, pts = _masses(name)
        country_mass.append(cm)
        admin_mass.append(am)
        points.append(pts)
    total_weight = sum(n.weight for n in names)
    country_total: dict[str, float] = defaultdict(float)
    admin_total: dict[str, float] = defaultdict(float)
    all_points: list[tuple[float, float, float, int, int]] = []  # lat, lon, weighted mass, entry id, name
    for j, name in enumerate(names):
        for code, mass in country_mass[j].items():
            country_total[code] += name.weight * mass
        for code, mass in admin_mass[j].items():
            admin_total[code] += name.weight * mass
        all_points.extend((lat, lon, name.weight * p, ident, j) for lat, lon, p, ident in points[j])
    all_points.sort()
    lats = [pt[0] for pt in all_points]
    return _Evidence(country_mass, admin_mass, country_total, admin_total, all_points, lats, total_weight)


def _rescore(i: int, name: _Name, ev: _Evidence) -> list[tuple[float, Entry, list[str]]]:
    """Name ``i``'s candidates rescored: base score plus the support of the other names, best first."""
    others = ev.total_weight - name.weight
    norm = others + _PRIOR_WEIGHT
    own_c = ev.country_mass[i]
    # the article's main country without this name's own vote
    votes = {c: m - name.weight * own_c.get(c, 0.0) for c, m in ev.country_total.items()}
    main, main_votes = max(votes.items(), key=lambda kv: kv[1], default=(None, 0.0))
    main = main if others and main_votes * 2 >= others else None
    rescored = []
    for base, entry, tags in name.base:
        score = base
        tags = list(tags)
        c_support, a_support, n_support, r_support = _support(i, name, entry, ev)
        if c_support and not entry.is_country:
            score += _FOCUS_WEIGHT * c_support / norm
            tags.append(f"country-focus:{entry.country}")
        if a_support:
            score += _ADMIN_FOCUS_WEIGHT * a_support / norm
            tags.append(f"admin-focus:{entry.admin1_code}")
        if n_support:
            score += _NEAR_WEIGHT * n_support / norm
            tags.append("near-others")
        if r_support > 1e-9 and _REGION_WEIGHT:
            score += _REGION_WEIGHT * r_support / norm
            tags.append("same-region")
        if entry.feature_code == "ADM1" and entry.country == main:
            if name.names_country:
                score += _DIVISION_OF_FOCUS
                tags.append("division-of-focus")
            if entry.admin1_code not in name.towns_in and len(name.base) > 1:
                score += _STATE_NAME
                tags.append("division-name")
        rescored.append((score, entry, tags))
    rescored.sort(key=lambda s: (-s[0], s[1].id))
    return rescored


def _support(i: int, name: _Name, entry: Entry, ev: _Evidence) -> tuple[float, float, float, float]:
    """The other names' support for a candidate of name ``i``: in its country, in its division, near its point
    and in its region."""
    own_c, own_a = ev.country_mass[i], ev.admin_mass[i]
    c_support = a_support = n_support = 0.0
    if entry.country:
        c_support = ev.country_total[entry.country] - name.weight * own_c.get(entry.country, 0.0)
    if entry.admin1_code and not entry.is_country:
        a_support = ev.admin_total[entry.admin1_code] - name.weight * own_a.get(entry.admin1_code, 0.0)
    r_support = 0.0
    if entry.lat is not None and not entry.is_country and entry.feature_code != "ADM1":
        lo = bisect_left(ev.lats, entry.lat - _REGION_DEG)
        hi = bisect_right(ev.lats, entry.lat + _REGION_DEG)
        for lat, lon, mass, ident, j in ev.all_points[lo:hi]:
            if j == i or ident == entry.id:
                continue
            d = _km(entry.lat, entry.lon, lat, lon)
            if d < _NEAR_KM:
                n_support += mass * (1 - d / _NEAR_KM)
            if d < _REGION_KM:
                r_support += mass * (1 - d / _REGION_KM)
    c_support = max(c_support, 0.0) if c_support > 1e-9 else 0.0
    a_support = max(a_support, 0.0) if a_support > 1e-9 else 0.0
    return c_support, a_support, n_support, r_support


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance in km: accurate enough within a few hundred km, and cheap."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))
