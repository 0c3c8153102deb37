"""Progress people can read: inputs counted first, a bar with total/rate/ETA, ``--quiet``, a summary by outcome,
and library log lines that name the file being read. Through Typer's CliRunner on real files in tmp_path."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline import core, ingest
from dateline.cli import app
from dateline.config import Config
from dateline.ingest.limits import display_path
from dateline.ingest.reading import FileLogFilter, current_file, reading

# Invented articles for these tests.
ARTICLE = (
    "Farmers block roads near Elmsworth\n\n"
    "ELMSWORTH, May 3 — Hundreds of farmers blocked the main roads into Elmsworth on Tuesday with tractors, "
    "protesting against new fuel taxes, the regional police said. The protest ended peacefully in the evening."
)
OTHER = (
    "Ministers meet over river dispute\n\n"
    "KESTREL BAY, June 9 — The foreign ministers of two neighbouring states met in Kestrel Bay on Monday "
    "to settle a long dispute over the river, a spokesman for the ministry said after the talks."
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    lines = [json.dumps({"url": "http://invented.example/1", "text": OTHER}), "", "   ", "{broken"]
    (folder / "b.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def invoke(*args: str | Path):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_count_inputs_counts_lines_rows_and_files_without_parsing(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_bytes(b'{"text": 1}\n\n  \n{broken\n{"x": 2}')  # 3 non-blank, last unterminated
    (tmp_path / "b.csv").write_bytes(b"url,text\r\nu1,t1\r\n\r\nu2,t2\r\n")  # header + 2 rows
    (tmp_path / "c.csv").write_bytes(b"url,text\n")  # header only: still one record
    (tmp_path / "d.txt").write_bytes(b"x")
    (tmp_path / "e.jsonl").write_bytes(b"\n\n")  # blank lines only: one record
    (tmp_path / "f.warc.gz").write_bytes(b"\x1f\x8b")
    (tmp_path / "g.jsonl").write_bytes(b"x" * (3 << 20))  # one line over several chunks
    count = core.count_inputs([tmp_path])
    assert (count.documents, count.files, count.warc_files) == (3 + 2 + 1 + 1 + 1 + 1 + 1, 7, 1)
    assert not count.exact


def test_count_inputs_of_a_plain_folder_is_exact(corpus: Path) -> None:
    count = core.count_inputs([corpus])
    assert count.exact and count.documents == 1 + 2 + 1


def test_run_shows_a_bar_with_the_total_and_a_summary_by_outcome(corpus: Path, tmp_path: Path) -> None:
    result = invoke("run", corpus, "--db", tmp_path / "s.duckdb")
    assert result.exit_code == 0, result.output
    assert "ingesting" in result.stderr and "100%" in result.stderr and "ETA" in result.stderr
    summary = result.stdout
    for row in ("documents read", "stored now", "of them with errors", "skipped (already stored)"):
        assert row in summary
    assert "error ingest:empty" in summary and "error ingest:bad-json" in summary
    assert "the store" in summary and "store:" in summary
    again = invoke("run", corpus, "--db", tmp_path / "s.duckdb")
    assert "skipped (already stored)" in again.stdout and "error ingest" not in again.stdout


def test_run_quiet_prints_no_progress_and_no_summary(corpus: Path, tmp_path: Path) -> None:
    result = invoke("run", corpus, "--db", tmp_path / "s.duckdb", "--quiet")
    assert result.exit_code == 0
    assert result.stdout == "" and "ingesting" not in result.stderr
    assert (tmp_path / "s.duckdb").exists()


def test_extract_quiet_prints_only_json_lines(corpus: Path) -> None:
    result = invoke("extract", corpus, "-q")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 4 and all(json.loads(line)["article"] for line in lines)
    assert "extracting" not in result.stderr and "articles printed" not in result.stderr


def test_extract_summary_goes_to_stderr(corpus: Path) -> None:
    result = invoke("extract", corpus)
    assert len(result.stdout.splitlines()) == 4
    assert "articles printed" in result.stderr and "error ingest:empty" in result.stderr


def test_a_warc_makes_the_total_a_floor_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.warc").write_bytes(b"not a warc")
    result = invoke("run", tmp_path, "--db", tmp_path.parent / "w.duckdb")
    assert "WARC file(s), not counted" in result.stderr


# --- library log lines name the file ------------------------------------------------------------


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.addFilter(FileLogFilter())
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_library_log_lines_are_prefixed_with_the_file_being_read(tmp_path: Path) -> None:
    capture = _Capture()
    library = logging.getLogger("trafilatura.fuzzprobe")
    library.addHandler(capture)
    try:
        reading(tmp_path / "page.html")
        library.warning("discarding element %s", "div")
        logging.getLogger("dateline.ingest.probe").addHandler(capture)
        logging.getLogger("dateline.ingest.probe").warning("dateline names its files itself")
        reading(None)
        library.warning("outside any file")
    finally:
        library.removeHandler(capture)
        logging.getLogger("dateline.ingest.probe").removeHandler(capture)
    assert capture.lines == [
        f"{tmp_path / 'page.html'}: discarding element div",
        "dateline names its files itself",
        "outside any file",
    ]


def test_read_paths_notes_each_file_while_reading_it(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(b"")  # each gives an 'empty' error, logged while it is read
    seen: list[str | None] = []

    class Probe(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(current_file())

    probe = Probe(level=logging.INFO)
    logger = logging.getLogger("dateline.ingest")
    old = logger.level
    logger.addHandler(probe)
    logger.setLevel(logging.INFO)
    try:
        docs = list(ingest.read_paths([tmp_path], Config()))
    finally:
        logger.removeHandler(probe)
        logger.setLevel(old)
    assert len(docs) == 2
    assert seen == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert current_file() is None


def test_log_prefix_names_show_bytes_that_are_not_utf8() -> None:
    assert display_path("caf\udce9.txt") == "caf\\xe9.txt"
    assert display_path("plain.txt") == "plain.txt"
