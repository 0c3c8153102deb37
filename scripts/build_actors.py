#!/usr/bin/env python3
"""Build dateline's actor knowledge base (src/dateline/data/actors.jsonl.gz) from MIT-licensed sources.

Sources (see src/dateline/data/ACTORS-LICENSE.md): the Phoenix/PETRARCH2 actor dictionaries (parsed view
``normalized/phoenix_actors.jsonl``), ``text_to_cameo/countrynames.txt`` for the list of states, and our own
curated entries (``src/dateline/data/actors_curated.toml``), which win over Phoenix. CountryInfo and the
unlicensed NGEC files are not read.

Usage: python scripts/build_actors.py --shared ../shared/actors --out src/dateline/data/actors.jsonl.gz
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CURATED = ROOT / "src" / "dateline" / "data" / "actors_curated.toml"

# Persons from the Phoenix country dictionaries are kept when they held a coded role after this year: news archives
# (and the PLOVER/ICEWS gold data) reach back to the 1980s, and leaders of that time are still named today.
RECENT_YEAR = 1980
# Phoenix country heads that are typos of a CAMEO/ISO-3 code (UNITA is coded ANGREB, Angola is AGO).
CODE_FIXES = {"ANG": "AGO"}
# The organisation a person coded with a shared IGO/NGO code works for (many records share IGOUNO: the UN itself,
# OCHA, UNICEF ...); other codes go to the curated, else first, organisation record with that exact code.
CODE_ORG = {
    "IGOUNO": "un",
    "IGOUNOKID": "unicef",
    "IGOUNOHLHWHO": "who",
    "IGOUNOHLH": "who",
    "IGOUNOLABILO": "ilo",
    "IGOUNOREFHCR": "unhcr",
    "IGOUNOHRIHCH": "ohchr",
    "IGOUNOIAE": "iaea",
    "IGOUNODEVWBK": "world-bank",
    "IGOWSTIMF": "imf",
    "IGOBUSIMF": "imf",
    "IGOWSTNAT": "nato",
    "IGOEUREEC": "eu",
    "IGOAFRAFU": "african-union",
    "IGOARBALL": "arab-league",
    "IGOMEAARL": "arab-league",
}
# First names usually joined to the next by a hyphen ("Jean-Bertrand", "Marie-Claire").
COMPOUND_FIRST_NAMES = {"JEAN", "MARIE", "ANNE", "PIERRE", "JEAN-MARIE"}
# Titles in an IGO person's Phoenix synonyms ("SECRETARY-GENERAL KOFI ANNAN") that name the office held.
IGO_TITLES = {
    "SECRETARY-GENERAL": "Secretary-General",
    "SECRETARY GENERAL": "Secretary-General",
    "DIRECTOR-GENERAL": "Director-General",
    "DIRECTOR GENERAL": "Director-General",
    "HIGH COMMISSIONER": "High Commissioner",
    "EXECUTIVE DIRECTOR": "Executive Director",
    "PRESIDENT": "President",
    "CHAIRMAN": "Chairman",
    "SPECIAL ENVOY": "Special Envoy",
    "SPECIAL REPRESENTATIVE": "Special Representative",
}
# Priority of a record's claim on an alias shared with another record: lower wins.
TIER_CURATED, TIER_ABSORBED, TIER_STATE, TIER_MILNONSTATE, TIER_INTERNATIONAL, TIER_COUNTRIES = range(6)

ROLE_KIND = {
    "GOV": "government",
    "MIL": "military",
    "COP": "police",
    "SPY": "government",
    "JUD": "government",
    "LEG": "government",
    "REB": "rebels",
    "INS": "rebels",
    "SEP": "rebels",
    "OPP": "party",
    "PTY": "party",
    "MED": "media",
    "BUS": "business",
    "NGO": "ngo",
    "IGO": "igo",
    "CVL": "civilians",
    "EDU": "organization",
    "HLH": "organization",
    "REF": "civilians",
    "LAB": "organization",
    "ELI": "organization",
    "REL": "organization",
}
ROLE_TITLE = {
    "GOV": "government official",
    "ELI": "political figure",
    "MIL": "military officer",
    "LEG": "legislator",
    "JUD": "judge",
    "OPP": "opposition figure",
    "REB": "rebel leader",
    "BUS": "business figure",
    "MED": "journalist",
    "COP": "police officer",
    "SPY": "intelligence official",
    "HRI": "rights advocate",
    "DEV": "development official",
    "EDU": "academic",
    "HLH": "health official",
    "REL": "religious figure",
}
ORG_WORDS = {
    "GOVERNMENT",
    "ARMY",
    "FORCE",
    "FORCES",
    "MINISTRY",
    "COUNCIL",
    "PARTY",
    "FRONT",
    "MOVEMENT",
    "COMMITTEE",
    "PARLIAMENT",
    "RESERVE",
    "HEADQUARTERS",
    "PALACE",
    "AGENCY",
    "OFFICE",
    "BANK",
    "COURT",
    "ASSEMBLY",
    "BRIGADE",
    "BRIGADES",
    "MILITIA",
    "POLICE",
    "GUARD",
    "GUARDS",
    "ORGANIZATION",
    "ORGANISATION",
    "UNION",
    "LEAGUE",
    "CENTER",
    "CENTRE",
    "INSTITUTE",
    "SERVICE",
    "SERVICES",
    "DEPARTMENT",
    "COMMISSION",
    "CONGRESS",
    "SENATE",
    "CABINET",
    "BUREAU",
    "AUTHORITY",
    "NAVY",
    "CORPS",
    "UNIT",
    "UNITS",
    "GROUP",
    "ARMED",
    "AIR",
    "NATIONAL",
    "FEDERAL",
    "STATE",
    "REPUBLIC",
    "KINGDOM",
    "DEFENSE",
    "DEFENCE",
    "SECURITY",
    "CHURCH",
    "SOCIETY",
    "ASSOCIATION",
    "FOUNDATION",
    "COMPANY",
    "CORPORATION",
    "UNIVERSITY",
    "COLLEGE",
    "SCHOOL",
    "HOSPITAL",
    "JUNTA",
    "REGIME",
    "OPPOSITION",
    "REBELS",
    "INSURGENTS",
    "MILITANTS",
    "ALLIANCE",
    "COALITION",
    "TANK",
    "ADMINISTRATION",
    "EMBASSY",
    "CONSULATE",
    "DELEGATION",
    "POLITBURO",
    "LEGISLATURE",
    "BUNDESTAG",
    "BUNDESRAT",
    "KNESSET",
    "DUMA",
    "MAJLIS",
    "SEJM",
    "PENTAGON",
    "KREMLIN",
    "SHIN",
    "MOSSAD",
}
ADJ_SUFFIXES = ("AN", "I", "ESE", "ISH", "IC", "ENO", "INO")
DEMONYM_FORMS = {
    "government": [
        "{d} government",
        "{d} authorities",
        "{d} administration",
        "{d} officials",
        "government of {n}",
        "{n} government",
        "{n}'s government",
    ],
    "military": [
        "{d} army",
        "{d} military",
        "{d} forces",
        "{d} troops",
        "{d} armed forces",
        "{d} soldiers",
        "{d} air force",
        "{d} navy",
        "{d} army forces",
        "armed forces of {n}",
        "{n}'s military",
    ],
    "police": ["{d} police", "{d} security forces", "{d} police force", "{d} policemen"],
}


def slug(text: str) -> str:
    """A stable ascii id from a name: lower case, accents dropped, runs of non-alphanumerics as '-'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def pretty(name: str) -> str:
    """Title-case an all-caps Phoenix name, keeping al-/bin/of lower and short acronyms upper."""
    if not name.isupper():
        return name
    words = []
    for i, word in enumerate(name.split(" ")):
        low = word.lower()
        if len(word) <= 3 and not any(c in "AEIOU" for c in word[1:]) and word.isalpha() and i == 0 and len(name) <= 6:
            words.append(word)
        elif low in {"of", "the", "and", "for", "in", "on", "bin", "al", "de", "la", "el", "van", "von"} and i:
            words.append(low)
        else:
            words.append("-".join(p[:1].upper() + p[1:] for p in low.split("-")))
    return " ".join(words)


