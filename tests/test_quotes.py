"""Quotes stage: direct, indirect and mixed quotes with speaker, cue, medium, sources and time."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline import quotes
from dateline.document import Document
from dateline.model import Actor, Article, Quote, Span

SEED = Path(__file__).resolve().parent.parent / "examples" / "seed-iraq-is-alqaeda-talks.txt"


def _run(pipeline, text: str, published: str | None = "2017-04-18") -> Document:
    """The whole pipeline over a hand-built article (no ingest cleaning), returning the document."""
    doc = Document(Article(id="q", text=text, published=published))
    pipeline(doc)
    assert not [e for e in doc.errors if e.stage in ("times", "quotes")], doc.errors
    _check_spans(text, doc.quotes)
    return doc


def _check_spans(text: str, found: list[Quote]) -> None:
    for q in found:
        assert text[q.start : q.end] == q.text
        spans = [q.cue, q.said_at, *q.sources]
        spans += [q.speaker.span if q.speaker else None, q.medium.span if q.medium else None]
        for span in spans:
            if span is not None:
                assert text[span.start : span.end] == span.text
        assert 0 <= q.confidence <= 1


def _quote(found: list[Quote], words: str) -> Quote:
    matches = [q for q in found if words in q.text]
    assert len(matches) == 1, (words, [q.text for q in found])
    return matches[0]


# --- the seed ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_quotes(seed_result) -> list[Quote]:
    _check_spans(seed_result.article.text, seed_result.quotes)
    return seed_result.quotes


def test_seed_ids_are_stable_and_in_text_order(seed_quotes):
    assert [q.id for q in seed_quotes] == [f"q{i}" for i in range(1, len(seed_quotes) + 1)]
    assert [q.start for q in seed_quotes] == sorted(q.start for q in seed_quotes)


def test_seed_allawi_talks_quote_via_reuters(seed_quotes):
    q = _quote(seed_quotes, "The discussion has started now")
    assert q.kind == "direct"
    assert q.text.endswith("between messengers representing Baghdadi and representing Zawahiri")
    assert q.speaker.span.text == "Allawi"
    assert q.speaker.actor == "ayad-allawi"
    assert q.cue.text == "told"
    assert q.medium.name == "Reuters"
    assert q.medium.actor == "reuters"


def test_seed_indirect_alliance_claim_with_cited_sources(seed_quotes):
    q = _quote(seed_quotes, "Islamic State leader is in talks with Al-Qaeda")
    assert q.kind == "indirect"
    assert q.text == "Islamic State leader is in talks with Al-Qaeda about a possible alliance"
    assert q.speaker.span.text == "Iraq’s Vice President Ayad Allawi"
    assert q.speaker.actor == "ayad-allawi"
    assert q.cue.text == "said"
    assert [s.text for s in q.sources] == ["information from Iraqi and other regional sources"]


def test_seed_split_quote_has_one_speaker(seed_quotes):
    first = _quote(seed_quotes, "I can’t see ISIS disappearing into thin air")
    second = _quote(seed_quotes, "They will remain covertly in sleeping cells")
    for q in (first, second):
        assert q.kind == "direct"
        assert q.speaker.span.text == "Allawi"
        assert q.speaker.actor == "ayad-allawi"
        assert q.cue.text == "said"
    assert second.confidence < first.confidence  # its cue is in the previous sentence


def test_seed_noted_is_indirect(seed_quotes):
    q = _quote(seed_quotes, "it won't automatically cease to exist")
    assert q.kind == "indirect"
    assert q.text.startswith("Even if IS loses all territory in Iraq")
    assert q.speaker.actor == "ayad-allawi"
    assert q.cue.text == "noted"


def test_seed_adding_inherits_speaker_and_medium(seed_quotes):
    q = _quote(seed_quotes, "it is currently unclear how exactly the two groups may operate together")
    assert q.kind == "indirect"
    assert q.speaker.actor == "ayad-allawi"
    assert q.cue.text == "adding"
    assert q.medium.name == "Reuters"


def test_seed_according_to_him_is_allawi(seed_quotes):
    q = _quote(seed_quotes, "civilian casualties have been piling up")
    assert q.cue.text == "According to"
    assert q.speaker.span.text == "him"
    assert q.speaker.actor == "ayad-allawi"


def test_seed_unclosed_quote_ends_at_its_paragraph(seed_quotes):
    q = _quote(seed_quotes, "escalated to the limit.")
    assert q.kind == "mixed"
    assert q.text.endswith("escalated to the limit.")
    assert "Daesh" not in q.text
    assert q.speaker.span.text == "International human rights groups"
    assert q.cue.text == "warned"


def test_seed_khasfa_quote_to_mahmoud_via_the_telegraph_at_the_time(seed_quotes):
    q = _quote(seed_quotes, "Daesh [Arabic acronym for IS] would drive the victims to Khasfa")
    assert q.kind == "direct"
    assert q.text.endswith("shot in the back of the head")
    assert q.speaker.span.text == "40-year-old local villager Mahmoud"
    assert q.cue.text == "told"
    assert "Daily Telegraph" in q.medium.name
    assert q.medium.actor == "daily-telegraph"
    assert q.said_at.text == "at the time"


def test_seed_dramatic_decline_according_to_a_study(seed_quotes):
    q = _quote(seed_quotes, "dramatic decline")
    assert q.kind == "mixed"
    assert q.cue.text == "according to"
    assert q.speaker.span.text == "a recent study"


def test_seed_no_false_cues(seed_quotes):
    cues = {q.cue.text for q in seed_quotes if q.cue}
    assert "declared" not in cues  # "it declared a Caliphate" is not speech
    assert "reporting" not in cues  # "forces have been reporting on their advances"


# --- short texts -------------------------------------------------------------------------------


def test_guillemets_with_inverted_speaker_and_television(pipeline):
    doc = _run(pipeline, "«Nous ne céderons pas», said Jean Dupont, the French foreign minister, on state television.")
    q = _quote(doc.quotes, "Nous ne céderons pas")
    assert q.kind == "direct"
    assert q.speaker.span.text == "Jean Dupont, the French foreign minister"
    assert q.medium.name == "state television"


def test_single_curly_quotes_and_pronoun_speaker(pipeline):
    text = "Minister Omar Khalid arrived in Tripoli on Sunday. ‘We will not back down,’ he said on Twitter."
    doc = _run(pipeline, text)
    q = _quote(doc.quotes, "We will not back down")
    assert q.kind == "direct"
    assert q.speaker.span.text == "he"
    assert q.cue.text == "said"
    assert q.medium.name == "Twitter"


def test_apostrophes_are_not_quotes(pipeline):
    doc = _run(pipeline, "The group’s leaders didn’t attend the army’s parade in the capital’s main square.")
    assert doc.quotes == []


def test_multi_paragraph_quote(pipeline):
    text = (
        "“The army will hold the line,” General Ahmed Saleh said in an interview with the BBC.\n\n"
        "“We have enough men. We have enough ammunition.\n\n"
        "“And we have the will to win,” he added."
    )
    doc = _run(pipeline, text)
    first = _quote(doc.quotes, "The army will hold the line")
    assert first.speaker.span.text == "General Ahmed Saleh"
    assert first.medium.name == "BBC"
    run_over = _quote(doc.quotes, "We have enough men")
    assert run_over.kind == "direct"
    assert run_over.text.endswith("And we have the will to win")
    assert run_over.cue.text == "added"


def test_according_to_him_resolves_to_the_previous_speaker(pipeline):
    text = (
        "“The ceasefire is fragile,” Ayad Allawi told Reuters on Monday.\n\n"
        "According to him, militias have moved heavy weapons to the front."
    )
    doc = _run(pipeline, text)
    first = _quote(doc.quotes, "The ceasefire is fragile")
    assert first.said_at.text == "Monday"
    q = _quote(doc.quotes, "militias have moved heavy weapons")
    assert q.kind == "indirect"
    assert q.cue.text == "According to"
    assert q.speaker.span.text == "him"
    assert q.speaker.actor is not None
    assert q.speaker.actor == first.speaker.actor


def test_pronoun_resolves_to_an_actor_of_the_document(pipeline):
    """With an actor the actors stage would give, "he" takes the last person speaker's actor id."""
    text = "“We are ready,” Jane Doe said. He said the talks would resume next week."
    doc = Document(Article(id="q", text=text, published="2017-04-18"), pipeline.nlp(text))
    start = text.index("Jane Doe")
    doc.actors = [Actor(id="jane-doe", name="Jane Doe", kind="person", mentions=[Span.of(text, start, start + 8)])]
    quotes.find(doc, pipeline.resources)
    _check_spans(text, doc.quotes)
    q = _quote(doc.quotes, "the talks would resume next week")
    assert (q.speaker.span.text, q.speaker.actor) == ("He", "jane-doe")


