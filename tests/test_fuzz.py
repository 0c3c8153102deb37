"""Property-based fuzzing (Hypothesis) of the readers and the whole pipeline: nothing lost, nothing raised.

Over any bytes, any Unicode (control characters, RTL marks, combining marks, emoji, lone surrogates where a
``str`` can hold them) and any JSON nesting, each property checks that

- no exception escapes ``ingest.from_text``, ``ingest.from_html``, ``ingest.read_paths`` or the pipeline;
- every span of every result lies inside its article text and ``text[start:end] == span.text``;
- every input is accounted for: a file gives at least one document, a JSONL file at least one per non-blank
  line, a CSV file at least one per non-blank data row, and each valid article among broken neighbours is read.

The default run keeps ``max_examples`` small (fast); ``--slow`` runs the same properties with many more.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from dateline import core, ingest
from dateline.config import Config
from dateline.model import Result, Span

CONFIG = Config()
_CHECKS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]  # tmp_path is shared across examples
FAST = settings(max_examples=40, deadline=None, suppress_health_check=_CHECKS)
PIPE = settings(max_examples=25, deadline=None, suppress_health_check=_CHECKS)
SLOW = settings(max_examples=400, deadline=None, suppress_health_check=_CHECKS)


# --- strategies ----------------------------------------------------------------------------------

# Invented English sentences: enough prose for the language check, so hostile pieces reach the stages.
SENTENCES = [
    "Police arrested two men in Leeds on Monday after a fight outside a bar, officials said.",
    "Rebels attacked an army post near the river town of Avonmouth, killing four soldiers and wounding nine.",
    "The minister said on Tuesday that talks with the union would resume next week in the capital.",
    '"We will not give up," he said, adding that protesters would march again on Friday.',
    "Hundreds of protesters gathered outside parliament, and riot police fired tear gas at the crowd.",
    "The governor denied reports that troops had shelled the village of Marlow on Sunday.",
]
HOSTILE_PIECES = [
    "'" * 200,
    "(" * 200,
    "\u201c" * 200,
    ", he said," * 40,
    "on Monday " * 40,
    "killed, " * 60,
    "a, b, c, " * 60,
    "\u202e\u05e9\u05dc\u05d5\u05dd \u0627\u0644\u0633\u0644\u0627\u0645\u202c",
    "e\u0301\u0302\u0303\u0304" * 20,
    "\U0001f600\U0001f4a5\U0001f1fa\U0001f1f8" * 10,
    "\x00\x01\x07\x1b\x7f",
    "\u200b\u200d\ufeff",
    "\r\n\r\n\r",
    "\t" * 30,
    "\n" * 30,
    "\u2028\u2029",
    "\ufffd" * 10,
]
SURROGATES = ["\ud800", "\udfff", "\udc80abc", "x\ud83dy"]

# Any code point a str can hold but lone surrogates; surrogates come separately (their own properties).
ANY_CHAR = st.characters(exclude_categories=("Cs",))
ANY_TEXT = st.text(ANY_CHAR, max_size=400)
FRAGMENT = st.one_of(st.sampled_from(SENTENCES), st.sampled_from(HOSTILE_PIECES), ANY_TEXT)
ARTICLE_TEXT = st.lists(FRAGMENT, min_size=1, max_size=8).map(" ".join)
SURROGATE_TEXT = st.tuples(ARTICLE_TEXT, st.sampled_from(SURROGATES), ARTICLE_TEXT).map("".join)

JSON_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), ANY_TEXT)
JSON_VALUE = st.recursive(
    JSON_SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(ANY_TEXT, inner, max_size=4)),
    max_leaves=30,
)
FIELD_NAMES = st.sampled_from(["text", "body", "html", "url", "title", "date", "published", "authors", "x"])
JSON_RECORD = st.dictionaries(FIELD_NAMES, st.one_of(JSON_VALUE, ARTICLE_TEXT), max_size=6)


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


# A JSONL line: an object, any JSON value, broken JSON or raw bytes (never containing a newline).
JSONL_LINE = st.one_of(
    JSON_RECORD.map(lambda r: json.dumps(r).encode()),
    JSON_VALUE.map(lambda v: json.dumps(v, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    st.binary(max_size=200).map(lambda b: b.replace(b"\n", b" ")),
    st.sampled_from([b"", b"   ", b"\t", b"{", b'{"text": ', b"null", b"[]", b'"just a string"']),
)
DEEP_OR_SURROGATE_LINE = st.one_of(
    st.integers(1000, 100_000).map(lambda n: _deep(n).encode()),
    st.integers(1000, 100_000).map(lambda n: ('{"text": ' + "[" * n + "]" * n + "}").encode()),
    st.sampled_from(SURROGATES).map(
        lambda s: json.dumps({"text": SENTENCES[0] + s + SENTENCES[1], "url": "http://example.test/s"}).encode()
    ),
)


def _valid_article(n: int) -> dict[str, str]:
    return {"url": f"http://example.test/valid/{n}", "text": " ".join(SENTENCES[n % 3 : n % 3 + 3])}


# --- checks --------------------------------------------------------------------------------------


def _spans(value: object):
    if isinstance(value, Span):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _spans(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _spans(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _spans(item)


def assert_spans_inside(result: Result) -> None:
    text = result.article.text
    for span in _spans(result):
        assert 0 <= span.start <= span.end <= len(text), (span, len(text))
        assert text[span.start : span.end] == span.text, span


def _read(path: Path) -> list:
    return list(ingest.read_paths([path], CONFIG))


def _serialisable(result: Result) -> None:
    json.loads(result.model_dump_json())


# --- readers on strings --------------------------------------------------------------------------


@FAST
@given(text=st.one_of(ANY_TEXT, ARTICLE_TEXT))
def test_from_text_never_raises_and_spans_fit(text: str) -> None:
    doc = ingest.from_text(text, config=CONFIG)
    assert doc.article.text or doc.errors
    assert_spans_inside(doc.result())
    _serialisable(doc.result())


@FAST
@given(text=SURROGATE_TEXT)
def test_from_text_with_lone_surrogates(text: str) -> None:
    doc = ingest.from_text(text, config=CONFIG)
    assert doc.article.text or doc.errors
    _serialisable(doc.result())


HTML_TEXT = st.one_of(
    ANY_TEXT,
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "<p>",
                    "</p>",
                    "<div>",
                    "<html><body>",
                    "<!--",
                    "<script>",
                    "<![CDATA[",
                    "<title>",
                    "&amp;",
                    "&#0;",
                    "&#xD800;",
                    "<a href='",
                    "<",
                    ">",
                ]
            ),
            FRAGMENT,
        ),
        max_size=20,
    ).map("".join),
)


@FAST
@given(html=st.one_of(HTML_TEXT, st.binary(max_size=2000)))
def test_from_html_never_raises_and_spans_fit(html: str | bytes) -> None:
    doc = ingest.from_html(html, config=CONFIG)
    assert doc.article.text or doc.errors
    assert_spans_inside(doc.result())
    _serialisable(doc.result())


# --- readers on files ----------------------------------------------------------------------------


def _arbitrary_file(tmp_path: Path, suffix: str, data: bytes) -> Path:
    folder = tmp_path / f"f{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    return path


ANY_BYTES = st.one_of(
    st.binary(max_size=3000),
    ANY_TEXT.map(lambda t: t.encode("utf-8")),
    ARTICLE_TEXT.map(lambda t: t.encode("utf-16")),
    ARTICLE_TEXT.map(lambda t: t.encode("cp1252", "replace")),
)


@pytest.mark.parametrize(
    "suffix",
    [".txt", ".html", ".warc", ".jsonl", ".csv"],
)
@FAST
@given(data=ANY_BYTES)
def test_any_bytes_in_any_kind_of_file_give_a_record(tmp_path: Path, suffix: str, data: bytes) -> None:
    docs = _read(_arbitrary_file(tmp_path, suffix, data))
    assert docs, f"{suffix} of {len(data)} bytes gave no record"
    for doc in docs:
        assert doc.article.text or doc.errors
        assert_spans_inside(doc.result())


@pytest.mark.parametrize("suffix", [".txt", ".html"])
@FAST
@given(data=ANY_BYTES)
def test_one_file_one_record(tmp_path: Path, suffix: str, data: bytes) -> None:
    """A .txt or .html file is one article, whatever its bytes."""
    docs = _read(_arbitrary_file(tmp_path, suffix, data))
    assert len(docs) == 1


def _nonblank_lines(data: bytes) -> int:
    return sum(1 for line in data.split(b"\n") if line.strip())


@FAST
@given(lines=st.lists(JSONL_LINE, min_size=1, max_size=12), valid_at=st.lists(st.integers(0, 12), max_size=3))
def test_jsonl_every_line_accounted_for(tmp_path: Path, lines: list[bytes], valid_at: list[int]) -> None:
    for n, at in enumerate(sorted(set(valid_at))):
        lines.insert(at, json.dumps(_valid_article(n)).encode())
    assume(any(line.strip() for line in lines))
    data = b"\n".join(lines) + b"\n"
    docs = _read(_arbitrary_file(tmp_path, ".jsonl", data))
    assert len(docs) >= _nonblank_lines(data)
    read_urls = {d.article.url for d in docs if d.article.text}
    for n in range(len(set(valid_at))):
        assert _valid_article(n)["url"] in read_urls, "a valid article next to broken lines was lost"
    for doc in docs:
        assert_spans_inside(doc.result())


@FAST
@given(bad=st.lists(DEEP_OR_SURROGATE_LINE, min_size=1, max_size=3))
def test_jsonl_deep_nesting_or_surrogates_keep_their_neighbours(tmp_path: Path, bad: list[bytes]) -> None:
    lines = [json.dumps(_valid_article(0)).encode()]
    for n, line in enumerate(bad, start=1):
        lines += [line, json.dumps(_valid_article(n)).encode()]
    docs = _read(_arbitrary_file(tmp_path, ".jsonl", b"\n".join(lines) + b"\n"))
    assert len(docs) >= len(lines)
    read_urls = {d.article.url for d in docs if d.article.text}
    assert {_valid_article(n)["url"] for n in range(len(bad) + 1)} <= read_urls
    for doc in docs:
        _serialisable(doc.result())


@FAST
@given(blank=st.lists(st.sampled_from([b"", b" ", b"\t", b"\r"]), min_size=1, max_size=20))
def test_jsonl_of_blank_lines_gives_a_record(tmp_path: Path, blank: list[bytes]) -> None:
    assert _read(_arbitrary_file(tmp_path, ".jsonl", b"\n".join(blank) + b"\n"))


CSV_CELL = st.one_of(ANY_TEXT, ARTICLE_TEXT, st.sampled_from(["", '"', "\r\n", ",,,", "\x00"]))


@FAST
@given(
    header=st.lists(st.one_of(FIELD_NAMES, ANY_TEXT), min_size=1, max_size=6),
    rows=st.lists(st.lists(CSV_CELL, min_size=1, max_size=8), min_size=1, max_size=8),
)
def test_csv_every_row_accounted_for(tmp_path: Path, header: list[str], rows: list[list[str]]) -> None:
    rows = [[cell.replace("\x00", "") for cell in row] for row in rows]
    header = [h.replace("\x00", "") for h in header]
    data_rows = [row for row in rows if any(cell.strip() for cell in row)]
    assume(data_rows and any(h.strip() for h in header))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(data_rows)
    docs = _read(_arbitrary_file(tmp_path, ".csv", buffer.getvalue().encode("utf-8")))
    assert len(docs) >= len(data_rows)
    for doc in docs:
        assert_spans_inside(doc.result())


@FAST
@given(header=st.lists(FIELD_NAMES, min_size=1, max_size=6))
def test_csv_with_only_a_header_gives_a_record(tmp_path: Path, header: list[str]) -> None:
    assert _read(_arbitrary_file(tmp_path, ".csv", (",".join(header) + "\r\n").encode()))


def _warc(pages: list[tuple[str, bytes]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for url, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return out.getvalue()


@FAST
@given(
    bodies=st.lists(st.one_of(HTML_TEXT.map(lambda t: t.encode("utf-8")), st.binary(max_size=500)), max_size=6),
    tail=st.binary(max_size=100),
)
def test_warc_every_page_accounted_for(tmp_path: Path, bodies: list[bytes], tail: bytes) -> None:
    pages = [(f"http://example.test/page/{n}", body) for n, body in enumerate(bodies)]
    docs = _read(_arbitrary_file(tmp_path, ".warc", _warc(pages) + tail))
    assert len(docs) >= max(1, len(pages))
    for doc in docs:
        assert_spans_inside(doc.result())


@FAST
@given(name=st.binary(min_size=1, max_size=30))
def test_non_utf8_file_names_are_read_and_serialisable(tmp_path: Path, name: bytes) -> None:
    name = name.replace(b"/", b"_").replace(b"\x00", b"_").lstrip(b".") or b"x"
    folder = tmp_path / f"n{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/" + name + b"\xff.txt"
    with open(raw, "wb") as fh:
        fh.write(" ".join(SENTENCES).encode())
    docs = _read(folder)
    assert len(docs) == 1
    _serialisable(docs[0].result())


# --- the whole pipeline ----------------------------------------------------------------------------


@PIPE
@given(text=ARTICLE_TEXT)
def test_pipeline_never_raises_and_spans_fit(pipeline, text: str) -> None:
    result = core.extract("Fuzzed headline\n\n" + text)  # a newline: never taken as a path
    assert_spans_inside(result)
    _serialisable(result)


@PIPE
@given(texts=st.lists(ARTICLE_TEXT, min_size=1, max_size=4), junk=st.lists(ANY_BYTES, max_size=3))
def test_extract_all_on_files_accounts_for_every_file(pipeline, tmp_path: Path, texts: list[str], junk) -> None:
    folder = tmp_path / f"c{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    for n, text in enumerate(texts):
        (folder / f"article{n}.txt").write_text(text, encoding="utf-8")
    for n, data in enumerate(junk):
        (folder / f"junk{n}.html").write_bytes(data)
    results = list(core.extract_all([folder]))
    assert len(results) == len(texts) + len(junk)
    for result in results:
        assert result.article.text or result.errors
        assert_spans_inside(result)
        _serialisable(result)


@PIPE
@given(text=SURROGATE_TEXT)
def test_pipeline_with_lone_surrogates(pipeline, text: str) -> None:
    result = core.extract("Fuzzed headline\n\n" + text)
    assert_spans_inside(result)
    _serialisable(result)


# --- the same properties with many more examples (--slow) ------------------------------------------


@pytest.mark.slow
@SLOW
@given(text=st.one_of(ANY_TEXT, ARTICLE_TEXT), html=HTML_TEXT)
def test_slow_readers_on_strings(text: str, html: str) -> None:
    test_from_text_never_raises_and_spans_fit.hypothesis.inner_test(text)
    test_from_html_never_raises_and_spans_fit.hypothesis.inner_test(html)


@pytest.mark.slow
@SLOW
@given(lines=st.lists(JSONL_LINE, min_size=1, max_size=30), valid_at=st.lists(st.integers(0, 30), max_size=5))
def test_slow_jsonl_every_line_accounted_for(tmp_path: Path, lines: list[bytes], valid_at: list[int]) -> None:
    test_jsonl_every_line_accounted_for.hypothesis.inner_test(tmp_path, lines, valid_at)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=_CHECKS)
@given(text=ARTICLE_TEXT)
def test_slow_pipeline_never_raises_and_spans_fit(pipeline, text: str) -> None:
    test_pipeline_never_raises_and_spans_fit.hypothesis.inner_test(pipeline, text)


# --- bounded memory and bounded messages -----------------------------------------------------------

# characters: ingest bounds a message to 500 and names the source; a message names the record, never quotes it
MAX_MESSAGE = 600

_READ_IN_A_BOX = """
import json, resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
from dateline import ingest
from dateline.config import Config
docs = list(ingest.read_paths([Path(sys.argv[1])], Config()))
# VmHWM, the peak of this program's own memory: ru_maxrss would also count the pytest process it was forked from
status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
peak = int(status["VmHWM"].split()[0]) // 1024
print(json.dumps({"records": len(docs), "longest": max(len(e.message) for d in docs for e in d.errors), "mb": peak}))
"""


def _read_in_a_box(path: Path) -> dict:
    """read_paths in a subprocess under a 3 GB address-space limit: a bomb cannot take the machine."""
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    proc = subprocess.run([sys.executable, "-c", _READ_IN_A_BOX, str(path)], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


@pytest.mark.parametrize("megabytes", [64])
def test_a_gzip_bomb_warc_is_one_bounded_error(tmp_path: Path, megabytes: int) -> None:
    import gzip

    path = tmp_path / "bomb.warc.gz"
    with gzip.open(path, "wb", compresslevel=9) as gz:
        for _ in range(megabytes):
            gz.write(b"\0" * (1 << 20))
    found = _read_in_a_box(path)
    assert found["records"] >= 1 and found["longest"] <= MAX_MESSAGE
    assert found["mb"] < 1024


def test_a_csv_of_fifty_thousand_columns_gives_a_bounded_message(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"column{i}" for i in range(50_000)) + "\n" + "x," * 50_000 + "\n")
    found = _read_in_a_box(path)
    assert found["records"] >= 1 and found["longest"] <= MAX_MESSAGE
