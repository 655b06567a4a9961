"""Cheaper tokenizer work for text never seen: spaCy tokenizer in, same tokens out, faster.

spaCy caches the tokens of every whitespace-separated chunk it has split, so a repeated word
costs a hash lookup; a new one goes through the suffix, infix and URL regexes, each a long
alternation that Python's `re` tries at every character of the chunk. Most new chunks are plain
ASCII words (`pretraining`, `GSM8K`), where those regexes cannot match: `fast_rules` answers
such chunks without running them, and the suffix regex on a chunk ending in a mark that is a
suffix on its own (`models,` `(GPT-4).`, rules read off the regex), and hands every other chunk
to the original regex. The answers are the ones the regex would give, so the tokens are
identical (tests/test_tokenizer.py checks every shared abstract and random strings). The tokenizer's
chunk cache is also enlarged, as spaCy's default of 10,000 chunks fills within a few hundred
abstracts and leaves every later new chunk uncached. A new word also becomes a lexeme, whose
23 attributes spaCy computes by calling one Python getter each; `fast_lexeme_attrs` swaps
spaCy's getters for exact ones that skip loops and regexes on plain ASCII words (`like_num`,
`like_url`, `word_shape`, `is_punct`...) or are the C method they wrap (`str.isalpha`), same
values for every string (tests/test_tokenizer.py checks each against spaCy's own).
Side effect: mutates the tokenizer or vocab given.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from re import _constants as _sre
from re import _parser
from types import FunctionType

from spacy import attrs
from spacy.lang import lex_attrs as spacy_lex
from spacy.lang.en.lex_attrs import _num_words, _ordinal_words
from spacy.lang.en.lex_attrs import like_num as _like_num
from spacy.tokenizer import Tokenizer
from spacy.util import _get_attr_unless_lookup
from spacy.vocab import Vocab

# A cache entry is a few dozen bytes; a million chunks is the vocabulary of a large corpus.
CHUNK_CACHE_SIZE = 1_000_000

_ASCII_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
# The only suffix rules that can end on an ASCII letter or digit (spaCy's `'s` rules); every
# other rule ends on punctuation, a symbol or a currency sign.
_POSSESSIVES = ("'s", "'S", "’s", "’S")
_END = re.compile(r"\Z")
_LAST_CHAR = re.compile(r".\Z", re.DOTALL)
_ONE_CHAR = re.compile(r".", re.DOTALL)
_WORD_CHARS = _ASCII_ALNUM | {"-"}  # the characters of a hyphenated word
_NUMBER_WORDS = frozenset(_num_words) | frozenset(_ordinal_words)
_ORDINAL_ENDS = ("st", "nd", "rd", "th")


def fast_rules(tokenizer: Tokenizer) -> None:
    """Give `tokenizer` exact shortcuts for plain ASCII chunks and a larger chunk cache."""
    if tokenizer.prefix_search is not None and PrefixSearch.first_chars(tokenizer.prefix_search.__self__) is not None:
        tokenizer.prefix_search = PrefixSearch(tokenizer.prefix_search)
    tokenizer.suffix_search = SuffixSearch(tokenizer.suffix_search)
    tokenizer.infix_finditer = InfixFinditer(tokenizer.infix_finditer)
    if tokenizer.url_match is not None:
        tokenizer.url_match = UrlMatch(tokenizer.url_match)
    if tokenizer.token_match is None and isinstance(tokenizer.prefix_search, PrefixSearch):
        tokenizer.token_match = plain_word_match(tokenizer.prefix_search.never_first)
    tokenizer.max_cache_size = max(tokenizer.max_cache_size, CHUNK_CACHE_SIZE)


def plain_word_match(never_first: frozenset[str]) -> Callable:
    """A `token_match` for the chunks the rules leave whole anyway: ASCII letters and digits only,
    first character one no prefix rule begins with. No suffix rule ends on a letter or digit but
    `'s` (`SuffixSearch`), no infix rule is inside `[A-Za-z0-9]+` (`InfixFinditer`), a URL has a
    `.`: such a chunk is one token, and spaCy, asked `token_match` first, skips the four rule calls.
    Special cases still win: spaCy looks them up before `token_match` wherever both apply. A
    compiled regex's `match`, so it costs no Python frame and `Tokenizer.to_bytes` saves it."""
    first = "".join(sorted(never_first))
    return re.compile(f"[{re.escape(first)}][A-Za-z0-9]*\\Z").match if first else re.compile("a^").match


