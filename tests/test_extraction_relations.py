"""Relation rules of kg.relations on sentences written for these tests.

Mentions and introduced names are given by hand (not recognised), so each test exercises only the
relation rules: which sentence states which relation between which two named things.
"""

from __future__ import annotations

import re

import pytest
import spacy

from kg.model import Entity, EntityType, Evidence, Mention, Paper, Relation, RelationType
from kg.names import entity_id
from kg.relations import INTRO_KEY, extract_relations, typed_by_role

M, B, D = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


def _find(text: str, name: str) -> list[tuple[int, int]]:
    # a name ends where a word does, but "GPT-2-based" still names GPT-2 ("KiteNet-7B" does not name KiteNet)
    return [(m.start(), m.end()) for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?!\w)(?!-(?!based\b)\w)", text)]


def _relations(nlp, text: str, names: dict[str, EntityType], introduced: tuple[str, ...] = (),
               first_only: tuple[str, ...] = (), discovered: tuple[str, ...] = ()) -> set[tuple[str, str, str]]:
    """(type, source name, target name) of every relation; `first_only` names are tagged once, as a
    recogniser that missed their later occurrences would; `discovered` names are new to the catalog."""
    paper = Paper(id="t-rel", title="A test paper.", abstract=text)
    text = paper.text  # mention offsets index the paper's whole text
    doc = nlp(text)
    mentions, entities = [], []
    for name, kind in names.items():
        eid = entity_id(kind, name)
        entities.append(Entity(eid, kind, name))
        found = _find(text, name)
        origin = "discovered" if name in discovered else "catalog"
        mentions += [Mention(name, s, e, kind, eid, origin) for s, e in (found[:1] if name in first_only else found)]
    doc.spans[INTRO_KEY] = [doc.char_span(*_find(text, name)[0]) for name in introduced]
    by_id = {e.id: e.name for e in entities}
    return {(r.type.value, by_id.get(r.source, "paper"), by_id[r.target])
            for r in extract_relations(paper, doc, mentions, entities)}


def test_fine_tuned_before_a_lowercase_word_is_not_a_derivation(nlp):
    rels = _relations(nlp, "KiteNet with fine-tuned fastText embeddings reaches 91% accuracy.",
                      {"KiteNet": M, "fastText": M}, introduced=("KiteNet",))
    assert not any(r[0] == "based_on" for r in rels)
    rels = _relations(nlp, "KiteNet fine-tunes Mistral-7B on court rulings.", {"KiteNet": M, "Mistral-7B": M})
    assert ("based_on", "KiteNet", "Mistral-7B") in rels


def test_own_benchmark_needs_an_act_of_evaluating(nlp):
    names = {"KiteBench": B, "GPT-4o": M, "Mistral-7B": M}
    text = "We release KiteBench for legal reasoning. {}"
    rels = _relations(nlp, text.format("We evaluate GPT-4o and Mistral-7B."), names, introduced=("KiteBench",))
    assert {("evaluated_on", "GPT-4o", "KiteBench"), ("evaluated_on", "Mistral-7B", "KiteBench")} <= rels
    for sentence in ("Upon evaluation, GPT-4o proved the strongest.", "Human evaluations show that GPT-4o writes well.",
                     "A judge built on GPT-4o is trained to compare answers."):
        rels = _relations(nlp, text.format(sentence), names, introduced=("KiteBench",))
        assert ("evaluated_on", "GPT-4o", "KiteBench") not in rels, sentence


def test_presenting_the_own_benchmark_scores_nothing_on_it(nlp):
    names = {"KiteNet": M, "KiteBench": B}
    text = "We present KiteNet, a legal model. We also introduce KiteBench, a benchmark for the evaluation of {}."
    rels = _relations(nlp, text.format("legal reasoning"), names, introduced=("KiteNet", "KiteBench"))
    assert ("evaluated_on", "KiteNet", "KiteBench") not in rels
    rels = _relations(nlp, "We present KiteNet, a legal model. Our model scores 70.2% on KiteBench.", names,
                      introduced=("KiteNet", "KiteBench"))
    assert ("evaluated_on", "KiteNet", "KiteBench") in rels


def test_respectively_alone_does_not_refer_back_to_models(nlp):
    names = {"Mistral-7B": M, "GSM8K": B, "MMLU": B}
    first = "Mistral-7B encodes the scene graph. "
    rels = _relations(nlp, first + "The planner reaches 64.5% and 28.4% on GSM8K and MMLU, respectively.", names)
    assert ("evaluated_on", "Mistral-7B", "GSM8K") not in rels
    rels = _relations(nlp, first + "Each model reaches 64.5% and 28.4% on GSM8K and MMLU, respectively.", names)
    assert ("evaluated_on", "Mistral-7B", "GSM8K") in rels


def test_a_new_predicate_after_a_comparison_leaves_the_baseline_out(nlp):
    names = {"KiteNet": M, "GPT-4o": M, "GSM8K": B}
    rels = _relations(nlp, "KiteNet outperforms GPT-4o on most tasks, and scores 59.4 on GSM8K.", names)
    assert ("evaluated_on", "KiteNet", "GSM8K") in rels and ("evaluated_on", "GPT-4o", "GSM8K") not in rels
    rels = _relations(nlp, "KiteNet outperforms GPT-4o on GSM8K by 4 points.", names)
    assert {("evaluated_on", "KiteNet", "GSM8K"), ("evaluated_on", "GPT-4o", "GSM8K")} <= rels


def test_a_variant_of_the_papers_model_is_introduced_too(nlp):
    rels = _relations(nlp, "We introduce KiteNet. KiteNet-7B beats GPT-4o.",
                      {"KiteNet": M, "KiteNet-7B": M, "GPT-4o": M}, introduced=("KiteNet",))
    assert ("introduces", "paper", "KiteNet-7B") in rels and ("introduces", "paper", "GPT-4o") not in rels
    rels = _relations(nlp, "We introduce KiteNet. We test their adapted models, KiteNet-7B, on court rulings.",
                      {"KiteNet": M, "KiteNet-7B": M}, introduced=("KiteNet",))
    assert ("introduces", "paper", "KiteNet-7B") not in rels  # someone else's variant


def test_a_new_name_the_text_calls_ours_or_newly_introduced_is_introduced(nlp):
    names = {"KiteNet-8B": M, "GPT-4o": M, "HawkBench": B, "OwlBench": B, "GSM8K": B}
    text = ("By tuning on these traces, our KiteNet-8B outperforms GPT-4o on GSM8K, "
            "the newly introduced HawkBench and OwlBench.")
    doc_rels = _relations(nlp, text, names, discovered=("KiteNet-8B", "HawkBench", "OwlBench"))
    assert {("introduces", "paper", n) for n in ("KiteNet-8B", "HawkBench", "OwlBench")} <= doc_rels
    assert ("introduces", "paper", "GSM8K") not in doc_rels
    rels = _relations(nlp, "The HawkBench data and KiteNet-8B models are publicly available at our site.", names,
                      discovered=("KiteNet-8B",))
    assert ("introduces", "paper", "KiteNet-8B") in rels
    # a name the catalog knows is someone else's model, even as "our GPT-4o baseline"
    rels = _relations(nlp, "We compare our GPT-4o baseline with KiteNet-8B.", names)
    assert ("introduces", "paper", "GPT-4o") not in rels


def test_a_later_untagged_occurrence_of_the_papers_model_takes_part(nlp):
    text = "We introduce KiteNet, a legal model. Notably, KiteNet reaches 70.2% on GSM8K."
    rels = _relations(nlp, text, {"KiteNet": M, "GSM8K": B}, introduced=("KiteNet",), first_only=("KiteNet",))
    assert ("evaluated_on", "KiteNet", "GSM8K") in rels
    rels = _relations(nlp, text, {"KiteNet": M, "GSM8K": B}, first_only=("KiteNet",))
    assert ("evaluated_on", "KiteNet", "GSM8K") not in rels  # only the paper's own names are searched


