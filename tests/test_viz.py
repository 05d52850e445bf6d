"""kg.viz without a browser: the page is self-contained, escapes graph text and is deterministic."""

from __future__ import annotations

import json
import os
import re
import stat
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.model import ENTITY_TYPES
from kg.rdf.namespace import POLARITY
from kg.viz import CLASS_STYLES, POLARITY_STYLES, show, to_html, write_html

XSS_IMG = '<img src=x onerror="window.__xss=1">'
HOSTILE_TEXTS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    XSS_IMG,
    "</script><script>window.__xss=1</script>",
)
HOSTILE_NODE = "urn:kg:Rapidus"
HOSTILE_LABEL = f"Rapidus {XSS_IMG} href"
"""Contains "href": pyvis switches to an innerHTML popup when a node title contains it."""
HOSTILE_EDGE = ("urn:kg:Netherlands", "urn:kg:China", "restrictsExportsTo")
HOSTILE_SENTENCE = f"The Netherlands {HOSTILE_TEXTS[0]} curbs {XSS_IMG} exports to China."

NODES = {
    "urn:kg:Japan": ("Japan", "Country", None),
    "urn:kg:United_States": ("United States", "Country", None),
    "urn:kg:Netherlands": ("Netherlands", "Country", None),
    "urn:kg:China": ("China", "Country", None),
    "urn:kg:Micron": ("Micron Technology", "Company", "United States"),
    "urn:kg:ASML": ("ASML", "Company", "Netherlands"),
    "urn:kg:TSMC": ("TSMC", "Company", "Taiwan"),
    "urn:kg:METI": ("Ministry of Economy, Trade and Industry", "GovernmentBody", "Japan"),
    "urn:kg:Quad": ("Quad", "Alliance", None),
    "urn:kg:Raimondo": ("Gina Raimondo", "Person", "United States"),
    "urn:kg:HBM": ("high-bandwidth memory", "Product", None),
    HOSTILE_NODE: (HOSTILE_LABEL, "Organization", "Japan"),
    "urn:kg:Hiroshima": ("Hiroshima", "Place", "Japan"),
}


def evidence(text: str, doc: str, url: str | None = None, title: str | None = None) -> dict:
    return {
        "text": text,
        "doc": doc,
        "title": title,
        "url": url,
        "date": "2024-05-01" if title else None,
        "confidence": 0.8,
        "start": 0,
        "end": len(text),
    }


EDGES = [
    # Japan and Micron: two parallel edges one way and one the other way.
    ("urn:kg:Japan", "urn:kg:Micron", "subsidises", [
        evidence("Japan subsidises Micron's Hiroshima plant.", "a1", "https://news.example/a1",
                 "Japan backs Micron"),
        evidence("Tokyo granted Micron up to 192 billion yen.", "a2"),
    ]),
    ("urn:kg:Japan", "urn:kg:Micron", "partnersWith", [
        evidence("Japan and Micron agreed to cooperate on memory chips.", "a1",
                 "https://news.example/a1", "Japan backs Micron"),
    ]),
    ("urn:kg:Micron", "urn:kg:Japan", "partnersWith", [
        evidence("Micron partners with Japan.", "a3", "http://news.example/a3", "Micron and Japan"),
    ]),
    (*HOSTILE_EDGE, [
        evidence(HOSTILE_SENTENCE, "a4", "javascript:alert(1)", f"Export curbs {HOSTILE_TEXTS[1]}"),
        evidence(HOSTILE_TEXTS[3], "a5", " JavaScript:window.__xss=1"),
    ]),
    ("urn:kg:United_States", "urn:kg:China", "restrictsExportsTo", [
        evidence("The United States restricts chip exports to China.", "a6",
                 "https://news.example/a6", "New rules"),
    ]),
    ("urn:kg:ASML", "urn:kg:TSMC", "suppliesTo", [
        evidence("ASML supplies lithography machines to TSMC.", "a7"),
    ]),
    ("urn:kg:METI", HOSTILE_NODE, "subsidises", [
        evidence(f"METI subsidises Rapidus {HOSTILE_TEXTS[2]}.", "a8", "data:text/html,x"),
    ]),
    ("urn:kg:Japan", "urn:kg:Quad", "memberOf", [evidence("Japan is a Quad member.", "a9")]),
    ("urn:kg:Raimondo", "urn:kg:United_States", "represents", [
        evidence("Commerce Secretary Gina Raimondo spoke for the US.", "a6"),
    ]),
    ("urn:kg:Micron", "urn:kg:HBM", "produces", [evidence("Micron makes HBM.", "a2")]),
    ("urn:kg:Micron", "urn:kg:Hiroshima", "locatedIn", [
        evidence("Micron's fab is in Hiroshima.", "a1"),
    ]),
    ("urn:kg:TSMC", "urn:kg:Japan", "partnersWith", [evidence("TSMC builds in Japan.", "a10")]),
]  # fmt: skip


