"""Which entities hold the network together: degree, betweenness, PageRank and eigenvector
centrality per entity, as rows or as a pandas DataFrame.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence, Sized
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from kg.analysis import compiled
from kg.analysis.arrays import Edge, GraphArrays, graph_edges, numbers
from kg.errors import KgError
from kg.rdf.namespace import SYMMETRIC

if TYPE_CHECKING:
    import pandas as pd
    from scipy.sparse import csr_array

EXACT_BETWEENNESS_LIMIT = 2_000
"""Up to this many entities :func:`auto_samples` computes betweenness exactly."""
AUTO_SAMPLES = 200
"""Source nodes that :func:`auto_samples` estimates betweenness from on larger graphs."""


@dataclass(frozen=True, slots=True)
class CentralityRow:
    """The centrality scores of one entity (``node`` is its IRI)."""

    node: str
    label: str
    type: str
    degree: float
    betweenness: float
    pagerank: float
    eigenvector: float

    def values(self) -> tuple[str | float, ...]:
        """The fields in :data:`CENTRALITY_COLUMNS` order, for rendering.

        >>> CentralityRow("kgr:x", "X", "Company", 0.5, 0.0, 0.25, 0.7).values()
        ('kgr:x', 'X', 'Company', 0.5, 0.0, 0.25, 0.7)
        """
        return (
            self.node,
            self.label,
            self.type,
            self.degree,
            self.betweenness,
            self.pagerank,
            self.eigenvector,
        )


CENTRALITY_COLUMNS: tuple[str, ...] = tuple(field.name for field in fields(CentralityRow))
"""Column names for rendering rows, in the order of :meth:`CentralityRow.values`."""


def links(G: nx.MultiDiGraph) -> nx.Graph:
    """``G``'s entities, linked once for each pair related either way (no self-links).

    >>> G = nx.MultiDiGraph([("a", "b", "suppliesTo"), ("b", "a", "investsIn"), ("a", "a", "x")])
    >>> sorted(links(G).edges())
    [('a', 'b')]
    """
    simple = nx.Graph()
    simple.add_nodes_from(G)
    simple.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return simple


def _linked_pairs(G: nx.MultiDiGraph) -> tuple[list[str], np.ndarray]:
    """``G``'s nodes, and the pairs of node numbers that :func:`links` links, each once
    (lower number first), as an array of shape (links, 2)."""
    nodes = list(G)
    return nodes, _unique_pairs(len(nodes), *numbers(nodes, graph_edges(G)))


def _unique_pairs(n: int, subjects: np.ndarray, objects: np.ndarray) -> np.ndarray:
    """The pairs of the ``n`` nodes that relations from ``subjects`` to ``objects`` link (no
    self-links), each once, lower number first, in order: an array of shape (links, 2).

    >>> _unique_pairs(3, np.array([2, 0, 1, 1]), np.array([0, 2, 1, 0])).tolist()
    [[0, 1], [0, 2]]
    """
    linking = subjects != objects
    low = np.minimum(subjects[linking], objects[linking])
    high = np.maximum(subjects[linking], objects[linking])
    found = np.unique(low * n + high)  # in order of (low, high), as high < n
    return np.stack([found // max(n, 1), found % max(n, 1)], axis=1)


def _adjacency(nodes: list[str], pairs: np.ndarray) -> csr_array:
    """The 0/1 matrix of the links ``pairs`` between ``nodes``, in that order."""
    from scipy.sparse import csr_array  # here: PageRank and degree need no scipy (0.2 s)

    rows = np.concatenate([pairs[:, 0], pairs[:, 1]])  # both ways: the links are undirected
    columns = np.concatenate([pairs[:, 1], pairs[:, 0]])
    return csr_array((np.ones(len(rows)), (rows, columns)), shape=(len(nodes), len(nodes)))


def degree(G: nx.MultiDiGraph) -> dict[str, float]:
    """Share of the other entities each entity is linked to (0..1): networkx's
    ``degree_centrality(links(G))``, counted from arrays.

    >>> degree(nx.MultiDiGraph([("a", "b"), ("b", "a"), ("a", "c")]))
    {'a': 1.0, 'b': 0.5, 'c': 0.5}
    """
    return _degree(*_linked_pairs(G))


def _degree(nodes: list[str], pairs: np.ndarray) -> dict[str, float]:
    if len(nodes) <= 1:
        return dict.fromkeys(nodes, 1.0)
    counts = np.bincount(pairs.ravel(), minlength=len(nodes))
    share = 1.0 / (len(nodes) - 1)
    return dict(zip(nodes, (counts * share).tolist(), strict=True))


def betweenness(G: nx.MultiDiGraph, samples: int | None = None, seed: int = 0) -> dict[str, float]:
    """Share of shortest paths between other entities that run through each one (0..1),
    exact, or estimated from ``samples`` source nodes chosen with ``seed``.

    The same figures as networkx's ``betweenness_centrality(links(G), k=samples, seed=seed)``
    (the same sources too), the shortest paths counted by igraph (:mod:`kg.analysis.compiled`).

    >>> betweenness(nx.MultiDiGraph([("a", "b"), ("b", "c")]))
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    return _betweenness(*_linked_pairs(G), samples, seed)


