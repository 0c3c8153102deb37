"""The data model: every object a stage produces, in one place.

Everything that leaves a stage is one of these typed objects; the JSON Schema that other tools read
(`dateline schema`) is generated from them. Every extracted fact carries a :class:`Span` into
``Article.text`` and a confidence, so a user can always see the words it came from.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .plover import EventType, valid_mode

# 2.0: Place.country is ISO 3166 alpha-3 like every country in the model; the alpha-2 code is Place.country_iso2.
SCHEMA_VERSION = "2.1"

ActorKind = Literal[
    "state",
    "government",
    "military",
    "police",
    "rebels",
    "terrorist-group",
    "party",
    "igo",
    "ngo",
    "media",
    "civilians",
    "business",
    "person",
    "organization",
    "unknown",
]
Factuality = Literal["asserted", "reported", "hedged", "negated", "future", "hypothetical"]
CasualtyKind = Literal["killed", "injured", "casualties", "abducted", "arrested", "displaced", "missing"]
Granularity = Literal["day", "week", "month", "season", "year", "decade", "interval", "unknown"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    def to_dict(self) -> dict:
        return self.model_dump(mode="json")

    @classmethod
    def from_dict(cls, data: dict):
        return cls.model_validate(data)


class Span(_Model):
    """Characters ``start:end`` of ``Article.text``; ``text`` is always that slice."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"span text {self.text!r} does not fit offsets {self.start}:{self.end}")
        return self

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """Build the span ``text[start:end]``; refuses offsets outside the text."""
        start, end = int(start), int(end)
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"offsets {start}:{end} outside a text of {len(text)} characters")
        # valid by construction (ordered offsets inside the text, the text their slice): skip re-validation,
        # which stages would otherwise pay tens of thousands of times per batch
        return cls.model_construct(start=start, end=end, text=text[start:end])


class Dateline(_Model):
    """The leading "Apr 18, Baghdad:" of a story, as written and as resolved."""

    span: Span | None = Field(None, description="the whole dateline, separator included")
    place: Span | None = None
    date: Span | None = None
    date_value: str | None = Field(None, description="ISO 8601 date the dateline denotes")
    geonameid: int | None = None


class Article(_Model):
    id: str = Field(
        description="stable id: hash of the url, else of the text (the same story read twice is one article)"
    )
    url: str | None = None
    source: str | None = Field(None, description="where it was read: a path, path#row or 'text'")
    site: str | None = None
    title: str | None = None
    authors: list[str] = []
    published: str | None = Field(None, description="ISO 8601 date; None when unknown, never invented")
    published_basis: Literal["metadata", "option", "dateline", "unknown"] = "unknown"
    dateline: Dateline | None = None
    language: str | None = None
    text: str = ""
    paragraphs: list[Span] = []


class ActorRole(_Model):
    """A role a person held over a time, as the knowledge base records it (dates ISO 8601, open when None)."""

    role: str | None = None
    cameo: str | None = Field(None, description="CAMEO actor code of the role, e.g. IRQGOV")
    country: str | None = Field(None, description="ISO 3166 alpha-3")
    start: str | None = None
    end: str | None = None


class Actor(_Model):
    id: str = Field(description="stable slug, e.g. 'islamic-state'; 'x-…' for actors not in the knowledge base")
    name: str
    aliases: list[str] = []
    kind: ActorKind = "unknown"
    country: str | None = Field(None, description="ISO 3166 alpha-3")
    role: str | None = None
    affiliation: str | None = Field(None, description="actor id of the organisation a person belongs to")
    roles: list[ActorRole] = Field([], description="a person's dated roles from the knowledge base, oldest first")
    cameo: str | None = Field(None, description="CAMEO actor code, e.g. IRQGOV")
    wikidata: str | None = None
    known: bool = Field(False, description="True when resolved to the shipped knowledge base")
    mentions: list[Span] = []
    confidence: float = 1.0


class Place(_Model):
    geonameid: int | None = Field(
        None, description="None when unresolved (resolved=False) or for a curated entry without a GeoNames id"
    )
    name: str
    feature_class: str | None = None
    feature_code: str | None = None
    country: str | None = Field(None, description="ISO 3166 alpha-3, as every country code in the model")
    country_iso2: str | None = Field(None, description="ISO 3166 alpha-2, the code GeoNames keys countries by")
    admin1: str | None = None
    admin1_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    resolved: bool = True
    mentions: list[Span] = []
    confidence: float = 1.0
    reason: list[str] = Field([], description="why this entry won, as short machine-readable tags")
    actor_mentions: list[Span] = Field(
        [],
        description="mentions naming the place's people or government, not a location ('Iraqi', 'Washington said'): "
        "linked to the place, never used as an event's location",
    )


class TimeExpr(_Model):
    span: Span
    value: str | None = Field(None, description="ISO 8601: date, month, year, or start/end interval")
    granularity: Granularity = "unknown"
    anchor: Literal["published", "dateline", "absolute", "none"] = "none"
    confidence: float = 1.0


class SpeakerRef(_Model):
    actor: str | None = Field(None, description="actor id")
    span: Span | None = None


class MediumRef(_Model):
    name: str
    actor: str | None = None
    span: Span | None = None


