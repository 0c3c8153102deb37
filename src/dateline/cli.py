"""The ``dateline`` command line: a thin Typer + Rich layer over :mod:`dateline.core`.

Commands parse options, call one core function, and print. Results go to stdout; progress bars,
logs and error messages go to stderr, so ``dateline extract ... > out.jsonl`` stays clean JSON Lines.
Exit codes: 0 success (documents with errors included: their errors are in the output), 1 a
:class:`~dateline.errors.DatelineError` such as a locked store, 2 misuse (bad option, no such path).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from . import __version__
from .config import Config
from .errors import DatelineError
from .store import DEFAULT_DB

if TYPE_CHECKING:
    from .core import RunSummary

app = typer.Typer(
    name="dateline",
    help="News articles in, an evidence-linked event dataset out: who did what to whom, where, when, "
    "according to whom, and how sure the text is.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

err = Console(stderr=True)
out = Console()


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    parquet = "parquet"
    csv = "csv"
    geojson = "geojson"


def _iso_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not an ISO date such as 2024-04-18") from exc
    return value


# Options shared by several commands, defined once.
PathsArg = Annotated[
    list[Path],
    typer.Argument(
        exists=True,
        show_default=False,
        metavar="PATH",
        help="Files (.txt, .html, .jsonl, .csv) or folders of them.",
    ),
]
DbOpt = Annotated[Path, typer.Option("--db", help="The DuckDB store file.", envvar="DATELINE_DB")]
PublishedOpt = Annotated[
    str | None,
    typer.Option(
        "--published",
        callback=_iso_date,
        help="Publication date (ISO) for articles whose metadata has none; never guessed otherwise.",
    ),
]
NProcessOpt = Annotated[
    int | None, typer.Option("--n-process", min=1, help="Worker processes, each running the whole pipeline.")
]
DocTimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--doc-timeout",
        min=0,
        metavar="SECONDS",
        help="Time budget per article (default 60): an article over it gets a 'timeout' error and the run goes "
        "on. 0: no budget (with --n-process 1 the pipeline then runs in this process).",
    ),
]
BatchSizeOpt = Annotated[int | None, typer.Option("--batch-size", min=1, help="Articles per spaCy batch.")]
StrictOpt = Annotated[
    bool | None, typer.Option("--strict/--no-strict", help="Stop on the first stage failure instead of recording it.")
]
GazetteerOpt = Annotated[
    Path | None,
    typer.Option(
        "--gazetteer",
        exists=True,
        dir_okay=False,
        envvar="DATELINE_GAZETTEER",
        help="A place index built with `dateline gazetteer build` (default: the shipped one).",
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary (errors still show).")]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", exists=True, dir_okay=False, help="A TOML file of options (see dateline.Config)."),
]


def _config(
    config_file: Path | None,
    *,
    published: str | None = None,
    n_process: int | None = None,
    doc_timeout: float | None = None,
    batch_size: int | None = None,
    strict: bool | None = None,
    gazetteer: Path | None = None,
) -> Config:
    """The one place command-line options become a :class:`Config`."""
    with _errors():
        return Config.load(
            config_file,
            published=published,
            n_process=n_process,
            doc_timeout=doc_timeout,
            batch_size=batch_size,
            strict=strict,
            gazetteer_path=str(gazetteer) if gazetteer else None,
        )


@contextmanager
def _errors() -> Iterator[None]:
    """Turn dateline's own errors into a one-line message and exit code 1."""
    try:
        yield
    except DatelineError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(1) from None


def _progress(*, quiet: bool = False) -> Progress:
    """A spinner with counters, for work of unknown size."""
    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        TextColumn("{task.fields[stats]}"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
    )


