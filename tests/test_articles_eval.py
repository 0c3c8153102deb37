"""eval/articles.py's matching: a row per gold incident is a match, more rows of it are duplicates, rows on no
gold incident are non-events, and each field of a match is judged from its evidence. An invented article, the
real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEXT = (
    "Police arrested two protesters in Lyon on Tuesday. The arrests came after a march through the city centre. "
    "The mayor condemned the arrests."
)


def _span(words: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(words, start + 1)
    return {"start": start, "end": start + len(words), "text": words}


@pytest.fixture(scope="module")
def articles(eval_module):
    return eval_module("articles")


@pytest.fixture(scope="module")
def result(pipeline):
    from dateline import ingest
    from dateline.config import Config

    return pipeline(ingest.from_text(TEXT, published="2024-03-07", config=Config())).result()


def _gold(events: list[dict]) -> dict:
    return {"article_id": "test:1", "events": events}


def _arrest(**fields) -> dict:
    event = {
        "id": "e1",
        "type": "COERCE",
        "mode": "arrest",
        "required": True,
        "mentions": [_span("arrested"), _span("arrests")],
        "source": [{"name": "police", "spans": [_span("Police")]}],
        "target": [{"name": "two protesters", "spans": [_span("two protesters")]}],
        "place": {"name": "Lyon", "country": "FRA", "precision": 1, "spans": [_span("Lyon")]},
        "date": {"value": "2024-03-05", "granularity": "day", "spans": [_span("on Tuesday")]},
        "factuality": "asserted",
        "speaker": None,
    }
    event.update(fields)
    return event


def _meta(articles):
    return articles.gold_articles.Text("test:1", "test", TEXT)


def test_the_arrest_told_twice_is_one_match_and_its_fields_are_judged(articles, result):
    assert any(e.type == "COERCE" for e in result.events)
    score = articles.score_article(_gold([_arrest()]), result, TEXT, _meta(articles))
    assert score.matches == 1 and score.required_found == 1
    rows_on_arrest = [e for e in result.events if e.trigger.text.startswith("arrest")]
    assert score.duplicates == len(rows_on_arrest) - 1
    assert score.fields["type"] == 1
    assert score.fields["place"] == 1  # Lyon, by its span
    assert score.fields["source"] == 1


def test_rows_on_no_gold_incident_are_non_events_and_missed_events_are_listed(articles, result):
    march = {**_arrest(id="e2", type="PROTEST", mode="demo", mentions=[_span("march")]), "source": [], "target": []}
    unseen = {**_arrest(id="e3", type="CONSULT", mode=None, mentions=[_span("city centre")])}
    score = articles.score_article(_gold([march, unseen]), result, TEXT, _meta(articles))
    assert score.matches == 1 and score.required == 2 and score.required_found == 1
    assert score.non_events == len(result.events) - 1  # the arrest and the condemnation: no gold incident
    assert ("missed", f"CONSULT 'city centre' @{TEXT.index('city centre')}") in score.errors


def test_a_wrong_date_and_a_namesake_place_are_wrong(articles, result):
    gold = _gold([_arrest(date={"value": "2024-03-04", "granularity": "day", "spans": []})])
    gold["events"][0]["place"] = {"name": "Lyon", "country": "USA", "precision": 1, "spans": []}
    score = articles.score_article(gold, result, TEXT, _meta(articles))
    assert score.fields["date"] == 0
    assert score.fields["place"] == 0  # the Lyon dateline found is in France, the gold's in the United States
    assert score.all_right == 0


def test_the_split_is_a_fixed_function_of_the_id(articles, eval_module):
    split = eval_module("splits")
    assert split.part("articles", "lgl:1") == split.part("articles", "lgl:1")
    parts = {split.part("articles", f"x:{i}") for i in range(40)}
    assert parts == {"tuning", "check"}
    assert articles.gold_articles.part("lgl:1") == split.part("articles", "lgl:1")


def test_offsets_into_the_cleaned_text_map_back_to_the_gold_text(articles):
    gold = "Staff Reports\n\nPolice arrested six people.\n\nOfficers  arrested Tays."
    ours = "Police arrested six people.\n\nOfficers arrested Tays."
    al = articles.Aligner(ours, gold)
    for word in ("arrested", "Tays", "Officers"):
        start = ours.rindex(word)
        lo, hi = al.span(start, start + len(word))
        assert gold[lo:hi] == word
    assert articles.Aligner(gold, gold).span(3, 9) == (3, 9)


def test_a_coding_agrees_with_itself_and_pairs_incidents_one_to_one(eval_module):
    agreement = eval_module("gold_agreement")
    event = _arrest()
    other = {**_arrest(id="e2", type="PROTEST"), "mentions": [_span("march")]}
    rows = {"test:1": {"article_id": "test:1", "events": [event, other]}}
    counts = agreement.compare(rows, rows)
    assert counts["paired"] == counts["first"] == 2 and counts["type"] == counts["place"] == 2
    second = {"test:1": {"article_id": "test:1", "events": [{**event, "type": "ASSAULT"}]}}
    counts = agreement.compare(rows, second)
    assert counts["paired"] == 1 and counts["type"] == 0 and counts["first required found"] == 1


def test_our_invented_articles_check_out_against_the_coding_guide(eval_module):
    """corpus/articles: every span holds in its text, every type, mode, factuality and precision is the guide's."""
    import hashlib
    import json

    gold_articles = eval_module("gold_articles")
    rows, texts = {}, {}
    for path in sorted((Path(__file__).resolve().parent.parent / "corpus" / "articles").glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            row = json.loads(line)
            row["_where"] = f"{path.name}:{n}"
            rows[row["article_id"]] = row
            texts[row["article_id"]] = gold_articles.Text(row["article_id"], "ours", row["text"])
            assert row["text_sha256"] == hashlib.sha256(row["text"].encode("utf-8")).hexdigest()
    assert len(rows) == 200 and sum(len(r["events"]) for r in rows.values()) >= 2500
    assert gold_articles.check(rows, texts) == []
