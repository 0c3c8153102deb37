"""Matching the trigger lexicon to tokens, and the trigger's type and mode.

Finds the verbs and nouns whose lemma is in the lexicon, checks a row's constraints (particle, object, support verb),
splits "strike" into an attack or a labour strike; once the arguments are read, ``_retype`` retypes a protest by an
organisation (a spoken ACCUSE) and the withdrawals and deployments the codebook codes otherwise, refines an ASSAULT's
mode from weapon words, and recodes acts announced for the future (AGREE or THREATEN).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..lexicon import SAYING_VERBS
from ..syntax import PASS_SUBJ as _PASS_SUBJ
from ..syntax import SentenceMemo, dependents, sentence, subtree_near
from ..syntax import children as _children
from ._actors import ActorIndex, Arg
from ._arguments import _args
from ._lexicon import (
    ASSISTANCE_WORDS,
    DISAPPROVE_ROW,
    EXECUTION_CUES,
    FIGURATIVE_ATTACK_ROW,
    FUTURE_AGREE,
    FUTURE_AUX,
    FUTURE_THREAT_MODE,
    INTENT_HEADS,
    KILL_VERBS,
    LABOUR_WORDS,
    LEADER_NOUNS,
    NOT_ARGUMENT_ENTS,
    POSSIBLE_AUX,
    PROTEST_ACTS,
    PURPOSE_PROTEST_ROW,
    REFUSABLE,
    RESOURCE_PEOPLE,
    SPEAKING_KINDS,
    STRIKE_ASSAULT,
    TEXT_NOUNS,
)
from ._parse import _OBJ, _SMALL_CLAUSES, _clause_subject, _clause_verb, _conjuncts, _support_verb
from ._triggers_table import ASSAULT_MODE_CUES, Trigger

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


def _verbal_protest(source: list[Arg], actors: ActorIndex) -> bool:
    kinds = {actors.kind.get(a.actor) for a in source if a.actor}
    return bool(kinds) and kinds <= SPEAKING_KINDS


def _protest_purpose(verb: Token) -> bool:
    """ "began a sit-in to protest ...", "marched to protest ...": the purpose of a protest act is that
    protest, not a spoken one."""
    if verb.dep_ not in ("xcomp", "advcl") or verb.head is verb:
        return False
    head = verb.head
    nouns = [head, *_children(head, _OBJ)]
    return any(t.lemma_.lower() in PROTEST_ACTS for t in nouns)


def _particle_ok(token: Token, particle: str | None) -> bool:
    if particle is None:
        return True
    return any(c.lower_ == particle and c.dep_ in ("prt", "prep", "dobj", "advmod", "agent") for c in dependents(token))


def _object_lemmas(token: Token) -> set[str]:
    lemmas = set()
    for obj in (c for o in _children(token, _OBJ | {"nsubjpass"}) for c in _conjuncts(o)):
        lemmas.add(obj.lemma_.lower())
        lemmas.update(c.lemma_.lower() for c in dependents(obj) if c.dep_ in ("compound", "amod"))
        lemmas.update(c.lemma_.lower() for c in dependents(obj) if c.dep_ == "prep" for c in dependents(c))
    if token.dep_ == "acl" and token.tag_ == "VBN":
        # a reduced passive relative: the noun it modifies is its object ("a curfew imposed on the city")
        lemmas.add(token.head.lemma_.lower())
        lemmas.update(c.lemma_.lower() for c in dependents(token.head) if c.dep_ in ("compound", "amod"))
    # a small clause's predicate: "took 18 crew members hostage", "forced 5,000 residents to flee"
    lemmas.update(c.lemma_.lower() for c in dependents(token) if c.dep_ in _SMALL_CLAUSES)
    for t in token.doc[token.i + 1 : token.i + 4]:
        if t.pos_ in ("NOUN", "PROPN"):
            lemmas.add(t.lemma_.lower())
            break
    return lemmas


def _strike_row(token: Token, rows: list[Trigger]) -> tuple[Trigger, str | None] | None:
    """Split the noun "strike": air/drone/missile strike is ASSAULT, a workers' or general strike PROTEST."""
    mods = {c.lemma_.lower() for c in token.lefts}
    for lemma, mode in STRIKE_ASSAULT.items():
        if lemma in mods:
            return Trigger("strike", "N", "ASSAULT", mode, 0.85), mode
    on_strike = token.dep_ == "pobj" and token.head.lower_ == "on"
    aimed = any(  # "a strike on a plant"; "a strike on Monday" is a date
        c.dep_ == "prep"
        and c.lower_ in ("on", "against")
        and not any(o.ent_type_ in NOT_ARGUMENT_ENTS for o in dependents(c))
        for c in dependents(token)
    )
    labour = not aimed and any(t.lemma_.lower() in LABOUR_WORDS for t in sentence(token))  # "workers ... a strike"
    if on_strike or labour or mods & {"general", "labour", "labor", "national", "worker", "union", "teacher", "hunger"}:
        row = rows[0]
        if "hunger" in mods:
            return Trigger("strike", "N", "PROTEST", "hunger", 0.85), "hunger"
        return row, row.mode
    return None


