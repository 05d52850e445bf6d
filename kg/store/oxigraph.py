"""The backend seam: rdflib terms <-> pyoxigraph terms, an rdflib view of an Oxigraph store, and
which backend holds a graph (:func:`oxigraph_of`), asked through kg's own store class.

rdflib keeps a plain literal (``"x"``) apart from an ``xsd:string`` one (``"x"^^xsd:string``);
RDF 1.1 says they are the same and Oxigraph stores both as ``xsd:string``. oxrdflib hands them
back typed, so a graph read from a store would not be isomorphic to the same graph built in
memory. The converters here give them back plain, as kg writes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

from kg.errors import KgError
from kg.rdf.namespace import PREFIXES, bind_prefixes

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
"""A pyoxigraph term kg stores (no RDF-star triples)."""
OxSubject = ox.NamedNode | ox.BlankNode | ox.Triple
"""What pyoxigraph's stubs allow in a subject position."""
Substitutions = dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]
"""Values of query variables, typed as pyoxigraph's ``Store.query`` stub wants them (a ``dict``,
which is invariant, of the wider term union)."""

OX_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "json-ld": ox.RdfFormat.JSON_LD,
}
"""pyoxigraph's format for each of rdflib's format names in :data:`kg.store.files.FORMATS`."""

OX_PREFIXES: dict[str, str] = {name: str(namespace) for name, namespace in PREFIXES.items()}
"""kg's prefixes as pyoxigraph takes them (for queries, updates and serialisation)."""

_XSD_STRING = str(XSD.string)


def to_ox(term: Node) -> OxTerm:
    """The pyoxigraph term for an rdflib term.

    >>> to_ox(Literal("Japan"))
    <Literal value=Japan datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    if isinstance(term, Literal):
        datatype = ox.NamedNode(term.datatype) if term.datatype else None
        return ox.Literal(term, language=term.language, datatype=datatype)
    raise TypeError(f"not an RDF term kg stores: {term!r}")


def from_ox(term: OxTerm | ox.Triple) -> Identifier:
    """The rdflib term for a pyoxigraph term; ``xsd:string`` literals come back plain.

    >>> from_ox(ox.Literal("Japan")), from_ox(ox.NamedNode("https://x.test/a"))
    (rdflib.term.Literal('Japan'), rdflib.term.URIRef('https://x.test/a'))
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
    raise TypeError(f"not an RDF term kg reads: {term!r}")


def to_ox_quads(triples: Iterable[tuple[Node, Node, Node]]) -> Iterator[ox.Quad]:
    """Quads in the default graph, one per triple.

    >>> from rdflib.namespace import RDFS
    >>> next(to_ox_quads([(URIRef("https://x.test/a"), RDFS.label, Literal("a"))])).graph_name
    <DefaultGraph>
    """
    for subject, predicate, object_ in triples:
        yield ox.Quad(*_ox_spo(subject, predicate, object_))


def ox_triple(subject: Node, predicate: Node, object_: Node) -> ox.Triple:
    """The pyoxigraph triple of an rdflib one.

    >>> ox_triple(URIRef("https://x.test/a"), URIRef("https://x.test/p"), Literal(1)).object
    <Literal value=1 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    """
    return ox.Triple(*_ox_spo(subject, predicate, object_))


def _ox_spo(
    subject: Node, predicate: Node, object_: Node
) -> tuple[OxSubject, ox.NamedNode, OxTerm]:
    """Subject, predicate and object as pyoxigraph's stubs type them. rdflib graphs hold only
    IRIs or blank nodes as subjects and IRIs as predicates, which ``to_ox`` keeps; the casts say
    so to mypy (``to_ox`` returns the union of all terms)."""
    return cast(OxSubject, to_ox(subject)), cast(ox.NamedNode, to_ox(predicate)), to_ox(object_)


@dataclass(frozen=True)
class Opened:
    """An on-disk store opened read-only: its folder, and how its files stood just before it was
    opened (:func:`kg.store.disk.store_state`), which says whether anything derived from the
    store at that state (:mod:`kg.analysis.summary`) still holds for what this view reads."""

    folder: Path
    state: str


class KgOxigraphStore(OxigraphStore):
    """oxrdflib's store, reading literals back as kg wrote them (see the module docstring)."""

    opened: Opened | None = None
    """Set for an on-disk store opened read-only (:class:`kg.store.GraphStore`), else None."""

    @property
    def oxigraph(self) -> ox.Store:
        """The pyoxigraph store this view reads and writes."""
        # oxrdflib would quietly start a new in-memory store; reading a closed one is a bug.
        if self._store is None:
            raise KgError("the store behind this graph is closed")
        return self._store

    @property
    def _inner(self) -> ox.Store:  # oxrdflib's own methods reach the store through this
        return self.oxigraph

    def close(self, commit_pending_transaction: bool = False) -> None:
        """Let go of the pyoxigraph store, so that its folder can be opened again."""
        self._store = None

    def triples(self, triple_pattern: Any, context: Any = None) -> Iterator[Any]:
        subject, predicate, object_ = (
            None if term is None else to_ox(term) for term in triple_pattern
        )
        graph_name = None if context is None else ox.DefaultGraph()
        quads = self.oxigraph.quads_for_pattern(
            cast(OxSubject | None, subject),
            cast(ox.NamedNode | None, predicate),
            object_,
            graph_name,
        )
        for quad in quads:
            triple = (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object))
            yield triple, iter((context,))


def graph_over(store: ox.Store, *, opened: Opened | None = None) -> Graph:
    """An rdflib graph reading and writing the default graph of ``store``, kg's prefixes bound;
    ``opened`` says which folder ``store`` was opened read-only from, and when.

    >>> graph = graph_over(ox.Store())
    >>> graph.add((URIRef("https://x.test/a"), URIRef("https://x.test/p"), Literal("b")))
    ... # doctest: +ELLIPSIS
    <Graph ...>
    >>> list(graph.objects())
    [rdflib.term.Literal('b')]
    """
    view = KgOxigraphStore(store=store)
    view.opened = opened
    return bind_prefixes(Graph(store=view, identifier=DATASET_DEFAULT_GRAPH_ID))


def oxigraph_of(graph: Graph) -> ox.Store | None:
    """The pyoxigraph store under ``graph``, or ``None`` for an in-memory rdflib graph.

    >>> oxigraph_of(Graph()) is None, oxigraph_of(graph_over(ox.Store())) is not None
    (True, True)
    """
    store = graph.store
    return store.oxigraph if isinstance(store, KgOxigraphStore) else None


def opened_of(graph: Graph) -> Opened | None:
    """The folder and state of the on-disk store under ``graph`` if it was opened read-only
    (by :class:`kg.store.GraphStore`), else None: a graph in memory, or a store being written.

    >>> opened_of(Graph()), opened_of(graph_over(ox.Store()))
    (None, None)
    """
    store = graph.store
    return store.opened if isinstance(store, KgOxigraphStore) else None


def add_triples(graph: Graph, triples: Iterable[tuple[Node, Node, Node]]) -> None:
    """Add ``triples`` to ``graph``: in one Oxigraph transaction for a graph over a store.

    >>> graph = graph_over(ox.Store())
    >>> add_triples(graph, [(URIRef("https://x.test/a"), URIRef("https://x.test/p"), Literal(1))])
    >>> len(graph)
    1
    """
    store = oxigraph_of(graph)
    if store is not None:
        store.extend(to_ox_quads(triples))
    else:
        graph += triples  # rdflib adds any iterable of triples
