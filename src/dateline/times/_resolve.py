"""Resolving one pattern match into a value: a table of resolvers, one small function per kind of expression."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import Granularity
from ._calendar import (
    SLACK,
    add_months,
    bare_holiday,
    holiday_day,
    iso_week,
    month_of,
    nearest_day,
    number_of,
    season_value,
)
from ._candidate import Anchor, AnchorKind, Candidate, Tense
from ._lexicon import ORDINAL_PART, SEASONS, WEEKDAYS
from ._partial import resolve_partial

Resolver = Callable[[re.Match[str], "_Context"], Candidate | None]


@dataclass(frozen=True, slots=True)
class _Context:
    """What a resolver knows besides its match: the kind, the anchor, the clause's tense, the numeric date order.

    ``tense`` is that of the clause the expression attaches to; ``convention`` the article's order of numeric dates.
    """

    kind: str
    anchor: Anchor
    tense: Tense
    convention: str | None

    @property
    def day(self) -> date | None:
        """The anchor day, if there is one."""
        return self.anchor.day

    @property
    def future(self) -> bool:
        return self.tense == "future"

    @property
    def past(self) -> bool:
        return self.tense == "past"

    def unresolved(self, gran: Granularity, conf: float = 0.4) -> Candidate:
        """A time the text says but that cannot be given a value."""
        return Candidate(0, 0, None, gran, "none", conf, self.kind)

    def rel(self, value: str, gran: Granularity, conf: float = 0.85) -> Candidate:
        """A value computed from the anchor day."""
        rel_anchor: AnchorKind = self.anchor.kind if self.anchor.day is not None else "none"
        return Candidate(0, 0, value, gran, rel_anchor, conf, self.kind)

    def absolute(self, value: str, gran: Granularity, conf: float = 0.95) -> Candidate:
        """A value the text gives in full."""
        return Candidate(0, 0, value, gran, "absolute", conf, self.kind)


def resolve(
    kind: str, m: re.Match[str], anchor: Anchor, tense: Tense, convention: str | None = None
) -> Candidate | None:
    """Turn one regex match into a candidate (offsets filled by the caller); None to drop it.

    ``tense`` is that of the clause the expression attaches to; ``convention`` the article's order of numeric dates.
    With an anchor that has a month and day but no year, what can be said without the year comes first; then the
    resolver of the kind (a kind without one is dropped).
    """
    if kind != "numeric" and anchor.day is None and anchor.month_day is not None:
        partial = resolve_partial(kind, m, anchor.month_day)
        if partial is not None:
            return partial
    resolver = RESOLVERS.get(kind)
    return None if resolver is None else resolver(m, _Context(kind, anchor, tense, convention))


def _full_date(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "2017-04-18", "April 18, 2017", "18 April 2017"."""
    month = int(m["mon"]) if ctx.kind == "iso" else month_of(m["month"])
    try:
        day = date(int(m["year"]), month, int(m["day"]))
    except ValueError:
        return None
    return ctx.absolute(day.isoformat(), "day")


