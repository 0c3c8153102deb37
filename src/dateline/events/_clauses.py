"""Where a toponym or a time expression sits in the parse, relative to an event's clause.

The tree questions place and date anchoring ask: is a toponym in a locative phrase ("in Mosul") or a party ("urged
Turkey"), in a speaker's description ("sources in Pakistan said"), in the trigger's own clause or in another clause's
content; which clauses share the trigger's subject; does a time premodify another noun ("the 2019 bombing").
"""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING

from ..lexicon import PLACE_NOUNS
from ..syntax import LatestParse, dependent_indices, dependents
from ._lexicon import LOCATIVE, NON_LOCATIVE, PARTY_VERBS, SPEECH, STRICT_LOCATIVE, TO_RELATION

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_CONTENT_DEPS = frozenset(["xcomp", "ccomp", "pcomp"])
_OBJECTS = frozenset(["dobj", "obj"])
_CLAUSE_POS = frozenset(["VERB", "AUX"])
# a verb in one of these roles is a noun phrase of its clause ("evacuated the injured"), not a clause of its own
_NOMINAL_DEPS = frozenset(["dobj", "obj", "nsubj", "nsubjpass", "pobj", "amod", "compound", "appos", "attr"])
_PREMODIFIER_DEPS = frozenset(["compound", "nmod", "amod", "nummod", "poss"])
_SUBJECTS = frozenset(["nsubj", "nsubjpass", "csubj", "expl"])


def _in_other_content(tok: Token, head: Token) -> bool:
    """True when ``tok`` lies in a complement clause (xcomp, ccomp, "of"+gerund, an infinitive) that does not
    contain ``head``."""
    for node in [tok, *tok.ancestors]:
        if node.i == head.i:
            return False
        content = node.dep_ in _CONTENT_DEPS or (
            node.dep_ == "advcl" and any(c.tag_ == "TO" for c in dependents(node))  # "threatened ... to attack"
        )
        if content and not (node.left_edge.i <= head.i <= node.right_edge.i):
            return True
    return False


def _describes_a_thing(tok: Token) -> bool:
    """True for a toponym that describes a thing, not where a clause's act was done: it premodifies a noun or its
    phrase modifies one ("the Benghazi attacks", "aid to Ukraine", "claims in the South China Sea") rather than a
    verb ("said in Geneva", "was booked into the county jail"). A place noun passes its place on ("the town of
    Kalma", "a village in Kunar")."""

    def a_thing(noun: Token) -> bool:
        return (
            noun.pos_ in ("NOUN", "PROPN")
            and noun.lemma_.lower() not in PLACE_NOUNS
            and noun.ent_type_ not in ("GPE", "LOC", "FAC")
        )

    if tok.dep_ == "poss" and tok.head.dep_ == "pobj" and tok.head.head.lower_ in STRICT_LOCATIVE:
        return False  # "in Portugal's largest fraud trial": a possessive toponym in a locative phrase places
    cur = tok
    for _ in range(8):  # up the toponym's own phrase to the word it modifies
        if cur.head.i == cur.i:
            break
        if cur.dep_ in ("compound", "amod", "nmod") and a_thing(cur.head):
            return True  # "the Benghazi attacks" (a possessor goes on up: "in Greece's biggest trial" is in Greece)
        if cur.dep_ == "prep":
            if cur.head.pos_ in _CLAUSE_POS:
                return False  # "said in Geneva"
            if a_thing(cur.head):
                return True  # "aid to Ukraine"
        elif cur.dep_ not in ("compound", "conj", "appos", "amod", "nmod", "poss", "pobj"):
            break
        cur = cur.head
    return False


def _strictly_locative(tok: Token) -> bool:
    """True for a toponym (or the head of its phrase) governed by a preposition that only places ("in Kabul")."""
    cur = tok
    while cur.dep_ in ("compound", "appos", "conj", "amod") and cur.head.i != cur.i:
        cur = cur.head
    return cur.dep_ == "pobj" and cur.head.lower_ in STRICT_LOCATIVE


