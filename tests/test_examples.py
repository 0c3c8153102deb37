"""The bundled example articles through the whole pipeline: the facts a reader checks first, pinned per article.

Each article has one small dict of expectations: title, dateline, key actors (id -> kind), key places
(GeoNames ids), key events (type, trigger, mode, source/target actor ids, factuality, attribution speaker)
and events that must not appear. Only facts that are right are pinned; an event is found by its type and
trigger text, and only the fields its expectation names are compared (one of the events with that trigger must match).
"""

from __future__ import annotations

import pytest
from conftest import EXAMPLES

EXPECTED: dict[str, dict] = {
    "seed-iraq-is-alqaeda-talks.txt": {
        "title": "IS in talks with Al Qaeda: Iraqi Vive President Ayad Allawi",
        "dateline": ("Baghdad", "--04-18"),
        "actors": {
            "islamic-state": "terrorist-group",
            "al-qaeda": "terrorist-group",
            "ayad-allawi": "person",
            "abu-bakr-al-baghdadi": "person",
            "ayman-al-zawahiri": "person",
            "us-led-coalition": "military",
            "daily-telegraph": "media",
            "reuters": "media",
        },
        "not_actors": {"x-caliphate"},  # "declared a Caliphate": the thing declared
        "places": {98182, 99072, 163843, 172955},  # Baghdad, Mosul, Syria, Raqqa
        "events": [
            {
                "type": "CONSULT",
                "trigger": "talks",
                "source": ["islamic-state"],
                "target": ["al-qaeda"],
                "factuality": "hedged",
                "speaker": "ayad-allawi",
                "medium": "Reuters",  # the interview's medium, named in the next paragraph
            },
            {"type": "RETREAT", "trigger": "pushed out", "mode": "withdraw", "source": ["islamic-state"]},
            {
                "type": "ASSAULT",
                "trigger": "shelling",
                "mode": "heavy-weapons",
                "source": ["us-led-coalition"],
                "factuality": "reported",
                "speaker": "ayad-allawi",
            },
            {
                "type": "ASSAULT",
                "trigger": "shot",
                "mode": "targeted",
                "source": ["islamic-state"],
                "place": "Khasfa",
                "factuality": "reported",
                "speaker": "x-mahmoud",
                "medium": "The Daily Telegraph",
            },
            {"type": "COERCE", "trigger": "declared", "mode": "seize", "source": ["islamic-state"], "date": "2014"},
            {"type": "COERCE", "trigger": "gains", "mode": "seize", "source": ["islamic-state"], "date": "2014"},
            {
                "type": "ASSAULT",
                "trigger": "push back",
                "mode": "aerial",
                "source": ["x-local-fighters"],
                "target": ["x-militants"],
            },
        ],
        # "discussions between messengers representing Baghdadi and Zawahiri" repeats the talks
        "absent": [("CONSULT", "discussions")],
        "not_placed": {"push back": "Russia"},  # "air support from Russia": the supporter, not the place
    },
    "sudan-protest-teargas.txt": {
        "title": "Police fire tear gas at Khartoum protesters",
        "dateline": ("KHARTOUM", "2024-03-03"),
        "actors": {
            "sdn-police": "police",
            "x-protesters": "civilians",
            "sdn-government": "government",  # "the interior ministry", in an article about Sudan
            "x-sudan-doctors-committee": "organization",
        },
        "places": {379252, 365137},  # Khartoum, Omdurman
        "events": [
            {
                "type": "ASSAULT",
                "trigger": "fired",
                "mode": "crowd-control",
                "source": ["sdn-police"],
                "target": ["x-protesters"],  # the "at"-object; tear gas is the instrument
                "factuality": "reported",
                "date": "2024-03-03",
            },
            {"type": "PROTEST", "trigger": "marched", "mode": "demo", "source": ["x-protesters"]},
            {
                "type": "COERCE",
                "trigger": "arrested",
                "mode": "arrest",
                "source": ["sdn-police"],
                "speaker": "x-sudan-doctors-committee",
            },
        ],
    },
    "ankara-ministers-talks.html": {
        "title": "Turkish and Iraqi ministers hold talks on water and security",
        "dateline": ("ANKARA", "2024-04-22"),
        "actors": {
            "tur-government": "government",
            "irq-government": "government",
            "pkk": "rebels",
            "x-kemal-aydin": "person",
            "x-salim-jabbar": "person",
        },
        "places": {323786, 98182},  # Ankara, Baghdad
        "events": [
            {
                "type": "CONSULT",
                "trigger": "met",
                "source": ["tur-government"],  # "the foreign ministers of Turkey and Iraq"
                "target": ["irq-government"],  # "to discuss water sharing" is a topic, not a target
                "place": "Ankara",
                "date": "2024-04-22",
                "factuality": "reported",
            },
            {
                "type": "AGREE",
                "trigger": "agreed",
                "source": ["tur-government"],  # "the two governments"
                "target": ["irq-government"],
                "speaker": "x-kemal-aydin",
            },
            # "Baghdad was ready to cooperate": a future cooperative act is AGREE (PLOVER's AGREE definition)
            {"type": "AGREE", "trigger": "cooperate", "source": ["irq"], "factuality": "future"},
            {
                "type": "REQUEST",
                "trigger": "urged",
                "source": ["x-salim-jabbar"],  # "Jabbar said ... but urged Turkey": his own act
                "target": ["tur"],
            },
            {"type": "REQUEST", "trigger": "called on", "source": ["x-salim-jabbar"], "target": ["tur"]},
            {
                "type": "CONSULT",
                "trigger": "visit",
                "mode": "visit",
                "source": ["tur-government"],
                "factuality": "future",
            },
        ],
        "absent": [("RETREAT", "release")],  # "release more water": only people are released
    },
    "mali-army-post-attack.txt": {
        "title": "Gunmen kill soldiers in attack on army post in central Mali",
        "dateline": ("BAMAKO", "2023-08-14"),
        "actors": {"mli-military": "military", "jnim": "terrorist-group", "x-gunmen": "rebels"},
        "places": {2460596, 2453348, 2453866},  # Bamako, Mopti, Mali
        "events": [
            {
                "type": "ASSAULT",
                "trigger": "killed",
                "source": ["x-gunmen"],
                "target": ["mli-military"],
                "place": "Mopti",
                "date": "2023-08-14",
                "speaker": "mli-military",
                "factuality": "reported",
            },
            {
                "type": "ASSAULT",
                "trigger": "opened fire",
                "mode": "firearms",
                "source": ["x-gunmen"],  # "the attackers"
                "speaker": "x-souleymane-dembele",
            },
        ],
        "absent": [("ASSAULT", "attack")],  # "killed ... in an attack": one event
        "also": [
            # "Several attackers were killed when soldiers fought back"
            {"type": "ASSAULT", "source": ["mli-military"], "target": ["x-gunmen"], "speaker": "x-souleymane-dembele"}
        ],
    },
    "kharkiv-denial.txt": {
        "title": "Russia denies striking Kharkiv hospital",
        "dateline": ("KYIV", "2025-01-09"),
        "actors": {
            "rus-military": "military",
            "rus-government": "government",
            "ukr-government": "government",
            "un": "igo",
        },
        "places": {703448, 706483},  # Kyiv, Kharkiv
        "events": [
            {
                "type": "ASSAULT",
                "trigger": "struck",
                "mode": "heavy-weapons",
                "source": ["rus-military"],  # "a Russian missile"
                "place": "Kharkiv",
                "date": "2025-01-08",
                "factuality": "reported",
                "speaker": "ukr-government",
            },
            {"type": "REJECT", "trigger": "denied", "source": ["rus-government"]},
            {
                "type": "ASSAULT",
                "trigger": "attacked",
                "source": ["rus-military"],  # "its forces"
                "factuality": "negated",
                "speaker": "rus-government",
            },
            {"type": "ACCUSE", "trigger": "accused", "mode": "allege", "source": ["ukr-government"], "target": ["rus"]},
            {"type": "REQUEST", "trigger": "called on", "source": ["ukr-government"], "target": ["un"]},
            # asked of the UN, not done: hypothetical (coding guide 6)
            {"type": "ACCUSE", "trigger": "investigate", "source": ["un"], "factuality": "hypothetical"},
        ],
    },
    "ministry-retraction.txt": {
        "title": "Health ministry retracts report of deaths at Gaza aid site",
        "dateline": ("GAZA", "2024-06-02"),
        "actors": {"isr-military": "military", "x-gaza-health-ministry": "government"},
        "places": {281133, 281102},  # Gaza, Rafah
        "events": [
            {"type": "ASSAULT", "trigger": "killed", "factuality": "negated", "place": "Rafaḩ"},
            {
                "type": "ACCUSE",
                "trigger": "blamed",
                "source": ["x-gaza-health-ministry"],  # "an earlier statement" of the ministry
                "target": ["isr-military"],
            },
            {"type": "ASSAULT", "trigger": "opening fire", "mode": "firearms", "source": ["isr-military"]},
            {
                "type": "ASSAULT",
                "trigger": "fired at",
                "source": ["isr-military"],
                "target": ["x-civilians"],
                "factuality": "negated",
                "speaker": "isr-military",
            },
        ],
    },
    "yemen-threat.txt": {
        "title": "Houthis threaten to attack ships in the Red Sea",
        "dateline": ("SANAA", "2023-11-20"),
        "actors": {"houthis": "rebels", "usa": "state", "usa-military": "military"},
        "places": {71137, 69543},  # Sanaa, Yemen
        "events": [
            {
                "type": "THREATEN",
                "trigger": "threatened",
                "mode": "violence",
                "source": ["houthis"],  # "Yemen's Houthi rebels": the head noun phrase, not the possessor
                "speaker": "houthis",  # "a spokesman for the group"
            },
            {"type": "ASSAULT", "trigger": "attack", "source": ["houthis"], "factuality": "future"},
            {
                "type": "THREATEN",  # "our forces will target every vessel": an attack announced is a threat
                "trigger": "target",
                "mode": "violence",
                "source": ["houthis"],  # "our forces" in the Houthi spokesman's words
                "factuality": "reported",  # the threat was made; the targeting is its conditional content
                "speaker": "x-abdullah-qasim",
            },
            {"type": "ASSAULT", "trigger": "attacked", "source": [], "factuality": "hypothetical"},
        ],
    },
    "corpus.jsonl#1": {
        "title": "UN food convoy reaches northern Gaza",
        "dateline": ("GAZA", "2024-02-11"),
        "actors": {"wfp": "igo", "isr-government": "government", "un": "igo"},
        "places": {281133, 281129},  # Gaza, Jabalia
        "events": [
            {"type": "AID", "trigger": "delivered", "source": ["wfp"], "place": "Jabālyā", "speaker": "un"},
            {"type": "REJECT", "trigger": "denied", "source": ["isr-government"], "speaker": "wfp"},
            {
                "type": "REQUEST",
                "trigger": "urged",
                "source": ["wfp"],  # coordinated with "said", not with "denied"
                "factuality": "asserted",  # the denial does not reach its sibling conjunct
            },
        ],
    },
    "corpus.jsonl#2": {
        "title": "EU imposes new sanctions on Belarus",
        "dateline": ("BRUSSELS", "2024-06-24"),
        "actors": {"eu": "igo", "blr": "state", "blr-government": "government"},
        "places": {2800866, 630336, 625144},  # Brussels, Belarus, Minsk
        "events": [
            {
                "type": "SANCTION",
                "trigger": "sanctions",
                "mode": "discontinue",
                "source": ["eu"],
                "target": ["blr"],
                "place": "BRUSSELS",  # "sanctions on Belarus": the target, not the place
                "factuality": "reported",
            },
            {"type": "ACCUSE", "trigger": "accused", "target": ["blr-government"]},
            {"type": "REJECT", "trigger": "rejected", "source": ["blr-government"]},
        ],
        "absent": [("COERCE", "banning")],  # "banning exports" is part of the sanctions
    },
    "beledweyne-two-reports.jsonl#1": {
        "title": "Al-Shabaab fighters storm army base in Beledweyne",
        "dateline": ("BELEDWEYNE, Somalia", "2024-03-05"),
        "actors": {"al-shabaab": "terrorist-group", "som-military": "military"},
        "places": {64460, 51537},  # Beledweyne, Somalia
        "events": [
            {
                "type": "ASSAULT",
                "trigger": "stormed",
                "source": ["al-shabaab"],
                "target": ["som-military"],
                "place": "Beledweyne",
                "date": "2024-03-04",  # "on Monday", the day before publication
            },
        ],
    },
    "beledweyne-two-reports.jsonl#2": {
        "title": "Soldiers killed as militants attack Beledweyne base",
        "dateline": ("MOGADISHU", "2024-03-06"),
        "actors": {"al-shabaab": "terrorist-group", "som-military": "military"},
        "places": {64460, 53654},  # Beledweyne, Mogadishu
        "events": [
            {
                "type": "ASSAULT",
                "trigger": "attacked",
                "source": ["al-shabaab"],  # "militants from al-Shabaab"
                "target": ["som-military"],
                "place": "Beledweyne",
                "date": "2024-03-04",
            },
        ],
    },
}


