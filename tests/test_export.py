"""The event table as data: ACLED's columns and order, countries, dates, actor categories; read back with pandas,
pyarrow and geopandas from hand-built results and from a real store of examples/."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from dateline.kb.countries import ACLED_REGIONS, countries, country
from dateline.model import Actor, Article, Event, EventDate, EventPlace, Participant, Place, Result, Span, stable_id
from dateline.store import Store, export
from dateline.store.acled import ACLED_INTER, INTER_CODES
from dateline.store.dates import DateColumns, date_columns

# ACLED's columns in the order of ACLED's data export.
ACLED_ORDER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip

TEXT = (
    "Militiamen attacked farmers near Brussels on Monday. The minister met the envoy. "
    "Troops shelled the town. The activist spoke. Fighters of the front raided a depot."
)


def _span(word: str) -> Span:
    start = TEXT.index(word)
    return Span.of(TEXT, start, start + len(word))


def _event(eid: str, trigger: str, sources: list[str], targets: list[str], **fields) -> Event:
    sentence_start = TEXT.rfind(". ", 0, TEXT.index(trigger))
    start = 0 if sentence_start < 0 else sentence_start + 2
    evidence = Span.of(TEXT, start, TEXT.index(".", TEXT.index(trigger)) + 1)
    return Event(
        id=eid,
        type=fields.pop("type", "ASSAULT"),
        source=[Participant(actor=a, span=_span(a.removeprefix("x-"))) for a in sources],
        target=[Participant(actor=a, span=_span(a.removeprefix("x-"))) for a in targets],
        trigger=_span(trigger),
        evidence=evidence,
        place=fields.pop("place", EventPlace(geonameid=2800866, name="Brussels", precision=1)),
        date=fields.pop("date", EventDate(value="2024-05-06", granularity="day", basis="text")),
        **fields,
    )


def invented_result(place_country: str | None = "BEL", with_country_place: bool = False) -> Result:
    """Actors of every kind an ACLED category depends on, events between them, in an invented story."""
    url = f"https://example.test/{place_country}/{with_country_place}"
    actors = [
        Actor(id="x-Militiamen", name="Tribal militia", kind="rebels", mentions=[_span("Militiamen")]),
        Actor(id="x-farmers", name="farmers", kind="civilians", mentions=[_span("farmers")]),
        Actor(
            id="x-minister", name="Jan Peeters", kind="person", role="Foreign Minister", mentions=[_span("minister")]
        ),
        Actor(id="x-envoy", name="Ana Lobo", kind="person", affiliation="x-front", mentions=[_span("envoy")]),
        Actor(id="x-Troops", name="Armed forces of France", kind="military", country="FRA", mentions=[_span("Troops")]),
        Actor(id="x-activist", name="Eva Dumont", kind="person", mentions=[_span("activist")]),
        Actor(id="x-front", name="Liberation Front", kind="rebels", mentions=[_span("front")]),
        Actor(id="x-depot", name="Depot Company", kind="business", mentions=[_span("depot")]),
    ]
    brussels = Place(geonameid=2800866, name="Brussels", feature_code="PPLC", country=place_country, lat=50.8, lon=4.3)
    places = [brussels]
    if with_country_place:  # what the old export took country names from
        places.append(Place(geonameid=2802361, name="Kingdom of Belgium", feature_code="PCLI", country="BEL"))
    events = [
        _event("e-attack", "attacked", ["x-Militiamen"], ["x-farmers"], mode="firearms"),
        _event("e-meet", "met", ["x-minister"], ["x-envoy"], type="CONSULT", date=EventDate(value="--05-06")),
        _event("e-shell", "shelled", ["x-Troops"], [], mode="heavy-weapons", date=EventDate(value="2024-W19")),
        _event("e-spoke", "spoke", ["x-activist"], [], type="CONSULT", date=EventDate(value="2024-05")),
        _event("e-raid", "raided", ["x-front"], ["x-depot"], mode="firearms", date=EventDate(value="P2Y/--05-06")),
    ]
    article = Article(id=stable_id(url), url=url, source="test", site="Example", text=TEXT, published="2024-05-07")
    return Result(article=article, actors=actors, places=places, events=events)


def _rows(path) -> dict[str, dict[str, str]]:
    with path.open(newline="") as fh:
        return {r["event_id_cnty"]: r for r in csv.DictReader(fh)}


@pytest.fixture
def invented_csv(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.write(invented_result())
        export(store, "csv", tmp_path / "e.csv")
    return tmp_path / "e.csv"


def test_acled_columns_come_first_in_acled_order(invented_csv):
    with invented_csv.open(newline="") as fh:
        header = next(csv.reader(fh))
    assert header[: len(ACLED_ORDER)] == ACLED_ORDER
    for own in ("event_date_start", "event_date_end", "date_value", "date_text", "iso3", "factuality", "cluster_id"):
        assert own in header[len(ACLED_ORDER) :]


def test_country_columns_come_from_the_shipped_table_whatever_else_is_stored(tmp_path):
    got = []
    for with_country_place in (False, True):
        path = tmp_path / f"s{with_country_place}.duckdb"
        with Store(path) as store:
            store.write(invented_result(with_country_place=with_country_place))
            export(store, "csv", tmp_path / f"e{with_country_place}.csv")
        row = _rows(tmp_path / f"e{with_country_place}.csv")["e-attack"]
        got.append((row["country"], row["iso"], row["iso3"], row["region"], row["admin1"], row["admin2"]))
    assert got[0] == got[1] == ("Belgium", "56", "BEL", "Europe", "", "Bruxelles-Capitale")


def test_country_table_spells_names_as_acled_and_files_every_country_in_one_region():
    table = countries()
    assert len(table) > 240
    assert all(c.region in ACLED_REGIONS for c in table.values())
    assert (country("PSE").name, country("PSE").numeric, country("PSE").region) == ("Palestine", 275, "Middle East")
    assert country("COD").name == "Democratic Republic of Congo"
    assert (country("SDN").region, country("SSD").region, country("AFG").region) == (
        "Northern Africa", "Eastern Africa", "South Asia",
    )  # fmt: skip
    assert country("irq").name == "Iraq" and country(None) is None and country("ZZZ") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2014-04-18", DateColumns(date(2014, 4, 18), date(2014, 4, 18), date(2014, 4, 18), 2014, 1)),
        ("2014-04", DateColumns(None, date(2014, 4, 1), date(2014, 4, 30), 2014, 3)),
        ("2016-02", DateColumns(None, date(2016, 2, 1), date(2016, 2, 29), 2016, 3)),
        ("2014", DateColumns(None, date(2014, 1, 1), date(2014, 12, 31), 2014, 3)),
        ("201", DateColumns(None, date(2010, 1, 1), date(2019, 12, 31), None, 3)),
        ("2024-W19", DateColumns(None, date(2024, 5, 6), date(2024, 5, 12), 2024, 2)),
        ("2014-WI", DateColumns(None, date(2014, 12, 1), date(2015, 2, 28), None, 3)),
        ("2014-04-18/2014-04-20", DateColumns(None, date(2014, 4, 18), date(2014, 4, 20), 2014, 2)),
        ("2012/2014-04-18", DateColumns(None, date(2012, 1, 1), date(2014, 4, 18), None, 3)),
        ("P2Y/2014-04-18", DateColumns(None, date(2012, 4, 19), date(2014, 4, 18), None, 3)),
        ("2014-04-18/P3D", DateColumns(None, date(2014, 4, 18), date(2014, 4, 20), 2014, 2)),
        ("--04-18", DateColumns()),
        ("P2Y/--04-18", DateColumns()),
        ("2014-13", DateColumns()),
        ("2014-04-20/2014-04-18", DateColumns()),
        ("soon", DateColumns()),
        (None, DateColumns()),
    ],
)
def test_date_values_become_days_ranges_and_acled_precision(value, expected):
    assert date_columns(value) == expected


def test_dates_in_the_table(invented_csv):
    rows = _rows(invented_csv)
    day, yearless, week, month, duration = (rows[e] for e in ("e-attack", "e-meet", "e-shell", "e-spoke", "e-raid"))
    assert (day["event_date"], day["event_date_start"], day["event_date_end"], day["year"], day["time_precision"]) == (
        "2024-05-06", "2024-05-06", "2024-05-06", "2024", "1",
    )  # fmt: skip
    assert (yearless["event_date"], yearless["event_date_start"], yearless["date_value"]) == ("", "", "--05-06")
    assert (week["event_date"], week["event_date_start"], week["event_date_end"], week["time_precision"]) == (
        "", "2024-05-06", "2024-05-12", "2",
    )  # fmt: skip
    assert (month["event_date_start"], month["event_date_end"], month["time_precision"]) == (
        "2024-05-01", "2024-05-31", "3",
    )  # fmt: skip
    assert (duration["event_date"], duration["time_precision"], duration["date_value"]) == ("", "", "P2Y/--05-06")


def test_actor_categories_follow_acled(invented_csv):
    rows = _rows(invented_csv)
    attack = rows["e-attack"]
    assert (attack["inter1"], attack["inter2"]) == ("Identity militia", "Civilians")
    assert (attack["interaction"], attack["civilian_targeting"]) == ("Identity militia-Civilians", "Civilian targeting")
    meet = rows["e-meet"]  # an official is never a civilian; a person takes its organisation's category
    assert (meet["inter1"], meet["inter2"], meet["civilian_targeting"]) == ("State forces", "Rebel group", "")
    assert rows["e-shell"]["inter1"] == "External/Other forces"  # French troops in Belgium: outside their country
    assert rows["e-spoke"]["inter1"] == "Civilians"  # a private person with neither office nor organisation
    raid = rows["e-raid"]
    assert (raid["inter1"], raid["inter2"], raid["interaction"]) == (
        "Rebel group", "External/Other forces", "Rebel group-External/Other forces",
    )  # fmt: skip
    assert rows["e-attack"]["fatalities"] == "0"
    assert int(rows["e-attack"]["timestamp"]) > 1_600_000_000


def test_person_affiliated_with_a_knowledge_base_organisation(tmp_path):
    result = invented_result()
    envoy = result.actors[3].model_copy(update={"affiliation": "islamic-state"})
    result = result.model_copy(update={"actors": [*result.actors[:3], envoy, *result.actors[4:]]})
    with Store(tmp_path / "s.duckdb") as store:
        store.write(result)
        export(store, "csv", tmp_path / "e.csv")
    assert _rows(tmp_path / "e.csv")["e-meet"]["inter2"] == "Rebel group"


def test_every_actor_kind_has_an_acled_category():
    assert set(ACLED_INTER.values()) <= set(INTER_CODES)
    assert sorted(INTER_CODES.values()) == list(range(1, 9))


def test_merged_export_keeps_the_new_columns(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.write(invented_result())
        assert export(store, "csv", tmp_path / "m.csv", merged=True) == 5
    row = _rows(tmp_path / "m.csv")["e-attack"]
    assert (row["country"], row["event_date"], row["cluster_articles"].count(",")) == ("Belgium", "2024-05-06", 0)


# --- a real store of examples/, read back as users read it ---------------------------------------------------


@pytest.fixture(scope="module")
def examples_store(tmp_path_factory, pipeline):
    from conftest import EXAMPLES

    import dateline

    folder = tmp_path_factory.mktemp("examples-store")
    db = folder / "examples.duckdb"
    dateline.run([EXAMPLES], db=db)
    for fmt in ("csv", "parquet", "geojson"):
        dateline.export(db, fmt, folder / f"events.{fmt}")
    dateline.export(db, "csv", folder / "merged.csv", merged=True)
    return folder


def test_examples_csv_reads_back_with_real_dates(examples_store):
    pd = pytest.importorskip("pandas")
    dates = ["event_date", "event_date_start", "event_date_end"]
    for name in ("events.csv", "merged.csv"):
        df = pd.read_csv(examples_store / name, parse_dates=dates, date_format="%Y-%m-%d")
        assert list(df.columns[: len(ACLED_ORDER)]) == ACLED_ORDER
        for column in dates:
            assert pd.api.types.is_datetime64_any_dtype(df[column]), column
        assert df["event_date"].notna().sum() > 0
        assert (df["event_date_start"] <= df["event_date_end"]).all() or df["event_date_start"].isna().any()
        assert pd.api.types.is_integer_dtype(df["fatalities"])
        assert pd.api.types.is_float_dtype(df["latitude"])
        named = df.dropna(subset=["iso3"])
        assert set(named["country"]) <= {c.name for c in countries().values()}  # names, never codes
        assert all(countries()[iso3].numeric == iso for iso3, iso in zip(named["iso3"], named["iso"], strict=True))
        assert "Civilians" not in set(df.loc[df["actor1"] == "Salim Jabbar", "inter1"])


def test_examples_parquet_column_types(examples_store):
    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    schema = pq.read_table(examples_store / "events.parquet").schema
    assert schema.names[: len(ACLED_ORDER)] == ACLED_ORDER
    for column in ("event_date", "event_date_start", "event_date_end"):
        assert pa.types.is_date(schema.field(column).type), column
    assert pa.types.is_float64(schema.field("latitude").type) and pa.types.is_float64(schema.field("longitude").type)
    for column in ("fatalities", "iso", "year", "time_precision", "timestamp"):
        assert pa.types.is_integer(schema.field(column).type), column


def test_examples_geojson_reads_back_as_points_in_wgs84(examples_store):
    gpd = pytest.importorskip("geopandas")
    frame = gpd.read_file(examples_store / "events.geojson")
    assert len(frame) > 0
    assert set(frame.geometry.geom_type) == {"Point"}
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    named = frame[frame["iso3"].notna()]  # a sea or a region has coordinates and no country
    assert len(named) > 0 and named["country"].notna().all() and (named["iso3"].str.len() == 3).all()


def test_an_empty_store_exports_the_header(tmp_path):
    with Store(tmp_path / "empty.duckdb") as store:
        assert export(store, "csv", tmp_path / "e.csv") == 0
        assert export(store, "geojson", tmp_path / "e.geojson") == 0
    assert (tmp_path / "e.csv").read_text().split("\n")[0].split(",")[: len(ACLED_ORDER)] == ACLED_ORDER


def _build_countries(shared, out):
    import subprocess
    import sys

    from conftest import ROOT

    script = ROOT / "scripts" / "build_countries.py"
    subprocess.run([sys.executable, str(script), "--shared", str(shared), "--out", str(out)], check=True)
    return out.read_text(encoding="utf-8")


def test_country_table_build_reads_countryinfo(tmp_path):
    (tmp_path / "countryInfo.txt").write_text(
        "# comment\n"
        "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea\tPopulation\tContinent\n"
        "ZZ\tZZZ\t009\tZZ\tZedland\tZed\t1\t2\tEU\n"
        "YY\tYYY\t010\tYY\tWyland \tWy\t1\t2\tAS\n",
        encoding="utf-8",
    )
    text = _build_countries(tmp_path, tmp_path / "countries.tsv")
    assert text == "iso2\tiso3\tnumeric\tname\tcontinent\nYY\tYYY\t10\tWyland\tAS\nZZ\tZZZ\t9\tZedland\tEU\n"


def test_shipped_country_table_is_a_fresh_build(tmp_path):
    import os
    from pathlib import Path

    from conftest import ROOT

    shared = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared")) / "gazetteer"
    if not (shared / "countryInfo.txt").exists():
        pytest.skip(f"countryInfo.txt not found in {shared}")
    shipped = (ROOT / "src" / "dateline" / "data" / "countries.tsv").read_text(encoding="utf-8")
    assert _build_countries(shared, tmp_path / "countries.tsv") == shipped
