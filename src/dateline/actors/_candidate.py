"""The candidate actor every pass adds to, and the bookkeeping the passes share.

A pass records an actor in ``found`` (id -> :class:`Candidate`) and marks the tokens of its mention in
``taken``, so that no later pass reads them again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from ..kb.actors import ActorRecord


@dataclass(slots=True)
class Candidate:
    """One actor found in the article: what it is and every character span that mentions it."""

    id: str
    name: str
    kind: str
    known: bool
    confidence: float
    record: ActorRecord | None = None
    country: str | None = None
    role: str | None = None
    affiliation: str | None = None
    surfaces: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)

    def add(self, start: int, end: int, surface: str) -> None:
        if (start, end) not in self.spans:
            self.spans.append((start, end))
        if surface not in self.surfaces:
            self.surfaces.append(surface)


def known_actor(found: dict[str, Candidate], rec: ActorRecord, confidence: float) -> Candidate:
    """The candidate of the KB record ``rec``, added to ``found`` if new; its confidence the highest seen."""
    cand = found.get(rec.id)
    if cand is None:
        cand = found[rec.id] = Candidate(
            id=rec.id,
            name=rec.name,
            kind=rec.kind,
            known=True,
            confidence=confidence,
            record=rec,
            country=rec.country,
            role=rec.role,
            affiliation=rec.affiliation,
        )
    cand.confidence = max(cand.confidence, confidence)
    return cand


def mark(taken: list[bool], start: int, end: int) -> None:
    """Mark the tokens ``start:end`` as inside an actor mention."""
    for i in range(start, end):
        taken[i] = True


def free(taken: list[bool], start: int, end: int) -> bool:
    """Whether no token of ``start:end`` is inside an actor mention yet."""
    return not any(taken[start:end])


def trim(span: Span) -> tuple[int, int]:
    """Drop a trailing possessive from a mention ("Reuters'" -> "Reuters"); a leading "the" stays."""
    start, end = span.start, span.end
    doc = span.doc
    while end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    return start, end


def end_char(sdoc: Doc, end: int) -> int:
    """The character offset where the token before token ``end`` ends."""
    tok = sdoc[end - 1]
    return tok.idx + len(tok.text)


def slug(text: str) -> str:
    """An id-safe form of a name: ASCII, lower case, hyphens between words ("x-" ids)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
