"""SHACL validation: an RDF file or graph in -> the violations of ontology/shapes.ttl out.

pyshacl checks the data against the shapes without inference (kg's exports state every type
they rely on). Quad formats (TriG, N-Quads) are flattened into one graph first, since nodes sit
in the default graph and what a paper states in the paper's named graph. No writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax import SAXParseException

from pyshacl import validate
from rdflib import RDF, Dataset, Graph, Namespace
from rdflib.plugins.parsers.ntriples import ParseError

from kg.errors import InputError, KgError
from kg.resources import resource_dir
from kg.sinks.rdf import PREFIXES

SH = Namespace("http://www.w3.org/ns/shacl#")
# File suffix -> rdflib parser name.
SUFFIX_FORMATS = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".nq": "nquads",
                  ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml",
                  ".xml": "xml", ".owl": "xml"}
_QUADS = {"nquads", "trig"}


@dataclass(frozen=True, slots=True, order=True)
class Violation:
    """One SHACL result: the node that fails, the property path, the value, the message."""

    focus: str
    path: str
    value: str
    message: str

    def __str__(self) -> str:
        where = " ".join(part for part in (self.focus, self.path, self.value) if part)
        return f"{where}: {self.message}"


def load_shapes(path: Path | None = None) -> Graph:
    """The shapes graph: ontology/shapes.ttl unless `path` is given."""
    return read_rdf(path or resource_dir("ontology") / "shapes.ttl")


def read_rdf(path: Path, fmt: str | None = None) -> Graph:
    """One graph from an RDF file in any format kg writes; InputError naming the file."""
    path = Path(path)
    fmt = fmt or SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), "cannot tell the RDF format from the suffix; use one of: "
                         + ", ".join(sorted(SUFFIX_FORMATS)))
    try:
        if fmt not in _QUADS:
            return Graph().parse(path, format=fmt)
        dataset = Dataset().parse(path, format=fmt)
    except (OSError, SyntaxError, ValueError, ParseError, SAXParseException) as exc:
        raise InputError(str(path), f"not valid {fmt}: {' '.join(str(exc).split())}") from exc
    flat = Graph()
    for s, p, o, _ in dataset.quads():
        flat.add((s, p, o))
    return flat


def validate_graph(rdf: Graph, shapes: Graph | None = None) -> list[Violation]:
    """Every violation of the shapes by `rdf`, sorted; empty when it conforms."""
    try:
        _, results, _ = validate(rdf, shacl_graph=shapes if shapes is not None else load_shapes(),
                                 inference="none", advanced=True, allow_warnings=False)
    except Exception as exc:  # pyshacl raises its own and rdflib's errors on broken shapes
        raise KgError(f"SHACL validation failed to run: {exc}") from exc
    return sorted(_violation(results, result)
                  for result in results.subjects(RDF.type, SH.ValidationResult))


def _violation(results: Graph, result) -> Violation:
    def text(prop) -> str:
        value = results.value(result, prop)
        return "" if value is None else _short(str(value))
    message = text(SH.resultMessage) or f"violates {text(SH.sourceConstraintComponent)}"
    return Violation(text(SH.focusNode), text(SH.resultPath), text(SH.value), message)


def _short(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and iri != namespace:
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def validate_file(path: Path, shapes: Path | None = None) -> tuple[int, list[Violation]]:
    """(triples read, violations) of an RDF file against the shapes."""
    rdf = read_rdf(path)
    return len(rdf), validate_graph(rdf, load_shapes(shapes))
