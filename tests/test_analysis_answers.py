"""The analyses on a small supply chain whose answers are worked out by hand (see the fixture):
chokepoints, blocs, paths, exposure and change over time."""

from __future__ import annotations

import networkx as nx
import pytest
from fixtures.analysis.supply_chain import extractions
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.analysis.centrality import scores
from kg.analysis.change import CHANGE_COLUMNS, change, split
from kg.analysis.chokepoints import CHOKEPOINT_COLUMNS, _cuts, chokepoints
from kg.analysis.communities import COMMUNITY_COLUMNS, communities
from kg.analysis.exposure import EXPOSURE_COLUMNS, exposure
from kg.analysis.paths import PATH_COLUMNS, paths
from kg.analysis.projection import edge_attributes, entity_graph, iso_date
from kg.analysis.views import Window, layer, window
from kg.errors import KgError
from kg.rdf.build import build_graph


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return entity_graph(build_graph(extractions()))


def _rows(frame, *columns: str) -> list[tuple]:
    return [tuple(row) for row in frame[list(columns)].itertuples(index=False)]


# -- chokepoints -------------------------------------------------------------------------------


def test_chokepoint_of_the_supply_chain_is_the_foundry(G: nx.MultiDiGraph) -> None:
    found = chokepoints(G, layers="supply")
    assert list(found.columns) == list(CHOKEPOINT_COLUMNS)
    assert found.attrs["layers"] == ("supply",)
    assert _rows(found[found.kind == "articulation point"], "label", "separated") == [
        ("TSMC", 3),  # ASML, Tokyo Electron and Shin-Etsu lose Apple, Nvidia and Samsung
        ("Huawei", 1),  # SMIC
    ]
    suppliers = found[found.kind == "supplier"]
    assert suppliers.label.iloc[0] == "TSMC"
    assert suppliers.betweenness.is_monotonic_decreasing


def test_chokepoints_by_default_add_ties_and_conflicts_to_supply(G: nx.MultiDiGraph) -> None:
    found = chokepoints(G)
    assert found.attrs["layers"] == ("cooperative", "conflictual", "supply")
    assert _rows(found[found.kind == "bridge"], "label", "separated", "relations") == [
        ("United States \u2014 Huawei", 3, "sanctions")  # Huawei, Micron and SMIC hang on it
    ]
    assert "memory chips" not in set(found.label)  # a product, linked by structural facts only


def test_chokepoints_change_with_the_window(G: nx.MultiDiGraph) -> None:
    """In 2023 (no Samsung yet), all of TSMC's suppliers and customers hang on TSMC alone."""
    early = layer(window(G, Window.parse(until="2023-12-31")), "supply")
    points = chokepoints(early)
    tsmc = points[(points.kind == "articulation point") & (points.label == "TSMC")]
    assert tsmc.separated.tolist() == [4]


def test_top_keeps_that_many_of_each_kind(G: nx.MultiDiGraph) -> None:
    found = chokepoints(G, top=1)
    assert found.kind.tolist() == ["articulation point", "bridge", "supplier"]


def test_graph_without_cut_has_no_chokepoints() -> None:
    ring = nx.MultiDiGraph(nx.cycle_graph(5))
    assert chokepoints(ring).empty


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 14), st.integers(0, 14)), max_size=30))
def test_cuts_agree_with_removing_each_node_and_link(edges: list[tuple[int, int]]) -> None:
    H = nx.Graph((f"n{u}", f"n{v}") for u, v in edges if u != v)
    separated, bridges = _cuts(H)
    assert set(separated) == set(nx.articulation_points(H))
    for node, count in separated.items():
        component = nx.node_connected_component(H, node)
        pieces = nx.connected_components(H.subgraph(component - {node}))
        assert count == len(component) - 1 - max(map(len, pieces))
    assert {frozenset(pair) for pair in bridges} == {frozenset(pair) for pair in nx.bridges(H)}
    for (u, v), smaller in bridges.items():
        cut = H.copy()
        cut.remove_edge(u, v)
        sides = nx.node_connected_component(cut, u), nx.node_connected_component(cut, v)
        assert smaller == min(map(len, sides))


