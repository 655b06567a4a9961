"""The HTML sink: graph -> one self-contained interactive page (pyvis / vis-network).

The page loads nothing from the network: vis-network is inlined (`cdn_resources="in_line"`),
the CDN tags pyvis' template adds anyway are removed, and a Content-Security-Policy forbids
any fetch. Every string taken from the input is HTML-escaped before it becomes a label or a
tooltip, so node and edge data hold only markup this module wrote; in the page, titles are
parsed into tooltip elements and labels back into plain text for the canvas. Over
`max_nodes`, only the most connected nodes are drawn and the page says how many were left
out. Physics runs a short stabilisation, then is switched off so big graphs stay responsive.
The only side effect is writing the page to the path given (never the cwd).
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from kg.errors import KgError
from kg.graph import most_connected
from kg.sinks.files import write_atomic

# label -> (colour, vis shape)
_STYLE = {
    "Paper": ("#4e79a7", "square"),
    "Model": ("#f28e2b", "dot"),
    "Dataset": ("#59a14f", "diamond"),
    "Benchmark": ("#e15759", "triangle"),
    "Organization": ("#b07aa1", "hexagon"),
    "Author": ("#9d9d9d", "star"),
}
_DEFAULT_STYLE = ("#bab0ac", "ellipse")
_LABEL_CHARS = 40

_OPTIONS = {
    "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "color": {"color": "#9a9a9a", "highlight": "#333333", "inherit": False},
        "font": {"size": 10, "align": "middle", "color": "#555555"},
        "smooth": {"enabled": True, "type": "continuous"},
    },
    "interaction": {"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": True},
    "physics": {
        "enabled": True,
        "solver": "barnesHut",
        "barnesHut": {"gravitationalConstant": -8000, "springLength": 140},
        "stabilization": {"enabled": True, "iterations": 200, "updateInterval": 25, "fit": True},
    },
}

# Blocks any fetch even if some remote URL slipped through; inline code and data: images only.
_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:")
_REMOTE_TAG = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>\s*</script>"
    r"|<link\b[^>]*\bhref\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>",
    re.IGNORECASE,
)
REMOTE_RESOURCE = re.compile(
    r"\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//|url\(\s*[\"']?\s*(?:https?:)?//|@import\b",
    re.IGNORECASE,
)
_CONSTRUCT = "network = new vis.Network(container, data, options);"
# Runs where pyvis constructs the network. Titles become elements (vis shows a string title
# as literal text) built by the inert DOMParser; labels become plain text for the canvas.
# The stabilisation listener is attached before the data arrives, because a small graph can
# finish stabilising inside setData.
_CONSTRUCT_FROZEN = """
                  var kgParse = function (text) {
                      return new DOMParser().parseFromString(text || '', 'text/html').body;
                  };
                  var kgTitle = function (text) {
                      var box = document.createElement('div');
                      box.style.whiteSpace = 'normal';
                      box.style.maxWidth = '36em';
                      box.append(...kgParse(text).childNodes);
                      return box;
                  };
                  var kgDisplay = function (item) {
                      return {id: item.id, label: kgParse(item.label).textContent,
                              title: kgTitle(item.title)};
                  };
                  nodes.update(nodes.get().map(kgDisplay));
                  edges.update(edges.get().map(kgDisplay));
                  network = new vis.Network(container, {}, options);
                  network.once('stabilizationIterationsDone', function () {
                      network.setOptions({physics: {enabled: false}});
                  });
                  network.setData(data);"""


@dataclass(frozen=True, slots=True)
class HtmlReport:
    """What a rendered page shows: its path, nodes drawn, nodes left out, edges drawn."""

    path: Path
    nodes_shown: int
    nodes_dropped: int
    edges_shown: int


def _text(value: object) -> str:
    return html.escape(str(value))


def _title(lines: list[str]) -> str:
    """Tooltip markup: escaped lines, the first in bold."""
    first, *rest = [_text(line) for line in lines]
    markup = "<br>".join([f"<b>{first}</b>", *rest])
    # pyvis swaps every tooltip for its own innerHTML popup (no edge tooltips) as soon as a
    # title contains "href"; an entity for the r keeps the text and vis' own tooltip.
    return markup.replace("href", "h&#114;ef")


def _node_options(graph: nx.MultiDiGraph, node: str, attrs: dict) -> dict:
    label = attrs.get("label", "")
    colour, shape = _STYLE.get(label, _DEFAULT_STYLE)
    name = str(attrs.get("name") or node)
    short = name if len(name) <= _LABEL_CHARS else name[: _LABEL_CHARS - 1] + "…"
    lines = [name, f"{label} · {node}"]
    if attrs.get("aliases"):
        lines.append("aliases: " + ", ".join(map(str, attrs["aliases"])))
    if attrs.get("date"):
        lines.append(f"date: {attrs['date']}")
    return {
        "label": _text(short), "title": _title(lines),
        "color": colour, "shape": shape, "size": 10 + 4 * math.sqrt(graph.degree(node)),
    }


def _edge_options(full: nx.MultiDiGraph, attrs: dict) -> dict:
    edge_type = str(attrs.get("type", ""))
    lines = [edge_type]
    if attrs.get("evidence"):
        lines.append(f"evidence: {attrs['evidence']}")
    if attrs.get("metric") or attrs.get("value"):
        lines.append(f"score: {attrs.get('metric') or ''} {attrs.get('value') or ''}".rstrip())
    if attrs.get("mentions"):
        lines.append(f"as: {', '.join(map(str, attrs['mentions']))} ({attrs.get('count', '?')}×)")
    paper = attrs.get("paper")
    if paper:
        lines.append(f"paper: {full.nodes.get(paper, {}).get('title') or paper}")
    return {"label": _text(edge_type), "title": _title(lines)}


def _network(shown: nx.MultiDiGraph, full: nx.MultiDiGraph) -> Network:
    net = Network(height="780px", width="100%", directed=True, cdn_resources="in_line")
    net.set_options(json.dumps(_OPTIONS))
    for node, attrs in shown.nodes(data=True):
        net.add_node(node, **_node_options(shown, node, attrs))
    for index, (source, target, attrs) in enumerate(shown.edges(data=True)):
        net.add_edge(source, target, id=f"e{index}", **_edge_options(full, attrs))
    return net


def _finish_page(page: str, title: str, note: str) -> str:
    """Strip remote tags and empty headings, add CSP, title, note and the physics switch-off."""
    page = _REMOTE_TAG.sub("", page)
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)
    if page.count(_CONSTRUCT) != 1 or page.count("<head>") != 1 or page.count("<body>") != 1:
        raise KgError("pyvis template changed: cannot find where to hook the HTML page")
    page = page.replace(_CONSTRUCT, _CONSTRUCT_FROZEN)
    head = (f'<head>\n<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
            f"<title>{html.escape(title)}</title>")
    page = page.replace("<head>", head)
    header = f'<body>\n<h1 id="kg-title">{html.escape(title)}</h1>'
    if note:
        header += f'\n<p id="kg-note" style="color:#a33">{html.escape(note)}</p>'
    page = "<!DOCTYPE html>\n" + page.replace("<body>", header)
    leftover = REMOTE_RESOURCE.search(page)
    if leftover:
        near = page[leftover.start():][:80]
        raise KgError(f"HTML page would load a remote resource near {near!r}")
    return page


def render_html(graph: nx.MultiDiGraph, path: Path, max_nodes: int = 2000,
                title: str = "kg: knowledge graph") -> HtmlReport:
    """Write an interactive, offline HTML view of `graph` to `path`."""
    shown, dropped = most_connected(graph, max_nodes) if len(graph) > max_nodes else (graph, 0)
    note = ""
    if dropped:
        note = (f"Showing the {len(shown)} most connected of {len(graph)} nodes; "
                f"{dropped} nodes were left out.")
    page = _finish_page(_network(shown, graph).generate_html(), title, note)
    write_atomic(Path(path), page)
    return HtmlReport(Path(path), len(shown), dropped, shown.number_of_edges())


class HtmlSink:
    """Writes the graph as one self-contained interactive HTML page."""

    name = "html"

    def __init__(self, path: Path, max_nodes: int = 2000, title: str = "kg: knowledge graph"):
        self.path = Path(path)
        self.max_nodes = max_nodes
        self.title = title

    def write(self, graph: nx.MultiDiGraph) -> Path:
        return render_html(graph, self.path, self.max_nodes, self.title).path
