"""Hostile input at ingest: every file, line, row and WARC record accounted for, names shown safely, messages and
memory bounded. Real files in tmp_path; the articles are invented for these tests."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import dateline
from dateline.config import Config
from dateline.errors import DatelineError
from dateline.ingest import Tally, read_paths
from dateline.ingest.limits import MAX_MESSAGE, bounded, display_path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (
    "TOWNVILLE, March 3 - Flood water cut the only bridge into the valley on Monday, leaving about 300 "
    "families without supplies, the regional council said. Engineers expect to open a temporary crossing "
    "by Friday if the river keeps falling."
)
OTHER = (
    "PORTSIDE, March 4 - Dock workers walked out on Tuesday over unpaid wages, halting the loading of two "
    "grain ships, a union official said. The port authority said talks would resume on Wednesday."
)
# A message may be cut to MAX_MESSAGE characters plus "… [N characters in all]".
MESSAGE_ROOM = MAX_MESSAGE + 60


def _read(*paths: Path, config: Config | None = None, tally: Tally | None = None, exclude=()) -> list:
    return list(read_paths(list(paths), config or Config(), tally=tally, exclude=exclude))


def _kinds(docs) -> list[str]:
    return [e.kind for d in docs for e in d.errors]


def _bounded_messages(docs) -> None:
    for doc in docs:
        for error in doc.errors:
            assert len(error.message) <= MESSAGE_ROOM, error.message[:200]
        doc.result().model_dump_json()  # always serialises


# --- names that are not UTF-8 --------------------------------------------------------------------


def _bad_name(folder: Path) -> Path:
    path = Path(os.fsdecode(folder.as_posix().encode() + b"/caf\xff report.txt"))
    try:
        path.write_text(ARTICLE, encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    return path


def test_display_path_escapes_bytes_that_are_not_utf8():
    assert display_path(Path("/news/plain.txt")) == "/news/plain.txt"
    assert display_path(os.fsdecode(b"/news/caf\xff.txt")) == "/news/caf\\xff.txt"


def test_a_name_that_is_not_utf8_is_read_and_shown_safely(tmp_path):
    path = _bad_name(tmp_path)
    (doc,) = _read(tmp_path)
    assert not doc.errors
    assert doc.article.source.endswith("caf\\xff report.txt")
    assert doc.article.text.startswith("TOWNVILLE, March 3")
    assert '"source"' in doc.result().model_dump_json()
    (missing,) = _read(path.with_name(path.name + ".gone"))
    assert missing.errors[0].kind == "not-found" and "\\xff" in missing.errors[0].message
    missing.result().model_dump_json()


def test_extract_all_reads_a_name_that_is_not_utf8(tmp_path):
    _bad_name(tmp_path)
    (tmp_path / "other.txt").write_text(OTHER, encoding="utf-8")
    results = list(dateline.extract_all([tmp_path]))
    assert len(results) == 2 and not any(r.errors for r in results)
    assert any(r.article.source.endswith("caf\\xff report.txt") for r in results)
    for result in results:
        result.model_dump_json()


def _run_cli(*args: object) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "dateline", "run", *map(str, args)], capture_output=True, text=True, env=env
    )


def test_cli_run_and_resume_on_a_name_that_is_not_utf8(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _bad_name(folder)
    (folder / "other.txt").write_text(OTHER, encoding="utf-8")
    db = folder / "store.duckdb"  # the store inside the folder read: never read as input
    first = _run_cli(folder, "--db", db)
    assert first.returncode == 0, first.stderr[-2000:]
    again = _run_cli(folder, "--db", db)  # resuming does not crash on the same file
    assert again.returncode == 0, again.stderr[-2000:]
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        sources = sorted(row[0] for row in con.execute("select source from articles").fetchall())
    assert len(sources) == 2 and sources[0].endswith("caf\\xff report.txt")


# --- JSONL and CSV: a bad line or row never drops its neighbours -------------------------------------


def test_each_bad_jsonl_line_gives_its_own_record_and_the_next_lines_are_read(tmp_path):
    corpus = tmp_path / "hostile.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    lines = [
        json.dumps({"text": ARTICLE}),
        '{"text": "\\ud800 ' + OTHER + '", "title": "\\udfff"}',  # lone surrogates from JSON escapes
        json.dumps({"text": OTHER, "url": "https://example.org/after-surrogate"}),
        deep,
        json.dumps({"text": OTHER, "url": "https://example.org/after-nesting"}),
        '{"text": "unterminated',
        json.dumps({"text": "x" * 300_000, "url": "https://example.org/too-long-line"}),
        json.dumps({"text": OTHER, "url": "https://example.org/last"}),
    ]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = _read(corpus, config=Config(max_bytes=250_000))
    assert [d.article.source for d in docs] == [f"{corpus}#{n}" for n in range(1, 9)]
    assert [d.errors[0].kind if d.errors else None for d in docs] == [
        None, None, None, "bad-json", None, "bad-json", "too-large", None,
    ]  # fmt: skip
    assert "\ufffd" in docs[1].article.text and "nested too deeply" in docs[3].errors[0].message
    assert docs[4].article.url == "https://example.org/after-nesting"
    assert "line 6" in docs[5].errors[0].message
    _bounded_messages(docs)


def test_a_jsonl_line_with_an_out_of_range_date_and_fifty_thousand_fields_is_read(tmp_path):
    corpus = tmp_path / "odd.jsonl"
    wide = {f"field{i}": i for i in range(50_000)}
    lines = [json.dumps({"text": ARTICLE, "published": 10**400}), json.dumps(wide), json.dumps({"text": OTHER})]
    corpus.write_text("\n".join(lines) + "\n")
    docs = _read(corpus)
    assert len(docs) == 3 and docs[0].article.published is None and docs[2].article.text.startswith("PORTSIDE")
    assert docs[1].errors[0].kind == "no-text" and "characters in all" in docs[1].errors[0].message
    _bounded_messages(docs)


def test_compressed_inputs_other_than_warc_are_not_inflated(tmp_path):
    packed = tmp_path / "story.txt.gz"
    packed.write_bytes(_gzip_zeros(20))
    (doc,) = _read(packed)
    assert doc.errors[0].kind == "binary"


def test_csv_rows_over_the_limit_and_fifty_thousand_columns_give_bounded_records(tmp_path):
    corpus = tmp_path / "hostile.csv"
    wide = ",".join(f"c{i}" for i in range(50_000))
    rows = [
        "title,text",
        f'"Flood",{json.dumps(ARTICLE)}',
        f'"Huge","{"y" * 130_000}"',
        ",".join(["Wide", json.dumps(OTHER)] + ["z"] * 50_000),
        f'"Strike",{json.dumps(OTHER)}',
    ]
    corpus.write_text("\n".join(rows) + "\n", encoding="utf-8")
    docs = _read(corpus, config=Config(max_bytes=120_000))
    assert len(docs) == 4 and [d.article.source for d in docs] == [f"{corpus}#{n}" for n in range(1, 5)]
    assert not docs[0].errors and docs[3].article.text.startswith("PORTSIDE")
    assert docs[1].errors[0].kind == "too-large" and "max_bytes" in docs[1].errors[0].message
    assert docs[2].article.text.startswith("PORTSIDE")  # the wide row reads its named columns
    header_only = tmp_path / "wide-header.csv"
    header_only.write_text(wide + "\n" + ",".join(["v"] * 50_000) + "\n")
    (doc,) = _read(header_only)
    assert doc.errors[0].kind == "no-text" and "characters in all" in doc.errors[0].message
    _bounded_messages([*docs, doc])


def test_a_csv_line_longer_than_the_limit_is_skipped_and_the_next_rows_read(tmp_path):
    corpus = tmp_path / "long.csv"
    corpus.write_text("title,text\n" + "a," * 40_000 + "\n" + f'"Strike",{json.dumps(OTHER)}\n')
    docs = _read(corpus, config=Config(max_bytes=50_000))
    assert [d.errors[0].kind if d.errors else None for d in docs] == ["too-large", None]
    assert docs[0].article.source == f"{corpus}#1" and docs[1].article.source == f"{corpus}#2"


def test_a_csv_row_with_bytes_not_in_its_encoding_keeps_its_neighbours(tmp_path):
    corpus = tmp_path / "mixed.csv"
    good = f'"Strike",{json.dumps(OTHER)}\n'.encode()
    lead = good * (70_000 // len(good))  # past the 64 KB the encoding is detected from: UTF-8
    corpus.write_bytes(b"title,text\n" + lead + b'"Bad","caf\xff ' + OTHER.encode() + b'"\n' + good)
    docs = _read(corpus)
    assert [d.errors[0].kind if d.errors else None for d in docs[-3:]] == [None, "encoding", None]
    assert docs[-2].errors[0].message.endswith("bytes not in utf-8; row not read")


# --- bounded messages --------------------------------------------------------------------------------


def test_bounded_cuts_with_the_original_length():
    assert bounded("short") == "short"
    cut = bounded("x" * 10_000)
    assert len(cut) < MESSAGE_ROOM and cut.endswith("… [10,000 characters in all]")
    assert bounded("a\ud800b") == "a\ufffdb"


# --- WARC: streamed with a size cap; bombs and newline-free data in bounded memory --------------------


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str = "text/html", status: str = "200 OK"):
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))


def _page(text: str) -> bytes:
    return f"<html><head><title>News</title></head><body><article><p>{text}</p></article></body></html>".encode()


def test_a_warc_record_over_the_limit_is_refused_and_the_archive_read_on(tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    _response(writer, "https://example.org/big", _page("word " * 20_000))
    _response(writer, "https://example.org/strike", _page(OTHER))
    request = writer.create_warc_record("https://example.org/strike", "request", payload=io.BytesIO(b"GET /"))
    writer.write_record(request)
    _response(writer, "https://example.org/gone", b"", status="404 Not Found")
    _response(writer, "https://example.org/logo.png", b"\x89PNG" + bytes(100), content_type="image/png")
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(buffer.getvalue())
    tally = Tally()
    docs = _read(archive, config=Config(max_bytes=50_000), tally=tally)
    by_url = {d.article.url: d for d in docs}
    assert [e.kind for e in by_url["https://example.org/big"].errors] == ["too-large"]
    assert not by_url["https://example.org/strike"].errors
    assert tally == {"warc-request": 1, "warc-http-404": 1, "warc-not-text": 1}


def _gzip_zeros(megabytes: int, prefix: bytes = b"") -> bytes:
    """A gzip member of ``prefix`` and then ``megabytes`` MB of zeros, written in a stream (the result is small)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunks = [packer.compress(prefix)]
    block = bytes(1 << 20)
    chunks += [packer.compress(block) for _ in range(megabytes)]
    chunks.append(packer.flush())
    return b"".join(chunks)


