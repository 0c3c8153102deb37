"""Times stage: time expressions normalised against the publication date or the dateline.

A fast regex path covers what news text mostly says ("in 2014", "April 18, 2017", "on Monday",
"last week", "three years ago", "the past two years"); spaCy DATE/TIME entities that the regexes do
not cover go to ``dateparser`` (imported lazily, cached), which is slow. A relative expression with no
usable anchor keeps ``value=None``: a date is never invented. Ages ("40-year-old") and bare durations
("for three hours") are not points in time and are left out.
"""

from __future__ import annotations

import calendar
import logging
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from .lexicon import MONTH_NUMBERS as _MONTHS
from .model import Granularity, Span, TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .document import Document
    from .resources import Resources

LOGGER = logging.getLogger(__name__)

REQUIRES = ("article", "spacy_doc")
ASSIGNS = ("times",)

AnchorKind = Literal["published", "dateline", "absolute", "none"]

_MONTH = (
    r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "several": None, "few": None, "a few": None, "many": None,
}  # fmt: skip
_NUM = (
    r"(?P<n>\d{1,3}|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|several|few|many)"
)
_MONTH_REL = r"last|next|this|in|of|since|until|by|early|late|mid-?|from|during|through"
_WHICH_UNIT = r"(?P<which>this|last|next)\s+(?P<unit>week|month|year)"
_DAYPART = r"morning|afternoon|evening|night"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# Nouns after a four-digit number that make it a count, not a year ("2015 people").
_COUNTED = (
    r"(?:percent|per cent|people|persons|men|women|children|soldiers|troops|fighters|civilians|families|refugees"
    r"|km|kilometres|kilometers|miles|dollars|euros|tonnes|tons|votes|cases|deaths|homes|houses)"
)
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# Words before a bare year that make it a year rather than a count ("in 2014", not "2014 people").
_YEAR_CUE = (
    r"(?:in|since|until|till|by|from|to|of|during|before|after|between|and|through|early|late|mid-?|year|"
    r"end of|start of|beginning of|spring|summer|autumn|fall|winter)\s+"
)

