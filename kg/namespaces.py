"""RDF vocabulary used by the RDF sink: the `KG` ontology terms and the instance base.

`KG` is a `DefinedNamespace` with `_fail = True`, so a misspelt term raises AttributeError at
once instead of minting a wrong IRI. Class names are the `NodeLabel` values; property names
are the camelCase forms of the node attributes and relation types. No side effects.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY = "https://w3id.org/kg/ontology#"
DEFAULT_BASE = "https://w3id.org/kg/id/"
# One schema.org base for the whole project: the http form, as schema.org's own RDF uses.
SCHEMA = Namespace("http://schema.org/")


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
    metric: URIRef
    value: URIRef
    extractor: URIRef
    mentionCount: URIRef
    surfaceForm: URIRef


def relation_property(edge_type: str) -> URIRef:
    """`EVALUATED_ON` -> kg:evaluatedOn; AttributeError for a type the ontology lacks."""
    first, *rest = edge_type.lower().split("_")
    return getattr(KG, first + "".join(part.capitalize() for part in rest))
