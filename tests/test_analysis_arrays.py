"""The arrays the centrality measures read (``kg.analysis.arrays``) are the networkx graph's —
made from a store's summary without the graph, cut to layers, or from a graph read without
summary — and ``kg analyze centrality`` on a store gives what the graph's frame gives."""

from __future__ import annotations

import json
import random
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from fixtures.analysis.projection import fixture_graphs
from typer.testing import CliRunner

from kg.analysis.arrays import GraphArrays, entity_arrays
from kg.analysis.centrality import centrality_frame, centrality_rows
from kg.analysis.projection import entity_graph
from kg.analysis.summary import Summary, read_summary
from kg.analysis.views import LAYERS, cut_to, parse_layers, window
from kg.analysis.views import Window as Span
from kg.cli import app
from kg.rdf.namespace import RELATIONS
from kg.store import GraphStore, add_triples
from kg.store.disk import store_state

pytestmark = pytest.mark.fast

GRAPHS = fixture_graphs()


def _fields(arrays: GraphArrays) -> tuple[object, ...]:
    return (
        arrays.nodes,
        arrays.labels,
        arrays.types,
        arrays.subjects.tolist(),
        arrays.objects.tolist(),
        arrays.keys,
    )


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each fixture graph in an on-disk store, with its summary made."""
    folders = {}
    for name, graph in GRAPHS.items():
        folder = tmp_path_factory.mktemp(name) / "store"
        with GraphStore(folder) as store:
            add_triples(store.graph, graph)
        with GraphStore(folder, read_only=True) as store:
            entity_graph(store.graph, evidence=False)  # writes the summary
        folders[name] = folder
    return folders


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_arrays_of_a_summary_are_those_of_the_graph_it_gives(
    name: str, stores: dict[str, Path]
) -> None:
    folder = stores[name]
    summary, why = read_summary(folder, store_state(folder))
    assert summary is not None, why
    with GraphStore(folder, read_only=True) as store:
        G = entity_graph(store.graph, evidence=False)
        from_store = entity_arrays(store.graph)
    assert G.number_of_edges() > 0
    assert _fields(GraphArrays.of_summary(summary)) == _fields(GraphArrays.of_graph(G))
    assert _fields(from_store) == _fields(GraphArrays.of_graph(G))


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_arrays_of_a_graph_without_summary_are_those_of_its_projection(name: str) -> None:
    expected = GraphArrays.of_graph(entity_graph(GRAPHS[name], evidence=False))
    assert _fields(entity_arrays(GRAPHS[name])) == _fields(expected)


@pytest.mark.parametrize("seed", range(5))
def test_relations_in_any_order_and_repeated_come_in_networkx_s_order(seed: int) -> None:
    """Relations given in a shuffled order, some twice and some of an entity to itself: the
    arrays list them as the networkx graph they are added to does."""
    rng = random.Random(seed)
    nodes = [(f"n{i}", {"label": f"N{i}" if i % 3 else None, "type": "Company"}) for i in range(30)]
    edges = [
        (f"n{rng.randrange(30)}", f"n{rng.randrange(30)}", rng.choice(RELATIONS[:4]))
        for _ in range(150)
    ]
    edges += rng.sample(edges, 20)  # the same relation again, later
    rng.shuffle(edges)
    attributes = {"evidence": [], "count": 0, "articles": ()}
    summary = Summary.of(
        nodes, [(u, v, key, {"predicate": key, **attributes}) for u, v, key in edges]
    )
    G = nx.MultiDiGraph()
    G.add_nodes_from(nodes)
    G.add_edges_from(edges)
    assert G.number_of_edges() < len(edges)  # some came twice
    assert _fields(GraphArrays.of_summary(summary)) == _fields(GraphArrays.of_graph(G))


def test_arrays_of_a_summary_without_relations() -> None:
    summary = Summary.of([("a", {"label": "A"}), ("b", {"type": "Country"})], [])
    arrays = GraphArrays.of_summary(summary)
    assert _fields(arrays) == (["a", "b"], ["A", "b"], ["Entity", "Country"], [], [], [])
    assert [row.degree for row in centrality_rows(arrays)] == [0.0, 0.0]  # linked to none
    assert summary.graph_parts()[1] == []


def test_arrays_of_an_empty_summary_rank_nothing() -> None:
    arrays = GraphArrays.of_summary(Summary.of([], []))
    assert _fields(arrays) == ([], [], [], [], [], [])
    assert centrality_rows(arrays) == []
    assert _fields(arrays.cut_to("supply")) == _fields(arrays)


@pytest.mark.parametrize("name", sorted(GRAPHS))
@pytest.mark.parametrize(
    "relations", [*sorted(LAYERS), ("supply", "people"), ("suppliesTo", "sanctions"), ("memberOf",)]
)
def test_arrays_cut_to_layers_are_those_of_the_graph_cut(
    name: str, relations: str | tuple[str, ...]
) -> None:
    G = entity_graph(GRAPHS[name], evidence=False)
    cut = GraphArrays.of_graph(G).cut_to(relations)
    assert _fields(cut) == _fields(GraphArrays.of_graph(cut_to(G.copy(), relations)))


@pytest.mark.parametrize("name", sorted(GRAPHS))
@pytest.mark.parametrize("by", ["pagerank", "betweenness", "degree", "eigenvector"])
def test_rows_of_the_arrays_are_the_frame_of_the_graph(name: str, by: str) -> None:
    G = entity_graph(GRAPHS[name], evidence=False)
    rows = centrality_rows(GraphArrays.of_graph(G), 10, by=by, samples=5, seed=3)
    frame = centrality_frame(G, 10, by=by, samples=5, seed=3)
    assert [row.values() for row in rows] == [tuple(values) for values in frame.values.tolist()]


runner = CliRunner()


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--by", "betweenness", "--samples", "3", "--top", "50"],
        ["--layers", "supply"],
        ["--layers", "cooperative,conflictual", "--by", "degree"],
        ["--since", "2023-05-26", "--layers", "supply"],  # the window: through networkx
    ],
)
def test_centrality_of_a_store_is_the_frame_of_its_graph(
    args: list[str], stores: dict[str, Path]
) -> None:
    folder = stores["chips"]
    result = runner.invoke(
        app,
        ["analyze", "centrality", "--store", str(folder), *args, "--format", "json", "--iris"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    options = dict(zip(args[::2], args[1::2], strict=True))
    G = entity_graph(GRAPHS["chips"], evidence=False)
    G = window(G, Span.parse(options.get("--since"), None))
    G = cut_to(G, parse_layers(options.get("--layers", "all")))
    samples = int(options["--samples"]) if "--samples" in options else None
    by, top = options.get("--by", "pagerank"), int(options.get("--top", "20"))
    frame = centrality_frame(G, top, by=by, samples=samples)
    columns = ["label", "type", "degree", "betweenness", "pagerank", "eigenvector", "node"]
    assert shown == [dict(zip(columns, row, strict=True)) for row in frame[columns].values.tolist()]
    assert len(shown) > 1
    assert np.all(np.diff([row[by] for row in shown]) <= 1e-12)  # ranked, ties by label
