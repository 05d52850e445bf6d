"""``kg serve``: the SPARQL 1.1 Protocol over real HTTP, queried with SPARQLWrapper."""

from __future__ import annotations

import csv
import http.client
import io
import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from fixtures.rdf.supply import all_extractions
from rdflib import Graph, Literal, URIRef, Variable
from rdflib.compare import isomorphic
from rdflib.namespace import XSD
from rdflib.query import Result
from SPARQLWrapper import CSV, JSON, N3, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.rdf.build import build_graph
from kg.rdf.namespace import KG, article_iri
from kg.sparql import load_query, resolve_entity, run_named, run_query
from kg.sparql.endpoint import parse_term
from kg.sparql.protocol import MAX_BODY
from kg.sparql.results import negotiate, serialize_solutions
from kg.sparql.server import PAGE, SparqlServer, graph_file_store
from kg.store import save_graph

pytestmark = pytest.mark.slow

LABELS = "SELECT ?name WHERE { ?x kg:restrictsExportsTo ?t ; rdfs:label ?name } ORDER BY ?name"
# Four copies of the graph joined with each other: far more work than any time limit allows.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(all_extractions())


@pytest.fixture(scope="module")
def folder(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = save_graph(graph, tmp_path_factory.mktemp("serve") / "graph.ttl")
    with graph_file_store(path) as store:
        yield store


@pytest.fixture(scope="module")
def server(folder: Path) -> Iterator[SparqlServer]:
    with SparqlServer(folder, port=0, timeout=2.0, limit=1000).start() as running:
        yield running


def _wrapper(server: SparqlServer, query: str, fmt: str = JSON) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(server.url)
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    return wrapper


def _request(url: str, *, data: bytes | None = None, headers: dict | None = None, method="GET"):
    """Status, headers and body of one request (errors included)."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


# -- results in every format ---------------------------------------------------------------------


def _names_json(result) -> list[str]:
    return [row["name"]["value"] for row in result["results"]["bindings"]]


def _names_xml(document) -> list[str]:
    return [node.firstChild.data for node in document.getElementsByTagName("literal")]


def _names_csv(body: bytes) -> list[str]:
    return [row[0] for row in list(csv.reader(io.StringIO(body.decode())))[1:]]


def _names_tsv(body: bytes) -> list[str]:
    return [line.strip('"') for line in body.decode().splitlines()[1:]]


EXPECTED = ["Japan", "Netherlands", "United States"]  # a fact is one triple, however often stated


@pytest.mark.parametrize(
    ("fmt", "read"),
    [(JSON, _names_json), (XML, _names_xml), (CSV, _names_csv), (TSV, _names_tsv)],
)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_in_every_results_format(server, fmt: str, read, method: str) -> None:
    wrapper = _wrapper(server, LABELS, fmt)
    wrapper.setMethod(method)
    assert read(wrapper.query().convert()) == EXPECTED


def test_select_with_sparql_query_body(server) -> None:
    status, headers, body = _request(
        server.url,
        data=LABELS.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
        method="POST",
    )
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert _names_csv(body) == EXPECTED


@pytest.mark.parametrize("fmt", [TURTLE, N3])
def test_construct_gives_the_graph_rdflib_gives(server, graph: Graph, fmt: str) -> None:
    query = (
        "CONSTRUCT { ?t kg:facesExportRestrictionsFrom ?x } WHERE { ?x kg:restrictsExportsTo ?t }"
    )
    served = _wrapper(server, query, fmt).query().convert()
    expected = run_query(graph, query).graph
    assert expected is not None and len(expected) == 3
    assert isomorphic(Graph().parse(data=served, format="turtle"), expected)


def test_construct_in_n_triples(server, graph: Graph) -> None:
    query = "CONSTRUCT WHERE { ?x kg:suppliesTo ?y }"
    status, headers, body = _request(
        f"{server.url}?{urlencode({'query': query})}", headers={"Accept": "application/n-triples"}
    )
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    assert isomorphic(Graph().parse(data=body, format="nt"), run_query(graph, query).graph)


def test_describe_gives_turtle(server) -> None:
    served = _wrapper(server, "DESCRIBE ent:huawei", TURTLE).query().convert()
    described = Graph().parse(data=served, format="turtle")
    assert (None, None, Literal("Huawei")) in described


@pytest.mark.parametrize(
    ("query", "answer"),
    [("ASK { ?x kg:sanctions ent:huawei }", True), ("ASK { ent:huawei kg:sanctions ?x }", False)],
)
def test_ask_gives_a_boolean(server, query: str, answer: bool) -> None:
    assert _wrapper(server, query).query().convert()["boolean"] is answer


# -- named queries with bound parameters ---------------------------------------------------------

NAMED = [
    ("suppliers-of", {"company": "Apple"}),
    ("partners-of", {"entity": "IBM"}),
    ("who-restricts-exports-to", {"target": "China"}),
    ("subsidies-by", {"government": "Japan"}),
    ("facts-about", {"entity": "Micron Technology"}),
    ("facts-from-article", {"article": "supply-2024"}),
    ("facts-between-dates", {"since": "2023-01-01", "until": "2024-12-31"}),
    ("evidence-for", {"subject": "Japan", "relation": "restrictsExportsTo", "object": "China"}),
]


def _term(graph: Graph, kind: str, text: str):
    """The term a parameter stands for, written the way a remote client would write it."""
    if kind == "entity":
        return resolve_entity(graph, text)
    if kind == "article":
        return article_iri(text)
    if kind == "relation":
        return KG[text]
    return Literal(date.fromisoformat(text), datatype=XSD.date)


@pytest.mark.parametrize(("name", "params"), NAMED, ids=[name for name, _ in NAMED])
def test_named_query_over_http_gives_the_direct_answer(
    server, graph: Graph, name: str, params: dict[str, str]
) -> None:
    query = load_query(name)
    wrapper = _wrapper(server, query.text)
    for param in query.params:
        wrapper.addParameter(f"${param.name}", _term(graph, param.kind, params[param.name]).n3())
    served = wrapper.query().convert()
    direct = run_named(graph, name, params)
    assert served["head"]["vars"] == list(direct.columns)
    rows = [
        [row.get(column, {}).get("value") for column in direct.columns]
        for row in served["results"]["bindings"]
    ]
    assert rows and rows == [[None if v is None else str(v) for v in row] for row in direct.rows]


def test_binding_that_is_not_one_term_is_refused(server) -> None:
    wrapper = _wrapper(server, load_query("suppliers-of").text)
    wrapper.addParameter("$company", "ent:apple . ent:x ent:y ent:z")
    with pytest.raises(QueryBadFormed, match="not one RDF term"):
        wrapper.query()


# -- read-only, limits, errors -------------------------------------------------------------------

UPDATE = "INSERT DATA { ent:a kg:partnersWith ent:b }"


@pytest.mark.parametrize(
    ("data", "content_type", "query"),
    [
        (UPDATE.encode(), "application/sparql-update", ""),
        (urlencode({"update": UPDATE}).encode(), "application/x-www-form-urlencoded", ""),
        (None, None, UPDATE),
        (None, None, "DELETE WHERE { ?s ?p ?o }"),
    ],
    ids=["update-body", "update-form", "update-as-query", "delete-as-query"],
)
def test_updates_are_refused_and_change_nothing(
    server, data: bytes | None, content_type: str | None, query: str
) -> None:
    url = f"{server.url}?{urlencode({'query': query})}" if query else server.url
    headers = {"Content-Type": content_type} if content_type else {}
    status, _, body = _request(url, data=data, headers=headers, method="POST" if data else "GET")
    assert status == 403 and b"read-only" in body
    assert _wrapper(server, "ASK { ent:a ?p ?o }").query().convert()["boolean"] is False


def test_sparqlwrapper_update_is_refused(server) -> None:
    wrapper = SPARQLWrapper(server.url, updateEndpoint=server.url)
    wrapper.setMethod("POST")
    wrapper.setQuery(UPDATE)
    with pytest.raises(urllib.error.HTTPError) as refused:
        wrapper.query()
    assert refused.value.code == 403


def test_slow_query_is_stopped_and_the_server_goes_on(server) -> None:
    started = time.monotonic()
    status, _, body = _request(f"{server.url}?{urlencode({'query': ENDLESS})}")
    assert status == 503 and b"time limit" in body
    assert time.monotonic() - started < 10
    assert _names_json(_wrapper(server, LABELS).query().convert()) == EXPECTED


def test_result_over_the_row_limit_is_refused_never_cut_silently(folder: Path) -> None:
    with SparqlServer(folder, port=0, limit=3, workers=1).start() as small:
        json_results = {"Accept": "application/sparql-results+json"}
        status, _, body = _request(
            f"{small.url}?{urlencode({'query': 'SELECT * WHERE { ?s ?p ?o }'})}",
            headers=json_results,
        )
        assert status == 403 and b"more than 3 rows" in body and b"LIMIT 3" in body
        status, _, body = _request(
            f"{small.url}?{urlencode({'query': 'SELECT * WHERE { ?s ?p ?o } LIMIT 3'})}",
            headers=json_results,
        )
        assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 3
        query = "CONSTRUCT WHERE { ?s ?p ?o }"
        status, _, body = _request(f"{small.url}?{urlencode({'query': query})}")
        assert status == 403 and b"more than 3 rows (or triples)" in body


@pytest.mark.parametrize(
    ("path", "data", "headers", "status", "message"),
    [
        ("/sparql?query=SELECT%20WHERE%20%7B", None, {}, 400, b"malformed query"),
        ("/sparql?format=json", None, {}, 400, b"exactly one query"),
        ("/sparql?query=ASK%7B%7D", None, {"Accept": "image/png"}, 406, b"offered"),
        ("/sparql", b"query=x", {"Content-Type": "text/plain"}, 415, b"sparql-query"),
        ("/elsewhere", None, {}, 404, b"/sparql"),
    ],
    ids=["malformed", "no-query", "unacceptable", "wrong-type", "no-such-path"],
)
def test_bad_requests_get_a_4xx_and_a_message(
    server, path: str, data: bytes | None, headers: dict, status: int, message: bytes
) -> None:
    base = server.url.removesuffix("/sparql")
    got, _, body = _request(
        base + path, data=data, headers=headers, method="POST" if data else "GET"
    )
    assert got == status and message in body


def test_oversized_body_is_refused_before_it_is_read(server) -> None:
    host, port = server.http.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=30)
    connection.putrequest("POST", "/sparql")
    connection.putheader("Content-Type", "application/sparql-query")
    connection.putheader("Content-Length", str(MAX_BODY + 1))
    connection.endheaders()  # the body is never sent: the answer must not wait for it
    response = connection.getresponse()
    assert response.status == 413 and b"over" in response.read()
    connection.close()


# -- browsers ------------------------------------------------------------------------------------


def test_no_cors_headers_unless_an_origin_is_allowed(server, folder: Path) -> None:
    preflight = {"Origin": "https://elsewhere.test", "Access-Control-Request-Method": "POST"}
    _, headers, _ = _request(server.url, method="OPTIONS", headers=preflight)
    assert "Access-Control-Allow-Origin" not in headers
    _, headers, _ = _request(f"{server.url}?{urlencode({'query': LABELS})}")
    assert "Access-Control-Allow-Origin" not in headers
    with SparqlServer(folder, port=0, workers=1, cors="https://app.test").start() as allowing:
        status, headers, _ = _request(allowing.url, method="OPTIONS", headers=preflight)
        assert status == 204 and headers["Access-Control-Allow-Origin"] == "https://app.test"
        assert "POST" in headers["Access-Control-Allow-Methods"]
        _, headers, _ = _request(f"{allowing.url}?{urlencode({'query': LABELS})}")
        assert headers["Access-Control-Allow-Origin"] == "https://app.test"


def test_query_page_works_offline(server) -> None:
    status, headers, body = _request(server.url.removesuffix("sparql"))
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert page == PAGE and "<textarea" in page and 'fetch("sparql"' in page
    assert "src=" not in page and "href=" not in page  # nothing loaded from anywhere
    assert "connect-src 'self'" in headers["Content-Security-Policy"]
    assert "innerHTML" not in page  # values are shown as text, never parsed as markup


def test_named_queries_are_listed_for_the_page(server) -> None:
    _, _, body = _request(server.url.removesuffix("sparql") + "queries")
    listing = json.loads(body)
    assert {entry["name"] for entry in listing} >= {"suppliers-of", "evidence-for"}
    assert all(entry["query"] and entry["params"] for entry in listing)


# -- negotiation and terms -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/*", "text/csv"),
        ("text/csv;q=0.2, text/tab-separated-values;q=0.9", "text/tab-separated-values"),
        ("application/sparql-results+xml, */*;q=0.1", "application/sparql-results+xml"),
        ("text/html", None),
    ],
)
def test_content_negotiation(accept: str, expected: str | None) -> None:
    offered = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
               "text/tab-separated-values"]  # fmt: skip
    assert negotiate(accept, offered) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ent:japan", "https://w3id.org/kg/id/entity/japan"),
        ("<https://x.test/a>", "https://x.test/a"),
        ('"2023-01-01"^^xsd:date', "2023-01-01"),
        ('"Say \\"hi\\""', 'Say "hi"'),
        ("42", "42"),
    ],
)
def test_binding_terms_are_read_as_turtle(text: str, value: str) -> None:
    assert parse_term(text).value == value


@pytest.mark.parametrize("text", ["", "ent:a ent:b", "[ ent:p ent:o ]", "( ent:a )", '"open'])
def test_binding_text_that_is_not_one_term_is_rejected(text: str) -> None:
    with pytest.raises(ValueError, match="not one RDF term"):
        parse_term(text)


# -- result serialisers --------------------------------------------------------------------------

HOSTILE = ox.Literal('He said "no" <script>alert(1)</script> & left,\ttab\nline \x01 €')
ROW = [
    ox.NamedNode("https://w3id.org/kg/id/entity/o-brien"),
    HOSTILE,
    ox.Literal("Japon", language="fr"),
    ox.Literal("0.85", datatype=ox.NamedNode(str(XSD.decimal))),
    None,
]
VARIABLES = ["entity", "text", "label", "confidence", "unbound"]


@pytest.mark.parametrize("fmt", ["json", "xml", "csv"])
def test_awkward_values_survive_every_results_format(fmt: str) -> None:
    body = serialize_solutions(fmt, VARIABLES, [ROW])
    (row,) = Result.parse(io.BytesIO(body), format=fmt).bindings
    values = {str(name): row.get(Variable(name)) for name in VARIABLES}
    assert values["entity"] == URIRef(ROW[0].value) and values["unbound"] is None
    expected_text = HOSTILE.value.replace("\x01", "\ufffd") if fmt == "xml" else HOSTILE.value
    assert str(values["text"]) == expected_text
    if fmt != "csv":  # CSV carries lexical forms only
        assert values["label"] == Literal("Japon", lang="fr")
        assert values["confidence"] == Literal("0.85", datatype=XSD.decimal)


def test_tsv_writes_terms_in_n_triples_syntax_one_row_a_line() -> None:
    lines = serialize_solutions("tsv", VARIABLES, [ROW]).decode().split("\n")
    assert lines[0] == "?entity\t?text\t?label\t?confidence\t?unbound"
    cells = lines[1].split("\t")
    assert cells[0] == "<https://w3id.org/kg/id/entity/o-brien>" and cells[2] == '"Japon"@fr'
    assert cells[1].startswith('"He said \\"no\\"') and "\\t" in cells[1] and "\\n" in cells[1]
    assert cells[4] == "" and lines[2:] == [""]
