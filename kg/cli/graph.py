"""Commands that analyse and draw a built graph: ``kg analyze ...`` and ``kg viz``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from kg.cli.app import app
from kg.cli.common import (
    GraphArg,
    StoreOpt,
    TableFormat,
    echo_rows,
    igraph_without_plots,
    keep_to_the_end,
    open_graph,
    say,
)

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from kg.analysis.arrays import GraphArrays
    from kg.cli.tables import Rows


class Measure(StrEnum):
    degree = "degree"
    betweenness = "betweenness"
    pagerank = "pagerank"
    eigenvector = "eigenvector"


class ColourBy(StrEnum):
    kind = "class"
    bloc = "bloc"


class _CentralityByDefault(TyperGroup):
    """``kg analyze GRAPH ...`` without a subcommand means ``kg analyze centrality GRAPH ...``."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # ctx: typer's click Context
        if args and args[0] not in self.commands and args[0] != "--help":
            args = ["centrality", *args]
        return super().parse_args(ctx, args)


analyze_app = typer.Typer(
    cls=_CentralityByDefault,
    callback=igraph_without_plots,
    no_args_is_help=True,
    help="Centrality, blocs, chokepoints, paths, exposure and change over time "
    "(kg analyze GRAPH alone: centrality).",
)
app.add_typer(analyze_app, name="analyze")

LAYERS_HELP = (
    "Relations to analyse, comma-separated layers or relations: supply (suppliesTo, ownsStake "
    "...), geopolitical (sanctions, alignsWith ...), people (leaderOf ...), structural "
    "(headquarteredIn, producesProduct, memberOf ...), cooperative, conflictual, all"
)
DEFAULT_LAYERS_TEXT = "cooperative,conflictual,supply"
"""kg.analysis.views.DEFAULT_LAYERS, named without importing it (``kg --help`` stays fast)."""
LayerOpt = Annotated[str, typer.Option("--layers", "--layer", help=LAYERS_HELP)]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since", help="Only facts from articles dated on or after this day (YYYY-MM-DD)"
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option("--until", help="Only facts from articles dated on or before this day"),
]
FormatOpt = Annotated[TableFormat, typer.Option("--format")]
SAMPLES_HELP = (
    "Estimate betweenness from N source entities (default: exact up to 2,000 entities, "
    "else 200 samples)"
)
"""Names kg.analysis.centrality's defaults without importing it (``kg --help`` stays fast)."""
SamplesOpt = Annotated[int | None, typer.Option("--samples", min=2, help=SAMPLES_HELP)]
SeedOpt = Annotated[int, typer.Option("--seed", help="Seed of sampling and community detection")]
IrisOpt = Annotated[bool, typer.Option("--iris", help="Add each entity's IRI (column node)")]


def _entity_graph(
    graph: Path | None,
    store: Path | None,
    relations: str = "all",
    since: str | None = None,
    until: str | None = None,
    fmt: TableFormat = TableFormat.csv,
    *,
    evidence: bool = True,
) -> nx.MultiDiGraph:
    """The entity graph of a graph file or store, cut to layers (``--layers``, checked before
    the graph is read, and named on standard error under a table) and a time window; without
    ``evidence`` sentences for the measures that show none (a faster read)."""
    from kg.analysis.projection import entity_graph
    from kg.analysis.views import Window, cut_to, layer, parse_layers, window

    span = Window.parse(since, until)  # a bad date fails before the graph is read
    names = parse_layers(relations)
    if fmt is TableFormat.table:
        say(_layers_used(names))
    G = entity_graph(open_graph(graph, store), evidence=evidence)
    keep_to_the_end()  # the graph lives until the command ends
    if not span.is_open:  # the views copy the graph: skip them when they would keep it all
        G = window(G, span)
    if names == ("all",):
        return G
    # The measures' graph, which nothing else holds, is cut in place (no copy of 250,000
    # edges at 100,000 entities); the others keep a layer's order of predecessors.
    return layer(G, names) if evidence else cut_to(G, names)


