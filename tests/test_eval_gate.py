"""Evaluation gate: accuracy on the shared gold data must not fall below the floors in eval/floors.json."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))


def _eval_module(name: str):
    spec = importlib.util.spec_from_file_location(f"dateline_eval_{name}", ROOT / "eval" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses in the script look their module up here
    spec.loader.exec_module(module)
    return module


def _require(path: Path) -> None:
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"gold data missing in CI: {path}")
        pytest.skip(f"gold data not found: {path}")


@pytest.mark.slow
def test_html_extraction_beats_the_floor_on_zyte():
    bench = SHARED / "eval" / "html" / "zyte-aeb"
    _require(bench / "ground-truth.json.gz")
    html_eval = _eval_module("html_extraction")
    scorer = html_eval.load_scorer(bench)
    truth, pages = html_eval.load_pages(bench)
    _, build = html_eval.VARIANTS["ours"]
    prediction, _speed = html_eval.run_variant(build(), pages)
    metrics = scorer.evaluate(truth, prediction, 0)
    assert metrics["f1"] >= FLOORS["html_zyte_f1"], metrics


@pytest.mark.slow
def test_events_hold_their_floors_on_plover_dev():
    _require(SHARED / "eval" / "events" / "normalized" / "plover_gsr_dev.jsonl")
    res = _eval_module("events").run_gold(SHARED)
    assert res["type_accuracy"] >= FLOORS["events_plover_dev_type_accuracy"], res["type_accuracy"]
    assert res["macro_f1"] >= FLOORS["events_plover_dev_macro_f1"], res["macro_f1"]
    assert res["triple"][2] >= FLOORS["events_plover_dev_triple_f1"], res["triple"]


@pytest.mark.slow
def test_places_hold_their_floors_on_lgl_dev_and_geovirus():
    places_eval = _eval_module("places")
    _require(SHARED / "eval" / "geo" / "lgl.xml.gz")
    lgl_dev = places_eval.select(places_eval.load_lgl(SHARED), "dev")
    scores, _ = places_eval.run(lgl_dev, gold_mode=True)
    row = scores.row()
    assert row["acc161"] >= FLOORS["places_lgl_dev_gold_acc161"], row
    assert row["exact"] >= FLOORS["places_lgl_dev_gold_exact"], row
    geovirus = places_eval.load_geovirus(SHARED)
    scores, _ = places_eval.run(geovirus, gold_mode=False)
    row = scores.row()
    assert row["acc161"] >= FLOORS["places_geovirus_end_to_end_acc161"], row


@pytest.mark.slow
def test_quotes_hold_their_floors_on_polnear_dev():
    from dateline.config import Config
    from dateline.pipeline import Pipeline

    quotes_eval = _eval_module("quotes")
    _require(SHARED / "eval" / "quotes")
    rows = quotes_eval.load_gold(SHARED, "dev")
    pipeline = Pipeline(Config(), stages=["actors", "places", "times", "quotes"])
    counts = quotes_eval.score(rows, [quotes_eval.predict(pipeline, row) for row in rows])
    for role in ("source", "cue", "content"):
        f1 = quotes_eval.prf(counts[role]["exact"])[2]
        assert f1 >= FLOORS[f"quotes_polnear_dev_exact_f1_{role}"], (role, f1)


@pytest.mark.slow
def test_factuality_holds_its_floors_on_uw_and_uds_dev(nlp):
    factuality_eval = _eval_module("factuality")
    for name, floor in (("uw", "factuality_uw_dev_accuracy"), ("uds", "factuality_uds_dev_accuracy")):
        _require(SHARED / "eval" / "factuality" / factuality_eval.SETS[name])
        records = factuality_eval.load(SHARED, name)
        accuracy = factuality_eval.evaluate(name, records, factuality_eval.predict(nlp, records), 0)
        assert accuracy >= FLOORS[floor], (name, accuracy)


@pytest.mark.slow
def test_factuality_holds_its_floor_on_our_news_set(nlp):
    factuality_eval = _eval_module("factuality")
    records = factuality_eval.load(SHARED, "news")
    accuracy = factuality_eval.evaluate("news", records, factuality_eval.predict(nlp, records, reported=True), 0)
    assert accuracy >= FLOORS["factuality_news_accuracy"], accuracy


@pytest.mark.slow
def test_casualties_hold_their_floor(pipeline):
    casualties_eval = _eval_module("casualties")
    cases = casualties_eval.load_cases(SHARED)
    scored = [(case, casualties_eval.predictions(case["text"])) for case in cases]
    for split in ("dev", "heldout"):
        chosen = [(c, p) for c, p in scored if c.get("split", "dev") == split]
        assert casualties_eval.count_f1(chosen) >= FLOORS[f"casualties_{split}_f1"], split


@pytest.mark.slow
def test_dates_hold_their_floors_on_tuned_and_heldout_cases(pipeline):
    dates_eval = _eval_module("dates")
    for key, path in (("tuned", dates_eval.DATA), ("heldout", dates_eval.HELDOUT)):
        res = dates_eval._score(pipeline, dates_eval._load(path, None))
        for table in ("times", "events"):
            results = [ok for oks in res[table].values() for ok in oks]
            accuracy = sum(results) / len(results)
            assert accuracy >= FLOORS[f"dates_{key}_{table}_accuracy"], (key, table, accuracy, res["errors"][:5])