class _Shortcut:
    """A regex method with a shortcut in front. `__self__` is the regex, as on the method it
    replaces: spaCy's `Tokenizer.to_bytes`/`to_disk` read the pattern from there (a pipeline
    saved and loaded again runs the plain regexes, with the same tokens)."""

    def __init__(self, method: Callable):
        self.method = method
        self.__self__ = method.__self__


class PrefixSearch(_Shortcut):
    """Every prefix rule is anchored at the start (`^US$`, `^(`...), so a chunk whose first
    character no rule can begin with has no prefix. Those characters are read off the regex
    itself (`first_chars`); for a regex it cannot read, `fast_rules` keeps the plain one."""

    def __init__(self, method: Callable):
        super().__init__(method)
        self.never_first = _ASCII_ALNUM - self.first_chars(method.__self__)

    def __call__(self, string: str):
        return None if string[:1] in self.never_first else self.method(string)

    @staticmethod
    def first_chars(regex: re.Pattern) -> frozenset[str] | None:
        """The ASCII letters and digits a match of `regex` can start with, or None if the regex
        is not a plain alternation anchored at the string start (then nothing is assumed)."""
        if not isinstance(regex, re.Pattern) or regex.flags & (re.IGNORECASE | re.MULTILINE):
            return None
        return _anchored_first(list(_parser.parse(regex.pattern, regex.flags)))


class SuffixSearch(_Shortcut):
    """A chunk ending on an ASCII letter or digit has no suffix to split, except `'s`.
    spaCy's English rules hold an empty alternative, so the regex then matches the empty string
    at the end; the shortcut returns the same: that empty match, or None for rules without it.
    A chunk ending on a mark with a rule of its own (`,` `)` `:`...), or on `.` after an ASCII
    letter or digit, has that one character as its suffix: `one_char_ends` proves which marks
    from the regex itself."""

    def __init__(self, method: Callable):
        super().__init__(method)
        self.empty_at_end = method("a") is not None
        self.one_char, self.dot_after_alnum = self.one_char_ends(method.__self__)

    def __call__(self, string: str):
        last = string[-1:]
        if last in _ASCII_ALNUM and not string.endswith(_POSSESSIVES):
            return _END.search(string, len(string)) if self.empty_at_end else None
        if last in self.one_char or (last == "." and self.dot_after_alnum and string[-2:-1] in _ASCII_ALNUM):
            return _LAST_CHAR.search(string, len(string) - 1)
        return self.method(string)

    @staticmethod
    def one_char_ends(regex: re.Pattern) -> tuple[frozenset[str], bool]:
        """The characters c for which the leftmost match in any chunk ending on c is that last
        character alone, and whether the same holds for `.` after an ASCII letter or digit.
        Every rule must end on `$`: then a match starts at the last character only through a
        rule `c$` (or a lookbehind rule `(?<=[...])\\.$` whose class holds every ASCII letter and
        digit), and starts earlier only through a rule two or more characters long ending on c
        (for `.` after a letter or digit: one not made of dots alone)."""
        branches = _end_anchored_branches(regex)
        if branches is None:
            return frozenset(), False
        longer = [items for items in branches if _parser.SubPattern(None, items).getwidth()[1] >= 2]
        ends = [_edge_chars(items, first=False) for items in longer]
        if None in ends:
            return frozenset(), False
        own = {chr(b[0][1]) for b in branches if len(b) == 1 and b[0][0] is _sre.LITERAL}
        one_char = frozenset(own - {"\n"}).difference(*ends)
        dots_only = all(_only_dots(items) for items, end in zip(longer, ends) if "." in end)
        return one_char, dots_only and any(map(_dot_after_alnum, branches))


