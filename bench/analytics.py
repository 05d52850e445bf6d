"""Seconds per analysis on a generated graph (default: about 100,000 entities).

Runs kg's own path, timing each step once: generate the facts (bench/synthetic.py), build the
RDF graph, project it onto networkx, then every analysis of ``kg analyze``. Betweenness is
estimated from ``--samples`` source entities (networkx's ``k``); the exact figure is out of
reach at this size (hours). Prints a Markdown table for bench/RESULTS.md.

    python bench/analytics.py                      # ~100k entities; several minutes, ~4 GB
    python bench/analytics.py --entities 10000 --samples 100
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable
from typing import Any

from synthetic import synthetic_extractions

from kg.analysis.centrality import betweenness, centrality_frame, degree, eigenvector, pagerank
from kg.analysis.change import change, split
from kg.analysis.chokepoints import chokepoints
from kg.analysis.communities import communities
from kg.analysis.exposure import exposure
from kg.analysis.paths import paths
from kg.analysis.projection import entity_graph
from kg.analysis.views import Window, layer, window
from kg.rdf.build import build_graph


def timed(rows: list[tuple[str, float, str]], step: str, run: Callable[[], Any], note=None) -> Any:
    """Run ``run``, record its wall time under ``step`` with ``note(result)``, return it."""
    start = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - start
    rows.append((step, seconds, note(result) if note else ""))
    print(f"{step}: {seconds:.2f} s", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entities", type=int, default=108_000, help="entities generated")
    parser.add_argument("--samples", type=int, default=200, help="betweenness source samples")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rows: list[tuple[str, float, str]] = []

    extractions = timed(rows, "generate facts", lambda: synthetic_extractions(args.entities))
    # Bound as defaults, so that `del` frees the facts and the RDF graph once they are used.
    graph = timed(rows, "RDF graph (rdflib)", lambda e=extractions: build_graph(e), _triples)
    del extractions
    G = timed(rows, "projection (entity_graph)", lambda g=graph: entity_graph(g), _size)
    del graph
    supply = timed(rows, "supply layer view", lambda: layer(G, "supply"), _size)
    timed(rows, "one-year window view", lambda: window(G, Window.parse("2024-01-01")), _size)
    timed(rows, "degree", lambda: degree(G))
    timed(rows, "PageRank", lambda: pagerank(G))
    timed(rows, "eigenvector", lambda: eigenvector(G))
    timed(
        rows,
        f"betweenness, {args.samples} sampled sources",
        lambda: betweenness(G, args.samples, args.seed),
    )
    timed(
        rows,
        "`kg analyze centrality` (all four, top 20)",
        lambda: centrality_frame(G, 20, samples=args.samples, seed=args.seed),
    )
    timed(
        rows,
        "communities (Louvain)",
        lambda: communities(G, seed=args.seed),
        lambda frame: f"{frame.community.nunique():,} communities",
    )
    timed(
        rows,
        "chokepoints, supply layer",
        lambda: chokepoints(supply, top=10, samples=args.samples, seed=args.seed),
        lambda frame: ", ".join(f"{k}: {n}" for k, n in frame.kind.value_counts().items()),
    )
    hub, leaf = _hub_and_leaf(G)
    timed(
        rows,
        "paths, 5 shortest (hub to leaf)",
        lambda: paths(G, hub, leaf, max_hops=6, limit=5),
        lambda frame: f"{frame.path.nunique()} paths",
    )
    for name, node in (("most linked company", hub), ("a least linked company", leaf)):
        timed(
            rows,
            f"exposure of {name}, depth 3",
            lambda node=node: exposure(G, node, depth=3),
            lambda frame: f"{len(frame):,} measures",
        )
    timed(
        rows,
        "change at 2024-01-01 (PageRank)",
        lambda: change(G, *split("2024-01-01"), measure="pagerank"),
        lambda frame: f"{(frame.change == 'added').sum():,} added",
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(f"\n{_size(G)}; peak memory {peak:.1f} GB\n")
    print("| step | seconds | result |\n|---|---|---|")
    for step, seconds, note in rows:
        print(f"| {step} | {seconds:.2f} | {note} |")


def _triples(graph) -> str:
    return f"{len(graph):,} triples"


def _size(G) -> str:
    return f"{G.number_of_nodes():,} entities, {G.number_of_edges():,} relations"


def _hub_and_leaf(G) -> tuple[str, str]:
    companies = [n for n, kind in G.nodes(data="type") if kind == "Company"]
    by_degree = sorted(companies, key=lambda n: (G.degree(n), n))
    return by_degree[-1], by_degree[0]


if __name__ == "__main__":
    main()
