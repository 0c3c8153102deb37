"""Places stage: toponyms resolved to GeoNames entries."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..document import Document
    from ..pipeline import Resources

REQUIRES = ("article", "spacy_doc", "actors")
ASSIGNS = ("places",)


def resolve(doc: Document, resources: Resources) -> None:
    """Fill ``doc.places``."""
