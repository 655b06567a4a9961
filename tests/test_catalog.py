"""The packaged entity catalog, its loader and its build script."""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.catalog import Catalog, CatalogEntry
from kg.errors import CatalogError, InputError
from kg.model import EntityType
from kg.names import entity_id, name_key

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO.parent / "shared" / "data" / "sources"
SCRIPT = REPO / "scripts" / "build_catalog.py"
PACKAGED = REPO / "kg" / "data" / "catalog.jsonl.gz"
SEED = REPO / "scripts" / "catalog_seed.jsonl"


@pytest.fixture(scope="module")
def builder():
    """The build script as a module, for its pure functions."""
    spec = importlib.util.spec_from_file_location("build_catalog", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


def test_counts_meet_the_targets(catalog):
    counts = catalog.counts()
    assert counts["model"] >= 5500
    assert counts["benchmark"] >= 1000
    assert counts["dataset"] >= 1400
    assert sum(counts.values()) == len(catalog)


def test_packaged_file_is_small():
    assert PACKAGED.stat().st_size < 3_000_000


def test_loads_fast(catalog):
    start = time.perf_counter()
    Catalog.load()
    assert time.perf_counter() - start < 1.5


@pytest.mark.parametrize(
    "name, type_",
    [
        ("GSM8K", EntityType.BENCHMARK), ("MMLU", EntityType.BENCHMARK),
        ("MMLU-Pro", EntityType.BENCHMARK), ("HumanEval", EntityType.BENCHMARK),
        ("HumanEval+", EntityType.BENCHMARK), ("ARC-Easy", EntityType.BENCHMARK),
        ("ARC-Challenge", EntityType.BENCHMARK), ("HellaSwag", EntityType.BENCHMARK),
        ("The Pile", EntityType.DATASET), ("C4", EntityType.DATASET),
        ("Common Crawl", EntityType.DATASET), ("Dolma", EntityType.DATASET),
        ("FineWeb", EntityType.DATASET), ("Llama-2-7B", EntityType.MODEL),
        ("Qwen2.5-7B", EntityType.MODEL), ("GPT-4o", EntityType.MODEL),
        ("GPT-4", EntityType.MODEL), ("Mistral-7B", EntityType.MODEL),
        ("Llama 2", EntityType.MODEL), ("BERT", EntityType.MODEL),
    ],
)
def test_known_entries_exist_with_their_type(catalog, name, type_):
    entry = catalog.lookup(name)
    assert entry is not None, name
    assert entry.type == type_
    assert entry.id == entity_id(type_, name)


@pytest.mark.parametrize(
    "names",
    [
        ("Llama-2-7B", "Llama-2-7B-Chat", "Llama-2-13B", "Llama 2"),
        ("Qwen2.5-7B", "Qwen2-57B-A14B"),
        ("GPT-4", "GPT-4o", "GPT-4o-mini"),
        ("MMLU", "MMLU-Pro"),
        ("HumanEval", "HumanEval+"),
        ("ARC-Easy", "ARC-Challenge", "ARC"),
        ("gemini-2.5-pro-preview-05-06", "gemini-2.5-pro-preview-06-05"),  # dates in another order
        ("PG-19", "Project Gutenberg"),  # a benchmark built from a corpus is not the corpus
    ],
)
def test_variants_are_different_entries(catalog, names):
    entries = [catalog.lookup(n) for n in names]
    assert all(entries), names
    assert len({e.id for e in entries}) == len(names)


def test_spellings_find_the_same_entry(catalog):
    spellings = ["Llama2-7B", "LLaMA-2 7B", "meta-llama/Llama-2-7b-hf", "llama_2_7b"]
    found = {catalog.lookup(s).id for s in spellings}
    assert found == {"model:llama-2-7b"}
    assert catalog.lookup("The Pile") is catalog.lookup("Pile") is catalog.lookup("EleutherAI/pile")
    assert catalog.lookup("ARC-c").name == "ARC-Challenge"


def test_variants_name_their_family(catalog):
    assert catalog.lookup("Llama-2-7B-Chat").family == "Llama 2"
    assert catalog.lookup("Llama-2-7B").family == "Llama 2"
    assert catalog.lookup("Llama-2-7B").params == "7B"


def test_lookup_prefers_the_given_type(catalog):
    dataset = catalog.lookup("Alpaca", EntityType.DATASET)
    model = catalog.lookup("Alpaca", EntityType.MODEL)
    assert dataset.type == EntityType.DATASET and model.type == EntityType.MODEL
    assert dataset.ambiguous  # a common word: the recogniser needs context
    assert catalog.lookup("no such model xyz-123") is None


def test_every_id_is_the_entity_id_of_its_name(catalog):
    for entry in catalog:
        assert entry.id == entity_id(entry.type, entry.name)
        assert catalog.get(entry.id) is entry


def test_surface_forms_resolve_back_to_their_entry(catalog):
    forms = list(catalog.surface_forms())
    assert len(forms) > len(catalog)
    generic = {"llm", "gpt", "transformer", "sft", "rlhf", "lora", "base", "chat", "instruct", "large"}
    for form, entry in forms:
        assert name_key(form) not in generic, (form, entry.id)
        assert catalog.lookup(form, entry.type) is entry, (form, entry.id)


def test_loader_rejects_missing_and_corrupt_files(tmp_path):
    with pytest.raises(CatalogError, match="does not exist"):
        Catalog.load(tmp_path / "missing.jsonl.gz")
    not_gzip = tmp_path / "plain.jsonl.gz"
    not_gzip.write_text('{"id": "model:x"}\n')
    with pytest.raises(CatalogError, match="plain.jsonl.gz"):
        Catalog.load(not_gzip)
    bad_record = tmp_path / "bad.jsonl.gz"
    with gzip.open(bad_record, "wt") as handle:
        handle.write('{"id": "model:x", "type": "model", "name": "X"}\n{"id": "y", "type": "car"}\n')
    with pytest.raises(CatalogError, match="bad.jsonl.gz:2"):
        Catalog.load(bad_record)


def test_loader_reads_a_small_catalog(tmp_path):
    path = tmp_path / "tiny.jsonl.gz"
    record = {"id": "model:foo-7b", "type": "model", "name": "Foo-7B", "aliases": ["org/Foo-7B-hf"],
              "family": "Foo", "params": "7B", "organization": "Org",
              "external_ids": {"huggingface": "org/Foo-7B-hf"}, "ambiguous": False, "sources": ["t"]}
    with gzip.open(path, "wt") as handle:
        handle.write(json.dumps(record) + "\n")
    catalog = Catalog.load(path)
    entry = catalog.get("model:foo-7b")
    assert isinstance(entry, CatalogEntry) and entry.external_ids == (("huggingface", "org/Foo-7B-hf"),)
    assert catalog.lookup("foo 7b") is catalog.lookup("org/Foo-7B-hf") is entry
    assert ("Foo-7B-hf", entry) in set(catalog.surface_forms())
    assert catalog.counts() == {"model": 1, "dataset": 0, "benchmark": 0}


def _subset(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    for name in ("models-lmarena.jsonl", "models-helm.jsonl", "benchmarks-opencompass.jsonl",
                 "datasets-awesome-llms-datasets.jsonl", "models-open-llm-leaderboard-v2.jsonl"):
        lines = (SOURCES / name).read_text(encoding="utf-8").splitlines()[:150]
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _build(sources: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--sources", str(sources), "--out", str(out)],
                          capture_output=True, text=True, check=True, timeout=120)


@pytest.mark.skipif(not SOURCES.is_dir(), reason="shared/data/sources not beside the repo")
def test_build_script_is_deterministic(tmp_path):
    sources = _subset(tmp_path)
    first = _build(sources, tmp_path / "a.jsonl.gz")
    _build(sources, tmp_path / "b.jsonl.gz")
    assert (tmp_path / "a.jsonl.gz").read_bytes() == (tmp_path / "b.jsonl.gz").read_bytes()
    assert "model:" in first.stdout and "benchmark:" in first.stdout
    built = Catalog.load(tmp_path / "a.jsonl.gz")
    ids = [e.id for e in built]
    assert ids == sorted(ids) and len(built) > 100


@pytest.mark.skipif(not SOURCES.is_dir(), reason="shared/data/sources not beside the repo")
def test_packaged_catalog_is_what_the_script_builds(tmp_path):
    _build(SOURCES, tmp_path / "full.jsonl.gz")
    assert (tmp_path / "full.jsonl.gz").read_bytes() == PACKAGED.read_bytes()


# ---------------------------------------------------------------- the seed and the cleanup rules


def test_seed_file_is_well_formed():
    rows = [json.loads(line) for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 500
    for row in rows:
        assert EntityType(row["type"]) and row["name"], row
        forms = [row["name"], *row["aliases"]]
        assert not any("(" in f or ")" in f for f in forms), row
        assert all("/" not in f or f.count("/") == 1 and " " not in f for f in forms), row
        assert row.get("arxiv") is None or len(row["arxiv"].split(".")[1]) in (4, 5), row
    assert {r["type"] for r in rows} == {"model", "dataset", "benchmark"}


@pytest.mark.parametrize(
    "name, type_",
    [
        ("ResNet-50", EntityType.MODEL), ("ViT-B/16", EntityType.MODEL), ("YOLOv8", EntityType.MODEL),
        ("Stable Diffusion XL", EntityType.MODEL), ("wav2vec 2.0", EntityType.MODEL),
        ("GCN", EntityType.MODEL), ("TimesFM", EntityType.MODEL), ("Tesseract", EntityType.MODEL),
        ("text-embedding-3-large", EntityType.MODEL), ("Sentence-BERT", EntityType.MODEL),
        ("CIFAR-10", EntityType.BENCHMARK), ("ImageNet", EntityType.BENCHMARK),
        ("COCO", EntityType.BENCHMARK), ("nuScenes", EntityType.BENCHMARK),
        ("SQuAD", EntityType.BENCHMARK), ("MS MARCO", EntityType.BENCHMARK),
        ("WikiText-103", EntityType.BENCHMARK), ("Cora", EntityType.BENCHMARK),
        ("SWE-bench Verified", EntityType.BENCHMARK), ("GPQA-Diamond", EntityType.BENCHMARK),
        ("AIME 2025", EntityType.BENCHMARK), ("LAION-5B", EntityType.DATASET),
        ("FineWeb-Edu", EntityType.DATASET), ("MIMIC-III", EntityType.DATASET),
        ("The Stack v2", EntityType.DATASET), ("PubMed", EntityType.DATASET),
    ],
)
def test_seed_entries_exist_with_their_type(catalog, name, type_):
    entry = catalog.lookup(name, type_)
    assert entry is not None and entry.type == type_, name
    assert "catalog_seed.jsonl" in entry.sources


@pytest.mark.parametrize(
    "spellings, source",
    [
        (("CIFAR-10", "cifar10", "CIFAR10"), "datasets-hf-legacy-cards.jsonl"),
        (("ViT", "Vision Transformer", "vit"), "models-transformers-architectures.jsonl"),
        (("XLM-RoBERTa", "XLM-R"), "models-transformers-architectures.jsonl"),
        (("Natural Questions", "NaturalQuestions", "natural_questions"), "benchmarks-opencompass.jsonl"),
        (("Needle in a Haystack", "NIAH", "NAH"), "datasets-awesome-llms-datasets.jsonl"),
    ],
)
def test_seed_entries_merge_with_list_entries(catalog, spellings, source):
    entries = {catalog.lookup(s) for s in spellings}
    assert len(entries) == 1, spellings
    entry = entries.pop()
    assert {"catalog_seed.jsonl", source} <= set(entry.sources)


def test_seed_enriches_an_entry_with_its_arxiv_id(catalog):
    assert dict(catalog.lookup("BERT").external_ids)["arxiv"] == "1810.04805"
    assert dict(catalog.lookup("SAM").external_ids)["arxiv"] == "2304.02643"
    assert catalog.lookup("ResNet-50").family == "ResNet"


def test_sizes_and_versions_stay_apart_after_the_seed(catalog):
    names = ["SAM", "SAM 2", "YOLOv3", "YOLOv8", "ResNet-50", "ResNet-101", "FLORES-101", "FLORES-200",
             "WikiText-2", "WikiText-103", "SQuAD", "SQuAD 2.0", "AIME 2024", "AIME 2025"]
    assert len({catalog.lookup(n).id for n in names}) == len(names)


def test_hyphen_and_space_spellings_of_a_size_find_one_entry(catalog):
    for spellings in [("Llama 2 7B", "Llama-2-7B", "llama2 7b"), ("Stable Diffusion 1.5", "Stable-Diffusion-1.5"),
                      ("T5-3B", "T5 3B"), ("ViT-L/14", "ViT-L-14", "ViT L 14")]:
        assert len({catalog.lookup(s).id for s in spellings}) == 1, spellings


def test_no_name_or_alias_has_parentheses(catalog):
    bad = [(e.id, f) for e in catalog for f in (e.name, *e.aliases) if "(" in f or ")" in f]
    assert bad == []


def test_organisations_and_task_words_are_not_datasets(catalog):
    for name in ("OpenAI", "Google", "Meta", "Microsoft", "Anthropic", "NVIDIA",
                 "Detection", "Discovery", "Summarization", "Emotion", "Virology", "biology"):
        found = [e for e in catalog if e.type != EntityType.MODEL and name_key(e.name) == name_key(name)]
        assert found == [], name
    for name in ("RACE", "ARC", "MATH", "Wikipedia", "Spider"):
        assert catalog.lookup(name, EntityType.BENCHMARK) or catalog.lookup(name, EntityType.DATASET), name


@pytest.mark.parametrize(
    "text, forms",
    [
        ("Vision Transformer (ViT)", ["Vision Transformer", "ViT"]),
        ("UDC (Ubuntu Dialogue Corpus)", ["UDC", "Ubuntu Dialogue Corpus"]),
        ("HLE(Humanity's Last Exam)", ["HLE", "Humanity's Last Exam"]),
        ("Claude 3.5 Sonnet (20240620)", ["Claude 3.5 Sonnet 20240620"]),
        ("Aion-RP 1.0 (8B)", ["Aion-RP 1.0 8B"]),
        ("Gemma 4 31B (free)", ["Gemma 4 31B"]),
        ("Mistral Large 3 (Mistral format)", ["Mistral Large 3"]),
        ("CLEVA (Chinese) classical Chinese understanding", ["CLEVA classical Chinese understanding"]),
        ("SEA-HELM natural language generation (NLG)", ["SEA-HELM natural language generation"]),
        ("Llama 2", ["Llama 2"]),
    ],
)
def test_split_parens(builder, text, forms):
    assert builder.split_parens(text) == forms


def test_unparen_names_the_acronym_and_joins_the_expansion(builder):
    cand = builder.unparen(builder.Candidate("model", "Vision Transformer (ViT)", "t", 3, aliases=["vit"]))
    assert cand.name == "ViT" and "Vision Transformer" in cand.aliases and cand.joins == ["Vision Transformer"]
    lower = builder.unparen(builder.Candidate("model", "OpenAssistant (oasst)", "t", 3))
    assert lower.name == "OpenAssistant" and lower.aliases == ["oasst"]


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_build_merges_the_seed_and_drops_non_entities(builder, tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    _write_jsonl(sources / "models-lmarena.jsonl", [{"name": "GPT-4o", "organization": "OpenAI"}])
    _write_jsonl(sources / "models-transformers-architectures.jsonl", [
        {"name": "Vision Transformer (ViT)", "model_type": "vit", "organization": "Google", "arxiv_ids": []}])
    _write_jsonl(sources / "datasets-awesome-llms-datasets.jsonl", [
        {"name": "OpenAI", "category": "Instruction Fine-tuning Datasets"},
        {"name": "Detection", "category": "Evaluation Datasets", "arxiv_id": "2101.00001"},
        {"name": "Wikipedia", "category": "Pre-training Corpora"},
        {"name": "RACE", "category": "Evaluation Datasets", "arxiv_id": "1704.04683"},
        {"name": "Cifar10", "category": "Traditional NLP Datasets", "hf_id": "cifar10"}])
    seed = tmp_path / "seed.jsonl"
    _write_jsonl(seed, [
        {"type": "model", "name": "ViT", "aliases": ["Vision Transformer"], "family": None,
         "organization": "Google", "arxiv": "2010.11929"},
        {"type": "benchmark", "name": "CIFAR-10", "aliases": ["CIFAR10"], "family": None, "organization": None},
        {"type": "dataset", "name": "Wikipedia", "aliases": [], "family": None, "organization": None}])
    report: dict[str, list[str]] = {}
    records = {r["id"]: r for r in builder.build(sources, seed, report)}
    vit = records["model:vit"]
    assert "Vision Transformer" in vit["aliases"] and vit["external_ids"]["arxiv"] == "2010.11929"
    assert set(vit["sources"]) == {"catalog_seed.jsonl", "models-transformers-architectures.jsonl"}
    cifar = records["benchmark:cifar-10"]
    assert cifar["name"] == "CIFAR-10" and cifar["external_ids"]["huggingface"] == "cifar10"
    assert not any(i.startswith(("dataset:cifar", "dataset:vision")) for i in records)
    assert report == {"organisation": ["dataset:OpenAI"], "task word": ["benchmark:Detection"]}
    assert "dataset:wikipedia" in records and "benchmark:race" in records


def test_build_rejects_a_malformed_seed_line(builder, tmp_path):
    seed = tmp_path / "seed.jsonl"
    seed.write_text('{"type": "model", "name": "X", "aliases": []}\n{"type": "car", "name": "Y"}\n')
    with pytest.raises(InputError, match="seed.jsonl:2"):
        list(builder.read_seed(seed))


def _shorthand_catalog() -> Catalog:
    model = EntityType.MODEL
    return Catalog([
        CatalogEntry.named(model, "Zeta-32B"),
        CatalogEntry.named(model, "Zeta-32B-Preview"),
        CatalogEntry.named(model, "Kappa"),
        CatalogEntry.named(model, "Kappa-7B", family="Kappa"),
        CatalogEntry.named(model, "Lumen", family="Lumen"),
        CatalogEntry.named(model, "Orbit-R1-Distill-Kappa-1.5B"),
        CatalogEntry.named(model, "Orbit-R1-Distill-Kappa-8B"),
        CatalogEntry.named(model, "Orbit-R1-Distill-Lumen-8B"),
        CatalogEntry.named(model, "Nova-3-Mini"),
        CatalogEntry.named(model, "Nova-3B"),
        CatalogEntry.named(model, "Vega-Instruct-7B"),
        CatalogEntry.named(EntityType.BENCHMARK, "Quill-40B"),
    ])


@pytest.mark.parametrize(("name", "meant"), [
    ("Zeta-32", "Zeta-32B"),  # a size without its unit
    ("ZETA 32", "Zeta-32B"),
    ("Orbit-R1-Distill-1.5B", "Orbit-R1-Distill-Kappa-1.5B"),  # the base family the size implies
])
def test_a_shortened_name_links_to_the_one_model_it_can_mean(name, meant):
    catalog = _shorthand_catalog()
    assert catalog.lookup(name) is None
    assert catalog.lookup_shorthand(name).name == meant


@pytest.mark.parametrize("name", [
    "Orbit-R1-Distill-8B",  # two bases have an 8B: no guessing
    "Nova-3",  # `Nova-3-Mini` exists: 3 is a version there, not 3B
    "Vega-7B",  # `Instruct` is a release tag, not a family a name may drop
    "Quill-40",  # only models are shortened so
    "Zeta-33",
    "Zeta",
])
def test_a_shortened_name_never_guesses(name):
    assert _shorthand_catalog().lookup_shorthand(name) is None


def test_only_models_are_resolved_by_shorthand():
    assert _shorthand_catalog().lookup_shorthand("Zeta-32", EntityType.DATASET) is None


@pytest.mark.parametrize(("listed", "clean"), [
    ("[Zeta Board](https://example.org/board)", "Zeta Board"),  # a markdown link
    ("[Zeta Board]", "Zeta Board"),
    ("~vendor/zeta-latest", "vendor/zeta-latest"),  # a router's moving alias
    ("Zeta 8b Instruct on Some Cloud.", "Zeta 8b Instruct on Some Cloud"),
    ("zeta1000-", "zeta1000"),
    ("Zeta 7B  ", "Zeta 7B"),
    ("FLUX.1 [dev]", "FLUX.1 [dev]"),  # brackets inside a name are the name
    ("Zeta v1.", "Zeta v1."),
    ("Quick, Draw!", "Quick, Draw!"),
])
def test_list_markup_is_cut_from_names(builder, listed, clean):
    assert builder.clean_name(listed) == clean


def test_packaged_names_carry_no_list_markup(catalog):
    marked = [form for entry in catalog for form in (entry.name, *entry.aliases)
              if form != form.strip() or form[:1] in "[~" or form.endswith(("-", "]("))]
    assert marked == []


@pytest.mark.parametrize("spellings", [
    ("Falcon-7B-Instruct", "Falcon Instruct (7B)"),  # HELM writes the tag before the size
    ("Qwen2.5-7B-Instruct", "Qwen2.5 Instruct (7B)"),
    ("Claude Opus 4", "Claude 4 Opus"),
    ("Llama-3.1-8B-Instruct", "Llama 3.1 Instruct (8B)", "meta-llama/Meta-Llama-3.1-8B-Instruct"),
    ("Llama-3.1-8B", "Meta-Llama-3.1-8B", "meta-llama/Llama-3.1-8B"),  # fine-tunes' stem is the maker's model
])
def test_lists_that_order_a_models_words_differently_name_one_entry(catalog, spellings):
    entries = {catalog.lookup(s) for s in spellings}
    assert len(entries) == 1 and None not in entries, spellings


def test_order_free_keys_keep_the_order_of_numbers(builder):
    assert builder.order_free("falcon-7b-instruct") == builder.order_free("falcon-instruct-7b")
    assert builder.order_free("zeta-preview-05-06") != builder.order_free("zeta-preview-06-05")
    assert builder.order_free("zeta-2-7b") != builder.order_free("zeta-7b-2")


def test_the_word_order_most_lists_use_names_the_entry(builder):
    cands = [builder.Candidate("model", "Zeta Instruct 7B", "helm", 1),
             builder.Candidate("model", "Zeta-7B-Instruct", "vllm", 3),
             builder.Candidate("model", "zeta-7b-instruct", "litellm", 6)]
    assert builder.common_order(cands).name == "Zeta-7B-Instruct"


def test_a_repo_name_without_its_maker_is_an_alias_only_when_it_still_names_something(builder):
    assert "Llama-3-8B" in builder.hf_candidate("meta-llama/Meta-Llama-3-8B", "x", 1).aliases
    assert "R1" not in builder.hf_candidate("deepseek-ai/DeepSeek-R1", "x", 1).aliases  # `R1` alone is no name
    assert "OCR" not in builder.hf_candidate("deepseek-ai/DeepSeek-OCR", "x", 1).aliases


def test_a_display_name_keeps_its_maker_when_the_repo_does(builder):
    rows = [{"name": "Zorg: R7 0101", "hf_id": "zorg-ai/Zorg-R7-0101", "aliases": ["R7 0101", "zorg/zorg-r7-0101"]},
            {"name": "Zorg: Helix 2 Pro", "aliases": ["Helix 2 Pro"]}]
    found = list(builder.read_openrouter(rows, "models-openrouter.jsonl"))
    assert found[0].name == "Zorg R7 0101" and "R7 0101" not in found[0].aliases
    assert found[1].name == "Helix 2 Pro"


def test_the_packaged_catalog_knows_no_bare_fragment_of_a_repo_name(catalog):
    assert catalog.lookup("R1") is None and catalog.lookup("OCR") is None


def test_a_stem_with_the_makers_word_in_front_is_the_makers_model(builder):
    official = {"external_ids": {"huggingface": "meta-llama/Meta-Zeta-3-8B"}}
    hosted = {"external_ids": {}}
    assert builder.maker_named({"meta-zeta-3-8b": official}, "zeta-3-8b") is official
    assert builder.maker_named({"databricks-zeta-3-8b": hosted}, "zeta-3-8b") is None  # a host's copy
    assert builder.maker_named({"meta-zeta": official}, "zeta") is None  # no version: too loose


def test_a_repo_name_without_its_maker_is_no_alias_when_only_kind_words_remain(builder):
    assert builder.without_org("CultriX-MoE-Model", frozenset({"cultrix"})) is None
    assert builder.without_org("Meta-Llama-3-8B", frozenset({"meta"})) == "Llama-3-8B"
