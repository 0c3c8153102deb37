"""Score dateline's HTML reader on the Zyte article-extraction benchmark, against trafilatura alone.

Why: the HTML reader must keep the story and drop the page around it; this prints precision, recall,
F1 and exact-match accuracy with the benchmark's own scorer (4-gram shingles, per-page normalised) for
our reader and for trafilatura 2.3.1 (default and favor_precision), plus pages per second.

    python eval/html_extraction.py [--shared PATH] [--variant ours --variant trafilatura --variant precision]
    python eval/html_extraction.py --trafilatura-eval     # also the secondary, mostly German trafilatura set

Eval data is read from ``<shared>/eval/html/zyte-aeb/`` (``html/*.html.gz``, ``ground-truth.json.gz``,
``evaluate.py``) and, on request, straight out of ``trafilatura-eval/trafilatura-tests-eval.tar.xz``;
nothing is copied into the repository.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import re
import sys
import tarfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))


def _ours() -> Callable[[str | bytes], str]:
    from dateline.config import Config
    from dateline.ingest import from_html

    config = Config()
    return lambda html: from_html(html, source="zyte", config=config).article.text


def _trafilatura(**options: bool) -> Callable[[], Callable[[str | bytes], str]]:
    def build() -> Callable[[str | bytes], str]:
        import trafilatura

        return lambda html: trafilatura.extract(html, **options) or ""

    return build


VARIANTS: dict[str, tuple[str, Callable[[], Callable[[str | bytes], str]]]] = {
    "ours": ("dateline ingest.from_html", _ours),
    "trafilatura": ("trafilatura 2.3.1 default", _trafilatura()),
    "precision": ("trafilatura favor_precision", _trafilatura(favor_precision=True)),
    "recall": ("trafilatura favor_recall", _trafilatura(favor_recall=True)),
}


def load_scorer(bench: Path) -> ModuleType:
    """Import the benchmark's own ``evaluate.py`` by path (it has no dependencies)."""
    spec = importlib.util.spec_from_file_location("zyte_aeb_evaluate", bench / "evaluate.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import the scorer {bench / 'evaluate.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_pages(bench: Path) -> tuple[dict[str, dict], dict[str, str]]:
    truth = json.loads(gzip.decompress((bench / "ground-truth.json.gz").read_bytes()))
    pages = {key: gzip.decompress((bench / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8") for key in truth}
    return truth, pages


def run_variant(extract: Callable[[str | bytes], str], pages: dict[str, str]) -> tuple[dict[str, dict], float]:
    start = time.perf_counter()
    prediction = {key: {"articleBody": extract(html)} for key, html in pages.items()}
    return prediction, len(pages) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    parser.add_argument("--variant", action="append", choices=sorted(VARIANTS), help="variants to run (repeatable)")
    parser.add_argument("--bootstrap", type=int, default=200, help="bootstrap resamples for the ± column")
    parser.add_argument(
        "--trafilatura-eval", action="store_true", help="also score the trafilatura evaluation set (slower)"
    )
    parser.add_argument("--worst", type=int, default=0, help="also list the N pages where ours trails precision most")
    args = parser.parse_args(argv)

    bench = args.shared / "eval" / "html" / "zyte-aeb"
    if not (bench / "ground-truth.json.gz").exists():
        print(f"benchmark not found under {bench}; pass --shared or set DATELINE_SHARED", file=sys.stderr)
        return 2
    scorer = load_scorer(bench)
    truth, pages = load_pages(bench)
    names = args.variant or ["ours", "trafilatura", "precision"]
    if args.worst and "precision" not in names:
        names.append("precision")

    rows, predictions = [], {}
    for name in names:
        label, build = VARIANTS[name]
        prediction, speed = run_variant(build(), pages)
        predictions[name] = prediction
        metrics = scorer.evaluate(truth, prediction, args.bootstrap)
        rows.append((label, metrics, speed))

    print(f"Zyte article-extraction benchmark: {len(pages)} pages, scorer {bench / 'evaluate.py'}")
    print(f"{'system':<30} {'precision':>9} {'recall':>7} {'F1':>15} {'accuracy':>9} {'pages/s':>8}")
    for label, m, speed in rows:
        f1 = f"{m['f1']:.3f} ± {m['f1_std']:.3f}"
        print(f"{label:<30} {m['precision']:>9.3f} {m['recall']:>7.3f} {f1:>15} {m['accuracy']:>9.3f} {speed:>8.1f}")

    if args.worst and "ours" in predictions:
        print("\npages where ours trails favor_precision most (F1 per page):")
        deltas = []
        for key in truth:
            gold = truth[key]["articleBody"]
            ours = _page_f1(scorer, gold, predictions["ours"][key]["articleBody"])
            theirs = _page_f1(scorer, gold, predictions["precision"][key]["articleBody"])
            deltas.append((ours - theirs, key, ours, theirs))
        for delta, key, ours, theirs in sorted(deltas)[: args.worst]:
            print(f"  {key[:16]}  ours {ours:.3f}  precision {theirs:.3f}  ({delta:+.3f})  {truth[key]['url'][:70]}")
    if args.trafilatura_eval:
        _trafilatura_eval(args.shared / "eval" / "html" / "trafilatura-eval", names)
    return 0


def _trafilatura_eval(folder: Path, names: list[str]) -> None:
    """Score on trafilatura's set: must-contain / must-not-contain segments, counted over the corpus.

    The metric is the one documented in the shared README (whitespace-normalised substring matching).
    """
    archive = folder / "trafilatura-tests-eval.tar.xz"
    files: dict[str, bytes] = {}
    with tarfile.open(archive, "r:xz") as tar:
        for member in tar:
            if member.isfile() and (member.name.endswith("evaldata.json") or "/eval/" in member.name
                                    or "/cache/" in member.name):  # fmt: skip
                handle = tar.extractfile(member)
                if handle is not None:
                    files[member.name.split("tests/", 1)[-1]] = handle.read()
    annotations = json.loads(files["evaldata.json"])
    print(f"\ntrafilatura evaluation set: {len(annotations)} documents ({archive.name})")
    print(f"{'system':<30} {'precision':>9} {'recall':>7} {'accuracy':>9} {'F1':>6} {'pages/s':>8}")
    for name in names:
        label, build = VARIANTS[name]
        extract = build()
        tp = fp = fn = tn = 0
        start = time.perf_counter()
        for item in annotations.values():
            html = files.get(f"cache/{item['file']}") or files.get(f"eval/{item['file']}")
            output = _norm(extract(html) or "") if html else ""
            found_with = sum(1 for seg in item["with"] if _norm(seg) in output)
            found_without = sum(1 for seg in item["without"] if _norm(seg) in output)
            tp, fn = tp + found_with, fn + len(item["with"]) - found_with
            fp, tn = fp + found_without, tn + len(item["without"]) - found_without
        speed = len(annotations) / (time.perf_counter() - start)
        precision, recall = tp / (tp + fp), tp / (tp + fn)
        accuracy, f1 = (tp + tn) / (tp + tn + fp + fn), 2 * tp / (2 * tp + fp + fn)
        print(f"{label:<30} {precision:>9.3f} {recall:>7.3f} {accuracy:>9.3f} {f1:>6.3f} {speed:>8.1f}")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _page_f1(scorer: ModuleType, gold: str, predicted: str) -> float:
    tp, fp, fn = scorer.string_shingle_matching(true=gold, pred=predicted)
    p, r = scorer.precision_score(tp, fp, fn), scorer.recall_score(tp, fp, fn)
    return 2 * p * r / (p + r) if p + r else 0.0


if __name__ == "__main__":
    sys.exit(main())
