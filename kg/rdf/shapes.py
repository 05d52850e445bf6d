"""Check a graph against kg's SHACL shapes (``ontologies/shapes.ttl``) with pyshacl.

The shapes name no relation: the relations they check (the predicates a statement may record,
the subjects every relation shape targets) are added from kg.ttl's vocabulary when the shapes
are read (:func:`shapes_graph`). The ontology (``kg.ttl``) is read alongside the graph, so that
a ``kg:Company`` counts as a ``kg:Entity`` and a relation's domain and range are known. Results
of severity ``Violation`` make a graph fail; ``Warning`` results are reported and do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from kg.rdf.namespace import INVERSES, PREFIXES, RELATIONS, kg_term
from kg.rdf.ontology import ontology_graph, package_graph

SHAPES = URIRef("https://w3id.org/kg/shapes#")
"""The namespace of kg's shapes (prefix ``kgsh:``)."""
SHAPES_NS = Namespace(SHAPES)


@dataclass(frozen=True, slots=True)
class Finding:
    """One result of validation: which node broke which shape, and how."""

    severity: str
    """``Violation`` or ``Warning``."""
    focus: str
    shape: str
    path: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        path = f" {self.path}" if self.path else ""
        shown = self.value and self.value != self.focus and self.value not in self.message
        value = f" (value: {self.value})" if shown else ""
        return f"{self.severity}: {self.focus}{path}: {self.message}{value} [shape {self.shape}]"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Whether a graph conforms (no violation), and every finding, violations first."""

    conforms: bool
    findings: tuple[Finding, ...]

    @property
    def violations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "Violation")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity != "Violation")


def validate(graph: Graph) -> ValidationReport:
    """Validate ``graph`` against kg's shapes, with kg's ontology as background knowledge.

    >>> from kg.model import Article, Extraction
    >>> from kg.rdf.build import build_graph
    >>> validate(build_graph([Extraction(Article("a1", "No facts here."))])).conforms
    True
    >>> from rdflib import Literal
    >>> from kg.rdf.namespace import KG, article_iri
    >>> broken = build_graph([Extraction(Article("a1", "No facts here."))])
    >>> broken.remove((article_iri("a1"), KG.contentHash, None))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> [(v.focus, v.shape) for v in validate(broken).violations]
    [('kgr:article/a1', 'kgsh:Article-contentHash')]
    """
    import pyshacl

    _, results, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        allow_warnings=True,
    )
    findings = sorted(
        (_finding(results, result) for result in results.subjects(SH.resultSeverity, None)),
        key=lambda f: (f.severity != "Violation", f.shape, f.focus, f.path or "", f.message),
    )
    conforms = all(finding.severity != "Violation" for finding in findings)
    return ValidationReport(conforms, tuple(findings))


@cache
def shapes_graph() -> Graph:
    """kg's SHACL shapes, ``ontologies/shapes.ttl``, with the relations of kg.ttl added; once.

    ``kgsh:Statement-predicate`` takes ``sh:in`` the relations; ``kgsh:Relation`` targets the
    subjects of ``kg:relatedTo``, of every relation and of every inverse, ``kgsh:RelationEnds``
    those of every relation and inverse.

    >>> len(list(shapes_graph().objects(SHAPES_NS["RelationEnds"], SH.targetSubjectsOf)))
    31
    """
    shapes = package_graph("shapes.ttl")
    relations = [kg_term(name) for name in (*RELATIONS, *INVERSES.values())]
    targets = {"Relation": [kg_term("relatedTo"), *relations], "RelationEnds": relations}
    for shape, predicates in targets.items():
        for predicate in predicates:
            shapes.add((SHAPES_NS[shape], SH.targetSubjectsOf, predicate))
    allowed = BNode()
    Collection(shapes, allowed, [kg_term(name) for name in RELATIONS])
    shapes.add((SHAPES_NS["Statement-predicate"], SH["in"], allowed))
    return shapes


def _finding(results: Graph, result: Node) -> Finding:
    severity = results.value(result, SH.resultSeverity)
    shape = results.value(result, SH.sourceShape)
    # An unnamed property shape is named by the node shape that holds it.
    shape = shapes_graph().value(None, SH.property, shape) if isinstance(shape, BNode) else shape
    return Finding(
        severity=str(severity).removeprefix(str(SH)),
        focus=_short(results.value(result, SH.focusNode)) or "",
        shape=_short(shape) or "",
        path=_short(results.value(result, SH.resultPath)),
        value=_short(results.value(result, SH.value)),
        message=str(results.value(result, SH.resultMessage) or ""),
    )


_NAMES = sorted(
    ((prefix, str(namespace)) for prefix, namespace in {**PREFIXES, "kgsh": SHAPES}.items()),
    key=lambda item: -len(item[1]),
)


def _short(node: Node | None) -> str | None:
    """A node as people read it: ``ent:japan`` for an IRI under a kg prefix.

    >>> _short(URIRef("https://w3id.org/kg/id/entity/japan")), _short(None)
    ('ent:japan', None)
    """
    if node is None:
        return None
    if isinstance(node, URIRef):
        for prefix, namespace in _NAMES:
            if node.startswith(namespace):
                return f"{prefix}:{node.removeprefix(namespace)}"
    return str(node)