def _warc_head(length: int) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    return (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:bomb>\r\n"
        b"WARC-Target-URI: https://example.org/bomb\r\nContent-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(length + len(http)).encode() + b"\r\n\r\n" + http
    )


@pytest.mark.parametrize("megabytes", [30, pytest.param(200, marks=pytest.mark.slow)])
def test_a_gzip_bomb_of_zeros_gives_an_error_record(tmp_path, megabytes):
    archive = tmp_path / "bomb.warc.gz"
    archive.write_bytes(_gzip_zeros(megabytes))
    assert archive.stat().st_size < megabytes * 5000
    docs = _read(archive)
    assert _kinds(docs) == ["decompression-bomb"]  # the first 16 KB read inflate to 16 MB of zeros
    _bounded_messages(docs)


@pytest.mark.parametrize("megabytes", [30, pytest.param(200, marks=pytest.mark.slow)])
def test_a_warc_record_of_zeros_is_refused_and_the_bomb_stopped(tmp_path, megabytes):
    archive = tmp_path / "bomb.warc.gz"
    archive.write_bytes(_gzip_zeros(megabytes, prefix=_warc_head(megabytes << 20)))
    docs = _read(archive)
    assert _kinds(docs) == ["decompression-bomb"]
    _bounded_messages(docs)


