"""RDF -> entity graph, and the centrality of its entities."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from fixtures.rdf.chips import (
    ARTICLE_2023,
    ARTICLE_2024,
    CHINA,
    IBM,
    JAPAN,
    RAPIDUS,
    chip_extractions,
    fact,
)
from rdflib import Graph

from kg.analysis.centrality import CENTRALITY_COLUMNS, CentralityRow, centrality
from kg.analysis.projection import entity_graph
from kg.model import Entity, Extraction
from kg.rdf.build import build_graph
from kg.rdf.namespace import RELATIONS, entity_iri


def _id(label: str) -> str:
    return str(entity_iri(label))


@pytest.fixture(scope="module")
def chips() -> nx.MultiDiGraph:
    return entity_graph(build_graph(chip_extractions()))


# -- projection --------------------------------------------------------------------------------


def test_every_entity_is_a_node_with_its_attributes(chips: nx.MultiDiGraph) -> None:
    assert chips.nodes[_id("IBM")] == {
        "label": "IBM",
        "type": "Company",
        "country": "United States",
        "qid": "Q37156",
    }
    assert chips.nodes[_id("Rapidus")]["qid"] is None
    assert chips.nodes[_id("Yasutoshi Nishimura")]["country"] is None
    assert _id("South Korea") in chips  # named only as a country, still an entity


def test_only_the_relations_become_edges(chips: nx.MultiDiGraph) -> None:
    edges = {
        (chips.nodes[u]["label"], key, chips.nodes[v]["label"])
        for u, v, key in chips.edges(keys=True)
    }
    assert edges == {
        (f.subject.label, f.predicate, f.object.label)
        for extraction in chip_extractions()
        for f in extraction.facts
    }
    assert {data["predicate"] for *_, data in chips.edges(data=True)} <= set(RELATIONS)


def test_edge_carries_evidence_of_every_statement_in_order(chips: nx.MultiDiGraph) -> None:
    evidence = chips.edges[_id("Rapidus"), _id("IBM"), "partnersWith"]["evidence"]
    first = ARTICLE_2023.text.index("Rapidus will partner with IBM")
    assert evidence == [
        {
            "text": "Rapidus will partner with IBM",
            "doc": "chips-2023",
            "title": ARTICLE_2023.title,
            "url": ARTICLE_2023.url,
            "date": "2023-05-26",
            "confidence": 0.85,
            "start": first,
            "end": first + len("Rapidus will partner with IBM"),
        },
        {
            "text": "Rapidus partners with IBM.",
            "doc": "chips-2024",
            "title": ARTICLE_2024.title,
            "url": None,
            "date": "Spring 2024",
            "confidence": 0.85,
            "start": ARTICLE_2024.text.index("Rapidus partners with IBM."),
            "end": len(ARTICLE_2024.text),
        },
    ]


def test_entity_typed_twice_gets_most_specific_type() -> None:
    vague = Entity("IBM", "Organization")
    extraction = Extraction(
        ARTICLE_2024,
        facts=(
            fact(ARTICLE_2024, vague, "partnersWith", RAPIDUS, "IBM partners with Samsung"),
            fact(ARTICLE_2024, RAPIDUS, "partnersWith", IBM, "Rapidus partners with IBM."),
        ),
    )
    assert entity_graph(build_graph([extraction])).nodes[_id("IBM")]["type"] == "Company"


def test_empty_rdf_graph_gives_empty_entity_graph() -> None:
    projected = entity_graph(Graph())
    assert (projected.number_of_nodes(), projected.number_of_edges()) == (0, 0)


# -- centrality --------------------------------------------------------------------------------


def _graph(*edges: tuple[str, str, str]) -> nx.MultiDiGraph:
    """An entity graph with the given (subject, relation, object) edges between named nodes."""
    graph = nx.MultiDiGraph()
    for subject, relation, object_ in edges:
        for node in (subject, object_):
            graph.add_node(node, label=node, type="Company")
        graph.add_edge(subject, object_, key=relation, predicate=relation, evidence=[])
    return graph


STAR = _graph(*(("hub", "suppliesTo", f"leaf{index}") for index in range(1, 5)))


def test_star_hub_has_highest_degree_and_all_betweenness() -> None:
    rows = {row.node: row for row in centrality(STAR)}
    assert (rows["hub"].degree, rows["hub"].betweenness) == (1.0, 1.0)
    for leaf in ("leaf1", "leaf2", "leaf3", "leaf4"):
        assert rows[leaf].degree == pytest.approx(1 / 4)
        assert rows[leaf].betweenness == 0.0


def test_pagerank_follows_direction_and_sums_to_one() -> None:
    rows = centrality(STAR)
    assert math.fsum(row.pagerank for row in rows) == pytest.approx(1.0)
    # The hub only points outward, so each leaf it supplies outranks it.
    assert [row.node for row in rows] == ["leaf1", "leaf2", "leaf3", "leaf4", "hub"]


def test_parallel_relations_weigh_more() -> None:
    graph = _graph(("a", "suppliesTo", "b"), ("a", "investsIn", "b"), ("a", "suppliesTo", "c"))
    rows = {row.node: row for row in centrality(graph)}
    assert rows["b"].pagerank > rows["c"].pagerank
    assert rows["b"].degree == rows["c"].degree  # degree counts a pair once


@pytest.mark.parametrize(
    ("relation", "balanced"), [("partnersWith", True), ("competesWith", True), ("acquires", False)]
)
def test_symmetric_relation_links_both_ways(relation: str, balanced: bool) -> None:
    rows = {row.node: row for row in centrality(_graph(("a", relation, "b")))}
    assert (rows["a"].pagerank == pytest.approx(rows["b"].pagerank)) is balanced


def test_relation_to_itself_is_ignored() -> None:
    looped = _graph(("a", "suppliesTo", "b"), ("a", "investsIn", "a"))
    plain = _graph(("a", "suppliesTo", "b"))
    assert centrality(looped) == centrality(plain)


def test_ties_in_pagerank_are_broken_by_label() -> None:
    graph = _graph(("zeta", "partnersWith", "alpha"))
    assert [row.label for row in centrality(graph)] == ["alpha", "zeta"]


def test_sampled_betweenness_is_reproducible_and_exact_with_all_samples(
    chips: nx.MultiDiGraph,
) -> None:
    assert centrality(chips, samples=3, seed=7) == centrality(chips, samples=3, seed=7)
    exact = centrality(chips)
    assert [row.betweenness for row in centrality(chips, samples=100)] == pytest.approx(
        [row.betweenness for row in exact]
    )


def test_top_keeps_the_highest_ranked_rows() -> None:
    assert centrality(STAR, top=2) == centrality(STAR)[:2]


def test_rows_render_under_centrality_columns() -> None:
    row = centrality(STAR)[0]
    assert isinstance(row, CentralityRow)
    assert dict(zip(CENTRALITY_COLUMNS, row.values(), strict=True))["node"] == "leaf1"


def test_centrality_of_built_graph_ranks_the_export_control_target_above_its_sources(
    chips: nx.MultiDiGraph,
) -> None:
    rows = {row.label: row for row in centrality(chips)}
    assert rows["China"].pagerank > max(rows[c].pagerank for c in ("Japan", "Netherlands"))
    assert rows[JAPAN.label].degree == rows[CHINA.label].degree  # three neighbours each
    assert len(rows) == chips.number_of_nodes()
