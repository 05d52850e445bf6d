"""The measures computed by igraph give networkx's answers: PageRank and betweenness to
floating-point noise, degree exactly, communities as good (modularity) and, where the blocs are
plain, the same."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from kg.analysis.centrality import betweenness, degree, links, pagerank
from kg.analysis.communities import communities, ties
from kg.analysis.compiled import leiden
from kg.rdf.namespace import POLARITY, SYMMETRIC

RELATIONS = ("suppliesTo", "partnersWith", "sanctions", "investsIn", "cooperatesWith")


def _random_graph(nodes: int, edges: int, seed: int) -> nx.MultiDiGraph:
    """A random entity graph: relations of several kinds, parallel ones, a few self-links."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    G.add_nodes_from(f"n{i}" for i in range(nodes))
    for _ in range(edges):
        u, v, key = f"n{rng.randrange(nodes)}", f"n{rng.randrange(nodes)}", rng.choice(RELATIONS)
        G.add_edge(u, v, key=key, polarity=POLARITY[key], count=rng.randint(1, 3))
    return G


def _networkx_weighted(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The directed graph networkx's PageRank ran on before igraph: weights count relations."""
    weighted = nx.DiGraph()
    weighted.add_nodes_from(G)
    for u, v, key in G.edges(keys=True):
        if u == v:
            continue
        for a, b in [(u, v), (v, u)] if key in SYMMETRIC else [(u, v)]:
            weight = weighted.get_edge_data(a, b, {"weight": 0})["weight"]
            weighted.add_edge(a, b, weight=weight + 1)
    return weighted


GRAPHS = [_random_graph(n, m, seed) for n, m, seed in ((30, 60, 1), (120, 300, 2), (200, 150, 3))]


@pytest.mark.parametrize("G", GRAPHS)
def test_pagerank_is_networkx_s(G: nx.MultiDiGraph) -> None:
    expected = nx.pagerank(_networkx_weighted(G), weight="weight", tol=1e-12, max_iter=10_000)
    found = pagerank(G)
    assert list(found) == list(G)
    assert found == pytest.approx(expected, abs=1e-9)
    assert sum(found.values()) == pytest.approx(1.0)


@pytest.mark.parametrize("G", GRAPHS)
def test_degree_is_networkx_s_exactly(G: nx.MultiDiGraph) -> None:
    assert degree(G) == nx.degree_centrality(links(G))


@pytest.mark.parametrize("G", GRAPHS)
@pytest.mark.parametrize("samples", [None, 10])
def test_betweenness_is_networkx_s(G: nx.MultiDiGraph, samples: int | None) -> None:
    expected = nx.betweenness_centrality(links(G), k=samples, seed=7)
    assert betweenness(G, samples, seed=7) == pytest.approx(expected, abs=1e-12)


def _blocs(sizes: tuple[int, ...], seed: int = 0) -> tuple[nx.MultiDiGraph, list[set[str]]]:
    """Dense cooperative blocs joined by one partnership each, with sanctions across them."""
    rng = random.Random(seed)
    G, blocs = nx.MultiDiGraph(), []
    for b, size in enumerate(sizes):
        members = [f"b{b}m{i}" for i in range(size)]
        blocs.append(set(members))
        for i, u in enumerate(members):
            for v in members[i + 1 :]:
                if rng.random() < 0.8:
                    G.add_edge(u, v, key="cooperatesWith", polarity="cooperative", count=1)
    for b in range(len(sizes) - 1):
        u, v = f"b{b}m0", f"b{b + 1}m0"
        G.add_edge(u, v, key="partnersWith", polarity="cooperative", count=1)
        G.add_edge(f"b{b}m1", f"b{b + 1}m2", key="sanctions", polarity="conflictual", count=4)
    return G, blocs


def test_obvious_blocs_are_found_as_networkx_s_louvain_finds_them() -> None:
    G, blocs = _blocs((12, 9, 15, 7))
    frame = communities(G, seed=3)
    found = {frozenset(group) for _, group in frame.groupby("community")["node"]}
    louvain = nx.community.louvain_communities(ties(G), weight="weight", seed=3)
    assert found == {frozenset(bloc) for bloc in blocs} == {frozenset(c) for c in louvain}
    assert set(frame["opposes"]) - {""}  # the sanctions run between blocs


@pytest.mark.parametrize("G", GRAPHS)
def test_communities_are_as_modular_as_networkx_s(G: nx.MultiDiGraph) -> None:
    tied = ties(G)
    frame = communities(G, layers="all", seed=0)
    ours = [set(group) for _, group in frame.groupby("community")["node"]]
    louvain = nx.community.louvain_communities(tied, weight="weight", seed=0)
    assert sorted(frame["node"]) == sorted(G)
    quality = nx.community.modularity(tied, ours, weight="weight")
    assert quality >= nx.community.modularity(tied, louvain, weight="weight") - 0.02
    for group in ours:  # Leiden's guarantee: every community is connected
        assert nx.is_connected(tied.subgraph(group))


def test_communities_are_reproducible_by_seed() -> None:
    G = GRAPHS[1]
    assert communities(G, seed=5).equals(communities(G, seed=5))  # default layers


def test_leiden_of_an_empty_graph_is_empty() -> None:
    assert leiden(0, [], []) == []
