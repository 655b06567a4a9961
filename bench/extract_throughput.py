"""Extraction throughput against bare spaCy tokenisation, on one core.

Input: the shared listings (../shared/examples/hf-daily-papers-pretraining.txt and
dev-arxiv.jsonl), replicated in memory to --n abstracts with distinct ids. Output: printed
timings — catalog load + pipeline build, tokenisation with `spacy.blank("en")`, full extraction
with `Extractor.extract_many` — as papers/s and words/s, the ratio extraction/tokenisation, and
peak RSS. A first pass over the distinct abstracts, with every cache cold, is timed apart: it is
the pessimistic figure for text never seen, as the replicated run reuses spaCy's tokenizer
cache and kg's per-word caches. Reads files only; writes nothing.

    .venv/bin/python bench/extract_throughput.py --n 10000
"""

from __future__ import annotations

import os

# One core: keep numeric libraries from spreading over more threads than the pipeline does.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import dataclasses
import resource
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "examples"
LISTINGS = (SHARED / "hf-daily-papers-pretraining.txt", SHARED / "dev-arxiv.jsonl")


def load_papers(n: int) -> list:
    """The shared listings' papers repeated to `n`, each copy with its own id."""
    from kg.sources import read_papers

    base = [p for path in LISTINGS for p in read_papers(path)]
    if not base:
        raise SystemExit(f"no papers in {', '.join(map(str, LISTINGS))}")
    return [dataclasses.replace(base[i % len(base)], id=f"{base[i % len(base)].id}~{i // len(base)}")
            for i in range(n)]


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def time_tokenise(texts: list[str], batch_size: int) -> tuple[float, int]:
    """Seconds to tokenise every text with a blank English pipeline, and the word count."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    start = time.perf_counter()
    words = sum(sum(not t.is_space for t in doc) for doc in tokenizer.pipe(texts, batch_size=batch_size))
    return time.perf_counter() - start, words


def time_extract(extractor, papers: list, batch_size: int) -> tuple[float, int, int]:
    """Seconds to run the full extraction over `papers`, with entity and relation totals."""
    entities = relations = 0
    start = time.perf_counter()
    for extraction in extractor.extract_many(papers, batch_size=batch_size):
        entities += len(extraction.entities)
        relations += len(extraction.relations)
    return time.perf_counter() - start, entities, relations


def rate(label: str, seconds: float, papers: int, words: int) -> str:
    return (f"{label:<14} {seconds:8.2f} s  {papers / seconds:10.1f} papers/s  "
            f"{words / seconds:12.0f} words/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="abstracts to process (default 10000)")
    parser.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size")
    args = parser.parse_args()

    start = time.perf_counter()
    from kg.pipeline import Extractor

    imported = time.perf_counter()
    extractor = Extractor()
    built = time.perf_counter()
    print(f"import kg.pipeline: {imported - start:.2f} s")
    print(f"catalog load + pipeline build: {built - imported:.2f} s ({len(extractor.catalog)} catalog "
          f"entries; pipes: {', '.join(extractor.nlp.pipe_names) or 'none'})")

    papers = load_papers(args.n)
    texts = [p.text for p in papers]
    print(f"abstracts: {len(papers)} ({len({p.id for p in papers})} distinct ids), "
          f"{sum(map(len, texts)) / 1e6:.1f} M characters")

    distinct = len({p.text for p in papers})
    # Never-seen text first: every cache (spaCy's tokenizer, kg's per-word caches) starts cold.
    cold_s, _, _ = time_extract(extractor, papers[:distinct], args.batch_size)
    cold_tok_s, cold_words = time_tokenise(texts[:distinct], args.batch_size)
    tok_s, words = time_tokenise(texts, args.batch_size)
    ext_s, entities, relations = time_extract(extractor, papers, args.batch_size)
    print(rate("cold tokenise", cold_tok_s, distinct, cold_words) + "  (first pass, distinct)")
    print(rate("cold extract", cold_s, distinct, cold_words) + "  (first pass, distinct)")
    print(rate("tokenise", tok_s, len(papers), words))
    print(rate("extract", ext_s, len(papers), words))
    print(f"words: {words}; entities: {entities}; relations: {relations}")
    print(f"ratio extract/tokenise: {ext_s / tok_s:.1f}x (first pass: {cold_s / cold_tok_s:.1f}x)")
    print(f"peak RSS: {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
