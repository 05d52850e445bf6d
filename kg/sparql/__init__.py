"""SPARQL over kg's graphs: queries, named queries, result formats, and the endpoint.

- :mod:`~kg.sparql.query`: :func:`run_query` with kg's prefixes, results as plain values;
- :mod:`~kg.sparql.named`: the named queries (``queries/*.rq``) and :func:`run_named`;
- :mod:`~kg.sparql.stats`: counts by class and relation (``kg stats``);
- :mod:`~kg.sparql.results`: SPARQL 1.1 result formats and content negotiation;
- :mod:`~kg.sparql.endpoint`: answering protocol requests in worker processes, time-limited;
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
