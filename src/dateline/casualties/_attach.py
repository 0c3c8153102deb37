"""Attaching a count to its event: the event whose trigger is the cue, else one on the cue's head chain or among its
close dependents, else the nearest material event in the sentence, else the last one in the previous sentence, in
the same voice (inside or outside the same quote). Never a speech act; never a harm the text does not say happened."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from ..lexicon import UNREAL_AUX
from ..plover import MATERIAL_TYPES, SPEECH_ACT_TYPES
from ..syntax import dependents
from ._lexicon import _INTENT_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..model import Event


class EventIndex:
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
        for child in dependents(cue):
            for d in (child, *dependents(child)):
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
    for child in dependents(verb):
        if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in UNREAL_AUX):
            return True
    t = verb
    for _ in range(3):
        if t.dep_ not in ("xcomp", "ccomp", "conj") or t.head.i == t.i:
            break
        t = t.head
        if t.lemma_ in _INTENT_VERBS:
            return True
    return False
