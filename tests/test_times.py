"""Times stage: time expressions normalised against the publication date or the dateline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dateline import times
from dateline.document import Document
from dateline.model import Article, Dateline, Span, TimeExpr
from dateline.times import _calendar, _candidate, _fallback, _lexicon, _patterns

SEED = Path(__file__).resolve().parent.parent / "examples" / "seed-iraq-is-alqaeda-talks.txt"

PUBLISHED = "2017-04-18"  # a Tuesday


def _times(pipeline, text: str, published: str | None = PUBLISHED, dateline: Dateline | None = None) -> list[TimeExpr]:
    doc = Document(Article(id="t", text=text, published=published, dateline=dateline), pipeline.nlp(text))
    times.normalise(doc, pipeline.resources)
    for t in doc.times:
        assert text[t.span.start : t.span.end] == t.span.text
        assert 0 <= t.confidence <= 1
    return doc.times


def _by_text(found: list[TimeExpr]) -> dict[str, TimeExpr]:
    return {t.span.text: t for t in found}


# --- the seed ----------------------------------------------------------------------------------


def test_seed_dateline_time_agrees_with_ingest(seed_result):
    dateline = seed_result.article.dateline
    found = _by_text(seed_result.times)
    assert found["Apr 18"].value == dateline.date_value == "--04-18"
    assert found["Apr 18"].granularity == "day"
    assert found["Apr 18"].anchor == "none"  # no year and no publication date: nothing invented


def test_seed_year_is_absolute(seed_result):
    year = _by_text(seed_result.times)["2014"]
    assert (year.value, year.granularity, year.anchor) == ("2014", "year", "absolute")


def test_seed_interval_keeps_what_a_yearless_dateline_gives(seed_result):
    # no publication date and "Apr 18" without a year: two years up to April 18 of an unknown year
    past = _by_text(seed_result.times)["the past two years"]
    assert (past.value, past.granularity, past.anchor) == ("P2Y/--04-18", "interval", "dateline")
    assert past.confidence < 0.5  # the year is not known


def test_seed_at_the_time_is_unresolved_with_low_confidence(seed_result):
    at_the_time = _by_text(seed_result.times)["at the time"]
    assert at_the_time.value is None
    assert at_the_time.confidence < 0.5


def test_seed_age_is_not_a_time(seed_result):
    assert not any("year-old" in t.span.text for t in seed_result.times)


def test_seed_with_publication_date_resolves_the_interval(pipeline):
    text = SEED.read_text(encoding="utf-8")
    body = text[text.index("Apr 18") : text.index("The Oslo Times")].strip()
    found = _by_text(_times(pipeline, body, published=PUBLISHED))
    past = found["the past two years"]
    assert (past.value, past.granularity, past.anchor) == ("2015-04-18/2017-04-18", "interval", "published")
    assert found["Apr 18"].value == "2017-04-18"


# --- short texts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "words", "value", "granularity", "anchor"),
    [
        ("The town fell in 2014.", "2014", "2014", "year", "absolute"),
        ("The deal was signed on April 18, 2017 in Doha.", "April 18, 2017", "2017-04-18", "day", "absolute"),
        ("The deal was signed on 3 March 2015 in Doha.", "3 March 2015", "2015-03-03", "day", "absolute"),
        ("Fighting resumed in March 2016.", "March 2016", "2016-03", "month", "absolute"),
        ("Protests began in the 1990s.", "the 1990s", "199", "decade", "absolute"),
        ("The offensive started in summer 2015.", "summer 2015", "2015-SU", "season", "absolute"),
        ("The convoy was attacked on Monday.", "Monday", "2017-04-17", "day", "published"),
        ("The talks will resume on Friday.", "Friday", "2017-04-21", "day", "published"),
        ("Rebels shelled the town last week.", "last week", "2017-W15", "week", "published"),
        ("Troops arrived last month.", "last month", "2017-03", "month", "published"),
        ("The ministry was closed earlier this month.", "earlier this month", "2017-04", "month", "published"),
        ("The army withdrew three years ago.", "three years ago", "2014", "year", "published"),
        ("He was arrested two days ago.", "two days ago", "2017-04-16", "day", "published"),
        (
            "Prices doubled over the past two years.",
            "the past two years",
            "2015-04-18/2017-04-18",
            "interval",
            "published",
        ),
        ("The strike ended yesterday.", "yesterday", "2017-04-17", "day", "published"),
        ("Police raided the office on Apr 12.", "Apr 12", "2017-04-12", "day", "published"),
        ("The group has grown since 2014.", "since 2014", "2014/2017-04-18", "interval", "published"),
        ("Shops have been closed since March.", "since March", "2017-03/2017-04-18", "interval", "published"),
        ("Attacks peaked in mid-2015.", "mid-2015", "2015", "year", "absolute"),
        ("The dam was completed in late 2016.", "late 2016", "2016", "year", "absolute"),
        ("The blockade tightened in late January.", "late January", "2017-01", "month", "published"),
        ("Troops were deployed over the weekend.", "the weekend", "2017-04-15/2017-04-16", "interval", "published"),
        ("The camp flooded last summer.", "last summer", "2016-SU", "season", "published"),
        ("The company was founded a decade ago.", "a decade ago", "2007", "year", "published"),
        ("Rebels held it between 2012 and 2014.", "between 2012 and 2014", "2012/2014", "interval", "absolute"),
        ("The border stayed shut from 2011 to 2013.", "from 2011 to 2013", "2011/2013", "interval", "absolute"),
        ("Talks are set to reopen on Sunday.", "Sunday", "2017-04-23", "day", "published"),
        # "set off" is another verb than "set to": the riots were triggered, nothing is scheduled
        ("The riots were set off by a raid on April 2.", "April 2", "2017-04-02", "day", "published"),
    ],
)
def test_expressions_against_a_publication_date(pipeline, sentence, words, value, granularity, anchor):
    found = _by_text(_times(pipeline, sentence))
    assert words in found, sorted(found)
    assert (found[words].value, found[words].granularity, found[words].anchor) == (value, granularity, anchor)


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("The convoy was attacked on Monday.", "Monday"),
        ("Rebels shelled the town last week.", "last week"),
        ("The army withdrew three years ago.", "three years ago"),
        ("Prices doubled over the past two years.", "the past two years"),
    ],
)
def test_relative_expressions_without_an_anchor_are_never_invented(pipeline, sentence, words):
    found = _by_text(_times(pipeline, sentence, published=None))
    assert found[words].value is None
    assert found[words].anchor == "none"


@pytest.mark.parametrize(
    ("sentence", "words", "value", "granularity"),
    [
        ("The convoy was attacked two days ago.", "two days ago", "--04-16", "day"),
        ("The strike ended yesterday.", "yesterday", "--04-17", "day"),
        ("Troops arrived last month.", "last month", "--03", "month"),
        ("Shops have been closed since March.", "since March", "--03/--04-18", "interval"),
        ("Militants were pushed back over the past two years.", "the past two years", "P2Y/--04-18", "interval"),
        ("Gunmen attacked a checkpoint on Monday.", "Monday", None, "day"),  # the weekday needs the year
        ("Prices rose three years ago.", "three years ago", None, "year"),
    ],
)
def test_a_yearless_dateline_gives_what_it_can(pipeline, sentence, words, value, granularity):
    text = "Apr 18, Baghdad: " + sentence
    dateline = Dateline(date=Span.of(text, 0, 6), date_value="--04-18")
    found = _by_text(_times(pipeline, text, published=None, dateline=dateline))
    assert (found[words].value, found[words].granularity) == (value, granularity)
    if value is not None:
        assert found[words].anchor == "dateline" and found[words].confidence < 0.5


def test_month_day_without_any_year_keeps_a_no_year_value(pipeline):
    found = _by_text(_times(pipeline, "Police raided the office on Apr 12.", published=None))
    assert found["Apr 12"].value == "--04-12"


def test_dateline_date_is_the_anchor_when_there_is_no_publication_date(pipeline):
    text = "Kabul, March 3, 2021: Gunmen attacked a checkpoint on Monday."
    start = text.index("March")
    dateline = Dateline(date=Span.of(text, start, start + len("March 3, 2021")), date_value="2021-03-03")
    found = _by_text(_times(pipeline, text, published=None, dateline=dateline))
    assert found["March 3, 2021"].value == "2021-03-03"
    assert (found["Monday"].value, found["Monday"].anchor) == ("2021-03-01", "dateline")


def test_at_the_time_refers_back_to_a_nearby_time(pipeline):
    found = _by_text(_times(pipeline, "The town fell in 2014. At the time, officials denied it."))
    assert found["At the time"].value == "2014"
    assert found["At the time"].confidence < found["2014"].confidence


def test_at_the_time_reads_the_article_paragraphs_not_line_breaks(pipeline):
    text = "The town fell in 2014.\n\nAid stopped.\n\nAt the time, officials denied it."
    assert _by_text(_times(pipeline, text))["At the time"].value is None  # two paragraphs back: too far
    # a paragraph the reader joined from hard-wrapped lines is one paragraph, whatever its line breaks
    text = "The town fell in 2014.\nAid stopped.\nAt the time, officials denied it."
    doc = Document(
        Article(id="t", text=text, published=PUBLISHED, paragraphs=[Span.of(text, 0, len(text))]), pipeline.nlp(text)
    )
    times.normalise(doc, pipeline.resources)
    assert _by_text(doc.times)["At the time"].value == "2014"


def test_ages_durations_and_counts_are_not_times(pipeline):
    text = "A 40-year-old man, aged 40, was jailed for three years; 2,014 people fled and 2015 percent more."
    assert _times(pipeline, text) == []


def test_dateparser_fallback_keeps_only_what_does_not_depend_on_the_base():
    none = _candidate.Anchor(None, "none")
    absolute = _fallback.fallback("the 4th of July, 1998", none)
    assert (absolute.value, absolute.anchor) == ("1998-07-04", "absolute")
    relative = _fallback.fallback("next Tuesday", none)
    assert relative.value is None and relative.anchor == "none"
    anchored = _fallback.fallback("next Tuesday", _candidate.Anchor(date(2017, 4, 18), "published"))
    assert (anchored.value, anchored.anchor) == ("2017-04-25", "published")


# --- the shortcuts that keep the stage cheap must not change what the patterns find -------------------

_PIECES = [
    "Jan",
    "January",
    "Jan.",
    "March",
    "Mar",
    "May",
    "June",
    "Sept.",
    "Dec",
    "Monday",
    "Friday",
    "last",
    "LAST",
    "next",
    "this",
    "in",
    "of",
    "IN",
    "since",
    "mid-",
    "mid",
    "early",
    "late",
    "during",
    "through",
    "1",
    "12",
    "31",
    "3rd",
    "18th",
    "2017",
    "1999",
    "19201",
    "٣",
    ",",
    ".",
    "-",
    "$",
    "/",
    "morning",
    "night",
    "the",
    "xMay",
    "20s",
    "people",
    "%",
    "12:30",
    "week",
    "years",
    "ago",
    "ſpring",
    "İ",
    "aged",
    "40-year-old",
    "2017-04-18",
    "recent",
    "Christmas",
    "Eve",
    "Easter",
    "New",
    "Year's",
    "Day",
    "Ramadan",
    "Eid",
    "al-Fitr",
    "between",
    "from",
    "and",
    "to",
    "quarter",
    "half",
    "first",
    "Q3",
    "on",
    "12th",
    "12TH",
    "3/5/2016",
    "25.03.2016",
    "3/",
    "5/16",
    "48-hour",
]
_GAPS = [" ", "  ", "\n", "\u00a0", "", "\t"]


def _random_texts(seed: int, count: int) -> list[str]:
    import random

    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) + rng.choice(_GAPS) for _ in range(rng.randint(1, 12))) for _ in range(count)]


def test_candidate_starts_give_the_same_matches_as_finditer():
    for text in _random_texts(7, 1500):
        anchors = _patterns.Anchors(text)
        for kind, pattern in _patterns.PATTERNS:
            expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in _patterns.finditer(kind, pattern, text, anchors)] == expected


def test_patterns_left_out_cannot_match():
    for text in _random_texts(3, 1500):
        lower = None if any(c in text for c in _lexicon.CASE_ODDITIES) else text.lower()
        possible = _patterns.possible_kinds(text, lower)
        assert all(kind in possible or not pattern.search(text) for kind, pattern in _patterns.PATTERNS), text
        assert "age" in possible or not _lexicon.AGE.search(text), text


# --- holidays, ranges, quarters, ordinal and numeric days, tense (issue 5, "When") --------------------------


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (1961, "1961-04-02"),
        (2000, "2000-04-23"),
        (2008, "2008-03-23"),
        (2011, "2011-04-24"),
        (2016, "2016-03-27"),
        (2017, "2017-04-16"),
        (2019, "2019-04-21"),
        (2024, "2024-03-31"),
        (2025, "2025-04-20"),
        (2038, "2038-04-25"),
        (2285, "2285-03-22"),
    ],
)
def test_easter_by_the_gregorian_computus(year, easter):
    assert _calendar._easter(year).isoformat() == easter


@pytest.mark.parametrize(
    ("published", "sentence", "words", "value"),
    [
        ("2021-01-04", "Fireworks were fired on New Year's Day.", "New Year's Day", "2021-01-01"),
        ("2021-01-04", "Crowds gathered on New Year’s Eve.", "New Year’s Eve", "2020-12-31"),
        ("2017-01-10", "The group attacked a church on Christmas Eve.", "Christmas Eve", "2016-12-24"),
        ("2017-01-10", "Shelling resumed on Christmas Day.", "Christmas Day", "2016-12-25"),
        ("2017-12-20", "The talks will resume after Christmas.", "Christmas", "2017-12-25"),
        ("2017-04-18", "Pilgrims gathered at Easter.", "Easter", "2017-04-16"),
        ("2017-04-18", "Police were deployed on Good Friday.", "Good Friday", "2017-04-14"),
        ("2017-03-01", "The church was bombed last Easter.", "last Easter", "2016-03-27"),
        ("2017-04-18", "The siege began on New Year's Eve 2015.", "New Year's Eve 2015", "2015-12-31"),
        ("2017-04-18", "The truce held over Easter 2016.", "Easter 2016", "2016-03-27"),
    ],
)
def test_holidays_are_days(pipeline, published, sentence, words, value):
    found = _by_text(_times(pipeline, sentence, published=published))
    assert words in found, sorted(found)
    assert (found[words].value, found[words].granularity) == (value, "day")


def test_holiday_names_that_modify_nouns_are_not_times(pipeline):
    found = _by_text(_times(pipeline, "A bomb hit the Christmas market and the Easter parade."))
    assert all(t.value is None for t in found.values())


def test_holidays_without_an_anchor(pipeline):
    found = _by_text(_times(pipeline, "The church was attacked on Christmas Day and at Easter.", published=None))
    assert (found["Christmas Day"].value, found["Christmas Day"].anchor) == ("--12-25", "none")
    assert found["Easter"].value is None  # its day depends on the year


def test_lunar_holidays_are_found_but_not_guessed(pipeline):
    found = _by_text(_times(pipeline, "Fighting broke out during Ramadan and ended before Eid al-Fitr."))
    assert found["Ramadan"].value is None
    assert found["Eid al-Fitr"].value is None


@pytest.mark.parametrize(
    ("published", "sentence", "words", "value", "granularity"),
    [
        ("2021-01-04", "The town has been besieged since mid-December.", "since mid-December", "2020-12/2021-01-04",
         "interval"),
        ("2017-04-18", "Prices rose in mid-March.", "mid-March", "2017-03", "month"),
        ("2024-04-10", "Fighting raged between January and March.", "between January and March", "2024-01/2024-03",
         "interval"),
        ("2024-04-10", "Fighting raged from October to December.", "from October to December", "2023-10/2023-12",
         "interval"),
        ("2024-04-10", "Talks will run from May to July.", "from May to July", "2024-05/2024-07", "interval"),
        ("2024-04-10", "The port was shut from November 2015 to February 2016.",
         "from November 2015 to February 2016", "2015-11/2016-02", "interval"),
        ("2024-04-10", "The port was shut from November to February 2016.", "from November to February 2016",
         "2015-11/2016-02", "interval"),
        ("2024-04-10", "The port was shut between March and May last year.", "between March and May last year",
         "2023-03/2023-05", "interval"),
        ("2017-04-18", "The town fell in March last year.", "March last year", "2016-03", "month"),
        ("2017-04-18", "The town fell in June of last year.", "June of last year", "2016-06", "month"),
        ("2017-04-18", "The town fell on March 3 last year.", "March 3 last year", "2016-03-03", "day"),
        ("2017-04-18", "Profits fell in the first quarter of 2016.", "the first quarter of 2016", "2016-01/2016-03",
         "interval"),
        ("2017-04-18", "Exports fell in the last quarter of last year.", "the last quarter of last year",
         "2016-10/2016-12", "interval"),
        ("2017-04-18", "Attacks fell in the second half of 2015.", "the second half of 2015", "2015-07/2015-12",
         "interval"),
        ("2017-04-18", "Sales rose in Q3 2016.", "Q3 2016", "2016-07/2016-09", "interval"),
        ("2017-04-18", "Talks will resume early next week.", "early next week", "2017-W17", "week"),
        ("2017-04-18", "The attack came in the early hours of Sunday.", "the early hours of Sunday", "2017-04-16",
         "day"),
        ("2017-04-18", "The talks ended on the evening of April 16.", "the evening of April 16", "2017-04-16", "day"),
    ],
)  # fmt: skip
def test_ranges_quarters_and_parts(pipeline, published, sentence, words, value, granularity):
    found = _by_text(_times(pipeline, sentence, published=published))
    assert words in found, sorted(found)
    assert (found[words].value, found[words].granularity) == (value, granularity)


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        ("The vote took place on the 12th.", "the 12th", "2017-04-12"),
        ("The vote took place on the 20th.", "the 20th", "2017-03-20"),  # past: not ahead of the anchor
        ("The vote will take place on the 12th.", "the 12th", "2017-05-12"),
        ("The siege ended on the 25th of last month.", "the 25th of last month", "2017-03-25"),
        ("The vote took place on the 3rd of May.", "3rd of May", "2016-05-03"),  # past: last May
        ("The vote took place on May 3rd.", "May 3rd", "2016-05-03"),
        ("The vote will take place on May 3rd.", "May 3rd", "2017-05-03"),
    ],
)
def test_ordinal_days(pipeline, sentence, words, value):
    found = _by_text(_times(pipeline, sentence))
    assert words in found, sorted(found)
    assert (found[words].value, found[words].granularity) == (value, "day")


def test_ordinals_that_are_not_days(pipeline):
    found = _times(pipeline, "The 12th Brigade moved to the 2nd floor in the 12th century.")
    assert all(t.value is None for t in found)


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        ("The vote took place on 25/03/2016.", "25/03/2016", "2016-03-25"),  # only one order can read it
        ("The vote took place on 3/25/2016.", "3/25/2016", "2016-03-25"),
        ("The vote took place on 03.05.2016.", "03.05.2016", "2016-05-03"),  # dots: day first
        ("The vote took place on 03/05/2016.", "03/05/2016", None),  # ambiguous and nothing tells: not guessed
        ("Polls opened on 25/03/2016 and closed on 03/05/2016.", "03/05/2016", "2016-05-03"),  # the article's order
        ("Polls opened on 3/25/2016 and closed on 03/05/2016.", "03/05/2016", "2016-03-05"),
        ("The vote took place on 03/05/2017.", "03/05/2017", "2017-03-05"),  # past: May 3 2017 is after the anchor
        ("The vote took place on 5/5/2016.", "5/5/2016", "2016-05-05"),
    ],
)
def test_numeric_dates(pipeline, sentence, words, value):
    found = _by_text(_times(pipeline, sentence))
    assert words in found, sorted(found)
    assert (found[words].value, found[words].granularity) == (value, "day")


@pytest.mark.parametrize(
    ("published", "sentence", "words", "value"),
    [
        # the tense of the verb the expression attaches to, not of another clause
        ("2023-06-14", "The commander said on Tuesday that his forces will attack the town.", "Tuesday", "2023-06-13"),
        ("2023-06-14", "The commander said his forces will attack the town on Friday.", "Friday", "2023-06-16"),
        ("2023-06-14", "Officials, who will meet again soon, signed the deal on Monday.", "Monday", "2023-06-12"),
        ("2019-07-14", "The strike is due to end on Wednesday.", "Wednesday", "2019-07-17"),
        ("2017-04-18", "The talks are to resume on Sunday.", "Sunday", "2017-04-23"),
        ("2017-04-18", "The upcoming talks on Sunday will be hard.", "Sunday", "2017-04-23"),
    ],
)
def test_tense_comes_from_the_governing_verb(pipeline, published, sentence, words, value):
    found = _by_text(_times(pipeline, sentence, published=published))
    assert found[words].value == value


@pytest.mark.parametrize(
    "sentence",
    [
        "A 48-hour ceasefire began.",
        "Leaders agreed a three-day truce.",
        "Floods destroyed 1990 homes.",
        "The storm displaced 2000 families.",
        "A 2000-strong force arrived.",
        "The ceasefire lasted for 72 hours.",
    ],
)
def test_measures_and_counts_are_not_years(pipeline, sentence):
    assert _times(pipeline, sentence) == []


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        ("The 2014 elections were disputed.", "2014", "2014"),
        ("Since 2014 attacks have risen.", "Since 2014", "2014/2017-04-18"),
        ("The 2014-era rules stayed.", "2014", "2014"),
    ],
)
def test_years_before_nouns_stay_years(pipeline, sentence, words, value):
    found = _by_text(_times(pipeline, sentence))
    assert found[words].value == value


def test_measure_shortcut_gives_the_same_spans_as_finditer():
    extra = ["48-hour", "three-day", "2000-strong", "a-week", "1.5-year", "x48-hour", "-hour", "two-week-long"]
    for text in _random_texts(11, 1500) + extra:
        assert _patterns.measures(text) == [m.span() for m in _lexicon.MEASURE.finditer(text)], text


@pytest.mark.parametrize(
    ("published", "sentence", "words", "value", "granularity"),
    [
        ("2017-04-18", "The war lasted from 2011-2013.", "2011-2013", "2011/2013", "interval"),
        ("2017-04-18", "He served in 2015-16.", "2015-16", "2015/2016", "interval"),
        ("2017-04-18", "The next day, police arrested two men.", "The next day", None, "day"),  # narrated time
        ("2017-04-18", "Police had raided the house the previous week.", "the previous week", None, "interval"),
        ("2017-04-18", "Fighting will continue in the coming days.", "the coming days", None, "interval"),
        ("2017-04-18", "Talks are expected over the next two weeks.", "the next two weeks", "2017-04-18/2017-05-02",
         "interval"),
        ("2017-04-18", "The dam burst this past weekend.", "this past weekend", "2017-04-15/2017-04-16", "interval"),
        ("2017-04-18", "He said the talks would resume on Sunday.", "Sunday", "2017-04-23", "day"),  # said's future
        ("2017-04-18", "He said on Monday that he would resign.", "Monday", "2017-04-17", "day"),
        ("2024-02-28", "Polls open on Sunday, March 3.", "Sunday, March 3", "2024-03-03", "day"),
        ("2017-04-18", "The attack happened on Sunday, April 16.", "Sunday, April 16", "2017-04-16", "day"),
        ("2017-04-18", "The deal was signed on Friday the 3rd of March.", "Friday the 3rd of March", "2017-03-03",
         "day"),
    ],
)  # fmt: skip
def test_year_ranges_narrated_times_and_weekday_dates(pipeline, published, sentence, words, value, granularity):
    found = _by_text(_times(pipeline, sentence, published=published))
    assert words in found, sorted(found)
    assert (found[words].value, found[words].granularity) == (value, granularity)


def test_counted_ranges_are_not_years(pipeline):
    assert _times(pipeline, "The plant made 2000-3000 units.") == []


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        ("The deadline for voters to enrol is this Tuesday.", "this Tuesday", "2009-03-31"),  # the coming one
        ("The army struck this Tuesday.", "this Tuesday", "2009-03-24"),  # past tense: the one gone by
        ("Students must pay by Tuesday.", "Tuesday", "2009-03-31"),  # a modal points forward
        ("Reed will run the show when the Hawks play at home Friday night.", "Friday night", "2009-03-27"),
        ("He was leading a parade April 2 when he fell.", "April 2", "2008-04-02"),  # past: not ahead
    ],
)
def test_modals_subordinate_clauses_and_this_weekday(pipeline, sentence, words, value):
    found = _by_text(_times(pipeline, sentence, published="2009-03-26"))  # a Thursday
    assert found[words].value == value


def test_clock_times_and_bare_numbers_get_no_invented_day(pipeline):
    found = _times(pipeline, "The fire started at about 1:45 p.m. and temperatures were in the 60s.")
    assert all(t.value is None for t in found)


def test_a_day_told_by_reference_to_the_narration_takes_the_day_it_is_at(pipeline):
    # temporal anaphora: "that day" is the last day the text set, "the next day" the one after it
    text = (
        "Gunmen attacked a village on Friday. Later that day they torched a police station. "
        "The next day the army arrived. The day before, police had received a warning."
    )
    found = _by_text(_times(pipeline, text, published="2026-03-04"))
    assert found["Friday"].value == "2026-02-27"
    assert found["Later that day"].value == "2026-02-27" and found["Later that day"].granularity == "day"
    assert found["The next day"].value == "2026-02-28"
    assert found["The day before"].value == "2026-02-27"
    # with no earlier day to refer to, it stays unresolved: a date is never invented
    assert _by_text(_times(pipeline, "The same day, police arrested two men."))["The same day"].value is None
