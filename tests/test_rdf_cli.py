"""The RDF commands: query, stats, export, serve and build --store, on files and stores."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fixtures.rdf.supply import all_extractions
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.build import build_graph
from kg.rdf.namespace import INVERSES, KG
from kg.store import FORMATS, GraphStore, load_graph, save_graph


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The same graph as a file and as a store, as command-line arguments."""
    folder = tmp_path_factory.mktemp("sources")
    path = save_graph(build_graph(all_extractions()), folder / "graph.ttl")
    with GraphStore(folder / "store") as store:
        for extraction in all_extractions():
            store.add_extraction(extraction)
    return {"file": [str(path)], "store": ["--store", str(folder / "store")]}


def kg(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("source", ["file", "store"])
def test_query_runs_sparql_on_a_file_or_a_store(sources, source: str) -> None:
    out = kg("query", *sources[source], "SELECT ?n WHERE { ?x kg:sanctions/rdfs:label ?n }")
    assert out.splitlines()[2:] == ["Huawei"]


@pytest.mark.parametrize("source", ["file", "store"])
def test_query_runs_a_named_query_with_parameters(sources, source: str) -> None:
    out = kg("query", *sources[source], "--name", "suppliers-of", "--param", "company=Apple",
             "--format", "csv")  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["supplier"] for row in rows] == [
        "Micron Technology",
        "Taiwan Semiconductor Manufacturing",
    ]


def test_named_query_results_as_json(sources) -> None:
    out = kg("query", *sources["store"], "-n", "evidence-for", "-p", "subject=Japan",
             "-p", "relation=subsidises", "-p", "object=Micron", "--format", "json")  # fmt: skip
    (row,) = json.loads(out)
    assert row["evidence"] == "Japan will subsidise Micron Technology's"
    assert row["confidence"] == "0.85"


def test_query_lists_the_named_queries() -> None:
    out = kg("query", "--list")
    assert "suppliers-of --param company=<entity>" in out
    assert "facts-between-dates --param since=<date> --param until=<date>" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", "suppliers-of", "--param", "company"], "KEY=VALUE"),
        (["--name", "suppliers-of", "--param", "company=Nobody"], "no entity named 'Nobody'"),
        (["SELECT * WHERE { ?s ?p ?o }", "--name", "suppliers-of"], "one of"),
    ],
)
def test_query_mistakes_are_explained(sources, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["query", *sources["store"], *args])
    assert result.exit_code != 0
    assert message in result.output + str(result.exception)


def test_a_query_without_a_graph_says_a_graph_is_needed() -> None:
    result = CliRunner().invoke(app, ["query", "SELECT ?s WHERE { ?s ?p ?o }"])
    assert result.exit_code == 2
    assert "no graph to query: give a graph file before the query, or --store DIR" in " ".join(
        result.output.replace("│", "").split()
    )


@pytest.mark.parametrize(
    ("fmt", "stdout", "stderr"),
    [("table", "", "no rows\n"), ("csv", "n\n", ""), ("json", "[]\n", "")],
)
def test_no_rows_are_said_in_words_or_given_as_an_empty_result(
    sources, fmt: str, stdout: str, stderr: str
) -> None:
    query = "SELECT ?n WHERE { ?x kg:sanctions ent:japan ; rdfs:label ?n }"
    result = CliRunner().invoke(app, ["query", *sources["file"], query, "--format", fmt])
    assert result.exit_code == 0
    assert (result.stdout, result.stderr) == (stdout, stderr)


def test_an_empty_construct_says_no_triples(sources) -> None:
    query = "CONSTRUCT WHERE { ?x kg:sanctions ent:japan }"
    result = CliRunner().invoke(app, ["query", *sources["file"], query])
    assert result.exit_code == 0 and result.stderr == "no triples\n"
    assert len(Graph().parse(data=result.stdout, format="turtle")) == 0


def test_construct_query_prints_turtle(sources) -> None:
    out = kg("query", *sources["store"], "CONSTRUCT WHERE { ?x kg:sanctions ?y }")
    assert len(Graph().parse(data=out, format="turtle")) == 1


