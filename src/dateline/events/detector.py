"""The learned event detector: for each content word of a parse, is it an event mention, of which PLOVER type,
and did the event happen?

Trained by ``scripts/train_events.py`` on dateline's own corpus (``corpus/events/``, written from the PLOVER
codebook and ``docs/coding-guide.md``); the weights ship as ``dateline/data/event_detector.npz``. The model is a
linear one, so it runs in numpy with nothing more to install. Its evidence about a word is **sparse features** of
the word and its parse neighbourhood (its lemma and the lemmas it governs or depends on, negation, modals,
conditional and question marks, the verbs it is said under, the types the trigger lexicon gives its lemma), hashed
into a fixed table. A model may add **dense features** (``dense_kind``): ``tensor`` reads the contextual vectors
spaCy's own ``tok2vec`` computed for the parse, at the word and its head; the shipped model has none (``none``),
which did as well on real text (README, "The learned event detector"); the other designs compared live in
``scripts/detector_designs.py``.

It reads only the words it knows as event words (``event_lemmas`` beside the weights: the lemmas its training part
labels as an event at least once; and the trigger lexicon's words): a word never seen as an event is read as none
at the cost of all its features, and most of a text's nouns and adjectives are such words.

Two heads share the features: *type* (one of the 16 PLOVER types or ``NONE``) and *realis* (the event happened —
asserted, reported or hedged — or not: negated, future, hypothetical).
"""

from __future__ import annotations

import functools
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from ..syntax import LatestParse, dependent_indices
from ._triggers_table import SUPPORT_VERBS, compile_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# The words that may carry an event: verbs, nouns, adjectives ("a sham"), and proper nouns outside named
# entities (a title-case headline tags "Arrest" PROPN).
CANDIDATE_POS = frozenset(["VERB", "NOUN", "ADJ", "PROPN"])
NONE = "NONE"
HASH_BITS = 18
_MODALS = frozenset(["will", "would", "may", "might", "could", "should", "must", "can", "shall"])
_WINDOW = 2
_ACTOR_ENTS = frozenset(["PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"])


def is_candidate(token: Token) -> bool:
    """Whether the detector looks at this word (:attr:`Words.candidate`)."""
    return _words(token.doc).candidate[token.i]  # type: ignore[attr-defined]


class Words:
    """A parse's words as plain lists, read from spaCy once per parse: the detector builds some forty features for
    each of hundreds of candidate words from their own, their head's and their dependents' attributes, and every
    access through spaCy makes a new Token object."""

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_ALPHA, IS_TITLE, LEMMA, LOWER, ORTH, POS, TAG

        n = len(doc)
        cols = doc.to_array([LEMMA, LOWER, POS, TAG, DEP, ENT_TYPE, HEAD, IS_TITLE, IS_ALPHA, ORTH]) if n else None
        rows = cols.T.tolist() if cols is not None else [[] for _ in range(10)]
        lemma, lower, pos, tag, dep, ent, _head, _title, _alpha, orth = rows
        store = doc.vocab.strings
        self.lemma = _strings(lemma, store, _LOWERED)
        self.lower = _strings(lower, store, _STRINGS)
        names = _pos_names()
        self.pos = list(map(names.__getitem__, pos))
        self.tag = _strings(tag, store, _STRINGS)
        self.dep = _strings(dep, store, _STRINGS)
        self.ent = _strings(ent, store, _STRINGS)
        # HEAD is the head's offset from the word, stored unsigned: read back as a signed number, plus the position
        self.head = (cols[:, 6].astype(np.int64) + np.arange(n)).tolist() if n else []
        self.title = cols[:, 7].astype(bool).tolist() if n else []
        self.alpha = cols[:, 8].astype(bool).tolist() if n else []
        self.text = _strings(orth, store, _STRINGS)
        # a candidate: a verb, noun, adjective or unnamed proper noun of two letters or more
        self.candidate = [
            p in CANDIDATE_POS and a and len(t) >= 2 and not (p == "PROPN" and e)
            for p, a, t, e in zip(self.pos, self.alpha, self.text, self.ent, strict=True)
        ]
        self.kids = dependent_indices(doc)


class _StringCache(dict):
    """String hash -> its string (lower-cased with ``lower``), kept between parses: spaCy's hashes are the same in every
    vocabulary, and most words recur from article to article. A miss asks ``store``, the current parse's strings."""

    def __init__(self, lower: bool) -> None:
        super().__init__()
        self.lower = lower
        self.store = None

    def __missing__(self, key: int) -> str:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        text = self.store[key] if key else ""
        value = self[key] = text.lower() if self.lower else text
        return value


_CACHE_LIMIT = 200_000  # strings kept between parses (a few MB); emptied when outgrown
_STRINGS = _StringCache(lower=False)
_LOWERED = _StringCache(lower=True)


