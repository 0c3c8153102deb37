"""The PLOVER ontology as dateline codes it: event types, the modes of each type, type groups, CAMEO codes.

The one place these live: the data model validates ``Event.mode`` against :data:`MODES`, the events stage's
trigger rows use these names, later stages read the groups, and the exports map types through them. Names
follow the PLOVER codebook (openeventdata/PLOVER, CC BY-SA 4.0); the groups and the CAMEO map are our reading
of it.
"""

from __future__ import annotations

from typing import Literal, get_args

EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
TYPES: tuple[str, ...] = get_args(EventType)

# The modes the codebook gives each type (current PLOVER names). A type not listed has no modes.
MODES: dict[str, frozenset[str]] = {
    "CONSULT": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "RETREAT": frozenset({"withdraw", "release", "disarm", "ceasefire", "access", "resign"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "THREATEN": frozenset({"restrict", "arrest", "relations", "expel", "territory", "violence"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset(
        {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold", "misinformation"}
        | {"cyber"}
    ),
    "ASSAULT": frozenset(
        {
            "abduct",
            "beat",
            "torture",
            "sexual",
            "targeted",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "aerial",
            "drone",
            "heavy-weapons",
            "crowd-control",
            "unconventional",
        }
    ),
}

# Speech acts: events that are themselves something a speaker does by speaking ("said ... and urged").
SPEECH_ACT_TYPES = frozenset(["REQUEST", "ACCUSE", "REJECT", "THREATEN"])
# Event types that happen to something at a place; for the others a toponym inside an argument ("the government
# in Minsk", "sanctions on Belarus") is not where the event happened.
MATERIAL_TYPES = frozenset(["ASSAULT", "COERCE", "PROTEST", "AID", "MOBILIZE", "RETREAT"])


def valid_mode(event_type: str, mode: str | None) -> bool:
    """Whether ``mode`` is one of the type's PLOVER modes (no mode is always valid)."""
    return mode is None or mode in MODES.get(event_type, ())


# CAMEO code per (type, mode): the generic code of the nearest CAMEO category, used when a row has none.
CAMEO: dict[tuple[str, str | None], str] = {
    ("AGREE", None): "030",
    ("CONSULT", None): "040",
    ("CONSULT", "phone"): "041",
    ("CONSULT", "visit"): "042",
    ("CONSULT", "third-party"): "044",
    ("SUPPORT", None): "050",
    ("COOPERATE", None): "060",
    ("AID", None): "070",
    ("CONCEDE", None): "080",
    ("RETREAT", None): "084",
    ("RETREAT", "release"): "0841",
    ("RETREAT", "withdraw"): "0872",
    ("RETREAT", "disarm"): "0874",
    ("RETREAT", "ceasefire"): "0871",
    ("RETREAT", "access"): "086",
    ("RETREAT", "resign"): "084",
    ("REQUEST", None): "100",
    ("ACCUSE", None): "110",
    ("ACCUSE", "disapprove"): "111",
    ("ACCUSE", "allege"): "112",
    ("ACCUSE", "investigate"): "090",
    ("REJECT", None): "120",
    ("THREATEN", None): "130",
    ("PROTEST", None): "140",
    ("PROTEST", "demo"): "141",
    ("PROTEST", "hunger"): "142",
    ("PROTEST", "strike"): "143",
    ("PROTEST", "boycott"): "143",
    ("PROTEST", "obstruct"): "144",
    ("PROTEST", "riot"): "145",
    ("SANCTION", None): "160",
    ("SANCTION", "discontinue"): "160",
    ("SANCTION", "withdraw"): "161",
    ("SANCTION", "expel"): "166",
    ("MOBILIZE", None): "150",
    ("MOBILIZE", "troops"): "154",
    ("MOBILIZE", "police"): "153",
    ("COERCE", None): "170",
    ("COERCE", "seize"): "171",
    ("COERCE", "restrict"): "172",
    ("COERCE", "curfew"): "1723",
    ("COERCE", "martial-law"): "1724",
    ("COERCE", "arrest"): "173",
    ("COERCE", "deport"): "174",
    ("ASSAULT", None): "190",
    ("ASSAULT", "abduct"): "181",
    ("ASSAULT", "beat"): "182",
    ("ASSAULT", "sexual"): "1821",
    ("ASSAULT", "torture"): "1822",
    ("ASSAULT", "suicide-attack"): "1831",
    ("ASSAULT", "explosives"): "183",
    ("ASSAULT", "targeted"): "186",
    ("ASSAULT", "destroy"): "1712",
    ("ASSAULT", "firearms"): "193",
    ("ASSAULT", "heavy-weapons"): "194",
    ("ASSAULT", "aerial"): "195",
    ("ASSAULT", "drone"): "195",
    ("ASSAULT", "crowd-control"): "175",
    ("ASSAULT", "unconventional"): "204",
    ("ASSAULT", "primitive"): "180",
}


def cameo_code(event_type: str, mode: str | None) -> str | None:
    """The CAMEO code of a (type, mode): the mode's code, else the type's root code."""
    return CAMEO.get((event_type, mode)) or CAMEO.get((event_type, None))