def test_a_warc_header_line_without_newline_is_bounded(tmp_path):
    archive = tmp_path / "noline.warc"
    archive.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + b"a" * (3 << 20))
    docs = _read(archive)
    assert _kinds(docs) == ["line-too-long"]
    _bounded_messages(docs)


def test_newline_free_data_in_an_uncompressed_warc_is_not_quoted(tmp_path):
    archive = tmp_path / "blob.warc"
    archive.write_bytes(b"Q" * 200_000)
    docs = _read(archive)
    assert docs and all(len(e.message) <= MESSAGE_ROOM for d in docs for e in d.errors)


# --- silent losses become records ---------------------------------------------------------------------


def test_links_fifos_and_empty_corpora_each_give_a_record(tmp_path):
    (tmp_path / "story.txt").write_text(ARTICLE)
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # never opened: that would block
    (tmp_path / "sub").mkdir()
    (tmp_path / "linked").symlink_to(tmp_path / "sub", target_is_directory=True)
    (tmp_path / "header.csv").write_text("title,text\n")
    (tmp_path / "blank.jsonl").write_text("\n\n   \n")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "tiny.csv").write_bytes(b"\xc3\x28\xa0")
    docs = _read(tmp_path)
    by_name = {Path(d.article.source).name: d for d in docs}
    kinds = {name: [e.kind for e in d.errors] for name, d in by_name.items()}
    assert kinds == {
        "blank.jsonl": ["no-rows"],
        "dangling.txt": ["dangling-link"],
        "empty.jsonl": ["empty"],
        "header.csv": ["no-rows"],
        "linked": ["linked-folder"],
        "loop.txt": ["symlink-loop"],
        "pipe.txt": ["not-a-regular-file"],
        "story.txt": [],
        "tiny.csv": kinds["tiny.csv"],
    }
    assert kinds["tiny.csv"] and kinds["tiny.csv"][0] in ("no-rows", "encoding", "binary")
    _bounded_messages(docs)


