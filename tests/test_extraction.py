"""Recognition, linking and relation rules on small texts written for these tests.

A tiny hand-made catalog keeps each test independent of the packaged catalog's contents.
"""

from __future__ import annotations

import pytest

from kg.catalog import Catalog, CatalogEntry
from kg.model import EntityType, Paper, RelationType
from kg.names import entity_id
from kg.pipeline import Extractor
from kg.recognize import make_nlp, spans_of


_entry = CatalogEntry.named


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    M, B, D = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET
    return Catalog([
        _entry(M, "Llama 2 7B", "meta-llama/Llama-2-7b-hf"), _entry(M, "Llama 2 13B"), _entry(M, "Llama 2"),
        _entry(M, "Qwen2.5-7B"), _entry(M, "Qwen2-57B-A14B"), _entry(M, "GPT-4"), _entry(M, "GPT-4o"),
        _entry(M, "Mistral-7B"), _entry(M, "Falcon", ambiguous=True),
        _entry(B, "GSM8K"), _entry(B, "MMLU"), _entry(B, "MMLU-Pro"), _entry(B, "HumanEval"),
        _entry(B, "ARC", ambiguous=True), _entry(D, "Common Crawl"), _entry(D, "The Pile"), _entry(D, "C4"),
    ])


@pytest.fixture(scope="module")
def extractor(catalog) -> Extractor:
    return Extractor(catalog)


def _paper(title: str, abstract: str) -> Paper:
    return Paper(id="t-test", title=title, abstract=abstract)


def _names(extraction) -> dict[str, EntityType]:
    return {e.name: e.type for e in extraction.entities}


def _relations(extraction) -> set[tuple[str, str, str]]:
    names = {e.id: e.name for e in extraction.entities}
    return {(r.type.value, names.get(r.source, "paper"), names.get(r.target, r.target)) for r in extraction.relations}


def test_sentence_final_period_does_not_hide_a_name(catalog):
    nlp = make_nlp(catalog)
    doc = nlp("T\n\nWe report results on GSM8K. We also fine-tune Qwen2.5-7B.")
    assert {s.text for s in spans_of(doc)} == {"GSM8K", "Qwen2.5-7B"}
    assert [t.text for t in doc if t.text.startswith("GSM")] == ["GSM8K"]


def test_spellings_link_to_one_entity_and_sizes_stay_apart(extractor):
    ex = extractor.extract(_paper(
        "Pruning study",
        "We prune LLaMA-2 7B, Llama2-7B and llama-2-13b, and compare with Qwen2-57B-A14B and Qwen2.5-7B.",
    ))
    ids = {m.text: m.entity_id for m in ex.mentions}
    assert ids["LLaMA-2 7B"] == ids["Llama2-7B"] == entity_id("model", "Llama 2 7B")
    assert ids["llama-2-13b"] == entity_id("model", "Llama 2 13B")
    assert ids["Qwen2-57B-A14B"] != ids["Qwen2.5-7B"]


def test_name_inside_a_longer_compound_is_not_the_shorter_entity(extractor):
    ex = extractor.extract(_paper("T", "We release Orca-Qwen2.5-7B-Instruct-v2, which beats GPT-4 on MMLU-Pro."))
    names = _names(ex)
    assert "Qwen2.5-7B" not in names
    assert "MMLU" not in names and names["MMLU-Pro"] is EntityType.BENCHMARK
    assert "GPT-4o" not in names and "GPT-4" in names


def test_common_word_names_need_context(extractor):
    plain = extractor.extract(_paper("Birds", "A falcon flew over the arc of the river at dawn."))
    assert _names(plain) == {}
    ml = extractor.extract(_paper("T", "We evaluate Falcon and GPT-4 on the ARC benchmark and report accuracy."))
    assert {"Falcon", "GPT-4", "ARC"} <= set(_names(ml))


def test_generic_terms_are_never_entities(extractor):
    ex = extractor.extract(_paper("T", "LLMs trained with RLHF and SFT outperform a Transformer on NLP tasks."))
    assert _names(ex) == {}


