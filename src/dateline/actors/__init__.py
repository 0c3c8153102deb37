"""Actors stage: entity mentions grouped and resolved to canonical actors (IS = ISIS = Daesh).

Four passes over the spaCy parse, all cheap: (1) the knowledge-base PhraseMatcher with case and
context guards ("IS" the group, not the verb), (2) links to actors already found: surnames
("Allawi"), surnames of KB persons whose organisation is in the article ("Baghdadi"), "the group's";
(3) named entities the KB does not know (PERSON/ORG/NORP), kept with an ``x-`` id; (4) generic
actors from noun chunks ("coalition forces", "human rights groups", "civilians").
``_find`` computes candidate mentions, ``resolve`` writes the actors.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import DatelineError
from ..kb.actors import GENERIC, PLAIN, WEAK, ActorKB
from ..kb.names import normalise
from ..lexicon import PLACE_NOUNS, word_set
from ..model import Actor, ActorRole
from ..model import Span as TextSpan
from ._lexicon import (
    ANAPHORA_GROUP,
    CIVILIAN_HEADS,
    CIVILIAN_MODIFIERS,
    CIVILIAN_ROLES,
    CREATION_VERBS,
    FOCUS_INSTITUTIONS,
    GENERIC_HEADS,
    GROUP_HEADS,
    GROUP_KINDS,
    INSTITUTION_HEADS,
    LOCATIVE_PREPS,
    MOTION_WORDS,
    NGO_MODIFIERS,
    OFFICE_TITLES,
    QUANTIFIERS,
    TITLE_WORDS,
    WEAPON_HEADS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..document import Document
    from ..resources import Resources

REQUIRES = ("article", "spacy_doc")
ASSIGNS = ("actors",)

LOGGER = logging.getLogger(__name__)


_WORD = re.compile(r"[A-Za-z]+")


@dataclass(slots=True)
class _Candidate:
    """One actor found in the article: what it is and every character span that mentions it."""

    id: str
    name: str
    kind: str
    known: bool
    confidence: float
    record: dict | None = None
    country: str | None = None
    role: str | None = None
    affiliation: str | None = None
    surfaces: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)

    def add(self, start: int, end: int, surface: str) -> None:
        if (start, end) not in self.spans:
            self.spans.append((start, end))
        if surface not in self.surfaces:
            self.surfaces.append(surface)


def resolve(doc: Document, resources: Resources) -> None:
    """Fill ``doc.actors``: one Actor per canonical actor in the article, with all its mention spans."""
    if doc.spacy_doc is None or not doc.text:
        doc.actors = []
        return
    kb = resources.actor_kb
    dateline = doc.article.dateline
    candidates = _find(
        doc.spacy_doc,
        doc.text,
        kb,
        dateline.span if dateline is not None else None,
        place_country=_place_country_lookup(resources),
        dateline_place=dateline.place.text if dateline is not None and dateline.place is not None else None,
    )
    day = _article_day(doc)
    actors = []
    for cand in candidates:
        spans = sorted(cand.spans)
        aliases = list(cand.record.get("aliases", [])) if cand.record is not None else list(cand.surfaces)
        roles = [ActorRole(**r) for r in cand.record.get("roles", ())] if cand.record is not None else []
        role, cameo = cand.role, cand.record.get("cameo") if cand.record else None
        held = _role_held(roles, day) if day and cand.record and cand.record.get("source") != "curated" else None
        if held is not None:  # a Phoenix person's coded role on the article's date beats their latest one
            role, cameo = held.role or role, held.cameo or cameo
        actors.append(
            Actor(
                id=cand.id,
                name=cand.name,
                aliases=aliases,
                kind=cand.kind,  # type: ignore[arg-type]
                country=cand.country,
                role=role,
                affiliation=cand.affiliation,
                roles=roles,
                cameo=cameo,
                known=cand.known,
                mentions=[doc.span(s, e) for s, e in spans],
                confidence=round(cand.confidence, 3),
            )
        )
    actors.sort(key=lambda a: a.mentions[0].start if a.mentions else 0)
    doc.actors = actors
    doc.invalidate_actor_index()


def _article_day(doc: Document) -> str | None:
    """The article's date (ISO day) when it has a year: the publication date, else a dated dateline."""
    article = doc.article
    for value in (article.published, article.dateline.date_value if article.dateline else None):
        if value and value[:4].isdigit():
            return value[:10]
    return None


def _role_held(roles: list[ActorRole], day: str) -> ActorRole | None:
    """The role whose dates contain ``day`` (ISO strings compare by date), the latest starting first."""
    held = [r for r in roles if (r.start is None or r.start <= day) and (r.end is None or day <= r.end)]
    return max(held, key=lambda r: r.start or "") if held else None


# ---------------------------------------------------------------------------------------- finding


_PLACE_COUNTRY_CACHE = 8192  # names kept by the shared name -> country cache before it starts afresh


def _place_country_lookup(resources: Resources) -> Callable[[str], str | None] | None:
    """A name -> ISO-3 look-up over the places stage's gazetteer (the same shared instance), or None without one."""
    try:
        gazetteer = resources.gazetteer
    except (DatelineError, OSError) as exc:  # no index: generic actors then take countries from names only
        LOGGER.debug("no gazetteer for actor countries: %s", exc)
        return None
    cache: dict[str, str | None] = resources.shared("actors.place_countries", dict)

    def country(name: str) -> str | None:
        if name not in cache:
            if len(cache) >= _PLACE_COUNTRY_CACHE:  # bounded: a long run meets ever new names
                cache.clear()
            cache[name] = _dominant_country(gazetteer.lookup(normalise(name)))
        return cache[name]

    return country


