"""The candidate a pattern match becomes, and the anchor (reference day) it is resolved against."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from ..model import Granularity, Span

if TYPE_CHECKING:
    from ..document import Document


AnchorKind = Literal["published", "dateline", "absolute", "none"]
Tense = Literal["past", "future", ""]
PARTIAL_CONFIDENCE = 0.35  # derived from a dateline without a year: the year is not known


@dataclass(frozen=True, slots=True)
class Anchor:
    """The reference day relative expressions are resolved against, and where it comes from."""

    day: date | None
    kind: AnchorKind  # "published", "dateline" or "none"
    # (month, day) of a dateline without a year ("Apr 18, Baghdad:"): what can be derived is kept, year-less
    month_day: tuple[int, int] | None = None


@dataclass(slots=True)
class Candidate:
    """A time expression found in the text: its offsets, value, granularity, anchor, confidence and pattern kind."""

    start: int
    end: int
    value: str | None
    granularity: Granularity
    anchor: AnchorKind
    confidence: float
    kind: str = ""


def anchor_of(doc: Document) -> Anchor:
    """The reference date: publication date, else a full dateline date; none otherwise."""
    article = doc.article
    published = parse_iso_day(article.published)
    if published is not None:
        kind: AnchorKind = "dateline" if article.published_basis == "dateline" else "published"
        return Anchor(published, kind)
    if article.dateline is not None:
        from_dateline = parse_iso_day(article.dateline.date_value)
        if from_dateline is not None:
            return Anchor(from_dateline, "dateline")
        m = re.fullmatch(r"--(\d{2})-(\d{2})", article.dateline.date_value or "")
        if m and 1 <= int(m[1]) <= 12 and 1 <= int(m[2]) <= calendar.monthrange(2000, int(m[1]))[1]:
            return Anchor(None, "none", (int(m[1]), int(m[2])))
    return Anchor(None, "none")


def parse_iso_day(value: str | None) -> date | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def dateline_candidate(doc: Document, span: Span) -> Candidate:
    """The dateline's own date: agree with what ingest parsed into ``date_value``."""
    value = doc.article.dateline.date_value if doc.article.dateline else None
    has_year = bool(re.search(r"\b\d{4}\b", span.text))
    if value is None:
        granularity: Granularity = "unknown"
        anchor: AnchorKind = "none"
    else:
        granularity = "day" if re.fullmatch(r"(\d{4}|-)-\d{2}-\d{2}", value) else "unknown"
        if has_year:
            anchor = "absolute"
        elif value.startswith("--"):
            anchor = "none"
        else:
            anchor = "dateline" if doc.article.published_basis == "dateline" else "published"
    return Candidate(span.start, span.end, value, granularity, anchor, 0.9 if value else 0.3, "dateline")
