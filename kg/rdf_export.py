"""RDF files: a graph -> kg.sinks.rdf.rdf_quads -> N-Triples, N-Quads, Turtle, TriG, JSON-LD, XML.

rdflib builds a whole graph in memory and writes Turtle at ~33,000 triples/s; the streamed
writers here format each quad as it comes, so memory stays flat and a million-triple graph takes
seconds. IRIs must already be valid (the mapping percent-encodes everything it mints); literals
are escaped here per the N-Triples / Turtle grammars. Turtle groups consecutive triples of one
subject with `;`, which is all the grouping a streamed writer can do. TriG, JSON-LD (compacted
with ontology/context.jsonld) and RDF/XML go through rdflib. `write_rdf` picks the writer for a
format; side effects: the handle or file written.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

import networkx as nx

from kg.errors import KgError
from kg.namespaces import DEFAULT_BASE
from kg.resources import resource_dir
from kg.sinks.files import atomic_text
from kg.sinks.rdf import (
    PREFIXES,
    Lit,
    Quad,
    check_base,
    graph_to_dataset,
    graph_to_rdf,
    rdf_quads,
)

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_FLUSH_EVERY = 8192  # lines joined per handle.write: fewer, larger writes

# ECHAR escapes for the four characters the grammar forbids raw in a quoted literal, and
# \u escapes for the other control characters so no reader chokes on them.
_ESCAPES = {code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F)}
_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"})


def literal_nt(lit: Lit) -> str:
    """`"lexical"` or `"lexical"^^<datatype>` with N-Triples escapes."""
    text = '"' + lit.lexical.translate(_ESCAPES) + '"'
    return text + f"^^<{lit.datatype}>" if lit.datatype else text


def write_ntriples(quads: Iterable[Quad], handle: TextIO) -> int:
    """Write the triples of `quads` (graph slot ignored) as N-Triples; returns the count."""
    return _write_lines(
        (f"<{s}> <{p}> {f'<{o}>' if o.__class__ is str else literal_nt(o)} .\n"
         for s, p, o, _ in quads), handle)


def write_nquads(quads: Iterable[Quad], handle: TextIO) -> int:
    """Write `quads` as N-Quads (a None graph is the default graph); returns the count."""
    return _write_lines(
        (f"<{s}> <{p}> {f'<{o}>' if o.__class__ is str else literal_nt(o)}"
         f"{f' <{g}>' if g else ''} .\n" for s, p, o, g in quads), handle)


def _write_lines(lines: Iterable[str], handle: TextIO) -> int:
    count, buffer = 0, []
    for line in lines:
        buffer.append(line)
        if len(buffer) == _FLUSH_EVERY:
            handle.write("".join(buffer))
            count += len(buffer)
            buffer.clear()
    handle.write("".join(buffer))
    return count + len(buffer)


class _Names:
    """IRI -> Turtle term: a prefixed name for vocabulary terms, `<iri>` for everything else."""

    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = sorted(prefixes.items(), key=lambda item: -len(item[1]))
        self.known: dict[str, str] = {_RDF_TYPE: "a"}

    def __call__(self, iri: str) -> str:
        name = self.known.get(iri)
        if name is None:
            name = self._name(iri)
        return name

    def _name(self, iri: str) -> str:
        for prefix, namespace in self.prefixes:
            local = iri[len(namespace):]
            # Only plain local names: anything else would need PN_LOCAL escapes.
            if iri.startswith(namespace) and local.isascii() and local.isalnum() and local[0].isalpha():
                name = self.known[iri] = f"{prefix}:{local}"
                return name
        return f"<{iri}>"


def write_turtle(quads: Iterable[Quad], handle: TextIO, prefixes: dict[str, str]) -> int:
    """Write the triples of `quads` as Turtle with `prefixes`; returns the triple count."""
    names = _Names(prefixes)
    handle.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes.items()))
    datatype = {}
    previous, count, buffer = None, 0, []
    for s, p, o, _ in quads:
        if o.__class__ is str:
            obj = names(o)
        elif o.datatype:
            tag = datatype.get(o.datatype) or datatype.setdefault(o.datatype, names(o.datatype))
            obj = f'"{o.lexical.translate(_ESCAPES)}"^^{tag}'
        else:
            obj = f'"{o.lexical.translate(_ESCAPES)}"'
        if s == previous:
            buffer.append(f" ;\n    {names(p)} {obj}")
        else:
            buffer.append(f"{' .' if previous is not None else ''}\n\n<{s}> {names(p)} {obj}")
            previous = s
        count += 1
        if len(buffer) == _FLUSH_EVERY:
            handle.write("".join(buffer))
            buffer.clear()
    buffer.append(" .\n" if previous is not None else "")
    handle.write("".join(buffer))
    return count


def load_context() -> dict:
    """The JSON-LD context of ontology/context.jsonld (its `@context` object)."""
    path = resource_dir("ontology") / "context.jsonld"
    try:
        return json.loads(path.read_text(encoding="utf-8"))["@context"]
    except (OSError, ValueError, KeyError) as exc:
        raise KgError(f"{path}: cannot read the JSON-LD context: {exc}") from exc


def _rdflib_writer(fmt: str, named: bool = False) -> Callable:
    def write(graph: nx.MultiDiGraph, base: str, handle: TextIO) -> None:
        rdf = graph_to_dataset(graph, base) if named else graph_to_rdf(graph, base)
        options = {"context": load_context(), "auto_compact": True} if fmt == "json-ld" else {}
        handle.write(rdf.serialize(format=fmt, **options))
    return write


def _streamed_writer(name: str, named: bool = False) -> Callable:
    def write(graph: nx.MultiDiGraph, base: str, handle: TextIO) -> None:
        quads = rdf_quads(graph, base, named_graphs=named)
        if name == "turtle":
            write_turtle(quads, handle, PREFIXES)
        else:
            (write_nquads if named else write_ntriples)(quads, handle)
    return write


# Format name -> writer(graph, base, handle). N-Triples, N-Quads and Turtle are streamed
# (above); the others go through rdflib, which holds the whole graph in memory.
FORMATS: dict[str, Callable] = {
    "turtle": _streamed_writer("turtle"), "ntriples": _streamed_writer("ntriples"),
    "nquads": _streamed_writer("nquads", named=True), "trig": _rdflib_writer("trig", named=True),
    "jsonld": _rdflib_writer("json-ld"), "xml": _rdflib_writer("xml"),
}
FORMAT_ALIASES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "nq": "nquads",
                  "n-quads": "nquads", "json-ld": "jsonld", "rdfxml": "xml", "rdf": "xml"}
# The rdflib parser name of each format, for reading exports back.
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig",
                  "jsonld": "json-ld", "xml": "xml"}


def rdf_format(name: str) -> str:
    """The canonical format name for `name` or an alias; KgError listing the choices."""
    canonical = FORMAT_ALIASES.get(name.lower(), name.lower())
    if canonical not in FORMATS:
        raise KgError(f"unknown RDF format {name!r}; use one of: {', '.join(FORMATS)}")
    return canonical


def write_rdf(graph: nx.MultiDiGraph, path: Path, fmt: str = "turtle",
              base: str = DEFAULT_BASE) -> Path:
    """Write `graph` to `path` in `fmt` (see FORMATS) atomically; KgError naming the file."""
    writer, path = FORMATS[rdf_format(fmt)], Path(path)
    check_base(base)
    try:
        with atomic_text(path) as handle:
            writer(graph, base, handle)
    except (OSError, UnicodeEncodeError) as exc:
        raise KgError(f"{path}: cannot write RDF: {exc}") from exc
    return path
