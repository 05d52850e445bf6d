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
from typing import TYPE_CHECKING, Literal

from rdflib import Graph

from kg.errors import ExtractionError, KgError
from kg.model import Article, Extraction, Fact, Problem, Skipped

if TYPE_CHECKING:
    from kg.graphstore import GraphStore

Inputs = Iterable[str | os.PathLike[str]]
Engine = Literal["local", "dask"]


@dataclass
class BuildSummary:
    """What a build read and made.

    ``articles`` counts the articles handed to extraction, ``failed`` those of them that gave
    a problem instead of facts, and ``facts`` their facts; with a store, ``unchanged`` counts
    those it already held (not extracted again) and ``replaced`` those whose content had
    changed. ``entities`` counts the entities in facts, as the graph holds them (see
    :func:`fact_entities`): the graph built's (the whole store's, with a store), or ``None``
    where no graph is kept here (a build pushed to an endpoint only). ``skipped`` lists the
    files folders held that were left out (gold files, ``exclude``). A distributed build wrote
    ``shards`` N-Quads files and pushed ``pushed`` triples.
    """

    model: str = ""
    articles: int = 0
    failed: int = 0
    entities: int | None = 0
    facts: int = 0
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    output: Path | None = None
    store: Path | None = None
    unchanged: int = 0
    replaced: int = 0
    inferred: int = 0
    shards: int = 0
    pushed: int = 0

    def lines(self) -> list[str]:
        """The closing summary, one line per figure.

        >>> BuildSummary(articles=2, failed=1, entities=3, facts=5).lines()[:2]
        ['articles: 2 (1 failed)', 'entities: 3 (in facts)']
        """
        failed = f" ({self.failed} failed)" if self.failed else ""
        out = [f"articles: {self.articles}{failed}"]
        if self.entities is not None:
            where = "in the store's facts" if self.store is not None else "in facts"
            out.append(f"entities: {self.entities} ({where})")
        out += [f"facts:    {self.facts}", f"problems: {len(self.problems)}"]
        out += [f"skipped:  {line}" for line in _skipped_lines(self.skipped)]
        if self.inferred:
            out.append(f"inferred: {self.inferred} triples")
        if self.store is not None:
            changes = f"{self.replaced} replaced, {self.unchanged} unchanged"
            out.append(f"store:    {self.store} ({changes})")
        if self.shards:
            out.append(f"shards:   {self.shards}")
        if self.pushed:
            out.append(f"pushed:   {self.pushed} triples")
        if self.output is not None:
            out.append(f"written:  {self.output}")
        return out

    def nothing_built(self) -> str | None:
        """Why no article was extracted from the inputs, or ``None`` if one was (or a store
        already held it unchanged).

        >>> BuildSummary(articles=3, failed=3).nothing_built()
        'no article extracted: all 3 failed'
        >>> BuildSummary(articles=3, failed=2).nothing_built() is None
        True
        """
        if self.articles > self.failed or self.unchanged:
            return None
        if self.failed:
            return f"no article extracted: all {self.failed} failed"
        if self.problems:
            return "no article extracted: no input could be read as one"
        return "no article extracted: the inputs hold none"


