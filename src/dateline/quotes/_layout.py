"""Layout cues, made of punctuation rather than words: a transcript's or a headline's "NAME:" label, and a quote
signed with a dash and a name ("― Name")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._lexicon import HEADLINE_LABEL, HEADLINE_WORDS, SIGNATURE, SPEAKER_LABEL
from ._marks import Direct, rstrip, words_between
from ._spans import Cue, dateline_end, index, trim

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..document import Document


def layout_cues(
    doc: Document,
    spacy_doc: Doc,
    sents: list[tuple[int, int]],
    paragraphs: list[tuple[int, int]],
    directs: list[Direct],
) -> list[Cue]:
    """Cues that are punctuation, not words: a transcript's speaker label and a quote signed with a dash.

    "HOST: Let's begin with …" (an all-capitals label, or a person's name, opening a paragraph: the rest of
    the paragraph is what they say, verbatim); "“She has betrayed this town.” ― Ama Mensah" (a dash
    and a name closing the paragraph after a quote).
    """
    text = doc.text
    skip_before = dateline_end(doc)
    sent_starts = [s for s, _ in sents]
    out: list[Cue] = []
    for k, (p_start, p_end) in enumerate(paragraphs):
        headline = _is_headline(text, p_start, p_end, first=k == 0)
        if p_start < skip_before and not headline:
            continue
        m = (HEADLINE_LABEL if headline else SPEAKER_LABEL).match(text, p_start, p_end)
        if m is None:
            continue
        name = m.span("name")
        words = spacy_doc.char_span(*name, alignment_mode="expand")
        if words is None or not (headline or m["name"].isupper() or any(e.label_ == "PERSON" for e in words.ents)):
            continue
        c_start, c_end = trim(text, m.end(), p_end)
        if headline:
            c_end = rstrip(text, c_start, c_end, ".")
        if words_between(text, c_start, c_end) < 3:
            continue
        colon = m.start("colon")
        out.append(
            Cue(
                colon,
                colon + 1,
                index(sent_starts, colon),
                name,
                words.root,
                (c_start, c_end),
                confidence=0.7,
                verbatim=True,
            )
        )
    for d in directs:
        if d.close_at is None:
            continue
        m = SIGNATURE.match(text, d.close_at + 1)
        if m is None:  # the signature ends its line
            continue
        name = m.span("name")
        words = spacy_doc.char_span(*name, alignment_mode="expand")
        if words is None or any(t.pos_ in ("VERB", "AUX") for t in words):
            continue
        dash = m.start("dash")
        sent_i = index(sent_starts, max(d.open_at, d.close_at - 1))
        out.append(Cue(dash, dash + 1, sent_i, name, words.root, (d.start, d.end), confidence=0.75))
    return out


def _is_headline(text: str, start: int, end: int, first: bool) -> bool:
    """Whether a paragraph is a headline: the article's short first line, or a title-cased line."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text[start:end])
    if not 3 <= len(words) <= (2 * HEADLINE_WORDS if first else HEADLINE_WORDS):
        return False
    if first and not re.search(r"[a-z][.!?]\s+[A-Z]", text[start:end]):
        return True  # one sentence: the title line
    long = [w for w in words if len(w) > 3]
    return bool(long) and sum(w[0].isupper() for w in long) >= 0.75 * len(long)
