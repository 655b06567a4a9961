"""The property graph: `Extraction`s in -> one networkx `MultiDiGraph` out.

Node ids and attributes are a contract the sinks and the Neo4j loader rely on:

- `paper:<Paper.id>`  label Paper: name (= title), title, abstract, date, arxiv_id, source, authors
- `model:…` / `dataset:…` / `benchmark:…` (= `Entity.id`): label, type, name, aliases,
  family, params, organization, external_ids, known
- `author:<slug>` / `org:<slug>`: label Author / Organization, name

Every edge has `type` (`RelationType.edge`) and `paper` (the paper node it comes from), and the
key `f"{type}|{paper}"`, so one paper states a fact once and two papers state it twice. Adding a
paper that is already present replaces it; nodes only that paper used are removed with it.
Functions mutate the graph they are given (add/remove) or return new graphs (subgraphs); no I/O.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from kg import EXTRACTOR_VERSION
from kg.errors import GraphError, NotFoundError
from kg.model import (
    Entity,
    EntityType,
    Extraction,
    Mention,
    NodeLabel,
    Paper,
    Relation,
    RelationType,
)
from kg.names import fold, name_key, slug

_ENTITY_FIELDS = ("name", "family", "params", "organization")


@dataclass(frozen=True, slots=True)
class GraphStats:
    """Counts of a graph: nodes per label, edges per type, papers."""

    nodes_by_label: dict[str, int]
    edges_by_type: dict[str, int]
    papers: int


def new_graph() -> nx.MultiDiGraph:
    """An empty graph of the kind every function here expects."""
    return nx.MultiDiGraph()


def paper_node_id(paper_id: str) -> str:
    return f"paper:{paper_id}"


def edge_key(edge_type: str, paper_node: str) -> str:
    return f"{edge_type}|{paper_node}"


def build(extractions: Iterable[Extraction],
          graph: nx.MultiDiGraph | None = None) -> nx.MultiDiGraph:
    """Add every extraction to `graph` (a new one when None) and return it."""
    graph = new_graph() if graph is None else graph
    for extraction in extractions:
        add_extraction(graph, extraction)
    return graph


class PaperEdges:
    """The edges each paper of a graph contributed, read in one pass over its edges. Replacing a
    paper otherwise scans every edge of the graph for its own, so re-building a listing into the
    graph it built before cost papers x edges. Covers the papers present when it was made, each
    until it is replaced once (`take`); a paper added later is found by the scan."""

    def __init__(self, graph: nx.MultiDiGraph):
        self._by_paper: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for u, v, k, paper in graph.edges(keys=True, data="paper"):
            if paper is not None:
                self._by_paper[paper].append((u, v, k))
        self._covered = {n for n, label in graph.nodes(data="label") if label == NodeLabel.PAPER}

    def take(self, paper_node: str) -> list[tuple[str, str, str]] | None:
        """The paper's edges, once; None for a paper this index does not cover (any more)."""
        if paper_node not in self._covered:
            return None
        self._covered.discard(paper_node)
        return self._by_paper.pop(paper_node, [])


def add_extraction(graph: nx.MultiDiGraph, extraction: Extraction, index: PaperEdges | None = None) -> None:
    """Add one paper with its entities, mentions and relations; replaces the paper if present
    (its old edges read from `index` when that covers it, else found by a scan)."""
    paper_node = paper_node_id(extraction.paper.id)
    if paper_node in graph:
        remove_paper(graph, paper_node, index.take(paper_node) if index is not None else None)
    _add_paper(graph, extraction.paper, paper_node)
    entities = (*extraction.entities, *extraction.context)
    new = {e.id for e in entities if e.id not in graph}
    for entity in entities:
        _merge_entity(graph, entity)
    _add_mentions(graph, paper_node, extraction.mentions)
    _add_relations(graph, paper_node, extraction.relations)
    # An entity no mention or relation points at would outlive its paper's removal.
    graph.remove_nodes_from([node for node in new if graph.degree(node) == 0])