def test_our_models_named_in_the_sentence_stand_for_themselves(nlp):
    text = "We present KiteNet. We evaluate our adapted models, KiteNet-2, on GSM8K."
    rels = _relations(nlp, text, {"KiteNet": M, "KiteNet-2": M, "GSM8K": B}, introduced=("KiteNet",))
    assert ("evaluated_on", "KiteNet-2", "GSM8K") in rels and ("evaluated_on", "KiteNet", "GSM8K") not in rels


def test_a_model_named_as_the_style_of_a_new_one_is_not_introduced(nlp):
    rels = _relations(nlp, "This study presents a GPT-2-based model for Nepali. We also release KiteNet.",
                      {"GPT-2": M, "KiteNet": M}, introduced=("GPT-2", "KiteNet"))
    assert ("introduces", "paper", "GPT-2") not in rels and ("introduces", "paper", "KiteNet") in rels


def test_a_model_trained_on_this_data_is_trained_on_the_papers_dataset(nlp):
    names = {"KiteCorpus": D, "KiteNet": M, "GPT-4o": M}
    text = "We release KiteCorpus, a legal corpus. The KiteNet model, which was fine-tuned using this data, {}."
    rels = _relations(nlp, text.format("beats GPT-4o"), names, introduced=("KiteCorpus",))
    assert ("trained_on", "KiteNet", "KiteCorpus") in rels and ("trained_on", "GPT-4o", "KiteCorpus") not in rels
    text = "We release KiteCorpus, a legal corpus. GPT-4o, which answers questions about this data, is strong."
    assert not any(r[0] == "trained_on" for r in _relations(nlp, text, names, introduced=("KiteCorpus",)))


def test_the_object_of_a_training_verb_is_the_model_trained(nlp):
    names = {"Mistral-7B": M, "Qwen2.5-7B": M, "FineWeb": D}
    rels = _relations(nlp, "We fine-tune Mistral-7B and Qwen2.5-7B on FineWeb.", names)
    assert {("trained_on", "Mistral-7B", "FineWeb"), ("trained_on", "Qwen2.5-7B", "FineWeb")} <= rels
    rels = _relations(nlp, "Using FineWeb for retrieval, Mistral-7B answers questions.", names)
    assert not any(r[0] == "trained_on" for r in rels)


def test_a_fronted_training_clause_describes_the_subject_after_it(nlp):
    names = {"Mistral-7B": M, "Qwen2.5-7B": M, "GPT-4o": M, "FineWeb": D, "MMLU": B}
    rels = _relations(nlp, "Pre-trained on FineWeb, Mistral-7B and Qwen2.5-7B beat GPT-4o on MMLU.", names)
    assert {("trained_on", "Mistral-7B", "FineWeb"), ("trained_on", "Qwen2.5-7B", "FineWeb")} <= rels
    assert ("trained_on", "GPT-4o", "FineWeb") not in rels


def test_the_student_a_teacher_is_distilled_into_is_based_on_it(nlp):
    names = {"GPT-4o": M, "KiteNet": M}
    rels = _relations(nlp, "We distill the reasoning ability of GPT-4o into the smaller KiteNet.", names)
    assert ("based_on", "KiteNet", "GPT-4o") in rels and ("based_on", "GPT-4o", "KiteNet") not in rels
    rels = _relations(nlp, "GPT-4o writes the traces, and we turn them into KiteNet training data.", names)
    assert not any(r[0] == "based_on" for r in rels)


def test_a_model_name_inside_a_list_of_benchmarks_is_used_as_one(nlp):
    names = {"KiteNet": M, "GSM8K": B, "MMLU": B, "Falcon": M, "HumanEval": B}
    rels = _relations(nlp, "We evaluate KiteNet on benchmarks such as GSM8K, MMLU, Falcon and HumanEval.", names)
    assert {("evaluated_on", "KiteNet", b) for b in ("GSM8K", "MMLU", "Falcon", "HumanEval")} <= rels
    assert ("evaluated_on", "Falcon", "HumanEval") not in rels
    rels = _relations(nlp, "KiteNet and Falcon reach 70.2% on GSM8K and MMLU.", names)
    assert ("evaluated_on", "Falcon", "GSM8K") in rels  # a list of models stays models


def test_a_name_used_as_a_kind_takes_no_part(nlp):
    names = {"GPT-4o": M, "Mistral-7B": M, "GSM8K": B}
    rels = _relations(nlp, "We compare GPT-4o and Mistral-7B-based agents on GSM8K.", names)
    assert ("evaluated_on", "GPT-4o", "GSM8K") in rels and ("evaluated_on", "Mistral-7B", "GSM8K") not in rels


def test_a_model_named_to_describe_another_is_its_base_not_a_subject(nlp):
    names = {"KiteNet": M, "Mistral-7B": M, "FineWeb": D, "GSM8K": B}
    rels = _relations(nlp, "KiteNet, a Mistral-7B model fine-tuned on FineWeb, scores 71.2 on GSM8K.", names)
    assert {("based_on", "KiteNet", "Mistral-7B"), ("trained_on", "KiteNet", "FineWeb"),
            ("evaluated_on", "KiteNet", "GSM8K")} <= rels
    assert ("trained_on", "Mistral-7B", "FineWeb") not in rels and ("evaluated_on", "Mistral-7B", "GSM8K") not in rels
    rels = _relations(nlp, "KiteNet, a Mistral-7B model trained from scratch, scores 71.2 on GSM8K.", names)
    assert not any(r[0] == "based_on" for r in rels)  # the same architecture is not a base


# --- round 2: which model a cue belongs to, which clause it reaches, what 'respectively' pairs ---

NAMES = {"KiteNet": M, "Mistral-7B": M, "GPT-4o": M, "Qwen2.5-14B": M, "FineWeb": D, "C4": D,
         "GSM8K": B, "MMLU": B, "HumanEval": B}


def test_the_model_another_starts_from_is_neither_trained_nor_scored_here(nlp):
    rels = _relations(nlp, "KiteNet, initialized from Mistral-7B and trained on FineWeb, scores 71.2 on GSM8K.", NAMES)
    assert {("based_on", "KiteNet", "Mistral-7B"), ("trained_on", "KiteNet", "FineWeb"),
            ("evaluated_on", "KiteNet", "GSM8K")} <= rels
    assert ("trained_on", "Mistral-7B", "FineWeb") not in rels and ("evaluated_on", "Mistral-7B", "GSM8K") not in rels
    rels = _relations(nlp, "KiteNet is obtained by continued pre-training of Mistral-7B on FineWeb.", NAMES)
    assert ("trained_on", "KiteNet", "FineWeb") in rels and ("trained_on", "Mistral-7B", "FineWeb") not in rels
    rels = _relations(nlp, "We fine-tune Mistral-7B on FineWeb.", NAMES)
    assert ("trained_on", "Mistral-7B", "FineWeb") in rels  # no other model: the one fine-tuned is trained


def test_it_refers_back_to_one_model_they_to_all(nlp):
    first = "KiteNet, a legal model, beats Mistral-7B in speed. "
    rels = _relations(nlp, first + "It is evaluated on GSM8K and MMLU.", NAMES)
    assert ("evaluated_on", "KiteNet", "GSM8K") in rels and ("evaluated_on", "Mistral-7B", "GSM8K") not in rels
    rels = _relations(nlp, "KiteNet and GPT-4o answer legal questions. Both models are evaluated on GSM8K.", NAMES)
    assert {("evaluated_on", "KiteNet", "GSM8K"), ("evaluated_on", "GPT-4o", "GSM8K")} <= rels


def test_a_benchmark_named_twice_keeps_the_models_of_both_clauses(nlp):
    text = "KiteNet outperforms GPT-4o on GSM8K and MMLU, and performs on par with Mistral-7B on GSM8K."
    rels = _relations(nlp, text, NAMES)
    assert {("evaluated_on", "KiteNet", "GSM8K"), ("evaluated_on", "GPT-4o", "GSM8K"),
            ("evaluated_on", "Mistral-7B", "GSM8K"), ("evaluated_on", "GPT-4o", "MMLU")} <= rels


