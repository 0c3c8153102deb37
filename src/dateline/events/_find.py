"""Trigger matching and argument extraction over the spaCy dependency parse.

``find_candidates`` walks the tokens once, looks each lemma up in the compiled lexicon, checks the
row's constraints (particle, object, support verb), then reads the source and target from the
parse: subject / "by"-agent / possessor for the source; object / against-on-at PP / "with" or
"between A and B" for the target. Argument heads are mapped to actors through the mentions the
actors stage found; pronouns and "the group" go to the nearest compatible earlier actor.

The parts live by concern: ``_triggers`` (lexicon to tokens, modes, future recoding), ``_arguments`` (a head to its
actor), ``_verb_args`` and ``_noun_args`` (the arguments of a verbal or nominal trigger), ``_merge`` (one event per
action), ``_context`` (countries and targets recovered from context), ``_actors`` (the records and the actor index).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..plover import SPEECH_ACT_TYPES
from ..syntax import SUBJ as _SUBJ
from ..syntax import children as _children
from ..syntax import dependents, sentence
from ._actors import ActorIndex, Candidate
from ._anchors import paragraph_at
from ._arguments import _args, _context_agent
from ._learned import PROPOSE, judge, proposed_row
from ._lexicon import AGAINST_ONLY_TYPES, DEMAND_NOUNS, DEMAND_SPEECH, FLIGHT_CAUSERS, OBLIGATION_MODALS, OBLIGATION_ROW
from ._merge import _merge, _perpetrators, _stopped
from ._noun_args import _noun_args
from ._parse import _OBJ, _is_passive, _reduced_relative
from ._senses import no_event
from ._triggers import _match, _retype, _trigger_positions
from ._triggers_table import Trigger
from ._verb_args import _verb_args

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .detector import Detector

_NOMINAL_DEPS = frozenset(["dobj", "pobj", "nsubj", "nsubjpass"])


def find_candidates(
    spacy_doc, lexicon, actors: ActorIndex, paragraphs: list[tuple[int, int]], detector: Detector | None = None
) -> list[Candidate]:
    """Every trigger in the document with its arguments read from the parse: the lexicon's, judged by the learned
    detector when there is one, and the words the detector reads as events that the lexicon does not know."""
    out: list[Candidate] = []
    seen_nominal: set[int] = set()
    whole = (0, paragraphs[-1][1] if paragraphs else 0)
    readings = {r.token: r for r in detector.read(spacy_doc)} if detector is not None else {}
    matched: set[int] = set()
    for i in _trigger_positions(spacy_doc, lexicon):
        token = spacy_doc[i]
        hit = _match(token, lexicon)
        if hit is None:
            continue
        row, mode = hit
        cand = _candidate(token, row, mode, actors, paragraphs, whole, seen_nominal)
        if readings:
            phrase = _phrase(token)
            matched.update(phrase)
            if cand is not None:
                cand = judge(cand, max((readings[k] for k in phrase if k in readings), key=_p_event, default=None))
        if cand is not None:
            out.append(cand)
    for i, reading in readings.items():
        if i in matched or reading.p_event < PROPOSE:
            continue  # the cheap tests first: most words are read as no event
        token = spacy_doc[i]
        if (row := proposed_row(token, reading)) is None:
            continue
        if _predicates_event(token, matched) or _says_a_clause(token, reading):
            continue
        cand = _candidate(token, row, None, actors, paragraphs, whole, seen_nominal)
        if cand is not None:
            cand.p_event = reading.p_event
            cand.reasons.append(f"model-proposed:{reading.type}:{reading.p_event:.2f}")
            out.append(cand)
    out.sort(key=lambda c: c.start)
    demands = _obligations(spacy_doc, actors, paragraphs, whole)
    if demands:
        taken = {c.token.i for c in demands}
        out = sorted([c for c in out if c.token.i not in taken] + demands, key=lambda c: c.start)
    out = _merge(_stopped(out))
    _perpetrators(out, spacy_doc)
    return out


def _phrase(token: Token) -> list[int]:
    """The words that tell one act together with a trigger: a light verb and its event noun ("imposed a
    **curfew**", "carried out an **attack**", in a reduced relative "the **curfew** imposed on the city"), whichever
    of them the lexicon or the detector takes as the trigger."""
    out = [token.i]
    out.extend(c.i for c in dependents(token) if c.dep_ in ("dobj", "attr") and c.pos_ == "NOUN")
    if token.pos_ == "NOUN" and token.dep_ in ("dobj", "attr") and token.head.pos_ in ("VERB", "AUX"):
        out.append(token.head.i)
    if token.pos_ == "NOUN" and (participle := _reduced_relative(token)) is not None:
        out.append(participle.i)
    if token.pos_ == "VERB" and token.head.pos_ == "NOUN" and _reduced_relative(token.head) == token:
        out.append(token.head.i)
    if token.pos_ == "NOUN" and token.dep_ == "nsubj" and token.head.pos_ == "VERB":
        out.append(token.head.i)  # "**protests** broke out", "the **strike** paralysed the port"
    return out


def _predicates_event(token: Token, triggers: set[int]) -> bool:
    """A verb whose subject is a trigger tells how that event went ("the **deployment** arrived in Kosovo", "the
    **strike** paralysed the port"): not an act of its own."""
    return token.pos_ == "VERB" and any(c.dep_ in _SUBJ and c.i in triggers for c in dependents(token))


def _says_a_clause(token: Token, reading) -> bool:
    """A verb of saying with a clause for its content is a speech act only through what the clause says ("warned
    that they would shell the airport": the rules code the threat at "shell"; "warned that the plight has
    escalated" threatens nothing): the detector proposes no speech act there."""
    return reading.type in SPEECH_ACT_TYPES and any(c.dep_ == "ccomp" for c in dependents(token))


def _p_event(reading) -> float:
    return reading.p_event


def _candidate(
    token: Token,
    row: Trigger,
    mode: str | None,
    actors: ActorIndex,
    paragraphs: list[tuple[int, int]],
    whole: tuple[int, int],
    seen_nominal: set[int],
) -> Candidate | None:
    """The candidate a matched trigger makes, with its arguments, type and mode; None when it is no event."""
    if row.pos == "V" and token.dep_ in _NOMINAL_DEPS and any(c.dep_ == "det" for c in dependents(token)):
        return None  # "evacuated the injured": a participle standing for people, not an act
    if row.lemma == "seek" and token.dep_ == "acl" and token.tag_ == "VBN":
        return None  # "two men sought in the slaying": wanted suspects, not a request
    # "discussions and dialogue": coordinated nouns of one type are one event.
    if row.pos == "N" and token.dep_ == "conj" and token.head.i in seen_nominal:
        return None
    para = paragraph_at(paragraphs, token.idx) or whole
    floor = para[0]
    if row.pos == "V":
        source, target, reasons = _verb_args(token, row, actors, floor)
    else:
        source, target, reasons = _noun_args(token, row, actors, floor)
        seen_nominal.add(token.i)
    if row.type in AGAINST_ONLY_TYPES and "target:against" not in reasons:
        target = []  # "deployed 300 soldiers to Goma": its own forces, sent somewhere, against no one named
        reasons[:] = [r for r in reasons if not r.startswith("target:")]
    if row.mode == "release" and not target and _children(token, _OBJ):
        return None  # "release more water": only people are released
    if row.mode == "expel" and row.lemma in FLIGHT_CAUSERS and not any(a.actor for a in source):
        return None  # "displaced by the fighting": flight caused by an event is its toll, not an expulsion by anyone
    agentless = row.pos == "V" and not any(a.actor for a in source) and _is_passive(token)
    if agentless and row.type in ("ASSAULT", "COERCE"):
        agent = _context_agent(token, actors, floor)
        if agent is not None:
            source = [agent]
            reasons.append("source:context")
    row, mode, source = _retype(token, row, mode, source, actors, floor, reasons)
    if no_event(token, row, source, target) is not None:
        return None  # the word in a sense that is no event ("a photo released by police", "asked whether")
    end = token.idx + len(token.text)
    if row.particle:
        part = next((c for c in dependents(token) if c.lower_ == row.particle), None)
        if part is not None and part.i == token.i + 1:
            end = part.idx + len(part.text)
    return Candidate(row, mode, token, token.idx, end, sentence(token), source, target, reasons)


def _obligations(spacy_doc, actors: ActorIndex, paragraphs: list[tuple[int, int]], whole) -> list[Candidate]:
    """REQUEST candidates for "X said (that) Y must/should do Z": source X, target Y, trigger the modal verb."""
    from spacy.attrs import LOWER

    strings = spacy_doc.vocab.strings
    modal_hashes = {strings.add(m) for m in OBLIGATION_MODALS}
    out = []
    for i, low in enumerate(spacy_doc.to_array([LOWER]).tolist()):
        if low not in modal_hashes:
            continue
        modal = spacy_doc[i]
        verb = modal.head
        if modal.dep_ != "aux" or verb.dep_ not in ("ccomp", "acl") or any(c.dep_ == "neg" for c in dependents(verb)):
            continue
        speech = verb.head
        if speech.pos_ == "NOUN" and speech.lemma_.lower() in DEMAND_NOUNS and speech.head.pos_ in ("VERB", "AUX"):
            speech = speech.head  # "issued a reminder to Peru that it must comply"
        elif verb.dep_ != "ccomp" or speech.lemma_.lower() not in DEMAND_SPEECH:
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
        out.append(Candidate(OBLIGATION_ROW, None, verb, modal.idx, end, sentence(verb), source, target, reasons))
    return out
