"""Trigger matching and argument extraction over the spaCy dependency parse.

``find_candidates`` walks the tokens once, looks each lemma up in the compiled lexicon, checks the
row's constraints (particle, object, support verb), then reads the source and target from the
parse: subject / "by"-agent / possessor for the source; object / against-on-at PP / "with" or
"between A and B" for the target. Argument heads are mapped to actors through the mentions the
actors stage found; pronouns and "the group" go to the nearest compatible earlier actor.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..lexicon import PEOPLE_NOUNS, SAYING_VERBS, word_set
from ..plover import MATERIAL_TYPES, SPEECH_ACT_TYPES
from ..syntax import PASS_SUBJ as _PASS_SUBJ
from ..syntax import SUBJ as _SUBJ
from ..syntax import children as _children
from ..syntax import speech_act_conjunct
from ._anchors import paragraph_at
from .lexicon import ASSAULT_MODE_CUES, SUPPORT_VERBS, Trigger

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from ..model import Actor

SPEECH_VERBS = SAYING_VERBS
_PERSON_PRONOUNS = word_set("he him his she her")
_THING_PRONOUNS = word_set("it its")
_PLURAL_PRONOUNS = word_set("they them their")
_FIRST_PLURAL = word_set("we us our")
_GROUP_NOUNS = word_set(
    "group organisation organization militant jihadist extremist insurgent movement faction network "
    "government regime ministry army force"
)
# Common nouns that name people who can be an event's target even when no actor is known.
_PEOPLE_NOUNS = PEOPLE_NOUNS
_COMBATANT_NOUNS = word_set("soldier fighter")
_NON_AGENT_KINDS = frozenset(["media"])
# Kinds that can carry out an ASSAULT/COERCE when the text leaves the agent implicit ("they were shot").
_AGENT_KINDS = word_set("state government military police rebels terrorist-group party organization")
_ARG_MODS = word_set("det amod compound poss nummod quantmod nmod")
_OBJ = frozenset(["dobj", "obj", "attr"])
_TARGET_PREPS = frozenset(["against", "on", "at", "upon", "with", "to", "for"])
_SYMMETRIC_PREPS = frozenset(["with"])
_QUANTITY_NOUNS = word_set("thousand hundred dozen score million some many group crowd")
_NOT_ARGUMENT_ENTS = word_set("DATE TIME PERCENT MONEY")
_IN_VERBS = word_set("be engage enter go remain join arrive come travel embark")  # "arrived on a visit"
# Objects of an attack verb that are its instrument, not its target ("fired tear gas at", "opened fire on").
_INSTRUMENTS = word_set(
    "fire gas teargas tear-gas rocket missile shell mortar bullet round grenade bomb volley shot cannon salvo "
    "artillery drone projectile munition"
)
# Heads naming members of a group, who act for it ("militants from al-Shabaab", "fighters from the Islamic State").
_MEMBER_NOUNS = word_set(
    "militant fighter gunman gunmen member soldier troop rebel insurgent guerrilla jihadist commando delegate "
    "delegation representative official envoy doctor volunteer worker activist"
)
# Facilities named after the national institution that holds them ("an army base", "a police station"): an attack
# on one is an attack on that institution.
_FACILITY_NOUNS = word_set(
    "base post checkpoint station barrack barracks headquarters camp convoy patrol outpost garrison compound "
    "building office ministry academy airbase vehicle"
)
_INSTITUTION_KINDS = {
    "army": "military",
    "military": "military",
    "navy": "military",
    "naval": "military",
    "troop": "military",
    "soldier": "military",
    "police": "police",
    "security": "police",
    "government": "government",
}
# Heads that name the perpetrators of an attack already reported ("the attackers", "several assailants").
_PERPETRATOR_NOUNS = word_set("attacker assailant perpetrator raider gunman gunmen")
# Heads of a plural phrase that stands for the parties named before ("the two governments", "both sides").
_PARTY_NOUNS = word_set("government country side state nation party leader minister delegation")
_STATE_PARTY_NOUNS = word_set("government country state nation minister delegation")
# Kinds of actor whose arms are weapons and troops ("its forces", "its missiles" -> the state's military).
_FORCE_NOUNS = word_set("force troop soldier army missile rocket drone warplane jet artillery shell tank navy")
_DOCUMENT_NOUNS = word_set("statement report communique announcement declaration")
_VERBAL_PLACE_TYPES = frozenset(["PPLC", "PCLI", "PCLD", "PCLF", "PCLS", "PCL", "PCLIX"])
_STRIKE_ASSAULT = {
    "air": "aerial",
    "drone": "drone",
    "missile": "heavy-weapons",
    "rocket": "heavy-weapons",
    "military": "aerial",
    "airstrike": "aerial",
}


@dataclass(slots=True)
class Arg:
    """An argument of an event: the words, and the actor they name (if any)."""

    start: int
    end: int
    actor: str | None
    from_context: bool = False  # resolved through a pronoun, a generic noun or preceding context
    country: str | None = None  # ISO-3 the argument acts for when its actor names none (set by ``contextualise``)
    place: bool = False  # the words are a toponym standing for its country ("shelled Juba")
    kind: str | None = None  # the national institution a facility names ("an army base" -> military)


@dataclass(slots=True)
class Candidate:
    row: Trigger
    mode: str | None
    token: Token
    start: int
    end: int
    sent: SpacySpan
    source: list[Arg] = field(default_factory=list)
    target: list[Arg] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # triggers merged into this one


class ActorIndex:
    """Actor mentions sorted by offset, for span lookup and pronoun resolution in one document."""

    def __init__(self, actors: list[Actor]):
        self.kind = {a.id: a.kind for a in actors}
        self.country = {a.id: a.country for a in actors}
        self.mentions = sorted((m.start, m.end, a.id) for a in actors for m in a.mentions)
        self._starts = [m[0] for m in self.mentions]
        # the largest end among mentions[0..k]: the first k whose value exceeds an offset is the leftmost mention
        # reaching past it, so a lookup bisects instead of scanning from the start of the document
        self._reach: list[int] = []
        for m in self.mentions:
            self._reach.append(max(m[1], self._reach[-1]) if self._reach else m[1])
        self._civilians = [k for k, m in enumerate(self.mentions) if self.kind.get(m[2]) == "civilians"]
        self.by_actor: dict[str, list[tuple[int, int, str]]] = {}  # actor id -> its mentions, in text order
        for m in self.mentions:
            self.by_actor.setdefault(m[2], []).append(m)
        # token index -> (GeoNames feature code, ISO-3 country) of toponyms, set by the stage
        self.places: dict[int, tuple[str | None, str | None]] = {}
        # token index -> ISO-3 of words naming a country's people or government ("Palestinian", "Serbian"), set by the
        # stage from the places stage's actor mentions
        self.demonyms: dict[int, str] = {}
        # one-word toponyms of the document -> ISO-3, for names the places stage left inside an actor's name
        self.place_names: dict[str, str] = {}
        self.sentence_countries: dict[int, str | None] = {}  # memo of ``_sentence_country`` by sentence start
        # direct quotes as (start, end, speaker actor id, speaker's group actor id), set by the stage
        self.quotes: list[tuple[int, int, str | None, str | None]] = []

    def speaker_at(self, offset: int) -> str | None:
        """For "we"/"our" inside a direct quote: the group the speaker speaks for, else the speaker."""
        for start, end, speaker, group in self.quotes:
            if start <= offset < end:
                return group or speaker
        return None

    def at(self, start: int, end: int) -> tuple[int, int, str] | None:
        """The mention overlapping ``start:end`` (the first one, which is the leftmost)."""
        k = bisect_right(self._reach, start)
        if k < len(self.mentions) and self.mentions[k][0] < end:
            return self.mentions[k]
        return None

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The mentions overlapping ``start:end``, leftmost first."""
        out = []
        for k in range(bisect_right(self._reach, start), len(self.mentions)):
            m = self.mentions[k]
            if m[0] >= end:
                break
            if m[1] > start:
                out.append(m)
        return out

    def _window(self, offset: int, floor: int) -> range:
        """Indices of the mentions that start at or after ``floor`` and precede the first one reaching past
        ``offset`` (the mentions the backward lookups may return)."""
        return range(bisect_left(self._starts, floor), bisect_right(self._reach, offset))

    def civilians_before(self, offset: int, floor: int) -> tuple[int, int, str] | None:
        """The nearest civilians actor mentioned before ``offset`` in the paragraph ("the victims" for "the men")."""
        window = self._window(offset, floor)
        k = bisect_left(self._civilians, window.stop) - 1
        if k >= 0 and self._civilians[k] >= window.start:
            return self.mentions[self._civilians[k]]
        return None

    def of_country(self, country: str | None, kind: str) -> str | None:
        """The actor of ``kind`` from ``country`` in this document ("its forces" of Russia -> Russia's military)."""
        if country is None:
            return None
        return next((a for a, k in self.kind.items() if k == kind and self.country.get(a) == country), None)

    def parties_before(self, offset: int, kinds: frozenset[str] | None, n: int = 2) -> list[tuple[int, int, str]]:
        """The last ``n`` distinct known actors mentioned before ``offset`` ("the two governments")."""
        out: list[tuple[int, int, str]] = []
        for k in range(bisect_right(self._starts, offset) - 1, -1, -1):
            m = self.mentions[k]
            if m[1] > offset or m[2].startswith("x-") or any(m[2] == o[2] for o in out):
                continue
            kind = self.kind.get(m[2])
            if kind in _NON_AGENT_KINDS or kind == "person" or (kinds is not None and kind not in kinds):
                continue
            out.append(m)
            if len(out) == n:
                break
        return sorted(out)

    def before(
        self, offset: int, floor: int, person: bool | None, kinds: frozenset[str] | None = None
    ) -> tuple[int, int, str] | None:
        """Like :meth:`_before`, preferring actors from the knowledge base over unknown ``x-`` ones."""
        return self._before(offset, floor, person, kinds, known=True) or self._before(offset, floor, person, kinds)

    def _before(
        self, offset: int, floor: int, person: bool | None, kinds: frozenset[str] | None = None, known: bool = False
    ) -> tuple[int, int, str] | None:
        """The nearest mention ending before ``offset`` and starting after ``floor``, of the right kind."""
        for k in reversed(self._window(offset, floor)):
            m_start, m_end, actor_id = self.mentions[k]
            kind = self.kind.get(actor_id)
            if kind in _NON_AGENT_KINDS:
                continue
            if person is not None and (kind == "person") != person:
                continue
            if kinds is not None and (kind not in kinds or actor_id.startswith("x-")):
                continue
            if known and actor_id.startswith("x-"):
                continue
            return m_start, m_end, actor_id
        return None