@pytest.fixture(scope="module")
def results():
    import dateline

    out = {}
    for result in dateline.extract_all([EXAMPLES]):
        source = (result.article.source or "").replace("\\", "/").rsplit("/", 1)[-1]
        out[source] = result
    return out


def _actors(participants) -> list[str | None]:
    return [p.actor for p in participants]


def _check(ev, exp: dict) -> None:
    where = f"{exp['type']} {exp.get('trigger')!r}"
    if "mode" in exp:
        assert ev.mode == exp["mode"], where
    if "source" in exp:
        assert [a for a in _actors(ev.source) if a] == exp["source"], (where, _actors(ev.source))
    if "target" in exp:
        assert [a for a in _actors(ev.target) if a] == exp["target"], (where, _actors(ev.target))
    if "factuality" in exp:
        assert ev.factuality == exp["factuality"], (where, ev.factuality)
    if "speaker" in exp:
        assert ev.attribution.speaker == exp["speaker"], (where, ev.attribution.speaker)
    if "medium" in exp:
        assert ev.attribution.medium == exp["medium"], where
    if "place" in exp:
        assert ev.place is not None and ev.place.name == exp["place"], (where, ev.place)
    if "date" in exp:
        assert ev.date is not None and ev.date.value == exp["date"], (where, ev.date)


