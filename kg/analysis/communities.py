"""Blocs: groups of entities held together by cooperation and supply (Leiden, seeded)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

import networkx as nx

from kg.analysis.compiled import leiden
from kg.analysis.views import DEFAULT_LAYERS, label_of, layer, type_of

if TYPE_CHECKING:
    import pandas as pd

COMMUNITY_COLUMNS = ("community", "size", "node", "label", "type", "links", "opposes")
"""The columns of :func:`communities`."""


def ties(G: nx.MultiDiGraph) -> nx.Graph:
    """The undirected graph whose edges weigh how much evidence ties two entities together.

    Cooperative and structural relations tie (weight: their evidence records, at least one per
    relation); conflictual ones (sanctions, export controls ...) do not, since they set
    entities against each other. Relations of an entity to itself are left out.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("jp", "us", key="alignsWith", polarity="cooperative", count=2)
    'alignsWith'
    >>> G.add_edge("us", "cn", key="sanctions", polarity="conflictual", count=5)
    'sanctions'
    >>> sorted(ties(G).edges(data="weight")), sorted(ties(G))
    ([('jp', 'us', 2)], ['cn', 'jp', 'us'])
    """
    tied = nx.Graph()
    tied.add_nodes_from(G)
    tied.add_weighted_edges_from((u, v, weight) for (u, v), weight in _tie_weights(G).items())
    return tied


def _tie_weights(G: nx.MultiDiGraph) -> Counter[tuple[str, str]]:
    """The weights of :func:`ties`, by pair of entities (in sorted order)."""
    weights: Counter[tuple[str, str]] = Counter()
    for u, v, attrs in G.edges(data=True):
        if u != v and attrs.get("polarity") != "conflictual":
            pair = (u, v) if u < v else (v, u)
            weights[pair] += max(int(attrs.get("count") or 0), 1)
    return weights


def communities(
    G: nx.MultiDiGraph,
    *,
    layers: str | Iterable[str] = DEFAULT_LAYERS,
    seed: int = 0,
    resolution: float = 1.0,
) -> pd.DataFrame:
    """Communities of the :func:`ties` of ``G``'s ``layers`` (a
    :func:`~kg.analysis.views.layer`: by default cooperation, conflict and supply, not the
    structural facts that would make a bloc of a country and its companies): one row per
    entity the layers hold (columns :data:`COMMUNITY_COLUMNS`). The layers are named in the
    frame's ``attrs["layers"]``. They maximise modularity, found by the Leiden algorithm
    (igraph's, :func:`kg.analysis.compiled.leiden`; it refines Louvain's and keeps every
    community connected).

    Communities are numbered from 0 by size, largest first (ties: by their first label);
    ``links`` counts an entity's ties inside its community, ``opposes`` lists the other
    communities its own community directs conflictual relations at (``"2, 5"``). Rows go by
    community, then most ties, then label. The same ``seed`` gives the same communities; a
    higher ``resolution`` gives smaller ones.

    >>> G = nx.MultiDiGraph()
    >>> for u, v, key, polarity in [("jp", "us", "alignsWith", "cooperative"),
    ...                            ("nl", "us", "alignsWith", "cooperative"),
    ...                            ("us", "cn", "restrictsExportsTo", "conflictual")]:
    ...     _ = G.add_edge(u, v, key=key, polarity=polarity, count=1)
    >>> blocs = communities(G)
    >>> blocs.groupby("community")["node"].apply(list).to_dict()
    {0: ['us', 'jp', 'nl'], 1: ['cn']}
    >>> blocs.set_index("node")["opposes"].to_dict()
    {'us': '1', 'jp': '1', 'nl': '1', 'cn': ''}
    >>> blocs.attrs["layers"]
    ('cooperative', 'conflictual', 'supply')
    """
    import pandas as pd

    names = (layers,) if isinstance(layers, str) else tuple(layers)
    if names != ("all",):  # all of G is G: no copy (nothing here changes the graph)
        G = layer(G, names)
    nodes = list(G)
    position = {node: i for i, node in enumerate(nodes)}
    weights = _tie_weights(G)
    membership = leiden(
        len(nodes),
        [(position[u], position[v]) for u, v in weights],
        [float(weight) for weight in weights.values()],
        resolution=resolution,
        seed=seed,
    )
    members: dict[int, list[str]] = {}
    for node, community in zip(nodes, membership, strict=True):
        members.setdefault(community, []).append(node)
    found = list(members.values())
    labels = {node: label_of(G, node) for node in G}
    ordered = sorted(
        (sorted(group, key=lambda n: (labels[n], n)) for group in found),
        key=lambda group: (-len(group), labels[group[0]], group[0]),
    )
    number = {node: index for index, group in enumerate(ordered) for node in group}
    opposes = _opposed(G, number)
    tied_inside: Counter[str] = Counter()
    for u, v in weights:
        if number[u] == number[v]:
            tied_inside[u] += 1
            tied_inside[v] += 1
    rows = []
    for index, group in enumerate(ordered):
        inside = {node: tied_inside[node] for node in group}
        opposed = ", ".join(map(str, sorted(opposes[index])))
        for node in sorted(group, key=lambda n: (-inside[n], labels[n], n)):
            rows.append(
                (
                    index,
                    len(group),
                    node,
                    labels[node],
                    type_of(G, node),
                    inside[node],
                    opposed,
                )
            )
    frame = pd.DataFrame(rows, columns=list(COMMUNITY_COLUMNS))
    frame.attrs["layers"] = names
    return frame


def _opposed(G: nx.MultiDiGraph, number: dict[str, int]) -> dict[int, set[int]]:
    """For each community, the other communities its members act against."""
    opposed: dict[int, set[int]] = {index: set() for index in number.values()}
    for u, v, polarity in G.edges(data="polarity"):
        if polarity == "conflictual" and number[u] != number[v]:
            opposed[number[u]].add(number[v])
    return opposed
