"""The HTML sink: graph -> one self-contained interactive page (pyvis / vis-network).

The page loads nothing from the network: vis-network is inlined (`cdn_resources="in_line"`),
the CDN tags pyvis' template adds anyway are removed, and a Content-Security-Policy forbids
any fetch. Every string taken from the input is HTML-escaped before it enters the page; the
page's own script (`_PAGE_SCRIPT`) decodes it with a string function and writes it only as
`textContent` or canvas text, never as markup, so hostile names stay text twice over.

The layout is computed here (igraph's Fruchterman-Reingold, grid variant for big graphs) and
passed as fixed x/y with physics off: the page is still from its first frame, with no
loading bar, and 5,000 nodes draw in about a second. The page has a legend with one checkbox
per node type (filter), a search box, tooltips built from structured data (hover; click pins
them so their links can be followed; nothing is loaded until clicked), and a note saying what
was left out. Over `max_nodes`, only the most connected nodes are drawn.
The only side effect is writing the page to the path given (never the cwd).
"""

from __future__ import annotations

import html
import json
import math
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import networkx as nx
import numpy as np
from pyvis.network import Network

from kg.errors import KgError
from kg.graph import most_connected
from kg.sinks.files import write_atomic

# label -> (colour, vis shape); the legend draws the same shapes in SVG.
_STYLE = {
    "Paper": ("#4e79a7", "square"),
    "Model": ("#f28e2b", "dot"),
    "Dataset": ("#59a14f", "diamond"),
    "Benchmark": ("#e15759", "triangle"),
    "Organization": ("#b07aa1", "hexagon"),
    "Author": ("#9d9d9d", "star"),
}
_DEFAULT_STYLE = ("#bab0ac", "ellipse")
_SVG_SHAPES = {
    "square": '<rect x="2" y="2" width="12" height="12"/>',
    "dot": '<circle cx="8" cy="8" r="6"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
    "triangle": '<polygon points="8,1 15,14 1,14"/>',
    "hexagon": '<polygon points="4,2 12,2 15,8 12,14 4,14 1,8"/>',
    "star": '<polygon points="8,1 10,6 15,6 11,9 13,15 8,11 3,15 5,9 1,6 6,6"/>',
    "ellipse": '<ellipse cx="8" cy="8" rx="7" ry="4"/>',
}
# External ids that have a stable public page; others are shown as text.
_LINKS = {"huggingface": "https://huggingface.co/{}", "arxiv": "https://arxiv.org/abs/{}"}
_LABEL_CHARS = 40
_EDGE_SPACING = 150.0  # median edge length on the canvas, in vis units (≈ px at zoom 1)
_NODE_GAP = 120.0  # wanted distance from a node to its nearest neighbour
_LAYOUT_SEED = 7

_OPTIONS = {
    "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "color": {"color": "#9a9a9a", "highlight": "#333333", "hover": "#333333", "inherit": False},
        "font": {"size": 10, "align": "middle", "color": "#555555"},
        "smooth": False,
    },
    "interaction": {"hover": True, "hideEdgesOnDrag": True},
    "layout": {"improvedLayout": False},
    # The layout comes from Python; physics would only move nodes the user did not move.
    "physics": {"enabled": False},
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

_PAGE_STYLE = """<style>
body { font-family: sans-serif; margin: 8px; }
#kg-title { font-size: 1.3em; margin: 0 0 4px; }
#kg-panel { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; margin: 4px 0; }
#kg-legend label { margin-right: 10px; white-space: nowrap; cursor: pointer; }
#kg-legend svg { vertical-align: middle; }
#kg-count, #kg-found { color: #555; }
#kg-note { color: #a33; margin: 2px 0; }
#kg-tooltip { position: absolute; z-index: 10; max-width: 36em; padding: 6px 8px;
  background: #fffff4; border: 1px solid #999; border-radius: 3px; font-size: 13px;
  box-shadow: 2px 2px 6px rgba(0,0,0,.2); overflow-wrap: anywhere; pointer-events: none; }
#kg-tooltip.kg-pinned { pointer-events: auto; border-color: #333; }
#kg-tooltip .kg-head { font-weight: bold; }
#kg-tooltip .kg-quote { font-style: italic; }
</style>"""