_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")
_YEAR2 = _YEAR.replace("?P<year>", "?P<year2>")
# Holidays on a fixed or computable day of the Gregorian calendar.
_HOLIDAY = (
    r"(?P<holiday>New\s+Year(?:['’]?s)?\s+(?:Day|Eve)|New\s+Year['’]s(?!\s+Day|\s+Eve)|Christmas\s+(?:Day|Eve)"
    r"|Christmas|Boxing\s+Day|Easter\s+(?:Sunday|Monday)|Easter|Good\s+Friday)"
)
# Holidays of lunar or lunisolar calendars: found (a time is said) but left unresolved, never guessed.
_LUNAR = (
    r"(?P<lunar>Ramadan|Eid(?:[\s-]+(?:al|ul|el)[\s-]+(?:Fitr|Adha))?|Nowruz|Diwali|Hanukkah|Passover|Yom\s+Kippur"
    r"|Rosh\s+Hashanah|(?:Lunar|Chinese)\s+New\s+Year|Muharram|Ashura)"
)
# Words before a holiday name that make it a time, not a modifier ("on Christmas", not "Christmas market").
_HOLIDAY_CUE_END = re.compile(
    r"(?i)\b(?:on|at|over|before|after|since|until|till|by|during|around|for|of|through|throughout|ahead of"
    r"|in|this|last|next|from|to|and)\s+$"
)
# "the first quarter of 2016", "the second half of last year"
_ORDINAL_PART = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": -1, "last": -1,
}  # fmt: skip
# A count with a time unit joined by a hyphen modifies a noun ("a 48-hour ceasefire", "a five-day tour"):
# a length of time, not a point in it; "2000-strong" and the like are counts.
_MEASURE = re.compile(
    r"(?i)\b(?:\d+(?:\.\d+)?|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty|fifty|sixty|seventy|ninety|hundred|several|multi)-(?:second|minute|hour|day|night|week|month|year|decade)s?"
    r"(?:-long)?\b(?!-old)|\b\d{3,4}-(?:strong|member|page|seat|bed|mile|kilometre|kilometer|km|man|person)\b"
)
_MEASURE_TAIL = re.compile(
    r"(?i)-(?:second|minute|hour|day|night|week|month|year|decade|strong|member|page|seat|bed|mile|kilomet|km|man"
    r"|person)"
)
_WORD_STARTS = re.compile(r"\b\w")
# Words that show a spaCy DATE/TIME entity speaks of the calendar; without one, dateparser reads bare numbers
# as years or months ("the 12th" -> December), so its answer is not taken.
_CALENDAR_WORD = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\b|\b\d{4}\b"
    r"|\b(?:today|yesterday|tomorrow|tonight|week|weeks|month|months|year|years|decade|decades|century|spring"
    r"|summer|autumn|fall|winter|weekend|ago)\b"
)
# A preposition and "the 12th", a day of the anchor's month ("on the 12th", "since the 3rd of this month").
_ORDINAL_DAY_FOLLOW = (
    r"(?=\s*(?:[.,;:)!?\u2014\u2013]|$)|\s+(?:and|or|but|when|as|while|at|after|before|until|in\s+(?:the\s+)?"
    r"(?:morning|afternoon|evening|night))\b)"
)
_NUMERIC_MONTH_FIRST = frozenset({"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "VI", "UM", "BZ", "CA"})
_DAYPART_OF = re.compile(
    r"(?i)^(?:the\s+)?(?:(?:early|late|small)\s+hours|(?:early|late)\s+(?:morning|afternoon|evening)|morning"
    r"|afternoon|evening|night|dawn|dusk)$"
)

# (kind, pattern). Case-sensitive: month and weekday names must be capitalised ("may" is a verb).
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b")),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?![:\d])")),
    ("dm", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?![\w])")),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b")),
    ("season_year", re.compile(rf"(?i:\b(?P<season>spring|summer|autumn|fall|winter))\s+(?:of\s+)?{_YEAR}\b")),
    ("decade", re.compile(r"(?i:\b(?:the\s+)?(?:early\s+|mid-|late\s+)?)(?P<decade>1[89]\d|20\d)0s\b")),
    (
        "year",
        re.compile(rf"(?:(?<=[Mm]id-)|(?<![\d,.$£€/-])){_YEAR}(?!\d|[,.-]\d|-(?!era\b)[A-Za-z]|\s*%|\s+{_COUNTED}\b)"),
    ),
    (
        "year_range",
        re.compile(rf"(?<![\d,.$£€/-]){_YEAR}\s*[-–—/]\s*(?P<y2>(?:1[89]|20)\d\d|\d\d)(?![\d%]|[,.]\d|-[A-Za-z])"),
    ),
    ("month", re.compile(rf"(?i:\b(?P<rel>{_MONTH_REL}))(?:\s+|(?<=-)){_MONTH}(?!\w|\.\w|\s+\d)")),
    (
        "month_range",
        re.compile(
            rf"(?i:\b(?P<lead>between|from))\s+{_MONTH}(?:,?\s+{_YEAR})?\s+(?i:and|to|through|until|till|-|–)\s+"
            rf"{_MONTH2}(?!\w|\.\w|\s+\d\d?\b)(?:,?\s+{_YEAR2}\b)?"
        ),
    ),
    (
        "quarter",
        re.compile(
            rf"(?i:\b(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+(?P<part>quarter|half)"
            rf"\s+of\s+)(?:{_YEAR}\b|(?i:(?P<qrel>this|last|next|the)\s+year)\b)"
        ),
    ),
    ("q_year", re.compile(rf"\b(?P<part>[QH])(?P<ord>[1-4])\s+{_YEAR}\b")),
    (
        "ordinal_day",
        re.compile(
            rf"(?i:\b(?:on|by|since|until|till|from|before|after)\s+)(?P<the>the\s+)(?P<day>[1-3]?\d)(?i:st|nd|rd|th)\b"
            rf"(?:\s+of\s+(?i:(?P<ofm>this|last|next)\s+month\b))?{_ORDINAL_DAY_FOLLOW}"
        ),
    ),
    (
        "numeric",
        re.compile(
            r"(?<![\d/.\-])(?P<p1>[0-3]?\d)(?P<sep>[/.])(?P<p2>[0-3]?\d)(?P=sep)(?P<ny>(?:19|20)\d\d|\d\d)(?![\d/]|[.-]\d)"
        ),
    ),
    ("holiday", re.compile(rf"(?i:\b(?P<hrel>last|next|this)\s+)?\b{_HOLIDAY}\b(?:,?\s+{_YEAR}\b)?")),
    ("lunar", re.compile(rf"\b{_LUNAR}\b")),
    (
        "rel_unit",
        re.compile(r"(?i:\b(?P<rel>last|next|this|past|previous|coming)\s+(?P<unit>week|month|year))\b"),
    ),
    ("this_unit", re.compile(rf"(?i:\b(?P<when>earlier|later|early|late)\s+{_WHICH_UNIT})\b")),
    ("ago", re.compile(rf"(?i:\b{_NUM}\s+{_UNIT}\s+ago)\b")),
    ("past_n", re.compile(rf"(?i:\bthe\s+(?P<dir>past|last|previous|next|coming)\s+(?:{_NUM}\s+)?{_UNIT})\b")),
    ("weekend", re.compile(r"(?i:\b(?P<rel>last|this\s+past|this|next|the|that|past)\s+weekend)\b")),
    ("rel_season", re.compile(r"(?i:\b(?P<rel>last|this|next|past)\s+(?P<season>spring|summer|autumn|fall|winter))\b")),
    ("weekday", re.compile(rf"(?i:\b(?P<rel>last|next|this)\s+)?{_WEEKDAY}(?:\s+(?i:{_DAYPART}))?\b")),
    ("deictic", re.compile(rf"(?i:\b(?P<word>today|yesterday|tomorrow|tonight|last night|this (?:{_DAYPART})))\b")),
    ("back_ref", re.compile(r"(?i:\bat (?:the|that) (?:time|point)\b)")),
    ("recent", re.compile(r"(?i:\brecent (?:days|weeks|months|years)\b)")),
]
# Words a pattern cannot match without (most patterns never match an article, so they are not run).
_MONTH_PREFIXES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_HOLIDAY_WORDS = ("New", "Christmas", "Boxing", "Easter", "Good")
_LUNAR_WORDS = (
    "Ramadan", "Eid", "Nowruz", "Diwali", "Hanukkah", "Passover", "Yom", "Rosh", "Lunar", "Chinese",
    "Muharram", "Ashura",
)  # fmt: skip
_SEASON_WORDS = ("spring", "summer", "autumn", "fall", "winter")
_DEICTIC_WORDS = ("today", "yesterday", "tomorrow", "tonight", "night", "morning", "afternoon", "evening")
_DIRECTION_WORDS = ("past", "last", "previous", "next", "coming")
_UNIT_WORDS = ("day", "week", "month", "year", "decade")
# Characters that a case-insensitive ASCII letter matches but that str.lower() does not turn into
# that letter (İ, ı for "i"; ſ for "s"): with one of them in the text, the lower-case tests are skipped.
_CASE_ODDITIES = "İıſ"
_MONTH_START = re.compile("|".join(_MONTH_PREFIXES))
_HOLIDAY_START = re.compile("|".join(_HOLIDAY_WORDS))
_LUNAR_START = re.compile("|".join(_LUNAR_WORDS))
_ORDINAL_SUFFIX = re.compile(r"\d(?i:st|nd|rd|th)")
_NUMERIC_SEP = re.compile(r"\d[/.]\d")
_WEEKDAY_START = re.compile("|".join(_WEEKDAY_NAMES))
_DIGIT_RUN = re.compile(r"\d+")
_MONTH_REL_LENGTHS = tuple(sorted({len(w) for w in _MONTH_REL.replace("-?", "-").split("|")} | {3}))  # "mid", "mid-"
_DIGIT_DASH = re.compile(r"\d-\d")
_YEAR_CUE_END = re.compile(rf"(?i)\b{_YEAR_CUE}$")
_AGE = re.compile(r"(?i)\b[\w.]+[- ]years?[- ]old\b|\baged\s+\d+|\b\d+\s*-?\s*years?\s+of\s+age\b")
_DURATION = re.compile(
    r"(?i)^(?:for\s+)?(?:about\s+|some\s+|nearly\s+|almost\s+|more than\s+|over\s+|up to\s+|at least\s+)?"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|hundreds of|dozens of|\w+)"
    r"(?:\s+and a half)?\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)$"
)
_YEAR_QUALIFIER = re.compile(r"(?i)\b(?:early|late|mid-|mid\s)\s*$")
_RANGE = re.compile(r"(?i)^\s*(?:to|until|till|through|and|-|–)\s*$")
_RANGE_START = re.compile(r"(?i)\b(?:from|between)\s+$")
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_PARTIAL_CONFIDENCE = 0.35  # derived from a dateline without a year: the year is not known
_MONTH_PREPS = frozenset({"in", "of", "since", "until", "by", "from", "during", "through"})
_SINCE = re.compile(r"(?i)\b(since|until|till)\s+$")
_FUTURE_WORDS = frozenset({"will", "'ll", "shall", "scheduled", "due", "plans", "planned", "expected", "upcoming"})


