"""Consolidate stage: the article's incidents from the event mentions.

The events stage finds one event per trigger and the stance stage annotates each (attribution,
factuality and its cue); this stage turns those mentions into the article's incidents. A later
mention of an incident already told joins it (within-article event coreference: "the attack"
after "gunmen attacked", the lead's arrest retold further down); a denial that answers an
accusation adds the denier's REJECT (the denied event stays, negated); an event told by several
independent voices gains confidence. An incident that has not happened (future, hypothetical, negated)
keeps a date only when the text gives it one: the dateline's or publication day dates what happened by the
report's time ("the minister will visit Kyiv" is not an event of the publication day), and a day carried over from
another sentence (the paragraph's or the lead's) the time the narration is at; a denied claim keeps the day it is
alleged to have happened. Modules: ``_merge`` (coreference, corroboration), ``_denials`` (the denier's REJECT),
``_lexicon`` (its words and weights).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..model import EventDate
from ..syntax import sentence
from ._denials import denial_verb, denials
from ._lexicon import CORROBORATION_BONUS, REPORT_DATE_BASES, UNREALISED
from ._merge import corroboration, merge_repeats

if TYPE_CHECKING:
    from ..document import Document
    from ..model import Event
    from ..resources import Resources

LOGGER = logging.getLogger(__name__)

# event_casualties: merging repeated mentions pools their casualty counts. event_attribution, event_factuality:
# a repeat has the same speaker and polarity; a denial is a negated event whose cue is the denial verb.
REQUIRES = ("article", "spacy_doc", "actors", "events", "events.casualties", "events.attribution", "events.factuality")
ASSIGNS = ("events",)

__all__ = ["ASSIGNS", "REQUIRES", "consolidate"]


def consolidate(doc: Document, resources: Resources) -> None:
    """Replace ``doc.events`` by the article's incidents: repeated mentions merged, the denier's REJECT added
    where a denial answers an accusation, confidence raised by corroboration."""
    if doc.spacy_doc is None or not doc.events:
        return
    rejects = denials(doc)  # looked for among the mentions, before they merge
    doc.events, voices = merge_repeats(doc)
    doc.events.extend(rejects)
    voices.extend(1 for _ in rejects)
    for event in doc.events:
        if denial_verb(doc, event) is None:  # a denied claim still says when it was alleged to happen
            _undate_unrealised(doc, event)
    for event, others, own in zip(doc.events, corroboration(doc.events), voices, strict=True):
        sources = max(others, own)
        if sources > 1:  # independent voices in the article telling the same event
            event.confidence = round(min(1.0, event.confidence * (1 + CORROBORATION_BONUS * (sources - 1))), 3)


def _undate_unrealised(doc: Document, event: Event) -> None:
    """Drop the report's own date from an incident that has not happened: "rebels could attack the town" or "police
    did not arrest anyone" told in Monday's paper did not happen on Monday. A time the text gives for it stays
    ("will meet on Friday"), but not one carried over from another sentence, the day the narration or the story
    is at ("On Tuesday gunmen stormed a hotel. Police may arrest them.")."""
    if event.factuality not in UNREALISED or event.date is None:
        return
    if event.date.basis in REPORT_DATE_BASES or (event.date.basis == "text" and _carried(doc, event)):
        event.date = EventDate(basis="unknown", confidence=0.0)


def _carried(doc: Document, event: Event) -> bool:
    """True when the event's date is a time expression outside every sentence it is told in."""
    span = event.date.span if event.date is not None else None
    if span is None or doc.spacy_doc is None:
        return False
    for mention in (event.trigger, *event.mentions):
        told = doc.spacy_doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if told is None:
            return False
        sent = sentence(told)
        if sent.start_char <= span.start and span.end <= sent.end_char:
            return False
    return True
