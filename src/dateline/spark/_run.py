"""The driver of ``dateline spark run``: plan the parts, run them as Spark tasks, merge, summarise."""

from __future__ import annotations

import glob
import json
import logging
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .. import ingest
from ..config import Config
from ..errors import DatelineError
from . import _merge, _task

LOGGER = logging.getLogger(__name__)

# Small files are given to tasks together, up to this many per task (and about split_bytes of them).
FILES_PER_TASK = 64


@dataclass(slots=True)
class SparkSummary:
    """What a Spark run did: parts planned, done now and finished before; documents, articles and events written;
    errors by ``stage:kind``; parts that failed (retried by the next run); Python workers and pipeline builds."""

    output: str
    parts: int = 0
    done_before: int = 0
    documents: int = 0
    articles: int = 0
    events: int = 0
    with_errors: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    workers: int = 0
    pipeline_builds: int = 0
    dataset_events: int = 0
    clusters: int = 0
    seconds: float = 0.0
    seconds_merge: float = 0.0  # of ``seconds``: the cross-article merge and the event table


def session(master: str | None = None, *, app: str = "dateline", memory: str = "2g") -> Any:
    """A Spark session: the running one under ``spark-submit``, else a local one on ``master`` (``local[*]``)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - the extra is not installed
        raise DatelineError("Spark needs the spark extra: pip install 'dateline[spark]'") from exc
    active = SparkSession.getActiveSession()
    if active is not None and master is None:
        return active
    if master is None and "PYSPARK_GATEWAY_PORT" in os.environ:  # under spark-submit: its master and settings
        return SparkSession.builder.appName(app).getOrCreate()
    # local workers run this interpreter (with dateline and pyarrow), not whatever `python3` is on the PATH
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = (
        SparkSession.builder.appName(app)
        .master(master or "local[*]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", memory)
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.python.worker.reuse", "true")
    )
    return builder.getOrCreate()


def _tasks(parts: list[ingest.Part], split_bytes: int) -> list[list[ingest.Part]]:
    """Parts grouped into tasks: each part of a cut file alone, whole small files together."""
    tasks: list[list[ingest.Part]] = []
    group: list[ingest.Part] = []
    size = 0
    for part in parts:
        if not part.whole:
            tasks.append([part])
            continue
        if group and (size + part.size > split_bytes or len(group) >= FILES_PER_TASK):
            tasks.append(group)
            group, size = [], 0
        group.append(part)
        size += part.size
    if group:
        tasks.append(group)
    return tasks


def run(
    inputs: Iterable[str | os.PathLike],
    output: str | os.PathLike,
    *,
    master: str | None = None,
    config: Config | None = None,
    split_bytes: int = ingest.SPLIT_BYTES,
    spark: Any = None,
    batches: str = "arrow",
) -> SparkSummary:
    """Extract every article under ``inputs`` on Spark into the dataset folder ``output`` (see
    :mod:`dateline.store.parquet`), then merge the events across articles. Parts an earlier run finished are
    skipped; bad records become error rows. Inputs must be readable at the same paths by every executor.
    ``batches``: how tasks receive their parts, ``"arrow"`` (``mapInArrow``) or ``"pandas"`` (``mapInPandas``;
    ``bench/spark.py`` compares them)."""
    started = time.perf_counter()
    config = config or Config()
    output = str(output) if "://" in str(output) else os.path.abspath(output)
    parts = ingest.plan(_expand(inputs), split_bytes=split_bytes)
    summary = SparkSummary(output=output, parts=len(parts))
    if not parts:
        raise DatelineError("no input files under the paths given")
    spark = spark or session(master)
    tasks = _tasks(parts, split_bytes)
    specs = [(json.dumps([asdict(p) for p in task]),) for task in tasks]
    frame = spark.createDataFrame(spark.sparkContext.parallelize(specs, len(specs)), "parts string")
    schema = ", ".join(f"{name} {kind}" for name, kind in _task.SUMMARY_FIELDS)
    if batches == "pandas":
        rows = frame.mapInPandas(partial(_task.map_frames, config=config, output=output), schema).collect()
    else:
        rows = frame.mapInArrow(partial(_task.map_parts, config=config, output=output), schema).collect()
    _tally(summary, [r.asDict() for r in rows])
    if summary.failed:
        LOGGER.warning("%d part(s) failed and are left for the next run", len(summary.failed))
    merging = time.perf_counter()
    counts = _merge.merge(spark, output)
    summary.seconds_merge = round(time.perf_counter() - merging, 2)
    summary.dataset_events, summary.clusters = counts["events"], counts["clusters"]
    summary.seconds = round(time.perf_counter() - started, 2)
    return summary


def _expand(inputs: Iterable[str | os.PathLike]) -> list[Path]:
    """The input paths, glob patterns (``crawl/*.warc.gz``, ``**`` too) expanded in sorted order."""
    paths: list[Path] = []
    for item in inputs:
        text = os.fspath(item)
        if not os.path.lexists(text) and any(c in text for c in "*?["):
            found = sorted(glob.glob(text, recursive=True))
            if not found:
                raise DatelineError(f"{text}: no file matches")
            paths.extend(Path(f) for f in found)
        else:
            paths.append(Path(text))
    return paths


def _tally(summary: SparkSummary, rows: list[dict[str, Any]]) -> None:
    builds: dict[int, int] = {}
    for row in rows:
        if row["skipped"]:
            summary.done_before += 1
            continue
        if row["failure"]:
            summary.failed[f"{row['shown']}@{row['start']}"] = row["failure"]
            continue
        for name in ("documents", "articles", "events", "with_errors"):
            setattr(summary, name, getattr(summary, name) + (row[name] or 0))
        for kind, n in json.loads(row["errors"] or "{}").items():
            summary.errors[kind] = summary.errors.get(kind, 0) + n
        builds[row["pid"]] = max(builds.get(row["pid"], 0), row["loads"] or 0)
    summary.workers = len(builds)
    summary.pipeline_builds = sum(builds.values())
