"""Graph files: write a graph in the format its suffix names, read any of them back.

(On-disk Oxigraph stores, ``kg build --store DIR``, are in :mod:`kg.store.disk`.)

Triple formats (``.ttl``, ``.nt``, ``.jsonld``) hold the graph as it is. Quad formats (``.nq``,
``.trig``) hold it in their default graph, as a kg store and ``kg serve`` do (kg wrote it into
a named graph ``kgr:graph/default`` before); reading merges every graph of a quad file (named or
default) into one, so files of either kind read the same.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from kg.errors import GraphFormatError
from kg.rdf.namespace import KGR, PREFIXES, bind_prefixes
from kg.store.atomic import atomic_path
from kg.store.oxigraph import OX_FORMATS, OX_PREFIXES, oxigraph_of

FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
}
"""rdflib's format name for each graph file suffix kg reads and writes."""

QUAD_FORMATS = frozenset({"nquads", "trig"})
"""The formats of :data:`FORMATS` that name a graph for every triple."""

# JSON-LD gets kg's prefixes as its context, so that it reads "kg:evidence", not full IRIs.
_OPTIONS: dict[str, dict[str, Any]] = {
    "json-ld": {"context": {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}}
}

DEFAULT_GRAPH: URIRef = KGR["graph/default"]
"""The named graph that held kg's triples in ``.nq`` and ``.trig`` files kg wrote before they
went into the default graph; such files are still read (every graph merged)."""


def save_graph(graph: Graph, path: str | os.PathLike[str]) -> Path:
    """Write ``graph`` to ``path`` in the format of its suffix; return the path.

    The file is written next to its destination and then renamed over it, so a reader never
    sees half a graph and a failed write leaves the old file in place.

    >>> import tempfile
    >>> from kg.rdf.namespace import KG, entity_iri
    >>> graph = Graph()
    >>> graph.add((entity_iri("Rapidus"), KG.partnersWith, entity_iri("IBM")))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = save_graph(graph, Path(tmp, "g.nq"))
    ...     print(path.read_text().strip().split()[-2:])  # no graph term: the default graph
    ['<https://w3id.org/kg/id/entity/ibm>', '.']
    """
    path = Path(path)
    fmt = format_for(path)
    with atomic_path(path) as temporary:
        _serialisable(graph, fmt).serialize(
            destination=temporary, format=fmt, encoding="utf-8", **_OPTIONS.get(fmt, {})
        )
    return path


def export_graph(graph: Graph, path: str | os.PathLike[str]) -> Path:
    """Write ``graph`` to ``path`` in the format of its suffix; return the path.

    A graph over a store is written by Oxigraph, without going through rdflib; quad formats
    hold every triple in their default graph either way. The file appears whole or
    not at all.

    >>> import tempfile
    >>> from kg.model import Article, Extraction
    >>> from kg.store.disk import GraphStore
    >>> with tempfile.TemporaryDirectory() as tmp, GraphStore(Path(tmp, "store")) as store:
    ...     _ = store.add_extraction(Extraction(Article("a1", "No facts.")))
    ...     print(export_graph(store.graph, Path(tmp, "graph.nt")).read_text().count("\\n"))
    3
    """
    store = oxigraph_of(graph)
    if store is None:
        return save_graph(graph, path)
    path = Path(path)
    name = format_for(path)
    quads = store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    items: Iterable[ox.Quad] | Iterable[ox.Triple]
    if name in QUAD_FORMATS:
        items = quads  # in the default graph, as stored
    else:
        items = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    with atomic_path(path) as temporary:
        ox.serialize(items, temporary, OX_FORMATS[name], prefixes=OX_PREFIXES)
    return path


def load_graph(path: str | os.PathLike[str]) -> Graph:
    """Read the graph file at ``path`` (any of :data:`FORMATS`) into one graph.

    >>> import tempfile
    >>> from kg.rdf.namespace import KG, entity_iri
    >>> graph = Graph()
    >>> graph.add((entity_iri("Rapidus"), KG.partnersWith, entity_iri("IBM")))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     len(load_graph(save_graph(graph, Path(tmp, "g.trig"))))
    1
    """
    path = Path(path)
    fmt = format_for(path)
    graph = Graph()
    target = Dataset() if fmt in QUAD_FORMATS else graph
    try:
        target.parse(path, format=fmt)
    except OSError as error:
        raise GraphFormatError(f"{path}: cannot read: {error.strerror or error}") from error
    # rdflib's parsers raise anything from SyntaxError to AttributeError on malformed input.
    except Exception as error:
        raise _parse_error(path, fmt, error) from error
    if isinstance(target, Dataset):
        for subject, predicate, object_, _ in target.quads((None, None, None, None)):
            graph.add((subject, predicate, object_))
    return bind_prefixes(graph)


def format_for(path: str | os.PathLike[str]) -> str:
    """rdflib's format name for the graph file ``path``, by its suffix (case ignored).

    >>> format_for("out/graph.TTL")
    'turtle'
    >>> format_for("graph.rdf")
    Traceback (most recent call last):
    kg.errors.GraphFormatError: graph.rdf: unknown graph file suffix '.rdf'; use one of .ttl, ...
    """
    path = Path(path)
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        valid = ", ".join(FORMATS)
        raise GraphFormatError(
            f"{path}: unknown graph file suffix {path.suffix!r}; use one of {valid}"
        ) from None


def _serialisable(graph: Graph, fmt: str) -> Graph:
    """``graph`` itself, or for a quad format a dataset holding it as its default graph."""
    if fmt not in QUAD_FORMATS:
        return graph
    dataset = Dataset()
    for prefix, namespace in graph.namespaces():
        dataset.bind(prefix, namespace, override=True, replace=True)
    for triple in graph:
        dataset.add(triple)
    return dataset


def _parse_error(path: Path, fmt: str, error: Exception) -> GraphFormatError:
    """A GraphFormatError naming the file and, when the parser says it, the line."""
    # rdflib's Turtle/TriG parser counts lines from 0; json's decoder counts from 1.
    line = getattr(error, "lineno", None)
    lines = getattr(error, "lines", None)
    if isinstance(lines, int):
        line = lines + 1
    where = f"{path}:{line}" if line else str(path)
    reason = getattr(error, "_why", None) or " ".join(str(error).split())
    return GraphFormatError(f"{where}: not valid {fmt}: {reason}")
