"""kg's tokenizer shortcuts (kg.tokenize) change speed, never tokens, lexemes or sentences.

The reference is the tokenizer kg had before the shortcuts: `spacy.blank("en")` with kg's
period split, its regexes run on every chunk and spaCy's own lexeme attribute getters.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.lang import lex_attrs as spacy_lex
from spacy.lang.en.lex_attrs import like_num as spacy_like_num
from spacy.lang.lex_attrs import like_url as spacy_like_url

from kg.recognize import _tokenizer_with_period_split, make_doc, make_nlp
from kg.sources import read_papers
from kg.tokenize import (
    BRACKETS,
    CHUNK_CACHE_SIZE,
    LEFT_PUNCT,
    QUOTES,
    RIGHT_PUNCT,
    InfixFinditer,
    PrefixSearch,
    SuffixSearch,
    like_num,
    like_url,
    word_shape,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "examples"
LISTINGS = (SHARED / "hf-daily-papers-pretraining.txt", SHARED / "dev-arxiv.jsonl")

# Letters, digits and every kind of character spaCy's affix rules look at: quotes, apostrophes,
# brackets, hyphens and dashes, currency, degree and other symbols, dots and ellipses.
PUNCTUATION = ".,;:!?'\"’‘“”()[]{}<>-–—~+*^/=_#&%$€£°©…`´«»"
# Letters and digits weigh as much as all the marks together: most chunks are words.
CHARACTERS = st.sampled_from(list(PUNCTUATION) + list("aZsSxBeK90") * 5)
CHUNK = st.text(alphabet=CHARACTERS, min_size=1, max_size=12)

HAND_WRITTEN = (
    "We fine-tune TinyNet-7B (and TinyNet-7B-Chat) on 1.2T tokens; it beats e.g. GPT-4o, "
    "costs US$5 or 3€, runs at 25°C. and scores 71.3% on FooBench's test set: see "
    "https://example.org/foo?x=1 or www.example.com. Results... are “good” — mostly.\n\n"
    "Title: A New Model\u2019s Story (v2) [sic] 3-5 x*y a/b <tag> #hash 'quoted'"
)


def reference_nlp() -> spacy.Language:
    nlp = spacy.blank("en")
    _tokenizer_with_period_split(nlp)
    return nlp


# Built once: hypothesis runs each property hundreds of times, and a pipeline takes 0.1 s.
# With all of spaCy's lexeme attributes, to compare each of them (kg's default pipeline computes
# only the ones it reads: tests/test_pipeline_speed.py).
REFERENCE, KG_NLP = reference_nlp(), make_nlp(None, full_lexemes=True)


@pytest.fixture(scope="module")
def nlps():
    return REFERENCE, KG_NLP


def shared_texts() -> list[str]:
    return [paper.text for path in LISTINGS if path.exists() for paper in read_papers(path)]


def tokens(doc) -> list[tuple[str, int, str]]:
    return [(t.text, t.idx, t.whitespace_) for t in doc]


def lexeme_attrs(token) -> tuple:
    """Every lexical attribute spaCy computes for a new word."""
    return (token.lower_, token.norm_, token.prefix_, token.suffix_, token.shape_, token.is_alpha,
            token.is_digit, token.is_lower, token.is_upper, token.is_title, token.is_space,
            token.is_stop, token.is_punct, token.is_ascii, token.is_bracket, token.is_quote,
            token.is_left_punct, token.is_right_punct, token.is_currency, token.like_num,
            token.like_url, token.like_email, token.lang_)


def sentence_starts(kg_nlp, doc) -> list[int]:
    """Sentence starts after kg's title-boundary and sentencizer components."""
    for name, component in kg_nlp.pipeline:
        if name in ("kg_title_boundary", "sentencizer"):
            doc = component(doc)
    return [sentence.start for sentence in doc.sents]


def test_every_shared_abstract_gets_the_same_tokens_and_sentences(nlps):
    reference, kg_nlp = nlps
    texts = shared_texts()
    if not texts:
        pytest.skip(f"shared listings not found in {SHARED}")
    for text in texts:
        before, after = reference.make_doc(text), make_doc(kg_nlp, text)
        assert tokens(after) == tokens(before)
        assert list(map(lexeme_attrs, after)) == list(map(lexeme_attrs, before))
        assert sentence_starts(kg_nlp, after) == sentence_starts(kg_nlp, before)


