"""Events stage: PLOVER events with source, target, place, date and trigger.

A rule-based baseline over the spaCy parse: a trigger lexicon (``_triggers_table.py``) per PLOVER type and
mode, arguments from dependency relations, actors from the actors stage, place and date from the
places and times stages. One event per trigger; the stance stage then sets attribution and
factuality.

Confidence = trigger strength x argument completeness, where completeness is
``0.55 + 0.25 * source + 0.20 * target`` and each term is 1 for an argument resolved to an actor in
the trigger's own clause, 0.5 for one recovered from context (a pronoun, "the group", the previous
sentence) or named only by a description ("the victims"), and 0 when missing.
"""

from __future__ import annotations

import bisect
import itertools
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ..kb.actors import ActorKB, ActorRecord
from ..model import Actor, Attribution, Event, Participant, Quote, stable_id
from ..plover import MATERIAL_TYPES, SPEECH_ACT_TYPES
from ._actors import ActorIndex, Arg, Candidate
from ._anchors import Anchors, paragraph_at
from ._context import contextualise, implied_police
from ._dates import Dates
from ._find import find_candidates
from ._learned import stands_alone
from ._lexicon import HARM_TYPES, NATIONAL_KINDS
from ._senses import names_a_kind
from ._triggers_table import Trigger, cameo_code, compile_lexicon
from .detector import Detector

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..document import Document
    from ..resources import Resources

LOGGER = logging.getLogger(__name__)

# Also reads ``quotes`` when the quotes stage ran (it does in the registry): "we"/"our" inside a direct quote is
# the speaker's side. Without quotes, those pronouns stay unresolved.
__all__ = ["ASSIGNS", "REQUIRES", "extract"]

REQUIRES = ("article", "spacy_doc", "actors", "places", "focus_country", "times", "quotes")
# ``event_actors``: the actors an event's argument stands for but the text names only through a place or the country
# in focus: the state of a targeted town ("shelled Juba" -> Sudan), a country's police for "police" in a story about
# Egypt. The actors stage's actors are never changed.
ASSIGNS = ("events", "event_actors")


def extract(doc: Document, resources: Resources) -> None:
    """Fill ``doc.events`` with one PLOVER event per trigger that has at least one participant, or none the text
    names where the learned detector reads the word as an event (``_learned.stands_alone``)."""
    if doc.spacy_doc is None:
        return
    lexicon = resources.shared("events.lexicon", compile_lexicon)
    kb = resources.actor_kb
    states = resources.shared("events.states", lambda: _states(kb))
    model = resources.shared("events.detector", _detector) if resources.config.learned_events else None
    events, added = _build_events(doc, lexicon, kb, states, model)
    if added:
        doc.event_actors = added
    doc.events = events
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


def _states(kb: ActorKB) -> dict[str, ActorRecord]:
    """ISO-3 -> the knowledge base's state record, for the state a place stands for."""
    return {r.country: r for r in kb.records if r.kind == "state" and r.country}


def _demonym_tokens(doc: Document) -> dict[int, str]:
    """Token index -> ISO-3 of the words the places stage found naming a country's people or government ("Iraqi",
    "Washington said")."""
    sd = doc.spacy_doc
    out: dict[int, str] = {}
    for place in doc.places:
        if not place.country:
            continue
        for m in place.actor_mentions:
            span = sd.char_span(m.start, m.end, alignment_mode="expand")
            for t in span or ():
                out[t.i] = place.country
    return out


def _bare(actor: Actor) -> bool:
    """A generic actor named by common nouns only ("police", "security forces"), not an institution with a name of
    its own ("the Gaza health ministry"), so the country's national actor can stand for it."""
    words = actor.name.split()
    if actor.known or not words or any(w[:1].isupper() for w in words[1:]):
        return False
    return words[0][:1].islower() or len(words) == 1  # "Police said": a capital at the start of a sentence


class _ContextActors:
    """Actors an argument stands for through a country: the state, or the country's own version of a generic actor.

    Reuses an actor already in the document; otherwise makes one from the knowledge base (a state, a national
    government/military/police) or, for other generic actors, a copy of the generic actor with the country.
    """

    def __init__(self, doc: Document, kb: ActorKB, states: dict[str, ActorRecord]):
        self.doc = doc
        self.kb = kb
        self.states = states
        self.by_id = {a.id: a for a in doc.actors}
        self.added: dict[str, Actor] = {}

    def resolve(self, arg: Arg) -> str | None:
        base = self.by_id.get(arg.actor) if arg.actor else None
        country = arg.country
        if country is None and base is not None and base.kind in NATIONAL_KINDS and _bare(base):
            country = base.country  # "Police" the actors stage placed in Egypt: Egypt's police
        if country is None:
            return arg.actor
        if base is None:
            # A toponym stands for its state; a description of people ("a Palestinian prisoner") is no state: it
            # keeps no actor and carries the country on the participant.
            rec = self.states.get(country) if arg.place else None
            if arg.kind is not None:  # "an army base" in Somalia -> Somalia's military
                rec = self.kb.get(f"{country.lower()}-{arg.kind}")
        elif base.kind in NATIONAL_KINDS and _bare(base):
            rec = self.kb.get(f"{country.lower()}-{base.kind}")
        else:
            rec = None
        if rec is None:
            # A generic actor of another kind ("protesters") keeps its id and the participant carries the country:
            # a per-country copy of every generic actor would split one group into several.
            return arg.actor
        return self._add(rec.id, arg, lambda: self._from_record(rec, arg))

    def participant(self, arg: Arg, where: str | None = None) -> Participant:
        """The participant an argument makes: its actor (or the one its country stands for) and the country it acts
        for, the actor's own when it has one, else the one read from its context, else ``where`` (the country of
        the event's place, for the people an attack or arrest hits there)."""
        actor_id = self.resolve(arg)
        actor = self.by_id.get(actor_id) if actor_id else None
        country = (actor.country if actor is not None else None) or arg.country
        if country is None and actor_id is not None and (rec := self.kb.get(actor_id)) is not None:
            country = rec.country  # an actor the actors stage made without the knowledge base's country
        if country is None and where is not None and (actor is None or actor.kind == "civilians"):
            country = where
        return Participant(actor=actor_id, span=self.doc.span(arg.start, arg.end), country=country)

    def _add(self, actor_id: str, arg: Arg, make: Callable[[], Actor]) -> str:
        if actor_id not in self.by_id:
            actor = make()
            self.by_id[actor_id] = actor
            self.added[actor_id] = actor
        elif actor_id in self.added:
            actor = self.added[actor_id]
            span = self.doc.span(arg.start, arg.end)
            if all((m.start, m.end) != (span.start, span.end) for m in actor.mentions):
                actor.mentions.append(span)
        return actor_id

    def _from_record(self, rec: ActorRecord, arg: Arg) -> Actor:
        return Actor(
            id=rec.id,
            name=rec.name,
            aliases=list(rec.aliases),
            kind=rec.kind,
            country=rec.country,
            cameo=rec.cameo,
            known=True,
            mentions=[self.doc.span(arg.start, arg.end)],
            confidence=0.5,
        )


