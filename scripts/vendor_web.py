"""Rebuild the web page's vendored files (src/dateline/serve/static/vendor/) from the npm registry.

Usage::

    python scripts/vendor_web.py [--out src/dateline/serve/static/vendor] [--resolution 50m] [--digits 2]
                                 [--tolerance 0.02]

Needs ``npm`` on the PATH (only ``npm pack``: no package.json, no node_modules; the tarballs go to a temporary
folder and are checked by npm against the registry's integrity hashes). Copies, unchanged:

- Leaflet (BSD-2-Clause): ``dist/leaflet.js``, ``dist/leaflet.css``, ``dist/images/`` and ``LICENSE``;
- leaflet.markercluster (MIT): ``dist/leaflet.markercluster.js``, ``MarkerCluster.css``,
  ``MarkerCluster.Default.css`` and ``MIT-LICENCE.txt``;
- swagger-ui-dist (Apache-2.0), for the server's API docs at ``/docs``, not the page: ``swagger-ui-bundle.js``,
  ``swagger-ui.css``, ``LICENSE``, ``NOTICE`` and ``swagger-ui-bundle.js.LICENSE.txt``;

and writes ``world.geojson``: the countries of world-atlas (Natural Earth, public domain; the package's code is
ISC) decoded from TopoJSON by the small decoder below (arcs, delta decoding, the quantization transform) with no
library, each arc simplified (Douglas-Peucker, 0.02 degrees) and the coordinates rounded to 2 decimals (about
0.8 MB at 1:50m; a country left with fewer than 4 points is dropped).

world-atlas is stitched for spherical drawing (d3-geo): its rings cross the antimeridian, which Leaflet's planar
projection draws as stripes across the map. Each ring is therefore unwrapped (a point's longitude moves by a
multiple of 360 so it is within 180 degrees of the previous point's), moved as a whole to lie mostly in
[-180, 180], a ring that winds once around a pole (Antarctica's coast) is closed along that pole, and a ring with
no area (world-atlas's line along the South Pole) is dropped. No two consecutive
points of the output are more than 180 degrees of longitude apart (checked before writing). Each feature keeps its
``name``, the ISO numeric ``id`` and gets the ISO 3166 alpha-3 ``iso3`` from dateline's own country table
(src/dateline/data/countries.tsv).

Also writes ``README.md`` beside them: every file, its package, version, licence and npm integrity hash. The output
is the same for the same package versions. Prints the versions.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "src" / "dateline" / "serve" / "static" / "vendor"
COUNTRIES_TSV = ROOT / "src" / "dateline" / "data" / "countries.tsv"

# Pinned: a change of version is a reviewed change of this script.
LEAFLET = "leaflet@1.9.4"
MARKERCLUSTER = "leaflet.markercluster@1.5.3"
WORLD_ATLAS = "world-atlas@2.0.2"
SWAGGER_UI = "swagger-ui-dist@5.36.0"

# Natural Earth units without an ISO numeric code in world-atlas, by the country GeoNames files their places under.
NAME_TO_ISO3 = {"Kosovo": "XKX", "Somaliland": "SOM", "N. Cyprus": "CYP"}


# --- npm ---------------------------------------------------------------------------------------------------------


def npm_pack(specs: list[str], dest: Path) -> dict[str, dict]:
    """``npm pack`` each spec into ``dest`` and unpack it; {name: {"version", "integrity", "dir"}}."""
    if shutil.which("npm") is None:
        raise SystemExit("npm is not on the PATH: install Node.js (npm) to rebuild the vendored web files")
    run = subprocess.run(
        ["npm", "pack", *specs, "--json", "--pack-destination", str(dest)],
        cwd=dest,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        raise SystemExit(f"npm pack failed ({run.returncode}):\n{run.stderr.strip()}")
    out = {}
    for info in json.loads(run.stdout):
        unpacked = dest / info["name"].replace("/", "+")
        unpacked.mkdir()
        with tarfile.open(dest / info["filename"]) as tar:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(unpacked, filter="data")
            else:  # pragma: no cover - Python without the extraction filters
                tar.extractall(unpacked)
        out[info["name"]] = {"version": info["version"], "integrity": info["integrity"], "dir": unpacked / "package"}
    return out


# --- TopoJSON ----------------------------------------------------------------------------------------------------


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as absolute (lon, lat) points: delta-decoded and transformed when quantized."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for p in arc:
            x += p[0]
            y += p[1]
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker: drop the points nearer than ``tolerance`` degrees to the line through the kept ones.

    Applied to each arc with both ends kept, so borders shared by two countries stay shared.
    """
    if tolerance <= 0 or len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            # distance to the chord (to its first point when the arc is closed)
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > worst:
                worst, index = d, i
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """One ring from arc indexes (``~i`` is arc ``i`` reversed); shared end points appear once."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def geometry_rings(geometry: dict, arcs: list) -> list[list[list[tuple[float, float]]]]:
    """The polygons of a Polygon/MultiPolygon geometry, each a list of rings (outer first)."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return [[_ring(r, arcs) for r in geometry["arcs"]]]
    if kind == "MultiPolygon":
        return [[_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
    if kind is None:
        return []
    raise SystemExit(f"unexpected TopoJSON geometry type {kind!r}")


# --- antimeridian ------------------------------------------------------------------------------------------------


def _unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out = [ring[0]]
    for lon, lat in ring[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while lon - prev < -180:
            lon += 360
        out.append((lon, lat))
    return out


def _mean_lon(ring: list[tuple[float, float]]) -> float:
    return sum(p[0] for p in ring) / len(ring)


def _shift(ring: list[tuple[float, float]], target: float) -> list[tuple[float, float]]:
    """The ring moved by the multiple of 360 degrees that brings its mean longitude nearest ``target``."""
    k = round((target - _mean_lon(ring)) / 360)
    return [(lon + 360 * k, lat) for lon, lat in ring] if k else ring


def _close_around_pole(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Close a ring that winds once around a pole along that pole, in steps of at most 90 degrees."""
    body = ring[:-1] if ring[0][1] == ring[-1][1] and abs(ring[0][0] - ring[-1][0]) > 180 else ring
    pole = -90.0 if sum(p[1] for p in body) < 0 else 90.0
    start, end = body[0][0], body[-1][0]
    steps = max(1, int(abs(end - start) // 90) + 1)
    path = [(end + (start - end) * i / steps, pole) for i in range(steps + 1)]
    return [*body, *path, body[0]]


def _area(ring: list[tuple[float, float]]) -> float:
    """The ring's planar area in square degrees (shoelace; sign dropped)."""
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in itertools.pairwise(ring))) / 2


def planar_polygon(rings: list[list[tuple[float, float]]]) -> list[list[tuple[float, float]]]:
    """A polygon's rings drawn correctly on a flat map (see the module docstring).

    A ring with no area is dropped: world-atlas gives Antarctica an outer ring that runs along the South Pole
    (its coast is the second ring), which is nothing on a flat map. Each ring is moved on its own so that its mean
    longitude is in [-180, 180] (no country of Natural Earth has a hole across the antimeridian)."""
    out = []
    for ring in rings:
        ring = _unwrap(ring)
        if abs(ring[-1][0] - ring[0][0]) > 180:
            ring = _close_around_pole(ring)
        if _area(ring) < 1e-6:
            continue
        out.append(_shift(ring, 0.0))
    return out


def _rounded(ring: list[tuple[float, float]], digits: int) -> list[list[float]]:
    """Round the coordinates and drop the consecutive duplicates that leaves (the ring stays closed)."""
    out: list[list[float]] = []
    for lon, lat in ring:
        p = [round(lon, digits), round(lat, digits)]
        if not out or p != out[-1]:
            out.append(p)
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def world_geojson(
    topology: dict, iso3_by_numeric: dict[str, str], iso3_by_name: dict[str, str], digits: int, tolerance: float
) -> dict:
    """world-atlas's ``countries`` object as a planar GeoJSON FeatureCollection."""
    arcs = [simplify(arc, tolerance) for arc in decode_arcs(topology)]
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = []
        for rings in geometry_rings(geometry, arcs):
            polygon = [_rounded(r, digits) for r in planar_polygon(rings)]
            polygon = [r for r in polygon if len(r) >= 4]
            if polygon:
                polygons.append(polygon)
        if not polygons:
            continue
        name = geometry.get("properties", {}).get("name", "")
        numeric = geometry.get("id")
        iso3 = (iso3_by_numeric.get(str(int(numeric))) if numeric is not None else None) or iso3_by_name.get(name)
        features.append(
            {
                "type": "Feature",
                "id": numeric,
                "properties": {"name": name, "iso3": iso3},
                "geometry": {"type": "Polygon", "coordinates": polygons[0]}
                if len(polygons) == 1
                else {"type": "MultiPolygon", "coordinates": polygons},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def max_jump(collection: dict) -> float:
    """The largest longitude step between consecutive points of any ring."""
    worst = 0.0
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for ring in (r for p in polygons for r in p):
            worst = max([worst, *(abs(b[0] - a[0]) for a, b in itertools.pairwise(ring))])
    return worst


def lon_range(collection: dict) -> tuple[float, float]:
    """The smallest and largest longitude in the collection."""
    lons = [
        point[0]
        for feature in collection["features"]
        for polygon in (
            [feature["geometry"]["coordinates"]]
            if feature["geometry"]["type"] == "Polygon"
            else feature["geometry"]["coordinates"]
        )
        for ring in polygon
        for point in ring
    ]
    return min(lons), max(lons)


def country_codes() -> tuple[dict[str, str], dict[str, str]]:
    """({ISO numeric: alpha-3}, {name: alpha-3}) from dateline's country table plus :data:`NAME_TO_ISO3`."""
    by_numeric, by_name = {}, dict(NAME_TO_ISO3)
    lines = COUNTRIES_TSV.read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        _iso2, iso3, numeric, name, _continent = line.split("\t")
        if numeric != "0":
            by_numeric[numeric] = iso3
        by_name.setdefault(name, iso3)
    return by_numeric, by_name


# --- output ------------------------------------------------------------------------------------------------------


README = """\
# Vendored web files

Written by `scripts/vendor_web.py` (do not edit by hand; rerun the script to update). The page (`../index.html`)
loads only local files: Leaflet, leaflet.markercluster and `world.geojson`, no CDN, no tile server. `swagger-ui/`
serves the server's API docs at `/docs`. Versions and npm integrity hashes:

| package | version | licence | npm integrity |
| --- | --- | --- | --- |
{packages}

| file | from | licence |
| --- | --- | --- |
{files}

`world.geojson` is world-atlas's `countries-{resolution}.json` (Natural Earth {resolution_words} Admin 0
countries, public domain, <https://www.naturalearthdata.com/>) decoded from TopoJSON, each arc simplified
(Douglas-Peucker, tolerance {tolerance} degrees), coordinates rounded to {digits} decimals, rings unwrapped across
the antimeridian (no consecutive points more than 180 degrees of longitude apart; the ring around the South Pole is
closed along it), with `iso3` added from dateline's `src/dateline/data/countries.tsv`. `world-atlas-LICENSE` is
the ISC licence of the world-atlas package (its code); the data itself is public domain.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the vendor folder to (re)write")
    parser.add_argument("--resolution", choices=("110m", "50m"), default="50m", help="Natural Earth scale")
    parser.add_argument("--digits", type=int, default=2, help="decimals kept in world.geojson's coordinates")
    parser.add_argument(
        "--tolerance", type=float, default=0.02, help="Douglas-Peucker tolerance in degrees (0: keep every point)"
    )
    args = parser.parse_args(argv)
    out: Path = args.out

    with tempfile.TemporaryDirectory(prefix="dateline-vendor-") as tmp:
        packs = npm_pack([LEAFLET, MARKERCLUSTER, WORLD_ATLAS, SWAGGER_UI], Path(tmp))
        leaflet, cluster, atlas = packs["leaflet"], packs["leaflet.markercluster"], packs["world-atlas"]
        swagger = packs["swagger-ui-dist"]

        out.mkdir(parents=True, exist_ok=True)
        for sub in ("leaflet", "leaflet.markercluster", "swagger-ui"):
            shutil.rmtree(out / sub, ignore_errors=True)
        copies = [
            (leaflet, "dist/leaflet.js", "leaflet/leaflet.js"),
            (leaflet, "dist/leaflet.css", "leaflet/leaflet.css"),
            (leaflet, "LICENSE", "leaflet/LICENSE"),
            *(
                (leaflet, f"dist/images/{p.name}", f"leaflet/images/{p.name}")
                for p in sorted((leaflet["dir"] / "dist" / "images").iterdir())
            ),
            (cluster, "dist/leaflet.markercluster.js", "leaflet.markercluster/leaflet.markercluster.js"),
            (cluster, "dist/MarkerCluster.css", "leaflet.markercluster/MarkerCluster.css"),
            (cluster, "dist/MarkerCluster.Default.css", "leaflet.markercluster/MarkerCluster.Default.css"),
            (cluster, "MIT-LICENCE.txt", "leaflet.markercluster/MIT-LICENCE.txt"),
            (atlas, "LICENSE", "world-atlas-LICENSE"),
            *(
                (swagger, name, f"swagger-ui/{name}")
                for name in (
                    "swagger-ui-bundle.js",
                    "swagger-ui-bundle.js.LICENSE.txt",
                    "swagger-ui.css",
                    "LICENSE",
                    "NOTICE",
                )
            ),
        ]
        for pack, src, dst in copies:
            (out / dst).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pack["dir"] / src, out / dst)

        topology = json.loads((atlas["dir"] / f"countries-{args.resolution}.json").read_text(encoding="utf-8"))
        by_numeric, by_name = country_codes()
        world = world_geojson(topology, by_numeric, by_name, args.digits, args.tolerance)
        jump = max_jump(world)
        if jump > 180:
            raise SystemExit(f"world.geojson still jumps {jump:.1f} degrees of longitude")
        lo, hi = lon_range(world)
        if lo < -200 or hi > 200:
            raise SystemExit(f"world.geojson has longitudes from {lo:.1f} to {hi:.1f}: a ring was moved too far")
        (out / "world.geojson").write_text(json.dumps(world, separators=(",", ":")) + "\n", encoding="utf-8")

    licences = {
        "leaflet": "BSD-2-Clause",
        "leaflet.markercluster": "MIT",
        "world-atlas": "ISC (code), data public domain",
        "swagger-ui-dist": "Apache-2.0",
    }
    names = {"leaflet": leaflet, "leaflet.markercluster": cluster, "world-atlas": atlas, "swagger-ui-dist": swagger}
    package_rows = "\n".join(
        f"| [{n}](https://www.npmjs.com/package/{n}) | {p['version']} | {licences[n]} | `{p['integrity']}` |"
        for n, p in names.items()
    )
    file_rows = []
    for pack, src, dst in copies:
        name = pack_name(pack, names)
        file_rows.append(f"| `{dst}` | {name} {pack['version']} `{src}` | {licences[name]} |")
    file_rows.append(
        f"| `world.geojson` | world-atlas {atlas['version']} `countries-{args.resolution}.json`, converted | "
        "Natural Earth: public domain |"
    )
    (out / "README.md").write_text(
        README.format(
            packages=package_rows,
            files="\n".join(file_rows),
            resolution=args.resolution,
            resolution_words={"110m": "1:110m", "50m": "1:50m"}[args.resolution],
            digits=args.digits,
            tolerance=args.tolerance,
        ),
        encoding="utf-8",
    )

    size = (out / "world.geojson").stat().st_size
    for n, p in names.items():
        print(f"{n} {p['version']}")
    print(
        f"world.geojson: {len(world['features'])} countries, {size / 1e6:.2f} MB, largest step {jump:.1f} degrees, "
        f"longitudes {lo:.1f} to {hi:.1f}"
    )
    print(f"-> {out}")
    return 0


def pack_name(pack: dict, names: dict[str, dict]) -> str:
    return next(n for n, p in names.items() if p is pack)


if __name__ == "__main__":
    sys.exit(main())
