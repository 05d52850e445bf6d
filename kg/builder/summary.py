"""What a build read and made: :class:`BuildSummary`, and the entities it counts.

The summary is filled through its methods only: the article source (:mod:`kg.builder.source`)
reports what it read, skipped and left unchanged; each engine reports what extraction gave
(:meth:`BuildSummary.extracted`) and what the store replaced; the build the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.errors import ExtractionError
from kg.model import Extraction, Fact, Problem, Skipped, printable


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

    def extracted(
        self, articles: int, facts: int, problems: Sequence[Problem], *, failed: int, strict: bool
    ) -> None:
        """Count ``articles`` handed to extraction, ``failed`` of them with a problem instead
        of facts, their ``facts`` and ``problems``; with ``strict``, a problem then stops the
        build (:class:`~kg.errors.ExtractionError`).

        >>> summary = BuildSummary()
        >>> summary.extracted(2, 5, [Problem("a.txt", "too long")], failed=1, strict=False)
        >>> summary.articles, summary.failed, summary.facts, len(summary.problems)
        (2, 1, 5, 1)
        """
        self.articles += articles
        self.failed += failed
        self.facts += facts
        self.problems.extend(problems)
        if strict and problems:  # --strict: a failed article stops the run too
            raise ExtractionError(str(problems[0]))

    def extraction(self, extraction: Extraction, *, strict: bool) -> None:
        """Count one article's extraction (see :meth:`extracted`)."""
        problems = extraction.problems
        self.extracted(1, len(extraction.facts), problems, failed=bool(problems), strict=strict)

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
        "folder read already": ("link to a folder read already", "links to folders read already"),
    }
    for reason, (one, many) in words.items():
        where = [printable(s.where) for s in skipped if s.reason == reason]
        if where:
            more = f", and {len(where) - shown} more" if len(where) > shown else ""
            what = one if len(where) == 1 else many
            yield f"{len(where)} {what} ({', '.join(where[:shown])}{more})"


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

    >>> from kg.model import Article, Entity, Extraction, Fact
    >>> from kg.rdf.build import build_graph
    >>> text = "Japan subsidises Micron."
    >>> fact = Fact("a1", Entity("Japan", "Country"), "subsidises",
    ...             Entity("Micron", "Company"), text, 0, len(text), 0.9)
    >>> count_entities(build_graph([Extraction(Article("a1", text), facts=(fact,))]))
    2
    """
    from kg.sparql.query import run_query

    result = run_query(graph, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e rdfs:label ?l }")
    return int(str(result.rows[0][0]))
