"""The page coloured by bloc (``to_html(blocs=...)``, ``kg viz --colour-by bloc``): colours,
legend, tooltips, safe text, and the page in headless Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_support import kg
from test_viz import HOSTILE_LABEL, HOSTILE_NODE, XSS_IMG, page_data, sample_graph

from kg.analysis.communities import communities
from kg.viz import BLOC_COLOURS, CLASS_STYLES, to_html, write_html
from kg.viz.records import NO_BLOC_COLOUR

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "japan-us-chip-alliance.jsonl"


def _blocs() -> dict[str, int]:
    found = communities(sample_graph(), seed=0)
    return dict(zip(found.node, found.community, strict=True))


def test_nodes_take_their_blocs_colour_and_keep_their_class_shape() -> None:
    blocs = _blocs()
    assert len(set(blocs.values())) >= 2
    data = page_data(to_html(sample_graph(), blocs=blocs))
    for record in data["nodes"]:
        bloc = blocs.get(record["id"])
        expected = NO_BLOC_COLOUR if bloc is None else BLOC_COLOURS[bloc]
        assert record["color"] == expected
        assert data["classes"][record["type"]]["shape"] == CLASS_STYLES[record["type"]].shape
        assert record.get("bloc") == bloc


def test_without_blocs_the_page_is_coloured_by_class_as_before() -> None:
    page = to_html(sample_graph())
    assert 'id="kg-blocs"' not in page
    assert all("bloc" not in r and "color" not in r for r in page_data(page)["nodes"])


def test_legend_names_each_bloc_by_its_most_central_member_escaped() -> None:
    G = sample_graph()
    blocs = {node: 0 for node in G}
    blocs[HOSTILE_NODE] = 1
    page = to_html(G, blocs=blocs, sizes={HOSTILE_NODE: 1.0})
    legend = re.search(r'<ul class="kg-legend" id="kg-blocs">.*?</ul>', page, re.S).group()
    names = re.findall(r"</span>(.*?)</li>", legend)
    assert names[0].startswith("bloc 0: ") and names[0].endswith(f"({len(G) - 1})")
    assert names[1].startswith("bloc 1: Rapidus &lt;img") and names[1].endswith("(1)")
    assert XSS_IMG not in legend and HOSTILE_LABEL not in page
    # the class glyphs turn grey: colour now says the bloc
    classes = re.search(r'<ul class="kg-legend" id="kg-legend">.*?</ul>', page, re.S).group()
    assert set(re.findall(r'style="color:(#[0-9a-f]{6})"', classes)) == {"#5f6368"}


def test_nodes_in_no_bloc_or_a_bloc_beyond_the_colours_are_grey_and_the_legend_says_so() -> None:
    G = sample_graph()
    page = to_html(G, blocs={"urn:kg:Japan": 0, "urn:kg:TSMC": len(BLOC_COLOURS)})
    records = {r["id"]: r for r in page_data(page)["nodes"]}
    assert records["urn:kg:Japan"]["color"] == BLOC_COLOURS[0]
    assert records["urn:kg:China"]["color"] == records["urn:kg:TSMC"]["color"] == NO_BLOC_COLOUR
    assert "1 smaller bloc</li>" in page and "no bloc</li>" in page


@pytest.mark.slow
def test_kg_viz_colours_by_bloc(tmp_path: Path) -> None:
    graph = tmp_path / "graph.ttl"
    kg("build", str(EXAMPLE), "-o", str(graph), "--no-progress")
    result = kg("viz", str(graph), "-o", str(tmp_path / "g.html"), "--colour-by", "bloc")
    assert "blocs: " in result.stderr + result.stdout
    page = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert 'id="kg-blocs"' in page
    assert any("bloc" in r for r in page_data(page)["nodes"])


@pytest.mark.slow
@pytest.mark.browser
def test_page_coloured_by_bloc_runs_offline_and_tooltips_name_the_bloc(
    offline_browser, tmp_path: Path
) -> None:
    from test_viz_browser import _keep, hover, open_drawn

    blocs = _blocs()
    path = write_html(sample_graph(), tmp_path / "blocs.html", title="Blocs", blocs=blocs)
    with open_drawn(offline_browser, path) as view:
        assert view.errors == [] and view.blocked_requests == []
        shown = hover(view, "node", "urn:kg:Japan")
        assert f"bloc: {blocs['urn:kg:Japan']}" in shown.splitlines()
        legend = view.page.inner_text("#kg-blocs")
        assert legend.startswith("\u25cf") and "bloc 0: " in legend
        shot = view.page.screenshot(path=tmp_path / "blocs.png", full_page=True)
        _keep("graph-blocs.png", shot)
        assert view.page.evaluate("() => window.__xss") is None
