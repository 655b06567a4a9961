"""Speed rewrites in kg.discover give exactly what the straightforward versions they replace gave.

Each rewritten helper is checked against a plain reference (the code it replaced) on
hypothesis-generated inputs drawn from an alphabet rich in the characters the rules care about.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg import discover

# Name-ish characters, separators, spaces and a non-ASCII letter and digit (`\w` is Unicode).
_ALPHABET = "aAbBxX19-_./+ ,()é٣"
_texts = st.text(alphabet=_ALPHABET, max_size=40)
_names = st.lists(st.text(alphabet="aAbBx1-_.+", min_size=1, max_size=4), min_size=1, max_size=3)


def _reference_variant_spans(text: str, start: int, end: int, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """The replaced code: one regex alternation of the names, compiled for each paper."""
    pattern = re.compile(rf"(?<![\w\-])(?:{'|'.join(map(re.escape, names))})(?:[-_][\w\-]*\w)?(?![\w\-])")
    return [m.span() for m in pattern.finditer(text, start, end)]


@settings(max_examples=3000, deadline=None)
@given(_texts, _names, st.integers(0, 40), st.integers(0, 40))
def test_variant_spans_equal_one_alternation_regex(text, names, start, end):
    start, end = min(start, len(text)), min(max(start, end), len(text))
    names = tuple(names)
    assert discover._variant_spans(text, start, end, names) == _reference_variant_spans(text, start, end, names)


def test_variant_spans_find_a_name_and_its_variants_not_a_longer_word():
    text = "Kestrel and Kestrel-Mini beat Kestrels and pre-Kestrel; Kestrel_v2 too."
    found = [text[a:b] for a, b in discover._variant_spans(text, 0, len(text), ("Kestrel",))]
    assert found == ["Kestrel", "Kestrel-Mini", "Kestrel_v2"]


def test_variant_spans_let_the_first_name_win_where_two_start():
    text = "Kite.2 flies, Kite-Net-2 too"
    assert discover._variant_spans(text, 0, len(text), ("Kite.2", "Kite")) == [(0, 6), (14, 24)]
    assert discover._variant_spans(text, 0, len(text), ("Kite", "Kite.2")) == [(0, 4), (14, 24)]
    assert discover._variant_spans(text, 19, len(text), ("Net",)) == []  # `-Net` does not start a word


# --- cheap tests before regexes: each must never say "no" where the regex says "yes" ---

_cue_texts = st.text(alphabet="calednmubtroiyvspfwhgx .,\n\tCNVSıſé", max_size=30)


def _with_cue(words: tuple[str, ...]):
    """Texts ending (or not) with one of `words`, in any case, maybe followed by spaces and a comma."""
    return st.builds(lambda pre, word, upper, post: pre + (word.upper() if upper else word) + post,
                     _cue_texts, st.sampled_from(words), st.booleans(), st.sampled_from(["", " ", ", ", " ,\n", "\t"]))


@settings(max_examples=2000, deadline=None)
@given(st.one_of(_cue_texts, _with_cue(discover._NAMING_WORDS)))
def test_ends_naming_equals_the_naming_regex(text):
    assert discover._ends_naming(text) == (discover._NAMING.search(text) is not None)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(_cue_texts, _with_cue(("than", "outperforms", "surpassing", "compared with", "compared to",
                                        "versus", "vs", "vs.", "over"))))
def test_may_compare_holds_wherever_the_compare_regex_matches(text):
    if discover._COMPARE.search(text):
        assert discover._may_compare(text)


_INTRO_VERBS = ("introduce", "present", "propose", "release", "develop", "construct", "build", "curate", "create",
                "contribute", "train", "open-source", "design", "collect", "compile", "establish", "offer")
_intro_phrases = tuple(f"{subject} {verb}" for subject in ("we", "This paper", "Here, we newly", "our work")
                       for verb in _INTRO_VERBS) + ("we also propose", "introducing", "is presented", "we curated")


@settings(max_examples=2000, deadline=None)
@given(st.one_of(_cue_texts, _with_cue(_intro_phrases)))
def test_may_introduce_holds_wherever_the_intro_regex_matches(text):
    if discover._INTRO_VERB.search(text):
        assert discover._may_introduce(text)


def test_cheap_cue_tests_reject_ordinary_text():
    assert not discover._ends_naming("the results of the")
    assert not discover._may_compare("results on the ")
    assert not discover._may_introduce("Results on three tasks improve by two points.")
    assert discover._may_introduce("We introduce OwlNet.")


_words_alphabet = "aAbBzZ19-_./+é"


def _reference_word_parts(shaped: str) -> tuple[tuple[int, int, str], ...]:
    """The replaced code: split at slashes, cut a tail word from each part (a kind compared
    with, `X-style`, is no mention at all)."""
    if discover._PLAIN.fullmatch(shaped) or discover._COMPARISON_TAIL.search(shaped):
        return ()
    out, offset = [], 0
    for part in discover._SLASH.split(shaped):
        word = discover._TAIL_WORD.sub("", part)
        if word and (offset == 0 or word[0].isalpha()):
            out.append((offset, offset + len(word), word))
        offset += len(part) + 1
    return tuple(out)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.text(alphabet=_words_alphabet, min_size=1, max_size=14),
                 st.builds(lambda a, t: a + t, st.text(alphabet=_words_alphabet, min_size=1, max_size=8),
                           st.sampled_from(["-trained", "-based-style", "-like", "/14", "/70B-only"]))))
def test_word_parts_equal_the_split_and_cut_reference(shaped):
    assert discover._word_parts.__wrapped__(shaped) == _reference_word_parts(shaped)


def _reference_is_name_like(word: str) -> bool:
    """The replaced code: the same rejections in their first order."""
    from kg import lexicon
    if word.islower() or word[1:].islower() and word.isalpha():
        return False
    core = word.strip("-_./")
    if len(core) < 2 or lexicon.is_generic(core) or not core[0].isalpha():
        return False
    if core.lower() in lexicon.ORGANIZATIONS or discover._NOT_NAME_SHAPE.fullmatch(core):
        return False
    if discover._is_title_case_compound(core) or "://" in word or "@" in core or discover._generic_compound(core):
        return False
    if discover._VERSION_SHAPE.fullmatch(core):
        return False
    has_inner_upper = any(c.isupper() for c in core[1:])
    has_digit_and_alpha = any(c.isdigit() for c in core) and any(c.isalpha() for c in core)
    return has_inner_upper or (has_digit_and_alpha and core[0].isupper())


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.text(alphabet="aAbLMzT19-_./+@:é", min_size=1, max_size=12),
                 st.sampled_from(["LLM-based", "Multi-Task", "GPT-4o", "OpenAI", "LLMs", "v2", "7B", "a/b", "http://x.io",
                                  "Llama-Guard", "SSL-LLM", "ViT-L/14", "DeepSeek-R1", "XII", "Qwen2.5-7B"])))
def test_is_name_like_equals_the_first_order_of_its_tests(word):
    assert discover.is_name_like.__wrapped__(word) == _reference_is_name_like(word)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="ab :/w.\\@x", max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_a_text_without_markup_signs_has_no_markup_for_lexicon(text, start, end):
    """`_may_have_markup` mirrors `lexicon.in_markup`: if that learns a new sign, this fails."""
    from kg import lexicon
    start, end = min(start, len(text)), min(max(start, end), len(text))
    if lexicon.in_markup(text, start, end):
        assert discover._may_have_markup(text)


# The replaced pattern: it also matched plain capitalised words, which `_word_parts` dropped.
_OLD_SHAPED_WORD = re.compile(r"(?<![\w\-])(?![a-z]++(?![\w.+\-/]))"
                              r"(?:(?=[\w.+\-/]*[A-Z0-9+])[A-Za-z0-9][\w.+\-/]*[\w+]|[A-Z]\b)")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="aAbZz19-_./+ ,é", max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_shaped_words_are_the_old_matches_that_have_parts(text, start, end):
    start, end = min(start, len(text)), min(max(start, end), len(text))
    old = [m.span() for m in _OLD_SHAPED_WORD.finditer(text, start, end) if discover._word_parts(m.group())]
    assert [m.span() for m in discover._SHAPED_WORD.finditer(text, start, end)] == old


def test_shaped_words_skip_plain_capitalised_words():
    text = "The Multi-task Owl-7B beats We."
    assert [m.group() for m in discover._SHAPED_WORD.finditer(text)] == ["Owl-7B"]
