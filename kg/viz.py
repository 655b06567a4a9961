"""Subgraphs worth looking at: a graph and some names in -> the part of the graph around them.

`resolve` turns a name into a node id the way `kg resolve` does (node id, catalog spelling,
minted id, then any name or alias in the graph). `select` keeps the nodes within `hops` edges of
the centres, following only the node types, relation types and papers (by date) asked for; over
`max_nodes` it keeps the most connected part around the centres and records what it left out.
Pure: no I/O; the input graph is never modified.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

import networkx as nx

from kg import graph as kg_graph
from kg.catalog import Catalog
from kg.errors import KgError, NotFoundError
from kg.model import EntityType, NodeLabel, RelationType
from kg.names import entity_id

_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_NAMES_IN_NOTE = 5


@dataclass(frozen=True, slots=True)
class Selection:
    """The subgraph to show, its centres, the node ids left out over max_nodes, and why."""

    graph: nx.MultiDiGraph
    centres: tuple[str, ...]
    dropped: tuple[str, ...] = ()
    note: str = ""


def resolve(graph: nx.MultiDiGraph, name: str, catalog: Catalog | None = None) -> str:
    """The node id NAME stands for; NotFoundError naming the closest known names otherwise."""
    if name in graph:
        return name
    entry = catalog.lookup(name) if catalog is not None else None
    if entry is not None and entry.id in graph:
        return entry.id
    for entity_type in EntityType:
        minted = entity_id(entity_type, name)
        if minted in graph:
            return minted
    found = kg_graph.find_nodes(graph, name)
    if found:
        return found[0]
    close = kg_graph.closest_names(graph, name)
    hint = f"; closest: {', '.join(close)}" if close else "; no similar name either"
    raise NotFoundError(f"no entity named {name!r} in the graph{hint}")


def parse_types(text: str | None) -> frozenset[str] | None:
    """`model,dataset` -> node labels {'Model', 'Dataset'}; None when TEXT is empty."""
    valid = {label.value.lower(): label.value for label in NodeLabel} | {"organisation": "Organization"}
    return _parse_choices(text, valid, "--types", sorted(label.value.lower() for label in NodeLabel))


def parse_relations(text: str | None) -> frozenset[str] | None:
    """`evaluated_on,trained_on` -> edge types {'EVALUATED_ON', 'TRAINED_ON'}; None when empty."""
    valid = {relation.value: relation.edge for relation in RelationType}
    return _parse_choices(text, valid, "--relations", [r.value for r in RelationType])


def _parse_choices(text: str | None, valid: dict[str, str], option: str,
                   shown: list[str]) -> frozenset[str] | None:
    words = [w.strip().lower().replace("-", "_") for w in (text or "").split(",") if w.strip()]
    unknown = [w for w in words if w not in valid]
    if unknown:
        raise KgError(f"{option}: {', '.join(map(repr, unknown))} is not one of: {', '.join(shown)}")
    return frozenset(valid[w] for w in words) or None


def parse_since(text: str | None) -> str | None:
    """A date as YYYY, YYYY-MM or YYYY-MM-DD (compared with paper dates as text), or None."""
    if not text:
        return None
    if not _DATE.fullmatch(text.strip()):
        raise KgError(f"--since {text!r}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
    return text.strip()


def select(graph: nx.MultiDiGraph, centres: Iterable[str], hops: int = 1,
           types: Iterable[str] | None = None, relations: Iterable[str] | None = None,
           since: str | None = None, max_nodes: int = 2000) -> Selection:
    """The nodes within HOPS edges (either direction) of CENTRES, through allowed nodes/edges.

    TYPES are node labels and RELATIONS edge types to keep (None: all); SINCE drops papers
    dated before it, or undated, with every edge they state. Centres are always kept.
    """
    centres = tuple(dict.fromkeys(centres))
    missing = [c for c in centres if c not in graph]
    if missing:
        raise NotFoundError(f"not in the graph: {', '.join(missing)}")
    view = _filtered(graph, centres, types, relations, since)
    reached = _within(view, centres, hops)
    sub = view.subgraph(reached).copy()
    if len(sub) <= max_nodes:
        return Selection(sub, centres)
    kept = keep_connected(sub, centres, max_nodes)
    dropped = tuple(sorted(set(sub) - set(kept), key=lambda n: (-sub.degree(n), n)))
    return Selection(sub.subgraph(kept).copy(), centres, dropped, dropped_note(sub, dropped))


def _filtered(graph: nx.MultiDiGraph, centres: tuple[str, ...], types, relations,
              since: str | None) -> nx.MultiDiGraph:
    """A read-only view of GRAPH without the node types, relations and papers not asked for."""
    types = frozenset(types) if types else None
    relations = frozenset(relations) if relations else None
    papers = graph.nodes
    fixed = frozenset(centres)

    def recent(paper: str | None) -> bool:
        date = str(papers[paper].get("date") or "") if paper in papers else ""
        return bool(date) and date[: len(since)] >= since

    def keep_node(node: str) -> bool:
        attrs = papers[node]
        if node in fixed:
            return True
        if types is not None and attrs.get("label") not in types:
            return False
        return since is None or attrs.get("label") != NodeLabel.PAPER or recent(node)

    def keep_edge(source: str, target: str, key: str) -> bool:
        attrs = graph.edges[source, target, key]
        if relations is not None and attrs.get("type") not in relations:
            return False
        return since is None or recent(attrs.get("paper"))

    return nx.subgraph_view(graph, filter_node=keep_node, filter_edge=keep_edge)


def _within(view: nx.MultiDiGraph, centres: tuple[str, ...], hops: int) -> list[str]:
    """Nodes reachable from CENTRES in at most HOPS steps, ignoring edge direction."""
    seen = dict.fromkeys(centres)
    frontier = list(centres)
    for _ in range(hops):
        step = []
        for node in frontier:
            for other in chain(view.successors(node), view.predecessors(node)):
                if other not in seen:
                    seen[other] = None
                    step.append(other)
        frontier = step
    return list(seen)


def keep_connected(graph: nx.MultiDiGraph, centres: Iterable[str], max_nodes: int) -> list[str]:
    """Up to MAX_NODES nodes grown from CENTRES, always taking the best-connected neighbour next.

    The result stays connected to the centres (unlike a plain top-degree cut, which can keep
    hubs the view cannot reach); nodes no centre reaches come last, by degree.
    """
    degree = dict(graph.degree())
    kept: dict[str, None] = dict.fromkeys(list(centres)[:max_nodes])
    frontier = [(-degree[n], n) for c in kept for n in _neighbours(graph, c) if n not in kept]
    heapq.heapify(frontier)
    while frontier and len(kept) < max_nodes:
        _, node = heapq.heappop(frontier)
        if node in kept:
            continue
        kept[node] = None
        for other in _neighbours(graph, node):
            if other not in kept:
                heapq.heappush(frontier, (-degree[other], other))
    rest = sorted((n for n in graph if n not in kept), key=lambda n: (-degree[n], n))
    return list(kept) + rest[: max_nodes - len(kept)]


def _neighbours(graph: nx.MultiDiGraph, node: str) -> set[str]:
    return set(graph.successors(node)) | set(graph.predecessors(node))


def dropped_note(graph: nx.MultiDiGraph, dropped: tuple[str, ...]) -> str:
    """One line on what a cut left out: how many, of which labels, and the best-connected few."""
    shown = len(graph) - len(dropped)
    labels = Counter(str(graph.nodes[n].get("label") or "other") for n in dropped)
    kinds = ", ".join(f"{count} {label}" for label, count in labels.most_common())
    names = [str(graph.nodes[n].get("name") or n) for n in dropped[:_NAMES_IN_NOTE]]
    more = ", …" if len(dropped) > _NAMES_IN_NOTE else ""
    return (f"Showing {shown} of {len(graph)} nodes, the most connected part around the named "
            f"entities; {len(dropped)} nodes were left out ({kinds}), e.g. {', '.join(names)}{more}")


# --- reading the same subgraph from Neo4j ---------------------------------------------------
# One parameterised query: the centres by id, name or alias, every node within `hops` steps
# (either direction), the relationships among them, and the papers those relationships cite
# (select's --since and the HTML's edge details look papers up). Only `hops`, an int the CLI
# bounds to 0..5, is spliced in: Cypher takes no parameter as a path length.
_SUBGRAPH = """
MATCH (c) WHERE c.id IN $ids OR c.name IN $names OR any(a IN coalesce(c.aliases, []) WHERE a IN $names)
MATCH (c)-[*0..{hops}]-(n)
WITH collect(DISTINCT n) AS around
CALL (around) {{
  UNWIND around AS a
  MATCH (a)-[r]->(b) WHERE b IN around
  RETURN collect(r) AS rels
}}
CALL (rels) {{
  UNWIND rels AS r
  MATCH (p:Paper {{id: r.paper}})
  RETURN collect(DISTINCT p) AS papers
}}
RETURN [n IN around + [p IN papers WHERE NOT p IN around] |
          {{id: n.id, labels: labels(n), props: properties(n)}}] AS nodes,
       [r IN rels | {{s: startNode(r).id, t: endNode(r).id, type: type(r), props: properties(r)}}] AS rels
