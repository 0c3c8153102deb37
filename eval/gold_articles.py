"""Our article-level event gold: which real articles, how they are split, how annotations are stored and checked.

The texts stay in ``<shared>/eval`` (read in place, never copied): LGL and GeoVirus articles (``geo/``), PolNeAR
train and dev articles (``quotes/polnear``), Zyte benchmark pages (``html/zyte-aeb``, the gold article body). None
of them may be shipped or trained on (no licence, or third-party pages): the gold is for evaluation only. What
the repository keeps is ours: the list of chosen articles with each text's SHA-256 (``eval/gold/articles.json``)
and the annotations, one JSON line per article (``eval/gold/annotations/*.jsonl``), coded by
``docs/coding-guide.md`` with character offsets into the text.

Choice (``select``): per set, articles of 120 to 1,000 words with at least :data:`MIN_DENSITY` words per 100 from
a list of event words (below), taken in the order of ``sha256(id)``, not by reading them, up to the set's quota.

Split (``part``): ``tuning`` or ``check`` by the first byte of ``sha256("articles:" + id)``; read errors on the
tuning part only, report the check part.

    python eval/gold_articles.py select            # (re)writes eval/gold/articles.json
    python eval/gold_articles.py show ID           # the text with character offsets, paragraph by paragraph
    python eval/gold_articles.py find ID WORDS     # the offsets of WORDS in the text
    python eval/gold_articles.py check [FILE ...]  # validates annotation files against the texts and the guide
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from dateline.model import Factuality, Granularity
from dateline.plover import MODES, TYPES

sys.path.insert(0, str(Path(__file__).resolve().parent))
import splits  # eval/splits.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
GOLD = ROOT / "eval" / "gold"
CHOSEN = GOLD / "articles.json"
ANNOTATIONS = GOLD / "annotations"

QUOTAS = {"lgl": 38, "polnear": 36, "geovirus": 14, "zyte": 32}
MIN_WORDS, MAX_WORDS = 120, 1000
MIN_DENSITY = 1.2  # event words per 100 words
EVENT_WORDS = re.compile(
    r"\b(?:kill|attack|bomb|shoot|shot|clash|fight|protest|demonstrat|riot|march|rally|arrest|detain|raid|seiz|"
    r"captur|troops|soldier|army|police|rebel|militant|gunm[ae]n|sanction|accus|condemn|demand|urg|threat|"
    r"meet|met|talks|visit|agree|deal|aid|evacuat|deploy|withdr[ae]w|ceasefire|negotiat|reject|den(?:y|ie)|veto|"
    r"charg|convict|sentenc|strike|struck|invad|occup|siege|besieg|release|expel|boycott|ban)\w*",
    re.IGNORECASE,
)

FACTUALITY = get_args(Factuality)
GRANULARITY = get_args(Granularity)


@dataclass
class Text:
    id: str
    set: str
    text: str
    title: str | None = None
    published: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def spans(items: list[dict] | None) -> list[tuple[int, int]]:
    """(start, end) of each span object of an annotation."""
    return [(s["start"], s["end"]) for s in items or []]


def overlaps(xs: list[tuple[int, int]], ys: list[tuple[int, int]]) -> int:
    """How many pairs of spans, one from each list, overlap."""
    return sum(1 for a in xs for b in ys if a[0] < b[1] and b[0] < a[1])


def norm_name(name: str | None) -> str:
    """A name compared loosely: lower case, no leading article, no punctuation ("The Army's" -> "armys")."""
    name = (name or "").lower().replace("\u2019", "'")
    name = re.sub(r"^(the|a|an)\s+", "", name.strip())
    return re.sub(r"[^\w ]+", "", name).strip()


def part(article_id: str) -> str:
    """``tuning`` or ``check``: half of the articles each, by a hash of the id (``splits.part``)."""
    return splits.part("articles", article_id)


def load_texts(shared: Path = DEFAULT_SHARED) -> dict[str, Text]:
    """Every candidate article of the four sets, by id (``lgl:DOCID``, ``geovirus:N``, ``polnear:FILE``,
    ``zyte:SHA``)."""
    out: dict[str, Text] = {}
    with gzip.open(shared / "eval" / "geo" / "lgl.xml.gz") as fh:
        for art in ET.parse(fh).getroot().iter("article"):
            t = Text(f"lgl:{art.get('docid')}", "lgl", art.findtext("text") or "")
            out[t.id] = t
    with gzip.open(shared / "eval" / "geo" / "GeoVirus.xml.gz") as fh:
        for i, art in enumerate(ET.parse(fh).getroot().iter("article")):
            t = Text(f"geovirus:{i}", "geovirus", art.findtext("text") or "")
            out[t.id] = t
    for split in ("train", "dev"):
        with gzip.open(shared / "eval" / "quotes" / "polnear" / f"polnear_{split}.jsonl.gz", "rt") as fh:
            for line in fh:
                row = json.loads(line)
                key = f"polnear:{row['filename']}"
                if key not in out:  # one line per annotator: the text is the same
                    out[key] = Text(key, "polnear", row["text"], row.get("title"), row.get("publication_date"))
    with gzip.open(shared / "eval" / "html" / "zyte-aeb" / "ground-truth.json.gz") as fh:
        for sha, row in json.load(fh).items():
            out[f"zyte:{sha}"] = Text(f"zyte:{sha}", "zyte", row.get("articleBody") or "")
    return out


def density(text: str) -> float:
    words = len(text.split())
    return 100 * len(EVENT_WORDS.findall(text)) / max(1, words)


def select(texts: dict[str, Text]) -> list[Text]:
    chosen = []
    for name, quota in QUOTAS.items():
        pool = [
            t
            for t in texts.values()
            if t.set == name and MIN_WORDS <= len(t.text.split()) <= MAX_WORDS and density(t.text) >= MIN_DENSITY
        ]
        pool.sort(key=lambda t: hashlib.sha256(t.id.encode()).hexdigest())
        chosen.extend(pool[:quota])
    return chosen


def chosen() -> list[dict]:
    return json.loads(CHOSEN.read_text())["articles"]


def load_annotations(paths: list[Path] | None = None) -> dict[str, dict]:
    """The annotated articles, by id (a later file's line replaces an earlier one's for the same article)."""
    out: dict[str, dict] = {}
    for path in paths if paths is not None else sorted(ANNOTATIONS.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                row = json.loads(line)
                row["_where"] = f"{path.name}:{n}"
                out[row["article_id"]] = row
    return out


def check(rows: dict[str, dict], texts: dict[str, Text]) -> list[str]:
    """Problems in the annotations: unknown article or changed text, offsets that do not hold, values off the guide."""
    problems: list[str] = []
    for aid, row in rows.items():
        where = f"{row['_where']} {aid}"
        t = texts.get(aid)
        if t is None:
            problems.append(f"{where}: no such article")
            continue
        if row.get("text_sha256") != t.sha256:
            problems.append(f"{where}: text_sha256 differs from the text's")
        ids = set()
        for ev in row.get("events", []):
            eid = ev.get("id")
            w = f"{where} {eid}"
            if eid in ids:
                problems.append(f"{w}: duplicate id")
            ids.add(eid)
            if ev.get("type") not in TYPES:
                problems.append(f"{w}: type {ev.get('type')!r}")
            if ev.get("mode") is not None and ev.get("mode") not in MODES.get(ev.get("type"), ()):
                problems.append(f"{w}: mode {ev.get('mode')!r} is not one of {ev.get('type')}'s")
            if ev.get("factuality") not in FACTUALITY:
                problems.append(f"{w}: factuality {ev.get('factuality')!r}")
            if not ev.get("mentions"):
                problems.append(f"{w}: no mentions")
            spans = [("mention", m) for m in ev.get("mentions", [])]
            for role in ("source", "target"):
                for p in ev.get(role) or []:
                    spans.extend((role, s) for s in p.get("spans", []))
            if ev.get("place"):
                spans.extend(("place", s) for s in ev["place"].get("spans", []))
                if ev["place"].get("precision") not in (1, 2, 3):
                    problems.append(f"{w}: place precision {ev['place'].get('precision')!r}")
            if ev.get("date"):
                spans.extend(("date", s) for s in ev["date"].get("spans", []))
                if ev["date"].get("granularity") not in GRANULARITY:
                    problems.append(f"{w}: date granularity {ev['date'].get('granularity')!r}")
            if ev.get("speaker"):
                spans.extend(("speaker", s) for s in ev["speaker"].get("spans", []))
            for role, s in spans:
                if not isinstance(s, dict) or not all(isinstance(s.get(k), int) for k in ("start", "end")):
                    problems.append(f"{w}: {role} span {s!r} is not {{start, end, text}}")
                elif not (0 <= s["start"] < s["end"] <= len(t.text)) or t.text[s["start"] : s["end"]] != s.get("text"):
                    problems.append(f"{w}: {role} span {s} does not match the text")
        for ne in row.get("non_events", []):
            if t.text[ne["start"] : ne["end"]] != ne.get("text"):
                problems.append(f"{where}: non-event span {ne} does not match the text")
    return problems


def _show(t: Text) -> None:
    print(f"{t.id}  set={t.set}  part={part(t.id)}  sha256={t.sha256}  chars={len(t.text)}")
    if t.title:
        print(f"title: {t.title}")
    if t.published:
        print(f"published: {t.published}")
    for m in re.finditer(r"[^\n]+", t.text):
        print(f"[{m.start()}-{m.end()}] {m.group()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("select")
    show = sub.add_parser("show")
    show.add_argument("id")
    find = sub.add_parser("find")
    find.add_argument("id")
    find.add_argument("words")
    chk = sub.add_parser("check")
    chk.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    texts = load_texts(args.shared)
    if args.cmd == "select":
        picked = select(texts)
        rows = [{"id": t.id, "set": t.set, "part": part(t.id), "text_sha256": t.sha256} for t in picked]
        GOLD.mkdir(parents=True, exist_ok=True)
        comment = "chosen by eval/gold_articles.py select (event-word density, then sha256 order); texts in ../shared"
        CHOSEN.write_text(json.dumps({"_comment": comment, "articles": rows}, indent=1) + "\n")
        print(f"{len(rows)} articles: " + ", ".join(f"{s} {sum(r['set'] == s for r in rows)}" for s in QUOTAS))
    elif args.cmd == "show":
        _show(texts[args.id])
    elif args.cmd == "find":
        text = texts[args.id].text
        for m in re.finditer(re.escape(args.words), text):
            print(f"{m.start()}-{m.end()}: ...{text[max(0, m.start() - 40) : m.end() + 40]!r}...")
    else:
        rows = load_annotations(args.files or None)
        problems = check(rows, texts)
        for p in problems:
            print(p)
        n_events = sum(len(r.get("events", [])) for r in rows.values())
        print(f"{len(rows)} articles, {n_events} events, {len(problems)} problems", file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
