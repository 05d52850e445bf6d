"""Where nodes stand: a force-directed layout computed in Python by igraph's C core, seeded.

The page opens with these positions and vis-network's physics off, so it draws at once; its
"Relax" button turns the physics on for those who want the picture to move. The layout is
Fruchterman-Reingold (igraph's ``layout_fruchterman_reingold``; above :data:`_GRID_ABOVE`
nodes its grid variant, which computes repulsion between nearby nodes only): 0.1-1 s for 1,000
nodes, about 1 s for 10,000 (bench/RESULTS.md). DrL, the other fast layout igraph has, took
16 s for 10,000 nodes. The same graph and seed always give the same picture.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

from kg.viz.records import node_label

LAYOUT_SEED = 7
DEFAULT_MAX_NODES = 1000
"""Larger graphs are cut to this many of their most central entities (``max_nodes``)."""

_NODE_PX = 80.0
"""The median distance from a node to its nearest neighbour, in pixels at zoom 1 (where
vis-network draws labels 14 px high): room for a label."""
_GRID_ABOVE = 1500
"""Above this many nodes, the grid variant of Fruchterman-Reingold (linear time per step)."""
_ITERATIONS = 500
_MIN_SIZE, _MAX_SIZE, _DEFAULT_SIZE = 10.0, 40.0, 16.0
_RANDOM = threading.Lock()
"""igraph's random number generator is global: one seeded layout at a time."""


def rank_nodes(G: nx.MultiDiGraph, sizes: Mapping[str, float] | None) -> list[str]:
    """Nodes, the largest by ``sizes`` (else by degree) first, then by label and id."""
    score = sizes if sizes is not None else dict(G.degree())
    return sorted(G, key=lambda node: (-float(score.get(node, 0.0)), node_label(G, node), node))


def positions(
    G: nx.MultiDiGraph, ranking: Sequence[str], seed: int
) -> dict[str, tuple[float, float]]:
    """Positions of the nodes of ``G`` in whole pixels (at zoom 1): igraph's Fruchterman-Reingold.

    ``ranking`` (every node of ``G``) fixes the order the layout sees them in, ``seed`` the
    starting positions and igraph's random numbers. Edges are taken once, undirected; the
    layout is scaled so that the median distance between a node and its nearest neighbour is
    :data:`_NODE_PX`.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> placed = positions(G, ["b", "a", "c"], seed=7)
    >>> sorted(placed), placed == positions(G, ["b", "a", "c"], seed=7)
    (['a', 'b', 'c'], True)
    """
    if len(ranking) <= 1:
        return dict.fromkeys(ranking, (0.0, 0.0))
    index = {node: number for number, node in enumerate(ranking)}
    pairs = sorted({tuple(sorted((index[u], index[v]))) for u, v in G.edges() if u != v})
    graph = ig.Graph(n=len(ranking), edges=pairs)
    start = np.random.default_rng(seed).uniform(-1.0, 1.0, (len(ranking), 2))
    start *= np.sqrt(len(ranking))
    with _seeded(seed):
        found = graph.layout_fruchterman_reingold(
            seed=start.tolist(), niter=_ITERATIONS, grid=len(ranking) > _GRID_ABOVE
        )
    coords = np.asarray(found.coords, dtype=float)
    coords -= coords.mean(axis=0)
    # Scaled so that a node's nearest neighbour is typically _NODE_PX away: room for a label.
    nearest, _ = cKDTree(coords).query(coords, k=2)
    unit = float(np.median(nearest[:, 1])) or 1.0
    coords *= _NODE_PX / unit
    pixels = np.rint(coords).astype(int).tolist()  # whole pixels: shorter JSON, same picture
    return {node: (x, y) for node, (x, y) in zip(ranking, pixels, strict=True)}


def vis_options(node_count: int) -> dict[str, Any]:
    """vis-network options: physics off when the page opens (the "Relax" button turns it on).

    >>> vis_options(10)["physics"]["enabled"], vis_options(10)["layout"]["improvedLayout"]
    (False, False)
    """
    large = node_count > DEFAULT_MAX_NODES
    return {
        "physics": {
            "enabled": False,
            "solver": "forceAtlas2Based",
            # Longer springs and stronger repulsion than vis-network's defaults leave room
            # for the labels.
            "forceAtlas2Based": {"gravitationalConstant": -120, "springLength": 150},
            "stabilization": {"enabled": False},
        },
        "layout": {"improvedLayout": False, "randomSeed": LAYOUT_SEED},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
        },
        "nodes": {"borderWidth": 1, "font": {"size": 14}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"size": 11, "align": "middle", "color": "#3c4043"},
        },
    }


def node_sizes(G: nx.MultiDiGraph, sizes: Mapping[str, float] | None) -> dict[str, float]:
    """Node sizes in pixels: ``sizes`` mapped linearly onto [_MIN_SIZE, _MAX_SIZE].

    Nodes missing from ``sizes`` get the smallest size; without ``sizes`` all are equal.
    """
    if sizes is None:
        return dict.fromkeys(G, _DEFAULT_SIZE)
    values = {node: float(sizes.get(node, 0.0)) for node in G}
    low, high = min(values.values(), default=0.0), max(values.values(), default=0.0)
    span = (high - low) or 1.0
    return {
        node: round(_MIN_SIZE + (value - low) / span * (_MAX_SIZE - _MIN_SIZE), 2)
        for node, value in values.items()
    }


@contextmanager
def _seeded(seed: int) -> Iterator[None]:
    """igraph's random numbers drawn from ``random.Random(seed)`` within the block."""
    with _RANDOM:
        ig.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)
