"""Shared fixtures: one spaCy pipeline per test session, real files in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "seed-iraq-is-alqaeda-talks.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False, help="also run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip_slow = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip_slow)


@pytest.fixture(scope="session")
def pipeline():
    """The full dateline pipeline with the real spaCy model, built once for the session."""
    from dateline.core import get_pipeline

    return get_pipeline()


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline.nlp


@pytest.fixture(scope="session")
def seed_result():
    """The seed article run through the whole pipeline."""
    import dateline

    return dateline.extract(SEED)


@pytest.fixture
def locked_db(tmp_path):
    """A real DuckDB store file held open for writing by another process for the length of the test."""
    import subprocess
    import sys

    from dateline.store import Store

    path = tmp_path / "locked.duckdb"
    Store(path).close()
    code = f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('ok', flush=True); time.sleep(30)"
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        yield path
    finally:
        holder.kill()
        holder.wait()
