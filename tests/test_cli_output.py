"""What the commands print for people: labels first, IRIs on request, tables that fit the
terminal; and ``kg export --facts``, the graph's facts as a spreadsheet (in process: fast)."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest
from fixtures.analysis.supply_chain import extractions
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KgError
from kg.model import Article, Entity, Extraction, Fact
from kg.rdf.build import build_graph
from kg.sparql.facts import FACT_COLUMNS, IRI_COLUMNS
from kg.store import save_graph

runner = CliRunner()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The analysis fixture, plus an article that gives a source and no url."""
    text = "The United States sanctioned Hoshine Silicon, which supplies Micron Technology."
    article = Article("wire-1", text, title="Wire story", date="2024-03-01", source="Example Wire")
    hoshine = Entity("Hoshine Silicon", "Company", country="China")
    facts = (
        Fact("wire-1", Entity("United States", "Country"), "sanctions", hoshine, text, 0, 49, 0.7),
        Fact("wire-1", hoshine, "suppliesTo", Entity("Micron Technology", "Company"), text,
             0, len(text), 0.6),
    )  # fmt: skip
    path = tmp_path_factory.mktemp("graph") / "chips.ttl"
    save_graph(build_graph([*extractions(), Extraction(article, facts=facts)]), path)
    return str(path)


def kg(*args: str, columns: int | None = None) -> str:
    env = {"COLUMNS": str(columns)} if columns else {"COLUMNS": ""}
    result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("command", [["centrality"], ["communities"], ["chokepoints"]])
def test_tables_put_the_label_first_and_no_iri(graph_file: str, command: list[str]) -> None:
    lines = kg("analyze", *command, graph_file, columns=100).splitlines()
    assert lines[0].split()[0] == "label"
    assert not any("https://" in line for line in lines)


def test_iris_are_shown_on_request_last(graph_file: str) -> None:
    lines = kg("analyze", "centrality", graph_file, "--iris", "--top", "3").splitlines()
    assert lines[0].split()[0] == "label" and lines[0].split()[-1] == "node"
    assert lines[2].split()[-1].startswith("https://w3id.org/kg/id/entity/")
    rows = json.loads(kg("analyze", "centrality", graph_file, "--format", "json", "--iris"))
    assert next(iter(rows[0])) == "label" and "node" in rows[0]
    assert "node" not in json.loads(kg("analyze", "centrality", graph_file, "--format", "json"))[0]


@pytest.mark.parametrize("width", [60, 80, 120])
def test_tables_fit_the_terminal_and_cut_long_text_with_an_ellipsis(
    graph_file: str, width: int
) -> None:
    out = kg("analyze", "exposure", graph_file, "-e", "Micron", columns=width)
    lines = out.splitlines()
    assert len(lines) > 3
    assert max(map(len, lines)) <= width
    assert "\u2026" in out  # the evidence sentences were cut, not wrapped onto new lines
    wide = kg("analyze", "exposure", graph_file, "-e", "Micron")  # a pipe: as wide as it takes
    assert max(map(len, wide.splitlines())) > 120


def test_url_is_the_article_s_url_else_its_source(graph_file: str) -> None:
    rows = json.loads(
        kg("analyze", "exposure", graph_file, "-e", "Micron", "--format", "json", columns=80)
    )
    url = {row["measure"]: row["url"] for row in rows}
    assert url["United States sanctions Hoshine Silicon"] == "Example Wire"
    assert url["United States sanctions Huawei"] == "https://news.example/a-2023-09"


