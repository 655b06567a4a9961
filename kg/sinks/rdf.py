"""The RDF sink: graph -> rdflib Graph -> Turtle (or any rdflib format) file.

Each node becomes the IRI `base + <label prefix>/<percent-encoded rest of id>` typed with its
`kg:` class and carrying its attributes as literals. Each edge becomes a direct triple; edges
with provenance (evidence, metric, mention counts) also get a reified `rdf:Statement` naming
subject, predicate, object, the paper and the evidence sentence, so every fact can be traced to
the sentence it came from. Papers with an arXiv id are `schema:sameAs` their arXiv page.
The only side effect is `RdfSink.write`, which writes one file atomically.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path
from urllib.parse import quote

import networkx as nx
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef, plugin
from rdflib.plugin import PluginException
from rdflib.serializer import Serializer

from kg.errors import KgError
from kg.namespaces import DEFAULT_BASE, KG, SCHEMA, relation_property
from kg.sinks.files import write_atomic

# Attribute -> property for plain string literals; the rest is handled one by one below.
_LITERALS = {"title": KG.title, "abstract": KG.abstract, "arxiv_id": KG.arxivId,
             "source": KG.source, "family": KG.family, "params": KG.params,
             "organization": KG.organization}
_EDGE_LITERALS = {"evidence": KG.evidence, "metric": KG.metric, "value": KG.value,
                  "extractor": KG.extractor}


def node_iri(base: str, node_id: str) -> URIRef:
    """`model:llama 2` -> <base>model/llama%202: segments percent-encoded, any id is valid."""
    return URIRef(base + "/".join(quote(part, safe="") for part in node_id.split(":", 1)))


def _date_literal(text: str) -> Literal:
    """A typed date when the text is an ISO date, year-month or year; a plain string otherwise."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            date.fromisoformat(text)
            return Literal(text, datatype=XSD.date)
    except ValueError:
        return Literal(text)
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        return Literal(text, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", text):
        return Literal(text, datatype=XSD.gYear)
    return Literal(text)


def _add_node(rdf: Graph, base: str, node: str, attrs: dict) -> None:
    subject = node_iri(base, node)
    try:
        rdf.add((subject, RDF.type, getattr(KG, attrs["label"])))
    except (KeyError, AttributeError) as exc:
        raise KgError(f"node {node!r} has no known label (got {attrs.get('label')!r})") from exc
    if attrs.get("name"):
        rdf.add((subject, KG.name, Literal(attrs["name"])))
        rdf.add((subject, RDFS.label, Literal(attrs["name"])))
    for attr, prop in _LITERALS.items():
        if attrs.get(attr):
            rdf.add((subject, prop, Literal(attrs[attr])))
    for alias in attrs.get("aliases") or ():
        rdf.add((subject, KG.alias, Literal(alias)))
    for scheme, value in (attrs.get("external_ids") or {}).items():
        rdf.add((subject, KG.externalId, Literal(f"{scheme}:{value}")))
    if attrs.get("known") is not None:
        rdf.add((subject, KG.known, Literal(bool(attrs["known"]))))
    if attrs.get("date"):
        rdf.add((subject, KG.date, _date_literal(str(attrs["date"]))))
    if attrs.get("arxiv_id"):
        arxiv = URIRef("https://arxiv.org/abs/" + quote(attrs["arxiv_id"], safe="/."))
        rdf.add((subject, SCHEMA.sameAs, arxiv))


def _statement_iri(base: str, source: str, target: str, key: str) -> URIRef:
    # Stable across runs, so re-exporting the same graph yields the same triples.
    digest = hashlib.sha1(f"{source}\0{target}\0{key}".encode()).hexdigest()[:20]
    return URIRef(f"{base}statement/{digest}")


def _add_edge(rdf: Graph, base: str, source: str, target: str, key: str, attrs: dict) -> None:
    try:
        predicate = relation_property(attrs["type"])
    except (KeyError, AttributeError) as exc:
        raise KgError(f"edge {source!r} -> {target!r} has no known type "
                      f"(got {attrs.get('type')!r})") from exc
    subject, obj = node_iri(base, source), node_iri(base, target)
    rdf.add((subject, predicate, obj))
    if not set(attrs) - {"type", "paper"}:
        return  # authorship and affiliation: the paper is the subject, nothing more to trace
    statement = _statement_iri(base, source, target, key)
    for triple in ((RDF.type, RDF.Statement), (RDF.subject, subject),
                   (RDF.predicate, predicate), (RDF.object, obj)):
        rdf.add((statement, *triple))
    if attrs.get("paper"):
        rdf.add((statement, KG.paper, node_iri(base, attrs["paper"])))
    for attr, prop in _EDGE_LITERALS.items():
        if attrs.get(attr) is not None:
            rdf.add((statement, prop, Literal(str(attrs[attr]))))
    for surface in attrs.get("mentions") or ():
        rdf.add((statement, KG.surfaceForm, Literal(surface)))
    if attrs.get("count") is not None:
        rdf.add((statement, KG.mentionCount, Literal(int(attrs["count"]))))


def graph_to_rdf(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> Graph:
    """The RDF form of a property graph, with kg, kgid, schema, rdfs and xsd prefixes bound."""
    rdf = Graph(bind_namespaces="core")
    rdf.bind("kg", str(KG), override=True)
    rdf.bind("kgid", base, override=True)
    rdf.bind("schema", SCHEMA, override=True, replace=True)
    for node, attrs in graph.nodes(data=True):
        _add_node(rdf, base, node, attrs)
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        _add_edge(rdf, base, source, target, key, attrs)
    return rdf


class RdfSink:
    """Writes the graph as RDF in `fmt` (any rdflib serializer: turtle, nt, xml, json-ld)."""

    def __init__(self, path: Path, base: str = DEFAULT_BASE, fmt: str = "turtle"):
        try:
            plugin.get(fmt, Serializer)
        except PluginException as exc:
            raise KgError(f"unknown RDF format {fmt!r}; "
                          "use one of: turtle, nt, xml, json-ld") from exc
        self.path = Path(path)
        self.base = base
        self.fmt = fmt
        self.name = fmt

    def write(self, graph: nx.MultiDiGraph) -> Path:
        text = graph_to_rdf(graph, self.base).serialize(format=self.fmt)
        return write_atomic(self.path, text)
