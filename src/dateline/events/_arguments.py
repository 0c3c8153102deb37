"""From an argument's head to the actor it names.

``_arg`` maps one head to an actor: its own mention, a modifier's ("a Russian missile"), a possessor's, an actor
named inside it ("leader of IS"), or, for a pronoun, "the group" or "the men", an earlier actor of the paragraph.
``_args`` does so for coordinated heads; the prepositional-target and toponym helpers serve the verb and noun
argument readers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import PEOPLE_NOUNS, SAYING_VERBS
from ..syntax import SUBJ as _SUBJ
from ..syntax import children as _children
from ..syntax import dependents
from ._actors import ActorIndex, Arg
from ._lexicon import (
    AGENT_KINDS,
    COMBATANT_NOUNS,
    DEFINITE,
    DOCUMENT_NOUNS,
    FIRST_PLURAL,
    FORCE_NOUNS,
    GROUP_NOUNS,
    MEMBER_NOUNS,
    NOT_ARGUMENT_ENTS,
    PARTY_NOUNS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    QUANTITY_NOUNS,
    REFLEXIVES,
    STATE_PARTY_NOUNS,
    SUBJECT_PRONOUNS,
    THING_PRONOUNS,
)
from ._parse import _allied, _conjuncts, _noun_lemma, _phrase, _pobjs

if TYPE_CHECKING:
    from spacy.tokens import Token


_VERBAL_PLACE_TYPES = frozenset(["PPLC", "PCLI", "PCLD", "PCLF", "PCLS", "PCL", "PCLIX"])


def _args(heads: list[Token], index: ActorIndex, floor: int) -> list[Arg]:
    """Arguments for coordinated heads; when some name actors, descriptions that name none are dropped."""
    tokens = [
        t for h in heads for t in _conjuncts(h) if t.ent_type_ not in NOT_ARGUMENT_ENTS and t.lower_ not in REFLEXIVES
    ]
    if len(tokens) > 1:  # "a Caliphate and its fighters": an indefinite conjunct is not a known agent
        tokens = [t for t in tokens if not any(c.lower_ in ("a", "an") for c in dependents(t))] or tokens
    args = []
    for t in tokens:
        args.extend(_group_members(t, index) or [_arg(t, index, floor)])
    if any(a.actor for a in args):
        args = [a for a in args if a.actor]
    seen: set[str] = set()
    out = []
    for a in args:
        if a.actor is None or a.actor not in seen:
            out.append(a)
            seen.add(a.actor or "")
    return out


def _group_members(token: Token, index: ActorIndex) -> list[Arg]:
    """The several actors a plural head stands for, when it names none itself.

    "the foreign ministers of Turkey and Iraq": the coordinated of-complement; "the two governments",
    "both sides": the last two known parties mentioned before.
    """
    own = index.at(token.idx, token.idx + len(token.text))
    if token.tag_ not in ("NNS", "NNPS") or (own is not None and not own[2].startswith("x-")):
        return []
    members = []
    for prep in dependents(token):
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in dependents(prep):
                if obj.dep_ == "pobj":
                    for t in _conjuncts(obj):
                        hit = index.at(t.idx, t.idx + len(t.text))
                        if hit is not None and all(hit[2] != m.actor for m in members):
                            members.append(Arg(hit[0], hit[1], hit[2]))
    if len(members) > 1:
        return members
    two = any(c.lower_ in ("two", "both") for c in dependents(token) if c.dep_ in ("nummod", "det", "predet"))
    lemma = token.lemma_.lower()
    if not two or lemma not in PARTY_NOUNS:
        return []
    kinds = frozenset(["state", "government"]) if lemma in STATE_PARTY_NOUNS else None
    parties = index.parties_before(token.idx, kinds)
    if len(parties) < 2:
        return []
    start, end = _phrase(token)
    return [Arg(start, end, p[2], from_context=True) for p in parties]


def _modifier_actor(token: Token, index: ActorIndex, skip: str | None = None) -> str | None:
    """An actor named by a modifier of the head ("a Russian missile", "a World Food Programme convoy"), or by the
    modifier of a compound title ("U.N. mediator Marta Solvig")."""
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "nmod"):
            for t in (child, *[g for g in child.subtree if g.i < child.i]):  # "U.N. Secretary-General Ilse Maranov"
                hit = index.at(t.idx, t.idx + len(t.text))
                if hit is not None and hit[2] != skip:
                    return hit[2]
    return None


def _left_actor(verb: Token, index: ActorIndex) -> Arg | None:
    """An actor mention just left of a subjectless verb ("IS made gains" with IS mis-tagged as a verb)."""
    for i in range(verb.i - 1, max(verb.sent.start, verb.i - 4) - 1, -1):
        t = verb.doc[i]
        if t.pos_ == "VERB" or t.is_punct:
            return None
        hit = index.at(t.idx, t.idx + len(t.text))
        if hit is not None:
            return Arg(hit[0], hit[1], hit[2])
    return None


def _arg(token: Token, index: ActorIndex, sent_floor: int) -> Arg:
    """Map an argument head to an actor: its own mention, an actor inside it, or a pronoun's antecedent."""
    if token.lemma_.lower() in QUANTITY_NOUNS or token.pos_ == "NUM":
        # "Thousands of students": the people are the argument, the quantity is part of its words.
        of = [o for p in dependents(token) if p.lower_ == "of" for o in dependents(p) if o.dep_ == "pobj"]
        if of:
            inner = _arg(of[0], index, sent_floor)
            return Arg(
                min(token.idx, inner.start),
                max(inner.end, token.idx + len(token.text)),
                inner.actor,
                inner.from_context,
            )
    start, end = _phrase(token)
    # The head noun phrase names the actor ("Yemen's Houthi rebels" -> the Houthis); a possessor is only its
    # affiliation. A known actor on a modifier beats an x- description of the head ("EU foreign ministers").
    own = index.at(token.idx, token.idx + len(token.text))
    poss = [c for c in dependents(token) if c.dep_ == "poss" and c.pos_ == "PRON"]
    if own is not None and not (own[2].startswith("x-") and poss):
        return _own_arg(token, index, own[2], start, end)
    mod = _modifier_actor(token, index)
    if mod is not None:
        return Arg(start, end, mod)
    lower = token.lower_
    if lower in FIRST_PLURAL:
        speaker = index.speaker_at(token.idx)
        if speaker is not None:
            return Arg(start, end, speaker, from_context=True)
    if token.pos_ == "PRON" or lower in PLURAL_PRONOUNS:
        return _pronoun_arg(token, index, sent_floor, start, end)
    if token.lemma_.lower() in GROUP_NOUNS and any(c.lower_ == "the" for c in token.lefts):
        ante = index.before(token.idx, sent_floor, False)
        if ante is not None:
            return Arg(start, end, ante[2], from_context=True)
    return _described_arg(token, index, sent_floor, start, end, poss)


