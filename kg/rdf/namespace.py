"""kg's vocabulary and the IRIs of its resources.

:class:`KG` mirrors ``ontologies/kg.ttl`` term for term and is closed, so a misspelt term fails
where it is written. Resources live under :data:`KGR`: entities and articles get readable slugs,
statements get content hashes (so adding the same fact twice adds nothing).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, XSD, DefinedNamespace

from kg.model import Fact


class KG(DefinedNamespace):
    """The terms of ``ontologies/kg.ttl``; any other name raises ``AttributeError``.

    >>> KG.suppliesTo
    rdflib.term.URIRef('https://w3id.org/kg/ontology#suppliesTo')
    >>> KG.supliesTo
    Traceback (most recent call last):
    AttributeError: term 'supliesTo' not in namespace 'https://w3id.org/kg/ontology#'
    """

    _NS = Namespace("https://w3id.org/kg/ontology#")
    _fail = True

    # Classes
    Entity: URIRef
    Organization: URIRef
    Company: URIRef
    GovernmentBody: URIRef
    Alliance: URIRef
    Country: URIRef
    Person: URIRef
    Product: URIRef
    Place: URIRef
    Article: URIRef

    # Relations
    relatedTo: URIRef
    polarity: URIRef
    partnersWith: URIRef
    cooperatesWith: URIRef
    subsidises: URIRef
    investsIn: URIRef
    suppliesTo: URIRef
    acquires: URIRef
    ownsStake: URIRef
    manufacturesIn: URIRef
    headquarteredIn: URIRef
    restrictsExportsTo: URIRef
    sanctions: URIRef
    bansProduct: URIRef
    alignsWith: URIRef
    reducesDependenceOn: URIRef
    competesWith: URIRef
    memberOf: URIRef
    leaderOf: URIRef
    officialOf: URIRef
    producesProduct: URIRef

    # Inverse relations: never extracted, materialised by inference (kg.rdf.infer)
    suppliedBy: URIRef
    subsidisedBy: URIRef
    receivesInvestmentFrom: URIRef
    acquiredBy: URIRef
    hasShareholder: URIRef
    facesExportRestrictionsFrom: URIRef
    sanctionedBy: URIRef
    productsBannedBy: URIRef
    hasMember: URIRef
    ledBy: URIRef
    hasOfficial: URIRef
    producedBy: URIRef

    # Entity and article attributes
    country: URIRef
    articleId: URIRef
    contentHash: URIRef

    # Provenance on rdf:Statement
    evidence: URIRef
    start: URIRef
    end: URIRef
    confidence: URIRef
    modality: URIRef
    rule: URIRef


KGR = Namespace("https://w3id.org/kg/id/")
"""Resources: ``entity/<slug>``, ``article/<slug>``, ``statement/<hash>``."""

ENT = Namespace(str(KGR) + "entity/")
"""Entities, so that queries can say ``ent:ibm`` (``kgr:entity/ibm`` is not a SPARQL name)."""

WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, Namespace] = {
    "kg": Namespace(str(KG)),
    "kgr": KGR,
    "ent": ENT,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "prov": Namespace(str(PROV)),
    "dcterms": Namespace(str(DCTERMS)),
    "schema": Namespace(str(SDO)),
    "wd": WD,
}
"""The prefixes kg's graphs and queries use, by name."""

RELATIONS: tuple[str, ...] = (
    "partnersWith",
    "cooperatesWith",
    "subsidises",
    "investsIn",
    "suppliesTo",
    "acquires",
    "ownsStake",
    "manufacturesIn",
    "headquarteredIn",
    "restrictsExportsTo",
    "sanctions",
    "bansProduct",
    "alignsWith",
    "reducesDependenceOn",
    "competesWith",
    "memberOf",
    "leaderOf",
    "officialOf",
    "producesProduct",
)
"""Local names of the relations a :class:`~kg.model.Fact` can state."""

POLARITY: dict[str, str] = {
    **dict.fromkeys(
        ("partnersWith", "cooperatesWith", "subsidises", "investsIn", "alignsWith"), "cooperative"
    ),
    **dict.fromkeys(
        ("restrictsExportsTo", "sanctions", "bansProduct", "competesWith", "reducesDependenceOn"),
        "conflictual",
    ),
    **dict.fromkeys(
        (
            "suppliesTo",
            "acquires",
            "ownsStake",
            "manufacturesIn",
            "headquarteredIn",
            "memberOf",
            "leaderOf",
            "officialOf",
            "producesProduct",
        ),
        "structural",
    ),
}
"""The ``kg:polarity`` of each relation in kg.ttl: cooperative, conflictual or structural."""

