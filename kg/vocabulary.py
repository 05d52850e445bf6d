"""kg's relation vocabulary, read from ``ontologies/kg.ttl``, its one home.

kg.ttl declares each relation (a sub-property of ``kg:relatedTo``) with its ``kg:polarity``,
its analysis ``kg:layer``, its inverse (``owl:inverseOf`` on the inverse), whether it is an
``owl:SymmetricProperty``, its domain and range, and its part in exposure analysis
(``kg:exposureAlong``, ``kg:exposureAgainst``, ``kg:exposureMeasure``). Everything else takes
them from here: the closed namespace and the checks of :mod:`kg.rdf`, the SHACL shapes, the
reference page, the relation frames and the analyses. Adding a relation is declaring it in
kg.ttl (and its frames in relations.yml).

Relations come in the order kg.ttl declares them, which is the order of every table and list
made from them.

>>> VOCABULARY.relations["suppliesTo"].inverse, VOCABULARY.relations["suppliesTo"].layer
('suppliedBy', 'supply')
>>> RELATIONS[:2], POLARITY["sanctions"], "competesWith" in SYMMETRIC
(('partnersWith', 'cooperatesWith'), 'conflictual', True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kg.data import data_path
from kg.errors import DataError

NAMESPACE = "https://w3id.org/kg/ontology#"
"""The namespace of kg's vocabulary (prefix ``kg:``)."""

POLARITIES = ("cooperative", "conflictual", "structural")
"""The values of ``kg:polarity``: how a relation bears on the ties between its parties."""

LAYER_NAMES = ("supply", "geopolitical", "people", "structural")
"""The values of ``kg:layer``: who makes, owns, sells to and works with whom; what states do to
and with one another; who leads what; where firms sit, what they make and which alliances
states belong to."""