@dataclass(frozen=True, slots=True)
class _Anchor:
    day: date | None
    kind: AnchorKind  # "published", "dateline" or "none"
    # (month, day) of a dateline without a year ("Apr 18, Baghdad:"): what can be derived is kept, year-less
    month_day: tuple[int, int] | None = None


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    value: str | None
    granularity: Granularity
    anchor: AnchorKind
    confidence: float
    kind: str = ""


def normalise(doc: Document, resources: Resources) -> None:
    """Fill ``doc.times`` with the article's time expressions, in text order."""
    candidates = _find(doc)
    doc.times = [
        TimeExpr(
            span=doc.span(c.start, c.end),
            value=c.value,
            granularity=c.granularity,
            anchor=c.anchor,
            confidence=round(c.confidence, 3),
        )
        for c in candidates
    ]


def _find(doc: Document) -> list[_Candidate]:
    """All time expressions of the document, resolved; non-overlapping, sorted by start."""
    text = doc.text
    anchor = _anchor_of(doc)
    spacy_doc = doc.spacy_doc
    dateline_span = doc.article.dateline.date if doc.article.dateline else None
    found: list[_Candidate] = []
    lower = None if any(c in text for c in _CASE_ODDITIES) else text.lower()
    possible = _possible_kinds(text, lower)
    anchors = _Anchors(text)
    ages = [(m.start(), m.end()) for m in _AGE.finditer(text)] if "age" in possible else []
    if "-" in text:
        ages += _measures(text)

    if dateline_span is not None and text[dateline_span.start : dateline_span.end] == dateline_span.text:
        found.append(_dateline_candidate(doc, dateline_span))

    raw: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in _PATTERNS:
        if kind not in possible:
            continue
        for m in _finditer(kind, pattern, text, anchors):
            start = m.start("month") if kind == "month" and m["rel"].lower() in _MONTH_PREPS else m.start()
            if kind == "ordinal_day":
                start = m.start("the")
            raw.append((start, m.end(), kind, m))
    date_ents = _date_entities(spacy_doc)
    convention = _numeric_convention(doc, [r[3] for r in raw if r[2] == "numeric"])
    # Longest first, so "April 18, 2017" beats "April 18" and "2017".
    raw.sort(key=lambda r: (-(r[1] - r[0]), r[0]))
    for start, end, kind, m in raw:
        if _overlaps(start, end, found) or _overlaps_any(start, end, ages):
            continue
        if kind in ("year", "year_range") and not _is_year_context(text, start, end, date_ents):
            continue
        if kind == "year" and _counts_a_noun(text, spacy_doc, start, end):
            ages.append((start, end))  # "displaced 2000 families": a count, which the fallback must not read either
            continue
        if kind in {"md", "dm"} and not _plausible_day(m):
            continue
        if kind in {"holiday", "lunar"} and not _holiday_is_time(text, m):
            continue
        tense = _tense(spacy_doc, start, end)
        cand = _resolve(kind, m, anchor, tense, convention)
        if cand is None:
            continue
        if kind == "year":
            q = _YEAR_QUALIFIER.search(text, max(0, start - 8), start)
            if q is not None and not _overlaps(q.start(), start, found):
                start = q.start()
        cand.start, cand.end = start, end
        found.append(cand)

    for ent_start, ent_end in date_ents:
        if _overlaps(ent_start, ent_end, found) or _overlaps_any(ent_start, ent_end, ages):
            continue
        ent_text = text[ent_start:ent_end]
        if _DURATION.match(ent_text) or not re.search(r"[A-Za-z]", ent_text):
            continue
        if _CALENDAR_WORD.search(ent_text) is None:
            cand = _Candidate(0, 0, None, "unknown", "none", 0.3, "fallback")
        else:
            cand = _fallback(ent_text, anchor)
        cand.start, cand.end = ent_start, ent_end
        found.append(cand)

    found.sort(key=lambda c: c.start)
    _apply_dayparts(text, found)
    _apply_weekday_dates(text, found, anchor)
    _apply_year_suffix(text, found, anchor)
    _apply_ranges(text, found)
    _apply_since(text, found, anchor)
    _resolve_back_refs(doc, found)
    return found


def _measures(text: str) -> list[tuple[int, int]]:
    """The spans of ``_MEASURE.finditer(text)``, trying only the words before a hyphen and a unit (cheaper)."""
    out: list[tuple[int, int]] = []
    for tail in _MEASURE_TAIL.finditer(text):
        start = tail.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._"):
            start -= 1
        for word_start in _WORD_STARTS.finditer(text, start, tail.start()):
            m = _MEASURE.match(text, word_start.start())
            if m is not None and m.end() > tail.start() and (not out or m.start() >= out[-1][1]):
                out.append((m.start(), m.end()))
                break
    return out


