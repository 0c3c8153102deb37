"""The events stage's vocabulary: the words, kinds and types its rules look for, as data only.

Word lists the rules in ``_triggers``, ``_arguments``, ``_verb_args``, ``_noun_args``, ``_merge``, ``_context`` and
the place and date anchoring read; the trigger table itself is ``_triggers_table.py``. Lists another stage reads too
live in :mod:`dateline.lexicon`.
"""

from __future__ import annotations

import re

from ..lexicon import FUTURE_AUX as SHARED_FUTURE_AUX
from ..lexicon import PEOPLE_NOUNS, SAYING_VERBS, word_set
from ._triggers_table import LEXICON, Trigger

# --- pronouns and determiners -----------------------------------------------------------------------------------------

# Pronouns by referent, for the antecedent an argument pronoun is resolved to (a person, a thing, a group).
PERSON_PRONOUNS = word_set("he him his she her")
THING_PRONOUNS = word_set("it its")
PLURAL_PRONOUNS = word_set("they them their")
FIRST_PLURAL = word_set("we us our")
# Subject pronouns of a reported clause that refer to its reporter ("the union said they would strike").
SUBJECT_PRONOUNS = word_set("he she they it we")
# Determiners that present a plural description of people as already known ("the men", "these prisoners").
DEFINITE = word_set("the these those")
# "killed nine guards as well as themselves": a reflexive names the subject again, not another participant
REFLEXIVES = word_set("themselves himself herself itself ourselves")


# --- nouns naming actors, people and what they hold -------------------------------------------------------------------

# "the group", "the movement": a definite group noun refers back to the nearest earlier organisation.
GROUP_NOUNS = word_set(
    "group organisation organization militant jihadist extremist insurgent movement faction network "
    "government regime ministry army force"
)
# People nouns that are combatants: never read as the civilians mentioned before.
COMBATANT_NOUNS = word_set("soldier fighter")
# Heads that only count the argument ("thousands of students": the students are the argument).
QUANTITY_NOUNS = word_set("thousand hundred dozen score million some many group crowd")
# Heads naming members of a group, who act for it ("militants from al-Shabaab", "fighters from the Islamic State").
MEMBER_NOUNS = word_set(
    "militant fighter gunman gunmen member soldier troop rebel insurgent guerrilla jihadist commando delegate "
    "delegation representative official envoy doctor volunteer worker activist officer agent deputy trooper detective "
    "investigator employee staffer"
)
# Facilities named after the national institution that holds them ("an army base", "a police station"): an attack
# on one is an attack on that institution.
FACILITY_NOUNS = word_set(
    "base post checkpoint station barrack barracks headquarters camp convoy patrol outpost garrison compound "
    "building office ministry academy airbase vehicle"
)
INSTITUTION_KINDS = {
    "army": "military",
    "military": "military",
    "navy": "military",
    "naval": "military",
    "troop": "military",
    "soldier": "military",
    "police": "police",
    "security": "police",
    "government": "government",
}
# Heads that name the perpetrators of an attack already reported ("the attackers", "several assailants").
PERPETRATOR_NOUNS = word_set("attacker assailant perpetrator raider gunman gunmen")
# Heads of a plural phrase that stands for the parties named before ("the two governments", "both sides").
PARTY_NOUNS = word_set("government country side state nation party leader minister delegation")
STATE_PARTY_NOUNS = word_set("government country state nation minister delegation")
# Kinds of actor whose arms are weapons and troops ("its forces", "its missiles" -> the state's military).
FORCE_NOUNS = word_set("force troop soldier army missile rocket drone warplane jet artillery shell tank navy")
# A document as subject speaks for whoever issued it ("a statement blamed ...").
DOCUMENT_NOUNS = word_set("statement report communique announcement declaration")
# Relation nouns: their possessor is the other side of the relation ("the island's allies"), not the party.
RELATION_NOUNS = word_set("ally rival enemy opponent neighbour neighbor partner foe adversary proxy client")
# Office-holders: their killing is a targeted one; with TITLE_WORDS, a person named with an office.
LEADER_NOUNS = word_set(
    "chief leader commander official minister mayor governor president general judge head deputy spokesman "
    "lawmaker mp senator prosecutor"
)


# --- actor kinds and entity labels ------------------------------------------------------------------------------------

