"""Discovery rules (kg.discover): names no catalog knows, their boundaries and their types.

Each test runs the real extraction pipeline over a small catalog on sentences written for it.
"""

from __future__ import annotations

import pytest

from kg.catalog import Catalog, CatalogEntry
from kg.model import EntityType, Paper
from kg.names import entity_id
from kg.pipeline import Extractor

M, B, D = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    entries = [("Qwen2.5-7B", M), ("GPT-4o", M), ("MMLU", B), ("GSM8K", B), ("Common Crawl", D)]
    return Extractor(Catalog([CatalogEntry(entity_id(kind, name), kind, name, ()) for name, kind in entries]))


def _names(extractor: Extractor, title: str, abstract: str) -> dict[str, EntityType]:
    extraction = extractor.extract(Paper(id="t-disc", title=title, abstract=abstract))
    return {e.name: e.type for e in extraction.entities}


# --- a title name described only as something that is never a trained model ---

def test_a_title_name_described_as_an_objective_is_not_an_entity(extractor):
    names = _names(extractor, "ZPT: Rewards as a Pretraining Signal",
                   "We present ZPT, a new pretraining objective that rewards useful thoughts. ZPT improves GSM8K.")
    assert "ZPT" not in names


def test_a_title_whose_head_is_an_engine_is_not_a_model(extractor):
    names = _names(extractor, "QuarkRL: Low-Power Reinforcement Learning Compute Engine",
                   "We build QuarkRL to speed up training of agents on small chips.")
    assert "QuarkRL" not in names


def test_a_title_name_called_a_framework_stays_a_model(extractor):
    # papers call their trained models "frameworks" too: that word alone does not drop the name
    names = _names(extractor, "FlintVLA: Acting from Many Frames",
                   "We propose FlintVLA, a unified framework that extends robot policies. FlintVLA beats GPT-4o.")
    assert names.get("FlintVLA") is M


def test_a_title_head_phrase_types_the_name_before_its_prepositions(extractor):
    names = _names(extractor, "ORBX: A Comprehensive Benchmark and Pipeline for Crystal Question Agents",
                   "This work presents ORBX, an open pipeline for crystal questions, and scores GPT-4o.")
    assert names.get("ORBX") is B


# --- where data comes from ---

def test_records_taken_from_a_named_source_are_a_dataset(extractor):
    names = _names(extractor, "T", "We analysed 9,000 clinical trials from TrialHubDB with two classifiers. "
                                   "The GPS traces were retrieved from MapSourceX.")
    assert names.get("TrialHubDB") is D and names.get("MapSourceX") is D


def test_a_word_before_from_without_a_data_noun_is_not_a_source(extractor):
    names = _names(extractor, "T", "Our agent takes advantage from QRTX to act quickly.")
    assert "QRTX" not in names


# --- what the head noun before a name says ---

def test_a_test_set_names_a_benchmark_and_a_training_split_a_dataset(extractor):
    names = _names(extractor, "T", "On the external test set (OVX9, n=50 patients), AUC was 0.7. "
                                   "We add the training split HarvX to the pool.")
    assert names.get("OVX9") is B and names.get("HarvX") is D


def test_plural_model_heads_type_a_bracketed_list(extractor):
    names = _names(extractor, "T", "We evaluate two detectors (AIDOX and EffNetQ) on GSM8K.")
    assert names.get("AIDOX") is M and names.get("EffNetQ") is M


def test_a_model_termed_by_name_is_a_model(extractor):
    names = _names(extractor, "T", "This gives a Hierarchical Attention Transformer model, termed HIXT, for denoising.")
    assert names.get("HIXT") is M


def test_models_listed_in_brackets_with_eg_are_models(extractor):
    names = _names(extractor, "T", "We use pretrained language models (e.g., ClinoT5, BioZeta) for features.")
    assert names.get("ClinoT5") is M and names.get("BioZeta") is M


# --- acronyms of ordinary phrases are terms ---

def test_an_acronym_of_one_hyphenated_phrase_is_a_term(extractor):
    names = _names(extractor, "T", "Recent vision-language-motion (VLMo) models such as GPT-4o act well on GSM8K.")
    assert "VLMo" not in names