def _possible_kinds(text: str, lower: str | None) -> set[str]:
    """The pattern kinds (and "age") that can match ``text``: each needs some words to be present.

    ``lower`` is the lower-cased text, against which the case-insensitive patterns are tested; None
    when that test would not be exact, and then every case-insensitive pattern is run.
    """

    def has(haystack: str | None, words: tuple[str, ...]) -> bool:
        return haystack is None or any(word in haystack for word in words)

    kinds = set()
    if has(text, _MONTH_PREFIXES):
        kinds.update(("mdy", "dmy", "md", "dm", "my", "month"))
    if has(text, _WEEKDAY_NAMES):
        kinds.add("weekday")
    if has(text, _MONTH_PREFIXES) and has(lower, ("between", "from")):
        kinds.add("month_range")
    if has(lower, ("quarter", "half")) and has(lower, (" of ",)):
        kinds.add("quarter")
    if has(text, ("Q", "H")):
        kinds.add("q_year")
    if has(lower, ("the",)) and _ORDINAL_SUFFIX.search(text):
        kinds.add("ordinal_day")
    if _NUMERIC_SEP.search(text):
        kinds.add("numeric")
    if has(text, _HOLIDAY_WORDS):
        kinds.add("holiday")
    if has(text, _LUNAR_WORDS):
        kinds.add("lunar")
    if "-" in text and _DIGIT_DASH.search(text):
        kinds.add("iso")
    if "0s" in text:
        kinds.add("decade")
    if has(text, ("18", "19", "20")):
        kinds.add("year")
        kinds.add("year_range")
    if has(lower, _SEASON_WORDS):
        kinds.add("season_year")
    if has(lower, ("week", "month", "year")):
        if has(lower, ("last", "next", "this", "past", "previous", "coming")):
            kinds.add("rel_unit")
        if has(lower, ("earl", "late")):
            kinds.add("this_unit")
    if has(lower, ("weekend",)):
        kinds.add("weekend")
    if has(lower, _SEASON_WORDS) and has(lower, ("last", "this", "next", "past")):
        kinds.add("rel_season")
    if has(lower, ("ago",)):
        kinds.add("ago")
    if has(lower, ("the",)) and has(lower, _DIRECTION_WORDS) and has(lower, _UNIT_WORDS):
        kinds.add("past_n")
    if has(lower, _DEICTIC_WORDS):
        kinds.add("deictic")
    if has(lower, ("at th",)) and has(lower, ("time", "point")):
        kinds.add("back_ref")
    if has(lower, ("recent ",)):
        kinds.add("recent")
    if has(lower, ("year", "aged")):
        kinds.add("age")
    return kinds


class _Anchors:
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
        if kind in ("md", "mdy", "my"):  # \b{_MONTH} ...
            return self.months
        if kind in ("dm", "dmy", "year", "year_range"):  # \b{_DAY} ... / (?<![\d...]){_YEAR}
            return self.digit_runs
        if kind == "month":  # {_MONTH_REL}\s+{_MONTH}, or "mid-" right before the month
            return self.word_before(self.months, _MONTH_REL_LENGTHS) + [q - 4 for q in self.months if q >= 4]
        if kind == "weekday":  # (?:(last|next|this)\s+)?{_WEEKDAY}
            return self.weekdays + self.word_before(self.weekdays, (4,))
        if kind == "holiday":  # (?:(last|next|this)\s+)?{_HOLIDAY}
            holidays = [m.start() for m in _HOLIDAY_START.finditer(self.text)]
            return holidays + self.word_before(holidays, (4,))
        if kind == "lunar":
            return [m.start() for m in _LUNAR_START.finditer(self.text)]
        return None


def _finditer(kind: str, pattern: re.Pattern[str], text: str, anchors: _Anchors) -> Iterator[re.Match[str]]:
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


def _anchor_of(doc: Document) -> _Anchor:
    """The reference date: publication date, else a full dateline date; none otherwise."""
    article = doc.article
    published = _parse_iso_day(article.published)
    if published is not None:
        kind: AnchorKind = "dateline" if article.published_basis == "dateline" else "published"
        return _Anchor(published, kind)
    if article.dateline is not None:
        from_dateline = _parse_iso_day(article.dateline.date_value)
        if from_dateline is not None:
            return _Anchor(from_dateline, "dateline")
        m = re.fullmatch(r"--(\d{2})-(\d{2})", article.dateline.date_value or "")
        if m and 1 <= int(m[1]) <= 12 and 1 <= int(m[2]) <= calendar.monthrange(2000, int(m[1]))[1]:
            return _Anchor(None, "none", (int(m[1]), int(m[2])))
    return _Anchor(None, "none")


def _parse_iso_day(value: str | None) -> date | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _dateline_candidate(doc: Document, span: Span) -> _Candidate:
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
    return _Candidate(span.start, span.end, value, granularity, anchor, 0.9 if value else 0.3, "dateline")


def _date_entities(spacy_doc: Doc | None) -> list[tuple[int, int]]:
    if spacy_doc is None:
        return []
    return [(e.start_char, e.end_char) for e in spacy_doc.ents if e.label_ in ("DATE", "TIME")]


def _overlaps(start: int, end: int, cands: list[_Candidate]) -> bool:
    return any(c.start < end and start < c.end for c in cands)


def _overlaps_any(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in ranges)


def _is_year_context(text: str, start: int, end: int, date_ents: list[tuple[int, int]]) -> bool:
    """A bare four-digit number is a year after a temporal word or inside a spaCy DATE entity."""
    if any(s <= start and end <= e for s, e in date_ents):
        return True
    before = text[max(0, start - 20) : start]
    return before[-4:].lower() == "mid-" or bool(_YEAR_CUE_END.search(before))


def _plausible_day(m: re.Match[str]) -> bool:
    return 1 <= int(m["day"]) <= 31


def _counts_a_noun(text: str, spacy_doc: Doc | None, start: int, end: int) -> bool:
    """Whether a four-digit number counts the plural noun it modifies ("destroyed 1990 homes"), not a year.

    "the 2014 elections" keeps its year: after a determiner or possessive the number names which one; after a
    temporal word ("since 2014 attacks have risen") it is a year too.
    """
    if spacy_doc is None or _YEAR_CUE_END.search(text, max(0, start - 20), start):
        return False
    span = spacy_doc.char_span(start, end)
    if span is None or len(span) != 1:
        return False
    tok = span[0]
    if tok.dep_ != "nummod" or tok.head.i != tok.i + 1 or tok.head.tag_ != "NNS":
        return False
    return tok.i == 0 or tok.nbor(-1).tag_ not in ("DT", "PRP$", "POS", "WP$")


def _holiday_is_time(text: str, m: re.Match[str]) -> bool:
    """A bare holiday name is a time after a temporal word, with a year or "last"/"next"; "Christmas Day" always."""
    groups = m.groupdict()
    if groups.get("holiday") and not _bare_holiday(groups["holiday"]):
        return True
    if groups.get("hrel") or groups.get("year"):
        return True
    return _HOLIDAY_CUE_END.search(text, max(0, m.start() - 12), m.start()) is not None


def _bare_holiday(name: str) -> bool:
    """ "Christmas", "Easter", "New Year's": names that also modify nouns ("Christmas market"), not "Christmas Eve"."""
    return len(name.split()) == 1 or (name.startswith("New") and not name.endswith(("Day", "Eve")))


_FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo"})
# Verbs and adjectives that put what they govern in the future ("set to resume", "due to meet", "plans to vote")
_FUTURE_GOVERNORS = frozenset({"plan", "schedule", "expect", "set", "due", "intend", "aim", "prepare", "go", "slate"})
_FUTURE_MODIFIERS = frozenset({"upcoming", "forthcoming", "coming", "planned", "scheduled", "proposed"})
_SPEECH_VERBS = frozenset(
    {"say", "tell", "announce", "state", "add", "confirm", "report", "declare", "insist", "promise", "warn", "pledge",
     "vow", "predict", "expect", "hope", "indicate", "signal", "note"}
)  # fmt: skip
_FORWARD_MODALS = frozenset({"must", "should", "can", "may", "might", "need"})  # without "have": not the past
Tense = Literal["past", "future", ""]


def _tense(spacy_doc: Doc | None, start: int, end: int) -> Tense:
    """The tense of the clause a time expression attaches to: "past", "future" or "" (unknown / present).

    The tense comes from the verb the expression depends on, not from the sentence: in "the commander said on
    Tuesday that forces will attack", Tuesday belongs to "said" (past) and the "will" of the reported clause
    does not move it forward. With no governing verb (a headline fragment) any future word in the sentence counts.
    """
    if spacy_doc is None:
        return ""
    span = spacy_doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    tok = span.root
    for _ in range(8):
        verbal = tok.pos_ in ("VERB", "AUX") or any(c.dep_ == "aux" for c in tok.children)  # "due to end": NN
        if verbal and not (start <= tok.idx < end):
            break
        if any(c.lower_ in _FUTURE_MODIFIERS for c in tok.children if c.dep_ in ("amod", "acl", "compound")):
            return "future"  # "the upcoming talks on Sunday"
        if tok.head is tok:
            return "future" if _sentence_future(tok.sent) else ""
        tok = tok.head
    else:
        return "future" if _sentence_future(tok.sent) else ""
    verb = tok
    node = verb
    for _ in range(4):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX for c in node.children):
            return "future"
        governs = node.lemma_.lower() in _FUTURE_GOVERNORS if node.lemma_ != "go" else node.lower_ == "going"
        if governs and (node is not verb or node.tag_ in ("VBN", "JJ")):
            return "future"  # "set to reopen on Sunday", "scheduled for Sunday", "due on Sunday"
        if node is not verb and node.lemma_ == "be":
            return "future"  # "the talks are to resume on Sunday"
        reported = node is verb and verb.dep_ == "ccomp" and verb.head.lemma_ in _SPEECH_VERBS
        if reported and any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children):
            return "future"  # "he said the talks would resume on Sunday": future of the saying
        if node.dep_ != "xcomp":
            break
        node = node.head
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" or c.lemma_ == "have" for c in auxes):
        return "past"  # "attacked", "was attacked", "has attacked", "had been"
    if any(c.lower_ in _FORWARD_MODALS for c in auxes):
        return "future"  # "must be filed by Friday"
    if verb.dep_ == "advcl" and verb.head is not verb and (verb.tag_ in ("VBZ", "VBP") or auxes):
        # "when the Hawks play at home Friday night" under "will run": the main clause's time
        head = verb.head
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX | _FORWARD_MODALS for c in head.children):
            return "future"
    return ""


def _sentence_future(sent) -> bool:
    """Whether a sentence has a future word anywhere (used only when no verb governs the expression)."""
    return any(
        t.lower_ in _FUTURE_WORDS or (t.lower_ == "set" and t.i + 1 < sent.end and t.nbor().lower_ == "to")
        for t in sent
    )


