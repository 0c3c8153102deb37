"""Throughput of the full dateline pipeline against a bare spaCy en_core_web_sm pass, in one process or several.

Both passes read the same articles: the bundled examples (short: about 110 words) repeated to at least
``--articles``, or the articles of ``--corpus`` (e.g. a JSONL of news-length texts).
The bare pass runs spaCy's ``nlp.pipe`` over the cleaned texts; the dateline pass starts from the
raw texts (cleaning included) and ends with the serialisable ``Result`` of every article. Prints
articles/s for both, their ratio (target >= 0.8) and the process's peak RSS.

The two passes alternate ``--repeats`` times and each keeps its fastest run: on a shared 2-core machine a
single pair of runs swings the ratio by +-0.07 with whatever else the machine does.

``--n-process N`` (N > 1) adds two passes: spaCy's own ``nlp.pipe(n_process=N)`` and dateline in N worker
processes (``dateline.workers``: the whole pipeline per document, results in input order, the per-document
budget on), and prints each one's speed-up over its one-process pass (dateline's target: >= 1.8 with 2).

    python bench/throughput.py [--articles 500] [--batch-size 32] [--repeats 3] [--corpus PATH] [--profile-stages]
                               [--n-process N]
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
    parser.add_argument("--n-process", type=int, default=1, help="also time N processes (spaCy's and dateline's)")
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

    passes = {"bare": bare_pass, "full": full_pass}
    if args.n_process > 1:
        from dateline import workers

        multi = config.replace(n_process=args.n_process)

        def bare_multi_pass() -> float:
            start = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=args.batch_size, n_process=args.n_process):
                pass
            return time.perf_counter() - start

        def full_multi_pass() -> float:
            results.clear()
            start = time.perf_counter()
            docs = (
                ingest.from_text(text, source=source, published=published, config=config)
                for source, text, published in sources
            )
            results.extend(workers.extract(docs, multi, pipeline))
            return time.perf_counter() - start

        passes.update({"bare_multi": bare_multi_pass, "full_multi": full_multi_pass})
    runs: dict[str, list[float]] = {name: [] for name in passes}
    for _ in range(max(1, args.repeats)):
        for name, run in passes.items():
            runs[name].append(run())
    best = {name: min(times) for name, times in runs.items()}
    listed = "; ".join(f"{name} {', '.join(f'{t:.1f}' for t in times)}" for name, times in runs.items())
    print(f"runs (s): {listed}", file=sys.stderr)

    rate = {name: n / secs for name, secs in best.items()}
    labels = {
        "bare": "bare spaCy en_core_web_sm (nlp.pipe)",
        "full": "dateline full pipeline (clean → result)",
        "bare_multi": f"bare spaCy, nlp.pipe n_process={args.n_process}",
        "full_multi": f"dateline, {args.n_process} worker processes",
    }
    print(f"\n{'pass':<42} {'articles/s':>10} {'seconds':>8}")
    for name in passes:
        print(f"{labels[name]:<42} {rate[name]:>10.1f} {best[name]:>8.1f}")
    print(f"\nratio dateline / bare spaCy: {rate['full'] / rate['bare']:.2f}  (target >= 0.80)")
    if args.n_process > 1:
        print(f"bare spaCy, {args.n_process} processes / one: {rate['bare_multi'] / rate['bare']:.2f}")
        print(f"dateline, {args.n_process} processes / one: {rate['full_multi'] / rate['full']:.2f}  (target >= 1.80)")
    print(f"events: {sum(len(r.events) for r in results)}, errors: {sum(len(r.errors) for r in results)}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    largest = f" (largest worker: {children:.0f} MB)" if args.n_process > 1 else ""
    print(f"peak RSS: {_peak_rss_mb():.0f} MB{largest}")
    if args.profile_stages:
        print("\nstage time (s), last dateline run:")
        for name, secs in sorted(stage_seconds.items(), key=lambda kv: -kv[1]):
            print(f"  {name:<10} {secs:7.2f}  {100 * secs / best['full']:5.1f} %")


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
