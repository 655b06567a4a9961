"""Discovery: names no catalog has, found from how papers talk about new things.

Runs after the catalog component (kg.recognize) and adds to `doc.spans["kg"]` spans with
`id_ == ""` (the linker mints their ids). Spans the paper itself introduces also go to
`doc.spans["kg_introduced"]`; acronym definitions ("AI-ready Common Crawl (AICC)") go to
`doc.user_data["kg_expansions"]` as {acronym char span: expansion text}. Pure rules over text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import itemgetter

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from kg import lexicon
from kg.model import EntityType

SPAN_KEY = "kg"
INTRO_KEY = "kg_introduced"

# One name-like word: letters/digits joined by - _ . / + (no trailing punctuation).
_WORD = re.compile(r"(?<![\w\-])[A-Za-z0-9][\w.+\-/]*[\w+]|(?<![\w\-])[A-Z]\b")
_SIZE = re.compile(r"(?:^|[-_ ])(?:\d+x)?\d+(?:\.\d+)?[Bb](?:$|[-_ ])")  # billions: a model size; M/K are usually data counts
# A release suffix is a model's too: `X-Instruct`, `X-VL`.
_MODEL_SUFFIXES = frozenset({"Instruct", "Chat", "Base", "Thinking", "Coder", "VL", "Omni", "Distill"})
_NOT_NAME_SHAPE = re.compile(r"[A-Z][a-z]+s?|[IVX]+|[A-Z]\d?|v\d+|[A-Z]{2,}s|[a-z]+[A-Z]{2,}s|[A-Z]{2}[a-z]{3,}|[a-z][A-Z][a-z]{3,}")
_VERSION_SHAPE = re.compile(r"[vVrR]?\d+(?:\.\d+)*[a-z]?|\d+(?:\.\d+)?[BMKT]")
_SEPARATORS = re.compile(r"[-_/]")
_WORDLIKE = re.compile(r"[A-Za-z][a-z]+|[a-z]+")
# "X benchmark", "X (refined) datasets": a short note in brackets may stand before the head.
_COMPOUND_HEAD = re.compile(r"\)?[\s\-]*(?:\([^()]{1,24}\)\s+)?((?:[A-Za-z][\w\-]*\s+){0,1}?)([A-Za-z]+)\b")
_CLAUSE_END = re.compile(r"[.;!?:]\s")
_PLAIN_WORDS = re.compile(r"[\w\-]+")
_BENCH = re.compile(r"bench", re.IGNORECASE)
# "on|including|...|:" then the list so far. Each cue word's `\b` is a look-behind after the word:
# a pattern opening with literals lets the regex engine skip to a cue's first letter.
_LIST_BEFORE = re.compile(r"(?:on(?<!\w..)|including(?<!\w.{9})|such as(?<!\w.{7})|like(?<!\w.{4})|namely(?<!\w.{6})|:)"
                          r"\s+(?:the\s+)?" + lexicon.LISTED_SO_FAR)
# "classification over X" is "classification on X": a task's `over` spans the sets it is run on.
_TASK_OVER = re.compile(r"\b(?:classification|retrieval|reasoning|search)\s+over\s+(?:the\s+)?" + lexicon.LISTED_SO_FAR)
_HEAD_PART = re.compile(r"[-_]")
_INTRO_VERB = re.compile(
    r"\b(?:we|this (?:paper|work|study|report)|here,? we|our work)\s+(?:\w+ly\s+)?"
    r"(?:introduce|present|propose|release|develop|construct|build|curate|create|contribute|"
    r"(?:pre-?)?train|open-source|design|collect|compile|establish|offer)s?\b|"
    r"\bwe\s+(?:introduc|present|propos|releas|construct|curat|collect|compil)ed\b|"
    r"\bwe\s+also\s+(?:introduc|present|propos|releas)(?:e|es|ed)?\b|"
    r"\b(?:introducing|presenting|proposing|releasing|constructing|curating|developing)\b|"
    r"\b(?:is|are) (?:introduced|presented|proposed|released|constructed)\b",
    re.IGNORECASE,
)
# Every alternative of `_INTRO_VERB` contains one of these stems (most sentences none).
_INTRO_STEMS = ("introduc", "present", "propos", "releas", "develop", "construct", "build", "curat", "creat",
                "contribut", "train", "open-source", "design", "collect", "compil", "establish", "offer")


# `_INTRO_VERB` without case folding, for lowercased ASCII text (lexicon.lowered_copy; the folding
# pattern itself, also right on lowered text, if it ever stops qualifying).
_INTRO_VERB_LOWER = lexicon.lowered_copy(_INTRO_VERB) or _INTRO_VERB


def _intro_verb(sentence: str) -> re.Match | None:
    """`_INTRO_VERB.search(sentence)` (the same span): ASCII text is lowercased once, tested for a
    verb stem, then searched case-sensitively; other text goes to the case-folding regex."""
    if not sentence.isascii():
        return _INTRO_VERB.search(sentence)
    lowered = sentence.lower()  # ASCII: same length, so the same offsets
    if not any(map(lowered.__contains__, _INTRO_STEMS)):  # `stem in lowered`, without a Python frame per stem
        return None
    return _INTRO_VERB_LOWER.search(lowered)


# Verbs that can introduce a name the catalog already knows (a release), unlike "we train X".
_RELEASE_VERB = re.compile(r"\b(?:introduc|present|propos|releas|open-sourc|unveil)\w*\s*$", re.IGNORECASE)
_NAMING = re.compile(r"\b(?:called|named|dubbed|termed|coined|namely|(?:that|which)\s+we\s+(?:call|name|dub|term))\s*,?\s*$",
                     re.IGNORECASE)
_NAMING_WORDS = ("called", "named", "dubbed", "termed", "coined", "namely", "call", "name", "dub", "term")


def _ends_naming(before: str) -> bool:
    """`_NAMING.search(before)`, the regex run only when `before` ends with a naming word (rarely):
    the spaces and comma it allows are stripped first. Non-ASCII text goes to the regex, whose
    case folding knows letters `str.lower` does not (`ı` matches `i`)."""
    tail = before.rstrip().rstrip(",").rstrip()[-6:]
    if tail.isascii() and not tail.lower().endswith(_NAMING_WORDS):
        return False
    return _NAMING.search(before) is not None


_EVAL_CUE = re.compile(
    r"\b(?:benchmark\w*|evaluat\w*|experiments?|results?|achiev\w*|outperform\w*|surpass\w*|"
    r"accuracy|score\w*|test|tests|tested|testing|test sets?|datasets?|state-of-the-art|sota|performance)\b",
    re.IGNORECASE,
)
_TRAIN_CUE = re.compile(r"\b(?:pre-?)?train(?:ed|ing)? (?:\w+ )?on\b|\bcorpus|\bcorpora", re.IGNORECASE)
# "tokens sampled from X", "transcripts from X": what text or records are drawn from is a corpus.
_SOURCED = re.compile(r"\b(?:" + lexicon.SOURCE_VERBS + "|"
                      r"data|corpus|corpora|samples|examples|images|texts|documents|articles|records|splits|"
                      r"trials|transcripts|questions|problems|videos|posts|reviews|traces|dialogues|"
                      r"conversations|recordings|utterances|instances|pairs|tokens|audio|speech|clips)"
                      r"\s+from\s+(?:the\s+)?$", re.IGNORECASE)
# "95 million cell profiles from X", "2,400 images from X": counted records are drawn from a corpus.
_COUNTED_FROM = re.compile(r"(?<![\w.,])\d[\d,.]*\s*(?:[kKMB]|million|billion|thousand)?\s+(?!(?:[\w\-]+\s+){0,2}?"
                           r"(?:points|times|steps|epochs|seconds|minutes|hours|days|weeks|months|years|layers|languages)\b)"
                           r"(?:[\w\-]+\s+){0,2}[a-z\-]+s\s+from\s+(?:the\s+)?$")
# "we fine-tune A and X": what is fine-tuned is a model; "initialized from X": so is what a model comes from.
_TUNES_BEFORE = re.compile(r"\b(?:fine-?|instruction-?)tun(?:e|es|ed|ing)\s+(?:the\s+|our\s+)?" + lexicon.LISTED_SO_FAR,
                           re.IGNORECASE)
_DERIVED_FROM = re.compile(r"\b(?:initiali[sz]ed\s+(?:from|with)|fine-?tuned\s+from|distilled\s+from|upcycled\s+from|"
                           r"post-trained\s+from|pruned\s+from|merged\s+from)\s+(?:the\s+)?$", re.IGNORECASE)
_PART_OF = re.compile(r"\b(?:subsets?|splits?|portions?|partitions?|samples?|(?<=(?:rain|ning|test|tion|-out| dev)[\s\-])sets?)"
                      r"\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# ... the word before it, when there is one, says which: a training part is data, a test part a benchmark
_PART_USE = re.compile(r"(?:(train|training)|test|testing|evaluation|validation|dev|held-out)[\s\-]$", re.IGNORECASE)
_COMPARE = re.compile(r"\b(?:outperform\w*|surpass\w*|than|compared (?:with|to)|versus|vs\.?|over|"
                      r"beat(?:s|ing)?|exceed(?:s|ing|ed)?|rival(?:s|ing|led)?|ahead of|above|match(?:es|ed|ing)?|compared against|"
                      r"(?:competitive|on par|comparable) (?:with|to))\s+$", re.IGNORECASE)
_COMPARE_ENDS = ("than", "with", "to", "versus", "vs", "vs.", "over", "beat", "beats", "beating", "exceed", "exceeds",
                 "exceeding", "exceeded", "rival", "rivals", "rivaling", "rivalling", "rivalled", "ahead of", "above",
                 "match", "matches", "matched", "matching", "against")


def _may_compare(before: str) -> bool:
    """Whether `_COMPARE` can match: `before` ends in a space after a comparing word (a cheap test
    first; non-ASCII text always goes to the regex, whose case folding matches `ſ` to `s`)."""
    if not before.isascii():
        return True
    trimmed = before.rstrip().lower()
    return before[-1:].isspace() and ("outperform" in trimmed or "surpass" in trimmed or trimmed.endswith(_COMPARE_ENDS))


# Every comparing word of `_COMPARE` contains one of these.
_COMPARE_STEMS = ("outperform", "surpass", "than", "compared", "versus", "vs", "over", "beat", "exceed", "rival",
                  "ahead of", "above", "match", "competitive", "on par", "comparable")
# The names of a list so far; an item may end in a version number (`VALL-E 2`, `Gemini 1.5`).
_LISTED_BEFORE = re.compile(r"(?:[\w\-.+]+(?: \d[\w.]*)?(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))+$")


def _compared(before: str, wider: str = "") -> bool:
    """Whether a comparing word governs the name that follows `before`: "outperforms X", and
    through the list it ends ("compared to A, B and X"). `wider` (more text before the name, from
    the same end) is where a gain word that makes `over` compare may stand."""
    wider = wider or before
    if _may_compare(before) and _COMPARE.search(before):
        return not before.rstrip().endswith("over") or _over_compares(wider)
    if not before.endswith((", ", "and ", "or ")):
        return False  # not inside a list: the common case
    if before.isascii() and not any(map(before.lower().__contains__, _COMPARE_STEMS)):
        return False  # no comparing word for the list to hang from
    listed = _LISTED_BEFORE.search(before)
    head = before[: listed.start()] if listed else ""
    return bool(head) and _may_compare(head) and _COMPARE.search(head) is not None and (
        not head.rstrip().endswith("over") or _over_compares(wider))


# "averaged over X", "a distribution over X": `over` after a word of aggregating spans the things
# aggregated; elsewhere it compares ("improves over X", "gains over X").
_OVER_SPANS = re.compile(r"(?:averag\w*|aggregat\w*|pooled|summed|iterat\w*|distributions?|marginali[sz]ed)\s+over\s*$",
                         re.IGNORECASE)


# "communicate over X", "stream data over X", "runs at 50 Hz over X": after a word of carrying or
# searching (a few words back), `over` names a channel or a domain (a protocol, a bus, a collection),
# unless the sentence speaks of a gain ("improves retrieval over X", "2x faster search over X").
_OVER_CHANNEL = re.compile(r"(?:communicat\w*|transmit\w*|sent|send\w*|stream\w*|served|deliver\w*|runs?|running|routed|"
                           r"reasoning|retrieval|search|classification|data|messages?|traffic|memory|DRAM|host|tools)"
                           r"\b(?:\s+[\w.\-]+){0,3}?\s+over\s*$", re.IGNORECASE)
_OVER_GAIN = re.compile(r"(?:improv|gain|outperform|advantage|benefit|speed-?up|better|boost|increas|reduc|lift|margin|"
                        r"superior|win|edge|lead|prefer|favou?r|higher|lower|faster|surpass|exceed|"
                        r"\d\s?(?:%|x\b|\u00d7)|\bby\s+[\d.]+)", re.IGNORECASE)


def _over_compares(before: str) -> bool:
    """Whether the last `over` of `before` (a sentence's text up to a name) compares."""
    over_at = before.rfind("over")
    if _OVER_SPANS.search(before, max(0, over_at - 30), over_at + 4) is not None:
        return False
    if _OVER_CHANNEL.search(before, max(0, over_at - 60), over_at + 4) is None:
        return True  # "improves over X", "gains over X": the common case
    return _OVER_GAIN.search(before, before.rfind(". ", 0, over_at) + 1, over_at) is not None


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    type: EntityType | None
    introduced: bool = False
    direct: bool = False  # the object of the introducing verb, or defined as new
    release: bool = False  # ... and that verb releases (introduce/present/propose/release)
    strong: bool = False  # typed by its own head noun or shape, not by a weak fallback


@lru_cache(maxsize=65_536)
def is_name_like(word: str) -> bool:
    """A token shaped like a proper ML name: CamelCase, ALLCAPS, letters with digits, hyphenated caps."""
    if word.islower() or word[1:].islower() and word.isalpha():
        return False  # the common case: ordinary words
    core = word.strip("-_./")
    # Every test below only rejects, so the cheap ones go first and lexicon.is_generic last.
    if len(core) < 2 or not core[0].isalpha() or "://" in word or "@" in core:
        return False
    if core.lower() in lexicon.ORGANIZATIONS:
        return False  # `OpenAI`, `NVIDIA` alone are makers; their models have longer names
    if _NOT_NAME_SHAPE.fullmatch(core) and not _capitals_bench(core) or _VERSION_SHAPE.fullmatch(core):
        return False  # capitalised words, roman numerals, plural acronyms (LLMs, dLLMs), versions
    # both need two parts: most words have no separator, so skip the splitting
    if ("-" in core or "_" in core or "/" in core) and (_is_title_case_compound(core) or _generic_compound(core)):
        return False
    if lexicon.is_generic(core):
        return False
    if core.isascii():  # core[0] is a letter (tested above), so only a digit is asked for
        rest = core[1:]
        return rest != rest.lower() or core[0].isupper() and _DIGIT.search(core) is not None
    has_inner_upper = any(c.isupper() for c in core[1:])
    has_digit_and_alpha = any(c.isdigit() for c in core) and any(c.isalpha() for c in core)
    return has_inner_upper or (has_digit_and_alpha and core[0].isupper())


def _capitals_bench(core: str) -> bool:
    """`VBench`, `TBench`: capitals and "Bench" make a benchmark's name, though shaped like a word."""
    return core.endswith("Bench") and core[:-5].isupper()


def _generic_compound(core: str) -> bool:
    """`LLM-synthesized`, `GPT-style`: a generic term joined to ordinary lowercase words; and
    `DeepSpeed-MII`, `FAISS-IVF`: a tool's name leading, a part or a setting of the tool."""
    parts = [p for p in _SEPARATORS.split(core) if p]
    if len(parts) < 2:
        return False
    generic = [lexicon.is_generic(p) for p in parts]  # once a part, not once for `any` and again for `all`
    if generic[0] and core[len(parts[0])] == "-" and parts[0].lower() in lexicon.TOOLS:
        return True
    return any(generic) and all(g or p.islower() for g, p in zip(generic, parts))


def _is_title_case_compound(core: str) -> bool:
    """`Layer-Wise`, `Multi-Task`, `Head-to-Head`: ordinary words joined by hyphens."""
    parts = [p for p in _SEPARATORS.split(core) if p]
    return len(parts) > 1 and all(_WORDLIKE.fullmatch(p) for p in parts)


def _words(text: str, start: int = 0, end: int | None = None, known=None) -> list[tuple[int, int, str]]:
    """Name-like words as (start, end, text), without a hyphenated ordinary-word tail (`X-trained`);
    plain words only when they extend a known name (`Innovator-Reason`)."""
    end = len(text) if end is None else end
    out = []
    for at, shaped in _shaped_words(text, start, end):
        parts = _word_parts(shaped)
        if parts:  # not a plain capitalised word
            for offset, offset_end, word in parts:
                out.append((at + offset, at + offset_end, word))
    if known:
        out += [(a, b, text[a:b]) for a, b in _variant_spans(text, start, end, tuple(known)) if _PLAIN.fullmatch(text, a, b)]
    if text.find("B", start, end) >= 0:
        out += _sized_words(text, start, end)
    return out


# "Retro 48B", "Jais 30B": a plain capitalised word and a parameter count name a model. Not a
# count of something else ("Crawl 100B tokens") and not a figure or table ("Figure 3B").
_SIZED_WORD = re.compile(r"(?<![\w\-.])([A-Z][a-z]{2,}) (?:\d+x)?\d+(?:\.\d+)?B(?![\w\-])"
                         r"(?!\s+(?:tokens|parameters|params|words|images|samples|examples|pairs|documents)\b)")
_DOCUMENT_PARTS = frozenset("fig figure table section appendix panel eq equation step stage phase part round".split())


def _sized_words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out = []
    for m in _SIZED_WORD.finditer(text, start, end):
        word = m.group(1)
        # an everyday word is a name only mid-sentence, where it keeps its capital for being one
        common = 3.0 if lexicon.sentence_initial(text, m.start()) else 4.0
        if word.lower() not in _DOCUMENT_PARTS and lexicon.zipf_frequency(word.lower(), "en") < common:
            out.append((m.start(), m.end(), m.group(0)))
    return out


@lru_cache(maxsize=65_536)
def _word_parts(shaped: str) -> tuple[tuple[int, int, str], ...]:
    """The names in one shaped word, as (start, end in it, text); cached, as the same words recur."""
    if _PLAIN.fullmatch(shaped) or _COMPARISON_TAIL.search(shaped):
        return ()  # `FooNet-style`, `X-level`: a kind compared with, not a mention
    if "/" not in shaped:  # one part (the common case); only a hyphen starts a tail word
        word = _TAIL_WORD.sub("", shaped) if "-" in shaped else shaped
        return ((0, len(word), word),) if word else ()
    out, offset = [], 0
    # `DINOv2-B/14`, `ViT-L/14`: a slash before a patch size is part of the name; other
    # slashes join shorthand variants ("LLaMA-8B/70B"), kept only when a part is a name.
    for part in _SLASH.split(shaped):
        word = _TAIL_WORD.sub("", part)
        if word and (offset == 0 or word[0].isalpha()):
            out.append((offset, offset + len(word), word))
        offset += len(part) + 1
    return tuple(out)


_COMPARISON_TAIL = re.compile(r"-(?:like|style|level|class|type|sized|scale)$")


# After a title's name: a hyphenated variant tail (`Innovator-Reason`), then the word's end.
_VARIANT_TAIL = re.compile(r"(?:[-_][\w\-]*\w)?(?![\w\-])")


def _variant_spans(text: str, start: int, end: int, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """A title's names and their hyphenated variants (`Innovator`, `Innovator-Reason`) in
    text[start:end], left to right and not overlapping, the first name winning at one place:
    what one regex alternation of the names would find, without compiling one for every paper."""
    out, pos = [], start
    if "" in names:  # an empty name would match everywhere, never advancing
        names = tuple(name for name in names if name)
    while names:
        best = None
        for name in names:
            found = _variant_at(text, name, pos, end)
            if found is not None and (best is None or found[0] < best[0]):
                best = found
        if best is None:
            return out
        out.append(best)
        pos = best[1]
    return out


def _variant_at(text: str, name: str, pos: int, end: int) -> tuple[int, int] | None:
    """The first place from `pos` where `name` starts a word and ends it or a variant of it."""
    at = text.find(name, pos, end)
    while at >= 0:
        tail = _VARIANT_TAIL.match(text, at + len(name), end) if _NAME_START.match(text, at) else None
        if tail is not None:
            return at, tail.end()
        at = text.find(name, at + 1, end)
    return None


# A word with a capital after its first letter, a digit or a '+': only these can be names, and
# the look-ahead lets the regex engine skip ordinary lowercase words without a Python step.
# (The look-behind is shared by both alternatives, so a position inside a word fails after one
# test, and an all-lowercase word is rejected by one forward scan, without backtracking.)
# The second look-ahead skips a plain capitalised word (`We`, `The`, `Multi-task`: `_PLAIN`,
# maybe before trailing `.-/` the match leaves out), which `_word_parts` would drop anyway.
_SHAPED_WORD = re.compile(r"(?<![\w\-])(?![a-z]++(?![\w.+\-/]))"
                          r"(?!(?:[a-z][a-z\-]*|[A-Z][a-z]+(?:-[a-z]+)*)[.\-/]*(?![\w.+\-/]))"
                          r"(?:(?=[\w.+\-/]*[A-Z0-9+])[A-Za-z0-9][\w.+\-/]*[\w+]|[A-Z]\b)")
# `_SHAPED_WORD` led by the separator its look-behind asks for: a pattern opening with a character
# class lets the regex engine skip to the next separator in C instead of trying every position.
_AFTER_SEPARATOR = re.compile(r"[^\w\-](" + _SHAPED_WORD.pattern.removeprefix(r"(?<![\w\-])") + ")")


def _shaped_words(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(start, text) of each `_SHAPED_WORD.finditer(text, start, end)` match, found faster."""
    if start == 0:  # no separator before the text: the first word is tried on its own
        first = _SHAPED_WORD.match(text, 0, end)
        out, pos = ([(0, first.group())], first.end()) if first else ([], 0)
        return out + [(m.start(1), m.group(1)) for m in _AFTER_SEPARATOR.finditer(text, pos, end)]
    # a word at `start` follows text[start - 1], as the look-behind sees it (it looks before `start` too)
    return [(m.start(1), m.group(1)) for m in _AFTER_SEPARATOR.finditer(text, start - 1, end)]


# A patch size follows a capital or a one-letter lowercase size too (`ViT-g/14`, `EVA-e/14`).
_SLASH = re.compile(r"(?<![A-Z])(?<!-[a-z])/|/(?!\d{1,2}\b)")
_PLAIN = re.compile(r"[a-z][a-z\-]*|[A-Z][a-z]+(?:-[a-z]+)*")
_TAIL_WORD = re.compile(r"(?:-(?:trained|based|like|style|only|generated|derived|specific|aware|guided|driven|free|level|scale|sized|"
                        r"but|and|or|with|the|to|style|powered|enhanced|augmented|tuned|finetuned|series|family|variants?|"
                        r"compatible|filtered|annotated|labell?ed|synthesi[sz]ed|curated|translated|distilled|selected|"
                        r"assisted|written))+$")


def _head_after(text: str, end: int, head_type=lexicon.head_type) -> EntityType | None | bool:
    """Type from a compound head ("X benchmark") or an appositive ("X, a new benchmark for")."""
    tail = text[end : end + 90]
    compound = _COMPOUND_HEAD.match(tail)
    if compound and (compound.group(2) != "data" or _DATA_ENDS.match(tail, compound.end())):
        kind = head_type(compound.group(2))
        if kind is not None and (not compound.group(1) or compound.group(1).strip().lower() in _ADJ_OK):
            if isinstance(kind, EntityType) and not compound.group(1) and _CATEGORY_LIST.match(tail, compound.end()):
                return False  # "VLN benchmarks including A, B": X names the kind the list's items share
            return kind
    if tail.startswith((" and ", " or ")):
        shared = _SHARED_HEAD.match(tail)  # "the A and B datasets": a plural head both share
        if shared:
            return head_type(shared.group(1))
    appositive = _APPOSITIVE.match(tail)
    if appositive:
        phrase = _PHRASE_END.split(appositive.group(1))[0].split()
        if (" is " in tail or " are " in tail or " was " in tail or " were " in tail) and _COPULA.intersection(phrase):
            return None  # "X, our model is best": a new clause's subject, no appositive
        for n in range(len(phrase) - 1, -1, -1):
            word = phrase[n]
            role = _SET_KINDS.get(phrase[n - 1].lower()) if n and word.lower() in _SET_WORDS else None
            kind = role or head_type(word)  # "X, a training split", "X, a test set": the set's role
            if kind is EntityType.MODEL and n and word.lower().startswith("polic") \
                    and phrase[n - 1].lower() in _RULE_POLICIES:
                kind = False  # "X, a cache eviction policy": a rule of a system, not a learned policy
            if kind is not None and n + 1 < len(phrase) and _DEFINITE_OPENER.match(tail) \
                    and _new_subject(phrase[n + 1]):
                return None  # "On X, our model improves", "X, our model Foo-7B reaches": a clause of its own
            if kind is not None:
                return _evaluation_data(tail, appositive.start(1), kind)
        if _DIGIT.search(appositive.group(1)) and any(map(_PARAMETER_COUNT.fullmatch, phrase)):
            return EntityType.MODEL  # "X, a 300M variant": only a model is sized by its parameters
    return None


_COPULA = frozenset({"is", "are", "was", "were"})


_RULE_POLICIES = frozenset("""eviction caching cache scheduling replacement routing pricing admission retention
    privacy security usage access sampling retry backoff""".split())
_DEFINITE_OPENER = re.compile(r"\s*,\s*(?:our|the)\s")


def _new_subject(after_head: str) -> bool:
    """Whether the word after an appositive's head noun shows the noun is a new clause's subject:
    a verb in -s ("our model improves") or a name ("our model Foo-7B")."""
    if after_head.islower():
        return after_head.endswith("s") and not after_head.endswith("ss")
    return is_name_like(after_head)
_PARAMETER_COUNT = re.compile(r"\d+(?:\.\d+)?[MB](?:-param(?:eter)?s?)?")


_SHARED_HEAD = re.compile(r"\s+(?:and|or)\s+[\w\-.+]+\s+(datasets|corpora|benchmarks|suites|formats?|licen[cs]es?)\b")
_CATEGORY_LIST = re.compile(r"(?<=s)\s*(?:(?:\(\s*)?(?:,\s*)?(?:including|such as|like|e\.g\.|namely)\b|\((?=[^()]{0,80},))")


# "X data, and", "X data from": `data` heads the phrase; in "X data type" it only modifies `type`.
_DATA_ENDS = re.compile(r"\s*(?:[,.;:)]|$|(?:and|or|for|from|of|to|in|on|with|is|are|was|were|that|which|as|by)\b)")


_MADE_TO_EVALUATE = re.compile(r"[^.;]{0,80}?\b(?:designed|built|curated|intended|meant)\s+(?:to|for)\s+"
                               r"(?:evaluat|assess|benchmark|test)", re.IGNORECASE)


def _evaluation_data(tail: str, at: int, kind: EntityType | bool) -> EntityType | bool:
    """"X, a dataset … designed to evaluate Y" is a benchmark (a set made to evaluate on)."""
    if kind is EntityType.DATASET and _MADE_TO_EVALUATE.match(tail, at):
        return EntityType.BENCHMARK
    return kind


_APPOSITIVE = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:,|:|\u2014|--|is|as)\s*(?:an?|the|our|which (?:is|was)(?:\s+\w+)?\s+(?:an?|the))\s+"
                         r"((?:[\w\-]+\s*){1,7})")
# (a word of a hyphenated compound ends nothing: "a mixture-of-experts encoder")
_PHRASE_END = re.compile(r"(?<![\w\-])(?:for|of|that|which|with|to|in|on|from|trained|designed|built|where|and|or|by)"
                         r"(?![\w\-])|[,.;:(]")
_ADJ_OK = {"test", "evaluation", "training", "pretraining", "pre-training", "reasoning", "language", "vision", "base"}


def _head_before(text: str, start: int, end: int, head_type=lexicon.head_type) -> EntityType | None | bool:
    """Type from the head noun right before a name ("a new benchmark called X", "the dataset X")."""
    before = _CLAUSE_END.split(text[max(0, start - 60) : start])[-1]
    trimmed = before.rstrip(" ,")
    named = _ends_naming(trimmed)
    ends_clause = before.rstrip().endswith(",") and "e.g.," not in before[-8:]  # "(e.g., X" opens a list
    if ends_clause and not named:
        kind = _head_of_phrase(before, text, end)  # "a curated set of 12k problems, X." (not "In a suite of tests, X wins")
        if kind:
            return kind
    if ends_clause and not named and not _LIST_GOES_ON.match(text, end):
        # "... across HAR datasets, X reduces": a clause boundary, not "two benchmarks, X and Y"
        return None
    before = (_NAMING.sub("", trimmed) if named else trimmed).rstrip(" (")
    if named:
        # "a new benchmark of 500 questions, called X", "a corpus of 80B points that we call X":
        # the indefinite phrase the naming word follows says what X is
        kind = _head_of_phrase(before.rstrip(" ,") + ",", text, end)
        if kind:
            return kind
    if before.endswith((" and", " or", " as")):
        kind = _coordinated_head(before, head_type)
        if kind:
            return kind
    if before.endswith(_LIST_CUES):
        kind = _list_head(before, head_type)
        if kind:
            return kind
    words = _PLAIN_WORDS.findall(before)[-2:]
    if not words:
        return None
    last = words[-1].lower()
    if last in _SET_WORDS and len(words) == 2:
        kind = _SET_KINDS.get(words[0].lower())  # "the external test set (X)", "training data from"
        if kind is not None:
            return kind
    if last in _WEAK_BEFORE and not named:  # "the model X" is vague, "a model called X" is not
        return head_type(words[-1]) if last[-1] == "s" and _opens_bracket_list(text, start, end) else None
    return head_type(words[-1])


_RELEASED_AS = re.compile(r"\b(?:releas|publish|open-sourc|shar)\w*\s+(?:the|our|all)\s+(?:[\w\-]+\s+){0,3}?([a-z]+)"
                          r"\s+(?:publicly\s+)?as$", re.IGNORECASE)
# "the Foo-18 suite and X": X is a second thing of the kind named just before the "and".
_NAME_HEAD_AND = re.compile(r"(?<![\w\-])[\w\-.+]*[A-Z0-9][\w\-.+]*\s+([a-z]+)\s+(?:and|or)$")


def _coordinated_head(before: str, head_type) -> EntityType | None:
    """The head noun a name is joined to by "and" ("the Foo-18 suite and X") or released as ("we
    release the training data as X"), when it names an entity kind."""
    if before.endswith(" as"):
        m = _RELEASED_AS.search(before)
    else:
        m = _NAME_HEAD_AND.search(before, max(0, len(before) - 50))
    kind = head_type(m.group(1)) if m else None
    return kind if isinstance(kind, EntityType) else None


# "a new dataset of 40k long videos, X", "a 28M model, X": an indefinite head noun (what it holds),
# then its name.
_HEAD_OF_PHRASE = re.compile(r"(?:an?|our)\s+(?:[\w\-.]+\s+){0,2}?([a-z]+)(?:\s+of\s+(?:[\w\-.]+\s+){0,5}?[\w\-]+)?\s*,\s*$")


def _head_of_phrase(before: str, text: str, end: int) -> EntityType | None:
    at = max(before.rfind(" a "), before.rfind(" an "), before.rfind(" our "))
    if at < 0 or _SUBJECT_VERB.match(text, end):
        return None  # no indefinite head (most commas), or the name is a subject: "In a study, X wins"
    m = _HEAD_OF_PHRASE.match(before, at + 1)
    kind = lexicon.head_type(m.group(1)) if m else None
    return kind if isinstance(kind, EntityType) else None


def _opens_bracket_list(text: str, start: int, end: int) -> bool:
    """"embedding models (A-S, A-M and A-L)": a bracketed list right after a plural head names its
    members (one bracketed name after it may be a short form or an aside instead)."""
    if text[start - 1 : start] != "(":
        return False
    close = text.find(")", end, end + 120)
    inside = text[end:close] if close > 0 else ""
    return "," in inside or " and " in inside


_LIST_CUES = ("such as", "including", "e.g.", "e.g.,")
_LISTED_AFTER = re.compile(r"([\w\-]+)\s*\(?\s*(?:such as|including|e\.g\.,?)\s*$")


def _list_head(before: str, head_type) -> EntityType | None:
    """"cellular datasets (such as X", "benchmarks including X": the noun a list hangs from types it
    (only an entity noun: "tasks such as X" leaves X to other cues)."""
    m = _LISTED_AFTER.search(before)
    kind = head_type(m.group(1)) if m else None
    return kind if isinstance(kind, EntityType) else None


_LIST_GOES_ON = re.compile(r"\s*(?:,|\(|and\b|or\b)")
_WEAK_BEFORE = {"data", "set", "test", "tests", "evaluation", "models", "model", "llms", "llm"}
# "test set X", "training split X": the set's role types what it names.
_SET_WORDS = {"set", "sets", "split", "splits", "data", "cohort", "cohorts"}
_SET_KINDS = {"test": EntityType.BENCHMARK, "evaluation": EntityType.BENCHMARK, "benchmark": EntityType.BENCHMARK,
              "training": EntityType.DATASET, "pretraining": EntityType.DATASET, "pre-training": EntityType.DATASET}


# `AccentCorpus`, `Foo-Dataset`: a name ending in a data head is a dataset's.
_DATA_IN_NAME = re.compile(r"(?<=[a-z0-9\-_])(?:Corpus|Corpora|Dataset)$")


# `X-test`, `X_train`: a split named by its use (not `-dev`: `FLUX.1-dev` is a model's release tag)
_TEST_SPLIT = ("-test", "-Test", "_test")
_TRAIN_SPLIT = ("-train", "-Train", "_train")


def _type_of(text: str, start: int, end: int, word: str, head_type=lexicon.head_type) -> EntityType | None | bool:
    if _BENCH.search(word) or word.endswith(_TEST_SPLIT):
        return EntityType.BENCHMARK
    if word.endswith(_TRAIN_SPLIT):
        return EntityType.DATASET
    kind = _head_after(text, lexicon.name_end(text, end), head_type)  # `MHERCL v0.1, a benchmark`
    if kind is None and text[end : end + 1] == ")" and text[start - 1 : start] == "(":
        kind = _head_after(text, end + 1, head_type)  # "Storm Harmony (StormHarmonix), a model": the long form's
    if kind is None:
        kind = _head_before(text, start, end, head_type)
    if kind is None and (_SIZE.search(word) or _model_suffix(word)) and not _drawn_from(text, start):
        return EntityType.MODEL
    return kind


def _drawn_from_list(text: str, start: int) -> bool:
    """Whether the name at `start` is (in a list) what records are drawn from: "from the A and B"."""
    before = text[max(0, start - 90) : start]
    listed = _LISTED_BEFORE.search(before) if before.endswith((", ", "and ", "or ")) else None
    head = before[: listed.start()] if listed else before
    return _SOURCED.search(head) is not None or _COUNTED_FROM.search(head) is not None


_LIST_ENDS = (", ", "and ", "or ")


def _trained_on_list(text: str, start: int) -> bool:
    """Whether the name at `start` is (in a list) what a model is trained on: "trained on A and B"."""
    if lexicon.trained_on_before(text, start):
        return True
    return text.endswith(_LIST_ENDS, 0, start) and _trained_on_listed(text, start)


def _trained_on_listed(text: str, start: int) -> bool:
    """`_trained_on_list` for a name after a list separator, not right after "on"."""
    before = text[max(0, start - 90) : start]
    if "on " not in before or "train" not in before and "tun" not in before:
        return False  # no training verb with an "on" to take the list
    listed = _LISTED_BEFORE.search(before)
    if listed is None or not lexicon.trained_on_before(text, start - len(before) + listed.start()):
        return False
    # "Trained on A and B, X reaches ...": X is the subject after an opening phrase, not a third corpus
    return not (before.endswith(", ") and _opening_phrase_ends(text, start - 2, start))


def _drawn_from(text: str, start: int) -> bool:
    """"subsets of DataComp-1B", "pairs sampled from LAION-2B": a size counts a corpus's items here."""
    before = text[max(0, start - 40) : start]
    return (" of " in before and _PART_OF.search(before) is not None
            or "from" in before and _SOURCED.search(before) is not None)


def _model_suffix(word: str) -> bool:
    cut = max(word.rfind("-"), word.rfind("_"), word.rfind(" "))
    return cut > 0 and word[cut + 1 :] in _MODEL_SUFFIXES


def _title_candidates(text: str, title_end: int) -> list[Candidate]:
    """The `X:` of a title names what the paper introduces."""
    title = text[:title_end]
    m = _TITLE_SINGLE.match(title)
    if not m or not _title_name_shape(m.group(1)):
        m = _versioned_title_name(title) or _words_title_name(title, text)
        if m is None:
            return []
    name = m.group(1)
    kind = _context_type(text, name, title[m.end():])
    if kind is False or lexicon.is_generic(name):
        return []
    if kind is _PROCEDURE:
        return [Candidate(m.start(1), m.end(1), None)]  # no entity, but its sized checkpoints are (`_match`)
    return [Candidate(m.start(1), m.end(1), kind or EntityType.MODEL, introduced=True, direct=True, release=True)]


# How an abstract speaks of a procedure that acts on models, never of a trained model itself:
# it needs no training (in a sentence that names it), models are trained with it or it is applied
# to them, it lets models do something, or it is weighed against "other methods".
_NEEDS_NO_TRAINING = re.compile(
    r"\btraining-free\b|\bplug-and-play\b|\bwithout\s+(?:requiring\s+|needing\s+|any\s+)?(?:re-?)?training\b|"
    r"\b(?:requires?|needs?)\s+no\s+(?:additional\s+)?(?:re-?)?training\b|"
    r"\bdoes\s+not\s+require\s+(?:[\w\-]+\s+){0,3}?(?:training|fine-tuning)\b|"
    r"\bwithout\s+requiring\s+fine-tuning\b", re.IGNORECASE)
_TRAINED_WITH_BEFORE = re.compile(r"\b(?:trained|fine-tuned|optimi[sz]ed|aligned)\s+(?:with|using|via)\s+$", re.IGNORECASE)
_APPLIED_BEFORE = re.compile(r"\bapply(?:ing)?\s+$", re.IGNORECASE)
_TO_MODELS_AFTER = re.compile(r"\s+to\s+(?:an?\s+|the\s+|our\s+)?(?:[\w\-]+\s+){0,3}?(?:llms?|models?|vlms?|mllms?)\b",
                              re.IGNORECASE)
_USED_ON_MODELS_AFTER = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,\s*an?\s+(?:[\w\-]+\s+){0,3}?(?:framework|method|approach|recipe|technique)\s+"
    r"for\s+(?:[\w\-]+\s+){0,2}?(?:training|fine-tuning|pre-?training|post-training|adaptation|alignment|distillation|"
    r"compression|pruning|merging|quanti[sz]ation)\b|"
    r"\s+(?:enables|allows|helps|lets|empowers|teaches)\s+(?:[\w\-]+\s+){0,4}?(?:llms?|models?|vlms?|mllms?)\s+to\b|"
    r"[^.;]{0,80}?\bother\s+(?:[\w\-]+\s+){0,3}?(?:methods|approaches|techniques|strategies|algorithms)\b",
    re.IGNORECASE)
_NO_TRAINING_WORDS = ("-free", "lug-and-play", "without", "no training", "no additional", "not require")


def _names_a_procedure(text: str, name: str) -> bool:
    """Whether a title name that nothing types is a procedure applied to models, not a model."""
    no_training = any(word in text for word in _NO_TRAINING_WORDS)  # most abstracts: none
    for start, end in _occurrences(text, name):
        before = text[max(0, start - 30) : start]
        if _TRAINED_WITH_BEFORE.search(before) or _USED_ON_MODELS_AFTER.match(text, end):
            return True
        if _APPLIED_BEFORE.search(before) and _TO_MODELS_AFTER.match(text, end):
            return True  # "we apply X to a 1B model"
        if no_training and _NEEDS_NO_TRAINING.search(text, *lexicon.sentence_bounds(text, start)):
            return True
    return False


def _procedure_checkpoints(found: list[Candidate], text: str, name: str) -> list[Candidate]:
    """`HarpRL-7B` of a training framework `HarpRL`: a sized checkpoint the procedure made is the
    paper's own model, though the procedure is no entity."""
    prefix = name + "-"
    return [replace(c, introduced=True, direct=True) if c.type is EntityType.MODEL and text.startswith(prefix, c.start)
            and _SIZE.search(text, c.start + len(name), c.end) else c for c in found]


# The end of a title's name: a colon or dash, or "(Technical) Report" closing the title.
_TITLE_NAME_END = r"(?:\s+(?:Technical\s+)?Report\s*$|(?:\s+(?:Technical\s+)?Report)?\s*(?::|--|\u2014)\s)"
_TITLE_SINGLE = re.compile(r"\s*([^:\s]{2,40})" + _TITLE_NAME_END)
_TITLE_VERSIONED = re.compile(r"\s*(?:([A-Z][\w\-]*)\s+)??((?:[A-Z][\w.\-]*\s+){1,2}v?\d+(?:\.\d+)*)" + _TITLE_NAME_END)
_SERIES_WORDS = {"task", "subtask", "track", "part", "stage", "phase", "step", "chapter", "round", "level", "shared"}


_TITLE_WORDS = re.compile(r"\s*((?:[A-Z][a-z][\w\-]*\s+){1,2}[A-Z][a-z][\w\-]*)" + _TITLE_NAME_END)


def _words_title_name(title: str, text: str) -> re.Match | None:
    """`Foo Bars: A Bilingual Dataset and ...`: capitalised words name a dataset or benchmark the
    title's head phrase announces. A model's title often opens with a slogan instead, so a model
    needs the abstract to name it again (`Brain Harmony: A Foundation Model ...`, "We present Brain
    Harmony, ...")."""
    m = _TITLE_WORDS.match(title)
    if m is None:
        return None
    head = _title_head(title[m.end():])
    if head not in (EntityType.DATASET, EntityType.BENCHMARK) and not (
            head is EntityType.MODEL and text.find(m.group(1), len(title)) >= 0):
        return None
    words = m.group(1).split()
    if words[0].lower() in _ARTICLES or any(lexicon.head_type(w) is not None or lexicon.is_generic(w) for w in words):
        return None
    return m


_ARTICLES = {"the", "a", "an", "towards", "toward", "on", "when", "why", "how", "what", "beyond"}


def _versioned_title_name(title: str) -> re.Match | None:
    """`Gemma 3 Technical Report`, `NVIDIA Nemotron Nano 2: ...`: words and a version number name a
    release (a leading maker is not part of it); `SemEval Task 4:` numbers a part of a series."""
    m = _TITLE_VERSIONED.match(title)
    if m is None or m.group(1) and m.group(1).lower() not in lexicon.ORGANIZATIONS:
        return None
    words = m.group(2).split()
    if any(w.lower() in _SERIES_WORDS or lexicon.is_generic(w) for w in words[:-1]):
        return None
    return re.match(r"\s*(?:\S+\s+)?" * bool(m.group(1)) + r"\s*(" + re.escape(m.group(2)) + ")", title)


def _title_name_shape(name: str) -> bool:
    """Before a title's colon even plain shapes are names: `Innovator`, `Mixture-of-Mamba`, `1.5-Pints`."""
    if lexicon.is_generic(name) or not re.search(r"[A-Za-z]{2}", name):
        return False
    return bool(is_name_like(name) or re.fullmatch(r"[A-Z][a-z]+[A-Z]?[a-z]*", name)
                or _is_title_case_compound(name) or re.fullmatch(r"\d+(?:\.\d+)?-[A-Z][\w\-]+", name))


_NAME_START = re.compile(r"(?<![\w\-])")
_NAME_END = re.compile(r"(?![\w+]|-\w)")


def _occurrences(text: str, name: str) -> Iterator[tuple[int, int]]:
    """Where `name` stands as a word of its own: the spans `re.finditer` gives for `_NAME_START`,
    the name, then `_NAME_END` — without compiling a pattern for every paper's name."""
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        if _NAME_START.match(text, at) and _NAME_END.match(text, end):
            yield at, end
            at = text.find(name, end)
        else:
            at = text.find(name, at + 1)


def _context_type(text: str, name: str, title_rest: str) -> EntityType | None | bool | str:
    """Type a title name by how the abstract describes it (most common head wins), else by the title."""
    kinds = [_type_of(text, start, end, name, _strict_head_type) for start, end in _occurrences(text, name)]
    typed = [k for k in kinds if isinstance(k, EntityType)]
    if len(typed) > 1 and kinds[0] is EntityType.MODEL and typed[0] not in typed[1:] and \
            (_SIZE.search(name) or _model_suffix(name)):
        # the title's own `X:` has no head noun, only a guess by shape (`X-Instruct`, `X-7B`), which
        # the abstract's descriptions outvote: "We compile X-Instruct, an instruction dataset"
        typed = typed[1:]
    if typed:
        # `dict.fromkeys` keeps the order of first description, so a tie goes to the earlier one; a set's
        # order follows string hashing, which differs from process to process.
        return max(dict.fromkeys(typed), key=typed.count)
    head = _title_head(title_rest)
    if head is not None:
        return head
    if False in kinds:
        return False  # described only as an objective, a pipeline, an engine: never a trained model
    if _names_a_procedure(text, name):
        return _PROCEDURE  # stronger than a head word anywhere in the title ("... for Agents")
    for word in re.findall(r"[\w\-]+", title_rest)[::-1]:
        kind = lexicon.head_type(word) if word.lower() not in _WEAK_BEFORE else None
        if kind:
            return kind
    return None


# The head phrase of a title's rest ends where its first prepositional phrase starts.
_TITLE_HEAD_END = re.compile(
    r"\b(?:for|of|with|via|in|on|using|through|to|from|by|across|towards?|under|at|as|beyond)\b|[,:?!]", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _strict_head_type(word: str) -> EntityType | None | bool | str:
    """`lexicon.head_type`, but "framework", "method", "approach" give `_LOOSE`: papers name trained
    models so too, so only heads that never name one (objective, pipeline, engine) say False."""
    kind = lexicon.head_type(word)
    if kind is False and word.lower() not in lexicon.NEVER_MODEL_HEADS:
        return _LOOSE
    return kind


_MEASURING = frozenset({"benchmarking", "evaluating", "assessing", "measuring", "testing"})
_LOOSE = "loose"
_PROCEDURE = "procedure"  # `_context_type`: a procedure applied to models, no entity


def _title_head(title_rest: str) -> EntityType | bool | None:
    """The kind a title's head phrase names ("X: A Benchmark and Framework for ..." names a benchmark;
    "X: ... Compute Engine" a tool, False): an entity head wins over a non-entity one."""
    words = _PLAIN_WORDS.findall(_TITLE_HEAD_END.split(title_rest, 1)[0])
    if words and len(words[0]) > 5 and words[0].endswith("ing"):
        # "X: Training Web Agents ...": an activity, whose object does not say what X is; but what
        # measures ("X: Benchmarking Tool Use in Agents") is a benchmark
        return EntityType.BENCHMARK if words[0].lower() in _MEASURING else None
    kinds = [_strict_head_type(w) for w in words if w.lower() not in _WEAK_BEFORE]
    typed = [k for k in kinds if isinstance(k, EntityType)]
    if typed:
        return typed[-1]
    return False if False in kinds else None


# "we introduce Serengeti, a robot policy", "we present ECG-FM, a foundation model": the object
# of a releasing verb, defined at once by an entity head, is a name however plain its word (a
# capitalised word, or generic parts joined) -- a common word is not given such a definition.
_RELEASING = frozenset({"introduce", "introduces", "present", "presents", "propose", "proposes"})
_PLAIN_NAME = re.compile(r"[A-Z][\w\-]*[A-Za-z0-9]")
_APPOSITION_OPENS = (", a ", ", an ", ": a ", ": an ")
# (three verbs only: each is one scan of the whole text, and these three name nearly every new thing)
_RELEASING_STEMS = ("introduce", "present", "propose")


def _plain_intro_names(text: str) -> list[Candidate]:
    """Plain or generic-looking words that a releasing verb introduces with a typing appositive
    (names of other shapes are the word loop's), in the whole text at once: few texts have one."""
    out = []
    for verb in _RELEASING_STEMS:
        at = text.find(verb)
        while at >= 0:  # "<verb>s? <Word>, a": string operations, then the appositive's head
            word_at = text.find(" ", at) + 1
            # a capital after the verb first: "presented", "we propose a" fail here
            m = _PLAIN_NAME.match(text, word_at) if text[word_at : word_at + 1].isupper() else None
            if m and text.startswith(_APPOSITION_OPENS, m.end()) and _releasing_word(text, at, word_at - 1):
                word = m.group()
                kind = _head_after(text, m.end()) if not is_name_like(word) and not (word.isupper() and len(word) < 3) else None
                if isinstance(kind, EntityType):
                    out.append(Candidate(m.start(), m.end(), kind, True, True, True, True))
            at = text.find(verb, at + len(verb))
    return out


def _releasing_word(text: str, at: int, end: int) -> bool:
    """Whether text[at:end] is a whole word of `_RELEASING` (not "represent", "presentation")."""
    return (at == 0 or not text[at - 1].isalnum()) and text[at:end].lower() in _RELEASING


def _sentence_candidates(text: str, sent: tuple[int, int, str], families: "Families | None" = None,
                         known: dict[str, EntityType] | None = None, markup: bool = True,
                         plain: tuple[Candidate, ...] = ()) -> list[Candidate]:
    """Candidates in one sentence; `markup=False` says the text has no URL, e-mail or LaTeX sign;
    `plain` holds the text's plain introduced names (`_plain_intro_names`)."""
    sent_start, sent_end, sent_text = sent
    plain = [c for c in plain if sent_start <= c.start < sent_end] if plain else []
    words = _words(text, sent_start, sent_end, known)
    if not words:
        return plain  # most sentences: no name-shaped word at all
    # Searched on first need: many sentences have no candidate, most words no fallback.
    intro_at, intro_searched, evaluate_at = None, False, None
    cues = _Cues(sent_text)
    found = plain
    for w_start, w_end, word in words:
        head = _HEAD_PART.split(word, 1)[0] if "-" in word or "_" in word else word
        variant_of = _known_type(known, head) if known else None
        if variant_of is None and families is not None and head != word:
            variant_of = families.member_of(head, word)
        if variant_of is None and not is_name_like(word) and not _listed_model(text, w_start, word, cues) \
                and not (text[w_start - 2 : w_start] == ", " and _named_as_own(text, w_start)):
            continue  # plain words, unless named as the paper's own ("our model, Whisper-Fast,")
        if markup and lexicon.in_markup(text, w_start, w_end) or lexicon.names_a_kind(text, w_start, w_end):
            continue
        kind = _type_of(text, w_start, w_end, word)
        if kind is None:  # `or` would let a title variant overrule False ("the LaMP-X metric")
            kind = variant_of
        if kind is False:
            continue
        if not intro_searched:
            intro = _intro_verb(sent_text)
            intro_at, intro_searched = (sent_start + intro.end() if intro else None), True
            evaluate_at = _evaluating_verb(text, intro_at, sent_end) if intro else None
        # the verb's object: the first name after it ("we present X, a model with Y": X, not Y)
        first_after = intro_at is not None and 0 <= w_start - intro_at < 40 and not any(c.start >= intro_at for c in found)
        direct = first_after or kind is not None and _defined_as_new(text, w_end) or _named_as_own(text, w_start) \
            or kind is EntityType.MODEL and text.endswith(_OBTAINED_ENDS, 0, w_start) and _obtained(text, w_start)
        introduced = direct or (intro_at is not None and 0 <= w_start - intro_at < 160
                                and not (evaluate_at is not None and evaluate_at < w_start))
        strong = kind is not None
        if kind is None:
            trained_on = lexicon.trained_on_before(text, w_start) or text.endswith(_LIST_ENDS, 0, w_start) \
                and _trained_on_listed(text, w_start)
            kind = EntityType.DATASET if trained_on else _fallback_type(text, w_start, word, introduced, cues, families)
            # "we train on tokens sampled from X", "we train encoders on X": X is used, not introduced
            # ... and "95 million transcriptomes from X": counted records come from X
            sourced = kind is EntityType.DATASET and "from" in text[max(0, w_start - 70) : w_start] and (
                _SOURCED.search(text, max(0, w_start - 40), w_start) or _COUNTED_FROM.search(text, max(0, w_start - 70), w_start))
            introduced = introduced and not sourced and not trained_on
        elif introduced and not direct and kind is EntityType.DATASET and "from" in text[max(0, w_start - 90) : w_start]:
            introduced = not _drawn_from_list(text, w_start)  # "recordings from the A and B datasets"
        elif introduced and not direct and kind is EntityType.DATASET:
            introduced = not _trained_on_list(text, w_start)  # "X, made by tuning Y on D": D is used
        release = first_after and bool(_RELEASE_VERB.search(text[max(0, intro_at - 30) : intro_at]))
        if strong and kind is not EntityType.MODEL:
            w_start = _acronyms_before(text, w_start, w_end, sent_start)
        name_end = lexicon.name_end(text, w_end, kind)
        if kind is EntityType.BENCHMARK and text.startswith(" Challenge", name_end):
            name_end = lexicon.name_end(text, name_end + 10)  # a capitalised "Challenge" is part of the name
        found.append(Candidate(w_start, name_end, kind, introduced, direct, release, strong))
    return found


# "We create X and evaluate A and B on it": a second verb of the sentence tests what follows it.
_EVALUATE_VERB = re.compile(r"\b(?:and|then|we)\s+(?:also\s+|then\s+|further\s+)?(?:evaluate|compare|test|benchmark|assess)\b")


def _evaluating_verb(text: str, intro_at: int, sent_end: int) -> int | None:
    """Where an evaluating verb after the introducing one ends: what follows it is evaluated or
    compared, so used, not introduced (searched once for a sentence with an introducing verb)."""
    rest = text[intro_at:sent_end]
    if "evaluate " not in rest and "compare " not in rest and "test " not in rest \
            and "benchmark " not in rest and "assess " not in rest:
        return None  # substring tests first: most sentences have no second verb
    m = _EVALUATE_VERB.search(rest)
    return intro_at + m.end() if m else None


# What `lexicon.in_markup` looks for in the words around a name: a text with none of them has no
# markup anywhere (tests/test_discover_speed.py checks the two agree).
_MARKUP_SIGNS = ("://", "www.", "\\", "@")


def _may_have_markup(text: str) -> bool:
    """False when no word of `text` can be in markup, so `lexicon.in_markup` need not be asked."""
    return any(sign in text for sign in _MARKUP_SIGNS)


# Capitalised acronyms right before a name ("the METU XYZ dataset", "the CT RATE corpus").
_ACRONYMS_BEFORE = re.compile(r"(?<![\w\-])(?:[A-Z][A-Z0-9]+ )+$")
_DATA_HEAD_AFTER = re.compile(r" (?:dataset|datasets|corpus|corpora|benchmark|benchmarks)\b")


def _acronyms_before(text: str, start: int, end: int, sent_start: int) -> int:
    """Where a data name starts when acronyms come before it and a data head noun after it: all
    the capitalised words in front of the head belong to the name ("METU XYZ dataset")."""
    if text[start - 1 : start] != " " or not _DATA_HEAD_AFTER.match(text, end):
        return start
    m = _ACRONYMS_BEFORE.search(text, max(sent_start, start - 24), start)
    if m is None or m.start() == sent_start:
        return start  # a sentence's first word is capitalised anyway
    return m.start()


# "models such as", "baselines:", ...: a list of models follows.
_MODELS_CUE = r"\b(?:models|llms|mllms|vlms|baselines)\s*(?:,?\s*\(?\s*(?:such as|including|like|e\.g\.,?)|:)"
_MODELS_LIST_CUE = re.compile(_MODELS_CUE, re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_LOWER_MODEL = re.compile(r"[a-z][a-z0-9]*\d[a-z0-9]*(?:[-.][a-z0-9]+)*|[a-z]{3,}(?:-[a-z0-9.]+)*-\d[\w.\-]*")


def _listed_model(text: str, start: int, word: str, cues: "_Cues") -> bool:
    """Lowercase names with digits (`zerank-1`, `wav2vec`) count only in a list of models
    ("reranker models: zerank-1 and …", "models such as wav2vec"): elsewhere they are units or sizes."""
    if len(word) < 4 or not word[0].islower() or _DIGIT.search(word) is None or not cues.models_listed:
        return False  # cheap tests first: this runs on every ordinary hyphenated word
    return _LOWER_MODEL.fullmatch(word) is not None and _MODELS_LISTED.search(text, max(0, start - 60), start) is not None


def _known_type(known: dict[str, EntityType] | None, head: str) -> EntityType | None:
    """The type of a title name this word repeats, in any case (`PolyGuard` ... `POLYGUARD is`)."""
    if not known:
        return None
    kind = known.get(head)
    if kind is None and head.isupper():
        kind = next((k for name, k in known.items() if name.upper() == head), None)
    return kind


_NEW_DEFINITION = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:,|:| is| are)\s+(?:a|an|our)\s+(?:\w+\s+){0,3}?"
                             r"(?:new|novel|first|open|large-scale|comprehensive|curated|unified)\b", re.IGNORECASE)


# "our adapted models, X", "a novel Dutch benchmark, X", "our proposed X": the paper's own.
_OWN_BEFORE = re.compile(
    r"(?:\bour\s+(?:\w+[- ]){0,2}(?:models?|benchmarks?|datasets?|corpus|corpora|suite)\s*,\s*(?:namely\s+)?|"
    r"\bour\s+(?:proposed|new|novel)\s+|"
    r"\ban?\s+(?:new|novel)\s+(?:[\w\-]+\s+){0,2}(?:benchmark|dataset|corpus|model|suite)"
    r"(?:\s+of\s+(?:[\w\-.]+\s+){0,5}?[\w\-]+)?\s*,\s*(?:namely\s+|called\s+)?)$",
    re.IGNORECASE,
)
# "our model, X", "the resulting model, X": the paper's own model, named
# ... and "the pruned model, X", "the adapted model, X": what the paper's own procedure made
_OUR_MODEL_BEFORE = re.compile(r"\b(?:our|the\s+(?:resulting|final|obtained|pruned|adapted|distilled|merged|fine-?tuned|"
                               r"tuned|quanti[sz]ed|compressed|aligned|upcycled))\s+(?:[\w\-]+\s+){0,2}?(?:models?|llms?)\s*,\s*"
                               r"(?:namely\s+)?$", re.IGNORECASE)


def _own_model_before(before: str) -> bool:
    if "our " not in before and "Our " not in before and "resulting " not in before and "final " not in before \
            and "obtained " not in before and "ed model" not in before:
        return False  # substring tests first: the regex is rarely needed
    return _OUR_MODEL_BEFORE.search(before) is not None
# "we distill A into a 1.5B student, B", "upcycle A into an 8x8B MoE model, B": the model A is made into
_MADE_INTO = re.compile(r"\binto\s+(?:an?\s+)?(?:[\w\-.]+\s+){0,3}(?:model|student|llm|network|variant|version)\s*,\s*"
                        r"(?:namely\s+|called\s+)?$", re.IGNORECASE)


# "fine-tune A on D to obtain X", "..., yielding X": what the paper's training produces is its own.
_OBTAINED = re.compile(r"\b(?:to\s+(?:obtain|produce|yield)|obtaining|yielding|producing|resulting\s+in)\s+$")
_OBTAINED_ENDS = ("obtain ", "produce ", "yield ", "obtaining ", "yielding ", "producing ", "resulting in ")


def _obtained(text: str, start: int) -> bool:
    """Whether the model named at `start` is what the paper's training is said to obtain."""
    return _OBTAINED.search(text, max(0, start - 40), start) is not None


def _named_as_own(text: str, start: int) -> bool:
    window = text[max(0, start - 60) : start]
    if "into " in window and _MADE_INTO.search(window):
        return True
    if ("resulting " in window or "final " in window or "obtained " in window or "ed model" in window) \
            and _own_model_before(window):
        return True
    if "our " not in window and "ew " not in window and "Our " not in window and "ovel " not in window:
        return False  # most words: no "our"/"new"/"novel" just before them, so skip the regex
    return bool(_OWN_BEFORE.search(window))


# "X, a dataset of 40k pairs we release", "X, a collection of trajectories that we annotate": the
# appositive itself says the authors made X.
_MADE_BY_US = re.compile(r"\s*,\s+(?:a|an)\s+[^.;:,()]{0,80}?\b(?:that\s+|which\s+)?we\s+(?:also\s+)?"
                         r"(?:annotate|collect|curate|build|construct|create|release|compile|gather|write|design)d?\b")


def _defined_as_new(text: str, end: int) -> bool:
    """"X, a new benchmark ..." / "X is a novel model ...": the paper presents X."""
    if _NEW_DEFINITION.match(text, end):
        return True
    return text.startswith(", a", end) and " we " in text[end : end + 100] and _MADE_BY_US.match(text, end) is not None


def _propagate_list_types(found: list[Candidate], typed_spans: list[tuple[int, int, EntityType]], text: str) -> list[Candidate]:
    """Untyped names coordinated with typed ones ("AIME2024, GPQA-Diamond and LiveCodeBench") share
    their type. Only a known type spreads (a catalog name, a name typed by its own head noun, or
    one that got its type this way), so a weak guess never types a whole list."""
    if all(c.strong for c in found):
        return found  # no weakly typed name to spread a type to (a strong one always has a type)
    # a candidate inside a known span (`CXR` of `BiomedVLP CXR BERT`) is no item of the list
    inside = _inside_spans(found, typed_spans)
    # a candidate on a catalog span is that span as an item, typed by the catalog, not by a guess
    # made for the same words ("on ZebWeb and LAION-2B": a dataset, though sized like a model)
    on_typed = {(a, b) for a, b, _ in typed_spans}
    inside.update(i for i, c in enumerate(found) if (c.start, c.end) in on_typed)
    items = sorted([(c.start, c.end, i) for i, c in enumerate(found) if i not in inside]
                   + [(a, b, t) for a, b, t in typed_spans], key=itemgetter(0, 1))
    kinds = {i: c.type for i, c in enumerate(found)}
    known = {i for i, c in enumerate(found) if c.strong}

    def known_kind(item):
        ref = item[2]
        if isinstance(ref, EntityType):
            return ref
        return kinds[ref] if ref in known else None

    changed = True
    while changed:
        changed = False
        for n, (start, end, ref) in enumerate(items):
            if isinstance(ref, EntityType) or ref in known:
                continue
            mixed = _between_kinds(items, n, known_kind, text)
            if mixed:
                # "release Bench-X, Y and Corpus-Z": a benchmark and a dataset around Y leave Y the third kind
                kinds[ref], changed = _THIRD_KIND[mixed], True
                known.add(ref)
                continue
            for m in (n - 1, n + 1):
                if 0 <= m < len(items) and known_kind(items[m]):
                    other = items[m]
                    gap_at, gap_end = min(end, other[1]), max(start, other[0])
                    if _LIST_GAP.fullmatch(text, gap_at, gap_end) and not _opening_phrase_ends(text, gap_at, gap_end):
                        kinds[ref], changed = known_kind(other), True
                        known.add(ref)
                        break
    return [c if c.type is kinds[i] else replace(c, type=kinds[i]) for i, c in enumerate(found) if kinds[i]]


def _inside_spans(found: list[Candidate], typed_spans: list[tuple[int, int, EntityType]]) -> set[int]:
    """Indexes of the candidates lying inside a longer or shifted typed span (plain loops: this runs
    for every paper, and a generator per candidate cost more than the test)."""
    inside = set()
    for i, c in enumerate(found):
        start, end = c.start, c.end
        for a, b, _ in typed_spans:
            if a <= start and end <= b and (a != start or b != end):
                inside.add(i)
                break
    return inside


_THIRD_KIND = {frozenset({EntityType.BENCHMARK, EntityType.DATASET}): EntityType.MODEL,
               frozenset({EntityType.BENCHMARK, EntityType.MODEL}): EntityType.DATASET,
               frozenset({EntityType.DATASET, EntityType.MODEL}): EntityType.BENCHMARK}


def _between_kinds(items: list, n: int, known_kind, text: str) -> frozenset | None:
    """The two types of the listed neighbours around item `n`, when they differ."""
    if n == 0 or n + 1 >= len(items):
        return None
    left, right = known_kind(items[n - 1]), known_kind(items[n + 1])
    if not left or not right or left is right:
        return None
    start, end = items[n][0], items[n][1]
    if _LIST_GAP.fullmatch(text[items[n - 1][1] : start]) and _LIST_GAP.fullmatch(text[end : items[n + 1][0]]):
        return frozenset({left, right})
    return None


# A sentence opening with a prepositional or participial phrase ("On A and B, X reaches ...",
# "Pretrained on A and B, X is ..."), whose commas only separate names.
_OPENING_PHRASE = re.compile(r"(?:On|In|For|Across|Over|Against|Beyond|Besides|Unlike|With|Compared (?:to|with)|"
                             r"[A-Z][a-z\-]+(?:ed|ing))\s[^,;]*(?:,\s*(?:and\s+|or\s+)?[A-Z0-9][^,;]*)*")
_SUBJECT_VERB = re.compile(r"\s+(?!and\b|or\b)[a-z]+\b")


def _opening_phrase_ends(text: str, gap_at: int, gap_end: int) -> bool:
    """Whether the comma between two names closes a sentence's opening phrase, the right name being
    the subject of the verb after it ("On A and B, X matches Y"): a clause boundary, not a list."""
    if text.find(",", gap_at, gap_end) < 0:
        return False  # "A and B": no comma, no boundary
    right_end = _NAME_TAIL.match(text, gap_end).end()
    if _SUBJECT_VERB.match(text, right_end) is None:
        return False  # the right name goes on a list (", and", ",") or ends the sentence
    sent_start = max(text.rfind(". ", 0, gap_at) + 2, text.rfind("\n", 0, gap_at) + 1)
    return _OPENING_PHRASE.fullmatch(text, sent_start, gap_at) is not None


_NAME_TAIL = re.compile(r"[\w\-.+/]*")


# Between two items of a list, maybe after an item's parenthesised score: "TIIF (73.8), DPG".
_LIST_GAP = re.compile(r"\s*(?:\([^()]{0,24}\))?\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/|;)\s*")


class _Cues:
    """Whether a sentence speaks of evaluation / of training data, each searched on first need."""

    __slots__ = ("_text", "_evaluation", "_training", "_models_listed")

    def __init__(self, sentence: str):
        self._text = sentence
        self._evaluation: bool | None = None
        self._training: bool | None = None
        self._models_listed: bool | None = None

    @property
    def models_listed(self) -> bool:
        """Whether the sentence lists models ("models such as", "models:"), for lowercase names."""
        if self._models_listed is None:
            self._models_listed = bool(_MODELS_LIST_CUE.search(self._text))
        return self._models_listed

    @property
    def evaluation(self) -> bool:
        if self._evaluation is None:
            # a percentage is a score too ("reduces FAD by 15%"); `in` first, the regex rarely
            self._evaluation = bool(_EVAL_CUE.search(self._text)) or "%" in self._text and bool(_PERCENT.search(self._text))
        return self._evaluation

    @property
    def training(self) -> bool:
        if self._training is None:
            self._training = bool(_TRAIN_CUE.search(self._text))
        return self._training


_PERCENT = re.compile(r"\d\s?%")
_MODELS_LISTED = re.compile(_MODELS_CUE + r"\s+" + lexicon.LISTED_SO_FAR, re.IGNORECASE)


def _fallback_type(text: str, start: int, word: str, introduced: bool, cues: _Cues,
                   families: "Families | None" = None) -> EntityType | None:
    """Untyped name-like words count only in a construction or a known family that gives them a role."""
    if families is not None:
        kind = families.type_of(word)
        if kind is not None:
            return kind
    before = text[max(0, start - 40) : start]
    near = before if before[-2:] != ", " and before[-4:] != "and " else text[max(0, start - 90) : start]
    if _compared(near, text[max(0, start - 200) : start] if "over" in near else ""):
        return EntityType.MODEL  # a list's head may lie further back
    if "from" in before and (_SOURCED.search(before) or _COUNTED_FROM.search(text, max(0, start - 70), start)):
        return EntityType.DATASET
    if "tun" in before and _TUNES_BEFORE.search(before):
        return EntityType.MODEL  # "we fine-tune X on Y": what is fine-tuned is a model
    if ("from " in before or "with " in before) and _DERIVED_FROM.search(before):
        return EntityType.MODEL  # "initialized from X", "distilled from X": only a model is
    part = _PART_OF.search(before) if " of " in before else None
    if part is not None:  # "a subset of X": X is a collection of data
        use = _PART_USE.search(before, max(0, part.start() - 12), part.start())
        if use is not None:  # "the training split of X", "the test set of X": the part's use is X's
            return EntityType.DATASET if use.group(1) else EntityType.BENCHMARK
        return EntityType.BENCHMARK if cues.evaluation else EntityType.DATASET
    if introduced and (_ends_naming(before.rstrip(" ,")) or "into " in before and _MADE_INTO.search(before)
                       or _own_model_before(before)):
        return EntityType.DATASET if _DATA_IN_NAME.search(word) else EntityType.MODEL  # "named XCorpus"
    if "e.g." in before and cues.models_listed and _MODELS_LISTED.search(before):
        return EntityType.MODEL  # "models (e.g., X": a list `_LIST_BEFORE` does not see
    if not _LIST_BEFORE.search(before) and not _counted_list(text, start) \
            and not ("over" in before and _TASK_OVER.search(before)):
        if word[-1] in "kK" and _ITEM_COUNT.search(word):
            return EntityType.BENCHMARK if cues.evaluation and not cues.training else EntityType.DATASET
        return None
    if _MODELS_LISTED.search(before):
        return EntityType.MODEL  # "outperforming specialised models such as X"
    if _listed_with_generic(text, start, len(word), before):
        return None  # "on CRPS and RMSE": coordinated with a metric or a task, a name of that kind
    if before.endswith(", ") and _opening_phrase_ends(text, start - 2, start):
        # "On A and B, X improves": the subject after an opening phrase, no list item; what is
        # scored on the phrase's benchmarks is a model
        return EntityType.MODEL if cues.evaluation else None
    if cues.training and not cues.evaluation:
        return EntityType.DATASET
    if cues.evaluation:
        return EntityType.BENCHMARK
    return None


_ITEM_AFTER = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)([\w\-+]+)")
_ITEM_SEPARATORS = (",", " and", " or")


def _listed_with_generic(text: str, start: int, length: int, before: str) -> bool:
    """Whether the list item at `start` stands next to a generic term (a metric, a task, a method)."""
    left = before.rstrip()
    if left.endswith(_ITEM_SEPARATORS):  # string tests, not a regex anchored at the end: this runs per list item
        words = left.rstrip(",").rsplit(None, 2)
        item = words[-1] if words and words[-1] not in ("and", "or") else words[-2] if len(words) > 1 else ""
        if item and lexicon.is_generic(item.rstrip(",")):
            return True
    right = _ITEM_AFTER.match(text, start + length)
    return right is not None and lexicon.is_generic(right.group(1))


# `X-10k`, `X-300K`: a name counting thousands of items names data (1K/2K/4K/8K are resolutions or
# context lengths, which models are named by).
_ITEM_COUNT = re.compile(r"[A-Za-z][\w.]*[-_](?![1248][kK]$)\d+(?:\.\d+)?[kK]$")


# "results in the other six (AB, CD, EF)": a bracketed list after a bare count whose head noun
# is left out, so the list names the things counted (the sentence's cues say which kind).
_COUNT_BEFORE = re.compile(r"(?<![\w.,])(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+$",
                           re.IGNORECASE)
_LISTED_SO_FAR = re.compile(r"\s*(?:[\w\-.+]+,\s*)*")


def _counted_list(text: str, start: int) -> bool:
    paren = text.rfind("(", max(0, start - 100), start)
    if paren < 0 or not _LISTED_SO_FAR.fullmatch(text, paren + 1, start):
        return False  # most words: not inside a bracketed list at all
    if _COUNT_BEFORE.search(text, max(0, paren - 10), paren) is None:
        return False
    # a list, not one acronym: "wav2vec 2.0 (W2V)" defines a short name
    close = text.find(")", start)
    return "," in text[paren : close if close > 0 else len(text)]


_PARENTHESISED = re.compile(r"\(([A-Za-z][\w\-]{1,15})\)")


def _expansions(text: str) -> dict[tuple[int, int], str]:
    """Acronym definitions: "Long Words Here (LWH)" -> {(start, end) of LWH: "Long Words Here"}."""
    out = {}
    for m in _PARENTHESISED.finditer(text):
        acronym = m.group(1)
        letters = [c.lower() for c in acronym if c.isupper()] or [acronym[0].lower()]
        words = _PLAIN_WORDS.findall(text[max(0, m.start() - 120) : m.start()])
        expansion = _match_initials(words, letters)
        if expansion:
            out[(m.start(1), m.end(1))] = expansion
    return out


def _term_acronyms(expansions: dict[tuple[int, int], str], text: str) -> set[str]:
    """Acronyms the text defines by ordinary lowercase words ("human activity recognition (HAR)"):
    names of tasks and techniques, not of models or data."""
    return {text[a:b] for (a, b), expansion in expansions.items()
            if _acronym_shaped(text[a:b]) and _lowercase_phrase(text, a, expansion)}


def _acronym_shaped(word: str) -> bool:
    """`HAR`, `GenAI`, `LoRA`: mostly capitals. "a synthetic subset (Nemotron-Synth)" names the
    subset instead: a word of its own, whose capitals only start its parts."""
    letters = [c for c in word if c.isalpha()]
    return 2 * sum(c.isupper() for c in letters) >= len(letters)


def _lowercase_phrase(text: str, acronym_start: int, expansion: str) -> bool:
    """Whether the expansion's last three words are lowercase, a sentence's capital undone:
    "Generative artificial intelligence (GenAI)" opening a sentence is as lowercase as inside one."""
    words = expansion.split()
    if all(w.islower() or not w[0].isalpha() for w in words[-3:]):
        return True
    if len(words) > 3 or not all(w.islower() or not w[0].isalpha() for w in words[1:]):
        return False  # the capital is not (only) the first word's
    first = words[0][:1].lower() + words[0][1:]
    if not (first.islower() or not first[0].isalpha()):
        return False
    at = text.rfind(expansion, 0, acronym_start)
    return at >= 0 and lexicon.sentence_initial(text, at)


def _match_initials(words: list[str], letters: list[str]) -> str | None:
    if not words or words[-1].rsplit("-", 1)[-1][:1].lower() != letters[-1]:
        return None  # every candidate ends with the last word: most brackets fail here at once
    n = len(letters)
    # fewer words than letters when hyphens join them: "vision-language-action (VLA)"
    for size in range(1 if any("-" in w for w in words[-n:]) else n, min(len(words), n + 3) + 1):
        cand = words[-size:]
        initials = "".join(p[0].lower() for w in cand for p in w.split("-") if p)
        if initials.startswith(letters[0]) and _subsequence(letters, initials):
            return " ".join(cand)
    return None


def _subsequence(letters: list[str], initials: str) -> bool:
    it = iter(initials)
    return all(c in it for c in letters)


@Language.factory("kg_discovery", default_config={})
def make_discovery(nlp: Language, name: str):
    return DiscoveryComponent()


def _trie_pattern(names: Iterable[str]) -> str:
    """A regex finding what the alternation of `names`, longest first, finds (at each place the
    longest name there), written as a tree of shared prefixes: the engine follows one path per
    place instead of trying every name, and skips to a name's first letter."""
    trie: dict = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here
    return _trie_node(trie)


def _trie_node(node: dict) -> str:
    # Children start with different characters, so at most one can go on; the name ending
    # here (the empty alternative) comes last, so a longer name wins.
    alternatives = [re.escape(char) + _trie_node(child) for char, child in node.items() if char]
    if "" in node:
        alternatives.append("")
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


class Families:
    """Family names from the catalog (`Llama`, `BERT`, `MMLU`): a new compound containing one
    (`GatorTronLlama`, `ClinicalBERT`, `MMLU-Med`) is a new member of that kind."""

    def __init__(self, names_by_type: dict[EntityType, set[str]]):
        self._type = {n: kind for kind, names in names_by_type.items() for n in names}
        self._pattern = re.compile(_trie_pattern(self._type)) if self._type else None
        # Per instance: a word's family never changes, and the alternation has hundreds of names.
        self.type_of = lru_cache(maxsize=65_536)(self._type_of)

    @classmethod
    def from_catalog(cls, catalog) -> "Families":
        counts: dict[EntityType, dict[str, int]] = {}
        for text, entry in catalog.surface_forms():
            m = re.match(r"[A-Za-z][a-z]*[A-Z][A-Za-z]*|[A-Z][A-Za-z]{2,}", text)
            if m and len(m.group()) >= 3 and not lexicon.is_common_word(m.group()) and not lexicon.is_generic(m.group()):
                bucket = counts.setdefault(entry.type, {})
                bucket[m.group()] = bucket.get(m.group(), 0) + 1
        return cls({kind: {n for n, c in names.items() if c >= 3} for kind, names in counts.items()})

    def member_of(self, head: str, word: str) -> EntityType | None:
        """`Qwen-Omni`, `Llama-Guard`: a family name joined to a capitalised word is a new member,
        though shaped like an ordinary hyphenated phrase (`Multi-Task`)."""
        kind = self._type.get(head)  # a dict probe first: most hyphenated words have no family head
        if kind is None or not word[len(head) + 1 : len(head) + 2].isupper() or not _is_title_case_compound(word):
            return None
        return kind

    def _type_of(self, word: str) -> EntityType | None:
        if self._pattern is None:
            return None
        found = self._pattern.findall(word)
        return self._type[max(found, key=len)] if found else None


_TRAILING_VERSION = re.compile(r"\s+v?\d+(?:\.\d+)*")


def _adds_a_version(known: tuple[int, int], span, text: str) -> bool:
    """A discovered name that is a catalog name plus a version number is a new release."""
    start, end = known
    return start == span.start_char and end < span.end_char and bool(_TRAILING_VERSION.fullmatch(text, end, span.end_char))


class DiscoveryComponent:
    """Adds discovered names to `doc.spans["kg"]`, keeping catalog spans where they overlap."""

    families: Families | None = None

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """`nlp.pipe` hands docs over in batches: many in a row keep the rules' tables in cache."""
        for batch in minibatch(docs, batch_size):
            yield from [self(doc) for doc in batch]

    def match(self, doc: Doc) -> list[Candidate]:
        text = lexicon.doc_text(doc)
        doc.user_data["kg_expansions"] = _expansions(text)
        terms = _term_acronyms(doc.user_data["kg_expansions"], text)
        return [c for c in self._match(doc, text) if text[c.start : c.end] not in terms]

    def _match(self, doc: Doc, text: str) -> list[Candidate]:
        title_end = text.find("\n\n")
        title_end = len(text) if title_end < 0 else title_end
        found = _title_candidates(text, title_end)
        procedures = [text[c.start : c.end] for c in found if c.type is None]  # a title name that is no entity
        found = [c for c in found if c.type is not None]
        known = {text[c.start : c.end]: c.type for c in found}
        markup = _may_have_markup(text)
        plain = tuple(_plain_intro_names(text))
        for c in plain:  # a plain name the paper introduces is found again where it recurs
            known.setdefault(text[c.start : c.end], c.type)
        for sent in lexicon.sentences(doc):
            found.extend(_sentence_candidates(text, sent, self.families, known, markup, plain))
        if procedures:
            found = _procedure_checkpoints(found, text, procedures[0])
        typed = [(s.start_char, s.end_char, EntityType(s.label_)) for s in doc.spans.get(SPAN_KEY, [])]
        return _propagate_list_types(found, typed, text)

    def set_annotations(self, doc: Doc, found: list[Candidate]) -> None:
        spans = list(doc.spans.get(SPAN_KEY, []))
        taken = [(s.start_char, s.end_char) for s in spans]
        introduced = []
        for cand in found:
            span = doc.char_span(cand.start, cand.end, label=cand.type.value, alignment_mode="contract")
            if span is None or span.start_char == span.end_char:  # empty (`span.text` walks the tokens)
                continue
            if span.end_char < cand.end and lexicon.doc_text(doc)[span.end_char - 1] == "-":
                continue  # `"X-Y"-in` tokenises badly: a cut-off `X-` is no name

            overlapping = [i for i, (a, b) in enumerate(taken) if a < span.end_char and span.start_char < b]
            if len(overlapping) == 1 and _adds_a_version(taken[overlapping[0]], span, lexicon.doc_text(doc)):
                del spans[overlapping[0]], taken[overlapping[0]]  # `Nemotron Nano 2` is not `Nemotron Nano`
                overlapping = []
            if not overlapping:
                spans.append(span)
                taken.append((span.start_char, span.end_char))
            # A known (catalog) name is introduced only as the direct object of a releasing verb
            # ("we release Llama 3"), not of "we train/fine-tune Qwen2.5-7B".
            if cand.introduced and (not overlapping or cand.release):
                introduced.append(span)
        doc.spans[SPAN_KEY] = spans
        doc.spans[INTRO_KEY] = introduced
