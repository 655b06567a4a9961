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
VARIANTS_KEY = "kg_variants"  # doc.user_data: list span (start, end) -> its variants (start, end, name)
MAX_NAME_TOKENS = 10

# Token stream for matching: name tokens (as kg.names cuts them) plus "+" as `plus`.
# A digit run before a word is a token of its own, as in kg.names (`wav2vec`: wa 2 vec, `seq2seq`).
_STREAM_TOKEN = re.compile(r"a?(?:\d+x)?\d+(?:\.\d+)?[bmkt](?![a-z])|\d+(?:\.\d+)*[a-z]?(?![a-z])|\d+(?:\.\d+)*|[a-z]+|\+")
# What may stand between two tokens of one name: separators (and a version's `v`), or a dot inside `FLUX.1`.
_JOINABLE_GAP = re.compile(r"[ \-_/~]{0,2}v?|[.:]")  # `FLUX.1`, ollama tags `llama3.2:3b`, LaTeX `AIME~24`


@dataclass(frozen=True, slots=True)
class Surface:
    """One catalog spelling: what must hold for a text match to count."""

    entity_id: str
    type: EntityType
    text: str
    strict: bool  # case-sensitive match required (short or common-word names)
    ambiguous: bool  # also needs context that supports an ML entity
    plain: bool = False  # only ordinary words (`High School Physics`, `entity_matching`): a phrase too


def _stream_split(letters: str) -> re.Pattern:
    """The text cut at stream tokens, keeping them: [gap, token, gap, token, ..., gap]. Most
    tokens are words, so a letter run is tried first, except where `_STREAM_TOKEN`'s first
    branch could start (`a14b` of `57b-a14b`); elsewhere the branches cannot both match, so
    the cuts are those of `_STREAM_TOKEN` itself, found with fewer failed branches."""
    token = _STREAM_TOKEN.pattern.replace("|[a-z]+|", f"|{letters}|")
    # Letter tokens with single spaces between them (most of a text: "we train a model on") are
    # cut as one run: the stream spells a run as the text does, and `_Stream.span` finds the
    # words inside it. Fewer pieces make the split, the gap table and the offsets cheaper.
    word = rf"(?!a\d)(?:{letters})"
    return re.compile(rf"({word}(?: {word})*|{token})")


_STREAM_SPLIT = _stream_split("[a-z]+")
# A `v` before a number is no token (`DINOv2`, `DeepSeek-V3.2`): `kg.names` drops it from keys.
# The slower split runs only on the few texts that have one.
_V_NUMBER = re.compile(r"v\d")
_STREAM_SPLIT_V = _stream_split(r"(?:[a-uw-z]|v(?!\d))[a-uw-z]*(?:v(?!\d)[a-uw-z]*)*")


def _stream_gap(gap: str) -> str:
    """What a gap between two tokens becomes in the stream: a space, or ` | ` where no name may span it."""
    return " " if _JOINABLE_GAP.fullmatch(gap) else " | "


class _Gaps(dict):
    """`_stream_gap` of each gap seen; `map(gaps.__getitem__, ...)` costs a dict lookup a gap."""

    LIMIT = 65_536  # gaps are few (` `, `, `, ` (`); odd text must not grow the table for ever

    def __missing__(self, gap: str) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[gap] = _stream_gap(gap)
        return value


_GAPS = _Gaps()


