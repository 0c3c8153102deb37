"""Stance stage: attribution and factuality of each event.

Attribution: an event whose trigger lies inside a quote is attributed to the quote's speaker,
medium and cited sources; otherwise we walk up the dependency tree from the trigger to a speech
verb ("X said ...", "according to X") that the quotes stage may have missed; otherwise the event
is the article's own voice. Factuality comes from cues in the trigger's scope (its head chain up
to the clause of a speech verb, its own modifiers, and for nouns the topic they are about):
negation, conditionals, future, hedges; else ``reported`` when someone is quoted, else
``asserted``. :func:`factuality_of` works on any event mention, so it can be scored on gold sets.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from .lexicon import ASSERTING_VERBS, SAYING_VERBS, UNREAL_AUX, word_set
from .model import Attribution, Event, Participant, Span, stable_id
from .plover import SPEECH_ACT_TYPES
from .syntax import speech_act_conjunct

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .document import Document
    from .model import Quote
    from .resources import Resources

LOGGER = logging.getLogger(__name__)

# event_casualties: merging repeated mentions pools their casualty counts.
REQUIRES = ("article", "spacy_doc", "actors", "quotes", "events", "event_casualties")
ASSIGNS = ("event_attribution", "event_factuality", "events", "quote_factuality")


# The cue lexicon: one place for every word that changes an event's factuality (lower-case forms or lemmas).
DENIAL_VERBS = word_set("deny refute dismiss retract reject disprove debunk withdraw")  # "denied that X fired"
HEDGE_WORDS = word_set(
    "possible possibly may might could perhaps probably likely unlikely reportedly allegedly alleged apparent "
    "apparently unclear uncertain unconfirmed suspected purported purportedly potential rumoured rumored "
    "presumably seemingly"
)
HEDGE_VERBS = word_set("suspect believe appear seem suggest speculate rumour rumor allege fear")
# Passive raising verbs of report or opinion: "is thought to be hiding", "is said to have fled".
RAISING_VERBS = word_set("think say report believe consider understand")
# Nouns of suspicion: "arrested on suspicion of plotting an attack".
SUSPICION_NOUNS = word_set("suspicion suspicions allegation allegations")
FUTURE_AUX = word_set("will shall 'll wo")
# Modal auxiliaries of possibility or obligation: the event is not asserted to have happened ("can suffer losses").
MODAL_AUX = word_set("can ca could should must ought may might need")
# "failed to stop", "refused to meet": the complement did not happen.
FAILURE_VERBS = word_set("fail refuse decline")
# Nouns that make what they govern a possibility or an intention ("the possibility of leaving", "efforts to recruit").
POSSIBILITY_NOUNS = word_set("possibility chance prospect risk threat danger likelihood option")
INTENTION_NOUNS = word_set("plan effort attempt bid proposal offer intention goal aim call demand request")
# Verbs whose infinitival complement did happen ("managed to escape", "began to shell"): implicatives.
IMPLICATIVE_VERBS = word_set("manage begin start continue happen get come tend use proceed go dare bother remember")
# Subordinating marks of clauses whose event the main clause presupposes ("when it began", "because it added"):
# the main clause's negation or modality does not reach it.
PRESUPPOSING_MARKS = word_set("when because after before since while as until once although though whereas")
PRESUPPOSING_PREPS = word_set("after before since during following amid despite")
FUTURE_VERBS = word_set(
    "plan intend threaten vow pledge promise aim prepare expect schedule propose want hope seek agree decide "
    "urge call ask demand appeal request order ready willing"
)  # "called on the UN to investigate", "ready to cooperate": the action is not (yet) real
# Hosts of an infinitive that do not make it an aim: implicatives, "be" (scheduled: own rule), and verbs with their
# own, more specific cue (future or failure verbs).
_NOT_AIMS = IMPLICATIVE_VERBS | FUTURE_VERBS | FAILURE_VERBS | HEDGE_VERBS | RAISING_VERBS | {"be"}
# "no one was killed", "nobody was hurt": a negative quantifier as an argument negates the event.
NEGATIVE_ARGUMENTS = word_set("nobody none nothing noone")
FUTURE_ADJ = word_set("planned upcoming future proposed scheduled forthcoming expected next impending coming")
# "Anyone who fired on civilians would be prosecuted", "Whoever breaks the truce": free-choice arguments.
FREE_CHOICE = word_set("anyone anybody whoever whatever whichever")
# "Should the embassy be attacked", "Had the pilot refused", "Were they allowed in": an inverted condition.
INVERTING_AUX = word_set("should had were")
# "prevented the ship from leaving": the complement did not happen.
PREVENTING_VERBS = word_set("prevent stop bar block ban keep")
CONDITIONAL_MARKS = word_set("if unless whether")
# "could not deliver", "cannot confirm": a negated ability is a negation, not a hedge.
_ABILITY = word_set("can ca could")
_DOUBT_PREDICATES = word_set("unclear uncertain doubt unknown")
_KNOWING = word_set("clear know known certain sure confirm say")
# Auxiliaries that make a subject event a supposition: "a ground attack would/could cost thousands of lives".
_SUPPOSING = word_set("would could might")
_CONSEQUENT_AUX = UNREAL_AUX | word_set("'d can")
_AIM_PREPS = word_set("for against toward towards")
SPEECH_VERBS = SAYING_VERBS | ASSERTING_VERBS
# "X accused Y of shelling": the accused act is the accuser's claim.
ACCUSATION_VERBS = word_set("accuse blame charge allege")

# Each further independent voice telling the same event raises its confidence by this share.
CORROBORATION_BONUS = 0.15
# Objects of a denial that show it answers an accusation: "dismissed reports of a second explosion".
_RETRACTING = word_set("retract withdraw")
_ACCUSATION_NOUNS = word_set("report claim accusation allegation charge suggestion")
CONFIDENCE_FACTOR = {
    "asserted": 1.0,
    "reported": 0.9,
    "hedged": 0.6,
    "future": 0.6,
    "hypothetical": 0.45,
    "negated": 0.4,
}
_CLAUSE_STOP = frozenset(["ccomp", "parataxis", "ROOT"])


def assess(doc: Document, resources: Resources) -> None:
    """Set each event's attribution, factuality (cue, scope) and confidence; merge repeated mentions; add the
    denier's REJECT where a denial answers an accusation; set how each quote presents its claim."""
    if doc.spacy_doc is None:
        return
    quote_labels = [_quote_factuality(doc, quote) for quote in doc.quotes]
    for quote, (label, cue) in zip(doc.quotes, quote_labels, strict=True):
        quote.factuality = label
        quote.factuality_cue = cue
    if not doc.events:
        return
    updates = [_assess_one(doc, event) for event in doc.events]
    for event, (attribution, label, cue, scope) in zip(doc.events, updates, strict=True):
        event.attribution = attribution
        event.factuality = label
        event.factuality_cue = cue
        event.factuality_scope = scope
        event.confidence = round(event.confidence * CONFIDENCE_FACTOR[label], 3)
        if not any(m.start == event.trigger.start and m.end == event.trigger.end for m in event.mentions):
            event.mentions = [event.trigger, *event.mentions]
    denials = _denials(doc)
    doc.events = _merge_repeats(doc)
    doc.events.extend(denials)
    for event, sources in zip(doc.events, _corroboration(doc.events), strict=True):
        if sources > 1:  # independent voices in the article telling the same event
            event.confidence = round(min(1.0, event.confidence * (1 + CORROBORATION_BONUS * (sources - 1))), 3)


