"""Where nodes start and how the page's physics settles: seeded, linear-time, reproducible.

Positions are seeded in Python in linear time (a spring layout of the most central entities,
the others placed near their neighbours), then vis-network's physics runs a number of
iterations that shrinks as the graph grows and stops for good, so a page settles in seconds
and the same graph always looks the same.
"""

from __future__ import annotations

import math
import random
from collections import deque
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from kg.viz.records import node_label

LAYOUT_SEED = 7
DEFAULT_MAX_NODES = 1000
"""Larger graphs are cut to this many of their most central entities (``max_nodes``)."""

_PX_PER_NODE = 120.0
"""Spread of the seeded layout: its radius grows with the square root of the node count."""
_BACKBONE = 150
"""The most central entities get a spring layout; the others are placed near a neighbour."""
_SATELLITE_PX = 90.0
_ITERATION_BUDGET = 150_000
"""Physics iterations times nodes: iterations shrink as graphs grow, so settling takes
seconds (about 13 ms an iteration for 1,000 nodes in headless Chromium)."""
_MIN_ITERATIONS, _MAX_ITERATIONS = 20, 300
_MIN_SIZE, _MAX_SIZE, _DEFAULT_SIZE = 10.0, 40.0, 16.0


def rank_nodes(G: nx.MultiDiGraph, sizes: Mapping[str, float] | None) -> list[str]:
    """Nodes, the largest by ``sizes`` (else by degree) first, then by label and id."""
    score = sizes if sizes is not None else dict(G.degree())
    return sorted(G, key=lambda node: (-float(score.get(node, 0.0)), node_label(G, node), node))


def positions(
    G: nx.MultiDiGraph, ranking: Sequence[str], seed: int
) -> dict[str, tuple[float, float]]:
    """Seeded starting positions in pixels, in linear time after a small spring layout.

    The :data:`_BACKBONE` highest-ranked nodes get a spring layout; every other node is placed
    at a random angle near the neighbour it is reached from breadth first, and a part of the
    graph that holds no backbone node starts at a random point.
    """
    links = nx.Graph(G.to_undirected(as_view=True))
    spread = _PX_PER_NODE * math.sqrt(len(G) or 1)
    backbone = links.subgraph(ranking[:_BACKBONE])
    placed = {
        node: (float(x), float(y))
        for node, (x, y) in nx.spring_layout(backbone, seed=seed, scale=spread).items()
    }
    rng = random.Random(seed)
    queue = deque(ranking[:_BACKBONE])
    for start in ranking:
        if start not in placed:  # a part of the graph the backbone does not reach
            radius, angle = spread * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
            placed[start] = (radius * math.cos(angle), radius * math.sin(angle))
            queue.append(start)
        while queue:
            node = queue.popleft()
            x, y = placed[node]
            for other in links[node]:
                if other not in placed:
                    radius = _SATELLITE_PX * rng.uniform(0.6, 1.2)
                    angle = rng.uniform(0, 2 * math.pi)
                    placed[other] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
                    queue.append(other)
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in placed.items()}


def vis_options(node_count: int) -> dict[str, Any]:
    """vis-network options: physics for a bounded number of iterations, then the page stops it."""
    iterations = max(_MIN_ITERATIONS, min(_MAX_ITERATIONS, _ITERATION_BUDGET // (node_count or 1)))
    large = node_count > DEFAULT_MAX_NODES
    return {
        "physics": {
            "solver": "forceAtlas2Based",
            # Longer springs and stronger repulsion than vis-network's defaults leave room
            # for the labels.
            "forceAtlas2Based": {"gravitationalConstant": -120, "springLength": 150},
            "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 10},
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
