"""The PLOVER trigger lexicon: which words signal which event type and mode, in one table.

Written for dateline from the PLOVER type and mode definitions (our own wording and word lists; the
codebook itself is not copied). Each row is a verb lemma or an event noun with the PLOVER type and
mode it signals and a strength in [0, 1] (how reliably the word alone means that event). Rows can
require a particle or preposition ("take over", "call on"), an object ("declare a caliphate",
"impose a curfew") or a support verb for nouns ("make gains"). ``_compile`` turns the table into a
lemma index once per process.

Choices made where PLOVER leaves room:
- A declaration of rule over territory ("declared a caliphate / an emirate") and taking over
  territory or installations are COERCE ``seize`` (CAMEO 192 "occupy territory"): the codebook's
  COERCE covers coercive uses of power short of violence, and its ``seize`` mode is the one that
  covers taking control of places and property. Nothing in PLOVER codes self-proclamation as such.
- An actor "pushed out of / driven out of" a place is RETREAT ``withdraw`` with the expelled actor as
  source (the one ceding territory); the pushing is not coded separately unless named.
- Executions and assassinations are ASSAULT ``targeted``, except that an explicit weapon ("shot")
  gives the weapon mode (``firearms``): the method is what the mode records when the text names it.
- Future cooperative events (CONSULT/SUPPORT/COOPERATE/AID announced with will/would or "ready to") are
  AGREE, as PLOVER's AGREE definition says; future SANCTION/COERCE/ASSAULT and boycotts are THREATEN
  (modes relations/restrict/arrest/expel/violence). RETREAT and CONCEDE keep their type (the codebook
  says so). The recoding is ``_triggers._future_recode``.
- Speech verbs (say, tell, note, add) are never events: they are quote cues.
- Forcing people to flee ("forced 5,000 residents to flee", "displaced 2,000 villagers") is SANCTION ``expel``
  with the one who caused the flight as source, as the codebook's RETREAT and SANCTION ambiguity notes say
  (refugees fleeing are not coded as the fleeing party's withdrawal). Rounding people up is COERCE ``arrest``;
  taking people hostage is ASSAULT ``abduct``; burning or setting fire to homes, villages and offices is ASSAULT
  ``destroy`` (the codebook's mode for destruction that is the act's intent).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..lexicon import word_set
from ..plover import cameo_code as plover_cameo

# Words (lemmas) that make a noun trigger's subject come from the governing verb: "held talks".
SUPPORT_VERBS = word_set(
    "hold launch carry conduct stage mount make begin start continue resume stage organise organize "
    "lead open order announce approve impose unleash step intensify escalate renew undertake reiterate repeat "
    "enter give extend express issue lodge file voice offer complete reimpose tighten initiate slap levy bring strike"
)

# ASSAULT mode from a weapon or method word in the trigger's sentence neighbourhood (lemma -> mode).
ASSAULT_MODE_CUES: dict[str, str] = {
    **dict.fromkeys(word_set("shoot gun gunfire gunman rifle pistol bullet sniper firearm machine-gun"), "firearms"),
    **dict.fromkeys(word_set("shell shelling artillery mortar rocket tank howitzer missile"), "heavy-weapons"),
    **dict.fromkeys(word_set("airstrike air-strike warplane jet aircraft helicopter bomber air"), "aerial"),
    **dict.fromkeys(word_set("drone uav"), "drone"),
    **dict.fromkeys(word_set("bomb bombing ied explosive explosion blast mine grenade car-bomb"), "explosives"),
    **dict.fromkeys(word_set("suicide"), "suicide-attack"),
    **dict.fromkeys(word_set("knife stab machete sword axe arson burn torch"), "primitive"),
    **dict.fromkeys(word_set("teargas tear-gas gas cannon baton rubber"), "crowd-control"),
    **dict.fromkeys(word_set("chemical sarin chlorine nerve biological nuclear radiological"), "unconventional"),
}


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon row: a lemma (verb or noun) that signals a PLOVER event type and mode."""

    lemma: str
    pos: str  # "V" verb, "N" noun
    type: str
    mode: str | None
    strength: float
    particle: str | None = None  # required particle/preposition child: "over" in "take over"
    objects: frozenset[str] | None = None  # required object lemma (dobj or its compound), if any
    needs_support: bool = False  # noun only counts as object of a support verb or with a place ("made gains in")
    patient_is_source: bool = False  # "IS was pushed out of Mosul": the pushed actor is the RETREAT source
    symmetric: bool = False  # CONSULT-like: "with"/"between" give the other party
    cameo: str | None = None


