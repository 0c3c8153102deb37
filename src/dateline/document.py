"""The document object that travels through the pipeline stages.

Stages annotate one :class:`Document` in place: each reads what earlier stages assigned and fills
its own field. ``result()`` turns it into the serialisable :class:`~dateline.model.Result`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .model import Actor, Article, Event, Place, Quote, Result, Span, StageError, TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(slots=True)
class Document:
    article: Article
    spacy_doc: Doc | None = None
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    errors: list[StageError] = field(default_factory=list)
    _actor_index: dict[tuple[int, int], Actor] | None = None

    @property
    def text(self) -> str:
        return self.article.text

    def span(self, start: int, end: int) -> Span:
        """The span ``text[start:end]`` of this document's article."""
        return Span.of(self.article.text, start, end)

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor one of whose mentions overlaps characters ``start:end``, if any.

        Exact mention boundaries win over overlaps; the index is built on first use after the
        actors stage has run.
        """
        if self._actor_index is None:
            self._actor_index = {(m.start, m.end): a for a in self.actors for m in a.mentions}
        exact = self._actor_index.get((start, end))
        if exact is not None:
            return exact
        for (m_start, m_end), actor in self._actor_index.items():
            if m_start < end and start < m_end:
                return actor
        return None

    def invalidate_actor_index(self) -> None:
        """Call after changing ``actors`` so ``actor_at`` sees the change."""
        self._actor_index = None

    def result(self) -> Result:
        return Result(
            article=self.article,
            actors=self.actors,
            places=self.places,
            times=self.times,
            quotes=self.quotes,
            events=self.events,
            errors=self.errors,
        )
