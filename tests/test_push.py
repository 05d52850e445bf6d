"""``kg push`` into a real ``oxigraph serve`` (the ``oxigraph`` package), started here."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fixtures.rdf.chips import chip_extractions
from fixtures.rdf.supply import all_extractions
from rdflib import Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.build import build_graph
from kg.store import GraphStore
from kg.store.remote import PushError, push

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
    "oxigraph"
)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        OXIGRAPH is None,
        reason="needs the oxigraph server (pip install oxigraph, a dev dependency)",
    ),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def remote(tmp_path: Path) -> Iterator[str]:
    """A fresh ``oxigraph serve`` on 127.0.0.1; its base URL. Stopped after the test."""
    port = _free_port()
    process = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(tmp_path / "remote"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("oxigraph serve did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _remote_graph(base: str, graph_iri: str | None = None) -> Graph:
    pattern = f"GRAPH <{graph_iri}> {{ ?s ?p ?o }}" if graph_iri else "?s ?p ?o"
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {pattern} }}"
    request = urllib.request.Request(
        f"{base}/query?{urlencode({'query': query})}", headers={"Accept": "application/n-triples"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return Graph().parse(data=response.read(), format="nt")


def test_graph_store_push_fills_the_default_graph(remote: str) -> None:
    graph = build_graph(all_extractions())
    summary = push(graph, f"{remote}/store")
    assert (summary.protocol, summary.triples) == ("gsp", len(graph))
    assert isomorphic(_remote_graph(remote), graph)


def test_update_endpoint_is_used_when_graph_store_is_not_spoken(remote: str) -> None:
    graph, name = build_graph(chip_extractions()), "https://example.org/graphs/chips"
    summary = push(graph, f"{remote}/update", graph_iri=name)
    assert summary.protocol == "update"
    assert isomorphic(_remote_graph(remote, name), graph)
    assert len(_remote_graph(remote)) == 0  # nothing went to the default graph


@pytest.mark.parametrize("endpoint", ["store", "update"])
def test_pushing_twice_leaves_the_remote_graph_as_after_once(remote: str, endpoint: str) -> None:
    graph = build_graph(chip_extractions())
    push(graph, f"{remote}/{endpoint}")
    push(graph, f"{remote}/{endpoint}")
    assert isomorphic(_remote_graph(remote), graph)


def test_large_graph_goes_in_batches(remote: str) -> None:
    graph = build_graph(all_extractions())
    summary = push(graph, f"{remote}/store", batch=50)
    assert summary.requests == -(-len(graph) // 50)
    assert isomorphic(_remote_graph(remote), graph)


def test_push_command_sends_a_store(remote: str, tmp_path: Path) -> None:
    with GraphStore(tmp_path / "store") as store:
        for extraction in all_extractions():
            store.add_extraction(extraction)
    result = CliRunner().invoke(
        app, ["push", "--store", str(tmp_path / "store"), "--endpoint", f"{remote}/store"]
    )
    assert result.exit_code == 0, result.output
    assert "pushed" in result.output and "gsp" in result.output
    assert isomorphic(_remote_graph(remote), build_graph(all_extractions()))


@pytest.mark.parametrize(
    ("path", "protocol", "message"),
    [
        ("query", "auto", r"/query: SPARQL Update refused \(4\d\d\)"),
        ("update", "gsp", r"/update: Graph Store Protocol POST refused \(4\d\d\)"),
    ],
)
def test_refusal_names_the_endpoint_and_its_answer(
    remote: str, path: str, protocol: str, message: str
) -> None:
    with pytest.raises(PushError, match=message):
        push(build_graph(chip_extractions()), f"{remote}/{path}", protocol=protocol)  # type: ignore[arg-type]


def test_unreachable_endpoint_is_named() -> None:
    url = f"http://127.0.0.1:{_free_port()}/store"
    with pytest.raises(PushError, match="cannot reach"):
        push(build_graph(chip_extractions()), url)
