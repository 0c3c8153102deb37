"""Trigger matching and argument extraction over the spaCy dependency parse.

``find_candidates`` walks the tokens once, looks each lemma up in the compiled lexicon, checks the
row's constraints (particle, object, support verb), then reads the source and target from the
parse: subject / "by"-agent / possessor for the source; object / against-on-at PP / "with" or
"between A and B" for the target. Argument heads are mapped to actors through the mentions the
actors stage found; pronouns and "the group" go to the nearest compatible earlier actor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .lexicon import ASSAULT_MODE_CUES, SUPPORT_VERBS, Trigger, word_set

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from ..model import Actor

SPEECH_VERBS = word_set("say tell note add state claim announce report insist stress explain write quote")
_PERSON_PRONOUNS = word_set("he him his she her")
_THING_PRONOUNS = word_set("it its")
_PLURAL_PRONOUNS = word_set("they them their")
_GROUP_NOUNS = word_set(
    "group organisation organization militant jihadist extremist insurgent movement faction network "
    "government regime ministry army force"
)
# Common nouns that name people who can be an event's target even when no actor is known.
_PEOPLE_NOUNS = word_set(
    "victim man woman child civilian people villager resident prisoner hostage protester demonstrator "
    "soldier fighter worker student journalist refugee detainee family person"
)
_NON_AGENT_KINDS = frozenset(["media"])
# Kinds that can carry out an ASSAULT/COERCE when the text leaves the agent implicit ("they were shot").
_AGENT_KINDS = word_set("state government military police rebels terrorist-group party organization")
_ARG_MODS = word_set("det amod compound poss nummod quantmod nmod")
_SUBJ = frozenset(["nsubj", "csubj"])
_PASS_SUBJ = frozenset(["nsubjpass", "csubjpass"])
_OBJ = frozenset(["dobj", "obj", "attr"])
_TARGET_PREPS = frozenset(["against", "on", "at", "upon", "with", "to", "for"])
_SYMMETRIC_PREPS = frozenset(["with"])
_QUANTITY_NOUNS = word_set("thousand hundred dozen score million some many group crowd")
_NOT_ARGUMENT_ENTS = word_set("DATE TIME PERCENT MONEY")
_IN_VERBS = word_set("be engage enter go remain join")
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


class ActorIndex:
    """Actor mentions sorted by offset, for span lookup and pronoun resolution in one document."""

    def __init__(self, actors: list[Actor]):
        self.kind = {a.id: a.kind for a in actors}
        self.mentions = sorted((m.start, m.end, a.id) for a in actors for m in a.mentions)

    def at(self, start: int, end: int) -> tuple[int, int, str] | None:
        """The mention overlapping ``start:end`` (the first one, which is the leftmost)."""
        for m_start, m_end, actor_id in self.mentions:
            if m_start >= end:
                break
            if m_end > start:
                return m_start, m_end, actor_id
        return None

    def before(
        self, offset: int, floor: int, person: bool | None, kinds: frozenset[str] | None = None
    ) -> tuple[int, int, str] | None:
        """Like :meth:`_before`, preferring actors from the knowledge base over unknown ``x-`` ones."""
        return self._before(offset, floor, person, kinds, known=True) or self._before(offset, floor, person, kinds)

    def _before(
        self, offset: int, floor: int, person: bool | None, kinds: frozenset[str] | None = None, known: bool = False
    ) -> tuple[int, int, str] | None:
        """The nearest mention ending before ``offset`` and starting after ``floor``, of the right kind."""
        best = None
        for m_start, m_end, actor_id in self.mentions:
            if m_end > offset:
                break
            if m_start < floor:
                continue
            kind = self.kind.get(actor_id)
            if kind in _NON_AGENT_KINDS:
                continue
            if person is not None and (kind == "person") != person:
                continue
            if kinds is not None and (kind not in kinds or actor_id.startswith("x-")):
                continue
            if known and actor_id.startswith("x-"):
                continue
            best = (m_start, m_end, actor_id)
        return best


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
    tokens = [t for h in heads for t in _conjuncts(h) if t.ent_type_ not in _NOT_ARGUMENT_ENTS]
    if len(tokens) > 1:  # "a Caliphate and its fighters": an indefinite conjunct is not a known agent
        tokens = [t for t in tokens if not any(c.lower_ in ("a", "an") for c in t.children)] or tokens
    args = [_arg(t, index, floor) for t in tokens]
    if any(a.actor for a in args):
        args = [a for a in args if a.actor]
    seen: set[str] = set()
    out = []
    for a in args:
        if a.actor is None or a.actor not in seen:
            out.append(a)
            seen.add(a.actor or "")
    return out


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
    hit = index.at(start, end)
    poss = [c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"]
    if hit is not None and not (hit[2].startswith("x-") and poss):
        return Arg(start, end, hit[2])
    lower = token.lower_
    if token.pos_ == "PRON" or lower in _PLURAL_PRONOUNS:
        person = True if lower in _PERSON_PRONOUNS else False if lower in _THING_PRONOUNS | _PLURAL_PRONOUNS else None
        ante = index.before(token.idx, sent_floor, person)
        if ante is not None and lower not in _PLURAL_PRONOUNS:
            return Arg(ante[0], ante[1], ante[2], from_context=True)
        people = _people_antecedent(token)
        if people is not None and (ante is None or people.idx > ante[0]):
            p_start, p_end = _phrase(people)
            return Arg(p_start, p_end, None, from_context=True)
        if ante is not None:
            return Arg(ante[0], ante[1], ante[2], from_context=True)
        return Arg(start, end, None)
    if token.lemma_.lower() in _GROUP_NOUNS and any(c.lower_ == "the" for c in token.lefts):
        ante = index.before(token.idx, sent_floor, False)
        if ante is not None:
            return Arg(start, end, ante[2], from_context=True)
    # "messengers representing Baghdadi", "leader of IS": an actor named inside the argument.
    for child in token.rights:
        if (child.dep_ == "acl" and child.pos_ == "VERB") or (child.dep_ == "prep" and child.lower_ == "of"):
            for t in child.subtree:
                inner = index.at(t.idx, t.idx + len(t.text))
                if inner is not None and t.pos_ in ("PROPN", "NOUN"):
                    return Arg(start, max(end, inner[1]), inner[2], from_context=True)
    # "its fighters", "their leader": the possessor names the actor.
    if poss and token.pos_ == "NOUN":
        ante = index.before(poss[0].idx, sent_floor, False)
        if ante is not None:
            return Arg(start, end, ante[2], from_context=True)
    return Arg(start, end, None)


def _people_antecedent(pron: Token) -> Token | None:
    """For "they/them": the nearest earlier plural people-noun ("the men", "the victims") in ~2 sentences."""
    doc = pron.doc
    floor = max(0, pron.sent.start - 80)
    for i in range(pron.i - 1, floor - 1, -1):
        t = doc[i]
        if t.tag_ == "NNS" and t.lemma_.lower() in _PEOPLE_NOUNS and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            return t
    return None


def _children(token: Token, deps: frozenset[str] | set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


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
        if cur.dep_ in ("conj", "xcomp", "advcl") and cur.head is not cur:
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


def _object_lemmas(token: Token) -> set[str]:
    lemmas = set()
    for obj in _children(token, _OBJ | {"nsubjpass"}):
        lemmas.add(obj.lemma_.lower())
        lemmas.update(c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod"))
        lemmas.update(c.lemma_.lower() for c in obj.children if c.dep_ == "prep" for c in c.children)
    for t in token.doc[token.i + 1 : token.i + 4]:
        if t.pos_ in ("NOUN", "PROPN"):
            lemmas.add(t.lemma_.lower())
            break
    return lemmas


def _support_verb(noun: Token) -> Token | None:
    """The verb a nominal trigger is the object of ("held talks", "made gains"), or the "be in" of "is in talks"."""
    head = noun.head
    if noun.dep_ in _OBJ and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in SUPPORT_VERBS:
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        verb = head.head
        if head.lower_ in ("in", "into", "on") and verb.lemma_ in _IN_VERBS:
            return verb
    return None


def _strike_row(token: Token, rows: list[Trigger]) -> tuple[Trigger, str | None] | None:
    """Split the noun "strike": air/drone/missile strike is ASSAULT, a workers' or general strike PROTEST."""
    mods = {c.lemma_.lower() for c in token.lefts}
    for lemma, mode in _STRIKE_ASSAULT.items():
        if lemma in mods:
            return Trigger("strike", "N", "ASSAULT", mode, 0.85), mode
    on_strike = token.dep_ == "pobj" and token.head.lower_ == "on"
    if on_strike or mods & {"general", "labour", "labor", "national", "worker", "union", "teacher", "hunger"}:
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