def test_respectively_pairs_two_lists_in_order(nlp):
    text = "KiteNet reaches 85.4% on HumanEval and 72.1% on GSM8K, surpassing GPT-4o and Mistral-7B, respectively."
    rels = _relations(nlp, text, NAMES)
    assert {("evaluated_on", "GPT-4o", "HumanEval"), ("evaluated_on", "Mistral-7B", "GSM8K"),
            ("evaluated_on", "KiteNet", "HumanEval"), ("evaluated_on", "KiteNet", "GSM8K")} <= rels
    assert ("evaluated_on", "GPT-4o", "GSM8K") not in rels and ("evaluated_on", "Mistral-7B", "HumanEval") not in rels
    names = {"KiteNet-7B": M, "KiteNet-14B": M, "Mistral-7B": M, "Qwen2.5-14B": M}
    rels = _relations(nlp, "We present KiteNet-7B and KiteNet-14B, built on Mistral-7B and Qwen2.5-14B respectively.",
                      names)
    assert {("based_on", "KiteNet-7B", "Mistral-7B"), ("based_on", "KiteNet-14B", "Qwen2.5-14B")} <= rels
    assert ("based_on", "KiteNet-14B", "Mistral-7B") not in rels and ("based_on", "KiteNet-7B", "Qwen2.5-14B") not in rels
    rels = _relations(nlp, "KiteNet-14B is built on Mistral-7B and Qwen2.5-14B.", names)
    assert {("based_on", "KiteNet-14B", "Mistral-7B"), ("based_on", "KiteNet-14B", "Qwen2.5-14B")} <= rels


def test_a_models_tokenizer_or_architecture_is_not_the_model_at_work(nlp):
    rels = _relations(nlp, "Models using the Mistral-7B tokenizer perform best on GSM8K.", NAMES)
    assert ("evaluated_on", "Mistral-7B", "GSM8K") not in rels
    rels = _relations(nlp, "We train KiteNet with the Mistral-7B architecture on FineWeb.", NAMES)
    assert ("trained_on", "KiteNet", "FineWeb") in rels and ("trained_on", "Mistral-7B", "FineWeb") not in rels
    rels = _relations(nlp, "Mistral-7B performs best on GSM8K.", NAMES)
    assert ("evaluated_on", "Mistral-7B", "GSM8K") in rels


def test_models_trained_by_others_are_not_the_papers_own(nlp):
    first = "We present KiteNet, a legal model. "
    rels = _relations(nlp, first + "We show that models trained on FineWeb beat those trained on C4.", NAMES,
                      introduced=("KiteNet",))
    assert not any(r[0] == "trained_on" for r in rels)
    rels = _relations(nlp, first + "We train our models on FineWeb.", NAMES, introduced=("KiteNet",))
    assert ("trained_on", "KiteNet", "FineWeb") in rels


def test_a_distillation_teacher_is_not_trained_on_the_data(nlp):
    rels = _relations(nlp, "We distill GPT-4o into KiteNet using traces from FineWeb.", NAMES)
    assert ("trained_on", "KiteNet", "FineWeb") in rels and ("trained_on", "GPT-4o", "FineWeb") not in rels


def test_each_training_cue_trains_the_model_of_its_own_clause(nlp):
    rels = _relations(nlp, "Unlike Mistral-7B, which is trained on C4, KiteNet is trained on FineWeb.", NAMES)
    assert {("trained_on", "Mistral-7B", "C4"), ("trained_on", "KiteNet", "FineWeb")} <= rels
    assert ("trained_on", "Mistral-7B", "FineWeb") not in rels
    rels = _relations(nlp, "KiteNet is pre-trained on C4 and fine-tuned on FineWeb.", NAMES)
    assert {("trained_on", "KiteNet", "C4"), ("trained_on", "KiteNet", "FineWeb")} <= rels


def test_a_collection_takes_the_role_its_cue_gives_it(nlp):
    text = "KiteNet is trained on a mix of texts, including C4 and GSM8K, and evaluated on MMLU and FineWeb."
    rels = _relations(nlp, text, NAMES)
    assert {("trained_on", "KiteNet", "GSM8K"), ("trained_on", "KiteNet", "C4"),
            ("evaluated_on", "KiteNet", "FineWeb"), ("evaluated_on", "KiteNet", "MMLU")} <= rels
    assert ("evaluated_on", "KiteNet", "GSM8K") not in rels and ("trained_on", "KiteNet", "FineWeb") not in rels
    # a score on a benchmark after a training phrase about someone else's tokens stays a score
    rels = _relations(nlp, "KiteNet beats Mistral-7B, pretrained on 2T tokens, on GSM8K.", NAMES)
    assert ("evaluated_on", "KiteNet", "GSM8K") in rels and ("trained_on", "KiteNet", "GSM8K") not in rels


def test_a_fronted_aside_names_no_subject(nlp):
    first = "We present KiteNet, a legal model. "
    rels = _relations(nlp, first + "Following Mistral-7B, we pre-train a small model on FineWeb.", NAMES,
                      introduced=("KiteNet",))
    assert ("trained_on", "Mistral-7B", "FineWeb") not in rels
    rels = _relations(nlp, "Like GPT-4o, KiteNet is trained on FineWeb.", NAMES)
    assert ("trained_on", "KiteNet", "FineWeb") in rels and ("trained_on", "GPT-4o", "FineWeb") not in rels


def test_a_derivation_reaches_only_its_own_clause_and_list(nlp):
    rels = _relations(nlp, "KiteNet was upcycled from Mistral-7B, and GPT-4o uses dense layers.", NAMES)
    assert ("based_on", "KiteNet", "Mistral-7B") in rels and ("based_on", "KiteNet", "GPT-4o") not in rels
    rels = _relations(nlp, "KiteNet is merged from Mistral-7B, Qwen2.5-14B, and GPT-4o.".replace("merged", "derived"),
                      NAMES)
    assert {("based_on", "KiteNet", n) for n in ("Mistral-7B", "Qwen2.5-14B", "GPT-4o")} <= rels


def test_a_model_first_named_as_a_base_is_not_introduced(nlp):
    rels = _relations(nlp, "We introduce KiteNet, built on Mistral-7B for law.", NAMES, introduced=("KiteNet", "Mistral-7B"))
    assert ("introduces", "paper", "KiteNet") in rels and ("introduces", "paper", "Mistral-7B") not in rels
    assert ("based_on", "KiteNet", "Mistral-7B") in rels


def test_a_model_used_as_a_tool_is_not_scored_or_trained(nlp):
    rels = _relations(nlp, "With GPT-4o as the judge, KiteNet achieves a 61% win rate on MMLU.", NAMES)
    assert ("evaluated_on", "KiteNet", "MMLU") in rels and ("evaluated_on", "GPT-4o", "MMLU") not in rels
    rels = _relations(nlp, "Using GPT-4o to label answers, we fine-tune KiteNet on FineWeb.", NAMES)
    assert ("trained_on", "KiteNet", "FineWeb") in rels and ("trained_on", "GPT-4o", "FineWeb") not in rels
    rels = _relations(nlp, "KiteNet is trained on FineWeb answers generated by GPT-4o.", NAMES)
    assert ("trained_on", "GPT-4o", "FineWeb") not in rels
    rels = _relations(nlp, "KiteNet outperforms GPT-4o on MMLU.", NAMES)
    assert ("evaluated_on", "GPT-4o", "MMLU") in rels  # a rival compared on the benchmark is scored



def test_the_model_initialized_from_another_is_based_on_it(nlp):
    rels = _relations(nlp, "We initialize KiteNet from Mistral-7B and train it on FineWeb.", NAMES)
    assert ("based_on", "KiteNet", "Mistral-7B") in rels and ("based_on", "Mistral-7B", "KiteNet") not in rels
    rels = _relations(nlp, "We initialize KiteNet with the weights of Mistral-7B.", NAMES)
    assert ("based_on", "KiteNet", "Mistral-7B") in rels
    rels = _relations(nlp, "We initialize KiteNet randomly and compare it with Mistral-7B.", NAMES)
    assert not any(r[0] == "based_on" for r in rels)


def test_respectively_after_scores_pairs_the_scores_not_the_benchmarks(nlp):
    text = "Experiments on HumanEval and GSM8K show that GPT-4o and Mistral-7B reach 60.2% and 55.1%, respectively."
    rels = _relations(nlp, text, NAMES)
    assert {("evaluated_on", m, b) for m in ("GPT-4o", "Mistral-7B") for b in ("HumanEval", "GSM8K")} <= rels


