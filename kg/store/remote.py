"""``kg push``: load a graph into a SPARQL 1.1 Graph Store or Update endpoint.

The graph goes in batches of N-Triples. With the Graph Store HTTP Protocol each batch is a
``POST`` to ``URL?graph=IRI`` (or ``URL?default``), which adds to the graph; with SPARQL Update
each batch is an ``INSERT DATA``. Both add, never replace, so pushing the same graph twice
leaves the remote graph as it was after the first push. ``protocol="auto"`` tries the Graph
Store Protocol first and falls back to Update if the endpoint does not speak it.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Literal
from urllib.parse import quote, urlsplit

import pyoxigraph as ox
from rdflib import BNode, Graph

from kg.errors import KgError
from kg.store.oxigraph import ox_triple

Protocol = Literal["auto", "gsp", "update"]

BATCH = 50_000
"""Triples per request."""


class PushError(KgError):
    """The endpoint refused the graph, or could not be reached."""


@dataclass(frozen=True, slots=True)
class PushSummary:
    """What a push sent, and how."""

    triples: int
    requests: int
    protocol: str


def push(
    graph: Graph,
    endpoint: str,
    *,
    graph_iri: str | None = None,
    protocol: Protocol = "auto",
    batch: int = BATCH,
    timeout: float = 60.0,
) -> PushSummary:
    """Add every triple of ``graph`` to the named graph ``graph_iri`` (else the default graph)
    at ``endpoint``; raise :class:`PushError` naming the endpoint and its answer if refused.

    A graph with blank nodes goes in one request, so that each blank node stays one node.
    """
    if urlsplit(endpoint).scheme not in ("http", "https"):
        raise PushError(f"{endpoint}: not an http(s) URL")
    size = len(graph) if any(isinstance(t, BNode) for triple in graph for t in triple) else batch
    sent = requests = 0
    for chunk in _chunks(graph, max(size, 1)):
        protocol = _send(endpoint, graph_iri, protocol, chunk, timeout)
        sent += chunk.count(b"\n")
        requests += 1
    return PushSummary(sent, requests, protocol)


def _chunks(graph: Graph, size: int) -> Iterator[bytes]:
    """N-Triples documents of at most ``size`` triples each."""
    triples = iter(graph)
    while chunk := list(islice(triples, size)):
        items = [ox_triple(*triple) for triple in chunk]
        yield ox.serialize(items, format=ox.RdfFormat.N_TRIPLES) or b""


def _send(
    endpoint: str, graph_iri: str | None, protocol: Protocol, body: bytes, timeout: float
) -> Protocol:
    """Send one batch; return the protocol that worked (so later batches use it)."""
    if protocol in ("auto", "gsp"):
        url = _store_url(endpoint, graph_iri)
        status, text = _post(url, "application/n-triples", body, timeout)
        if status < 300:
            return "gsp"
        if protocol == "gsp" or status in (401, 403) or status >= 500:
            raise PushError(f"{endpoint}: Graph Store Protocol POST refused ({status}): {text}")
    status, text = _post(endpoint, "application/sparql-update", _insert(body, graph_iri), timeout)
    if status < 300:
        return "update"
    raise PushError(f"{endpoint}: SPARQL Update refused ({status}): {text}")


def _store_url(endpoint: str, graph_iri: str | None) -> str:
    separator = "&" if urlsplit(endpoint).query else "?"
    target = f"graph={quote(graph_iri, safe='')}" if graph_iri else "default"
    return f"{endpoint}{separator}{target}"


def _insert(ntriples: bytes, graph_iri: str | None) -> bytes:
    """``INSERT DATA`` of the N-Triples (valid SPARQL triples as they are) into the graph."""
    if graph_iri is None:
        return b"INSERT DATA {\n" + ntriples + b"}\n"
    name = str(ox.NamedNode(graph_iri)).encode()  # validates the IRI and writes it <...>
    return b"INSERT DATA { GRAPH " + name + b" {\n" + ntriples + b"} }\n"


def _post(url: str, content_type: str, body: bytes, timeout: float) -> tuple[int, str]:
    """POST ``body``; the status and the start of the answer's text."""
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, _text(error.read())
    except (urllib.error.URLError, OSError) as error:
        raise PushError(f"{url}: cannot reach the endpoint: {error}") from error


def _text(body: Iterable[int] | bytes) -> str:
    return " ".join(bytes(body).decode("utf-8", "replace").split())[:300]
