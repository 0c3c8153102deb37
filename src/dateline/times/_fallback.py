"""spaCy DATE/TIME entities the patterns missed, read by ``dateparser`` (imported lazily, answers cached)."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from ..model import Granularity
from ._calendar import iso_week
from ._candidate import Anchor, Candidate


def fallback(ent_text: str, anchor: Anchor) -> Candidate:
    """A spaCy DATE/TIME entity the regexes missed: ask dateparser, keeping only what is safe."""
    anchor_iso = anchor.day.isoformat() if anchor.day is not None else None
    value, granularity, absolute = _dateparse(ent_text, anchor_iso)
    if value is None:
        return Candidate(0, 0, None, "unknown", "none", 0.3, "fallback")
    if absolute:
        return Candidate(0, 0, value, granularity, "absolute", 0.7, "fallback")
    if anchor.day is None:
        return Candidate(0, 0, None, granularity, "none", 0.3, "fallback")
    return Candidate(0, 0, value, granularity, anchor.kind, 0.6, "fallback")


def _dateparse(ent_text: str, anchor_iso: str | None) -> tuple[str | None, Granularity, bool]:
    """(value, granularity, absolute) from dateparser; absolute when two unrelated bases agree.

    The parses against the two fixed bases do not depend on the article and are cached by text alone; only a
    relative expression is parsed once more against the article's anchor (cached by text and anchor).
    """
    fixed = _dateparser_fixed(ent_text)
    if fixed is None:
        return None, "unknown", False
    period, first, second = fixed
    granularity: Granularity = {"week": "week", "month": "month", "year": "year"}.get(period, "day")  # type: ignore[assignment]
    if first == second:
        return first, granularity, True
    if anchor_iso is None:
        return first, granularity, False
    value = _dateparser_anchored(ent_text, anchor_iso, period)
    if value is None:
        return None, "unknown", False
    return value, granularity, False


@lru_cache(maxsize=4096)
def _dateparser_fixed(ent_text: str) -> tuple[str, str, str] | None:
    """(period, value against one fixed base, value against another), or None when dateparser cannot read it."""
    period = _date_data_parser().get_date_data(ent_text).period or "day"
    values = []
    for base in (datetime(2001, 3, 7), datetime(1987, 11, 23)):
        parsed = _parse_with_base(ent_text, base)
        if parsed is None:
            return None
        values.append(_format(parsed, period))
    return period, values[0], values[1]


@lru_cache(maxsize=4096)
def _dateparser_anchored(ent_text: str, anchor_iso: str, period: str) -> str | None:
    parsed = _parse_with_base(ent_text, datetime.fromisoformat(anchor_iso))
    return None if parsed is None else _format(parsed, period)


@lru_cache(maxsize=1)
def _date_data_parser():
    from dateparser.date import DateDataParser  # slow import: only when a fallback is needed

    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past", "STRICT_PARSING": False})


def _parse_with_base(ent_text: str, base: datetime) -> datetime | None:
    import dateparser

    return dateparser.parse(ent_text, languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})


def _format(value: datetime, period: str) -> str:
    if period == "year":
        return f"{value.year:04d}"
    if period == "month":
        return f"{value.year:04d}-{value.month:02d}"
    if period == "week":
        return iso_week(value.date())
    return value.date().isoformat()