def _refine_mode(cand_row: Trigger, mode: str | None, token: Token) -> tuple[str | None, str | None]:
    """ASSAULT mode from weapon words around the trigger, when the trigger word itself names none."""
    # "fire" names no weapon ("fired tear gas at", "fired rockets"): a weapon word overrides its default mode.
    if cand_row.type != "ASSAULT" or (mode is not None and cand_row.lemma != "fire"):
        return mode, None
    neighbourhood = list(token.subtree) if token.pos_ == "NOUN" else [*token.children, *token.subtree]
    for t in neighbourhood:
        cue = ASSAULT_MODE_CUES.get(t.lemma_.lower())
        if cue is not None and t.i != token.i:
            return cue, t.text
    return mode, None


def _verb_args(token: Token, row: Trigger, actors: ActorIndex, floor: int) -> tuple[list[Arg], list[Arg], list[str]]:
    source: list[Arg] = []
    target: list[Arg] = []
    reasons: list[str] = []
    subj, passive_subj = _clause_subject(token)
    passive = passive_subj or _is_passive(token)
    agents = [o for prep in token.children if prep.dep_ == "agent" for o in prep.children if o.dep_ == "pobj"]
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
    else:
        if subj is not None:
            source = _args([subj], actors, floor)
            reasons.append("source:subject")
        objs = _children(token, _OBJ)
        if objs and not (row.objects and row.type == "COERCE" and row.mode == "seize"):
            target = _args(objs, actors, floor)
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
        for prep, obj in _pobjs(token, _TARGET_PREPS - ({"to", "for"} if row.type != "AID" else set())):
            if row.particle and prep == row.particle and row.particle not in ("on", "at"):
                continue
            target = _args([obj], actors, floor)
            reasons.append(f"target:{prep}")
            break
    if not target and row.type == "AID":
        for dative in _children(token, {"dative"}):
            target = _args([dative], actors, floor)
            reasons.append("target:dative")
    if row.symmetric and not target and len(source) > 1:
        source, target = source[:1], source[1:]
        reasons.append("symmetric:split-subject")
    return source, target, reasons


