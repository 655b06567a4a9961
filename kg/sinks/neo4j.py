"""The Neo4j sink: a built graph (networkx MultiDiGraph) -> nodes and relationships in Neo4j.

Side effects: on `write` only, over a driver the caller opened and will close. Order, and why
every step is safe to repeat or to cut short (managed transactions retry, a killed loader is
simply run again):

1. `cypher/schema.cypher` — constraints and indexes, each `IF NOT EXISTS`.
2. Nodes, one batch a transaction: `UNWIND $rows MERGE (n:Label {id: row.id}) SET n += row.props`.
   Labels come from `kg.model.NodeLabel` only; Model/Dataset/Benchmark nodes also get `Entity`.
3. Edges, a batch of whole papers a transaction: those papers' relationships (`r.paper`) are
   deleted by one statement, then the new ones CREATEd, one UNWIND per (type, source label,
   target label) matching both ends on their id constraints. Delete and re-create commit
   together, so a re-extracted paper leaves no stale edge, a rerun no duplicate, and a crash
   leaves old or new, not both. Nodes that lost their last relationship that way and are not in
   the graph go with them. A database without any relationship skips the delete (first load).

Every value is a query parameter; only enum names are spliced into Cypher text.
"""

from __future__ import annotations

import gc
import json
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
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
# Edges that start at the paper stating them: found from the Paper node, so they need no
# relationship index (each index is written on every CREATE; these are most edges).
PAPER_EDGES = frozenset(relation.edge for relation in (
    RelationType.INTRODUCES, RelationType.MENTIONS, RelationType.AUTHORED_BY,
    RelationType.AFFILIATED_WITH))
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_SCHEME = re.compile(r"[^a-z0-9]+")
# Two transactions at a time keep both the server and the client busy (2x on a 2-core machine).
WORKERS = 2

Progress = Callable[[str, int], None]
_PLAIN = frozenset({str, int, float, bool, type(None)})  # stored as they are


@dataclass(frozen=True, slots=True)
class LoadStats:
    """What one load wrote: nodes and relationships sent, transactions, seconds in all and for
    the relationship phase (everything after the last node batch)."""

    nodes: int
    relationships: int
    transactions: int
    seconds: float
    relationship_seconds: float = 0.0


class Neo4jSink:
    """Writes a graph into `database` through a borrowed driver, `batch_size` rows a transaction."""

    name = "neo4j"

    def __init__(self, driver: Driver, database: str = "neo4j", batch_size: int = 5000,
                 workers: int = WORKERS):
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self.workers = workers

    def __repr__(self) -> str:
        return (f"Neo4jSink(database={self.database!r}, batch_size={self.batch_size}, "
                f"workers={self.workers})")

    def write(self, graph: nx.MultiDiGraph) -> None:
        load(self.driver, graph, self.database, self.batch_size, workers=self.workers)


def load(driver: Driver, graph: nx.MultiDiGraph, database: str = "neo4j",
         batch_size: int = 5000, progress: Progress | None = None,
         workers: int = WORKERS) -> LoadStats:
    """Apply the schema, then MERGE every node and replace every paper's edges; see the module doc.

    `workers` transactions run at once, each in its own session: batches hold disjoint nodes
    or disjoint papers, and a deadlock between two of them is a transient error that the
    managed transaction retries.
    """
    started = time.perf_counter()
    with translated_errors(), _cyclic_gc_paused():
        labels = node_labels(graph)
        edge_groups = edges_by_paper(graph)
        # Fails fast on a bad address or password; managed transactions would retry for 30s.
        driver.verify_connectivity()
        apply_schema(driver, database)
        run = _Runner(driver, database, workers)

        def nodes(job: tuple[NodeLabel, list[dict]]) -> None:
            run.write(_merge_nodes, *job)
            _report(progress, "nodes", len(job[1]))

        def edges(papers: list[str]) -> None:
            rows = edge_rows(papers, edge_groups, labels)  # built in the worker, as needed
            run.write(_replace_edges, papers, rows, graph, replace)
            _report(progress, "relationships", sum(len(edge_groups[p]) for p in papers))

        transactions = run.each([(label, batch) for label, rows
                                 in node_rows_by_label(graph, labels).items()
                                 for batch in _chunks(rows, batch_size)], nodes)
        nodes_done = time.perf_counter()
        # No relationship at all yet: no paper has old edges, so the delete step is skipped.
        replace = run.read(_relationship_count) > 0
        transactions += run.each(list(_paper_batches(edge_groups, batch_size)), edges)
    finished = time.perf_counter()
    return LoadStats(graph.number_of_nodes(), graph.number_of_edges(), transactions,
                     finished - started, finished - nodes_done)