class Quote(_Model):
    id: str
    start: int
    end: int
    text: str = Field(description="the quoted or reported words")
    kind: Literal["direct", "indirect", "mixed"] = "direct"
    cue_class: Literal["speech", "belief", "intention", "evaluation", "perception"] = Field(
        "speech",
        description="what the cue attributes: words said or written, a belief ('thinks'), an intention "
        "('plans to'), an evaluation ('condemned') or a perception ('saw'). Speech, belief and perception attribute "
        "the events they contain; an intention makes them future; an evaluation presupposes them (the article's voice)",
    )
    speaker: SpeakerRef | None = None
    cue: Span | None = None
    medium: MediumRef | None = None
    sources: list[Span] = Field([], description="sources the speaker cites")
    said_at: Span | None = Field(None, description="when it was said, where the text says so")
    factuality: Factuality | None = Field(None, description="how the speaker presents the quoted claim")
    factuality_cue: Span | None = None
    confidence: float = 1.0


class Participant(_Model):
    actor: str | None = Field(None, description="actor id, None for an unresolved description")
    span: Span
    country: str | None = Field(
        None,
        description="ISO 3166 alpha-3 of the country the participant acts for: its actor's, else from context "
        "(its own phrase, the sentence's one country, the article's focus)",
    )


class Casualty(_Model):
    """People killed, injured, abducted, arrested, displaced or missing in an event, as the text counts them.

    ``casualties`` is the killed-or-injured count of texts that do not tell the two apart.
    """

    kind: CasualtyKind
    low: int | None = Field(None, description="lower bound of the count; None when the text gives no number")
    high: int | None = Field(None, description="upper bound; None when open-ended ('at least 12', 'dozens')")
    qualifier: Literal["exact", "at-least", "at-most", "about", "range", "vague"] = "exact"
    who: str | None = Field(None, description="whom the count is of: civilians, fighters, soldiers, police, children…")
    actor: str | None = Field(None, description="actor id of the victims' group when resolved")
    span: Span = Field(description="the count phrase, e.g. 'at least 12 civilians were killed'")
    confidence: float = 1.0


class EventPlace(_Model):
    geonameid: int | None = None
    name: str
    span: Span | None = None
    precision: Literal[1, 2, 3] = Field(
        3, description="ACLED geo precision: 1 town, 2 near/region, 3 country or division"
    )
    reason: str | None = None


class EventDate(_Model):
    value: str | None = None
    granularity: Granularity = "unknown"
    span: Span | None = None
    basis: Literal["text", "dateline", "published", "unknown"] = "unknown"
    confidence: float = Field(1.0, description="how sure the value is, e.g. low for a date whose year is unknown")


class Attribution(_Model):
    """Who says the event happened: the speaker, the outlet carrying them, their cited sources."""

    speaker: str | None = Field(None, description="actor id of the speaker; None when the article's own voice")
    speaker_span: Span | None = None
    medium: str | None = None
    quote: str | None = Field(None, description="id of the quote the event sits in")
    sources: list[Span] = []
    outlet: str | None = Field(None, description="the publication carrying the article")


class Event(_Model):
    id: str
    type: EventType
    mode: str | None = Field(None, description="a PLOVER mode of the type (dateline.plover.MODES), None for none")
    cameo: str | None = None
    source: list[Participant] = []
    target: list[Participant] = []
    place: EventPlace | None = None
    date: EventDate | None = None
    trigger: Span
    evidence: Span
    mentions: list[Span] = Field([], description="every trigger reporting this event in the article")
    casualties: list[Casualty] = []
    attribution: Attribution = Attribution()
    factuality: Factuality = "asserted"
    factuality_cue: Span | None = None
    factuality_scope: Span | None = Field(None, description="the words the factuality cue governs")
    confidence: float = 1.0
    reason: list[str] = Field(
        [],
        description="how the event was found, as short machine-readable tags: where its arguments came from, and "
        "the learned detector's reading ('model:TYPE:p', 'model-proposed:TYPE:p', 'model-disagrees:TYPE:p')",
    )
    articles: list[str] = Field([], description="ids of the articles reporting it (merged events)")

    @model_validator(mode="after")
    def _mode_of_type(self) -> Event:
        if not valid_mode(self.type, self.mode):
            raise ValueError(f"{self.mode!r} is not a PLOVER mode of {self.type}")
        return self


class StageError(_Model):
    stage: str
    kind: str = Field(description="machine-readable reason, e.g. 'empty', 'binary', 'too-large', 'not-english'")
    message: str


class Result(_Model):
    """Everything dateline learned from one article: the JSON line `dateline extract` prints."""

    schema_version: str = SCHEMA_VERSION
    article: Article
    actors: list[Actor] = []
    places: list[Place] = []
    times: list[TimeExpr] = []
    quotes: list[Quote] = []
    events: list[Event] = []
    errors: list[StageError] = []


def stable_id(*parts: str | None, length: int = 16) -> str:
    """A short hex digest of the parts: the same input always gives the same id."""
    digest = hashlib.sha256("\x1f".join(p or "" for p in parts).encode("utf-8")).hexdigest()
    return digest[:length]


def json_schema() -> dict:
    """The JSON Schema of one :class:`Result`, as published in ``schema/result.schema.json``."""
    schema = Result.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://dateline.dev/schema/result-{SCHEMA_VERSION}.json"
    return schema
