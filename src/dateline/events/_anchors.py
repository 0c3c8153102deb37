"""Where and when an event happened: the toponym and time expression tied to its trigger.

Place, for every event type, first found wins (reason in brackets):
1. a locative toponym of the trigger's own clause, the shallowest ("syntax");
2. one of a clause sharing its subject: a conjunct ("kidnapped advisers ... and exploded bombs in Kabul"), the
   clause a subjectless participle or infinitive hangs on ("sent personnel to Bosnia to investigate") ("conjunct");
3. material events only: a toponym premodifying the event noun ("the Paris attacks", "Hong Kong protests"): a town
   for any act, a country only for a protest, since before an act done abroad it names the actor ("US strikes")
   ("premodifier");
4. the nearest location toponym of its sentence ("sentence"); for a statement never one describing a thing
   ("reaction to the Benghazi attacks", "aid to Ukraine", "claims in the South China Sea"): that is what it is
   about, not where it was made;
5. the town or county a participant is the local body of ("Berea police", "the Bronx County court"): a local body
   acts where it sits ("seat");
6. material events only: the paragraph's, else the lead's (the article's first paragraph, where news sets the
   scene of its main incident), the most specific of the nearest sentence that names one ("paragraph", "article");
   a place named in some other earlier paragraph is no evidence of where this incident happened; a statement's
   paragraph is its topic, not where it was made;
7. the dateline's place ("dateline").
Steps 5-7 borrow a place from the context and lower its precision one step (a town becomes its area, 2).
Only location toponyms count: never a mention the places stage marked as naming a people or government
(``Place.actor_mentions``: "Iraqi", "Washington said"), a speaker's place ("sources in Pakistan said", "told
reporters in Bamako"), a non-locative one ("air support from Russia", "urged Turkey", "ships linked to Israel"),
and for verbal events a participant ("sanctions on Belarus", "accused the government in Minsk"). Precision 1/2/3 as
ACLED (town, near a town or a region, country or first-order division), with the reason.

Date, first found wins:
1. a time expression in the trigger's own clause (the one closest to it in the tree: "said on Wednesday it had
   killed 20 militants last week" dates the killing by "last week");
2. one governing it: attached to a clause above the trigger ("said on Tuesday that forces raided Jenin"), or the
   time a "when" clause hangs on ("in 2014, when it declared a Caliphate"); above a relative clause only a time
   written before the trigger counts ("the militants, who seized the town, attacked on Friday" does not date the
   seizure);
3. for an event inside a quote, the time the quote was said ("... told the Daily Telegraph at the time");
4. the paragraph's: the nearest earlier sentence of the paragraph whose main clause carries a day-level date ("On
   Tuesday, gunmen stormed a hotel. They killed 12."), not for present-tense triggers ("have since retaken"), and
   never the day a statement was made (", a spokeswoman said Tuesday" dates the saying only) nor a time that
   premodifies a noun ("a suspect in a March 21 robbery" dates that robbery only); a
   year, month or "since" span there is background and dates nothing after it ("The town fell in 2012. Troops
   shelled it.");
5. the dateline's date (basis "dateline"), else the publication date (basis "published"), else "unknown"; never for
   a clause in the past perfect ("had met in secret"): it tells what came before the report's time ("unknown").
Steps 1-4 have basis "text", and keep an expression the times stage could not resolve (value None, its span and
granularity) rather than replace it with a fallback. A time premodifying another noun dates that noun only ("arrested
a suspect in the 2019 bombing"). ``EventDate.confidence`` is the time expression's confidence times the step's weight
(1, 0.85, 0.7, 0.75), capped at 0.4 for a value without its year ("--04-16") and 0.2 for an unresolved one; the
fallbacks are labelled guesses: a NER year 0.8, the dateline 0.5 (0.2 year-less), the publication date 0.3, none 0.

The parse-tree tests both lookups use (locative phrase, speaker, same clause, linked clauses) are in ``_clauses``;
the word lists in ``_lexicon``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from ..model import EventDate, EventPlace, Place, Span, TimeExpr
from ..syntax import dependents
from ._clauses import (
    _CLAUSE_POS,
    _OBJECTS,
    _clause_key,
    _dates_another_noun,
    _depth,
    _describes_a_thing,
    _in_locative_phrase,
    _in_other_content,
    _in_speaker,
    _linked_clauses,
    _locative,
    _same_clause,
    _strictly_locative,
    _verb_above,
)
from ._lexicon import ACTOR_HEADS, DEPARTURE, LOCAL_BODIES, NEAR_AFTER, NEAR_BEFORE, SPEECH, STRICT_LOCATIVE

if TYPE_CHECKING:
    from collections.abc import Callable, Container

    from spacy.tokens import Doc, Token

    from ..document import Document

_COUNTRY_CODES = frozenset(["PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "ADM1", "TERR", "CONT", "RGN"])
_LOCAL_CODES = frozenset(["ADM2", "ADM3", "ADM4", "ADM5", "PPLX"])  # counties, municipalities, city districts
_NON_PLACE_DEPS = frozenset(["poss", "amod", "npadvmod"])  # "Iraq's Vice President", "Iraqi sources", "US-led"


_RELATIVE = frozenset(["relcl", "acl"])
# A clause spanning more words than this (never one of news text) is searched for its place only near its head.
_CLAUSE_WINDOW = 200
# how sure an event date is: the time expression's own confidence times the weight of the step that found it;
# a value without its year ("--04-16", the year-less dateline) is capped, the fallbacks are labelled guesses
_GOVERNING_WEIGHT = 0.85  # "said on Tuesday that forces raided Jenin": the raid was on or before Tuesday
_QUOTE_WEIGHT = 0.7  # the time a quote was said bounds what it tells
_PARAGRAPH_WEIGHT = 0.75  # carried on from an earlier sentence
_UNRESOLVED_CAP = 0.2  # the text dates the event but the value is unknown
_YEARLESS_CAP = 0.4
_BARE_YEAR_CONFIDENCE = 0.8
_DATELINE_CONFIDENCE = 0.5
_PUBLISHED_CONFIDENCE = 0.3
_YEARLESS = re.compile(r"(?:^|/)--")
_PARA_BREAK = re.compile(r"\n\s*\n")
_INF = float("inf")


def _near_cue(text: str, start: int, end: int) -> str | None:
    """The words that put an event near a town rather than in it, if any ("near", "south of", "area")."""
    before = NEAR_BEFORE.search(text[max(0, start - 40) : start])
    if before:
        return before.group(0).strip().lower()
    after = NEAR_AFTER.match(text[end : end + 20])
    return after.group(0).strip().lower() if after else None


def _precision(place: Place) -> int:
    """ACLED-style geo precision from the GeoNames feature: 1 town, 2 region/near, 3 country or division."""
    if place.feature_class == "P":
        return 1
    if place.feature_code in _COUNTRY_CODES:
        return 3
    return 2


def _background(head: Token) -> bool:
    """A clause in the past perfect ("had met", "had been arrested"): an event before the report's own time."""
    return head.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in dependents(head))


