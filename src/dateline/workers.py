"""Worker processes that run the whole pipeline (parse and stages) per document, under a time and memory budget.

:func:`extract` is what ``dateline extract``/``run`` (through :mod:`dateline.core`) use when ``Config.n_process``
is above one or a per-document budget (``Config.doc_timeout``) is set. The parent reads documents, sends them in
input order to ``n_process`` workers in chunks (short articles together, so spaCy still parses in batches; at most
``batch_size`` documents or about :data:`CHUNK_CHARS` characters), each worker one chunk ahead so it never waits
for the parent between chunks, and yields the results in input order. A
document travels to its worker as its article's JSON and comes back as its result's JSON (pydantic's JSON is
several times faster than pickling the models, and the parent's share of the work limits the speed-up). A worker
sends each result as soon as its document's stages are done, so the parent knows which document a worker is on:

- a worker that sends nothing for ``doc_timeout`` seconds is killed and replaced; when the document it was on is
  certain (the only one of its chunk not yet done) that document gets a ``StageError(kind="timeout")`` and keeps
  its article, without facts; otherwise the chunk's unfinished documents are retried one by one, each with a
  full budget, so the one that stalls alone is found and the others come out as they would have;
- a worker that dies (killed, crashed, out of memory under ``worker_memory_mb``) is replaced the same way and the
  document gets ``kind="worker-died"``; an exception escaping the pipeline gives ``kind="pipeline-failed"`` (with
  ``strict`` it is raised, once every earlier document has been yielded).

Start method: ``fork`` where the platform has it (Linux): the parent builds the pipeline once, runs a short
article through it so every stage's shared data is built, and forks the workers from it, so they start in
milliseconds and share the model's memory copy-on-write (the GC is frozen after loading, so collections do not
touch those pages). The forked state is safe to share: the gazetteer's SQLite connection is opened
``immutable`` (no locks, no change detection), workers never touch the parent's store, and they send their log
records to the parent instead of writing to its console. ``Config.start_method="spawn"`` (or ``forkserver``)
builds the pipeline in each worker instead (several seconds each). Store writes stay in the parent.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import pickle
import resource
import signal
import sys
import time
import traceback
import weakref
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from . import ingest
from .config import Config
from .document import Document
from .errors import PipelineError
from .model import Article, Result, StageError
from .pipeline import Pipeline

LOGGER = logging.getLogger(__name__)

# A chunk holds at most this many characters (and at most batch_size documents): short articles travel and parse
# together, news-length ones nearly alone, so a worker reports back often and spaCy still batches short texts.
CHUNK_CHARS = 20_000
# A worker busy with a chunk gets its next one in advance (so it never waits for the parent between chunks) only
# when the message fits the pipe's buffer: the parent's send then returns at once instead of blocking, with the
# watchdog, until the busy worker reads it. A larger chunk waits in the parent until its worker is idle.
PREFETCH_BYTES = 48 * 1024
# An exception's text kept in an error record, at most (the exception may quote a whole article).
_MAX_DETAIL = 500
# A worker that runs out of memory exits with this code (its state is not to be trusted after a MemoryError).
_EXIT_MEMORY = 3
# A worker whose memory limit leaves it no room to work (below its size at start plus this) exits with the next.
_HEADROOM_MB = 64
_EXIT_LIMIT_TOO_LOW = 4
_WARM_UP = (
    "NAIROBI, March 3 (Reuters) - Police fired tear gas at protesters in Nairobi on Monday, the interior "
    "ministry said, and two people were killed. The opposition said it would march again on Friday."
)
_WARMED: weakref.WeakSet[Pipeline] = weakref.WeakSet()


def uses_workers(config: Config) -> bool:
    """Whether documents go through worker processes: more than one, or a per-document budget to enforce."""
    return config.n_process > 1 or config.doc_timeout > 0


def start_method(config: Config) -> str:
    """The multiprocessing start method: ``Config.start_method``, else fork where the platform has it."""
    if config.start_method:
        return config.start_method
    return "fork" if "fork" in multiprocessing.get_all_start_methods() and sys.platform == "linux" else "spawn"


def extract(docs: Iterable[Document], config: Config, pipeline: Pipeline | None = None) -> Iterator[Result]:
    """Annotate ``docs`` in ``config.n_process`` worker processes; yield their results in input order.

    ``pipeline``: the parent's pipeline to fork the workers from (start method ``fork``); built by the workers
    themselves otherwise. Documents ingest already marked as failed (no text) pass through untouched.
    """
    method = start_method(config)
    if method == "fork":
        pipeline = pipeline if pipeline is not None else Pipeline(config)
        _warm_up(pipeline)
    else:
        pipeline = None
    pool = _Pool(config, multiprocessing.get_context(method), pipeline)
    try:
        yield from pool.run(iter(docs))
    finally:
        pool.close()


def _warm_up(pipeline: Pipeline) -> None:
    """Run a short article through ``pipeline`` once, so the data stages build on first use exists before forking."""
    if pipeline not in _WARMED:
        for _ in pipeline.process([ingest.from_text(_WARM_UP, config=pipeline.config)]):
            pass
        _WARMED.add(pipeline)


@dataclass(slots=True)
class _Task:
    seq: int
    doc: Document


@dataclass(slots=True)
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False
    chunks: deque[list[_Task]] = field(default_factory=deque)  # sent, in the order the worker does them
    staged: tuple[list[_Task], bytes] | None = None  # its next chunk, held until it fits the pipe or it is idle
    clock: float = 0.0  # when it last reported progress (or got work while idle)


class _Pool:
    """The workers, the documents in flight and the reorder buffer of one :func:`extract` call."""

    def __init__(self, config: Config, context: Any, pipeline: Pipeline | None):
        self.config = config
        self.context = context
        self.pipeline = pipeline
        self.workers: list[_Worker] = []
        self.retry: deque[list[_Task]] = deque()
        self.done: dict[int, Result | BaseException] = {}
        self.read = 0  # documents taken from the input
        self.out = 0  # documents yielded
        self.exhausted = False
        self.ahead = max(64, 4 * max(1, config.n_process) * max(1, config.batch_size))
        for _ in range(max(1, config.n_process)):
            self.workers.append(self._start())

    def run(self, docs: Iterator[Document]) -> Iterator[Result]:
        while True:
            for worker in list(self.workers):
                self._feed(worker, docs)
            while self.out in self.done:
                item = self.done.pop(self.out)
                self.out += 1
                if isinstance(item, BaseException):
                    raise item
                yield item
            if self.exhausted and self.out == self.read:
                return
            self._wait()

    def _feed(self, worker: _Worker, docs: Iterator[Document]) -> None:
        """Keep ``worker`` one chunk ahead: the chunk it works on and the next, sent in advance when it is small."""
        if not worker.ready:
            return
        while len(worker.chunks) < 2:
            if worker.staged is None:
                chunk = self._next_chunk(docs)
                if not chunk:
                    return
                payload = pickle.dumps([(t.seq, t.doc.article.model_dump_json()) for t in chunk])
                worker.staged = (chunk, payload)
            chunk, payload = worker.staged
            if worker.chunks and len(payload) > PREFETCH_BYTES:
                return  # too large to wait in the pipe: sent when the worker is idle
            worker.staged = None
            if not self._send(worker, chunk, payload):
                return

    def _next_chunk(self, docs: Iterator[Document]) -> list[_Task]:
        if self.retry:
            return self.retry.popleft()
        chunk: list[_Task] = []
        chars = 0
        limit = max(1, self.config.batch_size)
        while len(chunk) < limit and chars < CHUNK_CHARS and not self.exhausted and self.read - self.out < self.ahead:
            doc = next(docs, None)
            if doc is None:
                self.exhausted = True
                break
            seq, self.read = self.read, self.read + 1
            if doc.article.text and not doc.errors:
                chunk.append(_Task(seq, doc))
                chars += len(doc.article.text)
            else:
                self.done[seq] = doc.result()  # nothing to parse: passes through in its place
        return chunk

    def _send(self, worker: _Worker, chunk: list[_Task], payload: bytes) -> bool:
        if not worker.chunks:
            worker.clock = time.monotonic()
        try:
            worker.conn.send_bytes(payload)  # what Connection.send would send: the worker's recv() unpickles it
        except OSError:  # it died waiting for work: the chunk goes to the next worker, unblamed
            self.retry.appendleft(chunk)
            self._replace(worker, "worker-died")
            return False
        worker.chunks.append(chunk)
        return True

    def _wait(self) -> None:
        """Handle what the workers sent, or their deaths; then stop those over their budget."""
        busy = [w for w in self.workers if w.chunks or not w.ready]
        if not busy:
            raise PipelineError("internal error: documents in flight but no worker busy")
        timeout = None
        if self.config.doc_timeout > 0 and any(w.chunks for w in busy):
            deadline = min(w.clock for w in busy if w.chunks) + self.config.doc_timeout
            timeout = max(0.0, deadline - time.monotonic())
        waitables: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        for _ in wait(waitables, timeout):
            pass
        for worker in list(busy):
            self._drain(worker)
        if self.config.doc_timeout > 0:
            now = time.monotonic()
            for worker in list(self.workers):
                if worker.chunks and now - worker.clock >= self.config.doc_timeout:
                    self._replace(worker, "timeout")

    def _drain(self, worker: _Worker) -> None:
        try:
            while worker.conn.poll():
                self._handle(worker, worker.conn.recv())
        except (EOFError, OSError):
            self._replace(worker, "worker-died")
            return
        if not worker.process.is_alive() and worker in self.workers:
            self._replace(worker, "worker-died")

    def _handle(self, worker: _Worker, message: tuple) -> None:
        kind = message[0]
        if kind == "log":
            record = message[1]
            logger = logging.getLogger(record.name)
            if logger.isEnabledFor(record.levelno):
                logger.handle(record)
            return
        worker.clock = time.monotonic()
        if kind == "ready":
            worker.ready = True
        elif kind == "done":
            chunk = worker.chunks[0]
            task = chunk.pop(0)
            if task.seq != message[1]:
                raise PipelineError(f"internal error: worker sent document {message[1]}, expected {task.seq}")
            self.done[task.seq] = Result.model_validate_json(message[2])
            if not chunk:
                worker.chunks.popleft()
        elif kind == "failed":
            self._settle(worker.chunks.popleft(), "pipeline-failed", message[1], message[2])

    def _settle(self, chunk: list[_Task], kind: str, detail: str, exc: BaseException | None = None) -> None:
        """A chunk stopped before its end: the one unfinished document gets the error; several are retried alone."""
        if len(chunk) > 1:
            self.retry.extendleft([t] for t in reversed(chunk))
            return
        if not chunk:
            return
        task = chunk[0]
        if self.config.strict and kind == "pipeline-failed" and exc is not None:
            self.done[task.seq] = exc
            return
        LOGGER.warning("%s on %s: %s", kind, task.doc.article.id, detail)
        task.doc.errors.append(StageError(stage="pipeline", kind=kind, message=detail))
        self.done[task.seq] = task.doc.result()

    def _replace(self, worker: _Worker, kind: str) -> None:
        """Stop ``worker`` (over its budget, or dead), settle the documents it held and start another in its place."""
        if worker not in self.workers:
            return
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        if not worker.ready and kind == "worker-died":
            if worker.process.exitcode == _EXIT_LIMIT_TOO_LOW:
                raise PipelineError(
                    f"worker_memory_mb={self.config.worker_memory_mb} leaves a worker no room: it needs "
                    f"{_HEADROOM_MB} MB more than its size at start (see the log); raise it or set 0 (no limit)"
                )
            raise PipelineError(f"a worker process failed to start (exit code {worker.process.exitcode})")
        detail = self._why(worker, kind)
        if worker.staged is not None:  # never sent: back in line, unblamed
            self.retry.appendleft(worker.staged[0])
        chunks = list(worker.chunks)
        self.retry.extendleft(reversed(chunks[1:]))
        if chunks:
            self._settle(chunks[0], kind, detail)
        self.workers[self.workers.index(worker)] = self._start()

    def _why(self, worker: _Worker, kind: str) -> str:
        if kind == "timeout":
            return (
                f"processing took longer than the budget of {self.config.doc_timeout:g} s per document "
                "(doc_timeout); its worker process was stopped"
            )
        code = worker.process.exitcode
        if code == _EXIT_MEMORY:
            return f"the worker process ran out of memory (worker_memory_mb={self.config.worker_memory_mb})"
        if code is not None and code < 0:
            return f"the worker process was killed by signal {-code} ({signal.Signals(-code).name})"
        return f"the worker process died (exit code {code})"

    def _start(self) -> _Worker:
        parent_end, child_end = self.context.Pipe()
        # A forked worker closes its copies of the parent's ends (its own and the other workers'), so that it
        # reads end-of-file, and exits, when the parent is gone, however the parent ended.
        others = [parent_end, *(w.conn for w in self.workers)] if self.context.get_start_method() == "fork" else []
        level = logging.getLogger().getEffectiveLevel()
        args = (child_end, self.config, self.pipeline, others, level)
        proc = self.context.Process(target=_worker_main, args=args, daemon=True, name="dateline-worker")
        proc.start()
        child_end.close()
        return _Worker(proc, parent_end)

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        deadline = time.monotonic() + 1.0
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self.workers.clear()


class _PipeHandler(logging.Handler):
    """Sends a worker's log records to the parent, which logs them through its own handlers."""

    def __init__(self, conn: Connection):
        super().__init__()
        self.conn = conn

    def emit(self, record: logging.LogRecord) -> None:
        try:
            record.msg = record.getMessage()
            record.args = None
            if record.exc_info:
                record.exc_text = logging.Formatter().formatException(record.exc_info)
                record.exc_info = None
            self.conn.send(("log", record))
        except Exception:  # a record that cannot travel is dropped, never the document
            self.handleError(record)


