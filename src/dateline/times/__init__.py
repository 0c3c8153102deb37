"""Times stage: time expressions normalised against the publication date or the dateline.

A fast regex path covers what news text mostly says ("in 2014", "April 18, 2017", "on Monday",
"last week", "three years ago", "the past two years"); spaCy DATE/TIME entities that the regexes do
not cover go to ``dateparser`` (imported lazily, cached), which is slow. A relative expression with no
usable anchor keeps ``value=None``: a date is never invented. Ages ("40-year-old") and bare durations
("for three hours") are not points in time and are left out.

The modules, in the order a document goes through them:

- ``_patterns``: the table of (kind, regex) and the cheap tests that decide which patterns can match, and where;
- ``_find``: runs them, drops what is not a time there (counts, ages, "Christmas market"), resolves the rest and
  adds the spaCy entities the patterns missed (read by ``_fallback`` with dateparser);
- ``_tense``: the tense of the clause an expression attaches to ("said on Tuesday", "will meet on Tuesday");
- ``_resolve``: one resolver per kind of expression (``RESOLVERS``), with ``_partial`` for an anchor without a
  year and ``_calendar`` for the date arithmetic;
- ``_join``: neighbours joined ("Sunday, March 3", "March last year", "since 2014", "at the time");
- ``_candidate``: the anchor and the candidate passed between them; ``_lexicon``: the vocabulary (the date
  grammar shared with ingest's dateline parser is in ``dateline.lexicon``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import TimeExpr
from ._find import find

if TYPE_CHECKING:
    from ..document import Document
    from ..resources import Resources

REQUIRES = ("article", "spacy_doc")
ASSIGNS = ("times",)


def normalise(doc: Document, resources: Resources) -> None:
    """Fill ``doc.times`` with the article's time expressions, in text order."""
    candidates = find(doc)
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
