"""The Neo4j sink: a built graph (networkx MultiDiGraph) -> nodes and relationships in Neo4j.

Side effects: on `write` only, over a driver the caller opened and will close. Order, and why
every step is safe to repeat or to cut short (managed transactions retry, a killed loader is
simply run again):

1. `cypher/schema.cypher` — constraints and indexes, each `IF NOT EXISTS`.
2. Nodes, one batch a transaction: `UNWIND $rows MERGE (n:Label {id: row.id}) SET n += row.props`.
   Labels come from `kg.model.NodeLabel` only; Model/Dataset/Benchmark nodes also get `Entity`.
3. Edges, a batch of whole papers a transaction: that papers' relationships (`r.paper`) are
   deleted, then the new ones MERGEd on (source, target, `key`). Delete and re-create commit
   together, so a re-extracted paper leaves no stale edge and a crash leaves old or new, not both.
   Nodes that lost their last relationship that way and are not in the graph go with them.

Every value is a query parameter; only enum names are spliced into Cypher text.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import networkx as nx
from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j.exceptions import (
    AuthError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from kg.errors import ConnectionFailed, GraphError, KgError
from kg.model import NodeLabel, RelationType
from kg.resources import resource_dir

ENTITY_LABELS = frozenset({NodeLabel.MODEL, NodeLabel.DATASET, NodeLabel.BENCHMARK})
EDGE_TYPES = {relation.edge: relation for relation in RelationType}
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_SCHEME = re.compile(r"[^a-z0-9]+")

Progress = Callable[[str, int], None]


@dataclass(frozen=True, slots=True)
class LoadStats:
    """What one load wrote: nodes and relationships sent, transactions, seconds."""

    nodes: int
    relationships: int
    transactions: int
    seconds: float


class Neo4jSink:
    """Writes a graph into `database` through a borrowed driver, `batch_size` rows a transaction."""

    name = "neo4j"

    def __init__(self, driver: Driver, database: str = "neo4j", batch_size: int = 5000):
        self.driver = driver
        self.database = database
        self.batch_size = batch_size

    def __repr__(self) -> str:
        return f"Neo4jSink(database={self.database!r}, batch_size={self.batch_size})"

    def write(self, graph: nx.MultiDiGraph) -> None:
        load(self.driver, graph, self.database, self.batch_size)


def load(driver: Driver, graph: nx.MultiDiGraph, database: str = "neo4j",
         batch_size: int = 5000, progress: Progress | None = None) -> LoadStats:
    """Apply the schema, then MERGE every node and every paper's edges; see the module doc."""
    started = time.perf_counter()
    node_rows, edge_groups = node_rows_by_label(graph), edges_by_paper(graph)
    transactions = 0
    with translated_errors(), driver.session(database=database) as session:
        # Fails fast on a bad address or password; managed transactions would retry for 30s.
        driver.verify_connectivity()
        apply_schema(driver, database)
        for label, rows in node_rows.items():
            for batch in _chunks(rows, batch_size):
                session.execute_write(_merge_nodes, label, batch)
                transactions += 1
                _report(progress, "nodes", len(batch))
        for papers in _paper_batches(edge_groups, batch_size):
            session.execute_write(_replace_edges, papers, edge_groups, graph)
            transactions += 1
            _report(progress, "relationships", sum(len(edge_groups[p]) for p in papers))
    return LoadStats(graph.number_of_nodes(), graph.number_of_edges(), transactions,
                     time.perf_counter() - started)


def verify(uri: str, user: str, password: str, database: str = "neo4j") -> None:
    """Check that the server answers and accepts the credentials (one-line ConnectionFailed if not)."""
    with connect(uri, user, password) as driver, translated_errors():
        driver.verify_connectivity()
        driver.execute_query("RETURN 1", database_=database)


def schema_statements() -> list[str]:
    """The statements of cypher/schema.cypher, comments dropped."""
    text = (resource_dir("cypher") / "schema.cypher").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [statement.strip() for statement in body.split(";") if statement.strip()]


