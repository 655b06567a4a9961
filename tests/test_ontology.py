"""ontology/: alignment of kg.ttl, SHACL shapes against real exports, JSON-LD context, and the
SPARQL library answering on the example listing what the networkx graph answers directly."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import networkx as nx
import owlrl
import pytest
import rdflib
from conftest import hostile_extraction, paper_a, paper_b, relation
from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV
from typer.testing import CliRunner

from kg import graph as kg_graph
from kg import pipeline
from kg.cli import app
from kg.model import (
    Entity,
    EntityType,
    Extraction,
    Mention,
    NodeLabel,
    Paper,
    RelationType,
)
from kg.namespaces import (
    DEFAULT_BASE,
    FAIR4ML,
    KG,
    MLS,
    ONTOLOGY,
    SCHEMA,
    relation_property,
)
from kg.rdf_export import write_rdf
from kg.resources import resource_dir
from kg.shacl import SH, read_rdf, validate_graph
from kg.sinks.files import load_graph
from kg.sinks.rdf import graph_to_rdf, node_iri
from kg.sparql import run_sparql, sparql_queries

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "kg" / "examples" / "daily-papers-example.txt"
ONTOLOGY_DIR = resource_dir("ontology")
ENTITY_LABELS = {NodeLabel.MODEL.value, NodeLabel.DATASET.value, NodeLabel.BENCHMARK.value}


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The example listing built by the pipeline, as `kg build` does (graph.json, graph.ttl)."""
    out = tmp_path_factory.mktemp("example")
    pipeline.build([EXAMPLE], out, fresh=True, sinks=("json", "turtle"))
    return out


@pytest.fixture(scope="module")
def example(built) -> nx.MultiDiGraph:
    return load_graph(built / "graph.json")


@pytest.fixture(scope="module")
def example_rdf(example) -> rdflib.Graph:
    return graph_to_rdf(example)


# ------------------------------------------------------------------ kg.ttl alignment

ALIGNMENT = [
    (KG.Model, RDFS.subClassOf, FAIR4ML.MLModel),
    (KG.trainedOn, RDFS.subPropertyOf, FAIR4ML.trainedOn),
    (KG.evaluatedOn, RDFS.subPropertyOf, FAIR4ML.evaluatedOn),
    (FAIR4ML.fineTunedFrom, RDFS.subPropertyOf, KG.basedOn),
    (KG.Paper, RDFS.subClassOf, SCHEMA.ScholarlyArticle),
    (KG.Dataset, RDFS.subClassOf, SCHEMA.Dataset),
    (KG.Benchmark, RDFS.subClassOf, SCHEMA.Dataset),
    (KG.authoredBy, RDFS.subPropertyOf, SCHEMA.author),
    (KG.basedOn, RDFS.subPropertyOf, SCHEMA.isBasedOn),
    (KG.EvaluationResult, RDFS.subClassOf, MLS.ModelEvaluation),
    (KG.Metric, RDFS.subClassOf, MLS.EvaluationMeasure),
    (KG.value, RDFS.subPropertyOf, MLS.hasValue),
    (KG.metric, RDFS.subPropertyOf, MLS.specifiedBy),
    (KG.Task, RDFS.subClassOf, MLS.Task),
    (KG.paper, RDFS.subPropertyOf, PROV.wasDerivedFrom),
    (KG.basedOn, RDFS.subPropertyOf, PROV.wasDerivedFrom),
    (KG.title, RDFS.subPropertyOf, DCTERMS.title),
    (KG.authoredBy, RDFS.subPropertyOf, DCTERMS.creator),
]


@pytest.mark.parametrize("triple", ALIGNMENT, ids=lambda t: f"{t[0].n3()}-{t[2].n3()}")
def test_ontology_is_aligned_to_fair4ml_schema_mls_prov_dcterms(ontology, triple):
    assert triple in ontology


def test_every_class_and_relation_reaches_an_outside_vocabulary(ontology):
    for cls in ontology.subjects(RDF.type, OWL.Class):
        if isinstance(cls, URIRef):
            supers = set(ontology.transitive_objects(cls, RDFS.subClassOf)) - {cls}
            assert any(not str(s).startswith(ONTOLOGY) for s in supers), cls
    for kind in RelationType:
        prop = relation_property(kind.edge)
        supers = set(ontology.transitive_objects(prop, RDFS.subPropertyOf)) - {prop}
        assert any(not str(s).startswith(ONTOLOGY) for s in supers), prop


