"""Named entities the knowledge base does not know: PERSON / ORG / NORP kept as ``x-`` actors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..kb.actors import ActorKB
from ._candidate import Candidate, free, mark, slug, trim
from ._lexicon import CREATION_VERBS, TITLE_WORDS
from ._locative import dateline_word, is_locative
from ._persons import person_context

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def named_entities(sdoc: Doc, kb: ActorKB, found: dict[str, Candidate], taken: list[bool], focus: str | None) -> None:
    """PERSON / ORG / NORP entities the KB did not cover: kept as ``x-`` actors, typed by label and context."""
    for ent in sdoc.ents:
        if ent.label_ not in ("PERSON", "ORG", "NORP"):
            continue
        start, end = ent.start, ent.end
        while start < end and sdoc[start].lower_ in ("the", "a", "an"):
            start += 1
        start, end = trim(sdoc[start:end])
        if ent.label_ == "PERSON":  # "Archbishop Samuel Obeng": the title is context, not the name
            while end - start > 1 and sdoc[start].lower_ in TITLE_WORDS and sdoc[start].text[:1].isupper():
                start += 1
        if start >= end or not free(taken, start, end):
            continue
        span = sdoc[start:end]
        text = span.text
        if not any(c.isalpha() for c in text):
            continue
        if (is_locative(span) and span.root.dep_ != "compound") or dateline_word(span):
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
            cid = "x-" + slug(text)
            cand = found.get(cid) or found.setdefault(cid, Candidate(cid, text, kind, False, 0.6, country=country))
        elif ent.label_ == "PERSON":
            cid = "x-" + slug(text)
            cand = found.get(cid)
            if cand is None:
                cand = found[cid] = Candidate(cid, text, "person", False, 0.7)
                person_context(span, cand, kb, from_kb=False, found=found)
                if cand.kind == "civilians" and cand.country is None and focus:
                    cand.country = focus
        else:
            if _created(span):
                continue  # "declared a Caliphate": the thing declared, not an actor
            cid = "x-" + slug(text)
            cand = found.get(cid) or found.setdefault(cid, Candidate(cid, text, "organization", False, 0.65))
        cand.add(span.start_char, span.end_char, text)
        mark(taken, start, end)


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
