"""Word lists of the actors stage: generic actors, titles, institutions, places-not-actors, country context.

Data only, kept out of the stage logic; lists another stage reads too are in :mod:`dateline.lexicon`.
"""

from __future__ import annotations

from ..lexicon import word_set

# Head noun lemma of a noun chunk -> actor kind, for generic actors ("militants", "rights groups").
GENERIC_HEADS: dict[str, str] = {
    "civilian": "civilians",
    "villager": "civilians",
    "resident": "civilians",
    "inhabitant": "civilians",
    "protester": "civilians",
    "protestor": "civilians",
    "demonstrator": "civilians",
    "refugee": "civilians",
    "victim": "civilians",
    "worshipper": "civilians",
    "pilgrim": "civilians",
    "farmer": "civilians",
    "student": "civilians",
    "migrant": "civilians",
    "hostage": "civilians",
    "passenger": "civilians",
    "prisoner": "civilians",
    "detainee": "civilians",
    "worker": "civilians",
    "doctor": "civilians",
    "nurse": "civilians",
    "settler": "civilians",
    "immigrant": "civilians",
    "national": "civilians",
    "citizen": "civilians",
    "teacher": "civilians",
    "militant": "rebels",
    "insurgent": "rebels",
    "rebel": "rebels",
    "fighter": "rebels",
    "gunman": "rebels",
    "gunmen": "rebels",
    "militia": "rebels",
    "militiaman": "rebels",
    "separatist": "rebels",
    "guerrilla": "rebels",
    "terrorist": "terrorist-group",
    "jihadist": "terrorist-group",
    "extremist": "terrorist-group",
    "soldier": "military",
    "troop": "military",
    "troops": "military",
    "army": "military",
    "paratrooper": "military",
    "police": "police",
    "policeman": "police",
    "policemen": "police",
    "gendarme": "police",
    "official": "government",
    "authority": "government",
    "authorities": "government",
    "government": "government",
    "ministry": "government",
    "minister": "government",
    "diplomat": "government",
    "envoy": "government",
    "lawmaker": "government",
    "peacekeeper": "military",
    "journalist": "media",
    "reporter": "media",
    "activist": "ngo",
    "charity": "ngo",
}
# "rights groups", "aid agencies": a group-like head is an NGO when one of these modifies it.
NGO_MODIFIERS = {"rights", "humanitarian", "aid", "relief", "charity", "monitoring", "watchdog"}
GROUP_HEADS = {"group", "organisation", "organization", "agency", "charity", "body", "ngo", "watchdog"}
# "civilian casualties", "civilian deaths": a civilian modifier makes the chunk the civilians.
CIVILIAN_MODIFIERS = {"civilian", "civilians"}
# ... but only for heads that are people or harm to people, not "civilian government" or "civilian facilities".
CIVILIAN_HEADS = {
    "casualty",
    "death",
    "toll",
    "victim",
    "population",
    "people",
    "life",
    "injury",
    "fatality",
    "killing",
    "man",
    "woman",
    "child",
    "resident",
    "civilian",
    "passenger",
    "worker",
    "volunteer",
}
# Words of a noun chunk that are not part of an actor's description ("at least 15 soldiers").
QUANTIFIERS = {"least", "most", "more", "some", "several", "many", "few", "dozens", "hundreds", "thousands", "all"}

# Words of a person's title just before the name ("Iraq's Vice President Ayad Allawi").
TITLE_WORDS = {
    "president",
    "vice",
    "prime",
    "minister",
    "foreign",
    "defence",
    "defense",
    "interior",
    "finance",
    "secretary",
    "general",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "commander",
    "chief",
    "head",
    "ambassador",
    "envoy",
    "senator",
    "governor",
    "mayor",
    "king",
    "queen",
    "prince",
    "crown",
    "emir",
    "sheikh",
    "colonel",
    "lieutenant",
    "major",
    "captain",
    "brigadier",
    "gen.",
    "col.",
    "lt.",
    "maj.",
    "capt.",
    "official",
    "officer",
    "deputy",
    "chairman",
    "chairwoman",
    "director",
    "speaker",
    "lawmaker",
    "mp",
    "cleric",
    "imam",
    "ayatollah",
    "opposition",
    "former",
    "acting",
    "interim",
    "supreme",
    "top",
    "senior",
    "military",
    "security",
    "army",
    "police",
    "state",
    "sen.",
    "rep.",
    "gov.",
    "dr.",
    "analyst",
    "expert",
    "researcher",
    "professor",
    "journalist",
    "correspondent",
    "activist",
    "vive",
    "rebel",
    "militant",
    "local",
    "adviser",
    "advisor",
    "negotiator",
    "archbishop",
    "bishop",
    "cardinal",
    "patriarch",
    "rabbi",
    "mullah",
    "pope",
    "emeritus",
    "secretary-general",
    "director-general",
    "high",
    "commissioner",
    "representative",
    "special",
    "executive",
}
# Titles of office that name one person when written before a bare surname ("President Macron", "Gen. Aoun").
OFFICE_TITLES = {
    "president", "premier", "minister", "chancellor", "king", "queen", "prince", "emir", "sheikh", "sultan",
    "ayatollah", "general", "gen.", "marshal", "colonel", "col.", "secretary", "secretary-general", "senator",
    "sen.", "governor", "gov.", "mayor", "ambassador", "chairman", "pope", "dictator", "shah",
}  # fmt: skip
# Title words that make a person a civilian ("40-year-old local villager Mahmoud").
CIVILIAN_ROLES = {
    "villager",
    "resident",
    "farmer",
    "shepherd",
    "shopkeeper",
    "eyewitness",
    "witness",
    "student",
    "teacher",
    "mother",
    "father",
    "widow",
    "survivor",
    "refugee",
    "fisherman",
    "driver",
    "trader",
    "merchant",
    "worker",
    "housewife",
    "nurse",
    "doctor",
    "civilian",
    "displaced",
    "homeowner",
    "taxi",
}
# Nouns that, after "the", refer back to an organisation named before ("the group", "the movement").
ANAPHORA_GROUP = {"group", "organisation", "organization", "movement", "militia", "faction"}
GROUP_KINDS = {"terrorist-group", "rebels", "organization", "ngo", "igo", "party", "military"}

