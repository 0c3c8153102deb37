"""Verb cues: a speech or attitude verb with its speaker (subject) and content (complement, object, infinitive).

Besides the plain "X said that …", the speaker may be shared with a verb the cue adjoins ("…, saying …"),
postposed ("…, an army spokesman, Colonel X, told reporters"), or inherited from a report the verb is
coordinated with ("said … and urged …"); the content may precede the cue ("…, X said."), surround it
("Protests, X said, are …"), or be the verb's object ("accused X of Y", "supports a dam").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..syntax import dependents
from ._lexicon import (
    ATTITUDE_CUES,
    CHAIN_HEADS,
    CUE_CLASS,
    DIRECT_ONLY,
    EVIDENCE_NOUNS,
    EVIDENCE_VERBS,
    NEEDS_CONTENT,
    NEEDS_THAT,
    OBJECT_CUES,
    OBJECT_SPEECH,
    OWN_ACTS,
    PREDICATE_ONLY,
    PREP_CUES,
    QUOTE_MARKS,
    RELATIVE,
    SEEM_VERBS,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    VERB_CUES_PLAIN,
)
from ._marks import has_quote_mark, rstrip, words_between
from ._spans import Cue, clip, edges, np_edges, np_last, particle_end, sentient, speaker_head, trim, within

if TYPE_CHECKING:
    from spacy.tokens import Token


def verb_cue(
    verb: Token,
    text: str,
    sent_i: int,
    sent: tuple[int, int],
    para: tuple[int, int],
    inside: list[tuple[int, int]],
    by_verb: dict[int, Cue],
    skip_before: int,
) -> Cue | None:
    """A speech verb with its subject (speaker) and clausal complement (content).

    In steps: the complement as content (:func:`_complement_content`), the speaker (:func:`_verb_speaker`),
    then, when the complement gave none, a content around the cue or in its object; last the checks a cue
    must pass (a content where the verb needs one, a holder for an attitude).
    """
    if verb.lemma_.lower() in DIRECT_ONLY - VERB_CUES_PLAIN:
        return _direct_only_cue(verb, text, sent_i, sent, inside, skip_before)
    if verb.lemma_.lower() in SEEM_VERBS:
        return _seem_cue(verb, text, sent_i, (max(sent[0], para[0], skip_before), min(sent[1], para[1])), inside)
    subjects = [c for c in dependents(verb) if c.dep_ in ("nsubj", "nsubjpass")]
    complements = [c for c in dependents(verb) if c.dep_ in ("ccomp", "parataxis") and para[0] <= c.idx < para[1]]
    lemma = verb.lemma_.lower()
    if lemma in NEEDS_THAT:
        complements = [c for c in complements if any(m.dep_ == "mark" and m.lower_ == "that" for m in dependents(c))]
    content = _complement_content(complements, text, para, skip_before)
    passive_it = any(s.dep_ == "nsubjpass" and s.lower_ == "it" for s in subjects)
    # A subject inside the dateline or the content is a parse error ("SANAA, Nov. 20 — …, a spokesman said").
    subjects = [
        s
        for s in subjects
        if s.idx >= skip_before and not (content and content[0] <= s.idx < content[1]) and not within(s.idx, inside)
    ]
    speaker, head, confidence, content = _verb_speaker(
        verb, text, subjects, passive_it, content, sent, by_verb, skip_before
    )
    speech = lemma in SPEECH_VERBS
    bounds = (max(sent[0], skip_before, para[0]), min(sent[1], para[1]))
    if content is None and speaker is not None and speech:
        content = _surrounding_content(verb, text, speaker, max(sent[0], skip_before), bounds, inside)
    cue_end = verb.idx + len(verb.text)
    if content is None and not complements:
        found_object = _object_or_attitude(verb, lemma, text, speaker is not None, bool(subjects), bounds)
        if found_object is not None:
            content, cue_end = found_object
    evidence = lemma in EVIDENCE_VERBS and head is not None and head.lemma_.lower() in EVIDENCE_NOUNS
    if content is None and evidence and not complements:
        content = _evidence_content(verb, text, bounds)
    if (lemma in NEEDS_CONTENT or not speech) and content is None:
        return None
    if not speech and not evidence and not (subjects and head is not None and sentient(head)):
        return None  # an attitude needs its own holder: not "trying to persuade voters to support him"
    if speaker is None and (content is None or not speech):
        return None
    if speaker is not None and within(speaker[0], inside):
        return None
    cue_end = max(cue_end, particle_end(verb))
    cls = CUE_CLASS.get(lemma, "speech") if lemma not in OBJECT_SPEECH else "speech"
    cue = Cue(_chain_start(verb), cue_end, sent_i, speaker, head, content, confidence=confidence, verb=verb, cls=cls)
    parent = by_verb.get(verb.head.i) if verb.dep_ in ("advcl", "conj", "xcomp") else None
    parent = parent or _reporting_parent(verb, by_verb)
    if parent is not None and not subjects:
        cue.medium, cue.said_at = parent.medium, parent.said_at
    return cue


def _complement_content(
    complements: list[Token], text: str, para: tuple[int, int], skip_before: int
) -> tuple[int, int] | None:
    """The reported content a verb's clausal complements span, up to the speaker's own next act, else None."""
    if not complements:
        return None
    starts_ends = [edges(c) for c in complements]
    span = (min(s for s, _ in starts_ends), max(e for _, e in starts_ends))
    span = (span[0], min([span[1], *(_own_act_start(c) for c in complements)]))
    span = clip(span, max(para[0], skip_before if skip_before > span[0] else 0), para[1])
    if span is None:
        return None
    span = trim(text, *span)
    return span if span[1] - span[0] > 2 else None


def _verb_speaker(
    verb: Token,
    text: str,
    subjects: list[Token],
    passive_it: bool,
    content: tuple[int, int] | None,
    sent: tuple[int, int],
    by_verb: dict[int, Cue],
    skip_before: int,
) -> tuple[tuple[int, int] | None, Token | None, float, tuple[int, int] | None]:
    """(speaker, head, confidence, content) of a verb cue: its subject, else the speaker of the cue it continues,
    the subject it shares, or a postposed speaker (which may cut the content short)."""
    speaker = head = None
    confidence = 0.85
    if subjects and not passive_it:
        head = speaker_head(subjects)
        if head.lower_ in RELATIVE and verb.dep_ == "relcl":
            head = verb.head  # "the Committee, which said …": the Committee speaks
            speaker = trim(text, *np_edges(head), QUOTE_MARKS)
        else:
            starts_ends = [np_edges(s) for s in subjects]
            speaker = trim(text, min(s for s, _ in starts_ends), max(e for _, e in starts_ends), QUOTE_MARKS)
    elif passive_it:
        confidence = 0.6
    elif verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i in by_verb:
        parent = by_verb[verb.head.i]  # "Allawi told Reuters, adding that …": Allawi adds
        speaker, head, confidence = parent.speaker, parent.head, parent.confidence - 0.05
    elif (parent := _reporting_parent(verb, by_verb)) is not None:
        speaker, head, confidence = parent.speaker, parent.head, parent.confidence - 0.05  # "said … and warned …"
    elif not subjects and (shared := _shared_subject(verb, skip_before)) is not None:
        # "The mayor took to the radio, saying …", "X met Y and asked …": the subject of the clause the cue adjoins
        head = speaker_head(shared)
        speaker = trim(text, *np_edges(head), QUOTE_MARKS)
        confidence = 0.7
    elif not subjects:
        found = _postposed_speaker(verb, max(sent[0], skip_before))
        # A speaker inside the content cuts it short there; one before the content is not the postposed speaker
        # the verb needs ("…, MAYOR: adding that '' it is …": a header word), so it is dropped.
        if found is not None and (content is None or not found[0][0] <= content[0]):
            speaker, head = found
            confidence = 0.7
            if content is not None and content[0] < speaker[0] < content[1]:
                content = trim(text, content[0], speaker[0])
                content = content if content[1] - content[0] > 2 else None
    return speaker, head, confidence, content


def _surrounding_content(
    verb: Token,
    text: str,
    speaker: tuple[int, int],
    floor: int,
    bounds: tuple[int, int],
    inside: list[tuple[int, int]],
) -> tuple[int, int] | None:
    """A speech verb's content around it when it has no complement: the clause before a final "…, X said."
    (a conjunct or root verb), or the clause a parenthetical "X said" interrupts."""
    if verb.dep_ in ("conj", "ROOT"):
        return _leading_content(verb, text, speaker, floor, inside)
    if verb.dep_ == "parataxis":
        return _framing_clause(verb, text, bounds, inside)
    return None


def _object_or_attitude(
    verb: Token, lemma: str, text: str, has_speaker: bool, has_subjects: bool, bounds: tuple[int, int]
) -> tuple[tuple[int, int], int] | None:
    """(content, cue end) of a verb without a complement whose content is its object: a speech act ("accused X of
    Y"), else an attitude with a speaker ("supports a dam", "voted for the bill"); None when it has neither."""
    found_object = None
    # "…, citing information from regional sources": the speaker's cited source (see add_frame), not a report.
    own_act = lemma != "cite" or has_subjects
    if lemma in OBJECT_CUES and own_act:
        found_object = _object_content(verb, text, bounds)
    if found_object is None and has_speaker and (lemma in ATTITUDE_CUES or lemma in PREP_CUES):
        found_object = _attitude_content(verb, text, bounds)
    return found_object


def _seem_cue(
    verb: Token, text: str, sent_i: int, bounds: tuple[int, int], inside: list[tuple[int, int]]
) -> Cue | None:
    """ "The crowd seemed to enjoy the speech", "it seemed like a hopeless job": a belief nobody is named for.

    The content is the subject and the complement (the cue between them splits it); no speaker.
    """
    subject = next((c for c in dependents(verb) if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or subject.lower_ in ("it", "there", "what", "which", "who", "that"):
        return None
    complement = next(
        (
            c
            for c in dependents(verb)
            if c.i > verb.i
            and (
                (c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in dependents(c)))
                or c.dep_ in ("acomp", "oprd")
                or (c.dep_ == "prep" and c.lower_ in ("like", "as"))
            )
        ),
        None,
    )
    if complement is None or complement.lemma_.lower() in VERB_CUES_PLAIN:
        return None  # "he appeared to suggest that …": his suggestion (see _chain_start)
    clipped = clip((subject.left_edge.idx, edges(complement)[1]), *bounds)
    if clipped is None or within(clipped[0], inside) or within(verb.idx, inside):
        return None
    start, end = trim(text, *clipped)
    end = rstrip(text, start, end, ".")
    if end <= verb.idx + len(verb.text):
        return None
    return Cue(
        verb.idx, verb.idx + len(verb.text), sent_i, None, None, (start, end), confidence=0.5, verb=verb, cls="belief"
    )


def _direct_only_cue(
    verb: Token, text: str, sent_i: int, sent: tuple[int, int], inside: list[tuple[int, int]], skip_before: int
) -> Cue | None:
    """ "“…,” he continued." / "He went on: “…”": a verb that reports speech only when it introduces a direct quote."""
    objects = ("dobj", "xcomp", "ccomp", "acomp", "attr", "oprd")
    if any(c.dep_ in objects and not within(c.idx, inside) for c in dependents(verb)):
        return None
    if verb.lemma_.lower() == "go" and not any(c.lower_ == "on" and c.i == verb.i + 1 for c in dependents(verb)):
        return None
    end = particle_end(verb)
    before = any(
        e <= verb.idx and not re.search(r"[.!?]\s", text[e + 1 : verb.idx]) and verb.idx - e < 80
        for _, e in inside
        if e >= sent[0] - 2
    )
    after = any(end <= s <= end + 3 and text[end:s].strip() in (":", ",", ":“", ',"', ':"', "") for s, _ in inside)
    if not (before or after):
        return None
    subjects = [c for c in dependents(verb) if c.dep_ == "nsubj" and c.idx >= skip_before and not within(c.idx, inside)]
    if not subjects:
        return None
    head = speaker_head(subjects)
    speaker = trim(text, *np_edges(subjects[0]), QUOTE_MARKS)
    return Cue(verb.idx, end, sent_i, speaker, head, None, confidence=0.75, verb=verb)


def _evidence_content(verb: Token, text: str, bounds: tuple[int, int]) -> tuple[int, int] | None:
    """What a poll or a document shows when it is the object: "Surveys show a tight race in the north"."""
    dobj = next((c for c in dependents(verb) if c.dep_ == "dobj" and c.i > verb.i), None)
    if dobj is None:
        return None
    right = [
        c
        for c in dependents(verb)
        if c.i > dobj.i and (c.dep_ in ("oprd", "xcomp", "acomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "with"))
    ]
    last = max([np_last(dobj), *(c.right_edge for c in right)], key=lambda t: t.i)
    clipped = clip((dobj.left_edge.idx, last.idx + len(last.text)), *bounds)
    if clipped is None:
        return None
    start, end = trim(text, *clipped)
    end = rstrip(text, start, end, ".")
    return (start, end) if words_between(text, start, end) >= 2 else None


def _chain_start(verb: Token) -> int:
    """Where a cue begins: at the verb, or at the verb it completes ("went on to say", "declined to comment on",
    "continued to insist", "issued a statement saying"), which is part of how the act is reported."""
    head = verb.head
    if head.i >= verb.i or head.pos_ not in ("VERB", "AUX"):
        return verb.idx
    lemma = head.lemma_.lower()
    went_on = lemma != "go" or any(c.dep_ in ("prt", "advmod") and c.lower_ == "on" for c in dependents(head))
    if verb.dep_ == "xcomp" and lemma in CHAIN_HEADS and went_on:
        return head.idx
    if (
        verb.dep_ in ("advcl", "xcomp", "acl")
        and lemma in ("issue", "release")
        and any(c.dep_ == "dobj" and c.lemma_.lower() in STATEMENT_NOUNS for c in dependents(head))
    ):
        return head.idx
    return verb.idx


def _attitude_content(verb: Token, text: str, bounds: tuple[int, int]) -> tuple[tuple[int, int], int] | None:
    """(content, cue end) of a belief, intention, evaluation or perception cue without a clause, else None.

    "wants to run" and "wants all immigrants to be deported" (the infinitive, with its subject), "supports a wall",
    "described the field as all very good" (the object, with its predicate), "voted for the bill" (the
    preposition's object; the preposition joins the cue). A belief verb takes an object only with a predicate.
    """
    lemma = verb.lemma_.lower()
    cue_end = particle_end(verb)
    right = [c for c in dependents(verb) if c.i > verb.i and c.dep_ not in ("punct", "cc", "conj", "prt")]
    first = last = None
    preps = PREP_CUES.get(lemma)
    xcomp = next(
        (
            c
            for c in right
            if c.dep_ == "xcomp"
            and (c.tag_ == "VBG" or any(a.dep_ == "aux" and a.lower_ == "to" for a in dependents(c)))
        ),
        None,
    )
    dobj = next((c for c in right if c.dep_ == "dobj"), None)
    prep = next((c for c in right if c.dep_ in ("prep", "agent")), None)
    if preps is not None and prep is not None and prep.lower_ in preps and prep.i <= verb.i + 2 and dobj is None:
        objs = [c for c in dependents(prep) if c.dep_ in ("pobj", "pcomp")]
        if not objs:
            return None
        cue_end = prep.idx + len(prep.text)
        first, last = objs[0].left_edge, objs[0].right_edge
    elif lemma not in ATTITUDE_CUES:
        return None
    elif xcomp is not None and lemma not in PREDICATE_ONLY:
        first = dobj.left_edge if dobj is not None and dobj.i < xcomp.i else xcomp.left_edge
        last = xcomp.right_edge
    elif dobj is not None:
        predicate = [
            c
            for c in right
            if c.i > dobj.i
            and (c.dep_ in ("oprd", "xcomp", "acomp") or (c.dep_ == "prep" and c.lower_ in ("as", "for", "to", "of")))
        ]
        if lemma in PREDICATE_ONLY and not predicate:
            return None
        first, last = dobj.left_edge, max([dobj.right_edge, *(c.right_edge for c in predicate)], key=lambda t: t.i)
        if not predicate:
            last = np_last(dobj)
    if first is None or last is None:
        return None
    clipped = clip((first.idx, last.idx + len(last.text)), *bounds)
    if clipped is None:
        return None
    start, end = trim(text, *clipped)
    end = rstrip(text, start, end, ".")
    return ((start, end), cue_end) if end > start else None


def _shared_subject(verb: Token, skip_before: int) -> list[Token] | None:
    """The subject a subjectless participle, conjunct or infinitive shares with the verb it depends on."""
    node = verb
    for _ in range(3):
        if node.dep_ not in ("advcl", "conj", "xcomp") or node.head.i == node.i:
            return None
        if node.dep_ == "advcl" and any(c.dep_ == "mark" for c in dependents(node)):
            return None  # "… because saying so …", "while asking …": not a shared-subject adjunct
        node = node.head
        subjects = [c for c in dependents(node) if c.dep_ == "nsubj" and c.idx >= skip_before]
        if subjects:
            return None if subjects[0].lower_ in RELATIVE or subjects[0].lower_ == "it" else subjects
    return None


def _reporting_parent(verb: Token, by_verb: dict[int, Cue]) -> Cue | None:
    """The cue whose report ``verb`` was parsed into as a conjunct: "X said … and urged …" (X urges)."""
    head = verb.head
    if verb.dep_ != "conj" or head.dep_ not in ("ccomp", "parataxis") or head.head.i not in by_verb:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in dependents(verb)):
        return None
    return by_verb[head.head.i] if _own_act_start(head) <= verb.idx else None


def _own_act_start(complement: Token) -> int:
    """Where the speaker's own coordinated speech act begins inside a complement, else past its end.

    "The agency said the army had blocked the road … and urged both sides …": a simple-past speech verb
    with no subject of its own, conjoined to the head of the reported clause, is the speaker's second act; the
    report ends before its conjunction.
    """
    for conj in dependents(complement):
        if conj.dep_ != "conj" or conj.tag_ != "VBD" or conj.lemma_.lower() not in OWN_ACTS:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in dependents(conj)):
            continue
        cc = [c for c in dependents(complement) if c.dep_ in ("cc", "punct") and c.i < conj.i and c.i > complement.i]
        return min([conj.left_edge, *cc], key=lambda t: t.i).idx
    return edges(complement)[1]


def _object_content(verb: Token, text: str, bounds: tuple[int, int]) -> tuple[tuple[int, int], int] | None:
    """(content, cue end) of a speech act whose content is its object and complement, else None.

    "called on the mayor to stop" (cue "called on"), "called the plan a disgrace", "accused X of Y", "urged X to
    Y": an object with a predicate (xcomp, oprd, "of"/"as"/"for" phrase); "called for X" alone; a bare object
    ("called a meeting", "asked him") is not a report.
    """
    lemma = verb.lemma_.lower()
    right = [c for c in dependents(verb) if c.i > verb.i and c.dep_ not in ("punct", "cc", "conj", "npadvmod")]
    deps = {c.dep_ for c in right}
    preps = {c.lower_: c for c in right if c.dep_ in ("prep", "prt")}
    cue_end = verb.idx + len(verb.text)
    first = None
    if lemma == "call" and ("for" in preps or "on" in preps) and preps.get("for", preps.get("on")).i == verb.i + 1:
        prep = preps.get("for", preps.get("on"))
        cue_end = prep.idx + len(prep.text)
        objs = [c for c in dependents(prep) if c.dep_ == "pobj"]
        first = objs[0].left_edge if objs else next((c for c in right if c.i > prep.i), None)
        if first is not None:
            first = min([first, *(c.left_edge for c in right if c.i > prep.i)], key=lambda t: t.i)
    elif "dobj" in deps and (deps & {"xcomp", "oprd", "ccomp"} or {"of", "as", "for"} & set(preps)):
        first = min((c.left_edge for c in right if c.dep_ not in ("advmod", "prt")), key=lambda t: t.i)
    elif lemma == "cite" and "dobj" in deps:
        first = min((c.left_edge for c in right), key=lambda t: t.i)
    if first is None:
        return None
    last = max(edges(c)[1] for c in right)  # not into a coordinated act ("accused X of Y and called on Z")
    clipped = clip((first.idx, last), *bounds)
    if clipped is None:
        return None
    start, end = trim(text, *clipped)
    end = rstrip(text, start, end, ".")
    return ((start, end), cue_end) if words_between(text, start, end) >= 2 else None


def _framing_clause(
    verb: Token, text: str, bounds: tuple[int, int], inside: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The clause a parenthetical cue interrupts: "Street protests, Ms. Mensah said, are a sign of real anger".

    The whole clause, the parenthetical included (a quote is one span); not when it holds or touches a direct
    quote (then the cue introduces that quote), nor when the cue is the clause's first words.
    """
    head = verb.head.head if verb.head.dep_ in ("aux", "auxpass", "cop") else verb.head
    clipped = clip(edges(head), *bounds)
    if clipped is None or verb.left_edge.idx <= clipped[0]:
        return None
    start, end = trim(text, *clipped)
    end = rstrip(text, start, end, ".")
    if any(s < end + 1 and start - 1 < e for s, e in inside) or has_quote_mark(text, start, end):
        return None
    return (start, end) if words_between(text, start, end) >= 4 else None


def _leading_content(
    verb: Token, text: str, speaker: tuple[int, int], floor: int, inside: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The clause before "…, SPEAKER said." when the parser did not make it the verb's complement."""
    start, end = trim(text, floor, speaker[0])
    if "," not in text[end : speaker[0]] or words_between(text, start, end) < 3:
        return None
    if any(s < end and start < e for s, e in inside) or has_quote_mark(text, start, end):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in verb.sent if t.i > verb.i):
        return None  # "…, he said, and added that …": not a clause-final cue
    return start, end


def _postposed_speaker(verb: Token, floor: int) -> tuple[tuple[int, int], Token] | None:
    """The speaker the parser missed in "…, an army spokesman, Colonel X, told reporters".

    Takes the comma-delimited noun phrase right before the verb, and one appositive before it.
    """
    doc = verb.doc
    segments: list[tuple[int, int]] = []
    j = verb.i - 1
    for _ in range(2):
        while j >= 0 and doc[j].text == ",":
            j -= 1
        end = j
        while j >= 0 and doc[j].text != "," and doc[j].idx >= floor and end - j < 8:
            j -= 1
        if end < 0 or end == j or doc[j].text != ",":
            break
        phrase = doc[j + 1 : end + 1]
        if not phrase or phrase.root.pos_ not in ("NOUN", "PROPN") or any(t.pos_ == "VERB" for t in phrase):
            break
        segments.append((j + 1, end))
        if phrase[0].pos_ == "PROPN" and not segments[:-1]:
            continue  # a name: maybe an appositive title before it
        if segments[:-1]:
            break
    if not segments:
        return None
    first, last = segments[-1][0], segments[0][1]
    head = next((doc[k] for k in range(segments[0][1], segments[0][0] - 1, -1) if doc[k].pos_ == "PROPN"), doc[last])
    return (doc[first].idx, doc[last].idx + len(doc[last].text)), head
