"""The factuality of an event mention, from cues in its scope.

The scope is the trigger's head chain up to the clause of a speech verb, its own modifiers, and for nouns the
topic they are about; the cues are negation, conditionals, future, hedges. An asserted mention is ``reported``
when someone is quoted. :func:`factuality_of` works on any event mention, so it can be scored on gold sets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import DENIAL_VERBS
from ..model import Span
from ..syntax import dependents, is_denial
from ._lexicon import (
    ABILITY,
    ACCUSATION_VERBS,
    AIM_PREPS,
    CLAUSE_STOP,
    CONDITIONAL_MARKS,
    CONSEQUENT_AUX,
    DEFINITE_DETERMINERS,
    DEMAND_VERBS,
    DOUBT_PREDICATES,
    FAILURE_VERBS,
    FREE_CHOICE,
    FUTURE_ADJ,
    FUTURE_AUX,
    FUTURE_VERBS,
    HEDGE_VERBS,
    HEDGE_WORDS,
    INTENTION_NOUNS,
    INVERTING_AUX,
    KNOWING,
    MODAL_AUX,
    NEGATIVE_ARGUMENTS,
    NOT_AIMS,
    OCCURRENCE_PREDICATES,
    POSSIBILITY_NOUNS,
    PRESUPPOSING_MARKS,
    PRESUPPOSING_PREPS,
    PREVENTING_VERBS,
    RAISING_VERBS,
    SPEECH_VERBS,
    SUPPOSING,
    SUSPICION_NOUNS,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Token

    from ..document import Document
    from ..model import Quote

    # Records a cue: (label, the cue word, the word it governs); the first cue per label is kept.
    _Add = Callable[[str, Token, Token], None]


def factuality_of(
    spacy_doc: Doc, start: int, end: int, *, attributed: bool | None = False
) -> tuple[str, tuple[int, int] | None]:
    """Factuality of the event mention at characters ``start:end``: (label, cue offsets or None).

    The label is one of negated, hypothetical, future, hedged, asserted or reported. ``reported`` is an asserted
    mention someone else vouches for: with ``attributed=True`` (the caller knows a speaker), with ``None`` when the
    parse shows one (a governing speech verb with a subject, "according to", a quotation with its cue); with
    ``False`` (the default) the mention is never ``reported``.
    """
    span = spacy_doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "asserted", None
    label, cue, _ = factuality(span.root)
    if label == "asserted" and attributed is not False:
        speech = _speech_cue(span.root) if attributed is None else None
        if attributed or speech is not None:
            label, cue = "reported", speech
    return label, ((cue.idx, cue.idx + len(cue.text)) if cue is not None else None)


def quote_factuality(doc: Document, quote: Quote) -> tuple[str, Span | None]:
    """How the speaker presents the quoted claim: the label most of its main predicates get (the first on a tie),
    ``reported`` for a plain claim; with the cue of the first predicate that has the label."""
    sd = doc.spacy_doc
    span = sd.char_span(quote.start, quote.end, alignment_mode="contract")
    if span is None or len(span) == 0:
        return "reported", None
    lo, hi = span.start, span.end
    heads = [t for t in span if (t.head.i == t.i or not lo <= t.head.i < hi) and t.pos_ in ("VERB", "AUX", "NOUN")]
    verbs = [t for t in heads if t.pos_ != "NOUN"] or heads
    if not verbs:
        return "reported", None
    judged = [factuality(t)[:2] for t in verbs]
    labels = ["reported" if label == "asserted" else label for label, _ in judged]
    best = max(labels, key=lambda label: (labels.count(label), -labels.index(label)))
    cue = next(c for label, (_, c) in zip(labels, judged, strict=True) if label == best)
    return best, (Span.of(doc.article.text, cue.idx, cue.idx + len(cue.text)) if cue is not None else None)


def factuality(trigger: Token) -> tuple[str, Token | None, Token | None]:
    """(label, cue, the token the cue governs) for the mention headed by ``trigger``.

    The cues are gathered in a fixed order (the trigger's arguments, then each word of its scope chain from the
    trigger up: the word itself, its modifiers, an aim it states; then the topic of a noun); the first cue found
    for a label is that label's cue, and :func:`_decide` picks the label.
    """
    chain, siblings = _scope(trigger)
    found: dict[str, tuple[Token, Token]] = {}

    def add(label: str, cue: Token, governed: Token) -> None:
        found.setdefault(label, (cue, governed))

    _argument_cues(trigger, add)
    for i, tok in enumerate(chain):
        if tok.dep_ == "aux" and i > 0:
            add("future", tok, chain[i - 1])  # a host's "will" across a temporal clause (see _scope)
            continue
        sibling = i in siblings
        _word_cues(trigger, chain, i, sibling, add)
        _modifier_cues(trigger, chain, i, sibling, add)
        _aim_cues(chain, i, sibling, add)
    if trigger.pos_ == "NOUN":
        _topic_cues(trigger, add)
    label = _decide(found)
    if label is None:
        return "asserted", None, None
    cue, governed = found[label]
    return label, cue, governed


def _argument_cues(trigger: Token, add: _Add) -> None:
    """Cues in the trigger's arguments: a negative or free-choice argument, "neither", "without", a supposed subject."""
    for child in dependents(trigger):
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            no = next((c for c in dependents(child) if c.dep_ in ("det", "neg") and _no(c)), None)
            if no is not None or child.lower_ in NEGATIVE_ARGUMENTS:
                add("negated", no or child, trigger)  # "no one was killed", "nobody was hurt", "not a shot"
            if child.lower_ in FREE_CHOICE and child.dep_ != "dobj" and (_modal(trigger) or _modal(trigger.head)):
                add("hypothetical", child, trigger)  # "whoever breaks the ceasefire will be held responsible"
        elif child.dep_ == "preconj" and child.lower_ == "neither":
            add("negated", child, trigger)
    free = trigger.head.lower_ in FREE_CHOICE or any(c.lower_ == "any" for c in dependents(trigger.head))
    if trigger.dep_ == "relcl" and free and _modal(trigger.head.head):
        add("hypothetical", trigger.head, trigger)  # "anyone who fired on civilians would be prosecuted"
    if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.pos_ == "NOUN":
        modal = next((c for c in dependents(trigger.head) if c.dep_ == "aux" and c.lower_ in SUPPOSING), None)
        if modal is not None and not any(c.dep_ == "neg" for c in dependents(trigger.head)):
            add("hypothetical", modal, trigger)  # "a collapse of the truce would trigger ...": a supposed event
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "without":
        add("negated", trigger.head, trigger)  # "the talks ended without an agreement"


