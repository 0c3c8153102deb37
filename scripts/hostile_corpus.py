"""Write a hostile corpus for ``bench/hostile.py``: the inputs issue 11 lists, mixed with real articles.

    python scripts/hostile_corpus.py OUT_DIR [--n 5000] [--real PATH.jsonl --real-n 200] [--seed 0]

Kinds written (each file's name starts with a unique token ``hNNNNN`` that the bench finds again in the
store's ``source`` column, also when the rest of the name is not UTF-8): non-UTF-8 file names, a gzip bomb
``.warc.gz`` (a small file of a huge payload), a truncated WARC and a good one, a CSV of 50,000 columns, a
CSV with only a header, binary ``.csv``/``.txt``, empty files, a JSONL of blank lines, JSONL with lone
surrogates and 100k-deep nesting between valid lines, symlink loops, dangling links, a FIFO, adversarial
prose in one-line JSONL files with a publication date (long runs of ``'`` ``(`` ``“``, ``, he said,``
repeated, long casualty lists, long comma lists, ``on Monday`` repeated), very long lines, mixed encodings,
broken HTML; the rest of ``--n`` documents are
invented short articles in JSONL files with broken lines among them. Real articles come only from
``--real`` (nothing foreign is committed): two thirds as JSONL lines between hostile lines, one third as
``.txt`` files.

``OUT_DIR/.manifest.json`` (hidden, so ``dateline run OUT_DIR`` does not read it) lists every input: its
token, kind, the least number of records it must give, and the tokens of the real articles.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

PEOPLE = ["Amal Haddad", "Peter Okafor", "Lina Moreau", "Tomas Berg", "Sara Quint", "Yusuf Demir"]
TOWNS = ["Avonmouth", "Marlow", "Kestrel Bay", "Northfield", "Elmsworth", "Drayton"]
GROUPS = ["the army", "rebels", "police", "protesters", "the ministry", "a local militia"]
ACTS = ["attacked", "arrested", "met", "criticised", "shelled", "negotiated with", "blocked"]


def _sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(GROUPS).capitalize()} {rng.choice(ACTS)} {rng.choice(GROUPS)} in {rng.choice(TOWNS)} "
        f"on {rng.choice(['Monday', 'Tuesday', 'Friday'])}, {rng.choice(PEOPLE)} said."
    )


def invented_article(rng: random.Random, sentences: int = 6) -> str:
    """A short article of invented sentences (never real text)."""
    title = f"{rng.choice(GROUPS).capitalize()} {rng.choice(ACTS)} {rng.choice(GROUPS)} near {rng.choice(TOWNS)}"
    return title + "\n\n" + " ".join(_sentence(rng) for _ in range(sentences))


@dataclass
class Entry:
    token: str
    kind: str
    name: str  # as written, surrogate-escaped when the name is not UTF-8
    records: int  # the least number of records this input must give
    real: list[str] = field(default_factory=list)  # tokens of real articles: "hNNNNN" (a file) or "hNNNNN#line"


class Writer:
    """Writes inputs under OUT_DIR and keeps the manifest."""

    def __init__(self, out: Path, rng: random.Random) -> None:
        self.out, self.rng, self.entries, self.count = out, rng, [], 0

    def path(self, kind: str, suffix: str, raw_name: bytes = b"") -> tuple[str, Path]:
        token = f"h{len(self.entries):05d}"
        folder = self.out / kind
        folder.mkdir(parents=True, exist_ok=True)
        name = os.fsdecode(token.encode() + b"-" + (raw_name or kind.encode()) + suffix.encode())
        return token, folder / name

    def add(self, kind: str, suffix: str, data: bytes, records: int = 1, raw_name: bytes = b"", real=()) -> Path:
        token, path = self.path(kind, suffix, raw_name)
        path.write_bytes(data)
        self.entries.append(Entry(token, kind, str(path.relative_to(self.out)), records, [token + r for r in real]))
        self.count += records
        return path

    def special(self, kind: str, make) -> None:
        token, path = self.path(kind, "")
        make(path)
        self.entries.append(Entry(token, kind, str(path.relative_to(self.out)), 1))
        self.count += 1


def _nonblank(lines: list[bytes]) -> int:
    """Records a JSONL file of these lines must give: one per line holding more than whitespace."""
    return sum(1 for line in lines if line.strip())


def _jsonl(lines: list[bytes]) -> bytes:
    return b"\n".join(lines) + b"\n"


def _article_line(rng: random.Random, n: int, site: str = "bulk") -> bytes:
    return json.dumps({"url": f"http://invented.example/{site}/{n}", "text": invented_article(rng)}).encode()


def _bad_line(rng: random.Random) -> bytes:
    return rng.choice(
        [
            b'{"text": "unterminated',
            b"[1, 2, 3]",
            b'"a string"',
            b'{"title": "no text field"}',
            b'{"text": "\\ud800 ' + invented_article(rng).replace("\n", " ").encode() + b'"}',
            b"[" * 100_000 + b"]" * 100_000,
            b'{"text": ' + b"{" * 50_000 + b"}",
            bytes(rng.randrange(256) for _ in range(200)).replace(b"\n", b" "),
            b"   ",
        ]
    )


def _warc(pages: list[bytes], site: str) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for n, body in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        url = f"http://invented.example/{site}/{n}"  # unique: the same URL is the same article, stored once
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return out.getvalue()


def _html(text: str) -> bytes:
    title, _, body = text.partition("\n\n")
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p></article>".encode()


def _bomb(megabytes: int) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as gz:
        block = b"\0" * (1 << 20)
        for _ in range(megabytes):
            gz.write(block)
    return out.getvalue()


def adversarial(rng: random.Random, kind: str, size: int) -> str:
    """Invented prose around one of issue 11's quadratic patterns, about ``size`` characters long."""
    lead = invented_article(rng, 3) + " "
    unit = {
        "quote-run": "'",
        "paren-run": "(",
        "curly-run": "\u201c",
        "he-said": ", he said,",
        "casualties": "{n} killed and {m} wounded in {town}, ",
        "comma-list": "the farmers, the traders, the teachers, the drivers, ",
        "on-monday": "they will meet on Monday and ",
    }[kind]
    parts: list[str] = []
    length = 0
    while length < size:
        piece = unit.format(n=rng.randrange(1, 90), m=rng.randrange(1, 90), town=rng.choice(TOWNS))
        parts.append(piece)
        length += len(piece)
    middle = "".join(parts)
    if kind == "he-said":
        middle = '"We will stay' + middle + ' and we will not leave."'
    elif kind == "on-monday":
        middle = "The ministry said " + middle + "then again."
    elif kind == "casualties":
        middle = "Officials said the attack left " + middle + "according to the hospital."
    return lead + middle + " " + _sentence(rng)


