"""Stance stage: attribution to quotes and reported speech, and factuality cues on any event mention."""

from __future__ import annotations

import pytest
from test_events import actors_of, make_doc, one, run

from dateline.document import Document
from dateline.model import Article, MediumRef, Quote, Span, SpeakerRef
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
        ("It is unclear whether the army shelled the town.", "shelled", "hedged", "whether"),
        ("The question is whether the army will intervene.", "intervene", "hypothetical", "whether"),
        ("The group is in talks about a possible alliance.", "talks", "hedged", "possible"),
        ("The ministers will meet in Geneva next week.", "meet", "future", "will"),
        ("The rebels plan to attack the capital.", "attack", "future", "plan"),
        ("The president is to visit Paris.", "visit", "future", "is"),
        ("Ankara threatened to expel the diplomats.", "expel", "future", "threatened"),
        ("If the talks fail, the army will attack the city.", "attack", "hypothetical", "If"),
        ("If the army attacks the city, the rebels will retreat.", "attacks", "hypothetical", "If"),
        ("Even if IS loses all territory, it will survive.", "loses", "hypothetical", "if"),
        ("Small traders can suffer heavy losses.", "suffer", "hedged", "can"),
        ("The talks failed to produce a ceasefire.", "produce", "negated", "failed"),
        ("The army refused to withdraw its troops.", "withdraw", "negated", "refused"),
        ("They studied the possibility of taking the boy abroad.", "taking", "hedged", "possibility"),
        ("It was not until Friday that the minister resigned.", "resigned", "asserted", None),
        ("He was not troubled when the fighting began.", "began", "asserted", None),
        ("The union agrees that the strike is hurting the economy.", "hurting", "asserted", None),
        ("The union agreed to end the strike.", "end", "future", "agreed"),
        ("Withdraw your troops from the border.", "Withdraw", "future", "Withdraw"),
        ("The rebels are going to attack the town.", "attack", "future", "going"),
        ("When the troops arrive, they will secure the airport.", "arrive", "future", "will"),
        ("The firm sold two plants to cut costs.", "cut", "future", "to"),
        ("The prisoners managed to escape.", "escape", "asserted", None),
        # a negated future or possibility stays future or possible; a negated ability is a negation
        ("The army will not attack the city.", "attack", "future", "will"),
        ("The rebels may not have fired the rockets.", "fired", "hedged", "may"),
        ("The agency could not deliver food to the town.", "deliver", "negated", "not"),
        # conditions: the consequent, inverted conditions, free-choice arguments, supposed events
        ("Should the embassy be attacked, the marines would evacuate the staff.", "attacked", "hypothetical", "Should"),
        ("Should the embassy be attacked, the marines would evacuate the staff.", "evacuate", "hypothetical", "Should"),
        ("Whoever breaks the ceasefire will be held responsible.", "breaks", "hypothetical", "Whoever"),
        ("Anyone who fired on civilians would be prosecuted.", "fired", "hypothetical", "Anyone"),
        ("A ground attack on the city could cost thousands of lives.", "attack", "hypothetical", "could"),
        ("In case the power is cut, the hospital has generators.", "cut", "hypothetical", "In"),
        ("Even if IS loses all territory in Iraq, it won't automatically cease to exist.", "cease", "future", "wo"),
        ("The family said it would seek compensation.", "seek", "future", "would"),
        ("Sanctions would hurt ordinary people more than the regime.", "hurt", "hypothetical", "would"),
        # hedges: raising verbs, suspicion, a negated denial, an open question
        ("The fugitive is thought to be hiding in the mountains.", "hiding", "hedged", "thought"),
        ("The convoy appears to have been targeted by a drone.", "targeted", "hedged", "appears"),
        ("Three men were arrested on suspicion of plotting an attack.", "plotting", "hedged", "suspicion"),
        ("Officials did not rule out sabotage as the cause.", "sabotage", "hedged", "not"),
        ("It is not clear what caused the fire.", "caused", "hedged", "not"),
        ("Prosecutors allege that the banker laundered millions.", "laundered", "hedged", "allege"),
        # negations: prevention, neither/nor, without, "not a single"
        ("The ship was prevented from leaving the port.", "leaving", "negated", "prevented"),
        ("The rebels have neither accepted nor rejected the offer.", "accepted", "negated", "neither"),
        ("The talks ended without an agreement.", "agreement", "negated", "without"),
        ("Not a single shot was fired.", "fired", "negated", "Not"),
        ("Officials ruled out a bombing as the cause of the crash.", "bombing", "negated", "ruled"),
        ("Not all residents fled the town.", "fled", "asserted", None),
        # presupposed: an event after "before/after" keeps out of the host's modality
        ("Investigators believe the killer hid the rifle before the shooting.", "shooting", "asserted", None),
        # a definite event noun as subject is presupposed, unless the predicate says whether it takes place
        ("The meeting between the two ministers was not productive.", "meeting", "asserted", None),
        ("The raid on the compound may have broken the law.", "raid", "asserted", None),
        ("The attack on the convoy did not stop the talks.", "attack", "asserted", None),
        ("The talks between the two sides did not take place.", "talks", "negated", "not"),
        ("An attack on the port would devastate the region.", "attack", "hypothetical", "would"),
        # what one party asks another to do is demanded, not done (coding guide 6); what it commits to is future
        ("The UN urged the army to withdraw from the town.", "withdraw", "hypothetical", "urged"),
        ("The court ordered the authorities to release the detainees.", "release", "hypothetical", "ordered"),
        ("The rebels agreed to withdraw from the town.", "withdraw", "future", "agreed"),
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
    text = "The agency said the authorities had denied the aid workers entry and urged both sides to let food in."
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


