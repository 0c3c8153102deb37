"""Within-article event coreference: the mentions of one incident become one event; independent voices corroborate.

Four principles decide that a mention tells an incident already told:

- **anaphora**: a definite or possessed event noun ("the attack", "the arrests", "Monday's raid", "this meeting")
  introduces no new referent: it refers back to the latest earlier event of its type it does not contradict; an event
  noun whose participants are all among an earlier event's of its type, one at least, retells it ("talks" ...
  "discussions"; "to meet the envoy and the rebels" ... "a meeting with the rebels"); a clause whose subject names an
  earlier event by its own word tells that incident's outcome ("Gunmen attacked a post. The attack killed three
  officers.");
- **a headline sums up**: an act in the headline (a first paragraph of one short sentence) is the body's first act of
  its type that does not contradict it ("Police arrest two after protest" ... "Police arrested two men on Friday"); the
  body's sentence names its participants better than the headline's telegraphic syntax;
- **the codebook's event identity** (ACLED: one event per actor pair, place and day): for the material types (an attack,
  an arrest, a protest ...) a mention in a later sentence, noun or verb, with a participant in common with an earlier
  one of its type, and nothing contradicting it, is the same incident retold (news tells the lead's incident again, with
  details, further down), unless an additive adverb presupposes another occasion or party ("police also arrested",
  "attacked again"). A speech act told again is not merged unless anaphoric: two accusations are two acts;
- **a mention that names no party adds none**: a mention with no source and no target ("the talks", "killings",
  "no arrests have been made") in a later sentence retells the latest incident of its type it does not contradict,
  and a later mention that names the parties of an incident first told without any tells that incident ("Talks
  resumed on Monday. ... Iran and the envoy met for four hours"). A definite one that finds no incident of its type
  to retell ("the ceasefire", "the deal" with nothing of its type told, or only one it contradicts) presupposes a
  referent the article does not tell as an act of its own (one told as another type, one known from before, or an
  occasion it does not set apart by its parties) and is dropped: counted on the article gold's tuning part, such
  rows are far more often repeats than incidents of their own.

A mention contradicts an earlier one when their polarities differ (real, negated, irrealis), their PLOVER modes differ
(a strike is not a march), a role has participants on both sides with none in common (a resolved one compared by actor,
a person counting as the organisation they belong to; an unresolved one by its words: "looting shops, taking over the
port" are two acts, except that a bare person noun, the least a text says of someone, may be one person the article
names or describes more fully: "Police arrested a man in Lyon" ... "Jean Dupont, 41, was arrested", "A man stabbed a
nurse" ... "stabbed by a former inmate"; not "a woman", "six people"), their places are two different towns or in two
countries, or their dates, both from the text, differ. The merged event keeps the first mention's trigger, type,
attribution and factuality; each other field is taken from the mention that states it best (a place from the incident's
own clause over one borrowed from the paragraph or the dateline; a date from the text over a fallback; a participant
where the first mention had none, or the body's over the headline's); every trigger goes to ``mentions`` and casualty
counts are pooled. A mention looks back over the latest incidents of its type only (``SALIENT_INCIDENTS``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..plover import MATERIAL_TYPES
from ..syntax import dependents, sentence
from ._lexicon import (
    ADDITIVE,
    ANAPHORIC_DETERMINERS,
    BORROWED_PLACE_REASONS,
    HEADLINE_WORDS,
    SALIENT_INCIDENTS,
    SOMEONE,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

    from ..document import Document
    from ..model import Event, Participant, Span

# marks of ``_ids``: a bare person noun, a person the article names, another singular description
_SOMEONE, _NAMED, _ONE = "?someone", "?named", "?one"
_MARKS = frozenset([_SOMEONE, _NAMED, _ONE])
# the tags of a singular noun ("inmate", "Officer Dupont"): a plural may be many people, not the one a bare noun is
_SINGULAR_TAGS = frozenset(["NN", "NNP"])
# polarity groups: a mention in one never tells the incident of a mention in another
_POLARITY = {"negated": "negated", "future": "irrealis", "hypothetical": "irrealis"}


@dataclass
class _Incident:
    event: Event
    sources: frozenset[str]
    targets: frozenset[str]
    voices: set[str] = field(default_factory=set)
    lemmas: set[str] = field(default_factory=set)  # its mentions' words ("attack" for "attacked")
    sentence: int = -1  # where it was first told (the first token of its sentence)
    headline: bool = False  # first told in the headline, and not yet in the body


def merge_repeats(doc: Document) -> tuple[list[Event], list[int]]:
    """The article's incidents, in the order first told, and how many distinct voices told each."""
    present = {a.id for a in doc.all_actors}
    group = {a.id: a.affiliation for a in doc.all_actors if a.affiliation in present}
    # persons the article names and the knowledge base does not know: the private persons a bare "man" may be
    persons = frozenset(a.id for a in doc.all_actors if a.kind == "person" and a.id.startswith("x-"))
    countries = {p.geonameid: p.country for p in doc.places if p.geonameid}
    incidents: list[_Incident] = []
    by_type: dict[str, list[_Incident]] = {}
    told_at: dict[str, list[tuple[int, int]]] = {}  # the triggers of each type's mentions so far
    headline = _headline(doc)
    for event in doc.events:
        in_headline = headline[0] <= event.trigger.start < headline[1]
        sources, targets = _ids(doc, event.source, group, persons), _ids(doc, event.target, group, persons)
        words = _words(doc, event.trigger)  # the trigger's tokens, looked up once
        nominal, anaphor = _nominal(words)
        lemma = _lemma(words, event.trigger)
        source_lemmas: list[str] = []
        named: set[str] = set()  # words of sources that may name an event ("The attack killed three officers")
        actors = sources  # the sources that name actors
        # a source that holds the trigger of an earlier mention of the type names that event, definite or not ("An
        # air strike killed 12 civilians": the killing is the strike's toll, told by its verb)
        told = told_at.setdefault(event.type, [])
        names = [
            _names_an_event(p) or any(p.span.start <= a and z <= p.span.end for a, z in told) for p in event.source
        ]
        told.append((event.trigger.start, event.trigger.end))
        if any(names):
            source_lemmas = [_lemma(_words(doc, p.span), p.span) for p in event.source]
            named = {w for w, n in zip(source_lemmas, names, strict=True) if n}
            kept = [p for p, w in zip(event.source, source_lemmas, strict=True) if w not in named]
            actors = _ids(doc, kept, group, persons)
        earlier = None
        bare = not event.source and not event.target  # the mention names no party
        here = sentence(words).start if words is not None else -1
        # "police also arrested", "attacked again": an additive adverb presupposes another occasion or party of the act
        further = words is not None and any(c.lower_ in ADDITIVE for c in dependents(words.root))
        # the latest first, the most salient antecedent; only the latest few (a list of hundreds of killings in one
        # sentence is searched in constant time per mention)
        for inc in reversed(by_type.get(event.type, [])[-SALIENT_INCIDENTS:]):
            outcome = bool(named & inc.lemmas)  # its subject names this incident: compare the other sources
            if _contradicts(event, actors if outcome else sources, targets, inc, countries):
                continue
            shared = _common(sources, inc.sources) or _common(targets, inc.targets)
            # an event noun among the first mention's parties: "talks" ... "discussions", "met the rebels and the
            # envoy" ... "a meeting with the rebels"
            retold = nominal and shared and _within(sources, inc.sources) and _within(targets, inc.targets)
            # a retelling is in another sentence: acts coordinated in one sentence are distinct ("declared a
            # Caliphate and began looting banks")
            again = event.type in MATERIAL_TYPES and shared and here != inc.sentence and not further
            # a headline sums up what the body tells: its act is the body's first act of its type
            summed = inc.headline and not in_headline
            # a mention naming no party, or an incident first told naming none, in another sentence: nothing sets
            # them apart (acts told together in one sentence are distinct: "detained 19 for breaking the curfew")
            unnamed = here != inc.sentence and (bare or _unnamed(inc))
            if anaphor or retold or outcome or again or summed or unnamed:
                earlier = inc
                break
        if earlier is None and anaphor and bare:
            continue  # "the ceasefire" with no incident of its type to retell: not an act the article tells
        if earlier is None:
            inc = _Incident(event, sources, targets, {_voice(event)}, {lemma}, here, in_headline)
            incidents.append(inc)
            by_type.setdefault(event.type, []).append(inc)
        elif earlier.headline and not in_headline:
            earlier.headline = False
            _absorb(earlier, event, sources, targets, told_better=True)
        else:
            earlier.lemmas.add(lemma)
            if named & earlier.lemmas:  # "The attack killed three officers": the incident, named again, not an actor
                told = [p for p, w in zip(event.source, source_lemmas, strict=True) if w in named]
                event.source = [p for p in event.source if p not in told]
                event.mentions = [*event.mentions, *(_head(doc, p.span) for p in told)]
            _absorb(earlier, event, sources, targets)
    return [inc.event for inc in incidents], [len(inc.voices) for inc in incidents]


