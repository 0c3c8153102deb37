"""Casualties stage: counts of people killed, injured, abducted, arrested, displaced or missing, on events.

A count is a number phrase ("at least 12", "between 10 and 15", "some 3,000", "dozens", "a dozen",
"twenty-five", "a child") or a bare plural of people ("killed civilians"), tied to a kind cue ("killed",
"dead", "death toll", "wounded", "casualties", "kidnapped", "taken hostage", "arrested", "forced to flee",
"missing"). The tie comes from the parse (subject/object of the cue verb, a conjunct of such a noun, "deaths
of 12", "the death toll rose to 40") or, failing that, from the cue standing next to the number ("12 dead",
"30 wounded", "killing at least 12"). A noun cue with no number ("civilian casualties have been piling up",
"heavy casualties") is a vague count.

Each count is attached to the event it belongs to: the event whose trigger is the cue itself, else an event
on the cue's head chain or among its close dependents ("the bombing killed 12", "an airstrike that killed
12"), else the nearest material event (ASSAULT, COERCE, PROTEST, ...) in the same sentence, else the last one
in the previous sentence (in the same voice: a count in the narrative is not put on an event inside a direct
quote, nor the reverse). A count with no such event nearby is left out (the events stage found nothing for
it to describe), and a count is never attached to a speech event (REQUEST, ACCUSE, REJECT, THREATEN); a
count under a threat ("threatened to kill 12 hostages") is dropped, as no one has been harmed yet.

Conventions: "more than 100" is ``at-least`` 100 and "up to 100" ``at-most`` 100 (low None); vague
quantities keep the lower bound they imply and no upper bound ("dozens" 24, "hundreds" 200, "thousands"
2,000, "several" 3); "a dozen" is ``about`` 12. A subset introduced by "including" / "among them" ("12
people, including three children") is not counted again.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.attrs import LOWER
from spacy.strings import get_string_id

from .lexicon import UNREAL_AUX, word_set
from .model import Casualty
from .plover import MATERIAL_TYPES, SPEECH_ACT_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from .document import Document
    from .model import Event
    from .resources import Resources

LOGGER = logging.getLogger(__name__)

REQUIRES = ("article", "spacy_doc", "actors", "events")
ASSIGNS = ("event_casualties",)

# ---------------------------------------------------------------------------------------------------------------
# Lexicon: kind cues (verb lemmas and noun/adjective forms), people nouns and whom they count.

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
_SKIP_ENTS = frozenset(["DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"])
_SEIZE_VERBS = word_set("seize snatch grab")  # "seized 12 students": abducted when the object is people
_UNREAL_AUX = UNREAL_AUX
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


# ---------------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Count:
    """A count found in the text, before it is attached to an event."""

    kind: str
    low: int | None
    high: int | None
    qualifier: str
    who: str | None
    start: int  # character span of the count phrase
    end: int
    cue: int  # token index of the kind cue (for attachment)
    noun: int | None  # token index of the counted people noun
    link: float  # how sure the number-to-cue tie is


def count(doc: Document, resources: Resources) -> None:
    """Fill each event's ``casualties`` with the counts the text gives for it."""
    if doc.spacy_doc is None or not doc.events:
        return
    found = _find(doc)
    for event, casualty in found:
        event.casualties.append(casualty)
    LOGGER.debug("%s: %d casualty counts", doc.article.id, len(found))


def _find(doc: Document) -> list[tuple[Event, Casualty]]:
    """Every count in the article with the event it belongs to."""
    sdoc = doc.spacy_doc
    counts = _counts(sdoc, doc.text)
    if not counts:
        return []
    quoted = [(q.start, q.end) for q in doc.quotes if q.kind != "indirect"]
    events = _EventIndex(doc.events, sdoc, quoted)
    out: list[tuple[Event, Casualty]] = []
    seen: set[tuple] = set()
    for c in counts:
        attached = events.attach(sdoc, c.cue)
        if attached is None:
            continue
        event, fit = attached
        key = (event.id, c.kind, c.low, c.high, c.who)
        if key in seen:
            continue
        seen.add(key)
        actor = None
        if c.noun is not None:
            tok = sdoc[c.noun]
            found = doc.actor_at(tok.idx, tok.idx + len(tok.text))
            actor = found.id if found is not None and found.kind not in ("media", "state") else None
        out.append(
            (
                event,
                Casualty(
                    kind=c.kind,
                    low=c.low,
                    high=c.high,
                    qualifier=c.qualifier,
                    who=c.who,
                    actor=actor,
                    span=doc.span(c.start, c.end),
                    confidence=round(c.link * fit, 3),
                ),
            )
        )
    return out


