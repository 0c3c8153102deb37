"""Times stage: time expressions normalised against the publication date or the dateline."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .document import Document
    from .pipeline import Resources

REQUIRES = ("article", "spacy_doc")
ASSIGNS = ("times",)


def normalise(doc: Document, resources: Resources) -> None:
    """Fill ``doc.times``."""
