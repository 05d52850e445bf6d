"""The entity graph without evidence from a store's summary, against reading the store; and
``kg analyze`` on the store, this checkout against another, in the same run.

Takes a store built by bench/scale.py (``--store``) or ``kg build --store``; reads, each
``--runs`` times, alternating:

- ``read``: ``entity_graph(graph, evidence=False)`` reading the store (a graph over it that
  does not know its folder: what every ``kg analyze --store`` did before the summary);
- ``make``: :func:`kg.analysis.projection.summarise` with no summary in the folder (reads the
  store, writes ``kg-projection.npz``; what the end of ``kg build --store`` adds);
- ``summary``: ``entity_graph(graph, evidence=False)`` of the store opened read-only, from
  the summary;

checks that the three give the same graph, then times ``kg analyze centrality``,
``communities``, ``chokepoints`` and ``change --at 2024-01-01`` on the store (wall time and
peak RSS by /usr/bin/time -v), with this checkout's kg and, given ``--baseline DIR``, with the
kg of the checkout in DIR (``PYTHONPATH=DIR``), one after the other. Prints Markdown.

    git archive main | tar -x -C /tmp/base     # the kg to compare with
    python bench/summary.py /tmp/store100k --baseline /tmp/base --runs 2
    python bench/summary.py /tmp/store100k --baseline /tmp/base --runs 5 --commands-only \
        --only centrality
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from kg.analysis.projection import entity_graph, summarise
from kg.analysis.summary import FILE_NAME
from kg.store import GraphStore, graph_over

COMMANDS = (
    ("centrality",),
    ("communities",),
    ("chokepoints",),
    ("change", "--at", "2024-01-01"),
)


def timed(run):
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def same(G, H) -> bool:
    return list(G.nodes(data=True)) == list(H.nodes(data=True)) and list(
        G.edges(keys=True, data=True)
    ) == list(H.edges(keys=True, data=True))


def projections(store: Path, runs: int) -> dict[str, list[float]]:
    seconds: dict[str, list[float]] = {"read": [], "make": [], "summary": []}
    for _ in range(runs):
        with GraphStore(store, read_only=True) as opened:
            read_time, read = timed(lambda: entity_graph(graph_over(opened.ox), evidence=False))
        seconds["read"].append(read_time)
        (store / FILE_NAME).unlink(missing_ok=True)
        with GraphStore(store, read_only=True) as opened:
            make_time, made = timed(lambda: summarise(opened.graph))
        assert made is not None, "no summary written"
        seconds["make"].append(make_time)
        with GraphStore(store, read_only=True) as opened:
            summary_time, summarised = timed(lambda: entity_graph(opened.graph, evidence=False))
        seconds["summary"].append(summary_time)
        assert same(read, summarised), "the summary's graph is not the store's"
        size = f"{read.number_of_nodes():,} entities, {read.number_of_edges():,} relations"
        del read, summarised
    print(f"projection without evidence, {size}", file=sys.stderr)
    return seconds


def command(
    args: tuple[str, ...], store: Path, checkout: Path | None
) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user and system) and peak RSS (GB) of ``kg analyze ARGS
    --store STORE``."""
    env = dict(os.environ)
    if checkout is not None:
        env["PYTHONPATH"] = str(checkout)
    done = subprocess.run(
        ["/usr/bin/time", "-v", sys.executable, "-m", "kg", "analyze", *args, "--store", store],
        env=env,
        cwd="/",  # not a checkout: `python -m` puts the working folder first on the path
        capture_output=True,
        text=True,
        check=True,
    )
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", done.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    cpu = re.findall(r"(?:User|System) time \(seconds\): (\S+)", done.stderr)
    assert wall and rss and len(cpu) == 2, done.stderr[-500:]
    minutes, _, secs = wall.group(1).rpartition(":")
    return int(minutes or 0) * 60 + float(secs), sum(map(float, cpu)), int(rss.group(1)) / 1e6


def _shown(measured: tuple[float, float, float] | None) -> str:
    if measured is None:
        return "-"
    wall, cpu, rss = measured
    return f"{wall:.1f} s, {cpu:.1f} s, {rss:.2f} GB"


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--baseline", type=Path, help="a checkout of kg to compare with")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--commands-only", action="store_true", help="skip the projections")
    parser.add_argument(
        "--only", action="append", help="time only this subcommand (centrality ...); repeatable"
    )
    args = parser.parse_args()
    with GraphStore(args.store, read_only=True) as opened:
        quads = len(opened.ox)
    print(f"store {args.store}: {quads:,} quads; load {load()}", file=sys.stderr)
    if not args.commands_only:
        seconds = projections(args.store, args.runs)
        print("| projection without evidence | seconds (each run) | best |")
        print("|---|---|---|")
        for name, values in seconds.items():
            print(f"| {name} | {', '.join(f'{v:.2f}' for v in values)} | {min(values):.2f} |")
        ratio = min(seconds["read"]) / min(seconds["summary"])
        print(f"\nread / summary (best of each): {ratio:.1f}x; load {load()}\n")
    print(
        "| command | this checkout: wall, CPU, peak RSS | baseline: wall, CPU, peak RSS "
        "| ratio (wall) |"
    )
    print("|---|---|---|---|")
    for run in range(args.runs):
        for analysis in [c for c in COMMANDS if not args.only or c[0] in args.only]:
            ours = command(analysis, args.store, None)
            base = command(analysis, args.store, args.baseline) if args.baseline else None
            ratio_text = f"{base[0] / ours[0]:.1f}x" if base else "-"
            print(
                f"| `kg analyze {' '.join(analysis)}` (run {run + 1}, load {load()}) "
                f"| {_shown(ours)} | {_shown(base)} | {ratio_text} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
