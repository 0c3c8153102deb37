"""Denials: the denier's REJECT where a denial answers an accusation.

The stance stage has already marked the denied event ``negated``, its ``factuality_cue`` the denial verb and
its attribution the denier's; this module reads those fields and the parse of the cue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Attribution, Event, Participant, stable_id
from ..syntax import dependents, is_denial
from ._lexicon import ACCUSATION_NOUNS, RETRACTING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..document import Document


def denials(doc: Document) -> list[Event]:
    """The denier's REJECT for each denial that answers an accusation; returns the REJECT events to add.

    A denial ("Moscow denied attacking the hospital") answers an accusation when the article has one: an ACCUSE
    aimed at the denier, the same kind of event told by another voice, or a denied "report/claim/accusation".
    An existing REJECT on the denial verb gets the accuser as its target; otherwise one is made.
    """
    added: list[Event] = []
    for event in doc.events:
        cue = denial_verb(doc, event)
        if cue is None or cue.lemma_.lower() in RETRACTING:
            continue  # "retracted its report": a correction of one's own claim, not an answer to an accusation
        cue_span = event.factuality_cue
        denier = event.attribution.speaker
        accuser = _accuser(doc, event, denier)
        answered = any(c.dep_ == "dobj" and c.lemma_.lower() in ACCUSATION_NOUNS for c in dependents(cue))
        if accuser is None and not answered:
            continue
        target = [accuser] if accuser is not None else []
        existing = next(
            (e for e in doc.events + added if e.type == "REJECT" and e.trigger.start <= cue.idx < e.trigger.end), None
        )
        if existing is not None:
            if not existing.target and target:
                existing.target = target
            continue
        who = event.attribution.speaker_span
        source = [Participant(actor=denier, span=who)] if who is not None else []
        added.append(
            Event(
                id=stable_id(doc.article.id, "REJECT", str(cue_span.start), str(cue_span.end)),
                type="REJECT",
                cameo="120",
                source=source,
                target=target,
                place=event.place,
                date=event.date,
                trigger=cue_span,
                evidence=event.evidence,
                mentions=[cue_span],
                attribution=Attribution(outlet=doc.article.site),
                factuality="asserted",
                confidence=round(0.6 * (1.0 if source else 0.8), 3),
            )
        )
    return added


def denial_verb(doc: Document, event: Event) -> Token | None:
    """The denial verb that negates ``event`` ("Moscow denied attacking the hospital"), if one does."""
    cue_span = event.factuality_cue
    if event.factuality != "negated" or cue_span is None or doc.spacy_doc is None:
        return None
    cue_tokens = doc.spacy_doc.char_span(cue_span.start, cue_span.end, alignment_mode="expand")
    return cue_tokens.root if cue_tokens is not None and is_denial(cue_tokens.root) else None


def _accuser(doc: Document, denied: Event, denier: str | None) -> Participant | None:
    """Who made the accusation a denial answers: the source of an ACCUSE aimed at the denier, else the voice
    telling the same kind of event as a fact."""
    for e in doc.events:
        if e.type == "ACCUSE" and denier is not None and any(p.actor == denier for p in e.target) and e.source:
            return e.source[0]
    for e in doc.events:
        if e is denied or e.type != denied.type or e.factuality == "negated":
            continue
        att = e.attribution
        if att.speaker_span is not None and att.speaker != denier:
            return Participant(actor=att.speaker, span=att.speaker_span)
    return None
