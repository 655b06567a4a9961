"""The RDF mapping and its writers: IRIs, external ids, provenance, round trips, `kg export`."""

from __future__ import annotations

import io
import re
from urllib.parse import unquote

import pytest
import rdflib
from conftest import (
    HOSTILE,
    LLAMA,
    MMLU,
    PILE,
    hostile_extraction,
    paper_a,
    paper_b,
    relation,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, Dataset, Literal, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg import graph as kg_graph
from kg.cli import app
from kg.errors import GraphError, KgError
from kg.model import Entity, EntityType, Extraction, Mention, Paper, RelationType
from kg.namespaces import DEFAULT_BASE, KG, SCHEMA, edge_type_of, relation_property
from kg.rdf_export import (
    FORMATS,
    RDFLIB_FORMATS,
    write_ntriples,
    write_rdf,
    write_turtle,
)
from kg.sinks.files import JsonSink
from kg.sinks.rdf import (
    PREFIXES,
    Lit,
    check_base,
    graph_to_rdf,
    node_id,
    node_iri,
    rdf_quads,
    rdf_to_graph,
)
from kg.synthetic import synthetic_graph

# RFC 3987 forbids these unescaped in an IRI (plus controls and space).
INVALID_IRI_CHAR = re.compile(r'[\x00-\x20<>"{}|\\^`]')
BASE = "https://example.org/kg/"
SUFFIX = {"turtle": "ttl", "ntriples": "nt", "nquads": "nq", "trig": "trig", "jsonld": "jsonld",
          "xml": "rdf"}


def graphs():
    """Small graphs covering every mapping branch: metrics, mentions, hostile names, synthetic."""
    return {"sample": kg_graph.build([paper_a(), paper_b()]),
            "hostile": kg_graph.build([paper_a(), hostile_extraction()]),
            "external": external_graph(),
            "synthetic": synthetic_graph(20, seed=3)}


def external_graph():
    """Entities of each kind with ids in every catalogue kg knows, one of them hostile."""
    model = Entity("model:m", EntityType.MODEL, "M", external_ids=(
        ("huggingface", "meta-llama/Llama-2-7b-hf"), ("arxiv", "2307.09288"),
        ("wikidata", "Q115305900"), ("paperswithcode", "llama-2")))
    data = Entity("dataset:d", EntityType.DATASET, "D", external_ids=(
        ("huggingface", "EleutherAI/pile"), ("paperswithcode", "the-pile"),
        ("wikidata", "not a Q id"), ("own", "x")))
    bench = Entity("benchmark:b", EntityType.BENCHMARK, "B", external_ids=(
        ("huggingface", 'cais/mmlu <"x">'),))
    paper = Paper("p", "T", "A", arxiv_id="hep-th/9901001")
    return kg_graph.build([Extraction(
        paper, entities=(model, data, bench),
        mentions=tuple(Mention(e.name, 0, 1, e.type, e.id) for e in (model, data, bench)),
        relations=(relation(RelationType.TRAINED_ON, "model:m", "dataset:d", "p", "s."),
                   relation(RelationType.EVALUATED_ON, "model:m", "benchmark:b", "p", "v.",
                            None, "71.2%")))])


@pytest.fixture(params=["sample", "hostile", "external", "synthetic"])
def graph(request):
    return graphs()[request.param]


def iris_of(rdf) -> set[str]:
    return {str(term) for triple in rdf for term in triple if isinstance(term, URIRef)}


# ------------------------------------------------------------------ writers agree with rdflib

def test_streamed_ntriples_and_turtle_parse_to_the_rdflib_mapping(graph):
    expected = graph_to_rdf(graph, BASE)
    nt, ttl = io.StringIO(), io.StringIO()

    count = write_ntriples(rdf_quads(graph, BASE), nt)
    write_turtle(rdf_quads(graph, BASE), ttl, PREFIXES)

    assert count == len(expected) == len(nt.getvalue().splitlines())
    assert isomorphic(rdflib.Graph().parse(data=nt.getvalue(), format="nt"), expected)
    assert isomorphic(rdflib.Graph().parse(data=ttl.getvalue(), format="turtle"), expected)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_reparses_to_the_same_triples_with_valid_iris(tmp_path, graph, fmt):
    path = write_rdf(graph, tmp_path / f"graph.{SUFFIX[fmt]}", fmt, base=BASE)

    parsed = Dataset().parse(path, format=RDFLIB_FORMATS[fmt])
    flat = rdflib.Graph()
    for s, p, o, _ in parsed.quads():
        flat.add((s, p, o))

    assert isomorphic(flat, graph_to_rdf(graph, BASE))
    assert not [iri for iri in iris_of(flat) if INVALID_IRI_CHAR.search(iri)]
    assert "https://schema.org/" not in path.read_text(encoding="utf-8")


def test_nquads_and_trig_put_each_statement_in_its_papers_named_graph(tmp_path):
    graph = graphs()["sample"]
    quads = {tuple(map(str, q)) for q in
             Dataset().parse(write_rdf(graph, tmp_path / "g.nq", "nquads"), format="nquads").quads()}
    trig = {tuple(map(str, q)) for q in
            Dataset().parse(write_rdf(graph, tmp_path / "g.trig", "trig"), format="trig").quads()}
    expected = {tuple(str(t) if t is not None else "urn:x-rdflib:default" for t in
                      (s, p, o if isinstance(o, str) else o.lexical, g))
                for s, p, o, g in rdf_quads(graph, named_graphs=True)}

    assert {(s, p, o, g) for s, p, o, g in quads} == trig
    assert {q[:2] + (q[3],) for q in quads} == {q[:2] + (q[3],) for q in expected}
    # Llama-2-7B on MMLU is stated by papers a and b: the triple sits in both papers' graphs.
    fact = (str(node_iri(DEFAULT_BASE, LLAMA.id)), str(KG.evaluatedOn),
            str(node_iri(DEFAULT_BASE, MMLU.id)))
    assert {q[3] for q in quads if q[:3] == fact} == {
        str(node_iri(DEFAULT_BASE, "paper:a")), str(node_iri(DEFAULT_BASE, "paper:b"))}


def test_literals_with_quotes_backslashes_newlines_and_controls_survive_both_writers():
    text = 'say "hi"\\ \n\r\t\x00\x1f\x7f é 模型 \U0001F600'
    quads = [("https://e.org/s", "https://e.org/p", Lit(text), None),
             ("https://e.org/s", "https://e.org/q", Lit("2024", str(rdflib.XSD.gYear)), None)]
    nt, ttl = io.StringIO(), io.StringIO()
    write_ntriples(quads, nt)
    write_turtle(quads, ttl, PREFIXES)

    assert "\n" not in nt.getvalue().splitlines()[0]
    for data, fmt in ((nt.getvalue(), "nt"), (ttl.getvalue(), "turtle")):
        parsed = rdflib.Graph().parse(data=data, format=fmt)
        assert parsed.value(URIRef("https://e.org/s"), URIRef("https://e.org/p")) == Literal(text)


# ------------------------------------------------------------------ IRIs

@settings(max_examples=200, deadline=None)
@given(prefix=st.sampled_from(["paper", "model", "dataset", "benchmark", "author", "org"]),
       rest=st.text())
def test_node_iris_are_valid_for_any_name_and_invert(prefix, rest):
    iri = node_iri(BASE, f"{prefix}:{rest}")
    assert not INVALID_IRI_CHAR.search(iri) and str(iri).isascii()
    assert node_id(BASE, str(iri)) == f"{prefix}:{rest}"


def test_hostile_names_keep_their_text_and_ids(tmp_path):
    graph = graphs()["hostile"]
    rdf = graph_to_rdf(graph, BASE)
    model = node_iri(BASE, f"model:{HOSTILE}")

    assert unquote(model.rsplit("/", 1)[1]) == HOSTILE
    assert (model, KG.name, Literal(HOSTILE)) in rdf
    assert set(rdf_to_graph(rdf, BASE).nodes) == set(graph.nodes)


def test_base_is_configurable_and_checked():
    rdf = graph_to_rdf(graphs()["sample"], "https://example.org/x#")
    nodes = {str(s) for s in rdf.subjects(RDF.type) if str(s).startswith("https://example.org/")}
    assert nodes and all(s.startswith("https://example.org/x#") for s in nodes)
    assert "https://w3id.org/kg/id/" not in {iri[:23] for iri in iris_of(rdf)}
    for bad in ("relative/", "https://example.org", "https://ex ample.org/", 'https://e.org/"/',
                "https://e.org/<a>/"):
        with pytest.raises(KgError, match="base IRI"):
            check_base(bad)


def test_node_id_refuses_iris_outside_the_base():
    with pytest.raises(GraphError, match="base"):
        node_id(BASE, "https://elsewhere.org/model/x")


# ------------------------------------------------------------------ external ids

def test_external_ids_become_iris_of_their_catalogues():
    rdf = graph_to_rdf(external_graph())
    model, data, bench, paper = (node_iri(DEFAULT_BASE, n) for n in
                                 ("model:m", "dataset:d", "benchmark:b", "paper:p"))

    assert set(rdf.objects(model, SCHEMA.sameAs)) == {
        URIRef("https://huggingface.co/meta-llama/Llama-2-7b-hf"),
        URIRef("http://www.wikidata.org/entity/Q115305900"),
        URIRef("https://paperswithcode.com/method/llama-2")}
    # A model is not its paper: the arXiv id of the introducing paper is a citation.
    assert set(rdf.objects(model, SCHEMA.citation)) == {URIRef("https://arxiv.org/abs/2307.09288")}
    assert set(rdf.objects(data, SCHEMA.sameAs)) == {
        URIRef("https://huggingface.co/datasets/EleutherAI/pile"),
        URIRef("https://paperswithcode.com/dataset/the-pile")}
    assert set(rdf.objects(bench, SCHEMA.sameAs)) == {
        URIRef("https://huggingface.co/datasets/cais/mmlu%20%3C%22x%22%3E")}
    assert set(rdf.objects(paper, SCHEMA.sameAs)) == {URIRef("https://arxiv.org/abs/hep-th/9901001")}
    # Every id is also kept as text, including schemes with no IRI form.
    assert Literal("own:x") in set(rdf.objects(data, KG.externalId))
    assert Literal("wikidata:not a Q id") in set(rdf.objects(data, KG.externalId))


# ------------------------------------------------------------------ provenance

def test_every_relation_with_a_paper_is_traceable_to_paper_and_sentence(graph):
    rdf = graph_to_rdf(graph)
    iri = lambda node: node_iri(DEFAULT_BASE, node)
    for source, target, attrs in graph.edges(data=True):
        triple = (iri(source), relation_property(attrs["type"]), iri(target))
        assert triple in rdf
        if attrs["paper"] == source and set(attrs) == {"type", "paper"}:
            continue  # authorship: the paper itself is the subject
        statements = {s for s in rdf.subjects(RDF.subject, triple[0])
                      if (s, RDF.predicate, triple[1]) in rdf and (s, RDF.object, triple[2]) in rdf
                      and (s, KG.paper, iri(attrs["paper"])) in rdf}
        assert len(statements) == 1, (source, target, attrs)
        if attrs.get("evidence") is not None:
            assert (statements.pop(), KG.evidence, Literal(attrs["evidence"])) in rdf


def test_scores_are_evaluation_result_nodes_with_metric_and_value():
    rdf = graph_to_rdf(graphs()["sample"])
    results = {}
    for result in rdf.subjects(RDF.type, KG.EvaluationResult):
        [statement] = rdf.subjects(KG.result, result)
        paper = node_id(DEFAULT_BASE, str(rdf.value(statement, KG.paper)))
        metric = rdf.value(result, KG.metric)
        assert (metric, RDF.type, KG.Metric) in rdf
        assert rdf.value(statement, RDF.predicate) == KG.evaluatedOn
        results[paper] = (str(rdf.value(metric, KG.name)), str(rdf.value(result, KG.value)))
    # paper a: the score comes from its second sentence about the same fact
    assert results == {"paper:a": ("accuracy", "45.3"), "paper:b": ("accuracy", "46")}
    assert len(set(rdf.subjects(RDF.type, KG.Metric))) == 1


# ------------------------------------------------------------------ round trips

def test_rdf_to_graph_to_rdf_is_isomorphic(graph):
    rdf = graph_to_rdf(graph, BASE)
    assert isomorphic(graph_to_rdf(rdf_to_graph(rdf, BASE), BASE), rdf)


def test_graph_to_rdf_to_graph_keeps_nodes_edges_and_their_facts():
    graph = kg_graph.build([paper_a(), paper_b(), hostile_extraction()])
    back = rdf_to_graph(graph_to_rdf(graph))

    assert set(back.edges(keys=True)) == set(graph.edges(keys=True))
    present = lambda attrs: {a: x for a, x in attrs.items() if x is not None}
    for u, v, k, attrs in graph.edges(keys=True, data=True):
        assert present(back.edges[u, v, k]) == present(attrs)
    for node, attrs in graph.nodes(data=True):
        assert back.nodes[node] == {a: x for a, x in attrs.items() if x is not None and a != "authors"}


def test_edge_type_names_and_properties_invert():
    for kind in RelationType:
        assert edge_type_of(relation_property(kind.edge)) == kind.edge


def test_rdf_to_graph_refuses_statements_without_their_triple_parts():
    rdf = graph_to_rdf(graphs()["sample"])
    statement = next(rdf.subjects(RDF.type, RDF.Statement))
    rdf.remove((statement, RDF.object, None))
    with pytest.raises(GraphError, match="rdf:object"):
        rdf_to_graph(rdf)


def test_unknown_labels_and_edge_types_are_typed_errors():
    graph = kg_graph.new_graph()
    graph.add_node("x:1", label="Thing")
    with pytest.raises(KgError, match="Thing"):
        graph_to_rdf(graph)
    graph = kg_graph.build([paper_a()])
    graph.add_edge("paper:a", "model:llama-2-7b", type="LIKES", paper="paper:a")
    with pytest.raises(KgError, match="LIKES"):
        graph_to_rdf(graph)
    with pytest.raises(KgError, match="turtle, ntriples"):
        write_rdf(graph, "x.ttl", "n3x")


# ------------------------------------------------------------------ kg export

@pytest.mark.parametrize("fmt", ["turtle", "nt", "nquads", "trig", "jsonld", "xml"])
def test_kg_export_writes_each_format_from_a_built_graph(tmp_path, fmt):
    graph = kg_graph.build([paper_a(), paper_b(), hostile_extraction()])
    JsonSink(tmp_path / "built" / "graph.json").write(graph)
    out = tmp_path / f"graph.{fmt}"

    result = CliRunner().invoke(app, ["export", "--graph", str(tmp_path / "built"), "--format",
                                      fmt, "--out", str(out), "--base", BASE])

    assert result.exit_code == 0, result.output
    parsed = Dataset().parse(out, format=RDFLIB_FORMATS[{"nt": "ntriples"}.get(fmt, fmt)])
    flat = rdflib.Graph()
    for s, p, o, _ in parsed.quads():
        flat.add((s, p, o))
    assert isomorphic(flat, graph_to_rdf(graph, BASE))


def test_kg_export_reports_bad_format_and_missing_graph_in_one_line(tmp_path):
    JsonSink(tmp_path / "graph.json").write(kg_graph.build([paper_a()]))
    bad = CliRunner().invoke(app, ["export", "--graph", str(tmp_path), "-f", "n5", "-o",
                                   str(tmp_path / "x")])
    missing = CliRunner().invoke(app, ["export", "--graph", str(tmp_path / "none"), "-o",
                                       str(tmp_path / "x")])
    assert bad.exit_code == 1 and "use one of: turtle, ntriples" in bad.output
    assert missing.exit_code == 1 and "no graph here" in missing.output
    assert not (tmp_path / "x").exists()


def test_tiny_paper_and_entities_need_no_extra_nodes():
    model = Entity("model:m", EntityType.MODEL, "M")
    graph = kg_graph.build([Extraction(Paper("p", "T", "A"), entities=(model, PILE),
                                       mentions=(Mention("M", 0, 1, EntityType.MODEL, model.id),))])
    rdf = graph_to_rdf(graph)
    assert not set(rdf.subjects(RDF.type, KG.EvaluationResult))
    assert not set(rdf.subjects(RDF.type, KG.Metric))
