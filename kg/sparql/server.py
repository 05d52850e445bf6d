"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a graph file or a store.

- ``GET /sparql?query=...`` and ``POST /sparql`` (form-encoded ``query=`` or a body of type
  ``application/sparql-query``, in UTF-8 as the protocol says: a body declared in another
  charset is refused with 415, bytes that are not UTF-8 with 400);
  results in SPARQL JSON, XML, CSV or TSV, graphs in Turtle, N-Triples, RDF/XML or JSON-LD,
  by the Accept header or a ``format=``/``output=`` name read by the query's form (``xml``:
  RDF/XML for a graph). ``default-graph-uri`` and ``named-graph-uri`` are honoured. A query
  both in the URL and in the body is refused (400), as are other methods (405, ``Allow``);
  ``GET /sparql`` without a query is the service description (Turtle).
- Variables can be bound with ``$name=<term>`` parameters (terms in Turtle, kg's prefixes
  declared), as RDF4J's protocol does, which is how named queries take their parameters.
- Update requests and federated queries (``SERVICE``) are refused with 403: the endpoint
  changes nothing and sends no requests of its own; its worker processes cannot open a network
  connection at all (:mod:`kg.sparql.sandbox`). Each query has limits of time, rows, answer
  bytes, memory and nesting depth (:mod:`kg.sparql.endpoint`, :mod:`kg.sparql.guard`).
- No CORS headers unless ``cors`` names the origin allowed (``"*"`` for any): a web page open in
  the user's browser cannot read what a local endpoint holds.
- Requests are bounded: a body needs one ``Content-Length`` of at most
  :data:`~kg.sparql.protocol.MAX_BODY` bytes (else 411, 400 or 413, answered before the body
  is read); each request must arrive whole,
  and each answer be taken, within :data:`IDLE_TIMEOUT` seconds (a client sending a byte now
  and then is cut off); at most :data:`MAX_CONNECTIONS` connections are served at once (the
  next get 503 and are closed). It listens on 127.0.0.1 unless told otherwise.
- ``GET /`` is a small query page that works offline and shows every value as text, under a
  policy that runs no script but its own; ``GET /queries`` lists kg's named queries as JSON.

A graph file is first loaded into a temporary on-disk store, removed at exit, so that every
worker process reads the same data without loading it again.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import shutil
import socket
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from importlib import resources
from pathlib import Path
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from kg.sparql.endpoint import MAX_ANSWER_BYTES, Answer, QueryRequest, refusal
from kg.sparql.pool import MAX_MEMORY, QueryPool
from kg.sparql.protocol import (
    BoundedHTTPServer,
    body_refusal,
    codec_name,
    merged_params,
    plain_text,
    service_description,
)

IDLE_TIMEOUT = 60.0
"""Seconds a request may take to arrive whole (from the moment the server waits for it: a
keep-alive connection silent that long is closed too), and an answer to be taken by the client.
The request line and headers have the standard library's limits (64 KiB a line, 100 headers:
414 and 431)."""
MAX_CONNECTIONS = 64
"""Connections served at once; one more is answered 503 and closed."""

_FORM = "application/x-www-form-urlencoded"
_QUERY_BODY = "application/sparql-query"
_UPDATE_BODY = "application/sparql-update"
_READ_ONLY = "this endpoint is read-only: SPARQL Update is refused"
_ALLOW = "GET, HEAD, POST, OPTIONS"
_ENDPOINT = ("/sparql", "/sparql/")
_CORS = (
    ("Access-Control-Allow-Methods", _ALLOW),
    ("Access-Control-Allow-Headers", "Content-Type, Accept"),
)


