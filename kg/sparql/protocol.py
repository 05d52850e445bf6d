"""The HTTP side of ``kg serve``: a server that caps its connections, and the parsing of
protocol requests (bodies, parameters, charsets) and the service description.
"""

from __future__ import annotations

import codecs
import threading
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from kg.sparql.endpoint import Answer, refusal

MAX_BODY = 1 << 20
"""Largest request body accepted (1 MiB); a larger one gets 413."""


class BoundedHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server serving at most ``max_connections`` connections at once; one
    more is answered 503 and closed at once (:class:`kg.sparql.server.SparqlServer` uses it).
    """

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        max_connections: int,
    ) -> None:
        self.slots = threading.BoundedSemaphore(max_connections)
        self.max_connections = max_connections
        super().__init__(address, handler)

    def process_request(self, request, client_address) -> None:
        if not self.slots.acquire(blocking=False):
            message = f"over {self.max_connections} connections at once; try again\n".encode()
            head = (
                "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                f"Content-Length: {len(message)}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
            )
            try:
                request.settimeout(1.0)
                request.sendall(head.encode() + message)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


def merged_params(*parts: dict[str, list[str]]) -> dict[str, list[str]]:
    """Request parameters from the URL and the body together: a name given in both has the
    values of both (so a query in each is two queries, refused, not one silently dropped).

    >>> merged_params({"query": ["ASK {}"]}, {"query": ["SELECT * {}"], "format": ["json"]})
    {'query': ['ASK {}', 'SELECT * {}'], 'format': ['json']}
    """
    merged: dict[str, list[str]] = {}
    for part in parts:
        for name, values in part.items():
            merged.setdefault(name, []).extend(values)
    return merged


def codec_name(charset: str) -> str | None:
    """The codec's own name for ``charset`` (``latin-1`` for ``ISO-8859-1``), None if unknown.

    >>> codec_name("UTF8"), codec_name("us-ascii"), codec_name("x-none")
    ('utf-8', 'ascii', None)
    """
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def plain_text(message: str) -> tuple[str, bytes]:
    """A media type and body for a plain-text ``message``.

    >>> plain_text("no")
    ('text/plain; charset=utf-8', b'no\\n')
    """
    return "text/plain; charset=utf-8", f"{message}\n".encode()


def service_description(url: str) -> Answer:
    """A SPARQL 1.1 service description of the endpoint at ``url``, in Turtle.

    >>> b"sd:endpoint <http://127.0.0.1:7878/sparql>" in service_description(
    ...     "http://127.0.0.1:7878/sparql").body
    True
    """
    formats = "http://www.w3.org/ns/formats/"
    results = ", ".join(
        f"<{formats}{name}>"
        for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                     "SPARQL_Results_TSV", "Turtle", "N-Triples", "RDF_XML", "JSON-LD")
    )  # fmt: skip
    body = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .

[] a sd:Service ;
    sd:endpoint <{url}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat {results} ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
"""
    return Answer(200, "text/turtle; charset=utf-8", body.encode())


def body_refusal(headers: Message) -> Answer | None:
    """Why a request body cannot be read safely, as an answer; None when it can.

    Only a ``Content-Length`` of at most :data:`MAX_BODY` bytes is read: a chunked body has no
    length to check beforehand, and a negative length would read until the client stops.

    >>> from email.message import Message
    >>> headers = Message()
    >>> headers["Content-Length"] = "-1"
    >>> body_refusal(headers).status
    400
    """
    if headers.get("Transfer-Encoding"):
        return refusal(411, "send the body with a Content-Length, not chunked")
    if len(headers.get_all("Content-Length") or []) > 1:
        return refusal(400, "more than one Content-Length header")
    length = (headers.get("Content-Length") or "0").strip()
    if not length.isdigit():  # isdigit: no sign, no spaces, no "1e9"
        return refusal(400, f"Content-Length must be a number of bytes, not {length!r}")
    if int(length) > MAX_BODY:
        return refusal(413, f"request body over {MAX_BODY} bytes")
    return None