def _match(token: Token, index: dict[tuple[str, str], list[Trigger]]) -> tuple[Trigger, str | None] | None:
    """The lexicon row this token instantiates, with its mode, or None."""
    if token.pos_ == "VERB":
        pos = "V"
    elif token.pos_ == "NOUN":
        pos = "N"
    else:
        return None
    lemma = token.lemma_.lower()
    rows = index.get((lemma, pos))
    if not rows and pos == "N" and lemma.endswith("s"):
        rows = index.get((lemma[:-1], pos))  # "talks" is sometimes lemmatised as itself
    if not rows:
        return None
    if lemma == "strike" and pos == "N":
        return _strike_row(token, rows)
    for row in rows:
        if not _particle_ok(token, row.particle):
            continue
        if row.objects is not None:
            objs = _object_lemmas(token)
            if row.objects and not objs & row.objects:
                continue
            if not row.objects and _children(token, _OBJ):
                continue
        if row.needs_support and pos == "N":
            sup = _support_verb(token)
            has_place = any(c.lower_ in ("in", "at", "near") for c in dependents(token) if c.dep_ == "prep")
            if sup is None or (row.type == "COERCE" and not has_place):
                continue
        return row, row.mode
    return None


def _refine_mode(cand_row: Trigger, mode: str | None, token: Token) -> tuple[str | None, str | None]:
    """ASSAULT mode from weapon words around the trigger, when the trigger word itself names none; a killing of
    captives (bound, blindfolded, shot in the back of the head) is an execution, PLOVER's ``targeted`` mode."""
    if cand_row.type == "ASSAULT" and any(c.lower_ == "sexually" for c in dependents(token)):
        return "sexual", "sexually"
    if cand_row.type == "ASSAULT" and cand_row.lemma in KILL_VERBS | {"execute"}:
        cue = _execution_cue(token)
        if cue is not None:
            return "targeted", cue
    # "fire" names no weapon ("fired tear gas at", "fired rockets"): a weapon word overrides its default mode.
    if cand_row.type != "ASSAULT" or (mode is not None and cand_row.lemma != "fire"):
        return mode, None
    neighbourhood = _neighbourhood(token)
    first = None
    for t in neighbourhood:
        cue = ASSAULT_MODE_CUES.get(t.lemma_.lower())
        if cue is not None and t.i != token.i:
            if cue == "suicide-attack":
                return cue, t.text  # "suicide bombers": the method, whatever else is named
            first = first or (cue, t.text)
    if first is not None:
        return first
    if cand_row.lemma in KILL_VERBS and any(
        t.dep_ in _OBJ | _PASS_SUBJ and t.lemma_.lower() in LEADER_NOUNS for t in dependents(token)
    ):
        return "targeted", None  # "shot the deputy governor of ...": a named office-holder is a targeted killing
    return mode, None


# A trigger's subtree is read whole when it spans at most this many tokens (every sentence of news text); in a
# longer one (a list of hundreds of killings in one sentence) only the words this near the trigger, so that
# every trigger of the list does not read the whole list.
_SUBTREE_WINDOW = 200