def write_hostile(w: Writer, rng: random.Random, sizes: list[int], bomb_mb: int) -> None:
    """One or a few of each hostile kind."""
    text = lambda: invented_article(rng).encode()  # noqa: E731
    w.add("nonutf8-name", ".txt", text(), raw_name=b"caf\xe9-\xff\xfe")
    w.add("nonutf8-name", ".jsonl", _jsonl([_article_line(rng, 0, "nonutf8")]), raw_name=b"\x80\x81")
    w.add("unicode-name", ".txt", text(), raw_name="\u202e\u0645\u0631\u062d\u0628\u0627-\U0001f4a5".encode())
    w.add("gzip-bomb", ".warc.gz", _bomb(bomb_mb))
    w.add("warc", ".warc.gz", _warc([_html(invented_article(rng)) for _ in range(3)], "warc"), records=3)
    w.add("warc-truncated", ".warc.gz", _warc([_html(invented_article(rng)) for _ in range(3)], "cut")[:-200])
    w.add("csv-huge-columns", ".csv", (",".join(f"c{i}" for i in range(50_000)) + "\ntext\n" + "x," * 50_000).encode())
    w.add("csv-header-only", ".csv", b"url,title,text\r\n")
    w.add("csv-huge-field", ".csv", b'url,text\nhttp://invented.example/f,"' + b"word " * 400_000 + b'"\n')
    for _ in range(3):
        w.add("binary", ".csv", bytes(rng.randrange(256) for _ in range(rng.choice([2, 16, 300]))))
        w.add("binary", ".txt", bytes(rng.randrange(256) for _ in range(rng.choice([3, 64, 4000]))))
    for suffix in (".txt", ".html", ".jsonl", ".csv", ".warc", ".md"):
        w.add("empty", suffix, b"")
    w.add("jsonl-blank", ".jsonl", b"\n \n\t\n\r\n" * 20)
    good = [_article_line(rng, n, "deep") for n in range(4)]
    mixed = [good[0], b'{"text": "\\ud800 lone surrogate ' + b"x" * 40 + b'"}', good[1]]
    mixed += [b"[" * 100_000 + b"]" * 100_000, good[2], b'{"a": ' * 1000 + b"1" + b"}" * 1000, good[3]]
    w.add("jsonl-surrogate-deep", ".jsonl", _jsonl(mixed), records=_nonblank(mixed))
    w.special("symlink-loop", lambda p: (os.symlink(p.name + ".b", p), os.symlink(p.name, str(p) + ".b")))
    w.special("dangling-link", lambda p: os.symlink("/nonexistent/dateline-hostile", p.with_suffix(".txt")))
    w.special("fifo", lambda p: os.mkfifo(p.with_suffix(".txt")))
    for kind in ("quote-run", "paren-run", "curly-run", "he-said", "casualties", "comma-list", "on-monday"):
        for size in sizes:  # with a publication date, so that "on Monday" is resolved as news dates are
            record = {"published": "2020-03-04", "text": adversarial(rng, kind, size)}
            w.add(f"adversarial-{kind}", f"-{size}.jsonl", json.dumps(record).encode() + b"\n")
    w.add("long-line", ".txt", (" ".join(_sentence(rng) for _ in range(12_000))).encode())
    mixed_enc = invented_article(rng).encode() + "\nCafé résumé naïve\n".encode("latin-1")
    mixed_enc += "\n\u201cquoted\u201d\n".encode("utf-16") + invented_article(rng).encode("cp1252")
    w.add("mixed-encoding", ".txt", mixed_enc)
    w.add("utf16", ".txt", invented_article(rng).encode("utf-16"))
    w.add("broken-html", ".html", b"<html><body><div><p>" + text() + b"<script>var x = '<p>" + b"<div>" * 5000)
    w.add("html-entities", ".html", b"<p>&#0;&#xD800;&#x110000;&bogus;" + text() + b"</p" + b"\xff\xfe" * 50)
    w.add("controls", ".txt", "\x00\x01\x1b[31m\u200b\u202e".encode() + text() + b"\x7f\x0c\x0b")