def _word_cues(trigger: Token, chain: list[Token], i: int, sibling: bool, add: _Add) -> None:
    """Cues in the chain's ``i``-th word itself, governing the word below it: a denial, a prevention, a condition
    or suspicion noun, a raising, future or failure verb, a possibility or intention noun, a hedge."""
    tok = chain[i]
    lemma, lower = tok.lemma_.lower(), tok.lower_
    below = chain[i - 1] if i > 0 else tok
    if i > 0 and is_denial(tok) and not sibling:
        negated_denial = next((c for c in dependents(tok) if c.dep_ == "neg"), None)
        # "did not rule out sabotage", "did not deny": the event stays possible
        add("hedged" if negated_denial is not None else "negated", negated_denial or tok, below)
    if i > 1 and lemma in PREVENTING_VERBS and below.lower_ == "from" and chain[i - 2].dep_ == "pcomp":
        add("negated", tok, below)  # "prevented the ship from leaving"
    if i > 0 and _condition_noun(tok):
        add("hypothetical", tok, below)  # "in case the power is cut", "in the event of a strike"
    if i > 0 and tok.pos_ == "NOUN" and lemma in SUSPICION_NOUNS:
        add("hedged", tok, below)
    if i > 0 and lemma in RAISING_VERBS and tok.tag_ == "VBN" and below.dep_ == "xcomp":
        add("hedged", tok, below)  # "the fugitive is thought to be hiding"
    finite_below = i > 0 and below.dep_ == "ccomp" and not _infinitive(below)
    complement = (
        below.dep_ in ("xcomp", "ccomp", "dobj", "advcl")
        or _infinitive(below)
        or (below.dep_ == "prep" and (below.lower_ in AIM_PREPS or (below.lower_ == "at" and lemma == "aim")))
    )
    if i > 0 and lemma in FUTURE_VERBS and tok.i < trigger.i and not finite_below and not sibling and complement:
        # "agreed to meet", not "agrees that trading is hurting"; "urged the army to withdraw": asked of another
        add("hypothetical" if lemma in DEMAND_VERBS else "future", tok, below)
    if i > 0 and lemma in FAILURE_VERBS and below.dep_ == "xcomp":
        add("negated", tok, below)
    if i > 0 and tok.pos_ == "NOUN" and lemma in POSSIBILITY_NOUNS and tok.i < trigger.i:
        add("hedged", tok, below)
    if i > 0 and tok.pos_ == "NOUN" and lemma in INTENTION_NOUNS and tok.i < trigger.i:
        add("future", tok, below)
    if i > 0 and lemma in HEDGE_VERBS:
        add("hedged", tok, below)
    if lower in HEDGE_WORDS:
        add("hedged", tok, below)


