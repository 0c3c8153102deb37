"""Countries: the article's focus country, states named by adjectives, and the country of unknown actors.

An unknown actor takes the country its own words name ("Malian refugees"), else, for actors that belong to
the country they act in, the one its sentence or paragraph locates things in, else the focus country.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import DatelineError
from ..kb.actors import ActorKB
from ..kb.names import normalise
from ..syntax import dependents
from ._candidate import Candidate, known_actor
from ._lexicon import CONTEXT_KINDS, DESCRIBED_HEADS
from ._locative import is_locative

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..resources import Resources

LOGGER = logging.getLogger(__name__)


_PLACE_COUNTRY_CACHE = 8192  # names kept by the shared name -> country cache before it starts afresh


def place_country_lookup(resources: Resources) -> Callable[[str], str | None] | None:
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


def focus_country(sdoc: Doc, kb: ActorKB, lowers: list[str], pos: list[int]) -> str | None:
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


def state_adjectives(sdoc: Doc, kb: ActorKB, found: dict[str, Candidate], taken: list[bool], lowers: list[str]):
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
        if head.lemma_.lower() in DESCRIBED_HEADS or head.lower_ in DESCRIBED_HEADS:
            continue
        rec = kb.get(country.lower())
        if rec is None or rec.kind != "state":
            continue
        known_actor(found, rec, 0.6).add(tok.idx, tok.idx + len(tok.text), tok.text)
        taken[i] = True


def countries_from_words(sdoc: Doc, kb: ActorKB, found: dict[str, Candidate]) -> None:
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
                for c in dependents(span.root)
                if c.dep_ == "poss"
                or (c.dep_ == "prep" and c.lower_ in ("in", "of", "from", "throughout") and c.i >= span.end)
            ]
            for tok in [*span, *before, *after]:
                if tok.dep_ == "prep":
                    obj = next((o for o in dependents(tok) if o.dep_ == "pobj"), None)
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


def countries_from_context(
    sdoc: Doc,
    text: str,
    kb: ActorKB,
    found: dict[str, Candidate],
    focus: str | None,
    place_country: Callable[[str], str | None] | None,
) -> None:
    """A generic actor with no country of its own words takes the country its context makes unambiguous: the one
    place the sentence locates it in when the sentence names no other country, else the one country the paragraph
    locates things in, else the article's focus country. A sentence or paragraph naming two countries decides None:
    "Israeli troops killed three civilians in Gaza" gives the civilians no country rather than a wrong one."""
    todo = [c for c in found.values() if not c.known and not c.country and c.kind in CONTEXT_KINDS and c.spans]
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
    sdoc: Doc, kb: ActorKB, found: dict[str, Candidate], place_country: Callable[[str], str | None] | None
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
        located = code is not None and is_locative(ent)
        if code is None and place_country is not None:
            code, located = place_country(ent.text), True
        if code:
            sent = at(ent.start_char)
            sent[2].add(code)
            if located:
                sent[3].add(code)
    return sents
