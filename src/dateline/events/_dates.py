"""When an event happened: the time expression tied to its trigger.

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
5. never for a clause in the past perfect ("had met in secret"): it tells what came before the report's time; nor in
   the present perfect ("has backed the mayor"): it puts an event at no definite time; an event noun takes the tense
   of its clause ("had served four years for an assault on a guard") ("unknown"); except the "hot news" present
   perfect of a main clause in a lead sentence of an article ("Rebels have seized Kidal", first in its paragraph
   after the headline), which tells the report's own news and goes on to the steps below;
6. the lead's day: the first date of a main clause in the headline and the first paragraphs, when it is a day of
   the week before the report's date ("The mayor on Tuesday accused ...", published Wednesday): the day the story
   is about, so that of its news events told without a time (basis "text", the lead's span);
7. the dateline's date (basis "dateline"), else the publication date (basis "published"), else "unknown".
Steps 1-4 have basis "text", and keep an expression the times stage could not resolve (value None, its span and
granularity) rather than replace it with a fallback. A time premodifying another noun dates that noun only ("arrested
a suspect in the 2019 bombing"). ``EventDate.confidence`` is the time expression's confidence times the step's weight
(1, 0.85, 0.7, 0.75), capped at 0.4 for a value without its year ("--04-16") and 0.2 for an unresolved one; the
fallbacks are labelled guesses: a NER year 0.8, the lead's day 0.5 times its expression's, the dateline 0.5 (0.2
year-less), the publication date 0.3, none 0.

The parse-tree tests the lookup uses (same clause, the clause above, a time premodifying a noun) are in ``_clauses``;
the word lists in ``_lexicon``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from typing import TYPE_CHECKING

from ..model import EventDate, TimeExpr
from ..syntax import dependents
from ._anchors import paragraph_at
from ._clauses import _CLAUSE_POS, _clause_key, _dates_another_noun, _depth, _same_clause, _verb_above
from ._lexicon import SPEECH

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..document import Document

_RELATIVE = frozenset(["relcl", "acl"])
# the auxiliaries of the past and the present perfect ("had met", "has backed", "they've backed")
_PERFECT_AUX = frozenset(["had", "'d", "’d", "has", "have", "'ve", "’ve"])
# how sure an event date is: the time expression's own confidence times the weight of the step that found it;
# a value without its year ("--04-16", the year-less dateline) is capped, the fallbacks are labelled guesses
_GOVERNING_WEIGHT = 0.85  # "said on Tuesday that forces raided Jenin": the raid was on or before Tuesday
_QUOTE_WEIGHT = 0.7  # the time a quote was said bounds what it tells
_PARAGRAPH_WEIGHT = 0.75  # carried on from an earlier sentence
_LEAD_WEIGHT = 0.5  # the lead's day, for an event the text gives no time: the story's day, a guess
_LEAD_DAYS = 7  # a lead's day at most this many days before the report's date is the story's day
_LEAD_PARAGRAPHS = 3  # the lead: the first paragraph after a headline of one or two lines
_UNRESOLVED_CAP = 0.2  # the text dates the event but the value is unknown
_YEARLESS_CAP = 0.4
_BARE_YEAR_CONFIDENCE = 0.8
_DATELINE_CONFIDENCE = 0.5
_PUBLISHED_CONFIDENCE = 0.3
_YEARLESS = re.compile(r"(?:^|/)--")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # an ISO calendar day with its year


def _background(head: Token) -> bool:
    """A clause in the past perfect ("had met", "had been arrested"): an event before the report's own time; or in
    the present perfect ("has backed the mayor", "have refused to meet the envoy"): an event at no definite past time
    (the tense never takes one: *"has backed the mayor yesterday"), so not the report's day either."""
    return head.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in _PERFECT_AUX for c in dependents(head))


def _present_perfect(verb: Token) -> bool:
    """ "has taken a swipe", "have seized": in a story's lead the perfect of hot news, which tells the news of the
    report's own time ("Clinton has taken a swipe at Trump", in the day's paper), not background."""
    return any(c.dep_ == "aux" and c.lower_ in _PRESENT_PERFECT_AUX for c in dependents(verb))


def _main_verb(verb: Token) -> bool:
    """The verb of a sentence's main clause (its root or a conjunct of it), not of a clause below."""
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb.dep_ == "ROOT"