def test_one_schema_org_base_in_the_ontology_and_every_export(tmp_path, ontology):
    for path in ONTOLOGY_DIR.rglob("*"):
        if path.is_file():
            assert "https://schema.org" not in path.read_text(encoding="utf-8"), path
    assert {str(t) for triple in ontology for t in triple if "schema.org" in str(t)} <= {
        str(t) for t in ontology.all_nodes() if str(t).startswith("http://schema.org/")}
    graph = kg_graph.build([paper_a(), hostile_extraction()])
    for fmt in ("turtle", "ntriples", "nquads", "trig", "jsonld", "xml"):
        text = write_rdf(graph, tmp_path / f"g.{fmt}", fmt).read_text(encoding="utf-8")
        assert "https://schema.org" not in text and "http://schema.org/" in text, fmt


def test_rdfs_reasoning_shows_kg_data_in_the_aligned_vocabularies(ontology):
    data = graph_to_rdf(kg_graph.build([paper_a(), paper_b()]))
    closure = rdflib.Graph()
    for triple in (*data, *ontology):
        closure.add(triple)
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(closure)
    iri = lambda node: node_iri(DEFAULT_BASE, node)

    assert (iri("model:llama-2-7b"), RDF.type, FAIR4ML.MLModel) in closure
    assert (iri("paper:a"), RDF.type, SCHEMA.ScholarlyArticle) in closure
    assert (iri("model:llama-2-7b"), FAIR4ML.trainedOn, iri("dataset:the-pile")) in closure
    assert (iri("paper:a"), SCHEMA.author, iri("author:ada-lovelace")) in closure
    assert (iri("paper:a"), SCHEMA.mentions, iri("model:llama-2-7b")) in closure
    results = set(closure.subjects(RDF.type, MLS.ModelEvaluation))
    assert {str(closure.value(r, MLS.hasValue)) for r in results} == {"45.3", "46"}


# ------------------------------------------------------------------ JSON-LD context