def _skipped_lines(skipped: list[Skipped], shown: int = 3) -> Iterator[str]:
    """One line per reason: how many, and the first ``shown`` of them.

    >>> list(_skipped_lines([Skipped("a.gold.jsonl", "gold file")]))
    ['1 gold file (a.gold.jsonl)']
    """
    words = {
        "gold file": ("gold file", "gold files"),
        "excluded": ("path excluded", "paths excluded"),
    }
    for reason, (one, many) in words.items():
        where = [s.where for s in skipped if s.reason == reason]
        if where:
            more = f", and {len(where) - shown} more" if len(where) > shown else ""
            what = one if len(where) == 1 else many
            yield f"{len(where)} {what} ({', '.join(where[:shown])}{more})"


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
    count_entities: bool = True,
    exclude: Iterable[str] = (),
) -> Iterator[Extraction]:
    """Read every input and extract each article, keeping count in ``summary``.

    Bad items are recorded in ``summary.problems`` and skipped (with ``strict``, the first
    raises :class:`~kg.errors.IngestError`, and the first article that fails to extract
    :class:`~kg.errors.ExtractionError`). Files left out of folders (gold files, the glob
    patterns ``exclude``; see :func:`~kg.ingest.read_articles`) go to ``summary.skipped``.
    Articles for which ``skip`` is true are not extracted; they count in ``summary.unchanged``.
    ``jobs`` > 1 extracts in that many worker processes; ``time_limit`` (seconds) turns an
    article that takes longer into a problem. ``count_entities`` counts the entities in facts
    (:func:`fact_entities`) in ``summary.entities``, keeping their IRIs in memory meanwhile
    (:func:`build` counts the graph's instead).
    """
    from kg.ingest import read_articles

    entities: set[str] = set()

    def articles() -> Iterator[Article]:
        items = read_articles(
            inputs, strict=strict, exclude=exclude, on_skip=summary.skipped.append
        )
        for item in items:
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
        summary.failed += bool(extraction.problems)
        summary.facts += len(extraction.facts)
        summary.problems.extend(extraction.problems)
        if strict and extraction.problems:  # --strict: a failed article stops the run too
            raise ExtractionError(str(extraction.problems[0]))
        if count_entities:
            entities |= fact_entities(extraction.facts)
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
    engine: Engine = "local",
    scheduler: str | None = None,
    shards: str | os.PathLike[str] | None = None,
    endpoint: str | None = None,
    partition: int | None = None,
    exclude: Iterable[str] = (),
) -> tuple[Graph, BuildSummary]:
    """Build the knowledge graph of ``inputs`` and, if ``output`` is given, write it.

    The output format follows the suffix (``.ttl .nt .nq .trig .jsonld``). With ``store``,
    the graph goes into the on-disk Oxigraph store in that folder (made if needed), one article
    at a time: articles it already holds with the same content are not extracted again (so an
    interrupted build resumes), changed ones replace their earlier version; the store is closed
    at the end and the returned graph reads it. ``infer`` adds the relation triples that
    symmetry, inverses and super-properties imply (:mod:`kg.rdf.infer`). ``timestamp`` records
    this run's time as every new statement's ``prov:generatedAtTime``; without it, building the
    same inputs twice gives the same graph. ``jobs`` worker processes extract (one: in this
    process); ``time_limit`` seconds per 100,000 characters of an article, beyond which the
    article becomes a problem. Folders are read without their gold files and the paths that
    match a glob pattern of ``exclude`` (:func:`~kg.ingest.read_articles`). When no article
    could be extracted (:meth:`BuildSummary.nothing_built`), ``output`` is not written: an
    earlier graph there stays as it was.

    ``engine="dask"`` extracts on a Dask cluster instead (:mod:`kg.distributed`): the scheduler
    at ``scheduler``, else a local cluster of ``jobs`` worker processes, ``partition`` articles
    a task. The graph goes to N-Quads shards (kept in the folder ``shards`` if given), from
    there into the store (or, for ``output``, a graph in memory) and to the SPARQL endpoint
    ``endpoint`` if given.
    """
    from kg.graphstore import export_graph

    summary = BuildSummary()
    extracted_at = datetime.now(UTC).replace(microsecond=0) if timestamp else None
    # A build that only pushes to an endpoint keeps no graph here (it would grow with the corpus).
    keep = endpoint is None or output is not None or infer
    if engine == "dask":
        from kg.distributed import PARTITION, Options, build_distributed
        from kg.extract.pipeline import describe_model

        summary.model = describe_model(model)
        fill: Callable[..., Graph] = partial(
            build_distributed,
            inputs,
            summary,
            Options(model, str(gazetteer or ""), time_limit, extracted_at),
            keep=keep,
            shards=Path(shards) if shards is not None else None,
            endpoint=endpoint,
            scheduler=scheduler,
            workers=jobs,
            strict=strict,
            partition=partition or PARTITION,
            exclude=tuple(exclude),
        )
    elif endpoint is not None or scheduler is not None or shards is not None:
        raise KgError("--endpoint, --scheduler and --shards need --engine dask")
    else:
        extractions = partial(
            extract_inputs,
            inputs,
            summary,
            model=model,
            gazetteer=gazetteer,
            strict=strict,
            on_article=on_article,
            jobs=jobs,
            time_limit=time_limit,
            count_entities=False,
            exclude=exclude,
        )
        fill = partial(_fill_local, extractions, summary, extracted_at)
    if store is not None:
        graph = _build_store(fill, Path(store), summary, infer)
    else:
        graph = fill(store=None)
        _finish(graph, summary, infer, counted=keep)
    if output is not None and summary.nothing_built() is None:
        summary.output = export_graph(graph, output)
    return graph, summary