def _month_of(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _number(word: str | None) -> int | None:
    if word is None:
        return 1
    word = word.lower()
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _week(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def _resolve(
    kind: str, m: re.Match[str], anchor: _Anchor, tense: Tense, convention: str | None = None
) -> _Candidate | None:
    """Turn one regex match into a candidate (offsets filled by the caller); None to drop it.

    ``tense`` is that of the clause the expression attaches to; ``convention`` the article's order of numeric dates.
    """
    if kind == "numeric":
        return _resolve_numeric(m, convention, anchor, tense)
    a = anchor.day
    future, past = tense == "future", tense == "past"
    rel_anchor: AnchorKind = anchor.kind if a is not None else "none"

    def unresolved(gran: Granularity, conf: float = 0.4) -> _Candidate:
        return _Candidate(0, 0, None, gran, "none", conf, kind)

    def rel(value: str, gran: Granularity, conf: float = 0.85) -> _Candidate:
        return _Candidate(0, 0, value, gran, rel_anchor, conf, kind)

    def absolute(value: str, gran: Granularity, conf: float = 0.95) -> _Candidate:
        return _Candidate(0, 0, value, gran, "absolute", conf, kind)

    if a is None and anchor.month_day is not None:
        partial = _resolve_partial(kind, m, anchor.month_day)
        if partial is not None:
            return partial

    if kind in {"iso", "mdy", "dmy"}:
        month = int(m["mon"]) if kind == "iso" else _month_of(m["month"])
        try:
            day = date(int(m["year"]), month, int(m["day"]))
        except ValueError:
            return None
        return absolute(day.isoformat(), "day")
    if kind in {"md", "dm"}:
        month, dom = _month_of(m["month"]), int(m["day"])
        if dom > calendar.monthrange(2000, month)[1]:
            return None
        if a is None:
            return _Candidate(0, 0, f"--{month:02d}-{dom:02d}", "day", "none", 0.6, kind)
        year = a.year
        if not future and (month, dom) > (a.month, a.day) and (date(year, month, 1) - a).days > 31:
            year -= 1  # "April 18" in a story from January is last April
        if past and year == a.year and (month, dom) > ((a + _SLACK).month, (a + _SLACK).day):
            year -= 1  # "the vote took place on May 3" in a story of April 18: last May
        if future and (month, dom) < (a.month, a.day):
            year += 1
        try:
            return rel(date(year, month, dom).isoformat(), "day")
        except ValueError:
            return None
    if kind == "month_range":
        return _month_range(m, a, tense, rel, absolute, unresolved)
    if kind == "year_range":  # "2011-2013", "2015-16": a span of years, the second later and not far
        y1, y2 = int(m["year"]), m["y2"]
        end = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
        return absolute(f"{y1:04d}/{end:04d}", "interval", 0.85) if 0 < end - y1 <= 30 else None
    if kind in ("quarter", "q_year"):
        return _quarter(m, a, rel, absolute, unresolved)
    if kind == "ordinal_day":
        return _ordinal_day(m, a, tense, rel, unresolved)
    if kind == "holiday":
        return _holiday(m, a, tense, rel, absolute, unresolved)
    if kind == "lunar":
        return unresolved("unknown", 0.3)  # the day moves with a lunar calendar: said, not computed
    if kind == "my":
        return absolute(f"{int(m['year']):04d}-{_month_of(m['month']):02d}", "month")
    if kind == "season_year":
        return absolute(f"{m['year']}-{_SEASONS[m['season'].lower()]}", "season")
    if kind == "decade":
        return absolute(m["decade"], "decade", 0.9)
    if kind == "year":
        return absolute(m["year"], "year", 0.9)
    if kind == "month":
        month, word = _month_of(m["month"]), m["rel"].lower()
        if a is None:
            return unresolved("month")
        year = a.year
        if word == "next" or (future and word not in {"last", "since"}):
            year = a.year + (month <= a.month)
        elif word == "last":
            year = a.year - 1 if month >= a.month else a.year
        elif month > a.month:
            year -= 1
        return rel(f"{year:04d}-{month:02d}", "month", 0.75)
    if kind == "rel_unit":
        word, unit = m["rel"].lower(), m["unit"].lower()
        if a is None:
            return unresolved("week" if unit.startswith("week") else unit)  # type: ignore[arg-type]
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}[word]
        return _unit_value(a, unit, step, rel)
    if kind == "this_unit":
        unit, which = m["unit"].lower(), m["which"].lower()
        if a is None:
            return unresolved(unit)  # type: ignore[arg-type]
        step = {"this": 0, "last": -1, "next": 1}[which]
        return _unit_value(a, unit, step, rel)
    if kind == "ago":
        n, unit = _number(m["n"]), m["unit"].lower()
        gran: Granularity = unit  # type: ignore[assignment]
        if n is None or a is None:
            return unresolved(gran)
        if unit == "day":
            return rel((a - timedelta(days=n)).isoformat(), "day")
        if unit == "week":
            return rel(_week(a - timedelta(weeks=n)), "week")
        if unit == "month":
            return rel(_shift_months(a, -n).isoformat()[:7], "month")
        if unit == "year":
            return rel(f"{a.year - n:04d}", "year")
        return rel(f"{a.year - 10 * n:04d}", "year", 0.6)  # "a decade ago": about that year
    if kind == "past_n":
        n, unit, direction = _number(m["n"]), m["unit"].lower(), m["dir"].lower()
        if direction == "previous" or (direction == "next" and past) or (m["n"] is None and m[0][-1] in "sS"):
            # "the previous week", "the next day, police arrested": counted from the narrated time, not the
            # anchor; "the coming days": no length
            return unresolved("interval", 0.3)
        if n is None or a is None:
            return unresolved("interval", 0.4 if a is None else 0.5)
        forward = m["dir"].lower() in {"next", "coming"}
        months = {"month": n, "year": 12 * n, "decade": 120 * n}.get(unit)
        sign = 1 if forward else -1
        days = sign * n * (7 if unit == "week" else 1)
        other = _shift_months(a, sign * months) if months else a + timedelta(days=days)
        lo, hi = (a, other) if forward else (other, a)
        return rel(f"{lo.isoformat()}/{hi.isoformat()}", "interval")
    if kind == "weekday":
        target = _WEEKDAYS.index(m["weekday"].lower())
        word = (m["rel"] or "").lower()
        if a is None:
            return unresolved("day")
        back = (a.weekday() - target) % 7
        ahead = (target - a.weekday()) % 7
        if word == "next" or (future and word != "last") or (word == "this" and not past):
            delta = ahead or 7 if word == "next" else ahead  # "this Tuesday" is the coming one unless told otherwise
        else:
            delta = -(back or 7) if word == "last" else -back
        return rel((a + timedelta(days=delta)).isoformat(), "day", 0.8)
    if kind == "deictic":
        word = m["word"].lower()
        if a is None:
            return unresolved("day")
        delta = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
        return rel((a + timedelta(days=delta)).isoformat(), "day", 0.9)
    if kind == "weekend":
        if a is None:
            return unresolved("interval")
        word = "last" if "past" in m["rel"].lower() else m["rel"].lower()  # "this past weekend"
        if word == "next" or (future and word != "last"):
            sat = a + timedelta(days=(5 - a.weekday()) % 7 or (7 if word == "next" else 0))
        else:
            sat = a - timedelta(days=(a.weekday() - 5) % 7)
            if word == "last" and a.weekday() >= 5:
                sat -= timedelta(days=7)
        return rel(f"{sat.isoformat()}/{(sat + timedelta(days=1)).isoformat()}", "interval", 0.75)
    if kind == "rel_season":
        code = _SEASONS[m["season"].lower()]
        if a is None:
            return unresolved("season")
        return rel(_season_value(a, code, m["rel"].lower(), future), "season", 0.7)
    if kind == "back_ref":
        return unresolved("unknown", 0.2)
    if kind == "recent":
        return unresolved("unknown", 0.3)
    return None


_SLACK = timedelta(days=1)  # a past event may carry the next day's date (time zones, a late publication stamp)


def _nearest(day_in: Callable[[int], date | None], a: date, tense: Tense, which: str = "") -> date | None:
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
        before = [d for d in days if d <= a + _SLACK]
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


def _holiday_day(name: str, year: int) -> date:
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


def _holiday(m: re.Match[str], a: date | None, tense: Tense, rel, absolute, unresolved) -> _Candidate | None:
    """ "on Christmas Eve", "New Year's Day 2020", "last Easter": the holiday's day in the year the text means."""
    name, which = m["holiday"], (m["hrel"] or "").lower()
    conf = 0.8 if _bare_holiday(name) else 0.9  # "Christmas" may be the season, "Christmas Day" is the day
    if m["year"]:
        return absolute(_holiday_day(name, int(m["year"])).isoformat(), "day", conf)
    if a is None:
        if name.lower().startswith(("easter", "good")):
            return unresolved("day")
        fixed = _holiday_day(name, 2001)
        return _Candidate(0, 0, f"--{fixed.month:02d}-{fixed.day:02d}", "day", "none", 0.6, "holiday")
    day = _nearest(lambda y: _holiday_day(name, y), a, tense, which)
    return rel(day.isoformat(), "day", conf - 0.05) if day else unresolved("day")


def _month_range(m: re.Match[str], a: date | None, tense: Tense, rel, absolute, unresolved) -> _Candidate | None:
    """ "between January and March", "from March to May 2016": an interval of months.

    Without a year, the months are those of the anchor's year, or of the year before when they lie ahead of a
    past or present anchor ("between October and December" said in April is last year's); a future tense moves
    them to the next occurrence.
    """
    m1, m2 = _month_of(m["month"]), _month_of(m["month2"])
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


def _quarter(m: re.Match[str], a: date | None, rel, absolute, unresolved) -> _Candidate | None:
    """ "the first quarter of 2016", "Q3 2019", "the second half of last year": an interval of months."""
    part = m["part"].lower()
    size = 3 if part in ("quarter", "q") else 6
    index = int(m["ord"]) if m["ord"].isdigit() else _ORDINAL_PART[m["ord"].lower()]
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


def _ordinal_day(m: re.Match[str], a: date | None, tense: Tense, rel, unresolved) -> _Candidate | None:
    """ "on the 12th": that day of the anchor's month, or of the month before when it lies ahead of a past tense."""
    dom = int(m["day"])
    if not 1 <= dom <= 31:
        return None
    if a is None:
        return unresolved("day")
    ofm = (m["ofm"] or "").lower()
    if ofm:
        base = _shift_months(a.replace(day=1), {"this": 0, "last": -1, "next": 1}[ofm])
        candidates = [base]
    else:
        candidates = [_shift_months(a.replace(day=1), k) for k in (-1, 0, 1)]

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
        day = next((d for d in reversed(days) if d <= a + _SLACK), None)
    else:  # the anchor's month when the day has come, else the nearest of the month before and this one
        this = day_in(a.replace(day=1))
        day = this if this is not None and this <= a else min(days, key=lambda d: abs((d - a).days))
    return rel(day.isoformat(), "day", 0.7) if day else unresolved("day")


def _numeric_convention(doc: Document, matches: list[re.Match[str]]) -> str | None:
    """Whether the article writes numeric dates day-first ("dmy") or month-first ("mdy"), when it shows it.

    Evidence, strongest first: a numeric date of the article that only one order can read ("25/03/2016"), then
    the dateline's country (month-first in the United States and a few others). None when nothing tells.
    """
    orders = set()
    for m in matches:
        p1, p2 = int(m["p1"]), int(m["p2"])
        if p1 > 12 >= p2 >= 1:
            orders.add("dmy")
        elif p2 > 12 >= p1 >= 1:
            orders.add("mdy")
    if len(orders) == 1:
        return orders.pop()
    if orders:
        return None
    dateline = doc.article.dateline
    if dateline is not None and dateline.place is not None:
        for place in doc.places:
            if place.country and any(s.start == dateline.place.start for s in place.mentions):
                return "mdy" if place.country in _NUMERIC_MONTH_FIRST else None
    return None


def _resolve_numeric(m: re.Match[str], convention: str | None, anchor: _Anchor, tense: Tense) -> _Candidate | None:
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
        readings = {d for d in readings if d <= anchor.day + _SLACK} or readings
    if len(readings) == 2:
        return _Candidate(0, 0, None, "day", "none", 0.3, "numeric")
    return _Candidate(0, 0, readings.pop().isoformat(), "day", "absolute", 0.85, "numeric")


def _unit_value(a: date, unit: str, step: int, rel) -> _Candidate:
    if unit.startswith("week"):
        return rel(_week(a + timedelta(weeks=step)), "week")
    if unit == "month":
        return rel(_shift_months(a, step).isoformat()[:7], "month")
    return rel(f"{a.year + step:04d}", "year")


def _season_value(a: date, code: str, word: str, future: bool) -> str:
    """ "last summer" / "this winter" / "next spring" against the anchor day, as YYYY-SS (winter by its start)."""

    def bounds(year: int) -> tuple[date, date]:
        start = date(year, _SEASON_START[code], 1)
        return start, _shift_months(start, 3) - timedelta(days=1)

    years = range(a.year - 2, a.year + 2)
    if word == "next" or (word == "this" and future):
        year = next(y for y in years if bounds(y)[0] > a)
    elif word in ("last", "past"):
        year = max(y for y in years if bounds(y)[1] < a)
    else:  # "this summer": the season of this year, the current winter in January
        year = a.year - 1 if code == "WI" and a.month <= 2 else a.year
    return f"{year}-{code}"


_UNIT_LETTER = {"day": "D", "week": "W", "month": "M", "year": "Y"}


def _resolve_partial(kind: str, m: re.Match[str], month_day: tuple[int, int]) -> _Candidate | None:
    """What a relative expression says when only the anchor's month and day are known ("Apr 18" with no year).

    Day shifts are kept when they do not depend on the year (leap days), months always; years and weeks never.
    Durations become an ISO 8601 duration/end interval ("the past two years" -> "P2Y/--04-18").
    """
    mon, dom = month_day
    end = f"--{mon:02d}-{dom:02d}"

    def partial(value: str, gran: Granularity) -> _Candidate:
        return _Candidate(0, 0, value, gran, "dateline", _PARTIAL_CONFIDENCE, kind)

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
        n, unit = _number(m["n"]), m["unit"].lower()
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
        n, unit = _number(m["n"]), m["unit"].lower()
        if n is None:
            return None
        if m["dir"].lower() == "previous" or (m["n"] is None and m[0][-1] in "sS"):
            return None
        duration = f"P{10 * n}Y" if unit == "decade" else f"P{n}{_UNIT_LETTER[unit]}"
        forward = m["dir"].lower() in {"next", "coming"}
        return partial(f"{end}/{duration}" if forward else f"{duration}/{end}", "interval")
    if kind in ("rel_unit", "this_unit"):
        unit = m["unit"].lower()
        word = (m["rel"] if kind == "rel_unit" else m["which"]).lower()
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}[word]
        return partial(shift_months(step), "month") if unit == "month" else None
    if kind == "month":
        return partial(f"--{_month_of(m['month']):02d}", "month")
    return None


