"""What changed between two time windows: facts that appeared or were not reported again, and
the entities that rose or fell in centrality."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import networkx as nx

from kg.analysis.centrality import check_measure, edge_scores
from kg.analysis.projection import iso_date
from kg.analysis.views import Window
from kg.errors import KgError

if TYPE_CHECKING:
    import pandas as pd

CHANGE_COLUMNS = ("change", "subject", "predicate", "object", "before", "after", "delta")
"""The columns of :func:`change`."""


def split(at: str, since: str | None = None, until: str | None = None) -> tuple[Window, Window]:
    """The windows before and from the ISO date ``at``, within ``since`` .. ``until``.

    >>> [str(w) for w in split("2024-04-01", since="2024-01-01")]
    ['2024-01-01..2024-03-31', '2024-04-01..']
    """
    outer = Window.parse(since, until)
    day = Window.parse(at).since
    assert day is not None  # a window parsed from a date starts on it
    if not outer.contains(day):
        raise KgError(f"{at} is outside the window {outer}")
    return Window(outer.since, day - timedelta(days=1)), Window(day, outer.until)


def change(
    G: nx.MultiDiGraph,
    before: Window,
    after: Window,
    *,
    measure: str = "pagerank",
    top: int | None = 10,
    samples: int | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    """Facts added and not reported since, entities risen and fallen, from window ``before`` to
    ``after``.

    One row per change (columns :data:`CHANGE_COLUMNS`), in four groups in this order:

    - ``added``: a relation with evidence dated in ``after`` and none in ``before``;
    - ``not reported since``: one with evidence in ``before`` and none in ``after`` (news does
      not retract facts: the fact may hold still, the articles of ``after`` do not say it);
    - ``riser`` / ``faller``: the ``top`` entities (or all) whose centrality ``measure``
      (:data:`~kg.analysis.centrality.MEASURES`), computed on each window's graph, grew or
      shrank most. For those, ``predicate`` names the measure and ``object`` is empty.

    ``before`` and ``after`` hold evidence counts (facts) or scores (entities); ``delta`` is
    their difference. Facts go by most evidence, then labels.

    >>> from kg.analysis.projection import edge_attributes
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("us", "cn", key="sanctions", **edge_attributes("sanctions",
    ...            [{"doc": "a", "date": "2024-05-01"}]))
    'sanctions'
    >>> G.add_edge("jp", "us", key="alignsWith", **edge_attributes("alignsWith",
    ...            [{"doc": "b", "date": "2023-05-01"}]))
    'alignsWith'
    >>> found = change(G, *split("2024-01-01"), measure="degree")
    >>> found[["change", "subject", "object", "delta"]].values.tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [['added', 'us', 'cn', 1.0], ['not reported since', 'jp', 'us', -1.0],
     ['riser', 'cn', '', 1.0], ['faller', 'jp', '', -1.0]]
    """
    import pandas as pd

    check_measure(measure)
    counts = _evidence_counts(G, before, after)
    labels = {node: str(data.get("label") or node) for node, data in G.nodes(data=True)}
    rows = _fact_rows(labels, counts)
    # Each window's facts without their attributes, scored as the graph of them would be
    # (their entities and the facts in G's order), without making that graph: at 100,000
    # entities that took longer than the measure.
    earlier, later = (
        _scores(G, [edge for edge, found in counts.items() if found[side]], measure, samples, seed)
        for side in (0, 1)
    )
    moves = sorted(
        (
            (later.get(node, 0.0) - earlier.get(node, 0.0), labels[node], node)
            for node in {*earlier, *later}
        ),
        key=lambda move: (-move[0], move[1], move[2]),
    )
    risers = [move for move in moves if move[0] > 0][:top]
    fallers = sorted((move for move in moves if move[0] < 0), key=lambda m: (m[0], m[1], m[2]))
    for kind, group in (("riser", risers), ("faller", fallers[:top])):
        rows += [
            (kind, label, measure, "", earlier.get(node, 0.0), later.get(node, 0.0), delta)
            for delta, label, node in group
        ]
    return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))


_Edge = tuple[str, str, str]
_FactRow = tuple[str, str, str, str, int, int, int]
ADDED, NOT_REPORTED = "added", "not reported since"


def _scores(
    G: nx.MultiDiGraph, edges: list[_Edge], measure: str, samples: int | None, seed: int
) -> dict[str, float]:
    """The centrality ``measure`` of the graph of ``G``'s ``edges`` and the entities they link,
    both in ``G``'s order, computed from the edges themselves."""
    linked = {node for u, v, _ in edges for node in (u, v)}
    nodes = [node for node in G if node in linked]
    return edge_scores(nodes, edges, measure, samples=samples, seed=seed)


def _evidence_counts(
    G: nx.MultiDiGraph, before: Window, after: Window
) -> dict[_Edge, tuple[int, int]]:
    """How many evidence records of each edge are dated in ``before`` and in ``after``."""
    counts = {}
    sides: dict[object, tuple[int, int]] = {}  # by date as given: articles share dates
    # G.edges' order, read from the adjacency without the edge view's work per edge
    edges = (
        (u, v, key, data.get("evidence"))
        for u, successors in G.adjacency()
        for v, keys in successors.items()
        for key, data in keys.items()
    )
    for u, v, key, evidence in edges:
        earlier = later = 0
        for item in evidence or ():
            given = item.get("date")
            try:
                inside = sides[given]
            except KeyError:
                day = iso_date(given)
                inside = sides[given] = (before.contains(day), after.contains(day))
            except TypeError:  # a value that cannot be a key: not kept
                day = iso_date(given)
                inside = (before.contains(day), after.contains(day))
            earlier += inside[0]
            later += inside[1]
        counts[u, v, key] = (earlier, later)
    return counts


def _fact_rows(labels: dict[str, str], counts: dict[_Edge, tuple[int, int]]) -> list[tuple]:
    """The added facts, then those not reported since, as rows of :data:`CHANGE_COLUMNS`
    (entities named by their ``labels``)."""
    found: dict[str, list[_FactRow]] = {ADDED: [], NOT_REPORTED: []}
    for (u, v, key), (earlier, later) in counts.items():
        kind = ADDED if later and not earlier else NOT_REPORTED if earlier and not later else None
        if kind is not None:
            row: _FactRow = (kind, labels[u], key, labels[v], earlier, later, later - earlier)
            found[kind].append(row)
    for rows in found.values():
        rows.sort(key=lambda row: (-max(row[4], row[5]), row[1], row[2], row[3]))
    return [*found[ADDED], *found[NOT_REPORTED]]