def _noun_args(token: Token, row: Trigger, actors: ActorIndex, floor: int) -> tuple[list[Arg], list[Arg], list[str]]:
    source: list[Arg] = []
    target: list[Arg] = []
    reasons: list[str] = []
    for _prep, obj in _pobjs(token, {"by"}):
        source = _args([obj], actors, floor)
        reasons.append("source:by")
    if not source:
        poss = _children(token, {"poss"})
        if poss:
            source = [_arg(poss[0], actors, floor)]
            reasons.append("source:possessor")
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
            for t in obj.subtree:
                hit = actors.at(t.idx, t.idx + len(t.text))
                if hit is not None and all(hit[2] != a.actor for a in named):
                    named.append(Arg(hit[0], hit[1], hit[2]))
        if len(named) > len([a for a in args if a.actor]):
            args = named
        if not source:
            source, target = args[:1], args[1:]
        else:
            target = args
        reasons.append("parties:between")
    if not target:
        preps = _TARGET_PREPS | {"of"} if row.type in ("ASSAULT", "COERCE") else _TARGET_PREPS
        for prep, obj in _pobjs(token, preps - {"for"}):
            target = _args([obj], actors, floor)
            reasons.append(f"target:{prep}")
            break
    if not source:
        sup = _support_verb(token)
        if sup is not None:
            subj, passive = _clause_subject(sup)
            if subj is not None and not passive:
                source = _args([subj], actors, floor)
                reasons.append(f"source:subject-of-{sup.lemma_}")
            elif subj is None:
                left = _left_actor(sup, actors)
                if left is not None:
                    source = [left]
                    reasons.append("source:left-actor")
    if row.symmetric and not target and len(source) > 1:
        source, target = source[:1], source[1:]
    return source, target, reasons