class _Stream:
    """The normalised token stream of a text (' tok tok | tok '), where `|` marks a gap no name may
    span, and the way back from a token's stream offset to its char span in the text. Built from
    whole-list operations (a text has hundreds of tokens, a match touches a few)."""

    def __init__(self, text: str):
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = "".join(c.lower()[:1] for c in text)
        split = _STREAM_SPLIT_V if _V_NUMBER.search(lowered) else _STREAM_SPLIT
        pieces = split.split(lowered)  # gap, token, gap, ..., token, gap
        parts = pieces[:]
        parts[0::2] = map(_GAPS.__getitem__, pieces[0::2])
        parts[0] = parts[-1] = " "  # the stream starts and ends with a space, whatever the text does
        if "+" in lowered:  # every `+` is a token of its own
            parts[1::2] = ["plus" if t == "+" else t for t in pieces[1::2]]
        self.text = "".join(parts)
        self._tokens = len(pieces) // 2
        # Part i ends at stream offset _part_ends[i] and came from text that ends at _piece_ends[i];
        # no part is empty, so the offsets rise strictly and a bisection finds a token's start.
        self._part_ends = list(itertools.accumulate(map(len, parts)))
        self._piece_ends = list(itertools.accumulate(map(len, pieces)))

    def span(self, offset: int) -> tuple[int, int] | None:
        """The char span of the token that starts at stream `offset`, None when none starts there.
        A token part may be a run of words (`_stream_split`), spelled in the stream as in the text."""
        ends = self._part_ends
        i = bisect.bisect_left(ends, offset)
        if i % 2 == 0:  # offset ends gap part i: the token part after it starts there
            if i // 2 >= self._tokens or ends[i] != offset:
                return None
            start, i = self._piece_ends[i], i + 1
        elif i < len(ends) and offset < ends[i] and self.text[offset - 1] == " ":  # a word inside a run, after its first
            start = self._piece_ends[i - 1] + offset - ends[i - 1]
        else:
            return None
        space = self.text.find(" ", offset, ends[i])
        return start, (self._piece_ends[i] if space < 0 else start + space - offset)


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
            compound = _inside_compound(text, start_char, end_char)
            # `R1-Zero`, `o3-mini-medium`: a release of a known model (set_annotations reads the tags)
            tagged = compound and _RELEASE_TAGS.match(text, end_char) is not None and not _compound_head(text, start_char)
            if (compound and not tagged and not _may_head_list(text, start_char, end_char)) or lexicon.in_markup(text, start_char, end_char) \
                    or lexicon.names_a_kind(text, start_char, end_char):
                continue
            surface = _choose(options, text[start_char:end_char])
            if surface is None or (tagged and surface.type is not EntityType.MODEL):
                continue
            # `LLaMA-8B/70B`: a known name heading a factored variant list is no part of a compound
            if not compound or tagged or factored_variants(text, start_char, end_char, surface.type) is not None:
                found.append((start_char, end_char, surface))
        return found


# `GPT-4-based`, `Qwen-distilled` use the model; `BERT-style`, `AIME-level`, `GPT-like` only compare
# with it (a kind, no mention), so those stay compounds.
_COMPOUND_TAIL = re.compile(r"(?!\.[A-Z][a-z]+\s)[-_./](?!(?:based|generated|derived|powered|only|family|series|sourced|distilled|"
                            r"train|test|dev|val|validation)\b)[A-Za-z0-9]")  # `MedQA-train` is a split of MedQA
_COMPOUND_HEAD = re.compile(r"[A-Za-z0-9][-_./]$")


def _inside_compound(text: str, start: int, end: int) -> bool:
    """`Qwen` inside `AM-Distill-Qwen-32B` is part of another name, not a mention of Qwen."""
    if _compound_head(text, start):
        return True
    return end < len(text) and (text[end].isalnum() or bool(_COMPOUND_TAIL.match(text, end)))


def _compound_head(text: str, start: int) -> bool:
    """Whether a name at `start` continues a word or a hyphenated name before it."""
    return bool(start) and (text[start - 1].isalnum() or bool(_COMPOUND_HEAD.search(text[max(0, start - 2) : start])))


# Tags a maker appends to a model's name for a release of it (`Qwen2.5-7B-Instruct`, `R1-Zero`,
# `o3-mini-high`): the tagged name is a variant of its own, never the base model, which the
# linker finds in the catalog by its full name or mints (`VARIANT_OF` comes from the catalog).
_RELEASE_TAGS = re.compile(
    r"(?:-(?:[Ii]nstruct|[Cc]hat|[Bb]ase|[Zz]ero|[Mm]ini|[Tt]urbo|[Pp]review|[Tt]hinking|[Pp]ro|[Pp]lus|[Mm]ax|[Ll]ite"
    r"|[Ff]lash|[Nn]ano|[Ll]arge|[Ss]mall|low|medium|high))+(?![\w\-+]|\.\w)"
)


def _may_head_list(text: str, start: int, end: int) -> bool:
    """Cheap test before the list grammar: compound only at its end, by `-` or `/`."""
    return not _compound_head(text, start) and text[end : end + 1] in ("-", "/")


_SEPARATOR_CHARS = re.compile(r"[\s\-_./]")