def _dominant_country(entries) -> str | None:
    """The country of a place name when its biggest place outweighs every other country's tenfold ("Mosul": IRQ)."""
    best: dict[str, int] = {}
    for e in entries:
        if e.country_iso3 and e.feature_class in ("P", "A"):
            best[e.country_iso3] = max(best.get(e.country_iso3, 0), e.population or 0)
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] < 10 * max(ranked[1][1], 1):
        return None
    return ranked[0][0] if ranked[0][1] >= 1000 or len(ranked) == 1 else None


def _find(
    sdoc: Doc,
    text: str,
    kb: ActorKB,
    dateline: TextSpan | None = None,
    place_country: Callable[[str], str | None] | None = None,
    dateline_place: str | None = None,
) -> list[_Candidate]:
    """All actors of one parsed article, in no particular order. The dateline ("Apr 18, Baghdad:") names a place;
    ``place_country`` maps a place name to its country for the generic actors' context."""
    found: dict[str, _Candidate] = {}
    taken = [False] * len(sdoc)  # tokens already inside an actor mention
    if dateline is not None:
        for tok in sdoc:
            if tok.idx >= dateline.end:
                break
            if tok.idx >= dateline.start:
                taken[tok.i] = True
    lowers, pos = _columns(sdoc)  # one array read instead of a Token object per word per pass
    focus = _focus_country(sdoc, kb, lowers, pos)

    weak = _match_kb(sdoc, text, kb, found, taken, lowers)
    _accept_weak(sdoc, kb, weak, found, taken)
    _titled_surnames(sdoc, kb, found, taken, lowers, focus)
    _institutions(sdoc, kb, found, taken, lowers, pos)
    _named_entities(sdoc, kb, found, taken, focus)
    _link_surnames(sdoc, text, found, taken, lowers)
    _generic(sdoc, kb, found, taken, focus)
    _group_anaphora(sdoc, found, taken, lowers)
    _state_adjectives(sdoc, kb, found, taken, lowers)
    _countries_from_words(sdoc, kb, found)
    if focus is None and dateline_place and place_country is not None:
        focus = kb.states.get(dateline_place.lower()) or place_country(dateline_place)
    _countries_from_context(sdoc, text, kb, found, focus, place_country)
    return [c for c in found.values() if c.spans]


# Generic actors that belong to the country they act in ("local villagers", "militants", "police"); NGOs, IGOs and
# terrorist groups are international, persons and organisations are named and typed elsewhere.
_CONTEXT_KINDS = frozenset({"civilians", "rebels", "police", "military", "government", "media"})


def _countries_from_context(
    sdoc: Doc,
    text: str,
    kb: ActorKB,
    found: dict[str, _Candidate],
    focus: str | None,
    place_country: Callable[[str], str | None] | None,
) -> None:
    """A generic actor with no country of its own words takes the country its context makes unambiguous: the one
    place the sentence locates it in when the sentence names no other country, else the one country the paragraph
    locates things in, else the article's focus country. A sentence or paragraph naming two countries decides None:
    "Israeli troops killed three civilians in Gaza" gives the civilians no country rather than a wrong one."""
    todo = [c for c in found.values() if not c.known and not c.country and c.kind in _CONTEXT_KINDS and c.spans]
    if not todo:
        return
    sents = _sentence_countries(sdoc, kb, found, place_country)
    for cand in todo:
        start = min(s for s, _ in cand.spans)
        idx = next((k for k, (s, e, _n, _l) in enumerate(sents) if s <= start < e), None)
        if idx is None:
            continue
        _s, _e, named, located = sents[idx]
        if len(named - {None}) >= 2:
            continue
        if len(located) == 1 and named <= located:
            cand.country = next(iter(located))
            continue
        # the paragraph: the lines around the sentence, up to blank lines
        p_start = text.rfind("\n\n", 0, start) + 1
        p_end = text.find("\n\n", start)
        p_end = len(text) if p_end < 0 else p_end
        para = set().union(*(loc for s, e, _n, loc in sents if s < p_end and e > p_start))
        if len(para) >= 2:
            continue
        cand.country = next(iter(para)) if para else focus


def _sentence_countries(
    sdoc: Doc, kb: ActorKB, found: dict[str, _Candidate], place_country: Callable[[str], str | None] | None
) -> list[tuple[int, int, set[str], set[str]]]:
    """Per sentence: (start, end, every country it names, the countries it places things in). A country is named by
    an actor of it, a demonym or a place; it locates when it is a place ("in Iraq", "war-torn Mosul")."""
    sents = [(sent.start_char, sent.end_char, set(), set()) for sent in sdoc.sents]
    starts = [s for s, _e, _n, _l in sents]

    def at(char: int) -> tuple[int, int, set[str], set[str]]:
        return sents[max(bisect_right(starts, char) - 1, 0)]

    for cand in found.values():
        if cand.country and cand.known:
            for start, _end in cand.spans:
                at(start)[2].add(cand.country)
    for ent in sdoc.ents:
        if ent.label_ not in ("GPE", "LOC", "NORP"):
            continue
        name = ent.text.lower().removeprefix("the ")
        if ent.label_ == "NORP":
            code = kb.demonyms.get(name)
            if code:
                at(ent.start_char)[2].add(code)
            continue
        code = kb.states.get(name)
        located = code is not None and _is_locative(ent)
        if code is None and place_country is not None:
            code, located = place_country(ent.text), True
        if code:
            sent = at(ent.start_char)
            sent[2].add(code)
            if located:
                sent[3].add(code)
    return sents


# Heads an adjective of nationality only describes: people and bodies (their own actors), and sources.
_DESCRIBED_HEADS = (
    frozenset(GENERIC_HEADS)
    | frozenset(GROUP_HEADS)
    | frozenset(INSTITUTION_HEADS)
    | frozenset(WEAPON_HEADS)
    | frozenset(CIVILIAN_HEADS)
    | frozenset(TITLE_WORDS)
    | word_set(
        "source people person citizen national man woman child family community population media press newspaper "
        "paper agency television radio daily official spokesman spokeswoman leader language territory border city "
        "town village region province soil water airspace coast capital side"
    )
)


