"""The hostile corpus generator (``scripts/hostile_corpus.py``) and the accounting of ``bench/hostile.py``."""

from __future__ import annotations

import importlib.util
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Invented "real" articles: the generator takes real ones only from --real, never from the repository.
REAL = [
    {"url": f"http://invented.example/real/{n}", "text": f"Farmers blocked road {n} near Elmsworth on Tuesday. " * 8}
    for n in range(6)
]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_hostile", ROOT / "bench" / "hostile.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    real = tmp / "real.jsonl"
    real.write_text("".join(json.dumps(r) + "\n" for r in REAL))
    out = tmp / "corpus"
    command = [sys.executable, str(ROOT / "scripts" / "hostile_corpus.py"), str(out), "--n", "400"]
    command += ["--real", str(real), "--real-n", "6", "--sizes", "300", "--bomb-mb", "2"]
    subprocess.run(command, check=True, capture_output=True)
    return out


def test_the_corpus_holds_every_hostile_kind(corpus: Path) -> None:
    manifest = json.loads((corpus / ".manifest.json").read_text())
    kinds = {entry["kind"] for entry in manifest["inputs"]}
    for kind in (
        "nonutf8-name",
        "gzip-bomb",
        "csv-huge-columns",
        "csv-header-only",
        "jsonl-blank",
        "jsonl-surrogate-deep",
        "binary",
        "empty",
        "symlink-loop",
        "dangling-link",
        "fifo",
        "adversarial-quote-run",
        "adversarial-he-said",
        "adversarial-casualties",
        "adversarial-comma-list",
        "adversarial-on-monday",
        "long-line",
        "mixed-encoding",
        "broken-html",
        "real-txt",
        "real-jsonl",
    ):
        assert kind in kinds, kind
    assert manifest["documents"] >= 400 and manifest["real"] == 6
    assert sum(len(entry["real"]) for entry in manifest["inputs"]) == 6
    assert any(stat.S_ISFIFO(os.lstat(p).st_mode) for p in (corpus / "fifo").iterdir())
    names = os.listdir(os.fsencode(corpus / "nonutf8-name"))
    assert any(b"\xff" in name for name in names)
    bomb = next((corpus / "gzip-bomb").iterdir())
    assert bomb.stat().st_size < 20_000  # 2 MB of payload in a few KB


def test_the_same_seed_writes_the_same_corpus(corpus: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.jsonl"
    real.write_text("".join(json.dumps(r) + "\n" for r in REAL))
    again = tmp_path / "again"
    command = [sys.executable, str(ROOT / "scripts" / "hostile_corpus.py"), str(again), "--n", "400"]
    command += ["--real", str(real), "--real-n", "6", "--sizes", "300", "--bomb-mb", "2"]
    subprocess.run(command, check=True, capture_output=True)
    assert (again / ".manifest.json").read_text().replace(str(again), "") == (
        (corpus / ".manifest.json").read_text().replace(str(corpus), "")
    )


def test_accounting_finds_missing_records_and_unstored_real_articles() -> None:
    bench = _bench()
    manifest = {
        "inputs": [
            {"token": "h00000", "kind": "empty", "name": "empty/h00000-empty.txt", "records": 1, "real": []},
            {"token": "h00001", "kind": "bulk", "name": "b/h00001-bulk.jsonl", "records": 3, "real": ["h00001#2"]},
            {"token": "h00002", "kind": "real-txt", "name": "r/h00002-real.txt", "records": 1, "real": ["h00002"]},
        ]
    }
    sources = [
        ("/c/b/h00001-bulk.jsonl#1", True),
        ("/c/b/h00001-bulk.jsonl#2", False),  # read, but an ingest error: not stored
        ("/c/r/h00002-real.txt", True),
    ]
    found = bench.accounting(manifest, sources)
    assert found["missing"] == {"empty": 1, "bulk": 1}
    assert found["real_missing"] == ["b/h00001-bulk.jsonl#2"]


@pytest.mark.slow
def test_the_bench_reports_on_a_small_corpus(corpus: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "hostile.py"), str(corpus), "--timeout", "600", "--mem-limit-gb", "6"],
        capture_output=True,
        text=True,
        timeout=1300,
    )
    assert proc.returncode == 0, proc.stderr
    for line in (
        "dateline run: exit",
        "records in the store",
        "every input accounted for",
        "real articles stored",
        "per-document timing",
        "slowest documents",
    ):
        assert line in proc.stdout
