"""The Python API: what ``dateline extract``, ``run`` and ``export`` do, as plain functions.

The CLI and the HTTP API are thin layers over these.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import ingest, workers
from .config import Config
from .document import Document
from .errors import DatelineError
from .model import Result
from .pipeline import Pipeline
from .store import DEFAULT_DB, ExportCount, Store
from .store import export as _export_store

LOGGER = logging.getLogger(__name__)
_PIPELINES: dict[Config, Pipeline] = {}


def get_pipeline(config: Config | None = None) -> Pipeline:
    """The process-wide pipeline for ``config``, built on first use (loading spaCy takes about a second)."""
    config = config or Config()
    if config not in _PIPELINES:
        _PIPELINES[config] = Pipeline(config)
    return _PIPELINES[config]


def _looks_like_path(value: str | os.PathLike) -> bool:
    if isinstance(value, os.PathLike):
        return True
    return "\n" not in value and len(value) < 4096 and os.path.exists(value)


def extract(
    text_or_path: str | os.PathLike,
    *,
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
    config: Config | None = None,
) -> Result:
    """Read one article (a text, or a path to a .txt/.html file) and return everything dateline finds in it.

    For corpora (JSONL, CSV, folders) use :func:`extract_all`, which yields one result per article. One article
    is annotated in this process, without the per-document budget (``doc_timeout``) of :func:`extract_all`.
    """
    config = (config or Config()).replace(published=published) if published else (config or Config())
    if _looks_like_path(text_or_path):
        docs = list(ingest.read_paths([Path(text_or_path)], config))
        if len(docs) != 1:
            raise DatelineError(f"{text_or_path} holds {len(docs)} articles; use dateline.extract_all() for corpora")
        doc = docs[0]
    else:
        doc = ingest.from_text(str(text_or_path), url=url, title=title, config=config)
    return next(get_pipeline(config).process([doc])).result()


def extract_all(
    paths: Iterable[str | os.PathLike],
    *,
    published: str | None = None,
    config: Config | None = None,
    skip: Callable[[str], bool] | None = None,
    on_read: Callable[[Document], None] | None = None,
) -> Iterator[Result]:
    """Yield one :class:`Result` per article found under ``paths`` (files, folders, corpora).

    ``skip(article_id)`` drops articles before the NLP pass (used to resume a run); ``on_read`` is
    called for every document read, e.g. to advance a progress bar.
    """
    config = (config or Config()).replace(published=published) if published else (config or Config())
    docs: Iterable[Document] = ingest.read_paths([Path(p) for p in paths], config)
    if skip is not None:
        docs = (d for d in docs if not skip(d.article.id))
    if on_read is not None:
        docs = _tap(docs, on_read)
    yield from _results(docs, config)


def _results(docs: Iterable[Document], config: Config) -> Iterator[Result]:
    """The pipeline over ``docs``, in input order: in worker processes under the per-document budget
    (:mod:`dateline.workers`) when ``n_process`` > 1 or ``doc_timeout`` is set, else in this process."""
    if not workers.uses_workers(config):
        return (doc.result() for doc in get_pipeline(config).process(docs))
    parent = get_pipeline(config) if workers.start_method(config) == "fork" else None
    return workers.extract(docs, config, parent)


def _tap(docs: Iterable[Document], callback: Callable[[Document], None]) -> Iterator[Document]:
    for doc in docs:
        callback(doc)
        yield doc


@dataclass(slots=True)
class RunSummary:
    """What :func:`run` did: documents read, written, skipped as already stored, with errors; store totals."""

    db: Path
    read: int = 0
    written: int = 0
    skipped: int = 0
    with_errors: int = 0
    store: dict[str, int] = field(default_factory=dict)


def run(
    paths: Iterable[str | os.PathLike],
    *,
    db: str | os.PathLike = DEFAULT_DB,
    published: str | None = None,
    config: Config | None = None,
    progress: Callable[[RunSummary], None] | None = None,
) -> RunSummary:
    """Extract every article under ``paths`` into the DuckDB store ``db``; return what happened.

    Resumable: articles already in the store are skipped before the NLP pass, and results are written
    as they come (in transactions of ``config.batch_size`` articles, each article whole or not at all),
    so a killed run started again finishes the rest without duplicates.
    """
    config = (config or Config()).replace(published=published) if published else (config or Config())
    summary = RunSummary(db=Path(db))
    notify = progress or (lambda _summary: None)
    with Store(db) as store:
        seen: set[str] = set()

        def skip(article_id: str) -> bool:
            if article_id in seen or store.has(article_id):
                summary.read += 1
                summary.skipped += 1
                notify(summary)
                return True
            seen.add(article_id)
            return False

        def on_read(_doc: Document) -> None:
            summary.read += 1
            notify(summary)

        pending: list[Result] = []

        def flush() -> None:
            if not pending:
                return
            summary.written += store.write_many(pending)
            summary.with_errors += sum(1 for r in pending if r.errors)
            LOGGER.info("stored %d article(s) in %s (%d this run)", len(pending), store.path, summary.written)
            pending.clear()
            notify(summary)

        try:
            for result in extract_all(paths, config=config, skip=skip, on_read=on_read):
                pending.append(result)
                if len(pending) >= max(1, config.batch_size):
                    flush()
        finally:
            flush()  # keep what was already extracted, also on Ctrl-C or a --strict failure
        store.cluster_events()
        summary.store = store.summary()
    return summary


def export(db: str | os.PathLike, fmt: str, out: str | os.PathLike, *, merged: bool = False) -> ExportCount:
    """Write the store ``db`` as ``fmt`` (jsonl, parquet, csv or geojson) to ``out``; returns rows written.

    ``merged``: one row per event however many articles report it (csv, parquet, geojson). The result
    is an ``int`` whose ``left_out`` counts events the format could not hold (GeoJSON: no coordinates).
    """
    with Store(db, read_only=True) as store:
        return _export_store(store, fmt, out, merged=merged)