def test_introduced_benchmark_from_title_and_evaluation_with_metric(extractor):
    ex = extractor.extract(_paper(
        "ChemQuizBench: Testing Chemistry Knowledge of Language Models",
        "We introduce ChemQuizBench, a benchmark of 3,000 chemistry questions. "
        "GPT-4o reaches 71.5% accuracy on ChemQuizBench, while Llama-2-7B scores 32.0%.",
    ))
    assert _names(ex)["ChemQuizBench"] is EntityType.BENCHMARK
    rels = _relations(ex)
    assert ("introduces", "paper", "ChemQuizBench") in rels
    assert ("evaluated_on", "GPT-4o", "ChemQuizBench") in rels
    gpt = next(r for r in ex.relations if r.type is RelationType.EVALUATED_ON and "gpt-4o" in r.source)
    assert gpt.metric == "accuracy" and gpt.value == "71.5%"
    assert "GPT-4o reaches" in gpt.evidence.sentence


def test_based_on_and_trained_on(extractor):
    ex = extractor.extract(_paper(
        "T",
        "We present MedLlama-7B, a model fine-tuned from Mistral-7B. "
        "MedLlama-7B is trained on The Pile and C4, and evaluated on MMLU.",
    ))
    rels = _relations(ex)
    assert ("based_on", "MedLlama-7B", "Mistral-7B") in rels
    assert ("trained_on", "MedLlama-7B", "The Pile") in rels
    assert ("trained_on", "MedLlama-7B", "C4") in rels
    assert ("evaluated_on", "MedLlama-7B", "MMLU") in rels
    assert ("introduces", "paper", "MedLlama-7B") in rels


def test_reusing_an_architecture_name_without_a_cue_is_not_based_on(extractor):
    ex = extractor.extract(_paper("T", "Our model and GPT-4 are compared on GSM8K."))
    assert not any(r.type is RelationType.BASED_ON for r in ex.relations)


def test_acronym_and_definition_are_one_entity(extractor):
    ex = extractor.extract(_paper(
        "T", "We build the Open Web Math Corpus (OWMC), a new dataset. Models trained on OWMC improve on GSM8K."))
    owmc = [e for e in ex.entities if "OWMC" in e.aliases or e.name == "OWMC"]
    assert len(owmc) == 1
    assert "Open Web Math Corpus" in owmc[0].aliases


def test_acronym_of_an_ordinary_phrase_is_a_term_not_a_name(extractor):
    ex = extractor.extract(_paper("T", "We study human activity recognition (HAR) with wearable sensors on GSM8K."))
    assert "HAR" not in _names(ex)


def test_coordinated_names_share_a_type(extractor):
    ex = extractor.extract(_paper("T", "We report accuracy on GSM8K, ZorbQA and KestrelEval."))
    names = _names(ex)
    assert names["ZorbQA"] is EntityType.BENCHMARK and names["KestrelEval"] is EntityType.BENCHMARK


def test_version_written_after_a_name_is_part_of_it(extractor):
    ex = extractor.extract(_paper("T", "Results on MMLU and on the QuokkaSet v2.1 benchmark are reported."))
    assert "QuokkaSet v2.1" in _names(ex)


def test_words_inside_urls_are_not_names(extractor):
    ex = extractor.extract(_paper("T", "Code: https://github.com/SomeOrg/CoolModel-7B and data on MMLU."))
    assert all("github" not in e.name and "CoolModel" not in e.name for e in ex.entities)


def test_dataset_only_evaluated_on_is_a_benchmark_in_that_paper(extractor):
    trained = extractor.extract(_paper("T", "We pre-train on Common Crawl and report accuracy on MMLU."))
    assert _names(trained)["Common Crawl"] is EntityType.DATASET
    evaluated = extractor.extract(_paper("T", "GPT-4 achieves the best accuracy on C4 in our evaluation."))
    assert _names(evaluated)["C4"] is EntityType.BENCHMARK


def test_each_model_gets_its_own_score_and_names_are_not_scores(extractor):
    ex = extractor.extract(_paper(
        "T",
        "GPT-4o reaches 71.3% accuracy on MMLU, while Qwen2.5-7B scores 52.8% and Llama-2-13B scores 44.1%.",
    ))
    names = {e.id: e.name for e in ex.entities}
    scores = {names[r.source]: r.value for r in ex.relations if r.type is RelationType.EVALUATED_ON}
    assert scores == {"GPT-4o": "71.3%", "Qwen2.5-7B": "52.8%", "Llama 2 13B": "44.1%"}


