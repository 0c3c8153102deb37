"""Build dateline's shipped country table from GeoNames' ``countryInfo.txt`` in shared/gazetteer.

Usage::

    python scripts/build_countries.py --shared ../shared/gazetteer --out src/dateline/data/countries.tsv

Writes one row per country (tab-separated, with a header): ISO 3166 alpha-2, alpha-3 and numeric codes,
GeoNames' English name and continent code, sorted by alpha-3. GeoNames data, CC BY 4.0 (see
src/dateline/data/GEONAMES-LICENSE.md). ACLED's spelling of a name and ACLED's region are not in the file:
they are dateline's own tables in :mod:`dateline.kb.countries`. The output is deterministic for the same input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared" / "gazetteer"
DEFAULT_OUT = ROOT / "src" / "dateline" / "data" / "countries.tsv"
HEADER = ("iso2", "iso3", "numeric", "name", "continent")


def rows(country_info: Path) -> list[tuple[str, ...]]:
    """(iso2, iso3, numeric, name, continent) of every country in ``countryInfo.txt``, by alpha-3."""
    out = []
    for line in country_info.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        iso2, iso3, numeric, name, continent = cells[0], cells[1], cells[2], cells[4], cells[8]
        if len(iso2) != 2 or len(iso3) != 3 or not numeric.isdigit() or not name:
            raise SystemExit(f"unexpected row in {country_info}: {line!r}")
        out.append((iso2, iso3, str(int(numeric)), name, continent))
    return sorted(out, key=lambda r: r[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="folder with countryInfo.txt")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the TSV to write")
    args = parser.parse_args(argv)
    table = rows(args.shared / "countryInfo.txt")
    text = "".join("\t".join(r) + "\n" for r in (HEADER, *table))
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(table)} countries -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
