"""Throughput of the full dateline pipeline against a bare spaCy en_core_web_sm pass, in one process.

Both passes read the same articles: the bundled examples (short: about 110 words) repeated to at least
``--articles``, or the articles of ``--corpus`` (e.g. a JSONL of news-length texts).
The bare pass runs spaCy's ``nlp.pipe`` over the cleaned texts; the dateline pass starts from the
raw texts (cleaning included) and ends with the serialisable ``Result`` of every article. Prints
articles/s for both, their ratio (target >= 0.8) and the process's peak RSS.

The two passes alternate ``--repeats`` times and each keeps its fastest run: on a shared 2-core machine a
single pair of runs swings the ratio by +-0.07 with whatever else the machine does.

    python bench/throughput.py [--articles 500] [--batch-size 32] [--repeats 3] [--corpus PATH] [--profile-stages]
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _example_documents(config, corpus: Path | None = None):
    from dateline import ingest

    folder = corpus or ROOT / "examples"
    docs = [d for d in ingest.read_paths([folder], config) if d.article.text and not d.errors]
    if not docs:
        sys.exit(f"no readable articles under {folder}")
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=3, help="alternate the passes this often; keep the fastest")
    parser.add_argument(
        "--corpus", type=Path, default=None, help="articles to read instead of examples/ (a file, folder or corpus)"
    )
    parser.add_argument("--profile-stages", action="store_true", help="also print time per stage")
    args = parser.parse_args()

    import spacy

    from dateline import ingest
    from dateline.config import Config
    from dateline.pipeline import Pipeline

    config = Config(batch_size=args.batch_size)
    examples = _example_documents(config, args.corpus)
    repeats = -(-args.articles // len(examples))
    sources = [(d.article.source, d.article.text, d.article.published) for d in examples] * repeats
    sources = sources[: max(args.articles, len(examples))]
    n = len(sources)
    words = sum(len(text.split()) for _, text, _ in sources)
    print(f"{n} articles ({len(examples)} distinct), {words / n:.0f} words on average", file=sys.stderr)

    nlp = spacy.load(config.spacy_model)
    if config.freeze_gc:
        gc.freeze()  # as Pipeline does, so both passes run with the same garbage collector settings
    texts = [text for _, text, _ in sources]
    list(nlp.pipe(texts[:8]))  # warm-up

    def bare_pass() -> float:
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        return time.perf_counter() - start

    pipeline = Pipeline(config, nlp=nlp)  # the same Language: one model in memory
    stage_seconds: dict[str, float] = defaultdict(float)
    if args.profile_stages:
        _instrument(pipeline, stage_seconds)
    list(pipeline.process(ingest.from_text(t, config=config) for t in texts[:8]))  # warm-up
    results: list = []

    def full_pass() -> float:
        stage_seconds.clear()
        results.clear()
        start = time.perf_counter()
        for doc in pipeline.process(
            ingest.from_text(text, source=source, published=published, config=config)
            for source, text, published in sources
        ):
            results.append(doc.result())
        return time.perf_counter() - start

    bare_runs, full_runs = [], []
    for _ in range(max(1, args.repeats)):
        bare_runs.append(bare_pass())
        full_runs.append(full_pass())
    bare_seconds, full_seconds = min(bare_runs), min(full_runs)
    bare_list, full_list = ", ".join(f"{t:.1f}" for t in bare_runs), ", ".join(f"{t:.1f}" for t in full_runs)
    print(f"runs (s): bare {bare_list}; dateline {full_list}", file=sys.stderr)

    bare_rate, full_rate = n / bare_seconds, n / full_seconds
    rows = [
        ("bare spaCy en_core_web_sm (nlp.pipe)", f"{bare_rate:.1f}", f"{bare_seconds:.1f}"),
        ("dateline full pipeline (clean → result)", f"{full_rate:.1f}", f"{full_seconds:.1f}"),
    ]
    print(f"\n{'pass':<42} {'articles/s':>10} {'seconds':>8}")
    for name, rate, secs in rows:
        print(f"{name:<42} {rate:>10} {secs:>8}")
    print(f"\nratio dateline / bare spaCy: {full_rate / bare_rate:.2f}  (target >= 0.80)")
    print(f"events: {sum(len(r.events) for r in results)}, errors: {sum(len(r.errors) for r in results)}")
    print(f"peak RSS: {_peak_rss_mb():.0f} MB")
    if args.profile_stages:
        print("\nstage time (s), last dateline run:")
        for name, secs in sorted(stage_seconds.items(), key=lambda kv: -kv[1]):
            print(f"  {name:<10} {secs:7.2f}  {100 * secs / full_seconds:5.1f} %")


def _instrument(pipeline, totals: dict[str, float]) -> None:
    """Wrap each stage's entry function to add its run time to ``totals``."""
    import dataclasses

    def timed(stage):
        def run(doc, resources):
            t0 = time.perf_counter()
            try:
                stage.run(doc, resources)
            finally:
                totals[stage.name] += time.perf_counter() - t0

        return dataclasses.replace(stage, run=run)

    pipeline.stages = [timed(s) for s in pipeline.stages]


if __name__ == "__main__":
    main()