# --- counts -----------------------------------------------------------------------------------------------------


def _phrases(text: str) -> Iterator[re.Match]:
    """The number phrases of ``text``, longest first at each place, in text order."""
    done = 0
    for anchor in _ANCHOR.finditer(text):
        a = anchor.start()
        if a < done:
            continue
        window_start = max(done, a - 40)
        for ws in [w.start() for w in _WORD_START.finditer(text, window_start, a)] + [a]:
            m = _PHRASE.match(text, ws)
            if m is not None and m.start() <= a < m.end() and (ws == 0 or not text[ws - 1].isalnum()):
                yield m
                done = m.end()
                break


def _value(text: str) -> int | None:
    """The integer a number phrase names: "3,000", "1.5 million", "twenty-five", "a dozen", "two hundred"."""
    t = re.sub(r"\s+", " ", text.lower().replace("-", " ")).strip()
    if t in ("a dozen",):
        return 12
    if t == "half a dozen":
        return 6
    if t in ("a couple of", "a pair of"):
        return 2
    parts = t.split(" ")
    scale = 1
    if parts[-1] in _SCALES:
        scale = _SCALES[parts.pop()]
    if not parts or parts == ["a"] or parts == ["an"]:
        return scale
    head = " ".join(parts)
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", head):
        return round(float(head.replace(",", "")) * scale)
    total = 0
    for p in parts:
        if p in _NUMBER_WORDS:
            total += _NUMBER_WORDS[p]
        elif p in _TENS:
            total += _TENS[p]
        else:
            return None
    return total * scale


def _bounds(m: re.Match) -> tuple[int | None, int | None, str] | None:
    """(low, high, qualifier) of a number phrase match."""
    qual = _QUALIFIERS.get(re.sub(r"\s+", " ", m.group("qual").lower())) if m.group("qual") else None
    if m.group("lo") or m.group("lo2") or m.group("lo3"):
        lo = _value(m.group("lo") or m.group("lo2") or m.group("lo3"))
        hi = _value(m.group("hi") or m.group("hi2") or m.group("hi3"))
        if lo is None or hi is None or hi <= lo:
            return None
        return lo, hi, "range"
    if m.group("vague"):
        v = re.sub(r"\s+", " ", m.group("vague").lower())
        if v in _VAGUE:
            return _VAGUE[v], None, "vague"
        word, _, scale = v.rpartition(" ")
        base = {"several": 3, "a few": 2}.get(word, 2)
        return base * {"dozen": 12, "hundred": 100, "thousand": 1000}[scale], None, "vague"
    value = _value(m.group("num"))
    if value is None:
        return None
    if m.group("num").lower().strip().endswith("dozen") and qual is None:
        qual = "about"
    if qual == "at-least":
        return value, None, "at-least"
    if qual == "at-most":
        return None, value, "at-most"
    if qual == "about":
        return value, value, "about"
    return value, value, "exact"


def _kind(tok: Token) -> str | None:
    kind = _KIND_WORDS.get(tok.lower_) or _KIND_WORDS.get(tok.lemma_.lower())
    if kind is None:
        if tok.lemma_ == "shoot" and any(c.lower_ == "dead" for c in tok.children):
            return "killed"
        if tok.lower_ in ("hostage", "captive") or (tok.lemma_ == "take" and _takes_hostage(tok)):
            return "abducted"
        if tok.lemma_ in ("lose", "claim") and any(c.lemma_ == "life" for c in tok.children):
            return "killed"
        if tok.lemma_ == "round" and any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
            return "arrested"
        if tok.lemma_ in _SEIZE_VERBS and any(c.dep_ in ("dobj", "nsubjpass") and _is_people(c) for c in tok.children):
            return "abducted"
        return None
    if tok.lower_ in ("life", "lives") and tok.head.lemma_ not in ("lose", "claim", "cost", "take"):
        return None
    if kind == "killed" and tok.lemma_ in ("toll", "body", "corpse") and tok.pos_ != "NOUN":
        return None
    if kind == "abducted" and tok.lemma_ == "capture" and tok.pos_ == "NOUN":
        return None
    if kind == "displaced" and tok.lemma_ == "evacuate" and not _has_object(tok):
        return None
    if tok.lemma_ == "hurt" and tok.pos_ == "NOUN":
        return None
    if kind == "killed" and _with_injured(tok):
        return "casualties"
    if kind == "injured" and _with_killed(tok):
        return "casualties"
    return kind


