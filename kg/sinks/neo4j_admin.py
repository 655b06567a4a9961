"""The bulk path: a built graph (networkx MultiDiGraph) -> CSV files for
`neo4j-admin database import full`, the fastest way to fill an empty database.

Side effects: writes into `out` only — one header and one data file per node label
(`nodes-Model.header.csv`, `nodes-Model.csv`) and per relationship type, and `import.args`, the
tool's arguments (paths relative to `out`), so that `cd out && neo4j-admin database import full
@import.args neo4j` imports them. The properties are exactly those the Bolt loader writes
(kg.sinks.neo4j.node_props / edge_props), so both paths give the same database; run
`kg load` (or apply cypher/schema.cypher) on the imported database to add the constraints
and indexes, which the import tool does not create.

CSV: RFC 4180 quoting (every value quoted, `"` doubled, newlines kept inside quotes, and then
`--multiline-fields=true`; a missing property is an unquoted empty field, `""` the empty string), arrays split on U+001F (a control character no name contains;
a value that holds one is refused), one global id space (kg ids are unique across labels).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import GraphError
from kg.sinks.neo4j import (
    ENTITY_LABELS,
    edge_props,
    edges_by_paper,
    node_labels,
    node_props,
)

ARRAY_DELIMITER = "\x1f"
ARGS_FILE = "import.args"
# The tool's own CSV options, written into import.args with the file lists.
# Defaults kept: `,` between fields, `"` quotes (an @-file cannot carry a bare `"`).
TOOL_OPTIONS = ("--array-delimiter=U+001F",
                "--legacy-style-quoting=false", "--ignore-empty-strings=false",
                "--id-type=string", "--overwrite-destination=true")


@dataclass
class ImportFiles:
    """What `write_csvs` wrote: (header, data) pairs by node label and by relationship type."""

    directory: Path
    nodes: dict[str, tuple[Path, Path]] = field(default_factory=dict)
    relationships: dict[str, tuple[Path, Path]] = field(default_factory=dict)
    args_file: Path | None = None
    # Only when some value holds a line break: multi-line parsing stops the tool from
    # splitting files into chunks for its threads (an import then takes 1.6x as long).
    multiline: bool = False

    def args(self, database: str = "neo4j") -> list[str]:
        """Arguments for `neo4j-admin database import full`, paths relative to `directory`."""
        files = [f"--nodes={header.name},{data.name}" for header, data in self.nodes.values()]
        files += [f"--relationships={header.name},{data.name}"
                  for header, data in self.relationships.values()]
        # The database before the files: --nodes/--relationships take every word after them.
        multiline = f"--multiline-fields={'true' if self.multiline else 'false'}"
        return [*TOOL_OPTIONS, multiline, database, *files]


def write_csvs(graph: nx.MultiDiGraph, out: Path, database: str = "neo4j") -> ImportFiles:
    """Write header and data CSVs for every label and relationship type, and import.args."""
    out.mkdir(parents=True, exist_ok=True)
    files = ImportFiles(out)
    labels = node_labels(graph)
    nodes: dict[str, list[dict]] = defaultdict(list)
    for node, attrs in graph.nodes(data=True):
        nodes[labels[node].value].append({"id": node, **node_props(attrs)})
    for label, rows in sorted(nodes.items()):
        extra = [label, "Entity"] if labels[rows[0]["id"]] in ENTITY_LABELS else [label]
        files.nodes[label] = _write(files, f"nodes-{label}", ["id:ID"], rows,
                                    lambda row, labels_=extra: [row["id"], _array(labels_)],
                                    [":LABEL"], skip={"id"})
    edges: dict[str, list[dict]] = defaultdict(list)
    for paper, group in sorted(edges_by_paper(graph).items()):
        for source, target, key, attrs in group:
            edges[attrs["type"]].append({":s": source, ":t": target, **edge_props(key, attrs)})
    for edge_type, rows in sorted(edges.items()):
        files.relationships[edge_type] = _write(
            files, f"relationships-{edge_type}", [":START_ID", ":END_ID"], rows,
            lambda row, t=edge_type: [row[":s"], row[":t"], t], [":TYPE"], skip={":s", ":t"})
    files.args_file = out / ARGS_FILE
    files.args_file.write_text("\n".join(_argfile_quote(arg) for arg in files.args(database))
                               + "\n", encoding="utf-8")
    return files


def _write(files: ImportFiles, stem: str, leading: list[str], rows: list[dict], fixed,
           fixed_names, skip: set[str]) -> tuple[Path, Path]:
    """One header file and one data file; `fixed(row)` gives the leading columns' values."""
    columns = sorted({name for row in rows for name in row} - skip)
    types = {name: column_type(name, [row[name] for row in rows if row.get(name) is not None])
             for name in columns}
    header, data = files.directory / f"{stem}.header.csv", files.directory / f"{stem}.csv"
    header.write_text(_line([*leading, *fixed_names, *(f"{name}:{types[name]}" for name in columns)]),
                      encoding="utf-8")
    with data.open("w", encoding="utf-8", newline="") as handle:
        for row in rows:
            line = _line([*fixed(row), *(_cell(row.get(name), types[name], name)
                                         for name in columns)])
            if not files.multiline and ("\n" in line[:-1] or "\r" in line):
                files.multiline = True
            handle.write(line)
    return header, data


def _line(values: list[str | None]) -> str:
    """One CSV record: strings quoted with `"` doubled, None an unquoted empty field.

    (Python's csv module quotes None as `""` under QUOTE_ALL, which the tool reads as ''.)
    """
    return ",".join("" if value is None else '"' + value.replace('"', '""') + '"'
                    for value in values) + "\n"


def column_type(name: str, values: list[Any]) -> str:
    """The import type of a column from its values: long, double, boolean, string[] or string."""
    kinds = {type(value) for value in values}
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "long"
    if kinds and kinds <= {int, float}:
        return "double"
    if kinds == {list}:
        return "string[]"
    if kinds <= {str}:
        return "string"
    # The Bolt loader would store each value with its own type; CSV columns have one.
    raise GraphError(f"property {name!r} mixes {', '.join(sorted(k.__name__ for k in kinds))} "
                     "values; the neo4j-admin CSVs need one type a column")


def _cell(value: Any, kind: str, name: str) -> str | None:
    if value is None:
        return None  # no property, as a missing attribute is over Bolt
    if kind == "string[]":
        return _array(value, name)
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    return str(value)


def _array(values: list[str], name: str = ":LABEL") -> str:
    for value in values:
        if ARRAY_DELIMITER in value:
            raise GraphError(f"property {name!r}: {value!r} holds U+001F, the array delimiter of "
                             "the neo4j-admin CSVs")
    return ARRAY_DELIMITER.join(values)


def _argfile_quote(arg: str) -> str:
    # picocli @-files split on whitespace; quote arguments that hold any.
    return f'"{arg}"' if any(char.isspace() for char in arg) else arg