def _state_adjectives(sdoc: Doc, kb: ActorKB, found: dict[str, _Candidate], taken: list[bool], lowers: list[str]):
    """An adjective of nationality on a thing is its state acting or acted on: "an Australian demand", "Turkish
    air strikes", "Qatari mediation" mention Australia, Turkey, Qatar. On people, bodies, places and sources it only
    describes ("Iraqi sources", "Syrian territory") and is left alone."""
    for i, low in enumerate(lowers):
        country = kb.demonyms.get(low)
        if country is None or taken[i]:
            continue
        tok = sdoc[i]
        if not tok.text[:1].isupper() or tok.text.isupper():
            continue  # a word, or an acronym ("US TRADE" in a shouting headline): the KB's guards decide those
        head = tok.head
        if tok.dep_ not in ("amod", "compound", "nmod") or head.pos_ != "NOUN" or taken[head.i]:
            continue
        if head.lemma_.lower() in _DESCRIBED_HEADS or head.lower_ in _DESCRIBED_HEADS:
            continue
        rec = kb.get(country.lower())
        if rec is None or rec.get("kind") != "state":
            continue
        _known(found, rec, 0.6).add(tok.idx, tok.idx + len(tok.text), tok.text)
        taken[i] = True


def _countries_from_words(sdoc: Doc, kb: ActorKB, found: dict[str, _Candidate]) -> None:
    """An unknown actor with no country takes the one its own words name: a demonym or a state ("Malian
    refugees", "Liberians", "the Kenyan opposition", "Somali armed groups", "Syrian Kurds"), or the state it is
    in or of ("rebels in the Ivory Coast", "Montenegro's prime minister")."""
    for cand in found.values():
        if cand.known or cand.country or cand.id == "x-civilians":
            continue
        for start, end in cand.spans:
            span = sdoc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            # the mention's words, then an adjective of nationality right before it ("Syrian Kurds")
            prev = sdoc[span.start - 1] if span.start > 0 else None
            before = [prev] if prev is not None and prev.dep_ in ("amod", "compound") else []
            # "rebels in the Ivory Coast", "opposition parties in Peru", "Montenegro's prime minister"
            after = [
                c
                for c in span.root.children
                if c.dep_ == "poss"
                or (c.dep_ == "prep" and c.lower_ in ("in", "of", "from", "throughout") and c.i >= span.end)
            ]
            for tok in [*span, *before, *after]:
                if tok.dep_ == "prep":
                    obj = next((o for o in tok.children if o.dep_ == "pobj"), None)
                    name = " ".join(t.lower_ for t in obj.subtree if t.i <= obj.i and t.dep_ != "det") if obj else ""
                    if name in kb.states:
                        cand.country = kb.states[name]
                        break
                    continue
                low = tok.lower_
                country = kb.demonyms.get(low) or kb.states.get(low)
                if country is None and low.endswith("s") and tok.tag_ in ("NNPS", "NNS"):
                    country = kb.demonyms.get(low[:-1])  # "Liberians"
                if country is not None:
                    cand.country = country
                    break
            if cand.country:
                break


def _columns(sdoc: Doc) -> tuple[list[str], list[int]]:
    """Every token's lower-case form and coarse POS id, read from the doc's arrays."""
    from spacy.attrs import LOWER, POS

    if not len(sdoc):
        return [], []
    strings = sdoc.vocab.strings
    cols = sdoc.to_array([LOWER, POS]).T.tolist()
    return [strings[h] for h in cols[0]], cols[1]


def _mark(taken: list[bool], start: int, end: int) -> None:
    for i in range(start, end):
        taken[i] = True


def _free(taken: list[bool], start: int, end: int) -> bool:
    return not any(taken[start:end])


def _known(found: dict[str, _Candidate], rec: dict, confidence: float) -> _Candidate:
    cand = found.get(rec["id"])
    if cand is None:
        cand = found[rec["id"]] = _Candidate(
            id=rec["id"],
            name=rec["name"],
            kind=rec.get("kind", "unknown"),
            known=True,
            confidence=confidence,
            record=rec,
            country=rec.get("country"),
            role=rec.get("role"),
            affiliation=rec.get("affiliation"),
        )
    cand.confidence = max(cand.confidence, confidence)
    return cand


def _match_kb(
    sdoc: Doc, text: str, kb: ActorKB, found: dict[str, _Candidate], taken: list[bool], lowers: list[str]
) -> list[tuple[int, int, int]]:
    """Plain and generic KB aliases become mentions; weak ones are returned for a later decision."""
    from spacy.util import filter_spans

    spans, weak = [], []
    for i, how, start, end in kb.match(lowers):
        if how == WEAK:
            weak.append((i, start, end))
            continue
        span = sdoc[start:end]
        if not _free(taken, start, end):
            continue  # the dateline
        if how == PLAIN and not _plain_ok(span, kb, text):
            continue
        rec = kb.records[i]
        if _dateline_word(span):
            continue
        if rec.get("kind") == "state" and (_is_locative(span) or _inside_org_name(span)):
            continue  # "gains in Syria": a place, left to the places stage; "the Sudan Doctors' Committee"
        span.label_ = f"{i}:{how}"
        spans.append(span)
    for span in filter_spans(spans):
        i_str, how = span.label_.split(":")
        rec = kb.records[int(i_str)]
        conf = 0.95 if len(span) > 1 or not span.text.isupper() else 0.85
        if how == GENERIC:
            conf = 0.7
        start, end = _trim(span)
        if rec.get("kind") == "person":
            start = _skip_titles(sdoc, kb, start, end)
        if start >= end:
            continue
        _known(found, rec, conf).add(sdoc[start].idx, _end_char(sdoc, end), sdoc[start:end].text)
        _mark(taken, start, end)
        if rec.get("kind") == "person":
            _person_context(sdoc[start:end], found[rec["id"]], kb, from_kb=True, found=found)
    return weak