class _RateColumn(ProgressColumn):
    """Documents per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.1f} docs/s", style="progress.data.speed")


def _document_progress(*, quiet: bool) -> Progress:
    """A bar over the documents counted beforehand: done/total, percentage, rate, elapsed and ETA."""
    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(bar_width=24),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[stats]}"),
        console=err,
        disable=quiet,
    )


def _count(paths: list[Path], *, quiet: bool) -> tuple[int, str]:
    """The progress bar's total (documents counted cheaply) and a note when WARC archives make it a floor."""
    from . import core

    if quiet:
        return 0, ""
    with err.status("counting inputs…"):
        count = core.count_inputs(paths)
    note = f"(+ pages of {count.warc_files} WARC file(s), not counted) " if count.warc_files else ""
    return count.documents, note


def _version(value: bool) -> None:
    if value:
        out.print(f"dateline {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More log output (-vv: debug).")] = 0,
) -> None:
    """News articles in, an evidence-linked event dataset out."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    handler = RichHandler(console=err, show_path=False, markup=False)
    from .core import FileLogFilter

    handler.addFilter(FileLogFilter())  # library log lines (trafilatura, warcio) name the file being read
    logging.basicConfig(level=level, handlers=[handler], format="%(message)s", force=True)


@app.command("extract")
def extract_cli(
    paths: PathsArg,
    published: PublishedOpt = None,
    pretty: Annotated[bool, typer.Option("--pretty", help="Indent the JSON (no longer one line per article).")] = False,
    n_process: NProcessOpt = None,
    doc_timeout: DocTimeoutOpt = None,
    batch_size: BatchSizeOpt = None,
    strict: StrictOpt = None,
    gazetteer: GazetteerOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Print one JSON result per article (JSON Lines) to stdout."""
    from . import core

    cfg = _config(
        config,
        published=published,
        n_process=n_process,
        doc_timeout=doc_timeout,
        batch_size=batch_size,
        strict=strict,
        gazetteer=gazetteer,
    )
    counts = {"read": 0, "printed": 0, "with errors": 0}
    errors: dict[str, int] = {}
    total, note = _count(paths, quiet=quiet)
    with _errors(), _document_progress(quiet=quiet) as bar:
        task = bar.add_task("extracting", total=total or None, stats=note)

        def show() -> None:
            bar.update(
                task, completed=counts["printed"], stats=note + " · ".join(f"{k} {v}" for k, v in counts.items())
            )

        def on_read(_doc: object) -> None:
            counts["read"] += 1
            show()

        for result in core.extract_all(paths, config=cfg, on_read=on_read):
            sys.stdout.write(result.model_dump_json(indent=2 if pretty else None) + "\n")
            sys.stdout.flush()
            counts["printed"] += 1
            counts["with errors"] += bool(result.errors)
            for error in result.errors:
                errors[f"{error.stage}:{error.kind}"] = errors.get(f"{error.stage}:{error.kind}", 0) + 1
            show()
    if not quiet:
        outcomes = {"articles printed": counts["printed"], "with errors": counts["with errors"]}
        err.print(_outcome_table("dateline extract", outcomes, errors))


