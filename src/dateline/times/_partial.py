"""What a relative expression says when the anchor has a month and day but no year (a dateline "Apr 18").

Day shifts are kept when they do not depend on the year (leap days), months always; years and weeks never.
Durations become an ISO 8601 duration/end interval ("the past two years" -> "P2Y/--04-18"). As in ``_resolve``,
a table gives the resolver of each kind; a kind missing there (or a resolver answering None) is left to the
ordinary resolver.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import Granularity
from ._calendar import month_of, number_of
from ._candidate import PARTIAL_CONFIDENCE, Candidate
from ._lexicon import UNIT_LETTER

PartialResolver = Callable[[re.Match[str], "_MonthDay"], Candidate | None]


@dataclass(frozen=True, slots=True)
class _MonthDay:
    """The anchor's month and day (no year), and the kind of expression being resolved against them."""

    kind: str
    mon: int
    dom: int

    @property
    def end(self) -> str:
        """The anchor as a year-less ISO day, "--04-18"."""
        return f"--{self.mon:02d}-{self.dom:02d}"

    def partial(self, value: str, gran: Granularity) -> Candidate:
        return Candidate(0, 0, value, gran, "dateline", PARTIAL_CONFIDENCE, self.kind)

    def shift_days(self, days: int) -> str | None:
        """The year-less day ``days`` after the anchor; None when the year would decide it."""
        mon, dom = self.mon, self.dom
        if (mon, dom) == (2, 29):
            return None
        leap, common = (date(year, mon, dom) + timedelta(days=days) for year in (2000, 2001))
        if (leap.month, leap.day) != (common.month, common.day):
            return None  # the shift crosses a February whose length the missing year decides
        return f"--{leap.month:02d}-{leap.day:02d}"

    def shift_months(self, months: int) -> str:
        """The year-less month ``months`` after the anchor's."""
        return f"--{(self.mon - 1 + months) % 12 + 1:02d}"


def resolve_partial(kind: str, m: re.Match[str], month_day: tuple[int, int]) -> Candidate | None:
    """What a relative expression says when only the anchor's month and day are known ("Apr 18" with no year)."""
    resolver = PARTIAL_RESOLVERS.get(kind)
    return None if resolver is None else resolver(m, _MonthDay(kind, *month_day))


def _ago(m: re.Match[str], md: _MonthDay) -> Candidate | None:
    """ "two days ago" -> "--04-16", "three months ago" -> "--01"."""
    n, unit = number_of(m["n"]), m["unit"].lower()
    if n is None:
        return None
    if unit == "day":
        value = md.shift_days(-n)
        return md.partial(value, "day") if value else None
    return md.partial(md.shift_months(-n), "month") if unit == "month" else None


def _deictic(m: re.Match[str], md: _MonthDay) -> Candidate | None:
    """ "yesterday" -> "--04-17"."""
    word = m["word"].lower()
    value = md.shift_days({"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0))
    return md.partial(value, "day") if value else None


def _past_n(m: re.Match[str], md: _MonthDay) -> Candidate | None:
    """ "the past two years" -> "P2Y/--04-18", "the next three days" -> "--04-18/P3D"."""
    n, unit = number_of(m["n"]), m["unit"].lower()
    if n is None:
        return None
    if m["dir"].lower() == "previous" or (m["n"] is None and m[0][-1] in "sS"):
        return None
    duration = f"P{10 * n}Y" if unit == "decade" else f"P{n}{UNIT_LETTER[unit]}"
    forward = m["dir"].lower() in {"next", "coming"}
    return md.partial(f"{md.end}/{duration}" if forward else f"{duration}/{md.end}", "interval")


def _rel_unit(m: re.Match[str], md: _MonthDay) -> Candidate | None:
    """ "last month" -> "--03", "earlier this month" -> "--04"; a week or year is not known without the year."""
    unit = m["unit"].lower()
    word = (m["rel"] if md.kind == "rel_unit" else m["which"]).lower()
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}[word]
    return md.partial(md.shift_months(step), "month") if unit == "month" else None


def _month(m: re.Match[str], md: _MonthDay) -> Candidate | None:
    """ "in March" -> "--03"."""
    return md.partial(f"--{month_of(m['month']):02d}", "month")


PARTIAL_RESOLVERS: dict[str, PartialResolver] = {
    "ago": _ago,
    "deictic": _deictic,
    "past_n": _past_n,
    "rel_unit": _rel_unit,
    "this_unit": _rel_unit,
    "month": _month,
}