def _has_object(tok: Token) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children)


def _takes_hostage(tok: Token) -> bool:
    """ "took 18 crew members hostage", "taken hostage", "took them captive"."""
    doc = tok.doc
    return any(doc[k].lower_ in ("hostage", "captive") for k in range(tok.i + 1, min(len(doc), tok.i + 7)))


def _with_injured(tok: Token) -> bool:
    """ "killed or wounded 20": one count of both."""
    for other in (*tok.conjuncts,):
        if _KIND_WORDS.get(other.lower_) == "injured" or _KIND_WORDS.get(other.lemma_.lower()) == "injured":
            if any(c.lower_ == "or" for c in tok.children) or any(c.lower_ == "or" for c in other.children):
                return True
            if other.i == tok.i + 2 and tok.doc[tok.i + 1].lower_ in ("or", "and", "/"):
                between = tok.doc[other.i + 1] if other.i + 1 < len(tok.doc) else None
                return between is None or not (between.like_num or between.lower_ in _NUMBER_WORDS)
    return False


def _with_killed(tok: Token) -> bool:
    if tok.i >= 2 and tok.doc[tok.i - 1].lower_ in ("or", "and", "/"):
        prev = tok.doc[tok.i - 2]
        return _KIND_WORDS.get(prev.lower_) == "killed" and prev.lemma_ in ("kill", "dead")
    return False


def _who(noun: Token) -> str | None:
    """Whom a people noun counts, from its modifiers first ("police officers", "civilian casualties")."""
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i:
            who = _WHO_MODIFIERS.get(child.lower_) or _WHO.get(child.lemma_.lower())
            if who:
                return who
    lemma = noun.lemma_.lower()
    if lemma == "member" or lemma in _COUNT_NOUNS:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "among"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return _who(obj)
    who = _WHO.get(lemma) or _WHO.get(noun.lower_)
    if who is None and noun.ent_type_ == "NORP":
        return None
    return who


def _is_people(tok: Token) -> bool:
    if tok.lemma_.lower() in _WHO or tok.lower_ in _WHO:
        return True
    return tok.ent_type_ == "NORP" and tok.tag_ in ("NNPS", "NNS", "NNP")


def _head_noun(sdoc: Doc, j: int, limit: int) -> tuple[Token | None, bool]:
    """The noun a number phrase ending before token ``j`` counts, and whether one follows at all.

    "12 civilians", "dozens of people", "three police officers", "12 of them" (no noun), "12 km" (not people).
    """
    k = j
    if k < limit and sdoc[k].lower_ == "of":
        k += 1
        if k < limit and sdoc[k].lower_ in ("them", "those", "whom", "us"):
            return None, False
        if k < limit and sdoc[k].lower_ in ("the", "their", "its", "these", "his", "her", "our", "my"):
            k += 1
    for i in range(k, min(limit, k + 5)):
        tok = sdoc[i]
        compound = tok.dep_ == "compound" and i + 1 < limit and sdoc[i + 1].pos_ in ("NOUN", "PROPN")
        if tok.pos_ in ("NOUN", "PROPN") and not compound:
            return tok, True
        if tok.pos_ in ("ADJ", "NOUN", "PROPN", "NUM") or tok.lower_ in _NOUN_MODIFIERS:
            if tok.lower_ in _KIND_WORDS and tok.pos_ != "NOUN" and i > k:
                return None, False
            if tok.lower_ in _KIND_WORDS and tok.lower_ not in _COUNT_NOUNS:
                return None, False
            if tok.lower_ in _COUNT_NOUNS and tok.pos_ == "ADJ" and not _is_people_after(sdoc, i, limit):
                return tok, True
            continue
        return None, False
    return None, False


def _is_people_after(sdoc: Doc, i: int, limit: int) -> bool:
    return i + 1 < limit and _is_people(sdoc[i + 1])