# Defined in <head>, called where pyvis would construct the network. Input text arrives
# HTML-escaped; kgText decodes it as a string and it is only ever set as textContent.
_PAGE_SCRIPT = """<script>
var KG_ENTITIES = {'&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'"};
function kgText(s) {
  return String(s == null ? '' : s).replace(/&(?:amp|lt|gt|quot|#x27);/g,
                                            function (m) { return KG_ENTITIES[m]; });
}
function kgFold(s) { return kgText(s).normalize('NFKC').toLowerCase(); }
function kgLine(tag, cls, text) {
  var el = document.createElement(tag);
  if (cls) { el.className = cls; }
  el.textContent = kgText(text);
  return el;
}
function kgCard(info) {
  var card = document.createElement('div');
  card.append(kgLine('div', 'kg-head', info.head));
  (info.lines || []).forEach(function (line) { card.append(kgLine('div', '', line)); });
  if (info.quote) { card.append(kgLine('div', 'kg-quote', '\\u201c' + kgText(info.quote) + '\\u201d')); }
  (info.links || []).forEach(function (link) {
    var url = kgText(link[1]), row = document.createElement('div');
    if (/^https:\\/\\/[^\\s]+$/.test(url)) {
      var a = kgLine('a', '', link[0]);
      a.href = url; a.target = '_blank'; a.rel = 'noopener noreferrer';
      row.append(a);
    } else { row.append(kgLine('span', '', link[0])); }
    card.append(row);
  });
  return card;
}
function kgTooltips(network, container) {
  var tip = document.getElementById('kg-tooltip'), pinned = false;
  function show(item, pointer) {
    tip.replaceChildren(kgCard(item.kg || {head: item.id}));
    var box = container.getBoundingClientRect();
    tip.style.left = (box.left + window.scrollX + pointer.x + 14) + 'px';
    tip.style.top = (box.top + window.scrollY + pointer.y + 14) + 'px';
    tip.hidden = false;
  }
  function hide() { if (!pinned) { tip.hidden = true; } }
  network.on('hoverNode', function (p) { if (!pinned) { show(nodes.get(p.node), p.pointer.DOM); } });
  network.on('hoverEdge', function (p) { if (!pinned) { show(edges.get(p.edge), p.pointer.DOM); } });
  network.on('blurNode', hide);
  network.on('blurEdge', hide);
  container.addEventListener('mouseleave', hide);
  // A click pins the tooltip (it then takes the mouse, so its links can be followed).
  function pin(on) { pinned = on; tip.classList.toggle('kg-pinned', on); }
  network.on('click', function (p) {
    var item = p.nodes.length ? nodes.get(p.nodes[0]) : p.edges.length ? edges.get(p.edges[0]) : null;
    pin(false);
    if (item) { show(item, p.pointer.DOM); pin(true); } else { hide(); }
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { pin(false); hide(); }
  });
}
function kgCount(network) {
  document.getElementById('kg-count').textContent = network.body.nodeIndices.length +
      ' nodes, ' + network.body.edgeIndices.length + ' edges shown';
}
function kgSearch(network) {
  var box = document.getElementById('kg-search'), found = document.getElementById('kg-found');
  var index = nodes.get().map(function (n) {
    return [n.id, [n.id].concat((n.kg && n.kg.names) || []).map(kgFold).join('\\n')];
  });
  function run(focus) {
    var query = kgFold(box.value.trim());
    var ids = !query ? [] : index.filter(function (entry) {
      return entry[1].indexOf(query) >= 0 && !nodes.get(entry[0]).hidden;
    }).map(function (entry) { return entry[0]; });
    network.selectNodes(ids, false);
    found.textContent = query ? ids.length + (ids.length === 1 ? ' match' : ' matches') : '';
    if (focus && ids.length) { network.fit({nodes: ids, animation: false}); }
  }
  box.addEventListener('input', function () { run(false); });
  box.addEventListener('keydown', function (e) { if (e.key === 'Enter') { run(true); } });
}
function kgFilter(network) {
  document.querySelectorAll('#kg-legend input[data-type]').forEach(function (box) {
    box.addEventListener('change', function () {
      var ofType = nodes.get({filter: function (n) { return kgText(n.kg && n.kg.kind) === box.dataset.type; }});
      nodes.update(ofType.map(function (n) { return {id: n.id, hidden: !box.checked}; }));
      kgCount(network);
    });
  });
}
function kgStart(container, data, options) {
  nodes.update(nodes.get().map(function (n) { return {id: n.id, label: kgText(n.label)}; }));
  edges.update(edges.get().map(function (e) { return {id: e.id, label: kgText(e.label)}; }));
  var network = new vis.Network(container, data, options);
  network.once('afterDrawing', function () { window.kgReady = performance.now(); });
  kgTooltips(network, container);
  kgSearch(network);
  kgFilter(network);
  kgCount(network);
  return network;
}
</script>"""