def year(value: str | None) -> int | None:
    """Phoenix code dates: YYMMDD (CountryInfo) or YYYYMMDD (hand edits), maybe with < or >."""
    if not value:
        return None
    digits = value.lstrip("<>")
    if not digits.isdigit():
        return None
    if len(digits) >= 8:
        return int(digits[:4])
    yy = int(digits[:2])
    return 1900 + yy if yy > 30 else 2000 + yy


def iso_day(value: str | None) -> str | None:
    """A Phoenix code date (YYMMDD or YYYYMMDD, maybe with < or >) as ISO 8601 YYYY-MM-DD."""
    y = year(value)
    if y is None:
        return None
    digits = value.lstrip("<>")[-4:]  # type: ignore[union-attr]
    month, day = int(digits[:2]), int(digits[2:])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{y:04d}-{month:02d}-{day:02d}"


def role_spells(codes: list[dict], states: set[str]) -> list[dict]:
    """A person's dated codes as roles over time: {role, cameo, country, start, end}, oldest first."""
    spells = []
    for c in codes:
        start, end = iso_day(c.get("start")), iso_day(c.get("end"))
        if start is None and end is None:
            continue
        _kind, country = kind_from_code(c["code"], states)
        spell = {"role": ROLE_TITLE.get(c["code"][3:6]), "cameo": c["code"], "country": country,
                 "start": start, "end": end}  # fmt: skip
        spells.append({k: v for k, v in spell.items() if v is not None})
    return sorted(spells, key=_spell_order)


