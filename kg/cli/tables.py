"""Rows of plain values -> text: an aligned table for people, CSV or JSON for programs."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from kg.errors import KgError

if TYPE_CHECKING:
    import pandas as pd

MAX_WIDTH = 60
"""Widest a column of the ``table`` format gets; longer cells end in an ellipsis."""
MIN_WIDTH = 16
"""Narrowest a text column gets when a table is made to fit a width; columns that do not fit
even so are left out, from the last, and named under the table."""

Rows = Sequence[Sequence[object]]


def render(columns: Sequence[str], rows: Rows, fmt: str, width: int | None = None) -> str:
    """``rows`` under the header ``columns``, as ``table``, ``csv`` or ``json`` text; a table
    ``width`` characters wide at most, if given, its widest text columns cut to fit (down to
    :data:`MIN_WIDTH`), each cut cell ending in an ellipsis.

    >>> print(render(["who", "score"], [["Rapidus", 0.5], ["IBM", None]], "table"))
    who      score
    -------  -----
    Rapidus    0.5
    IBM
    >>> render(["who"], [["Rapidus"]], "json")
    '[\\n  {\\n    "who": "Rapidus"\\n  }\\n]'
    >>> print(render(["who", "evidence"], [["Rapidus", "Rapidus is working with IBM."]],
    ...              "table", width=30))
    who      evidence
    -------  ---------------------
    Rapidus  Rapidus is working w…
    """
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        valid = ", ".join(RENDERERS)
        raise KgError(f"unknown output format {fmt!r}; use one of {valid}") from None
    if fmt == "table":
        return _table(columns, rows, width)
    return renderer(columns, rows)


def _table(columns: Sequence[str], rows: Rows, width: int | None = None) -> str:
    header = [_truncate(name) for name in columns]
    # Column by column: a column of one kind of value is formatted in one pass (at 100,000
    # entities `kg analyze change` prints 190,000 rows).
    by_column = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    texts = [_cells(values) for values in by_column]
    widths = [max(map(len, [name, *column])) for name, column in zip(header, texts, strict=True)]
    # Numbers line up on the right, text on the left; the header follows its column.
    numeric = [bool(rows) and _numbers(values) for values in by_column]
    left_out: list[str] = []
    if width is not None:
        smallest = [
            max([4, *map(len, texts[i])]) if numeric[i] else min(w, MIN_WIDTH)
            for i, w in enumerate(widths)
        ]
        kept = len(columns)
        while kept > 1 and sum(smallest[:kept]) + 2 * (kept - 1) > width:
            kept -= 1
        left_out = list(columns[kept:])
        header, texts = header[:kept], texts[:kept]
        widths = _fit(widths[:kept], numeric[:kept], width, smallest[:kept])
        numeric = numeric[:kept]
        header = [_truncate(text, w) for text, w in zip(header, widths, strict=True)]
        texts = [[_truncate(t, w) for t in column] for column, w in zip(texts, widths, strict=True)]

    def padded(column: Sequence[str], width: int, right: bool) -> list[str]:
        return [text.rjust(width) if right else text.ljust(width) for text in column]

    rule = ["-" * width for width in widths]
    lines = zip(
        *(
            padded([name, dashes, *column], width, right)
            for name, dashes, column, width, right in zip(
                header, rule, texts, widths, numeric, strict=True
            )
        ),
        strict=True,
    )
    text = "\n".join("  ".join(line).rstrip() for line in lines)
    if left_out and width is not None:
        import textwrap

        note = (
            f"({len(left_out)} more column{'s' if len(left_out) > 1 else ''} not shown: "
            f"{', '.join(left_out)}; --format csv or json gives all)"
        )
        text += "\n" + textwrap.fill(note, width)
    return text


def _cells(values: Sequence[object]) -> list[str]:
    """:func:`_cell` of each of ``values``, a column of one kind of value in one pass."""
    kinds = set(map(type, values))
    if kinds == {int}:  # digits: nothing to join, and as long as they are
        texts = list(map(str, values))
    elif kinds == {float}:
        texts = [f"{value:.4g}" for value in values]
    elif kinds == {str}:
        texts = [" ".join(str(value).split()) for value in values]
    else:
        return [_cell(value) for value in values]
    return [text if len(text) <= MAX_WIDTH else _truncate(text) for text in texts]


def _numbers(values: Sequence[object]) -> bool:
    """Whether every one of ``values`` is a number or None."""
    kinds = set(map(type, values))
    if kinds <= {int, float, type(None)}:
        return True
    return all(_is_number(value) or value is None for value in values)


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = f"{value:.4g}" if isinstance(value, float) else str(value)
    return _truncate(" ".join(text.split()))  # one line per row, whatever the value holds


def _fit(
    widths: list[int], numeric: list[bool], width: int, smallest: list[int] | None = None
) -> list[int]:
    """Column widths that fit ``width`` with two spaces between columns, taking from the
    widest column first, none under its ``smallest`` (default: text columns
    :data:`MIN_WIDTH`, numbers as they are).

    >>> _fit([10, 40, 5], [False, False, True], 40)
    [10, 21, 5]
    """
    widths = list(widths)
    if smallest is None:
        smallest = [w if numeric[i] else min(w, MIN_WIDTH) for i, w in enumerate(widths)]
    excess = sum(widths) + 2 * (len(widths) - 1) - width
    while excess > 0:
        shrinkable = [i for i, w in enumerate(widths) if w > smallest[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: (widths[i], -i))
        widths[widest] -= 1
        excess -= 1
    return widths


def _truncate(text: str, width: int = MAX_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


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
    "table": lambda columns, rows: _table(columns, rows),
    "csv": _csv,
    "json": _json,
}
"""The output formats :func:`render` knows, by name."""


def plain_rows(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    """The rows of ``frame`` as tuples of Python values, missing ones None: what
    ``frame.astype(object).where(frame.notna(), None).values.tolist()`` holds, made a column
    at a time (without a frame of objects: a second at 190,000 rows).

    >>> import pandas as pd
    >>> plain_rows(pd.DataFrame({"who": ["IBM", None], "score": [0.5, float("nan")]}))
    [('IBM', 0.5), (None, None)]
    """
    columns = []
    for position in range(frame.shape[1]):
        series = frame.iloc[:, position]
        values = series.tolist()
        missing = series.isna()
        if missing.any():
            gone = missing.tolist()
            values = [None if out else value for value, out in zip(values, gone, strict=True)]
        columns.append(values)
    return list(zip(*columns, strict=True))
