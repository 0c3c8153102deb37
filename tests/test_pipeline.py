"""The pipeline's shape: the stage registry, order checks, and the evidence contract on real output."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import dateline
from dateline.errors import PipelineError
from dateline.model import Result, Span, json_schema
from dateline.pipeline import STAGES, Stage, check_order

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_stage_registry_snapshot():
    assert list(STAGES) == ["actors", "places", "times", "quotes", "events", "casualties", "stance", "consolidate"]
    assert STAGES["events"].requires == ("article", "spacy_doc", "actors", "places", "times", "quotes")


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
