"""The ``kg`` command line: thin commands over kg's functions.

Each module registers its commands with :data:`kg.cli.app.app`. Heavy imports (spaCy, rdflib,
networkx, pyvis) happen inside the commands, so ``kg --help`` answers at once.
"""

from __future__ import annotations

import sys

from kg.cli import articles, graph, learning, rdf  # noqa: F401  (registers the commands)
from kg.cli.app import app
from kg.cli.common import process, say
from kg.errors import KgError

__all__ = ["app", "run"]


def run() -> None:
    """Entry point: run the app, turning kg's errors into one-line messages and exit code 2."""
    process.one_command = True
    try:
        app()
    except KgError as err:
        say(f"kg: error: {err}")
        sys.exit(2)