def _spell_order(spell: dict) -> tuple[str, str]:
    return spell.get("start") or spell.get("end") or "", spell.get("end") or "9999"


def current_code(codes: list[dict]) -> str | None:
    """The code in force latest: undated codes count as open-ended, ranges by their end year."""
    best, best_key = None, (-1, -1)
    for c in codes:
        end = year(c.get("end"))
        start = year(c.get("start")) or 0
        key = (9999 if end is None else end, start)
        if key > best_key:
            best, best_key = c["code"], key
    return best


def is_recent(codes: list[dict]) -> bool:
    for c in codes:
        end, start = year(c.get("end")), year(c.get("start"))
        if end is not None and end >= RECENT_YEAR:
            return True
        if end is None and (start is None or start >= 1995):
            return True
    return False


def looks_like_person(name: str) -> bool:
    words = name.replace("-", " ").split()
    return 2 <= len(words) <= 5 and not (set(words) & ORG_WORDS) and all(re.fullmatch(r"[A-Z.'’]+", w) for w in words)


def kind_from_code(code: str, states: set[str]) -> tuple[str, str | None]:
    """(kind, country) from a CAMEO actor code such as IRQGOV, IMGMUSISI, IGOUNO, NGOHRI, MNCUSA."""
    code = CODE_FIXES.get(code[:3], code[:3]) + code[3:]
    head = code[:3]
    if head == "IMG":
        return "terrorist-group", None
    if head == "IGO":
        return "igo", None
    if head == "NGO":
        return "ngo", None
    if head == "MNC":
        return ("media" if "MED" in code[3:] else "business"), (code[3:6] if code[3:6] in states else None)
    if head == "MED":
        return "media", None
    country = head if head in states else None
    role = code[3:6]
    if not role:
        return ("state" if country else "organization"), country
    return ROLE_KIND.get(role, "organization"), country


def clean_alias(alias: str) -> str | None:
    alias = re.sub(r"\s+", " ", alias.replace("_", " ")).strip(" ,;")
    if len(alias) < 2 or not re.search(r"[A-Za-z]", alias):
        return None
    return alias


