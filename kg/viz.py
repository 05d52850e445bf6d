"""Draw a kg graph as one self-contained HTML page that works offline (pyvis + vis-network).

The page carries vis-network in line and refers to nothing outside itself, so analysts can open
it on machines without a network. Node positions are computed here with a seeded spring layout
and physics stays off, so the page is drawn at once and the same graph always looks the same.

Every text in the graph comes from news articles and is untrusted. It reaches the page only as
JSON inside the script (Jinja's ``tojson`` escapes ``<``, ``>``, ``&`` and ``'``), and the
page's script puts it on screen with ``textContent``; only http(s) URLs become links.
"""

from __future__ import annotations

import html
import math
import os
import re
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import networkx as nx
from pyvis.network import Network

from kg.model import ENTITY_TYPES

__all__ = ["CLASS_STYLES", "LAYOUT_SEED", "ClassStyle", "to_html", "write_html"]


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

_UNTYPED = "untyped"
_UNTYPED_STYLE = ClassStyle("#a0a0a0", "dot", "\u25cf")

LAYOUT_SEED = 7
_PX_PER_NODE = 120.0
"""Spread of the layout: its radius grows with the square root of the node count."""
_MIN_SIZE, _MAX_SIZE, _DEFAULT_SIZE = 10.0, 40.0, 16.0

_OPTIONS: dict[str, Any] = {
    # Positions come from Python; without physics the first frame is the final picture.
    "physics": {"enabled": False},
    "interaction": {"hover": True, "tooltipDelay": 120},
    "nodes": {"borderWidth": 1, "font": {"size": 14}},
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        "color": {"color": "#9aa0a6", "highlight": "#202124", "hover": "#202124"},
        "font": {"size": 11, "align": "middle", "color": "#3c4043"},
    },
}

_CSS = """
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #202124; }
.kg-header { display: flex; flex-wrap: wrap; align-items: baseline; gap: .3em 2em;
  padding: .5em 1em; }
.kg-header h1 { font-size: 1.3em; margin: 0; }
.kg-legend { list-style: none; display: flex; flex-wrap: wrap; gap: .2em 1.2em; margin: 0;
  padding: 0; }
.kg-glyph { font-size: 1.2em; margin-right: .25em; }
.kg-hint { color: #5f6368; font-size: .9em; }
#mynetwork { box-sizing: border-box; }
div.vis-tooltip { white-space: normal; max-width: 34em; font: 13px/1.4 system-ui, sans-serif; }
.kg-tip ol { margin: .3em 0 0; padding-left: 1.3em; }
.kg-tip li + li { margin-top: .4em; }
.kg-quote { font-style: italic; }
.kg-meta { color: #5f6368; font-size: .9em; }
#kg-details { position: fixed; right: 1em; bottom: 1em; max-width: 34em; max-height: 45vh;
  overflow: auto; background: #fff; border: 1px solid #dadce0; border-radius: 4px;
  padding: .6em .8em; box-shadow: 0 2px 8px rgba(0, 0, 0, .15); }
"""

# Builds tooltips and the click-to-pin details panel from the plain data in the node and edge
# records (field ``kg``). Untrusted text only ever goes through textContent; URLs were checked
# in Python and are only ever assigned to href.
_SCRIPT = r"""
(function () {
  "use strict";
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
    add(box, "strong", kg.source + " \u2014 " + kg.predicate + " \u2192 " + kg.target);
    var list = add(box, "ol");
    kg.evidence.forEach(function (ev) {
      var item = add(list, "li");
      add(item, "div", "\u201c" + ev.text + "\u201d", "kg-quote");
      var parts = [ev.title || ev.doc, ev.date];
      if (ev.confidence !== null) parts.push("confidence " + ev.confidence.toFixed(2));
      var meta = add(item, "div", parts.filter(Boolean).join(" \u00b7 "), "kg-meta");
      if (ev.url) {
        add(meta, "span", " \u00b7 ");
        var link = add(meta, "a", "open article");
        link.href = ev.url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
      }
    });
    return box;
  }
  nodes.update(nodes.get().map(function (n) { return {id: n.id, title: nodeBox(n.kg)}; }));
  edges.update(edges.get().map(function (e) { return {id: e.id, title: evidenceBox(e.kg)}; }));
  var details = document.getElementById("kg-details");
  network.on("click", function (params) {
    details.replaceChildren();
    if (params.nodes.length) details.appendChild(nodeBox(nodes.get(params.nodes[0]).kg));
    else if (params.edges.length) details.appendChild(evidenceBox(edges.get(params.edges[0]).kg));
    details.hidden = !details.firstChild;
  });
})();
"""

# pyvis's template loads bootstrap from a CDN even with cdn_resources="in_line"; the page does
# not need it. This removes any <link href=http(s)...> or <script src=http(s)...></script>.
_EXTERNAL_TAG = re.compile(
    r"<(?:link|script)\b[^>]*\b(?:href|src)\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>(?:\s*</script>)?",
    re.IGNORECASE,
)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>")
_SOURCE_MAP = re.compile(r"//# sourceMappingURL=[^\s<]+")


