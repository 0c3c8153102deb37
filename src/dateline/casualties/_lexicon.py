"""Casualties vocabulary: kind cues, people nouns and whom they count, number words, qualifiers, and the patterns
of a number phrase.

Data only: the algorithms that read these are in ``_numbers`` (number phrases and their values), ``_kinds`` (what
a cue or a people noun says), ``_counts`` (counts and their cues) and ``_attach`` (a count's event).
"""

from __future__ import annotations

import re

from spacy.strings import get_string_id

from ..lexicon import word_set

# Kind cues (verb lemmas and noun/adjective forms), people nouns and whom they count.

_KIND_WORDS: dict[str, str] = {
    **dict.fromkeys(
        word_set(
            "kill killed killing slay slain murder murdered massacre massacred execute executed behead beheaded "
            "die died dying perish perished dead death deaths fatality fatalities toll body bodies corpse corpses "
            "life lives assassinate assassinated slaying slayings"
        ),
        "killed",
    ),
    **dict.fromkeys(
        word_set(
            "wound wounded wounding injure injured injuring injury injuries hurt maim maimed hospitalise "
            "hospitalize hospitalised hospitalized"
        ),
        "injured",
    ),
    **dict.fromkeys(word_set("casualty casualties"), "casualties"),
    **dict.fromkeys(
        word_set(
            "abduct abducted kidnap kidnapped hostage hostages captive captives abductee abductees capture captured"
        ),
        "abducted",
    ),
    **dict.fromkeys(
        word_set(
            "arrest arrested arrests detain detained detainee detainees apprehend apprehended jail jailed "
            "imprison imprisoned"
        ),
        "arrested",
    ),
    **dict.fromkeys(
        word_set("displace displaced flee fled fleeing uproot uprooted evacuate evacuated homeless idps idp"),
        "displaced",
    ),
    **dict.fromkeys(word_set("missing unaccounted"), "missing"),
}
# Nouns that are themselves the counted people or the count ("12 deaths", "40 hostages", "30 arrests").
_COUNT_NOUNS = word_set(
    "dead death deaths fatality fatalities body bodies corpse corpses life lives casualty casualties injured "
    "wounded injury injuries hostage hostages captive captives abductee abductees arrest arrests detainee "
    "detainees displaced idps idp missing homeless"
)
# Cue verbs whose subject is the one harmed ("12 people died", "5,000 fled"); other cue verbs' subjects did it.
_INTRANSITIVE = word_set("die perish flee miss")
# Nouns that carry a count of casualties without being one: "the death toll rose to 40", "a toll of 12".
_TOLL_NOUNS = word_set("toll tally number count")
_TOLL_VERBS = word_set("rise climb reach stand hit increase jump mount soar grow swell put be")
# Verbs whose object is made to be or do the cue: "left 12 dead", "forced 5,000 to flee", "sent 3,000 fleeing".
_RESULT_VERBS = word_set("leave force drive send cause compel render make")
# Words that may stand between a count and its cue: "12 were reportedly killed", "5,000 have been forced to".
_GAP_WORDS = word_set(
    "were was are is be been being have has had reportedly also all later subsequently now allegedly both "
    "each either mostly said believed thought feared confirmed reported known to more others people other"
)
_LEFT_GAP = word_set(
    "has have had now officially to at of is was stood stands rose risen climbed reached hit "
    "increased jumped soared grew"
)

