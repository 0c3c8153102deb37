"""Name normalisation shared by the gazetteer build and the run-time look-up.

Both sides must turn "Al-Ḩawījah", "al Hawija" and "Hawija" into the same key, so this one module is
imported by ``scripts/build_gazetteer.py`` and by the places stage: change it, rebuild the index.
"""

from __future__ import annotations

import re
import unicodedata

# Arabic article forms written before a name ("Al-Qaim", "Ar Raqqah", "Ash Sharqat", "El Arish").
_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "an", "at", "az", "ash", "adh", "ath", "aş", "ul", "il"})
# "Tall 'Afar" = "Tal Afar" = "Tel Afar" = "Tell Afar": one key.
_TELL = {"tall": "tal", "tel": "tal", "tell": "tal", "til": "tal"}
# Letters NFKD does not decompose into an ASCII base.
_FOLD = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "ı": "i",
        "ħ": "h",
        "þ": "th",
        "ð": "d",
        "œ": "oe",
        "Œ": "oe",
    }
)
_QUOTES = re.compile(r"[\u0027\u2018\u2019\u201b\u02bb\u02bc\u02bd\u02be\u02bf\u0060\u00b4\u2032]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015.,/()_]+")


def fold(text: str) -> str:
    """Lower-case ASCII-ish fold: strip diacritics and apostrophe-like marks, unify separators."""
    text = _QUOTES.sub("", text.translate(_FOLD))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", text).strip().lower()


def normalise(name: str) -> str:
    """The look-up key of a place name: folded, leading Arabic article dropped, Tall/Tel and -ah/-a unified."""
    words = fold(name).split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    if len(words) > 1 and words[0] in _TELL:
        words[0] = _TELL[words[0]]
    # Final ta marbuta is written both ways: "Hawijah"/"Hawija", "Raqqah"/"Raqqa".
    return " ".join(w[:-1] if len(w) >= 5 and w.endswith("ah") else w for w in words)


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin script (alternate names in other scripts are skipped)."""
    return all(unicodedata.name(c, "").startswith("LATIN") for c in name if c.isalpha())


# --- bounded fuzzy matching -------------------------------------------------------------------------
# Transliteration variants the alternate names miss ("Hawijah"/"Huwija", "Fallujah"/"Faluja") are one or two
# edits from a known key. The index stores, per key, a prefix and a suffix whose lengths depend only on the
# key's length; by the pigeonhole principle a key within the allowed distance of a query shares one of them
# exactly (one edit leaves one half intact; two edits leave the first or the last third intact, or else only
# the middle one, which this bounded fallback gives up on), so a look-up is a few indexed point queries.
FUZZY_MIN = 6  # names shorter than this are never matched fuzzily: too many neighbours


def fuzzy_distance(length: int) -> int:
    """Edits allowed for a name key of ``length`` characters: 0 below 6, 1 from 6, 2 from 10."""
    return 0 if length < FUZZY_MIN else 1 if length < 10 else 2


def fuzzy_part(length: int) -> int:
    """Length of the prefix and suffix stored for a key of ``length``: halves for one allowed edit, thirds for two."""
    return (length + 1) // 2 if fuzzy_distance(length) <= 1 else length // 3


def fuzzy_affixes(key: str) -> tuple[str, str]:
    """The (prefix, suffix) stored for ``key``."""
    part = fuzzy_part(len(key))
    return key[:part], key[len(key) - part :]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (edits and adjacent transpositions), or ``limit + 1`` once above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]
