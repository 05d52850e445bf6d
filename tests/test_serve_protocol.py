"""``kg serve`` as the SPARQL 1.1 Protocol and standard clients expect (issue 17): the dataset
parameters honoured, format hints read by the query's form, no silent truncation, 405 for
other methods, the request charset, a base IRI, a service description, ``SELECT *`` columns
in query order; SPARQLWrapper and rdflib's SPARQLStore with their defaults."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from fixtures.rdf.supply import all_extractions
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import SPARQLWrapper

from kg.rdf.build import build_graph
from kg.sparql import run_query
from kg.sparql.server import SparqlServer, graph_file_store
from kg.store import save_graph

pytestmark = pytest.mark.slow

CONSTRUCT = (
    "CONSTRUCT { ?t kg:facesExportRestrictionsFrom ?x } WHERE { ?x kg:restrictsExportsTo ?t }"
)
NOWHERE = "urn:x:no-such-graph"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(all_extractions())


@pytest.fixture(scope="module")
def server(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    path = save_graph(graph, tmp_path_factory.mktemp("protocol") / "graph.ttl")
    with graph_file_store(path) as store, SparqlServer(store, port=0, workers=1).start() as up:
        yield up


def call(
    url: str, *, data: bytes | None = None, headers: dict | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def ask(server: SparqlServer, query: str, **params: str) -> bool:
    status, _, body = call(f"{server.url}?{urlencode({'query': query, **params})}")
    assert status == 200, body
    return json.loads(body)["boolean"]


# -- the dataset -------------------------------------------------------------------------------


def test_default_and_named_graph_uris_are_honoured_not_ignored(server) -> None:
    anything = "ASK { ?s ?p ?o }"
    assert ask(server, anything)
    assert not ask(server, anything, **{"default-graph-uri": NOWHERE})
    assert not ask(server, "ASK { GRAPH ?g { ?s ?p ?o } }", **{"named-graph-uri": NOWHERE})
    query = f"{server.url}?{urlencode({'query': anything, 'default-graph-uri': 'not an iri'})}"
    status, _, body = call(query)
    assert status == 400 and b"not an IRI" in body


def test_rdflib_graph_over_another_graph_name_sees_nothing(server, graph: Graph) -> None:
    store = SPARQLStore(server.url, returnFormat="json")
    assert len(Graph(store)) == len(graph)
    assert len(Graph(store, identifier=URIRef(NOWHERE))) == 0


# -- formats by query form -----------------------------------------------------------------------


def test_sparqlwrapper_defaults_for_construct_and_describe(server, graph: Graph) -> None:
    for query in (CONSTRUCT, "DESCRIBE ent:huawei"):
        wrapper = SPARQLWrapper(server.url)
        wrapper.setQuery(query)  # its default: format=xml and Accept application/rdf+xml
        served = wrapper.query().convert()
        assert isinstance(served, Graph) and len(served) > 0
    expected = run_query(graph, CONSTRUCT).graph
    wrapper = SPARQLWrapper(server.url)
    wrapper.setQuery(CONSTRUCT)
    assert isomorphic(wrapper.query().convert(), expected)


def test_format_xml_means_rdf_xml_for_a_graph_and_results_xml_for_select(server) -> None:
    status, headers, _ = call(f"{server.url}?{urlencode({'query': CONSTRUCT, 'format': 'xml'})}")
    assert status == 200 and headers["Content-Type"].startswith("application/rdf+xml")
    select = "SELECT ?x WHERE { ?x ?p ?o } LIMIT 1"
    status, headers, _ = call(f"{server.url}?{urlencode({'query': select, 'output': 'xml'})}")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+xml")


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_rdflib_sparqlstore_runs_every_query_form_in_every_mode(
    server, graph: Graph, fmt: str
) -> None:
    store = Graph(SPARQLStore(server.url, returnFormat=fmt))
    result = store.query(CONSTRUCT)
    assert isomorphic(result.graph, run_query(graph, CONSTRUCT).graph)
    described = store.query("DESCRIBE ent:huawei").graph
    assert described is not None and len(described) > 0
    select = "SELECT ?name WHERE { ?x kg:restrictsExportsTo ?t ; rdfs:label ?name } ORDER BY ?name"
    names = [str(row[0]) for row in store.query(select)]
    assert names == [str(row[0]) for row in run_query(graph, select).rows]
    if fmt in ("json", "xml"):
        assert store.query("ASK { ?x kg:sanctions ent:huawei }").askAnswer is True
        assert store.query("ASK { ent:huawei kg:sanctions ?x }").askAnswer is False


# -- no silent answers -----------------------------------------------------------------------------


def test_select_star_columns_come_in_query_order(server) -> None:
    query = "SELECT * WHERE { ?x kg:restrictsExportsTo ?target ; rdfs:label ?name } LIMIT 1"
    _, _, body = call(f"{server.url}?{urlencode({'query': query})}")
    assert json.loads(body)["head"]["vars"] == ["x", "target", "name"]


def test_relative_iris_resolve_against_the_base(server) -> None:
    query = "CONSTRUCT { <s> <p> 1 } WHERE {}"
    status, _, body = call(
        f"{server.url}?{urlencode({'query': query})}", headers={"Accept": "application/n-triples"}
    )
    assert status == 200
    assert body.startswith(b"<https://w3id.org/kg/id/s> <https://w3id.org/kg/id/p> ")


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_get_405_with_allow(server, method: str) -> None:
    status, headers, body = call(server.url, data=b"plain body", method=method)
    assert status == 405 and headers["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert headers["Content-Type"].startswith("text/plain") and b"read-only" in body


def test_head_gives_the_headers_of_get(server) -> None:
    url = f"{server.url}?{urlencode({'query': 'ASK {}'})}"
    status, headers, body = call(url, method="HEAD")
    assert status == 200 and body == b""
    assert headers["Content-Type"].startswith("application/sparql-results+json")


def test_a_body_in_another_charset_than_utf_8_is_refused_not_misread(server) -> None:
    query = 'ASK { FILTER("Zölle" = "Z\\u00f6lle") }'
    status, _, body = call(
        server.url,
        data=query.encode("utf-8"),
        headers={"Content-Type": "application/sparql-query; charset=UTF-8"},
        method="POST",
    )
    assert status == 200 and json.loads(body)["boolean"] is True
    for kind in ("application/sparql-query", "application/x-www-form-urlencoded"):
        latin = query if kind.endswith("query") else urlencode({"query": query}, encoding="latin-1")
        status, _, body = call(
            server.url,
            data=latin.encode("iso-8859-1"),
            headers={"Content-Type": f"{kind}; charset=ISO-8859-1"},
            method="POST",
        )
        assert status == 415 and b"UTF-8" in body  # it was 200 and a wrong answer
    for kind, data in (
        ("application/sparql-query", query.encode("iso-8859-1")),
        (
            "application/x-www-form-urlencoded",
            urlencode({"query": query}, encoding="latin-1").encode(),
        ),
    ):
        status, _, body = call(server.url, data=data, headers={"Content-Type": kind}, method="POST")
        assert status == 400 and b"not valid UTF-8" in body  # UTF-8, it says, and is not


def test_a_query_both_in_the_url_and_the_body_is_refused(server) -> None:
    status, _, body = call(
        f"{server.url}?{urlencode({'query': 'ASK { ?s ?p ?o }'})}",
        data=urlencode({"query": "ASK {}"}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    assert status == 400 and b"both in the URL and in the body" in body


def test_get_without_a_query_is_the_service_description(server) -> None:
    status, headers, body = call(server.url)
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    described = Graph().parse(data=body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "endpoint"), URIRef(server.url)) in described


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_ask_in_csv_and_tsv_is_a_table_rdflib_reads(server, fmt: str) -> None:
    store = Graph(SPARQLStore(server.url, returnFormat=fmt))
    rows = list(store.query("ASK { ?x kg:sanctions ent:huawei }"))
    assert [str(value) for row in rows for value in row] == ["true"]
