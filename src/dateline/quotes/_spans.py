"""The cue record and the span helpers every pass shares.

Character spans from tokens (edges of a subtree or of a noun phrase), trimming and clipping of spans,
sentences cut at paragraph ends, the dateline to skip, and whether a subject can hold an attitude.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..syntax import dependents
from ._lexicon import DATELINE_HEAD, HOLDER_WORDS, NOT_PERSON_NOUNS, PERSON_NOUNS, PERSON_SUFFIXES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..document import Document


@dataclass(slots=True)
class Cue:
    """A cue found in the text: where it is, who speaks (or holds the attitude) and the content it introduces.

    Offsets are characters of the document text; ``start``/``end`` are the cue words themselves ("said",
    "according to", "is worried about"), ``sent`` the index of the sentence they are in.
    """

    start: int
    end: int
    sent: int
    speaker: tuple[int, int] | None
    head: Token | None  # the speaker's head token, for actor lookup and pronouns
    content: tuple[int, int] | None
    medium: tuple[int, int, str] | None = None
    sources: list[tuple[int, int]] = field(default_factory=list)
    said_at: tuple[int, int] | None = None
    confidence: float = 0.8
    verb: Token | None = None
    verbatim: bool = False  # a transcript's words ("OKAFOR: Well, first, …"): direct speech without marks
    cls: str = "speech"  # what the cue attributes (Quote.cue_class)


def sentence_spans(spacy_doc: Doc, text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """spaCy's sentences cut at paragraph ends (the parser sometimes runs a sentence across them)."""
    out: list[tuple[int, int]] = []
    p_ends = [e for _, e in paragraphs]
    for sent in spacy_doc.sents:
        s, e = sent.start_char, sent.end_char
        k = bisect.bisect_right(p_ends, s)  # the first paragraph ending after the sentence starts
        while k < len(paragraphs) and paragraphs[k][0] < e:
            lo, hi = max(s, paragraphs[k][0]), min(e, paragraphs[k][1])
            if text[lo:hi].strip():
                out.append((lo, hi))
            k += 1
    return out


def index(starts: list[int], char: int) -> int:
    return max(0, bisect.bisect_right(starts, char) - 1)


def dateline_end(doc: Document) -> int:
    """Content never starts inside the dateline ("Apr 18, Baghdad:")."""
    dateline = doc.article.dateline
    ends = [s.end for s in (dateline.place, dateline.date) if s is not None] if dateline else []
    if ends:
        end = max(ends)
    else:
        m = DATELINE_HEAD.match(doc.text)
        return m.end() if m else 0
    while end < len(doc.text) and (doc.text[end] in ":,-–— \t"):
        end += 1
    return end


def within(char: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= char < e for s, e in ranges)


def edges(token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right.text)


def trim(text: str, start: int, end: int, marks: str = "") -> tuple[int, int]:
    """Strip whitespace, commas (and ``marks``) and leading complementisers from a span."""
    strip = ",;:–—-" + marks
    while start < end and (text[start].isspace() or text[start] in strip):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in strip):
        end -= 1
    m = re.match(r"(?i)(?:that|whether|if)\s+", text[start:end])
    if m and end - start > len(m.group()) + 3:
        start += m.end()
    return start, end


def clip(span: tuple[int, int], lo: int, hi: int) -> tuple[int, int] | None:
    start, end = max(span[0], lo), min(span[1], hi)
    return (start, end) if start < end else None


def sentient(head: Token) -> bool:
    """Whether a subject can hold a belief, an intention or a view: a person, a group, a pronoun, a share of them.

    "The new rule seeks to limit …" and "a season that has seen teams falter" hold none.
    """
    if head.pos_ in ("PRON", "PROPN") or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    if head.lower_ in HOLDER_WORDS or head.lemma_ in HOLDER_WORDS:
        return True
    if head.tag_ in ("NN", "NNS") and is_person_noun(head.lemma_.lower()):
        return True
    of = next(
        (c for c in dependents(head) if c.dep_ == "prep" and c.lower_ == "of"), None
    )  # "three-quarters of voters"
    obj = next((c for c in dependents(of) if c.dep_ == "pobj"), None) if of is not None else None
    return obj is not None and obj.i != head.i and sentient(obj)


def particle_end(verb: Token) -> int:
    """End of the verb with the particle right after it ("pointed out", "lashed out"): the cue is the phrasal verb."""
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is not None and nxt.dep_ == "prt" and nxt.head.i == verb.i:
        return nxt.idx + len(nxt.text)
    return verb.idx + len(verb.text)


def np_edges(token: Token) -> tuple[int, int]:
    """Edges of a noun phrase without its relative clause ("Amna Yousif, a student who joined …")."""
    start, end = token.idx, token.idx + len(token.text)
    for child in dependents(token):
        if child.dep_ in ("relcl", "acl") and child.i > token.i:
            continue
        c_start, c_end = np_edges(child)
        start, end = min(start, c_start), max(end, c_end)
    return start, end


def speaker_head(subjects: list[Token]) -> Token:
    """The subject token naming the speaker: a proper noun beats a common noun ("villager Mahmoud")."""
    for token in subjects:
        if token.pos_ == "PROPN":
            return token
    return subjects[-1]


def np_last(token: Token) -> Token:
    """The last token of a phrase without its non-restrictive relative clause (", which had been planned for years")."""
    doc = token.doc
    for t in token.subtree:
        if t.dep_ == "relcl" and t.i > token.i and t.left_edge.i >= 2 and doc[t.left_edge.i - 1].text == ",":
            return doc[t.left_edge.i - 2]
    return token.right_edge


def strip_conj(text: str, start: int, end: int) -> tuple[int, int]:
    m = re.match(r"(?i)\s*(?:but|and|so)\s+", text[start:end])
    return (start + m.end(), end) if m else (start, end)


def is_person_noun(word: str) -> bool:
    """A singular noun naming a person by role ("minister", "spokesman", "villager", "analyst")."""
    return word in PERSON_NOUNS or (word.endswith(PERSON_SUFFIXES) and word not in NOT_PERSON_NOUNS)