def _unnamed(inc: _Incident) -> bool:
    """Whether an incident has been told so far with no party at all."""
    return not (inc.sources or inc.targets or inc.event.source or inc.event.target)


def _absorb(
    inc: _Incident, event: Event, sources: frozenset[str], targets: frozenset[str], told_better: bool = False
) -> None:
    """Add ``event``, a later mention, to the incident ``inc``; fill what the first mention left weaker (with
    ``told_better``, the later mention's participants replace the first's: a headline's telegraphic syntax names
    them worse than the body's sentence)."""
    first = inc.event
    inc.voices.add(_voice(event))
    first.mentions = sorted(
        {(m.start, m.end): m for m in first.mentions + event.mentions}.values(), key=lambda m: m.start
    )
    update: dict = {}
    if _place_rank(event) < _place_rank(first):
        update["place"] = event.place
    if event.date is not None and event.date.basis == "text" and (first.date is None or first.date.basis != "text"):
        update["date"] = event.date
    if event.source and (told_better or not first.source):
        update["source"] = event.source
        inc.sources = sources
    if event.target and (told_better or not first.target):
        update["target"] = event.target
        inc.targets = targets
    att, again = first.attribution, event.attribution
    if att.medium is None and again.medium is not None:  # the same speaker's claim, told to Reuters later
        update["attribution"] = att.model_copy(update={"medium": again.medium, "sources": att.sources or again.sources})
    for name, value in update.items():
        setattr(first, name, value)
    # The same count told again ("12 killed" in two sentences) is one count, not two: keep the first per key.
    known = {(c.kind, c.low, c.high, c.who) for c in first.casualties}
    for c in event.casualties:
        if (c.kind, c.low, c.high, c.who) not in known:
            known.add((c.kind, c.low, c.high, c.who))
            first.casualties = [*first.casualties, c]


