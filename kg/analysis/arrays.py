"""An entity graph's entities and relations as arrays: what the centrality measures read.

The measures need of a graph only its entities (ids, labels and classes, in order) and, for
each relation, its subject, object and name: :class:`GraphArrays` holds them, numbered, in
the order of the networkx graph's nodes and of its ``G.edges(keys=True)``. Made from the
summary beside an on-disk store (:mod:`kg.analysis.summary`), it spares making the networkx
graph and its hundreds of thousands of attribute dicts (at 100,000 entities, two seconds of
``kg analyze centrality``'s ten); made from a networkx graph, it is the same arrays.

>>> G = nx.MultiDiGraph([("a", "b", "suppliesTo"), ("b", "c", "sanctions")])
>>> arrays = GraphArrays.of_graph(G)
>>> arrays.nodes, arrays.subjects.tolist(), arrays.objects.tolist(), arrays.keys
(['a', 'b', 'c'], [0, 1], [1, 2], ['suppliesTo', 'sanctions'])
>>> arrays.cut_to("supply").nodes
['a', 'b']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
import numpy.typing as npt
from rdflib import Graph

from kg.analysis.projection import entity_graph
from kg.analysis.summary import Summary, read_summary
from kg.analysis.views import LAYERS, label_of, relations_of, type_of
from kg.store.oxigraph import opened_of

Edge = tuple[str, str, str]
"""A relation: subject, object and key (the relation's name)."""


@dataclass(frozen=True, eq=False)  # arrays have no truth value: compared as objects
class GraphArrays:
    """The entities of an entity graph and its relations, numbered.

    ``nodes`` are the entities' ids in the graph's order, ``labels`` and ``types`` theirs
    (:func:`~kg.analysis.views.label_of`, :func:`~kg.analysis.views.type_of`); relation ``i``
    links entity number ``subjects[i]`` to ``objects[i]`` and is named ``keys[i]``, in the
    order of ``G.edges(keys=True)``.
    """

    nodes: list[str]
    labels: list[str]
    types: list[str]
    subjects: npt.NDArray[np.int64]
    objects: npt.NDArray[np.int64]
    keys: list[str]

    def __len__(self) -> int:
        """The number of entities, as ``len(G)``."""
        return len(self.nodes)

    @classmethod
    def of_graph(cls, G: nx.MultiDiGraph) -> GraphArrays:
        """The arrays of the entity graph ``G``.

        >>> G = nx.MultiDiGraph([("a", "b", "x"), ("b", "a", "y"), ("a", "b", "z")])
        >>> GraphArrays.of_graph(G).keys
        ['x', 'z', 'y']
        """
        nodes = list(G)
        edges = graph_edges(G)
        subjects, objects = numbers(nodes, edges)
        return cls(
            nodes=nodes,
            labels=[label_of(G, node) for node in nodes],
            types=[type_of(G, node) for node in nodes],
            subjects=subjects,
            objects=objects,
            keys=[str(key) for *_, key in edges],
        )

    @classmethod
    def of_summary(cls, summary: Summary) -> GraphArrays:
        """The arrays of the graph that :func:`~kg.analysis.projection.entity_graph` makes of
        ``summary``, without making it: its relations put in networkx's order (by subject,
        then by the first relation of each pair of entities, then as given; a relation given
        twice, by subject, object and name, counts once, where it came first).

        >>> relations = [("b", "c", "x"), ("a", "c", "x"), ("b", "a", "y"), ("b", "c", "z")]
        >>> summary = Summary.of([("a", {"label": "A"}), ("b", {}), ("c", {})], [
        ...     (u, v, key, {"predicate": key, "evidence": [], "count": 0, "articles": ()})
        ...     for u, v, key in relations])
        >>> arrays = GraphArrays.of_summary(summary)
        >>> arrays.labels, arrays.types, arrays.keys
        (['A', 'b', 'c'], ['Entity', 'Entity', 'Entity'], ['x', 'x', 'z', 'y'])
        >>> arrays.subjects.tolist(), arrays.objects.tolist()
        ([0, 1, 1, 1], [2, 2, 2, 0])
        """
        values: list[object] = [*summary.values, None]  # index -1: None
        columns = summary.nodes.T.tolist()  # one list per column, if empty too
        nodes = [str(values[i]) for i in columns[0]]
        labels = [str(values[i] or node) for i, node in zip(columns[1], nodes, strict=True)]
        types = [str(values[i] or "Entity") for i in columns[2]]
        edges = summary.edges.astype(np.int64)
        order = _networkx_order(len(nodes), edges[:, 0], edges[:, 1], edges[:, 2])
        return cls(
            nodes=nodes,
            labels=labels,
            types=types,
            subjects=edges[order, 0],
            objects=edges[order, 1],
            keys=[str(values[i]) for i in edges[order, 2].tolist()],
        )

    def cut_to(self, relations: str | Iterable[str]) -> GraphArrays:
        """These arrays cut as :func:`~kg.analysis.views.cut_to` cuts the graph: the relations
        in ``relations`` (layers or relation names), and the entities they link, in order.

        >>> G = nx.MultiDiGraph([("us", "china", "sanctions"), ("asml", "tsmc", "suppliesTo")])
        >>> cut = GraphArrays.of_graph(G).cut_to("supply")
        >>> cut.nodes, cut.subjects.tolist(), cut.objects.tolist()
        (['asml', 'tsmc'], [0], [1])
        """
        kept = relations_of(relations)
        if kept == LAYERS["all"]:
            return self
        keep = np.fromiter((key in kept for key in self.keys), dtype=bool, count=len(self.keys))
        subjects, objects = self.subjects[keep], self.objects[keep]
        linked = np.zeros(len(self.nodes), dtype=bool)
        linked[subjects] = linked[objects] = True
        number = np.cumsum(linked) - 1  # an entity's number among those kept
        places = np.flatnonzero(linked).tolist()
        return GraphArrays(
            nodes=[self.nodes[i] for i in places],
            labels=[self.labels[i] for i in places],
            types=[self.types[i] for i in places],
            subjects=number[subjects],
            objects=number[objects],
            keys=[key for key, kept_one in zip(self.keys, keep.tolist(), strict=True) if kept_one],
        )


def entity_arrays(graph: Graph) -> GraphArrays:
    """The :class:`GraphArrays` of :func:`~kg.analysis.projection.entity_graph` ``(graph,
    evidence=False)``: from the summary of a store opened read-only, if it was made from
    the store as it is, without making the networkx graph; else of the graph read.

    >>> entity_arrays(Graph()).nodes
    []
    """
    opened = opened_of(graph)
    if opened is not None:
        summary, _ = read_summary(opened.folder, opened.state)
        if summary is not None:
            return GraphArrays.of_summary(summary)
    return GraphArrays.of_graph(entity_graph(graph, evidence=False))


def graph_edges(G: nx.MultiDiGraph) -> list[Edge]:
    """``G``'s edges (subject, object, key) in ``G.edges``' order, read from its adjacency
    without the edge view's work per edge (key None in a graph without keys).

    >>> graph_edges(nx.MultiDiGraph([("a", "b", "x"), ("b", "a", "y"), ("a", "b", "z")]))
    [('a', 'b', 'x'), ('a', 'b', 'z'), ('b', 'a', 'y')]
    """
    if not G.is_multigraph():
        return [(u, v, None) for u, v in G.edges()]  # type: ignore[misc]
    return [
        (u, v, key)
        for u, successors in G.adjacency()
        for v, keys in successors.items()
        for key in keys
    ]


def numbers(nodes: list[str], edges: Sequence[Edge]) -> tuple[np.ndarray, np.ndarray]:
    """The numbers (places in ``nodes``) of the subject and of the object of each edge.

    >>> [column.tolist() for column in numbers(["a", "b"], [("b", "a", "x")])]
    [[1], [0]]
    """
    index = {node: i for i, node in enumerate(nodes)}
    count = len(edges)
    subjects = np.fromiter((index[edge[0]] for edge in edges), dtype=np.int64, count=count)
    objects = np.fromiter((index[edge[1]] for edge in edges), dtype=np.int64, count=count)
    return subjects, objects


def _networkx_order(
    n: int, subjects: np.ndarray, objects: np.ndarray, keys: np.ndarray
) -> np.ndarray:
    """The places of the relations given in this order, in the order of ``G.edges`` of a
    networkx graph they were added to in it (after its ``n`` nodes): by subject, then by the
    pair's first relation, then in order; of relations alike in subject, object and key, the
    first only (networkx keeps one edge of a key, where it was added first).

    >>> _networkx_order(3, np.array([1, 0, 1, 1]), np.array([2, 2, 0, 2]), np.array([5, 5, 6, 5]))
    array([1, 0, 2])
    """
    if not len(subjects):
        return np.zeros(0, dtype=np.int64)
    pairs = subjects * max(n, 1) + objects
    _, first_of_key = np.unique(
        np.stack([pairs, keys], axis=1), axis=0, return_index=True
    )  # each relation once, at its first place
    first_of_key.sort()
    pairs = pairs[first_of_key]
    _, first, inverse = np.unique(pairs, return_index=True, return_inverse=True)
    by_pair = np.lexsort((first_of_key, first[inverse], subjects[first_of_key]))
    return first_of_key[by_pair]
