"""A graph read a predicate at a time, as text: the columns :mod:`kg.analysis.projection` joins.

A graph over an Oxigraph store (``kg build --store``, :func:`kg.store.graph_over`) is scanned
with pyoxigraph directly, without making an rdflib term of each value.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Protocol, cast

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import XSD
from rdflib.term import Node, URIRef

from kg.store.oxigraph import OxTerm, oxigraph_of

_OxNode = ox.NamedNode | ox.BlankNode

# What rdflib's Literal.toPython makes of numeric literals, as kg reads them (decimals as floats).
_NUMBERS = {
    **{
        str(XSD[name]): int
        for name in (
            "integer",
            "int",
            "long",
            "short",
            "byte",
            "nonNegativeInteger",
            "positiveInteger",
            "nonPositiveInteger",
            "negativeInteger",
            "unsignedInt",
            "unsignedLong",
            "unsignedShort",
            "unsignedByte",
        )
    },
    **{str(XSD[name]): float for name in ("decimal", "double", "float")},
}


class Columns(Protocol):
    """A graph read a predicate at a time, its terms as text (IRIs, blank node ids, the
    lexical forms of literals)."""

    def column(
        self, predicate: str, *, within: str = "", values: bool = False
    ) -> dict[str, object]:
        """``{subject: object}`` for ``predicate``, objects starting with ``within``; of several
        objects the least (by text), so that the choice does not depend on the order of reading.
        With ``values``, numeric literals become numbers (see :func:`_value`)."""
        ...

    def pairs(self, predicate: str) -> Iterator[tuple[str, str]]:
        """Every ``(subject, object)`` of ``predicate``."""
        ...

    def subjects(self, predicate: str, object_: str) -> Iterator[str]:
        """The subjects of ``predicate`` with the IRI ``object_``."""
        ...


def columns_of(graph: Graph) -> Columns:
    """The columns of ``graph``: read with pyoxigraph for a graph over an Oxigraph store, else
    through rdflib.

    >>> from rdflib import Graph
    >>> columns_of(Graph()).column("https://x.test/p")
    {}
    """
    store = oxigraph_of(graph)
    return RdflibColumns(graph) if store is None else OxigraphColumns(store)


class RdflibColumns:
    """:class:`Columns` of an rdflib graph (in memory, or any other store)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def column(
        self, predicate: str, *, within: str = "", values: bool = False
    ) -> dict[str, object]:
        least: dict[str, Node] = {}
        for subject, object_ in self.graph.subject_objects(URIRef(predicate)):
            text, key = str(object_), str(subject)
            if text.startswith(within) and (key not in least or text < str(least[key])):
                least[key] = object_
        if values:
            return {key: _value(node) for key, node in least.items()}
        return {key: str(node) for key, node in least.items()}

    def pairs(self, predicate: str) -> Iterator[tuple[str, str]]:
        for subject, object_ in self.graph.subject_objects(URIRef(predicate)):
            yield str(subject), str(object_)

    def subjects(self, predicate: str, object_: str) -> Iterator[str]:
        for subject in self.graph.subjects(URIRef(predicate), URIRef(object_)):
            yield str(subject)


class OxigraphColumns:
    """:class:`Columns` of the default graph of a pyoxigraph store, read without rdflib."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def _quads(self, predicate: str, object_: str | None = None) -> Iterator[ox.Quad]:
        node = None if object_ is None else ox.NamedNode(object_)
        return self.store.quads_for_pattern(None, ox.NamedNode(predicate), node, ox.DefaultGraph())

    def column(
        self, predicate: str, *, within: str = "", values: bool = False
    ) -> dict[str, object]:
        least: dict[str, OxTerm] = {}
        for quad in self._quads(predicate):
            # kg stores no RDF-star triples: subjects and objects are plain terms
            object_, key = cast(OxTerm, quad.object), cast(_OxNode, quad.subject).value
            if within and not object_.value.startswith(within):
                continue
            if key in least and object_.value >= least[key].value:
                continue
            least[key] = object_
        if values:
            return {key: _ox_value(term) for key, term in least.items()}
        return {key: term.value for key, term in least.items()}

    def pairs(self, predicate: str) -> Iterator[tuple[str, str]]:
        for quad in self._quads(predicate):
            yield cast(_OxNode, quad.subject).value, cast(OxTerm, quad.object).value

    def subjects(self, predicate: str, object_: str) -> Iterator[str]:
        for quad in self._quads(predicate, object_):
            yield cast(_OxNode, quad.subject).value


def _value(node: Node | None) -> object:
    """A number for a numeric literal, else the node's text; ``None`` if missing."""
    value = node.toPython() if isinstance(node, Literal) else node
    if isinstance(value, Decimal):
        return float(value)
    return value if isinstance(value, int | float) else (str(node) if node is not None else None)


def _ox_value(term: OxTerm) -> object:
    """:func:`_value` of a pyoxigraph term: the same numbers rdflib reads, else the text."""
    if isinstance(term, ox.Literal):
        number = _NUMBERS.get(term.datatype.value)
        if number is not None:
            try:
                return number(term.value)
            except ValueError:  # ill-typed: rdflib keeps the text
                return term.value
        if term.datatype.value == _BOOLEAN:
            return {"true": True, "1": True, "false": False, "0": False}.get(term.value, term.value)
    return term.value


_BOOLEAN = str(XSD.boolean)
