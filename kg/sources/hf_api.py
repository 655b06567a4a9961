"""Reader for the Hugging Face Daily Papers API JSON (`/api/daily_papers`).

Input: a JSON list of items `{"paper": {"id", "title", "summary", "authors": [{"name"}],
"publishedAt", ...}, "title", "publishedAt", "organization", ...}`; a single such item, or
a bare paper object (no `paper` wrapper), is accepted too. Output: one `Paper` per item, or
an `InputError` for an item that cannot be used. Reads the file only.

The document is loaded whole (API pages are small) but decoded line by line, so a line
that is not UTF-8 costs only the item it is in. Items are decoded one at a time, which
gives each its line (`source.line` is the line of the item's opening brace) and lets the
items before a syntax error through. A syntax error ends the file: JSON cannot resume.
Titles and summaries arrive hard-wrapped and are unwrapped (`common.unwrap`). The paper id
is the arXiv id; a paper without one gets a title id (`common.paper_id`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.model import Paper, SourceRef
from kg.sources.common import arxiv_id, bad_record, iso_day, paper_id, read_lines, unwrap

_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\r\n"


def read(path: Path) -> Iterator[Paper | InputError]:
    """Stream the papers of an API JSON file, in document order."""
    file = str(path)
    lines = list(read_lines(path))
    text = "\n".join(line.text for line in lines)
    bad_lines = {line.number: line.error for line in lines if line.error}
    for item, first, last in _items(text, file):
        if isinstance(item, InputError):
            yield item
            return
        broken = [number for number in bad_lines if first <= number <= last]
        if broken:
            yield bad_record(file, broken[0], f"{bad_lines[broken[0]]}; item skipped")
        else:
            yield to_paper(item, file, first)


def _items(text: str, file: str) -> Iterator[tuple[object, int, int]]:
    """(item, first line, last line) for each item, or an InputError in place of the item."""
    pos = _skip(text, 0)
    if pos == len(text):
        return
    if text[pos] not in "[{":
        yield _not_a_listing(text, pos, file), 0, 0
        return
    if text[pos] == "{":
        yield from _decode_items(text, pos, file, single=True)
    else:
        yield from _decode_items(text, _skip(text, pos + 1), file, single=False)


def _decode_items(text: str, pos: int, file: str, single: bool) -> Iterator[tuple[object, int, int]]:
    """Decode the values of a list from `pos` (or one value if `single`) and check the commas."""
    line = text.count("\n", 0, pos) + 1
    if not single and text.startswith("]", pos):
        yield from _expect_end(text, pos + 1, file)
        return
    while True:
        try:
            item, end = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            yield _malformed(file, exc), 0, 0
            return
        last = line + text.count("\n", pos, end)
        yield item, line, last
        pos = _skip(text, end)
        if single or text.startswith("]", pos):
            yield from _expect_end(text, pos + (not single), file)
            return
        if not text.startswith(",", pos):
            yield _malformed(file, json.JSONDecodeError("Expecting ',' delimiter", text, pos)), 0, 0
            return
        following = _skip(text, pos + 1)
        line, pos = last + text.count("\n", end, following), following


def _expect_end(text: str, pos: int, file: str) -> Iterator[tuple[object, int, int]]:
    pos = _skip(text, pos)
    if pos < len(text):
        yield _malformed(file, json.JSONDecodeError("Extra data", text, pos)), 0, 0


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _WHITESPACE:
        pos += 1
    return pos


def _malformed(file: str, exc: json.JSONDecodeError) -> InputError:
    message = f"malformed JSON: {exc.msg} (column {exc.colno}); the rest of the file is not read"
    return bad_record(file, exc.lineno, message, exc)


def _not_a_listing(text: str, pos: int, file: str) -> InputError:
    try:
        kind = type(json.loads(text)).__name__
    except json.JSONDecodeError:
        kind = "text that is not JSON"
    kinds = {"str": "a string", "int": "a number", "float": "a number", "bool": "a boolean", "NoneType": "null"}
    message = f"expected a JSON list of papers or one paper object, got {kinds.get(kind, kind)}"
    return bad_record(file, text.count("\n", 0, pos) + 1, message)


def to_paper(item: object, file: str, line: int) -> Paper | InputError:
    """One API item (wrapped or bare paper object) as a Paper, or the reason it is unusable."""
    if not isinstance(item, dict):
        return bad_record(file, line, f"expected a JSON object for a paper, got {type(item).__name__}")
    paper = item.get("paper", item)
    if not isinstance(paper, dict):
        return bad_record(file, line, f"'paper' is not an object but {type(paper).__name__}")
    title = paper.get("title") or item.get("title")
    if not isinstance(title, str) or not title.strip():
        return bad_record(file, line, "paper has no title")
    summary = paper.get("summary") or item.get("summary") or ""
    if not isinstance(summary, str):
        return bad_record(file, line, f"'summary' is not a string but {type(summary).__name__}")
    arxiv = arxiv_id(paper.get("id"))
    return Paper(
        id=paper_id(arxiv, unwrap(title)),
        title=unwrap(title),
        abstract=unwrap(summary),
        authors=_author_names(paper.get("authors")),
        date=iso_day(paper.get("publishedAt")) or iso_day(item.get("publishedAt")),
        organization=_organization(item.get("organization") or paper.get("organization")),
        arxiv_id=arxiv,
        source=SourceRef(file, line),
    )


def _author_names(authors: object) -> tuple[str, ...]:
    """Names from `[{"name": ...}]` (strings accepted too); entries without a name are dropped."""
    if not isinstance(authors, list):
        return ()
    names = (author.get("name") if isinstance(author, dict) else author for author in authors)
    return tuple(" ".join(name.split()) for name in names if isinstance(name, str) and name.strip())


def _organization(value: object) -> str | None:
    """`{"name": "nvidia", "fullname": "NVIDIA"}` -> `NVIDIA`; a plain string is kept as is."""
    if isinstance(value, dict):
        value = value.get("fullname") or value.get("name")
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None
