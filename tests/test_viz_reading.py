"""Reading the page of a dev-set-sized graph in headless Chromium (offline): the important
nodes' names are readable at the fitted zoom, a clicked node lists its facts with evidence,
and the layer toggles change what is drawn."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from browser_support import OfflinePage
from playwright.sync_api import Browser, Page
from test_viz_browser import _keep, click, hover, open_drawn

from kg.analysis.centrality import scores
from kg.analysis.projection import entity_graph
from kg.model import Article, Entity, Extraction, Fact
from kg.rdf.build import build_graph
from kg.viz import write_html
from kg.viz.page import STRUCTURAL_OFF_ABOVE
from kg.vocabulary import VOCABULARY

pytestmark = [pytest.mark.slow, pytest.mark.browser]

READABLE_PX = 11


def news_graph(companies: int, *, seed: int = 7) -> nx.MultiDiGraph:
    """A generated graph like the dev set's: countries, companies based in them, products they
    make, supply, partnerships, export controls and sanctions, each fact with its sentence, in
    dated articles of ten facts each."""
    rng = random.Random(seed)
    countries = [Entity(name, "Country") for name in (
        "China", "United States", "Japan", "Netherlands", "South Korea", "Taiwan", "Germany",
        "France", "India", "Vietnam")]  # fmt: skip
    products = [Entity(f"product {n}", "Product") for n in range(max(3, companies // 12))]
    firms = [Entity(f"Firm {n:03d}", "Company") for n in range(companies)]
    specs: list[tuple[Entity, str, Entity]] = []
    for firm in firms:
        specs.append((firm, "headquarteredIn", rng.choice(countries)))
        specs.append((firm, "producesProduct", rng.choice(products)))
        specs.append((firm, "suppliesTo", rng.choice(firms[:20])))  # a few big customers
        if rng.random() < 0.3:
            specs.append((firm, "partnersWith", rng.choice(firms)))
        if rng.random() < 0.15:
            specs.append((rng.choice(countries[1:4]), "sanctions", firm))
    specs += [(countries[1], "restrictsExportsTo", countries[0]),
              (countries[2], "alignsWith", countries[1])]  # fmt: skip
    specs = [(s, p, o) for s, p, o in specs if s != o]
    extractions = []
    for number in range(0, len(specs), 10):
        chunk = specs[number : number + 10]
        sentences = [f"{s.label} {p} {o.label} (report {number + i})." for i, (s, p, o) in
                     enumerate(chunk)]  # fmt: skip
        text = " ".join(sentences)
        article = Article(f"a{number}", text, title=f"Chip news {number}",
                          date=f"2024-{1 + number % 12:02d}-01",
                          url=f"https://news.example/a{number}")  # fmt: skip
        facts = []
        for (s, p, o), sentence in zip(chunk, sentences, strict=True):
            start = text.index(sentence)
            facts.append(Fact(article.id, s, p, o, sentence, start, start + len(sentence), 0.8))
        extractions.append(Extraction(article, facts=tuple(facts)))
    return entity_graph(build_graph(extractions))


@pytest.fixture(scope="module")
def dev_sized() -> nx.MultiDiGraph:
    G = news_graph(95)
    assert 100 <= len(G) <= 150  # the dev set: 113 entities
    return G


def opened(browser: Browser, G: nx.MultiDiGraph, path: Path) -> OfflinePage:
    page = write_html(G, path, title=path.stem, sizes=scores(G, "pagerank"))
    view = open_drawn(browser, page)
    assert view.errors == [] and view.blocked_requests == []
    return view


def page_data(page: Page) -> dict[str, Any]:
    """The data the open page was made from (its ``kg-data`` element)."""
    return json.loads(page.locator("#kg-data").text_content() or "{}")


def screen_label_px(view: OfflinePage) -> dict[str, float]:
    """Each labelled node's label height on screen, in CSS pixels, at the current zoom."""
    return view.page.evaluate(
        "() => Object.fromEntries(window.kgLabelled.map((id) => "
        "[id, nodes.get(id).font.size * network.getScale()]))"
    )


