"""Building an :class:`~kg.model.Article` the same way whichever reader found it."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime
from email.utils import parsedate_to_datetime

from kg.errors import IngestError
from kg.ingest.decode import normalise_newlines
from kg.model import Article

_SURROGATE = re.compile("[\ud800-\udfff]")


def make_article(
    text: str,
    origin: str,
    *,
    id: str | None = None,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Article:
    """An article with newline-normalised ``text``, tidy metadata and an id.

    ``id`` defaults to :func:`content_id`; blank metadata becomes None and dates go through
    :func:`iso_date`. Lone surrogates (half an emoji cut off by a scraper and escaped in JSON
    as ``\\ud83d``) are no characters and could not be written out: each becomes U+FFFD.

    >>> a = make_article("Japan subsidises Micron.\\r\\n", "news.txt", date="2024-03-05T09:30Z")
    >>> a.text, a.date, a.id == content_id("Japan subsidises Micron.")
    ('Japan subsidises Micron.\\n', '2024-03-05', True)
    """
    text = normalise_newlines(_characters(text))
    date = _blank_to_none(date)
    return Article(
        id=_characters(id) if id is not None else content_id(text),
        text=text,
        title=_blank_to_none(title),
        date=iso_date(date) if date is not None else None,
        url=_blank_to_none(url),
        source=_blank_to_none(source),
        origin=origin,
    )


def content_id(text: str) -> str:
    """A stable id for ``text``: sha256 of its NFC, ``\\n``-newline, stripped form, 16 hex digits.

    The same text gets the same id wherever it is read from.

    >>> content_id("Japan subsidises Micron.\\r\\n") == content_id("  Japan subsidises Micron.")
    True
    >>> len(content_id("x"))
    16
    """
    canonical = unicodedata.normalize("NFC", normalise_newlines(text)).strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def iso_date(value: str) -> str:
    """``value`` as ``YYYY-MM-DD`` when it is an ISO 8601 or RFC 2822 date, else as given.

    The date is the one written in ``value`` (its own time zone), never converted to UTC.
    A date whose year no calendar holds (``Tue, 05 Mar 99999``, or a year of 30 digits) raises
    :class:`~kg.errors.IngestError`: it is a date, but none kg can record.

    >>> iso_date("2024-03-05T23:30:00-05:00"), iso_date("Tue, 05 Mar 2024 09:30:00 +0900")
    ('2024-03-05', '2024-03-05')
    >>> iso_date("spring 2024")
    'spring 2024'
    >>> iso_date("Tue, 05 Mar 99999 09:30:00 +0900")
    Traceback (most recent call last):
    kg.errors.IngestError: date out of range: 'Tue, 05 Mar 99999 09:30:00 +0900'
    """
    text = value.strip()
    for parse in (datetime.fromisoformat, parsedate_to_datetime):
        try:
            return parse(text).date().isoformat()
        except OverflowError as err:
            raise IngestError(f"date out of range: {_shown(text)}") from err
        except (TypeError, ValueError) as err:
            if "out of range" in str(err):
                raise IngestError(f"date out of range: {_shown(text)}") from err
            continue
    return value


def _shown(text: str, limit: int = 60) -> str:
    """``text`` quoted for a message, cut to ``limit`` characters."""
    return repr(text) if len(text) <= limit else f"{text[:limit]!r}... ({len(text):,} characters)"


def _blank_to_none(value: str | None) -> str | None:
    return (_characters(value).strip() or None) if value is not None else None


def _characters(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (``text`` itself if it has none)."""
    return _SURROGATE.sub("\ufffd", text)