def sample_graph() -> nx.MultiDiGraph:
    """A dozen entities of every class, parallel edges and hostile text in labels and evidence."""
    G = nx.MultiDiGraph()
    for node, (label, cls, country) in NODES.items():
        G.add_node(node, label=label, type=cls, country=country, qid=None)
    for source, target, predicate, found in EDGES:
        G.add_edge(
            source,
            target,
            key=predicate,
            predicate=predicate,
            polarity=POLARITY.get(predicate),
            evidence=found,
        )
    return G


def page_data(page: str) -> dict[str, Any]:
    """The graph the page draws: the JSON in its ``kg-data`` script element."""
    match = re.search(
        r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL
    )
    assert match, "no kg-data in the page"
    return json.loads(match.group(1))


def vis_data(page: str, name: str) -> Any:
    """The ``nodes`` or ``edges`` records of the page's data."""
    return page_data(page)[name]


def drawn_edges(page: str) -> list[dict[str, Any]]:
    """The page's edges with their ends as node ids, their style and articles resolved, as the
    page's script makes them for vis-network."""
    data = page_data(page)
    ids = [node["id"] for node in data["nodes"]]
    return [
        edge
        | data["relations"][edge["predicate"]]
        | {
            "from": ids[edge["from"]],
            "to": ids[edge["to"]],
            "evidence": [
                ev | data["articles"][ev["article"]] if "article" in ev else ev
                for ev in edge["evidence"]
            ],
        }
        for edge in data["edges"]
    ]


def vis_options(page: str) -> dict:
    return page_data(page)["options"]


class References(HTMLParser):
    """Collects every URL the markup makes the browser load or link to."""

    URL_ATTRIBUTES = frozenset({"src", "href", "srcset", "poster", "data", "action", "background"})

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [(tag, value or "") for name, value in attrs if name in self.URL_ATTRIBUTES]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


@pytest.fixture(scope="module")
def page() -> str:
    return to_html(sample_graph(), title="Chips")


def test_page_loads_nothing_from_outside(page: str) -> None:
    refs = References()
    refs.feed(page)
    external = [(tag, url) for tag, url in refs.urls if re.match(r"\s*(https?:)?//", url, re.I)]
    assert external == []
    css_urls = re.findall(r"url\(\s*['\"]?([^'\")]*)", "".join(refs.styles))
    assert css_urls, "the inlined vis-network stylesheet should have been seen"
    assert all(url.startswith("data:") for url in css_urls)
    assert "@import" not in "".join(refs.styles)
    assert "sourceMappingURL" not in page


def test_every_label_and_sentence_reaches_the_page_as_data(page: str) -> None:
    G = sample_graph()
    nodes = {record["id"]: record for record in vis_data(page, "nodes")}
    assert {node: record["label"] for node, record in nodes.items()} == {
        node: label for node, (label, _, _) in NODES.items()
    }
    edges = vis_data(page, "edges")
    shown = sorted(ev["text"] for edge in edges for ev in edge["evidence"])
    assert shown == sorted(ev["text"] for *_, found in G.edges(data="evidence") for ev in found)


@pytest.mark.parametrize("text", [*HOSTILE_TEXTS, HOSTILE_LABEL, HOSTILE_SENTENCE])
def test_hostile_text_never_appears_unescaped(page: str, text: str) -> None:
    assert text not in page


@pytest.mark.parametrize("title", HOSTILE_TEXTS)
def test_page_title_is_html_escaped(title: str) -> None:
    import html

    page = to_html(nx.MultiDiGraph(), title=title)
    assert title not in page
    assert f"<title>{html.escape(title)}</title>" in page
    assert f"<h1>{html.escape(title)}</h1>" in page


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://news.example/a?b=1&c=2", True),
        ("http://news.example/a", True),
        ("HTTPS://NEWS.EXAMPLE/", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("//news.example/a", False),
        ("ftp://news.example/a", False),
        ("https:news.example", False),
        (None, False),
    ],
)
def test_only_http_urls_become_links(url: str | None, kept: bool) -> None:
    G = nx.MultiDiGraph()
    G.add_edge("urn:a", "urn:b", key="suppliesTo", predicate="suppliesTo",
               evidence=[evidence("A supplies B.", "d1", url)])  # fmt: skip
    (edge,) = drawn_edges(to_html(G))
    shown = edge["evidence"][0].get("url")
    assert (shown is not None) == kept
    if kept:
        assert shown.lower() == url.lower()