@pytest.fixture
def view(offline_browser: Browser, dev_sized: nx.MultiDiGraph, tmp_path: Path) -> Iterator:
    with opened(offline_browser, dev_sized, tmp_path / "dev-sized.html") as page:
        yield page


def test_every_label_of_a_dev_sized_graph_is_readable_at_the_fitted_zoom(
    view: OfflinePage, dev_sized: nx.MultiDiGraph, tmp_path: Path
) -> None:
    view.page.evaluate("() => network.fit({animation: false})")
    sizes = screen_label_px(view)
    assert set(sizes) == set(dev_sized)  # under 150 entities: every name
    assert min(sizes.values()) >= READABLE_PX
    canvas = view.page.locator("#mynetwork canvas").bounding_box()
    window = view.page.viewport_size
    assert canvas is not None and window is not None
    assert canvas["y"] + canvas["height"] >= window["height"] - 1  # no empty band beneath
    shot = view.page.screenshot(path=tmp_path / "dev-sized.png")
    _keep("dev-sized.png", shot)


def test_labels_stay_readable_as_the_user_zooms_out_and_default_when_zoomed_in(
    view: OfflinePage,
) -> None:
    box = view.page.locator("#mynetwork canvas").bounding_box()
    assert box is not None
    view.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(12):
        view.page.mouse.wheel(0, 400)  # zoom out
        view.page.wait_for_timeout(50)
    assert view.page.evaluate("() => network.getScale()") < 0.3
    assert min(screen_label_px(view).values()) >= READABLE_PX
    for _ in range(60):
        view.page.mouse.wheel(0, -400)  # zoom in
        view.page.wait_for_timeout(50)
        if view.page.evaluate("() => network.getScale()") > 1.2:
            break
    assert view.page.evaluate("() => network.getScale()") > 1.2
    fonts = {node["font"]["size"] for node in view.page.evaluate("() => nodes.get()")}
    assert fonts == {14}  # vis-network's own size: at this zoom, readable anyway


def test_a_large_graph_names_its_top_30_and_hides_structural_facts(
    offline_browser: Browser, tmp_path: Path
) -> None:
    G = news_graph(300)
    assert len(G) > STRUCTURAL_OFF_ABOVE
    with opened(offline_browser, G, tmp_path / "large.html") as view:
        view.page.evaluate("() => network.fit({animation: false})")
        sizes = screen_label_px(view)
        rank = scores(G, "pagerank")
        top = sorted(G, key=lambda n: (-rank[n], G.nodes[n]["label"]))[:30]
        assert set(sizes) == set(top)
        assert min(sizes.values()) >= READABLE_PX
        assert not view.page.locator('input[name="layer"][value="structural"]').is_checked()
        shown = view.page.evaluate(
            "() => edges.get({filter: (e) => !e.hidden}).flatMap((e) => e.kg.shown)"
            ".map((f) => f.layer)"
        )
        assert shown and "structural" not in shown
        shot = view.page.screenshot(path=tmp_path / "large.png")
        _keep("large.png", shot)


def test_clicking_a_node_lists_its_facts_by_relation_with_evidence(
    view: OfflinePage, dev_sized: nx.MultiDiGraph
) -> None:
    china = next(n for n, label in dev_sized.nodes(data="label") if label == "China")
    click(view, "node", china)
    details = view.page.locator("#kg-details")
    details.wait_for(state="visible")
    assert details.locator("strong").first.inner_text() == "China"
    edges = [*dev_sized.in_edges(china, keys=True, data=True),
             *dev_sized.out_edges(china, keys=True, data=True)]  # fmt: skip
    by_relation: dict[str, int] = {}
    for *_, key, _ in edges:
        by_relation[key] = by_relation.get(key, 0) + 1
    headings = details.locator("h3").all_inner_texts()
    assert headings == [f"{key} ({count})" for key, count in sorted(by_relation.items())]
    shown = details.inner_text()
    for *_, attrs in edges:
        for evidence in attrs["evidence"]:
            assert evidence["text"] in shown and evidence["title"] in shown
    assert details.locator("a").count() == sum(len(attrs["evidence"]) for *_, attrs in edges)
    _keep("node-panel.png", view.page.screenshot())


