"""Known names the catalog holds, written the ways papers write them: factored variant lists,
`v`-versions and bracketed tags. Sentences written for these tests; a tiny hand-made catalog.
"""

from __future__ import annotations

import pytest

from kg.catalog import Catalog, CatalogEntry
from kg.model import EntityType, Paper
from kg.pipeline import Extractor
from kg.recognize import factored_variants

M, B = EntityType.MODEL, EntityType.BENCHMARK


_entry = CatalogEntry.named


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Catalog([
        _entry(M, "Llama 2"), _entry(M, "Llama 2 7B"), _entry(M, "Llama 2 13B"), _entry(M, "Qwen"),
        _entry(M, "Qwen2"), _entry(M, "Vicuna"), _entry(M, "PaliGemma"), _entry(M, "Imagen"),
        _entry(M, "Zephyr 3.1"), _entry(M, "Zorbix"), _entry(M, "Zorbix schnell"), _entry(M, "BERT"),
        _entry(M, "GPT-4"), _entry(B, "AMC"), _entry(B, "MMLU"), _entry(M, "GPT-2"),
        _entry(EntityType.DATASET, "Open Web Notes", "OWN"), _entry(B, "TRACE"), _entry(B, "QUIZ"),
        _entry(EntityType.DATASET, "MAP-DC"), _entry(EntityType.DATASET, "llm-x"),
    ]))


def _names(extractor: Extractor, abstract: str) -> set[str]:
    extraction = extractor.extract(Paper(id="t-known", title="A study", abstract=abstract))
    return {e.name for e in extraction.entities}


def _ids(extractor: Extractor, abstract: str) -> set[str]:
    extraction = extractor.extract(Paper(id="t-known", title="A study", abstract=abstract))
    return {e.id for e in extraction.entities}


def test_slash_sizes_after_a_known_name_are_separate_variants(extractor):
    ids = _ids(extractor, "We prune Llama2-7B/13B/34B and report perplexity.")
    assert {"model:llama-2-7b", "model:llama-2-13b", "model:llama-2-34b"} <= ids
    assert "model:llama-2" not in ids  # the family is only the list's head here


def test_slash_sizes_after_a_family_name_with_a_hyphen(extractor):
    ids = _ids(extractor, "Three chat models (Vicuna-7B/33B, GPT-4) were compared.")
    assert {"model:vicuna-7b", "model:vicuna-33b", "model:gpt-4"} <= ids


def test_bracketed_size_list_names_each_variant_not_the_family(extractor):
    ids = _ids(extractor, "We fine-tune PaliGemma (3B/10B) on charts.")
    assert ids >= {"model:paligemma-3b", "model:paligemma-10b"}
    assert "model:paligemma" not in ids


def test_bracketed_versions_and_variant_words(extractor):
    names = _names(extractor, "Images came from Imagen (2, XL, 3.1 Ultra) and from Zorbix.")
    assert {"Imagen 2", "Imagen XL", "Imagen 3.1 Ultra", "Zorbix"} <= names


def test_bracketed_scores_are_not_versions(extractor):
    ids = _ids(extractor, "GPT-4 (71.3, 80.2) leads the table.")
    assert ids == {"model:gpt-4"}


def test_slash_versions_and_year_lists(extractor):
    ids = _ids(extractor, "Experiments on Qwen-2/2.5 use AMC 2022 & 2023 as test sets.")
    assert {"model:qwen-2", "model:qwen-2.5", "benchmark:amc-2022", "benchmark:amc-2023"} <= ids


def test_variant_words_joined_by_and(extractor):
    ids = _ids(extractor, "We fine-tune BERT base and large models for syntax.")
    assert {"model:bert-base", "model:bert-large"} <= ids


def test_sizes_joined_by_and_but_not_token_counts(extractor):
    ids = _ids(extractor, "We compare Llama 2 7B and 13B on MMLU.")
    assert {"model:llama-2-7b", "model:llama-2-13b", "benchmark:mmlu"} <= ids
    counted = _ids(extractor, "We train Llama 2 7B and 13B tokens of code.")
    assert "model:llama-2-13b" not in counted


def test_factored_variants_spans_and_names():
    text = "on Vicuna-7B/33B, then"
    found = factored_variants(text, 3, 9, M)
    assert found is not None and text[found.start : found.end] == "Vicuna-7B/33B"
    assert [(text[s:e], name) for s, e, name in found.variants] == [("Vicuna-7B", "Vicuna-7B"), ("33B", "Vicuna-33B")]
    assert factored_variants("GPT-4 and Claude", 0, 5, M) is None


def test_a_v_before_the_version_number_still_matches_the_catalog(extractor):
    ids = _ids(extractor, "We compare with Zephyr V3.1 and Qwen-v2 on MMLU.")
    assert {"model:zephyr-3.1", "model:qwen-2"} <= ids


def test_bracketed_tag_is_part_of_a_model_name(extractor):
    ids = _ids(extractor, "Samples from Zorbix [schnell] look sharper than those of Imagen [12].")
    assert "model:zorbix-schnell" in ids and "model:zorbix" not in ids
    assert "model:imagen" in ids


