"""Toponym recognition: which spans of the article name places.

Sources, in order of trust: the dateline place, spaCy GPE/LOC/FAC entities, and a gazetteer scan
of capitalised token n-grams that the model missed or mislabelled (en_core_web_sm tags the seed's
"Qaim" and "Tal Afar" as PERSON, "Khasfa" as ORG and does not tag "Hawija" at all). The scan
only accepts a name with evidence that it is a place here: a locative cue before it ("in", "near",
"towns of"), a list it continues ("Qaim, Hawija and Tal Afar"), a container after it ("Paris,
Texas"), or it being a big, unambiguous place name that spaCy did not give another label.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..kb.gazetteer import KIND_ALTERNATE, Entry, Gazetteer
from ..kb.names import normalise
from ._lexicon import (
    ADDRESS_VERBS,
    AP_STATES,
    CONNECTORS,
    GENERIC_SUFFIX,
    LOCATIVE,
    MOTION_VERBS,
    NOT_NAMES,
    NOUNS_BEFORE_OF,
    ORGANISATION_KINDS,
    OTHER_LABELS,
    PLACE_LABELS,
    POSTAL,
    SPEECH_TO,
    THOROUGHFARES,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..document import Document

_BIG_POPULATION = 100_000
_SHORT_KEY = 3  # keys of this many letters or fewer never match through GeoNames alternate names ("Pa": Chongqing)


def container_abbreviation(text: str, start: int, end: int, gazetteer: Gazetteer) -> Entry | None:
    """The state or province that ``text[start:end]`` abbreviates when it stands as a container ("Pa." in
    "Scranton, Pa."): right after ", " that follows a capitalised word."""
    surface = text[start:end]
    if not surface[:1].isupper() or len(surface) > 6:
        return None
    head = text[max(0, start - 40) : start]
    if not head.endswith(", "):
        return None
    before = head[:-2].rstrip(".").split()
    if not before or not before[-1][:1].isupper():
        return None
    if surface in POSTAL:
        code = f"US.{surface}"
    else:
        if "." not in surface and len(surface) <= 3:  # "Pa" without its dot is a word or a name
            return None
        code = AP_STATES.get(normalise(surface))
    return gazetteer.division(code) if code else None


@dataclass(slots=True)
class Toponym:
    """A span of the article that names a place, with the look-up keys to try."""

    start: int
    end: int
    text: str
    source: str  # "dateline", "ner", "gazetteer"
    key: str
    candidates: tuple[Entry, ...] = ()
    generic: str | None = None  # feature class implied by a stripped "River"/"province"/...
    cues: list[str] = field(default_factory=list)


@lru_cache(maxsize=65536)
def _key(text: str) -> str:
    """``normalise``, cached: the n-gram scan looks up the same surface forms in article after article."""
    return normalise(text)


def _lookup(gazetteer: Gazetteer, text: str) -> tuple[str, tuple[Entry, ...], str | None]:
    """The key, entries and implied feature class of ``text``; tries the name without its generic word."""
    key = _key(text)
    entries = gazetteer.lookup(key) if key else ()
    if entries and len(key.replace(" ", "")) <= _SHORT_KEY:
        entries = tuple(e for e in entries if e.kind != KIND_ALTERNATE)
    words = key.split()
    if len(words) > 1 and words[-1] in GENERIC_SUFFIX:
        generic = GENERIC_SUFFIX[words[-1]]
        if not entries:
            shorter = " ".join(words[:-1])
            return shorter, gazetteer.lookup(shorter), generic
        return key, entries, generic
    return key, entries, None


def _lookup_or_near(
    gazetteer: Gazetteer, text: str, demonyms: Collection[str] = ()
) -> tuple[str, tuple[Entry, ...], str | None, bool]:
    """``_lookup``, falling back on the nearest key within the bounded edit distance; the flag says it did.

    Only for spans already known to be toponyms (dateline, NER, given): the n-gram scan stays exact, since a
    near match is no evidence that a capitalised word is a place at all.
    """
    key, entries, generic = _lookup(gazetteer, text)
    low = text.lower()
    if entries or not key or low in demonyms or low[:-1] in demonyms:  # "Syrian" is not a misspelt "Syriam"
        return key, entries, generic, False
    _near, entries = gazetteer.fuzzy(key)
    return key, entries, generic, bool(entries)


def given(text: str, start: int, end: int, gazetteer: Gazetteer, demonyms: Collection[str] = ()) -> Toponym:
    """A toponym for a span chosen by the caller (gold toponyms in evaluation), with its candidates."""
    state = container_abbreviation(text, start, end, gazetteer)
    if state is not None:
        return Toponym(start, end, text[start:end], "given", _key(state.name), (state,), None, ["abbreviation"])
    surface = text[start:end]
    lead = re.match(r"(?i)the\s+", surface)
    if lead and lead.end() < len(surface):
        surface = surface[lead.end() :]
    key, entries, generic, near = _lookup_or_near(gazetteer, surface, demonyms)
    return Toponym(start, end, text[start:end], "given", key, entries, generic, ["fuzzy"] if near else [])


def _trim(span: Span) -> tuple[int, int] | None:
    """Token bounds of ``span`` without a leading article/possessive ending; None when nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and doc[end - 1].lower_ in {"'s", "’s", "'", "’"}:
        end -= 1
    return (start, end) if start < end else None


