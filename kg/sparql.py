"""The SPARQL query library: ontology/queries/*.rq -> named queries, run with rdflib on kg RDF.

Each file holds one query; its leading `#` lines say what it answers and its parameters, the
same questions as cypher/queries. Parameters are bound with rdflib's initBindings: a value
written as a kg node id (`benchmark:mmlu`) is bound as that node's IRI, any other as a string
literal; `limit` is appended as a LIMIT clause. No side effects.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import KgError, NotFoundError
from kg.model import EntityType
from kg.namespaces import DEFAULT_BASE
from kg.resources import resource_dir
from kg.sinks.rdf import node_iri

# The prefixes of node ids (kg/graph.py), which a parameter value may start with.
NODE_PREFIXES = ("paper", "author", "org", *(kind.value for kind in EntityType))


@dataclass(frozen=True, slots=True)
class SparqlQuery:
    """One library query: its file stem, header comment and SPARQL text."""

    name: str
    description: str
    sparql: str


def sparql_queries() -> dict[str, SparqlQuery]:
    """Every query of ontology/queries, by file stem."""
    queries = {}
    for path in sorted((resource_dir("ontology") / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header = [line.lstrip("# ").rstrip() for line in text.splitlines() if line.startswith("#")]
        queries[path.stem] = SparqlQuery(path.stem, "\n".join(header), text)
    return queries


def sparql_query(name: str) -> SparqlQuery:
    queries = sparql_queries()
    if name not in queries:
        close = difflib.get_close_matches(name, list(queries), n=3) or sorted(queries)
        raise NotFoundError(f"no SPARQL query named {name!r}; try one of: {', '.join(close)}")
    return queries[name]


def bind_value(value: Any, base: str = DEFAULT_BASE) -> Node:
    """A parameter as an RDF term: a kg node id becomes its IRI, the rest a literal."""
    if isinstance(value, str) and value.partition(":")[0] in NODE_PREFIXES and ":" in value:
        return node_iri(base, value)
    return value if isinstance(value, (URIRef, Literal)) else Literal(value)


def run_sparql(rdf: Graph, query: str, params: dict[str, Any] | None = None,
               base: str = DEFAULT_BASE) -> list[dict[str, Any]]:
    """Rows of a library query (by name) or of SPARQL text, as dicts of Python values."""
    text = sparql_query(query).sparql if query in sparql_queries() else query
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