def _linked_clauses(head: Token) -> list[Token]:
    """Clauses that share ``head``'s subject, nearest first: its conjuncts ("kidnapped advisers ... and exploded
    bombs in Kabul"), the clause a subjectless participle or infinitive hangs on ("sent personnel to Bosnia to
    investigate"), and a subjectless participle hanging on it ("struck a hospital, killing three")."""
    out: list[Token] = []

    def subjectless(t: Token) -> bool:
        return not any(c.dep_ in _SUBJECTS for c in dependents(t))

    if head.pos_ not in _CLAUSE_POS:
        return out
    cur = head
    while cur.dep_ == "conj" and cur.head.i != cur.i:  # up the coordination to its first conjunct
        cur = cur.head
        if subjectless(head) or subjectless(cur):
            out.append(cur)
    out.extend(c for c in dependents(head) if c.dep_ == "conj" and c.pos_ in _CLAUSE_POS and subjectless(c))
    if head.dep_ == "conj":
        out.extend(
            c
            for c in dependents(head.head)
            if c.dep_ == "conj" and c.i != head.i and c.pos_ in _CLAUSE_POS and subjectless(c)
        )
    if head.dep_ in ("advcl", "xcomp") and subjectless(head) and head.head.pos_ in _CLAUSE_POS:
        out.append(head.head)
    out.extend(c for c in dependents(head) if c.dep_ == "advcl" and c.tag_ == "VBG" and subjectless(c))
    seen: set[int] = {head.i}
    return [t for t in out if not (t.i in seen or seen.add(t.i))]


def _in_locative_phrase(tok: Token) -> bool:
    """True for a toponym in a locative phrase ("in Mosul", "the outskirts of Mosul") or the object of a
    material verb ("visited Moscow"); false for subjects, owners and parties ("urged Turkey")."""
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("compound", "conj", "appos", "amod", "nmod", "poss") and cur.head is not cur:
            cur = cur.head
            continue
        break
    if cur.dep_ in _OBJECTS:
        # "visited Moscow", "shelled Kharkiv": the place; "urged Turkey", "accused Moscow": a party
        return cur.head.lemma_.lower() not in PARTY_VERBS
    if cur.dep_ != "pobj":
        return False
    prep = cur.head
    if prep.lower_ == "of":  # "the outskirts of Mosul", "in a northern district of Varna"
        owner = prep.head
        if owner.lemma_.lower() in PLACE_NOUNS:
            return True
        return owner.dep_ == "pobj" and owner.head.lower_ in LOCATIVE and owner.head.lower_ != "of"
    if prep.lower_ == "to" and prep.head.lemma_.lower() in TO_RELATION:
        return False  # "ships linked to Israel": a relation, not a destination
    return prep.lower_ in LOCATIVE


def _in_speaker(tok: Token) -> bool:
    """True for a toponym describing a speaker or where they spoke ("sources in Pakistan said", "according to
    officials in Kabul", "told reporters in Bamako", "said in Geneva")."""
    child = tok
    for node in [tok, *islice(tok.ancestors, 5)]:  # not every ancestor of a word deep in a long list
        if node.dep_ in ("nsubj", "nsubjpass") and node.head.lemma_.lower() in SPEECH:
            return True
        if node.dep_ == "pobj" and node.head.lower_ == "to" and node.head.head.lower_ == "according":
            return True
        if node.pos_ in _CLAUSE_POS:
            # the speech verb's own phrase (not its reported clause): where the words were said
            return (
                node is not tok
                and node.lemma_.lower() in SPEECH
                and child.dep_ in ("prep", "dobj", "dative", "npadvmod")
            )
        child = node
    return False


def _depth(t: Token, head: Token) -> int:
    depth, cur = 0, t
    while cur.i != head.i and cur.head.i != cur.i:
        cur, depth = cur.head, depth + 1
    return depth


def _locative(t: Token, head: Token, trigger: Token | None = None, departure: bool = False) -> bool:
    """True when the path from toponym ``t`` up to ``head`` passes a locative preposition and no other.

    "of" is locative only under a place noun ("the outskirts of Mosul", not "the ministers of Turkey"). With
    ``trigger`` given (a verbal event), the path may not pass through another noun: the place must modify the
    event, not one of its arguments.
    """
    cur, seen = t, False
    while cur.i != head.i and cur.head.i != cur.i:
        if cur.dep_ == "prep" or cur.pos_ == "ADP":
            if departure and cur.lower_ == "from":
                seen = True  # "airlifted the injured from Varna"
            elif cur.lower_ in NON_LOCATIVE:
                return False
            if cur.lower_ == "of":
                seen = seen or cur.head.lemma_.lower() in PLACE_NOUNS
            else:
                seen = seen or cur.lower_ in LOCATIVE
        elif (
            seen
            and trigger is not None
            and cur.i != trigger.i
            and cur.pos_ in ("NOUN", "PROPN")
            and cur.lemma_.lower() not in PLACE_NOUNS
        ):
            return False  # "the government in Minsk": the place of an argument
        cur = cur.head
    return seen