def test_a_judge_is_not_among_the_models_referred_back_to(nlp):
    text = ("We fine-tune KiteNet and Mistral-7B on FineWeb, while GPT-4o serves as the judge. "
            "Both models improve on MMLU.")
    rels = _relations(nlp, text, NAMES)
    assert {("evaluated_on", "KiteNet", "MMLU"), ("evaluated_on", "Mistral-7B", "MMLU")} <= rels
    assert ("evaluated_on", "GPT-4o", "MMLU") not in rels


def test_a_precedent_named_up_front_is_not_scored(nlp):
    rels = _relations(nlp, "Following GPT-4o, we report the MMLU accuracy of KiteNet.", NAMES)
    assert ("evaluated_on", "KiteNet", "MMLU") in rels and ("evaluated_on", "GPT-4o", "MMLU") not in rels
    rels = _relations(nlp, "Compared with GPT-4o, KiteNet improves MMLU accuracy by 4 points.", NAMES)
    assert ("evaluated_on", "GPT-4o", "MMLU") in rels  # a named rival is scored


def test_a_known_name_is_introduced_only_where_the_text_presents_it(nlp):
    # names the catalog knows (origin "catalog") that recognition marked as introduced
    title_paper = Paper(id="t-rel2", title="Probing GPT-4o on Legal Reasoning", abstract="We study it.")
    doc = nlp(title_paper.text)
    eid = entity_id(M, "GPT-4o")
    at = title_paper.text.find("GPT-4o")
    doc.spans[INTRO_KEY] = [doc.char_span(at, at + 6)]
    mention = Mention("GPT-4o", at, at + 6, M, eid, "catalog")
    rels = extract_relations(title_paper, doc, [mention], [Entity(eid, M, "GPT-4o")])
    assert not any(r.type.value == "introduces" for r in rels)
    rels = _relations(nlp, "We release the prompts used with Mistral-7B for law.", NAMES, introduced=("Mistral-7B",))
    assert ("introduces", "paper", "Mistral-7B") not in rels
    rels = _relations(nlp, "We release Mistral-7B for law.", NAMES, introduced=("Mistral-7B",))
    assert ("introduces", "paper", "Mistral-7B") in rels


@pytest.mark.parametrize(("text", "expected", "absent"), [
    ("We introduce KiteNet, an encoder. We evaluate the trained models on MMLU and GSM8K.",
     {("evaluated_on", "KiteNet", "MMLU"), ("evaluated_on", "KiteNet", "GSM8K")},
     {("trained_on", "KiteNet", "MMLU")}),  # "the trained models" describes, "evaluate" is the verb
    ("We introduce KiteNet, an encoder. When pretrained from scratch on C4, this base model reaches 79.6 on GLUE.",
     {("trained_on", "KiteNet", "C4"), ("evaluated_on", "KiteNet", "GLUE")}, set()),
])
def test_the_papers_model_is_what_the_trained_or_this_model_refers_to(nlp, text, expected, absent):
    rels = _relations(nlp, text, {"KiteNet": M, "MMLU": B, "GSM8K": B, "GLUE": B, "C4": D}, introduced=("KiteNet",))
    assert expected <= rels and not absent & rels


def test_the_base_a_model_is_built_on_is_not_what_is_fine_tuned(nlp):
    rels = _relations(nlp, "KiteNet is built on Qwen2.5-7B and fine-tuned on LAION-5B.",
                      {"KiteNet": M, "Qwen2.5-7B": M, "LAION-5B": D})
    assert {("based_on", "KiteNet", "Qwen2.5-7B"), ("trained_on", "KiteNet", "LAION-5B")} <= rels
    assert ("trained_on", "Qwen2.5-7B", "LAION-5B") not in rels


def test_a_benchmark_in_the_object_of_a_training_cue_is_training_data(nlp):
    # the sentence has no evaluation verb: the benchmark's role still comes from the cue it follows
    rels = _relations(nlp, "We fine-tune KiteNet on Common Voice and LibriSpeech and obtain a lower WER on FLEURS.",
                      {"KiteNet": M, "Common Voice": D, "LibriSpeech": B, "FLEURS": B})
    assert {("trained_on", "KiteNet", "Common Voice"), ("trained_on", "KiteNet", "LibriSpeech")} <= rels
    assert ("evaluated_on", "KiteNet", "LibriSpeech") not in rels


def test_instruction_tuning_a_named_model_makes_it_the_base(nlp):
    rels = _relations(nlp, "We present KiteNet-8B, obtained by instruction-tuning Qwen2.5-7B on LAION-5B.",
                      {"KiteNet-8B": M, "Qwen2.5-7B": M, "LAION-5B": D}, introduced=("KiteNet-8B",))
    assert {("based_on", "KiteNet-8B", "Qwen2.5-7B"), ("trained_on", "KiteNet-8B", "LAION-5B")} <= rels


def test_a_training_verb_reaches_its_data_across_a_long_object(nlp):
    rels = _relations(nlp, "We pretrain 24 decoder-only models from 85M to 3B parameters on C4, and the largest, "
                      "KiteNet, reaches 40% on MMLU.", {"KiteNet": M, "C4": D, "MMLU": B}, introduced=("KiteNet",),
                      discovered=("KiteNet",))
    assert ("trained_on", "KiteNet", "C4") in rels


def _edge(kind: str, source: str, target: str) -> Relation:
    return Relation(RelationType(kind), source, target, Evidence("p", "s"))


def test_types_follow_the_one_role_the_paper_gives_and_edges_follow_types():
    entities = (Entity("model:kite", M, "Kite"), Entity("dataset:d1", D, "D1"), Entity("benchmark:b1", B, "B1"),
                Entity("model:amber", M, "Amber"), Entity("dataset:both", D, "Both"), Entity("model:writer", M, "Writer"))
    relations = [_edge("evaluated_on", "model:kite", "dataset:d1"), _edge("trained_on", "model:kite", "benchmark:b1"),
                 _edge("evaluated_on", "model:kite", "model:amber"), _edge("trained_on", "model:kite", "dataset:both"),
                 _edge("evaluated_on", "model:kite", "dataset:both"), _edge("trained_on", "model:kite", "model:writer")]
    typed, kept = typed_by_role(entities, relations)
    assert {e.id: e.type for e in typed} == {"model:kite": M, "dataset:d1": B, "benchmark:b1": D,
                                              "model:amber": B, "dataset:both": D, "model:writer": M}
    # used both ways, "Both" stays a dataset, and "data from Writer" leaves Writer a model: their
    # edges of the other kind would break the graph's shapes
    dropped = {("evaluated_on", "dataset:both"), ("trained_on", "model:writer")}
    assert not dropped & {(r.type.value, r.target) for r in kept} and len(kept) == 4


@pytest.mark.parametrize(("text", "edge"), [
    ("We distill trajectories into KiteNet-35B, which improves over its Qwen2.5-7B baseline by 11.9 points.",
     ("based_on", "KiteNet-35B", "Qwen2.5-7B")),
    ("KiteNet outperforms its base model Qwen2.5-7B on every task.", ("based_on", "KiteNet", "Qwen2.5-7B")),
])
def test_its_base_or_baseline_is_what_the_model_was_made_from(nlp, text, edge):
    assert edge in _relations(nlp, text, {"KiteNet-35B": M, "KiteNet": M, "Qwen2.5-7B": M})


def test_its_counterpart_is_no_base(nlp):
    rels = _relations(nlp, "KiteNet gains 7% over its Qwen2.5-7B counterpart.", {"KiteNet": M, "Qwen2.5-7B": M})
    assert not any(kind == "based_on" for kind, _, _ in rels)


def test_a_family_named_in_passing_is_not_what_is_built(nlp):
    rels = _relations(nlp, "We introduce KiteNet-Embed, the latest extension of the Qwen family built on the "
                      "Qwen2.5-7B foundation model.", {"KiteNet-Embed": M, "Qwen": M, "Qwen2.5-7B": M},
                      introduced=("KiteNet-Embed",), discovered=("KiteNet-Embed",))
    assert ("based_on", "KiteNet-Embed", "Qwen2.5-7B") in rels and ("based_on", "Qwen", "Qwen2.5-7B") not in rels


