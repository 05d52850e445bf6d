"""Where graphs are kept: graph files, the on-disk Oxigraph store, remote SPARQL stores.

- :mod:`~kg.store.files`: read and write ``.ttl .nt .nq .trig .jsonld`` (:func:`load_graph`,
  :func:`save_graph`; :func:`export_graph` writes a graph over a store with Oxigraph);
- :mod:`~kg.store.disk`: :class:`GraphStore`, an on-disk store, one transaction per article;
  :func:`~kg.store.disk.store_state`, which changes whenever anything is written to one;
- :mod:`~kg.store.oxigraph`: the one seam between rdflib and Oxigraph: term converters, an
  rdflib view of a store, and :func:`oxigraph_of`, which says which backend holds a graph;
- :mod:`~kg.store.remote`: :func:`push` into any SPARQL 1.1 Graph Store or Update endpoint;
- :mod:`~kg.store.atomic`: :func:`atomic_path`, how every file kg writes appears whole.

>>> from kg.store import load_graph, save_graph  # doctest: +SKIP
"""

from kg.store.atomic import atomic_path
from kg.store.disk import Change, GraphStore
from kg.store.files import FORMATS, export_graph, format_for, load_graph, save_graph
from kg.store.oxigraph import add_triples, graph_over, oxigraph_of
from kg.store.remote import PushError, PushSummary, push

__all__ = [
    "FORMATS",
    "Change",
    "GraphStore",
    "PushError",
    "PushSummary",
    "add_triples",
    "atomic_path",
    "export_graph",
    "format_for",
    "graph_over",
    "load_graph",
    "oxigraph_of",
    "push",
    "save_graph",
]
