"""The SPARQL query library: ontology/queries/*.rq -> named queries, run with rdflib on kg RDF.

Each file holds one query; its leading `#` lines say what it answers and its parameters, the
same questions as cypher/queries. Parameters are bound with rdflib's initBindings: a value
written as a kg node id (`benchmark:mmlu`) is bound as that node's IRI, any other as a string
literal; `limit` is appended as a LIMIT clause. No side effects.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import KgError
from kg.model import EntityType
from kg.namespaces import DEFAULT_BASE
from kg.resources import QueryFile, pick_query, query_library
from kg.sinks.rdf import node_iri

# The prefixes of node ids (kg/graph.py), which a parameter value may start with.
NODE_PREFIXES = ("paper", "author", "org", *(kind.value for kind in EntityType))


def sparql_queries() -> dict[str, QueryFile]:
    """Every query of ontology/queries, by file stem (`.text` is the SPARQL)."""
    return query_library("ontology", ".rq", "#")


def sparql_query(name: str) -> QueryFile:
    return pick_query(sparql_queries(), name, "SPARQL")


def bind_value(value: Any, base: str = DEFAULT_BASE) -> Node:
    """A parameter as an RDF term: a kg node id becomes its IRI, the rest a literal."""
    if isinstance(value, str) and value.partition(":")[0] in NODE_PREFIXES and ":" in value:
        return node_iri(base, value)
    return value if isinstance(value, (URIRef, Literal)) else Literal(value)


def run_sparql(rdf: Graph, query: str, params: dict[str, Any] | None = None,
               base: str = DEFAULT_BASE) -> list[dict[str, Any]]:
    """Rows of a library query (by name) or of SPARQL text, as dicts of Python values."""
    text = sparql_query(query).text if query in sparql_queries() else query
    params = dict(params or {})
    limit = params.pop("limit", None)
    if limit is not None:
        text += f"\nLIMIT {int(limit)}"
    bindings = {name: bind_value(value, base) for name, value in params.items()}
    try:
        result = rdf.query(text, initBindings=bindings)
    except Exception as exc:  # rdflib's parser and evaluator raise many unrelated types
        raise KgError(f"SPARQL query {query[:40]!r} failed: {exc}") from exc
    return [{str(var): _python(row[var]) for var in result.vars} for row in result]


def _python(term: Node | None) -> Any:
    if term is None:
        return None
    return term.toPython() if isinstance(term, Literal) else str(term)