def _contradicts(
    event: Event, sources: frozenset[str], targets: frozenset[str], inc: _Incident, countries: dict[int, str | None]
) -> bool:
    first = inc.event
    if _POLARITY.get(event.factuality, "real") != _POLARITY.get(first.factuality, "real"):
        return True
    if event.mode and first.mode and event.mode != first.mode:  # a strike is not a march, a bombing not a shooting
        return True
    apart = _apart(sources, inc.sources) or _apart(targets, inc.targets)
    clash = sources | targets == inc.sources | inc.targets and len(sources | targets) > 1  # a clash told either way
    if apart and not clash:
        return True
    a, b = event.place, first.place
    if a is not None and b is not None and a.geonameid and b.geonameid and a.geonameid != b.geonameid:
        country_a, country_b = countries.get(a.geonameid), countries.get(b.geonameid)
        if (a.precision == 1 and b.precision == 1) or (country_a and country_b and country_a != country_b):
            return True
    d, e = event.date, first.date
    return (
        d is not None
        and e is not None
        and d.basis == e.basis == "text"
        and bool(d.value and e.value)
        and not (d.value.startswith(e.value) or e.value.startswith(d.value))
    )


def _place_rank(event: Event) -> int:
    """How well a mention states its place: 0 from its own words, 1 borrowed from the context, 2 none."""
    if event.place is None:
        return 2
    basis = (event.place.reason or "").split(";")[0]
    return 1 if basis in BORROWED_PLACE_REASONS else 0


def _voice(e: Event) -> str:
    att = e.attribution
    return att.speaker or (att.speaker_span.text.lower() if att.speaker_span else "") or "outlet"


def corroboration(events: list[Event]) -> list[int]:
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


def _words(doc: Document, span: Span) -> SpacySpan | None:
    """The tokens of a character span."""
    return doc.spacy_doc.char_span(span.start, span.end, alignment_mode="expand")


