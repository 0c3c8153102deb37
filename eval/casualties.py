"""Score dateline's casualties stage: counts of killed, injured, abducted, arrested, displaced and missing.

Why: issue 5 asks for casualty counts "as ranges when the text gives ranges", attached to their events, scored on
at least 150 cases by precision level. The cases in ``eval/data/casualties.jsonl`` are short news sentences and
articles we wrote, plus records of the gold event data in ``<shared>/eval/`` named by file and id (their text is
read from there at run time, never copied; the casualty labels on them are ours). Each case runs through the full
pipeline (``dateline.extract``); every casualty on every event is a prediction.

Attachment follows the PLOVER codebook: people forced to flee by someone are a SANCTION (mode expel) of that
someone, so a displaced count sits on that event rather than on the attack that preceded it.

Cases marked ``"split": "heldout"`` were written after the rules were tuned on the others and are scored
apart as well, as a check that the rules generalise.

A predicted count matches a gold one when kind, low and high agree (one-to-one, in order). The table prints:
count precision/recall/F1 on that match; recall by kind and by precision level (exact / at-least / at-most /
about / range / vague), where a hit also needs the same qualifier; ``who`` accuracy and attachment accuracy (the
event the count sits on has the gold event type) over the matched counts.

    python eval/casualties.py [--shared PATH] [--errors] [--limit N] [--split dev|heldout]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
CASES = ROOT / "eval" / "data" / "casualties.jsonl"

KINDS = ["killed", "injured", "casualties", "abducted", "arrested", "displaced", "missing"]
LEVELS = ["exact", "at-least", "at-most", "about", "range", "vague"]


def load_cases(shared: Path, limit: int | None = None) -> list[dict]:
    """The cases with their text: written ones as they are, referenced ones read from the shared gold files."""
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted: dict[str, set[str]] = {}
    for case in cases:
        if "source" in case:
            wanted.setdefault(case["source"]["file"], set()).add(case["source"]["record"])
    texts: dict[tuple[str, str], str] = {}
    for file, ids in wanted.items():
        path = shared / "eval" / file
        if not path.exists():
            sys.exit(f"gold file missing: {path} (set DATELINE_SHARED or --shared)")
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("id") in ids:
                texts.setdefault((file, record["id"]), record["text"])
    for case in cases:
        if "source" in case:
            key = (case["source"]["file"], case["source"]["record"])
            if key not in texts:
                sys.exit(f"record {key[1]} not found in {key[0]}")
            case["text"] = texts[key]
    return cases[:limit] if limit else cases


def predictions(text: str) -> list[dict]:
    """Every casualty dateline attaches to an event in ``text``, with the event's type."""
    import dateline

    result = dateline.extract(text)
    out = []
    for event in result.events:
        for c in event.casualties:
            out.append(
                {
                    "kind": c.kind,
                    "low": c.low,
                    "high": c.high,
                    "qualifier": c.qualifier,
                    "who": c.who,
                    "event": event.type,
                    "span": c.span.text,
                }
            )
    return out


def match(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict | None]]:
    """Pairs each gold count with a predicted one of the same kind, low and high (one-to-one), or None."""
    free = list(pred)
    pairs = []
    for g in gold:
        hit = next((p for p in free if (p["kind"], p["low"], p["high"]) == (g["kind"], g["low"], g["high"])), None)
        if hit is not None:
            free.remove(hit)
        pairs.append((g, hit))
    return pairs


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--errors", action="store_true", help="print every miss and false count")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--split", choices=["dev", "heldout"], default=None, help="score one split only")
    args = parser.parse_args(argv)

    cases = load_cases(args.shared, args.limit)
    scored = [(case, predictions(case["text"])) for case in cases]
    splits = [args.split] if args.split else ["all", "dev", "heldout"]
    for split in splits:
        chosen = [(c, p) for c, p in scored if split == "all" or c.get("split", "dev") == split]
        report(chosen, split, args.errors and split == splits[0])
    return 0


def count_f1(scored: list[tuple[dict, list[dict]]]) -> float:
    """F1 of (kind, low, high) counts over scored cases: the number the slow gate holds to a floor."""
    n_gold = sum(len(case["gold"]) for case, _pred in scored)
    n_pred = sum(len(pred) for _case, pred in scored)
    n_match = sum(p is not None for case, pred in scored for _g, p in match(case["gold"], pred))
    p = n_match / n_pred if n_pred else 0.0
    r = n_match / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def report(scored: list[tuple[dict, list[dict]]], split: str, errors: bool) -> None:
    """Print the table for one split of the scored cases."""
    n_gold = n_pred = n_match = 0
    by_kind, by_kind_hit = Counter(), Counter()
    by_level, by_level_hit = Counter(), Counter()
    who_ok = attach_ok = qual_ok = 0
    exact_cases = 0
    for case, pred in scored:
        gold = case["gold"]
        pairs = match(gold, pred)
        n_gold += len(gold)
        n_pred += len(pred)
        case_ok = len(pred) == len(gold)
        for g, p in pairs:
            by_kind[g["kind"]] += 1
            by_level[g["qualifier"]] += 1
            if p is None:
                case_ok = False
                if errors:
                    print(f"MISS {case['id']}: {g} in {case['text'][:140]!r} -> {pred}")
                continue
            n_match += 1
            full = p["qualifier"] == g["qualifier"]
            qual_ok += full
            by_kind_hit[g["kind"]] += full
            by_level_hit[g["qualifier"]] += full
            who_ok += p["who"] == g["who"]
            attach_ok += p["event"] == g["event"]
            case_ok = case_ok and full and p["who"] == g["who"] and p["event"] == g["event"]
            if errors and not (full and p["who"] == g["who"] and p["event"] == g["event"]):
                print(f"PART {case['id']}: gold {g} got {p}")
        if errors:
            matched = [p for _g, p in pairs if p is not None]
            for p in pred:
                if not any(p is m for m in matched):
                    print(f"FALSE {case['id']}: {p} in {case['text'][:140]!r}")
        exact_cases += case_ok

    p = n_match / n_pred if n_pred else 0.0
    r = n_match / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"Casualties [{split}]: {len(scored)} cases, {n_gold} gold counts, {n_pred} predicted")
    print(f"  count (kind, low, high)   P {p:.3f}  R {r:.3f}  F1 {f1:.3f}")
    print(f"  qualifier right | matched {_ratio(qual_ok, n_match)}")
    print(f"  who right | matched       {_ratio(who_ok, n_match)}")
    print(f"  attachment (event type)   {_ratio(attach_ok, n_match)}")
    print(f"  cases wholly right        {_ratio(exact_cases, len(scored))} ({exact_cases}/{len(scored)})")
    print("  accuracy by kind (kind, low, high and qualifier right / gold):")
    for kind in KINDS:
        if by_kind[kind]:
            print(f"    {kind:<11} {_ratio(by_kind_hit[kind], by_kind[kind])}  ({by_kind_hit[kind]}/{by_kind[kind]})")
    print("  accuracy by precision level:")
    for level in LEVELS:
        if by_level[level]:
            hit, total = by_level_hit[level], by_level[level]
            print(f"    {level:<11} {_ratio(hit, total)}  ({hit}/{total})")


if __name__ == "__main__":
    raise SystemExit(main())