"""


def read_neo4j(driver, names: list[str], hops: int, database: str = "neo4j",
               catalog: Catalog | None = None) -> nx.MultiDiGraph:
    """The part of a Neo4j graph (loaded by kg) within HOPS of NAMES, as a kg networkx graph."""
    from kg.sinks.neo4j import translated_errors

    if not 0 <= int(hops) <= 5:
        raise KgError(f"--hops {hops}: expected 0 to 5")
    ids = [*names, *(entity_id(t, n) for n in names for t in EntityType)]
    if catalog is not None:
        ids += [entry.id for entry in map(catalog.lookup, names) if entry is not None]
    with translated_errors():
        driver.verify_connectivity()  # fail fast; a managed query retries an absent server for 30s
        records, _, _ = driver.execute_query(_SUBGRAPH.format(hops=int(hops)),
                                             {"ids": ids, "names": list(names)},
                                             database_=database, routing_="r")
    return _to_graph(records[0]["nodes"], records[0]["rels"]) if records else kg_graph.new_graph()


def _to_graph(nodes: list[dict], rels: list[dict]) -> nx.MultiDiGraph:
    """Rows of the query -> node and edge attributes as `kg build` writes them."""
    graph = kg_graph.new_graph()
    for node in nodes:
        attrs = {k: v for k, v in node["props"].items() if k not in ("id", "aliases_text")}
        label = next((name for name in node["labels"] if name != "Entity"), None)
        if "Entity" in node["labels"]:
            attrs.setdefault("aliases", [])  # the loader stores an empty list as no property
        graph.add_node(node["id"], label=label, **attrs)
    for rel in rels:
        attrs = dict(rel["props"])
        key = attrs.pop("key", None) or kg_graph.edge_key(rel["type"], attrs.get("paper"))
        graph.add_edge(rel["s"], rel["t"], key=key, type=rel["type"], **attrs)
    return graph
