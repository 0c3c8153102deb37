"""What a word says: the kind of harm a cue names ("killed", "wounded", "taken hostage"), whether a token is a cue or
a people noun, whom a people noun counts ("police officers", "civilian casualties"), and the cue of a toll ("the
death toll rose to 40")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..syntax import dependents
from ._lexicon import (
    _COUNT_NOUNS,
    _INTRANSITIVE,
    _KIND_WORDS,
    _NUMBER_WORDS,
    _SEIZE_VERBS,
    _TOLL_NOUNS,
    _TOLL_VERBS,
    _WHO,
    _WHO_MODIFIERS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


def _kind(tok: Token) -> str | None:
    kind = _KIND_WORDS.get(tok.lower_) or _KIND_WORDS.get(tok.lemma_.lower())
    if kind is None:
        if tok.lemma_ == "shoot" and any(c.lower_ == "dead" for c in dependents(tok)):
            return "killed"
        if tok.lower_ in ("hostage", "captive") or (tok.lemma_ == "take" and _takes_hostage(tok)):
            return "abducted"
        if tok.lemma_ in ("lose", "claim") and any(c.lemma_ == "life" for c in dependents(tok)):
            return "killed"
        if tok.lemma_ == "round" and any(c.dep_ == "prt" and c.lower_ == "up" for c in dependents(tok)):
            return "arrested"
        if tok.lemma_ in _SEIZE_VERBS and any(
            c.dep_ in ("dobj", "nsubjpass") and _is_people(c) for c in dependents(tok)
        ):
            return "abducted"
        return None
    if tok.lower_ in ("life", "lives") and tok.head.lemma_ not in ("lose", "claim", "cost", "take"):
        return None
    if kind == "killed" and tok.lemma_ in ("toll", "body", "corpse") and tok.pos_ != "NOUN":
        return None
    if kind == "abducted" and tok.lemma_ == "capture" and tok.pos_ == "NOUN":
        return None
    if kind == "displaced" and tok.lemma_ == "evacuate" and not _has_object(tok):
        return None
    if tok.lemma_ == "hurt" and tok.pos_ == "NOUN":
        return None
    if kind == "killed" and _with_injured(tok):
        return "casualties"
    if kind == "injured" and _with_killed(tok):
        return "casualties"
    return kind


def _has_object(tok: Token) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass") for c in dependents(tok))


def _takes_hostage(tok: Token) -> bool:
    """ "took 18 crew members hostage", "taken hostage", "took them captive"."""
    doc = tok.doc
    return any(doc[k].lower_ in ("hostage", "captive") for k in range(tok.i + 1, min(len(doc), tok.i + 7)))


def _with_injured(tok: Token) -> bool:
    """ "killed or wounded 20": one count of both."""
    for other in (*tok.conjuncts,):
        if _KIND_WORDS.get(other.lower_) == "injured" or _KIND_WORDS.get(other.lemma_.lower()) == "injured":
            if any(c.lower_ == "or" for c in dependents(tok)) or any(c.lower_ == "or" for c in dependents(other)):
                return True
            if other.i == tok.i + 2 and tok.doc[tok.i + 1].lower_ in ("or", "and", "/"):
                between = tok.doc[other.i + 1] if other.i + 1 < len(tok.doc) else None
                return between is None or not (between.like_num or between.lower_ in _NUMBER_WORDS)
    return False


def _with_killed(tok: Token) -> bool:
    if tok.i >= 2 and tok.doc[tok.i - 1].lower_ in ("or", "and", "/"):
        prev = tok.doc[tok.i - 2]
        return _KIND_WORDS.get(prev.lower_) == "killed" and prev.lemma_ in ("kill", "dead")
    return False


def _who(noun: Token) -> str | None:
    """Whom a people noun counts, from its modifiers first ("police officers", "civilian casualties")."""
    for child in dependents(noun):
        if child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i:
            who = _WHO_MODIFIERS.get(child.lower_) or _WHO.get(child.lemma_.lower())
            if who:
                return who
    lemma = noun.lemma_.lower()
    if lemma == "member" or lemma in _COUNT_NOUNS:
        for child in dependents(noun):
            if child.dep_ == "prep" and child.lower_ in ("of", "among"):
                for obj in dependents(child):
                    if obj.dep_ == "pobj":
                        return _who(obj)
    who = _WHO.get(lemma) or _WHO.get(noun.lower_)
    if who is None and noun.ent_type_ == "NORP":
        return None
    return who


def _is_people(tok: Token) -> bool:
    if tok.lemma_.lower() in _WHO or tok.lower_ in _WHO:
        return True
    return tok.ent_type_ == "NORP" and tok.tag_ in ("NNPS", "NNS", "NNP")


def _agent_of(verb: Token) -> bool:
    """Whether the subject of ``verb`` is the one who harmed: an active transitive cue ("gunmen killed"), not
    "12 died" or a reduced passive ("8 were killed and 30 injured")."""
    if verb.pos_ != "VERB" or verb.lemma_ in _INTRANSITIVE or not _cue_word(verb):
        return False
    return verb.tag_ != "VBN" or any(c.dep_ == "dobj" for c in dependents(verb))


def _cue_word(tok: Token) -> bool:
    if tok.lower_ in ("body", "bodies", "corpse", "corpses", "toll", "life", "lives", "number", "count"):
        return tok.lower_ in ("body", "bodies", "corpse", "corpses") and tok.pos_ == "NOUN"
    return _kind(tok) is not None


def _toll(tok: Token) -> Token | None:
    """The kind cue of a toll: "the death toll" (rose to 40), "a toll of", "the number of dead/people killed"."""
    nouns = [tok] if tok.pos_ in ("NOUN", "PROPN") else []
    if tok.lemma_ in _TOLL_VERBS or tok.pos_ in ("VERB", "AUX"):
        nouns += [c for c in dependents(tok) if c.dep_ in ("nsubj", "nsubjpass")]
    for n in nouns:
        if n.lemma_ not in _TOLL_NOUNS and n.lower_ not in _COUNT_NOUNS:
            continue
        if n.lower_ in _COUNT_NOUNS:
            return n
        for c in n.subtree:
            if c.i != n.i and _cue_word(c):
                return c
        if n.lemma_ == "toll":
            return n
    return None
