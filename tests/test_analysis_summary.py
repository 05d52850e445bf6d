"""The entity graph without evidence, read from a store's summary (``kg-projection.npz``), is the
one read from the store itself — on every fixture graph, rdflib and Oxigraph, and after a store
gains or replaces articles — and a summary that no longer describes the store is never used."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import networkx as nx
import numpy as np
import pyoxigraph as ox
import pytest
from fixtures.analysis.projection import fixture_graphs
from fixtures.analysis.supply_chain import extractions as supply_chain_extractions
from fixtures.rdf.chips import chip_extractions
from rdflib import Graph

from kg.analysis.projection import entity_graph, summarise
from kg.analysis.summary import FILE_NAME, Summary, read_summary, write_summary
from kg.model import Article, Extraction
from kg.store import GraphStore, add_triples, graph_over
from kg.store.disk import store_state

GRAPHS = fixture_graphs()


def _same(G: nx.MultiDiGraph, H: nx.MultiDiGraph) -> None:
    """``G`` and ``H`` hold the same nodes and edges with the same attributes, in the same order
    (nodes, each node's successors and predecessors, each pair's keys)."""
    assert list(G.nodes(data=True)) == list(H.nodes(data=True))
    assert list(G.edges(keys=True, data=True)) == list(H.edges(keys=True, data=True))
    assert [list(G.pred[node]) for node in G] == [list(H.pred[node]) for node in H]


def _copy_in_memory(folder: Path) -> Graph:
    """A graph over an in-memory copy of the store in ``folder`` (read with no summary)."""
    memory = ox.Store()
    with GraphStore(folder, read_only=True) as store:
        memory.extend(store.ox)
    return graph_over(memory)


def _stored(folder: Path, graph: Graph) -> Path:
    with GraphStore(folder) as store:
        add_triples(store.graph, graph)
    return folder


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_summary_gives_the_projection_read_from_rdflib_and_from_oxigraph(
    name: str, tmp_path: Path
) -> None:
    folder = _stored(tmp_path / "store", GRAPHS[name])
    from_rdflib = entity_graph(GRAPHS[name], evidence=False)
    from_oxigraph = entity_graph(_copy_in_memory(folder), evidence=False)
    with GraphStore(folder, read_only=True) as store:
        assert read_summary(folder, store_state(folder))[0] is None  # none made yet
        first = entity_graph(store.graph, evidence=False)  # reads the store, writes the summary
    with GraphStore(folder, read_only=True) as store:
        summary, why = read_summary(folder, store_state(folder))
        assert summary is not None, why
        second = entity_graph(store.graph, evidence=False)
    for projection in (from_oxigraph, first, second):
        _same(from_rdflib, projection)


def test_summary_is_made_again_after_articles_are_added_and_replaced(tmp_path: Path) -> None:
    chips, supply = chip_extractions(), supply_chain_extractions()
    folder = tmp_path / "store"
    with GraphStore(folder) as store:
        for extraction in chips[:1]:
            store.add_extraction(extraction)
    with GraphStore(folder, read_only=True) as store:
        before = entity_graph(store.graph, evidence=False)
    state = store_state(folder)
    assert read_summary(folder, state)[0] is not None
    changed = dataclasses.replace(chips[0].article, date="2022-01-31")  # same facts, new date
    with GraphStore(folder) as store:
        for extraction in [*chips[1:], *supply, dataclasses.replace(chips[0], article=changed)]:
            store.add_extraction(extraction)
    assert store_state(folder) != state
    assert read_summary(folder, state) == (None, "the store changed since it was opened")
    with GraphStore(folder, read_only=True) as store:
        assert read_summary(folder, store_state(folder)) == (
            None,
            "the store changed since its summary was made",
        )
        after = entity_graph(store.graph, evidence=False)
    assert after.number_of_edges() > before.number_of_edges()
    first_seen = [data["first_seen"] for *_, data in after.edges(data=True)]
    assert "2022-01-31" in first_seen
    _same(entity_graph(_copy_in_memory(folder), evidence=False), after)
    with GraphStore(folder, read_only=True) as store:
        _same(after, entity_graph(store.graph, evidence=False))  # from the new summary


def test_a_summary_of_the_store_as_it_is_is_what_is_read(tmp_path: Path) -> None:
    """The fast path is taken: a summary planted with the store's state is what comes back."""
    folder = _stored(tmp_path / "store", GRAPHS["chips"])
    planted = Summary.of([("https://x.test/only", {"label": "Only", "type": "Company"})], [])
    write_summary(folder, store_state(folder), planted)
    with GraphStore(folder, read_only=True) as store:
        G = entity_graph(store.graph, evidence=False)
        full = entity_graph(store.graph)  # with evidence: always the store
    assert list(G.nodes) == ["https://x.test/only"]
    assert full.number_of_nodes() > 1