def _worker_main(
    conn: Connection, config: Config, pipeline: Pipeline | None, others: list[Connection], level: int
) -> None:
    """A worker's life: build (or inherit) the pipeline, then annotate the chunks the parent sends until ``None``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops the workers
    for other in others:
        other.close()
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(_PipeHandler(conn))
    root.setLevel(level)
    if pipeline is None:
        pipeline = Pipeline(config)
    if config.worker_memory_mb > 0:
        _limit_memory(config.worker_memory_mb)
    with contextlib.suppress(EOFError, OSError):  # the parent is gone: nothing left to do
        conn.send(("ready",))
        while (chunk := conn.recv()) is not None:
            _annotate(conn, pipeline, chunk)


def _limit_memory(limit_mb: int) -> None:
    """Cap this process's address space at ``limit_mb``; exit if that leaves no room to work."""
    page_mb = os.sysconf("SC_PAGE_SIZE") / 2**20
    with open("/proc/self/statm") as fh:
        size_mb = int(fh.read().split()[0]) * page_mb
    if limit_mb < size_mb + _HEADROOM_MB:
        LOGGER.error("worker_memory_mb=%d: this worker's size at start is %.0f MB", limit_mb, size_mb)
        os._exit(_EXIT_LIMIT_TOO_LOW)
    resource.setrlimit(resource.RLIMIT_AS, (limit_mb * 2**20, limit_mb * 2**20))


def _annotate(conn: Connection, pipeline: Pipeline, chunk: list[tuple[int, str]]) -> None:
    """Run ``pipeline`` over one chunk of (sequence number, article JSON); send each result as it is done."""
    seqs = iter([seq for seq, _article in chunk])
    try:
        for doc in pipeline.process(Document(Article.model_validate_json(article)) for _seq, article in chunk):
            conn.send(("done", next(seqs), doc.result().model_dump_json()))
    except MemoryError:
        os._exit(_EXIT_MEMORY)
    except Exception as exc:
        detail = f"{type(exc).__name__}: {exc}"[:_MAX_DETAIL]
        exc.add_note("in a dateline worker process:\n" + traceback.format_exc())
        try:
            conn.send(("failed", detail, exc))
        except Exception:  # an exception that does not pickle travels as text
            conn.send(("failed", detail, PipelineError(detail)))
