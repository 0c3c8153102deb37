"""Word senses that make a matched trigger no event: the trigger word is there, the act is not.

Each rule states the codebook's or the language's principle; the words are data in ``_lexicon``:

- **a release frees people** (PLOVER RETREAT: "release of prisoners and hostages"): "a photo released by the
  police", "released her medical records" free no one;
- **a consultation has a counterpart** (CONSULT: meetings, talks between parties): "talk about disarmament",
  "speaking to discuss internal directives", "people are talking about it" name no one talked with;
- **asking a question is no request** (REQUEST: requests, demands, orders): "asked whether troops would withdraw",
  "Asked why he did not ..." put a question, an interrogative complement, not an act to do;
- **agreeing with someone is an opinion** (AGREE: commit to cooperate): "agree with the ruling", "agreed that the
  plan was flawed" commit to nothing; "agreed to talks", "agreed on a ceasefire" do;
- **fighting a thing is no assault** (ASSAULT: force against people): "fight addiction", "fight the bill",
  "fight for us" aim at no one ("fought for the town" is a battle);
- **a meeting is with someone** (CONSULT): "meet the deadline", "meet their financial targets", "meet the labour
  shortfall" satisfy a thing (an object naming what is satisfied);
- **striking someone as something is an impression, striking a deal an agreement** (ASSAULT: force against people or
  property): "the call struck me as political", "struck a provisional agreement with the unions" harm no one;
- **a campaign rally is no protest** (PROTEST: collective action against a target): "at a campaign rally", "his
  rally", "speaking at a rally in Wilmington" are a candidate's event.

And one for an event noun whose parties the text leaves unnamed (``names_a_kind``): with no party, a noun tells an
occurrence only as an argument of its clause ("Revenge killings left 20 dead", "talks resumed"); as an aim ("left
for consultations", "held pending inquiries"), the content of another noun ("talk of strikes", "charges of
murder") or the subject of a definition ("a raid is a combat operation") it names a kind of act, which happened
nowhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..syntax import dependents
from ._lexicon import (
    AIM_PREPS,
    CAMPAIGN_WORDS,
    CONTENT_PREPS,
    CONVERSE_VERBS,
    IMPRESSION_VERBS,
    INTERROGATIVES,
    MET_THINGS,
    SETTING_VERBS,
    STRUCK_THINGS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ._actors import Arg
    from ._triggers_table import Trigger


def no_event(token: Token, row: Trigger, source: list[Arg], target: list[Arg]) -> str | None:
    """Why the matched trigger is no event in this sense (a short reason), or None when it is one."""
    lemma = row.lemma
    if row.mode == "release" and row.pos == "V" and not target:
        return "release-frees-no-one"
    if row.type == "CONSULT" and row.pos == "V" and lemma in CONVERSE_VERBS and not target:
        return "no-counterpart"
    if row.type == "REQUEST" and lemma == "ask" and _asks_a_question(token):
        return "a-question"
    if row.type == "AGREE" and lemma == "agree" and _shares_an_opinion(token):
        return "an-opinion"
    no_party = not any(a.actor or a.place for a in target)  # no target, or only words that name no actor
    if row.type == "ASSAULT" and lemma == "fight" and row.pos == "V" and no_party and _aims_at_a_thing(token):
        return "fights-a-thing"
    # (a meeting to come is coded AGREE: "will meet")
    if row.type in ("CONSULT", "AGREE") and lemma == "meet" and row.pos == "V" and no_party and _meets_a_thing(token):
        return "meets-a-thing"
    if row.type == "ASSAULT" and lemma in IMPRESSION_VERBS and row.pos == "V":
        if _strikes_as(token):
            return "an-impression"
        if _strikes_a_deal(token):
            return "strikes-a-deal"
    if row.type == "PROTEST" and lemma == "rally" and row.pos == "N" and _campaign_rally(token):
        return "campaign-rally"
    return None


def names_a_kind(token: Token) -> str | None:
    """Why an event noun with no party names a kind of act rather than an occurrence (a short reason), or None."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    prep = token.head if token.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in AIM_PREPS and prep.head.pos_ in ("VERB", "AUX"):
        return "an-aim"
    if prep is not None and prep.lower_ in CONTENT_PREPS and prep.head.pos_ == "NOUN":
        return "the-content-of-a-noun"
    if token.dep_ == "nsubj" and token.head.lemma_ == "be" and any(c.dep_ == "attr" for c in dependents(token.head)):
        return "a-definition"
    return None