# ---- Round 6 (rel8): rules read from arXiv-style abstracts written for them -------------------------

def _scores(nlp, text: str, names: dict[str, EntityType], introduced: tuple[str, ...] = ()) -> dict[tuple[str, str], str | None]:
    """{(model, benchmark): value} of every evaluated_on relation."""
    paper = Paper(id="t-rel", title="A test paper.", abstract=text)
    doc = nlp(paper.text)
    mentions, entities = [], []
    for name, kind in names.items():
        eid = entity_id(kind, name)
        entities.append(Entity(eid, kind, name))
        mentions += [Mention(name, s, e, kind, eid, "catalog") for s, e in _find(paper.text, name)]
    doc.spans[INTRO_KEY] = [doc.char_span(*_find(paper.text, name)[0]) for name in introduced]
    by_id = {e.id: e.name for e in entities}
    return {(by_id[r.source], by_id[r.target]): r.value for r in extract_relations(paper, doc, mentions, entities)
            if r.type is RelationType.EVALUATED_ON}


@pytest.mark.parametrize("text", [
    "We compare annotations from GPT-4o with crowd labels on SST-2.",
    "We generate 20K preference pairs with GPT-4o and score them on SST-2.",
])
def test_a_model_that_makes_the_data_is_not_evaluated(nlp, text):
    rels = _relations(nlp, text, {"GPT-4o": M, "SST-2": B, "KiteNet": M})
    assert ("evaluated_on", "GPT-4o", "SST-2") not in rels


def test_a_data_generator_is_no_base_of_the_model_fine_tuned_on_its_data(nlp):
    rels = _relations(nlp, "We generate 1M dialogues with Llama-3.1-70B and use them to fine-tune Phi-3-mini.",
                      {"Llama-3.1-70B": M, "Phi-3-mini": M})
    assert ("based_on", "Llama-3.1-70B", "Phi-3-mini") not in rels
    # "generation with" as a noun names no tool: the model is still scored
    rels = _relations(nlp, "Code generation with KiteNet reaches 61.0% on HumanEval.", {"KiteNet": M, "HumanEval": B})
    assert ("evaluated_on", "KiteNet", "HumanEval") in rels


@pytest.mark.parametrize("text", [
    "We continue pretraining Llama-3.1-8B on StackCode to obtain KiteCoder.",
    "We fine-tune Llama-3.1-8B on StackCode, yielding KiteCoder.",
    "We fine-tune Llama-3.1-8B on a filtered split of StackCode to produce our KiteCoder model.",
])
def test_to_obtain_names_the_model_the_training_makes(nlp, text):
    rels = _relations(nlp, text, {"Llama-3.1-8B": M, "StackCode": D, "KiteCoder": M})
    assert ("based_on", "KiteCoder", "Llama-3.1-8B") in rels
    assert ("trained_on", "KiteCoder", "StackCode") in rels
    assert ("trained_on", "Llama-3.1-8B", "StackCode") not in rels


def test_without_a_training_verb_obtain_is_no_derivation(nlp):
    rels = _relations(nlp, "We prompt Llama-3.1-8B with StackCode snippets to obtain KiteCoder traces.",
                      {"Llama-3.1-8B": M, "StackCode": D, "KiteCoder": M})
    assert not any(kind == "based_on" for kind, _, _ in rels)


def test_merged_models_are_the_bases_of_the_merge(nlp):
    rels = _relations(nlp, "We merge WizardMath-7B, Mistral-7B-Instruct and OpenChat-3.5 into a single model, "
                      "KiteMerge-7B, without further training.",
                      {"WizardMath-7B": M, "Mistral-7B-Instruct": M, "OpenChat-3.5": M, "KiteMerge-7B": M})
    assert {r for r in rels if r[0] == "based_on"} == {("based_on", "KiteMerge-7B", base) for base in
                                                       ("WizardMath-7B", "Mistral-7B-Instruct", "OpenChat-3.5")}
    rels = _relations(nlp, "KiteNet merges Mistral-7B into its pipeline of retrievers.", {"KiteNet": M, "Mistral-7B": M})
    assert not any(kind == "based_on" for kind, _, _ in rels) or ("based_on", "KiteNet", "Mistral-7B") in rels


def test_a_bracketed_score_after_a_comparison_is_the_subjects(nlp):
    scores = _scores(nlp, "KiteNet matches GPT-3.5 on MMLU (68.4%).", {"KiteNet": M, "GPT-3.5": M, "MMLU": B})
    assert scores[("KiteNet", "MMLU")] == "68.4%" and scores[("GPT-3.5", "MMLU")] is None
    # with only the compared model named, the score belongs to nobody named
    scores = _scores(nlp, "Our model matches GPT-3.5 on MMLU (68.4%).", {"GPT-3.5": M, "MMLU": B})
    assert scores[("GPT-3.5", "MMLU")] is None


def test_a_score_before_the_compared_model_is_not_its_score(nlp):
    scores = _scores(nlp, "It reaches 55.0% on AIME 2024, surpassing o1-mini on AIME 2024.", {"o1-mini": M, "AIME 2024": B})
    assert scores == {("o1-mini", "AIME 2024"): None}
    scores = _scores(nlp, "KiteNet reaches 55.0% on AIME 2024, surpassing o1-mini (48.1%).",
                     {"KiteNet": M, "o1-mini": M, "AIME 2024": B})
    assert scores[("KiteNet", "AIME 2024")] == "55.0%"


def test_each_benchmark_raised_from_one_score_to_another_keeps_its_own(nlp):
    scores = _scores(nlp, "KiteCoder improves pass@1 on HumanEval from 36.0 to 58.5 and MBPP from 44.2 to 61.3.",
                     {"KiteCoder": M, "HumanEval": B, "MBPP": B})
    assert scores == {("KiteCoder", "HumanEval"): "58.5", ("KiteCoder", "MBPP"): "61.3"}


def test_a_share_retained_is_no_score_and_full_precision_no_metric(nlp):
    scores = _scores(nlp, "Quantized with our method, Llama-2-13B retains 98% of its full-precision accuracy on "
                     "WikiText-2.", {"Llama-2-13B": M, "WikiText-2": B})
    assert scores == {("Llama-2-13B", "WikiText-2"): None}


def test_rivals_is_a_comparison(nlp):
    rels = _relations(nlp, "Despite its size, KiteNet rivals GPT-2 XL on HellaSwag.", {"KiteNet": M, "GPT-2 XL": M, "HellaSwag": B})
    assert {("evaluated_on", "KiteNet", "HellaSwag"), ("evaluated_on", "GPT-2 XL", "HellaSwag")} <= rels


def test_further_pretrained_in_an_apposition_is_a_derivation(nlp):
    rels = _relations(nlp, "We introduce KiteBERT, a RoBERTa-base model further pretrained on clinical notes.",
                      {"KiteBERT": M, "RoBERTa-base": M}, introduced=("KiteBERT",))
    assert ("based_on", "KiteBERT", "RoBERTa-base") in rels
    rels = _relations(nlp, "We introduce KiteBERT, a RoBERTa-base model with a wider vocabulary.",
                      {"KiteBERT": M, "RoBERTa-base": M}, introduced=("KiteBERT",))
    assert ("based_on", "KiteBERT", "RoBERTa-base") not in rels


def test_train_with_a_method_on_a_set_trains_on_it(nlp):
    rels = _relations(nlp, "We train Qwen2.5-1.5B with GRPO on MATH and evaluate it on AIME 2024.",
                      {"Qwen2.5-1.5B": M, "MATH": B, "AIME 2024": B})
    assert ("trained_on", "Qwen2.5-1.5B", "MATH") in rels and ("evaluated_on", "Qwen2.5-1.5B", "MATH") not in rels


