"""What every reader shares: checked file access, line-by-line decoding, text clean-up, ids.

Input: a path. Output: numbered, decoded lines (a line that is not UTF-8 comes back
decoded with U+FFFD and an error message, so a reader can skip only that record), plus
small pure helpers (unwrap hard-wrapped text, arXiv ids, ISO dates). Reads files only.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path

from kg.errors import InputError
from kg.names import slug

# New-style (2501.01234, optional version) and old-style (hep-th/9901001, math.GT/0309136) ids.
_ARXIV_ID = re.compile(r"^(\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Za-z]{2})?/\d{7})(?:v\d+)?$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_TITLE_ID_LENGTH = 80
_BLANK_PROBE = 64 * 1024


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line of a file: 1-based number, text without the line break, decode error."""

    number: int
    text: str
    error: str | None = None


def check_file(path: Path) -> None:
    """Raise InputError unless `path` is an existing, readable regular file."""
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), "is a directory, expected a file")
    if not os.access(path, os.R_OK):
        raise InputError(str(path), "permission denied")


@contextmanager
def read_errors(path: Path) -> Iterator[None]:
    """An OS error while reading (I/O error, a device, permissions) as a one-line InputError."""
    try:
        yield
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc


def is_blank(path: Path) -> bool:
    """True for an empty file or one holding only whitespace (looked at up to 64 KiB)."""
    with read_errors(path), path.open("rb") as handle:
        head = handle.read(_BLANK_PROBE + 1)
    return len(head) <= _BLANK_PROBE and not head.strip()


def read_lines(path: Path) -> Iterator[Line]:
    """Stream the file's lines; one line in memory at a time, whatever the file's size."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(str(path), f"cannot open: {exc.strerror or exc}") from exc
    with handle, read_errors(path):
        for number, raw in enumerate(handle, start=1):
            yield _decode(number, raw.rstrip(b"\r\n"))


def _decode(number: int, raw: bytes) -> Line:
    """Decode one line strictly; on failure keep a replaced text and say where it broke."""
    if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark, as Windows editors write it
    try:
        return Line(number, raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        message = f"invalid UTF-8: byte 0x{raw[exc.start]:02x} at byte {exc.start + 1} of the line"
        return Line(number, raw.decode("utf-8", errors="replace"), message)


def unwrap(text: str) -> str:
    """Join hard-wrapped lines with single spaces; keep blank-line paragraph breaks as `\\n\\n`."""
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n[ \t]*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def arxiv_id(value: object) -> str | None:
    """The arXiv id without its version suffix, or None when `value` is not an arXiv id."""
    if not isinstance(value, str):
        return None
    match = _ARXIV_ID.match(value.strip())
    return match.group(1) if match else None


def paper_id(arxiv: str | None, title: str) -> str:
    """`Paper.id`: the arXiv id when known, else `t-` and the title's slug cut at a word end."""
    if arxiv:
        return arxiv
    words = slug(title)
    if len(words) > _TITLE_ID_LENGTH:
        words = words[:_TITLE_ID_LENGTH].rsplit("-", 1)[0]
    return f"t-{words}"


def iso_day(value: object) -> str | None:
    """`2025-01-02T08:00:00.000Z` or `2025-01-02` -> `2025-01-02`; None if not a valid date."""
    if not isinstance(value, str):
        return None
    match = _ISO_DAY.match(value.strip())
    if not match:
        return None
    return checked_date(*(int(part) for part in match.groups()))


def rfc2822_day(value: object) -> str | None:
    """`Mon, 2 Apr 2007 19:18:42 GMT` (arXiv `versions[].created`) -> `2007-04-02`."""
    if not isinstance(value, str):
        return None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return None


def checked_date(year: int, month: int, day: int) -> str | None:
    """ISO `YYYY-MM-DD` of a real calendar day, None for impossible ones like Feb 30."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def bad_record(file: str, line: int | None, message: str, cause: BaseException | None = None) -> InputError:
    """An InputError describing one bad record; readers yield it, the policy decides to raise."""
    error = InputError(file, message, line)
    error.__cause__ = cause
    return error
