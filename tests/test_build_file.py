"""``kg build -o FILE`` without a store: the graph waits in a temporary Oxigraph store and the
file is written from there by Oxigraph. The file holds exactly the triples that the previous
path (an rdflib graph in memory, serialised by rdflib) wrote, and the graph returned is the
same graph, still an rdflib graph."""

from __future__ import annotations

import gc
import tempfile
from pathlib import Path

import pytest
from fixtures.scale.corpus import write_corpus
from rdflib import Graph

from kg.builder import build
from kg.model import Extraction
from kg.rdf.build import build_graph
from kg.store import load_graph, oxigraph_of, save_graph

pytestmark = pytest.mark.slow  # builds with the real spaCy pipeline

SUFFIXES = (".nq", ".ttl", ".nt", ".trig", ".jsonld")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Graph, list[Extraction], Path]:
    """The graph of 12 generated articles and the example article, and their extractions."""
    folder = tmp_path_factory.mktemp("build")
    corpus = write_corpus(folder / "news.jsonl", 12)
    seen: list[Extraction] = []
    graph, summary = build(
        [corpus, "examples/japan-us-chip-alliance.jsonl"],
        folder / "graph.nq",
        timestamp=False,
        on_article=seen.append,
    )
    assert summary.output == folder / "graph.nq"
    return graph, seen, folder


def _triples(graph: Graph) -> set:
    return set(graph.triples((None, None, None)))


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_file_holds_what_the_in_memory_path_wrote(built, suffix: str) -> None:
    graph, extractions, folder = built
    previous = save_graph(build_graph(extractions), folder / f"previous{suffix}")
    from kg.store import export_graph

    written = export_graph(graph, folder / f"graph{suffix}")
    assert _triples(load_graph(written)) == _triples(load_graph(previous))


def test_built_file_is_the_graph_returned(built) -> None:
    graph, extractions, folder = built
    assert oxigraph_of(graph) is not None  # an rdflib graph over an Oxigraph store
    expected = _triples(build_graph(extractions))
    assert len(expected) > 300
    assert _triples(graph) == expected
    assert _triples(load_graph(folder / "graph.nq")) == expected


def test_temporary_store_goes_with_its_graph(tmp_path: Path) -> None:
    def folders() -> set[Path]:
        return set(Path(tempfile.gettempdir()).glob("kg-build-*"))

    before = folders()
    graph, _ = build(
        ["examples/japan-us-chip-alliance.jsonl"], tmp_path / "graph.ttl", timestamp=False
    )
    (made,) = folders() - before
    assert len(graph) > 0 and made.is_dir()
    del graph
    gc.collect()
    assert not made.exists()