_DECLARATION = re.compile(r"^kg:(\w+)\s+a\s", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Relation:
    """One relation of kg.ttl and what the ontology says of it."""

    name: str
    polarity: str
    layer: str
    inverse: str | None = None
    """The local name of its ``owl:inverseOf``, which only inference writes."""
    symmetric: bool = False
    domain: tuple[str, ...] = ()
    """The classes its subject may have (the members of an ``owl:unionOf``)."""
    range: tuple[str, ...] = ()
    exposure_along: str | None = None
    """What the entity it leads to is, to exposure analysis walking it from its subject."""
    exposure_against: str | None = None
    """What the entity it comes from is, to exposure analysis walking it back from its object."""
    measure: bool = False
    """A measure one party takes against another (export controls, sanctions, bans)."""


@dataclass(frozen=True)
class Vocabulary:
    """The terms and relations of one kg.ttl."""

    terms: tuple[str, ...]
    """Every term kg.ttl declares (classes and properties), by local name."""
    parents: dict[str, str]
    """Each entity class -> its direct superclass (``rdfs:subClassOf``)."""
    relations: dict[str, Relation] = field(default_factory=dict)
    """The relations a fact can state, by name, in the order kg.ttl declares them."""

    @property
    def names(self) -> tuple[str, ...]:
        """The relations' names."""
        return tuple(self.relations)

    @property
    def polarity(self) -> dict[str, str]:
        """Relation -> its ``kg:polarity``."""
        return {name: r.polarity for name, r in self.relations.items()}

    @property
    def inverses(self) -> dict[str, str]:
        """Relation -> its inverse, for the relations that have one (in the order kg.ttl
        declares the inverses)."""
        found = {r.inverse: name for name, r in self.relations.items() if r.inverse}
        return {found[term]: term for term in self.terms if term in found}

    @property
    def symmetric(self) -> frozenset[str]:
        """The relations that hold both ways."""
        return frozenset(name for name, r in self.relations.items() if r.symmetric)

    @property
    def layers(self) -> dict[str, frozenset[str]]:
        """Each of :data:`LAYER_NAMES` -> the relations in it."""
        return {
            layer: frozenset(name for name, r in self.relations.items() if r.layer == layer)
            for layer in LAYER_NAMES
        }


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """Read the vocabulary of kg.ttl at ``path`` (default: :func:`~kg.data.data_path`'s).

    Every relation needs a ``kg:polarity`` of :data:`POLARITIES` and a ``kg:layer`` of
    :data:`LAYER_NAMES`; a :class:`~kg.errors.DataError` names the file and the relation.

    >>> load_vocabulary().parents["Company"]
    'Organization'
    """
    path = path or data_path("kg.ttl")
    text = path.read_text(encoding="utf-8")
    try:
        graph = Graph().parse(data=text, format="turtle")
    except Exception as error:  # rdflib's parser raises many kinds on malformed Turtle
        raise DataError(f"{path}: not valid Turtle: {error}") from error
    order = {name: number for number, name in enumerate(_DECLARATION.findall(text))}
    declared = {
        _local(term)
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
        for term in graph.subjects(RDF.type, kind)
        if _local(term)
    }
    terms = tuple(sorted(declared, key=lambda name: (order.get(name, len(order)), name)))
    parents = {
        child: parent
        for child, parent in (
            (_local(c), _local(p)) for c, p in graph.subject_objects(RDFS.subClassOf)
        )
        if child and parent
    }
    related = URIRef(NAMESPACE + "relatedTo")
    names = [_local(term) for term in graph.subjects(RDFS.subPropertyOf, related)]
    relations = {
        name: _relation(graph, name, f"{path}: kg:{name}")
        for name in sorted(filter(None, names), key=lambda name: order.get(name, len(order)))
    }
    return Vocabulary(terms, {c: parents[c] for c in terms if c in parents}, relations)


def _relation(graph: Graph, name: str, where: str) -> Relation:
    term = URIRef(NAMESPACE + name)
    polarity = _text(graph, term, "polarity")
    layer = _text(graph, term, "layer")
    if polarity not in POLARITIES:
        raise DataError(f"{where}: kg:polarity must be one of {', '.join(POLARITIES)}")
    if layer not in LAYER_NAMES:
        raise DataError(f"{where}: kg:layer must be one of {', '.join(LAYER_NAMES)}")
    inverse = next((_local(s) for s in graph.subjects(OWL.inverseOf, term)), None)
    measure = graph.value(term, URIRef(NAMESPACE + "exposureMeasure"))
    return Relation(
        name=name,
        polarity=polarity,
        layer=layer,
        inverse=inverse,
        symmetric=(term, RDF.type, OWL.SymmetricProperty) in graph,
        domain=_classes(graph, graph.value(term, RDFS.domain)),
        range=_classes(graph, graph.value(term, RDFS.range)),
        exposure_along=_text(graph, term, "exposureAlong"),
        exposure_against=_text(graph, term, "exposureAgainst"),
        measure=isinstance(measure, Literal) and measure.toPython() is True,
    )


def _text(graph: Graph, term: URIRef, annotation: str) -> str | None:
    value = graph.value(term, URIRef(NAMESPACE + annotation))
    return None if value is None else str(value)


def _classes(graph: Graph, node: Node | None) -> tuple[str, ...]:
    """A domain or range: one class, or the members of an ``owl:unionOf``, by local name."""
    if node is None:
        return ()
    union = graph.value(node, OWL.unionOf)
    members = list(graph.items(union)) if union is not None else [node]
    return tuple(name for name in map(_local, members) if name)


def _local(term: Node) -> str:
    """The local name of a kg term, else ``""``."""
    text = str(term)
    inside = isinstance(term, URIRef) and text.startswith(NAMESPACE)
    return text.removeprefix(NAMESPACE) if inside else ""


VOCABULARY = load_vocabulary()
"""kg's vocabulary (``$KG_ONTOLOGIES/kg.ttl`` if there is one, else kg's own)."""

RELATIONS: tuple[str, ...] = VOCABULARY.names
"""Local names of the relations a :class:`~kg.model.Fact` can state."""
POLARITY: dict[str, str] = VOCABULARY.polarity
"""The ``kg:polarity`` of each relation: cooperative, conflictual or structural."""
INVERSES: dict[str, str] = VOCABULARY.inverses
"""Relation -> its ``owl:inverseOf``. Inverses are never extracted (a fact is stored once, as
read); ``kg build --infer`` materialises them for queries that read the other way."""
SYMMETRIC: frozenset[str] = VOCABULARY.symmetric
"""Relations that hold both ways; each is stored once, in the direction it was read."""
PARENT_CLASS: dict[str, str] = VOCABULARY.parents
"""The direct superclass of each entity class (``rdfs:subClassOf`` in kg.ttl)."""
