"""Commands over the RDF graph itself: query, validate, stats, export, serve, push.

Each reads a graph file (GRAPH) or an on-disk store (``--store DIR``).
"""

from __future__ import annotations

import signal
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import app
from kg.cli.common import (
    GraphArg,
    StoreOpt,
    TableFormat,
    echo_rows,
    open_graph,
    read_text,
    say,
)
from kg.errors import KgError


class GraphFormat(StrEnum):
    ttl = "ttl"
    nt = "nt"
    nq = "nq"
    trig = "trig"
    jsonld = "jsonld"


class PushProtocol(StrEnum):
    auto = "auto"
    gsp = "gsp"
    update = "update"


@app.command()
def query(
    first: Annotated[
        str | None,
        typer.Argument(
            metavar="[GRAPH] [SPARQL]",
            help="A graph file, then a SPARQL 1.1 query (with --store: just the query). "
            "Prefixes kg:, ent:, kgr:, rdfs: ... are predefined",
            show_default=False,
        ),
    ] = None,
    second: Annotated[str | None, typer.Argument(hidden=True)] = None,
    store: StoreOpt = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the query from a .rq file")
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", "-n", help="Run a named query (--list shows them)")
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="A named query's parameter, KEY=VALUE (repeatable)"),
    ] = None,
    list_queries: Annotated[
        bool, typer.Option("--list", help="List the named queries and their parameters")
    ] = False,
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """Run a SPARQL query, or a named one with parameters, over a graph or a store."""
    from kg.sparql.named import named_queries, run_named
    from kg.sparql.query import run_query

    if list_queries:
        for named in named_queries().values():
            params = " ".join(f"--param {p.name}=<{p.kind}>" for p in named.params)
            typer.echo(f"{named.name} {params}\n    {named.description}")
        return
    graph_path, sparql = _graph_and_query(first, second, store, given=file or name)
    graph = open_graph(Path(graph_path) if graph_path else None, store)
    if name is not None:
        result = run_named(graph, name, _params(param or []))
    else:
        result = run_query(graph, sparql if sparql is not None else read_text(file))  # type: ignore[arg-type]
    if result.graph is not None:
        if not len(result.graph):
            say("no triples")
        typer.echo(result.graph.serialize(format="turtle"))
        return
    echo_rows(result.columns, result.rows, fmt)


def _graph_and_query(
    first: str | None, second: str | None, store: Path | None, *, given: object
) -> tuple[str | None, str | None]:
    """The graph file and the query text among ``kg query``'s arguments, or a usage error
    that says which is missing. ``given``: a query from --file or --name, if any."""
    if store is not None:
        if second is not None:
            raise typer.BadParameter("with --store, give only the query")
        graph_path, sparql = None, first
    elif second is None and not given and first is not None and _is_query(first):
        raise typer.BadParameter(
            "no graph to query: give a graph file before the query, or --store DIR"
        )
    else:
        graph_path, sparql = first, second
    if graph_path is None and store is None:
        raise typer.BadParameter("give a graph file or --store DIR, and a query")
    if (sparql is not None) + bool(given) != 1:
        raise typer.BadParameter("give one of: a query, --file or --name")
    return graph_path, sparql


def _is_query(text: str) -> bool:
    """Whether an argument is a query rather than a graph file: it is no file, and holds
    spaces as every query does ("DESCRIBE ent:ibm")."""
    return not Path(text).exists() and any(c.isspace() for c in text)


def _params(pairs: list[str]) -> dict[str, str]:
    """``KEY=VALUE`` strings as a dict; a pair without ``=`` is a usage error."""
    params = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or not key:
            raise typer.BadParameter(f"--param {pair!r}: write KEY=VALUE")
        params[key] = value
    return params


@app.command()
def validate(graph: GraphArg = None, store: StoreOpt = None) -> None:
    """Check a graph against kg's SHACL shapes; exit 1 if it does not conform."""
    from kg.rdf.shapes import validate as check

    report = check(open_graph(graph, store))
    for finding in report.findings:
        typer.echo(str(finding))
    verdict = "conforms" if report.conforms else "does not conform"
    say(f"{verdict}: {len(report.violations)} violations, {len(report.warnings)} warnings")
    if not report.conforms:
        raise typer.Exit(code=1)


