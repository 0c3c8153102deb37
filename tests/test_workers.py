"""Worker processes (dateline.workers): whole pipeline per document, input order, a time and memory budget.

Real processes throughout. A slow or failing document is made by swapping a stage into the parent's pipeline
before the workers fork from it (the ``pipeline`` argument of ``workers.extract``), as test_pipeline.py does
in-process; the budget is also checked on a real long article under a tiny budget, with no stage swapped.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from dateline import core, ingest, workers
from dateline.config import Config
from dateline.document import Document
from dateline.errors import PipelineError
from dateline.model import Article, StageError
from dateline.pipeline import Stage

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

SHORT = "Police arrested {} protesters in Khartoum on Monday, witnesses said."
# An invented news-length paragraph; repeated it makes a long, ordinary article.
PARAGRAPH = (
    "The regional council met in the northern town on Tuesday to discuss the new water plan, officials said. "
    "Farmers from three districts asked the governor to delay the vote until after the harvest.\n\n"
)


def _docs(texts: list[str]) -> list[Document]:
    return [Document(Article(id=str(i), text=text)) for i, text in enumerate(texts)]


@contextmanager
def _extra_stage(pipeline, run):
    """``pipeline`` with a first stage ``run`` for the length of the block (workers fork with it)."""
    original = pipeline.stages
    pipeline.stages = [Stage("test", run, (), ()), *original]
    try:
        yield pipeline
    finally:
        pipeline.stages = original


def _stall_on_marker(doc, resources):
    if "STALL" in doc.article.text:
        time.sleep(60)


def _raise_on_marker(doc, resources):
    if "BOOM" in doc.article.text:
        raise RuntimeError("boom")


def test_two_workers_give_one_process_output_in_input_order(pipeline):
    config = Config()
    docs = [d for d in ingest.read_paths([EXAMPLES], config)]
    unreadable = Document(Article(id="unreadable"), errors=[StageError(stage="ingest", kind="empty", message="x")])
    docs.insert(3, unreadable)
    expected = [d.result().model_dump_json() for d in pipeline.process(_copy(docs))]
    got = list(workers.extract(_copy(docs), config.replace(n_process=2), pipeline))
    assert [r.article.id for r in got] == [d.article.id for d in docs]
    assert [r.model_dump_json() for r in got] == expected
    assert got[3].errors[0].kind == "empty"


def _copy(docs: list[Document]) -> list[Document]:
    return [Document(d.article, errors=list(d.errors)) for d in docs]


def test_core_extract_all_is_the_same_with_one_or_two_processes():
    one = [r.model_dump_json() for r in core.extract_all([EXAMPLES], config=Config(doc_timeout=0))]
    two = [r.model_dump_json() for r in core.extract_all([EXAMPLES], config=Config(n_process=2))]
    assert one == two and len(one) >= 10


def test_a_document_over_the_budget_gets_a_timeout_and_the_batch_goes_on(pipeline):
    texts = [SHORT.format(1), SHORT.format(2) + " STALL", SHORT.format(3)]
    config = Config(n_process=1, doc_timeout=2.0)  # ample for a sentence on a busy machine
    started = time.monotonic()
    with _extra_stage(pipeline, _stall_on_marker):
        got = list(workers.extract(_docs(texts), config, pipeline))
    assert time.monotonic() - started < 20
    assert [d.article.id for d in got] == ["0", "1", "2"]
    stalled = got[1]
    assert [(e.stage, e.kind) for e in stalled.errors] == [("pipeline", "timeout")]
    assert "doc_timeout" in stalled.errors[0].message
    assert stalled.article.text == texts[1] and not stalled.events and not stalled.actors
    for done in (got[0], got[2]):  # the replaced worker carries on
        assert not done.errors and done.events


def test_a_real_long_article_over_a_tiny_budget_times_out_alone(pipeline):
    texts = [SHORT.format(1), PARAGRAPH * 700, SHORT.format(3)]  # 135,000 characters: 4 s or more, twice the budget
    got = list(workers.extract(_docs(texts), Config(doc_timeout=2.0), pipeline))
    assert [d.article.id for d in got] == ["0", "1", "2"]
    assert [e.kind for e in got[1].errors] == ["timeout"]
    assert not got[0].errors and not got[2].errors


def _size_mb() -> int:
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(status["VmSize"].split()[0]) // 1024


def test_a_worker_out_of_memory_gives_worker_died_and_is_replaced(pipeline):
    list(workers.extract(_docs([SHORT.format(0)]), Config(), pipeline))  # the parent warmed up: its final size
    texts = [SHORT.format(1), PARAGRAPH * 400, SHORT.format(3)]
    config = Config(doc_timeout=120, worker_memory_mb=_size_mb() + 128)  # workers start at the parent's size
    got = list(workers.extract(_docs(texts), config, pipeline))
    assert [d.article.id for d in got] == ["0", "1", "2"]
    assert [e.kind for e in got[1].errors] in (["worker-died"], ["stage-failed"])
    assert not got[0].errors and not got[2].errors and got[2].events


def test_a_memory_limit_below_a_worker_s_size_is_refused(pipeline):
    with pytest.raises(PipelineError, match="worker_memory_mb=10 leaves a worker no room"):
        list(workers.extract(_docs([SHORT.format(1)]), Config(worker_memory_mb=10), pipeline))


def test_a_pipeline_exception_is_recorded_or_raised_with_strict(pipeline):
    texts = [SHORT.format(1), SHORT.format(2) + " BOOM", SHORT.format(3)]
    original = pipeline.config
    with _extra_stage(pipeline, _raise_on_marker):
        got = list(workers.extract(_docs(texts), Config(n_process=2), pipeline))
        assert [(e.stage, e.kind) for e in got[1].errors] == [("test", "stage-failed")]
        assert not got[0].errors and not got[2].errors
        pipeline.config = original.replace(strict=True)  # the stages re-raise in the workers
        try:
            seen = []
            with pytest.raises(RuntimeError, match="boom"):
                for doc in workers.extract(_docs(texts), Config(strict=True), pipeline):
                    seen.append(doc.article.id)
        finally:
            pipeline.config = original
    assert seen == ["0"]  # every earlier document comes out first


def test_no_budget_and_one_process_runs_in_this_process():
    assert not workers.uses_workers(Config(doc_timeout=0))
    assert workers.uses_workers(Config()) and workers.uses_workers(Config(n_process=2, doc_timeout=0))


def test_a_worker_that_cannot_start_is_an_error():
    with pytest.raises(PipelineError):
        list(workers.extract(_docs([SHORT.format(1)]), Config(spacy_model="no_such_model", start_method="spawn")))


@pytest.mark.slow
def test_spawned_workers_give_the_same_output(pipeline):
    docs = [d for d in ingest.read_paths([EXAMPLES], Config())]
    expected = [d.result().model_dump_json() for d in pipeline.process(_copy(docs))]
    got = list(workers.extract(_copy(docs), Config(n_process=2, start_method="spawn")))
    assert [r.model_dump_json() for r in got] == expected


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.slow
def test_workers_exit_when_the_parent_is_killed(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    for i in range(40):
        (tmp_path / f"{i:02}.txt").write_text((PARAGRAPH * 20).replace("Tuesday", f"day {i}"), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "dateline", "extract", str(tmp_path), "--n-process", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # the workers are running
    workers_ = _children(proc.pid)
    assert len(workers_) == 2
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers_) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = [pid for pid in workers_ if Path(f"/proc/{pid}").exists()]
    assert not alive, f"workers {alive} outlived their parent"


@pytest.mark.slow
def test_cli_doc_timeout_records_a_timeout_and_exits_zero(tmp_path):
    import json
    import subprocess
    import sys

    article = tmp_path / "council.txt"
    article.write_text(
        "Council delays water vote\n\nNORTHTOWN, May 2 — The regional council delayed its vote on the water plan on "
        "Tuesday after farmers from three districts marched to the town hall, officials said.",
        encoding="utf-8",
    )
    cmd = [sys.executable, "-m", "dateline", "extract", str(article), "--doc-timeout", "0.001"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    result = json.loads(line)
    assert [(e["stage"], e["kind"]) for e in result["errors"]] == [("pipeline", "timeout")]
    assert result["article"]["text"] and not result["events"]
