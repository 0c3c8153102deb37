"""Source and target of a verbal trigger, read from the parse.

Subject (or "by"-agent of a passive) for the source; object, a target preposition ("against", "on", "at"), a party
one step below the object, the recipient of aid or the subject of a governed infinitive for the target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..plover import MATERIAL_TYPES, SPEECH_ACT_TYPES
from ..syntax import PASS_SUBJ as _PASS_SUBJ
from ..syntax import SUBJ as _SUBJ
from ..syntax import children as _children
from ..syntax import dependents, speech_act_conjunct
from ._actors import ActorIndex, Arg
from ._arguments import _args, _left_actor, _modifier_actor, _place_arg, _topic_filter
from ._lexicon import (
    AGAINST_ONLY_TYPES,
    ANSWERED_NOUNS,
    INFINITIVE_TARGET_TYPES,
    INSTRUMENTS,
    MATTER_PREPS,
    PROPOSAL_NOUNS,
    RESPONSE_TYPES,
    STATIVE_PARTICIPLES,
    SYMMETRIC_PREPS,
    TARGET_PREPS,
)
from ._parse import _OBJ, _SMALL_CLAUSES, _clause_subject, _is_passive, _phrase, _pobjs, asks_by_to, asks_its_object
from ._triggers_table import Trigger

if TYPE_CHECKING:
    from spacy.tokens import Token


def _verb_args(token: Token, row: Trigger, actors: ActorIndex, floor: int) -> tuple[list[Arg], list[Arg], list[str]]:
    source: list[Arg] = []
    target: list[Arg] = []
    reasons: list[str] = []
    subj, passive, agents = _voice(token, row, reasons)
    if subj is None and not passive:
        left = _left_actor(token, actors)
        if left is not None:
            source = [left]
            reasons.append("source:left-actor")
    if passive:
        source, target = _passive_args(row, subj, agents, actors, floor, reasons)
    else:
        source, target = _active_args(token, row, subj, source, actors, floor, reasons)
    if not source:
        # "died in shelling by the coalition": a gerund's agent hangs as a plain "by" phrase.
        by = [who for _prep, obj in _pobjs(token, {"by"}) if (who := _wielder(obj)) is not None]
        if by:
            source = _args(by, actors, floor)
            reasons.append("source:by")
    if not target:
        target = _prep_target(token, row, actors, floor, reasons)
    if not any(a.actor for a in target) and not passive:
        # "threatened new measures against Peru", "demanded that Chile cancel": the party the object or
        # the demanded clause names, when the object itself is a thing.
        deeper = _object_party(token, row, actors, floor)
        if deeper is not None:
            target, reason = deeper
            reasons.append(reason)
    if not target and row.type == "AID":
        for dative in _children(token, {"dative"}):
            target = _args([dative], actors, floor)
            reasons.append("target:dative")
    if not target or (row.type == "AID" and "target:to" not in reasons):
        shared = _shared_target(token, row, actors, floor)
        if shared is not None:
            target, reason = shared
            reasons.append(reason)
    if row.symmetric and not target and len(source) > 1:
        source, target = source[:1], source[1:]
        reasons.append("symmetric:split-subject")
    return source, target, reasons


def _voice(token: Token, row: Trigger, reasons: list[str]) -> tuple[Token | None, bool, list[Token]]:
    """The verb's subject (inherited, or a speech act's speaker), whether the verb is passive, and its "by"-agents."""
    speech = speech_act_conjunct(token) if row.type in SPEECH_ACT_TYPES else None
    if speech is not None:
        subj, passive_subj = _children(speech, _SUBJ)[0], False
        reasons.append("source:speaker-conjunct")
    else:
        subj, passive_subj = _clause_subject(token)
    if passive_subj and token.dep_ == "conj" and not _is_passive(token) and not _children(token, _PASS_SUBJ):
        passive_subj = False  # "has been indicted ... and will resign": the subject acts in the active conjunct
    passive = passive_subj or _is_passive(token)
    agents = [o for prep in dependents(token) if prep.dep_ == "agent" for o in dependents(prep) if o.dep_ == "pobj"]
    if passive and not agents and token.lemma_.lower() in STATIVE_PARTICIPLES and _pobjs(token, {"to"}):
        passive = False  # "Norway is opposed to Swiss mediation": a state of its subject, not a passive
    return subj, passive, agents


def _passive_args(
    row: Trigger, subj: Token | None, agents: list[Token], actors: ActorIndex, floor: int, reasons: list[str]
) -> tuple[list[Arg], list[Arg]]:
    """Source and target of a passive verb: the "by"-agent and the passive subject."""
    source: list[Arg] = []
    target: list[Arg] = []
    if agents:
        agents = [who for a in agents if (who := _wielder(a)) is not None]
        source = _args(agents, actors, floor)
        reasons.append("source:by-agent")
    if subj is not None:
        target = _args([subj], actors, floor)
        reasons.append("target:passive-subject")
    if row.patient_is_source:
        source, target = target, source
    elif not agents and ((row.mode == "withdraw" and row.type == "RETREAT") or row.type in AGAINST_ONLY_TYPES):
        # "Forty UN monitors were flown out of Varna", "300 soldiers were deployed": the forces moved stand for
        # whoever moves them; the place a withdrawal leaves is looked for as the target
        source, target = target, []
        reasons.append("source:withdrawn-forces" if row.type == "RETREAT" else "source:deployed-forces")
    return source, target


def _wielder(agent: Token) -> Token | None:
    """Who a "by"-agent stands for: itself, or for a weapon ("killed by a roadside bomb") whoever the text says used
    it ("a bomb planted by the group"), else no one: a weapon is the means (the mode), never the source."""
    if agent.lemma_.lower() not in INSTRUMENTS:
        return agent
    for acl in dependents(agent):
        if acl.dep_ == "acl":
            for prep in dependents(acl):
                if prep.dep_ == "agent":
                    return next((o for o in dependents(prep) if o.dep_ == "pobj"), None)
    return None


def _active_args(
    token: Token,
    row: Trigger,
    subj: Token | None,
    source: list[Arg],
    actors: ActorIndex,
    floor: int,
    reasons: list[str],
) -> tuple[list[Arg], list[Arg]]:
    """Source and target of an active verb: the subject (else ``source`` as found so far) and the object."""
    verbal = row.type not in MATERIAL_TYPES
    target: list[Arg] = []
    if subj is not None:
        metonym = _place_arg(subj, actors, True)
        source = [metonym] if isinstance(metonym, Arg) else _args([subj], actors, floor)
        reasons.append("source:subject")
    # an object is never cut off from its verb by a comma ("opened fire on the post, an army spokesman, told")
    objs = [o for o in _children(token, _OBJ) if not any(t.text == "," for t in token.doc[token.i : o.left_edge.i])]
    if row.type == "ASSAULT":
        objs = [o for o in objs if o.lemma_.lower() not in INSTRUMENTS]  # "fired tear gas at X"
    if not objs and row.objects:
        # "took 18 crew members hostage": the small clause's subject is whom the act is done to
        clauses = [c for c in _children(token, _SMALL_CLAUSES) if c.lemma_.lower() in row.objects]
        objs = [s for c in clauses for s in _children(c, _SUBJ)]
    if row.type == "RETREAT" and row.mode == "withdraw":
        objs = []  # "will withdraw inspectors and aid workers from Iraq": what is withdrawn is the source's own
    if objs and not (row.objects and row.type == "COERCE" and row.mode == "seize"):
        metonym = _place_arg(objs[0], actors, verbal)
        target = [metonym] if isinstance(metonym, Arg) else _args(objs, actors, floor)
        topical = row.symmetric or row.type in SPEECH_ACT_TYPES or row.type in ("RETREAT", "AID")
        if topical and not asks_its_object(row):  # "urged donors to": the object is the one asked, whatever it is
            target = _topic_filter(target, objs)  # "discussed water sharing": a topic, not a party
        reasons.append("target:object")
    elif row.objects and row.type == "COERCE":
        pass  # "declared a caliphate": the object is the thing declared, not a target actor
    return source, target


def _prep_target(token: Token, row: Trigger, actors: ActorIndex, floor: int, reasons: list[str]) -> list[Arg]:
    """The target in the first of the verb's target prepositions that names one ("fired at", "talks with")."""
    verbal = row.type not in MATERIAL_TYPES
    preps = SYMMETRIC_PREPS if row.symmetric else TARGET_PREPS - ({"to", "for"} if row.type != "AID" else set())
    if asks_by_to(row):
        preps = preps | {"to"}  # "appealed to both communities": the one addressed
    if row.type == "ACCUSE":
        preps = preps | MATTER_PREPS  # "complained to the UN over Israeli air raids": the party of the matter
    for prep, obj in _pobjs(token, preps):
        if row.particle and prep == row.particle and row.particle not in ("on", "at"):
            continue
        metonym = _place_arg(obj, actors, verbal)
        if metonym is False:
            continue  # "delivered flour to Jabalia": the place, not the recipient
        found = [metonym] if isinstance(metonym, Arg) else _args([obj], actors, floor)
        if not found:
            continue  # "on Tuesday": a date, no participant
        reasons.append(f"target:{prep}")
        return found
    return []