def _own_arg(token: Token, index: ActorIndex, own: str, start: int, end: int) -> Arg:
    """The argument of a head with an actor mention of its own, or of the organisation its officer acts for."""
    own_kind = index.kind.get(own)
    if own.startswith("x-") or own_kind in ("person", "organization"):
        # "EU foreign ministers"; "U.N. mediator Marta Solvig", "African Union chairman Ruel", "Ilse
        # Maranov, UN secretary-general": an international organisation's officer acts for it
        mod = _modifier_actor(token, index, skip=own)
        if mod is None and not index.country.get(own):
            mod = next((m for a in _children(token, {"appos"}) if (m := _modifier_actor(a, index, own))), None)
        officer = own.startswith("x-") or index.kind.get(mod or "") in ("igo", "ngo")
        if mod is not None and not mod.startswith("x-") and officer and own_kind not in ("igo", "ngo", "state"):
            return Arg(start, end, mod)
    return Arg(start, end, own)


def _pronoun_arg(token: Token, index: ActorIndex, sent_floor: int, start: int, end: int) -> Arg:
    """A pronoun's argument: the reporter of its reported clause, else the nearest earlier actor (or, for
    "they"/"them", people named nearer)."""
    lower = token.lower_
    reporter = _reporting_subject(token)
    if reporter is not None:
        # the reporter is the referent even when it names no actor ("the farm union's leaders said they would"):
        # its country is read from its own words later
        inner = _arg(reporter, index, sent_floor)
        return Arg(inner.start, inner.end, inner.actor, from_context=True)
    person = True if lower in PERSON_PRONOUNS else False if lower in THING_PRONOUNS | PLURAL_PRONOUNS else None
    ante = index.before(token.idx, sent_floor, person)
    if ante is not None and lower not in PLURAL_PRONOUNS:
        return Arg(ante[0], ante[1], ante[2], from_context=True)
    people = _people_antecedent(token)
    if people is not None and (ante is None or people.idx > ante[0]):
        p_start, p_end = _phrase(people)
        return Arg(p_start, p_end, _definite_people(people, index, sent_floor), from_context=True)
    if ante is not None:
        return Arg(ante[0], ante[1], ante[2], from_context=True)
    return Arg(start, end, None)


