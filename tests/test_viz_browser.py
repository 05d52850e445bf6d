"""kg.viz's page in headless Chromium with the network cut off: drawn, complete and safe."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import OfflinePage, open_offline, painted_fraction
from playwright.sync_api import Browser
from test_viz import (
    HOSTILE_EDGE,
    HOSTILE_LABEL,
    HOSTILE_NODE,
    HOSTILE_SENTENCE,
    HOSTILE_TEXTS,
    sample_graph,
)

from kg.viz import write_html

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


@pytest.fixture
def view(offline_browser: Browser, tmp_path: Path) -> Iterator[OfflinePage]:
    """The sample graph's page, opened offline and drawn."""
    path = write_html(sample_graph(), tmp_path / "graph.html", title="Chips")
    with open_offline(offline_browser, path) as opened:
        # vis-network draws on the next animation frames after the script built the network.
        opened.page.wait_for_function("() => window.network !== undefined")
        opened.page.evaluate("() => new Promise((r) => requestAnimationFrame(() => r()))")
        yield opened


def edge_id(view: OfflinePage, source: str, target: str, predicate: str) -> str:
    return view.page.evaluate(
        "([s, t, p]) => edges.get({filter: (e) => e.from === s && e.to === t"
        " && e.label === p})[0].id",
        [source, target, predicate],
    )


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


def test_page_runs_offline_without_errors(view: OfflinePage) -> None:
    assert view.blocked_requests == []
    assert view.errors == []


def test_network_holds_every_node_and_edge(view: OfflinePage) -> None:
    G = sample_graph()
    counts = view.page.evaluate(
        "() => [nodes.length, edges.length,"
        " network.body.nodeIndices.length, network.body.edgeIndices.length]"
    )
    assert counts == [len(G), G.number_of_edges(), len(G), G.number_of_edges()]
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
    if artifacts := os.environ.get("KG_ARTIFACTS"):
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        (Path(artifacts) / "graph.png").write_bytes(shot)
    drawing = view.page.locator("#mynetwork canvas").screenshot()
    assert painted_fraction(view.page, shot) > 0.005
    # The canvas alone, so that the legend's text does not count as a drawn graph.
    assert painted_fraction(view.page, drawing) > 0.005
    legend = view.page.inner_text("#kg-legend")
    assert re.findall(r"\w+", legend) == [
        "Country", "Company", "GovernmentBody", "Alliance",
        "Person", "Product", "Organization", "Place",
    ]  # fmt: skip


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