def test_passive_it_was_reported(pipeline):
    doc = _run(pipeline, "It was reported that the convoy had been attacked near the border.")
    q = _quote(doc.quotes, "the convoy had been attacked near the border")
    assert q.kind == "indirect"
    assert q.cue.text == "reported"
    assert q.speaker is None
    assert q.confidence < 0.8


def test_in_a_statement_is_the_medium(pipeline):
    doc = _run(pipeline, "In a statement, the Interior Ministry said three police officers were killed on Monday.")
    q = _quote(doc.quotes, "three police officers were killed on Monday")
    assert q.speaker.span.text == "the Interior Ministry"
    assert q.medium.name == "statement"
    assert q.said_at is None  # "on Monday" is when the officers died, not when it was said


def test_told_agency_with_time_of_saying(pipeline):
    doc = _run(pipeline, "Officials told AFP on Sunday that the ceasefire had collapsed.")
    q = _quote(doc.quotes, "the ceasefire had collapsed")
    assert (q.speaker.span.text, q.cue.text, q.medium.span.text, q.said_at.text) == (
        "Officials",
        "told",
        "AFP",
        "Sunday",
    )
    assert q.medium.name == "Agence France-Presse"  # the knowledge base's name when the outlet is a known actor


def test_told_reporters_is_not_a_medium(pipeline):
    doc = _run(pipeline, "Colonel Ali Hassan told reporters that five soldiers died.")
    q = _quote(doc.quotes, "five soldiers died")
    assert q.medium is None