def apply_schema(driver: Driver, database: str = "neo4j") -> None:
    """Create every constraint and index that does not exist yet, and wait until they are online."""
    with translated_errors():
        for statement in schema_statements():
            # Schema commands cannot share a transaction with writes; each runs on its own.
            driver.execute_query(statement, database_=database)
        driver.execute_query("CALL db.awaitIndexes(300)", database_=database)


def connect(uri: str, user: str, password: str) -> Driver:
    """A driver for `uri` (not yet connected); a malformed URI is a one-line ConnectionFailed.

    The caller closes it (`with connect(...) as driver:`); the sink only borrows it.
    """
    scheme = uri.partition("://")[0]
    if scheme not in BOLT_SCHEMES:
        raise ConnectionFailed(f"cannot use Neo4j URI {uri!r}: the scheme must be one of "
                               f"{', '.join(BOLT_SCHEMES)}")
    try:
        return GraphDatabase.driver(uri, auth=(user, password))
    except (ValueError, DriverError) as exc:
        raise ConnectionFailed(f"cannot use Neo4j URI {uri!r}: {_one_line(exc)}") from exc


# --- rows -----------------------------------------------------------------------------------

def node_label(node: str, attrs: dict) -> NodeLabel:
    try:
        return NodeLabel(attrs.get("label"))
    except ValueError as exc:
        raise GraphError(f"node {node!r}: label {attrs.get('label')!r} is not one of "
                         f"{', '.join(label.value for label in NodeLabel)}") from exc


def node_props(attrs: dict) -> dict[str, Any]:
    """Neo4j properties of a node: external ids flattened (`hf_id`), aliases also as one text."""
    props: dict[str, Any] = {}
    for name, value in attrs.items():
        if name == "label":
            continue
        if name == "external_ids":
            for scheme, identifier in (value or {}).items():
                props[f"{_SCHEME.sub('_', scheme.lower()).strip('_')}_id"] = str(identifier)
            continue
        props[name] = property_value(value)
    if "aliases" in attrs:
        # The full-text index reads one string property; newlines keep aliases apart.
        props["aliases_text"] = "\n".join(attrs.get("aliases") or ())
    return props


