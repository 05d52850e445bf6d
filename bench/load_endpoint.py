"""Load test of ``kg serve``: N concurrent clients for S seconds, a realistic query mix.

    python bench/load_endpoint.py [--clients 8] [--seconds 60] [--triples 300000] [--workers 2]
                                  [--hostile 2]

Makes a synthetic kg-shaped store (``bench/rdf_store.py``: articles, entities, facts with
evidence, as kg writes them), starts ``kg serve --store`` on 127.0.0.1 as its own process, and
runs the clients (threads, one keep-alive HTTP connection each) until the time is up. Each
request is drawn from the mix below: mostly named queries with bound parameters, as the query
page and notebooks send them, some ad-hoc SELECT, ASK, CONSTRUCT and DESCRIBE queries, and the
page itself. Every answer is read whole and checked (status 200 and a body of the expected
kind); anything else is an error. Prints the figures and a Markdown section for RESULTS.md.

``--hostile N`` adds N hostile clients beside the well-behaved ones: the even-numbered send
cross-joins (every triple with every triple, sorted: far more than any limit allows) one after
another, the odd-numbered drip requests a byte every 5 s. Their answers are counted apart; the
figures are the well-behaved clients', and the server's memory (its process and its workers,
sampled every half second) is reported too.
"""

from __future__ import annotations

import argparse
import http.client
import json
import platform
import random
import re
import select
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from rdf_store import synthetic

from kg.rdf.namespace import KG, article_iri, entity_iri
from kg.sparql import load_query
from kg.store import GraphStore

JSON_RESULTS = "application/sparql-results+json"
CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"


@dataclass(frozen=True)
class Kind:
    """One kind of request in the mix: how often, and how to make one."""

    name: str
    weight: int
    method: str
    path: str
    body: bytes | None = None
    accept: str = JSON_RESULTS


def named(name: str, weight: int, **params: str) -> Kind:
    """A named query, its parameters bound as kg serve's ``$name`` form fields (page-style)."""
    form = {"query": load_query(name).text, **{f"${key}": value for key, value in params.items()}}
    return Kind(name, weight, "POST", "/sparql", urlencode(form).encode())


def query(name: str, weight: int, text: str, accept: str = JSON_RESULTS) -> Kind:
    return Kind(name, weight, "GET", f"/sparql?{urlencode({'query': text})}", accept=accept)


def mix(entities: int, articles: int, rng: random.Random) -> list[Kind]:
    """The requests clients choose from, each with its parameters drawn once per request."""
    entity = entity_iri(f"Entity {rng.randrange(entities)}").n3()
    other = entity_iri(f"Entity {rng.randrange(entities)}").n3()
    return [
        named("suppliers-of", 20, company=entity),
        named("facts-about", 20, entity=entity),
        named("partners-of", 10, entity=entity),
        named(
            "facts-from-article", 10, article=article_iri(f"article-{rng.randrange(articles)}").n3()
        ),
        named("evidence-for", 10, subject=entity, relation=KG.suppliesTo.n3(), object=other),
        named("who-restricts-exports-to", 5, target=entity),
        query(
            "labels (SELECT, LIMIT 100)",
            10,
            f"SELECT ?name WHERE {{ ?x a kg:Company ; rdfs:label ?name }} "
            f"OFFSET {rng.randrange(1000)} LIMIT 100",
        ),
        query("ASK", 5, f"ASK {{ {entity} kg:suppliesTo ?x }}"),
        query(
            "CONSTRUCT (Turtle)",
            4,
            f"CONSTRUCT {{ {entity} ?p ?o }} WHERE {{ {entity} ?p ?o }}",
            accept="text/turtle",
        ),
        query("DESCRIBE (Turtle)", 4, f"DESCRIBE {entity}", accept="text/turtle"),
        Kind("query page", 2, "GET", "/", accept="text/html"),
    ]