def _nominal(words: SpacySpan | None) -> tuple[bool, bool]:
    """Whether the trigger is an event noun, and whether it is definite or possessed ("the attack", "these arrests",
    "Monday's raid"): such a noun refers back."""
    if words is None or words.root.pos_ != "NOUN":
        return False, False
    definite = any(
        (c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS) or c.dep_ == "poss" for c in dependents(words.root)
    )
    return True, definite


def _headline(doc: Document) -> tuple[int, int]:
    """The headline's characters: a first paragraph of one short sentence before the body; (0, 0) if none."""
    paragraphs = doc.paragraph_spans()
    if len(paragraphs) < 2:
        return (0, 0)
    start, end = paragraphs[0]
    words = doc.spacy_doc.char_span(start, end, alignment_mode="expand")
    if words is None or len(words) > HEADLINE_WORDS or len(list(words.sents)) > 1:
        return (0, 0)
    return (start, end)


def _lemma(words: SpacySpan | None, span: Span) -> str:
    """The lemma of the head word of a character span (an event trigger, a participant)."""
    return words.root.lemma_.lower() if words is not None else span.text.lower()


def _head(doc: Document, span: Span) -> Span:
    """The span of the head word of a character span ("attack" of "The attack")."""
    words = _words(doc, span)
    if words is None:
        return span
    root = words.root
    return doc.span(root.idx, root.idx + len(root.text))


def _names_an_event(p: Participant) -> bool:
    """A definite, unresolved source: it may name an event rather than an actor ("The attack killed three
    officers", "the raid left ..."); if its word is an earlier incident's, that incident is told again."""
    words = p.span.text.lower().split()
    return not p.actor and bool(words) and words[0] in ANAPHORIC_DETERMINERS


def _ids(doc: Document, parts: list, group: dict[str, str | None], persons: frozenset[str]) -> frozenset[str]:
    """The participants of a role: one the knowledge base resolved by its actor (a member counted as its group:
    "messengers representing Baghdadi"), any other by its head word, marked "~" ("a local journalist" and "the
    journalist" -> "~journalist"; "shops" and "the port" differ). Marks tell what one person a party may be
    (``_common``): a bare person noun ("a Lyon man"), a person the article names (``persons``), or another singular
    description ("a former inmate")."""
    out = set()
    for p in parts:
        if p.actor and not p.actor.startswith("x-"):
            out.add(group.get(p.actor) or p.actor)
            continue
        words = p.span.text.lower().split()
        if not words:
            continue
        out.add("~" + words[-1])
        if p.actor in persons:
            out.add(_NAMED)
        elif words[-1] in SOMEONE:
            out.add(_SOMEONE)
        elif (head := _words(doc, p.span)) is not None and head.root.tag_ in _SINGULAR_TAGS:
            out.add(_ONE)
    return frozenset(out)


def _common(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two participant sets with a party in common: the same actor or word, or a bare person noun on one side and one
    person named or described more fully on the other. A bare "man" is the least a text can say of a person: news
    introduces someone so and then names or describes them ("Police arrested a man in Lyon" ... "Jean Dupont, 41,
    was arrested"; "A man stabbed a nurse" ... "stabbed by a former inmate"); two bare nouns ("a man", "a woman"),
    two names or a plural ("six people") stay apart."""
    if (a & b) - _MARKS:
        return True
    return (_SOMEONE in a and (_NAMED in b or _ONE in b)) or (_SOMEONE in b and (_NAMED in a or _ONE in a))


def _within(a: frozenset[str], b: frozenset[str]) -> bool:
    """Every party of ``a`` is one of ``b``'s."""
    return not (a - b - _MARKS)


def _apart(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two participant sets that name different parties: resolved ones with none in common, or unresolved ones with
    none in common (a resolved and an unresolved one may be the same party: "soldiers", "the army")."""
    resolved_a, resolved_b = {x for x in a if x[0] not in "~?"}, {x for x in b if x[0] not in "~?"}
    words_a, words_b = a - resolved_a, b - resolved_b
    return bool(resolved_a and resolved_b and not resolved_a & resolved_b) or bool(
        words_a and words_b and not _common(words_a, words_b)
    )
