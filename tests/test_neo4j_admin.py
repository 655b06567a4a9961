"""The neo4j-admin bulk path: CSVs from kg.sinks.neo4j_admin, imported by the real import tool
(scripts/neo4j import, the same Maven jars), served, and compared with a Bolt load."""

from __future__ import annotations

import csv
import os
import subprocess

import pytest
from conftest import HOSTILE, XSS, hostile_extraction, paper_a
from neo4j import GraphDatabase
from neo4j_server import (  # noqa: F401
    DATABASE,
    SCRIPT,
    neo4j_db,
    neo4j_driver,
    neo4j_env,
    parse_env,
    unavailable,
)
from test_neo4j import EXAMPLE, EXPECTED, rows

from kg import graph as kg_graph
from kg import pipeline
from kg.errors import GraphError
from kg.query import named_queries, run_cypher
from kg.sinks.files import load_graph
from kg.sinks.neo4j import apply_schema, edge_key_of, load
from kg.sinks.neo4j_admin import column_type, write_csvs

NASTY = 'He said "no", then;\nleft \\ a "quoted" line\tend'


@pytest.fixture(scope="module")
def admin_graph(tmp_path_factory):
    """The example listing plus a paper whose title and names carry quotes, commas, newlines."""
    out = tmp_path_factory.mktemp("example")
    pipeline.build([EXAMPLE], out, sinks=("json",))
    graph = load_graph(out / "graph.json")
    kg_graph.add_extraction(graph, hostile_extraction(title=NASTY))
    return graph


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_csvs_quote_hostile_text_and_type_columns(tmp_path):
    graph = kg_graph.build([paper_a(), hostile_extraction(title=NASTY)])
    files = write_csvs(graph, tmp_path)
    header, data = files.nodes["Paper"]
    columns = read_csv(header)[0]
    assert columns[:2] == ["id:ID", ":LABEL"] and "title:string" in columns
    papers = {row[0]: dict(zip(columns, row)) for row in read_csv(data)}
    assert papers[f"paper:{HOSTILE}"]["title:string"] == NASTY
    model_columns = read_csv(files.nodes["Model"][0])[0]
    assert "aliases:string[]" in model_columns and "known:boolean" in model_columns
    models = {row[0]: dict(zip(model_columns, row)) for row in read_csv(files.nodes["Model"][1])}
    assert models[f"model:{HOSTILE}"]["aliases:string[]"] == XSS
    assert models[f"model:{HOSTILE}"][":LABEL"] == "Model\x1fEntity"
    rel_header = read_csv(files.relationships["EVALUATED_ON"][0])[0]
    assert rel_header[:3] == [":START_ID", ":END_ID", ":TYPE"] and "paper:string" in rel_header
    args = files.args_file.read_text().split()
    assert "--multiline-fields=true" in args and args.index(DATABASE) < args.index(
        next(a for a in args if a.startswith("--nodes=")))
    plain = write_csvs(kg_graph.build([paper_a()]), tmp_path / "plain")  # no line break anywhere
    assert "--multiline-fields=false" in plain.args_file.read_text().split()


def test_a_missing_value_is_an_empty_field_and_an_empty_string_is_quoted(tmp_path):
    graph = kg_graph.build([paper_a()])
    graph.nodes["model:llama-2-7b"]["organization"] = ""
    files = write_csvs(graph, tmp_path)
    lines = files.nodes["Model"][1].read_text(encoding="utf-8").splitlines()
    assert any(',"",' in line for line in lines)  # the empty organisation
    benchmark = files.nodes["Benchmark"][1].read_text(encoding="utf-8")
    assert ",," in benchmark or benchmark.rstrip().endswith(",")  # attributes MMLU lacks


