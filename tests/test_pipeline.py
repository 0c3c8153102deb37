"""The pipeline's shape: the stage registry, order checks, and the evidence contract on real output."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import dateline
from dateline.document import FIELDS
from dateline.errors import PipelineError
from dateline.model import Result, Span, json_schema
from dateline.pipeline import STAGES, Stage, check_order

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_stage_registry_snapshot():
    assert list(STAGES) == ["actors", "places", "times", "quotes", "events", "casualties", "stance", "consolidate"]
    assert STAGES["events"].requires == ("article", "spacy_doc", "actors", "places", "focus_country", "times", "quotes")


def test_check_order_refuses_a_stage_before_its_inputs():
    stages = [STAGES["events"], STAGES["actors"]]
    with pytest.raises(PipelineError, match="requires"):
        check_order(stages)


def test_check_order_accepts_the_registry():
    check_order(STAGES.values())


def test_unknown_stage_is_refused():
    with pytest.raises(PipelineError, match="unknown stage"):
        dateline.core.Pipeline(stages=["actors", "nope"], nlp=object())


def test_span_refuses_misaligned_offsets():
    with pytest.raises(ValueError):
        Span(start=0, end=3, text="ab")
    with pytest.raises(ValueError):
        Span.of("abc", 2, 5)
    assert Span.of("Baghdad said", 0, 7).text == "Baghdad"


def _spans(value):
    """Every Span-shaped dict inside a JSON value."""
    if isinstance(value, dict):
        if set(value) == {"start", "end", "text"}:
            yield value
        for v in value.values():
            yield from _spans(v)
    elif isinstance(value, list):
        for v in value:
            yield from _spans(v)


def _all_example_results():
    return list(dateline.extract_all([EXAMPLES]))


@pytest.fixture(scope="module")
def example_results(pipeline):
    return _all_example_results()


def test_every_span_points_at_its_words(example_results):
    checked = 0
    for result in example_results:
        data = result.to_dict()
        text = data["article"]["text"]
        for span in _spans({k: v for k, v in data.items() if k != "article"} | {"dl": data["article"]["dateline"]}):
            assert text[span["start"] : span["end"]] == span["text"]
            checked += 1
        for quote in data["quotes"]:
            assert text[quote["start"] : quote["end"]] == quote["text"]
    assert checked > 100


def test_every_fact_has_a_confidence(example_results):
    for result in example_results:
        for item in [*result.actors, *result.places, *result.times, *result.quotes, *result.events]:
            assert 0.0 <= item.confidence <= 1.0


def test_results_validate_against_the_published_schema(example_results):
    schema = json_schema()
    for result in example_results:
        jsonschema.validate(json.loads(result.model_dump_json()), schema)


def test_result_round_trips_through_json(example_results):
    for result in example_results:
        assert Result.from_dict(json.loads(result.model_dump_json())) == result


def test_output_is_deterministic(example_results):
    again = _all_example_results()
    assert [r.model_dump_json() for r in again] == [r.model_dump_json() for r in example_results]


def test_stage_failure_is_recorded_and_the_batch_goes_on(pipeline):
    from dateline.document import Document
    from dateline.model import Article

    def broken(doc, resources):
        raise RuntimeError("boom")

    original = pipeline.stages
    pipeline.stages = [Stage("broken", broken, (), ()), *list(original)]
    try:
        docs = [Document(Article(id=str(i), text=f"Police arrested {i} protesters in Khartoum.")) for i in range(3)]
        out = list(pipeline.process(docs))
    finally:
        pipeline.stages = original
    assert [d.article.id for d in out] == ["0", "1", "2"]
    assert all(d.errors[0].stage == "broken" and "boom" in d.errors[0].message for d in out)


def test_check_order_refuses_a_name_that_is_no_document_field():
    bogus = Stage(name="bogus", run=lambda doc, res: None, requires=("article",), assigns=("event_extras",))
    with pytest.raises(PipelineError, match="not a field of Document"):
        check_order([bogus])


def _snapshot(doc) -> dict:
    """Every Document field a stage may write, as plain data (events and quotes item by item)."""
    out = {}
    for name in FIELDS - {"spacy_doc"}:
        value = getattr(doc, name)
        if isinstance(value, list):
            out[name] = [v.model_dump() for v in value]
        else:
            out[name] = value.model_dump() if hasattr(value, "model_dump") else value
    return out


def _changes(before: dict, after: dict) -> set[str]:
    """Names of what changed: a field, or ``events.x`` / ``quotes.x`` when only item fields changed."""
    changed = set()
    for name in before:
        if before[name] == after[name]:
            continue
        items_same = name in ("events", "quotes") and len(before[name]) == len(after[name])
        if items_same and all(b.get("id") == a.get("id") for b, a in zip(before[name], after[name], strict=True)):
            for b, a in zip(before[name], after[name], strict=True):
                changed |= {f"{name}.{k}" for k in b if b[k] != a[k]}
        else:
            changed.add(name)
    return changed


def test_each_stage_writes_only_what_it_declares(pipeline):
    """Run the stages one by one on every example; each may change only the fields its ASSIGNS names."""
    from dateline import ingest

    config = pipeline.config
    docs = list(ingest.read_paths([EXAMPLES], config))
    checked = 0
    for doc in docs:
        if not doc.article.text:
            continue
        doc.spacy_doc = pipeline.nlp(doc.article.text)
        for stage in STAGES.values():
            before = _snapshot(doc)
            stage.run(doc, pipeline.resources)
            undeclared = _changes(before, _snapshot(doc)) - set(stage.assigns)
            # a stage that replaces a list ("events") may change its items as well
            undeclared = {c for c in undeclared if c.partition(".")[0] not in stage.assigns}
            assert not undeclared, f"{stage.name} changed {sorted(undeclared)} on {doc.article.source}"
            checked += 1
    assert checked >= 8 * len(STAGES)