def _merge_repeats(doc: Document) -> list[Event]:
    """One event per happening: a later mention of an event already reported joins the first as a mention.

    A repeat has the same type, the same participants (a person counting as the organisation they lead or belong
    to, when it is in the article: "messengers representing Baghdadi and Zawahiri" = IS and al-Qaeda), the same
    speaker, and does not contradict the first (a denial is its own event). The repeat is a noun ("the attack",
    "discussions"): a new verb tells a new act. Unresolved participants must be anaphoric ("the hospital"). The
    first mention stays as the event's trigger; every trigger goes to its ``mentions``, casualty counts are pooled.
    """
    present = {a.id for a in doc.actors}
    group = {a.id: a.affiliation for a in doc.actors if a.affiliation in present}
    kept: list[Event] = []
    # Only an event of the same type, speaker and polarity can be repeated: look among those alone.
    candidates: dict[tuple[str, str | None, bool], list[tuple[Event, _Parties]]] = {}
    for event in doc.events:
        key = (event.type, event.attribution.speaker, event.factuality == "negated")
        parties = _parties(event, group)
        first = None
        if _nominal(doc, event):
            first = next((f for f, f_parties in candidates.get(key, ()) if _repeats(parties, f_parties)), None)
        if first is None:
            kept.append(event)
            candidates.setdefault(key, []).append((event, parties))
            continue
        first.mentions = sorted(
            {(m.start, m.end): m for m in first.mentions + event.mentions}.values(), key=lambda m: m.start
        )
        att, again = first.attribution, event.attribution
        if att.medium is None and again.medium is not None:  # the same speaker's claim, told to Reuters later
            first.attribution = att.model_copy(update={"medium": again.medium, "sources": att.sources or again.sources})
        # The same count told again ("12 killed" in two sentences) is one count, not two: keep the first per key.
        known = {(c.kind, c.low, c.high, c.who) for c in first.casualties}
        for c in event.casualties:
            if (c.kind, c.low, c.high, c.who) not in known:
                known.add((c.kind, c.low, c.high, c.who))
                first.casualties = [*first.casualties, c]
    return kept


