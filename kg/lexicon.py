"""Word knowledge the recogniser and relation rules share: generic terms, head nouns, cues.

Pure data plus small predicates; no I/O beyond wordfreq's packaged frequency tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.attrs import IDX, SENT_START
from wordfreq import zipf_frequency

from kg.model import EntityType

# Terms of the field that name a kind of thing, never one thing (annotation guidelines).
GENERIC = frozenset(
    """
    llm llms mllm mllms vlm vlms lvlm lvlms lmm lmms slm slms lm lms plm plms ai agi nlp nlu nlg cv
    ml dl rl rlhf rlaif rlvr sft dpo ppo grpo lora qlora peft moe ssm ssms rag cot icl kd api apis
    gpu gpus tpu cpu sota mlp cnn cnns rnn rnns lstm gan gans vae vaes gnn gnns transformer
    transformers bert-like gpt-like encoder decoder vit-like diffusion asr tts ocr nmt mt qa vqa
    kg kgs ner rm prm prms orm url html json sql xml pdf csv io
    ssl kan iqa nr xai har gui t2i i2v t2v v2v tts stt ehr ecg eeg mri ct ood kv nl2sql text2sql
    bleu rouge rouge-l meteor comet bertscore cider map miou auc auroc fid psnr ssim lpips wer cer
    f1 mae rmse mse elo iou em acc ppl sota-level cnn-based roc-auc auc-roc pr-auc auprc auc-pr
    fad fvd kid clipscore chrf chrf++ qwk mos sdr si-sdr si-snr pesq stoi ndcg mrr
    vla vlas genai aigc lidar rgb rgbd rgb-d reid mcp fhir ui ux
    """.split()
)

# Named things of the field that are no learned model, data set or benchmark (guidelines: methods,
# optimisers, tools, libraries, hardware, venues, places): a paper's use of them is no entity.
NAMED_NON_ENTITIES = frozenset(
    """
    gptq awq smoothquant sparsegpt wanda bitsandbytes bm25 tf-idf tfidf ddpg dqn td3 a2c a3c trpo
    mappo qmix bpe wordpiece adamw sgd rope alibi yarn flashattention flashattention-2
    flashattention-3 pagedattention deepspeed fsdp vllm sglang tensorrt tensorrt-llm llama.cpp
    pytorch tensorflow jax keras numpy scipy scikit-learn sklearn opencv matlab simulink cuda
    langchain llamaindex autogen dspy faiss elasticsearch kubernetes docker javascript typescript
    a100 a800 a6000 h100 h800 h200 v100 l40 l40s b200 gb200 mi250 mi300x tpuv4 tpuv5 tpuv5e
    neurips nips icml iclr acl emnlp naacl eacl coling aaai ijcai cvpr iccv eccv wacv kdd sigir
    wsdm cikm icra iros miccai icassp interspeech aistats
    us usa uk eu prc uae
    dna rna mrna pcr xrd nmr ftir tcm hl7 dicom icd icd-9 icd-10 icd-11 snomed umls loinc
    iot uav uavs gps imu ofdm
    iid non-iid fedavg fedprox fednova dora adalora pissa loftq
    xgboost lightgbm catboost impala simpo kto orpo rloo flashinfer lmdeploy xformers
    """.split()
)
GENERIC = GENERIC | NAMED_NON_ENTITIES

# Software and hardware among them: a name they lead is a part or a setting of the tool
# (`DeepSpeed-MII`, `FAISS-IVF`, `PyTorch-Lightning`), no learned model either.
TOOLS = frozenset(
    """bitsandbytes deepspeed fsdp vllm sglang tensorrt pytorch tensorflow jax keras numpy scipy
    scikit-learn sklearn opencv matlab cuda langchain llamaindex autogen dspy faiss elasticsearch
    kubernetes docker flashinfer lmdeploy xformers a100 a800 a6000 h100 h800 h200 v100 l40 l40s b200 gb200 mi250 mi300x""".split()
)


# The names of a list read so far, up to where the next one starts: "A, B and " (a regex tail).
LISTED_SO_FAR = r"(?:[\w\-.+]+(?:,\s*|\s+and\s+))*$"

# Organisations that build models: a name of its own is a maker, not a model ("OpenAI's models");
# their models are catalog names with more to them (`OpenAI o1`, `NVIDIA Nemotron`).
ORGANIZATIONS = frozenset(
    """openai anthropic google deepmind microsoft nvidia alibaba bytedance tencent baidu huawei amazon
    apple ibm salesforce eleutherai allenai huggingface cohere xai meta-ai metaai amd intel qualcomm""".split()
)

# Head nouns that type a name they describe ("X, a benchmark for ...", "the X dataset").
BENCHMARK_HEADS = frozenset(
    """benchmark benchmarks bench suite testbed leaderboard evaluation arena challenge
    test testset exam exams""".split()
)
DATASET_HEADS = frozenset(
    """dataset datasets corpus corpora collection data mixture set subset subsets""".split()
)
MODEL_HEADS = frozenset(
    """model models llm llms mllm vlm lm family network networks architecture transformer encoder
    decoder agent agents detector classifier generator backbone checkpoint checkpoints
    embedding embeddings reranker retriever policy assistant chatbot detectors classifiers generators
    backbones encoders decoders rerankers retrievers assistants chatbots autoencoder autoencoders
    forecaster forecasters vocoder vocoders segmenter segmenters""".split()
)
# Heads that never describe a trained model: papers call their models a "framework", "method" or
# "approach" (even a "strategy" or a "scheme"), but not an "objective", a "pipeline" or an "algorithm".
NEVER_MODEL_HEADS = frozenset(
    """loss objective optimizer pipeline pipelines toolkit library metric metrics protocol
    engine ontology principle theory survey analysis study formulation platform system methodology
    methodologies layer middleware plug-in plugin wrapper package compiler runtime server filter filters
    algorithm algorithms mechanism module modules technique techniques procedure recipe attack attacks
    defense process format formats license licence supercomputer cluster clusters chip chips processor
    processors accelerator accelerators gpu gpus rule rules""".split()
)
# Heads that mean "not an entity" (methods, tools, metrics): names they describe are skipped. Those
# above, and the ones a paper may also use of its own model.
NON_ENTITY_HEADS = NEVER_MODEL_HEADS | frozenset(
    """method methods approach approaches framework frameworks algorithm algorithms technique
    techniques strategy strategies paradigm tool tools score mechanism module modules recipe scheme
    procedure prompting prompt attack attacks defense process task tasks""".split()
)

_COMMON_ZIPF = 2.5


# The words of a method (not of a task), last words of a phrase that names a technique only: a
# benchmark acronym may well spell a task ("General Question Answering"), not these.
METHOD_WORDS = frozenset(
    """decoding embedding embeddings attention sampling distillation pruning quantization
    quantisation regularization regularisation augmentation prompting normalization
    normalisation initialization merging optimization optimisation tuning finetuning routing
    caching compression steering unlearning masking tokenization tokenisation mechanism adapter
    loss objective""".split()
)
# Last words of a spelled-out acronym that make it a technique or a task, never a model or data:
# "Multi-Token Prediction (MTP)", "Masked Contrastive Decoding (MCD)", "Few-Shot Object Detection
# (FSOD)". (Not "Understanding"/"Evaluation": benchmarks are named so, as MMLU and GLUE are.)
TECHNIQUE_WORDS = METHOD_WORDS | frozenset(
    """prediction reasoning encoding alignment search planning editing calibration filtering
    selection inference verification refinement aggregation interpolation extrapolation module
    block layer head encoder decoder strategy architecture paradigm algorithm method approach
    technique protocol detection segmentation recognition classification translation
    summarization summarisation answering captioning navigation tracking localization
    localisation grounding parsing linking extraction completion forecasting estimation""".split()
)


def names_technique(expansion: str) -> bool:
    """Whether a spelled-out acronym names a technique or a task by its last word."""
    words = expansion.split()
    return bool(words) and words[-1].rsplit("-", 1)[-1].lower() in TECHNIQUE_WORDS


# METHOD_WORDS by first letter, for the last letter of an acronym that may spell one ("GQA": attention)
METHOD_WORDS_BY_INITIAL: dict[str, tuple[str, ...]] = {
    letter: tuple(sorted(w for w in METHOD_WORDS if w[0] == letter)) for letter in {w[0] for w in METHOD_WORDS}
}


# A name ending in a training or prompting technique names a variant of that technique
# (`Mix-LoRA`, `Step-RLHF`, `Graph-RAG`, `PathCoT`), not a model; checkpoints carry sizes instead.
# ... and one led by a training algorithm and a plain word (`PPO-Lagrangian`, `DPO-Positive`, `LoRA-Drop`).
_METHOD_ENDING = re.compile(r"(?:^|[-_ ]|(?<=[a-z]))(?:RLHF|RLAIF|LoRA|QLoRA|PEFT|RAG|CoT|ICL)$|(?<=[A-Z])CoT$|"
                            r"[-_ ](?i:rlhf|lora|rag|cot)$|"
                            r"^(?:PPO|DPO|GRPO|SFT|RLHF|LoRA|QLoRA|RAG|CoT)-(?!Bench|Eval|Data|Set|Corpus|Arena)[A-Z][a-z]+$")
# ... unless the name says it is a trained checkpoint: a size, or a fine-tuning tag (`X-FT-CoT`).
_CHECKPOINT = re.compile(r"\d(?:\.\d+)?[BMbm](?![a-z])|(?:^|[-_ ])(?:FT|SFT|Instruct|Chat|Tuned|Finetuned)(?=[-_ ]|$)")


def names_method_variant(name: str) -> bool:
    """Whether a new name is a technique's variant by its ending (`ARF-RLHF`, `OrthoLoRA`)."""
    return bool(_METHOD_ENDING.search(name)) and not _CHECKPOINT.search(name) and not is_generic(name)


