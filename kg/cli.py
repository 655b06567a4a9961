"""The `kg` command: a thin typer shell over kg.pipeline and friends.

Each command parses options, calls one library function, and prints; progress bars and tables
live here. Every KgError becomes a one-line `error: ...` on stderr and exit code 1.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from kg.errors import KgError

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Build a knowledge graph of ML papers, models, datasets and benchmarks.")
console = Console(stderr=True)
out_console = Console()


class OnError(StrEnum):
    fail = "fail"
    skip = "skip"


Inputs = Annotated[list[Path], typer.Argument(help="Paper listings: HF Daily Papers page text, HF API JSON, or arXiv JSONL.")]
# A plain string checked by the readers, so a wrong value is one line naming the file and the
# valid formats (a typer choice would be a multi-line usage box).
FormatOpt = Annotated[str | None, typer.Option("--format", "-f", help="Force the input format instead of detecting it: hf-page, hf-api or arxiv-jsonl.")]
OnErrorOpt = Annotated[OnError, typer.Option("--on-error", help="fail: stop at the first bad record; skip: count it and go on.")]


@contextmanager
def _errors():
    """Turn kg's typed errors into one line on stderr and a non-zero exit."""
    try:
        yield
    except KgError as exc:
        # Escaped: file names and JSON messages may hold [brackets] that rich would eat as markup.
        console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, markup=True, soft_wrap=True)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        console.print("interrupted")
        raise typer.Exit(130) from None


@contextmanager
def _progress(label: str):
    """A progress callback for the pipeline: a live bar on a terminal, nothing otherwise."""
    if not console.is_terminal:
        yield None
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda n, paper: bar.update(task, completed=n)


@app.command()
def build(
    inputs: Inputs,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (graph.json, graph.ttl, graph.html).")] = Path("exports"),
    fresh: Annotated[bool, typer.Option("--fresh", help="Start a new graph instead of adding to the one in OUT.")] = False,
    fmt: FormatOpt = None,
    on_error: OnErrorOpt = OnError.fail,
):
    """Build the graph from INPUTS and write every export to OUT (adds to a graph already there)."""
    from kg import pipeline

    with _errors(), _progress("extracting") as progress:
        report = pipeline.build(inputs, out, fmt=fmt, on_error=on_error.value, fresh=fresh, progress=progress)
    _print_report(report)
    _print_problems(report.problems)


@app.command()
def extract(
    inputs: Inputs,
    jsonl: Annotated[Path, typer.Option("--jsonl", help="Write one gold-format JSON object per paper here ('-' for stdout).")],
    fmt: FormatOpt = None,
    on_error: OnErrorOpt = OnError.fail,
):
    """Extract entities and relations per paper, in the annotation-guidelines format."""
    from kg import pipeline
    from kg.evaluate import to_record

    report = pipeline.Report()
    with _errors(), _progress("extracting") as progress, _open_out(jsonl) as fh:
        for extraction in pipeline.extract(inputs, fmt, on_error.value, report=report, progress=progress):
            fh.write(json.dumps(to_record(extraction), ensure_ascii=False) + "\n")
    console.print(f"{report.papers} papers, {sum(report.relations.values())} relations, {report.unlinked} mentions not in the catalog")
    _print_problems(report.problems)


