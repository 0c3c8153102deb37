"""The actor knowledge base and its phrase matcher, built once per process.

The KB is ``data/actors.jsonl.gz`` (built by ``scripts/build_actors.py``). Every alias becomes a
pattern of one spaCy ``PhraseMatcher`` over the LOWER attribute; the guards that keep "is" from
matching IS live in the stage, which knows the sentence around a match.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DatelineError

LOGGER = logging.getLogger(__name__)
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "actors.jsonl.gz"

# How an alias may match: plain aliases need a capitalised token, generic ones match in any case,
# weak ones (bare surnames) only when the person's organisation or full name is in the article.
PLAIN, GENERIC, WEAK = "plain", "generic", "weak"
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9.&/-]*$")


@dataclass(slots=True)
class ActorKB:
    records: list[dict]
    index: dict[str, int]
    matcher: Any
    keys: dict[int, tuple[int, str]]
    # lower-cased acronym alias -> the exact forms it must be written in ("is" -> {"IS"})
    acronyms: dict[str, set[str]]
    # lower-cased demonym ("iraqi") -> ISO-3 code
    demonyms: dict[str, str]
    # lower-cased state name ("iraq") -> ISO-3 code
    states: dict[str, str] = field(default_factory=dict)

    def get(self, actor_id: str) -> dict | None:
        i = self.index.get(actor_id)
        return None if i is None else self.records[i]


def load_records(path: str | Path | None = None) -> list[dict]:
    """The KB records as dicts; refuses a missing file with a message naming the build script."""
    path = Path(path) if path else DEFAULT_PATH
    if not path.exists():
        raise DatelineError(f"actor knowledge base {path} not found; build it with scripts/build_actors.py")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _is_acronym(alias: str, source: str) -> bool:
    """Short all-caps forms (IS, US, UN, AP) must match in exactly that case."""
    if source.startswith("phoenix") or source.startswith("text_to_cameo"):
        return alias.isupper() and len(alias.replace(".", "")) <= 4 and " " not in alias
    return bool(_ACRONYM.match(alias)) and " " not in alias and len(alias.replace(".", "")) <= 6


def build_kb(nlp: Any, path: str | Path | None = None) -> ActorKB:
    """Load the records and compile every alias into one PhraseMatcher (about a second, once)."""
    from spacy.matcher import PhraseMatcher

    records = load_records(path)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    keys: dict[int, tuple[int, str]] = {}
    acronyms: dict[str, set[str]] = {}
    demonyms: dict[str, str] = {}
    states: dict[str, str] = {}
    texts: list[str] = []
    owners: list[tuple[int, str]] = []
    for i, rec in enumerate(records):
        source = rec.get("source", "")
        for how in (PLAIN, GENERIC, WEAK):
            for alias in rec.get({PLAIN: "aliases", GENERIC: "generic", WEAK: "weak"}[how], []):
                forms = {alias, alias.replace("'", "\u2019")}
                for form in forms:
                    texts.append(form)
                    owners.append((i, how))
                if how == PLAIN and _is_acronym(alias, source):
                    acronyms.setdefault(alias.lower(), set()).add(alias)
        if rec.get("kind") == "state":
            for alias in rec.get("aliases", []):
                states.setdefault(alias.lower(), rec["country"])
            for dem in rec.get("demonyms", []):
                demonyms.setdefault(dem.lower(), rec["country"])
    grouped: dict[tuple[int, str], list] = {}
    for owner, doc in zip(owners, nlp.tokenizer.pipe(texts, batch_size=2000), strict=True):
        grouped.setdefault(owner, []).append(doc)
    for (i, how), docs in grouped.items():
        key = f"actor:{i}:{how}"
        keys[nlp.vocab.strings.add(key)] = (i, how)
        matcher.add(key, docs)
    index = {rec["id"]: i for i, rec in enumerate(records)}
    LOGGER.info("actor KB: %d actors, %d alias patterns", len(records), len(texts))
    return ActorKB(records, index, matcher, keys, acronyms, demonyms, states)
