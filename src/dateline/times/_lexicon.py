"""Vocabulary of the times stage: word lists, calendar tables and the regex pieces the patterns are built of.

Data only. Case-sensitive pieces (month and weekday names) must be capitalised in the text ("may" is a verb).
The date grammar shared with ingest's dateline parser (day, month names, years) comes from ``dateline.lexicon``.
"""

from __future__ import annotations

import re

from ..lexicon import DAY_OF_MONTH, DAY_SUFFIX, MONTH_NAME_IN_TEXT, YEAR_IN_TEXT
from ..lexicon import FUTURE_AUX as SHARED_FUTURE_AUX

# --- Regex pieces of the patterns (``_patterns.PATTERNS``) ---

MONTH = rf"(?P<month>{MONTH_NAME_IN_TEXT})"
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUM = (
    r"(?P<n>\d{1,3}|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|several|few|many)"
)
MONTH_REL = r"last|next|this|in|of|since|until|by|early|late|mid-?|from|during|through"
WHICH_UNIT = r"(?P<which>this|last|next)\s+(?P<unit>week|month|year)"
DAYPART = r"morning|afternoon|evening|night"
UNIT = r"(?P<unit>day|week|month|year|decade)s?"
YEAR = rf"(?P<year>{YEAR_IN_TEXT})"
DAY = rf"(?P<day>{DAY_OF_MONTH}){DAY_SUFFIX}"
# Nouns after a four-digit number that make it a count, not a year ("2015 people").
COUNTED = (
    r"(?:percent|per cent|people|persons|men|women|children|soldiers|troops|fighters|civilians|families|refugees"
    r"|km|kilometres|kilometers|miles|dollars|euros|tonnes|tons|votes|cases|deaths|homes|houses)"
)
# Words before a bare year that make it a year rather than a count ("in 2014", not "2014 people").
_YEAR_CUE = (
    r"(?:in|since|until|till|by|from|to|of|during|before|after|between|and|through|early|late|mid-?|year|"
    r"end of|start of|beginning of|spring|summer|autumn|fall|winter)\s+"
)

MONTH2 = MONTH.replace("?P<month>", "?P<month2>")
YEAR2 = YEAR.replace("?P<year>", "?P<year2>")
# Holidays on a fixed or computable day of the Gregorian calendar.
HOLIDAY = (
    r"(?P<holiday>New\s+Year(?:['’]?s)?\s+(?:Day|Eve)|New\s+Year['’]s(?!\s+Day|\s+Eve)|Christmas\s+(?:Day|Eve)"
    r"|Christmas|Boxing\s+Day|Easter\s+(?:Sunday|Monday)|Easter|Good\s+Friday)"
)
# Holidays of lunar or lunisolar calendars: found (a time is said) but left unresolved, never guessed.
LUNAR = (
    r"(?P<lunar>Ramadan|Eid(?:[\s-]+(?:al|ul|el)[\s-]+(?:Fitr|Adha))?|Nowruz|Diwali|Hanukkah|Passover|Yom\s+Kippur"
    r"|Rosh\s+Hashanah|(?:Lunar|Chinese)\s+New\s+Year|Muharram|Ashura)"
)
# A preposition and "the 12th", a day of the anchor's month ("on the 12th", "since the 3rd of this month").
ORDINAL_DAY_FOLLOW = (
    r"(?=\s*(?:[.,;:)!?\u2014\u2013]|$)|\s+(?:and|or|but|when|as|while|at|after|before|until|in\s+(?:the\s+)?"
    r"(?:morning|afternoon|evening|night))\b)"
)

# --- Words a pattern cannot match without (most patterns never match an article, so they are not run) ---

MONTH_PREFIXES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
HOLIDAY_WORDS = ("New", "Christmas", "Boxing", "Easter", "Good")
LUNAR_WORDS = (
    "Ramadan", "Eid", "Nowruz", "Diwali", "Hanukkah", "Passover", "Yom", "Rosh", "Lunar", "Chinese",
    "Muharram", "Ashura",
)  # fmt: skip
SEASON_WORDS = ("spring", "summer", "autumn", "fall", "winter")
DEICTIC_WORDS = ("today", "yesterday", "tomorrow", "tonight", "night", "morning", "afternoon", "evening")
DIRECTION_WORDS = ("past", "last", "previous", "next", "coming")
UNIT_WORDS = ("day", "week", "month", "year", "decade")
# Characters that a case-insensitive ASCII letter matches but that str.lower() does not turn into
# that letter (İ, ı for "i"; ſ for "s"): with one of them in the text, the lower-case tests are skipped.
CASE_ODDITIES = "İıſ"

# --- What is not a point in time, and the context that decides ---

