"""`kg build` end to end, fresh and then merged into the graph it wrote (every paper replaced).

Input: ../shared/examples/dev-arxiv.jsonl, its records repeated to --n papers with distinct arXiv
ids and titles. Output: printed wall-clock seconds and papers/s for the first build (extract,
add to an empty graph, write graph.json) and the second (load graph.json, extract, replace each
paper, write), with the graph's size. Writes only into a temporary directory it removes.

    .venv/bin/python bench/build_merge.py --n 5000
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "examples"


def write_listing(n: int, path: Path) -> None:
    """dev-arxiv's records repeated to `n` lines, each copy with its own arXiv id and title."""
    records = [json.loads(line) for line in (SHARED / "dev-arxiv.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    if not records:
        raise SystemExit(f"no records in {SHARED / 'dev-arxiv.jsonl'}")
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            record = records[i % len(records)]
            out.write(json.dumps({**record, "id": f"2599.{i:05d}", "title": f"{record['title']} {i}"}) + "\n")


def timed_build(listing: Path, out: Path, extractor) -> tuple[float, object]:
    """Wall-clock seconds of one `pipeline.build` of `listing` into `out` (graph.json only)."""
    from kg import pipeline

    start = time.perf_counter()
    report = pipeline.build([listing], out, extractor=extractor, sinks=["json"])
    return time.perf_counter() - start, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="papers (default 5000)")
    args = parser.parse_args()
    from kg.pipeline import Extractor

    extractor = Extractor()
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "papers.jsonl"
        write_listing(args.n, listing)
        for label in ("fresh build", "merged into it"):
            seconds, report = timed_build(listing, Path(tmp) / "out", extractor)
            print(f"{label:<15} {seconds:6.1f} s  {report.papers / seconds:7.1f} papers/s  "
                  f"({report.papers} papers, {report.papers_replaced} replaced; "
                  f"{report.nodes} nodes, {report.edges} edges)")


if __name__ == "__main__":
    main()
