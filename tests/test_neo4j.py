"""The Neo4j sink against a real Neo4j 5 server: counts, idempotence, replacement, schema, faults."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from conftest import HOSTILE, XSS, hostile_extraction, paper_a, paper_b, relation
from neo4j import GraphDatabase
from neo4j_server import DATABASE, neo4j_db, neo4j_driver, neo4j_env  # noqa: F401 (fixtures)

from kg import graph as kg_graph
from kg import pipeline
from kg.errors import ConnectionFailed, GraphError
from kg.model import Extraction, NodeLabel, RelationType
from kg.sinks.files import load_graph
from kg.errors import KgError, NotFoundError
from kg.query import named_queries, named_query, parse_params, run_cypher
from kg.sinks.neo4j import Neo4jSink, edge_key_of, load, schema_statements

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "kg" / "examples" / "daily-papers-example.txt"


def rows(driver, cypher: str, **params) -> list[dict]:
    records, _, _ = driver.execute_query(cypher, params, database_=DATABASE)
    return [record.data() for record in records]


def db_nodes(driver) -> Counter:
    found = rows(driver, "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS c")
    return Counter({row["label"]: row["c"] for row in found})


def graph_nodes(graph) -> Counter:
    labels = Counter(label for _, label in graph.nodes(data="label"))
    entities = sum(labels[label.value] for label in (NodeLabel.MODEL, NodeLabel.DATASET,
                                                     NodeLabel.BENCHMARK))
    return labels + Counter({"Entity": entities} if entities else {})


def db_edges(driver) -> set[tuple[str, str, str, str]]:
    found = rows(driver, "MATCH (a)-[r]->(b) RETURN a.id AS a, b.id AS b, type(r) AS t, "
                         f"{edge_key_of('r')} AS k")
    edges = {(row["a"], row["b"], row["t"], row["k"]) for row in found}
    assert len(edges) == len(found), "duplicate relationships"
    return edges


def graph_edges(graph) -> set[tuple[str, str, str, str]]:
    return {(u, v, data["type"], k) for u, v, k, data in graph.edges(keys=True, data=True)}


def assert_db_equals(driver, graph) -> None:
    assert db_nodes(driver) == graph_nodes(graph)
    ids = {row["id"] for row in rows(driver, "MATCH (n) RETURN n.id AS id")}
    assert ids == set(graph.nodes)
    assert db_edges(driver) == graph_edges(graph)


@pytest.fixture(scope="module")
def example_graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("example")
    pipeline.build([EXAMPLE], out, sinks=("json",))
    return load_graph(out / "graph.json")


def test_example_listing_loads_with_the_graphs_counts(neo4j_db, example_graph):
    Neo4jSink(neo4j_db, database=DATABASE, batch_size=7).write(example_graph)
    assert_db_equals(neo4j_db, example_graph)
    by_type = {row["t"]: row["c"] for row in
               rows(neo4j_db, "MATCH ()-[r]->() RETURN type(r) AS t, count(r) AS c")}
    assert by_type == kg_graph.stats(example_graph).edges_by_type


def test_loading_twice_changes_nothing(neo4j_db, example_graph):
    sink = Neo4jSink(neo4j_db, database=DATABASE, batch_size=50)
    sink.write(example_graph)
    first = rows(neo4j_db, "MATCH (n) RETURN n.id AS id, properties(n) AS p ORDER BY id")
    sink.write(example_graph)
    assert rows(neo4j_db, "MATCH (n) RETURN n.id AS id, properties(n) AS p ORDER BY id") == first
    assert_db_equals(neo4j_db, example_graph)


def test_relationships_carry_evidence_paper_metric_value_and_extractor(neo4j_db, sample_graph):
    load(neo4j_db, sample_graph)
    found = rows(neo4j_db, "MATCH (:Model {id: $m})-[r:EVALUATED_ON]->(:Benchmark) "
                           "RETURN r.paper AS paper, r.evidence AS evidence, r.metric AS metric, "
                           "r.value AS value, r.extractor AS extractor ORDER BY paper",
                 m="model:llama-2-7b")
    assert [(r["paper"], r["metric"], r["value"]) for r in found] == [
        ("paper:a", "accuracy", "45.3"), ("paper:b", "accuracy", "46")]
    assert found[0]["evidence"] == "We evaluate on MMLU."
    assert all(r["extractor"].startswith("kg-rules-") for r in found)


def test_entities_carry_name_aliases_type_and_flat_external_ids(neo4j_db, sample_graph):
    sample_graph.nodes["model:llama-2-7b"]["external_ids"] = {"hf": "meta-llama/Llama-2-7b"}
    load(neo4j_db, sample_graph)
    [node] = rows(neo4j_db, "MATCH (n:Entity:Model {id: $id}) RETURN properties(n) AS p",
                  id="model:llama-2-7b")
    props = node["p"]
    assert props["name"] == "Llama-2-7B" and props["type"] == "model" and props["known"] is True
    assert props["aliases"] == ["LLaMA-2 7B", "llama2-7b"]
    assert props["hf_id"] == "meta-llama/Llama-2-7b"
    hits = rows(neo4j_db, "CALL db.index.fulltext.queryNodes('entity_names', $q) "
                          "YIELD node RETURN node.id AS id", q="llama2")
    assert [hit["id"] for hit in hits] == ["model:llama-2-7b"]


def test_a_new_listing_adds_to_the_graph(neo4j_db):
    load(neo4j_db, kg_graph.build([paper_a()]))
    load(neo4j_db, kg_graph.build([paper_b()]))
    union = kg_graph.build([paper_a(), paper_b()])
    assert db_nodes(neo4j_db) == graph_nodes(union)
    assert db_edges(neo4j_db) == graph_edges(union)


def reextracted_paper_a() -> Extraction:
    """Paper 'a' again, now stating only that it introduces Llama-2-7B (no Pile, no MMLU)."""
    old = paper_a()
    return Extraction(paper=old.paper, entities=old.entities[:1], mentions=old.mentions[:2],
                      relations=(relation(RelationType.INTRODUCES, "a", old.entities[0].id, "a",
                                          "We introduce Llama-2-7B."),))


def test_a_reextracted_paper_leaves_no_stale_edge(neo4j_db):
    graph = kg_graph.build([paper_a(), paper_b()])
    load(neo4j_db, graph)
    kg_graph.add_extraction(graph, reextracted_paper_a())
    assert "dataset:the-pile" not in graph  # only paper a used it
    for _ in range(2):
        load(neo4j_db, graph)
        assert_db_equals(neo4j_db, graph)
    assert not rows(neo4j_db, "MATCH ()-[r:TRAINED_ON]->() RETURN r")


def test_schema_constraints_and_indexes_exist(neo4j_db):
    load(neo4j_db, kg_graph.build([paper_a()]))
    constraints = {row["name"] for row in rows(neo4j_db, "SHOW CONSTRAINTS YIELD name")}
    assert {f"{label.value.lower()}_id" for label in NodeLabel} | {"entity_id"} <= constraints
    indexes = {row["name"]: row for row in
               rows(neo4j_db, "SHOW INDEXES YIELD name, type, state")}
    assert indexes["entity_names"]["type"] == "FULLTEXT"
    assert all(row["state"] == "ONLINE" for row in indexes.values())
    created = {s.split()[2] if s.split()[1] in ("CONSTRAINT", "INDEX") else s.split()[3]
               for s in schema_statements() if s.startswith("CREATE")}
    dropped = {s.split()[2] for s in schema_statements() if s.startswith("DROP")}
    assert created <= constraints | set(indexes)
    assert dropped and not dropped & set(indexes)


def test_schema_drops_the_indexes_of_paper_started_edges(neo4j_db):
    neo4j_db.execute_query("CREATE INDEX mentions_paper IF NOT EXISTS "
                           "FOR ()-[r:MENTIONS]-() ON (r.paper)", database_=DATABASE)
    load(neo4j_db, kg_graph.build([paper_a()]))
    names = {row["name"] for row in rows(neo4j_db, "SHOW INDEXES YIELD name")}
    assert "mentions_paper" not in names and "evaluated_on_paper" in names


def test_a_paper_started_edge_from_elsewhere_is_refused_before_writing(neo4j_db):
    graph = kg_graph.build([paper_a()])
    source, target, key, attrs = next(
        (s, t, k, a) for s, t, k, a in graph.edges(keys=True, data=True)
        if a["type"] == RelationType.MENTIONS.edge)
    graph.add_edge(target, source, key="stray", **attrs)  # MENTIONS from an entity
    with pytest.raises(GraphError, match="must start at its paper"):
        load(neo4j_db, graph)
    assert rows(neo4j_db, "MATCH (n) RETURN count(n) AS c") == [{"c": 0}]


def test_duplicate_ids_are_refused_by_the_constraint(neo4j_db):
    load(neo4j_db, kg_graph.build([paper_a()]))
    with pytest.raises(Exception, match="already exists"):
        neo4j_db.execute_query("CREATE (:Model {id: 'model:llama-2-7b'})", database_=DATABASE)


def test_hostile_strings_round_trip_as_data(neo4j_db, hostile_graph):
    load(neo4j_db, hostile_graph)
    assert_db_equals(neo4j_db, hostile_graph)
    [node] = rows(neo4j_db, "MATCH (n:Model {id: $id}) RETURN n.name AS name, n.aliases AS a",
                  id=f"model:{HOSTILE}")
    assert node == {"name": HOSTILE, "a": [XSS]}
    [paper] = rows(neo4j_db, "MATCH (p:Paper {id: $id}) RETURN p.title AS t", id=f"paper:{HOSTILE}")
    assert paper["t"] == XSS


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_wrong_password_is_a_one_line_connection_failure(neo4j_driver, neo4j_env, sample_graph):
    wrong = "not-the-password-" + "x" * 8
    with GraphDatabase.driver(neo4j_env["NEO4J_URI"], auth=(neo4j_env["NEO4J_USER"], wrong)) as driver:
        with pytest.raises(ConnectionFailed) as caught:
            load(driver, sample_graph)
    message = str(caught.value)
    assert "\n" not in message and wrong not in message
    assert "credentials" in message


def test_closed_port_is_a_one_line_connection_failure(sample_graph):
    started = time.monotonic()
    with GraphDatabase.driver(f"bolt://127.0.0.1:{closed_port()}", auth=("neo4j", "x")) as driver:
        with pytest.raises(ConnectionFailed, match="unreachable") as caught:
            load(driver, sample_graph)
    assert "\n" not in str(caught.value)
    assert time.monotonic() - started < 20  # fails fast, not after 30 s of retries


KILLED_LOADER = """
import os, sys
from neo4j import GraphDatabase
from kg.sinks.neo4j import load
from kg.synthetic import synthetic_graph
graph = synthetic_graph(papers=400)
with GraphDatabase.driver(os.environ["NEO4J_URI"],
                          auth=(os.environ["NEO4J_USER"], os.environ["NEO4J_PASSWORD"])) as d:
    load(d, graph, batch_size=200, progress=lambda what, n: print(what, flush=True))
