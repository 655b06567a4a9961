"""The Cypher query library: cypher/queries/*.cypher -> named queries, and running Cypher on Neo4j.

Each file holds one query; its leading `//` lines say what it answers and its parameters.
`run_cypher` runs in a read transaction unless `write=True`, so a stray CREATE or DELETE in
`kg query` is refused by the server. `embedded_query` answers the library queries from the
built networkx graph instead (same rows, same order), all but the full-text search.
Side effects: only the queries the caller runs on Neo4j.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import networkx as nx
from neo4j import Driver, RoutingControl
from neo4j.exceptions import ClientError

from kg.errors import KgError
from kg.resources import QueryFile, pick_query, query_library
from kg.sinks.neo4j import translated_errors


def named_queries() -> dict[str, QueryFile]:
    """Every query of cypher/queries, by file stem (`.text` is the Cypher)."""
    return query_library("cypher", ".cypher", "//")


def named_query(name: str) -> QueryFile:
    return pick_query(named_queries(), name, "Cypher")


def parse_params(pairs: list[str]) -> dict[str, Any]:
    """`k=v` strings -> parameters; integers stay integers, everything else is a string."""
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise KgError(f"--param {pair!r}: expected NAME=VALUE")
        params[key] = int(value) if value.lstrip("-").isdigit() else value
    return params


def run_cypher(driver: Driver, cypher: str, params: dict[str, Any] | None = None,
               database: str = "neo4j", write: bool = False) -> list[dict[str, Any]]:
    """Rows of a query as dicts; in a read transaction unless `write`."""
    routing = RoutingControl.WRITE if write else RoutingControl.READ
    try:
        with translated_errors():
            records, _, _ = driver.execute_query(cypher, params or {}, database_=database,
                                                 routing_=routing)
    except KgError as exc:
        cause = exc.__cause__
        if not write and isinstance(cause, ClientError) and "read" in (cause.message or "").lower():
            raise KgError("this query writes; kg query is read-only unless --write is given") from cause
        raise
    return [record.data() for record in records]


# --- the same library queries over the embedded graph (no Neo4j) ----------------------------
# Each function answers its cypher/queries file over the networkx graph with the same rows in
# the same order, so `kg query NAME` works on a built folder. Full-text search has no
# equivalent (Lucene analysis and scores), so it is refused with a one-line reason.

def embedded_query(graph: nx.MultiDiGraph, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of library query `name` computed from `graph`, as Neo4j would return them."""
    named_query(name)  # an unknown name is a NotFoundError with close matches
    if name not in EMBEDDED:
        raise KgError(f"query {name!r} needs Neo4j ({NOT_EMBEDDED.get(name, 'no embedded form')}); "
                      "pass --neo4j bolt://HOST:7687 or set NEO4J_URI")
    function, needed = EMBEDDED[name]
    missing = [param for param in needed if param not in params]
    if missing:
        raise KgError(f"query {name!r}: expected parameter(s): "
                      f"{', '.join('--param ' + p + '=…' for p in missing)}")
    return function(graph, *(params[param] for param in needed))


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    return graph.nodes[node].get("label", "")


def _named(graph: nx.MultiDiGraph, node: str, label: str, wanted: Any) -> bool:
    """`n:Label AND (n.id = $x OR n.name = $x)`."""
    attrs = graph.nodes[node]
    return attrs.get("label") == label and wanted in (node, attrs.get("name"))


def _edges(graph: nx.MultiDiGraph, edge_type: str):
    return ((u, v, data) for u, v, data in graph.edges(data=True) if data.get("type") == edge_type)


def _models_evaluated_on(graph: nx.MultiDiGraph, benchmark: Any) -> list[dict]:
    found = [{"model": graph.nodes[u].get("name"), "metric": data.get("metric"),
              "value": data.get("value"), "paper": data.get("paper")}
             for u, v, data in _edges(graph, "EVALUATED_ON")
             if _label(graph, u) == "Model" and _named(graph, v, "Benchmark", benchmark)]
    return sorted(found, key=lambda row: (_sort(row["model"]), _sort(row["paper"])))


def _trained_on(graph: nx.MultiDiGraph, model: Any) -> list[dict]:
    found = [{"dataset": graph.nodes[v].get("name"), "paper": data.get("paper")}
             for u, v, data in _edges(graph, "TRAINED_ON")
             if _named(graph, u, "Model", model) and _label(graph, v) == "Dataset"]
    return sorted(found, key=lambda row: (_sort(row["dataset"]), _sort(row["paper"])))


