"""Build dateline's place index (an SQLite file) from GeoNames dumps in their published tab-separated format.

``dateline gazetteer build --from FILE...`` and ``scripts/build_gazetteer.py`` (the shipped index) both
call :func:`build_gazetteer`. Inputs are recognised by content (the file name is only a hint), plain or
compressed (``.zip`` — every ``.txt`` member but readme —, ``.xz``, ``.gz``), and read as streams (the
readers are in :mod:`dateline.kb._geonames_dumps`):

* geoname rows (19 tab-separated columns: ``allCountries``, ``cities500``/``cities1000``/…, per-country
  files such as ``IQ.txt``): every row is kept, whatever its feature class (populated places P, divisions
  A, rivers and lakes H, mountains T, regions L …), with its name, ASCII name and Latin-script alternate
  names;
* ``countryInfo.txt``: every country (feature code PCLI, its GeoNames id, ISO-2/ISO-3, population);
* ``admin1CodesASCII.txt`` / ``admin2Codes.txt``: every first- and second-order division (ADM1 / ADM2),
  also stored under its name without the division word ("Kirkuk Governorate" -> "Kirkuk");
* ``alternateNamesV2.txt`` (or ``alternateNamesV2.zip``, whose ``iso-languagecodes.txt`` is skipped; the
  older ``alternateNames.txt`` too): more names for the entries of the geoname rows (see ``_alternate_names``);
* optionally dateline's curated table (physical features, regions, continents, English country name
  variants). A curated feature without a GeoNames id merges into a GeoNames row of the same name and
  feature code within 1,000 km (a river's GeoNames point is often its mouth) when the dumps have one,
  so a world build gives the Tigris its real id.

Coordinates of countries and divisions: the code files have none, so each gets the centre of the extent
of its populated places (class P rows): the midpoint of the 1st-99th percentile range of their latitudes
and of their longitudes (the trimming drops outliers such as Alaska's towns for the United States).
GeoNames and gazetteers generally place a country or division at its geographic centre, which the extent
approximates far better than a population-weighted mean (that one lands on the capital: Egypt's came out
at Cairo, 330 km from the country's point). Longitudes are measured around the population-weighted
centroid (a mean on the unit sphere), so countries across the antimeridian come out right. A country or
division that is itself a geoname row (allCountries has them) keeps its GeoNames point. Other countries take their
reference point from the ``countryinfo`` package's data when it is installed (MIT; the CIA World
Factbook's geographic centres, public domain); the curated table's kind=point rows override single
entries. A division with no populated place gets its country's point; a country with none is left
without coordinates. The code files give divisions no population either: each first- and second-order
division gets the summed population of its populated places (a lower bound: cities500 leaves out villages),
so the ranking's population prior can weigh "Georgia" the US state against Georgia the country; a country
without a population in countryInfo.txt gets its places' sum the same way.

Names are stored under the key of ``dateline.kb.names.normalise`` (case, diacritics, apostrophes,
hyphens, Arabic article prefixes and Tall/Tel folded), one row per distinct (key, entry). Alternate names
in non-Latin scripts, all-lower-case machine transliterations and short all-capital codes (IATA/ICAO) are
left out: they do not occur as place names in English news text and would only add false matches.

Memory stays bounded for the 1.5 GB ``allCountries`` dump: rows go to a staging SQLite file beside the
output, and only the points of populated places are held (as float arrays). The output is deterministic
for the same inputs (rows are written in sorted order; VACUUMed).
"""

from __future__ import annotations

import csv
import json
import logging
import math
import sqlite3
import tempfile
import time
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from ..errors import DatelineError
from ._geonames_dumps import (
    ADMIN1,
    ADMIN2,
    ALTNAMES,
    COUNTRIES,
    GEONAMES,
    NOT_NAMES,
    Source,
    classify,
    expand,
    read_codes,
    read_countries,
)
from .names import FUZZY_MIN, fold, fuzzy_affixes, is_latin, normalise

LOGGER = logging.getLogger(__name__)
SCHEMA_VERSION = "2"

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

# SQLite keeps this text, comments included, in the index it builds, and the shipped index is byte-compared with a
# fresh build (tests/test_places.py): the comments below still name dateline.places._names, the module that is now
# dateline.kb.names. Change them when the shipped index is next rebuilt for a real reason.
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
-- keys for the bounded fuzzy fallback, by the prefix and by the suffix of dateline.places._names.fuzzy_affixes
CREATE TABLE fuzzy_pre (pre TEXT NOT NULL, len INTEGER NOT NULL, key TEXT NOT NULL, PRIMARY KEY (pre, len, key))
    WITHOUT ROWID;