class _Runner:
    """Managed transactions on `database`, `workers` at a time, a short-lived session each."""

    def __init__(self, driver: Driver, database: str, workers: int):
        self.driver, self.database, self.workers = driver, database, max(workers, 1)

    def write(self, work: Callable, *args: Any) -> Any:
        with self.driver.session(database=self.database) as session:
            return session.execute_write(work, *args)

    def read(self, work: Callable, *args: Any) -> Any:
        with self.driver.session(database=self.database) as session:
            return session.execute_read(work, *args)

    def each(self, jobs: list, do: Callable[[Any], Any]) -> int:
        """Run `do(job)` for every job; the first failure cancels what has not started."""
        if self.workers == 1:
            for job in jobs:
                do(job)
            return len(jobs)
        with ThreadPoolExecutor(self.workers, thread_name_prefix="kg-neo4j") as pool:
            futures = [pool.submit(do, job) for job in jobs]
            try:
                for future in futures:
                    future.result()
            finally:
                for future in futures:
                    future.cancel()
        return len(jobs)


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
    """A value Neo4j can store: scalars as they are, lists of strings, anything else as JSON.

    An empty list is no property (None), as neo4j-admin import can only write it that way.
    """
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        if not value:
            return None
        items = sorted(value) if isinstance(value, (set, frozenset)) else list(value)
        if all(isinstance(item, str) for item in items):
            return items
        return [json.dumps(item, ensure_ascii=False, sort_keys=True) for item in items]
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def node_labels(graph: nx.MultiDiGraph) -> dict[str, NodeLabel]:
    """Every node's label, checked once (edges look their ends up here)."""
    return {node: node_label(node, attrs) for node, attrs in graph.nodes(data=True)}


def node_rows_by_label(graph: nx.MultiDiGraph,
                       labels: dict[str, NodeLabel] | None = None) -> dict[NodeLabel, list[dict]]:
    labels = labels if labels is not None else node_labels(graph)
    rows: dict[NodeLabel, list[dict]] = defaultdict(list)
    for node, attrs in graph.nodes(data=True):
        rows[labels[node]].append({"id": node, "props": node_props(attrs)})
    return dict(rows)


def edges_by_paper(graph: nx.MultiDiGraph) -> dict[str, list[tuple[str, str, str, dict]]]:
    """Every edge grouped by the paper node that states it (the `paper` attribute)."""
    groups: dict[str, list] = defaultdict(list)
    # adjacency() hands out networkx's own dicts: 3x faster than edges(keys=True, data=True).
    for source, targets in graph.adjacency():
        for target, keyed in targets.items():
            for key, attrs in keyed.items():
                paper = attrs.get("paper")
                if attrs.get("type") not in EDGE_TYPES or not paper or (
                        attrs["type"] in PAPER_EDGES and source != paper):
                    raise _bad_edge(source, target, key, attrs)
                groups[paper].append((source, target, key, attrs))
    return dict(groups)


def _bad_edge(source: str, target: str, key: str, attrs: dict) -> GraphError:
    if attrs.get("type") not in EDGE_TYPES:
        return GraphError(f"edge {source!r} -> {target!r}: type {attrs.get('type')!r} is not "
                          f"one of {', '.join(EDGE_TYPES)}")
    if not attrs.get("paper"):
        return GraphError(f"edge {source!r} -> {target!r} ({key}): no 'paper' attribute")
    return GraphError(f"edge {source!r} -> {target!r} ({key}): a {attrs['type']} edge must "
                      f"start at its paper {attrs['paper']!r}")


EdgeGroup = tuple[str, NodeLabel, NodeLabel]  # (relationship type, source label, target label)


def edge_rows(papers: list[str], edge_groups: dict[str, list],
              labels: dict[str, NodeLabel]) -> dict[EdgeGroup, list[dict]]:
    """These papers' edges as rows `{s: source id, edges: [{t: target id, p: props}]}`, grouped
    so that each group is one UNWIND with fixed labels and each source is looked up once.

    `key` is stored only when it is not the usual `TYPE|paper` (kg.graph.edge_key): a million
    redundant strings cost the server a tenth of its load time. Readers use `edge_key_of`.
    This loop runs once per relationship, so it avoids per-edge calls and re-hashing.
    """
    groups: dict[EdgeGroup, dict[str, list[dict]]] = {}
    for paper in papers:
        for source, target, key, attrs in edge_groups[paper]:
            group = (attrs["type"], labels[source], labels[target])
            by_source = groups.get(group)
            if by_source is None:
                by_source = groups[group] = {}
            edges = by_source.get(source)
            if edges is None:
                edges = by_source[source] = []
            edges.append({"t": target, "p": edge_props(key, attrs)})
    return {group: [{"s": source, "edges": edges} for source, edges in by_source.items()]
            for group, by_source in groups.items()}