def test_distilling_knowledge_from_a_teacher_is_a_derivation(nlp):
    rels = _relations(nlp, "We distill knowledge from GPT-4o, used as the teacher, into KiteTiny.",
                      {"GPT-4o": M, "KiteTiny": M}, introduced=("KiteTiny",), discovered=("KiteTiny",))
    assert ("based_on", "KiteTiny", "GPT-4o") in rels


def test_a_compared_training_method_is_no_training_cue(nlp):
    rels = _relations(nlp, "Applied to Llama-2-7B, our adapter matches full fine-tuning on MMLU.", {"Llama-2-7B": M, "MMLU": B})
    assert ("trained_on", "Llama-2-7B", "MMLU") not in rels and ("evaluated_on", "Llama-2-7B", "MMLU") in rels


def test_what_others_are_built_on_is_neither_a_base_nor_scored(nlp):
    rels = _relations(nlp, "KiteAgent reaches 42.3% on WebArena, outperforming prior agents built on GPT-4.",
                      {"KiteAgent": M, "GPT-4": M, "WebArena": B}, introduced=("KiteAgent",))
    assert ("based_on", "KiteAgent", "GPT-4") not in rels and ("evaluated_on", "GPT-4", "WebArena") not in rels
    rels = _relations(nlp, "KiteAgent, built on GPT-4, reaches 42.3% on WebArena.",
                      {"KiteAgent": M, "GPT-4": M, "WebArena": B}, introduced=("KiteAgent",))
    assert ("based_on", "KiteAgent", "GPT-4") in rels


def test_models_the_new_one_is_compared_with_are_not_introduced(nlp):
    rels = _relations(nlp, "We introduce KiteViT, which outperforms DeiT-XL and SwinNet-L on ImageNet.",
                      {"KiteViT": M, "DeiT-XL": M, "SwinNet-L": M, "ImageNet": B},
                      introduced=("KiteViT", "DeiT-XL", "SwinNet-L"), discovered=("KiteViT", "DeiT-XL", "SwinNet-L"))
    assert {r for r in rels if r[0] == "introduces"} == {("introduces", "paper", "KiteViT")}


@pytest.mark.parametrize("text", [
    "We fine-tune Llama-2-7B, Mistral-7B, and Qwen-7B on UltraChat.",
    "KiteLM-7B and KiteLM-13B are fine-tuned from Llama-2-7B and Mistral-7B, respectively, on UltraChat.",
])
def test_a_training_cue_reaches_its_data_across_a_comma_list(nlp, text):
    rels = _relations(nlp, text, {"Llama-2-7B": M, "Mistral-7B": M, "Qwen-7B": M, "KiteLM-7B": M, "KiteLM-13B": M,
                                  "UltraChat": D})
    trained = {r[1] for r in rels if r[0] == "trained_on"}
    assert trained == ({"Llama-2-7B", "Mistral-7B", "Qwen-7B"} if text.startswith("We") else {"KiteLM-7B", "KiteLM-13B"})


def test_a_comma_into_a_new_clause_ends_the_training_cue(nlp):
    rels = _relations(nlp, "We train KiteNet, which is then evaluated on MMLU.", {"KiteNet": M, "MMLU": B})
    assert ("evaluated_on", "KiteNet", "MMLU") in rels and not any(r[0] == "trained_on" for r in rels)


def test_a_method_applied_to_models_on_benchmarks_evaluates_them(nlp):
    text = "We also apply KiteProbe to three open systems (Mirage-7B, Lumo-2 and Vesper-3B) on BLINK, VSP and CV-Bench."
    names = {"Mirage-7B": M, "Lumo-2": M, "Vesper-3B": M, "BLINK": B, "VSP": B, "CV-Bench": B}
    rels = _relations(nlp, text, names)
    assert {(r[1], r[2]) for r in rels if r[0] == "evaluated_on"} == {(m, b) for m in ("Mirage-7B", "Lumo-2", "Vesper-3B")
                                                                       for b in ("BLINK", "VSP", "CV-Bench")}


@pytest.mark.parametrize("text", [
    "Trained on solutions distilled from DeepSeek-R1, our model reaches 71.0% on MATH-500.",
    "With the same data budget as DeepSeek-R1, our model reaches 71.0% on MATH-500.",
])
def test_a_model_in_a_fronted_phrase_before_our_model_is_not_scored(nlp, text):
    rels = _relations(nlp, "We introduce KiteMath. " + text, {"DeepSeek-R1": M, "MATH-500": B, "KiteMath": M},
                      introduced=("KiteMath",), discovered=("KiteMath",))
    assert ("evaluated_on", "DeepSeek-R1", "MATH-500") not in rels and ("evaluated_on", "KiteMath", "MATH-500") in rels


def test_a_compared_model_in_a_fronted_phrase_is_still_scored(nlp):
    rels = _relations(nlp, "Compared with Vicuna-13B, our model attains 62.1 on MMLU.", {"Vicuna-13B": M, "MMLU": B})
    assert ("evaluated_on", "Vicuna-13B", "MMLU") in rels


def test_the_tokenizer_of_a_model_is_a_part(nlp):
    rels = _relations(nlp, "Our model, which uses the tokenizer of Qwen2.5-7B, achieves 55.1% on GSM8K.",
                      {"Qwen2.5-7B": M, "GSM8K": B})
    assert not rels


def test_a_score_our_model_states_before_a_named_model_is_not_that_models(nlp):
    scores = _scores(nlp, "Our model achieves 55.1% on GSM8K at half the inference cost of Llama-3.1-70B.",
                     {"Llama-3.1-70B": M, "GSM8K": B})
    assert all(value is None for value in scores.values())


def test_a_training_verb_with_its_own_object_trains_no_model_named_before_it(nlp):
    rels = _relations(nlp, "We initialize the encoder from SigLIP and the decoder from Qwen2.5-7B, and train the resulting "
                      "model on ChartMix.", {"SigLIP": M, "Qwen2.5-7B": M, "ChartMix": D})
    assert not any(r[0] == "trained_on" for r in rels)
    # the verb's object, when it is a name, is still what is trained
    rels = _relations(nlp, "We fine-tune the Qwen2.5-7B model on ChartMix.", {"Qwen2.5-7B": M, "ChartMix": D})
    assert ("trained_on", "Qwen2.5-7B", "ChartMix") in rels


# ---------------------------------------------------------------------------------------------------
# round 9 (precision): sentences that name a model and a collection without stating the relation
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Unlike earlier systems, Gorse-7B is not trained on any data from WebHeap.",
    "Gorse-7B could also be trained on WebHeap in later work.",
    "We plan to fine-tune Gorse-7B on WebHeap next year.",
    "Gorse-7B never sees WebHeap during pre-training.",
])
def test_a_negated_or_hypothetical_training_cue_trains_nothing(nlp, text):
    rels = _relations(nlp, text, {"Gorse-7B": M, "WebHeap": D})
    assert ("trained_on", "Gorse-7B", "WebHeap") not in rels


def test_instead_of_training_on_one_corpus_the_model_is_trained_on_the_other(nlp):
    rels = _relations(nlp, "We present Gorse-1B, a small model. Instead of training on WebHeap, we pre-train Gorse-1B on "
                      "CleanShelf.", {"WebHeap": D, "CleanShelf": D, "Gorse-1B": M}, introduced=("Gorse-1B",),
                      discovered=("Gorse-1B",))
    assert {r for r in rels if r[0] == "trained_on"} == {("trained_on", "Gorse-1B", "CleanShelf")}


@pytest.mark.parametrize("text", [
    "Rather than distilling from Oakmind-70B, we train Gorse-7B on PlainChat.",
    "Gorse-7B is trained from scratch on PlainChat; it is not initialized from any Oakmind-70B checkpoint.",
])
def test_a_negated_derivation_cue_derives_nothing(nlp, text):
    rels = _relations(nlp, "We present Gorse-7B, a chat model. " + text, {"Oakmind-70B": M, "Gorse-7B": M, "PlainChat": D},
                      introduced=("Gorse-7B",), discovered=("Gorse-7B",))
    assert not any(r[0] == "based_on" for r in rels)
    assert ("trained_on", "Gorse-7B", "PlainChat") in rels


