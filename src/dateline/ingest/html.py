"""HTML to article text and metadata: trafilatura for the main text, then our news post-cleaning.

Why trafilatura: it is the most accurate open extractor on news benchmarks and gives the page's title,
date, author and site name too. We run its precise mode and fall back to its recall mode when the precise
pass keeps too little of the page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ..errors import InputError

LOGGER = logging.getLogger(__name__)

# The precise pass is redone in recall mode when it keeps less than this share of the recall pass's text.
_RECALL_FALLBACK_RATIO = 0.5


@dataclass(slots=True)
class Extracted:
    """What an HTML page holds: the main text (one paragraph per line) and its metadata."""

    text: str
    title: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    site: str | None = None


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """Extract the main text and metadata of a page; raises :class:`InputError` ``no-content`` when there is none."""
    from trafilatura import bare_extraction

    if not html.strip():
        raise InputError("empty", "the HTML input is empty")
    result = bare_extraction(
        html, url=url, favor_precision=True, with_metadata=True, include_comments=False, include_tables=True
    )
    text = (result.text or "") if result is not None else ""
    if len(text) < 500:
        recall = bare_extraction(
            html, url=url, favor_recall=True, with_metadata=result is None, include_comments=False, include_tables=True
        )
        recall_text = (recall.text or "") if recall is not None else ""
        if len(text) < _RECALL_FALLBACK_RATIO * len(recall_text):
            LOGGER.debug("precise extraction kept %d of %d characters: using recall mode", len(text), len(recall_text))
            text = recall_text
            if result is None:
                result = recall
    if result is None or not text.strip():
        raise InputError("no-content", "no article text found in the HTML (broken or not an article page)")
    authors = tuple(a.strip() for a in (result.author or "").split(";") if a.strip())
    return Extracted(
        text=text,
        title=result.title or None,
        date=result.date or None,
        authors=authors,
        url=result.url or url,
        site=result.sitename or None,
    )
