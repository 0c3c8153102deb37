"""Parse facts the events stage asks about a trigger or an argument head.

A noun's compact phrase, its conjuncts and prepositional objects, a clause's subject (inherited through
coordination and control; a passive verb's subject is the active subject of the infinitive it governs: "are expected
to agree"), whether a verb is passive, and the support verb of a nominal trigger ("held talks").
The questions other stages ask too are in :mod:`dateline.syntax`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import word_set
from ..syntax import PASS_SUBJ as _PASS_SUBJ
from ..syntax import SUBJ as _SUBJ
from ..syntax import children as _children
from ..syntax import dependents, sentence
from ._lexicon import (
    ADDRESSEE_VERBS,
    ADDRESSING_VERBS,
    CONTAINER_NOUNS,
    DOCUMENT_NOUNS,
    IN_VERBS,
    RELATION_NOUNS,
    RESPONSE_VERBS,
    SOMEONE_ENTS,
    SOMEONE_NOUNS,
)
from ._triggers_table import SUPPORT_VERBS, Trigger

if TYPE_CHECKING:
    from spacy.tokens import Token


_ARG_MODS = word_set("det amod compound poss nummod quantmod nmod")
_OBJ = frozenset(["dobj", "obj", "attr"])
_SMALL_CLAUSES = frozenset(["xcomp", "ccomp", "oprd"])


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


def _allied(t: Token) -> bool:
    """ "Chad's militia ally", "Peru's neighbours": the possessor of a relation noun names the other side of the
    relation, not the party itself."""
    return t.dep_ == "poss" and t.head.lemma_.lower() in RELATION_NOUNS


def _noun_lemma(token: Token) -> str:
    """A noun's lemma, also for a capitalised plural the tagger took for a name ("Militants from ...")."""
    lemma = token.lemma_.lower()
    if token.tag_ == "NNPS" and lemma == token.lower_ and lemma.endswith("s"):
        return lemma[:-1]
    return lemma


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


def _pobjs(token: Token, preps: frozenset[str] | set[str]) -> list[tuple[str, Token]]:
    """(preposition, object) pairs of the token's prepositional children."""
    out = []
    for prep in dependents(token):
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ in preps:
            out.extend((prep.lower_, o) for o in dependents(prep) if o.dep_ == "pobj")
    return out


