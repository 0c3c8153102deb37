"""Who says an event: the quote containing its trigger, that quote's speaker, medium and cited sources, the outlet.

An event whose trigger lies inside a quote is attributed to the quote's speaker, medium and cited sources;
otherwise we walk up the dependency tree from the trigger to a speech verb ("X said ...", "according to X")
that the quotes stage may have missed; otherwise the event is the article's own voice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Attribution, Event, Span
from ..plover import SPEECH_ACT_TYPES
from ..syntax import SentenceMemo, dependents, sentence, speech_act_conjunct, subtree
from ._lexicon import ACCUSATION_VERBS, DIRECTIVE_CUES, PRONOUN_CLASS, SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from ..document import Document
    from ..model import Quote


def attribution_of(doc: Document, event: Event, quote: Quote | None, span: SpacySpan | None) -> Attribution:
    """Who tells ``event``: the speaker of ``quote`` (the quote containing its trigger, parsed as ``span``), else
    the subject of a governing speech verb, else the outlet."""
    outlet = doc.article.site
    if event.type in SPEECH_ACT_TYPES and span is not None and speech_act_conjunct(span.root) is not None:
        # "The agency said ... and urged both sides": the speaker's own act, told in the article's voice
        attribution = Attribution(outlet=outlet)
    elif quote is not None and quote.speaker is not None:
        attribution = Attribution(
            speaker=(quote.speaker.actor or _actor_within(doc, quote.speaker.span)) if quote.speaker else None,
            speaker_span=quote.speaker.span if quote.speaker else None,
            medium=quote.medium.name if quote.medium else None,
            quote=quote.id,
            sources=quote.sources,
            outlet=outlet,
        )
    elif quote is not None:  # a quote whose speaker the quotes stage missed: the governing speech verb's subject
        found = _reported_speech(doc, event)
        attribution = Attribution(
            speaker=found.speaker if found else None,
            speaker_span=found.speaker_span if found else None,
            medium=quote.medium.name if quote.medium else None,
            quote=quote.id,
            sources=quote.sources or (found.sources if found else []),
            outlet=outlet,
        )
    else:
        attribution = _reported_speech(doc, event) or Attribution(outlet=outlet)
    return attribution


def _actor_within(doc: Document, span: Span | None) -> str | None:
    """For a speaker described but not named ("a spokesman for the group"): the actor the description names."""
    if span is None:
        return None
    for actor in doc.all_actors:
        if actor.kind != "media" and any(span.start <= m.start and m.end <= span.end for m in actor.mentions):
            return actor.id
    return None


def containing_quote(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The shortest of ``quotes`` containing characters ``start:end``."""
    inside = [q for q in quotes if q.start <= start and end <= q.end]
    return min(inside, key=lambda q: q.end - q.start) if inside else None


# The words "according" of each sentence, found once per sentence rather than once per event in it.
_ACCORDING_IN = SentenceMemo(lambda sent: [t for t in sent if t.lower_ == "according"])


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
            # not "conj": "X said ... and urged Y" tells the speaker's next act, not what was said
            tok.dep_ in ("ccomp", "parataxis", "advcl") and tok.head.lemma_.lower() in SPEECH_VERBS
        ):
            speaker = next((c for c in dependents(tok.head) if c.dep_ == "nsubj"), None)
            if speaker is not None:
                return speaker_attribution(doc, speaker, _cited_sources(doc, tok.head))
        tok = tok.head
    # "According to him, ...": anywhere in the trigger's sentence.
    for t in _ACCORDING_IN(sentence(span.root)):
        if lo <= t.idx < hi:
            to = next((c for c in dependents(t) if c.lower_ == "to"), None)
            obj = next((c for c in dependents(to) if c.dep_ == "pobj"), None) if to is not None else None
            if obj is not None:
                return speaker_attribution(doc, obj)
    return None


