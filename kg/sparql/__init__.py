"""SPARQL over kg's graphs: queries, named queries, result formats, and the endpoint.

- :mod:`~kg.sparql.query`: :func:`run_query` with kg's prefixes, results as plain values;
- :mod:`~kg.sparql.named`: the named queries (``queries/*.rq``) and :func:`run_named`;
- :mod:`~kg.sparql.stats`: counts by class and relation (``kg stats``);
- :mod:`~kg.sparql.results`: SPARQL 1.1 result formats and content negotiation;
- :mod:`~kg.sparql.endpoint`: answering one protocol request (checks, dataset, formats, limits);
- :mod:`~kg.sparql.guard`: what is checked in a query's text first (nesting, SERVICE);
- :mod:`~kg.sparql.pool`: the worker processes that answer, time- and memory-limited;
- :mod:`~kg.sparql.sandbox`: what a worker forbids itself (the network, unbounded memory);
- :mod:`~kg.sparql.protocol`: the HTTP side (connection cap, request parsing, description);
- :mod:`~kg.sparql.server`: ``kg serve``, the HTTP endpoint and its query page (``page.html``).

>>> from kg.sparql import run_query, run_named  # doctest: +SKIP
"""

from kg.sparql.named import NamedQuery, Param, load_query, named_queries, resolve_entity, run_named
from kg.sparql.query import QueryResult, run_query

__all__ = [
    "NamedQuery",
    "Param",
    "QueryResult",
    "load_query",
    "named_queries",
    "resolve_entity",
    "run_named",
    "run_query",
]
