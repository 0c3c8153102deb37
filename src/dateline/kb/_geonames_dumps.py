"""Read the GeoNames dump files the gazetteer builder takes: which file is which, and the code tables.

Inputs are recognised by content (the file name is only a hint: ``IQ.txt``, ``cities1000.txt``), plain or
compressed (``.zip`` — every ``.txt`` member but readme —, ``.xz``, ``.gz``), and read as streams, never
whole: :class:`Source` is one such input, :func:`classify` says which GeoNames file it is. The small code
files (``countryInfo.txt``, ``admin1CodesASCII.txt``, ``admin2Codes.txt``) are read into dicts here; the
large ones (geoname rows, alternate names) are streamed line by line by ``build_gazetteer``.
"""

from __future__ import annotations

import gzip
import io
import lzma
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import DatelineError

GEONAMES, COUNTRIES, ADMIN1, ADMIN2 = "geonames", "countryInfo", "admin1", "admin2"
ALTNAMES, LANGUAGES = "alternateNames", "isoLanguages"
# alternateNamesV2 "languages" that are not names: links, postcodes, airport/station codes, Wikidata ids ...
NOT_NAMES = frozenset({"link", "post", "iata", "icao", "faac", "abbr", "wkdt", "unlc", "tcid", "fr_1793", "phon"})


@dataclass(frozen=True, slots=True)
class Source:
    """One tab-separated input: a plain or compressed file, or one ``.txt`` member of a zip archive."""

    path: Path
    member: str | None = None

    @property
    def label(self) -> str:
        return f"{self.path.name}:{self.member}" if self.member else self.path.name

    @contextmanager
    def open(self) -> Iterator[io.TextIOBase]:
        """The text stream (UTF-8, decompressed on the fly: never read whole)."""
        if self.member is not None:
            with zipfile.ZipFile(self.path) as archive, archive.open(self.member) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", newline="")
            return
        suffix = self.path.suffix.lower()
        opener: Callable[..., io.TextIOBase] = (
            lzma.open if suffix == ".xz" else gzip.open if suffix == ".gz" else open  # type: ignore[assignment]
        )
        with opener(self.path, "rt", encoding="utf-8", newline="") as fh:
            yield fh

    def lines(self) -> Iterator[str]:
        with self.open() as fh:
            yield from fh


def expand(path: Path) -> list[Source]:
    """The tab-separated inputs in ``path``: itself, or each ``.txt`` member of a zip but its readme."""
    if not path.is_file():
        raise DatelineError(f"{path}: no such file")
    if path.suffix.lower() != ".zip":
        return [Source(path)]
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                m.filename
                for m in archive.infolist()
                if not m.is_dir() and m.filename.lower().endswith(".txt") and "readme" not in m.filename.lower()
            ]
    except zipfile.BadZipFile as exc:
        raise DatelineError(f"{path}: not a zip archive ({exc})") from None
    if not members:
        raise DatelineError(f"{path}: the archive holds no .txt file")
    return [Source(path, m) for m in sorted(members)]


def _is_int(text: str) -> bool:
    return text.strip().lstrip("-").isdigit()


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def classify(source: Source) -> str:
    """Which GeoNames file ``source`` is, read from its first data lines (names vary: IQ.txt, cities1000.txt)."""
    try:
        with source.open() as fh:
            for n, line in enumerate(fh):
                if n > 1000:
                    break
                if line.startswith("#") or not line.strip():
                    continue
                f = line.rstrip("\r\n").split("\t")
                if len(f) >= 19 and _is_int(f[0]) and _is_float(f[4]) and _is_float(f[5]):
                    return GEONAMES
                if 8 <= len(f) <= 10 and _is_int(f[0]) and _is_int(f[1]) and len(f[2]) <= 8:
                    return ALTNAMES  # alternateNames(V2).txt: id, geonameid, language, name, flags...
                if f[0].startswith("ISO 639-3"):
                    return LANGUAGES  # iso-languagecodes.txt, shipped in alternateNamesV2.zip: not needed
                if len(f) >= 17 and len(f[0]) == 2 and len(f[1]) == 3 and f[0].isalpha():
                    return COUNTRIES
                if len(f) == 4 and "." in f[0] and _is_int(f[3]):
                    return ADMIN2 if f[0].count(".") >= 2 else ADMIN1
                break
    except (OSError, UnicodeDecodeError, EOFError, lzma.LZMAError, zipfile.BadZipFile) as exc:
        raise DatelineError(f"{source.label}: cannot be read ({exc})") from None
    raise DatelineError(
        f"{source.label}: not a GeoNames file dateline reads (geoname rows of 19 tab-separated columns, "
        "countryInfo.txt, admin1CodesASCII.txt, admin2Codes.txt or alternateNamesV2.txt)"
    )


def read_codes(sources: list[Source]) -> dict[str, tuple[str, str, int]]:
    """``admin1CodesASCII.txt`` / ``admin2Codes.txt``: division code ('CC.ADM1'[.ADM2]) -> (name, ASCII name, id)."""
    table: dict[str, tuple[str, str, int]] = {}
    for source in sources:
        for line in source.lines():
            f = line.rstrip("\n").split("\t")
            if len(f) >= 4 and f[3].strip():
                table[f[0]] = (f[1], f[2], int(f[3]))
    return table


def read_countries(sources: list[Source]) -> dict[str, dict]:
    """``countryInfo.txt``: ISO-2 -> the country's GeoNames id, name, ISO-3 and population."""
    countries: dict[str, dict] = {}
    for source in sources:
        for line in source.lines():
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            if len(f) < 17 or not f[16].strip():
                continue
            countries[f[0]] = {"id": int(f[16]), "name": f[4].strip(), "iso3": f[1], "population": int(f[7] or 0)}
    return countries
