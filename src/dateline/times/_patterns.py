"""Finding time expressions: the table of (kind, pattern) and the cheap tests that decide which patterns to run
and where a match can start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ._lexicon import (
    COUNTED,
    DAY,
    DAYPART,
    DEICTIC_WORDS,
    DIRECTION_WORDS,
    HOLIDAY,
    HOLIDAY_WORDS,
    LUNAR,
    LUNAR_WORDS,
    MEASURE,
    MEASURE_TAIL,
    MONTH,
    MONTH2,
    MONTH_PREFIXES,
    MONTH_REL,
    NUM,
    ORDINAL_DAY_FOLLOW,
    SEASON_WORDS,
    UNIT,
    UNIT_WORDS,
    WEEKDAY,
    WEEKDAY_NAMES,
    WHICH_UNIT,
    YEAR,
    YEAR2,
)

# (kind, pattern). Case-sensitive: month and weekday names must be capitalised ("may" is a verb).
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b")),
    ("mdy", re.compile(rf"\b{MONTH}\s+{DAY},?\s+{YEAR}\b")),
    ("dmy", re.compile(rf"\b{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}\b")),
    ("md", re.compile(rf"\b{MONTH}\s+{DAY}\b(?![:\d])")),
    ("dm", re.compile(rf"\b{DAY}\s+(?:of\s+)?{MONTH}(?![\w])")),
    ("my", re.compile(rf"\b{MONTH},?\s+(?:of\s+)?{YEAR}\b")),
    ("season_year", re.compile(rf"(?i:\b(?P<season>spring|summer|autumn|fall|winter))\s+(?:of\s+)?{YEAR}\b")),
    ("decade", re.compile(r"(?i:\b(?:the\s+)?(?:early\s+|mid-|late\s+)?)(?P<decade>1[89]\d|20\d)0s\b")),
    (
        "year",
        re.compile(rf"(?:(?<=[Mm]id-)|(?<![\d,.$£€/-])){YEAR}(?!\d|[,.-]\d|-(?!era\b)[A-Za-z]|\s*%|\s+{COUNTED}\b)"),
    ),
    (
        "year_range",
        re.compile(rf"(?<![\d,.$£€/-]){YEAR}\s*[-–—/]\s*(?P<y2>(?:1[89]|20)\d\d|\d\d)(?![\d%]|[,.]\d|-[A-Za-z])"),
    ),
    ("month", re.compile(rf"(?i:\b(?P<rel>{MONTH_REL}))(?:\s+|(?<=-)){MONTH}(?!\w|\.\w|\s+\d)")),
    (
        "month_range",
        re.compile(
            rf"(?i:\b(?P<lead>between|from))\s+{MONTH}(?:,?\s+{YEAR})?\s+(?i:and|to|through|until|till|-|–)\s+"
            rf"{MONTH2}(?!\w|\.\w|\s+\d\d?\b)(?:,?\s+{YEAR2}\b)?"
        ),
    ),
    (
        "quarter",
        re.compile(
            rf"(?i:\b(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+(?P<part>quarter|half)"
            rf"\s+of\s+)(?:{YEAR}\b|(?i:(?P<qrel>this|last|next|the)\s+year)\b)"
        ),
    ),
    ("q_year", re.compile(rf"\b(?P<part>[QH])(?P<ord>[1-4])\s+{YEAR}\b")),
    (
        "ordinal_day",
        re.compile(
            rf"(?i:\b(?:on|by|since|until|till|from|before|after)\s+)(?P<the>the\s+)(?P<day>[1-3]?\d)(?i:st|nd|rd|th)\b"
            rf"(?:\s+of\s+(?i:(?P<ofm>this|last|next)\s+month\b))?{ORDINAL_DAY_FOLLOW}"
        ),
    ),
    (
        "numeric",
        re.compile(
            r"(?<![\d/.\-])(?P<p1>[0-3]?\d)(?P<sep>[/.])(?P<p2>[0-3]?\d)(?P=sep)(?P<ny>(?:19|20)\d\d|\d\d)(?![\d/]|[.-]\d)"
        ),
    ),
    ("holiday", re.compile(rf"(?i:\b(?P<hrel>last|next|this)\s+)?\b{HOLIDAY}\b(?:,?\s+{YEAR}\b)?")),
    ("lunar", re.compile(rf"\b{LUNAR}\b")),
    (
        "rel_unit",
        re.compile(r"(?i:\b(?P<rel>last|next|this|past|previous|coming)\s+(?P<unit>week|month|year))\b"),
    ),
    ("this_unit", re.compile(rf"(?i:\b(?P<when>earlier|later|early|late)\s+{WHICH_UNIT})\b")),
    ("ago", re.compile(rf"(?i:\b{NUM}\s+{UNIT}\s+ago)\b")),
    (
        "day_ref",
        re.compile(
            r"(?i:\b(?:(?:later|earlier)\s+)?(?P<same>that|the\s+same)\s+day\b"
            r"|\bthe\s+(?P<step>next|following|previous|preceding)\s+day\b|\bthe\s+day\s+(?P<edge>before|after)\b)"
        ),
    ),
    ("past_n", re.compile(rf"(?i:\bthe\s+(?P<dir>past|last|previous|next|coming)\s+(?:{NUM}\s+)?{UNIT})\b")),
    ("weekend", re.compile(r"(?i:\b(?P<rel>last|this\s+past|this|next|the|that|past)\s+weekend)\b")),
    ("rel_season", re.compile(r"(?i:\b(?P<rel>last|this|next|past)\s+(?P<season>spring|summer|autumn|fall|winter))\b")),
    ("weekday", re.compile(rf"(?i:\b(?P<rel>last|next|this)\s+)?{WEEKDAY}(?:\s+(?i:{DAYPART}))?\b")),
    ("deictic", re.compile(rf"(?i:\b(?P<word>today|yesterday|tomorrow|tonight|last night|this (?:{DAYPART})))\b")),
    ("back_ref", re.compile(r"(?i:\bat (?:the|that) (?:time|point)\b)")),
    ("recent", re.compile(r"(?i:\brecent (?:days|weeks|months|years)\b)")),
]


_WORD_STARTS = re.compile(r"\b\w")
_MONTH_START = re.compile("|".join(MONTH_PREFIXES))
_HOLIDAY_START = re.compile("|".join(HOLIDAY_WORDS))
_LUNAR_START = re.compile("|".join(LUNAR_WORDS))
_ORDINAL_SUFFIX = re.compile(r"\d(?i:st|nd|rd|th)")
_NUMERIC_SEP = re.compile(r"\d[/.]\d")
_WEEKDAY_START = re.compile("|".join(WEEKDAY_NAMES))
_DIGIT_RUN = re.compile(r"\d+")
_MONTH_REL_LENGTHS = tuple(sorted({len(w) for w in MONTH_REL.replace("-?", "-").split("|")} | {3}))  # "mid", "mid-"
_DIGIT_DASH = re.compile(r"\d-\d")


def measures(text: str) -> list[tuple[int, int]]:
    """The spans of ``MEASURE.finditer(text)``, trying only the words before a hyphen and a unit (cheaper)."""
    out: list[tuple[int, int]] = []
    for tail in MEASURE_TAIL.finditer(text):
        start = tail.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._"):
            start -= 1
        for word_start in _WORD_STARTS.finditer(text, start, tail.start()):
            m = MEASURE.match(text, word_start.start())
            if m is not None and m.end() > tail.start() and (not out or m.start() >= out[-1][1]):
                out.append((m.start(), m.end()))
                break
    return out


def possible_kinds(text: str, lower: str | None) -> set[str]:
    """The pattern kinds (and "age") that can match ``text``: each needs some words to be present.

    ``lower`` is the lower-cased text, against which the case-insensitive patterns are tested; None
    when that test would not be exact, and then every case-insensitive pattern is run.
    """

    def has(haystack: str | None, words: tuple[str, ...]) -> bool:
        return haystack is None or any(word in haystack for word in words)

    kinds = set()
    if has(text, MONTH_PREFIXES):
        kinds.update(("mdy", "dmy", "md", "dm", "my", "month"))
    if has(text, WEEKDAY_NAMES):
        kinds.add("weekday")
    if has(text, MONTH_PREFIXES) and has(lower, ("between", "from")):
        kinds.add("month_range")
    if has(lower, ("quarter", "half")) and has(lower, (" of ",)):
        kinds.add("quarter")
    if has(text, ("Q", "H")):
        kinds.add("q_year")
    if has(lower, ("the",)) and _ORDINAL_SUFFIX.search(text):
        kinds.add("ordinal_day")
    if _NUMERIC_SEP.search(text):
        kinds.add("numeric")
    if has(text, HOLIDAY_WORDS):
        kinds.add("holiday")
    if has(text, LUNAR_WORDS):
        kinds.add("lunar")
    if "-" in text and _DIGIT_DASH.search(text):
        kinds.add("iso")
    if "0s" in text:
        kinds.add("decade")
    if has(text, ("18", "19", "20")):
        kinds.add("year")
        kinds.add("year_range")
    if has(lower, SEASON_WORDS):
        kinds.add("season_year")
    if has(lower, ("week", "month", "year")):
        if has(lower, ("last", "next", "this", "past", "previous", "coming")):
            kinds.add("rel_unit")
        if has(lower, ("earl", "late")):
            kinds.add("this_unit")
    if has(lower, ("weekend",)):
        kinds.add("weekend")
    if has(lower, SEASON_WORDS) and has(lower, ("last", "this", "next", "past")):
        kinds.add("rel_season")
    if has(lower, ("ago",)):
        kinds.add("ago")
    if has(lower, ("the",)) and has(lower, DIRECTION_WORDS) and has(lower, UNIT_WORDS):
        kinds.add("past_n")
    if has(lower, DEICTIC_WORDS):
        kinds.add("deictic")
    if has(lower, ("at th",)) and has(lower, ("time", "point")):
        kinds.add("back_ref")
    if has(lower, (" day",)):
        kinds.add("day_ref")
    if has(lower, ("recent ",)):
        kinds.add("recent")
    if has(lower, ("year", "aged")):
        kinds.add("age")
    return kinds


class Anchors:
    """Where matches of the commonest patterns can start, found with fast literal scans (computed on demand)."""

    def __init__(self, text: str):
        self.text = text
        self._months: list[int] | None = None
        self._weekdays: list[int] | None = None
        self._digits: list[int] | None = None

    @property
    def months(self) -> list[int]:
        """Starts of capitalised month-name prefixes ("Jan", …, "Dec"; they cannot overlap)."""
        if self._months is None:
            self._months = [m.start() for m in _MONTH_START.finditer(self.text)]
        return self._months

    @property
    def weekdays(self) -> list[int]:
        if self._weekdays is None:
            self._weekdays = [m.start() for m in _WEEKDAY_START.finditer(self.text)]
        return self._weekdays

    @property
    def digit_runs(self) -> list[int]:
        """Starts of runs of digits: a match that starts with a digit not preceded by one starts there."""
        if self._digits is None:
            self._digits = [m.start() for m in _DIGIT_RUN.finditer(self.text)]
        return self._digits

    def word_before(self, positions: list[int], lengths: tuple[int, ...]) -> list[int]:
        """Starts of the words of the given lengths that end right before whitespace before each position."""
        text, out = self.text, []
        for q in positions:
            r = q - 1
            while r >= 0 and text[r].isspace():
                r -= 1
            if r < q - 1:
                out.extend(r + 1 - n for n in lengths if r + 1 - n >= 0)
        return out

    def starts(self, kind: str) -> list[int] | None:
        """Every position where a match of ``kind`` can start, or None when not known."""
        if kind in ("md", "mdy", "my"):  # \b{MONTH} ...
            return self.months
        if kind in ("dm", "dmy", "year", "year_range"):  # \b{DAY} ... / (?<![\d...]){YEAR}
            return self.digit_runs
        if kind == "month":  # {MONTH_REL}\s+{MONTH}, or "mid-" right before the month
            return self.word_before(self.months, _MONTH_REL_LENGTHS) + [q - 4 for q in self.months if q >= 4]
        if kind == "weekday":  # (?:(last|next|this)\s+)?{WEEKDAY}
            return self.weekdays + self.word_before(self.weekdays, (4,))
        if kind == "holiday":  # (?:(last|next|this)\s+)?{HOLIDAY}
            holidays = [m.start() for m in _HOLIDAY_START.finditer(self.text)]
            return holidays + self.word_before(holidays, (4,))
        if kind == "lunar":
            return [m.start() for m in _LUNAR_START.finditer(self.text)]
        return None


def finditer(kind: str, pattern: re.Pattern[str], text: str, anchors: Anchors) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, trying only the positions where a match can start when they are known.

    The same matches: finditer returns the leftmost match, then searches on from its end; none of
    these patterns matches the empty string.
    """
    starts = anchors.starts(kind)
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for start in sorted(set(starts)):
        if start < end:
            continue
        m = pattern.match(text, start)
        if m is not None:
            yield m
            end = m.end()