_PRESENT_PERFECT_AUX = frozenset(["has", "have", "'ve", "’ve"])


def _clause_verb(head: Token) -> Token:
    """The verb whose tense tells an event's time: its own, or for an event noun the clause verb above it ("had
    served four years for an assault on a guard")."""
    if head.pos_ in _CLAUSE_POS:
        return head
    above = _verb_above(head)
    return head.doc[above] if above >= 0 else head


def _narrates(te: TimeExpr) -> bool:
    """True for a time that can carry on to the next sentences: a day or week, or a span of a few days."""
    if te.granularity in ("day", "week"):
        return True
    if te.granularity == "interval" and te.value:
        ends = te.value.split("/")
        if len(ends) == 2 and all(_DAY.fullmatch(e) for e in ends):
            a, b = (date.fromisoformat(e) for e in ends)
            return (b - a).days <= 7
    return False


class Dates:
    """Time mentions of one document, indexed by token for the per-event date lookups."""

    def __init__(self, doc: Document, paragraphs: list[tuple[int, int]]):
        self.doc = doc
        sd = doc.spacy_doc
        self.paragraphs = paragraphs
        dl = doc.article.dateline
        self.dateline_date: str | None = dl.date_value if dl is not None else None
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
        self._lead: TimeExpr | None = None  # the lead's day (see _lead_day), once looked up
        self._lead_looked_up = False
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
        verb = _clause_verb(head)
        if _background(verb) and not (_present_perfect(verb) and _main_verb(verb) and self._in_lead(trigger)):
            # told in the past perfect ("the two men had met in secret"): before the time the report is about; or in
            # the present perfect ("the union has backed the mayor"): at no definite time; so neither the lead's, the
            # dateline's nor the publication date; the text gives no other
            return EventDate(basis="unknown", confidence=0.0)
        lead = self._lead_day()
        if lead is not None:
            # a news event told without a time, in a story whose lead dates it to a day before the report's ("The
            # mayor of Lyon on Tuesday accused the police ...", in Wednesday's paper): the story's day, not the paper's
            return EventDate(
                value=lead.value,
                granularity=lead.granularity,
                span=lead.span,
                basis="text",
                confidence=round(lead.confidence * _LEAD_WEIGHT, 3),
            )
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

    def _lead_day(self) -> TimeExpr | None:
        """The day the story is about, when its lead says it and it is a day before the report's own date: the
        first time expression of a main clause in the headline and the lead (the first paragraphs), when it is a
        day in the week before the publication (or dateline) date ("The mayor of Lyon on Tuesday accused the
        police", published Wednesday); None otherwise, also when the lead's first date is a month, a year or the
        report's own day."""
        if self._lead_looked_up:
            return self._lead
        self._lead_looked_up = True
        report = self.dateline_date or self.doc.article.published
        if not report or not _DAY.fullmatch(report[:10]) or not self.paragraphs:
            return None
        end = self._lead_end()
        for sent in self.doc.spacy_doc.sents:
            if sent.start_char >= end:
                break
            root = sent.root
            for te in self._times_in(sent.start, sent.end - 1):
                t = self.time_roots[(te.span.start, te.span.end)]
                if _dates_another_noun(t, root, root) or not (t.i == root.i or _same_clause(t, root)):
                    continue
                if te.granularity == "day" and te.value and _DAY.fullmatch(te.value):
                    days = (date.fromisoformat(report[:10]) - date.fromisoformat(te.value)).days
                    if 0 < days <= _LEAD_DAYS:
                        self._lead = te
                return self._lead
        return self._lead

    def _lead_end(self) -> int:
        """Where the headline lines and the lead (the first paragraphs) end; the article has paragraphs."""
        return self.paragraphs[min(_LEAD_PARAGRAPHS, len(self.paragraphs)) - 1][1]

    def _in_lead(self, trigger: Token) -> bool:
        """Whether the trigger is in a lead sentence of an article (two paragraphs at least): the first sentence of a
        paragraph among the first ones, the headline's or the lead's."""
        if len(self.paragraphs) < 2 or trigger.idx >= self._lead_end():
            return False
        para = paragraph_at(self.paragraphs, trigger.idx)
        return para is not None and trigger.sent.start_char <= para[0]

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
