"""Score dateline's quotes stage against PolNeAR (attribution relations in US political news).

Why: every claim dateline records must name who made it; this measures how well the quotes stage finds the
source (speaker), cue and content spans of attributions, beside the published systems on the same corpus.

    python eval/quotes.py [--shared PATH] [--split dev|train] [--limit N] [--show N]

The articles are split by a hash of their file name into a tuning and a check part (``eval/splits.py``): both are
scored, with the gap between them; ``--show`` prints errors of the tuning part only.

Data: ``<shared>/eval/quotes/polnear/polnear_<split>.jsonl.gz`` (read in place, never copied; PolNeAR has no
licence, so it is used to evaluate and to design rules only). One annotation per article: the first annotator
(sorted ids), as the README suggests. The gold spans are PolNeAR's (brat fragments of a discontinuous span
are separate spans); ours are each quote's ``speaker.span``, ``cue`` and ``[start, end)``.

Our spans are put in PolNeAR's conventions first, which moves boundaries but never finds or drops a relation:
the quotation marks and a leading "that"/"whether"/"if" are part of PolNeAR's content (:func:`_polnear_content`),
a cue or speaker inside our content splits it in two fragments (:func:`_fragments`), and PolNeAR's cue takes the verb's
auxiliaries, negation and adverbs before it and a colon after it (:func:`_polnear_cue`), and a speaker is its
whole noun phrase with a relative clause, or the relative pronoun subject, and an appositive keeps the comma that
closes it (:func:`_polnear_source`).
Scores, per role, over the whole split (micro):
- exact: a predicted span equals a gold span of the same role (one-to-one); the published figures are this.
- lenient: exact after trimming both sides of whitespace, punctuation, quotation marks and a leading
  "that"/"and"/"but" (dateline's content leaves out the complementiser and the marks, PolNeAR keeps them).
- token: token-overlap P/R/F1 (Citron's metric): the predicted tokens of a role that fall in a gold span of
  that role, over all predicted (P) or gold (R) tokens of that role.

Published (CofeNet, COLING 2022, Table 6, exact-match F1 on PolNeAR *test*, sentence level, GPU models):
CRF 50.6 / 53.4 / 28.6, BERT-CRF 82.2 / 74.9 / 71.0, BERT-CofeNet 83.2 / 75.3 / 72.9 (source / cue / content).
Our figures are on dev, document level: comparable in distribution, not identical in setting.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import splits  # eval/splits.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
ROLES = ("source", "cue", "content")
FAILURES: list[str] = []  # quotes-stage errors met while predicting (the pipeline records, not raises, them)
PUBLISHED = {
    "CRF": (50.6, 53.4, 28.6),
    "BERT-CRF": (82.2, 74.9, 71.0),
    "BERT-CofeNet": (83.2, 75.3, 72.9),
}
_TRIM = " \t\n\u00a0.,;:!?\"'“”‘’«»()—–-"
_LEAD = re.compile(r"(?i)^(?:that|and|but|so)\b\s*")
_OPEN_MARKS = '"“‘«'
_CLOSE_MARKS = '"”’»'
_THAT_BEFORE = re.compile(r"\b(?:that|whether|if) ")
_RELATIVE = frozenset({"who", "which", "that"})
_WH_ADVERBS = frozenset({"when", "where", "how", "why", "then"})  # "when asked": the clause's adverb, not the cue's
_WORD = re.compile(r"\w+|[^\w\s]")


def load_gold(shared: Path, split: str, limit: int | None = None) -> list[dict]:
    """One record per article (first annotator), with its text and gold spans per role."""
    path = shared / "eval" / "quotes" / "polnear" / f"polnear_{split}.jsonl.gz"
    if not path.exists():
        sys.exit(f"PolNeAR not found: {path} (set --shared or DATELINE_SHARED)")
    by_file: dict[str, dict] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            kept = by_file.get(row["filename"])
            if kept is None or row["annotator"] < kept["annotator"]:
                by_file[row["filename"]] = row
    rows = [by_file[k] for k in sorted(by_file)]
    return rows[:limit] if limit else rows


def gold_spans(row: dict) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {r: [] for r in ROLES}
    for q in row["quotes"]:
        for role, key in (("source", "sources"), ("cue", "cue"), ("content", "contents")):
            out[role].extend((s["start"], s["end"]) for s in q[key] if s["end"] > s["start"])
    return out


def _offset_map(ours: str, gold: str) -> list[int]:
    """For each character of ``ours`` (and its end), the offset in ``gold`` (ingest may clean the text)."""
    walked = _walk_whitespace(ours, gold)
    if walked is not None:
        return walked
    mapping = [0] * (len(ours) + 1)
    matcher = difflib.SequenceMatcher(None, ours, gold, autojunk=False)
    last = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(i1, i2):
            mapping[k] = j1 + (k - i1 if tag == "equal" else min(k - i1, max(0, j2 - j1 - 1)))
        last = j2
    mapping[len(ours)] = last
    return mapping


def _walk_whitespace(ours: str, gold: str) -> list[int] | None:
    """The offset map when the texts differ only in whitespace (fast: difflib is quadratic on long articles)."""
    mapping = [0] * (len(ours) + 1)
    i = j = 0
    while i < len(ours):
        if j < len(gold) and (ours[i] == gold[j] or (ours[i].isspace() and gold[j].isspace())):
            mapping[i] = j
            i += 1
            j += 1
        elif ours[i].isspace():
            mapping[i] = j
            i += 1
        elif j < len(gold) and gold[j].isspace():
            j += 1
        else:
            return None
    mapping[len(ours)] = j
    return mapping


def predict(pipeline, row: dict) -> dict[str, list[tuple[int, int]]]:
    """Our source, cue and content spans, in the gold text's offsets."""
    from dateline import ingest

    doc = ingest.from_text(row["text"], config=pipeline.config)
    pipeline(doc)
    failed = [e for e in doc.errors if e.stage == "quotes"]
    if failed:
        FAILURES.append(f"{row['filename']}: {failed[0].message}")
    return spans_of(doc, row["text"])


