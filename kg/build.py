"""The whole path in one call: input files -> articles -> facts -> RDF graph (-> file).

>>> summary = build(["examples/"], "graph.ttl")  # doctest: +SKIP
>>> summary.facts  # doctest: +SKIP
18
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from rdflib import Graph

from kg.model import Article, Extraction, Problem

Inputs = Iterable[str | os.PathLike[str]]


@dataclass
class BuildSummary:
    """What a build read and made.

    ``articles`` counts the articles extracted; with a store, ``unchanged`` counts those it
    already held (not extracted again) and ``replaced`` those whose content had changed.
    """

    model: str = ""
    articles: int = 0
    entities: int = 0
    facts: int = 0
    problems: list[Problem] = field(default_factory=list)
    output: Path | None = None
    store: Path | None = None
    unchanged: int = 0
    replaced: int = 0
    inferred: int = 0

    def lines(self) -> list[str]:
        """The closing summary, one line per figure.

        >>> BuildSummary(articles=2, facts=5).lines()[0]
        'articles: 2'
        """
        out = [
            f"articles: {self.articles}",
            f"entities: {self.entities}",
            f"facts:    {self.facts}",
            f"problems: {len(self.problems)}",
        ]
        if self.inferred:
            out.append(f"inferred: {self.inferred} triples")
        if self.store is not None:
            changes = f"{self.replaced} replaced, {self.unchanged} unchanged"
            out.append(f"store:    {self.store} ({changes})")
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
    skip: Callable[[Article], bool] | None = None,
    jobs: int = 1,
    time_limit: float | None = None,
) -> Iterator[Extraction]:
    """Read every input and extract each article, keeping count in ``summary``.

    Bad items are recorded in ``summary.problems`` and skipped (with ``strict``, the first
    raises :class:`~kg.errors.IngestError`). Articles for which ``skip`` is true are not
    extracted; they count in ``summary.unchanged``. ``jobs`` > 1 extracts in that many worker
    processes; ``time_limit`` (seconds) turns an article that takes longer into a problem.
    """
    from kg.ingest import read_articles

    entities: set[str] = set()

    def articles() -> Iterator[Article]:
        for item in read_articles(inputs, strict=strict):
            if isinstance(item, Problem):
                summary.problems.append(item)
            elif skip is not None and skip(item):
                summary.unchanged += 1
            else:
                yield item

    if jobs > 1:
        from kg.extract.parallel import extract_parallel
        from kg.extract.pipeline import describe_model

        summary.model = describe_model(model)
        extractions = extract_parallel(
            articles(), jobs=jobs, model=model, gazetteer=gazetteer, time_limit=time_limit
        )
    else:
        from kg.extract import extract, load_pipeline

        nlp = load_pipeline(model, gazetteer=gazetteer)
        summary.model = nlp.meta["kg_model"]
        extractions = extract(articles(), nlp, time_limit=time_limit)
    for extraction in extractions:
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
    store: str | os.PathLike[str] | None = None,
    infer: bool = False,
    timestamp: bool = True,
    jobs: int = 1,
    time_limit: float | None = None,
) -> tuple[Graph, BuildSummary]:
    """Build the knowledge graph of ``inputs`` and, if ``output`` is given, write it.

    The output format follows the suffix (``.ttl .nt .nq .trig .jsonld``). With ``store``,
    the graph goes into the on-disk Oxigraph store in that folder (made if needed): articles
    it already holds with the same content are not extracted again, changed ones replace
    their earlier version; the store is closed at the end and the returned graph reads it.
    ``infer`` adds the relation triples that symmetry, inverses and super-properties imply
    (:mod:`kg.rdf.infer`). ``timestamp`` records this run's time as every new statement's
    ``prov:generatedAtTime``; without it, building the same inputs twice gives the same graph.
    ``jobs`` worker processes extract (one: in this process); ``time_limit`` seconds per
    100,000 characters of an article, beyond which the article becomes a problem.
    """
    from kg.graphstore import export_graph
    from kg.rdf.build import add_extraction
    from kg.rdf.namespace import bind_prefixes

    summary = BuildSummary()
    extracted_at = datetime.now(UTC).replace(microsecond=0) if timestamp else None
    extract = partial(
        extract_inputs,
        model=model,
        gazetteer=gazetteer,
        strict=strict,
        on_article=on_article,
        jobs=jobs,
        time_limit=time_limit,
    )
    if store is not None:
        extractions = partial(extract, inputs, summary)
        graph = _build_store(extractions, Path(store), summary, extracted_at, infer)
    else:
        graph = bind_prefixes(Graph())
        for extraction in extract(inputs, summary):
            add_extraction(graph, extraction, extracted_at=extracted_at)
        if infer:
            summary.inferred = _add_inferred(graph)
    if output is not None:
        summary.output = export_graph(graph, output)
    return graph, summary


def _build_store(
    extractions: Callable[..., Iterator[Extraction]],
    path: Path,
    summary: BuildSummary,
    extracted_at: datetime | None,
    infer: bool,
) -> Graph:
    """Add to the store at ``path`` what ``extractions(skip=...)`` extracts; the store's graph."""
    from kg.graphstore import Change, GraphStore

    summary.store = path
    with GraphStore(path) as store:
        for extraction in extractions(skip=store.holds):
            if store.add_extraction(extraction, extracted_at=extracted_at) is Change.replaced:
                summary.replaced += 1
        if infer:
            summary.inferred = _add_inferred(store.graph)
    return GraphStore(path, read_only=True).graph


def _add_inferred(graph: Graph) -> int:
    """Add to ``graph`` the triples inference finds; how many."""
    from kg.rdf.infer import inferred_triples
    from kg.rdf.oxigraph import oxigraph_of, to_ox_quads
    from kg.validate import ontology_graph

    inferred = inferred_triples(graph, ontology_graph())
    store = oxigraph_of(graph)
    if store is not None:
        store.extend(to_ox_quads(inferred))
    else:
        graph += inferred
    return len(inferred)