def test_layer_toggles_change_what_is_drawn(view: OfflinePage, dev_sized: nx.MultiDiGraph) -> None:
    def drawn() -> set[str]:
        return set(
            view.page.evaluate(
                "() => edges.get({filter: (e) => !e.hidden}).flatMap((e) => e.kg.shown)"
                ".map((f) => f.predicate)"
            )
        )

    layers = view.page.locator('input[name="layer"]')
    assert layers.evaluate_all("(boxes) => boxes.map((b) => b.value)") == [
        "supply",
        "geopolitical",
        "structural",
    ]
    assert all(box.is_checked() for box in layers.all())  # a small graph: all on
    view.page.locator("summary", has_text="Layers").click()
    view.page.locator('input[name="layer"][value="structural"]').uncheck()
    structural = VOCABULARY.layers["structural"]
    assert drawn() == {key for *_, key in dev_sized.edges(keys=True)} - structural
    view.page.locator('input[name="layer"][value="supply"]').uncheck()
    assert drawn() == {"sanctions", "restrictsExportsTo", "alignsWith"}
    view.page.locator('input[name="layer"][value="structural"]').check()
    assert drawn() == {"sanctions", "restrictsExportsTo", "alignsWith"} | (
        {key for *_, key in dev_sized.edges(keys=True)} & structural
    )


@pytest.fixture(scope="module")
def thousand() -> tuple[nx.MultiDiGraph, dict[str, float]]:
    """A generated news graph of over 1,000 entities, and their PageRank."""
    G = news_graph(950)
    assert len(G) >= 1000
    return G, scores(G, "pagerank")


def test_a_graph_of_1000_entities_opens_drawn_still_and_named(
    offline_browser: Browser, thousand: tuple[nx.MultiDiGraph, dict[str, float]], tmp_path: Path
) -> None:
    """The default limit: the page draws Python's layout at once (physics off), its 30 most
    central names readable; Relax is there for who wants the physics."""
    G, rank = thousand
    with opened(offline_browser, G, tmp_path / "thousand.html") as view:
        assert view.page.evaluate("() => [nodes.length, network.physics.options.enabled]") == [
            1000,
            False,
        ]
        drawn = view.page.evaluate("() => network.getPositions()")
        placed = {n["id"]: {"x": n["x"], "y": n["y"]} for n in page_data(view.page)["nodes"]}
        assert drawn == placed
        sizes = screen_label_px(view)
        top = sorted(G, key=lambda n: (-rank[n], G.nodes[n]["label"]))[:30]
        assert set(sizes) == set(top)
        assert min(sizes.values()) >= READABLE_PX
        assert view.page.locator("#kg-relax").is_visible()
        assert view.page.inner_text("#kg-status").startswith("1,000 of 1,000 entities, ")
        shot = view.page.screenshot(path=tmp_path / "thousand.png")
        _keep("thousand.png", shot)


