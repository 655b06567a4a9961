"""Shared fixtures: tiny hand-made extractions and graphs, and a real headless Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg import graph as kg_graph
from kg.model import (
    Entity,
    EntityType,
    Evidence,
    Extraction,
    Mention,
    Paper,
    Relation,
    RelationType,
    SourceRef,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
HOSTILE = 'a b"<c>{}|\\^`' + " é/ü 模型"
XSS = "<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>"

LLAMA = Entity("model:llama-2-7b", EntityType.MODEL, "Llama-2-7B", aliases=("LLaMA-2 7B",),
               family="llama", params="7B", organization="Meta")
MMLU = Entity("benchmark:mmlu", EntityType.BENCHMARK, "MMLU")
PILE = Entity("dataset:the-pile", EntityType.DATASET, "The Pile")


def mention(text: str, entity: Entity) -> Mention:
    return Mention(text, 0, len(text), entity.type, entity.id)


def relation(kind: RelationType, source: str, target: str, paper: str, sentence: str,
             metric: str | None = None, value: str | None = None) -> Relation:
    return Relation(kind, source, target, Evidence(paper, sentence), metric, value)


def paper_a() -> Extraction:
    """Paper 'a': introduces Llama-2-7B, trains it on the Pile, evaluates it on MMLU."""
    paper = Paper("a", "Paper A", "Abstract A.", authors=("Ada Lovelace", "Alan Turing"),
                  date="2023-07-18", organization="Meta AI", arxiv_id="2307.09288",
                  source=SourceRef("listing.txt", 3))
    return Extraction(
        paper=paper,
        entities=(LLAMA, MMLU, PILE),
        mentions=(mention("Llama-2-7B", LLAMA), mention("LLaMA-2 7B", LLAMA),
                  mention("MMLU", MMLU), mention("the Pile", PILE)),
        relations=(
            relation(RelationType.INTRODUCES, "a", LLAMA.id, "a", "We introduce Llama-2-7B."),
            relation(RelationType.TRAINED_ON, LLAMA.id, PILE.id, "a", "Trained on the Pile."),
            relation(RelationType.EVALUATED_ON, LLAMA.id, MMLU.id, "a", "We evaluate on MMLU."),
            relation(RelationType.EVALUATED_ON, LLAMA.id, MMLU.id, "a", "It gets 45.3 on MMLU.",
                     "accuracy", "45.3"),
        ),
    )


def paper_b() -> Extraction:
    """Paper 'b': evaluates Llama-2-7B (seen under another alias) on MMLU."""
    llama = Entity(LLAMA.id, EntityType.MODEL, "Llama 2 7B", aliases=("llama2-7b",), known=False)
    paper = Paper("b", "Paper B", "Abstract B.", authors=("Alan Turing",))
    return Extraction(
        paper=paper,
        entities=(llama, MMLU),
        mentions=(mention("llama2-7b", llama), mention("MMLU", MMLU)),
        relations=(relation(RelationType.EVALUATED_ON, LLAMA.id, MMLU.id, "b",
                            "Llama2-7b scores 46 on MMLU.", "accuracy", "46"),),
    )


def hostile_extraction(title: str = XSS) -> Extraction:
    """A paper and a model whose names carry HTML, quotes, IRI-breaking and non-ASCII text."""
    model = Entity(f"model:{HOSTILE}", EntityType.MODEL, HOSTILE, aliases=(XSS,))
    paper = Paper(HOSTILE, title, XSS, authors=(XSS,), organization=HOSTILE,
                  arxiv_id="2401.00001")
    return Extraction(
        paper=paper, entities=(model,), mentions=(mention(HOSTILE, model),),
        relations=(relation(RelationType.INTRODUCES, HOSTILE, model.id, HOSTILE, XSS),),
    )


@pytest.fixture
def sample_graph():
    return kg_graph.build([paper_a(), paper_b()])


@pytest.fixture
def hostile_graph():
    return kg_graph.build([paper_a(), hostile_extraction()])


@pytest.fixture(scope="session")
def chromium_browser():
    """Debian's Chromium driven by playwright; missing -> skip locally, fail when CI=true."""
    def unavailable(reason: str):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)

    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                     headless=True)
        yield browser
        browser.close()