def _corroboration(events: list[Event]) -> list[int]:
    """For each event, how many distinct voices (speakers, else the outlet) in the article tell an event of the
    same type and polarity with an overlapping source actor and an overlapping (or on both sides no) target."""

    def voice(e: Event) -> str:
        att = e.attribution
        return att.speaker or (att.speaker_span.text.lower() if att.speaker_span else "") or "outlet"

    # Each event's voice and actor sets once, events grouped by (type, polarity): only those can corroborate.
    facts = [(voice(e), {p.actor for p in e.source if p.actor}, {p.actor for p in e.target if p.actor}) for e in events]
    groups: dict[tuple[str, bool], list[int]] = {}
    for i, e in enumerate(events):
        groups.setdefault((e.type, e.factuality == "negated"), []).append(i)
    counts = []
    for i, e in enumerate(events):
        own_voice, sources, targets = facts[i]
        voices = {own_voice}
        for j in groups[(e.type, e.factuality == "negated")]:
            other_voice, other_sources, other_targets = facts[j]
            if j == i or other_voice in voices or not sources & other_sources:
                continue
            if targets & other_targets or not (targets or other_targets):
                voices.add(other_voice)
        counts.append(len(voices))
    return counts


def _denials(doc: Document) -> list[Event]:
    """The denier's REJECT for each denial that answers an accusation; returns the REJECT events to add.

    A denial ("Moscow denied attacking the hospital") answers an accusation when the article has one: an ACCUSE
    aimed at the denier, the same kind of event told by another voice, or a denied "report/claim/accusation".
    An existing REJECT on the denial verb gets the accuser as its target; otherwise one is made.
    """
    sd = doc.spacy_doc
    added: list[Event] = []
    for event in doc.events:
        cue_span = event.factuality_cue
        if event.factuality != "negated" or cue_span is None:
            continue
        cue_tokens = sd.char_span(cue_span.start, cue_span.end, alignment_mode="expand")
        if cue_tokens is None or not _is_denial(cue_tokens.root) or cue_tokens.root.lemma_.lower() in _RETRACTING:
            continue  # "retracted its report": a correction of one's own claim, not an answer to an accusation
        cue = cue_tokens.root
        denier = event.attribution.speaker
        accuser = _accuser(doc, event, denier)
        answered = any(c.dep_ == "dobj" and c.lemma_.lower() in _ACCUSATION_NOUNS for c in cue.children)
        if accuser is None and not answered:
            continue
        target = [accuser] if accuser is not None else []
        existing = next(
            (e for e in doc.events + added if e.type == "REJECT" and e.trigger.start <= cue.idx < e.trigger.end), None
        )
        if existing is not None:
            if not existing.target and target:
                existing.target = target
            continue
        who = event.attribution.speaker_span
        source = [Participant(actor=denier, span=who)] if who is not None else []
        added.append(
            Event(
                id=stable_id(doc.article.id, "REJECT", str(cue_span.start), str(cue_span.end)),
                type="REJECT",
                cameo="120",
                source=source,
                target=target,
                place=event.place,
                date=event.date,
                trigger=cue_span,
                evidence=event.evidence,
                mentions=[cue_span],
                attribution=Attribution(outlet=doc.article.site),
                factuality="asserted",
                confidence=round(0.6 * (1.0 if source else 0.8), 3),
            )
        )
    return added


