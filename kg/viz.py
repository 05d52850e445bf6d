"""Draw a kg graph as one self-contained HTML page that works offline (vis-network, in line).

The page carries vis-network (the copy that ships with pyvis) and refers to nothing outside
itself, so analysts can open it on machines without a network, or see it inside Jupyter
(:func:`show`). Nodes are coloured and shaped by class and sized by centrality; edges are
coloured by polarity (conflictual ones dashed), labelled by relation and as wide as their
evidence is plentiful. A search box finds entities, check boxes filter classes and relations,
hovering shows details and clicking pins them (evidence sentences with links to the articles).

Layout: positions are seeded in Python in linear time (a spring layout of the most central
entities, the others placed near their neighbours), then vis-network's physics runs a number of
iterations that shrinks as the graph grows and stops for good, so a page settles in seconds
and the same graph always looks the same. Graphs larger than ``max_nodes`` are cut to their
most central entities, and the page says so.

Every text in the graph comes from news articles and is untrusted. It reaches the page only as
JSON inside a ``<script type="application/json">`` block (``<``, ``>`` and ``&`` escaped), and the
page's script puts it on screen with ``textContent``; only http(s) URLs become links.
"""

from __future__ import annotations

import html
import json
import math
import os
import random
import re
from collections import Counter, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import networkx as nx

from kg.errors import KgError
from kg.model import ENTITY_TYPES

__all__ = [
    "CLASS_STYLES",
    "DEFAULT_MAX_NODES",
    "LAYOUT_SEED",
    "POLARITY_STYLES",
    "ClassStyle",
    "InlineGraph",
    "PolarityStyle",
    "show",
    "to_html",
    "write_html",
]


class ClassStyle(NamedTuple):
    """How nodes of one ontology class are drawn, and the matching legend glyph."""

    color: str
    shape: str
    """A vis-network shape that draws the label beneath the node."""
    glyph: str


CLASS_STYLES: dict[str, ClassStyle] = {
    "Country": ClassStyle("#4e79a7", "dot", "\u25cf"),
    "Company": ClassStyle("#f28e2b", "square", "\u25a0"),
    "GovernmentBody": ClassStyle("#e15759", "triangle", "\u25b2"),
    "Alliance": ClassStyle("#76b7b2", "hexagon", "\u2b22"),
    "Person": ClassStyle("#59a14f", "star", "\u2605"),
    "Product": ClassStyle("#edc948", "diamond", "\u25c6"),
    "Organization": ClassStyle("#b07aa1", "triangleDown", "\u25bc"),
    # vis-network has only seven shapes that keep the label outside; places share the
    # round one with countries (both are geography) and differ by colour.
    "Place": ClassStyle("#9c755f", "dot", "\u25cf"),
}
"""Colour, shape and legend glyph of each class in :data:`kg.model.ENTITY_TYPES`."""


class PolarityStyle(NamedTuple):
    """How edges of one polarity (``kg.rdf.namespace.POLARITY``) are drawn."""

    color: str
    dashes: bool
    """Dashed too, so that the difference does not rest on colour alone."""


POLARITY_STYLES: dict[str, PolarityStyle] = {
    "cooperative": PolarityStyle("#2e8b3a", False),
    "conflictual": PolarityStyle("#d62728", True),
    "structural": PolarityStyle("#8a9096", False),
}
"""Colour and dashing of the edges of each polarity."""

_UNTYPED = "untyped"
_UNTYPED_STYLE = ClassStyle("#a0a0a0", "dot", "\u25cf")
_UNKNOWN_POLARITY = PolarityStyle("#b0b4b8", False)

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
_MAX_WIDTH = 6.0

_VIS = "templates/lib/vis-9.1.2"
_SOURCE_MAP = re.compile(r"//# sourceMappingURL=[^\s<]+")

