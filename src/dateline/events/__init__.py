"""Events stage: PLOVER events with source, target, place, date and trigger."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..document import Document
    from ..pipeline import Resources

REQUIRES = ("article", "spacy_doc", "actors", "places", "times")
ASSIGNS = ("events",)


def extract(doc: Document, resources: Resources) -> None:
    """Fill ``doc.events``."""
