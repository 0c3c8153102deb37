"""Questions about the spaCy dependency parse that more than one stage asks, answered once.

Only parse facts live here (no stage's vocabulary beyond the shared lexicon), so the events and stance
stages read a sentence the same way without importing each other.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from .lexicon import DENIAL_VERBS, SAYING_VERBS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from spacy.tokens import Doc, Span, Token

SUBJ = frozenset(["nsubj", "csubj"])
PASS_SUBJ = frozenset(["nsubjpass", "csubjpass"])


def dependents(token: Token) -> Iterator[Token]:
    """``token.children`` (in text order, lazily) from an index built once per parse. spaCy finds a word's children
    by scanning its whole subtree, which for a word high in a chain of hundreds of clauses is the whole sentence:
    asked of every event's governing words, that was quadratic in the sentence's length. Lazy as spaCy's, so that
    ``any(...)`` over a word with thousands of dependents stops at the first match."""
    doc = token.doc
    for i in _dependents(doc)[token.i]:
        yield doc[i]


def dependent_indices(doc: Doc) -> list[list[int]]:
    """Every word's dependents as token indices in text order (the index :func:`dependents` reads), for code that
    works on a parse's words as plain lists."""
    return _dependents(doc)  # type: ignore[return-value]


def children(token: Token, deps: frozenset[str] | set[str]) -> list[Token]:
    """The token's children attached by one of ``deps``."""
    return [c for c in dependents(token) if c.dep_ in deps]


def speech_act_conjunct(verb: Token) -> Token | None:
    """The speech verb a speech act is coordinated with, when the parser hung it inside the reported clause.

    "The agency said the authorities had blocked the convoy and urged all sides ...": a simple-past speech act
    with no subject of its own, conjoined to the head of what was said, is the speaker's second act, not part
    of the report.
    """
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VBD" or children(verb, SUBJ | PASS_SUBJ):
        return None
    if head.dep_ != "ccomp" or head.head.lemma_.lower() not in SAYING_VERBS:
        return None
    speech = head.head
    return speech if children(speech, SUBJ) else None


def ruled_out(verb: Token) -> bool:
    """ "ruled out a bombing": a denial by a phrasal verb."""
    return verb.lemma_.lower() == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in dependents(verb))


def is_denial(verb: Token) -> bool:
    """A verb of denial ("denied", "refuted") or "ruled out": what it governs is denied by its subject."""
    return verb.lemma_.lower() in DENIAL_VERBS or ruled_out(verb)


class LatestParse:
    """A value computed from a parse, kept for the latest parse only: stages ask many questions of one Doc in a
    row, and holding the Doc (not its id) means a new parse is never mistaken for the old one."""

    def __init__(self, compute: Callable[[Doc], object]) -> None:
        self.compute = compute
        self.doc: object = None
        self.value: object = None

    def __call__(self, doc: Doc) -> object:
        if doc is not self.doc:
            self.doc, self.value = doc, self.compute(doc)
        return self.value


class SentenceMemo:
    """One answer per sentence, kept for the latest parse: every trigger of a long sentence asks the same
    question of it, and reading the sentence once per trigger is quadratic in its length."""

    def __init__(self, compute: Callable[[Span], object]) -> None:
        self.compute = compute
        self._values = LatestParse(lambda _doc: {})

    def __call__(self, sent: Span) -> object:
        values = self._values(sent.doc)
        key = (sent.start, sent.end)
        if key not in values:
            values[key] = self.compute(sent)
        return values[key]


def subtree(token: Token) -> list[Token]:
    """``list(token.subtree)`` in time linear in its size: spaCy's nested generators cost the tree's depth per
    word, so a list of a thousand coordinated nouns (each the conjunct of the one before) took a million steps.
    The same order (a word's left dependents' subtrees, the word, its right dependents' subtrees)."""
    doc = token.doc
    below = _dependents(doc)
    out: list[Token] = []
    stack: list[tuple[int, bool]] = [(token.i, False)]
    while stack:
        i, ready = stack.pop()
        if ready:
            out.append(doc[i])
            continue
        kids = below[i]
        stack.extend((k, False) for k in reversed(kids) if k > i)
        stack.append((i, True))
        stack.extend((k, False) for k in reversed(kids) if k < i)
    return out


def _word_dependents(doc: Doc) -> list[list[int]]:
    """Each word's dependents (token indices, in order)."""
    from spacy.attrs import HEAD

    below: list[list[int]] = [[] for _ in range(len(doc))]
    if len(doc):
        for i, offset in enumerate(doc.to_array([HEAD]).astype("int64").tolist()):
            if offset:
                below[i + offset].append(i)
    return below


_dependents = LatestParse(_word_dependents)


def _sentence_starts(doc: Doc) -> list[int] | None:
    """The token index of every sentence start, or None for a Doc without sentence boundaries."""
    if not doc.has_annotation("SENT_START"):
        return None
    from spacy.attrs import SENT_START

    flags = doc.to_array([SENT_START]).tolist() if len(doc) else []
    return [0] + [i for i, f in enumerate(flags) if f == 1 and i > 0]


_starts = LatestParse(_sentence_starts)


def sentence(item: Token | Span) -> Span:
    """``item.sent`` (a token's or span's sentence) in log time: spaCy walks to the sentence's edges, as long as
    the sentence, for each call; one sentence of thousands of words asked once per word was quadratic."""
    doc = item.doc
    starts = _starts(doc)
    if starts is None:
        return item.sent
    first, after = (item.i, item.i + 1) if hasattr(item, "i") else (item.start, item.end)
    k = bisect_right(starts, first)
    end = starts[k] if k < len(starts) else len(doc)
    if after > end:
        return item.sent  # a span across sentences: spaCy's own answer
    return doc[starts[k - 1] : end]


def subtree_near(token: Token, window: int) -> list[Token]:
    """The token's subtree (spaCy's order) when it spans at most ``window`` words, as every subtree of news text
    does; in a longer one (a list of hundreds of clauses or nouns in one sentence) only its words within
    ``window // 2`` of the token, in text order, so that asking it of every word of the list stays linear."""
    left, right = token.left_edge.i, token.right_edge.i
    if right - left <= window:
        return list(token.subtree)
    return _subtree_within(token, max(left, token.i - window // 2), min(right, token.i + window // 2))


def _subtree_within(token: Token, lo: int, hi: int) -> list[Token]:
    """The words between ``lo`` and ``hi`` (token indices) whose head chain reaches ``token`` without leaving that
    window: each word's chain is walked once."""
    doc = token.doc
    inside: dict[int, bool] = {token.i: True}
    for i in range(lo, hi + 1):
        path, j = [], i
        while j not in inside:
            head = doc[j].head.i
            if head == j or not lo <= head <= hi:
                inside[j] = False
                break
            path.append(j)
            j = head
        for k in path:
            inside[k] = inside[j]
    return [doc[i] for i in range(lo, hi + 1) if inside[i]]