def remove_paper(graph: nx.MultiDiGraph, paper_node_id: str,
                 edges: list[tuple[str, str, str]] | None = None) -> None:
    """Remove a paper node, every edge it contributed (`edges` when the caller knows them, from
    `PaperEdges`), and the nodes left without edges."""
    if graph.nodes.get(paper_node_id, {}).get("label") != NodeLabel.PAPER:
        raise NotFoundError(f"no paper {paper_node_id!r} in the graph")
    stale = edges if edges is not None else \
        [(u, v, k) for u, v, k, p in graph.edges(keys=True, data="paper") if p == paper_node_id]
    touched = {node for u, v, _ in stale for node in (u, v)}
    graph.remove_edges_from(stale)
    graph.remove_node(paper_node_id)
    # Shared entities survive; nodes only this paper pointed at go with it.
    orphans = [n for n in touched if n in graph and graph.degree(n) == 0
               and graph.nodes[n].get("label") != NodeLabel.PAPER]
    graph.remove_nodes_from(orphans)


def _add_paper(graph: nx.MultiDiGraph, paper: Paper, node: str) -> None:
    graph.add_node(
        node, label=NodeLabel.PAPER.value, name=paper.title, title=paper.title,
        abstract=paper.abstract, date=paper.date, arxiv_id=paper.arxiv_id,
        source=str(paper.source) if paper.source else None, authors=list(paper.authors),
    )
    for author in paper.authors:
        _link_named(graph, node, f"author:{slug(author)}", NodeLabel.AUTHOR, author,
                    RelationType.AUTHORED_BY)
    if paper.organization:
        _link_named(graph, node, f"org:{slug(paper.organization)}", NodeLabel.ORGANIZATION,
                    paper.organization, RelationType.AFFILIATED_WITH)


def _link_named(graph: nx.MultiDiGraph, paper_node: str, node: str, label: NodeLabel,
                name: str, relation: RelationType) -> None:
    if node not in graph:
        graph.add_node(node, label=label.value, name=name)
    graph.add_edge(paper_node, node, key=edge_key(relation.edge, paper_node),
                   type=relation.edge, paper=paper_node)


def _merge_entity(graph: nx.MultiDiGraph, entity: Entity) -> None:
    """Add an entity node, or fold this sighting into the one already there."""
    if entity.id not in graph:
        graph.add_node(
            entity.id, label=NodeLabel.of(entity.type).value, type=entity.type.value,
            name=entity.name, aliases=sorted(set(entity.aliases)), family=entity.family,
            params=entity.params, organization=entity.organization,
            external_ids=dict(entity.external_ids), known=entity.known,
        )
        return
    attrs = graph.nodes[entity.id]
    attrs["aliases"] = sorted(set(attrs.get("aliases") or ()) | set(entity.aliases))
    for name in _ENTITY_FIELDS:
        if not attrs.get(name):
            attrs[name] = getattr(entity, name)
    external = attrs.setdefault("external_ids", {})
    for scheme, value in entity.external_ids:
        external.setdefault(scheme, value)
    attrs["known"] = bool(attrs.get("known")) or entity.known


def _ensure_entity(graph: nx.MultiDiGraph, node: str, name: str | None = None) -> None:
    """A node for an id no `Entity` described: typed by its prefix, marked unknown."""
    if node in graph:
        return
    prefix, _, rest = node.partition(":")
    try:
        entity_type = EntityType(prefix)
    except ValueError as exc:
        raise GraphError(f"cannot add node {node!r}: id prefix must be one of "
                         f"{', '.join(t.value for t in EntityType)}") from exc
    _merge_entity(graph, Entity(id=node, type=entity_type, name=name or rest, known=False))


def _add_mentions(graph: nx.MultiDiGraph, paper_node: str, mentions: Iterable[Mention]) -> None:
    by_entity: dict[str, list[str]] = defaultdict(list)
    for mention in mentions:
        if mention.entity_id:
            by_entity[mention.entity_id].append(mention.text)
    for node, texts in by_entity.items():
        _ensure_entity(graph, node, texts[0])
        edge_type = RelationType.MENTIONS.edge
        graph.add_edge(paper_node, node, key=edge_key(edge_type, paper_node), type=edge_type,
                       paper=paper_node, mentions=sorted(set(texts)), count=len(texts))


