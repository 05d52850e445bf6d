"""The local engine: extraction in this process or in worker processes on this machine."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING

from rdflib import Graph

from kg.builder.options import BuildOptions, Inputs
from kg.builder.source import articles_to_extract
from kg.builder.summary import BuildSummary, fact_entities
from kg.model import Extraction

if TYPE_CHECKING:
    from kg.store.disk import GraphStore


def extract_inputs(
    inputs: Inputs,
    summary: BuildSummary,
    options: BuildOptions | None = None,
    *,
    on_article: Callable[[Extraction], None] | None = None,
    count_entities: bool = True,
    store: GraphStore | None = None,
) -> Iterator[Extraction]:
    """Read every input and extract each article, keeping count in ``summary``.

    Bad items are recorded in ``summary.problems`` and skipped (with ``options.strict``, the
    first raises :class:`~kg.errors.IngestError`, and the first article that fails to extract
    :class:`~kg.errors.ExtractionError`). Files left out of folders go to ``summary.skipped``;
    articles ``store`` holds unchanged are not extracted and count in ``summary.unchanged``.
    ``options.jobs`` > 1 extracts in that many worker processes; ``options.time_limit``
    (seconds) turns an article that takes longer into a problem. ``count_entities`` counts the
    entities in facts (:func:`~kg.builder.summary.fact_entities`) in ``summary.entities``,
    keeping their IRIs in memory meanwhile (:func:`kg.build` counts the graph's instead).

    >>> summary = BuildSummary()
    >>> [x.facts for x in extract_inputs(["examples/"], summary)]  # doctest: +SKIP
    """
    options = options or BuildOptions()
    articles = (article for article, _ in articles_to_extract(inputs, options, summary, store))
    if options.jobs > 1:
        from kg.extract.parallel import extract_parallel
        from kg.extract.pipeline import describe_model

        summary.model = describe_model(options.model, options.relations)
        extractions = extract_parallel(
            articles,
            jobs=options.jobs,
            model=options.model,
            gazetteer=options.gazetteer,
            relations=options.relations,
            time_limit=options.time_limit,
        )
    else:
        from kg.extract import extract, load_pipeline

        nlp = load_pipeline(options.model, gazetteer=options.gazetteer, relations=options.relations)
        summary.model = nlp.meta["kg_model"]
        extractions = extract(articles, nlp, time_limit=options.time_limit)
    entities: set[str] = set()
    for extraction in extractions:
        summary.extraction(extraction, strict=options.strict)
        if count_entities:
            entities |= fact_entities(extraction.facts)
            summary.entities = len(entities)
        if on_article is not None:
            on_article(extraction)
        yield extraction


def fill_local(
    inputs: Inputs,
    options: BuildOptions,
    summary: BuildSummary,
    extracted_at: datetime | None,
    on_article: Callable[[Extraction], None] | None,
    store: GraphStore | None,
    *,
    into: Graph | None = None,
) -> Graph:
    """Extract ``inputs`` and add each article to ``store`` as it comes (those it holds
    unchanged are skipped); without a store, to ``into`` (a graph over a temporary Oxigraph
    store, :func:`kg.store.disk.temporary_graph`, the articles merged into it in batches) or
    else a new graph in memory. The graph filled."""
    from kg.rdf.build import add_extraction
    from kg.rdf.namespace import bind_prefixes

    extractions = extract_inputs(
        inputs, summary, options, on_article=on_article, count_entities=False, store=store
    )
    if store is not None:
        for extraction in extractions:
            store_extraction(store, extraction, extracted_at, summary)
        return store.graph
    if into is not None:
        from kg.store.disk import merge_extractions

        merge_extractions(into, extractions, extracted_at=extracted_at)
        return into
    graph = bind_prefixes(Graph())
    for extraction in extractions:
        add_extraction(graph, extraction, extracted_at=extracted_at)
    return graph


def store_extraction(
    store: GraphStore, extraction: Extraction, extracted_at: datetime | None, summary: BuildSummary
) -> None:
    """Add ``extraction`` to ``store``, counting in ``summary`` an article it replaced."""
    from kg.store.disk import Change

    if store.add_extraction(extraction, extracted_at=extracted_at) is Change.replaced:
        summary.replaced += 1
