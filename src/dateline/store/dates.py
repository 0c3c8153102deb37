"""An event's ISO 8601 date value as the columns of an event table: a day, a first and last day, ACLED's precision.

Dates in a result are ISO 8601 values of any precision (``2014-04-18``, ``2014-04``, ``2014``, ``201`` for the
2010s, ``2014-W16``, ``2014-SU``, intervals such as ``2014-03/2014-05`` or ``P2Y/2014-04-18``) and, where the
year is not known, year-less ones (``--04-18``, ``P2Y/--04-18``). A table needs real dates: :func:`date_columns`
gives the day when the value is one day of a known year, the first and last day it covers when it has a year,
and ACLED's time precision (1 a day, 2 a week or a few days, 3 a month or longer); a year-less value gives none
of them (its raw value stays in the table's ``date_value`` column).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

# A season's first month and length in months (northern hemisphere; winter runs into the next year).
_SEASONS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3)}
_DURATION = re.compile(r"P(\d+)([YMWD])")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
_YEAR = re.compile(r"\d{4}")
_DECADE = re.compile(r"\d{3}")
_WEEK_DAYS = 7  # ACLED's precision 2: a week or a few days


@dataclass(frozen=True, slots=True)
class DateColumns:
    """The table columns of one date value (None where the value does not give them)."""

    event_date: date | None = None
    start: date | None = None
    end: date | None = None
    year: int | None = None
    time_precision: int | None = None


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _months(year: int, month: int, n: int) -> tuple[date, date]:
    first = date(year, month, 1)
    return first, _add_months(first, n) - timedelta(days=1)


def _span(value: str) -> tuple[date, date] | None:
    """The first and last day an ISO 8601 date, month, week, season, year or decade covers; None otherwise."""
    if m := _DAY.fullmatch(value):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := _MONTH.fullmatch(value):
        return _months(int(m[1]), int(m[2]), 1)
    if m := _WEEK.fullmatch(value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return monday, monday + timedelta(days=6)
    if m := _SEASON.fullmatch(value):
        return _months(int(m[1]), *_SEASONS[m[2]])
    if _YEAR.fullmatch(value):
        return date(int(value), 1, 1), date(int(value), 12, 31)
    if _DECADE.fullmatch(value):
        return date(int(value) * 10, 1, 1), date(int(value) * 10 + 9, 12, 31)
    return None


def _shift(day: date, duration: re.Match[str], sign: int) -> date:
    n, unit = sign * int(duration[1]), duration[2]
    if unit == "Y":
        return _add_months(day, 12 * n)
    if unit == "M":
        return _add_months(day, n)
    return day + timedelta(days=n * (7 if unit == "W" else 1))


def _interval(value: str) -> tuple[date, date] | None:
    """First and last day of ``A/B``: ISO dates of any precision at each end, or a duration at one end."""
    left, _, right = value.partition("/")
    lo, hi = _span(left), _span(right)
    if lo and hi:
        return lo[0], hi[1]
    if hi and (duration := _DURATION.fullmatch(left)):  # "the past two years": P2Y/2014-04-18
        return _shift(hi[1], duration, -1) + timedelta(days=1), hi[1]
    if lo and (duration := _DURATION.fullmatch(right)):  # "the next three days": 2014-04-18/P3D
        return lo[0], _shift(lo[0], duration, 1) - timedelta(days=1)
    return None


def date_columns(value: str | None) -> DateColumns:
    """The table columns of an event's date value; all None when it has no year or is not ISO 8601."""
    if not value:
        return DateColumns()
    try:
        span = _interval(value) if "/" in value else _span(value)
    except ValueError:  # month 13, week 54, day 31 of a 30-day month: not a date
        return DateColumns()
    if span is None or span[1] < span[0]:
        return DateColumns()
    start, end = span
    days = (end - start).days + 1
    precision = 1 if days == 1 else 2 if days <= _WEEK_DAYS else 3
    return DateColumns(
        event_date=start if days == 1 else None,
        start=start,
        end=end,
        year=start.year if start.year == end.year else None,
        time_precision=precision,
    )
