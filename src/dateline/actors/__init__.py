"""Actors stage: entity mentions grouped and resolved to canonical actors (IS = ISIS = Daesh).

Passes over the spaCy parse, all cheap, run by ``_find`` in a fixed order; each pass claims the tokens it
uses, so a later pass only sees the words no earlier one took:

1. ``_match``: the knowledge-base PhraseMatcher with case and context guards ("IS" the group, not the verb),
   then bare surnames of KB persons whose organisation is in the article ("Baghdadi").
2. ``_persons``: a title of office before a KB person's surname ("President Macron"); the role and country the
   words before a name give; later, links to persons already found: their bare surnames ("Allawi").
3. ``_institutions``: a state's government, army or police named through a qualifier ("Russia's defence
   ministry", "a Russian missile"); "the group's" as the last organisation named before it.
4. ``_names``: named entities the KB does not know (PERSON/ORG/NORP), kept with an ``x-`` id.
5. ``_generic``: generic actors from noun chunks ("coalition forces", "human rights groups", "civilians").
6. ``_countries``: the article's focus country, adjectives of nationality on things ("Turkish air strikes"),
   and a country for unknown actors from their own words, their sentence or paragraph, or the focus country.

``_locative`` tells places and datelines from actors for several passes; ``_candidate`` holds the candidate
actor and the bookkeeping the passes share; the vocabulary is in ``_lexicon``.
``_find`` computes candidate mentions, ``resolve`` writes the actors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..kb.actors import ActorKB
from ..model import Actor, ActorRole
from ..model import Span as TextSpan
from ._candidate import Candidate
from ._countries import (
    countries_from_context,
    countries_from_words,
    focus_country,
    place_country_lookup,
    state_adjectives,
)
from ._generic import generic_actors
from ._institutions import group_anaphora, institutions
from ._match import accept_weak, match_kb
from ._names import named_entities
from ._persons import link_surnames, titled_surnames

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..document import Document
    from ..resources import Resources

REQUIRES = ("article", "spacy_doc")
ASSIGNS = ("actors",)

__all__ = ["ASSIGNS", "REQUIRES", "resolve"]


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
        place_country=place_country_lookup(resources),
        dateline_place=dateline.place.text if dateline is not None and dateline.place is not None else None,
    )
    day = _article_day(doc)
    actors = []
    for cand in candidates:
        spans = sorted(cand.spans)
        aliases = list(cand.record.aliases) if cand.record is not None else list(cand.surfaces)
        roles = [ActorRole(**r) for r in cand.record.roles] if cand.record is not None else []
        role, cameo = cand.role, cand.record.cameo if cand.record else None
        held = _role_held(roles, day) if day and cand.record and cand.record.source != "curated" else None
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


def _find(
    sdoc: Doc,
    text: str,
    kb: ActorKB,
    dateline: TextSpan | None = None,
    place_country: Callable[[str], str | None] | None = None,
    dateline_place: str | None = None,
) -> list[Candidate]:
    """All actors of one parsed article, in no particular order. The dateline ("Apr 18, Baghdad:") names a place;
    ``place_country`` maps a place name to its country for the generic actors' context."""
    found: dict[str, Candidate] = {}
    taken = [False] * len(sdoc)  # tokens already inside an actor mention
    if dateline is not None:
        for tok in sdoc:
            if tok.idx >= dateline.end:
                break
            if tok.idx >= dateline.start:
                taken[tok.i] = True
    lowers, pos = _columns(sdoc)  # one array read instead of a Token object per word per pass
    focus = focus_country(sdoc, kb, lowers, pos)

    weak = match_kb(sdoc, text, kb, found, taken, lowers)
    accept_weak(sdoc, kb, weak, found, taken)
    titled_surnames(sdoc, kb, found, taken, lowers, focus)
    institutions(sdoc, kb, found, taken, lowers, pos)
    named_entities(sdoc, kb, found, taken, focus)
    link_surnames(sdoc, text, found, taken, lowers)
    generic_actors(sdoc, kb, found, taken, focus)
    group_anaphora(sdoc, found, taken, lowers)
    state_adjectives(sdoc, kb, found, taken, lowers)
    countries_from_words(sdoc, kb, found)
    if focus is None and dateline_place and place_country is not None:
        focus = kb.states.get(dateline_place.lower()) or place_country(dateline_place)
    countries_from_context(sdoc, text, kb, found, focus, place_country)
    return [c for c in found.values() if c.spans]


def _columns(sdoc: Doc) -> tuple[list[str], list[int]]:
    """Every token's lower-case form and coarse POS id, read from the doc's arrays."""
    from spacy.attrs import LOWER, POS

    if not len(sdoc):
        return [], []
    strings = sdoc.vocab.strings
    cols = sdoc.to_array([LOWER, POS]).T.tolist()
    return [strings[h] for h in cols[0]], cols[1]