class _Cover:
    """Answers "does one of these spans contain [start, end)?" in log time: spans sorted by start, with the
    furthest end reached so far, so a long document's many times cost one bisect per argument."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _e in ordered]
        self.reach = list(itertools.accumulate((e for _s, e in ordered), max))

    def contains(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, start)
        return k > 0 and self.reach[k - 1] >= end


def _detector() -> Detector:
    """The learned detector shipped with the package (``data/event_detector.npz``, ``scripts/train_events.py``)."""
    return Detector.load(Path(__file__).resolve().parent.parent / "data" / "event_detector.npz")


def _build_events(
    doc: Document,
    lexicon: dict[tuple[str, str], list[Trigger]],
    kb: ActorKB,
    states: dict[str, ActorRecord],
    model: Detector | None = None,
) -> tuple[list[Event], list[Actor]]:
    text = doc.article.text
    actors = ActorIndex(doc.actors)
    anchors = Anchors(doc)
    dates = Dates(doc, anchors.paragraphs)
    paragraphs = anchors.paragraphs
    actors.places = {i: (p.feature_code, p.country) for i, (p, _m) in anchors.place_tokens.items()}
    actors.demonyms = _demonym_tokens(doc)
    actors.place_names = {
        m.text.lower(): p.country for p in doc.places if p.country for m in p.mentions if " " not in m.text
    }
    place_country = {p.geonameid: p.country for p in doc.places if p.geonameid and p.country}
    actors.quotes = [_quote_voice(doc, q) for q in doc.quotes if q.kind != "indirect"]
    context = _ContextActors(doc, kb, states)
    events: list[Event] = []
    cands = find_candidates(doc.spacy_doc, lexicon, actors, paragraphs, model)
    contextualise(cands, doc.spacy_doc, actors, doc.focus_country)
    for cand in cands:
        agent = implied_police(cand, actors)
        if agent is not None:
            cand.source = [agent]
            cand.reasons.append("source:implied-police")
    times = _Cover([(t.span.start, t.span.end) for t in doc.times])
    for cand in cands:
        # a time is never a participant: "Monday evening's meeting" says when, not who met
        cand.source = [a for a in cand.source if not times.contains(a.start, a.end)]
        cand.target = [a for a in cand.target if not times.contains(a.start, a.end)]
        if not cand.source and not cand.target:
            if not stands_alone(cand) or names_a_kind(cand.token):
                continue
            cand.reasons.append("parties:unnamed")
        para = paragraph_at(paragraphs, cand.start) or (0, len(text))
        sent = _clip(text, cand.sent.start_char, cand.sent.end_char, para)
        head = cand.token
        if cand.row.pos == "N" and cand.token.head.pos_ in ("VERB", "AUX") and cand.token.dep_ in ("dobj", "pobj"):
            head = cand.token.head if cand.token.dep_ == "dobj" else cand.token.head.head
        mode = cand.mode
        place = anchors.place(
            cand.token,
            head,
            sent,
            para,
            material=cand.row.type in MATERIAL_TYPES or cand.row.type == "CONSULT",
            args=[(a.start, a.end) for a in cand.source + cand.target],
            domestic=cand.row.type == "PROTEST",
            speech=cand.row.type in SPEECH_ACT_TYPES,
        )
        where = None
        if cand.row.type in HARM_TYPES and place is not None and place.geonameid:
            where = place_country.get(place.geonameid)
        events.append(
            Event(
                id=stable_id(doc.article.id, str(cand.start), str(cand.end)),
                type=cand.row.type,
                mode=mode,
                cameo=cameo_code(cand.row, mode),
                source=[context.participant(a) for a in cand.source],
                target=[context.participant(a, where) for a in cand.target],
                place=place,
                date=dates.date(cand.token, head, sent),
                attribution=Attribution.model_construct(),  # set by the stance stage; skips copying the default
                trigger=doc.span(cand.start, cand.end),
                mentions=[doc.span(s, e) for s, e in sorted({(cand.start, cand.end), *cand.mentions})],
                evidence=doc.span(*sent),
                confidence=_score(cand),
                reason=list(cand.reasons),
            )
        )
    return events, list(context.added.values())
