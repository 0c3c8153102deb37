"""Quotes stage, the quotation-mark scan alone: plain strings in, spans out (no spaCy, no pipeline).

The sentences are invented; the expectations pin what the scanner returns today.
"""

from __future__ import annotations

from dateline.document import text_paragraphs
from dateline.quotes._marks import direct_quotes, mark_text, merge_runover


def _quotes(text: str) -> list[tuple[str, bool, int]]:
    """(quoted text, whether a closing mark was found, word count) of each direct quote, in order."""
    return [
        (text[d.start : d.end], d.close_at is not None, d.words) for d in direct_quotes(text, text_paragraphs(text))
    ]


def test_curly_quote_spans_the_words_between_the_marks():
    text = "The mayor said: “We will rebuild the bridge by spring.” Then she left."
    [d] = direct_quotes(text, text_paragraphs(text))
    assert (d.open_at, d.start, d.end, d.close_at, d.words) == (16, 17, 54, 54, 7)
    assert text[d.open_at] == "“" and text[d.close_at] == "”"


def test_straight_quotes_and_inch_marks():
    assert _quotes('He called it "a very bad deal for the town" and walked out.') == [
        ("a very bad deal for the town", True, 7)
    ]
    assert _quotes('A 6" pipe and a 12" pipe.') == []  # a mark after a digit opens nothing


def test_two_quotes_around_a_cue_lose_the_trailing_comma():
    text = "“Nobody told us,” said a farmer. “We found out from the radio.”"
    assert _quotes(text) == [("Nobody told us", True, 3), ("We found out from the radio.", True, 6)]


def test_guillemets_keep_the_inner_space():
    assert _quotes("« Nous resterons ici », a-t-il dit.") == [(" Nous resterons ici", True, 3)]


def test_single_curly_quotes_need_two_words():
    assert _quotes("The sign read ‘no entry after dark’ in red letters.") == [("no entry after dark", True, 4)]
    assert _quotes("The mayor's aide said ‘fine’ and left.") == []
    assert _quotes("It was 'nice' of them.") == []  # straight apostrophes are not quotation marks


def test_nested_single_quote_stays_inside_the_outer_quote():
    text = "“The council said ‘wait until next year’ again,” she said."
    assert _quotes(text) == [("The council said ‘wait until next year’ again", True, 8)]


def test_unbalanced_quote_runs_to_the_paragraph_end():
    text = "He said “the water is rising fast and nobody is coming.\n\nThe road was closed."
    assert _quotes(text) == [("the water is rising fast and nobody is coming.", False, 9)]


def test_capitalised_quote_runs_over_into_a_paragraph_opening_with_a_mark():
    text = "“The first paragraph runs on without a close.\n\n“And the second one closes here,” he said."
    paragraphs = text_paragraphs(text)
    assert len(paragraphs) == 2
    assert merge_runover(text, paragraphs) == [(0, len(text))]
    assert _quotes(text) == [
        ("The first paragraph runs on without a close.\n\n“And the second one closes here", True, 14)
    ]


def test_lower_case_fragment_does_not_run_over():
    text = "“the lower-case one stays open\n\n“Second paragraph opens,” he said."
    assert merge_runover(text, text_paragraphs(text)) == text_paragraphs(text)
    assert _quotes(text) == [("the lower-case one stays open", False, 6), ("Second paragraph opens", True, 3)]


def test_doubled_apostrophes_read_as_straight_quotes():
    text = "The wire wrote ''we are not leaving'' in its report."
    marked = mark_text(text)
    assert len(marked) == len(text)  # offsets are kept
    assert marked[15:17] == '\x02"' and marked[35:37] == '"\x02'
    assert _quotes(text) == [("we are not leaving", True, 4)]
    assert mark_text("no doubled marks") == "no doubled marks"