def _month_day(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "April 18", "18 April": that day in the year near the anchor that the tense points to."""
    a, future, past = ctx.day, ctx.future, ctx.past
    month, dom = month_of(m["month"]), int(m["day"])
    if dom > calendar.monthrange(2000, month)[1]:
        return None
    if a is None:
        return Candidate(0, 0, f"--{month:02d}-{dom:02d}", "day", "none", 0.6, ctx.kind)
    year = a.year
    if not future and (month, dom) > (a.month, a.day) and (date(year, month, 1) - a).days > 31:
        year -= 1  # "April 18" in a story from January is last April
    if past and year == a.year and (month, dom) > ((a + SLACK).month, (a + SLACK).day):
        year -= 1  # "the vote took place on May 3" in a story of April 18: last May
    if future and (month, dom) < (a.month, a.day):
        year += 1
    try:
        return ctx.rel(date(year, month, dom).isoformat(), "day")
    except ValueError:
        return None


def _year_range(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "2011-2013", "2015-16": a span of years, the second later and not far."""
    y1, y2 = int(m["year"]), m["y2"]
    end = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
    return ctx.absolute(f"{y1:04d}/{end:04d}", "interval", 0.85) if 0 < end - y1 <= 30 else None


def _lunar(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "during Ramadan": the day moves with a lunar calendar: said, not computed."""
    return ctx.unresolved("unknown", 0.3)


def _month_year(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "April 2017"."""
    return ctx.absolute(f"{int(m['year']):04d}-{month_of(m['month']):02d}", "month")


def _season_year(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "summer 2014"."""
    return ctx.absolute(f"{m['year']}-{SEASONS[m['season'].lower()]}", "season")


def _decade(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "the 1990s"."""
    return ctx.absolute(m["decade"], "decade", 0.9)


def _year(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "in 2014"."""
    return ctx.absolute(m["year"], "year", 0.9)


def _month(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "in March", "last March", "since March": the month's occurrence that the word and the tense point to."""
    a, future = ctx.day, ctx.future
    month, word = month_of(m["month"]), m["rel"].lower()
    if a is None:
        return ctx.unresolved("month")
    year = a.year
    if word == "next" or (future and word not in {"last", "since"}):
        year = a.year + (month <= a.month)
    elif word == "last":
        year = a.year - 1 if month >= a.month else a.year
    elif month > a.month:
        year -= 1
    return ctx.rel(f"{year:04d}-{month:02d}", "month", 0.75)


def _rel_unit(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "last week", "next month", "this year"."""
    a = ctx.day
    word, unit = m["rel"].lower(), m["unit"].lower()
    if a is None:
        return ctx.unresolved("week" if unit.startswith("week") else unit)  # type: ignore[arg-type]
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}[word]
    return _unit_value(a, unit, step, ctx.rel)


def _this_unit(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "earlier this month", "later next year"."""
    a = ctx.day
    unit, which = m["unit"].lower(), m["which"].lower()
    if a is None:
        return ctx.unresolved(unit)  # type: ignore[arg-type]
    step = {"this": 0, "last": -1, "next": 1}[which]
    return _unit_value(a, unit, step, ctx.rel)


def _ago(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "three years ago", "a week ago"."""
    a, rel = ctx.day, ctx.rel
    n, unit = number_of(m["n"]), m["unit"].lower()
    gran: Granularity = unit  # type: ignore[assignment]
    if n is None or a is None:
        return ctx.unresolved(gran)
    if unit == "day":
        return rel((a - timedelta(days=n)).isoformat(), "day")
    if unit == "week":
        return rel(iso_week(a - timedelta(weeks=n)), "week")
    if unit == "month":
        return rel(add_months(a, -n).isoformat()[:7], "month")
    if unit == "year":
        return rel(f"{a.year - n:04d}", "year")
    return rel(f"{a.year - 10 * n:04d}", "year", 0.6)  # "a decade ago": about that year


def _past_n(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "the past two years", "the next three months": an interval ending or starting at the anchor."""
    a, past = ctx.day, ctx.past
    n, unit, direction = number_of(m["n"]), m["unit"].lower(), m["dir"].lower()
    if direction == "previous" or (direction == "next" and past) or (m["n"] is None and m[0][-1] in "sS"):
        # "the previous week", "the next day, police arrested": counted from the narrated time, not the
        # anchor; "the coming days": no length
        return ctx.unresolved("interval", 0.3)
    if n is None or a is None:
        return ctx.unresolved("interval", 0.4 if a is None else 0.5)
    forward = m["dir"].lower() in {"next", "coming"}
    months = {"month": n, "year": 12 * n, "decade": 120 * n}.get(unit)
    sign = 1 if forward else -1
    days = sign * n * (7 if unit == "week" else 1)
    other = add_months(a, sign * months) if months else a + timedelta(days=days)
    lo, hi = (a, other) if forward else (other, a)
    return ctx.rel(f"{lo.isoformat()}/{hi.isoformat()}", "interval")


def _weekday(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "on Monday", "last Friday", "next Tuesday": the weekday before or after the anchor that the tense means."""
    a, future, past = ctx.day, ctx.future, ctx.past
    target = WEEKDAYS.index(m["weekday"].lower())
    word = (m["rel"] or "").lower()
    if a is None:
        return ctx.unresolved("day")
    back = (a.weekday() - target) % 7
    ahead = (target - a.weekday()) % 7
    if word == "next" or (future and word != "last") or (word == "this" and not past):
        delta = ahead or 7 if word == "next" else ahead  # "this Tuesday" is the coming one unless told otherwise
    else:
        delta = -(back or 7) if word == "last" else -back
    return ctx.rel((a + timedelta(days=delta)).isoformat(), "day", 0.8)


def _deictic(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "today", "yesterday", "last night", "this morning"."""
    a = ctx.day
    word = m["word"].lower()
    if a is None:
        return ctx.unresolved("day")
    delta = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    return ctx.rel((a + timedelta(days=delta)).isoformat(), "day", 0.9)


def _weekend(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "last weekend", "this weekend": the Saturday and Sunday the word and the tense point to."""
    a, future = ctx.day, ctx.future
    if a is None:
        return ctx.unresolved("interval")
    word = "last" if "past" in m["rel"].lower() else m["rel"].lower()  # "this past weekend"
    if word == "next" or (future and word != "last"):
        sat = a + timedelta(days=(5 - a.weekday()) % 7 or (7 if word == "next" else 0))
    else:
        sat = a - timedelta(days=(a.weekday() - 5) % 7)
        if word == "last" and a.weekday() >= 5:
            sat -= timedelta(days=7)
    return ctx.rel(f"{sat.isoformat()}/{(sat + timedelta(days=1)).isoformat()}", "interval", 0.75)


def _rel_season(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "last summer", "next spring"."""
    a = ctx.day
    code = SEASONS[m["season"].lower()]
    if a is None:
        return ctx.unresolved("season")
    return ctx.rel(season_value(a, code, m["rel"].lower(), ctx.future), "season", 0.7)


def _back_ref(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "at the time": given the value of an earlier time later (see ``_join.resolve_back_refs``)."""
    return ctx.unresolved("unknown", 0.2)


def _day_ref(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "that day", "the same day", "the next day", "the day before": the day the narration is at, or one step
    from it; given a value later (see ``_join.resolve_back_refs``)."""
    return ctx.unresolved("day", 0.2)


def _recent(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "in recent weeks": said, with no edge to compute."""
    return ctx.unresolved("unknown", 0.3)


def _numeric(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "25/03/2016", "3/25/16"."""
    return _resolve_numeric(m, ctx.convention, ctx.anchor, ctx.tense)


def _holiday(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "on Christmas Eve", "New Year's Day 2020", "last Easter": the holiday's day in the year the text means."""
    a, tense, rel, absolute, unresolved = ctx.day, ctx.tense, ctx.rel, ctx.absolute, ctx.unresolved
    name, which = m["holiday"], (m["hrel"] or "").lower()
    conf = 0.8 if bare_holiday(name) else 0.9  # "Christmas" may be the season, "Christmas Day" is the day
    if m["year"]:
        return absolute(holiday_day(name, int(m["year"])).isoformat(), "day", conf)
    if a is None:
        if name.lower().startswith(("easter", "good")):
            return unresolved("day")
        fixed = holiday_day(name, 2001)
        return Candidate(0, 0, f"--{fixed.month:02d}-{fixed.day:02d}", "day", "none", 0.6, "holiday")
    day = nearest_day(lambda y: holiday_day(name, y), a, tense, which)
    return rel(day.isoformat(), "day", conf - 0.05) if day else unresolved("day")


def _month_range(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "between January and March", "from March to May 2016": an interval of months.

    Without a year, the months are those of the anchor's year, or of the year before when they lie ahead of a
    past or present anchor ("between October and December" said in April is last year's); a future tense moves
    them to the next occurrence.
    """
    a, tense, rel, absolute, unresolved = ctx.day, ctx.tense, ctx.rel, ctx.absolute, ctx.unresolved
    m1, m2 = month_of(m["month"]), month_of(m["month2"])
    y1 = int(m["year"]) if m["year"] else None
    y2 = int(m["year2"]) if m["year2"] else None
    if y1 is None and y2 is not None:
        y1 = y2 if m1 <= m2 else y2 - 1
    if y2 is None and y1 is not None:
        y2 = y1 if m2 >= m1 else y1 + 1
    if y1 is not None and y2 is not None:
        if (y2, m2) < (y1, m1):
            return None
        return absolute(f"{y1:04d}-{m1:02d}/{y2:04d}-{m2:02d}", "interval", 0.9)
    if a is None:
        return unresolved("interval")
    if tense == "future":
        y1 = a.year if m1 >= a.month or (m1 <= a.month <= m2) else a.year + 1
    else:
        y1 = a.year - 1 if m1 > a.month else a.year
    y2 = y1 if m2 >= m1 else y1 + 1
    return rel(f"{y1:04d}-{m1:02d}/{y2:04d}-{m2:02d}", "interval", 0.75)


def _quarter(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "the first quarter of 2016", "Q3 2019", "the second half of last year": an interval of months."""
    a, rel, absolute, unresolved = ctx.day, ctx.rel, ctx.absolute, ctx.unresolved
    part = m["part"].lower()
    size = 3 if part in ("quarter", "q") else 6
    index = int(m["ord"]) if m["ord"].isdigit() else ORDINAL_PART[m["ord"].lower()]
    if index == -1:
        index = 12 // size
    if index > 12 // size:
        return None  # "the third half"
    first, last = (index - 1) * size + 1, index * size
    if m["year"]:
        year = int(m["year"])
        return absolute(f"{year:04d}-{first:02d}/{year:04d}-{last:02d}", "interval", 0.9)
    if a is None:
        return unresolved("interval")
    year = a.year + {"this": 0, "the": 0, "last": -1, "next": 1}[m["qrel"].lower()]
    return rel(f"{year:04d}-{first:02d}/{year:04d}-{last:02d}", "interval", 0.75)


def _ordinal_day(m: re.Match[str], ctx: _Context) -> Candidate | None:
    """ "on the 12th": that day of the anchor's month, or of the month before when it lies ahead of a past tense."""
    a, tense, rel, unresolved = ctx.day, ctx.tense, ctx.rel, ctx.unresolved
    dom = int(m["day"])
    if not 1 <= dom <= 31:
        return None
    if a is None:
        return unresolved("day")
    ofm = (m["ofm"] or "").lower()
    if ofm:
        base = add_months(a.replace(day=1), {"this": 0, "last": -1, "next": 1}[ofm])
        candidates = [base]
    else:
        candidates = [add_months(a.replace(day=1), k) for k in (-1, 0, 1)]

    def day_in(first: date) -> date | None:
        return first.replace(day=dom) if dom <= calendar.monthrange(first.year, first.month)[1] else None

    days = [d for d in map(day_in, candidates) if d is not None]
    if not days:
        return None
    if ofm:
        day = days[0]
    elif tense == "future":
        day = next((d for d in days if d >= a), None)
    elif tense == "past":
        day = next((d for d in reversed(days) if d <= a + SLACK), None)
    else:  # the anchor's month when the day has come, else the nearest of the month before and this one
        this = day_in(a.replace(day=1))
        day = this if this is not None and this <= a else min(days, key=lambda d: abs((d - a).days))
    return rel(day.isoformat(), "day", 0.7) if day else unresolved("day")


def _resolve_numeric(m: re.Match[str], convention: str | None, anchor: Anchor, tense: Tense) -> Candidate | None:
    """ "25/03/2016", "3/25/16", "03.05.2016": a day, read in the only possible order, else in the article's.

    A dotted date is day-first (month-first writing never uses dots). An ambiguous one with no convention is kept
    without a value rather than guessed, unless a past tense rules out the reading that lies after the anchor.
    """
    p1, p2, sep, ny = int(m["p1"]), int(m["p2"]), m["sep"], m["ny"]
    if sep == "." and len(ny) == 2:
        return None  # "3.5.16": a version number as likely as a date
    year = int(ny) if len(ny) == 4 else 2000 + int(ny)
    if len(ny) == 2 and anchor.day is not None and year > anchor.day.year + 1:
        year -= 100

    def read(day: int, month: int) -> date | None:
        try:
            return date(year, month, day)
        except ValueError:
            return None

    dmy, mdy = read(p1, p2), read(p2, p1)
    if sep == ".":
        mdy = None
    if dmy is None and mdy is None:
        return None
    readings = {d for d in (dmy, mdy) if d is not None}
    if len(readings) == 2 and convention is not None:
        readings = {dmy if convention == "dmy" else mdy}
    if len(readings) == 2 and tense == "past" and anchor.day is not None:
        readings = {d for d in readings if d <= anchor.day + SLACK} or readings
    if len(readings) == 2:
        return Candidate(0, 0, None, "day", "none", 0.3, "numeric")
    return Candidate(0, 0, readings.pop().isoformat(), "day", "absolute", 0.85, "numeric")


def _unit_value(a: date, unit: str, step: int, rel) -> Candidate:
    if unit.startswith("week"):
        return rel(iso_week(a + timedelta(weeks=step)), "week")
    if unit == "month":
        return rel(add_months(a, step).isoformat()[:7], "month")
    return rel(f"{a.year + step:04d}", "year")


# The resolver of each kind of pattern (``_patterns.PATTERNS``); a kind missing here is dropped.
RESOLVERS: dict[str, Resolver] = {
    "iso": _full_date,
    "mdy": _full_date,
    "dmy": _full_date,
    "md": _month_day,
    "dm": _month_day,
    "month_range": _month_range,
    "year_range": _year_range,
    "quarter": _quarter,
    "q_year": _quarter,
    "ordinal_day": _ordinal_day,
    "holiday": _holiday,
    "lunar": _lunar,
    "my": _month_year,
    "season_year": _season_year,
    "decade": _decade,
    "year": _year,
    "month": _month,
    "rel_unit": _rel_unit,
    "this_unit": _this_unit,
    "ago": _ago,
    "past_n": _past_n,
    "weekday": _weekday,
    "deictic": _deictic,
    "weekend": _weekend,
    "rel_season": _rel_season,
    "back_ref": _back_ref,
    "day_ref": _day_ref,
    "recent": _recent,
    "numeric": _numeric,
}
