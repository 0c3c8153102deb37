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

from ..model import Place, Span
from . import _recognise
from ._gazetteer import Gazetteer
from ._rank import Choice, choose

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

    from ..document import Document
    from ..pipeline import Resources

LOGGER = logging.getLogger(__name__)

REQUIRES = ("article", "spacy_doc", "actors")
ASSIGNS = ("places",)

_NON_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "FAC"})


def resolve(doc: Document, resources: Resources) -> None:
    """Fill ``doc.places`` (and ``doc.article.dateline.geonameid`` when the dateline place resolves)."""
    if doc.spacy_doc is None or not doc.text:
        return
    gazetteer = resources.shared("places.gazetteer", lambda: Gazetteer(resources.config.gazetteer_path))
    ents = doc.spacy_doc.ents  # rebuilt by spaCy on every access: read once
    toponyms = _recognise.find(doc, gazetteer, ents)
    choices = choose(toponyms, doc.text)
    places = _places(doc, choices, ents)
    doc.places = places
    dateline = doc.article.dateline
    if dateline is not None and dateline.place is not None:
        for place in places:
            if place.resolved and any(m.start == dateline.place.start for m in place.mentions):
                dateline.geonameid = place.geonameid
                break
    LOGGER.debug("%s: %d toponyms, %d places", doc.article.id, len(toponyms), len(places))


def resolve_toponyms(doc: Document, spans: list[tuple[int, int]], resources: Resources) -> list[Place]:
    """Resolve given toponym spans (e.g. gold ones) with the stage's ranking; one place per span, in order.

    Why: scores resolution alone, apart from recognition. The spans are ranked together, so the article-wide
    evidence (country focus, containment) comes from them exactly as it does from recognised toponyms.
    """
    gazetteer = resources.shared("places.gazetteer", lambda: Gazetteer(resources.config.gazetteer_path))
    toponyms = [_recognise.given(doc.text, start, end, gazetteer) for start, end in spans]
    if any(not t.candidates for t in toponyms):
        _demonym_countries(toponyms, gazetteer, resources)
    by_span: dict[tuple[int, int], Place] = {}
    for choice in choose(sorted(toponyms, key=lambda t: t.start), doc.text):
        for topo in choice.toponyms:
            mention = Span.of(doc.text, topo.start, topo.end)
            by_span[(topo.start, topo.end)] = _place(choice, [mention], list(choice.reason))
    return [by_span[(t.start, t.end)] for t in toponyms]


def _demonym_countries(toponyms: list[_recognise.Toponym], gazetteer: Gazetteer, resources: Resources) -> None:
    """Give a demonym span ("Sudanese", "Palestinians") its country as the one candidate.

    The demonyms come from the actor knowledge base the actors stage has loaded already (same shared key).
    """
    from ..actors import _SHARED_KEY
    from ..actors._kb import build_kb

    kb = resources.shared(_SHARED_KEY, lambda: build_kb(resources.nlp, resources.config.actors_path))
    by_iso3 = {e.country_iso3: e for e in gazetteer.countries.values()}
    for topo in toponyms:
        if topo.candidates:
            continue
        low = topo.text.lower()
        iso3 = kb.demonyms.get(low) or (kb.demonyms.get(low[:-1]) if low.endswith("s") else None)
        if iso3 in by_iso3:
            topo.candidates = (by_iso3[iso3],)
            topo.cues.append("demonym")


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
    blockers = [(e.start_char, e.end_char) for e in ents if e.label_ in _NON_PLACE_LABELS]
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
        country=entry.country,
        country_iso3=entry.country_iso3,
        admin1=entry.admin1,
        admin1_code=entry.admin1_code,
        lat=entry.lat,
        lon=entry.lon,
        resolved=True,
        mentions=mentions,
        confidence=choice.confidence,
        reason=reason,
    )
