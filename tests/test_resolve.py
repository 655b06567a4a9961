"""`kg resolve` and the catalog facts the graph carries (VARIANT_OF), on the packaged catalog."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg import graph as kg_graph
from kg.catalog import Catalog
from kg.cli import app
from kg.link import resolve
from kg.model import EntityType, Paper, RelationType
from kg.pipeline import Extractor


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


def test_spellings_of_one_variant_resolve_to_one_id(catalog):
    ids = {resolve(n, catalog).id for n in ("Llama2-7B", "LLaMA-2 7B", "meta-llama/Llama-2-7b-hf", "llama-2-7b")}
    assert len(ids) == 1
    assert resolve("Llama2-7B", catalog).known


@pytest.mark.parametrize("a, b", [("Qwen2.5-7B", "Qwen2-57B"), ("GPT-4", "GPT-4o"), ("Llama-2-7B", "Llama-2-13B"),
                                  ("MMLU", "MMLU-Pro"), ("HumanEval", "HumanEval+")])
def test_different_variants_never_resolve_alike(catalog, a, b):
    assert resolve(a, catalog).id != resolve(b, catalog).id


def test_unknown_names_get_a_stable_minted_id(catalog):
    first, again = resolve("ZebraNet-13B", catalog), resolve("zebranet 13b", catalog)
    assert not first.known and first.id == again.id == "model:zebranet-13b"
    assert resolve("QuokkaBench", catalog).type == "benchmark"
    assert resolve("QuokkaBench", catalog, EntityType.DATASET).id == "dataset:quokkabench"


def test_resolve_command_prints_one_json_object_per_name():
    result = CliRunner().invoke(app, ["resolve", "LLaMA-2 7B", "ZebraNet-13B", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["query"] for r in rows] == ["LLaMA-2 7B", "ZebraNet-13B"]
    assert set(rows[0]) == {"query", "id", "name", "type", "known"}
    assert rows[0]["known"] is True and rows[1]["known"] is False


def test_resolve_rejects_an_unknown_type_in_one_line():
    result = CliRunner().invoke(app, ["resolve", "x", "--type", "gadget"])
    assert result.exit_code == 1 and "valid types: model, dataset, benchmark" in result.output


def test_variants_are_linked_to_their_family_in_the_graph(catalog):
    entry = catalog.lookup("Llama-2-7B-Chat")
    assert entry is not None and entry.family
    family = catalog.lookup(entry.family, EntityType.MODEL)
    paper = Paper(id="t-variants", title="T", abstract="We fine-tune Llama-2-7B-Chat on our data and report MMLU.")
    extraction = Extractor(catalog).extract(paper)
    assert any(r.type is RelationType.VARIANT_OF and r.source == entry.id and r.target == family.id
               for r in extraction.relations)
    g = kg_graph.build([extraction])
    assert g.has_edge(entry.id, family.id) and g.nodes[family.id]["name"] == family.name


def test_a_patch_size_after_a_slash_is_part_of_the_name(catalog):
    from kg.names import strip_repo

    assert strip_repo("DINOv2-B/14") == "DINOv2-B/14"
    assert strip_repo("meta-llama/Llama-2-7b-hf") == "Llama-2-7b"
    assert resolve("DINOv2-B/14", catalog).id != resolve("DINOv2-B/16", catalog).id


def test_a_shortened_name_resolves_to_the_catalog_model(catalog):
    unitless = resolve("Llama-2-13", catalog)
    assert (unitless.id, unitless.known) == (resolve("Llama-2-13B", catalog).id, True)
    assert resolve("Llama 3", catalog).id != resolve("Llama-3B", catalog).id


def test_the_linker_links_a_shortened_name_in_text(catalog):
    paper = Paper(id="p", title="Reasoning at small scale",
                  abstract="We distill traces into DeepSeek-R1-Distill-7B and compare it with DeepSeek-R1-Distill-Qwen-7B.")
    extraction = Extractor(catalog).extract(paper)
    ids = {m.entity_id for m in extraction.mentions if m.text.startswith("DeepSeek-R1")}
    assert ids == {resolve("DeepSeek-R1-Distill-Qwen-7B", catalog).id}