def test_an_acronym_defined_at_a_sentence_start_is_still_a_term(extractor):
    names = _names(extractor, "T", "Generative synthetic imaging (GenSI) has grown fast. We test GenSI models on MMLU.")
    assert "GenSI" not in names


def test_a_defined_title_case_acronym_stays_a_name(extractor):
    names = _names(extractor, "T", "We train a Chinese Tiny Language Network (CTLN) for chat and report MMLU.")
    assert names.get("CTLN") is M


# --- a list takes the type of the noun it hangs from ---

def test_a_list_after_such_as_takes_its_heads_type(extractor):
    names = _names(extractor, "T", "Cellular datasets (such as CellAtlasX and GTExQ) support the training of models.")
    assert names.get("CellAtlasX") is D and names.get("GTExQ") is D


def test_a_list_hanging_from_tasks_is_not_typed_by_it(extractor):
    names = _names(extractor, "T", "We study tasks such as QAZed retrieval with GPT-4o.")
    assert "QAZed" not in names


# --- compound heads ---

def test_a_bracketed_note_before_a_shared_head_noun(extractor):
    text = "We construct RoughClips (large-scale) and FineClips (refined) datasets for training."
    names = _names(extractor, "T", text)
    assert names.get("RoughClips") is D and names.get("FineClips") is D


def test_data_modifying_another_noun_is_not_a_dataset_head(extractor):
    text = "The QF4 data type picks a format per group of values, unlike QF8 (Quad/Float 8) data types."
    names = _names(extractor, "T", text)
    assert names.get("QF4") is not D and names.get("QF8") is not D


def test_an_eg_list_after_a_model_head_is_a_list_of_models(extractor):
    names = _names(extractor, "T", "Fine-tuning improved LLM classifiers (e.g., MedLlamaX: F1 = 40 -> 70).")
    assert names.get("MedLlamaX") is M


# --- boundaries ---

def test_acronyms_before_a_data_name_belong_to_it(extractor):
    names = _names(extractor, "T", "We train on the public METQ ZXTGS dataset and the CT VOLX corpus of scans.")
    assert names.get("METQ ZXTGS") is D and names.get("CT VOLX") is D
    assert "ZXTGS" not in names and "VOLX" not in names


def test_a_sentence_opening_acronym_is_not_pulled_into_a_name(extractor):
    names = _names(extractor, "T", "We report MMLU. NOTE ZXTGS dataset results follow for GPT-4o.")
    assert "NOTE ZXTGS" not in names


def test_a_capitalised_challenge_is_part_of_a_benchmark_name(extractor):
    names = _names(extractor, "T", "We ranked first in the ZOLT4 Challenge at a 2025 workshop, with GPT-4o as judge.")
    assert names.get("ZOLT4 Challenge") is B and "ZOLT4" not in names


# --- generic terms of the field ---

@pytest.mark.parametrize("term", ["LiDAR", "RGB", "ReID", "IP-AIGC", "MCP-compatible"])
def test_generic_field_terms_are_not_names(extractor, term):
    text = f"Results on several {term} benchmarks and {term} datasets beat GPT-4o on MMLU."
    names = _names(extractor, "T", text)
    assert not any(term in name or name in term for name in names if name not in {"GPT-4o", "MMLU"})


# --- titles ---

def test_capitalised_words_before_a_dataset_title_name_the_dataset(extractor):
    names = _names(extractor, "Kazan Streetnames: A Bilingual Dataset and Baselines for Geocoding",
                   "We release Kazan Streetnames with 5,000 entries and test GPT-4o on it.")
    assert names.get("Kazan Streetnames") is D


def test_a_slogan_title_opening_a_model_paper_is_not_a_name(extractor):
    names = _names(extractor, "Always Sharp Depth: Robust Depth Models for Rain",
                   "We present a robust depth method and compare it with GPT-4o.")
    assert "Always Sharp Depth" not in names


def test_a_subset_of_a_named_collection_is_data(extractor):
    names = _names(extractor, "T", "We evaluate GPT-4o on a held-out subset of QuizMedX with 900 questions.")
    assert names.get("QuizMedX") is B