def _entity_arrays(
    graph: Path | None,
    store: Path | None,
    relations: str,
    since: str | None,
    until: str | None,
    fmt: TableFormat,
) -> GraphArrays:
    """:func:`_entity_graph` without evidence as the centrality measures' arrays: without a
    time window, from a store's summary without the networkx graph (:mod:`kg.analysis.arrays`)."""
    from kg.analysis.arrays import GraphArrays, entity_arrays
    from kg.analysis.views import Window, parse_layers

    if not Window.parse(since, until).is_open:
        G = _entity_graph(graph, store, relations, since, until, fmt, evidence=False)
        return GraphArrays.of_graph(G)
    names = parse_layers(relations)  # checked before the graph is read
    if fmt is TableFormat.table:
        say(_layers_used(names))
    arrays = entity_arrays(open_graph(graph, store))
    keep_to_the_end()
    return arrays.cut_to(names)


def _layers_used(names: tuple[str, ...]) -> str:
    """Which layers an analysis looks at, and which of kg.ttl's layers (``kg:layer``) that
    leaves out, wholly or in part, in words.

    >>> _layers_used(("all",))
    'layers: all'
    >>> _layers_used(("cooperative", "conflictual", "supply"))
    'layers: cooperative, conflictual, supply (left out: people, structural; see --layers)'
    """
    from kg.analysis.views import relations_of
    from kg.vocabulary import VOCABULARY

    kept = relations_of(names)
    left_out = sorted(name for name, found in VOCABULARY.layers.items() if found - kept)
    if not left_out:
        return f"layers: {', '.join(names)}"
    return f"layers: {', '.join(names)} (left out: {', '.join(left_out)}; see --layers)"


def _samples(G: nx.MultiDiGraph | GraphArrays, samples: int | None) -> int | None:
    from kg.analysis.centrality import auto_samples

    return samples if samples is not None else auto_samples(G)


def _echo(
    frame: pd.DataFrame,
    fmt: TableFormat,
    nothing: str,
    iris: bool = False,
    first: tuple[str, ...] = ("label",),
) -> None:
    """Print a DataFrame as :func:`_echo_rows` prints rows (missing values left empty or null)."""
    from kg.cli.tables import plain_rows

    _echo_rows(list(frame.columns), plain_rows(frame), fmt, nothing, iris, first)


def _echo_rows(
    columns: list[str],
    rows: Rows,
    fmt: TableFormat,
    nothing: str,
    iris: bool = False,
    first: tuple[str, ...] = ("label",),
) -> None:
    """Print ``rows`` as a table, CSV or JSON: ``first`` first (a table too wide loses its last
    columns), the IRIs (``node``) only with ``iris``, last; none: ``nothing`` in words."""
    leading = [name for name in first if name in columns]
    last = [name for name in ("node",) if name in columns and iris]
    middle = [name for name in columns if name not in (*leading, "node")]
    places = [columns.index(name) for name in (*leading, *middle, *last)]
    shown = [tuple(row[i] for i in places) for row in rows]
    echo_rows([columns[i] for i in places], shown, fmt, nothing)


def _within(relations: str, since: str | None, until: str | None) -> str:
    """The limits a command's answer was sought within, in words, for saying "nothing".

    >>> _within("supply", "2024-01-01", None)
    ' in the supply layer, from 2024-01-01'
    """
    names = [name.strip() for name in relations.split(",") if name.strip()]
    plural = "s" if len(names) > 1 else ""
    limits = [f" in the {', '.join(names)} layer{plural}"] if names != ["all"] else []
    limits += [f" from {since}"] if since else []
    limits += [f" until {until}"] if until else []
    return ",".join(limits)