_BENCH_SHAPE = re.compile(r"bench|eval|arena|leaderboard|qa$|test", re.IGNORECASE)
_DATA_SHAPE = re.compile(r"corpus|data|set$|crawl|web$|pile", re.IGNORECASE)


def type_from_name(name: str) -> EntityType:
    """A type guessed from a name alone, for names no context types: `FooBench` is a benchmark,
    `BarCorpus` a dataset, anything else a model (the commonest kind in ML abstracts)."""
    if _BENCH_SHAPE.search(name):
        return EntityType.BENCHMARK
    if _DATA_SHAPE.search(name):
        return EntityType.DATASET
    return EntityType.MODEL


_GENERIC_JOINT = re.compile(r"[-_/+ ]")


def is_generic(text: str) -> bool:
    """True for generic terms of the field (LLM, Transformer, RLHF), alone or joined (`SSL-LLM`)."""
    lowered = text.lower().strip()
    if lowered in GENERIC:
        return True
    if _GENERIC_JOINT.search(lowered) is None:
        return False  # one part, and not a generic term (the common case, called for most words)
    parts = [p for p in _GENERIC_JOINT.split(lowered) if p]
    return len(parts) > 1 and all(p in GENERIC or len(p) <= 2 for p in parts)


@lru_cache(maxsize=200_000)
def is_common_word(text: str) -> bool:
    """True when a one-word name is also an everyday English word (`Falcon`, `Pile`, `Math`)."""
    if not re.fullmatch(r"[A-Za-z]+", text):
        return False
    return zipf_frequency(text.lower(), "en") >= _COMMON_ZIPF