@pytest.mark.parametrize(
    ("text", "trigger", "label", "cue"),
    [
        ("The army shot two smugglers at the border, a military spokesman said.", "shot", "reported", "said"),
        ("Police said the gunmen killed three guards.", "killed", "reported", "said"),
        ("According to witnesses, the militia attacked the village.", "attacked", "reported", "According"),
        ('"The soldiers fired at us," a protester told the BBC.', "fired", "reported", "told"),
        ("The governor blamed the rebels for the attack on the convoy.", "attack", "reported", "blamed"),
        ("The army shelled the town on Sunday.", "shelled", "asserted", None),
        ("The army denied that its soldiers fired on the crowd.", "fired", "negated", "denied"),
    ],
)
def test_reported_from_the_parse_alone(nlp, text, trigger, label, cue):
    start = text.index(trigger)
    got, cue_offsets = factuality_of(nlp(text), start, start + len(trigger), attributed=None)
    assert got == label
    assert (text[cue_offsets[0] : cue_offsets[1]] if cue_offsets else None) == cue


def test_scope_is_what_the_cue_governs(pipeline, nlp):
    army = [("army", "military", ["The army"])]
    ev = one(run(pipeline, make_doc(nlp, "The army did not shell the town on Monday.", army)), "ASSAULT")
    assert (ev.factuality, ev.factuality_cue.text) == ("negated", "not")
    assert ev.factuality_scope.text == "shell the town on Monday"
    asserted = one(run(pipeline, make_doc(nlp, "The army shelled the town.", army)), "ASSAULT")
    assert asserted.factuality_scope is None and asserted.mentions == [asserted.trigger]


def test_denial_negates_the_event_for_the_denier_and_answers_the_accuser(pipeline, nlp):
    text = (
        "Ukrainian officials said a Russian missile struck a hospital in Kharkiv. Moscow denied attacking the hospital."
    )
    doc = make_doc(
        nlp,
        text,
        [("ukr", "government", ["Ukrainian officials"]), ("rus", "government", ["Moscow", "Russian"])],
    )
    evs = run(pipeline, doc)
    struck = one(evs, "ASSAULT", "struck")
    assert struck.factuality == "reported" and struck.attribution.speaker == "ukr"
    denied = one(evs, "ASSAULT", "attacking")
    assert denied.factuality == "negated" and denied.factuality_cue.text == "denied"
    assert denied.attribution.speaker == "rus"
    assert denied.factuality_scope.text == "attacking the hospital"
    reject = one(evs, "REJECT")
    assert actors_of(reject.source) == ["rus"] and actors_of(reject.target) == ["ukr"]
    assert reject.factuality == "asserted"


def test_a_denial_without_an_accusation_makes_no_reject_but_a_denied_report_does(pipeline, nlp):
    police = [("police", "police", ["The police"])]
    text = "The police denied that officers beat the prisoners."
    evs = run(pipeline, make_doc(nlp, text, police))
    beat = one(evs, "ASSAULT")
    assert beat.factuality == "negated" and beat.attribution.speaker == "police"
    assert [e for e in evs if e.type == "REJECT" and e.trigger.text != "denied"] == []


def test_threat_is_made_and_the_threatened_act_is_future(pipeline, nlp):
    text = "Ankara threatened to attack the rebel bases."
    evs = run(pipeline, make_doc(nlp, text, [("tur", "government", ["Ankara"])]))
    threat = one(evs, "THREATEN", "threatened")
    assert threat.factuality == "asserted"
    acts = [e for e in evs if e.trigger.text == "attack"]
    assert all(e.factuality == "future" for e in acts)  # never also counted as an attack that happened


def test_independent_voices_raise_confidence(pipeline, nlp):
    actors = [("army", "military", ["the army"]), ("un", "igo", ["The UN"]), ("red", "ngo", ["The Red Cross"])]
    one_voice = "The UN said the army shelled the town."
    two_voices = "The UN said the army shelled the town. The Red Cross said the army shelled the town."
    single = one(run(pipeline, make_doc(nlp, one_voice, actors)), "ASSAULT")
    both = [e for e in run(pipeline, make_doc(nlp, two_voices, actors)) if e.type == "ASSAULT"]
    # one incident told by two voices: one event (consolidate's coreference), its confidence raised
    assert len(both) == 1 and both[0].confidence > single.confidence
    assert [m.text for m in both[0].mentions] == ["shelled", "shelled"]