# Kinds of actor that report events and never take part in them.
NON_AGENT_KINDS = frozenset(["media"])
# Kinds that can carry out an ASSAULT/COERCE when the text leaves the agent implicit ("they were shot").
AGENT_KINDS = word_set("state government military police rebels terrorist-group party organization")
# Kinds the knowledge base has one actor per country for ("egy-police").
NATIONAL_KINDS = frozenset(["government", "military", "police"])
# Entity labels that are never a participant ("on Monday", "10 percent").
NOT_ARGUMENT_ENTS = word_set("DATE TIME PERCENT MONEY")


# --- prepositions -----------------------------------------------------------------------------------------------------

# Prepositions whose object is an act's target ("fired at", "sanctions against"); a symmetric act's partner comes
# with "with"; the matter of an accusation with "over" or "about".
TARGET_PREPS = frozenset(["against", "on", "at", "upon", "with", "to", "for"])
SYMMETRIC_PREPS = frozenset(["with"])
MATTER_PREPS = frozenset(["over", "about"])
# Prepositions of circumstance: their objects are never the party an act is aimed at ("after a coup").
CIRCUMSTANCE_PREPS = word_set("despite after before since during amid following until because notwithstanding")


# --- matching a trigger, its type and mode (_triggers, _find) ---------------------------------------------------------

# Verbs of responding whose "with" phrase names the act by which the subject responds ("the army answered with air
# strikes", "police responded with tear gas", "retaliated with rocket fire"): a support verb of that act.
RESPONSE_VERBS = word_set("respond answer retaliate react reply hit_back")
IN_VERBS = word_set("be engage enter go remain join arrive come travel embark")  # "arrived on a visit"
# Nouns a nominal trigger can modify without changing the event ("a mediation effort", "a peace mission").
FRAME_NOUNS = word_set("effort mission bid initiative process campaign drive attempt operation")
# Nouns a nominal trigger is counted or timed in ("five days of drills", "a new round of talks").
CONTAINER_NOUNS = word_set("day week month year series round wave spate string number couple hour")
# Modifiers that make the noun "strike" an attack, with the ASSAULT mode each gives ("an air strike").
STRIKE_ASSAULT = {
    "air": "aerial",
    "drone": "drone",
    "missile": "heavy-weapons",
    "rocket": "heavy-weapons",
    "military": "aerial",
    "airstrike": "aerial",
}
# Words in a sentence that make a "strike" a labour strike ("the teachers' union called a strike").
LABOUR_WORDS = word_set("worker union employee labour labor wage pay salary teacher doctor nurse trucker miner")
# Killing verbs: an execution or the killing of an office-holder is ASSAULT "targeted".
KILL_VERBS = word_set("kill murder shoot slay")
# Marks of an execution: captives restrained before the killing, or the killing shot of one.
EXECUTION_CUES = (
    re.compile(r"\bexecution[- ]style\b|\bback of (?:the|their|his|her) heads?\b|\bpoint[- ]blank\b", re.I),
    re.compile(
        r"\b(?:hands?|wrists?) (?:were |was )?(?:bound|tied|cuffed)\b|\bblindfold(?:ed|s)?\b|\blined up\b", re.I
    ),
)
# "A farmers' association protested": one organisation or person protesting speaks its disapproval (ACCUSE); a
# PROTEST is people gathering, striking or rioting.
DISAPPROVE_ROW = Trigger("protest", "V", "ACCUSE", "disapprove", 0.7)
PURPOSE_PROTEST_ROW = Trigger("protest", "V", "PROTEST", None, 0.7)
SPEAKING_KINDS = frozenset(["ngo", "igo", "government", "state", "person", "media", "party"])
# Texts and broadcasts: as the subject of an attack verb ("a new ad hits Trump") they criticise (ACCUSE).
TEXT_NOUNS = word_set(
    "ad advert advertisement commercial spot robocall report article column editorial op-ed statement letter "
    "video tweet post speech book memo"
)
FIGURATIVE_ATTACK_ROW = Trigger("attack", "V", "ACCUSE", "disapprove", 0.6)
# Acts of protest whose purpose clause "to protest" is that protest ("marched to protest the law").
PROTEST_ACTS = word_set("strike hunger-strike march rally demonstrate demonstration protest sit-in walkout boycott")
# Verbs of making people flee: with no agent actor, the flight is an event's toll, not an expulsion.
FLIGHT_CAUSERS = word_set("displace uproot force drive compel")
# Non-military people a withdrawal may take away: withdrawing them reduces relations (SANCTION).
RESOURCE_PEOPLE = word_set(
    "inspector observer monitor diplomat ambassador envoy peacekeeper peace-keeper staff worker volunteer mission "
    "delegation embassy aid"
)
# Words that make a deployment military assistance (AID) rather than a show of force.
ASSISTANCE_WORDS = word_set("peacekeeping peace-keeping peacekeeper peace-keeper relief humanitarian rescue disaster")
# PLOVER: cooperative acts reported as future intentions are AGREE; negative acts announced for the future are
# THREATEN, with the mode naming what is threatened. RETREAT and CONCEDE keep their type (the codebook says so).
FUTURE_AGREE = frozenset(["CONSULT", "SUPPORT", "COOPERATE", "AID"])
# Cooperative acts whose announced negation ("will not negotiate", "would not give in") is a refusal: REJECT.
REFUSABLE = FUTURE_AGREE | frozenset(["AGREE", "CONCEDE", "RETREAT"])
FUTURE_THREAT_MODE = {"SANCTION": "relations", "COERCE": "restrict", "ASSAULT": "violence"}
FUTURE_AUX = SHARED_FUTURE_AUX | word_set("would")  # "would" too: "the army would withdraw" is not yet
INTENT_HEADS = word_set("ready willing prepared plan intend")
POSSIBLE_AUX = word_set("may might could can")
# "Russia said Sudan must return the helicopter": an obligation the speaker lays on the clause's subject is
# the speaker's REQUEST to that subject, whatever the demanded act is.
OBLIGATION_MODALS = ("must", "should")
DEMAND_SPEECH = SAYING_VERBS | word_set("conclude insist reiterate remind warn argue announce declare")
OBLIGATION_ROW = Trigger("must", "V", "REQUEST", None, 0.65)
DEMAND_NOUNS = word_set("reminder warning demand call statement declaration message letter insistence")