def test_backbone_and_passive_training_cues(extractor):
    ex = extractor.extract(_paper(
        "OwlNet: Tables as Graphs",
        "We present OwlNet, a model with Mistral-7B as the backbone. The Pile has been used to train Llama-2-13B.",
    ))
    rels = _relations(ex)
    assert ("based_on", "OwlNet", "Mistral-7B") in rels
    assert ("trained_on", "Llama 2 13B", "The Pile") in rels


def test_training_a_known_model_does_not_introduce_it(extractor):
    trained = extractor.extract(_paper("T", "We train Qwen2.5-7B on our data and report GSM8K accuracy."))
    assert not any(r.type is RelationType.INTRODUCES for r in trained.relations)
    released = extractor.extract(_paper("T", "We release GPT-4o, a model that reaches 80.1% on MMLU."))
    assert ("introduces", "paper", "GPT-4o") in _relations(released)


def test_assessed_is_an_evaluation_cue_for_models_named_just_before(extractor):
    ex = extractor.extract(_paper(
        "T", "We compare GPT-4 and Mistral-7B in a clinical setting. Each model was assessed with questions from HumanEval."))
    rels = _relations(ex)
    assert ("evaluated_on", "GPT-4", "HumanEval") in rels
    assert ("evaluated_on", "Mistral-7B", "HumanEval") in rels


def test_a_version_after_a_name_does_not_hide_its_appositive_type(extractor):
    ex = extractor.extract(_paper("T", "Using ZephQA v1.2, a manually curated benchmark of legal questions, we test GPT-4."))
    assert _names(ex)["ZephQA v1.2"] is EntityType.BENCHMARK


def test_a_double_dash_title_names_what_the_paper_introduces(extractor):
    ex = extractor.extract(_paper("WrenNet -- Sparse Graph Networks for Tables", "Tables are hard to read for models."))
    assert ("introduces", "paper", "WrenNet") in _relations(ex)


def test_a_title_name_repeated_in_capitals_is_the_same_model(extractor):
    ex = extractor.extract(_paper(
        "KiteGuard: Moderation for Many Languages",
        "We release KiteGuard, a new safety model. KITEGUARD is trained on The Pile and screens prompts.",
    ))
    assert ("trained_on", "KiteGuard", "The Pile") in _relations(ex)
    assert [e.name for e in ex.entities if e.name.lower() == "kiteguard"] == ["KiteGuard"]


def test_a_comma_after_a_head_noun_types_a_list_but_not_a_new_clause(extractor):
    clause = extractor.extract(_paper("T", "Tested across nine public datasets, HeronX-7B cuts the error of GPT-4 in half."))
    assert _names(clause)["HeronX-7B"] is EntityType.MODEL
    listed = extractor.extract(_paper("T", "We introduce two benchmarks, ZorbQA and KestrelEval, for legal reading."))
    assert _names(listed)["ZorbQA"] is EntityType.BENCHMARK


def test_helpers_and_results_of_fine_tuning_are_not_bases(extractor):
    style = extractor.extract(_paper(
        "T", "MedLlama-7B uses continued pretraining with tokens picked by a GPT-4-style quality rater."))
    assert not any(r.type is RelationType.BASED_ON for r in style.relations)
    into = extractor.extract(_paper(
        "T", "Traces written by GPT-4 are used to fine-tune small models into the OwlChat-7B model."))
    assert not any(r.type is RelationType.BASED_ON for r in into.relations)


def test_a_sized_variant_of_the_papers_model_is_the_one_built_on_a_backbone(extractor):
    ex = extractor.extract(_paper(
        "OwlNet: Tables as Graphs",
        "We present OwlNet, a model for tables. OwlNet-7B reaches 40.1 on MMLU with Mistral-7B as its backbone.",
    ))
    rels = _relations(ex)
    assert ("based_on", "OwlNet-7B", "Mistral-7B") in rels
    assert ("evaluated_on", "OwlNet-7B", "MMLU") in rels
    assert ("evaluated_on", "Mistral-7B", "MMLU") not in rels


def test_an_organisation_alone_is_not_a_model(extractor):
    ex = extractor.extract(_paper("T", "On GSM8K, Mistral-7B scores higher than OpenAI or NVIDIA systems."))
    assert "OpenAI" not in _names(ex) and "NVIDIA" not in _names(ex)


