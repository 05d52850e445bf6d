"""kg's vocabulary as RDF terms, and the IRIs of its resources.

:data:`KG` holds the terms of ``ontologies/kg.ttl`` (read by :mod:`kg.vocabulary`) and is
closed, so a misspelt term fails where it is written. The relation tables (``RELATIONS``,
``POLARITY``, ``INVERSES``, ``SYMMETRIC``, ``PARENT_CLASS``) are :mod:`kg.vocabulary`'s.
Resources live under :data:`KGR`: entities and articles get readable slugs, statements get
content hashes (so adding the same fact twice adds nothing).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import unquote

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    XSD,
    DefinedNamespace,
    DefinedNamespaceMeta,
)

from kg.model import Fact
from kg.vocabulary import (
    INVERSES,
    NAMESPACE,
    PARENT_CLASS,
    POLARITY,
    RELATIONS,
    SYMMETRIC,
    VOCABULARY,
)

__all__ = [
    "ENT",
    "INVERSES",
    "KG",
    "KGR",
    "PARENT_CLASS",
    "POLARITY",
    "PREFIXES",
    "RELATIONS",
    "SYMMETRIC",
    "WD",
    "article_id_of",
    "article_iri",
    "bind_prefixes",
    "entity_iri",
    "kg_term",
    "slug",
    "statement_iri",
]


KG = DefinedNamespaceMeta(
    "KG",
    (DefinedNamespace,),
    {
        "__doc__": """The terms of ``ontologies/kg.ttl``; any other name raises ``AttributeError``.

    Generated from kg.ttl (:data:`kg.vocabulary.VOCABULARY`), so a term added there is here.

    >>> KG.suppliesTo
    rdflib.term.URIRef('https://w3id.org/kg/ontology#suppliesTo')
    >>> KG.supliesTo
    Traceback (most recent call last):
    AttributeError: term 'supliesTo' not in namespace 'https://w3id.org/kg/ontology#'
    """,
        "__module__": __name__,
        "__annotations__": dict.fromkeys(VOCABULARY.terms, URIRef),
        "_NS": Namespace(NAMESPACE),
        "_fail": True,
    },
)
"""kg's closed namespace: ``KG.suppliesTo`` is a term, ``KG.supliesTo`` an ``AttributeError``."""

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

_NON_WORD = re.compile(r"[\W_]+")
_SLUG_MAX = 80
_SLUG_KEEP = 64
_ARTICLE_MAX = 200
_ARTICLE_KEEP = 160
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
    """The IRI of the article with id ``article_id``: the id itself, exactly, reversibly.

    Letters, digits and ``-._~`` stay as they are and every other character is percent-encoded
    (its UTF-8 bytes, ``%`` included; the dots of an id ``.`` or ``..`` and a last dot too),
    so distinct ids
    always get distinct IRIs (``Reuters/AB12`` and ``reuters-ab12`` are two articles) and
    :func:`article_id_of` gives the id back. An id whose encoding is longer than 200
    characters keeps its first 160, then ``/`` and 32 hex of its SHA-256 (an encoded id never
    holds ``/``, so no shorter id can take such an IRI).

    >>> article_iri("reuters/2023-05-26")
    rdflib.term.URIRef('https://w3id.org/kg/id/article/reuters%2F2023-05-26')
    >>> article_iri("Reuters/AB12") != article_iri("reuters-ab12")
    True
    >>> article_id_of(article_iri("Größe 5%"))
    'Größe 5%'
    >>> article_iri("v1."), article_id_of(article_iri("v1."))
    (rdflib.term.URIRef('https://w3id.org/kg/id/article/v1%2E'), 'v1.')
    """
    dots = set(article_id) <= {"."}
    encoded = "".join(
        char
        if (char in "-_~" or (char == "." and not dots) or (char.isalnum() and _iri_safe(char)))
        else _percent(char)
        for char in article_id
    )
    if encoded.endswith("."):
        # A Turtle name cannot end in a dot: Oxigraph escapes it ("\."), which rdflib's parser
        # refuses. Encoded, it is one more character and the same id.
        encoded = encoded[:-1] + "%2E"
    if len(encoded) > _ARTICLE_MAX:
        head = encoded[:_ARTICLE_KEEP]
        head = head[: head.rfind("%")] if "%" in head[-2:] else head  # no %X cut in two
        digest = hashlib.sha256(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        encoded = f"{head}/{digest}"
    return KGR[f"article/{encoded}"]


def article_id_of(iri: str) -> str | None:
    """The article id that :func:`article_iri` encoded in ``iri``; None for a shortened one
    (an id over 200 encoded characters) or an IRI that is no article's.

    >>> article_id_of("https://w3id.org/kg/id/article/Reuters%2FAB12")
    'Reuters/AB12'
    """
    prefix = f"{KGR}article/"
    if not iri.startswith(prefix) or "/" in iri[len(prefix) :]:
        return None
    return unquote(iri[len(prefix) :], errors="surrogatepass")


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
