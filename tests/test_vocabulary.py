"""model.py, ontology/kg.ttl and cypher/schema.cypher name the same classes and relations."""

from __future__ import annotations

import re

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, Namespace

from kg.model import NodeLabel, RelationType
from kg.namespaces import KG as KG_TERMS
from kg.resources import resource_dir

KG = Namespace("https://w3id.org/kg/ontology#")
# Classes the property graph keeps as edge attributes (Metric, EvaluationResult) or not yet at all.
EXTRA_CLASSES = {"Task", "Metric", "EvaluationResult"}
# Object properties of provenance and results, besides the relation types.
EXTRA_OBJECT_PROPERTIES = {"paper", "result", "metric"}
DATATYPE_PROPERTIES = {"name", "alias", "title", "abstract", "date", "arxivId", "source", "family",
                       "params", "organization", "externalId", "known", "evidence", "extractor",
                       "surfaceForm", "mentionCount", "value"}


def camel(value: str) -> str:
    head, *rest = value.split("_")
    return head + "".join(part.capitalize() for part in rest)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(resource_dir("ontology") / "kg.ttl", format="turtle")


@pytest.fixture(scope="module")
def schema() -> str:
    return (resource_dir("cypher") / "schema.cypher").read_text(encoding="utf-8")


def local_names(graph: Graph, kind) -> set[str]:
    names = set()
    for subject in graph.subjects(RDF.type, kind):
        assert str(subject).startswith(str(KG)), subject
        names.add(str(subject)[len(str(KG)):])
    return names


def named_classes(graph: Graph) -> Graph:
    """The ontology without its anonymous (owl:unionOf) classes."""
    named = Graph()
    for triple in graph:
        if not (triple[1] == RDF.type and triple[2] == OWL.Class and isinstance(triple[0], BNode)):
            named.add(triple)
    return named


def test_classes_are_the_node_labels(ontology):
    assert local_names(named_classes(ontology), OWL.Class) == (
        {label.value for label in NodeLabel} | EXTRA_CLASSES)


def test_object_properties_are_the_relation_types(ontology):
    assert local_names(ontology, OWL.ObjectProperty) == (
        {camel(r.value) for r in RelationType} | EXTRA_OBJECT_PROPERTIES)
    assert camel("evaluated_on") == "evaluatedOn"


def test_datatype_properties(ontology):
    assert local_names(ontology, OWL.DatatypeProperty) == DATATYPE_PROPERTIES


def test_python_namespace_declares_exactly_the_ontology_terms(ontology):
    declared = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        declared |= local_names(named_classes(ontology), kind)
    assert set(KG_TERMS.__annotations__) == declared


def test_every_term_has_label_and_comment(ontology):
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for subject in named_classes(ontology).subjects(RDF.type, kind):
            assert ontology.value(subject, RDFS.label) is not None, subject
            assert ontology.value(subject, RDFS.comment) is not None, subject


def statements(schema: str) -> list[str]:
    body = "\n".join(line for line in schema.splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in body.split(";") if s.strip()]


def test_constraints_cover_every_label_and_entity(schema):
    pattern = re.compile(
        r"CREATE CONSTRAINT (\w+) IF NOT EXISTS FOR \(n:(\w+)\) REQUIRE n\.id IS UNIQUE")
    constrained = {}
    for statement in statements(schema):
        if statement.startswith("CREATE CONSTRAINT"):
            match = pattern.fullmatch(statement)
            assert match, statement
            constrained[match.group(2)] = match.group(1)
    assert set(constrained) - {"Entity"} == {label.value for label in NodeLabel}
    assert "Entity" in constrained
    assert all(name == f"{label.lower()}_id" for label, name in constrained.items())


def test_every_statement_is_idempotent_and_fulltext_covers_entities(schema):
    for statement in statements(schema):
        guard = "IF EXISTS" if statement.startswith("DROP") else "IF NOT EXISTS"
        assert statement.startswith(("CREATE ", "DROP ")) and guard in statement, statement
    fulltext = [s for s in statements(schema) if s.startswith("CREATE FULLTEXT INDEX")]
    assert fulltext == [
        "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Model|Dataset|Benchmark) "
        "ON EACH [n.name, n.aliases_text]"
    ]


def test_relationship_types_listed_are_the_relation_edges(schema):
    match = re.search(r"// Relationship types[^\n]*\n//\s*([A-Z_, ]+)", schema)
    assert match, "schema.cypher must list the relationship types in a comment"
    listed = {name.strip() for name in match.group(1).split(",")}
    assert listed == {r.edge for r in RelationType}
