"""Score the cross-article merge (``store.cluster_events``): is "same incident" right on pairs of reports?

Why: issue 14. ``dateline run`` merges the events several articles report into one cluster (same type, same
GeoNames place, day-precise dates at most a day apart, same polarity, a common resolved source or target). A wrong
merge hides an event and a missed one counts it twice, and nothing measured either. The data set
(``eval/data/merge/``, written by us, see its README) is 76 short invented articles in groups about the same or
about different incidents, and 273 gold pairs of incidents, each side named by its article and a trigger word
(the n-th whole-word occurrence), each pair labelled same or different by the coding guide's incident identity
(``docs/coding-guide.md`` section 1: the same act with compatible participants, place and time), with the hard
case it tests (``kind``).

The articles go through the real pipeline into a fresh temporary store (``dateline.core.run``, which ends with the
merge). Each gold side is mapped to the stored event whose trigger or one of whose mentions covers that word in the
stored article text (the event whose trigger covers it first). A pair is **found** when both sides map to events;
over found pairs, **predicted same** means both events are in one ``event_clusters.cluster_id``, and precision,
recall and F1 of "same" are reported, with a table by kind.

    python eval/merge.py [--errors N] [--data DIR]

Pairs are split by a committed hash rule: SHA-256 of ``a.article|b.article|a.trigger|b.trigger``, first hex digit
below 8 -> tuning, else check. Both parts are printed; ``--errors N`` lists up to N wrong pairs per kind of error
from the tuning part only (read errors there, report the check part), with the field that kept two reports apart
or let them merge.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import splits  # eval/splits.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "eval" / "data" / "merge"
KIND_ORDER = (
    "wire-copy", "multi-outlet", "day-apart", "other-day", "other-town", "same-city-same-day",
    "same-actor-week", "denial", "attack-vs-protest", "follow-up", "counter-attack",
)  # fmt: skip


def load(data: Path = DATA) -> tuple[list[dict], list[dict]]:
    """The articles and the gold pairs of ``data`` (``articles.jsonl``, ``pairs.jsonl``)."""
    articles = [json.loads(line) for line in (data / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line]
    pairs = [json.loads(line) for line in (data / "pairs.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return articles, pairs


def part(pair: dict) -> str:
    """``tuning`` or ``check``: the first hex digit of SHA-256 of ``a.article|b.article|a.trigger|b.trigger``."""
    key = "|".join([pair["a"]["article"], pair["b"]["article"], pair["a"]["trigger"], pair["b"]["trigger"]])
    return "tuning" if int(hashlib.sha256(key.encode("utf-8")).hexdigest()[0], 16) < 8 else "check"


def occurrence(text: str, word: str, n: int = 1) -> tuple[int, int] | None:
    """The span of the ``n``-th whole-word occurrence of ``word`` in ``text`` (1-based), or None."""
    for i, m in enumerate(re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text), start=1):
        if i == n:
            return m.start(), m.end()
    return None


@dataclass
class Event:
    article: str  # our article id
    event_id: str
    type: str
    trigger: tuple[int, int]
    trigger_text: str
    mentions: list[tuple[int, int]]
    place: int | None
    place_name: str | None
    day: str | None  # ISO date when the date is day-precise
    date_value: str | None
    negated: bool
    factuality: str | None
    sources: frozenset[str]
    targets: frozenset[str]
    cluster: str


def build_store(articles: list[dict], db: Path) -> None:
    """Run the real pipeline over ``articles`` (written as a JSONL corpus) into a fresh store ``db``."""
    from dateline.core import run

    corpus = db.parent / "articles.jsonl"
    corpus.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    run([corpus], db=db)


def read_store(db: Path, articles: list[dict]) -> tuple[dict[str, str], dict[str, list[Event]]]:
    """Stored text and events per our article id (matched by URL)."""
    import duckdb

    by_url = {a["url"]: a["id"] for a in articles}
    con = duckdb.connect(str(db), read_only=True)
    try:
        texts: dict[str, str] = {}
        ours: dict[str, str] = {}
        for stored_id, url, text in con.execute("SELECT id, url, text FROM articles").fetchall():
            if url in by_url:
                ours[stored_id] = by_url[url]
                texts[by_url[url]] = text or ""
        actors: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: {"source": set(), "target": set()})
        for aid, eid, role, actor in con.execute(
            "SELECT article_id, event_id, role, actor_id FROM event_actors WHERE actor_id IS NOT NULL"
        ).fetchall():
            if role in ("source", "target"):
                actors[(aid, eid)][role].add(actor)
        rows = con.execute(
            """SELECT e.article_id, e.event_id, e.type, e.trigger_start, e.trigger_end, e.trigger_text, e.mentions,
                      e.place_geonameid, e.place_name, e.date_value, e.date_granularity, e.factuality, c.cluster_id
               FROM events e JOIN event_clusters c USING (article_id, event_id)
               ORDER BY e.article_id, e.trigger_start, e.event_id"""
        ).fetchall()
    finally:
        con.close()
    events: dict[str, list[Event]] = defaultdict(list)
    for aid, eid, etype, ts, te, ttext, mentions, place, pname, dvalue, gran, fact, cluster in rows:
        if aid not in ours:
            continue
        spans = [(m["start"], m["end"]) for m in json.loads(mentions or "[]")]
        day = dvalue if gran == "day" and dvalue and re.fullmatch(r"\d{4}-\d\d-\d\d", dvalue) else None
        roles = actors.get((aid, eid), {"source": set(), "target": set()})
        events[ours[aid]].append(
            Event(
                ours[aid],
                eid,
                etype,
                (ts, te),
                ttext,
                spans,
                place,
                pname,
                day,
                dvalue,
                fact == "negated",
                fact,
                frozenset(roles["source"]),
                frozenset(roles["target"]),
                cluster,
            )
        )
    return texts, events


def find_event(side: dict, texts: dict[str, str], events: dict[str, list[Event]]) -> tuple[Event | None, str]:
    """The stored event that covers the side's word, and a reason when there is none."""
    text = texts.get(side["article"])
    if text is None:
        return None, "article not stored"
    span = occurrence(text, side["trigger"], side.get("n", 1))
    if span is None:
        return None, "word not in the stored text"
    start, end = span
    candidates = events.get(side["article"], [])
    for ev in candidates:
        if ev.trigger[0] < end and start < ev.trigger[1]:
            return ev, ""
    for ev in candidates:
        if any(s < end and start < e for s, e in ev.mentions):
            return ev, ""
    return None, "no event on the word"