def edge_props(key: str, attrs: dict) -> dict[str, Any]:
    """Neo4j properties of an edge: its attributes but `type`, and `key` only when unusual."""
    props = {name: value if type(value) in _PLAIN else property_value(value)
             for name, value in attrs.items() if name != "type"}
    if key != f"{attrs['type']}|{attrs['paper']}":  # kg.graph.edge_key, inlined: hot loop
        props["key"] = key
    return props


# Cypher for a relationship's kg edge key, whether stored or implied.
EDGE_KEY_OF = "coalesce({r}.key, type({r}) + '|' + {r}.paper)"


def edge_key_of(r: str = "r") -> str:
    """The Cypher expression of relationship variable `r`'s kg edge key."""
    return EDGE_KEY_OF.format(r=r)


class Rows(list):
    """A query parameter list whose repr is its length.

    The driver formats every RUN's parameters for its debug log even when that log is off
    (`Bolt5x5.run` joins their reprs); on a million-relationship load that was a quarter of the
    loader's CPU, taken from the server on a small machine. It also keeps data out of logs.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


# --- transactions ---------------------------------------------------------------------------

def _merge_nodes(tx: ManagedTransaction, label: NodeLabel, rows: list[dict]) -> None:
    extra = ", n:Entity" if label in ENTITY_LABELS else ""
    tx.run(f"UNWIND $rows AS row MERGE (n:{label.value} {{id: row.id}}) "
           f"SET n += row.props{extra}", rows=Rows(rows)).consume()


def _relationship_count(tx: ManagedTransaction) -> int:
    return tx.run("MATCH ()-[r]->() RETURN count(r) AS c").single()["c"]  # from the count store


# One statement finds a batch's old edges of every type: those that start at the paper from
# its node, the others each through its `paper` index (cypher/schema.cypher).
_DELETE_BY_PAPER = (
    "UNWIND $papers AS p CALL (p) { "
    f"MATCH (a:{NodeLabel.PAPER.value} {{id: p}})-[r:{'|'.join(sorted(PAPER_EDGES))}]->(b) "
    "WHERE r.paper = p RETURN r, a, b UNION ALL "
    + " UNION ALL ".join(f"MATCH (a)-[r:{edge} {{paper: p}}]->(b) RETURN r, a, b"
                         for edge in EDGE_TYPES if edge not in PAPER_EDGES)
    + " } DELETE r RETURN DISTINCT a.id AS a, elementId(a) AS ea, b.id AS b, elementId(b) AS eb")


def _replace_edges(tx: ManagedTransaction, papers: list[str], groups: dict[EdgeGroup, list[dict]],
                   graph: nx.MultiDiGraph, replace: bool = True) -> None:
    """Delete these papers' relationships, CREATE their edges, drop nodes left behind.

    CREATE, not MERGE: this transaction has just deleted every edge of these papers (or the
    database had none), so nothing can be duplicated, and CREATE need not scan the
    relationships of a heavily used node as MERGE does. Retries rerun the whole unit.
    """
    left_behind: dict[str, str] = {}
    if replace:
        for record in tx.run(_DELETE_BY_PAPER, papers=Rows(papers)):
            left_behind[record["a"]] = record["ea"]
            left_behind[record["b"]] = record["eb"]
    for (edge_type, source_label, target_label), rows in groups.items():
        _create_edges(tx, edge_type, source_label, target_label, rows)
    # Nodes the old edges held and the graph no longer has (graph.remove_paper's orphans).
    orphans = [element for node, element in left_behind.items() if node not in graph]
    if orphans:
        tx.run("UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id AND NOT n:Paper "
               "AND NOT EXISTS { (n)--() } DELETE n", ids=orphans).consume()


def _create_edges(tx: ManagedTransaction, edge_type: str, source_label: NodeLabel,
                  target_label: NodeLabel, rows: list[dict]) -> None:
    expected = sum(len(row["edges"]) for row in rows)
    record = tx.run(
        f"UNWIND $rows AS row MATCH (a:{source_label.value} {{id: row.s}}) "
        f"UNWIND row.edges AS edge MATCH (b:{target_label.value} {{id: edge.t}}) "
        f"CREATE (a)-[r:{EDGE_TYPES[edge_type].edge}]->(b) SET r = edge.p "
        "RETURN count(r) AS written", rows=Rows(rows)).single()
    if record["written"] != expected:
        # A row whose end node is missing matches nothing; never drop it silently.
        raise GraphError(f"{edge_type}: wrote {record['written']} of {expected} relationships; "
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


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while millions of short-lived acyclic rows are built.

    With a large graph alive, each collection walks all of it: measured on 1.4M relationships,
    building the rows took 7.7 s of CPU with the collector on and 3.5 s with it paused, CPU the
    server needs on a small machine. Rows hold no cycles, so reference counting frees them.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