def test_a_fifo_named_on_its_own_is_not_opened(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (doc,) = _read(fifo)
    assert doc.errors[0].kind == "not-a-regular-file"


def test_dateline_own_files_are_passed_over_and_counted(tmp_path):
    (tmp_path / "story.txt").write_text(ARTICLE)
    (tmp_path / "dateline.duckdb").write_bytes(b"DUCK" * 100)
    (tmp_path / "dateline.duckdb.wal").write_bytes(b"WAL" * 100)
    (tmp_path / "mine.db").write_bytes(b"store")
    (tmp_path / "mine.db.wal").write_bytes(b"log")
    (tmp_path / "README.md").write_text("about this folder")
    tally = Tally()
    docs = _read(tmp_path, tally=tally, exclude=[tmp_path / "mine.db", tmp_path / "mine.db.wal"])
    assert [Path(d.article.source).name for d in docs] == ["story.txt"]
    assert tally == {"own-store": 4, "folder-notes": 1}


def test_run_never_reads_its_own_store_and_reports_what_it_passed_over(tmp_path):
    (tmp_path / "story.txt").write_text(ARTICLE)
    db = tmp_path / "store.db"
    first = dateline.run([tmp_path], db=db)
    second = dateline.run([tmp_path], db=db)
    assert first.read == 1 and second.read == 1 and second.skipped == 1
    assert second.passed_over.get("own-store", 0) >= 1
    for fmt in ("jsonl", "csv", "parquet", "geojson"):
        dateline.export(db, fmt, tmp_path / f"export.{fmt}")
    third = dateline.run([tmp_path], db=db)
    assert third.read == 1 and third.passed_over["own-export"] == 4


# --- extract(): a mistyped path is refused -------------------------------------------------------------


@pytest.mark.parametrize("value", ["a/mistyped/path.txt", "report.html", "My Documents/story one.txt", "notes.jsonl"])
def test_extract_refuses_a_path_like_string_that_names_no_file(value):
    with pytest.raises(DatelineError, match="no such file"):
        dateline.extract(value)


def test_extract_reads_text_when_told_and_multi_line_text_as_before(tmp_path):
    result = dateline.extract("a/mistyped/path.txt", text=True)
    assert result.article.text == "" or result.article.source == "text"
    assert dateline.extract(ARTICLE + "\n").article.text.startswith("TOWNVILLE")
    assert dateline.extract(ARTICLE).article.text.startswith("TOWNVILLE")  # one line with spaces: text
    story = tmp_path / "story.txt"
    story.write_text(ARTICLE)
    assert dateline.extract(str(story)).article.source == str(story)
    with pytest.raises(DatelineError, match="no such file"):
        dateline.extract(tmp_path / "gone.txt")