def _counts(sdoc: Doc, text: str) -> list[_Count]:
    """Every number phrase tied to a kind cue, plus vague counts: the candidates, before attachment.

    ``text`` is the article's text, the parse's own (``Doc.text`` rebuilds the string on every access).
    """
    out: list[_Count] = []
    used_nouns: set[int] = set()
    for m in _phrases(text):
        num_tokens = sdoc.char_span(m.start(), m.end())
        if num_tokens is None:
            continue
        i = num_tokens.start
        if any(t.ent_type_ in _SKIP_ENTS for t in num_tokens if t.like_num or t.lower_ in _NUMBER_WORDS):
            continue
        if i > 0 and sdoc[i - 1].lower_ in _NOT_BEFORE:
            continue
        if num_tokens.end < len(sdoc) and sdoc[num_tokens.end].text in _NOT_AFTER:
            continue
        bounds = _bounds(m)
        if bounds is None:
            continue
        c = _tie(sdoc, num_tokens, bounds)
        if c is not None:
            out.append(c)
            if c.noun is not None:
                used_nouns.add(c.noun)
    lower = sdoc.to_array(LOWER).tolist()
    out.extend(_singles(sdoc, [i for i, h in enumerate(lower) if h in _ARTICLE_IDS], used_nouns))
    out.extend(_vague_counts(sdoc, [i for i, h in enumerate(lower) if h in _VAGUE_NOUN_IDS], used_nouns))
    out.sort(key=lambda c: c.start)
    return out


def _tie(sdoc: Doc, num: SpacySpan, bounds: tuple[int | None, int | None, str]) -> _Count | None:
    """The count a number phrase makes with its cue, or None when it counts no people or has no cue."""
    sent = num.sent
    low, high, qual = bounds
    noun, has_noun = _head_noun(sdoc, num.end, sent.end)
    if noun is not None:
        if not (_is_people(noun) or noun.lower_ in _COUNT_NOUNS or noun.lemma_.lower() in _COUNT_NOUNS):
            return None
        head = noun
    elif has_noun:
        return None
    else:
        head = num[-1]
        if (
            head.dep_ == "nummod"
            and head.head.i > head.i
            and head.head.lower_ not in _KIND_WORDS
            and not _is_people(head.head)
        ):
            return None  # "12 vehicles", "three days": the parser's noun is not people.
    if _subset(head, num[0].i):
        return None
    if num[0].i > 0 and sdoc[num[0].i - 1].lower_ in ("the", "those", "these") and qual != "exact":
        pass
    cue, link = _cue(sdoc, head, num)
    if cue is None:
        return None
    kind = _kind(cue)
    if kind is None:
        return None
    who = _who(noun) if noun is not None else None
    if noun is not None and noun.lower_ in _COUNT_NOUNS and noun.i != cue.i:
        pass
    start_tok = min(num[0].i, cue.i)
    end_tok = max(num[-1].i, cue.i, noun.i if noun is not None else num[-1].i)
    start_tok, end_tok = _trim(sdoc, start_tok, end_tok, num, cue, noun)
    return _Count(
        kind=kind,
        low=low,
        high=high,
        qualifier=qual,
        who=who,
        start=sdoc[start_tok].idx,
        end=sdoc[end_tok].idx + len(sdoc[end_tok].text),
        cue=cue.i,
        noun=noun.i if noun is not None else None,
        link=link,
    )


def _trim(sdoc: Doc, start: int, end: int, num: SpacySpan, cue: Token, noun: Token | None) -> tuple[int, int]:
    """Keep the span to the count itself when the cue is far: the number phrase and its noun."""
    if end - start > 12:
        start = num[0].i
        end = noun.i if noun is not None else num[-1].i
    if num[0].i > 0 and sdoc[num[0].i - 1].lower_ in ("least", "more", "than", "to") and start == num[0].i:
        pass
    return start, end


def _subset(head: Token, first: int | None = None) -> bool:
    """ "12 people, including three children", "among them 6 children": the children are inside the 12."""
    doc = head.doc
    if first is not None and any(doc[k].lower_ in _SUBSET_PREPS for k in range(max(0, first - 3), first)):
        return True
    t = head
    for _ in range(3):
        if t.dep_ == "pobj" and t.head.lower_ in _SUBSET_PREPS:
            return True
        if t.dep_ in ("conj", "appos") or t.dep_ == "pobj":
            t = t.head
            continue
        break
    return False


