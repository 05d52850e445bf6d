"""Commands that analyse and draw a built graph: analyze, viz."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import app
from kg.cli.common import GraphArg, StoreOpt, TableFormat, open_graph, say


@app.command()
def analyze(
    graph: GraphArg = None,
    store: StoreOpt = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Show the N most central entities")] = 20,
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """Degree, betweenness and PageRank centrality of the entities."""
    from kg.analysis.centrality import CENTRALITY_COLUMNS, centrality
    from kg.analysis.projection import entity_graph
    from kg.tabular import render

    rows = centrality(entity_graph(open_graph(graph, store)), top=top)
    typer.echo(render(CENTRALITY_COLUMNS, [row.values() for row in rows], fmt.value))


@app.command()
def viz(
    graph: GraphArg = None,
    store: StoreOpt = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write")] = Path(
        "graph.html"
    ),
    title: Annotated[str | None, typer.Option(help="Page title")] = None,
) -> None:
    """Draw the graph as one self-contained HTML page that works offline."""
    from kg.analysis.projection import entity_graph
    from kg.viz import write_html

    G = entity_graph(open_graph(graph, store))
    path = write_html(G, output, title=title or f"kg: {graph.name}", sizes=_pagerank_sizes(G))
    say(f"wrote {path} ({G.number_of_nodes()} entities, {G.number_of_edges()} relations)")


def _pagerank_sizes(G) -> dict[str, float]:
    from kg.analysis.centrality import centrality

    return {row.node: row.pagerank for row in centrality(G)}
