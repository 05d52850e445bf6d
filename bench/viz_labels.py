"""What sorting out the page's names costs at each zoom, on a graph of about 10,000 entities.

The synthetic graph (bench/synthetic.py) is drawn whole and opened in Debian's Chromium,
offline; at the fitted zoom and at scales 0.3, 1 and 2 the page's "zoom" handler (label sizes,
then which names are drawn so that none overprints another) is run five times and timed with
``performance.now()``. The first run at a new scale also resizes the 30 labelled nodes (one
update of their fonts, as before the names were sorted out); the later runs only sort them out.

    python bench/viz_labels.py        # needs /usr/bin/chromium
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright
from synthetic import synthetic_extractions
from viz import CHROMIUM, CHROMIUM_FLAGS

from kg.analysis.centrality import pagerank
from kg.analysis.projection import entity_graph
from kg.rdf.build import build_graph
from kg.viz import write_html

_ZOOM = """(scale) => {
    if (scale !== null) network.moveTo({scale: scale, animation: false});
    const runs = [];
    for (let i = 0; i < 5; i++) {
        const start = performance.now();
        network.emit("zoom", {});
        runs.push(performance.now() - start);
    }
    const hidden = nodes.get({filter: (n) => n.font && n.font.color === "rgba(0,0,0,0)"});
    return [network.getScale(), runs, hidden.length];
}"""


def main() -> None:
    G = entity_graph(build_graph(synthetic_extractions(10_000)))
    print(f"graph: {len(G):,} entities, {G.number_of_edges():,} relations", flush=True)
    print("| scale | first run, ms | later runs, ms (min-max) | names hidden |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        path = write_html(
            G, Path(tmp) / "graph.html", title="labels", sizes=pagerank(G), max_nodes=len(G)
        )
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(path.resolve().as_uri())
        page.wait_for_function("() => document.body.dataset.kgState === 'drawn'", timeout=600_000)
        for scale in (None, 0.3, 1.0, 2.0):
            at, runs, hidden = page.evaluate(_ZOOM, scale)
            print(
                f"| {at:.3f} | {runs[0]:.1f} | {min(runs[1:]):.1f}-{max(runs[1:]):.1f} | {hidden} |"
            )
        browser.close()


if __name__ == "__main__":
    main()
