"""Number phrases: where they are in the text ("at least 12", "between 10 and 15", "dozens", "a dozen",
"twenty-five") and the low, high and qualifier each one gives."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ._lexicon import _ANCHOR, _NUMBER_WORDS, _PHRASE, _QUALIFIERS, _SCALES, _TENS, _VAGUE, _WORD_START


def _phrases(text: str) -> Iterator[re.Match]:
    """The number phrases of ``text``, longest first at each place, in text order."""
    done = 0
    for anchor in _ANCHOR.finditer(text):
        a = anchor.start()
        if a < done:
            continue
        window_start = max(done, a - 40)
        for ws in [w.start() for w in _WORD_START.finditer(text, window_start, a)] + [a]:
            m = _PHRASE.match(text, ws)
            if m is not None and m.start() <= a < m.end() and (ws == 0 or not text[ws - 1].isalnum()):
                yield m
                done = m.end()
                break


def _value(text: str) -> int | None:
    """The integer a number phrase names: "3,000", "1.5 million", "twenty-five", "a dozen", "two hundred"."""
    t = re.sub(r"\s+", " ", text.lower().replace("-", " ")).strip()
    if t in ("a dozen",):
        return 12
    if t == "half a dozen":
        return 6
    if t in ("a couple of", "a pair of"):
        return 2
    parts = t.split(" ")
    scale = 1
    if parts[-1] in _SCALES:
        scale = _SCALES[parts.pop()]
    if not parts or parts == ["a"] or parts == ["an"]:
        return scale
    head = " ".join(parts)
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", head):
        return round(float(head.replace(",", "")) * scale)
    total = 0
    for p in parts:
        if p in _NUMBER_WORDS:
            total += _NUMBER_WORDS[p]
        elif p in _TENS:
            total += _TENS[p]
        else:
            return None
    return total * scale


def _bounds(m: re.Match) -> tuple[int | None, int | None, str] | None:
    """(low, high, qualifier) of a number phrase match."""
    qual = _QUALIFIERS.get(re.sub(r"\s+", " ", m.group("qual").lower())) if m.group("qual") else None
    if m.group("lo") or m.group("lo2") or m.group("lo3"):
        lo = _value(m.group("lo") or m.group("lo2") or m.group("lo3"))
        hi = _value(m.group("hi") or m.group("hi2") or m.group("hi3"))
        if lo is None or hi is None or hi <= lo:
            return None
        return lo, hi, "range"
    if m.group("vague"):
        v = re.sub(r"\s+", " ", m.group("vague").lower())
        if v in _VAGUE:
            return _VAGUE[v], None, "vague"
        word, _, scale = v.rpartition(" ")
        base = {"several": 3, "a few": 2}.get(word, 2)
        return base * {"dozen": 12, "hundred": 100, "thousand": 1000}[scale], None, "vague"
    value = _value(m.group("num"))
    if value is None:
        return None
    if m.group("num").lower().strip().endswith("dozen") and qual is None:
        qual = "about"
    if qual == "at-least":
        return value, None, "at-least"
    if qual == "at-most":
        return None, value, "at-most"
    if qual == "about":
        return value, value, "about"
    return value, value, "exact"
