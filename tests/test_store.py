"""The DuckDB store and its exports, on results built by hand and real DuckDB files in tmp_path."""

from __future__ import annotations

import csv
import json

import duckdb
import pytest

from dateline.errors import StoreError
from dateline.model import (
    Actor,
    Article,
    Attribution,
    Casualty,
    Event,
    EventDate,
    EventPlace,
    MediumRef,
    Participant,
    Place,
    Quote,
    Result,
    Span,
    SpeakerRef,
    StageError,
    TimeExpr,
    stable_id,
)
from dateline.store import ACLED_TYPES, Store, export
from dateline.store.migrations import MIGRATIONS

TEXT = (
    "KHARTOUM, May 3 - Soldiers shot dead four villagers in Tabit on Friday, a local official told Reuters. "
    "Police fired tear gas at protesters in Omdurman. An air strike hit a market in Nyala."
)

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "interaction", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities", "factuality", "attribution", "confidence", "evidence",
    "trigger", "article_id", "url", "plover_type", "plover_mode", "cameo",
]  # fmt: skip


def _span(text: str, word: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Span.of(text, start, start + len(word))


def _sentence(text: str, word: str) -> Span:
    at = text.index(word)
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.index(".", at) + 1
    return Span.of(text, start, end)


def make_result(text: str = TEXT, url: str = "https://example.org/sudan") -> Result:
    """A result with one of everything: actors, resolved and unresolved places, a quote, three events."""
    s = lambda word, nth=0: _span(text, word, nth)  # noqa: E731
    article = Article(
        id=stable_id(url),
        url=url,
        source="test",
        site="Example News",
        title="Clashes in Sudan",
        published="2024-05-04",
        published_basis="metadata",
        language="en",
        text=text,
    )
    actors = [
        Actor(id="sudan-army", name="Sudanese Armed Forces", kind="military", country="SDN", mentions=[s("Soldiers")]),
        Actor(id="x-villagers", name="villagers", kind="civilians", mentions=[s("villagers")]),
        Actor(id="x-official", name="a local official", kind="government", mentions=[s("a local official")]),
        Actor(id="reuters", name="Reuters", kind="media", known=True, mentions=[s("Reuters")]),
        Actor(id="sudan-police", name="Sudanese police", kind="police", country="SDN", mentions=[s("Police")]),
        Actor(id="x-protesters", name="protesters", kind="civilians", mentions=[s("protesters")]),
    ]
    places = [
        Place(geonameid=379252, name="Khartoum", feature_code="PPLC", country="SDN", country_iso2="SD",
              admin1="Khartoum", lat=15.55, lon=32.53, mentions=[s("KHARTOUM")]),
        Place(geonameid=365137, name="Omdurman", feature_code="PPL", country="SDN", country_iso2="SD",
              admin1="Khartoum", lat=15.64, lon=32.48, mentions=[s("Omdurman")]),
        Place(geonameid=366847, name="Sudan", feature_code="PCLI", country="SDN", country_iso2="SD",
              lat=16.0, lon=30.0, mentions=[]),
        Place(geonameid=None, name="Tabit", resolved=False, mentions=[s("Tabit")], confidence=0.0,
              reason=["not-in-gazetteer"]),
    ]  # fmt: skip
    times = [TimeExpr(span=s("Friday"), value="2024-05-03", granularity="day", anchor="published")]
    quote_span = _sentence(text, "Soldiers")
    quotes = [
        Quote(
            id=stable_id(article.id, "q1"),
            start=quote_span.start,
            end=quote_span.end,
            text=quote_span.text,
            kind="indirect",
            speaker=SpeakerRef(actor="x-official", span=s("a local official")),
            cue=s("told"),
            medium=MediumRef(name="Reuters", actor="reuters", span=s("Reuters")),
        )
    ]
    events = [
        Event(
            id=stable_id(article.id, "shot"),
            type="ASSAULT",
            mode="firearms",
            source=[Participant(actor="sudan-army", span=s("Soldiers"))],
            target=[Participant(actor="x-villagers", span=s("villagers"))],
            place=EventPlace(geonameid=None, name="Tabit", span=s("Tabit"), precision=1),
            date=EventDate(value="2024-05-03", granularity="day", span=s("Friday"), basis="text"),
            trigger=s("shot dead"),
            evidence=quote_span,
            attribution=Attribution(speaker="x-official", speaker_span=s("a local official"), medium="Reuters",
                                    quote=quotes[0].id, outlet="Example News"),
            factuality="reported",
            confidence=0.8,
        ),
        Event(
            id=stable_id(article.id, "teargas"),
            type="PROTEST",
            mode="demo",
            source=[Participant(actor="x-protesters", span=s("protesters"))],
            target=[Participant(actor="sudan-police", span=s("Police"))],
            place=EventPlace(geonameid=365137, name="Omdurman", span=s("Omdurman"), precision=1),
            date=EventDate(value="2024-05", granularity="month", basis="published"),
            trigger=s("protesters"),
            evidence=_sentence(text, "Police"),
            confidence=0.7,
        ),
        Event(
            id=stable_id(article.id, "strike"),
            type="ASSAULT",
            mode="aerial",
            source=[],
            target=[Participant(actor=None, span=s("a market"))],
            place=EventPlace(geonameid=379252, name="Khartoum", precision=2),
            trigger=s("air strike"),
            evidence=_sentence(text, "air strike"),
            factuality="asserted",
            confidence=0.6,
        ),
    ]  # fmt: skip
    return Result(article=article, actors=actors, places=places, times=times, quotes=quotes, events=events)


def failed_result(source: str = "empty.txt") -> Result:
    """What ingest yields for an unreadable document: no text, one error."""
    article = Article(id=stable_id(source, ""), source=source)
    return Result(article=article, errors=[StageError(stage="ingest", kind="empty", message=f"{source} is empty")])


def _counts(con) -> dict[str, int]:
    tables = ("articles", "actors", "places", "times", "quotes", "events", "event_actors", "errors")
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "test.duckdb") as s:
        yield s


