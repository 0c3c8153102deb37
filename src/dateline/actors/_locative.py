"""Mentions that are places or datelines, not actors: "gains in Syria", "fled to Iraq", "BAMAKO, Feb 3 -"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import PLACE_NOUNS
from ._lexicon import LOCATIVE_PREPS, MOTION_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def is_locative(span: Span) -> bool:
    """A country name after "in", "across", "of" ... is a place; as subject, object or owner it acts."""
    tok = span.root
    while tok.dep_ in ("conj", "appos", "compound") and tok.head is not tok:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
        return False  # "according to the Sudan Doctors' Committee": a source, not a place
    if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS:
        # "of" is locative only under a place noun: "the towns of Qaim", not "the wife of Smith"
        if tok.head.lower_ == "to":
            return _to_is_locative(tok.head)
        return tok.head.lower_ != "of" or tok.head.head.lemma_.lower() in PLACE_NOUNS
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and nxt.tag_ == "POS":
        return False
    return tok.dep_ in ("compound", "amod", "nmod") and tok.head.pos_ in ("NOUN", "PROPN")


def _to_is_locative(prep: Token) -> bool:
    """ "to X" is a destination after motion ("fled to Syria", "a visit to Iraq", "troops to Bosnia") and a
    recipient after giving or saying ("military aid to Mozambique", "a stern reminder to Iraq")."""
    head = prep.head
    if head.pos_ == "PROPN" or head.lemma_.lower() in PLACE_NOUNS:
        return True  # "the road from Mosul to Baghdad", "the border to Syria"
    return head.lemma_.lower() in MOTION_WORDS or head.lower_ in MOTION_WORDS


def dateline_word(span: Span) -> bool:
    """ "BAMAKO, Feb 3 -", "Apr 18, Baghdad:": the place at the head of a story is a dateline, not an actor."""
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and nxt.text == ":":
        line_start = span.doc.text.rfind("\n", 0, span.start_char) + 1
        before = [t for t in span.doc[max(0, span.start - 8) : span.start] if t.idx >= line_start and not t.is_space]
        if len(before) < 6 and all(t.like_num or t.is_punct or t.is_title for t in before):
            return True
    if span.start >= 4 or not span.text.isupper() or len(span.text) < 4:
        return False
    # "BAMAKO, Feb 3": the capitals open their line and a separator follows; "The UNITA wing" is a name
    line_start = span.doc.text.rfind("\n", 0, span.start_char) + 1
    if span.doc.text[line_start : span.start_char].strip():
        return False
    return nxt is not None and nxt.text in {",", "(", "-", "\u2014", "\u2013", ":"}
