"""The tense of the clause a time expression attaches to, read from the verb that governs it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..syntax import dependents
from ._candidate import Tense
from ._lexicon import FORWARD_MODALS, FUTURE_AUX, FUTURE_GOVERNORS, FUTURE_MODIFIERS, FUTURE_WORDS, SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc


def clause_tense(spacy_doc: Doc | None, start: int, end: int) -> Tense:
    """The tense of the clause a time expression attaches to: "past", "future" or "" (unknown / present).

    The tense comes from the verb the expression depends on, not from the sentence: in "the commander said on
    Tuesday that forces will attack", Tuesday belongs to "said" (past) and the "will" of the reported clause
    does not move it forward. With no governing verb (a headline fragment) any future word in the sentence counts.
    """
    if spacy_doc is None:
        return ""
    span = spacy_doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    tok = span.root
    for _ in range(8):
        verbal = tok.pos_ in ("VERB", "AUX") or any(c.dep_ == "aux" for c in dependents(tok))  # "due to end": NN
        if verbal and not (start <= tok.idx < end):
            break
        if any(c.lower_ in FUTURE_MODIFIERS for c in dependents(tok) if c.dep_ in ("amod", "acl", "compound")):
            return "future"  # "the upcoming talks on Sunday"
        if tok.head is tok:
            return "future" if _sentence_future(tok.sent) else ""
        tok = tok.head
    else:
        return "future" if _sentence_future(tok.sent) else ""
    verb = tok
    node = verb
    for _ in range(4):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in dependents(node)):
            return "future"
        governs = node.lemma_.lower() in FUTURE_GOVERNORS if node.lemma_ != "go" else node.lower_ == "going"
        # a particle makes another verb: "set off", "set up", "planned out" say nothing of what is to come
        governs = governs and not any(c.dep_ == "prt" for c in dependents(node))
        if governs and (node is not verb or node.tag_ in ("VBN", "JJ")):
            return "future"  # "set to reopen on Sunday", "scheduled for Sunday", "due on Sunday"
        if node is not verb and node.lemma_ == "be":
            return "future"  # "the talks are to resume on Sunday"
        reported = node is verb and verb.dep_ == "ccomp" and verb.head.lemma_ in SPEECH_VERBS
        if reported and any(c.dep_ == "aux" and c.lower_ == "would" for c in dependents(verb)):
            return "future"  # "he said the talks would resume on Sunday": future of the saying
        if node.dep_ != "xcomp":
            break
        node = node.head
    auxes = [c for c in dependents(verb) if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" or c.lemma_ == "have" for c in auxes):
        return "past"  # "attacked", "was attacked", "has attacked", "had been"
    if any(c.lower_ in FORWARD_MODALS for c in auxes):
        return "future"  # "must be filed by Friday"
    if verb.dep_ == "advcl" and verb.head is not verb and (verb.tag_ in ("VBZ", "VBP") or auxes):
        # "when the Hawks play at home Friday night" under "will run": the main clause's time
        head = verb.head
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX | FORWARD_MODALS for c in dependents(head)):
            return "future"
    return ""


def _sentence_future(sent) -> bool:
    """Whether a sentence has a future word anywhere (used only when no verb governs the expression)."""
    return any(
        t.lower_ in FUTURE_WORDS or (t.lower_ == "set" and t.i + 1 < sent.end and t.nbor().lower_ == "to") for t in sent
    )
