"""Quote records: speakers and media linked to actors, pronouns resolved, media shared over a run of quotes."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import MediumRef, Quote, Span, SpeakerRef
from ._attribute import Candidate
from ._lexicon import PRONOUNS
from ._spans import Cue, index, is_person_noun

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

    from ..document import Document


def build_quotes(doc: Document, candidates: list[Candidate]) -> list[Quote]:
    """Build the Quote objects: actors for speakers and media, pronouns resolved, ids in text order."""
    text = doc.text
    quotes: list[Quote] = []
    recent: list[tuple[SpeakerRef, str]] = []  # (speaker, "person"/"group") in text order
    # A candidate that ends before it starts or holds no words is a bug upstream: never a quote.
    candidates = [c for c in candidates if c.start < c.end and text[c.start : c.end].strip()]
    for i, cand in enumerate(candidates, start=1):
        cue = cand.cue
        speaker = medium = cue_span = said_at = None
        sources: list[Span] = []
        confidence = cand.confidence
        if cue is not None:
            cue_span = doc.span(cue.start, cue.end)
            if cue.speaker is not None:
                speaker, role = _speaker(doc, cue, recent)
                if speaker.actor is None and role == "pronoun":
                    confidence -= 0.2
            if cue.medium is not None:
                m_start, m_end, name = cue.medium
                actor = doc.actor_at(m_start, m_end)
                medium = MediumRef(
                    name=actor.name if actor else name, actor=actor.id if actor else None, span=doc.span(m_start, m_end)
                )
            sources = [doc.span(s, e) for s, e in cue.sources]
            said_at = doc.span(*cue.said_at) if cue.said_at else None
        else:
            confidence = min(confidence, 0.4)
        quotes.append(
            Quote(
                id=f"q{i}",
                start=cand.start,
                end=cand.end,
                text=text[cand.start : cand.end],
                kind=cand.kind,
                cue_class=cue.cls if cue is not None else "speech",
                speaker=speaker,
                cue=cue_span,
                medium=medium,
                sources=sources,
                said_at=said_at,
                confidence=round(max(0.05, min(1.0, confidence)), 3),
            )
        )
        if speaker is not None and cue is not None and cue.head is not None and cue.head.lower_ not in PRONOUNS:
            recent.append((speaker, _kind_of(doc, cue.head, speaker)))
    return quotes


def carry_interview(doc: Document, found: list[Quote]) -> list[Quote]:
    """Share the medium and cited sources over a run of quotes by one speaker in adjacent paragraphs.

    Such a run is one interview or statement: "…, Allawi said, citing regional sources." then "“…,” Allawi told
    Reuters." A quote that names no medium (no sources) takes the nearest one named in its run, the span still
    on the words that name it, at a little lower confidence.
    """
    if len(found) < 2:
        return found
    para_starts = [s for s, _ in doc.paragraph_spans()]
    runs: list[list[Quote]] = []
    last_para = -2
    for q in found:
        first, last = index(para_starts, q.start), index(para_starts, max(q.start, q.end - 1))
        key = _speaker_key(q)
        if key is not None and runs and _speaker_key(runs[-1][-1]) == key and first - last_para <= 1:
            runs[-1].append(q)
        else:
            runs.append([q])
        last_para = last
    for run in runs:
        if len(run) < 2:
            continue
        for i, q in enumerate(run):
            order = sorted(range(len(run)), key=lambda k, i=i: (abs(k - i), k > i))  # nearest, earlier first
            carried = False
            if q.medium is None:
                donor = next((run[k] for k in order if k != i and run[k].medium is not None), None)
                if donor is not None:
                    q.medium, carried = donor.medium.model_copy(), True
            if not q.sources:
                donor = next((run[k] for k in order if k != i and run[k].sources), None)
                if donor is not None:
                    q.sources, carried = list(donor.sources), True
            if carried:
                q.confidence = round(max(0.05, q.confidence - 0.05), 3)
    return found


def _speaker_key(q: Quote) -> str | None:
    """Who speaks, for runs: the actor id, else the speaker's words (an unresolved pronoun matches nothing)."""
    if q.speaker is None:
        return None
    if q.speaker.actor is not None:
        return q.speaker.actor
    words = q.speaker.span.text.lower() if q.speaker.span else ""
    return None if not words or words in PRONOUNS else "text:" + words