def _phrase(token: Token) -> tuple[int, int]:
    """Character extent of a noun's compact phrase: the head with its determiners and modifiers."""
    left = token
    for child in token.lefts:
        if child.dep_ in _ARG_MODS or (child.dep_ == "punct" and child.text in "-–"):
            left = child if child.i < left.i else left
            # include the modifier's own left material ("Iraq's Vice President")
            left = min(left, child.left_edge, key=lambda t: t.i)
    right = token
    for child in token.rights:
        if child.dep_ in ("compound", "nummod", "appos") and child.i == right.i + 1:
            right = child
    return left.idx, right.idx + len(right.text)


def _conjuncts(token: Token) -> list[Token]:
    return [token, *[t for t in token.conjuncts if t.i > token.i]]


def _args(heads: list[Token], index: ActorIndex, floor: int) -> list[Arg]:
    """Arguments for coordinated heads; when some name actors, descriptions that name none are dropped."""
    tokens = [
        t for h in heads for t in _conjuncts(h) if t.ent_type_ not in _NOT_ARGUMENT_ENTS and t.lower_ not in _REFLEXIVES
    ]
    if len(tokens) > 1:  # "a Caliphate and its fighters": an indefinite conjunct is not a known agent
        tokens = [t for t in tokens if not any(c.lower_ in ("a", "an") for c in t.children)] or tokens
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
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    for t in _conjuncts(obj):
                        hit = index.at(t.idx, t.idx + len(t.text))
                        if hit is not None and all(hit[2] != m.actor for m in members):
                            members.append(Arg(hit[0], hit[1], hit[2]))
    if len(members) > 1:
        return members
    two = any(c.lower_ in ("two", "both") for c in token.children if c.dep_ in ("nummod", "det", "predet"))
    lemma = token.lemma_.lower()
    if not two or lemma not in _PARTY_NOUNS:
        return []
    kinds = frozenset(["state", "government"]) if lemma in _STATE_PARTY_NOUNS else None
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
    if token.lemma_.lower() in _QUANTITY_NOUNS or token.pos_ == "NUM":
        # "Thousands of students": the people are the argument, the quantity is part of its words.
        of = [o for p in token.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
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
    poss = [c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"]
    if own is not None and not (own[2].startswith("x-") and poss):
        own_kind = index.kind.get(own[2])
        if own[2].startswith("x-") or own_kind in ("person", "organization"):
            # "EU foreign ministers"; "U.N. mediator Marta Solvig", "African Union chairman Ruel", "Ilse
            # Maranov, UN secretary-general": an international organisation's officer acts for it
            mod = _modifier_actor(token, index, skip=own[2])
            if mod is None and not index.country.get(own[2]):
                mod = next((m for a in _children(token, {"appos"}) if (m := _modifier_actor(a, index, own[2]))), None)
            officer = own[2].startswith("x-") or index.kind.get(mod or "") in ("igo", "ngo")
            if mod is not None and not mod.startswith("x-") and officer and own_kind not in ("igo", "ngo", "state"):
                return Arg(start, end, mod)
        return Arg(start, end, own[2])
    mod = _modifier_actor(token, index)
    if mod is not None:
        return Arg(start, end, mod)
    lower = token.lower_
    if lower in _FIRST_PLURAL:
        speaker = index.speaker_at(token.idx)
        if speaker is not None:
            return Arg(start, end, speaker, from_context=True)
    if token.pos_ == "PRON" or lower in _PLURAL_PRONOUNS:
        reporter = _reporting_subject(token)
        if reporter is not None:
            # the reporter is the referent even when it names no actor ("the farm union's leaders said they would"):
            # its country is read from its own words later
            inner = _arg(reporter, index, sent_floor)
            return Arg(inner.start, inner.end, inner.actor, from_context=True)
        person = True if lower in _PERSON_PRONOUNS else False if lower in _THING_PRONOUNS | _PLURAL_PRONOUNS else None
        ante = index.before(token.idx, sent_floor, person)
        if ante is not None and lower not in _PLURAL_PRONOUNS:
            return Arg(ante[0], ante[1], ante[2], from_context=True)
        people = _people_antecedent(token)
        if people is not None and (ante is None or people.idx > ante[0]):
            p_start, p_end = _phrase(people)
            return Arg(p_start, p_end, _definite_people(people, index, sent_floor), from_context=True)
        if ante is not None:
            return Arg(ante[0], ante[1], ante[2], from_context=True)
        return Arg(start, end, None)
    if token.lemma_.lower() in _GROUP_NOUNS and any(c.lower_ == "the" for c in token.lefts):
        ante = index.before(token.idx, sent_floor, False)
        if ante is not None:
            return Arg(start, end, ante[2], from_context=True)
    # "messengers representing Baghdadi", "leader of IS": an actor named inside the argument; "militants from
    # al-Shabaab": members from a group (not people from a country: "refugees from Syria" are not Syria).
    for child in token.rights:
        member = child.dep_ == "prep" and child.lower_ == "from" and _noun_lemma(token) in _MEMBER_NOUNS
        if (child.dep_ == "acl" and child.pos_ == "VERB") or (child.dep_ == "prep" and child.lower_ == "of") or member:
            for t in child.subtree:
                inner = index.at(t.idx, t.idx + len(t.text))
                if inner is not None and t.pos_ in ("PROPN", "NOUN", "ADJ") and not _allied(t):
                    if member and index.kind.get(inner[2]) in ("state", "person", "media", "civilians"):
                        break
                    return Arg(start, max(end, inner[1]), inner[2], from_context=True)
    # "an earlier statement blamed ...": a statement speaks for whoever issued it, the last actor before it.
    if token.lemma_.lower() in _DOCUMENT_NOUNS and token.dep_ in ("nsubj", "nsubjpass"):
        ante = index.before(token.idx, sent_floor, None)
        if ante is not None:
            return Arg(start, end, ante[2], from_context=True)
    # "its fighters", "their leader": the possessor names the actor; "its forces" of a state are its military.
    if poss and token.pos_ == "NOUN":
        ante = index.before(poss[0].idx, sent_floor, False)
        if poss[0].lower_ in _FIRST_PLURAL and index.speaker_at(poss[0].idx) is not None:
            ante = (poss[0].idx, poss[0].idx, index.speaker_at(poss[0].idx))  # "our forces" in a quote
        if ante is not None:
            actor = ante[2]
            if token.lemma_.lower() in _FORCE_NOUNS and index.kind.get(actor) in ("state", "government"):
                actor = index.of_country(index.country.get(actor), "military") or actor
            return Arg(start, end, actor, from_context=True)
    # "Yemen's fighters", "the government's tax law": a head naming no actor stands for its possessor.
    owner = [c for c in token.children if c.dep_ == "poss" and c.pos_ != "PRON" and not _allied(c)]
    if owner:
        hit = index.at(owner[0].idx, owner[0].idx + len(owner[0].text))
        if hit is not None:
            return Arg(start, end, hit[2], from_context=True)
    people = _definite_people(token, index, sent_floor)
    if people is not None:
        return Arg(start, end, people, from_context=True)
    return Arg(start, end, None)


def _allied(t: Token) -> bool:
    """ "Chad's militia ally", "Peru's neighbours": the possessor of a relation noun names the other side of the
    relation, not the party itself."""
    return t.dep_ == "poss" and t.head.lemma_.lower() in _RELATION_NOUNS


_RELATION_NOUNS = word_set("ally rival enemy opponent neighbour neighbor partner foe adversary proxy client")


def _noun_lemma(token: Token) -> str:
    """A noun's lemma, also for a capitalised plural the tagger took for a name ("Militants from ...")."""
    lemma = token.lemma_.lower()
    if token.tag_ == "NNPS" and lemma == token.lower_ and lemma.endswith("s"):
        return lemma[:-1]
    return lemma


_DEFINITE = word_set("the these those")
# "killed nine guards as well as themselves": a reflexive names the subject again, not another participant
_REFLEXIVES = word_set("themselves himself herself itself ourselves")


def _definite_people(token: Token, index: ActorIndex, floor: int) -> str | None:
    """A definite plural description of people ("the men", "these prisoners") that names no actor refers back to
    the civilians last mentioned in the paragraph ("the victims" driven to Khasfa ... "The men had their hands
    bound"): a definite article presents them as known."""
    if token.tag_ != "NNS" or token.lemma_.lower() not in _PEOPLE_NOUNS - _COMBATANT_NOUNS:
        return None
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children):
        return None
    if index.at(token.idx, token.idx + len(token.text)) is not None:
        return None
    hit = index.civilians_before(token.idx, floor)
    return hit[2] if hit is not None else None


# "A farmers' association protested": one organisation or person protesting speaks its disapproval (ACCUSE); a
# PROTEST is people gathering, striking or rioting.
_DISAPPROVE_ROW = Trigger("protest", "V", "ACCUSE", "disapprove", 0.7)
_PURPOSE_PROTEST_ROW = Trigger("protest", "V", "PROTEST", None, 0.7)
_SPEAKING_KINDS = frozenset(["ngo", "igo", "government", "state", "person", "media", "party"])


def _verbal_protest(source: list[Arg], actors: ActorIndex) -> bool:
    kinds = {actors.kind.get(a.actor) for a in source if a.actor}
    return bool(kinds) and kinds <= _SPEAKING_KINDS


def _protest_purpose(verb: Token) -> bool:
    """ "began a sit-in to protest ...", "marched to protest ...": the purpose of a protest act is that
    protest, not a spoken one."""
    if verb.dep_ not in ("xcomp", "advcl") or verb.head is verb:
        return False
    head = verb.head
    nouns = [head, *_children(head, _OBJ)]
    return any(t.lemma_.lower() in _PROTEST_ACTS for t in nouns)


_PROTEST_ACTS = word_set("strike hunger-strike march rally demonstrate demonstration protest sit-in walkout boycott")


def _clause_verb(noun: Token) -> Token | None:
    """The verb whose prepositional phrase holds a nominal trigger ("downed tools on the second day of a strike")."""
    tok = noun
    for _ in range(6):
        if tok.dep_ not in ("pobj", "prep", "compound", "conj") or tok.head is tok:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


_NOMINAL_DEPS = frozenset(["dobj", "pobj", "nsubj", "nsubjpass"])
_SUBJECT_PRONOUNS = word_set("he she they it we")


def _reporting_subject(pron: Token) -> Token | None:
    """For the subject pronoun of a reported clause, the reporter: "the union leaders said they would picket",
    "the envoy announced that she will withdraw" (the speaker speaks of itself)."""
    if pron.dep_ not in ("nsubj", "nsubjpass") or pron.lower_ not in _SUBJECT_PRONOUNS:
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
        if t.tag_ == "NNS" and t.lemma_.lower() in _PEOPLE_NOUNS and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            return t
    return None


def _pobjs(token: Token, preps: frozenset[str] | set[str]) -> list[tuple[str, Token]]:
    """(preposition, object) pairs of the token's prepositional children."""
    out = []
    for prep in token.children:
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in preps:
            out.extend((prep.lower_, o) for o in prep.children if o.dep_ == "pobj")
    return out


def _clause_subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of ``verb``, inherited through conj/xcomp/relcl chains; (token, passive)."""
    seen = 0
    cur = verb
    while cur is not None and seen < 6:
        seen += 1
        subj = _children(cur, _SUBJ)
        if subj and subj[0].tag_ in ("WP", "WDT") and cur.dep_ == "relcl":
            return cur.head, False  # "protesters who marched": the relative pronoun stands for the head noun
        if subj:
            return subj[0], False
        pas = _children(cur, _PASS_SUBJ)
        if pas:
            return pas[0], True
        if cur.dep_ == "relcl" and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return cur.head, False
        if cur.dep_ == "acl" and cur.head.lemma_.lower() in _DOCUMENT_NOUNS and cur.head.head is not cur.head:
            cur = cur.head.head  # "issued a statement demanding ...": the declaration speaks for its issuer
            continue
        if cur.dep_ == "xcomp" and cur.head is not cur:
            # object control: "called on the UN to investigate", "urged all parties to allow": the addressee acts
            controller = _children(cur.head, _OBJ) or [
                o
                for p in cur.head.children
                if p.dep_ == "prep" and p.lower_ == "on"
                for o in p.children
                if o.dep_ == "pobj"
            ]
            if controller:
                return controller[0], False
        if cur.dep_ in ("conj", "xcomp", "advcl", "acomp") and cur.head is not cur:
            cur = cur.head
            continue
        break
    return None, False


def _is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    # "They were taken ... and shot": a participle conjoined with a passive verb is passive too.
    return (
        verb.tag_ in ("VBN", "VBD")
        and verb.dep_ == "conj"
        and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.head.children)
    )


def _particle_ok(token: Token, particle: str | None) -> bool:
    if particle is None:
        return True
    return any(c.lower_ == particle and c.dep_ in ("prt", "prep", "dobj", "advmod", "agent") for c in token.children)


_SMALL_CLAUSES = frozenset(["xcomp", "ccomp", "oprd"])


def _object_lemmas(token: Token) -> set[str]:
    lemmas = set()
    for obj in (c for o in _children(token, _OBJ | {"nsubjpass"}) for c in _conjuncts(o)):
        lemmas.add(obj.lemma_.lower())
        lemmas.update(c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod"))
        lemmas.update(c.lemma_.lower() for c in obj.children if c.dep_ == "prep" for c in c.children)
    # a small clause's predicate: "took 18 crew members hostage", "forced 5,000 residents to flee"
    lemmas.update(c.lemma_.lower() for c in token.children if c.dep_ in _SMALL_CLAUSES)
    for t in token.doc[token.i + 1 : token.i + 4]:
        if t.pos_ in ("NOUN", "PROPN"):
            lemmas.add(t.lemma_.lower())
            break
    return lemmas


def _inflections(verbs: frozenset[str]) -> frozenset[str]:
    """Past, third-person and -ing forms of regular verbs, for tokens the lemmatiser gets wrong ("staged" -> "stag")."""
    out = set()
    for v in verbs:
        stem = v[:-1] if v.endswith("e") else v
        out.update((v + "s", stem + "ed", stem + "ing"))
    return frozenset(out)


_SUPPORT_FORMS = _inflections(SUPPORT_VERBS)


def _is_support(verb: Token) -> bool:
    return verb.lemma_.lower() in SUPPORT_VERBS or verb.lower_ in _SUPPORT_FORMS


# Nouns a nominal trigger can modify without changing the event ("a mediation effort", "a peace mission").
_FRAME_NOUNS = word_set("effort mission bid initiative process campaign drive attempt operation")
_CONTAINER_NOUNS = word_set("day week month year series round wave spate string number couple hour")


def _support_verb(noun: Token) -> Token | None:
    """The verb a nominal trigger is the object of ("held talks", "made gains"), or the "be in" of "is in talks"."""
    head = noun.head
    if noun.dep_ in _OBJ and head.pos_ in ("VERB", "AUX") and _is_support(head):
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        verb = head.head
        if head.lower_ in ("in", "into", "on") and verb.lemma_ in _IN_VERBS:
            return verb
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _CONTAINER_NOUNS:
        return _support_verb(head.head)  # "began five days of naval drills", "began a new round of talks"
    return None


_LABOUR_WORDS = word_set("worker union employee labour labor wage pay salary teacher doctor nurse trucker miner")


def _strike_row(token: Token, rows: list[Trigger]) -> tuple[Trigger, str | None] | None:
    """Split the noun "strike": air/drone/missile strike is ASSAULT, a workers' or general strike PROTEST."""
    mods = {c.lemma_.lower() for c in token.lefts}
    for lemma, mode in _STRIKE_ASSAULT.items():
        if lemma in mods:
            return Trigger("strike", "N", "ASSAULT", mode, 0.85), mode
    on_strike = token.dep_ == "pobj" and token.head.lower_ == "on"
    aimed = any(  # "a strike on a plant"; "a strike on Monday" is a date
        c.dep_ == "prep"
        and c.lower_ in ("on", "against")
        and not any(o.ent_type_ in _NOT_ARGUMENT_ENTS for o in c.children)
        for c in token.children
    )
    labour = not aimed and any(t.lemma_.lower() in _LABOUR_WORDS for t in token.sent)  # "workers ... a strike"
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
            has_place = any(c.lower_ in ("in", "at", "near") for c in token.children if c.dep_ == "prep")
            if sup is None or (row.type == "COERCE" and not has_place):
                continue
        return row, row.mode
    return None


_KILL_VERBS = word_set("kill murder shoot slay")
_LEADER_NOUNS = word_set(
    "chief leader commander official minister mayor governor president general judge head deputy spokesman "
    "lawmaker mp senator prosecutor"
)


def _refine_mode(cand_row: Trigger, mode: str | None, token: Token) -> tuple[str | None, str | None]:
    """ASSAULT mode from weapon words around the trigger, when the trigger word itself names none; a killing of
    captives (bound, blindfolded, shot in the back of the head) is an execution, PLOVER's ``targeted`` mode."""
    if cand_row.type == "ASSAULT" and any(c.lower_ == "sexually" for c in token.children):
        return "sexual", "sexually"
    if cand_row.type == "ASSAULT" and cand_row.lemma in _KILL_VERBS | {"execute"}:
        cue = _execution_cue(token)
        if cue is not None:
            return "targeted", cue
    # "fire" names no weapon ("fired tear gas at", "fired rockets"): a weapon word overrides its default mode.
    if cand_row.type != "ASSAULT" or (mode is not None and cand_row.lemma != "fire"):
        return mode, None
    neighbourhood = list(token.subtree) if token.pos_ == "NOUN" else [*token.children, *token.subtree]
    first = None
    for t in neighbourhood:
        cue = ASSAULT_MODE_CUES.get(t.lemma_.lower())
        if cue is not None and t.i != token.i:
            if cue == "suicide-attack":
                return cue, t.text  # "suicide bombers": the method, whatever else is named
            first = first or (cue, t.text)
    if first is not None:
        return first
    if cand_row.lemma in _KILL_VERBS and any(
        t.dep_ in _OBJ | _PASS_SUBJ and t.lemma_.lower() in _LEADER_NOUNS for t in token.children
    ):
        return "targeted", None  # "shot the deputy governor of ...": a named office-holder is a targeted killing
    return mode, None


# Marks of an execution: captives restrained before the killing, or the killing shot of one.
_EXECUTION_CUES = (
    re.compile(r"\bexecution[- ]style\b|\bback of (?:the|their|his|her) heads?\b|\bpoint[- ]blank\b", re.I),
    re.compile(
        r"\b(?:hands?|wrists?) (?:were |was )?(?:bound|tied|cuffed)\b|\bblindfold(?:ed|s)?\b|\blined up\b", re.I
    ),
)


def _execution_cue(token: Token) -> str | None:
    """The words that make a killing an execution: in the trigger's sentence, or the restraint of the victims in
    the sentence before it (same paragraph)."""
    sent = token.sent
    m = _EXECUTION_CUES[0].search(sent.text) or _EXECUTION_CUES[1].search(sent.text)
    if m is None and sent.start > 0:
        prev = token.doc[sent.start - 1].sent
        # the whitespace between the two sentences (Doc.text would rebuild the whole article's string)
        gap = "".join(t.whitespace_ + (t.text if t.is_space else "") for t in token.doc[prev.end - 1 : sent.start])
        if "\n\n" not in gap:
            m = _EXECUTION_CUES[1].search(prev.text)
    return m.group(0) if m else None


def _is_participant(arg: Arg, token: Token) -> bool:
    """An argument that can take part in a symmetric or speech event: an actor, people, or a proper name.

    "met to discuss water sharing", "demanded a return to civilian rule": the object is a topic, not a party.
    """
    lemma = token.lemma_.lower()
    return arg.actor is not None or lemma in _PEOPLE_NOUNS | _PARTY_NOUNS | _GROUP_NOUNS or token.pos_ == "PROPN"


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


def _verb_args(token: Token, row: Trigger, actors: ActorIndex, floor: int) -> tuple[list[Arg], list[Arg], list[str]]:
    source: list[Arg] = []
    target: list[Arg] = []
    reasons: list[str] = []
    verbal = row.type not in MATERIAL_TYPES
    speech = speech_act_conjunct(token) if row.type in SPEECH_ACT_TYPES else None
    if speech is not None:
        subj, passive_subj = _children(speech, _SUBJ)[0], False
        reasons.append("source:speaker-conjunct")
    else:
        subj, passive_subj = _clause_subject(token)
    if passive_subj and token.dep_ == "conj" and not _is_passive(token) and not _children(token, _PASS_SUBJ):
        passive_subj = False  # "has been indicted ... and will resign": the subject acts in the active conjunct
    passive = passive_subj or _is_passive(token)
    agents = [o for prep in token.children if prep.dep_ == "agent" for o in prep.children if o.dep_ == "pobj"]
    if passive and not agents and token.lemma_.lower() in _STATIVE_PARTICIPLES and _pobjs(token, {"to"}):
        passive = False  # "Norway is opposed to Swiss mediation": a state of its subject, not a passive
    if subj is None and not passive:
        left = _left_actor(token, actors)
        if left is not None:
            source = [left]
            reasons.append("source:left-actor")
    if passive:
        if agents:
            source = _args(agents, actors, floor)
            reasons.append("source:by-agent")
        if subj is not None:
            target = _args([subj], actors, floor)
            reasons.append("target:passive-subject")
        if row.patient_is_source:
            source, target = target, source
        elif row.mode == "withdraw" and not agents and row.type == "RETREAT":
            # "Forty UN monitors were flown out of Varna": the forces withdrawn stand for whoever withdraws
            # them; the place they leave is looked for as the target
            source, target = target, []
            reasons.append("source:withdrawn-forces")
    else:
        if subj is not None:
            metonym = _place_arg(subj, actors, True)
            source = [metonym] if isinstance(metonym, Arg) else _args([subj], actors, floor)
            reasons.append("source:subject")
        # an object is never cut off from its verb by a comma ("opened fire on the post, an army spokesman, told")
        objs = [o for o in _children(token, _OBJ) if not any(t.text == "," for t in token.doc[token.i : o.left_edge.i])]
        if row.type == "ASSAULT":
            objs = [o for o in objs if o.lemma_.lower() not in _INSTRUMENTS]  # "fired tear gas at X"
        if not objs and row.objects:
            # "took 18 crew members hostage": the small clause's subject is whom the act is done to
            clauses = [c for c in _children(token, _SMALL_CLAUSES) if c.lemma_.lower() in row.objects]
            objs = [s for c in clauses for s in _children(c, _SUBJ)]
        if row.type == "RETREAT" and row.mode == "withdraw":
            objs = []  # "will withdraw inspectors and aid workers from Iraq": what is withdrawn is the source's own
        if objs and not (row.objects and row.type == "COERCE" and row.mode == "seize"):
            metonym = _place_arg(objs[0], actors, verbal)
            target = [metonym] if isinstance(metonym, Arg) else _args(objs, actors, floor)
            if row.symmetric or row.type in SPEECH_ACT_TYPES or row.type in ("RETREAT", "AID"):
                target = _topic_filter(target, objs)  # "discussed water sharing": a topic, not a party
            reasons.append("target:object")
        elif row.objects and row.type == "COERCE":
            pass  # "declared a caliphate": the object is the thing declared, not a target actor
    if not source:
        # "died in shelling by the coalition": a gerund's agent hangs as a plain "by" phrase.
        by = [obj for _prep, obj in _pobjs(token, {"by"})]
        if by:
            source = _args(by, actors, floor)
            reasons.append("source:by")
    if not target:
        preps = _SYMMETRIC_PREPS if row.symmetric else _TARGET_PREPS - ({"to", "for"} if row.type != "AID" else set())
        if row.type == "ACCUSE":
            preps = preps | _MATTER_PREPS  # "complained to the UN over Israeli air raids": the party of the matter
        for prep, obj in _pobjs(token, preps):
            if row.particle and prep == row.particle and row.particle not in ("on", "at"):
                continue
            metonym = _place_arg(obj, actors, verbal)
            if metonym is False:
                continue  # "delivered flour to Jabalia": the place, not the recipient
            found = [metonym] if isinstance(metonym, Arg) else _args([obj], actors, floor)
            if not found:
                continue  # "on Tuesday": a date, no participant
            target = found
            reasons.append(f"target:{prep}")
            break
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


_MATTER_PREPS = frozenset(["over", "about"])
# Participles that name a state of their subject ("is opposed to", "is committed to"), read as active.
_STATIVE_PARTICIPLES = word_set("oppose commit")
_INFINITIVE_TARGET_TYPES = frozenset(["CONCEDE", "RETREAT", "REJECT", "AGREE", "COERCE", "SUPPORT"])


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
    if row.type in _INFINITIVE_TARGET_TYPES and not _children(token, _OBJ):
        for comp in _children(token, {"ccomp", "xcomp"}):
            subj = _children(comp, _SUBJ)
            if subj and any(c.dep_ == "aux" and c.lower_ == "to" for c in comp.children):
                args = [a for a in _args(subj, actors, floor) if a.actor]
                if args:
                    return args, "target:infinitive-subject"
    return None


_RESPONSE_TYPES = frozenset(["REJECT", "AGREE", "CONCEDE"])
_PROPOSAL_NOUNS = word_set(
    "call appeal demand request proposal offer invitation plan ultimatum initiative bid plea suggestion condition "
    "term overture ban order ruling decree"
)


def _proposals(token: Token) -> list[Token]:
    """The proposal nouns a response verb answers: its object, or the object of "respond to", "refused to answer"."""
    out = [o for o in _children(token, _OBJ) if o.lemma_.lower() in _PROPOSAL_NOUNS]
    for comp in _children(token, {"xcomp"}):
        out += [o for o in _children(comp, _OBJ) if o.lemma_.lower() in _PROPOSAL_NOUNS]
        out += [o for _p, o in _pobjs(comp, {"to"}) if o.lemma_.lower() in _PROPOSAL_NOUNS]
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
            if any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in clause.children):
                args = [a for a in _args(_children(clause, _SUBJ), actors, floor) if a.actor]
                if args:
                    return args, "target:condition-subject"
    if row.type in _RESPONSE_TYPES:
        # "rejected calls by Ilse Maranov", "turned down a plea from the president", "accepted Iraq's offer": the
        # party answered is the one who made the proposal.
        for obj in _proposals(token):
            inner = [o for _p, o in _pobjs(obj, {"by", "from"})] + _children(obj, {"poss"})
            args = [a for a in _args(inner, actors, floor) if a.actor] if inner else []
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