def head_type(word: str) -> EntityType | None | bool:
    """The entity type a head noun implies; False for a non-entity head; None for no opinion."""
    w = word.lower()
    if w in BENCHMARK_HEADS:
        return EntityType.BENCHMARK
    if w in DATASET_HEADS:
        return EntityType.DATASET
    if w in MODEL_HEADS:
        return EntityType.MODEL
    if w in NON_ENTITY_HEADS:
        return False
    if "-" in w and w[-1].isalpha():  # "encoder-decoder": heads of one kind joined are that kind
        kinds = {head_type(part) for part in w.split("-")}
        return kinds.pop() if len(kinds) == 1 else None
    return None


_ML_CUE = re.compile(
    r"\b(?:model|models|llm|llms|benchmark|benchmarks|dataset|datasets|corpus|fine-?tun\w*|"
    r"pre-?train\w*|evaluat\w*|baseline\w*|outperform\w*|parameter\w*|accuracy|score\w*|"
    r"trained|instruct\w*|chat|open-source|weights|checkpoint\w*|gpt-?\d\w*|qwen\w*|llama\w*)\b",
    re.IGNORECASE,
)


def supports_ml_reading(text: str, start: int, end: int, entity_type: EntityType) -> bool:
    """Whether a common-word name (`Falcon`, `Spider`) reads as an ML entity in its context."""
    name = text[start:end]
    if not name[:1].isupper():
        return False
    title_end = text.find("\n\n")
    if start < title_end and zipf_frequency(name.lower(), "en") >= 3.5:
        return False  # titles capitalise every word
    if sentence_initial(text, start) and zipf_frequency(name.lower(), "en") >= 3.5:
        return False
    window = text[max(0, start - 120) : end + 120]
    return bool(_ML_CUE.search(window))


