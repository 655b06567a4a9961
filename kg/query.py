"""The Cypher query library: cypher/queries/*.cypher -> named queries, and running Cypher on Neo4j.

Each file holds one query; its leading `//` lines say what it answers and its parameters.
`run_cypher` runs in a read transaction unless `write=True`, so a stray CREATE or DELETE in
`kg query` is refused by the server. Side effects: only the queries the caller runs.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from neo4j import Driver, RoutingControl
from neo4j.exceptions import ClientError

from kg.errors import KgError, NotFoundError
from kg.resources import resource_dir
from kg.sinks.neo4j import translated_errors


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """One library query: its file stem, header comment and Cypher text."""

    name: str
    description: str
    cypher: str


def named_queries() -> dict[str, NamedQuery]:
    """Every query of cypher/queries, by file stem."""
    queries = {}
    for path in sorted((resource_dir("cypher") / "queries").glob("*.cypher")):
        text = path.read_text(encoding="utf-8")
        header = [line.lstrip("/ ").rstrip() for line in text.splitlines()
                  if line.startswith("//")]
        queries[path.stem] = NamedQuery(path.stem, "\n".join(header), text)
    return queries


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        close = difflib.get_close_matches(name, list(queries), n=3) or sorted(queries)
        raise NotFoundError(f"no query named {name!r}; try one of: {', '.join(close)}")
    return queries[name]


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
