"""Attribution: cues attached to direct quotes; the other cues with content become indirect or mixed quotes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ._marks import Direct, rstrip
from ._spans import Cue, index

Kind = Literal["direct", "indirect", "mixed"]


@dataclass(slots=True)
class Candidate:
    """A quotation to be: its span, its kind, the cue that introduces it (None: no cue found) and a confidence."""

    start: int
    end: int
    kind: Kind
    cue: Cue | None
    confidence: float


def attribute(text: str, sents: list[tuple[int, int]], directs: list[Direct], cues: list[Cue]) -> list[Candidate]:
    """Attach cues to direct quotes; turn the remaining cues with content into indirect quotes."""
    sent_starts = [s for s, _ in sents]
    out: list[Candidate] = []
    cue_sent: dict[int, list[Cue]] = {}
    for cue in cues:
        cue_sent.setdefault(cue.sent, []).append(cue)

    # Indirect and mixed quotes: cue content that is not itself inside a direct quote.
    for cue in cues:
        if cue.content is None:
            continue
        c_start, c_end = cue.content
        holders = [d for d in directs if d.open_at <= c_start and c_end <= (d.close_at or d.end) + 1]
        if holders and cue.verbatim:
            for d in holders:  # a quoted transcript line ("WALLACE: …): the label, not the marks, says who speaks
                d.used = True
        elif holders:
            continue  # the complement is the direct quote itself: attached below
        fragments = [d for d in directs if c_start <= d.open_at and d.start < c_end]
        kind: Kind = "direct" if cue.verbatim else "indirect"
        if fragments and not cue.verbatim:
            kind = "mixed"
            for d in fragments:
                d.used = True
                c_end = max(c_end, d.end if d.close_at is None else d.close_at + 1)
        c_end = rstrip(text, c_start, c_end, "." if kind == "indirect" else "")
        out.append(Candidate(c_start, c_end, kind, cue, cue.confidence))

    for d in directs:
        if d.used:
            continue
        first = index(sent_starts, d.start if d.start < d.end else d.open_at)  # the mark may end the sentence before
        last = index(sent_starts, max(d.open_at, (d.close_at if d.close_at is not None else d.end) - 1))
        cue, confidence = _cue_for_direct(d, first, last, cue_sent)
        if cue is None and d.words < 4:
            continue  # a scare quote ("so-called “caliphate”"), not a quotation
        if d.close_at is None:
            confidence -= 0.15
        out.append(Candidate(d.start, d.end, "direct", cue, confidence))
    out.sort(key=lambda c: c.start)
    return out


def _cue_for_direct(
    d: Direct,
    first: int,
    last: int,
    cue_sent: dict[int, list[Cue]],
) -> tuple[Cue | None, float]:
    """The cue of a direct quote: in its last or first sentence, else an adjacent sentence."""
    close = d.close_at if d.close_at is not None else d.end

    def introduces(cue: Cue) -> bool:
        return cue.cls == "speech" and (cue.content is None or d.open_at <= cue.content[0] <= d.end + 1)

    for cue in cue_sent.get(last, []):
        if cue.start >= close and introduces(cue):
            return cue, 0.9
    for cue in cue_sent.get(first, []):
        if cue.end <= d.open_at and introduces(cue):
            return cue, 0.9
    # No cue in the quote's sentences: the speaker of the neighbouring cue, previous sentence first.
    for neighbour in (first - 1, last + 1):
        for cue in cue_sent.get(neighbour, []):
            if (
                cue.speaker is not None
                and cue.verb is not None
                and cue.verb.lower_ != "according"
                and cue.cls == "speech"
            ):
                return cue, 0.75
    return None, 0.4