def _skip_titles(sdoc: Doc, kb: ActorKB, start: int, end: int) -> int:
    """Where a person's name starts inside an alias such as "Israeli Prime Minister Benjamin Netanyahu"."""
    i = start
    while i < end - 1:
        tok = sdoc[i]
        low = tok.lower_
        if low in TITLE_WORDS or low in kb.demonyms or low in kb.states or tok.tag_ == "POS" or tok.is_punct:
            i += 1
            continue
        break
    return i


def _plain_ok(span: Span, kb: ActorKB, doc_text: str) -> bool:
    """Case and context guards: "IS" not the verb "is", "US" not "us", names written as names."""
    text = span.text
    if len(span) == 1:
        exact = kb.acronyms.get(text.lower())
        if exact is not None:
            if text not in exact:
                return False
            return not _shouting(span, doc_text)
        tok = span[0]
        if not text[:1].isupper():
            return False
        return tok.pos_ == "PROPN" or tok.tag_ in ("NNP", "NNPS") or bool(tok.ent_type_)
    if not any(t.text[:1].isupper() for t in span if t.is_alpha):
        return False
    for tok in span:  # an acronym inside a longer alias still has to keep its case ("IS group")
        exact = kb.acronyms.get(tok.lower_)
        if exact is not None and tok.text not in exact and len(tok.text) <= 3:
            return False
    return True


def _shouting(span: Span, text: str) -> bool:
    """An all-caps headline or line, where "IS" and "US" are just words."""
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    words = _WORD.findall(text[line_start : line_end if line_end >= 0 else len(text)])
    return len(words) >= 3 and sum(w.isupper() for w in words) > 0.6 * len(words)


def _is_locative(span: Span) -> bool:
    """A country name after "in", "across", "of" ... is a place; as subject, object or owner it acts."""
    tok = span.root
    while tok.dep_ in ("conj", "appos", "compound") and tok.head is not tok:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
        return False  # "according to the Sudan Doctors' Committee": a source, not a place
    if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS:
        # "of" is locative only under a place noun: "the towns of Qaim", not "the wife of Smith"
        if tok.head.lower_ == "to":
            return _to_is_locative(tok.head)
        return tok.head.lower_ != "of" or tok.head.head.lemma_.lower() in PLACE_NOUNS
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and nxt.tag_ == "POS":
        return False
    return tok.dep_ in ("compound", "amod", "nmod") and tok.head.pos_ in ("NOUN", "PROPN")


def _to_is_locative(prep: Token) -> bool:
    """ "to X" is a destination after motion ("fled to Syria", "a visit to Iraq", "troops to Bosnia") and a
    recipient after giving or saying ("military aid to Mozambique", "a stern reminder to Iraq")."""
    head = prep.head
    if head.pos_ == "PROPN" or head.lemma_.lower() in PLACE_NOUNS:
        return True  # "the road from Mosul to Baghdad", "the border to Syria"
    return head.lemma_.lower() in MOTION_WORDS or head.lower_ in MOTION_WORDS


def _inside_org_name(span: Span) -> bool:
    """A name inside a longer organisation name the NER found ("the Sudan Doctors' Committee")."""
    first, doc = span[0], span.doc
    if first.ent_type_ != "ORG":
        return False
    nxt = doc[span.end] if span.end < len(doc) else None
    return first.ent_iob_ == "I" or (nxt is not None and nxt.ent_iob_ == "I" and nxt.ent_type_ == "ORG")


def _trim(span: Span) -> tuple[int, int]:
    """Drop a leading determiner and a trailing possessive from a mention: "the Daily Telegraph" stays."""
    start, end = span.start, span.end
    doc = span.doc
    while end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    return start, end


def _end_char(sdoc: Doc, end: int) -> int:
    tok = sdoc[end - 1]
    return tok.idx + len(tok.text)


def _accept_weak(
    sdoc: Doc, kb: ActorKB, weak: list[tuple[int, int, int]], found: dict[str, _Candidate], taken: list[bool]
) -> None:
    """Bare surnames of KB persons count when the person or their organisation is in the article."""
    for i, start, end in weak:
        if not _free(taken, start, end):
            continue
        span = sdoc[start:end]
        if not span.text[:1].isupper() and not span.text.lower().startswith(("al-", "el-", "bin ")):
            continue
        if not any(t.text[:1].isupper() for t in span):
            continue
        cand = None
        for c in found.values():
            weak_forms = {w.lower() for w in (c.record or {}).get("weak", [])}
            if span.text.lower() in weak_forms:
                cand = c
                break
        if cand is None:
            # the person is not named in full: accept when their organisation is
            rec = kb.records[i]
            if not rec.get("affiliation") or rec["affiliation"] not in found:
                continue
            cand = _known(found, rec, 0.75)
        cand.add(span.start_char, span.end_char, span.text)
        _mark(taken, start, end)


