"""kg.sinks: JSON round trip, RDF mapping and re-parsing, offline and escaped HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import rdflib
from conftest import HOSTILE, XSS, hostile_extraction, paper_a, paper_b, relation
from rdflib import RDF, Literal, URIRef
from rdflib.compare import isomorphic

from kg import graph as kg_graph
from kg.errors import GraphError, KgError
from kg.model import Entity, EntityType, Extraction, Mention, Paper, RelationType
from kg.namespaces import DEFAULT_BASE, KG, SCHEMA
from kg.sinks import SINKS, JsonSink, RdfSink, Sink, graph_to_rdf, load_graph
from kg.sinks.files import write_atomic
from kg.sinks.html import REMOTE_RESOURCE, render_html
from kg.sinks.rdf import node_iri

# Characters RFC 3987 does not allow unescaped in an IRI (plus controls and space).
INVALID_IRI_CHAR = re.compile(r'[\x00-\x20<>"{}|\\^`]')


def everything(graph):
    return (sorted(graph.nodes(data=True)),
            sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])))


@pytest.mark.parametrize("extractions", [[paper_a(), paper_b()], [hostile_extraction()]])
def test_json_round_trip_keeps_nodes_edges_keys_and_attributes(tmp_path, extractions):
    graph = kg_graph.build(extractions)
    path = JsonSink(tmp_path / "out" / "graph.json").write(graph)

    loaded = load_graph(path)

    assert type(loaded) is type(graph)
    assert everything(loaded) == everything(graph)
    assert list(tmp_path.joinpath("out").iterdir()) == [path]  # no temp file left behind


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_written_files_get_the_permissions_the_umask_gives(tmp_path, umask, mode):
    import os

    old = os.umask(umask)
    try:
        graph = kg_graph.build([paper_a()])
        written = [write_atomic(tmp_path / "a.json", "{}"), JsonSink(tmp_path / "g.json").write(graph),
                   RdfSink(tmp_path / "g.ttl").write(graph)]
    finally:
        os.umask(old)
    for path in written:
        assert Path(path).stat().st_mode & 0o777 == mode, path


def test_failed_write_keeps_the_old_file_and_leaves_no_temp_file(tmp_path):
    path = write_atomic(tmp_path / "graph.json", "old")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(path, "new \ud800")  # a lone surrogate cannot be encoded: fails mid-write
    assert path.read_text() == "old"
    assert list(tmp_path.iterdir()) == [path]


@pytest.mark.parametrize("text", ['{"nodes": [', "[]", '{"nodes": 3}', "\xff\xfe"])
def test_unreadable_graph_files_raise_graph_error_naming_the_file(tmp_path, text):
    path = tmp_path / "bad.json"
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(GraphError, match="bad.json"):
        load_graph(path)
    with pytest.raises(GraphError, match="missing.json"):
        load_graph(tmp_path / "missing.json")


def tiny_graph():
    """One paper, one author, a model mentioned once and trained on a dataset."""
    model = Entity("model:m", EntityType.MODEL, "M", aliases=("m1",))
    data = Entity("dataset:d", EntityType.DATASET, "D")
    paper = Paper("p", "T", "Abs", authors=("Ann",), arxiv_id="2401.00001", date="2024-01-02")
    return kg_graph.build([Extraction(
        paper, entities=(model, data), mentions=(Mention("M", 0, 1, EntityType.MODEL, model.id),),
        relations=(relation(RelationType.TRAINED_ON, model.id, data.id, "p", "s"),))])


def test_rdf_of_a_tiny_graph_has_the_expected_triples(tmp_path):
    path = RdfSink(tmp_path / "graph.ttl").write(tiny_graph())
    rdf = rdflib.Graph().parse(path, format="turtle")

    paper, model, data = (node_iri(DEFAULT_BASE, n) for n in ("paper:p", "model:m", "dataset:d"))
    # paper 8 (type, name, label, title, abstract, date, arxivId, sameAs), author 3, model 5,
    # dataset 4; authoredBy 1; mentions 1 + statement 7; trainedOn 1 + statement 7.
    assert len(rdf) == 8 + 3 + 5 + 4 + 1 + 8 + 8
    assert (paper, RDF.type, KG.Paper) in rdf
    assert (paper, SCHEMA.sameAs, URIRef("https://arxiv.org/abs/2401.00001")) in rdf
    assert (paper, KG.date, Literal("2024-01-02", datatype=rdflib.XSD.date)) in rdf
    assert (model, KG.trainedOn, data) in rdf
    [statement] = rdf.subjects(RDF.predicate, KG.trainedOn)
    assert set(rdf.predicate_objects(statement)) >= {
        (RDF.subject, model), (RDF.object, data), (KG.paper, paper), (KG.evidence, Literal("s"))}
    assert str(paper) == "https://w3id.org/kg/id/paper/p"


def test_rdf_binds_one_schema_org_base_and_the_kg_prefixes():
    text = graph_to_rdf(tiny_graph()).serialize(format="turtle")
    assert "@prefix schema: <http://schema.org/> ." in text
    assert "@prefix kg: <https://w3id.org/kg/ontology#> ." in text
    assert "https://schema.org/" not in text


def test_hostile_names_give_valid_iris_that_reparse(tmp_path):
    graph = kg_graph.build([hostile_extraction(), paper_a()])
    rdf = graph_to_rdf(graph, base="https://example.org/kg/")

    iris = {term for triple in rdf for term in triple if isinstance(term, URIRef)}
    assert not [iri for iri in iris if INVALID_IRI_CHAR.search(iri)]
    model = node_iri("https://example.org/kg/", f"model:{HOSTILE}")
    assert unquote(model.rsplit("/", 1)[1]) == HOSTILE
    assert (model, KG.name, Literal(HOSTILE)) in rdf
    for fmt in ("turtle", "nt"):
        sink = RdfSink(tmp_path / f"graph.{fmt}", base="https://example.org/kg/", fmt=fmt)
        path = sink.write(graph)
        assert isomorphic(rdflib.Graph().parse(path, format=fmt), rdf)


def test_namespace_rejects_unknown_terms_and_sink_rejects_unknown_formats(tmp_path):
    with pytest.raises(AttributeError):
        KG.evaluatedOnn  # noqa: B018
    with pytest.raises(KgError, match="turtle"):
        RdfSink(tmp_path / "x", fmt="not-a-format")


def test_html_file_loads_nothing_remote_and_escapes_input(tmp_path, monkeypatch):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    graph = kg_graph.build([paper_a(), hostile_extraction()])

    report = render_html(graph, tmp_path / "out" / "graph.html", title="<b>t</b>")
    text = report.path.read_text(encoding="utf-8")

    assert list(cwd.iterdir()) == []  # pyvis did not copy a lib/ folder into the cwd
    assert REMOTE_RESOURCE.search(text) is None
    assert not re.search(r"""(?:src|href)\s*=\s*["']?https?:""", text, re.IGNORECASE)
    assert XSS not in text and "<img src=x" not in text and "<script>window" not in text
    assert "\\u0026lt;img src=x" in text  # escaped, not dropped
    assert "<title>&lt;b&gt;t&lt;/b&gt;</title>" in text
    assert (report.nodes_shown, report.nodes_dropped) == (graph.number_of_nodes(), 0)
    assert 'id="kg-note"' not in text


def test_html_over_max_nodes_keeps_the_most_connected_and_says_so(tmp_path):
    graph = kg_graph.build([paper_a(), paper_b()])
    report = render_html(graph, tmp_path / "graph.html", max_nodes=3)

    text = report.path.read_text(encoding="utf-8")
    dropped = graph.number_of_nodes() - 3
    assert (report.nodes_shown, report.nodes_dropped) == (3, dropped)
    assert f"{dropped} nodes were left out" in text
    data = json.loads(re.search(r"nodes = new vis.DataSet\((.*?)\);", text).group(1))
    assert sorted(node["id"] for node in data) == sorted(["paper:a", "model:llama-2-7b",
                                                          "benchmark:mmlu"])


def test_every_registered_sink_writes_its_file(tmp_path):
    graph = kg_graph.build([paper_a()])
    for name, sink_class in SINKS.items():
        sink = sink_class(tmp_path / f"graph.{name}")
        assert isinstance(sink, Sink)
        assert sink.write(graph).stat().st_size > 0
