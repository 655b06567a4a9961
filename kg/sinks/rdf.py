"""The RDF mapping: property graph -> RDF quads -> files, and RDF -> property graph for round trips.

`rdf_quads` is the one mapping; every output (rdflib graphs, the streamed N-Triples, N-Quads and
Turtle writers of kg.rdf_export, TriG, JSON-LD) is made from it, so they cannot drift apart.

- Each node becomes `base + <id prefix>/<percent-encoded rest of id>`, typed with its `kg:` class
  and carrying its attributes as literals. External ids become IRIs: `schema:sameAs` the arXiv
  page of a paper and the Hugging Face, Papers with Code or Wikidata page of an entity, and
  `schema:citation` the arXiv page of the paper that introduced an entity.
- Each edge becomes a direct triple. An edge with provenance (evidence, metric, mention counts,
  or a paper other than its source) also gets a reified `rdf:Statement` naming subject,
  predicate, object, `kg:paper` and `kg:evidence`; a metric or value becomes a
  `kg:EvaluationResult` node (an `mls:ModelEvaluation`) linked by `kg:result`, specified by a
  `kg:Metric` node (an `mls:EvaluationMeasure`).
- With `named_graphs=True` every edge-derived quad sits in the named graph of its paper (TriG).

Serialising to files is kg.rdf_export's job; the only side effect here is `RdfSink.write`,
which writes one file atomically through it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote, unquote

import networkx as nx
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import GraphError, KgError
from kg.graph import edge_key, new_graph
from kg.model import EntityType, NodeLabel, RelationType
from kg.namespaces import (
    DCTERMS,
    DEFAULT_BASE,
    FAIR4ML,
    KG,
    MLS,
    PROV,
    SCHEMA,
    edge_type_of,
    relation_property,
)


class Lit(NamedTuple):
    """A literal of the mapping: lexical form and datatype IRI (None for a plain string)."""

    lexical: str
    datatype: str | None = None


Term = str | Lit  # an IRI (plain str) or a literal
Quad = tuple[str, str, Term, str | None]  # subject, predicate, object, graph (None = default)

PREFIXES = {"kg": str(KG), "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD),
            "schema": str(SCHEMA), "fair4ml": str(FAIR4ML), "mls": str(MLS), "prov": str(PROV),
            "dcterms": str(DCTERMS)}

# Attribute -> property for plain string literals; the rest is handled one by one below.
_LITERALS = {"title": KG.title, "abstract": KG.abstract, "arxiv_id": KG.arxivId,
             "source": KG.source, "family": KG.family, "params": KG.params,
             "organization": KG.organization}
_EDGE_LITERALS = {"evidence": KG.evidence, "extractor": KG.extractor}
_ENTITY_LABELS = {NodeLabel.of(t).value for t in EntityType}
_XSD_BOOLEAN, _XSD_INTEGER = str(XSD.boolean), str(XSD.integer)
_BASE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^\x00-\x20<>\"{}|\\^`]+[/#]")
_WIKIDATA = re.compile(r"Q[1-9][0-9]*")


def check_base(base: str) -> str:
    """`base` if it can prefix kg's IRIs, else KgError saying what a base must look like."""
    if not _BASE.fullmatch(base):
        raise KgError(f"base IRI {base!r} must be absolute (https://...), end in '/' or '#', "
                      "and hold no spaces, quotes, <>, {}, |, \\, ^ or `")
    return base


def node_iri(base: str, node_id: str) -> URIRef:
    """`model:llama 2` -> <base>model/llama%202: segments percent-encoded, any id is valid."""
    return URIRef(_node_iri(base, node_id))


def _node_iri(base: str, node_id: str) -> str:
    return base + "/".join(quote(part, safe="") for part in node_id.split(":", 1))


def node_id(base: str, iri: str) -> str:
    """The inverse of `node_iri`; GraphError if `iri` is not under `base`."""
    if not iri.startswith(base):
        raise GraphError(f"{iri} is not a kg node IRI: it does not start with the base {base}")
    prefix, sep, rest = iri[len(base):].partition("/")
    return f"{unquote(prefix)}:{unquote(rest)}" if sep else unquote(prefix)


