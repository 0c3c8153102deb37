"""Which date and place an event gets (``dateline.events._anchors.Anchors``), on the seed and short texts."""

from __future__ import annotations

import re

import pytest

from dateline.events._anchors import Anchors
from dateline.ingest.readers import from_text
from dateline.model import Place, Span


def _doc(pipeline, text: str, published: str | None = None):
    return pipeline(from_text(text, source="t", published=published, config=pipeline.config))


def _date(pipeline, text: str, trigger: str, published: str | None = None):
    doc = _doc(pipeline, text, published)
    m = re.search(r"(?<!\w)" + re.escape(trigger) + r"(?!\w)", doc.article.text)
    token = doc.spacy_doc.char_span(m.start(), m.end(), alignment_mode="expand")[0]
    return Anchors(doc).date(token, token, (token.sent.start_char, token.sent.end_char))


def _seed_event(seed_result, trigger):
    return next(e for e in seed_result.events if e.trigger.text == trigger)


# --- the seed ----------------------------------------------------------------------------------


def test_seed_2014_seizures_and_caliphate(seed_result):
    for trigger in ("gains", "declared"):
        date = _seed_event(seed_result, trigger).date
        assert (date.value, date.granularity, date.basis, date.span.text) == ("2014", "year", "text", "2014")


def test_seed_push_back_dated_by_the_past_two_years(seed_result):
    date = _seed_event(seed_result, "push back").date
    assert (date.value, date.granularity, date.basis) == ("P2Y/--04-18", "interval", "text")
    assert date.span.text == "the past two years"


def test_seed_khasfa_killings_are_dated_at_the_time_of_the_account_not_the_dateline(seed_result):
    date = _seed_event(seed_result, "shot").date
    assert (date.value, date.basis, date.span.text) == (None, "text", "at the time")


def test_seed_talks_fall_back_to_the_labelled_dateline(seed_result):
    date = _seed_event(seed_result, "talks").date
    assert (date.value, date.basis, date.span) == ("--04-18", "dateline", None)


def test_seed_places_and_precision(seed_result):
    assert _seed_event(seed_result, "shot").place.name == "Khasfa"
    assert _seed_event(seed_result, "talks").place.reason == "dateline"
    gains = _seed_event(seed_result, "gains").place
    assert (gains.name, gains.precision) == ("Syria", 3)


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "published", "expected"),
    [
        ("The army said on Wednesday it had killed 20 militants in airstrikes last week.", "killed", "2024-03-06",
         ("2024-W09", "week", "text")),
        ("The ministry said on Tuesday that Israeli forces raided Jenin.", "raided", "2024-03-06",
         ("2024-03-05", "day", "text")),
        ("The militants, who seized the town in 2014, attacked the base on Friday.", "seized", "2017-04-18",
         ("2014", "year", "text")),
        ("The militants, who seized the town in 2014, attacked the base on Friday.", "attacked", "2017-04-18",
         ("2017-04-14", "day", "text")),
        ("The rebels, who had been trained abroad in 2015, attacked a convoy.", "attacked", "2024-03-06",
         ("2024-03-06", "day", "published")),
        ("On Tuesday, gunmen stormed a hotel in Mogadishu. They killed at least 12 people.", "killed", "2024-03-06",
         ("2024-03-05", "day", "text")),
        ("KHARTOUM, March 3, 2024 (Reuters) - Police fired tear gas at protesters.", "fired", None,
         ("2024-03-03", "day", "dateline")),
        ("A car bomb exploded in a market, killing five people.", "exploded", None, (None, "unknown", "unknown")),
        ("Rebels shelled the town last week.", "shelled", None, (None, "week", "text")),
    ],
)  # fmt: skip
def test_event_dates(pipeline, text, trigger, published, expected):
    date = _date(pipeline, text, trigger, published)
    assert (date.value, date.granularity, date.basis) == expected


# --- places ------------------------------------------------------------------------------------


def test_actor_mentions_are_never_the_event_place(pipeline):
    text = "Washington said gunmen attacked a checkpoint."
    doc = _doc(pipeline, text, "2024-03-06")
    start = text.index("Washington")
    mention = Span.of(text, start, start + len("Washington"))
    # even listed among the mentions, a mention marked as naming a government never places the event
    doc.places = [
        Place(geonameid=4140963, name="Washington", feature_class="P", feature_code="PPLC",
              mentions=[mention], actor_mentions=[mention])
    ]  # fmt: skip
    token = next(t for t in doc.spacy_doc if t.text == "attacked")
    sent = (0, len(text))
    para = (0, len(text))
    assert Anchors(doc).place(token, token, sent, para) is None


def test_near_a_town_is_precision_two(pipeline):
    doc = _doc(pipeline, "A roadside bomb near the town of Samarra killed one soldier on Sunday.", "2024-03-06")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert ev.place.name.startswith("S") and ev.place.precision == 2 and "near" in ev.place.reason


def test_a_speakers_place_is_not_the_event_place(pipeline):
    doc = _doc(pipeline, "Gunmen killed two guards, diplomatic sources in Pakistan said.", "2024-03-06")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert ev.place is None or ev.place.name != "Pakistan"