def _rows(type_: str, mode: str | None, pos: str, words: str, strength: float, **extra) -> list[Trigger]:
    """Rows for space-separated words; "take_over" means lemma ``take`` with particle ``over``."""
    out = []
    for word in words.split():
        lemma, _, particle = word.partition("_")
        out.append(Trigger(lemma, pos, type_, mode, strength, particle=particle or None, **extra))
    return out


_TERRITORY = word_set("caliphate emirate state independence autonomy republic sovereignty")
_CURFEW = frozenset(["curfew"])
_EMERGENCY = word_set("emergency law")
_AID = word_set(
    "aid assistance supply food medicine fund loan grant weapon arm ammunition troop relief flour fuel water tent "
    "blanket vaccine shelter ration wheat grain"
)
_TRADE = word_set("export import trade sale flight investment")
_GATHERINGS = word_set("demonstration protest rally march gathering meeting strike procession vigil sit-in")
_DEMANDS = word_set("demand condition term ultimatum request")
_VISITS = word_set("visit trip meeting talk summit tour")
_TIES = word_set("tie relation relationship contact")
_MONITORS = word_set("observer inspector monitor investigator mission peacekeeper expert team")
# Property whose burning is the act itself ("burned homes", "torched the village"), not a fire's incidental damage.
_PROPERTY = word_set(
    "home house village town building office shop store market church mosque temple school hospital car vehicle "
    "bus truck property crop field farm hut tent camp headquarters station embassy"
)
_FLIGHT = word_set("flee leave evacuate abandon")