def test_every_example_is_pinned(results):
    assert set(results) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example(results, name):
    exp = EXPECTED[name]
    result = results[name]
    article = result.article
    assert article.title == exp["title"]
    place, date = exp["dateline"]
    assert article.dateline is not None and article.dateline.place.text == place
    assert article.dateline.date_value == date

    kinds = {a.id: a.kind for a in result.actors}
    for actor_id, kind in exp["actors"].items():
        assert kinds.get(actor_id) == kind, (actor_id, kinds.get(actor_id))
    assert not exp.get("not_actors", set()) & set(kinds)
    assert exp["places"] <= {p.geonameid for p in result.places}

    for ev_exp in exp["events"]:
        found = [e for e in result.events if e.type == ev_exp["type"] and e.trigger.text == ev_exp["trigger"]]
        assert found, (ev_exp["type"], ev_exp["trigger"], [(e.type, e.trigger.text) for e in result.events])
        if not any(_matches(e, ev_exp) for e in found):
            _check(found[0], ev_exp)  # fails, naming the first field that differs
    for ev_exp in exp.get("also", []):
        assert any(_matches(e, ev_exp) for e in result.events), ev_exp
    for type_, trigger in exp.get("absent", []):
        assert not [e for e in result.events if e.type == type_ and e.trigger.text == trigger], (type_, trigger)
    for trigger, place in exp.get("not_placed", {}).items():
        for e in result.events:
            if e.trigger.text == trigger:
                assert e.place is None or e.place.name != place, (trigger, place)

    text = article.text
    for e in result.events:
        for span in (e.trigger, e.evidence, e.factuality_cue, *(p.span for p in e.source + e.target)):
            if span is not None:
                assert text[span.start : span.end] == span.text


def _matches(ev, exp: dict) -> bool:
    try:
        if ev.type != exp["type"]:
            return False
        _check(ev, exp)
    except AssertionError:
        return False
    return True
