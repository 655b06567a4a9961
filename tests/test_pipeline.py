"""kg.pipeline: stage order, merging into an existing graph, the run report, on real inputs.

One `Extractor` (catalog + spaCy pipeline) is built for the whole module. Extraction counts
are not asserted (the rules keep improving); the report is checked against the extractions
and the graph it describes, and merging against what the inputs alone determine.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import graph as kg_graph
from kg import pipeline
from kg.errors import GraphError, InputError
from kg.evaluate import to_record
from kg.model import NodeLabel
from kg.sinks.files import load_graph
from kg.sources import read_papers

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "kg" / "examples" / "daily-papers-example.txt"
OWN = [
    ("2502.00011", "Sparse Adapters for Llama-2-7B",
     ("We fine-tune Llama-2-7B with sparse adapters on the Alpaca data and evaluate on MMLU. "
      "Sparse adapters match full fine-tuning while updating two percent of the weights.")),
    ("2502.00012", "Revisiting GPT-2 Pretraining on C4",
     "We pretrain GPT-2 on C4 with a longer schedule and report HellaSwag and PIQA accuracy."),
]


@pytest.fixture(scope="module")
def extractor():
    return pipeline.Extractor()


@pytest.fixture
def own_listing(tmp_path):
    path = tmp_path / "own.jsonl"
    path.write_text("".join(json.dumps({"id": a, "title": t, "abstract": x}) + "\n"
                            for a, t, x in OWN), encoding="utf-8")
    return path


def graph_content(path: Path):
    """Nodes and edges with their attributes, independent of the order they were written in."""
    graph = load_graph(path)
    nodes = {n: attrs for n, attrs in graph.nodes(data=True)}
    edges = {(u, v, k): attrs for u, v, k, attrs in graph.edges(keys=True, data=True)}
    return nodes, edges


def test_extract_yields_every_paper_in_input_order_and_counts_them(extractor, own_listing):
    report = pipeline.Report()
    extractions = list(pipeline.extract([EXAMPLE, own_listing], extractor=extractor, report=report))
    expected = [p.id for p in read_papers(EXAMPLE)] + [a for a, _, _ in OWN]
    assert [e.paper.id for e in extractions] == expected
    assert report.papers == len(expected)
    assert sum(report.relations.values()) == sum(len(e.relations) for e in extractions)
    assert report.unlinked == sum(len(e.unlinked) for e in extractions)
    assert report.problems == []


def test_progress_callback_sees_each_paper_once(extractor):
    seen = []
    list(pipeline.extract([EXAMPLE], extractor=extractor, progress=lambda n, p: seen.append((n, p.id))))
    assert seen == [(n, p.id) for n, p in enumerate(read_papers(EXAMPLE), 1)]


def test_batched_and_single_extraction_agree(extractor):
    papers = list(read_papers(EXAMPLE))
    batched = [to_record(e) for e in extractor.extract_many(papers, batch_size=5)]
    single = [to_record(extractor.extract(p)) for p in papers]
    assert batched == single


def test_every_input_is_checked_before_any_paper_is_read(own_listing, tmp_path):
    missing = tmp_path / "absent.txt"
    # read_all is not lazy about files: the error comes at the call, not after own_listing.
    with pytest.raises(InputError, match="absent.txt: no such file"):
        pipeline.read_all([own_listing, missing], None, "fail", [])


def test_build_report_describes_the_graph_it_wrote(extractor, tmp_path):
    report = pipeline.build([EXAMPLE], tmp_path, extractor=extractor)
    graph = load_graph(tmp_path / "graph.json")
    stats = kg_graph.stats(graph)
    assert (report.nodes, report.edges) == (graph.number_of_nodes(), graph.number_of_edges())
    assert report.papers == stats.papers == len(list(read_papers(EXAMPLE)))
    assert dict(report.entities) == {k: v for k, v in stats.nodes_by_label.items()
                                     if k in ("Model", "Dataset", "Benchmark")}
    assert set(report.outputs) == {"json", "turtle", "html"}
    assert all(path.exists() for path in report.outputs.values())


def test_building_twice_gives_the_same_graph(extractor, tmp_path):
    first = pipeline.build([EXAMPLE], tmp_path, extractor=extractor)
    before = graph_content(tmp_path / "graph.json")
    second = pipeline.build([EXAMPLE], tmp_path, extractor=extractor)
    assert (first.papers_replaced, second.papers_replaced) == (0, first.papers)
    assert graph_content(tmp_path / "graph.json") == before


def test_merging_adds_papers_and_replacing_restores_the_graph(extractor, own_listing, tmp_path):
    pipeline.build([EXAMPLE], tmp_path, extractor=extractor)
    example_only = graph_content(tmp_path / "graph.json")
    report = pipeline.build([own_listing], tmp_path, extractor=extractor)
    merged_nodes, _ = graph_content(tmp_path / "graph.json")
    assert report.papers_replaced == 0
    assert set(example_only[0]) <= set(merged_nodes)
    assert {f"paper:{a}" for a, _, _ in OWN} <= set(merged_nodes)
    # A fresh build of one input equals what that input alone gives.
    pipeline.build([EXAMPLE], tmp_path, extractor=extractor, fresh=True)
    assert graph_content(tmp_path / "graph.json") == example_only


def test_sinks_can_be_chosen(extractor, own_listing, tmp_path):
    report = pipeline.build([own_listing], tmp_path, extractor=extractor, sinks=("json",))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json", "own.jsonl"]
    assert report.outputs == {"json": tmp_path / "graph.json"}


def test_skip_reports_bad_records_with_their_lines(extractor, own_listing, tmp_path):
    lines = own_listing.read_text(encoding="utf-8").splitlines()
    own_listing.write_text("\n".join([lines[0], "{broken", lines[1]]) + "\n", encoding="utf-8")
    report = pipeline.build([own_listing], tmp_path / "out", extractor=extractor, on_error="skip")
    assert [(Path(p.file).name, p.line) for p in report.problems] == [("own.jsonl", 2)]
    assert report.papers == 2
    labels = [label for _, label in load_graph(tmp_path / "out" / "graph.json").nodes(data="label")]
    assert labels.count(NodeLabel.PAPER) == 2


def test_a_corrupt_existing_graph_is_an_error_not_overwritten(extractor, own_listing, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.json").write_text("{half a graph", encoding="utf-8")
    with pytest.raises(GraphError, match="graph.json"):
        pipeline.build([own_listing], out, extractor=extractor)
    assert (out / "graph.json").read_text(encoding="utf-8") == "{half a graph"


def test_lexemes_carry_only_the_attributes_kg_reads(extractor):
    from kg.recognize import LEXEME_ATTRS_READ

    assert set(extractor.nlp.vocab.lex_attr_getters) == set(LEXEME_ATTRS_READ)
    lexeme = extractor.nlp.vocab["lexemes-test-word-1234"]
    assert not lexeme.like_num and lexeme.shape_ == ""  # not computed: nothing in kg reads them
    assert extractor.nlp.vocab["."].is_punct


def test_lean_lexemes_extract_what_spacys_full_lexemes_do(extractor, own_listing):
    """kg's pipeline computes only `LEXEME_ATTRS_READ`: a component that starts reading another
    lexeme attribute would see zeros there, and differ here from the full pipeline."""
    from kg.recognize import make_nlp

    full = pipeline.Extractor(extractor.catalog)
    full.nlp = make_nlp(extractor.catalog, full_lexemes=True)
    shared = REPO.parent / "shared" / "examples" / "dev-arxiv.jsonl"
    inputs = [EXAMPLE, own_listing] + ([shared] if shared.exists() else [])
    papers = [p for path in inputs for p in read_papers(path)]
    lean = list(extractor.extract_many(papers))
    assert lean == list(full.extract_many(papers))  # entities, mentions, relations, evidence
    assert sum(len(e.entities) for e in lean) > len(papers)  # the texts have names to find
