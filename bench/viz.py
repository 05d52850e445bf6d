"""Size of kg's HTML graph and the time it takes to settle in headless Chromium, offline.

A graph of a little over 10,000 entities is generated (bench/synthetic.py) and drawn whole
and cut to its 1,000 most central entities (the default ``--max-nodes``). For each page: the
time to render it in Python, its size, and the time from opening it until the physics has
settled and stopped (``<body data-kg-state="settled">``), in Debian's Chromium with the network
cut off. Prints a Markdown table for bench/RESULTS.md.

    python bench/viz.py                        # needs /usr/bin/chromium
    python bench/viz.py --shots /tmp/shots     # also saves a screenshot of each page
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright
from synthetic import synthetic_extractions

from kg.analysis.centrality import pagerank
from kg.analysis.projection import entity_graph
from kg.rdf.build import build_graph
from kg.viz import write_html

CHROMIUM = "/usr/bin/chromium"
SETTLED = "() => document.body.dataset.kgState === 'settled'"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entities", type=int, default=11_500, help="entities generated")
    parser.add_argument("--sizes", default="1000,10000", help="entities drawn, comma-separated")
    parser.add_argument("--shots", type=Path, help="save a screenshot of each page here")
    args = parser.parse_args()
    G = entity_graph(build_graph(synthetic_extractions(args.entities)))
    sizes = pagerank(G)
    print(f"graph: {len(G):,} entities, {G.number_of_edges():,} relations", flush=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        for count in map(int, args.sizes.split(",")):
            path = Path(tmp) / f"graph-{count}.html"
            start = time.perf_counter()
            write_html(G, path, title=f"{count} entities", sizes=sizes, max_nodes=count)
            rendered = time.perf_counter() - start
            context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            start = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load")
            page.wait_for_function(SETTLED, timeout=900_000)
            settled = time.perf_counter() - start
            drawn = page.evaluate("() => [nodes.length, edges.length]")
            iterations = page.evaluate("() => network.physics.options.stabilization.iterations")
            if args.shots:
                args.shots.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=args.shots / f"graph-{count}.png")
            context.close()
            rows.append((*drawn, path.stat().st_size / 1e6, rendered, iterations, settled, errors))
            print(rows[-1], flush=True)
        browser.close()
    print(
        "\n| entities | relations | HTML MB | render in Python, s | physics iterations "
        "| open to settled, s | page errors |\n|---|---|---|---|---|---|---|"
    )
    for nodes, edges, mb, rendered, iterations, settled, errors in rows:
        print(
            f"| {nodes:,} | {edges:,} | {mb:.1f} | {rendered:.2f} | {iterations} | "
            f"{settled:.1f} | {len(errors)} |"
        )


if __name__ == "__main__":
    main()
