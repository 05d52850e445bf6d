"""Builds: the whole path from input files to a graph, on this machine or a Dask cluster.

- :mod:`~kg.builder.options`: :class:`BuildOptions`, every setting of a build;
- :mod:`~kg.builder.run`: :func:`build`, which the command ``kg build`` calls;
- :mod:`~kg.builder.source`: the articles to extract, read once for either engine;
- :mod:`~kg.builder.local`: the local engine (this process, or worker processes);
- :mod:`~kg.builder.dask`: the Dask engine (partitions out, N-Quads shards back);
- :mod:`~kg.builder.summary`: :class:`BuildSummary`, what a build read and made;
- :mod:`~kg.builder.demo`: ``kg demo``, the bundled example from end to end.

>>> from kg.builder import BuildOptions, build  # doctest: +SKIP
"""

from kg.builder.local import extract_inputs
from kg.builder.options import BuildOptions
from kg.builder.run import build
from kg.builder.summary import BuildSummary, count_entities, fact_entities

__all__ = [
    "BuildOptions",
    "BuildSummary",
    "build",
    "count_entities",
    "extract_inputs",
    "fact_entities",
]