def _strings(hashes: list[int], store, cache: _StringCache) -> list[str]:
    """String hashes of a parse to their strings, through ``cache``."""
    cache.store = store
    return list(map(cache.__getitem__, hashes))


@functools.cache
def _pos_names() -> dict[int, str]:
    from spacy.parts_of_speech import NAMES

    return {int(k): v for k, v in NAMES.items()}


_words = LatestParse(Words)


def _known(w: Words, i: int, vocabulary: frozenset[str]) -> bool:
    """Whether the word's lemma or form (or, for a plural, its stem: "talks") is in the vocabulary."""
    lem = w.lemma[i]
    return lem in vocabulary or w.lower[i] in vocabulary or (lem.endswith("s") and lem[:-1] in vocabulary)


@functools.cache
def _lexicon_lemmas() -> frozenset[str]:
    """The trigger lexicon's lemmas and its support verbs."""
    return frozenset(lemma for lemma, _pos in compile_lexicon()) | SUPPORT_VERBS


@functools.cache
def _lexicon_types() -> dict[tuple[str, str], tuple[str, ...]]:
    """(lemma, "V"/"N") -> the PLOVER types the trigger lexicon gives it: vocabulary the corpus may lack."""
    return {key: tuple(sorted({r.type for r in rows})) for key, rows in compile_lexicon().items()}


def _lexicon_features(pos: str, lem: str, lower: str) -> list[str]:
    key = "V" if pos in ("VERB", "AUX") else "N" if pos in ("NOUN", "PROPN") else None
    if key is None:
        return []
    types = _lexicon_types().get((lem, key)) or _lexicon_types().get((lower, key)) or ()
    return [f"lex={t}" for t in types] + ([f"lex-n={len(types)}"] if types else ["lex=none"])


def sentence_flags(sent: Span) -> tuple[str, ...]:
    """What a sentence says about every word in it: a question, the first sentence, a title-case headline."""
    return _sentence_flags(_words(sent.doc), sent.start, sent.end)  # type: ignore[arg-type]


def _sentence_flags(w: Words, start: int, end: int) -> tuple[str, ...]:
    flags = []
    if w.text[end - 1] == "?" or (end - start > 1 and w.text[end - 2] == "?"):
        flags.append("question")
    if start == 0:
        flags.append("first-sentence")
    titles = sum(w.title[start:end])
    alphas = sum(w.alpha[start:end])
    kinds = {k for k in w.ent[start:end] if k in _ACTOR_ENTS}
    if titles > 0.6 * alphas:
        flags.append("headline-case")
    # who the sentence names: an event needs a political or social actor or lethal violence (coding guide 2), and a
    # sentence naming only private persons rarely tells one ("a hotel clerk asked the family to collect his bags")
    flags.extend(f"sent-ent={k}" for k in sorted(kinds))
    return tuple(flags)


def _polarity(w: Words, verb: int, memo: dict[int, tuple[bool, bool]]) -> tuple[bool, bool]:
    """Whether a governing verb is negated and whether it has a modal, once per verb (``memo``): every word under a
    verb with thousands of dependents asks it, and scanning them each time would be quadratic."""
    if verb in memo:
        return memo[verb]
    negated = modal = False
    for c in w.kids[verb]:
        negated = negated or w.dep[c] == "neg"
        modal = modal or (w.dep[c] == "aux" and w.lemma[c] in _MODALS)
    memo[verb] = (negated, modal)
    return negated, modal


def features(
    token: Token,
    sent: Span | None = None,
    flags: tuple[str, ...] | None = None,
    memo: dict[int, tuple[bool, bool]] | None = None,
) -> list[str]:
    """The sparse features of one candidate word (strings; hashed by :func:`hashed`); ``sent`` and ``flags``: its
    sentence and that sentence's :func:`sentence_flags`, ``memo`` for the governing verbs' polarity, when the
    caller has them."""
    sent = token.sent if sent is None else sent
    w: Words = _words(token.doc)  # type: ignore[assignment]
    if flags is None:
        flags = _sentence_flags(w, sent.start, sent.end)
    return _features(w, token.i, sent.start, sent.end, flags, {} if memo is None else memo)


