"""Which date and place an event gets (``events._dates.Dates``, ``events._anchors.Anchors``), on the seed and short
texts."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

import dateline
from dateline.events._anchors import Anchors
from dateline.events._dates import Dates
from dateline.ingest.readers import from_text
from dateline.model import Place, Span


def _doc(pipeline, text: str, published: str | None = None):
    return pipeline(from_text(text, source="t", published=published, config=pipeline.config))


def _date(pipeline, text: str, trigger: str, published: str | None = None):
    doc = _doc(pipeline, text, published)
    m = re.search(r"(?<!\w)" + re.escape(trigger) + r"(?!\w)", doc.article.text)
    token = doc.spacy_doc.char_span(m.start(), m.end(), alignment_mode="expand")[0]
    return Dates(doc, doc.paragraph_spans()).date(token, token, (token.sent.start_char, token.sent.end_char))


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
    doc = _doc(pipeline, "A roadside bomb near the town of Baiji killed one soldier on Sunday.", "2024-03-06")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert ev.place.name.startswith("B") and ev.place.precision == 2 and "near" in ev.place.reason


def test_a_speakers_place_is_not_the_event_place(pipeline):
    doc = _doc(pipeline, "Gunmen killed two guards, diplomatic sources in Pakistan said.", "2024-03-06")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert ev.place is None or ev.place.name != "Pakistan"


def _place(pipeline, text: str, trigger: str, published: str = "2024-03-06"):
    doc = _doc(pipeline, text, published)
    ev = next(e for e in doc.events if e.trigger.text == trigger)
    return ev.place


@pytest.mark.parametrize(
    ("text", "trigger", "name", "reason"),
    [
        # a conjoined clause sharing the subject lends its place
        ("Eastern rebels have abducted 12 Chinese engineers from a village market and set off several bombs in the "
         "capital Kinshasa, diplomatic sources in neighbouring Uganda said on Tuesday.", "abducted", "Kinshasa",
         "conjunct"),
        # the clause a subjectless infinitive hangs on
        ("The African Union has sent 30 police and civilian staff to Mali on Thursday to investigate the "
         "reported massacre, an AU spokeswoman said on Friday.", "investigate", "Mali",
         "conjunct"),
        # a verbal event takes the place of its own clause, and its sentence's
        ("About 5,000 Sudanese families sought shelter in Chad last week.", "sought", "Chad", "syntax"),
        ("Peruvian President Tomas Verhal resigned Monday as protesters threatened to storm the palace "
         "in Lima.", "resigned", "Lima", "sentence"),
        # a possessive toponym in a locative phrase is a place; "Iraq's Vice President" is not
        ("Former finance minister Nuno Castell demanded early elections after a court acquitted him "
         "of every charge in Portugal's largest fraud trial.", "demanded", "Portugal", "sentence"),
        # the wounded (a verb in an object's role) does not cut the clause
        ("Army helicopters evacuated the wounded on Tuesday from the encircled Syrian city of Homs.", "evacuated",
         "Homs", "syntax"),
    ],
)  # fmt: skip
def test_event_place_principle(pipeline, text, trigger, name, reason):
    place = _place(pipeline, text, trigger)
    assert place is not None and place.name.startswith(name) and place.reason.startswith(reason), place


def test_where_a_speaker_spoke_is_not_the_event_place(pipeline):
    text = (
        "BAMAKO, Aug. 14, 2023 - Gunmen killed 15 soldiers near Mopti on Monday.\n\n"
        "The attackers opened fire on the post, a spokesman told reporters in Bamako."
    )
    place = _place(pipeline, text, "opened fire", None)
    # the scene carried on from the article, one precision step coarser than the town
    assert (place.name, place.precision, place.reason.split(";")[0]) == ("Mopti", 2, "article")


def test_a_relation_is_not_a_destination_and_a_threats_content_is_not_where_it_was_made(pipeline):
    text = (
        "SANAA, Nov. 20, 2023 - Houthi rebels threatened to attack any ship linked to Israel sailing through "
        "the Red Sea."
    )
    doc = _doc(pipeline, text)
    threat = next(e for e in doc.events if e.type == "THREATEN")
    attack = next(e for e in doc.events if e.type == "ASSAULT")
    assert threat.place is None  # said somewhere the text does not name: not the dateline's Sanaa, not its content
    assert attack.place.name == "Red Sea"


def test_a_verbal_events_participant_is_not_its_place(pipeline):
    text = "BRUSSELS, June 24 - The ministers accused the government in Minsk of helping Russia evade restrictions."
    assert _place(pipeline, text, "accused", "2024-06-24") is None  # not Minsk, and the dateline is no evidence


def _eval_module(name: str):
    path = Path(__file__).resolve().parent.parent / "eval" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"dateline_eval_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_hand_placed_event_of_the_seed_and_examples(pipeline):
    """eval/event_places.py's check on the seed and examples/: each event a careful coder can place is placed so."""
    ev = _eval_module("event_places")
    rows = ev.example_places(dateline.extract_all([Path(__file__).resolve().parent.parent / "examples"]))
    wrong = [(a, t, gold, got) for a, t, gold, got, ok, _naive in rows if not ok]
    assert not wrong
    assert len({(a, t) for a, t, *_ in rows}) == len(ev.EXAMPLE_PLACES)  # every expectation met an event