def _noun_args(token: Token, row: Trigger, actors: ActorIndex, floor: int) -> tuple[list[Arg], list[Arg], list[str]]:
    source: list[Arg] = []
    target: list[Arg] = []
    reasons: list[str] = []
    if token.dep_ == "compound" and token.head.lemma_.lower() in _FRAME_NOUNS:
        token = token.head  # "a mediation effort between A and B": the arguments hang on the frame noun
        reasons.append("frame-noun")
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
    between = _pobjs(token, {"between", "among"})
    if between:
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
            source, target = mediator, args
        elif not source:
            source, target = args[:1], args[1:]
        else:
            target = args
        reasons.append("parties:between")
    if not target:
        preps = _TARGET_PREPS | {"of"} if row.type in ("ASSAULT", "COERCE") else _TARGET_PREPS
        if row.symmetric:
            preps = _SYMMETRIC_PREPS  # "talks on water": a topic
        found = _pp_target(token, preps - {"for"}, actors, floor, verbal=row.type not in MATERIAL_TYPES)
        if found is not None:
            target, prep = found
            reasons.append(f"target:{prep}")
    if not target and row.type == "REQUEST":
        # "its demand that Peru lift the ban": the one the demanded clause names (hung on the noun or on the
        # verb it is the object of: "repeated its demand on Monday that Peru lift")
        verb = token.head if token.dep_ in _OBJ and token.head.pos_ in ("VERB", "AUX") else None
        for comp in _children(token, {"acl", "ccomp"}) + (_children(verb, {"ccomp"}) if verb is not None else []):
            args = [a for a in _args(_children(comp, _SUBJ), actors, floor) if a.actor]
            if args:
                target = args
                reasons.append("target:demanded-clause-subject")
                break
    sup = _support_verb(token)
    if not target and sup is not None:
        # "imposed sanctions on Iran", "launched an attack against the base": the target hangs on the support verb;
        # "gave a warm welcome to de Klerk", "made an appeal to the UN": the one a cooperative or verbal act goes to
        preps = {"against", "on", "upon"} if not row.symmetric else _SYMMETRIC_PREPS
        if row.type in _TO_NOUN_TYPES and not row.symmetric:
            preps = preps | {"to"}
        found = _pp_target(sup, preps, actors, floor, verbal=row.type not in MATERIAL_TYPES)
        if found is not None:
            target, prep = found
            reasons.append(f"target:{sup.lemma_}-{prep}")
    if not source and sup is not None:
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
    if row.symmetric and not target and len(source) > 1:
        source, target = source[:1], source[1:]
    return source, target, reasons


