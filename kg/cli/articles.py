"""Commands that read articles: build, extract, demo."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import app
from kg.cli.common import (
    ALL_CORES,
    ExcludeOpt,
    FactFormat,
    FramesOnlyOpt,
    GazetteerOpt,
    InputsArg,
    JobsOpt,
    MaxBytesOpt,
    ModelOpt,
    RelationsOpt,
    StrictOpt,
    TimeLimitOpt,
    finish,
    progress,
    relations_choice,
    say,
    table_width,
    write_text,
)


class Engine(StrEnum):
    local = "local"
    dask = "dask"


@app.command()
def build(
    inputs: InputsArg,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Graph file to write; format by suffix"),
    ] = None,
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            help="Add to the on-disk store in DIR (made if needed); "
            "articles it holds unchanged are skipped",
        ),
    ] = None,
    infer: Annotated[
        bool,
        typer.Option("--infer", help="Add symmetric, inverse and super-property triples"),
    ] = False,
    timestamp: Annotated[
        bool,
        typer.Option(
            "--timestamp/--no-timestamp",
            help="Record the extraction time on statements (prov:generatedAtTime); "
            "--no-timestamp makes the same inputs give the same graph",
        ),
    ] = True,
    model: ModelOpt = None,
    gazetteer: GazetteerOpt = None,
    relations_model: RelationsOpt = None,
    frames_only: FramesOnlyOpt = False,
    strict: StrictOpt = False,
    jobs: JobsOpt = ALL_CORES,
    time_limit: TimeLimitOpt = 120.0,
    show_progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Show a progress bar")
    ] = True,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="local: worker processes on this machine; dask: a Dask cluster "
            "(--scheduler, else a local one of --jobs workers)",
        ),
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address, like tcp://host:8786"),
    ] = None,
    shards: Annotated[
        Path | None,
        typer.Option("--shards", help="Dask: keep the N-Quads shards in DIR"),
    ] = None,
    endpoint: Annotated[
        str | None,
        typer.Option(
            "--endpoint",
            help="Dask: push the shards to this SPARQL Graph Store or Update endpoint",
        ),
    ] = None,
    partition: Annotated[
        int | None,
        typer.Option("--partition", min=1, help="Dask: articles per task (default 200)"),
    ] = None,
    exclude: ExcludeOpt = None,
    max_bytes: MaxBytesOpt = 64 << 20,
) -> None:
    """Build a knowledge graph from articles: an RDF file (-o), a store, or an endpoint."""
    from kg.builder.options import PARTITION, BuildOptions
    from kg.builder.run import build as run_build
    from kg.store.files import format_for

    if output is None and store is None and endpoint is None:
        raise typer.BadParameter("give -o FILE, --store DIR or --endpoint URL")
    if output is not None:
        format_for(output)  # an unknown suffix fails now, not after the extraction
    options = BuildOptions(
        model=model,
        gazetteer=gazetteer,
        relations=relations_choice(relations_model, frames_only),
        strict=strict,
        store=store,
        infer=infer,
        timestamp=timestamp,
        jobs=jobs,
        time_limit=time_limit,
        engine=engine.value,
        scheduler=scheduler,
        shards=shards,
        endpoint=endpoint,
        partition=partition or PARTITION,
        exclude=tuple(exclude or ()),
        max_bytes=max_bytes,
    )
    with progress(show_progress and engine is Engine.local) as advance:
        _, summary = run_build(inputs, output, options=options, on_article=advance)
    finish(summary)


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
    relations_model: RelationsOpt = None,
    frames_only: FramesOnlyOpt = False,
    strict: StrictOpt = False,
    exclude: ExcludeOpt = None,
    max_bytes: MaxBytesOpt = 64 << 20,
) -> None:
    """Extract facts from articles, one per line (stable JSON Lines format)."""
    from kg.builder.local import extract_inputs
    from kg.builder.options import BuildOptions
    from kg.builder.summary import BuildSummary
    from kg.cli.tables import render
    from kg.rdf.records import fact_record

    summary = BuildSummary()
    options = BuildOptions(
        model=model,
        gazetteer=gazetteer,
        relations=relations_choice(relations_model, frames_only),
        strict=strict,
        exclude=tuple(exclude or ()),
        max_bytes=max_bytes,
    )
    records = [
        fact_record(fact)
        for extraction in extract_inputs(inputs, summary, options)
        for fact in extraction.facts
    ]
    if fmt is FactFormat.jsonl:
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    elif records:
        columns = ["doc", "subject", "predicate", "object", "confidence", "evidence"]
        width = table_width() if output is None else None
        rows = [[r[c] for c in columns] for r in records]
        text = render(columns, rows, "table", width) + "\n"
    else:  # a table of no rows is a bare header: say it
        say("no facts")
        text = ""
    write_text(text, output)
    finish(summary)


@app.command()
def demo(
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder to write into")] = Path(
        "kg-demo"
    ),
    corpus: Annotated[
        bool,
        typer.Option(
            "--corpus",
            help="The bundled demo corpus (61 dated articles, 2022-2025) instead of the example",
        ),
    ] = False,
    model: ModelOpt = None,
) -> None:
    """Run the whole path on the bundled example article(s): graph, HTML and a report."""
    from kg.builder.demo import run_demo

    with progress(True) as advance:
        result = run_demo(output, corpus=corpus, model=model, on_article=advance)
    finish(result.summary)
    say("demo output:")
    for path in result.files:
        say(f"  {path}")
