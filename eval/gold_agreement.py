"""How far two coders of our article gold agree: the ceiling a system can be held to on it.

A second coder codes some articles of the tuning part again, from the guide and the text alone, without seeing
the first coding (``eval/gold/agreement/*.jsonl``, same format as ``eval/gold/annotations``). Incidents are
paired one to one by their mentions (most overlapping mentions first); the table gives incident agreement (F1 of
the pairing; required events of each coder found by the other) and, on paired incidents, how often the two codings
agree on each field, judged as ``eval/articles.py`` judges dateline's rows (participants, places and speakers by
overlapping spans or equal names; dates by value).

    python eval/gold_agreement.py [FILE ...]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gold_articles  # eval/gold_articles.py, beside this script
from gold_articles import norm_name, overlaps, spans

AGREEMENT = gold_articles.GOLD / "agreement"
FIELDS = ("type", "mode", "source", "target", "place", "date", "factuality", "speaker", "required")


def _parties_agree(a: list[dict] | None, b: list[dict] | None) -> bool:
    a, b = a or [], b or []
    if not a or not b:
        return not a and not b

    def same(x: dict, y: dict) -> bool:
        return bool(overlaps(spans(x.get("spans")), spans(y.get("spans")))) or norm_name(x.get("name")) == norm_name(
            y.get("name")
        )

    return any(same(x, y) for x in a for y in b)


def _one_agrees(a: dict | None, b: dict | None, key: str = "name") -> bool:
    if not a or not b:
        return not a and not b
    return bool(overlaps(spans(a.get("spans")), spans(b.get("spans")))) or norm_name(a.get(key)) == norm_name(
        b.get(key)
    )


def pair(first: list[dict], second: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs of incidents, most overlapping mentions first."""
    scored = sorted(
        (
            (-overlaps(spans(a["mentions"]), spans(b["mentions"])), i, j)
            for i, a in enumerate(first)
            for j, b in enumerate(second)
            if overlaps(spans(a["mentions"]), spans(b["mentions"]))
        ),
    )
    used_a, used_b, out = set(), set(), []
    for _score, i, j in scored:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((first[i], second[j]))
    return out


def compare(first: dict[str, dict], second: dict[str, dict]) -> dict:
    counts: Counter = Counter()
    for aid, row in second.items():
        if aid not in first:
            continue
        a_events, b_events = first[aid].get("events", []), row.get("events", [])
        counts["articles"] += 1
        counts["first"] += len(a_events)
        counts["second"] += len(b_events)
        pairs = pair(a_events, b_events)
        counts["paired"] += len(pairs)
        paired_a = {id(a) for a, _b in pairs}
        paired_b = {id(b) for _a, b in pairs}
        counts["first required"] += sum(1 for e in a_events if e.get("required", True))
        counts["first required found"] += sum(1 for e in a_events if e.get("required", True) and id(e) in paired_a)
        counts["second required"] += sum(1 for e in b_events if e.get("required", True))
        counts["second required found"] += sum(1 for e in b_events if e.get("required", True) and id(e) in paired_b)
        for a, b in pairs:
            counts["type"] += a["type"] == b["type"]
            counts["mode"] += (a.get("mode") or None) == (b.get("mode") or None)
            counts["source"] += _parties_agree(a.get("source"), b.get("source"))
            counts["target"] += _parties_agree(a.get("target"), b.get("target"))
            counts["place"] += _one_agrees(a.get("place"), b.get("place"))
            counts["date"] += ((a.get("date") or {}).get("value") or None) == (
                (b.get("date") or {}).get("value") or None
            )
            counts["factuality"] += a.get("factuality") == b.get("factuality")
            counts["speaker"] += _one_agrees(a.get("speaker"), b.get("speaker"))
            counts["required"] += a.get("required", True) == b.get("required", True)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    files = args.files or sorted(AGREEMENT.glob("*.jsonl"))
    second = gold_articles.load_annotations(files)
    first = gold_articles.load_annotations()
    c = compare(first, second)
    if not c["articles"]:
        sys.exit("no article coded twice")
    f1 = 2 * c["paired"] / (c["first"] + c["second"]) if c["first"] + c["second"] else 0.0
    print(f"articles coded twice: {c['articles']}; incidents: first coder {c['first']}, second {c['second']}")
    print(f"\n{'measure':<40}{'agreement':>10}")
    print(f"{'incidents paired (F1)':<40}{f1:>10.3f}")
    for who in ("first", "second"):
        n = c[f"{who} required"]
        share = c[f"{who} required found"] / n if n else 0.0
        print(f"{who + ' coder required, found by other':<40}{share:>10.3f}")
    for name in FIELDS:
        print(f"{name + ', of paired':<40}{c[name] / c['paired'] if c['paired'] else 0.0:>10.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