def _modifier_cues(trigger: Token, chain: list[Token], i: int, sibling: bool, add: _Add) -> None:
    """Cues among the modifiers of the chain's ``i``-th word: negation, a condition, future or modal auxiliaries,
    an inverted condition, hedging adverbs, a future adjective on the trigger."""
    tok = chain[i]
    lemma = tok.lemma_.lower()
    below = chain[i - 1] if i > 0 else tok
    for child in dependents(tok):
        c_lower = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and c_lower == "no"):
            if is_denial(tok) and child.dep_ == "neg":
                continue  # a negated denial: see _word_cues
            if _knowing(tok) and i > 0 and not sibling:
                add("hedged", child, below)  # "it is not clear what caused the fire": an open question
            elif not sibling and not _not_until(child):
                add("negated", child, tok)
        elif (
            child.dep_ == "advcl"
            and child is not below
            and _condition(child) is not None
            and _modal(tok)
            and lemma not in SPEECH_VERBS | FUTURE_VERBS
            and all(t.pos_ in ("VERB", "AUX") for t in chain[: i + 1])
        ):
            add("hypothetical", _condition(child), tok)  # the consequent: "if the talks fail, war could ..."
        elif child.dep_ == "prep" and child.lower_ == "in" and any(_condition_noun(g) for g in dependents(child)):
            add("hypothetical", child, tok)  # "in the event of a strike, radiation could leak"
        elif child.dep_ == "mark" and c_lower in CONDITIONAL_MARKS:
            # "it is unclear whether the army shelled": an open question is a hedge, "if" a condition
            doubt = c_lower == "whether" and _doubting(tok.head)
            add("hedged" if doubt else "hypothetical", child, tok)
        elif child.dep_ == "aux" and c_lower in FUTURE_AUX:
            add("future", child, tok)
        elif child.dep_ == "aux" and c_lower == "would":
            # "said it would seek compensation": the future of a report; bare "would": a supposition
            add("future" if _speech_cue(trigger) is not None else "hypothetical", child, tok)
        elif child.dep_ in ("aux", "auxpass") and c_lower in INVERTING_AUX and _inverted(tok, child):
            add("hypothetical", child, tok)  # "should the embassy be attacked"
        elif (child.dep_ in ("aux", "advmod", "amod") and c_lower in HEDGE_WORDS) or (
            child.dep_ == "aux" and c_lower in MODAL_AUX
        ):
            add("hedged", child, tok)
        elif child.dep_ == "amod" and c_lower in FUTURE_ADJ and i == 0:
            add("future", child, tok)


