"""Build dateline's shipped place index (an SQLite file) from the GeoNames dumps in shared/gazetteer.

Usage::

    python scripts/build_gazetteer.py --shared ../shared/gazetteer --out src/dateline/data/gazetteer.sqlite

Inputs (GeoNames, CC BY 4.0; see src/dateline/data/GEONAMES-LICENSE.md): ``cities500.txt.xz`` (or
``cities500.txt``), ``admin1CodesASCII.txt``, ``admin2Codes.txt``, ``countryInfo.txt``, plus the curated
``src/dateline/data/places_curated.tsv`` (physical features, regions, continents, English country
name variants).

What goes in:

* every cities500 row (feature class P) with its name, ASCII name and Latin-script alternate names;
* every country of countryInfo (feature code PCLI, its GeoNames id, ISO-2/ISO-3, population);
* every first- and second-order division of the admin code files (ADM1 / ADM2);
* the curated features (rivers, seas, mountains, deserts, regions, continents) and name aliases.

Coordinates of countries and divisions: GeoNames' code files have none, so each gets the centre of
the extent of its populated places in cities500: the midpoint of the 1st-99th percentile range of
their latitudes and of their longitudes (the trimming drops outliers such as Alaska's towns for the
United States). GeoNames and gazetteers generally place a country or division at its geographic
centre, which the extent approximates far better than a population-weighted mean (that one lands on
the capital: Egypt's came out at Cairo, 330 km from the country's point). Longitudes are measured
around the population-weighted centroid (a mean on the unit sphere), so countries across the
antimeridian come out right. Countries take their reference point from the
``countryinfo`` package's data when it is installed (MIT; the CIA World Factbook's geographic centres,
public domain); the curated table's kind=point rows override single entries (the United States at
its GeoNames point). A division with no
populated place gets its country's point; a country
with none is left without coordinates.

Names are stored under the key of ``dateline.places._names.normalise`` (case, diacritics,
apostrophes, hyphens, Arabic article prefixes and Tall/Tel folded), one row per distinct
(key, entry): spellings that fold to the same key are stored once. Alternate names in non-Latin
scripts, all-lower-case machine transliterations and short all-capital codes (IATA/ICAO) are left
out: they do not occur as place names in English news text and would only add false matches.

The output is deterministic for the same inputs (rows are written in sorted order; VACUUMed).
"""

from __future__ import annotations

import argparse
import csv
import logging
import lzma
import math
import sqlite3
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from dateline.places._names import fold, is_latin, normalise

LOGGER = logging.getLogger("build_gazetteer")
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared" / "gazetteer"
DEFAULT_OUT = ROOT / "src" / "dateline" / "data" / "gazetteer.sqlite"
DEFAULT_CURATED = ROOT / "src" / "dateline" / "data" / "places_curated.tsv"
SCHEMA_VERSION = "1"

# Name kinds, best first: the official name, its ASCII form, a curated alias, a GeoNames alternate.
KIND_NAME, KIND_ASCII, KIND_CURATED, KIND_ALTERNATE = 0, 1, 2, 3

