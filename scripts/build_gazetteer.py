"""Build dateline's shipped place index from the GeoNames dumps in shared/gazetteer.

Usage::

    python scripts/build_gazetteer.py --shared ../shared/gazetteer --out src/dateline/data/gazetteer.sqlite

A thin wrapper over :func:`dateline.kb.build_gazetteer.build_gazetteer` (read its module docstring for what goes
in and how countries and divisions get their points); users build their own index from any GeoNames dumps
with ``dateline gazetteer build --from FILE...``. Inputs (GeoNames, CC BY 4.0; see
src/dateline/data/GEONAMES-LICENSE.md): ``cities500.txt.xz`` (or ``cities500.txt``),
``admin1CodesASCII.txt``, ``admin2Codes.txt``, ``countryInfo.txt``, plus the curated
``src/dateline/data/places_curated.tsv`` (physical features, regions, continents, English country name
variants; every alias and point row must name an id in the inputs). The output is deterministic for the
same inputs.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from dateline.kb.build_gazetteer import build_gazetteer

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared" / "gazetteer"
DEFAULT_OUT = ROOT / "src" / "dateline" / "data" / "gazetteer.sqlite"
DEFAULT_CURATED = ROOT / "src" / "dateline" / "data" / "places_curated.tsv"
FILES = ("cities500.txt", "admin1CodesASCII.txt", "admin2Codes.txt", "countryInfo.txt")


def _find(shared: Path, name: str) -> Path:
    for candidate in (shared / name, shared / f"{name}.xz"):
        if candidate.exists():
            return candidate
    raise SystemExit(f"missing {name} (or {name}.xz) in {shared}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="folder with the GeoNames dumps")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the SQLite index to write")
    parser.add_argument("--curated", type=Path, default=DEFAULT_CURATED, help="the curated places table")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    sources = [_find(args.shared, name) for name in FILES]
    counts = build_gazetteer(sources, args.out, args.curated, strict=True)
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