def _asks_a_question(verb: Token) -> bool:
    """ "asked whether/if ...", "asked why ...", "asked: 'Will you ...?'" — an interrogative complement."""
    for c in dependents(verb):
        if c.dep_ in ("ccomp", "advcl", "xcomp"):
            words = [d for d in dependents(c) if d.dep_ in ("mark", "advmod", "nsubj", "dobj", "attr")]
            if any(d.lower_ in INTERROGATIVES for d in words) or c.lower_ in INTERROGATIVES:
                return True
            if c.dep_ == "xcomp":
                return False  # "asked them to leave": an act to do
        if c.dep_ == "punct" and c.text == "?":
            return True
    return False


def _shares_an_opinion(verb: Token) -> bool:
    """ "agree with X", "agreed that ..." without an act agreed to ("to", "on", an infinitive)."""
    kids = list(dependents(verb))
    commits = any((c.dep_ == "prep" and c.lower_ in ("to", "on", "upon")) or c.dep_ in ("xcomp", "dobj") for c in kids)
    opinion = any((c.dep_ == "prep" and c.lower_ == "with") or c.dep_ == "ccomp" for c in kids)
    return opinion and not commits


def _aims_at_a_thing(verb: Token) -> bool:
    """ "fight addiction", "fight the bill" (an object that is no actor), "fight for us" (for whom one speaks up)."""
    kids = list(dependents(verb))
    if any(c.dep_ == "dobj" for c in kids):
        return True  # an object that names no party
    # "fight for us", "fight for you": for whom one speaks up; "fought for the town" is a battle
    return any(
        c.dep_ == "prep" and c.lower_ == "for" and any(o.pos_ == "PRON" for o in dependents(c) if o.dep_ == "pobj")
        for c in kids
    )


def _meets_a_thing(verb: Token) -> bool:
    """ "meet the deadline", "meet their targets": an object naming what is satisfied, not who is met."""
    objs = [c for c in dependents(verb) if c.dep_ == "dobj"]
    return bool(objs) and all(o.lemma_.lower() in MET_THINGS for o in objs)


def _strikes_as(verb: Token) -> bool:
    """ "struck me as political", "struck them as odd": the one impressed (a pronoun object) and an "as" complement
    ("the missile struck the building as a warning" stays an attack)."""
    kids = list(dependents(verb))
    impressed = any(c.dep_ == "dobj" and c.pos_ == "PRON" for c in kids)
    return impressed and any((c.dep_ == "prep" and c.lower_ == "as") or c.dep_ == "oprd" for c in kids)


def _strikes_a_deal(verb: Token) -> bool:
    """ "struck a deal", "struck a balance": an object naming an agreement or a balance, not a victim."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in STRUCK_THINGS for c in dependents(verb))


def _campaign_rally(noun: Token) -> bool:
    """ "a campaign rally", "a Trump rally", "his rally", "speaking at a rally": a candidate's event."""
    kids = list(dependents(noun))
    if any(
        c.lower_ in CAMPAIGN_WORDS or c.ent_type_ == "PERSON" for c in kids if c.dep_ in ("compound", "amod", "nmod")
    ):
        return True  # "a campaign rally", "a Trump rally"
    if any(c.dep_ == "poss" and (c.pos_ == "PRON" or c.ent_type_ == "PERSON") for c in kids):
        return True
    governor = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "at" else None
    return governor is not None and governor.lemma_.lower() in SETTING_VERBS
