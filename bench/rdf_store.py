"""Store load and SPARQL latency at about a million triples, on a synthetic kg-shaped graph.

    python bench/rdf_store.py [--triples N] [--repeat R] [--rdflib]

Makes synthetic extractions (articles, entities, facts with evidence, as kg writes them, about
13 triples a fact), then measures on an on-disk Oxigraph store (kg.graphstore):

- adding them one article at a time (``GraphStore.add_extraction``: one transaction each),
- adding them all again (every article unchanged: a hash look-up each),
- bulk-loading the same graph from an N-Triples file (``GraphStore.load``),
- the median latency of SPARQL queries: named queries through ``kg.query.run_named``, a
  two-hop join, an aggregate; and the same named query through ``kg serve`` over HTTP,
- exporting the store to N-Triples.

``--rdflib`` also times rdflib's in-memory graph (parse and the two-hop join) for comparison.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kg.graphstore import GraphStore, export_graph
from kg.model import Article, Entity, Extraction, Fact
from kg.query import run_named, run_query
from kg.rdf.namespace import RELATIONS

TWO_HOP = """SELECT (COUNT(*) AS ?n) WHERE {
  ?a kg:suppliesTo ?b . ?b kg:suppliesTo ?c . FILTER(?a != ?c)
}"""
BY_PREDICATE = """SELECT ?p (COUNT(*) AS ?n) WHERE { ?s rdf:predicate ?p } GROUP BY ?p"""
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

    from kg.query import load_query
    from kg.rdf.namespace import entity_iri
    from kg.serve import SparqlServer

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
            graph = store.graph
            queries = {
                "suppliers-of (named)": lambda: run_named(
                    graph, "suppliers-of", {"company": "Entity 1"}
                ),
                "facts-about (named)": lambda: run_named(
                    graph, "facts-about", {"entity": "Entity 2"}
                ),
                "facts-between-dates, one week (named)": lambda: run_named(
                    graph, "facts-between-dates", {"since": "2023-03-01", "until": "2023-03-07"}
                ),
                "two-hop suppliesTo join, counted": lambda: run_query(graph, TWO_HOP),
                "statements by predicate (aggregate)": lambda: run_query(graph, BY_PREDICATE),
            }
            for name, action in queries.items():
                print(f"{name}: {1000 * median_latency(action, args.repeat):.1f} ms")
        print(
            f"suppliers-of through kg serve (HTTP, JSON): "
            f"{1000 * served_latency(path / 'bulk', args.repeat):.1f} ms"
        )
        if args.rdflib:
            from rdflib import Graph

            memory = Graph()
            print(f"rdflib parse N-Triples: {timed(lambda: memory.parse(ntriples)):.1f} s")
            seconds = median_latency(lambda: run_query(memory, TWO_HOP), 1)
            print(f"rdflib two-hop join: {seconds:.1f} s")


if __name__ == "__main__":
    main()
