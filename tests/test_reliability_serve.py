"""``kg serve`` under abuse: loopback by default, read-only, no requests of its own, bounded
requests and connections, slow queries stopped while others are answered, and a query page
that shows hostile text as text (headless Chromium against the real server)."""

from __future__ import annotations

import http.client
import json
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from kg.model import Article, Entity, Extraction, Fact
from kg.rdf.build import build_graph
from kg.sparql.protocol import MAX_BODY
from kg.sparql.server import SparqlServer, graph_file_store
from kg.store import save_graph

pytestmark = pytest.mark.slow

SCRIPT = "<script>window.__xss=1</script>"
IMAGE = '<img src=x onerror="window.__xss=1">'
LINK = "javascript:window.__xss=1"
EVIDENCE = f"{SCRIPT} supplies {IMAGE} with chips, see {LINK} and <a href='{LINK}'>this</a>."
PAYLOADS = (SCRIPT, IMAGE, LINK)
# Four copies of the graph joined with each other: far more work than any time limit allows.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
LABELS = "SELECT ?label WHERE { ?x rdfs:label ?label } ORDER BY ?label"
TIMEOUT = 2.0


def hostile_extraction() -> Extraction:
    """Names, title, url and evidence carrying script payloads, as a scraped page could."""
    text = f"Intro. {EVIDENCE}"
    article = Article("evil", text, title=SCRIPT, url=LINK, source=IMAGE, origin="evil.jsonl:1")
    subject = Entity(SCRIPT, "Company", country=IMAGE)
    object_ = Entity(IMAGE, "Company")
    start = text.index(EVIDENCE)
    fact = Fact("evil", subject, "suppliesTo", object_, EVIDENCE, start, len(text), 0.9)
    return Extraction(article, facts=(fact,))


def plain_extraction(number: int) -> Extraction:
    """An ordinary article, so that the graph is big enough to make a cartesian product slow."""
    supplier, customer = Entity(f"Company {number}", "Company"), Entity("Apple", "Company")
    text = f"Company {number} supplies chips to Apple."
    fact = Fact(f"a{number}", supplier, "suppliesTo", customer, text, 0, len(text), 0.8)
    return Extraction(Article(f"a{number}", text), facts=(fact,))


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    extractions = [hostile_extraction(), *map(plain_extraction, range(100))]
    return save_graph(build_graph(extractions), tmp_path_factory.mktemp("g") / "g.ttl")


def _interruptible() -> None:
    """Ctrl-C for the server, however the tests were started: a shell starts a background job
    (``.ci/run &``) with SIGINT ignored, its children inherit that, and Python keeps it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Served:
    """``kg serve`` running in its own process, and its base URL (``http://host:port/``)."""

    def __init__(self, *args: str | Path) -> None:
        command = [sys.executable, "-m", "kg", "serve", *map(str, args)]
        self.process = subprocess.Popen(
            command, stderr=subprocess.PIPE, text=True, preexec_fn=_interruptible
        )
        assert self.process.stderr is not None
        for line in self.process.stderr:  # "SPARQL endpoint: http://127.0.0.1:PORT/sparql ..."
            if found := re.search(r"SPARQL endpoint: (http://\S+)/sparql", line):
                self.base = found.group(1) + "/"
                return
        raise AssertionError(f"kg serve did not start (exit {self.process.wait()})")

    @property
    def host_port(self) -> tuple[str, int]:
        url = urlsplit(self.base)
        assert url.hostname is not None and url.port is not None
        return url.hostname, url.port

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)  # what Ctrl-C sends: the temporary store goes
        assert self.process.wait(timeout=30) == 0


@pytest.fixture(scope="module")
def served(graph_file: Path) -> Iterator[Served]:
    server = Served(graph_file, "--port", "0", "--timeout", str(TIMEOUT), "--workers", "2")
    yield server
    server.stop()


