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
from .ingest.count import InputCount
from .ingest.count import count_inputs as _count_inputs
from .ingest.reading import FileLogFilter
from .model import Result
from .pipeline import Pipeline
from .store import DEFAULT_DB, ExportCount, Store
from .store import export as _export_store
from .store.parquet import import_dataset as import_parquet

__all__ = [
    "FileLogFilter",
    "InputCount",
    "RunSummary",
    "count_inputs",
    "export",
    "extract",
    "extract_all",
    "get_pipeline",
    "run",
]

LOGGER = logging.getLogger(__name__)
_PIPELINES: dict[Config, Pipeline] = {}


def get_pipeline(config: Config | None = None) -> Pipeline:
    """The process-wide pipeline for ``config``, built on first use (loading spaCy takes about a second)."""
    config = config or Config()
    if config not in _PIPELINES:
        _PIPELINES[config] = Pipeline(config)
    return _PIPELINES[config]


# Endings of the files dateline reads: a one-line string ending in one of these is a path, not an article.
_INPUT_ENDINGS = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".csv", ".warc", ".warc.gz")


def _is_path(value: str | os.PathLike, text: bool | None) -> bool:
    """Whether ``extract`` reads ``value`` as a path (see :func:`extract`); raises when it names no file."""
    if text is not None or isinstance(value, os.PathLike):
        if not text and not os.path.lexists(value):
            raise DatelineError(f"{ingest.display_path(value)}: no such file or folder")
        return not text
    if "\n" in value or len(value) >= 4096:
        return False
    if os.path.lexists(value):
        return True
    stripped = value.strip()
    if stripped and (not any(c.isspace() for c in stripped) or stripped.lower().endswith(_INPUT_ENDINGS)):
        raise DatelineError(
            f"{ingest.display_path(stripped)!r}: no such file; it looks like a path, so it is not read as article text "
            "(pass text=True to read it as text)"
        )
    return False


def extract(
    text_or_path: str | os.PathLike,
    *,
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
    config: Config | None = None,
    text: bool | None = None,
) -> Result:
    """Read one article (a text, or a path to a .txt/.html file) and return everything dateline finds in it.

    A string is read as a path when it is one line naming an existing file. A one-line string that names
    no file but looks like a path — no whitespace in it, or ending in an input extension (``.txt``,
    ``.html``, ``.jsonl``, ``.csv``, ``.warc`` …) — raises :class:`DatelineError` naming it, so a
    mistyped path is not taken for an article. ``text=True`` reads the string as text whatever it
    looks like; ``text=False`` as a path. For corpora (JSONL, CSV, folders) use :func:`extract_all`.
    One article is annotated in this process, without the per-document budget (``doc_timeout``) of
    :func:`extract_all`.
    """
    config = (config or Config()).replace(published=published) if published else (config or Config())
    if _is_path(text_or_path, text):
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
    exclude: Iterable[str | os.PathLike] = (),
    tally: ingest.Tally | None = None,
) -> Iterator[Result]:
    """Yield one :class:`Result` per article found under ``paths`` (files, folders, corpora).

    ``skip(article_id)`` drops articles before the NLP pass (used to resume a run); ``on_read`` is
    called for every document read, e.g. to advance a progress bar. Files in ``exclude`` are not read;
    ``tally`` counts what ingest passed over as not an article (see :class:`dateline.ingest.Tally`).
    """
    config = (config or Config()).replace(published=published) if published else (config or Config())
    excluded = [Path(p) for p in exclude]
    docs: Iterable[Document] = ingest.read_paths([Path(p) for p in paths], config, exclude=excluded, tally=tally)
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


def count_inputs(paths: Iterable[str | os.PathLike]) -> InputCount:
    """How many documents ``paths`` hold, counted cheaply (lines, not parsed) for a progress bar's total."""
    return _count_inputs(Path(p) for p in paths)


@dataclass(slots=True)
class RunSummary:
    """What :func:`run` did: documents read, written, skipped as already stored, with errors; store totals.

    ``errors`` counts the errors of the documents written now by ``stage:kind`` (``ingest:empty``).
    """

    db: Path
    read: int = 0
    written: int = 0
    skipped: int = 0
    with_errors: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    store: dict[str, int] = field(default_factory=dict)
    # inputs passed over as not articles, by reason (WARC requests, non-200 responses, the store's own files …)
    passed_over: dict[str, int] = field(default_factory=dict)


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
            summary.with_errors += count_errors(pending, summary.errors)
            LOGGER.info("stored %d article(s) in %s (%d this run)", len(pending), store.path, summary.written)
            pending.clear()
            notify(summary)

        tally = ingest.Tally()
        own = (store.path, Path(f"{store.path}.wal"))
        try:
            for result in extract_all(paths, config=config, skip=skip, on_read=on_read, exclude=own, tally=tally):
                pending.append(result)
                if len(pending) >= max(1, config.batch_size):
                    flush()
        finally:
            flush()  # keep what was already extracted, also on Ctrl-C or a --strict failure
            summary.passed_over = dict(sorted(tally.items()))
        store.cluster_events()
        summary.store = store.summary()
    return summary


def count_errors(results: Iterable[Result], errors: dict[str, int]) -> int:
    """Add the results' errors to ``errors`` by ``stage:kind`` (``ingest:empty``); returns how many results have
    any (a run's summary, a Spark task's row)."""
    with_errors = 0
    for result in results:
        with_errors += bool(result.errors)
        for error in result.errors:
            key = f"{error.stage}:{error.kind}"
            errors[key] = errors.get(key, 0) + 1
    return with_errors


def store_documents(
    docs: Iterable[Document], *, db: str | os.PathLike = DEFAULT_DB, config: Config | None = None
) -> tuple[RunSummary, list[Result]]:
    """Annotate documents already read (``ingest.from_records``, ``from_text``) into the store ``db`` as
    :func:`run` does files: articles already stored are skipped, the rest written in one transaction each, the
    events merged across articles. Returns the summary and the results written (with their errors)."""
    config = config or Config()
    summary = RunSummary(db=Path(db))
    written: list[Result] = []
    with Store(db) as store:
        fresh: list[Document] = []
        seen: set[str] = set()
        for doc in docs:
            summary.read += 1
            if doc.article.id in seen or store.has(doc.article.id):
                summary.skipped += 1
            else:
                seen.add(doc.article.id)
                fresh.append(doc)
        written = list(_results(fresh, config))
        summary.written = store.write_many(written)
        summary.with_errors = count_errors(written, summary.errors)
        store.cluster_events()
        summary.store = store.summary()
    return summary, written


def export(db: str | os.PathLike, fmt: str, out: str | os.PathLike, *, merged: bool = False) -> ExportCount:
    """Write the store ``db`` as ``fmt`` (jsonl, parquet, csv or geojson) to ``out``; returns rows written.

    ``merged``: one row per event however many articles report it (csv, parquet, geojson). The result
    is an ``int`` whose ``left_out`` counts events the format could not hold (GeoJSON: no coordinates).
    """
    with Store(db, read_only=True) as store:
        return _export_store(store, fmt, out, merged=merged)


def import_dataset(folder: str | os.PathLike, *, db: str | os.PathLike = DEFAULT_DB) -> RunSummary:
    """Load a dataset folder written by ``dateline spark run`` (:mod:`dateline.store.parquet`) into the store
    ``db``: articles already stored are left as they are, the events are merged across articles again."""
    summary = RunSummary(db=Path(db))
    with Store(db) as store:
        added = import_parquet(store, Path(folder))
        summary.written = added.get("articles", 0)
        summary.store = store.summary()
    return summary
