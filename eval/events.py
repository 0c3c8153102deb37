"""Score dateline's events stage on the PLOVER gold-standard sentences, beside a keyword baseline.

Why: issue 5 asks for an absolute goal on hand-coded PLOVER records (type accuracy >= 0.85, macro-F1 >= 0.80,
(type, source country, target country) triple F1 >= 0.70). Each gold sentence is run through the full pipeline
(``dateline.extract``); of the events found, the one whose trigger overlaps a gold trigger (``EVT`` markup) is
scored (asserted or reported ones before future, negated or hypothetical ones), else the most confident one. Our
participants map to countries through ``Participant.country`` (IGOs and NGOs to the gold's ``IGO``/``NGO`` codes).
The triple line "+ place as target" also lets the event's place stand for a missing target of a material event, as
the GSR coders did.

    python eval/events.py [--shared PATH] [--errors] [--ngec N]

The records are split by a hash of their id into a tuning part and a check part (``eval/splits.py``); both are
printed, with the gap between them; ``--errors`` lists the tuning part's errors only.

``--ngec N`` also scores event types on the first N synthetic NGEC stories of each type, taking the main event of
the story's lead (development data only: LLM-written, no licence; never shipped or trained on). Data is read from
``<shared>/eval/events/``, never copied.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
import time
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import splits  # eval/splits.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))

TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
# Gold modes use PLOVER 0.5 names; these are the current names our coder emits.
_OLD_MODES = {
    "demo-org": "demo",
    "demo-spon": "demo",
    "strike-gen": "strike",
    "strike-hun": "hunger",
    "riot-spon": "riot",
    "assassinate": "targeted",
    "confiscate": "seize",
}
# Types whose target may be a place (an attack on a town, a curfew in a district): scored by the place's country
# when the event names no target actor.
PLACE_TARGET_TYPES = frozenset(["ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "AID", "RETREAT", "SANCTION"])
_UNREAL = frozenset(["future", "negated", "hypothetical"])
_EVT = re.compile(r"EVT:\s*([^)}]+)")

# Keyword baseline: the first word of the sentence (by position) that starts one of these stems decides the type.
KEYWORDS: dict[str, list[str]] = {
    "AGREE": ["agree", "promis", "pledg", "offer", "accept", "vow"],
    "CONSULT": ["meet", "met ", "talks", "visit", "negotiat", "discuss", "consult"],
    "SUPPORT": ["support", "prais", "endors", "welcom", "back"],
    "COOPERATE": ["cooperat", "collaborat"],
    "AID": ["aid", "donat", "provid", "assistance", "deliver"],
    "CONCEDE": ["concede", "pardon", "apolog", "eas", "lift"],
    "RETREAT": ["withdr", "retreat", "releas", "resign", "freed"],
    "REQUEST": ["call", "urg", "demand", "appeal", "ask", "request"],
    "ACCUSE": ["accus", "condemn", "criticiz", "criticis", "investigat", "denounc", "blam"],
    "REJECT": ["reject", "refus", "den", "dismiss", "veto"],
    "THREATEN": ["threat", "warn", "ultimatum"],
    "PROTEST": ["protest", "demonstrat", "rall", "march", "strike", "riot"],
    "SANCTION": ["sanction", "embargo", "suspend", "expel", "cut ", "boycott"],
    "MOBILIZE": ["deploy", "mobiliz", "mobilis", "alert"],
    "COERCE": ["arrest", "detain", "seiz", "curfew", "deport", "ban"],
    "ASSAULT": ["kill", "attack", "shell", "bomb", "shot", "shoot", "clash", "fight", "wound", "explo"],
}
_KW = sorted(((kw, t) for t, kws in KEYWORDS.items() for kw in kws), key=lambda x: -len(x[0]))
_KW_RE = re.compile(r"\b(" + "|".join(re.escape(k) for k, _ in _KW) + ")", re.I)
_KW_TYPE = {k.lower(): t for k, t in _KW}


def keyword_type(text: str) -> str | None:
    """The baseline: the type of the first keyword stem in the sentence."""
    m = _KW_RE.search(text)
    return _KW_TYPE[m.group(1).lower()] if m else None


def _gold_records(shared: Path) -> list[dict]:
    path = shared / "eval" / "events" / "normalized" / "plover_gsr_dev.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _gold_spans(rec: dict) -> list[tuple[int, int]]:
    """Character spans of the gold trigger words in the text (from the EVT markup and event_text)."""
    text = rec["text"]
    pieces = [p.strip() for p in _EVT.findall(rec.get("markup") or "")]
    pieces += [p.strip() for p in (rec.get("event_text") or "").split("...")]
    spans = []
    for piece in pieces:
        if piece and (i := text.find(piece)) >= 0:
            spans.append((i, i + len(piece)))
    return spans


def _codes(args) -> list[str]:
    return [a["code"] for a in args if isinstance(a, dict) and a.get("code")]


def _gold_pairs(rec: dict) -> tuple[list[str], list[str]]:
    """Gold source and target codes; "(SRC/TAR: A) and (SRC/TAR: B)" records list both parties as actors."""
    src, tgt = _codes(rec.get("actor") or []), _codes(rec.get("recipient") or [])
    if not tgt and "SRC/TAR" in (rec.get("markup") or "") and len(src) > 1:
        src, tgt = src[:1], src[1:]
    return src, tgt


def _code(participant, actors: dict) -> str | None:
    """The gold-style code of a participant: ``IGO``/``NGO`` for international organisations and their officials,
    else the country it acts for (``Participant.country``: its actor's, or read from its context), as an ACLED-like
    export gives it."""
    actor = actors.get(participant.actor) if participant.actor else None
    if actor is not None and actor.kind == "igo":
        return "IGO"
    if (
        actor is not None
        and actor.kind == "person"
        and (actor.cameo or "")[:3] in ("IGO", "NGO")
        and not (participant.country or actor.country)
    ):
        return actor.cameo[:3]  # an official acting for an international organisation (Kofi Annan: IGO)
    country = participant.country or (actor.country if actor is not None else None)
    if actor is not None and actor.kind == "ngo" and not country:
        return "NGO"
    return country


def _choose(events, spans: list[tuple[int, int]]):
    """The predicted event scored against the gold one: the one on the first gold trigger word that has any (the
    markup names the main event's trigger first, then the words of its arguments and of the events it embeds),
    else the most confident event of the sentence."""
    if not events:
        return None

    # An act that is only promised, refused or threatened ("refused to lift the curfew") is kept by dateline as a
    # future/negated event beside the speech act; the gold codes the act that happened, so those come last.
    def rank(e):
        return (e.factuality not in _UNREAL, e.confidence, -e.trigger.start)

    for a, b in sorted(spans):
        hits = [e for e in events if e.trigger.start < b and a < e.trigger.end]
        if hits:
            return max(hits, key=rank)
    return max(events, key=rank)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def type_scores(gold: list[str], pred: list[str | None]) -> tuple[float, float, dict[str, tuple[float, float, float]]]:
    """Accuracy, macro-F1 over the 16 types (types absent from gold and prediction skipped), per-type P/R/F1."""
    per = {}
    for t in TYPES:
        tp = sum(g == t and p == t for g, p in zip(gold, pred, strict=True))
        fp = sum(g != t and p == t for g, p in zip(gold, pred, strict=True))
        fn = sum(g == t and p != t for g, p in zip(gold, pred, strict=True))
        if tp + fp + fn:
            per[t] = _prf(tp, fp, fn)
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    macro = sum(f for _p, _r, f in per.values()) / len(per)
    return acc, macro, per


def run_gold(shared: Path, show_errors: bool = False, part: str | None = None) -> dict:
    """Scores on the PLOVER dev records (``part``: only its tuning or check part, see ``eval/splits.py``)."""
    import dateline

    recs = [r for r in _gold_records(shared) if part is None or splits.part("plover-dev", r["id"]) == part]
    gold_types, ours, base = [], [], []
    tri = Counter()
    src_ok = src_n = tgt_ok = tgt_n = mode_ok = mode_n = 0
    errors = []
    t0 = time.perf_counter()
    for rec in recs:
        result = dateline.extract(rec["text"])
        actors = {a.id: a for a in result.actors}
        places = {p.geonameid: p.country for p in result.places if p.geonameid}
        ev = _choose(result.events, _gold_spans(rec))
        gold_types.append(rec["event"])
        ours.append(ev.type if ev else None)
        base.append(keyword_type(rec["text"]))
        g_src, g_tgt = _gold_pairs(rec)
        p_src = [_code(p, actors) for p in ev.source] if ev else []
        p_tgt = [_code(p, actors) for p in ev.target] if ev else []
        p_src, p_tgt = [c for c in p_src if c], [c for c in p_tgt if c]
        gold_tri = {(rec["event"], s, t) for s in g_src or [None] for t in g_tgt or [None]}
        pred_tri = {(ev.type, s, t) for s in p_src or [None] for t in p_tgt or [None]} if ev else set()
        tri["tp"] += len(gold_tri & pred_tri)
        tri["fp"] += len(pred_tri - gold_tri)
        tri["fn"] += len(gold_tri - pred_tri)
        strict_tgt = list(p_tgt)
        strict_hit = bool(gold_tri & pred_tri)
        if ev is not None and not p_tgt and ev.type in PLACE_TARGET_TYPES and ev.place is not None:
            # The PLOVER GSR codes a place an action is aimed at as the target ("shelled Juba" -> SDN).
            country = places.get(ev.place.geonameid) if ev.place.geonameid else None
            if country:
                p_tgt = [country]
                pred_tri = {(ev.type, s, country) for s in p_src or [None]}
        tri["tp_place"] += len(gold_tri & pred_tri)
        tri["fp_place"] += len(pred_tri - gold_tri)
        tri["fn_place"] += len(gold_tri - pred_tri)
        if g_src:
            src_n += 1
            src_ok += bool(set(g_src) & set(p_src))
        if g_tgt:
            tgt_n += 1
            tgt_ok += bool(set(g_tgt) & set(strict_tgt))
        if rec.get("mode"):
            mode_n += 1
            mode_ok += bool(ev) and ev.type == rec["event"] and ev.mode == _OLD_MODES.get(rec["mode"], rec["mode"])
        if ev is None or ev.type != rec["event"] or not strict_hit:
            errors.append(
                f"{rec['event']:>9} {rec.get('mode') or '-':>12} -> "
                f"{(ev.type if ev else '-'):>9} {(ev.mode if ev else None) or '-':>12} "
                f"src {g_src}/{p_src} tgt {g_tgt}/{strict_tgt} trig={ev.trigger.text if ev else '-'!r} | "
                f"{rec.get('markup') or rec['text']}"
            )
    secs = time.perf_counter() - t0
    acc, macro, per = type_scores(gold_types, ours)
    b_acc, b_macro, b_per = type_scores(gold_types, base)
    return {
        "n": len(recs),
        "seconds": secs,
        "type_accuracy": acc,
        "macro_f1": macro,
        "per_type": per,
        "triple": _prf(tri["tp"], tri["fp"], tri["fn"]),
        "triple_place": _prf(tri["tp_place"], tri["fp_place"], tri["fn_place"]),
        "source_accuracy": src_ok / src_n if src_n else 0.0,
        "target_accuracy": tgt_ok / tgt_n if tgt_n else 0.0,
        "mode_accuracy": mode_ok / mode_n if mode_n else 0.0,
        "mode_n": mode_n,
        "no_event": sum(p is None for p in ours),
        "baseline": {"type_accuracy": b_acc, "macro_f1": b_macro, "per_type": b_per},
        "errors": errors if show_errors else [],
    }


def _lead_type(events) -> str | None:
    """A story's main event type: the most confident asserted event of the first sentence that has one (news puts
    the main event in the lead), else of the story."""
    real = [e for e in events if e.factuality not in _UNREAL] or list(events)
    if not real:
        return None
    first = min(e.evidence.start for e in real)
    lead = [e for e in real if e.evidence.start == first]
    return max(lead, key=lambda e: e.confidence).type


def ngec_stories(shared: Path) -> list[tuple[str, str]]:
    """(text, PLOVER type) of every synthetic NGEC story whose label is a type, in file order (sorted by type)."""
    zpath = shared / "eval" / "events" / "ngec_synthetic" / "gpt_synthetic_events_2023-10-19_19.csv.zip"
    with zipfile.ZipFile(zpath) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".csv"))
        rows = list(csv.DictReader(io.TextIOWrapper(zf.open(name), encoding="utf-8")))
    label_key = next(k for k in rows[0] if k.lower() in ("label", "event_type", "plover", "event"))
    out = []
    for row in rows:
        label = (row[label_key] or "").upper()
        if label in TYPES:
            out.append(((row.get("text") or "").replace("THIS IS A SYNTHETIC STORY.", "").strip(), label))
    return out


def run_ngec(shared: Path, per_type: int) -> dict:
    """Type accuracy on synthetic NGEC stories (first ``per_type`` of each label): a development check only."""
    import dateline

    taken: dict[str, int] = defaultdict(int)
    gold, ours, base = [], [], []
    for text, label in ngec_stories(shared):
        if taken[label] >= per_type:
            continue
        taken[label] += 1
        result = dateline.extract(text)
        gold.append(label)
        ours.append(_lead_type(result.events))
        base.append(keyword_type(text))
    acc, macro, _per = type_scores(gold, ours)
    b_acc, b_macro, _ = type_scores(gold, base)
    return {"n": len(gold), "type_accuracy": acc, "macro_f1": macro, "baseline_accuracy": b_acc, "baseline_f1": b_macro}


def _print(res: dict, part: str = "") -> None:
    b = res["baseline"]
    name = f"PLOVER GSR dev, {part} part" if part else "PLOVER GSR dev"
    print(f"{name}: {res['n']} sentences, {res['seconds']:.1f} s, {res['no_event']} with no event found")
    print(f"{'metric':<28}{'dateline':>10}{'keywords':>10}{'goal':>8}")
    print(f"{'event-type accuracy':<28}{res['type_accuracy']:>10.3f}{b['type_accuracy']:>10.3f}{'0.85':>8}")
    print(f"{'event-type macro-F1':<28}{res['macro_f1']:>10.3f}{b['macro_f1']:>10.3f}{'0.80':>8}")
    p, r, f = res["triple"]
    print(f"{'triple P / R / F1':<28}{f'{p:.2f}/{r:.2f}/{f:.3f}':>10}{'-':>10}{'0.70':>8}")
    p, r, f = res["triple_place"]
    print(f"{'  + place as target':<28}{f'{p:.2f}/{r:.2f}/{f:.3f}':>10}{'-':>10}")
    print(f"{'source actor accuracy':<28}{res['source_accuracy']:>10.3f}{'-':>10}")
    print(f"{'target actor accuracy':<28}{res['target_accuracy']:>10.3f}{'-':>10}")
    print(f"{'mode accuracy (n=' + str(res['mode_n']) + ')':<28}{res['mode_accuracy']:>10.3f}{'-':>10}")
    print()
    print(f"{'type':<11}{'P':>6}{'R':>6}{'F1':>6}   {'kw F1':>6}")
    for t in TYPES:
        if t in res["per_type"]:
            p, r, f = res["per_type"][t]
            bf = b["per_type"].get(t, (0, 0, 0))[2]
            print(f"{t:<11}{p:>6.2f}{r:>6.2f}{f:>6.2f}   {bf:>6.2f}")
    for line in res["errors"]:
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--errors", action="store_true", help="print every sentence scored wrong")
    parser.add_argument("--ngec", type=int, default=0, help="also score N synthetic stories per type")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    res = {part: run_gold(args.shared, args.errors and part == "tuning", part) for part in splits.PARTS}
    if args.ngec:
        res["ngec"] = run_ngec(args.shared, args.ngec)
    if args.json:
        print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "errors"} for k, v in res.items()}, indent=1))
        return 0
    for part in splits.PARTS:
        _print(res[part], part)
        print()
    tuning, check = res["tuning"], res["check"]
    print(splits.gap_line("type accuracy", tuning["type_accuracy"], check["type_accuracy"]))
    print(splits.gap_line("macro-F1", tuning["macro_f1"], check["macro_f1"]))
    print(splits.gap_line("triple F1", tuning["triple"][2], check["triple"][2]))
    if args.ngec:
        n = res["ngec"]
        print(
            f"\nNGEC synthetic ({n['n']} stories, main event of the lead): accuracy "
            f"{n['type_accuracy']:.3f} macro-F1 {n['macro_f1']:.3f}; keywords {n['baseline_accuracy']:.3f} "
            f"/ {n['baseline_f1']:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