def _features(
    w: Words, i: int, start: int, end: int, flags: tuple[str, ...], memo: dict[int, tuple[bool, bool]]
) -> list[str]:
    lem, low, pos, dep = w.lemma[i], w.lower[i], w.pos[i], w.dep[i]
    head = w.head[i]
    hlem = w.lemma[head]
    f = [
        f"l={lem}",
        f"w={low}",
        f"p={pos}",
        f"t={w.tag[i]}",
        f"d={dep}",
        f"lp={lem}|{pos}",
        f"ld={lem}|{dep}",
        f"s3={low[-3:]}",
        f"hl={hlem}",
        f"hp={w.pos[head]}",
        f"l_hl={lem}|{hlem}",
        f"d_hl={dep}|{hlem}",
    ]
    f.extend(_lexicon_features(pos, lem, low))
    if w.title[i] and i != start:
        f.append("title")
    f.extend(flags)
    for c in w.kids[i]:
        cdep, clem = w.dep[c], w.lemma[c]
        f.append(f"c={cdep}")
        if cdep == "neg":
            f.append("neg")
        elif cdep in ("aux", "auxpass"):
            f.append(f"aux={clem}")
            if clem in _MODALS:
                f.append("modal")
        elif cdep == "mark":
            f.append(f"mark={clem}")
        elif cdep == "prep":
            obj = next((g for g in w.kids[c] if w.dep[g] == "pobj"), None)
            f.append(f"prep={clem}")
            f.append(f"l_prep={lem}|{clem}")
            if obj is not None:
                f.append(f"prep_obj={clem}|{w.lemma[obj]}")
                f.append(f"prep_ent={clem}|{w.ent[obj] or w.pos[obj]}")
        elif cdep in _ARGUMENT_DEPS:
            f.append(f"{cdep}={clem}")
            f.append(f"l_{cdep}={lem}|{clem}")
            if w.ent[c]:
                f.append(f"{cdep}_ent={w.ent[c]}")
    f.extend(_shared_subject(w, i, lem))
    # The verbs it is told under ("said", "denied", "threatened to", "urged ... to"), two levels up.
    node = i
    for level in (1, 2):
        if w.head[node] == node:
            break
        node = w.head[node]
        if w.pos[node] in ("VERB", "AUX"):
            f.append(f"gov{level}={w.lemma[node]}")
            negated, modal = _polarity(w, node, memo)
            if negated:
                f.append(f"gov{level}_neg")
            if modal:
                f.append(f"gov{level}_modal")
    lowers = w.lower
    for k in range(1, _WINDOW + 1):
        if i - k >= start:
            f.append(f"L{k}={lowers[i - k]}")
        if i + k < end:
            f.append(f"R{k}={lowers[i + k]}")
    if i > start and lowers[i - 1] in ("the", "a", "an", "this", "that"):
        f.append("after-det")
    return f


_ARGUMENT_DEPS = frozenset(["dobj", "nsubj", "nsubjpass", "attr", "agent", "poss", "compound", "amod", "prt", "xcomp"])