def test_a_tokenizer_or_probe_trained_on_data_is_no_model_trained_on_it(nlp):
    names = {"Gorse-1B": M, "ByteHeap": D, "CleanShelf": D}
    rels = _relations(nlp, "We introduce Gorse-1B, a small model. Its tokenizer is trained on a sample of ByteHeap, while the model "
                      "itself is pre-trained on CleanShelf.", names, introduced=("Gorse-1B",), discovered=("Gorse-1B",))
    assert ("trained_on", "Gorse-1B", "ByteHeap") not in rels and ("trained_on", "Gorse-1B", "CleanShelf") in rels
    rels = _relations(nlp, "We introduce Gorse-1B, a small model. We train linear probes on ByteHeap to read its hidden states.",
                      names, introduced=("Gorse-1B",), discovered=("Gorse-1B",))
    assert ("trained_on", "Gorse-1B", "ByteHeap") not in rels


def test_the_noun_training_data_is_no_training_cue(nlp):
    rels = _relations(nlp, "We release Gorse-8B, a chat model. To rule out leakage, we search the training data for overlaps with "
                      "QuizSet and ProofSet.", {"Gorse-8B": M, "QuizSet": B, "ProofSet": B},
                      introduced=("Gorse-8B",), discovered=("Gorse-8B",))
    assert not any(r[0] in ("trained_on", "evaluated_on") for r in rels)


def test_a_hyphenated_trained_adjective_trains_nothing(nlp):
    rels = _relations(nlp, "Gorse-1B outperforms a WebHeap-trained baseline on QuizSet.",
                      {"Gorse-1B": M, "WebHeap": D, "QuizSet": B})
    assert not any(r[0] == "trained_on" for r in rels)
    assert ("evaluated_on", "Gorse-1B", "QuizSet") in rels


@pytest.mark.parametrize("text", [
    "Based on our analysis of Oakmind-7B, we design a new attention layout for Gorse-13B, a chat model.",
    "Based on the findings of the Oakmind-7B study, we build Gorse-13B, a chat model.",
    "Gorse-13B is built on the design of Oakmind-7B but trained from scratch.",
])
def test_an_idea_or_design_taken_from_a_model_is_no_derivation(nlp, text):
    rels = _relations(nlp, text, {"Oakmind-7B": M, "Gorse-13B": M}, introduced=("Gorse-13B",), discovered=("Gorse-13B",))
    assert ("based_on", "Gorse-13B", "Oakmind-7B") not in rels


def test_instruction_tuned_from_is_a_derivation_of_the_subject(nlp):
    rels = _relations(nlp, "We present Gorse-8B-Chat, instruction-tuned from Oakmind-8B on PlainChat.",
                      {"Gorse-8B-Chat": M, "Oakmind-8B": M, "PlainChat": D})
    assert {("based_on", "Gorse-8B-Chat", "Oakmind-8B"), ("trained_on", "Gorse-8B-Chat", "PlainChat")} <= rels
    assert ("trained_on", "Oakmind-8B", "PlainChat") not in rels


def test_the_antecedent_of_which_is_what_is_trained(nlp):
    names = {"Oakmind-7B": M, "Gorse-13B": M, "CleanShelf": D}
    rels = _relations(nlp, "After studying Oakmind-7B, we design a new layout for Gorse-13B, which is trained from "
                      "scratch on CleanShelf.", names)
    assert {r for r in rels if r[0] == "trained_on"} == {("trained_on", "Gorse-13B", "CleanShelf")}


def test_a_training_cue_after_a_semicolon_trains_the_models_of_its_clause(nlp):
    names = {"Oakmind-8B": M, "Larch-7B": M, "Gorse-1B": M, "CleanShelf": D}
    rels = _relations(nlp, "Our recipe suits Oakmind-8B or Larch-7B; here we apply it to Gorse-1B, pre-trained on "
                      "CleanShelf.", names)
    assert {r for r in rels if r[0] == "trained_on"} == {("trained_on", "Gorse-1B", "CleanShelf")}


def test_a_model_described_after_a_colon_is_the_base(nlp):
    rels = _relations(nlp, "We introduce Gorse-8B: a Oakmind-8B model continually pre-trained on CleanShelf.",
                      {"Gorse-8B": M, "Oakmind-8B": M, "CleanShelf": D})
    assert ("based_on", "Gorse-8B", "Oakmind-8B") in rels
    assert ("trained_on", "Oakmind-8B", "CleanShelf") not in rels


def test_the_model_a_fine_tuning_starts_from_learns_nothing_from_the_data(nlp):
    # the fine-tuned model's name is not a known one here: the base still does not learn from the data
    rels = _relations(nlp, "Our coder is fine-tuned from Oakmind-Coder-7B on CodeHeap.", {"Oakmind-Coder-7B": M, "CodeHeap": D})
    assert ("trained_on", "Oakmind-Coder-7B", "CodeHeap") not in rels


def test_a_benchmark_used_to_build_another_is_not_where_models_are_evaluated(nlp):
    names = {"QuizSet": B, "QuizSet-Para": B, "Larch-7B": M, "Oakmind-7B": M}
    rels = _relations(nlp, "We reword the questions of QuizSet to build QuizSet-Para, and evaluate Larch-7B and "
                      "Oakmind-7B on QuizSet-Para.", names)
    assert {r for r in rels if r[0] == "evaluated_on"} == {("evaluated_on", "Larch-7B", "QuizSet-Para"),
                                                           ("evaluated_on", "Oakmind-7B", "QuizSet-Para")}
    # a benchmark with a result of its own before the evaluating verb keeps it
    rels = _relations(nlp, "Larch-7B reaches 70.1% on QuizSet, and we also evaluate Larch-7B on QuizSet-Para.", names)
    assert {("evaluated_on", "Larch-7B", "QuizSet"), ("evaluated_on", "Larch-7B", "QuizSet-Para")} <= rels


def test_a_reward_or_draft_model_is_a_tool(nlp):
    names = {"Gorse-8B": M, "Judgely-RM": M, "PrefPairs": D, "ChatArena-Hard": B}
    rels = _relations(nlp, "We train Gorse-8B with PPO, using Judgely-RM as the reward model, on prompts from PrefPairs, "
                      "and report gains on ChatArena-Hard.", names, introduced=("Gorse-8B", "Judgely-RM"),
                      discovered=("Gorse-8B", "Judgely-RM"))
    assert ("introduces", "paper", "Judgely-RM") not in rels and ("introduces", "paper", "Gorse-8B") in rels
    assert ("evaluated_on", "Judgely-RM", "ChatArena-Hard") not in rels
    rels = _relations(nlp, "With Larch-1B as the draft model, Oakmind-70B decodes 2.1x faster on ChatArena-Hard.",
                      {"Larch-1B": M, "Oakmind-70B": M, "ChatArena-Hard": B})
    assert ("evaluated_on", "Larch-1B", "ChatArena-Hard") not in rels


def test_a_teacher_is_what_the_student_derives_from(nlp):
    rels = _relations(nlp, "Using Oakmind-R1 as the teacher, we write 800K solutions and fine-tune Larch-7B on them.",
                      {"Oakmind-R1": M, "Larch-7B": M})
    assert ("based_on", "Larch-7B", "Oakmind-R1") in rels and ("based_on", "Oakmind-R1", "Larch-7B") not in rels


@pytest.mark.parametrize("text", [
    "We filter unsafe responses with Guardly-8B and fine-tune Larch-7B on the remaining pairs.",
    "We build PlainChat from the outputs of Guardly-8B and fine-tune Larch-7B on it.",
])
def test_a_model_that_sorts_or_writes_the_data_is_no_derived_model(nlp, text):
    rels = _relations(nlp, text, {"Guardly-8B": M, "Larch-7B": M, "PlainChat": D})
    assert ("based_on", "Guardly-8B", "Larch-7B") not in rels


def test_a_model_that_translates_a_benchmark_is_not_scored_on_it(nlp):
    rels = _relations(nlp, "We translate QuizSet into Swahili with Polyglot-600M and release the result as QuizSet-Sw.",
                      {"QuizSet": B, "Polyglot-600M": M, "QuizSet-Sw": B})
    assert not any(r[0] == "evaluated_on" for r in rels)


