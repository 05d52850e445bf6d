"""Figures about a graph: triples, articles, statements, entities by class, triples by relation."""

from __future__ import annotations

from rdflib import Graph

from kg.rdf.namespace import KG
from kg.sparql.query import run_query

_BY_PREDICATE = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"
_BY_CLASS = "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c"
_ENTITIES = """SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a ?c . FILTER(STRSTARTS(STR(?e), STR(ent:)))
}"""


def graph_stats(graph: Graph) -> list[tuple[str, int]]:
    """``(what, count)`` rows: totals first, then kg classes and kg predicates by name.

    Counted by SPARQL, so a graph over a store is counted by Oxigraph.

    >>> from kg.model import Article, Extraction
    >>> from kg.rdf.build import build_graph
    >>> graph_stats(build_graph([Extraction(Article("a1", "No facts."))]))[:3]
    [('triples', 3), ('articles', 1), ('statements', 0)]
    """
    predicates: dict[str, int] = {
        str(p): int(str(n)) for p, n in run_query(graph, _BY_PREDICATE).rows
    }
    classes: dict[str, int] = {str(c): int(str(n)) for c, n in run_query(graph, _BY_CLASS).rows}
    rows = [
        ("triples", sum(predicates.values())),
        ("articles", classes.get(str(KG.Article), 0)),
        ("statements", classes.get("http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement", 0)),
        ("entities", int(str(run_query(graph, _ENTITIES).rows[0][0]))),
    ]
    rows += sorted(_kg_names("class", classes))
    rows += sorted(_kg_names("predicate", predicates))
    return rows


def _kg_names(kind: str, counts: dict[str, int]) -> list[tuple[str, int]]:
    prefix = str(KG)
    return [
        (f"{kind} kg:{iri.removeprefix(prefix)}", count)
        for iri, count in counts.items()
        if iri.startswith(prefix)
    ]