def _shared_target(token: Token, row: Trigger, actors: ActorIndex, floor: int) -> tuple[list[Arg], str] | None:
    """A target the verb's own phrases do not give: the recipient in a "to" phrase of AID ("contribute troops to a
    force", the object being what is given), of a coordinated verb sharing the subject ("donated and delivered goods
    to X"), or the subject of an infinitive the verb governs ("allowed candidate Ouattara to participate")."""
    if row.type == "AID":
        verbs = [token, *[c for c in token.conjuncts if c.i > token.i and not _children(c, _SUBJ)]]
        heads = verbs + [o for v in verbs for o in _children(v, _OBJ)]  # "sent $8,000 worth of medicine to X"
        for verb in heads:
            for _prep, obj in _pobjs(verb, {"to"}):
                if _place_arg(obj, actors, False) is False:
                    continue
                args = _args([obj], actors, floor)
                if args:
                    return args, "target:to"
    if row.type in INFINITIVE_TARGET_TYPES and not _children(token, _OBJ):
        for comp in _children(token, {"ccomp", "xcomp"}):
            subj = _children(comp, _SUBJ)
            if subj and any(c.dep_ == "aux" and c.lower_ == "to" for c in dependents(comp)):
                args = [a for a in _args(subj, actors, floor) if a.actor]
                if args:
                    return args, "target:infinitive-subject"
    return None


