"""Shared knowledge below the stages: the actor knowledge base, the gazetteer and place-name normalisation.

Nothing here imports a stage. Stages reach the loaded instances through :class:`dateline.resources.Resources`
(``resources.actor_kb``, ``resources.gazetteer``); ``build_gazetteer`` is the build tool behind
``dateline gazetteer build`` and ``scripts/build_gazetteer.py``.
"""