def test_bracketed_list_after_versions_of_keeps_the_family(extractor):
    names = _names(extractor, "We test two versions of Imagen (2, XL) on prompts.")
    assert {"Imagen", "Imagen 2", "Imagen XL"} <= names
    assert "Imagen" not in _names(extractor, "We test Imagen (2, XL) on prompts.")


def test_size_word_after_a_model_name_is_a_variant(extractor):
    ids = _ids(extractor, "A fine-tuned GPT-2 large beats the GPT-2 small model.")
    assert {"model:gpt-2-large", "model:gpt-2-small"} <= ids and "model:gpt-2" not in ids
    assert _ids(extractor, "GPT-2 large language models help.") == {"model:gpt-2"}


def test_an_acronym_the_paper_spells_out_otherwise_is_not_the_catalog_entry(extractor):
    ids = _ids(extractor, "We add an Orthogonal Weight Normaliser (OWN) to GPT-4. OWN is cheap.")
    assert "dataset:open-web-notes" not in ids and "model:gpt-4" in ids
    assert "dataset:open-web-notes" in _ids(extractor, "We train GPT-4 on Open Web Notes (OWN) text.")


def test_an_acronym_spelled_out_by_its_initials_is_the_papers_own_term(extractor):
    ids = _ids(extractor, "Two prompt styles, TRACE (Topic, Role, Aim, Context, Example) and QUIZ, were given to GPT-4.")
    assert "benchmark:trace" not in ids and "model:gpt-4" in ids


def test_a_catalog_compound_of_a_generic_part_and_letters_is_still_a_name(extractor):
    ids = _ids(extractor, "We train GPT-4 on MAP-DC and on LLM-X outputs.")
    assert "dataset:map-dc" in ids
    assert "dataset:llm-x" not in ids  # a lower-case list key, not a name papers write


def test_an_acronym_spelled_out_as_a_corpus_stays_data_in_an_evaluation_sentence(extractor):
    extraction = extractor.extract(Paper(id="t-known", title="A study", abstract=(
        "We build the Medical Abstracts Pretraining Dutch Corpus (MAP-DC) and evaluate "
        "GPT-4 on a new benchmark with accuracy scores.")))
    kinds = {e.id: e.type for e in extraction.entities}
    assert kinds.get("dataset:map-dc") is EntityType.DATASET


def test_a_name_before_a_sentence_glued_on_without_a_space_is_found(extractor):
    ids = _ids(extractor, "Our model beats Vicuna.This holds on MMLU too.")
    assert {"model:vicuna", "benchmark:mmlu"} <= ids
    assert "model:vicuna" not in _ids(extractor, "We ship Vicuna.cpp builds for phones.")


# ---- common-word names with support nearby, release tags (sentences written for these tests) ----

D = EntityType.DATASET


@pytest.fixture(scope="module")
def field() -> Extractor:
    return Extractor(Catalog([
        _entry(M, "mamba", ambiguous=True), _entry(M, "Claude", ambiguous=True), _entry(M, "DeepSeek"),
        _entry(M, "R1"), _entry(M, "o3-mini"), _entry(B, "MMLU"),
    ]))


def test_a_lower_case_catalog_name_matches_its_capitalised_spelling(field):
    assert "model:mamba" in _ids(field, "Each stage stacks the Mamba block twice.")


def test_a_lower_case_catalog_name_still_needs_support_when_common(field):
    assert "model:mamba" not in _ids(field, "Snakes such as the Mamba are common in the region.")


def test_a_part_of_a_model_after_a_common_word_name_supports_it(field):
    assert "model:mamba" in _ids(field, "We swap attention for the Mamba layers in stage two.")
    assert "model:mamba" not in _ids(field, "We saw the Mamba near stage two.")


def test_a_known_unambiguous_model_close_by_supports_a_common_word_name(field):
    text = "Plans written by DeepSeek were the easiest to read, and Claude wrote the densest prose."
    assert {"model:deepseek", "model:claude"} <= _ids(field, text)
    assert "model:claude" not in _ids(field, "The painter Claude lived in a small village by the sea.")


def test_a_release_tag_after_a_known_model_is_a_variant_of_its_own(field):
    assert "R1-Zero" in _names(field, "The recipe resembles R1-Zero training without a warm start.")
    ids = _ids(field, "It reaches parity with o3-mini-high on hard problems.")
    assert "model:o-3-mini" not in ids  # the tagged release is never merged into its base
    assert any(i.startswith("model:o-3-mini-") for i in ids)


def test_a_comparison_suffix_is_no_release_tag(field):
    names = _names(field, "They solve o3-mini-level problems and R1-style puzzles.")
    assert not any(n.startswith(("o3-mini", "R1")) for n in names)


def test_release_tags_only_extend_models(field):
    assert "benchmark:mmlu" not in _ids(field, "Scores on MMLU-Pro rose by two points.")


