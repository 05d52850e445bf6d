"""The projection RDF -> networkx reads the same entity graph from rdflib and from Oxigraph, and
what it reads is pinned: nodes, edges, their order and every attribute, as the projection gave
them before it read columns (``fixtures/analysis/projection_snapshot.json``)."""

from __future__ import annotations

import json

import networkx as nx
import pyoxigraph as ox
import pytest
from fixtures.analysis.projection import SNAPSHOT, fixture_graphs, snapshot
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.analysis.centrality import degree
from kg.analysis.projection import _read, entity_graph
from kg.rdf.namespace import KG, entity_iri
from kg.store import GraphStore, add_triples, graph_over

GRAPHS = fixture_graphs()
PINNED = json.loads(SNAPSHOT.read_text())


def _over_store(graph: Graph) -> Graph:
    """The triples of ``graph`` in a new in-memory Oxigraph store, as kg's graph over it."""
    stored = graph_over(ox.Store())
    add_triples(stored, graph)
    return stored


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_projection_of_rdflib_graph_is_the_pinned_one(name: str) -> None:
    assert snapshot(entity_graph(GRAPHS[name])) == PINNED[name]


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_projection_of_store_is_the_pinned_one(name: str) -> None:
    assert snapshot(entity_graph(_over_store(GRAPHS[name]))) == PINNED[name]


def test_projection_of_on_disk_store_is_the_pinned_one(tmp_path) -> None:
    with GraphStore(tmp_path / "store") as store:
        add_triples(store.graph, GRAPHS["generated"])
    with GraphStore(tmp_path / "store", read_only=True) as store:
        G = entity_graph(store.graph)
    assert snapshot(G) == PINNED["generated"]


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_degree_and_edges_agree_between_backends(name: str) -> None:
    in_memory, stored = entity_graph(GRAPHS[name]), entity_graph(_over_store(GRAPHS[name]))
    assert degree(in_memory) == degree(stored)
    assert list(in_memory.edges(keys=True)) == list(stored.edges(keys=True))
    assert nx.utils.graphs_equal(in_memory, stored)


@pytest.mark.parametrize(
    ("literal", "value"),
    [
        (Literal(7), 7),
        (Literal("0.85", datatype=XSD.decimal), 0.85),
        (Literal("1.5E0", datatype=XSD.double), 1.5),
        (Literal("seven", datatype=XSD.integer), "seven"),
        (Literal("twelve"), "twelve"),
    ],
)
def test_evidence_values_read_alike_from_both_backends(literal: Literal, value: object) -> None:
    graph = Graph()
    statement, a, b = URIRef("https://x.test/st"), entity_iri("A"), entity_iri("B")
    graph.add((a, KG.suppliesTo, b))
    for predicate, object_ in (
        (RDF.subject, a),
        (RDF.predicate, KG.suppliesTo),
        (RDF.object, b),
        (KG.start, literal),
    ):
        graph.add((statement, predicate, object_))
    for source in (graph, _over_store(graph)):
        (evidence,) = entity_graph(source).edges[str(a), str(b), "suppliesTo"]["evidence"]
        assert evidence["start"] == value
        assert type(evidence["start"]) is type(value)


def test_of_several_labels_the_least_is_kept_whatever_the_backend() -> None:
    graph = Graph()
    a = entity_iri("A")
    graph.add((a, RDF.type, KG.Company))
    for label in ("Beta", "Alpha", "Gamma"):
        graph.add((a, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(label)))
    for source in (graph, _over_store(graph)):
        assert entity_graph(source).nodes[str(a)]["label"] == "Alpha"


@pytest.mark.parametrize("name", sorted(GRAPHS))
@pytest.mark.parametrize("backend", ["rdflib", "oxigraph"])
def test_projection_without_evidence_keeps_what_the_measures_read(name: str, backend: str) -> None:
    graph = GRAPHS[name] if backend == "rdflib" else _over_store(GRAPHS[name])
    full, lean = entity_graph(graph), entity_graph(graph, evidence=False)
    assert list(lean.nodes(data=True)) == list(full.nodes(data=True))
    assert list(lean.edges(keys=True)) == list(full.edges(keys=True))
    kept = ("predicate", "polarity", "count", "first_seen", "last_seen", "articles")
    for (*_, attrs), (*_, bare) in zip(
        full.edges(keys=True, data=True), lean.edges(keys=True, data=True), strict=True
    ):
        assert {k: bare[k] for k in kept} == {k: attrs[k] for k in kept}
        assert sorted((ev["doc"] or "", ev["date"] or "") for ev in bare["evidence"]) == sorted(
            (ev["doc"] or "", ev["date"] or "") for ev in attrs["evidence"]
        )
        assert all(ev["text"] is None for ev in bare["evidence"])
    assert degree(lean) == degree(full)


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_projection_is_the_graph_networkx_would_make_of_its_parts(name: str) -> None:
    """The edges go straight into networkx's adjacency: the same graph as add_edges_from's,
    successors and predecessors in the same order."""
    nodes, edges = _read(GRAPHS[name], evidence=True)
    made = entity_graph(GRAPHS[name])
    expected = nx.MultiDiGraph()
    expected.add_nodes_from(nodes)
    expected.add_edges_from(edges)
    assert list(made.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(made.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert [list(made.pred[node].items()) for node in made] == [
        list(expected.pred[node].items()) for node in expected
    ]
    assert len(made) > 0