_DEATH_VERBS = word_set("die succumb perish")
_CAUSE_NOUNS = word_set("result consequence effect")


def _death_verb(noun: Token) -> Token | None:
    """The verb of dying a harm noun is the cause of ("died of torture", "died as a result of beatings", "died
    under torture", "succumbed to wounds from the beating"), or None."""
    t = noun
    for _ in range(4):
        if t.dep_ != "pobj" or t.head.dep_ != "prep":
            return None
        head = t.head.head
        if head.pos_ == "VERB":
            return head if head.lemma_.lower() in _DEATH_VERBS else None
        if head.lemma_.lower() not in _CAUSE_NOUNS:
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


_TO_NOUN_TYPES = frozenset(["SUPPORT", "CONSULT", "AID", "AGREE", "CONCEDE", "REQUEST", "COOPERATE"])


def mode_is_third_party(row: Trigger) -> bool:
    """A trigger naming a third party's act between two others (mediation)."""
    return row.mode == "third-party"


def _context_agent(token: Token, actors: ActorIndex, floor: int) -> Arg | None:
    """For an agentless passive ("they were shot"): the nearest earlier non-person actor in the paragraph."""
    ante = actors.before(token.idx, floor, False, _AGENT_KINDS)
    if ante is None:
        return None
    # "The United States said it would respond if shipping was attacked": a speaker is not the implicit attacker
    for anc in token.ancestors:
        if anc.lemma_.lower() in SPEECH_VERBS:
            subj = _children(anc, _SUBJ)
            if subj and subj[0].left_edge.idx <= ante[0] < subj[0].idx + len(subj[0].text) + 1:
                return None
    return Arg(ante[0], ante[1], ante[2], from_context=True)


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
            ok = low not in SPEECH_VERBS and any(
                (key, p) in lexicon for key in (low, low[:-1] if low.endswith("s") else low) for p in ("V", "N")
            )
            if len(memo) < 200_000:
                memo[lemma] = ok
        if ok:
            out.append(i)
    return out


