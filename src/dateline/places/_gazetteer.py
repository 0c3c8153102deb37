"""Read-only access to the shipped place index (built by ``scripts/build_gazetteer.py``).

The index is an SQLite file opened read-only and immutable: opening costs nothing, memory stays
low, and each name look-up is one indexed point query, cached per key for the process.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path

from ..errors import DatelineError

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

    def has(self, key: str) -> bool:
        return bool(self.lookup(key))