def test_anonymous_source_is_a_cited_source(pipeline):
    doc = _run(pipeline, "A source close to the negotiations said the deal was nearly done.")
    q = _quote(doc.quotes, "the deal was nearly done")
    assert [s.text for s in q.sources] == ["A source close to the negotiations"]


def test_denial_is_indirect_speech(pipeline):
    doc = _run(pipeline, "Rebels denied they had attacked the convoy.")
    q = _quote(doc.quotes, "they had attacked the convoy")
    assert (q.speaker.span.text, q.cue.text) == ("Rebels", "denied")


def test_scare_quotes_are_not_quotations(pipeline):
    doc = _run(pipeline, 'The so-called "caliphate" collapsed in 2019.')
    assert doc.quotes == []


def test_straight_quotes_split_by_the_cue(pipeline):
    doc = _run(pipeline, '"We are ready," Prime Minister Jane Doe said. "The talks will resume next week."')
    first, second = _quote(doc.quotes, "We are ready"), _quote(doc.quotes, "The talks will resume")
    assert first.speaker.span.text == second.speaker.span.text == "Prime Minister Jane Doe"


def test_postposed_speaker_the_parser_misses(pipeline):
    text = "The attackers opened fire on the post, an army spokesman, Colonel Souleymane Dembele, told reporters."
    doc = _run(pipeline, text)
    q = _quote(doc.quotes, "The attackers opened fire on the post")
    assert q.speaker.span.text == "an army spokesman, Colonel Souleymane Dembele"
    assert "spokesman" not in q.text


def test_relative_pronoun_speaker_and_relative_clause_trimmed(pipeline):
    text = "Police arrested 25 people, according to the Doctors' Committee, which said 12 protesters were injured."
    doc = _run(pipeline, text)
    according = _quote(doc.quotes, "Police arrested 25 people")
    assert according.speaker.span.text == "the Doctors' Committee"
    said = _quote(doc.quotes, "12 protesters were injured")
    assert said.speaker.span.text == "the Doctors' Committee"


