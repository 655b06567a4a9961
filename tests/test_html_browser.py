"""The HTML page in real headless Chromium: offline, complete, still, searchable, filterable,
and immune to hostile names. One browser for the session (conftest.chromium_browser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import HOSTILE, LLAMA, PILE, XSS, hostile_extraction, paper_a, paper_b

from kg import graph as kg_graph
from kg.sinks.html import render_html
from kg.viz import select

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
READY = "() => window.kgReady !== undefined"
SHOWN = "[network.body.nodeIndices.length, network.body.edgeIndices.length]"


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


def point_of(page, node_ids: list[str]) -> tuple[float, float]:
    """Page coordinates of a node's centre, or of the midpoint between two nodes."""
    return tuple(page.evaluate(
        """(ids) => { const pos = network.getPositions(ids);
                      const x = ids.reduce((s, id) => s + pos[id].x, 0) / ids.length;
                      const y = ids.reduce((s, id) => s + pos[id].y, 0) / ids.length;
                      const p = network.canvasToDOM({x: x, y: y});
                      const box = document.querySelector('#mynetwork canvas').getBoundingClientRect();
                      return [box.left + p.x, box.top + p.y]; }""", node_ids))


def hover(page, *node_ids: str) -> str:
    """Hover a node (one id) or the edge between two; the tooltip's text."""
    x, y = point_of(page, list(node_ids))
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=5)
    tooltip = page.locator("#kg-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    return tooltip.inner_text()


@pytest.fixture
def three_papers():
    return kg_graph.build([paper_a(), paper_b(), hostile_extraction()])


@pytest.fixture
def llama_page(chromium_browser, three_papers, tmp_path):
    """The page `kg viz Llama-2-7B --hops 2` writes, open in Chromium."""
    picked = select(three_papers, [LLAMA.id], hops=2)
    path = tmp_path / "llama.html"
    render_html(picked.graph, path, title="kg: Llama-2-7B", context=three_papers)
    page, seen = open_page(chromium_browser, path)
    yield picked.graph, page, seen, path
    page.close()


def test_page_loads_offline_draws_the_subgraph_and_stays_still(llama_page):
    graph, page, seen, path = llama_page
    assert page.evaluate(SHOWN) == [graph.number_of_nodes(), graph.number_of_edges()]
    assert page.locator("#kg-count").inner_text() == (
        f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges shown")
    assert sorted(page.evaluate("nodes.getIds()")) == sorted(graph)
    legend = page.locator("#kg-legend label").all_inner_texts()
    assert [t.strip() for t in legend] == ["Author (2)", "Benchmark (1)", "Dataset (1)",
                                           "Model (1)", "Organization (1)", "Paper (2)"]
    before = page.evaluate("network.getPositions()")
    page.wait_for_timeout(400)
    assert page.evaluate("network.getPositions()") == before  # no physics moving nodes
    assert page.locator("#loadingBar").count() == 0
    assert seen["requests"] == [path.as_uri()]
    assert seen["errors"] == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "graph.png"))


def test_hovering_nodes_and_edges_shows_their_tooltips(llama_page):
    _, page, seen, path = llama_page
    text = hover(page, LLAMA.id)
    assert "Llama-2-7B\nModel · model:llama-2-7b\naliases: LLaMA-2 7B, llama2-7b" in text
    text = hover(page, "paper:a")
    assert text.startswith("Paper A\n") and "date: 2023-07-18" in text
    link = page.locator("#kg-tooltip a")
    assert link.inner_text() == "arxiv: 2307.09288"
    assert link.get_attribute("href") == "https://arxiv.org/abs/2307.09288"
    text = hover(page, LLAMA.id, PILE.id)
    assert text.splitlines() == ["trained_on", "paper: Paper A", "“Trained on the Pile.”",
                                 "arxiv: 2307.09288"]
    box = page.locator("#mynetwork canvas").bounding_box()
    page.mouse.move(box["x"] + 3, box["y"] + 3)  # empty canvas
    page.locator("#kg-tooltip").wait_for(state="hidden", timeout=5_000)
    assert seen["requests"] == [path.as_uri()]  # links are shown, never loaded
    assert seen["errors"] == []