def _aim_cues(chain: list[Token], i: int, sibling: bool, add: _Add) -> None:
    """The chain's ``i``-th word as something scheduled, aimed at or directed: "is to meet", "is going to attack",
    "to cut costs", "Call me back"."""
    tok = chain[i]
    lemma = tok.lemma_.lower()
    below = chain[i - 1] if i > 0 else tok
    # "is to meet": be + infinitival complement marks a scheduled event; "is going to attack" too.
    if i > 0 and lemma == "be" and below.dep_ == "xcomp":
        add("future", tok, below)
    if i > 0 and lemma == "go" and tok.tag_ == "VBG" and _infinitive(below):
        add("future", tok, below)
    to = next((c for c in dependents(tok) if c.dep_ == "aux" and c.tag_ == "TO"), None)
    host = tok.head.lemma_.lower()
    verbal = all(t.pos_ in ("VERB", "AUX") for t in chain[: i + 1])  # not across a noun ("actions to lure X")
    perfect = any(c.dep_ == "aux" and c.lower_ == "have" for c in dependents(tok))  # "seems to have been"
    if to is not None and host not in NOT_AIMS and not sibling and verbal and not perfect:
        add("future", to, tok)  # "to cut costs", "trying to sell": an aim, not (yet) a fact
    if _imperative(tok) and not sibling:
        add("future", tok, tok)  # "Call me back", "Please send the file": a directive, not yet done


def _topic_cues(trigger: Token, add: _Add) -> None:
    """A noun trigger's topic: "talks about a possible alliance": a hedge on the topic makes the outcome uncertain."""
    for prep in dependents(trigger):
        if prep.dep_ == "prep" and prep.lower_ in ("about", "on", "over", "for"):
            for obj in dependents(prep):
                hedge = next((c for c in dependents(obj) if c.lower_ in HEDGE_WORDS), None)
                if hedge is not None:
                    add("hedged", hedge, obj)


def _decide(found: dict[str, tuple[Token, Token]]) -> str | None:
    """The label among the cues found: a condition first, then the future, a hedge, a negation.

    A negated future or possibility is still a future or a possibility ("will not attack", "may not have
    fired", "denied that he would leave"): the text does not say the event did not happen. Inability is a
    negation ("could not deliver", "cannot confirm").
    """
    negation = found.get("negated")
    for label in ("hypothetical", "future", "hedged"):
        if label in found:
            cue = found[label][0]
            if label == "hedged" and negation is not None and cue.lower_ in ABILITY:
                return "negated"
            return label
    return "negated" if negation is not None else None


def _speech_cue(trigger: Token) -> Token | None:
    """The speech cue a mention is reported under, from the parse alone (no quote stage): "X said (that) ...",
    "..., X said", "according to X", "X blamed Y for the attack", or a quotation in a sentence with a speech verb;
    not a clause coordinated with the speech verb ("X said ..., but he urged Y": the speaker's next act).
    """
    tok = trigger
    for _ in range(8):
        head = tok.head
        if head.i == tok.i:
            break
        lemma = head.lemma_.lower()
        if tok.dep_ == "prep" and lemma in ACCUSATION_VERBS:
            return head
        # a conjunct of the speech verb ("X said ... and urged Y") is the speaker's next act, not what was said
        speech = tok.dep_ in ("ccomp", "parataxis", "advcl") and lemma in SPEECH_VERBS - DENIAL_VERBS
        if speech and _has_subject(head):
            return head
        tok = head
    for child in dependents(tok):  # the root: "The army shelled the town, a spokesman said" (parataxis below)
        speech = child.dep_ in ("parataxis", "ccomp") and child.lemma_.lower() in SPEECH_VERBS
        if (
            speech
            and _has_subject(child)
            and child.i > trigger.i
            and not any(c.dep_ == "mark" for c in dependents(child))
        ):
            return child
    sent = trigger.sent
    for t in sent:
        if t.lower_ == "according" and any(c.lower_ == "to" for c in dependents(t)):
            return t
    marks = [t.i for t in sent if t.is_quote]
    if len(marks) >= 2 and marks[0] < trigger.i < marks[-1]:
        for t in sent:
            outside = not marks[0] < t.i < marks[-1]
            if outside and t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB" and _has_subject(t):
                return t
    return None


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in dependents(verb))