@pytest.mark.parametrize(
    ("spoil", "why"),
    [
        (lambda path: path.write_bytes(b"not a zip"), "unreadable summary"),
        (lambda path: path.write_bytes(path.read_bytes()[:200]), "unreadable summary"),
        (lambda path: _rewrite(path, header={"format": 0}), "summary of another layout"),
        (
            lambda path: _rewrite(path, edges=np.array([[0, 99, 0, 0, 0, 0, 0]], np.int32)),
            "unreadable",
        ),
        (lambda path: _rewrite(path, evidence_ends=np.array([5], np.int64)), "unreadable"),
        (lambda path: _rewrite(path, evidence=np.array([[99, 0]], np.int32)), "unreadable"),
        (lambda path: _rewrite(path, edges=np.load(path)["edges"][:, :6]), "wrong shape"),
    ],
)
def test_a_spoilt_summary_is_not_read(spoil, why: str, tmp_path: Path) -> None:
    folder = _stored(tmp_path / "store", GRAPHS["chips"])
    expected = entity_graph(GRAPHS["chips"], evidence=False)
    with GraphStore(folder, read_only=True) as store:
        entity_graph(store.graph, evidence=False)
    spoil(folder / FILE_NAME)
    summary, reason = read_summary(folder, store_state(folder))
    assert summary is None
    assert why in reason
    with GraphStore(folder, read_only=True) as store:
        _same(expected, entity_graph(store.graph, evidence=False))
    assert read_summary(folder, store_state(folder))[0] is not None  # written again


def _rewrite(path: Path, **columns: object) -> None:
    """Replace columns of the summary file at ``path`` (``header``: fields of its header)."""
    import json

    with np.load(path) as saved:
        arrays = dict(saved)
    if "header" in columns:
        header = json.loads(arrays["header"].tobytes()) | dict(columns.pop("header"))  # type: ignore[call-overload]
        arrays["header"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    arrays.update(columns)
    with open(path, "wb") as out:
        np.savez(out, **arrays)


def test_a_store_open_for_writing_is_read_without_summary(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    with GraphStore(folder) as store:
        add_triples(store.graph, GRAPHS["chips"])
        _same(
            entity_graph(GRAPHS["chips"], evidence=False), entity_graph(store.graph, evidence=False)
        )
    assert not (folder / FILE_NAME).exists()


def test_a_folder_that_cannot_be_written_is_still_read(tmp_path: Path) -> None:
    folder = _stored(tmp_path / "store", GRAPHS["chips"])
    (folder / FILE_NAME).mkdir()  # the summary's name is taken: it cannot be written
    with GraphStore(folder, read_only=True) as store:
        G = entity_graph(store.graph, evidence=False)
    _same(entity_graph(GRAPHS["chips"], evidence=False), G)


@pytest.mark.parametrize("value", ["7", 7, 0.85, 1.5e-7, True, False, "naïve\n\u2028", ""])
def test_values_of_every_kind_come_back_as_they_went(value: object, tmp_path: Path) -> None:
    evidence = [{"doc": value, "date": None}, {"doc": "d", "date": 1}]
    attributes = {"predicate": "suppliesTo", "evidence": evidence, "count": 2, "articles": ("d",)}
    summary = Summary.of([("a", {"label": "A"}), ("b", {})], [("a", "b", "suppliesTo", attributes)])
    state = store_state(tmp_path)  # an empty folder's; the summary's own file is not counted
    write_summary(tmp_path, state, summary)
    read, why = read_summary(tmp_path, state)
    assert read is not None, why
    _, ((*_, found),) = read.graph_parts()
    docs = [(item["doc"], item["date"]) for item in found["evidence"]]
    assert docs == [(value, None), ("d", 1)]
    assert [type(doc) for doc, _ in docs] == [type(value), str]
    assert found["count"] == 2 and found["articles"] == ("d",)


@pytest.mark.parametrize(
    "attributes",
    [
        {"evidence": [{"doc": "d", "text": "A supplies B."}], "count": 1},
        {"evidence": [{"doc": "d"}], "count": 2},
    ],
)
def test_only_a_projection_without_evidence_sentences_is_summarised(attributes: dict) -> None:
    with pytest.raises(ValueError):
        Summary.of([("a", {}), ("b", {})], [("a", "b", "suppliesTo", attributes)])


def test_an_article_without_facts_changes_the_state(tmp_path: Path) -> None:
    folder = _stored(tmp_path / "store", GRAPHS["chips"])
    state = store_state(folder)
    with GraphStore(folder) as store:
        store.add_extraction(Extraction(Article("new", "No facts here.")))
    assert store_state(folder) != state


def test_summarise_writes_a_summary_once_and_only_for_a_store_opened_read_only(
    tmp_path: Path,
) -> None:
    folder = _stored(tmp_path / "store", GRAPHS["chips"])
    assert summarise(GRAPHS["chips"]) is None
    with GraphStore(folder) as store:
        assert summarise(store.graph) is None  # open for writing: it may change under us
    with GraphStore(folder, read_only=True) as store:
        path = summarise(store.graph)
    assert path == folder / FILE_NAME
    written = path.stat().st_mtime_ns
    with GraphStore(folder, read_only=True) as store:
        assert summarise(store.graph) == path
    assert path.stat().st_mtime_ns == written  # made from the store as it is: kept
