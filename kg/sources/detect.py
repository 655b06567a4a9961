"""Input format detection by content, never by file extension.

Input: a path. Output: one of `FORMATS`, or FormatError naming the file and the choices.
Reads at most the first 64 KiB of the file.

Rules, on the first non-blank characters: `[` then `{` or `]` is the API JSON list; `{`
opening a one-line object with `abstract` is arXiv JSONL, with `paper` or `summary` the API
JSON; a `{` whose first line is not a whole object is a pretty-printed API object; other
text is a Daily Papers page if it has the page's shape (`hf_page.looks_like_page`).
NUL bytes, or more than 10% undecodable or control characters, mean binary: unknown.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from kg.errors import FormatError
from kg.sources.common import Line, check_file, read_errors
from kg.sources.hf_page import looks_like_page

FORMATS = ("hf-page", "hf-api", "arxiv-jsonl")
_SNIFF_BYTES = 64 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def detect_format(path: Path) -> str:
    """The format of `path` ("hf-page", "hf-api" or "arxiv-jsonl"), judged by its content."""
    check_file(path)
    head = _sniff(path)
    if not head.strip():
        raise FormatError(str(path), f"is empty, so its format cannot be detected; {_choices()}")
    if _is_binary(head):
        raise FormatError(str(path), f"unknown input format (binary data, not text); {_choices()}")
    fmt = _json_format(head) or _page_format(head)
    if fmt is None:
        raise FormatError(str(path), f"unknown input format (starts with {head.strip()[:30]!r}); {_choices()}")
    return fmt


def check_format(fmt: str, path: Path) -> str:
    """`fmt` itself if it is one of FORMATS, else FormatError listing them."""
    if fmt not in FORMATS:
        raise FormatError(str(path), f"unknown format {fmt!r}; {_choices()}")
    return fmt


def _choices() -> str:
    return "valid formats: " + ", ".join(FORMATS)


def _sniff(path: Path) -> str:
    with read_errors(path), path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if b"\x00" in head:
        return "\x00"  # binary: no text format has NUL bytes
    return head.decode("utf-8", errors="replace").removeprefix("\ufeff")


def _is_binary(head: str) -> bool:
    return len(_CONTROL.findall(head)) > 0.1 * len(head)


def _json_format(head: str) -> str | None:
    text = head.lstrip()
    if text.startswith("["):
        return "hf-api" if text[1:].lstrip()[:1] in ("{", "]") else None
    if not text.startswith("{"):
        return None
    first_line = text.split("\n", 1)[0]
    try:
        record = json.loads(first_line)
    except json.JSONDecodeError:
        # A line longer than the sniffed head, or an object spread over lines (pretty-printed API).
        return "arxiv-jsonl" if re.search(r'"abstract"\s*:', first_line) else "hf-api"
    if not isinstance(record, dict):
        return None
    if "abstract" in record:
        return "arxiv-jsonl"
    if "paper" in record or "summary" in record:
        return "hf-api"
    # Several one-line objects are JSON Lines; the arXiv reader will name what is missing.
    return "arxiv-jsonl" if "\n{" in text.rstrip() else "hf-api"


def _page_format(head: str) -> str | None:
    lines = [Line(number, text) for number, text in enumerate(head.split("\n"), start=1)]
    return "hf-page" if looks_like_page(lines) else None
