"""Bytes of an input file -> text, or an :class:`~kg.errors.IngestError` for binary data.

Encodings tried, in order: a byte-order mark (UTF-8, UTF-16) decides; else UTF-8; else
cp1252. The cp1252 fallback is silent on purpose: it is a superset of Latin-1 for all printable
characters, which covers the legacy encoding most older Western news files use, and a file that
decodes as neither is reported as binary instead of being read as mojibake. Whatever the
encoding, a decoded text with NUL characters or many control characters is binary, not text.
"""

from __future__ import annotations

import codecs

from kg.errors import IngestError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LAYOUT_CONTROLS = frozenset("\t\n\r\f\v")
_MAX_CONTROL_SHARE = 0.05
"""Text has next to no control characters; random bytes decoded as cp1252 have about 11%."""


def decode(data: bytes) -> str:
    """Decode an input file's bytes and normalise its newlines to ``\\n``.

    Raises :class:`~kg.errors.IngestError` (``binary file ...``) when the bytes are not text.

    >>> decode("Zölle\\r\\n".encode("cp1252"))
    'Zölle\\n'
    >>> decode(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    Traceback (most recent call last):
    ...
    kg.errors.IngestError: binary file (not UTF-8, UTF-16 or cp1252 text)
    """
    text = _decode_text(data)
    if text is None or _looks_binary(text):
        raise IngestError("binary file (not UTF-8, UTF-16 or cp1252 text)")
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    r"""Turn ``\r\n`` and lone ``\r`` into ``\n``; nothing else changes.

    >>> normalise_newlines("a\r\nb\rc\n")
    'a\nb\nc\n'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_text(data: bytes) -> str | None:
    """The text of ``data`` in the first encoding that fits, or None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _try_decode(data, encoding)
    return _try_decode(data, "utf-8") or _try_decode(data, "cp1252")


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = sum(1 for char in text if _is_control(char))
    return controls > len(text) * _MAX_CONTROL_SHARE


def _is_control(char: str) -> bool:
    return (char < " " and char not in _LAYOUT_CONTROLS) or char == "\x7f"