@app.command()
def stats(
    graph: GraphArg = None,
    store: StoreOpt = None,
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """Count triples, articles, statements, entities by class and triples by predicate."""
    from kg.cli.tables import render
    from kg.sparql.stats import graph_stats

    typer.echo(render(("what", "count"), graph_stats(open_graph(graph, store)), fmt.value))


@app.command()
def export(
    graph: GraphArg = None,
    store: StoreOpt = None,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="File to write; format by suffix unless --format"),
    ] = None,
    fmt: Annotated[
        GraphFormat | None, typer.Option("--format", help="Format (default: by suffix, or ttl)")
    ] = None,
    facts: Annotated[
        Path | None,
        typer.Option(
            "--facts",
            help="Write the facts as a table instead, one statement a row: subject, predicate, "
            "object, modality, confidence, evidence, context, title, date, url "
            "(.csv, .jsonl; .parquet with kg[parquet])",
        ),
    ] = None,
    iris: Annotated[
        bool, typer.Option("--iris", help="With --facts: add the IRIs and the article's id")
    ] = False,
) -> None:
    """Write a graph or a store in another RDF format, to a file or standard output; or its
    facts as a table (--facts facts.csv)."""
    import tempfile

    from kg.store.files import export_graph

    if facts is not None:
        from kg.sparql.facts import fact_format, write_facts

        if output is not None or fmt is not None:
            raise KgError("--facts writes a table of facts; give it without -o and --format")
        fact_format(facts)  # a suffix it cannot write fails before the graph is read
        count = write_facts(open_graph(graph, store), facts, iris=iris)
        say(f"wrote {facts}: {count} fact{'s' if count != 1 else ''}")
        return
    if output is not None and output.suffix.lower() in (".csv", ".jsonl", ".parquet", ".tsv"):
        raise KgError(
            f"{output}: -o writes RDF (.ttl .nt .nq .trig .jsonld); "
            f"for a table of facts use --facts {output.name}"
        )
    source = open_graph(graph, store)
    if output is not None and fmt is not None and output.suffix.lower() != f".{fmt.value}":
        raise typer.BadParameter(f"--format {fmt.value} and the suffix of {output} disagree")
    if output is not None:
        say(f"wrote {export_graph(source, output)}")
        return
    with tempfile.TemporaryDirectory() as folder:
        path = export_graph(source, Path(folder, f"graph.{(fmt or GraphFormat.ttl).value}"))
        typer.echo(path.read_text(encoding="utf-8"), nl=False)


@app.command()
def serve(
    graph: GraphArg = None,
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (0: any free one)")] = 7878,
    timeout: Annotated[
        float, typer.Option(help="Seconds a query may run before it is stopped", min=0.1)
    ] = 30.0,
    limit: Annotated[int, typer.Option(help="Most rows (or triples) a result holds", min=1)] = (
        10_000
    ),
    workers: Annotated[
        int,
        typer.Option(
            help="Queries answered at once (as many long ones may run beside them)", min=1
        ),
    ] = 2,
    cors: Annotated[
        str | None,
        typer.Option(help="Origin whose web pages may read answers ('*': any); default none"),
    ] = None,
    max_memory: Annotated[
        int, typer.Option(help="MiB of memory a query worker may use", min=256)
    ] = 2048,
    max_answer: Annotated[int, typer.Option(help="MiB an answer may take", min=1)] = 64,
    max_connections: Annotated[int, typer.Option(help="Connections served at once", min=1)] = 64,
) -> None:
    """Serve a graph or a store as a read-only SPARQL 1.1 endpoint, with a query page."""
    from contextlib import nullcontext

    from kg.sparql.server import SparqlServer, graph_file_store
    from kg.store.disk import GraphStore

    if (graph is None) == (store is None):
        raise KgError("give either a graph file or --store DIR, not both")
    source = graph_file_store(graph) if graph is not None else nullcontext(store)
    with source as folder:
        assert folder is not None  # one of graph and store is given, checked above
        GraphStore(folder, read_only=True).close()  # a missing or locked store fails here
        try:
            server = SparqlServer(
                folder,
                host=host,
                port=port,
                timeout=timeout,
                limit=limit,
                workers=workers,
                cors=cors,
                max_memory=max_memory << 20,
                max_bytes=max_answer << 20,
                max_connections=max_connections,
            )
        except OSError as error:
            raise KgError(f"cannot listen on {host}:{port}: {error.strerror or error}") from error
        with server:
            say(f"SPARQL endpoint: {server.url}  query page: {server.url[: -len('sparql')]}")
            say("read-only; Ctrl-C stops it")
            # SIGTERM (a service manager, `kill`) stops it like Ctrl-C, so cleanup runs
            signal.signal(signal.SIGTERM, signal.default_int_handler)
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                say("stopped")


@app.command()
def push(
    graph: GraphArg = None,
    store: StoreOpt = None,
    endpoint: Annotated[
        str, typer.Option("--endpoint", help="Graph Store (…/store) or Update (…/update) URL")
    ] = "",
    graph_iri: Annotated[
        str | None, typer.Option("--graph", help="Named graph to add to (default graph if none)")
    ] = None,
    protocol: Annotated[
        PushProtocol, typer.Option(help="gsp, update, or auto: gsp, else update")
    ] = PushProtocol.auto,
) -> None:
    """Add a graph's triples to a remote SPARQL 1.1 Graph Store or Update endpoint."""
    from kg.store.remote import push as run_push

    if not endpoint:
        raise typer.BadParameter("give --endpoint URL")
    summary = run_push(
        open_graph(graph, store), endpoint, graph_iri=graph_iri, protocol=protocol.value
    )
    target = f"graph <{graph_iri}>" if graph_iri else "the default graph"
    say(
        f"pushed {summary.triples} triples to {target} at {endpoint} "
        f"({summary.requests} requests, {summary.protocol})"
    )