LEXICON: list[Trigger] = [
    # AGREE: commitments to cooperate (promises, pledges, deals agreed).
    *_rows("AGREE", None, "V", "agree", 0.75, symmetric=True),  # "the two governments agreed": each with the other
    *_rows("AGREE", None, "V", "pledge promise vow offer accept", 0.75),
    *_rows("AGREE", None, "N", "agreement deal accord truce", 0.6, needs_support=True, symmetric=True),
    *_rows("AGREE", None, "N", "pledge", 0.6, needs_support=True),
    *_rows("AGREE", None, "V", "consent", 0.7),
    *_rows("AGREE", None, "N", "ceasefire cease-fire", 0.55, needs_support=True, symmetric=True),
    # CONSULT: meetings, talks, visits, calls.
    *_rows("CONSULT", None, "V", "meet negotiate consult confer", 0.85, symmetric=True),
    *_rows("CONSULT", None, "V", "discuss talk", 0.7, symmetric=True),
    *_rows(
        "CONSULT", None, "N", "talk discussion dialogue negotiation meeting summit consultation", 0.85, symmetric=True
    ),
    *_rows("CONSULT", "visit", "V", "visit host", 0.85),
    *_rows("CONSULT", "visit", "N", "visit", 0.8),
    *_rows("CONSULT", "phone", "V", "phone telephone", 0.8, symmetric=True),
    *_rows("CONSULT", "third-party", "V", "mediate", 0.8),
    *_rows("CONSULT", "third-party", "N", "mediation", 0.75),
    *_rows("CONSULT", "visit", "N", "welcome reception", 0.6, needs_support=True),
    # SUPPORT: diplomatic, non-material backing; signing and recognition.
    *_rows("SUPPORT", None, "V", "praise endorse commend welcome recognise recognize sign ratify back", 0.65),
    *_rows("SUPPORT", None, "V", "support defend hail applaud laud congratulate thank forgive", 0.65),
    *_rows("SUPPORT", None, "N", "support backing endorsement recognition", 0.55, needs_support=True),
    *_rows("SUPPORT", None, "V", "upgrade restore normalise normalize establish resume", 0.7, objects=_TIES),
    # COOPERATE: mutual material cooperation.
    *_rows("COOPERATE", None, "V", "cooperate collaborate extradite", 0.75, symmetric=True),
    *_rows("COOPERATE", None, "N", "cooperation collaboration exercise", 0.55, needs_support=True, symmetric=True),
    *_rows(
        "COOPERATE",
        None,
        "V",
        "share exchange",
        0.7,
        symmetric=True,
        objects=word_set("intelligence information evidence data technology expertise prisoner"),
    ),
    *_rows("COOPERATE", None, "N", "war-game game manoeuvre maneuver drill", 0.55, needs_support=True, symmetric=True),
    # AID: material help that benefits the recipient.
    *_rows("AID", None, "V", "donate", 0.8),
    *_rows("AID", None, "V", "deliver send provide give supply", 0.65, objects=_AID),
    *_rows("AID", None, "N", "aid assistance", 0.55, needs_support=True),
    *_rows("AID", None, "V", "hand_over airlift evacuate", 0.65, objects=_AID | word_set("medicine wounded wound")),
    *_rows("AID", None, "V", "grant", 0.65, objects=word_set("asylum aid loan refuge")),
    *_rows("AID", None, "V", "contribute", 0.65, objects=_AID),
    *_rows("AID", None, "N", "asylum", 0.6, needs_support=True),
    # CONCEDE: verbal concessions, pardons, apologies.
    *_rows("CONCEDE", None, "V", "pardon apologise apologize concede lift ease", 0.65),
    *_rows("CONCEDE", None, "V", "allow permit relax loosen shorten compromise amnesty", 0.6),
    *_rows("CONCEDE", None, "N", "concession amnesty apology pardon", 0.6, needs_support=True),
    *_rows("CONCEDE", None, "V", "accept meet satisfy", 0.7, objects=_DEMANDS),  # "accepted the rebels' demands"
    # RETREAT: material de-escalation: withdrawal, release, resignation, ceasefire implemented.
    *_rows("RETREAT", "withdraw", "V", "withdraw retreat pull_out ship_out", 0.8),
    *_rows("RETREAT", "withdraw", "V", "push_out drive_out force_out", 0.75, patient_is_source=True),
    *_rows("RETREAT", "withdraw", "N", "withdrawal retreat pullout", 0.7),
    *_rows("RETREAT", "release", "V", "release free", 0.75),
    *_rows("RETREAT", "release", "N", "release", 0.6, needs_support=True),
    *_rows(
        "RETREAT",
        "release",
        "V",
        "return hand_back",
        0.65,
        objects=word_set("weapon arm equipment territory land prisoner body property helicopter aircraft"),
    ),
    *_rows("RETREAT", "resign", "V", "resign", 0.85),
    *_rows("RETREAT", "resign", "N", "resignation", 0.75),
    *_rows("RETREAT", "disarm", "V", "disarm surrender demobilise demobilize", 0.8),
    *_rows(
        "RETREAT", "ceasefire", "V", "declare announce observe", 0.8, objects=word_set("ceasefire cease-fire truce")
    ),
    *_rows(
        "RETREAT",
        "access",
        "V",
        "open reopen",
        0.6,
        objects=word_set("border bridge crossing road corridor airport port"),
    ),
    *_rows("RETREAT", "access", "V", "admit receive accept allow", 0.65, objects=_MONITORS),
    # REQUEST: requests, demands, appeals.
    *_rows("REQUEST", None, "V", "call_on call_for urge demand appeal ask request", 0.75),
    *_rows("REQUEST", None, "V", "seek plead petition press_for implore", 0.7),
    *_rows("REQUEST", None, "N", "demand appeal request", 0.6, needs_support=True),
    # ACCUSE: disapproval, accusation, investigation.
    *_rows("ACCUSE", "disapprove", "V", "condemn criticise criticize denounce decry", 0.85),
    *_rows("ACCUSE", "disapprove", "N", "condemnation criticism", 0.6, needs_support=True),
    *_rows("ACCUSE", "disapprove", "V", "complain protest_to slam rebuke reproach deplore censure fault", 0.75),
    *_rows("ACCUSE", "disapprove", "N", "complaint protest", 0.55, needs_support=True),
    *_rows("ACCUSE", "allege", "V", "accuse blame charge indict sue", 0.8),
    *_rows("ACCUSE", "investigate", "V", "investigate probe", 0.75),
    *_rows("ACCUSE", "investigate", "N", "investigation probe inquiry", 0.6),
    *_rows("ACCUSE", "investigate", "V", "send dispatch", 0.65, objects=word_set("inspector investigator monitor")),
    *_rows("ACCUSE", "allege", "N", "accusation allegation charge", 0.55, needs_support=True),
    # REJECT: refusals and rejections; a denial is the denier's REJECT (the denied event is negated).
    *_rows("REJECT", None, "V", "reject refuse deny dismiss veto decline rebuff", 0.75),
    *_rows("REJECT", None, "V", "oppose defy renege spurn resist turn_down", 0.7),
    # Defying an order or a law (CAMEO "defy norms, law"); a violated ceasefire is fighting, not this.
    *_rows(
        "REJECT",
        None,
        "V",
        "violate flout breach disobey",
        0.65,
        objects=word_set("ban order law ruling decree curfew resolution injunction embargo"),
    ),
    *_rows("REJECT", None, "N", "rejection refusal", 0.55, needs_support=True),
    # THREATEN: threats and ultimatums.
    *_rows("THREATEN", None, "V", "threaten", 0.85),
    *_rows("THREATEN", None, "N", "threat ultimatum", 0.65, needs_support=True),
    *_rows("THREATEN", None, "V", "menace", 0.7),
    # PROTEST: collective, physical dissent.
    *_rows("PROTEST", "demo", "V", "protest demonstrate rally march", 0.8),
    *_rows("PROTEST", "demo", "N", "protest demonstration rally march", 0.75),
    *_rows("PROTEST", "riot", "V", "riot", 0.85),
    *_rows("PROTEST", "riot", "N", "riot unrest", 0.75),
    *_rows("PROTEST", "strike", "N", "walkout", 0.8),
    # A work stoppage: "stopped work", "shunned work", "downed tools".
    *_rows("PROTEST", "strike", "V", "stop shun down halt quit", 0.7, objects=word_set("work tool")),
    # "strike" as a noun is split by its modifiers in the finder: air/drone/missile strike -> ASSAULT, else PROTEST.
    *_rows("PROTEST", "strike", "N", "strike", 0.6),
    *_rows("PROTEST", "strike", "V", "strike", 0.4, objects=frozenset()),  # intransitive "workers struck"
    *_rows("PROTEST", "hunger", "N", "hunger-strike", 0.85),
    *_rows("PROTEST", "boycott", "V", "boycott", 0.75),
    *_rows("PROTEST", "obstruct", "V", "blockade", 0.6),
    *_rows(
        "PROTEST", "obstruct", "V", "block barricade", 0.6, objects=word_set("road street highway transport traffic")
    ),
    *_rows("PROTEST", "demo", "N", "sit-in picket vigil", 0.75),
    # SANCTION: reductions of relations.
    *_rows("SANCTION", "discontinue", "V", "sanction embargo suspend cut", 0.7),
    # Imposed sanctions: SANCTION discontinue per the manual (the 2021 CAMEO table's COERCE for 163 is older).
    *_rows("SANCTION", "discontinue", "N", "sanction embargo", 0.7, cameo="163"),
    *_rows("SANCTION", "discontinue", "V", "ban halt", 0.7, objects=_TRADE),  # "banning exports"
    # Tariffs restrict trade (coding guide 8): imposed ones only ("imposed tariffs on", "the tariffs imposed on"),
    # not "tariffs on steel remain" or a tariff schedule.
    *_rows("SANCTION", "discontinue", "N", "tariff", 0.7, needs_support=True),
    *_rows("SANCTION", "expel", "V", "expel", 0.7),
    *_rows(
        "SANCTION", "discontinue", "V", "halt suspend freeze cut stop", 0.7, objects=_AID | word_set("tie relation")
    ),
    *_rows("SANCTION", "discontinue", "V", "sever break downgrade", 0.75, objects=word_set("tie relation contact")),
    # Withdrawing from a mediation activity is SANCTION withdraw; breaking off talks discontinues an exchange.
    *_rows("SANCTION", "withdraw", "V", "halt suspend stop end abandon quit", 0.7, objects=word_set("mediation")),
    *_rows(
        "SANCTION",
        "discontinue",
        "V",
        "halt suspend stop end abandon break_off",
        0.7,
        objects=word_set("talk negotiation dialogue contact cooperation"),
    ),
    *_rows("SANCTION", "withdraw", "V", "recall", 0.7, objects=word_set("ambassador envoy diplomat")),
    *_rows("SANCTION", "discontinue", "V", "cancel call_off scrap", 0.7, objects=_VISITS),
    *_rows("SANCTION", "discontinue", "N", "suspension severance", 0.6, needs_support=True),
    *_rows("SANCTION", "convict", "V", "convict sentence", 0.75),
    # Forced flight: the causative agent expels the people who flee (the codebook's note on refugees).
    *_rows("SANCTION", "expel", "V", "displace uproot", 0.75),
    *_rows("SANCTION", "expel", "V", "force drive compel", 0.75, objects=_FLIGHT),
    # MOBILIZE: shows of force short of using it.
    *_rows("MOBILIZE", "troops", "V", "deploy mobilise mobilize mass", 0.7),
    *_rows("MOBILIZE", "troops", "N", "deployment mobilisation mobilization buildup", 0.6),
    *_rows("MOBILIZE", "troops", "V", "reinforce strengthen", 0.6, objects=word_set("force troop presence army")),
    *_rows("MOBILIZE", "troops", "N", "alert", 0.55, needs_support=True),
    # COERCE: repression and coercion short of violence.
    *_rows("COERCE", "arrest", "V", "arrest detain jail imprison round_up", 0.9),
    *_rows("COERCE", "arrest", "N", "arrest detention", 0.75),
    *_rows("COERCE", "seize", "V", "seize confiscate loot raid capture occupy", 0.75, cameo="171"),
    *_rows("COERCE", "seize", "V", "take_over", 0.75, cameo="192"),
    *_rows("COERCE", "seize", "V", "declare proclaim", 0.8, objects=_TERRITORY, cameo="192"),
    *_rows("COERCE", "seize", "N", "gain", 0.6, needs_support=True, cameo="192"),
    *_rows("COERCE", "seize", "N", "raid seizure occupation takeover", 0.65),
    *_rows("COERCE", "curfew", "V", "impose declare", 0.85, objects=_CURFEW),
    *_rows("COERCE", "martial-law", "V", "impose declare", 0.85, objects=_EMERGENCY),
    *_rows("COERCE", "deport", "V", "deport", 0.85),
    *_rows("COERCE", "censor", "V", "censor ban", 0.6),
    *_rows("COERCE", "restrict", "N", "blockade restriction closure", 0.65),
    *_rows(
        "COERCE", "restrict", "V", "close seal shut", 0.6, objects=word_set("border crossing road airport port office")
    ),
    *_rows("COERCE", "seize", "V", "hack", 0.7),
    *_rows("COERCE", "restrict", "V", "prevent disperse break_up stop ban forbid prohibit", 0.8, objects=_GATHERINGS),
    # ASSAULT: deliberate physical harm; the mode may be refined by weapon words (ASSAULT_MODE_CUES).
    *_rows("ASSAULT", None, "V", "attack kill assault fight ambush massacre push_back clash murder slay", 0.8),
    *_rows(
        "ASSAULT",
        None,
        "N",
        "attack killing assault fighting ambush massacre offensive clash violence murder slaying",
        0.7,
    ),
    *_rows("ASSAULT", None, "V", "strike hit target pound", 0.65),
    *_rows("ASSAULT", None, "V", "wound injure invade storm bombard", 0.7),
    *_rows("ASSAULT", None, "N", "invasion incursion", 0.6),
    *_rows("ASSAULT", "torture", "N", "torture", 0.8),
    *_rows("ASSAULT", "firearms", "V", "shoot gun open_fire fire_on fire_at", 0.85),
    *_rows("ASSAULT", "firearms", "N", "shooting gunfire", 0.8),
    *_rows("ASSAULT", "heavy-weapons", "V", "shell", 0.9),
    *_rows("ASSAULT", "heavy-weapons", "N", "shelling bombardment", 0.85),
    *_rows("ASSAULT", "aerial", "N", "airstrike", 0.85),
    *_rows("ASSAULT", "explosives", "V", "bomb blow_up", 0.85),
    *_rows(
        "ASSAULT",
        "explosives",
        "V",
        "explode detonate set_off",
        0.8,
        objects=word_set("bomb device explosive grenade mine charge car-bomb ied"),
    ),
    *_rows("ASSAULT", "explosives", "N", "bombing", 0.8),
    *_rows("ASSAULT", "targeted", "V", "execute behead assassinate lynch", 0.9),
    *_rows("ASSAULT", "targeted", "N", "execution assassination beheading", 0.85),
    *_rows("ASSAULT", "abduct", "V", "abduct kidnap hijack", 0.9),
    *_rows("ASSAULT", "abduct", "V", "take hold seize", 0.8, objects=word_set("hostage captive")),  # "took 18 hostage"
    *_rows("ASSAULT", "abduct", "N", "abduction kidnapping hijacking", 0.85),
    *_rows("ASSAULT", "beat", "V", "beat", 0.75),
    *_rows("ASSAULT", "torture", "V", "torture", 0.9),
    *_rows("ASSAULT", "sexual", "V", "rape", 0.9),
    *_rows("ASSAULT", "beat", "V", "abuse mistreat maltreat", 0.7),  # "sexually abused": mode from the adverb
    *_rows("ASSAULT", "destroy", "V", "destroy demolish raze torch", 0.7),
    *_rows("ASSAULT", "destroy", "V", "burn firebomb", 0.7, objects=_PROPERTY),
    *_rows("ASSAULT", "destroy", "V", "set", 0.75, objects=word_set("fire ablaze alight")),  # "set fire to"
    *_rows("ASSAULT", "primitive", "V", "stab", 0.85),
    *_rows("ASSAULT", "drone", "N", "drone-strike", 0.85),
]


def cameo_code(trigger: Trigger, mode: str | None) -> str | None:
    """The CAMEO code for an event: the row's own code, else the (type, mode) code, else the type's root."""
    if trigger.cameo and mode == trigger.mode:
        return trigger.cameo
    return plover_cameo(trigger.type, mode)


def compile_lexicon(rows: list[Trigger] = LEXICON) -> dict[tuple[str, str], list[Trigger]]:
    """Index rows by (lemma, pos) so matching is one dict lookup per token."""
    index: dict[tuple[str, str], list[Trigger]] = {}
    for row in rows:
        index.setdefault((row.lemma, row.pos), []).append(row)
    # Most specific rows first: required particle/object, then strength.
    for key, items in index.items():
        index[key] = sorted(items, key=lambda r: (r.particle is None, r.objects is None, -r.strength))
    return index