def _accuser(doc: Document, denied: Event, denier: str | None) -> Participant | None:
    """Who made the accusation a denial answers: the source of an ACCUSE aimed at the denier, else the voice
    telling the same kind of event as a fact."""
    for e in doc.events:
        if e.type == "ACCUSE" and denier is not None and any(p.actor == denier for p in e.target) and e.source:
            return e.source[0]
    for e in doc.events:
        if e is denied or e.type != denied.type or e.factuality == "negated":
            continue
        att = e.attribution
        if att.speaker_span is not None and att.speaker != denier:
            return Participant(actor=att.speaker, span=att.speaker_span)
    return None


def _is_denial(tok: Token) -> bool:
    return tok.lemma_.lower() in DENIAL_VERBS or _ruled_out(tok)


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _quote_factuality(doc: Document, quote: Quote) -> tuple[str, Span | None]:
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
    judged = [_factuality(t)[:2] for t in verbs]
    labels = ["reported" if label == "asserted" else label for label, _ in judged]
    best = max(labels, key=lambda label: (labels.count(label), -labels.index(label)))
    cue = next(c for label, (_, c) in zip(labels, judged, strict=True) if label == best)
    return best, (Span.of(doc.article.text, cue.idx, cue.idx + len(cue.text)) if cue is not None else None)


def _nominal(doc: Document, event: Event) -> bool:
    """Only a noun ("the attack", "discussions") can refer back to an event; a new verb tells a new act."""
    span = doc.spacy_doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span is not None and span.root.pos_ == "NOUN"


# An event's parties for merging: source ids, target ids (a member counted as its group), whether every unresolved
# target is anaphoric ("the hospital").
_Parties = tuple[frozenset[str], frozenset[str], bool]


def _parties(event: Event, group: dict[str, str | None]) -> _Parties:
    def ids(parts: list) -> frozenset[str]:
        return frozenset(group.get(p.actor) or p.actor for p in parts if p.actor)

    unresolved_new = all(p.actor or p.span.text.lower().startswith(("the ", "this ", "that ")) for p in event.target)
    return ids(event.source), ids(event.target), unresolved_new


def _repeats(later: _Parties, first: _Parties) -> bool:
    """Whether a mention with ``later``'s parties (see :func:`_parties`) repeats one of the same type, speaker and
    polarity with ``first``'s parties."""
    src, tgt, anaphoric = later
    first_src, first_tgt, _ = first
    if not src or not anaphoric:
        return False
    same = src == first_src and tgt == first_tgt
    symmetric = src | tgt == first_src | first_tgt and len(src | tgt) > 1
    return same or symmetric


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
    label, cue, _ = _factuality(span.root)
    if label == "asserted" and attributed is not False:
        speech = _speech_cue(span.root) if attributed is None else None
        if attributed or speech is not None:
            label, cue = "reported", speech
    return label, ((cue.idx, cue.idx + len(cue.text)) if cue is not None else None)