def _neighbourhood(token: Token) -> list[Token]:
    """The words whose weapon names give an ASSAULT its mode: a noun's subtree; a verb's children, then its subtree."""
    near = subtree_near(token, _SUBTREE_WINDOW)
    if token.pos_ == "NOUN":
        return near
    return [*(c for c in dependents(token) if abs(c.i - token.i) <= _SUBTREE_WINDOW), *near]


def _execution_search(sent: SpacySpan) -> re.Match[str] | None:
    text = sent.text
    return EXECUTION_CUES[0].search(text) or EXECUTION_CUES[1].search(text)


_EXECUTION_IN = SentenceMemo(_execution_search)
_RESTRAINT_IN = SentenceMemo(lambda sent: EXECUTION_CUES[1].search(sent.text))


def _execution_cue(token: Token) -> str | None:
    """The words that make a killing an execution: in the trigger's sentence, or the restraint of the victims in
    the sentence before it (same paragraph)."""
    sent = sentence(token)
    m = _EXECUTION_IN(sent)
    if m is None and sent.start > 0:
        prev = sentence(token.doc[sent.start - 1])
        # the whitespace between the two sentences (Doc.text would rebuild the whole article's string)
        gap = "".join(t.whitespace_ + (t.text if t.is_space else "") for t in token.doc[prev.end - 1 : sent.start])
        if "\n\n" not in gap:
            m = _RESTRAINT_IN(prev)
    return m.group(0) if m else None


# id(lexicon) -> {lemma hash -> may start a trigger}; a hash always names the same lemma string
_LEMMA_MEMO: dict[int, dict[int, bool]] = {}


def _trigger_positions(spacy_doc, lexicon) -> list[int]:
    """Indices of the verbs and nouns whose lemma is in the lexicon, read from arrays (no Token objects)."""
    from spacy.attrs import LEMMA, POS
    from spacy.symbols import NOUN, VERB

    if not len(spacy_doc):
        return []
    strings = spacy_doc.vocab.strings
    memo = _LEMMA_MEMO.setdefault(id(lexicon), {})
    out = []
    for i, (lemma, pos) in enumerate(spacy_doc.to_array([LEMMA, POS]).tolist()):
        if pos != VERB and pos != NOUN:
            continue
        ok = memo.get(lemma)
        if ok is None:
            low = strings[lemma].lower()
            ok = low not in SAYING_VERBS and any(
                (key, p) in lexicon for key in (low, low[:-1] if low.endswith("s") else low) for p in ("V", "N")
            )
            if len(memo) < 200_000:
                memo[lemma] = ok
        if ok:
            out.append(i)
    return out


def _withdrawn_resources(token: Token) -> bool:
    """Whether what a withdrawal takes away is non-military: its object or passive subject names observers,
    inspectors, aid workers, diplomats or peacekeepers."""
    heads = _children(token, _OBJ | _PASS_SUBJ)
    return any(t.lemma_.lower() in RESOURCE_PEOPLE for h in heads for t in _conjuncts(h))