def _cue(sdoc: Doc, head: Token, num: SpacySpan) -> tuple[Token | None, float]:
    """The kind cue a counted noun (or a bare number) depends on, and how sure the tie is."""
    if _cue_word(head):
        gov = head.head
        if head.dep_ in ("dobj", "nsubjpass") and gov.pos_ == "VERB" and _cue_word(gov):
            return gov, 0.95  # "beheaded four hostages": the verb says what happened to them
        return head, 0.95
    for child in head.children:
        if child.dep_ in ("amod", "acl", "relcl") and _cue_word(child):
            return child, 0.9
    t = head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and num.start <= head.head.head.i < num.end:
        t = head.head.head  # "two of his bodyguards", "dozens of people": the number carries the noun phrase
    for _ in range(4):
        if t.dep_ in ("conj", "appos") and t.head.i < t.i:
            t = t.head
            if _cue_word(t):
                return t, 0.9
            continue
        break
    if t.dep_ in _ARG_DEPS:
        gov = t.head
        if t.dep_ == "nsubj" and _agent_of(gov):
            return None, 0.0  # "12 gunmen killed 3 soldiers": the subject did it
        if _cue_word(gov):
            return gov, 0.95
        if gov.lemma_ in _RESULT_VERBS:
            for c in gov.children:
                if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "advcl", "prep") and c.i > t.i:
                    if _cue_word(c):
                        return c, 0.9
                    if c.dep_ == "prep" and any(g.lemma_ in ("home", "house") for g in c.subtree):
                        return c, 0.8  # "forced 5,000 from their homes"
        if gov.lemma_ == "take" and _takes_hostage(gov):
            return gov, 0.9
    if t.dep_ == "pobj":
        prep = t.head
        gov = prep.head
        if prep.lower_ in ("of", "to", "at") and _cue_word(gov) and gov.pos_ in ("NOUN", "PROPN"):
            return gov, 0.9  # "deaths of 12 people", "the killing of 12"
        if prep.lower_ in ("of", "to", "at", "by"):
            toll = _toll(gov)
            if toll is not None:
                return toll, 0.9
    # the number's own head: "12 dead" parsed as a number modifying "dead"
    if head.dep_ in ("nummod", "quantmod") and _cue_word(head.head):
        return head.head, 0.9
    return _window(sdoc, head, num)


def _agent_of(verb: Token) -> bool:
    """Whether the subject of ``verb`` is the one who harmed: an active transitive cue ("gunmen killed"), not
    "12 died" or a reduced passive ("8 were killed and 30 injured")."""
    if verb.pos_ != "VERB" or verb.lemma_ in _INTRANSITIVE or not _cue_word(verb):
        return False
    return verb.tag_ != "VBN" or any(c.dep_ == "dobj" for c in verb.children)


def _cue_word(tok: Token) -> bool:
    if tok.lower_ in ("body", "bodies", "corpse", "corpses", "toll", "life", "lives", "number", "count"):
        return tok.lower_ in ("body", "bodies", "corpse", "corpses") and tok.pos_ == "NOUN"
    return _kind(tok) is not None