def _date_literal(text: str) -> Lit:
    """A typed date when the text is an ISO date, year-month or year; a plain string otherwise."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            date.fromisoformat(text)
            return Lit(text, str(XSD.date))
    except ValueError:
        return Lit(text)
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        return Lit(text, str(XSD.gYearMonth))
    if re.fullmatch(r"\d{4}", text):
        return Lit(text, str(XSD.gYear))
    return Lit(text)


def external_iri(label: str, scheme: str, value: str) -> tuple[str, str] | None:
    """(property, IRI) for an external id of a node with `label`, or None for unknown schemes."""
    value = str(value)
    data = label in (NodeLabel.DATASET, NodeLabel.BENCHMARK)
    if scheme == "huggingface":
        return str(SCHEMA.sameAs), ("https://huggingface.co/datasets/" if data else
                                    "https://huggingface.co/") + quote(value, safe="/")
    if scheme == "arxiv":
        # An entity is not its paper: the paper that introduced it is cited, not the same thing.
        prop = SCHEMA.sameAs if label == NodeLabel.PAPER else SCHEMA.citation
        return str(prop), "https://arxiv.org/abs/" + quote(value, safe="/.")
    if scheme == "paperswithcode":
        kind = "dataset" if data else "method"
        return str(SCHEMA.sameAs), f"https://paperswithcode.com/{kind}/{quote(value, safe='')}"
    if scheme == "wikidata" and _WIKIDATA.fullmatch(value):
        return str(SCHEMA.sameAs), f"http://www.wikidata.org/entity/{value}"
    return None


class _Mapper:
    """One pass of the mapping: caches IRIs and remembers what was already emitted."""

    def __init__(self, base: str, named_graphs: bool):
        self.base = check_base(base)
        self.named_graphs = named_graphs
        self.iris: dict[str, str] = {}
        self.direct: set[tuple[str, str, str]] = set()
        self.metrics: set[str] = set()

    def iri(self, node: str) -> str:
        iri = self.iris.get(node)
        if iri is None:
            iri = self.iris[node] = _node_iri(self.base, node)
        return iri

    def node(self, node: str, attrs: dict) -> list[Quad]:
        subject = self.iri(node)
        try:
            out = [(subject, str(RDF.type), str(getattr(KG, attrs["label"])), None)]
        except (KeyError, AttributeError, TypeError) as exc:
            raise KgError(f"node {node!r} has no known label (got {attrs.get('label')!r}); "
                          f"labels are {', '.join(label.value for label in NodeLabel)}") from exc
        out += [(subject, str(p), o, None) for p, o in _node_values(attrs)]
        return out

    def edge(self, source: str, target: str, attrs: dict) -> list[Quad]:
        edge_type = attrs.get("type")
        try:
            predicate = str(relation_property(edge_type))
        except (AttributeError, TypeError) as exc:
            raise KgError(f"edge {source!r} -> {target!r} has no known type "
                          f"(got {edge_type!r})") from exc
        s, o, paper = self.iri(source), self.iri(target), attrs.get("paper")
        graph = self.iri(paper) if self.named_graphs and paper else None
        out: list[Quad] = []
        if graph is not None or (s, predicate, o) not in self.direct:
            self.direct.add((s, predicate, o))
            out.append((s, predicate, o, graph))
        # Authorship and affiliation: the paper is the subject, nothing more to trace.
        if set(attrs) - {"type", "paper"} or (paper and paper != source):
            digest = _digest(source, target, edge_key(edge_type, paper or ""))
            out += self._statement(digest, (s, predicate, o), attrs, graph)
        return out

    def _statement(self, digest: str, triple: tuple[str, str, str], attrs: dict,
                   graph: str | None) -> list[Quad]:
        statement = f"{self.base}statement/{digest}"
        values: list[tuple[str, Term]] = [
            (str(RDF.type), str(RDF.Statement)), (str(RDF.subject), triple[0]),
            (str(RDF.predicate), triple[1]), (str(RDF.object), triple[2])]
        if attrs.get("paper"):
            values.append((str(KG.paper), self.iri(attrs["paper"])))
        values += [(str(p), Lit(str(attrs[a]))) for a, p in _EDGE_LITERALS.items()
                   if attrs.get(a) is not None]
        values += [(str(KG.surfaceForm), Lit(str(s))) for s in attrs.get("mentions") or ()]
        if attrs.get("count") is not None:
            values.append((str(KG.mentionCount), Lit(str(int(attrs["count"])), _XSD_INTEGER)))
        out = [(statement, p, o, graph) for p, o in values]
        if attrs.get("metric") is not None or attrs.get("value") is not None:
            out += self._result(f"{self.base}evaluation/{digest}", statement, attrs, graph)
        return out

    def _result(self, result: str, statement: str, attrs: dict, graph: str | None) -> list[Quad]:
        out: list[Quad] = [(statement, str(KG.result), result, graph),
                           (result, str(RDF.type), str(KG.EvaluationResult), graph)]
        if attrs.get("metric") is not None:
            name = str(attrs["metric"])
            metric = f"{self.base}metric/{quote(name, safe='')}"
            out.append((result, str(KG.metric), metric, graph))
            if metric not in self.metrics:  # one node a metric, in the default graph
                self.metrics.add(metric)
                out += [(metric, str(RDF.type), str(KG.Metric), None),
                        (metric, str(KG.name), Lit(name), None),
                        (metric, str(RDFS.label), Lit(name), None)]
        if attrs.get("value") is not None:
            out.append((result, str(KG.value), Lit(str(attrs["value"])), graph))
        return out


def _digest(source: str, target: str, key: str) -> str:
    # Stable across runs, so re-exporting the same graph yields the same IRIs.
    return hashlib.sha1(f"{source}\0{target}\0{key}".encode()).hexdigest()[:20]


def _node_values(attrs: dict) -> Iterator[tuple[URIRef, Term]]:
    """(property, object) pairs of a node's attributes, the type triple aside."""
    if attrs.get("name"):
        yield KG.name, Lit(str(attrs["name"]))
        yield RDFS.label, Lit(str(attrs["name"]))
    for attr, prop in _LITERALS.items():
        if attrs.get(attr):
            yield prop, Lit(str(attrs[attr]))
    for alias in attrs.get("aliases") or ():
        yield KG.alias, Lit(str(alias))
    for scheme, value in (attrs.get("external_ids") or {}).items():
        yield KG.externalId, Lit(f"{scheme}:{value}")
        link = external_iri(attrs["label"], scheme, value)
        if link:
            yield URIRef(link[0]), link[1]
    if attrs.get("known") is not None:
        yield KG.known, Lit("true" if attrs["known"] else "false", _XSD_BOOLEAN)
    if attrs.get("date"):
        yield KG.date, _date_literal(str(attrs["date"]))
    if attrs.get("arxiv_id"):
        yield SCHEMA.sameAs, "https://arxiv.org/abs/" + quote(str(attrs["arxiv_id"]), safe="/.")


