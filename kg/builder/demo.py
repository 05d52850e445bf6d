"""``kg demo``: the whole path on the example article(s) bundled with kg.

Writes ``graph.ttl`` (the RDF graph), ``graph.html`` (the interactive graph, offline) and
``report.md`` (top entities and the facts found, by predicate) into one folder.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
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
    folder = resources.files("kg.examples")
    return sorted(
        Path(str(p))
        for p in folder.iterdir()
        if p.name.lower().endswith(SUFFIXES) and not p.name.lower().endswith(GOLD_SUFFIX)
    )


def run_demo(
    output: Path,
    *,
    model: str | None = None,
    on_article: Callable[[Extraction], None] | None = None,
) -> DemoResult:
    """Build, analyse and draw the bundled examples into ``output`` (created if needed)."""
    from kg.analysis.centrality import centrality
    from kg.analysis.projection import entity_graph
    from kg.viz.page import write_html

    output.mkdir(parents=True, exist_ok=True)
    facts: list = []

    def collect(extraction: Extraction) -> None:
        facts.extend(extraction.facts)
        if on_article is not None:
            on_article(extraction)

    graph, summary = build(example_paths(), output / "graph.ttl", model=model, on_article=collect)
    G = entity_graph(graph)
    ranks = centrality(G)
    html = write_html(
        G, output / "graph.html", title="kg demo", sizes={r.node: r.pagerank for r in ranks}
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
