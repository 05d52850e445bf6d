"""The whole path in one call: input files -> articles -> facts -> RDF graph (-> file).

>>> summary = build(["examples/"], "graph.ttl")  # doctest: +SKIP
>>> summary.facts  # doctest: +SKIP
18
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.model import Article, Extraction, Problem

Inputs = Iterable[str | os.PathLike[str]]


@dataclass
class BuildSummary:
    """What a build read and made."""

    model: str = ""
    articles: int = 0
    entities: int = 0
    facts: int = 0
    problems: list[Problem] = field(default_factory=list)
    output: Path | None = None

    def lines(self) -> list[str]:
        """The closing summary, one line per figure."""
        out = [
            f"articles: {self.articles}",
            f"entities: {self.entities}",
            f"facts:    {self.facts}",
            f"problems: {len(self.problems)}",
        ]
        if self.output is not None:
            out.append(f"written:  {self.output}")
        return out


def extract_inputs(
    inputs: Inputs,
    summary: BuildSummary,
    *,
    model: str | None = None,
    gazetteer: Path | None = None,
    strict: bool = False,
    on_article: Callable[[Extraction], None] | None = None,
) -> Iterator[Extraction]:
    """Read every input and extract each article, keeping count in ``summary``.

    Bad items are recorded in ``summary.problems`` and skipped (with ``strict``, the first
    raises :class:`~kg.errors.IngestError`).
    """
    from kg.extract import extract, load_pipeline
    from kg.ingest import read_articles

    nlp = load_pipeline(model, gazetteer=gazetteer)
    summary.model = nlp.meta["kg_model"]
    entities: set[str] = set()

    def articles() -> Iterator[Article]:
        for item in read_articles(inputs, strict=strict):
            if isinstance(item, Problem):
                summary.problems.append(item)
            else:
                yield item

    for extraction in extract(articles(), nlp):
        summary.articles += 1
        summary.facts += len(extraction.facts)
        summary.problems.extend(extraction.problems)
        entities.update(m.entity.label for m in extraction.mentions)
        summary.entities = len(entities)
        if on_article is not None:
            on_article(extraction)
        yield extraction


def build(
    inputs: Inputs,
    output: str | os.PathLike[str] | None = None,
    *,
    model: str | None = None,
    gazetteer: Path | None = None,
    strict: bool = False,
    on_article: Callable[[Extraction], None] | None = None,
) -> tuple[Graph, BuildSummary]:
    """Build the knowledge graph of ``inputs`` and, if ``output`` is given, write it.

    The output format follows the suffix (``.ttl .nt .nq .trig .jsonld``).
    """
    from kg.rdf.build import add_extraction
    from kg.rdf.namespace import bind_prefixes
    from kg.store import save_graph

    summary = BuildSummary()
    graph = bind_prefixes(Graph())
    for extraction in extract_inputs(
        inputs, summary, model=model, gazetteer=gazetteer, strict=strict, on_article=on_article
    ):
        add_extraction(graph, extraction)
    if output is not None:
        summary.output = save_graph(graph, output)
    return graph, summary