INVERSES: dict[str, str] = {
    "suppliesTo": "suppliedBy",
    "subsidises": "subsidisedBy",
    "investsIn": "receivesInvestmentFrom",
    "acquires": "acquiredBy",
    "ownsStake": "hasShareholder",
    "restrictsExportsTo": "facesExportRestrictionsFrom",
    "sanctions": "sanctionedBy",
    "bansProduct": "productsBannedBy",
    "memberOf": "hasMember",
    "leaderOf": "ledBy",
    "officialOf": "hasOfficial",
    "producesProduct": "producedBy",
}
"""Relation -> its ``owl:inverseOf`` in kg.ttl. Inverses are never extracted (a fact is stored
once, as read); ``kg build --infer`` materialises them for queries that read the other way."""

SYMMETRIC: frozenset[str] = frozenset({"partnersWith", "cooperatesWith", "competesWith"})
"""Relations that hold both ways; each is stored once, in the direction it was read."""

PARENT_CLASS: dict[str, str] = {
    "Organization": "Entity",
    "Company": "Organization",
    "GovernmentBody": "Organization",
    "Alliance": "Organization",
    "Country": "Entity",
    "Person": "Entity",
    "Product": "Entity",
    "Place": "Entity",
}
"""The direct superclass of each entity class (``rdfs:subClassOf`` in kg.ttl)."""

_NON_WORD = re.compile(r"[\W_]+")
_SLUG_MAX = 80
_SLUG_KEEP = 64
# RFC 3987 ucschar: the non-ASCII characters an IRI may hold unescaped.
_UCSCHAR = (
    (0xA0, 0xD7FF),
    (0xF900, 0xFDCF),
    (0xFDF0, 0xFFEF),
    *((plane, plane + 0xFFFD) for plane in range(0x10000, 0xE0000, 0x10000)),
    (0xE1000, 0xEFFFD),
)


def slug(text: str) -> str:
    """The IRI path segment for a label or id (rules in ``docs/rdf-shape.md``).

    >>> slug("Micron Technology"), slug("U.S."), slug("")
    ('micron-technology', 'u-s', 'e-da39a3ee5e6b')
    """
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    words = _NON_WORD.sub("-", unicodedata.normalize("NFKC", text).casefold()).strip("-")
    if not words:
        words = f"e-{digest}"
    elif len(words) > _SLUG_MAX:
        words = f"{words[:_SLUG_KEEP]}-{digest}"
    return "".join(char if _iri_safe(char) else _percent(char) for char in words)


def _iri_safe(char: str) -> bool:
    """Whether ``char`` may stand unescaped in an IRI path (RFC 3987 iunreserved)."""
    code = ord(char)
    if code < 0x80:
        return char.isalnum() or char in "-._~"
    return any(low <= code <= high for low, high in _UCSCHAR)


def _percent(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))


def kg_term(name: str) -> URIRef:
    """The IRI of the :class:`KG` term ``name`` (``AttributeError`` if there is none).

    >>> kg_term("partnersWith") == KG.partnersWith
    True
    """
    return URIRef(getattr(KG, name))


def entity_iri(label: str) -> URIRef:
    """The IRI of the entity with canonical label ``label``.

    >>> entity_iri("Micron Technology")
    rdflib.term.URIRef('https://w3id.org/kg/id/entity/micron-technology')
    """
    return KGR[f"entity/{slug(label)}"]


def article_iri(article_id: str) -> URIRef:
    """The IRI of the article with id ``article_id``.

    >>> article_iri("reuters/2023-05-26")
    rdflib.term.URIRef('https://w3id.org/kg/id/article/reuters-2023-05-26')
    """
    return KGR[f"article/{slug(article_id)}"]


def statement_iri(fact: Fact) -> URIRef:
    """The IRI of the statement recording ``fact``: a hash of what the fact is and where it is.

    >>> from kg.model import Entity
    >>> fact = Fact("a1", Entity("Japan", "Country"), "subsidises",
    ...             Entity("Micron Technology", "Company"), "Japan subsidises Micron.", 0, 24, 0.9)
    >>> statement_iri(fact)
    rdflib.term.URIRef('https://w3id.org/kg/id/statement/7ac270cf35a502be')
    """
    parts = (fact.doc, fact.subject.label, fact.predicate, fact.object.label, fact.start, fact.end)
    key = "|".join(map(str, parts))
    digest = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return KGR[f"statement/{digest}"]


def bind_prefixes(graph: Graph) -> Graph:
    """Bind :data:`PREFIXES` in ``graph`` (replacing other bindings of those names); return it.

    >>> dict(bind_prefixes(Graph()).namespaces())["kgr"]
    rdflib.term.URIRef('https://w3id.org/kg/id/')
    """
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