def test_dateline_is_neither_speaker_nor_time_of_saying(pipeline):
    text = "SANAA, Nov. 20, 2023 — The rebels threatened to attack ships, a spokesman for the group said."
    doc = _run(pipeline, text)
    q = _quote(doc.quotes, "The rebels threatened to attack ships")
    assert q.speaker.span.text == "a spokesman for the group"
    assert q.said_at is None


def test_in_a_statement_without_a_speech_verb(pipeline):
    doc = _run(pipeline, "In a statement, the Interior Ministry condemned the attack on the embassy.")
    q = _quote(doc.quotes, "condemned the attack on the embassy")
    assert (q.kind, q.cue.text, q.speaker.span.text, q.medium.name) == (
        "indirect",
        "In a statement",
        "the Interior Ministry",
        "statement",
    )


def test_according_to_at_the_end_of_a_clause(pipeline):
    text = "Police arrested at least 25 people, according to the Doctors' Committee.\n\nThe march ended at dusk."
    q = _quote(_run(pipeline, text).quotes, "Police arrested")
    assert q.text == "Police arrested at least 25 people"


def test_indirect_quote_ends_before_the_speakers_own_coordinated_act(pipeline):
    text = (
        "The WFP said Israeli authorities had denied access to the convoys for a week and urged all parties "
        "to allow aid into the north."
    )
    doc = _run(pipeline, text)
    q = _quote(doc.quotes, "denied access")
    assert q.text == "Israeli authorities had denied access to the convoys for a week"
    assert q.speaker.span.text == "The WFP" and q.cue.text == "said"


def test_coordinated_warning_keeps_the_speaker_and_shared_subject_acts_stay_reported(pipeline):
    text = "The ministry said troops had entered the town and blocked the roads, and warned that more would die."
    doc = _run(pipeline, text)
    reported = _quote(doc.quotes, "entered the town")
    assert reported.text == "troops had entered the town and blocked the roads"
    warning = _quote(doc.quotes, "more would die")
    assert warning.cue.text == "warned" and warning.speaker.span.text == "The ministry"


def test_parenthetical_cue_reports_the_clause_it_interrupts(pipeline):
    text = "Street protests, Ms. Mensah said, are a sign of real anger. The museum, she said, was closed."
    doc = _run(pipeline, text)
    protest = _quote(doc.quotes, "Street protests")
    assert protest.text == "Street protests, Ms. Mensah said, are a sign of real anger"
    assert protest.kind == "indirect" and protest.speaker.span.text == "Ms. Mensah"
    assert _quote(doc.quotes, "museum").text == "The museum, she said, was closed"


def test_a_belief_or_finding_with_a_clause_is_attributed_but_not_without_one(pipeline):
    doc = _run(pipeline, "The poll shows that most voters oppose the deal. The report showed the damage.")
    poll = _quote(doc.quotes, "most voters")
    assert poll.speaker.span.text == "The poll" and poll.cue.text == "shows" and poll.kind == "indirect"
    assert not [q for q in doc.quotes if "damage" in q.text]


def test_what_a_poll_or_a_video_shows_is_attributed_to_it(pipeline):
    doc = _run(
        pipeline, "Surveys show a tight race in the north. Footage of the raid shows a guard with a rifle on the roof."
    )
    poll = _quote(doc.quotes, "tight race")
    assert poll.speaker.span.text == "Surveys" and poll.cue.text == "show" and poll.text == "a tight race in the north"
    assert _quote(doc.quotes, "rifle on the roof").speaker.span.text == "Footage of the raid"


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        ("Osei called on the mayor to stop closing schools.", "the mayor to stop closing schools", "called on"),
        ("Farmers accused the council of ignoring the drought.", "the council of ignoring the drought", "accused"),
        ("The UN urged all parties to allow aid.", "all parties to allow aid", "urged"),
        ("Mensah cited rude remarks the mayor had made.", "rude remarks the mayor had made", "cited"),
    ],
)
def test_speech_acts_whose_content_is_their_object(pipeline, text, content, cue):
    doc = _run(pipeline, text)
    q = _quote(doc.quotes, content)
    assert q.text == content and q.cue.text == cue and q.kind == "indirect"