def _speech_cue(trigger: Token) -> Token | None:
    """The speech cue a mention is reported under, from the parse alone (no quote stage): "X said (that) ...",
    "..., X said", "according to X", "X blamed Y for the attack", or a quotation in a sentence with a speech verb.
    """
    tok = trigger
    for _ in range(8):
        head = tok.head
        if head.i == tok.i:
            break
        lemma = head.lemma_.lower()
        if tok.dep_ == "prep" and lemma in ACCUSATION_VERBS:
            return head
        speech = tok.dep_ in ("ccomp", "parataxis", "conj", "advcl") and lemma in SPEECH_VERBS - DENIAL_VERBS
        if speech and _has_subject(head):
            return head
        tok = head
    for child in tok.children:  # the root: "The army shelled the town, a spokesman said" (parataxis below)
        speech = child.dep_ in ("parataxis", "ccomp") and child.lemma_.lower() in SPEECH_VERBS
        if speech and _has_subject(child) and child.i > trigger.i and not any(c.dep_ == "mark" for c in child.children):
            return child
    sent = trigger.sent
    for t in sent:
        if t.lower_ == "according" and any(c.lower_ == "to" for c in t.children):
            return t
    marks = [t.i for t in sent if t.is_quote]
    if len(marks) >= 2 and marks[0] < trigger.i < marks[-1]:
        for t in sent:
            outside = not marks[0] < t.i < marks[-1]
            if outside and t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB" and _has_subject(t):
                return t
    return None


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _scope_span(trigger: Token, cue: Token | None, governed: Token | None) -> tuple[int, int] | None:
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
        if cur.dep_ in _CLAUSE_STOP and cur.head.lemma_.lower() in SPEECH_VERBS - DENIAL_VERBS:
            if cur.head.lemma_.lower() in HEDGE_VERBS:
                chain.append(cur.head)  # "prosecutors allege that ...": a claim the speaker does not prove
            break
        if cur.dep_ in ("ccomp", "advcl") and cur.head.lemma_.lower() in DENIAL_VERBS:
            chain.append(cur.head)  # "denied that troops fired": the denial governs the event
            break
        content_clause = any(c.dep_ == "mark" for c in cur.children) or _infinitive(cur)  # "report that X killed"
        if cur.dep_ in ("relcl", "acl") and not content_clause:
            break  # "the trades made that day", "people who fled": presupposed, outside the host's modality
        if cur.dep_ == "pobj" and cur.head.lower_ in PRESUPPOSING_PREPS:
            break  # "in the days before the blast", "after the attack": the event is presupposed
        marks = (c.lower_ for c in cur.children if c.dep_ in ("mark", "advmod"))
        if cur.dep_ == "advcl" and any(m in PRESUPPOSING_MARKS for m in marks):
            # "he wasn't troubled when it began": the negation does not reach "began"; but the future does
            # ("when we start, we will interview"): only the host's future tense crosses this boundary.
            host = cur.head
            will = next((c for c in host.children if c.dep_ == "aux" and c.lower_ in FUTURE_AUX), None)
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


def _imperative(verb: Token) -> bool:
    """A main-clause verb in the base form with no subject or auxiliary: "Check these out", "Let them decide"."""
    if verb.tag_ != "VB" or verb.dep_ not in ("ROOT", "conj") or (verb.dep_ == "conj" and not _imperative(verb.head)):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "expl", "mark") for c in verb.children)