def _clause_subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of ``verb``, inherited through conj/xcomp/relcl chains; (token, passive)."""
    seen = 0
    cur = verb
    raised = False
    while cur is not None and seen < 6:
        seen += 1
        subj = _children(cur, _SUBJ)
        if subj and subj[0].tag_ in ("WP", "WDT") and cur.dep_ == "relcl":
            return cur.head, False  # "protesters who marched": the relative pronoun stands for the head noun
        if subj:
            return subj[0], False
        pas = _children(cur, _PASS_SUBJ)
        if pas and pas[0].tag_ in ("WP", "WDT") and cur.dep_ == "relcl":
            return cur.head, True  # "an officer who was shot by a parolee": the officer was shot
        if pas:
            # "the ministers are expected to agree", "he was forced to resign": the passive verb's subject is the
            # active subject of the infinitive it governs (raising and control), not its patient
            return pas[0], not raised
        if cur.dep_ == "relcl" and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return cur.head, False
        if cur.dep_ == "acl" and cur.head.lemma_.lower() in DOCUMENT_NOUNS and cur.head.head is not cur.head:
            cur = cur.head.head  # "issued a statement demanding ...": the declaration speaks for its issuer
            continue
        if cur.dep_ == "acl" and _reduced_passive(cur):
            return cur.head, True  # a reduced passive relative: "a journalist shot by police" was shot
        if cur.dep_ == "xcomp" and cur.head is not cur:
            # object control: "called on the UN to investigate", "urged all parties to allow": the addressee acts
            controller = _children(cur.head, _OBJ) or [
                o
                for p in dependents(cur.head)
                if p.dep_ == "prep" and p.lower_ == "on"
                for o in dependents(p)
                if o.dep_ == "pobj"
            ]
            if controller:
                return controller[0], False
        if cur.dep_ in ("conj", "xcomp", "advcl", "acomp") and cur.head is not cur:
            raised = raised or (cur.dep_ == "xcomp" and cur.tag_ == "VB")
            cur = cur.head
            continue
        break
    return None, False


def _reduced_passive(verb: Token) -> bool:
    """A past participle modifying a noun naming someone, as a passive relative clause: "a journalist shot by
    police", "protesters arrested in Lagos". Sure with a "by"-agent; without one, not when it takes an object of its
    own or hangs on an appositive ("... refugees, a rights group protested here": a main verb parsed as a
    participle)."""
    if verb.tag_ != "VBN" or not _someone(verb.head):
        return False
    if any(c.dep_ == "agent" for c in dependents(verb)):
        return True
    if verb.head.dep_ == "appos":
        return False
    return not any(c.dep_ in ("dobj", "dative") for v in (verb, *verb.conjuncts) for c in dependents(v))


def _someone(noun: Token) -> bool:
    """A noun naming someone (a person, group, people or state by its entity label or head word), not a thing."""
    return noun.ent_type_ in SOMEONE_ENTS or noun.lemma_.lower() in SOMEONE_NOUNS


def _is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in dependents(verb)):
        return True
    # "They were taken ... and shot": a participle conjoined with a passive verb is passive too.
    if (
        verb.tag_ in ("VBN", "VBD")
        and verb.dep_ == "conj"
        and any(c.dep_ in ("auxpass", "nsubjpass") for c in dependents(verb.head))
    ):
        return True
    return _headline_passive(verb)


def _headline_passive(verb: Token) -> bool:
    """A bare past participle with a subject and no auxiliary, in the article's first sentence (its headline): a
    headline's passive with its "was" left out ("DeKalb man arrested in attempted robbery"). In the body a past
    tense the tagger took for a participle is likelier ("Thousands protested against the mine")."""
    if verb.tag_ != "VBN" or verb.dep_ not in ("ROOT", "conj") or sentence(verb).start != 0:
        return False
    deps = {c.dep_ for c in dependents(verb)}
    return "nsubj" in deps and not deps & {"aux", "auxpass", "dobj", "dative", "ccomp", "xcomp"}


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


def _support_verb(noun: Token) -> Token | None:
    """The verb a nominal trigger is the object of ("held talks", "made gains"), or the "be in" of "is in talks".

    A support verb in a reduced passive relative counts too: "sanctions imposed by the EU" is "the EU imposed
    sanctions" (the noun a past participle modifies is that verb's object), and so does a passive one: "charges were
    filed against him" is "someone filed charges against him" (the passive subject is the underlying object)."""
    head = noun.head
    if noun.dep_ in _OBJ and head.pos_ in ("VERB", "AUX") and _is_support(head):
        return head
    if noun.dep_ == "nsubjpass" and head.pos_ == "VERB" and _is_support(head):
        return head
    participle = _reduced_relative(noun)
    if participle is not None and _is_support(participle):
        return participle
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        verb = head.head
        if head.lower_ in ("in", "into", "on") and verb.lemma_ in IN_VERBS:
            return verb
        if head.lower_ == "with" and verb.lemma_.lower() in RESPONSE_VERBS:
            return verb  # "the army answered with air strikes": the strikes are its response
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in CONTAINER_NOUNS:
        return _support_verb(head.head)  # "began five days of naval drills", "began a new round of talks"
    return None


def _reduced_relative(noun: Token) -> Token | None:
    """The past participle modifying a noun as a reduced passive relative clause ("a curfew imposed on the city",
    "talks held in Doha"), whose underlying object the noun is; None when there is none."""
    for c in dependents(noun):
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.i > noun.i and not any(o.dep_ in _OBJ for o in dependents(c)):
            return c
    return None


def asks_its_object(row: Trigger) -> bool:
    """A request whose object is the one asked ("urged donors to step up", "asked the city for compensation")."""
    return row.type == "REQUEST" and row.lemma in ADDRESSEE_VERBS


def asks_by_to(row: Trigger) -> bool:
    """A request whose "to" phrase names the one asked ("appealed to both communities", "wrote to the UN")."""
    return row.type == "REQUEST" and row.lemma in ADDRESSING_VERBS