def test_a_graph_of_100_entities_names_every_entity_and_bundles_each_pairs_facts(
    offline_browser: Browser, tmp_path: Path
) -> None:
    G = news_graph(84)
    rank = scores(G, "pagerank")
    G.remove_node(min(G, key=lambda n: (rank[n], G.nodes[n]["label"])))
    assert len(G) == 100
    with opened(offline_browser, G, tmp_path / "hundred.html") as view:
        view.page.evaluate("() => network.fit({animation: false})")
        sizes = screen_label_px(view)
        assert set(sizes) == set(G) and min(sizes.values()) >= READABLE_PX
        lines = view.page.evaluate(
            "() => edges.get().map((e) => [e.kg.label, e.kg.facts.length, e.kg.shown.length])"
        )
        assert len(lines) == len({frozenset((u, v)) for u, v in G.edges()})
        assert sum(facts for _, facts, _ in lines) == G.number_of_edges()
        bundled = [line for line in lines if line[1] > 1]
        assert bundled  # suppliers that are partners too, at least
        for label, facts, shown in bundled:
            assert label == f"{facts} facts" or label.endswith(f" \u00d7{facts}")
            assert shown == facts  # a small graph: every layer on
        shot = view.page.screenshot(path=tmp_path / "hundred.png")
        _keep("hundred.png", shot)


_NAMES = """() => {
    const scale = network.getScale();
    const box = document.getElementById("mynetwork");
    const a = network.DOMtoCanvas({x: 0, y: 0});
    const b = network.DOMtoCanvas({x: box.clientWidth, y: box.clientHeight});
    return nodes.get().filter((n) => !n.hidden && (n.font ? n.font.size : 14) * scale >= 5)
        .map((n) => [n.id, network.body.nodes[n.id].labelModule.size, n.font])
        .filter(([, s]) => s.left < b.x && s.left + s.width > a.x && s.top < b.y
                && s.top + s.height > a.y)
        .map(([id, s, font]) => ({
            id: id, shown: !(font && font.color === "rgba(0,0,0,0)"),
            box: [s.left * scale, s.top * scale, (s.left + s.width) * scale,
                  (s.top + s.height) * scale]}));
}"""
"""The names vis-network draws in view (big enough, node not filtered out), each with whether
it is shown and its box on screen in CSS pixels, as vis-network itself measured it."""


def names(view: OfflinePage) -> dict[str, tuple[bool, list[float]]]:
    """The names in view: node id -> (shown, [left, top, right, bottom] on screen)."""
    return {n["id"]: (n["shown"], n["box"]) for n in view.page.evaluate(_NAMES)}


def overlapping(boxes: list[list[float]]) -> list[tuple[int, int]]:
    """Pairs of boxes (by index) that overlap by more than half a pixel both ways."""
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[:i])
        if min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5
    ]


def assert_names_do_not_overprint(view: OfflinePage, ranking: list[str]) -> set[str]:
    """No two shown names overlap; each hidden one meets a shown one ranked above it. Returns
    the ids of the shown names."""
    drawn = names(view)
    shown = [node for node, (on, _) in drawn.items() if on]
    assert overlapping([drawn[node][1] for node in shown]) == []
    selected = set(view.page.evaluate("() => network.getSelectedNodes()"))
    for node, (on, box) in drawn.items():
        if not on:
            assert node not in selected
            above = [other for other in shown if ranking.index(other) < ranking.index(node)]
            near = [b - 3 for b in box[:2]] + [b + 3 for b in box[2:]]  # the gap and a pixel
            assert any(overlapping([near, drawn[other][1]]) for other in above), node
    return set(shown)


def test_names_never_overprint_and_more_show_as_the_user_zooms_in(
    view: OfflinePage, dev_sized: nx.MultiDiGraph, tmp_path: Path
) -> None:
    """At the fitted zoom a dense graph's names do not overprint one another: the most
    important are shown, a lesser one that would overlap them is not; zoomed in, names the
    fitted zoom hid are shown."""
    # All of a graph under 150 entities, most important first.
    ranking = view.page.evaluate("() => window.kgLabelled.slice()")
    assert set(ranking) == set(dev_sized)
    shown = assert_names_do_not_overprint(view, ranking)
    assert set(ranking[:3]) <= shown
    fitted_hidden = set(ranking) - shown
    assert fitted_hidden  # the graph is dense enough that some names had to go
    shot = view.page.screenshot(path=tmp_path / "decluttered.png")
    _keep("decluttered.png", shot)

    box = view.page.locator("#mynetwork canvas").bounding_box()
    assert box is not None
    view.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    fitted = view.page.evaluate("() => network.getScale()")
    for _ in range(40):
        before = view.page.evaluate("() => network.getScale()")
        if before > 2 * fitted:
            break
        view.page.mouse.wheel(0, -300)  # zoom in
        view.page.wait_for_function("(s) => network.getScale() > s", arg=before)
    assert view.page.evaluate("() => network.getScale()") > 2 * fitted
    zoomed = assert_names_do_not_overprint(view, ranking)
    assert zoomed & fitted_hidden  # names the fitted zoom hid are back
    view.page.mouse.move(box["x"] + 2, box["y"] + 2)  # no tooltip in the picture
    shot = view.page.screenshot(path=tmp_path / "decluttered-zoomed.png")
    _keep("decluttered-zoomed.png", shot)