def spans_of(doc, gold_text: str) -> dict[str, list[tuple[int, int]]]:
    """A processed document's source, cue and content spans in PolNeAR's conventions and the gold text's offsets."""
    ours = doc.article.text
    m = _offset_map(ours, gold_text)

    def to_gold(start: int, end: int) -> tuple[int, int]:
        return m[start], (m[end - 1] + 1 if end > start else m[end])  # the end after the last character

    out: dict[str, list[tuple[int, int]]] = {r: [] for r in ROLES}
    for q in doc.quotes:
        if q.cue is None and q.speaker is None:
            continue  # an unattributed quotation is not an attribution relation
        frame = [s for s in (q.cue, q.speaker.span if q.speaker else None) if s is not None]
        for start, end in _fragments(ours, q.start, q.end, frame):
            out["content"].append(_polnear_content(gold_text, *to_gold(start, end)))
        if q.cue is not None:
            out["cue"].append(to_gold(*_polnear_cue(doc.spacy_doc, q.cue.start, q.cue.end)))
        if q.speaker is not None:
            src = _polnear_source(doc.spacy_doc, q.speaker.span.start, q.speaker.span.end, q.cue)
            out["source"].append(to_gold(*src))
    for role in ROLES:
        out[role] = sorted(set(out[role]))
    return out


