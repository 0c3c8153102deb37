"""Ingest: readers, news cleaning, datelines, language and bad-input handling, on real files in tmp_path."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from dateline.config import Config
from dateline.ingest import from_html, from_text, iso_date, read_paths

DATA = Path(__file__).parent / "data" / "ingest"
SEED = Path(__file__).resolve().parent.parent / "examples" / "seed-iraq-is-alqaeda-talks.txt"
CONFIG = Config()
SEED_TITLE = "IS in talks with Al Qaeda: Iraqi Vive President Ayad Allawi"
ENGLISH = (
    "Heavy rain overnight washed away part of the only road linking three northern villages to the market "
    "town, leaving about 400 residents cut off, the district council said on Tuesday. Engineers said a "
    "temporary crossing could be in place by the weekend if the water kept falling."
)


def _read(*paths: Path, config: Config = CONFIG) -> list:
    return list(read_paths(list(paths), config))


def _kinds(doc) -> list[str]:
    return [e.kind for e in doc.errors]


def _check_spans(article) -> None:
    for span in article.paragraphs:
        assert article.text[span.start : span.end] == span.text
    if article.dateline is not None:
        for span in (article.dateline.place, article.dateline.date):
            if span is not None:
                assert article.text[span.start : span.end] == span.text


# --- the seed article ----------------------------------------------------------------------------


def test_seed_cleans_right():
    (doc,) = _read(SEED)
    article = doc.article
    assert doc.errors == []
    assert article.title == SEED_TITLE
    assert SEED_TITLE not in article.text and "IS in talks with  Al Qaeda" not in article.text
    assert article.text.startswith("Apr 18, Baghdad: Islamic State leader is in talks")
    assert article.text.endswith("air support from Russia and the international coalition.")
    assert "Related Posts" not in article.text
    assert "The Oslo Times International News Network" not in article.text
    assert article.site == "The Oslo Times International News Network"  # the cut footer names the outlet
    assert "\n\n\n" not in article.text and "    " not in article.text
    assert len(article.paragraphs) == 7
    assert article.paragraphs[0].text.startswith("Apr 18, Baghdad:")
    assert article.language == "en"
    assert article.source == str(SEED)
    _check_spans(article)


def test_a_sentence_at_the_end_is_not_taken_for_the_publisher():
    text = "Police arrested five people in Lagos on Monday.\n\nThe case goes to court in May."
    doc = from_text(text, config=Config())
    assert doc.article.site is None


def test_seed_dateline_without_publication_date():
    (doc,) = _read(SEED)
    dateline = doc.article.dateline
    assert dateline.place.text == "Baghdad"
    assert dateline.date.text == "Apr 18"
    assert dateline.date_value == "--04-18"
    assert doc.article.published is None
    assert doc.article.published_basis == "unknown"


def test_seed_dateline_with_published_option():
    (doc,) = _read(SEED, config=CONFIG.replace(published="2017-04-19"))
    assert doc.article.published == "2017-04-19"
    assert doc.article.published_basis == "option"
    assert doc.article.dateline.date_value == "2017-04-18"


def test_same_article_twice_gets_the_same_id(tmp_path):
    copy = tmp_path / "again.txt"
    shutil.copy(SEED, copy)
    first, second = _read(SEED, copy)
    from_string = from_text(SEED.read_text(encoding="utf-8"), config=CONFIG)
    assert first.article.id == second.article.id == from_string.article.id
    assert first.article.source != second.article.source


def test_url_gives_the_id():
    one = from_text(ENGLISH, url="https://example.org/a", config=CONFIG)
    two = from_text(ENGLISH + " More words.", url="https://example.org/a", config=CONFIG)
    assert one.article.id == two.article.id


# --- cleaning and datelines ----------------------------------------------------------------------


def test_boilerplate_lines_and_blocks_are_removed():
    (doc,) = _read(DATA / "story.txt")
    article = doc.article
    assert article.title == "Workers strike at northern port"
    assert article.text.startswith("PORTVILLE, May 2 (Harbour Wire) - Dock workers walked off the job")
    # the hard-wrapped first paragraph is joined into one
    assert "halting the loading" in article.paragraphs[0].text
    for junk in ("Advertisement", "Follow us", "Harbour Wire News Network", "Related Stories", "Grain exports"):
        assert junk not in article.text
    assert article.text.endswith("ready to meet the union later in the week.")
    assert article.dateline.place.text == "PORTVILLE"
    _check_spans(article)


def test_story_after_an_inline_widget_heading_is_kept():
    text = (
        f"{ENGLISH}\n\nMost read in world news\n\n"
        "The council said a second road to the villages would be surveyed next year, at a cost of about "
        "two million pounds, once the flood season was over.\n\n"
        "Residents said the boat service had worked well on its first day and that the school would reopen "
        "on Monday if the crossing was ready."
    )
    doc = from_text(text, config=CONFIG)
    assert "Most read" not in doc.article.text
    assert doc.article.text.endswith("if the crossing was ready.")


@pytest.mark.parametrize(
    ("text", "place", "date", "value"),
    [
        ("Apr 18, Baghdad: Officials said", "Baghdad", "Apr 18", "2017-04-18"),
        ("BAGHDAD, April 18 (Reuters) - Officials said", "BAGHDAD", "April 18", "2017-04-18"),
        ("Baghdad, 18 April: Officials said", "Baghdad", "18 April", "2017-04-18"),
        ("KABUL (AP) — Officials said", "KABUL", None, None),
        ("LONDON — Officials said", "LONDON", None, None),
        ("WASHINGTON, D.C., Jan. 3, 2016 - Officials said", "WASHINGTON, D.C.", "Jan. 3, 2016", "2016-01-03"),
        ("DAR ES SALAAM, Tanzania (Reuters) - Officials said", "DAR ES SALAAM, Tanzania", None, None),
        ("LONDON—Officials said", "LONDON", None, None),
    ],
)
def test_dateline_forms(text, place, date, value):
    doc = from_text(text + " on Tuesday that the talks would go on.", published="2017-04-20", config=CONFIG)
    dateline = doc.article.dateline
    assert dateline is not None
    assert dateline.place.text == place
    assert (dateline.date.text if dateline.date else None) == date
    assert dateline.date_value == value
    _check_spans(doc.article)


def test_no_dateline_in_a_plain_sentence():
    doc = from_text("Officials said on Tuesday that the talks between the two sides would go on.", config=CONFIG)
    assert doc.article.dateline is None


@pytest.mark.parametrize("text", ["Sanders: We will win this fight.", "Poll: Most voters back the plan."])
def test_a_speaker_label_or_rubric_is_no_dateline(text):
    assert from_text(text, config=CONFIG).article.dateline is None


def test_a_hyphen_inside_a_title_is_no_dateline_separator():
    doc = from_text("Arab League Secretary-General Omar Haddad urged both sides to talk.", config=CONFIG)
    assert doc.article.dateline is None


def test_dateline_in_late_december_belongs_to_the_year_before():
    doc = from_text("MOSCOW, Dec 31 — Officials said the talks would go on.", published="2020-01-02", config=CONFIG)
    assert doc.article.dateline.date_value == "2019-12-31"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-04-18T10:00:00Z", "2017-04-18"),
        ("18 April 2017", "2017-04-18"),
        ("April 2017", None),
        ("yesterday", None),
        (None, None),
        (1492509600, "2017-04-18"),
    ],
)
def test_iso_date(value, expected):
    assert iso_date(value) == expected


# --- HTML ----------------------------------------------------------------------------------------


def test_html_metadata_and_cleaning():
    (doc,) = _read(DATA / "page.html")
    article = doc.article
    assert doc.errors == []
    assert article.title == "Flooding cuts road to northern villages"
    assert article.published == "2023-03-14"
    assert article.published_basis == "metadata"
    assert article.authors == ["Dana Okafor"]
    assert article.site == "Riverside Courier"
    assert article.url == "https://courier.example.org/2023/03/14/flooding-road"
    assert article.text.startswith("MARLOW, March 14 — Heavy rain overnight")
    assert article.text.endswith("adding that no one had been hurt.")
    for junk in ("Share this", "Related Articles", "Council budget", "All rights reserved", "Subscribe", "Home |"):
        assert junk not in article.text
    assert article.dateline.date_value == "2023-03-14"
    _check_spans(article)


def test_truncated_html_is_still_extracted():
    page = (DATA / "page.html").read_text(encoding="utf-8")
    cut = page[: page.index("<p>Share this")]  # unclosed <p>, <article>, <main>, <body>, <html>
    doc = from_html(cut, config=CONFIG)
    assert doc.errors == []
    assert "temporary crossing" in doc.article.text


def test_broken_html_has_no_content(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<html><head><title>x</title></head><body><div><script>var a = 1;</script>", encoding="utf-8")
    (doc,) = _read(path)
    assert _kinds(doc) == ["no-content"]
    assert doc.article.text == ""


def test_unknown_extension_is_sniffed(tmp_path):
    html = tmp_path / "page.dat"
    shutil.copy(DATA / "page.html", html)
    text = tmp_path / "story.dat"
    shutil.copy(DATA / "story.txt", text)
    first, second = _read(html, text)
    assert first.article.title == "Flooding cuts road to northern villages"
    assert second.article.title == "Workers strike at northern port"


# --- corpora and folders -------------------------------------------------------------------------


def test_jsonl_bad_line_is_reported_and_the_rest_read():
    docs = _read(DATA / "corpus.jsonl")
    assert [_kinds(d) for d in docs] == [[], ["bad-json"], []]
    assert "line 2" in docs[1].errors[0].message
    assert docs[1].article.source.endswith("corpus.jsonl#2")
    first, third = docs[0].article, docs[2].article
    assert first.title == "Talks resume in border dispute" and first.published == "2022-09-05"
    assert third.title == "Ministers agree on grain corridor" and third.published == "2022-09-06"  # headline/date/body
    assert third.url == "https://wire.example.org/a2"


def test_csv_row_without_text():
    good, empty = _read(DATA / "corpus.csv")
    assert good.errors == [] and good.article.title == "Protest in capital"
    assert good.article.published == "2021-11-20" and good.article.dateline.date_value == "2021-11-20"
    assert _kinds(empty) == ["no-text"]
    assert empty.article.source.endswith("corpus.csv#2")


def test_folder_of_mixed_files(tmp_path):
    for name in ("story.txt", "page.html", "corpus.jsonl", "corpus.csv"):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "sub").mkdir()
    shutil.copy(SEED, tmp_path / "sub" / "seed.md")
    (tmp_path / ".hidden.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "README.md").write_text("# About this folder\n\n" + ENGLISH, encoding="utf-8")
    docs = _read(tmp_path)
    sources = [Path(d.article.source.partition("#")[0]).name for d in docs]
    assert sources == ["corpus.csv", "corpus.csv", "corpus.jsonl", "corpus.jsonl", "corpus.jsonl", "page.html",
                       "story.txt", "seed.md"]  # fmt: skip
    assert sum(1 for d in docs if not d.errors) == 6
    assert docs[-1].article.title == SEED_TITLE


# --- bad input -----------------------------------------------------------------------------------


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n \t\n")
    docs = _read(tmp_path / "empty.txt", tmp_path / "blank.txt")
    assert [_kinds(d) for d in docs] == [["empty"], ["empty"]]
    assert all(d.article.text == "" and d.article.id for d in docs)


def test_binary_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 40)
    (doc,) = _read(path)
    assert _kinds(doc) == ["binary"]
    assert "binary" in doc.errors[0].message or "control" in doc.errors[0].message


def test_fifty_megabyte_file_is_refused_without_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: takes no disk space
    start = time.perf_counter()
    (doc,) = _read(path)
    assert time.perf_counter() - start < 0.5
    assert _kinds(doc) == ["too-large"]
    assert "52,428,800 bytes" in doc.errors[0].message


def test_text_too_long_after_cleaning():
    doc = from_text(ENGLISH * 5, config=CONFIG.replace(max_chars=300))
    assert _kinds(doc) == ["too-long"]


@pytest.mark.parametrize(
    ("encoding", "prefix"), [("cp1252", b""), ("latin-1", b""), ("utf-16", b""), ("utf-8-sig", b"")]
)
def test_non_utf8_bytes_are_decoded(tmp_path, encoding, prefix):
    text = "The café’s owner, José Müller, said “no one was hurt” in the fire on Tuesday night in the old town."
    if encoding == "latin-1":
        text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(prefix + text.encode(encoding))
    (doc,) = _read(path)
    assert doc.errors == []
    assert doc.article.text == text


def test_jsonl_with_a_cp1252_line(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = '{"text": "The café owner said no one was hurt in the fire on Tuesday night in the old town."}'
    path.write_bytes(good.encode("utf-8") + b"\n" + good.encode("cp1252") + b"\n")
    first, second = _read(path)
    assert first.errors == [] and second.errors == []
    assert first.article.text == second.article.text
    assert first.article.id == second.article.id


def test_not_english():
    german = (
        "Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, das die Regeln für die Zuwanderung von "
        "Fachkräften aus dem Ausland deutlich vereinfachen soll. Die Opposition kritisierte das Vorhaben scharf "
        "und kündigte an, dagegen vor dem Verfassungsgericht zu klagen, weil es nicht mit dem Grundgesetz "
        "vereinbar sei."
    )
    doc = from_text(german, config=CONFIG)
    assert _kinds(doc) == ["not-english"]
    assert doc.article.language == "de"
    arabic = "قال مسؤولون عراقيون يوم الثلاثاء إن القوات الحكومية استعادت السيطرة على حي في غرب الموصل " * 3
    doc = from_text(arabic, config=CONFIG)
    assert _kinds(doc) == ["not-english"]
    assert doc.article.language == "ar"


def test_short_text_passes_the_language_check():
    doc = from_text("Protesters marched in Paris on Saturday.", config=CONFIG)
    assert doc.errors == []


def test_english_news_passes_the_language_check():
    doc = from_text(ENGLISH, config=CONFIG)
    assert doc.errors == [] and doc.article.language == "en"


def test_missing_and_unreadable_paths(tmp_path):
    (missing,) = _read(tmp_path / "nope.txt")
    assert _kinds(missing) == ["not-found"]
    assert "nope.txt" in missing.errors[0].message
    blocker = tmp_path / "file.txt"
    blocker.write_text(ENGLISH, encoding="utf-8")
    (unreadable,) = _read(blocker / "inside.txt")  # a path through a file cannot be opened
    assert _kinds(unreadable) == ["unreadable"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files regardless of permissions")
def test_unreadable_permissions(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    path.chmod(0)
    (doc,) = _read(path)
    assert _kinds(doc) == ["unreadable"]


def test_batch_goes_on_after_failures(tmp_path):
    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "b-binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    shutil.copy(SEED, tmp_path / "c-seed.txt")
    docs = _read(tmp_path, tmp_path / "missing.html")
    assert [_kinds(d) for d in docs] == [["empty"], ["binary"], [], ["not-found"]]
    assert len({d.article.id for d in docs}) == 4
    assert all(e.stage == "ingest" for d in docs for e in d.errors)


def test_failed_ids_are_stable(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert _read(tmp_path / "empty.txt")[0].article.id == _read(tmp_path / "empty.txt")[0].article.id


def test_hard_wrapped_text_joins_a_name_split_across_two_lines():
    from dateline.ingest.clean import clean_article

    text = (
        "Police arrested two men in the town of San Jose, California, on\n"
        "Monday after a protest outside the city hall turned violent, the\n"
        "police department said in a statement issued late on Monday night.\n"
        "Officers said the two men were held at the county jail in San\n"
        "Jose and would appear before a judge on Wednesday morning.\n"
    )
    cleaned = clean_article(text)
    assert "in San Jose and would appear" in cleaned.text
    assert cleaned.title is None  # the first wrapped line is no headline
    # text that is not wrapped keeps a short capitalised line as its own paragraph
    unwrapped = clean_article("Gunmen attack a checkpoint\nGunmen attacked a checkpoint on Monday, police said.")
    assert len(unwrapped.paragraphs) == 2


def test_a_wire_dateline_opens_the_body_under_a_headline():
    from dateline.ingest.clean import clean_article

    text = "Curfew lifted, but city still in limbo\n\nCHARLOTTE - Nearly a week after the shooting, all is quiet."
    cleaned = clean_article(text)
    assert cleaned.dateline is not None
    start, end = cleaned.dateline.place
    assert cleaned.text[start:end] == "CHARLOTTE"
    # a first paragraph that is a story, not a headline, keeps its second paragraph's opening as text
    story = "Police fired tear gas at protesters on Monday. Two people were hurt, medics said.\n\nLONDON - It rained."
    assert clean_article(story).dateline is None
