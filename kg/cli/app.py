"""The typer application every command module registers with."""

from __future__ import annotations

from typing import Annotated

import typer

from kg import __version__

app = typer.Typer(
    name="kg",
    help="Knowledge graphs of geopolitical supply-chain relations, built from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
