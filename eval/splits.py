"""Tuning and check parts of every eval set, by a committed hash of each item's id.

Read errors and tune on the tuning part only; report the check part. A tuning-check gap above 0.03 on a headline
figure means the rules learned the tuning items rather than the constructions (each eval script prints both parts
and the gap). The split is a pure function of the set's name and the item's id, so it never changes when items are
added and needs no list to keep in step.
"""

from __future__ import annotations

import hashlib

PARTS = ("tuning", "check")
GAP = 0.03


def part(dataset: str, key: str) -> str:
    """``tuning`` or ``check`` for item ``key`` of ``dataset``: half each, by the first byte of a SHA-256."""
    return "tuning" if hashlib.sha256(f"{dataset}:{key}".encode()).digest()[0] % 2 == 0 else "check"


def gap_line(name: str, tuning: float, check: float) -> str:
    """One line comparing a figure on both parts, flagged when the gap says the rules memorise."""
    gap = tuning - check
    flag = "  <- above 0.03: memorising?" if gap > GAP else ""
    return f"{name}: tuning {tuning:.3f}, check {check:.3f}, gap {gap:+.3f}{flag}"
