"""Events stage: PLOVER events with source, target, place, date and trigger.

A rule-based baseline over the spaCy parse: a trigger lexicon (``lexicon.py``) per PLOVER type and
mode, arguments from dependency relations, actors from the actors stage, place and date from the
places and times stages. One event per trigger; the stance stage then sets attribution and
factuality.

Confidence = trigger strength x argument completeness, where completeness is
``0.55 + 0.25 * source + 0.20 * target`` and each term is 1 for an argument resolved to an actor in
the trigger's own clause, 0.5 for one recovered from context (a pronoun, "the group", the previous
sentence) or named only by a description ("the victims"), and 0 when missing.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from ..model import Attribution, Event, Participant, Quote, stable_id
from ._anchors import Anchors
from ._find import MATERIAL_TYPES, SPEECH_ACT_TYPES, ActorIndex, Arg, Candidate, find_candidates, speech_act_conjunct
from .lexicon import cameo_code, compile_lexicon

if TYPE_CHECKING:
    from ..document import Document
    from ..pipeline import Resources

LOGGER = logging.getLogger(__name__)

# Also reads ``quotes`` when the quotes stage ran (it does in the registry): "we"/"our" inside a direct quote is
# the speaker's side. Without quotes, those pronouns stay unresolved.
__all__ = ["ASSIGNS", "REQUIRES", "SPEECH_ACT_TYPES", "extract", "speech_act_conjunct"]

REQUIRES = ("article", "spacy_doc", "actors", "places", "times", "quotes")
ASSIGNS = ("events",)

_PARA_BREAK = re.compile(r"\n\s*\n")


def extract(doc: Document, resources: Resources) -> None:
    """Fill ``doc.events`` with one PLOVER event per trigger that has at least one participant."""
    if doc.spacy_doc is None:
        return
    lexicon = resources.shared("events.lexicon", compile_lexicon)
    doc.events = _find(doc, lexicon)
    LOGGER.debug("%s: %d events", doc.article.id, len(doc.events))


def _quote_voice(doc: Document, quote: Quote) -> tuple[int, int, str | None, str | None]:
    """A direct quote's span, its speaker, and the group the speaker's description names ("Houthi military
    spokesman Abdullah Qasim" speaks for the Houthis), for "we" and "our" inside it."""
    speaker = quote.speaker.actor if quote.speaker else None
    group = None
    span = quote.speaker.span if quote.speaker else None
    if span is not None:
        for actor in doc.actors:
            if (
                actor.id != speaker
                and actor.kind not in ("person", "media", "civilians", "state")
                and any(span.start <= m.start and m.end <= span.end for m in actor.mentions)
            ):
                group = actor.id
                break
    return quote.start, quote.end, speaker, group


def _paragraphs(doc: Document) -> list[tuple[int, int]]:
    if doc.article.paragraphs:
        return [(p.start, p.end) for p in doc.article.paragraphs]
    text = doc.article.text
    out, start = [], 0
    for m in _PARA_BREAK.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _clip(text: str, start: int, end: int, para: tuple[int, int]) -> tuple[int, int]:
    """A sentence clipped to its paragraph and stripped of surrounding whitespace."""
    start, end = max(start, para[0]), min(end, para[1])
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _score(cand: Candidate) -> float:
    def weight(args: list[Arg]) -> float:
        if any(a.actor and not a.from_context for a in args):
            return 1.0
        return 0.5 if args else 0.0

    completeness = 0.55 + 0.25 * weight(cand.source) + 0.20 * weight(cand.target)
    return round(min(1.0, cand.row.strength * completeness), 3)


def _find(doc: Document, lexicon) -> list[Event]:
    text = doc.article.text
    paragraphs = _paragraphs(doc)
    actors = ActorIndex(doc.actors)
    anchors = Anchors(doc)
    actors.places = {i: (p.feature_code, p.country_iso3) for i, (p, _m) in anchors.place_tokens.items()}
    actors.quotes = [_quote_voice(doc, q) for q in doc.quotes if q.kind != "indirect"]
    events: list[Event] = []
    for cand in find_candidates(doc.spacy_doc, lexicon, actors, paragraphs):
        if not cand.source and not cand.target:
            continue
        para = next(((s, e) for s, e in paragraphs if s <= cand.start < e), (0, len(text)))
        sent = _clip(text, cand.sent.start_char, cand.sent.end_char, para)
        head = cand.token
        if cand.row.pos == "N" and cand.token.head.pos_ in ("VERB", "AUX") and cand.token.dep_ in ("dobj", "pobj"):
            head = cand.token.head if cand.token.dep_ == "dobj" else cand.token.head.head
        mode = cand.mode
        events.append(
            Event(
                id=stable_id(doc.article.id, str(cand.start), str(cand.end)),
                type=cand.row.type,
                mode=mode,
                cameo=cameo_code(cand.row, mode),
                source=[Participant(actor=a.actor, span=doc.span(a.start, a.end)) for a in cand.source],
                target=[Participant(actor=a.actor, span=doc.span(a.start, a.end)) for a in cand.target],
                place=anchors.place(
                    cand.token,
                    head,
                    sent,
                    para,
                    material=cand.row.type in MATERIAL_TYPES or cand.row.type == "CONSULT",
                    args=[(a.start, a.end) for a in cand.source + cand.target],
                ),
                date=anchors.date(cand.token, head, sent),
                attribution=Attribution.model_construct(),  # set by the stance stage; skips copying the default
                trigger=doc.span(cand.start, cand.end),
                evidence=doc.span(*sent),
                confidence=_score(cand),
            )
        )
    return events
