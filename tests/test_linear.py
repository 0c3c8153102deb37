"""The linear-time replacements of quadratic paths answer exactly as the code they replace.

Speed itself is measured by bench/adversarial.py, never here; these tests hold the answers: the tokenizer guard
keeps every offset into the article, and each index or memo gives what the scan it replaces gave.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.actors._generic import noun_chunks
from dateline.config import Config
from dateline.events._anchors import Anchors
from dateline.events._clauses import _NOMINAL_DEPS, _clause_key, _same_clause, _verb_above
from dateline.events._triggers import _SUBTREE_WINDOW, _neighbourhood
from dateline.pipeline import _LONG_CHUNK, make_doc
from dateline.quotes._lexicon import QUOTE_MARKS
from dateline.quotes._marks import count_words, has_quote_mark, words_between
from dateline.syntax import dependents, sentence, subtree
from dateline.times._candidate import Candidate
from dateline.times._find import _Found

NEWS = (
    "Police fired tear gas at protesters in Dakoro on Tuesday, witnesses said. The interior ministry said it "
    "had arrested 30 people, and that soldiers, rebels, farmers and students were among them. It isn't over, "
    "a teacher said. Gunmen who attacked the checkpoint, a spokesman said, fled north."
)
COMMA_LIST = "The attack was condemned by " + "the soldiers, the rebels, the farmers, " * 60 + "and doctors."


def test_make_doc_leaves_normal_text_to_the_tokenizer(nlp):
    expected = [(t.text, t.idx, t.whitespace_, t.norm_) for t in nlp.make_doc(NEWS)]
    assert [(t.text, t.idx, t.whitespace_, t.norm_) for t in make_doc(nlp, NEWS)] == expected
    url = "see https://example.org/" + "a" * (_LONG_CHUNK - 30) + " now"  # a long chunk at the limit
    assert [t.text for t in make_doc(nlp, url)] == [t.text for t in nlp.make_doc(url)]


def test_make_doc_keeps_the_text_and_its_offsets_in_long_runs(nlp):
    text = "He shouted " + "'" * 700 + " and then " + "(\u201c" * 300 + " left. It isn't so " + "x's" * 200
    doc = make_doc(nlp, text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text
        assert len(token.text) <= _LONG_CHUNK
    assert [t.norm_ for t in doc if t.text == "n't"] == ["not"]  # the tokenizer's special cases still apply


def test_the_pipeline_keeps_spans_inside_a_text_with_long_runs(pipeline):
    text = NEWS + "\n\n" + "\u201c" * 2000 + "\n\n" + NEWS
    doc = pipeline(_document(text))
    assert not doc.errors
    result = doc.result()
    for quote in result.quotes:
        assert 0 <= quote.start <= quote.end <= len(text)
    assert result.events  # the news around the run is still read


@settings(max_examples=300)
@given(st.text(alphabet="ab1_ \u00e9,.\u201c\u201d'\"-", max_size=40), st.integers(-2, 45), st.integers(-2, 45))
def test_word_and_quote_mark_index_answer_as_the_slice(text, start, end):
    start, end = max(start, 0), max(end, 0)
    assert words_between(text, start, end) == count_words(text[start:end])
    assert has_quote_mark(text, start, end) == any(ch in QUOTE_MARKS for ch in text[start:end])


@settings(max_examples=200)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=30), st.integers(0, 70), st.integers(0, 9))
def test_found_times_answer_overlap_as_the_scan(spans, start, length):
    found = _Found()
    for s, n in spans:  # added as times.find adds them: only what overlaps nothing found before
        if not any(c.start < s + n and s < c.end for c in found):
            cand = Candidate(0, 0, None, "unknown", "none", 0.3, "fallback")
            cand.start, cand.end = s, s + n
            found.append(cand)
    end = start + length
    assert found.overlaps(start, end) == any(c.start < end and start < c.end for c in found)


def _walk_same_clause(t, head) -> bool:
    cur = t
    while cur.i != head.i and cur.head.i != cur.i:
        cur = cur.head
        if cur.i != head.i and cur.pos_ == "VERB" and cur.dep_ not in _NOMINAL_DEPS:
            return False
    return True


def test_same_clause_answers_as_the_head_walk(nlp):
    for doc in nlp.pipe([NEWS, COMMA_LIST]):
        for t in doc:
            for head in doc:
                assert _same_clause(t, head) == _walk_same_clause(t, head)


def test_a_clause_key_tells_which_words_below_are_in_the_clause(nlp):
    for doc in nlp.pipe([NEWS, COMMA_LIST]):
        for t in doc:
            for anc in t.ancestors:
                assert _same_clause(t, anc) == (_verb_above(t) == _clause_key(anc))


def test_subtree_sentence_and_noun_chunks_as_spacy_gives_them(nlp):
    for doc in nlp.pipe([NEWS, COMMA_LIST]):
        assert [(c.start, c.end, c.label_) for c in noun_chunks(doc)] == [
            (c.start, c.end, c.label_) for c in doc.noun_chunks
        ]
        for t in doc:
            assert [x.i for x in subtree(t)] == [x.i for x in t.subtree]
            assert [x.i for x in dependents(t)] == [x.i for x in t.children]
            assert (sentence(t).start, sentence(t).end) == (t.sent.start, t.sent.end)
        for i in range(len(doc) - 3):  # spans within a sentence and across two
            span = doc[i : i + 3]
            assert (sentence(span).start, sentence(span).end) == (span.sent.start, span.sent.end)


def test_neighbourhood_is_the_whole_subtree_of_a_news_sentence_and_a_window_of_a_long_list(nlp):
    doc = nlp(NEWS)
    for t in doc:
        if t.pos_ != "NOUN":
            assert _neighbourhood(t) == [*t.children, *t.subtree]
    long = nlp(COMMA_LIST)
    root = max(long, key=lambda t: t.right_edge.i - t.left_edge.i)
    near = _neighbourhood(root)
    assert root.right_edge.i - root.left_edge.i > _SUBTREE_WINDOW
    assert all(abs(t.i - root.i) <= _SUBTREE_WINDOW for t in near)
    assert {t.i for t in near} <= {t.i for t in root.subtree}


def _document(text: str):
    from dateline import ingest

    return ingest.from_text(text, config=Config(published="2024-03-05"))


PERSONS = (
    "Amadou Keita, a farmer, said the soldiers came at night. He said they burned the granary.\n\n"
    "Later Fatima Diallo spoke to reporters. She said the army had left. He denied it, she said, and Keita "
    "said he would stay."
)


def _walk_recent_person(doc, pronoun):
    spacy_doc = pronoun.doc
    sents = list(spacy_doc.sents)
    idx = next((k for k, s in enumerate(sents) if s.start == pronoun.sent.start), 0)
    floor = sents[max(0, idx - 2)].start
    for ent in reversed(spacy_doc.ents):
        if ent.start < pronoun.i and ent.start >= floor and ent.label_ == "PERSON":
            actor = doc.actor_at(ent.start_char, ent.end_char)
            if actor is not None:
                return actor.id, ent.start_char
    return None


def test_recent_person_answers_as_the_scan_of_every_entity(pipeline):
    from dateline.quotes._speakers import _recent_person

    doc = pipeline(_document(PERSONS))
    pronouns = [t for t in doc.spacy_doc if t.lower_ in ("he", "she")]
    assert pronouns
    assert any(_recent_person(doc, t) is not None for t in pronouns)
    for t in pronouns:
        assert _recent_person(doc, t) == _walk_recent_person(doc, t)


def test_quotes_of_one_span_are_judged_alike_with_cues_of_their_own(pipeline):
    text = "The army came to the village" + ", he said" * 40 + "."
    quotes = pipeline(_document(text)).quotes
    assert len(quotes) > 1
    by_span: dict[tuple[int, int], list] = {}
    for q in quotes:
        assert q.factuality is not None
        by_span.setdefault((q.start, q.end), []).append(q)
    for same in by_span.values():
        assert len({q.factuality for q in same}) == 1
        cues = [q.factuality_cue for q in same if q.factuality_cue is not None]
        assert len({id(c) for c in cues}) == len(cues)  # no cue object shared between two quotes


PLACES = (
    "Rebels attacked Gao and Mopti on Monday, and the army, which had left Timbuktu, said it would return to Gao, "
    "a spokesman in Bamako said, while the minister urged Niger to close the border near Menaka and Kidal."
)


def _scan_nearest(anchors, trigger, window, excluded):
    found = []
    for i in sorted(anchors.place_tokens, key=anchors._place_rank.__getitem__):
        place, mention = anchors.place_tokens[i]
        if window[0] <= mention.start and mention.end <= window[1] and i not in excluded:
            found.append((i, (place, mention)))
    return min(found, key=lambda x: abs(x[0] - trigger.i))[1] if found else None


def test_nearest_place_walks_out_to_what_the_scan_of_the_sentence_finds(pipeline):
    doc = pipeline(_document(PLACES))
    anchors = Anchors(doc)
    assert len(anchors.place_tokens) >= 4
    sent = (0, len(PLACES))
    for excluded in (frozenset(), frozenset(list(anchors.place_tokens)[::2])):
        for trigger in doc.spacy_doc:
            assert anchors._nearest(trigger, sent, excluded) == _scan_nearest(anchors, trigger, sent, excluded)
            half = (0, trigger.idx)
            assert anchors._nearest(trigger, half, excluded) == _scan_nearest(anchors, trigger, half, excluded)