def _described_arg(token: Token, index: ActorIndex, sent_floor: int, start: int, end: int, poss: list[Token]) -> Arg:
    """The argument of a head that names no actor: one named inside it, its possessor's, or the civilians a
    definite description of people refers back to."""
    # "messengers representing Baghdadi", "leader of IS": an actor named inside the argument; "militants from
    # al-Shabaab": members from a group (not people from a country: "refugees from Syria" are not Syria).
    for child in token.rights:
        member = child.dep_ == "prep" and child.lower_ == "from" and _noun_lemma(token) in MEMBER_NOUNS
        if (child.dep_ == "acl" and child.pos_ == "VERB") or (child.dep_ == "prep" and child.lower_ == "of") or member:
            for t in child.subtree:
                inner = index.at(t.idx, t.idx + len(t.text))
                if inner is not None and t.pos_ in ("PROPN", "NOUN", "ADJ") and not _allied(t):
                    if member and index.kind.get(inner[2]) in ("state", "person", "media", "civilians"):
                        break
                    return Arg(start, max(end, inner[1]), inner[2], from_context=True)
    # "an earlier statement blamed ...": a statement speaks for whoever issued it, the last actor before it.
    if token.lemma_.lower() in DOCUMENT_NOUNS and token.dep_ in ("nsubj", "nsubjpass"):
        ante = index.before(token.idx, sent_floor, None)
        if ante is not None:
            return Arg(start, end, ante[2], from_context=True)
    # "its fighters", "their leader": the possessor names the actor; "its forces" of a state are its military.
    if poss and token.pos_ == "NOUN":
        ante = index.before(poss[0].idx, sent_floor, False)
        if poss[0].lower_ in FIRST_PLURAL and index.speaker_at(poss[0].idx) is not None:
            ante = (poss[0].idx, poss[0].idx, index.speaker_at(poss[0].idx))  # "our forces" in a quote
        if ante is not None:
            actor = ante[2]
            if token.lemma_.lower() in FORCE_NOUNS and index.kind.get(actor) in ("state", "government"):
                actor = index.of_country(index.country.get(actor), "military") or actor
            return Arg(start, end, actor, from_context=True)
    # "Yemen's fighters", "the government's tax law": a head naming no actor stands for its possessor.
    owner = [c for c in dependents(token) if c.dep_ == "poss" and c.pos_ != "PRON" and not _allied(c)]
    if owner:
        hit = index.at(owner[0].idx, owner[0].idx + len(owner[0].text))
        if hit is not None:
            return Arg(start, end, hit[2], from_context=True)
    people = _definite_people(token, index, sent_floor)
    if people is not None:
        return Arg(start, end, people, from_context=True)
    return Arg(start, end, None)


def _definite_people(token: Token, index: ActorIndex, floor: int) -> str | None:
    """A definite plural description of people ("the men", "these prisoners") that names no actor refers back to
    the civilians last mentioned in the paragraph ("the victims" driven to Khasfa ... "The men had their hands
    bound"): a definite article presents them as known."""
    if token.tag_ != "NNS" or token.lemma_.lower() not in PEOPLE_NOUNS - COMBATANT_NOUNS:
        return None
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in dependents(token)):
        return None
    if index.at(token.idx, token.idx + len(token.text)) is not None:
        return None
    hit = index.civilians_before(token.idx, floor)
    return hit[2] if hit is not None else None


