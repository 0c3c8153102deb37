"""The ``dateline`` command line, run as a subprocess against real files and real DuckDB stores."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dateline import core
from dateline.model import Result, json_schema
from dateline.store import Store

ROOT = Path(__file__).resolve().parent.parent

ACLED_HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "interaction", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities", "factuality", "attribution", "evidence",
]  # fmt: skip

# Short articles written for these tests.
ARTICLES = {
    "mali.txt": (
        "Gunmen kill soldiers in central Mali\n\n"
        "BAMAKO, Jan 9 — Gunmen attacked an army post near Mopti on Tuesday, killing six soldiers, "
        "the Malian army said in a statement. The attackers fled on motorbikes toward the border, "
        "a local official told Reuters."
    ),
    "sudan.txt": (
        "Police fire tear gas at Khartoum march\n\n"
        "KHARTOUM, Feb 2 — Police fired tear gas at thousands of protesters marching on the presidential "
        "palace in Khartoum on Sunday, witnesses said. The protesters demanded civilian rule and an end "
        "to the military government."
    ),
    "talks.txt": (
        "Turkey and Iraq hold talks on water\n\n"
        "ANKARA, March 4 — Turkish and Iraqi foreign ministers met in Ankara on Monday to discuss water "
        "sharing on the Tigris and Euphrates, the Turkish foreign ministry said. Both sides agreed to "
        "set up a joint committee."
    ),
}


def dateline(*args: str | Path, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    env.pop("DATELINE_DB", None)
    proc = subprocess.run(
        [sys.executable, "-m", "dateline", *map(str, args)], cwd=cwd, capture_output=True, text=True, env=env
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"dateline {args} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of three good articles, an empty file, and a JSONL corpus with one broken line."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    good = {"url": "https://example.org/yemen", "title": "Houthis threaten ships", "published": "2024-01-12",
            "text": "SANAA, Jan 12 — Houthi leaders threatened on Friday to attack ships in the Red Sea, "
                    "the group's spokesman said in a televised speech."}  # fmt: skip
    (folder / "corpus.jsonl").write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    return folder


def _counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        con = store.connection
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "events", "errors")}
        counts["distinct_articles"] = con.execute("SELECT count(DISTINCT id) FROM articles").fetchone()[0]
        counts["distinct_events"] = con.execute(
            "SELECT count(*) FROM (SELECT DISTINCT article_id, event_id FROM events)"
        ).fetchone()[0]
        return counts


def test_version_and_schema(tmp_path):
    assert dateline("--version", cwd=tmp_path).stdout.startswith("dateline ")
    printed = dateline("schema", cwd=tmp_path).stdout
    assert json.loads(printed) == json_schema()
    committed = (ROOT / "schema" / "result.schema.json").read_text(encoding="utf-8")
    assert printed == committed, "schema/result.schema.json is stale: run `dateline schema > schema/result.schema.json`"


def test_missing_path_is_misuse(tmp_path):
    proc = dateline("extract", tmp_path / "nope.txt", cwd=tmp_path, check=False)
    assert proc.returncode == 2
    assert "does not exist" in re.sub(r"[\s│]+", " ", proc.stderr)
    assert proc.stdout == ""


def test_extract_prints_json_lines_and_keeps_going(corpus, tmp_path):
    proc = dateline("extract", corpus / "sudan.txt", corpus / "empty.txt", corpus / "corpus.jsonl", cwd=tmp_path)
    lines = proc.stdout.splitlines()
    results = [Result.model_validate_json(line) for line in lines]
    assert len(results) == 4  # sudan, empty, the good JSONL row, the broken JSONL line
    sudan, empty, yemen, broken = results
    assert not sudan.errors and "tear gas" in sudan.article.text
    assert [e.kind for e in empty.errors] == ["empty"] and empty.article.text == ""
    assert yemen.article.url == "https://example.org/yemen" and yemen.article.published == "2024-01-12"
    assert broken.errors and broken.errors[0].stage == "ingest"
    for result in results:  # every span is a slice of the text
        for event in result.events:
            assert result.article.text[event.trigger.start : event.trigger.end] == event.trigger.text
    assert "extracting" in proc.stderr  # progress goes to stderr, never into the JSON Lines


def test_run_twice_is_idempotent_and_exports_every_format(corpus, tmp_path):
    db = tmp_path / "store.duckdb"
    first = dateline("run", corpus, "--db", db, cwd=tmp_path)
    assert "articles" in first.stdout and str(db) in first.stdout.replace("\n", "")
    counts = _counts(db)
    assert counts["articles"] == 6  # 3 texts, the empty file, 2 JSONL lines (one broken)
    assert counts["errors"] >= 2  # the empty file and the broken line, stored as rows
    assert counts["events"] > 0
    assert counts["distinct_articles"] == counts["articles"] and counts["distinct_events"] == counts["events"]

    second = core.run([corpus], db=db)  # in-process: nothing left to parse
    assert (second.read, second.written, second.skipped) == (6, 0, 6)
    assert _counts(db) == counts

    with Store(db, read_only=True) as store:
        kinds = dict(store.connection.execute("SELECT kind, count(*) FROM errors GROUP BY kind").fetchall())
        assert kinds.get("empty") == 1
        good = store.connection.execute("SELECT count(*) FROM articles WHERE n_errors = 0").fetchone()[0]
        assert good == 4

    jsonl = tmp_path / "out.jsonl"
    proc = dateline("export", "--format", "jsonl", "-o", jsonl, "--db", db, cwd=tmp_path)
    assert "wrote 6 articles" in proc.stdout
    assert len([Result.model_validate_json(line) for line in jsonl.read_text().splitlines()]) == 6

    csv_out = tmp_path / "events.csv"
    dateline("export", "--format", "csv", "-o", csv_out, "--db", db, cwd=tmp_path)
    with csv_out.open(newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        assert set(ACLED_HEADER) <= set(reader.fieldnames or [])
    assert len(rows) == counts["events"]
    assert all(r["event_type"] and r["plover_type"] and r["evidence"] for r in rows)

    parquet = tmp_path / "events.parquet"
    dateline("export", "-f", "parquet", "-o", parquet, "--db", db, cwd=tmp_path)
    assert duckdb.connect().execute(f"SELECT count(*) FROM '{parquet}'").fetchone()[0] == counts["events"]

    geojson = tmp_path / "events.geojson"
    proc = dateline("export", "-f", "geojson", "-o", geojson, "--db", db, cwd=tmp_path)
    collection = json.loads(geojson.read_text())
    left_out = collection["dateline"]["events_without_coordinates"]
    assert len(collection["features"]) + left_out == counts["events"]
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert f"wrote {len(collection['features'])} events" in proc.stdout


def _many(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:02d}.txt").write_text(
            f"Shelling reported in Kharkiv\n\nKYIV, March {i % 28 + 1} — Russian forces shelled Kharkiv on Tuesday, "
            f"killing {i + 2} civilians, Ukrainian officials said. Report number {i}.",
            encoding="utf-8",
        )
    return folder


def test_partial_run_then_whole_folder_resumes(tmp_path, pipeline):
    folder = _many(tmp_path / "many", 12)
    db = tmp_path / "resume.duckdb"
    part = core.run(sorted(folder.iterdir())[:5], db=db)
    assert (part.written, part.skipped) == (5, 0)
    seen: list[int] = []
    whole = core.run([folder], db=db, progress=lambda s: seen.append(s.written))
    assert (whole.read, whole.written, whole.skipped) == (12, 7, 5)
    assert whole.store["articles"] == 12
    assert seen and seen[-1] == 7
    counts = _counts(db)
    assert counts["articles"] == counts["distinct_articles"] == 12
    assert counts["events"] == counts["distinct_events"]


@pytest.mark.slow
def test_killed_run_resumes_without_duplicates(tmp_path):
    n = 40
    folder = _many(tmp_path / "many", n)
    db = tmp_path / "killed.duckdb"
    env = {**os.environ, "COLUMNS": "120"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "dateline", "-v", "run", str(folder), "--db", str(db), "--batch-size", "1"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        for line in proc.stderr:
            if "stored" in line:
                proc.kill()  # SIGKILL after the first committed write: no clean shutdown
                break
    finally:
        proc.kill()
        proc.wait()
    stored = _counts(db)["articles"]
    assert 1 <= stored <= n

    second = dateline("run", folder, "--db", db, "--batch-size", "8", cwd=tmp_path)
    counts = _counts(db)
    assert counts["articles"] == counts["distinct_articles"] == n
    assert counts["events"] == counts["distinct_events"]
    assert "skipped" in second.stdout


def test_locked_store_is_a_clear_error(corpus, tmp_path, locked_db):
    proc = dateline("run", corpus / "sudan.txt", "--db", locked_db, cwd=tmp_path, check=False)
    assert proc.returncode == 1
    assert "in use by another" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_gazetteer_build_then_extract_with_it(tmp_path: Path) -> None:
    from test_places import write_tiny_geonames

    files = write_tiny_geonames(tmp_path)
    index = tmp_path / "mine.sqlite"
    proc = dateline("gazetteer", "build", "--from", *files, "-o", index, cwd=tmp_path)
    assert index.is_file()
    assert re.search(r"geonames\W+4\b", proc.stdout) and str(index.resolve()) in proc.stdout.replace("\n", "")
    article = tmp_path / "tigris.txt"
    article.write_text("Iraqi forces crossed the Tigris River in Mosul on Tuesday, officials said.", encoding="utf-8")
    result = json.loads(dateline("extract", "--gazetteer", index, article, cwd=tmp_path).stdout)
    assert {p["geonameid"] for p in result["places"]} >= {96998, 99072}
    bad = dateline("gazetteer", "build", "--from", article, "-o", tmp_path / "x.sqlite", cwd=tmp_path, check=False)
    assert bad.returncode == 1 and "not a GeoNames file" in bad.stderr
