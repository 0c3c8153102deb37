"""Generic actors from noun chunks: "coalition forces", "human rights groups", "civilians"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..kb.actors import ActorKB
from ._candidate import Candidate, end_char, mark, slug
from ._institutions import institution_antecedent
from ._lexicon import (
    CIVILIAN_HEADS,
    CIVILIAN_MODIFIERS,
    CIVILIAN_ROLES,
    GENERIC_HEADS,
    GROUP_HEADS,
    NGO_MODIFIERS,
    QUANTIFIERS,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc, Span, Token


def _chunk_tokens(chunk: Span) -> list[Token]:
    """The words of a noun chunk that describe the actor: no determiners, numbers or possessive pronouns."""
    return [t for t in chunk if t.pos_ not in ("DET", "NUM", "PRON", "PUNCT") and t.tag_ not in ("POS", "PRP$", "CD")]


_NP_DEPS = ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT")


def noun_chunks(sdoc: Doc) -> Iterator[Span]:
    """``Doc.noun_chunks`` of an English parse, in linear time.

    spaCy's English iterator (``spacy/lang/en/syntax_iterators.py``, whose rules this repeats) walks, for each
    coordinated noun, up its whole chain of conjuncts: a list of a thousand nouns joined by commas costs a
    million steps. Here each conjunct's chain top is found once and kept. Another language's parse keeps spaCy's
    own iterator.
    """
    if sdoc.lang_ != "en":
        yield from sdoc.noun_chunks
        return
    from spacy.symbols import NOUN, PRON, PROPN
    from spacy.tokens import Span as SpacySpan

    strings = sdoc.vocab.strings
    np_deps = {strings.add(label) for label in _NP_DEPS}
    conj, np_label = strings.add("conj"), strings.add("NP")
    top: dict[int, int] = {}  # a token -> the dep of the first word up its conjunct chain that is no conjunct
    spans = []
    prev_end = -1
    for word in sdoc:
        if word.pos not in (NOUN, PROPN, PRON) or word.left_edge.i <= prev_end:
            continue
        if word.dep in np_deps or (word.dep == conj and _chain_top(word.head, conj, top) in np_deps):
            prev_end = word.i
            spans.append(SpacySpan(sdoc, word.left_edge.i, word.i + 1, label=np_label))
    yield from spans


def _chain_top(head: Token, conj: int, top: dict[int, int]) -> int:
    """The dep of the word reached from ``head`` by going up while it is a conjunct of an earlier word."""
    path = []
    while head.i not in top and head.dep == conj and head.head.i < head.i:
        path.append(head.i)
        head = head.head
    dep = top.get(head.i, head.dep)
    for i in path:
        top[i] = dep
    return dep


def generic_actors(sdoc: Doc, kb: ActorKB, found: dict[str, Candidate], taken: list[bool], focus: str | None) -> None:
    """Generic actors from noun chunks: "civilian casualties", "human rights groups", "militants"."""
    for chunk in noun_chunks(sdoc):
        root = chunk.root
        lemma = root.lemma_.lower()
        if taken[root.i]:
            continue
        if not (
            lemma in GENERIC_HEADS
            or root.lower_ in GENERIC_HEADS
            or lemma in GROUP_HEADS
            or any(t.lower_ in CIVILIAN_MODIFIERS for t in chunk)
            or (root.dep_ == "appos" and taken[root.head.i])
        ):
            continue  # the cheap test first: most noun chunks are not actors
        head = root.head
        if root.dep_ == "appos" and taken[head.i] and head.ent_type_ == "PERSON":
            _describe(found, head.idx, root)  # "Amna Yousif, a 23-year-old student"
            continue
        words = _chunk_tokens(chunk)
        if not words:
            continue
        modifiers = {t.lower_ for t in words if t is not root}
        kind = GENERIC_HEADS.get(lemma) or GENERIC_HEADS.get(root.lower_)
        if lemma in GROUP_HEADS or root.lower_ in GROUP_HEADS:
            kind = "ngo" if modifiers & NGO_MODIFIERS else None
        civilian = bool(modifiers & CIVILIAN_MODIFIERS) and lemma in CIVILIAN_HEADS
        if civilian or lemma in CIVILIAN_MODIFIERS:
            kind = "civilians"
        elif modifiers & CIVILIAN_MODIFIERS:
            kind = None
        if kind is None:
            continue
        nxt = sdoc[root.i + 1] if root.i + 1 < len(sdoc) else None
        if nxt is not None and taken[nxt.i] and nxt.ent_type_ == "PERSON":
            continue  # "local villager Mahmoud": the title of a person already found
        free = [root]
        for tok in reversed(words[: words.index(root)] if root in words else []):
            if (
                taken[tok.i]
                or tok.i != free[0].i - 1
                or tok.lower_ in QUANTIFIERS
                or tok.pos_ in ("ADV", "ADP", "CCONJ")
            ):
                break
            free.insert(0, tok)
        start, end = free[0].i, root.i + 1
        bare = end - start == 1 or (kind == "government" and all(t.is_lower for t in sdoc[start : root.i]))
        if bare and kind in ("military", "police", "government"):
            target = institution_antecedent(root, chunk, kind, found, kb, focus)
            if target is not None:  # "Israeli troops ... the troops": the institution named before
                target.add(sdoc[start].idx, end_char(sdoc, end), sdoc[start:end].text)
                mark(taken, start, end)
                continue
        span = sdoc[start:end]
        country = next((kb.demonyms[t.lower_] for t in free if t.lower_ in kb.demonyms), None)
        if civilian:
            cid, name = "x-civilians", "civilians"
        else:
            norm = " ".join(t.lemma_.lower() if t is root else t.lower_ for t in sdoc[start:end])
            cid, name = "x-" + slug(norm), span.text
        cand = found.get(cid) or found.setdefault(cid, Candidate(cid, name, kind, False, 0.6, country=country))
        cand.add(span.start_char, span.end_char, span.text)
        mark(taken, start, end)


def _describe(found: dict[str, Candidate], char: int, noun: Token) -> None:
    """Give the unknown person mentioned at ``char`` the role an apposition names ("a student")."""
    for cand in found.values():
        if not cand.known and cand.kind == "person" and any(s <= char < e for s, e in cand.spans):
            cand.role = cand.role or noun.lower_
            if noun.lemma_.lower() in CIVILIAN_ROLES or noun.lower_ in CIVILIAN_ROLES:
                cand.kind = "civilians"
            return
