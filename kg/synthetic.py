"""Synthetic graphs for load benchmarks and fault tests: a seed and a size in -> a kg graph out.

The graph follows the contract of kg/graph.py (node ids, `label`, edge `type`/`paper`, keys
`TYPE|paper:…`) with a heavy-tailed degree distribution: entities, authors and organisations are
drawn with a power-law bias, so a few benchmarks and authors gather most edges, as in real
listings. About 20 relationships and 4 new nodes a paper. Pure: no I/O.
"""

from __future__ import annotations

import random

import networkx as nx

from kg import EXTRACTOR_VERSION
from kg.graph import edge_key, new_graph
from kg.model import EntityType, NodeLabel, RelationType

SKEW = 2.5  # u ** SKEW for u uniform in [0, 1): index 0 is the most popular


def synthetic_graph(papers: int, seed: int = 7) -> nx.MultiDiGraph:
    """A graph of `papers` papers, ~4 nodes and ~20 relationships a paper."""
    rng = random.Random(seed)
    graph = new_graph()
    pools = {"author": papers * 2, "org": max(papers // 50, 1),
             EntityType.MODEL: max(papers // 3, 1), EntityType.DATASET: max(papers // 8, 1),
             EntityType.BENCHMARK: max(papers // 12, 1)}
    for number in range(papers):
        _add_paper(graph, rng, pools, f"paper:p{number}")
    return graph


def _pick(rng: random.Random, size: int) -> int:
    return int(size * rng.random() ** SKEW)


def _entity(graph: nx.MultiDiGraph, rng: random.Random, pools: dict, kind: EntityType) -> str:
    node = f"{kind.value}:{kind.value}-{_pick(rng, pools[kind])}"
    if node not in graph:
        graph.add_node(node, label=NodeLabel.of(kind).value, type=kind.value,
                       name=node.partition(":")[2], aliases=[node.upper()], known=True,
                       external_ids={"hf": f"org/{node.partition(':')[2]}"})
    return node


def _edge(graph: nx.MultiDiGraph, source: str, target: str, kind: RelationType, paper: str,
          **attrs) -> None:
    graph.add_edge(source, target, key=edge_key(kind.edge, paper), type=kind.edge, paper=paper,
                   **attrs)


def _add_paper(graph: nx.MultiDiGraph, rng: random.Random, pools: dict, paper: str) -> None:
    graph.add_node(paper, label=NodeLabel.PAPER.value, name=f"Title {paper}", title=f"Title {paper}",
                   date=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
    for _ in range(4):
        author = f"author:a{_pick(rng, pools['author'])}"
        graph.add_node(author, label=NodeLabel.AUTHOR.value, name=author)
        _edge(graph, paper, author, RelationType.AUTHORED_BY, paper)
    org = f"org:o{_pick(rng, pools['org'])}"
    graph.add_node(org, label=NodeLabel.ORGANIZATION.value, name=org)
    _edge(graph, paper, org, RelationType.AFFILIATED_WITH, paper)
    model = _entity(graph, rng, pools, EntityType.MODEL)
    _edge(graph, paper, model, RelationType.INTRODUCES, paper, evidence="We introduce it.",
          extractor=EXTRACTOR_VERSION)
    _edge(graph, model, _entity(graph, rng, pools, EntityType.MODEL), RelationType.BASED_ON,
          paper, evidence="It builds on another.", extractor=EXTRACTOR_VERSION)
    _edge(graph, model, _entity(graph, rng, pools, EntityType.DATASET), RelationType.TRAINED_ON,
          paper, evidence="Trained on data.", extractor=EXTRACTOR_VERSION)
    for _ in range(4):
        _edge(graph, model, _entity(graph, rng, pools, EntityType.BENCHMARK),
              RelationType.EVALUATED_ON, paper, evidence="Scores.", metric="accuracy",
              value=f"{rng.uniform(20, 95):.1f}", extractor=EXTRACTOR_VERSION)
    for _ in range(8):
        kind = rng.choice((EntityType.MODEL, EntityType.DATASET, EntityType.BENCHMARK))
        _edge(graph, paper, _entity(graph, rng, pools, kind), RelationType.MENTIONS, paper,
              count=1)
