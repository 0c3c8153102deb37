"""Joining neighbouring candidates: "the evening of April 16", "Sunday, March 3", "March last year",
"between 2012 and 2014", "since 2014", and "at the time" given the value of an earlier time.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import timedelta
from typing import TYPE_CHECKING

from ._candidate import PARTIAL_CONFIDENCE, Anchor, Candidate, parse_iso_day
from ._lexicon import (
    DAYPART_OF,
    RANGE,
    RANGE_START,
    SINCE,
    WEEKDAY_DATE_GAP,
    WEEKDAYS,
    YEAR_SUFFIX,
    YEAR_SUFFIX_GAP,
    YEAR_SUFFIX_STEP,
)

if TYPE_CHECKING:
    from ..document import Document


def apply_dayparts(text: str, found: list[Candidate]) -> None:
    """Join "the early hours of Sunday" / "the evening of April 16" into the day they name."""
    i = 0
    while i + 1 < len(found):
        a, b = found[i], found[i + 1]
        if (
            a.value is None
            and b.value is not None
            and b.granularity == "day"
            and text[a.end : b.start].strip().lower() == "of"
            and DAYPART_OF.match(text[a.start : a.end])
        ):
            b.start, b.confidence = a.start, b.confidence * 0.95
            del found[i]
            continue
        i += 1


def apply_weekday_dates(text: str, found: list[Candidate], anchor: Anchor) -> None:
    """Join "Sunday, March 3" into one day; without a year, the year near the anchor whose March 3 is a Sunday."""
    i = 0
    while i + 1 < len(found):
        a, b = found[i], found[i + 1]
        name = text[a.start : a.end].split()[0].lower() if a.kind == "weekday" else ""
        if (
            name not in WEEKDAYS
            or b.kind not in ("md", "dm", "mdy", "dmy")
            or not WEEKDAY_DATE_GAP.match(text[a.end : b.start])
        ):
            i += 1
            continue
        day = parse_iso_day(b.value)
        if b.kind in ("md", "dm") and day is not None and anchor.day is not None:
            years = sorted(range(anchor.day.year - 1, anchor.day.year + 2), key=lambda y: abs(y - day.year))
            for year in years:
                try:
                    moved = day.replace(year=year)
                except ValueError:
                    continue
                if moved.weekday() == WEEKDAYS.index(name):
                    b.value = moved.isoformat()
                    break
        if day is not None and parse_iso_day(b.value).weekday() == WEEKDAYS.index(name):
            b.confidence = min(1.0, b.confidence + 0.05)  # the weekday confirms the date
        b.start = a.start
        del found[i]


def apply_year_suffix(text: str, found: list[Candidate], anchor: Anchor) -> None:
    """Give "March last year", "June of this year", "between March and May last year" the year the suffix names."""
    i = 0
    while i + 1 < len(found):
        a, b = found[i], found[i + 1]
        suffix = YEAR_SUFFIX.match(text[b.start : b.end])
        if (
            suffix is None
            or a.kind not in ("month", "md", "dm", "month_range", "ordinal_day")
            or not YEAR_SUFFIX_GAP.match(text[a.end : b.start])
        ):
            i += 1
            continue
        if anchor.day is None or a.value is None or a.value.startswith("--"):
            a.value, a.anchor = None, "none"
        else:
            year = anchor.day.year + YEAR_SUFFIX_STEP[suffix["rel"].lower()]
            a.value = _with_year(a.value, year)
            a.anchor = anchor.kind if a.value else "none"
        a.end, a.confidence = b.end, min(a.confidence, b.confidence)
        del found[i + 1]
        i += 1


def _with_year(value: str, year: int) -> str | None:
    """``value`` (YYYY-MM, YYYY-MM-DD or an interval of them) moved so that it ends in ``year``; None if invalid."""
    parts = value.split("/")
    shift = year - int(parts[-1][:4])
    out = []
    for part in parts:
        moved = f"{int(part[:4]) + shift:04d}{part[4:]}"
        if len(moved) == 10 and parse_iso_day(moved) is None:
            return None  # February 29 of a common year
        out.append(moved)
    return "/".join(out)


def apply_ranges(text: str, found: list[Candidate]) -> None:
    """Join "between 2012 and 2014" / "from March to May 2016" into one interval candidate (absolute values)."""
    i = 0
    while i + 1 < len(found):
        a, b = found[i], found[i + 1]
        lead = RANGE_START.search(text, max(0, a.start - 9), a.start)
        if (
            lead is not None
            and a.value
            and b.value
            and "/" not in a.value + b.value
            and not a.value.startswith("--")
            and a.anchor == b.anchor == "absolute"
            and RANGE.match(text[a.end : b.start])
            and (lead.group(0).lower().startswith("between") == (text[a.end : b.start].strip().lower() == "and"))
        ):
            a.value, a.granularity, a.end = f"{a.value}/{b.value}", "interval", b.end
            a.start, a.confidence = lead.start(), min(a.confidence, b.confidence)
            del found[i + 1]
        i += 1


def apply_since(text: str, found: list[Candidate], anchor: Anchor) -> None:
    """Turn "since March" / "since 2014" into an interval from that point to the anchor (open without one)."""
    for cand in found:
        m = SINCE.search(text[max(0, cand.start - 8) : cand.start])
        if not m or cand.value is None or "/" in cand.value:
            continue
        if cand.value.startswith("--"):  # a year-less value: joined only to a year-less dateline anchor
            if m[1].lower() != "since" or anchor.month_day is None or anchor.day is not None:
                continue
            mon, dom = anchor.month_day
            cand.value, cand.anchor = f"{cand.value}/--{mon:02d}-{dom:02d}", "dateline"
            cand.confidence = min(cand.confidence, PARTIAL_CONFIDENCE)
        elif m[1].lower() == "since":
            if anchor.day is not None:
                cand.value, cand.anchor = f"{cand.value}/{anchor.day.isoformat()}", anchor.kind
            else:
                cand.value = f"{cand.value}/.."
        else:
            cand.value = f"../{cand.value}"
        cand.granularity = "interval"
        cand.start -= len(m[0])


def resolve_back_refs(doc: Document, found: list[Candidate]) -> None:
    """Give a time told by reference to the narration the value of the nearest earlier time in its own or the
    previous paragraph (temporal anaphora: the reference time is the last one the text set): "at the time" takes
    it whole; "that day", "later that day", "the same day" take its day, "the next day" and "the day before" the day
    after or before it (text: "Gunmen attacked on Friday. Later that day they torched a police station.")."""
    if not any(cand.kind in _ANAPHORIC_KINDS for cand in found):
        return
    paragraphs = _paragraph_starts(doc)
    text = doc.text
    for i, cand in enumerate(found):
        if cand.kind not in _ANAPHORIC_KINDS:
            continue
        para = _paragraph_index(paragraphs, cand.start)
        for prev in reversed(found[:i]):
            if prev.value is None or prev.kind == "dateline":
                continue
            if para - _paragraph_index(paragraphs, prev.start) > 1:
                break
            if cand.kind == "back_ref":
                cand.value, cand.granularity, cand.anchor, cand.confidence = (
                    prev.value,
                    prev.granularity,
                    prev.anchor,
                    0.5,
                )
            elif prev.granularity == "day" and (day := parse_iso_day(prev.value)) is not None:
                step = _day_step(text[cand.start : cand.end].lower())
                cand.value = (day + timedelta(days=step)).isoformat()
                cand.anchor, cand.confidence = prev.anchor, round(0.6 * prev.confidence, 3)
            break


_ANAPHORIC_KINDS = frozenset(["back_ref", "day_ref"])  # times told by reference to the narration


def _day_step(words: str) -> int:
    """How many days "the next day", "the day before", "that day" lie from the day the narration is at."""
    if any(w in words for w in ("next", "following", "after")):
        return 1
    return -1 if any(w in words for w in ("previous", "preceding", "before")) else 0


def _paragraph_starts(doc: Document) -> list[int]:
    """Where the article's paragraphs start, the text's start counted as one."""
    starts = [start for start, _end in doc.paragraph_spans()]
    return starts if starts and starts[0] == 0 else [0, *starts]


def _paragraph_index(starts: list[int], char: int) -> int:
    return max(bisect_right(starts, char) - 1, 0)