@dataclass(frozen=True, slots=True)
class HtmlReport:
    """What a rendered page shows: its path, nodes drawn, nodes left out, edges drawn."""

    path: Path
    nodes_shown: int
    nodes_dropped: int
    edges_shown: int


def _text(value: object) -> str:
    return html.escape(str(value))


def layout_positions(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Fixed x/y per node: Fruchterman-Reingold (igraph, deterministic), median edge 150 units."""
    import igraph

    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    pairs = sorted({tuple(sorted((index[u], index[v]))) for u, v in graph.edges() if u != v})
    small = igraph.Graph(n=len(nodes), edges=pairs)
    # igraph draws from a module-wide generator; a private seeded one makes pages reproducible.
    igraph.set_random_number_generator(random.Random(_LAYOUT_SEED))
    try:
        coords = small.layout_fruchterman_reingold(grid=len(nodes) > 1000).coords if nodes else []
    finally:
        igraph.set_random_number_generator(random)
    xy = np.asarray(coords, dtype=float).reshape(len(nodes), 2) * _scale(coords, pairs)
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in zip(nodes, xy.tolist())}


def _scale(coords: list, pairs: list[tuple[int, int]]) -> float:
    """Layout units -> canvas units: median edge `_EDGE_SPACING`, stretched (up to 3x) so that
    nine nodes in ten keep `_NODE_GAP` to their nearest neighbour and labels stay readable."""
    xy = np.asarray(coords, dtype=float)
    if len(xy) < 2:
        return 1.0
    lengths = np.linalg.norm(xy[[a for a, _ in pairs]] - xy[[b for _, b in pairs]], axis=1)
    scale = _EDGE_SPACING / (float(np.median(lengths)) or 1.0) if len(pairs) else 1.0
    # The 10th percentile is estimated on at most ~1,000 nodes, so big graphs stay fast.
    sample = np.arange(0, len(xy), max(1, len(xy) // 1000))
    distances = np.linalg.norm(xy[sample, None, :] - xy[None, :, :], axis=2)
    distances[np.arange(len(sample)), sample] = np.inf
    nearest = distances.min(axis=1)
    gap = float(np.percentile(nearest, 10)) * scale
    return scale * min(max(_NODE_GAP / gap, 1.0), 3.0) if gap > 0 else scale


def _links(attrs: dict) -> list[list[str]]:
    """[text, url] for every external id; url empty for schemes without a known page."""
    external = dict(attrs.get("external_ids") or {})
    if attrs.get("arxiv_id"):
        external.setdefault("arxiv", attrs["arxiv_id"])
    links = []
    for scheme, value in sorted(external.items()):
        pattern = _LINKS.get(str(scheme), "")
        if scheme == "huggingface" and attrs.get("label") in ("Dataset", "Benchmark"):
            pattern = "https://huggingface.co/datasets/{}"
        url = pattern.format(quote(str(value), safe="/-._~")) if pattern else ""
        links.append([_text(f"{scheme}: {value}"), _text(url)])
    return links


def _node_info(graph: nx.MultiDiGraph, node: str, attrs: dict) -> dict:
    """Tooltip and search data of a node, every string escaped."""
    label = str(attrs.get("label") or "")
    name = str(attrs.get("name") or node)
    aliases = [str(a) for a in attrs.get("aliases") or ()]
    lines = [f"{label} · {node}"]
    if aliases:
        lines.append("aliases: " + ", ".join(aliases))
    for field in ("date", "family", "params", "organization"):
        if attrs.get(field):
            lines.append(f"{field}: {attrs[field]}")
    lines.append(f"{graph.degree(node)} connections in this view")
    return {"head": _text(name), "kind": _text(label), "lines": [_text(x) for x in lines],
            "names": [_text(x) for x in (name, *aliases)], "links": _links(attrs)}


def _node_options(graph: nx.MultiDiGraph, node: str, attrs: dict,
                  position: tuple[float, float]) -> dict:
    colour, shape = _STYLE.get(str(attrs.get("label") or ""), _DEFAULT_STYLE)
    name = str(attrs.get("name") or node)
    short = name if len(name) <= _LABEL_CHARS else name[: _LABEL_CHARS - 1] + "…"
    # Size grows with the log of the degree so hubs stand out without covering the page.
    size = min(10 + 5 * math.log2(1 + graph.degree(node)), 60)
    return {"label": _text(short), "color": colour, "shape": shape, "size": round(size, 1),
            "x": position[0], "y": position[1], "kg": _node_info(graph, node, attrs)}


def _edge_info(context: nx.MultiDiGraph, attrs: dict) -> dict:
    """Tooltip data of an edge: relation, score, evidence sentence, paper; every string escaped."""
    edge_type = str(attrs.get("type", "")).lower()
    score = " ".join(str(attrs[k]) for k in ("metric", "value") if attrs.get(k))
    lines = []
    if attrs.get("mentions"):
        lines.append(f"as: {', '.join(map(str, attrs['mentions']))} ({attrs.get('count', '?')}×)")
    paper = attrs.get("paper")
    paper_attrs = context.nodes.get(paper, {}) if paper else {}
    if paper:
        lines.append(f"paper: {paper_attrs.get('title') or paper}")
    return {"head": _text(f"{edge_type} · {score}" if score else edge_type),
            "lines": [_text(x) for x in lines],
            "quote": _text(attrs["evidence"]) if attrs.get("evidence") else "",
            "links": [link for link in _links(paper_attrs) if link[0].startswith("arxiv")]}


def _smooth(pair_index: int) -> dict | bool:
    """Parallel edges (the same fact from several papers) fan out instead of overlapping."""
    if pair_index == 0:
        return False
    side = "curvedCW" if pair_index % 2 else "curvedCCW"
    return {"enabled": True, "type": side, "roundness": 0.15 * ((pair_index + 1) // 2)}


def _network(shown: nx.MultiDiGraph, context: nx.MultiDiGraph) -> Network:
    net = Network(height="80vh", width="100%", directed=True, cdn_resources="in_line")
    options = json.loads(json.dumps(_OPTIONS))
    # Hiding edges while zooming keeps big graphs fluid; small ones keep them.
    options["interaction"]["hideEdgesOnZoom"] = shown.number_of_edges() > 2000
    net.set_options(json.dumps(options))
    positions = layout_positions(shown)
    for node, attrs in shown.nodes(data=True):
        net.add_node(node, **_node_options(shown, node, attrs, positions[node]))
    pairs: Counter = Counter()
    for index, (source, target, attrs) in enumerate(shown.edges(data=True)):
        pair = frozenset((source, target))
        net.add_edge(source, target, id=f"e{index}", label=_text(str(attrs.get("type", "")).lower()),
                     smooth=_smooth(pairs[pair]), kg=_edge_info(context, attrs))
        pairs[pair] += 1
    return net


def _legend(graph: nx.MultiDiGraph) -> str:
    """One checkbox per node type present: its shape in its colour, its name and count."""
    counts = Counter(str(label or "") for _, label in graph.nodes(data="label"))
    rows = []
    for label, count in sorted(counts.items()):
        colour, shape = _STYLE.get(label, _DEFAULT_STYLE)
        svg = (f'<svg width="16" height="16" viewBox="0 0 16 16" fill="{colour}" '
               f'stroke="#555" aria-hidden="true">{_SVG_SHAPES[shape]}</svg>')
        rows.append(f'<label><input type="checkbox" checked data-type="{_text(label)}"> {svg} '
                    f"{_text(label or 'other')} ({count})</label>")
    return '<div id="kg-legend">' + "".join(rows) + "</div>"


def _header(graph: nx.MultiDiGraph, title: str, note: str) -> str:
    """Title, search box, legend/filter, visible counts, note and the tooltip element."""
    parts = [f'<h1 id="kg-title">{_text(title)}</h1>', '<div id="kg-panel">',
             '<input id="kg-search" type="search" placeholder="Search names and aliases; '
             'Enter zooms to them" size="40" aria-label="Search nodes">',
             '<span id="kg-found"></span>', _legend(graph), '<span id="kg-count"></span>', "</div>"]
    if note:
        parts.append(f'<p id="kg-note">{_text(note)}</p>')
    parts.append('<div id="kg-tooltip" role="tooltip" hidden></div>')
    return "\n".join(parts)


def _finish_page(page: str, header: str, title: str) -> str:
    """Strip remote tags and empty headings; add CSP, title, style, script and the header."""
    page = _REMOTE_TAG.sub("", page)
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)
    if page.count(_CONSTRUCT) != 1 or page.count("<head>") != 1 or page.count("<body>") != 1:
        raise KgError("pyvis template changed: cannot find where to hook the HTML page")
    page = page.replace(_CONSTRUCT, "network = kgStart(container, data, options);")
    head = (f'<head>\n<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
            f"<title>{_text(title)}</title>\n{_PAGE_STYLE}\n{_PAGE_SCRIPT}")
    page = page.replace("<head>", head)
    page = '<!DOCTYPE html>\n<html lang="en">' + page.replace("<body>", "<body>\n" + header)
    page = page.replace("<html>", "", 1)
    leftover = REMOTE_RESOURCE.search(page)
    if leftover:
        near = page[leftover.start():][:80]
        raise KgError(f"HTML page would load a remote resource near {near!r}")
    return page


def render_html(graph: nx.MultiDiGraph, path: Path, max_nodes: int = 2000,
                title: str = "kg: knowledge graph", note: str = "",
                context: nx.MultiDiGraph | None = None) -> HtmlReport:
    """Write an interactive, offline HTML view of `graph` to `path`.

    NOTE is shown above the graph (e.g. what a selection left out); CONTEXT is the graph paper
    titles are looked up in when the papers themselves are not drawn (default: GRAPH).
    """
    shown, dropped = most_connected(graph, max_nodes) if len(graph) > max_nodes else (graph, 0)
    if dropped:
        note = " ".join(filter(None, [note, f"Showing the {len(shown)} most connected of "
                                      f"{len(graph)} nodes; {dropped} nodes were left out."]))
    net = _network(shown, graph if context is None else context)
    page = _finish_page(net.generate_html(), _header(shown, title, note), title)
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