# People nouns (lemmas) -> whom they count ("None": people of no stated kind).
_WHO: dict[str, str | None] = {
    **dict.fromkeys(word_set("people person individual"), None),
    **dict.fromkeys(
        word_set(
            "civilian resident villager worshipper worshiper passenger shopper bystander farmer worker miner "
            "pilgrim tourist commuter inhabitant local citizen herder fisherman pedestrian mourner voter "
            "parishioner guest customer patient family teacher"
        ),
        "civilians",
    ),
    **dict.fromkeys(
        word_set(
            "soldier troop serviceman servicemen servicemember marine paratrooper conscript recruit sailor "
            "airman guardsman peacekeeper army"
        ),
        "soldiers",
    ),
    **dict.fromkeys(word_set("policeman policemen policewoman police cop gendarme constable officer"), "police"),
    **dict.fromkeys(word_set("guard bodyguard"), "security forces"),
    **dict.fromkeys(
        word_set(
            "fighter militant insurgent rebel jihadist gunman gunmen attacker terrorist militiaman "
            "militiamen combatant guerrilla guerilla extremist bomber assailant"
        ),
        "fighters",
    ),
    **dict.fromkeys(
        word_set(
            "child children kid boy girl schoolgirl schoolboy schoolchild schoolchildren pupil minor infant "
            "baby toddler teenager teen"
        ),
        "children",
    ),
    **dict.fromkeys(word_set("woman women mother"), "women"),
    **dict.fromkeys(word_set("man men"), "men"),
    **dict.fromkeys(word_set("protester protestor demonstrator activist marcher rioter"), "protesters"),
    **dict.fromkeys(word_set("journalist reporter photographer cameraman correspondent blogger"), "journalists"),
    **dict.fromkeys(word_set("medic doctor nurse paramedic"), "health workers"),
    **dict.fromkeys(word_set("migrant refugee asylum-seeker"), "migrants"),
    **dict.fromkeys(word_set("prisoner inmate detainee"), "prisoners"),
    **dict.fromkeys(
        word_set(
            "member supporter follower other others engineer priest pastor imam cleric businessman trader driver "
            "contractor adviser advisor missionary suspect robber criminal leader relative commander chief aide"
        ),
        None,
    ),
    **dict.fromkeys(word_set("student"), "students"),
    **dict.fromkeys(word_set("son daughter"), "children"),
    **dict.fromkeys(word_set("victim hostage captive"), None),
    **dict.fromkeys(
        word_set("official politician lawmaker employee staff staffer minister governor mayor diplomat judge"),
        "officials",
    ),
}
# Compounds and modifiers that decide whom a count is of: "police officers", "aid workers", "civilian casualties".
_WHO_MODIFIERS: dict[str, str] = {
    **dict.fromkeys(word_set("civilian civil"), "civilians"),
    **dict.fromkeys(word_set("police"), "police"),
    **dict.fromkeys(word_set("aid humanitarian relief"), "aid workers"),
    **dict.fromkeys(word_set("health medical"), "health workers"),
    **dict.fromkeys(word_set("security"), "security forces"),
    **dict.fromkeys(word_set("government army military"), "soldiers"),
    **dict.fromkeys(word_set("media"), "journalists"),
    **dict.fromkeys(word_set("rebel militant insurgent"), "fighters"),
}

# Number words, vague quantities and the qualifiers of a count.
_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
)
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
_NUMBER_WORDS = {w: i for i, w in enumerate(_ONES.split(" "))}
_TENS = {w: 10 * (i + 2) for i, w in enumerate(_TENS_WORDS.split(" "))}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Vague quantities -> the lower bound they imply (None: no number at all).
_VAGUE = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "tens of thousands": 20000,
    "hundreds of thousands": 200000, "millions": 2_000_000, "several": 3, "a few": 2, "few": 2, "many": None,
    "numerous": None, "a number of": None, "a handful of": 2, "countless": None,
}  # fmt: skip
_QUALIFIERS = {
    **dict.fromkeys(
        ["at least", "no fewer than", "not less than", "more than", "over", "upwards of", "in excess of",
         "just over", "well over", "at the very least", "a minimum of"],
        "at-least",
    ),
    **dict.fromkeys(
        ["at most", "up to", "fewer than", "less than", "no more than", "as many as", "just under", "under",
         "a maximum of"],
        "at-most",
    ),
    **dict.fromkeys(
        ["about", "around", "some", "nearly", "almost", "roughly", "approximately", "an estimated", "estimated",
         "close to", "approx.", "circa", "perhaps", "an approximate"],
        "about",
    ),
}  # fmt: skip

