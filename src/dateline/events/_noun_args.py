"""Source and target of a nominal trigger, read from the parse.

"by" phrase, possessor or actor modifier for the source, "between A and B" for both parties, a target preposition on
the noun or on its support verb ("imposed sanctions on Iran"), the subject of the support verb as source, or its
agent when the noun is its passive subject ("sanctions were imposed on Iran by the EU"); the one held "on charges";
and for a predicate of evaluation ("called the inquiry a sham") the one who evaluates and the party evaluated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import SAYING_VERBS
from ..plover import MATERIAL_TYPES
from ..syntax import SUBJ as _SUBJ
from ..syntax import children as _children
from ..syntax import subtree
from ._actors import ActorIndex, Arg
from ._arguments import _arg, _args, _left_actor, _modifier_actor, _pp_target
from ._lexicon import (
    CAUSE_NOUNS,
    COPULAS,
    DEATH_VERBS,
    EVALUATION_TYPES,
    FRAME_NOUNS,
    NAMING_VERBS,
    SYMMETRIC_PREPS,
    TARGET_PREPS,
    TO_NOUN_TYPES,
)
from ._parse import _OBJ, _clause_subject, _phrase, _pobjs, _reduced_relative, _support_verb
from ._triggers_table import Trigger

if TYPE_CHECKING:
    from spacy.tokens import Token


def _noun_args(token: Token, row: Trigger, actors: ActorIndex, floor: int) -> tuple[list[Arg], list[Arg], list[str]]:
    if row.type in EVALUATION_TYPES and token.dep_ in _PREDICATE_DEPS:
        found = _evaluation_args(token, actors, floor)
        if found is not None:
            return found
    target: list[Arg] = []
    reasons: list[str] = []
    if token.dep_ == "compound" and token.head.lemma_.lower() in FRAME_NOUNS:
        token = token.head  # "a mediation effort between A and B": the arguments hang on the frame noun
        reasons.append("frame-noun")
    source = _noun_source(token, row, actors, floor, reasons)
    sup = _support_verb(token)
    # "talks were held between the two sides": the parties of a support verb construction may hang on the verb
    between = _pobjs(token, {"between", "among"}) or (_pobjs(sup, {"between", "among"}) if sup is not None else [])
    if between:
        source, target = _between_args(token, row, between, source, actors, floor)
        reasons.append("parties:between")
    if not target:
        target = _noun_target(token, row, actors, floor, reasons)
    if not target and sup is not None:
        # "imposed sanctions on Iran", "launched an attack against the base": the target hangs on the support verb;
        # "gave a warm welcome to de Klerk", "made an appeal to the UN": the one a cooperative or verbal act goes to
        preps = {"against", "on", "upon"} if not row.symmetric else SYMMETRIC_PREPS
        if row.type in TO_NOUN_TYPES and not row.symmetric:
            preps = preps | {"to"}
        found = _pp_target(sup, preps, actors, floor, verbal=row.type not in MATERIAL_TYPES)
        if found is not None:
            target, prep = found
            reasons.append(f"target:{sup.lemma_}-{prep}")
    if not source and sup is not None and (sup == _reduced_relative(token) or token.dep_ == "nsubjpass"):
        # "sanctions imposed by the EU", "a lawsuit was brought against the city by residents": the passive's agent
        agents = [o for c in _children(sup, {"agent"}) for o in _children(c, {"pobj"})]
        if agents:
            source = _args(agents, actors, floor)
            reasons.append(f"source:agent-of-{sup.lemma_}")
    elif not source and sup is not None:
        subj, passive = _clause_subject(sup)
        if subj is not None and not passive:
            source = _args([subj], actors, floor)
            reasons.append(f"source:subject-of-{sup.lemma_}")
        elif subj is None:
            left = _left_actor(sup, actors)
            if left is not None:
                source = [left]
                reasons.append("source:left-actor")
    if row.type == "ASSAULT" and not target and (death := _death_verb(token)) is not None:
        # "a suspect died as a result of beatings while in Latvian army custody": who died is the victim, and
        # whoever held them in custody is the one the harm is reported against
        target = _args(_children(death, _SUBJ), actors, floor)
        reasons.append("target:subject-of-death")
        if not source:
            holder = _custodian(death, actors, floor)
            if holder is not None:
                source = [holder]
                reasons.append("source:custodian")
    if row.type == "ACCUSE" and not target and (held := _held_on(token)) is not None:
        # "arrested on charges of robbery", "jailed on suspicion of fraud": the charge is against the one held
        target = _args([held], actors, floor)
        reasons.append("target:held-on")
    if row.symmetric and not target and len(source) > 1:
        source, target = source[:1], source[1:]
    return source, target, reasons


def _held_on(noun: Token) -> Token | None:
    """The one a verb takes "on" an accusation ("Johnson was arrested on charges of robbery", "police held two men on
    suspicion of arson"): the verb's object, else its passive subject; None otherwise."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "on" or prep.head.pos_ != "VERB":
        return None
    verb = prep.head
    taken = _children(verb, {"dobj"}) or _children(verb, {"nsubjpass"})
    return taken[0] if taken else None


def _noun_source(token: Token, row: Trigger, actors: ActorIndex, floor: int, reasons: list[str]) -> list[Arg]:
    """The source on the noun itself: a "by" phrase, the possessor, the forces deployed, or an actor modifier."""
    source: list[Arg] = []
    for _prep, obj in _pobjs(token, {"by"}):
        source = _args([obj], actors, floor)
        reasons.append("source:by")
    if not source:
        poss = _children(token, {"poss"})
        if poss:
            source = [_arg(poss[0], actors, floor)]
            reasons.append("source:possessor")
    if not source and row.type == "MOBILIZE":
        # "the dispatch of NATO border troops": the forces deployed stand for whoever deploys them
        deployed = [o for _p, o in _pobjs(token, {"of"})]
        if deployed:
            source = [a for a in _args(deployed, actors, floor) if a.actor]
            reasons.append("source:deployed-forces")
    if not source:
        for mod in token.lefts:
            if mod.dep_ in ("compound", "amod", "nmod") and actors.at(mod.idx, mod.idx + len(mod.text)) is not None:
                source = [_arg(mod, actors, floor)]
                reasons.append("source:modifier")
                break
    return source


def _between_args(
    token: Token,
    row: Trigger,
    between: list[tuple[str, Token]],
    source: list[Arg],
    actors: ActorIndex,
    floor: int,
) -> tuple[list[Arg], list[Arg]]:
    """Source and target of "talks between A and B" (A and B, or both the targets of a mediator)."""
    args = _args([obj for _, obj in between], actors, floor)
    named = []
    for _, obj in between:
        # the parties themselves, not those a relative clause about them names ("whose ties ... with Tehran")
        clauses = [(c.left_edge.i, c.right_edge.i) for c in obj.subtree if c.dep_ == "relcl"]
        for t in obj.subtree:
            if any(a <= t.i <= b for a, b in clauses):
                continue
            hit = actors.at(t.idx, t.idx + len(t.text))
            if hit is not None and all(hit[2] != a.actor for a in named):
                named.append(Arg(hit[0], hit[1], hit[2]))
    if len(named) > len([a for a in args if a.actor]):
        args = named
    mediator = None
    if not source and mode_is_third_party(row) and (sup := _support_verb(token)) is not None:
        subj, passive = _clause_subject(sup)
        mediator = _args([subj], actors, floor) if subj is not None and not passive else None
    if mediator:
        # "X undertook a mediation mission between A and B": X mediates, A and B are both its targets
        return mediator, args
    if not source:
        return args[:1], args[1:]
    return source, args


def _noun_target(token: Token, row: Trigger, actors: ActorIndex, floor: int, reasons: list[str]) -> list[Arg]:
    """The target on the noun itself: a target preposition's object, the subject of a demanded clause, or the one who
    undergoes it ("the mayor is under investigation", "the convoy came under attack")."""
    preps = TARGET_PREPS | {"of"} if row.type in ("ASSAULT", "COERCE") else TARGET_PREPS
    if row.type == "ACCUSE":
        preps = preps | {"into"}  # "an inquiry into the mayor", "a probe into the firm": whom it investigates
    if token.dep_ == "pobj" and token.head.lower_ == "under" and token.head.head.pos_ in ("VERB", "AUX"):
        subj, _passive = _clause_subject(token.head.head)
        if subj is not None:
            reasons.append("target:under")
            return _args([subj], actors, floor)
    if row.symmetric:
        preps = SYMMETRIC_PREPS  # "talks on water": a topic
    found = _pp_target(token, preps - {"for"}, actors, floor, verbal=row.type not in MATERIAL_TYPES)
    if found is not None:
        target, prep = found
        reasons.append(f"target:{prep}")
        return target
    if row.type == "REQUEST":
        # "its demand that Peru lift the ban": the one the demanded clause names (hung on the noun or on the
        # verb it is the object of: "repeated its demand on Monday that Peru lift")
        verb = token.head if token.dep_ in _OBJ and token.head.pos_ in ("VERB", "AUX") else None
        for comp in _children(token, {"acl", "ccomp"}) + (_children(verb, {"ccomp"}) if verb is not None else []):
            args = [a for a in _args(_children(comp, _SUBJ), actors, floor) if a.actor]
            if args:
                reasons.append("target:demanded-clause-subject")
                return args
    return []


def _death_verb(noun: Token) -> Token | None:
    """The verb of dying a harm noun is the cause of ("died of torture", "died as a result of beatings", "died
    under torture", "succumbed to wounds from the beating"), or None."""
    t = noun
    for _ in range(4):
        if t.dep_ != "pobj" or t.head.dep_ != "prep":
            return None
        head = t.head.head
        if head.pos_ == "VERB":
            return head if head.lemma_.lower() in DEATH_VERBS else None
        if head.lemma_.lower() not in CAUSE_NOUNS:
            return None
        t = head
    return None


def _custodian(verb: Token, actors: ActorIndex, floor: int) -> Arg | None:
    """Who held the victim: "in Latvian army custody", "in the custody of the army"."""
    for _prep, obj in _pobjs(verb, {"in", "under", "while"}):
        if obj.lemma_.lower() != "custody":
            continue
        holders = [o for _p, o in _pobjs(obj, {"of"})]
        if holders:
            args = [a for a in _args(holders, actors, floor) if a.actor]
            if args:
                return args[0]
        mod = _modifier_actor(obj, actors)
        if mod is not None:
            return Arg(*_phrase(obj), mod)
    return None


def mode_is_third_party(row: Trigger) -> bool:
    """A trigger naming a third party's act between two others (mediation)."""
    return row.mode == "third-party"


_PREDICATE_DEPS = frozenset(["acomp", "attr", "oprd"])


def _evaluation_args(word: Token, actors: ActorIndex, floor: int) -> tuple[list[Arg], list[Arg], list[str]] | None:
    """The parties of an evaluation told by a predicate (PLOVER: criticism is ACCUSE, praise SUPPORT): whoever
    calls something so is its source, the party evaluated (or whose act or words are) its target.

    "The White House called the inquiry a sham" (a naming verb: its subject and object); "Clinton's campaign said
    what Trump is saying is dangerous", "officials said Trump's request was inappropriate" (a copula under a verb of
    saying: the speaker, and the copula's subject). None when the predicate is in neither construction."""
    head = word.head
    if word.dep_ == "oprd" and head.lemma_.lower() in NAMING_VERBS:
        subj, passive = _clause_subject(head)
        judged = _children(head, {"dobj"}) or ([subj] if passive and subj is not None else [])
        judge = [] if passive or subj is None else [subj]
    elif head.lemma_.lower() in COPULAS and head.dep_ == "ccomp" and head.head.lemma_.lower() in SAYING_VERBS:
        judged = _children(head, _SUBJ)
        subj, passive = _clause_subject(head.head)
        judge = [] if passive or subj is None else [subj]
    else:
        return None
    source = _args(judge, actors, floor)
    target = [a for a in (_evaluated(t, actors, floor) for t in judged) if a is not None]
    return source, target, ["source:evaluator"] * bool(source) + ["target:evaluated"] * bool(target)


def _evaluated(head: Token, actors: ActorIndex, floor: int) -> Arg | None:
    """The party an evaluation is aimed at: the one named, else the one whose act or words are named ("Trump's
    request", "what Trump is saying"), else None (a thing: "the weather was dangerous")."""
    own = _arg(head, actors, floor)
    if own.actor is not None:
        return own
    for t in subtree(head):
        if t.dep_ in ("poss", "nsubj", "compound") and actors.at(t.idx, t.idx + len(t.text)) is not None:
            return _arg(t, actors, floor)
    return None