# -- communities -------------------------------------------------------------------------------


def test_blocs_hold_the_allies_together_and_apart_from_their_target(G: nx.MultiDiGraph) -> None:
    found = communities(G)
    assert list(found.columns) == list(COMMUNITY_COLUMNS)
    bloc = dict(zip(found.label, found.community, strict=True))
    allies = {bloc["United States"], bloc["Japan"], bloc["Netherlands"]}
    assert len(allies) == 1
    assert bloc["China"] not in allies
    assert found[found.community == bloc["United States"]].label.tolist() == [
        "United States",  # most ties inside the bloc first
        "Japan",
        "Netherlands",
    ]
    opposes = dict(zip(found.label, found.opposes, strict=True))
    assert str(bloc["China"]) in opposes["United States"].split(", ")
    assert str(bloc["United States"]) in opposes["China"].split(", ")


def test_blocs_are_numbered_by_size_and_reproducible(G: nx.MultiDiGraph) -> None:
    found = communities(G, seed=3)
    sizes = found.drop_duplicates("community").sort_values("community")["size"]
    assert sizes.is_monotonic_decreasing
    assert found.equals(communities(G, seed=3))
    assert (found.groupby("community").size() == found.groupby("community")["size"].first()).all()


def test_conflict_alone_makes_no_bloc() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("us", "cn", key="sanctions", **edge_attributes("sanctions", [{}]))
    assert sorted(communities(G).community) == [0, 1]


# -- paths -------------------------------------------------------------------------------------


def test_paths_from_micron_to_china_shortest_first_with_evidence(G: nx.MultiDiGraph) -> None:
    found = paths(G, "Micron", "China", max_hops=3)
    assert list(found.columns) == list(PATH_COLUMNS)
    assert _rows(found, "path", "hop", "subject", "predicate", "object") == [
        (1, 1, "Micron Technology", "producesProduct", "memory chips"),
        (1, 2, "China", "bansProduct", "memory chips"),
        (2, 1, "Micron Technology", "suppliesTo", "Huawei"),
        (2, 2, "United States", "sanctions", "Huawei"),
        (2, 3, "China", "restrictsExportsTo", "United States"),
    ]
    second_hop = found.iloc[1]
    assert second_hop.evidence == "China banned Micron's memory chips."
    assert (second_hop.article, second_hop.url) == (
        "Chips news a-2023-09",
        "https://news.example/a-2023-09",
    )
    assert found.iloc[3].evidence_count == 2


@pytest.mark.parametrize(("max_hops", "limit", "count"), [(1, 5, 0), (2, 5, 1), (4, 2, 2)])
def test_paths_respect_hops_and_limit(
    G: nx.MultiDiGraph, max_hops: int, limit: int, count: int
) -> None:
    found = paths(G, "Micron", "China", max_hops=max_hops, limit=limit)
    assert found.path.nunique() == count


def test_no_path_between_unconnected_entities_is_an_empty_frame(G: nx.MultiDiGraph) -> None:
    assert paths(G, "TSMC", "Taiwan").empty  # Taiwan is only TSMC's country, not a relation


def test_path_to_itself_is_an_error(G: nx.MultiDiGraph) -> None:
    with pytest.raises(KgError, match="same entity"):
        paths(G, "Micron", "micron technology")


# -- exposure ----------------------------------------------------------------------------------


def test_micron_is_exposed_to_the_sanctions_on_its_customer(G: nx.MultiDiGraph) -> None:
    found = exposure(G, "Micron")
    assert list(found.columns) == list(EXPOSURE_COLUMNS)
    top = found.iloc[0]
    assert (top.score, top.role, top.hops, top.measure) == (
        0.5,
        "target",
        1,
        "United States sanctions Huawei",
    )
    assert top.via == "Micron Technology \u2014customer\u2192 Huawei"
    assert top.via_evidence == "Micron supplies memory to Huawei."
    assert top.evidence == "The United States sanctioned Huawei."
    assert (top.evidence_count, top.first_seen, top.last_seen) == (2, "2023-09-15", "2024-02-01")