_CSS = """
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #202124; }
.kg-header { display: flex; flex-wrap: wrap; align-items: center; gap: .4em 1.6em;
  padding: .5em 1em; }
.kg-header h1 { font-size: 1.3em; margin: 0; }
.kg-note { flex-basis: 100%; margin: 0; padding: .3em .6em; background: #fef7e0;
  border-left: 4px solid #f9ab00; }
.kg-controls { display: flex; flex-wrap: wrap; align-items: center; gap: .4em 1em; }
.kg-filter { position: relative; }
.kg-filter summary { cursor: pointer; }
.kg-filter div { position: absolute; z-index: 10; background: #fff; border: 1px solid #dadce0;
  padding: .4em .6em; max-height: 50vh; overflow: auto; white-space: nowrap;
  box-shadow: 0 2px 8px rgba(0, 0, 0, .15); }
.kg-filter label { display: block; }
.kg-legend { list-style: none; display: flex; flex-wrap: wrap; gap: .2em 1.2em; margin: 0;
  padding: 0; }
.kg-glyph { font-size: 1.2em; margin-right: .25em; }
.kg-line { display: inline-block; width: 2em; margin-right: .3em; vertical-align: middle;
  border-top-width: 3px; }
.kg-hint, #kg-status, #kg-found { color: #5f6368; font-size: .9em; }
#mynetwork { width: 100%; height: 78vh; border-top: 1px solid #dadce0; }
div.vis-tooltip { white-space: normal; max-width: 34em; font: 13px/1.4 system-ui, sans-serif; }
.kg-tip ol { margin: .3em 0 0; padding-left: 1.3em; }
.kg-tip li + li { margin-top: .4em; }
.kg-quote { font-style: italic; }
.kg-meta { color: #5f6368; font-size: .9em; }
#kg-details { position: fixed; right: 1em; bottom: 1em; max-width: 34em; max-height: 45vh;
  overflow: auto; background: #fff; border: 1px solid #dadce0; border-radius: 4px;
  padding: .6em .8em; box-shadow: 0 2px 8px rgba(0, 0, 0, .15); }
"""

