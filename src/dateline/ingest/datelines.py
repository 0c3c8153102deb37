"""Parse the leading dateline of a story: "Apr 18, Baghdad:", "BAGHDAD, April 18 (Reuters) -", "KABUL (AP) —".

Why: the dateline names where the reporter filed from and often the day, which anchors relative dates
("on Tuesday") and is a strong hint for the event place. The dateline stays in the text; we only record
where its place and date are, and the date's ISO value when it can be resolved.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..lexicon import DAY_OF_MONTH, DAY_SUFFIX, MONTH_NAME_IN_DATELINE, YEAR_IN_DATELINE
from ..lexicon import MONTH_NUMBERS as _MONTHS

# The date grammar is shared with the times stage (dateline.lexicon); the month spelling and the year range are
# the dateline's own.
_MONTH = MONTH_NAME_IN_DATELINE
_DAY = rf"(?:{DAY_OF_MONTH}){DAY_SUFFIX}"
_YEAR = rf"(?:{YEAR_IN_DATELINE})"
_DATE = (
    rf"(?:(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
    rf"(?:{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?))"
)
# A place: one to five capitalised words (Dar es Salaam, RIO DE JANEIRO, al-Qaim), optionally ", Region".
_WORD = r"(?:[A-Z][\w'’.\-]*|al-[A-Z][\w'’\-]*)"
_LINK = r"(?:\s+(?:es|de|del|da|al|el|la|le|of|upon|on|am|an|der|sur|en)\s+|\s+|-)"
_PLACE_ONE = rf"{_WORD}(?:{_LINK}{_WORD}){{0,4}}"
_PLACE = rf"{_PLACE_ONE}(?:,\s+(?!{_MONTH}\s)(?!{_DAY}\s){_PLACE_ONE})?"
_AGENCY = r"\([^()\n]{1,40}\)"
# A plain hyphen separates only when a space follows ("KABUL - Afghan..."), never inside "Secretary-General".
_SEP = r"\s*(?::|--|[–—]|-(?=\s)|\|)\s*"

_PATTERNS = (
    # Apr 18, Baghdad:   |   18 April 2017, Baghdad -
    re.compile(rf"^(?P<date>{_DATE})\s*[,/]\s*(?P<place>{_PLACE}){_SEP}"),
    # BAGHDAD, April 18 (Reuters) -   |   Baghdad, 18 April:
    re.compile(rf"^(?P<place>{_PLACE})\s*[,/]\s*(?P<date>{_DATE})\s*(?:{_AGENCY})?{_SEP}"),
    # KABUL (AP) —   |   WASHINGTON, D.C. (Reuters):   |   KABUL (AP) Afghan officials said ...
    re.compile(rf"^(?P<place>{_PLACE})\s*{_AGENCY}(?:{_SEP}|\s+(?=[A-Z]))"),
    # LONDON —   |   Baghdad:
    re.compile(rf"^(?P<place>{_PLACE}){_SEP}"),
)
# First words that look like a place before a colon but are rubrics, not datelines.
_NOT_PLACES = frozenset(
    str.split(
        "update updated breaking exclusive analysis opinion editorial watch live note photo video editor comment "
        "read more related share advertisement sponsored review interview explainer factbox timeline q a by "
        "source sources file reporting warning summary correction"
    )
)


@dataclass(frozen=True, slots=True)
class FoundDateline:
    end: int
    place: tuple[int, int] | None
    date: tuple[int, int] | None
    date_value: str | None
    start: int = 0  # where it begins: 0, or the start of the body's first paragraph after a headline

    def shifted(self, offset: int) -> FoundDateline:
        """The same dateline found in a text that starts ``offset`` characters into the article."""

        def move(span: tuple[int, int] | None) -> tuple[int, int] | None:
            return (span[0] + offset, span[1] + offset) if span is not None else None

        return FoundDateline(self.end + offset, move(self.place), move(self.date), self.date_value, self.start + offset)


def find_dateline(text: str, published: str | None = None) -> FoundDateline | None:
    """Find a dateline at the start of ``text``; offsets are into ``text``. ``published`` (ISO) gives the year."""
    head = text[:300]
    for index, pattern in enumerate(_PATTERNS):
        match = pattern.match(head)
        if match is None:
            continue
        place = match.group("place")
        if not _plausible_place(place, bare=index == 3, sep=match.group(0)):
            continue
        date_span = match.span("date") if "date" in pattern.groupindex else None
        date_value = _date_value(head[date_span[0] : date_span[1]], published) if date_span else None
        return FoundDateline(
            end=len(match.group(0).rstrip()), place=match.span("place"), date=date_span, date_value=date_value
        )
    return None


def _plausible_place(place: str, *, bare: bool, sep: str) -> bool:
    words = place.replace(",", " ").split()
    if not words or words[0].lower().strip(".") in _NOT_PLACES or re.fullmatch(_MONTH, words[0]):
        return False
    if bare:
        # With no date, "LONDON —" / "LONDON:" needs capitals and "Baghdad —" a dash: a capitalised "Sanders:" or
        # "Poll:" opening a story is a speaker's label or a rubric, not where the story was filed.
        upper = place.replace(",", "").replace(" ", "").replace(".", "").replace("-", "").isupper()
        separator = sep.rstrip()[-1:]
        return upper or (len(words) <= 3 and separator in "-–—")
    return True


def _date_value(date_text: str, published: str | None) -> str | None:
    month_match = re.search(_MONTH, date_text)
    day_match = re.search(rf"\b({DAY_OF_MONTH}){DAY_SUFFIX}\b", date_text)
    if month_match is None or day_match is None:
        return None
    month = _MONTHS.get(month_match.group(0).rstrip(".").lower()[:4]) or _MONTHS.get(
        month_match.group(0).rstrip(".").lower()[:3]
    )
    day = int(day_match.group(1))
    year_match = re.search(_YEAR, date_text)
    year = int(year_match.group(0)) if year_match else None
    if year is None and published:
        pub = _parse_iso(published)
        if pub is not None:
            year = pub.year
            try:
                # A dateline a week or more after publication belongs to the previous year (Dec 31 filed, Jan 2 run).
                if dt.date(year, month, day) > pub + dt.timedelta(days=7):
                    year -= 1
            except ValueError:
                return None
    try:
        if year is None:
            dt.date(2000, month, day)  # a leap year, so Feb 29 is accepted
            return f"--{month:02d}-{day:02d}"
        return dt.date(year, month, day).isoformat()
    except (ValueError, TypeError):
        return None


def _parse_iso(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