def why_apart(a: Event, b: Event) -> str:
    """The merge conditions two events fail (store/merge.py), for reading a missed merge."""
    from datetime import date

    fails = []
    if a.type != b.type:
        fails.append(f"type {a.type}/{b.type}")
    if a.place is None or b.place is None or a.place != b.place:
        fails.append(f"place {a.place_name}:{a.place}/{b.place_name}:{b.place}")
    if a.day is None or b.day is None:
        fails.append(f"date {a.date_value}/{b.date_value} not both day-precise")
    elif abs((date.fromisoformat(a.day) - date.fromisoformat(b.day)).days) > 1:
        fails.append(f"date {a.day}/{b.day}")
    if a.negated != b.negated:
        fails.append(f"polarity {a.factuality}/{b.factuality}")
    if not (a.sources & b.sources or a.targets & b.targets):
        fails.append(f"actors {sorted(a.sources)}>{sorted(a.targets)} / {sorted(b.sources)}>{sorted(b.targets)}")
    if a.article == b.article and a.event_id != b.event_id:
        fails.append("two events of one article")
    return "; ".join(fails) or "transitive (no direct link)"


def _side(side: dict) -> str:
    n = side.get("n", 1)
    return f"{side['article']}:{side['trigger']}" + (f":{n}" if n != 1 else "")


def describe(ev: Event) -> str:
    return f"{ev.type} '{ev.trigger_text}' @{ev.place_name or '-'} {ev.date_value or '-'} {ev.factuality}"


@dataclass
class Scored:
    pair: dict
    part: str
    found: bool
    predicted: bool | None  # None when a side was not found
    note: str


def score(pairs: list[dict], texts: dict[str, str], events: dict[str, list[Event]]) -> list[Scored]:
    out = []
    for pair in pairs:
        a, why_a = find_event(pair["a"], texts, events)
        b, why_b = find_event(pair["b"], texts, events)
        if a is None or b is None:
            sides = ((pair["a"], a, why_a), (pair["b"], b, why_b))
            missing = [f"{_side(side)} ({why})" for side, ev, why in sides if ev is None]
            out.append(Scored(pair, part(pair), False, None, "not found: " + ", ".join(missing)))
            continue
        same = a.cluster == b.cluster
        note = f"{describe(a)}  |  {describe(b)}"
        if pair["same"] and not same:
            note += f"\n      kept apart by: {why_apart(a, b)}"
        out.append(Scored(pair, part(pair), True, same, note))
    return out


