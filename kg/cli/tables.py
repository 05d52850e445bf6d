"""Rows of plain values -> text: an aligned table for people, CSV or JSON for programs."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Sequence
from decimal import Decimal

from kg.errors import KgError

MAX_WIDTH = 60
"""Widest a column of the ``table`` format gets; longer cells end in an ellipsis."""

Rows = Sequence[Sequence[object]]


def render(columns: Sequence[str], rows: Rows, fmt: str) -> str:
    """``rows`` under the header ``columns``, as ``table``, ``csv`` or ``json`` text.

    >>> print(render(["who", "score"], [["Rapidus", 0.5], ["IBM", None]], "table"))
    who      score
    -------  -----
    Rapidus    0.5
    IBM
    >>> render(["who"], [["Rapidus"]], "json")
    '[\\n  {\\n    "who": "Rapidus"\\n  }\\n]'
    """
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        valid = ", ".join(RENDERERS)
        raise KgError(f"unknown output format {fmt!r}; use one of {valid}") from None
    return renderer(columns, rows)


def _table(columns: Sequence[str], rows: Rows) -> str:
    header = [_truncate(name) for name in columns]
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max(len(text) for text in column) for column in zip(header, *cells, strict=True)]
    # Numbers line up on the right, text on the left; the header follows its column.
    numeric = [
        bool(rows) and all(_is_number(row[index]) or row[index] is None for row in rows)
        for index in range(len(columns))
    ]

    def line(texts: Sequence[str]) -> str:
        padded = (
            text.rjust(width) if right else text.ljust(width)
            for text, width, right in zip(texts, widths, numeric, strict=True)
        )
        return "  ".join(padded).rstrip()

    rule = ["-" * width for width in widths]
    return "\n".join(line(texts) for texts in [header, rule, *cells])


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = f"{value:.4g}" if isinstance(value, float) else str(value)
    return _truncate(" ".join(text.split()))  # one line per row, whatever the value holds


def _truncate(text: str) -> str:
    return text if len(text) <= MAX_WIDTH else text[: MAX_WIDTH - 1] + "…"


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _csv(columns: Sequence[str], rows: Rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(["" if value is None else value for value in row] for row in rows)
    return buffer.getvalue()


def _json(columns: Sequence[str], rows: Rows) -> str:
    records = [
        {name: _json_value(value) for name, value in zip(columns, row, strict=True)} for row in rows
    ]
    return json.dumps(records, ensure_ascii=False, indent=2, allow_nan=False)


def _json_value(value: object) -> object:
    """``value`` if JSON has it (finite numbers, strings, booleans, null), else its text."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    return str(value)


RENDERERS: dict[str, Callable[[Sequence[str], Rows], str]] = {
    "table": _table,
    "csv": _csv,
    "json": _json,
}
"""The output formats :func:`render` knows, by name."""