def test_a_hovered_or_found_node_always_shows_its_name(
    view: OfflinePage, dev_sized: nx.MultiDiGraph
) -> None:
    ranking = view.page.evaluate("() => window.kgLabelled.slice()")
    hidden = [node for node, (on, _) in names(view).items() if not on]
    assert hidden
    assert hover(view, "node", hidden[0]).startswith(dev_sized.nodes[hidden[0]]["label"])
    assert names(view)[hidden[0]][0]  # hovered, its name is drawn
    box = view.page.locator("#mynetwork canvas").bounding_box()
    assert box is not None
    view.page.mouse.move(box["x"] + 2, box["y"] + 2)
    # Hidden again once the mouse has left it (vis-network says so as the mouse moves).
    view.page.wait_for_function(
        "(id) => nodes.get(id).font.color === 'rgba(0,0,0,0)'", arg=hidden[0]
    )
    assert not names(view)[hidden[0]][0]
    label = dev_sized.nodes[hidden[-1]]["label"]
    search = view.page.locator("#kg-search")
    search.fill(label)
    search.press("Enter")
    view.page.locator("#kg-details").wait_for(state="visible")
    assert view.page.evaluate("() => network.getSelectedNodes()") == [hidden[-1]]
    assert names(view)[hidden[-1]][0]
    assert_names_do_not_overprint(view, [hidden[-1], *ranking])


_GIVEN = """() => {
    const box = document.getElementById("mynetwork");
    const a = network.DOMtoCanvas({x: 0, y: 0});
    const b = network.DOMtoCanvas({x: box.clientWidth, y: box.clientHeight});
    const at = network.getPositions();
    const seen = (p) => p.x >= a.x && p.x <= b.x && p.y >= a.y && p.y <= b.y;
    const lines = edges.get().filter((e) => !e.hidden).map((e) => {
        const drawn = network.body.edges[e.id].options, p = at[e.from], q = at[e.to];
        return {
            inView: seen(p) || seen(q) || seen({x: (p.x + q.x) / 2, y: (p.y + q.y) / 2}),
            label: drawn.label === undefined ? null : drawn.label, kgLabel: e.kg.label,
            arrows: [drawn.arrows.to.enabled, drawn.arrows.from.enabled],
            kgArrows: [e.kg.arrows.to.enabled, e.kg.arrows.from.enabled]};
    });
    const names = nodes.get().filter((n) => !n.hidden).map((n) => {
        const label = network.body.nodes[n.id].options.label;
        const big = (n.font ? n.font.size : 14) * network.getScale() >= 5;
        return {id: n.id, inView: seen(at[n.id]), big: big,
                label: label === undefined ? null : label, kgLabel: n.kg.label};
    });
    return {scale: network.getScale(), lines: lines, names: names};
}"""
"""What vis-network was given to draw: each shown line's label and arrow heads (and what the
page would give it), each shown node's name, and whether they are in view."""


