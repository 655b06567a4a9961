"""Render benchmark: synthetic graphs of 500, 2,000 and 5,000 nodes -> `kg viz` pages -> headless
Chromium; prints how long each takes to be drawn and still.

Usage: .venv/bin/python bench/viz_render.py [--sizes 500,2000,5000] [--edges-per-node 2.5]
       [--runs 3] [--keep DIR] [--screenshot PNG --graph DIR --name NAME ...]
Needs Debian's /usr/bin/chromium and the playwright package (never downloads a browser).

Per size it prints: Python time (layout, and the whole `render_html` including the layout) and
the page's size; then, in the browser, the time from navigation start to the first frame drawn
with the final layout (`window.kgReady`, set on vis-network's first `afterDrawing`; physics is
off, so that frame is the settled layout), and the wall time of `page.goto` until then, best and
median of --runs fresh tabs. With --screenshot it instead writes the README picture: the
`kg viz NAME… --hops 2` page of the graph in --graph (default names: MMLU, GPT-4o, which
suit the example build), as a PNG. Side effects: files in a temporary
folder (or --keep), the PNG if asked.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright

from kg.sinks.html import layout_positions, render_html

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
LABELS = ("Paper", "Model", "Dataset", "Benchmark", "Author")
RELATIONS = ("MENTIONS", "EVALUATED_ON", "TRAINED_ON", "BASED_ON", "INTRODUCES")


def synthetic(nodes: int, edges_per_node: float, seed: int = 1) -> nx.MultiDiGraph:
    """A connected graph with kg's attributes and heavy-tailed degrees (early nodes are hubs)."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    for i in range(nodes):
        label = LABELS[i % len(LABELS)]
        graph.add_node(f"n{i}", label=label, name=f"{label} {i}", aliases=[f"alias-{i}"],
                       date=f"2024-{1 + i % 12:02d}-01" if label == "Paper" else None)
        for _ in range(max(1, round(rng.expovariate(1 / edges_per_node))) if i else 0):
            target = f"n{int(i * rng.random() ** 2.5)}"
            graph.add_edge(f"n{i}", target, type=rng.choice(RELATIONS), paper="n0",
                           evidence=f"Sentence {i} about {target}.")
    return graph


def time_python(graph: nx.MultiDiGraph, path: Path) -> tuple[float, float]:
    began = time.perf_counter()
    layout_positions(graph)
    layout = time.perf_counter() - began
    began = time.perf_counter()
    render_html(graph, path, max_nodes=len(graph), title=f"{len(graph)} nodes")
    return layout, time.perf_counter() - began


def time_browser(browser, path: Path) -> tuple[float, float]:
    """(ms from navigation start to the settled frame, wall ms of goto until then)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    began = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("() => window.kgReady !== undefined", timeout=120_000)
    wall = (time.perf_counter() - began) * 1000
    ready = page.evaluate("window.kgReady")
    page.close()
    if errors:
        raise SystemExit(f"{path}: page errors: {errors}")
    return ready, wall


def bench(sizes: list[int], per_node: float, runs: int, folder: Path) -> None:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        print(f"{'nodes':>6} {'edges':>7} {'layout s':>9} {'render s':>9} {'page MB':>8} "
              f"{'settled ms (best/median)':>25} {'goto->settled ms':>17}")
        for size in sizes:
            graph = synthetic(size, per_node)
            path = folder / f"viz-{size}.html"
            layout, render = time_python(graph, path)
            times = [time_browser(browser, path) for _ in range(runs)]
            ready = sorted(t[0] for t in times)
            wall = statistics.median(t[1] for t in times)
            print(f"{size:>6} {graph.number_of_edges():>7} {layout:>9.2f} {render:>9.2f} "
                  f"{path.stat().st_size / 1e6:>8.1f} {ready[0]:>12.0f} / {statistics.median(ready):<10.0f}"
                  f"{wall:>17.0f}", flush=True)
        browser.close()


def screenshot(graph_dir: Path, names: list[str], png: Path) -> None:
    """The README picture: `kg viz NAMES --hops 2 --graph GRAPH_DIR` in a 1400x900 tab."""
    from typer.testing import CliRunner

    from kg.cli import app

    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "viz.html"
        result = CliRunner().invoke(app, ["viz", *names, "--graph", str(graph_dir), "--hops", "2",
                                          "--out", str(page_path)])
        if result.exit_code:
            raise SystemExit(result.output)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(page_path.as_uri())
            page.wait_for_function("() => window.kgReady !== undefined")
            page.screenshot(path=str(png))
            browser.close()
    print(f"wrote {png}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000,5000")
    parser.add_argument("--edges-per-node", type=float, default=2.5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the pages here instead of a temp folder")
    parser.add_argument("--screenshot", type=Path, help="write the README picture here and stop")
    parser.add_argument("--graph", type=Path, default=Path("exports"))
    parser.add_argument("--name", action="append", help="a name to centre on (repeatable)")
    args = parser.parse_args()
    if args.screenshot:
        screenshot(args.graph, args.name or ["MMLU", "GPT-4o"], args.screenshot)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        bench(sizes, args.edges_per_node, args.runs, args.keep)
        return
    with tempfile.TemporaryDirectory() as tmp:
        bench(sizes, args.edges_per_node, args.runs, Path(tmp))


if __name__ == "__main__":
    main()
