"""`dateline spark run` on a real local Spark (local[2]) gives what `dateline run` gives, field for field.

The inputs: the bundled examples, a gzipped WARC built here (pages, a request record, a 404) and a JSON Lines
corpus with a broken line, both cut into several parts by a small split size, so that reading by byte ranges is
tested too. Needs Java: without it these tests fail (CI installs a headless JRE), they do not skip.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from dateline import core, ingest
from dateline.config import Config
from dateline.store.db import Store

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

PLACES = ["Kharkiv", "Mosul", "Gao", "Kandahar", "Goma", "Aleppo", "Sittwe", "Mogadishu"]


def _story(i: int) -> str:
    place = PLACES[i % len(PLACES)]
    return (
        f"Gunmen attacked a police post in {place} on March {i + 3}, 2024, killing {i + 2} officers, the provincial "
        f"governor said on Tuesday. Police arrested {i + 1} suspects after the attack, and the interior ministry "
        f"accused an armed group of planning it. Residents of {place} said the shooting lasted an hour."
    )


def _warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(8):
            html = (
                f"<html><head><title>Attack {i}</title></head><body><article><p>{_story(i)}</p></article></body></html>"
            )
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            url = f"https://news.example/{i}"
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
            )
            if i == 3:
                writer.write_record(
                    writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n"))
                )
                missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
                writer.write_record(
                    writer.create_warc_record(
                        url + "x", "response", payload=io.BytesIO(b"<p>gone</p>"), http_headers=missing
                    )
                )


def _jsonl(path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(8, 18):
            fh.write(
                json.dumps({"url": f"https://wire.example/{i}", "text": _story(i), "published": "2024-03-20"}) + "\n"
            )
            if i == 12:
                fh.write('{"url": "https://wire.example/broken", "text": \n')


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("spark-inputs")
    _warc(folder / "crawl.warc.gz")
    _jsonl(folder / "wire.jsonl")
    return [ROOT / "examples", folder / "crawl.warc.gz", folder / "wire.jsonl"]


SPLIT = 1500  # bytes: the WARC and the JSONL file are each cut into several parts


@pytest.fixture(scope="module")
def spark_session():
    if shutil.which("java") is None:
        pytest.fail("no Java runtime: PySpark needs one (CI installs openjdk-17-jre-headless); not skipping")
    from dateline import spark

    session = spark.session("local[2]", memory="1g")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def single(inputs, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("single") / "single.duckdb"
    core.run(inputs, db=db)
    core.export(db, "parquet", db.with_suffix(".parquet"))
    return db


@pytest.fixture(scope="module")
def dataset(inputs, spark_session, tmp_path_factory):
    from dateline import spark

    out = tmp_path_factory.mktemp("spark") / "out"
    summary = spark.run(inputs, out, spark=spark_session, split_bytes=SPLIT)
    return out, summary


def test_inputs_are_cut_into_parts(inputs):
    parts = ingest.plan(inputs, split_bytes=SPLIT)
    by_file = {p.shown: p.count for p in parts}
    assert by_file[str(inputs[1])] >= 2 and by_file[str(inputs[2])] >= 2
    config = Config()
    for path in inputs[1:]:
        whole = [(d.article.id, d.article.source) for d in ingest.read_paths([path], config)]
        cut = [
            (d.article.id, d.article.source) for p in parts if p.path == str(path) for d in ingest.read_part(p, config)
        ]
        assert cut == whole


def test_spark_run_writes_every_article_and_error(dataset, single):
    out, summary = dataset
    assert not summary.failed
    with Store(single, read_only=True) as store:
        totals = store.summary()
    assert summary.articles == totals["articles"] and summary.events == totals["events"]
    assert summary.errors == {"ingest:bad-json": 1}  # the broken line is an error row, not a failed job
    assert 1 <= summary.workers <= 2 and summary.pipeline_builds == summary.workers  # once per Python worker
    assert (out / "events").is_dir() and any((out / "events").glob("event_month=2024-03/*.parquet"))


TABLES = {
    "articles": "ingested_at",
    "actors": None,
    "places": None,
    "times": None,
    "quotes": None,
    "events": None,
    "event_actors": None,
    "casualties": None,
    "errors": "recorded_at",
    "event_clusters": None,
}


def _differences(con, a: str, b: str, exclude: str | None) -> int:
    cols = f"* EXCLUDE ({exclude})" if exclude else "*"
    one = con.execute(f"SELECT count(*) FROM (SELECT {cols} FROM {a} EXCEPT ALL SELECT {cols} FROM {b})").fetchone()
    two = con.execute(f"SELECT count(*) FROM (SELECT {cols} FROM {b} EXCEPT ALL SELECT {cols} FROM {a})").fetchone()
    return one[0] + two[0]


def test_imported_store_equals_the_single_machine_store(dataset, single, tmp_path):
    out, _ = dataset
    db = tmp_path / "imported.duckdb"
    summary = core.import_dataset(out, db=db)
    assert summary.written == summary.store["articles"] > 10
    again = core.import_dataset(out, db=db)  # idempotent
    assert again.written == 0 and again.store == summary.store
    con = duckdb.connect()
    con.execute(f"ATTACH '{single}' AS a (READ_ONLY)")
    con.execute(f"ATTACH '{db}' AS b (READ_ONLY)")
    for table, exclude in TABLES.items():
        n = con.execute(f"SELECT count(*) FROM a.{table}").fetchone()[0]
        assert n > 0, table
        assert _differences(con, f"a.{table}", f"b.{table}", exclude) == 0, table


def test_spark_event_table_and_clusters_equal_the_single_machine_export(dataset, single):
    out, summary = dataset
    con = duckdb.connect()
    mine = f"(SELECT * FROM read_parquet('{out}/events/*/*.parquet', hive_partitioning = false))"
    theirs = f"(SELECT * FROM '{single.with_suffix('.parquet')}')"
    # the same columns, in the same order, of the same types
    assert con.execute(f"DESCRIBE {mine}").fetchall() == con.execute(f"DESCRIBE {theirs}").fetchall()
    assert _differences(con, mine, theirs, "timestamp") == 0
    con.execute(f"ATTACH '{single}' AS a (READ_ONLY)")
    clusters = f"(SELECT * FROM read_parquet('{out}/clusters/*.parquet'))"
    assert _differences(con, "a.event_clusters", clusters, None) == 0
    several = con.execute("SELECT count(DISTINCT cluster_id) FROM a.event_clusters WHERE n_articles > 1").fetchone()[0]
    assert summary.clusters == several > 0


def test_a_second_run_skips_finished_parts(dataset, inputs, spark_session):
    from dateline import spark

    out, first = dataset
    files = sorted(p.relative_to(out) for p in (out / "store").rglob("*.parquet"))
    again = spark.run(inputs, out, spark=spark_session, split_bytes=SPLIT)
    assert again.done_before == again.parts == first.parts and again.articles == 0
    assert sorted(p.relative_to(out) for p in (out / "store").rglob("*.parquet")) == files
    assert again.dataset_events == first.dataset_events and again.clusters == first.clusters


def test_the_command_line_runs_and_imports(spark_session, tmp_path):
    from typer.testing import CliRunner

    from dateline.cli import app

    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(app, ["spark", "run", str(ROOT / "examples" / "*.txt"), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "articles written" in result.output and (out / "clusters").is_dir()
    db = tmp_path / "imported.duckdb"
    result = runner.invoke(app, ["import", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    texts = len(list((ROOT / "examples").glob("*.txt")))
    assert f"imported {texts} new article(s)" in result.output


def test_components_by_label_propagation_equal_the_driver_union_find(dataset, spark_session, monkeypatch, tmp_path):
    from dateline.spark import _merge

    out, summary = dataset
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    monkeypatch.setattr(_merge, "DRIVER_PAIRS", 0)  # as for a corpus with more pairs than the driver takes
    counts = _merge.merge(spark_session, str(copy))
    assert counts == {"events": summary.dataset_events, "clusters": summary.clusters}
    con = duckdb.connect()
    a, b = (f"(SELECT * FROM read_parquet('{d}/clusters/*.parquet'))" for d in (out, copy))
    assert _differences(con, a, b, None) == 0
