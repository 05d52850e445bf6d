"""The ``kg`` command line: thin commands over kg's functions.

Each module registers its commands with :data:`kg.cli.app.app`. Heavy imports (spaCy, rdflib,
networkx, pyvis) happen inside the commands, so ``kg --help`` answers at once.
"""

from __future__ import annotations

import os
import sys

from kg.cli import articles, graph, learning, rdf  # noqa: F401  (registers the commands)
from kg.cli.app import app
from kg.cli.common import process, say
from kg.errors import KgError

__all__ = ["app", "run"]


def run() -> None:
    """Entry point: run the app, turning kg's errors into one-line messages and exit code 2."""
    process.one_command = True
    # One thread per process for BLAS and OpenMP, unless the user says otherwise: kg's worker
    # processes take the cores, and igraph's threaded PageRank and the eigenvector solver
    # give figures that differ in their last digits from run to run (and on 2 cores, later).
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    try:
        app()
    except KgError as err:
        say(f"kg: error: {err}")
        sys.exit(2)
