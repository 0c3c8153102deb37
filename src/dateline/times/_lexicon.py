"""Vocabulary of the times stage: word lists, calendar tables and the regex pieces the patterns are built of.

Data only. Case-sensitive pieces (month and weekday names) must be capitalised in the text ("may" is a verb).
"""

from __future__ import annotations

import re

MONTH = (
    r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "several": None, "few": None, "a few": None, "many": None,
}  # fmt: skip
NUM = (
    r"(?P<n>\d{1,3}|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|several|few|many)"
)
MONTH_REL = r"last|next|this|in|of|since|until|by|early|late|mid-?|from|during|through"
WHICH_UNIT = r"(?P<which>this|last|next)\s+(?P<unit>week|month|year)"
DAYPART = r"morning|afternoon|evening|night"
UNIT = r"(?P<unit>day|week|month|year|decade)s?"
YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# Nouns after a four-digit number that make it a count, not a year ("2015 people").
COUNTED = (
    r"(?:percent|per cent|people|persons|men|women|children|soldiers|troops|fighters|civilians|families|refugees"
    r"|km|kilometres|kilometers|miles|dollars|euros|tonnes|tons|votes|cases|deaths|homes|houses)"
)
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
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
# Words before a holiday name that make it a time, not a modifier ("on Christmas", not "Christmas market").
HOLIDAY_CUE_END = re.compile(
    r"(?i)\b(?:on|at|over|before|after|since|until|till|by|during|around|for|of|through|throughout|ahead of"
    r"|in|this|last|next|from|to|and)\s+$"
)
# "the first quarter of 2016", "the second half of last year"
ORDINAL_PART = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": -1, "last": -1,
}  # fmt: skip
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


# Words that show a spaCy DATE/TIME entity speaks of the calendar; without one, dateparser reads bare numbers
# as years or months ("the 12th" -> December), so its answer is not taken.
CALENDAR_WORD = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\b|\b\d{4}\b"
    r"|\b(?:today|yesterday|tomorrow|tonight|week|weeks|month|months|year|years|decade|decades|century|spring"
    r"|summer|autumn|fall|winter|weekend|ago)\b"
)
# A preposition and "the 12th", a day of the anchor's month ("on the 12th", "since the 3rd of this month").
ORDINAL_DAY_FOLLOW = (
    r"(?=\s*(?:[.,;:)!?\u2014\u2013]|$)|\s+(?:and|or|but|when|as|while|at|after|before|until|in\s+(?:the\s+)?"
    r"(?:morning|afternoon|evening|night))\b)"
)
NUMERIC_MONTH_FIRST = frozenset({"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "VI", "UM", "BZ", "CA"})
DAYPART_OF = re.compile(
    r"(?i)^(?:the\s+)?(?:(?:early|late|small)\s+hours|(?:early|late)\s+(?:morning|afternoon|evening)|morning"
    r"|afternoon|evening|night|dawn|dusk)$"
)


# Words a pattern cannot match without (most patterns never match an article, so they are not run).
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


YEAR_CUE_END = re.compile(rf"(?i)\b{_YEAR_CUE}$")
AGE = re.compile(r"(?i)\b[\w.]+[- ]years?[- ]old\b|\baged\s+\d+|\b\d+\s*-?\s*years?\s+of\s+age\b")
DURATION = re.compile(
    r"(?i)^(?:for\s+)?(?:about\s+|some\s+|nearly\s+|almost\s+|more than\s+|over\s+|up to\s+|at least\s+)?"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|hundreds of|dozens of|\w+)"
    r"(?:\s+and a half)?\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)$"
)
YEAR_QUALIFIER = re.compile(r"(?i)\b(?:early|late|mid-|mid\s)\s*$")
RANGE = re.compile(r"(?i)^\s*(?:to|until|till|through|and|-|–)\s*$")
RANGE_START = re.compile(r"(?i)\b(?:from|between)\s+$")
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


MONTH_PREPS = frozenset({"in", "of", "since", "until", "by", "from", "during", "through"})
SINCE = re.compile(r"(?i)\b(since|until|till)\s+$")
FUTURE_WORDS = frozenset({"will", "'ll", "shall", "scheduled", "due", "plans", "planned", "expected", "upcoming"})


FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo"})
# Verbs and adjectives that put what they govern in the future ("set to resume", "due to meet", "plans to vote")
FUTURE_GOVERNORS = frozenset({"plan", "schedule", "expect", "set", "due", "intend", "aim", "prepare", "go", "slate"})
FUTURE_MODIFIERS = frozenset({"upcoming", "forthcoming", "coming", "planned", "scheduled", "proposed"})
SPEECH_VERBS = frozenset(
    {"say", "tell", "announce", "state", "add", "confirm", "report", "declare", "insist", "promise", "warn", "pledge",
     "vow", "predict", "expect", "hope", "indicate", "signal", "note"}
)  # fmt: skip
FORWARD_MODALS = frozenset({"must", "should", "can", "may", "might", "need"})  # without "have": not the past


UNIT_LETTER = {"day": "D", "week": "W", "month": "M", "year": "Y"}


WEEKDAY_DATE_GAP = re.compile(r"(?i)^\s*,?\s*(?:the\s+)?$")


YEAR_SUFFIX = re.compile(r"(?i)^(?P<rel>last|this|next)\s+year$")
YEAR_SUFFIX_GAP = re.compile(r"(?i)^(?:\s*,?\s*|\s+of\s+)$")
YEAR_SUFFIX_STEP = {"last": -1, "this": 0, "next": 1}
