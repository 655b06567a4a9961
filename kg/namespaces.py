"""RDF vocabulary: the `KG` ontology terms, the vocabularies kg aligns to, and the instance base.

`KG` is a `DefinedNamespace` with `_fail = True`, so a misspelt term raises AttributeError at
once instead of minting a wrong IRI. Class names are the `NodeLabel` values plus the classes the
property graph keeps as edge attributes (Metric, EvaluationResult) or not yet at all (Task);
property names are the camelCase forms of the node attributes and relation types. No side effects.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, DefinedNamespace

ONTOLOGY = "https://w3id.org/kg/ontology#"
DEFAULT_BASE = "https://w3id.org/kg/id/"
# One schema.org base for the whole project: the http form, as schema.org's own RDF uses.
SCHEMA = Namespace("http://schema.org/")
FAIR4ML = Namespace("https://w3id.org/fair4ml#")
MLS = Namespace("http://www.w3.org/ns/mls#")

__all__ = ["DCTERMS", "DEFAULT_BASE", "FAIR4ML", "KG", "MLS", "ONTOLOGY", "PROV", "SCHEMA",
           "edge_type_of", "relation_property"]


class KG(DefinedNamespace):
    """The kg ontology (ontology/kg.ttl declares the same terms)."""

    _fail = True
    _NS = Namespace(ONTOLOGY)

    # Classes: NodeLabel values.
    Paper: URIRef
    Model: URIRef
    Dataset: URIRef
    Benchmark: URIRef
    Organization: URIRef
    Author: URIRef
    # Classes with no node of their own in the property graph.
    Task: URIRef
    Metric: URIRef
    EvaluationResult: URIRef

    # Node properties.
    name: URIRef
    alias: URIRef
    title: URIRef
    abstract: URIRef
    date: URIRef
    arxivId: URIRef
    source: URIRef
    family: URIRef
    params: URIRef
    organization: URIRef
    externalId: URIRef
    known: URIRef

    # Relations: camelCase of RelationType values.
    introduces: URIRef
    basedOn: URIRef
    trainedOn: URIRef
    evaluatedOn: URIRef
    mentions: URIRef
    authoredBy: URIRef
    affiliatedWith: URIRef
    variantOf: URIRef

    # Provenance of a fact, on its reified rdf:Statement.
    evidence: URIRef
    paper: URIRef
    extractor: URIRef
    mentionCount: URIRef
    surfaceForm: URIRef
    result: URIRef

    # An evaluation result: the measure it is specified by and the value as written.
    metric: URIRef
    value: URIRef


def relation_property(edge_type: str) -> URIRef:
    """`EVALUATED_ON` -> kg:evaluatedOn; AttributeError for a type the ontology lacks."""
    first, *rest = edge_type.lower().split("_")
    return getattr(KG, first + "".join(part.capitalize() for part in rest))


def edge_type_of(prop: URIRef | str) -> str:
    """kg:evaluatedOn -> `EVALUATED_ON`, the inverse of `relation_property`."""
    local = str(prop).removeprefix(ONTOLOGY)
    return "".join(f"_{c}" if c.isupper() else c for c in local).upper()
