"""`kg viz --neo4j`: the subgraph read from a real Neo4j equals the one cut from the built graph."""

from __future__ import annotations

import pytest
from neo4j_server import neo4j_db, neo4j_driver, neo4j_env  # noqa: F401 (fixtures)
from test_neo4j import EXAMPLE, example_graph  # noqa: F401 (fixture)

from kg import pipeline
from kg import viz as kg_viz
from kg.catalog import Catalog
from kg.errors import NotFoundError
from kg.sinks.neo4j import load

NODE_ATTRS = ("label", "name", "type", "date", "title", "aliases")


def picked(graph, names, hops, **filters):
    catalog = Catalog.load()
    centres = [kg_viz.resolve(graph, name, catalog) for name in names]
    return kg_viz.select(graph, centres, hops=hops, **filters).graph


def summary(graph):
    nodes = {n: tuple(a.get(k) for k in NODE_ATTRS) for n, a in graph.nodes(data=True)}
    # Neo4j stores no null property: an attribute set to None is simply absent there.
    edges = {(u, v, k): {name: value for name, value in d.items() if value is not None}
             for u, v, k, d in graph.edges(keys=True, data=True)}
    return nodes, edges


@pytest.mark.parametrize("names, hops, filters", [
    (["TableQuest"], 1, {}),
    (["TableQuest", "model:phi-3-mini"], 2, {}),
    (["GPT-4o"], 2, {"types": frozenset({"Model", "Benchmark", "Paper"})}),
    (["codewarden"], 3, {"relations": frozenset({"BASED_ON", "EVALUATED_ON"})}),
    (["TableQuest", "SheetBench"], 2, {"since": "2025-04"}),
])
def test_the_neo4j_subgraph_selects_like_the_built_graph(neo4j_db, example_graph, names, hops,
                                                         filters):
    load(neo4j_db, example_graph)
    fetched = kg_viz.read_neo4j(neo4j_db, names, hops, catalog=Catalog.load())
    assert 0 < len(fetched) < len(example_graph)
    from_neo4j = picked(fetched, names, hops, **filters)
    embedded = picked(example_graph, names, hops, **filters)
    assert len(embedded) > 1
    assert summary(from_neo4j) == summary(embedded)


def test_an_unknown_name_reads_nothing(neo4j_db, example_graph):
    load(neo4j_db, example_graph)
    fetched = kg_viz.read_neo4j(neo4j_db, ["no-such-model-xyz"], 2)
    assert len(fetched) == 0
    with pytest.raises(NotFoundError):
        kg_viz.resolve(fetched, "no-such-model-xyz")


def test_cli_viz_from_neo4j_writes_the_same_page_counts(neo4j_db, neo4j_env, tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    pipeline.build([EXAMPLE], tmp_path / "built", sinks=("json",))
    run = CliRunner().invoke
    built = run(app, ["build", str(EXAMPLE), "--out", str(tmp_path / "built")], env=neo4j_env)
    assert built.exit_code == 0, built.output
    local = run(app, ["viz", "TableQuest", "--hops", "2", "--graph", str(tmp_path / "built"),
                      "--out", str(tmp_path / "local.html")], env=neo4j_env)
    remote = run(app, ["viz", "TableQuest", "--hops", "2", "--neo4j", neo4j_env["NEO4J_URI"],
                       "--out", str(tmp_path / "neo4j.html")], env=neo4j_env)
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    counts = [line.split(": ", 1)[1] for line in (local.output + remote.output).splitlines()
              if line.startswith("wrote ")]
    assert len(counts) == 2 and counts[0] == counts[1]
    assert (tmp_path / "neo4j.html").stat().st_size > 10_000
