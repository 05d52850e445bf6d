"""Where nodes stand: a force-directed layout computed in Python by igraph's C core, seeded.

The page opens with these positions and vis-network's physics off, so it draws at once; its
"Relax" button turns the physics on for those who want the picture to move. The layout is
Fruchterman-Reingold (igraph's ``layout_fruchterman_reingold``; above :data:`_GRID_ABOVE`
nodes its grid variant, which computes repulsion between nearby nodes only): 0.1-1 s for 1,000
nodes, about 1 s for 10,000 (bench/RESULTS.md). DrL, the other fast layout igraph has, took
16 s for 10,000 nodes. The same graph and seed always give the same picture.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

from kg.seeding import igraph_seeded
from kg.viz.records import node_label

LAYOUT_SEED = 7
DEFAULT_MAX_NODES = 1000
"""Larger graphs are cut to this many of their most central entities (``max_nodes``)."""

_NODE_PX = 60.0
"""Room between a node and its nearest neighbour, edge to edge, in pixels at zoom 1 (where
vis-network draws labels 14 px high): room for a label."""
_ALL_LABELS_UP_TO = 150
"""The page shows the label of every node of a graph this small (page.js ALL_LABELS_UP_TO)."""
_GRID_ABOVE = 1500
"""Above this many nodes, the grid variant of Fruchterman-Reingold (linear time per step)."""
_ITERATIONS = 500
_SPREAD, _SPREAD_ABOVE = 0.6, 50
"""Parts of at least _SPREAD_ABOVE nodes are spread out from their centre (:func:`_spread`)."""
_GAP = 1.0
"""Between the parts of a graph, in igraph's units (about an edge's length)."""
_MIN_SIZE, _MAX_SIZE, _DEFAULT_SIZE = 10.0, 40.0, 16.0


def rank_nodes(G: nx.MultiDiGraph, sizes: Mapping[str, float] | None) -> list[str]:
    """Nodes, the largest by ``sizes`` (else by degree) first, then by label and id."""
    score = sizes if sizes is not None else dict(G.degree())
    return sorted(G, key=lambda node: (-float(score.get(node, 0.0)), node_label(G, node), node))


def positions(
    G: nx.MultiDiGraph,
    ranking: Sequence[str],
    seed: int,
    radii: Mapping[str, float] | None = None,
) -> dict[str, tuple[float, float]]:
    """Positions of the nodes of ``G`` in whole pixels (at zoom 1): igraph's Fruchterman-Reingold.

    ``ranking`` (every node of ``G``) fixes the order the layout sees them in, ``seed``
    igraph's random numbers (the starting positions). Edges are taken once, undirected. Each
    connected part is laid out alone, the largest in the middle and the others around it
    (:func:`_pack`), its crowded middle spread out (:func:`_spread`). The layout is scaled
    so that a node and its nearest neighbour are :data:`_NODE_PX` apart, edge to edge (their
    ``radii``, in pixels, default :data:`_DEFAULT_SIZE`): the median node of a large graph,
    nine in ten of a small one, whose every label is shown.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> placed = positions(G, ["b", "a", "c"], seed=7)
    >>> sorted(placed), placed == positions(G, ["b", "a", "c"], seed=7)
    (['a', 'b', 'c'], True)
    """
    if len(ranking) <= 1:
        return dict.fromkeys(ranking, (0, 0))
    index = {node: number for number, node in enumerate(ranking)}
    pairs = sorted({tuple(sorted((index[u], index[v]))) for u, v in G.edges() if u != v})
    graph = ig.Graph(n=len(ranking), edges=pairs)
    parts = sorted(graph.connected_components(), key=lambda part: (-len(part), part[0]))
    with igraph_seeded(seed):
        layouts = [
            _spread(_force_directed(graph.induced_subgraph(part, "copy_and_delete")))
            for part in parts
        ]
    coords = np.zeros((len(ranking), 2))
    for part, placed in zip(parts, _pack(layouts), strict=True):
        coords[part] = placed
    size = np.array([(radii or {}).get(node, _DEFAULT_SIZE) for node in ranking], dtype=float)
    apart, nearest = cKDTree(coords).query(coords, k=2)
    needed = (_NODE_PX + size + size[nearest[:, 1]]) / np.maximum(apart[:, 1], 1e-6)
    coords *= float(np.percentile(needed, 50 if len(ranking) > _ALL_LABELS_UP_TO else 90))
    pixels = np.rint(coords).astype(int)  # whole pixels: shorter JSON, the same picture
    # vis-network 9.1 draws the label of an exactly level edge, from right to left, at the
    # origin: no edge is left level.
    ends = np.asarray(pairs, dtype=int).reshape(-1, 2)
    for _ in range(8):
        level = ends[pixels[ends[:, 0], 1] == pixels[ends[:, 1], 1]]
        if not len(level):
            break
        pixels[level[:, 1], 1] += 1
    return {node: (x, y) for node, (x, y) in zip(ranking, pixels.tolist(), strict=True)}


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
            "smooth": False,  # straight lines: a pair of entities has only one
            "dashes": False,
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


def _force_directed(graph: ig.Graph) -> np.ndarray:
    """Fruchterman-Reingold positions of the connected ``graph``, centred, in igraph's units.

    igraph draws the starting positions itself (from its random numbers, seeded by the
    caller): starting points of ours made the grid variant 3-60 times slower.
    """
    if graph.vcount() == 1:
        return np.zeros((1, 2))
    found = graph.layout_fruchterman_reingold(niter=_ITERATIONS, grid=graph.vcount() > _GRID_ABOVE)
    coords = np.asarray(found.coords, dtype=float)
    return coords - coords.mean(axis=0)


def _spread(coords: np.ndarray) -> np.ndarray:
    """``coords`` (centred) moved out from the centre, the more the nearer they are to it.

    Force-directed layouts of news graphs crowd the hubs and their neighbours in the middle,
    where the names that matter are; each distance r from the centre becomes
    R (r / R) ** :data:`_SPREAD` (R the largest), so the middle gains room and the outline stays.
    """
    if len(coords) < _SPREAD_ABOVE:
        return coords
    radius = np.linalg.norm(coords, axis=1, keepdims=True)
    outer = float(radius.max()) or 1.0
    stretch = np.ones_like(radius)
    np.power(radius / outer, _SPREAD - 1.0, out=stretch, where=radius > 0)
    return coords * stretch


def _pack(layouts: Sequence[np.ndarray]) -> list[np.ndarray]:
    """The layouts of the parts of a graph (centred, largest first) side by side: the largest
    in the middle, the others on rings around it, each as far round as its own width."""
    radii = [max(float(np.linalg.norm(c, axis=1).max()), 0.5) + _GAP for c in layouts]
    placed = [layouts[0]] if layouts else []
    inner, next_part = radii[0] if radii else 0.0, 1
    while next_part < len(layouts):
        width = radii[next_part]  # the widest left: the ring is as deep as it is
        ring, angle = inner + width, 0.0
        while next_part < len(layouts) and angle + 2 * radii[next_part] / ring <= 2 * np.pi:
            angle += radii[next_part] / ring
            placed.append(layouts[next_part] + ring * np.array([np.cos(angle), np.sin(angle)]))
            angle += radii[next_part] / ring
            next_part += 1
        inner = ring + width
    return placed
