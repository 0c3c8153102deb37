"""dateline on Spark against the single machine, on the same articles: articles/s and the overhead ratio.

Writes one JSON Lines corpus of ``--articles`` articles (the bundled examples, or the articles of ``--corpus``,
repeated under distinct URLs so none is skipped as already read), then times, each into a fresh output:

- ``dateline run`` in one process and with ``--n-process 2`` (worker processes, the per-article budget on);
- ``dateline spark run`` on ``local[1]`` and ``local[2]`` (the JSONL file cut into parts of ``--split-mb``), the
  Spark session started before the clock (a cluster has one already), the merge job included.

Prints a table and the ratio Spark local[2] / single machine with 2 processes (goal: >= 0.85), and from the
per-core rate of Spark local[2] an estimate of the cluster for ``--year-articles`` articles.

    python bench/spark.py [--articles 2000] [--corpus PATH] [--split-mb 1] [--pandas]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _corpus(n: int, source: Path | None, out: Path) -> tuple[int, float]:
    from dateline import ingest
    from dateline.config import Config

    docs = [d for d in ingest.read_paths([source or ROOT / "examples"], Config()) if d.article.text and not d.errors]
    if not docs:
        sys.exit(f"no readable articles under {source}")
    words = 0
    with out.open("w", encoding="utf-8") as fh:
        for i in range(n):
            art = docs[i % len(docs)].article
            words += len(art.text.split())
            record = {"url": f"https://bench.example/{i}", "text": art.text, "published": art.published}
            fh.write(json.dumps(record) + "\n")
    return len(docs), words / n


def _single(corpus: Path, work: Path, n_process: int) -> tuple[float, int]:
    from dateline import core
    from dateline.config import Config

    db = work / f"single-{n_process}.duckdb"
    started = time.perf_counter()
    summary = core.run([corpus], db=db, config=Config(n_process=n_process))
    return time.perf_counter() - started, summary.written


def _spark(corpus: Path, work: Path, cores: int, split: int, batches: str = "arrow") -> tuple[float, int, float, int]:
    from dateline import spark

    started = time.perf_counter()
    session = spark.session(f"local[{cores}]")
    session.range(1).count()  # the JVM and the first executor up
    startup = time.perf_counter() - started
    out = work / f"spark-{cores}-{batches}"
    started = time.perf_counter()
    summary = spark.run([corpus], out, spark=session, split_bytes=split, batches=batches)
    seconds = time.perf_counter() - started
    session.stop()
    return seconds, summary.articles, startup, summary.pipeline_builds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--corpus", type=Path, default=None, help="articles to use instead of examples/")
    parser.add_argument("--split-mb", type=float, default=1.0, help="cut the corpus into parts of this size")
    parser.add_argument(
        "--year-articles", type=float, default=120e6, help="articles a year for the cluster estimate (CC-NEWS en)"
    )
    parser.add_argument("--pandas", action="store_true", help="also local[2] with mapInPandas instead of mapInArrow")
    parser.add_argument("--vcpu-hour-usd", type=float, default=0.045, help="list price of one vCPU-hour")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="dateline-bench-spark-"))
    try:
        corpus = work / "corpus.jsonl"
        distinct, words = _corpus(args.articles, args.corpus, corpus)
        print(f"{args.articles} articles ({distinct} distinct, {words:.0f} words on average)", file=sys.stderr)
        rows = []
        for n in (1, 2):
            seconds, written = _single(corpus, work, n)
            rows.append((f"dateline run, {n} process{'es' if n > 1 else ''}", written, seconds, ""))
        for cores in (1, 2):
            seconds, written, startup, builds = _spark(corpus, work, cores, int(args.split_mb * (1 << 20)))
            note = f"session start {startup:.1f} s (not counted); pipeline built {builds}x"
            rows.append((f"dateline spark run, local[{cores}]", written, seconds, note))
        if args.pandas:
            seconds, written, startup, builds = _spark(corpus, work, 2, int(args.split_mb * (1 << 20)), "pandas")
            rows.append(("dateline spark run, local[2], mapInPandas", written, seconds, f"pipeline built {builds}x"))
        print("\n| run | articles | seconds | articles/s | note |\n| --- | ---: | ---: | ---: | --- |")
        for name, written, seconds, note in rows:
            print(f"| {name} | {written} | {seconds:.1f} | {written / seconds:.1f} | {note} |")
        single2 = rows[1][1] / rows[1][2]
        spark2 = rows[3][1] / rows[3][2]
        print(f"\nSpark local[2] / single machine 2 processes: {spark2 / single2:.2f} (goal >= 0.85)")
        per_core = spark2 / 2
        core_hours = args.year_articles / per_core / 3600
        print(
            f"per core: {per_core:.1f} articles/s; {args.year_articles:,.0f} articles: {core_hours:,.0f} core-hours "
            f"(~${core_hours * args.vcpu_hour_usd:,.0f} at ${args.vcpu_hour_usd}/vCPU-hour, one vCPU per core); "
            f"on 100 cores {core_hours / 100:,.0f} h"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