class InfixFinditer(_Shortcut):
    """Every infix rule consumes a punctuation mark or symbol: none is inside `[A-Za-z0-9]+`.
    In a hyphenated word (`Omni-DNA`, `o4-mini`: ASCII letter-and-digit runs joined by single
    hyphens) a rule can only match a hyphen, and does so by the characters either side of it:
    `hyphen_pairs` reads those pairs off the regex (None if it cannot prove that)."""

    def __init__(self, method: Callable):
        super().__init__(method)
        self.pairs = self.hyphen_pairs(method.__self__)

    def __call__(self, string: str) -> Iterator:
        if string.isascii() and string.isalnum():
            return iter(())
        if self.pairs is not None and string.isascii() and all(map(str.isalnum, string.split("-"))):
            return self._hyphen_matches(string)
        return self.method(string)

    def _hyphen_matches(self, string: str) -> Iterator:
        start = string.find("-")
        while start != -1:
            if string[start - 1] + string[start + 1] in self.pairs:
                yield _ONE_CHAR.match(string, start)
            start = string.find("-", start + 2)

    @staticmethod
    def hyphen_pairs(regex: re.Pattern) -> frozenset[str] | None:
        """The (before, after) ASCII letter-or-digit pairs, as 2-character strings, around a
        hyphen that `regex` splits off; None unless every alternative either cannot consume
        a letter, a digit or a hyphen, or is `(?<=[...])-(?=[...])` (either lookaround optional,
        the hyphen possibly among alternatives that cannot occur in a hyphenated word)."""
        if not isinstance(regex, re.Pattern) or regex.flags & (re.IGNORECASE | re.MULTILINE):
            return None
        items = list(_parser.parse(regex.pattern, regex.flags))
        branches = items[0][1][1] if len(items) == 1 and items[0][0] is _sre.BRANCH else [items]
        pairs = set()
        for branch in map(list, branches):
            first = _edge_chars(branch, first=True)
            if first is None:
                return None
            if not first & _WORD_CHARS:
                continue
            context = _hyphen_context(branch)
            if context is None:
                return None
            before, after = context
            pairs.update(b + a for b in before for a in after)
        return frozenset(pairs)


class UrlMatch(_Shortcut):
    """Both host forms of spaCy's URL pattern (domain, IPv4) hold a literal `.`."""

    def __call__(self, string: str):
        return self.method(string) if "." in string else None


def _end_anchored_branches(regex: re.Pattern) -> list[list] | None:
    """The alternatives of `regex` without their final `$` (kg's own rule ends on `$$`), if each
    ends on `$` (None otherwise, or for flags that let a literal match other characters or `$`
    match inside the string)."""
    if not isinstance(regex, re.Pattern) or regex.flags & (re.IGNORECASE | re.MULTILINE):
        return None
    items = list(_parser.parse(regex.pattern, regex.flags))
    branches = items[0][1][1] if len(items) == 1 and items[0][0] is _sre.BRANCH else [_parser.SubPattern(None, items)]
    at_end = (_sre.AT, _sre.AT_END)
    if not all(len(b) and b[-1] == at_end for b in branches):
        return None
    stripped = [list(b) for b in branches]
    for items in stripped:
        while items and items[-1] == at_end:
            items.pop()
    return stripped


def _edge_chars(items: list, first: bool) -> frozenset[str] | None:
    """Every character the first (`first`) or last character consumed by `items` can be; None if
    unsure. Lookarounds consume nothing, so they are passed over before the first character; one
    at the end leaves the last character unsure."""
    if first:
        items = [item for item in items if item[0] is not _sre.ASSERT]
    if not items:
        return None
    op, arg = items[0] if first else items[-1]
    if op is _sre.LITERAL:
        return frozenset(chr(arg))
    if op is _sre.IN:
        return _class_chars(arg)
    if op is _sre.BRANCH:
        edges = [_edge_chars(list(branch), first) for branch in arg[1]]
        return None if None in edges else frozenset().union(*edges)
    if op is _sre.SUBPATTERN and not arg[1] and not arg[2]:
        return _edge_chars(list(arg[-1]), first)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[0] >= 1:
        return _edge_chars(list(arg[2]), first)
    return None


