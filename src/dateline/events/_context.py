"""Arguments recovered from context: the country an argument acts for, and a target the parse did not give.

An argument whose actor names no country gets one from its own words ("rebels in northern Chad"), else for a generic
actor or a description of people the sentence's one country or the article's focus. An event left without a target
gets the nearest party or toponym below its trigger ("shelled Juba"); coordinated parties of a joint act are split
into source and target.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..lexicon import SAYING_VERBS
from ..plover import MATERIAL_TYPES
from ..syntax import PASS_SUBJ as _PASS_SUBJ
from ..syntax import SUBJ as _SUBJ
from ..syntax import children as _children
from ..syntax import dependents, subtree_near
from ._actors import ActorIndex, Arg, Candidate
from ._lexicon import (
    AGAINST_ONLY_TYPES,
    ARRIVAL_VERBS,
    CIRCUMSTANCE_PREPS,
    COLLECTIVE_NOUNS,
    FACILITY_NOUNS,
    GENERIC_KINDS,
    INSTITUTION_KINDS,
    JOINT_TYPES,
    NO_TARGET_MODES,
    NON_AGENT_KINDS,
    PARTY_TARGET_TYPES,
    PEOPLE_PATIENT_MODES,
    SOMEONE_NOUNS,
    TITLE_WORDS,
)
from ._parse import _OBJ, _allied, _phrase, _support_verb, asks_by_to, asks_its_object

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


_SUBJECT_DEPS = _SUBJ | _PASS_SUBJ | frozenset(["agent"])
_OTHER_CLAUSES = frozenset(["ccomp", "parataxis", "relcl", "advcl"])
# An argument spanning more words than this (a list of hundreds of nouns) is searched for its country near its head.
_SUBTREE_WINDOW = 200


def _root(spacy_doc, arg: Arg) -> Token | None:
    span = spacy_doc.char_span(arg.start, arg.end, alignment_mode="expand")
    return span.root if span is not None else None


def _token_country(t: Token, actors: ActorIndex, skip: str | None = None) -> tuple[str | None, str | None]:
    """(actor id, country) a token names: an actor mention with a country, or a toponym's country."""
    hit = actors.at(t.idx, t.idx + len(t.text))
    if hit is not None and hit[2] != skip and actors.kind.get(hit[2]) not in NON_AGENT_KINDS:
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
        if actors.kind.get(actor) not in NON_AGENT_KINDS and actors.country.get(actor):
            tok = doc.char_span(start, end, alignment_mode="expand")
            if tok is None or not _in_origin(tok[0]):
                found.add(actors.country[actor])
    memo[sent.start] = found.pop() if len(found) == 1 else None
    return memo[sent.start]