# The pattern of a number phrase, built from the words above.
_W = "|".join(sorted(list(_NUMBER_WORDS) + list(_TENS), key=len, reverse=True))
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_WORDNUM = rf"(?:(?:{_W})(?:[\s-](?:{_UNITS})\b)?(?:\s+(?:hundred|thousand|million))?)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:hundred|thousand|million))?"
_NUM = rf"(?:{_DIGITS}|{_WORDNUM}|an?\s+(?:hundred|thousand)|(?:half\s+)?a\s+dozen|a\s+couple\s+of|a\s+pair\s+of)"
_QUAL = "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in sorted(_QUALIFIERS, key=len, reverse=True))
_VAGUE_RE = (
    r"(?:tens|hundreds)\s+of\s+thousands|dozens|scores|hundreds|thousands|millions|"
    r"(?:several|a\s+few)(?:\s+(?:dozen|hundred|thousand))?|a\s+handful\s+of|a\s+number\s+of|many|numerous|countless"
)
_PHRASE = re.compile(
    rf"\b(?:(?P<qual>{_QUAL})\s+)?(?:"
    rf"(?:between\s+(?P<lo>{_NUM})\s+and\s+(?P<hi>{_NUM}))"
    rf"|(?:(?P<lo2>{_NUM})\s+(?:to|or)\s+(?P<hi2>{_NUM}))\b"
    rf"|(?:(?P<lo3>{_DIGITS})\s*[-–]\s*(?P<hi3>{_DIGITS}))\b"
    rf"|(?P<vague>{_VAGUE_RE})\b"
    rf"|(?P<num>{_NUM})\b"
    r")",
    re.IGNORECASE,
)
# Where a number phrase can be: a digit, a number word or a vague quantity. The full phrase pattern is tried only
# from the few word starts before each anchor (qualifiers such as "at least" come first), which is much faster than
# running it at every word of the article.
_ANCHOR = re.compile(
    rf"\d|\b(?:{_W}|dozens?|scores|hundreds|thousands|millions|several|few|handful|number|many|numerous|countless|"
    r"hundred|thousand|couple|pair)\b",
    re.IGNORECASE,
)
_WORD_START = re.compile(r"\b\w")
# Tokens around a number or a noun that decide whether it is a count, and the parse relations counts are read from.
_SKIP_ENTS = frozenset(["DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"])
_SEIZE_VERBS = word_set("seize snatch grab")  # "seized 12 students": abducted when the object is people
_INTENT_VERBS = word_set("threaten vow plan promise intend want pledge aim seek try attempt fail refuse")
# Words before a number that make it no count of people: "no one was killed", "aged 40", "route 9".
_NOT_BEFORE = word_set("no not aged age ages $ # no. number route page")
# Lower-case ids of the tokens that can start a one-person count ("a child") or make a count with no number.
_ARTICLE_IDS = frozenset(get_string_id(w) for w in ("a", "an"))
_VAGUE_NOUNS = ("casualties", "fatalities", "deaths", "injuries")
_PLURAL_PEOPLE = {w for p in _WHO for w in (p, p + "s")} | word_set("men women children policemen gunmen servicemen")
_VAGUE_NOUN_IDS = frozenset(get_string_id(w) for w in (*_VAGUE_NOUNS, *_PLURAL_PEOPLE))
_NOT_AFTER = frozenset(["%", "-year", "-year-old", "year-old", "pm", "am"])
_NOT_ONE = word_set("people family")  # "a family" is not one person
_NOUN_MODIFIERS = word_set("- mostly mainly unarmed more suspected alleged armed wanted fellow")
_SUBSET_PREPS = word_set("including among")
_ARG_DEPS = frozenset(["nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd", "appos", "npadvmod"])
_DEFINITE = word_set("the these those their his her its our your this that")
