"""Rules and the learned detector together: the detector judges the rules' candidates and proposes the event words
the trigger lexicon does not know; the rules keep supplying arguments, spans and evidence.

For each word the detector reads (``detector.Detector.read``):

- a rule candidate the detector calls no event (P(event) below ``DROP``) is dropped when its lexicon row matched
  the word alone: a word sense, a light verb, a generic statement ("the storm struck", "police arrest drunk drivers
  every weekend"); a construction the lexicon spells out ("took over", "declared a caliphate") stays;
- a rule candidate whose type the detector reads otherwise keeps the rule's type (the rules also recode by mode
  and tense: a promise of aid is AGREE) and its confidence drops (``DISAGREE``), its reasons saying which type the
  model read;
- a word the detector reads as an event (P(event) at least ``PROPOSE``) that no rule matched becomes a candidate
  of the detector's type, with a lexicon row made for it; the rules then find its source and target;
- a candidate whose parties the text leaves unnamed ("Revenge killings left 20 dead", "No arrests have been made",
  "talks resumed") stays an event only when the detector reads its word as one at ``PROPOSE`` or above
  (``stands_alone``): an incident is coded whoever did it (ACLED's "unidentified armed group"), but a bare event
  word without the detector's confidence is too often a topic, a kind or a purpose ("a raid is a combat
  operation", "recalled its ambassador for consultations").
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ._triggers_table import Trigger
from .detector import NONE, Reading

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ._actors import Candidate

# Chosen on the tuning parts of the article gold and the PLOVER dev records (eval/articles.py, eval/events.py).
DROP = 0.15
PROPOSE = 0.8
DISAGREE = 0.8
# Types whose second party is met with "with" or "between" ("talks with Iran"): a proposed row is symmetric.
_SYMMETRIC = frozenset(["CONSULT", "COOPERATE", "AGREE"])


def judge(cand: Candidate, reading: Reading | None) -> Candidate | None:
    """A rule candidate as the detector's reading of its word leaves it: kept, weakened or dropped."""
    if reading is None:
        return cand
    cand.p_event = reading.p_event
    if reading.p_event < DROP and _bare(cand.row):
        return None
    if reading.type in (NONE, cand.row.type):
        cand.reasons.append(f"model:{cand.row.type}:{reading.p_event:.2f}")
        return cand
    cand.reasons.append(f"model-disagrees:{reading.type}:{reading.p_type:.2f}")
    cand.row = replace(cand.row, strength=round(cand.row.strength * DISAGREE, 3))
    return cand


def stands_alone(cand: Candidate) -> bool:
    """Whether a candidate with no source and no target is still an event: the detector reads its word as one."""
    return cand.p_event is not None and cand.p_event >= PROPOSE


def _bare(row: Trigger) -> bool:
    """A row that matches the word alone, with no construction around it: a construction the lexicon spells out
    (a particle, a required object, a support verb: "took over", "declared a caliphate", "made gains") is the
    rules' own evidence, which the detector does not overrule."""
    return row.particle is None and row.objects is None and not row.needs_support


def proposed_row(token: Token, reading: Reading) -> Trigger | None:
    """The lexicon row the detector's reading makes for a word no rule matched, or None when it reads no event."""
    if reading.type == NONE or reading.p_event < PROPOSE:
        return None
    pos = "V" if token.pos_ in ("VERB", "AUX") else "N"
    return Trigger(
        token.lemma_.lower(),
        pos,
        reading.type,
        None,
        round(0.9 * reading.p_type, 3),
        symmetric=reading.type in _SYMMETRIC,
    )
