"""The places stage and the shipped gazetteer: the seed's places and short texts written for these tests."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import dateline
from dateline.kb.gazetteer import Gazetteer, default_path
from dateline.kb.names import normalise

ROOT = Path(__file__).resolve().parent.parent
SHARED_GAZETTEER = ROOT.parent / "shared" / "gazetteer"


def _by_id(result, geonameid):
    matches = [p for p in result.places if p.geonameid == geonameid]
    assert len(matches) == 1, [(p.name, p.geonameid) for p in result.places]
    return matches[0]


def _by_name(result, name):
    matches = [p for p in result.places if p.name == name]
    assert len(matches) == 1, [(p.name, p.geonameid) for p in result.places]
    return matches[0]


@pytest.mark.parametrize(
    ("name", "variant"),
    [
        ("Al Ḩawījah", "Hawija"),
        ("Al Ḩawījah", "al-Hawija"),
        ("Tall ‘Afar", "Tal Afar"),
        ("Tall ‘Afar", "Tel Afar"),
        ("Al Qā’im", "Qaim"),
        ("Al Qā’im", "Al-Qa'im"),
        ("Ar Raqqah", "Raqqa"),
    ],
)
def test_normalise_folds_transliteration_variants(name, variant):
    assert normalise(name) == normalise(variant)


def test_gazetteer_index_has_attribution_and_core_entries():
    gazetteer = Gazetteer()
    assert {e.geonameid for e in gazetteer.lookup("mosul")} >= {99072}
    assert gazetteer.countries["IQ"].geonameid == 99237
    assert gazetteer.lookup("khasfa") == ()
    db = sqlite3.connect(default_path())
    attribution = db.execute("SELECT value FROM meta WHERE key = 'attribution'").fetchone()[0]
    assert "GeoNames" in attribution and "CC BY 4.0" in attribution
    assert (default_path().parent / "GEONAMES-LICENSE.md").is_file()
    assert default_path().stat().st_size < 40_000_000


# --- the seed article -------------------------------------------------------------------------

SEED_PLACES = {
    # geonameid: (name as written, feature code, country, lat, lon)
    98182: ("Baghdad", "PPLC", "IQ", 33.34058, 44.40088),
    99072: ("Mosul", "PPLA", "IQ", 36.335, 43.11889),
    92138: ("Qaim", "PPLA2", "IQ", 34.39251, 40.98945),
    390188: ("Hawija", "PPLA2", "IQ", 35.32592, 43.77267),
    90393: ("Tal Afar", "PPLA2", "IQ", 36.37913, 42.44806),
    172955: ("Raqqa", "PPLA", "SY", 35.95283, 39.00788),
    99237: ("Iraq", "PCLI", "IQ", None, None),
    163843: ("Syria", "PCLI", "SY", None, None),
}


@pytest.mark.parametrize("geonameid", sorted(SEED_PLACES))
def test_seed_places_resolve_to_geonames(seed_result, geonameid):
    written, code, country, lat, lon = SEED_PLACES[geonameid]
    place = _by_id(seed_result, geonameid)
    assert place.resolved and place.feature_code == code and place.country_iso2 == country
    assert written in {m.text for m in place.mentions}
    if lat is not None:
        assert place.lat == pytest.approx(lat, abs=1e-4) and place.lon == pytest.approx(lon, abs=1e-4)
    else:  # countries: a derived point inside the country
        assert place.lat is not None and place.lon is not None
    assert 0 < place.confidence <= 1 and place.reason


def test_seed_tigris_is_the_river(seed_result):
    tigris = _by_name(seed_result, "Tigris")
    assert tigris.resolved and tigris.feature_class == "H" and tigris.feature_code == "STM"
    assert [m.text for m in tigris.mentions] == ["Tigris River"]
    # The id comes from two concordances that agree (see places_curated.tsv); the point is our approximate one.
    assert tigris.geonameid == 96998 and "curated-no-geonameid" not in tigris.reason
    assert tigris.lat == pytest.approx(33.3, abs=1.0) and tigris.lon == pytest.approx(44.4, abs=1.0)


def test_seed_khasfa_is_kept_unresolved(seed_result):
    khasfa = _by_name(seed_result, "Khasfa")
    assert not khasfa.resolved and khasfa.geonameid is None and khasfa.reason == ["no-candidate"]
    assert [m.text for m in khasfa.mentions] == ["Khasfa"]
    assert khasfa.confidence < 0.5


def test_seed_mentions_are_complete_and_exact(seed_result):
    text = seed_result.article.text
    for place in seed_result.places:
        for mention in place.mentions:
            assert text[mention.start : mention.end] == mention.text
    iraq = _by_id(seed_result, 99237)
    assert len(iraq.mentions) == len(re.findall(r"\bIraq\b", text))  # every "Iraq", never "Iraqi"
    assert all(m.text == "Iraq" for m in iraq.mentions)
    mosul = _by_id(seed_result, 99072)
    assert len(mosul.mentions) == len(re.findall(r"\bMosul\b", text))
    names = {p.name for p in seed_result.places}
    assert not names & {"Baghdadi", "Zawahiri", "Allawi", "Mahmoud", "Reuters", "Daesh", "Iraqi"}


def test_seed_dateline_place_gets_its_geonameid(seed_result):
    assert seed_result.article.dateline is not None
    assert seed_result.article.dateline.geonameid == 98182


def test_a_places_country_is_iso3_with_the_geonames_iso2_beside_it(seed_result):
    baghdad = _by_id(seed_result, 98182)
    assert (baghdad.country, baghdad.country_iso2) == ("IRQ", "IQ")
    assert {p.country for p in seed_result.places if p.country} == {"IRQ", "SYR", "USA", "RUS"}


# --- short texts ------------------------------------------------------------------------------


def test_kyiv_and_kiev_are_one_place():
    result = dateline.extract("Russian missiles struck Kyiv on Monday. Officials in Kiev said two people died.")
    kyiv = _by_id(result, 703448)
    assert [m.text for m in kyiv.mentions] == ["Kyiv", "Kiev"]


def test_syrian_cities_and_gaza():
    result = dateline.extract(
        "Shelling hit Gaza overnight. Rebels said the towns of Aleppo and Homs in Syria were also struck."
    )
    assert _by_id(result, 281133).country_iso2 == "PS"  # Gaza city
    assert _by_id(result, 170063).feature_code == "PPLA"  # Aleppo the city, not the governorate
    assert _by_id(result, 169577).feature_code == "PPLA"  # Homs the city
    assert _by_id(result, 163843).name == "Syria"


def test_paris_texas_versus_paris():
    texas = dateline.extract("A tornado damaged homes in Paris, Texas, on Tuesday, the weather service said.")
    paris_tx = _by_id(texas, 4717560)
    assert paris_tx.country_iso2 == "US" and paris_tx.admin1 == "Texas"
    assert any(r.startswith("contained-in:US.TX") for r in paris_tx.reason)
    france = dateline.extract("French President Emmanuel Macron returned to Paris after talks in Berlin.")
    assert _by_id(france, 2988507).country_iso2 == "FR"
    assert _by_id(france, 2950159).country_iso2 == "DE"


def test_springfield_in_a_us_context():
    result = dateline.extract(
        "Police in Springfield said the storm that crossed the United States also hit Missouri and Illinois."
    )
    springfield = _by_name(result, "Springfield")
    assert springfield.country_iso2 == "US" and springfield.resolved
    assert _by_id(result, 6252001).mentions[0].text == "United States"


def test_river_and_province_words_are_stripped():
    result = dateline.extract(
        "Fighters crossed the Euphrates River near Raqqa and moved on Hawija, Kirkuk province, residents said."
    )
    assert _by_name(result, "Euphrates").feature_code == "STM"
    hawija = _by_id(result, 390188)
    assert "contained-in:IQ.13" in hawija.reason


def test_unknown_toponym_after_a_locative_cue_is_unresolved_not_dropped():
    result = dateline.extract("Gunmen attacked a checkpoint near Zzyzxqab on Sunday, police in Baghdad said.")
    unknown = _by_name(result, "Zzyzxqab")
    assert not unknown.resolved and unknown.mentions[0].text == "Zzyzxqab"
    assert _by_id(result, 98182).resolved


@pytest.mark.slow
def test_gazetteer_build_is_reproducible(tmp_path):
    if not (SHARED_GAZETTEER / "cities500.txt.xz").exists():
        pytest.skip(f"GeoNames source files not found in {SHARED_GAZETTEER}")
    out = tmp_path / "gazetteer.sqlite"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build_gazetteer.py"),
            "--shared",
            str(SHARED_GAZETTEER),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert digest == hashlib.sha256(default_path().read_bytes()).hexdigest()


def test_demonyms_are_not_place_mentions():
    result = dateline.extract("Ukrainian officials said a Russian missile struck a hospital in Kharkiv on Wednesday.")
    located = {p.name for p in result.places if p.mentions}
    assert located == {"Kharkiv"}
    assert _by_id(result, 706483).mentions[0].text == "Kharkiv"
    # ... but each demonym is linked to its country, as an actor mention
    assert [m.text for m in _by_id(result, 690791).actor_mentions] == ["Ukrainian"]
    assert [m.text for m in _by_id(result, 2017370).actor_mentions] == ["Russian"]
    assert "demonym" in _by_id(result, 2017370).reason


def test_metonymic_capitals_and_countries_are_actor_mentions():
    result = dateline.extract(
        "Washington said on Monday it would impose sanctions. Baghdad denied the report, and Moscow warned "
        "against escalation. Iraqi forces entered Mosul, and Syrian officials met in Damascus."
    )
    expected = {
        98182: ([], ["Baghdad"]),  # Baghdad denied
        524901: ([], ["Moscow"]),  # Moscow warned
        99237: ([], ["Iraqi"]),  # Iraqi forces
        163843: ([], ["Syrian"]),
        99072: (["Mosul"], []),  # entered Mosul: a location
        170654: (["Damascus"], []),  # met in Damascus
    }
    for geonameid, (mentions, actor_mentions) in expected.items():
        place = _by_id(result, geonameid)
        assert [m.text for m in place.mentions] == mentions, place.name
        assert [m.text for m in place.actor_mentions] == actor_mentions, place.name
    washington = _by_name(result, "Washington")  # an ORG to spaCy, the United States to the actors stage
    assert washington.country_iso2 == "US" and [m.text for m in washington.actor_mentions] == ["Washington"]
    assert not washington.mentions and "metonymic" in washington.reason
    for event in result.events:  # never an event's place
        assert event.place is None or event.place.name not in {"Baghdad", "Moscow", "Washington"}


def test_a_place_as_subject_of_a_non_speech_verb_stays_a_location():
    result = dateline.extract("Baghdad was hit by a sandstorm on Friday, and Mosul lies on the Tigris River.")
    assert [m.text for m in _by_id(result, 98182).mentions] == ["Baghdad"]
    assert [m.text for m in _by_id(result, 99072).mentions] == ["Mosul"]


def test_mention_search_finds_what_the_word_bounded_regex_finds():
    import random

    from dateline.places import _whole_word_occurrences

    rng = random.Random(1)
    alphabet = "ab _-é1.\n’"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        form = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3)))
        expected = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)]
        assert _whole_word_occurrences(text, form) == expected, (text, form)


def test_a_focus_countrys_state_beats_a_foreign_country_of_its_name():
    result = dateline.extract("Storms hit Atlanta and Savannah overnight, and officials across Georgia closed roads.")
    georgia = _by_name(result, "Georgia")
    assert georgia.country_iso2 == "US" and georgia.feature_code == "ADM1"
    assert "division-of-focus" in georgia.reason


def test_a_state_name_means_the_state_not_a_town_named_after_it_elsewhere():
    result = dateline.extract("Wildfires spread across California, firefighters in Sacramento said on Monday.")
    assert _by_name(result, "California").feature_code == "ADM1"


def test_ap_state_abbreviation_is_a_container():
    result = dateline.extract("A tornado struck homes in Springfield, Ill., on Tuesday, the weather service said.")
    springfield = _by_name(result, "Springfield")
    assert springfield.admin1 == "Illinois"
    assert any(r.startswith("contained-in:US.IL") for r in springfield.reason)


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("Flooding closed roads in Scranton, Pa., on Sunday, officials said.", "Scranton", "Pennsylvania"),
        ("The plant in Albany, Ga. will close next year, the company said.", "Albany", "Georgia"),
        ("Voters in Dublin, OH backed the levy on Tuesday.", "Dublin", "Ohio"),
        ("The festival in Lafayette, La., drew thousands.", "Lafayette", "Louisiana"),
    ],
)
def test_state_abbreviations_that_are_also_words_contain_only_after_a_town(text, name, admin1):
    result = dateline.extract(text)
    assert _by_name(result, name).admin1 == admin1
    assert any(p.feature_code == "ADM1" and p.admin1 == admin1 for p in result.places)


def test_short_abbreviations_never_match_foreign_alternate_names():
    gazetteer = Gazetteer()
    from dateline.places._recognise import _lookup

    assert all(e.country != "CN" for e in _lookup(gazetteer, "Pa.")[1])
    result = dateline.extract("Pa. Smith said the weather was fine.")
    assert all(p.country_iso2 != "CN" for p in result.places)


def test_dateline_town_with_its_country_resolves_as_contained():
    text = (
        "BELEDWEYNE, Somalia, March 5 - Gunmen attacked a police post in the town on Tuesday, "
        "a local elder told Horn Wire by telephone."
    )
    result = dateline.extract(text)
    town = _by_name(result, "Beledweyne")
    assert town.country_iso2 == "SO" and "contained-in:SO" in town.reason and "dateline" in town.reason
    assert [m.text for m in town.mentions] == ["BELEDWEYNE"]
    assert result.article.dateline.geonameid == town.geonameid
    assert [m.text for m in _by_name(result, "Somalia").mentions] == ["Somalia"]
    # whom the elder told is an organisation, not an unresolved place
    assert not [p for p in result.places if not p.resolved], [p.name for p in result.places]


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("Firefighters from Tyler and Longview were sent to Paris after the fire.", "Paris", "Texas"),
        ("Crews from Columbus and Hilliard helped in Dublin after the storm.", "Dublin", "Ohio"),
    ],
)
def test_an_ambiguous_town_is_read_near_the_articles_other_places(text, name, admin1):
    place = _by_name(dateline.extract(text), name)
    assert place.country_iso2 == "US" and place.admin1 == admin1
    assert "near-others" in place.reason


def test_a_name_is_no_evidence_for_itself():
    # Dublin, Ohio: the other places are in Ohio; Dublin's own size does not make the story Irish.
    result = dateline.extract("Police in Dublin said the driver fled toward Columbus and was caught in Hilliard, Ohio.")
    dublin = _by_name(result, "Dublin")
    assert dublin.country_iso2 == "US" and dublin.admin1 == "Ohio"


def test_resolve_toponyms_takes_given_spans_and_demonyms(pipeline):
    from dateline import ingest
    from dateline.places import resolve_toponyms

    text = "Sudanese troops moved on Mosul, and Iraqi police in Tal Afar said Blorptown was quiet."
    doc = next(pipeline.process([ingest.from_text(text, config=pipeline.config)]))
    spans = [(m.start(), m.end()) for m in re.finditer(r"Sudanese|Mosul|Tal Afar|Blorptown", text)]
    places = resolve_toponyms(doc, spans, pipeline.resources)
    assert [p.geonameid for p in places[:3]] == [366755, 99072, 90393]
    assert places[0].feature_code == "PCLI"
    assert not places[3].resolved and places[3].mentions[0].text == "Blorptown"


@pytest.mark.parametrize(
    ("text", "precision", "reason"),
    [
        ("Militants attacked a checkpoint in Kirkuk on Monday.", 1, "syntax"),
        ("Gunmen killed five soldiers near Mosul on Sunday, police said.", 2, "syntax;near:near"),
        ("Militants attacked a checkpoint 30 km south of Kirkuk on Monday.", 2, "syntax;near:km south of"),
    ],
)
def test_event_place_precision_follows_acled(text, precision, reason):
    event = dateline.extract(text).events[0]
    assert (event.place.precision, event.place.reason) == (precision, reason)


# A tiny GeoNames extract in the published format (19 tab-separated columns), for `gazetteer build`.
_TINY_ROWS = [
    # geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, admin1, population
    (99072, "Mosul", "Mosul", "Al Mawsil,Al-Mawsil,Mossul", 36.335, 43.11889, "P", "PPLA", "IQ", "15", 1739800),
    (98182, "Baghdad", "Baghdad", "Bagdad,Baghdad", 33.34058, 44.40088, "P", "PPLC", "IQ", "07", 7216000),
    (96998, "Tigris", "Tigris", "Dijlah,Nahr Dijlah,Tigre", 31.0, 47.44, "H", "STM", "IQ", "00", 0),
    (99237, "Republic of Iraq", "Republic of Iraq", "Iraq,Irak", 33.0, 44.0, "A", "PCLI", "IQ", "00", 38433600),
]


def write_tiny_geonames(folder: Path) -> list[Path]:
    """A geoname-rows file (zipped, as GeoNames publishes per-country files), an admin1 file and countryInfo."""
    import zipfile

    tail = ("", 0, "Asia/Baghdad", "2024-01-01")  # elevation, dem, timezone, modification date
    rows = "".join(
        "\t".join(map(str, (gid, name, ascii_, alts, lat, lon, fc, code, cc, "", a1, "", "", "", pop, *tail))) + "\n"
        for gid, name, ascii_, alts, lat, lon, fc, code, cc, a1, pop in _TINY_ROWS
    )
    archive = folder / "IQ.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("IQ.txt", rows)
        zf.writestr("readme.txt", "GeoNames readme\n")
    admin1 = folder / "admin1CodesASCII.txt"
    admin1.write_text("IQ.15\tNineveh\tNineveh\t99033\nIQ.07\tBaghdad\tBaghdad\t98180\n", encoding="utf-8")
    info = folder / "countryInfo.txt"
    info.write_text(
        "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea(in sq km)\tPopulation\tContinent\ttld\tCurrencyCode\t"
        "CurrencyName\tPhone\tPostal Code Format\tPostal Code Regex\tLanguages\tgeonameid\tneighbours\t"
        "EquivalentFipsCode\n"
        "IQ\tIRQ\t368\tIZ\tIraq\tBaghdad\t437072\t38433600\tAS\t.iq\tIQD\tDinar\t964\t#####\t^(\\d{5})$\tar-IQ,ku,hy\t"
        "99237\tSY,SA,IR,JO,TR,KW\t\n",
        encoding="utf-8",
    )
    return [archive, admin1, info]


def test_gazetteer_build_from_geonames_files(tmp_path):
    from dateline.config import Config
    from dateline.core import get_pipeline
    from dateline.kb.build_gazetteer import build_gazetteer, default_curated

    out = tmp_path / "mine.sqlite"
    counts = build_gazetteer(write_tiny_geonames(tmp_path), out, default_curated())
    assert counts["geonames"] == 4 and counts["populated"] == 2 and counts["countries"] == 1
    gazetteer = Gazetteer(out)
    tigris = [e for e in gazetteer.lookup(normalise("Tigris")) if e.feature_code == "STM"]
    # The dump's river row takes the curated names (River Tigris) and gives its own point: one entry.
    assert [(e.geonameid, e.lat, e.lon) for e in tigris] == [(96998, 31.0, 47.44)]
    assert {e.id for e in gazetteer.lookup(normalise("River Tigris"))} == {96998}
    iraq = gazetteer.countries["IQ"]  # countryInfo's country, at its own geoname row's point
    assert (iraq.geonameid, iraq.name, iraq.country_iso3, iraq.lat, iraq.lon) == (99237, "Iraq", "IRQ", 33.0, 44.0)

    pipeline = get_pipeline(Config(gazetteer_path=str(out)))
    doc = dateline.extract(
        "Iraqi forces crossed the Tigris River in Mosul on Tuesday, officials said.",
        config=pipeline.config,
    )
    by_id = {p.geonameid: p for p in doc.places}
    assert by_id[96998].name == "Tigris" and by_id[96998].feature_class == "H"
    assert by_id[99072].name == "Mosul"


def test_gazetteer_build_rejects_unknown_files(tmp_path):
    from dateline.errors import DatelineError
    from dateline.kb.build_gazetteer import build_gazetteer

    odd = tmp_path / "notes.txt"
    odd.write_text("not\ta\tgeonames\tfile\n", encoding="utf-8")
    with pytest.raises(DatelineError, match="not a GeoNames file"):
        build_gazetteer([odd], tmp_path / "out.sqlite")


def test_gazetteer_build_reads_alternate_names_v2(tmp_path):
    """alternateNamesV2 (zipped with iso-languagecodes.txt, as GeoNames publishes it) adds names to known entries."""
    import zipfile

    from dateline.kb.build_gazetteer import build_gazetteer

    rows = [
        # alternateNameId, geonameid, isolanguage, name, isPreferred, isShort, isColloquial, isHistoric, from, to
        (1, 98182, "en", "Baghdad City", "", "", "", "", "", ""),
        (2, 98182, "", "Madinat as Salam", "", "", "", "1", "", ""),  # historic: kept
        (3, 98182, "en", "The Big Date", "", "", "1", "", "", ""),  # colloquial: left out
        (4, 98182, "link", "https://en.wikipedia.org/wiki/Baghdad", "", "", "", "", "", ""),
        (5, 98182, "iata", "BGW", "", "", "", "", "", ""),
        (6, 98182, "ar", "بغداد", "", "", "", "", "", ""),  # not Latin script
        (7, 96998, "en", "Tigris River", "1", "", "", "", "", ""),  # English preferred: a curated-rank alias
        (8, 12345678, "en", "Nowhere Town", "", "", "", "", "", ""),  # not in the geoname rows
    ]
    archive = tmp_path / "alternateNamesV2.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("alternateNamesV2.txt", "".join("\t".join(map(str, r)) + "\n" for r in rows))
        zf.writestr("iso-languagecodes.txt", "ISO 639-3\tISO 639-2\tISO 639-1\tLanguage Name\nara\tara\tar\tArabic\n")
    out = tmp_path / "alt.sqlite"
    counts = build_gazetteer([*write_tiny_geonames(tmp_path), archive], out)
    assert counts["alternate_names"] == 3
    gazetteer = Gazetteer(out)
    assert [e.geonameid for e in gazetteer.lookup(normalise("Baghdad City"))] == [98182]
    assert [e.geonameid for e in gazetteer.lookup(normalise("Madinat as Salam"))] == [98182]
    assert gazetteer.lookup(normalise("The Big Date")) == ()
    assert gazetteer.lookup(normalise("BGW")) == ()
    assert gazetteer.lookup(normalise("Nowhere Town")) == ()
    assert [e.kind for e in gazetteer.lookup(normalise("Tigris River"))] == [2]  # KIND_CURATED
    assert gazetteer.lookup(normalise("Baghdad City"))[0].kind == 3  # KIND_ALTERNATE


def test_fuzzy_fallback_for_transliteration_variants():
    gazetteer = Gazetteer()
    near, entries = gazetteer.fuzzy(normalise("Huwija"))  # one edit from Hawija (6 letters: 1 edit allowed)
    assert near == "hawija" and 390188 in {e.geonameid for e in entries}
    assert all(e.kind == 3 for e in entries)  # ranked as alternate-name matches
    assert gazetteer.fuzzy(normalise("Mosull")) == ("", ())  # "mosul" is under 6 letters: never fuzzy
    assert gazetteer.fuzzy(normalise("Hickson"))[0] != "dixon"  # a variant keeps its initials
    result = dateline.extract("Troops entered Fallujja on Sunday, officials in Baghdad said.")
    fallujah = _by_id(result, 99454)
    assert [m.text for m in fallujah.mentions] == ["Fallujja"]
    assert "fuzzy" in fallujah.reason and fallujah.confidence <= 0.6
    demonym = dateline.extract("Syrian officials met on Monday.")  # not a misspelt Syriam (Myanmar)
    assert all(p.country_iso2 != "MM" for p in demonym.places)


def test_a_spelling_variant_is_a_place_of_the_countries_the_article_covers():
    # an invented village: one edit from a Japanese prefecture, in a sentence about Nigeria
    result = dateline.extract("Gunmen attacked a checkpoint near Kadawa in Zamfara state, Nigeria, on Tuesday.")
    assert all(p.country != "JPN" for p in result.places)
    kadawa = _by_name(result, "Kadawa")
    assert kadawa.geonameid is None and "fuzzy-elsewhere" in kadawa.reason
    # a variant inside the covered country still resolves
    assert _by_id(dateline.extract("Troops entered Fallujja on Sunday, officials in Baghdad said."), 99454)


def test_a_state_with_a_town_of_its_state_nearby_beats_the_country_of_its_name():
    result = dateline.extract("The mayor of Albany said the storm hit Georgia hard on Monday.")
    georgia = _by_name(result, "Georgia")
    assert (georgia.country, georgia.country_iso2, georgia.feature_code) == ("USA", "US", "ADM1")
    assert _by_name(result, "Albany").admin1_code == "US.GA"


def test_divisions_carry_the_population_of_their_towns():
    gazetteer = Gazetteer()
    state = next(e for e in gazetteer.lookup("georgia") if e.feature_code == "ADM1")
    assert state.population > 1_000_000


def test_a_demonym_is_evidence_for_its_country():
    result = dateline.extract("The French President met officials in Paris on Monday.")
    paris = _by_name(result, "Paris")
    assert paris.country_iso2 == "FR"
    assert any(r.startswith("country-focus:FR") for r in paris.reason)


def test_an_adjective_of_belonging_before_a_place_is_no_toponym():
    result = dateline.extract("A car bomb exploded in Sunni west Baghdad on Friday, wounding four people.")
    assert [p.name for p in result.places] == ["Baghdad"]


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Heavy rain fell across Congo this week.", "Democratic Republic of the Congo", "PCLI"),
        ("Aid reached refugees in Dadaab on Monday.", "Dadaab", "CMP"),
        ("Fishing boats were seized off Sumatra.", "Sumatra", "ISL"),
        ("Migrants crossed the Aegean Sea to Lesbos.", "Aegean Sea", "SEA"),
        ("He flew to Khatmandu on Monday.", "Kathmandu", "PPLC"),
    ],
)
def test_curated_features_and_country_names_resolve(text, name, code):
    assert _by_name(dateline.extract(text), name).feature_code == code


def test_an_outlets_country_code_domain_is_evidence_for_its_country():
    text = "Council members met in London on Monday to discuss the airport budget."
    canadian = dateline.extract(text, url="http://lfpress.ca/news/local/2009/03/28/story.html")
    london = _by_name(canadian, "London")
    assert london.country_iso2 == "CA" and london.admin1 == "Ontario"
    assert [p.name for p in canadian.places] == ["London"]  # the domain is evidence, no place mention
    generic = dateline.extract(text, url="https://example.com/story")
    assert _by_name(generic, "London").country_iso2 == "GB"


def test_an_organisation_acronym_is_no_place():
    result = dateline.extract("EU ministers met in Brussels. The EU said aid would reach Gaza.")
    assert all(p.name != "Eu" for p in result.places)
    assert _by_name(result, "Brussels").country_iso2 == "BE"


def test_part_of_a_persons_name_is_never_a_place():
    # "Donald" is a town in Australia; here it is part of a man's name, after a locative "at"
    result = dateline.extract("The rising violence at Donald Trump's rallies worried the police in Chicago.")
    names = {p.name for p in result.places}
    assert "Donald" not in names and "Chicago" in names


def test_a_name_that_goes_on_as_a_street_is_no_mention_of_the_place():
    result = dateline.extract(
        "Officers arrested a man near Seventh Street and Central Avenue. Shops on Jaffa Road in Haifa shut."
    )
    assert all(m.text not in ("Central", "Jaffa") for p in result.places for m in p.mentions)
    assert any(p.name == "Haifa" for p in result.places)  # a place named on its own still is one