# A count with a time unit joined by a hyphen modifies a noun ("a 48-hour ceasefire", "a five-day tour"):
# a length of time, not a point in it; "2000-strong" and the like are counts.
MEASURE = re.compile(
    r"(?i)\b(?:\d+(?:\.\d+)?|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty|fifty|sixty|seventy|ninety|hundred|several|multi)-(?:second|minute|hour|day|night|week|month|year|decade)s?"
    r"(?:-long)?\b(?!-old)|\b\d{3,4}-(?:strong|member|page|seat|bed|mile|kilometre|kilometer|km|man|person)\b"
)
MEASURE_TAIL = re.compile(
    r"(?i)-(?:second|minute|hour|day|night|week|month|year|decade|strong|member|page|seat|bed|mile|kilomet|km|man"
    r"|person)"
)
AGE = re.compile(r"(?i)\b[\w.]+[- ]years?[- ]old\b|\baged\s+\d+|\b\d+\s*-?\s*years?\s+of\s+age\b")
DURATION = re.compile(
    r"(?i)^(?:for\s+)?(?:about\s+|some\s+|nearly\s+|almost\s+|more than\s+|over\s+|up to\s+|at least\s+)?"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|hundreds of|dozens of|\w+)"
    r"(?:\s+and a half)?\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)$"
)
YEAR_CUE_END = re.compile(rf"(?i)\b{_YEAR_CUE}$")
YEAR_QUALIFIER = re.compile(r"(?i)\b(?:early|late|mid-|mid\s)\s*$")
# Words before a holiday name that make it a time, not a modifier ("on Christmas", not "Christmas market").
HOLIDAY_CUE_END = re.compile(
    r"(?i)\b(?:on|at|over|before|after|since|until|till|by|during|around|for|of|through|throughout|ahead of"
    r"|in|this|last|next|from|to|and)\s+$"
)
# Words that show a spaCy DATE/TIME entity speaks of the calendar; without one, dateparser reads bare numbers
# as years or months ("the 12th" -> December), so its answer is not taken.
CALENDAR_WORD = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\b|\b\d{4}\b"
    r"|\b(?:today|yesterday|tomorrow|tonight|week|weeks|month|months|year|years|decade|decades|century|spring"
    r"|summer|autumn|fall|winter|weekend|ago)\b"
)
MONTH_PREPS = frozenset({"in", "of", "since", "until", "by", "from", "during", "through"})

# --- Calendar tables ---

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "several": None, "few": None, "a few": None, "many": None,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# "the first quarter of 2016", "the second half of last year"
ORDINAL_PART = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": -1, "last": -1,
}  # fmt: skip
# ISO 8601 duration letters ("the past two years" -> "P2Y").
UNIT_LETTER = {"day": "D", "week": "W", "month": "M", "year": "Y"}
# Countries that write numeric dates month-first ("3/25/2016").
NUMERIC_MONTH_FIRST = frozenset({"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "VI", "UM", "BZ", "CA"})

# --- Tense of the governing clause (``_tense``) ---

FUTURE_WORDS = frozenset({"will", "'ll", "shall", "scheduled", "due", "plans", "planned", "expected", "upcoming"})
FUTURE_AUX = SHARED_FUTURE_AUX | {"’ll"}  # the curly apostrophe's contraction too
# Verbs and adjectives that put what they govern in the future ("set to resume", "due to meet", "plans to vote")
FUTURE_GOVERNORS = frozenset({"plan", "schedule", "expect", "set", "due", "intend", "aim", "prepare", "go", "slate"})
FUTURE_MODIFIERS = frozenset({"upcoming", "forthcoming", "coming", "planned", "scheduled", "proposed"})
SPEECH_VERBS = frozenset(
    {"say", "tell", "announce", "state", "add", "confirm", "report", "declare", "insist", "promise", "warn", "pledge",
     "vow", "predict", "expect", "hope", "indicate", "signal", "note"}
)  # fmt: skip
FORWARD_MODALS = frozenset({"must", "should", "can", "may", "might", "need"})  # without "have": not the past

# --- Joining neighbouring expressions (``_join``) ---

DAYPART_OF = re.compile(
    r"(?i)^(?:the\s+)?(?:(?:early|late|small)\s+hours|(?:early|late)\s+(?:morning|afternoon|evening)|morning"
    r"|afternoon|evening|night|dawn|dusk)$"
)
WEEKDAY_DATE_GAP = re.compile(r"(?i)^\s*,?\s*(?:the\s+)?$")
YEAR_SUFFIX = re.compile(r"(?i)^(?P<rel>last|this|next)\s+year$")
YEAR_SUFFIX_GAP = re.compile(r"(?i)^(?:\s*,?\s*|\s+of\s+)$")
YEAR_SUFFIX_STEP = {"last": -1, "this": 0, "next": 1}
RANGE = re.compile(r"(?i)^\s*(?:to|until|till|through|and|-|–)\s*$")
RANGE_START = re.compile(r"(?i)\b(?:from|between)\s+$")
SINCE = re.compile(r"(?i)\b(since|until|till)\s+$")
