"""Where and when an event happened: the toponym and time expression tied to its trigger.

Place: a toponym in the trigger's syntactic subtree (prepositional phrases "in/at/near X"), else the
nearest in the same sentence, else the nearest in the same paragraph (earlier first), else the
dateline place; never a mention the places stage marked as naming a people or government
(``Place.actor_mentions``: "Iraqi", "Washington said"). Precision 1/2/3 as ACLED, with the reason.

Date, first found wins:
1. a time expression in the trigger's own clause (the one closest to it in the tree: "said on Wednesday it had
   killed 20 militants last week" dates the killing by "last week");
2. one governing it: attached to a clause above the trigger ("said on Tuesday that forces raided Jenin"), or the
   time a "when" clause hangs on ("in 2014, when it declared a Caliphate"); above a relative clause only a time
   written before the trigger counts ("the militants, who seized the town, attacked on Friday" does not date the
   seizure);
3. for an event inside a quote, the time the quote was said ("... told the Daily Telegraph at the time");
4. the paragraph's: the nearest earlier sentence of the paragraph whose main clause carries a date ("On Tuesday,
   gunmen stormed a hotel. They killed 12."), not for present-tense triggers ("have since retaken");
5. the dateline's date (basis "dateline"), else the publication date (basis "published"), else "unknown".
Steps 1-4 have basis "text", and keep an expression the times stage could not resolve (value None, its span and
granularity) rather than replace it with a fallback.
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
_CLAUSE_POS = frozenset(["VERB", "AUX"])
# Triggers whose "from X" is where the event happened ("evacuated the wounded from Gorazde").
_DEPARTURE = word_set("evacuate withdraw flee retreat expel evict pull ship airlift rescue deport displace")
# A toponym in a speaker's description ("diplomatic sources in Pakistan said") is where the speaker is.
_SPEECH = word_set("say tell report add state announce claim confirm write quote")
_RELATIVE = frozenset(["relcl", "acl"])
_PARA_BREAK = re.compile(r"\n\s*\n")
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


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _PARA_BREAK.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


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
                if span is None or span.root.dep_ in _NON_PLACE_DEPS:
                    continue
                for t in span:
                    self.place_tokens[t.i] = (place, m)
                if not self._in_locative_phrase(span.root) or self._in_speaker(span.root):
                    self.not_locative.update(t.i for t in span)
        self.time_tokens: dict[int, TimeExpr] = {}
        self.time_roots: dict[int, Token] = {}  # id(TimeExpr) -> the root token of its span
        dl_date = (dl.date.start, dl.date.end) if dl is not None and dl.date is not None else None
        for te in doc.times:
            if not te.value and te.granularity == "unknown" and te.confidence < 0.25:
                continue  # a vague expression with nothing known ("at the time" with no referent) dates no clause
            if dl_date is not None and te.span.start < dl_date[1] and dl_date[0] < te.span.end:
                continue  # the dateline's own date is the labelled fallback, not evidence in the text
            span = sd.char_span(te.span.start, te.span.end, alignment_mode="expand")
            if span is not None:
                self.time_roots[id(te)] = span.root
                for i in range(span.start, span.end):
                    self.time_tokens[i] = te
        self.time_order = sorted(self.time_tokens)
        # times said with a quote ("told the Daily Telegraph at the time"): by quote extent
        self.quote_times: list[tuple[int, int, TimeExpr]] = []
        for q in doc.quotes:
            if q.said_at is not None:
                te = next((t for t in doc.times if t.span.start == q.said_at.start), None)
                if te is not None:
                    self.quote_times.append((q.start, q.end, te))
        self.paragraphs = (
            [(p.start, p.end) for p in doc.article.paragraphs]
            if doc.article.paragraphs
            else _paragraph_spans(doc.article.text)
        )
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
            departure = trigger.lemma_.lower() in _DEPARTURE
            if self._same_clause(t, head) and self._locative(t, head, None if material else trigger, departure):
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
        if prep.lower_ == "of":  # "the outskirts of Mosul", "in a residential sector of Beirut"
            owner = prep.head
            if owner.lemma_.lower() in PLACE_NOUNS:
                return True
            return owner.dep_ == "pobj" and owner.head.lower_ in _LOCATIVE and owner.head.lower_ != "of"
        return prep.lower_ in _LOCATIVE

    @staticmethod
    def _in_speaker(tok: Token) -> bool:
        """True for a toponym describing a speaker ("sources in Pakistan said", "according to officials in Kabul")."""
        for node in [tok, *list(tok.ancestors)[:5]]:
            if node.dep_ in ("nsubj", "nsubjpass") and node.head.lemma_.lower() in _SPEECH:
                return True
            if node.dep_ == "pobj" and node.head.lower_ == "to" and node.head.head.lower_ == "according":
                return True
            if node.pos_ in _CLAUSE_POS:
                return False
        return False

    @staticmethod
    def _depth(t: Token, head: Token) -> int:
        depth, cur = 0, t
        while cur.i != head.i and cur.head.i != cur.i:
            cur, depth = cur.head, depth + 1
        return depth

    @staticmethod
    def _locative(t: Token, head: Token, trigger: Token | None = None, departure: bool = False) -> bool:
        """True when the path from toponym ``t`` up to ``head`` passes a locative preposition and no other.

        "of" is locative only under a place noun ("the outskirts of Mosul", not "the ministers of Turkey"). With
        ``trigger`` given (a verbal event), the path may not pass through another noun: the place must modify the
        event, not one of its arguments.
        """
        cur, seen = t, False
        while cur.i != head.i and cur.head.i != cur.i:
            if cur.dep_ == "prep" or cur.pos_ == "ADP":
                if departure and cur.lower_ == "from":
                    seen = True  # "evacuated the wounded from Gorazde"
                elif cur.lower_ in _NON_LOCATIVE:
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
            if sent[0] <= t.idx < sent[1] and ((lo <= i <= hi and self._same_clause(t, head)) or i in near):
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
        """The event's date and its basis (see the module docstring for the order of the steps)."""
        te = (
            self._own_clause_time(head)
            or self._governing_time(trigger, head)
            or self._quote_time(trigger)
            or self._paragraph_time(trigger, head)
        )
        if te is not None:
            return EventDate(value=te.value, granularity=te.granularity, span=te.span, basis="text")
        year = self._bare_year(head, sent)
        if year is not None:
            return EventDate(
                value=year.text, granularity="year", span=self.doc.span(year.idx, year.idx + 4), basis="text"
            )
        if self.dateline_date:
            granularity = "day" if re.fullmatch(r"(\d{4}|-)-\d{2}-\d{2}", self.dateline_date) else "unknown"
            return EventDate(value=self.dateline_date, granularity=granularity, span=None, basis="dateline")
        published = self.doc.article.published
        if published:
            return EventDate(value=published, granularity="day", span=None, basis="published")
        return EventDate(basis="unknown")

    def _times_in(self, lo: int, hi: int) -> list[TimeExpr]:
        """The distinct time expressions with a token in tokens lo..hi, in text order."""
        out: list[TimeExpr] = []
        for i in self.time_order:
            if i < lo:
                continue
            if i > hi:
                break
            te = self.time_tokens[i]
            if not out or out[-1] is not te:
                out.append(te)
        return out

    def _own_clause_time(self, head: Token) -> TimeExpr | None:
        """The time expression in the trigger's own clause closest to it in the tree (earliest on a tie)."""
        found = []
        for n, te in enumerate(self._times_in(head.left_edge.i, head.right_edge.i)):
            root = self.time_roots[id(te)]
            if root.i == head.i or self._same_clause(root, head):
                found.append((self._depth(root, head), n, te))
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
            for te in self._times_in(anc.left_edge.i, anc.right_edge.i):
                root = self.time_roots[id(te)]
                if root.i == anc.i or not self._same_clause(root, anc):
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
        if head.tag_ in ("VBZ", "VBP") or any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in head.children):
            return None  # "Iraqi forces have since retaken it": not the earlier sentence's time
        para = next(((s, e) for s, e in self.paragraphs if s <= trigger.idx < e), None)
        if para is None:
            return None
        sent = trigger.sent
        while sent.start > 0:
            prev = sent.doc[sent.start - 1].sent
            if prev.start_char < para[0]:
                return None
            root = prev.root
            for te in self._times_in(prev.start, prev.end - 1):
                t = self.time_roots[id(te)]
                if te.value and (t.i == root.i or self._same_clause(t, root)):
                    return te
            sent = prev
        return None
