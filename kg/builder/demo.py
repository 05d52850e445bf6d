"""``kg demo``: the whole path on the example article(s) bundled with kg, or (``corpus=True``)
on the bundled demo corpus: 61 short dated news articles (2022-2025) on chips, critical
minerals and export controls, written for kg (``examples/corpus/``).

Writes ``graph.ttl`` (the RDF graph), ``graph.html`` (the interactive graph, offline) and
``report.md`` (top entities and the facts found, by predicate) into one folder.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from kg.builder.run import build
from kg.builder.summary import BuildSummary
from kg.ingest.files import GOLD_SUFFIX, SUFFIXES
from kg.model import Extraction
from kg.store.atomic import atomic_path


@dataclass(frozen=True)
class DemoResult:
    """The build summary and the files the demo wrote."""

    summary: BuildSummary
    files: tuple[Path, ...]


def example_paths() -> list[Path]:
    """The example articles shipped with kg (``examples/``), without their gold files.

    >>> [path.name for path in example_paths()]
    ['japan-us-chip-alliance.jsonl']
    """
    return _articles(resources.files("kg.examples"))


def _articles(folder: Traversable) -> list[Path]:
    """The article files directly in ``folder``, gold files left out, by name."""
    return sorted(
        Path(str(p))
        for p in folder.iterdir()
        if p.is_file()
        and p.name.lower().endswith(SUFFIXES)
        and not p.name.lower().endswith(GOLD_SUFFIX)
    )


def corpus_paths() -> list[Path]:
    """The demo corpus shipped with kg (``examples/corpus/``), without its gold file.

    >>> [path.name for path in corpus_paths()]
    ['chips-and-minerals-2022-2025.jsonl']
    """
    return _articles(resources.files("kg.examples") / "corpus")


def run_demo(
    output: Path,
    *,
    corpus: bool = False,
    model: str | None = None,
    on_article: Callable[[Extraction], None] | None = None,
) -> DemoResult:
    """Build, analyse and draw the bundled example (or, with ``corpus``, the demo corpus) into
    ``output`` (created if needed)."""
    from kg.analysis.centrality import centrality
    from kg.analysis.projection import entity_graph
    from kg.viz.page import write_html

    output.mkdir(parents=True, exist_ok=True)
    facts: list = []

    def collect(extraction: Extraction) -> None:
        facts.extend(extraction.facts)
        if on_article is not None:
            on_article(extraction)

    paths = corpus_paths() if corpus else example_paths()
    graph, summary = build(paths, output / "graph.ttl", model=model, on_article=collect)
    G = entity_graph(graph)
    ranks = centrality(G)
    html = write_html(
        G,
        output / "graph.html",
        title="kg demo corpus, 2022-2025" if corpus else "kg demo",
        sizes={r.node: r.pagerank for r in ranks},
    )
    report = output / "report.md"
    with atomic_path(report) as temporary:
        Path(temporary).write_text(render_report(summary, ranks[:10], facts), encoding="utf-8")
    return DemoResult(summary, (summary.output, html, report))  # type: ignore[arg-type]


def render_report(summary: BuildSummary, top: list, facts: list) -> str:
    """A short Markdown report: figures, the most central entities, the facts by predicate."""
    lines = ["# kg demo report", "", f"Model: {summary.model}", ""]
    lines += [f"- {line}" for line in summary.lines()]
    lines += [
        "",
        "## Top entities (PageRank)",
        "",
        "| entity | class | degree | betweenness | PageRank |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.label} | {r.type} | {r.degree:.3f} | {r.betweenness:.3f} | {r.pagerank:.3f} |"
        for r in top
    ]
    counts = Counter(f.predicate for f in facts)
    lines += ["", "## Facts by predicate", ""]
    for predicate, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines += [f"### {predicate} ({count})", ""]
        lines += [
            f"- {f.subject.label} → {f.object.label} — “{f.evidence}”"
            for f in facts
            if f.predicate == predicate
        ]
        lines.append("")
    return "\n".join(lines)