def scope_span(trigger: Token, cue: Token | None, governed: Token | None) -> tuple[int, int] | None:
    """Characters of the words the cue governs: the governed predicate's subtree, from just after the cue when
    the cue stands inside it on the left ("not [arrest anyone]", "denied [attacking civilian targets]")."""
    if cue is None or governed is None:
        return None
    lo, hi = governed.left_edge.i, governed.right_edge.i
    if lo <= cue.i < governed.i:
        lo = cue.i + 1
    doc = governed.doc
    while hi > lo and (doc[hi].is_punct or doc[hi].is_quote):
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_quote):
        lo += 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _scope(trigger: Token) -> tuple[list[Token], set[int]]:
    """Tokens whose cues govern the trigger: its own modifiers, its head chain up to a speech clause, their aux/neg;
    and the positions in that chain of sibling conjuncts.

    The chain stops above a speech verb's complement (``X said that ...``): the speaker's own modality is not
    the event's. A conjunct's head ("had denied access ... and urged") is its sibling, not its governor: its
    negation does not reach the trigger.
    """
    chain = [trigger]
    siblings: set[int] = set()
    cur = trigger
    while cur.head.i != cur.i:
        if cur.dep_ == "conj":
            siblings.add(len(chain))
        if cur.dep_ in CLAUSE_STOP and cur.head.lemma_.lower() in SPEECH_VERBS - DENIAL_VERBS:
            if cur.head.lemma_.lower() in HEDGE_VERBS:
                chain.append(cur.head)  # "prosecutors allege that ...": a claim the speaker does not prove
            break
        if cur.dep_ in ("ccomp", "advcl") and cur.head.lemma_.lower() in DENIAL_VERBS:
            chain.append(cur.head)  # "denied that troops fired": the denial governs the event
            break
        content_clause = any(c.dep_ == "mark" for c in dependents(cur)) or _infinitive(cur)  # "report that X killed"
        if cur.dep_ in ("relcl", "acl") and not content_clause:
            break  # "the trades made that day", "people who fled": presupposed, outside the host's modality
        if cur.dep_ == "pobj" and cur.head.lower_ in PRESUPPOSING_PREPS:
            break  # "in the days before the blast", "after the attack": the event is presupposed
        if _presupposed_subject(cur):
            break  # "the meeting was not productive": a definite description's event survives the negation
        marks = (c.lower_ for c in dependents(cur) if c.dep_ in ("mark", "advmod"))
        if cur.dep_ == "advcl" and any(m in PRESUPPOSING_MARKS for m in marks):
            # "he wasn't troubled when it began": the negation does not reach "began"; but the future does
            # ("when we start, we will interview"): only the host's future tense crosses this boundary.
            host = cur.head
            will = next((c for c in dependents(host) if c.dep_ == "aux" and c.lower_ in FUTURE_AUX), None)
            if will is not None:
                chain.append(will)
            break
        cur = cur.head
        if cur.pos_ in ("NOUN", "PROPN") and cur.dep_ not in ("dobj", "pobj", "nsubj", "nsubjpass"):
            if cur.lemma_.lower() in POSSIBILITY_NOUNS | INTENTION_NOUNS:
                chain.append(cur)
            break
        chain.append(cur)
        if len(chain) > 6:
            break
    return chain, siblings


