"""``kg analyze ...`` and ``kg viz`` on a graph file, in process (no spaCy: fast)."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest
from fixtures.analysis.supply_chain import extractions
from typer.testing import CliRunner

from kg.analysis.centrality import AUTO_SAMPLES, EXACT_BETWEENNESS_LIMIT, MEASURES
from kg.analysis.views import DEFAULT_LAYERS, LAYERS
from kg.cli import app
from kg.cli.graph import DEFAULT_LAYERS_TEXT, LAYERS_HELP, SAMPLES_HELP, Measure
from kg.errors import KgError
from kg.rdf.build import build_graph
from kg.store import save_graph

runner = CliRunner()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("graph") / "chips.ttl"
    save_graph(build_graph(extractions()), path)
    return str(path)


def kg(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def kg_json(*args: str) -> list[dict]:
    return json.loads(kg(*args, "--format", "json"))


def test_command_help_names_the_analysis_layers_and_measures() -> None:
    assert all(name in LAYERS_HELP for name in LAYERS)
    assert tuple(DEFAULT_LAYERS_TEXT.split(",")) == DEFAULT_LAYERS
    assert tuple(measure.value for measure in Measure) == MEASURES


def test_kg_viz_and_to_html_share_the_default_limit() -> None:
    from kg.cli.graph import viz
    from kg.viz import DEFAULT_MAX_NODES

    assert inspect.signature(viz).parameters["max_nodes"].default == DEFAULT_MAX_NODES


def test_help_states_the_betweenness_defaults() -> None:
    expected = f"exact up to {EXACT_BETWEENNESS_LIMIT:,} entities, else {AUTO_SAMPLES} samples"
    assert expected in SAMPLES_HELP


@pytest.mark.parametrize("command", [[], ["centrality"]])
def test_analyze_alone_ranks_by_centrality(graph_file: str, command: list[str]) -> None:
    rows = kg_json("analyze", *command, graph_file, "--top", "5")
    assert len(rows) == 5
    assert {"label", "degree", "betweenness", "pagerank", "eigenvector"} <= set(rows[0])
    assert [r["pagerank"] for r in rows] == sorted((r["pagerank"] for r in rows), reverse=True)


def test_options_may_come_before_the_graph(graph_file: str) -> None:
    assert kg("analyze", "--top", "2", graph_file) == kg("analyze", graph_file, "--top", "2")


@pytest.mark.parametrize(
    ("args", "first"),
    [
        (["--layer", "supply", "--by", "betweenness"], "TSMC"),
        (["--layer", "geopolitical", "--by", "pagerank"], "Huawei"),
        (["--since", "2024-01-01", "--by", "degree"], "China"),
    ],
)
def test_centrality_on_a_layer_and_window(graph_file: str, args: list[str], first: str) -> None:
    assert kg_json("analyze", "centrality", graph_file, *args)[0]["label"] == first


def test_chokepoints_default_to_ties_conflicts_and_supply(graph_file: str) -> None:
    rows = kg_json("analyze", "chokepoints", graph_file, "--top", "1")
    assert [(r["kind"], r["label"]) for r in rows] == [
        ("articulation point", "United States"),
        ("bridge", "United States \u2014 Huawei"),
        ("supplier", "TSMC"),
    ]
    assert rows[1]["betweenness"] is None  # missing, not NaN
    supply = kg_json("analyze", "chokepoints", graph_file, "--top", "1", "--layers", "supply")
    assert [(r["kind"], r["label"]) for r in supply] == [
        ("articulation point", "TSMC"),
        ("supplier", "TSMC"),
    ]


def test_a_table_names_the_layers_it_used(graph_file: str) -> None:
    result = runner.invoke(app, ["analyze", "communities", graph_file])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        "layers: cooperative, conflictual, supply (left out: people, structural; see --layers)"
    )
    asked = runner.invoke(app, ["analyze", "communities", graph_file, "--layers", "all"])
    assert asked.stderr.splitlines()[0] == "layers: all"


def test_unknown_layer_is_a_kg_error_with_a_suggestion(graph_file: str) -> None:
    with pytest.raises(KgError, match="did you mean 'structural'"):
        runner.invoke(
            app,
            ["analyze", "communities", graph_file, "--layers", "supply,structurl"],
            catch_exceptions=False,
        )


def test_communities_as_csv(graph_file: str) -> None:
    lines = kg("analyze", "communities", graph_file, "--format", "csv").splitlines()
    assert lines[0] == "label,community,size,type,links,opposes"  # no IRIs unless --iris
    assert len(lines) == 1 + 16  # not Gina Raimondo (people), nor Taiwan and South Korea
    everything = kg("analyze", "communities", graph_file, "--format", "csv", "--layers", "all")
    assert len(everything.splitlines()) == 1 + 19


def test_paths_between_two_entities(graph_file: str) -> None:
    rows = kg_json("analyze", "paths", graph_file, "--from", "Micron", "--to", "China")
    assert (rows[0]["subject"], rows[0]["predicate"], rows[0]["object"]) == (
        "Micron Technology",
        "producesProduct",
        "memory chips",
    )


@pytest.mark.parametrize(
    ("command", "stderr"),
    [
        (
            ["paths", "--from", "Micron", "--to", "China", "--max-hops", "1"],
            "no path from Micron to China within 1 hop (--max-hops)",
        ),
        (["exposure", "-e", "TSMC", "--depth", "0"], "no export control, sanction or ban "
         "reaches TSMC within 0 links"),
        (["centrality", "--layer", "people", "--until", "2000-01-01"],
         "no entities in the people layer, until 2000-01-01"),
    ],
)  # fmt: skip
def test_an_empty_answer_is_said_in_words_or_given_as_an_empty_result(
    graph_file: str, command: list[str], stderr: str
) -> None:
    args = ["analyze", command[0], graph_file, *command[1:]]
    table = runner.invoke(app, args)
    assert table.exit_code == 0 and table.stdout == ""
    assert table.stderr.splitlines()[0].startswith("layers: ")  # what it looked at
    assert table.stderr.splitlines()[1:] == [stderr]
    as_json = runner.invoke(app, [*args, "--format", "json"])
    assert as_json.exit_code == 0 and (as_json.stdout, as_json.stderr) == ("[]\n", "")


def test_exposure_of_an_entity(graph_file: str) -> None:
    rows = kg_json("analyze", "exposure", graph_file, "-e", "Micron", "--top", "2")
    assert [r["measure"] for r in rows] == [
        "United States sanctions Huawei",
        "China restrictsExportsTo United States",
    ]


def test_change_at_a_date(graph_file: str) -> None:
    rows = kg_json("analyze", "change", graph_file, "--at", "2024-01-01", "--top", "1")
    kinds = [r["change"] for r in rows]
    assert kinds.count("riser") == kinds.count("faller") == 1
    assert kinds.count("added") == 3


@pytest.mark.parametrize(
    ("command", "options", "message"),
    [
        ("analyze paths", ["--from", "Intel", "--to", "China"], "no entity called 'Intel'"),
        ("analyze centrality", ["--since", "2024-02-30"], "not a date"),
        ("analyze change", ["--at", "2030-01-01", "--until", "2024-12-31"], "outside"),
        ("viz", ["--focus", "Nvidai"], "did you mean 'Nvidia'"),
    ],
)
def test_bad_input_is_a_kg_error(
    graph_file: str, command: str, options: list[str], message: str
) -> None:
    with pytest.raises(KgError, match=message):
        runner.invoke(app, [*command.split(), graph_file, *options], catch_exceptions=False)


def test_viz_writes_a_page_of_the_neighbourhood(graph_file: str, tmp_path: Path) -> None:
    out = tmp_path / "tsmc.html"
    result = runner.invoke(
        app, ["viz", graph_file, "-o", str(out), "--focus", "TSMC", "--depth", "1"]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith(": 6 entities, 5 relations\n")
    page = out.read_text(encoding="utf-8")
    assert "<title>kg: TSMC and neighbours</title>" in page
    assert '"focus":"https://w3id.org/kg/id/entity/tsmc"' in page


def test_viz_cuts_large_graphs_and_says_so(graph_file: str, tmp_path: Path) -> None:
    out = tmp_path / "top.html"
    result = runner.invoke(app, ["viz", graph_file, "-o", str(out), "--max-nodes", "5"])
    assert result.exit_code == 0, result.output
    assert "19 entities, 18 relations; drawn: the 5 most central (--max-nodes)" in result.stderr
    assert "Showing the 5 most central of 19 entities" in out.read_text(encoding="utf-8")
