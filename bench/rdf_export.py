"""RDF export benchmark: a synthetic kg graph -> N-Triples and Turtle files; prints triples/s.

Usage: python bench/rdf_export.py [--papers N] [--rdflib-papers N]. The default 7,000 papers
(kg/synthetic.py: heavy-tailed degrees, ~20 relationships a paper) map to just over 1,000,000
triples. Times the streamed writers of kg.rdf_export fed by the one mapping, kg.sinks.rdf.rdf_quads
(mapping + formatting + writing, as `kg export` does), and, for comparison, rdflib's own Turtle
serializer on a smaller graph. Side effect: files in a temporary folder, removed at the end.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from kg.rdf_export import write_rdf
from kg.sinks.rdf import graph_to_rdf
from kg.synthetic import synthetic_graph


def timed_write(graph, path: Path, fmt: str) -> tuple[int, float]:
    """(triples written, seconds) for one export, counted from the file's lines."""
    began = time.perf_counter()
    write_rdf(graph, path, fmt)
    seconds = time.perf_counter() - began
    with path.open(encoding="utf-8") as handle:
        lines = sum(1 for _ in handle)
    return lines, seconds


def rdflib_turtle(papers: int) -> tuple[int, float]:
    """(triples, seconds) for rdflib's Turtle serializer on a graph of `papers` papers."""
    rdf = graph_to_rdf(synthetic_graph(papers))
    began = time.perf_counter()
    rdf.serialize(format="turtle")
    return len(rdf), time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=7_000)
    parser.add_argument("--rdflib-papers", type=int, default=700,
                        help="papers for the rdflib Turtle comparison (0 to skip)")
    args = parser.parse_args()
    began = time.perf_counter()
    graph = synthetic_graph(args.papers)
    print(f"synthetic graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} "
          f"edges in {time.perf_counter() - began:.1f}s")
    with tempfile.TemporaryDirectory() as folder:
        triples, seconds = timed_write(graph, Path(folder) / "graph.nt", "ntriples")
        print(f"N-Triples (streamed): {triples:,} triples in {seconds:.2f}s = "
              f"{triples / seconds:,.0f} triples/s")
        path = Path(folder) / "graph.ttl"
        _, seconds = timed_write(graph, path, "turtle")
        print(f"Turtle (streamed):    {triples:,} triples in {seconds:.2f}s = "
              f"{triples / seconds:,.0f} triples/s ({path.stat().st_size / 2**20:,.0f} MiB)")
    if args.rdflib_papers:
        count, seconds = rdflib_turtle(args.rdflib_papers)
        print(f"Turtle (rdflib):      {count:,} triples in {seconds:.2f}s = "
              f"{count / seconds:,.0f} triples/s")


if __name__ == "__main__":
    main()
