"""Entities, round 2: rules that keep techniques, tasks and part-names out of the entity list and
keep the names papers really use. Sentences written for these tests; a tiny hand-made catalog.
"""

from __future__ import annotations

import pytest

from kg.catalog import Catalog, CatalogEntry
from kg.model import EntityType, Paper
from kg.pipeline import Extractor

M, B, D = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET


_entry = CatalogEntry.named


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Catalog([
        _entry(M, "Llama 2 7B"), _entry(B, "MMLU"), _entry(D, "KTP"), _entry(M, "GPT-4"),
        _entry(M, "SegNova"), _entry(M, "BERT"), _entry(M, "Gemini"),
        _entry(B, "Organic Chemistry"), _entry(B, "table_reasoning"), _entry(D, "Open Web Text"),
    ]))


def _names(extractor: Extractor, abstract: str, title: str = "A study") -> set[str]:
    extraction = extractor.extract(Paper(id="t-ent2", title=title, abstract=abstract))
    return {e.name for e in extraction.entities}


@pytest.mark.parametrize("sentence, technique", [
    ("We propose Layered Token Prediction (LTP), which lifts Llama2-7B on MMLU.", "LTP"),
    ("We introduce Sparse Contrastive Decoding (SpaCD) and outperform GPT-4 on MMLU.", "SpaCD"),
    ("In this work we present Gated Residual Attention (GRA), tested with GPT-4 on MMLU.", "GRA"),
    ("Existing Few-Shot Object Detection (FSOD) methods fail on MMLU questions posed to GPT-4.", "FSOD"),
    ("We pre-train with Key Token Prediction (KTP), a new objective, and test GPT-4 on MMLU.", "KTP"),
    ("Prior Tool-Integrated Reasoning (TIR) models lag behind GPT-4 on MMLU.", "TIR"),
    ("Our network adds a Gated Feature Decoder (GFD); the GFD beats GPT-4 on MMLU charts.", "GFD"),
])
def test_an_acronym_spelled_out_as_a_technique_or_task_is_no_entity(extractor, sentence, technique):
    names = _names(extractor, sentence)
    assert technique not in names
    assert "MMLU" in names  # the real names of the sentence stay


@pytest.mark.parametrize("sentence, name", [
    ("We release the Visual Question Answering (VQAR) dataset for evaluating GPT-4.", "VQAR"),
    ("We introduce the Open Reasoning Corpus (ORC) and train Llama2-7B on it.", "ORC"),
    ("We present the Retinal Fusion Network (RFNet), which beats GPT-4 on MMLU.", "RFNet"),
])
def test_an_acronym_spelled_out_as_data_or_a_model_stays(extractor, sentence, name):
    assert name in _names(extractor, sentence)


def test_a_discovered_name_spelled_out_word_by_word_is_a_mnemonic(extractor):
    names = _names(extractor, "Two prompt frameworks were tested with GPT-4: TIDE (Task, Intent, Detail, "
                              "Example) and a plain prompt, on MMLU.")
    assert "TIDE" not in names
    assert {"GPT-4", "MMLU"} <= names


def test_name_shaped_words_before_a_known_model_make_one_longer_name(extractor):
    names = _names(extractor, "We present DeepSea SegNova, which beats GPT-4 on MMLU, and encode reports "
                              "with MedVLP CXR BERT.")
    assert {"DeepSea SegNova", "MedVLP CXR BERT"} <= names
    assert not {"SegNova", "BERT", "MedVLP"} & names  # no part of the longer names is an entity of its own


@pytest.mark.parametrize("sentence", [
    "We compare Google Gemini with GPT-4 on MMLU.",  # a maker is no part of the name
    "We fine-tune LoRA BERT adapters and test on MMLU.",  # nor a generic term
])
def test_makers_and_generic_terms_do_not_lengthen_a_known_name(extractor, sentence):
    names = _names(extractor, sentence)
    assert names & {"Gemini", "BERT"}
    assert not any(" " in n for n in names)


def test_a_plain_word_catalog_name_in_the_title_alone_is_no_entity(extractor):
    title = "Lesson Plans from GPT-4 in Organic Chemistry"
    assert "Organic Chemistry" not in _names(extractor, "We ask GPT-4 for lesson plans on organic chemistry.", title)
    # the abstract naming it as a name makes the title's mention one too
    assert "Organic Chemistry" in _names(extractor, "GPT-4 scores 61% on Organic Chemistry, a subject test.", title)


