"""model.py, ontology/kg.ttl and cypher/schema.cypher name the same classes and relations."""

from __future__ import annotations

import re

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Namespace

from kg.model import NodeLabel, RelationType
from kg.resources import resource_dir

KG = Namespace("https://w3id.org/kg/ontology#")
DATATYPE_PROPERTIES = {"name", "alias", "evidence", "metric", "value", "paper"}


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


def test_classes_are_the_node_labels(ontology):
    assert local_names(ontology, OWL.Class) == {label.value for label in NodeLabel}


def test_object_properties_are_the_relation_types(ontology):
    assert local_names(ontology, OWL.ObjectProperty) == {camel(r.value) for r in RelationType}
    assert camel("evaluated_on") == "evaluatedOn"


def test_datatype_properties(ontology):
    assert local_names(ontology, OWL.DatatypeProperty) == DATATYPE_PROPERTIES


def test_every_term_has_label_and_comment(ontology):
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for subject in ontology.subjects(RDF.type, kind):
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
        assert "IF NOT EXISTS" in statement, statement
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
