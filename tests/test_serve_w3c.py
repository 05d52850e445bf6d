"""The 20 query-side cases of the W3C SPARQL 1.1 Protocol test suite (w3c/rdf-tests,
``sparql/sparql11/protocol/manifest.ttl``), written out here with kg's own data and code: each
request as the manifest sends it, each answer checked as the manifest expects, against
``kg serve`` on 127.0.0.1 over a store holding the suite's graphs (data1, data2, data3) as
named graphs. The 14 update cases are refused by design (``test_serve.py``,
``test_reliability_serve.py``).

``query_multiple_dataset`` is sent as the manifest means it (two ``named-graph-uri``
parameters); the manifest's path encodes the ``&`` between them (``%26``), making one IRI.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest

from kg.sparql.server import SparqlServer

pytestmark = pytest.mark.slow

DATA = "http://kasei.us/2009/09/sparql/data/"
BOOLEAN = ("application/sparql-results+xml", "application/sparql-results+json")
TABULAR = (*BOOLEAN, "text/csv", "text/tab-separated-values")
RDF = ("application/rdf+xml", "text/turtle", "application/n-triples", "application/ld+json")


def data(n: int) -> str:
    return f"{DATA}data{n}.rdf"


def graphs(kind: str, *numbers: int) -> str:
    return "&".join(f"{kind}-graph-uri={quote(data(n), safe='')}" for n in numbers)


def query_path(query: str, extra: str = "") -> str:
    return f"/sparql/?query={quote(query, safe='')}" + (f"&{extra}" if extra else "")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    folder: Path = tmp_path_factory.mktemp("w3c") / "store"
    store = ox.Store(str(folder))
    document = ox.NamedNode("http://xmlns.com/foaf/0.1/Document")
    for n in (1, 2, 3):
        iri = ox.NamedNode(data(n))
        store.add(ox.Quad(iri, ox.NamedNode(f"{RDF_NS}type"), document, iri))
    store.flush()
    del store
    with SparqlServer(folder, port=0, workers=1).start() as running:
        yield running


RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SPARQL_QUERY = {"Content-Type": "application/sparql-query"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
ASK_BOTH = f"ASK {{ <{data(1)}> a ?type . <{data(2)}> a ?type . }}"
ASK_NAMED = f"ASK {{ GRAPH ?g1 {{ <{data(1)}> a ?type }} GRAPH ?g2 {{ <{data(2)}> a ?type }} }}"
ASK_FULL = f"""ASK {{
  <{data(3)}> a ?type
  GRAPH ?g1 {{ <{data(1)}> a ?type }}
  GRAPH ?g2 {{ <{data(2)}> a ?type }}
}}"""
ASK_FROM = (
    f"ASK FROM <{data(3)}> {{ GRAPH ?g1 {{ <{data(1)}> a ?type }} "
    f"GRAPH ?g2 {{ <{data(2)}> a ?type }} }}"
)

# (id, method, path, headers, body, expected: "true" | a tuple of media types | "4xx")
CASES = [
    ("query_post_form", "POST", f"/sparql/?{graphs('default', 0)}", FORM,
     b"query=ASK%20%7B%7D", "true"),
    ("query_dataset_default_graphs_get", "GET", query_path(ASK_BOTH, graphs("default", 1, 2)),
     {}, None, "true"),
    ("query_dataset_default_graphs_post", "POST", f"/sparql/?{graphs('default', 1, 2)}",
     SPARQL_QUERY, ASK_BOTH.encode(), "true"),
    ("query_dataset_named_graphs_post", "POST", f"/sparql/?{graphs('named', 1, 2)}",
     SPARQL_QUERY, ASK_NAMED.encode(), "true"),
    ("query_dataset_named_graphs_get", "GET", query_path(ASK_NAMED, graphs("named", 1, 2)),
     {}, None, "true"),
    ("query_dataset_full", "POST", f"/sparql/?{graphs('default', 3)}&{graphs('named', 1, 2)}",
     SPARQL_QUERY, ASK_FULL.encode(), "true"),
    ("query_multiple_dataset", "POST", f"/sparql/?{graphs('named', 1, 2)}", SPARQL_QUERY,
     ASK_FROM.encode(), "true"),
    ("query_get", "GET", query_path("ASK {}", graphs("default", 0)), {}, None, "true"),
    ("query_content_type_select", "POST", f"/sparql/?{graphs('default', 0)}", SPARQL_QUERY,
     b"SELECT (1 AS ?value) {}", TABULAR),
    ("query_content_type_ask", "POST", f"/sparql/?{graphs('default', 0)}", SPARQL_QUERY,
     b"ASK {}", BOOLEAN),
    ("query_content_type_describe", "POST", f"/sparql/?{graphs('default', 0)}", SPARQL_QUERY,
     b"DESCRIBE <http://example.org/>", RDF),
    ("query_content_type_construct", "POST", f"/sparql/?{graphs('default', 0)}", SPARQL_QUERY,
     b"CONSTRUCT { <s> <p> 1 } WHERE {}", RDF),
    ("query_post_direct", "POST", "/sparql/", SPARQL_QUERY, b"ASK {}", "true"),
    ("bad_query_method", "PUT", query_path("ASK {}", graphs("default", 0)), FORM, b"", "4xx"),
    ("bad_multiple_queries", "GET", "/sparql/?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D",
     {}, None, "4xx"),
    ("bad_query_wrong_media_type", "POST", "/sparql/", {"Content-Type": "text/plain"},
     b"ASK {}", "4xx"),
    ("bad_query_missing_form_type", "POST", "/sparql/", {}, b"query=ASK%20%7B%7D", "4xx"),
    ("bad_query_missing_direct_type", "POST", "/sparql/", {}, b"ASK {}", "4xx"),
    ("bad_query_non_utf8", "POST", "/sparql/",
     {"Content-Type": "application/sparql-query; charset=UTF-16"}, "ASK {}".encode("utf-16"),
     "4xx"),
    ("bad_query_syntax", "GET", "/sparql/?query=ASK%20%7B", {}, None, "4xx"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("method", "path", "headers", "body", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_w3c_protocol_query_case(
    server, method: str, path: str, headers: dict, body: bytes | None, expected
) -> None:
    host, port = server.http.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=60)
    connection.request(method, path, body=body, headers=headers)  # no header added but length
    response = connection.getresponse()
    answer = response.read()
    connection.close()
    media = (response.getheader("Content-Type") or "").split(";")[0]
    if expected == "4xx":
        assert 400 <= response.status < 500, answer
        return
    assert 200 <= response.status < 400, answer
    if expected == "true":
        assert media in BOOLEAN
        assert json.loads(answer)["boolean"] is True
    else:
        assert media in expected


def test_the_cases_are_the_twenty_of_the_manifest() -> None:
    assert len(CASES) == 20 and len({case[0] for case in CASES}) == 20