def _apply_dayparts(text: str, found: list[_Candidate]) -> None:
    """Join "the early hours of Sunday" / "the evening of April 16" into the day they name."""
    i = 0
    while i + 1 < len(found):
        a, b = found[i], found[i + 1]
        if (
            a.value is None
            and b.value is not None
            and b.granularity == "day"
            and text[a.end : b.start].strip().lower() == "of"
            and _DAYPART_OF.match(text[a.start : a.end])
        ):
            b.start, b.confidence = a.start, b.confidence * 0.95
            del found[i]
            continue
        i += 1


_WEEKDAY_DATE_GAP = re.compile(r"(?i)^\s*,?\s*(?:the\s+)?$")


def _apply_weekday_dates(text: str, found: list[_Candidate], anchor: _Anchor) -> None:
    """Join "Sunday, March 3" into one day; without a year, the year near the anchor whose March 3 is a Sunday."""
    i = 0
    while i + 1 < len(found):
        a, b = found[i], found[i + 1]
        name = text[a.start : a.end].split()[0].lower() if a.kind == "weekday" else ""
        if (
            name not in _WEEKDAYS
            or b.kind not in ("md", "dm", "mdy", "dmy")
            or not _WEEKDAY_DATE_GAP.match(text[a.end : b.start])
        ):
            i += 1
            continue
        day = _parse_iso_day(b.value)
        if b.kind in ("md", "dm") and day is not None and anchor.day is not None:
            years = sorted(range(anchor.day.year - 1, anchor.day.year + 2), key=lambda y: abs(y - day.year))
            for year in years:
                try:
                    moved = day.replace(year=year)
                except ValueError:
                    continue
                if moved.weekday() == _WEEKDAYS.index(name):
                    b.value = moved.isoformat()
                    break
        if day is not None and _parse_iso_day(b.value).weekday() == _WEEKDAYS.index(name):
            b.confidence = min(1.0, b.confidence + 0.05)  # the weekday confirms the date
        b.start = a.start
        del found[i]


