"""Casualties stage: counts of people killed, injured, abducted, arrested, displaced or missing, on events.

A count is a number phrase ("at least 12", "between 10 and 15", "some 3,000", "dozens", "a dozen",
"twenty-five", "a child") or a bare plural of people ("killed civilians"), tied to a kind cue ("killed",
"dead", "death toll", "wounded", "casualties", "kidnapped", "taken hostage", "arrested", "forced to flee",
"missing"). The tie comes from the parse (subject/object of the cue verb, a conjunct of such a noun, "deaths
of 12", "the death toll rose to 40") or, failing that, from the cue standing next to the number ("12 dead",
"30 wounded", "killing at least 12"). A noun cue with no number ("civilian casualties have been piling up",
"heavy casualties") is a vague count.

Each count is attached to the event it belongs to: the event whose trigger is the cue itself, else an event
on the cue's head chain or among its close dependents ("the bombing killed 12", "an airstrike that killed
12"), else the nearest material event (ASSAULT, COERCE, PROTEST, ...) in the same sentence, else the last one
in the previous sentence (in the same voice: a count in the narrative is not put on an event inside a direct
quote, nor the reverse). A count with no such event nearby is left out (the events stage found nothing for
it to describe), and a count is never attached to a speech event (REQUEST, ACCUSE, REJECT, THREATEN); a
count under a threat ("threatened to kill 12 hostages") is dropped, as no one has been harmed yet.

Conventions: "more than 100" is ``at-least`` 100 and "up to 100" ``at-most`` 100 (low None); vague
quantities keep the lower bound they imply and no upper bound ("dozens" 24, "hundreds" 200, "thousands"
2,000, "several" 3); "a dozen" is ``about`` 12. A subset introduced by "including" / "among them" ("12
people, including three children") is not counted again.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..model import Casualty
from . import _attach, _counts

if TYPE_CHECKING:
    from ..document import Document
    from ..model import Event
    from ..resources import Resources

LOGGER = logging.getLogger(__name__)

REQUIRES = ("article", "spacy_doc", "actors", "events")
ASSIGNS = ("events.casualties",)

__all__ = ["count"]


def count(doc: Document, resources: Resources) -> None:
    """Fill each event's ``casualties`` with the counts the text gives for it."""
    if doc.spacy_doc is None or not doc.events:
        return
    found = _find(doc)
    for event, casualty in found:
        event.casualties.append(casualty)
    LOGGER.debug("%s: %d casualty counts", doc.article.id, len(found))


def _find(doc: Document) -> list[tuple[Event, Casualty]]:
    """Every count in the article with the event it belongs to."""
    sdoc = doc.spacy_doc
    counts = _counts.find(sdoc, doc.text)
    if not counts:
        return []
    quoted = [(q.start, q.end) for q in doc.quotes if q.kind != "indirect"]
    events = _attach.EventIndex(doc.events, sdoc, quoted)
    out: list[tuple[Event, Casualty]] = []
    seen: set[tuple] = set()
    for c in counts:
        attached = events.attach(sdoc, c.cue)
        if attached is None:
            continue
        event, fit = attached
        key = (event.id, c.kind, c.low, c.high, c.who)
        if key in seen:
            continue
        seen.add(key)
        actor = None
        if c.noun is not None:
            tok = sdoc[c.noun]
            found = doc.actor_at(tok.idx, tok.idx + len(tok.text))
            actor = found.id if found is not None and found.kind not in ("media", "state") else None
        out.append(
            (
                event,
                Casualty(
                    kind=c.kind,
                    low=c.low,
                    high=c.high,
                    qualifier=c.qualifier,
                    who=c.who,
                    actor=actor,
                    span=doc.span(c.start, c.end),
                    confidence=round(c.link * fit, 3),
                ),
            )
        )
    return out