# --- word senses that are no event (_senses) -------------------------------------------------------------------------

# Verbs of conversation: a consultation only with a counterpart ("talked with the envoy", not "talked about it").
CONVERSE_VERBS = word_set("talk discuss speak chat converse confer")
# Words opening an interrogative complement: "asked whether", "asked why".
INTERROGATIVES = word_set("whether if why what how when where who whom which")
# Prepositions that make an event noun with no party an aim ("left for consultations", "held pending inquiries") or
# the content of another noun ("talk of strikes", "charges of murder", "fears about raids"): a kind of act, no
# occurrence.
AIM_PREPS = word_set("for pending")
CONTENT_PREPS = word_set("of about")
# Modifiers of a rally held by a candidate or a party for an election.
CAMPAIGN_WORDS = word_set("campaign election electoral re-election reelection")
# Verbs whose "at a rally" is the setting of someone speaking or appearing, not a protest.
# Evaluations told by a predicate ("called the inquiry a sham", "said the request was inappropriate"): criticism is
# ACCUSE, praise SUPPORT (PLOVER); the verbs that name something so and the copulas whose predicate evaluates.
EVALUATION_TYPES = frozenset(["ACCUSE", "SUPPORT"])
NAMING_VERBS = word_set("call label brand dub deem term declare consider")
COPULAS = word_set("be seem remain become look sound")
# What one meets in the sense of satisfying it ("meet the deadline", "meet their financial targets").
MET_THINGS = word_set(
    "target goal deadline need requirement standard criterion criteria expectation benchmark threshold quota "
    "shortfall obligation cost condition challenge payroll demand commitment"
)
# Verbs of striking that also tell an impression ("struck me as odd") or reaching an agreement ("struck a deal").
IMPRESSION_VERBS = word_set("strike hit")
# Objects of "strike" that are reached, not harmed: "struck a deal", "struck a balance", "struck a chord".
STRUCK_THINGS = word_set("deal agreement accord bargain compromise pact balance chord note tone pose truce")
SETTING_VERBS = word_set("speak say tell warn address sign appear vow promise pledge declare announce claim joke")


# --- arguments of a verb or noun (_verb_args, _noun_args) -------------------------------------------------------------

