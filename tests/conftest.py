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


@pytest.fixture(scope="session")
def example_db(tmp_path_factory):
    """The store `dateline run examples/` makes (built once per session; tests that write use a copy)."""
    from dateline import core

    db = tmp_path_factory.mktemp("serve") / "examples.duckdb"
    core.run([ROOT / "examples"], db=db)
    return db


@pytest.fixture(scope="session")
def served(example_db):
    """A real `dateline serve` process on the examples' store; yields its base URL."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "dateline", "serve", "--db", str(example_db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"{base}/api/types", timeout=2):
                    break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"dateline serve exited: {server.stderr.read()}")
                time.sleep(0.1)
        else:
            pytest.fail("dateline serve did not answer in 15 s")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def _load_eval(name: str):
    """A script of ``eval/`` loaded as a module (the scripts are not a package)."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(f"dateline_eval_{name}", ROOT / "eval" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def eval_module():
    """``eval_module("merge")``: an eval script as a module, for tests of the evals' data and rules."""
    return _load_eval
