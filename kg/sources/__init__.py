"""Input readers: a paper listing file -> `Iterator[Paper]`, one reader per format.

| format        | module          | what it is                                              |
|---------------|-----------------|---------------------------------------------------------|
| `hf-page`     | `hf_page`       | a Hugging Face Daily Papers page copied from a browser  |
| `hf-api`      | `hf_api`        | the Daily Papers API JSON (a list of items, or one)     |
| `arxiv-jsonl` | `arxiv_jsonl`   | the arXiv metadata snapshot, one JSON object per line   |

The format is detected from the content (`detect.detect_format`) unless one is forced.
Each reader yields `Paper`s and, for records it cannot use, `InputError`s; `read_papers`
applies the error policy in one place: `fail` raises the first, `skip` records it as a
`Problem` (file, line, message) and goes on. Errors about the file itself (missing, a
directory, unreadable, unknown format) always raise. An empty or blank file is an empty
listing: it yields no papers and is not an error. Reads files only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError, KgError
from kg.model import Paper
from kg.sources import arxiv_jsonl, hf_api, hf_page
from kg.sources.common import check_file, is_blank
from kg.sources.detect import FORMATS, check_format, detect_format

__all__ = ["FORMATS", "ON_ERROR", "Problem", "detect_format", "read_papers"]

ON_ERROR = ("fail", "skip")
_READERS: dict[str, Callable[[Path], Iterator[Paper | InputError]]] = {
    "hf-page": hf_page.read,
    "hf-api": hf_api.read,
    "arxiv-jsonl": arxiv_jsonl.read,
}
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Problem:
    """A record skipped under `on_error="skip"`: where it is and why it was unusable."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.message}"


def read_papers(
    path: Path,
    fmt: str | None = None,
    on_error: str = "fail",
    problems: list[Problem] | None = None,
) -> Iterator[Paper]:
    """The papers of `path`, streamed in file order.

    The file, the format and `on_error` are checked before this returns, so those errors
    raise here; record errors raise (or are recorded) while iterating. Under `skip`
    without a `problems` list, skipped records are logged as warnings instead.
    """
    if on_error not in ON_ERROR:
        raise KgError(f"on_error must be one of: {', '.join(ON_ERROR)} (got {on_error!r})")
    path = Path(path)
    check_file(path)
    if is_blank(path):
        return iter(())
    fmt = check_format(fmt, path) if fmt is not None else detect_format(path)
    return _apply_policy(_READERS[fmt](path), on_error, problems)


def _apply_policy(
    records: Iterator[Paper | InputError], on_error: str, problems: list[Problem] | None
) -> Iterator[Paper]:
    for record in records:
        if isinstance(record, Paper):
            yield record
        elif on_error == "fail":
            raise record
        else:
            problem = Problem(record.file, record.line, record.reason)
            if problems is None:
                _log.warning("skipped %s", problem)
            else:
                problems.append(problem)
