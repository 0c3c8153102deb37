"""Where an event happened: the toponym tied to its trigger.

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
7. the dateline's place ("dateline"), except for a speech act (a request, accusation, rejection or threat: the
   coding guide's "a statement's place is where it was made when the text says so, else empty"; the dateline says
   where the report was filed, not where the words were said: "BAMAKO (Reuters) - The opposition accused the
   junta of rigging the vote" has no place).
Steps 5-7 borrow a place from the context and lower its precision one step (a town becomes its area, 2).
Only location toponyms count: never a mention the places stage marked as naming a people or government
(``Place.actor_mentions``: "Iraqi", "Washington said"), a speaker's place ("sources in Pakistan said", "told
reporters in Bamako"), a non-locative one ("air support from Russia", "urged Turkey", "ships linked to Israel"),
and for verbal events a participant ("sanctions on Belarus", "accused the government in Minsk"). Precision 1/2/3 as
ACLED (town, near a town or a region, country or first-order division), with the reason.

The event's date is looked up by ``_dates.Dates``.

The parse-tree tests the lookup uses (locative phrase, speaker, same clause, linked clauses) are in ``_clauses``; the
word lists in ``_lexicon``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from ..model import EventPlace, Place, Span
from ..syntax import dependents
from ._clauses import (
    _OBJECTS,
    _depth,
    _describes_a_thing,
    _in_locative_phrase,
    _in_other_content,
    _in_speaker,
    _linked_clauses,
    _locative,
    _same_clause,
    _strictly_locative,
)
from ._lexicon import ACTOR_HEADS, DEPARTURE, LOCAL_BODIES, NEAR_AFTER, NEAR_BEFORE, STRICT_LOCATIVE

if TYPE_CHECKING:
    from collections.abc import Callable, Container

    from spacy.tokens import Doc, Token

    from ..document import Document

_COUNTRY_CODES = frozenset(["PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "ADM1", "TERR", "CONT", "RGN"])
_LOCAL_CODES = frozenset(["ADM2", "ADM3", "ADM4", "ADM5", "PPLX"])  # counties, municipalities, city districts
_NON_PLACE_DEPS = frozenset(["poss", "amod", "npadvmod"])  # "Iraq's Vice President", "Iraqi sources", "US-led"


# A clause spanning more words than this (never one of news text) is searched for its place only near its head.
_CLAUSE_WINDOW = 200
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


def paragraph_at(paragraphs: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The paragraph (of ``paragraphs``, sorted and disjoint) containing ``offset``, or None."""
    k = bisect_right(paragraphs, (offset, _INF)) - 1
    if k >= 0 and paragraphs[k][0] <= offset < paragraphs[k][1]:
        return paragraphs[k]
    return None


class _Either:
    """Membership in any of several containers."""

    def __init__(self, *parts: Container[int]):
        self.parts = parts

    def __contains__(self, item: object) -> bool:
        return any(item in part for part in self.parts)


class _TokensWhere:
    """The toponym tokens for which ``test`` holds, decided for the tokens asked about only (a search walks out from
    its trigger and stops at the first usable toponym): those in the content of another clause than a statement's
    (``_in_other_content``), those describing a thing (``_describes_a_thing``)."""

    def __init__(self, doc: Doc, test: Callable[[Token], bool]):
        self.doc = doc
        self.test = test
        self.memo: dict[int, bool] = {}

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, int):
            return False
        if item not in self.memo:
            self.memo[item] = self.test(self.doc[item])
        return self.memo[item]


class Anchors:
    """Place and time mentions of one document, indexed by token for the per-event lookups."""

    def __init__(self, doc: Document):
        self.doc = doc
        sd = doc.spacy_doc
        self.dateline_place: Span | None = None
        self.dateline_geonameid: int | None = None
        dl = doc.article.dateline
        if dl is not None:
            self.dateline_place = dl.place
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
        self.paragraphs = doc.paragraph_spans()
        self.place_order = sorted(self.place_tokens)
        # the character offset of each token of ``place_order``, to bisect a character window to its toponyms
        self._place_chars = [sd[i].idx for i in self.place_order]
        # a toponym token's rank in ``place_tokens``' own order, which breaks ties between equally near toponyms
        self._place_rank = {i: n for n, i in enumerate(self.place_tokens)}
        # (mention start, token) of every toponym token, sorted, for the toponyms inside a participant's words
        self._mention_starts = sorted((m.start, i) for i, (_p, m) in self.place_tokens.items())

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
        speech: bool = False,
    ) -> EventPlace | None:
        """The event's place, by the principle in the module docstring: its own clause, a clause linked to it
        (conjoined or a subjectless participle/infinitive sharing its subject), a toponym premodifying a material
        event's noun, its sentence, the seat of a local body taking part, then for material events the paragraph and
        the article before it, then (not for a ``speech`` act) the dateline; the last four lower the precision.

        Only location toponyms count: never a mention naming a people or government, a speaker's location
        ("sources in Pakistan said", "told reporters in Bamako"), or a non-locative toponym ("air support from
        Russia", "urged Turkey"); for verbal events never a toponym inside a participant ("sanctions on Belarus",
        "accused the government in Minsk").
        """
        excluded: Container[int] = self.not_locative
        if not material:
            extra: set[int] = set()
            other_content = _TokensWhere(head.doc, lambda t: _in_other_content(t, head))
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
            excluded = _Either(self.not_locative, extra, other_content, _TokensWhere(head.doc, _describes_a_thing))
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
        if self.dateline_place is not None and not speech:
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