@pytest.fixture(scope="module")
def numbered() -> Extractor:
    return Extractor(Catalog([
        _entry(B, "Kinetics-400"), _entry(B, "Kinetics-600"), _entry(B, "UCF101"), _entry(B, "Zorbel-10"),
    ]))


def test_a_family_known_only_by_numbered_members_is_named_alone(numbered):
    ids = _ids(numbered, "We report accuracy on three benchmarks: Kinetics, UCF101 and HMDB51.")
    assert "benchmark:kinetics" in ids and "benchmark:kinetics-400" not in ids


def test_a_family_head_needs_two_members_and_a_supporting_context(numbered):
    assert "benchmark:zorbel" not in _ids(numbered, "We report accuracy on three benchmarks: Zorbel and UCF101.")
    assert "benchmark:kinetics" not in _ids(numbered, "The kinetics of the reaction were slow; Kinetics matters here.")


@pytest.fixture(scope="module")
def products() -> Extractor:
    return Extractor(Catalog([
        _entry(M, "Chatterbox"), _entry(M, "Quanta-4"), _entry(M, "Stable Painter"),
        _entry(M, "Stable Painter 1.5"), _entry(M, "Quanta-3"),
    ]))


def test_a_product_restated_as_a_versioned_model_is_that_model(products):
    extraction = products.extract(Paper(id="t", title="A study", abstract=(
        "Lesson plans were written by Chatterbox (Quanta-4) and two other assistants. "
        "Teachers preferred the plans of Chatterbox.")))
    assert {e.name for e in extraction.entities} == {"Quanta-4"}
    assert {m.entity_id for m in extraction.mentions} == {"model:quanta-4"}


@pytest.mark.parametrize("abstract", [
    "Images came from Stable Painter (Stable Painter 1.5) with default settings.",  # its own variant
    "Answers came from Quanta-3 (Quanta-4) under the same prompt.",  # a versioned name is no product
    "Answers came from Quanta-4 (Chatterbox) under the same prompt.",  # the bracket holds no version
])
def test_a_bracketed_model_stays_its_own_entity_otherwise(products, abstract):
    assert len(_ids(products, abstract)) == 2


@pytest.mark.parametrize(("abstract", "found"), [
    ("We select documents from the Zorbix corpus of 200B tokens.", {("Zorbix corpus", EntityType.DATASET)}),
    ("We pretrain BERT on the Zorbix dataset.", {("Zorbix dataset", EntityType.DATASET), ("BERT", M)}),
    ("We publish the Zorbix dataset card with the weights.", {("Zorbix", M)}),  # the head is "card"
    ("We mix Zorbix data and MAP-DC.", {("Zorbix data", EntityType.DATASET), ("MAP-DC", EntityType.DATASET)}),
])
def test_data_named_after_a_model_is_a_dataset_of_its_own(extractor, abstract, found):
    extraction = extractor.extract(Paper(id="t", title="A study", abstract=abstract))
    assert {(e.name, e.type) for e in extraction.entities} == found


def test_a_known_name_with_digits_inside_a_word_is_found_anywhere():
    extractor = Extractor(Catalog([_entry(M, "zap2vec 2.0"), _entry(M, "Tok2Seq")]))
    extraction = extractor.extract(Paper(id="t", title="A study", abstract=(
        "We adapt zap2vec 2.0 and Tok2Seq to five African languages.")))
    assert {e.name for e in extraction.entities} == {"zap2vec 2.0", "Tok2Seq"}


def test_a_split_suffix_names_the_known_benchmark_it_splits(extractor):
    assert _names(extractor, "We fine-tune BERT on MMLU-train and report accuracy on MMLU-test.") >= {"MMLU", "BERT"}
    assert "MMLU" not in _names(extractor, "We build MMLU-Lite for quick checks.")  # another name, not a split


def test_what_records_are_drawn_from_stays_a_dataset(extractor):
    names = {e.name: e.type for e in extractor.extract(Paper(id="t", title="A study", abstract=(
        "Questions drawn from Open Web Notes are used to evaluate BERT."))).entities}
    assert names.get("Open Web Notes") is EntityType.DATASET


def test_a_metric_named_after_a_model_is_no_mention_of_it(extractor):
    assert not {"BERT", "GPT-2"} & _names(extractor, "Images are ranked by BERT score and GPT-2 similarity.")
    assert "BERT" in _names(extractor, "We fine-tune BERT and report the F1 score.")
    assert "GPT-2" in _names(extractor, "GPT-2 scores 41% on MMLU.")  # the verb


# --- round 10 (types) ---

@pytest.fixture(scope="module")
def full_extractor() -> Extractor:
    return Extractor()  # the packaged catalog: a family name it knows, extended by a data word


def test_round10_a_known_model_name_extended_by_a_data_word_is_data(full_extractor):
    """`OpenHermes-Chat-Data` is named after a model but is data: its last word says what it is."""
    extraction = full_extractor.extract(Paper(id="t-known", title="A study",
                                              abstract="We release OpenHermes-Chat-Data, dialogues written by GPT-4o."))
    types = {e.name: e.type for e in extraction.entities}
    assert types.get("OpenHermes-Chat-Data") is EntityType.DATASET