def test_export_facts_as_csv_one_statement_a_row(graph_file: str, tmp_path: Path) -> None:
    out = tmp_path / "facts.csv"
    result = runner.invoke(app, ["export", graph_file, "--facts", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(FACT_COLUMNS)
    statements = sum(len(extraction.facts) for extraction in extractions()) + 2
    assert len(rows) == statements and f"{statements} facts" in result.stderr
    sanction = next(r for r in rows if r["object"] == "Hoshine Silicon")
    assert sanction == {
        "subject": "United States",
        "predicate": "sanctions",
        "object": "Hoshine Silicon",
        "modality": "asserted",
        "confidence": "0.7",
        "evidence": "The United States sanctioned Hoshine Silicon, which supplies Micron "
        "Technology.",
        "context": "",
        "title": "Wire story",
        "date": "2024-03-01",
        "url": "Example Wire",
    }
    dates = [r["date"] for r in rows]
    assert dates[0] == "2023-03-01" and "https://news.example/a-2023-03" in rows[0]["url"]


def test_export_facts_as_json_lines_with_iris(graph_file: str, tmp_path: Path) -> None:
    out = tmp_path / "facts.jsonl"
    result = runner.invoke(app, ["export", graph_file, "--facts", str(out), "--iris"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert list(records[0]) == [*FACT_COLUMNS, *IRI_COLUMNS]
    huawei = next(r for r in records if r["object"] == "Huawei" and r["predicate"] == "sanctions")
    assert huawei["object_iri"] == "https://w3id.org/kg/id/entity/huawei"
    assert huawei["confidence"] == 0.8 and huawei["article"] in ("a-2023-09", "a-2024-02")


def test_export_facts_as_parquet_needs_its_extra(graph_file: str, tmp_path: Path) -> None:
    out = tmp_path / "facts.parquet"
    if importlib.util.find_spec("pyarrow") is None:
        with pytest.raises(KgError, match=r"pip install 'kg\[parquet\]'"):
            runner.invoke(app, ["export", graph_file, "--facts", str(out)], catch_exceptions=False)
        assert not out.exists()
    else:
        import pandas as pd

        assert runner.invoke(app, ["export", graph_file, "--facts", str(out)]).exit_code == 0
        assert list(pd.read_parquet(out).columns) == list(FACT_COLUMNS)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "facts.csv"], "for a table of facts use --facts facts.csv"),
        (["--facts", "facts.xlsx"], "a table of facts is written as .csv, .jsonl, .parquet"),
    ],
)
def test_export_of_a_table_says_how(graph_file: str, args: list[str], message: str) -> None:
    with pytest.raises(KgError, match=message):
        runner.invoke(app, ["export", graph_file, *args], catch_exceptions=False)


def test_rows_of_a_frame_are_its_plain_values_missing_ones_none() -> None:
    import pandas as pd

    from kg.cli.tables import plain_rows

    frame = pd.DataFrame(
        {
            "label": ["IBM", None, "TSMC"],
            "score": [0.5, float("nan"), 2.0],
            "count": [1, 2, 3],
            "kept": [True, False, True],
            "none": [None, None, None],
            "mixed": [1.5, None, "x"],
            "day": pd.to_datetime(["2024-01-01", None, "2024-02-01"]),
            "maybe": pd.array([1, None, 3], dtype="Int64"),
        }
    )
    expected = frame.astype(object).where(frame.notna(), None).values.tolist()
    found = [list(row) for row in plain_rows(frame)]
    assert found == expected
    assert [[type(value) for value in row] for row in found] == [
        [type(value) for value in row] for row in expected
    ]


def test_a_table_of_every_kind_of_column() -> None:
    """Numbers right, text left, None empty, whitespace joined, long text cut; made to fit."""
    from kg.cli.tables import render

    rows = [
        ["IBM", 3, 0.123456, True, "two\n lines", None],
        ["TSMC", -12, None, False, "x" * 70, 1.5],
        ["Apple", None, 2.0, None, "", "text"],
    ]
    columns = ["who", "n", "score", "kept", "note", "mixed"]
    assert render(columns, rows, "table").split("\n") == [
        "who      n   score  kept   note" + " " * 58 + "mixed",
        "-----  ---  ------  -----  " + "-" * 60 + "  -----",
        "IBM      3  0.1235  True   two lines",
        "TSMC   -12          False  " + "x" * 59 + "…  1.5",
        "Apple            2" + " " * 71 + "text",
    ]
    assert render(columns, rows, "table", width=50).split("\n") == [
        "who      n   score  kept   note",
        "-----  ---  ------  -----  " + "-" * 23,
        "IBM      3  0.1235  True   two lines",
        "TSMC   -12          False  " + "x" * 22 + "…",
        "Apple            2",
        "(1 more column not shown: mixed; --format csv or",
        "json gives all)",
    ]
