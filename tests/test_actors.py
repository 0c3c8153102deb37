"""The actors stage and its knowledge base, pinned on the seed article and on short texts of our own."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import get_args

import pytest

from dateline.document import Document
from dateline.kb.actors import DEFAULT_PATH
from dateline.model import ActorKind, Article
from dateline.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seed-iraq-is-alqaeda-talks.txt"


@pytest.fixture(scope="module")
def actors_pipeline(nlp):
    """Only the actors stage, over the session's spaCy model."""
    return Pipeline(nlp=nlp, stages=["actors"])


def _run(actors_pipeline, text: str) -> dict:
    doc = actors_pipeline(Document(article=Article(id="t", text=text)))
    assert not doc.errors, doc.errors
    for actor in doc.actors:
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text
        assert 0.0 <= actor.confidence <= 1.0
    return {a.id: a for a in doc.actors}


def _mentions(actor) -> list[str]:
    return [m.text for m in actor.mentions]


def _seed_body() -> str:
    """The seed as ingest cleans it, plus the headline (the only place "Al Qaeda" is written)."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    keep = [line for line in lines[2:] if line and not line.startswith("The Oslo Times") and line != "Related Posts"]
    return "\n\n".join([lines[0], *keep])


# ------------------------------------------------------------------------------------- knowledge base


def test_kb_records_are_well_formed():
    with gzip.open(DEFAULT_PATH, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    kinds = set(get_args(ActorKind))
    by_id = {r["id"]: r for r in records}
    for r in records:
        assert r["kind"] in kinds, r
        assert re.fullmatch(r"[a-z0-9-]+", r["id"]), r["id"]
        assert r.get("country") is None or re.fullmatch(r"[A-Z]{3}", r["country"]), r
    assert by_id["islamic-state"]["kind"] == "terrorist-group"
    assert {"IS", "ISIS", "ISIL", "Daesh"} <= set(by_id["islamic-state"]["aliases"])
    # the Phoenix quirk: a bare "al-Baghdadi" is the person, never the organisation
    assert "AL-BAGHDADI" not in by_id["islamic-state"]["aliases"]
    assert by_id["abu-bakr-al-baghdadi"]["affiliation"] == "islamic-state"
    assert by_id["ayad-allawi"]["country"] == "IRQ"
    assert by_id["irq"]["kind"] == "state" and by_id["irq-military"]["kind"] == "military"
    assert "Iraqi army" in by_id["irq-military"]["aliases"]
    assert sum(r["kind"] == "state" for r in records) > 190
    assert DEFAULT_PATH.stat().st_size < 2_000_000


def test_kb_build_is_deterministic(tmp_path):
    import subprocess
    import sys

    shared = ROOT.parent / "shared" / "actors"
    if not shared.exists():
        pytest.skip("../shared/actors not present")
    out = tmp_path / "actors.jsonl.gz"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_actors.py"), "--shared", str(shared), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == DEFAULT_PATH.read_bytes()


# ------------------------------------------------------------------------------------- the seed


def test_seed_actors(actors_pipeline):
    text = _seed_body()
    actors = _run(actors_pipeline, text)

    islamic_state = actors["islamic-state"]
    surfaces = _mentions(islamic_state)
    assert surfaces.count("IS") >= 4 and {"ISIS", "Islamic State", "Daesh"} <= set(surfaces)
    assert "is" not in surfaces
    assert islamic_state.known and islamic_state.kind == "terrorist-group"

    assert {"Al Qaeda", "Al-Qaeda"} <= set(_mentions(actors["al-qaeda"]))

    allawi = actors["ayad-allawi"]
    assert allawi.kind == "person" and allawi.country == "IRQ" and "Vice President" in allawi.role
    assert _mentions(allawi).count("Allawi") >= 3

    assert _mentions(actors["abu-bakr-al-baghdadi"]) == ["Baghdadi"]
    assert actors["abu-bakr-al-baghdadi"].affiliation == "islamic-state"
    assert _mentions(actors["ayman-al-zawahiri"]) == ["Zawahiri"]
    assert actors["ayman-al-zawahiri"].affiliation == "al-qaeda"

    assert actors["reuters"].kind == "media"
    assert actors["daily-telegraph"].kind == "media"
    assert {"US-led coalition", "coalition forces", "international coalition"} <= set(
        _mentions(actors["us-led-coalition"])
    )
    assert actors["rus"].kind == "state" and _mentions(actors["rus"]) == ["Russia"]

    mahmoud = actors["x-mahmoud"]
    assert mahmoud.kind == "civilians" and mahmoud.role == "villager" and mahmoud.country == "IRQ"
    assert not mahmoud.known
    assert actors["x-international-human-rights-groups"].kind == "ngo"
    assert actors["x-civilians"].kind == "civilians"
    assert actors["x-militants"].kind == "rebels"
    assert "the-oslo-times" not in actors
    # places are not actors: "in Iraq", "the towns of Qaim, Hawija and Tal Afar", "to Khasfa"
    assert _mentions(actors["irq"]) == ["Iraq"]  # only "Iraq’s Vice President"
    assert not any(a.startswith(("x-qaim", "x-tal-afar", "x-khasfa", "x-hawija")) for a in actors)


def test_seed_through_extract(seed_result):
    """The whole pipeline on the seed file: ingest removes the footer, the title is not in the text."""
    actors = {a.id: a for a in seed_result.actors}
    assert "the-oslo-times" not in actors
    assert "Al-Qaeda" in _mentions(actors["al-qaeda"])
    assert {"IS", "ISIS", "Islamic State", "Daesh"} <= set(_mentions(actors["islamic-state"]))
    for actor_id in (
        "ayad-allawi",
        "abu-bakr-al-baghdadi",
        "ayman-al-zawahiri",
        "reuters",
        "daily-telegraph",
        "us-led-coalition",
        "rus",
        "x-mahmoud",
    ):
        assert actor_id in actors, actor_id


# ------------------------------------------------------------------------------------- short texts


def test_hamas_israel(actors_pipeline):
    text = (
        "Hamas fired rockets into southern Israel on Tuesday, the Israeli military said. The IDF said its jets "
        "struck Hamas positions in Gaza overnight. Israeli Prime Minister Benjamin Netanyahu said the group "
        "would pay a heavy price. Netanyahu spoke after meeting Hamas negotiators' mediators from Qatar."
    )
    actors = _run(actors_pipeline, text)
    assert _mentions(actors["hamas"])[:2] == ["Hamas", "Hamas"]
    assert actors["hamas"].kind == "rebels"
    assert {"Israeli military", "IDF"} <= set(_mentions(actors["isr-military"]))
    assert _mentions(actors["benjamin-netanyahu"]) == ["Benjamin Netanyahu", "Netanyahu"]
    assert actors["benjamin-netanyahu"].country == "ISR"
    assert "isr" not in actors  # "into southern Israel" is a place
    assert "the group" in _mentions(actors["hamas"])


def test_houthis(actors_pipeline):
    text = (
        "Houthi rebels said on Sunday they had attacked a cargo ship in the Red Sea. The Houthis, who call "
        "themselves Ansar Allah, have targeted shipping since November. The US military said its destroyer "
        "shot down two drones, and Reuters could not verify the claim. Local residents in Hodeidah said "
        "several civilians were wounded."
    )
    actors = _run(actors_pipeline, text)
    assert {"Houthi rebels", "Houthis", "Ansar Allah"} <= set(_mentions(actors["houthis"]))
    assert actors["houthis"].country == "YEM"
    assert _mentions(actors["usa-military"]) == ["US military"]
    assert actors["reuters"].kind == "media"
    assert any(a.kind == "civilians" for a in actors.values())


def test_protest(actors_pipeline):
    text = (
        "Thousands of protesters marched through Nairobi on Tuesday against a new finance bill. Kenyan police "
        "fired tear gas at demonstrators near parliament. Amnesty International said at least two people were "
        'killed. "We will keep marching," said student leader John Mwangi. Mwangi said the protesters were unarmed.'
    )
    actors = _run(actors_pipeline, text)
    assert _mentions(actors["ken-police"]) == ["Kenyan police"]
    assert actors["amnesty-international"].kind == "ngo"
    mwangi = actors["x-john-mwangi"]
    assert _mentions(mwangi) == ["John Mwangi", "Mwangi"] and not mwangi.known
    assert actors["x-protesters"].kind == "civilians"
    assert len(actors["x-protesters"].mentions) == 2


def test_un_diplomacy(actors_pipeline):
    text = (
        "UN Secretary-General Antonio Guterres on Friday urged Russia and Ukraine to extend the grain deal. "
        "The United Nations Security Council will meet on Monday, the U.N. said. Guterres told reporters that "
        "talks in Istanbul had stalled."
    )
    actors = _run(actors_pipeline, text)
    assert _mentions(actors["antonio-guterres"]) == ["Antonio Guterres", "Guterres"]
    assert actors["antonio-guterres"].affiliation == "un"
    assert "U.N." in _mentions(actors["un"])
    assert actors["un-security-council"].kind == "igo"
    assert actors["rus"].kind == "state" and actors["ukr"].kind == "state"


def test_is_and_us_guards(actors_pipeline):
    text = "This is what the US told us. IS is weaker than it was, officials say, and ISIS fighters are fleeing."
    actors = _run(actors_pipeline, text)
    assert _mentions(actors["islamic-state"]) == ["IS", "ISIS"]
    assert _mentions(actors["usa"]) == ["US"]


def test_shouting_headline_is_not_the_group(actors_pipeline):
    actors = _run(actors_pipeline, "WHAT IS NEXT FOR US TRADE\n\nMarkets fell on Monday.")
    assert "islamic-state" not in actors and "usa" not in actors


def test_surname_needs_the_organisation(actors_pipeline):
    """A bare "Baghdadi" is the IS leader only where IS is in the article."""
    actors = _run(actors_pipeline, "Ahmed Baghdadi, a shop owner, said prices rose again this week.")
    assert "abu-bakr-al-baghdadi" not in actors


def test_empty_text(actors_pipeline):
    doc = Document(article=Article(id="e", text=""))
    from dateline.actors import resolve

    resolve(doc, actors_pipeline.resources)
    assert doc.actors == []


def test_dateline_place_apposition_and_civilian_modifier(actors_pipeline):
    text = (
        'KYIV, March 3 - Russian forces shelled the city overnight, Ukrainian officials said. "We hid in the '
        'basement," said Olena Koval, a 34-year-old teacher. Moscow said it would back a civilian government.'
    )
    actors = _run(actors_pipeline, text)
    assert "ukr" not in actors  # "KYIV," is the dateline, not Ukraine acting
    assert _mentions(actors["rus-military"]) == ["Russian forces"]
    assert _mentions(actors["ukr-government"]) == ["Ukrainian officials"]
    koval = actors["x-olena-koval"]
    assert koval.role == "teacher" and koval.kind == "civilians"
    assert "x-civilians" not in actors  # a civilian government is not the civilians
    assert _mentions(actors["rus"]) == ["Moscow"]


def test_state_institutions_from_qualifiers(actors_pipeline):
    text = (
        "Ukrainian officials said a Russian missile struck a hospital in Kharkiv. Russia's defence ministry "
        "denied it, and the ministry said its forces hit only military targets. The foreign ministers of "
        "Turkey and Iraq met in Ankara, and the Turkish president will visit Baghdad."
    )
    actors = _run(actors_pipeline, text)
    assert _mentions(actors["rus-military"]) == ["Russian"]  # a demonym on a weapon: the state's forces
    assert _mentions(actors["rus-government"]) == ["Russia's defence ministry", "ministry"]
    assert "rus" not in actors  # "Russia's" only qualified the ministry
    assert _mentions(actors["tur-government"]) == ["Turkey", "Turkish president"]
    assert _mentions(actors["irq-government"]) == ["Iraq"]
    assert not [a for a in actors if a.startswith("x-foreign")]


def test_focus_country_army_and_declared_things(actors_pipeline):
    text = (
        "Gunmen killed 15 soldiers near Mopti in central Mali, the army said. Soldiers fought back. The "
        "attack came a year after the group declared a Caliphate in northern Mali."
    )
    actors = _run(actors_pipeline, text)
    assert _mentions(actors["mli-military"]) == ["soldiers", "army", "Soldiers"]
    assert "x-caliphate" not in actors


# ---------------------------------------------------------------- issue 5: actors' countries


def test_unknown_actor_country_from_its_words(actors_pipeline):
    actors = _run(actors_pipeline, "Swiss doctors handed over medicine, and Palestinian prisoners rioted.")
    assert actors["x-swiss-doctors"].country == "CHE" and actors["x-swiss-doctors"].kind == "civilians"
    assert actors["x-palestinian-prisoners"].country == "PSE"


def test_plural_demonym_and_state_it_is_in(actors_pipeline):
    actors = _run(actors_pipeline, "Ghana deported 168 Liberians.")
    assert actors["x-liberians"].country == "LBR"
    actors = _run(actors_pipeline, "Armed rebels blocked the road into Korhogo in the Ivory Coast on Friday.")
    rebels = next(a for a in actors.values() if a.kind == "rebels")
    assert rebels.country == "CIV"


def test_demonym_on_a_thing_mentions_the_state(actors_pipeline):
    """ "an Australian demand" is Australia's; "Iraqi sources" only describes the sources."""
    actors = _run(actors_pipeline, "Chile dismissed an Australian demand, Iraqi sources said.")
    assert [m.text for m in actors["aus"].mentions] == ["Australian"]
    assert "irq" not in actors