# ---- factored variant lists ----------------------------------------------------------------
# "Variants the text names in shorthand are separate entities" (annotation guidelines):
# `LLaMA2-7B/13B/70B`, `MedGemma (4B/27B)`, `Qwen-2/2.5`, `AIME 2024 & 2025`, `BERT base and large`,
# `Stable Diffusion (1.5, XL, 3.5 Large)`. An item is a size, a version, a variant word or a year.
_SIZE = r"\d+(?:\.\d+)?[BbMKkT](?![A-Za-z])"
_VERSION = r"\d+(?:\.\d+)?(?![\w.])"
_SIZE_WORDS = r"[Bb]ase|[Ll]arge|[Ss]mall|[Tt]iny|[Mm]edium|XXL|XL"  # `BERT base`, `T5 large`
_WORD = rf"(?:{_SIZE_WORDS}|[Mm]ini|[Ii]nstruct|[Cc]hat|[Tt]urbo|[Ff]lash|[Nn]ano)(?!\w)"
_YEAR = r"(?:19|20)\d\d(?![\w.])"
_LIST_END = r"(?![\w/]|-\w|\s+(?:tokens|parameters|params|words|images|samples)\b)"


def _list_patterns(slash: str, joined: str, bracketed: str) -> tuple[re.Pattern, ...]:
    """`X-A/B/C`, `X A, B and C`, `X (A, B/C)` with the given item grammars."""
    return (
        re.compile(rf"(?P<sep>[-\s]?)(?P<items>(?:{slash})(?:/-?(?:{slash}))+){_LIST_END}"),
        re.compile(rf"(?P<sep>\s)(?P<items>(?:{joined})(?:,\s*(?:{joined}))*,?\s*(?:and|&)\s+(?:{joined})){_LIST_END}"),
        re.compile(rf"\s?\((?P<items>(?:{bracketed})(?:(?:\s*/\s*|,\s*|,?\s*(?:and|&)\s+)(?:{bracketed}))+)\)"),
    )


_MODEL_LISTS = _list_patterns(f"{_SIZE}|{_VERSION}|{_WORD}", f"{_SIZE}|{_WORD}", rf"{_SIZE}|{_VERSION}(?:\s+[A-Z][a-z]+)?|{_WORD}")
_DATA_LISTS = _list_patterns(_YEAR, _YEAR, _YEAR)
_ITEM = re.compile(rf"{_SIZE}|{_YEAR}|{_VERSION}(?:\s+[A-Z][a-z]+)?|{_WORD}")
_TRAILING_ITEM = re.compile(rf"[-\s]?(?:{_SIZE}|{_YEAR}|{_VERSION}|{_WORD})$")
# What follows a name that heads a list, or a name that is the list's first item.
_LIST_HINT = re.compile(r"/|,\s*\w{1,6}(?:,|\s*&|\s+and\s)|\s*&|\s+and\s|[- ]?\(?[\w.]{1,6}\s*(?:/|,|&|and\s|\))")
_FAMILY_NAMED = re.compile(r"\b(?:variants|versions|sizes|checkpoints|models) of (?:the )?$")
_BARE_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class Factored:
    """A factored list read from `start` to `end`: each variant's char span and full name."""

    start: int
    end: int
    variants: tuple[tuple[int, int, str], ...]


def factored_variants(text: str, start: int, end: int, kind: EntityType) -> Factored | None:
    """The variants a known name at text[start:end] heads (`MedGemma (4B/27B)` -> `MedGemma 4B`,
    `MedGemma 27B`), or None when no list follows. The name may hold the list's first item
    (`LLaMA2-7B` of `LLaMA2-7B/13B`)."""
    if _LIST_HINT.match(text, end) is None:  # the common case, one cheap test
        return None
    bases = [end]
    trailing = _TRAILING_ITEM.search(text, start, end)
    if trailing is not None and trailing.start() > start:
        bases.append(trailing.start())
    for base_end in bases:
        for pattern in _MODEL_LISTS if kind is EntityType.MODEL else _DATA_LISTS:
            m = pattern.match(text, base_end)
            if m is not None and m.end() > end:
                return _variants_of(text, start, base_end, m)
    return None


def _variants_of(text: str, start: int, base_end: int, m: re.Match) -> Factored | None:
    base = text[start:base_end]
    bracketed = "sep" not in m.re.groupindex
    sep = " " if bracketed else m.group("sep")
    items = list(_ITEM.finditer(text, m.start("items"), m.end("items")))
    if bracketed and all(_BARE_NUMBER.fullmatch(i.group()) for i in items):
        return None  # `GPT-4 (45.2, 50.1)` lists scores, not versions
    variants = [(i.start(), i.end(), f"{base}{sep}{i.group()}") for i in items]
    if not bracketed:  # the first variant is written out in full: `LLaMA2-7B` of `LLaMA2-7B/13B`
        variants[0] = (start, variants[0][1], variants[0][2])
    elif _FAMILY_NAMED.search(text, max(0, start - 40), start):  # "three versions of X (A, B)" names X too
        variants.insert(0, (start, base_end, base))
    return Factored(start, m.end(), tuple(variants))


