"""What the stages share within one process: the options, the spaCy pipeline and the knowledge below the stages.

Heavy shared data (the actor knowledge base, the gazetteer) is built on first use and then kept for the
process, so a pipeline pays for it once, never per document; every stage reads the same instance through a
typed property. A stage's own compiled data (a trigger index, a matcher) goes through :meth:`Resources.shared`
under a key named after the stage.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any, TypeVar

from .config import Config
from .kb.actors import ActorKB, build_kb
from .kb.gazetteer import Gazetteer

T = TypeVar("T")


class Resources:
    """Config, the spaCy ``Language`` and cached shared data for the stages of one pipeline."""

    def __init__(self, config: Config, nlp: Any):
        self.config = config
        self.nlp = nlp
        self._cache: dict[str, Any] = {}

    def shared(self, key: str, factory: Callable[[], T]) -> T:
        """The object stored under ``key``, created by ``factory`` on first use."""
        if key not in self._cache:
            self._cache[key] = factory()
            if self.config.freeze_gc:
                gc.freeze()  # long-lived data: keep it out of later full collections
        return self._cache[key]

    @property
    def actor_kb(self) -> ActorKB:
        """The actor knowledge base (``data/actors.jsonl.gz`` or ``Config.actors_path``), loaded once."""
        return self.shared("kb.actors", lambda: build_kb(self.nlp, self.config.actors_path))

    @property
    def gazetteer(self) -> Gazetteer:
        """The place index (the shipped one or ``Config.gazetteer_path``), opened once."""
        return self.shared("kb.gazetteer", lambda: Gazetteer(self.config.gazetteer_path))