def test_write_stores_every_table(store):
    result = make_result()
    store.write(result)
    assert _counts(store.connection) == {
        "articles": 1, "actors": 6, "places": 4, "times": 1, "quotes": 1, "events": 3, "event_actors": 5, "errors": 0,
    }  # fmt: skip
    assert store.has(result.article.id)
    assert not store.has("nope")
    assert store.ids() == {result.article.id}


def test_writing_twice_gives_one_row_everywhere(store):
    result = make_result()
    store.write(result)
    before = _counts(store.connection)
    store.write(result)
    store.write_many([result, result])
    assert _counts(store.connection) == before


def test_rewrite_replaces_the_old_facts(store):
    result = make_result()
    store.write(result)
    smaller = result.model_copy(update={"events": result.events[:1], "actors": result.actors[:2]})
    store.write(smaller)
    counts = _counts(store.connection)
    assert counts["events"] == 1
    assert counts["actors"] == 2
    assert counts["event_actors"] == 2


def test_results_round_trip(store):
    result = make_result()
    store.write(result)
    assert list(store.results()) == [result]
    assert next(store.result_json()) == result.model_dump_json()


def test_stored_columns_keep_spans_and_links(store):
    result = make_result()
    store.write(result)
    con = store.connection
    trigger, evidence_start, evidence_end, speaker, medium = con.execute(
        "SELECT trigger_text, evidence_start, evidence_end, speaker_actor, medium FROM events WHERE mode = 'firearms'"
    ).fetchone()
    assert trigger == "shot dead"
    assert "Soldiers shot dead" in TEXT[evidence_start:evidence_end]
    assert (speaker, medium) == ("x-official", "Reuters")
    mentions = json.loads(con.execute("SELECT mentions FROM actors WHERE actor_id = 'reuters'").fetchone()[0])
    assert mentions == [{"start": TEXT.index("Reuters"), "end": TEXT.index("Reuters") + 7, "text": "Reuters"}]
    roles = con.execute(
        "SELECT role, actor_id FROM event_actors JOIN events USING (article_id, event_id) "
        "WHERE mode = 'firearms' ORDER BY role"
    ).fetchall()
    assert roles == [("source", "sudan-army"), ("target", "x-villagers")]
    assert con.execute("SELECT place_key FROM places WHERE geonameid IS NULL").fetchall() == [("name:tabit",)]


def test_failed_document_keeps_its_article_row_and_errors(store):
    good, bad = make_result(), failed_result()
    store.write_many([good, bad])
    counts = _counts(store.connection)
    assert counts["articles"] == 2
    assert counts["errors"] == 1
    row = store.connection.execute("SELECT article_id, source, stage, kind FROM errors").fetchone()
    assert row == (bad.article.id, "empty.txt", "ingest", "empty")
    assert store.has(bad.article.id)  # a resumed run does not retry it
    assert store.summary()["articles_with_errors"] == 1


def test_summary_counts_distinct_actors_and_places(store):
    store.write(make_result())
    store.write(make_result(url="https://example.org/other"))
    summary = store.summary()
    assert summary["articles"] == 2
    assert summary["actors"] == 6  # the same canonical ids in both articles
    assert summary["places"] == 4  # three geonameids and one unresolved name
    assert summary["unresolved_places"] == 2
    assert summary["events"] == 6
    assert summary["quotes"] == 2
    assert summary["errors"] == 0


def test_migrations_run_once_and_are_recorded(tmp_path):
    path = tmp_path / "m.duckdb"
    Store(path).close()
    with Store(path) as store:  # re-opening applies nothing new
        rows = store.connection.execute("SELECT migration_set, name FROM _migrations").fetchall()
        assert rows == [("dateline", name) for name in MIGRATIONS.names]
        assert MIGRATIONS.pending(store.connection) == []