class Builder:
    def __init__(self, shared: Path):
        self.shared = shared
        self.records: dict[str, dict] = {}
        self.tiers: dict[str, int] = {}
        curated = tomllib.loads(CURATED.read_text(encoding="utf-8"))
        self.curated: list[dict] = curated["actor"]
        self.drop = {a.upper() for a in curated.get("drop", {}).get("aliases", [])}
        self.phoenix = [json.loads(line) for line in (shared / "normalized" / "phoenix_actors.jsonl").open()]
        absorbed = {p.upper() for c in self.curated for p in c.get("phoenix", [])}
        self.absorbed_by = {p.upper(): c["id"] for c in self.curated for p in c.get("phoenix", [])}
        self.phoenix_by_name: dict[str, list[dict]] = {}
        for entry in self.phoenix:
            if entry["name"].upper() in absorbed:
                self.phoenix_by_name.setdefault(entry["name"].upper(), []).append(entry)
        self.states: dict[str, dict] = {}
        self.demonyms: dict[str, list[str]] = curated.get("demonyms", {})

    def add(self, rec: dict, tier: int) -> dict:
        """Add a record, merging into an existing one with the same id (aliases are united)."""
        rec.setdefault("aliases", [])
        existing = self.records.get(rec["id"])
        if existing is None:
            self.records[rec["id"]] = rec
            self.tiers[rec["id"]] = tier
            return rec
        for key, value in rec.items():
            if key == "aliases" or key == "generic" or key == "weak" or key == "demonyms":
                existing[key] = _unique(existing.get(key, []) + value)
            elif value is not None and (tier <= self.tiers[rec["id"]] or existing.get(key) is None):
                existing[key] = value
        self.tiers[rec["id"]] = min(tier, self.tiers[rec["id"]])
        return existing

    # ------------------------------------------------------------------ states
    def build_states(self) -> None:
        names: dict[str, list[str]] = {}
        for line in (self.shared / "text_to_cameo" / "countrynames.txt").read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 2 or len(parts[1]) != 3 or not parts[1].isalpha():
                continue
            names.setdefault(parts[1], []).append(parts[0].strip())
        phoenix_roots: dict[str, list[dict]] = {}
        for entry in self.phoenix:
            if entry["file"].startswith("Phoenix.Countries") and entry["codes"]:
                code = current_code(entry["codes"])
                if code and len(code) == 3 and code in names:
                    phoenix_roots.setdefault(code, []).append(entry)
        for code, forms in names.items():
            name = forms[0]
            aliases, demonyms = [name], []
            aliases += [f for f in forms[1:] if _same_country_name(f, name)]
            for entry in phoenix_roots.get(code, []):
                if slug(entry["name"]) not in {slug(f) for f in forms}:
                    continue  # cities and regions coded with a country's code are not the state
                for syn in entry["synonyms"]:
                    syn = clean_alias(syn)
                    if not syn or syn.upper() in self.drop:
                        continue
                    kind = _state_synonym_kind(syn, name)
                    if kind == "name":
                        aliases.append(syn)
                    elif kind == "demonym":
                        demonyms.append(syn)
            rec = {
                "id": code.lower(),
                "name": name,
                "aliases": _unique(aliases),
                "kind": "state",
                "country": code,
                "cameo": code,
                "demonyms": _unique(demonyms),
                "source": "text_to_cameo+phoenix",
            }
            self.states[code] = rec
            self.add(rec, TIER_STATE)
        for code, forms in self.demonyms.items():
            if code in self.states:
                self.states[code]["demonyms"] = _unique(forms + self.states[code]["demonyms"])
        # curated state forms before the institutions are generated from the demonyms
        for c in self.curated:
            if c.get("kind") == "state":
                self.add(_curated_record(c), TIER_CURATED)

    def build_institutions(self) -> None:
        for code, state in self.states.items():
            state = self.records[state["id"]]
            all_dem = {d.lower() for d in state.get("demonyms", [])}
            demonyms = [
                d for d in state.get("demonyms", []) if not (d.lower().endswith("s") and d.lower()[:-1] in all_dem)
            ]
            demonyms = [d for d in demonyms if " " not in d or d.upper().startswith(("NORTH", "SOUTH"))][:3]
            for kind, forms in DEMONYM_FORMS.items():
                aliases = []
                for form in forms:
                    if "{d}" in form:
                        aliases += [form.format(d=_title(d)) for d in demonyms]
                    elif not (form.startswith("{n}'s") and state["name"].endswith("s")):
                        aliases.append(form.format(n=state["name"]))
                label = {"government": "Government", "military": "Armed forces", "police": "Police"}[kind]
                self.add(
                    {
                        "id": f"{code.lower()}-{kind}",
                        "name": f"{label} of {state['name']}",
                        "aliases": _unique(aliases),
                        "kind": kind,
                        "country": code,
                        "cameo": code + {"government": "GOV", "military": "MIL", "police": "COP"}[kind],
                        "source": "generated",
                    },
                    TIER_STATE,
                )

    # ------------------------------------------------------------------ Phoenix
    def build_phoenix(self) -> None:
        states = set(self.states)
        for entry in self.phoenix:
            if entry["name"].upper() in self.absorbed_by or not entry["codes"]:
                continue
            code = current_code(entry["codes"])
            if not code or (len(code) == 3 and code in states):
                continue  # state roots handled in build_states
            file = entry["file"]
            kind, country = kind_from_code(code, states)
            name = entry["name"]
            person = False
            if file.startswith("Phoenix.Countries"):
                if code[3:6] not in ROLE_KIND and code[3:6] not in ROLE_TITLE:
                    continue  # sub-national units and territories (PSEGZA, USAASM): places, not actors
                from_countryinfo = any("CountryInfo" in c for c in entry["comments"])
                person = from_countryinfo or (looks_like_person(name) and code[3:6] in ROLE_TITLE)
                if person and not is_recent(entry["codes"]):
                    continue
                tier = TIER_COUNTRIES
            elif file.startswith("Phoenix.MilNonState"):
                tier = TIER_MILNONSTATE
                if code.endswith("REB") or "REB" in code[3:]:
                    kind = "rebels"
            else:
                tier = TIER_INTERNATIONAL
                org_code = _igo_person_code(entry)
                if org_code is not None:  # "KOFI ANNAN [IGOUNO 970101-061231] [ELI]": a person of the UN
                    person, code, country = True, org_code, None
            aliases = [clean_alias(x) for x in [name, *entry["synonyms"]]]
            aliases = [a for a in aliases if a and a.upper() not in self.drop]
            if not aliases:
                continue
            if person and code[:3] in ("IGO", "NGO"):
                aliases.sort(key=lambda a: _strip_office(a) != a)  # a bare name first: it names the record
            rec = {
                "id": slug(pretty(aliases[0])),
                "name": pretty(aliases[0]),
                "aliases": _unique(aliases),
                "kind": "person" if person else kind,
                "country": country,
                "cameo": code,
                "source": "phoenix:" + file.split(".")[1].lower(),
            }
            if person:
                rec["role"] = ROLE_TITLE.get(code[3:6]) if country else None
                if code[:3] in ("IGO", "NGO"):
                    rec["_office"] = _office(entry)  # the title held in the organisation, for link_affiliations
                rec["roles"] = role_spells(entry["codes"], states)
                # "JEAN BERTRAND ARISTIDE" is written "Jean-Bertrand Aristide"
                rec["aliases"] += [
                    f"{a.split()[0]}-{a.split(None, 1)[1]}"
                    for a in rec["aliases"]
                    if len(a.split()) >= 3 and a.split()[0].upper() in COMPOUND_FIRST_NAMES
                ]
                # a bare "ABDULLAH" or "YELTSIN" names the person only once the full name is in the text
                rec["weak"] = [a for a in rec["aliases"] if " " not in a]
                rec["aliases"] = [a for a in rec["aliases"] if " " in a]
                if not rec["aliases"]:
                    continue
            rid = rec["id"]
            if rid in self.records and self.records[rid]["kind"] != rec["kind"]:
                rec["id"] = f"{rid}-{(country or code[:3]).lower()}"
            self.add(rec, tier)

    # ------------------------------------------------------------------ curated
    def build_curated(self) -> None:
        states = set(self.states)
        for c in self.curated:
            rec = _curated_record(c)
            for pname in c.get("phoenix", []):
                for entry in self.phoenix_by_name.get(pname.upper(), []):
                    if rec.get("kind") == "person":
                        rec["roles"] = rec.get("roles", []) + role_spells(entry["codes"], states)
                    extra = [
                        a
                        for a in (clean_alias(x) for x in [entry["name"], *entry["synonyms"]])
                        if a and a.upper() not in self.drop
                    ]
                    rec["aliases"] = _unique(rec["aliases"] + extra)
            if rec.get("roles"):
                rec["roles"] = sorted(rec["roles"], key=_spell_order)
            self.add(rec, TIER_CURATED)

    # ------------------------------------------------------------------ aliases: one owner each
    def resolve_alias_owners(self) -> None:
        """Each alias (case-insensitive) belongs to one record: the lowest tier, then the first seen."""
        owner: dict[str, tuple[int, int, str]] = {}
        order = {rid: i for i, rid in enumerate(self.records)}
        curated_explicit = {
            a.lower(): c["id"] for c in self.curated for a in [c["name"], *c.get("aliases", []), *c.get("generic", [])]
        }
        for rid, rec in self.records.items():
            for alias in rec["aliases"] + rec.get("generic", []):
                key = alias.lower()
                tier = self.tiers[rid]
                if curated_explicit.get(key) == rid:
                    tier = -1
                cand = (tier, order[rid], rid)
                if key not in owner or cand < owner[key]:
                    owner[key] = cand
        for rid, rec in self.records.items():
            for field in ("aliases", "generic"):
                if field in rec:
                    rec[field] = [a for a in rec[field] if owner[a.lower()][2] == rid]

    # ------------------------------------------------------------------ persons of IGOs and NGOs
    def link_affiliations(self) -> None:
        """A person whose code is an IGO's or NGO's (IGOUNO, IGOUNOLABILO) works for that organisation: the
        affiliation is the organisation's record (the most specific code that has one, curated first), the role
        the office held there ("Secretary-General of the United Nations")."""
        orgs: dict[str, tuple[int, str]] = {}
        for rid, rec in self.records.items():
            code = rec.get("cameo")
            if rec.get("kind") in ("igo", "ngo") and code:
                cand = (self.tiers[rid], rid)
                if code not in orgs or cand < orgs[code]:
                    orgs[code] = cand
        for rec in self.records.values():
            code = rec.get("cameo") or ""
            office = rec.pop("_office", None)
            if rec.get("kind") != "person" or code[:3] not in ("IGO", "NGO") or rec.get("affiliation"):
                continue
            org = next(
                (
                    CODE_ORG[code[:n]] if code[:n] in CODE_ORG else orgs[code[:n]][1]
                    for n in range(len(code), 2, -3)
                    if code[:n] in CODE_ORG or code[:n] in orgs
                ),
                None,
            )
            if org is None or org not in self.records:
                continue
            rec["affiliation"] = org
            name = self.records[org]["name"]
            the = "the " if name.startswith(("United", "International", "World", "European", "Arab", "African")) else ""
            role = f"{office or 'official'} of {the}{name}"
            rec["role"] = role
            for spell in rec.get("roles", []):
                if spell.get("cameo", "")[:3] in ("IGO", "NGO") and not spell.get("role"):
                    spell["role"] = role

    def build(self) -> list[dict]:
        self.build_states()
        self.build_curated()
        self.build_institutions()
        self.build_phoenix()
        self.resolve_alias_owners()
        self.link_affiliations()
        out = []
        for rec in self.records.values():
            rec.pop("_office", None)
            if not rec["aliases"] and not rec.get("generic"):
                continue
            out.append({k: v for k, v in rec.items() if v not in (None, [], "")})
        return out


