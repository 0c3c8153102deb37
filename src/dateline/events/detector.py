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

Two heads share the features: *type* (one of the 16 PLOVER types or ``NONE``) and *realis* (the event happened —
asserted, reported or hedged — or not: negated, future, hypothetical).
"""

from __future__ import annotations

import functools
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from ..syntax import dependents
from ._triggers_table import compile_lexicon

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
    """Whether the detector looks at this word."""
    if token.pos_ not in CANDIDATE_POS or not token.is_alpha or len(token) < 2:
        return False
    return not (token.pos_ == "PROPN" and token.ent_type_)


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


@functools.cache
def _lexicon_types() -> dict[tuple[str, str], tuple[str, ...]]:
    """(lemma, "V"/"N") -> the PLOVER types the trigger lexicon gives it: vocabulary the corpus may lack."""
    return {key: tuple(sorted({r.type for r in rows})) for key, rows in compile_lexicon().items()}


def _lexicon_features(token: Token, lem: str) -> list[str]:
    pos = "V" if token.pos_ in ("VERB", "AUX") else "N" if token.pos_ in ("NOUN", "PROPN") else None
    if pos is None:
        return []
    types = _lexicon_types().get((lem, pos)) or _lexicon_types().get((token.lower_, pos)) or ()
    return [f"lex={t}" for t in types] + ([f"lex-n={len(types)}"] if types else ["lex=none"])


def sentence_flags(sent) -> tuple[str, ...]:
    """What a sentence says about every word in it: a question, the first sentence, a title-case headline."""
    flags = []
    if sent[-1].text == "?" or sent[-2:-1].text == "?":
        flags.append("question")
    if sent.start == 0:
        flags.append("first-sentence")
    titles = alphas = 0
    kinds = set()
    for t in sent:  # one pass over the words
        titles += t.is_title
        alphas += t.is_alpha
        kind = t.ent_type_
        if kind in _ACTOR_ENTS:
            kinds.add(kind)
    if titles > 0.6 * alphas:
        flags.append("headline-case")
    # who the sentence names: an event needs a political or social actor or lethal violence (coding guide 2), and a
    # sentence naming only private persons rarely tells one ("a hotel clerk asked the family to collect his bags")
    flags.extend(f"sent-ent={k}" for k in sorted(kinds))
    return tuple(flags)


def _polarity(verb: Token, memo: dict[int, tuple[bool, bool]] | None) -> tuple[bool, bool]:
    """Whether a governing verb is negated and whether it has a modal, once per verb (``memo``): every word under a
    verb with thousands of dependents asks it, and scanning them each time would be quadratic."""
    if memo is not None and verb.i in memo:
        return memo[verb.i]
    negated = modal = False
    for c in dependents(verb):
        negated = negated or c.dep_ == "neg"
        modal = modal or (c.dep_ == "aux" and _lemma(c) in _MODALS)
    if memo is not None:
        memo[verb.i] = (negated, modal)
    return negated, modal


def features(
    token: Token,
    sent: Span | None = None,
    flags: tuple[str, ...] | None = None,
    memo: dict[int, tuple[bool, bool]] | None = None,
    lowers: list[str] | None = None,
) -> list[str]:
    """The sparse features of one candidate word (strings; hashed by :func:`hashed`); ``sent`` and ``flags``: its
    sentence and that sentence's :func:`sentence_flags`, ``memo`` for :func:`_polarity`, and ``lowers``: the
    sentence's words in lower case, when the caller has them."""
    lem, pos, dep = _lemma(token), token.pos_, token.dep_
    head = token.head
    f = [
        f"l={lem}",
        f"w={token.lower_}",
        f"p={pos}",
        f"t={token.tag_}",
        f"d={dep}",
        f"lp={lem}|{pos}",
        f"ld={lem}|{dep}",
        f"s3={token.lower_[-3:]}",
        f"hl={_lemma(head)}",
        f"hp={head.pos_}",
        f"l_hl={lem}|{_lemma(head)}",
        f"d_hl={dep}|{_lemma(head)}",
    ]
    f.extend(_lexicon_features(token, lem))
    if token.is_title and not token.is_sent_start:
        f.append("title")
    sent = token.sent if sent is None else sent
    f.extend(sentence_flags(sent) if flags is None else flags)
    for child in dependents(token):
        cdep, clem = child.dep_, _lemma(child)
        f.append(f"c={cdep}")
        if cdep in ("neg",):
            f.append("neg")
        elif cdep in ("aux", "auxpass"):
            f.append(f"aux={clem}")
            if clem in _MODALS:
                f.append("modal")
        elif cdep == "mark":
            f.append(f"mark={clem}")
        elif cdep == "prep":
            obj = next((g for g in dependents(child) if g.dep_ == "pobj"), None)
            f.append(f"prep={clem}")
            f.append(f"l_prep={lem}|{clem}")
            if obj is not None:
                f.append(f"prep_obj={clem}|{_lemma(obj)}")
                f.append(f"prep_ent={clem}|{obj.ent_type_ or obj.pos_}")
        elif cdep in ("dobj", "nsubj", "nsubjpass", "attr", "agent", "poss", "compound", "amod", "prt", "xcomp"):
            f.append(f"{cdep}={clem}")
            f.append(f"l_{cdep}={lem}|{clem}")
            if child.ent_type_:
                f.append(f"{cdep}_ent={child.ent_type_}")
    f.extend(_shared_subject(token, lem))
    # The verbs it is told under ("said", "denied", "threatened to", "urged ... to"), two levels up.
    node = token
    for level in (1, 2):
        if node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            f.append(f"gov{level}={_lemma(node)}")
            negated, modal = _polarity(node, memo)
            if negated:
                f.append(f"gov{level}_neg")
            if modal:
                f.append(f"gov{level}_modal")
    if lowers is None:
        lowers = [t.lower_ for t in sent]
    at, n = token.i - sent.start, len(lowers)
    for k in range(1, _WINDOW + 1):
        if at - k >= 0:
            f.append(f"L{k}={lowers[at - k]}")
        if at + k < n:
            f.append(f"R{k}={lowers[at + k]}")
    if at >= 1 and lowers[at - 1] in ("the", "a", "an", "this", "that"):
        f.append("after-det")
    return f


