"""RDF -> entity graph, and the centrality of its entities."""

from __future__ import annotations

import math
from datetime import date

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
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg.analysis.centrality import (
    CENTRALITY_COLUMNS,
    CentralityRow,
    auto_samples,
    betweenness,
    centrality,
    centrality_frame,
    eigenvector,
    links,
    scores,
)
from kg.analysis.projection import entity_graph, iso_date
from kg.errors import KgError
from kg.model import Entity, Extraction
from kg.rdf.build import build_graph
from kg.rdf.namespace import KG, RELATIONS, entity_iri


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


def test_edge_summarises_its_evidence(chips: nx.MultiDiGraph) -> None:
    edge = chips.edges[_id("Rapidus"), _id("IBM"), "partnersWith"]
    assert (edge["predicate"], edge["polarity"], edge["count"]) == (
        "partnersWith",
        "cooperative",
        2,
    )
    assert edge["articles"] == ("chips-2023", "chips-2024")
    # "Spring 2024" is not a date: only the dated article counts for first and last seen.
    assert (edge["first_seen"], edge["last_seen"]) == ("2023-05-26", "2023-05-26")
    undated = chips.edges[_id("IBM"), _id("Samsung Electronics"), "partnersWith"]
    assert (undated["count"], undated["first_seen"], undated["last_seen"]) == (1, None, None)


@pytest.mark.parametrize(
    ("predicate", "polarity"),
    [
        ("restrictsExportsTo", "conflictual"),
        ("subsidises", "cooperative"),
        ("leaderOf", "structural"),
    ],
)
def test_edge_polarity_comes_from_the_ontology(
    chips: nx.MultiDiGraph, predicate: str, polarity: str
) -> None:
    found = {key: p for *_, key, p in chips.edges(keys=True, data="polarity")}
    assert found[predicate] == polarity


@pytest.mark.parametrize("both_stated", [True, False])
def test_symmetric_relation_in_both_directions_is_one_edge(both_stated: bool) -> None:
    """Stated both ways, or one way plus the inferred other way: one edge, all the evidence."""
    forward = fact(ARTICLE_2024, RAPIDUS, "partnersWith", IBM, "Rapidus partners with IBM.")
    graph = build_graph([Extraction(ARTICLE_2024, facts=(forward,))])
    if both_stated:
        backward = fact(ARTICLE_2024, IBM, "partnersWith", RAPIDUS, "IBM partners with Samsung")
        graph = build_graph([Extraction(ARTICLE_2024, facts=(forward, backward))])
    else:
        graph.add((entity_iri("IBM"), KG.partnersWith, entity_iri("Rapidus")))  # as --infer does
    projected = entity_graph(graph)
    assert [key for *_, key in projected.edges(keys=True)] == ["partnersWith"]
    ((_, _, count),) = projected.edges(data="count")
    assert count == (2 if both_stated else 1)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2023-05-26", date(2023, 5, 26)),
        ("2023-05-26T08:30:00Z", date(2023, 5, 26)),
        ("2023-02-30", None),
        ("Spring 2024", None),
        ("26/05/2023", None),
        (None, None),
    ],
)
def test_iso_date_reads_calendar_dates_only(text: str | None, day: date | None) -> None:
    assert iso_date(text) == day


def test_edge_carries_evidence_of_every_statement_in_order(chips: nx.MultiDiGraph) -> None:
    evidence = chips.edges[_id("Rapidus"), _id("IBM"), "partnersWith"]["evidence"]
    first = ARTICLE_2023.text.index("Rapidus will partner with IBM")
    assert evidence == [
        {
            "text": "Rapidus will partner with IBM",
            "context": None,
            "doc": "chips-2023",
            "title": ARTICLE_2023.title,
            "url": ARTICLE_2023.url,
            "source": ARTICLE_2023.source,
            "date": "2023-05-26",
            "confidence": 0.85,
            "start": first,
            "end": first + len("Rapidus will partner with IBM"),
        },
        {
            "text": "Rapidus partners with IBM.",
            "context": None,
            "doc": "chips-2024",
            "title": ARTICLE_2024.title,
            "url": None,
            "source": ARTICLE_2024.source,
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


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 19), st.integers(0, 19)), max_size=45),
    st.integers(2, 19),
    st.integers(0, 1000),
)
def test_betweenness_is_networkx_s_exact_and_sampled(
    edges: list[tuple[int, int]], samples: int, seed: int
) -> None:
    """Same figures, same sampled sources; repeated, reversed and self relations count once."""
    G = nx.MultiDiGraph(
        [(f"n{u}", f"n{v}") for u, v in edges] + [(f"n{v}", f"n{u}") for u, v in edges]
    )
    simple = links(G)
    assert {frozenset(e) for e in simple.edges()} == {
        frozenset(e) for e in G.edges() if e[0] != e[1]
    }
    assert betweenness(G) == pytest.approx(nx.betweenness_centrality(simple), abs=1e-12)
    expected = nx.betweenness_centrality(simple, k=min(samples, len(simple)), seed=seed)
    assert betweenness(G, samples, seed) == pytest.approx(expected, abs=1e-12, nan_ok=True)


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


@pytest.mark.parametrize(
    "graph",
    [STAR, nx.MultiDiGraph(nx.path_graph(5)), nx.MultiDiGraph(nx.karate_club_graph())],
    ids=["star", "path", "karate"],
)
def test_eigenvector_matches_networkx(graph: nx.MultiDiGraph) -> None:
    expected = nx.eigenvector_centrality(nx.Graph(graph))
    assert eigenvector(graph) == pytest.approx(expected, abs=1e-4)


def test_eigenvector_falls_back_to_lanczos_when_iteration_is_slow() -> None:
    karate = nx.MultiDiGraph(nx.karate_club_graph())
    expected = nx.eigenvector_centrality(nx.Graph(karate))
    assert eigenvector(karate, max_iter=2) == pytest.approx(expected, abs=1e-4)


def test_eigenvector_of_empty_graph_is_empty() -> None:
    assert eigenvector(nx.MultiDiGraph()) == {}


@pytest.mark.parametrize("by", ["degree", "betweenness", "pagerank", "eigenvector"])
def test_frame_is_sorted_by_the_chosen_measure(chips: nx.MultiDiGraph, by: str) -> None:
    frame = centrality_frame(chips, by=by)
    assert list(frame.columns) == list(CENTRALITY_COLUMNS)
    assert frame[by].is_monotonic_decreasing
    assert frame[by].tolist() == sorted(scores(chips, by).values(), reverse=True)
    assert len(centrality_frame(chips, top=3, by=by)) == 3


@pytest.mark.parametrize("measure", ["closeness", "PageRank"])
def test_unknown_measure_is_named_in_the_error(measure: str) -> None:
    with pytest.raises(KgError, match=f"unknown centrality '{measure}'.*pagerank"):
        scores(STAR, measure)


def test_betweenness_is_exact_on_small_graphs_and_sampled_on_large_ones() -> None:
    assert auto_samples(STAR) is None
    large = nx.MultiDiGraph(nx.path_graph(3_000))
    assert auto_samples(large) is not None and auto_samples(large) < len(large)
