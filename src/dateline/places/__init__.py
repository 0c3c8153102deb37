"""Places stage: toponyms resolved to GeoNames entries.

Finds the article's toponyms (dateline, spaCy GPE/LOC/FAC, a gazetteer scan for names the model
missed), chooses one gazetteer entry per name with article-wide evidence, and writes one
:class:`~dateline.model.Place` per distinct place with every mention of it in the text. Toponyms
with no gazetteer entry are kept as unresolved places, never dropped.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from ..kb.gazetteer import Entry, Gazetteer
from ..model import Place, Span
from . import _recognise
from ._lexicon import ACTOR_VERBS, GENERIC_CC, NON_PLACE_LABELS, SUBJECT_DEPS
from ._rank import EVIDENCE_SOURCES, Choice, choose

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

    from ..document import Document
    from ..resources import Resources

LOGGER = logging.getLogger(__name__)

REQUIRES = ("article", "spacy_doc", "actors")
ASSIGNS = ("places", "dateline_geonameid", "focus_country")

__all__ = ["resolve", "resolve_toponyms"]


def resolve(doc: Document, resources: Resources) -> None:
    """Fill ``doc.places``, ``doc.dateline_geonameid`` (when the dateline place resolves) and ``doc.focus_country``."""
    if doc.spacy_doc is None or not doc.text:
        return
    gazetteer = resources.gazetteer
    ents = doc.spacy_doc.ents  # rebuilt by spaCy on every access: read once
    toponyms = _recognise.find(doc, gazetteer, ents, _demonyms(resources))
    evidence = _demonym_evidence(doc, ents, gazetteer, resources, toponyms) + _site_evidence(doc, gazetteer)
    choices = [c for c in choose(sorted(toponyms + evidence, key=lambda t: t.start), doc.text) if not _only_evidence(c)]
    places = _places(doc, choices, ents)
    _actor_mentions(doc, places, ents, gazetteer, resources)
    doc.places = places
    dateline = doc.article.dateline
    if dateline is not None and dateline.place is not None:
        for place in places:
            if place.resolved and any(m.start == dateline.place.start for m in place.mentions):
                doc.dateline_geonameid = place.geonameid
                break
    doc.focus_country = focus_country(doc)
    LOGGER.debug("%s: %d toponyms, %d places", doc.article.id, len(toponyms), len(places))


def focus_country(doc: Document) -> str | None:
    """The country (ISO-3) the article is about: the dateline place's, else the one most of its toponyms lie in
    (mentions counted; at least two, and no tie)."""
    dl = doc.article.dateline
    counts: dict[str, int] = {}
    for place in doc.places:
        if not place.country:
            continue
        if dl is not None and dl.place is not None and any(m.start == dl.place.start for m in place.mentions):
            return place.country
        counts[place.country] = counts.get(place.country, 0) + len(place.mentions)
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < 2 or (len(ranked) > 1 and ranked[1] == ranked[0]):
        return None
    return max(counts, key=counts.__getitem__)


def resolve_toponyms(doc: Document, spans: list[tuple[int, int]], resources: Resources) -> list[Place]:
    """Resolve given toponym spans (e.g. gold ones) with the stage's ranking; one place per span, in order.

    Why: scores resolution alone, apart from recognition. The spans are ranked together, so the article-wide
    evidence (country focus, containment) comes from them exactly as it does from recognised toponyms.
    """
    gazetteer = resources.gazetteer
    demonyms = _demonyms(resources)
    toponyms = [_recognise.given(doc.text, start, end, gazetteer, demonyms) for start, end in spans]
    if any(not t.candidates for t in toponyms):
        _demonym_countries(toponyms, gazetteer, resources)
    evidence = []
    if doc.spacy_doc is not None:
        evidence = _demonym_evidence(doc, doc.spacy_doc.ents, gazetteer, resources, toponyms)
    evidence += _site_evidence(doc, gazetteer)
    by_span: dict[tuple[int, int], Place] = {}
    for choice in choose(sorted(toponyms + evidence, key=lambda t: t.start), doc.text):
        if _only_evidence(choice):
            continue
        for topo in choice.toponyms:
            mention = Span.of(doc.text, topo.start, topo.end)
            by_span[(topo.start, topo.end)] = _place(choice, [mention], list(choice.reason))
    return [by_span[(t.start, t.end)] for t in toponyms]


def _demonym_evidence(
    doc: Document,
    ents: tuple[SpacySpan, ...],
    gazetteer: Gazetteer,
    resources: Resources,
    toponyms: list[_recognise.Toponym],
) -> list[_recognise.Toponym]:
    """Demonyms ("French President", "Iraqi forces") as evidence for their country in the ranking.

    Why: a story about "the French President" in "Paris" is about France; the demonym is no place mention
    itself (``_only_evidence`` drops its decision; ``_actor_mentions`` links it to its country).
    """
    by_iso3 = {e.country_iso3: e for e in gazetteer.countries.values() if e.country_iso3}
    out = []
    for start, end, _entry, (_tag, iso3) in _demonym_spans(doc, ents, resources):
        entry = by_iso3.get(iso3)
        if entry is None or any(t.start < end and start < t.end for t in toponyms):
            continue
        key = f"demonym:{iso3}"
        out.append(_recognise.Toponym(start, end, doc.text[start:end], "demonym", key, (entry,), cues=["demonym"]))
    return out


def _only_evidence(choice: Choice) -> bool:
    return all(t.source in EVIDENCE_SOURCES for t in choice.toponyms)


_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?([^/:?#]+)", re.IGNORECASE)


def _site_evidence(doc: Document, gazetteer: Gazetteer) -> list[_recognise.Toponym]:
    """The outlet's country-code domain (lfpress.ca, thisisoxfordshire.co.uk) as evidence for its country.

    Why: a local paper's "London" is its own town's; the domain is the one article-level clue to where the
    paper is that needs no list of outlets. Generic domains (.com, .org) and vanity country codes say nothing.
    """
    match = _HOST.match(doc.article.url or "")
    if match is None or "." not in match.group(1):
        return []
    tld = match.group(1).rstrip(".").rsplit(".", 1)[-1].lower()
    if len(tld) != 2 or tld in GENERIC_CC:
        return []
    entry = gazetteer.countries.get("GB" if tld == "uk" else tld.upper())
    if entry is None:
        return []
    return [_recognise.Toponym(0, 0, "", "site", f"site:{entry.country}", (entry,), cues=["site"])]


def _demonyms(resources: Resources) -> dict[str, str]:
    """Lower-case demonym -> ISO-3 ("iraqi" -> "IRQ"), from the actor knowledge base."""
    return resources.actor_kb.demonyms


def _demonym_countries(toponyms: list[_recognise.Toponym], gazetteer: Gazetteer, resources: Resources) -> None:
    """Give a demonym span ("Sudanese", "Palestinians") its country as the one candidate.

    The demonyms come from the actor knowledge base the actors stage has loaded already (same shared key).
    """
    kb = resources.actor_kb
    by_iso3 = {e.country_iso3: e for e in gazetteer.countries.values()}
    for topo in toponyms:
        if topo.candidates:
            continue
        low = topo.text.lower()
        iso3 = kb.demonyms.get(low) or (kb.demonyms.get(low[:-1]) if low.endswith("s") else None)
        if iso3 in by_iso3:
            topo.candidates = (by_iso3[iso3],)
            topo.cues.append("demonym")


def _actor_mentions(
    doc: Document, places: list[Place], ents: tuple[SpacySpan, ...], gazetteer: Gazetteer, resources: Resources
) -> None:
    """Move metonymic mentions ("Washington said") to ``actor_mentions``; link demonyms ("Iraqi forces") there.

    Why: a government or people named by its place is a participant, never where an event happened; the
    link to the place (and its country) is kept for the user. A demonym whose country has no place yet gets
    that country as a place with only actor mentions.
    """
    sdoc = doc.spacy_doc
    dateline = doc.article.dateline
    dl = (dateline.place.start, dateline.place.end) if dateline is not None and dateline.place is not None else None
    for place in places:
        if not place.resolved:
            continue
        keep, moved = [], []
        for m in place.mentions:
            if (dl is None or m.start != dl[0]) and _is_metonymic(sdoc, m.start, m.end):
                moved.append(m)
            else:
                keep.append(m)
        if moved:
            place.mentions = keep
            place.actor_mentions = moved
            place.reason = [*place.reason, "metonymic"]
    links = _demonym_spans(doc, ents, resources) + _state_actor_spans(doc, gazetteer)
    if not links:
        return
    taken = [(m.start, m.end) for p in places for m in (*p.mentions, *p.actor_mentions)]
    by_iso3 = {e.country_iso3: e for e in gazetteer.countries.values() if e.country_iso3}
    by_id = {p.geonameid: p for p in places if p.geonameid is not None}
    for start, end, entry, tag in links:
        entry = entry or by_iso3.get(tag[1])
        if entry is None or any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        place = by_id.get(entry.geonameid)
        if place is None:
            kind = "country-name" if entry.is_country else f"feature:{entry.feature_code}"
            place = _place(Choice(entry.name.lower(), [], entry, 0.8, []), [], [tag[0], kind])
            places.append(place)
            by_id[entry.geonameid] = place
        elif tag[0] not in place.reason:
            place.reason = [*place.reason, tag[0]]
        place.actor_mentions = sorted([*place.actor_mentions, Span.of(doc.text, start, end)], key=lambda s: s.start)
    places.sort(key=lambda p: min(m.start for m in (*p.mentions, *p.actor_mentions)))


def _state_actor_spans(doc: Document, gazetteer: Gazetteer) -> list[tuple[int, int, Entry | None, tuple[str, str]]]:
    """Mentions of a state actor by its country's or capital's name ("Washington said": the United States).

    The actors stage already read them as the state; here they are linked to the place they name.
    """
    out = []
    for actor in doc.actors:
        if actor.kind not in {"state", "government"} or not actor.country:
            continue
        for m in actor.mentions:
            first = m.text[:1]
            if not first.isupper():
                continue
            key = _recognise._key(m.text)
            entry = next(
                (
                    e
                    for e in gazetteer.lookup(key)
                    if e.country_iso3 == actor.country and (e.is_country or e.feature_code == "PPLC")
                ),
                None,
            )
            if entry is not None:
                out.append((m.start, m.end, entry, ("metonymic", actor.country)))
    return out


def _is_metonymic(sdoc, start: int, end: int) -> bool:
    """Whether the toponym at ``start:end`` is the subject of a verb of saying or deciding ("Moscow warned")."""
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ not in SUBJECT_DEPS:
        return False
    head = root.head
    return head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() in ACTOR_VERBS


def _demonym_spans(
    doc: Document, ents: tuple[SpacySpan, ...], resources: Resources
) -> list[tuple[int, int, Entry | None, tuple[str, str]]]:
    """(start, end, ISO-3) of each demonym the model tagged NORP (or GPE): "Iraqi", "Syrians", "South Korean"."""
    candidates = [e for e in ents if e.label_ in {"NORP", "GPE"}]
    if not candidates:
        return []
    kb = resources.actor_kb
    out = []
    for ent in candidates:
        low = ent.text.lower()
        iso3 = kb.demonyms.get(low) or (kb.demonyms.get(low[:-1]) if low.endswith("s") else None)
        if iso3:
            out.append((ent.start_char, ent.end_char, None, ("demonym", iso3)))
    return out


def _whole_word_occurrences(text: str, form: str) -> list[tuple[int, int]]:
    r"""(start, end) of each occurrence of ``form`` not inside a longer word, left to right, not overlapping.

    The same as ``re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)``, with ``str.find`` doing the search.
    """
    if not form:
        return [m.span() for m in re.finditer(r"(?<!\w)(?!\w)", text)]
    out = []
    size = len(form)
    at = text.find(form)
    while at >= 0:
        end = at + size
        if not (at > 0 and _is_word_char(text[at - 1])) and not (end < len(text) and _is_word_char(text[end])):
            out.append((at, end))
            at = text.find(form, end)
        else:
            at = text.find(form, at + 1)
    return out


def _is_word_char(ch: str) -> bool:
    r"""What ``\w`` matches in a str pattern."""
    return ch.isalnum() or ch == "_"


def _places(doc: Document, choices: list[Choice], ents: tuple[SpacySpan, ...]) -> list[Place]:
    """Turn decisions into places: one per distinct entry, with every mention in the text."""
    text = doc.text
    covered = sorted((t.start, t.end) for c in choices for t in c.toponyms)
    blockers = [(e.start_char, e.end_char) for e in ents if e.label_ in NON_PLACE_LABELS]
    by_id: dict[int | str, Place] = {}
    for choice in choices:
        spans = {(t.start, t.end) for t in choice.toponyms}
        for form in {t.text for t in choice.toponyms}:
            for s, e in _whole_word_occurrences(text, form):
                if (s, e) in spans or any(cs < e and s < ce for cs, ce in covered):
                    continue
                if any(bs <= s and e <= be and (be - bs) > (e - s) for bs, be in blockers):
                    continue
                spans.add((s, e))
        mentions = [Span.of(text, s, e) for s, e in sorted(spans)]
        reason = list(choice.reason)
        if any(doc.actor_at(m.start, m.end) is not None for m in mentions):
            reason.append("actor-mention")
        entry = choice.entry
        ident: int | str = f"unresolved:{choice.key}" if entry is None else entry.id
        place = _place(choice, mentions, reason)
        if ident in by_id:  # two names for one place ("Kiev" and "Kyiv"): merge the mentions
            known = by_id[ident]
            merged = {(m.start, m.end): m for m in [*known.mentions, *place.mentions]}
            known.mentions = [merged[k] for k in sorted(merged)]
            known.confidence = max(known.confidence, place.confidence)
        else:
            by_id[ident] = place
    return sorted(by_id.values(), key=lambda p: p.mentions[0].start)


def _place(choice: Choice, mentions: list[Span], reason: list[str]) -> Place:
    """The :class:`Place` of one decision with the given mentions (unresolved when no entry won)."""
    entry = choice.entry
    if entry is None:
        return Place(
            geonameid=None,
            name=mentions[0].text,
            resolved=False,
            mentions=mentions,
            confidence=choice.confidence,
            reason=reason,
        )
    return Place(
        geonameid=entry.geonameid,
        name=entry.name,
        feature_class=entry.feature_class,
        feature_code=entry.feature_code,
        country=entry.country_iso3,
        country_iso2=entry.country,
        admin1=entry.admin1,
        admin1_code=entry.admin1_code,
        lat=entry.lat,
        lon=entry.lon,
        resolved=True,
        mentions=mentions,
        confidence=choice.confidence,
        reason=reason,
    )