def test_a_bare_object_is_not_a_report(pipeline):
    assert _run(pipeline, "He called a meeting on Monday. She called her mother.").quotes == []


def test_seed_cited_sources_are_a_source_not_a_quote(seed_quotes):
    assert not [q for q in seed_quotes if q.text.startswith("information from Iraqi")]
    cited = _quote(seed_quotes, "possible alliance")
    assert [s.text for s in cited.sources] == ["information from Iraqi and other regional sources"]


def test_object_content_stops_before_a_coordinated_act(pipeline):
    text = "The foreign ministry accused Moscow of lying and called on the United Nations to investigate the strike."
    doc = _run(pipeline, text)
    assert _quote(doc.quotes, "Moscow").text == "Moscow of lying"
    assert _quote(doc.quotes, "United Nations").cue.text == "called on"


def test_seed_both_allawi_passages_via_reuters_with_his_sources(seed_quotes):
    first = _quote(seed_quotes, "Islamic State leader is in talks with Al-Qaeda")
    second = _quote(seed_quotes, "The discussion has started now")
    for q in (first, second):
        assert q.speaker.actor == "ayad-allawi"
        assert q.medium.name == "Reuters"
        assert q.medium.span.text == "Reuters"
        assert [s.text for s in q.sources] == ["information from Iraqi and other regional sources"]
    # the spans point at the words that name them, in the other paragraph
    assert first.medium.span.start > first.end
    assert second.sources[0].end < second.start
    assert first.confidence < 0.85  # carried over, not named in its own sentence


def test_interview_run_ends_at_another_speaker(seed_quotes):
    q = _quote(seed_quotes, "escalated to the limit.")
    assert q.medium is None
    assert q.sources == []


def test_interview_run_needs_adjacent_paragraphs(pipeline):
    text = (
        "The minister told Reuters that the border would reopen on Monday.\n\n"
        "“We will not wait any longer,” the minister said.\n\n"
        "Traffic on the road was heavy all week.\n\n"
        "“The trucks are ready,” the minister said."
    )
    doc = _run(pipeline, text)
    assert _quote(doc.quotes, "We will not wait").medium.name == "Reuters"
    assert _quote(doc.quotes, "The trucks are ready").medium is None


def test_interview_run_keeps_each_quotes_own_medium(pipeline):
    text = (
        "The minister told Reuters that the border would reopen on Monday.\n\n"
        "The minister told the BBC that the trucks were ready."
    )
    doc = _run(pipeline, text)
    assert _quote(doc.quotes, "border would reopen").medium.name == "Reuters"
    assert _quote(doc.quotes, "trucks were ready").medium.name == "BBC"


def test_doubled_apostrophes_are_double_quotes(pipeline):
    text = (
        "''This isn't town planning,'' said Ms. Jones. ''It has the merit of being cheap to run.''\n\n"
        "It's the candidates' choice, and the voters' too."
    )
    doc = _run(pipeline, text)
    first = _quote(doc.quotes, "This isn't town planning")
    second = _quote(doc.quotes, "cheap to run")
    assert first.text == "This isn't town planning"
    assert second.text == "It has the merit of being cheap to run."
    for q in (first, second):
        assert q.kind == "direct"
        assert q.speaker.span.text == "Ms. Jones"
    assert not [q for q in doc.quotes if "candidates" in q.text]


def test_a_participle_cue_shares_the_subject_of_its_clause(pipeline):
    doc = _run(pipeline, "The senator took to Twitter on Friday, saying the bill would hurt farmers.")
    q = _quote(doc.quotes, "the bill would hurt farmers")
    assert q.cue.text == "saying"
    assert q.speaker.span.text == "The senator"
    assert q.confidence < 0.85