def test_a_hand_written_text_gets_the_same_tokens(nlps):
    reference, kg_nlp = nlps
    doc = make_doc(kg_nlp, HAND_WRITTEN)
    assert tokens(doc) == tokens(reference.make_doc(HAND_WRITTEN))
    assert ["fine", "-", "tune"] == [t.text for t in doc][1:4]  # the rules still split words
    assert "FooBench" in [t.text for t in doc] and "'s" in [t.text for t in doc]


@settings(max_examples=300, deadline=None)
@given(st.lists(CHUNK, min_size=1, max_size=8))
def test_random_chunks_get_the_same_tokens(chunks):
    text = " ".join(chunks)
    # Twice: the second pass reads spaCy's chunk cache, filled by the first.
    for _ in range(2):
        after, before = KG_NLP.make_doc(text), REFERENCE.make_doc(text)
        assert tokens(after) == tokens(before)
        assert list(map(lexeme_attrs, after)) == list(map(lexeme_attrs, before))


def span(match) -> tuple[int, int] | None:
    return None if match is None else match.span()


@settings(max_examples=2000, deadline=None)
@given(CHUNK)
def test_each_shortcut_answers_as_its_regex(chunk):
    reference, fast = REFERENCE.tokenizer, KG_NLP.tokenizer
    assert span(fast.prefix_search(chunk)) == span(reference.prefix_search(chunk))
    assert span(fast.suffix_search(chunk)) == span(reference.suffix_search(chunk))
    assert [m.span() for m in fast.infix_finditer(chunk)] == [m.span() for m in reference.infix_finditer(chunk)]
    assert span(fast.url_match(chunk)) == span(reference.url_match(chunk))


@pytest.mark.parametrize("chunk", ["GSM8K", "pretraining", "7B", "model's", "MODEL'S", "it’s", "x", "Z9"])
def test_plain_and_possessive_words_answer_as_their_regex(chunk):
    reference, fast = REFERENCE.tokenizer, KG_NLP.tokenizer
    assert span(fast.suffix_search(chunk)) == span(reference.suffix_search(chunk))
    assert list(fast.infix_finditer(chunk)) == list(reference.infix_finditer(chunk)) == []


@pytest.mark.parametrize("chunk", ["US$5", "C$3", "A$", "Ab", "Cx", "Us", "pretraining", "7B", "(GSM8K", "$5", "“Hi"])
def test_prefixes_that_start_with_a_letter_still_split(chunk):
    reference, fast = REFERENCE.tokenizer, KG_NLP.tokenizer
    assert type(fast.prefix_search).__name__ == "PrefixSearch"
    assert span(fast.prefix_search(chunk)) == span(reference.prefix_search(chunk))


@pytest.mark.parametrize("pattern, first", [
    (r"^\(|^US\$|^[a-c]", frozenset("Uabc")),
    (r"^(?:x|[0-3])|^\$", frozenset("x0123")),
    (r"\(|^US\$", None),  # not anchored: a match may start anywhere
    (r"^(?i:us\$)", None),  # case-insensitive group: `Us$` matches too
    (r"^x?y", None),  # a repeat may match empty
    (r"^\w", None),  # a class by category is not read
])
def test_prefix_first_characters_are_read_off_the_regex_or_not_assumed(pattern, first):
    assert PrefixSearch.first_chars(re.compile(pattern)) == first
    assert PrefixSearch.first_chars(re.compile(pattern, re.IGNORECASE)) is None


# Chunks ending the way words in running text do: a word, then one or more closing marks, a
# unit or a possessive (`models,` `(GPT-4).` `5%.` `3€` `Model's` `e.g.` `end...`).
ENDINGS = st.sampled_from([",", ".", ")", ";", ":", '"', "'", "’", "”", "!", "?", "]", "%", "-", "–", "…", "..",
                           "'s", "’S", "$", "US$", "C$", "€", "°", "°C", "+", "/", "km", "s", "x", "7", "\n"])
ENDED_CHUNK = st.tuples(CHUNK, st.lists(ENDINGS, min_size=1, max_size=3)).map(lambda t: t[0] + "".join(t[1]))