def rdf_quads(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE,
              named_graphs: bool = False) -> Iterator[Quad]:
    """The RDF form of a property graph as plain quads, each subject's triples together.

    Without `named_graphs`, every graph slot is None and a direct triple stated by several
    papers is emitted once; with it, edge-derived quads sit in the graph named by their paper.
    """
    mapper = _Mapper(base, named_graphs)
    for node, attrs in graph.nodes(data=True):
        yield from mapper.node(node, attrs)
    for source, target, attrs in graph.edges(data=True):
        yield from mapper.edge(source, target, attrs)


def to_rdflib(term: Term) -> Node:
    return URIRef(term) if type(term) is str else Literal(
        term.lexical, datatype=URIRef(term.datatype) if term.datatype else None)


def _bind(rdf: Graph, base: str) -> None:
    for prefix, namespace in PREFIXES.items():
        rdf.bind(prefix, namespace, override=True, replace=True)
    rdf.bind("kgid", base, override=True)


def graph_to_rdf(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> Graph:
    """The RDF form of a property graph as an rdflib Graph, with kg's prefixes bound."""
    rdf = Graph(bind_namespaces="core")
    _bind(rdf, base)
    for s, p, o, _ in rdf_quads(graph, base):
        rdf.add((URIRef(s), URIRef(p), to_rdflib(o)))
    return rdf


def graph_to_dataset(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> Dataset:
    """The RDF form with one named graph per paper (its IRI) for everything the paper states."""
    dataset = Dataset()
    _bind(dataset, base)
    for s, p, o, g in rdf_quads(graph, base, named_graphs=True):
        context = dataset.graph(URIRef(g)) if g else dataset.default_graph
        context.add((URIRef(s), URIRef(p), to_rdflib(o)))
    return dataset


def _node_attrs(rdf: Graph, subject: URIRef, label: str) -> dict:
    """A node's attributes read back from its triples (the inverse of `_node_values`)."""
    attrs: dict = {"label": label}
    if label in _ENTITY_LABELS:
        attrs.update(type=label.lower(), aliases=[], external_ids={})
    for attr, prop in {"name": KG.name, **_LITERALS}.items():
        value = rdf.value(subject, prop)
        if value is not None:
            attrs[attr] = str(value)
    if label in _ENTITY_LABELS:
        attrs["aliases"] = sorted(str(a) for a in rdf.objects(subject, KG.alias))
        for text in rdf.objects(subject, KG.externalId):
            scheme, _, value = str(text).partition(":")
            attrs["external_ids"][scheme] = value
    known = rdf.value(subject, KG.known)
    if known is not None:
        attrs["known"] = bool(known.toPython())
    if rdf.value(subject, KG.date) is not None:
        attrs["date"] = str(rdf.value(subject, KG.date))
    return attrs


def _statement_edge(rdf: Graph, base: str, statement: Node) -> tuple[str, str, dict]:
    """(source, target, attributes) of the edge a reified statement describes."""
    parts = [rdf.value(statement, p) for p in (RDF.subject, RDF.predicate, RDF.object)]
    if any(part is None for part in parts):
        raise GraphError(f"statement {statement} lacks rdf:subject, rdf:predicate or rdf:object")
    attrs: dict = {"type": edge_type_of(parts[1])}
    paper = rdf.value(statement, KG.paper)
    attrs["paper"] = node_id(base, str(paper)) if paper is not None else None
    for attr, prop in _EDGE_LITERALS.items():
        if rdf.value(statement, prop) is not None:
            attrs[attr] = str(rdf.value(statement, prop))
    surfaces = sorted(str(s) for s in rdf.objects(statement, KG.surfaceForm))
    if surfaces:
        attrs["mentions"] = surfaces
    if rdf.value(statement, KG.mentionCount) is not None:
        attrs["count"] = int(rdf.value(statement, KG.mentionCount).toPython())
    result = rdf.value(statement, KG.result)
    if result is not None:
        metric = rdf.value(result, KG.metric)
        attrs["metric"] = str(rdf.value(metric, KG.name)) if metric is not None else None
        value = rdf.value(result, KG.value)
        attrs["value"] = str(value) if value is not None else None
    return node_id(base, str(parts[0])), node_id(base, str(parts[2])), attrs


def rdf_to_graph(rdf: Graph, base: str = DEFAULT_BASE) -> nx.MultiDiGraph:
    """The property graph an RDF graph made by `graph_to_rdf` describes (its inverse).

    Edges come from the reified statements; a relation triple no statement describes is an
    edge stated by its source (a paper's authors and organisation). Paper `authors` lists are
    not rebuilt: RDF keeps the authorship edges, not their order.
    """
    graph = new_graph()
    labels = {getattr(KG, label.value): label.value for label in NodeLabel}
    for subject, cls in rdf.subject_objects(RDF.type):
        if cls in labels and isinstance(subject, URIRef):
            graph.add_node(node_id(base, str(subject)), **_node_attrs(rdf, subject, labels[cls]))
    described = set()
    for statement in rdf.subjects(RDF.type, RDF.Statement):
        source, target, attrs = _statement_edge(rdf, base, statement)
        described.add((source, target, attrs["type"]))
        graph.add_edge(source, target, key=edge_key(attrs["type"], attrs["paper"] or ""), **attrs)
    for edge_type in (relation.edge for relation in RelationType):
        for s, o in rdf.subject_objects(relation_property(edge_type)):
            source, target = node_id(base, str(s)), node_id(base, str(o))
            if (source, target, edge_type) not in described:
                graph.add_edge(source, target, key=edge_key(edge_type, source), type=edge_type,
                               paper=source)
    return graph


class RdfSink:
    """Writes the graph as RDF in `fmt`: turtle, ntriples, nquads, trig, jsonld or xml."""

    def __init__(self, path: Path, base: str = DEFAULT_BASE, fmt: str = "turtle"):
        # Imported here: kg.rdf_export builds on this module's mapping.
        from kg.rdf_export import rdf_format

        self.fmt = rdf_format(fmt)
        self.path = Path(path)
        self.base = check_base(base)
        self.name = self.fmt

    def write(self, graph: nx.MultiDiGraph) -> Path:
        from kg.rdf_export import write_rdf

        return write_rdf(graph, self.path, self.fmt, self.base)
