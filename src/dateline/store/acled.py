"""ACLED's coding of dateline's events and actors: the tables, and the SQL CASE expressions built from them.

ACLED (the Armed Conflict Location & Event Data project) codes each event with a disorder type, an event type
and a sub-event type, and each actor with one of eight categories (its "inter" codes). The tables here map
PLOVER events and dateline's actor kinds onto them; :mod:`dateline.store.export` turns them into SQL.
"""

from __future__ import annotations

_PV, _DEM, _SD = "Political violence", "Demonstrations", "Strategic developments"
_VAC, _ERV = "Violence against civilians", "Explosions/Remote violence"

# PLOVER event -> ACLED (disorder type, event type, sub-event type). First matching row wins.
# mode: a regular expression searched in the lower-cased PLOVER mode (None: any mode);
# target: "armed" when some target is an armed actor (see ARMED), None: any target.
ACLED_TYPES: tuple[tuple[str | None, str | None, str | None, str, str, str], ...] = (
    # PLOVER type, mode pattern,                           target,  disorder, ACLED event type, sub-event type
    ("ASSAULT", r"sexual|rape", None, _PV, _VAC, "Sexual violence"),
    ("ASSAULT", r"abduct|kidnap|hostage|disappear", None, _PV, _VAC, "Abduction/forced disappearance"),
    ("ASSAULT", r"suicide", None, _PV, _ERV, "Suicide bomb"),
    ("ASSAULT", r"aerial|air|drone", None, _PV, _ERV, "Air/drone strike"),
    ("ASSAULT", r"shell|artillery|missile|rocket|mortar|heavy", None, _PV, _ERV, "Shelling/artillery/missile attack"),
    ("ASSAULT", r"grenade", None, _PV, _ERV, "Grenade"),
    ("ASSAULT", r"explosi|bomb|\bied\b|mine", None, _PV, _ERV, "Remote explosive/landmine/IED"),
    ("ASSAULT", r"execut|massacre|beat|tortur|assassin", None, _PV, _VAC, "Attack"),
    ("ASSAULT", None, "armed", _PV, "Battles", "Armed clash"),
    ("ASSAULT", None, None, _PV, _VAC, "Attack"),
    ("PROTEST", r"riot|violent|clash", None, _DEM, "Riots", "Violent demonstration"),
    ("PROTEST", None, None, _DEM, "Protests", "Peaceful protest"),
    ("COERCE", r"arrest|detain|detention", None, _SD, _SD, "Arrests"),
    ("COERCE", r"seiz|confiscat|destr|demoli|loot|burn", None, _SD, _SD, "Looting/property destruction"),
    ("AGREE", None, None, _SD, _SD, "Agreement"),
    ("RETREAT", None, None, _SD, _SD, "Non-violent transfer of territory"),
    ("MOBILIZE", None, None, _SD, _SD, "Change to group/activity"),
    (None, None, None, _SD, _SD, "Other"),
)

# Our actor kinds that ACLED would count as armed (for Battles vs Violence against civilians).
ARMED = ("state", "government", "military", "police", "rebels", "terrorist-group")

# ACLED's actor categories (inter codes 1-8) under the names ACLED's data export writes in inter1/inter2.
STATE, REBEL = "State forces", "Rebel group"
POLITICAL_MILITIA, IDENTITY_MILITIA = "Political militia", "Identity militia"
RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = "Rioters", "Protesters", "Civilians", "External/Other forces"
INTER_CODES = {
    STATE: 1,
    REBEL: 2,
    POLITICAL_MILITIA: 3,
    IDENTITY_MILITIA: 4,
    RIOTERS: 5,
    PROTESTERS: 6,
    CIVILIANS: 7,
    EXTERNAL: 8,
}

# Our actor kind -> ACLED's category. A person is coded by its affiliation or role (ACLED_PERSON_ROLES), never as
# a civilian for holding an office; protest events code their first source as Protesters or Rioters instead.
ACLED_INTER: dict[str, str] = {
    "state": STATE,  # a state named as such ("Iraq said") acts through its government: state forces
    "government": STATE,  # ACLED's "Government of X" actors are state forces
    "military": STATE,  # (foreign or multinational forces: EXTERNAL, see ACLED_EXTERNAL_FORCES)
    "police": STATE,
    "rebels": REBEL,  # (named militias: ACLED_MILITIA_NAMES)
    "terrorist-group": REBEL,  # ACLED codes jihadist and other armed opposition groups as rebel groups
    "civilians": CIVILIANS,  # residents, villagers, students, protesters as victims
    "igo": EXTERNAL,  # international organisations (UN, EU, AU...)
    "ngo": EXTERNAL,  # aid and rights groups
    "media": EXTERNAL,  # outlets and journalists as organisations
    "business": EXTERNAL,  # companies, private security
    "party": EXTERNAL,  # a political party without an armed wing is none of ACLED's armed categories
    "organization": EXTERNAL,
}

