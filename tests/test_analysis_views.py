"""Views of the entity graph: layers of relations, time windows, neighbourhoods, names."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest
from fixtures.analysis.projection import fixture_graphs
from fixtures.analysis.supply_chain import ARTICLES, FEBRUARY_2024, extractions

from kg.analysis.projection import entity_graph
from kg.analysis.views import (
    LAYERS,
    Window,
    cut_to,
    find_entity,
    layer,
    neighbourhood,
    relations_of,
    window,
)
from kg.errors import KgError
from kg.rdf.build import build_graph
from kg.rdf.namespace import RELATIONS, entity_iri


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return entity_graph(build_graph(extractions()))


def _facts(G: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {(G.nodes[u]["label"], key, G.nodes[v]["label"]) for u, v, key in G.edges(keys=True)}


def _stated(*articles) -> set[tuple[str, str, str]]:
    return {(s.label, p, o.label) for a in articles for s, p, o, _ in ARTICLES[a]}


def test_layers_split_the_relations_between_them() -> None:
    parts = [LAYERS[name] for name in ("supply", "geopolitical", "people", "structural")]
    assert sorted(name for part in parts for name in part) == sorted(RELATIONS)
    assert LAYERS["all"] == frozenset(RELATIONS)


@pytest.mark.parametrize(
    "name", ["supply", "geopolitical", "people", "structural", "cooperative", "conflictual", "all"]
)
def test_layer_keeps_its_relations_and_the_entities_they_link(
    G: nx.MultiDiGraph, name: str
) -> None:
    view = layer(G, name)
    assert {key for *_, key in view.edges(keys=True)} == {
        key for *_, key in G.edges(keys=True) if key in LAYERS[name]
    }
    if name != "all":  # the whole graph also keeps entities named only as a country
        assert set(view) == {node for u, v in view.edges() for node in (u, v)}
    assert all(attrs == G.nodes[node] for node, attrs in view.nodes(data=True))


def test_layer_is_a_copy(G: nx.MultiDiGraph) -> None:
    view = layer(G, "supply")
    view.remove_node(str(entity_iri("TSMC")))
    assert str(entity_iri("TSMC")) in G


@pytest.mark.parametrize(
    ("relations", "message"),
    [("suply", "did you mean 'supply'"), (["sanction"], "did you mean 'sanctions'")],
)
def test_unknown_layer_or_relation_suggests_the_closest(relations, message: str) -> None:
    with pytest.raises(KgError, match=message):
        layer(nx.MultiDiGraph(), relations)


@pytest.mark.parametrize(
    ("since", "until", "articles"),
    [
        ("2024-01-01", None, ["a-2024-02"]),
        (None, "2023-06-30", ["a-2023-03"]),
        ("2023-03-01", "2023-09-15", ["a-2023-03", "a-2023-09"]),
        ("2025-01-01", None, []),
    ],
)
def test_window_keeps_the_facts_of_articles_dated_inside(
    G: nx.MultiDiGraph, since: str | None, until: str | None, articles: list[str]
) -> None:
    view = window(G, Window.parse(since, until))
    inside = [a for a in ARTICLES if a.id in articles]
    assert _facts(view) == _stated(*inside)
    for *_, attrs in view.edges(data=True):
        assert set(attrs["articles"]) <= set(articles)
        assert attrs["count"] == len(attrs["evidence"])


def test_window_recounts_the_evidence_of_a_fact_reported_twice(G: nx.MultiDiGraph) -> None:
    us, huawei = str(entity_iri("United States")), str(entity_iri("Huawei"))
    whole = G.edges[us, huawei, "sanctions"]
    assert (whole["count"], whole["first_seen"], whole["last_seen"]) == (
        2,
        "2023-09-15",
        "2024-02-01",
    )
    later = window(G, Window.parse(since="2024-01-01")).edges[us, huawei, "sanctions"]
    assert (later["count"], later["first_seen"], later["articles"]) == (
        1,
        "2024-02-01",
        (FEBRUARY_2024.id,),
    )
    assert whole["count"] == 2  # the original is untouched


def test_open_window_keeps_undated_facts_and_bounded_ones_do_not(G: nx.MultiDiGraph) -> None:
    undated = ("Nvidia", "partnersWith", "Samsung Electronics")
    assert undated in _facts(window(G, Window()))
    assert undated not in _facts(window(G, Window.parse(since="2000-01-01")))


@pytest.mark.parametrize(
    ("since", "until", "message"),
    [
        ("2024-13-01", None, "since: '2024-13-01' is not a date"),
        ("March 2024", None, "YYYY-MM-DD"),
        (None, "2024-3-1", "until: '2024-3-1' is not a date"),
        ("2024-06-01", "2024-01-01", "starts .* after it ends"),
    ],
)
def test_bad_window_dates_are_named(since: str | None, until: str | None, message: str) -> None:
    with pytest.raises(KgError, match=message):
        Window.parse(since, until)


@pytest.mark.parametrize(
    ("day", "inside"),
    [
        (date(2023, 12, 31), False),
        (date(2024, 1, 1), True),
        (date(2024, 6, 30), True),
        (None, False),
    ],
)
def test_window_includes_both_ends(day: date | None, inside: bool) -> None:
    assert Window.parse("2024-01-01", "2024-06-30").contains(day) is inside


@pytest.mark.parametrize(
    ("depth", "labels"),
    [
        (0, {"TSMC"}),
        (1, {"TSMC", "ASML", "Tokyo Electron", "Shin-Etsu Chemical", "Apple", "Nvidia"}),
    ],
)
def test_neighbourhood_follows_relations_both_ways(
    G: nx.MultiDiGraph, depth: int, labels: set[str]
) -> None:
    near = neighbourhood(G, str(entity_iri("TSMC")), depth)
    assert {near.nodes[n]["label"] for n in near} == labels
    assert set(near.edges(keys=True)) == set(G.subgraph(near).edges(keys=True))


@pytest.mark.parametrize(("depth", "reached"), [(1, False), (2, True)])
def test_neighbourhood_two_hops_reaches_the_suppliers_of_suppliers(
    G: nx.MultiDiGraph, depth: int, reached: bool
) -> None:
    near = neighbourhood(G, str(entity_iri("Apple")), depth)
    assert (str(entity_iri("ASML")) in near) is reached
    assert str(entity_iri("TSMC")) in near


@pytest.mark.parametrize(
    "name",
    [
        "Micron Technology",
        "micron technology",
        "MICRON",
        "Micron",
        "ent:micron-technology",
        str(entity_iri("Micron Technology")),
    ],
)
def test_find_entity_by_label_slug_words_or_iri(G: nx.MultiDiGraph, name: str) -> None:
    assert find_entity(G, name) == str(entity_iri("Micron Technology"))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Intel", "no entity called 'Intel'"),
        ("Nvidai", "did you mean 'Nvidia'"),
    ],
)
def test_find_entity_names_the_candidates(G: nx.MultiDiGraph, name: str, message: str) -> None:
    with pytest.raises(KgError, match=message):
        find_entity(G, name)


def test_find_entity_refuses_to_guess_between_several() -> None:
    G = nx.MultiDiGraph()
    G.add_node("urn:a", label="Samsung Electronics")
    G.add_node("urn:b", label="Samsung Biologics")
    with pytest.raises(KgError, match="'Samsung' could be any of 'Samsung Electronics', 'Samsung"):
        find_entity(G, "Samsung")


@pytest.mark.parametrize("name", sorted(fixture_graphs()))
@pytest.mark.parametrize("layers", ["all", "supply", ("cooperative", "conflictual", "supply")])
def test_a_layer_holds_what_networkx_copies_of_the_edge_subgraph(name: str, layers) -> None:
    """The same nodes, edges and attributes, in the order of ``G`` (networkx's copy of a small
    edge subgraph lists its nodes in the order of a set of strings: per process)."""
    G = entity_graph(fixture_graphs()[name])
    G.add_node("https://x.test/isolated", label="Isolated")
    kept = relations_of(layers)
    expected = (
        G.copy()
        if layers == "all"
        else G.edge_subgraph(e for e in G.edges(keys=True) if e[2] in kept).copy()
    )
    found = layer(G, layers)
    assert dict(found.nodes(data=True)) == dict(expected.nodes(data=True))
    assert list(found) == [node for node in G if node in expected]
    edges = [(u, v, key) for u, v, key in G.edges(keys=True) if key in kept]
    assert list(found.edges(keys=True)) == edges
    assert sorted(found.edges(keys=True)) == sorted(expected.edges(keys=True))
    for u, v, key, data in found.edges(keys=True, data=True):
        assert data == expected.edges[u, v, key] == G.edges[u, v, key]
        assert data is not G.edges[u, v, key]  # a copy of the original's dict
    for node, data in found.nodes(data=True):
        assert data is not G.nodes[node]


@pytest.mark.parametrize("name", sorted(fixture_graphs()))
@pytest.mark.parametrize("layers", ["all", "supply", ("cooperative", "conflictual", "supply")])
def test_a_graph_cut_in_place_holds_its_layer(name: str, layers) -> None:
    G = entity_graph(fixture_graphs()[name], evidence=False)
    G.add_node("https://x.test/isolated", label="Isolated")
    expected = layer(G, layers)
    found = cut_to(G, layers)
    assert found is G
    assert list(found.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(found.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert {n: set(found.pred[n]) for n in found} == {n: set(expected.pred[n]) for n in expected}