def test_unrepresentable_values_are_refused(tmp_path):
    assert column_type("n", [1, 2]) == "long" and column_type("n", [1, 2.5]) == "double"
    with pytest.raises(GraphError, match="mixes"):
        column_type("n", [1, "a"])
    graph = kg_graph.build([paper_a()])
    graph.nodes["model:llama-2-7b"]["aliases"] = ["a\x1fb"]
    with pytest.raises(GraphError, match="U\\+001F"):
        write_csvs(graph, tmp_path)


def test_cli_export_neo4j_admin_writes_the_csvs(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    built = tmp_path / "built"
    pipeline.build([EXAMPLE], built, sinks=("json",))
    result = CliRunner().invoke(app, ["export", "--format", "neo4j-admin", "--graph", str(built),
                                      "--out", str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    assert "import full @import.args" in result.output
    assert (tmp_path / "csv" / "import.args").is_file()
    assert (tmp_path / "csv" / "relationships-EVALUATED_ON.csv").stat().st_size > 0


# --- import with the real tool, serve, compare with Bolt --------------------------------

@pytest.fixture(scope="module")
def imported_driver(tmp_path_factory, admin_graph, neo4j_env):
    base = tmp_path_factory.mktemp("admin-import")
    write_csvs(admin_graph, base / "csv")
    env = {**os.environ, "KG_NEO4J_DIR": str(base / "home")}
    done = subprocess.run([str(SCRIPT), "import", str(base / "csv")], env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        unavailable(f"scripts/neo4j import exited {done.returncode}: {done.stderr[-2000:]}")
    started = subprocess.run([str(SCRIPT), "start"], env=env, capture_output=True, text=True,
                             timeout=600, check=False)
    try:
        if started.returncode != 0:
            unavailable(f"scripts/neo4j start on the import: {started.stderr[-2000:]}")
        server = parse_env(started.stdout)
        auth = (server["NEO4J_USER"], server["NEO4J_PASSWORD"])
        with GraphDatabase.driver(server["NEO4J_URI"], auth=auth) as driver:
            apply_schema(driver, DATABASE)  # the import tool writes data, not the schema
            yield driver
    finally:
        subprocess.run([str(SCRIPT), "stop"], env=env, capture_output=True, timeout=120, check=False)


def snapshot(driver) -> tuple[list, list]:
    nodes = rows(driver, "MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS p")
    edges = rows(driver, "MATCH (a)-[r]->(b) RETURN a.id AS a, b.id AS b, type(r) AS t, "
                         f"{edge_key_of('r')} AS k, properties(r) AS p")
    for node in nodes:
        node["labels"] = sorted(node["labels"])
    return (sorted(nodes, key=lambda n: n["id"]),
            sorted(edges, key=lambda e: (e["a"], e["b"], e["t"], e["k"])))


def test_import_equals_a_bolt_load(imported_driver, neo4j_db, admin_graph):
    load(neo4j_db, admin_graph)
    bolt_nodes, bolt_edges = snapshot(neo4j_db)
    admin_nodes, admin_edges = snapshot(imported_driver)
    assert len(admin_nodes) == admin_graph.number_of_nodes()
    assert len(admin_edges) == admin_graph.number_of_edges()
    assert admin_nodes == bolt_nodes
    assert admin_edges == bolt_edges
    [paper] = rows(imported_driver, "MATCH (p:Paper {id: $id}) RETURN p.title AS t",
                   id=f"paper:{HOSTILE}")
    assert paper["t"] == NASTY


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_library_queries_answer_the_same_on_the_import(imported_driver, neo4j_db, admin_graph,
                                                       name):
    load(neo4j_db, admin_graph)
    params = EXPECTED[name][0]
    query = named_queries()[name].text
    bolt, admin = run_cypher(neo4j_db, query, params), run_cypher(imported_driver, query, params)
    assert bolt  # every query has answers on the example listing
    if name == "search_entities":  # Lucene scores depend on segment layout; the hits do not
        assert sorted(r["id"] for r in admin) == sorted(r["id"] for r in bolt)
    else:
        assert admin == bolt