# Objects of an attack verb that are its instrument, not its target ("fired tear gas at", "opened fire on").
INSTRUMENTS = word_set(
    "fire gas teargas tear-gas rocket missile shell mortar bullet round grenade bomb volley shot cannon salvo "
    "artillery drone projectile munition"
)
# Participles that name a state of their subject ("is opposed to", "is committed to"), read as active.
STATIVE_PARTICIPLES = word_set("oppose commit")
# Types whose target may be the subject of an infinitive the verb governs ("allowed the envoy to enter").
INFINITIVE_TARGET_TYPES = frozenset(["CONCEDE", "RETREAT", "REJECT", "AGREE", "COERCE", "SUPPORT"])
# Responses to a proposal: their target is whoever made it ("rejected an offer from the rebels").
RESPONSE_TYPES = frozenset(["REJECT", "AGREE", "CONCEDE"])
# What a rejection or denial may answer besides a proposal: a claim, whose maker is the one rejected ("dismissed the
# residents' accounts", "rejected claims by the ELN").
CLAIM_NOUNS = word_set("claim accusation allegation account report charge criticism assertion statement finding")
PROPOSAL_NOUNS = word_set(
    "call appeal demand request proposal offer invitation plan ultimatum initiative bid plea suggestion condition "
    "term overture ban order ruling decree"
)
# What a rejection answers: a proposal or a claim.
ANSWERED_NOUNS = PROPOSAL_NOUNS | CLAIM_NOUNS
# Dying, and the nouns between a harm and the death it caused ("died as a result of beatings").
DEATH_VERBS = word_set("die succumb perish")
CAUSE_NOUNS = word_set("result consequence effect")
# Types of a nominal trigger whose "to" phrase on the support verb is the target ("made an appeal to the UN").
TO_NOUN_TYPES = frozenset(["SUPPORT", "CONSULT", "AID", "AGREE", "CONCEDE", "REQUEST", "COOPERATE"])


# --- one event per action (_merge) ------------------------------------------------------------------------------------

# Cooperative nouns a discontinuation stops ("suspended food aid", "could stop mediation efforts"): the thing ended,
# not an event of its own.
STOPPED_TYPES = frozenset(["AID", "CONSULT", "COOPERATE", "SUPPORT"])
# Events whose content is another act (promised, refused, threatened, requested): they take its target. The
# embedded act stays an event of its own, which the stance stage marks future or negated.
CONTENT_HEADS = frozenset(["THREATEN", "REQUEST", "AGREE", "REJECT"])
# Harm verbs that report an attack's toll rather than a second attack ("struck the town, killing four").
TOLL_VERBS = word_set("kill wound injure")


# --- countries and targets from context (_context, __init__) ----------------------------------------------------------

# Kinds of an x- (not in the knowledge base) actor that stand for a country's institution or people when the
# text names the country only around them ("police" in a story about Egypt, "rebels in northern Chad").
GENERIC_KINDS = frozenset(["government", "military", "police", "civilians", "rebels", "unknown", "organization"])
COLLECTIVE_NOUNS = (
    PEOPLE_NOUNS
    | GROUP_NOUNS
    | PARTY_NOUNS
    | word_set(
        "official authority leader member elder supporter activist party opposition rebel guerrilla militia wing "
        "citizen national immigrant settler inhabitant politician delegate envoy diplomat officer agent troop"
    )
)
TITLE_WORDS = LEADER_NOUNS | word_set(
    "premier chancellor king queen emir sheikh prince secretary ambassador commissioner chairman prime"
)
# Heads naming someone (a person, a group, their members or office-holders), not a thing: "a journalist shot by
# police" tells what was done to someone, "equipment seized from peacekeepers" what became of a thing.
SOMEONE_NOUNS = (
    COLLECTIVE_NOUNS
    | MEMBER_NOUNS
    | TITLE_WORDS
    | RELATION_NOUNS
    | PERPETRATOR_NOUNS
    | word_set("police policeman policewoman guard suspect witness pilot crew staff employee teenager boy girl")
)
# Entity labels that name someone: a person, a people, an organisation, a state.
SOMEONE_ENTS = frozenset(["PERSON", "NORP", "ORG", "GPE"])
# Events whose only participant is the actor itself: no target is looked for around them.
NO_TARGET_MODES = frozenset(["resign", "ceasefire", "disarm"])
# Verbs of requesting whose object is the one addressed, the content following as an infinitive or a "for" phrase
# ("urged donors to step up", "asked the city for compensation", "pressed Kyiv to"): whatever noun the object is,
# it is the request's target; "demanded an end to the strikes" names the content instead. "to" names the one
# addressed after these and after verbs of appeal ("appealed to both communities").
ADDRESSEE_VERBS = word_set("urge ask press implore beg exhort encourage invite instruct order tell advise")
APPEAL_VERBS = word_set("appeal plead call write")
ADDRESSING_VERBS = ADDRESSEE_VERBS | APPEAL_VERBS
# Types whose object is a thing acted upon, not the party the act is aimed at ("blocked the road", "cut the internet",
# "seized the town", "imposed a curfew"): their target is a party or people the text names, never the thing or the
# place; except in the modes whose patient can only be people ("arrested 28 rioters", "deported the family").
PARTY_TARGET_TYPES = frozenset(["COERCE", "PROTEST"])
PEOPLE_PATIENT_MODES = frozenset(["arrest", "deport", "expel"])
# Types whose recipient is only one the text names as acted against (PLOVER MOBILIZE, "requires recipient: no"):
# the forces moved are the actor's own and the place they go is where, not whom ("deployed 300 soldiers to Goma").
AGAINST_ONLY_TYPES = frozenset(["MOBILIZE"])
# Types of a joint act: coordinated parties as subject are each other's target ("A and B agreed").
JOINT_TYPES = frozenset(["AGREE", "CONSULT", "SUPPORT", "COOPERATE"])
# Verbs of arriving: a nominal trigger as their subject looks for its target where it arrives ("the deployment
# reached the border").
ARRIVAL_VERBS = word_set("arrive reach enter land")
# Events that hit people where they happen: a target named only as people ("23 people", "12") is of the place's
# country ("gunmen killed 14 people in Varna").
HARM_TYPES = frozenset(["ASSAULT", "COERCE"])