def _class_chars(members: list) -> frozenset[str] | None:
    """The characters of a class of literals and small ranges; None for anything else."""
    chars = set()
    for op, arg in members:
        if op is _sre.LITERAL:
            chars.add(chr(arg))
        elif op is _sre.RANGE and arg[1] - arg[0] < 0x10000:
            chars.update(map(chr, range(arg[0], arg[1] + 1)))
        else:  # NEGATE, CATEGORY: not read here
            return None
    return frozenset(chars)


def _only_dots(items: list) -> bool:
    """`items` consume nothing but `.` (spaCy's `\\.\\.+` ellipsis)."""
    dot = (_sre.LITERAL, ord("."))
    return all(item == dot or (item[0] is _sre.MAX_REPEAT and _only_dots(list(item[1][2]))) for item in items)


def _dot_after_alnum(branch: list) -> bool:
    """`branch` is `(?<=[...])\\.` with every ASCII letter and digit in its class."""
    if len(branch) != 2 or branch[1] != (_sre.LITERAL, ord(".")) or branch[0][0] is not _sre.ASSERT:
        return False
    direction, pattern = branch[0][1]
    if direction != -1 or len(pattern) != 1 or pattern[0][0] is not _sre.IN:
        return False
    return _ASCII_ALNUM <= (_class_chars(pattern[0][1]) or frozenset())


def _hyphen_context(branch: list) -> tuple[frozenset[str], frozenset[str]] | None:
    """For `(?<=[B])X(?=[A])` where X, inside a hyphenated word, can only be one hyphen: the
    ASCII letters and digits of B and A (all of them for a missing lookaround); else None."""
    before = after = _ASCII_ALNUM
    if branch and branch[0][0] is _sre.ASSERT and branch[0][1][0] == -1:
        before, branch = _lookaround_chars(branch[0][1][1]), branch[1:]
    if branch and branch[-1][0] is _sre.ASSERT and branch[-1][1][0] == 1:
        after, branch = _lookaround_chars(branch[-1][1][1]), branch[:-1]
    if before is None or after is None or len(branch) != 1 or not _only_one_hyphen(branch[0]):
        return None
    return before & _ASCII_ALNUM, after & _ASCII_ALNUM


def _lookaround_chars(pattern) -> frozenset[str] | None:
    """The characters of a one-character lookaround (`[...]` or a literal)."""
    if len(pattern) != 1:
        return None
    op, arg = pattern[0]
    if op is _sre.LITERAL:
        return frozenset(chr(arg))
    return _class_chars(arg) if op is _sre.IN else None


def _only_one_hyphen(item: tuple) -> bool:
    """`item` matches, inside a hyphenated word, nothing but a single hyphen: a class or literal
    holding `-` and no letter or digit, or alternatives of literal strings among which only `-`
    can occur there (`--`, `–` cannot)."""
    op, arg = item
    if op in (_sre.LITERAL, _sre.IN):
        chars = _lookaround_chars([item])
        return chars is not None and chars & _WORD_CHARS == {"-"}
    if op is not _sre.BRANCH:
        return False
    words = []
    for alternative in arg[1]:
        if not alternative or any(o is not _sre.LITERAL for o, _ in alternative):
            return False
        words.append("".join(chr(a) for _, a in alternative))
    return "-" in words and all(w == "-" or "--" in w or not set(w) <= _WORD_CHARS for w in words)


def _anchored_first(items: list) -> frozenset[str] | None:
    """First characters (ASCII letters and digits) of `^...` or of alternatives all `^...`."""
    if items and items[0] == (_sre.AT, _sre.AT_BEGINNING):
        return _first(items[1:])
    if len(items) == 1 and items[0][0] is _sre.BRANCH:
        firsts = [_anchored_first(list(branch)) for branch in items[0][1][1]]
        return None if None in firsts else frozenset().union(*firsts)
    return None