def find_candidates(spacy_doc, lexicon, actors: ActorIndex, paragraphs: list[tuple[int, int]]) -> list[Candidate]:
    """Every trigger in the document with its arguments read from the parse."""
    out: list[Candidate] = []
    seen_nominal: set[int] = set()
    whole = (0, paragraphs[-1][1] if paragraphs else 0)
    for i in _trigger_positions(spacy_doc, lexicon):
        token = spacy_doc[i]
        hit = _match(token, lexicon)
        if hit is None:
            continue
        row, mode = hit
        if row.pos == "V" and token.dep_ in _NOMINAL_DEPS and any(c.dep_ == "det" for c in token.children):
            continue  # "evacuated the injured": a participle standing for people, not an act
        if row.lemma == "seek" and token.dep_ == "acl" and token.tag_ == "VBN":
            continue  # "two men sought in the slaying": wanted suspects, not a request
        # "discussions and dialogue": coordinated nouns of one type are one event.
        if row.pos == "N" and token.dep_ == "conj" and token.head.i in seen_nominal:
            continue
        para = paragraph_at(paragraphs, token.idx) or whole
        floor = para[0]
        if row.pos == "V":
            source, target, reasons = _verb_args(token, row, actors, floor)
        else:
            source, target, reasons = _noun_args(token, row, actors, floor)
            seen_nominal.add(token.i)
        if row.mode == "release" and not target and _children(token, _OBJ):
            continue  # "release more water": only people are released
        if row.mode == "expel" and row.lemma in _FLIGHT_CAUSERS and not any(a.actor for a in source):
            continue  # "displaced by the fighting": flight caused by an event is its toll, not an expulsion by anyone
        agentless = row.pos == "V" and not any(a.actor for a in source) and _is_passive(token)
        if agentless and row.type in ("ASSAULT", "COERCE"):
            agent = _context_agent(token, actors, floor)
            if agent is not None:
                source = [agent]
                reasons.append("source:context")
        if (
            row.lemma == "protest"
            and row.pos == "V"
            and _verbal_protest(source, actors)
            and not _protest_purpose(token)
        ):
            row, mode = _DISAPPROVE_ROW, _DISAPPROVE_ROW.mode
            reasons.append("protest-by-organisation:ACCUSE")
        elif row.lemma == "protest" and row.type == "ACCUSE" and _protest_purpose(token):
            row, mode = _PURPOSE_PROTEST_ROW, None  # the mode of the act it is the purpose of
            reasons.append("protest-purpose:PROTEST")
        if row.type == "PROTEST" and row.pos == "N" and not source:
            clause = _clause_verb(token)
            if clause is not None:
                subj, passive = _clause_subject(clause)
                if subj is not None and not passive:
                    source = _args([subj], actors, floor)
                    reasons.append(f"source:subject-of-{clause.lemma_}")
        if row.type == "RETREAT" and row.mode == "withdraw" and _withdrawn_resources(token):
            # the codebook: withdrawing observers, inspectors, aid workers, diplomats or peacekeepers reduces relations
            row, mode = replace(row, type="SANCTION", cameo=None), "withdraw"
            reasons.append("withdrawn-resources:SANCTION")
        if row.type == "MOBILIZE" and any(t.lemma_.lower() in _ASSISTANCE_WORDS for t in token.subtree):
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
        end = token.idx + len(token.text)
        if row.particle:
            part = next((c for c in token.children if c.lower_ == row.particle), None)
            if part is not None and part.i == token.i + 1:
                end = part.idx + len(part.text)
        cand = Candidate(row, mode, token, token.idx, end, token.sent, source, target, reasons)
        out.append(cand)
    demands = _obligations(spacy_doc, actors, paragraphs, whole)
    if demands:
        taken = {c.token.i for c in demands}
        out = sorted([c for c in out if c.token.i not in taken] + demands, key=lambda c: c.start)
    out = _merge(_stopped(out))
    _perpetrators(out, spacy_doc)
    return out