_YEAR_SUFFIX = re.compile(r"(?i)^(?P<rel>last|this|next)\s+year$")
_YEAR_SUFFIX_GAP = re.compile(r"(?i)^(?:\s*,?\s*|\s+of\s+)$")
_YEAR_SUFFIX_STEP = {"last": -1, "this": 0, "next": 1}


def _apply_year_suffix(text: str, found: list[_Candidate], anchor: _Anchor) -> None:
    """Give "March last year", "June of this year", "between March and May last year" the year the suffix names."""
    i = 0
    while i + 1 < len(found):
        a, b = found[i], found[i + 1]
        suffix = _YEAR_SUFFIX.match(text[b.start : b.end])
        if (
            suffix is None
            or a.kind not in ("month", "md", "dm", "month_range", "ordinal_day")
            or not _YEAR_SUFFIX_GAP.match(text[a.end : b.start])
        ):
            i += 1
            continue
        if anchor.day is None or a.value is None or a.value.startswith("--"):
            a.value, a.anchor = None, "none"
        else:
            year = anchor.day.year + _YEAR_SUFFIX_STEP[suffix["rel"].lower()]
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
        if len(moved) == 10 and _parse_iso_day(moved) is None:
            return None  # February 29 of a common year
        out.append(moved)
    return "/".join(out)


def _apply_ranges(text: str, found: list[_Candidate]) -> None:
    """Join "between 2012 and 2014" / "from March to May 2016" into one interval candidate (absolute values)."""
    i = 0
    while i + 1 < len(found):
        a, b = found[i], found[i + 1]
        lead = _RANGE_START.search(text, max(0, a.start - 9), a.start)
        if (
            lead is not None
            and a.value
            and b.value
            and "/" not in a.value + b.value
            and not a.value.startswith("--")
            and a.anchor == b.anchor == "absolute"
            and _RANGE.match(text[a.end : b.start])
            and (lead.group(0).lower().startswith("between") == (text[a.end : b.start].strip().lower() == "and"))
        ):
            a.value, a.granularity, a.end = f"{a.value}/{b.value}", "interval", b.end
            a.start, a.confidence = lead.start(), min(a.confidence, b.confidence)
            del found[i + 1]
        i += 1


def _apply_since(text: str, found: list[_Candidate], anchor: _Anchor) -> None:
    """Turn "since March" / "since 2014" into an interval from that point to the anchor (open without one)."""
    for cand in found:
        m = _SINCE.search(text[max(0, cand.start - 8) : cand.start])
        if not m or cand.value is None or "/" in cand.value:
            continue
        if cand.value.startswith("--"):  # a year-less value: joined only to a year-less dateline anchor
            if m[1].lower() != "since" or anchor.month_day is None or anchor.day is not None:
                continue
            mon, dom = anchor.month_day
            cand.value, cand.anchor = f"{cand.value}/--{mon:02d}-{dom:02d}", "dateline"
            cand.confidence = min(cand.confidence, _PARTIAL_CONFIDENCE)
        elif m[1].lower() == "since":
            if anchor.day is not None:
                cand.value, cand.anchor = f"{cand.value}/{anchor.day.isoformat()}", anchor.kind
            else:
                cand.value = f"{cand.value}/.."
        else:
            cand.value = f"../{cand.value}"
        cand.granularity = "interval"
        cand.start -= len(m[0])


def _resolve_back_refs(doc: Document, found: list[_Candidate]) -> None:
    """Give "at the time" the value of the nearest earlier time in its own or the previous paragraph."""
    if not any(cand.kind == "back_ref" for cand in found):
        return
    paragraphs = _paragraph_starts(doc)
    for i, cand in enumerate(found):
        if cand.kind != "back_ref":
            continue
        para = _paragraph_index(paragraphs, cand.start)
        for prev in reversed(found[:i]):
            if prev.value is None or prev.kind == "dateline":
                continue
            if para - _paragraph_index(paragraphs, prev.start) > 1:
                break
            cand.value, cand.granularity, cand.anchor, cand.confidence = prev.value, prev.granularity, prev.anchor, 0.5
            break


def _paragraph_starts(doc: Document) -> list[int]:
    """Where the article's paragraphs start (as the reader split them); line breaks only when it has none."""
    starts = [p.start for p in doc.article.paragraphs]
    if not starts:
        return [0] + [m.end() for m in re.finditer(r"\n\s*\n|\n", doc.text)]
    return starts if starts[0] == 0 else [0, *starts]


def _paragraph_index(starts: list[int], char: int) -> int:
    return max(bisect_right(starts, char) - 1, 0)


def _fallback(ent_text: str, anchor: _Anchor) -> _Candidate:
    """A spaCy DATE/TIME entity the regexes missed: ask dateparser, keeping only what is safe."""
    anchor_iso = anchor.day.isoformat() if anchor.day is not None else None
    value, granularity, absolute = _dateparse(ent_text, anchor_iso)
    if value is None:
        return _Candidate(0, 0, None, "unknown", "none", 0.3, "fallback")
    if absolute:
        return _Candidate(0, 0, value, granularity, "absolute", 0.7, "fallback")
    if anchor.day is None:
        return _Candidate(0, 0, None, granularity, "none", 0.3, "fallback")
    return _Candidate(0, 0, value, granularity, anchor.kind, 0.6, "fallback")


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
        return _week(value.date())
    return value.date().isoformat()