@settings(max_examples=3000, deadline=None)
@given(ENDED_CHUNK)
def test_the_suffix_shortcut_answers_as_its_regex_on_chunks_ending_in_marks(chunk):
    reference, fast = REFERENCE.tokenizer, KG_NLP.tokenizer
    assert span(fast.suffix_search(chunk)) == span(reference.suffix_search(chunk))


@pytest.mark.parametrize("chunk, suffix", [
    ("models,", ","), ("(GPT-4).", "."), ("GSM8K.", "."), ("7B.", "."), ("aB.", "."), ("e.g.", "."),
    ("end...", "..."), ("x.", "."), ("tokens)", ")"), ("Hi\"", '"'), ("5%.", "."), ("3€", "€"),
    ("model's", "'s"), ("A;", ";"), ("a…", "…"), ("a……", "……"), ("5US$", "US$"), ("21°C.", "."),
])
def test_chunks_ending_in_marks_split_as_their_regex(chunk, suffix):
    reference, fast = REFERENCE.tokenizer, KG_NLP.tokenizer
    assert span(fast.suffix_search(chunk)) == span(reference.suffix_search(chunk))
    assert chunk[fast.suffix_search(chunk).start():] == suffix


def test_the_suffix_shortcut_covers_the_common_marks_of_kgs_rules():
    search = KG_NLP.tokenizer.suffix_search
    assert set(",;:)]\"'!?") <= search.one_char and search.dot_after_alnum
    assert not {".", "…", "$", "s", "%"} & search.one_char  # a longer rule ends on these


def test_spacys_own_rules_do_not_split_a_dot_after_any_letter():
    # spaCy's default rules keep `.` on `aB` (one capital after a lowercase letter): no shortcut.
    blank = spacy.blank("en").tokenizer
    one_char, dot_after_alnum = SuffixSearch.one_char_ends(blank.suffix_search.__self__)
    assert "," in one_char and not dot_after_alnum
    assert blank.suffix_search("aB.") is None


@pytest.mark.parametrize("pattern, one_char, dot_after_alnum", [
    (r",$|\)$|(?<=[0-9A-Za-z])\.$", frozenset(",)"), True),
    (r",$|a,$", frozenset(), False),  # a longer rule ends on `,`
    (r",$|\)$|x*$", frozenset(), False),  # a repeat may consume nothing: its last character is unknown
    (r",$|,", frozenset(), False),  # not every rule is anchored at the end
    (r"\.$|(?<=[a-z])\.$", frozenset("."), False),  # any `.`; the lookbehind misses capitals
    (r"(?<=[0-9A-Za-z])\.$|[a.]\.$", frozenset(), False),  # `a.` ends on a dot after a letter
    (r"(?<=[0-9A-Za-z])\.$|\.\.+$", frozenset(), True),  # only `..` ends on a dot after a dot
])
def test_one_char_suffixes_are_read_off_the_regex_or_not_assumed(pattern, one_char, dot_after_alnum):
    assert SuffixSearch.one_char_ends(re.compile(pattern)) == (one_char, dot_after_alnum)
    assert SuffixSearch.one_char_ends(re.compile(pattern, re.IGNORECASE)) == (frozenset(), False)


# Hyphenated words (`Omni-DNA`, `o4-mini`, `GPT-4-Turbo`), and near misses that must reach the
# regex (`a--b`, `-x`, `x-`, `a-.b`, `é-b`).
HYPHEN_PARTS = st.lists(st.sampled_from(list("aZsxBeK90") + ["-", "--", ".", "–", "é", "+", "/"]),
                        max_size=4).map("".join)
HYPHENATED = st.lists(HYPHEN_PARTS, min_size=1, max_size=4).map("-".join)


@settings(max_examples=3000, deadline=None)
@given(HYPHENATED)
def test_the_infix_shortcut_answers_as_its_regex_on_hyphenated_words(chunk):
    reference, fast = REFERENCE.tokenizer, KG_NLP.tokenizer
    assert [m.span() for m in fast.infix_finditer(chunk)] == [m.span() for m in reference.infix_finditer(chunk)]


