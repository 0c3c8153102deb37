"""What a relative expression says when the anchor has a month and day but no year (a dateline "Apr 18")."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..model import Granularity
from ._calendar import month_of, number_of
from ._candidate import PARTIAL_CONFIDENCE, Candidate
from ._lexicon import UNIT_LETTER


def resolve_partial(kind: str, m: re.Match[str], month_day: tuple[int, int]) -> Candidate | None:
    """What a relative expression says when only the anchor's month and day are known ("Apr 18" with no year).

    Day shifts are kept when they do not depend on the year (leap days), months always; years and weeks never.
    Durations become an ISO 8601 duration/end interval ("the past two years" -> "P2Y/--04-18").
    """
    mon, dom = month_day
    end = f"--{mon:02d}-{dom:02d}"

    def partial(value: str, gran: Granularity) -> Candidate:
        return Candidate(0, 0, value, gran, "dateline", PARTIAL_CONFIDENCE, kind)

    def shift_days(days: int) -> str | None:
        if (mon, dom) == (2, 29):
            return None
        leap, common = (date(year, mon, dom) + timedelta(days=days) for year in (2000, 2001))
        if (leap.month, leap.day) != (common.month, common.day):
            return None  # the shift crosses a February whose length the missing year decides
        return f"--{leap.month:02d}-{leap.day:02d}"

    def shift_months(months: int) -> str:
        return f"--{(mon - 1 + months) % 12 + 1:02d}"

    if kind == "ago":
        n, unit = number_of(m["n"]), m["unit"].lower()
        if n is None:
            return None
        if unit == "day":
            value = shift_days(-n)
            return partial(value, "day") if value else None
        return partial(shift_months(-n), "month") if unit == "month" else None
    if kind == "deictic":
        word = m["word"].lower()
        value = shift_days({"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0))
        return partial(value, "day") if value else None
    if kind == "past_n":
        n, unit = number_of(m["n"]), m["unit"].lower()
        if n is None:
            return None
        if m["dir"].lower() == "previous" or (m["n"] is None and m[0][-1] in "sS"):
            return None
        duration = f"P{10 * n}Y" if unit == "decade" else f"P{n}{UNIT_LETTER[unit]}"
        forward = m["dir"].lower() in {"next", "coming"}
        return partial(f"{end}/{duration}" if forward else f"{duration}/{end}", "interval")
    if kind in ("rel_unit", "this_unit"):
        unit = m["unit"].lower()
        word = (m["rel"] if kind == "rel_unit" else m["which"]).lower()
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}[word]
        return partial(shift_months(step), "month") if unit == "month" else None
    if kind == "month":
        return partial(f"--{month_of(m['month']):02d}", "month")
    return None