@pytest.mark.parametrize("sentence, absent, present", [
    ("GPT-4 struggles with table-reasoning questions.", "table_reasoning", None),
    ("We train GPT-4 on open-web text and the Open Web Text corpus.", None, "Open Web Text"),
])
def test_ordinary_words_joined_by_a_hyphen_are_no_catalog_name(extractor, sentence, absent, present):
    names = _names(extractor, sentence)
    if absent:
        assert absent not in names
    if present:
        assert present in names


@pytest.mark.parametrize("sentence, absent", [
    ("A BERT-style classifier filters the data before GPT-4 is tested on MMLU.", "BERT"),
    ("The questions are MMLU-level in difficulty, and GPT-4 answers them.", "MMLU"),
    ("Small GPT-4-like assistants are scored on MMLU.", "GPT-4"),
    # the design or recipe a model is named after, written with a space
    ("We train a GPT-4 style assistant with 1B parameters and test it on MMLU.", "GPT-4"),
    ("The detector follows the style of SegNova and is scored on MMLU.", "SegNova"),
    ("A BERT recipe sets the token budget of our 1B model, tested on MMLU.", "BERT"),
    ("Following BERT scaling laws, we size the model and test it on MMLU.", "BERT"),
])
def test_a_name_only_compared_with_is_no_mention(extractor, sentence, absent):
    assert absent not in _names(extractor, sentence)


@pytest.mark.parametrize("sentence, present", [
    ("We compare with GPT-4 on style transfer benchmarks such as GYAFC.", "GPT-4"),
    ("GPT-4, recipe aside, is still a strong baseline on MMLU.", "GPT-4"),
])
def test_a_word_of_style_elsewhere_keeps_the_mention(extractor, sentence, present):
    assert present in _names(extractor, sentence)


def test_a_name_a_model_is_based_on_is_a_mention(extractor):
    assert "BERT" in _names(extractor, "A BERT-based classifier filters the data for GPT-4.")


def test_a_technique_acronym_is_no_entity_where_the_text_uses_it_later(extractor):
    names = _names(extractor, "We add an objective called Next Phrase Prediction (NPP). With NPP, GPT-4 "
                              "gains 3 points on MMLU, and NPP-trained models keep their speed.")
    assert "NPP" not in names
    assert {"GPT-4", "MMLU"} <= names


def test_a_bracketed_short_form_of_a_new_name_is_the_same_entity(extractor):
    extraction = extractor.extract(Paper(id="t-ent2", title="A study", abstract=(
        "We evaluate GPT-4 on the ReefScan-UW (ReefScan) datasets.")))
    reef = [e for e in extraction.entities if e.name.startswith("ReefScan")]
    assert len(reef) == 1 and set(reef[0].aliases) >= {"ReefScan-UW", "ReefScan"}


@pytest.mark.parametrize("sentence, absent", [
    ("All variants are trained on A100 GPUs and evaluated on MMLU.", "A100"),
    ("Unlike SparseGPT and Wanda, our pruning keeps GPT-4-level quality of Llama2-7B on MMLU.", "SparseGPT"),
    ("Our agent beats DDPG and TD3 baselines, and GPT-4 scores 70% on MMLU.", "DDPG"),
    ("Results on ICLR 2024 submissions show that GPT-4 is a lenient reviewer.", "ICLR 2024"),
    ("We retrieve with BM25 and re-rank with GPT-4, then test on MMLU.", "BM25"),
    ("Models trained on HL7 data fail where GPT-4 succeeds.", "HL7"),
    ("We present a TCM LLM distilled from GPT-4.", "TCM"),
])
def test_named_methods_tools_hardware_and_venues_are_no_entities(extractor, sentence, absent):
    names = _names(extractor, sentence)
    assert absent not in names
    assert names  # the real names of the sentence stay


@pytest.mark.parametrize("sentence, absent", [
    ("Our adapter outperforms SpectraLoRA when tuning Llama2-7B for MMLU.", "SpectraLoRA"),
    ("Our reward model is better than Safe-RLHF for aligning GPT-4, judged on MMLU.", "Safe-RLHF"),
    ("Our prompt outperforms GPT-CoT and GPT-4 on MMLU.", "GPT-CoT"),
])
def test_a_new_name_ending_in_a_technique_is_a_method(extractor, sentence, absent):
    names = _names(extractor, sentence)
    assert absent not in names
    assert "MMLU" in names


def test_a_checkpoint_tagged_as_fine_tuned_stays_a_model(extractor):
    assert "Qwen-FT-CoT" in _names(extractor, "Our prompt outperforms Qwen-FT-CoT and GPT-4 on MMLU.")