@analyze_app.command("centrality")
def centrality_command(
    graph: GraphArg = None,
    store: StoreOpt = None,
    relations: LayerOpt = "all",
    since: SinceOpt = None,
    until: UntilOpt = None,
    by: Annotated[Measure, typer.Option("--by", help="Rank by this measure")] = Measure.pagerank,
    top: Annotated[int, typer.Option("--top", min=1, help="Show the N most central")] = 20,
    samples: SamplesOpt = None,
    seed: SeedOpt = 0,
    fmt: FormatOpt = TableFormat.table,
    iris: IrisOpt = False,
) -> None:
    """Degree, betweenness, PageRank and eigenvector centrality of the entities."""
    from kg.analysis.centrality import CENTRALITY_COLUMNS, centrality_rows

    arrays = _entity_arrays(graph, store, relations, since, until, fmt)
    rows = centrality_rows(arrays, top, by=by.value, samples=_samples(arrays, samples), seed=seed)
    nothing = f"no entities{_within(relations, since, until)}"
    _echo_rows(list(CENTRALITY_COLUMNS), [row.values() for row in rows], fmt, nothing, iris)


@analyze_app.command()
def communities(
    graph: GraphArg = None,
    store: StoreOpt = None,
    relations: LayerOpt = DEFAULT_LAYERS_TEXT,
    since: SinceOpt = None,
    until: UntilOpt = None,
    resolution: Annotated[
        float, typer.Option("--resolution", min=0.0, help="Higher: more, smaller communities")
    ] = 1.0,
    seed: SeedOpt = 0,
    fmt: FormatOpt = TableFormat.table,
    iris: IrisOpt = False,
) -> None:
    """Blocs: communities held together by cooperation and supply, opposed by conflicts
    (Leiden)."""
    from kg.analysis.communities import communities as find_communities

    G = _entity_graph(graph, store, relations, since, until, fmt, evidence=False)
    blocs = find_communities(G, layers="all", seed=seed, resolution=resolution)
    _echo(blocs, fmt, f"no communities{_within(relations, since, until)}", iris)


@analyze_app.command()
def chokepoints(
    graph: GraphArg = None,
    store: StoreOpt = None,
    relations: LayerOpt = DEFAULT_LAYERS_TEXT,
    since: SinceOpt = None,
    until: UntilOpt = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Show N of each kind")] = 10,
    samples: SamplesOpt = None,
    seed: SeedOpt = 0,
    fmt: FormatOpt = TableFormat.table,
    iris: IrisOpt = False,
) -> None:
    """Articulation points, bridges and the suppliers most paths run through."""
    from kg.analysis.chokepoints import chokepoints as find_chokepoints

    G = _entity_graph(graph, store, relations, since, until, fmt, evidence=False)
    found = find_chokepoints(G, layers="all", top=top, samples=_samples(G, samples), seed=seed)
    _echo(found, fmt, f"no chokepoints{_within(relations, since, until)}", iris)


@analyze_app.command()
def paths(
    source: Annotated[str, typer.Option("--from", help="Entity: label, ent:slug or IRI")],
    target: Annotated[str, typer.Option("--to", help="Entity: label, ent:slug or IRI")],
    graph: GraphArg = None,
    store: StoreOpt = None,
    relations: LayerOpt = "all",
    since: SinceOpt = None,
    until: UntilOpt = None,
    max_hops: Annotated[int, typer.Option("--max-hops", min=1)] = 4,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show the N shortest paths")] = 5,
    fmt: FormatOpt = TableFormat.table,
) -> None:
    """How two entities are connected: the shortest chains, each hop with its evidence."""
    from kg.analysis.paths import paths as find_paths

    G = _entity_graph(graph, store, relations, since, until, fmt)
    found = find_paths(G, source, target, max_hops=max_hops, limit=limit)
    hops = f"{max_hops} hop{'s' if max_hops > 1 else ''}"
    nothing = f"no path from {source} to {target} within {hops} (--max-hops)"
    first = ("path", "hop", "subject", "predicate", "object", "evidence", "article", "url")
    _echo(found, fmt, nothing + _within(relations, since, until), first=first)


@analyze_app.command()
def exposure(
    entity: Annotated[str, typer.Option("--entity", "-e", help="Whose exposure")],
    graph: GraphArg = None,
    store: StoreOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    depth: Annotated[int, typer.Option("--depth", min=0, help="Longest chain, in links")] = 3,
    top: Annotated[int | None, typer.Option("--top", min=1, help="Show the N highest")] = None,
    fmt: FormatOpt = TableFormat.table,
) -> None:
    """Export controls, sanctions and bans that reach an entity through those it depends on."""
    from kg.analysis.exposure import exposure as find_exposure

    G = _entity_graph(graph, store, "all", since, until, fmt)
    found = find_exposure(G, entity, depth=depth).head(top)
    nothing = f"no export control, sanction or ban reaches {entity} within {depth} links"
    first = ("measure", "role", "hops", "score", "via", "evidence", "last_seen", "url")
    _echo(found, fmt, nothing + _within("all", since, until), first=first)


