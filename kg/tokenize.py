"""Cheaper tokenizer work for text never seen: spaCy tokenizer in, same tokens out, faster.

spaCy caches the tokens of every whitespace-separated chunk it has split, so a repeated word
costs a hash lookup; a new one goes through the suffix, infix and URL regexes, each a long
alternation that Python's `re` tries at every character of the chunk. Most new chunks are plain
ASCII words (`pretraining`, `GSM8K`), where those regexes cannot match: `fast_rules` answers
such chunks without running them and hands every other chunk to the original regex. The
answers are the ones the regex would give, so the tokens are identical
(tests/test_tokenizer.py checks every shared abstract and random strings). The tokenizer's
chunk cache is also enlarged, as spaCy's default of 10,000 chunks fills within a few hundred
abstracts and leaves every later new chunk uncached. A new word also becomes a lexeme, whose
23 attributes spaCy computes in Python; `fast_lexeme_attrs` answers three of the slowest
(`like_num`, `like_url`, `is_ascii`) for plain words without their loops, same values.
Side effect: mutates the tokenizer or vocab given.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from spacy.attrs import IS_ASCII, LIKE_NUM, LIKE_URL
from spacy.lang.en.lex_attrs import _num_words, _ordinal_words
from spacy.lang.en.lex_attrs import like_num as _like_num
from spacy.lang.lex_attrs import like_url as _like_url
from spacy.tokenizer import Tokenizer
from spacy.vocab import Vocab

# A cache entry is a few dozen bytes; a million chunks is the vocabulary of a large corpus.
CHUNK_CACHE_SIZE = 1_000_000

_ASCII_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
# The only suffix rules that can end on an ASCII letter or digit (spaCy's `'s` rules); every
# other rule ends on punctuation, a symbol or a currency sign.
_POSSESSIVES = ("'s", "'S", "’s", "’S")
_END = re.compile(r"\Z")
_NUMBER_WORDS = frozenset(_num_words) | frozenset(_ordinal_words)
_ORDINAL_ENDS = ("st", "nd", "rd", "th")


def fast_rules(tokenizer: Tokenizer) -> None:
    """Give `tokenizer` exact shortcuts for plain ASCII chunks and a larger chunk cache."""
    tokenizer.suffix_search = SuffixSearch(tokenizer.suffix_search)
    tokenizer.infix_finditer = InfixFinditer(tokenizer.infix_finditer)
    if tokenizer.url_match is not None:
        tokenizer.url_match = UrlMatch(tokenizer.url_match)
    tokenizer.max_cache_size = max(tokenizer.max_cache_size, CHUNK_CACHE_SIZE)


class _Shortcut:
    """A regex method with a shortcut in front. `__self__` is the regex, as on the method it
    replaces: spaCy's `Tokenizer.to_bytes`/`to_disk` read the pattern from there (a pipeline
    saved and loaded again runs the plain regexes, with the same tokens)."""

    def __init__(self, method: Callable):
        self.method = method
        self.__self__ = method.__self__


class SuffixSearch(_Shortcut):
    """A chunk ending on an ASCII letter or digit has no suffix to split, except `'s`.
    spaCy's English rules hold an empty alternative, so the regex then matches the empty string
    at the end; the shortcut returns the same: that empty match, or None for rules without it."""

    def __init__(self, method: Callable):
        super().__init__(method)
        self.empty_at_end = method("a") is not None

    def __call__(self, string: str):
        if string[-1:] in _ASCII_ALNUM and not string.endswith(_POSSESSIVES):
            return _END.search(string, len(string)) if self.empty_at_end else None
        return self.method(string)


class InfixFinditer(_Shortcut):
    """Every infix rule consumes a punctuation mark or symbol: none is inside `[A-Za-z0-9]+`."""

    def __call__(self, string: str) -> Iterator:
        if string.isascii() and string.isalnum():
            return iter(())
        return self.method(string)


class UrlMatch(_Shortcut):
    """Both host forms of spaCy's URL pattern (domain, IPv4) hold a literal `.`."""

    def __call__(self, string: str):
        return self.method(string) if "." in string else None


def fast_lexeme_attrs(vocab: Vocab) -> None:
    """Give `vocab` (an English one) quicker getters for three lexeme attributes, same values."""
    getters = dict(vocab.lex_attr_getters)  # a copy: never change spaCy's English defaults
    if getters.get(LIKE_NUM) is _like_num:
        getters[LIKE_NUM] = like_num
    if getters.get(LIKE_URL) is _like_url:
        getters[LIKE_URL] = like_url
    if IS_ASCII in getters:
        getters[IS_ASCII] = str.isascii  # spaCy's loops over `ord(char) < 128`
    vocab.lex_attr_getters = getters


def like_num(text: str) -> bool:
    """spaCy's English `like_num`; a plain word skips its sign, separator and fraction steps."""
    if text.isascii() and text.isalnum():
        lower = text.lower()
        return text.isdigit() or lower in _NUMBER_WORDS or (lower.endswith(_ORDINAL_ENDS) and lower[:-2].isdigit())
    return _like_num(text)


def like_url(text: str) -> bool:
    """spaCy's `like_url`: without a scheme or a `.` (of `www.` or a domain) it is no URL."""
    return ("." in text or text.startswith(("http://", "https://"))) and _like_url(text)