def _context_agent(token: Token, actors: ActorIndex, floor: int) -> Arg | None:
    """For an agentless passive ("they were shot"): the nearest earlier non-person actor in the paragraph."""
    ante = actors.before(token.idx, floor, False, _AGENT_KINDS)
    if ante is None:
        return None
    return Arg(ante[0], ante[1], ante[2], from_context=True)


def find_candidates(spacy_doc, lexicon, actors: ActorIndex, paragraphs: list[tuple[int, int]]) -> list[Candidate]:
    """Every trigger in the document with its arguments read from the parse."""
    out: list[Candidate] = []
    seen_nominal: set[int] = set()
    whole = (0, len(spacy_doc.text))
    for token in spacy_doc:
        if token.lemma_.lower() in SPEECH_VERBS:
            continue
        hit = _match(token, lexicon)
        if hit is None:
            continue
        row, mode = hit
        # "discussions and dialogue": coordinated nouns of one type are one event.
        if row.pos == "N" and token.dep_ == "conj" and token.head.i in seen_nominal:
            continue
        para = next(((s, e) for s, e in paragraphs if s <= token.idx < e), whole)
        floor = para[0]
        if row.pos == "V":
            source, target, reasons = _verb_args(token, row, actors, floor)
        else:
            source, target, reasons = _noun_args(token, row, actors, floor)
            seen_nominal.add(token.i)
        agentless = row.pos == "V" and not any(a.actor for a in source) and _is_passive(token)
        if agentless and row.type in ("ASSAULT", "COERCE"):
            agent = _context_agent(token, actors, floor)
            if agent is not None:
                source = [agent]
                reasons.append("source:context")
        mode, cue = _refine_mode(row, mode, token)
        if cue:
            reasons.append(f"mode-cue:{cue}")
        end = token.idx + len(token.text)
        if row.particle:
            part = next((c for c in token.children if c.lower_ == row.particle), None)
            if part is not None and part.i == token.i + 1:
                end = part.idx + len(part.text)
        cand = Candidate(row, mode, token, token.idx, end, token.sent, source, target, reasons)
        out.append(cand)
    return _merge(out)


def _merge(cands: list[Candidate]) -> list[Candidate]:
    """One event per action: "marched ... to protest", "struck a school, killing 11" are one event.

    A trigger in a purpose/consequence clause (xcomp, advcl) of a trigger of the same type folds into it,
    lending its target and mode when the governing trigger has none. A THREATEN/REQUEST/AGREE trigger
    takes its target from the action threatened, requested or promised ("threatened to attack X").
    """
    by_token = {c.token.i: c for c in cands}
    dropped: set[int] = set()
    for cand in cands:
        head = by_token.get(cand.token.head.i)
        if head is None or cand.token.dep_ not in ("xcomp", "advcl") or head is cand:
            continue
        if head.row.type == cand.row.type:
            head.target = head.target or cand.target
            head.mode = head.mode or cand.mode
            dropped.add(cand.token.i)
        elif head.row.type in ("THREATEN", "REQUEST", "AGREE") and not head.target:
            head.target = cand.target
            if head.row.type == "THREATEN" and cand.row.type == "ASSAULT":
                head.mode = "violence"
    return [c for c in cands if c.token.i not in dropped]