def _cited_sources(doc: Document, verb: Token) -> list[Span]:
    """What the speaker cites: the object of "citing ..." attached to the speech verb."""
    out = []
    for child in subtree(verb):  # the parser hangs "citing" on the verb or on its complement
        if child.lemma_.lower() == "cite" and child.dep_ in ("advcl", "xcomp", "conj"):
            for obj in dependents(child):
                if obj.dep_ == "dobj":
                    out.append(doc.span(obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text)))
    return out


def speaker_attribution(doc: Document, head: Token, sources: list[Span] | None = None) -> Attribution:
    """Attribution to the actor named by ``head`` (a pronoun goes to the nearest earlier person actor)."""
    start, end = head.left_edge.idx, head.idx + len(head.text)
    if head.pos_ == "PRON":
        start, end = head.idx, head.idx + len(head.text)
    actor = doc.actor_at(head.idx, head.idx + len(head.text))
    actor_id = actor.id if actor is not None else None
    if actor is None and head.pos_ == "PRON" and head.lower_ in ("he", "him", "she", "her"):
        best = None
        for a in doc.all_actors:
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


def directive(doc: Document, quote: Quote) -> bool:
    """``quote`` is a directive or a question: its cue is a verb of asking, urging or demanding."""
    if quote.cue is None or doc.spacy_doc is None:
        return False
    cue = doc.spacy_doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    return cue is not None and cue[0].lemma_.lower() in DIRECTIVE_CUES


def relative_in(token: Token, quote: Quote) -> bool:
    """``token`` is the verb of a relative clause within the content of ``quote``."""
    return token.dep_ == "relcl" and quote.start <= token.head.idx < quote.end


def self_report(doc: Document, event: Event, attribution: Attribution) -> bool:
    """The speaker is the event's own source: the actor the speaker's head names, the same words, or a pronoun
    after the speaker in its sentence that takes it up ("Linick said he considers it closed, but he urged ...";
    "his claim that he visited"): the subject pronoun of a reported clause is read as the reporter's own. A
    spokesman for the source ("a spokesman for the group said") is a source of its own, not the actor."""
    said = attribution.speaker_span
    if said is None:
        return False
    head = _head_actor(doc, said)
    for participant in event.source:
        if head is not None and participant.actor == head:
            return True
        if said.start < participant.span.end and participant.span.start < said.end:
            return True
        if participant.actor is None and _takes_up(doc, said, participant.span):
            return True
    return False


def _head_actor(doc: Document, said: Span) -> str | None:
    """The actor named by the head word of the speaker's phrase ("Senator Ortega", not "a spokesman for X")."""
    if doc.spacy_doc is None:
        return None
    phrase = doc.spacy_doc.char_span(said.start, said.end, alignment_mode="expand")
    if phrase is None:
        return None
    root = phrase.root
    actor = doc.actor_at(root.idx, root.idx + len(root.text))
    return actor.id if actor is not None else None


def _takes_up(doc: Document, said: Span, pronoun: Span) -> bool:
    """``pronoun`` (a third-person personal pronoun) follows the speaker ``said`` in one sentence and agrees with
    it: a pronoun speaker of its own class ("his" ... "he"), else a person for "he"/"she" and no person for
    "they"/"it"."""
    word = pronoun.text.lower()
    cls = PRONOUN_CLASS.get(word)
    if cls is None or said.end > pronoun.start or doc.spacy_doc is None:
        return False
    first = doc.spacy_doc.char_span(said.start, said.end, alignment_mode="expand")
    last = doc.spacy_doc.char_span(pronoun.start, pronoun.end, alignment_mode="expand")
    if first is None or last is None or sentence(first).start != sentence(last).start:
        return False
    said_cls = PRONOUN_CLASS.get(said.text.lower())
    if said_cls is not None:
        return said_cls == cls
    actor = doc.actor_at(said.start, said.end)
    person = first.root.ent_type_ == "PERSON" or actor is None or actor.kind in ("person", "unknown")
    return person == (cls in ("male", "female"))
