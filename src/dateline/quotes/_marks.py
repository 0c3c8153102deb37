"""Direct quotes from quotation marks alone: plain text in, character spans out (no spaCy).

Paragraphs are scanned one at a time for straight, curly, guillemet and curly single quotes
(:func:`scan_marks`); a quote left open at a paragraph's end whose next paragraph opens with a mark runs
over (:func:`merge_runover`); a doubled apostrophe counts as a straight double quote (:func:`mark_text`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ._lexicon import QUOTE_MARKS

if TYPE_CHECKING:
    pass


_DOUBLED_APOSTROPHE = re.compile(r"''(?=(\w|[\[(]))?")
_OPEN = {"“": "”", "«": "»", "„": "“", '"': '"', "‘": "’"}
# The only characters the mark scans act on; they jump from one to the next.
_RUNOVER_MARKS = re.compile('[“«„”»"]')
_OPENERS = re.compile('[“«„"‘]')
_CLOSING_MARKS = {
    opener: re.compile("[’]" if opener == "‘" else f"[{re.escape(closer)}\n]") for opener, closer in _OPEN.items()
}
# Paragraphs end at a blank line (ingest joins a hard-wrapped paragraph's lines; a hand-built text may keep them).
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(slots=True)
class Direct:
    """A quote between quotation marks (offsets in the text); ``used`` once a cue's quote takes it in (a mixed
    quote's fragment, a quoted transcript line), so it is no quote of its own."""

    start: int  # first quoted character (after the opening mark)
    end: int  # after the last quoted character (before the closing mark)
    open_at: int
    close_at: int | None  # None: the closing mark is missing
    words: int
    used: bool = False


def mark_text(text: str) -> str:
    """The text the quotation-mark scans read: a doubled apostrophe ('') becomes one straight double quote.

    Some wires and archives (the NYT's ''…'') write double quotes as two apostrophes. The pair becomes a
    placeholder and a straight quote (``\x02"`` before a word, ``"\x02`` after one), keeping every offset.
    """
    if "''" not in text:
        return text
    return _DOUBLED_APOSTROPHE.sub(lambda m: '\x02"' if m.group(1) else '"\x02', text)


def direct_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[Direct]:
    """The direct quotes of ``text`` in text order, scanning each paragraph (joined with the next when a quote
    runs over) of ``paragraphs``, (start, end) pairs in order."""
    marks = mark_text(text)
    return [d for p in merge_runover(marks, paragraphs) for d in scan_marks(marks, *p)]


def merge_runover(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join paragraphs where a quote stays open and the next paragraph opens with a quotation mark.

    That is the newspaper convention for a quote running over paragraphs: no closing mark at the end
    of the first, an opening mark at the start of the next.
    """
    merged: list[tuple[int, int]] = []
    for start, end in paragraphs:
        if merged and _open_at_end(text, *merged[-1]) and text[start] in '“«"‘' and _starts_quote_run(text, start):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _starts_quote_run(text: str, start: int) -> bool:
    return text[start] != "‘" or not text[start + 1 : start + 2].isspace()


def _open_at_end(text: str, start: int, end: int) -> bool:
    """Whether a quotation opened in text[start:end] is still open at its end.

    Only a quote that opens a sentence (capitalised) can run over: a fragment such as
    has “escalated to the limit. whose closing mark is lost ends with its paragraph.
    """
    open_at = None
    for m in _RUNOVER_MARKS.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        if ch in "“«„":
            open_at = i
        elif ch in "”»":
            open_at = None
        elif ch == '"':
            open_at = i if open_at is None and _straight_opens(text, i, start) else None
    return open_at is not None and text[open_at + 1 : open_at + 2].isupper()


def _straight_opens(text: str, i: int, floor: int) -> bool:
    before = text[i - 1] if i > floor else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:,\x02") and not (after.isspace() or after == "\x02")


def scan_marks(text: str, start: int, end: int) -> list[Direct]:
    """Quotes opened and closed inside text[start:end] (a paragraph or a run of joined paragraphs)."""
    out: list[Direct] = []
    i = start
    while i < end:
        m = _OPENERS.search(text, i, end)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        is_open = (
            ch in "“«„" or (ch == '"' and _straight_opens(text, i, start)) or (ch == "‘" and _single_opens(text, i))
        )
        if not is_open:
            i += 1
            continue
        close = _closing(text, i, end, ch)
        q_start = i + 1
        if close is None:
            q_end = _paragraph_end(text, i, end)
            out.append(Direct(q_start, rstrip(text, q_start, q_end), i, None, count_words(text[q_start:q_end])))
            i = q_end
            continue
        inner = text[q_start:close]
        if ch == "‘" and len(inner.split()) < 2:
            i += 1
            continue
        out.append(Direct(q_start, rstrip(text, q_start, close, ","), i, close, count_words(inner)))
        i = close + 1
    return out


def _single_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in '(“"[—–:') and after.isalnum()


def _closing(text: str, i: int, end: int, opener: str) -> int | None:
    """Index of the mark closing the quote opened at ``i``; paragraph-internal reopenings are joined."""
    closer = _OPEN[opener]
    marks = _CLOSING_MARKS[opener]
    j = i + 1
    while j < end:
        m = marks.search(text, j, end)
        if m is None:
            return None
        j = m.start()
        ch = text[j]
        if opener == "‘":
            if ch == "’" and (j + 1 >= len(text) or not text[j + 1].isalpha()) and text[j - 1] not in " ":
                return j
        elif ch == closer and (opener != '"' or not _straight_opens(text, j, i + 1)):
            return j
        elif ch == "\n" and not _BLANK_LINE.match(text, j, end):
            j += 1  # a line break inside a paragraph (hard-wrapped text): not a paragraph end
            continue
        elif ch == "\n" and opener != "‘":
            # A run-over quote: skip the paragraph break and the opening mark of the next paragraph.
            k = j
            while k < end and text[k].isspace():
                k += 1
            if k < end and text[k] == opener:
                j = k + 1
                continue
            return None
        elif ch == "\n":
            return None
        j += 1
    return None


def _paragraph_end(text: str, i: int, end: int) -> int:
    blank = _BLANK_LINE.search(text, i, end)
    return end if blank is None else blank.start()


def rstrip(text: str, start: int, end: int, extra: str = "") -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in extra):
        end -= 1
    return end


def count_words(s: str) -> int:
    return len(re.findall(r"\w+", s))


# Cue checks ask of one long clause again and again "how many words?", "any quote mark?": answered from an
# index of the text built once (a str caches its hash, so finding the index again costs nothing), not by a
# scan of the clause per cue, which made a sentence of many ", he said" cues quadratic.
@lru_cache(maxsize=4)
def _text_index(text: str) -> tuple[list[int], list[int], list[int]]:
    words = [m.span() for m in re.finditer(r"\w+", text)]
    marks = [m.start() for m in re.finditer(f"[{re.escape(QUOTE_MARKS)}]", text)]
    return [s for s, _ in words], [e for _, e in words], marks


def words_between(text: str, start: int, end: int) -> int:
    """``count_words(text[start:end])`` without reading the slice: the words of ``text`` the range overlaps."""
    if end <= start:
        return 0
    starts, ends, _ = _text_index(text)
    return bisect_left(starts, end) - bisect_right(ends, start)


def has_quote_mark(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a quote mark, without reading the slice."""
    marks = _text_index(text)[2]
    i = bisect_left(marks, start)
    return i < len(marks) and marks[i] < end
