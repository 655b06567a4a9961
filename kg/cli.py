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


NeoUri = Annotated[str | None, typer.Option("--neo4j", envvar="NEO4J_URI", help="Bolt URI of a Neo4j server, e.g. bolt://localhost:7687 [env NEO4J_URI].")]
NeoUser = Annotated[str, typer.Option("--neo4j-user", envvar="NEO4J_USER", help="Neo4j user [env NEO4J_USER].")]
NeoPassword = Annotated[str, typer.Option("--neo4j-password", envvar="NEO4J_PASSWORD", show_default=False, help="Neo4j password; prefer the NEO4J_PASSWORD environment variable.")]
NeoDatabase = Annotated[str, typer.Option("--database", envvar="NEO4J_DATABASE", help="Neo4j database to write or read [env NEO4J_DATABASE].")]
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
    neo4j: NeoUri = None,
    neo4j_user: NeoUser = "neo4j",
    neo4j_password: NeoPassword = "",
    database: NeoDatabase = "neo4j",
):
    """Build the graph from INPUTS, write every export to OUT (adding to a graph already there), and with --neo4j load it into that server."""
    from kg import pipeline
    from kg.sinks.neo4j import verify

    with _errors():
        if neo4j:  # fail on a wrong URI or password before the extraction work, not after it
            verify(neo4j, neo4j_user, neo4j_password, database)
        with _progress("extracting") as progress:
            report = pipeline.build(inputs, out, fmt=fmt, on_error=on_error.value, fresh=fresh, progress=progress)
    _print_report(report)
    _print_problems(report.problems)
    if neo4j:
        _load_into_neo4j(out / pipeline.GRAPH_FILE, neo4j, neo4j_user, neo4j_password, database)


def _load_into_neo4j(graph_file: Path, uri: str | None, user: str, password: str, database: str,
                     batch_size: int = 5000) -> None:
    from kg.sinks.files import load_graph
    from kg.sinks.neo4j import connect, load

    with _errors():
        graph = load_graph(graph_file)
        with connect(_require_neo4j(uri), user, password) as driver:
            stats = load(driver, graph, database, batch_size)
    console.print(f"neo4j: {stats.nodes} nodes, {stats.relationships} relationships in {stats.seconds:.1f}s",
                  highlight=False, markup=False)


def _require_neo4j(uri: str | None) -> str:
    if not uri:
        raise KgError("no Neo4j server given: pass --neo4j bolt://HOST:7687 or set NEO4J_URI "
                      "(the embedded graph cannot run Cypher)")
    return uri


@app.command("load")
def load_(
    graph_file: Annotated[Path, typer.Argument(help="A graph.json written by `kg build`.")],
    neo4j: NeoUri = None,
    neo4j_user: NeoUser = "neo4j",
    neo4j_password: NeoPassword = "",
    database: NeoDatabase = "neo4j",
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Relationships per transaction.")] = 5000,
):
    """Load GRAPH_FILE into Neo4j: constraints first, then idempotent batches (safe to re-run)."""
    _load_into_neo4j(graph_file, neo4j, neo4j_user, neo4j_password, database, batch_size)


@app.command()
def query(
    text: Annotated[str, typer.Argument(help="A query name from cypher/queries, or Cypher text.")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE, repeatable.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Rows as JSON.")] = False,
    write: Annotated[bool, typer.Option("--write", help="Allow a query that writes.")] = False,
    neo4j: NeoUri = None,
    neo4j_user: NeoUser = "neo4j",
    neo4j_password: NeoPassword = "",
    database: NeoDatabase = "neo4j",
    graph_dir: Annotated[Path, typer.Option("--graph", help="Without --neo4j: answer a named query from this folder written by `kg build`.")] = Path("exports"),
):
    """Run a named library query or any Cypher on Neo4j (read-only unless --write); without --neo4j, answer a named query from the built graph."""
    from kg.query import named_query, parse_params, run_cypher
    from kg.sinks.neo4j import connect

    with _errors():
        is_cypher = any(c.isspace() for c in text.strip())
        cypher = text if is_cypher else named_query(text).text
        params = parse_params(param or [])
        if neo4j or is_cypher:
            with connect(_require_neo4j(neo4j), neo4j_user, neo4j_password) as driver:
                rows = run_cypher(driver, cypher, params, database, write=write)
        else:
            rows = _embedded_rows(graph_dir, text, params)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
        return
    table = Table(*(rows[0].keys() if rows else ["(no rows)"]))
    for row in rows:
        table.add_row(*(escape(str(value)) for value in row.values()))
    out_console.print(table)


def _embedded_rows(graph_dir: Path, name: str, params: dict) -> list[dict]:
    from kg.pipeline import GRAPH_FILE
    from kg.query import embedded_query
    from kg.sinks.files import load_graph

    return embedded_query(load_graph(_graph_file(graph_dir, GRAPH_FILE)), name, params)


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
    """Resolve names to canonical entity ids as the linker does; unknown names get the id they would be minted as."""
    from kg.catalog import Catalog
    from kg.link import resolve as resolve_name

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
def export(
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write (a folder for neo4j-admin).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="turtle, ntriples, nquads, trig (a named graph per paper), jsonld, xml, or neo4j-admin (CSVs for `neo4j-admin database import full`).")] = "turtle",
    graph_dir: Annotated[Path, typer.Option("--graph", help="Folder written by `kg build`, or its graph.json.")] = Path("exports"),
    base: Annotated[str | None, typer.Option("--base", help="IRI that kg's own node IRIs start with [default: https://w3id.org/kg/id/].")] = None,
    database: NeoDatabase = "neo4j",
):
    """Write the built graph as RDF in FORMAT to OUT, or as neo4j-admin import CSVs into folder OUT."""
    from kg.namespaces import DEFAULT_BASE
    from kg.pipeline import GRAPH_FILE
    from kg.rdf_export import rdf_format, write_rdf
    from kg.sinks.files import load_graph

    if fmt == "neo4j-admin":
        _export_neo4j_admin(graph_dir, out, database)
        return
    with _errors():
        fmt = rdf_format(fmt)
        path = write_rdf(load_graph(_graph_file(graph_dir, GRAPH_FILE)), out, fmt, base or DEFAULT_BASE)
    console.print(f"wrote {path} ({fmt})", highlight=False, markup=False)


