"""Inference: symmetric, inverse and super-property triples, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.rdf.supply import all_extractions
from rdflib import Graph

from kg.rdf.build import build_graph
from kg.rdf.infer import INFERRED_PREDICATES, inferred_triples
from kg.rdf.namespace import INVERSES, KG, RELATIONS, SYMMETRIC, entity_iri
from kg.rdf.ontology import ontology_graph
from kg.rdf.shapes import validate
from kg.store import GraphStore


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(all_extractions())


@pytest.fixture(scope="module")
def inferred(graph: Graph) -> Graph:
    return inferred_triples(graph, ontology_graph())


def _relation_triples(graph: Graph, names) -> set:
    return {(s, name, o) for name in names for s, o in graph.subject_objects(KG[name])}


def test_symmetric_relations_hold_the_other_way(graph: Graph, inferred: Graph) -> None:
    stated = _relation_triples(graph, SYMMETRIC)
    assert stated
    for subject, name, object_ in stated:
        assert (object_, KG[name], subject) in graph + inferred


def test_inverse_relations_are_added(graph: Graph, inferred: Graph) -> None:
    stated = _relation_triples(graph, INVERSES)
    assert stated
    expected = {(o, KG[INVERSES[name]], s) for s, name, o in stated}
    assert expected <= set(inferred)
    assert (entity_iri("Apple"), KG.suppliedBy, entity_iri("Micron Technology")) in inferred


def test_every_relation_is_related_to(graph: Graph, inferred: Graph) -> None:
    stated = _relation_triples(graph, RELATIONS)
    assert {(s, o) for s, _, o in stated} <= set((graph + inferred).subject_objects(KG.relatedTo))


def test_only_new_relation_triples_come_back(graph: Graph, inferred: Graph) -> None:
    assert len(inferred) > 0
    assert {p for _, p, _ in inferred} <= INFERRED_PREDICATES
    assert not set(inferred) & set(graph)


def test_inference_is_idempotent(graph: Graph, inferred: Graph) -> None:
    assert len(inferred_triples(graph + inferred, ontology_graph())) == 0


@pytest.mark.slow  # SHACL validation of a whole graph (see test_validate.SHACL)
def test_graph_with_inferred_triples_still_conforms(graph: Graph, inferred: Graph) -> None:
    report = validate(graph + inferred)
    assert report.conforms, [str(f) for f in report.violations]


def test_store_infers_the_same_triples(tmp_path: Path, graph: Graph, inferred: Graph) -> None:
    with GraphStore(tmp_path) as store:
        for extraction in all_extractions():
            store.add_extraction(extraction)
        assert set(inferred_triples(store.graph, ontology_graph())) == set(inferred)
