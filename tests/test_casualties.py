"""Casualties stage: counts, ranges, whom, and the event each count is attached to, on short texts and the seed."""

from __future__ import annotations

import pytest

import dateline


def _counts(text: str) -> list[tuple]:
    """(event type, kind, low, high, qualifier, who) of every casualty in ``text``, in text order."""
    doc = dateline.extract(text)
    out = []
    for event in doc.events:
        for c in event.casualties:
            assert c.span.text == doc.article.text[c.span.start : c.span.end]
            assert 0.0 <= c.confidence <= 1.0
            out.append((c.span.start, (event.type, c.kind, c.low, c.high, c.qualifier, c.who)))
    return [row for _start, row in sorted(out)]


def test_seed_shelling_has_the_civilian_casualties(seed_result):
    shelling = next(e for e in seed_result.events if e.trigger.text == "shelling")
    assert [(c.kind, c.low, c.high, c.qualifier, c.who) for c in shelling.casualties] == [
        ("casualties", None, None, "vague", "civilians")
    ]
    assert shelling.casualties[0].span.text == "civilian casualties"
    assert shelling.casualties[0].actor == "x-civilians"
    others = [c for e in seed_result.events if e is not shelling for c in e.casualties]
    assert others == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gunmen killed 12 civilians in a village near Kano, police said.",
            [("ASSAULT", "killed", 12, 12, "exact", "civilians")],
        ),
        (
            "At least 12 people were killed in an airstrike by government forces on Monday.",
            [("ASSAULT", "killed", 12, None, "at-least", None)],
        ),
        (
            "Rebels shelled the town, killing between 10 and 15 people and wounding more than 100.",
            [("ASSAULT", "killed", 10, 15, "range", None), ("ASSAULT", "injured", 100, None, "at-least", None)],
        ),
        (
            "Soldiers fired on protesters in Khartoum, killing five and injuring dozens.",
            [("ASSAULT", "killed", 5, 5, "exact", None), ("ASSAULT", "injured", 24, None, "vague", None)],
        ),
        (
            "A suicide bomber killed a dozen worshippers at a mosque in Kabul.",
            [("ASSAULT", "killed", 12, 12, "about", "civilians")],
        ),
        (
            "Gunmen stormed a bus station and killed twenty-five passengers.",
            [("ASSAULT", "killed", 25, 25, "exact", "civilians")],
        ),
        (
            "Government troops attacked the village, and some 3,000 people were displaced by the fighting.",
            [("ASSAULT", "displaced", 3000, 3000, "about", None)],
        ),
        (
            "Two police officers and a child were killed when militants attacked a checkpoint in Quetta.",
            [("ASSAULT", "killed", 2, 2, "exact", "police"), ("ASSAULT", "killed", 1, 1, "exact", "children")],
        ),
        (
            "Militants abducted 20 schoolgirls from a boarding school in Zamfara state.",
            [("ASSAULT", "abducted", 20, 20, "exact", "children")],
        ),
        (
            "Militants stormed the hotel and took more than 40 guests hostage.",
            [("ASSAULT", "abducted", 40, None, "at-least", "civilians")],
        ),
        ("Police arrested 30 protesters outside parliament.", [("COERCE", "arrested", 30, 30, "exact", "protesters")]),
        (
            "Police detained up to 200 demonstrators in Moscow on Saturday.",
            [("COERCE", "arrested", None, 200, "at-most", "protesters")],
        ),
        (
            "Renewed shelling by the army forced thousands of families to flee their homes.",
            [("ASSAULT", "displaced", 2000, None, "vague", "civilians")],
        ),
        (
            "Suicide bombers attacked a police academy in Kabul. The death toll rose to 40 on Wednesday.",
            [("ASSAULT", "killed", 40, 40, "exact", None)],
        ),
        (
            "Israeli shelling killed or wounded 20 people in the south.",
            [("ASSAULT", "casualties", 20, 20, "exact", None)],
        ),
        (
            "Coalition airstrikes caused civilian casualties in Raqqa, monitors said.",
            [("ASSAULT", "casualties", None, None, "vague", "civilians")],
        ),
        (
            "Security forces shot 3 protesters dead in Basra.",
            [("ASSAULT", "killed", 3, 3, "exact", "protesters")],
        ),
    ],
)
def test_counts_on_short_texts(text, expected):
    assert _counts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The militia threatened to kill 12 hostages if its demands were not met.",  # a threat harms no one yet
        "Rebels attacked the town in 2014 and seized 30 vehicles.",  # a year, and vehicles are not people
        "A 40-year-old man said the army attacked the village.",
        "The army said it would arrest 50 suspects next week.",
        "Government forces attacked the town for three days.",
        "Officials said 20 people were rescued after the attack.",
        "The floods rose to 12 metres and 300 homes were destroyed.",  # no people counted
        "Forty people died in the floods, officials said.",  # no event to attach the count to: left out
    ],
)
def test_no_count(text):
    assert _counts(text) == []


def test_perpetrator_is_not_counted():
    assert _counts("A suicide bomber killed three soldiers at the gate.") == [
        ("ASSAULT", "killed", 3, 3, "exact", "soldiers")
    ]


def test_subset_is_not_counted_twice():
    assert _counts("An airstrike hit a wedding party in Saada, killing 21 people, including 8 children.") == [
        ("ASSAULT", "killed", 21, 21, "exact", None)
    ]


def test_count_in_the_next_sentence_goes_to_the_previous_sentences_event():
    assert _counts("The army attacked the town. Twelve people were killed.") == [
        ("ASSAULT", "killed", 12, 12, "exact", None)
    ]


def test_actor_of_the_victims():
    result = dateline.extract("Gunmen killed 12 civilians in a village near Kano, police said.")
    (casualty,) = [c for e in result.events for c in e.casualties]
    assert casualty.actor == "x-civilians"
    assert casualty.span.text == "killed 12 civilians"


def test_no_one_killed_is_no_count():
    assert _counts("Four people were wounded when soldiers fired on the crowd, and no one was killed.") == [
        ("ASSAULT", "injured", 4, 4, "exact", None)
    ]


def test_reduced_passive_counts_the_injured():
    text = "Soldiers opened fire on a crowd in the market. Eight people were killed and 30 injured, doctors said."
    assert _counts(text) == [("ASSAULT", "killed", 8, 8, "exact", None), ("ASSAULT", "injured", 30, 30, "exact", None)]


def test_number_phrase_values():
    from dateline.casualties._numbers import _value

    assert [_value(t) for t in ("3,000", "1.5 million", "twenty-five", "a dozen", "two hundred", "half a dozen")] == [
        3000,
        1_500_000,
        25,
        12,
        200,
        6,
    ]


def test_whom_table_covers_the_events_people_nouns():
    """Every people noun the events stage reads as a target that is people is a noun the casualties stage counts."""
    from dateline.casualties._lexicon import _WHO
    from dateline.lexicon import PEOPLE_NOUNS

    assert PEOPLE_NOUNS - set(_WHO) == set()  # the words missing from the table, if any
