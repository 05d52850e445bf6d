"""igraph's random numbers, seeded for one block of code at a time.

igraph keeps a single, process-wide random number generator. Every part of kg that asks igraph
for something random (communities in :mod:`kg.analysis.compiled`, layouts in
:mod:`kg.viz.layout`) goes through :func:`igraph_seeded`, so that one lock guards that
generator and the same seed always gives the same result, in any thread.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import igraph as ig

_RANDOM = threading.Lock()


@contextmanager
def igraph_seeded(seed: int) -> Iterator[None]:
    """igraph's random numbers drawn from ``random.Random(seed)`` within the block.

    >>> g = ig.Graph.Ring(6)
    >>> with igraph_seeded(3):
    ...     a = g.layout_fruchterman_reingold(niter=5).coords
    >>> with igraph_seeded(3):
    ...     b = g.layout_fruchterman_reingold(niter=5).coords
    >>> a == b
    True
    """
    with _RANDOM:
        ig.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)
