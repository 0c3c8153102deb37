"""Bytes to text: refuse binary data, decode UTF-8 (and BOM-marked UTF-16/32) directly, detect anything else.

Why: corpora mix UTF-8 with cp1252/latin-1 exports and the odd UTF-16 file from Windows tools; a wrong
guess garbles names, and a binary file fed to spaCy wastes the batch.
"""

from __future__ import annotations

import codecs
import logging

from ..errors import InputError

LOGGER = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that never occur in text (everything below 0x20 except tab, newline, form feed, CR, ESC).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_SNIFF = 8192


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` to text; raises :class:`InputError` ``empty``, ``binary`` or ``encoding`` when it is not text."""
    if not data.strip():
        raise InputError("empty", "the input is empty (no characters other than whitespace)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                message = f"starts with a {encoding} byte-order mark but does not decode: {exc}"
                raise InputError("encoding", message) from exc
    _check_not_binary(data[:_SNIFF])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError("encoding", "not UTF-8, and no text encoding fits the bytes")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        message = f"not UTF-8; detected {best.encoding}, but the bytes do not decode: {exc}"
        raise InputError("encoding", message) from exc
    LOGGER.debug("decoded as %s", best.encoding)
    return text


def _check_not_binary(head: bytes) -> None:
    if b"\x00" in head:
        raise InputError("binary", "the input holds NUL bytes: a binary file, not text")
    if head:
        controls = sum(head.count(bytes([b])) for b in _CONTROL)
        if controls / len(head) > 0.05:
            share = controls / len(head)
            raise InputError("binary", f"{share:.0%} of the first bytes are control characters: not text")
