"""RDF -> networkx: entities become nodes, relation triples become edges with their evidence.

The graph is read a predicate at a time (one index scan each), never a query per node, so
projecting stays linear in the size of the graph.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal

import networkx as nx
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO
from rdflib.term import Node, URIRef

from kg.rdf.namespace import KG, PARENT_CLASS, POLARITY, RELATIONS, SYMMETRIC, WD, kg_term

Triple = tuple[Node | None, Node | None, Node | None]

# The keys of an edge's evidence dicts, where each value is read, and whether it is read from
# the statement's article rather than the statement itself.
_EVIDENCE_FIELDS = (
    ("text", KG.evidence, False),
    ("context", KG.context, False),
    ("doc", KG.articleId, True),
    ("title", DCTERMS.title, True),
    ("url", SDO.url, True),
    ("source", DCTERMS.publisher, True),
    ("date", DCTERMS.date, True),
    ("confidence", KG.confidence, False),
    ("start", KG.start, False),
    ("end", KG.end, False),
)

_ENTITY_CLASSES: dict[Node, str] = {kg_term(name): name for name in ("Entity", *PARENT_CLASS)}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def entity_graph(graph: Graph) -> nx.MultiDiGraph:
    """The entities of ``graph`` and the relations between them.

    Node ids are entity IRIs, with attributes ``label``, ``type`` (the most specific kg class),
    ``country`` (its label) and ``qid``. Each relation triple is an edge keyed by the relation's
    local name, with the attributes of :func:`edge_attributes`: ``predicate``, ``polarity``,
    ``evidence`` (one dict per statement of it, with ``text``, ``context``, ``doc``, ``title``,
    ``url``, ``source``, ``date``, ``confidence``, ``start`` and ``end``), ``count``,
    ``first_seen``, ``last_seen`` and ``articles``. A symmetric relation (``partnersWith`` ...)
    stated, or inferred, in both directions is one edge, in the direction with the most
    evidence.

    >>> from kg.model import Entity, Extraction, Article, Fact
    >>> from kg.rdf.build import build_graph
    >>> text = "Rapidus partners with IBM."
    >>> fact = Fact("a1", Entity("Rapidus", "Company"), "partnersWith", Entity("IBM", "Company"),
    ...             text, 0, len(text), 0.9)
    >>> G = entity_graph(build_graph([Extraction(Article("a1", text), facts=(fact,))]))
    >>> [(G.nodes[u]["label"], key, G.nodes[v]["label"]) for u, v, key in G.edges(keys=True)]
    [('Rapidus', 'partnersWith', 'IBM')]
    >>> edge = G.edges["https://w3id.org/kg/id/entity/rapidus", "https://w3id.org/kg/id/entity/ibm",
    ...                "partnersWith"]
    >>> edge["evidence"][0]["text"], edge["polarity"], edge["count"], edge["articles"]
    ('Rapidus partners with IBM.', 'cooperative', 1, ('a1',))
    """
    projection = nx.MultiDiGraph()
    for iri, attributes in sorted(_entities(graph).items()):
        projection.add_node(iri, **attributes)
    evidence = _evidence(graph)
    for name in RELATIONS:
        predicate = kg_term(name)
        found = {
            (str(subject), str(object_)): evidence.get((subject, predicate, object_), [])
            for subject, object_ in graph.subject_objects(predicate)
        }
        if name in SYMMETRIC:
            found = _one_direction(found)
        for (subject, object_), items in sorted(found.items()):
            for node in (subject, object_):
                if node not in projection:  # an entity without type or label
                    projection.add_node(node, **_attributes(node, (), None, None, None))
            projection.add_edge(subject, object_, key=name, **edge_attributes(name, items))
    return projection


def edge_attributes(predicate: str, evidence: Sequence[Mapping[str, object]]) -> dict[str, object]:
    """The attributes of an edge of ``predicate`` backed by ``evidence`` (dicts with ``doc``,
    ``date`` ...): the evidence itself, its ``count``, the ``first_seen`` and ``last_seen``
    ISO dates of its articles (None if none is dated) and the ids of its ``articles``.

    >>> attributes = edge_attributes("sanctions", [{"doc": "b", "date": "2024-02-01"},
    ...                                            {"doc": "a", "date": "Spring 2023"},
    ...                                            {"doc": "b", "date": "2023-07-01"}])
    >>> {k: v for k, v in attributes.items() if k != "evidence"}  # doctest: +NORMALIZE_WHITESPACE
    {'predicate': 'sanctions', 'polarity': 'conflictual', 'count': 3,
     'first_seen': '2023-07-01', 'last_seen': '2024-02-01', 'articles': ('a', 'b')}
    """
    dates = sorted(d for d in (iso_date(item.get("date")) for item in evidence) if d is not None)
    return {
        "predicate": predicate,
        "polarity": POLARITY.get(predicate),
        "evidence": list(evidence),
        "count": len(evidence),
        "first_seen": dates[0].isoformat() if dates else None,
        "last_seen": dates[-1].isoformat() if dates else None,
        "articles": tuple(sorted({str(item["doc"]) for item in evidence if item.get("doc")})),
    }


def iso_date(value: object) -> date | None:
    """The calendar date ``value`` starts with (``2023-05-26``, ``2023-05-26T08:00``), else None.

    >>> iso_date("2023-05-26"), iso_date("Spring 2024"), iso_date("2023-02-30"), iso_date(None)
    (datetime.date(2023, 5, 26), None, None, None)
    """
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:  # shaped like a date but not one
        return None


def _one_direction(
    found: dict[tuple[str, str], list[dict[str, object]]],
) -> dict[tuple[str, str], list[dict[str, object]]]:
    """Pairs of a symmetric relation, each once: both directions' evidence, in the direction
    with more of it (else the first in order)."""
    merged: dict[tuple[str, str], list[dict[str, object]]] = {}
    for pair in sorted(found, key=lambda pair: (-len(found[pair]), pair)):
        reverse = pair[::-1]
        if reverse in merged:
            merged[reverse] = sorted([*merged[reverse], *found[pair]], key=_evidence_order)
        else:
            merged[pair] = found[pair]
    return merged


def _entities(graph: Graph) -> dict[str, dict[str, object]]:
    """Attributes of every resource typed with a kg entity class, by IRI."""
    types: dict[Node, list[str]] = defaultdict(list)
    for resource, class_ in graph.subject_objects(RDF.type):
        if class_ in _ENTITY_CLASSES:
            types[resource].append(_ENTITY_CLASSES[class_])
    labels = _column(graph, RDFS.label)
    country_labels = {
        entity: labels[country]
        for entity, country in _column(graph, KG.country).items()
        if country in labels
    }
    qids = _column(graph, OWL.sameAs, within=str(WD))
    return {
        str(resource): _attributes(
            str(resource),
            classes,
            labels.get(resource),
            country_labels.get(resource),
            qids.get(resource),
        )
        for resource, classes in types.items()
    }


def _attributes(
    iri: str, classes: Iterable[str], label: Node | None, country: Node | None, qid: Node | None
) -> dict[str, object]:
    return {
        "label": _text(label) or iri.rsplit("/", 1)[-1],
        "type": _most_specific(classes),
        "country": _text(country),
        "qid": str(qid).removeprefix(str(WD)) if qid is not None else None,
    }


def _most_specific(classes: Iterable[str]) -> str:
    """The class that no other of ``classes`` specialises; ties go alphabetically.

    >>> _most_specific(["Organization", "Company", "Entity"])
    'Company'
    """
    classes = set(classes)
    ancestors = {parent for name in classes for parent in _ancestors(name)}
    return min(classes - ancestors, default="Entity")


def _ancestors(name: str) -> Iterable[str]:
    while name in PARENT_CLASS:
        name = PARENT_CLASS[name]
        yield name


def _evidence(graph: Graph) -> dict[Triple, list[dict[str, object]]]:
    """The evidence dicts of every statement, by the triple the statement is about."""
    parts = (RDF.subject, RDF.predicate, RDF.object, PROV.wasDerivedFrom)
    subjects, predicates, objects, sources = (_column(graph, part) for part in parts)
    columns = {}
    for name, attribute, of_article in _EVIDENCE_FIELDS:
        column = _column(graph, attribute)
        if of_article:  # reach the article's value through the statement's source
            column = {st: column[source] for st, source in sources.items() if source in column}
        columns[name] = column
    found: dict[Triple, list[dict[str, object]]] = defaultdict(list)
    for statement in graph.subjects(RDF.type, RDF.Statement):
        triple = (subjects.get(statement), predicates.get(statement), objects.get(statement))
        found[triple].append(
            {name: _value(column.get(statement)) for name, column in columns.items()}
        )
    for items in found.values():
        items.sort(key=_evidence_order)
    return found


def _evidence_order(item: dict[str, object]) -> tuple[str, int, int, str]:
    """Evidence by article, then position in it (missing values first)."""
    start, end = item["start"], item["end"]
    return (
        str(item["doc"] or ""),
        start if isinstance(start, int) else -1,
        end if isinstance(end, int) else -1,
        str(item["text"] or ""),
    )


def _column(graph: Graph, predicate: URIRef, within: str = "") -> dict[Node, Node]:
    """``{subject: object}`` for ``predicate`` and objects starting with ``within``.

    Of several objects, the least is kept, so that the choice does not depend on parse order.
    """
    column: dict[Node, Node] = {}
    for subject, object_ in graph.subject_objects(predicate):
        if str(object_).startswith(within) and (
            subject not in column or str(object_) < str(column[subject])
        ):
            column[subject] = object_
    return column


def _text(node: Node | None) -> str | None:
    return str(node) if node is not None else None


def _value(node: Node | None) -> object:
    """A number for a numeric literal, else the node's text; ``None`` if missing."""
    value = node.toPython() if isinstance(node, Literal) else node
    if isinstance(value, Decimal):
        return float(value)
    return value if isinstance(value, int | float) else _text(node)