def _reporting_subject(pron: Token) -> Token | None:
    """For the subject pronoun of a reported clause, the reporter: "the union leaders said they would picket",
    "the envoy announced that she will withdraw" (the speaker speaks of itself)."""
    if pron.dep_ not in ("nsubj", "nsubjpass") or pron.lower_ not in SUBJECT_PRONOUNS:
        return None
    clause = pron.head
    if clause.dep_ != "ccomp" or clause.head is clause:
        return None
    subj = _children(clause.head, _SUBJ)
    if not subj or subj[0].pos_ == "PRON" or subj[0].i > pron.i:
        return None
    plural = pron.lower_ in ("they", "we")
    if plural != (subj[0].tag_ in ("NNS", "NNPS")) and pron.lower_ != "it":
        return None
    return subj[0]


def _people_antecedent(pron: Token) -> Token | None:
    """For "they/them": the nearest earlier plural people-noun ("the men", "the victims") in ~2 sentences."""
    doc = pron.doc
    floor = max(0, pron.sent.start - 80)
    for i in range(pron.i - 1, floor - 1, -1):
        t = doc[i]
        if t.tag_ == "NNS" and t.lemma_.lower() in PEOPLE_NOUNS and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            return t
    return None


def _is_participant(arg: Arg, token: Token) -> bool:
    """An argument that can take part in a symmetric or speech event: an actor, people, or a proper name.

    "met to discuss water sharing", "demanded a return to civilian rule": the object is a topic, not a party.
    """
    lemma = token.lemma_.lower()
    return arg.actor is not None or lemma in PEOPLE_NOUNS | PARTY_NOUNS | GROUP_NOUNS or token.pos_ == "PROPN"


def _topic_filter(args: list[Arg], heads: list[Token]) -> list[Arg]:
    tokens = [t for h in heads for t in _conjuncts(h)]
    return [a for a in args if a.actor is not None or any(_is_participant(a, t) for t in tokens)]


def _pp_target(
    head: Token, preps: frozenset[str] | set[str], index: ActorIndex, floor: int, *, verbal: bool
) -> tuple[list[Arg], str] | None:
    """The target in the first of ``head``'s prepositional objects that may be one, with its preposition."""
    for prep, obj in _pobjs(head, preps):
        metonym = _place_arg(obj, index, verbal)
        if metonym is False:
            continue
        found = [metonym] if isinstance(metonym, Arg) else _args([obj], index, floor)
        if found:  # "on Thursday": a date, no participant
            return found, prep
    return None


def _place_arg(obj: Token, index: ActorIndex, verbal: bool) -> Arg | bool | None:
    """For a toponym argument: the state a capital or country stands for in a verbal event ("called on Ankara"),
    else False (a place is where, not whom); None when ``obj`` is no toponym."""
    place = index.places.get(obj.i)
    if place is None or index.at(obj.idx, obj.idx + len(obj.text)) is not None:
        return None
    code, country = place
    state = index.of_country(country, "state") if verbal and code in _VERBAL_PLACE_TYPES else None
    if state is None:
        return False
    return Arg(obj.idx, obj.idx + len(obj.text), state, from_context=True)


def _context_agent(token: Token, actors: ActorIndex, floor: int) -> Arg | None:
    """For an agentless passive ("they were shot"): the nearest earlier non-person actor in the paragraph."""
    ante = actors.before(token.idx, floor, False, AGENT_KINDS)
    if ante is None:
        return None
    # "The United States said it would respond if shipping was attacked": a speaker is not the implicit attacker
    for anc in token.ancestors:
        if anc.lemma_.lower() in SAYING_VERBS:
            subj = _children(anc, _SUBJ)
            if subj and subj[0].left_edge.idx <= ante[0] < subj[0].idx + len(subj[0].text) + 1:
                return None
    return Arg(ante[0], ante[1], ante[2], from_context=True)