def test_person_country_from_title_demonym(actors_pipeline):
    actors = _run(actors_pipeline, "Serbian President Dragan Milovac promised reforms.")
    assert actors["x-dragan-milovac"].country == "SRB"


def test_a_persons_role_is_the_one_held_on_the_article_date(actors_pipeline):
    text = "Barack Obama met the Kenyan ambassador in Chicago."

    def obama(published: str | None):
        doc = actors_pipeline(Document(article=Article(id="t", text=text, published=published)))
        return next(a for a in doc.actors if a.id == "barack-obama")

    assert (obama("1996-05-01").role, obama("1996-05-01").cameo) == ("political figure", "USAELI")
    assert (obama("2012-05-01").role, obama("2012-05-01").cameo) == ("government official", "USAGOV")
    undated = obama(None)
    assert undated.cameo == "USAGOV"  # the latest code when the article's date is unknown
    assert [(r.cameo, r.start, r.end) for r in undated.roles] == [
        ("USAELI", "1978-01-01", "2000-01-01"),
        ("USAGOV", "2009-01-20", None),
    ]


def test_curated_person_keeps_its_role_and_dated_history(actors_pipeline):
    allawi = _run(actors_pipeline, "Iraqi Vice President Ayad Allawi spoke.")["ayad-allawi"]
    assert allawi.role == "Vice President of Iraq"
    assert ("Vice President of Iraq", "2014-09") in [(r.role, r.start) for r in allawi.roles]


