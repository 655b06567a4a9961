"""Property and table tests of the name normaliser (kg.names)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.model import EntityType
from kg.names import entity_id, name_key, slug, strip_repo, tokens

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)
SIZE = st.integers(min_value=1, max_value=999).map(lambda n: f"{n}B")
PART = st.one_of(WORD, SIZE, st.integers(min_value=1, max_value=9).map(str))
NAME = st.lists(PART, min_size=1, max_size=5)
SEP = st.sampled_from(["-", " ", "_", "  ", " - "])


@given(st.text(max_size=40))
def test_name_key_is_idempotent(text):
    key = name_key(text)
    assert name_key(key) == key


@given(NAME, SEP, SEP)
def test_separators_between_tokens_do_not_matter(parts, sep_a, sep_b):
    assert name_key(sep_a.join(parts)) == name_key(sep_b.join(parts))


@given(NAME)
def test_case_does_not_matter(parts):
    name = "-".join(parts)
    assert name_key(name.upper()) == name_key(name.lower()) == name_key(name.title())


@given(WORD, st.integers(min_value=1, max_value=99), st.integers(min_value=0, max_value=9))
def test_inserting_a_digit_into_a_size_changes_the_key(word, size, digit):
    text = str(size)
    for at in range(len(text) + 1):
        bigger = text[:at] + str(digit) + text[at:]
        assert name_key(f"{word}-{text}B") != name_key(f"{word}-{bigger}B")


MUST_MERGE = [
    ("Llama2-7B", "LLaMA-2 7B", "llama-2-7b", "Llama 2 7B", "llama_2_7b"),
    ("Qwen2.5-7B", "Qwen 2.5 7B", "qwen2.5-7b"),
    ("GPT4", "GPT-4", "gpt 4"),
    ("Mixtral-8x7B", "Mixtral 8x7B", "mixtral-8x7b"),
    ("HumanEval+", "HumanEval Plus"),
]
MUST_NOT_MERGE = [
    ("Qwen2.5-7B", "Qwen2-57B"),
    ("GPT-4", "GPT-4o"),
    ("Llama-2-7B", "Llama-2-13B", "Llama-27B"),
    ("MMLU", "MMLU-Pro"),
    ("HumanEval", "HumanEval+"),
    ("Mixtral-8x7B", "Mixtral-8x22B"),
    ("Qwen2-57B-A14B", "Qwen2-57B"),
    ("ARC-Easy", "ARC-Challenge"),
    ("Llama-2-7B", "Llama-2-7B-Chat"),
]


@pytest.mark.parametrize("spellings", MUST_MERGE)
def test_spellings_of_one_name_share_a_key(spellings):
    assert len({name_key(s) for s in spellings}) == 1


@pytest.mark.parametrize("names", MUST_NOT_MERGE)
def test_different_sizes_and_versions_never_merge(names):
    assert len({name_key(n) for n in names}) == len(names)


def test_documented_examples():
    assert name_key("LLaMA-2 7B") == name_key("Llama2-7B") == "llama-2-7b"
    assert name_key("Qwen2.5-7B") == "qwen-2.5-7b"
    assert name_key("Qwen2-57B") == "qwen-2-57b"
    assert tokens("Mixtral-8x7B") == ["mixtral", "8x7b"]
    assert strip_repo("meta-llama/Llama-2-7b-hf") == "Llama-2-7b"
    assert entity_id(EntityType.MODEL, "meta-llama/Llama-2-7b-hf") == "model:llama-2-7b"
    assert entity_id("benchmark", "GSM8K") == "benchmark:gsm-8k"
    assert slug("Attention Is All You Need!") == "attention-is-all-you-need"