def _choose(options: tuple[Surface, ...], matched: str) -> Surface | None:
    """The catalog spelling this text is; strict spellings must match case and separators."""
    squashed = _SEPARATOR_CHARS.sub("", matched)
    loose = [s for s in options if not s.strict]
    exact = [s for s in options if s.strict and _SEPARATOR_CHARS.sub("", s.text) == squashed]
    if exact:
        return exact[0]
    if loose and not matched.islower():
        return loose[0]
    # lowercase: an id (`llama-2-7b`, `gpt-neox`), but not ordinary words joined (`high-school physics`)
    loose = [s for s in loose if not s.plain]
    if loose and re.search(r"[\d\-_./]", matched):
        return loose[0]
    return None


def _catalog_compound(text: str) -> bool:
    """`MAP-CC` is a catalog name though its parts are a metric and two letters: a compound that a
    list names is generic only when every part is a generic term (`SFT-LLM`)."""
    if text.islower() or "_" in text:
        return False  # `llm-s`, `un_ga`: list keys, not names a paper writes
    parts = [p for p in re.split(r"[-/+ ]", text.lower()) if p]
    return len(parts) > 1 and not all(p in lexicon.GENERIC for p in parts)


def surfaces_from_catalog(catalog) -> Iterable[Surface]:
    """Every catalog name and alias, marked strict when short or a common word; and the family
    names that only numbered members carry (`Kinetics` of `Kinetics-400`/`-600`)."""
    yield from _family_heads(catalog)
    for text, entry in catalog.surface_forms():
        if lexicon.is_generic(text) and not _catalog_compound(text):
            continue
        common = entry.ambiguous or lexicon.is_common_word(text)
        strict = common or len(re.sub(r"[^A-Za-z0-9]", "", text)) <= 4
        yield Surface(entry.id, entry.type, text, strict, common, _plain_phrase(text))
        if strict and _capitalised_in_papers(text, entry):
            yield Surface(entry.id, entry.type, text.capitalize(), strict, common, False)


# `Kinetics-400`, `CIFAR-10`, `Flickr30k`, `CoNLL-2003`: a data set's family name and a number.
_NUMBERED_MEMBER = re.compile(r"([A-Z][A-Za-z]{3,})[- ](?:\d+[kK]?)|([A-Z]{4,}|[A-Z][a-z]{3,})\d+[kK]?")


def _family_heads(catalog) -> Iterable[Surface]:
    """A data set or benchmark family the catalog knows only by numbered members (two or more)
    is named alone too ("results on Kinetics and UCF101"): a new name (no id), strict and in
    need of supporting context, since such heads are often words (`Flickr`)."""
    members: dict[tuple[str, EntityType], set[str]] = {}
    for text, entry in catalog.surface_forms():
        m = _NUMBERED_MEMBER.fullmatch(text) if entry.type is not EntityType.MODEL else None
        if m is not None:
            members.setdefault((m.group(1) or m.group(2), entry.type), set()).add(entry.id)
    for (head, kind), ids in members.items():
        if len(ids) >= 2 and catalog.lookup(head) is None and not lexicon.is_generic(head):
            yield Surface("", kind, head, True, True, False)


def _capitalised_in_papers(text: str, entry) -> bool:
    """`mamba`: an entry every list spells in lower case (a repo id) is a name that papers write
    Capitalised; a strict match would miss `Mamba`. (Short ones are acronyms, `mkqa` is `MKQA`.)"""
    return text.isalpha() and len(text) > 4 and text.islower() and all(f.islower() for f in entry.forms())


_PHRASE_WORD = re.compile(r"[A-Za-z][a-z]*")