def _toll(tok: Token) -> Token | None:
    """The kind cue of a toll: "the death toll" (rose to 40), "a toll of", "the number of dead/people killed"."""
    nouns = [tok] if tok.pos_ in ("NOUN", "PROPN") else []
    if tok.lemma_ in _TOLL_VERBS or tok.pos_ in ("VERB", "AUX"):
        nouns += [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    for n in nouns:
        if n.lemma_ not in _TOLL_NOUNS and n.lower_ not in _COUNT_NOUNS:
            continue
        if n.lower_ in _COUNT_NOUNS:
            return n
        for c in n.subtree:
            if c.i != n.i and _cue_word(c):
                return c
        if n.lemma_ == "toll":
            return n
    return None


def _window(sdoc: Doc, head: Token, num: SpacySpan) -> tuple[Token | None, float]:
    """A cue right next to the count: "12 dead", "30 were wounded", "killing at least 12", "toll rose to 40"."""
    sent = num.sent
    i = head.i + 1
    gaps = 0
    while i < sent.end and gaps <= 4:
        tok = sdoc[i]
        if _cue_word(tok) and tok.pos_ in ("VERB", "ADJ", "NOUN", "AUX") and not tok.like_num:
            if head.dep_ == "nsubj" and head.head.i == tok.i and _agent_of(tok):
                break
            return tok, 0.75
        if tok.lower_ in _GAP_WORDS or tok.pos_ in ("ADV", "AUX", "PART"):
            gaps += 1
            i += 1
            continue
        break
    i = num[0].i - 1
    gaps = 0
    while i >= sent.start and gaps <= 6:
        tok = sdoc[i]
        if tok.lower_ == "toll" or (tok.lemma_ in _TOLL_NOUNS and tok.pos_ == "NOUN"):
            return (_toll(tok) or tok), 0.8
        if _cue_word(tok) and tok.pos_ in ("VERB", "NOUN", "ADJ"):
            if tok.pos_ == "VERB" and gaps <= 1:
                return tok, 0.75
            if tok.pos_ != "VERB" and any(sdoc[k].lemma_ in _TOLL_VERBS for k in range(tok.i + 1, num[0].i)):
                return tok, 0.75  # "the number of dead rose to 40"
            return None, 0.0
        if tok.lower_ in _LEFT_GAP or tok.lemma_ in _TOLL_VERBS or tok.pos_ in ("ADV", "AUX"):
            gaps += 1
            i -= 1
            continue
        break
    return None, 0.0


def _singles(sdoc: Doc, candidates: Iterable[int], used: set[int]) -> list[_Count]:
    """ "a child was killed", "a police officer and two soldiers were wounded": one person."""
    out = []
    for k in candidates:
        tok = sdoc[k]
        if tok.dep_ != "det":
            continue
        noun = tok.head
        if noun.i in used or noun.tag_ != "NN" or noun.lemma_.lower() not in _WHO or noun.lemma_ in _NOT_ONE:
            continue
        if _subset(noun, tok.i):
            continue
        cue, link = _cue(sdoc, noun, sdoc[tok.i : tok.i + 1])
        if cue is None or (cue.pos_ == "NOUN" and cue.i != noun.i and cue.lower_ in ("casualty", "casualties")):
            continue
        kind = _kind(cue)
        if kind is None:
            continue
        start, end = min(tok.i, cue.i), max(noun.i, cue.i)
        if end - start > 12:
            start, end = tok.i, noun.i
        out.append(
            _Count(
                kind,
                1,
                1,
                "exact",
                _who(noun),
                sdoc[start].idx,
                sdoc[end].idx + len(sdoc[end].text),
                cue.i,
                noun.i,
                link * 0.9,
            )
        )
        used.add(noun.i)
    return out


def _vague_counts(sdoc: Doc, candidates: Iterable[int], used: set[int]) -> list[_Count]:
    """Counts with no number: "civilian casualties have been piling up", "heavy casualties", "killed civilians"."""
    out = []
    for k in candidates:
        tok = sdoc[k]
        if tok.i in used:
            continue
        lower = tok.lower_
        if lower in _VAGUE_NOUNS and tok.pos_ == "NOUN":
            if any(c.dep_ == "nummod" for c in tok.children) or _number_before(sdoc, tok):
                continue
            kind = _KIND_WORDS[lower]
            start = tok.i
            for c in tok.children:
                if c.dep_ in ("amod", "compound") and c.i < tok.i:
                    start = min(start, c.i)
            out.append(
                _Count(
                    kind, None, None, "vague", _who(tok), sdoc[start].idx, tok.idx + len(tok.text), tok.i, tok.i, 0.6
                )
            )
            continue
        if tok.tag_ == "NNS" and _is_people(tok) and tok.dep_ in ("nsubjpass", "dobj", "nsubj"):
            if any(c.dep_ in ("det", "poss", "nummod") or c.lower_ in _DEFINITE for c in tok.children):
                continue
            if _number_before(sdoc, tok):
                continue
            gov = tok.head
            if not _cue_word(gov) or gov.pos_ != "VERB":
                continue
            if tok.dep_ == "nsubj" and gov.lemma_ not in ("die", "flee", "perish"):
                continue
            kind = _kind(gov)
            if kind is None:
                continue
            start, end = min(tok.i, gov.i), max(tok.i, gov.i)
            if end - start > 10:
                start = end = tok.i
            out.append(
                _Count(
                    kind,
                    None,
                    None,
                    "vague",
                    _who(tok),
                    sdoc[start].idx,
                    sdoc[end].idx + len(sdoc[end].text),
                    gov.i,
                    tok.i,
                    0.55,
                )
            )
    return out


def _number_before(sdoc: Doc, tok: Token) -> bool:
    for k in range(max(tok.sent.start, tok.i - 4), tok.i):
        t = sdoc[k]
        if (
            t.like_num
            or t.lower_ in _NUMBER_WORDS
            or t.lower_ in ("dozens", "hundreds", "thousands", "scores", "several", "many", "few", "dozen", "millions")
        ):
            return True
    return False


# --- attachment -------------------------------------------------------------------------------------------------


class _EventIndex:
    """Events by the tokens of their triggers, for attaching a count to the event its cue belongs to."""

    def __init__(self, events: list[Event], sdoc: Doc, quoted: list[tuple[int, int]]):
        self.quoted = quoted
        self.by_token: dict[int, Event] = {}
        # (first token of a trigger mention, its event, the quote it lies in), by token
        self.positions: list[tuple[int, Event, tuple[int, int] | None]] = []
        for event in events:
            for span in (event.trigger, *event.mentions):
                tokens = sdoc.char_span(span.start, span.end, alignment_mode="expand")
                if tokens is None or len(tokens) == 0:
                    continue
                for t in tokens:
                    self.by_token.setdefault(t.i, event)
                self.positions.append((tokens.start, event, self._quote_of(tokens[0].idx)))
        self.positions.sort(key=lambda p: p[0])
        self._tokens = [p[0] for p in self.positions]

    def attach(self, sdoc: Doc, cue_i: int) -> tuple[Event, float] | None:
        """The event a cue belongs to and how well it fits; None when none fits or it is a speech act."""
        cue = sdoc[cue_i]
        if _unreal(cue):
            return None
        own = self.by_token.get(cue_i)
        if own is not None:
            return None if own.type in SPEECH_ACT_TYPES else (own, 1.0)
        t = cue
        while t.head.i != t.i:
            t = t.head
            ev = self.by_token.get(t.i)
            if ev is not None:
                if ev.type == "THREATEN":
                    return None
                if ev.type not in SPEECH_ACT_TYPES:
                    return ev, 0.9
        for child in cue.children:
            for d in (child, *child.children):
                ev = self.by_token.get(d.i)
                if ev is not None and ev.type not in SPEECH_ACT_TYPES:
                    return ev, 0.9
        sent = cue.sent
        voice = self._quote_of(cue.idx)
        best = None
        for pos, ev in self._material_in(sent.start, sent.end, voice):
            dist = abs(pos - cue_i)
            if best is None or dist < best[0]:
                best = (dist, ev)
        if best is not None:
            return best[1], 0.8
        if sent.start > 0:
            prev = sdoc[sent.start - 1].sent
            last = self._material_in(prev.start, prev.end, voice)
            if last:
                return last[-1][1], 0.6
        return None

    def _material_in(self, lo: int, hi: int, voice: tuple[int, int] | None) -> list[tuple[int, Event]]:
        """The material events with a trigger mention in tokens ``lo``..``hi`` - 1 said in the same voice (the same
        quote, or outside quotes) as the cue, in text order."""
        out = []
        for k in range(bisect_left(self._tokens, lo), bisect_left(self._tokens, hi)):
            pos, ev, quote = self.positions[k]
            if quote == voice and ev.type in MATERIAL_TYPES:
                out.append((pos, ev))
        return out

    def _quote_of(self, char: int) -> tuple[int, int] | None:
        return next((q for q in self.quoted if q[0] <= char < q[1]), None)


def _unreal(cue: Token) -> bool:
    """A harm the text does not say happened: "did not kill", "would arrest", "threatened to kill", "plans to"."""
    verb = cue if cue.pos_ in ("VERB", "AUX", "ADJ") else cue.head
    for child in verb.children:
        if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in _UNREAL_AUX):
            return True
    t = verb
    for _ in range(3):
        if t.dep_ not in ("xcomp", "ccomp", "conj") or t.head.i == t.i:
            break
        t = t.head
        if t.lemma_ in _INTENT_VERBS:
            return True
    return False