@dataclass
class Tally:
    """Latencies (seconds) per kind of request, and the errors seen."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    hostile: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    peak_rss: int = 0

    def count(self, outcome: str) -> None:
        with self.lock:
            self.hostile[outcome] += 1

    def record(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            if error is None:
                self.latencies[kind].append(seconds)
            else:
                self.errors.append(f"{kind}: {error}")


def client(host: str, port: int, deadline: float, seed: int, sizes: tuple[int, int], tally: Tally):
    """Send requests over one keep-alive connection until ``deadline``."""
    rng = random.Random(seed)
    connection = http.client.HTTPConnection(host, port, timeout=60)
    while time.monotonic() < deadline:
        kinds = mix(*sizes, rng)
        kind = rng.choices(kinds, weights=[k.weight for k in kinds])[0]
        headers = {"Accept": kind.accept}
        if kind.body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            connection.request(kind.method, kind.path, body=kind.body, headers=headers)
            response = connection.getresponse()
            body = response.read()
            error = check(kind, response.status, response.getheader("Content-Type", ""), body)
        except (OSError, http.client.HTTPException) as failure:
            error = f"{type(failure).__name__}: {failure}"
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=60)
        tally.record(kind.name, time.perf_counter() - started, error)
    connection.close()


def cross_joins(host: str, port: int, deadline: float, tally: Tally) -> None:
    """Send cross-joins one after another until ``deadline``, counting the answers by status."""
    path = f"/sparql?{urlencode({'query': CROSS_JOIN})}"
    while time.monotonic() < deadline:
        connection = http.client.HTTPConnection(host, port, timeout=120)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            tally.count(f"cross-join: {response.status}")
        except (OSError, http.client.HTTPException) as failure:
            tally.count(f"cross-join: {type(failure).__name__}")
        finally:
            connection.close()


def slow_drip(host: str, port: int, deadline: float, tally: Tally) -> None:
    """Open connections that send their request a byte every 5 s, until ``deadline``; count
    those the server cuts off."""
    request = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n" + b"X-Slow: 1\r\n" * 50
    while time.monotonic() < deadline:
        with socket.create_connection((host, port), timeout=10) as connection:
            for byte in request:
                if time.monotonic() >= deadline:
                    return
                try:
                    connection.sendall(bytes([byte]))
                    readable, _, _ = select.select([connection], [], [], 5)
                    if readable and connection.recv(1024) == b"":
                        tally.count("slow drip: cut off by the server")
                        break
                except OSError:
                    tally.count("slow drip: cut off by the server")
                    break


def watch_memory(pid: int, deadline: float, tally: Tally) -> None:
    """Keep in ``tally.peak_rss`` the largest resident memory of the server and its workers."""
    import psutil

    server = psutil.Process(pid)
    while time.monotonic() < deadline:
        try:
            processes = [server, *server.children(recursive=True)]
            rss = sum(process.memory_info().rss for process in processes)
        except psutil.Error:
            rss = 0
        tally.peak_rss = max(tally.peak_rss, rss)
        time.sleep(0.5)


def check(kind: Kind, status: int, media_type: str, body: bytes) -> str | None:
    """What is wrong with an answer, or None."""
    if status != 200:
        return f"status {status}: {body[:200]!r}"
    if not media_type.startswith(kind.accept):
        return f"answered {media_type}, asked {kind.accept}"
    if kind.accept == JSON_RESULTS:
        document = json.loads(body)
        if "boolean" not in document and "bindings" not in document.get("results", {}):
            return "no results in the JSON"
    return None


def percentile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=1000, method="inclusive")[round(share * 1000) - 1]


def warm_up(host: str, port: int, workers: int) -> None:
    """Wait until every worker has answered: they start (and open the store) in the background."""
    ask = f"/sparql?{urlencode({'query': 'ASK { ?s ?p ?o }'})}"

    def one() -> None:
        connection = http.client.HTTPConnection(host, port, timeout=120)
        connection.request("GET", ask)
        assert connection.getresponse().read()
        connection.close()

    threads = [threading.Thread(target=one) for _ in range(2 * workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def start_server(store: Path, workers: int) -> tuple[subprocess.Popen[str], str, int]:
    command = [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0"]
    process = subprocess.Popen(
        [*command, "--workers", str(workers)], stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    for line in process.stderr:
        if found := re.search(r"SPARQL endpoint: (http://\S+)/sparql", line):
            url = urlsplit(found.group(1))
            assert url.hostname is not None and url.port is not None
            return process, url.hostname, url.port
    raise SystemExit(f"kg serve did not start (exit {process.wait()})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--triples", type=int, default=300_000)
    parser.add_argument("--workers", type=int, default=2, help="kg serve --workers")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hostile", type=int, default=0, help="hostile clients besides")
    args = parser.parse_args()

    extractions = synthetic(args.triples)
    entities = max(len(extractions) * 10 // 4, 10)  # as rdf_store.synthetic makes them
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder, "store")
        with GraphStore(store) as opened:
            for extraction in extractions:
                opened.add_extraction(extraction)
            triples = len(opened)
        server, host, port = start_server(store, args.workers)
        try:
            warm_up(host, port, args.workers)
            tally = Tally()
            deadline = time.monotonic() + args.seconds
            threads = [
                threading.Thread(
                    target=client,
                    args=(host, port, deadline, args.seed + n, (entities, len(extractions)), tally),
                )
                for n in range(args.clients)
            ]
            hostile = [
                threading.Thread(
                    target=cross_joins if n % 2 == 0 else slow_drip,
                    args=(host, port, deadline, tally),
                    daemon=True,
                )
                for n in range(args.hostile)
            ]
            threads.append(
                threading.Thread(target=watch_memory, args=(server.pid, deadline, tally))
            )
            for thread in hostile:  # not waited for: their last request may outlast the time
                thread.start()
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            server.wait()
    report(args, triples, tally, elapsed, host)


def report(args: argparse.Namespace, triples: int, tally: Tally, elapsed: float, host: str) -> None:
    every = [seconds for values in tally.latencies.values() for seconds in values]
    answered = len(every)
    ms = 1000
    print(
        f"## {time.strftime('%Y-%m-%d')} — `kg serve` under load (`bench/load_endpoint.py`)\n\n"
        f"`python bench/load_endpoint.py --clients {args.clients} --seconds {args.seconds:g} "
        f"--triples {args.triples} --workers {args.workers} --hostile {args.hostile}`: "
        f"{triples:,} triples in an on-disk store, `kg serve --workers {args.workers}` on "
        f"{host}, {args.clients} well-behaved client threads (one keep-alive connection each) "
        f"and {args.hostile} hostile ones for {elapsed:.0f} s; {platform.machine()}, Python "
        f"{platform.python_version()}; server and workers at most "
        f"{tally.peak_rss / 2**20:,.0f} MiB resident.\n"
    )
    print(
        f"**{answered:,} requests answered, {len(tally.errors)} errors**; "
        f"{answered / elapsed:.0f} requests/s; latency p50 {ms * percentile(every, 0.5):.1f} ms, "
        f"p99 {ms * percentile(every, 0.99):.1f} ms, max {ms * max(every):.0f} ms.\n"
    )
    print("| request | share | p50 | p99 |\n|---|---|---|---|")
    for name, values in sorted(tally.latencies.items(), key=lambda item: -len(item[1])):
        print(
            f"| {name} | {len(values) / answered:.0%} | {ms * percentile(values, 0.5):.1f} ms "
            f"| {ms * percentile(values, 0.99):.1f} ms |"
        )
    for outcome, count in sorted(tally.hostile.items()):
        print(f"- hostile {outcome}: {count}")
    for error in tally.errors[:20]:
        print(f"error: {error}", file=sys.stderr)


if __name__ == "__main__":
    main()
