"""Actors stage: entity mentions grouped and resolved to canonical actors (IS = ISIS = Daesh)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..document import Document
    from ..pipeline import Resources

REQUIRES = ("article", "spacy_doc")
ASSIGNS = ("actors",)


def resolve(doc: Document, resources: Resources) -> None:
    """Fill ``doc.actors``."""