def _proposals(token: Token, nouns: frozenset[str] = PROPOSAL_NOUNS) -> list[Token]:
    """The proposal nouns a response verb answers: its object, or the object of "respond to", "refused to answer"."""
    out = [o for o in _children(token, _OBJ) if o.lemma_.lower() in nouns]
    for comp in _children(token, {"xcomp"}):
        out += [o for o in _children(comp, _OBJ) if o.lemma_.lower() in nouns]
        out += [o for _p, o in _pobjs(comp, {"to"}) if o.lemma_.lower() in nouns]
    return out


def _object_party(token: Token, row: Trigger, actors: ActorIndex, floor: int) -> tuple[list[Arg], str] | None:
    """A target one step below the verb: a party in the object's against/on/to phrase, or the subject of the
    clause a REQUEST asks for ("demanded that Chile cancel the contract")."""
    if row.type in ("REQUEST", "ACCUSE"):
        # "demanded that Chile cancel the contract"; "Latvian authorities are ignoring ..., a rights group protested":
        # the party the demanded or criticised clause is about
        for comp in _children(token, {"ccomp"}):
            subj = _children(comp, _SUBJ)
            if subj:
                args = [a for a in _args(subj, actors, floor) if a.actor]
                if args:
                    return args, f"target:{row.type.lower()}-clause-subject"
    if row.type == "THREATEN":
        # "threatened to strike unless Peru withdrew ...", "... if Chile goes ahead": the party whose
        # act the condition names is the one threatened
        for clause in (c for t in [token, *_children(token, {"xcomp"})] for c in _children(t, {"advcl"})):
            if any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in dependents(clause)):
                args = [a for a in _args(_children(clause, _SUBJ), actors, floor) if a.actor]
                if args:
                    return args, "target:condition-subject"
    if row.type in RESPONSE_TYPES:
        # "rejected calls by Ilse Maranov", "turned down a plea from the president", "accepted Iraq's offer": the
        # party answered is the one who made the proposal.
        # "dismissed the residents' accounts", "rejected claims by the ELN": a claim's maker is the one rejected
        claims = row.type == "REJECT"
        for obj in _proposals(token, ANSWERED_NOUNS if claims else PROPOSAL_NOUNS):
            inner = [o for _p, o in _pobjs(obj, {"by", "from"})] + _children(obj, {"poss"})
            args = [a for a in _args(inner, actors, floor) if a.actor or claims] if inner else []
            if not args:
                mod = _modifier_actor(obj, actors)
                args = [Arg(*_phrase(obj), mod)] if mod else []
            if args:
                return args, "target:proposer"
    for obj in _children(token, _OBJ):
        for prep, inner in _pobjs(obj, {"with"} if row.symmetric else {"against", "on", "upon", "to"}):
            if prep == "to" and row.type not in ("AID", "AGREE", "REJECT", "SANCTION"):
                continue
            args = [a for a in _args([inner], actors, floor) if a.actor]
            if args:
                return args, f"target:object-{prep}"
    return None
