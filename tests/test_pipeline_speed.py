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
    # runs of plain words, cut as one piece, and what ends them
    "we train the qwen2 model on a14b data", "the dinov2 and the v2 of it", "use c++ or a b c",
    "two  spaces, then a comma and an end", "a a a a1 a", "Llama 2 7B chat and Llama 2 7B",
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


@pytest.fixture(scope="module")
def full_nlp():
    """With all of spaCy's lexeme attributes (`nlp` computes only the ones kg reads), for
    spaCy's own sentencizer, which reads `is_punct` off the lexemes."""
    return make_nlp(full_lexemes=True)


def sentence_starts(doc) -> list:
    from spacy.attrs import SENT_START

    return doc.to_array([SENT_START]).tolist()


PUNCTUATED = st.text(alphabet="ab .!?;,()\"'\n\u3002\u0964-", max_size=40)


@settings(max_examples=300, deadline=None)
@given(PUNCTUATED)
def test_the_array_sentencizer_starts_sentences_where_spacys_does(nlp, full_nlp, text):
    from spacy.pipeline import Sentencizer

    ours = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    assert sentence_starts(ours) == sentence_starts(Sentencizer()(full_nlp.make_doc(text)))


def test_the_array_sentencizer_reads_marks_runs_and_brackets(nlp, full_nlp):
    from spacy.pipeline import Sentencizer

    text = "Is it? Yes!! (Really.) \"Quoted.\" And so . . . on... Done?! Fine.» Next.」 Last."
    ours = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    theirs = Sentencizer()(full_nlp.make_doc(text))
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


# --- relations and linking: case-sensitive scans of lowered text, and substring tests before regexes ---

from collections import Counter  # noqa: E402

from kg import discover  # noqa: E402
from kg import link as linking  # noqa: E402
from kg import relations  # noqa: E402

# Words the cue patterns are made of, in several cases, with the gaps and non-ASCII letters that
# case-folding treats specially (Kelvin sign, long s, dotted and dotless i).
CUE_WORDS = [
    "fine-tuned", "Fine-Tuned", "FINETUNE", "fine-tune", "tuning", "from", "FROM", "upon", "on", "top", "of",
    "we", "We", "to", "the", "a", "an", "Llama", "model", "models", "based", "Built", "initialized", "with",
    "distilled", "continued", "pre-training", "Post-trained", "upcycled", "adapted", "derived", "starting",
    "extends", "variant", "version", "into", "trained", "learns", "using", "evaluated", "accuracy", "pass@1",
    "ROUGE-L", "win", "rate", "score", "they", "These", "Those", "both", "all", "It", "this", "our", "Our",
    "proposed", "respectively", "corpus", "tokens", "results", "\u212a", "\u017ftarting", "\u0130", "\u0131t",
    "72.4%", "3", ",", ".", ";", "(", ")", "-", "\n",
]
sentences_of_cues = st.lists(st.sampled_from(CUE_WORDS), max_size=14).map(" ".join)
ascii_sentences_of_cues = st.lists(st.sampled_from([w for w in CUE_WORDS if w.isascii()]), max_size=14).map(" ".join)

FOLDED = [relations._EVAL, relations._TRAINED_ON, relations._METRIC, relations._BACK_REFERENCE,
          relations._BENCH_BACK_REFERENCE, relations._OURS, relations._OURS_EXPLICIT,
          linking._TRAIN_BEFORE, linking._EVAL_NEAR, discover._INTRO_VERB]


def test_the_cased_copies_have_no_capital_and_no_case_sensitive_part():
    for pattern in FOLDED:
        cased = lexicon.lowered_copy(pattern)
        assert cased is not None, pattern.pattern  # each scan above does get the fast copy
        assert pattern.flags & re.IGNORECASE and not cased.flags & re.IGNORECASE
        assert cased.pattern == pattern.pattern
        assert not re.search(r"[A-Z]|\(\?-i", re.sub(r"\\.", "", cased.pattern)), cased.pattern


@pytest.mark.parametrize("source, flags", [
    (r"\bfine-tune (?=(?-i:[A-Z]))", re.IGNORECASE), (r"\bGPT\b", re.IGNORECASE), (r"\btrained on\b", 0),
])
def test_a_pattern_a_lowered_copy_would_change_gets_none(source, flags):
    assert lexicon.lowered_copy(re.compile(source, flags)) is None