def _first(items: list) -> frozenset[str] | None:
    """The ASCII letters and digits the first character matched by `items` can be; None if
    unsure (a repeat, a lookaround, a class by category...: anything that could match empty)."""
    if not items:
        return None
    op, arg = items[0]
    if op is _sre.LITERAL:
        return frozenset(chr(arg)) & _ASCII_ALNUM
    if op is _sre.IN:
        return _class_first(arg)
    if op is _sre.BRANCH:
        firsts = [_first(list(branch)) for branch in arg[1]]
        return None if None in firsts else frozenset().union(*firsts)
    if op is _sre.SUBPATTERN and not arg[1] and not arg[2]:  # a group without inline flags
        return _first(list(arg[-1]))
    return None


def _class_first(members: list) -> frozenset[str] | None:
    """The ASCII letters and digits of a class `_class_chars` can read."""
    chars = _class_chars(members)
    return None if chars is None else chars & _ASCII_ALNUM


def fast_lexeme_attrs(vocab: Vocab) -> None:
    """Give `vocab` (an English one) quicker getters for its lexeme attributes, same values.
    A getter is swapped only while it is still spaCy's own default."""
    getters = dict(vocab.lex_attr_getters)  # a copy: never change spaCy's English defaults
    for attr, getter in list(getters.items()):
        if isinstance(getter, FunctionType):  # spaCy's are plain functions; others may not hash
            getters[attr] = _FASTER.get(getter, getter)
    for attr, (func, make) in _PARTIALS.items():
        getter = getters.get(attr)
        if isinstance(getter, partial) and getter.func is func:
            getters[attr] = make(getter) or getter
    vocab.lex_attr_getters = getters


def lean_lexeme_attrs(vocab: Vocab, keep: Iterable[int]) -> None:
    """Compute only the lexeme attributes in `keep` for each new word: spaCy calls every getter
    (23 for English, about 5.5 µs a word even with `fast_lexeme_attrs`) whether or not anything
    reads the attribute; one getter costs about 1.4 µs. The others stay at their zero values."""
    keep = set(keep)
    vocab.lex_attr_getters = {attr: getter for attr, getter in vocab.lex_attr_getters.items() if attr in keep}


def like_num(text: str) -> bool:
    """spaCy's English `like_num`; a plain word skips its sign, separator and fraction steps."""
    if text.isascii() and text.isalnum():
        lower = text.lower()
        return text.isdigit() or lower in _NUMBER_WORDS or (lower.endswith(_ORDINAL_ENDS) and lower[:-2].isdigit())
    return _like_num(text)


def like_url(text: str) -> bool:
    """spaCy's `like_url`: with neither a `.` (of `www.` or a domain) nor the `:` of `http://`
    it is no URL."""
    return ("." in text or ":" in text) and spacy_lex.like_url(text)


def like_email(text: str) -> bool:
    """spaCy's `like_email`: its pattern needs an `@`."""
    return "@" in text and spacy_lex.like_email(text)


# ASCII characters that are not punctuation (Unicode category P*) or not a currency sign (Sc).
_ASCII = [chr(code) for code in range(128)]
_ASCII_NOT_PUNCT = frozenset(c for c in _ASCII if not unicodedata.category(c).startswith("P"))
_ASCII_NOT_CURRENCY = frozenset(c for c in _ASCII if unicodedata.category(c) != "Sc")


def is_punct(text: str) -> bool:
    """spaCy's `is_punct` stops at the first character that is not punctuation."""
    return False if text[:1] in _ASCII_NOT_PUNCT else spacy_lex.is_punct(text)


def is_currency(text: str) -> bool:
    """spaCy's `is_currency` stops at the first character that is not a currency sign."""
    return False if text[:1] in _ASCII_NOT_CURRENCY else spacy_lex.is_currency(text)


_SHAPE_OF = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                            b"X" * 26 + b"x" * 26 + b"d" * 10)
_LONG_RUN = re.compile(rb"(?<=xxxx)x+|(?<=XXXX)X+|(?<=dddd)d+")  # a run keeps its first four
# Shapes of plain words repeat (`xxxx` for every long lowercase word): a run is cut once per shape.
_SHAPES: dict[bytes, str] = {}
_SHAPES_MAX = 100_000


