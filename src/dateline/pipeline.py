"""Runs the stages over documents: one spaCy pass per article, then each stage in order.

The spaCy ``Language`` and every stage's shared data (gazetteer, actor knowledge base, matchers)
are built once per :class:`Pipeline`, never per document. A stage that fails on one document
records a :class:`~dateline.model.StageError` on it and the batch goes on (``strict`` re-raises).
"""

from __future__ import annotations

import gc
import logging
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from types import ModuleType
from typing import Any

from . import actors, casualties, consolidate, events, places, quotes, stance, times
from .config import Config
from .document import FIELDS, Document, is_field
from .errors import PipelineError
from .model import Article, StageError
from .resources import Resources

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    run: Callable[[Document, Resources], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    configure: Callable[[Any, Config], None] | None = None


def _stage(name: str, module: ModuleType, entry: str) -> Stage:
    return Stage(
        name=name,
        run=getattr(module, entry),
        requires=tuple(module.REQUIRES),
        assigns=tuple(module.ASSIGNS),
        configure=getattr(module, "configure", None),
    )


# The registry: stage name -> entry function, in running order. tests/test_pipeline.py snapshots it.
STAGES: dict[str, Stage] = {
    s.name: s
    for s in (
        _stage("actors", actors, "resolve"),
        _stage("places", places, "resolve"),
        _stage("times", times, "normalise"),
        _stage("quotes", quotes, "find"),
        _stage("events", events, "extract"),
        _stage("casualties", casualties, "count"),
        _stage("stance", stance, "assess"),
        _stage("consolidate", consolidate, "consolidate"),
    )
}

# What exists before the first stage runs: the cleaned article and its spaCy parse.
_GIVEN = ("article", "spacy_doc")


def load_spacy(config: Config) -> Any:
    import spacy

    try:
        return spacy.load(config.spacy_model)
    except OSError as exc:
        raise PipelineError(
            f"spaCy model {config.spacy_model!r} is not installed; install dateline's dependencies "
            "(pip install -r requirements.lock)"
        ) from exc


def check_order(stages: Iterable[Stage]) -> None:
    """Refuse a stage list in which a stage names what is not a Document field, or requires something no earlier
    stage assigns. Names are Document fields, or ``events.x`` / ``quotes.x`` for a field of each event or quote."""
    available = set(_GIVEN)
    for stage in stages:
        unknown = [n for n in (*stage.requires, *stage.assigns) if not is_field(n)]
        if unknown:
            raise PipelineError(
                f"stage {stage.name!r} declares {', '.join(unknown)}, which {'is' if len(unknown) == 1 else 'are'} "
                f"not a field of Document (or of its events or quotes); fields: {', '.join(sorted(FIELDS))}"
            )
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage assigns; "
                f"available then: {', '.join(sorted(available))}"
            )
        available.update(stage.assigns)