def test_context_names_every_kg_term_and_links_iris(ontology):
    context = json.loads((ONTOLOGY_DIR / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    expand = lambda curie: curie.replace("kg:", ONTOLOGY, 1)
    for term in KG.__annotations__:
        entry = context[term]
        assert expand(entry if isinstance(entry, str) else entry["@id"]) == ONTOLOGY + term
    for prop in ontology.subjects(RDF.type, OWL.ObjectProperty):
        assert context[str(prop)[len(ONTOLOGY):]]["@type"] == "@id"
    assert context["schema"] == "http://schema.org/"


# ------------------------------------------------------------------ SHACL

def test_shapes_cover_every_class_and_every_relation(ontology, shapes):
    targeted = set(shapes.objects(None, SH.targetClass))
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    assert classes | {RDF.Statement} <= targeted
    subjects_of = set(shapes.objects(None, SH.targetSubjectsOf))
    assert {relation_property(kind.edge) for kind in RelationType} <= subjects_of


def test_the_built_example_and_its_exports_conform(built, example, tmp_path):
    assert validate_graph(read_rdf(built / "graph.ttl")) == []
    assert validate_graph(read_rdf(write_rdf(example, tmp_path / "g.trig", "trig"))) == []


@pytest.mark.parametrize("fmt", ["nt", "nq", "jsonld", "rdf"])
def test_hostile_graph_conforms_in_every_format(tmp_path, fmt):
    graph = kg_graph.build([paper_a(), paper_b(), hostile_extraction()])
    names = {"nt": "ntriples", "nq": "nquads", "jsonld": "jsonld", "rdf": "xml"}
    path = write_rdf(graph, tmp_path / f"g.{fmt}", names[fmt], base="https://example.org/kg/")
    assert validate_graph(read_rdf(path)) == []


def _sample():
    return graph_to_rdf(kg_graph.build([paper_a(), paper_b()]))


def _first_statement(rdf, predicate):
    return next(s for s in rdf.subjects(RDF.predicate, predicate))


def _trained_on_benchmark(rdf):
    rdf.add((node_iri(DEFAULT_BASE, "model:llama-2-7b"), KG.trainedOn,
             node_iri(DEFAULT_BASE, "benchmark:mmlu")))


def _no_evidence(rdf):
    rdf.remove((_first_statement(rdf, KG.trainedOn), KG.evidence, None))


def _no_name(rdf):
    rdf.remove((node_iri(DEFAULT_BASE, "dataset:the-pile"), KG.name, None))


def _empty_result(rdf):
    result = next(rdf.subjects(RDF.type, KG.EvaluationResult))
    rdf.remove((result, KG.metric, None))
    rdf.remove((result, KG.value, None))


def _unasserted(rdf):
    statement = _first_statement(rdf, KG.trainedOn)
    rdf.remove((rdf.value(statement, RDF.subject), KG.trainedOn, None))


def _bad_external_id(rdf):
    rdf.add((node_iri(DEFAULT_BASE, "benchmark:mmlu"), KG.externalId, Literal("nocolon")))


def _no_paper(rdf):
    rdf.remove((_first_statement(rdf, KG.evaluatedOn), KG.paper, None))


BROKEN = {
    "trained on a benchmark": (_trained_on_benchmark, "class kg:Dataset"),
    "statement without evidence": (_no_evidence, "evidence sentence"),
    "relation without statement": (_trained_on_benchmark, "no rdf:Statement naming the paper"),
    "entity without name": (_no_name, "kg:name"),
    "result without metric or value": (_empty_result, "a metric, a value or both"),
    "statement of an unasserted triple": (_unasserted, "does not assert"),
    "external id without scheme": (_bad_external_id, "scheme:value"),
    "statement without paper": (_no_paper, "exactly one paper"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_shapes_catch_broken_data(case):
    rdf = _sample()
    assert validate_graph(rdf) == []
    breaks, message = BROKEN[case]
    breaks(rdf)
    assert any(message in str(v) for v in validate_graph(rdf)), validate_graph(rdf)


def test_kg_validate_passes_good_files_and_lists_violations_of_bad_ones(tmp_path):
    runner = CliRunner()
    graph = kg_graph.build([paper_a(), paper_b()])
    good = write_rdf(graph, tmp_path / "good.nt", "ntriples")
    bad = tmp_path / "bad.nt"
    bad.write_text(good.read_text(encoding="utf-8").replace(str(KG.name), str(KG.alias)),
                   encoding="utf-8")
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")

    ok = runner.invoke(app, ["validate", str(good)])
    failed = runner.invoke(app, ["validate", str(bad), "--max", "2"])
    unreadable = runner.invoke(app, ["validate", str(broken)])

    assert ok.exit_code == 0 and "conform" in ok.output
    violations = validate_graph(read_rdf(bad))
    assert failed.exit_code == 1 and len(violations) > 2
    assert failed.stdout.splitlines() == [str(v) for v in violations[:2]] + [
        f"... and {len(violations) - 2} more violations"]
    assert unreadable.exit_code == 1 and "broken.ttl" in unreadable.output


# ------------------------------------------------------------------ SPARQL library

def name(graph, node):
    return graph.nodes[node]["name"]


def edges_of(graph, edge_type):
    return [(u, v, a) for u, v, a in graph.edges(data=True) if a["type"] == edge_type]


def iri(node):
    return str(node_iri(DEFAULT_BASE, node))


def test_sparql_library_asks_every_question_of_the_cypher_library():
    cypher = {p.stem for p in (resource_dir("cypher") / "queries").glob("*.cypher")}
    assert cypher <= set(sparql_queries())
    assert all(q.description for q in sparql_queries().values())


def test_models_evaluated_on_a_benchmark(example, example_rdf):
    counts = Counter(v for _, v, _ in edges_of(example, "EVALUATED_ON"))
    bench = counts.most_common(1)[0][0]
    expected = sorted(((name(example, m), a.get("metric"), a.get("value"), iri(a["paper"]))
                       for m, b, a in edges_of(example, "EVALUATED_ON") if b == bench),
                      key=lambda row: (row[0], row[3]))
    rows = run_sparql(example_rdf, "models_evaluated_on", {"benchmark": name(example, bench)})
    by_id = run_sparql(example_rdf, "models_evaluated_on", {"benchmark": bench})

    assert len(expected) >= 2 and any(row[2] for row in expected)
    assert [tuple(r.values()) for r in rows] == expected
    assert by_id == rows


def test_what_a_model_was_trained_on(example, example_rdf):
    trained = edges_of(example, "TRAINED_ON")
    model = Counter(m for m, _, _ in trained).most_common(1)[0][0]
    expected = sorted((name(example, d), iri(a["paper"])) for m, d, a in trained if m == model)
    rows = run_sparql(example_rdf, "trained_on", {"model": name(example, model)})
    assert expected and [(r["dataset"], r["paper"]) for r in rows] == expected


def lineage(graph, model):
    """Every based_on step on the chains from `model`, from the graph itself."""
    based_on = nx.DiGraph((u, v) for u, v, _ in edges_of(graph, "BASED_ON"))
    if model not in based_on:
        return []
    reach = nx.descendants(based_on, model) | {model}
    return sorted({(name(graph, c), name(graph, p)) for c, p in based_on.edges if c in reach})


def chain_graph():
    """A based on B, B on C and D; E on A: lineage of A is A-B, B-C, B-D (not E)."""
    models = [Entity(f"model:{x}", EntityType.MODEL, x.upper()) for x in "abcde"]
    steps = [("a", "b"), ("b", "c"), ("b", "d"), ("e", "a")]
    return kg_graph.build([Extraction(
        Paper("p", "T", "A"), entities=tuple(models),
        mentions=tuple(Mention(m.name, 0, 1, m.type, m.id) for m in models),
        relations=tuple(relation(RelationType.BASED_ON, f"model:{s}", f"model:{t}", "p", "x")
                        for s, t in steps))])


def test_model_lineage_follows_based_on_chains(example, example_rdf):
    chain = chain_graph()
    rows = run_sparql(graph_to_rdf(chain), "model_lineage", {"model": "model:a"})
    assert [(r["child"], r["parent"]) for r in rows] == lineage(chain, "model:a") == [
        ("A", "B"), ("B", "C"), ("B", "D")]
    for model in {u for u, _, _ in edges_of(example, "BASED_ON")}:
        rows = run_sparql(example_rdf, "model_lineage", {"model": name(example, model)})
        assert [(r["child"], r["parent"]) for r in rows] == lineage(example, model) != []


@pytest.mark.parametrize("window", [("2025-01-01", "2025-03-31"), ("0000", "9999")])
def test_papers_introducing_benchmarks_or_datasets_in_a_date_range(example, example_rdf, window):
    low, high = window
    expected = sorted(
        (example.nodes[p]["date"], example.nodes[p]["title"], name(example, e),
         example.nodes[e]["label"].lower())
        for p, e, _ in edges_of(example, "INTRODUCES")
        if example.nodes[e]["label"] in (NodeLabel.BENCHMARK, NodeLabel.DATASET)
        and example.nodes[p].get("date") and low <= example.nodes[p]["date"] <= high)
    rows = run_sparql(example_rdf, "introduced_between", {"from": low, "to": high})
    assert expected and [tuple(r.values()) for r in rows] == expected


def test_most_used_benchmarks(example, example_rdf):
    papers = defaultdict(set)
    for _, b, a in edges_of(example, "EVALUATED_ON"):
        papers[name(example, b)].add(a["paper"])
    expected = sorted(((b, len(p)) for b, p in papers.items()), key=lambda r: (-r[1], r[0]))[:5]
    rows = run_sparql(example_rdf, "most_used_benchmarks", {"limit": 5})
    assert [(r["benchmark"], r["papers"]) for r in rows] == expected


def test_models_and_benchmarks_mentioned_together(example, example_rdf):
    mentioned = defaultdict(set)
    for p, e, _ in edges_of(example, "MENTIONS"):
        mentioned[p].add(e)
    pairs = Counter()
    for entities in mentioned.values():
        models = {name(example, e) for e in entities if example.nodes[e]["label"] == "Model"}
        benches = {name(example, e) for e in entities if example.nodes[e]["label"] == "Benchmark"}
        pairs.update((m, b) for m in models for b in benches)
    expected = sorted(((m, b, n) for (m, b), n in pairs.items()),
                      key=lambda r: (-r[2], r[0], r[1]))[:10]
    rows = run_sparql(example_rdf, "model_benchmark_cooccurrence", {"limit": 10})
    assert expected and [tuple(r.values()) for r in rows] == expected
    # Papers a and b both mention Llama-2-7B (under other names) and MMLU: one pair, two papers.
    rows = run_sparql(_sample(), "model_benchmark_cooccurrence")
    assert [tuple(r.values()) for r in rows] == [("Llama-2-7B", "MMLU", 2)]


def search(graph, query):
    found = []
    for node, attrs in graph.nodes(data=True):
        texts = [attrs.get("name") or "", *(attrs.get("aliases") or ())]
        if attrs["label"] in ENTITY_LABELS and any(query.lower() in t.lower() for t in texts):
            found.append((iri(node), attrs["name"], attrs["label"].lower()))
    return sorted(found, key=lambda row: (row[1], row[0]))


def test_entity_search_by_name_or_alias(example, example_rdf):
    rows = run_sparql(example_rdf, "search_entities", {"query": "llama"})
    assert len(rows) >= 2 and [tuple(r.values()) for r in rows] == search(example, "llama")
    # An alias that is not part of the name finds the entity too.
    node, alias = next((n, a) for n, attrs in example.nodes(data=True)
                       if attrs["label"] in ENTITY_LABELS for a in attrs.get("aliases") or ()
                       if a.lower() not in attrs["name"].lower())
    rows = run_sparql(example_rdf, "search_entities", {"query": alias})
    assert iri(node) in {r["id"] for r in rows}
    assert [tuple(r.values()) for r in rows] == search(example, alias)