def _relation_source(graph: nx.MultiDiGraph, paper_node: str, relation: Relation) -> str:
    """The source node of a relation: the paper node for `introduces`, else an entity."""
    if relation.type is not RelationType.INTRODUCES:
        _ensure_entity(graph, relation.source)
        return relation.source
    source = paper_node_id(relation.source)
    if source not in graph:
        raise GraphError(f"{paper_node}: 'introduces' names an unknown paper {source!r}")
    return source


def _add_relations(graph: nx.MultiDiGraph, paper_node: str, relations: Iterable[Relation]) -> None:
    for relation in relations:
        source = _relation_source(graph, paper_node, relation)
        _ensure_entity(graph, relation.target)
        key = edge_key(relation.type.edge, paper_node)
        existing = graph.get_edge_data(source, relation.target, key)
        if existing is None:
            graph.add_edge(source, relation.target, key=key, type=relation.type.edge,
                           paper=paper_node, evidence=relation.evidence.sentence,
                           metric=relation.metric, value=relation.value,
                           extractor=EXTRACTOR_VERSION)
            continue
        # The same fact twice in one paper: the first sentence stays the evidence, but a
        # later sentence may be the one that carries the score.
        for name in ("metric", "value"):
            if existing.get(name) is None and getattr(relation, name) is not None:
                existing[name] = getattr(relation, name)


def stats(graph: nx.MultiDiGraph) -> GraphStats:
    """Nodes per label and edges per type, both sorted by name."""
    labels = Counter(label for _, label in graph.nodes(data="label"))
    types = Counter(edge_type for _, _, edge_type in graph.edges(data="type"))
    return GraphStats(
        nodes_by_label=dict(sorted(labels.items())),
        edges_by_type=dict(sorted(types.items())),
        papers=labels.get(NodeLabel.PAPER.value, 0),
    )


def _names_of(node: str, attrs: dict) -> list[str]:
    return [node, node.partition(":")[2], attrs.get("name") or "", *(attrs.get("aliases") or ())]


def find_nodes(graph: nx.MultiDiGraph, name: str) -> list[str]:
    """Node ids whose id, name or an alias equals `name`; exact matches first, then by key."""
    key, folded = name_key(name), fold(name).strip()
    exact, keyed = [], []
    for node, attrs in graph.nodes(data=True):
        names = [n for n in _names_of(node, attrs) if n]
        if name in names:
            exact.append(node)
        # Names without latin letters or digits have an empty key; compare them folded.
        elif any((key and name_key(n) == key) or fold(n).strip() == folded for n in names):
            keyed.append(node)
    return sorted(exact) + sorted(keyed)


def closest_names(graph: nx.MultiDiGraph, name: str, n: int = 5) -> list[str]:
    """Up to `n` node names or aliases that look like `name`, for a "did you mean" hint."""
    spelled: dict[str, str] = {}
    for _, attrs in graph.nodes(data=True):
        for candidate in [attrs.get("name") or "", *(attrs.get("aliases") or ())]:
            if candidate:
                spelled.setdefault(fold(candidate), candidate)
    matches = difflib.get_close_matches(fold(name), list(spelled), n=n, cutoff=0.6)
    return [spelled[m] for m in matches]


def neighbourhood(graph: nx.MultiDiGraph, centers: list[str], hops: int = 1) -> nx.MultiDiGraph:
    """The subgraph of nodes within `hops` edges (either direction) of any center."""
    missing = [c for c in centers if c not in graph]
    if missing:
        # Centers are ids; compare the part after `model:` etc. with the names.
        hints = closest_names(graph, missing[0].partition(":")[2] or missing[0])
        hint = f"; did you mean: {', '.join(hints)}" if hints else ""
        raise NotFoundError(f"not in the graph: {', '.join(missing)}{hint}")
    undirected = graph.to_undirected(as_view=True)
    keep: set[str] = set()
    for center in centers:
        keep |= set(nx.single_source_shortest_path_length(undirected, center, cutoff=hops))
    return graph.subgraph(keep).copy()


def most_connected(graph: nx.MultiDiGraph, max_nodes: int) -> tuple[nx.MultiDiGraph, int]:
    """The subgraph of the `max_nodes` highest-degree nodes (ties by id), and the dropped count."""
    ranked = sorted(graph.nodes, key=lambda node: (-graph.degree(node), node))
    keep = ranked[: max(max_nodes, 0)]
    return graph.subgraph(keep).copy(), len(ranked) - len(keep)
