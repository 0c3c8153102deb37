"""Calendar arithmetic: month and number words, month shifts, ISO weeks, holidays and the occurrence of a yearly
day that a text means.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

from ..lexicon import MONTH_NUMBERS as _MONTHS
from ._candidate import Tense
from ._lexicon import NUMBER_WORDS, SEASON_START


def month_of(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def number_of(word: str | None) -> int | None:
    if word is None:
        return 1
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def iso_week(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


SLACK = timedelta(days=1)  # a past event may carry the next day's date (time zones, a late publication stamp)


def nearest_day(day_in: Callable[[int], date | None], a: date, tense: Tense, which: str = "") -> date | None:
    """The occurrence of a yearly day (``day_in(year)``) that the text means, seen from the anchor day.

    "last"/"next" and a past or future tense pick the occurrence before or after the anchor; with no tense the
    anchor year's one is kept unless it lies more than a month ahead (then last year's).
    """
    days = [d for d in (day_in(y) for y in range(a.year - 1, a.year + 2)) if d is not None]
    if which == "last":
        before = [d for d in days if d < a]
        return before[-1] if before else None
    if which == "next" or (tense == "future" and which != "this"):
        after = [d for d in days if d > a or (d == a and which != "next")]
        return after[0] if after else None
    if which == "this":
        return next((d for d in days if d.year == a.year), None)
    if tense == "past":
        before = [d for d in days if d <= a + SLACK]
        return before[-1] if before else None
    this_year = next((d for d in days if d.year == a.year), None)
    if this_year is not None and (this_year - a).days <= 31:
        return this_year
    before = [d for d in days if d < a]
    return before[-1] if before else None


def _easter(year: int) -> date:
    """Western Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_day(name: str, year: int) -> date:
    """The day of a named holiday in a year (Western churches' dates)."""
    key = " ".join(name.lower().replace("’", "'").split())
    if key.startswith("new year"):
        return date(year, 12, 31) if key.endswith("eve") else date(year, 1, 1)
    if key.startswith("christmas"):
        return date(year, 12, 24) if key.endswith("eve") else date(year, 12, 25)
    if key == "boxing day":
        return date(year, 12, 26)
    offset = {"good friday": -2, "easter monday": 1}.get(key, 0)
    return _easter(year) + timedelta(days=offset)


def bare_holiday(name: str) -> bool:
    """ "Christmas", "Easter", "New Year's": names that also modify nouns ("Christmas market"), not "Christmas Eve"."""
    return len(name.split()) == 1 or (name.startswith("New") and not name.endswith(("Day", "Eve")))


def season_value(a: date, code: str, word: str, future: bool) -> str:
    """ "last summer" / "this winter" / "next spring" against the anchor day, as YYYY-SS (winter by its start)."""

    def bounds(year: int) -> tuple[date, date]:
        start = date(year, SEASON_START[code], 1)
        return start, add_months(start, 3) - timedelta(days=1)

    years = range(a.year - 2, a.year + 2)
    if word == "next" or (word == "this" and future):
        year = next(y for y in years if bounds(y)[0] > a)
    elif word in ("last", "past"):
        year = max(y for y in years if bounds(y)[1] < a)
    else:  # "this summer": the season of this year, the current winter in January
        year = a.year - 1 if code == "WI" and a.month <= 2 else a.year
    return f"{year}-{code}"
