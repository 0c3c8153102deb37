"""The merge eval's data set (eval/data/merge) is well formed: every gold side names a word of its article, the
pairs are numerous and balanced enough to score, every hard case has both labels. Reads the real files."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "eval" / "data" / "merge"


@pytest.fixture(scope="module")
def merge_eval(eval_module):
    return eval_module("merge")


@pytest.fixture(scope="module")
def data(merge_eval):
    return merge_eval.load(DATA)


def test_articles_have_their_fields_and_unique_ids(data):
    articles, _ = data
    assert 60 <= len(articles) <= 90
    for a in articles:
        assert set(a) == {"id", "url", "site", "title", "published", "text"}, a.get("id")
        assert all(isinstance(a[k], str) and a[k].strip() for k in a), a["id"]
        datetime.date.fromisoformat(a["published"])
        assert a["url"].startswith("https://") and ".test/" in a["url"], a["id"]
    for key in ("id", "url"):
        counts = Counter(a[key] for a in articles)
        assert not [v for v, n in counts.items() if n > 1], f"duplicate {key}"


def test_every_side_names_a_word_of_its_article(data, merge_eval):
    articles, pairs = data
    texts = {a["id"]: a["text"] for a in articles}
    for i, pair in enumerate(pairs):
        for key in ("a", "b"):
            side = pair[key]
            assert set(side) == {"article", "trigger", "n"}, (i, side)
            assert side["article"] in texts, (i, side)
            assert isinstance(side["n"], int) and side["n"] >= 1, (i, side)
            span = merge_eval.occurrence(texts[side["article"]], side["trigger"], side["n"])
            assert span is not None, f"pair {i}: {side} is not in the article's text"
            assert texts[side["article"]][span[0] : span[1]] == side["trigger"]


def test_pairs_are_enough_balanced_and_unique(data):
    _, pairs = data
    assert len(pairs) >= 200
    same = sum(1 for p in pairs if p["same"] is True)
    different = sum(1 for p in pairs if p["same"] is False)
    assert same >= 80 and different >= 80 and same + different == len(pairs)
    keys = Counter(frozenset([json.dumps(p["a"], sort_keys=True), json.dumps(p["b"], sort_keys=True)]) for p in pairs)
    assert not [k for k, n in keys.items() if n > 1], "a pair is listed twice"
    assert all(p["a"] != p["b"] for p in pairs), "a side paired with itself"
    assert all(isinstance(p["why"], str) and p["why"].strip() for p in pairs)


def test_every_hard_case_has_both_labels(data, merge_eval):
    _, pairs = data
    labels: dict[str, set[bool]] = {}
    for p in pairs:
        labels.setdefault(p["kind"], set()).add(p["same"])
    assert set(labels) == set(merge_eval.KIND_ORDER), set(labels) ^ set(merge_eval.KIND_ORDER)
    for kind, seen in labels.items():
        assert seen == {True, False}, f"{kind} has only {'same' if True in seen else 'different'} pairs"


def test_split_is_the_committed_hash_rule(data, merge_eval):
    _, pairs = data
    parts = Counter(merge_eval.part(p) for p in pairs)
    assert set(parts) == {"tuning", "check"} and min(parts.values()) >= len(pairs) // 3
