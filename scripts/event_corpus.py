"""Check, resolve and count dateline's own event-training corpus (``corpus/events/*.jsonl``).

Why: the learned event detector (issue 13) is trained only on text we wrote ourselves, from the PLOVER codebook
and ``docs/coding-guide.md``. Writers give spans as the words themselves (easy to write and to read); this script
checks every item and turns the words into character offsets, so the training code and the data card count the
same thing.

    python scripts/event_corpus.py check FILE...    # errors per item, then counts; exit 1 on any error
    python scripts/event_corpus.py stats [FILE...]  # counts by label, type, kind, register (default: the corpus)

One JSON object per line (the data card, ``corpus/events/README.md``, gives the full format)::

    {"id": "assault-0001", "text": "Gunmen shelled a market in Gao on Tuesday, residents said.",
     "register": "wire", "region": "Sahel",
     "events": [{"trigger": "shelled", "type": "ASSAULT", "mode": "heavy-weapons", "factuality": "reported",
                 "source": "Gunmen", "target": "a market", "construction": "active"}],
     "non_events": [{"trigger": "said", "kind": "saying"}]}

``trigger``, ``source`` and ``target`` are words of ``text``; ``n`` (default 1) picks the n-th occurrence of the
trigger, ``source_n`` / ``target_n`` those of the arguments. Every PLOVER event mention of the text is listed
under ``events`` (the text is annotated completely); ``non_events`` lists words that look like events and are not.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

from dateline.model import Factuality
from dateline.plover import MODES, TYPES

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "events"
ARTICLES = ROOT / "corpus" / "articles"
# The coded articles the detector trains on (four fifths of them): the first round. The second round (africa, asia,
# americas, campaign) is held out whole, an unseen yardstick for the detector (``eval/articles.py --ours``).
TRAINING_ARTICLES = ("humanitarian.jsonl", "local.jsonl", "politics.jsonl", "wire.jsonl")

# The ontology and the factuality labels are the package's (dateline.plover, dateline.model).
FACTUALITY = get_args(Factuality)
# Realis, the detector's label: the event took place (as the text tells it) or not (yet).
HAPPENED = frozenset(["asserted", "reported", "hedged"])
KINDS = (
    "word-sense",
    "light-verb",
    "interview",
    "saying",
    "accident",
    "nature",
    "sport",
    "market",
    "business",
    "furniture",
    "generic",
    "opinion",
    "election",
    "crime-private",
    "history",
    "other",
)
REGISTERS = (
    "wire",
    "local",
    "headline",
    "broadcast",
    "press-release",
    "political",
    "feature",
    "opinion",
    "court",
    "police-blotter",
    "live-blog",
    "analysis",
    "other",
)
MAX_WORDS = 90


@dataclass
class Mention:
    """One labelled word of an item: an event mention or a look-alike that is none."""

    item: str
    text: str
    start: int
    end: int
    label: str  # "happened", "not_happened" or "not_event"
    type: str | None = None
    mode: str | None = None
    factuality: str | None = None
    kind: str | None = None
    source: tuple[int, int] | None = None
    target: tuple[int, int] | None = None
    construction: str | None = None


@dataclass
class Item:
    id: str
    text: str
    register: str
    region: str | None
    mentions: list[Mention] = field(default_factory=list)
    file: str = ""


def _find(text: str, words: str, n: int) -> tuple[int, int] | None:
    """The n-th occurrence of ``words`` in ``text`` as a whole-word match (character offsets), or None."""
    pattern = re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)")
    hits = list(pattern.finditer(text))
    if not words.strip() or n < 1 or n > len(hits):
        return None
    return hits[n - 1].start(), hits[n - 1].end()


def _span(text: str, entry: dict, key: str, errors: list[str]) -> tuple[int, int] | None:
    words = entry.get(key)
    if words in (None, ""):
        return None
    if not isinstance(words, str):
        errors.append(f"{key} must be a string or null")
        return None
    # ``n`` is the trigger's occurrence (``trigger_n`` is read too); ``source_n`` / ``target_n`` the arguments'.
    n = entry.get(f"{key}_n", entry.get("n", 1) if key == "trigger" else 1)
    got = _find(text, words, int(n))
    if got is None:
        errors.append(f"{key} {words!r} not in text (as whole words, occurrence {n})")
    return got


def parse_item(obj: dict, file: str = "") -> tuple[Item | None, list[str]]:
    """One line of the corpus as an ``Item`` with offsets, and the problems found (an item with any is dropped)."""
    errors: list[str] = []
    text = obj.get("text")
    iid = str(obj.get("id", "?"))
    if not isinstance(text, str) or not text.strip():
        return None, ["no text"]
    if len(text.split()) > MAX_WORDS:
        errors.append(f"text longer than {MAX_WORDS} words")
    register = obj.get("register")
    if register not in REGISTERS:
        errors.append(f"register {register!r} not one of {REGISTERS}")
    item = Item(iid, text, str(register), obj.get("region"), file=file)
    taken: set[tuple[int, int]] = set()
    for ev in obj.get("events") or []:
        start_end = _span(text, ev, "trigger", errors)
        etype, mode, fact = ev.get("type"), ev.get("mode"), ev.get("factuality")
        if etype not in TYPES:
            errors.append(f"type {etype!r}")
        elif mode is not None and mode not in MODES.get(etype, ()):
            errors.append(f"mode {mode!r} not a mode of {etype}")
        if fact not in FACTUALITY:
            errors.append(f"factuality {fact!r}")
        source, target = _span(text, ev, "source", errors), _span(text, ev, "target", errors)
        if start_end is None:
            continue
        if start_end in taken:
            errors.append(f"trigger {ev.get('trigger')!r} labelled twice")
        taken.add(start_end)
        label = "happened" if fact in HAPPENED else "not_happened"
        item.mentions.append(
            Mention(
                iid,
                text[start_end[0] : start_end[1]],
                *start_end,
                label,
                etype,
                mode,
                fact,
                None,
                source,
                target,
                ev.get("construction"),
            )
        )
    for ne in obj.get("non_events") or []:
        start_end = _span(text, ne, "trigger", errors)
        kind = ne.get("kind")
        if kind not in KINDS:
            errors.append(f"non-event kind {kind!r} not one of {KINDS}")
        if start_end is None:
            continue
        if start_end in taken:
            errors.append(f"trigger {ne.get('trigger')!r} is both an event and a non-event")
        taken.add(start_end)
        item.mentions.append(Mention(iid, text[start_end[0] : start_end[1]], *start_end, "not_event", kind=kind))
    if not item.mentions:
        errors.append("no events and no non-events")
    return item, errors


def read(paths: Iterable[Path], strict: bool = False) -> Iterator[tuple[Item | None, list[str], str]]:
    """Every item of the files with its problems and where it is (``file:line``)."""
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{n}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield None, [f"not JSON: {exc}"], where
                continue
            item, errors = parse_item(obj, path.name)
            yield item, errors, where


def load(paths: Iterable[Path] | None = None) -> list[Item]:
    """The corpus's items that check out (the training code's input); duplicates of a text are kept once."""
    paths = sorted(CORPUS.glob("*.jsonl")) if paths is None else list(paths)
    seen: set[str] = set()
    out = []
    for item, errors, _ in read(paths):
        if item is None or errors:
            continue
        key = _norm(item.text)
        if key in seen:
            continue
        seen.add(key)
        out.append(item)
    return out


def fold(item_id: str) -> int:
    """An item's fifth (0-4) by a hash of its id, so adding items never moves old ones: fifth 0 is held out (never
    trained on, its scores reported), fifth 1 is where settings are chosen (``train_events.py --choose``)."""
    return int(hashlib.sha256(item_id.encode()).hexdigest()[:8], 16) % 5


def load_articles(paths: Iterable[Path] | None = None) -> list[Item]:
    """Our coded whole articles (``corpus/articles``) as items: every mention of every event is a labelled word (its
    incident's type, mode and factuality), every listed non-event a look-alike, and every other candidate word of
    the article a word the coding guide does not code there (background talk, a private act, a generic one): what
    a model can only learn from whole articles. A phrase that mentions two incidents is labelled once."""
    paths = [ARTICLES / name for name in TRAINING_ARTICLES] if paths is None else list(paths)
    out = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            iid, text = row["article_id"], row["text"]
            item = Item(iid, text, row.get("register") or "article", None, file=path.name)
            taken: set[tuple[int, int]] = set()
            for ev in row["events"]:
                fact = ev["factuality"]
                label = "happened" if fact in HAPPENED else "not_happened"
                for m in ev["mentions"]:
                    if (m["start"], m["end"]) not in taken:
                        taken.add((m["start"], m["end"]))
                        item.mentions.append(
                            Mention(iid, m["text"], m["start"], m["end"], label, ev["type"], ev["mode"], fact)
                        )
            for ne in row.get("non_events") or []:
                if (ne["start"], ne["end"]) not in taken:
                    taken.add((ne["start"], ne["end"]))
                    item.mentions.append(Mention(iid, ne["text"], ne["start"], ne["end"], "not_event", kind="other"))
            out.append(item)
    return out


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def stats(items: list[Item]) -> dict[str, Counter]:
    out: dict[str, Counter] = {k: Counter() for k in ("label", "type", "kind", "register", "factuality", "mode")}
    for item in items:
        out["register"][item.register] += 1
        for m in item.mentions:
            out["label"][m.label] += 1
            if m.type:
                out["type"][m.type] += 1
                out["mode"][f"{m.type}:{m.mode}" if m.mode else f"{m.type}:-"] += 1
                out["factuality"][m.factuality] += 1
            if m.kind:
                out["kind"][m.kind] += 1
    return out


def _print_stats(items: list[Item]) -> None:
    counts = stats(items)
    total = sum(counts["label"].values())
    print(f"{len(items)} texts, {total} labelled words")
    for name in ("label", "type", "factuality", "kind", "register"):
        row = ", ".join(f"{k} {v}" for k, v in counts[name].most_common())
        print(f"  {name}: {row}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=("check", "stats"))
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args(argv)
    paths = args.files or sorted(CORPUS.glob("*.jsonl"))
    items, bad, ids = [], 0, Counter()
    texts: Counter = Counter()
    for item, errors, where in read(paths):
        if item is not None:
            ids[item.id] += 1
            texts[_norm(item.text)] += 1
        if errors:
            bad += 1
            if args.command == "check":
                print(f"{where} {item.id if item else '?'}: " + "; ".join(errors))
        elif item is not None:
            items.append(item)
    dup_ids = [i for i, c in ids.items() if c > 1]
    dup_texts = sum(c - 1 for c in texts.values() if c > 1)
    if args.command == "check":
        if dup_ids:
            print(f"ids used more than once: {', '.join(dup_ids[:20])}")
        if dup_texts:
            print(f"{dup_texts} texts repeat another text")
    _print_stats(items)
    print(f"{bad} items with errors")
    return 1 if args.command == "check" and (bad or dup_ids) else 0


if __name__ == "__main__":
    sys.exit(main())
