"""Times stage: time expressions normalised against the publication date or the dateline.

A fast regex path covers what news text mostly says ("in 2014", "April 18, 2017", "on Monday",
"last week", "three years ago", "the past two years"); spaCy DATE/TIME entities that the regexes do
not cover go to ``dateparser`` (imported lazily, cached), which is slow. A relative expression with no
usable anchor keeps ``value=None``: a date is never invented. Ages ("40-year-old") and bare durations
("for three hours") are not points in time and are left out.
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
