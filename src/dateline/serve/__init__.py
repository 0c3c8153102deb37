"""Serve the store: an HTTP API (``docs/api.md``) and an offline web page (map, timeline, actor graph, evidence).

``create_app(db)`` builds the FastAPI application; ``serve(db)`` runs it with uvicorn (``dateline serve``). Modules:
``_app`` (routes, validation, errors, the token on writes), ``_queries`` (the SQL, always with parameters),
``_access`` (how the store is opened so that the server and a running ``dateline run`` never corrupt each other),
and ``static/`` (the page and its vendored libraries).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ..config import Config
from ._app import create_app

LOGGER = logging.getLogger(__name__)

__all__ = ["create_app", "serve"]


def serve(
    db: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    config: Config | None = None,
) -> None:
    """Serve the store ``db`` until interrupted. Writes need ``token`` (default: the ``DATELINE_TOKEN``
    variable); without one the server is read-only."""
    import uvicorn

    token = token if token is not None else os.environ.get("DATELINE_TOKEN") or None
    app = create_app(db, token=token, config=config)
    LOGGER.info("serving %s on http://%s:%d (%s)", db, host, port, "writes need the token" if token else "read-only")
    uvicorn.run(app, host=host, port=port, log_level="warning")