# --- date confidence and background dates --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "published", "expected"),
    [
        # a time premodifying another noun dates that noun only
        ("Police arrested a suspect in the 2019 bombing of a church.", "arrested", "2024-03-06",
         ("2024-03-06", "published")),
        ("Police arrested a suspect in the 2019 bombing of a church.", "bombing", "2024-03-06", ("2019", "text")),
        ("The blast, the worst since a 2017 truck bombing, killed 30 people.", "killed", "2021-11-29",
         ("2021-11-29", "published")),
        # a background year or a "since" span does not carry on to the next sentence; a day does
        ("The town was captured by rebels in 2012. Government troops shelled it heavily, residents said.", "shelled",
         "2024-03-06", ("2024-03-06", "published")),
        ("Rebels have held the town since 2019. A drone strike hit a market there, killing 12 people.", "hit",
         "2021-11-29", ("2021-11-29", "published")),
    ],
)  # fmt: skip
def test_background_dates_stay_put(pipeline, text, trigger, published, expected):
    date = _date(pipeline, text, trigger, published)
    assert (date.value, date.basis) == expected


def test_date_confidence_follows_its_evidence(pipeline):
    own = _date(pipeline, "Gunmen attacked a checkpoint in Kirkuk on Monday.", "attacked", "2017-04-18")
    reported = _date(pipeline, "The ministry said on Tuesday that Israeli forces raided Jenin.", "raided", "2024-03-06")
    published = _date(pipeline, "A car bomb exploded in Baghdad, killing five people.", "exploded", "2017-04-18")
    dated = _date(pipeline, "KHARTOUM, March 3, 2024 (Reuters) - Police fired tear gas at protesters.", "fired")
    yearless = _date(pipeline, "Apr 18, Baghdad: The convoy was attacked two days ago.", "attacked")
    nothing = _date(pipeline, "A car bomb exploded in a market.", "exploded")
    assert own.confidence > reported.confidence > dated.confidence > published.confidence > nothing.confidence == 0
    assert yearless.value == "--04-16" and yearless.confidence <= 0.4
    assert all(0 <= d.confidence <= 1 for d in (own, reported, published, dated, yearless))


def test_seed_dates_carry_confidence(seed_result):
    talks = _seed_event(seed_result, "talks").date  # the year-less dateline: a weak, labelled fallback
    gains = _seed_event(seed_result, "gains").date
    assert talks.confidence < 0.4 < gains.confidence


def test_the_scene_comes_from_the_lead_not_from_a_background_paragraph(pipeline):
    text = (
        "BAMAKO, Aug. 14, 2023 - Protesters marched in Mopti on Monday.\n\n"
        "Last year a similar march in Kidal ended peacefully.\n\n"
        "Soldiers fired tear gas at the crowd."
    )
    place = _place(pipeline, text, "fired", None)
    assert (place.name, place.reason.split(";")[0]) == ("Mopti", "article")


def test_a_past_perfect_event_never_takes_the_publication_date(pipeline):
    from dateline import ingest
    from dateline.config import Config

    text = "Police arrested two men in Lyon. The minister said the men had attacked a guard in Paris."
    doc = pipeline(ingest.from_text(text, published="2024-03-07", config=Config()))
    dates = {e.trigger.text: e.date for e in doc.events}
    assert dates["arrested"].value == "2024-03-07" and dates["arrested"].basis == "published"
    assert dates["attacked"].value is None and dates["attacked"].basis == "unknown"


def test_a_speech_act_takes_no_place_from_the_dateline():
    # coding guide 5: a statement's place is where it was made when the text says so; the dateline says where the
    # report was filed. A material event told without a place still falls back to the dateline.
    text = (
        "BAMAKO, Mali (Reuters) - The opposition accused the junta of rigging the referendum on Sunday. "
        "Soldiers arrested three journalists on Monday, officials said."
    )
    events = {e.type: e for e in dateline.extract(text, text=True, published="2024-03-12").events}
    assert events["ACCUSE"].place is None
    assert events["COERCE"].place is not None and events["COERCE"].place.reason == "dateline"