_FLIGHT_CAUSERS = word_set("displace uproot force drive compel")
_RESOURCE_PEOPLE = word_set(
    "inspector observer monitor diplomat ambassador envoy peacekeeper peace-keeper staff worker volunteer mission "
    "delegation embassy aid"
)


def _withdrawn_resources(token: Token) -> bool:
    """Whether what a withdrawal takes away is non-military: its object or passive subject names observers,
    inspectors, aid workers, diplomats or peacekeepers."""
    heads = _children(token, _OBJ | _PASS_SUBJ)
    return any(t.lemma_.lower() in _RESOURCE_PEOPLE for h in heads for t in _conjuncts(h))


_ASSISTANCE_WORDS = word_set("peacekeeping peace-keeping peacekeeper peace-keeper relief humanitarian rescue disaster")
# Cooperative nouns a discontinuation stops ("suspended food aid", "could stop mediation efforts"): the thing ended,
# not an event of its own.
_STOPPED_TYPES = frozenset(["AID", "CONSULT", "COOPERATE", "SUPPORT"])


def _stopped(cands: list[Candidate]) -> list[Candidate]:
    """Drops cooperative nominal triggers that are the object of a SANCTION trigger (or of the threat it became)."""
    stoppers = {c.token.i for c in cands if c.row.type in ("SANCTION", "THREATEN") and c.row.pos == "V"}
    out = []
    for c in cands:
        tok = c.token
        if tok.dep_ == "compound" and tok.head.lemma_.lower() in _FRAME_NOUNS:
            tok = tok.head  # "stop mediation efforts"
        if c.row.pos == "N" and c.row.type in _STOPPED_TYPES and tok.dep_ in _OBJ and tok.head.i in stoppers:
            continue
        out.append(c)
    return out


# PLOVER: cooperative acts reported as future intentions are AGREE; negative acts announced for the future are
# THREATEN, with the mode naming what is threatened. RETREAT and CONCEDE keep their type (the codebook says so).
_FUTURE_AGREE = frozenset(["CONSULT", "SUPPORT", "COOPERATE", "AID"])
_FUTURE_THREAT_MODE = {"SANCTION": "relations", "COERCE": "restrict", "ASSAULT": "violence"}
_FUTURE_AUX = word_set("will would 'll shall wo")
_INTENT_HEADS = word_set("ready willing prepared plan intend")
_POSSIBLE_AUX = word_set("may might could can")


def _future_recode(token: Token, row: Trigger, mode: str | None) -> tuple[Trigger, str | None] | None:
    """The AGREE or THREATEN a future cooperative or coercive act stands for ("will provide aid", "would
    tighten the blockade", "is ready to send engineers"), or None when the act is not announced as future."""
    if (
        row.type not in _FUTURE_AGREE
        and row.type not in _FUTURE_THREAT_MODE
        and row.mode not in ("boycott", "withdraw")
    ):
        return None
    verb = token
    if row.pos == "N":
        verb = _support_verb(token)
        if verb is None:
            return None
    while verb.dep_ == "conj" and verb.head is not verb and not _children(verb, {"aux"}):
        verb = verb.head
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    conditional = any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children)
        for c in verb.children
    )
    future = any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children)
    # "could stop mediation if the talks stall": a possible act on a condition is announced as a threat
    future = future or (conditional and any(c.dep_ == "aux" and c.lower_ in _POSSIBLE_AUX for c in verb.children))
    intent = False
    if not future and verb.dep_ == "xcomp" and verb.head is not verb:
        head = verb.head
        intent = head.lemma_.lower() in _INTENT_HEADS and not any(c.dep_ == "neg" for c in head.children)
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
    if row.type in _FUTURE_AGREE:
        return replace(row, type="AGREE", mode=None, cameo=None), None
    new_mode = _FUTURE_THREAT_MODE.get(row.type, "relations")
    if row.type == "COERCE" and mode in ("arrest", "deport"):
        new_mode = "arrest" if mode == "arrest" else "expel"
    return replace(row, type="THREATEN", mode=new_mode, cameo=None), new_mode


# "Russia said Sudan must return the helicopter": an obligation the speaker lays on the clause's subject is
# the speaker's REQUEST to that subject, whatever the demanded act is.
_OBLIGATION_MODALS = ("must", "should")
_DEMAND_SPEECH = SAYING_VERBS | word_set("conclude insist reiterate remind warn argue announce declare")
_OBLIGATION_ROW = Trigger("must", "V", "REQUEST", None, 0.65)
_DEMAND_NOUNS = word_set("reminder warning demand call statement declaration message letter insistence")


def _obligations(spacy_doc, actors: ActorIndex, paragraphs: list[tuple[int, int]], whole) -> list[Candidate]:
    """REQUEST candidates for "X said (that) Y must/should do Z": source X, target Y, trigger the modal verb."""
    from spacy.attrs import LOWER

    strings = spacy_doc.vocab.strings
    modal_hashes = {strings.add(m) for m in _OBLIGATION_MODALS}
    out = []
    for i, low in enumerate(spacy_doc.to_array([LOWER]).tolist()):
        if low not in modal_hashes:
            continue
        modal = spacy_doc[i]
        verb = modal.head
        if modal.dep_ != "aux" or verb.dep_ not in ("ccomp", "acl") or any(c.dep_ == "neg" for c in verb.children):
            continue
        speech = verb.head
        if speech.pos_ == "NOUN" and speech.lemma_.lower() in _DEMAND_NOUNS and speech.head.pos_ in ("VERB", "AUX"):
            speech = speech.head  # "issued a reminder to Peru that it must comply"
        elif verb.dep_ != "ccomp" or speech.lemma_.lower() not in _DEMAND_SPEECH:
            continue
        speaker, addressee = _children(speech, _SUBJ), _children(verb, _SUBJ)
        if not speaker or not addressee:
            continue
        floor = (paragraph_at(paragraphs, modal.idx) or whole)[0]
        source = _args(speaker, actors, floor)
        target = [a for a in _args(addressee, actors, floor) if a.actor]
        if not target:
            continue
        reasons = ["source:speaker", "target:obliged-subject"]
        end = verb.idx + len(verb.text)
        out.append(Candidate(_OBLIGATION_ROW, None, verb, modal.idx, end, verb.sent, source, target, reasons))
    return out


