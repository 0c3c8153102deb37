"""The records the events stage builds (``Arg``, ``Candidate``) and the ``ActorIndex``.

``ActorIndex`` holds one document's actor mentions sorted by offset, for the span lookups that map an argument's
words to an actor and the backward lookups that resolve a pronoun or "the group" to an earlier actor.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._lexicon import NON_AGENT_KINDS
from ._triggers_table import Trigger

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from ..model import Actor


@dataclass(slots=True)
class Arg:
    """An argument of an event: the words, and the actor they name (if any)."""

    start: int
    end: int
    actor: str | None
    from_context: bool = False  # resolved through a pronoun, a generic noun or preceding context
    country: str | None = None  # ISO-3 the argument acts for when its actor names none (set by ``contextualise``)
    place: bool = False  # the words are a toponym standing for its country ("shelled Juba")
    kind: str | None = None  # the national institution a facility names ("an army base" -> military)


@dataclass(slots=True)
class Candidate:
    row: Trigger
    mode: str | None
    token: Token
    start: int
    end: int
    sent: SpacySpan
    source: list[Arg] = field(default_factory=list)
    target: list[Arg] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # triggers merged into this one
    p_event: float | None = None  # the learned detector's P(event) for its word, when the detector read it


class ActorIndex:
    """Actor mentions sorted by offset, for span lookup and pronoun resolution in one document."""

    def __init__(self, actors: list[Actor]):
        self.kind = {a.id: a.kind for a in actors}
        self.country = {a.id: a.country for a in actors}
        self.mentions = sorted((m.start, m.end, a.id) for a in actors for m in a.mentions)
        self._starts = [m[0] for m in self.mentions]
        # the largest end among mentions[0..k]: the first k whose value exceeds an offset is the leftmost mention
        # reaching past it, so a lookup bisects instead of scanning from the start of the document
        self._reach: list[int] = []
        for m in self.mentions:
            self._reach.append(max(m[1], self._reach[-1]) if self._reach else m[1])
        self._civilians = [k for k, m in enumerate(self.mentions) if self.kind.get(m[2]) == "civilians"]
        self.by_actor: dict[str, list[tuple[int, int, str]]] = {}  # actor id -> its mentions, in text order
        for m in self.mentions:
            self.by_actor.setdefault(m[2], []).append(m)
        # token index -> (GeoNames feature code, ISO-3 country) of toponyms, set by the stage
        self.places: dict[int, tuple[str | None, str | None]] = {}
        # token index -> ISO-3 of words naming a country's people or government ("Palestinian", "Serbian"), set by the
        # stage from the places stage's actor mentions
        self.demonyms: dict[int, str] = {}
        # one-word toponyms of the document -> ISO-3, for names the places stage left inside an actor's name
        self.place_names: dict[str, str] = {}
        self.sentence_countries: dict[int, str | None] = {}  # memo of ``_sentence_country`` by sentence start
        # direct quotes as (start, end, speaker actor id, speaker's group actor id), set by the stage
        self.quotes: list[tuple[int, int, str | None, str | None]] = []

    def speaker_at(self, offset: int) -> str | None:
        """For "we"/"our" inside a direct quote: the group the speaker speaks for, else the speaker."""
        for start, end, speaker, group in self.quotes:
            if start <= offset < end:
                return group or speaker
        return None

    def at(self, start: int, end: int) -> tuple[int, int, str] | None:
        """The mention overlapping ``start:end`` (the first one, which is the leftmost)."""
        k = bisect_right(self._reach, start)
        if k < len(self.mentions) and self.mentions[k][0] < end:
            return self.mentions[k]
        return None

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The mentions overlapping ``start:end``, leftmost first."""
        out = []
        for k in range(bisect_right(self._reach, start), len(self.mentions)):
            m = self.mentions[k]
            if m[0] >= end:
                break
            if m[1] > start:
                out.append(m)
        return out

    def _window(self, offset: int, floor: int) -> range:
        """Indices of the mentions that start at or after ``floor`` and precede the first one reaching past
        ``offset`` (the mentions the backward lookups may return)."""
        return range(bisect_left(self._starts, floor), bisect_right(self._reach, offset))

    def civilians_before(self, offset: int, floor: int) -> tuple[int, int, str] | None:
        """The nearest civilians actor mentioned before ``offset`` in the paragraph ("the victims" for "the men")."""
        window = self._window(offset, floor)
        k = bisect_left(self._civilians, window.stop) - 1
        if k >= 0 and self._civilians[k] >= window.start:
            return self.mentions[self._civilians[k]]
        return None

    def of_country(self, country: str | None, kind: str) -> str | None:
        """The actor of ``kind`` from ``country`` in this document ("its forces" of Russia -> Russia's military)."""
        if country is None:
            return None
        return next((a for a, k in self.kind.items() if k == kind and self.country.get(a) == country), None)

    def parties_before(self, offset: int, kinds: frozenset[str] | None, n: int = 2) -> list[tuple[int, int, str]]:
        """The last ``n`` distinct known actors mentioned before ``offset`` ("the two governments")."""
        out: list[tuple[int, int, str]] = []
        for k in range(bisect_right(self._starts, offset) - 1, -1, -1):
            m = self.mentions[k]
            if m[1] > offset or m[2].startswith("x-") or any(m[2] == o[2] for o in out):
                continue
            kind = self.kind.get(m[2])
            if kind in NON_AGENT_KINDS or kind == "person" or (kinds is not None and kind not in kinds):
                continue
            out.append(m)
            if len(out) == n:
                break
        return sorted(out)

    def before(
        self, offset: int, floor: int, person: bool | None, kinds: frozenset[str] | None = None
    ) -> tuple[int, int, str] | None:
        """Like :meth:`_before`, preferring actors from the knowledge base over unknown ``x-`` ones."""
        return self._before(offset, floor, person, kinds, known=True) or self._before(offset, floor, person, kinds)

    def _before(
        self, offset: int, floor: int, person: bool | None, kinds: frozenset[str] | None = None, known: bool = False
    ) -> tuple[int, int, str] | None:
        """The nearest mention ending before ``offset`` and starting after ``floor``, of the right kind."""
        for k in reversed(self._window(offset, floor)):
            m_start, m_end, actor_id = self.mentions[k]
            kind = self.kind.get(actor_id)
            if kind in NON_AGENT_KINDS:
                continue
            if person is not None and (kind == "person") != person:
                continue
            if kinds is not None and (kind not in kinds or actor_id.startswith("x-")):
                continue
            if known and actor_id.startswith("x-"):
                continue
            return m_start, m_end, actor_id
        return None