def word_shape(text: str) -> str:
    """spaCy's `word_shape` (`GSM8K` -> `XXXdX`, `pretraining` -> `xxxx`); an ASCII letter-and-
    digit word is mapped by a byte table instead of a loop over its characters."""
    if not (len(text) < 100 and text.isascii() and text.isalnum()):
        return spacy_lex.word_shape(text)
    mapped = text.encode("ascii").translate(_SHAPE_OF)
    shape = _SHAPES.get(mapped)
    if shape is None:
        shape = _LONG_RUN.sub(b"", mapped).decode("ascii")
        if len(_SHAPES) < _SHAPES_MAX:
            _SHAPES[mapped] = shape
    return shape


def _lower_in(words: set[str], text: str) -> bool:
    return text.lower() in words


def _looked_up_or_lower(table: dict[str, str], text: str) -> str:
    return table[text] if text in table else text.lower()


def _fast_is_stop(getter: partial) -> Callable | None:
    """spaCy's `partial(is_stop, stops=...)` on the same set, without the keyword call."""
    return partial(_lower_in, getter.keywords["stops"]) if set(getter.keywords) == {"stops"} and not getter.args else None


def _fast_norm(getter: partial) -> Callable | None:
    """spaCy's `partial(_get_attr_unless_lookup, lower, (table,))` for one plain-dict table."""
    if len(getter.args) != 2 or getter.keywords or getter.args[0] is not spacy_lex.lower:
        return None
    tables = getter.args[1]
    if len(tables) != 1 or type(tables[0]) is not dict:
        return None
    return partial(_looked_up_or_lower, tables[0])


def _fast_lang(getter: partial) -> Callable | None:
    """spaCy's `partial(get_lang, lang="en")` returns "en" for any text, as does `"en".format`."""
    lang = getter.keywords.get("lang")
    if getter.args or set(getter.keywords) != {"lang"} or not isinstance(lang, str) or "{" in lang or "}" in lang:
        return None
    return lang.format


# spaCy's membership tests, as sets (the same strings: tests/test_tokenizer.py compares them).
BRACKETS = frozenset(("(", ")", "[", "]", "{", "}", "<", ">"))
QUOTES = frozenset(('"', "'", "`", "«", "»", "‘", "’", "‚", "‛", "“", "”", "„", "‟", "‹", "›", "❮", "❯", "''", "``"))
LEFT_PUNCT = frozenset(("(", "[", "{", "<", '"', "'", "«", "‘", "‚", "‛", "“", "„", "‟", "‹", "❮", "``"))
RIGHT_PUNCT = frozenset((")", "]", "}", ">", '"', "'", "»", "’", "”", "›", "❯", "''"))

# spaCy getter -> exact faster getter. spaCy's one-line wrappers of a str method or slice become
# that method (a C call, no Python frame); membership tests become set lookups.
_FASTER: dict[Callable, Callable] = {
    spacy_lex.lower: str.lower,
    spacy_lex.prefix: operator.itemgetter(0),
    spacy_lex.suffix: operator.itemgetter(slice(-3, None)),
    spacy_lex.is_alpha: str.isalpha,
    spacy_lex.is_digit: str.isdigit,
    spacy_lex.is_lower: str.islower,
    spacy_lex.is_space: str.isspace,
    spacy_lex.is_title: str.istitle,
    spacy_lex.is_upper: str.isupper,
    spacy_lex.is_ascii: str.isascii,  # spaCy's loops over `ord(char) < 128`
    spacy_lex.is_bracket: BRACKETS.__contains__,
    spacy_lex.is_quote: QUOTES.__contains__,
    spacy_lex.is_left_punct: LEFT_PUNCT.__contains__,
    spacy_lex.is_right_punct: RIGHT_PUNCT.__contains__,
    spacy_lex.is_punct: is_punct,
    spacy_lex.is_currency: is_currency,
    spacy_lex.like_email: like_email,
    spacy_lex.like_url: like_url,
    spacy_lex.word_shape: word_shape,
    _like_num: like_num,
}
_PARTIALS = {
    attrs.IS_STOP: (spacy_lex.is_stop, _fast_is_stop),
    attrs.NORM: (_get_attr_unless_lookup, _fast_norm),
    attrs.LANG: (spacy_lex.get_lang, _fast_lang),
}
