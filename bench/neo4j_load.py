"""Load benchmark: a synthetic kg graph -> Neo4j over Bolt (kg.sinks.neo4j.load) and through
`neo4j-admin database import full` (kg.sinks.neo4j_admin); prints nodes/s and relationships/s.

Usage: NEO4J_URI=… NEO4J_USER=… NEO4J_PASSWORD=… python bench/neo4j_load.py [--papers N]
       [--batch-size N] [--workers N] [--skip-bolt] [--skip-admin]
The default 70,000 papers give >= 200,000 nodes and >= 1,000,000 relationships (heavy-tailed
degrees, kg/synthetic.py). Side effects: the Bolt half EMPTIES the database first; the import
half writes CSVs and a fresh store under a temporary directory (removed afterwards) with
`scripts/neo4j import` (the import tool from the cached jars). For the reported figures
(bench/README.md) the server ran with `scripts/neo4j start --heap 6g --pagecache 2g
--tx-memory 2g --jvm -Xmn4g` (tests keep the small default), and the import half ran with that
server stopped (its post-load checkpoint competes for the 2 cores).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import tempfile
import time
from pathlib import Path

from neo4j import GraphDatabase

from kg.sinks.neo4j import WORKERS, load
from kg.synthetic import synthetic_graph

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "neo4j"


def bolt(graph, args) -> None:
    auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"])
    with GraphDatabase.driver(os.environ["NEO4J_URI"], auth=auth) as driver:
        # Emptied in batches so one transaction never holds a million deletions.
        with driver.session(database=args.database) as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
                        ).consume()
        stats = load(driver, graph, args.database, args.batch_size, workers=args.workers)
    node_seconds = stats.seconds - stats.relationship_seconds
    print(f"bolt: {stats.nodes:,} nodes + {stats.relationships:,} relationships in "
          f"{stats.seconds:.1f}s ({stats.transactions} transactions, {args.workers} at a time): "
          f"{stats.nodes / node_seconds:,.0f} nodes/s, "
          f"{stats.relationships / stats.relationship_seconds:,.0f} relationships/s; "
          f"{stats.relationships / stats.seconds:,.0f} relationships/s end to end")


def admin(graph, args) -> None:
    from kg.sinks.neo4j_admin import write_csvs

    with tempfile.TemporaryDirectory(prefix="kg-bench-import-") as tmp:
        began = time.perf_counter()
        write_csvs(graph, Path(tmp) / "csv", args.database)
        written = time.perf_counter()
        env = {**os.environ, "KG_NEO4J_DIR": str(Path(tmp) / "home")}
        tool = subprocess.run([str(SCRIPT), "import", str(Path(tmp) / "csv"), "--heap", args.heap],
                              env=env, check=True, capture_output=True, text=True)
        done = time.perf_counter()
    nodes, rels, wall = graph.number_of_nodes(), graph.number_of_edges(), done - written
    own = tool_seconds(tool.stdout + tool.stderr)
    print(f"neo4j-admin: CSVs written in {written - began:.1f}s; import {wall:.1f}s wall "
          f"(JVM start included), {own:.1f}s by the tool's own clock: "
          f"{nodes / wall:,.0f} nodes/s, {rels / wall:,.0f} relationships/s wall "
          f"({rels / own:,.0f}/s by the tool's clock); "
          f"{rels / (done - began):,.0f} relationships/s with the CSV export")


def tool_seconds(output: str) -> float:
    """The tool's `IMPORT DONE in [1m ]2s 345ms` as seconds."""
    found = re.search(r"IMPORT DONE in (?:(\d+)m )?(?:(\d+)s )?(\d+)ms", output)
    minutes, seconds, millis = (int(part or 0) for part in found.groups())
    return minutes * 60 + seconds + millis / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=70_000)
    parser.add_argument("--batch-size", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--database", default="neo4j")
    parser.add_argument("--skip-bolt", action="store_true")
    parser.add_argument("--skip-admin", action="store_true")
    parser.add_argument("--heap", default="2g", help="heap of the import tool's JVM")
    args = parser.parse_args()
    began = time.perf_counter()
    graph = synthetic_graph(args.papers)
    print(f"synthetic graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} "
          f"relationships in {time.perf_counter() - began:.1f}s")
    if not args.skip_bolt:
        bolt(graph, args)
    if not args.skip_admin:
        admin(graph, args)


if __name__ == "__main__":
    main()