def _locative_cue(doc: Doc, start: int) -> str | None:
    """The cue before token ``start`` that marks what follows as a place, if any."""
    if start == 0:
        return None
    prev = doc[start - 1]
    if prev.lower_ in LOCATIVE:
        return prev.lower_
    if prev.lower_ == "of" and start >= 2 and doc[start - 2].lower_ in NOUNS_BEFORE_OF:
        return f"{doc[start - 2].lower_} of"
    if prev.lower_ == "to" and prev.head.lemma_.lower() in MOTION_VERBS:
        return "to"
    return None


def _capitalised(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and any(c.isalpha() for c in text) and token.lower_ not in NOT_NAMES


def _label_at(doc: Doc, start: int, end: int) -> str | None:
    for token in doc[start:end]:
        if token.ent_type_:
            return token.ent_type_
    return None


def find(
    doc: Document, gazetteer: Gazetteer, ents: tuple[Span, ...] | None = None, demonyms: Collection[str] = ()
) -> list[Toponym]:
    """Every toponym span of the article, in text order, with its gazetteer candidates.

    ``ents`` is ``doc.spacy_doc.ents`` when the caller has it already (spaCy rebuilds it on each access).
    """
    finder = _Finder(doc, gazetteer, demonyms)
    finder.dateline()
    finder.abbreviations()
    finder.entities(doc.spacy_doc.ents if ents is None else ents)
    finder.scan()
    found = [t for t in finder.found if not _organisation_acronym(doc, t)]
    found.sort(key=lambda t: t.start)
    return found


class _Finder:
    """One article's toponym search: the spans found so far and the tokens they take, source by source."""

    def __init__(self, doc: Document, gazetteer: Gazetteer, demonyms: Collection[str]):
        self.doc = doc
        self.sdoc = doc.spacy_doc
        self.text = doc.text
        self.gazetteer = gazetteer
        self.demonyms = demonyms
        self.found: list[Toponym] = []
        self.taken = [False] * len(self.sdoc)
        self.tokens = _TokenTable(self.sdoc, self.text)
        self.starts, self.ends, self.caps = self.tokens.starts, self.tokens.ends, self.tokens.caps

    def add(self, t_start: int, t_end: int, source: str, key: str, entries, generic, cue=None) -> Toponym:
        s, e = self.starts[t_start], self.ends[t_end - 1]
        topo = Toponym(s, e, self.text[s:e], source, key, entries, generic, [cue] if cue else [])
        self.found.append(topo)
        for i in range(t_start, t_end):
            self.taken[i] = True
        return topo

    def dateline(self) -> None:
        """The dateline place (and its container, "BELEDWEYNE, Somalia")."""
        dateline = self.doc.article.dateline
        if dateline is None or dateline.place is None:
            return
        text = self.text
        for d_start, d_end in _dateline_parts(text, dateline.place.start, dateline.place.end, self.gazetteer):
            span = self.sdoc.char_span(d_start, d_end, alignment_mode="expand")
            if span is None:
                continue
            key, entries, generic, near = _lookup_or_near(self.gazetteer, text[d_start:d_end], self.demonyms)
            topo = self.add(span.start, span.end, "dateline", key, entries, generic, "dateline")
            if near:
                topo.cues.append("fuzzy")

    def abbreviations(self) -> None:
        """State and province abbreviations standing as containers ("Scranton, Pa.")."""
        text, starts, ends, caps, taken = self.text, self.starts, self.ends, self.caps, self.taken
        for i in range(2, len(self.sdoc)):
            if caps[i] and not taken[i] and text[starts[i - 1] : ends[i - 1]] == ",":
                state = container_abbreviation(text, starts[i], ends[i], self.gazetteer)
                if state is not None:
                    self.add(i, i + 1, "abbreviation", _key(state.name), (state,), None, "abbreviation")

    def entities(self, ents: tuple[Span, ...]) -> None:
        """spaCy's GPE/LOC/FAC entities that name a place."""
        sdoc, text, starts, ends, caps, gazetteer = (
            self.sdoc,
            self.text,
            self.starts,
            self.ends,
            self.caps,
            self.gazetteer,
        )
        for ent in ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            bounds = _trim(ent)
            if bounds is None or any(self.taken[bounds[0] : bounds[1]]):
                continue
            t_start, t_end = bounds
            if _names_a_street(sdoc, t_end):
                continue  # "Baghdad Street" in Damascus: a street's name, not Baghdad
            surface = text[starts[t_start] : ends[t_end - 1]]
            key, entries, generic = _lookup(gazetteer, surface)
            if not key or (not entries and (ent.label_ == "FAC" or not caps[t_start])):
                continue
            if not entries and all(t.tag_ in {"JJ", "NNPS"} for t in sdoc[t_start:t_end]):
                continue  # a demonym the model tagged GPE ("Ukrainian"): not a place mention
            near = False
            if not entries:
                key, entries, generic, near = _lookup_or_near(gazetteer, surface, self.demonyms)
            if not entries and _addressee(ent):
                continue  # "an elder told Horn Wire": whom one tells is a person or an organisation, not a place
            topo = self.add(t_start, t_end, "ner", key, entries, generic, _locative_cue(sdoc, t_start))
            if near:
                topo.cues.append("fuzzy")

    def scan(self) -> None:
        """Gazetteer scan of capitalised n-grams the model missed, longest first at each position."""
        i = 0
        n_tokens = len(self.sdoc)
        while i < n_tokens:
            if self.taken[i] or not self.caps[i]:
                i += 1
                continue
            label = self.sdoc[i].ent_type_
            if label in {"DATE", "TIME", "CARDINAL"} or (
                label == "NORP" and not _locative_cue(self.sdoc, i)  # demonyms, unless "towns of Aleppo"
            ):
                i += 1
                continue
            match = self._longest_match(i)
            i = self._unknown_after_cue(i) if match is None else self._accept(i, match)

    def _longest_match(self, i: int) -> tuple[int, str, tuple[Entry, ...], str | None] | None:
        """The longest name-like n-gram from token ``i`` (up to six tokens) that the gazetteer knows."""
        taken, caps, tokens = self.taken, self.caps, self.tokens
        for n in range(min(6, len(self.sdoc) - i), 0, -1):
            j = i + n
            if any(taken[i:j]) or not caps[j - 1]:
                continue
            if not tokens.name_like(i, j):
                continue
            if tokens.alpha_count(i, j) > 4:
                continue
            surface = self.text[self.starts[i] : self.ends[j - 1]]
            key, entries, generic = _lookup(self.gazetteer, surface)
            if entries:
                return j, key, entries, generic
        return None

    def _unknown_after_cue(self, i: int) -> int:
        """Token ``i`` starts no known name: take it as an unresolved toponym after a strong locative cue.
        Returns the index where the scan goes on."""
        # An unknown capitalised word after a strong locative cue is an unresolved toponym
        # ("victims to Khasfa"), unless the model calls it a person or it is a known actor.
        sdoc, starts, ends = self.sdoc, self.starts, self.ends
        cue = _locative_cue(sdoc, i)
        token = sdoc[i]
        if (
            cue
            and token.ent_type_ not in {"PERSON", "NORP", "DATE", "TIME", "MONEY", "WORK_OF_ART"}
            and token.pos_ == "PROPN"
        ):
            j = i + 1
            limit = min(len(sdoc), i + 4)
            while j < limit and not self.taken[j] and sdoc[j].pos_ == "PROPN" and self.caps[j]:
                j += 1
            if self.doc.actor_at(starts[i], ends[j - 1]) is None:
                surface = self.text[starts[i] : ends[j - 1]]
                key, entries, generic, near = _lookup_or_near(self.gazetteer, surface, self.demonyms)
                topo = self.add(i, j, "fuzzy" if near else "unknown", key or normalise(surface), entries, generic, cue)
                if near:
                    topo.cues.append("fuzzy")
                return j
        return i + 1

    def _accept(self, i: int, match: tuple[int, str, tuple[Entry, ...], str | None]) -> int:
        """Add the known name at token ``i`` when the text gives evidence that it is a place here.
        Returns the index where the scan goes on."""
        sdoc = self.sdoc
        j, key, entries, generic = match
        cue = _locative_cue(sdoc, i)
        label = _label_at(sdoc, i, j)
        last = sdoc[j - 1]
        if (
            label == "NORP"
            and last.dep_ in {"compound", "amod"}
            and last.head.i >= j
            and not _known_big(entries, None, sdoc[i])
        ):
            # an adjective of belonging before what it modifies ("in Sunni west Baghdad") is no toponym of
            # its own, unless it names a big place
            return i + 1
        if _inside_a_name(sdoc, i, j):
            return i + 1  # "at Donald Trump's rallies": part of a person's full name is never a place
        if _names_a_street(sdoc, j):
            return i + 1  # "near Seventh Street and Central Avenue": not the place "Central"
        evidence = cue or _continues_list(sdoc, i, self.found) or _has_container(sdoc, j, self.gazetteer)
        if not evidence and not _known_big(entries, label, sdoc[i]):
            return i + 1
        if not cue and self.doc.actor_at(self.starts[i], self.ends[j - 1]) is not None:
            return i + 1
        self.add(i, j, "gazetteer", key, entries, generic, evidence)
        return j


def _organisation_acronym(doc: Document, topo: Toponym) -> bool:
    """An all-caps acronym the actors stage read as an organisation ("EU", "UN", "AU", "IS"): no place.

    Why: the acronym's letters also spell a town's name (Eu in Normandy); the organisation is what the text means.
    """
    text = topo.text
    if not (2 <= len(text) <= 5 and text.isalpha() and text.isupper()):
        return False
    actor = doc.actor_at(topo.start, topo.end)
    return actor is not None and actor.kind in ORGANISATION_KINDS


def _dateline_parts(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """The dateline place as toponym spans: "BELEDWEYNE, Somalia" is the town and its container, two spans
    (the ranker then reads the second as containing the first); otherwise the whole place."""
    cut = text.find(", ", start, end)
    if cut < 0:
        return [(start, end)]
    rest = cut + 2
    if not any(e.is_country or e.feature_code == "ADM1" for e in _lookup(gazetteer, text[rest:end])[1]):
        state = container_abbreviation(text, rest, end, gazetteer)
        if state is None:
            return [(start, end)]
    return [(start, cut), (rest, end)]


def _addressee(ent: Span) -> bool:
    """Whether the entity is whom a speaker addresses ("told Horn Wire", "said to Radio Dalsan")."""
    root = ent.root
    head = root.head
    if root.dep_ in {"dobj", "dative"} and head.lemma_.lower() in ADDRESS_VERBS:
        return True
    return root.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in SPEECH_TO


@lru_cache(maxsize=1)
def _word_ids() -> tuple[frozenset[int], frozenset[int]]:
    """spaCy string ids (hashes, the same in every vocabulary) of ``NOT_NAMES`` and ``CONNECTORS``."""
    from spacy.strings import get_string_id

    return frozenset(map(get_string_id, NOT_NAMES)), frozenset(map(get_string_id, CONNECTORS))


class _TokenTable:
    """Per-token offsets and flags of one parse, read once through ``Doc.to_array``.

    The n-gram scan asks the same questions of the same tokens many times; reading spaCy ``Token``
    attributes each time is what made it slow.
    """

    def __init__(self, sdoc: Doc, text: str):
        from spacy.attrs import IDX, IS_ALPHA, LENGTH, LOWER

        columns = sdoc.to_array([IDX, LENGTH, LOWER, IS_ALPHA]).T.tolist() if len(sdoc) else [[], [], [], []]
        self.starts: list[int] = columns[0]
        self.ends: list[int] = [s + n for s, n in zip(columns[0], columns[1], strict=True)]
        lowers: list[int] = columns[2]
        self.alpha: list[int] = columns[3]
        not_names, connectors = _word_ids()
        # _capitalised(token), from the token's text and the id of its lower-case form
        self.caps: list[bool] = [
            text[s].isupper() and any(c.isalpha() for c in text[s:e]) and low not in not_names
            for s, e, low in zip(self.starts, self.ends, lowers, strict=True)
        ]
        self.connector: list[bool] = [low in connectors for low in lowers]

    def name_like(self, i: int, j: int) -> bool:
        """Whether tokens i..j-1 are all capitalised or connectors ("Tal Afar", "Ar Raqqah", "Dayr az-Zawr")."""
        caps, connector = self.caps, self.connector
        return all(caps[k] or connector[k] for k in range(i, j))

    def alpha_count(self, i: int, j: int) -> int:
        return sum(self.alpha[i:j])


def _continues_list(doc: Doc, start: int, found: list[Toponym]) -> str | None:
    """ "list" when token ``start`` follows ", " / " and " right after an accepted toponym."""
    k = start - 1
    while k >= 0 and doc[k].lower_ in {",", "and", "or"}:
        k -= 1
    if k == start - 1 or k < 0:
        return None
    end_char = doc[k].idx + len(doc[k].text)
    return "list" if any(t.end == end_char for t in found) else None


def _has_container(doc: Doc, end: int, gazetteer: Gazetteer) -> str | None:
    """ "container" when the name is followed by ", <country or division>" or "in <country>"."""
    if end + 1 >= len(doc) or doc[end].text not in {",", "in"}:
        return None
    for n in (3, 2, 1):
        span = doc[end + 1 : end + 1 + n]
        if (
            len(span) == n
            and all(_capitalised(t) for t in span)
            and any(e.is_country or e.feature_code == "ADM1" for e in gazetteer.lookup(normalise(span.text)))
        ):
            return "container"
    return None


def _inside_a_name(doc: Doc, start: int, end: int) -> bool:
    """Tokens ``start..end`` are a proper part of a PERSON entity ("Donald" of "Donald Trump"). A whole entity the
    model calls a person may still be a place it mislabelled ("Tal Afar"); a part of a longer person's name is not."""
    first = doc[start]
    if first.ent_type_ != "PERSON":
        return False
    if first.ent_iob_ == "I":
        return True  # the name began before
    after = doc[end] if end < len(doc) else None
    return after is not None and after.ent_type_ == "PERSON" and after.ent_iob_ == "I"  # it goes on after


def _names_a_street(doc: Doc, end: int) -> bool:
    """The name ending before token ``end`` goes on as a thoroughfare's ("Central Avenue", "Baghdad Street")."""
    if end >= len(doc):
        return False
    nxt = doc[end]
    return nxt.text[:1].isupper() and nxt.lower_.rstrip(".") in THOROUGHFARES


def _known_big(entries: tuple[Entry, ...], label: str | None, first: Token) -> bool:
    """A big, well-known place name that the model did not label as something else."""
    if label in OTHER_LABELS or first.is_sent_start or first.is_stop:
        return False
    return any(
        e.is_country or e.feature_code in {"ADM1", "PPLC", "CONT"} or e.population >= _BIG_POPULATION
        for e in entries
        if e.kind != 3
    )