def paragraph_at(paragraphs: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The paragraph (of ``paragraphs``, sorted and disjoint) containing ``offset``, or None."""
    k = bisect_right(paragraphs, (offset, _INF)) - 1
    if k >= 0 and paragraphs[k][0] <= offset < paragraphs[k][1]:
        return paragraphs[k]
    return None


def _narrates(te: TimeExpr) -> bool:
    """True for a time that can carry on to the next sentences: a day or week, or a span of a few days."""
    if te.granularity in ("day", "week"):
        return True
    if te.granularity == "interval" and te.value:
        ends = te.value.split("/")
        if len(ends) == 2 and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", e) for e in ends):
            from datetime import date

            a, b = (date.fromisoformat(e) for e in ends)
            return (b - a).days <= 7
    return False


class _Either:
    """Membership in any of several containers."""

    def __init__(self, *parts: Container[int]):
        self.parts = parts

    def __contains__(self, item: object) -> bool:
        return any(item in part for part in self.parts)


class _OtherContent:
    """The toponym tokens in the content of a clause other than ``head``'s, decided for the tokens asked about only
    (a statement's search walks out from its trigger and stops at the first usable toponym)."""

    def __init__(self, head: Token):
        self.head = head
        self.memo: dict[int, bool] = {}

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, int):
            return False
        if item not in self.memo:
            self.memo[item] = _in_other_content(self.head.doc[item], self.head)
        return self.memo[item]


class _Describing:
    """The toponym tokens describing a thing rather than where an act was done (``_describes_a_thing``), decided
    for the tokens asked about only."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.memo: dict[int, bool] = {}

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, int):
            return False
        if item not in self.memo:
            self.memo[item] = _describes_a_thing(self.doc[item])
        return self.memo[item]


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
            self.dateline_geonameid = doc.dateline_geonameid
        skip = (dl.place.start, dl.place.end) if dl is not None and dl.place is not None else None
        # mentions naming a people or a government ("Iraqi", "Washington said"): never an event's place
        self.actor_spans = [(m.start, m.end) for place in doc.places for m in place.actor_mentions]
        self.place_tokens: dict[int, tuple[Place, Span]] = {}
        # toponyms used as participants ("urged Turkey", "Moscow denied"): never an event's place
        self.not_locative: set[int] = set()
        for place in doc.places:
            for m in place.mentions:
                if skip is not None and m.start < skip[1] and skip[0] < m.end:
                    continue
                if any(s < m.end and m.start < e for s, e in self.actor_spans):
                    continue
                span = sd.char_span(m.start, m.end, alignment_mode="expand")
                if span is None or (span.root.dep_ in _NON_PLACE_DEPS and not self._owns_a_place(span.root)):
                    continue
                for t in span:
                    self.place_tokens[t.i] = (place, m)
                if not _in_locative_phrase(span.root) or _in_speaker(span.root):
                    self.not_locative.update(t.i for t in span)
        self.time_tokens: dict[int, TimeExpr] = {}
        self.time_roots: dict[tuple[int, int], Token] = {}  # a time expression's (start, end) -> its span's root token
        dl_date = (dl.date.start, dl.date.end) if dl is not None and dl.date is not None else None
        for te in doc.times:
            if not te.value and te.granularity == "unknown" and te.confidence < 0.25:
                continue  # a vague expression with nothing known ("at the time" with no referent) dates no clause
            if dl_date is not None and te.span.start < dl_date[1] and dl_date[0] < te.span.end:
                continue  # the dateline's own date is the labelled fallback, not evidence in the text
            span = sd.char_span(te.span.start, te.span.end, alignment_mode="expand")
            if span is not None:
                self.time_roots[(te.span.start, te.span.end)] = span.root
                for i in range(span.start, span.end):
                    self.time_tokens[i] = te
        self.time_order = sorted(self.time_tokens)
        # the time expressions of each clause (by its verb, see _clause_key), for the clauses above a trigger
        self._clause_times: dict[int, list[tuple[int, TimeExpr]]] = {}
        seen: set[int] = set()
        for te in (self.time_tokens[i] for i in self.time_order):  # each once, in text order
            if id(te) in seen:
                continue
            seen.add(id(te))
            root = self.time_roots[(te.span.start, te.span.end)]
            self._clause_times.setdefault(_verb_above(root), []).append((root.i, te))
        # times said with a quote ("told the Daily Telegraph at the time"): by quote extent
        self.quote_times: list[tuple[int, int, TimeExpr]] = []
        for q in doc.quotes:
            if q.said_at is not None:
                te = next((t for t in doc.times if t.span.start == q.said_at.start), None)
                if te is not None:
                    self.quote_times.append((q.start, q.end, te))
        self.paragraphs = doc.paragraph_spans()
        self.place_order = sorted(self.place_tokens)
        # the character offset of each token of ``place_order``, to bisect a character window to its toponyms
        self._place_chars = [sd[i].idx for i in self.place_order]
        # a toponym token's rank in ``place_tokens``' own order, which breaks ties between equally near toponyms
        self._place_rank = {i: n for n, i in enumerate(self.place_tokens)}
        # (mention start, token) of every toponym token, sorted, for the toponyms inside a participant's words
        self._mention_starts = sorted((m.start, i) for i, (_p, m) in self.place_tokens.items())
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
        domestic: bool = False,
    ) -> EventPlace | None:
        """The event's place, by the principle in the module docstring: its own clause, a clause linked to it
        (conjoined or a subjectless participle/infinitive sharing its subject), a toponym premodifying a material
        event's noun, its sentence, the seat of a local body taking part, then for material events the paragraph and
        the article before it, then the dateline; the last four lower the precision.

        Only location toponyms count: never a mention naming a people or government, a speaker's location
        ("sources in Pakistan said", "told reporters in Bamako"), or a non-locative toponym ("air support from
        Russia", "urged Turkey"); for verbal events never a toponym inside a participant ("sanctions on Belarus",
        "accused the government in Minsk").
        """
        excluded: Container[int] = self.not_locative
        if not material:
            extra: set[int] = set()
            other_content = _OtherContent(head)
            excluded = _Either(self.not_locative, extra)
        if not material and args:
            # a participant of a verbal event is no place ("sanctions on Belarus", "called on Ankara"), unless its
            # preposition can only be locative ("found shelter in Austria" coded with Germany as the target)
            extra.update(i for i in self._in_args(args) if not _strictly_locative(head.doc[i]))
            extra.update(self._object_modifiers(head, args))
        verbal = None if material else trigger
        departure = trigger.lemma_.lower() in DEPARTURE
        best = self._clause_place(head, verbal, departure, excluded)
        if best is not None:
            return self._event_place(*best, "syntax")
        for linked in _linked_clauses(head):
            best = self._clause_place(linked, verbal, departure, excluded)
            if best is not None:
                return self._event_place(*best, "conjunct")
        if material:
            best = self._premodifier(trigger, domestic)
            if best is not None:
                return self._event_place(*best, "premodifier")
        if not material:
            # what a statement is about is not where it was made: skip the content of any other clause's complement
            # ("Baghdad was ready to cooperate but urged Turkey to respect Iraq's sovereignty in the Kurdistan Region")
            # (only the sentence's toponyms: a statement takes no place from outside its sentence)
            excluded = _Either(self.not_locative, extra, other_content, _Describing(head.doc))
        best = self._nearest(trigger, sent, excluded)
        if best is not None:
            return self._event_place(*best, "sentence")
        best = self._seat(args or [])
        if best is not None:
            return self._event_place(*best, "seat", lower=True)
        if material:
            # the story's scene: the paragraph's place, else the lead's; the event is
            # only known to be somewhere there, hence one step less precise (ACLED 1 -> 2 -> 3)
            best = self._earlier(trigger, para, excluded)
            if best is not None:
                return self._event_place(*best, "paragraph", lower=True)
            lead = self.paragraphs[0] if self.paragraphs else None
            if lead is not None and lead[1] <= para[0]:
                best = self._earlier(trigger, lead, excluded)
                if best is not None:
                    return self._event_place(*best, "article", lower=True)
        if self.dateline_place is not None:
            # the dateline says where the report was filed, not that the event was in that very town
            known = next((p for p in self.doc.places if p.geonameid and p.geonameid == self.dateline_geonameid), None)
            return EventPlace(
                geonameid=self.dateline_geonameid,
                name=self.dateline_place.text,
                span=self.dateline_place,
                precision=min(3, _precision(known) + 1) if known is not None else 2,
                reason="dateline" if known is not None else "dateline;unresolved",
            )
        return None

    def _clause_place(
        self, head: Token, verbal: Token | None, departure: bool, excluded: Container[int]
    ) -> tuple[Place, Span] | None:
        """The shallowest locative toponym of ``head``'s own clause (not of a clause embedded in it)."""
        found: list[tuple[int, int]] = []
        lo, hi = head.left_edge.i, head.right_edge.i  # the parse is projective: a subtree is a contiguous span
        if hi - lo > _CLAUSE_WINDOW:  # a list of hundreds of clauses: the toponyms near this one, not the whole list
            lo, hi = max(lo, head.i - _CLAUSE_WINDOW // 2), min(hi, head.i + _CLAUSE_WINDOW // 2)
        for k in range(bisect_left(self.place_order, lo), len(self.place_order)):
            i = self.place_order[k]
            if i > hi:
                break
            if i in excluded:
                continue
            t = head.doc[i]
            if _same_clause(t, head) and _locative(t, head, verbal, departure):
                found.append((_depth(t, head), t.i))
        return self.place_tokens[min(found)[1]] if found else None

    def _premodifier(self, trigger: Token, domestic: bool) -> tuple[Place, Span] | None:
        """A toponym premodifying the event noun: "the Paris attacks", "Hong Kong protests". A town names where the
        act happened; a country names it only for acts its people do at home (``domestic``: protests), since before
        an act done abroad it names the actor ("US strikes")."""
        if trigger.pos_ not in ("NOUN", "PROPN"):
            return None
        for c in dependents(trigger):
            if c.dep_ != "compound" or c.i >= trigger.i or c.i not in self.place_tokens:
                continue
            place, mention = self.place_tokens[c.i]
            if place.resolved and (domestic or place.feature_class == "P"):
                return place, mention
        return None

    def _owns_a_place(self, tok: Token) -> bool:
        """True for a possessive toponym whose possession is no actor and sits in a locative phrase: "in Greece's
        biggest trial", "in Syria's north" are in that country; "Iraq's Vice President", "Russia's defence ministry"
        are actors, "respect Iraq's sovereignty" no location."""
        if tok.dep_ != "poss" or tok.head.pos_ not in ("NOUN", "PROPN"):
            return False
        owned = tok.head
        if owned.dep_ != "pobj" or owned.head.lower_ not in STRICT_LOCATIVE:
            return False
        if owned.ent_type_ in ("PERSON", "ORG", "NORP") or owned.lemma_.lower() in ACTOR_HEADS:
            return False
        phrase = (tok.right_edge.i + 1, owned.i + 1)  # the words after the possessive up to the owned noun
        start, end = tok.doc[phrase[0]].idx, owned.idx + len(owned)
        return self.doc.actor_at(start, end) is None

    def _object_modifiers(self, head: Token, args: list[tuple[int, int]]) -> set[int]:
        """Toponyms of a locative phrase right after a verbal event's participant object: the participant's, whatever
        the parse attached it to ("accused the government in Minsk of ...": the government is in Minsk, the
        accusation not; "found shelter in Austria" keeps its place, refuge being no participant)."""
        out: set[int] = set()
        for obj in dependents(head):
            if obj.dep_ not in _OBJECTS or not any(s <= obj.idx < e for s, e in args):
                continue
            nxt = obj.right_edge.i + 1
            if nxt < len(head.doc) and head.doc[nxt].dep_ == "prep" and head.doc[nxt].head.i == head.i:
                prep = head.doc[nxt]
                out.update(i for i in range(prep.left_edge.i, prep.right_edge.i + 1) if i in self.place_tokens)
        return out

    def _seat(self, args: list[tuple[int, int]]) -> tuple[Place, Span] | None:
        """The town or county a participant is the local body of ("Berea police", "New London Police Chief Tom
        Cipolli", "the Bronx County court"): the toponym inside the participant's words followed there by a local
        body's head. Only a resolved town or second-order division: a country's or a state's bodies act anywhere."""
        sd = self.doc.spacy_doc
        for s, e in args:
            span = sd.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            for i in sorted(self._in_args([(s, e)])):
                place, mention = self.place_tokens[i]
                if not place.resolved or not (place.feature_class == "P" or place.feature_code in _LOCAL_CODES):
                    continue
                if any(t.lemma_.lower() in LOCAL_BODIES for t in sd[i + 1 : span.end]):
                    return place, mention
        return None

    def _in_args(self, args: list[tuple[int, int]]) -> set[int]:
        """The toponym tokens whose mention starts inside one of the character spans ``args``."""
        out: set[int] = set()
        for s, e in args:
            for k in range(bisect_left(self._mention_starts, (s, -1)), len(self._mention_starts)):
                start, i = self._mention_starts[k]
                if start >= e:
                    break
                out.add(i)
        return out

    def _around(
        self, trigger: Token, window: tuple[int, int], excluded: Container[int]
    ) -> tuple[int, int, int, Callable[[int], bool]]:
        """For a walk out from the trigger over the toponyms of the character ``window``: their positions ``lo..hi``
        in ``place_order``, the trigger's position among them, and whether the toponym at a position counts (its
        mention inside the window, not ``excluded``)."""
        order, tokens = self.place_order, self.place_tokens
        lo, hi = bisect_left(self._place_chars, window[0]), bisect_left(self._place_chars, window[1])

        def usable(k: int) -> bool:
            i = order[k]
            return window[0] <= tokens[i][1].start and tokens[i][1].end <= window[1] and i not in excluded

        return lo, hi, max(lo, min(hi, bisect_left(order, trigger.i))), usable

    def _earlier(self, trigger: Token, window: tuple[int, int], excluded: Container[int]) -> tuple[Place, Span] | None:
        """In ``window``, the most specific toponym of the sentence nearest before the trigger that has one (after
        it when none is before): "near Mopti in central Mali" gives Mopti."""
        order, tokens = self.place_order, self.place_tokens
        lo, hi, split, usable = self._around(trigger, window, excluded)
        # walk out from the trigger to the anchor, not over every toponym of the window
        anchor_k = next((k for k in range(split - 1, lo - 1, -1) if usable(k)), None)
        before = anchor_k is not None
        if not before:
            anchor_k = next((k for k in range(split, hi) if usable(k)), None)
            if anchor_k is None:
                return None
        anchor = order[anchor_k]
        sent = trigger.doc[anchor].sent
        s_lo, s_hi = max(lo, bisect_left(order, sent.start)), min(hi, bisect_left(order, sent.end))
        if before:
            s_hi = min(s_hi, split)
        same = sorted((order[k] for k in range(s_lo, s_hi) if usable(k)), key=self._place_rank.__getitem__)
        return min(
            ((i, tokens[i]) for i in same),
            key=lambda x: (_precision(x[1][0]) if x[1][0].resolved else 2, abs(x[0] - anchor)),
        )[1]

    def _nearest(self, trigger: Token, window: tuple[int, int], excluded: Container[int]) -> tuple[Place, Span] | None:
        """The toponym in the character ``window`` nearest the trigger, in tokens; of two as near, the one first in
        ``place_tokens``' order. Walks out from the trigger, not over every toponym of the window."""
        order, tokens = self.place_order, self.place_tokens
        lo, hi, split, usable = self._around(trigger, window, excluded)
        left = next((order[k] for k in range(split - 1, lo - 1, -1) if usable(k)), None)
        right = next((order[k] for k in range(split, hi) if usable(k)), None)
        if left is None or right is None:
            best = left if right is None else right
        else:
            near = (trigger.i - left, right - trigger.i)
            if near[0] != near[1]:
                best = left if near[0] < near[1] else right
            else:
                best = min(left, right, key=self._place_rank.__getitem__)
        return tokens[best] if best is not None else None

    def _bare_year(self, trigger: Token, head: Token, sent: tuple[int, int]) -> Token | None:
        """A four-digit year the times stage left without a value: unambiguous on its own ("in 2014")."""
        if not self.years:
            return None
        near = [a.i for a in list(head.ancestors)[:2]]
        lo, hi = head.left_edge.i, head.right_edge.i
        sd = head.doc
        for i in self.years:
            t = sd[i]
            if _dates_another_noun(t, trigger, head):
                continue
            if sent[0] <= t.idx < sent[1] and ((lo <= i <= hi and _same_clause(t, head)) or i in near):
                return t
        return None

    def _event_place(self, place: Place, mention: Span, reason: str, lower: bool = False) -> EventPlace:
        """The EventPlace of a toponym; ``lower`` for a place borrowed from the context (one precision step less)."""
        if not place.resolved or place.geonameid is None:
            precision = 3 if lower else 2
            return EventPlace(
                geonameid=None, name=place.name, span=mention, precision=precision, reason=f"{reason};unresolved"
            )
        base = precision = _precision(place)
        if precision == 1:
            cue = _near_cue(self.doc.text, mention.start, mention.end)
            if cue is not None:
                precision, reason = 2, f"{reason};near:{cue}"
        if lower:  # one step coarser than the toponym itself: a town borrowed from the context is its area
            precision = max(precision, min(3, base + 1))
        return EventPlace(geonameid=place.geonameid, name=place.name, span=mention, precision=precision, reason=reason)

    # ---- date
    def date(self, trigger: Token, head: Token, sent: tuple[int, int]) -> EventDate:
        """The event's date, its basis and confidence (see the module docstring for the steps and the weights)."""
        steps = (
            (lambda: self._own_clause_time(trigger, head), 1.0),
            (lambda: self._governing_time(trigger, head), _GOVERNING_WEIGHT),
            (lambda: self._quote_time(trigger), _QUOTE_WEIGHT),
            (lambda: self._paragraph_time(trigger, head), _PARAGRAPH_WEIGHT),
        )
        for step, weight in steps:
            te = step()
            if te is not None:
                confidence = te.confidence * weight
                if te.value is None:
                    confidence = min(confidence, _UNRESOLVED_CAP)
                elif _YEARLESS.search(te.value):
                    confidence = min(confidence, _YEARLESS_CAP)
                return EventDate(
                    value=te.value,
                    granularity=te.granularity,
                    span=te.span,
                    basis="text",
                    confidence=round(confidence, 3),
                )
        year = self._bare_year(trigger, head, sent)
        if year is not None:
            return EventDate(
                value=year.text,
                granularity="year",
                span=self.doc.span(year.idx, year.idx + 4),
                basis="text",
                confidence=_BARE_YEAR_CONFIDENCE,
            )
        if _background(head):
            # told in the past perfect ("the two men had met in secret"): before the time the report is about, so
            # neither the dateline's nor the publication date; the text gives no other
            return EventDate(basis="unknown", confidence=0.0)
        if self.dateline_date:
            granularity = "day" if re.fullmatch(r"(\d{4}|-)-\d{2}-\d{2}", self.dateline_date) else "unknown"
            confidence = _DATELINE_CONFIDENCE if not _YEARLESS.search(self.dateline_date) else _YEARLESS_CAP / 2
            return EventDate(
                value=self.dateline_date, granularity=granularity, span=None, basis="dateline", confidence=confidence
            )
        published = self.doc.article.published
        if published:
            return EventDate(
                value=published, granularity="day", span=None, basis="published", confidence=_PUBLISHED_CONFIDENCE
            )
        return EventDate(basis="unknown", confidence=0.0)

    def _times_in(self, lo: int, hi: int) -> list[TimeExpr]:
        """The distinct time expressions with a token in tokens lo..hi, in text order."""
        out: list[TimeExpr] = []
        for k in range(bisect_left(self.time_order, lo), len(self.time_order)):
            i = self.time_order[k]
            if i > hi:
                break
            te = self.time_tokens[i]
            if not out or out[-1] is not te:
                out.append(te)
        return out

    def _own_clause_time(self, trigger: Token, head: Token) -> TimeExpr | None:
        """The time expression in the trigger's own clause closest to it in the tree (earliest on a tie); a time that
        premodifies another noun dates that noun only ("arrested a suspect in the 2019 bombing")."""
        found = []
        for n, te in enumerate(self._times_in(head.left_edge.i, head.right_edge.i)):
            root = self.time_roots[(te.span.start, te.span.end)]
            if _dates_another_noun(root, trigger, head):
                continue
            if root.i == head.i or _same_clause(root, head):
                found.append((_depth(root, head), n, te))
        return min(found, key=lambda x: x[:2])[2] if found else None

    def _governing_time(self, trigger: Token, head: Token) -> TimeExpr | None:
        """A time attached to a clause above the trigger's, or the time a "when" clause hangs on."""
        crossed_relative = False
        child = head
        for anc in head.ancestors:
            if child.dep_ in _RELATIVE:
                crossed_relative = True
            child = anc
            if anc.i in self.time_tokens:  # "in 2014, when it declared ..."
                return self.time_tokens[anc.i]
            if anc.pos_ not in _CLAUSE_POS:
                continue
            lo, hi = anc.left_edge.i, anc.right_edge.i
            for i, te in self._clause_times.get(_clause_key(anc), ()):
                root = self.time_roots[(te.span.start, te.span.end)]
                if not lo <= i <= hi or root.i == anc.i or not _same_clause(root, anc):
                    continue
                if crossed_relative and te.span.end > trigger.idx:
                    continue  # "the militants, who seized the town, attacked on Friday": Friday is the attack's
                if head.left_edge.i <= root.i <= head.right_edge.i:
                    continue  # inside the trigger's own subtree but another clause: not governing
                return te
        return None

    def _quote_time(self, trigger: Token) -> TimeExpr | None:
        for start, end, te in self.quote_times:
            if start <= trigger.idx < end:
                return te
        return None

    def _paragraph_time(self, trigger: Token, head: Token) -> TimeExpr | None:
        """The date of the nearest earlier sentence of the trigger's paragraph, when its main clause carries one."""
        if head.tag_ in ("VBZ", "VBP") or any(
            c.dep_ == "aux" and c.lower_ in ("has", "have") for c in dependents(head)
        ):
            return None  # "Iraqi forces have since retaken it": not the earlier sentence's time
        para = paragraph_at(self.paragraphs, trigger.idx)
        if para is None:
            return None
        sent = trigger.sent
        while sent.start > 0:
            prev = sent.doc[sent.start - 1].sent
            if prev.start_char < para[0]:
                return None
            root = prev.root
            if root.lemma_.lower() in SPEECH:
                sent = prev  # "..., a spokeswoman said Tuesday": the day it was said, not the day of what follows
                continue
            for te in self._times_in(prev.start, prev.end - 1):
                t = self.time_roots[(te.span.start, te.span.end)]
                if _dates_another_noun(t, trigger, root):
                    continue  # "police are searching for a suspect in a March 21 robbery": that robbery's date
                if te.value and (t.i == root.i or _same_clause(t, root)):
                    # only a day-level date narrates on ("On Tuesday, gunmen stormed a hotel. They killed 12."); a
                    # year, a month or a "since" span is background ("The town fell in 2012. Troops shelled it.")
                    return te if _narrates(te) else None
            sent = prev
        return None