def test_classes_have_distinct_colours_and_a_legend(page: str) -> None:
    assert set(CLASS_STYLES) == set(ENTITY_TYPES)
    assert len({style.color for style in CLASS_STYLES.values()}) == len(CLASS_STYLES)
    classes = page_data(page)["classes"]
    assert set(classes) == {record["type"] for record in vis_data(page, "nodes")}
    for cls, drawn in classes.items():
        assert (drawn["color"], drawn["shape"]) == tuple(CLASS_STYLES[cls][:2])
    legend = re.search(r'<ul class="kg-legend" id="kg-legend">.*?</ul>', page, re.S).group()
    shown = re.findall(r'style="color:(#[0-9a-f]{6})">.</span>(\w+)</li>', legend)
    assert shown == [(CLASS_STYLES[cls].color, cls) for cls in ENTITY_TYPES]


def test_edges_are_coloured_by_polarity_and_conflict_is_dashed(page: str) -> None:
    assert set(POLARITY_STYLES) == set(POLARITY.values())
    for edge in drawn_edges(page):
        polarity = POLARITY.get(edge["predicate"])
        assert edge["polarity"] == polarity
        if polarity is None:  # not one of kg's relations
            assert edge["color"] not in {s.color for s in POLARITY_STYLES.values()}
        else:
            style = POLARITY_STYLES[polarity]
            assert (edge["color"], edge["dashes"]) == (style.color, style.dashes)
    legend = re.search(r'<ul class="kg-legend" id="kg-polarity">.*?</ul>', page, re.S).group()
    assert re.findall(r"border-top-style:(\w+)\"></span>(\w+)</li>", legend) == [
        ("solid", "cooperative"),
        ("dashed", "conflictual"),
        ("solid", "structural"),
    ]


def test_edges_widen_with_their_evidence(page: str) -> None:
    widths = {len(e["evidence"]): e["width"] for e in vis_data(page, "edges")}
    assert widths[1] < widths[2]
    assert min(widths.values()) == 1.0


def test_filters_offer_the_classes_and_relations_present(page: str) -> None:
    def boxes(name: str) -> list[str]:
        return re.findall(rf'<input type="checkbox" name="{name}" value="(\w+)" checked>', page)

    assert boxes("class") == list(ENTITY_TYPES)
    assert boxes("predicate") == sorted({predicate for _, _, predicate, _ in EDGES})
    assert 'id="kg-search"' in page


@pytest.mark.parametrize(("max_nodes", "shown"), [(5, 5), (13, 13), (None, 13)])
def test_large_graphs_keep_their_most_central_nodes_and_say_so(
    max_nodes: int | None, shown: int
) -> None:
    G = sample_graph()
    sizes = {node: index for index, node in enumerate(sorted(G))}
    page = to_html(G, sizes=sizes, max_nodes=max_nodes)
    kept = {record["id"] for record in vis_data(page, "nodes")}
    assert kept == set(sorted(G, key=sizes.__getitem__)[-shown:])
    edges = drawn_edges(page)
    assert len(edges) == G.subgraph(kept).number_of_edges()
    assert all(e["from"] in kept and e["to"] in kept for e in edges)
    note = re.search(r'<p class="kg-note" id="kg-note">(.*?)</p>', page)
    if shown < len(G):
        assert note is not None
        assert f"Showing the {shown} most central of 13 entities" in note.group(1)
        assert f"the {len(edges)} of {G.number_of_edges()} relations" in note.group(1)
        assert "--max-nodes" in note.group(1)
    else:
        assert note is None


def test_focus_is_kept_however_small(page: str) -> None:
    G = sample_graph()
    sizes = dict.fromkeys(G, 1.0) | {"urn:kg:Quad": 0.0}
    data = page_data(to_html(G, sizes=sizes, max_nodes=3, focus="urn:kg:Quad"))
    assert "urn:kg:Quad" in {record["id"] for record in data["nodes"]}
    assert (len(data["nodes"]), data["focus"]) == (3, "urn:kg:Quad")


def test_focus_must_be_in_the_graph() -> None:
    from kg.errors import KgError

    with pytest.raises(KgError, match="'urn:kg:Atlantis' is not an entity of the graph"):
        to_html(sample_graph(), focus="urn:kg:Atlantis")


