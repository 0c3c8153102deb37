"""``dateline run`` on a hostile corpus (``scripts/hostile_corpus.py``): nothing lost, nothing stuck?

    python bench/hostile.py CORPUS_DIR [--db FILE] [--n-process N] [--timeout 1800] [--mem-limit-gb 8]
                            [--no-timing] [--slowest 10] [--timings FILE]

Two passes, each a subprocess under a memory limit (``RLIMIT_AS``, so a gzip bomb cannot take the machine)
and a wall-clock timeout:

1. ``python -m dateline run CORPUS_DIR --db FILE``: exit code, wall time, peak RSS of the run (children
   included: ``getrusage(RUSAGE_CHILDREN)``), then the store: documents, records, errors by kind, the
   longest error message; with the corpus's ``.manifest.json``: inputs that gave fewer records than they
   must (by kind) and real articles not stored.
2. (unless ``--no-timing``) per-document timing, since the pipeline does not report it: one document at a
   time through ``read_paths`` and the pipeline (``extract_all`` yields in groups), timing each, ingest
   included; prints the slowest documents (``--timings FILE``: all of them), and the document being read
   when the pass crashed or timed out.

Issue 11's bar: 0 crashes, every input accounted for, no document over 10 s, peak RSS under 2 GB, all real
articles stored.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _limits(mem_gb: float):
    def apply() -> None:
        os.setsid()  # its own process group: a timeout kills the run and its workers
        if mem_gb > 0:
            limit = int(mem_gb * (1 << 30))
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    env.pop("DATELINE_DB", None)
    return env


def _kill(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, 9)
    proc.wait()


def run_pass(corpus: Path, db: Path, args: argparse.Namespace, log: Path) -> dict:
    """``dateline run`` as a subprocess: exit code, wall time, peak RSS of the run and its children."""
    command = [sys.executable, "-m", "dateline", "run", str(corpus), "--db", str(db)]
    if args.n_process:
        command += ["--n-process", str(args.n_process)]
    start = time.perf_counter()
    with log.open("wb") as stderr:
        proc = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=stderr, env=_env(), preexec_fn=_limits(args.mem_limit_gb)
        )
        try:
            rc: int | str = proc.wait(timeout=args.timeout)
        except subprocess.TimeoutExpired:
            _kill(proc)
            rc = f"timed out after {args.timeout:.0f} s"
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"rc": rc, "wall": wall, "peak_mb": peak}


def store_counts(db: Path) -> dict:
    """Documents, errors by kind and each article's source, read back from the store."""
    import duckdb

    if not db.exists():
        return {"articles": 0, "errors": Counter(), "sources": [], "longest_message": 0}
    con = duckdb.connect(str(db), read_only=True)
    try:
        sources = con.execute("SELECT source, coalesce(text, '') <> '', n_errors FROM articles").fetchall()
        kinds = con.execute("SELECT stage || ':' || kind, count(*) FROM errors GROUP BY ALL").fetchall()
        longest = con.execute("SELECT coalesce(max(length(message)), 0) FROM errors").fetchone()[0]
        ingest_failed = {
            row[0] for row in con.execute("SELECT a.source FROM articles a JOIN errors e ON e.article_id = a.id "
                                          "WHERE e.stage = 'ingest' AND e.kind <> 'not-english'").fetchall()
        }  # fmt: skip
    finally:
        con.close()
    return {
        "articles": len(sources),
        "errors": Counter(dict(kinds)),
        "sources": [(s or "", has_text and s not in ingest_failed) for s, has_text, _n in sources],
        "longest_message": longest,
    }


_TOKEN = re.compile(r"(?:^|/)(h\d{5})-")


def accounting(manifest: dict, sources: list[tuple[str, bool]]) -> dict:
    """Inputs that gave fewer records than they must, and real articles not stored, from the manifest."""
    by_token: dict[str, list[tuple[str, bool]]] = {}
    for source, stored in sources:
        found = _TOKEN.search(source)
        if found:
            by_token.setdefault(found.group(1), []).append((source, stored))
    missing: Counter[str] = Counter()
    real_missing: list[str] = []
    for entry in manifest["inputs"]:
        got = by_token.get(entry["token"], [])
        if len(got) < entry["records"]:
            missing[entry["kind"]] += entry["records"] - len(got)
        for real in entry["real"]:
            _token, _, line = real.partition("#")
            if not any(stored and (not line or src.endswith(f"#{line}")) for src, stored in got):
                real_missing.append(f"{entry['name']}{'#' + line if line else ''}")
    return {"missing": missing, "real_missing": real_missing}


# --- per-document timing ---------------------------------------------------------------------------