class Pipeline:
    """The whole understanding pipeline. Build once, then call on many documents."""

    def __init__(self, config: Config | None = None, nlp: Any = None, stages: Iterable[str] | None = None):
        self.config = config or Config()
        names = list(stages) if stages is not None else list(STAGES)
        unknown = [n for n in names if n not in STAGES]
        if unknown:
            raise PipelineError(f"unknown stage(s) {unknown}; available: {list(STAGES)}")
        self.stages = [STAGES[n] for n in names]
        check_order(self.stages)
        self.nlp = nlp if nlp is not None else load_spacy(self.config)
        for stage in self.stages:
            if stage.configure is not None:
                stage.configure(self.nlp, self.config)
        self.resources = Resources(self.config, self.nlp)
        if self.config.freeze_gc:
            gc.freeze()

    def process(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Annotate documents in batches, yielding them in input order, in this process.

        Documents that ingest already marked as failed (no text) pass through untouched. Parallelism and the
        per-document budget are :mod:`dateline.workers`' (``Config.n_process``, ``doc_timeout``), which runs this
        in each worker process.
        """
        iterator = iter(docs)
        batch_size = max(1, self.config.batch_size)
        while batch := list(islice(iterator, batch_size * 4)):
            parsable = [d for d in batch if d.article.text and not d.errors]
            prepared = (_with_boundaries(make_doc(self.nlp, d.article.text), d.article) for d in parsable)
            parsed = iter(self.nlp.pipe(prepared, batch_size=batch_size))
            to_parse = {id(d) for d in parsable}
            for doc in batch:  # each document as soon as its stages are done (workers report per document)
                if id(doc) in to_parse:
                    doc.spacy_doc = next(parsed)
                    self._run_stages(doc)
                yield doc

    def __call__(self, doc: Document) -> Document:
        return next(self.process([doc]))

    def _run_stages(self, doc: Document) -> None:
        for stage in self.stages:
            try:
                stage.run(doc, self.resources)
            except Exception as exc:  # a stage bug must not lose the batch; the error is kept per document
                if self.config.strict:
                    raise
                LOGGER.warning("stage %s failed on %s: %s", stage.name, doc.article.id, exc, exc_info=True)
                doc.errors.append(
                    StageError(stage=stage.name, kind="stage-failed", message=f"{type(exc).__name__}: {exc}")
                )


# spaCy's tokenizer strips prefixes and suffixes from a whitespace-free chunk one at a time, searching the
# whole rest of the chunk for each suffix: a chunk that splits into many tokens (runs of ' ( “ , or 's's's)
# costs its length times its token count, 40 s for 20k characters. No chunk in news text comes near this
# length (the longest in 1,250 real articles: 84 characters, a URL), so the guard never touches one.
_LONG_CHUNK = 128
_PIECE = 32
_CHUNK = re.compile(rf"\S{{{_LONG_CHUNK + 1},}}")
_PUNCTUATION = re.compile(r"[^\w\s]+")


def make_doc(nlp: Any, text: str) -> Any:
    """Tokenize ``text`` as ``nlp.make_doc`` does, in time linear in its length.

    A whitespace-free chunk longer than ``_LONG_CHUNK`` characters is tokenized in pieces: every
    ``_PIECE``-th character of the chunk is a token of its own, and the text between them is tokenized
    as usual (a piece of punctuation alone is one token). The pieces are joined into one Doc (norms and
    whitespace kept), so ``Doc.text == text`` and every token offset points into the article's text, as
    stages expect. Text without such a chunk is tokenized exactly as before, in one call.
    """
    breaks: list[int] = []
    for match in _CHUNK.finditer(text):
        breaks.extend(range(match.start() + _PIECE - 1, match.end() - 1, _PIECE))
    if not breaks:
        return nlp.make_doc(text)
    import numpy
    from spacy.attrs import NORM, ORTH, SPACY
    from spacy.tokens import Doc

    pieces, start = [], 0
    for i in breaks:
        pieces += [text[start:i], text[i]]
        start = i + 1
    pieces.append(text[start:])
    rows = numpy.concatenate([_piece(nlp, piece).to_array([ORTH, NORM, SPACY]) for piece in pieces if piece])
    doc = Doc(nlp.vocab, words=rows[:, 0].tolist(), spaces=rows[:, 2].astype(bool).tolist())
    doc.from_array([NORM], rows[:, 1:2])
    return doc


def _piece(nlp: Any, piece: str) -> Any:
    """A piece of a long chunk as tokens: punctuation alone (a run of ' or “) is one token, not one per character,
    so the tagger and parser read a few thousand tokens where the run has hundreds of thousands of characters."""
    if _PUNCTUATION.fullmatch(piece):
        from spacy.tokens import Doc

        return Doc(nlp.vocab, words=[piece], spaces=[False])
    return nlp.make_doc(piece)


def _with_boundaries(spacy_doc: Any, article: Article) -> Any:
    """Mark sentence starts the parser must respect: every paragraph, and the story after its dateline.

    Without this the parser runs sentences across paragraphs and reads "KHARTOUM, March 3 — Police
    fired ..." as KHARTOUM firing.
    """
    starts = [p.start for p in article.paragraphs[1:]]
    if article.dateline is not None and article.dateline.span is not None:
        starts.append(article.dateline.span.end)
    if not starts or len(spacy_doc) < 2:
        return spacy_doc
    offsets = spacy_doc.to_array("IDX").tolist()  # one array read, no Token objects
    for start in starts:
        i = bisect_left(offsets, start)
        if 0 < i < len(spacy_doc):
            spacy_doc[i].is_sent_start = True
    return spacy_doc
