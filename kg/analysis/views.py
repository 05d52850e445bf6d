"""Parts of an entity graph to analyse: a layer of relations, a time window, a neighbourhood.

Each view is a new graph (a copy of the kept nodes and edges, sharing their evidence lists),
so that it can be changed and analysed without touching the graph it came from.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

import networkx as nx

from kg.analysis.projection import collector_paused, edge_attributes, iso_date
from kg.errors import KgError
from kg.rdf.namespace import ENT, slug
from kg.vocabulary import POLARITY, RELATIONS, VOCABULARY

LAYERS: dict[str, frozenset[str]] = {
    **VOCABULARY.layers,
    **{polarity: frozenset(n for n, p in POLARITY.items() if p == polarity)
       for polarity in ("cooperative", "conflictual")},
    "all": frozenset(RELATIONS),
}  # fmt: skip
"""The relations of each layer, all from kg.ttl: by ``kg:layer``, who makes, owns, sells to and
works with whom (``supply``), what states do to and with one another (``geopolitical``), who
leads what (``people``) and where firms sit, what they make and which alliances states belong
to (``structural``), which together hold every relation once; by ``kg:polarity``, the ties
(``cooperative``) and the measures and rivalries (``conflictual``) of any layer; and ``all``."""

DEFAULT_LAYERS: tuple[str, ...] = ("cooperative", "conflictual", "supply")
"""What blocs and chokepoints look at unless told otherwise: ties, conflicts and supply, not the
structural facts (a company headquartered in a country, a product it makes), through which a
country and its companies, or a product and its makers, would look like a bloc or a chokepoint."""


@dataclass(frozen=True, slots=True)
class Window:
    """A span of dates, both ends included; ``None`` leaves that end open.

    >>> Window(date(2023, 1, 1), None).contains(date(2024, 5, 1))
    True
    >>> str(Window.parse("2023-01-01", "2023-06-30"))
    '2023-01-01..2023-06-30'
    """

    since: date | None = None
    until: date | None = None

    @classmethod
    def parse(cls, since: str | None = None, until: str | None = None) -> Window:
        """A window from ISO dates (``2024-03-31``); a KgError names a date that is not one."""
        window = cls(_parse_date(since, "since"), _parse_date(until, "until"))
        if window.since and window.until and window.since > window.until:
            raise KgError(f"the window starts ({window.since}) after it ends ({window.until})")
        return window

    @property
    def is_open(self) -> bool:
        """Whether neither end is bounded, so that every fact, dated or not, is inside."""
        return self.since is None and self.until is None

    def contains(self, day: date | None) -> bool:
        """Whether ``day`` lies in the window; an unknown day lies only in the open window."""
        if day is None:
            return self.is_open
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )

    def __str__(self) -> str:
        return f"{self.since or ''}..{self.until or ''}"


def _parse_date(text: str | None, name: str) -> date | None:
    if text is None:
        return None
    day = iso_date(text)
    if day is None or len(text) != 10:
        raise KgError(f"{name}: {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-03-31")
    return day


def layer(G: nx.MultiDiGraph, relations: str | Iterable[str]) -> nx.MultiDiGraph:
    """The edges of ``G`` whose relation (the edge's key) is in ``relations`` (a :data:`LAYERS`
    name, or several layer and relation names) and the entities they link.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("asml", "tsmc", key="suppliesTo")
    'suppliesTo'
    >>> G.add_edge("us", "china", key="sanctions")
    'sanctions'
    >>> G.add_edge("tsmc", "taiwan", key="headquarteredIn")
    'headquarteredIn'
    >>> sorted(layer(G, "supply")), sorted(layer(G, ["sanctions"]).edges(keys=True))
    (['asml', 'tsmc'], [('us', 'china', 'sanctions')])
    >>> sorted(layer(G, DEFAULT_LAYERS))
    ['asml', 'china', 'tsmc', 'us']
    """
    kept = relations_of(relations)
    return copy_of(G, None if kept == LAYERS["all"] else kept)


def cut_to(G: nx.MultiDiGraph, relations: str | Iterable[str]) -> nx.MultiDiGraph:
    """``G`` itself, cut to :func:`layer` ``(G, relations)``: the same nodes, edges and
    attributes in the same order, without a copy (a node's predecessors keep ``G``'s order,
    where a layer lists them in node order). For a graph nothing else holds, such as the one
    ``kg analyze`` has just read.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("asml", "tsmc", key="suppliesTo")
    'suppliesTo'
    >>> G.add_edge("us", "china", key="sanctions")
    'sanctions'
    >>> cut_to(G, "supply") is G, list(G)
    (True, ['asml', 'tsmc'])
    """
    kept = relations_of(relations)
    if kept != LAYERS["all"]:
        G.remove_edges_from([edge for edge in G.edges(keys=True) if edge[2] not in kept])
        G.remove_nodes_from([node for node, degree in G.degree() if degree == 0])
    return G


def copy_of(G: nx.MultiDiGraph, keys: Collection[str] | None = None) -> nx.MultiDiGraph:
    """A copy of ``G``, or of its edges with a key in ``keys`` and the nodes they link: what
    ``G.copy()`` and ``G.edge_subgraph(...).copy()`` give (the same order of nodes, edges and
    neighbours; attribute dicts copied, their values shared), made without networkx's
    filtered views, whose every lookup goes through several layers (at 100,000 entities a layer
    took 6-7 s that way).

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("us", "china", key="sanctions", count=2)
    'sanctions'
    >>> G.add_edge("asml", "tsmc", key="suppliesTo")
    'suppliesTo'
    >>> list(copy_of(G, {"sanctions"}).edges(keys=True, data=True))
    [('us', 'china', 'sanctions', {'count': 2})]
    """
    edges = [edge for edge in G.edges(keys=True, data=True) if keys is None or edge[2] in keys]
    linked = None if keys is None else {node for u, v, *_ in edges for node in (u, v)}
    copy = G.__class__()
    with collector_paused():
        copy.graph.update(G.graph)
        copy.add_nodes_from(
            (node, data) for node, data in G.nodes(data=True) if linked is None or node in linked
        )
        copy.add_edges_from(edges)
    return copy


def relations_of(relations: str | Iterable[str]) -> frozenset[str]:
    """The relations of a :data:`LAYERS` name, or of several layer and relation names; a name
    that is neither is a KgError with a suggestion.

    >>> sorted(relations_of(["people", "memberOf"]))
    ['leaderOf', 'memberOf', 'officialOf']
    """
    names = [relations] if isinstance(relations, str) else list(relations)
    chosen: set[str] = set()
    for name in names:
        if name in LAYERS:
            chosen |= LAYERS[name]
        elif name in RELATIONS:
            chosen.add(name)
        else:
            valid = list(LAYERS) if isinstance(relations, str) else [*LAYERS, *RELATIONS]
            what = "layer" if isinstance(relations, str) else "layer or relation"
            raise KgError(f"unknown {what} {name!r}{_hint(name, valid)}")
    return frozenset(chosen)


def parse_layers(text: str) -> tuple[str, ...]:
    """Layer and relation names from a comma-separated list (``--layers``), checked.

    >>> parse_layers("supply, structural")
    ('supply', 'structural')
    """
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    if not names:
        raise KgError(f"no layer in {text!r}; use one or more of {', '.join(LAYERS)}")
    relations_of(names)
    return names


def _hint(name: str, valid: Iterable[str]) -> str:
    valid = list(valid)
    close = difflib.get_close_matches(name, valid, n=1)
    return f"; did you mean {close[0]!r}?" if close else f"; use one of {', '.join(valid)}"


def window(G: nx.MultiDiGraph, span: Window) -> nx.MultiDiGraph:
    """The facts of ``G`` stated by articles dated within ``span``, and the entities they link.

    An edge is kept with the evidence from inside the window only (its count, dates and
    articles follow). Evidence from undated articles is outside every bounded window.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("us", "china", key="sanctions", **edge_attributes("sanctions", [
    ...     {"doc": "a", "date": "2023-03-01"}, {"doc": "b", "date": "2024-03-01"}]))
    'sanctions'
    >>> kept = window(G, Window.parse(since="2024-01-01"))
    >>> kept.edges["us", "china", "sanctions"]["articles"]
    ('b',)
    >>> window(G, Window.parse(until="2022-12-31")).number_of_edges()
    0
    """
    if span.is_open:
        return copy_of(G)
    kept = nx.MultiDiGraph()
    for u, v, key, attrs in G.edges(keys=True, data=True):
        inside = [
            ev for ev in attrs.get("evidence") or () if span.contains(iso_date(ev.get("date")))
        ]
        if inside:
            kept.add_edge(u, v, key=key, **{**attrs, **edge_attributes(key, inside)})
    for node in kept:
        kept.nodes[node].update(G.nodes[node])
    return kept


def neighbourhood(G: nx.MultiDiGraph, node: str, depth: int = 2) -> nx.MultiDiGraph:
    """The entities at most ``depth`` relations away from ``node`` (either direction), and every
    relation between them.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> sorted(neighbourhood(G, "a", depth=2))
    ['a', 'b', 'c']
    """
    if depth < 0:
        raise KgError(f"depth must be 0 or more, not {depth}")
    near = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), node, depth)
    return G.subgraph(near).copy()


def find_entity(G: nx.MultiDiGraph, name: str) -> str:
    """The node of ``G`` that ``name`` stands for: its IRI, ``ent:slug``, its label in any case
    or spelling that gives the same slug, or else the words of a label ("Micron" -> "Micron
    Technology"). None, or several, is a KgError that names the candidates.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node(str(ENT["micron-technology"]), label="Micron Technology")
    >>> find_entity(G, "micron") == find_entity(G, "ent:micron-technology") == str(
    ...     ENT["micron-technology"])
    True
    """
    if name in G:
        return name
    if name.startswith("ent:") and str(ENT[name.removeprefix("ent:")]) in G:
        return str(ENT[name.removeprefix("ent:")])
    wanted = slug(name)
    by_slug: dict[str, list[str]] = {}
    for node, label in G.nodes(data="label"):
        by_slug.setdefault(slug(str(label or node)), []).append(node)
    if wanted in by_slug:
        return _only(by_slug[wanted], name, G)
    words = re.compile(rf"(^|-){re.escape(wanted)}(-|$)")
    found = [node for key, nodes in by_slug.items() if words.search(key) for node in nodes]
    if not found:
        close = [by_slug[key][0] for key in difflib.get_close_matches(wanted, by_slug, n=3)]
        hint = f"; did you mean {', '.join(_labels(G, close))}?"
        raise KgError(f"no entity called {name!r} in the graph{hint if close else ''}")
    return _only(found, name, G)


def label_of(G: nx.MultiDiGraph, node: str) -> str:
    """The label of ``node``, else its id.

    >>> label_of(nx.MultiDiGraph([("a", "b")]), "a")
    'a'
    """
    return str(G.nodes[node].get("label") or node)


def type_of(G: nx.MultiDiGraph, node: str) -> str:
    """The class of ``node`` (``Entity`` when unknown)."""
    return str(G.nodes[node].get("type") or "Entity")


def _only(nodes: list[str], name: str, G: nx.MultiDiGraph) -> str:
    if len(nodes) > 1:
        raise KgError(f"{name!r} could be any of {', '.join(_labels(G, sorted(nodes)))}")
    return nodes[0]


def _labels(G: nx.MultiDiGraph, nodes: Iterable[str]) -> list[str]:
    return [repr(label_of(G, node)) for node in nodes]