def _igo_person_code(entry: dict) -> str | None:
    """The IGO/NGO code of a person in the international dictionary, or None for an organisation.

    Organisations there carry one undated code; a person has dated codes (terms of office), an ``ELI`` / ``---``
    code (IGOrulers.txt) or a rulers comment, and a name that looks like a person's."""
    codes = entry["codes"]
    org = [c for c in codes if c["code"][:3] in ("IGO", "NGO")]
    if not org or not looks_like_person(entry["name"]):
        return None
    dated = any(c.get("start") or c.get("end") for c in codes)
    ruler = any(c["code"] in ("ELI", "---") for c in codes) or any("rulers" in c for c in entry["comments"])
    if not (dated or ruler):
        return None
    return current_code(org)


def _strip_office(alias: str) -> str:
    """An alias without a leading office: "SECRETARY-GENERAL BAN KI-MOON" -> "BAN KI-MOON"."""
    up = alias.upper()
    for key in IGO_TITLES:
        for prefix in (key + " ", "UN " + key + " ", "UNITED NATIONS " + key + " "):
            if up.startswith(prefix):
                return alias[len(prefix) :]
    return alias


def _office(entry: dict) -> str | None:
    """The office named in a person's synonyms ("SECRETARY-GENERAL KOFI ANNAN"), or head for an IGO ruler."""
    for syn in entry["synonyms"]:
        up = syn.upper().replace("_", " ")
        for key, title in IGO_TITLES.items():
            if up.startswith(key) or f" {key} " in f" {up} ":
                return title
    if any("rulers" in c for c in entry["comments"]):
        return "head"
    return None