def sentence_initial(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence, a title or a quotation (so its capital says nothing)."""
    before = text[max(0, start - 3) : start].rstrip(" \"'(")
    return not before or before[-1] in ".!?\n:"


def doc_text(doc) -> str:
    """`doc.text`, read once per doc: spaCy rebuilds it from the tokens on every access."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def remember_text(doc, text: str) -> None:
    """Record the text a doc was made from, which `doc_text` then returns without a rebuild."""
    doc.user_data["kg_text"] = text


def sentences(doc) -> list[tuple[int, int, str]]:
    """(start, end, text) of each sentence of a spaCy Doc, computed once per doc: `doc.sents`
    walks every token on each access, which dominated extraction time."""
    cached = doc.user_data.get("kg_sentences")
    if cached is None:
        cached = doc.user_data["kg_sentences"] = _sentence_bounds(doc)
    return cached


def _sentence_bounds(doc) -> list[tuple[int, int, str]]:
    """Sentence spans from the token arrays (C speed), not by creating a Token for every word."""
    if not len(doc):
        return []
    text = doc_text(doc)
    table = doc.to_array([SENT_START, IDX])
    starts = table[table[:, 0] == 1, 1].tolist() or [0]
    if starts[0] != 0:
        starts.insert(0, 0)
    out = []
    for start, nxt in zip(starts, starts[1:] + [len(text)]):
        chunk = text[start:nxt].rstrip()
        if chunk:
            out.append((start, start + len(chunk), chunk))
    return out


def sentence_at(doc, char: int) -> str:
    """The text of the sentence containing character offset `char` ("" if none)."""
    return next((text for start, end, text in sentences(doc) if start <= char < end), "")


# "We train ViT encoders with a sigmoid loss on X": the object of "on" after a training verb, in its clause
# "pretrain X on", and across an appositive of the model: "pretrain X, a masked autoencoder, on",
# "pretrain a 1B encoder, X, on".
_TRAINED_ON_BEFORE = re.compile(r"\b(?:pre-?|re-?)?train(?:s|ed|ing)?\b(?:\s+[\w\-.]+,\s+an?\s+(?:[^.;:,()]|\.(?=\w)){0,60},|"
                                r"\s+(?:an?|our)\s+(?:[^.;:,()]|\.(?=\w)){0,60},\s+[\w\-.]+,)?"
                                r"(?:[^.;:,()]|\.(?=\w)){0,50}?\bon\s+(?:the\s+)?$|"
                                r"\b(?:fine-?|instruction-?)tun(?:e|es|ed|ing)\b(?:[^.;:,()]|\.(?=\w)){0,30}?\bon\s+(?:the\s+)?$", re.IGNORECASE)


# Verbs that say records were taken from a collection ("drawn from X", "crawled from X"): X is data.
SOURCE_VERBS = (r"(?:sampled|drawn|collected|crawled|scraped|extracted|filtered|mined|sourced|gathered|retrieved|"
                r"obtained|downloaded|harvested|taken)")


def trained_on_before(text: str, start: int) -> bool:
    """Whether the name at `start` is what a training verb of its clause trains on: data, not a test set."""
    if text[start - 3 : start] != "on " and text[start - 4 : start] != "the ":
        return False  # the common case: the word after is not right after "on"
    return _TRAINED_ON_BEFORE.search(text, max(0, start - 110), start) is not None


def sentence_bounds(text: str, at: int) -> tuple[int, int]:
    """The bounds of the sentence (or title) holding character `at`, by full stops and line breaks:
    for rules that read plain text, without the doc (`sentence_at` reads the doc's sentences)."""
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    end = text.find(". ", at)
    return start, len(text) if end < 0 else end


def in_markup(text: str, start: int, end: int) -> bool:
    """Inside a URL, an e-mail address or a LaTeX command: not running text."""
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    chunk = text[left : len(text) if right < 0 else right]
    return "://" in chunk or "www." in chunk or "\\" in chunk or "@" in chunk


_VERSION_TAIL = re.compile(
    r"(?: v?\d+(?:\.\d+)+| v\d+| [VvR]\d+| (?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w* )?(?:19|20)\d\d)"
    r"(?![\w%]|\.\d)"
)


_SIZE_TAIL = re.compile(r" \d+(?:\.\d+)?[BMK](?=[\s,.;:)])")  # "(3.8B)" after a name is a note, not the name


def name_end(text: str, end: int, kind: EntityType | None = None) -> int:
    """`MHERCL v0.1`, `AIME 2024`, `Stable Diffusion 1.5`, and a model's `Nemotron-T 8B`: part of the name."""
    if text[end : end + 1] != " ":
        return end  # both tails open with a space: most names are followed by other punctuation or the end
    m = _VERSION_TAIL.match(text, end)
    if m is None and kind is EntityType.MODEL:
        m = _SIZE_TAIL.match(text, end) or _GENERATION_TAIL.match(text, end)
    return m.end() if m else end


# "outperforms VALL-E 2 and NaturalSpeech 3": a model's generation number closing a list item.
_GENERATION_TAIL = re.compile(r" [1-9](?=[,;)]| and | or |\.(?:\s|$))")


@lru_cache(maxsize=None)
def lowered_copy(pattern: re.Pattern) -> re.Pattern | None:
    """`pattern` without case folding, to search text lowered first: on ASCII text it finds the same
    matches at the same offsets, two to three times faster than the folding scan. Only for a
    case-insensitive pattern with no capital letter and no case-sensitive group outside its escapes
    (`\\S` is fine, `(?-i:[A-Z])` is not); None for any other, which is then searched as it is."""
    bare = re.sub(r"\\.", "", pattern.pattern)
    if not pattern.flags & re.IGNORECASE or re.search(r"[A-Z]|\(\?-i", bare):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def found(pattern: re.Pattern, text: str) -> bool:
    """Whether `pattern` matches in `text`, by its `lowered_copy` when it has one and the text is ASCII."""
    lowered = lowered_copy(pattern)
    if lowered is not None and text.isascii():
        return lowered.search(text.lower()) is not None
    return pattern.search(text) is not None


def finditer_offsets(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """The matches of `pattern` in `text`, as `found` reads them: use their offsets, not their text
    (by the `lowered_copy` they are matches in the lowered text)."""
    lowered = lowered_copy(pattern)
    if lowered is not None and text.isascii():
        return lowered.finditer(text.lower())
    return pattern.finditer(text)


# "a GPT-2 style decoder", "the Chinchilla recipe", "in the style of DETR": the name stands for a
# kind of design or a method modelled on it, not for the model itself (as `GPT-2-style` does).
_KIND_AFTER = re.compile(r" (?:style|recipe|scaling laws?)\b(?!-)")
_KIND_BEFORE = ("style of ", "style of the ")


def names_a_kind(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is only the model a kind of design is named after."""
    return text.startswith(" ", end) and _KIND_AFTER.match(text, end) is not None \
        or text.endswith(_KIND_BEFORE, 0, start)