def test_each_benchmark_goes_with_the_models_that_precede_it(extractor):
    ex = extractor.extract(_paper(
        "T",
        "The accuracy of Qwen2.5-7B on GSM8K rises from 31.2% to 39.8%, while Mistral-7B on MMLU rises from 37.5% to 45.1%.",
    ))
    rels = _relations(ex)
    assert ("evaluated_on", "Qwen2.5-7B", "GSM8K") in rels and ("evaluated_on", "Mistral-7B", "MMLU") in rels
    assert ("evaluated_on", "Qwen2.5-7B", "MMLU") not in rels and ("evaluated_on", "Mistral-7B", "GSM8K") not in rels


def test_a_compared_baseline_and_the_subject_share_the_benchmark(extractor):
    ex = extractor.extract(_paper(
        "T", "Mistral-7B reaches 70.2% accuracy on GSM8K and a 9% gain over GPT-4 on MMLU."))
    rels = _relations(ex)
    assert {("evaluated_on", "Mistral-7B", "MMLU"), ("evaluated_on", "GPT-4", "MMLU")} <= rels
    assert ("evaluated_on", "GPT-4", "GSM8K") not in rels


def test_the_papers_model_is_scored_beside_a_named_baseline(extractor):
    ex = extractor.extract(_paper(
        "FinchLM: Small Models for Law", "We present FinchLM. Our model outperforms GPT-4 on GSM8K by 3 points."))
    rels = _relations(ex)
    assert ("evaluated_on", "FinchLM", "GSM8K") in rels and ("evaluated_on", "GPT-4", "GSM8K") in rels


def test_a_latex_non_breaking_space_joins_a_name():
    small = Extractor(Catalog([_entry(EntityType.BENCHMARK, "AIME 2024", "AIME 24"), _entry(EntityType.MODEL, "GPT-4")]))
    ex = small.extract(_paper("T", "GPT-4 reaches 43.3% accuracy on AIME~24 in our runs."))
    assert _names(ex).get("AIME 2024") is EntityType.BENCHMARK


SENTENCE_EDGE_CASES = [
    "", " ", ".", "a.", ". a", "Title\n\nHi! ?? x. Y.) z", "a . . b", "e.g. this.That one", "x\u3002y",
    "Why? (Because.) \"Quoted.\" Done", "Ends with punctuation!?", "\n\nLeading blank lines. Then text.",
]


@pytest.mark.parametrize("text", SENTENCE_EDGE_CASES)
def test_the_array_sentencizer_splits_exactly_like_spacys(catalog, text):
    from spacy.attrs import SENT_START
    from spacy.pipeline import Sentencizer

    nlp = make_nlp(catalog)
    before = nlp.get_pipe("kg_title_boundary")
    ours = nlp.get_pipe("sentencizer")(before(nlp.make_doc(text)))
    spacys = Sentencizer()(before(nlp.make_doc(text)))
    assert ours.to_array([SENT_START]).tolist() == spacys.to_array([SENT_START]).tolist()


def test_batched_extraction_equals_one_paper_at_a_time(extractor):
    papers = [
        _paper("GSM8K-Hard: A Benchmark", "We introduce GSM8K-Hard. Llama-2-7B reaches 31.2% on it, GPT-4o 80.1%."),
        _paper("T", "Qwen2.5-7B, fine-tuned from Qwen2-57B-A14B on The Pile (TP), beats Mistral-7B on MMLU."),
        _paper("T", ""),
        _paper("FinchLM: Small Models for Law", "We present FinchLM. Our model outperforms GPT-4 on GSM8K by 3 points."),
    ] * 3
    one_by_one = [extractor.extract(p) for p in papers]
    assert list(extractor.extract_many(papers, batch_size=2)) == one_by_one
    assert list(extractor.extract_many(papers, batch_size=64)) == one_by_one


