"""The page shows a list line's introducing sentence with its evidence (headless Chromium,
offline)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser
from test_viz_browser import _keep, click, edge_id, open_drawn

from kg.analysis.projection import entity_graph
from kg.model import Article, Entity, Extraction, Fact
from kg.rdf.build import build_graph
from kg.rdf.namespace import entity_iri
from kg.viz import write_html

pytestmark = [pytest.mark.slow, pytest.mark.browser]

INTRODUCING = "The Bureau of Industry and Security added two Chinese entities to the Entity List."
LINE = "\u2022 Kestrel Silicon Co., Ltd."


def test_clicked_edge_shows_the_context_above_the_list_line(
    offline_browser: Browser, tmp_path: Path
) -> None:
    text = f"{INTRODUCING}\n\n{LINE}\n\u2022 Baltic Gallium Co., Ltd.\n"
    bis = Entity("U.S. Bureau of Industry and Security", "GovernmentBody", country="United States")
    facts = tuple(
        Fact("bis", bis, "sanctions", Entity(name, "Company"), line, start, start + len(line),
             0.7, context=INTRODUCING)
        for name, line in (("Kestrel Silicon", LINE),
                           ("Baltic Gallium", "\u2022 Baltic Gallium Co., Ltd."))
        for start in [text.index(line)]
    )  # fmt: skip
    article = Article("bis", text, title="Entity List", url="https://news.example/bis")
    G = entity_graph(build_graph([Extraction(article, facts=facts)]))
    path = write_html(G, tmp_path / "bis.html", title="Entity List")
    with open_drawn(offline_browser, path) as opened:
        assert opened.errors == [] and opened.blocked_requests == []
        kestrel = str(entity_iri("Kestrel Silicon"))
        click(opened, "edge", edge_id(opened, str(entity_iri(bis.label)), kestrel, "sanctions"))
        details = opened.page.locator("#kg-details")
        details.wait_for(state="visible")
        lines = details.inner_text().splitlines()
        at = lines.index(f"context: \u201c{INTRODUCING}\u201d")
        assert lines[at + 1] == f"\u201c{LINE}\u201d"
        shot = opened.page.screenshot(path=tmp_path / "context.png")
        _keep("evidence-context.png", shot)
