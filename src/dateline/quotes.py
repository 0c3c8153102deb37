"""Quotes stage: direct and indirect quotations with speaker, cue and medium."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .document import Document
    from .pipeline import Resources

REQUIRES = ("article", "spacy_doc", "actors")
ASSIGNS = ("quotes",)


def find(doc: Document, resources: Resources) -> None:
    """Fill ``doc.quotes``."""
