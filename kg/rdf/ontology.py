"""kg's ontology (``ontologies/kg.ttl``) as a graph, and its reference page (``docs/ontology.md``).

``python docs/make_ontology_page.py`` rewrites the page; a test fails when it is stale.
"""

from __future__ import annotations

from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.data import data_path
from kg.rdf.namespace import INVERSES, KG, PREFIXES, RELATIONS, kg_term

_ONTOLOGY = URIRef("https://w3id.org/kg/ontology")
_MATCHES = (
    (SKOS.exactMatch, "="),
    (SKOS.closeMatch, "≈"),
    (SKOS.broadMatch, "⊂"),
    (SKOS.relatedMatch, "~"),
)
_NAMES = sorted(
    (
        *((prefix, str(namespace)) for prefix, namespace in PREFIXES.items()),
        ("wdt", "http://www.wikidata.org/prop/direct/"),
        ("skos", str(SKOS)),
    ),
    key=lambda item: -len(item[1]),
)


@cache
def ontology_graph() -> Graph:
    """kg's ontology, ``ontologies/kg.ttl``, parsed once.

    >>> (URIRef("https://w3id.org/kg/ontology"), None, None) in ontology_graph()
    True
    """
    return package_graph("kg.ttl")


def package_graph(name: str) -> Graph:
    """The Turtle file ``name`` of kg's ``ontologies/`` (:func:`~kg.data.data_path`), parsed."""
    text = data_path(name).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def reference_page(ontology: Graph) -> str:
    """The Markdown reference of ``ontology``: classes, relations, inverses, attributes.

    >>> reference_page(ontology_graph()).splitlines()[0]
    '# kg ontology reference'
    """
    lines = [
        "# kg ontology reference",
        "",
        "<!-- Generated from ontologies/kg.ttl by docs/make_ontology_page.py; do not edit. -->",
        "",
        f"Namespace `{KG}` (prefix `kg:`), version {ontology.value(_ONTOLOGY, OWL.versionInfo)}.",
        "",
        _flat(ontology.value(_ONTOLOGY, RDFS.comment)),
        "",
        "Alignment: = `skos:exactMatch`, ≈ `skos:closeMatch`, ⊂ `skos:broadMatch` (kg's term "
        "is narrower), ~ `skos:relatedMatch`; `wd:` Wikidata items, `wdt:` Wikidata properties.",
        "",
        "## Classes",
        "",
        "| class | subclass of | aligned with | meaning |",
        "|---|---|---|---|",
    ]
    for term in _terms(ontology, OWL.Class):
        parents = ", ".join(
            _name(p) for p in sorted(map(str, ontology.objects(term, RDFS.subClassOf)))
        )
        lines.append(
            _row(_name(term), parents, _alignment(ontology, term), _comment(ontology, term))
        )
    lines += _relations_section(ontology)
    lines += [
        "",
        "## Attributes and provenance",
        "",
        "Properties of entities, articles and statements (`rdf:Statement`, which also carry "
        "`rdf:subject`, `rdf:predicate`, `rdf:object`, `prov:wasDerivedFrom` and "
        "`prov:generatedAtTime`; see docs/provenance.md).",
        "",
        "| property | of | value | aligned with | meaning |",
        "|---|---|---|---|---|",
    ]
    relations = {kg_term(name) for name in ("relatedTo", *RELATIONS, *INVERSES.values())}
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    for term in sorted({t for kind in kinds for t in _terms(ontology, kind)} - relations):
        lines.append(
            _row(
                _name(term),
                _ends(ontology, term, RDFS.domain) or "any relation",
                _ends(ontology, term, RDFS.range),
                _alignment(ontology, term),
                _comment(ontology, term),
            )
        )
    return "\n".join(lines) + "\n"


def _relations_section(ontology: Graph) -> list[str]:
    lines = [
        "",
        "## Relations",
        "",
        "Each extracted fact is one triple with one of these predicates, all sub-properties of "
        "`kg:relatedTo`. Polarity is `kg:polarity` and layer `kg:layer`, for analysis.",
        "",
        "| relation | polarity | layer | subject → object | inverse | aligned with | meaning |",
        "|---|---|---|---|---|---|---|",
    ]
    symmetric = set(ontology.subjects(RDF.type, OWL.SymmetricProperty))
    for name in RELATIONS:
        term = kg_term(name)
        inverse = f"`kg:{INVERSES[name]}`" if name in INVERSES else ""
        lines.append(
            _row(
                _name(term),
                str(ontology.value(term, KG.polarity)),
                str(ontology.value(term, KG.layer)),
                f"{_ends(ontology, term, RDFS.domain)} → {_ends(ontology, term, RDFS.range)}",
                "symmetric" if term in symmetric else inverse,
                _alignment(ontology, term),
                _comment(ontology, term),
            )
        )
    lines += [
        "",
        "## Inverse relations",
        "",
        "Never extracted; `kg build --infer` materialises them (with the other direction of "
        "each symmetric relation and `kg:relatedTo` for every relation).",
        "",
        "| relation | inverse of | subject → object | aligned with |",
        "|---|---|---|---|",
    ]
    for forward, name in INVERSES.items():
        term = kg_term(name)
        ends = f"{_ends(ontology, term, RDFS.domain)} → {_ends(ontology, term, RDFS.range)}"
        lines.append(_row(_name(term), f"`kg:{forward}`", ends, _alignment(ontology, term)))
    return lines


def _terms(ontology: Graph, kind: URIRef) -> list[URIRef]:
    """The kg terms declared of ``kind``, by name."""
    return sorted(
        term
        for term in ontology.subjects(RDF.type, kind)
        if isinstance(term, URIRef) and term.startswith(str(KG))
    )


def _ends(ontology: Graph, term: URIRef, end: URIRef) -> str:
    """A domain or range: one class, or the classes of an ``owl:unionOf``, joined by "or"."""
    node = ontology.value(term, end)
    if node is None:
        return ""
    union = ontology.value(node, OWL.unionOf)
    members = list(ontology.items(union)) if union is not None else [node]
    return " or ".join(_name(member) for member in members)


def _alignment(ontology: Graph, term: URIRef) -> str:
    return ", ".join(
        f"{mark} {_name(target)}"
        for predicate, mark in _MATCHES
        for target in sorted(map(str, ontology.objects(term, predicate)))
    )


def _comment(ontology: Graph, term: URIRef) -> str:
    return _flat(ontology.value(term, RDFS.comment))


def _flat(text: Node | None) -> str:
    return " ".join(str(text or "").split())


def _name(node: Node | str) -> str:
    """``kg:Company`` for an IRI under a known prefix, else the IRI, as Markdown code."""
    text = str(node)
    for prefix, namespace in _NAMES:
        if text.startswith(namespace):
            return f"`{prefix}:{text.removeprefix(namespace)}`"
    return f"<{text}>"


def _row(*cells: str) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"
