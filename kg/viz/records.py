"""What the page draws: the style of each class and polarity, and the node and edge records.

The records are plain data, as small as they can be read: an edge names its ends by their
numbers in the node records, an evidence item its article by its number in the articles table
(an article is written once however many facts it backs), and the styles of classes and
relations are tables of their own; the page's script makes vis-network's records from them.
Every text in the graph comes from news articles and is untrusted: the script puts it on
screen with ``textContent``; only http(s) URLs become links.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import networkx as nx

from kg.vocabulary import VOCABULARY


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
MIXED_STYLE = PolarityStyle("#7b5ea7", False)
"""How a pair of entities is drawn when the facts shown between them differ in polarity (the
legend calls it ``mixed``, dotted; the panel gives each fact's own)."""

BLOC_COLOURS: tuple[str, ...] = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#393b79",
    "#ad494a",
    "#637939",
)
"""Node colours when the page colours by bloc (``to_html(blocs=...)``), bloc 0 first. Blocs are
numbered from 0, largest first (as :func:`kg.analysis.communities.communities` numbers them):
those beyond these colours, the smallest, are grey like entities in no bloc."""
NO_BLOC_COLOUR = "#c8ccd0"
"""The colour of an entity in no bloc, or in a bloc beyond :data:`BLOC_COLOURS`."""

UNTYPED = "untyped"
"""The class of a node whose type kg does not know."""
UNTYPED_STYLE = ClassStyle("#a0a0a0", "dot", "\u25cf")
_UNKNOWN_POLARITY = PolarityStyle("#b0b4b8", False)
_MAX_WIDTH = 6.0


def class_of(attrs: Mapping[str, Any]) -> str:
    """The class a node is drawn as: its ``type`` if it has a style, else :data:`UNTYPED`.

    >>> class_of({"type": "Company"}), class_of({"type": "Spaceship"})
    ('Company', 'untyped')
    """
    node_type = attrs.get("type")
    return node_type if node_type in CLASS_STYLES else UNTYPED


def style_of(cls: str) -> ClassStyle:
    """How nodes of the class ``cls`` are drawn (grey dots for a class without a style)."""
    return CLASS_STYLES.get(cls, UNTYPED_STYLE)


def node_label(G: nx.MultiDiGraph, node: str) -> str:
    """The label of ``node``, else its id.

    >>> node_label(nx.MultiDiGraph([("a", "b")]), "a")
    'a'
    """
    return str(G.nodes[node].get("label") or node)


def bloc_colour(bloc: int | None) -> str:
    """The colour of the nodes of bloc number ``bloc`` (:data:`NO_BLOC_COLOUR` for None and
    for a bloc beyond :data:`BLOC_COLOURS`).

    >>> bloc_colour(0), bloc_colour(len(BLOC_COLOURS)), bloc_colour(None)
    ('#1f77b4', '#c8ccd0', '#c8ccd0')
    """
    if bloc is None or not 0 <= bloc < len(BLOC_COLOURS):
        return NO_BLOC_COLOUR
    return BLOC_COLOURS[bloc]


def node_records(
    G: nx.MultiDiGraph,
    positions: Mapping[str, tuple[float, float]],
    sizes: Mapping[str, float],
    blocs: Mapping[str, int] | None = None,
) -> list[dict[str, Any]]:
    """One record a node, in the order of ``positions``: the page's script draws each with the
    style of its ``type`` (the page's ``classes`` table) and shows the rest on hover. With
    ``blocs`` (node -> bloc number) a node has its ``bloc`` and is coloured by it (``color``);
    the shape always says the class.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:jp", label="Japan", type="Country", country=None)
    >>> node_records(G, {"urn:jp": (1.0, 2.0)}, {"urn:jp": 16.0})
    [{'id': 'urn:jp', 'label': 'Japan', 'type': 'Country', 'size': 16.0, 'x': 1.0, 'y': 2.0}]
    >>> node_records(G, {"urn:jp": (1.0, 2.0)}, {"urn:jp": 16.0}, {"urn:jp": 0})[0]["color"]
    '#1f77b4'
    """
    records = []
    for node, (x, y) in positions.items():
        attrs = G.nodes[node]
        record: dict[str, Any] = {
            "id": node,
            "label": node_label(G, node),
            "type": class_of(attrs),
            "size": sizes[node],
            "x": x,
            "y": y,
        }
        for name in ("country", "qid"):
            if attrs.get(name) is not None:
                record[name] = str(attrs[name])
        if blocs is not None:
            bloc = blocs.get(node)
            record["color"] = bloc_colour(bloc)
            if bloc is not None:
                record["bloc"] = int(bloc)
        records.append(record)
    return records


def edge_records(
    G: nx.MultiDiGraph, index: Mapping[str, int], articles: dict[tuple[Any, ...], int]
) -> list[dict[str, Any]]:
    """One record a fact (an edge of ``G``): its ends as numbers of node records (``index``),
    its predicate, its width by its evidence, and its evidence, each item pointing into the
    table of ``articles`` (filled here: one entry an article, however many facts it backs).
    The page draws the facts of one pair of entities as one line (:func:`bundle_records`).

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("urn:a", "urn:b", predicate="suppliesTo", evidence=[{"text": "A supplies B.",
    ...     "doc": "d1", "title": "News", "date": "2024-05-01", "url": "https://x.example/d1"}])
    0
    >>> table: dict = {}
    >>> edge_records(G, {"urn:a": 0, "urn:b": 1}, table)  # doctest: +NORMALIZE_WHITESPACE
    [{'from': 0, 'to': 1, 'predicate': 'suppliesTo', 'width': 1.0,
      'evidence': [{'text': 'A supplies B.', 'article': 0}]}]
    >>> table
    {('d1', 'News', '2024-05-01', 'https://x.example/d1'): 0}
    """
    records = []
    for source, target, key, attrs in G.edges(keys=True, data=True):
        evidence = [_evidence_record(ev, articles) for ev in attrs.get("evidence") or ()]
        record: dict[str, Any] = {
            "from": index[source],
            "to": index[target],
            "predicate": str(attrs.get("predicate") or key),
            "width": _edge_width(len(evidence)),
        }
        for name in ("first_seen", "last_seen"):
            if attrs.get(name) is not None:
                record[name] = str(attrs[name])
        record["evidence"] = evidence
        records.append(record)
    return records


