"""The pipeline: the only module that knows the order of the stages.

sources -> recognize (spaCy) -> link -> relations -> graph -> sinks. `Extractor` holds what is
built once (catalog, spaCy pipeline); `build` reads inputs, merges into the graph already in the
output folder (unless fresh) and writes every export; `extract` yields per-paper extractions.
Progress is reported through an optional callback, so the library never prints.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg import graph as kg_graph
from kg.catalog import Catalog
from kg.link import families, link
from kg.model import Entity, Evidence, Extraction, Mention, Paper, Relation, RelationType
from kg.recognize import make_doc, make_nlp
from kg.relations import extract_relations, typed_by_role
from kg.sinks import SINKS
from kg.sinks.files import load_graph
from kg.sources import Problem, read_papers

Progress = Callable[[int, Paper], None]
GRAPH_FILE = "graph.json"
OUTPUT_FILES = {"json": GRAPH_FILE, "turtle": "graph.ttl", "html": "graph.html"}


class Extractor:
    """Catalog + spaCy pipeline, built once; `extract(paper)` runs recognize, link, relations."""

    def __init__(self, catalog: Catalog | None = None):
        self.catalog = catalog if catalog is not None else Catalog.load()
        self.nlp = make_nlp(self.catalog)

    def extract(self, paper: Paper) -> Extraction:
        return self._extract(paper, self.nlp(make_doc(self.nlp, paper.text)))

    def extract_many(self, papers: Iterable[Paper], batch_size: int = 64) -> Iterator[Extraction]:
        failures: list[Exception] = []
        # spaCy reads up to a batch ahead; an input error is raised only after the papers read
        # before it are extracted, as it would be one paper at a time.
        papers_a, papers_b = itertools.tee(_until_error(papers, failures), 2)  # read by spaCy and by us
        docs = self.nlp.pipe((make_doc(self.nlp, p.text) for p in papers_a), batch_size=batch_size)
        for paper, doc in zip(papers_b, docs):
            yield self._extract(paper, doc)
        if failures:
            raise failures[0]

    def _extract(self, paper: Paper, doc) -> Extraction:
        linked = link(doc, self.catalog)
        relations = extract_relations(paper, doc, linked.mentions, linked.entities)
        entities, relations = typed_by_role(linked.entities, relations)
        pairs = families(entities, self.catalog)
        relations += [_variant_of(paper, variant, family) for variant, family in pairs]
        context = tuple({family.id: family for _, family in pairs}.values())
        return Extraction(paper, entities, _retyped(linked.mentions, entities), tuple(relations), linked.unlinked, context)


def _retyped(mentions: tuple[Mention, ...], entities: tuple[Entity, ...]) -> tuple[Mention, ...]:
    """Mentions typed as the entity they name, after `typed_by_role`."""
    types = {e.id: e.type for e in entities}
    return tuple(m if types.get(m.entity_id, m.type) is m.type else replace(m, type=types[m.entity_id]) for m in mentions)


def _until_error(papers: Iterable[Paper], failures: list[Exception]) -> Iterator[Paper]:
    """The papers up to the first error reading them; the error goes to `failures`."""
    try:
        yield from papers
    except Exception as exc:  # not swallowed: extract_many raises it, in order
        failures.append(exc)


def _variant_of(paper: Paper, variant: Entity, family: Entity) -> Relation:
    """A catalog fact carried into the graph; its evidence names the catalog, not a sentence."""
    evidence = Evidence(paper.id, f"catalog: {variant.name} is a variant of {family.name}")
    return Relation(RelationType.VARIANT_OF, variant.id, family.id, evidence)


@dataclass
class Report:
    """What a run did: counts for the summary table, and every skipped record with its place."""

    papers: int = 0
    papers_replaced: int = 0
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    unlinked: int = 0
    problems: list[Problem] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    nodes: int = 0
    edges: int = 0


def read_all(inputs: Iterable[Path], fmt: str | None, on_error: str, problems: list[Problem]) -> Iterator[Paper]:
    """The papers of every input in order. Every file and its format are checked here, before
    the first paper is read, so a missing third input fails at once, not after two listings."""
    streams = [read_papers(Path(path), fmt=fmt, on_error=on_error, problems=problems) for path in inputs]
    return itertools.chain.from_iterable(streams)


def extract(inputs: Iterable[Path], fmt: str | None = None, on_error: str = "fail",
            extractor: Extractor | None = None, report: Report | None = None,
            progress: Progress | None = None) -> Iterator[Extraction]:
    """Per-paper extractions of every input, in input order."""
    report = report if report is not None else Report()
    # Inputs first: a bad file should not wait for the catalog to load.
    papers = read_all(inputs, fmt, on_error, report.problems)
    extractor = extractor or Extractor()
    for n, extraction in enumerate(extractor.extract_many(papers), 1):
        _count(report, extraction)
        if progress:
            progress(n, extraction.paper)
        yield extraction


def _count(report: Report, extraction: Extraction) -> None:
    report.papers += 1
    report.unlinked += len(extraction.unlinked)
    report.relations.update(r.type.value for r in extraction.relations)


def build(inputs: Iterable[Path], out: Path, fmt: str | None = None, on_error: str = "fail",
          fresh: bool = False, extractor: Extractor | None = None,
          progress: Progress | None = None, sinks: Iterable[str] = ("json", "turtle", "html")) -> Report:
    """Extract every input, merge into the graph in `out` (unless `fresh`), write all exports."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    existing = out / GRAPH_FILE
    graph = load_graph(existing) if existing.exists() and not fresh else kg_graph.new_graph()
    report = Report()
    index = kg_graph.PaperEdges(graph)  # the loaded papers' edges, for replacing them
    for extraction in extract(inputs, fmt, on_error, extractor, report, progress):
        if f"paper:{extraction.paper.id}" in graph:
            report.papers_replaced += 1
        kg_graph.add_extraction(graph, extraction, index)
    _summarise(report, graph)
    for name in sinks:
        sink = SINKS[name](out / OUTPUT_FILES[name])
        report.outputs[name] = sink.write(graph)
    return report


def _summarise(report: Report, graph) -> None:
    stats = kg_graph.stats(graph)
    report.entities = Counter({k: v for k, v in stats.nodes_by_label.items() if k in ("Model", "Dataset", "Benchmark")})
    report.nodes = graph.number_of_nodes()
    report.edges = graph.number_of_edges()
