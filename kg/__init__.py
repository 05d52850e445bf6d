"""kg: knowledge graphs of geopolitical supply-chain relations, built from news articles.

News articles go in; a knowledge graph of who supplies, partners with, subsidises, invests in,
sanctions or restricts exports to whom comes out, every fact traceable to its sentence::

    ingest -> extract (spaCy) -> rdf (rdflib) -> store + query (SPARQL)
           -> analysis (networkx) -> viz (offline HTML)

>>> import kg
>>> graph, summary = kg.build(["article.txt"], "graph.ttl")  # doctest: +SKIP

The names below are imported on first use, so that ``import kg`` (and ``kg --help``) stays
fast: spaCy loads only when extraction is asked for.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from kg.errors import KgError
from kg.model import Article, Entity, Extraction, Fact, Mention, Problem

__version__ = "0.1.0"

_LAZY = {
    "read_articles": "kg.ingest",
    "load_pipeline": "kg.extract",
    "build": "kg.builder.run",
    "build_graph": "kg.rdf.build",
    "load_graph": "kg.store.files",
    "save_graph": "kg.store.files",
    "run_query": "kg.sparql.query",
    "run_named": "kg.sparql.named",
    "GraphStore": "kg.store.disk",
    "export_graph": "kg.store.files",
    "entity_graph": "kg.analysis.projection",
    "centrality": "kg.analysis.centrality",
    "communities": "kg.analysis.communities",
    "chokepoints": "kg.analysis.chokepoints",
    "paths": "kg.analysis.paths",
    "exposure": "kg.analysis.exposure",
    "change": "kg.analysis.change",
    "write_html": "kg.viz.page",
    "show": "kg.viz.page",
    "fact_record": "kg.rdf.records",
}

__all__ = [
    "Article",
    "Entity",
    "Extraction",
    "Fact",
    "KgError",
    "Mention",
    "Problem",
    "__version__",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