def _export_neo4j_admin(graph_dir: Path, out: Path, database: str) -> None:
    from kg.pipeline import GRAPH_FILE
    from kg.sinks.files import load_graph
    from kg.sinks.neo4j_admin import write_csvs

    with _errors():
        files = write_csvs(load_graph(_graph_file(graph_dir, GRAPH_FILE)), out, database)
    console.print(f"wrote {len(files.nodes)} node and {len(files.relationships)} relationship CSV pairs to {out}; "
                  f"import with: cd {out} && neo4j-admin database import full @{files.args_file.name}",
                  highlight=False, markup=False, soft_wrap=True)


@app.command()
def validate(
    file: Annotated[Path, typer.Argument(help="An RDF file: .ttl, .nt, .nq, .trig, .jsonld or .rdf.")],
    shapes: Annotated[Path | None, typer.Option("--shapes", help="SHACL shapes to use instead of kg's ontology/shapes.ttl.")] = None,
    limit: Annotated[int, typer.Option("--max", min=1, help="Print at most this many violations.")] = 50,
):
    """Check FILE against kg's SHACL shapes; print one line per violation and exit 1 if any."""
    from kg.shacl import validate_file

    with _errors():
        triples, violations = validate_file(file, shapes)
    if not violations:
        console.print(f"{file}: {triples} triples conform to the shapes", highlight=False, markup=False)
        return
    for violation in violations[:limit]:
        out_console.print(str(violation), highlight=False, markup=False, soft_wrap=True)
    if len(violations) > limit:
        out_console.print(f"... and {len(violations) - limit} more violations", highlight=False)
    console.print(f"{file}: {len(violations)} violations of the shapes", highlight=False, markup=False)
    raise typer.Exit(1)


@app.command()
def viz(
    names: Annotated[list[str], typer.Argument(help="Entity names, aliases or ids to centre the view on.")],
    graph_dir: Annotated[Path, typer.Option("--graph", help="Folder written by `kg build`.")] = Path("exports"),
    hops: Annotated[int, typer.Option("--hops", min=0, max=5, help="How many steps out from the named entities.")] = 1,
    types: Annotated[str | None, typer.Option("--types", help="Node types to keep, e.g. model,dataset,benchmark,paper,author,organization (named entities always stay).")] = None,
    relations: Annotated[str | None, typer.Option("--relations", help="Relations to follow, e.g. evaluated_on,trained_on,based_on,introduces,mentions.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Only papers dated on or after YYYY[-MM[-DD]], and the edges they state; undated papers are left out.")] = None,
    max_nodes: Annotated[int, typer.Option("--max-nodes", min=1, help="Keep at most this many nodes: the most connected part around the named entities.")] = 2000,
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path("exports/viz.html"),
    neo4j: Annotated[str | None, typer.Option("--neo4j", help="Read the subgraph from this Neo4j URI (loaded by kg) instead of --graph.")] = None,
    neo4j_user: NeoUser = "neo4j",
    neo4j_password: NeoPassword = "",
    database: NeoDatabase = "neo4j",
):
    """Write one self-contained, offline HTML view of the graph around NAMES."""
    from kg import viz as kg_viz
    from kg.catalog import Catalog
    from kg.pipeline import GRAPH_FILE
    from kg.sinks.files import load_graph
    from kg.sinks.html import render_html

    with _errors():
        filters = dict(types=kg_viz.parse_types(types), relations=kg_viz.parse_relations(relations),
                       since=kg_viz.parse_since(since))
        catalog = Catalog.load()
        if neo4j:  # the same subgraph, read with one Cypher query; then rendered as usual
            from kg.sinks.neo4j import connect

            with connect(neo4j, neo4j_user, neo4j_password) as driver:
                g = kg_viz.read_neo4j(driver, names, hops, database, catalog)
        else:
            g = load_graph(_graph_file(graph_dir, GRAPH_FILE))
        centres = [kg_viz.resolve(g, name, catalog) for name in names]
        picked = kg_viz.select(g, centres, hops=hops, max_nodes=max_nodes, **filters)
        result = render_html(picked.graph, out, max_nodes=max_nodes, title="kg: " + ", ".join(names),
                             note=picked.note, context=g)
    console.print(f"wrote {out}: {result.nodes_shown} nodes, {result.edges_shown} edges", highlight=False, markup=False, soft_wrap=True)
    if picked.note:
        console.print(picked.note, highlight=False, markup=False, soft_wrap=True)


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

