"""The whole path in one call: input files -> articles -> facts -> RDF graph (-> file).

>>> graph, summary = build(["examples/"], "graph.ttl")  # doctest: +SKIP
>>> summary.facts  # doctest: +SKIP
18
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.builder.local import fill_local
from kg.builder.options import BuildOptions, Inputs
from kg.builder.summary import BuildSummary, count_entities
from kg.model import Extraction


def build(
    inputs: Inputs,
    output: str | os.PathLike[str] | None = None,
    *,
    options: BuildOptions | None = None,
    on_article: Callable[[Extraction], None] | None = None,
    **settings: Any,
) -> tuple[Graph, BuildSummary]:
    """Build the knowledge graph of ``inputs`` and, if ``output`` is given, write it.

    How is said by ``options`` and/or ``settings``, the fields of :class:`BuildOptions` as
    keywords (``build(paths, "graph.ttl", store="kgstore", jobs=4)``). The output format follows
    the suffix (``.ttl .nt .nq .trig .jsonld``). With ``store``, the graph goes into the on-disk
    Oxigraph store in that folder (made if needed), one article at a time: articles it already
    holds with the same content are not extracted again (so an interrupted build resumes),
    changed ones replace their earlier version; the store is closed at the end and the returned
    graph reads it. ``infer`` adds the relation triples that symmetry, inverses and
    super-properties imply (:mod:`kg.rdf.infer`). ``timestamp`` records this run's time as every
    new statement's ``prov:generatedAtTime``; without it, building the same inputs twice gives
    the same graph. ``on_article`` is called with each extraction as it comes (local engine).
    When no article could be extracted (:meth:`BuildSummary.nothing_built`), ``output`` is not
    written: an earlier graph there stays as it was.

    ``engine="dask"`` extracts on a Dask cluster instead (:mod:`kg.builder.dask`): the graph
    goes to N-Quads shards, from there into the store (or, for ``output``, a graph in memory)
    and to the SPARQL endpoint ``endpoint`` if given.

    >>> build(["examples/"], colour="red")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    TypeError: unknown build setting 'colour'; use one of [...]
    """
    from kg.store.files import export_graph

    options = BuildOptions.of(options, **settings)
    summary = BuildSummary()
    extracted_at = options.extraction_time()
    # A build that only pushes to an endpoint keeps no graph here (it would grow with the corpus).
    keep = options.endpoint is None or output is not None or options.infer
    fill: Callable[..., Graph]
    if options.engine == "dask":
        from kg.builder.dask import build_distributed
        from kg.extract.pipeline import describe_model

        summary.model = describe_model(options.model, options.relations)
        fill = partial(build_distributed, inputs, options, summary, extracted_at, keep=keep)
    else:
        fill = partial(fill_local, inputs, options, summary, extracted_at, on_article)
    if options.store is not None:
        graph = _build_store(fill, options.store, summary, options.infer)
    elif options.engine == "dask":  # into a store in memory
        graph = fill(store=None)
        _finish(graph, summary, options.infer, counted=keep)
    else:
        from kg.store.disk import temporary_graph

        graph = fill(store=None, into=temporary_graph())
        _finish(graph, summary, options.infer)
    if output is not None and summary.nothing_built() is None:
        summary.output = export_graph(graph, output)
    return graph, summary


def _build_store(
    fill: Callable[..., Graph], path: Path, summary: BuildSummary, infer: bool
) -> Graph:
    """Fill the store at ``path`` (``fill(store=...)``); the store's graph, read-only."""
    from kg.store.disk import GraphStore

    summary.store = path
    with GraphStore(path) as store:
        _finish(fill(store=store), summary, infer)
    graph = GraphStore(path, read_only=True).graph
    from kg.analysis.projection import summarise

    summarise(graph)  # so that `kg analyze --store` need not read every statement
    return graph


def _finish(graph: Graph, summary: BuildSummary, infer: bool, *, counted: bool = True) -> None:
    """Add what inference finds, if asked, and count the entities (unless not ``counted``:
    a graph that was not kept)."""
    if infer:
        summary.inferred = _add_inferred(graph)
    summary.entities = count_entities(graph) if counted else None


def _add_inferred(graph: Graph) -> int:
    """Add to ``graph`` the triples inference finds; how many."""
    from kg.rdf.infer import inferred_triples
    from kg.rdf.ontology import ontology_graph
    from kg.store.oxigraph import add_triples

    inferred = inferred_triples(graph, ontology_graph())
    add_triples(graph, inferred)
    return len(inferred)