# Prepositions after which a country name is a place, not an actor ("gains in Syria").
LOCATIVE_PREPS = {
    "in",
    "inside",
    "within",
    "across",
    "throughout",
    "into",
    "near",
    "around",
    "at",
    "over",
    "outside",
    "through",
    "to",
    "toward",
    "towards",
    "of",
    "beyond",
    "along",
    "onto",
    "off",
    "via",
}
# Heads after which "to X" is a destination, not a recipient ("fled to Syria" vs "aid to Mozambique").
MOTION_WORDS = {
    "go", "come", "travel", "return", "fly", "flee", "move", "head", "arrive", "drive", "march", "walk", "sail",
    "deploy", "send", "dispatch", "ship", "transfer", "deport", "extradite", "expel", "relocate", "evacuate",
    "smuggle", "export", "import", "bring", "take", "carry", "lead", "escape", "emigrate", "migrate", "cross",
    "retreat", "withdraw", "advance", "push", "spread", "extend", "expand", "invite", "admit", "accredit",
    "trip", "visit", "journey", "flight", "route", "road", "way", "path", "access", "entry", "passage",
    "deployment", "mission", "delegation", "ambassador", "envoy", "embassy", "exodus", "pilgrimage",
    "tour", "voyage", "crossing", "corridor", "link", "pipeline", "railway", "highway", "connection", "gateway",
    "close", "closer", "near", "next", "adjacent", "due", "back", "home", "north", "south", "east", "west",
}  # fmt: skip
# Heads that name a state's institution when a demonym, a state possessor or "of <state>" qualifies them
# ("the Turkish president", "Russia's defence ministry", "the foreign ministers of Turkey and Iraq").
INSTITUTION_HEADS: dict[str, str] = {
    **dict.fromkeys(
        [
            "government",
            "ministry",
            "minister",
            "authority",
            "authorities",
            "official",
            "president",
            "administration",
            "cabinet",
            "delegation",
            "diplomat",
            "envoy",
            "ambassador",
            "embassy",
            "leadership",
            "premier",
        ],
        "government",
    ),
    **dict.fromkeys(["army", "military", "troop", "troops", "force", "forces", "soldier", "navy"], "military"),
    **dict.fromkeys(["police", "policeman", "policemen", "gendarmerie"], "police"),
}
# Weapons and war machines: a demonym on one names the state's armed forces ("a Russian missile").
WEAPON_HEADS = {
    "missile",
    "rocket",
    "drone",
    "warplane",
    "jet",
    "aircraft",
    "helicopter",
    "bomber",
    "fighter-jet",
    "artillery",
    "tank",
    "shell",
    "airstrike",
    "strike",
    "bomb",
    "warship",
    "destroyer",
    "frigate",
    "gunboat",
    "submarine",
    "sniper",
    "shelling",
    "bombardment",
    "raid",
}
# Unqualified "the army", "soldiers", "the police": the article's focus country's institution.
FOCUS_INSTITUTIONS = {"army": "military", "military": "military", "soldier": "military", "police": "police"}
# Verbs whose object is a thing brought into being or announced, not an actor ("declared a Caliphate").
CREATION_VERBS = {"declare", "proclaim", "announce", "establish", "form", "create", "found", "set"}

# Generic actors that belong to the country they act in ("local villagers", "militants", "police"); NGOs, IGOs and
# terrorist groups are international, persons and organisations are named and typed elsewhere.
CONTEXT_KINDS = frozenset({"civilians", "rebels", "police", "military", "government", "media"})

# Heads an adjective of nationality only describes: people and bodies (their own actors), and sources.
DESCRIBED_HEADS = (
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

# Nouns that may head an institution or weapon phrase ("the Turkish army", "a Russian missile").
HEAD_WORDS = frozenset(INSTITUTION_HEADS) | frozenset(WEAPON_HEADS)

# Arabic articles a surname may carry: "al-Baghdadi" is also "Baghdadi".
SURNAME_PREFIXES = ("al-", "el-", "ad-", "as-", "ash-")
# Title words that qualify an office rather than name one ("former President", "local villager").
TITLE_QUALIFIERS = {"local", "former", "top", "senior", "acting"}