# The page's behaviour. It reads the graph from the JSON block, draws it, lets the physics
# settle and switches it off (then marks <body data-kg-state="settled">), builds tooltips on
# first hover, pins details on click, and runs the search box and the filters. Text from the
# graph only ever goes through textContent.
_SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = window.nodes = new vis.DataSet(data.nodes);
  var edges = window.edges = new vis.DataSet(data.edges);
  var network = window.network = new vis.Network(
    document.getElementById("mynetwork"), {nodes: nodes, edges: edges}, data.options);
  var status = document.getElementById("kg-status");
  var details = document.getElementById("kg-details");
  var found = document.getElementById("kg-found");

  function add(parent, tag, text, className) {
    var el = document.createElement(tag);
    if (text) el.textContent = text;
    if (className) el.className = className;
    parent.appendChild(el);
    return el;
  }
  function nodeBox(kg) {
    var box = document.createElement("div");
    box.className = "kg-tip";
    add(box, "strong", kg.label);
    add(box, "div", "class: " + kg.type);
    if (kg.country) add(box, "div", "country: " + kg.country);
    if (kg.qid) add(box, "div", "Wikidata: " + kg.qid);
    return box;
  }
  function evidenceBox(kg) {
    var box = document.createElement("div");
    box.className = "kg-tip";
    add(box, "strong", kg.source + " \\u2014 " + kg.predicate + " \\u2192 " + kg.target);
    var seen = [kg.polarity, kg.evidence.length + " evidence"];
    if (kg.first_seen) seen.push("seen " + kg.first_seen + " \\u2013 " + kg.last_seen);
    add(box, "div", seen.filter(Boolean).join(" \\u00b7 "), "kg-meta");
    var list = add(box, "ol");
    kg.evidence.forEach(function (ev) {
      var item = add(list, "li");
      add(item, "div", "\\u201c" + ev.text + "\\u201d", "kg-quote");
      var parts = [ev.title || ev.doc, ev.date];
      if (ev.confidence !== null) parts.push("confidence " + ev.confidence.toFixed(2));
      var meta = add(item, "div", parts.filter(Boolean).join(" \\u00b7 "), "kg-meta");
      if (ev.url) {
        add(meta, "span", " \\u00b7 ");
        var link = add(meta, "a", "open article");
        link.href = ev.url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
      }
    });
    return box;
  }
  function pin(box) {
    details.replaceChildren();
    if (box) details.appendChild(box);
    details.hidden = !box;
  }
  function counts() {
    var shownNodes = nodes.get({filter: function (n) { return !n.hidden; }}).length;
    var shownEdges = edges.get({filter: function (e) { return !e.hidden; }}).length;
    status.textContent = shownNodes + " of " + nodes.length + " entities, " +
      shownEdges + " of " + edges.length + " relations shown";
  }

  // Tooltips are built on first hover: thousands of them up front would slow the page down.
  network.on("hoverNode", function (params) {
    var node = nodes.get(params.node);
    if (!node.title) nodes.update({id: node.id, title: nodeBox(node.kg)});
  });
  network.on("hoverEdge", function (params) {
    var edge = edges.get(params.edge);
    if (!edge.title) edges.update({id: edge.id, title: evidenceBox(edge.kg)});
  });
  network.on("click", function (params) {
    if (params.nodes.length) pin(nodeBox(nodes.get(params.nodes[0]).kg));
    else if (params.edges.length) pin(evidenceBox(edges.get(params.edges[0]).kg));
    else pin(null);
  });

  function settled() {
    network.setOptions({physics: {enabled: false}});
    counts();
    if (data.focus !== null) {
      network.selectNodes([data.focus]);
      pin(nodeBox(nodes.get(data.focus).kg));
    }
    document.body.dataset.kgState = "settled";
  }
  network.on("stabilizationProgress", function (params) {
    status.textContent = "Settling the layout\\u2026 " +
      Math.round(100 * params.iterations / params.total) + "%";
  });
  if (data.nodes.length) network.once("stabilizationIterationsDone", settled);
  else settled();

  document.getElementById("kg-search").addEventListener("change", function (event) {
    var text = event.target.value.trim().toLowerCase();
    var visible = nodes.get({filter: function (n) { return !n.hidden; }});
    var exact = visible.filter(function (n) { return n.kg.label.toLowerCase() === text; });
    var hits = exact.length ? exact : visible.filter(function (n) {
      return text && n.kg.label.toLowerCase().indexOf(text) >= 0;
    });
    var ids = hits.map(function (n) { return n.id; });
    network.selectNodes(ids);
    if (ids.length) network.fit({nodes: ids, animation: false});
    pin(ids.length === 1 ? nodeBox(hits[0].kg) : null);
    found.textContent = text ? (ids.length ? ids.length + " found" : "not found") : "";
  });
  var names = document.getElementById("kg-names");
  nodes.get().forEach(function (n) { add(names, "option").value = n.kg.label; });

  function filter() {
    var on = {};
    document.querySelectorAll(".kg-filter input").forEach(function (box) {
      on[box.name + ":" + box.value] = box.checked;
    });
    var hidden = {};
    nodes.update(nodes.get().map(function (n) {
      hidden[n.id] = !on["class:" + n.kg.type];
      return {id: n.id, hidden: hidden[n.id]};
    }));
    edges.update(edges.get().map(function (e) {
      return {id: e.id,
              hidden: !on["predicate:" + e.kg.predicate] || hidden[e.from] || hidden[e.to]};
    }));
    counts();
  }
  document.querySelectorAll(".kg-filter input").forEach(function (box) {
    box.addEventListener("change", filter);
  });
})();
"""


def to_html(
    G: nx.MultiDiGraph,
    *,
    title: str = "kg graph",
    sizes: Mapping[str, float] | None = None,
    seed: int = LAYOUT_SEED,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    focus: str | None = None,
) -> str:
    """Render ``G`` as one self-contained HTML page that needs no network.

    Nodes are coloured and shaped by their ``type`` (see :data:`CLASS_STYLES`) and sized by
    ``sizes`` (e.g. centrality, by node id) when given; edges are coloured by ``polarity``
    (:data:`POLARITY_STYLES`), labelled by ``predicate`` and widened by their ``evidence``.
    Beyond ``max_nodes`` entities (None: no limit), only the largest by ``sizes`` (else the
    most linked) are drawn, with a note saying so. ``focus``, a node id, is always drawn and
    selected once the layout settles. ``seed`` fixes the layout.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:x:jp", label="Japan", type="Country", country=None, qid="Q17")
    >>> page = to_html(G, title="Japan & friends")
    >>> "<title>Japan &amp; friends</title>" in page, 'src="https://' in page
    (True, False)
    """
    if focus is not None and focus not in G:
        raise KgError(f"focus {focus!r} is not an entity of the graph")
    total_nodes, total_edges = len(G), G.number_of_edges()
    ranking = _ranking(G, sizes)
    note = None
    if max_nodes is not None and len(G) > max_nodes:
        kept = ranking[:max_nodes]
        if focus is not None and focus not in kept:
            kept = [focus, *kept[: max_nodes - 1]]
        G = G.subgraph(kept)
        ranking = [node for node in ranking if node in G]
        note = _reduction_note(len(G), total_nodes, G.number_of_edges(), total_edges)
    data = {
        "nodes": _node_records(G, _positions(G, ranking, seed), _node_sizes(G, sizes)),
        "edges": _edge_records(G),
        "options": _options(len(G)),
        "focus": focus,
    }
    return _page(title, G, data, note, seed)


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike[str], **kwargs: Any) -> Path:
    """Write :func:`to_html` of ``G`` to ``path`` atomically and return the path.

    Nothing else is written (no ``lib/`` folder, as pyvis's own ``write_html`` leaves).

    >>> from tempfile import TemporaryDirectory
    >>> with TemporaryDirectory() as tmp:
    ...     out = write_html(nx.MultiDiGraph(), Path(tmp) / "g.html", title="empty")
    ...     (out.name, sorted(p.name for p in Path(tmp).iterdir()))
    ('g.html', ['g.html'])
    """
    from kg.store import atomic_path

    target = Path(path)
    page = to_html(G, **kwargs)
    with atomic_path(target) as temporary:
        Path(temporary).write_text(page, encoding="utf-8")
    return target


@dataclass(frozen=True)
class InlineGraph:
    """A page of :func:`to_html` that Jupyter shows in line (in a sandboxed frame)."""

    html: str
    height: int = 720

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            f'style="width: 100%; height: {self.height}px; border: 0" '
            'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>'
        )


def show(G: nx.MultiDiGraph, *, height: int = 720, **kwargs: Any) -> InlineGraph:
    """:func:`to_html` of ``G`` for a notebook: the last expression of a cell draws it there.

    >>> "<iframe srcdoc=" in show(nx.MultiDiGraph(), title="empty")._repr_html_()
    True
    """
    return InlineGraph(to_html(G, **kwargs), height)


def _ranking(G: nx.MultiDiGraph, sizes: Mapping[str, float] | None) -> list[str]:
    """Nodes, the largest by ``sizes`` (else by degree) first, then by label and id."""
    score = sizes if sizes is not None else dict(G.degree())
    return sorted(G, key=lambda node: (-float(score.get(node, 0.0)), _label(G, node), node))


def _reduction_note(shown: int, total: int, shown_edges: int, total_edges: int) -> str:
    return (
        f"Showing the {shown:,} most central of {total:,} entities and the {shown_edges:,} of "
        f"{total_edges:,} relations between them. Draw more or fewer with "
        "kg viz --max-nodes N (to_html(max_nodes=N) in Python), or one neighbourhood with "
        "kg viz --focus ENTITY --depth 2."
    )


def _positions(
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


def _options(node_count: int) -> dict[str, Any]:
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


def _node_sizes(G: nx.MultiDiGraph, sizes: Mapping[str, float] | None) -> dict[str, float]:
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


def _class_of(attrs: Mapping[str, Any]) -> str:
    node_type = attrs.get("type")
    return node_type if node_type in CLASS_STYLES else _UNTYPED


def _style(cls: str) -> ClassStyle:
    return CLASS_STYLES.get(cls, _UNTYPED_STYLE)


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("label") or node)


def _node_records(
    G: nx.MultiDiGraph, positions: Mapping[str, tuple[float, float]], sizes: Mapping[str, float]
) -> list[dict[str, Any]]:
    """vis-network node records; ``kg`` holds the plain data the page's tooltips are built from."""
    records = []
    for node, attrs in G.nodes(data=True):
        cls = _class_of(attrs)
        style = _style(cls)
        x, y = positions[node]
        records.append(
            {
                "id": node,
                "label": _label(G, node),
                "shape": style.shape,
                "color": style.color,
                "size": sizes[node],
                "x": x,
                "y": y,
                "kg": {
                    "label": _label(G, node),
                    "type": cls,
                    "country": _text_or_none(attrs.get("country")),
                    "qid": _text_or_none(attrs.get("qid")),
                },
            }
        )
    return records


def _edge_records(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """vis-network edge records, labelled by predicate, with their evidence under ``kg``.

    Edges between the same two nodes (either direction) curve ever more strongly, so that
    parallel edges stay apart.
    """
    seen_between: Counter[frozenset[str]] = Counter()
    records = []
    for index, (source, target, key, attrs) in enumerate(G.edges(keys=True, data=True)):
        pair = frozenset((source, target))
        rank = seen_between[pair]
        seen_between[pair] += 1
        predicate = str(attrs.get("predicate") or key)
        polarity = attrs.get("polarity")
        style = POLARITY_STYLES.get(str(polarity), _UNKNOWN_POLARITY)
        evidence = [_evidence_record(ev) for ev in attrs.get("evidence") or ()]
        records.append(
            {
                "id": f"e{index}",
                "from": source,
                "to": target,
                "label": predicate,
                "color": {"color": style.color, "highlight": style.color, "hover": style.color},
                "dashes": style.dashes,
                "width": _edge_width(len(evidence)),
                "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.15 + 0.25 * rank},
                "kg": {
                    "source": _label(G, source),
                    "predicate": predicate,
                    "target": _label(G, target),
                    "polarity": _text_or_none(polarity),
                    "first_seen": _text_or_none(attrs.get("first_seen")),
                    "last_seen": _text_or_none(attrs.get("last_seen")),
                    "evidence": evidence,
                },
            }
        )
    return records


def _edge_width(count: int) -> float:
    """1 pixel for one piece of evidence (or none), growing with its logarithm.

    >>> [_edge_width(n) for n in (0, 1, 2, 8, 1000)]
    [1.0, 1.0, 2.5, 5.5, 6.0]
    """
    return min(_MAX_WIDTH, round(1.0 + 1.5 * math.log2(max(count, 1)), 2))


def _evidence_record(evidence: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of one evidence dict that the page shows, with the URL checked."""
    confidence = evidence.get("confidence")
    return {
        "text": str(evidence.get("text") or ""),
        "doc": _text_or_none(evidence.get("doc")),
        "title": _text_or_none(evidence.get("title")),
        "date": _text_or_none(evidence.get("date")),
        "url": _safe_url(evidence.get("url")),
        "confidence": float(confidence) if isinstance(confidence, int | float) else None,
    }


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _safe_url(url: object) -> str | None:
    """``url`` if it is an absolute http(s) URL, else None: no ``javascript:`` or ``data:`` links.

    >>> _safe_url("https://example.com/a?b=1"), _safe_url(" javascript:alert(1)")
    ('https://example.com/a?b=1', None)
    """
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    return parts.geturl() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _legend(classes: Sequence[str]) -> str:
    """The legend: a glyph per class present, a line per polarity."""
    glyphs = "".join(
        f'<li><span class="kg-glyph" style="color:{_style(cls).color}">{_style(cls).glyph}</span>'
        f"{html.escape(cls)}</li>"
        for cls in classes
    )
    lines = "".join(
        f'<li><span class="kg-line" style="border-top-color:{style.color};'
        f'border-top-style:{"dashed" if style.dashes else "solid"}"></span>{polarity}</li>'
        for polarity, style in POLARITY_STYLES.items()
    )
    return (
        f'<ul class="kg-legend" id="kg-legend">{glyphs}</ul>'
        f'<ul class="kg-legend" id="kg-polarity">{lines}</ul>'
    )


def _filter(name: str, summary: str, values: Sequence[str]) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" name="{name}" value="{html.escape(value)}" checked> '
        f"{html.escape(value)}</label>"
        for value in values
    )
    return f'<details class="kg-filter"><summary>{summary}</summary><div>{boxes}</div></details>'


def _page(
    title: str, G: nx.MultiDiGraph, data: Mapping[str, Any], note: str | None, seed: int
) -> str:
    present = {_class_of(attrs) for _, attrs in G.nodes(data=True)}
    classes = [cls for cls in (*ENTITY_TYPES, _UNTYPED) if cls in present]
    predicates = sorted({record["kg"]["predicate"] for record in data["edges"]})
    js, css = _vis_network()
    header = (
        f'<header class="kg-header"><h1>{html.escape(title)}</h1>'
        + (f'<p class="kg-note" id="kg-note">{html.escape(note)}</p>' if note else "")
        + '<div class="kg-controls">'
        '<input type="search" id="kg-search" list="kg-names" placeholder="Find an entity"'
        ' aria-label="Find an entity"><datalist id="kg-names"></datalist>'
        '<span id="kg-found"></span>'
        + _filter("class", "Classes", classes)
        + _filter("predicate", "Relations", predicates)
        + '<span id="kg-status"></span></div>'
        + _legend(classes)
        + '<span class="kg-hint">Hover a node or edge for details; click to pin them.</span>'
        "</header>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f'<meta name="kg-layout-seed" content="{seed}">'
        f"<style>{css}</style><style>{_CSS}</style><script>{js}</script></head>"
        f'<body>{header}<div id="mynetwork"></div><aside id="kg-details" hidden></aside>'
        f'<script type="application/json" id="kg-data">{_script_json(data)}</script>'
        f"<script>{_SCRIPT}</script></body></html>\n"
    )


def _script_json(data: Mapping[str, Any]) -> str:
    """``data`` as JSON that cannot end its ``<script>`` element or open a comment.

    >>> _script_json({"text": "</script><!-- & \\u2028"})
    '{"text":"\\\\u003c/script\\\\u003e\\\\u003c!-- \\\\u0026 \\\\u2028"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


@cache
def _vis_network() -> tuple[str, str]:
    """vis-network's script and stylesheet, as shipped with pyvis, without source-map links."""
    folder = resources.files("pyvis").joinpath(_VIS)
    js = folder.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = folder.joinpath("vis-network.css").read_text(encoding="utf-8")
    return _SOURCE_MAP.sub("", js), _SOURCE_MAP.sub("", css)
