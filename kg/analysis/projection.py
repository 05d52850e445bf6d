"""RDF -> networkx: entities become nodes, relation triples become edges with their evidence.

The graph is read as columns, a predicate at a time (one index scan each), never a query per
node or statement, and joined in dicts: projecting stays linear in the size of the graph. A
graph over an Oxigraph store (``kg build --store``, :func:`kg.store.graph_over`) is scanned
with pyoxigraph directly, without making an rdflib term of each value
(:mod:`kg.analysis.columns`); the nodes and edges go into networkx in bulk. Without evidence
sentences, a store opened read-only is not read at all while the summary in its folder
(:mod:`kg.analysis.summary`) was made from it as it is.
"""

from __future__ import annotations

import gc
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from pathlib import Path

import networkx as nx
from rdflib import Graph
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO

from kg.analysis.columns import Columns, columns_of
from kg.analysis.summary import FILE_NAME as SUMMARY_FILE
from kg.analysis.summary import Summary, read_summary, write_summary
from kg.rdf.namespace import KG, PARENT_CLASS, POLARITY, RELATIONS, SYMMETRIC, WD, kg_term
from kg.store.disk import store_state
from kg.store.oxigraph import Opened, opened_of

Triple = tuple[str | None, str | None, str | None]
"""Subject, predicate and object IRIs (or blank node ids) of a statement."""


log = logging.getLogger(__name__)

