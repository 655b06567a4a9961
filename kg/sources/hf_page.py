"""Reader for a Hugging Face Daily Papers page as a user copies it from the browser.

Input: the text of the page. Output: one `Paper` per card, or an `InputError` for a card
that cannot be used (the caller's `on_error` policy decides). Reads the file only.

The text is cut into blocks at blank lines. A paper starts at a *title*: a one-line block
of at most 300 characters, not ending in `.`, `,`, `;` or `:`, followed by a paragraph of at
least 200 characters that is longer than the title. Every following text block belongs to
the abstract (paragraphs kept, joined by a blank line) until a *meta* block: the lines
`  • 10 authors` or an organisation line (`nvidia NVIDIA`), `·`, and a date with an optional
upvote count (`Jan 31, 2024 1`). Some cards have no meta block; the next title ends them.
Text before the first title is page chrome and ignored, as are short stray lines; a long
paragraph with no title before it is reported, since it is probably a paper whose title
was lost. Dates become ISO `YYYY-MM-DD`; the page writes dates of the current year without
one (`Feb 16`), and as the year of copying is unknown those dates are left as None. The
organisation is the display name (`NVIDIA`), without the handle before it. The card shows
an author count, not names, so `authors` stays empty. `source.line` is the title's line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.model import Paper, SourceRef
from kg.sources.common import Line, bad_record, checked_date, paper_id, read_lines

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DATE = re.compile(
    r"^(?P<month>[A-Za-z]{3})[a-z]*\.? (?P<day>\d{1,2})(?:, (?P<year>\d{4}))?(?: (?P<votes>\d+))?$"
)
_AUTHORS = re.compile(r"^(?:[•·]\s*)?\d+\s+authors?$")
_SEPARATOR = "·"
# Page chrome that can sit right before a long text block and must never be taken as a title.
_CHROME = {
    "new",
    "get trending papers in your email inbox!",
    "subscribe",
    "daily papers",
    "byak and the research community",
    "load more",
}
_MAX_TITLE = 300
_MIN_ABSTRACT = 200
_NO_TITLE_ENDINGS = (".", ",", ";", ":")


@dataclass
class _Block:
    """Consecutive non-blank lines; `errors` holds (line, message) of lines that were not UTF-8."""

    line: int
    lines: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        # Lines inside one block are a hard-wrapped paragraph.
        return " ".join(self.lines)


@dataclass
class _Draft:
    """A paper being assembled from its title block onwards."""

    title: _Block
    paragraphs: list[_Block] = field(default_factory=list)
    meta: list[_Block] = field(default_factory=list)

    def finish(self, file: str) -> Paper | InputError:
        blocks = [self.title, *self.paragraphs, *self.meta]
        errors = [error for block in blocks for error in block.errors]
        if errors:
            line, message = errors[0]
            return bad_record(file, line, f"{message}; paper {self.title.text[:60]!r} skipped")
        organization, day = _parse_meta(self.meta)
        return Paper(
            id=paper_id(None, self.title.text),
            title=self.title.text,
            abstract="\n\n".join(block.text for block in self.paragraphs),
            date=day,
            organization=organization,
            source=SourceRef(file, self.title.line),
        )


def read(path: Path) -> Iterator[Paper | InputError]:
    """Stream the papers of a copied Daily Papers page (see the module docstring for the rules)."""
    return parse(read_lines(path), str(path))


def parse(lines: Iterable[Line], file: str) -> Iterator[Paper | InputError]:
    """Papers (and bad cards) from decoded lines, one block of lookahead at a time."""
    draft: _Draft | None = None
    found = seen = False
    for block, following in _with_next(_blocks(lines)):
        seen = True
        if _is_meta(block):
            if draft is not None:
                draft.meta.append(block)
            elif block.errors:
                yield bad_record(file, *block.errors[0])
        elif _is_title(block, following):
            if draft is not None:
                found = True
                yield draft.finish(file)
            draft = _Draft(block)
        elif draft is not None and not draft.meta:
            draft.paragraphs.append(block)
        else:
            yield from _stray(block, file)
    if draft is not None:
        found = True
        yield draft.finish(file)
    if seen and not found:
        yield bad_record(file, None, "no papers found: expected a title line, a blank line and an abstract")


def looks_like_page(lines: Iterable[Line]) -> bool:
    """True if the text has the page's shape: its chrome, a card's meta lines, or a paper."""
    lines = list(lines)
    for line in lines:
        text = line.text.strip()
        if text == _SEPARATOR or _AUTHORS.match(text) or text.lower() == "daily papers":
            return True
    return any(isinstance(record, Paper) for record in parse(lines, ""))


def _blocks(lines: Iterable[Line]) -> Iterator[_Block]:
    block: _Block | None = None
    for line in lines:
        text = line.text.strip()
        if not text:
            if block is not None:
                yield block
            block = None
            continue
        if block is None:
            block = _Block(line.number)
        block.lines.append(text)
        if line.error:
            block.errors.append((line.number, line.error))
    if block is not None:
        yield block


def _with_next(blocks: Iterator[_Block]) -> Iterator[tuple[_Block, _Block | None]]:
    current = next(blocks, None)
    while current is not None:
        following = next(blocks, None)
        yield current, following
        current = following


def _is_meta(block: _Block) -> bool:
    """A card's footer: has the `·` line, or consists only of author-count and date lines."""
    if _SEPARATOR in block.lines:
        return True
    return all(_AUTHORS.match(text) or _is_date(text) for text in block.lines)


def _is_title(block: _Block, following: _Block | None) -> bool:
    if len(block.lines) != 1 or following is None or _is_meta(following):
        return False
    title = block.text
    if len(title) > _MAX_TITLE or title.endswith(_NO_TITLE_ENDINGS) or title.lower() in _CHROME:
        return False
    abstract = following.text
    return len(abstract) >= _MIN_ABSTRACT and len(abstract) > len(title)


def _stray(block: _Block, file: str) -> Iterator[InputError]:
    """Text outside any card: chrome if short, a paper without its title if long."""
    if block.errors:
        yield bad_record(file, *block.errors[0])
    elif len(block.text) >= _MIN_ABSTRACT:
        yield bad_record(
            file, block.line, f"paragraph of {len(block.text)} characters outside any paper (no title line before it)"
        )


def _parse_meta(blocks: list[_Block]) -> tuple[str | None, str | None]:
    """(organisation display name, ISO date) from a card's footer lines."""
    organization = day = None
    for text in (text for block in blocks for text in block.lines):
        if text == _SEPARATOR or _AUTHORS.match(text):
            continue
        if _is_date(text):
            day = _iso_date(text) or day
        elif organization is None:
            # `nvidia NVIDIA`: the handle, then the name the page shows.
            parts = text.split(maxsplit=1)
            organization = parts[-1]
    return organization, day


def _is_date(text: str) -> bool:
    """`Nov 19, 2024`, `Feb 16`, optionally followed by the upvote count (`Sep 29 2`)."""
    match = _DATE.match(text)
    return bool(match) and match["month"][:3].lower() in _MONTHS and 1 <= int(match["day"]) <= 31


def _iso_date(text: str) -> str | None:
    """The ISO date of a date line, None when the page left out the year."""
    match = _DATE.match(text)
    if match is None or match["year"] is None:
        return None
    month = _MONTHS.index(match["month"][:3].lower()) + 1
    return checked_date(int(match["year"]), month, int(match["day"]))