class SparqlServer:
    """A SPARQL endpoint over the store at ``store`` (see the module docstring).

    ``timeout`` seconds, ``limit`` rows, ``max_bytes`` of answer and ``max_memory`` bytes of a
    worker bound each query, ``workers`` processes answer them; a request must arrive within
    ``idle_timeout`` seconds, ``max_connections`` are served at once, and ``cors`` is the origin
    whose pages may read answers (None: no CORS headers). Use as a context manager;
    :meth:`start` serves from a background thread (for tests and notebooks),
    :meth:`serve_forever` from the calling one.
    """

    def __init__(
        self,
        store: str | Path,
        *,
        host: str = "127.0.0.1",
        port: int = 7878,
        timeout: float = 30.0,
        limit: int = 10_000,
        workers: int = 2,
        idle_timeout: float = IDLE_TIMEOUT,
        max_bytes: int = MAX_ANSWER_BYTES,
        max_memory: int = MAX_MEMORY,
        max_connections: int = MAX_CONNECTIONS,
        cors: str | None = None,
    ) -> None:
        self.pool = QueryPool(
            store,
            workers=workers,
            timeout=timeout,
            limit=limit,
            max_bytes=max_bytes,
            max_memory=max_memory,
        )
        handler = _handler(self.pool, idle_timeout, cors)
        self.http = BoundedHTTPServer((host, port), handler, max_connections)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The endpoint's URL, ``http://host:port/sparql``."""
        host, port = self.http.server_address[:2]
        return f"http://{host!s}:{port}/sparql"

    def serve_forever(self) -> None:
        """Answer requests until interrupted."""
        self.http.serve_forever()

    def start(self) -> SparqlServer:
        """Answer requests from a background thread; return self."""
        self._thread = threading.Thread(target=self.http.serve_forever, daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop answering, stop the workers, free the port."""
        if self._thread is not None:
            self.http.shutdown()
            self._thread.join()
        self.http.server_close()
        self.pool.close()

    def __enter__(self) -> SparqlServer:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()


@contextmanager
def graph_file_store(path: str | Path) -> Iterator[Path]:
    """A temporary on-disk store holding the graph file at ``path``; removed on exit.

    >>> import tempfile
    >>> from rdflib import Graph
    >>> from kg.store.files import save_graph
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = save_graph(Graph(), Path(tmp, "empty.ttl"))
    ...     with graph_file_store(path) as store:
    ...         print((store / "CURRENT").exists())
    True
    """
    from kg.store.disk import GraphStore

    folder = Path(tempfile.mkdtemp(prefix="kg-serve-"))
    try:
        with GraphStore(folder) as store:
            store.load(path)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _handler(
    pool: QueryPool, idle_timeout: float, cors: str | None
) -> type[BaseHTTPRequestHandler]:
    """The request handler class, bound to ``pool``, giving each request ``idle_timeout``
    seconds to arrive and each answer as long to be taken, allowing ``cors`` (an origin)."""
    cors_headers = (("Access-Control-Allow-Origin", cors), *_CORS) if cors else ()

    class Handler(BaseHTTPRequestHandler):
        server_version = "kg-sparql"
        protocol_version = "HTTP/1.1"
        timeout = idle_timeout  # a client that goes quiet must not hold its thread forever

        def setup(self) -> None:
            super().setup()
            # Headers and body leave in two writes; with Nagle's algorithm the second waits for
            # the client's delayed ACK of the first: 40 ms added to every keep-alive answer.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._deadline: threading.Timer | None = None

        def handle_one_request(self) -> None:
            # The socket's timeout bounds each read; a client sending a byte every few seconds
            # would pass every one of them. The whole request gets idle_timeout seconds.
            self._start_deadline()
            try:
                super().handle_one_request()
            finally:
                self._stop_deadline()

        def _start_deadline(self) -> None:
            self._stop_deadline()
            self._deadline = threading.Timer(idle_timeout, self._cut_off)
            self._deadline.daemon = True
            self._deadline.start()

        def _stop_deadline(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _cut_off(self) -> None:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)

        def do_OPTIONS(self) -> None:
            self._send(Answer(204, "text/plain", b"", (("Allow", _ALLOW),)))

        def do_GET(self) -> None:
            self._stop_deadline()  # the request is read: the query has its own time limit
            url = urlsplit(self.path)
            if url.path in ("/", "/index.html"):
                self._send(Answer(200, "text/html; charset=utf-8", PAGE.encode()))
            elif url.path == "/queries":
                self._send(_named_queries())
            elif url.path in _ENDPOINT and not url.query:
                self._send(service_description(self._url()))
            elif url.path in _ENDPOINT:
                self._send(self._query(parse_qs(url.query, keep_blank_values=True)))
            else:
                self._send(refusal(404, f"nothing at {url.path}; the endpoint is /sparql"))

        do_HEAD = do_GET  # the same headers, no body (_send)

        def _not_allowed(self) -> None:
            self.close_connection = True  # a body it may have sent is not read
            message = f"{self.command} is not allowed here: the endpoint is read-only"
            self._send(Answer(405, *plain_text(message), (("Allow", _ALLOW),)))

        do_PUT = do_DELETE = do_PATCH = _not_allowed

        def do_POST(self) -> None:
            url = urlsplit(self.path)
            if url.path not in _ENDPOINT:
                self._send(refusal(404, f"nothing at {url.path}; the endpoint is /sparql"))
                return
            refused = body_refusal(self.headers)
            if refused is not None:
                self.close_connection = True  # the unread body must not be read as a request
                self._send(refused)
                return
            length = int(self.headers.get("Content-Length") or 0)
            data = self.rfile.read(length)
            self._stop_deadline()
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            charset = self.headers.get_content_charset("utf-8")
            params = parse_qs(url.query, keep_blank_values=True)
            if kind == _UPDATE_BODY:
                self._send(refusal(403, _READ_ONLY))
            elif kind not in (_FORM, _QUERY_BODY):
                self._send(refusal(415, f"send {_FORM} or {_QUERY_BODY}, not {kind!r}"))
            elif codec_name(charset) not in ("utf-8", "ascii"):  # the protocol: UTF-8 only
                self._send(refusal(415, f"send the query in UTF-8, not {charset!r}"))
            else:
                try:
                    if kind == _FORM:
                        text = data.decode("ascii")  # percent-encoded UTF-8
                        form = parse_qs(text, keep_blank_values=True, errors="strict")
                    else:
                        form = {"query": [data.decode("utf-8")]}
                except UnicodeDecodeError as error:
                    self._send(refusal(400, f"the body is not valid UTF-8: {error.reason}"))
                    return
                self._send(self._query(merged_params(params, form)))

        def _query(self, params: dict[str, list[str]]) -> Answer:
            if "update" in params:
                return refusal(403, _READ_ONLY)
            queries = params.get("query", [])
            if len(queries) != 1:
                where = " (it was given both in the URL and in the body)" if queries else ""
                return refusal(400, f"give exactly one query parameter{where}")
            hints = {params[name][-1] for name in ("format", "output") if params.get(name)}
            if len(hints) > 1:
                return refusal(400, f"format and output disagree: {sorted(hints)}")
            bindings = {key[1:]: values[-1] for key, values in params.items() if key[:1] == "$"}
            request = QueryRequest(
                queries[0],
                self.headers.get("Accept") or "",
                bindings,
                format=next(iter(hints), ""),
                default_graphs=tuple(params.get("default-graph-uri", ())),
                named_graphs=tuple(params.get("named-graph-uri", ())),
            )
            return pool.answer(request)

        def _url(self) -> str:
            host, port = self.connection.getsockname()[:2]
            return f"http://{host}:{port}/sparql"

        def _send(self, answer: Answer) -> None:
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.media_type)
            self.send_header("Content-Length", str(len(answer.body)))
            self.send_header("Vary", "Accept")
            self.send_header("X-Content-Type-Options", "nosniff")
            if answer.media_type.startswith("text/html"):
                self.send_header("Content-Security-Policy", _PAGE_POLICY)
            for name, value in (*cors_headers, *answer.headers):
                self.send_header(name, value)
            self._start_deadline()  # a client that does not take its answer is cut off too
            try:
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(answer.body)
            finally:
                self._stop_deadline()

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: a server used by tests and notebooks should not fill their output."""

    return Handler


def _named_queries() -> Answer:
    from kg.sparql.named import named_queries

    listing = [
        {
            "name": query.name,
            "description": query.description,
            "params": [{"name": p.name, "kind": p.kind} for p in query.params],
            "query": query.text,
        }
        for query in named_queries().values()
    ]
    return Answer(200, "application/json", json.dumps(listing, ensure_ascii=False).encode())


PAGE = resources.files("kg.sparql").joinpath("page.html").read_text(encoding="utf-8")
"""The query page (``kg/sparql/page.html``): one file, its script and style in line."""


def _script_hash(page: str) -> str:
    """The CSP source (``'sha256-...'``) allowing the one inline script of ``page``, only it."""
    script = page.split("<script>", 1)[1].split("</script>", 1)[0]
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"


# The page gets data only from this server and shows every value as text (textContent), so
# hostile text in a graph cannot become markup; should some ever do, the policy runs no script
# but the page's own (no inline handlers such as onerror=, no javascript: URLs) and loads nothing.
_PAGE_POLICY = (
    f"default-src 'none'; script-src {_script_hash(PAGE)}; style-src 'unsafe-inline'; "
    "connect-src 'self'; form-action 'none'; base-uri 'none'"
)