# Events whose content is another act (promised, refused, threatened, requested): they take its target. The
# embedded act stays an event of its own, which the stance stage marks future or negated.
_CONTENT_HEADS = frozenset(["THREATEN", "REQUEST", "AGREE", "REJECT"])


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


_TOLL_VERBS = word_set("kill wound injure")


def _toll(cand: Candidate) -> bool:
    """ "Militants attacked the base, and 15 soldiers were killed": a killing or wounding coordinated with an attack,
    with no agent of its own, is the attack's toll, not a second attack."""
    tok = cand.token
    if cand.row.type != "ASSAULT" or tok.dep_ != "conj" or tok.lemma_.lower() not in _TOLL_VERBS:
        return False
    if any(c.dep_ == "agent" for c in tok.children):
        return False
    return _is_passive(tok) or not _children(tok, _SUBJ)


def _direct(args: list[Arg]) -> bool:
    return any(a.actor and not a.from_context for a in args)


def _separate_acts(head: Candidate, cand: Candidate) -> bool:
    """Two acts of one type on different targets ("looting banks, taking over oil fields") stay two events; a
    toll ("struck a school, killing 11") is the strike's consequence, whatever it names."""
    if not head.target or not cand.target or cand.token.lemma_.lower() in _TOLL_VERBS:
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
        elif head.row.type in _CONTENT_HEADS:
            if not head.target:
                head.target = cand.target
            if head.row.type == "THREATEN" and head.mode is None:
                head.mode = _FUTURE_THREAT_MODE.get(cand.row.type)
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
                if span is not None and span.root.lemma_.lower() in _PERPETRATOR_NOUNS:
                    args[i] = Arg(a.start, a.end, last[0].actor, from_context=True)
        direct = [a for a in cand.source if a.actor and not a.from_context]
        if direct:
            last = direct


# ---------------------------------------------------------------------------------------- context countries

# Kinds of an x- (not in the knowledge base) actor that stand for a country's institution or people when the
# text names the country only around them ("police" in a story about Egypt, "rebels in northern Chad").
_GENERIC_KINDS = frozenset(["government", "military", "police", "civilians", "rebels", "unknown", "organization"])
_COLLECTIVE_NOUNS = (
    _PEOPLE_NOUNS
    | _GROUP_NOUNS
    | _PARTY_NOUNS
    | word_set(
        "official authority leader member elder supporter activist party opposition rebel guerrilla militia wing "
        "citizen national immigrant settler inhabitant politician delegate envoy diplomat officer agent troop"
    )
)
_TITLE_WORDS = _LEADER_NOUNS | word_set(
    "premier chancellor king queen emir sheikh prince secretary ambassador commissioner chairman prime"
)
# Events whose only participant is the actor itself: no target is looked for around them.
_NO_TARGET_MODES = frozenset(["resign", "ceasefire", "disarm"])
_JOINT_TYPES = frozenset(["AGREE", "CONSULT", "SUPPORT", "COOPERATE"])
_SUBJECT_DEPS = _SUBJ | _PASS_SUBJ | frozenset(["agent"])


def _root(spacy_doc, arg: Arg) -> Token | None:
    span = spacy_doc.char_span(arg.start, arg.end, alignment_mode="expand")
    return span.root if span is not None else None


def _token_country(t: Token, actors: ActorIndex, skip: str | None = None) -> tuple[str | None, str | None]:
    """(actor id, country) a token names: an actor mention with a country, or a toponym's country."""
    hit = actors.at(t.idx, t.idx + len(t.text))
    if hit is not None and hit[2] != skip and actors.kind.get(hit[2]) not in _NON_AGENT_KINDS:
        country = actors.country.get(hit[2])
        if country:
            return hit[2], country
    place = actors.places.get(t.i)
    if place is not None and place[1]:
        return None, place[1]
    if t.pos_ == "PROPN" and t.lower_ in actors.place_names:
        return None, actors.place_names[t.lower_]  # "the Gaza health ministry": a toponym inside a name
    return None, actors.demonyms.get(t.i)


def _sentence_country(sent: SpacySpan, actors: ActorIndex) -> str | None:
    """The one country the sentence names (toponyms, demonyms, actors of a country), or None when it names none or
    several: "Egyptian police ... demonstrators", "the Mozambique government accepted demands from rebels"."""
    memo = actors.sentence_countries
    if sent.start in memo:
        return memo[sent.start]
    doc = sent.doc
    found = set()
    # "air support from Russia", "refugees from Syria": an origin is elsewhere, not where the sentence is
    for i in range(sent.start, sent.end):
        place = actors.places.get(i)
        country = place[1] if place is not None and place[1] else actors.demonyms.get(i)
        if country and not _stance_prefixed(doc[i]) and not _in_origin(doc[i]):
            found.add(country)
    for start, end, actor in actors.overlapping(sent.start_char, sent.end_char):
        if actors.kind.get(actor) not in _NON_AGENT_KINDS and actors.country.get(actor):
            tok = doc.char_span(start, end, alignment_mode="expand")
            if tok is None or not _in_origin(tok[0]):
                found.add(actors.country[actor])
    memo[sent.start] = found.pop() if len(found) == 1 else None
    return memo[sent.start]


def _institution(root: Token) -> str | None:
    """The national institution a facility is named after ("an army base" -> military), or None."""
    if root.lemma_.lower() not in _FACILITY_NOUNS:
        return None
    for child in root.lefts:
        if child.dep_ in ("compound", "amod", "nmod"):
            kind = _INSTITUTION_KINDS.get(child.lemma_.lower())
            if kind is not None:
                return kind
    return None


def _stance_prefixed(t: Token) -> bool:
    """ "an anti-Syria journalist", "pro-Iranian Hizbollah": the country is the one opposed or backed, not the
    party's own; "ethnic Albanians" names a people, not a citizenship; "Chad's militia ally" the other side."""
    doc = t.doc
    if t.i >= 1 and doc[t.i - 1].lower_ == "ethnic":
        return True
    return _allied(t) or (t.i >= 2 and doc[t.i - 1].text in ("-", "–") and doc[t.i - 2].lower_ in ("anti", "pro"))


def _titled(root: Token) -> bool:
    """A person named with an office ("President Tomas Verhal", "Judge Nuno Castell")."""
    return any(t.lemma_.lower() in _TITLE_WORDS for t in root.subtree if t.i <= root.i)


def _origin(t: Token) -> bool:
    return t.dep_ == "pobj" and t.head.lower_ == "from"


def _in_origin(t: Token) -> bool:
    """Whether the token lies in a "from" phrase's object ("support from Russia")."""
    for _ in range(8):
        if _origin(t):
            return True
        if t.head is t or t.dep_ not in ("compound", "amod", "conj", "cc", "det", "poss", "pobj", "appos", "nmod"):
            return False
        t = t.head
    return False


def _name_country(actor_id: str, doc, actors: ActorIndex) -> str | None:
    """The country a toponym in an unknown actor's own name gives ("the Gaza health ministry"), wherever it is
    referred to ("an earlier statement ... blamed")."""
    for start, end, _aid in actors.by_actor.get(actor_id, ()):
        span = doc.char_span(start, end, alignment_mode="expand")
        for t in span or ():
            country = actors.places.get(t.i, (None, None))[1] or (
                actors.place_names.get(t.lower_) if t.pos_ == "PROPN" else None
            )
            if country:
                return country
    return None


def _set_country(
    arg: Arg, root: Token | None, sent_country: str | None, actors: ActorIndex, *, persons: bool = False
) -> bool:
    """The country an argument acts for when its actor has none: a country named inside its own phrase ("rebels in
    northern Chad", "farmers throughout Peru"), else, for a generic actor or a description of people, the
    one country of its sentence or the article's focus ("police" in a story about Egypt); with ``persons``, also
    for an office-holder the knowledge base does not know ("President Tomas Verhal lifted the curfew in Chad").

    Returns whether the country was read from the argument's own words (its actor, a toponym or demonym in it)."""
    if arg.actor is not None and (actors.country.get(arg.actor) or not arg.actor.startswith("x-")):
        return bool(actors.country.get(arg.actor))
    if root is None:
        return False
    if arg.actor is None:
        arg.kind = _institution(root)
    if arg.actor is None and root.i in actors.places and actors.places[root.i][1]:
        arg.country, arg.place = actors.places[root.i][1], True  # "shelled Juba": the town's country
        return True
    # "militants with air support from Russia": what comes with a party is not where it is from
    with_ = [(c.left_edge.i, c.right_edge.i) for c in root.children if c.dep_ == "prep" and c.lower_ == "with"]
    for t in root.subtree:
        if t.i != root.i and not _stance_prefixed(t) and not any(a <= t.i <= b for a, b in with_):
            _actor, country = _token_country(t, actors, skip=arg.actor)
            if country:
                arg.country = country
                return True
    if arg.actor is not None and (named := _name_country(arg.actor, root.doc, actors)):
        arg.country = named
        return True
    kind = actors.kind.get(arg.actor) if arg.actor is not None else None
    generic = kind in _GENERIC_KINDS
    people = arg.actor is None and (
        root.lemma_.lower() in _COLLECTIVE_NOUNS or arg.kind is not None or root.pos_ == "NUM"  # "arresting 12"
    )
    if generic or people or (persons and kind == "person" and _titled(root)):
        arg.country = sent_country
    return False


