"""Stance stage: attribution and factuality of each event.

Attribution: an event whose trigger lies inside a quote is attributed to the quote's speaker,
medium and cited sources; otherwise we walk up the dependency tree from the trigger to a speech
verb ("X said ...", "according to X") that the quotes stage may have missed; otherwise the event
is the article's own voice. Factuality comes from cues in the trigger's scope (its head chain up
to the clause of a speech verb, its own modifiers, and for nouns the topic they are about):
negation, conditionals, future, hedges; else ``reported`` when someone is quoted, else
``asserted``. :func:`factuality_of` works on any event mention, so it can be scored on gold sets.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from .model import Attribution, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .document import Document
    from .model import Event, Quote
    from .pipeline import Resources

LOGGER = logging.getLogger(__name__)

REQUIRES = ("article", "spacy_doc", "quotes", "events")
ASSIGNS = ("event_attribution", "event_factuality")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The cue lexicon: one place for every word that changes an event's factuality (lower-case forms or lemmas).
NEGATION_WORDS = _words("not n't never no none neither nor without")
DENIAL_VERBS = _words("deny refute dismiss retract reject disprove debunk withdraw")  # "denied that X fired"
HEDGE_WORDS = _words(
    "possible possibly may might could perhaps probably likely unlikely reportedly allegedly alleged apparent "
    "apparently unclear uncertain unconfirmed suspected purported purportedly potential rumoured rumored "
    "presumably seemingly"
)
HEDGE_VERBS = _words("suspect believe appear seem suggest speculate rumour rumor")
FUTURE_AUX = _words("will shall 'll wo")
FUTURE_VERBS = _words(
    "plan intend threaten vow pledge promise aim prepare expect schedule propose want hope seek agree decide"
)
FUTURE_ADJ = _words("planned upcoming future proposed scheduled forthcoming expected next")
CONDITIONAL_MARKS = _words("if unless whether")
SPEECH_VERBS = _words(
    "say tell note add state claim announce report insist stress explain warn write confirm allege argue "
    "acknowledge admit assert deny"
)
# "X accused Y of shelling": the accused act is the accuser's claim.
ACCUSATION_VERBS = _words("accuse blame charge allege")

CONFIDENCE_FACTOR = {
    "asserted": 1.0,
    "reported": 0.9,
    "hedged": 0.6,
    "future": 0.6,
    "hypothetical": 0.45,
    "negated": 0.4,
}
_CLAUSE_STOP = frozenset(["ccomp", "parataxis", "ROOT"])


def assess(doc: Document, resources: Resources) -> None:
    """Set ``attribution``, ``factuality``, ``factuality_cue`` and adjust ``confidence`` of each event."""
    if doc.spacy_doc is None or not doc.events:
        return
    updates = [_assess_one(doc, event) for event in doc.events]
    for event, (attribution, label, cue) in zip(doc.events, updates, strict=True):
        event.attribution = attribution
        event.factuality = label
        event.factuality_cue = cue
        event.confidence = round(event.confidence * CONFIDENCE_FACTOR[label], 3)


def factuality_of(spacy_doc: Doc, start: int, end: int) -> tuple[str, tuple[int, int] | None]:
    """Factuality of the event mention at characters ``start:end``: (label, cue offsets or None).

    The label is one of negated, hypothetical, future, hedged, or asserted; ``reported`` needs a speaker
    and is decided by :func:`assess` (or by the caller) on top of this.
    """
    span = spacy_doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "asserted", None
    label, cue = _factuality(span.root)
    return label, ((cue.idx, cue.idx + len(cue.text)) if cue is not None else None)


def _scope(trigger: Token) -> list[Token]:
    """Tokens whose cues govern the trigger: its own modifiers, its head chain up to a speech clause, their aux/neg.

    The chain stops above a speech verb's complement (``X said that ...``): the speaker's own modality is not
    the event's.
    """
    chain = [trigger]
    cur = trigger
    while cur.head.i != cur.i:
        if cur.dep_ in _CLAUSE_STOP and cur.head.lemma_.lower() in SPEECH_VERBS - DENIAL_VERBS:
            break
        if cur.dep_ in ("ccomp", "advcl") and cur.head.lemma_.lower() in DENIAL_VERBS:
            chain.append(cur.head)  # "denied that troops fired": the denial governs the event
            break
        cur = cur.head
        if cur.pos_ in ("NOUN", "PROPN") and cur.dep_ not in ("dobj", "pobj", "nsubj", "nsubjpass"):
            break
        chain.append(cur)
        if len(chain) > 6:
            break
    return chain


def _factuality(trigger: Token) -> tuple[str, Token | None]:
    chain = _scope(trigger)
    found: dict[str, Token] = {}
    for i, tok in enumerate(chain):
        lemma, lower = tok.lemma_.lower(), tok.lower_
        if i > 0 and lemma in DENIAL_VERBS:
            found.setdefault("negated", tok)
        if i > 0 and lemma in FUTURE_VERBS and tok.i < trigger.i:
            found.setdefault("future", tok)
        if i > 0 and lemma in HEDGE_VERBS:
            found.setdefault("hedged", tok)
        if lower in HEDGE_WORDS:
            found.setdefault("hedged", tok)
        for child in tok.children:
            c_lower = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and c_lower == "no"):
                found.setdefault("negated", child)
            elif child.dep_ == "mark" and c_lower in CONDITIONAL_MARKS:
                found.setdefault("hypothetical", child)
            elif child.dep_ == "aux" and (c_lower in FUTURE_AUX or c_lower == "would"):
                found.setdefault("future", child)
            elif child.dep_ in ("aux", "advmod", "amod") and c_lower in HEDGE_WORDS:
                found.setdefault("hedged", child)
            elif child.dep_ == "amod" and c_lower in FUTURE_ADJ and i == 0:
                found.setdefault("future", child)
        # "is to meet": be + infinitival complement marks a scheduled event.
        if i > 0 and lemma == "be" and chain[i - 1].dep_ == "xcomp":
            found.setdefault("future", tok)
    if trigger.pos_ == "NOUN":
        # "talks about a possible alliance": a hedge on the topic makes the outcome uncertain.
        for prep in trigger.children:
            if prep.dep_ == "prep" and prep.lower_ in ("about", "on", "over", "for"):
                for obj in prep.children:
                    hedge = next((c for c in obj.children if c.lower_ in HEDGE_WORDS), None)
                    if hedge is not None:
                        found.setdefault("hedged", hedge)
    for label in ("negated", "hypothetical", "future", "hedged"):
        if label in found:
            return label, found[label]
    return "asserted", None


def _assess_one(doc: Document, event: Event) -> tuple[Attribution, str, Span | None]:
    sd = doc.spacy_doc
    text = doc.article.text
    outlet = doc.article.site
    quote = _containing_quote(doc.quotes, event.trigger.start, event.trigger.end)
    if quote is not None:
        attribution = Attribution(
            speaker=quote.speaker.actor if quote.speaker else None,
            speaker_span=quote.speaker.span if quote.speaker else None,
            medium=quote.medium.name if quote.medium else None,
            quote=quote.id,
            sources=quote.sources,
            outlet=outlet,
        )
    else:
        attribution = _reported_speech(doc, event) or Attribution(outlet=outlet)
    label, cue = factuality_of(sd, event.trigger.start, event.trigger.end)
    attributed = attribution.speaker is not None or attribution.speaker_span is not None or bool(attribution.sources)
    if label == "asserted" and attributed:
        label = "reported"
    cue_span = Span.of(text, *cue) if cue is not None else None
    return attribution, label, cue_span


def _containing_quote(quotes: list[Quote], start: int, end: int) -> Quote | None:
    inside = [q for q in quotes if q.start <= start and end <= q.end]
    return min(inside, key=lambda q: q.end - q.start) if inside else None


def _reported_speech(doc: Document, event: Event) -> Attribution | None:
    """Speaker of a speech verb governing the trigger ("X said IS is in talks"), or of "according to X"."""
    sd = doc.spacy_doc
    span = sd.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    lo, hi = event.evidence.start, event.evidence.end
    for _ in range(8):
        if tok.head.i == tok.i or not lo <= tok.head.idx < hi:
            break
        accusation = tok.dep_ == "prep" and tok.head.lemma_.lower() in ACCUSATION_VERBS
        if accusation or (
            tok.dep_ in ("ccomp", "parataxis", "conj", "advcl") and tok.head.lemma_.lower() in SPEECH_VERBS
        ):
            speaker = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if speaker is not None:
                return _speaker_attribution(doc, speaker, _cited_sources(doc, tok.head))
        tok = tok.head
    # "According to him, ...": anywhere in the trigger's sentence.
    for t in span.root.sent:
        if t.lower_ == "according" and lo <= t.idx < hi:
            to = next((c for c in t.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is not None:
                return _speaker_attribution(doc, obj)
    return None


def _cited_sources(doc: Document, verb: Token) -> list[Span]:
    """What the speaker cites: the object of "citing ..." attached to the speech verb."""
    out = []
    for child in verb.subtree:  # the parser hangs "citing" on the verb or on its complement
        if child.lemma_.lower() == "cite" and child.dep_ in ("advcl", "xcomp", "conj"):
            for obj in child.children:
                if obj.dep_ == "dobj":
                    out.append(doc.span(obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text)))
    return out


def _speaker_attribution(doc: Document, head: Token, sources: list[Span] | None = None) -> Attribution:
    """Attribution to the actor named by ``head`` (a pronoun goes to the nearest earlier person actor)."""
    start, end = head.left_edge.idx, head.idx + len(head.text)
    if head.pos_ == "PRON":
        start, end = head.idx, head.idx + len(head.text)
    actor = doc.actor_at(head.idx, head.idx + len(head.text))
    actor_id = actor.id if actor is not None else None
    if actor is None and head.pos_ == "PRON" and head.lower_ in ("he", "him", "she", "her"):
        best = None
        for a in doc.actors:
            if a.kind != "person":
                continue
            for m in a.mentions:
                if m.end <= head.idx and (best is None or m.end > best[0]):
                    best = (m.end, a.id)
        actor_id = best[1] if best else None
    return Attribution(
        speaker=actor_id,
        speaker_span=doc.span(start, end),
        sources=sources or [],
        outlet=doc.article.site,
    )