def _future_recode(token: Token, row: Trigger, mode: str | None) -> tuple[Trigger, str | None] | None:
    """The AGREE or THREATEN a future cooperative or coercive act stands for ("will provide aid", "would
    tighten the blockade", "is ready to send engineers"), or None when the act is not announced as future."""
    recodable = row.type in FUTURE_AGREE or row.type in FUTURE_THREAT_MODE or row.mode in ("boycott", "withdraw")
    if not recodable and row.type not in REFUSABLE:
        return None
    verb = token
    if row.pos == "N":
        verb = _support_verb(token)
        if verb is None:
            return None
    while verb.dep_ == "conj" and verb.head is not verb and not _children(verb, {"aux"}):
        verb = verb.head
    if any(c.dep_ == "neg" for c in dependents(verb)):
        # "will not negotiate", "won't give in": a cooperative act refused for the future is a refusal (PLOVER
        # REJECT), made by saying it
        refused = row.type in REFUSABLE and any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in dependents(verb))
        return (replace(row, type="REJECT", mode=None, cameo=None), None) if refused else None
    if not recodable:
        return None
    conditional = any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in dependents(c))
        for c in dependents(verb)
    )
    future = any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in dependents(verb))
    # "could stop mediation if the talks stall": a possible act on a condition is announced as a threat
    future = future or (conditional and any(c.dep_ == "aux" and c.lower_ in POSSIBLE_AUX for c in dependents(verb)))
    intent = False
    if not future and verb.dep_ == "xcomp" and verb.head is not verb:
        head = verb.head
        intent = head.lemma_.lower() in INTENT_HEADS and not any(c.dep_ == "neg" for c in dependents(head))
    if not future and not intent:
        return None
    if row.type == "RETREAT":
        # "will pull its battalion out of Mali unless ...": a conditional withdrawal is a threat; "is willing to
        # withdraw" states a willingness (AGREE); a plain announced retreat is a CONCEDE (the codebook's rule)
        if conditional:
            return replace(row, type="THREATEN", mode="relations", cameo=None), "relations"
        if intent:
            return replace(row, type="AGREE", mode=None, cameo=None), None
        return replace(row, type="CONCEDE", mode=None, cameo=None), None
    if row.type in FUTURE_AGREE:
        return replace(row, type="AGREE", mode=None, cameo=None), None
    new_mode = FUTURE_THREAT_MODE.get(row.type, "relations")
    if row.type == "COERCE" and mode in ("arrest", "deport"):
        new_mode = "arrest" if mode == "arrest" else "expel"
    return replace(row, type="THREATEN", mode=new_mode, cameo=None), new_mode


def _said_by_a_text(verb: Token) -> bool:
    """The attack verb's subject is a text or a broadcast ("ad", "report", "editorial", "tweet")."""
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in TEXT_NOUNS for c in dependents(verb))


def _retype(
    token: Token,
    row: Trigger,
    mode: str | None,
    source: list[Arg],
    actors: ActorIndex,
    floor: int,
    reasons: list[str],
) -> tuple[Trigger, str | None, list[Arg]]:
    """The trigger's row and mode once its arguments are known (a protest by an organisation is a spoken ACCUSE,
    weapon words refine an attack's mode, a future act is recoded), and a protest noun's source from its clause."""
    if row.lemma == "protest" and row.pos == "V" and _verbal_protest(source, actors) and not _protest_purpose(token):
        row, mode = DISAPPROVE_ROW, DISAPPROVE_ROW.mode
        reasons.append("protest-by-organisation:ACCUSE")
    elif row.lemma == "protest" and row.type == "ACCUSE" and _protest_purpose(token):
        row, mode = PURPOSE_PROTEST_ROW, None  # the mode of the act it is the purpose of
        reasons.append("protest-purpose:PROTEST")
    if row.type == "PROTEST" and row.pos == "N" and not source:
        clause = _clause_verb(token)
        if clause is not None:
            subj, passive = _clause_subject(clause)
            if subj is not None and not passive:
                source = _args([subj], actors, floor)
                reasons.append(f"source:subject-of-{clause.lemma_}")
    if row.type == "ASSAULT" and row.pos == "V" and _said_by_a_text(token):
        # "a new ad hits Trump", "the report attacks the policy": words hit no one; a text's attack is criticism
        row, mode = FIGURATIVE_ATTACK_ROW, FIGURATIVE_ATTACK_ROW.mode
        reasons.append("attack-by-a-text:ACCUSE")
    if row.type == "RETREAT" and row.mode == "withdraw" and _withdrawn_resources(token):
        # the codebook: withdrawing observers, inspectors, aid workers, diplomats or peacekeepers reduces relations
        row, mode = replace(row, type="SANCTION", cameo=None), "withdraw"
        reasons.append("withdrawn-resources:SANCTION")
    if row.type == "MOBILIZE" and any(t.lemma_.lower() in ASSISTANCE_WORDS for t in token.subtree):
        # the codebook: peacekeepers and forces sent for relief are military assistance (AID), not a show of force
        row, mode = replace(row, type="AID", mode=None, cameo=None), None
        reasons.append("assistance-deployment:AID")
    mode, cue = _refine_mode(row, mode, token)
    if cue:
        reasons.append(f"mode-cue:{cue}")
    recoded = _future_recode(token, row, mode)
    if recoded is not None:
        row, mode = recoded
        reasons.append(f"future:{row.type}")
    return row, mode, source
