"""kg's HTML graph in headless Chromium, offline: size, and time from navigation to drawn.

A graph of a little over 10,000 entities is generated (bench/synthetic.py) and drawn whole
and cut to its 1,000 most central entities (the default ``--max-nodes``), by this checkout's
kg.viz and by the kg.viz of ``--baseline`` (a git revision: by default the last one whose page
ran vis-network's physics before it drew), one after the other in the same run, each page
opened ``--repeat`` times in turn. For each page: the time to render it in Python (of which
the layout), its size, and the time from navigation until the page is first completely drawn,
in Debian's Chromium with the network cut off:

- a page that says so (this checkout, and baselines since physics was off at load):
  ``<body data-kg-state="drawn">``, set when vis-network has drawn the page once (physics
  off, positions from Python); ``window.kgDrawnMs`` is the same moment measured by the page
  itself (``performance.now()``, from navigation start);
- older baselines: ``<body data-kg-state="settled">``, set once their bounded physics had
  stopped (the canvas is blank until then).

Prints a Markdown table for bench/RESULTS.md (medians, and the range over the repeats);
ratio = baseline / this checkout.

    python bench/viz.py                        # needs /usr/bin/chromium
    python bench/viz.py --baseline main --repeat 5
    python bench/viz.py --shots /tmp/shots     # also saves a screenshot of each page
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from playwright.sync_api import Browser, sync_playwright
from synthetic import synthetic_extractions

from kg.analysis.centrality import pagerank
from kg.analysis.projection import entity_graph
from kg.rdf.build import build_graph
from kg.viz import layout, write_html

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BASELINE = "c0443d1"
"""The last commit of kg whose page settled vis-network's physics before drawing."""
_VIZ_FILES = ("__init__.py", "layout.py", "page.py", "records.py", "page.js", "page.css")


def baseline_viz(revision: str, folder: Path) -> tuple[ModuleType, str]:
    """kg.viz as it was at ``revision``, importable as ``kg_viz_baseline`` beside this one,
    and the state its page's body says once it is drawn (``drawn`` or ``settled``)."""
    package = folder / "kg_viz_baseline"
    package.mkdir()
    state = "settled"
    for name in _VIZ_FILES:
        text = subprocess.run(
            ["git", "show", f"{revision}:kg/viz/{name}"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if name.endswith(".py"):
            text = text.replace("kg.viz", "kg_viz_baseline")
        if name == "page.js" and 'kgState = "drawn"' in text:
            state = "drawn"
        (package / name).write_text(text, encoding="utf-8")
    sys.path.insert(0, str(folder))
    return importlib.import_module("kg_viz_baseline"), state


def open_page(browser: Browser, path: Path, state: str, shot: Path | None) -> dict[str, Any]:
    """Open ``path`` offline; seconds from navigation until ``<body data-kg-state=state>``."""
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    start = time.perf_counter()
    page.goto(path.as_uri(), wait_until="commit")
    page.wait_for_function(f"() => document.body && document.body.dataset.kgState === '{state}'",
                           timeout=900_000)  # fmt: skip
    seconds = time.perf_counter() - start
    in_page = page.evaluate("() => window.kgDrawnMs === undefined ? null : window.kgDrawnMs")
    drawn = page.evaluate("() => nodes.length")
    if shot is not None:
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=shot)
    context.close()
    return {
        "seconds": seconds,
        "in_page": None if in_page is None else in_page / 1000,
        "drawn": drawn,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entities", type=int, default=11_500, help="entities generated")
    parser.add_argument("--sizes", default="1000,10000", help="entities drawn, comma-separated")
    parser.add_argument("--shots", type=Path, help="save a screenshot of each page here")
    parser.add_argument("--baseline", default=BASELINE, help="git revision to compare with")
    parser.add_argument("--repeat", type=int, default=1, help="times each page is opened")
    args = parser.parse_args()
    G = entity_graph(build_graph(synthetic_extractions(args.entities)))
    sizes = pagerank(G)
    print(f"graph: {len(G):,} entities, {G.number_of_edges():,} relations", flush=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        old, old_state = baseline_viz(args.baseline, Path(tmp))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for count in map(int, args.sizes.split(",")):
            ranking = layout.rank_nodes(G, sizes)[:count]
            part = G.subgraph(ranking)
            laid, _ = timed(lambda part=part, ranking=ranking: layout.positions(part, ranking, 7))
            row: dict[str, Any] = {
                "count": count,
                "layout": laid,
                "relations": part.number_of_edges(),
            }
            pages = (("kg", write_html, "drawn"), ("baseline", old.write_html, old_state))
            for name, writer, _ in pages:
                path = Path(tmp) / f"{name}-{count}.html"
                rendered, _ = timed(
                    lambda writer=writer, path=path, count=count: writer(
                        G, path, title=f"{count} entities", sizes=sizes, max_nodes=count
                    )
                )
                row[name] = {"rendered": rendered, "mb": path.stat().st_size / 1e6, "runs": []}
            for repeat in range(args.repeat):
                for name, _, state in pages:
                    path = Path(tmp) / f"{name}-{count}.html"
                    first = args.shots is not None and repeat == 0
                    shot = args.shots / f"{name}-{count}.png" if first else None
                    opened = open_page(browser, path, state, shot)
                    row[name]["runs"].append(opened)
                    print(name, count, repeat, opened, flush=True)
            rows.append(row)
        browser.close()
    print(
        f"\n{args.repeat} openings of each page, in turn: median (min-max)\n\n"
        "| entities | relations | page | HTML MB | render in Python, s (layout) "
        "| navigation to drawn, s | in the page, s | page errors |\n"
        "|---|---|---|---|---|---|---|---|"
    )
    for row in rows:
        new, old_row = row["kg"], row["baseline"]
        nodes = new["runs"][0]["drawn"]
        new_s, old_s = seconds(new["runs"], "seconds"), seconds(old_row["runs"], "seconds")
        ratio = statistics.median(r["seconds"] for r in old_row["runs"]) / statistics.median(
            r["seconds"] for r in new["runs"]
        )
        print(
            f"| {nodes:,} | {row['relations']:,} | this checkout | "
            f"{new['mb']:.1f} | {new['rendered']:.2f} ({row['layout']:.2f}) | "
            f"**{new_s}** | {seconds(new['runs'], 'in_page')} | "
            f"{sum(len(r['errors']) for r in new['runs'])} |"
        )
        print(
            f"| {nodes:,} | {row['relations']:,} | {args.baseline} | "
            f"{old_row['mb']:.1f} ({old_row['mb'] / new['mb']:.1f}x) | "
            f"{old_row['rendered']:.2f} | {old_s} (**{ratio:.1f}x**) | "
            f"{seconds(old_row['runs'], 'in_page')} | "
            f"{sum(len(r['errors']) for r in old_row['runs'])} |"
        )


def seconds(runs: list[dict[str, Any]], key: str) -> str:
    """The median of ``key`` over ``runs``, and its range: "1.23 (1.10-1.40)"; "-" if none."""
    values = [run[key] for run in runs if run[key] is not None]
    if not values:
        return "-"
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def timed(run: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


if __name__ == "__main__":
    main()
