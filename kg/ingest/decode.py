"""Bytes of an input file -> text, or an :class:`~kg.errors.IngestError` for binary data.

Encodings tried, in order: a byte-order mark (UTF-8, UTF-16) decides; else UTF-16 when every
other byte is NUL (ASCII-range text saved as UTF-16 without a mark); else UTF-8, where every
byte sequence that is not UTF-8 is read as cp1252. That last rule reads a legacy cp1252 or
Latin-1 file as such, and a file whose lines were pasted together from both encodings
(common in scraped archives) without turning the UTF-8 parts into mojibake. cp1252 is a
superset of Latin-1 for all printable characters; a byte it does not define (0x81, 0x8D, 0x8F,
0x90, 0x9D) makes the file binary rather than guessed. Whatever the encoding, a decoded text
with NUL characters or many control characters is binary, not text.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator

from kg.errors import IngestError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROLS = (*(chr(code) for code in range(32) if chr(code) not in "\t\n\r\f\v"), "\x7f")
_MAX_CONTROL_SHARE = 0.05
"""Text has next to no control characters; random bytes decoded as cp1252 have about 11%."""
_UTF16_SAMPLE = 4096
_CP1252_FALLBACK = "kg-cp1252-fallback"


def decode(data: bytes) -> str:
    """Decode an input file's bytes and normalise its newlines to ``\\n``.

    Raises :class:`~kg.errors.IngestError` (``binary file ...``) when the bytes are not text.

    >>> decode("Zölle\\r\\n".encode("cp1252"))
    'Zölle\\n'
    >>> decode("Zölle ".encode() + "für".encode("latin-1"))  # UTF-8 and Latin-1 in one file
    'Zölle für'
    >>> decode(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    Traceback (most recent call last):
    ...
    kg.errors.IngestError: binary file (not UTF-8, UTF-16 or cp1252 text)
    """
    text = _decode_text(data)
    if text is None or _looks_binary(text):
        raise IngestError("binary file (not UTF-8, UTF-16 or cp1252 text)")
    return normalise_newlines(text)


def decode_lines(path: str | os.PathLike[str]) -> Iterator[str]:
    """The lines of the text file at ``path``, decoded as :func:`decode` would, read one at a
    time: memory does not grow with the file (a JSON Lines archive of millions of articles).

    UTF-16 files (rare) are decoded whole. Raises :class:`~kg.errors.IngestError` when the
    file starts like binary data or holds nothing but whitespace.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile(suffix=".jsonl") as f:
    ...     _ = f.write("Zölle\\r\\n".encode() + "für\\n".encode("latin-1"))
    ...     _ = f.flush()
    ...     list(decode_lines(f.name))
    ['Zölle', 'für']
    """
    with open(path, "rb") as file:
        head = file.peek(_UTF16_SAMPLE)[:_UTF16_SAMPLE]  # peek: a pipe cannot seek back
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _unmarked_utf16(head):
            yield from decode(file.read()).split("\n")
            return
        start = _try_decode(_whole_characters(head), "utf-8", _CP1252_FALLBACK)
        if start is None or _looks_binary(start):
            raise IngestError("binary file (not UTF-8, UTF-16 or cp1252 text)")
        if head.startswith(codecs.BOM_UTF8):
            file.read(len(codecs.BOM_UTF8))
        blank = True
        for raw in file:
            # A line whose undefined cp1252 bytes make it binary is kept, garbled: its JSON
            # (or lack of it) decides whether it is an article.
            line = _try_decode(raw, "utf-8", _CP1252_FALLBACK) or raw.decode("utf-8", "replace")
            blank = blank and not line.strip()
            line = line.removesuffix("\n").removesuffix("\r")
            yield from line.split("\r") if "\r" in line else (line,)  # a lone "\r" ends lines too
        if blank:
            raise IngestError("empty file")


def _whole_characters(head: bytes) -> bytes:
    """``head`` without the UTF-8 character its last bytes may have cut in two.

    >>> _whole_characters("Zölle €".encode()[:-1])
    b'Z\\xc3\\xb6lle '
    """
    for back in range(1, min(4, len(head)) + 1):
        if head[-back] >= 0xC0:  # the lead byte of the last multi-byte character
            return head[:-back]
        if head[-back] < 0x80:  # ASCII: nothing cut
            break
    return head


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
    unmarked = _unmarked_utf16(data)
    if unmarked is not None:
        return _try_decode(data, unmarked)
    return _try_decode(data, "utf-8", _CP1252_FALLBACK)


def _unmarked_utf16(data: bytes) -> str | None:
    """``utf-16-le`` or ``-be`` when the odd or the even bytes of ``data`` are nearly all NUL."""
    sample = data[:_UTF16_SAMPLE]
    half = len(sample) // 2
    if half < 8 or len(data) % 2:
        return None
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) >= 0.9 * half:
            return encoding
    return None


def _try_decode(data: bytes, encoding: str, errors: str = "strict") -> str | None:
    try:
        return data.decode(encoding, errors)
    except UnicodeDecodeError:
        return None


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read the bytes that are not UTF-8 as cp1252 (or give up)."""
    assert isinstance(error, UnicodeDecodeError)  # registered for decoding only
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252"), error.end  # undefined cp1252 bytes raise: binary


codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    # str.count per control character: C speed, no copy, even for a 50 MB file.
    controls = sum(text.count(char) for char in _CONTROLS)
    return controls > len(text) * _MAX_CONTROL_SHARE
