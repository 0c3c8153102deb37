"""Quotes stage: direct and indirect quotations with speaker, cue, medium, cited sources and time.

Direct quotes are found by a scan of quotation marks per paragraph (straight, curly, guillemets,
curly single quotes), tolerant of quotes that run over paragraphs or lose their closing mark. Cues
come from the dependency parse: a speech verb from one lexicon (:data:`SPEECH_VERBS`) with its
subject as speaker and its clausal complement as the reported content, plus "according to X". A
direct quote takes the cue in its own sentence, else the cue of the adjacent sentence; a cue whose
content lies outside direct quotes gives an indirect quote (mixed when it contains a quoted fragment).

The stage runs in passes, one module each:

1. ``_marks``: paragraphs and the quotation-mark scan (plain text, no parse): the direct quotes.
2. ``_cues``: the cues the parse shows, one token at a time: speech and attitude verbs (``_verbs``),
   "according to X", a poll, "in a statement", a claim noun, "be" with an attitude adjective or stance noun;
   ``_layout`` adds the cues that are punctuation (a transcript's "NAME:" label, a quote signed "― Name");
   ``_frame`` gives each cue its medium, cited sources and time of saying.
3. ``_attribute``: cues attached to direct quotes; the other cues with content become indirect or mixed quotes.
4. ``_speakers``: the Quote records: speakers and media linked to actors, pronouns resolved, and a run of
   quotes by one speaker sharing its medium and sources.

The stage's word lists are in ``_lexicon``; ``_spans`` holds the cue record and the span helpers the passes share.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ._attribute import Candidate, attribute
from ._cues import parse_cues
from ._layout import layout_cues
from ._lexicon import SPEECH_VERBS
from ._marks import direct_quotes
from ._spans import Cue, sentence_spans
from ._speakers import build_quotes, carry_interview

if TYPE_CHECKING:
    from ..document import Document
    from ..resources import Resources

LOGGER = logging.getLogger(__name__)

REQUIRES = ("article", "spacy_doc", "actors", "times")
ASSIGNS = ("quotes",)

__all__ = ["ASSIGNS", "REQUIRES", "SPEECH_VERBS", "find"]


def find(doc: Document, resources: Resources) -> None:
    """Fill ``doc.quotes`` with the article's quotations in text order (ids q1, q2, …)."""
    doc.quotes = carry_interview(doc, build_quotes(doc, _find(doc)))


def _find(doc: Document) -> list[Candidate]:
    """Every quotation of the document, with the cue that introduces it (if any)."""
    text, spacy_doc = doc.text, doc.spacy_doc
    if spacy_doc is None or not text.strip():
        return []
    paragraphs = doc.paragraph_spans()
    sents = sentence_spans(spacy_doc, text, paragraphs)
    directs = direct_quotes(text, paragraphs)
    cues = parse_cues(doc, spacy_doc, sents, paragraphs, directs)
    cues += layout_cues(doc, spacy_doc, sents, paragraphs, directs)
    return attribute(text, sents, directs, _outermost_attitudes(cues))


def _outermost_attitudes(cues: list[Cue]) -> list[Cue]:
    """Drop a belief, intention, evaluation or perception inside another cue's content.

    "He said he wants to see Okafor win": the report already attributes its words to him; the want it contains
    stays part of what he said (the stance stage reads its intention from the words themselves).
    """
    contents = [(c.content, c) for c in cues if c.content is not None]
    return [c for c in cues if c.cls == "speech" or not any(s <= c.start < e and o is not c for (s, e), o in contents)]
