"""Score dateline's factuality function on UW factuality (newswire), UDS-IH2 (web text) and our own news set.

Why: every event dateline records carries a factuality label (asserted, reported, hedged, negated, future,
hypothetical); this measures :func:`dateline.stance.factuality_of` on any event mention, against two public gold
sets, beside the majority-class baseline.

    python eval/factuality.py [--shared PATH] [--set uw --set uds --set news --set quotes] [--show N]

Each set is split by a hash of the sentence into a tuning and a check part (``eval/splits.py``); both are scored,
with the gap; ``--show`` prints errors of the tuning part only.

Data: ``<shared>/eval/factuality/{uw_dev,uds_ih2_dev}.jsonl`` (read in place; never copied). Each record is a
sentence, a trigger span and a gold ``mapped_label``. We parse the sentence with the pipeline's spaCy model and
ask ``factuality_of(doc, start, end)``.

Our labels map to each set's classes by one table, :data:`LABEL_MAP`:

=============  =============  ==============
dateline       UW (3 classes) UDS-IH2
=============  =============  ==============
asserted       asserted       asserted
reported       asserted       asserted
hedged         hedged         not_asserted
future         hedged         not_asserted
hypothetical   hedged         not_asserted
negated        negated        not_asserted
=============  =============  ==============

UW's "hedged" is every mean rating strictly between -2.5 and 2.5 (uncertain, future and hypothetical events all
fall there); UDS-IH2 asks only "did it happen?", so everything not asserted is one class.

``news`` is ``eval/data/factuality_news.jsonl`` (in this repository): news-style sentences we wrote and labelled
ourselves for what the public sets lack (reported speech, denials, future and hypothetical events), scored on all
six labels, with ``reported`` decided from the parse alone (a governing speech verb, "according to", a quotation),
and what one party asks another to do ("urged residents to evacuate") ``hypothetical``, as the coding guide's
section 6 has it (three items were labelled ``future`` before 2026-12-08 and relabelled to follow it).
``quotes`` runs the whole pipeline over ``examples/`` and counts events inside a quote that carry no speaker
(the goal is 0).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import splits  # eval/splits.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
SETS = {"uw": "uw_dev.jsonl", "uds": "uds_ih2_dev.jsonl"}
NEWS = ROOT / "eval" / "data" / "factuality_news.jsonl"
LABELS = ("asserted", "reported", "hedged", "negated", "future", "hypothetical")
LABEL_MAP = {
    "uw": {
        "asserted": "asserted",
        "reported": "asserted",
        "hedged": "hedged",
        "future": "hedged",
        "hypothetical": "hedged",
        "negated": "negated",
    },
    "news": {label: label for label in LABELS},
    "uds": {
        "asserted": "asserted",
        "reported": "asserted",
        "hedged": "not_asserted",
        "future": "not_asserted",
        "hypothetical": "not_asserted",
        "negated": "not_asserted",
    },
}


def load(shared: Path, name: str) -> list[dict]:
    """The gold records of one set; ``news`` gets ``mapped_label`` from its own ``label``."""
    if name == "news":
        with NEWS.open(encoding="utf-8") as fh:
            return [{**r, "mapped_label": r["label"]} for r in map(json.loads, fh)]
    path = shared / "eval" / "factuality" / SETS[name]
    if not path.exists():
        sys.exit(f"factuality gold not found: {path} (set --shared or DATELINE_SHARED)")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def predict(nlp, records: list[dict], *, reported: bool = False) -> list[tuple[str, str]]:
    """(our label, cue text) per record; each distinct sentence is parsed once.

    With ``reported`` the parse alone decides whether an asserted mention is someone's report (the news set);
    UW and UDS have no such class.
    """
    from dateline.stance import factuality_of

    texts = sorted({r["text"] for r in records})
    docs = dict(zip(texts, nlp.pipe(texts, batch_size=64), strict=True))
    out = []
    for r in records:
        doc = docs[r["text"]]
        label, cue = factuality_of(doc, r["start"], r["end"], attributed=None if reported else False)
        out.append((label, doc.text[cue[0] : cue[1]] if cue else ""))
    return out


def evaluate(name: str, records: list[dict], preds: list[tuple[str, str]], show: int, part: str = "") -> float:
    """Print accuracy, per-class P/R/F1, the majority baseline and the confusion; return accuracy."""
    table = LABEL_MAP[name]
    gold = [r["mapped_label"] for r in records]
    mapped = [table[label] for label, _ in preds]
    classes = sorted(set(gold) | set(mapped))
    n = len(gold)
    acc = sum(g == p for g, p in zip(gold, mapped, strict=True)) / n
    majority, m_count = Counter(gold).most_common(1)[0]
    where = f"{'(ours)' if name == 'news' else 'dev'}{', ' + part + ' part' if part else ''}"
    print(f"\n{name.upper()} {where}: {n} event mentions")
    print(f"  accuracy {acc:.3f}   majority baseline ({majority}) {m_count / n:.3f}")
    print(f"  {'class':14} {'P':>6} {'R/acc':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
    f1s = []
    for c in classes:
        tp = sum(g == p == c for g, p in zip(gold, mapped, strict=True))
        n_pred, n_gold = mapped.count(c), gold.count(c)
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        f1s.append(f)
        print(f"  {c:14} {p:6.3f} {r:6.3f} {f:6.3f} {n_gold:6} {n_pred:6}")
    print(f"  macro-F1 {sum(f1s) / len(f1s):.3f}")
    raw = Counter(label for label, _ in preds)
    print("  our raw labels: " + ", ".join(f"{k} {v}" for k, v in raw.most_common()))
    confusion = Counter(zip(gold, mapped, strict=True))
    _print_confusion(classes, confusion)
    if show:
        shown = 0
        for r, g, p, (label, cue) in zip(records, gold, mapped, preds, strict=True):
            if g != p and shown < show:
                t = r["text"]
                mark = t[: r["start"]] + "[[" + t[r["start"] : r["end"]] + "]]" + t[r["end"] :]
                print(f"  gold {g:9} ours {label:12} cue {cue!r:12} {mark[:220]}")
                shown += 1
    return acc


def _print_confusion(classes: list[str], confusion: Counter) -> None:
    """Rows gold, columns ours."""
    width = max(len(c) for c in classes) + 1
    print("  confusion (rows gold, columns ours):")
    print("  " + " " * width + "".join(f"{c[:7]:>8}" for c in classes))
    for g in classes:
        print(f"  {g:{width}}" + "".join(f"{confusion[(g, p)]:8}" for p in classes))


def quotes_without_speaker(paths: list[Path]) -> tuple[int, int, list[str]]:
    """(events inside a quote, of them without a speaker, descriptions) over the articles under ``paths``."""
    from dateline.core import extract_all

    inside = missing = 0
    lines = []
    for result in extract_all(paths):
        for event in result.events:
            quote = next((q for q in result.quotes if q.start <= event.trigger.start < q.end), None)
            if quote is None:
                continue
            inside += 1
            att = event.attribution
            if att.speaker is None and att.speaker_span is None:
                missing += 1
                lines.append(f"{result.article.source}: {event.type} {event.trigger.text!r} in {quote.text[:60]!r}")
    return inside, missing, lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--set", action="append", choices=[*sorted(SETS), "news", "quotes"], help="default: all")
    parser.add_argument("--show", type=int, default=0, help="print N errors per set")
    args = parser.parse_args(argv)

    from dateline.config import Config
    from dateline.pipeline import load_spacy

    nlp = load_spacy(Config())
    for name in args.set or ["uw", "uds", "news", "quotes"]:
        t0 = time.perf_counter()
        if name == "quotes":
            inside, missing, lines = quotes_without_speaker([ROOT / "examples"])
            print(f"\nEXAMPLES: {inside} events inside a quote, {missing} without a speaker (goal 0)")
            for line in lines:
                print("  " + line)
        else:
            records = load(args.shared, name)
            preds = predict(nlp, records, reported=name == "news")
            acc = {}
            for part in splits.PARTS:  # a sentence's mentions stay in one part
                mine = [k for k, r in enumerate(records) if splits.part(f"factuality-{name}", r["text"]) == part]
                show = args.show if part == "tuning" else 0
                acc[part] = evaluate(name, [records[k] for k in mine], [preds[k] for k in mine], show, part)
            print("  " + splits.gap_line("accuracy", acc["tuning"], acc["check"]))
        print(f"  ({time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