def check_cased_scans(text: str) -> None:
    for pattern in FOLDED:
        assert lexicon.found(pattern, text) == bool(pattern.search(text)), (pattern.pattern, text)
        fast = [(m.start(), m.end(), m.span(1) if m.re.groups else None)
                for m in lexicon.finditer_offsets(pattern, text)]
        plain = [(m.start(), m.end(), m.span(1) if m.re.groups else None) for m in pattern.finditer(text)]
        assert fast == plain, (pattern.pattern, text)


@pytest.mark.parametrize("text", [
    "We EVALUATE Llama on MMLU and report Pass@1 and ROUGE-L.", "THEY were TRAINED ON the Pile, Respectively.",
    "Our proposed model is trained with C4 using \u212a tokens.", "\u0130t reaches 72.4% accuracy", "",
])
def test_cased_scans_find_what_the_case_insensitive_patterns_find(text):
    check_cased_scans(text)


@settings(max_examples=400, deadline=None)
@given(sentences_of_cues)
def test_cased_scans_find_what_the_case_insensitive_patterns_find_in_any_sentence(text):
    check_cased_scans(text)


def plain_based_on_scan(text: str) -> bool:
    """Whether `_based_on` would read cues in the sentence: the plain cue pattern finds one."""
    return relations._BASED_ON.search(text) is not None


@settings(max_examples=500, deadline=None)
@given(ascii_sentences_of_cues)
def test_the_derivation_filters_never_skip_a_sentence_with_a_cue(text):
    lowered = text.lower()
    if plain_based_on_scan(text):
        assert relations._derivation_hint(lowered)
        assert relations._BASED_ON_LOOSE.search(lowered) is not None


@pytest.mark.parametrize("text", [
    "We fine-tune Llama-3 from scratch.", "X is Post-Trained from Qwen.", "built on top of Mistral",
    "We FINE-TUNE Llama on it", "Continued pretraining of Gemma", "an upcycled MoE", "a variant of BERT",
])
def test_the_derivation_filters_pass_hand_written_cues(text):
    assert plain_based_on_scan(text)
    assert relations._derivation_hint(text.lower()) and relations._BASED_ON_LOOSE.search(text.lower())


REFERENCE_BACK_REFERENCE = re.compile(
    relations._BACK_REFERENCE.pattern + r"|^\s*(?:this|these|it)\b", re.IGNORECASE)


@settings(max_examples=400, deadline=None)
@given(sentences_of_cues)
def test_refers_back_answers_as_the_single_pattern(text):
    assert relations._refers_back(text) == bool(REFERENCE_BACK_REFERENCE.search(text))
    assert relations._refers_back(" " + text) == bool(REFERENCE_BACK_REFERENCE.search(" " + text))


def reference_name_end(text: str, end: int, kind=None) -> int:
    m = lexicon._VERSION_TAIL.match(text, end)
    if m is None and kind is lexicon.EntityType.MODEL:
        m = lexicon._SIZE_TAIL.match(text, end)
    return m.end() if m else end


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="AIME v0.12 3BMK,;)(Jan\n", max_size=20), st.integers(0, 22),
       st.sampled_from([None, lexicon.EntityType.MODEL, lexicon.EntityType.BENCHMARK]))
def test_name_end_reads_tails_as_the_plain_version(text, end, kind):
    assert lexicon.name_end(text, end, kind) == reference_name_end(text, end, kind)


def test_name_end_still_reads_versions_and_sizes():
    assert lexicon.name_end("AIME 2024 set", 4) == 9
    assert lexicon.name_end("Nemotron-T 8B, a", 10, lexicon.EntityType.MODEL) == 13
    assert lexicon.name_end("X-7B, a", 4, lexicon.EntityType.MODEL) == 4


def reference_surface(text: str) -> str:
    cut = linking._GLUED.search(text)
    return text[: cut.start()] if cut and cut.start() > 0 else text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab-/.:)(,;\n ", max_size=10))
def test_the_surface_is_cut_as_by_the_plain_search(text):
    assert linking._surface(text) == reference_surface(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("aabc"), min_size=1, max_size=6))
def test_most_common_is_the_counter_answer(values):
    assert linking._most_common(values) == Counter(values).most_common(1)[0][0]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=5, unique=True),
       st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), st.sampled_from(list(lexicon.EntityType))))
def test_own_names_by_type_are_the_per_type_lists(introduced, types):
    own = relations._own_by_type(introduced, types)
    for kind in (lexicon.EntityType.MODEL, lexicon.EntityType.BENCHMARK, lexicon.EntityType.DATASET):
        assert own[kind] == [eid for eid in introduced if types.get(eid) == kind]
