"""Stance stage: attribution and factuality of each event.

Attribution: an event whose trigger lies inside a quote is attributed to the quote's speaker,
medium and cited sources; otherwise we walk up the dependency tree from the trigger to a speech
verb ("X said ...", "according to X") that the quotes stage may have missed; otherwise the event
is the article's own voice. Three constructions leave an event in the article's voice even inside a report
(who says it *happened*, coding guide section 6): the content of a directive or question ("called on the army to
withdraw", "asked whether"), the verb of a relative clause ("a man who had been accused of ..."), and a speaker's
avowal of its own act ("the carmaker announced it had pulled out"; a denial stays the speaker's).

Factuality comes from cues in the trigger's scope (its head chain up to the clause of a speech verb, its own
modifiers, and for nouns the topic they are about): negation, conditionals, future, hedges; else ``reported`` when
someone is quoted, else ``asserted``. :func:`factuality_of` works on any event mention, so it can be scored on
gold sets.

The stage annotates the events it is given and keeps their list as it is: merging repeated
mentions, corroboration and denials are the consolidate stage's. Modules: ``_attribution`` (who
says it), ``_factuality`` (the cues and the label), ``_lexicon`` (the cue words).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..model import Attribution, Event, Quote, Span
from ..syntax import dependents, is_denial
from ._attribution import attribution_of, containing_quote, directive, relative_in, self_report, speaker_attribution
from ._factuality import factuality, factuality_of, quote_factuality, scope_span
from ._lexicon import CONFIDENCE_FACTOR, FIRST_PERSON, OWN_VOICE_ROLES, PERFORMATIVE_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..document import Document
    from ..resources import Resources

LOGGER = logging.getLogger(__name__)

REQUIRES = ("article", "spacy_doc", "actors", "quotes", "events")
ASSIGNS = (
    "events.attribution",
    "events.factuality",
    "events.factuality_cue",
    "events.factuality_scope",
    "events.confidence",  # scaled by how sure the text is
    "events.mentions",  # the trigger counted among the mentions
    "quotes.factuality",
    "quotes.factuality_cue",
)

__all__ = ["ASSIGNS", "REQUIRES", "assess", "factuality_of"]


def assess(doc: Document, resources: Resources) -> None:
    """Set each event's attribution, factuality (cue, scope) and confidence, and its trigger among its mentions;
    set how each quote presents its claim."""
    if doc.spacy_doc is None:
        return
    # Quotes with one content span (many cues framing one long clause) are judged once: the judgement reads
    # only the span, and judging it per cue was quadratic in the clause's length.
    judged: dict[tuple[int, int], tuple[str, Span | None]] = {}
    for quote in doc.quotes:
        key = (quote.start, quote.end)
        if key not in judged:
            judged[key] = quote_factuality(doc, quote)
        label, cue = judged[key]
        quote.factuality = label
        quote.factuality_cue = cue.model_copy() if cue is not None else None
    if not doc.events:
        return
    updates = [_assess_one(doc, event) for event in doc.events]
    for event, (attribution, label, cue, scope) in zip(doc.events, updates, strict=True):
        event.attribution = attribution
        event.factuality = label
        event.factuality_cue = cue
        event.factuality_scope = scope
        event.confidence = round(event.confidence * CONFIDENCE_FACTOR[label], 3)
        if not any(m.start == event.trigger.start and m.end == event.trigger.end for m in event.mentions):
            event.mentions = [event.trigger, *event.mentions]


def _assess_one(doc: Document, event: Event) -> tuple[Attribution, str, Span | None, Span | None]:
    """(attribution, factuality label, cue span, scope span) of one event."""
    sd = doc.spacy_doc
    text = doc.article.text
    # An evaluation ("condemned the attack") presupposes what it evaluates: the article's voice, not the holder's.
    quotes = [q for q in doc.quotes if q.cue_class != "evaluation"]
    quote = containing_quote(quotes, event.trigger.start, event.trigger.end)
    span = sd.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    attribution = attribution_of(doc, event, quote, span)
    if span is None:
        return attribution, "asserted", None, None
    own = self_report(doc, event, attribution)
    label, cue, governed = factuality(span.root)
    if event.type == "THREATEN" and label in ("future", "hypothetical"):
        # "our forces will target every vessel": the announced act is future, but the threat it makes was made
        label, cue, governed = "asserted", None, None
    elif event.type == "REJECT" and label == "future" and "future:REJECT" in event.reason:
        # "we will not negotiate", "would not resign" (recoded as a refusal by the events stage): a refusal is made
        # by saying it, as a threat is; "will not reject the offer" stays a rejection to come, or not
        label, cue, governed = "asserted", None, None
    told_by_outlet = quote is not None and _own_voice(quote)
    if quote is not None and (
        _performative(event) or directive(doc, quote) or relative_in(span.root, quote) or told_by_outlet
    ):
        # told in the article's own voice although inside a report: a speech act done in the quoted words ("'We call
        # for an end to the bullying,' Esper said"); what a directive or question asks for, not says happened ("The
        # council asked the manager to meet the college's president"); a relative clause describing a referent of
        # the report ("Police say they found drugs on a man who had been accused of ..."), whose main clause is
        # what the report asserts; a transcript turn of the programme's own reporter or anchor ("REPORTER: The
        # cuts ran to 13 hours"), the outlet's voice as a byline's is
        attribution = Attribution(outlet=attribution.outlet)
    if label == "negated" and cue is not None and is_denial(cue) and attribution.speaker_span is None:
        denier = _subject(cue)
        if denier is not None:  # "Moscow denied attacking civilian targets": the denier's claim
            attribution = speaker_attribution(doc, denier, attribution.sources)
    attributed = attribution.speaker is not None or attribution.speaker_span is not None or bool(attribution.sources)
    cue_span = Span.of(text, cue.idx, cue.idx + len(cue.text)) if cue is not None else None
    if label == "asserted" and quote is not None and quote.cue_class == "intention" and quote.cue is not None:
        label, cue_span = "future", quote.cue  # "The mayor wants to build a dam": wanted, not reported as done
    elif label == "asserted" and attributed:
        label = "reported"
    if own and label != "negated":
        # "BuzzFeed announced it had pulled out", "he urged the ministry to ...": a speaker avowing its own act is
        # not a source the article cites for someone else's deed; the article tells the act in its own voice. A
        # denial of its own act ("the army said its troops had not fired") stays the speaker's claim. (The
        # factuality is left as the report made it: clearing it too did not carry over to the check part.)
        attribution = Attribution(outlet=attribution.outlet)
    scope = scope_span(span.root, cue, governed)
    return attribution, label, cue_span, (Span.of(text, *scope) if scope else None)


def _own_voice(quote: Quote) -> bool:
    """Whether a quote is a transcript turn of the programme's own journalist ("REPORTER: ...", "ANCHOR: ...")."""
    who = quote.speaker.span if quote.speaker is not None else None
    return (
        who is not None
        and quote.cue is not None
        and quote.cue.text == ":"
        and who.text.strip().lower() in OWN_VOICE_ROLES
    )


def _performative(event: Event) -> bool:
    """A speech act whose source speaks in the first person ("we call for", "I urge"): done by saying it."""
    return event.type in PERFORMATIVE_TYPES and any(p.span.text.lower() in FIRST_PERSON for p in event.source)


def _subject(verb: Token) -> Token | None:
    return next((c for c in dependents(verb) if c.dep_ in ("nsubj", "nsubjpass")), None)