def test_a_page_opened_far_out_gives_names_arrows_and_line_labels_as_the_user_zooms_in(
    offline_browser: Browser, thousand: tuple[nx.MultiDiGraph, dict[str, float]], tmp_path: Path
) -> None:
    """Opened so far out that arrow heads are under a pixel and only the top names are big
    enough to be drawn, the page gives vis-network those names and no arrow heads or line
    labels (which it would measure and not draw); zoomed in, the lines and names in view get
    theirs, the others wait until they come into view."""
    G, rank = thousand
    path = write_html(G, tmp_path / "far.html", title="far out", sizes=rank)
    small = {"width": 720, "height": 520}
    with open_drawn(offline_browser, path, viewport=small) as view:
        assert view.errors == []
        given = view.page.evaluate(_GIVEN)
        assert given["scale"] * 12 < 1  # page.js ARROW_UNITS: arrow heads under a pixel
        top = set(view.page.evaluate("() => window.kgLabelled"))
        assert {n["id"] for n in given["names"] if n["label"] is not None} == top
        assert all(n["label"] == n["kgLabel"] for n in given["names"] if n["id"] in top)
        assert all(line["label"] is None and line["arrows"] == [False, False]
                   for line in given["lines"])  # fmt: skip
        _keep("far-out.png", view.page.screenshot(path=tmp_path / "far-out.png"))

        box = view.page.locator("#mynetwork canvas").bounding_box()
        assert box is not None
        view.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        for _ in range(60):
            before = view.page.evaluate("() => network.getScale()")
            if before >= 0.5:  # line labels (11 px at zoom 1) are drawn from 5 px on screen
                break
            view.page.mouse.wheel(0, -300)  # zoom in
            view.page.wait_for_function("(s) => network.getScale() > s", arg=before)
        given = view.page.evaluate(_GIVEN)
        assert given["scale"] >= 0.5
        in_view = [line for line in given["lines"] if line["inView"]]
        assert in_view
        for line in in_view:
            assert line["label"] == line["kgLabel"] and line["arrows"] == line["kgArrows"]
        assert any(line["label"] is None for line in given["lines"] if not line["inView"])
        names_in_view = [n for n in given["names"] if n["inView"] and n["big"]]
        assert len(names_in_view) > len(top & {n["id"] for n in names_in_view})
        assert all(n["label"] == n["kgLabel"] for n in names_in_view)
        view.page.mouse.move(box["x"] + 2, box["y"] + 2)  # no tooltip in the picture
        _keep("far-out-zoomed.png", view.page.screenshot(path=tmp_path / "far-out-zoomed.png"))


_DASHES = """() => {
    window.kgDashes = [];
    const set = CanvasRenderingContext2D.prototype.setLineDash;
    CanvasRenderingContext2D.prototype.setLineDash = function (pattern) {
        const scale = this.getTransform().a;  // screen pixels a canvas unit, as drawn
        window.kgDashes.push(pattern.map((length) => length * scale));
        return set.call(this, pattern);
    };
}"""
"""Records, before the page's scripts run, each dash pattern the page's canvas is given, in
screen pixels."""


def test_dashes_are_drawn_as_long_on_screen_when_zoomed_out(
    offline_browser: Browser, thousand: tuple[nx.MultiDiGraph, dict[str, float]], tmp_path: Path
) -> None:
    """Conflictual lines are dashed at the zoom the page opens at, as the legend says: dashes
    and gaps of 2 px or more on screen, not slivers of a pixel (a blur Chromium is slow to
    draw)."""
    G, rank = thousand
    path = write_html(G, tmp_path / "dashes.html", title="dashes", sizes=rank)
    with open_drawn(offline_browser, path, init_script=f"({_DASHES})()") as view:
        assert view.errors == []
        assert view.page.evaluate("() => network.getScale()") < 0.5
        drawn = view.page.evaluate("() => window.kgDashes")
        dashes = [pattern for pattern in drawn if any(pattern)]  # [] and [0]: solid
        assert dashes  # sanctions are dashed
        assert min(length for pattern in dashes for length in pattern) >= 2
