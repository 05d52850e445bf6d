"""JSON Lines: one article a line, each bad line a :class:`~kg.model.Problem` naming it.

A line is an object with a non-empty string ``text``; ``id`` (string or integer) and
``title``, ``date``, ``url``, ``source``, ``publisher`` (string or null) are optional; other
fields are ignored. Blank lines are skipped. Who published the article is ``publisher`` if
given, else ``source``; a ``source`` that is a web address, with no ``url``, is the url.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from kg.errors import IngestError
from kg.ingest.article import make_article
from kg.model import Article, Problem

_METADATA = ("title", "date", "url", "source", "publisher")


def read_jsonl(text: str, where: str) -> Iterator[Article | Problem]:
    """One article per good line of ``text``, a problem at ``where:line`` per bad one.

    >>> items = list(read_jsonl('{"id": 7, "text": "Japan aids Micron."}\\n[1]', "a.jsonl"))
    >>> items[0].id, items[0].origin
    ('7', 'a.jsonl:1')
    >>> str(items[1])
    'a.jsonl:2: expected a JSON object, got an array'
    """
    return read_jsonl_lines(text.split("\n"), where)


def read_jsonl_lines(lines: Iterable[str], where: str) -> Iterator[Article | Problem]:
    """:func:`read_jsonl` over ``lines`` as they come (a file read line by line).

    >>> [a.id for a in read_jsonl_lines(['{"id": "a", "text": "T."}', ""], "x.jsonl")]
    ['a']
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        here = f"{where}:{number}"
        try:
            yield _parse_line(line, here)
        except IngestError as err:
            yield Problem(here, str(err))
        # Whatever else one line raises is that line's problem; the lines after it are read.
        except Exception as err:
            detail = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
            yield Problem(here, f"cannot read the line ({detail[:200]})")


class _Integer(str):
    """A JSON integer, kept as its exact text (Python refuses to convert over 4,300 digits)."""


def _parse_line(line: str, here: str) -> Article:
    try:
        record = json.loads(line, parse_int=_Integer)
    except json.JSONDecodeError as err:
        raise IngestError(f"invalid JSON: {err.msg} (column {err.colno})") from err
    except RecursionError as err:  # json's decoder recurses once per nested array or object
        raise IngestError("invalid JSON: nested too deeply") from err
    if not isinstance(record, dict):
        raise IngestError(f"expected a JSON object, got {_json_type(record)}")
    metadata = {name: _optional_string(record, name) for name in _METADATA}
    publisher, source = metadata.pop("publisher"), metadata["source"]
    if source and source.startswith(("http://", "https://")) and not metadata["url"]:
        metadata["url"] = source
    if publisher or (source and source == metadata["url"]):
        metadata["source"] = publisher  # the publisher's name, not its address
    return make_article(_text(record), here, id=_id(record), **metadata)


def _text(record: dict[str, object]) -> str:
    if "text" not in record:
        raise IngestError("missing 'text'")
    text = record["text"]
    if not isinstance(text, str) or isinstance(text, _Integer):
        raise IngestError(f"'text' must be a string, got {_json_type(text)}")
    if not text.strip():
        raise IngestError("'text' is empty")
    return text


def _id(record: dict[str, object]) -> str | None:
    """The record's own id as a string, or None to let the article take its content id."""
    value = record.get("id")
    if isinstance(value, _Integer):  # its digits exactly, however many
        return str.__str__(value)
    if isinstance(value, str) and value.strip():
        return value
    if value is None:
        return None
    raise IngestError(f"'id' must be a non-empty string or an integer, got {_json_type(value)}")


def _optional_string(record: dict[str, object], name: str) -> str | None:
    value = record.get(name)
    if value is None or (isinstance(value, str) and not isinstance(value, _Integer)):
        return value
    raise IngestError(f"'{name}' must be a string or null, got {_json_type(value)}")


def _json_type(value: object) -> str:
    """How JSON would name the type of ``value``, with its article."""
    if isinstance(value, _Integer):
        return "a number"
    if isinstance(value, str):
        return "an empty string" if not value.strip() else "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "null"
