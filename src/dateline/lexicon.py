"""Word lists more than one stage reads, defined once so the stages agree on them.

Stage-specific lexicons (event triggers, hedges, actor heads) stay in their stage's module.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """A frozen set of the whitespace-separated words of ``text``."""
    return frozenset(text.split())


# Verbs of saying and nothing more: never a PLOVER event themselves, and their complement is reported.
SAYING_VERBS = word_set("say tell note add state claim announce report insist stress explain write quote")
# Verbs of saying that also commit the speaker (assert, admit) or take a position (deny, allege, warn):
# what they govern is still the speaker's claim.
ASSERTING_VERBS = word_set("warn confirm allege argue acknowledge admit assert deny")
# Every verb that can introduce a quotation or reported speech: the quotes stage's cue lexicon.
CUE_VERBS = (
    SAYING_VERBS
    | ASSERTING_VERBS
    | word_set(
        """
    reveal disclose accuse suggest emphasise emphasize declare tweet post predict estimate reply respond
    answer ask urge demand comment remark observe mention recall recount testify maintain contend concede
    complain charge vow pledge promise threaten forecast caution inform brief assure reiterate repeat
    underline highlight conclude dispute counter retort shout whisper speak indicate signal agree proclaim
    affirm boast lament concur reckon hint advise blog specify elaborate stipulate
    """
    )
)

# Month names (their first three or four letters, lower case) to month numbers: datelines and times.
MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# Nouns under which "of X" names a place: "the towns of Qaim", "the capital of Iraq".
PLACE_NOUNS = frozenset(
    {
        "town",
        "city",
        "village",
        "province",
        "district",
        "region",
        "area",
        "capital",
        "outskirts",
        "part",
        "north",
        "south",
        "east",
        "west",
        "centre",
        "center",
        "suburb",
        "governorate",
        "border",
        "territory",
        "neighbourhood",
        "neighborhood",
        "state",
        "county",
        "countryside",
        "coast",
        "island",
        "port",
        "streets",
        "street",
        "heart",
    }
)

# Nouns for people an event can happen to ("the victims", "12 villagers"): events read them as a target that is
# people; the casualties stage counts them (its own table of whom a count is of covers every one of them).
PEOPLE_NOUNS = word_set(
    "victim man woman child civilian people villager resident prisoner hostage protester demonstrator "
    "soldier fighter worker student journalist refugee detainee family person"
)
# Auxiliaries that put a clause outside what happened: future, conditional, possible, obliged ("will", "could").
# Contracted forms as spaCy tokenizes them: "won't" -> "wo", "can't" -> "ca".
UNREAL_AUX = word_set("will would shall 'll could might may should must wo ca")
# Auxiliaries of the future ("will", "shall", "'ll", "wo" of "won't"); stages that also read "would" or the curly
# "’ll" as future add them to their own list.
FUTURE_AUX = word_set("will shall 'll wo")

# --- from stance ---
# Verbs of denial: the stance stage negates what they govern, the consolidate stage makes the denier's REJECT.
DENIAL_VERBS = word_set("deny refute dismiss retract reject disprove debunk withdraw")  # "denied that X fired"

# --- from times ---
# The date grammar that the times stage and ingest's dateline parser both build their patterns from, as regex
# source strings without groups (each reader wraps them in its own named or plain groups).
# A day of the month and the ordinal suffix it may carry ("18", "18th").
DAY_OF_MONTH = r"[0-3]?\d"
DAY_SUFFIX = r"(?:st|nd|rd|th)?"
# Month names, full or abbreviated, in two spellings side by side because they match different text and making
# them one would change what is found. In running text (times) an abbreviation's dot belongs to the name ("Jan.",
# "Sept.") but a full name's does not ("in January." ends a sentence); in a dateline a dot after any form is part
# of the date ("May.", "January.").
MONTH_NAME_IN_TEXT = (
    r"Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?"
)
MONTH_NAME_IN_DATELINE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Four-digit years, in two ranges side by side: running text (times) reads 1800-2099, a dateline 1800-2199. Each
# is the range its reader has always used; one range for both would change output (a "2150" in running text would
# become a year), so they are kept apart.
YEAR_IN_TEXT = r"1[89]\d\d|20\d\d"
YEAR_IN_DATELINE = r"1[89]\d\d|2[01]\d\d"
