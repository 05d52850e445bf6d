"""Chokepoints: entities and links whose loss would cut a network apart, and the suppliers
that most paths run through."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import networkx as nx

from kg.analysis.centrality import betweenness, links
from kg.analysis.views import DEFAULT_LAYERS, label_of, layer, type_of

if TYPE_CHECKING:
    import pandas as pd

CHOKEPOINT_COLUMNS = ("kind", "label", "type", "separated", "betweenness", "relations", "node")
"""The columns of :func:`chokepoints`."""

ARTICULATION, BRIDGE, SUPPLIER = "articulation point", "bridge", "supplier"


def chokepoints(
    G: nx.MultiDiGraph,
    *,
    layers: str | Iterable[str] = DEFAULT_LAYERS,
    top: int | None = None,
    samples: int | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    """The chokepoints of ``G``'s ``layers`` (a :func:`~kg.analysis.views.layer`: by default
    cooperation, conflict and supply, not the structural facts that would make a hub of a
    product and its makers), its relations seen as undirected links, one row per chokepoint
    (columns :data:`CHOKEPOINT_COLUMNS`; the layers named in its ``attrs["layers"]``):

    - ``articulation point``: an entity whose removal splits its part of the network;
      ``separated`` counts the entities that would then be cut off from the largest piece
      left (e.g. 3 for the hub of a star with 4 leaves).
    - ``bridge``: a link (label ``A — B``, ``node`` the two IRIs) whose removal splits the
      network into two pieces of two entities or more; ``separated`` is the smaller piece.
      (A link to a lone entity is left out: the articulation point at its other end counts it.)
    - ``supplier``: an entity that supplies another (``suppliesTo``) and lies on shortest paths
      between others, by ``betweenness`` (exact, or from ``samples`` sources with ``seed``).

    Rows go by kind in that order, each kind most separating (suppliers: most between) first,
    then by label; ``top`` keeps that many of each kind.

    >>> G = nx.MultiDiGraph()
    >>> for u, v in [("asml", "tsmc"), ("tsmc", "apple"), ("tsmc", "nvidia")]:
    ...     _ = G.add_edge(u, v, key="suppliesTo", predicate="suppliesTo")
    >>> chokepoints(G)[["kind", "label", "separated", "betweenness"]]
                     kind label  separated  betweenness
    0  articulation point  tsmc          2          1.0
    1            supplier  tsmc          2          1.0
    """
    import pandas as pd

    names = (layers,) if isinstance(layers, str) else tuple(layers)
    if names != ("all",):  # all of G is G: no copy (nothing here changes the graph)
        G = layer(G, names)
    simple = links(G)
    separated, bridges = _cuts(simple)
    between = betweenness(G, samples, seed)
    rows = sorted(
        [
            *(_node_row(G, ARTICULATION, node, separated, between) for node in separated),
            *_bridge_rows(G, bridges),
            *(
                _node_row(G, SUPPLIER, node, separated, between)
                for node in _suppliers(G)
                if between[node] > 0
            ),
        ],
        key=_order,
    )
    frame = pd.DataFrame(rows, columns=list(CHOKEPOINT_COLUMNS))
    if top is not None:
        frame = frame.groupby("kind", sort=False).head(top).reset_index(drop=True)
    frame.attrs["layers"] = names
    return frame


def _node_row(
    G: nx.MultiDiGraph,
    kind: str,
    node: str,
    separated: dict[str, int],
    between: dict[str, float],
) -> tuple[object, ...]:
    label, node_type = label_of(G, node), type_of(G, node)
    return (kind, label, node_type, separated.get(node, 0), between[node], "", node)


def _bridge_rows(G: nx.MultiDiGraph, bridges: dict[tuple[str, str], int]) -> Iterator[tuple]:
    for (u, v), smaller in bridges.items():
        if smaller >= 2:
            names = sorted({*G.get_edge_data(u, v, default={}), *G.get_edge_data(v, u, default={})})
            label = f"{label_of(G, u)} \u2014 {label_of(G, v)}"
            yield (BRIDGE, label, "", smaller, None, ", ".join(names), f"{u} {v}")


def _suppliers(G: nx.MultiDiGraph) -> list[str]:
    return sorted({u for u, v, key in G.edges(keys=True) if key == "suppliesTo" and u != v})


def _order(row: tuple) -> tuple:
    kind, label, _, separated, between, _, node = row
    rank = (ARTICULATION, BRIDGE, SUPPLIER).index(kind)
    if kind == SUPPLIER:
        return (rank, -round(between, 12), -separated, label, node)
    return (rank, -separated, -round(between or 0.0, 12), label, node)


def _cuts(H: nx.Graph) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """Articulation points and bridges of the simple graph ``H``, with what each cuts off.

    Returns ``{articulation point: entities cut off from the largest piece left}`` and
    ``{(u, v) bridge: entities in the smaller of its two pieces}``, from one depth-first search
    (Tarjan's low points plus subtree sizes), linear in the size of ``H``.

    >>> separated, bridges = _cuts(nx.path_graph(["a", "b", "c", "d"]))
    >>> sorted(separated.items()), sorted(bridges.items())
    ([('b', 1), ('c', 1)], [(('a', 'b'), 1), (('b', 'c'), 2), (('c', 'd'), 1)])
    """
    found: dict[str, int] = {}
    low: dict[str, int] = {}
    size: dict[str, int] = {}
    separated: dict[str, int] = {}
    bridges: dict[tuple[str, str], int] = {}
    for root in H:
        if root in found:
            continue
        pieces: dict[str, list[int]] = defaultdict(list)
        component_bridges: dict[tuple[str, str], int] = {}
        found[root] = low[root] = len(found)
        size[root] = 1
        stack = [(root, None, iter(H[root]))]
        while stack:
            node, parent, neighbours = stack[-1]
            for other in neighbours:
                if other == parent:
                    continue
                if other in found:
                    low[node] = min(low[node], found[other])
                    continue
                found[other] = low[other] = len(found)
                size[other] = 1
                stack.append((other, node, iter(H[other])))
                break
            else:
                stack.pop()
                if parent is not None:
                    low[parent] = min(low[parent], low[node])
                    size[parent] += size[node]
                    if low[node] >= found[parent]:  # nothing under node reaches above parent
                        pieces[parent].append(size[node])
                    if low[node] > found[parent]:
                        component_bridges[parent, node] = size[node]
        total = size[root]
        for node, cut in pieces.items():
            if node == root and len(cut) < 2:  # the root splits only with two subtrees or more
                continue
            rest = total - 1 - sum(cut)  # what stays linked to the node's parent
            separated[node] = total - 1 - max([*cut, rest])
        for pair, below in component_bridges.items():
            bridges[pair] = min(below, total - below)
    return separated, bridges