def _claims_country(arg: Arg, root: Token | None, actors: ActorIndex) -> bool:
    """Whether a participant holds its country so that an untitled office-holder beside it is from elsewhere: the
    state itself ("criticized Nigeria") or a person, named or titled ("South African leader de Klerk"); not someone
    only described through the country ("a member of the Latvian parliament" protesting President Verhal)."""
    kind = actors.kind.get(arg.actor or "")
    if kind == "state":
        return not arg.from_context
    if kind == "person":
        return True
    return arg.actor is None and root is not None and (root.pos_ == "PROPN" or _titled(root))


def _keeps(arg: Arg, root: Token | None, sources: set[str], material: bool) -> bool:
    """A target worth keeping: an actor other than the source, a country, a description of people, or for a
    material act the thing it hits ("opened fire on the checkpoint"); not the topic of a verbal one ("a formula",
    "a state of emergency")."""
    if arg.actor is not None:
        return arg.actor not in sources
    if arg.country is not None or material:
        return True
    return root is not None and root.lemma_.lower() in _COLLECTIVE_NOUNS and not _state_of(root)


def _state_of(root: Token) -> bool:
    """ "A state of emergency / siege / war": a condition, not a state."""
    return root.lemma_.lower() == "state" and any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children)


_CIRCUMSTANCE_PREPS = word_set("despite after before since during amid following until because notwithstanding")


def _domain_target(cand: Candidate, actors: ActorIndex, sources: set[str], spans: list[tuple[int, int]]) -> Arg | None:
    """The nearest party or toponym below the trigger, breadth first, outside its subject: "shelled Juba",
    "agreed to provide aid for Malawi", "complained over three Peruvian border raids", "eased measures in Latvia"."""
    top = cand.token
    if cand.row.pos == "N":
        top = _support_verb(cand.token) or cand.token
        if top is cand.token and top.dep_ == "nsubj" and top.head.lemma_.lower() in _ARRIVAL_VERBS:
            top = top.head  # "the deployment of NATO troops arrived in Bosnia": where it arrives
    queue = [c for c in top.children if c.dep_ not in _SUBJECT_DEPS]
    if top is not cand.token:
        queue.insert(0, cand.token)
    seen = 0
    while queue and seen < 60:
        t = queue.pop(0)
        seen += 1
        if any(s <= t.idx < e for s, e in spans) or (t.dep_ in _OTHER_CLAUSES and not _purpose(t)):
            continue
        if t.dep_ == "prep" and t.lower_ in _CIRCUMSTANCE_PREPS:
            continue  # "despite Norway's objection", "after a coup": circumstances, not whom the act is aimed at
        if t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS:
            continue  # "..., reports a relief group": the report's source, not a party
        actor, country = _token_country(t, actors)
        if actor is not None and actor not in sources:
            return Arg(*_phrase(t), actor, from_context=True)
        if actor is None and country is not None:
            place = t.i in actors.places  # a toponym stands for its state; a demonym only gives the country
            return Arg(t.idx, t.idx + len(t.text), None, from_context=True, country=country, place=place)
        hit = actors.at(t.idx, t.idx + len(t.text))
        kind = actors.kind.get(hit[2]) if hit is not None else None
        if hit is not None and hit[2] not in sources and kind in ("igo", "ngo"):
            return Arg(hit[0], hit[1], hit[2], from_context=True)
        if (
            hit is not None
            and hit[2] not in sources
            and t.pos_ == "NOUN"
            and kind == "government"
            and t.head is not top
        ):
            # "to demand reforms by President Verhal's government": a government with no country of its own, below
            # the trigger's own phrases; the sentence's country is given to it by the caller
            return Arg(*_phrase(t), hit[2], from_context=True)
        # below the top, the agent of a nested clause is a party too ("abuses committed by Latvian forces")
        queue.extend(c for c in t.children if c.dep_ not in _SUBJ | _PASS_SUBJ)
    return None


_OTHER_CLAUSES = frozenset(["ccomp", "parataxis", "relcl", "advcl"])
_ARRIVAL_VERBS = word_set("arrive reach enter land")


def _purpose(t: Token) -> bool:
    """A subjectless infinitive of purpose ("opened the bridge to allow deliveries to Afghanistan")."""
    return (
        t.dep_ == "advcl" and not _children(t, _SUBJ) and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
    )


def _coordinated_countries(root: Token | None, actors: ActorIndex) -> tuple[tuple, tuple] | None:
    """Two coordinated modifiers of one noun naming different countries ("Chilean and Peruvian officials"): the
    first and second (token, country), or None."""
    if root is None:
        return None
    for mod in root.lefts:
        if mod.dep_ not in ("amod", "compound", "nmod"):
            continue
        conj = [c for c in mod.conjuncts if c.i > mod.i]
        if not conj:
            continue
        first, second = _token_country(mod, actors)[1], _token_country(conj[0], actors)[1]
        if first and second and first != second:
            return (mod, first), (conj[0], second)
    return None


def contextualise(cands: list[Candidate], spacy_doc, actors: ActorIndex, focus: str | None) -> None:
    """Countries for arguments whose actor names none, and a target for events whose object is a thing or the
    source itself ("offered its engineers to Chad"): the party or place the action is aimed at."""
    by_token = {c.token.i: c for c in cands}
    for cand in cands:
        sent_country = _sentence_country(cand.sent, actors) or focus
        roots = {id(a): _root(spacy_doc, a) for a in cand.source + cand.target}
        own = {
            a.country or actors.country.get(a.actor or "")
            for a in cand.source + cand.target
            if _set_country(a, roots[id(a)], sent_country, actors) and _claims_country(a, roots[id(a)], actors)
        }
        if sent_country not in own:
            # an office-holder acts for the sentence's country unless another person or a state names it ("President
            # Mitterrand welcomed South African leader de Klerk": South Africa is de Klerk's)
            for arg in cand.source + cand.target:
                if arg.country is None:
                    _set_country(arg, roots[id(arg)], sent_country, actors, persons=True)
        sources = {a.actor for a in cand.source if a.actor}
        target = []
        for arg in cand.target:
            root = roots[id(arg)]
            if _keeps(arg, root, sources, cand.row.type in MATERIAL_TYPES or cand.mode == "expel"):
                target.append(arg)
        if not target and len(cand.source) == 1 and cand.row.type in _JOINT_TYPES:
            pair = _coordinated_countries(roots[id(cand.source[0])], actors)
            if pair is not None:
                # "Chilean and Peruvian officials agreed", "Danish and Greek warships began naval drills"
                src = cand.source[0]
                kind = actors.kind.get(src.actor or "")
                kind = kind if kind in ("government", "military", "police") else None
                cand.source = [replace(src, actor=None, country=pair[0][1], kind=kind)]
                target = [Arg(pair[1][0].idx, pair[1][0].idx + len(pair[1][0].text), None, True, pair[1][1], kind=kind)]
                cand.reasons.append("parties:coordinated-demonyms")
        joint = len({a.actor for a in cand.source if a.actor}) > 1 and cand.row.type in _JOINT_TYPES
        if not target and joint:
            # "Czechia and Albania upgraded their ties": a joint act of the coordinated parties, each with the other
            cand.source, target = cand.source[:1], cand.source[1:]
            cand.reasons.append("parties:coordinated-subject")
        content = [by_token.get(c.i) for c in _children(cand.token, {"xcomp"})]
        bare = cand.row.mode in _NO_TARGET_MODES or any(c is not None and c.mode in _NO_TARGET_MODES for c in content)
        if not any(a.actor or a.country for a in target) and not bare:  # "agreed to resign": nobody is its target
            spans = [(a.start, a.end) for a in cand.source]
            if cand.mode == "withdraw":  # what is withdrawn is not whom the withdrawal concerns
                spans += [(o.left_edge.idx, o.right_edge.idx + len(o.right_edge)) for o in _children(cand.token, _OBJ)]
            found = _domain_target(cand, actors, sources, spans)
            if found is not None:
                if found.country is None and not actors.country.get(found.actor or ""):
                    _set_country(found, _root(spacy_doc, found), sent_country, actors)
                target = [found]
                cand.reasons.append("target:domain")
        cand.target = target