def test_search_selects_the_matches_and_enter_zooms_to_them(llama_page):
    _, page, _, _ = llama_page
    page.locator("#kg-search").fill("LLAMA2")  # an alias, any case
    assert page.evaluate("network.getSelectedNodes()") == [LLAMA.id]
    assert page.locator("#kg-found").inner_text() == "1 match"
    box = page.locator("#mynetwork canvas").bounding_box()
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert max(abs(a - b) for a, b in zip(point_of(page, [LLAMA.id]), centre)) > 50
    page.locator("#kg-search").press("Enter")
    assert max(abs(a - b) for a, b in zip(point_of(page, [LLAMA.id]), centre)) < 20  # its label counts too
    page.locator("#kg-search").fill("no such name")
    assert page.evaluate("network.getSelectedNodes()") == []
    assert page.locator("#kg-found").inner_text() == "0 matches"


def test_type_filter_hides_a_type_and_its_edges_and_brings_them_back(llama_page):
    graph, page, seen, _ = llama_page
    papers = {n for n, label in graph.nodes(data="label") if label == "Paper"}
    rest = graph.subgraph(set(graph) - papers)
    page.locator('#kg-legend input[data-type="Paper"]').uncheck()
    assert page.evaluate(SHOWN) == [rest.number_of_nodes(), rest.number_of_edges()]
    assert page.locator("#kg-count").inner_text().startswith(f"{len(rest)} nodes")
    page.locator("#kg-search").fill("Paper A")
    assert page.locator("#kg-found").inner_text() == "0 matches"  # hidden nodes are not found
    page.locator('#kg-legend input[data-type="Paper"]').check()
    assert page.evaluate(SHOWN) == [graph.number_of_nodes(), graph.number_of_edges()]
    assert seen["errors"] == []


def test_hostile_listing_stays_inert_in_labels_tooltips_links_and_legend(chromium_browser, tmp_path):
    title = '<a href="javascript:window.__pwned=1">x</a>' + XSS
    graph = kg_graph.build([paper_a(), hostile_extraction(title)])
    model = f"model:{HOSTILE}"
    graph.nodes[model]["external_ids"] = {"huggingface": XSS, "javascript:window.__pwned=1": XSS}
    graph.add_node("x:1", label=XSS, name=XSS)  # a hostile type reaches the legend
    path = tmp_path / "hostile.html"
    render_html(graph, path, title=XSS)
    page, seen = open_page(chromium_browser, path)
    scripts = page.locator("script").count()

    assert XSS in hover(page, f"paper:{HOSTILE}") and title in hover(page, f"paper:{HOSTILE}")
    text = hover(page, model)
    assert f"aliases: {XSS}" in text and f"huggingface: {XSS}" in text
    assert XSS in hover(page, f"paper:{HOSTILE}", model)  # the edge's evidence sentence
    page.mouse.click(*point_of(page, [model]))  # a pinned tooltip is built the same way
    hrefs = page.locator("#kg-tooltip a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs and all(h.startswith("https://huggingface.co/") for h in hrefs)
    assert XSS in page.locator("#kg-legend").inner_text() and XSS in page.title()
    assert HOSTILE in page.evaluate("nodes.get().map(n => n.label)")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0 and page.locator("script").count() == scripts
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
    graph = kg_graph.build([paper_a(), paper_b(), hostile_extraction()])
    picked = select(graph, [LLAMA.id], hops=3, max_nodes=4)
    path = tmp_path / "small.html"
    render_html(picked.graph, path, note=picked.note, context=graph)
    page, seen = open_page(chromium_browser, path)

    assert page.evaluate(SHOWN) == [4, picked.graph.number_of_edges()]
    note = page.locator("#kg-note").inner_text()
    assert note == picked.note and f"{len(picked.dropped)} nodes were left out" in note
    assert seen["errors"] == []
    page.close()