def test_stats_are_the_same_for_file_and_store(sources) -> None:
    from_file = json.loads(kg("stats", *sources["file"], "--format", "json"))
    from_store = json.loads(kg("stats", *sources["store"], "--format", "json"))
    assert from_file == from_store
    counts = {row["what"]: row["count"] for row in from_file}
    graph = build_graph(all_extractions())
    assert counts["triples"] == len(graph)
    assert counts["statements"] == len(set(graph.subjects(RDF.type, RDF.Statement)))
    assert counts["articles"] == 3 and counts["predicate kg:suppliesTo"] == 3


@pytest.mark.parametrize("source", ["file", "store"])
@pytest.mark.parametrize("suffix", list(FORMATS))
def test_export_round_trips_every_format(sources, tmp_path: Path, source: str, suffix: str) -> None:
    output = tmp_path / f"out{suffix}"
    kg("export", *sources[source], "-o", str(output))
    assert isomorphic(load_graph(output), build_graph(all_extractions()))


def test_export_to_standard_output_in_a_named_format(sources) -> None:
    out = kg("export", *sources["store"], "--format", "nt")
    assert isomorphic(Graph().parse(data=out, format="nt"), build_graph(all_extractions()))


def test_export_refuses_a_format_its_file_name_contradicts(sources, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["export", *sources["file"], "-o", str(tmp_path / "g.ttl"), "--format", "nt"]
    )
    assert result.exit_code != 0 and not (tmp_path / "g.ttl").exists()


@pytest.mark.slow
def test_serve_command_answers_over_http_until_stopped(sources) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "kg", "serve", *sources["store"], "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/sparql?" + urlencode({"query": "ASK { ?x kg:sanctions ?y }"})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    assert json.loads(response.read())["boolean"] is True
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "did not start"
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=30)


# -- build --store with the real pipeline --------------------------------------------------------

NEWS = """\
Japan will subsidise Micron Technology's new memory plant in Hiroshima.
Rapidus is working with IBM to develop 2-nanometre chips.
The Netherlands plans to restrict exports of lithography machines to China.
"""


@pytest.mark.slow
def test_build_into_a_store_is_incremental_and_idempotent(tmp_path: Path) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(NEWS, encoding="utf-8")
    second.write_text("TSMC supplies Apple with processors.\n", encoding="utf-8")
    store = str(tmp_path / "store")
    kg("build", str(first), "--store", store, "--no-progress")
    kg("build", str(second), "--store", store, "-o", str(tmp_path / "both.nq"), "--no-progress")
    again = CliRunner().invoke(
        app, ["build", str(first), str(second), "--store", store, "-o", str(tmp_path / "again.nq")]
    )
    assert again.exit_code == 0 and "2 unchanged" in again.output
    both, repeated = load_graph(tmp_path / "both.nq"), load_graph(tmp_path / "again.nq")
    assert isomorphic(both, repeated)
    alone = tmp_path / "alone.nq"
    kg("build", str(first), str(second), "-o", str(alone), "--no-timestamp", "--no-progress")
    without_times = Graph()
    without_times += ((s, p, o) for s, p, o in both if p != PROV.generatedAtTime)
    assert isomorphic(without_times, load_graph(alone))


@pytest.mark.slow
def test_file_build_is_timestamped_unless_asked_to_be_reproducible(tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    outputs = [tmp_path / "a.ttl", tmp_path / "b.ttl"]
    for output in outputs:
        kg("build", str(tmp_path / "news.txt"), "-o", str(output), "--no-timestamp")
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    stamped = tmp_path / "stamped.ttl"
    kg("build", str(tmp_path / "news.txt"), "-o", str(stamped))
    graph = load_graph(stamped)
    statements = set(graph.subjects(RDF.type, RDF.Statement))
    assert statements and statements == set(graph.subjects(PROV.generatedAtTime, None))


@pytest.mark.slow
def test_build_with_infer_adds_inverse_triples(tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    output = tmp_path / "graph.ttl"
    result = CliRunner().invoke(
        app, ["build", str(tmp_path / "news.txt"), "-o", str(output), "--infer", "--no-progress"]
    )
    assert result.exit_code == 0 and "inferred:" in result.output
    graph = load_graph(output)
    stated = [(s, name, o) for name in INVERSES for s, o in graph.subject_objects(KG[name])]
    assert stated, "the text states export controls, at least"
    assert all((o, KG[INVERSES[name]], s) in graph for s, name, o in stated)
    assert all((s, KG.relatedTo, o) in graph for s, _, o in stated)
