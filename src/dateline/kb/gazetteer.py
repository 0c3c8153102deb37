"""Read-only access to the shipped place index (built by ``scripts/build_gazetteer.py``).

The index is an SQLite file opened read-only and immutable: opening costs nothing, memory stays
low, and each name look-up is one indexed point query, cached per key for the process.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib import resources as importlib_resources
from pathlib import Path

from ..errors import DatelineError
from .names import edit_distance, fuzzy_distance, fuzzy_part, normalise

LOGGER = logging.getLogger(__name__)

# Name kinds as stored by the build script, best first.
KIND_NAME, KIND_ASCII, KIND_CURATED, KIND_ALTERNATE = 0, 1, 2, 3

_COLUMNS = (
    "p.id, p.geonameid, p.name, p.feature_class, p.feature_code, p.country, p.country_iso3, "
    "p.admin1_code, p.lat, p.lon, p.population"
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry as found under one name key (``kind`` says how the name matched)."""

    id: int
    geonameid: int | None
    name: str
    feature_class: str | None
    feature_code: str | None
    country: str | None
    country_iso3: str | None
    admin1_code: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    kind: int

    @property
    def is_country(self) -> bool:
        return self.feature_code in {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL"}

    @property
    def is_admin(self) -> bool:
        return self.feature_class == "A" and not self.is_country


def default_path() -> Path:
    return Path(str(importlib_resources.files("dateline") / "data" / "gazetteer.sqlite"))


_FUZZY_CACHE = 50_000  # fuzzy results kept before the memo starts afresh


class Gazetteer:
    """Name look-ups against the place index; one instance per process (``resources.shared``)."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_path()
        if not self.path.is_file():
            raise DatelineError(
                f"gazetteer index {self.path} not found; build one from GeoNames dumps with "
                f"`dateline gazetteer build --from FILE... -o {self.path}`"
            )
        uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._admin1 = dict(self._db.execute("SELECT code, name FROM admin1"))
        self._cache: dict[str, tuple[Entry, ...]] = {}
        self._fuzzy_cache: dict[str, tuple[str, tuple[Entry, ...]]] = {}
        self.countries: dict[str, Entry] = {
            e.country: e
            for e in self._rows(f"SELECT {_COLUMNS}, 0 FROM places p WHERE p.feature_code = 'PCLI'", ())
            if e.country
        }

    def _rows(self, sql: str, params: tuple) -> list[Entry]:
        return [
            Entry(*row[:8], self._admin1.get(row[7]) if row[7] else None, *row[8:])
            for row in self._db.execute(sql, params)
        ]

    def lookup(self, key: str) -> tuple[Entry, ...]:
        """Every entry stored under the normalised name ``key`` (see ``_names.normalise``)."""
        hit = self._cache.get(key)
        if hit is None:
            hit = tuple(
                self._rows(
                    f"SELECT {_COLUMNS}, n.kind FROM names n JOIN places p ON p.id = n.id WHERE n.key = ?",
                    (key,),
                )
            )
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[key] = hit
        return hit

    def division(self, code: str) -> Entry | None:
        """The first-order division whose admin1 code is ``code`` ("US.PA"), if the index has it."""
        name = self._admin1.get(code)
        if name is None:
            return None
        return next(
            (e for e in self.lookup(normalise(name)) if e.feature_code == "ADM1" and e.admin1_code == code), None
        )

    def admin2_names(self, ids: Iterable[int]) -> dict[int, str]:
        """The second-order division's name of each of the places ``ids`` (GeoNames ids) that has one."""
        out: dict[int, str] = {}
        wanted = sorted({int(i) for i in ids})
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT p.id, a.name FROM places p JOIN places a ON a.id = p.admin2_id WHERE p.id IN ({marks})"
            out.update(self._db.execute(sql, chunk))
        return out

    def has(self, key: str) -> bool:
        return bool(self.lookup(key))

    def fuzzy(self, key: str) -> tuple[str, tuple[Entry, ...]]:
        """The nearest indexed key within the bounded distance of ``key`` and its entries (as alternate-name matches).

        ("", ()) when none is near enough, when two keys tie at the nearest distance with different entries
        (no guess between them), or when the index predates the fuzzy table. Memoised (bounded): the edit
        distances are pure Python and the same unknown names come back article after article.
        """
        hit = self._fuzzy_cache.get(key)
        if hit is None:
            hit = self._fuzzy(key)
            if len(self._fuzzy_cache) >= _FUZZY_CACHE:
                self._fuzzy_cache.clear()
            self._fuzzy_cache[key] = hit
        return hit

    def _fuzzy(self, key: str) -> tuple[str, tuple[Entry, ...]]:
        limit = fuzzy_distance(len(key))
        if not limit:
            return "", ()
        found: set[str] = set()
        try:
            for length in range(len(key) - limit, len(key) + limit + 1):
                if fuzzy_distance(length) < 1:
                    continue
                part = fuzzy_part(length)
                rows = self._db.execute(
                    "SELECT key FROM fuzzy_pre WHERE pre = ? AND len = ? "
                    "UNION SELECT key FROM fuzzy_suf WHERE suf = ? AND len = ?",
                    (key[:part], length, key[len(key) - part :], length),
                )
                found.update(k for (k,) in rows)
        except sqlite3.OperationalError:  # an index built before the fuzzy table existed
            return "", ()
        initials = [w[0] for w in key.split()]
        # a variant keeps its words and their first letters ("Huwija" ~ "Hawija"; not "Hickson" ~ "Dixon")
        found = {k for k in found if k != key and [w[0] for w in k.split()] == initials}
        scored = sorted((edit_distance(key, k, limit), k) for k in found)
        scored = [(d, k) for d, k in scored if d <= limit]
        if not scored:
            return "", ()
        tied = [k for d, k in scored if d == scored[0][0]]
        # Of keys equally near, one that names a place ten times bigger than any other's is the reading
        # ("ramadii": Ramadi, not Ramadin); otherwise there is no telling them apart.
        size = sorted(((max((e.population for e in self.lookup(k)), default=0), k) for k in tied), reverse=True)
        if len(size) > 1 and size[0][0] < 10 * max(size[1][0], 1):
            return "", ()
        best = size[0][1]
        return best, tuple(replace(e, kind=KIND_ALTERNATE) for e in self.lookup(best))