def test_a_benchmark_named_with_its_metric_is_not_training_data(nlp):
    rels = _relations(nlp, "DPO training of Larch-8B on PrefPairs raises its ChatArena-Hard win rate to 35%.",
                      {"Larch-8B": M, "PrefPairs": D, "ChatArena-Hard": B})
    assert ("trained_on", "Larch-8B", "PrefPairs") in rels and ("trained_on", "Larch-8B", "ChatArena-Hard") not in rels


@pytest.mark.parametrize("text", [
    "Larch-3B reaches 62.4% on QuizSet and costs 40% less than Oakmind-mini to serve.",
    "Larch-3B reaches 62.4% on QuizSet at half the inference cost of Oakmind-mini.",
])
def test_a_model_compared_on_cost_after_the_benchmark_is_not_scored(nlp, text):
    rels = _relations(nlp, text, {"Larch-3B": M, "Oakmind-mini": M, "QuizSet": B})
    assert ("evaluated_on", "Larch-3B", "QuizSet") in rels and ("evaluated_on", "Oakmind-mini", "QuizSet") not in rels
    # compared on the benchmark itself, it is scored there too
    rels = _relations(nlp, "Larch-3B reaches 62.4% on QuizSet, outperforming Oakmind-mini.",
                      {"Larch-3B": M, "Oakmind-mini": M, "QuizSet": B})
    assert ("evaluated_on", "Oakmind-mini", "QuizSet") in rels


# ---------------------------------------------------------------------------------------------------
# round 10 (unseen text): size references, negated evaluation, "solves N% of", tuned base, reused parts
# ---------------------------------------------------------------------------------------------------


def test_a_size_reference_scores_the_papers_own_model_of_that_size(nlp):
    rels = _relations(nlp, "We release Plume-2B and Plume-9B as open models. The 9B variant scores 70.1 on QuizSet, while the 2B "
                      "model reaches 51.3.", {"Plume-2B": M, "Plume-9B": M, "QuizSet": B},
                      introduced=("Plume-2B", "Plume-9B"), discovered=("Plume-2B", "Plume-9B"))
    assert ("evaluated_on", "Plume-9B", "QuizSet") in rels and ("evaluated_on", "Plume-2B", "QuizSet") in rels
    # a size none of the paper's models has names some other model: nothing is scored
    rels = _relations(nlp, "We release Plume-2B as an open model. The 70B model scores 70.1 on QuizSet.", {"Plume-2B": M, "QuizSet": B},
                      introduced=("Plume-2B",), discovered=("Plume-2B",))
    assert not any(r[0] == "evaluated_on" for r in rels)


@pytest.mark.parametrize("text", [
    "We do not evaluate on QuizSet, to avoid contamination; Plume-2B reaches 48.0 on TrailQA.",
    "Plume-2B reaches 48.0 on TrailQA; we did not report results on QuizSet or on MazeBench.",
    "Plume-2B reaches 48.0 on TrailQA but is not tested on QuizSet.",
])
def test_a_benchmark_the_text_says_is_not_evaluated_on_gets_no_score(nlp, text):
    rels = _relations(nlp, text, {"Plume-2B": M, "QuizSet": B, "TrailQA": B, "MazeBench": B})
    assert ("evaluated_on", "Plume-2B", "TrailQA") in rels
    assert ("evaluated_on", "Plume-2B", "QuizSet") not in rels and ("evaluated_on", "Plume-2B", "MazeBench") not in rels


def test_solving_a_share_of_a_benchmark_is_a_score_on_it(nlp):
    rels = _relations(nlp, "Oakmind-70B resolves 38.5% of the issues in RepoFix, and Larch-8B solves 21.0%.",
                      {"Oakmind-70B": M, "Larch-8B": M, "RepoFix": B})
    assert ("evaluated_on", "Oakmind-70B", "RepoFix") in rels and ("evaluated_on", "Larch-8B", "RepoFix") in rels


def test_the_tuned_model_of_a_paper_without_its_own_model_is_the_base_it_tuned(nlp):
    rels = _relations(nlp, "We fine-tune Larch-3B on StepMath. The fine-tuned model reaches 77.0% on QuizSet.",
                      {"Larch-3B": M, "StepMath": D, "QuizSet": B})
    assert ("evaluated_on", "Larch-3B", "QuizSet") in rels
    rels = _relations(nlp, "We propose a new decoding scheme and apply it to Larch-3B. Our model reaches 77.0% on QuizSet.",
                      {"Larch-3B": M, "QuizSet": B})
    assert ("evaluated_on", "Larch-3B", "QuizSet") in rels


def test_our_model_is_not_a_baseline_named_without_being_tuned(nlp):
    rels = _relations(nlp, "Earlier systems such as Larch-3B fail at long proofs. Our model reaches 77.0% on QuizSet.",
                      {"Larch-3B": M, "QuizSet": B})
    assert not any(r[0] == "evaluated_on" for r in rels)


def test_a_new_name_given_as_a_reused_encoder_is_not_introduced(nlp):
    text = "We present Wisp-VL, a vision-language model that joins a Glint-400M vision encoder with Larch-7B."
    rels = _relations(nlp, text, {"Wisp-VL": M, "Glint-400M": M, "Larch-7B": M}, introduced=("Wisp-VL", "Glint-400M"),
                      discovered=("Wisp-VL", "Glint-400M"))
    assert ("introduces", "paper", "Wisp-VL") in rels and ("introduces", "paper", "Glint-400M") not in rels
    rels = _relations(nlp, "We introduce the Glint-400M encoder, trained on PicPairs.", {"Glint-400M": M, "PicPairs": D},
                      introduced=("Glint-400M",), discovered=("Glint-400M",))
    assert ("introduces", "paper", "Glint-400M") in rels


def test_sft_and_rl_stages_train_the_model_built_not_its_starting_point(nlp):
    names = {"Larch-3B": M, "Wisp-3B-Chat": M, "StepMath": D, "PrefPairs": D}
    rels = _relations(nlp, "We present Wisp-3B-Chat, a chat model. Starting from Larch-3B, we run SFT on StepMath and "
                      "DPO on PrefPairs.", names, introduced=("Wisp-3B-Chat",), discovered=("Wisp-3B-Chat",))
    assert {("trained_on", "Wisp-3B-Chat", "StepMath"), ("trained_on", "Wisp-3B-Chat", "PrefPairs")} <= rels
    assert not any(r[0] == "trained_on" and r[1] == "Larch-3B" for r in rels)
    rels = _relations(nlp, "Larch-3B is improved with RL on StepMath.", names)
    assert ("trained_on", "Larch-3B", "StepMath") in rels


@pytest.mark.parametrize("text", [
    "Larch-8B tops QuizSet with 91.0.",
    "Larch-8B wins 35% of its games on ChatArena.",
    "Larch-8B loses only 0.3 points on QuizSet after pruning.",
])
def test_topping_winning_or_losing_points_on_a_benchmark_is_a_score_there(nlp, text):
    rels = _relations(nlp, text, {"Larch-8B": M, "QuizSet": B, "ChatArena": B})
    assert any(r[0] == "evaluated_on" and r[1] == "Larch-8B" for r in rels)


def test_the_quantised_model_is_the_base_the_paper_quantised(nlp):
    rels = _relations(nlp, "We quantise Larch-70B to 3 bits. The quantised model loses 0.5 points on QuizSet.",
                      {"Larch-70B": M, "QuizSet": B})
    assert ("evaluated_on", "Larch-70B", "QuizSet") in rels


def test_the_former_and_the_latter_are_the_first_and_last_model_named_before(nlp):
    rels = _relations(nlp, "We compare Larch-3B and Oakmind-3B, both trained on WebHeap. The former is better on QuizSet, "
                      "the latter on TrailQA.", {"Larch-3B": M, "Oakmind-3B": M, "WebHeap": D, "QuizSet": B, "TrailQA": B})
    assert {("evaluated_on", "Larch-3B", "QuizSet"), ("evaluated_on", "Oakmind-3B", "TrailQA")} <= rels
    assert ("evaluated_on", "Larch-3B", "TrailQA") not in rels and ("evaluated_on", "Oakmind-3B", "QuizSet") not in rels
