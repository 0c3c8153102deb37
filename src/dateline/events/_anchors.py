"""Where and when an event happened: the toponym and time expression tied to its trigger.

Place: a toponym in the trigger's syntactic subtree (prepositional phrases "in/at/near X"), else the
nearest in the same sentence, else the nearest in the same paragraph (earlier first), else the
dateline place. Date: a time expression in the trigger's clause (or governing it: "in 2014, when it
declared"), else the nearest in the sentence, else the dateline date, else the publication date;
each choice is labelled so a fallback is never mistaken for evidence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..actors._lexicon import PLACE_NOUNS
from ..model import EventDate, EventPlace, Place, Span, TimeExpr
from .lexicon import LEXICON, word_set

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..document import Document

_COUNTRY_CODES = frozenset(["PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "ADM1", "TERR", "CONT", "RGN"])
_NON_PLACE_DEPS = frozenset(["poss", "amod", "npadvmod"])  # "Iraq's Vice President", "Iraqi sources", "US-led"
# Prepositions that place an event ("in Mosul", "out of Mosul"); others ("support from Russia") do not.
_LOCATIVE = word_set("in at near to into inside outside across around through throughout of out on over")
_NON_LOCATIVE = word_set("from with by for about against")


_OBJECTS = frozenset(["dobj", "obj"])
# Verbs whose object is a party, not a place: speech verbs and the triggers of verbal events.
_PARTY_VERBS = word_set("say tell urge ask help warn thank") | frozenset(
    row.lemma
    for row in LEXICON
    if row.pos == "V"
    and row.type in ("REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION", "SUPPORT", "AGREE", "COOPERATE")
)


# ACLED precision 2 for a town: the text puts the event near it, not in it ("near Mosul", "30 km south of
# Mosul", "on the outskirts of Mosul", "the Mosul area").
_NEAR_BEFORE = re.compile(
    r"(?:\bnear(?:by)?|\boutside(?: of)?|\boutskirts of|\bclose to|\bvicinity of|\bsurroundings of|\baround"
    r"|\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)? of"
    r"|\b(?:km|kms|kilometres|kilometers|miles|mi)\.?(?: \w+)? (?:from|of))"
    r"(?: the)?(?: (?:city|town|village|port|capital) of)?\s+$",
    re.IGNORECASE,
)
_NEAR_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:area|areas|region|countryside|outskirts|surroundings|environs)\b", re.IGNORECASE
)


def _near_cue(text: str, start: int, end: int) -> str | None:
    """The words that put an event near a town rather than in it, if any ("near", "south of", "area")."""
    before = _NEAR_BEFORE.search(text[max(0, start - 40) : start])
    if before:
        return before.group(0).strip().lower()
    after = _NEAR_AFTER.match(text[end : end + 20])
    return after.group(0).strip().lower() if after else None


def _precision(place: Place) -> int:
    """ACLED-style geo precision from the GeoNames feature: 1 town, 2 region/near, 3 country or division."""
    if place.feature_class == "P":
        return 1
    if place.feature_code in _COUNTRY_CODES:
        return 3
    return 2


class Anchors:
    """Place and time mentions of one document, indexed by token for the per-event lookups."""

    def __init__(self, doc: Document):
        self.doc = doc
        sd = doc.spacy_doc
        self.dateline_place: Span | None = None
        self.dateline_date: str | None = None
        self.dateline_geonameid: int | None = None
        dl = doc.article.dateline
        if dl is not None:
            self.dateline_place = dl.place
            self.dateline_date = dl.date_value
            self.dateline_geonameid = dl.geonameid
        skip = (dl.place.start, dl.place.end) if dl is not None and dl.place is not None else None
        self.place_tokens: dict[int, tuple[Place, Span]] = {}
        # toponyms used as participants ("urged Turkey", "Moscow denied"): never an event's place
        self.not_locative: set[int] = set()
        for place in doc.places:
            for m in place.mentions:
                if skip is not None and m.start < skip[1] and skip[0] < m.end:
                    continue
                span = sd.char_span(m.start, m.end, alignment_mode="expand")
                if span is None or span.root.dep_ in _NON_PLACE_DEPS:
                    continue
                for t in span:
                    self.place_tokens[t.i] = (place, m)
                if not self._in_locative_phrase(span.root):
                    self.not_locative.update(t.i for t in span)
        self.time_tokens: dict[int, TimeExpr] = {}
        dl_date = (dl.date.start, dl.date.end) if dl is not None and dl.date is not None else None
        for te in doc.times:
            if not te.value:
                continue
            if dl_date is not None and te.span.start < dl_date[1] and dl_date[0] < te.span.end:
                continue  # the dateline's own date is the labelled fallback, not evidence in the text
            span = sd.char_span(te.span.start, te.span.end, alignment_mode="expand")
            if span is not None:
                for i in range(span.start, span.end):
                    self.time_tokens[i] = te
        self.time_order = sorted(self.time_tokens)
        self.place_order = sorted(self.place_tokens)
        # four-digit years the NER saw as dates, for events whose time the times stage left without a value
        self.years = [
            e.start
            for e in sd.ents
            if e.label_ == "DATE"
            and len(e) == 1
            and e.text.isdigit()
            and len(e.text) == 4
            and 1900 <= int(e.text) <= 2100
        ]

    # ---- place
    def place(
        self,
        trigger: Token,
        head: Token,
        sent: tuple[int, int],
        para: tuple[int, int],
        material: bool = True,
        args: list[tuple[int, int]] | None = None,
    ) -> EventPlace | None:
        """The event's place: a locative phrase of the trigger (the shallowest), else the nearest toponym.

        A toponym in the trigger's subtree that is not locative ("air support from Russia", "accused Moscow") is an
        argument, not a place, and is skipped by the fallbacks too; for verbal events (accusations, sanctions,
        requests) so is a toponym inside an argument ("the government in Minsk", "sanctions on Belarus").
        """
        found: list[tuple[int, int]] = []
        excluded: set[int] = set(self.not_locative)
        if not material and args:  # "called on Ankara", "sanctions on Belarus": a participant, not the place
            excluded.update(i for i, v in self.place_tokens.items() if any(s <= v[1].start < e for s, e in args))
        sd = head.doc
        lo, hi = head.left_edge.i, head.right_edge.i  # the parse is projective: a subtree is a contiguous span
        for i in self.place_order:
            if i < lo or i in excluded:
                continue
            if i > hi:
                break
            t = sd[i]
            if self._same_clause(t, head) and self._locative(t, head, None if material else trigger):
                found.append((self._depth(t, head), t.i))
            else:
                excluded.add(t.i)
        if found:
            return self._event_place(*self.place_tokens[min(found)[1]], "syntax")
        # A statement, accusation or request happens where its speaker is: a toponym elsewhere in its sentence is
        # a topic, so only material events (and meetings) borrow a place from their context.
        best = self._nearest(trigger, sent, prefer_before=False, excluded=excluded) if material else None
        if best is not None:
            return self._event_place(*best, "sentence")
        best = self._nearest(trigger, para, prefer_before=True, excluded=excluded) if material else None
        if best is not None:
            return self._event_place(*best, "paragraph")
        if self.dateline_place is not None:
            # the dateline's precision is its place's: a town 1, a country or state 3 ("IRAQ —")
            known = next((p for p in self.doc.places if p.geonameid and p.geonameid == self.dateline_geonameid), None)
            return EventPlace(
                geonameid=self.dateline_geonameid,
                name=self.dateline_place.text,
                span=self.dateline_place,
                precision=_precision(known) if known is not None else 1,
                reason="dateline" if known is not None else "dateline;unresolved",
            )
        return None

    def _nearest(
        self, trigger: Token, window: tuple[int, int], prefer_before: bool, excluded: set[int] = frozenset()
    ) -> tuple[Place, Span] | None:
        found = [
            (i, v)
            for i, v in self.place_tokens.items()
            if window[0] <= v[1].start and v[1].end <= window[1] and i not in excluded
        ]
        if not found:
            return None
        if prefer_before:
            before = [(i, v) for i, v in found if i < trigger.i]
            if before:
                return max(before, key=lambda x: x[0])[1]
        return min(found, key=lambda x: abs(x[0] - trigger.i))[1]

    @staticmethod
    def _in_locative_phrase(tok: Token) -> bool:
        """True for a toponym in a locative phrase ("in Mosul", "the outskirts of Mosul") or the object of a
        material verb ("visited Moscow"); false for subjects, owners and parties ("urged Turkey")."""
        cur = tok
        for _ in range(4):
            if cur.dep_ in ("compound", "conj", "appos", "amod", "nmod") and cur.head is not cur:
                cur = cur.head
                continue
            break
        if cur.dep_ in _OBJECTS:
            # "visited Moscow", "shelled Kharkiv": the place; "urged Turkey", "accused Moscow": a party
            return cur.head.lemma_.lower() not in _PARTY_VERBS
        if cur.dep_ != "pobj":
            return False
        prep = cur.head
        if prep.lower_ == "of":
            return prep.head.lemma_.lower() in PLACE_NOUNS
        return prep.lower_ in _LOCATIVE

    @staticmethod
    def _depth(t: Token, head: Token) -> int:
        depth, cur = 0, t
        while cur.i != head.i and cur.head.i != cur.i:
            cur, depth = cur.head, depth + 1
        return depth

    @staticmethod
    def _locative(t: Token, head: Token, trigger: Token | None = None) -> bool:
        """True when the path from toponym ``t`` up to ``head`` passes a locative preposition and no other.

        "of" is locative only under a place noun ("the outskirts of Mosul", not "the ministers of Turkey"). With
        ``trigger`` given (a verbal event), the path may not pass through another noun: the place must modify the
        event, not one of its arguments.
        """
        cur, seen = t, False
        while cur.i != head.i and cur.head.i != cur.i:
            if cur.dep_ == "prep" or cur.pos_ == "ADP":
                if cur.lower_ in _NON_LOCATIVE:
                    return False
                if cur.lower_ == "of":
                    seen = seen or cur.head.lemma_.lower() in PLACE_NOUNS
                else:
                    seen = seen or cur.lower_ in _LOCATIVE
            elif (
                seen
                and trigger is not None
                and cur.i != trigger.i
                and cur.pos_ in ("NOUN", "PROPN")
                and cur.lemma_.lower() not in PLACE_NOUNS
            ):
                return False  # "the government in Minsk": the place of an argument
            cur = cur.head
        return seen

    @staticmethod
    def _same_clause(t: Token, head: Token) -> bool:
        """True when no other verb stands between ``t`` and ``head`` (the toponym belongs to this event)."""
        cur = t
        while cur.i != head.i and cur.head.i != cur.i:
            cur = cur.head
            if cur.i != head.i and cur.pos_ == "VERB":
                return False
        return True

    def _bare_year(self, head: Token, sent: tuple[int, int]) -> Token | None:
        """A four-digit year the times stage left without a value: unambiguous on its own ("in 2014")."""
        if not self.years:
            return None
        near = [a.i for a in list(head.ancestors)[:2]]
        lo, hi = head.left_edge.i, head.right_edge.i
        sd = head.doc
        for i in self.years:
            t = sd[i]
            if sent[0] <= t.idx < sent[1] and (lo <= i <= hi or i in near):
                return t
        return None

    def _event_place(self, place: Place, mention: Span, reason: str) -> EventPlace:
        if not place.resolved or place.geonameid is None:
            return EventPlace(geonameid=None, name=place.name, span=mention, precision=2, reason=f"{reason};unresolved")
        precision = _precision(place)
        if precision == 1:
            cue = _near_cue(self.doc.text, mention.start, mention.end)
            if cue is not None:
                precision, reason = 2, f"{reason};near:{cue}"
        return EventPlace(geonameid=place.geonameid, name=place.name, span=mention, precision=precision, reason=reason)

    # ---- date
    def date(self, trigger: Token, head: Token, sent: tuple[int, int]) -> EventDate:
        te = None
        sd = head.doc
        lo, hi = head.left_edge.i, head.right_edge.i  # the parse is projective: a subtree is a contiguous span
        for i in self.time_order:  # the first time expression in the trigger's subtree, in text order
            if lo <= i <= hi and self._same_clause(sd[i], head):
                te = self.time_tokens[i]
                break
        if te is None:
            for anc in list(head.ancestors)[:2]:
                if anc.i in self.time_tokens:
                    te = self.time_tokens[anc.i]
                    break
        if te is None:
            in_sent = [(i, v) for i, v in self.time_tokens.items() if sent[0] <= v.span.start and v.span.end <= sent[1]]
            if in_sent:
                te = min(in_sent, key=lambda x: abs(x[0] - trigger.i))[1]
        if te is not None:
            return EventDate(value=te.value, granularity=te.granularity, span=te.span, basis="text")
        year = self._bare_year(head, sent)
        if year is not None:
            return EventDate(
                value=year.text, granularity="year", span=self.doc.span(year.idx, year.idx + 4), basis="text"
            )
        if self.dateline_date:
            return EventDate(value=self.dateline_date, granularity="day", span=None, basis="dateline")
        published = self.doc.article.published
        if published:
            return EventDate(value=published, granularity="day", span=None, basis="published")
        return EventDate(basis="unknown")