# ------------------------------------------------------------------------------------- issue 5: kinds, names, context


def test_kb_igos_and_their_people_are_typed():
    """Every Phoenix IGO code is an IGO; a person coded with one is a person working for that organisation."""
    with gzip.open(DEFAULT_PATH, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    by_id = {r["id"]: r for r in records}
    for r in records:
        if (r.get("cameo") or "").startswith("IGO") and r["source"].startswith("phoenix"):
            assert r["kind"] in ("igo", "person"), r["id"]  # curated forces (MNJTF) may be military
    annan = by_id["kofi-annan"]
    assert annan["kind"] == "person" and annan["affiliation"] == "un"
    assert annan["role"] == "Secretary-General of the United Nations"
    assert by_id["juan-somavia"]["affiliation"] == "ilo"
    assert by_id["ilo"]["kind"] == "igo" and {"ILO", "International Labour Office"} <= set(by_id["ilo"]["aliases"])
    assert by_id["unita"]["country"] == "AGO"  # Phoenix codes it ANGREB
    assert by_id["ronald-reagan"]["country"] == "USA"  # leaders of the 1980s are kept
    assert by_id["us-led-coalition"]["role"] == "multinational" and "country" not in by_id["us-led-coalition"]
    assert not any(a.upper() == "ORGANIZATION" for r in records for a in r["aliases"])


def test_state_as_recipient_and_all_caps_name(actors_pipeline):
    """ "aid to war-ravaged Mozambique" (the NER says ORG) and "a firm reminder to Iraq" name states as recipients;
    "fled to Syria" is a destination, left to the places stage. An all-caps name inside a line is no dateline."""
    actors = _run(actors_pipeline, "Norway pledged more food aid to war-ravaged Mozambique.")
    assert _mentions(actors["moz"]) == ["Mozambique"]
    actors = _run(actors_pipeline, "Jean Marlot issued a firm reminder Monday to Iraq to respect the deal.")
    assert _mentions(actors["irq"]) == ["Iraq"]
    assert "syr" not in _run(actors_pipeline, "Thousands of families fled to Syria.")
    actors = _run(actors_pipeline, "The UNITA armed wing stopped United Nations convoys from crossing the river.")
    assert actors["unita"].kind == "rebels" and actors["unita"].country == "AGO"


def test_title_and_surname_of_a_kb_person(actors_pipeline):
    actors = _run(actors_pipeline, "The Danish cabinet on Monday praised President Reagan's new budget plan.")
    assert _mentions(actors["ronald-reagan"]) == ["Reagan"] and actors["ronald-reagan"].country == "USA"
    actors = _run(actors_pipeline, "Students in Oran marched against President Bouteflika.")
    assert _mentions(actors["abdelaziz-bouteflika"]) == ["Bouteflika"]
    # a bare surname with no title stays unlinked: many people share it
    assert "ronald-reagan" not in _run(actors_pipeline, "Reagan said the weather was fine.")


def test_person_title_names_the_office_and_organisation(actors_pipeline):
    actors = _run(actors_pipeline, "The Arab League's Secretary-General Hamid Zaroual urged calm.")
    zaroual = actors["x-hamid-zaroual"]
    assert zaroual.affiliation == "arab-league" and zaroual.role == "Secretary-General of Arab League"
    actors = _run(actors_pipeline, "Archbishop Samuel Obeng on Sunday asked for an inquiry in Ghana.")
    assert actors["x-samuel-obeng"].role == "Archbishop"
    actors = _run(actors_pipeline, "South African leader Pieter van Wyk arrived.")
    assert next(a for a in actors.values() if a.kind == "person").country == "ZAF"


def test_generic_actors_take_the_unambiguous_country(actors_pipeline):
    """Own words first ("Iraqi police"), then the one country the sentence or paragraph places things in, then the
    article's focus; a sentence naming two countries gives none."""
    actors = _run(actors_pipeline, "Gunmen shot three villagers in Mosul on Sunday.")
    assert actors["x-villagers"].country == "IRQ" and actors["x-gunmen"].country == "IRQ"
    actors = _run(actors_pipeline, "Israeli troops killed three civilians in Gaza.")
    assert actors["x-civilians"].country is None
    actors = _run(actors_pipeline, "Fighting spread in Syria and Iraq.\n\nLocal fighters pushed back the militants.")
    assert actors["x-local-fighters"].country is None
    actors = _run(actors_pipeline, "Human rights groups condemned the raid on the town in Iraq.")
    assert actors["x-human-rights-groups"].country is None and actors["x-human-rights-groups"].kind == "ngo"
    actors = _run(actors_pipeline, _seed_body())
    assert actors["x-civilians"].country == "IRQ"  # "civilian casualties ... war-torn Mosul"
    assert actors["x-local-fighters"].country is None  # the paragraph names Syria and Iraq
    assert actors["us-led-coalition"].country is None and actors["us-led-coalition"].role == "multinational"