def _same_clause(t: Token, head: Token) -> bool:
    """True when no other verb stands between ``t`` and ``head`` (the toponym belongs to this event).

    Walking up from ``t``, the first clause verb (a VERB not in a nominal role) met before ``head`` makes it
    False; ``head`` met first, or the root, makes it True. Answered from :class:`_Clauses`, built once per parse,
    in constant time: each event asked it of each toponym, walking a head chain as deep as a long list.
    """
    if t.i == head.i:
        return True
    tree = _clauses(t.doc)
    verb = tree.verb_above[t.i]
    if verb < 0 or verb == head.i:
        return True
    return tree.is_ancestor(head.i, t.i) and tree.is_ancestor(verb, head.i)


def _clause_key(t: Token) -> int:
    """The clause ``t`` heads or belongs to, as the index of its clause verb (-1 above the sentence's first verb).

    A token ``r`` below ``anc`` is in ``anc``'s clause (:func:`_same_clause`) exactly when the nearest clause verb
    above ``r`` is ``_clause_key(anc)``: so things can be indexed by the clause they sit in, once per parse.
    """
    tree = _clauses(t.doc)
    return t.i if tree.clause_verb[t.i] else tree.verb_above[t.i]


def _verb_above(t: Token) -> int:
    """The index of the nearest clause verb strictly above ``t`` (-1 when none)."""
    return _clauses(t.doc).verb_above[t.i]


class _Clauses:
    """For one parse: each token's nearest clause verb above it, and a depth-first numbering of the tree that
    answers "is a above b" in constant time."""

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import DEP, HEAD, POS
        from spacy.symbols import VERB

        array = doc.to_array([HEAD, POS, DEP]) if len(doc) else None
        rows = array.tolist() if array is not None else []
        strings = doc.vocab.strings
        nominal = {strings.add(dep) for dep in _NOMINAL_DEPS}  # the labels' hashes (adding a known string is a lookup)
        # HEAD is the head's offset from the token, stored unsigned: read it back as a signed number
        heads = (array[:, 0].astype("int64") + range(len(rows))).tolist() if array is not None else []
        self.clause_verb = clause_verb = [row[1] == VERB and row[2] not in nominal for row in rows]
        below = dependent_indices(doc)
        roots = [i for i, h in enumerate(heads) if h == i]
        self.enter = [0] * len(rows)
        self.leave = [0] * len(rows)
        self.verb_above = [-1] * len(rows)
        clock = 0
        for root in roots:
            stack = [(root, False)]
            while stack:
                node, done = stack.pop()
                if done:
                    self.leave[node] = clock
                    continue
                self.enter[node] = clock
                clock += 1
                h = heads[node]
                if h != node:
                    self.verb_above[node] = h if clause_verb[h] else self.verb_above[h]
                stack.append((node, True))
                stack.extend((c, False) for c in reversed(below[node]))

    def is_ancestor(self, a: int, b: int) -> bool:
        """Whether token ``a`` is ``b`` or above it."""
        return self.enter[a] <= self.enter[b] and self.leave[b] <= self.leave[a]


_clauses = LatestParse(_Clauses)  # the numbering of the latest parse


def _dates_another_noun(root: Token, trigger: Token, head: Token) -> bool:
    """True for a time premodifying a noun that is neither the trigger nor the subject of its clause: "the 2019
    bombing", "last month's raid", "the worst since a 2017 truck bombing"; "Monday's attack killed five" dates
    the killing too."""
    if root.dep_ not in _PREMODIFIER_DEPS or root.head.pos_ not in ("NOUN", "PROPN"):
        return False
    noun = root.head
    if noun.i == trigger.i:
        return False
    return not (noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i == head.i)