"""


def test_a_loader_killed_half_way_then_rerun_equals_one_clean_load(neo4j_db, neo4j_env):
    from kg.synthetic import synthetic_graph

    graph = synthetic_graph(papers=400)
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_LOADER],
        env={**os.environ, **neo4j_env}, stdout=subprocess.PIPE, text=True, cwd=REPO)
    seen = 0
    for line in child.stdout:  # kill once some relationship batches have committed
        seen += line.startswith("relationships")
        if seen == 3:
            child.kill()
            break
    child.wait(timeout=60)
    assert seen == 3, "the loader finished before it could be killed"
    partial = rows(neo4j_db, "MATCH ()-[r]->() RETURN count(r) AS c")[0]["c"]
    assert 0 < partial < graph.number_of_edges()
    load(neo4j_db, graph, batch_size=200)
    assert_db_equals(neo4j_db, graph)


TABLEQUEST_PAPER = "paper:t-tablequest-a-benchmark-for-multi-step-reasoning-over-semi-structured-tables"
PHI3_PAPER = "paper:t-sparse-upcycling-of-phi-3-mini-into-a-mixture-of-experts"
EXPECTED = {
    "models_evaluated_on": ({"benchmark": "TableQuest"}, [
        {"model": model, "metric": "exact match", "value": value, "paper": TABLEQUEST_PAPER}
        for model, value in (("GPT-4o", "71.3%"), ("Llama 3 8B", "44.1%"), ("Qwen2.5-7B", "52.8%"))]),
    "trained_on": ({"model": "model:phi-3-mini"}, [
        {"dataset": "SlimPajama", "paper": PHI3_PAPER}, {"dataset": "The Pile", "paper": PHI3_PAPER}]),
    "model_lineage": ({"model": "model:codewarden"}, [
        {"lineage": ["CodeWarden", "starcoder2-7B"], "depth": 1}]),
    "introduced_between": ({"from": "2025-01-01", "to": "2025-12-31"}, [
        {"date": "2025-03-04", "introduced": "TableQuest", "type": "benchmark",
         "paper": "TableQuest: A Benchmark for Multi-Step Reasoning over Semi-Structured Tables"},
        {"date": "2025-04-22", "introduced": "SheetBench", "type": "benchmark",
         "paper": "SheetBench: Evaluating Tool-Using Agents on Multi-Turn Spreadsheet Tasks"}]),
    # Aggregates over the whole listing move with the catalog: their rows are computed from
    # the networkx graph below, an independent implementation of the same question.
    "most_used_benchmarks": ({"limit": 5}, None),
    "model_benchmark_cooccurrence": ({"limit": 5}, None),
    "search_entities": ({"query": "stack*", "limit": 20}, None),
}


def expected_from_graph(graph, name: str, limit: int) -> list[dict]:
    nodes = graph.nodes
    if name == "search_entities":  # Lucene scores vary; ids of names with a word "stack…"
        return sorted(node for node, attrs in graph.nodes(data=True)
                      if attrs["label"] in ("Model", "Dataset", "Benchmark")
                      and any(word.lower().startswith("stack")
                              for text in [attrs["name"], *(attrs.get("aliases") or [])]
                              for word in re.split(r"\W+", text)))
    if name == "most_used_benchmarks":
        papers = defaultdict(set)
        for _, target, data in graph.edges(data=True):
            if data["type"] == "EVALUATED_ON" and nodes[target]["label"] == "Benchmark":
                papers[nodes[target]["name"]].add(data["paper"])
        rows_ = [{"benchmark": b, "papers": len(p)} for b, p in papers.items()]
        return sorted(rows_, key=lambda r: (-r["papers"], r["benchmark"]))[:limit]
    mentioned = defaultdict(set)
    for paper, target, data in graph.edges(data=True):
        if data["type"] == "MENTIONS":
            mentioned[paper].add(target)
    pairs = Counter((nodes[m]["name"], nodes[b]["name"]) for targets in mentioned.values()
                    for m in targets for b in targets
                    if nodes[m]["label"] == "Model" and nodes[b]["label"] == "Benchmark")
    rows_ = [{"model": m, "benchmark": b, "papers": c} for (m, b), c in pairs.items()]
    return sorted(rows_, key=lambda r: (-r["papers"], r["model"], r["benchmark"]))[:limit]


def test_every_library_query_has_expected_rows_and_a_header():
    queries = named_queries()
    assert set(queries) == set(EXPECTED)
    for query in queries.values():
        assert "Parameters:" in query.description, query.name


@pytest.fixture
def example_db(neo4j_db, example_graph):
    load(neo4j_db, example_graph)
    return neo4j_db


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_library_query_answers_on_the_example_listing(example_db, example_graph, name):
    params, expected = EXPECTED[name]
    if expected is None:
        expected = expected_from_graph(example_graph, name, params["limit"])
        assert expected
    if name == "search_entities":
        found = run_cypher(example_db, named_query(name).text, params)
        assert sorted(row["id"] for row in found) == expected
        return
    assert run_cypher(example_db, named_query(name).text, params) == expected


def test_queries_are_read_only_unless_write_is_asked(example_db):
    with pytest.raises(KgError, match="read-only"):
        run_cypher(example_db, "CREATE (:Paper {id: 'x'})")
    assert run_cypher(example_db, "MATCH (p:Paper {id: 'x'}) RETURN p") == []
    run_cypher(example_db, "CREATE (:Paper {id: 'x'})", write=True)
    assert run_cypher(example_db, "MATCH (p:Paper {id: 'x'}) RETURN p.id AS id") == [{"id": "x"}]


def test_unknown_query_names_close_matches_and_params_parse():
    with pytest.raises(NotFoundError, match="trained_on"):
        named_query("trainedon")
    assert parse_params(["limit=3", "model=model:x", "q=a=b"]) == {
        "limit": 3, "model": "model:x", "q": "a=b"}
    with pytest.raises(KgError):
        parse_params(["novalue"])


def test_a_uri_that_is_not_bolt_is_a_connection_failure():
    from kg.sinks.neo4j import connect

    with pytest.raises(ConnectionFailed, match="scheme must be one of"):
        connect("http://127.0.0.1:7474", "neo4j", "secret")


# --- the CLI over a real server -------------------------------------------------------------

def _kg(args: list[str], env: dict[str, str]):
    from typer.testing import CliRunner

    from kg.cli import app

    return CliRunner().invoke(app, args, env=env)


def test_cli_build_load_and_query_against_the_server(neo4j_db, neo4j_env, tmp_path):
    built = _kg(["build", str(EXAMPLE), "--out", str(tmp_path), "--fresh"], neo4j_env)
    assert built.exit_code == 0, built.output
    assert "neo4j:" in built.output
    graph = load_graph(tmp_path / "graph.json")
    counts = rows(neo4j_db, "MATCH (n) RETURN count(n) AS n")[0]["n"], rows(neo4j_db, "MATCH ()-[r]->() RETURN count(r) AS r")[0]["r"]
    assert counts == (graph.number_of_nodes(), graph.number_of_edges())
    again = _kg(["load", str(tmp_path / "graph.json")], neo4j_env)
    assert again.exit_code == 0, again.output
    assert (rows(neo4j_db, "MATCH (n) RETURN count(n) AS n")[0]["n"],
            rows(neo4j_db, "MATCH ()-[r]->() RETURN count(r) AS r")[0]["r"]) == counts
    listed = _kg(["query", "most_used_benchmarks", "--param", "limit=3", "--json"], neo4j_env)
    assert listed.exit_code == 0, listed.output
    assert len(__import__("json").loads(listed.output)) == 3


def test_cli_query_refuses_writes_and_reports_bad_credentials_in_one_line(neo4j_db, neo4j_env):
    refused = _kg(["query", "CREATE (n:Scratch) RETURN n"], neo4j_env)
    assert refused.exit_code == 1 and "read-only unless --write" in refused.output
    assert rows(neo4j_db, "MATCH (n:Scratch) RETURN count(n) AS n")[0]["n"] == 0
    wrong = _kg(["query", "most_used_benchmarks"], {**neo4j_env, "NEO4J_PASSWORD": "not-the-password"})
    assert wrong.exit_code == 1
    assert "refused the credentials" in wrong.output and "Traceback" not in wrong.output
    assert "not-the-password" not in wrong.output