def bundle_records(edges: Sequence[Mapping[str, Any]]) -> list[list[int]]:
    """The facts of each pair of entities (either direction), as numbers of ``edges`` records,
    pairs in the order of their first fact: the page draws one line a pair, labelled with the
    relation and how many facts it carries ("partnersWith \u00d72", "3 facts"), and lists every
    fact with its evidence when it is hovered or clicked.

    One line a pair rather than one a relation: in kg's graph the same relation between the
    same two entities is already one edge (its articles are its evidence), so the parallel
    edges left are different relations, or one relation both ways; side by side they were
    curves whose labels overlapped, and a pair's tie reads best as one line.

    >>> bundle_records([{"from": 0, "to": 1}, {"from": 1, "to": 2}, {"from": 1, "to": 0}])
    [[0, 2], [1]]
    """
    pairs: dict[frozenset[int], list[int]] = {}
    for number, edge in enumerate(edges):
        pairs.setdefault(frozenset((edge["from"], edge["to"])), []).append(number)
    return list(pairs.values())


def mixed_pairs(
    edges: Sequence[Mapping[str, Any]],
    bundles: Iterable[Sequence[int]],
    relations: Mapping[str, Mapping[str, Any]],
) -> bool:
    """Whether a pair of entities has facts of different polarities (so that the legend needs
    :data:`MIXED_STYLE`).

    >>> edges = [{"predicate": "sanctions"}, {"predicate": "partnersWith"}]
    >>> mixed_pairs(edges, [[0, 1]], relation_styles(["sanctions", "partnersWith"]))
    True
    """
    return any(
        len({relations[edges[number]["predicate"]]["polarity"] for number in bundle}) > 1
        for bundle in bundles
    )


def article_records(articles: Mapping[tuple[Any, ...], int]) -> list[dict[str, str]]:
    """The table of articles :func:`edge_records` filled, in the order of their numbers.

    >>> article_records({("d1", None, "2024-05-01", None): 0})
    [{'doc': 'd1', 'date': '2024-05-01'}]
    """
    fields = ("doc", "title", "date", "url")
    return [
        {name: value for name, value in zip(fields, key, strict=True) if value is not None}
        for key, _ in sorted(articles.items(), key=lambda item: item[1])
    ]


def relation_styles(predicates: Iterable[str]) -> dict[str, dict[str, Any]]:
    """How the page draws each relation in ``predicates``: its polarity's colour and dashing,
    and its layer (``kg:layer``), for the layer filters.

    >>> relation_styles(["sanctions"])
    {'sanctions': {'polarity': 'conflictual', 'layer': 'geopolitical', 'color': '#d62728', \
'dashes': True}}
    """
    styles = {}
    for predicate in sorted(set(predicates)):
        relation = VOCABULARY.relations.get(predicate)
        polarity = relation.polarity if relation is not None else None
        style = POLARITY_STYLES.get(str(polarity), _UNKNOWN_POLARITY)
        styles[predicate] = {
            "polarity": polarity,
            "layer": relation.layer if relation is not None else None,
            "color": style.color,
            "dashes": style.dashes,
        }
    return styles


def class_styles(classes: Iterable[str]) -> dict[str, dict[str, str]]:
    """The colour and shape of each class in ``classes`` (:func:`style_of`).

    >>> class_styles(["Country"])
    {'Country': {'color': '#4e79a7', 'shape': 'dot'}}
    """
    return {
        cls: {"color": style_of(cls).color, "shape": style_of(cls).shape}
        for cls in sorted(set(classes))
    }


def _edge_width(count: int) -> float:
    """1 pixel for one piece of evidence (or none), growing with its logarithm.

    >>> [_edge_width(n) for n in (0, 1, 2, 8, 1000)]
    [1.0, 1.0, 2.5, 5.5, 6.0]
    """
    return min(_MAX_WIDTH, round(1.0 + 1.5 * math.log2(max(count, 1)), 2))


def _evidence_record(
    evidence: Mapping[str, Any], articles: dict[tuple[Any, ...], int]
) -> dict[str, Any]:
    """The fields of one evidence dict that the page shows; its article (with the URL checked)
    as a number in ``articles``, which gains the article if it is new. Empty fields are left
    out."""
    record: dict[str, Any] = {"text": str(evidence.get("text") or "")}
    if evidence.get("context") is not None:
        record["context"] = str(evidence["context"])
    article = (
        _text_or_none(evidence.get("doc")),
        _text_or_none(evidence.get("title")),
        _text_or_none(evidence.get("date")),
        _safe_url(evidence.get("url")),
    )
    if any(value is not None for value in article):
        record["article"] = articles.setdefault(article, len(articles))
    confidence = evidence.get("confidence")
    if isinstance(confidence, int | float):
        record["confidence"] = float(confidence)
    return record


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
