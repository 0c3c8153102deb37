"""Countries as ACLED writes them: name, ISO 3166 numeric and alpha-3 codes, and ACLED's region.

The codes and GeoNames' English names come from the shipped ``data/countries.tsv``, built from GeoNames'
``countryInfo.txt`` (CC BY 4.0) by ``scripts/build_countries.py``. Two tables here are dateline's own, written
from ACLED's public country and region lists: ``ACLED_NAMES``, the countries ACLED spells differently from
GeoNames, and ``ACLED_REGIONS``, the region ACLED files each country under. Exports look countries up here,
never in what happens to be stored, so a country has one name whatever else a store holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources as importlib_resources

# GeoNames' name -> ACLED's, where they differ (ACLED's data export and its country list).
ACLED_NAMES: dict[str, str] = {
    "COD": "Democratic Republic of Congo",  # GeoNames: Democratic Republic of the Congo
    "COG": "Republic of Congo",  # GeoNames: Republic of the Congo
    "CPV": "Cape Verde",  # GeoNames: Cabo Verde
    "CZE": "Czech Republic",  # GeoNames: Czechia
    "SWZ": "eSwatini",  # GeoNames: Eswatini
    "PSE": "Palestine",  # GeoNames: Palestinian Territory
    "TLS": "East Timor",  # GeoNames: Timor Leste
    "NLD": "Netherlands",  # GeoNames: The Netherlands
    "VAT": "Vatican City",  # GeoNames: Vatican
    "BES": "Caribbean Netherlands",  # GeoNames: Bonaire, Saint Eustatius and Saba
    "MAC": "Macau",  # GeoNames: Macao
    "VIR": "Virgin Islands, U.S.",  # GeoNames: U.S. Virgin Islands
    "SHN": "Saint Helena, Ascension and Tristan da Cunha",  # GeoNames: Saint Helena
    "CCK": "Cocos (Keeling) Islands",  # GeoNames: Cocos Islands
}

# ACLED's regions and the countries (ISO-3) in each, after ACLED's region definitions: Africa in five UN-style
# sub-regions (Sudan with Northern Africa, South Sudan with Eastern Africa), the Middle East from Turkey and Iran to
# Yemen (Egypt is Northern Africa), Afghanistan in South Asia, the Caucasus with Central Asia, Russia, Ukraine and
# Cyprus in Europe, Mexico in Central America. Territories ACLED seldom codes go to their geographic region.
ACLED_REGIONS: dict[str, tuple[str, ...]] = {
    "Western Africa": (
        "BEN",
        "BFA",
        "CIV",
        "CPV",
        "GHA",
        "GIN",
        "GMB",
        "GNB",
        "LBR",
        "MLI",
        "MRT",
        "NER",
        "NGA",
        "SEN",
        "SHN",
        "SLE",
        "TGO",
    ),
    "Middle Africa": ("AGO", "CAF", "CMR", "COD", "COG", "GAB", "GNQ", "STP", "TCD"),
    "Eastern Africa": (
        "BDI",
        "COM",
        "DJI",
        "ERI",
        "ETH",
        "KEN",
        "MDG",
        "MOZ",
        "MUS",
        "MWI",
        "MYT",
        "REU",
        "RWA",
        "SOM",
        "SSD",
        "SYC",
        "TZA",
        "UGA",
        "ZMB",
        "ZWE",
        "IOT",  # British Indian Ocean Territory (Chagos): with the Indian Ocean islands of Eastern Africa
    ),
    "Southern Africa": ("BWA", "LSO", "NAM", "SWZ", "ZAF"),
    "Northern Africa": ("DZA", "EGY", "ESH", "LBY", "MAR", "SDN", "TUN"),
    "Middle East": (
        "ARE",
        "BHR",
        "IRN",
        "IRQ",
        "ISR",
        "JOR",
        "KWT",
        "LBN",
        "OMN",
        "PSE",
        "QAT",
        "SAU",
        "SYR",
        "TUR",
        "YEM",
    ),
    "South Asia": ("AFG", "BGD", "BTN", "IND", "LKA", "MDV", "NPL", "PAK"),
    "Southeast Asia": ("BRN", "IDN", "KHM", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "TLS", "VNM"),
    "East Asia": ("CHN", "HKG", "JPN", "KOR", "MAC", "MNG", "PRK", "TWN"),
    "Caucasus and Central Asia": ("ARM", "AZE", "GEO", "KAZ", "KGZ", "TJK", "TKM", "UZB"),
    "Europe": (
        "ALA",
        "ALB",
        "AND",
        "AUT",
        "BEL",
        "BGR",
        "BIH",
        "BLR",
        "CHE",
        "CYP",
        "CZE",
        "DEU",
        "DNK",
        "ESP",
        "EST",
        "FIN",
        "FRA",
        "FRO",
        "GBR",
        "GGY",
        "GIB",
        "GRC",
        "HRV",
        "HUN",
        "IMN",
        "IRL",
        "ISL",
        "ITA",
        "JEY",
        "LIE",
        "LTU",
        "LUX",
        "LVA",
        "MCO",
        "MDA",
        "MKD",
        "MLT",
        "MNE",
        "NLD",
        "NOR",
        "POL",
        "PRT",
        "ROU",
        "RUS",
        "SJM",
        "SMR",
        "SRB",
        "SVK",
        "SVN",
        "SWE",
        "UKR",
        "VAT",
        "XKX",
        "SCG",  # Serbia and Montenegro (until 2006), still in GeoNames' list
    ),
    "North America": ("BMU", "CAN", "GRL", "SPM", "USA"),
    "Central America": ("BLZ", "CRI", "GTM", "HND", "MEX", "NIC", "PAN", "SLV"),
    "Caribbean": (
        "ABW",
        "AIA",
        "ATG",
        "BES",
        "BHS",
        "BLM",
        "BRB",
        "CUB",
        "CUW",
        "CYM",
        "DMA",
        "DOM",
        "GLP",
        "GRD",
        "HTI",
        "JAM",
        "KNA",
        "LCA",
        "MAF",
        "MSR",
        "MTQ",
        "PRI",
        "SXM",
        "TCA",
        "TTO",
        "VCT",
        "VGB",
        "VIR",
        "ANT",  # Netherlands Antilles (until 2010), still in GeoNames' list
    ),
    "South America": ("ARG", "BOL", "BRA", "CHL", "COL", "ECU", "FLK", "GUF", "GUY", "PER", "PRY", "SUR", "URY", "VEN"),
    "Oceania": (
        "ASM",
        "AUS",
        "COK",
        "FJI",
        "FSM",
        "GUM",
        "KIR",
        "MHL",
        "MNP",
        "NCL",
        "NFK",
        "NIU",
        "NRU",
        "NZL",
        "PCN",
        "PLW",
        "PNG",
        "PYF",
        "SLB",
        "TKL",
        "TON",
        "TUV",
        "UMI",
        "VUT",
        "WLF",
        "WSM",
        "CXR",
        "CCK",  # Christmas and Cocos (Keeling) Islands: Australian territories
    ),
    "Antarctica": ("ATA", "ATF", "BVT", "HMD", "SGS"),
}


@dataclass(frozen=True, slots=True)
class Country:
    """One country: ACLED's name for it, its ISO 3166 codes and ACLED's region."""

    iso3: str
    iso2: str
    numeric: int
    name: str
    region: str | None


def _region_of() -> dict[str, str]:
    out: dict[str, str] = {}
    for region, codes in ACLED_REGIONS.items():
        for code in codes:
            if code in out:
                raise ValueError(f"{code} is in two ACLED regions: {out[code]} and {region}")
            out[code] = region
    return out


@cache
def countries() -> dict[str, Country]:
    """Every country of the shipped table by ISO-3 code (read once per process)."""
    text = (importlib_resources.files("dateline") / "data" / "countries.tsv").read_text(encoding="utf-8")
    region_of = _region_of()
    out = {}
    for line in text.splitlines()[1:]:
        iso2, iso3, numeric, name, _continent = line.split("\t")
        out[iso3] = Country(iso3, iso2, int(numeric), ACLED_NAMES.get(iso3, name), region_of.get(iso3))
    return out


def country(iso3: str | None) -> Country | None:
    """The country with ISO-3 code ``iso3``, or None for None or an unknown code."""
    return countries().get(iso3.upper()) if iso3 else None
