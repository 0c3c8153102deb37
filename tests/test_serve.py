"""The HTTP API (issue 14) on a real store built from ``examples/``: FastAPI's TestClient for the routes, a real
``dateline serve`` process for the server, and a real second process holding the store for the locking rules."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from dateline.serve import create_app

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="session")
def client(example_db) -> TestClient:
    return TestClient(create_app(example_db))


@pytest.fixture
def writable_db(example_db, tmp_path) -> Path:
    db = tmp_path / "copy.duckdb"
    shutil.copy(example_db, db)
    return db


def _sql(db: Path, query: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query, params or []).fetchall()
    finally:
        con.close()


def _khasfa(client: TestClient) -> dict:
    rows = client.get("/api/events", params={"q": "sinkhole", "type": "ASSAULT"}).json()["items"]
    assert len(rows) == 1, rows
    return rows[0]


def test_the_khasfa_event_carries_its_evidence_spans(client):
    row = _khasfa(client)
    assert row["trigger"] == "shot" and row["place"]["name"] == "Khasfa"  # not in the gazetteer: no coordinates
    detail = client.get(f"/api/events/{row['article_id']}/{row['event_id']}").json()
    text = detail["article"]["text"]
    spans = {s["kind"]: s for s in detail["spans"]}
    for span in detail["spans"]:  # every span is the article's own words at its offsets
        assert text[span["start"] : span["end"]] == span["text"]
    assert "Mahmoud" in spans["speaker"]["text"]
    assert spans["medium"]["text"] == "the Daily Telegraph"
    assert spans["trigger"]["text"] == "shot" and spans["place"]["text"] == "Khasfa"
    assert detail["medium"] == "The Daily Telegraph" and detail["factuality"] == "reported"


def test_filters_select_and_count_the_same_events_everywhere(client, example_db):
    assaults = client.get("/api/events", params={"type": "ASSAULT", "page_size": 500}).json()
    assert assaults["total"] == len(assaults["items"]) > 0
    assert {e["type"] for e in assaults["items"]} == {"ASSAULT"}
    (stored,) = _sql(example_db, "SELECT count(*) FROM events WHERE type = 'ASSAULT'")[0]
    assert assaults["total"] == stored
    # the map's points and the timeline's bars count the API's events with coordinates, with a date
    points = client.get("/api/geojson", params={"type": "ASSAULT"}).json()
    located = [e for e in assaults["items"] if e["place"] and e["place"]["lat"] is not None]
    assert len(points["features"]) == len(located) and points["truncated"] is False
    bars = client.get("/api/aggregates", params={"type": "ASSAULT", "by": "day", "group": "none"}).json()
    (dated,) = _sql(example_db, "SELECT count(*) FROM events WHERE type = 'ASSAULT' AND date_first IS NOT NULL")[0]
    assert sum(b["count"] for b in bars["items"]) == dated
    # two filters together narrow; a date range keeps events whose date overlaps it
    iraq = client.get("/api/events", params={"type": "ASSAULT", "country": "IRQ"}).json()
    assert 0 < iraq["total"] < assaults["total"]
    assert all(e["place"]["country"] == "IRQ" for e in iraq["items"])
    march = client.get("/api/events", params={"date_from": "2024-03-01", "date_to": "2024-03-31"}).json()
    assert march["total"] > 0 and all(e["date"].startswith("2024-03") for e in march["items"])


def test_clusters_show_the_reports_and_the_values_they_disagree_on(client):
    clusters = client.get("/api/clusters", params={"type": "ASSAULT"}).json()["items"]
    merged = [c for c in clusters if c["n_articles"] > 1]
    assert merged, "the two Beledweyne reports make one cluster"
    beledweyne = merged[0]
    assert {r["site"] for r in beledweyne["reports"]} == {"Horn Wire", "Mogadishu Daily"}
    assert "killed" in beledweyne["disagree"] and len(beledweyne["values"]["killed"]) == 2
    one = client.get(f"/api/clusters/{beledweyne['cluster_id']}").json()
    assert one["cluster_id"] == beledweyne["cluster_id"]
    detail = client.get(f"/api/events/{one['reports'][0]['article_id']}/{one['reports'][0]['event_id']}").json()
    assert [r["article_id"] for r in detail["reports"]] == [one["reports"][1]["article_id"]]
    at_least_two = client.get("/api/events", params={"min_outlets": 2}).json()
    assert at_least_two["total"] >= 2 and all(e["n_outlets"] >= 2 for e in at_least_two["items"])


def test_actors_places_articles_graph_and_types(client):
    islamic = client.get("/api/actors", params={"q": "islamic"}).json()["items"]
    assert islamic[0]["actor_id"] == "islamic-state" and islamic[0]["n_events"] > 0
    actor = client.get("/api/actors/islamic-state").json()
    assert "Daesh" in actor["aliases"]
    by_actor = client.get("/api/events", params={"actor": "islamic-state"}).json()
    assert by_actor["total"] == actor["n_events"]
    places = client.get("/api/places", params={"country": "IRQ"}).json()["items"]
    assert any(p["name"] == "Mosul" for p in places) and all(p["country"] == "IRQ" for p in places)
    articles = client.get("/api/articles", params={"q": "Khasfa"}).json()["items"]
    assert len(articles) == 1
    article = client.get(f"/api/articles/{articles[0]['id']}").json()
    assert "Khasfa" in article["text"] and article["events"]
    graph = client.get("/api/graph", params={"limit": 10}).json()
    ids = {n["id"] for n in graph["nodes"]}
    assert len(ids) <= 10 and all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    types = client.get("/api/types").json()["types"]
    assert len(types) == 16 and sum(t["count"] for t in types) == client.get("/api/events").json()["total"]


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"type": "BOMBING"}, "type"),
        ({"page_size": 501}, "page_size"),
        ({"page": 0}, "page"),
        ({"country": "iraq"}, "country"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "10,20,5,30"}, "bbox"),
        ({"date_from": "2024-13-01"}, "date_from"),
        ({"date_from": "2024-03-02", "date_to": "2024-03-01"}, "date_from"),
        ({"factuality": "rumoured"}, "factuality"),
        ({"actor": "x y"}, "actor"),
        ({"sort": "type"}, "sort"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_filters_get_a_json_error_naming_them(client, params, says):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["status"] == 422 and says in body["error"]


def test_sql_looking_input_is_data(client, example_db):
    for q in ("'; DROP TABLE events; --", "%", "_", "\\", "1' OR '1'='1"):
        response = client.get("/api/events", params={"q": q})
        assert response.status_code == 200 and response.json()["total"] == 0, q
    assert client.get("/api/events/x'%20OR%201=1/y").status_code == 422  # ids are validated before any query
    assert client.get("/api/actors", params={"q": "' OR 1=1 --"}).json()["total"] == 0
    assert _sql(example_db, "SELECT count(*) FROM events")[0][0] > 0


def test_unknown_ids_are_404_with_a_message(client):
    for path in ("/api/events/nope/nope", "/api/clusters/nope", "/api/actors/nope", "/api/articles/nope"):
        response = client.get(path)
        assert response.status_code == 404 and "no " in response.json()["error"], path


def test_writes_need_the_token(writable_db):
    read_only = TestClient(create_app(writable_db))
    assert read_only.post("/api/articles", content="text").status_code == 403
    app = TestClient(create_app(writable_db, token=TOKEN))
    assert app.post("/api/articles", content="text").status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert app.post("/api/articles", content="text", headers=wrong).status_code == 401
    assert "token" in app.post("/api/articles", content="text", headers=wrong).json()["error"]


def test_bodies_are_bounded_and_read_by_their_type(writable_db):
    app = TestClient(create_app(writable_db, token=TOKEN))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    too_big = app.post("/api/articles", content=b"x" * (5 * 1024 * 1024 + 1), headers=auth)
    assert too_big.status_code == 413 and "bytes" in too_big.json()["error"]
    many = "\n".join(json.dumps({"text": f"article {i}"}) for i in range(101))
    response = app.post("/api/articles", content=many, headers={**auth, "Content-Type": "application/x-ndjson"})
    assert response.status_code == 413
    response = app.post("/api/articles", content="{not json", headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 400 and "JSON" in response.json()["error"]
    response = app.post("/api/articles", content=b"\x00", headers={**auth, "Content-Type": "image/png"})
    assert response.status_code == 415
    assert app.post("/api/articles", content="  ", headers=auth).status_code == 400


def test_submitted_articles_are_stored_once_and_bad_ones_get_their_own_error(writable_db):
    app = TestClient(create_app(writable_db, token=TOKEN))
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"}
    article = {
        "url": "https://example.org/kismayo-raid",
        "title": "Police raid market in Kismayo",
        "published": "2024-05-02",
        "text": "KISMAYO, Somalia (Example Wire) - Somali police raided a market in Kismayo on Thursday and arrested "
        "twelve traders accused of selling weapons to al-Shabaab, a police spokesman said.",
    }
    body = "\n".join([json.dumps(article), json.dumps({"title": "no text here"}), "[1, 2]"])
    first = app.post("/api/articles", content=body, headers=auth).json()
    assert first["read"] == 3 and first["written"] == 3 and first["skipped"] == 0
    kinds = sorted(e["kind"] for e in first["errors"])
    assert kinds == ["bad-json", "no-text"]
    stored = TestClient(create_app(writable_db)).get("/api/articles", params={"q": "Kismayo"}).json()["items"]
    assert len(stored) == 1 and stored[0]["n_events"] >= 1
    again = app.post("/api/articles", content=json.dumps(article), headers={**auth, "Content-Type": "application/json"})
    assert again.json()["skipped"] == 1 and again.json()["written"] == 0


def test_a_writing_process_makes_reads_wait_then_503_and_the_server_holds_no_lock(writable_db):
    """DuckDB: one writing process or many readers. The server opens the store per request, so a `dateline run`
    can start while it is idle, and while one writes the server answers 503 with Retry-After."""
    app = TestClient(create_app(writable_db))
    assert app.get("/api/types").status_code == 200
    code = (
        f"from dateline.store import Store; s = Store({str(writable_db)!r}); print('ok', flush=True); "
        "import time; time.sleep(30)"
    )
    writer = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "ok"  # the writer got the store although the server had read it
        busy = app.get("/api/events")
        assert busy.status_code == 503 and busy.headers["retry-after"] == "2"
        assert "in use" in busy.json()["error"]
    finally:
        writer.kill()
        writer.wait()
    assert app.get("/api/events").status_code == 200


def test_dateline_serve_is_a_real_http_server(served):
    with urllib.request.urlopen(f"{served}/api/types", timeout=5) as r:
        assert len(json.load(r)["types"]) == 16
    with urllib.request.urlopen(f"{served}/openapi.json", timeout=5) as r:
        assert "/api/events" in json.load(r)["paths"]
    with urllib.request.urlopen(f"{served}/docs", timeout=5) as r:
        docs = r.read().decode()
    assert "swagger" in docs.lower() and "cdn." not in docs  # the docs page loads nothing from the internet
    with urllib.request.urlopen(f"{served}/", timeout=5) as r:
        assert "dateline" in r.read().decode()


def test_a_store_from_an_older_dateline_is_brought_up_to_date_when_served(writable_db):
    con = duckdb.connect(str(writable_db))
    con.execute("DROP INDEX events_by_article_id")
    con.execute("DELETE FROM _migrations WHERE name = '0006_lookup_indexes'")
    con.close()
    app = TestClient(create_app(writable_db))
    assert app.get("/api/events").status_code == 200
    assert _sql(writable_db, "SELECT count(*) FROM _migrations WHERE name = '0006_lookup_indexes'") == [(1,)]


def test_a_missing_store_is_a_clear_error_and_is_not_created(tmp_path):
    app = TestClient(create_app(tmp_path / "none.duckdb"))
    response = app.get("/api/events")
    assert response.status_code == 500 and "no dateline store" in response.json()["error"]
    assert not (tmp_path / "none.duckdb").exists()
