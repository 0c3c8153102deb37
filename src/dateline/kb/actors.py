"""The actor knowledge base and its token-level alias matcher, built once per process.

The KB is ``data/actors.jsonl.gz`` (built by ``scripts/build_actors.py``). Every alias is tokenized
as spaCy tokenizes text and indexed by its first lower-cased token; matching an article is one dict
lookup per token (like a PhraseMatcher on LOWER, but built in a fraction of the time and without
adding 50,000 lexemes to the shared vocab). The guards that keep "is" from matching IS live in the
stage, which knows the sentence around a match.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DatelineError

LOGGER = logging.getLogger(__name__)
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "actors.jsonl.gz"

# How an alias may match: plain aliases need a capitalised token, generic ones match in any case,
# weak ones (bare surnames) only when the person's organisation or full name is in the article.
PLAIN, GENERIC, WEAK = "plain", "generic", "weak"
_PLAIN_WORDS = re.compile(r"^[A-Za-z]+(?: [A-Za-z]+)*$")
# alphabetic words spaCy's tokenizer still splits ("cannot" -> can not)
_SPLIT_WORDS = {"cannot", "gonna", "gotta", "wanna", "lemme", "gimme", "dunno"}
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9.&/-]*$")


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """One actor of the knowledge base, as ``scripts/build_actors.py`` writes it (one JSON object a line)."""

    id: str
    name: str
    kind: str = "unknown"
    source: str = ""  # where the entry came from: "phoenix…", "text_to_cameo…", "curated"
    aliases: tuple[str, ...] = ()  # names that match with a capital letter ("Islamic State", "IS")
    generic: tuple[str, ...] = ()  # names that match in any case ("the coalition")
    weak: tuple[str, ...] = ()  # bare surnames, matched only beside the person's organisation or full name
    demonyms: tuple[str, ...] = ()  # a state's adjectives and peoples ("Iraqi", "Iraqis")
    country: str | None = None  # ISO 3166 alpha-3
    cameo: str | None = None
    role: str | None = None
    # a person's dated roles, oldest first: dicts with role, cameo, country, start, end (ISO dates or None)
    roles: tuple[dict[str, str | None], ...] = ()
    affiliation: str | None = None  # id of the organisation a person belongs to

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ActorRecord:
        """A record from its JSON object; list fields become tuples, unknown keys are refused."""
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
        return cls(**values)


@dataclass(slots=True)
class ActorKB:
    records: list[ActorRecord]
    index: dict[str, int]
    # first one or two lower-cased tokens -> (all tokens, record index, how): a token-level matcher
    matcher: dict[tuple[str, ...], list[tuple[tuple[str, ...], int, str]]]
    # lower-cased acronym alias -> the exact forms it must be written in ("is" -> {"IS"})
    acronyms: dict[str, set[str]]
    # lower-cased demonym ("iraqi") -> ISO-3 code
    demonyms: dict[str, str]
    # lower-cased state name ("iraq") -> ISO-3 code
    states: dict[str, str] = field(default_factory=dict)
    # a person's lower-cased surname ("reagan", "assad" from "al-Assad") -> their record indices
    surnames: dict[str, list[int]] = field(default_factory=dict)

    def match(self, lowers: list[str]) -> list[tuple[int, str, int, int]]:
        """Every alias occurrence as (record index, how, start token, end token); overlaps included."""
        out = []
        n = len(lowers)
        get = self.matcher.get
        for start, low in enumerate(lowers):
            for _tokens, i, how in get((low,), ()):
                out.append((i, how, start, start + 1))
            if start + 1 < n:
                for tokens, i, how in get((low, lowers[start + 1]), ()):
                    end = start + len(tokens)
                    if end <= n and (len(tokens) == 2 or tuple(lowers[start:end]) == tokens):
                        out.append((i, how, start, end))
        return out

    def get(self, actor_id: str) -> ActorRecord | None:
        i = self.index.get(actor_id)
        return None if i is None else self.records[i]


def load_records(path: str | Path | None = None) -> list[ActorRecord]:
    """The KB records; refuses a missing file with a message naming the build script."""
    path = Path(path) if path else DEFAULT_PATH
    if not path.exists():
        raise DatelineError(f"actor knowledge base {path} not found; build it with scripts/build_actors.py")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [ActorRecord.from_json(json.loads(line)) for line in fh if line.strip()]


_ID_FIELD = re.compile(r'"id": "((?:[^"\\]|\\.)*)"')


def kinds(actor_ids: Iterable[str], path: str | Path | None = None) -> dict[str, str]:
    """The kind of each of ``actor_ids`` found in the KB (one pass over the file, parsing only their records)."""
    wanted = set(actor_ids)
    path = Path(path) if path else DEFAULT_PATH
    if not wanted or not path.exists():
        return {}
    out: dict[str, str] = {}
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            m = _ID_FIELD.search(line)
            if m and json.loads(f'"{m[1]}"') in wanted:
                record = json.loads(line)
                out[record["id"]] = record.get("kind", "unknown")
    return out


def _is_acronym(alias: str, source: str) -> bool:
    """Short all-caps forms (IS, US, UN, AP) must match in exactly that case."""
    if source.startswith("phoenix") or source.startswith("text_to_cameo"):
        return alias.isupper() and len(alias.replace(".", "")) <= 4 and " " not in alias
    return bool(_ACRONYM.match(alias)) and " " not in alias and len(alias.replace(".", "")) <= 6


def _token_lowers(nlp: Any, texts: list[str]) -> list[tuple[str, ...]]:
    """Each alias as spaCy would tokenize it, lower-cased. Plain words are split on spaces directly.

    The tokenizer costs ~0.1 ms per string and adds a lexeme per new word to the shared vocab; most
    aliases are plain words, for which splitting on spaces gives the same tokens.
    """
    out: list[tuple[str, ...]] = [()] * len(texts)
    hard = []
    for i, text in enumerate(texts):
        if _PLAIN_WORDS.match(text) and not any(w.lower() in _SPLIT_WORDS for w in text.split()):
            out[i] = tuple(text.lower().split())
        else:
            hard.append(i)
    for i, doc in zip(hard, nlp.tokenizer.pipe([texts[i] for i in hard], batch_size=1000), strict=True):
        out[i] = tuple(t.lower_ for t in doc)
    return out


def build_kb(nlp: Any, path: str | Path | None = None) -> ActorKB:
    """Load the records and compile every alias into one PhraseMatcher (about a second, once)."""
    records = load_records(path)
    acronyms: dict[str, set[str]] = {}
    demonyms: dict[str, str] = {}
    states: dict[str, str] = {}
    surnames: dict[str, list[int]] = {}
    texts: list[str] = []
    owners: list[tuple[int, str]] = []
    for i, rec in enumerate(records):
        source = rec.source
        for how, names in ((PLAIN, rec.aliases), (GENERIC, rec.generic), (WEAK, rec.weak)):
            for alias in names:
                forms = {alias, alias.replace("'", "\u2019")}
                for form in forms:
                    texts.append(form)
                    owners.append((i, how))
                if how == PLAIN and _is_acronym(alias, source):
                    acronyms.setdefault(alias.lower(), set()).add(alias)
        if rec.kind == "person":
            for key in _surname_keys(rec.name):
                surnames.setdefault(key, []).append(i)
        if rec.kind == "state" and rec.country:
            for alias in rec.aliases:
                states.setdefault(alias.lower(), rec.country)
            for dem in rec.demonyms:
                demonyms.setdefault(dem.lower(), rec.country)
    matcher: dict[tuple[str, ...], list[tuple[tuple[str, ...], int, str]]] = {}
    for (i, how), tokens in zip(owners, _token_lowers(nlp, texts), strict=True):
        if tokens:
            matcher.setdefault(tokens[:2], []).append((tokens, i, how))
    for entries in matcher.values():
        entries.sort(key=lambda e: -len(e[0]))
    index = {rec.id: i for i, rec in enumerate(records)}
    LOGGER.info("actor KB: %d actors, %d alias patterns", len(records), len(texts))
    return ActorKB(records, index, matcher, acronyms, demonyms, states, surnames)


def _surname_keys(name: str) -> list[str]:
    """A person's surname as written bare after a title: "Reagan", "Assad" and "al-Assad", "Suharto"."""
    parts = name.replace("\u2019", "'").split()
    if not parts:
        return []
    last = parts[-1].lower()
    keys = [last]
    for prefix in ("al-", "el-", "ad-", "as-", "ash-"):
        if last.startswith(prefix) and len(last) > len(prefix) + 2:
            keys.append(last[len(prefix) :])
    return keys