def _fragments(text: str, start: int, end: int, frame: list) -> list[tuple[int, int]]:
    """The content without the cue and speaker it contains ("Street protests, Ms. Mensah said, are …").

    PolNeAR marks such content as two fragments; dateline keeps one quote span.
    """
    inner = [(s.start, s.end) for s in frame if start < s.start and s.end < end]
    if not inner:
        return [(start, end)]
    lo, hi = min(s for s, _ in inner), max(e for _, e in inner)
    out = []
    for s, e in ((start, lo), (hi, end)):
        while s < e and text[s] in " ,\n":
            s += 1
        while e > s and text[e - 1] in " ,\n":
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _polnear_cue(spacy_doc, start: int, end: int) -> tuple[int, int]:
    """Our cue (the verb) in PolNeAR's convention: with its auxiliaries, negation and adverbs right before it
    ("has said", "also said", "isn't saying"; not "when", "then") and a colon right after it ("said:")."""
    span = spacy_doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return start, end
    verb = span.root
    i = span.start
    while (
        i > 0
        and spacy_doc[i - 1].head.i == verb.i
        and spacy_doc[i - 1].dep_ in ("aux", "auxpass", "neg", "advmod")
        and spacy_doc[i - 1].lower_ not in _WH_ADVERBS
    ):
        i -= 1
    j = span.end
    if j < len(spacy_doc) and spacy_doc[j].text == ":":
        j += 1
    return spacy_doc[i].idx, spacy_doc[j - 1].idx + len(spacy_doc[j - 1].text)


def _polnear_source(spacy_doc, start: int, end: int, cue) -> tuple[int, int]:
    """Our speaker in PolNeAR's convention: the whole noun phrase with its relative clause ("Victor Cha, who
    served as Asia director …"), the relative pronoun itself when it is the cue verb's subject ("…, who said"),
    and the comma or dash that closes an appositive speaker ("Phil Lovas, the chairman,")."""
    text = spacy_doc.text
    span = spacy_doc.char_span(start, end, alignment_mode="expand")
    verb = spacy_doc.char_span(cue.start, cue.end, alignment_mode="expand") if cue is not None else None
    if span is not None and verb is not None:
        pronoun = [c for c in verb.root.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _RELATIVE]
        if pronoun and pronoun[0].idx >= end:
            return pronoun[0].idx, pronoun[0].idx + len(pronoun[0].text)
        right = span.root.right_edge
        if end < right.idx + len(right.text) <= cue.start and any(
            c.dep_ in ("relcl", "acl") and c.i >= span.end for c in span.root.subtree
        ):
            end = right.idx + len(right.text)
            while end > start and text[end - 1] in ",;":
                end -= 1
    inner = text[start:end]
    if end < len(text) and text[end] in ",–—" and any(ch in inner for ch in ",–—"):
        end += 1
    return start, end


def _polnear_content(text: str, start: int, end: int) -> tuple[int, int]:
    """Our content span in PolNeAR's convention: with its quotation marks and its complementiser.

    dateline's quote text is the words said (no marks, no "that"); PolNeAR's content span keeps the marks, the
    punctuation inside them and a leading "that". This changes boundaries only, never which quote is found.
    """
    for _ in range(2):
        if text[max(0, start - 2) : start] == "''":  # a doubled apostrophe for a double quote (NYT style)
            start -= 2
            k = end
            while k < len(text) and text[k] in ",.?!;:":
                k += 1
            if text[k : k + 2] == "''":
                end = k + 2
        elif start > 0 and text[start - 1] in _OPEN_MARKS:
            start -= 1
            k = end
            while k < len(text) and text[k] in ",.?!;:":
                k += 1
            if k < len(text) and text[k] in _CLOSE_MARKS:
                end = k + 1
        m = _THAT_BEFORE.search(text, max(0, start - 9), start)
        if m is not None and m.end() == start:
            start = m.start()
    return start, end