def _shared_subject(token: Token, lem: str) -> list[str]:
    """A coordinated verb's subject, which it shares with its head: "a hotel employee called the family and asked
    them to ..." (the features a subject of its own gives)."""
    if token.dep_ != "conj" or token.pos_ != "VERB" or any(c.dep_ in ("nsubj", "nsubjpass") for c in dependents(token)):
        return []
    subj = next((c for c in dependents(token.head) if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return []
    out = [f"nsubj={_lemma(subj)}", f"l_nsubj={lem}|{_lemma(subj)}"]
    if subj.ent_type_:
        out.append(f"nsubj_ent={subj.ent_type_}")
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
        tokens, feats = [], []
        memo: dict[int, tuple[bool, bool]] = {}
        for sent in doc.sents:
            flags = sentence_flags(sent)
            words = list(sent)
            lowers = [t.lower_ for t in words]
            for t in words:
                if is_candidate(t):
                    tokens.append(t)
                    feats.append(features(t, sent, flags, memo, lowers))
        if not tokens:
            return []
        if rows is None and self.dense_kind == "tensor":
            rows = dense_rows(doc)
        elif rows is None and self.dense_kind == "none":
            rows = np.zeros((len(doc), 0), dtype=np.float32)
        elif rows is None:
            raise ValueError(f"a detector of the {self.dense_kind!r} design needs its dense rows")
        logits, r_logit = self._logits(*_columns(feats, self.bits), rows[[t.i for t in tokens]])
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
            Reading(t.i, names[b], pt, pe, ph)
            for t, b, pt, pe, ph in zip(tokens, best.tolist(), p_type, p_event, happened.tolist(), strict=True)
        ]