def request(
    base: str,
    query: str | None = None,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    path: str = "sparql",
) -> tuple[int, bytes]:
    """Status and body of one request (errors included); a query goes in the URL."""
    url = base + path + (f"?{urlencode({'query': query})}" if query is not None else "")
    ask = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(ask, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def count_triples(base: str) -> int:
    status, body = request(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert status == 200
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


# -- where it listens ---------------------------------------------------------------------------


def refuses_connections(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=5).close()
    except ConnectionRefusedError:
        return True
    return False


def test_listens_on_loopback_only_by_default(served: Served) -> None:
    host, port = served.host_port
    assert host == "127.0.0.1" and request(served.base, LABELS)[0] == 200
    # 127.0.0.2 is this machine too: a server on all addresses (0.0.0.0) would answer there
    assert refuses_connections("127.0.0.2", port)


def test_host_option_chooses_the_address(graph_file: Path) -> None:
    other = Served(graph_file, "--port", "0", "--host", "127.0.0.2")
    try:
        host, port = other.host_port
        assert host == "127.0.0.2" and request(other.base, LABELS)[0] == 200
        assert refuses_connections("127.0.0.1", port)
    finally:
        other.stop()


# -- read-only, and no requests of its own ------------------------------------------------------

UPDATE = "INSERT DATA { ent:a kg:partnersWith ent:b }"
FORM = "application/x-www-form-urlencoded"


@pytest.mark.parametrize(
    ("query", "data", "content_type"),
    [
        (None, UPDATE.encode(), "application/sparql-update"),
        (None, urlencode({"update": UPDATE}).encode(), FORM),
        (None, urlencode({"update": "DROP ALL"}).encode(), FORM),
        (UPDATE, None, None),
        ("DELETE WHERE { ?s ?p ?o }", None, None),
        ("CLEAR DEFAULT", None, None),
        ("LOAD <http://127.0.0.1:9/graph.ttl>", None, None),
        (None, f"query={UPDATE}".encode(), FORM),
        (None, UPDATE.encode(), "application/sparql-query"),
    ],
    ids=[
        "update-body",
        "update-form",
        "drop-form",
        "insert-as-query",
        "delete-as-query",
        "clear-as-query",
        "load-as-query",
        "insert-in-query-form",
        "insert-as-query-body",
    ],
)
def test_every_way_of_sending_an_update_is_refused(
    served: Served, query: str | None, data: bytes | None, content_type: str | None
) -> None:
    before = count_triples(served.base)
    headers = {"Content-Type": content_type} if content_type else {}
    status, body = request(served.base, query, data=data, headers=headers)
    assert (status, b"read-only" in body) == (403, True)
    assert count_triples(served.base) == before


class Listener:
    """A local TCP port that counts the connections made to it."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            connection.close()


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p 'x' . SERVICE<{url}>{{ ?a ?b ?c }} }}",
        "PREFIX ex: <http://e/> SELECT * {{ ?s ex:a\\#b ?o . SERVICE <{url}> {{ ?a ?b ?c }} }}",
        # issue 16: an IRI-looking comment, an escaped quote, and an escaped letter
        "SELECT * {{ FILTER(1<2)SERVICE#>\n<{url}> {{?x ?y ?z}} }}",
        "SELECT * {{ ?s kg:a\\'b ?o . SERVICE <{url}> {{ ?x ?y ?z }} }}",
        "SELECT * {{ SERV\\u0049CE <{url}> {{ ?x ?y ?z }} }}",
    ],
    ids=[
        "service",
        "service-silent",
        "service-variable",
        "no-spaces",
        "escaped-hash",
        "comment-after-less-than",
        "escaped-quote",
        "unicode-escape",
    ],
)
def test_federated_query_is_refused_and_sends_nothing(served: Served, template: str) -> None:
    listener = Listener()
    query = template.format(url=f"http://127.0.0.1:{listener.port}/sparql")
    status, body = request(served.base, query)
    # 403 when rdflib's parser finds the call; 400 when it cannot parse a query naming SERVICE
    # (rdflib reads no "\#" in a prefixed name), which is refused just the same
    assert status in (400, 403) and b"SERVICE" in body
    assert listener.connections == 0
    listener.socket.close()


SERVICE_CALL = """
import sys, pyoxigraph
if sys.argv[2] == "sandboxed":
    from kg.sparql.sandbox import forbid_network
    assert forbid_network()
query = "SELECT * { SERVICE <http://127.0.0.1:%s/sparql> { ?s ?p ?o } }" % sys.argv[1]
try:
    list(pyoxigraph.Store().query(query))
except OSError as error:
    print(error)
"""


@pytest.mark.parametrize("sandboxed", [True, False], ids=["sandboxed", "not-sandboxed"])
def test_a_worker_cannot_reach_the_network_whatever_the_query_says(sandboxed: bool) -> None:
    """Below the query check: Oxigraph itself, asked to call a service from a process cut off
    as the workers are, connects nowhere (and does, as a control, from a process that is not)."""
    listener = Listener()
    mode = "sandboxed" if sandboxed else "free"
    command = [sys.executable, "-c", SERVICE_CALL, str(listener.port), mode]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    listener.socket.close()
    assert listener.connections == (0 if sandboxed else 1)


def test_every_query_worker_runs_under_the_network_filter(folder: Path) -> None:
    with SparqlServer(folder, port=0, workers=2).start() as server:
        assert request(server.url.removesuffix("sparql"), LABELS)[0] == 200
        for pid in server.pool.pids:
            for _ in range(100):  # a worker starting up installs the filter first thing
                status = Path(f"/proc/{pid}/status").read_text()
                if re.search(r"^Seccomp:\s+2$", status, re.MULTILINE):  # 2: a filter
                    break
                time.sleep(0.1)
            else:
                raise AssertionError(f"worker {pid} runs without the network filter")


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?service WHERE { ?service rdfs:label ?label }",
        "SELECT ?x WHERE { ?x rdfs:label 'SERVICE <http://x.test/> { }' } # SERVICE <x> {}",
        "SELECT ?x WHERE { ?x a schema:Service }",
    ],
)
def test_queries_merely_naming_a_service_are_answered(served: Served, query: str) -> None:
    assert request(served.base, query)[0] == 200


# -- time limit ---------------------------------------------------------------------------------


def timed(base: str, query: str) -> tuple[int, bytes, float]:
    started = time.monotonic()
    status, body = request(base, query)
    return status, body, time.monotonic() - started


def test_cartesian_product_is_stopped_at_the_limit_while_others_are_answered(
    served: Served,
) -> None:
    with ThreadPoolExecutor(1) as pool:
        endless = pool.submit(timed, served.base, ENDLESS)
        meanwhile = []
        while not endless.done():
            meanwhile.append(timed(served.base, LABELS))
        status, body, took = endless.result()
    assert status == 503 and b"time limit" in body
    assert TIMEOUT <= took < TIMEOUT + 10
    assert len(meanwhile) >= 3, "answered while the endless query ran"
    assert all(status == 200 for status, _, _ in meanwhile)
    assert max(seconds for _, _, seconds in meanwhile) < TIMEOUT
    after = [timed(served.base, LABELS) for _ in range(3)]
    assert all(status == 200 for status, _, _ in after)


def test_long_queries_cannot_starve_short_ones(folder: Path) -> None:
    with (
        SparqlServer(folder, port=0, workers=2, timeout=20).start() as server,
        ThreadPoolExecutor(3) as pool,
    ):
        base = server.url.removesuffix("sparql")
        endless = [pool.submit(request, base, ENDLESS) for _ in range(2)]
        answered = [request(base, LABELS)[0] for _ in range(5)]
        third = request(base, ENDLESS)  # two long queries run: this one is stopped soon
        more = [request(base, "ASK { ?s ?p ?o }")[0] for _ in range(5)]
        assert not any(query.done() for query in endless), "short queries waited for long ones"
        assert answered == [200] * 5 and more == [200] * 5
        assert third[0] == 503 and b"2 long queries are running already" in third[1]
        assert [query.result()[0] for query in endless] == [503, 503]  # at the time limit


# -- bounded requests ---------------------------------------------------------------------------


def raw(served: Served, request_head: bytes, body: bytes = b"") -> tuple[int, bytes]:
    """Send raw bytes; the status and body of the answer."""
    with socket.create_connection(served.host_port, timeout=30) as connection:
        connection.sendall(request_head + body)
        response = http.client.HTTPResponse(connection)
        response.begin()
        return response.status, response.read()


def post_head(headers: str) -> bytes:
    return f"POST /sparql HTTP/1.1\r\nHost: x\r\n{headers}\r\n".encode()


QUERY_BODY = "Content-Type: application/sparql-query\r\n"


@pytest.mark.parametrize(
    ("head", "body", "status"),
    [
        (post_head(f"{QUERY_BODY}Content-Length: {MAX_BODY + 1}\r\n"), b"", 413),
        (post_head(f"{QUERY_BODY}Content-Length: -1\r\n"), b"ASK {}" * 100_000, 400),
        (post_head(f"{QUERY_BODY}Content-Length: 1e9\r\n"), b"ASK {}", 400),
        (
            post_head(f"{QUERY_BODY}Transfer-Encoding: chunked\r\n"),
            b"6\r\nASK {}\r\n0\r\n\r\n",
            411,
        ),
        (f"GET /sparql?query={'x' * 70_000} HTTP/1.1\r\n\r\n".encode(), b"", 414),
        (b"GET /sparql HTTP/1.1\r\n" + b"X-A: b\r\n" * 200 + b"\r\n", b"", 431),
    ],
    ids=[
        "body-too-big",
        "negative-length",
        "length-not-a-number",
        "chunked",
        "long-url",
        "headers",
    ],
)
def test_oversized_or_unbounded_requests_are_refused_at_once(
    served: Served, head: bytes, body: bytes, status: int
) -> None:
    started = time.monotonic()
    assert raw(served, head, body)[0] == status
    assert time.monotonic() - started < 5  # refused before reading what was announced
    assert request(served.base, LABELS)[0] == 200


@pytest.fixture(scope="module")
def folder(graph_file: Path) -> Iterator[Path]:
    with graph_file_store(graph_file) as store:
        yield store


@pytest.mark.parametrize(
    "sent",
    [b"", b"POST /sparql HTTP/1.1\r\nContent-Length: 100\r\n\r\nquery=ASK"],
    ids=["silent", "body-never-finished"],
)
def test_silent_connection_is_closed_after_the_idle_timeout(folder: Path, sent: bytes) -> None:
    with (
        SparqlServer(folder, port=0, workers=1, idle_timeout=1.0).start() as server,
        socket.create_connection(server.http.server_address[:2], timeout=10) as connection,
    ):
        connection.sendall(sent)
        started = time.monotonic()
        assert connection.recv(1024) == b""  # closed by the server, not by our 10 s timeout
        assert time.monotonic() - started < 5


def test_many_concurrent_clients_get_answers_and_no_errors(served: Served) -> None:
    queries = [LABELS, "ASK { ?s ?p ?o }", "SELECT * WHERE { ?s ?p ?o } LIMIT 20"] * 30
    with ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(lambda query: request(served.base, query)[0], queries))
    assert statuses == [200] * len(queries)


# -- the query page in a browser ----------------------------------------------------------------

QUERY = """SELECT ?subject ?object ?evidence ?url ?title WHERE {
  ?s kg:evidence ?evidence ; rdf:subject/rdfs:label ?subject ; rdf:object/rdfs:label ?object ;
     prov:wasDerivedFrom ?article .
  OPTIONAL { ?article schema:url ?url ; dcterms:title ?title }
}"""


@pytest.fixture
def page(served: Served, offline_browser):
    """The query page of ``served`` in Chromium; no request may go anywhere but the server."""
    context = offline_browser.new_context()
    elsewhere: list[str] = []

    def only_the_server(route) -> None:
        if route.request.url.startswith(served.base):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_server)
    page = context.new_page()
    page.on("dialog", lambda dialog: elsewhere.append(f"dialog: {dialog.message}"))
    page.goto(served.base, wait_until="load")
    yield page
    context.close()
    assert elsewhere == []


@pytest.mark.slow
@pytest.mark.browser
def test_query_page_shows_hostile_values_as_text_and_runs_none_of_them(page) -> None:
    page.fill("#query", QUERY)
    page.click("#run")
    page.wait_for_selector("#status:text-matches('[0-9]+ rows')")  # not wait_for_function:
    # the page's policy forbids the eval it uses
    cells = page.eval_on_selector_all("#out td", "cells => cells.map(cell => cell.textContent)")
    for payload in PAYLOADS:
        assert any(payload in cell for cell in cells), payload
    assert EVIDENCE in cells
    markup = "#out script, #out img, #out a, #out [onerror]"
    assert page.eval_on_selector_all(markup, "nodes => nodes.length") == 0
    assert page.evaluate("typeof window.__xss") == "undefined"


@pytest.mark.slow
@pytest.mark.browser
def test_query_page_shows_an_error_echoing_hostile_text_as_text(page) -> None:
    page.select_option("#named", "suppliers-of")
    page.fill("#params input[name=company]", IMAGE)  # no RDF term: the error quotes it back
    page.click("#run")
    page.wait_for_selector("#status:text-matches('^error 400')")
    assert f"not one RDF term: '{IMAGE}'" in page.text_content("#out pre")
    assert page.eval_on_selector_all("#out img, #out script", "nodes => nodes.length") == 0
    assert page.evaluate("typeof window.__xss") == "undefined"


@pytest.mark.slow
@pytest.mark.browser
def test_query_page_policy_runs_no_injected_handler_even_as_markup(page) -> None:
    # Should a value ever reach the page as markup, the policy still runs none of it.
    page.evaluate(
        """(markup) => {
            document.body.insertAdjacentHTML("beforeend", markup);
            const a = document.createElement("a"); a.href = "javascript:window.__xss=1";
            document.body.appendChild(a); a.click();
        }""",
        IMAGE,
    )
    page.wait_for_timeout(500)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.evaluate("document.querySelectorAll('img[onerror]').length") == 1  # it is there


# -- memory, answer size, depth -----------------------------------------------------------------

# Three copies of the graph joined, then sorted: Oxigraph holds every row to sort them.
SORTED_JOIN = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
# 566 bytes that make a 7,000,000-character value: tiny query, huge answer (LIMIT bounds rows).
WORD = '"' + "a" * 70 + '"'
STEPS = zip("abcdef", "bcdefx", strict=True)
HUGE_VALUE = (
    f"SELECT ?x {{ BIND({WORD} AS ?a) "
    + " ".join(f"BIND(CONCAT({', '.join([f'?{a}'] * 10)}) AS ?{b})" for a, b in STEPS)
    + " } LIMIT 300"
)


def test_a_query_needing_too_much_memory_ends_in_a_clean_error(folder: Path) -> None:
    with SparqlServer(folder, port=0, workers=1, timeout=60, max_memory=1 << 30).start() as server:
        base = server.url.removesuffix("sparql")
        status, body = request(base, SORTED_JOIN)
        assert status == 503 and b"more than 1,024 MiB of memory" in body
        assert request(base, LABELS)[0] == 200  # a fresh worker answers


def test_an_answer_over_the_byte_limit_is_refused_not_sent(folder: Path) -> None:
    with SparqlServer(folder, port=0, workers=1, max_bytes=1 << 20).start() as server:
        base = server.url.removesuffix("sparql")
        status, body = request(base, HUGE_VALUE)
        assert status == 403 and b"larger than 1,048,576 bytes" in body
        assert len(body) < 1000
        assert request(base, LABELS)[0] == 200


CHAINS = {
    "plus": "ASK { FILTER(" + "+".join(["1"] * 8000) + " > 0) }",
    "not": "ASK { FILTER(" + "!" * 20_000 + "true) }",
    "union": "ASK { " + " UNION ".join(["{ }"] * 8000) + " }",
    "path": "ASK { ?s " + "/".join(["rdfs:label"] * 8000) + " ?o }",
}
"""Operator chains 8,000 long or more: each crashed a worker (a stack overflow in Oxigraph)."""


def test_a_query_nested_thousands_deep_is_refused_before_oxigraph_reads_it(folder: Path) -> None:
    with SparqlServer(folder, port=0, workers=1).start() as server:
        base = server.url.removesuffix("sparql")
        workers = server.pool.pids
        braces = "SELECT * " + "{" * 5000 + "}" * 5000
        for query in (braces, "ASK { " + "(" * 5000 + "1" + ")" * 5000 + " }"):
            for _ in range(10):
                status, body = request(base, query)
                assert status == 400 and re.search(rb"nested 500[01] deep", body)
        for name, query in CHAINS.items():
            status, body = request(base, None, data=query.encode(), headers=SPARQL_QUERY)
            assert status == 400 and b"operators; this endpoint takes up to 2000" in body, name
        long_but_fine = "ASK { FILTER(" + "+".join(["1"] * 1500) + " > 0) }"
        assert request(base, None, data=long_but_fine.encode(), headers=SPARQL_QUERY)[0] == 200
        assert server.pool.pids == workers  # no worker died
        assert request(base, LABELS)[0] == 200


SPARQL_QUERY = {"Content-Type": "application/sparql-query"}


# -- slow and many clients ----------------------------------------------------------------------


def closed_by_server(connection: socket.socket) -> bool:
    """Whether the server has closed ``connection`` (it has nothing else to say to us)."""
    readable, _, _ = select.select([connection], [], [], 0)
    if not readable:
        return False
    try:
        return connection.recv(1024) == b""
    except ConnectionResetError:
        return True


def test_a_client_sending_a_byte_now_and_then_is_cut_off_at_the_request_deadline(
    folder: Path,
) -> None:
    with SparqlServer(folder, port=0, workers=1, idle_timeout=1.0).start() as server:
        head = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n"
        with socket.create_connection(server.http.server_address[:2], timeout=10) as connection:
            sent = 0
            for byte in head:  # each byte well within the per-read timeout of 1 s
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    break
                sent += 1
                time.sleep(0.25)
                if closed_by_server(connection):
                    break
            assert sent < len(head), "the server waited for the whole slow request"
        assert request(server.url.removesuffix("sparql"), LABELS)[0] == 200


def test_connections_over_the_cap_get_503_and_the_server_goes_on(folder: Path) -> None:
    with SparqlServer(folder, port=0, workers=1, max_connections=4).start() as server:
        address = server.http.server_address[:2]
        held = [socket.create_connection(address, timeout=10) for _ in range(4)]
        with socket.create_connection(address, timeout=10) as extra:
            response = http.client.HTTPResponse(extra)
            response.begin()
            assert response.status == 503 and b"connections at once" in response.read()
        for connection in held:
            connection.close()
        statuses = []
        for _ in range(50):  # the held connections' threads notice their close at once
            statuses.append(request(server.url.removesuffix("sparql"), LABELS)[0])
            if statuses[-1] == 200:
                break
            time.sleep(0.1)
        assert statuses[-1] == 200


def test_two_content_length_headers_are_refused(served: Served) -> None:
    head = post_head(f"{QUERY_BODY}Content-Length: 6\r\nContent-Length: 60\r\n")
    status, body = raw(served, head, b"ASK {}")
    assert status == 400 and b"more than one Content-Length" in body