# Words that name the kind of division rather than the division ("Halabja Governorate", "Kirkuk
# District"): admin names are also stored without them.
_ADMIN_WORDS = frozenset(
    {
        "governorate",
        "province",
        "district",
        "region",
        "oblast",
        "state",
        "county",
        "municipality",
        "prefecture",
        "department",
        "raion",
        "rayon",
        "krai",
        "muhafazat",
        "muhafazah",
        "wilayah",
        "vilayeti",
        "ili",
        "qada",
        "qadaa",
        "sub",
        "nahiyat",
    }
)

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY,          -- the GeoNames id, or a negative id for a curated entry without one
    geonameid INTEGER,               -- NULL when no verified GeoNames id exists
    name TEXT NOT NULL,
    asciiname TEXT,
    feature_class TEXT,
    feature_code TEXT,
    country TEXT,                    -- ISO 3166 alpha-2
    country_iso3 TEXT,
    admin1_code TEXT,                -- 'CC.ADM1'; its name is in table admin1
    admin2_id INTEGER,               -- places.id of the second-order division, when known
    lat REAL,
    lon REAL,
    population INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE admin1 (code TEXT PRIMARY KEY, name TEXT NOT NULL, id INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE names (
    key TEXT NOT NULL,               -- dateline.places._names.normalise(name)
    id INTEGER NOT NULL,             -- places.id
    kind INTEGER NOT NULL,           -- 0 name, 1 ascii name, 2 curated alias, 3 alternate name
    PRIMARY KEY (key, id)
) WITHOUT ROWID;
"""


def _open_text(path: Path) -> Iterator[str]:
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        yield from fh


def _find(shared: Path, name: str) -> Path:
    for candidate in (shared / name, shared / f"{name}.xz"):
        if candidate.exists():
            return candidate
    raise SystemExit(f"missing {name} (or {name}.xz) in {shared}")


def _keep_alternate(name: str) -> bool:
    """Latin-script alternate names that could be written in English news text."""
    if len(name) < 2 or any(c.isdigit() for c in name) or not is_latin(name):
        return False
    if not any(c.isupper() for c in name):  # "ji fu", "homsa": machine transliterations
        return False
    letters = [c for c in name if c.isalpha()]
    return not (len(letters) <= 4 and all(c.isupper() for c in letters))  # IATA/ICAO codes


def _admin_variants(name: str) -> set[str]:
    """The name and the name without its division word ("Halabja Governorate" -> "Halabja")."""
    out = {name}
    words = fold(name).split()
    stripped = [w for w in words if w not in _ADMIN_WORDS]
    if stripped and stripped != words:
        out.add(" ".join(stripped))
    return out


class _Centroid:
    """Population-weighted mean of points on the unit sphere."""

    __slots__ = ("lats", "lons", "w", "x", "y", "z")

    def __init__(self) -> None:
        self.x = self.y = self.z = self.w = 0.0
        self.lats: list[float] = []
        self.lons: list[float] = []

    def add(self, lat: float, lon: float, weight: float) -> None:
        la, lo = math.radians(lat), math.radians(lon)
        self.x += weight * math.cos(la) * math.cos(lo)
        self.y += weight * math.cos(la) * math.sin(lo)
        self.z += weight * math.sin(la)
        self.w += weight
        self.lats.append(lat)
        self.lons.append(lon)

    def point(self) -> tuple[float, float] | None:
        if self.w <= 0:
            return None
        hyp = math.hypot(self.x, self.y)
        return round(math.degrees(math.atan2(self.z, hyp)), 5), round(math.degrees(math.atan2(self.y, self.x)), 5)

    def centre(self) -> tuple[float, float] | None:
        """Midpoint of the trimmed extent (1st-99th percentile) of the points, longitudes taken around the centroid."""
        mean = self.point()
        if mean is None:
            return None
        around = mean[1]
        lons = sorted((lon - around + 180) % 360 - 180 for lon in self.lons)
        lats = sorted(self.lats)
        lat = (_percentile(lats, 0.01) + _percentile(lats, 0.99)) / 2
        lon = (_percentile(lons, 0.01) + _percentile(lons, 0.99)) / 2 + around
        return round(lat, 5), round((lon + 180) % 360 - 180, 5)


def _percentile(ordered: list[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _country_points() -> dict[str, tuple[float, float]]:
    """ISO-2 -> the country's reference point from the ``countryinfo`` package's data (MIT), when installed.

    Its ``latlng`` values are the geographic-centre points of the CIA World Factbook (public domain) as
    republished by REST Countries; they match GeoNames' and Wikipedia's country points far better than
    anything derived from towns. Without the package the derived centre is used (and a warning logged).
    """
    try:
        from importlib import resources as importlib_resources

        folder = importlib_resources.files("countryinfo") / "data"
    except ModuleNotFoundError:
        LOGGER.warning("countryinfo is not installed: country points are derived from their towns")
        return {}
    import json

    points: dict[str, tuple[float, float]] = {}
    for item in sorted(folder.iterdir(), key=lambda f: f.name):
        if not item.name.endswith(".json"):
            continue
        record = json.loads(item.read_text(encoding="utf-8"))
        iso2 = (record.get("ISO") or {}).get("alpha2")
        latlng = record.get("latlng") or []
        if iso2 and len(latlng) == 2:
            points.setdefault(iso2, (float(latlng[0]), float(latlng[1])))
    return points


def build(shared: Path, out: Path, curated: Path) -> dict[str, int]:
    """Read the dumps, write the index to ``out``; returns row counts."""
    started = time.perf_counter()
    countries: dict[str, dict] = {}
    for line in _open_text(_find(shared, "countryInfo.txt")):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        if len(f) < 17 or not f[16].strip():
            continue
        countries[f[0]] = {"id": int(f[16]), "name": f[4].strip(), "iso3": f[1], "population": int(f[7] or 0)}
    admin1: dict[str, tuple[str, str, int]] = {}
    for line in _open_text(_find(shared, "admin1CodesASCII.txt")):
        f = line.rstrip("\n").split("\t")
        if len(f) >= 4 and f[3].strip():
            admin1[f[0]] = (f[1], f[2], int(f[3]))
    admin2: dict[str, tuple[str, str, int]] = {}
    for line in _open_text(_find(shared, "admin2Codes.txt")):
        f = line.rstrip("\n").split("\t")
        if len(f) >= 4 and f[3].strip():
            admin2[f[0]] = (f[1], f[2], int(f[3]))

    places: dict[int, tuple] = {}
    names: dict[tuple[str, int], int] = {}

    def add_name(name: str, pid: int, kind: int) -> None:
        key = normalise(name)
        if key and names.get((key, pid), 99) > kind:
            names[(key, pid)] = kind

    centroids: dict[str, _Centroid] = defaultdict(_Centroid)
    for line in _open_text(_find(shared, "cities500.txt")):
        f = line.rstrip("\n").split("\t")
        if len(f) < 19:
            continue
        gid, lat, lon, cc = int(f[0]), float(f[4]), float(f[5]), f[8]
        population = int(f[14] or 0)
        a1, a2 = f"{cc}.{f[10]}", f"{cc}.{f[10]}.{f[11]}"
        weight = population + 1000.0
        for code in (cc, a1, a2):
            centroids[code].add(lat, lon, weight)
        country = countries.get(cc, {})
        places[gid] = (
            gid,
            f[1],
            f[2] if f[2] != f[1] else None,
            f[6],
            f[7],
            cc,
            country.get("iso3"),
            a1 if a1 in admin1 else None,
            admin2[a2][2] if a2 in admin2 else None,
            lat,
            lon,
            population,
        )
        add_name(f[1], gid, KIND_NAME)
        add_name(f[2], gid, KIND_ASCII)
        for alt in f[3].split(","):
            if _keep_alternate(alt):
                add_name(alt, gid, KIND_ALTERNATE)
    n_cities = len(places)

    reference = _country_points()
    for cc, c in sorted(countries.items()):
        point = reference.get(cc) or (centroids[cc].centre() if cc in centroids else None)
        lat, lon = point if point else (None, None)
        places[c["id"]] = (
            c["id"],
            c["name"],
            None,
            "A",
            "PCLI",
            cc,
            c["iso3"],
            None,
            None,
            lat,
            lon,
            c["population"],
        )
        add_name(c["name"], c["id"], KIND_NAME)
    for level, table in (("ADM1", admin1), ("ADM2", admin2)):
        for code, (name, ascii_name, gid) in sorted(table.items()):
            cc = code.split(".")[0]
            a1 = ".".join(code.split(".")[:2])
            point = centroids[code].centre() if code in centroids else None
            if point is None and cc in centroids:
                point = centroids[cc].centre()
            lat, lon = point if point else (None, None)
            places.setdefault(
                gid,
                (
                    gid,
                    name,
                    ascii_name if ascii_name != name else None,
                    "A",
                    level,
                    cc,
                    countries.get(cc, {}).get("iso3"),
                    a1 if a1 in admin1 else None,
                    gid if level == "ADM2" else None,
                    lat,
                    lon,
                    0,
                ),
            )
            for variant in _admin_variants(name) | _admin_variants(ascii_name):
                add_name(variant, gid, KIND_NAME if variant == name else KIND_ASCII)

    iso3 = {cc: c["iso3"] for cc, c in countries.items()}
    next_local = -1
    n_curated = 0
    with open(curated, encoding="utf-8", newline="") as fh:
        rows = csv.reader((line for line in fh if line.strip() and not line.startswith("#")), delimiter="\t")
        for row in rows:
            kind, gid_text, name, fclass, fcode, cc, lat_text, lon_text, alts = (row + [""] * 9)[:9]
            if kind == "point":
                pid = int(gid_text)
                if pid not in places:
                    raise SystemExit(f"curated point {name!r} points at unknown id {pid}")
                places[pid] = (*places[pid][:9], float(lat_text), float(lon_text), places[pid][11])
                continue
            if kind == "alias":
                pid = int(gid_text)
                if pid not in places:
                    raise SystemExit(f"curated alias {name!r} points at unknown id {pid}")
            elif kind == "feature":
                if gid_text:
                    pid = int(gid_text)
                else:
                    pid, next_local = next_local, next_local - 1
                places[pid] = (
                    pid if gid_text else None,
                    name,
                    None,
                    fclass,
                    fcode,
                    cc or None,
                    iso3.get(cc),
                    None,
                    None,
                    float(lat_text),
                    float(lon_text),
                    0,
                )
                add_name(name, pid, KIND_NAME)
                n_curated += 1
            else:
                raise SystemExit(f"curated row of unknown kind {kind!r}: {row}")
            for alt in filter(None, alts.split("|")):
                add_name(alt, pid, KIND_CURATED)

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(_SCHEMA)
    db.executemany(
        "INSERT INTO places (id, geonameid, name, asciiname, feature_class, feature_code, country, country_iso3, "
        "admin1_code, admin2_id, lat, lon, population) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        ((pid, *row) for pid, row in sorted(places.items())),
    )
    db.executemany("INSERT INTO admin1 VALUES (?,?,?)", ((c, n, g) for c, (n, _a, g) in sorted(admin1.items())))
    db.executemany(
        "INSERT INTO names (key, id, kind) VALUES (?,?,?)",
        ((key, pid, kind) for (key, pid), kind in sorted(names.items())),
    )
    db.executemany(
        "INSERT INTO meta VALUES (?,?)",
        [
            ("schema_version", SCHEMA_VERSION),
            ("source", "GeoNames cities500, admin1CodesASCII, admin2Codes, countryInfo; dateline curated table"),
            (
                "attribution",
                "Contains data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0. "
                "Country points from the countryinfo package (MIT, after the CIA World Factbook).",
            ),
        ],
    )
    db.commit()
    db.execute("VACUUM")
    db.close()
    tmp.replace(out)
    counts = {
        "places": len(places),
        "cities": n_cities,
        "countries": len(countries),
        "admin1": len(admin1),
        "admin2": len(admin2),
        "curated": n_curated,
        "names": len(names),
        "bytes": out.stat().st_size,
    }
    LOGGER.info("built %s in %.1f s: %s", out, time.perf_counter() - started, counts)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="folder with the GeoNames dumps")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the SQLite index to write")
    parser.add_argument("--curated", type=Path, default=DEFAULT_CURATED, help="the curated places table")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    counts = build(args.shared, args.out, args.curated)
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