@app.command("run")
def run_cli(
    paths: PathsArg,
    db: DbOpt = DEFAULT_DB,
    published: PublishedOpt = None,
    n_process: NProcessOpt = None,
    doc_timeout: DocTimeoutOpt = None,
    batch_size: BatchSizeOpt = None,
    strict: StrictOpt = None,
    gazetteer: GazetteerOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Extract articles into the DuckDB store (resumable: stored articles are skipped)."""
    from . import core

    cfg = _config(
        config,
        published=published,
        n_process=n_process,
        doc_timeout=doc_timeout,
        batch_size=batch_size,
        strict=strict,
        gazetteer=gazetteer,
    )
    total, note = _count(paths, quiet=quiet)
    with _errors():
        with _document_progress(quiet=quiet) as bar:
            task = bar.add_task("ingesting", total=total or None, stats=note)

            def on_progress(s: core.RunSummary) -> None:
                stats = f"written {s.written} · already stored {s.skipped} · with errors {s.with_errors}"
                bar.update(task, completed=s.written + s.skipped, stats=note + stats)

            summary = core.run(paths, db=db, config=cfg, progress=on_progress)
        if not quiet:
            _print_run_summary(summary)


def _outcome_table(title: str, outcomes: dict[str, int], errors: dict[str, int]) -> Table:
    """Counts by outcome, then errors by ``stage:kind``, most frequent first."""
    table = Table(title=title, show_header=True, header_style="bold")
    table.add_column("outcome")
    table.add_column("count", justify="right")
    for key, value in outcomes.items():
        table.add_row(key, f"{value:,}")
    for kind, value in sorted(errors.items(), key=lambda item: (-item[1], item[0])):
        table.add_row(f"error {kind}", f"{value:,}")
    return table


def _print_run_summary(summary: RunSummary) -> None:
    """What this run did (stored, skipped, errors by kind), then the store's totals."""
    outcomes = {
        "documents read": summary.read,
        "stored now": summary.written,
        "of them with errors": summary.with_errors,
        "skipped (already stored)": summary.skipped,
        "passed over (not articles)": sum(summary.passed_over.values()),
        **{f"  passed over: {reason}": n for reason, n in sorted(summary.passed_over.items())},
    }
    out.print(_outcome_table("dateline run", outcomes, summary.errors))
    table = Table(title="the store", show_header=True, header_style="bold")
    table.add_column("store")
    table.add_column("count", justify="right")
    totals = summary.store
    for key in ("articles", "actors", "places", "events", "quotes", "errors"):
        table.add_row(key, str(totals.get(key, 0)))
    table.add_row("events reported by several articles", str(totals.get("events_reported_by_several_articles", 0)))
    out.print(table)
    out.print(f"store: {summary.db.resolve()}", highlight=False)


@app.command("export")
def export_cli(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)],
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help="File to write.")],
    db: DbOpt = DEFAULT_DB,
    merged: Annotated[
        bool,
        typer.Option("--merged", help="One row per event however many articles report it (csv, parquet, geojson)."),
    ] = False,
) -> None:
    """Export the store: results as JSON Lines, or an ACLED-like event table as CSV, Parquet or GeoJSON."""
    from . import core

    with _errors():
        with err.status(f"exporting {db} as {fmt.value}…"):
            count = core.export(db, fmt.value, output, merged=merged)
        unit = "articles" if fmt is ExportFormat.jsonl else "events"
        note = f" ({count.left_out} without coordinates left out)" if count.left_out else ""
        out.print(f"wrote {int(count)} {unit} to {output}{note}", highlight=False)


