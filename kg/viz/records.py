"""What the page draws: the style of each class and polarity, and the node and edge records.

Every text in the graph comes from news articles and is untrusted: the records carry it as
plain data (under ``kg``) that the page's script puts on screen with ``textContent``; only
http(s) URLs become links.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
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
    """vis-network node records; ``kg`` holds the plain data the page's tooltips are built from.

    Nodes are coloured by class, or with ``blocs`` (node -> bloc number) by bloc; the shape
    always says the class.
    """
    records = []
    for node, attrs in G.nodes(data=True):
        cls = class_of(attrs)
        style = style_of(cls)
        x, y = positions[node]
        bloc = None if blocs is None else blocs.get(node)
        records.append(
            {
                "id": node,
                "label": node_label(G, node),
                "shape": style.shape,
                "color": style.color if blocs is None else bloc_colour(bloc),
                "size": sizes[node],
                "x": x,
                "y": y,
                "kg": {
                    "label": node_label(G, node),
                    "type": cls,
                    "country": _text_or_none(attrs.get("country")),
                    "qid": _text_or_none(attrs.get("qid")),
                    "bloc": None if bloc is None else int(bloc),
                },
            }
        )
    return records


def edge_records(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
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
                    "source": node_label(G, source),
                    "predicate": predicate,
                    "layer": _layer_of(predicate),
                    "target": node_label(G, target),
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
        "context": _text_or_none(evidence.get("context")),
        "doc": _text_or_none(evidence.get("doc")),
        "title": _text_or_none(evidence.get("title")),
        "date": _text_or_none(evidence.get("date")),
        "url": _safe_url(evidence.get("url")),
        "confidence": float(confidence) if isinstance(confidence, int | float) else None,
    }


def _layer_of(predicate: str) -> str | None:
    """The ``kg:layer`` of a relation (None for one kg.ttl does not declare).

    >>> _layer_of("headquarteredIn"), _layer_of("madeUp")
    ('structural', None)
    """
    relation = VOCABULARY.relations.get(predicate)
    return relation.layer if relation is not None else None


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
