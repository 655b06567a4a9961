"""Subgraph selection (kg.viz) on hand-made graphs, and `kg viz` end to end (read back from the
page's own data)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from conftest import HOSTILE, LLAMA, MMLU, PILE, XSS, hostile_extraction, paper_a, paper_b
from typer.testing import CliRunner

from kg import graph as kg_graph
from kg.catalog import Catalog
from kg.cli import app
from kg.errors import KgError, NotFoundError
from kg.sinks.files import JsonSink
from kg.viz import keep_connected, parse_relations, parse_since, parse_types, resolve, select

runner = CliRunner()


def page_items(path: Path, kind: str) -> list[dict]:
    """The node or edge items the page hands to vis-network."""
    text = path.read_text(encoding="utf-8")
    return json.loads(re.search(rf"{kind} = new vis.DataSet\((.*?)\);\n", text).group(1))


@pytest.fixture
def graph_dir(tmp_path):
    """A folder like `kg build` writes: papers a and b plus a paper with hostile names."""
    folder = tmp_path / "exports"
    graph = kg_graph.build([paper_a(), paper_b(), hostile_extraction()])
    JsonSink(folder / "graph.json").write(graph)
    return folder


# --- resolve ---------------------------------------------------------------------------------


def test_resolve_by_id_alias_catalog_spelling_and_minted_name(sample_graph):
    catalog = Catalog.load()
    assert resolve(sample_graph, "model:llama-2-7b") == LLAMA.id
    assert resolve(sample_graph, "LLaMA-2 7B") == LLAMA.id  # an alias
    assert resolve(sample_graph, "llama2 7b") == LLAMA.id  # same name_key as the minted id
    assert resolve(sample_graph, "mmlu", catalog) == MMLU.id
    assert resolve(sample_graph, "Pile", catalog) == PILE.id  # catalog drops the article


def test_resolve_unknown_name_lists_the_closest(sample_graph):
    with pytest.raises(NotFoundError, match=r"no entity named 'MMLX'.*closest: MMLU"):
        resolve(sample_graph, "MMLX")


# --- select ----------------------------------------------------------------------------------


def test_hops_zero_one_two(sample_graph):
    assert set(select(sample_graph, [PILE.id], hops=0).graph) == {PILE.id}
    one = select(sample_graph, [PILE.id], hops=1)
    assert set(one.graph) == {PILE.id, LLAMA.id, "paper:a"}
    two = select(sample_graph, [PILE.id], hops=2).graph
    assert set(two) == set(kg_graph.neighbourhood(sample_graph, [PILE.id], hops=2))
    # The induced subgraph: every edge among the kept nodes, parallel edges included.
    assert two.number_of_edges() == sample_graph.subgraph(two).number_of_edges()
    assert one.dropped == () and one.note == ""


def test_types_cut_the_paths_through_other_types_but_keep_the_centres(sample_graph):
    picked = select(sample_graph, ["paper:b"], hops=3, types={"Model", "Benchmark"})
    # paper:b is a centre and stays; only models and benchmarks are followed from it.
    assert set(picked.graph) == {"paper:b", LLAMA.id, MMLU.id}
    assert {d["label"] for _, d in picked.graph.nodes(data=True)} == {"Paper", "Model", "Benchmark"}
    no_papers = select(sample_graph, [PILE.id], hops=3, types={"Dataset", "Benchmark"})
    assert set(no_papers.graph) == {PILE.id}  # Pile reaches MMLU only through the model


def test_relations_follow_only_the_edge_types_asked_for(sample_graph):
    picked = select(sample_graph, [LLAMA.id], hops=2, relations={"TRAINED_ON"})
    assert set(picked.graph) == {LLAMA.id, PILE.id}
    assert {t for *_, t in picked.graph.edges(data="type")} == {"TRAINED_ON"}


def test_since_drops_older_and_undated_papers_with_their_edges(sample_graph):
    # paper a is dated 2023-07-18, paper b has no date.
    recent = select(sample_graph, [MMLU.id], hops=1, since="2023-07")
    assert "paper:b" not in recent.graph and "paper:a" in recent.graph
    assert {p for *_, p in recent.graph.edges(data="paper")} == {"paper:a"}
    assert set(select(sample_graph, [MMLU.id], hops=2, since="2023-08").graph) == {MMLU.id}


def test_over_max_nodes_keeps_a_connected_part_around_the_centre():
    # centre - bridge - hub(10 leaves); the centre also has 5 leaves. A plain top-degree cut of 2
    # would keep hub and centre, which do not touch.
    graph = nx.MultiDiGraph()
    graph.add_edges_from([("centre", "bridge"), ("bridge", "hub")])
    graph.add_edges_from(("hub", f"h{i}") for i in range(10))
    graph.add_edges_from(("centre", f"c{i}") for i in range(5))
    for node in graph:
        graph.nodes[node].update(label="Model", name=node.upper())
    assert keep_connected(graph, ["centre"], 3) == ["centre", "bridge", "hub"]

    picked = select(graph, ["centre"], hops=3, max_nodes=3)
    assert set(picked.graph) == {"centre", "bridge", "hub"}
    assert picked.dropped[0].startswith("c") and len(picked.dropped) == 15
    assert "Showing 3 of 18 nodes" in picked.note and "15 nodes were left out (15 Model)" in picked.note
    assert "e.g. C0, C1, C2, C3, C4, …" in picked.note


def test_select_leaves_the_input_graph_alone(sample_graph):
    before = (sample_graph.number_of_nodes(), sample_graph.number_of_edges())
    picked = select(sample_graph, [MMLU.id], hops=2, types={"Model"}, max_nodes=2)
    picked.graph.add_node("x")
    assert (sample_graph.number_of_nodes(), sample_graph.number_of_edges()) == before


def test_option_parsers_name_the_valid_choices():
    assert parse_types("Model, dataset,organisation") == {"Model", "Dataset", "Organization"}
    assert parse_relations("evaluated-on,TRAINED_ON") == {"EVALUATED_ON", "TRAINED_ON"}
    assert parse_types("") is None and parse_relations(None) is None
    assert parse_since("2024-03") == "2024-03" and parse_since(None) is None
    with pytest.raises(KgError, match="'modle' is not one of: .*model"):
        parse_types("modle")
    with pytest.raises(KgError, match="evaluated_on"):
        parse_relations("evaluates")
    with pytest.raises(KgError, match="YYYY-MM-DD"):
        parse_since("March 2024")


# --- kg viz ----------------------------------------------------------------------------------


def kg(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=True)


def test_kg_viz_writes_exactly_the_selected_subgraph(graph_dir, tmp_path):
    out = tmp_path / "view" / "llama.html"
    result = kg("viz", "LLaMA-2 7B", "--graph", graph_dir, "--out", out, "--hops", "2",
                "--types", "model,benchmark,dataset,paper", "--relations", "evaluated_on,trained_on,mentions")
    assert result.exit_code == 0, result.output
    graph = kg_graph.build([paper_a(), paper_b(), hostile_extraction()])
    expected = select(graph, [LLAMA.id], hops=2, types=parse_types("model,benchmark,dataset,paper"),
                      relations=parse_relations("evaluated_on,trained_on,mentions")).graph
    assert sorted(n["id"] for n in page_items(out, "nodes")) == sorted(expected)
    assert len(page_items(out, "edges")) == expected.number_of_edges()
    assert f"{len(expected)} nodes, {expected.number_of_edges()} edges" in result.stderr


def test_kg_viz_over_max_nodes_says_what_it_dropped_in_the_output_and_the_page(graph_dir, tmp_path):
    out = tmp_path / "f.html"
    result = kg("viz", "MMLU", "--graph", graph_dir, "--out", out, "--hops", "3", "--max-nodes", "3")
    assert result.exit_code == 0, result.output
    note = next(line for line in result.stderr.splitlines() if "were left out" in line)
    assert note.startswith("Showing 3 of ")
    assert len(page_items(out, "nodes")) == 3
    page = out.read_text(encoding="utf-8")
    assert re.search(r'<p id="kg-note">Showing 3 of \d+ nodes', page)


def test_kg_viz_unknown_name_is_one_line_with_the_closest_names(graph_dir, tmp_path):
    result = kg("viz", "Llama-2-7C", "--graph", graph_dir, "--out", tmp_path / "f.html")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no entity named 'Llama-2-7C'" in lines[0] and "Llama-2-7B" in lines[0]
    assert not (tmp_path / "f.html").exists()


@pytest.mark.parametrize("args, message", [
    (("--types", "modle"), "--types: 'modle' is not one of"),
    (("--since", "last year"), "--since 'last year'"),
    (("--neo4j", "bolt://localhost:7687"), "Neo4j is unreachable"),
])
def test_kg_viz_bad_options_fail_cleanly(graph_dir, tmp_path, args, message):
    result = kg("viz", "MMLU", "--graph", graph_dir, "--out", tmp_path / "f.html", *args)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert message in result.stderr
    assert not (tmp_path / "f.html").exists()


def test_kg_viz_page_holds_hostile_names_only_escaped(graph_dir, tmp_path):
    out = tmp_path / "f.html"
    result = kg("viz", HOSTILE, "--graph", graph_dir, "--out", out, "--hops", "2")
    assert result.exit_code == 0, result.output
    assert {n["id"] for n in page_items(out, "nodes")} >= {f"model:{HOSTILE}", f"paper:{HOSTILE}"}
    page = out.read_text(encoding="utf-8")
    assert XSS not in page and "<img src=x" not in page and "<script>window" not in page
    assert "\\u0026lt;img src=x" in page