def _curated_record(c: dict) -> dict:
    rec = {k: v for k, v in c.items() if k != "phoenix"}
    rec.setdefault("aliases", [])
    rec["aliases"] = _unique([rec["name"], *rec["aliases"]])
    if rec.get("kind") == "state":
        rec.setdefault("country", rec["id"].upper())
    rec["source"] = "curated"
    return rec


def _state_synonym_kind(syn: str, name: str) -> str | None:
    """'name' for another name of the state, 'demonym' for its adjective, None for cities and regions."""
    s, n = syn.upper(), name.upper()
    words, n_words = s.split(), n.split()
    if s == n:
        return "name"
    if len(words) == len(n_words) and words[:-1] == n_words[:-1] and words[-1][:3] == n_words[-1][:3]:
        last, n_last = words[-1], n_words[-1]
        close = abs(len(last) - len(n_last)) <= 2
        if last.endswith(ADJ_SUFFIXES) and not (close and n_last.endswith(last[-2:])):
            return "demonym"  # IRAQI, AFGHAN, GERMAN, NORTH KOREAN; not AFGHANASTAN
        if close and _is_misspelling(last, n_last):
            return "name"  # IRAK, GERMNY
        return None
    if n in s and any(
        w in s
        for w in (
            "REPUBLIC OF",
            "KINGDOM OF",
            "STATE OF",
            "EMIRATE OF",
            "FEDERATION",
            "PRINCIPALITY",
            "SULTANATE",
            "COMMONWEALTH",
        )
    ):
        return "name"
    return None