@analyze_app.command()
def change(
    at: Annotated[
        str, typer.Option("--at", help="Compare the facts before this day with those from it on")
    ],
    graph: GraphArg = None,
    store: StoreOpt = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Start of the earlier window")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="End of the later window")] = None,
    relations: LayerOpt = "all",
    by: Annotated[Measure, typer.Option("--by", help="Centrality to compare")] = Measure.pagerank,
    top: Annotated[int, typer.Option("--top", min=1, help="Show N risers and N fallers")] = 10,
    samples: SamplesOpt = None,
    seed: SeedOpt = 0,
    fmt: FormatOpt = TableFormat.table,
) -> None:
    """What changed: facts added and not reported since, entities risen and fallen."""
    from kg.analysis.change import change as find_change
    from kg.analysis.change import split

    before, after = split(at, since, until)
    G = _entity_graph(graph, store, relations, fmt=fmt, evidence=False)
    if not any(day for *_, day in G.edges(data="first_seen")):
        say("note: no fact comes from a dated article, so nothing can change over time")
    frame = find_change(
        G, before, after, measure=by.value, top=top, samples=_samples(G, samples), seed=seed
    )
    _echo(frame, fmt, f"nothing changed at {at}{_within(relations, since, until)}")


@app.command()
def viz(
    graph: GraphArg = None,
    store: StoreOpt = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write")] = Path(
        "graph.html"
    ),
    title: Annotated[str | None, typer.Option(help="Page title")] = None,
    relations: LayerOpt = "all",
    since: SinceOpt = None,
    until: UntilOpt = None,
    focus: Annotated[
        str | None, typer.Option("--focus", help="Draw only this entity's neighbourhood")
    ] = None,
    depth: Annotated[int, typer.Option("--depth", min=0, help="Radius of --focus")] = 2,
    max_nodes: Annotated[
        int, typer.Option("--max-nodes", min=1, help="Draw at most N entities, the most central")
    ] = 1000,
    size_by: Annotated[
        Measure, typer.Option("--size-by", help="Node size (and what --max-nodes keeps)")
    ] = Measure.pagerank,
    colour_by: Annotated[
        ColourBy,
        typer.Option(
            "--colour-by",
            help="Node colour: the class, or the bloc (communities: Leiden, seed 0, on the "
            "cooperative, conflictual and supply layers)",
        ),
    ] = ColourBy.kind,
) -> None:
    """Draw the graph as one self-contained HTML page that works offline."""
    from kg.analysis.centrality import scores
    from kg.analysis.views import find_entity, label_of, neighbourhood
    from kg.viz.page import write_html

    G = _entity_graph(graph, store, relations, since, until)
    node = None
    if focus is not None:
        node = find_entity(G, focus)
        G = neighbourhood(G, node, depth)
    sizes = scores(G, size_by.value, samples=_samples(G, None))
    name = graph.name if graph is not None else str(store)
    default_title = f"kg: {name}" if node is None else f"kg: {label_of(G, node)} and neighbours"
    blocs = None
    if colour_by is ColourBy.bloc:
        from kg.analysis.communities import communities

        found = communities(G, seed=0)
        blocs = dict(zip(found.node, found.community, strict=True))
        say(f"blocs: {found.community.nunique()} ({', '.join(found.attrs['layers'])} layers)")
    path = write_html(
        G,
        output,
        title=title or default_title,
        sizes=sizes,
        max_nodes=max_nodes,
        focus=node,
        blocs=blocs,
    )
    cut = f"; drawn: the {max_nodes} most central (--max-nodes)" if len(G) > max_nodes else ""
    say(f"wrote {path}: {len(G)} entities, {G.number_of_edges()} relations{cut}")