def _titled_surnames(
    sdoc: Doc, kb: ActorKB, found: dict[str, _Candidate], taken: list[bool], lowers: list[str], focus: str | None
) -> None:
    """A title of office before the bare surname of a KB person names that person: "President Macron's", "Prime
    Minister Netanyahu". Several persons share most surnames, so the title's own country ("Serbian President X",
    "Iraq's President X") or else the article's focus country must leave exactly one."""
    for i, low in enumerate(lowers):
        if i == 0 or taken[i] or low not in kb.surnames:
            continue
        tok, prev = sdoc[i], sdoc[i - 1]
        if not tok.text[:1].isupper() or tok.pos_ != "PROPN" or prev.lower_ not in OFFICE_TITLES:
            continue
        if not prev.text[:1].isupper() or (i + 1 < len(sdoc) and sdoc[i + 1].pos_ == "PROPN" and not taken[i + 1]):
            continue  # "president Reagan" in lower case is rare; "President Reagan Smith" is someone else
        recs = [kb.records[r] for r in kb.surnames[low]]
        country = _title_country(sdoc, kb, i - 1)
        for code in (country, focus if country is None else None):
            if code is not None and len(recs) > 1:
                recs = [r for r in recs if r.get("country") == code] or recs
        if len(recs) != 1:
            continue
        cand = _known(found, recs[0], 0.7)
        cand.add(tok.idx, tok.idx + len(tok.text), tok.text)
        taken[i] = True
        _person_context(sdoc[i : i + 1], cand, kb, from_kb=True, found=found)


def _title_country(sdoc: Doc, kb: ActorKB, i: int) -> str | None:
    """The country qualifying the title that ends at token ``i``: "Serbian President", "Iraq's Vice President"."""
    while i >= 0 and (sdoc[i].lower_ in TITLE_WORDS or (sdoc[i].is_punct and sdoc[i].text == "-")):
        i -= 1
    if i < 0:
        return None
    tok = sdoc[i]
    if tok.tag_ == "POS" and i > 0:
        return kb.states.get(sdoc[i - 1].lower_)
    return kb.demonyms.get(tok.lower_) or kb.states.get(tok.lower_)


def _office_text(doc: Doc, roles: list[Token]) -> str:
    """The title words as written, hyphens kept: "Vice President", "Secretary-General"."""
    out = ""
    for k, t in enumerate(roles):
        if t.lower_ == "vive":
            continue
        word = t.text if t.text[:1].isupper() else t.lower_
        joined = k and doc[t.i - 1].text == "-" and t.i - 2 == roles[k - 1].i
        out += ("-" if joined else " ") + word if out else word
    return out


def _org_ending_at(found: dict[str, _Candidate], end: int) -> _Candidate | None:
    """The known organisation (IGO, NGO, party, armed group) with a mention ending at character ``end``."""
    for cand in found.values():
        if cand.known and cand.kind in GROUP_KINDS and any(e == end for _s, e in cand.spans):
            return cand
    return None


def _person_context(
    span: Span, cand: _Candidate, kb: ActorKB, *, from_kb: bool, found: dict[str, _Candidate] | None = None
) -> None:
    """Role and country from the words before a name: "Iraq's Vice President", "local villager"."""
    doc = span.doc
    i = span.start - 1
    titles: list[Token] = []
    while i >= 0 and len(titles) < 6:
        tok = doc[i]
        if tok.lower_ in TITLE_WORDS or tok.lower_ in CIVILIAN_ROLES:
            titles.insert(0, tok)
            i -= 1
            continue
        if tok.text == "-" and titles and i > 0 and doc[i - 1].lower_ in TITLE_WORDS:
            i -= 1  # "Secretary-General"
            continue
        break
    country = None
    if i >= 0:
        tok = doc[i]
        country = kb.states.get(doc[i - 1].lower_) if tok.tag_ == "POS" and i > 0 else kb.demonyms.get(tok.lower_)
        if country is None and i > 0:  # "Kenyan leader", "North Korean leader"
            country = kb.demonyms.get(f"{doc[i - 1].lower_} {tok.lower_}")
        if titles and found is not None and not cand.affiliation:
            owner = doc[i - 1] if tok.tag_ == "POS" and i > 0 else tok  # "the Arab League's Secretary-General"
            org = _org_ending_at(found, owner.idx + len(owner.text))  # "Arab League Secretary-General Hamid Zaroual"
            if org is not None and org is not cand:
                cand.affiliation = org.id
    for tok in titles:
        country = country or kb.demonyms.get(tok.lower_)
    roles = [t for t in titles if t.lower_ not in {"local", "former", "top", "senior", "acting"}]
    if roles and not cand.role and cand.affiliation and found is not None and cand.affiliation in found:
        office = _office_text(doc, roles)
        cand.role = f"{office} of {found[cand.affiliation].name}"
    civilian = next((t.lower_ for t in titles if t.lower_ in CIVILIAN_ROLES), None)
    if civilian and not from_kb:
        cand.kind = "civilians"
        cand.role = civilian
    elif roles and not cand.role:
        cand.role = _office_text(doc, roles)
    if country and not cand.country:
        cand.country = country


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _named_entities(sdoc: Doc, kb: ActorKB, found: dict[str, _Candidate], taken: list[bool], focus: str | None) -> None:
    """PERSON / ORG / NORP entities the KB did not cover: kept as ``x-`` actors, typed by label and context."""
    for ent in sdoc.ents:
        if ent.label_ not in ("PERSON", "ORG", "NORP"):
            continue
        start, end = ent.start, ent.end
        while start < end and sdoc[start].lower_ in ("the", "a", "an"):
            start += 1
        start, end = _trim(sdoc[start:end])
        if ent.label_ == "PERSON":  # "Archbishop Samuel Obeng": the title is context, not the name
            while end - start > 1 and sdoc[start].lower_ in TITLE_WORDS and sdoc[start].text[:1].isupper():
                start += 1
        if start >= end or not _free(taken, start, end):
            continue
        span = sdoc[start:end]
        text = span.text
        if not any(c.isalpha() for c in text):
            continue
        if (_is_locative(span) and span.root.dep_ != "compound") or _dateline_word(span):
            continue  # "the towns of Qaim and Tal Afar", "to Khasfa": places the NER took for names
        if ent.label_ == "NORP":
            if span.root.dep_ in ("amod", "compound", "nmod") or span.root.tag_ == "JJ":
                continue  # "Arabic acronym", "Iraqi sources": a modifier, not an actor
            country = kb.demonyms.get(text.lower())
            if country is None or span.root.tag_ not in ("NNPS", "NNS"):
                if country is not None:
                    continue  # "Iraqi sources": an adjective, used only as country context
                kind = "unknown"
            else:
                kind = "civilians"
            cid = "x-" + _slug(text)
            cand = found.get(cid) or found.setdefault(cid, _Candidate(cid, text, kind, False, 0.6, country=country))
        elif ent.label_ == "PERSON":
            cid = "x-" + _slug(text)
            cand = found.get(cid)
            if cand is None:
                cand = found[cid] = _Candidate(cid, text, "person", False, 0.7)
                _person_context(span, cand, kb, from_kb=False, found=found)
                if cand.kind == "civilians" and cand.country is None and focus:
                    cand.country = focus
        else:
            if _created(span):
                continue  # "declared a Caliphate": the thing declared, not an actor
            cid = "x-" + _slug(text)
            cand = found.get(cid) or found.setdefault(cid, _Candidate(cid, text, "organization", False, 0.65))
        cand.add(span.start_char, span.end_char, text)
        _mark(taken, start, end)


