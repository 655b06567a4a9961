"""Sinks: a built graph -> files (JSON, RDF, HTML). One protocol, one plain registry.

A sink gets its output path (or, later, a borrowed driver) in `__init__` and does no I/O
until `write`. `SINKS` maps the names the CLI accepts to sink classes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

import networkx as nx

from kg.sinks.files import JsonSink, load_graph
from kg.sinks.html import HtmlSink, render_html
from kg.sinks.rdf import RdfSink, graph_to_rdf


@runtime_checkable
class Sink(Protocol):
    """Something that writes a graph somewhere; returns the file written, if any."""

    name: str

    def write(self, graph: nx.MultiDiGraph) -> Path | None: ...


SINKS: dict[str, type] = {"json": JsonSink, "turtle": RdfSink, "html": HtmlSink}

__all__ = ["SINKS", "HtmlSink", "JsonSink", "RdfSink", "Sink", "graph_to_rdf", "load_graph",
           "render_html"]