@contextmanager
def _open_out(path: Path):
    if str(path) == "-":
        yield sys.stdout
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", encoding="utf-8") as fh:
        yield fh
    tmp.replace(path)


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold annotations (JSONL).")],
    pred: Annotated[Path, typer.Argument(help="Predictions from `kg extract` (JSONL).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
):
    """Precision/recall/F1 of PRED against GOLD: entities, typed entities, relations, linking."""
    from kg.evaluate import load_records, score

    with _errors():
        scores = score(load_records(gold), load_records(pred))
    if as_json:
        out_console.print_json(json.dumps(scores.as_dict()))
        return
    table = Table("measure", "P", "R", "F1")
    for label, (p, r, f) in (("entities", scores.entities), ("entities typed", scores.entities_typed), ("relations", scores.relations)):
        table.add_row(label, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}")
    out_console.print(f"papers {scores.papers} (missing in prediction: {scores.papers_missing})")
    out_console.print(table)
    lc = "n/a" if scores.linking_consistency is None else f"{scores.linking_consistency:.3f}"
    out_console.print(f"linking consistency {lc} over {scores.linking_groups} groups")


@app.command()
def resolve(
    names: Annotated[list[str], typer.Argument(help="Names to resolve, e.g. 'LLaMA-2 7B' 'meta-llama/Llama-2-7b-hf'.")],
    entity_type: Annotated[str | None, typer.Option("--type", help="model, dataset or benchmark, when known.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line: query, id, name, type, known.")] = False,
):
    """Resolve names to canonical entity ids, as the linker does; unknown names get the id they
    would be minted as."""
    from kg.catalog import Catalog
    from kg.link import resolve as resolve_name
    from kg.model import EntityType

    with _errors():
        kind = _entity_type(entity_type)
        catalog = Catalog.load()
        found = [resolve_name(name, catalog, kind) for name in names]
    if as_json:
        for r in found:
            typer.echo(json.dumps(r.as_dict(), ensure_ascii=False))
        return
    table = Table("query", "id", "name", "type", "known")
    for r in found:
        table.add_row(escape(r.query), escape(r.id), escape(r.name), r.type, "yes" if r.known else "no")
    out_console.print(table)


def _entity_type(value: str | None):
    from kg.errors import KgError
    from kg.model import EntityType

    if value is None:
        return None
    try:
        return EntityType(value.lower())
    except ValueError:
        choices = ", ".join(t.value for t in EntityType)
        raise KgError(f"unknown type {value!r}; valid types: {choices}") from None


@app.command()
def stats(out: Annotated[Path, typer.Argument(help="A folder written by `kg build`.")] = Path("exports")):
    """Counts of nodes by label and edges by type in a built graph."""
    from kg import graph as kg_graph
    from kg.pipeline import GRAPH_FILE
    from kg.sinks.files import load_graph

    with _errors():
        g = load_graph(_graph_file(out, GRAPH_FILE))
        s = kg_graph.stats(g)
    table = Table("kind", "name", "count")
    for label, n in sorted(s.nodes_by_label.items()):
        table.add_row("node", label, str(n))
    for edge, n in sorted(s.edges_by_type.items()):
        table.add_row("edge", edge, str(n))
    out_console.print(table)


def _graph_file(out: Path, name: str) -> Path:
    path = out / name if out.is_dir() else out
    if not path.exists():
        raise KgError(f"{path}: no graph here; run `kg build INPUT --out {out}` first")
    return path


@app.command()
def viz(
    names: Annotated[list[str], typer.Argument(help="Entity names or ids to centre the view on.")],
    graph_dir: Annotated[Path, typer.Option("--graph", help="Folder written by `kg build`.")] = Path("exports"),
    hops: Annotated[int, typer.Option("--hops", min=0, max=5, help="How many steps out from the named entities.")] = 1,
    max_nodes: Annotated[int, typer.Option("--max-nodes", min=1, help="Keep at most this many nodes (most connected first).")] = 2000,
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path("exports/viz.html"),
):
    """Write an interactive HTML view of the neighbourhood of NAMES."""
    from kg import graph as kg_graph
    from kg.pipeline import GRAPH_FILE
    from kg.sinks.files import load_graph
    from kg.sinks.html import render_html

    with _errors():
        g = load_graph(_graph_file(graph_dir, GRAPH_FILE))
        centers = [_resolve_node(g, name) for name in names]
        sub = kg_graph.neighbourhood(g, centers, hops=hops)
        result = render_html(sub, out, max_nodes=max_nodes, title=", ".join(names))
    console.print(f"wrote {out}: {result.nodes_shown} nodes" + (f" ({result.nodes_dropped} less connected left out)" if result.nodes_dropped else ""))


def _resolve_node(g, name: str) -> str:
    from kg import graph as kg_graph
    from kg.errors import NotFoundError

    found = kg_graph.find_nodes(g, name)
    if not found:
        close = kg_graph.closest_names(g, name)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise NotFoundError(f"no entity named {name!r} in the graph{hint}")
    return found[0]


def _print_report(report) -> None:
    table = Table("", "count", title="kg build")
    table.add_row("papers", str(report.papers) + (f" ({report.papers_replaced} replaced)" if report.papers_replaced else ""))
    for label in ("Model", "Dataset", "Benchmark"):
        table.add_row(f"entities: {label.lower()}", str(report.entities.get(label, 0)))
    for rel in ("introduces", "based_on", "trained_on", "evaluated_on"):
        table.add_row(f"relations: {rel}", str(report.relations.get(rel, 0)))
    table.add_row("mentions not in catalog", str(report.unlinked))
    table.add_row("records skipped", str(len(report.problems)))
    table.add_row("graph", f"{report.nodes} nodes, {report.edges} edges")
    out_console.print(table)
    for path in report.outputs.values():
        out_console.print(f"wrote {path}")


def _print_problems(problems) -> None:
    for p in problems[:20]:
        where = f"{p.file}:{p.line}" if p.line else p.file
        console.print(f"skipped {where}: {p.message}", highlight=False, markup=False, soft_wrap=True)
    if len(problems) > 20:
        console.print(f"... and {len(problems) - 20} more skipped records")

