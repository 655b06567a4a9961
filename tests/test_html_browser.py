"""The HTML page in real headless Chromium: offline, complete, and immune to hostile names."""

from __future__ import annotations

from pathlib import Path

from conftest import HOSTILE, XSS, hostile_extraction, paper_a

from kg import graph as kg_graph
from kg.sinks.html import render_html

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
# The page is ready once stabilisation has run and switched physics off.
READY = "() => window.network && network.physics.options.enabled === false"


def open_page(browser, path: Path):
    """Open `path` recording every request and every console/page error."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    seen = {"requests": [], "errors": []}
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("console", lambda msg: msg.type == "error" and seen["errors"].append(msg.text))
    page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))
    # Anything but the file itself is aborted, so a leak cannot reach the network either.
    page.route("**/*", lambda route: route.continue_() if route.request.url == path.as_uri()
               else route.abort())
    page.goto(path.as_uri())
    page.wait_for_function(READY, timeout=15_000)
    return page, seen


def hover(page, node_id: str) -> None:
    """Move the mouse onto a node's centre (canvas coordinates -> page coordinates)."""
    x, y = page.evaluate(
        """(id) => { const p = network.canvasToDOM(network.getPositions([id])[id]);
                     const box = document.querySelector('#mynetwork canvas')
                                       .getBoundingClientRect();
                     return [box.left + p.x, box.top + p.y]; }""", node_id)
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=5)


def test_page_renders_offline_and_escapes_hostile_names(chromium_browser, tmp_path):
    graph = kg_graph.build([paper_a(), hostile_extraction()])
    path = tmp_path / "graph.html"
    render_html(graph, path)
    page, seen = open_page(chromium_browser, path)

    assert seen["requests"] == [path.as_uri()]
    assert page.evaluate("[nodes.length, edges.length]") == [
        graph.number_of_nodes(), graph.number_of_edges()]
    hostile_paper = next(n for n, t in graph.nodes(data="title") if t == XSS)
    hover(page, hostile_paper)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert XSS in tooltip.inner_text()  # the markup reads back as plain text, and never runs
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert seen["errors"] == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "graph.png"))
    page.close()


def test_href_in_a_title_keeps_the_inert_vis_tooltip(chromium_browser, tmp_path):
    # pyvis would switch to its innerHTML popup if any title contained "href".
    title = '<a href="javascript:window.__pwned=1">x</a>' + XSS
    graph = kg_graph.build([hostile_extraction(title)])
    path = tmp_path / "href.html"
    render_html(graph, path)
    page, seen = open_page(chromium_browser, path)

    paper = next(n for n, t in graph.nodes(data="title") if t == title)
    hover(page, paper)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert title in tooltip.inner_text()
    assert page.locator("div.popup").count() == 0
    assert page.locator("#mynetwork img, #mynetwork a, #mynetwork script").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert seen["requests"] == [path.as_uri()]
    assert seen["errors"] == []
    page.close()


def test_labels_reach_the_canvas_as_the_original_text(chromium_browser, tmp_path):
    graph = kg_graph.build([hostile_extraction()])
    path = tmp_path / "labels.html"
    render_html(graph, path)
    page, _ = open_page(chromium_browser, path)

    labels = page.evaluate("nodes.get().map(n => n.label)")
    assert HOSTILE in labels
    assert XSS[:39] + "…" in labels  # long names are cut on the text, not on an entity
    page.close()


def test_truncated_page_draws_only_the_kept_nodes_and_says_so(chromium_browser, tmp_path):
    graph = kg_graph.build([paper_a(), hostile_extraction()])
    path = tmp_path / "small.html"
    report = render_html(graph, path, max_nodes=4)
    page, seen = open_page(chromium_browser, path)

    assert page.evaluate("nodes.length") == report.nodes_shown == 4
    assert page.evaluate("edges.length") == report.edges_shown
    note = page.locator("#kg-note").inner_text()
    assert f"{graph.number_of_nodes() - 4} nodes were left out" in note
    assert seen["errors"] == []
    page.close()