def test_exposure_ranks_by_score_then_evidence_then_recency(G: nx.MultiDiGraph) -> None:
    found = exposure(G, "Micron")
    assert _rows(found.head(3), "measure", "via") == [
        ("United States sanctions Huawei", "Micron Technology \u2014customer\u2192 Huawei"),
        (  # one evidence, 2024
            "China restrictsExportsTo United States",
            "Micron Technology \u2014host country\u2192 United States",
        ),
        (  # one evidence, 2023
            "China bansProduct memory chips",
            "Micron Technology \u2014product\u2192 memory chips",
        ),
    ]
    assert found.score.is_monotonic_decreasing


def test_exposure_through_a_customer_reaches_its_host_country(G: nx.MultiDiGraph) -> None:
    found = exposure(G, "Micron")
    row = found[(found.measure == "Japan restrictsExportsTo China") & (found.role == "target")]
    assert _rows(row, "hops", "score", "via") == [
        (2, 0.25, "Micron Technology \u2014customer\u2192 Huawei \u2014host country\u2192 China")
    ]
    assert row.via_evidence.iloc[0] == "Micron supplies memory to Huawei. | (the entity's country)"


def test_a_government_body_acts_for_its_country(G: nx.MultiDiGraph) -> None:
    """Apple's host country imposes, through its Commerce Department, controls on China."""
    found = exposure(G, "Apple")
    commerce = found[found.imposer == "U.S. Department of Commerce"]
    assert _rows(commerce, "role", "hops", "via") == [
        ("imposer", 1, "Apple \u2014host country\u2192 United States")
    ]


def test_a_host_country_stated_in_the_news_beats_the_entity_s_country() -> None:
    G = nx.MultiDiGraph()
    G.add_node("mu", label="Micron", type="Company", country="United States")
    G.add_node("us", label="United States", type="Country")
    G.add_node("cn", label="China", type="Country")
    G.add_edge("mu", "us", key="headquarteredIn", evidence=[{"text": "Micron, of Idaho, ..."}])
    G.add_edge("cn", "us", key="restrictsExportsTo", evidence=[{"text": "China curbs gallium."}])
    (row,) = exposure(G, "Micron").itertuples()
    assert (row.via, row.via_evidence) == (
        "Micron \u2014host country\u2192 United States",
        "Micron, of Idaho, ...",
    )


def test_the_target_itself_is_exposed_at_zero_hops(G: nx.MultiDiGraph) -> None:
    found = exposure(G, "Huawei")
    assert _rows(found.head(1), "score", "role", "hops", "via") == [(1.0, "target", 0, "Huawei")]


@pytest.mark.parametrize(("depth", "hops"), [(0, {0}), (1, {0, 1}), (3, {0, 1, 2, 3})])
def test_exposure_stays_within_depth(G: nx.MultiDiGraph, depth: int, hops: set[int]) -> None:
    assert set(exposure(G, "China", depth=depth).hops) <= hops


def test_the_walk_stops_at_countries(G: nx.MultiDiGraph) -> None:
    """Through the United States everything would reach Apple; the walk does not go past it."""
    vias = exposure(G, "Apple", depth=5).via
    assert not vias.str.contains("United States \u2014").any()


def test_an_entity_is_not_exposed_to_its_own_measures(G: nx.MultiDiGraph) -> None:
    found = exposure(G, "Japan")
    assert "Japan restrictsExportsTo China" not in set(found.measure)


# -- change over time --------------------------------------------------------------------------


def test_facts_added_and_not_reported_since_between_2023_and_2024(G: nx.MultiDiGraph) -> None:
    found = change(G, *split("2024-01-01"), measure="degree", top=3)
    assert list(found.columns) == list(CHANGE_COLUMNS)
    added = found[found.change == "added"]
    assert _rows(added, "subject", "predicate", "object") == [
        ("China", "restrictsExportsTo", "United States"),
        ("Japan", "restrictsExportsTo", "China"),
        ("Samsung Electronics", "suppliesTo", "Apple"),
    ]
    gone = set(_rows(found[found.change == "not reported since"], "subject", "predicate", "object"))
    assert ("TSMC", "suppliesTo", "Apple") in gone
    # Reported in both windows: neither added nor unreported.
    assert ("United States", "sanctions", "Huawei") not in gone | set(_rows(added, "subject"))


