"""Rewritten hot helpers of the pipeline give what their straightforward versions give.

Each test builds the plain reference (as the code read before it was made faster) and checks
the fast version against it on hand-written cases and on random text (hypothesis).
"""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import lexicon
from kg.recognize import _STREAM_TOKEN, _Stream, _stream_gap, make_nlp

# Characters that make tokens, sizes, versions, `v` numbers and every kind of gap.
ALPHABET = "abkmtvxBVAZ0123456789.+-_/~:,;()[] \n\u00e9\u0130"
texts = st.text(alphabet=ALPHABET, max_size=60)


def reference_stream(text: str) -> tuple[str, dict[int, tuple[int, int]]]:
    """The stream text and, for each token's stream offset, its char span: one plain split."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower()[:1] for c in text)
    token = _STREAM_TOKEN.pattern
    if re.search(r"v\d", lowered):
        token = token.replace("|[a-z]+|", r"|(?:[a-uw-z]|v(?!\d))[a-uw-z]*(?:v(?!\d)[a-uw-z]*)*|")
    pieces = re.split(f"({token})", lowered)
    parts = [_stream_gap(p) if i % 2 == 0 else ("plus" if p == "+" else p) for i, p in enumerate(pieces)]
    parts[0] = parts[-1] = " "
    part_ends = list(itertools.accumulate(map(len, parts)))
    piece_ends = list(itertools.accumulate(map(len, pieces)))
    spans = {part_ends[i]: (piece_ends[i], piece_ends[i + 1]) for i in range(0, len(parts) - 1, 2)}
    return "".join(parts), spans


def check_stream(text: str) -> None:
    stream = _Stream(text)
    expected_text, spans = reference_stream(text)
    assert stream.text == expected_text
    for offset in range(len(stream.text) + 2):
        assert stream.span(offset) == spans.get(offset), offset


@pytest.mark.parametrize("text", [
    "", " ", "+", "a14b", "57B-A14B", "Qwen2-57B-A14B and a1x", "DINOv2 vs DeepSeek-V3.2, v2.5",
    "GPT-4o+ (8x7B) at 2.5.1 a.b.c", "llama3.2:3b AIME~24 FLUX.1 [dev]", "ab\n\ncd", "Vv1 av1 a1b",
    "C++ and C#", "İstanbul a14b", "x 7bx 7b 1.5t 3a",
])
def test_the_stream_cuts_hand_written_text_as_the_plain_split(text):
    check_stream(text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_the_stream_cuts_any_text_as_the_plain_split(text):
    check_stream(text)


@pytest.fixture(scope="module")
def nlp():
    return make_nlp()


def sentence_starts(doc) -> list:
    from spacy.attrs import SENT_START

    return doc.to_array([SENT_START]).tolist()


PUNCTUATED = st.text(alphabet="ab .!?;,()\"'\n\u3002\u0964-", max_size=40)


@settings(max_examples=300, deadline=None)
@given(PUNCTUATED)
def test_the_array_sentencizer_starts_sentences_where_spacys_does(nlp, text):
    from spacy.pipeline import Sentencizer

    ours = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    assert sentence_starts(ours) == sentence_starts(Sentencizer()(nlp.make_doc(text)))


def test_the_array_sentencizer_reads_marks_runs_and_brackets(nlp):
    from spacy.pipeline import Sentencizer

    text = "Is it? Yes!! (Really.) \"Quoted.\" And so . . . on... Done?!"
    ours = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    theirs = Sentencizer()(nlp.make_doc(text))
    assert [s.text for s in ours.sents] == [s.text for s in theirs.sents]
    assert len(list(ours.sents)) > 4


def reference_is_generic(text: str) -> bool:
    lowered = text.lower().strip()
    if lowered in lexicon.GENERIC:
        return True
    parts = [p for p in re.split(r"[-_/+ ]", lowered) if p]
    return len(parts) > 1 and all(p in lexicon.GENERIC or len(p) <= 2 for p in parts)


@pytest.mark.parametrize("text", ["LLM", " Transformer ", "SSL-LLM", "LLM-x", "GPT-4", "rlhf/sft", "Llama", "a+b", "-", ""])
def test_is_generic_answers_hand_written_names_as_the_plain_version(text):
    assert lexicon.is_generic(text) == reference_is_generic(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="lmrhsf-_/+ .2A", max_size=12))
def test_is_generic_answers_any_name_as_the_plain_version(text):
    assert lexicon.is_generic(text) == reference_is_generic(text)


def test_a_stream_span_is_found_only_at_token_starts():
    stream = _Stream("GPT-4 beats Llama-2-7B.")
    starts = [i for i in range(len(stream.text)) if stream.span(i) is not None]
    assert [stream.span(i) for i in starts] == [(0, 3), (4, 5), (6, 11), (12, 17), (18, 19), (20, 22)]
