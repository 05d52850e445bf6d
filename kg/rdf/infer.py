"""Inference: the relation triples that kg's ontology implies but extraction does not state.

Three kinds, computed with owlrl's OWL 2 RL rules from ``ontologies/kg.ttl``: the other
direction of a symmetric relation (``partnersWith``), the inverse of a relation
(``suppliesTo`` -> ``suppliedBy``), and every relation's super-property (``kg:relatedTo``).
Only relation triples and the ontology's property axioms go through owlrl (its closure of a
whole graph, provenance included, would be slow and mostly noise), and only relation triples
between kg's resources come back.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.rdf.namespace import INVERSES, KGR, RELATIONS, kg_term

INFERRED_PREDICATES: frozenset[URIRef] = frozenset(
    kg_term(name) for name in ("relatedTo", *RELATIONS, *INVERSES.values())
)
"""The predicates inference may add triples of."""

_AXIOMS = (RDFS.subPropertyOf, OWL.inverseOf)


def inferred_triples(graph: Graph, ontology: Graph) -> Graph:
    """The relation triples ``ontology`` implies from ``graph``'s and ``graph`` lacks.

    >>> from kg.rdf.namespace import KG, entity_iri
    >>> from kg.rdf.ontology import ontology_graph
    >>> graph = Graph()
    >>> graph.add((entity_iri("Micron"), KG.suppliesTo, entity_iri("Apple")))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> sorted(str(p).split("#")[1] for _, p, _ in inferred_triples(graph, ontology_graph()))
    ['relatedTo', 'suppliedBy']
    """
    import owlrl

    closure = Graph()
    for relation in INFERRED_PREDICATES:
        closure += graph.triples((None, relation, None))
    for axiom in _AXIOMS:
        closure += ontology.triples((None, axiom, None))
    closure += ontology.triples((None, RDF.type, OWL.SymmetricProperty))
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(closure)
    inferred = Graph()
    for triple in closure:
        subject, predicate, object_ = triple
        if (
            predicate in INFERRED_PREDICATES
            and str(subject).startswith(str(KGR))
            and str(object_).startswith(str(KGR))
            and triple not in graph
        ):
            inferred.add(triple)
    return inferred