def test_transcript_speaker_labels(pipeline):
    text = (
        "The interview aired on Sunday.\n\n"
        "HOST: Let me begin with the flooding in the valley.\n\n"
        "OKAFOR: Well, first, we have sent every pump we own to the valley.\n\n"
        "Iraq: twelve people were killed in a blast on Sunday."
    )
    doc = _run(pipeline, text)
    q = _quote(doc.quotes, "every pump we own")
    assert q.kind == "direct"
    assert q.speaker.span.text == "OKAFOR"
    assert q.cue.text == ":"
    assert _quote(doc.quotes, "flooding in the valley").speaker.span.text == "HOST"
    assert not [q for q in doc.quotes if "twelve people" in q.text]  # a place label is a headline, not a speaker


def test_quote_signed_with_a_dash(pipeline):
    text = "“She has betrayed this town and she must resign.” ― Ama Mensah\nThe vote is on Tuesday."
    doc = _run(pipeline, text)
    q = _quote(doc.quotes, "betrayed this town")
    assert q.kind == "direct"
    assert q.speaker.span.text == "Ama Mensah"
    assert q.cue.text == "―"


def test_pronouns_refer_back_to_a_speaker_named_by_role(pipeline):
    text = (
        "The defence minister said in an interview with the BBC on Monday that the army would not retreat. "
        "He said the city was secure. According to him, the rebels are weak."
    )
    doc = _run(pipeline, text)
    first = _quote(doc.quotes, "the army would not retreat")
    assert first.medium.name == "BBC"
    assert first.said_at.text == "Monday"
    for words in ("the city was secure", "the rebels are weak"):
        q = _quote(doc.quotes, words)
        assert q.speaker.actor == first.speaker.actor is not None
        assert q.speaker.span.text in ("He", "him")


def test_told_state_television_and_a_claim_noun(pipeline):
    text = (
        "President Erdogan said on Twitter that the talks had failed. "
        "“We will not wait,” he told state television on Tuesday.\n\n"
        "Ahmed Saleh, the army spokesman, spoke later. His claim that the rebels had withdrawn was denied."
    )
    doc = _run(pipeline, text)
    assert _quote(doc.quotes, "the talks had failed").medium.name == "Twitter"
    q = _quote(doc.quotes, "We will not wait")
    assert q.medium.name == "state television"
    assert q.said_at.text == "Tuesday"
    claim = _quote(doc.quotes, "the rebels had withdrawn")
    assert claim.cue.text == "claim"
    assert claim.speaker.span.text == "His"
    assert claim.speaker.actor == "x-ahmed-saleh"


# --- cue classes: belief, intention, evaluation, perception -------------------------------------


@pytest.mark.parametrize(
    ("text", "cls", "speaker", "cue", "content"),
    [
        ("The minister believes the militia shelled the village.", "belief", "The minister", "believes",
         "the militia shelled the village"),
        ("Critics described the raid as a massacre.", "evaluation", "Critics", "described", "the raid as a massacre"),
        ("Senator Osei supports a dam on the river.", "evaluation", "Senator Osei", "supports",
         "a dam on the river"),
        ("Rebel leaders want to attack the capital next month.", "intention", "Rebel leaders", "want",
         "to attack the capital next month"),
        ("Protesters pushed for a general strike on Monday.", "intention", "Protesters", "pushed for",
         "a general strike"),
        ("Villagers saw soldiers fire on the crowd.", "perception", "Villagers", "saw", "soldiers fire on the crowd"),
        ("The ministry pointed out that troops had withdrawn.", "speech", "The ministry", "pointed out",
         "troops had withdrawn"),
    ],
)  # fmt: skip
def test_cue_classes(pipeline, text, cls, speaker, cue, content):
    (q,) = _run(pipeline, text).quotes
    assert (q.cue_class, q.speaker.span.text, q.cue.text, q.text) == (cls, speaker, cue, content)


def test_an_attitude_needs_a_holder_and_is_not_nested_in_a_report(pipeline):
    assert _run(pipeline, "The new rule seeks to limit the number of taxis in the city.").quotes == []
    assert _run(pipeline, "He would see a rise in his pay.").quotes == []  # a perception verb without a predicate
    (q,) = _run(pipeline, "He said he wants to see Okafor win the vote.").quotes
    assert (q.cue_class, q.cue.text) == ("speech", "said")


