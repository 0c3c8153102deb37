"""Stance stage: attribution and factuality of each event."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .document import Document
    from .pipeline import Resources

REQUIRES = ("article", "spacy_doc", "quotes", "events")
ASSIGNS = ("event_attribution", "event_factuality")


def assess(doc: Document, resources: Resources) -> None:
    """Set ``attribution`` and ``factuality`` on each event in ``doc.events``."""
