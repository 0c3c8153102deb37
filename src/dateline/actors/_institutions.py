"""A state's institutions and group anaphora.

"the Turkish president", "Russia's defence ministry", "a Russian missile" name a state's government,
army or police; a bare "the ministry" or "the army" is the institution named before (or the focus
country's); "the group" is the last organisation named before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..kb.actors import ActorKB
from ..syntax import dependents
from ._candidate import Candidate, end_char, known_actor, mark
from ._lexicon import ANAPHORA_GROUP, FOCUS_INSTITUTIONS, GROUP_KINDS, HEAD_WORDS, INSTITUTION_HEADS, WEAPON_HEADS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def institutions(
    sdoc: Doc, kb: ActorKB, found: dict[str, Candidate], taken: list[bool], lowers: list[str], pos: list[int]
) -> None:
    """A state's government, army or police named through a qualifier of a head noun.

    "the Turkish president" / "a Russian missile" (demonym), "Russia's defence ministry" (state possessor) and
    "the foreign ministers of Turkey and Iraq" (of-complement) name the state's institution, not the state: the
    head noun decides the kind (weapons are the armed forces'), the qualifier decides the country. A state
    mention used as such a qualifier moves from the state to its institution.
    """
    for i in _head_positions(lowers, pos):
        tok = sdoc[i]
        if taken[i]:
            continue
        low = tok.lower_
        lemma = tok.lemma_.lower()
        kind = INSTITUTION_HEADS.get(lemma) or INSTITUTION_HEADS.get(low)
        weapon = kind is None and (lemma in WEAPON_HEADS or low in WEAPON_HEADS)
        if weapon:
            kind = "military"
        elif kind is None or tok.dep_ == "compound":
            continue  # "army post", "police station": a modifier, not the institution
        for child in tok.lefts:
            if child.dep_ in ("amod", "compound", "nmod") and not taken[child.i]:
                code = kb.demonyms.get(child.lower_)
                rec = kb.get(f"{code.lower()}-{kind}") if code else None
                if rec is not None:
                    start, end = (child.i, child.i + 1) if weapon else (child.i, tok.i + 1)
                    known_actor(found, rec, 0.8).add(sdoc[start].idx, end_char(sdoc, end), sdoc[start:end].text)
                    mark(taken, start, end)
                    break
            elif child.dep_ == "poss":
                owner = sdoc[child.left_edge.i : child.i + 1]
                code = kb.states.get(owner.text.lower())
                rec = kb.get(f"{code.lower()}-{kind}") if code else None
                if rec is not None:
                    end = child.i + 1 if weapon else tok.i + 1
                    if end < len(sdoc) and sdoc[end].tag_ == "POS" and weapon:
                        end += 1
                    _release(found, owner.start_char, owner.end_char)
                    start = owner.start
                    known_actor(found, rec, 0.85).add(sdoc[start].idx, end_char(sdoc, end), sdoc[start:end].text)
                    mark(taken, start, end)
                    break
        else:
            if weapon or kind != "government":
                continue
            # "the foreign ministers of Turkey and Iraq": each state named is its government
            states = [
                s
                for prep in tok.rights
                if prep.dep_ == "prep" and prep.lower_ == "of"
                for obj in dependents(prep)
                if obj.dep_ == "pobj"
                for s in (obj, *obj.conjuncts)
                if s.lower_ in kb.states
            ]
            recs = [kb.get(f"{kb.states[s.lower_].lower()}-government") for s in states]
            if not states or any(r is None for r in recs):
                continue
            for s, rec in zip(states, recs, strict=True):
                _release(found, s.idx, s.idx + len(s.text))
                known_actor(found, rec, 0.8).add(s.idx, s.idx + len(s.text), s.text)
                mark(taken, s.i, s.i + 1)
            mark(taken, tok.left_edge.i, tok.i + 1)  # the head itself names no one actor


def _head_positions(lowers: list[str], pos: list[int]) -> list[int]:
    """Nouns that may head an institution or weapon phrase (the lemma is checked on the few that pass)."""
    from spacy.symbols import NOUN, PROPN

    heads = HEAD_WORDS
    return [
        i
        for i, (low, p) in enumerate(zip(lowers, pos, strict=True))
        if p in (NOUN, PROPN)
        and (
            low in heads
            or (low.endswith("s") and low[:-1] in heads)
            or (low.endswith("ies") and low[:-3] + "y" in heads)
        )
    ]


def _release(found: dict[str, Candidate], start: int, end: int) -> None:
    """Take the mention ``start:end`` away from whichever actor holds it (a state that is only a qualifier)."""
    for cand in found.values():
        cand.spans = [(s, e) for s, e in cand.spans if e <= start or s >= end]


def _last_institution(found: dict[str, Candidate], kind: str, before: int, word: str | None = None) -> Candidate | None:
    """The last actor of ``kind`` before character ``before``: a known one, or when ``word`` is given, one named by a
    phrase ending in that word ("Russia's defence ministry ... the ministry")."""
    best, best_start = None, -1
    for cand in found.values():
        if cand.kind != kind:
            continue
        if word is not None:
            if not any(s.lower().endswith(word) for s in cand.surfaces):
                continue
        elif not cand.known:
            continue
        starts = [s for s, _ in cand.spans if s < before]
        if starts and max(starts) > best_start:
            best, best_start = cand, max(starts)
    return best


def institution_antecedent(
    tok: Token, chunk: Span, kind: str, found: dict[str, Candidate], kb: ActorKB, focus: str | None
) -> Candidate | None:
    """The institution a bare head stands for: "the ministry" after "Russia's defence ministry", else for "the army"
    or "soldiers" with no country named, the army of the article's focus country."""
    if kind == "government":
        # only a definite singular anaphor ("the ministry"); "officials from both countries" is no anaphor
        if chunk[0].lower_ != "the" or any(t.pos_ == "NUM" or t.lower_ == "both" for t in chunk):
            return None  # "the two governments": several actors, not one antecedent
        target = _last_institution(found, kind, tok.idx, word=tok.lower_)
        if target is not None or tok.tag_ != "NN" or focus is None or tok.lower_ not in ("ministry", "government"):
            return target
        rec = kb.get(f"{focus.lower()}-government")  # "the government", no country named: the focus country's
        return known_actor(found, rec, 0.6) if rec is not None else None
    target = _last_institution(found, kind, tok.idx)
    if target is not None or focus is None:
        return target
    if FOCUS_INSTITUTIONS.get(tok.lemma_.lower()) != kind and FOCUS_INSTITUTIONS.get(tok.lower_) != kind:
        return None
    rec = kb.get(f"{focus.lower()}-{kind}")
    if rec is None:
        return None
    cand = known_actor(found, rec, 0.6)
    cand.confidence = min(cand.confidence, 0.6) if not cand.spans else cand.confidence
    return cand


def group_anaphora(sdoc: Doc, found: dict[str, Candidate], taken: list[bool], lowers: list[str]) -> None:
    """ "the group" / "the group's" is the last organisation-like actor mentioned before it."""
    starts = sorted(
        (
            (s, c)
            for c in found.values()
            # a state's army or police is not "the group"
            if c.kind in GROUP_KINDS and c.known and (c.record.source if c.record else None) != "generated"
            for s, _ in c.spans
        ),
        key=lambda x: x[0],
    )
    if not starts:
        return
    for i, low in enumerate(lowers):
        if low not in ANAPHORA_GROUP or taken[i] or i == 0 or lowers[i - 1] != "the":
            continue
        tok = sdoc[i]
        if tok.tag_ != "NN":
            continue
        det = sdoc[i - 1]
        before = [c for s, c in starts if s < det.idx]
        if not before:
            continue
        cand = before[-1]
        end = tok.i + 1
        cand.add(det.idx, tok.idx + len(tok.text), sdoc[det.i : end].text)
        mark(taken, det.i, end)