def summarise(items: list[Scored]) -> dict[str, float | int | None]:
    found = [s for s in items if s.found]
    tp = sum(1 for s in found if s.pair["same"] and s.predicted)
    fp = sum(1 for s in found if not s.pair["same"] and s.predicted)
    fn = sum(1 for s in found if s.pair["same"] and not s.predicted)
    tn = sum(1 for s in found if not s.pair["same"] and not s.predicted)
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f1 = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return {
        "pairs": len(items),
        "same": sum(1 for s in items if s.pair["same"]),
        "found": len(found),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": p,
        "recall": r,
        "f1": f1,
        "accuracy": (tp + tn) / len(found) if found else None,
    }


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def print_part(name: str, items: list[Scored]) -> dict:
    total = summarise(items)
    n, same, found = total["pairs"], total["same"], total["found"]
    print(f"{name} part: {n} pairs ({same} same, {n - same} different), both sides found as events {found}", end="")
    print(f" (coverage {found / n:.3f})" if n else "")
    head = (
        f"  {'kind':<19} {'pairs':>5} {'found':>5} {'same':>4} {'diff':>4} {'merged':>6} {'missed':>6} "
        f"{'wrong':>5} {'apart':>5} {'P':>6} {'R':>6} {'F1':>6} {'acc':>6}"
    )
    print(head)
    print("  " + "-" * (len(head) - 2))
    kinds = sorted({s.pair["kind"] for s in items}, key=lambda k: (KIND_ORDER.index(k) if k in KIND_ORDER else 99, k))
    for kind in [*kinds, "all"]:
        sub = items if kind == "all" else [s for s in items if s.pair["kind"] == kind]
        m = summarise(sub)
        found_same = m["tp"] + m["fn"]
        found_diff = m["fp"] + m["tn"]
        if kind == "all":
            print("  " + "-" * (len(head) - 2))
        print(
            f"  {kind:<19} {m['pairs']:>5} {m['found']:>5} {found_same:>4} {found_diff:>4} {m['tp']:>6} {m['fn']:>6} "
            f"{m['fp']:>5} {m['tn']:>5} {_f(m['precision']):>6} {_f(m['recall']):>6} {_f(m['f1']):>6} "
            f"{_f(m['accuracy']):>6}"
        )
    print("  (same/diff: found pairs by gold; merged: same and merged; missed: same, kept apart; wrong: different")
    print("   but merged; apart: different and kept apart; P, R, F1 of 'same' over found pairs; acc: both labels)\n")
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder with articles.jsonl and pairs.jsonl")
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors per kind (tuning part only)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    start = time.perf_counter()
    articles, pairs = load(args.data)
    with tempfile.TemporaryDirectory(prefix="dateline-merge-eval-") as tmp:
        db = Path(tmp) / "merge.duckdb"
        build_store(articles, db)
        texts, events = read_store(db, articles)
    scored = score(pairs, texts, events)
    n_events = sum(len(v) for v in events.values())
    n_clusters = len({e.cluster for v in events.values() for e in v})
    print(
        f"merge eval: {len(articles)} articles, {n_events} events in {n_clusters} clusters, {len(pairs)} gold pairs, "
        f"{time.perf_counter() - start:.0f} s\n"
    )
    totals = {p: print_part(p, [s for s in scored if s.part == p]) for p in splits.PARTS}
    for name in ("precision", "recall", "f1"):
        t, c = totals["tuning"][name], totals["check"][name]
        if t is not None and c is not None:
            print(splits.gap_line(f"'same' {name}", t, c))
    if args.errors:
        by_kind: dict[str, list[str]] = defaultdict(list)
        for s in scored:
            if s.part != "tuning":
                continue
            p = s.pair
            label = f"[{p['kind']}] {_side(p['a'])} ~ {_side(p['b'])}"
            if not s.found:
                by_kind["not found"].append(f"{label}: {s.note}")
            elif p["same"] and not s.predicted:
                by_kind["missed merge"].append(f"{label} ({p['why']})\n      {s.note}")
            elif not p["same"] and s.predicted:
                by_kind["wrong merge"].append(f"{label} ({p['why']})\n      {s.note}")
        counts = Counter({k: len(v) for k, v in by_kind.items()})
        for kind, _n in counts.most_common():
            print(f"\n{kind} ({len(by_kind[kind])}, tuning part):")
            for item in by_kind[kind][: args.errors]:
                print(f"  {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
