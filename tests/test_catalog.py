"""The packaged entity catalog, its loader and its build script."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.catalog import Catalog, CatalogEntry
from kg.errors import CatalogError
from kg.model import EntityType
from kg.names import entity_id, name_key

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO.parent / "shared" / "data" / "sources"
SCRIPT = REPO / "scripts" / "build_catalog.py"
PACKAGED = REPO / "kg" / "data" / "catalog.jsonl.gz"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


def test_counts_meet_the_targets(catalog):
    counts = catalog.counts()
    assert counts["model"] >= 5000
    assert counts["benchmark"] >= 800
    assert counts["dataset"] >= 1000
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