CREATE TABLE fuzzy_suf (suf TEXT NOT NULL, len INTEGER NOT NULL, key TEXT NOT NULL, PRIMARY KEY (suf, len, key))
    WITHOUT ROWID;
"""


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
        self.lats = array("d")  # compact: a world build keeps millions of points
        self.lons = array("d")

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


# --- staging --------------------------------------------------------------------------------------

_STAGING = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144; -- 256 MB: a world build inserts millions of names in key order, not file order
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, asciiname TEXT, feature_class TEXT,
    feature_code TEXT, country TEXT, country_iso3 TEXT, admin1_code TEXT, admin2_id INTEGER,
    lat REAL, lon REAL, population INTEGER
);
CREATE TABLE names (key TEXT NOT NULL, id INTEGER NOT NULL, kind INTEGER NOT NULL, PRIMARY KEY (key, id))
    WITHOUT ROWID;
"""
_PUT = "INSERT OR {} INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
_NAME = "INSERT INTO names VALUES (?,?,?) ON CONFLICT (key, id) DO UPDATE SET kind = min(kind, excluded.kind)"


def default_curated() -> Path:
    """dateline's curated table of physical features, regions and country name variants (shipped in the package)."""
    from importlib import resources as importlib_resources

    return Path(str(importlib_resources.files("dateline") / "data" / "places_curated.tsv"))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def build_gazetteer(
    sources: list[Path],
    out: Path,
    curated: Path | None = None,
    *,
    strict: bool = False,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Build the place index at ``out`` from GeoNames files (and dateline's curated table); returns row counts.

    ``strict`` makes a curated alias or point row whose GeoNames id is not in the inputs an error (the
    shipped build); otherwise such rows are skipped, since a user's extract may not hold every country.
    ``progress(label, rows)`` is called every 100,000 geoname rows and once per input.
    """
    started = time.perf_counter()
    out = Path(out)
    kinds: dict[str, list[Source]] = defaultdict(list)
    for path in sources:
        for source in expand(Path(path)):
            kinds[classify(source)].append(source)
    if not kinds[GEONAMES]:
        raise DatelineError("no file of geoname rows given (allCountries, cities500, a country file such as IQ.txt)")
    for kind, hint in ((COUNTRIES, "countryInfo.txt"), (ADMIN1, "admin1CodesASCII.txt"), (ADMIN2, "admin2Codes.txt")):
        if not kinds[kind]:
            LOGGER.warning("no %s given: the index will have no %s", hint, kind)
    countries = read_countries(kinds[COUNTRIES])
    admin1 = read_codes(kinds[ADMIN1])
    admin2 = read_codes(kinds[ADMIN2])

    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".gazetteer-") as scratch:
        stage = sqlite3.connect(Path(scratch) / "staging.sqlite", isolation_level=None)
        stage.executescript(_STAGING)
        stage.execute("BEGIN")
        counts = _stage(stage, kinds[GEONAMES], kinds[ALTNAMES], countries, admin1, admin2, curated, strict, progress)
        stage.execute("COMMIT")
        described = [s.member or s.path.name for kind in (GEONAMES, ADMIN1, ADMIN2, COUNTRIES) for s in kinds[kind]]
        source_text = "GeoNames " + ", ".join(dict.fromkeys(name.split(".")[0] for name in described))
        if curated is not None:
            source_text += "; dateline curated table"
        counts["bytes"] = _write(stage, out, admin1, source_text)
        stage.close()
    LOGGER.info("built %s in %.1f s: %s", out, time.perf_counter() - started, counts)
    return counts


def _stage(
    stage: sqlite3.Connection,
    geonames: list[Source],
    altnames: list[Source],
    countries: dict[str, dict],
    admin1: dict[str, tuple[str, str, int]],
    admin2: dict[str, tuple[str, str, int]],
    curated: Path | None,
    strict: bool,
    progress: Callable[[str, int], None] | None,
) -> dict[str, int]:
    """Put every entry and name into the staging database; returns row counts."""
    centroids: dict[str, _Centroid] = defaultdict(_Centroid)
    people: dict[str, int] = defaultdict(int)  # country / admin1 / admin2 code -> summed population of its places
    n_rows, n_populated = _stage_geonames(stage, geonames, countries, admin1, admin2, progress, centroids, people)
    _stage_countries(stage, countries, centroids, people)
    _stage_divisions(stage, countries, admin1, admin2, centroids, people)

    # before the curated table: its features find their GeoNames rows by English name ("Tigris")
    n_alternate = _alternate_names(stage, altnames, progress)
    add_name = partial(_add_name, stage)
    n_curated = _curated(stage, curated, {cc: c["iso3"] for cc, c in countries.items()}, strict, add_name)
    return {
        "places": stage.execute("SELECT count(*) FROM places").fetchone()[0],
        "geonames": n_rows,
        "populated": n_populated,
        "countries": len(countries),
        "admin1": len(admin1),
        "admin2": len(admin2),
        "curated": n_curated,
        "alternate_names": n_alternate,
        "names": stage.execute("SELECT count(*) FROM names").fetchone()[0],
    }


def _add_name(stage: sqlite3.Connection, name: str, pid: int, kind: int) -> None:
    """Stage ``name`` for entry ``pid`` under its normalised key (the best kind wins when it is there twice)."""
    key = normalise(name)
    if key:
        stage.execute(_NAME, (key, pid, kind))


def _geoname_row(
    f: list[str],
    countries: dict[str, dict],
    admin1: dict[str, tuple[str, str, int]],
    admin2: dict[str, tuple[str, str, int]],
) -> tuple:
    """The ``places`` row of one geoname line's fields."""
    gid, cc = int(f[0]), f[8]
    a1, a2 = f"{cc}.{f[10]}", f"{cc}.{f[10]}.{f[11]}"
    return (
        gid,
        gid,
        f[1],
        f[2] if f[2] != f[1] else None,
        f[6],
        f[7],
        cc,
        countries.get(cc, {}).get("iso3"),
        a1 if a1 in admin1 else None,
        admin2[a2][2] if a2 in admin2 else None,
        float(f[4]),
        float(f[5]),
        int(f[14] or 0),
    )


def _stage_geonames(
    stage: sqlite3.Connection,
    geonames: list[Source],
    countries: dict[str, dict],
    admin1: dict[str, tuple[str, str, int]],
    admin2: dict[str, tuple[str, str, int]],
    progress: Callable[[str, int], None] | None,
    centroids: dict[str, _Centroid],
    people: dict[str, int],
) -> tuple[int, int]:
    """Stage every geoname row and its names; populated places add to their country's and divisions'
    ``centroids`` and ``people``. Returns the numbers of rows and of populated places staged."""
    n_rows = n_populated = 0
    for source in geonames:
        for line in source.lines():
            f = line.rstrip("\n").split("\t")
            if len(f) < 19:
                continue
            row = _geoname_row(f, countries, admin1, admin2)
            gid, lat, lon, cc, population = row[0], row[10], row[11], row[6], row[12]
            a1, a2 = f"{cc}.{f[10]}", f"{cc}.{f[10]}.{f[11]}"
            if stage.execute(_PUT.format("IGNORE"), row).rowcount != 1:
                continue  # the same id from a second file (cities500 and allCountries both given)
            n_rows += 1
            if f[6] == "P":
                n_populated += 1
                weight = population + 1000.0
                for code in (cc, a1, a2):
                    centroids[code].add(lat, lon, weight)
                    people[code] += population
            _add_name(stage, f[1], gid, KIND_NAME)
            _add_name(stage, f[2], gid, KIND_ASCII)
            for alt in f[3].split(","):
                if _keep_alternate(alt):
                    _add_name(stage, alt, gid, KIND_ALTERNATE)
            if progress and n_rows % 100_000 == 0:
                progress(source.label, n_rows)
        if progress:
            progress(source.label, n_rows)
    return n_rows, n_populated


def _stage_countries(
    stage: sqlite3.Connection, countries: dict[str, dict], centroids: dict[str, _Centroid], people: dict[str, int]
) -> None:
    """Stage every country of ``countryInfo.txt`` (feature code PCLI) with its point and population."""
    reference = _country_points()
    for cc, c in sorted(countries.items()):
        # The country's own geoname row (allCountries has it) keeps its GeoNames point.
        own = stage.execute("SELECT lat, lon FROM places WHERE id = ? AND lat IS NOT NULL", (c["id"],)).fetchone()
        point = own or reference.get(cc) or (centroids[cc].centre() if cc in centroids else None)
        lat, lon = point if point else (None, None)
        population = c["population"] or people.get(cc, 0)
        row = (c["id"], c["id"], c["name"], None, "A", "PCLI", cc, c["iso3"], None, None, lat, lon, population)
        stage.execute(_PUT.format("REPLACE"), row)
        _add_name(stage, c["name"], c["id"], KIND_NAME)


def _stage_divisions(
    stage: sqlite3.Connection,
    countries: dict[str, dict],
    admin1: dict[str, tuple[str, str, int]],
    admin2: dict[str, tuple[str, str, int]],
    centroids: dict[str, _Centroid],
    people: dict[str, int],
) -> None:
    """Stage every first- and second-order division of the code files, also under its name without the
    division word."""
    for level, table in (("ADM1", admin1), ("ADM2", admin2)):
        for code, (name, ascii_name, gid) in sorted(table.items()):
            cc = code.split(".")[0]
            a1 = ".".join(code.split(".")[:2])
            point = centroids[code].centre() if code in centroids else None
            if point is None and cc in centroids:
                point = centroids[cc].centre()
            lat, lon = point if point else (None, None)
            row = (
                gid,
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
                people.get(code, 0),
            )
            # a geoname row of the division keeps its own point (and its population, when it has one)
            if stage.execute(_PUT.format("IGNORE"), row).rowcount != 1 and people.get(code):
                stage.execute("UPDATE places SET population = ? WHERE id = ? AND population = 0", (people[code], gid))
            for variant in _admin_variants(name) | _admin_variants(ascii_name):
                _add_name(stage, variant, gid, KIND_NAME if variant == name else KIND_ASCII)


def _alternate_names(
    stage: sqlite3.Connection, sources: list[Source], progress: Callable[[str, int], None] | None
) -> int:
    """Add the names of ``alternateNamesV2.txt`` (or the older ``alternateNames.txt``) to the staged entries.

    Kept: Latin-script names (as for a geoname row's own alternates) of entries in the index, in English, no
    language or any other language; left out: colloquial names ("Big Apple") and the pseudo-languages that
    are codes or links (``NOT_NAMES``). An English preferred or short name ranks as a curated alias (the
    name English news uses: "Tigris" for Nahr Dijlah); every other as an alternate name.
    """
    known: dict[int, bool] = {}

    def exists(gid: int) -> bool:
        hit = known.get(gid)
        if hit is None:
            hit = stage.execute("SELECT 1 FROM places WHERE id = ?", (gid,)).fetchone() is not None
            if len(known) > 1_000_000:
                known.clear()
            known[gid] = hit
        return hit

    added = 0
    for source in sources:
        n_rows = 0
        for line in source.lines():
            f = line.rstrip("\r\n").split("\t")
            if len(f) < 4 or not f[1].isdigit():
                continue
            n_rows += 1
            if progress and n_rows % 1_000_000 == 0:
                progress(source.label, n_rows)
            language, name = f[2], f[3]
            colloquial = len(f) > 6 and f[6] == "1"
            if language in NOT_NAMES or colloquial or not _keep_alternate(name) or not exists(int(f[1])):
                continue
            preferred = (len(f) > 4 and f[4] == "1") or (len(f) > 5 and f[5] == "1")
            kind = KIND_CURATED if language == "en" and preferred else KIND_ALTERNATE
            key = normalise(name)
            if key:
                stage.execute(_NAME, (key, int(f[1]), kind))
                added += 1
        if progress:
            progress(source.label, n_rows)
    return added


def _curated(
    stage: sqlite3.Connection,
    curated: Path | None,
    iso3: dict[str, str],
    strict: bool,
    add_name: Callable[[str, int, int], None],
) -> int:
    """Add the curated table's features, aliases and points; returns the number of features added."""
    if curated is None:
        return 0

    def known(pid: int) -> bool:
        return stage.execute("SELECT 1 FROM places WHERE id = ?", (pid,)).fetchone() is not None

    next_local = -1
    n_curated = skipped = 0
    with open(curated, encoding="utf-8", newline="") as fh:
        rows = csv.reader((line for line in fh if line.strip() and not line.startswith("#")), delimiter="\t")
        for row in rows:
            kind, gid_text, name, fclass, fcode, cc, lat_text, lon_text, alts = (row + [""] * 9)[:9]
            if kind in {"point", "alias"}:
                pid = int(gid_text)
                if not known(pid):
                    if strict:
                        raise DatelineError(f"curated {kind} {name!r} points at unknown id {pid}")
                    skipped += 1
                    continue
                if kind == "point":
                    stage.execute(
                        "UPDATE places SET lat = ?, lon = ? WHERE id = ?", (float(lat_text), float(lon_text), pid)
                    )
                    continue
            elif kind == "feature":
                lat, lon = float(lat_text), float(lon_text)
                if gid_text and known(int(gid_text)):
                    same = int(gid_text)  # its GeoNames row is in the dumps: that row and its point stay
                else:
                    same = None if gid_text else _same_feature(stage, name, fcode, cc, lat, lon)
                if same is not None:
                    pid = same  # the dumps have it with its GeoNames id: it takes the curated names
                else:
                    if gid_text:
                        pid = int(gid_text)
                    else:
                        pid, next_local = next_local, next_local - 1
                    row_ = (pid, pid if gid_text else None, name, None, fclass, fcode, cc or None, iso3.get(cc))
                    stage.execute(_PUT.format("REPLACE"), (*row_, None, None, lat, lon, 0))
                    add_name(name, pid, KIND_NAME)
                    n_curated += 1
            else:
                raise DatelineError(f"curated row of unknown kind {kind!r}: {row}")
            for alt in filter(None, alts.split("|")):
                add_name(alt, pid, KIND_CURATED)
    if skipped:
        LOGGER.info("%d curated alias/point rows skipped: their GeoNames ids are not in the inputs", skipped)
    return n_curated


# A curated feature's point is near its middle; GeoNames puts a river at its mouth (the Tigris: ~450 km apart).
_SAME_FEATURE_KM = 1000.0


def _same_feature(stage: sqlite3.Connection, name: str, fcode: str, cc: str, lat: float, lon: float) -> int | None:
    """The GeoNames row for a curated feature without an id: same name and feature code, nearest within 1,000 km."""
    rows = stage.execute(
        "SELECT p.id, p.lat, p.lon, p.country FROM names n JOIN places p ON p.id = n.id "
        "WHERE n.key = ? AND p.feature_code = ? AND p.geonameid IS NOT NULL",
        (normalise(name), fcode),
    ).fetchall()
    best = None
    for pid, plat, plon, pcc in rows:
        if cc and pcc and pcc != cc:
            continue
        km = _km(lat, lon, plat, plon)
        if km <= _SAME_FEATURE_KM and (best is None or km < best[0]):
            best = (km, pid)
    return best[1] if best else None


def _fuzzy_rows(stage: sqlite3.Connection) -> Iterator[tuple[str, int, str, str]]:
    """Keys the fuzzy fallback may reach: own or curated names (not alternates) of at least ``FUZZY_MIN``
    characters, of populated places of 1,000 people or more and of every division, feature and country."""
    rows = stage.execute(
        "SELECT DISTINCT n.key FROM names n JOIN places p ON p.id = n.id "
        "WHERE n.kind < ? AND length(n.key) >= ? AND (p.population >= 1000 OR p.feature_class != 'P') ORDER BY n.key",
        (KIND_ALTERNATE, FUZZY_MIN),
    )
    for (key,) in rows:
        pre, suf = fuzzy_affixes(key)
        yield key, len(key), pre, suf


def _write(stage: sqlite3.Connection, out: Path, admin1: dict[str, tuple[str, str, int]], source_text: str) -> int:
    """Write the final index from the staging database in sorted order; returns its size in bytes."""
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(_SCHEMA)
    db.executemany(
        "INSERT INTO places (id, geonameid, name, asciiname, feature_class, feature_code, country, country_iso3, "
        "admin1_code, admin2_id, lat, lon, population) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        stage.execute("SELECT * FROM places ORDER BY id"),
    )
    db.executemany("INSERT INTO admin1 VALUES (?,?,?)", ((c, n, g) for c, (n, _a, g) in sorted(admin1.items())))
    db.executemany(
        "INSERT INTO names (key, id, kind) VALUES (?,?,?)", stage.execute("SELECT * FROM names ORDER BY key, id")
    )
    fuzzy = list(_fuzzy_rows(stage))
    db.executemany("INSERT INTO fuzzy_pre VALUES (?,?,?)", sorted((pre, n, key) for key, n, pre, _ in fuzzy))
    db.executemany("INSERT INTO fuzzy_suf VALUES (?,?,?)", sorted((suf, n, key) for key, n, _, suf in fuzzy))
    db.executemany(
        "INSERT INTO meta VALUES (?,?)",
        [
            ("schema_version", SCHEMA_VERSION),
            ("source", source_text),
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
    return out.stat().st_size