def test_catalog_names_are_found_after_plus_signs_and_odd_gaps(catalog):
    nlp = make_nlp(catalog)
    text = "T\n\nC++ and GPT-4o+RAG, then (GSM8K); MMLU-Pro... Llama-2 7B + Llama 2 13B\u2014and \u00e9l\u00e8ve HumanEval."
    found = {(s.text, s.id_) for s in spans_of(nlp(text))}
    B, M = EntityType.BENCHMARK, EntityType.MODEL
    expected = {("GSM8K", entity_id(B, "GSM8K")), ("MMLU-Pro", entity_id(B, "MMLU-Pro")),
                ("HumanEval", entity_id(B, "HumanEval")), ("Llama-2 7B", entity_id(M, "Llama 2 7B")),
                ("Llama 2 13B", entity_id(M, "Llama 2 13B"))}
    assert expected <= found


def test_an_input_error_comes_after_the_papers_read_before_it(extractor):
    """spaCy reads a batch ahead; a reader's error must still surface in input order."""
    def papers():
        yield _paper("T", "Llama-2-7B reaches 31.2% on GSM8K.")
        yield _paper("T", "GPT-4o is evaluated on MMLU.")
        raise ValueError("record 3 is malformed")

    seen = []
    with pytest.raises(ValueError, match="record 3"):
        for extraction in extractor.extract_many(papers(), batch_size=64):
            seen.append(extraction)
    assert [set(_names(e)) for e in seen] == [{"Llama 2 7B", "GSM8K"}, {"GPT-4o", "MMLU"}]


def test_a_family_name_joined_to_a_capitalised_word_is_a_new_member():
    M = EntityType.MODEL  # a family needs three catalog names: Zephyrine
    family = Extractor(Catalog([_entry(M, "Zephyrine 7B"), _entry(M, "Zephyrine 13B"), _entry(M, "Zephyrine Chat"),
                                _entry(M, "GPT-4o")]))
    ex = family.extract(_paper("T", "Our detector outperforms Zephyrine-Sentinel and GPT-4o on toxic prompts."))
    assert _names(ex).get("Zephyrine-Sentinel") is EntityType.MODEL
    phrase = family.extract(_paper("T", "We study Multi-Task and Cross-Domain transfer with GPT-4o."))
    assert not {"Multi-Task", "Cross-Domain"} & set(_names(phrase))


def test_text_sampled_from_a_named_source_is_a_dataset_in_use(extractor):
    ex = extractor.extract(_paper(
        "T", "We train a 1B model on 40B tokens sampled from WrenWeb-Clean with a new data filter."))
    assert _names(ex).get("WrenWeb-Clean") is EntityType.DATASET
    assert not any(r.type is RelationType.INTRODUCES for r in ex.relations)


def test_a_release_suffix_types_a_new_name_as_a_model(extractor):
    ex = extractor.extract(_paper("T", "Experiments on KestrelLM-Instruct, KestrelLM-VL and GSM8K show the gains."))
    names = _names(ex)
    assert names.get("KestrelLM-Instruct") is EntityType.MODEL and names.get("KestrelLM-VL") is EntityType.MODEL
    assert names.get("GSM8K") is EntityType.BENCHMARK


def test_a_versioned_title_names_a_new_release_apart_from_its_family(extractor):
    known = Extractor(Catalog([_entry(EntityType.MODEL, "Kestrel Nano")]))
    ex = known.extract(_paper("Kestrel Nano 3 Technical Report", "We describe the training of our new open models."))
    assert _names(ex) == {"Kestrel Nano 3": EntityType.MODEL}
    assert ("introduces", "paper", "Kestrel Nano 3") in _relations(ex)
    maker = extractor.extract(_paper("NVIDIA Kestrel Nano 2: Fast Hybrid Models", "We train hybrid models."))
    assert "Kestrel Nano 2" in _names(maker) and "NVIDIA Kestrel Nano 2" not in _names(maker)
    single = extractor.extract(_paper("Kestrel3 Technical Report", "We describe the training of our new open models."))
    assert ("introduces", "paper", "Kestrel3") in _relations(single)
    series = extractor.extract(_paper("Shared Task 4: Legal Reading", "We describe the systems we submitted."))
    assert not _names(series)


def test_a_series_tail_is_not_part_of_the_name(extractor):
    ex = extractor.extract(_paper("T", "Our model outperforms Kestrel-R1-series models and GPT-4o."))
    assert "Kestrel-R1" in _names(ex) and "Kestrel-R1-series" not in _names(ex)


