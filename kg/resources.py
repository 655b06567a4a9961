"""Locate files shipped with kg (ontology/, cypher/, data/) installed or in a checkout."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg.errors import NotFoundError

_CHECKOUT = Path(__file__).resolve().parent.parent


def resource_dir(package: str) -> Path:
    """Directory of `ontology`, `cypher`, `data` or `examples`, installed or from the checkout."""
    try:
        path = Path(str(resources.files(f"kg.{package}")))
        if path.is_dir():
            return path
    except ModuleNotFoundError:
        pass
    for candidate in (_CHECKOUT / package, _CHECKOUT / "kg" / package):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg resource folder {package!r} not found")


@dataclass(frozen=True, slots=True)
class QueryFile:
    """One query of a shipped library: its file stem, header comment and full text."""

    name: str
    description: str
    text: str


def query_library(package: str, suffix: str, comment: str) -> dict[str, QueryFile]:
    """Every `<package>/queries/*<suffix>` by file stem; the description is its comment lines."""
    queries = {}
    for path in sorted((resource_dir(package) / "queries").glob(f"*{suffix}")):
        text = path.read_text(encoding="utf-8")
        header = [line[len(comment):].strip() for line in text.splitlines() if line.startswith(comment)]
        queries[path.stem] = QueryFile(path.stem, "\n".join(header), text)
    return queries


def pick_query(queries: dict[str, QueryFile], name: str, kind: str) -> QueryFile:
    """The query called `name`, or NotFoundError with the closest names."""
    if name not in queries:
        close = difflib.get_close_matches(name, list(queries), n=3) or sorted(queries)
        raise NotFoundError(f"no {kind} query named {name!r}; try one of: {', '.join(close)}")
    return queries[name]
