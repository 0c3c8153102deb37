"""The learned event detector: the shipped weights, what it reads in sentences we wrote, and how the events stage
uses it beside the trigger rules (issue 13). Every sentence here is invented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import dateline
from dateline.config import Config
from dateline.events import detector
from dateline.plover import TYPES

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "src" / "dateline" / "data" / "event_detector.npz"
RULES_ONLY = Config(learned_events=False)


@pytest.fixture(scope="module")
def model() -> detector.Detector:
    return detector.Detector.load(MODEL)


def _reading(nlp, model, text: str, word: str) -> detector.Reading:
    doc = nlp(text)
    readings = {r.token: r for r in model.read(doc)}
    token = next(t for t in doc if t.text == word)
    return readings[token.i]


def test_the_weights_ship_small_and_name_every_plover_type(model):
    assert MODEL.stat().st_size < 50_000_000
    assert sorted(model.types) == sorted([*TYPES, detector.NONE])
    assert model.dense_kind in ("none", "tensor")


@pytest.mark.parametrize(
    ("text", "word", "etype"),
    [
        ("Police nabbed two suspects outside a bank in Kano on Friday.", "nabbed", "COERCE"),
        ("Militants shelled the market in Gao, killing four traders.", "shelled", "ASSAULT"),
        ("Thousands of nurses marched on parliament to demand higher pay.", "marched", "PROTEST"),
        ("The foreign ministers held talks in Vienna on Tuesday.", "talks", "CONSULT"),
    ],
)
def test_event_words_are_read_with_their_type(nlp, model, text, word, etype):
    r = _reading(nlp, model, text, word)
    assert (r.type, r.p_event > 0.5) == (etype, True), r


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The storm struck the coast late on Sunday, flooding hundreds of homes.", "struck"),
        ("Shares of the airline plunged after the company fired its chief executive.", "fired"),
        ("Tourists visiting the old town crowded the narrow streets.", "visiting"),
    ],
)
def test_look_alikes_are_read_as_no_event(nlp, model, text, word):
    r = _reading(nlp, model, text, word)
    assert r.type == detector.NONE, r


def test_only_words_known_as_event_words_are_read(nlp, model):
    """The detector reads the lemmas its training labels as an event at least once and the lexicon's: a word never
    seen as one ("innocuous") would cost all its features to be read as none."""
    doc = nlp("The innocuous remark angered the mayor, who attacked the plan in a speech.")
    read = {doc[r.token].text for r in model.read(doc)}
    assert "attacked" in read and "innocuous" not in read


def test_an_act_between_private_persons_reads_as_less_of_an_event(nlp, model):
    """Coding guide 2: an event needs a political or social actor (or lethal violence); the sentence's named
    entities and a coordinated verb's shared subject tell the detector who acts."""
    private = _reading(
        nlp,
        model,
        "A receptionist at the motel called the man's sister and asked her to collect his suitcase.",
        "asked",
    )
    public = _reading(
        nlp, model, "The mayor of Lagos called the governor and asked him to release emergency funds.", "asked"
    )
    assert private.p_event < public.p_event - 0.1


def test_realis_tells_a_promise_from_a_deed(nlp, model):
    done = _reading(nlp, model, "Troops withdrew from the border town on Monday.", "withdrew")
    planned = _reading(nlp, model, "The army will not withdraw from the border town.", "withdraw")
    assert done.p_happened > 0.5 > planned.p_happened


def _events(text: str, config: Config | None = None):
    return [(e.type, e.trigger.text) for e in dateline.extract(text, config=config).events]


def test_the_detector_finds_acts_the_trigger_lexicon_lacks():
    text = "Police nabbed two suspects outside a bank in Kano on Friday."
    assert _events(text, RULES_ONLY) == []
    assert _events(text) == [("COERCE", "nabbed")]


def test_the_detector_drops_a_word_sense_the_rules_take_for_an_act():
    text = "The storm struck the coast of Florida on Monday."
    assert ("ASSAULT", "struck") in _events(text, RULES_ONLY)
    assert _events(text) == []


def test_a_construction_the_lexicon_spells_out_is_not_overruled():
    # "took over" (a particle) and "declared a caliphate" (a required object) are the rules' own evidence
    text = "Islamist fighters took over the town of Tal Afar and declared a caliphate there on Sunday."
    assert {t for t, _ in _events(text)} >= {t for t, _ in _events(text, RULES_ONLY)}


def test_the_corpus_checks_clean():
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "event_corpus.py"), "check"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout[-2000:]
    assert "0 items with errors" in out.stdout


def _training_script():
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_events

    return train_events


# The shipped detector's scores on the corpus's held-out fifth (never trained on), a little below what
# scripts/train_events.py printed when it wrote the weights: a retrained model must not fall under them.
HELD_OUT_FLOORS = {"f1": 0.75, "type accuracy": 0.87, "realis accuracy": 0.89}


def test_the_shipped_detector_holds_its_floor_on_the_held_out_fifth(nlp, model):
    train_events = _training_script()
    items = [i for i in train_events.event_corpus.load() if train_events.heldout(i.id)]
    exs, _ = train_events.examples(items, nlp, model.dense_kind)
    scores = train_events.score(model, exs)
    assert all(scores[k] >= floor for k, floor in HELD_OUT_FLOORS.items()), scores


@pytest.mark.slow
def test_training_rebuilds_the_shipped_weights(tmp_path):
    """scripts/train_events.py is deterministic: the committed weights are what the committed corpus gives."""
    import numpy as np

    out = tmp_path / "detector.npz"
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_events.py"), "--out", str(out)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr[-2000:]
    with np.load(out) as new, np.load(MODEL) as shipped:
        assert sorted(new.files) == sorted(shipped.files)
        for key in shipped.files:
            if shipped[key].dtype.kind in "fc":
                assert np.allclose(new[key], shipped[key], atol=2e-3), key
            else:
                assert (new[key] == shipped[key]).all(), key


def test_a_warning_threatens_only_through_what_it_says():
    # the saying verb is no threat of its own: the threatened act is ("shell"), or nothing is
    assert _events("Aid agencies warned that the food situation in the camps has become desperate.") == []
    text = "The rebels warned that they would shell the airport if the talks failed."
    assert ("THREATEN", "warned") not in _events(text)
    assert ("THREATEN", "shell") in _events(text)