def fact_entities(facts: Iterable[Fact]) -> set[str]:
    """The entities in ``facts``, by IRI, as a graph of them holds them: each fact's subject
    and object, and their countries. :func:`count_entities` counts the same in a graph.

    >>> from kg.model import Entity
    >>> fact = Fact("a1", Entity("Japan", "Country"), "subsidises",
    ...             Entity("Micron", "Company", country="United States"), "…", 0, 1, 0.9)
    >>> sorted(iri.rsplit("/", 1)[1] for iri in fact_entities([fact]))
    ['japan', 'micron', 'united-states']
    """
    from kg.rdf.namespace import entity_iri

    entities = [entity for fact in facts for entity in (fact.subject, fact.object)]
    labels = {e.label for e in entities} | {e.country for e in entities if e.country}
    return {str(entity_iri(label)) for label in labels}


def count_entities(graph: Graph) -> int:
    """How many distinct entities ``graph`` holds (the resources with an ``rdfs:label``).

    >>> from kg.model import Entity, Fact
    >>> from kg.rdf.build import build_graph
    >>> text = "Japan subsidises Micron."
    >>> fact = Fact("a1", Entity("Japan", "Country"), "subsidises",
    ...             Entity("Micron", "Company"), text, 0, len(text), 0.9)
    >>> count_entities(build_graph([Extraction(Article("a1", text), facts=(fact,))]))
    2
    """
    from kg.query import run_query

    result = run_query(graph, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e rdfs:label ?l }")
    return int(str(result.rows[0][0]))


def _fill_local(
    extractions: Callable[..., Iterator[Extraction]],
    summary: BuildSummary,
    extracted_at: datetime | None,
    store: GraphStore | None,
) -> Graph:
    """Add each extraction to ``store`` as it comes, skipping the articles it holds; without a
    store, to a new graph in memory. The graph filled."""
    from kg.graphstore import Change
    from kg.rdf.build import add_extraction
    from kg.rdf.namespace import bind_prefixes

    if store is None:
        graph = bind_prefixes(Graph())
        for extraction in extractions():
            add_extraction(graph, extraction, extracted_at=extracted_at)
        return graph
    for extraction in extractions(skip=store.holds):
        if store.add_extraction(extraction, extracted_at=extracted_at) is Change.replaced:
            summary.replaced += 1
    return store.graph


def _build_store(
    fill: Callable[..., Graph], path: Path, summary: BuildSummary, infer: bool
) -> Graph:
    """Fill the store at ``path`` (``fill(store=...)``); the store's graph, read-only."""
    from kg.graphstore import GraphStore

    summary.store = path
    with GraphStore(path) as store:
        _finish(fill(store=store), summary, infer)
    return GraphStore(path, read_only=True).graph


def _finish(graph: Graph, summary: BuildSummary, infer: bool, *, counted: bool = True) -> None:
    """Add what inference finds, if asked, and count the entities (unless not ``counted``:
    a graph that was not kept)."""
    if infer:
        summary.inferred = _add_inferred(graph)
    summary.entities = count_entities(graph) if counted else None


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
