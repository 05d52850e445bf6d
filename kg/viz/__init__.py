"""networkx -> one self-contained HTML page that works offline (vis-network, in line).

- :mod:`~kg.viz.page`: :func:`to_html`, :func:`write_html`, :func:`show` (Jupyter); the page's
  own script and style are the package data files ``page.js`` and ``page.css``;
- :mod:`~kg.viz.records`: the styles of classes and polarities; the node, edge and article
  records (each article once, evidence pointing to it);
- :mod:`~kg.viz.layout`: the positions, computed by igraph (the page opens with physics off).

>>> from kg.viz import write_html  # doctest: +SKIP
"""

from kg.viz.layout import DEFAULT_MAX_NODES, LAYOUT_SEED
from kg.viz.page import InlineGraph, show, to_html, write_html
from kg.viz.records import (
    BLOC_COLOURS,
    CLASS_STYLES,
    POLARITY_STYLES,
    ClassStyle,
    PolarityStyle,
)

__all__ = [
    "BLOC_COLOURS",
    "CLASS_STYLES",
    "DEFAULT_MAX_NODES",
    "LAYOUT_SEED",
    "POLARITY_STYLES",
    "ClassStyle",
    "InlineGraph",
    "PolarityStyle",
    "show",
    "to_html",
    "write_html",
]
