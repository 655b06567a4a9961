"""The JSON file sink: graph -> networkx node-link JSON file, and the loader that reads it back.

Writes are atomic (a temporary file in the target directory, then `os.replace`), so a crash
leaves either the old file or the new one, never half of one. `atomic_text` and `write_atomic`
are shared by the other file writers.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import networkx as nx

from kg.errors import GraphError, KgError


@contextmanager
def atomic_text(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text handle on a temporary sibling of `path`, moved over it (after an fsync) only
    when the block ends without error; otherwise the temporary file is removed. OSError as raised."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes it 0600, which os.replace would keep: give it what open() would (0666 less
        # the umask), or the exports are unreadable to anyone else.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str) -> Path:
    """Write `text` as UTF-8 to `path` via a temporary sibling file and `os.replace`."""
    path = Path(path)
    try:
        with atomic_text(path) as handle:
            handle.write(text)
    except OSError as exc:
        raise KgError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    return path


def graph_to_json(graph: nx.MultiDiGraph) -> str:
    """Node-link JSON with edge keys, as `load_graph` reads it."""
    data = nx.node_link_data(graph, edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def load_graph(path: Path) -> nx.MultiDiGraph:
    """Read a graph written by `JsonSink`; GraphError naming the file if it cannot be."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GraphError(f"{path}: cannot read graph: {exc.strerror or exc}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise GraphError(f"{path}: not a graph JSON file: {exc}") from exc
    try:
        graph = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    except (KeyError, TypeError, AttributeError, nx.NetworkXError) as exc:
        raise GraphError(f"{path}: not node-link graph data (missing {exc})") from exc
    if not isinstance(graph, nx.MultiDiGraph):
        raise GraphError(f"{path}: expected a directed multigraph")
    return graph


class JsonSink:
    """Writes the graph to one node-link JSON file."""

    name = "json"

    def __init__(self, path: Path):
        self.path = Path(path)

    def write(self, graph: nx.MultiDiGraph) -> Path:
        return write_atomic(self.path, graph_to_json(graph))