def test_notebook_view_embeds_the_whole_page_escaped() -> None:
    import html

    inline = show(sample_graph(), title="Chips")._repr_html_()
    srcdoc = re.fullmatch(
        r'<iframe srcdoc="([^"]*)" style="[^"]*" sandbox="[^"]*"></iframe>', inline
    )
    assert srcdoc is not None
    assert html.unescape(srcdoc.group(1)) == to_html(sample_graph(), title="Chips")
    assert "allow-same-origin" not in inline  # the page cannot reach the notebook


@pytest.mark.parametrize("node_type", [None, "Spaceship"])
def test_nodes_of_unknown_class_are_drawn_as_untyped(node_type: str | None) -> None:
    G = nx.MultiDiGraph()
    G.add_node("urn:x", label="X", type=node_type)
    G.add_node("urn:jp", label="Japan", type="Country")
    page = to_html(G)
    classes = page_data(page)["classes"]
    colours = {cls: classes[cls]["color"] for cls in {r["type"] for r in vis_data(page, "nodes")}}
    assert set(colours) == {"untyped", "Country"}
    assert colours["untyped"] not in {style.color for style in CLASS_STYLES.values()}
    assert ">untyped</li>" in page


def test_sizes_order_the_nodes() -> None:
    G = sample_graph()
    centrality = nx.degree_centrality(nx.Graph(G))
    sizes = {r["id"]: r["size"] for r in vis_data(to_html(G, sizes=centrality), "nodes")}
    by_centrality = sorted(G, key=centrality.__getitem__)
    assert [sizes[node] for node in by_centrality] == sorted(sizes.values())
    assert sizes[by_centrality[0]] < sizes[by_centrality[-1]]


def test_without_sizes_nodes_are_equal_and_missing_ones_smallest() -> None:
    G = sample_graph()
    plain = {r["size"] for r in vis_data(to_html(G), "nodes")}
    assert len(plain) == 1
    partial = {r["id"]: r["size"] for r in vis_data(to_html(G, sizes={HOSTILE_NODE: 5}), "nodes")}
    assert partial[HOSTILE_NODE] == max(partial.values())
    assert len(set(partial.values())) == 2


def test_layout_is_fixed_by_the_seed(page: str) -> None:
    assert to_html(sample_graph(), title="Chips") == page
    positions = {r["id"]: (r["x"], r["y"]) for r in vis_data(page, "nodes")}
    assert len(set(positions.values())) == len(NODES)
    other = to_html(sample_graph(), title="Chips", seed=1)
    assert {r["id"]: (r["x"], r["y"]) for r in vis_data(other, "nodes")} != positions
    assert page_data(page)["focus"] is None


def _chain(length: int, parts: int = 1) -> nx.MultiDiGraph:
    """``parts`` separate paths of ``length`` companies each."""
    G = nx.MultiDiGraph()
    for part in range(parts):
        nodes = [f"urn:p{part}:n{index}" for index in range(length)]
        for node in nodes:
            G.add_node(node, label=node.rsplit(":", 1)[-1], type="Company")
        for u, v in pairwise(nodes):
            G.add_edge(u, v, key="suppliesTo", predicate="suppliesTo", evidence=[])
    return G


def test_nodes_start_near_their_neighbours_in_every_part_of_the_graph() -> None:
    """More parts than the spring-laid backbone holds: each still starts in one piece."""
    G = _chain(3, parts=120)
    nodes = {r["id"]: (r["x"], r["y"]) for r in vis_data(to_html(G, max_nodes=None), "nodes")}
    assert set(nodes) == set(G)
    assert len(set(nodes.values())) == len(G)
    for u, v in G.edges():
        (x1, y1), (x2, y2) = nodes[u], nodes[v]
        assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 < 400


@pytest.mark.parametrize("size", [10, 1_000, 20_000])
def test_physics_is_off_when_the_page_opens(size: int) -> None:
    from kg.viz import layout

    physics = layout.vis_options(size)["physics"]
    assert (physics["enabled"], physics["stabilization"]["enabled"]) == (False, False)


def test_the_facts_of_one_pair_are_one_bundle_however_they_point(page: str) -> None:
    data = page_data(page)
    edges = drawn_edges(page)
    assert len(edges) == len(EDGES)  # every fact keeps its own record and evidence
    bundles = data["bundles"]
    assert sorted(n for bundle in bundles for n in bundle) == list(range(len(EDGES)))
    pairs = [{frozenset((edges[n]["from"], edges[n]["to"])) for n in bundle} for bundle in bundles]
    assert all(len(pair) == 1 for pair in pairs)  # one pair a bundle ...
    assert len({next(iter(pair)) for pair in pairs}) == len(bundles)  # ... and a bundle a pair
    japan_micron = next(b for b, pair in zip(bundles, pairs, strict=True)
                        if pair == {frozenset(("urn:kg:Japan", "urn:kg:Micron"))})  # fmt: skip
    assert [(edges[n]["from"], edges[n]["predicate"], len(edges[n]["evidence"]))
            for n in japan_micron] == [("urn:kg:Japan", "subsidises", 2),
                                       ("urn:kg:Japan", "partnersWith", 1),
                                       ("urn:kg:Micron", "partnersWith", 1)]  # fmt: skip
    assert all("curve" not in edge for edge in data["edges"])


