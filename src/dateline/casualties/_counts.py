"""Finding counts: each number phrase tied to the kind cue it counts for (from the parse, else from the cue standing
next to it), one-person counts ("a child was killed") and counts with no number ("heavy casualties", "killed
civilians"). These are the candidates, before each is attached to an event."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.attrs import LOWER

from ..syntax import dependents, sentence
from ._kinds import _agent_of, _cue_word, _is_people, _kind, _takes_hostage, _toll, _who
from ._lexicon import (
    _ARG_DEPS,
    _ARTICLE_IDS,
    _COUNT_NOUNS,
    _DEFINITE,
    _GAP_WORDS,
    _KIND_WORDS,
    _LEFT_GAP,
    _NOT_AFTER,
    _NOT_BEFORE,
    _NOT_ONE,
    _NOUN_MODIFIERS,
    _NUMBER_WORDS,
    _RESULT_VERBS,
    _SKIP_ENTS,
    _SUBSET_PREPS,
    _TOLL_NOUNS,
    _TOLL_VERBS,
    _VAGUE_NOUN_IDS,
    _VAGUE_NOUNS,
    _WHO,
)
from ._numbers import _bounds, _phrases

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


@dataclass(slots=True)
class _Count:
    """A count found in the text, before it is attached to an event."""

    kind: str
    low: int | None
    high: int | None
    qualifier: str
    who: str | None
    start: int  # character span of the count phrase
    end: int
    cue: int  # token index of the kind cue (for attachment)
    noun: int | None  # token index of the counted people noun
    link: float  # how sure the number-to-cue tie is


def find(sdoc: Doc, text: str) -> list[_Count]:
    """Every number phrase tied to a kind cue, plus vague counts: the candidates, before attachment.

    ``text`` is the article's text, the parse's own (``Doc.text`` rebuilds the string on every access).
    """
    out: list[_Count] = []
    used_nouns: set[int] = set()
    for m in _phrases(text):
        num_tokens = sdoc.char_span(m.start(), m.end())
        if num_tokens is None:
            continue
        i = num_tokens.start
        if any(t.ent_type_ in _SKIP_ENTS for t in num_tokens if t.like_num or t.lower_ in _NUMBER_WORDS):
            continue
        if i > 0 and sdoc[i - 1].lower_ in _NOT_BEFORE:
            continue
        if num_tokens.end < len(sdoc) and sdoc[num_tokens.end].text in _NOT_AFTER:
            continue
        bounds = _bounds(m)
        if bounds is None:
            continue
        c = _tie(sdoc, num_tokens, bounds)
        if c is not None:
            out.append(c)
            if c.noun is not None:
                used_nouns.add(c.noun)
    lower = sdoc.to_array(LOWER).tolist()
    out.extend(_singles(sdoc, [i for i, h in enumerate(lower) if h in _ARTICLE_IDS], used_nouns))
    out.extend(_vague_counts(sdoc, [i for i, h in enumerate(lower) if h in _VAGUE_NOUN_IDS], used_nouns))
    out.sort(key=lambda c: c.start)
    return out


def _head_noun(sdoc: Doc, j: int, limit: int) -> tuple[Token | None, bool]:
    """The noun a number phrase ending before token ``j`` counts, and whether one follows at all.

    "12 civilians", "dozens of people", "three police officers", "12 of them" (no noun), "12 km" (not people).
    """
    k = j
    if k < limit and sdoc[k].lower_ == "of":
        k += 1
        if k < limit and sdoc[k].lower_ in ("them", "those", "whom", "us"):
            return None, False
        if k < limit and sdoc[k].lower_ in ("the", "their", "its", "these", "his", "her", "our", "my"):
            k += 1
    for i in range(k, min(limit, k + 5)):
        tok = sdoc[i]
        compound = tok.dep_ == "compound" and i + 1 < limit and sdoc[i + 1].pos_ in ("NOUN", "PROPN")
        if tok.pos_ in ("NOUN", "PROPN") and not compound:
            return tok, True
        if tok.pos_ in ("ADJ", "NOUN", "PROPN", "NUM") or tok.lower_ in _NOUN_MODIFIERS:
            if tok.lower_ in _KIND_WORDS and tok.pos_ != "NOUN" and i > k:
                return None, False
            if tok.lower_ in _KIND_WORDS and tok.lower_ not in _COUNT_NOUNS:
                return None, False
            if tok.lower_ in _COUNT_NOUNS and tok.pos_ == "ADJ" and not _is_people_after(sdoc, i, limit):
                return tok, True
            continue
        return None, False
    return None, False


def _is_people_after(sdoc: Doc, i: int, limit: int) -> bool:
    return i + 1 < limit and _is_people(sdoc[i + 1])


def _tie(sdoc: Doc, num: SpacySpan, bounds: tuple[int | None, int | None, str]) -> _Count | None:
    """The count a number phrase makes with its cue, or None when it counts no people or has no cue."""
    sent = sentence(num)
    low, high, qual = bounds
    noun, has_noun = _head_noun(sdoc, num.end, sent.end)
    if noun is not None:
        if not (_is_people(noun) or noun.lower_ in _COUNT_NOUNS or noun.lemma_.lower() in _COUNT_NOUNS):
            return None
        head = noun
    elif has_noun:
        return None
    else:
        head = num[-1]
        if (
            head.dep_ == "nummod"
            and head.head.i > head.i
            and head.head.lower_ not in _KIND_WORDS
            and not _is_people(head.head)
        ):
            return None  # "12 vehicles", "three days": the parser's noun is not people.
    if _subset(head, num[0].i):
        return None
    cue, link = _cue(sdoc, head, num)
    if cue is None:
        return None
    kind = _kind(cue)
    if kind is None:
        return None
    who = _who(noun) if noun is not None else None
    start_tok = min(num[0].i, cue.i)
    end_tok = max(num[-1].i, cue.i, noun.i if noun is not None else num[-1].i)
    start_tok, end_tok = _trim(sdoc, start_tok, end_tok, num, cue, noun)
    return _Count(
        kind=kind,
        low=low,
        high=high,
        qualifier=qual,
        who=who,
        start=sdoc[start_tok].idx,
        end=sdoc[end_tok].idx + len(sdoc[end_tok].text),
        cue=cue.i,
        noun=noun.i if noun is not None else None,
        link=link,
    )


def _trim(sdoc: Doc, start: int, end: int, num: SpacySpan, cue: Token, noun: Token | None) -> tuple[int, int]:
    """Keep the span to the count itself when the cue is far: the number phrase and its noun."""
    if end - start > 12:
        start = num[0].i
        end = noun.i if noun is not None else num[-1].i
    return start, end


def _subset(head: Token, first: int | None = None) -> bool:
    """ "12 people, including three children", "among them 6 children": the children are inside the 12."""
    doc = head.doc
    if first is not None and any(doc[k].lower_ in _SUBSET_PREPS for k in range(max(0, first - 3), first)):
        return True
    t = head
    for _ in range(3):
        if t.dep_ == "pobj" and t.head.lower_ in _SUBSET_PREPS:
            return True
        if t.dep_ in ("conj", "appos") or t.dep_ == "pobj":
            t = t.head
            continue
        break
    return False


def _cue(sdoc: Doc, head: Token, num: SpacySpan) -> tuple[Token | None, float]:
    """The kind cue a counted noun (or a bare number) depends on, and how sure the tie is."""
    if _cue_word(head):
        gov = head.head
        if head.dep_ in ("dobj", "nsubjpass") and gov.pos_ == "VERB" and _cue_word(gov):
            return gov, 0.95  # "beheaded four hostages": the verb says what happened to them
        return head, 0.95
    for child in dependents(head):
        if child.dep_ in ("amod", "acl", "relcl") and _cue_word(child):
            return child, 0.9
    t = head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and num.start <= head.head.head.i < num.end:
        t = head.head.head  # "two of his bodyguards", "dozens of people": the number carries the noun phrase
    for _ in range(4):
        if t.dep_ in ("conj", "appos") and t.head.i < t.i:
            t = t.head
            if _cue_word(t):
                return t, 0.9
            continue
        break
    if t.dep_ in _ARG_DEPS:
        gov = t.head
        if t.dep_ == "nsubj" and _agent_of(gov):
            return None, 0.0  # "12 gunmen killed 3 soldiers": the subject did it
        if _cue_word(gov):
            return gov, 0.95
        if gov.lemma_ in _RESULT_VERBS:
            for c in dependents(gov):
                if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "advcl", "prep") and c.i > t.i:
                    if _cue_word(c):
                        return c, 0.9
                    if c.dep_ == "prep" and any(g.lemma_ in ("home", "house") for g in c.subtree):
                        return c, 0.8  # "forced 5,000 from their homes"
        if gov.lemma_ == "take" and _takes_hostage(gov):
            return gov, 0.9
    if t.dep_ == "pobj":
        prep = t.head
        gov = prep.head
        if prep.lower_ in ("of", "to", "at") and _cue_word(gov) and gov.pos_ in ("NOUN", "PROPN"):
            return gov, 0.9  # "deaths of 12 people", "the killing of 12"
        if prep.lower_ in ("of", "to", "at", "by"):
            toll = _toll(gov)
            if toll is not None:
                return toll, 0.9
    # the number's own head: "12 dead" parsed as a number modifying "dead"
    if head.dep_ in ("nummod", "quantmod") and _cue_word(head.head):
        return head.head, 0.9
    return _window(sdoc, head, num)


def _window(sdoc: Doc, head: Token, num: SpacySpan) -> tuple[Token | None, float]:
    """A cue right next to the count: "12 dead", "30 were wounded", "killing at least 12", "toll rose to 40"."""
    sent = sentence(num)
    i = head.i + 1
    gaps = 0
    while i < sent.end and gaps <= 4:
        tok = sdoc[i]
        if _cue_word(tok) and tok.pos_ in ("VERB", "ADJ", "NOUN", "AUX") and not tok.like_num:
            if head.dep_ == "nsubj" and head.head.i == tok.i and _agent_of(tok):
                break
            return tok, 0.75
        if tok.lower_ in _GAP_WORDS or tok.pos_ in ("ADV", "AUX", "PART"):
            gaps += 1
            i += 1
            continue
        break
    i = num[0].i - 1
    gaps = 0
    while i >= sent.start and gaps <= 6:
        tok = sdoc[i]
        if tok.lower_ == "toll" or (tok.lemma_ in _TOLL_NOUNS and tok.pos_ == "NOUN"):
            return (_toll(tok) or tok), 0.8
        if _cue_word(tok) and tok.pos_ in ("VERB", "NOUN", "ADJ"):
            if tok.pos_ == "VERB" and gaps <= 1:
                return tok, 0.75
            if tok.pos_ != "VERB" and any(sdoc[k].lemma_ in _TOLL_VERBS for k in range(tok.i + 1, num[0].i)):
                return tok, 0.75  # "the number of dead rose to 40"
            return None, 0.0
        if tok.lower_ in _LEFT_GAP or tok.lemma_ in _TOLL_VERBS or tok.pos_ in ("ADV", "AUX"):
            gaps += 1
            i -= 1
            continue
        break
    return None, 0.0


def _singles(sdoc: Doc, candidates: Iterable[int], used: set[int]) -> list[_Count]:
    """ "a child was killed", "a police officer and two soldiers were wounded": one person."""
    out = []
    for k in candidates:
        tok = sdoc[k]
        if tok.dep_ != "det":
            continue
        noun = tok.head
        if noun.i in used or noun.tag_ != "NN" or noun.lemma_.lower() not in _WHO or noun.lemma_ in _NOT_ONE:
            continue
        if _subset(noun, tok.i):
            continue
        cue, link = _cue(sdoc, noun, sdoc[tok.i : tok.i + 1])
        if cue is None or (cue.pos_ == "NOUN" and cue.i != noun.i and cue.lower_ in ("casualty", "casualties")):
            continue
        kind = _kind(cue)
        if kind is None:
            continue
        start, end = min(tok.i, cue.i), max(noun.i, cue.i)
        if end - start > 12:
            start, end = tok.i, noun.i
        out.append(
            _Count(
                kind,
                1,
                1,
                "exact",
                _who(noun),
                sdoc[start].idx,
                sdoc[end].idx + len(sdoc[end].text),
                cue.i,
                noun.i,
                link * 0.9,
            )
        )
        used.add(noun.i)
    return out


def _vague_counts(sdoc: Doc, candidates: Iterable[int], used: set[int]) -> list[_Count]:
    """Counts with no number: "civilian casualties have been piling up", "heavy casualties", "killed civilians"."""
    out = []
    for k in candidates:
        tok = sdoc[k]
        if tok.i in used:
            continue
        lower = tok.lower_
        if lower in _VAGUE_NOUNS and tok.pos_ == "NOUN":
            if any(c.dep_ == "nummod" for c in dependents(tok)) or _number_before(sdoc, tok):
                continue
            kind = _KIND_WORDS[lower]
            start = tok.i
            for c in dependents(tok):
                if c.dep_ in ("amod", "compound") and c.i < tok.i:
                    start = min(start, c.i)
            out.append(
                _Count(
                    kind, None, None, "vague", _who(tok), sdoc[start].idx, tok.idx + len(tok.text), tok.i, tok.i, 0.6
                )
            )
            continue
        if tok.tag_ == "NNS" and _is_people(tok) and tok.dep_ in ("nsubjpass", "dobj", "nsubj"):
            if any(c.dep_ in ("det", "poss", "nummod") or c.lower_ in _DEFINITE for c in dependents(tok)):
                continue
            if _number_before(sdoc, tok):
                continue
            gov = tok.head
            if not _cue_word(gov) or gov.pos_ != "VERB":
                continue
            if tok.dep_ == "nsubj" and gov.lemma_ not in ("die", "flee", "perish"):
                continue
            kind = _kind(gov)
            if kind is None:
                continue
            start, end = min(tok.i, gov.i), max(tok.i, gov.i)
            if end - start > 10:
                start = end = tok.i
            out.append(
                _Count(
                    kind,
                    None,
                    None,
                    "vague",
                    _who(tok),
                    sdoc[start].idx,
                    sdoc[end].idx + len(sdoc[end].text),
                    gov.i,
                    tok.i,
                    0.55,
                )
            )
    return out


def _number_before(sdoc: Doc, tok: Token) -> bool:
    for k in range(max(sentence(tok).start, tok.i - 4), tok.i):
        t = sdoc[k]
        if (
            t.like_num
            or t.lower_ in _NUMBER_WORDS
            or t.lower_ in ("dozens", "hundreds", "thousands", "scores", "several", "many", "few", "dozen", "millions")
        ):
            return True
    return False
