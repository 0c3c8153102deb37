"""Stance stage: attribution to quotes and reported speech, and factuality cues on any event mention."""

from __future__ import annotations

import pytest
from test_events import actors_of, make_doc, one, run

from dateline.model import MediumRef, Quote, Span, SpeakerRef
from dateline.stance import factuality_of


@pytest.mark.parametrize(
    ("text", "trigger", "label", "cue"),
    [
        ("Police arrested the mayor on Monday.", "arrested", "asserted", None),
        ("Police did not arrest the mayor.", "arrest", "negated", "not"),
        ("Police never arrested the mayor.", "arrested", "negated", "never"),
        ("There were no talks between the two sides.", "talks", "negated", "no"),
        ("The army denied that soldiers fired on the crowd.", "fired", "negated", "denied"),
        ("Rebels may have abducted the workers.", "abducted", "hedged", "may"),
        ("Militants reportedly attacked the convoy.", "attacked", "hedged", "reportedly"),
        ("Gunmen allegedly killed three villagers.", "killed", "hedged", "allegedly"),
        ("It is unclear whether the army shelled the town.", "shelled", "hypothetical", "whether"),
        ("The group is in talks about a possible alliance.", "talks", "hedged", "possible"),
        ("The ministers will meet in Geneva next week.", "meet", "future", "will"),
        ("The rebels plan to attack the capital.", "attack", "future", "plan"),
        ("The president is to visit Paris.", "visit", "future", "is"),
        ("Ankara threatened to expel the diplomats.", "expel", "future", "threatened"),
        ("If the talks fail, the army will attack the city.", "attack", "hypothetical", "If"),
        ("If the army attacks the city, the rebels will retreat.", "attacks", "hypothetical", "If"),
        ("Even if IS loses all territory, it will survive.", "loses", "hypothetical", "if"),
        ("Market makers can suffer huge losses.", "suffer", "hedged", "can"),
        ("The talks failed to produce a ceasefire.", "produce", "negated", "failed"),
        ("The army refused to withdraw its troops.", "withdraw", "negated", "refused"),
        ("They studied the possibility of taking the boy abroad.", "taking", "hedged", "possibility"),
        ("It was not until Tuesday that the minister resigned.", "resigned", "asserted", None),
        ("He was not troubled when the fighting began.", "began", "asserted", None),
        ("The union agrees that the strike is hurting the economy.", "hurting", "asserted", None),
        ("The union agreed to end the strike.", "end", "future", "agreed"),
        ("Withdraw your troops from the border.", "Withdraw", "future", "Withdraw"),
        ("The rebels are going to attack the town.", "attack", "future", "going"),
        ("When the troops arrive, they will secure the airport.", "arrive", "future", "will"),
        ("Market makers slashed inventories to cut costs.", "cut", "future", "to"),
        ("The prisoners managed to escape.", "escape", "asserted", None),
    ],
)
def test_factuality_of_any_mention(nlp, text, trigger, label, cue):
    sd = nlp(text)
    start = text.index(trigger)
    got, cue_offsets = factuality_of(sd, start, start + len(trigger))
    assert got == label
    if cue is None:
        assert cue_offsets is None
    else:
        assert text[cue_offsets[0] : cue_offsets[1]] == cue


def test_event_inside_a_quote_gets_the_speaker_medium_and_sources(pipeline, nlp):
    text = '"The militia shot two farmers near the river," the governor told Reuters, citing local witnesses.'
    doc = make_doc(
        nlp,
        text,
        [
            ("militia", "rebels", ["The militia"]),
            ("governor", "person", ["the governor"]),
            ("reuters", "media", ["Reuters"]),
        ],
    )
    q_end = text.index(',"') + 2
    speaker = text.index("the governor")
    source = text.index("local witnesses")
    doc.quotes = [
        Quote(
            id="q1",
            start=0,
            end=q_end,
            text=text[:q_end],
            speaker=SpeakerRef(actor="governor", span=Span.of(text, speaker, speaker + 12)),
            medium=MediumRef(name="Reuters", actor="reuters"),
            sources=[Span.of(text, source, source + 15)],
        )
    ]
    ev = one(run(pipeline, doc), "ASSAULT")
    att = ev.attribution
    assert (att.speaker, att.medium, att.quote, att.outlet) == ("governor", "Reuters", "q1", "example.org")
    assert [s.text for s in att.sources] == ["local witnesses"]
    assert ev.factuality == "reported" and ev.confidence < 0.9


def test_reported_speech_without_a_quote_object(pipeline, nlp):
    text = "Iraq's Vice President Ayad Allawi said the militants attacked the convoy, citing army sources."
    actors = [("ayad-allawi", "person", ["Ayad Allawi"]), ("x-militants", "rebels", ["the militants"])]
    doc = make_doc(nlp, text, actors)
    ev = one(run(pipeline, doc), "ASSAULT")
    assert ev.attribution.speaker == "ayad-allawi" and ev.attribution.quote is None
    assert [s.text for s in ev.attribution.sources] == ["army sources"]
    assert ev.factuality == "reported"


def test_according_to_a_pronoun(pipeline, nlp):
    text = "Ayad Allawi spoke on Monday. According to him, civilians died in shelling by the coalition."
    doc = make_doc(
        nlp, text, [("ayad-allawi", "person", ["Ayad Allawi"]), ("coalition", "military", ["the coalition"])]
    )
    ev = one(run(pipeline, doc), "ASSAULT")
    assert ev.attribution.speaker == "ayad-allawi" and ev.attribution.speaker_span.text == "him"


def test_own_voice_is_the_outlet_and_confidence_orders_by_factuality(pipeline, nlp):
    army = [("army", "military", ["The army"])]
    asserted = one(run(pipeline, make_doc(nlp, "The army shelled the town.", army)), "ASSAULT")
    hedged = one(run(pipeline, make_doc(nlp, "The army may have shelled the town.", army)), "ASSAULT")
    negated = one(run(pipeline, make_doc(nlp, "The army did not shell the town.", army)), "ASSAULT")
    assert asserted.attribution.speaker is None and asserted.attribution.outlet == "example.org"
    assert asserted.factuality == "asserted"
    assert asserted.confidence > hedged.confidence > negated.confidence


def test_seed_quotes_carry_their_speakers(seed_result):
    for ev in seed_result.events:
        inside = [q for q in seed_result.quotes if q.start <= ev.trigger.start and ev.trigger.end <= q.end]
        if inside and any(q.speaker for q in inside):
            assert ev.attribution.speaker_span is not None, ev.trigger


def test_negation_does_not_spread_to_a_sibling_speech_act(pipeline, nlp):
    text = "The agency said the authorities had denied access to the convoys and urged all parties to allow aid."
    doc = make_doc(nlp, text, [("wfp", "igo", ["The agency"]), ("gov", "government", ["the authorities"])])
    evs = run(pipeline, doc)
    urged = one(evs, "REQUEST")
    assert actors_of(urged.source) == ["wfp"] and urged.factuality == "asserted"
    denied = one(evs, "REJECT")
    assert actors_of(denied.source) == ["gov"] and denied.attribution.speaker == "wfp"


def test_no_one_negates(pipeline, nlp):
    text = "The ministry said no one was killed in the blast."
    doc = make_doc(nlp, text, [("min", "government", ["The ministry"])])
    ev = one(run(pipeline, doc), "ASSAULT")
    assert ev.factuality == "negated" and ev.factuality_cue.text == "no"