def test_risers_and_fallers_in_centrality(G: nx.MultiDiGraph) -> None:
    found = change(G, *split("2024-01-01"), measure="degree", top=2)
    risers, fallers = found[found.change == "riser"], found[found.change == "faller"]
    assert risers.subject.iloc[0] == "China"  # two export-control fights in 2024
    assert fallers.subject.iloc[0] == "TSMC"  # its 2023 supply links are not reported again
    assert len(risers) == len(fallers) == 2
    assert (risers.delta > 0).all() and (fallers.delta < 0).all()
    assert (found.delta == found.after - found.before).all()


@pytest.mark.parametrize("measure", ["degree", "pagerank", "eigenvector", "betweenness"])
def test_risers_and_fallers_are_the_centrality_of_each_window(
    G: nx.MultiDiGraph, measure: str
) -> None:
    before, after = split("2024-01-01")
    found = change(G, before, after, measure=measure, top=None)
    moved = found[found.change.isin(["riser", "faller"])]
    earlier, later = scores(window(G, before), measure), scores(window(G, after), measure)
    for row in moved.itertuples():
        (node,) = [n for n in {*earlier, *later} if G.nodes[n]["label"] == row.subject]
        assert (row.before, row.after) == pytest.approx(
            (earlier.get(node, 0.0), later.get(node, 0.0))
        )
    unmoved = {n for n in {*earlier, *later} if earlier.get(n, 0.0) == later.get(n, 0.0)}
    assert len(moved) == len({*earlier, *later}) - len(unmoved)


def test_a_newcomer_rises_from_zero() -> None:
    G = nx.MultiDiGraph()
    for u, v, day in [("a", "b", "2023-01-01"), ("a", "c", "2024-01-01")]:
        G.add_edge(u, v, key="suppliesTo", **edge_attributes("suppliesTo", [{"date": day}]))
    found = change(G, *split("2023-06-01"), measure="pagerank")
    assert _rows(found[found.change == "riser"], "subject", "before") == [("c", 0.0)]
    assert _rows(found[found.change == "faller"], "subject", "after") == [("b", 0.0)]


@pytest.mark.parametrize(
    ("at", "since", "until", "message"),
    [("2024-01-01", "2024-02-01", None, "outside the window"), ("soon", None, None, "not a date")],
)
def test_split_checks_its_dates(
    at: str, since: str | None, until: str | None, message: str
) -> None:
    with pytest.raises(KgError, match=message):
        split(at, since, until)


@pytest.mark.parametrize("measure", ["degree", "pagerank", "eigenvector", "betweenness"])
def test_each_window_is_scored_as_the_graph_of_its_facts(G: nx.MultiDiGraph, measure: str) -> None:
    """change() scores a window from its list of facts, without making a graph of them: the
    figures are those of the graph that holds them, to floating-point noise (igraph's
    PageRank, threaded, varies in the last bits from run to run)."""
    before, after = split("2024-01-01")
    found = change(G, before, after, measure=measure, top=None, samples=4, seed=3)
    moved = found[found.change.isin(["riser", "faller"])]
    stated = {
        side: [
            (u, v, key)
            for u, v, key, evidence in G.edges(keys=True, data="evidence")
            if any(span.contains(iso_date(item.get("date"))) for item in evidence)
        ]
        for side, span in (("before", before), ("after", after))
    }
    for side, edges in stated.items():
        linked = {node for u, v, _ in edges for node in (u, v)}
        facts = nx.MultiDiGraph()  # the facts and the entities they link, in G's order
        facts.add_nodes_from(node for node in G if node in linked)
        facts.add_edges_from(edges)
        expected = scores(facts, measure, samples=4, seed=3)
        for row in moved.itertuples():
            (node,) = [n for n in G if G.nodes[n]["label"] == row.subject]
            assert getattr(row, side) == pytest.approx(expected.get(node, 0.0), rel=1e-12)
    assert len(moved) > 3
