"""Draw a kg graph as one self-contained HTML page that works offline (vis-network, in line).

The page carries vis-network (the copy that ships with pyvis) and refers to nothing outside
itself, so analysts can open it on machines without a network, or see it inside Jupyter
(:func:`show`). Nodes are shaped by class, coloured by class (or, given blocs, by bloc) and
sized by centrality; edges are coloured by polarity (conflictual ones dashed), labelled by
relation and as wide as their evidence is plentiful; the facts of one pair of entities are
one line, labelled with their count ("partnersWith \u00d72", "3 facts"). The most important
nodes (by size: the top 30, or all of a graph of 150 entities or fewer) keep their labels
readable at any zoom; names that would overprint one another at the zoom of the moment are
left out, the less important first (a hovered or selected node always shows its name). A
search box finds entities, check boxes filter classes, relations and layers (structural ones
start off on a large graph), hovering shows details and clicking pins them: a line's facts
with their evidence sentences and links to the articles, or a node's facts grouped by
relation, each with its evidence.
The layout is computed in Python (:mod:`kg.viz.layout`), so the page draws at once with the
physics off; its "Relax" button turns vis-network's physics on (and off again). What would
be too small to see at the zoom the page opens at (most names, line labels, arrow heads of a
large graph) is given to vis-network as the user zooms in to it, and dashes are drawn as long
on screen at any zoom-out: the first drawing of 10,000 entities costs that much less.
The page's own script and style are the package files ``page.js`` and ``page.css``.

Graphs larger than ``max_nodes`` are cut to their most central
entities, and the page says so.

Every text in the graph comes from news articles and is untrusted. It reaches the page only as
JSON inside a ``<script type="application/json">`` block (``<``, ``>`` and ``&`` escaped), and the
page's script puts it on screen with ``textContent``; only http(s) URLs become links.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import KgError
from kg.model import ENTITY_TYPES
from kg.viz.layout import (
    DEFAULT_MAX_NODES,
    LAYOUT_SEED,
    node_sizes,
    positions,
    rank_nodes,
    vis_options,
)
from kg.viz.records import (
    MIXED_STYLE,
    NO_BLOC_COLOUR,
    POLARITY_STYLES,
    UNTYPED,
    article_records,
    bloc_colour,
    bundle_records,
    class_of,
    class_styles,
    edge_records,
    mixed_pairs,
    node_label,
    node_records,
    relation_styles,
    style_of,
)
from kg.vocabulary import LAYER_NAMES

STRUCTURAL_OFF_ABOVE = 150
"""Above this many entities, the page opens with the layers of :data:`STRUCTURAL_OFF` off."""
STRUCTURAL_OFF = ("structural",)
"""Layers (``kg:layer``) of facts about one entity more than ties between two (where a firm
sits, what it makes): on a large graph they would bury the ties, so they start hidden."""

_VIS = "templates/lib/vis-9.1.2"
_SOURCE_MAP = re.compile(r"//# sourceMappingURL=[^\s<]+")


def to_html(
    G: nx.MultiDiGraph,
    *,
    title: str = "kg graph",
    sizes: Mapping[str, float] | None = None,
    seed: int = LAYOUT_SEED,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    focus: str | None = None,
    blocs: Mapping[str, int] | None = None,
) -> str:
    """Render ``G`` as one self-contained HTML page that needs no network.

    Nodes are coloured and shaped by their ``type`` (see :data:`CLASS_STYLES`) and sized by
    ``sizes`` (e.g. centrality, by node id) when given; with ``blocs`` (node id -> bloc
    number, as :func:`kg.analysis.communities.communities` numbers them) they are coloured by
    bloc instead (:data:`~kg.viz.records.BLOC_COLOURS`; grey for a node in none, or in one of
    the smallest blocs beyond the colours), the legend naming each bloc by its first member
    drawn. Edges are coloured by the polarity of their relation in kg.ttl
    (:data:`POLARITY_STYLES`), labelled by ``predicate`` and widened by their ``evidence``.
    Beyond ``max_nodes`` entities (None: no limit), only the largest by ``sizes`` (else the
    most linked) are drawn, with a note saying so. ``focus``, a node id, is always drawn and
    selected when the page opens. ``seed`` fixes the layout.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:x:jp", label="Japan", type="Country", country=None, qid="Q17")
    >>> page = to_html(G, title="Japan & friends")
    >>> "<title>Japan &amp; friends</title>" in page, 'src="https://' in page
    (True, False)
    """
    if focus is not None and focus not in G:
        raise KgError(f"focus {focus!r} is not an entity of the graph")
    total_nodes, total_edges = len(G), G.number_of_edges()
    ranking = rank_nodes(G, sizes)
    note = None
    if max_nodes is not None and len(G) > max_nodes:
        kept = ranking[:max_nodes]
        if focus is not None and focus not in kept:
            kept = [focus, *kept[: max_nodes - 1]]
        G = G.subgraph(kept)
        ranking = [node for node in ranking if node in G]
        note = _reduction_note(len(G), total_nodes, G.number_of_edges(), total_edges)
    radii = node_sizes(G, sizes)
    placed = positions(G, ranking, seed, radii)
    index = {node: number for number, node in enumerate(placed)}
    articles: dict[tuple[Any, ...], int] = {}
    nodes = node_records(G, placed, radii, blocs)
    edges = edge_records(G, index, articles)
    bundles = bundle_records(edges)
    relations = relation_styles(record["predicate"] for record in edges)
    data = {
        "nodes": nodes,
        "edges": edges,
        "bundles": bundles,
        "articles": article_records(articles),
        "classes": class_styles(record["type"] for record in nodes),
        "relations": relations,
        "mixed": {"color": MIXED_STYLE.color, "dashes": [2, 4]},
        "options": vis_options(len(G)),
        "focus": focus,
    }
    bloc_names = None if blocs is None else _bloc_names(G, ranking, blocs)
    mixed = mixed_pairs(edges, bundles, relations)
    return _page(title, G, data, note, seed, bloc_names, mixed)


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike[str], **kwargs: Any) -> Path:
    """Write :func:`to_html` of ``G`` to ``path`` atomically and return the path.

    Nothing else is written (no ``lib/`` folder, as pyvis's own ``write_html`` leaves).

    >>> from tempfile import TemporaryDirectory
    >>> with TemporaryDirectory() as tmp:
    ...     out = write_html(nx.MultiDiGraph(), Path(tmp) / "g.html", title="empty")
    ...     (out.name, sorted(p.name for p in Path(tmp).iterdir()))
    ('g.html', ['g.html'])
    """
    from kg.store.atomic import atomic_path

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


def _reduction_note(shown: int, total: int, shown_edges: int, total_edges: int) -> str:
    return (
        f"Showing the {shown:,} most central of {total:,} entities and the {shown_edges:,} of "
        f"{total_edges:,} relations between them. Draw more or fewer with "
        "kg viz --max-nodes N (to_html(max_nodes=N) in Python), or one neighbourhood with "
        "kg viz --focus ENTITY --depth 2."
    )


def _bloc_names(
    G: nx.MultiDiGraph, ranking: Sequence[str], blocs: Mapping[str, int]
) -> list[tuple[int | None, str]]:
    """(bloc, its name) for the legend: each bloc drawn that has a colour, by number, named by
    its first member in ``ranking`` (the most central) and its size drawn; then, in grey, how
    many smaller blocs have none, and ``"no bloc"`` if a node is in none."""
    members: dict[int, list[str]] = {}
    for node in ranking:
        if node in G and node in blocs:
            members.setdefault(int(blocs[node]), []).append(node)
    coloured = sorted(bloc for bloc in members if bloc_colour(bloc) != NO_BLOC_COLOUR)
    names: list[tuple[int | None, str]] = [
        (bloc, f"bloc {bloc}: {node_label(G, members[bloc][0])} ({len(members[bloc])})")
        for bloc in coloured
    ]
    if grey := len(members) - len(coloured):
        names.append((None, f"{grey} smaller bloc{'s' if grey > 1 else ''}"))
    if any(node not in blocs for node in G):
        names.append((None, "no bloc"))
    return names


def _legend(
    classes: Sequence[str],
    bloc_names: Sequence[tuple[int | None, str]] | None,
    mixed: bool = False,
) -> str:
    """The legend: a glyph per class present, a line per polarity (and ``mixed``, if a pair of
    entities has facts of several); with blocs, the class glyphs in grey and a swatch per bloc."""
    glyphs = "".join(
        f'<li><span class="kg-glyph" style="color:'
        f'{style.color if bloc_names is None else "#5f6368"}">{style.glyph}</span>'
        f"{html.escape(cls)}</li>"
        for cls, style in ((cls, style_of(cls)) for cls in classes)
    )
    swatches = "".join(
        f'<li><span class="kg-glyph" style="color:{bloc_colour(bloc)}">\u25cf</span>'
        f"{html.escape(name)}</li>"
        for bloc, name in bloc_names or ()
    )
    lines = "".join(
        f'<li><span class="kg-line" style="border-top-color:{style.color};'
        f'border-top-style:{"dashed" if style.dashes else "solid"}"></span>{polarity}</li>'
        for polarity, style in POLARITY_STYLES.items()
    ) + (
        f'<li><span class="kg-line" style="border-top-color:{MIXED_STYLE.color};'
        'border-top-style:dotted"></span>mixed</li>'
        if mixed
        else ""
    )
    return (
        f'<ul class="kg-legend" id="kg-legend">{glyphs}</ul>'
        f'<ul class="kg-legend" id="kg-polarity">{lines}</ul>'
        + (f'<ul class="kg-legend" id="kg-blocs">{swatches}</ul>' if swatches else "")
    )


def _filter(name: str, summary: str, values: Sequence[str], off: Sequence[str] = ()) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" name="{name}" value="{html.escape(value)}"'
        f"{'' if value in off else ' checked'}> {html.escape(value)}</label>"
        for value in values
    )
    return f'<details class="kg-filter"><summary>{summary}</summary><div>{boxes}</div></details>'


def _page(
    title: str,
    G: nx.MultiDiGraph,
    data: Mapping[str, Any],
    note: str | None,
    seed: int,
    bloc_names: Sequence[tuple[int | None, str]] | None = None,
    mixed: bool = False,
) -> str:
    present = {class_of(attrs) for _, attrs in G.nodes(data=True)}
    classes = [cls for cls in (*ENTITY_TYPES, UNTYPED) if cls in present]
    predicates = sorted(data["relations"])
    found = {style["layer"] for style in data["relations"].values()}
    layers = [name for name in LAYER_NAMES if name in found]
    off = STRUCTURAL_OFF if len(G) > STRUCTURAL_OFF_ABOVE else ()
    vis_js, vis_css = _vis_network()
    script, css = _own("page.js"), _own("page.css")
    header = (
        f'<header class="kg-header"><h1>{html.escape(title)}</h1>'
        + (f'<p class="kg-note" id="kg-note">{html.escape(note)}</p>' if note else "")
        + '<div class="kg-controls">'
        '<input type="search" id="kg-search" list="kg-names" placeholder="Find an entity"'
        ' aria-label="Find an entity"><datalist id="kg-names"></datalist>'
        '<span id="kg-found"></span>'
        + _filter("class", "Classes", classes)
        + _filter("predicate", "Relations", predicates)
        + _filter("layer", "Layers", layers, off)
        + '<button type="button" id="kg-relax" aria-pressed="false"'
        ' title="Let the layout move: vis-network\'s physics, on or off">Relax</button>'
        + '<span id="kg-status"></span></div>'
        + _legend(classes, bloc_names, mixed)
        + '<span class="kg-hint">Hover a node or edge for details; click to pin them.</span>'
        "</header>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f'<meta name="kg-layout-seed" content="{seed}">'
        f"<style>{vis_css}</style><style>{css}</style><script>{vis_js}</script></head>"
        f'<body>{header}<div id="mynetwork"></div><aside id="kg-details" hidden></aside>'
        f'<script type="application/json" id="kg-data">{_script_json(data)}</script>'
        f"<script>{script}</script></body></html>\n"
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


@cache
def _own(name: str) -> str:
    """The page's own script or stylesheet, shipped as a file of this package."""
    return resources.files("kg.viz").joinpath(name).read_text(encoding="utf-8")
