"""What one Spark task runs, in a Python worker: its input parts through the pipeline, each part's tables to Parquet.

Rows travel through Spark as Arrow batches of *parts* (a JSON description each), not of articles: a task reads its
parts' bytes itself (:func:`dateline.ingest.read_part`), so articles never cross the JVM, and writes each part's
tables with DuckDB into a local folder, copied to the output when the part is whole, then a marker. A task that dies
half-way leaves no marker and its part is done again by the retry or the next run; files are named by the part's
key, so a redo overwrites them.

The pipeline (spaCy and the shared data, about 3 s and 500 MB) is built once per Python worker and kept for every
task that worker runs (Spark reuses its Python workers); ``loads`` in each part's summary row counts the builds in
its worker, so a run can show it.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import ingest
from ..config import Config
from ..core import count_errors, get_pipeline
from ..store.db import Store
from ..store.parquet import write_part

LOGGER = logging.getLogger(__name__)

DONE_DIR = "_done"

# One row per part: what the task did with it.
SUMMARY_FIELDS = (
    ("key", "string"),
    ("shown", "string"),
    ("start", "bigint"),
    ("documents", "bigint"),
    ("articles", "bigint"),
    ("events", "bigint"),
    ("with_errors", "bigint"),
    ("errors", "string"),  # JSON: {"stage:kind": n}
    ("skipped", "boolean"),  # finished by an earlier run
    ("seconds", "double"),
    ("pid", "bigint"),
    ("loads", "bigint"),
    ("failure", "string"),  # why the part could not be finished (it is retried by the next run)
)

_LOADS: dict[Config, int] = {}


def _pipeline(config: Config) -> Any:
    if config not in _LOADS:
        _LOADS[config] = 1
    return get_pipeline(config)


def output_fs(output: str) -> tuple[Any, str]:
    """The pyarrow filesystem and root path of ``output``: a local folder, or a URI (``s3://``, ``gs://``,
    ``hdfs://``) that every executor can write."""
    from pyarrow import fs

    if "://" not in output:
        output = os.path.abspath(output)
    return fs.FileSystem.from_uri(output)


def is_done(filesystem: Any, root: str, key: str) -> bool:
    from pyarrow import fs

    return filesystem.get_file_info(f"{root}/{DONE_DIR}/{key}.json").type != fs.FileType.NotFound


def run_part(part: ingest.Part, config: Config, output: str) -> dict[str, Any]:
    """Read, annotate and write one part (skipped when an earlier run finished it); its summary row."""
    from pyarrow import fs

    started = time.perf_counter()
    row: dict[str, Any] = {name: None for name, _ in SUMMARY_FIELDS}
    row.update(key=part.key, shown=part.shown, start=part.start, skipped=False, pid=os.getpid())
    filesystem, root = output_fs(output)
    if is_done(filesystem, root, part.key):
        row["skipped"] = True
        return _finish(row, config, started)
    local = Path(tempfile.mkdtemp(prefix=f"dateline-{part.key}-"))
    try:
        counts = _annotate(part, config, local, row)
        marker = dict(part=part.key, file=part.shown, start=part.start, end=part.end, rows=counts)
        for file in sorted(local.rglob("*.parquet")):
            target = f"{root}/{file.relative_to(local / 'out').as_posix()}"
            filesystem.create_dir(target.rpartition("/")[0], recursive=True)
            fs.copy_files(str(file), target, destination_filesystem=filesystem)
        filesystem.create_dir(f"{root}/{DONE_DIR}", recursive=True)
        with filesystem.open_output_stream(f"{root}/{DONE_DIR}/{part.key}.json") as out:
            out.write(json.dumps(marker).encode())
    except Exception as exc:  # the part stays unfinished (no marker); the run says why and goes on
        LOGGER.exception("part %s of %s failed", part.key, part.shown)
        row["failure"] = f"{type(exc).__name__}: {exc}"[:2000]
    finally:
        shutil.rmtree(local, ignore_errors=True)
    return _finish(row, config, started)


def _annotate(part: ingest.Part, config: Config, local: Path, row: dict[str, Any]) -> dict[str, int]:
    """The part's documents through the pipeline into a DuckDB file in ``local``, then its tables as Parquet."""
    pipeline = _pipeline(config)
    errors: dict[str, int] = {}
    documents = with_errors = 0
    seen: set[str] = set()
    with Store(local / "part.duckdb") as store:  # the store's own writer: the same rows as `dateline run`
        pending = []
        for doc in pipeline.process(d for d in ingest.read_part(part, config) if _first(d, seen)):
            documents += 1
            pending.append(doc.result())
            if len(pending) >= max(1, config.batch_size):
                with_errors += count_errors(pending, errors)
                store.write_many(pending)
                pending.clear()
        with_errors += count_errors(pending, errors)
        store.write_many(pending)
        counts = write_part(store, local / "out", part.key)
    (local / "part.duckdb").unlink()
    row.update(documents=documents, articles=counts["articles"], events=counts["events"], with_errors=with_errors)
    row["errors"] = json.dumps(dict(sorted(errors.items())))
    return counts


def _first(doc: Any, seen: set[str]) -> bool:
    """Whether the document's article is not already read in this part (the single-machine run skips it too)."""
    if doc.article.id in seen:
        return False
    seen.add(doc.article.id)
    return True


def _finish(row: dict[str, Any], config: Config, started: float) -> dict[str, Any]:
    row["seconds"] = round(time.perf_counter() - started, 3)
    row["loads"] = _LOADS.get(config, 0)
    return row


def map_parts(batches: Iterator[Any], config: Config, output: str) -> Iterator[Any]:
    """The ``mapInArrow`` function: batches of part descriptions (a JSON list each) in, summary rows out."""
    import pyarrow as pa

    for batch in batches:
        rows = [
            run_part(ingest.Part(**spec), config, output)
            for text in batch.column("parts").to_pylist()
            for spec in json.loads(text)
        ]
        yield pa.RecordBatch.from_pylist(rows, schema=_arrow_schema())


def map_frames(frames: Iterator[Any], config: Config, output: str) -> Iterator[Any]:
    """:func:`map_parts` for ``mapInPandas``: pandas frames of part descriptions in and out."""
    import pyarrow as pa

    for frame in frames:
        for batch in map_parts(iter([pa.RecordBatch.from_pandas(frame, preserve_index=False)]), config, output):
            yield batch.to_pandas()


def _arrow_schema() -> Any:
    import pyarrow as pa

    kinds = {"string": pa.string(), "bigint": pa.int64(), "double": pa.float64(), "boolean": pa.bool_()}
    return pa.schema([(name, kinds[kind]) for name, kind in SUMMARY_FIELDS])