@pytest.mark.parametrize("chunk, pieces", [
    ("Omni-DNA", ["Omni", "-", "DNA"]), ("GPT-4", ["GPT-4"]), ("o4-mini", ["o4", "-", "mini"]),
    ("3-5", ["3", "-", "5"]), ("GPT-4-Turbo", ["GPT-4", "-", "Turbo"]), ("a-b-c", ["a", "-", "b", "-", "c"]),
])
def test_hyphenated_words_split_as_before(chunk, pieces):
    assert [t.text for t in KG_NLP.make_doc(chunk)] == [t.text for t in REFERENCE.make_doc(chunk)] == pieces


def test_the_infix_shortcut_reads_kgs_rules():
    pairs = KG_NLP.tokenizer.infix_finditer.pairs
    assert {"aD", "4m", "35", "9x"} <= pairs and not {"T4", "a5"} & pairs  # `GPT-4` stays whole


@pytest.mark.parametrize("pattern, pairs", [
    (r"(?<=[a-b])-(?=[c])|\.\.+|…", {"ac", "bc"}),
    (r"(?<=[0-9])[+\-*](?=[0-9-])|(?<=[a])(?:-|–|--)(?=[b])", {str(d) + str(e) for d in range(10) for e in range(10)} | {"ab"}),
    (r"-|,", {a + b for a in "".join(map(chr, range(128))) for b in "".join(map(chr, range(128))) if (a + b).isalnum()}),
    (r"(?<=[a])-x(?=[b])", None),  # consumes a letter after the hyphen
    (r"(?<=[a])(?:-|-a)(?=[b])", None),  # `-a` can occur in a hyphenated word
    (r"(?<![a])-", None),  # a negative lookbehind is not read
    (r"(?<=ab)-", None),  # a lookbehind of two characters is not read
    (r"x*", None),  # may consume nothing
    (r"[a-z]", None),  # consumes letters
])
def test_hyphen_pairs_are_read_off_the_regex_or_not_assumed(pattern, pairs):
    assert InfixFinditer.hyphen_pairs(re.compile(pattern)) == (None if pairs is None else frozenset(pairs))
    assert InfixFinditer.hyphen_pairs(re.compile(pattern, re.IGNORECASE)) is None


def test_the_chunk_cache_outgrows_spacys_default():
    tokenizer = make_nlp(None).tokenizer
    assert tokenizer.max_cache_size == CHUNK_CACHE_SIZE > spacy.blank("en").tokenizer.max_cache_size


@pytest.mark.parametrize("word", [
    "3", "42", "three", "Three", "THIRD", "21st", "2nd", "4th", "x4th", "1st2", "-5", "+3", "1,000",
    "2.5", "3/4", "a/b", "seven-B", "GSM8K", "http://localhost", "https://x", "www.example", "www.",
    "example.org", "a.b", "a@b.org", ".org", "end.", "tokens", "",
])
def test_lexeme_getters_answer_as_spacys(word):
    assert like_num(word) == spacy_like_num(word)
    if word:  # spaCy's `like_url` indexes the first character
        assert like_url(word) == spacy_like_url(word)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(list("aZ90.,/:+-±~@_ ") + ["st", "th", "www.", "http://", "one"]), min_size=1).map("".join))
def test_lexeme_getters_agree_on_random_words(word):
    assert like_num(word) == spacy_like_num(word)
    assert like_url(word) == spacy_like_url(word)


def test_spacys_english_defaults_are_left_alone():
    blank = spacy.blank("en").vocab.lex_attr_getters
    assert like_num not in blank.values() and like_url not in blank.values()
    assert like_num in KG_NLP.vocab.lex_attr_getters.values()


@pytest.mark.parametrize("text", ["cannot", "(cannot)", "Cannot.", "US$5", "A$ C$3", "U2 and GPT4o", "gonna", "Ill"])
def test_whole_words_taken_by_token_match_still_meet_special_cases_and_prefixes(text):
    assert KG_NLP.tokenizer.token_match is not None  # kg's shortcut for plain ASCII words
    assert tokens(KG_NLP.make_doc(text)) == tokens(REFERENCE.make_doc(text))


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ACUSacus019", min_size=1, max_size=8))
def test_a_plain_word_token_match_takes_is_one_token_for_spacys_rules(word):
    if KG_NLP.tokenizer.token_match(word) and REFERENCE.tokenizer.rules.get(word) is None:
        assert [t.text for t in REFERENCE.make_doc(word)] == [word]