def test_we_also_introduced_marks_a_new_benchmark(extractor):
    ex = extractor.extract(_paper(
        "T", "We study legal reasoning. We also introduced WrenQA-Hard, a benchmark of 900 questions."))
    assert ("introduces", "paper", "WrenQA-Hard") in _relations(ex)
    used = extractor.extract(_paper("T", "We used WrenQA-Hard, a benchmark of 900 questions, to test Mistral-7B."))
    assert ("introduces", "paper", "WrenQA-Hard") not in _relations(used)


def test_a_sentence_referring_back_to_all_benchmarks_scores_its_models_there(extractor):
    ex = extractor.extract(_paper(
        "T", "Our tuned model beats GPT-4o on two benchmarks: GSM8K and MMLU. "
             "Likewise, Qwen2.5-7B surpassed Mistral-7B on all benchmarks as well."))
    rels = _relations(ex)
    assert {("evaluated_on", m, b) for m in ("Qwen2.5-7B", "Mistral-7B") for b in ("GSM8K", "MMLU")} <= rels
    plain = extractor.extract(_paper("T", "Qwen2.5-7B is strong on GSM8K. Mistral-7B was released later."))
    assert ("evaluated_on", "Mistral-7B", "GSM8K") not in _relations(plain)


def test_every_backbone_in_a_list_is_a_base_of_the_papers_model(extractor):
    ex = extractor.extract(_paper(
        "FinchLM: Small Models for Law",
        "We present FinchLM. FinchLM reaches 40.2 on GSM8K with Mistral-7B and 44.1 with Qwen2.5-7B as backbones."))
    rels = _relations(ex)
    assert {("based_on", "FinchLM", "Mistral-7B"), ("based_on", "FinchLM", "Qwen2.5-7B")} <= rels
    assert ("evaluated_on", "Mistral-7B", "GSM8K") not in rels


def test_a_model_trained_on_our_corpus_is_trained_on_the_papers_dataset(extractor):
    ex = extractor.extract(_paper(
        "WrenMath: A Large Corpus of Math Web Pages",
        "We construct WrenMath, a new corpus of math pages. When used to pretrain a Mistral-7B model, "
        "our corpus yields large gains on GSM8K."))
    rels = _relations(ex)
    assert ("trained_on", "Mistral-7B", "WrenMath") in rels
    other = extractor.extract(_paper(
        "WrenMath: A Large Corpus of Math Web Pages",
        "We construct WrenMath, a new corpus of math pages. Our corpus is larger than what GPT-4 saw."))
    assert not any(r[0] == "trained_on" for r in _relations(other))


def test_a_name_cut_by_a_closing_quote_is_not_kept_without_its_tail(extractor):
    ex = extractor.extract(_paper("T", 'The "WrenGPT-Base"-derived variant beats Mistral-7B on GSM8K.'))
    names = _names(ex)
    assert "WrenGPT" not in names and not any(name.endswith("-") for name in names)
    assert "Mistral-7B" in names


def test_a_name_listed_after_models_such_as_is_a_model(extractor):
    ex = extractor.extract(_paper(
        "T", "Mistral-7B scores 56.1 on GSM8K, outperforming specialised models such as WrenAgent-X."))
    assert _names(ex).get("WrenAgent-X") is EntityType.MODEL
    assert ("evaluated_on", "Mistral-7B", "WrenAgent-X") not in _relations(ex)


def test_a_model_in_a_clause_before_a_colon_is_not_scored_on_the_next_clauses_benchmark(extractor):
    ex = extractor.extract(_paper(
        "T", "Experiments with Qwen2.5-7B models show clear gains: Mistral-7B reaches 43.3% accuracy on GSM8K."))
    rels = _relations(ex)
    assert ("evaluated_on", "Mistral-7B", "GSM8K") in rels and ("evaluated_on", "Qwen2.5-7B", "GSM8K") not in rels
    listed = extractor.extract(_paper(
        "T", "We evaluate our method on GSM8K with three models: Mistral-7B, Qwen2.5-7B and GPT-4o."))
    assert {("evaluated_on", m, "GSM8K") for m in ("Mistral-7B", "Qwen2.5-7B", "GPT-4o")} <= _relations(listed)


