"""Extraction throughput against bare spaCy tokenisation, on one core, on new and repeated text.

Input: the shared listings (../shared/examples/hf-daily-papers-pretraining.txt and
dev-arxiv.jsonl). Output: printed CPU timings (`time.process_time`) — catalog load + pipeline
build, then `Extractor.extract_many` and a bare `spacy.blank("en")` tokenizer over:
- `cold start`: half of the distinct abstracts (every other one) on empty caches;
- `never seen`: the other half, none of it seen before, with caches holding only what the first
  half and the catalog put there — the figure for new text in a stream already under way;
- `repeated`: --n abstracts, the listings replicated in memory with distinct ids (all seen).
as papers/s and words/s, the extraction/tokenisation ratio, and peak RSS. The two halves are
then timed again in --fresh new processes (each with its own catalog load and empty caches), and
their median and range printed: one pass over 129 abstracts takes 0.13 s, and single runs
drift by 10 %. Reads files only; writes nothing.

    .venv/bin/python bench/extract_throughput.py --n 10000
"""

from __future__ import annotations

import os

# One core: keep numeric libraries from spreading over more threads than the pipeline does.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import dataclasses
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "examples"
LISTINGS = (SHARED / "hf-daily-papers-pretraining.txt", SHARED / "dev-arxiv.jsonl")


def listed_papers() -> list:
    """The shared listings' papers, once each."""
    from kg.sources import read_papers

    base = [p for path in LISTINGS for p in read_papers(path)]
    if not base:
        raise SystemExit(f"no papers in {', '.join(map(str, LISTINGS))}")
    return base


def load_papers(n: int) -> list:
    """The shared listings' papers repeated to `n`, each copy with its own id."""
    base = listed_papers()
    return [dataclasses.replace(base[i % len(base)], id=f"{base[i % len(base)].id}~{i // len(base)}")
            for i in range(n)]


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def distinct_papers(papers: list) -> list:
    """The first paper of each distinct text, in listing order."""
    return list({p.text: p for p in reversed(papers)}.values())[::-1]


def time_tokenise(tokenizer, texts: list[str], batch_size: int) -> tuple[float, int]:
    """CPU seconds to tokenise every text, and the word (non-space token) count."""
    start = time.process_time()
    words = sum(sum(not t.is_space for t in doc) for doc in tokenizer.pipe(texts, batch_size=batch_size))
    return time.process_time() - start, words


def time_extract(extractor, papers: list, batch_size: int) -> tuple[float, int, int]:
    """CPU seconds to run the full extraction over `papers`, with entity and relation totals."""
    entities = relations = 0
    start = time.process_time()
    for extraction in extractor.extract_many(papers, batch_size=batch_size):
        entities += len(extraction.entities)
        relations += len(extraction.relations)
    return time.process_time() - start, entities, relations


def rate(label: str, seconds: float, papers: int, words: int) -> str:
    return (f"{label:<12} {seconds:7.2f} s  {papers / seconds:8.1f} papers/s  "
            f"{seconds / papers * 1e3:6.3f} ms/paper  {words / seconds:10.0f} words/s")


def compare(label: str, extractor, tokenizer, papers: list, batch_size: int) -> tuple[float, int, int]:
    """Tokenise then extract `papers`; print both rates and their ratio."""
    tok_s, words = time_tokenise(tokenizer, [p.text for p in papers], batch_size)
    ext_s, entities, relations = time_extract(extractor, papers, batch_size)
    print(f"{label} ({len(papers)} abstracts):")
    print("  " + rate("tokenise", tok_s, len(papers), words))
    print("  " + rate("extract", ext_s, len(papers), words) + f"  ratio {ext_s / tok_s:.1f}x")
    return words, entities, relations


def halves_only(batch_size: int) -> None:
    """A fresh process's cold-start and never-seen extraction, as one JSON line of ms/paper."""
    from kg.pipeline import Extractor

    extractor = Extractor()
    distinct = distinct_papers(listed_papers())
    times = {}
    for name, half in (("cold start", distinct[0::2]), ("never seen", distinct[1::2])):
        seconds, _, _ = time_extract(extractor, half, batch_size)
        times[name] = seconds / len(half) * 1e3
    print(json.dumps(times))


def fresh_runs(runs: int, batch_size: int) -> None:
    """Time the two halves in `runs` new processes; print each pass's median and range."""
    if runs < 1:
        return
    found: dict[str, list[float]] = {}
    for _ in range(runs):
        child = subprocess.run([sys.executable, __file__, "--halves-only", "--batch-size", str(batch_size)],
                               capture_output=True, text=True, check=True)
        for name, ms in json.loads(child.stdout.splitlines()[-1]).items():
            found.setdefault(name, []).append(ms)
    print(f"extract, {runs} fresh processes (catalog loaded anew, empty caches), median and range:")
    for name, values in found.items():
        rates = sorted(1e3 / ms for ms in values)
        print(f"  {name:<12} {1e3 / statistics.median(values):8.1f} papers/s  "
              f"{statistics.median(values):6.3f} ms/paper  (range {rates[0]:.0f}-{rates[-1]:.0f} papers/s: "
              f"{', '.join(f'{r:.0f}' for r in rates)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="abstracts in the repeated run (default 10000)")
    parser.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size")
    parser.add_argument("--fresh", type=int, default=5, help="new processes that time the two halves again (default 5)")
    parser.add_argument("--halves-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.halves_only:
        halves_only(args.batch_size)
        return

    start = time.process_time()
    from kg.pipeline import Extractor

    imported = time.process_time()
    extractor = Extractor()
    built = time.process_time()
    # The interpreter's build matters (bench/README.md: Debian's python3.11 runs this ~10 % faster
    # than a pyenv build with a shared libpython and no --enable-optimizations).
    print(f"python {sys.version.split()[0]} ({sys.executable})")
    print(f"import kg.pipeline: {imported - start:.2f} s CPU")
    print(f"catalog load + pipeline build: {built - imported:.2f} s CPU ({len(extractor.catalog)} catalog "
          f"entries; pipes: {', '.join(extractor.nlp.pipe_names) or 'none'})")

    import spacy

    tokenizer = spacy.blank("en").tokenizer
    # The same chunk-cache size as kg's tokenizer, so the ratio measures kg's work, not the cache.
    tokenizer.max_cache_size = extractor.nlp.tokenizer.max_cache_size
    papers = load_papers(args.n)
    distinct = distinct_papers(papers)
    print(f"abstracts: {len(papers)} ({len(distinct)} distinct), "
          f"{sum(len(p.text) for p in papers) / 1e6:.1f} M characters")
    # Order matters: caches (spaCy's chunk cache and lexemes, kg's per-word caches) only fill.
    compare("cold start: every other distinct abstract, empty caches", extractor, tokenizer,
            distinct[0::2], args.batch_size)
    compare("never seen: the other half, after the first", extractor, tokenizer,
            distinct[1::2], args.batch_size)
    words, entities, relations = compare(f"repeated: the listings replicated to {args.n}", extractor,
                                         tokenizer, papers, args.batch_size)
    print(f"repeated run: words: {words}; entities: {entities}; relations: {relations}")
    print(f"peak RSS: {peak_rss_mib():.0f} MiB")
    fresh_runs(args.fresh, args.batch_size)


if __name__ == "__main__":
    main()
