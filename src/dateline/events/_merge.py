"""One event per action: folding triggers that elaborate another into it.

Drops cooperative nouns a sanction stops ("suspended food aid"), merges a purpose or consequence clause into the
trigger it hangs on ("marched ... to protest", "struck a school, killing 11"), lends a threatened or requested act's
target to the threat or request, and gives "the attackers" the perpetrators of the attack reported before.
"""

from __future__ import annotations

from ..syntax import SUBJ as _SUBJ
from ..syntax import children as _children
from ..syntax import dependents
from ._actors import Arg, Candidate
from ._lexicon import CONTENT_HEADS, FRAME_NOUNS, FUTURE_THREAT_MODE, PERPETRATOR_NOUNS, STOPPED_TYPES, TOLL_VERBS
from ._parse import _OBJ, _is_passive


def _stopped(cands: list[Candidate]) -> list[Candidate]:
    """Drops cooperative nominal triggers that are the object of a SANCTION trigger (or of the threat it became)."""
    stoppers = {c.token.i for c in cands if c.row.type in ("SANCTION", "THREATEN") and c.row.pos == "V"}
    out = []
    for c in cands:
        tok = c.token
        if tok.dep_ == "compound" and tok.head.lemma_.lower() in FRAME_NOUNS:
            tok = tok.head  # "stop mediation efforts"
        if c.row.pos == "N" and c.row.type in STOPPED_TYPES and tok.dep_ in _OBJ and tok.head.i in stoppers:
            continue
        out.append(c)
    return out


def _governor(cand: Candidate, by_token: dict[int, Candidate]) -> Candidate | None:
    """The trigger this one elaborates: the head of its purpose/consequence clause ("marched ... to protest",
    "imposed sanctions, freezing ... and banning ..."), or the verb of "killed ... in an attack"."""
    tok = cand.token
    if cand.row.pos == "N" and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during", "amid"):
        return by_token.get(tok.head.head.i)
    if cand.row.pos == "N" and tok.dep_ in _OBJ and tok.head.pos_ == "VERB" and tok.head.i not in by_token:
        tok = tok.head  # "pledged to keep up food aid to X": the noun's clause is the verb's
    if _toll(cand):
        head = by_token.get(cand.token.head.i)
        if head is not None and head.row.type == "ASSAULT":
            return head
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ not in ("xcomp", "advcl"):
        return None
    return by_token.get(tok.head.i)


def _toll(cand: Candidate) -> bool:
    """ "Militants attacked the base, and 15 soldiers were killed": a killing or wounding coordinated with an attack,
    with no agent of its own, is the attack's toll, not a second attack."""
    tok = cand.token
    if cand.row.type != "ASSAULT" or tok.dep_ != "conj" or tok.lemma_.lower() not in TOLL_VERBS:
        return False
    if any(c.dep_ == "agent" for c in dependents(tok)):
        return False
    return _is_passive(tok) or not _children(tok, _SUBJ)


def _direct(args: list[Arg]) -> bool:
    return any(a.actor and not a.from_context for a in args)


def _separate_acts(head: Candidate, cand: Candidate) -> bool:
    """Two acts of one type on different targets ("looting banks, taking over oil fields") stay two events; a
    toll ("struck a school, killing 11") is the strike's consequence, whatever it names."""
    if not head.target or not cand.target or cand.token.lemma_.lower() in TOLL_VERBS:
        return False
    if cand.token.tag_ != "VBG" or cand.token.dep_ not in ("advcl", "conj") or head.token.pos_ != "VERB":
        return False  # only a participle clause after a verb's object lists a further act
    return {(a.start, a.end) for a in head.target}.isdisjoint((a.start, a.end) for a in cand.target)


def _merge(cands: list[Candidate]) -> list[Candidate]:
    """One event per action: "marched ... to protest", "struck a school, killing 11" are one event.

    A trigger in a purpose/consequence clause (xcomp, advcl) of a trigger of the same type folds into it,
    lending its target, mode and source when the governing trigger has none ("were killed when soldiers fought
    back"). A nominal trigger is reached through its support verb ("imposed sanctions ..., banning exports").
    A THREATEN/REQUEST/AGREE trigger takes its target from the action threatened, requested or promised.
    """
    by_token = {c.token.i: c for c in cands}
    for c in cands:
        if c.row.pos == "N" and c.token.dep_ in _OBJ and c.token.head.pos_ in ("VERB", "AUX"):
            by_token.setdefault(c.token.head.i, c)
    dropped: set[int] = set()
    into: dict[int, Candidate] = {}  # token of a merged trigger -> the candidate it was merged into
    for cand in cands:
        head = _governor(cand, by_token)
        while head is not None and head.token.i in into:
            head = into[head.token.i]  # "struck ..., killing three and wounding 20": wounding joins the strike
        if head is None or head is cand or head.token.i in dropped:
            continue
        if head.row.type == cand.row.type:
            if _separate_acts(head, cand):
                continue
            head.target = head.target or cand.target
            head.mode = head.mode or cand.mode
            if _direct(cand.source) and not _direct(head.source):
                head.source = cand.source
            head.mentions += [(cand.start, cand.end), *cand.mentions]
            dropped.add(cand.token.i)
            into[cand.token.i] = head
        elif head.row.type in CONTENT_HEADS:
            if not head.target:
                head.target = cand.target
            if head.row.type == "THREATEN" and head.mode is None:
                head.mode = FUTURE_THREAT_MODE.get(cand.row.type)
    return [c for c in cands if c.token.i not in dropped]


def _perpetrators(cands: list[Candidate], spacy_doc) -> None:
    """ "The attackers", "several assailants" with no actor of their own: the perpetrators of the attack reported
    before, when it named them."""
    last: list[Arg] = []
    for cand in cands:
        if cand.row.type != "ASSAULT":
            continue
        for args in (cand.source, cand.target):
            for i, a in enumerate(args):
                if a.actor is not None or not last:
                    continue
                span = spacy_doc.char_span(a.start, a.end, alignment_mode="expand")
                if span is not None and span.root.lemma_.lower() in PERPETRATOR_NOUNS:
                    args[i] = Arg(a.start, a.end, last[0].actor, from_context=True)
        direct = [a for a in cand.source if a.actor and not a.from_context]
        if direct:
            last = direct