_ENTITY_CLASSES: dict[str, str] = {str(kg_term(name)): name for name in ("Entity", *PARENT_CLASS)}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def entity_graph(graph: Graph, *, evidence: bool = True) -> nx.MultiDiGraph:
    """The entities of ``graph`` and the relations between them.

    Node ids are entity IRIs, with attributes ``label``, ``type`` (the most specific kg class),
    ``country`` (its label) and ``qid``. Each relation triple is an edge keyed by the relation's
    local name, with the attributes of :func:`edge_attributes`: ``predicate``, ``polarity``,
    ``evidence`` (one dict per statement of it, with ``text``, ``context``, ``doc``, ``title``,
    ``url``, ``source``, ``date``, ``confidence``, ``start`` and ``end``), ``count``,
    ``first_seen``, ``last_seen`` and ``articles``. A symmetric relation (``partnersWith`` ...)
    stated, or inferred, in both directions is one edge, in the direction with the most
    evidence. A statement is whatever has an ``rdf:subject`` (RDFS makes it an
    ``rdf:Statement``).

    Without ``evidence``, each evidence dict holds only the ``doc`` and ``date`` of its article
    (the other fields are None, the order is by article): ``count``, ``first_seen``,
    ``last_seen`` and ``articles`` are the same, and less than half the statements' values
    are read, for the measures that need no sentences (centrality, communities, chokepoints,
    change).

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
    if not evidence:
        opened = opened_of(graph)
        if opened is not None:
            return _summarised(graph, opened)
    return _assembled(*_read(graph, evidence=evidence))


def _read(
    graph: Graph, *, evidence: bool
) -> tuple[list[tuple[str, dict[str, object]]], list[tuple[str, str, str, dict[str, object]]]]:
    """The nodes (ids and attributes) and edges (subject, object, relation and attributes) of
    :func:`entity_graph`, in the order they go into networkx, read from ``graph``."""
    columns = columns_of(graph)
    typed = _entities(columns)
    found_evidence = _evidence(columns, sentences=evidence)
    edges: list[tuple[str, str, str, dict[str, object]]] = []
    for name in RELATIONS:
        predicate = str(kg_term(name))
        found = {
            pair: found_evidence.get((pair[0], predicate, pair[1]), [])
            for pair in columns.pairs(predicate)
        }
        if name in SYMMETRIC:
            found = _one_direction(found)
        edges += (
            (subject, object_, name, edge_attributes(name, items))
            for (subject, object_), items in sorted(found.items())
        )
    # entities without type or label, in the order the edges name them
    untyped = dict.fromkeys(node for edge in edges for node in edge[:2] if node not in typed)
    nodes = sorted(typed.items())
    nodes += ((node, _attributes(node, (), None, None, None)) for node in untyped)
    return nodes, edges


def _assembled(
    nodes: Iterable[tuple[str, dict[str, object]]],
    edges: Iterable[tuple[str, str, str, dict[str, object]]],
) -> nx.MultiDiGraph:
    """The networkx graph of ``nodes`` and ``edges``, added in bulk in their order (each
    edge's attribute dict becomes the graph's: made for it, it is not copied)."""
    projection = nx.MultiDiGraph()
    projection.add_nodes_from(nodes)
    _add_edges(projection, edges)
    return projection


def _add_edges(
    G: nx.MultiDiGraph, edges: Iterable[tuple[str, str, str, dict[str, object]]]
) -> None:
    """Add ``edges`` (subject, object, key, attributes) to ``G`` as ``G.add_edges_from``
    does, the same graph in the same order, but each attribute dict put in as it is (not
    copied) and straight into networkx's adjacency dicts: a third of the time (at 100,000
    entities, 0.5 s against 1.1 s for 250,000 edges). An edge whose key is None or already
    in ``G`` goes through networkx. For a plain ``nx.MultiDiGraph`` being made (its dicts
    are dicts, and nothing of it is cached yet).

    >>> G = nx.MultiDiGraph([("a", "b", "x")])
    >>> _add_edges(G, [("a", "b", "y", {"count": 2}), ("b", "c", "x", {})])
    >>> list(G.edges(keys=True, data=True)), list(G.pred["b"])
    ([('a', 'b', 'x', {}), ('a', 'b', 'y', {'count': 2}), ('b', 'c', 'x', {})], ['a'])
    """
    # networkx has no public way in; its own add_edge does just this (networkx 3.2-3.6).
    successors, predecessors = G._succ, G._pred  # noqa: SLF001
    for u, v, key, attributes in edges:
        if u not in successors:
            G.add_node(u)
        if v not in successors:
            G.add_node(v)
        keys = successors[u].get(v)
        if keys is None:
            keys = successors[u][v] = predecessors[v][u] = G.edge_key_dict_factory()
        if key is None or key in keys:
            G.add_edges_from([(u, v, key, attributes)])
        else:
            keys[key] = attributes


def summarise(graph: Graph) -> Path | None:
    """Make the summary of the store under ``graph`` (:mod:`kg.analysis.summary`), unless the
    one there was made from the store as it is: so that :func:`entity_graph` without
    evidence need not read the store. ``graph`` must be a store opened read-only (as ``kg
    build --store`` leaves it); the summary's path, or None for any other graph, or when it
    could not be written (the store changed since it was opened, or its folder is not
    writable).

    >>> summarise(Graph()) is None
    True
    """
    opened = opened_of(graph)
    if opened is None:
        return None
    summary, why = read_summary(opened.folder, opened.state)
    if summary is None:
        _read_and_summarise(graph, opened, why)
        summary, _ = read_summary(opened.folder, opened.state)
    return opened.folder / SUMMARY_FILE if summary is not None else None


def _summarised(graph: Graph, opened: Opened) -> nx.MultiDiGraph:
    """:func:`entity_graph` without evidence of a store opened read-only: from its summary
    (:mod:`kg.analysis.summary`) if that was made from the store as it is, else read from the
    store, and the summary written again for the next reader (unless the store changed since
    it was opened, or its folder cannot be written)."""
    summary, why = read_summary(opened.folder, opened.state)
    if summary is not None:
        with collector_paused():
            return _assembled(*summary.graph_parts())
    return _assembled(*_read_and_summarise(graph, opened, why))


def _read_and_summarise(
    graph: Graph, opened: Opened, why: str
) -> tuple[list[tuple[str, dict[str, object]]], list[tuple[str, str, str, dict[str, object]]]]:
    """:func:`_read` without evidence, the summary of it written into the store's folder
    (unless the store changed since it was opened: then what was read is not the store as it
    is, or the folder cannot be written: the next reader reads the store again)."""
    log.info("%s: reading the store, not its summary: %s", opened.folder, why)
    nodes, edges = _read(graph, evidence=False)
    if store_state(opened.folder) == opened.state:
        made = Summary.of(nodes, edges)
        try:
            write_summary(opened.folder, opened.state, made)
        except OSError as error:
            log.warning("%s: summary not written: %s", opened.folder, error)
    return nodes, edges


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused: making a graph's millions of dicts and lists
    (none in a cycle) would otherwise set it off again and again over the growing heap (at
    100,000 entities: networkx's bulk add 1.5 s instead of 2.7 s).

    >>> with collector_paused():
    ...     G = nx.MultiDiGraph([(1, 2), (2, 3)])
    >>> gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
    if not isinstance(value, str):
        return None
    return _date_of(value)


@lru_cache(maxsize=65_536)
def _date_of(text: str) -> date | None:
    """:func:`iso_date` of a string (articles share dates: each is parsed once)."""
    if not _ISO_DATE.match(text):
        return None
    try:
        return date.fromisoformat(text[:10])
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


def _entities(columns: Columns) -> dict[str, dict[str, object]]:
    """Attributes of every resource typed with a kg entity class, by IRI."""
    types: dict[str, list[str]] = defaultdict(list)
    for class_, name in _ENTITY_CLASSES.items():
        for resource in columns.subjects(str(RDF.type), class_):
            types[resource].append(name)
    labels = columns.column(str(RDFS.label))
    country_labels = {
        entity: labels[str(country)]
        for entity, country in columns.column(str(KG.country)).items()
        if str(country) in labels
    }
    qids = columns.column(str(OWL.sameAs), within=str(WD))
    return {
        resource: _attributes(
            resource,
            classes,
            labels.get(resource),
            country_labels.get(resource),
            qids.get(resource),
        )
        for resource, classes in types.items()
    }


def _attributes(
    iri: str, classes: Iterable[str], label: object, country: object, qid: object
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


def _evidence(columns: Columns, *, sentences: bool) -> dict[Triple, list[dict[str, object]]]:
    """The evidence dicts of every statement, by the triple the statement is about; without
    ``sentences``, only the ``doc`` and ``date`` of their articles (the other fields None)."""
    subjects, predicates, objects, sources = (
        columns.column(str(part))
        for part in (RDF.subject, RDF.predicate, RDF.object, PROV.wasDerivedFrom)
    )
    of_statement = {
        name: columns.column(str(field), values=True)
        for name, field in _STATEMENT_FIELDS.items()
        if sentences
    }
    of_article = {
        name: columns.column(str(field), values=True)
        for name, field in _ARTICLE_FIELDS.items()
        if sentences or name in ("doc", "date")
    }
    articles = {
        article: {name: values.get(article) for name, values in of_article.items()}
        for article in {str(source) for source in sources.values()}
    }
    unknown: dict[str, object] = {}
    bare = dict.fromkeys(("text", "context", *_ARTICLE_FIELDS, *list(_STATEMENT_FIELDS)[2:]))
    found: dict[Triple, list[dict[str, object]]] = defaultdict(list)
    for statement, subject in subjects.items():
        item = bare | articles.get(str(sources.get(statement)), unknown)
        item.update((name, values.get(statement)) for name, values in of_statement.items())
        triple = (_text(subject), _text(predicates.get(statement)), _text(objects.get(statement)))
        found[triple].append(item)
    for items in found.values():
        items.sort(key=_evidence_order)
    return found


_STATEMENT_FIELDS = {
    "text": KG.evidence, "context": KG.context, "confidence": KG.confidence, "start": KG.start,
    "end": KG.end,
}  # fmt: skip
_ARTICLE_FIELDS = {
    "doc": KG.articleId, "title": DCTERMS.title, "url": SDO.url, "source": DCTERMS.publisher,
    "date": DCTERMS.date,
}  # fmt: skip


def _evidence_order(item: dict[str, object]) -> tuple[str, int, int, str]:
    """Evidence by article, then position in it (missing values first)."""
    start, end = item["start"], item["end"]
    return (
        str(item["doc"] or ""),
        start if isinstance(start, int) else -1,
        end if isinstance(end, int) else -1,
        str(item["text"] or ""),
    )


def _text(value: object) -> str | None:
    return str(value) if value is not None else None