def time_documents(corpus: Path) -> None:
    """(child) Print one JSON line per document read and per document done, with its seconds (ingest included).

    Documents go through the pipeline one at a time: ``extract_all`` yields them in groups, which would
    put a group's time on its first document.
    """
    from dateline import core, ingest
    from dateline.config import Config

    def say(**fields) -> None:
        sys.stdout.write(json.dumps(fields) + "\n")
        sys.stdout.flush()

    config = Config(batch_size=1)
    pipeline = core.get_pipeline(config)
    docs = ingest.read_paths([corpus], config)
    while True:
        start = time.perf_counter()
        doc = next(docs, None)
        if doc is None:
            return
        say(read=doc.article.source)
        result = next(pipeline.process([doc])).result()
        say(source=result.article.source, seconds=time.perf_counter() - start, chars=len(result.article.text))


def timing_pass(corpus: Path, args: argparse.Namespace) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--time-docs", str(corpus)]
    timings: list[tuple[float, str, int]] = []
    reading = ""
    with tempfile.TemporaryFile() as stderr:
        proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=stderr, env=_env(), preexec_fn=_limits(args.mem_limit_gb)
        )
        deadline = time.monotonic() + args.timeout
        import selectors

        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        rc: int | str | None = None
        buffer = b""
        while rc is None:
            if time.monotonic() > deadline:
                _kill(proc)
                rc = f"timed out after {args.timeout:.0f} s"
                break
            if not sel.select(timeout=1.0):
                continue
            chunk = os.read(proc.stdout.fileno(), 1 << 16)
            if not chunk:
                rc = proc.wait()
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                event = json.loads(line)
                if "read" in event:
                    reading = event["read"]
                else:
                    timings.append((event["seconds"], event["source"], event["chars"]))
        stderr.seek(0)
        tail = stderr.read()[-2000:].decode("utf-8", "replace")
    return {"rc": rc, "timings": sorted(timings, reverse=True), "reading": reading, "stderr_tail": tail}


# --- report ------------------------------------------------------------------------------------------


def _safe(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def report(corpus: Path, run: dict, store: dict, acc: dict | None, timing: dict | None, args) -> None:
    manifest_docs = acc["documents"] if acc else None
    print(f"hostile corpus: {corpus}" + (f" ({manifest_docs} documents in the manifest)" if acc else ""))
    print(f"dateline run: exit {run['rc']}, wall {run['wall']:.1f} s, peak RSS {run['peak_mb']:.0f} MB (children)")
    if run["rc"] != 0:
        print("  stderr tail:\n    " + "\n    ".join(_safe(run["stderr_tail"]).splitlines()[-12:]))
    print(f"records in the store: {store['articles']}")
    errors = store["errors"]
    print(f"errors: {sum(errors.values())} (longest message {store['longest_message']:,} characters)")
    for kind, count in errors.most_common():
        print(f"  {kind:32} {count:6}")
    if acc:
        missing = acc["missing"]
        print(f"every input accounted for: {'yes' if not missing else 'NO'}")
        for kind, count in missing.most_common():
            print(f"  {kind:32} {count:6} record(s) missing")
        print(f"real articles stored: {acc['real'] - len(acc['real_missing'])} of {acc['real']}")
    if timing:
        rows = timing["timings"]
        over = sum(1 for s, _, _ in rows if s > 10)
        print(f"per-document timing: exit {timing['rc']}, {len(rows)} results timed, {over} over 10 s")
        if timing["rc"] != 0:
            print(f"  being read when it stopped: {_safe(timing['reading'])}")
            print("  stderr tail:\n    " + "\n    ".join(_safe(timing["stderr_tail"]).splitlines()[-6:]))
        print("slowest documents:")
        for seconds, source, chars in rows[: args.slowest]:
            print(f"  {seconds:8.2f} s  {chars:8,} chars  {_safe(os.path.relpath(source.split('#')[0], corpus))}"
                  + (f"#{source.split('#', 1)[1]}" if "#" in source else ""))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--db", type=Path, help="the store to write (default: a fresh file in a temporary folder)")
    parser.add_argument("--n-process", type=int)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds each pass may take")
    parser.add_argument("--mem-limit-gb", type=float, default=8, help="address-space limit of each pass (0: none)")
    parser.add_argument("--no-timing", action="store_true", help="skip the per-document timing pass")
    parser.add_argument("--slowest", type=int, default=10)
    parser.add_argument("--timings", type=Path, help="also write every document's seconds to this TSV file")
    parser.add_argument("--time-docs", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.time_docs:
        return time_documents(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "hostile.duckdb"
        log = Path(tmp) / "run.stderr"
        run = run_pass(args.corpus, db, args, log)
        run["stderr_tail"] = log.read_bytes()[-4000:].decode("utf-8", "replace")
        store = store_counts(db)
    manifest_path = args.corpus / ".manifest.json"
    acc = None
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        acc = {**accounting(manifest, store["sources"]), "documents": manifest["documents"], "real": manifest["real"]}
    timing = None if args.no_timing else timing_pass(args.corpus, args)
    if timing and args.timings:
        rows = (f"{seconds:.3f}\t{chars}\t{_safe(source)}\n" for seconds, source, chars in timing["timings"])
        args.timings.write_text("".join(rows))
    report(args.corpus, run, store, acc, timing, args)


if __name__ == "__main__":
    main()