def _institution(root: Token) -> str | None:
    """The national institution a facility is named after ("an army base" -> military), or None."""
    if root.lemma_.lower() not in FACILITY_NOUNS:
        return None
    for child in root.lefts:
        if child.dep_ in ("compound", "amod", "nmod"):
            kind = INSTITUTION_KINDS.get(child.lemma_.lower())
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
    return any(t.lemma_.lower() in TITLE_WORDS for t in root.subtree if t.i <= root.i)


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
    with_ = [(c.left_edge.i, c.right_edge.i) for c in dependents(root) if c.dep_ == "prep" and c.lower_ == "with"]
    for t in subtree_near(root, _SUBTREE_WINDOW):
        if t.i != root.i and not _stance_prefixed(t) and not any(a <= t.i <= b for a, b in with_):
            _actor, country = _token_country(t, actors, skip=arg.actor)
            if country:
                arg.country = country
                return True
    if arg.actor is not None and (named := _name_country(arg.actor, root.doc, actors)):
        arg.country = named
        return True
    kind = actors.kind.get(arg.actor) if arg.actor is not None else None
    generic = kind in GENERIC_KINDS
    people = arg.actor is None and (
        root.lemma_.lower() in COLLECTIVE_NOUNS or arg.kind is not None or root.pos_ == "NUM"  # "arresting 12"
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


def _keeps(arg: Arg, root: Token | None, sources: set[str], material: bool, party: bool = False) -> bool:
    """A target worth keeping: an actor other than the source, a toponym standing for its state, a country, a
    description of people, or for a material act the thing it hits ("opened fire on the checkpoint"); not the topic
    of a verbal one ("a formula", "a state of emergency"), and for an act aimed at a ``party`` (a restriction, a
    seizure, a protest) not a thing whose words name a country ("blocked the road into Goma")."""
    if arg.actor is not None:
        return arg.actor not in sources
    if material or arg.place:
        return True
    if arg.country is not None and not party:  # a thing with a country in its words is no party ("the road into Goma")
        return True
    return root is not None and root.lemma_.lower() in SOMEONE_NOUNS and not _state_of(root)


def _state_of(root: Token) -> bool:
    """ "A state of emergency / siege / war": a condition, not a state."""
    return root.lemma_.lower() == "state" and any(c.dep_ == "prep" and c.lower_ == "of" for c in dependents(root))


def _domain_target(cand: Candidate, actors: ActorIndex, sources: set[str], spans: list[tuple[int, int]]) -> Arg | None:
    """The nearest party or toponym below the trigger, breadth first, outside its subject: "shelled Juba",
    "agreed to provide aid for Malawi", "complained over three Peruvian border raids", "eased measures in Latvia"."""
    top = cand.token
    if cand.row.pos == "N":
        top = _support_verb(cand.token) or cand.token
        if top is cand.token and top.dep_ == "nsubj" and top.head.lemma_.lower() in ARRIVAL_VERBS:
            top = top.head  # "the deployment of NATO troops arrived in Bosnia": where it arrives
    queue = [c for c in dependents(top) if c.dep_ not in _SUBJECT_DEPS]
    if top is not cand.token:
        queue.insert(0, cand.token)
    seen = 0
    while queue and seen < 60:
        t = queue.pop(0)
        seen += 1
        if any(s <= t.idx < e for s, e in spans) or (t.dep_ in _OTHER_CLAUSES and not _purpose(t)):
            continue
        if t.dep_ == "prep" and t.lower_ in CIRCUMSTANCE_PREPS:
            continue  # "despite Norway's objection", "after a coup": circumstances, not whom the act is aimed at
        if t.pos_ == "VERB" and t.lemma_.lower() in SAYING_VERBS:
            continue  # "..., reports a relief group": the report's source, not a party
        if t.dep_ == "prep" and t.lower_ == "according":
            continue  # "..., according to prison officials": who says so, not a party
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
        queue.extend(c for c in dependents(t) if c.dep_ not in _SUBJ | _PASS_SUBJ)
    return None


def _purpose(t: Token) -> bool:
    """A subjectless infinitive of purpose ("opened the bridge to allow deliveries to Afghanistan")."""
    return (
        t.dep_ == "advcl"
        and not _children(t, _SUBJ)
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in dependents(t))
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
    source itself ("offered its engineers to Chad"): the party or place the action is aimed at. A material act's
    object stays its target when that search finds only a place ("shot down a helicopter near Goma"): the place
    gives the object its country."""
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
        # a thing a material act is done to, when the text names no one, is all it has ("internet services were cut")
        hits_things = _hits_things(cand) or (not cand.source and cand.row.type in MATERIAL_TYPES)
        for arg in cand.target:
            root = roots[id(arg)]
            if _addressed(cand, root) or _keeps(
                arg, root, sources, hits_things, party=cand.row.type in PARTY_TARGET_TYPES
            ):
                target.append(arg)
        if not target and len(cand.source) == 1 and cand.row.type in JOINT_TYPES:
            pair = _coordinated_countries(roots[id(cand.source[0])], actors)
            if pair is not None:
                # "Chilean and Peruvian officials agreed", "Danish and Greek warships began naval drills"
                src = cand.source[0]
                kind = actors.kind.get(src.actor or "")
                kind = kind if kind in ("government", "military", "police") else None
                cand.source = [replace(src, actor=None, country=pair[0][1], kind=kind)]
                target = [Arg(pair[1][0].idx, pair[1][0].idx + len(pair[1][0].text), None, True, pair[1][1], kind=kind)]
                cand.reasons.append("parties:coordinated-demonyms")
        joint = len({a.actor for a in cand.source if a.actor}) > 1 and cand.row.type in JOINT_TYPES
        if not target and joint:
            # "Czechia and Albania upgraded their ties": a joint act of the coordinated parties, each with the other
            cand.source, target = cand.source[:1], cand.source[1:]
            cand.reasons.append("parties:coordinated-subject")
        content = [by_token.get(c.i) for c in _children(cand.token, {"xcomp"})]
        bare = cand.row.mode in NO_TARGET_MODES or any(c is not None and c.mode in NO_TARGET_MODES for c in content)
        if not any(a.actor or a.country for a in target) and not bare:  # "agreed to resign": nobody is its target
            spans = [(a.start, a.end) for a in cand.source]
            if cand.mode == "withdraw":  # what is withdrawn is not whom the withdrawal concerns
                spans += [(o.left_edge.idx, o.right_edge.idx + len(o.right_edge)) for o in _children(cand.token, _OBJ)]
            found = _domain_target(cand, actors, sources, spans)
            if found is not None:
                if found.country is None and not actors.country.get(found.actor or ""):
                    _set_country(found, _root(spacy_doc, found), sent_country, actors)
                country = found.country or actors.country.get(found.actor or "")
                if cand.row.type in AGAINST_ONLY_TYPES and not _foreign(country, cand.source, actors):
                    pass  # forces moved at home are mobilised against no one the text names
                elif target and cand.row.type in MATERIAL_TYPES and found.actor is None:
                    # a material act's own object is what it hits ("shot down an army helicopter near Goma"), not the
                    # place the domain search finds: it stays the target, of that place's country (Congo's)
                    target = [replace(a, country=country) for a in target]
                    cand.reasons.append("target-country:domain")
                else:
                    target = [found]
                    cand.reasons.append("target:domain")
        cand.target = target


def _addressed(cand: Candidate, root: Token | None) -> bool:
    """Whether the argument is the one a request is addressed to: the object of "urge", "ask", "press" ("urged donors
    to step up"), or the "to" phrase of an appeal ("appealed to both communities"), whatever noun names it."""
    if root is None:
        return False
    if root.dep_ == "dobj" and root.head.i == cand.token.i:
        return asks_its_object(cand.row)
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ == "to" and prep.head.i == cand.token.i and asks_by_to(cand.row)


def _hits_things(cand: Candidate) -> bool:
    """Whether the act's object is its target even when it names no one: what a material act hits ("opened fire on
    the checkpoint"), except that a restriction, a seizure or a protest is aimed at a party, not at the thing it
    blocks or takes; and whom an arrest or an expulsion takes, whatever noun names them ("28 rioters")."""
    if cand.mode in PEOPLE_PATIENT_MODES:
        return True
    return cand.row.type in MATERIAL_TYPES and cand.row.type not in PARTY_TARGET_TYPES


def _foreign(country: str | None, source: list[Arg], actors: ActorIndex) -> bool:
    """Whether ``country`` is another than every source's: forces moved into another state's territory are mobilised
    towards that state (PLOVER MOBILIZE: "strengthened its forces in Lebanon"), those moved at home against no one."""
    own = {a.country or actors.country.get(a.actor or "") for a in source} - {None}
    return country is not None and bool(own) and country not in own


def implied_police(cand: Candidate, actors: ActorIndex) -> Arg | None:
    """The agent of an arrest told without one ("three men were arrested", "the arrests followed"): the police force
    its sentence or the sentence before names, when there is exactly one and it is not the one arrested. An arrest is
    a police act, and the coding guide lets a participant named only in the sentence before be given (section 8)."""
    if cand.source or cand.row.type != "COERCE" or cand.mode != "arrest":
        return None
    sent = cand.sent
    start = sent.start_char
    if sent.start > 0:
        start = sent.doc[sent.start - 1].sent.start_char
    targets = {a.actor for a in cand.target if a.actor}
    found: dict[str, tuple[int, int]] = {}
    for s, e, actor in actors.overlapping(start, sent.end_char):
        if actors.kind.get(actor) == "police" and actor not in targets:
            found.setdefault(actor, (s, e))
    if len(found) != 1:
        return None
    actor, (s, e) = next(iter(found.items()))
    return Arg(s, e, actor, from_context=True)