def _not_until(neg: Token) -> bool:
    """ "It was not until Friday that the envoy admitted …": a focus construction, not a negation."""
    nxt = neg.nbor(1) if neg.i + 1 < len(neg.doc) else None
    return nxt is not None and nxt.lower_ == "until"


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _factuality(trigger: Token) -> tuple[str, Token | None, Token | None]:
    """(label, cue, the token the cue governs) for the mention headed by ``trigger``."""
    chain, siblings = _scope(trigger)
    found: dict[str, tuple[Token, Token]] = {}

    def add(label: str, cue: Token, governed: Token) -> None:
        found.setdefault(label, (cue, governed))

    for child in trigger.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            no = next((c for c in child.children if c.dep_ in ("det", "neg") and _no(c)), None)
            if no is not None or child.lower_ in NEGATIVE_ARGUMENTS:
                add("negated", no or child, trigger)  # "no one was killed", "nobody was hurt", "not a shot"
            if child.lower_ in FREE_CHOICE and child.dep_ != "dobj" and (_modal(trigger) or _modal(trigger.head)):
                add("hypothetical", child, trigger)  # "whoever breaks the ceasefire will be held responsible"
        elif child.dep_ == "preconj" and child.lower_ == "neither":
            add("negated", child, trigger)
    free = trigger.head.lower_ in FREE_CHOICE or any(c.lower_ == "any" for c in trigger.head.children)
    if trigger.dep_ == "relcl" and free and _modal(trigger.head.head):
        add("hypothetical", trigger.head, trigger)  # "anyone who fired on civilians would be prosecuted"
    if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.pos_ == "NOUN":
        modal = next((c for c in trigger.head.children if c.dep_ == "aux" and c.lower_ in _SUPPOSING), None)
        if modal is not None and not any(c.dep_ == "neg" for c in trigger.head.children):
            add("hypothetical", modal, trigger)  # "a collapse of the truce would trigger ...": a supposed event
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "without":
        add("negated", trigger.head, trigger)  # "the talks ended without an agreement"
    for i, tok in enumerate(chain):
        lemma, lower = tok.lemma_.lower(), tok.lower_
        below = chain[i - 1] if i > 0 else tok
        if tok.dep_ == "aux" and i > 0:
            add("future", tok, below)  # a host's "will" across a temporal clause (see _scope)
            continue
        sibling = i in siblings
        if i > 0 and (lemma in DENIAL_VERBS or _ruled_out(tok)) and not sibling:
            negated_denial = next((c for c in tok.children if c.dep_ == "neg"), None)
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
            or (below.dep_ == "prep" and (below.lower_ in _AIM_PREPS or (below.lower_ == "at" and lemma == "aim")))
        )
        if i > 0 and lemma in FUTURE_VERBS and tok.i < trigger.i and not finite_below and not sibling and complement:
            add("future", tok, below)  # "agreed to meet", not "agrees that trading is hurting"
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
        for child in tok.children:
            c_lower = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and c_lower == "no"):
                if (lemma in DENIAL_VERBS or _ruled_out(tok)) and child.dep_ == "neg":
                    continue  # a negated denial: see above
                if _knowing(tok) and i > 0:
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
            elif child.dep_ == "prep" and child.lower_ == "in" and any(_condition_noun(g) for g in child.children):
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
        # "is to meet": be + infinitival complement marks a scheduled event; "is going to attack" too.
        if i > 0 and lemma == "be" and below.dep_ == "xcomp":
            add("future", tok, below)
        if i > 0 and lemma == "go" and tok.tag_ == "VBG" and _infinitive(below):
            add("future", tok, below)
        to = next((c for c in tok.children if c.dep_ == "aux" and c.tag_ == "TO"), None)
        host = tok.head.lemma_.lower()
        verbal = all(t.pos_ in ("VERB", "AUX") for t in chain[: i + 1])  # not across a noun ("actions to lure X")
        perfect = any(c.dep_ == "aux" and c.lower_ == "have" for c in tok.children)  # "seems to have been"
        if to is not None and host not in _NOT_AIMS and not sibling and verbal and not perfect:
            add("future", to, tok)  # "to cut costs", "trying to sell": an aim, not (yet) a fact
        if _imperative(tok) and not sibling:
            add("future", tok, tok)  # "Call me back", "Please send the file": a directive, not yet done
    if trigger.pos_ == "NOUN":
        # "talks about a possible alliance": a hedge on the topic makes the outcome uncertain.
        for prep in trigger.children:
            if prep.dep_ == "prep" and prep.lower_ in ("about", "on", "over", "for"):
                for obj in prep.children:
                    hedge = next((c for c in obj.children if c.lower_ in HEDGE_WORDS), None)
                    if hedge is not None:
                        add("hedged", hedge, obj)
    label = _decide(found)
    if label is None:
        return "asserted", None, None
    cue, governed = found[label]
    return label, cue, governed


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
            if label == "hedged" and negation is not None and cue.lower_ in _ABILITY:
                return "negated"
            return label
    return "negated" if negation is not None else None


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
        return not any(c.dep_ == "det" for c in noun.children)
    return noun.lower_ == "event" and any(c.lower_ == "the" for c in noun.children)