@app.command("serve")
def serve_cli(
    db: DbOpt = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on (default: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token_file: Annotated[
        Path | None,
        typer.Option(
            exists=True, dir_okay=False, help="File with the token writes need (else DATELINE_TOKEN; none: read-only)."
        ),
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Serve the store: the HTTP API under /api, its docs at /docs and the web page at /."""
    from . import serve

    cfg = _config(config)
    token = token_file.read_text(encoding="utf-8").strip() if token_file else None
    if not Path(db).exists():
        err.print(f"[red]error:[/red] no store at {db}; create one with `dateline run PATH --db {db}`")
        raise typer.Exit(1)
    err.print(f"serving {db} at http://{host}:{port}/ (API docs at /docs); Ctrl-C stops", highlight=False)
    with _errors():
        serve.serve(db, host=host, port=port, token=token, config=cfg)


@app.command("import")
def import_cli(
    folder: Annotated[Path, typer.Argument(exists=True, file_okay=False, help="A `dateline spark run` output folder.")],
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Load a Spark run's Parquet output into the DuckDB store (for `serve` and `export`)."""
    from . import core

    with _errors():
        with err.status(f"importing {folder} into {db}…"):
            summary = core.import_dataset(folder, db=db)
        out.print(f"imported {summary.written} new article(s); the store holds:", highlight=False)
        for key in ("articles", "events", "events_reported_by_several_articles", "errors"):
            out.print(f"  {key.replace('_', ' ')}: {summary.store.get(key, 0):,}", highlight=False)
        out.print(f"store: {summary.db.resolve()}", highlight=False)


spark_app = typer.Typer(help="Run dateline on Apache Spark (needs the spark extra and Java).", no_args_is_help=True)
app.add_typer(spark_app, name="spark")


@spark_app.command("run")
def spark_run_cli(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or glob patterns ('crawl/*.warc.gz') to read.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Dataset folder (local path or URI) to write.")],
    master: Annotated[
        str | None, typer.Option(help="Spark master, e.g. local[2] (default: the spark-submit session, else local[*]).")
    ] = None,
    split_mb: Annotated[int, typer.Option(min=1, help="Cut JSONL and WARC files bigger than this into parts.")] = 64,
    published: PublishedOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Extract articles on Spark into Parquet (re-runs skip finished inputs), then merge events across articles."""
    from . import spark

    cfg = _config(config, published=published)
    with _errors():
        with err.status("running on Spark…"):
            summary = spark.run(paths, output, master=master, config=cfg, split_bytes=split_mb << 20)
        outcomes = {
            "input parts": summary.parts,
            "parts finished before (skipped)": summary.done_before,
            "parts failed (left for the next run)": len(summary.failed),
            "documents read": summary.documents,
            "articles written": summary.articles,
            "of them with errors": summary.with_errors,
            "events written": summary.events,
            "events in the dataset": summary.dataset_events,
            "events reported by several articles": summary.clusters,
            "Python workers (pipeline builds)": summary.workers,
        }
        out.print(_outcome_table("dateline spark run", outcomes, summary.errors))
        for where, why in summary.failed.items():
            err.print(f"[red]failed:[/red] {where}: {why}", highlight=False)
        out.print(f"dataset: {summary.output} ({summary.seconds:.1f} s)", highlight=False)
        if summary.failed:
            raise typer.Exit(1)


@app.command("schema")
def schema_cli() -> None:
    """Print the JSON Schema of one result (what `extract` prints per line)."""
    from .model import json_schema

    sys.stdout.write(schema_text(json_schema()))


def schema_text(schema: dict) -> str:
    """The schema as published in ``schema/result.schema.json``."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


gazetteer_app = typer.Typer(help="Build dateline's place index from GeoNames dumps.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("build")
def gazetteer_build_cli(
    files: Annotated[
        list[Path] | None,
        typer.Option(
            "--from",
            exists=True,
            dir_okay=False,
            show_default=False,
            metavar="FILE",
            help="GeoNames files (.txt, .zip, .xz, .gz): allCountries, cities500, IQ.txt…, admin1CodesASCII.txt, "
            "admin2Codes.txt, countryInfo.txt, alternateNamesV2. Several may follow one --from.",
        ),
    ] = None,
    more: Annotated[
        list[Path] | None,
        typer.Argument(exists=True, dir_okay=False, show_default=False, metavar="FILE", help="More files, as --from."),
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help="The index to write.")] = Path(
        "gazetteer.sqlite"
    ),
    curated: Annotated[
        bool, typer.Option("--curated/--no-curated", help="Add dateline's curated rivers, regions and name variants.")
    ] = True,
) -> None:
    """Build a place index from GeoNames dumps; use it with --gazetteer FILE or DATELINE_GAZETTEER."""
    from .kb.build_gazetteer import build_gazetteer, default_curated

    sources = [*(files or []), *(more or [])]
    if not sources:
        raise typer.BadParameter("give the GeoNames files to read", param_hint="--from")
    with _errors():
        with _progress() as bar:
            task = bar.add_task("building the gazetteer", total=None, stats="")

            def on_progress(label: str, rows: int) -> None:
                bar.update(task, stats=f"{label} · {rows:,} geoname rows")

            counts = build_gazetteer(sources, output, default_curated() if curated else None, progress=on_progress)
        table = Table(title="dateline gazetteer build", show_header=True, header_style="bold")
        table.add_column("index")
        table.add_column("count", justify="right")
        for key, value in counts.items():
            table.add_row(key, f"{value:,}")
        out.print(table)
        out.print(f"index: {output.resolve()} (use it with --gazetteer or DATELINE_GAZETTEER)", highlight=False)
