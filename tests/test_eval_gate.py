"""Evaluation gate: accuracy on the shared gold data must not fall below the floors in eval/floors.json."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))


def _eval_module(name: str):
    spec = importlib.util.spec_from_file_location(f"dateline_eval_{name}", ROOT / "eval" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
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
    html_eval = _eval_module("html")
    scorer = html_eval.load_scorer(bench)
    truth, pages = html_eval.load_pages(bench)
    _, build = html_eval.VARIANTS["ours"]
    prediction, _speed = html_eval.run_variant(build(), pages)
    metrics = scorer.evaluate(truth, prediction, 0)
    assert metrics["f1"] >= FLOORS["html_zyte_f1"], metrics