def test_read_only_store_must_exist(tmp_path):
    with pytest.raises(StoreError, match="no dateline store"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_not_a_store(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("not a database")
    with pytest.raises(StoreError, match=r"notes\.duckdb"):
        Store(path)


def test_locked_store_gives_a_clear_error(locked_db):
    with pytest.raises(StoreError, match="in use by another"):
        Store(locked_db)


# --- exports ------------------------------------------------------------------------------------


@pytest.fixture
def filled(tmp_path):
    path = tmp_path / "filled.duckdb"
    with Store(path) as s:
        s.write_many([make_result(), failed_result()])
    with Store(path, read_only=True) as s:
        yield s


def test_export_jsonl_is_the_extract_output(filled, tmp_path):
    out = tmp_path / "out.jsonl"
    assert export(filled, "jsonl", out) == 2
    lines = out.read_text().splitlines()
    assert lines[0] == make_result().model_dump_json() or lines[1] == make_result().model_dump_json()
    assert {Result.model_validate_json(line).article.id for line in lines} == filled.ids()


def test_export_csv_has_acled_columns_and_mapping(filled, tmp_path):
    out = tmp_path / "events.csv"
    assert export(filled, "csv", out) == 3
    with out.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert set(ACLED_COLUMNS) <= set(rows[0])
    by_mode = {r["plover_mode"]: r for r in rows}
    shot = by_mode["firearms"]
    assert (shot["event_type"], shot["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (shot["actor1"], shot["actor2"], shot["inter1"], shot["inter2"]) == (
        "Sudanese Armed Forces", "villagers", "State forces", "Civilians",
    )  # fmt: skip
    assert shot["interaction"] == "State forces-Civilians"
    assert shot["source"] == "a local official; Reuters; Example News"
    assert shot["attribution"] == "a local official"
    assert shot["factuality"] == "reported"
    assert "Soldiers shot dead four villagers" in shot["notes"]
    assert shot["trigger"] == "shot dead"
    assert (shot["event_date"], shot["year"], shot["time_precision"]) == ("2024-05-03", "2024", "1")
    assert shot["location"] == "Tabit"
    assert shot["latitude"] == ""  # unresolved: no invented coordinates
    assert shot["fatalities"] == "0"  # as ACLED writes an event without a reported toll
    protest = by_mode["demo"]
    assert (protest["event_type"], protest["sub_event_type"], protest["inter1"]) == (
        "Protests", "Peaceful protest", "Protesters",
    )  # fmt: skip
    assert (protest["country"], protest["admin1"], protest["location"]) == ("Sudan", "Khartoum", "Omdurman")
    assert (float(protest["latitude"]), float(protest["longitude"])) == (15.64, 32.48)
    assert protest["time_precision"] == "3"
    strike = by_mode["aerial"]
    assert (strike["event_type"], strike["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert strike["actor1"] == "" and strike["actor2"] == "a market"
    assert strike["geo_precision"] == "2"


def test_export_parquet_reads_back(filled, tmp_path):
    out = tmp_path / "events.parquet"
    assert export(filled, "parquet", out) == 3
    rows = duckdb.sql(
        f"SELECT plover_type, event_type, source_actor_ids, target_actor_ids FROM '{out}' ORDER BY evidence_start"
    ).fetchall()
    assert rows[0] == ("ASSAULT", "Violence against civilians", ["sudan-army"], ["x-villagers"])
    assert len(rows) == 3


def test_export_geojson_leaves_out_events_without_coordinates(filled, tmp_path):
    out = tmp_path / "events.geojson"
    count = export(filled, "geojson", out)
    assert (count, count.left_out) == (2, 1)
    collection = json.loads(out.read_text())
    assert collection["type"] == "FeatureCollection"
    assert collection["dateline"] == {"events_without_coordinates": 1}
    coords = sorted(f["geometry"]["coordinates"] for f in collection["features"])
    assert coords == [[32.48, 15.64], [32.53, 15.55]]
    assert {f["properties"]["plover_type"] for f in collection["features"]} == {"ASSAULT", "PROTEST"}


def test_acled_mapping_by_mode_and_target(tmp_path):
    base = make_result()
    army, villagers = base.events[0].source, base.events[0].target
    police = [Participant(actor="sudan-police", span=_span(TEXT, "Police"))]
    cases = [
        ("ASSAULT", "firearms", police, ("Battles", "Armed clash")),
        ("ASSAULT", "firearms", villagers, ("Violence against civilians", "Attack")),
        ("ASSAULT", "execution", police, ("Violence against civilians", "Attack")),
        ("ASSAULT", "explosives", villagers, ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("ASSAULT", "sexual", villagers, ("Violence against civilians", "Sexual violence")),
        ("PROTEST", "riot", police, ("Riots", "Violent demonstration")),
        ("COERCE", "arrest", villagers, ("Strategic developments", "Arrests")),
        ("AGREE", None, police, ("Strategic developments", "Agreement")),
        ("CONSULT", None, police, ("Strategic developments", "Other")),
    ]
    events = [
        base.events[0].model_copy(update={"id": f"e{i}", "type": t, "mode": m, "source": army, "target": target})
        for i, (t, m, target, _) in enumerate(cases)
    ]
    path = tmp_path / "map.duckdb"
    with Store(path) as s:
        s.write(base.model_copy(update={"events": events}))
        export(s, "csv", tmp_path / "map.csv")
    with (tmp_path / "map.csv").open(newline="") as fh:
        got = {r["event_id_cnty"]: (r["event_type"], r["sub_event_type"]) for r in csv.DictReader(fh)}
    assert got == {f"e{i}": expected for i, (*_, expected) in enumerate(cases)}
    assert ACLED_TYPES[-1][0] is None  # the catch-all row comes last


def test_unknown_export_format(filled, tmp_path):
    from dateline.errors import DatelineError

    with pytest.raises(DatelineError, match="unknown export format"):
        export(filled, "xml", tmp_path / "x.xml")


def _report(url: str, site: str, day: str, *, killed: int | None = None, negated: bool = False) -> Result:
    """The Tabit shooting as one outlet reports it: same event, the outlet's own date and toll."""
    base = make_result(url=url)
    shot = base.events[0]
    casualties = []
    if killed is not None:
        four = _span(TEXT, "four villagers")
        casualties = [Casualty(kind="killed", low=killed, high=killed, who="civilians", span=four)]
    shot = shot.model_copy(
        update={
            "place": EventPlace(geonameid=379252, name="Khartoum", precision=1),
            "date": EventDate(value=day, granularity="day", basis="text"),
            "casualties": casualties,
            "factuality": "negated" if negated else "reported",
        }
    )
    article = base.article.model_copy(update={"site": site})
    return base.model_copy(update={"article": article, "events": [shot]})


def test_casualties_and_fatalities_are_stored_and_exported(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        s.write(_report("https://a.example/1", "A", "2024-05-03", killed=4))
        rows = s.connection.execute("SELECT kind, low, high, who, span_text FROM casualties").fetchall()
        assert rows == [("killed", 4, 4, "civilians", "four villagers")]
        export(s, "csv", tmp_path / "e.csv")
    with (tmp_path / "e.csv").open(newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert (row["fatalities"], row["fatalities_lower_bound"], row["casualties"]) == ("4", "false", "killed 4 civilians")
    assert (row["reports"], row["outlets"]) == ("1", "1")


def test_the_same_event_from_several_articles_is_one_cluster(tmp_path):
    reports = [
        _report("https://a.example/1", "A", "2024-05-03", killed=4),
        _report("https://b.example/2", "B", "2024-05-04", killed=5),  # dated by its own day, a day later
        _report("https://c.example/3", "A", "2024-05-03"),  # same outlet as the first: not independent
        _report("https://d.example/4", "D", "2024-05-09"),  # six days later: another event
        _report("https://e.example/5", "E", "2024-05-03", negated=True),  # a denial is not merged with the claim
    ]
    with Store(tmp_path / "t.duckdb") as s:
        s.write_many(reports)
        assert s.cluster_events() == 1
        assert s.cluster_events() == 1  # idempotent
        clusters = s.connection.execute(
            "SELECT n_articles, n_outlets, cluster_confidence, count(*) FROM event_clusters GROUP BY ALL ORDER BY 1"
        ).fetchall()
        assert clusters == [(1, 1, 0.8, 2), (3, 2, 0.96, 3)]
        assert s.summary()["events_reported_by_several_articles"] == 1
        assert export(s, "csv", tmp_path / "all.csv") == 5
        assert export(s, "csv", tmp_path / "merged.csv", merged=True) == 3
        cluster_of = "SELECT max(cluster_id) FROM event_clusters WHERE n_articles = ?"
        first_cluster = s.connection.execute(cluster_of, [3]).fetchone()[0]
        s.write(_report("https://f.example/6", "F", "2024-05-03"))  # a later report joins: the cluster keeps its id
        s.cluster_events()
        assert s.connection.execute(cluster_of, [4]).fetchone()[0] == first_cluster
        s.write(_report("https://b.example/2", "B", "2024-05-20"))  # a corrected report leaves the cluster
        assert s.connection.execute("SELECT count(*) FROM event_clusters").fetchone()[0] == 5
        assert s.cluster_events() == 1
        assert s.connection.execute("SELECT max(n_articles) FROM event_clusters").fetchone()[0] == 3
    with (tmp_path / "merged.csv").open(newline="") as fh:
        merged = [r for r in csv.DictReader(fh) if r["reports"] == "3"]
    assert len(merged) == 1
    assert merged[0]["fatalities"] == "5"  # the largest toll any report gives
    assert merged[0]["cluster_articles"].count(",") == 2


def test_a_report_naming_no_one_joins_a_report_of_the_same_day_only(tmp_path):
    """Unnamed parties contradict no one: "a bomb exploded in Khartoum on Friday" is the incident another outlet
    tells with its perpetrator, on the same day; a day later it takes a party in common."""
    named = _report("https://a.example/1", "A", "2024-05-03")
    unnamed = _report("https://b.example/2", "B", "2024-05-03")
    unnamed = unnamed.model_copy(update={"events": [unnamed.events[0].model_copy(update={"source": [], "target": []})]})
    later = _report("https://c.example/3", "C", "2024-05-04")
    later = later.model_copy(update={"events": [later.events[0].model_copy(update={"source": [], "target": []})]})
    with Store(tmp_path / "t.duckdb") as s:
        s.write_many([named, unnamed, later])
        assert s.cluster_events() == 1
        sizes = s.connection.execute("SELECT article_id, n_articles FROM event_clusters ORDER BY article_id").fetchall()
    assert sorted(n for _a, n in sizes) == [1, 2, 2]
    assert dict(sizes)[later.article.id] == 1


def test_merged_export_is_refused_for_jsonl(filled, tmp_path):
    from dateline.errors import DatelineError

    with pytest.raises(DatelineError, match="--merged"):
        export(filled, "jsonl", tmp_path / "x.jsonl", merged=True)


def test_two_outlets_reporting_one_attack_are_merged_by_run(tmp_path, pipeline):
    from conftest import EXAMPLES

    import dateline

    summary = dateline.run([EXAMPLES / "beledweyne-two-reports.jsonl"], db=tmp_path / "two.duckdb")
    assert summary.store["events_reported_by_several_articles"] == 1
    out = tmp_path / "merged.csv"
    dateline.export(tmp_path / "two.duckdb", "csv", out, merged=True)
    with out.open(newline="") as fh:
        (attack,) = [r for r in csv.DictReader(fh) if r["reports"] == "2"]
    assert (attack["plover_type"], attack["location"], attack["event_date"]) == ("ASSAULT", "Beledweyne", "2024-03-04")
    assert (attack["outlets"], attack["fatalities"]) == ("2", "15")  # the larger of the two tolls (12+ and 15)
    assert float(attack["cluster_confidence"]) > float(attack["confidence"])


def test_a_schema_1_store_is_upgraded_to_iso3_place_countries(tmp_path):
    """Migration 0003: a store written under result schema 1.0 (a place's country in ISO-2, the ISO-3 code in
    country_iso3) reads back as 2.0 does, stored results and the places table alike."""
    path = tmp_path / "old.duckdb"
    result = make_result()
    assert any(p.country for p in result.places)
    with Store(path) as new:
        new.write(result)
    # put the store back the way a 1.0 writer left it
    con = duckdb.connect(str(path))
    con.execute("DROP INDEX places_by_article_id")  # a 1.0 store had no indexes yet (migration 0006)
    con.execute("DELETE FROM _migrations WHERE name = '0006_lookup_indexes'")
    con.execute("ALTER TABLE places RENAME COLUMN country TO country_iso3")
    con.execute("ALTER TABLE places RENAME COLUMN country_iso2 TO country")
    old = json.loads(result.model_dump_json())
    old["schema_version"] = "1.0"
    old["places"] = [
        {**{k: v for k, v in p.items() if k not in ("country", "country_iso2")}, "country": p["country_iso2"]}
        | {"country_iso3": p["country"]}
        for p in old["places"]
    ]
    con.execute("UPDATE articles SET result = ?, schema_version = '1.0'", [json.dumps(old)])
    con.execute("DELETE FROM _migrations WHERE name = '0003_place_country_iso3'")
    con.close()
    with Store(path) as upgraded:
        assert list(upgraded.result_json()) == [result.model_dump_json()]
        rows = upgraded.connection.execute("SELECT country, country_iso2 FROM places").fetchall()
        assert sorted(rows, key=str) == sorted(((p.country, p.country_iso2) for p in result.places), key=str)


# --- stores that are not dateline's: refused before anything is written ------------------------------------------


def _unchanged(path, attempt) -> str:
    """Run ``attempt`` (which must raise StoreError) and check the file and its WAL are byte for byte as before."""
    wal = path.with_name(path.name + ".wal")
    before = [p.read_bytes() if p.exists() else None for p in (path, wal)]
    with pytest.raises(StoreError) as info:
        attempt()
    assert [p.read_bytes() if p.exists() else None for p in (path, wal)] == before
    return str(info.value)


def test_an_unrelated_duckdb_file_is_refused_untouched(tmp_path):
    path = tmp_path / "theirs.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (id INTEGER, total DOUBLE); CREATE SCHEMA crm; CREATE TABLE crm.people (n VARCHAR)")
    con.execute("CREATE VIEW big AS SELECT * FROM sales WHERE total > 100")
    con.close()
    for read_only in (False, True):
        message = _unchanged(path, lambda ro=read_only: Store(path, read_only=ro))
        assert "not a dateline store" in message and "sales" in message and "crm.people" in message
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'articles'").fetchone() == (0,)
    con.close()


def test_an_unrelated_duckdb_file_with_a_pending_wal_is_left_as_it_was(tmp_path):
    """DuckDB replays a WAL on opening and would checkpoint it into the file on closing: not for a refused file."""
    import subprocess
    import sys

    path = tmp_path / "theirs.duckdb"
    code = (
        f"import os, duckdb; c = duckdb.connect({str(path)!r}); c.execute('CREATE TABLE sales (a INTEGER)'); "
        "c.execute('CHECKPOINT'); c.execute('INSERT INTO sales SELECT * FROM range(1000)'); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert path.with_name("theirs.duckdb.wal").exists()
    for read_only in (True, False):
        assert "not a dateline store" in _unchanged(path, lambda ro=read_only: Store(path, read_only=ro))


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE SEQUENCE invoice_numbers",
        "CREATE MACRO twice(a) AS a * 2",
        "CREATE TYPE mood AS ENUM ('happy', 'sad')",
        "CREATE SCHEMA staging",
    ],
)
def test_a_duckdb_database_with_anything_of_its_own_is_not_ours(tmp_path, statement):
    path = tmp_path / "theirs.duckdb"
    con = duckdb.connect(str(path))
    con.execute(statement)
    con.close()
    assert "not a dateline store" in _unchanged(path, lambda: Store(path))


def test_another_migration_set_is_not_ours(tmp_path):
    """A ``_migrations`` table of another tool (another set name) does not make a database dateline's."""
    path = tmp_path / "other-tool.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE _migrations (migration_set VARCHAR, name VARCHAR, applied_at TIMESTAMP)")
    con.execute("INSERT INTO _migrations VALUES ('their-tool', '0001', now()::TIMESTAMP)")
    con.execute("CREATE TABLE articles (id VARCHAR)")
    con.close()
    assert "not a dateline store" in _unchanged(path, lambda: Store(path))


def test_an_empty_duckdb_database_becomes_a_store(tmp_path):
    path = tmp_path / "blank.duckdb"
    duckdb.connect(str(path)).close()
    with Store(path) as store:
        store.write(make_result())
        assert MIGRATIONS.pending(store.connection) == []


def test_a_sqlite_file_is_refused_without_duckdb_touching_it(tmp_path):
    import sqlite3

    path = tmp_path / "notes.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (a)")
    con.commit()
    con.close()
    for read_only in (False, True):
        assert "is a SQLite database" in _unchanged(path, lambda ro=read_only: Store(path, read_only=ro))


def test_the_store_never_loads_or_installs_extensions(store):
    settings = dict(
        store.connection.execute(
            "SELECT name, value FROM duckdb_settings() "
            "WHERE name IN ('autoinstall_known_extensions', 'autoload_known_extensions')"
        ).fetchall()
    )
    assert settings == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty file"),
        (b"just some notes\n" * 10, "not a DuckDB database"),
        (b"PAR1" + bytes(100), "not a DuckDB database"),
    ],
)
def test_other_files_are_refused(tmp_path, content, expected):
    path = tmp_path / "store.duckdb"
    path.write_bytes(content)
    assert expected in _unchanged(path, lambda: Store(path))


def test_a_folder_is_not_a_store(tmp_path):
    with pytest.raises(StoreError, match="not a file"):
        Store(tmp_path)


def _store_with_live_wal(path) -> bytes:
    """A real store whose last write is only in its WAL, as a killed writer leaves it; returns the WAL's bytes."""
    import subprocess
    import sys

    Store(path).close()
    code = (
        f"import os, duckdb; c = duckdb.connect({str(path)!r}); c.execute('CREATE TABLE scratch AS SELECT 1 AS a'); "
        "os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    return path.with_name(path.name + ".wal").read_bytes()


def test_a_garbage_wal_is_refused_not_discarded(tmp_path):
    import os

    path = tmp_path / "g.duckdb"
    Store(path).close()
    wal = path.with_name(path.name + ".wal")
    for garbage in (os.urandom(4096), bytes(512), b"not a log"):
        wal.write_bytes(garbage)
        for read_only in (False, True):
            assert "is not a DuckDB write-ahead log" in _unchanged(path, lambda ro=read_only: Store(path, read_only=ro))
    wal.write_bytes(b"")  # an empty WAL holds nothing: the store opens
    Store(path).close()


def test_a_wal_without_its_store_is_refused(tmp_path):
    path = tmp_path / "gone.duckdb"
    wal = path.with_name(path.name + ".wal")
    wal.write_bytes(_store_with_live_wal(tmp_path / "elsewhere.duckdb"))
    message = _unchanged(path, lambda: Store(path))
    assert "no store" in message and "gone.duckdb.wal" in message
    assert not path.exists()


def test_a_killed_writers_wal_is_replayed(tmp_path):
    """The WAL a killed writer leaves is DuckDB's own: it replays, torn tail included (crash recovery)."""
    path = tmp_path / "k.duckdb"
    log = _store_with_live_wal(path)
    with Store(path) as store:
        assert store.connection.execute("SELECT a FROM scratch").fetchall() == [(1,)]
    torn = tmp_path / "torn.duckdb"
    log = _store_with_live_wal(torn)
    torn.with_name("torn.duckdb.wal").write_bytes(log[: len(log) - 9])  # the last entry half written
    with Store(torn) as store:  # the unfinished transaction is dropped, the store opens
        tables = store.connection.execute("SELECT table_name FROM duckdb_tables() WHERE table_name = 'scratch'")
        assert tables.fetchall() == []


def test_another_stores_wal_or_a_damaged_one_is_a_clear_error(tmp_path):
    path = tmp_path / "mine.duckdb"
    Store(path).close()
    wal = path.with_name(path.name + ".wal")
    log = _store_with_live_wal(tmp_path / "theirs.duckdb")
    wal.write_bytes(log)
    assert "belongs to another database" in _unchanged(path, lambda: Store(path))
    own = tmp_path / "own.duckdb"
    log = bytearray(_store_with_live_wal(own))
    log[len(log) // 3] ^= 0xFF
    own.with_name("own.duckdb.wal").write_bytes(bytes(log))
    assert "the .wal is damaged" in _unchanged(own, lambda: Store(own))


def test_a_stale_wal_of_the_same_store_is_a_clear_error(tmp_path):
    path = tmp_path / "s.duckdb"
    wal = path.with_name("s.duckdb.wal")
    stale = _store_with_live_wal(path)
    with Store(path) as s:  # replays the WAL, checkpoints on close: the WAL's writes are in the file now
        s.write(make_result())
    wal.write_bytes(stale)
    assert "from an older state of this store" in _unchanged(path, lambda: Store(path))
    wal.unlink()
    with Store(path, read_only=True) as s:
        assert s.connection.execute("SELECT a FROM scratch").fetchall() == [(1,)]


def test_stores_are_written_in_a_format_duckdb_1_5_reads(store, tmp_path):
    """New stores use DuckDB's v1.5 storage format (the duckdb 1.5 CLI cannot read the 2.x default), and keep it
    when a plain duckdb 2.x connection writes to them later."""
    tags = "SELECT tags['storage_version'] FROM duckdb_databases() WHERE database_name = current_database()"
    assert store.connection.execute(tags).fetchone() == ("v1.5.0+",)
    store.close()
    con = duckdb.connect(str(store.path))
    con.execute("CREATE TABLE later AS SELECT range AS a FROM range(1000)")
    con.execute("CHECKPOINT")
    assert con.execute(tags).fetchone() == ("v1.5.0+",)
    con.close()


def test_the_storage_version_is_asked_only_of_a_library_that_knows_it():
    from dateline.store.db import STORAGE_VERSION, connect_config

    assert connect_config("2.0.1")["storage_compatibility_version"] == STORAGE_VERSION
    assert connect_config("1.5.0")["storage_compatibility_version"] == STORAGE_VERSION
    older = connect_config("1.4.4")  # duckdb 1.4 refuses 'v1.5.0' as unknown; its default format is older still
    assert "storage_compatibility_version" not in older
    assert older["autoload_known_extensions"] is older["autoinstall_known_extensions"] is False


def test_the_duckdb_command_line_tool_opens_the_store(tmp_path):
    """With a `duckdb` CLI on PATH (or in DATELINE_DUCKDB_CLI): it reads a store dateline wrote."""
    import os
    import shutil
    import subprocess

    cli = os.environ.get("DATELINE_DUCKDB_CLI") or shutil.which("duckdb")
    if not cli:
        pytest.skip("no duckdb command-line tool (pip install duckdb-cli)")
    path = tmp_path / "cli.duckdb"
    with Store(path) as s:
        s.write(make_result())
    proc = subprocess.run(
        [cli, "-readonly", "-csv", str(path), "-c", "SELECT count(*) FROM events"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["count_star()", "3"]


# --- cluster ids: a function of the cluster's reports, kept as reports join -------------------------------------


def _clusters(store: Store) -> list[tuple]:
    return store.connection.execute(
        "SELECT article_id, event_id, cluster_id, n_articles, n_outlets, cluster_confidence FROM event_clusters "
        "ORDER BY ALL"
    ).fetchall()


def test_cluster_ids_do_not_depend_on_how_reports_were_stored(tmp_path):
    reports = [
        _report("https://a.example/1", "A", "2024-05-03"),
        _report("https://b.example/2", "B", "2024-05-04"),
        _report("https://c.example/3", "C", "2024-05-03"),
        _report("https://d.example/4", "D", "2024-05-09"),
        _report("https://e.example/5", "E", "2024-05-10"),
    ]
    tables = []
    for i, batches in enumerate(
        ([reports], [[r] for r in reports], [[r] for r in reversed(reports)], [reports[3:], reports[:3]])
    ):
        with Store(tmp_path / f"s{i}.duckdb") as s:
            for batch in batches:
                s.write_many(batch)
            assert s.cluster_events() == 2
            tables.append(_clusters(s))
    assert all(t == tables[0] for t in tables)
    by_cluster: dict[str, list[tuple[str, str]]] = {}
    for aid, eid, cluster, *_ in tables[0]:
        by_cluster.setdefault(cluster, []).append((aid, eid))
    assert {stable_id(*min(members)) for members in by_cluster.values()} == set(by_cluster)


def test_a_cluster_keeps_its_id_as_it_grows_and_when_two_join(tmp_path):
    first = [_report("https://a.example/1", "A", "2024-05-03"), _report("https://b.example/2", "B", "2024-05-04")]
    later = [_report("https://d.example/4", "D", "2024-05-06"), _report("https://e.example/5", "E", "2024-05-07")]
    with Store(tmp_path / "t.duckdb") as s:
        s.write_many(first + later)
        s.cluster_events()
        ids = {aid: cluster for aid, _e, cluster, *_ in _clusters(s)}
        early, late = ids[first[0].article.id], ids[later[0].article.id]
        assert early != late
        for url in ("https://0.example/0", "https://f.example/6", "https://g.example/7", "https://h.example/8"):
            s.write(_report(url, url, "2024-05-03"))  # a new report, whatever its id, joins the early cluster
            s.cluster_events()
            assert {c for _a, _e, c, *_ in _clusters(s)} == {early, late}
        s.write(_report("https://bridge.example/9", "X", "2024-05-05"))  # one day from both: the clusters join
        assert s.cluster_events() == 1
        (kept,) = {c for _a, _e, c, *_ in _clusters(s)}
        assert kept == early  # the earlier cluster with more reports gives its id
        s.write(_report("https://bridge.example/9", "X", "2024-06-30"))  # corrected: the two fall apart again
        assert s.cluster_events() == 2
        members: dict[str, list] = {}
        for aid, eid, cluster, *_ in _clusters(s):
            members.setdefault(cluster, []).append((aid, eid))
        assert all(cluster == stable_id(*min(m)) for cluster, m in members.items() if len(m) > 1)


def test_a_new_cluster_never_takes_an_id_in_use(tmp_path):
    """A report that named a cluster, was corrected out of it and starts another cluster does not reuse the name,
    which the rest of its old cluster keeps."""
    a, b, c, d = sorted(
        (_report(f"https://{x}.example/1", x, "2024-05-03") for x in "abcd"), key=lambda r: r.article.id
    )
    with Store(tmp_path / "t.duckdb") as s:
        s.write_many([a, b])
        s.cluster_events()
        named = stable_id(a.article.id, a.events[0].id)
        assert {row[2] for row in _clusters(s)} == {named}
        moved = a.events[0].model_copy(update={"date": EventDate(value="2024-06-20", granularity="day", basis="text")})
        s.write(a.model_copy(update={"events": [moved]}))  # corrected: a leaves, b's row still names the cluster
        s.write_many([c.model_copy(update={"events": [moved]}), d])
        assert s.cluster_events() == 2
        ids = {aid: cluster for aid, _e, cluster, *_ in _clusters(s)}
        assert ids[b.article.id] == ids[d.article.id] == named
        assert ids[a.article.id] == ids[c.article.id] != named


@pytest.mark.slow
def test_cluster_ids_of_a_real_run_do_not_depend_on_batch_size_or_order(tmp_path, pipeline):
    """`dateline run` over the same articles with --batch-size 1, 3 and 32, and in reverse order: the same clusters,
    ids included (before, a batch of 1 took the first-read report's id and a larger batch the smallest id's)."""
    from conftest import EXAMPLES

    import dateline
    from dateline.config import Config

    lines = (EXAMPLES / "beledweyne-two-reports.jsonl").read_text(encoding="utf-8").splitlines()
    reversed_jsonl = tmp_path / "reversed.jsonl"
    reversed_jsonl.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    others = [EXAMPLES / "mali-army-post-attack.txt", EXAMPLES / "sudan-protest-teargas.txt"]
    runs = {
        "1": ([EXAMPLES / "beledweyne-two-reports.jsonl", *others], 1),
        "3": ([EXAMPLES / "beledweyne-two-reports.jsonl", *others], 3),
        "32": ([EXAMPLES / "beledweyne-two-reports.jsonl", *others], 32),
        "reversed-1": ([*reversed(others), reversed_jsonl], 1),
    }
    tables = {}
    for name, (paths, batch) in runs.items():
        db = tmp_path / f"run-{name}.duckdb"
        summary = dateline.run(paths, db=db, config=Config(batch_size=batch))
        assert summary.store["events_reported_by_several_articles"] == 1
        with Store(db, read_only=True) as s:
            tables[name] = _clusters(s)
    assert all(table == tables["1"] for table in tables.values())
    merged = [row for row in tables["1"] if row[3] == 2]
    assert len({row[2] for row in merged}) == 1
    assert merged[0][2] == stable_id(*min(row[:2] for row in merged))


def test_a_store_in_duckdb_2_format_converts_to_one_the_cli_reads(tmp_path):
    """The conversion the README gives for stores written before dateline chose the v1.5 format."""
    old = tmp_path / "old.duckdb"
    duckdb.connect(str(old), config={"storage_compatibility_version": "latest"}).close()
    result = make_result()
    with Store(old) as s:
        s.write(result)
        s.cluster_events()
    con = duckdb.connect()
    con.execute(f"ATTACH '{old}' AS old (READ_ONLY)")
    con.execute(f"ATTACH '{tmp_path / 'new.duckdb'}' AS new (STORAGE_VERSION 'v1.5.0')")
    con.execute("COPY FROM DATABASE old TO new")
    assert con.execute("SELECT database_name, tags['storage_version'] FROM duckdb_databases() ORDER BY 1").fetchall()[
        1:3
    ] == [("new", "v1.5.0+"), ("old", "v2.0.0+")]
    con.close()
    with Store(tmp_path / "new.duckdb") as s:
        assert list(s.result_json()) == [result.model_dump_json()]
        assert MIGRATIONS.pending(s.connection) == []
        with pytest.raises(duckdb.ConstraintException):  # keys came along
            s.connection.execute("INSERT INTO articles SELECT * FROM articles")
        s.write(result)
        assert _counts(s.connection)["events"] == 3


@pytest.mark.slow
def test_a_full_disk_is_a_clear_error_and_the_store_keeps_its_committed_articles(tmp_path):
    """A file-size limit (RLIMIT_FSIZE, what a full disk looks like to DuckDB) stops a writer mid-run: it gets a
    StoreError naming the file, and the store (WAL included) opens afterwards with every committed article whole."""
    import subprocess
    import sys
    from pathlib import Path

    path = tmp_path / "full.duckdb"
    Store(path).close()
    tests = Path(__file__).parent
    code = f"""
import resource, sys
sys.path[:0] = [{str(tests)!r}, {str(tests.parent / "src")!r}]
from test_store import make_result
from dateline.errors import StoreError
from dateline.store import Store
resource.setrlimit(resource.RLIMIT_FSIZE, (1_500_000, 1_500_000))
try:
    with Store({str(path)!r}) as s:
        for i in range(500):
            s.write_many([make_result(url=f"https://example.org/{{i}}-{{j}}") for j in range(20)])
except StoreError as exc:
    print(exc)
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "could not write article(s)" in proc.stdout and str(path) in proc.stdout
    with Store(path) as s:
        counts = _counts(s.connection)
        assert counts["articles"] > 0 and counts["articles"] % 20 == 0  # whole batches only
        assert counts["events"] == 3 * counts["articles"]
        s.write(make_result(url="https://example.org/after"))  # and it takes writes again


def test_a_writer_waits_for_a_short_read_to_finish(tmp_path):
    """`dateline serve` holds the store read-only for one request at a time: a `dateline run` starting meanwhile
    waits for it (up to ``WRITER_WAIT`` seconds) instead of failing."""
    import subprocess
    import sys
    import time

    path = tmp_path / "t.duckdb"
    Store(path).close()
    code = (
        f"import duckdb, time; c = duckdb.connect({str(path)!r}, read_only=True); print('ok', flush=True); "
        "time.sleep(1.0); c.close()"
    )
    reader = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "ok"
        start = time.monotonic()
        with Store(path) as store:  # opened for writing once the reader is done
            assert store.summary()["articles"] == 0
        assert time.monotonic() - start < 3.0
    finally:
        reader.wait(timeout=10)