def test_it_as_subject_is_the_model_the_last_sentence_led_with(extractor):
    ex = extractor.extract(_paper(
        "T", "Mistral-7B beats Qwen2.5-7B on MMLU. For maths, it sets a new record on GSM8K, even outperforming GPT-4o."))
    rels = _relations(ex)
    assert {("evaluated_on", "Mistral-7B", "GSM8K"), ("evaluated_on", "GPT-4o", "GSM8K")} <= rels
    assert ("evaluated_on", "Qwen2.5-7B", "GSM8K") not in rels


def test_a_name_set_after_our_models_or_a_novel_benchmark_is_introduced(extractor):
    ex = extractor.extract(_paper(
        "WrenLM: Dutch Language Models",
        "We test our adapted models, WrenLM-2, and a novel Dutch benchmark, WrenQA-NL, against Mistral-7B."))
    rels = _relations(ex)
    assert {("introduces", "paper", "WrenLM-2"), ("introduces", "paper", "WrenQA-NL")} <= rels
    assert ("introduces", "paper", "Mistral-7B") not in rels
    other = extractor.extract(_paper(
        "WrenLM: Dutch Language Models", "We test their adapted models, WrenLM-2, against Mistral-7B on GSM8K."))
    assert ("introduces", "paper", "WrenLM-2") not in _relations(other)


def test_a_bare_on_is_no_evaluation(extractor):
    ex = extractor.extract(_paper("T", "The Mistral-7B weights and the GSM8K prompts we used are hosted on GitHub."))
    assert not any(r[0] == "evaluated_on" for r in _relations(ex))
    scored = extractor.extract(_paper("T", "Mistral-7B scores 61.2% accuracy on GSM8K."))
    assert ("evaluated_on", "Mistral-7B", "GSM8K") in _relations(scored)


def test_a_name_listed_between_a_benchmark_and_a_dataset_is_the_third_kind(extractor):
    ex = extractor.extract(_paper(
        "T", "We release HeronBench, HeronParse, and HeronCorpus, a web corpus of 2T tokens."))
    names = _names(ex)
    assert names.get("HeronBench") is EntityType.BENCHMARK and names.get("HeronCorpus") is EntityType.DATASET
    assert names.get("HeronParse") is EntityType.MODEL


def test_which_was_the_dataset_types_a_name_after_a_comparison(extractor):
    ex = extractor.extract(_paper(
        "T", "Our corpus has 3 times more tokens than WrenMath-3+, which was previously the largest math dataset."))
    assert _names(ex).get("WrenMath-3+") is EntityType.DATASET


@pytest.mark.parametrize(("abstract", "value"), [
    ("GPT-4o reaches 71.5% accuracy on GSM8K, a +3.1% gain over Llama-2-7B.", "71.5%"),
    ("GPT-4o improves accuracy on GSM8K by 4.2 points.", None),
    ("GPT-4o shows a 2.5% accuracy improvement on GSM8K.", None),
    ("GPT-4o is evaluated on GSM8K and shows only a 0.85 accuracy drop.", None),
    ("The accuracy of GPT-4o on GSM8K improves from 56.8% to 63.9%.", "63.9%"),  # the new score, not the old
    ("We evaluate GPT-4o, which scores 71.2% on GSM8K.", "71.2%"),  # no metric named, but the score is at the benchmark
    ("GPT-4o is evaluated on GSM8K, where tuning improves it up to 6.90 pp.", None),  # points count a difference
])
def test_a_change_between_scores_is_no_score(extractor, abstract, value):
    ex = extractor.extract(_paper("T", abstract))
    scored = [r for r in ex.relations if r.type is RelationType.EVALUATED_ON and "gpt-4o" in r.source]
    assert [r.value for r in scored] == [value]


@pytest.mark.parametrize("abstract", [
    "We construct HeronWeb from Common Crawl. HeronWeb also surpasses The Pile and C4 on most benchmarks.",
    # the other dataset far back in a long sentence; "approach" compares too
    "We construct HeronWeb from Common Crawl. Models trained on HeronWeb beat other open corpora across a suite of "
    "standard benchmarks, and at the largest scale they surpass The Pile and approach C4.",
])
def test_a_dataset_compared_with_another_dataset_stays_a_dataset(extractor, abstract):
    names = _names(extractor.extract(_paper("HeronWeb: A Web Corpus", abstract)))
    assert names.get("The Pile") is EntityType.DATASET and names.get("C4") is EntityType.DATASET