def test_a_saved_tokenizer_loads_with_the_same_tokens():
    restored = reference_nlp().tokenizer.from_bytes(KG_NLP.tokenizer.to_bytes())
    assert tokens(restored(HAND_WRITTEN)) == tokens(REFERENCE.make_doc(HAND_WRITTEN))


# spaCy's English getters, untouched, to compare kg's swapped ones with.
SPACY_GETTERS = spacy.blank("en").vocab.lex_attr_getters
# Characters each getter looks at: ASCII letters, digits, marks, spaces; letters whose case or
# digits whose value Unicode treats specially (dotted I, sharp s, titlecase dz, Arabic and
# superscript digits, fractions, Roman numerals, the Kelvin sign), currency and quote marks.
ODD = list("İßǅΣσ٣²½ⅫK€£¥₹„‹❮❯") + ["\u00a0", "\u2009"]
WORD_CHARS = st.sampled_from(list(PUNCTUATION) + list("aZsSxXdDBeK90 \n\t@:|\\") + ODD
                             + ["http://", "https://", "www.", "xxxxx", "ABCDE", "99999", "one", "th", ".org", "''", "``"])
WORD = st.lists(WORD_CHARS, min_size=1, max_size=30).map("".join)


def answer(getter, word: str):
    """The getter's value, or the type of what it raised (both sides must raise alike)."""
    try:
        return getter(word)
    except Exception as exc:  # noqa: BLE001 - the exception type is the answer compared
        return type(exc)


def test_every_lexeme_getter_is_swapped_for_a_faster_one():
    swapped = [attr for attr, getter in KG_NLP.vocab.lex_attr_getters.items() if getter is not SPACY_GETTERS[attr]]
    assert sorted(swapped) == sorted(SPACY_GETTERS)


@settings(max_examples=3000, deadline=None)
@given(WORD | st.text(min_size=1, max_size=120))
def test_every_lexeme_getter_answers_as_spacys_own(word):
    for attr, getter in KG_NLP.vocab.lex_attr_getters.items():
        assert answer(getter, word) == answer(SPACY_GETTERS[attr], word), (attr, word)


@pytest.mark.parametrize("word", [
    "pretraining", "GSM8K", "Llama", "a", "Z", "7", "ABCDEFGH123456", "aaaaAAAAAdddd99999", "x" * 99,
    "x" * 100, "A1" * 60, "-----", "\n\n\n\n\n\n", "e.g.", "İstanbul", "Straße", "٣٣٣٣٣٣", "²²²²²",
])
def test_word_shape_answers_as_spacys(word):
    for _ in range(2):  # the second answer comes from kg's shape cache
        assert word_shape(word) == spacy_lex.word_shape(word)


def test_lexeme_getters_answer_on_the_empty_string_as_spacys():
    for attr, getter in KG_NLP.vocab.lex_attr_getters.items():
        if attr != spacy.attrs.LIKE_URL:  # spaCy's indexes the first character; never asked for ""
            assert answer(getter, "") == answer(SPACY_GETTERS[attr], ""), attr


@pytest.mark.parametrize("ours, spacys", [
    (BRACKETS, spacy_lex.is_bracket), (QUOTES, spacy_lex.is_quote),
    (LEFT_PUNCT, spacy_lex.is_left_punct), (RIGHT_PUNCT, spacy_lex.is_right_punct),
])
def test_membership_sets_hold_the_strings_of_spacys_tuples(ours, spacys):
    tuples = [const for const in spacys.__code__.co_consts if isinstance(const, tuple)]
    assert len(tuples) == 1 and ours == frozenset(tuples[0])


def test_the_stop_and_norm_getters_read_spacys_own_tables():
    getters = KG_NLP.vocab.lex_attr_getters
    assert getters[spacy.attrs.IS_STOP].args[0] is SPACY_GETTERS[spacy.attrs.IS_STOP].keywords["stops"]
    assert getters[spacy.attrs.NORM]("’s") == "'s" and getters[spacy.attrs.NORM]("Model") == "model"


def test_the_swapped_getters_survive_pickling():
    restored = pickle.loads(pickle.dumps(KG_NLP.vocab.lex_attr_getters))
    for word in ("GSM8K", "The", "“", "$5", "a@b.org", "www.example.com"):
        assert {a: g(word) for a, g in restored.items()} == {a: g(word) for a, g in SPACY_GETTERS.items()}
