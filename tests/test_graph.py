"""kg.graph: building, replacing and removing papers, merging entities, lookups, subgraphs."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import LLAMA, MMLU, PILE, mention, paper_a, paper_b, relation

from kg import EXTRACTOR_VERSION
from kg import graph as kg_graph
from kg.errors import GraphError, NotFoundError
from kg.model import Entity, EntityType, Extraction, Mention, Paper, RelationType


def test_one_paper_gives_its_nodes_and_edges():
    graph = kg_graph.build([paper_a()])

    assert kg_graph.stats(graph) == kg_graph.GraphStats(
        nodes_by_label={"Author": 2, "Benchmark": 1, "Dataset": 1, "Model": 1,
                        "Organization": 1, "Paper": 1},
        edges_by_type={"AFFILIATED_WITH": 1, "AUTHORED_BY": 2, "EVALUATED_ON": 1,
                       "INTRODUCES": 1, "MENTIONS": 3, "TRAINED_ON": 1},
        papers=1,
    )
    paper = graph.nodes["paper:a"]
    assert paper["label"] == "Paper" and paper["name"] == paper["title"] == "Paper A"
    assert paper["source"] == "listing.txt:3"
    assert paper["authors"] == ["Ada Lovelace", "Alan Turing"]
    assert graph.has_edge("paper:a", "author:ada-lovelace", "AUTHORED_BY|paper:a")
    assert graph.has_edge("paper:a", "org:meta-ai", "AFFILIATED_WITH|paper:a")


def test_relation_edges_carry_evidence_and_introduces_starts_at_the_paper():
    graph = kg_graph.build([paper_a()])

    introduces = graph.edges["paper:a", LLAMA.id, "INTRODUCES|paper:a"]
    assert introduces["evidence"] == "We introduce Llama-2-7B."
    assert introduces["extractor"] == EXTRACTOR_VERSION
    # Two sentences state the same evaluation: the first is the evidence, the score comes later.
    evaluated = graph.edges[LLAMA.id, MMLU.id, "EVALUATED_ON|paper:a"]
    assert graph.number_of_edges(LLAMA.id, MMLU.id) == 1
    assert evaluated["evidence"] == "We evaluate on MMLU."
    assert (evaluated["metric"], evaluated["value"]) == ("accuracy", "45.3")
    trained = graph.edges[LLAMA.id, PILE.id, "TRAINED_ON|paper:a"]
    assert trained["metric"] is None and trained["value"] is None
    mentions = graph.edges["paper:a", LLAMA.id, "MENTIONS|paper:a"]
    assert mentions["mentions"] == ["LLaMA-2 7B", "Llama-2-7B"] and mentions["count"] == 2


def test_adding_the_same_paper_twice_replaces_it():
    graph = kg_graph.build([paper_a(), paper_b()])
    before = (graph.number_of_nodes(), graph.number_of_edges(), kg_graph.stats(graph))

    kg_graph.add_extraction(graph, paper_a())

    assert (graph.number_of_nodes(), graph.number_of_edges(), kg_graph.stats(graph)) == before


def test_readding_a_paper_with_less_leaves_no_stale_edges_or_orphans():
    graph = kg_graph.build([paper_a()])
    smaller = dataclasses.replace(
        paper_a(), entities=(LLAMA,), mentions=(mention("Llama-2-7B", LLAMA),),
        relations=(relation(RelationType.INTRODUCES, "a", LLAMA.id, "a", "We introduce it."),),
    )

    kg_graph.add_extraction(graph, smaller)

    assert MMLU.id not in graph and PILE.id not in graph
    assert {d["type"] for _, _, d in graph.edges(data=True)} == {
        "AUTHORED_BY", "AFFILIATED_WITH", "MENTIONS", "INTRODUCES"}
    assert graph.edges["paper:a", LLAMA.id, "INTRODUCES|paper:a"]["evidence"] == "We introduce it."


def graph_content(graph) -> tuple:
    return (dict(graph.nodes(data=True)), sorted((u, v, k, sorted(d)) for u, v, k, d in graph.edges(keys=True, data=True)))


def test_replacing_papers_through_an_index_leaves_what_the_scan_leaves():
    smaller = dataclasses.replace(
        paper_a(), entities=(LLAMA,), mentions=(mention("Llama-2-7B", LLAMA),),
        relations=(relation(RelationType.INTRODUCES, "a", LLAMA.id, "a", "We introduce it."),),
    )
    scanned, indexed = kg_graph.build([paper_a(), paper_b()]), kg_graph.build([paper_a(), paper_b()])
    index = kg_graph.PaperEdges(indexed)
    # paper a twice: the index covers its first replacement, the scan finds the edges added since
    for extraction in (smaller, paper_b(), paper_a()):
        kg_graph.add_extraction(scanned, extraction)
        kg_graph.add_extraction(indexed, extraction, index)
    assert graph_content(indexed) == graph_content(scanned)
    assert index.take("paper:a") is None and index.take("paper:b") is None  # each taken once
    assert PILE.id in indexed  # paper a's last version trains on it again


def test_an_index_lists_each_papers_own_edges():
    graph = kg_graph.build([paper_a(), paper_b()])
    edges = kg_graph.PaperEdges(graph).take("paper:b")
    assert edges and all(graph.edges[e]["paper"] == "paper:b" for e in edges)
    assert len(edges) == sum(1 for *_, p in graph.edges(data="paper") if p == "paper:b")


def test_two_papers_share_one_entity_node_with_merged_attributes():
    graph = kg_graph.build([paper_a(), paper_b()])

    llama = graph.nodes[LLAMA.id]
    assert llama["aliases"] == ["LLaMA-2 7B", "llama2-7b"]
    assert llama["name"] == "Llama-2-7B"  # the first name seen stays
    assert llama["known"] is True  # paper b saw it as unknown; any known wins
    assert set(graph.pred[LLAMA.id]) >= {"paper:a", "paper:b"}
    assert graph.number_of_edges("paper:a", LLAMA.id) == 2  # MENTIONS + INTRODUCES
    assert graph.number_of_edges("paper:b", LLAMA.id) == 1
    # The same fact from two papers is two edges.
    assert set(graph[LLAMA.id][MMLU.id]) == {"EVALUATED_ON|paper:a", "EVALUATED_ON|paper:b"}
    assert kg_graph.stats(graph).papers == 2


def test_remove_paper_keeps_what_other_papers_still_use():
    graph = kg_graph.build([paper_a(), paper_b()])

    kg_graph.remove_paper(graph, "paper:a")

    assert "paper:a" not in graph and PILE.id not in graph and "author:ada-lovelace" not in graph
    assert LLAMA.id in graph and MMLU.id in graph and "author:alan-turing" in graph
    assert all(paper == "paper:b" for _, _, paper in graph.edges(data="paper"))
    with pytest.raises(NotFoundError):
        kg_graph.remove_paper(graph, "paper:a")


def test_entities_nothing_points_at_are_not_kept():
    lone = Entity("dataset:unused", EntityType.DATASET, "Unused")
    graph = kg_graph.build([dataclasses.replace(paper_a(), entities=(*paper_a().entities, lone))])
    assert lone.id not in graph


def test_relations_to_undescribed_entities_get_typed_unknown_nodes():
    extraction = Extraction(
        Paper("c", "Paper C", ""),
        relations=(relation(RelationType.BASED_ON, "model:alpaca-7b", LLAMA.id, "c", "s"),))
    graph = kg_graph.build([extraction])
    assert graph.nodes["model:alpaca-7b"]["label"] == "Model"
    assert graph.nodes["model:alpaca-7b"]["known"] is False
    bad = dataclasses.replace(
        extraction, relations=(relation(RelationType.BASED_ON, "thing:x", LLAMA.id, "c", "s"),))
    with pytest.raises(GraphError, match="thing:x"):
        kg_graph.build([bad])


def test_find_nodes_by_alias_spelling_and_id():
    graph = kg_graph.build([paper_a(), paper_b()])

    assert kg_graph.find_nodes(graph, "LLaMA-2 7B") == [LLAMA.id]
    assert kg_graph.find_nodes(graph, "llama 2-7b") == [LLAMA.id]  # same key, other spelling
    assert kg_graph.find_nodes(graph, "model:llama-2-7b") == [LLAMA.id]
    assert kg_graph.find_nodes(graph, "mmlu") == [MMLU.id]
    assert kg_graph.find_nodes(graph, "Llama-2-13B") == []


def test_find_nodes_lists_exact_matches_first():
    gpt4 = Entity("model:gpt-4", EntityType.MODEL, "GPT-4")
    spelled = Entity("model:a-gpt", EntityType.MODEL, "A-GPT", aliases=("gpt4",))
    extraction = Extraction(Paper("d", "Paper D", ""), entities=(gpt4, spelled),
                            mentions=(mention("GPT-4", gpt4), mention("gpt4", spelled)))
    graph = kg_graph.build([extraction])
    assert kg_graph.find_nodes(graph, "GPT-4") == ["model:gpt-4", "model:a-gpt"]


def test_find_nodes_matches_names_without_latin_letters_case_folded():
    graph = kg_graph.build([dataclasses.replace(
        paper_a(), entities=(Entity("model:x", EntityType.MODEL, "模型-Ä"),),
        mentions=(Mention("模型", 0, 2, EntityType.MODEL, "model:x"),), relations=())])
    assert kg_graph.find_nodes(graph, "模型-ä") == ["model:x"]
    assert kg_graph.find_nodes(graph, "模型") == []


def test_closest_names_suggests_near_spellings():
    graph = kg_graph.build([paper_a()])
    assert "Llama-2-7B" in kg_graph.closest_names(graph, "Lama-2-7B")
    assert kg_graph.closest_names(graph, "zzzzzz") == []


def test_neighbourhood_follows_edges_both_ways():
    graph = kg_graph.build([paper_a(), paper_b()])

    one = kg_graph.neighbourhood(graph, [MMLU.id], hops=1)
    assert set(one) == {MMLU.id, LLAMA.id, "paper:a", "paper:b"}
    assert one.number_of_edges(LLAMA.id, MMLU.id) == 2
    two = kg_graph.neighbourhood(graph, [MMLU.id], hops=2)
    assert {PILE.id, "author:alan-turing"} <= set(two)
    with pytest.raises(NotFoundError, match="MMLU"):
        kg_graph.neighbourhood(graph, ["benchmark:mmlux"])


def test_most_connected_keeps_top_degree_nodes_ties_by_id():
    graph = kg_graph.build([paper_a(), paper_b()])

    kept, dropped = kg_graph.most_connected(graph, 3)

    assert set(kept) == {"paper:a", LLAMA.id, MMLU.id}
    assert dropped == graph.number_of_nodes() - 3
    # Degree ties are broken by id: of the two degree-2 nodes, the author sorts first.
    five, _ = kg_graph.most_connected(graph, 5)
    assert set(five) - set(kept) == {"paper:b", "author:alan-turing"}
    whole, none_dropped = kg_graph.most_connected(graph, 100)
    assert none_dropped == 0 and whole.number_of_edges() == graph.number_of_edges()