def _speaker(doc: Document, cue: Cue, recent: list[tuple[SpeakerRef, str]]) -> tuple[SpeakerRef, str]:
    """The speaker reference; a pronoun takes the actor of the latest matching speaker before it."""
    start, end = cue.speaker  # type: ignore[misc]
    span = doc.span(start, end)
    head = cue.head
    if head is not None and head.lower_ in PRONOUNS and end - start == len(head.text):
        wanted = PRONOUNS[head.lower_]
        previous = next((p for p, kind in reversed(recent) if kind == wanted and p.actor is not None), None)
        person = _recent_person(doc, head) if wanted == "person" else None
        # The nearer antecedent wins: a person named after the last speaker ("X spoke later. His claim …").
        if person is not None and (previous is None or previous.span is None or person[1] > previous.span.start):
            return SpeakerRef(actor=person[0], span=span), "pronoun"
        return SpeakerRef(actor=previous.actor if previous else None, span=span), "pronoun"
    actor = None
    if head is not None:
        name = _name_around(head)
        actor = doc.actor_at(*name) or doc.actor_at(head.idx, head.idx + len(head.text))
    return SpeakerRef(actor=actor.id if actor else None, span=span), "name"


def _name_around(head: Token) -> tuple[int, int]:
    """The proper-name chain ending at ``head`` ("Ayad Allawi" in "Iraq's Vice President Ayad Allawi")."""
    left = head
    while left.i > 0 and left.doc[left.i - 1].pos_ == "PROPN" and left.doc[left.i - 1].dep_ == "compound":
        left = left.doc[left.i - 1]
    return left.idx, head.idx + len(head.text)


def _kind_of(doc: Document, head: Token, speaker: SpeakerRef) -> str:
    """Whether "he"/"she" or "they" can refer back to this speaker: a person (a name or a person's role) or a group."""
    if head.ent_type_ == "PERSON" or (head.tag_ == "NN" and is_person_noun(head.lower_)):
        return (
            "person"  # "the defence minister", "a spokesman", "the villager": a person, whatever actor they speak for
        )
    if speaker.actor is not None:
        actor = next((a for a in doc.actors if a.id == speaker.actor), None)
        if actor is not None:
            return "person" if actor.kind == "person" else "group"
    return "group"


def _recent_person(doc: Document, pronoun: Token) -> tuple[str, int] | None:
    """(actor id, start) of the nearest PERSON entity before the pronoun, within two sentences."""
    starts, persons = _sentences_and_persons(pronoun.doc)
    floor = starts[max(0, bisect_right(starts, pronoun.i) - 3)] if starts else 0
    for k in range(bisect_left(persons, (pronoun.i,)) - 1, -1, -1):
        ent_start, start_char, end_char = persons[k]
        if ent_start < floor:
            break
        actor = doc.actor_at(start_char, end_char)
        if actor is not None:
            return actor.id, start_char
    return None


@lru_cache(maxsize=2)
def _sentences_and_persons(spacy_doc: SpacyDoc) -> tuple[list[int], list[tuple[int, int, int]]]:
    """The token index of each sentence start, and (start token, start, end) of each PERSON entity, read once per
    parse: a pronoun cue looking back two sentences no longer lists every sentence and entity of the article."""
    starts = [s.start for s in spacy_doc.sents]
    persons = [(e.start, e.start_char, e.end_char) for e in spacy_doc.ents if e.label_ == "PERSON"]
    return starts, persons
