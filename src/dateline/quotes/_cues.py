"""Cues from the dependency parse: which tokens may start a cue, and the cues that are not verbs.

:func:`parse_cues` dispatches each candidate token: "according to X", "in a poll", "in a statement", a verb
(:mod:`._verbs`), a claim noun ("the mayor's claim that …"), "be" with an attitude adjective or stance noun
("are worried that …", "is a critic of …"); every cue then gets its frame (:mod:`._frame`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..syntax import dependents
from ._frame import add_frame
from ._lexicon import (
    ADJECTIVE_CLASS,
    ADJECTIVE_PREPS,
    CLAIM_NOUNS,
    CLAUSE_PUNCT,
    CUE_WORDS,
    POLL_NOUNS,
    PROMISE_NOUNS,
    QUOTE_MARKS,
    SPEECH_VERBS,
    STANCE_NOUNS,
    STATEMENT_NOUNS,
    VERB_CUES,
)
from ._marks import Direct, rstrip, words_between
from ._spans import (
    Cue,
    clip,
    dateline_end,
    edges,
    index,
    np_edges,
    np_last,
    sentient,
    speaker_head,
    strip_conj,
    trim,
    within,
)
from ._verbs import verb_cue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..document import Document


# Lemma id -> whether the lower-cased lemma is a speech verb; filled as lemmas are met.
_SPEECH_LEMMA: dict[int, bool] = {}


def parse_cues(
    doc: Document,
    spacy_doc: Doc,
    sents: list[tuple[int, int]],
    paragraphs: list[tuple[int, int]],
    directs: list[Direct],
) -> list[Cue]:
    text = doc.text
    sent_starts = [s for s, _ in sents]
    para_starts = [s for s, _ in paragraphs]
    inside = [(d.start, d.end) for d in directs]
    times = [(t.span.start, t.span.end) for t in doc.times]
    skip_before = dateline_end(doc)
    cues: list[Cue] = []
    by_verb: dict[int, Cue] = {}
    media: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
    for token in _cue_tokens(spacy_doc):
        if within(token.idx, inside):
            continue
        sent_i = index(sent_starts, token.idx)
        s_start, s_end = sents[sent_i] if sents else (0, len(text))
        p_start, p_end = paragraphs[index(para_starts, token.idx)]
        if token.lower_ == "according" and token.i + 1 < len(spacy_doc) and spacy_doc[token.i + 1].lower_ == "to":
            cue = _according_cue(token, spacy_doc, text, sent_i, s_start, s_end, skip_before)
        elif token.lower_ == "in":
            cue = _poll_cue(token, text, sent_i, (max(s_start, p_start), min(s_end, p_end)), skip_before)
        elif token.lower_ in STATEMENT_NOUNS and token.head.lower_ == "in" and token.head.dep_ == "prep":
            cue = _statement_cue(token, text, sent_i, (s_start, s_end), skip_before)
        elif token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in VERB_CUES:
            cue = verb_cue(token, text, sent_i, (s_start, s_end), (p_start, p_end), inside, by_verb, skip_before)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in CLAIM_NOUNS:
            cue = _noun_cue(token, text, sent_i, (p_start, p_end), skip_before)
        elif token.dep_ in ("acomp", "attr") and token.head.lemma_ == "be" and token.head.i < token.i:
            cue = _copula_cue(token, text, sent_i, (max(s_start, p_start), min(s_end, p_end)), skip_before)
        else:
            continue
        if cue is None:
            continue
        add_frame(text, cue, token, (s_start, s_end), inside, times, skip_before, media)
        by_verb[token.i] = cue
        cues.append(cue)
    return cues


def _cue_tokens(spacy_doc: Doc) -> list[Token]:
    """The tokens that may start a cue (a speech-verb lemma, "according", a statement noun), in order.

    One pass over integer attributes, so the per-token work of :func:`parse_cues` is done on a handful of
    tokens rather than on every token of the article.
    """
    from spacy.attrs import LEMMA, LOWER

    if not len(spacy_doc):
        return []
    strings = spacy_doc.vocab.strings
    cue_words = {strings[w] for w in CUE_WORDS}  # string ids: hashes, the same in every vocab
    out = []
    for i, (lemma, lower) in enumerate(spacy_doc.to_array([LEMMA, LOWER]).tolist()):
        speech = _SPEECH_LEMMA.get(lemma)
        if speech is None:
            word = strings[lemma].lower()
            speech = _SPEECH_LEMMA[lemma] = (
                word in VERB_CUES or word in CLAIM_NOUNS or word in ADJECTIVE_CLASS or word in STANCE_NOUNS
            )
        if speech or lower in cue_words:
            out.append(spacy_doc[i])  # a Token only for the few that may start a cue
    return out


def _according_cue(
    token: Token,
    spacy_doc: Doc,
    text: str,
    sent_i: int,
    s_start: int,
    s_end: int,
    skip_before: int,
) -> Cue | None:
    """ "according to X, …": X speaks; the clause "according" modifies is the content."""
    to = spacy_doc[token.i + 1]
    objs = [c for c in dependents(to) if c.dep_ == "pobj"] or [c for c in dependents(token) if c.dep_ == "pobj"]
    if not objs:
        return None
    obj = objs[0]
    speaker = trim(text, *np_edges(obj), QUOTE_MARKS)
    phrase_end = edges(obj)[1]
    clause = token.head if token.head.i != token.i else None
    content = None
    if clause is not None:
        c_start, c_end = edges(clause)
        if not re.sub(r"(?i)\b(?:but|and|so)\b", "", text[c_start : token.idx]).strip(CLAUSE_PUNCT):
            c_start = phrase_end  # "According to X, …": the rest of the clause
        elif not text[phrase_end:c_end].strip(CLAUSE_PUNCT):
            c_end = token.idx  # "…, according to X.": what comes before
        clipped = clip((c_start, c_end), max(s_start, skip_before), s_end)
        if clipped is not None:
            content = trim(text, *strip_conj(text, *clipped))
    return Cue(token.idx, to.idx + len(to.text), sent_i, speaker, speaker_head([obj]), content, verb=token)


def _poll_cue(prep: Token, text: str, sent_i: int, bounds: tuple[int, int], skip_before: int) -> Cue | None:
    """ "In a Herald poll, Okafor held a lead" / "… ahead in regional polls": the poll is the source of the clause."""
    if prep.dep_ != "prep" or prep.idx < skip_before:
        return None
    obj = next((c for c in dependents(prep) if c.dep_ == "pobj"), None)
    if obj is None or obj.lemma_.lower() not in POLL_NOUNS:
        return None
    clause = prep.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    if clause.pos_ not in ("VERB", "AUX"):
        return None
    p_start, p_end = edges(prep)
    c_start, c_end = edges(clause)
    if p_start <= c_start:
        c_start = p_end  # "In a poll, …": the rest of the clause
    elif not text[p_end:c_end].strip(CLAUSE_PUNCT):
        c_end = p_start  # "… in national polls.": what comes before
    else:
        return None
    clipped = clip((c_start, c_end), max(bounds[0], skip_before), bounds[1])
    if clipped is None:
        return None
    content = trim(text, *strip_conj(text, *clipped))
    content = (content[0], rstrip(text, *content, "."))
    if words_between(text, *content) < 3:
        return None
    speaker = trim(text, *np_edges(obj), QUOTE_MARKS)
    return Cue(prep.idx, prep.idx + len(prep.text), sent_i, speaker, obj, content, confidence=0.6, verb=prep)


def _noun_cue(noun: Token, text: str, sent_i: int, para: tuple[int, int], skip_before: int) -> Cue | None:
    """A speech noun with its holder and its clause: "the mayor's claim that …", "warnings from her lawyer that …".

    Only with both: the holder (a possessive, or a "from"/"by" phrase) and a "that" clause (or, for a promise,
    an infinitive: "her promise to cut bus fares").
    """
    content = None
    for child in dependents(noun):
        if child.dep_ not in ("acl", "ccomp", "relcl") or child.i < noun.i:
            continue
        marks = {c.lower_ for c in dependents(child) if c.dep_ in ("mark", "aux")}
        if ("that" in marks and child.dep_ != "relcl") or (noun.lemma_.lower() in PROMISE_NOUNS and "to" in marks):
            content = clip(edges(child), max(para[0], skip_before), para[1])
            break
    if content is None:
        return None
    holder = next((c for c in dependents(noun) if c.dep_ == "poss"), None)
    if holder is None:
        prep = next(
            (c for c in dependents(noun) if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i > noun.i), None
        )
        holder = next((c for c in dependents(prep) if c.dep_ == "pobj"), None) if prep is not None else None
    if holder is None or holder.idx < skip_before:
        return None
    speaker = trim(text, *np_edges(holder), QUOTE_MARKS)
    content = trim(text, *content)
    content = (content[0], rstrip(text, *content, "."))
    if content[1] - content[0] < 3:
        return None
    return Cue(noun.idx, noun.idx + len(noun.text), sent_i, speaker, holder, content, confidence=0.7, verb=noun)


def _copula_cue(word: Token, text: str, sent_i: int, bounds: tuple[int, int], skip_before: int) -> Cue | None:
    """An attitude stated with "be": "Many farmers are worried that …", "is keen to stand", "is a critic of X".

    The cue runs from the copula to the adjective (or stance noun) and its preposition; the content is the
    clause, the infinitive or the preposition's object; the subject must be able to hold an attitude.
    """
    lemma = word.lemma_.lower()
    if word.pos_ == "ADJ" and word.dep_ == "acomp":
        cls = ADJECTIVE_CLASS.get(lemma)
    elif word.pos_ == "NOUN" and word.dep_ == "attr" and lemma in STANCE_NOUNS:
        cls = "evaluation"
    else:
        cls = None
    if cls is None:
        return None
    be = word.head
    subjects = [c for c in dependents(be) if c.dep_ == "nsubj" and c.idx >= skip_before]
    if not subjects or subjects[0].lower_ in ("it", "there", "this", "that") or not sentient(subjects[0]):
        return None
    cue_end = word.idx + len(word.text)
    first = last = None
    clause = next((c for c in (*dependents(word), *dependents(be)) if c.dep_ == "ccomp" and c.i > word.i), None)
    infinitive = next(
        (
            c
            for c in dependents(word)
            if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in dependents(c))
        ),
        None,
    )
    prep = next((c for c in dependents(word) if c.dep_ == "prep" and c.i > word.i), None)
    if clause is not None and cls in ("belief", "evaluation") and lemma != "critical":
        first, last = clause.left_edge, clause.right_edge
    elif infinitive is not None and cls in ("intention", "evaluation", "belief"):
        first, last = infinitive.left_edge, infinitive.right_edge
    elif prep is not None and prep.lower_ in ADJECTIVE_PREPS and prep.i <= _last_modifier(word) + 1:
        objs = [c for c in dependents(prep) if c.dep_ in ("pobj", "pcomp")]
        if not objs:
            return None
        cue_end = prep.idx + len(prep.text)
        first, last = objs[0].left_edge, np_last(objs[0]) if objs[0].dep_ == "pobj" else objs[0].right_edge
    if first is None or last is None:
        return None
    clipped = clip((first.idx, last.idx + len(last.text)), max(bounds[0], skip_before), bounds[1])
    if clipped is None:
        return None
    content = trim(text, *clipped)
    content = (content[0], rstrip(text, *content, "."))
    if content[1] - content[0] < 2:
        return None
    head = speaker_head(subjects)
    speaker = trim(text, *np_edges(subjects[0]), QUOTE_MARKS)
    return Cue(be.idx, cue_end, sent_i, speaker, head, content, confidence=0.7, verb=be, cls=cls)


def _last_modifier(word: Token) -> int:
    """Index of the last token of the noun phrase a stance noun ends (itself for an adjective)."""
    return word.i


def _statement_cue(noun: Token, text: str, sent_i: int, sent: tuple[int, int], skip_before: int) -> Cue | None:
    """ "In a statement, the ministry condemned the attack": the clause is what the statement says.

    Only when the clause's verb is not itself a speech verb (then that verb is the cue).
    """
    prep, verb = noun.head, noun.head.head
    if verb.lemma_.lower() in SPEECH_VERBS or verb.pos_ not in ("VERB", "AUX"):
        return None
    subjects = [c for c in dependents(verb) if c.dep_ in ("nsubj", "nsubjpass") and c.idx >= skip_before]
    if not subjects:
        return None
    speaker = trim(text, *np_edges(subjects[0]), QUOTE_MARKS)
    p_start, p_end = edges(prep)
    # "In a statement, X …": what follows the speaker; "X … in a statement.": what comes before the phrase.
    after = p_end <= speaker[0]
    content = trim(text, speaker[0], sent[1]) if after else trim(text, max(sent[0], skip_before), p_start)
    content = (content[0], rstrip(text, *content, "."))
    cue = Cue(p_start, p_end, sent_i, speaker, speaker_head(subjects), content, confidence=0.7, verb=verb)
    cue.medium = (noun.idx, noun.idx + len(noun.text), noun.text)
    return cue
