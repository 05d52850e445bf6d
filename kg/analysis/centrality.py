"""Which entities hold the network together: degree, betweenness and PageRank per entity."""

from __future__ import annotations

from collections import Counter
from dataclasses import astuple, dataclass, fields

import networkx as nx

from kg.rdf.namespace import SYMMETRIC


@dataclass(frozen=True, slots=True)
class CentralityRow:
    """The centrality scores of one entity (``node`` is its IRI)."""

    node: str
    label: str
    type: str
    degree: float
    betweenness: float
    pagerank: float

    def values(self) -> tuple[str | float, ...]:
        """The fields in :data:`CENTRALITY_COLUMNS` order, for rendering.

        >>> CentralityRow("kgr:x", "X", "Company", 0.5, 0.0, 0.25).values()
        ('kgr:x', 'X', 'Company', 0.5, 0.0, 0.25)
        """
        return astuple(self)


CENTRALITY_COLUMNS: tuple[str, ...] = tuple(field.name for field in fields(CentralityRow))
"""Column names for rendering rows, in the order of :meth:`CentralityRow.values`."""


def centrality(
    G: nx.MultiDiGraph, top: int | None = None, *, samples: int | None = None, seed: int = 0
) -> list[CentralityRow]:
    """Score every entity of the entity graph ``G``; the ``top`` highest by PageRank, or all.

    Degree and betweenness (both normalised to 0..1) see the relations as undirected links,
    counted once between a pair. PageRank follows their direction, weighting a link by how many
    relations it carries; a symmetric relation (``partnersWith`` ...) links both ways.
    Relations of an entity to itself are ignored. Rows are sorted by PageRank, highest
    first, then by label.

    Exact betweenness takes time proportional to nodes x edges (seconds for a few thousand
    entities); ``samples`` estimates it from that many randomly chosen source nodes instead,
    reproducibly for a given ``seed``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([(n, {"label": n, "type": "Country"}) for n in "abc"])
    >>> G.add_edge("a", "b", key="cooperatesWith")
    'cooperatesWith'
    >>> G.add_edge("a", "c", key="cooperatesWith")
    'cooperatesWith'
    >>> [(row.label, row.degree, row.betweenness) for row in centrality(G, top=2)]
    [('a', 1.0, 1.0), ('b', 0.5, 0.0)]
    """
    links = nx.Graph()
    links.add_nodes_from(G)
    links.add_edges_from((u, v) for u, v in G.edges() if u != v)
    degree = nx.degree_centrality(links)
    sources = min(samples, len(links)) if samples is not None else None
    betweenness = nx.betweenness_centrality(links, k=sources, seed=seed)
    pagerank = nx.pagerank(_weighted(G), weight="weight")
    rows = [
        CentralityRow(
            node=node,
            label=str(G.nodes[node].get("label", node)),
            type=str(G.nodes[node].get("type", "Entity")),
            degree=float(degree[node]),
            betweenness=float(betweenness[node]),
            pagerank=float(pagerank[node]),
        )
        for node in G
    ]
    # Rounded, so that scores equal but for floating-point noise tie and the label decides.
    rows.sort(key=lambda row: (-round(row.pagerank, 12), row.label, row.node))
    return rows if top is None else rows[:top]


def _weighted(G: nx.MultiDiGraph) -> nx.DiGraph:
    """``G`` as a simple directed graph whose edge weights count the relations they stand for."""
    weights: Counter[tuple[str, str]] = Counter()
    for u, v, key in G.edges(keys=True):
        if u != v:
            weights[u, v] += 1
            if key in SYMMETRIC:
                weights[v, u] += 1
    weighted = nx.DiGraph()
    weighted.add_nodes_from(G)
    weighted.add_weighted_edges_from((u, v, weight) for (u, v), weight in weights.items())
    return weighted