def _created(span: Span) -> bool:
    """An entity that is the object of "declare / announce / establish": a thing brought about, not an actor.

    Read from the parse, and from the words before it, since the parser often loses the object of "declared".
    """
    root = span.root
    if root.dep_ in ("dobj", "attr", "nsubjpass") and root.head.lemma_.lower() in CREATION_VERBS:
        return True
    i = span.start - 1
    doc = span.doc
    while i >= 0 and doc[i].dep_ == "det" and span.start - i < 3:
        i -= 1
    return i >= 0 and doc[i].pos_ == "VERB" and doc[i].lemma_.lower() in CREATION_VERBS


def _dateline_word(span: Span) -> bool:
    """ "BAMAKO, Feb 3 -", "Apr 18, Baghdad:": the place at the head of a story is a dateline, not an actor."""
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and nxt.text == ":":
        line_start = span.doc.text.rfind("\n", 0, span.start_char) + 1
        before = [t for t in span.doc[max(0, span.start - 8) : span.start] if t.idx >= line_start and not t.is_space]
        if len(before) < 6 and all(t.like_num or t.is_punct or t.is_title for t in before):
            return True
    if span.start >= 4 or not span.text.isupper() or len(span.text) < 4:
        return False
    # "BAMAKO, Feb 3": the capitals open their line and a separator follows; "The UNITA wing" is a name
    line_start = span.doc.text.rfind("\n", 0, span.start_char) + 1
    if span.doc.text[line_start : span.start_char].strip():
        return False
    return nxt is not None and nxt.text in {",", "(", "-", "\u2014", "\u2013", ":"}


def _surname_keys(name: str) -> set[str]:
    """Lower-cased short forms of a person's name: last name, with and without "al-"."""
    parts = name.replace("\u2019", "'").split()
    if len(parts) < 2:
        return set()
    last = parts[-1].lower()
    keys = {last}
    for prefix in ("al-", "el-", "ad-", "as-", "ash-"):
        if last.startswith(prefix) and len(last) > len(prefix) + 2:
            keys.add(last[len(prefix) :])
    return keys


def _link_surnames(sdoc: Doc, text: str, found: dict[str, _Candidate], taken: list[bool], lowers: list[str]) -> None:
    """A person named in full is also every later bare surname ("Allawi"), and merges x- duplicates."""
    keys: dict[str, _Candidate] = {}
    for cand in found.values():
        if cand.kind in ("person", "civilians") and cand.spans:
            for key in _surname_keys(cand.name):
                keys.setdefault(key, cand)
    if not keys:
        return
    # bare surnames recognised by NER as persons of their own: fold them in
    for cid in [c for c in found if c.startswith("x-")]:
        cand = found[cid]
        if cand.kind in ("person", "civilians") and " " not in cand.name:
            target = keys.get(cand.name.lower())
            if target is not None and target is not cand:
                for s, e in cand.spans:
                    target.add(s, e, text[s:e])
                cand.spans.clear()
    for i, low in enumerate(lowers):
        if low not in keys or taken[i]:
            continue
        tok = sdoc[i]
        if not tok.text[:1].isupper() or tok.pos_ not in ("PROPN", "NOUN", "ADJ", "X"):
            continue
        target = keys[low]
        if (tok.idx, tok.idx + len(tok.text)) in target.spans:
            continue
        target.add(tok.idx, tok.idx + len(tok.text), tok.text)
        taken[tok.i] = True


def _chunk_tokens(chunk: Span) -> list[Token]:
    """The words of a noun chunk that describe the actor: no determiners, numbers or possessive pronouns."""
    return [t for t in chunk if t.pos_ not in ("DET", "NUM", "PRON", "PUNCT") and t.tag_ not in ("POS", "PRP$", "CD")]


