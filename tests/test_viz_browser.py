"""kg.viz's page in headless Chromium with the network cut off: drawn, complete and safe."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from browser_support import OfflinePage, open_offline, painted_fraction
from fixtures.analysis.supply_chain import extractions
from playwright.sync_api import Browser
from test_viz import (
    HOSTILE_EDGE,
    HOSTILE_LABEL,
    HOSTILE_NODE,
    HOSTILE_SENTENCE,
    HOSTILE_TEXTS,
    NODES,
    page_data,
    sample_graph,
)

from kg.analysis.centrality import scores
from kg.analysis.projection import entity_graph
from kg.rdf.build import build_graph
from kg.rdf.namespace import entity_iri
from kg.viz import to_html, write_html

pytestmark = [pytest.mark.slow, pytest.mark.browser]

# Where vis-network draws an edge's midpoint (on its curve) or a node, in page coordinates.
_POINT_OF = """([kind, id]) => {
    const point = kind === "node"
        ? network.getPositions([id])[id]
        : network.body.edges[id].edgeType.getPoint(0.5);
    const dom = network.canvasToDOM(point);
    const box = document.querySelector("#mynetwork canvas").getBoundingClientRect();
    return {x: box.left + dom.x, y: box.top + dom.y};
}"""
_TOOLTIP_SHOWN = """() => {
    const tip = document.querySelector("div.vis-tooltip");
    return tip !== null && tip.style.visibility === "visible" && tip.innerText.length > 0;
}"""


_DRAWN = "() => document.body.dataset.kgState === 'drawn'"


def open_drawn(browser: Browser, path: Path, **options: Any) -> OfflinePage:
    """Open the page offline (``options``: :func:`open_offline`'s) and wait until vis-network
    has drawn it once."""
    opened = open_offline(browser, path, **options)
    opened.page.wait_for_function(_DRAWN)
    return opened


@pytest.fixture
def view(offline_browser: Browser, tmp_path: Path) -> Iterator[OfflinePage]:
    """The sample graph's page, opened offline and drawn."""
    path = write_html(sample_graph(), tmp_path / "graph.html", title="Chips")
    with open_drawn(offline_browser, path) as opened:
        yield opened


def edge_id(view: OfflinePage, source: str, target: str, predicate: str) -> str:
    """The id of the line that draws the fact ``source`` ``predicate`` ``target``."""
    return view.page.evaluate(
        "([s, t, p]) => edges.get({filter: (e) => e.kg.facts.some((f) => f.from === s"
        " && f.to === t && f.predicate === p)})[0].id",
        [source, target, predicate],
    )


def pairs(G: nx.MultiDiGraph) -> int:
    """How many lines the page draws for ``G``: one a pair of linked entities."""
    return len({frozenset((u, v)) for u, v in G.edges()})


SHOWN_FACTS = (
    "() => edges.get({filter: (e) => !e.hidden})"
    ".flatMap((e) => e.kg.shown.map((f) => [f.from, f.to, f.predicate]))"
)
"""The facts the page shows, as [subject, predicate, object] lists."""


def hover(view: OfflinePage, kind: str, item: str) -> str:
    """Move the mouse onto a node or an edge and return the tooltip's text, as a user sees it."""
    point = view.page.evaluate(_POINT_OF, [kind, item])
    view.page.mouse.move(point["x"] - 30, point["y"] - 30)
    view.page.mouse.move(point["x"], point["y"], steps=5)
    view.page.wait_for_function(_TOOLTIP_SHOWN)
    return view.page.inner_text("div.vis-tooltip")


def click(view: OfflinePage, kind: str, item: str) -> None:
    point = view.page.evaluate(_POINT_OF, [kind, item])
    view.page.mouse.click(point["x"], point["y"])


def _keep(name: str, png: bytes) -> None:
    """Save a screenshot where CI keeps artifacts (``$KG_ARTIFACTS``), if it says where."""
    if artifacts := os.environ.get("KG_ARTIFACTS"):
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        (Path(artifacts) / name).write_bytes(png)


def test_page_runs_offline_without_errors(view: OfflinePage) -> None:
    assert view.blocked_requests == []
    assert view.errors == []


def test_network_holds_every_node_and_edge(view: OfflinePage) -> None:
    G = sample_graph()
    counts = view.page.evaluate(
        "() => [nodes.length, edges.length,"
        " network.body.nodeIndices.length, network.body.edgeIndices.length]"
    )
    assert counts == [len(G), pairs(G), len(G), pairs(G)]
    assert sorted(view.page.evaluate(SHOWN_FACTS)) == sorted(map(list, G.edges(keys=True)))
    assert set(view.page.evaluate("() => nodes.getIds()")) == set(G)


def test_every_node_is_drawn_inside_the_canvas(view: OfflinePage) -> None:
    outside = view.page.evaluate(
        """() => {
            const canvas = document.querySelector("#mynetwork canvas");
            const positions = network.getPositions();
            return Object.keys(positions).filter((id) => {
                const p = network.canvasToDOM(positions[id]);
                return !(p.x > 0 && p.y > 0 && p.x < canvas.clientWidth
                         && p.y < canvas.clientHeight);
            });
        }"""
    )
    assert view.page.evaluate("() => Object.keys(network.getPositions()).length") == 13
    assert outside == []


def test_edge_tooltip_shows_hostile_evidence_as_text(view: OfflinePage) -> None:
    shown = hover(view, "edge", edge_id(view, *HOSTILE_EDGE))
    assert HOSTILE_SENTENCE in shown
    assert HOSTILE_TEXTS[3] in shown
    assert view.page.locator("div.vis-tooltip img, div.vis-tooltip script").count() == 0
    assert view.page.evaluate("() => window.__xss") is None
    assert view.errors == []


def test_node_tooltip_shows_label_class_and_country(view: OfflinePage) -> None:
    shown = hover(view, "node", HOSTILE_NODE)
    assert shown.splitlines() == [HOSTILE_LABEL, "class: Organization", "country: Japan"]
    assert view.page.evaluate("() => window.__xss") is None


@pytest.mark.parametrize(
    ("edge", "links"),
    [
        (HOSTILE_EDGE, []),
        (
            ("urn:kg:United_States", "urn:kg:China", "restrictsExportsTo"),
            ["https://news.example/a6"],
        ),
    ],
)
def test_clicking_an_edge_pins_its_evidence_with_only_http_links(
    view: OfflinePage, edge: tuple[str, str, str], links: list[str]
) -> None:
    click(view, "edge", edge_id(view, *edge))
    details = view.page.locator("#kg-details")
    details.wait_for(state="visible")
    assert details.locator("li").count() == len(sample_graph().edges[edge]["evidence"])
    hrefs = details.locator("a").evaluate_all("(links) => links.map((a) => a.href)")
    assert hrefs == links
    assert view.page.evaluate("() => window.__xss") is None


def test_screenshot_shows_the_graph(view: OfflinePage, tmp_path: Path) -> None:
    shot = view.page.screenshot(path=tmp_path / "graph.png", full_page=True)
    _keep("graph.png", shot)
    drawing = view.page.locator("#mynetwork canvas").screenshot()
    assert painted_fraction(view.page, shot) > 0.005
    # The canvas alone, so that the legend's text does not count as a drawn graph.
    assert painted_fraction(view.page, drawing) > 0.005
    legend = view.page.inner_text("#kg-legend")
    assert re.findall(r"\w+", legend) == [
        "Country", "Company", "GovernmentBody", "Alliance",
        "Person", "Product", "Organization", "Place",
    ]  # fmt: skip


def test_page_opens_still_where_python_placed_the_nodes(view: OfflinePage) -> None:
    placed = {n["id"]: {"x": n["x"], "y": n["y"]} for n in page_data(to_html(sample_graph(),
              title="Chips"))["nodes"]}  # fmt: skip
    before = view.page.evaluate("() => network.getPositions()")
    assert before == placed
    assert view.page.evaluate("() => network.physics.options.enabled") is False
    view.page.wait_for_timeout(300)
    assert view.page.evaluate("() => network.getPositions()") == before
    status = view.page.inner_text("#kg-status")
    assert status == f"{len(NODES)} of {len(NODES)} entities, 12 of 12 relations shown"


def test_relax_turns_the_physics_on_and_off(view: OfflinePage) -> None:
    before = view.page.evaluate("() => network.getPositions()")
    relax = view.page.locator("#kg-relax")
    assert (relax.inner_text(), relax.get_attribute("aria-pressed")) == ("Relax", "false")
    relax.click()
    assert view.page.evaluate("() => network.physics.options.enabled") is True
    assert relax.get_attribute("aria-pressed") == "true"
    view.page.wait_for_function(
        "(before) => Object.entries(network.getPositions()).some(([id, p]) =>"
        " p.x !== before[id].x || p.y !== before[id].y)",
        arg=before,
    )
    relax.click()
    assert view.page.evaluate("() => network.physics.options.enabled") is False
    assert (relax.inner_text(), relax.get_attribute("aria-pressed")) == ("Relax", "false")
    still = view.page.evaluate("() => network.getPositions()")
    view.page.wait_for_timeout(300)
    assert view.page.evaluate("() => network.getPositions()") == still
    assert view.errors == []


A1_URL = "https://news.example/a1"


def test_evidence_names_its_article_by_number_and_the_panel_shows_it(
    view: OfflinePage,
) -> None:
    """Japan backs Micron (a1) backs two facts: one row of the articles table serves both."""
    data = page_data(to_html(sample_graph(), title="Chips"))
    a1 = [i for i, article in enumerate(data["articles"]) if article.get("url") == A1_URL]
    assert len(a1) == 1
    cited = [ev for e in data["edges"] for ev in e["evidence"] if ev.get("article") == a1[0]]
    assert len(cited) == 2 and all(set(ev) <= {"text", "context", "article", "confidence"}
                                   for ev in cited)  # fmt: skip
    click(view, "edge", edge_id(view, "urn:kg:Japan", "urn:kg:Micron", "partnersWith"))
    details = view.page.locator("#kg-details")
    details.wait_for(state="visible")
    assert "Japan backs Micron \u00b7 2024-05-01 \u00b7 confidence 0.80" in details.inner_text()
    links = details.locator("a").evaluate_all("(links) => links.map((a) => a.href)")
    assert links.count(A1_URL) == 2  # subsidises and partnersWith, one line


def test_a_pair_with_three_facts_is_one_line_with_the_count_and_lists_all_three(
    view: OfflinePage, tmp_path: Path
) -> None:
    """Japan subsidises Micron and partners with it, Micron partners with Japan: one line."""
    line = edge_id(view, "urn:kg:Japan", "urn:kg:Micron", "subsidises")
    for fact in (("urn:kg:Japan", "urn:kg:Micron"), ("urn:kg:Micron", "urn:kg:Japan")):
        assert edge_id(view, *fact, "partnersWith") == line
    drawn = view.page.evaluate(
        "(id) => [edges.get(id).label, network.body.edges[id].options.label,"
        " edges.get({filter: (e) => [e.from, e.to].sort().join() === "
        "['urn:kg:Japan', 'urn:kg:Micron'].join()}).length]",
        line,
    )
    assert drawn == ["3 facts", "3 facts", 1]
    arrows = view.page.evaluate(
        "(id) => [network.body.edges[id].options.arrows.to.enabled,"
        " network.body.edges[id].options.arrows.from.enabled]",
        line,
    )
    assert arrows == [True, True]  # facts point both ways
    click(view, "edge", line)
    details = view.page.locator("#kg-details")
    details.wait_for(state="visible")
    assert details.locator("strong").first.inner_text() == "Japan \u2014 Micron Technology: 3 facts"
    assert details.locator(".kg-fact").all_inner_texts() == [
        "Japan \u2014 subsidises \u2192 Micron Technology",
        "Japan \u2014 partnersWith \u2192 Micron Technology",
        "Micron Technology \u2014 partnersWith \u2192 Japan",
    ]
    shown = details.inner_text()
    G = sample_graph()
    evidence = [ev for u, v, attrs in G.edges(data=True) if {u, v} == {"urn:kg:Japan",
                "urn:kg:Micron"} for ev in attrs["evidence"]]  # fmt: skip
    assert len(evidence) == 4 and details.locator("li").count() == 4
    for ev in evidence:
        assert ev["text"] in shown
    _keep("bundle-panel.png", view.page.screenshot(path=tmp_path / "bundle.png"))
    # Relations off: the line shows what is left, recounted, and goes when nothing is.
    view.page.locator("summary", has_text="Relations").click()
    view.page.locator('input[name="predicate"][value="subsidises"]').uncheck()
    assert view.page.evaluate("(id) => [edges.get(id).label, edges.get(id).hidden]", line) == [
        "partnersWith \u00d72",
        False,
    ]
    assert hover(view, "edge", line).count("partnersWith") == 2
    view.page.locator('input[name="predicate"][value="partnersWith"]').uncheck()
    assert view.page.evaluate("(id) => edges.get(id).hidden", line) is True
    view.page.locator('input[name="predicate"][value="subsidises"]').check()
    assert view.page.evaluate("(id) => [edges.get(id).label, edges.get(id).hidden]", line) == [
        "subsidises",
        False,
    ]
    assert view.page.inner_text("#kg-status").endswith(" 9 of 12 relations shown")


@pytest.mark.parametrize(
    ("text", "selected", "found"),
    [
        ("Micron Technology", ["urn:kg:Micron"], "1 found"),
        ("micron", ["urn:kg:Micron"], "1 found"),
        ("ja", ["urn:kg:Japan"], "1 found"),
        ("an", None, None),  # Japan, Gina Raimondo, Ministry ...: several
        ("Atlantis", [], "not found"),
    ],
)
def test_search_selects_and_shows_entities(
    view: OfflinePage, text: str, selected: list[str] | None, found: str | None
) -> None:
    search = view.page.locator("#kg-search")
    search.fill(text)
    search.press("Enter")
    chosen = view.page.evaluate("() => network.getSelectedNodes()")
    labels = dict(view.page.evaluate("() => nodes.get().map((n) => [n.id, n.kg.label])"))
    if selected is None:
        assert len(chosen) > 1 and all(text in labels[node].lower() for node in chosen)
        assert view.page.inner_text("#kg-found") == f"{len(chosen)} found"
        return
    assert chosen == selected
    assert view.page.inner_text("#kg-found") == found
    if selected:
        assert view.page.locator("#kg-details strong").inner_text() == labels[selected[0]]
        assert view.page.evaluate("() => network.getScale()") <= 1  # neighbours in view


def test_filters_hide_classes_and_relations(view: OfflinePage) -> None:
    G = sample_graph()
    view.page.locator("summary", has_text="Classes").click()
    view.page.locator('input[name="class"][value="Country"]').uncheck()
    view.page.locator("summary", has_text="Relations").click()
    view.page.locator('input[name="predicate"][value="subsidises"]').uncheck()
    hidden_nodes = view.page.evaluate("() => nodes.get({filter: (n) => n.hidden}).map((n) => n.id)")
    countries = {node for node, (_, cls, _) in NODES.items() if cls == "Country"}
    assert set(hidden_nodes) == countries
    shown_edges = view.page.evaluate(SHOWN_FACTS)
    expected = [
        [u, v, key]
        for u, v, key in G.edges(keys=True)
        if key != "subsidises" and not {u, v} & countries
    ]
    assert sorted(shown_edges) == sorted(expected)
    assert view.page.inner_text("#kg-status") == (
        f"{len(G) - len(countries)} of {len(G)} entities, "
        f"{len(expected)} of {G.number_of_edges()} relations shown"
    )
    view.page.locator('input[name="class"][value="Country"]').check()
    assert view.page.evaluate("() => nodes.get({filter: (n) => n.hidden}).length") == 0


def test_reduced_graph_draws_its_top_nodes_with_a_note(
    offline_browser: Browser, tmp_path: Path
) -> None:
    G = sample_graph()
    sizes = {node: float(len(label)) for node, (label, _, _) in NODES.items()}
    path = write_html(G, tmp_path / "top.html", sizes=sizes, max_nodes=6, focus="urn:kg:Quad")
    kept = {"urn:kg:Quad", *sorted(G, key=lambda n: (-sizes[n], NODES[n][0], n))[:5]}
    with open_drawn(offline_browser, path) as opened:
        assert opened.errors == []
        assert set(opened.page.evaluate("() => nodes.getIds()")) == kept
        drawn = opened.page.evaluate("() => network.body.edgeIndices.length")
        assert drawn == pairs(G.subgraph(kept))
        assert opened.page.locator("#kg-note").is_visible()
        assert "Showing the 6 most central of 13 entities" in opened.page.inner_text("#kg-note")
        assert opened.page.evaluate("() => network.getSelectedNodes()") == ["urn:kg:Quad"]
        assert opened.page.locator("#kg-details strong").inner_text() == "Quad"


def test_projected_graph_shows_an_edges_evidence_and_dates(
    offline_browser: Browser, tmp_path: Path
) -> None:
    """The whole path: extractions -> RDF -> entity graph -> page, every entity and relation."""
    G = entity_graph(build_graph(extractions()))
    path = write_html(G, tmp_path / "chips.html", title="Chips", sizes=scores(G, "pagerank"))
    with open_drawn(offline_browser, path) as opened:
        assert opened.errors == [] and opened.blocked_requests == []
        counts = opened.page.evaluate(
            "() => [network.body.nodeIndices.length, network.body.edgeIndices.length]"
        )
        assert counts == [len(G), pairs(G)]
        us, huawei = str(entity_iri("United States")), str(entity_iri("Huawei"))
        click(opened, "edge", edge_id(opened, us, huawei, "sanctions"))
        details = opened.page.locator("#kg-details")
        details.wait_for(state="visible")
        shown = details.inner_text()
        assert "conflictual \u00b7 2 evidence \u00b7 seen 2023-09-15 \u2013 2024-02-01" in shown
        for item in G.edges[us, huawei, "sanctions"]["evidence"]:
            assert item["text"] in shown
        assert details.locator("a").evaluate_all("(links) => links.map((a) => a.href)") == [
            "https://news.example/a-2023-09",
            "https://news.example/a-2024-02",
        ]
        shot = opened.page.screenshot(path=tmp_path / "chips.png")
        _keep("chips.png", shot)
        assert painted_fraction(opened.page, shot) > 0.005


def test_offline_page_records_every_request_that_would_leave(
    offline_browser: Browser, tmp_path: Path
) -> None:
    """The guard the tests above rely on: it sees (and stops) what a page tries to fetch."""
    leaky = tmp_path / "leaky.html"
    leaky.write_text(
        '<link rel="stylesheet" href="https://cdn.example/x.css">'
        '<script src="http://cdn.example/x.js"></script><img src="https://img.example/a.png">'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        "<script>fetch('https://api.example/q').catch(() => { window.__fetchFailed = true; });"
        " new WebSocket('wss://ws.example/s').onerror = () => { window.__wsFailed = true; };"
        "</script>",
        encoding="utf-8",
    )
    with open_offline(offline_browser, leaky) as opened:
        opened.page.wait_for_function("() => window.__fetchFailed && window.__wsFailed")
        assert sorted(opened.blocked_requests) == [
            "http://cdn.example/x.js",
            "https://api.example/q",
            "https://cdn.example/x.css",
            "https://img.example/a.png",
            "wss://ws.example/s",
        ]
        assert opened.console_errors