def _modal(verb: Token) -> bool:
    """A clause with a modal or future auxiliary: a conditional's consequent is supposed only then ("if the talks
    fail, war could follow"); a present-tense one states a generality ("if you are lucky it takes four days")."""
    return any(c.dep_ == "aux" and c.lower_ in _CONSEQUENT_AUX for c in verb.children)


def _ruled_out(verb: Token) -> bool:
    """ "ruled out a bombing": a denial by a phrasal verb."""
    return verb.lemma_.lower() == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)


def _knowing(verb: Token) -> bool:
    """ "is (not) clear", "is (not) known": a predicate of knowledge whose negation leaves the question open."""
    return verb.lemma_.lower() in _KNOWING or any(
        c.dep_ == "acomp" and c.lemma_.lower() in _KNOWING for c in verb.children
    )


def _inverted(verb: Token, aux: Token) -> bool:
    """ "Should the embassy be attacked, ...": the auxiliary opens the clause, before its subject."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return verb.dep_ == "advcl" and subject is not None and aux.i < subject.i and aux.i == verb.left_edge.i


def _condition(clause: Token) -> Token | None:
    """The cue of a conditional clause ("if", "unless", an inverted auxiliary); not a concession ("even if")."""
    for c in clause.children:
        if c.dep_ == "mark" and c.lower_ in ("if", "unless"):
            before = c.doc[c.i - 1].lower_ if c.i > 0 else ""
            return None if before in ("even", "as") else c  # "even if": a concession; "as if": a comparison
        if c.dep_ in ("aux", "auxpass") and c.lower_ in INVERTING_AUX and _inverted(clause, c):
            return c
    return None


def _doubting(head: Token) -> bool:
    """ "unclear / not known / uncertain whether": a predicate of doubt over the question."""
    lemma = head.lemma_.lower()
    if head.lower_ in HEDGE_WORDS or lemma in _DOUBT_PREDICATES:
        return True
    if any(c.dep_ == "acomp" and (c.lower_ in HEDGE_WORDS or c.lower_ in _DOUBT_PREDICATES) for c in head.children):
        return True  # "it is unclear whether ..."
    return lemma in _KNOWING and any(c.dep_ == "neg" for c in head.children)


def _assess_one(doc: Document, event: Event) -> tuple[Attribution, str, Span | None, Span | None]:
    sd = doc.spacy_doc
    text = doc.article.text
    outlet = doc.article.site
    # An evaluation ("condemned the attack") presupposes what it evaluates: the article's voice, not the holder's.
    quotes = [q for q in doc.quotes if q.cue_class != "evaluation"]
    quote = _containing_quote(quotes, event.trigger.start, event.trigger.end)
    span = sd.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if event.type in SPEECH_ACT_TYPES and span is not None and speech_act_conjunct(span.root) is not None:
        # "The agency said ... and urged both sides": the speaker's own act, told in the article's voice
        attribution = Attribution(outlet=outlet)
    elif quote is not None and quote.speaker is not None:
        attribution = Attribution(
            speaker=(quote.speaker.actor or _actor_within(doc, quote.speaker.span)) if quote.speaker else None,
            speaker_span=quote.speaker.span if quote.speaker else None,
            medium=quote.medium.name if quote.medium else None,
            quote=quote.id,
            sources=quote.sources,
            outlet=outlet,
        )
    elif quote is not None:  # a quote whose speaker the quotes stage missed: the governing speech verb's subject
        found = _reported_speech(doc, event)
        attribution = Attribution(
            speaker=found.speaker if found else None,
            speaker_span=found.speaker_span if found else None,
            medium=quote.medium.name if quote.medium else None,
            quote=quote.id,
            sources=quote.sources or (found.sources if found else []),
            outlet=outlet,
        )
    else:
        attribution = _reported_speech(doc, event) or Attribution(outlet=outlet)
    if span is None:
        return attribution, "asserted", None, None
    label, cue, governed = _factuality(span.root)
    if event.type == "THREATEN" and label in ("future", "hypothetical"):
        # "our forces will target every vessel": the announced act is future, but the threat it makes was made
        label, cue, governed = "asserted", None, None
    if label == "negated" and cue is not None and _is_denial(cue) and attribution.speaker_span is None:
        denier = _subject(cue)
        if denier is not None:  # "Moscow denied attacking civilian targets": the denier's claim
            attribution = _speaker_attribution(doc, denier, attribution.sources)
    attributed = attribution.speaker is not None or attribution.speaker_span is not None or bool(attribution.sources)
    cue_span = Span.of(text, cue.idx, cue.idx + len(cue.text)) if cue is not None else None
    if label == "asserted" and quote is not None and quote.cue_class == "intention" and quote.cue is not None:
        label, cue_span = "future", quote.cue  # "The mayor wants to build a dam": wanted, not reported as done
    elif label == "asserted" and attributed:
        label = "reported"
    scope = _scope_span(span.root, cue, governed)
    return attribution, label, cue_span, (Span.of(text, *scope) if scope else None)


def _actor_within(doc: Document, span: Span | None) -> str | None:
    """For a speaker described but not named ("a spokesman for the group"): the actor the description names."""
    if span is None:
        return None
    for actor in doc.actors:
        if actor.kind != "media" and any(span.start <= m.start and m.end <= span.end for m in actor.mentions):
            return actor.id
    return None


def _containing_quote(quotes: list[Quote], start: int, end: int) -> Quote | None:
    inside = [q for q in quotes if q.start <= start and end <= q.end]
    return min(inside, key=lambda q: q.end - q.start) if inside else None


def _reported_speech(doc: Document, event: Event) -> Attribution | None:
    """Speaker of a speech verb governing the trigger ("X said IS is in talks"), or of "according to X"."""
    sd = doc.spacy_doc
    span = sd.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    lo, hi = event.evidence.start, event.evidence.end
    for _ in range(8):
        if tok.head.i == tok.i or not lo <= tok.head.idx < hi:
            break
        accusation = tok.dep_ == "prep" and tok.head.lemma_.lower() in ACCUSATION_VERBS
        if accusation or (
            tok.dep_ in ("ccomp", "parataxis", "conj", "advcl") and tok.head.lemma_.lower() in SPEECH_VERBS
        ):
            speaker = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if speaker is not None:
                return _speaker_attribution(doc, speaker, _cited_sources(doc, tok.head))
        tok = tok.head
    # "According to him, ...": anywhere in the trigger's sentence.
    for t in span.root.sent:
        if t.lower_ == "according" and lo <= t.idx < hi:
            to = next((c for c in t.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is not None:
                return _speaker_attribution(doc, obj)
    return None


def _cited_sources(doc: Document, verb: Token) -> list[Span]:
    """What the speaker cites: the object of "citing ..." attached to the speech verb."""
    out = []
    for child in verb.subtree:  # the parser hangs "citing" on the verb or on its complement
        if child.lemma_.lower() == "cite" and child.dep_ in ("advcl", "xcomp", "conj"):
            for obj in child.children:
                if obj.dep_ == "dobj":
                    out.append(doc.span(obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text)))
    return out


def _speaker_attribution(doc: Document, head: Token, sources: list[Span] | None = None) -> Attribution:
    """Attribution to the actor named by ``head`` (a pronoun goes to the nearest earlier person actor)."""
    start, end = head.left_edge.idx, head.idx + len(head.text)
    if head.pos_ == "PRON":
        start, end = head.idx, head.idx + len(head.text)
    actor = doc.actor_at(head.idx, head.idx + len(head.text))
    actor_id = actor.id if actor is not None else None
    if actor is None and head.pos_ == "PRON" and head.lower_ in ("he", "him", "she", "her"):
        best = None
        for a in doc.actors:
            if a.kind != "person":
                continue
            for m in a.mentions:
                if m.end <= head.idx and (best is None or m.end > best[0]):
                    best = (m.end, a.id)
        actor_id = best[1] if best else None
    return Attribution(
        speaker=actor_id,
        speaker_span=doc.span(start, end),
        sources=sources or [],
        outlet=doc.article.site,
    )