def property_value(value: Any) -> Any:
    """A value Neo4j can store: scalars as they are, lists of strings, anything else as JSON."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else list(value)
        if all(isinstance(item, str) for item in items):
            return items
        return [json.dumps(item, ensure_ascii=False, sort_keys=True) for item in items]
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def node_rows_by_label(graph: nx.MultiDiGraph) -> dict[NodeLabel, list[dict]]:
    rows: dict[NodeLabel, list[dict]] = defaultdict(list)
    for node, attrs in graph.nodes(data=True):
        rows[node_label(node, attrs)].append({"id": node, "props": node_props(attrs)})
    return dict(rows)


def edges_by_paper(graph: nx.MultiDiGraph) -> dict[str, list[tuple[str, str, str, dict]]]:
    """Every edge grouped by the paper node that states it (the `paper` attribute)."""
    groups: dict[str, list] = defaultdict(list)
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        if attrs.get("type") not in EDGE_TYPES:
            raise GraphError(f"edge {source!r} -> {target!r}: type {attrs.get('type')!r} is not "
                             f"one of {', '.join(EDGE_TYPES)}")
        if not attrs.get("paper"):
            raise GraphError(f"edge {source!r} -> {target!r} ({key}): no 'paper' attribute")
        groups[attrs["paper"]].append((source, target, key, attrs))
    return dict(groups)


def _edge_row(source: str, target: str, key: str, attrs: dict) -> dict:
    props = {name: property_value(value) for name, value in attrs.items() if name != "type"}
    return {"source": source, "target": target, "key": key, "props": props}


# --- transactions ---------------------------------------------------------------------------

def _merge_nodes(tx: ManagedTransaction, label: NodeLabel, rows: list[dict]) -> None:
    extra = ", n:Entity" if label in ENTITY_LABELS else ""
    tx.run(f"UNWIND $rows AS row MERGE (n:{label.value} {{id: row.id}}) "
           f"SET n += row.props{extra}", rows=rows).consume()


def _replace_edges(tx: ManagedTransaction, papers: list[str], edge_groups: dict[str, list],
                   graph: nx.MultiDiGraph) -> None:
    """Delete these papers' relationships, MERGE their edges, drop nodes left behind."""
    left_behind: dict[str, str] = {}
    for edge_type in EDGE_TYPES:
        result = tx.run(f"UNWIND $papers AS p MATCH (a)-[r:{edge_type} {{paper: p}}]->(b) "
                        "DELETE r RETURN a.id AS a, elementId(a) AS ea, b.id AS b, "
                        "elementId(b) AS eb", papers=papers)
        for record in result:
            left_behind[record["a"]] = record["ea"]
            left_behind[record["b"]] = record["eb"]
    groups: dict[tuple[str, NodeLabel, NodeLabel], list[dict]] = defaultdict(list)
    for paper in papers:
        for source, target, key, attrs in edge_groups[paper]:
            group = (attrs["type"], node_label(source, graph.nodes[source]),
                     node_label(target, graph.nodes[target]))
            groups[group].append(_edge_row(source, target, key, attrs))
    for (edge_type, source_label, target_label), rows in groups.items():
        _merge_edges(tx, edge_type, source_label, target_label, rows)
    # Nodes the old edges held and the graph no longer has (graph.remove_paper's orphans).
    orphans = [element for node, element in left_behind.items() if node not in graph]
    if orphans:
        tx.run("UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id AND NOT n:Paper "
               "AND NOT EXISTS { (n)--() } DELETE n", ids=orphans).consume()


def _merge_edges(tx: ManagedTransaction, edge_type: str, source_label: NodeLabel,
                 target_label: NodeLabel, rows: list[dict]) -> None:
    record = tx.run(
        f"UNWIND $rows AS row MATCH (a:{source_label.value} {{id: row.source}}) "
        f"MATCH (b:{target_label.value} {{id: row.target}}) "
        f"MERGE (a)-[r:{EDGE_TYPES[edge_type].edge} {{key: row.key}}]->(b) SET r += row.props "
        "RETURN count(r) AS written", rows=rows).single()
    if record["written"] != len(rows):
        # A row whose end node is missing matches nothing; never drop it silently.
        raise GraphError(f"{edge_type}: wrote {record['written']} of {len(rows)} relationships; "
                         "an end node is missing from the database")


# --- helpers --------------------------------------------------------------------------------

def _chunks(rows: list, size: int) -> Iterator[list]:
    for start in range(0, len(rows), max(size, 1)):
        yield rows[start:start + size]


def _paper_batches(groups: dict[str, list], size: int) -> Iterator[list[str]]:
    """Papers in runs of about `size` edges; a paper's edges never straddle two transactions."""
    batch: list[str] = []
    count = 0
    for paper in sorted(groups):
        if batch and count + len(groups[paper]) > size:
            yield batch
            batch, count = [], 0
        batch.append(paper)
        count += len(groups[paper])
    if batch:
        yield batch


def _report(progress: Progress | None, what: str, count: int) -> None:
    if progress is not None:
        progress(what, count)


@contextmanager
def translated_errors() -> Iterator[None]:
    """Driver errors -> kg errors with one-line messages (never the credentials)."""
    try:
        yield
    except AuthError as exc:
        raise ConnectionFailed(f"Neo4j refused the credentials: {_one_line(exc)}") from exc
    except (ServiceUnavailable, SessionExpired) as exc:
        raise ConnectionFailed(f"Neo4j is unreachable: {_one_line(exc)}") from exc
    except (Neo4jError, DriverError) as exc:
        raise KgError(f"Neo4j error: {_one_line(exc)}") from exc


def _one_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return " ".join(str(text).split())
