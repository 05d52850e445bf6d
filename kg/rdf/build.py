"""Extractions -> RDF: entities, one plain triple per fact, its provenance, article metadata.

The shape is described in ``docs/rdf-shape.md`` (provenance in ``docs/provenance.md``). Every
IRI is derived from content (labels, ids, hashes), so adding the same extraction twice leaves
the graph unchanged. The one value that is not derived from content, the extraction time, is
passed in by the caller (one per build run) and left out when it is ``None``.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
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

Triple = tuple[URIRef, URIRef, URIRef | Literal]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def build_graph(
    extractions: Iterable[Extraction], *, extracted_at: datetime | None = None
) -> Graph:
    """A new graph holding ``extractions``, with kg's prefixes bound.

    >>> from kg.model import Article
    >>> len(build_graph([Extraction(Article("a1", "No facts here."))]))
    3
    """
    graph = bind_prefixes(Graph())
    for extraction in extractions:
        add_extraction(graph, extraction, extracted_at=extracted_at)
    return graph


def add_extraction(
    graph: Graph, extraction: Extraction, *, extracted_at: datetime | None = None
) -> None:
    """Add one article's metadata and its facts (with their entities) to ``graph``.

    ``extracted_at``, when given, is recorded as every statement's ``prov:generatedAtTime``.
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
    graph.addN((*triple, graph) for triple in extraction_triples(extraction, extracted_at))


def extraction_triples(
    extraction: Extraction, extracted_at: datetime | None = None
) -> list[Triple]:
    """Every triple that records ``extraction`` (repeats included), checked first.

    Raises :class:`~kg.errors.OntologyError`, before producing any triple, if a fact's
    predicate or an entity's type is not in the ontology.

    >>> from kg.model import Article
    >>> [str(p) for _, p, _ in extraction_triples(Extraction(Article("a1", "Text.")))]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'https://w3id.org/kg/ontology#articleId',
     'https://w3id.org/kg/ontology#contentHash']
    """
    for fact in extraction.facts:
        _check(fact.predicate, RELATIONS, f"predicate of fact {fact.key} in article {fact.doc!r}")
        for entity in (fact.subject, fact.object):
            _check(entity.type, ENTITY_TYPES, f"type of entity {entity.label!r}")
    triples = list(_article_triples(extraction.article))
    for fact in extraction.facts:
        triples += _entity_triples(fact.subject)
        triples += _entity_triples(fact.object)
        triples += _fact_triples(fact, extracted_at)
    return triples


def content_hash(article: Article) -> str:
    """SHA-256 of what the graph records about ``article`` (not where it was read from).

    >>> content_hash(Article("a1", "Text.")) == content_hash(Article("a1", "Text.", origin="x"))
    True
    >>> content_hash(Article("a1", "Text.")) == content_hash(Article("a1", "Text!"))
    False
    """
    fields = (article.id, article.text, article.title, article.date, article.url, article.source)
    return hashlib.sha256(json.dumps(fields).encode("utf-8", "surrogatepass")).hexdigest()


def _check(name: str, valid: Iterable[str], what: str) -> None:
    """Raise OntologyError unless ``name`` is one of ``valid``, suggesting the closest."""
    valid = tuple(valid)
    if name not in valid:
        closest = difflib.get_close_matches(name, valid, n=1)
        hint = f"did you mean {closest[0]!r}?" if closest else f"use one of {', '.join(valid)}"
        raise OntologyError(f"{name!r} ({what}) is not in kg's ontology; {hint}")


def _article_triples(article: Article) -> Iterator[Triple]:
    iri = article_iri(article.id)
    yield iri, RDF.type, KG.Article
    yield iri, KG.articleId, Literal(article.id)
    yield iri, KG.contentHash, Literal(content_hash(article))
    fields = (
        (DCTERMS.title, article.title, Literal),
        (DCTERMS.date, article.date, _date_literal),
        (SDO.url, article.url, partial(Literal, datatype=XSD.anyURI)),
        (DCTERMS.publisher, article.source, Literal),
        (DCTERMS.source, article.origin, Literal),
    )
    for predicate, text, to_literal in fields:
        if text:
            yield iri, predicate, to_literal(text)


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


def _entity_triples(entity: Entity) -> Iterator[Triple]:
    iri = entity_iri(entity.label)
    yield iri, RDF.type, kg_term(entity.type)
    yield iri, RDFS.label, Literal(entity.label)
    if entity.country:
        yield iri, KG.country, entity_iri(entity.country)
        yield from _entity_triples(Entity(entity.country, "Country"))
    if entity.qid:
        yield iri, OWL.sameAs, WD[entity.qid]


def _fact_triples(fact: Fact, extracted_at: datetime | None) -> Iterator[Triple]:
    subject, object_ = entity_iri(fact.subject.label), entity_iri(fact.object.label)
    predicate = kg_term(fact.predicate)
    yield subject, predicate, object_
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
        yield statement, attribute, value
    if fact.rule:
        yield statement, KG.rule, Literal(fact.rule)
    if fact.context:
        yield statement, KG.context, Literal(fact.context)
    if extracted_at is not None:
        yield statement, PROV.generatedAtTime, Literal(extracted_at, datatype=XSD.dateTime)