def test_a_pair_with_facts_of_several_polarities_adds_mixed_to_the_legend(page: str) -> None:
    def legend(markup: str) -> list[str]:
        found = re.search(r'<ul class="kg-legend" id="kg-polarity">.*?</ul>', markup, re.S)
        assert found
        return re.findall(r"</span>(\w+)</li>", found.group())

    assert legend(page) == ["cooperative", "conflictual", "structural"]
    G = sample_graph()
    G.add_edge("urn:kg:Japan", "urn:kg:Micron", key="sanctions", predicate="sanctions")
    assert legend(to_html(G)) == ["cooperative", "conflictual", "structural", "mixed"]


def test_edges_are_labelled_by_predicate(page: str) -> None:
    labels = sorted((e["from"], e["to"], e["predicate"]) for e in drawn_edges(page))
    assert labels == sorted((source, target, predicate) for source, target, predicate, _ in EDGES)


@pytest.mark.parametrize("target", ["graph.html", "out/graph.html"])
def test_write_html_writes_only_the_target(
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    write_html(sample_graph(), target, title="Chips")
    written = write_html(sample_graph(), target, title="Chips")  # replaces the first one
    assert written == Path(target)
    files = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert files == [os.path.normpath(target)]
    assert written.read_text(encoding="utf-8") == to_html(sample_graph(), title="Chips")
    plain_file = tmp_path_factory.mktemp("reference") / "plain.html"
    plain_file.write_text("")
    assert stat.S_IMODE(written.stat().st_mode) == stat.S_IMODE(plain_file.stat().st_mode)


def test_an_article_is_written_once_however_many_facts_it_backs() -> None:
    G = nx.MultiDiGraph()
    for number in range(5):
        G.add_edge("urn:a", f"urn:b{number}", key="suppliesTo", predicate="suppliesTo",
                   evidence=[evidence(f"A supplies B{number}.", "d1", "https://news.example/d1",
                                      "One long report")])  # fmt: skip
    page = to_html(G)
    assert page.count("https://news.example/d1") == 1
    assert page.count("One long report") == 1
    data = page_data(page)
    assert data["articles"] == [{"doc": "d1", "title": "One long report", "date": "2024-05-01",
                                 "url": "https://news.example/d1"}]  # fmt: skip
    assert [ev["article"] for e in data["edges"] for ev in e["evidence"]] == [0] * 5


def test_the_layout_keeps_linked_entities_together() -> None:
    """Two rings of 12 companies tied by one edge: each ring apart from the other."""
    G = nx.MultiDiGraph()
    rings = [[f"urn:r{ring}:n{n}" for n in range(12)] for ring in range(2)]
    for ring in rings:
        for u, v in zip(ring, ring[1:] + ring[:1], strict=True):
            G.add_edge(u, v, key="suppliesTo", predicate="suppliesTo", evidence=[])
    G.add_edge(rings[0][0], rings[1][0], key="partnersWith", predicate="partnersWith")
    at = {r["id"]: (r["x"], r["y"]) for r in vis_data(to_html(G), "nodes")}

    def centre(ring: list[str]) -> tuple[float, float]:
        return (sum(at[n][0] for n in ring) / 12, sum(at[n][1] for n in ring) / 12)

    (x0, y0), (x1, y1) = centre(rings[0]), centre(rings[1])
    apart = ((x0 - x1) ** 2 + (y0 - y1) ** 2) ** 0.5
    for ring, (x, y) in ((rings[0], (x0, y0)), (rings[1], (x1, y1))):
        assert max(((at[n][0] - x) ** 2 + (at[n][1] - y) ** 2) ** 0.5 for n in ring) < apart


def test_no_edge_is_level() -> None:
    """vis-network draws the label of a level edge drawn right to left at the origin."""
    G = _chain(4, parts=3)
    at = {r["id"]: r["y"] for r in vis_data(to_html(G), "nodes")}
    assert all(at[u] != at[v] for u, v in G.edges())