def _same_country_name(form: str, name: str) -> bool:
    """Other countrynames.txt rows for a code: "Burma" for Myanmar yes, "Mayotte" for France no."""
    f, n = slug(form), slug(name)
    return f[:4] == n[:4] or n in f or f in n


def _is_misspelling(s: str, n: str) -> bool:
    """IRAK / IRACK are spellings of IRAQ, IRAQI is its adjective: a short edit from the name."""
    n = n.split()[0]
    if abs(len(s) - len(n)) > 2:
        return False
    common = sum(1 for a, b in zip(s, n, strict=False) if a == b)
    return common >= len(n) - 2 and s[:2] == n[:2]


def _title(word: str) -> str:
    if not word.isupper() or len(word) <= 3 or "." in word:
        return word
    return " ".join(w[:1].upper() + w[1:].lower() for w in word.split(" "))


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.lower()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "actors")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "dateline" / "data" / "actors.jsonl.gz")
    args = parser.parse_args(argv)
    records = Builder(args.shared).build()
    records.sort(key=lambda r: r["id"])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same input gives byte-identical output
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        for rec in records:
            gz.write((json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
    kinds = Counter(r["kind"] for r in records)
    n_alias = sum(len(r["aliases"]) for r in records)
    print(f"wrote {len(records)} actors, {n_alias} aliases, {args.out.stat().st_size / 1e6:.2f} MB -> {args.out}")
    print("  " + ", ".join(f"{k}={v}" for k, v in kinds.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
