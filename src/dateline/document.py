"""The document object that travels through the pipeline stages.

Stages annotate one :class:`Document` in place: each reads what earlier stages assigned and fills only the
fields it declares in its ``ASSIGNS`` (checked against the fields below by ``pipeline.check_order``).
``result()`` turns it into the serialisable :class:`~dateline.model.Result`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from .model import Actor, Article, Event, Place, Quote, Result, Span, StageError, TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A paragraph of a plain text: from a non-space character up to a blank line (spaces and tabs allowed on it).
_TEXT_PARAGRAPH = re.compile(r"\S(?:.|\n(?![ \t]*\n))*")


def text_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph of a plain text, trailing spaces left out: blank lines separate
    paragraphs."""
    out = []
    for m in _TEXT_PARAGRAPH.finditer(text):
        out.append((m.start(), m.start() + len(m.group().rstrip())))
    return out


@dataclass(slots=True)
class Document:
    article: Article
    spacy_doc: Doc | None = None
    # actors stage: the article's actors with every mention
    actors: list[Actor] = field(default_factory=list)
    # places stage: the article's places, the dateline place's GeoNames id, the country the article is about
    places: list[Place] = field(default_factory=list)
    dateline_geonameid: int | None = None
    focus_country: str | None = None
    # times stage
    times: list[TimeExpr] = field(default_factory=list)
    # quotes stage (stance sets each quote's factuality)
    quotes: list[Quote] = field(default_factory=list)
    # events stage: the events, and the actors an event's argument stands for that the text names only through a
    # place or the country in focus (the state of a shelled town); later stages annotate and consolidate events
    events: list[Event] = field(default_factory=list)
    event_actors: list[Actor] = field(default_factory=list)
    errors: list[StageError] = field(default_factory=list)
    _actor_index: tuple[int, int, dict[tuple[int, int], Actor]] | None = None

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def all_actors(self) -> list[Actor]:
        """The actors stage's actors, then those the events stage added."""
        return self.actors + self.event_actors if self.event_actors else self.actors

    def span(self, start: int, end: int) -> Span:
        """The span ``text[start:end]`` of this document's article."""
        return Span.of(self.article.text, start, end)

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor (of :attr:`all_actors`) one of whose mentions overlaps characters ``start:end``, if any.

        Exact mention boundaries win over overlaps. The index is built on first use and rebuilt when a stage
        assigns a new ``actors`` or ``event_actors`` list.
        """
        key = (id(self.actors), id(self.event_actors))
        if self._actor_index is None or self._actor_index[:2] != key:
            index = {(m.start, m.end): a for a in self.all_actors for m in a.mentions}
            self._actor_index = (*key, index)
        index = self._actor_index[2]
        exact = index.get((start, end))
        if exact is not None:
            return exact
        for (m_start, m_end), actor in index.items():
            if m_start < end and start < m_end:
                return actor
        return None

    def paragraph_spans(self) -> list[tuple[int, int]]:
        """(start, end) of each non-empty paragraph, in text order: ingest's ``Article.paragraphs`` (it joins
        hard-wrapped lines and keeps one paragraph per block); for an article built without them, the text's
        blank-line-separated blocks (:func:`text_paragraphs`). Every stage reads paragraphs through this."""
        paragraphs = self.article.paragraphs
        if paragraphs:
            return [(p.start, p.end) for p in paragraphs if p.text.strip()]
        return text_paragraphs(self.article.text)

    def result(self) -> Result:
        article = self.article
        if self.dateline_geonameid is not None and article.dateline is not None:
            dateline = article.dateline.model_copy(update={"geonameid": self.dateline_geonameid})
            article = article.model_copy(update={"dateline": dateline})
        return Result(
            article=article,
            actors=self.all_actors,
            places=self.places,
            times=self.times,
            quotes=self.quotes,
            events=self.events,
            errors=self.errors,
        )


# What a stage may name in REQUIRES and ASSIGNS: a field of Document, or "events.x" / "quotes.x" for a field the
# stage sets on each event or quote another stage made.
FIELDS = frozenset(f.name for f in fields(Document) if not f.name.startswith("_"))
ITEM_FIELDS = {"events": frozenset(Event.model_fields), "quotes": frozenset(Quote.model_fields)}


def is_field(name: str) -> bool:
    """Whether ``name`` is a Document field or ``list_field.item_field`` of the events or quotes."""
    head, _, item = name.partition(".")
    if not item:
        return head in FIELDS
    return item in ITEM_FIELDS.get(head, ())
