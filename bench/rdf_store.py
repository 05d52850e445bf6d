"""Store load and SPARQL latency at about a million triples, on a synthetic kg-shaped graph.

    python bench/rdf_store.py [--triples N] [--repeat R] [--rdflib]

Makes synthetic extractions (articles, entities, facts with evidence, as kg writes them, about
13 triples a fact), then measures on an on-disk Oxigraph store (kg.store.disk):

- adding them one article at a time (``GraphStore.add_extraction``: one transaction each),
- adding them all again (every article unchanged: a hash look-up each),
- bulk-loading the same graph from an N-Triples file (``GraphStore.load``),
- the median latency of SPARQL queries: every named query through ``kg.sparql.run_named``, a
  two-hop join, a property path, an aggregate; and a named query through ``kg serve`` over HTTP,
- exporting the store to N-Triples.

``--rdflib`` also parses the graph into rdflib's in-memory store and times the same queries
there (median of ``--rdflib-repeat``), and prints both side by side with the ratio.
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from kg.model import Article, Entity, Extraction, Fact
from kg.rdf.namespace import RELATIONS
from kg.sparql import run_named, run_query
from kg.store import GraphStore, export_graph
from kg.store.oxigraph import oxigraph_of

if TYPE_CHECKING:
    from rdflib import Graph

TWO_HOP = """SELECT (COUNT(*) AS ?n) WHERE {
  ?a kg:suppliesTo ?b . ?b kg:suppliesTo ?c . FILTER(?a != ?c)
}"""
BY_PREDICATE = """SELECT ?p (COUNT(*) AS ?n) WHERE { ?s rdf:predicate ?p } GROUP BY ?p"""
REACHABLE = """SELECT ?x WHERE { $start kg:suppliesTo+ ?x }"""
CLASSES = ("Company", "Company", "Company", "Country", "GovernmentBody", "Person", "Product")


def synthetic(triples: int, seed: int = 7) -> list[Extraction]:
    """Extractions whose graph has about ``triples`` triples; 10 facts an article."""
    rng = random.Random(seed)
    facts_wanted = triples // 13
    entities = [
        Entity(f"Entity {n}", CLASSES[n % len(CLASSES)], country=f"Country {n % 50}")
        for n in range(max(facts_wanted // 4, 10))
    ]
    extractions = []
    for number in range(facts_wanted // 10):
        sentences = []
        for _ in range(10):
            subject, object_ = rng.sample(entities, 2)
            predicate = "suppliesTo" if rng.random() < 0.3 else rng.choice(RELATIONS)
            sentences.append((subject, predicate, object_))
        text = " ".join(f"{s.label} {p} {o.label}." for s, p, o in sentences)
        day = f"2023-{1 + number % 12:02d}-{1 + number % 28:02d}"
        article = Article(f"article-{number}", text, title=f"News {number}", date=day)
        facts, start = [], 0
        for subject, predicate, object_ in sentences:
            evidence = f"{subject.label} {predicate} {object_.label}."
            start = text.index(evidence, start)
            end = start + len(evidence)
            facts.append(Fact(article.id, subject, predicate, object_, evidence, start, end, 0.8))
            start = end
        extractions.append(Extraction(article, facts=tuple(facts)))
    return extractions


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_latency(action: Callable[[], object], repeat: int) -> float:
    action()  # warm caches
    return statistics.median(timed(action) for _ in range(repeat))


def served_latency(store: Path, repeat: int) -> float:
    """Median latency of the named query suppliers-of through kg serve, over HTTP."""
    from SPARQLWrapper import JSON, SPARQLWrapper

    from kg.rdf.namespace import entity_iri
    from kg.sparql import load_query
    from kg.sparql.server import SparqlServer

    with SparqlServer(store, port=0).start() as server:
        wrapper = SPARQLWrapper(server.url)
        wrapper.setQuery(load_query("suppliers-of").text)
        wrapper.addParameter("$company", entity_iri("Entity 1").n3())
        wrapper.setReturnFormat(JSON)
        return median_latency(lambda: wrapper.query().convert(), repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rdflib", action="store_true", help="also time rdflib in memory")
    parser.add_argument("--rdflib-repeat", type=int, default=3)
    parser.add_argument("--limit", type=float, default=120, help="seconds per rdflib query")
    args = parser.parse_args()

    print(f"machine: {platform.machine()}, python {platform.python_version()}")
    start = time.perf_counter()
    extractions = synthetic(args.triples)
    facts = sum(len(e.facts) for e in extractions)
    print(
        f"synthetic: {len(extractions)} articles, {facts} facts "
        f"({time.perf_counter() - start:.1f} s to make)"
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder)
        with GraphStore(path / "incremental") as store:
            seconds = timed(lambda: [store.add_extraction(e) for e in extractions])
            print(
                f"add_extraction, one article a transaction: {seconds:.1f} s, "
                f"{1000 * seconds / len(extractions):.2f} ms/article, {len(store)} triples"
            )
            seconds = timed(lambda: [store.add_extraction(e) for e in extractions])
            print(f"re-adding every article (unchanged): {seconds:.1f} s")
            ntriples = path / "graph.nt"
            print(
                f"export to N-Triples: {timed(lambda: export_graph(store.graph, ntriples)):.1f} s"
            )
        with GraphStore(path / "bulk") as store:
            print(f"bulk load of the N-Triples file: {timed(lambda: store.load(ntriples)):.1f} s")
            on_store = latencies(store.graph, queries(extractions), args.repeat)
        print(
            f"suppliers-of through kg serve (HTTP, JSON): "
            f"{1000 * served_latency(path / 'bulk', args.repeat):.1f} ms"
        )
        in_memory: dict[str, float | str] = {}
        if args.rdflib:
            from rdflib import Graph

            memory = Graph()
            print(f"rdflib parse N-Triples: {timed(lambda: memory.parse(ntriples)):.1f} s")
            in_memory = latencies(memory, queries(extractions), args.rdflib_repeat, args.limit)
    print("\n| query | on the store | rdflib in memory | ratio |\n|---|---|---|---|")
    for name, seconds in on_store.items():
        other = in_memory.get(name, "")
        ratio = f"{other / seconds:,.0f}x" if isinstance(other, float) else ""
        shown = f"{1000 * other:,.1f} ms" if isinstance(other, float) else other
        print(f"| {name} | {1000 * seconds:,.1f} ms | {shown} | {ratio} |")


def queries(extractions: list[Extraction]) -> dict[str, Callable[[Graph], object]]:
    """The queries timed, each a function of the graph: every named query, a two-hop join, a
    property path and an aggregate."""
    from kg.rdf.namespace import entity_iri

    fact = extractions[0].facts[0]
    stated = {"subject": fact.subject.label, "object": fact.object.label}
    stated["relation"] = fact.predicate
    # The path starts where a supply chain does: at a supplier (with a customer or more).
    supplier = next(f.subject for x in extractions for f in x.facts if f.predicate == "suppliesTo")
    start = entity_iri(supplier.label).n3()
    return {
        "suppliers-of": lambda g: run_named(g, "suppliers-of", {"company": "Entity 1"}),
        "partners-of": lambda g: run_named(g, "partners-of", {"entity": "Entity 1"}),
        "who-restricts-exports-to": lambda g: run_named(
            g, "who-restricts-exports-to", {"target": "Entity 3"}
        ),
        "subsidies-by": lambda g: run_named(g, "subsidies-by", {"government": "Entity 4"}),
        "facts-about": lambda g: run_named(g, "facts-about", {"entity": "Entity 2"}),
        "facts-from-article": lambda g: run_named(
            g, "facts-from-article", {"article": extractions[0].article.id}
        ),
        "facts-between-dates (one week)": lambda g: run_named(
            g, "facts-between-dates", {"since": "2023-03-01", "until": "2023-03-07"}
        ),
        "evidence-for": lambda g: run_named(g, "evidence-for", stated),
        "two-hop suppliesTo join, counted": lambda g: run_query(g, TWO_HOP),
        "path: every entity reachable by suppliesTo+": lambda g: run_query(
            g, REACHABLE.replace("$start", start)
        ),
        "statements by predicate (aggregate)": lambda g: run_query(g, BY_PREDICATE),
    }


def latencies(
    graph: Graph,
    timed_queries: dict[str, Callable[[Graph], object]],
    repeat: int,
    limit: float | None = None,
) -> dict[str, float | str]:
    """Median seconds of each query on ``graph`` (or why it has none), printed as they come.

    With ``limit``, each query runs in a forked child process (which shares the graph) and is
    stopped after ``limit`` seconds: some of rdflib's take hours at this size.
    """
    kind = "store" if oxigraph_of(graph) is not None else "rdflib"
    results: dict[str, float | str] = {}
    for name, query in timed_queries.items():
        measure = partial(_median_or_failure, query, graph, repeat)
        results[name] = measure() if limit is None else _in_child(measure, limit)
        shown = results[name]
        print(f"{kind} {name}: {f'{1000 * shown:.1f} ms' if isinstance(shown, float) else shown}")
    return results


def _median_or_failure(query: Callable[[Graph], object], graph: Graph, repeat: int) -> float | str:
    try:
        return median_latency(lambda: query(graph), repeat)
    except RecursionError:  # rdflib evaluates property paths recursively
        return "fails: RecursionError"


def _in_child(measure: Callable[[], float | str], limit: float) -> float | str:
    """``measure()`` in a forked process, or a note when it takes longer than ``limit`` s."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=lambda: sending.send(measure()))
    child.start()
    answered = receiving.poll(limit)
    result = receiving.recv() if answered else f"stopped after {limit:.0f} s"
    child.kill()
    child.join()
    return result


if __name__ == "__main__":
    main()
