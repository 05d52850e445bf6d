"""``kg build --engine dask`` on a real Dask cluster (a ``LocalCluster`` of two worker processes
started here): the same graph as a local build, skipping and replacing as a local build does,
shards written, pushed to a real SPARQL server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster
from fixtures.scale.corpus import stored_quads as quads
from fixtures.scale.corpus import write_corpus
from rdflib.compare import isomorphic
from test_push import OXIGRAPH, _remote_graph, remote  # noqa: F401  (remote: a fixture)

from kg.builder import build
from kg.builder import dask as dask_engine
from kg.store import GraphStore

pytestmark = pytest.mark.slow

ARTICLES = 9
PARTITION = 2


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "news.jsonl", ARTICLES)


@pytest.fixture(scope="module")
def local_store(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("local") / "store"
    build([corpus], store=store, timestamp=False, jobs=1)
    return store


def dask_build(corpus: Path, cluster: LocalCluster, **options):
    return build(
        [corpus],
        timestamp=False,
        engine="dask",
        scheduler=cluster.scheduler_address,
        partition=PARTITION,
        **options,
    )


def test_dask_build_gives_the_same_graph_as_a_local_build(
    corpus: Path, cluster: LocalCluster, local_store: Path, tmp_path: Path
) -> None:
    shards = tmp_path / "shards"

    _, summary = dask_build(corpus, cluster, store=tmp_path / "store", shards=shards)

    assert quads(tmp_path / "store") == quads(local_store)
    assert (summary.articles, summary.problems) == (ARTICLES, [])
    written = sorted(shards.glob("shard-*.nq"))
    assert summary.shards == len(written) == -(-ARTICLES // PARTITION)
    with Client(cluster) as client:  # each worker loaded the pipeline once, and both worked
        loaded = client.run(dask_engine.pipelines_loaded)
    assert sorted(loaded.values()) == [1, 1]


def test_dask_build_to_a_file_matches_the_local_one(
    corpus: Path, cluster: LocalCluster, local_store: Path, tmp_path: Path
) -> None:
    graph, _ = dask_build(corpus, cluster, output=tmp_path / "graph.nq")
    assert isomorphic(graph, GraphStore(local_store, read_only=True).graph)
    assert (tmp_path / "graph.nq").stat().st_size > 0


def test_dask_rebuild_skips_stored_articles_and_replaces_changed_ones(
    corpus: Path, cluster: LocalCluster, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    dask_build(corpus, cluster, store=store)
    _, again = dask_build(corpus, cluster, store=store)
    assert (again.articles, again.unchanged, again.shards) == (0, ARTICLES, 0)

    changed = tmp_path / "changed" / corpus.name
    changed.parent.mkdir()
    records = [json.loads(line) for line in corpus.read_text().splitlines()]
    records[0]["text"] += "\n\nToyota owns a 20% stake in Denso."
    changed.write_text("".join(json.dumps(r) + "\n" for r in records))
    _, summary = dask_build(changed, cluster, store=store)
    local = tmp_path / "local"  # the same history, built locally
    for inputs in (corpus, changed):
        build([inputs], store=local, timestamp=False, jobs=1)

    assert (summary.articles, summary.replaced, summary.unchanged) == (1, 1, ARTICLES - 1)
    assert quads(store) == quads(local)


@pytest.mark.skipif(OXIGRAPH is None, reason="needs the oxigraph server (a dev dependency)")
def test_dask_build_pushes_its_shards_to_a_sparql_endpoint(
    corpus: Path,
    cluster: LocalCluster,
    local_store: Path,
    remote: str,  # noqa: F811
) -> None:
    _, summary = dask_build(corpus, cluster, endpoint=f"{remote}/store")

    assert summary.entities is None and summary.pushed > 0  # nothing kept here
    assert isomorphic(_remote_graph(remote), GraphStore(local_store, read_only=True).graph)
