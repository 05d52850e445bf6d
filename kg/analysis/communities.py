"""Blocs: groups of entities held together by cooperation and supply (Louvain, seeded)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

import networkx as nx

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
    weights: Counter[frozenset[str]] = Counter()
    for u, v, attrs in G.edges(data=True):
        if u != v and attrs.get("polarity") != "conflictual":
            weights[frozenset((u, v))] += max(int(attrs.get("count") or 0), 1)
    tied = nx.Graph()
    tied.add_nodes_from(G)
    tied.add_weighted_edges_from((*sorted(pair), weight) for pair, weight in weights.items())
    return tied


def communities(
    G: nx.MultiDiGraph,
    *,
    layers: str | Iterable[str] = DEFAULT_LAYERS,
    seed: int = 0,
    resolution: float = 1.0,
) -> pd.DataFrame:
    """Louvain communities of the :func:`ties` of ``G``'s ``layers`` (a
    :func:`~kg.analysis.views.layer`: by default cooperation, conflict and supply, not the
    structural facts that would make a bloc of a country and its companies): one row per
    entity the layers hold (columns :data:`COMMUNITY_COLUMNS`). The layers are named in the
    frame's ``attrs["layers"]``.

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
    G = layer(G, names)
    tied = ties(G)
    found = nx.community.louvain_communities(
        tied, weight="weight", resolution=resolution, seed=seed
    )
    labels = {node: label_of(G, node) for node in G}
    ordered = sorted(
        (sorted(group, key=lambda n: (labels[n], n)) for group in found),
        key=lambda group: (-len(group), labels[group[0]], group[0]),
    )
    number = {node: index for index, group in enumerate(ordered) for node in group}
    opposes = _opposed(G, number)
    rows = []
    for index, group in enumerate(ordered):
        inside = {node: sum(number[other] == index for other in tied[node]) for node in group}
        for node in sorted(group, key=lambda n: (-inside[n], labels[n], n)):
            rows.append(
                (
                    index,
                    len(group),
                    node,
                    labels[node],
                    type_of(G, node),
                    inside[node],
                    ", ".join(map(str, sorted(opposes[index]))),
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