def _presupposed_subject(noun: Token) -> bool:
    """A definite event noun that is the subject of a predicate other than one of occurrence: "the raid may have
    broken the law", "the call was not in line with policy" presuppose the raid and the call; "the talks did not
    take place", "the attack will begin at dawn" do not (the predicate says whether the event happens)."""
    if noun.pos_ != "NOUN" or noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if not any((c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS) or c.dep_ == "poss" for c in dependents(noun)):
        return False
    head = noun.head
    # "the attack did not stop the talks": with an object of its own the verb says what the event did, not whether
    # it happened ("take place" keeps its "place")
    transitive = any(c.dep_ == "dobj" and c.lemma_.lower() != "place" for c in dependents(head))
    return transitive or head.lemma_.lower() not in OCCURRENCE_PREDICATES


def _imperative(verb: Token) -> bool:
    """A main-clause verb in the base form with no subject or auxiliary: "Check these out", "Let them decide"."""
    if verb.tag_ != "VB" or verb.dep_ not in ("ROOT", "conj") or (verb.dep_ == "conj" and not _imperative(verb.head)):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "expl", "mark") for c in dependents(verb))


def _not_until(neg: Token) -> bool:
    """ "It was not until Friday that the envoy admitted …": a focus construction, not a negation."""
    nxt = neg.nbor(1) if neg.i + 1 < len(neg.doc) else None
    return nxt is not None and nxt.lower_ == "until"


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in dependents(verb))


def _no(det: Token) -> bool:
    """ "no one", "not a single shot" (not "not all", a partial negation)."""
    if det.lower_ == "no":
        return True
    nxt = det.doc[det.i + 1] if det.i + 1 < len(det.doc) else None
    return det.lower_ == "not" and nxt is not None and nxt.lower_ in ("a", "one", "single", "any")


def _condition_noun(noun: Token) -> bool:
    """ "in case ...", "in the event of ...": a condition told by a noun."""
    if noun.head.lower_ != "in":
        return False
    if noun.lower_ == "case":
        return not any(c.dep_ == "det" for c in dependents(noun))
    return noun.lower_ == "event" and any(c.lower_ == "the" for c in dependents(noun))


def _modal(verb: Token) -> bool:
    """A clause with a modal or future auxiliary: a conditional's consequent is supposed only then ("if the talks
    fail, war could follow"); a present-tense one states a generality ("if you are lucky it takes four days")."""
    return any(c.dep_ == "aux" and c.lower_ in CONSEQUENT_AUX for c in dependents(verb))


def _knowing(verb: Token) -> bool:
    """ "is (not) clear", "is (not) known": a predicate of knowledge whose negation leaves the question open."""
    return verb.lemma_.lower() in KNOWING or any(
        c.dep_ == "acomp" and c.lemma_.lower() in KNOWING for c in dependents(verb)
    )


def _inverted(verb: Token, aux: Token) -> bool:
    """ "Should the embassy be attacked, ...": the auxiliary opens the clause, before its subject."""
    subject = next((c for c in dependents(verb) if c.dep_ in ("nsubj", "nsubjpass")), None)
    return verb.dep_ == "advcl" and subject is not None and aux.i < subject.i and aux.i == verb.left_edge.i


def _condition(clause: Token) -> Token | None:
    """The cue of a conditional clause ("if", "unless", an inverted auxiliary); not a concession ("even if")."""
    for c in dependents(clause):
        if c.dep_ == "mark" and c.lower_ in ("if", "unless"):
            before = c.doc[c.i - 1].lower_ if c.i > 0 else ""
            return None if before in ("even", "as") else c  # "even if": a concession; "as if": a comparison
        if c.dep_ in ("aux", "auxpass") and c.lower_ in INVERTING_AUX and _inverted(clause, c):
            return c
    return None


def _doubting(head: Token) -> bool:
    """ "unclear / not known / uncertain whether": a predicate of doubt over the question."""
    lemma = head.lemma_.lower()
    if head.lower_ in HEDGE_WORDS or lemma in DOUBT_PREDICATES:
        return True
    if any(c.dep_ == "acomp" and (c.lower_ in HEDGE_WORDS or c.lower_ in DOUBT_PREDICATES) for c in dependents(head)):
        return True  # "it is unclear whether ..."
    return lemma in KNOWING and any(c.dep_ == "neg" for c in dependents(head))
