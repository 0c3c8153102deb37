"""Persons: titles of office, surnames and the words before a name.

A title before a KB person's bare surname names that person ("President Macron"); the words before a
name give a person's role, country and organisation ("Iraq's Vice President", "local villager"); a person
named in full is also every later bare surname ("Allawi").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..kb.actors import ActorKB
from ._candidate import Candidate, known_actor
from ._lexicon import CIVILIAN_ROLES, GROUP_KINDS, OFFICE_TITLES, SURNAME_PREFIXES, TITLE_QUALIFIERS, TITLE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def titled_surnames(
    sdoc: Doc, kb: ActorKB, found: dict[str, Candidate], taken: list[bool], lowers: list[str], focus: str | None
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
                recs = [r for r in recs if r.country == code] or recs
        if len(recs) != 1:
            continue
        cand = known_actor(found, recs[0], 0.7)
        cand.add(tok.idx, tok.idx + len(tok.text), tok.text)
        taken[i] = True
        person_context(sdoc[i : i + 1], cand, kb, from_kb=True, found=found)


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


def _org_ending_at(found: dict[str, Candidate], end: int) -> Candidate | None:
    """The known organisation (IGO, NGO, party, armed group) with a mention ending at character ``end``."""
    for cand in found.values():
        if cand.known and cand.kind in GROUP_KINDS and any(e == end for _s, e in cand.spans):
            return cand
    return None


def person_context(
    span: Span, cand: Candidate, kb: ActorKB, *, from_kb: bool, found: dict[str, Candidate] | None = None
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
    roles = [t for t in titles if t.lower_ not in TITLE_QUALIFIERS]
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


def _surname_keys(name: str) -> set[str]:
    """Lower-cased short forms of a person's name: last name, with and without "al-"."""
    parts = name.replace("\u2019", "'").split()
    if len(parts) < 2:
        return set()
    last = parts[-1].lower()
    keys = {last}
    for prefix in SURNAME_PREFIXES:
        if last.startswith(prefix) and len(last) > len(prefix) + 2:
            keys.add(last[len(prefix) :])
    return keys


def link_surnames(sdoc: Doc, text: str, found: dict[str, Candidate], taken: list[bool], lowers: list[str]) -> None:
    """A person named in full is also every later bare surname ("Allawi"), and merges x- duplicates."""
    keys: dict[str, Candidate] = {}
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
