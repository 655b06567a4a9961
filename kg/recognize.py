"""Recognition: Paper text -> spaCy Doc whose `doc.spans["kg"]` are model/dataset/benchmark mentions.

One `make_nlp(catalog)` builds the pipeline once: `spacy.blank("en")` with a tokenizer that
splits a sentence-final period off `GSM8K.`/`Qwen2.5-7B.`, `kg_title_boundary` (the title is a
sentence of its own), spaCy's sentencizer rule (run over token arrays), then two components:
- `kg_catalog`: names the catalog knows, found by an Aho-Corasick automaton over *normalised
  name tokens* (`kg.names`), so `LLaMA-2 7B`, `Llama2-7B` and `llama-2-7b` all hit the catalog's
  key `llama-2-7b`. Short and common-word names must match case-sensitively and, when ambiguous,
  need supporting context. Each span carries the entity id in `span.id_`.
- `kg_discovery`: names no catalog has — introduced ("we introduce X", the `X:` of a title,
  "X, a benchmark for ..."), typed by nearby head nouns, sized model names (`Name-7B`), and
  names in evaluation lists — with acronym definitions ("AI-ready Common Crawl (AICC)").
No side effects; the catalog is read once when the pipeline is built.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
import numpy
import spacy
from spacy.attrs import IS_PUNCT, ORTH
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span
from spacy.util import compile_suffix_regex, minibatch

from kg import lexicon
from kg.model import EntityType
from kg.names import name_key

SPAN_KEY = "kg"
MAX_NAME_TOKENS = 10

# Token stream for matching: name tokens (as kg.names cuts them) plus "+" as `plus`.
_STREAM_TOKEN = re.compile(r"a?(?:\d+x)?\d+(?:\.\d+)?[bmkt](?![a-z])|\d+(?:\.\d+)*[a-z]?(?![a-z])|[a-z]+|\+")
# What may stand between two tokens of one name: separators, or a dot inside `FLUX.1`.
_JOINABLE_GAP = re.compile(r"[ \-_/~]{0,2}|[.:]")  # `FLUX.1`, ollama tags `llama3.2:3b`, LaTeX `AIME~24`


@dataclass(frozen=True, slots=True)
class Surface:
    """One catalog spelling: what must hold for a text match to count."""

    entity_id: str
    type: EntityType
    text: str
    strict: bool  # case-sensitive match required (short or common-word names)
    ambiguous: bool  # also needs context that supports an ML entity


# The text cut at stream tokens, keeping them: [gap, token, gap, token, ..., gap].
_STREAM_SPLIT = re.compile(f"({_STREAM_TOKEN.pattern})")


@lru_cache(maxsize=4096)
def _stream_gap(gap: str) -> str:
    """What a gap between two tokens becomes in the stream: a space, or ` | ` where no name may span it."""
    return " " if _JOINABLE_GAP.fullmatch(gap) else " | "


class _Stream:
    """The normalised token stream of a text (' tok tok | tok '), where `|` marks a gap no name may
    span, and the way back from a token's stream offset to its char span in the text. Built from
    whole-list operations (a text has hundreds of tokens, a match touches a few)."""

    def __init__(self, text: str):
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = "".join(c.lower()[:1] for c in text)
        pieces = _STREAM_SPLIT.split(lowered)  # gap, token, gap, ..., token, gap
        parts = pieces[:]
        parts[0::2] = map(_stream_gap, pieces[0::2])
        parts[0] = parts[-1] = " "  # the stream starts and ends with a space, whatever the text does
        if "+" in pieces:
            parts[1::2] = ["plus" if t == "+" else t for t in pieces[1::2]]
        self.text = "".join(parts)
        self._tokens = len(pieces) // 2
        # Part i ends at stream offset _part_ends[i] and came from text that ends at _piece_ends[i];
        # no part is empty, so the offsets rise strictly and a bisection finds a token's start.
        self._part_ends = list(itertools.accumulate(map(len, parts)))
        self._piece_ends = list(itertools.accumulate(map(len, pieces)))

    def span(self, offset: int) -> tuple[int, int] | None:
        """The char span of the token that starts at stream `offset`, None when none starts there."""
        i = bisect.bisect_left(self._part_ends, offset)
        if i % 2 == 0 and i // 2 < self._tokens and self._part_ends[i] == offset:
            return self._piece_ends[i], self._piece_ends[i + 1]
        return None


def _pattern(surface: str) -> str | None:
    key = name_key(surface)
    return f" {key.replace('-', ' ')} " if key else None


class CatalogMatcher:
    """Finds catalog names in text; `match` is pure and returns (start, end, Surface) char spans."""

    def __init__(self, surfaces: Iterable[Surface]):
        self._automaton = ahocorasick.Automaton()
        table: dict[str, list[Surface]] = {}
        for surface in surfaces:
            pattern = _pattern(surface.text)
            if pattern and pattern.count(" ") - 1 <= MAX_NAME_TOKENS:
                table.setdefault(pattern, []).append(surface)
        for pattern, options in table.items():
            last_len = len(pattern.rstrip().rsplit(" ", 1)[-1])
            self._automaton.add_word(pattern, (pattern, last_len, tuple(options)))
        if table:
            self._automaton.make_automaton()
        self.size = len(table)

    def match(self, text: str) -> list[tuple[int, int, Surface]]:
        if not self.size:
            return []
        stream = _Stream(text)
        found = []
        for end, (pattern, last_len, options) in self._automaton.iter_long(stream.text):
            first = stream.span(end - len(pattern) + 2)
            last = stream.span(end - last_len)
            if first is None or last is None:
                continue
            start_char, end_char = first[0], last[1]
            if _inside_compound(text, start_char, end_char) or lexicon.in_markup(text, start_char, end_char):
                continue
            surface = _choose(options, text[start_char:end_char])
            if surface is not None:
                found.append((start_char, end_char, surface))
        return found


_COMPOUND_TAIL = re.compile(r"[-_./](?!(?:based|like|style|generated|derived|powered|only|family|series|class|level|sized|scale|scaled|sourced|distilled|type)\b)[A-Za-z0-9]")
_COMPOUND_HEAD = re.compile(r"[A-Za-z0-9][-_./]$")


def _inside_compound(text: str, start: int, end: int) -> bool:
    """`Qwen` inside `AM-Distill-Qwen-32B` is part of another name, not a mention of Qwen."""
    if start and (text[start - 1].isalnum() or _COMPOUND_HEAD.search(text[max(0, start - 2) : start])):
        return True
    return end < len(text) and (text[end].isalnum() or bool(_COMPOUND_TAIL.match(text, end)))


_SEPARATOR_CHARS = re.compile(r"[\s\-_./]")


def _choose(options: tuple[Surface, ...], matched: str) -> Surface | None:
    """The catalog spelling this text is; strict spellings must match case and separators."""
    squashed = _SEPARATOR_CHARS.sub("", matched)
    loose = [s for s in options if not s.strict]
    exact = [s for s in options if s.strict and _SEPARATOR_CHARS.sub("", s.text) == squashed]
    if exact:
        return exact[0]
    if loose and (not matched.islower() or re.search(r"[\d\-_./]", matched)):
        return loose[0]
    return None


def surfaces_from_catalog(catalog) -> Iterable[Surface]:
    """Every catalog name and alias, marked strict when short or a common word."""
    for text, entry in catalog.surface_forms():
        if lexicon.is_generic(text):
            continue
        common = entry.ambiguous or lexicon.is_common_word(text)
        strict = common or len(re.sub(r"[^A-Za-z0-9]", "", text)) <= 4
        yield Surface(entry.id, entry.type, text, strict, common)


# ---- spaCy wiring -------------------------------------------------------------------------


def _tokenizer_with_period_split(nlp: Language) -> None:
    """The default suffix rules glue `.` to `GSM8K`/`7B`; split a final period off any token,
    and drop the unit/`+` suffixes that would then cut `GSM8K` into `GSM8`+`K` or `Math-4+`."""
    suffixes = [s for s in nlp.Defaults.suffixes if not s.startswith("(?<=[0-9])(?:km") and s != r"(?<=[0-9])\+"]
    suffixes += [r"(?<=[0-9A-Za-z+])\.$"]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search


@Language.component("kg_title_boundary")
def title_boundary(doc: Doc) -> Doc:
    """The title is a sentence of its own: a token after a blank line starts a new sentence
    (the sentencizer only splits at punctuation, and titles end without it)."""
    text = lexicon.doc_text(doc)
    for m in re.finditer(r"\n\s*\n\s*(?=\S)", text):
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            span[0].is_sent_start = True
    return doc


@Language.factory("kg_sentencizer", default_config={})
def make_sentencizer(nlp: Language, name: str):
    return ArraySentencizer(nlp.vocab, name)


class ArraySentencizer(Sentencizer):
    """spaCy's rule-based sentencizer — same rule, same punctuation, same annotations — reading
    the token arrays instead of creating a Python `Token` for every word (that loop cost as
    much as the catalog matcher)."""

    def __init__(self, vocab, name: str = "sentencizer"):
        super().__init__(name)
        self._vocab = vocab
        self._hashes_of: set | None = None  # the `punct_chars` that `_final` was built from
        self._final = numpy.zeros(0, dtype=numpy.uint64)

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 64) -> Iterator[Doc]:
        """Sentences for a batch of docs at a time, as spaCy's trainable components do."""
        error_handler = self.get_error_handler()
        for docs in minibatch(stream, batch_size):
            try:
                self.set_annotations(docs, self.predict(docs))
                yield from docs
            except Exception as exc:  # spaCy's contract: the handler raises, or skips the batch
                error_handler(self.name, self, docs, exc)

    def predict(self, docs) -> list[list[bool]]:
        if self._hashes_of is not self.punct_chars:  # built once; again only if reconfigured
            self._final = numpy.array(sorted(self._vocab.strings.add(c) for c in self.punct_chars), dtype=numpy.uint64)
            self._hashes_of = self.punct_chars
        return [self._starts(doc) for doc in docs]

    def _starts(self, doc: Doc) -> list[bool]:
        """The first token, and the first token that is not punctuation after each sentence-final
        mark (`.`, `!`, `?`, ...), start sentences."""
        if not len(doc):
            return []
        table = doc.to_array([ORTH, IS_PUNCT])
        # (array methods, not the `numpy.` functions: those add a Python-level dispatch per call)
        at = numpy.minimum(self._final.searchsorted(table[:, 0]), max(len(self._final) - 1, 0))
        final = self._final[at] == table[:, 0] if len(self._final) else numpy.zeros(len(doc), dtype=bool)
        words = (~final & (table[:, 1] == 0)).nonzero()[0]
        after = words.searchsorted(final.nonzero()[0], side="right")
        starts = numpy.zeros(len(doc), dtype=bool)
        starts[0] = True
        starts[words[after[after < len(words)]]] = True
        return starts.tolist()