def _plain_phrase(text: str) -> bool:
    """A name made only of ordinary English words, without inner capitals or digits: written in
    a sentence or a title, those words may just be words (`Clinical Knowledge`, `entity_matching`)."""
    words = [w for w in re.split(r"[\s\-_]+", text) if w]
    return len(words) > 1 and all(_PHRASE_WORD.fullmatch(w) and lexicon.is_common_word(w) for w in words)


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
        mark (`.`, `!`, `?`, ...), start sentences. The marks are a few tokens of hundreds: the
        array finds them, and only the tokens right after one are looked at one by one."""
        if not len(doc):
            return []
        starts = [False] * len(doc)
        starts[0] = True
        if not len(self._final):
            return starts
        orth = doc.to_array(ORTH)
        # (array methods, not the `numpy.` functions: those add a Python-level dispatch per call)
        final = self._final.take(self._final.searchsorted(orth), mode="clip") == orth
        marks = final.nonzero()[0].tolist()
        after = -1
        for mark in marks:
            if mark < after:
                continue  # a run of marks (`?!`, `...`): the word after the run was found already
            after = mark + 1
            while after < len(starts) and (final[after] or self._vocab[int(orth[after])].is_punct):
                after += 1
            if after < len(starts):
                starts[after] = True
        return starts


@Language.factory("kg_catalog", default_config={})
def make_catalog_component(nlp: Language, name: str):
    return CatalogComponent()


# `FLUX.1 [dev]`, `FLUX.1 [schnell]`: a bracketed lower-case tag right after a model name is
# part of it (a citation `[12]` is digits).
_BRACKET_TAG = re.compile(r" ?\[[a-z][a-z\-]{1,15}\](?!\w)")


# "base and large variants are separate entities" (guidelines): a size word right after a model
# name without a size is part of it, unless it starts a phrase of its own (`BERT large-scale`).
_VARIANT_WORD_TAIL = re.compile(
    rf" (?:{_SIZE_WORDS})(?![\w-])"
    r"(?! (?:language|vision|multimodal|reasoning|scale|amounts?|numbers?|sets?|corpus|corpora|data|datasets?)\b)"
)
_HAS_SIZE = re.compile(r"\d[BbMK](?![A-Za-z])")


# What may follow a name whose tag, variant list or size word makes it longer (one cheap test).
_MORE_AFTER = re.compile(
    rf"/| ?&| ?\[[a-z]|[- ](?:\d|{_WORD})"
    r"| ?\(\d| ?\((?:XX?L|[A-Z]?[a-z]{3,8})\s*[/,&]| and\s+(?:\d|[a-z]{3,8}\b)|,\s*(?:\d|[A-Za-z]{2,8}(?:,|\s+and\s|\s*&))"
)


def _longer_name(text: str, start: int, end: int, kind: EntityType) -> tuple[Factored | None, int]:
    """The factored list a name heads, or where the name really ends: `FLUX.1 [dev]`, `GPT-2 small`."""
    tag = _BRACKET_TAG.match(text, end) if kind is EntityType.MODEL else None
    end = tag.end() if tag else end
    factored = factored_variants(text, start, end, kind)
    if factored is None and kind is EntityType.MODEL and not _HAS_SIZE.search(text, start, end):
        word = _VARIANT_WORD_TAIL.match(text, end)  # `GPT-2 small`, `T5 large`
        end = word.end() if word else end
    return factored, end


# Name-shaped words (CamelCase, capitals with digits) right before a known model name are part of
# a longer name the catalog does not have: `UnderWater SegFormer`, `BiomedVLP CXR BERT` (a maker,
# `Google Gemini`, or a generic term, `LoRA Llama`, is not).
# (Capitals with digits, `RQ2`, `H1`, number research questions and hypotheses, not names.)
_NAME_WORD_BEFORE = re.compile(r"(?<![\w\-.])((?:[A-Z]+[a-z]+[A-Z][\w]*|[A-Z]{2,}|[A-Z][a-z]+[0-9][\w]*) )$")


def _name_words_before(text: str, start: int, previous_end: int) -> int:
    """Where a known model name really starts: up to two name-shaped words before it join it."""
    for _ in range(2):
        m = _NAME_WORD_BEFORE.search(text, max(previous_end, start - 30), start)
        word = m.group(1).strip() if m else ""
        if not word or lexicon.is_generic(word) or word.lower() in lexicon.ORGANIZATIONS:
            break
        start = m.start(1)
    return start


def _title_phrases(text: str, matches: list[tuple[int, int, Surface]]) -> set[tuple[int, int]]:
    """Plain-word names in the title (`... Lesson Plans in High-School Physics`) that the abstract
    never writes as a name: a title capitalises every word, so there they may be mere words."""
    title_end = text.find("\n\n")
    phrases = [(a, b, s) for a, b, s in matches if s.plain and a < title_end]
    if not phrases:
        return set()  # the common case
    named_later = {s.entity_id for a, b, s in matches if a > title_end}
    return {(a, b) for a, b, s in phrases if s.entity_id not in named_later}


# "the Mistral tokenizer", "the Mamba block": a model named through a part of it (annotation guidelines)
_MODEL_PART_AFTER = re.compile(r" (?:block|blocks|layer|layers|tokenizer|backbone|encoder|decoder|architecture)\b")
_NEAR = 120  # chars either side, as `lexicon.supports_ml_reading` looks


def _ml_reading(text: str, start: int, end: int, surface: Surface, matches: list[tuple[int, int, Surface]]) -> bool:
    """Whether a common-word name (`Claude`, `Mamba`) reads as an ML entity: the lexicon's cue words,
    or, for a capitalised word inside a sentence, a model part after it or a name the catalog knows
    without doubt close by ("DeepSeek writes the most readable plans and Claude the densest")."""
    if lexicon.supports_ml_reading(text, start, end, surface.type):
        return True
    if not text[start : start + 1].isupper() or lexicon.sentence_initial(text, start) or start < text.find("\n\n"):
        return False
    if surface.type is EntityType.MODEL and _MODEL_PART_AFTER.match(text, end):
        return True
    return any(not s.ambiguous and start - _NEAR <= a and b <= end + _NEAR for a, b, s in matches)


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
        previous_end = 0
        in_title = _title_phrases(text, matches)
        for known_start, end, surface in matches:
            if surface.ambiguous and not _ml_reading(text, known_start, end, surface, matches):
                continue
            if in_title and (known_start, end) in in_title:
                continue
            start = known_start
            if surface.type is EntityType.MODEL and text[start - 1 : start] == " ":
                start = _name_words_before(text, start, previous_end)
            previous_end = end
            # `Gemma 2B`, `AIME 2025`: a version or size written after a known name makes a variant,
            # linked by the linker (catalog lookup of the longer name, else a new id).
            tag = _RELEASE_TAGS.match(text, end) if text[end : end + 1] == "-" and surface.type is EntityType.MODEL else None
            longer = lexicon.name_end(text, tag.end() if tag else end, surface.type)
            if _MORE_AFTER.match(text, longer):  # rarely: a tag, a variant list or a size word follows
                factored, longer = _longer_name(text, start, longer, surface.type)
                if factored is not None:
                    self._add_factored(doc, spans, factored, surface.type)
                    continue
            span = doc.char_span(start, longer, label=surface.type.value, alignment_mode="expand")
            if span is not None:
                span.id_ = surface.entity_id if longer == end and start == known_start else ""
                spans.append(span)
        doc.spans[SPAN_KEY] = spans

    @staticmethod
    def _add_factored(doc: Doc, spans: list[Span], factored: Factored, kind: EntityType) -> None:
        """One span over the whole list keeps other components off it; the linker reads its
        variants from `doc.user_data["kg_variants"]` (their names are not contiguous text)."""
        span = doc.char_span(factored.start, factored.end, label=kind.value, alignment_mode="expand")
        if span is not None:
            spans.append(span)
            doc.user_data.setdefault(VARIANTS_KEY, {})[(span.start_char, span.end_char)] = factored.variants


# The lexeme attributes kg's components read: the sentencizer's `is_punct`. Everything else
# reads token offsets and the text.
LEXEME_ATTRS_READ = (IS_PUNCT,)


def make_nlp(catalog=None, full_lexemes: bool = False) -> Language:
    """The whole recognition pipeline, built once and reused for every paper. Its lexemes carry
    only `LEXEME_ATTRS_READ` (new words cost a quarter of the time); `full_lexemes=True` keeps
    all of spaCy's English lexeme attributes, with the same values as `spacy.blank("en")`."""
    from kg import discover  # registers the kg_discovery factory
    from kg.tokenize import fast_lexeme_attrs, fast_rules, lean_lexeme_attrs

    nlp = spacy.blank("en")
    _tokenizer_with_period_split(nlp)
    fast_rules(nlp.tokenizer)  # same tokens, fewer regex runs on words never seen
    fast_lexeme_attrs(nlp.vocab)  # same lexemes, made faster
    if not full_lexemes:
        lean_lexeme_attrs(nlp.vocab, LEXEME_ATTRS_READ)
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