def to_html(
    G: nx.MultiDiGraph,
    *,
    title: str = "kg graph",
    sizes: Mapping[str, float] | None = None,
    seed: int = LAYOUT_SEED,
) -> str:
    """Render ``G`` as one self-contained HTML page that needs no network.

    Nodes are coloured and shaped by their ``type`` (see :data:`CLASS_STYLES`) and sized by
    ``sizes`` (e.g. centrality, by node id) when given; hovering a node shows its label, class
    and country, hovering an edge its evidence sentences, and clicking pins them in a panel
    with links to the articles. ``seed`` fixes the spring layout.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:x:jp", label="Japan", type="Country", country=None, qid="Q17")
    >>> page = to_html(G, title="Japan & friends")
    >>> "<title>Japan &amp; friends</title>" in page, 'src="https://' in page
    (True, False)
    """
    net = Network(height="78vh", width="100%", directed=True, cdn_resources="in_line")
    # Assigned directly: pyvis's add_node/add_edge scan lists and are quadratic in graph size.
    net.nodes = _node_records(G, _positions(G, seed), _node_sizes(G, sizes))
    net.edges = _edge_records(G)
    net.options = _OPTIONS
    header = _header(title, _classes_present(G))
    return _make_offline(net.generate_html(), title=title, header=header, seed=seed)


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike[str], **kwargs: Any) -> Path:
    """Write :func:`to_html` of ``G`` to ``path`` atomically and return the path.

    Nothing else is written: no ``lib/`` folder, which pyvis's own ``write_html`` leaves
    behind in the working directory (its default "local" mode).

    >>> from tempfile import TemporaryDirectory
    >>> with TemporaryDirectory() as tmp:
    ...     out = write_html(nx.MultiDiGraph(), Path(tmp) / "g.html", title="empty")
    ...     (out.name, sorted(p.name for p in Path(tmp).iterdir()))
    ('g.html', ['g.html'])
    """
    target = Path(path)
    page = to_html(G, **kwargs)
    # Not tempfile.mkstemp: its files are private (0600); this one gets the umask's mode.
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        with tmp.open("x", encoding="utf-8") as out:
            out.write(page)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _positions(G: nx.MultiDiGraph, seed: int) -> dict[str, tuple[float, float]]:
    """Pixel coordinates of each node from a seeded spring layout of ``G``'s skeleton."""
    # Direction and parallel edges do not matter for where a node sits.
    skeleton = nx.Graph(G)
    layout = nx.spring_layout(
        skeleton, seed=seed, method="energy", scale=_PX_PER_NODE * math.sqrt(len(G) or 1)
    )
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in layout.items()}


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
        records.append(
            {
                "id": f"e{index}",
                "from": source,
                "to": target,
                "label": predicate,
                "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.15 + 0.25 * rank},
                "kg": {
                    "source": _label(G, source),
                    "predicate": predicate,
                    "target": _label(G, target),
                    "evidence": [_evidence_record(ev) for ev in attrs.get("evidence") or ()],
                },
            }
        )
    return records


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


def _classes_present(G: nx.MultiDiGraph) -> list[str]:
    """The classes of ``G``'s nodes, in the ontology's order (untyped last)."""
    present = {_class_of(attrs) for _, attrs in G.nodes(data=True)}
    return [cls for cls in (*ENTITY_TYPES, _UNTYPED) if cls in present]


def _header(title: str, classes: Iterable[str]) -> str:
    """The page's heading, the legend of ``classes`` and the (empty) details panel."""
    items = "".join(
        f'<li><span class="kg-glyph" style="color:{_style(cls).color}">{_style(cls).glyph}</span>'
        f"{html.escape(cls)}</li>"
        for cls in classes
    )
    return (
        f'<header class="kg-header"><h1>{html.escape(title)}</h1>'
        f'<ul class="kg-legend" id="kg-legend">{items}</ul>'
        '<span class="kg-hint">Hover a node or edge for details; click to pin them.</span>'
        '</header><aside id="kg-details" hidden></aside>'
    )


def _make_offline(page: str, *, title: str, header: str, seed: int) -> str:
    """Turn pyvis's page into a standalone one: no CDN tags, our title, header and script."""
    page = _EXTERNAL_TAG.sub("", page)
    page = _EMPTY_HEADING.sub("", page)
    page = _SOURCE_MAP.sub("", page)
    head = (
        f"<title>{html.escape(title)}</title>"
        f'<meta name="kg-layout-seed" content="{seed}"><style>{_CSS}</style></head>'
    )
    page = page.replace("</head>", head, 1)
    page = page.replace("<body>", f"<body>{header}", 1)
    page = page.replace("drawGraph();\n", f"drawGraph();\n{_SCRIPT}", 1)
    return "<!DOCTYPE html>\n" + page