@Language.factory("kg_catalog", default_config={})
def make_catalog_component(nlp: Language, name: str):
    return CatalogComponent()


class CatalogComponent:
    """Adds catalog matches to `doc.spans["kg"]`; the matcher is set by `make_nlp`."""

    def __init__(self):
        self.matcher = CatalogMatcher(())

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.matcher.match(lexicon.doc_text(doc)))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """`nlp.pipe` hands docs over in batches: matching many in a row keeps the automaton in cache."""
        for batch in minibatch(docs, batch_size):
            yield from [self(doc) for doc in batch]

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, Surface]]) -> None:
        spans = list(doc.spans.get(SPAN_KEY, []))
        text = lexicon.doc_text(doc)
        for start, end, surface in matches:
            if surface.ambiguous and not lexicon.supports_ml_reading(text, start, end, surface.type):
                continue
            # `Gemma 2B`, `AIME 2025`: a version or size written after a known name makes a variant,
            # linked by the linker (catalog lookup of the longer name, else a new id).
            longer = lexicon.name_end(text, end, surface.type)
            span = doc.char_span(start, longer, label=surface.type.value, alignment_mode="expand")
            if span is not None:
                span.id_ = surface.entity_id if longer == end else ""
                spans.append(span)
        doc.spans[SPAN_KEY] = spans


def make_nlp(catalog=None) -> Language:
    """The whole recognition pipeline, built once and reused for every paper."""
    from kg import discover  # registers the kg_discovery factory

    nlp = spacy.blank("en")
    _tokenizer_with_period_split(nlp)
    nlp.add_pipe("kg_title_boundary")
    nlp.add_pipe("kg_sentencizer", name="sentencizer")
    component = nlp.add_pipe("kg_catalog")
    if catalog is not None:
        component.matcher = CatalogMatcher(surfaces_from_catalog(catalog))
    discovery = nlp.add_pipe("kg_discovery")
    if catalog is not None:
        discovery.families = discover.Families.from_catalog(catalog)
    return nlp


def make_doc(nlp: Language, text: str) -> Doc:
    """`nlp.make_doc(text)` that keeps `text` on the doc, so no component rebuilds it from the
    tokens (spaCy's tokenisation is lossless: `doc.text == text`)."""
    doc = nlp.make_doc(text)
    lexicon.remember_text(doc, text)
    return doc


def spans_of(doc: Doc) -> list[Span]:
    return list(doc.spans.get(SPAN_KEY, []))