def test_a_dataset_scored_on_is_a_benchmark(extractor):
    scored = extractor.extract(_paper("T", "Mistral-7B reaches 60% accuracy on C4, a strong benchmark result."))
    assert _names(scored).get("C4") is EntityType.BENCHMARK


def test_a_corpus_evaluated_on_is_a_benchmark(extractor):
    ex = extractor.extract(_paper("T", "Our parser is evaluated on the recently released C4 corpus."))
    assert _names(ex).get("C4") is EntityType.BENCHMARK
    trained = extractor.extract(_paper("T", "We pretrain Mistral-7B on the C4 corpus."))
    assert _names(trained).get("C4") is EntityType.DATASET


def test_the_head_noun_types_a_bracketed_list_even_a_known_model(extractor):
    ex = extractor.extract(_paper(
        "T", "Experiments on three counting datasets (WrenCells, GPT-4, and HeronDots) show higher accuracy."))
    names = _names(ex)
    assert names.get("GPT-4") is EntityType.BENCHMARK and names.get("HeronDots") is EntityType.BENCHMARK


def test_a_dataset_made_to_evaluate_is_a_benchmark(extractor):
    ex = extractor.extract(_paper(
        "T", "We introduce WrenTasks, a novel dataset of agent tasks designed to evaluate robustness to rumours."))
    assert _names(ex).get("WrenTasks") is EntityType.BENCHMARK


def test_lowercase_names_with_digits_count_only_in_a_list_of_models(extractor):
    ex = extractor.extract(_paper("T", "We train two ranking models: wrenrank-2 and wrenrank-2-small, beating Mistral-7B."))
    names = _names(ex)
    assert names.get("wrenrank-2") is EntityType.MODEL and names.get("wrenrank-2-small") is EntityType.MODEL
    plain = extractor.extract(_paper("T", "We report top-1 accuracy and use wrenrank-2 features with Mistral-7B."))
    assert "wrenrank-2" not in _names(plain) and "top-1" not in _names(plain)


def test_an_arxiv_citation_is_no_dataset_mention():
    catalog = Catalog([_entry(EntityType.DATASET, "arXiv"), _entry(EntityType.MODEL, "Mistral-7B")])
    ex = Extractor(catalog).extract(_paper(
        "T", "Building on prior work (arXiv:2411.00001), we fine-tune Mistral-7B on arXiv papers."))
    mentions = [m.text for m in ex.mentions]
    assert "arXiv:2411.00001" not in mentions and "arXiv" in mentions


def test_names_listed_after_datasets_such_as_are_datasets_unless_the_sentence_tests(extractor):
    ex = extractor.extract(_paper(
        "T", "Our corpus holds more tokens than prior open datasets such as MMLU, WrenText, and C4."))
    names = _names(ex)
    assert names.get("MMLU") is EntityType.DATASET and names.get("WrenText") is EntityType.DATASET
    tested = extractor.extract(_paper("T", "We evaluate Mistral-7B on datasets such as MMLU and GSM8K."))
    assert _names(tested).get("MMLU") is EntityType.BENCHMARK


def test_a_bracketed_list_after_a_bare_count_names_what_is_counted(extractor):
    ex = extractor.extract(_paper(
        "T", "Evaluated on ten tasks, Mistral-7B led on four (WRQA, KSTB, PLMX, DORV) and trailed on the rest."))
    names = _names(ex)
    assert all(names.get(n) is EntityType.BENCHMARK for n in ("WRQA", "KSTB", "PLMX", "DORV"))
    # one acronym after a version number defines a short name, it lists nothing
    single = extractor.extract(_paper("T", "We evaluate wav2vec 2.0 (WVX) and Mistral-7B on GSM8K."))
    assert _names(single).get("WVX") is not EntityType.BENCHMARK


def test_a_model_distilled_into_the_papers_model_is_its_base(extractor):
    ex = extractor.extract(_paper("T", "We present KiteNet-1.5B, a small coder. To build it, we distill Qwen2.5-7B into "
                                       "KiteNet-1.5B with synthetic problems."))
    assert ("based_on", "KiteNet-1.5B", "Qwen2.5-7B") in _relations(ex)