def _model_lineage(graph: nx.MultiDiGraph, model: Any, max_depth: int = 10) -> list[dict]:
    """Every BASED_ON path of 1..10 edges between models; like Cypher, no edge twice in a path."""
    rows: list[dict] = []

    def walk(node: str, names: list, used: frozenset) -> None:
        for _, target, key, data in graph.out_edges(node, keys=True, data=True):
            edge = (node, target, key)
            if data.get("type") != "BASED_ON" or edge in used:
                continue
            path = [*names, graph.nodes[target].get("name")]
            if _label(graph, target) == "Model":  # only the end node is labelled in the pattern
                rows.append({"lineage": path, "depth": len(path) - 1})
            if len(path) - 1 < max_depth:
                walk(target, path, used | {edge})

    for node in graph.nodes:
        if _named(graph, node, "Model", model):
            walk(node, [graph.nodes[node].get("name")], frozenset())
    return sorted(rows, key=lambda row: (row["depth"], [_sort(n) for n in row["lineage"]]))


def _introduced_between(graph: nx.MultiDiGraph, start: Any, end: Any) -> list[dict]:
    rows = []
    for paper, entity, _ in _edges(graph, "INTRODUCES"):
        p, e = graph.nodes[paper], graph.nodes[entity]
        if p.get("label") != "Paper" or e.get("label") not in ("Benchmark", "Dataset"):
            continue
        if _between(p.get("date"), start, end):
            rows.append({"date": p.get("date"), "paper": p.get("title"),
                         "introduced": e.get("name"), "type": e.get("type")})
    return sorted(rows, key=lambda r: (_sort(r["date"]), _sort(r["paper"]), _sort(r["introduced"])))


def _between(value: Any, start: Any, end: Any) -> bool:
    # Cypher compares like with like; a string against a number is null, so no row.
    if not all(isinstance(x, str) for x in (value, start, end)):
        return False
    return start <= value <= end


def _most_used_benchmarks(graph: nx.MultiDiGraph, limit: Any) -> list[dict]:
    papers: dict[str, set] = defaultdict(set)
    for _, target, data in _edges(graph, "EVALUATED_ON"):
        if _label(graph, target) == "Benchmark" and data.get("paper") is not None:
            papers[graph.nodes[target].get("name")].add(data["paper"])
    rows = [{"benchmark": name, "papers": len(found)} for name, found in papers.items()]
    return sorted(rows, key=lambda r: (-r["papers"], _sort(r["benchmark"])))[:_limit(limit)]


def _model_benchmark_cooccurrence(graph: nx.MultiDiGraph, limit: Any) -> list[dict]:
    mentioned: dict[str, set] = defaultdict(set)
    for paper, target, _ in _edges(graph, "MENTIONS"):
        if _label(graph, paper) == "Paper":
            mentioned[paper].add(target)
    papers: dict[tuple, set] = defaultdict(set)
    for paper, targets in mentioned.items():
        for model in (t for t in targets if _label(graph, t) == "Model"):
            for benchmark in (t for t in targets if _label(graph, t) == "Benchmark"):
                papers[(graph.nodes[model].get("name"), graph.nodes[benchmark].get("name"))].add(paper)
    rows = [{"model": m, "benchmark": b, "papers": len(p)} for (m, b), p in papers.items()]
    return sorted(rows, key=lambda r: (-r["papers"], _sort(r["model"]),
                                       _sort(r["benchmark"])))[:_limit(limit)]


def _limit(value: Any) -> int:
    if not isinstance(value, int) or value < 0:
        raise KgError(f"--param limit={value!r}: expected a whole number >= 0")
    return value


def _sort(value: Any) -> tuple:
    # Cypher sorts nulls after every value in ascending order.
    return (value is None, "" if value is None else value)


EMBEDDED: dict[str, tuple[Callable[..., list[dict]], tuple[str, ...]]] = {
    "models_evaluated_on": (_models_evaluated_on, ("benchmark",)),
    "trained_on": (_trained_on, ("model",)),
    "model_lineage": (_model_lineage, ("model",)),
    "introduced_between": (_introduced_between, ("from", "to")),
    "most_used_benchmarks": (_most_used_benchmarks, ("limit",)),
    "model_benchmark_cooccurrence": (_model_benchmark_cooccurrence, ("limit",)),
}
NOT_EMBEDDED = {"search_entities": "it ranks hits with the full-text index's Lucene scores"}
