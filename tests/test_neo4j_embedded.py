"""`kg query` without Neo4j: the library queries answered from the networkx graph must give the
rows, in the order, that the real Neo4j gives for the same graph and parameters."""

from __future__ import annotations

import json

import pytest
from neo4j_server import neo4j_db, neo4j_driver, neo4j_env  # noqa: F401 (fixtures)
from test_neo4j import EXAMPLE, EXPECTED, example_graph  # noqa: F401 (fixture)

from kg import pipeline
from kg.errors import KgError
from kg.query import EMBEDDED, NOT_EMBEDDED, embedded_query, named_queries, run_cypher
from kg.sinks.neo4j import load
from kg.synthetic import synthetic_graph


def cases(graph) -> list[tuple[str, dict]]:
    """The test file's parameters plus every benchmark, model and a few limits and ranges."""
    names = {label: sorted({a["name"] for _, a in graph.nodes(data=True) if a["label"] == label})
             for label in ("Model", "Benchmark")}
    based = sorted({u for u, _, t in graph.edges(data="type") if t == "BASED_ON"})
    found = [(name, params) for name, (params, _) in EXPECTED.items() if name in EMBEDDED]
    found += [("models_evaluated_on", {"benchmark": b}) for b in names["Benchmark"]]
    found += [("trained_on", {"model": m}) for m in names["Model"]]
    found += [("model_lineage", {"model": m}) for m in based[:40]]
    found += [("introduced_between", {"from": "0000", "to": "9999"}),
              ("introduced_between", {"from": "2025-03-04", "to": "2025-03-04"}),
              ("introduced_between", {"from": 2025, "to": "2026"})]
    found += [(name, {"limit": n}) for name in ("most_used_benchmarks",
                                                "model_benchmark_cooccurrence") for n in (0, 1, 1000)]
    return found


def assert_same_answers(driver, graph, skip=()) -> int:
    load(driver, graph)
    queries = named_queries()
    checked = 0
    for name, params in cases(graph):
        if name in skip:
            continue
        expected = run_cypher(driver, queries[name].text, params)
        assert embedded_query(graph, name, params) == expected, (name, params)
        checked += 1
    return checked


def test_embedded_answers_equal_neo4j_on_the_example_listing(neo4j_db, example_graph):
    assert set(EMBEDDED) | set(NOT_EMBEDDED) == set(named_queries())
    assert assert_same_answers(neo4j_db, example_graph) > 30


def test_embedded_answers_equal_neo4j_on_a_synthetic_graph(neo4j_db):
    # Heavy-tailed, with parallel edges between the same nodes from different papers; lineage
    # is left out because random based_on edges make cycles with millions of 10-step paths.
    assert assert_same_answers(neo4j_db, synthetic_graph(papers=300),
                               skip=("model_lineage",)) > 100


def test_full_text_search_is_refused_without_neo4j_and_params_are_required(example_graph):
    with pytest.raises(KgError, match="needs Neo4j"):
        embedded_query(example_graph, "search_entities", {"query": "x", "limit": 3})
    with pytest.raises(KgError, match="--param benchmark="):
        embedded_query(example_graph, "models_evaluated_on", {})


def _kg(args):
    from typer.testing import CliRunner

    from kg.cli import app

    return CliRunner().invoke(app, args, env={"NEO4J_URI": "", "NEO4J_PASSWORD": ""})


def test_cli_query_without_neo4j_answers_from_the_built_folder(tmp_path, example_graph):
    pipeline.build([EXAMPLE], tmp_path, sinks=("json",))
    result = _kg(["query", "models_evaluated_on", "--param", "benchmark=TableQuest",
                  "--graph", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == EXPECTED["models_evaluated_on"][1]
    refused = _kg(["query", "search_entities", "--param", "query=llama*", "--param", "limit=3",
                   "--graph", str(tmp_path)])
    assert refused.exit_code == 1
    assert "needs Neo4j" in refused.output and len(refused.output.strip().splitlines()) == 1
    cypher = _kg(["query", "MATCH (n) RETURN n", "--graph", str(tmp_path)])
    assert cypher.exit_code == 1 and "cannot run Cypher" in cypher.output