def _generic(sdoc: Doc, kb: ActorKB, found: dict[str, _Candidate], taken: list[bool], focus: str | None) -> None:
    """Generic actors from noun chunks: "civilian casualties", "human rights groups", "militants"."""
    for chunk in sdoc.noun_chunks:
        root = chunk.root
        lemma = root.lemma_.lower()
        if taken[root.i]:
            continue
        if not (
            lemma in GENERIC_HEADS
            or root.lower_ in GENERIC_HEADS
            or lemma in GROUP_HEADS
            or any(t.lower_ in CIVILIAN_MODIFIERS for t in chunk)
            or (root.dep_ == "appos" and taken[root.head.i])
        ):
            continue  # the cheap test first: most noun chunks are not actors
        head = root.head
        if root.dep_ == "appos" and taken[head.i] and head.ent_type_ == "PERSON":
            _describe(found, head.idx, root)  # "Amna Yousif, a 23-year-old student"
            continue
        words = _chunk_tokens(chunk)
        if not words:
            continue
        modifiers = {t.lower_ for t in words if t is not root}
        kind = GENERIC_HEADS.get(lemma) or GENERIC_HEADS.get(root.lower_)
        if lemma in GROUP_HEADS or root.lower_ in GROUP_HEADS:
            kind = "ngo" if modifiers & NGO_MODIFIERS else None
        civilian = bool(modifiers & CIVILIAN_MODIFIERS) and lemma in CIVILIAN_HEADS
        if civilian or lemma in CIVILIAN_MODIFIERS:
            kind = "civilians"
        elif modifiers & CIVILIAN_MODIFIERS:
            kind = None
        if kind is None:
            continue
        nxt = sdoc[root.i + 1] if root.i + 1 < len(sdoc) else None
        if nxt is not None and taken[nxt.i] and nxt.ent_type_ == "PERSON":
            continue  # "local villager Mahmoud": the title of a person already found
        free = [root]
        for tok in reversed(words[: words.index(root)] if root in words else []):
            if (
                taken[tok.i]
                or tok.i != free[0].i - 1
                or tok.lower_ in QUANTIFIERS
                or tok.pos_ in ("ADV", "ADP", "CCONJ")
            ):
                break
            free.insert(0, tok)
        start, end = free[0].i, root.i + 1
        bare = end - start == 1 or (kind == "government" and all(t.is_lower for t in sdoc[start : root.i]))
        if bare and kind in ("military", "police", "government"):
            target = _institution_antecedent(root, chunk, kind, found, kb, focus)
            if target is not None:  # "Israeli troops ... the troops": the institution named before
                target.add(sdoc[start].idx, _end_char(sdoc, end), sdoc[start:end].text)
                _mark(taken, start, end)
                continue
        span = sdoc[start:end]
        country = next((kb.demonyms[t.lower_] for t in free if t.lower_ in kb.demonyms), None)
        if civilian:
            cid, name = "x-civilians", "civilians"
        else:
            norm = " ".join(t.lemma_.lower() if t is root else t.lower_ for t in sdoc[start:end])
            cid, name = "x-" + _slug(norm), span.text
        cand = found.get(cid) or found.setdefault(cid, _Candidate(cid, name, kind, False, 0.6, country=country))
        cand.add(span.start_char, span.end_char, span.text)
        _mark(taken, start, end)


def _describe(found: dict[str, _Candidate], char: int, noun: Token) -> None:
    """Give the unknown person mentioned at ``char`` the role an apposition names ("a student")."""
    for cand in found.values():
        if not cand.known and cand.kind == "person" and any(s <= char < e for s, e in cand.spans):
            cand.role = cand.role or noun.lower_
            if noun.lemma_.lower() in CIVILIAN_ROLES or noun.lower_ in CIVILIAN_ROLES:
                cand.kind = "civilians"
            return


def _last_institution(
    found: dict[str, _Candidate], kind: str, before: int, word: str | None = None
) -> _Candidate | None:
    """The last actor of ``kind`` before character ``before``: a known one, or when ``word`` is given, one named by a
    phrase ending in that word ("Russia's defence ministry ... the ministry")."""
    best, best_start = None, -1
    for cand in found.values():
        if cand.kind != kind:
            continue
        if word is not None:
            if not any(s.lower().endswith(word) for s in cand.surfaces):
                continue
        elif not cand.known:
            continue
        starts = [s for s, _ in cand.spans if s < before]
        if starts and max(starts) > best_start:
            best, best_start = cand, max(starts)
    return best


def _institution_antecedent(
    tok: Token, chunk: Span, kind: str, found: dict[str, _Candidate], kb: ActorKB, focus: str | None
) -> _Candidate | None:
    """The institution a bare head stands for: "the ministry" after "Russia's defence ministry", else for "the army"
    or "soldiers" with no country named, the army of the article's focus country."""
    if kind == "government":
        # only a definite singular anaphor ("the ministry"); "officials from both countries" is no anaphor
        if chunk[0].lower_ != "the" or any(t.pos_ == "NUM" or t.lower_ == "both" for t in chunk):
            return None  # "the two governments": several actors, not one antecedent
        target = _last_institution(found, kind, tok.idx, word=tok.lower_)
        if target is not None or tok.tag_ != "NN" or focus is None or tok.lower_ not in ("ministry", "government"):
            return target
        rec = kb.get(f"{focus.lower()}-government")  # "the government", no country named: the focus country's
        return _known(found, rec, 0.6) if rec is not None else None
    target = _last_institution(found, kind, tok.idx)
    if target is not None or focus is None:
        return target
    if FOCUS_INSTITUTIONS.get(tok.lemma_.lower()) != kind and FOCUS_INSTITUTIONS.get(tok.lower_) != kind:
        return None
    rec = kb.get(f"{focus.lower()}-{kind}")
    if rec is None:
        return None
    cand = _known(found, rec, 0.6)
    cand.confidence = min(cand.confidence, 0.6) if not cand.spans else cand.confidence
    return cand