# --- place and date anchoring (_anchors, _dates, _clauses) ------------------------------------------------------------

# Prepositions that place an event ("in Mosul", "out of Mosul", "behind a Kabul hotel"): English's spatial
# prepositions of position and path, less those that as often relate ("talks between Kyiv and Moscow", "under
# Assad", "hostility towards Iran"); others ("support from Russia") do not.
LOCATIVE = word_set(
    "in at near to into inside outside across around through throughout of out on over behind beside along "
    "beneath within amid amidst beyond opposite off onto"
)
# Prepositions that never place an event ("support from Russia", "talks with Turkey").
NON_LOCATIVE = word_set("from with by for about against")
# heads of a possessed noun naming people, not a place: "Iraq's president", "Syria's army"
ACTOR_HEADS = word_set(
    "president minister government army military force forces police leader official people ministry spokesman "
    "rebel militant troop soldier envoy ambassador parliament opposition authority embassy citizen"
)
# words whose "to X" names a relation, not a destination ("ships linked to Israel", "loyal to Damascus")
TO_RELATION = word_set("link tie relate connect loyal ally affiliate belong attach bind sympathetic")
# Prepositions that only place: a participant behind one still gives the event its place ("shelter in Austria").
STRICT_LOCATIVE = word_set("in at near inside outside across around throughout behind beside beneath within amid")
# Heads of a local body named by its town or county ("Berea police", "the Bronx County court", "New London
# Police Chief Tom Cipolli"): it acts where it sits, so with no nearer place its town is the event's place.
LOCAL_BODIES = word_set(
    "police sheriff constable constabulary council councillor councilor councilman councilwoman mayor alderman "
    "selectman township court prosecutor coroner marshal school district fire"
)
# Triggers whose "from X" is where the event happened ("airlifted the injured from Varna").
DEPARTURE = word_set("evacuate withdraw flee retreat expel evict pull ship airlift rescue deport displace")
# A toponym in a speaker's description ("diplomatic sources in Pakistan said") is where the speaker is.
SPEECH = word_set("say tell report add state announce claim confirm write quote speak brief")
# Verbs whose object is a party, not a place: speech verbs and the triggers of verbal events.
PARTY_VERBS = word_set("say tell urge ask help warn thank") | frozenset(
    row.lemma
    for row in LEXICON
    if row.pos == "V"
    and row.type in ("REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION", "SUPPORT", "AGREE", "COOPERATE")
)
# ACLED precision 2 for a town: the text puts the event near it, not in it ("near Mosul", "30 km south of
# Mosul", "on the outskirts of Mosul", "the Mosul area").
NEAR_BEFORE = re.compile(
    r"(?:\bnear(?:by)?|\boutside(?: of)?|\boutskirts of|\bclose to|\bvicinity of|\bsurroundings of|\baround"
    r"|\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)? of"
    r"|\b(?:km|kms|kilometres|kilometers|miles|mi)\.?(?: \w+)? (?:from|of))"
    r"(?: the)?(?: (?:city|town|village|port|capital) of)?\s+$",
    re.IGNORECASE,
)
NEAR_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:area|areas|region|countryside|outskirts|surroundings|environs)\b", re.IGNORECASE
)
