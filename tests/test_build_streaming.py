"""``kg build --store`` streams into the store: an interrupted build resumes where it stopped,
and a second run over the same inputs adds nothing."""

from __future__ import annotations

from collections.abc import Callable
from itertools import count
from pathlib import Path

import pyoxigraph as ox
import pytest
from fixtures.scale.corpus import stored_quads as quads
from fixtures.scale.corpus import write_corpus
from rdflib.namespace import RDF, RDFS

from kg.analysis.projection import entity_graph
from kg.analysis.summary import read_summary
from kg.builder import build
from kg.rdf.namespace import KG
from kg.store import GraphStore, graph_over
from kg.store.disk import store_state
from kg.store.oxigraph import to_ox

pytestmark = pytest.mark.slow

ARTICLES = 10


class Interrupted(Exception):
    """Stands for Ctrl-C or a killed process in the middle of a build."""


def stop_at(article: int) -> Callable[[object], None]:
    """An ``on_article`` that interrupts the build when the ``article``-th (0-based) is done."""
    seen = count()

    def on_article(_extraction: object) -> None:
        if next(seen) == article:
            raise Interrupted

    return on_article


def stored_articles(store: Path) -> int:
    with GraphStore(store, read_only=True) as opened:
        return len(list(opened.ox.quads_for_pattern(None, to_ox(RDF.type), to_ox(KG.Article))))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "news.jsonl", ARTICLES)


@pytest.fixture(scope="module")
def whole(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built in one uninterrupted run."""
    store = tmp_path_factory.mktemp("whole") / "store"
    build([corpus], store=store, timestamp=False, jobs=1)
    return store


@pytest.mark.parametrize("jobs", [1, 2])
def test_interrupted_build_resumes_where_it_stopped(
    corpus: Path, whole: Path, tmp_path: Path, jobs: int
) -> None:
    store = tmp_path / "store"
    with pytest.raises(Interrupted):
        build([corpus], store=store, timestamp=False, jobs=jobs, on_article=stop_at(4))
    assert stored_articles(store) == 4  # whole articles only, each in its own transaction

    _, summary = build([corpus], store=store, timestamp=False, jobs=jobs)

    assert (summary.unchanged, summary.articles) == (4, ARTICLES - 4)
    assert quads(store) == quads(whole)


def test_second_run_over_the_same_inputs_adds_nothing(corpus: Path, whole: Path) -> None:
    before = quads(whole)

    _, summary = build([corpus], store=whole, timestamp=False, jobs=1)

    assert (summary.articles, summary.facts, summary.unchanged) == (0, 0, ARTICLES)
    assert quads(whole) == before
    labelled = {q.subject for q in before if q.predicate == to_ox(RDFS.label)}
    assert summary.entities == len(labelled) > 0  # counted in the store, not kept in memory


def test_a_built_store_holds_the_summary_kg_analyze_reads(whole: Path) -> None:
    with GraphStore(whole, read_only=True) as opened:
        assert read_summary(whole, store_state(whole))[0] is not None
        from_summary = entity_graph(opened.graph, evidence=False)
        memory = ox.Store()
        memory.extend(opened.ox)
    from_store = entity_graph(graph_over(memory), evidence=False)
    assert from_summary.number_of_edges() > 0
    assert list(from_summary.nodes(data=True)) == list(from_store.nodes(data=True))
    assert list(from_summary.edges(keys=True, data=True)) == list(
        from_store.edges(keys=True, data=True)
    )