def _institutions(
    sdoc: Doc, kb: ActorKB, found: dict[str, _Candidate], taken: list[bool], lowers: list[str], pos: list[int]
) -> None:
    """A state's government, army or police named through a qualifier of a head noun.

    "the Turkish president" / "a Russian missile" (demonym), "Russia's defence ministry" (state possessor) and
    "the foreign ministers of Turkey and Iraq" (of-complement) name the state's institution, not the state: the
    head noun decides the kind (weapons are the armed forces'), the qualifier decides the country. A state
    mention used as such a qualifier moves from the state to its institution.
    """
    for i in _head_positions(lowers, pos):
        tok = sdoc[i]
        if taken[i]:
            continue
        low = tok.lower_
        lemma = tok.lemma_.lower()
        kind = INSTITUTION_HEADS.get(lemma) or INSTITUTION_HEADS.get(low)
        weapon = kind is None and (lemma in WEAPON_HEADS or low in WEAPON_HEADS)
        if weapon:
            kind = "military"
        elif kind is None or tok.dep_ == "compound":
            continue  # "army post", "police station": a modifier, not the institution
        for child in tok.lefts:
            if child.dep_ in ("amod", "compound", "nmod") and not taken[child.i]:
                code = kb.demonyms.get(child.lower_)
                rec = kb.get(f"{code.lower()}-{kind}") if code else None
                if rec is not None:
                    start, end = (child.i, child.i + 1) if weapon else (child.i, tok.i + 1)
                    _known(found, rec, 0.8).add(sdoc[start].idx, _end_char(sdoc, end), sdoc[start:end].text)
                    _mark(taken, start, end)
                    break
            elif child.dep_ == "poss":
                owner = sdoc[child.left_edge.i : child.i + 1]
                code = kb.states.get(owner.text.lower())
                rec = kb.get(f"{code.lower()}-{kind}") if code else None
                if rec is not None:
                    end = child.i + 1 if weapon else tok.i + 1
                    if end < len(sdoc) and sdoc[end].tag_ == "POS" and weapon:
                        end += 1
                    _release(found, owner.start_char, owner.end_char)
                    start = owner.start
                    _known(found, rec, 0.85).add(sdoc[start].idx, _end_char(sdoc, end), sdoc[start:end].text)
                    _mark(taken, start, end)
                    break
        else:
            if weapon or kind != "government":
                continue
            # "the foreign ministers of Turkey and Iraq": each state named is its government
            states = [
                s
                for prep in tok.rights
                if prep.dep_ == "prep" and prep.lower_ == "of"
                for obj in prep.children
                if obj.dep_ == "pobj"
                for s in (obj, *obj.conjuncts)
                if s.lower_ in kb.states
            ]
            recs = [kb.get(f"{kb.states[s.lower_].lower()}-government") for s in states]
            if not states or any(r is None for r in recs):
                continue
            for s, rec in zip(states, recs, strict=True):
                _release(found, s.idx, s.idx + len(s.text))
                _known(found, rec, 0.8).add(s.idx, s.idx + len(s.text), s.text)
                _mark(taken, s.i, s.i + 1)
            _mark(taken, tok.left_edge.i, tok.i + 1)  # the head itself names no one actor


def _head_positions(lowers: list[str], pos: list[int]) -> list[int]:
    """Nouns that may head an institution or weapon phrase (the lemma is checked on the few that pass)."""
    from spacy.symbols import NOUN, PROPN

    heads = _HEAD_WORDS
    return [
        i
        for i, (low, p) in enumerate(zip(lowers, pos, strict=True))
        if p in (NOUN, PROPN)
        and (
            low in heads
            or (low.endswith("s") and low[:-1] in heads)
            or (low.endswith("ies") and low[:-3] + "y" in heads)
        )
    ]


_HEAD_WORDS = frozenset(INSTITUTION_HEADS) | frozenset(WEAPON_HEADS)


def _release(found: dict[str, _Candidate], start: int, end: int) -> None:
    """Take the mention ``start:end`` away from whichever actor holds it (a state that is only a qualifier)."""
    for cand in found.values():
        cand.spans = [(s, e) for s, e in cand.spans if e <= start or s >= end]


def _group_anaphora(sdoc: Doc, found: dict[str, _Candidate], taken: list[bool], lowers: list[str]) -> None:
    """ "the group" / "the group's" is the last organisation-like actor mentioned before it."""
    starts = sorted(
        (
            (s, c)
            for c in found.values()
            # a state's army or police is not "the group"
            if c.kind in GROUP_KINDS and c.known and (c.record or {}).get("source") != "generated"
            for s, _ in c.spans
        ),
        key=lambda x: x[0],
    )
    if not starts:
        return
    for i, low in enumerate(lowers):
        if low not in ANAPHORA_GROUP or taken[i] or i == 0 or lowers[i - 1] != "the":
            continue
        tok = sdoc[i]
        if tok.tag_ != "NN":
            continue
        det = sdoc[i - 1]
        before = [c for s, c in starts if s < det.idx]
        if not before:
            continue
        cand = before[-1]
        end = tok.i + 1
        cand.add(det.idx, tok.idx + len(tok.text), sdoc[det.i : end].text)
        _mark(taken, det.i, end)


def _focus_country(sdoc: Doc, kb: ActorKB, lowers: list[str], pos: list[int]) -> str | None:
    """The country the article is about: the most frequent country name or demonym, if named twice."""
    counts: dict[str, int] = {}
    seen: set[int] = set()
    for ent in sdoc.ents:
        if ent.label_ in ("GPE", "NORP"):
            text = ent.text.lower().removeprefix("the ")
            code = kb.states.get(text) or kb.demonyms.get(text)
            if code:
                counts[code] = counts.get(code, 0) + 1
                seen.update(range(ent.start, ent.end))
    # single-word country names the NER labelled otherwise ("in central Mali" as a PERSON)
    from spacy.symbols import PROPN

    for i, (low, p) in enumerate(zip(lowers, pos, strict=True)):
        if p == PROPN and i not in seen:
            code = kb.states.get(low)
            if code:
                counts[code] = counts.get(code, 0) + 1
    if not counts:
        return None
    code, n = max(counts.items(), key=lambda kv: kv[1])
    return code if n >= 2 else None
