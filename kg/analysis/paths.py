"""How two entities are connected: the shortest chains of relations, with each hop's evidence."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import islice, pairwise, takewhile
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.analysis.centrality import links
from kg.analysis.views import find_entity, label_of
from kg.errors import KgError

if TYPE_CHECKING:
    import pandas as pd

PATH_COLUMNS = (
    "path",
    "hop",
    "subject",
    "predicate",
    "object",
    "polarity",
    "evidence_count",
    "first_seen",
    "last_seen",
    "evidence",
    "article",
    "url",
    "context",
)
"""The columns of :func:`paths`."""


def paths(
    G: nx.MultiDiGraph, source: str, target: str, *, max_hops: int = 4, limit: int = 5
) -> pd.DataFrame:
    """The ``limit`` shortest chains of relations from ``source`` to ``target`` (names as
    :func:`~kg.analysis.views.find_entity` takes them), of at most ``max_hops`` relations each.

    Relations are followed either way ("how is Micron connected to China?" may go through
    China's export controls on others). One row per relation on each hop (columns
    :data:`PATH_COLUMNS`): ``path`` and ``hop`` count from 1; ``subject``, ``predicate`` and
    ``object`` read as stated; ``evidence``, ``article`` and ``url`` (the article's url, else
    its source) are those of its first evidence record, ``context`` the sentence introducing it
    when it states no relation by itself (a list line). No chain gives an empty frame.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("jp", label="Japan")
    >>> G.add_node("mu", label="Micron")
    >>> G.add_node("us", label="United States")
    >>> G.add_edge("jp", "mu", key="subsidises", predicate="subsidises")
    'subsidises'
    >>> G.add_edge("jp", "us", key="alignsWith", predicate="alignsWith")
    'alignsWith'
    >>> paths(G, "Micron", "United States")[["path", "hop", "subject", "predicate", "object"]]
       path  hop subject   predicate         object
    0     1    1   Japan  subsidises         Micron
    1     1    2   Japan  alignsWith  United States
    """
    import pandas as pd

    start, end = find_entity(G, source), find_entity(G, target)
    if start == end:
        raise KgError(f"{source!r} and {target!r} are the same entity")
    rows = [
        _row(G, number, hop, edge)
        for number, chain in enumerate(_chains(G, start, end, max_hops, limit), 1)
        for hop, (u, v) in enumerate(pairwise(chain), 1)
        for edge in _relations_between(G, u, v)
    ]
    return pd.DataFrame(rows, columns=list(PATH_COLUMNS))


def _chains(
    G: nx.MultiDiGraph, start: str, end: str, max_hops: int, limit: int
) -> Iterator[list[str]]:
    """Shortest first (Yen's algorithm over the undirected links), none longer than max_hops."""
    try:
        found = nx.shortest_simple_paths(links(G), start, end)
        yield from islice(takewhile(lambda chain: len(chain) - 1 <= max_hops, found), limit)
    except nx.NetworkXNoPath:
        return


def _relations_between(
    G: nx.MultiDiGraph, u: str, v: str
) -> Iterator[tuple[str, str, str, Mapping[str, Any]]]:
    for a, b in ((u, v), (v, u)):
        for key, attrs in sorted((G.get_edge_data(a, b) or {}).items()):
            yield a, b, key, attrs


def _row(
    G: nx.MultiDiGraph, number: int, hop: int, edge: tuple[str, str, str, Mapping[str, Any]]
) -> tuple[object, ...]:
    subject, object_, key, attrs = edge
    evidence = list(attrs.get("evidence") or ())
    first = evidence[0] if evidence else {}
    return (
        number,
        hop,
        label_of(G, subject),
        str(attrs.get("predicate") or key),
        label_of(G, object_),
        attrs.get("polarity"),
        len(evidence),
        attrs.get("first_seen"),
        attrs.get("last_seen"),
        first.get("text"),
        first.get("title") or first.get("doc"),
        first.get("url") or first.get("source"),
        first.get("context"),
    )
