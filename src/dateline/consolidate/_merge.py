"""Mentions of one happening: a repeated mention joins the first, and independent voices corroborate an event.

Merging is the start of within-article event coreference: a later noun mention ("the attack") of an event
already told, with the same type, parties, speaker and polarity, is the same event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..document import Document
    from ..model import Event


def merge_repeats(doc: Document) -> list[Event]:
    """One event per happening: a later mention of an event already reported joins the first as a mention.

    A repeat has the same type, the same participants (a person counting as the organisation they lead or belong
    to, when it is in the article: "messengers representing Baghdadi and Zawahiri" = IS and al-Qaeda), the same
    speaker, and does not contradict the first (a denial is its own event). The repeat is a noun ("the attack",
    "discussions"): a new verb tells a new act. Unresolved participants must be anaphoric ("the hospital"). The
    first mention stays as the event's trigger; every trigger goes to its ``mentions``, casualty counts are pooled.
    """
    present = {a.id for a in doc.all_actors}
    group = {a.id: a.affiliation for a in doc.all_actors if a.affiliation in present}
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
