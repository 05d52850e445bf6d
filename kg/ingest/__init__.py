"""Reading news articles from files and folders: text, Markdown, HTML, JSON Lines, RSS and Atom.

:func:`read_articles` yields an :class:`~kg.model.Article` per good item and a
:class:`~kg.model.Problem` per bad one. Files are decoded as UTF-8 or, with a byte-order mark,
UTF-16; bytes that are not UTF-8 are read as cp1252 without a warning (see
:mod:`kg.ingest.decode`), and binary files are problems. So are articles too long to extract
and articles clearly not in English (:mod:`kg.ingest.language`).

>>> ".jsonl" in SUFFIXES
True
"""

from kg.ingest.files import SUFFIXES, read_articles

__all__ = ["SUFFIXES", "read_articles"]