def _betweenness(
    nodes: list[str], pairs: np.ndarray, samples: int | None, seed: int
) -> dict[str, float]:
    n = len(nodes)
    if n < 3:  # no entity can lie between two others
        return dict.fromkeys(nodes, 0.0)
    sampled = samples is not None and samples < n
    sources = (
        random.Random(seed).sample(nodes, samples) if samples is not None and sampled else nodes
    )
    index = {node: i for i, node in enumerate(nodes)}
    total = compiled.dependencies(n, pairs, [index[node] for node in sources] if sampled else None)
    # Normalised as networkx does: by the ordered pairs of other entities, counted from the
    # sources; a source cannot be between itself and others, so it has one pair fewer.
    scale = np.full(n, 1 / (len(sources) * (n - 2)))
    if sampled:
        scale[[index[node] for node in sources]] = (
            1 / ((len(sources) - 1) * (n - 2)) if len(sources) > 1 else math.nan
        )
    else:
        scale[:] = 1 / ((n - 1) * (n - 2))
    return dict(zip(nodes, (total * scale).tolist(), strict=True))


def pagerank(G: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank along the relations' direction, a pair weighted by how many relations link it;
    a symmetric relation links both ways. Sums to 1. networkx's ``pagerank`` (damping 0.85), to
    its tolerance, solved by igraph.

    >>> {node: round(score, 3) for node, score in pagerank(nx.MultiDiGraph([("a", "b")])).items()}
    {'a': 0.351, 'b': 0.649}
    """
    arrays = GraphArrays.of_graph(G)
    return dict(zip(arrays.nodes, _pagerank(arrays), strict=True))


def _pagerank(arrays: GraphArrays) -> list[float]:
    """:func:`pagerank` of the graph of ``arrays``, as a list in the order of its nodes.

    igraph is given the linked pairs in the order of the first relation that links each (a
    symmetric one links its subject to its object, then back), each weighted by how many do:
    counted over arrays, the same input and so the same figures as counting pair by pair.
    """
    n, subjects, objects, keys = len(arrays), arrays.subjects, arrays.objects, arrays.keys
    both_ways = np.fromiter((key in SYMMETRIC for key in keys), dtype=bool, count=len(keys))
    linking = subjects != objects
    subjects, objects, both_ways = subjects[linking], objects[linking], both_ways[linking]
    # Each relation as the pair it links (subject * n + object), then the pair back or -1.
    pairs = np.stack([subjects * n + objects, np.where(both_ways, objects * n + subjects, -1)])
    pairs = pairs.T.ravel()
    pairs = pairs[pairs >= 0]
    found, first, weights = np.unique(pairs, return_index=True, return_counts=True)
    order = np.argsort(first)
    found, weights = found[order], weights[order]
    linked = np.stack([found // max(n, 1), found % max(n, 1)], axis=1)
    return compiled.pagerank(n, linked, weights.astype(float).tolist())


def eigenvector(G: nx.MultiDiGraph, max_iter: int = 1000) -> dict[str, float]:
    """Eigenvector centrality of the undirected links: high for entities linked to entities
    that are themselves central. Unit length, like networkx's ``eigenvector_centrality``, and
    the same values, from power iteration over a sparse matrix (fast on large graphs); if that
    has not settled after ``max_iter`` rounds, from the Lanczos method instead.
    """
    return _eigenvector(*_linked_pairs(G), max_iter)


def _eigenvector(nodes: list[str], pairs: np.ndarray, max_iter: int = 1000) -> dict[str, float]:
    if not nodes:
        return {}
    adjacency = _adjacency(nodes, pairs)
    x = np.full(len(nodes), 1 / len(nodes))
    for _ in range(max_iter):
        # A + I: the same leading eigenvector, but iteration cannot oscillate on bipartite graphs.
        following = adjacency @ x + x
        following /= np.linalg.norm(following)
        if np.abs(following - x).sum() < len(nodes) * 1e-6:
            return dict(zip(nodes, following.tolist(), strict=True))
        x = following
    # Two nearly equal leading eigenvalues (say, two parts of the graph with hubs alike) slow
    # the iteration down; Lanczos does not mind. Started from ones, it is reproducible.
    from scipy.sparse.linalg import eigsh

    _, vectors = eigsh(adjacency, k=1, which="LA", v0=np.ones(len(nodes)))
    leading = np.abs(vectors[:, 0])
    return dict(zip(nodes, (leading / np.linalg.norm(leading)).tolist(), strict=True))


MEASURES: tuple[str, ...] = ("degree", "betweenness", "pagerank", "eigenvector")
"""The centrality measures, by the name of the function that computes each."""


def scores(
    G: nx.MultiDiGraph, measure: str, *, samples: int | None = None, seed: int = 0
) -> dict[str, float]:
    """One centrality measure (a :data:`MEASURES` name) of every entity of ``G``.

    >>> scores(nx.MultiDiGraph([("a", "b"), ("a", "c")]), "degree")
    {'a': 1.0, 'b': 0.5, 'c': 0.5}
    """
    check_measure(measure)
    return _measured(GraphArrays.of_graph(G), samples, seed)[measure]()


def edge_scores(
    nodes: list[str],
    edges: Sequence[Edge],
    measure: str,
    *,
    samples: int | None = None,
    seed: int = 0,
) -> dict[str, float]:
    """:func:`scores` of the graph that holds ``nodes`` and the ``edges`` (subject, object,
    key) between them in that order, without making it: the same figures, for a part of a
    graph too large to copy quickly (:func:`kg.analysis.change.change`'s windows).

    >>> edge_scores(["a", "b", "c"], [("a", "b", "x"), ("a", "c", "x")], "degree")
    {'a': 1.0, 'b': 0.5, 'c': 0.5}
    """
    check_measure(measure)
    subjects, objects = numbers(nodes, edges)
    keys = [str(key) for *_, key in edges]
    # labels and classes: none that the measures read
    arrays = GraphArrays(nodes, list(nodes), ["Entity"] * len(nodes), subjects, objects, keys)
    return _measured(arrays, samples, seed)[measure]()


def _measured(
    arrays: GraphArrays, samples: int | None, seed: int
) -> dict[str, Callable[[], dict[str, float]]]:
    """Each of :data:`MEASURES` of the graph of ``arrays``, to be computed on call, the
    linked pairs counted once for all of them."""
    nodes = arrays.nodes
    pairs = _unique_pairs(len(nodes), arrays.subjects, arrays.objects)
    return {
        "degree": lambda: _degree(nodes, pairs),
        "betweenness": lambda: _betweenness(nodes, pairs, samples, seed),
        "pagerank": lambda: dict(zip(nodes, _pagerank(arrays), strict=True)),
        "eigenvector": lambda: _eigenvector(nodes, pairs),
    }


def check_measure(measure: str) -> str:
    """``measure`` if it is one of :data:`MEASURES`, else a KgError that lists them."""
    if measure not in MEASURES:
        raise KgError(f"unknown centrality {measure!r}; use one of {', '.join(MEASURES)}")
    return measure


def auto_samples(G: Sized) -> int | None:
    """Sources to estimate betweenness from: None (exact) for graphs up to
    :data:`EXACT_BETWEENNESS_LIMIT` entities, else :data:`AUTO_SAMPLES` (``G``: a graph, or
    its :class:`~kg.analysis.arrays.GraphArrays`).

    >>> auto_samples(nx.MultiDiGraph([("a", "b")])) is None
    True
    """
    return None if len(G) <= EXACT_BETWEENNESS_LIMIT else AUTO_SAMPLES


def centrality(
    G: nx.MultiDiGraph, top: int | None = None, *, samples: int | None = None, seed: int = 0
) -> list[CentralityRow]:
    """Score every entity of the entity graph ``G``; the ``top`` highest by PageRank, or all.

    Degree, betweenness (both normalised to 0..1) and eigenvector centrality see the relations
    as undirected links, counted once between a pair. PageRank follows their direction,
    weighting a link by how many relations it carries; a symmetric relation (``partnersWith``
    ...) links both ways. Relations of an entity to itself are ignored. Rows are sorted by
    PageRank, highest first, then by label.

    Exact betweenness takes time proportional to nodes x edges (a second for 2,000 entities,
    seven for 5,000); ``samples`` estimates it from that many randomly chosen source nodes
    instead, reproducibly for a given ``seed`` (see :func:`auto_samples`).

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([(n, {"label": n, "type": "Country"}) for n in "abc"])
    >>> G.add_edge("a", "b", key="cooperatesWith")
    'cooperatesWith'
    >>> G.add_edge("a", "c", key="cooperatesWith")
    'cooperatesWith'
    >>> [(row.label, row.degree, row.betweenness) for row in centrality(G, top=2)]
    [('a', 1.0, 1.0), ('b', 0.5, 0.0)]
    """
    return _ranked(GraphArrays.of_graph(G), "pagerank", top, samples, seed)


def centrality_rows(
    arrays: GraphArrays,
    top: int | None = None,
    *,
    by: str = "pagerank",
    samples: int | None = None,
    seed: int = 0,
) -> list[CentralityRow]:
    """:func:`centrality` of the graph of ``arrays`` (:mod:`kg.analysis.arrays`: from a store's
    summary, without making the graph), ranked by the measure ``by``; the ``top`` rows, or all.

    >>> G = nx.MultiDiGraph([("a", "b", "suppliesTo"), ("a", "c", "suppliesTo")])
    >>> [(row.node, row.degree) for row in centrality_rows(GraphArrays.of_graph(G), 2, by="degree")]
    [('a', 1.0), ('b', 0.5)]
    """
    return _ranked(arrays, check_measure(by), top, samples, seed)


def _ranked(
    arrays: GraphArrays, by: str, top: int | None, samples: int | None, seed: int
) -> list[CentralityRow]:
    """The rows of :func:`centrality`, ranked by the measure ``by``; the ``top`` ones, or all
    (ranked first, then made: the entities' order is all the ranking needs)."""
    measures = _measured(arrays, samples, seed)
    measured = {name: measures[name]() for name in MEASURES}
    nodes, labels, types = arrays.nodes, arrays.labels, arrays.types
    ranking = measured[by]
    ranked = sorted(
        range(len(nodes)),
        key=lambda i: _rank(float(ranking[nodes[i]]), labels[i], nodes[i]),
    )
    return [
        CentralityRow(
            node=nodes[i],
            label=labels[i],
            type=types[i],
            **{name: float(values[nodes[i]]) for name, values in measured.items()},
        )
        for i in (ranked if top is None else ranked[:top])
    ]


def centrality_frame(
    G: nx.MultiDiGraph,
    top: int | None = None,
    *,
    by: str = "pagerank",
    samples: int | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    """:func:`centrality` as a DataFrame (columns :data:`CENTRALITY_COLUMNS`), sorted by the
    measure ``by``, highest first, then by label; the ``top`` rows, or all.

    >>> G = nx.MultiDiGraph([("a", "b", "suppliesTo"), ("a", "c", "suppliesTo")])
    >>> centrality_frame(G, by="degree", top=1)[["node", "degree", "betweenness"]]
      node  degree  betweenness
    0    a     1.0          1.0
    """
    import pandas as pd

    check_measure(by)
    # The top rows only into the frame (the same as the head of a frame of all of them)
    rows = _ranked(
        GraphArrays.of_graph(G), by, top if top is not None and top > 0 else None, samples, seed
    )
    frame = pd.DataFrame([row.values() for row in rows], columns=list(CENTRALITY_COLUMNS))
    return frame if top is None else frame.head(top)


def _rank(score: float, label: str, node: str) -> tuple[float, str, str]:
    # Rounded, so that scores equal but for floating-point noise tie and the label decides.
    return (-round(score, 12), label, node)
