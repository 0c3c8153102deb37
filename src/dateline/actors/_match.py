"""Knowledge-base matching: the KB's aliases found in the article, with case and context guards.

Plain aliases must be written as names ("IS" the group, not the verb "is"; "US", not "us"; no shouting
headline); a state in a locative phrase is a place, left to the places stage. Weak aliases (bare
surnames) count only when the person or their organisation is named in the article too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..kb.actors import GENERIC, PLAIN, WEAK, ActorKB
from ._candidate import Candidate, end_char, free, known_actor, mark, trim
from ._lexicon import TITLE_WORDS
from ._locative import dateline_word, is_locative
from ._persons import person_context

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


_WORD = re.compile(r"[A-Za-z]+")


def match_kb(
    sdoc: Doc, text: str, kb: ActorKB, found: dict[str, Candidate], taken: list[bool], lowers: list[str]
) -> list[tuple[int, int, int]]:
    """Plain and generic KB aliases become mentions; weak ones are returned for a later decision."""
    from spacy.util import filter_spans

    spans, weak = [], []
    for i, how, start, end in kb.match(lowers):
        if how == WEAK:
            weak.append((i, start, end))
            continue
        span = sdoc[start:end]
        if not free(taken, start, end):
            continue  # the dateline
        if how == PLAIN and not _plain_ok(span, kb, text):
            continue
        rec = kb.records[i]
        if dateline_word(span):
            continue
        if rec.kind == "state" and (is_locative(span) or _inside_org_name(span)):
            continue  # "gains in Syria": a place, left to the places stage; "the Sudan Doctors' Committee"
        span.label_ = f"{i}:{how}"
        spans.append(span)
    for span in filter_spans(spans):
        i_str, how = span.label_.split(":")
        rec = kb.records[int(i_str)]
        conf = 0.95 if len(span) > 1 or not span.text.isupper() else 0.85
        if how == GENERIC:
            conf = 0.7
        start, end = trim(span)
        if rec.kind == "person":
            start = _skip_titles(sdoc, kb, start, end)
        if start >= end:
            continue
        known_actor(found, rec, conf).add(sdoc[start].idx, end_char(sdoc, end), sdoc[start:end].text)
        mark(taken, start, end)
        if rec.kind == "person":
            person_context(sdoc[start:end], found[rec.id], kb, from_kb=True, found=found)
    return weak


def _skip_titles(sdoc: Doc, kb: ActorKB, start: int, end: int) -> int:
    """Where a person's name starts inside an alias such as "Israeli Prime Minister Benjamin Netanyahu"."""
    i = start
    while i < end - 1:
        tok = sdoc[i]
        low = tok.lower_
        if low in TITLE_WORDS or low in kb.demonyms or low in kb.states or tok.tag_ == "POS" or tok.is_punct:
            i += 1
            continue
        break
    return i


def _plain_ok(span: Span, kb: ActorKB, doc_text: str) -> bool:
    """Case and context guards: "IS" not the verb "is", "US" not "us", names written as names."""
    text = span.text
    if len(span) == 1:
        exact = kb.acronyms.get(text.lower())
        if exact is not None:
            if text not in exact:
                return False
            return not _shouting(span, doc_text)
        tok = span[0]
        if not text[:1].isupper():
            return False
        return tok.pos_ == "PROPN" or tok.tag_ in ("NNP", "NNPS") or bool(tok.ent_type_)
    if not any(t.text[:1].isupper() for t in span if t.is_alpha):
        return False
    for tok in span:  # an acronym inside a longer alias still has to keep its case ("IS group")
        exact = kb.acronyms.get(tok.lower_)
        if exact is not None and tok.text not in exact and len(tok.text) <= 3:
            return False
    return True


def _shouting(span: Span, text: str) -> bool:
    """An all-caps headline or line, where "IS" and "US" are just words."""
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    words = _WORD.findall(text[line_start : line_end if line_end >= 0 else len(text)])
    return len(words) >= 3 and sum(w.isupper() for w in words) > 0.6 * len(words)


def _inside_org_name(span: Span) -> bool:
    """A name inside a longer organisation name the NER found ("the Sudan Doctors' Committee")."""
    first, doc = span[0], span.doc
    if first.ent_type_ != "ORG":
        return False
    nxt = doc[span.end] if span.end < len(doc) else None
    return first.ent_iob_ == "I" or (nxt is not None and nxt.ent_iob_ == "I" and nxt.ent_type_ == "ORG")


def accept_weak(
    sdoc: Doc, kb: ActorKB, weak: list[tuple[int, int, int]], found: dict[str, Candidate], taken: list[bool]
) -> None:
    """Bare surnames of KB persons count when the person or their organisation is in the article."""
    for i, start, end in weak:
        if not free(taken, start, end):
            continue
        span = sdoc[start:end]
        if not span.text[:1].isupper() and not span.text.lower().startswith(("al-", "el-", "bin ")):
            continue
        if not any(t.text[:1].isupper() for t in span):
            continue
        cand = None
        for c in found.values():
            weak_forms = {w.lower() for w in (c.record.weak if c.record else ())}
            if span.text.lower() in weak_forms:
                cand = c
                break
        if cand is None:
            # the person is not named in full: accept when their organisation is
            rec = kb.records[i]
            if not rec.affiliation or rec.affiliation not in found:
                continue
            cand = known_actor(found, rec, 0.75)
        cand.add(span.start_char, span.end_char, span.text)
        mark(taken, start, end)
