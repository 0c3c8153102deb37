"""A cue's frame: the medium it was said in, the sources it cites and the time of saying, from its clause."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..syntax import dependents
from ._lexicon import ADDRESSEE_VERBS, MEDIA_NOUNS, MEDIA_WORDS, MEDIUM_PHRASES, QUOTE_MARKS, SOURCE_WORDS
from ._spans import Cue, edges, trim, within

if TYPE_CHECKING:
    from spacy.tokens import Token


def add_frame(
    text: str,
    cue: Cue,
    verb: Token,
    sent: tuple[int, int],
    inside: list[tuple[int, int]],
    times: list[tuple[int, int]],
    skip_before: int,
    media: dict[tuple[int, int], list[tuple[int, int, str]]],
) -> None:
    """Medium, cited sources and time of saying, from the cue's clause (outside its content).

    ``media`` caches the medium phrases of each sentence: several cues often share one.
    """
    content = cue.content or (0, 0)

    def outside(start: int, _end: int) -> bool:
        return not (content[0] <= start < content[1]) and not within(start, inside)

    lemma = verb.lemma_.lower()
    for child in dependents(verb):
        dep = child.dep_
        if dep in ("dobj", "dative", "iobj") and lemma in ADDRESSEE_VERBS:
            start, end = edges(child)
            if (
                outside(start, end)
                and MEDIA_WORDS.search(text[start:end])
                and (child.pos_ == "PROPN" or child.lower_ in MEDIA_NOUNS)
            ):
                cue.medium = (start, end, _medium_name(text[start:end]))
        elif dep == "prep" and child.lower_ == "to" and lemma in {"say", "speak"}:
            objs = [c for c in dependents(child) if c.dep_ == "pobj"]
            if objs:
                start, end = edges(objs[0])
                if outside(start, end) and MEDIA_WORDS.search(text[start:end]):
                    cue.medium = (start, end, _medium_name(text[start:end]))
        elif dep in ("advcl", "xcomp") and child.lemma_.lower() == "cite":
            for obj in dependents(child):
                if obj.dep_ in ("dobj", "pobj"):
                    cue.sources.append(trim(text, *edges(obj)))
    if cue.medium is None:
        if sent not in media:
            media[sent] = _medium_phrases(text, *sent)
        for start, end, name in media[sent]:
            if outside(start, end):
                cue.medium = (start, end, name)
                break
    if cue.speaker is not None and cue.medium is not None and cue.speaker[0] < cue.medium[0] < cue.speaker[1]:
        # "said Jean Dupont, the foreign minister, on state television": the channel is not the speaker
        cut = text.rfind(" ", cue.speaker[0], cue.medium[0] - 1)
        cue.speaker = trim(text, cue.speaker[0], cut if cut > cue.speaker[0] else cue.medium[0], QUOTE_MARKS)
    if cue.speaker is not None and SOURCE_WORDS.search(text[cue.speaker[0] : cue.speaker[1]]):
        cue.sources.append(cue.speaker)
    if cue.said_at is None:
        branches: list[tuple[int, int]] | None = None
        for start, end in times:
            if max(sent[0], skip_before) <= start < sent[1] and outside(start, end):
                if branches is None:
                    branches = _frame_branches(verb)
                if any(b_start <= start < b_end for b_start, b_end in branches):
                    cue.said_at = (start, end)
                    break


def _medium_phrases(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, name) of every medium phrase ("in an interview with X", "on state TV") in text[start:end]."""
    out = []
    for m in MEDIUM_PHRASES.finditer(text, start, end):
        group = next(g for g in ("interview", "channel", "statement", "conference") if m[g])
        out.append((*m.span(group), _medium_name(m[group])))
    return out


def _frame_branches(verb: Token) -> list[tuple[int, int]]:
    """Character extents of the verb's dependents outside its subject and reported content."""
    return [edges(child) for child in dependents(verb) if child.dep_ not in ("ccomp", "parataxis", "nsubj")]


def _medium_name(words: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", words.strip())
