"""The `kg` command end to end: invoke it (in-process with typer's CliRunner, once as the real
console script), then read what it wrote back through the library.

Extraction counts are not asserted here (the rules keep improving); counts that follow from
the inputs and the graph logic are: papers per listing, replaced/added papers, skipped records.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg import graph as kg_graph
from kg.cli import app
from kg.evaluate import load_records
from kg.model import EntityType, NodeLabel, RelationType
from kg.sinks.files import load_graph
from kg.sources import read_papers

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLE = REPO / "kg" / "examples" / "daily-papers-example.txt"
LISTING = SHARED / "examples" / "hf-daily-papers-pretraining.txt"
LISTING_GOLD = SHARED / "gold" / "seed-dev.jsonl"
SCORER = SHARED / "tools" / "score.py"
EXAMPLE_PAPERS = 12
OUTPUTS = ("graph.json", "graph.ttl", "graph.html")
ENTITY_TYPES = {t.value for t in EntityType}
ENTITY_KEYS = {"id", "type", "name", "aliases", "mentions"}
EXTRACTED = {r.value for r in (RelationType.INTRODUCES, RelationType.BASED_ON,
                               RelationType.TRAINED_ON, RelationType.EVALUATED_ON)}
# Our own words, so nothing from ../shared is copied into the project.
OWN_ABSTRACTS = [
    ("2501.00001", "Tiny Decoders Trained on C4",
     ("We train a small decoder on C4 and compare it with GPT-2 on HellaSwag. "
      "The small decoder reaches the accuracy of GPT-2 with a quarter of the compute.")),
    ("2501.00002", "A Note on Evaluating Llama-2-7B on MMLU",
     ("We evaluate Llama-2-7B on MMLU and GSM8K with five different prompt templates. "
      "Scores move by up to six points between templates, so we report the spread.")),
]

runner = CliRunner()


def kg(*args: str | Path):
    """Run `kg ARGS` in-process; stdout and stderr stay separate."""
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=True)


def arxiv_line(arxiv: str, title: str, abstract: str) -> str:
    return json.dumps({"id": arxiv, "title": title, "abstract": abstract,
                       "authors": "Ada Lovelace and Alan Turing"})


def own_jsonl(path: Path, lines: list[str] | None = None) -> Path:
    lines = lines if lines is not None else [arxiv_line(*a) for a in OWN_ABSTRACTS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def papers_in(out: Path) -> set[str]:
    graph = load_graph(out / "graph.json")
    return {n for n, label in graph.nodes(data="label") if label == NodeLabel.PAPER}


def counts(out: Path) -> tuple[int, int]:
    graph = load_graph(out / "graph.json")
    return graph.number_of_nodes(), graph.number_of_edges()


def table_row(text: str, label: str) -> str:
    """The count cell of a row of the `kg build` summary table."""
    match = re.search(rf"{re.escape(label)}\s*│\s*([^│]+?)\s*│", text)
    assert match, f"no row {label!r} in:\n{text}"
    return match.group(1)


def assert_clean_failure(result, *needles: str) -> str:
    """Exit != 0, one `error:` line on stderr naming what it should, and no traceback."""
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def example_build(tmp_path_factory):
    """`kg build` of the packaged example, built once; tests that change it work on a copy."""
    out = tmp_path_factory.mktemp("example") / "out"
    result = kg("build", EXAMPLE, "--out", out)
    assert result.exit_code == 0, result.output
    return out, result


@pytest.fixture
def example_copy(example_build, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(example_build[0], out)
    return out


# --- build -----------------------------------------------------------------------------------


def test_build_writes_every_export_and_prints_the_summary(example_build):
    out, result = example_build
    for name in OUTPUTS:
        assert (out / name).stat().st_size > 0
    graph = load_graph(out / "graph.json")
    expected = {f"paper:{p.id}" for p in read_papers(EXAMPLE)}
    assert len(expected) == EXAMPLE_PAPERS
    assert papers_in(out) == expected
    assert kg_graph.stats(graph).edges_by_type.get(RelationType.MENTIONS.edge, 0) > 0
    assert table_row(result.stdout, "papers") == str(EXAMPLE_PAPERS)
    assert table_row(result.stdout, "records skipped") == "0"
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    assert table_row(result.stdout, "graph") == f"{nodes} nodes, {edges} edges"
    assert "<html" in (out / "graph.html").read_text(encoding="utf-8").lower()


def test_rebuilding_the_same_input_replaces_papers_and_changes_nothing(example_copy):
    before = counts(example_copy)
    result = kg("build", EXAMPLE, "--out", example_copy)
    assert result.exit_code == 0, result.output
    assert counts(example_copy) == before
    assert table_row(result.stdout, "papers") == f"{EXAMPLE_PAPERS} ({EXAMPLE_PAPERS} replaced)"


def test_another_input_adds_papers_and_fresh_starts_over(example_copy, tmp_path):
    old = papers_in(example_copy)
    listing = own_jsonl(tmp_path / "mine.jsonl")
    result = kg("build", listing, "--out", example_copy)
    assert result.exit_code == 0, result.output
    assert "replaced" not in table_row(result.stdout, "papers")
    mine = {f"paper:{arxiv}" for arxiv, _, _ in OWN_ABSTRACTS}
    assert papers_in(example_copy) == old | mine

    result = kg("build", listing, "--out", example_copy, "--fresh")
    assert result.exit_code == 0, result.output
    assert papers_in(example_copy) == mine


# --- extract and eval ------------------------------------------------------------------------


def test_extract_writes_one_gold_format_record_per_paper(example_build, tmp_path):
    out_file = tmp_path / "pred.jsonl"
    result = kg("extract", EXAMPLE, "--jsonl", out_file)
    assert result.exit_code == 0, result.output
    lines = out_file.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["paper_id"] for r in records] == [p.id for p in read_papers(EXAMPLE)]
    assert len(load_records(out_file)) == EXAMPLE_PAPERS
    graph = load_graph(example_build[0] / "graph.json")
    for record in records:
        assert set(record) >= {"paper_id", "title", "entities", "relations"}
        names = {e["name"] for e in record["entities"]}
        for entity in record["entities"]:
            assert set(entity) >= ENTITY_KEYS
            assert entity["type"] in ENTITY_TYPES
            assert entity["id"].partition(":")[0] in ENTITY_TYPES
            # `extract` and `build` run the same stages: every entity is a node of the graph.
            assert entity["id"] in graph
        for rel in record["relations"]:
            assert rel["type"] in EXTRACTED and rel["evidence"]
            assert rel["source"] == "paper" or rel["source"] in names
            assert rel["target"] in names


def tiny_gold(path: Path) -> Path:
    mmlu = {"type": "benchmark", "name": "MMLU", "aliases": ["Massive Multitask"], "alt_types": []}
    model = {"type": "model", "name": "Tiny-1B", "aliases": [], "alt_types": []}
    records = [
        {"paper_id": "g1", "title": "Paper One", "entities": [model, mmlu], "relations": [
            {"type": "introduces", "source": "paper", "target": "Tiny-1B", "evidence": "x"},
            {"type": "evaluated_on", "source": "Tiny-1B", "target": "MMLU", "evidence": "y"}]},
        {"paper_id": "g2", "title": "Paper Two", "entities": [mmlu], "relations": []},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_eval_of_gold_against_itself_is_perfect(tmp_path):
    gold = tiny_gold(tmp_path / "gold.jsonl")
    result = kg("eval", gold, gold, "--json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    for measure in ("entities", "entities_typed", "relations"):
        assert scores[measure] == [1.0, 1.0, 1.0]
    assert scores["linking_consistency"] == 1.0 and scores["linking_groups"] == 1


def test_eval_counts_what_a_prediction_misses(tmp_path):
    gold = tiny_gold(tmp_path / "gold.jsonl")
    records = [json.loads(line) for line in gold.read_text().splitlines()]
    records[0]["entities"] = records[0]["entities"][:1]  # drop MMLU from paper one
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    scores = json.loads(kg("eval", gold, pred, "--json").stdout)
    assert scores["entities"][0] == 1.0 and scores["entities"][1] == pytest.approx(2 / 3)


@pytest.mark.skipif(not LISTING.exists(), reason="../shared is not beside the repo")
def test_eval_agrees_with_the_shared_scorer_on_the_dev_listing(tmp_path):
    pred = tmp_path / "pred.jsonl"
    assert kg("extract", LISTING, "--jsonl", pred).exit_code == 0
    ours = json.loads(kg("eval", LISTING_GOLD, pred, "--json").stdout)
    theirs = json.loads(subprocess.run(
        [sys.executable, SCORER, LISTING_GOLD, pred, "--json"],
        capture_output=True, text=True, check=True).stdout)
    for measure in ("entities", "entities_typed", "relations"):
        assert ours[measure] == pytest.approx(theirs[measure], abs=1e-9), measure
    for key in ("papers", "papers_missing", "linking_consistency", "linking_groups"):
        assert ours[key] == pytest.approx(theirs[key], abs=1e-9), key


# --- bad input -------------------------------------------------------------------------------

BAD_INPUTS = {
    # name: (file name, content or None for "do not create", extra args, text the error names)
    "missing file": ("[bold]absent.txt", None, [], "[bold]absent.txt: no such file"),
    "directory": ("a-dir", "DIR", [], "a-dir: is a directory"),
    "unknown format": ("ok.jsonl", arxiv_line(*OWN_ABSTRACTS[0]), ["--format", "nope"],
                       "ok.jsonl: unknown format 'nope'; valid formats: hf-page, hf-api, arxiv-jsonl"),
    "binary": ("blob.bin", b"\x00\x01\x02\xff\xfe\x89PNG\r\n" * 20, [], "blob.bin: unknown input format"),
    "invalid utf-8": ("latin1.jsonl", arxiv_line(*OWN_ABSTRACTS[0]).encode() + b"\n"
                      + arxiv_line(*OWN_ABSTRACTS[1]).encode().replace(b"Scores", b"Sc\xf6res") + b"\n",
                      [], "latin1.jsonl:2: invalid UTF-8"),
    "malformed json line": ("broken.jsonl", arxiv_line(*OWN_ABSTRACTS[0]) + "\n{\"id\": \"x\", \n",
                            [], "broken.jsonl:2: malformed JSON"),
}


def make_input(tmp_path: Path, name: str, content) -> Path:
    path = tmp_path / name
    if content == "DIR":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_is_one_line_naming_the_file(case, tmp_path, monkeypatch):
    name, content, extra, needle = BAD_INPUTS[case]
    monkeypatch.chdir(tmp_path)  # relative names, so the message shows the name as typed
    make_input(tmp_path, name, content)
    result = kg("build", name, *extra, "--out", "out")
    assert_clean_failure(result, needle)
    assert not (tmp_path / "out" / "graph.json").exists()


def test_skip_policy_keeps_good_records_and_counts_the_rest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    good = [arxiv_line(*a) for a in OWN_ABSTRACTS]
    own_jsonl(tmp_path / "mixed.jsonl", [good[0], "{not json", "[1, 2]", good[1]])
    result = kg("build", "mixed.jsonl", "--out", "out", "--on-error", "skip")
    assert result.exit_code == 0, result.output
    assert papers_in(tmp_path / "out") == {f"paper:{a}" for a, _, _ in OWN_ABSTRACTS}
    assert table_row(result.stdout, "records skipped") == "2"
    assert table_row(result.stdout, "papers") == "2"
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert [line.split(":")[:2] for line in skipped] == [["skipped mixed.jsonl", "2"],
                                                        ["skipped mixed.jsonl", "3"]]


def test_a_failing_build_leaves_the_old_graph_intact(example_copy, tmp_path):
    before = {name: (example_copy / name).read_bytes() for name in OUTPUTS}
    broken = own_jsonl(tmp_path / "broken.jsonl", [arxiv_line(*OWN_ABSTRACTS[0]), "{oops"])
    result = kg("build", broken, "--out", example_copy, "--on-error", "fail")
    assert_clean_failure(result, "broken.jsonl:2")
    assert {name: (example_copy / name).read_bytes() for name in OUTPUTS} == before
    assert len(papers_in(example_copy)) == EXAMPLE_PAPERS
    assert sorted(p.name for p in example_copy.iterdir()) == sorted(OUTPUTS)


def test_console_script_reports_errors_without_a_traceback(tmp_path):
    """The installed `kg` entry point, as a user runs it: real stderr, real exit code."""
    script = Path(sys.executable).with_name("kg")
    broken = own_jsonl(tmp_path / "broken.jsonl", [arxiv_line(*OWN_ABSTRACTS[0]), "{oops"])
    proc = subprocess.run([script, "extract", broken, "--jsonl", tmp_path / "p.jsonl"],
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "COLUMNS": "200"})
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()]
    assert f"{broken}:2: malformed JSON" in proc.stderr
    assert not (tmp_path / "p.jsonl").exists()


# --- stats and viz ---------------------------------------------------------------------------


def test_stats_prints_the_count_of_every_label_and_edge_type(example_build):
    out = example_build[0]
    result = kg("stats", out)
    assert result.exit_code == 0, result.output
    s = kg_graph.stats(load_graph(out / "graph.json"))
    rows = {(kind, name): int(n) for kind, name, n in
            re.findall(r"│\s*(node|edge)\s*│\s*(\S+)\s*│\s*(\d+)\s*│", result.stdout)}
    expected = {("node", k): v for k, v in s.nodes_by_label.items()}
    expected |= {("edge", k): v for k, v in s.edges_by_type.items()}
    assert rows == expected
    assert rows[("node", "Paper")] == EXAMPLE_PAPERS


def test_stats_without_a_graph_says_how_to_make_one(tmp_path):
    assert_clean_failure(kg("stats", tmp_path), "kg build")


def best_connected_entity(out: Path) -> tuple[str, str]:
    graph = load_graph(out / "graph.json")
    entities = [n for n, label in graph.nodes(data="label") if label in ("Model", "Dataset", "Benchmark")]
    node = max(entities, key=lambda n: (graph.degree(n), n))
    return node, graph.nodes[node]["name"]


def test_viz_writes_the_neighbourhood_as_html(example_build, tmp_path):
    out = example_build[0]
    node, name = best_connected_entity(out)
    html = tmp_path / "view" / "f.html"
    result = kg("viz", name, "--graph", out, "--out", html)
    assert result.exit_code == 0, result.output
    expected = kg_graph.neighbourhood(load_graph(out / "graph.json"), [node], hops=1)
    assert f"{expected.number_of_nodes()} nodes" in result.stderr
    page = html.read_text(encoding="utf-8")
    assert "<html" in page.lower() and json.dumps(node)[1:-1] in page


def test_viz_of_an_unknown_name_suggests_the_closest(example_build, tmp_path):
    out = example_build[0]
    _, name = best_connected_entity(out)
    typo = name[:-1] + ("x" if name[-1] != "x" else "y")
    result = kg("viz", typo, "--graph", out, "--out", tmp_path / "f.html")
    assert result.exit_code == 1
    line = assert_clean_failure(result, repr(typo), "closest")
    assert name in line
    assert not (tmp_path / "f.html").exists()