def write_real(w: Writer, rng: random.Random, real: Path, real_n: int) -> int:
    """Real articles from ``real`` (JSONL): two thirds as JSONL lines among hostile lines, one third as .txt."""
    articles, seen = [], set()
    with real.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            text = record.get("text")
            # distinct texts only: dateline stores one article per text (a url-less article's id is its text's
            # hash), so a story the source file holds twice would be counted as lost
            if isinstance(text, str) and len(text) >= 300 and text not in seen:
                seen.add(text)
                articles.append(record)
    rng.shuffle(articles)
    articles = articles[:real_n]
    as_files, as_lines = articles[: len(articles) // 3], articles[len(articles) // 3 :]
    for record in as_files:
        w.add("real-txt", ".txt", record["text"].encode("utf-8"), real=[""])
    for start in range(0, len(as_lines), 20):
        lines, real_lines = [], []
        for record in as_lines[start : start + 20]:
            if rng.random() < 0.5:
                lines.append(_bad_line(rng))
            lines.append(json.dumps(record).encode())
            real_lines.append(f"#{len(lines)}")
        w.add("real-jsonl", ".jsonl", _jsonl(lines), records=_nonblank(lines), real=real_lines)
    return len(articles)


def write_bulk(w: Writer, rng: random.Random, n: int) -> None:
    """Invented articles in JSONL files (with broken lines among them) until the corpus holds ``n`` documents."""
    serial = 0
    while w.count < n:
        lines = []
        for _ in range(min(200, n - w.count)):
            lines.append(_bad_line(rng) if rng.random() < 0.05 else _article_line(rng, serial))
            serial += 1
        w.add("bulk", ".jsonl", _jsonl(lines), records=_nonblank(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=5000, help="documents in all (inputs that must give a record)")
    parser.add_argument("--real", type=Path, help="a JSONL of real articles (url, text) to mix in")
    parser.add_argument("--real-n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sizes", default="5000,20000", help="characters of each adversarial document")
    parser.add_argument("--bomb-mb", type=int, default=256, help="uncompressed megabytes of the gzip bomb")
    args = parser.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty")
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    w = Writer(args.out, rng)
    write_hostile(w, rng, [int(s) for s in args.sizes.split(",")], args.bomb_mb)
    real = write_real(w, rng, args.real, args.real_n) if args.real else 0
    write_bulk(w, rng, args.n)
    manifest = {"documents": w.count, "real": real, "seed": args.seed, "inputs": [asdict(e) for e in w.entries]}
    (args.out / ".manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=True) + "\n")
    print(f"{args.out}: {len(w.entries)} inputs, {w.count} documents, {real} real articles")


if __name__ == "__main__":
    main()
