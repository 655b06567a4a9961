"""Reader for the arXiv metadata snapshot (the Kaggle `arxiv-metadata-oai-snapshot.json`).

Input: JSON Lines, one object per line with `id`, `title`, `abstract`, `authors`
("A, B and C"), `authors_parsed` ([last, first, suffix, ...]), `versions`
([{"version": "v1", "created": "Mon, 2 Apr 2007 19:18:42 GMT"}]), `update_date`, ...
Output: one `Paper` per line, or an `InputError` for a line that cannot be used. Reads the
file line by line, so a multi-gigabyte dump streams in constant memory.

Title and abstract are unwrapped (`common.unwrap`). Authors come from `authors_parsed`
when present ("first last suffix"), else from splitting `authors` at commas and "and".
The date is the first version's creation day, else `update_date`. Blank lines are skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.model import Paper, SourceRef
from kg.sources.common import Line, arxiv_id, bad_record, iso_day, paper_id, read_lines, rfc2822_day, unwrap

_AUTHOR_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def read(path: Path) -> Iterator[Paper | InputError]:
    """Stream the papers of an arXiv JSONL file, one line in memory at a time."""
    file = str(path)
    for line in read_lines(path):
        if line.text.strip():
            yield _line_to_paper(line, file)


def _line_to_paper(line: Line, file: str) -> Paper | InputError:
    if line.error:
        return bad_record(file, line.number, line.error)
    try:
        record = json.loads(line.text)
    except json.JSONDecodeError as exc:
        return bad_record(file, line.number, f"malformed JSON: {exc.msg} (column {exc.colno})", exc)
    if not isinstance(record, dict):
        return bad_record(file, line.number, f"expected a JSON object, got {type(record).__name__}")
    return to_paper(record, file, line.number)


def to_paper(record: dict, file: str, line: int) -> Paper | InputError:
    """One snapshot record as a Paper, or the reason it is unusable."""
    title, abstract = record.get("title"), record.get("abstract") or ""
    if not isinstance(title, str) or not title.strip():
        return bad_record(file, line, "record has no title")
    if not isinstance(abstract, str):
        return bad_record(file, line, f"'abstract' is not a string but {type(abstract).__name__}")
    arxiv = arxiv_id(record.get("id"))
    return Paper(
        id=paper_id(arxiv, unwrap(title)),
        title=unwrap(title),
        abstract=unwrap(abstract),
        authors=_authors(record),
        date=_first_version_day(record.get("versions")) or iso_day(record.get("update_date")),
        arxiv_id=arxiv,
        source=SourceRef(file, line),
    )


def _authors(record: dict) -> tuple[str, ...]:
    parsed = record.get("authors_parsed")
    if isinstance(parsed, list) and parsed:
        names = (_parsed_name(entry) for entry in parsed)
    elif isinstance(record.get("authors"), str):
        names = _AUTHOR_SEPARATOR.split(unwrap(record["authors"]))
    else:
        return ()
    return tuple(name for name in names if name)


def _parsed_name(entry: object) -> str:
    """`["Wu", "Hanlin", ""]` -> `Hanlin Wu`; a fourth element (an affiliation) is not a name."""
    if not isinstance(entry, list):
        return ""
    last, first, suffix = ([*entry, "", "", ""])[:3]
    parts = (part for part in (first, last, suffix) if isinstance(part, str))
    return " ".join(" ".join(parts).split())


def _first_version_day(versions: object) -> str | None:
    if isinstance(versions, list) and versions and isinstance(versions[0], dict):
        return rfc2822_day(versions[0].get("created"))
    return None
