"""Bolt load benchmark: a synthetic kg graph -> Neo4j through kg.sinks.neo4j.load; prints rates.

Usage: NEO4J_URI=… NEO4J_USER=… NEO4J_PASSWORD=… python bench/neo4j_load.py [--papers N]
       [--batch-size N]. The default 70,000 papers give >= 200,000 nodes and >= 1,000,000
relationships (heavy-tailed degrees, kg/synthetic.py). Side effect: EMPTIES the database first.
The neo4j-admin import half of the issue's benchmark is not written yet.
"""

from __future__ import annotations

import argparse
import os
import time

from neo4j import GraphDatabase

from kg.sinks.neo4j import load
from kg.synthetic import synthetic_graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=70_000)
    parser.add_argument("--batch-size", type=int, default=10_000)
    parser.add_argument("--database", default="neo4j")
    args = parser.parse_args()
    began = time.perf_counter()
    graph = synthetic_graph(args.papers)
    print(f"synthetic graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} "
          f"relationships in {time.perf_counter() - began:.1f}s")
    auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"])
    with GraphDatabase.driver(os.environ["NEO4J_URI"], auth=auth) as driver:
        # Emptied in batches so one transaction never holds a million deletions.
        with driver.session(database=args.database) as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
                        ).consume()
        stats = load(driver, graph, args.database, args.batch_size)
    print(f"bolt: {stats.nodes:,} nodes + {stats.relationships:,} relationships in "
          f"{stats.seconds:.1f}s over {stats.transactions} transactions: "
          f"{stats.nodes / stats.seconds:,.0f} nodes/s overall, "
          f"{stats.relationships / stats.seconds:,.0f} relationships/s overall")


if __name__ == "__main__":
    main()