def test_seed_alliance_talks_hedged_reported_by_allawi_via_reuters(seed_result):
    talks = next(e for e in seed_result.events if e.type == "CONSULT" and e.trigger.text == "talks")
    assert talks.factuality == "hedged" and talks.factuality_cue.text == "possible"
    att = talks.attribution
    assert (att.speaker, att.medium) == ("ayad-allawi", "Reuters")
    assert [s.text for s in att.sources] == ["information from Iraqi and other regional sources"]
    assert [m.text for m in talks.mentions] == ["talks", "discussions"]  # the repeat is merged, not dropped
    assert all(e.trigger in e.mentions for e in seed_result.events)


def test_seed_allawi_future_and_hypothetical_claims(seed_result):
    quotes = {q.text[:30]: q for q in seed_result.quotes}
    cease = next(q for k, q in quotes.items() if k.startswith("Even if IS loses"))
    cells = next(q for k, q in quotes.items() if k.startswith("They will remain covertly"))
    for quote in (cease, cells):
        assert quote.speaker.actor == "ayad-allawi"
        assert quote.factuality in ("future", "hypothetical")
    assert cells.factuality == "future" and cells.factuality_cue.text == "will"


def test_seed_khasfa_passage_is_mahmouds_via_the_telegraph_at_the_time(seed_result):
    shot = next(e for e in seed_result.events if e.trigger.text == "shot")
    att = shot.attribution
    assert (att.speaker, att.medium, shot.factuality) == ("x-mahmoud", "The Daily Telegraph", "reported")
    quote = next(q for q in seed_result.quotes if q.id == att.quote)
    assert quote.said_at.text == "at the time" and quote.factuality == "reported"


def test_a_merged_repeat_keeps_one_of_each_count():
    import dateline

    text = (
        "Boko Haram attacked the village on Monday, killing 12 people. "
        "Twelve people died in the Boko Haram attack on the village."
    )
    attack = one(dateline.extract(text).events, "ASSAULT")
    assert [m.text for m in attack.mentions] == ["attacked", "killing", "attack"]
    assert [(c.kind, c.low, c.span.text) for c in attack.casualties] == [("killed", 12, "killing 12 people")]


def test_a_speech_act_done_in_the_first_person_in_a_quote_is_the_articles_to_tell(pipeline):
    from dateline import ingest

    text = '"We call for an end to the bullying of fishermen," the defence secretary said in Hanoi.'
    doc = pipeline(ingest.from_text(text, config=pipeline.config))
    request = next(e for e in doc.events if e.type == "REQUEST")
    assert request.factuality == "asserted"
    assert request.attribution.speaker is None and request.attribution.speaker_span is None
    # an event the speaker reports in the third person stays the speaker's report
    text = '"They attacked our boats," the defence secretary said.'
    doc = pipeline(ingest.from_text(text, config=pipeline.config))
    assault = next(e for e in doc.events if e.type == "ASSAULT")
    assert assault.factuality == "reported" and assault.attribution.speaker_span is not None


@pytest.mark.parametrize(
    ("label", "factuality", "speaker"), [("REPORTER", "asserted", None), ("MINISTER", "reported", "MINISTER")]
)
def test_a_transcript_turn_of_the_programmes_own_journalist_is_the_outlets_voice(pipeline, label, factuality, speaker):
    text = f"Evening bulletin.\n\nANCHOR: Is there any sign of relief?\n\n{label}: Not yet. India has shipped diesel."
    doc = pipeline(Document(article=Article(id="t", text=text, published="2024-06-20")))
    shipped = one(doc.events, "AID", "shipped")
    assert shipped.factuality == factuality
    got = shipped.attribution.speaker_span.text if shipped.attribution.speaker_span else None
    assert got == speaker


@pytest.mark.parametrize(
    ("text", "trigger", "factuality"),
    [
        # an attempt is an act carried out, whether or not it succeeded: not an aim still to come
        ("Gunmen tried to storm the prison in Kano on Monday.", "storm", "asserted"),
        ("The suspect attempted to set fire to the mayor's office.", "set", "asserted"),
        # a plan is still to come
        ("Gunmen plan to storm the prison in Kano.", "storm", "future"),
    ],
)
def test_an_attempted_act_happened_a_planned_one_is_to_come(pipeline, text, trigger, factuality):
    from dateline import ingest

    doc = pipeline(ingest.from_text(text, config=pipeline.config))
    (ev,) = [e for e in doc.events if e.trigger.text.startswith(trigger)]
    assert ev.factuality == factuality