def _lenient(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    m = _LEAD.match(text[s:e])
    if m and m.end() < e - s:
        s += m.end()
    return s, e


def _tokens(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Start offsets of the word tokens covered by ``spans``."""
    out: set[int] = set()
    for s, e in spans:
        out.update(s + m.start() for m in _WORD.finditer(text[s:e]))
    return out


def score(rows: list[dict], preds: list[dict[str, list[tuple[int, int]]]]) -> dict[str, dict[str, Counter]]:
    """Counts of true positives, predicted and gold items, per role and metric."""
    counts = {role: {"exact": Counter(), "lenient": Counter(), "token": Counter()} for role in ROLES}
    for row, pred in zip(rows, preds, strict=True):
        text, gold = row["text"], gold_spans(row)
        for role in ROLES:
            g, p = gold[role], pred[role]
            for name, norm in (("exact", lambda x: x), ("lenient", lambda x, t=text: _lenient(t, x))):
                gn, pn = Counter(norm(x) for x in g), Counter(norm(x) for x in p)
                c = counts[role][name]
                c["tp"] += sum((gn & pn).values())
                c["pred"] += sum(pn.values())
                c["gold"] += sum(gn.values())
            gt, pt = _tokens(text, g), _tokens(text, p)
            c = counts[role]["token"]
            c["tp"] += len(gt & pt)
            c["pred"] += len(pt)
            c["gold"] += len(gt)
    return counts


def prf(c: Counter) -> tuple[float, float, float]:
    p = c["tp"] / c["pred"] if c["pred"] else 0.0
    r = c["tp"] / c["gold"] if c["gold"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(counts: dict[str, dict[str, Counter]], seconds: float, n_docs: int, split: str) -> None:
    print(f"PolNeAR {split}: {n_docs} articles (first annotator each), {seconds:.1f} s")
    print(f"{'role':8} {'metric':8} {'P':>6} {'R':>6} {'F1':>6}   gold  pred")
    for role in ROLES:
        for metric in ("exact", "lenient", "token"):
            p, r, f = prf(counts[role][metric])
            c = counts[role][metric]
            print(f"{role:8} {metric:8} {100 * p:6.1f} {100 * r:6.1f} {100 * f:6.1f} {c['gold']:6} {c['pred']:5}")
    ours = tuple(100 * prf(counts[role]["exact"])[2] for role in ROLES)
    print("\nexact-match F1 (source / cue / content)")
    for name, figs in PUBLISHED.items():
        print(f"  {name:22} {figs[0]:5.1f} / {figs[1]:5.1f} / {figs[2]:5.1f}   (published, test, sentence level)")
    print(f"  {'dateline (ours)':22} {ours[0]:5.1f} / {ours[1]:5.1f} / {ours[2]:5.1f}   ({split}, document level)")


def show_errors(rows: list[dict], preds: list[dict], role: str, n: int) -> None:
    """Print up to ``n`` missed gold spans and false predictions of ``role`` (for rule design)."""
    shown = 0
    for row, pred in zip(rows, preds, strict=True):
        text = row["text"]
        gold = set(gold_spans(row)[role])
        for kind, spans, other in (("MISS", gold, set(pred[role])), ("FALSE", set(pred[role]), gold)):
            for s, e in sorted(spans - other):
                if shown >= n:
                    return
                print(f"{kind:5} {role}: {text[s:e][:160]!r}")
                shown += 1


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument("--show", type=int, default=0, help="print N errors per role")
    args = parser.parse_args(argv)

    from dateline.config import Config
    from dateline.pipeline import Pipeline

    rows = load_gold(args.shared, args.split, args.limit)
    pipeline = Pipeline(Config(), stages=["actors", "places", "times", "quotes"])
    t0 = time.perf_counter()
    preds = [predict(pipeline, row) for row in rows]
    seconds = time.perf_counter() - t0
    f1s = {}
    for part in splits.PARTS:
        mine = [k for k, row in enumerate(rows) if splits.part("polnear", row["filename"]) == part]
        counts = score([rows[k] for k in mine], [preds[k] for k in mine])
        report(counts, seconds, len(mine), f"{args.split}, {part} part")
        f1s[part] = [prf(counts[role]["exact"])[2] for role in ROLES]
        print()
    for k, role in enumerate(ROLES):
        print(splits.gap_line(f"exact F1, {role}", f1s["tuning"][k], f1s["check"][k]))
    if FAILURES:
        print(f"\nWARNING: the quotes stage failed on {len(FAILURES)} articles, e.g. {FAILURES[0]}")
    if args.show:
        tuning = [k for k, row in enumerate(rows) if splits.part("polnear", row["filename"]) == "tuning"]
        for role in ROLES:
            show_errors([rows[k] for k in tuning], [preds[k] for k in tuning], role, args.show)


if __name__ == "__main__":
    main()
