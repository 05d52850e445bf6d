"""Commands over the RDF graph itself: query."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import app
from kg.cli.common import GraphArg, StoreOpt, TableFormat, open_graph, read_text


@app.command()
def query(
    graph: GraphArg = None,
    store: StoreOpt = None,
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
    from kg.tabular import render

    if (sparql is None) == (file is None):
        raise typer.BadParameter("give a query or --file, not both")
    text = sparql if sparql is not None else read_text(file)  # type: ignore[arg-type]
    result = run_query(open_graph(graph, store), text)
    if result.graph is not None:
        typer.echo(result.graph.serialize(format="turtle"))
        return
    typer.echo(render(result.columns, result.rows, fmt.value))
