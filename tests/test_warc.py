"""WARC news archives: pages become articles, other records are passed over, damage costs only what follows it."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.config import Config
from dateline.ingest import read_paths

PAGE = """<!doctype html><html><head><title>Floods displace thousands in Sindh</title>
<meta property="og:site_name" content="Example Wire"><meta property="article:published_time" content="2024-08-20">
</head><body><nav>Home | World | Sport</nav><article><h1>Floods displace thousands in Sindh</h1>
<p>KARACHI, Aug 20 - Floods forced thousands of families from their homes in Sindh province on Tuesday,
officials said, as rescue teams reached villages cut off by the water.</p>
<p>The provincial disaster authority said it had opened relief camps in three districts and asked the
federal government for boats and tents.</p></article><footer>Copyright Example Wire</footer></body></html>"""


def _write_warc(path: Path, *, truncate: bool = False) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)

    def response(url: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))

    writer.write_record(writer.create_warc_record("https://example.org/", "warcinfo", payload=io.BytesIO(b"x")))
    response("https://example.org/floods", PAGE.encode("utf-8"), "text/html; charset=utf-8")
    response("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
    response("https://example.org/old", b"", "text/html", status="301 Moved Permanently")
    response("https://example.org/empty", b"", "text/html")
    note = "QUETTA, Aug 21 - Police arrested 12 people after a protest over power cuts turned violent, officials said."
    response("https://example.org/brief.txt", note.encode("utf-8"), "text/plain; charset=utf-8")
    data = buffer.getvalue()
    if truncate:  # cut the archive inside its last record
        data = data[: len(data) - 40]
    path.write_bytes(data)


def test_warc_pages_become_articles(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    _write_warc(archive)
    docs = list(read_paths([archive], Config()))
    by_url = {d.article.url: d for d in docs}
    assert set(by_url) == {"https://example.org/floods", "https://example.org/empty", "https://example.org/brief.txt"}
    floods = by_url["https://example.org/floods"].article
    assert floods.title == "Floods displace thousands in Sindh"
    assert floods.published == "2024-08-20" and floods.published_basis == "metadata"
    assert floods.text.startswith("KARACHI, Aug 20 - Floods forced thousands")
    assert "Home | World" not in floods.text and "Copyright" not in floods.text
    assert floods.source.startswith(f"{archive}#<urn:uuid:")
    assert [e.kind for e in by_url["https://example.org/empty"].errors] == ["empty"]
    brief = by_url["https://example.org/brief.txt"]
    assert not brief.errors and brief.article.dateline is not None


def test_same_archive_twice_gives_the_same_ids(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    _write_warc(archive)
    first = [d.article.id for d in read_paths([archive], Config())]
    assert first == [d.article.id for d in read_paths([archive], Config())]


def test_damaged_archive_keeps_the_pages_before_the_damage(tmp_path):
    archive = tmp_path / "cut.warc.gz"
    _write_warc(archive, truncate=True)
    docs = list(read_paths([archive], Config()))
    assert docs[0].article.url == "https://example.org/floods" and not docs[0].errors
    assert docs[-1].errors and docs[-1].errors[0].kind in ("bad-warc", "read-failed", "empty")


def test_uncompressed_warc_and_not_a_warc(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    _write_warc(archive)
    plain = tmp_path / "crawl.warc"
    plain.write_bytes(gzip.decompress(archive.read_bytes()))
    assert len(list(read_paths([plain], Config()))) == 3
    bogus = tmp_path / "bogus.warc"
    bogus.write_text("this is not an archive\n")
    (doc,) = list(read_paths([bogus], Config()))
    assert doc.errors[0].kind == "bad-warc"
