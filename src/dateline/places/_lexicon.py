"""Word lists of the places stage: entity labels, locative cues, name particles, state abbreviations, metonymy verbs.

Data only, kept out of the stage logic (``_recognise`` finds toponyms, ``_rank`` chooses their entries, the
package's ``__init__`` turns choices into places and actor mentions).
"""

from __future__ import annotations

# --- recognition (_recognise.py) ---
# spaCy entity labels of places, and of other names (a name the model labels so is no big place of its own).
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
OTHER_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"})
# Prepositions after which a capitalised name is very likely a place.
LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "from",
        "into",
        "towards",
        "toward",
        "across",
        "around",
        "inside",
        "through",
        "via",
        "between",
        "within",
        "throughout",
        "nearby",
        "reached",
        "entered",
        "captured",
        "seized",
        "besieged",
        "stormed",
        "shelled",
        "recaptured",
        "liberated",
        "retook",
        "bombed",
        "struck",
    }
)
# "<noun> of X": "towns of Qaim", "village of Khasfa", "north of Mosul".
NOUNS_BEFORE_OF = frozenset(
    {
        "town",
        "towns",
        "city",
        "cities",
        "village",
        "villages",
        "province",
        "provinces",
        "region",
        "regions",
        "district",
        "districts",
        "governorate",
        "outskirts",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "centre",
        "center",
        "suburbs",
        "suburb",
        "capital",
        "area",
        "port",
        "streets",
        "people",
        "residents",
        "mayor",
        "governor",
        "parts",
        "part",
    }
)
# Verbs of motion: "to X" after them names a destination ("drive the victims to Khasfa").
MOTION_VERBS = frozenset(
    {
        "drive",
        "take",
        "move",
        "flee",
        "send",
        "deploy",
        "travel",
        "return",
        "go",
        "come",
        "head",
        "march",
        "advance",
        "bring",
        "transfer",
        "deport",
        "evacuate",
        "fly",
        "relocate",
        "push",
        "withdraw",
        "retreat",
        "escape",
        "transport",
        "walk",
        "sail",
        "ship",
        "arrive",
        "carry",
        "lead",
    }
)
# Words stripped from the end of a toponym before looking it up, and the feature class they imply.
GENERIC_SUFFIX = {
    "river": "H",
    "sea": "H",
    "lake": "H",
    "province": "A",
    "governorate": "A",
    "district": "A",
    "region": "A",
    "county": "A",
    "state": "A",
    "oblast": "A",
    "city": "P",
    "town": "P",
    "village": "P",
    "mountains": "T",
    "mountain": "T",
    "desert": "T",
}
# Lower-case tokens that may stand inside a multi-word place name ("Dayr az-Zawr", "Stratford upon Avon").
CONNECTORS = frozenset(
    {"-", "'", "’", "of", "al", "el", "ad", "ar", "as", "an", "ash", "de", "del", "la", "le", "du", "da", "upon", "on"}
)
# Capitalised words that are no part of a place name: titles, days, months, function words.
NOT_NAMES = frozenset(
    {
        "president",
        "minister",
        "prime",
        "vice",
        "general",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "king",
        "queen",
        "prince",
        "sheikh",
        "god",
        "allah",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "but",
        "and",
        "or",
        "if",
        "when",
        "while",
        "after",
        "before",
        "according",
        "even",
        "as",
        "at",
        "in",
        "on",
        "for",
        "with",
        "by",
        "to",
        "of",
        "from",
        "is",
        "are",
    }
)
# Associated Press abbreviations of US states and Canadian provinces (dot-less key -> admin1 code). Several are
# also words or name particles ("Pa.", "La.", "Miss.", "Mass."), so they are read as a division only where
# news puts a container: right after "Town, " ("Scranton, Pa.", "Albany, Ga.", "Dublin, Ohio").
AP_STATES = {
    "ala": "US.AL", "ariz": "US.AZ", "ark": "US.AR", "calif": "US.CA", "cal": "US.CA", "colo": "US.CO",
    "conn": "US.CT", "del": "US.DE", "fla": "US.FL", "ga": "US.GA", "ill": "US.IL", "ind": "US.IN",
    "kan": "US.KS", "kans": "US.KS", "ky": "US.KY", "la": "US.LA", "md": "US.MD", "mass": "US.MA",
    "mich": "US.MI", "minn": "US.MN", "miss": "US.MS", "mo": "US.MO", "mont": "US.MT", "neb": "US.NE",
    "nebr": "US.NE", "nev": "US.NV", "n h": "US.NH", "n j": "US.NJ", "n m": "US.NM", "n y": "US.NY",
    "n c": "US.NC", "n d": "US.ND", "okla": "US.OK", "ore": "US.OR", "oreg": "US.OR", "pa": "US.PA",
    "penn": "US.PA", "r i": "US.RI", "s c": "US.SC", "s d": "US.SD", "tenn": "US.TN", "tex": "US.TX",
    "vt": "US.VT", "va": "US.VA", "wash": "US.WA", "w va": "US.WV", "wis": "US.WI", "wisc": "US.WI",
    "wyo": "US.WY", "d c": "US.DC", "ont": "CA.08", "b c": "CA.02", "que": "CA.10", "alta": "CA.01",
    "man": "CA.03", "sask": "CA.11", "n s": "CA.07", "n b": "CA.04", "nfld": "CA.05", "p e i": "CA.09",
}  # fmt: skip
# US postal codes, upper case only and only as a container ("Dublin, OH").
_POSTAL_CODES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK "
    "OR PA RI SC SD TN TX UT VT VA WA WV WI WY"
)
POSTAL = frozenset(_POSTAL_CODES.split())
# Actor kinds of an organisation: an all-caps acronym the actors stage reads as one is no place ("EU", "UN").
ORGANISATION_KINDS = frozenset(
    {"igo", "ngo", "party", "terrorist-group", "rebels", "media", "business", "organization"}
)
# Words that make the name before them a thoroughfare's ("Central Avenue", "Baghdad Street" in Damascus, "Jaffa
# Road"): a street is named after a place, not located in it, so the name is no mention of that place.
THOROUGHFARES = frozenset(
    {"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "drive", "lane", "ln", "parkway", "pkwy"}
)
# Verbs whose object is the one spoken to: "told Horn Wire", "informed Reuters".
ADDRESS_VERBS = frozenset({"tell", "inform", "brief", "assure", "notify", "contact"})
SPEECH_TO = frozenset({"say", "speak", "talk", "explain", "confirm", "write", "describe", "reveal", "announce"})

# --- ranking (_rank.py) ---
# Words between two toponyms of one list ("Qaim, Hawija and Tal Afar"), and between a toponym and the
# country or division the text puts it in ("Qaim in Iraq", "Hawija, Kirkuk province").
LIST_GAPS = frozenset({",", "and", ", and", "or", "&"})
CONTAINER_GAPS = frozenset({"in", ",", "in northern", "in southern", "in eastern", "in western", "in central"})

# --- the stage entry (__init__.py) ---
# spaCy labels of entities inside whose longer span a place's name is no mention of it ("the Baghdad Hotel").
NON_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "FAC"})
# Country-code domains sold as generic names (.tv, .io, .co ...): no evidence of where an outlet is.
GENERIC_CC = frozenset({"ai", "am", "cc", "co", "fm", "io", "ly", "me", "nu", "tk", "to", "tv", "ws", "eu"})
# Verbs whose subject is a government or its people, not a location: "Washington said", "Baghdad denied",
# "Moscow warned", "Iran launched". A toponym as their subject names an actor (metonymy).
ACTOR_VERBS = frozenset(
    {
        "say",
        "deny",
        "warn",
        "announce",
        "accuse",
        "condemn",
        "urge",
        "reject",
        "threaten",
        "insist",
        "demand",
        "agree",
        "sign",
        "impose",
        "claim",
        "blame",
        "respond",
        "vow",
        "pledge",
        "call",
        "ask",
        "refuse",
        "welcome",
        "criticize",
        "criticise",
        "protest",
        "recall",
        "expel",
        "summon",
        "sanction",
        "invite",
        "support",
        "back",
        "oppose",
        "negotiate",
        "offer",
        "promise",
        "decide",
        "approve",
        "veto",
        "order",
        "declare",
        "confirm",
        "acknowledge",
        "admit",
        "retaliate",
        "suspend",
        "ban",
        "want",
        "hope",
        "believe",
        "fear",
        "argue",
        "dismiss",
        "launch",
        "send",
        "deploy",
        "accept",
        "seek",
        "press",
        "push",
        "allege",
        "state",
        "tell",
        "told",
        "add",
        "note",
        "stress",
        "complain",
        "vote",
        "recognize",
        "recognise",
        "boycott",
        "freeze",
        "pressure",
    }
)
# Dependency labels of the subject of one of those verbs.
SUBJECT_DEPS = frozenset({"nsubj"})