def test_a_direct_quote_is_introduced_by_speech_only(pipeline):
    doc = _run(pipeline, "Rebels want a truce. “We will not stop until the city falls,” the commander said.")
    q = _quote(doc.quotes, "We will not stop")
    assert (q.cue_class, q.cue.text, q.speaker.span.text) == ("speech", "said", "the commander")


def test_stance_reads_the_cue_class(pipeline):
    """An evaluation presupposes its event (the article's voice); an intention makes its event future."""
    doc = _run(pipeline, "The Kenyan government condemned the bombing of the market in Mombasa.")
    bombing = next(e for e in doc.events if e.trigger.text == "bombing")
    assert bombing.factuality == "asserted" and bombing.attribution.speaker_span is None
    doc = _run(pipeline, "Protesters pushed for a general strike on Monday.")
    strike = next(e for e in doc.events if e.trigger.text == "strike")
    assert strike.factuality == "future" and strike.factuality_cue.text == "pushed for"


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content"),
    [
        ("Many farmers are afraid that the rains may fail.", "Many farmers", "are afraid", "the rains may fail"),
        ("Osei has been critical of the mayor since the flood.", "Osei", "been critical of", "the mayor"),
        (
            "Some Republicans were willing to back a smaller bill.",
            "Some Republicans",
            "were willing",
            "to back a smaller bill",
        ),
    ],
)
def test_an_attitude_stated_with_be_is_attributed_to_its_holder(pipeline, text, speaker, cue, content):
    q = _quote(_run(pipeline, text).quotes, content)
    assert q.speaker.span.text == speaker and q.cue.text == cue and q.text == content and q.cue_class != "speech"


def test_headline_and_transcript_labels(pipeline):
    doc = _run(pipeline, 'Poll: Farmers Turn Against Governor Okafor\n\n"HOST: Governor, I want to ask you.\n')
    assert _quote(doc.quotes, "Farmers Turn").speaker.span.text == "Poll"
    assert _quote(doc.quotes, "Governor, I want").speaker.span.text == "HOST"


def test_chained_and_direct_only_cues(pipeline):
    doc = _run(pipeline, "He went on to say that the plan would fail. “We will win,” she continued.")
    assert _quote(doc.quotes, "plan would fail").cue.text == "went on to say"
    assert _quote(doc.quotes, "We will win").cue.text == "continued"


def test_a_sourceless_seeming_and_a_poll_source(pipeline):
    doc = _run(pipeline, "The crowd seemed to enjoy the speech. In a CNN poll, Okafor led Mensah by five points.")
    seem = _quote(doc.quotes, "crowd")
    assert seem.speaker is None and seem.cue.text == "seemed" and seem.cue_class == "belief"
    poll = _quote(doc.quotes, "led Mensah")
    assert poll.speaker.span.text == "a CNN poll" and poll.cue.text == "In"


def test_a_speaker_before_the_content_is_not_a_postposed_speaker(pipeline):
    # Garbled input: the word before the cue ("MAYOR:") precedes the content; it must not cut the quote to nothing.
    text = "Reuters, MAYOR: adding that '' it is currently unclear how exactly the two bridges may reopen.\n\nRain."
    found = _run(pipeline, text).quotes
    assert all(q.start < q.end and q.text.strip() for q in found)
    q = _quote(found, "the two bridges may reopen")
    assert q.speaker is None or q.speaker.span.end <= q.start or q.speaker.span.start >= q.end


def test_paragraphs_are_the_articles_or_blank_line_separated(pipeline):
    # A hard-wrapped line break is no paragraph end: the quote runs on to its closing mark.
    text = "“We will rebuild the bridge before\nthe rains come,” the mayor said.\n\nThe river rose."
    q = _quote(_run(pipeline, text).quotes, "rebuild the bridge")
    assert q.text == "We will rebuild the bridge before\nthe rains come"
    assert (q.kind, q.speaker.span.text) == ("direct", "the mayor")
    # The article's own paragraphs (from ingest) are the ones used.
    cut = text.index("\n\n")
    doc = Document(Article(id="q", text=text, paragraphs=[Span.of(text, 0, cut), Span.of(text, cut + 2, len(text))]))
    pipeline(doc)
    assert [(q.text, q.kind) for q in doc.quotes] == [(q.text, "direct")]
