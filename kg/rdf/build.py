"""Extractions -> RDF: entities, one plain triple per fact, its provenance, article metadata.

The shape is described in ``docs/rdf-shape.md``. Every IRI is derived from content (labels,
ids, hashes), so adding the same extraction twice leaves the graph unchanged.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from functools import partial

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, XSD

from kg.errors import OntologyError
from kg.model import ENTITY_TYPES, Article, Entity, Extraction, Fact
from kg.rdf.namespace import (
    KG,
    RELATIONS,
    WD,
    article_iri,
    bind_prefixes,
    entity_iri,
    kg_term,
    statement_iri,
)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def build_graph(extractions: Iterable[Extraction]) -> Graph:
    """A new graph holding ``extractions``, with kg's prefixes bound.

    >>> from kg.model import Article
    >>> len(build_graph([Extraction(Article("a1", "No facts here."))]))
    2
    """
    graph = bind_prefixes(Graph())
    for extraction in extractions:
        add_extraction(graph, extraction)
    return graph


def add_extraction(graph: Graph, extraction: Extraction) -> None:
    """Add one article's metadata and its facts (with their entities) to ``graph``.

    Raises :class:`~kg.errors.OntologyError`, before adding anything, if a fact's predicate
    or an entity's type is not in the ontology.

    >>> from kg.model import Article
    >>> japan, micron = Entity("Japan", "Country"), Entity("Micron", "Company", qid="Q1141233")
    >>> text = "Japan subsidises Micron."
    >>> fact = Fact("a1", japan, "subsidises", micron, text, 0, len(text), 0.9)
    >>> graph = Graph()
    >>> add_extraction(graph, Extraction(Article("a1", text), facts=(fact,)))
    >>> (entity_iri("Japan"), KG.subsidises, entity_iri("Micron")) in graph
    True
    """
    for fact in extraction.facts:
        _check(fact.predicate, RELATIONS, f"predicate of fact {fact.key} in article {fact.doc!r}")
        for entity in (fact.subject, fact.object):
            _check(entity.type, ENTITY_TYPES, f"type of entity {entity.label!r}")
    _add_article(graph, extraction.article)
    for fact in extraction.facts:
        _add_entity(graph, fact.subject)
        _add_entity(graph, fact.object)
        _add_fact(graph, fact)


def _check(name: str, valid: Iterable[str], what: str) -> None:
    """Raise OntologyError unless ``name`` is one of ``valid``, suggesting the closest."""
    valid = tuple(valid)
    if name not in valid:
        closest = difflib.get_close_matches(name, valid, n=1)
        hint = f"did you mean {closest[0]!r}?" if closest else f"use one of {', '.join(valid)}"
        raise OntologyError(f"{name!r} ({what}) is not in kg's ontology; {hint}")


def _add_article(graph: Graph, article: Article) -> None:
    iri = article_iri(article.id)
    graph.add((iri, RDF.type, KG.Article))
    graph.add((iri, KG.articleId, Literal(article.id)))
    fields = (
        (DCTERMS.title, article.title, Literal),
        (DCTERMS.date, article.date, _date_literal),
        (SDO.url, article.url, partial(Literal, datatype=XSD.anyURI)),
        (DCTERMS.publisher, article.source, Literal),
        (DCTERMS.source, article.origin, Literal),
    )
    for predicate, text, to_literal in fields:
        if text:
            graph.add((iri, predicate, to_literal(text)))


def _date_literal(text: str) -> Literal:
    """An ``xsd:date`` for an ISO calendar date, else the text as it came.

    >>> _date_literal("2023-05-26").datatype == XSD.date, _date_literal("May 2023").datatype
    (True, None)
    """
    if _ISO_DATE.fullmatch(text):
        try:
            date.fromisoformat(text)
        except ValueError:  # shaped like a date but not one, e.g. 2023-02-30
            return Literal(text)
        return Literal(text, datatype=XSD.date)
    return Literal(text)


def _add_entity(graph: Graph, entity: Entity) -> URIRef:
    iri = entity_iri(entity.label)
    graph.add((iri, RDF.type, kg_term(entity.type)))
    graph.add((iri, RDFS.label, Literal(entity.label)))
    if entity.country:
        graph.add((iri, KG.country, _add_entity(graph, Entity(entity.country, "Country"))))
    if entity.qid:
        graph.add((iri, OWL.sameAs, WD[entity.qid]))
    return iri


def _add_fact(graph: Graph, fact: Fact) -> None:
    subject, object_ = entity_iri(fact.subject.label), entity_iri(fact.object.label)
    predicate = kg_term(fact.predicate)
    graph.add((subject, predicate, object_))
    statement = statement_iri(fact)
    provenance = (
        (RDF.type, RDF.Statement),
        (RDF.subject, subject),
        (RDF.predicate, predicate),
        (RDF.object, object_),
        (PROV.wasDerivedFrom, article_iri(fact.doc)),
        (KG.evidence, Literal(fact.evidence)),
        (KG.start, Literal(fact.start)),
        (KG.end, Literal(fact.end)),
        # Through repr, so 0.85 is written "0.85", not the float's full binary expansion.
        (KG.confidence, Literal(Decimal(repr(fact.confidence)))),
        (KG.modality, Literal(fact.modality)),
    )
    for attribute, value in provenance:
        graph.add((statement, attribute, value))
    if fact.rule:
        graph.add((statement, KG.rule, Literal(fact.rule)))