def _shared_subject(w: Words, i: int, lem: str) -> list[str]:
    """A coordinated verb's subject, which it shares with its head: "a hotel employee called the family and asked
    them to ..." (the features a subject of its own gives)."""
    if w.dep[i] != "conj" or w.pos[i] != "VERB" or any(w.dep[c] in ("nsubj", "nsubjpass") for c in w.kids[i]):
        return []
    subj = next((c for c in w.kids[w.head[i]] if w.dep[c] in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return []
    out = [f"nsubj={w.lemma[subj]}", f"l_nsubj={lem}|{w.lemma[subj]}"]
    if w.ent[subj]:
        out.append(f"nsubj_ent={w.ent[subj]}")
    return out


class _Columns(dict):
    """Feature string -> its hashed column, for the strings seen before: most features recur from word to word
    ("p=NOUN", "c=det"), and a lookup is cheaper than encoding and hashing again; emptied when it outgrows
    ``_COLUMNS_CACHE``."""

    def __init__(self, bits: int) -> None:
        super().__init__()
        self.mask = (1 << bits) - 1

    def __missing__(self, feature: str) -> int:
        if len(self) >= _COLUMNS_CACHE:
            self.clear()
        value = self[feature] = zlib.crc32(feature.encode()) & self.mask
        return value


_COLUMNS_CACHE = 100_000  # about 10 MB; the common strings return within a few articles of a clear
_TABLES: dict[int, _Columns] = {}


def _columns(feats: list[list[str]], bits: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`hashed` for many words at once, the strings of all of them looked up in one pass: every word's columns
    in one array, and where each word's start."""
    starts = np.cumsum([0] + [len(fs) for fs in feats[:-1]])
    return hashed([f for fs in feats for f in fs], bits), starts


def hashed(feats: list[str], bits: int = HASH_BITS) -> np.ndarray:
    """Feature strings to column indices (CRC-32, stable across processes and Python versions)."""
    table = _TABLES.get(bits) or _TABLES.setdefault(bits, _Columns(bits))
    return np.fromiter(map(table.__getitem__, feats), dtype=np.int64, count=len(feats))


def dense_rows(doc: Doc) -> np.ndarray:
    """spaCy's contextual vectors at each word and at its head, one row per token (zeros when the parse has none)."""
    tensor = doc.tensor
    if tensor is None or tensor.shape[0] != len(doc) or tensor.shape[1] == 0:
        return np.zeros((len(doc), 192), dtype=np.float32)
    heads = np.fromiter((t.head.i for t in doc), dtype=np.int64, count=len(doc))
    return np.concatenate([tensor, tensor[heads]], axis=1).astype(np.float32)


class Reading(NamedTuple):
    """What the detector says about one word (a named tuple: a long article has thousands of candidate words)."""

    token: int  # index in the Doc
    type: str  # a PLOVER type or NONE
    p_type: float  # probability of that type
    p_event: float  # 1 - P(NONE)
    p_happened: float  # P(happened | event)


class Detector:
    """The trained linear detector (weights from ``scripts/train_events.py``)."""

    def __init__(self, arrays: dict[str, np.ndarray]):
        self.types = [str(t) for t in arrays["types"]]
        self.sparse_w = arrays["sparse_w"].astype(np.float32)  # (2**bits, n_types)
        self.dense_w = arrays["dense_w"].astype(np.float32)  # (dense width, n_types)
        self.dense_kind = str(arrays.get("dense_kind", "tensor"))
        self.bias = arrays["bias"].astype(np.float32)
        self.mean = arrays["dense_mean"].astype(np.float32)
        self.scale = arrays["dense_scale"].astype(np.float32)
        self.r_sparse = arrays["realis_sparse_w"].astype(np.float32)  # (2**bits,)
        self.r_dense = arrays["realis_dense_w"].astype(np.float32)
        self.r_bias = float(arrays["realis_bias"])
        self.bits = int(arrays["bits"])
        # The words it reads: lemmas its training labels as an event at least once, and the lexicon's trigger and
        # support verbs; a word never seen as an event (most nouns and adjectives of a text) it would read as none
        # but at the cost of all its features. A model without the list reads every candidate.
        lemmas = arrays.get("event_lemmas")
        self.vocabulary = None if lemmas is None else frozenset(str(x) for x in lemmas) | _lexicon_lemmas()

    @classmethod
    def load(cls, path: Path) -> Detector:
        with np.load(path, allow_pickle=False) as z:
            return cls({k: z[k] for k in z.files})

    def logits(self, cols: list[np.ndarray], dense: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The type logits (words x types) and realis logits of words given by their hashed feature columns and
        their dense rows (unscaled): one gather for all words, each word's weight rows summed between its offsets."""
        flat = np.concatenate(cols)
        starts = np.cumsum([0] + [len(c) for c in cols[:-1]])
        return self._logits(flat, starts, dense)

    def _logits(self, flat: np.ndarray, starts: np.ndarray, dense: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x = (dense - self.mean) / self.scale
        types = np.add.reduceat(self.sparse_w[flat], starts, axis=0) + x @ self.dense_w + self.bias
        realis = np.add.reduceat(self.r_sparse[flat], starts) + x @ self.r_dense + self.r_bias
        return types, realis

    def read(self, doc: Doc, rows: np.ndarray | None = None) -> list[Reading]:
        """A reading for every candidate word of the parse (``rows``: other dense features, for experiments)."""
        w: Words = _words(doc)  # type: ignore[assignment]
        tokens, feats = [], []
        memo: dict[int, tuple[bool, bool]] = {}
        candidate = w.candidate
        known = self.vocabulary
        for sent in doc.sents:
            start, end = sent.start, sent.end
            flags = _sentence_flags(w, start, end)
            for i in range(start, end):
                if candidate[i] and (known is None or _known(w, i, known)):
                    tokens.append(i)
                    feats.append(_features(w, i, start, end, flags, memo))
        if not tokens:
            return []
        if rows is None and self.dense_kind == "tensor":
            rows = dense_rows(doc)
        elif rows is None and self.dense_kind == "none":
            rows = np.zeros((len(doc), 0), dtype=np.float32)
        elif rows is None:
            raise ValueError(f"a detector of the {self.dense_kind!r} design needs its dense rows")
        logits, r_logit = self._logits(*_columns(feats, self.bits), rows[tokens])
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        none = self.types.index(NONE)
        best = probs.argmax(axis=1)
        happened = 0.5 * (1.0 + np.tanh(0.5 * r_logit))  # the logistic function, without overflow
        p_type = probs[np.arange(len(tokens)), best].tolist()
        p_event = (1.0 - probs[:, none]).tolist()
        names = self.types
        return [
            Reading(t, names[b], pt, pe, ph)
            for t, b, pt, pe, ph in zip(tokens, best.tolist(), p_type, p_event, happened.tolist(), strict=True)
        ]
