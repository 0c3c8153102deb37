"""All time expressions of a document: pattern matches filtered and resolved, then spaCy entities, then joins."""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from typing import TYPE_CHECKING

from ._calendar import bare_holiday
from ._candidate import Anchor, Candidate, anchor_of, dateline_candidate
from ._fallback import fallback
from ._join import apply_dayparts, apply_ranges, apply_since, apply_weekday_dates, apply_year_suffix, resolve_back_refs
from ._lexicon import (
    AGE,
    CALENDAR_WORD,
    CASE_ODDITIES,
    DURATION,
    HOLIDAY_CUE_END,
    MONTH_PREPS,
    NUMERIC_MONTH_FIRST,
    YEAR_CUE_END,
    YEAR_QUALIFIER,
)
from ._patterns import PATTERNS, Anchors, finditer, measures, possible_kinds
from ._resolve import resolve
from ._tense import clause_tense

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..document import Document


def find(doc: Document) -> list[Candidate]:
    """All time expressions of the document, resolved; non-overlapping, sorted by start.

    The dateline's date first, then pattern matches (longest first), then spaCy DATE/TIME entities that no match
    covers; ages and hyphenated lengths ("a five-day tour") block both. Neighbours are joined last.
    """
    text = doc.text
    anchor = anchor_of(doc)
    dateline_span = doc.article.dateline.date if doc.article.dateline else None
    found = _Found()
    lower = None if any(c in text for c in CASE_ODDITIES) else text.lower()
    possible = possible_kinds(text, lower)
    ages = [(m.start(), m.end()) for m in AGE.finditer(text)] if "age" in possible else []
    if "-" in text:
        ages += measures(text)

    if dateline_span is not None and text[dateline_span.start : dateline_span.end] == dateline_span.text:
        found.append(dateline_candidate(doc, dateline_span))

    raw = _matches(text, possible)
    date_ents = _date_entities(doc.spacy_doc)
    convention = _numeric_convention(doc, [r[3] for r in raw if r[2] == "numeric"])
    # Longest first, so "April 18, 2017" beats "April 18" and "2017".
    raw.sort(key=lambda r: (-(r[1] - r[0]), r[0]))
    _add_matches(doc, raw, anchor, convention, date_ents, found, ages)
    _add_entities(text, date_ents, anchor, found, ages)

    ordered = sorted(found, key=lambda c: c.start)
    apply_dayparts(text, ordered)
    apply_weekday_dates(text, ordered, anchor)
    apply_year_suffix(text, ordered, anchor)
    apply_ranges(text, ordered)
    apply_since(text, ordered, anchor)
    resolve_back_refs(doc, ordered)
    return ordered


def _matches(text: str, possible: set[str]) -> list[tuple[int, int, str, re.Match[str]]]:
    """(start, end, kind, match) of every match of the patterns that can match ``text``.

    "in March" starts at the month, "on the 12th" at "the".
    """
    anchors = Anchors(text)
    raw: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in PATTERNS:
        if kind not in possible:
            continue
        for m in finditer(kind, pattern, text, anchors):
            start = m.start("month") if kind == "month" and m["rel"].lower() in MONTH_PREPS else m.start()
            if kind == "ordinal_day":
                start = m.start("the")
            raw.append((start, m.end(), kind, m))
    return raw


def _add_matches(
    doc: Document,
    raw: list[tuple[int, int, str, re.Match[str]]],
    anchor: Anchor,
    convention: str | None,
    date_ents: list[tuple[int, int]],
    found: _Found,
    ages: list[tuple[int, int]],
) -> None:
    """Resolve the pattern matches in order into ``found``, skipping overlaps and what is not a time here."""
    text, spacy_doc = doc.text, doc.spacy_doc
    for start, end, kind, m in raw:
        if found.overlaps(start, end) or _overlaps_any(start, end, ages):
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
        tense = clause_tense(spacy_doc, start, end)
        cand = resolve(kind, m, anchor, tense, convention)
        if cand is None:
            continue
        if kind == "year":
            q = YEAR_QUALIFIER.search(text, max(0, start - 8), start)
            if q is not None and not found.overlaps(q.start(), start):
                start = q.start()
        cand.start, cand.end = start, end
        found.append(cand)


def _add_entities(
    text: str, date_ents: list[tuple[int, int]], anchor: Anchor, found: _Found, ages: list[tuple[int, int]]
) -> None:
    """Add the spaCy DATE/TIME entities no candidate covers, read by dateparser when they speak of the calendar."""
    for ent_start, ent_end in date_ents:
        if found.overlaps(ent_start, ent_end) or _overlaps_any(ent_start, ent_end, ages):
            continue
        ent_text = text[ent_start:ent_end]
        if DURATION.match(ent_text) or not re.search(r"[A-Za-z]", ent_text):
            continue
        if CALENDAR_WORD.search(ent_text) is None:
            cand = Candidate(0, 0, None, "unknown", "none", 0.3, "fallback")
        else:
            cand = fallback(ent_text, anchor)
        cand.start, cand.end = ent_start, ent_end
        found.append(cand)


def _date_entities(spacy_doc: Doc | None) -> list[tuple[int, int]]:
    if spacy_doc is None:
        return []
    return [(e.start_char, e.end_char) for e in spacy_doc.ents if e.label_ in ("DATE", "TIME")]


class _Found(list):
    """The candidates found so far, which never overlap one another, with their spans kept sorted: whether a new
    span overlaps one is a binary search, not a scan of every candidate (a text of thousands of dates).

    Sorted by (start, end), non-overlapping spans also have their ends in order, so the last span starting
    before ``end`` is the one that reaches furthest.
    """

    def __init__(self) -> None:
        super().__init__()
        self.spans: list[tuple[int, int]] = []

    def append(self, cand: Candidate) -> None:
        super().append(cand)
        insort(self.spans, (cand.start, cand.end))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a found candidate ``c`` has ``c.start < end and start < c.end``."""
        i = bisect_left(self.spans, (end,))
        return i > 0 and self.spans[i - 1][1] > start


def _overlaps_any(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in ranges)


def _is_year_context(text: str, start: int, end: int, date_ents: list[tuple[int, int]]) -> bool:
    """A bare four-digit number is a year after a temporal word or inside a spaCy DATE entity."""
    if any(s <= start and end <= e for s, e in date_ents):
        return True
    before = text[max(0, start - 20) : start]
    return before[-4:].lower() == "mid-" or bool(YEAR_CUE_END.search(before))


def _plausible_day(m: re.Match[str]) -> bool:
    return 1 <= int(m["day"]) <= 31


def _counts_a_noun(text: str, spacy_doc: Doc | None, start: int, end: int) -> bool:
    """Whether a four-digit number counts the plural noun it modifies ("destroyed 1990 homes"), not a year.

    "the 2014 elections" keeps its year: after a determiner or possessive the number names which one; after a
    temporal word ("since 2014 attacks have risen") it is a year too.
    """
    if spacy_doc is None or YEAR_CUE_END.search(text, max(0, start - 20), start):
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
    if groups.get("holiday") and not bare_holiday(groups["holiday"]):
        return True
    if groups.get("hrel") or groups.get("year"):
        return True
    return HOLIDAY_CUE_END.search(text, max(0, m.start() - 12), m.start()) is not None


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
            if place.country_iso2 and any(s.start == dateline.place.start for s in place.mentions):
                return "mdy" if place.country_iso2 in NUMERIC_MONTH_FIRST else None
    return None