# Kinds whose actor is "External/Other forces" when it acts outside its own country (ACLED: state forces active
# outside their main country of operation) or is multinational (role "multinational": coalitions, UN missions).
ACLED_EXTERNAL_FORCES = ("military", "police")

# Armed groups (kind "rebels") that ACLED files as militias, by a regular expression on the lower-cased name:
# identity militias first (communal, ethnic, clan, tribal), then political militias (pro-government or party).
ACLED_MILITIA_NAMES: tuple[tuple[str, str], ...] = (
    (r"\b(communal|ethnic|clan|tribal|tribe)\b.*\bmilitia", IDENTITY_MILITIA),
    (r"\bmilitia\b.*\b(communal|ethnic|clan|tribal)", IDENTITY_MILITIA),
    (r"\bmilitia", POLITICAL_MILITIA),
)

# A person's category by its role when its affiliation gives none, first matching row wins (regular expressions on
# the lower-cased role). Officials, officers and office holders are state forces; armed-group roles are rebels.
ACLED_PERSON_ROLES: tuple[tuple[str, str], ...] = (
    (r"\b(rebel|insurgent|militant|jihadi|guerrilla)", REBEL),
    (r"\bmilitia", POLITICAL_MILITIA),
    (
        r"\b(minister|president|premier|chancellor|king|queen|emir|sultan|monarch|governor|mayor|official|"
        r"ambassador|envoy|diplomat|secretary|senator|lawmaker|legislator|deputy|parliament|mp|judge|prosecutor|"
        r"spokes(man|woman|person)|army|military|soldier|officer|general|colonel|major|captain|lieutenant|"
        r"sergeant|commander|admiral|police|policeman|policewoman)",
        STATE,
    ),
)


def sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def sql_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(sql_str(v) for v in values) + "]"


def _sql_in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(sql_str(v) for v in values) + ")"


def acled_type_case(field: int) -> str:
    """A SQL CASE giving column ``field`` (3 disorder, 4 event type, 5 sub-event type) of ACLED_TYPES."""
    arms = []
    for plover, mode, target, *labels in ACLED_TYPES:
        conditions = []
        if plover is not None:
            conditions.append(f"e.type = {sql_str(plover)}")
        if mode is not None:
            conditions.append(f"regexp_matches(lower(coalesce(e.mode, '')), {sql_str(mode)})")
        if target == "armed":
            conditions.append(f"list_has_any(coalesce(s.target_kinds, []), {sql_list(ARMED)})")
        label = sql_str(labels[field - 3])
        arms.append(f"WHEN {' AND '.join(conditions) or 'TRUE'} THEN {label}")
    return "CASE " + " ".join(arms) + " END"


def _kind_case(kind: str) -> str:
    arms = " ".join(f"WHEN {sql_str(k)} THEN {sql_str(v)}" for k, v in ACLED_INTER.items())
    return f"CASE {kind} {arms} END"


def _regex_case(text: str, table: tuple[tuple[str, str], ...]) -> str:
    arms = " ".join(f"WHEN regexp_matches({text}, {sql_str(rx)}) THEN {sql_str(label)}" for rx, label in table)
    return f"CASE {arms} END"


def actor_inter_sql(actor: str, affiliation_kind: str) -> str:
    """ACLED's category of the actors row ``actor`` whose affiliation has kind ``affiliation_kind`` (SQL)."""
    role, name = f"lower(coalesce({actor}.role, ''))", f"lower(coalesce({actor}.name, ''))"
    person = (
        f"coalesce({_kind_case(affiliation_kind)}, {_regex_case(role, ACLED_PERSON_ROLES)}, "
        f"CASE WHEN {actor}.known THEN {sql_str(EXTERNAL)} ELSE {sql_str(CIVILIANS)} END)"
    )
    forces = _sql_in(ACLED_EXTERNAL_FORCES)
    return (
        f"CASE WHEN {actor}.kind = 'person' THEN {person}\n"
        f"     WHEN {actor}.kind = 'rebels' THEN coalesce({_regex_case(name, ACLED_MILITIA_NAMES)}, {sql_str(REBEL)})\n"
        f"     WHEN {actor}.kind IN {forces} AND {role} = 'multinational' THEN {sql_str(EXTERNAL)}\n"
        f"     ELSE {_kind_case(f'{actor}.kind')} END"
    )


def external_sql(inter: str, kind: str, country: str, event_country: str) -> str:
    """``inter`` turned External/Other forces for state forces of ``kind`` acting outside their ``country`` (SQL)."""
    return (
        f"CASE WHEN {inter} = {sql_str(STATE)} AND {kind} IN {_sql_in(ACLED_EXTERNAL_FORCES)} "
        f"AND {country} IS NOT NULL AND {event_country} IS NOT NULL AND {country} <> {event_country} "
        f"THEN {sql_str(EXTERNAL)} ELSE {inter} END"
    )
