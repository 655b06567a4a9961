"""kg.sources: the three readers, format detection and the error policy, on real files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.errors import FormatError, InputError, KgError
from kg.model import Paper
from kg.sources import FORMATS, Problem, detect_format, read_papers

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
LISTING = SHARED / "examples" / "hf-daily-papers-pretraining.txt"
DEV_ARXIV = SHARED / "examples" / "dev-arxiv.jsonl"
EXAMPLE = REPO / "kg" / "examples" / "daily-papers-example.txt"
ARXIV_ID = re.compile(r"^\d{4}\.\d{4,5}$")
LONG = "This sentence pads the abstract so that it reads like one, with enough words in it. " * 4

CHROME = "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\n" \
         "byAK and the research community\n\nMar 3\n\n"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def arxiv_line(arxiv: str, title: str = "A title", **extra) -> str:
    record = {"id": arxiv, "title": title, "abstract": "  " + LONG, "authors": "A One and B Two",
              "versions": [{"version": "v1", "created": "Tue, 4 Mar 2025 10:00:00 GMT"}],
              "update_date": "2025-03-09", **extra}
    return json.dumps(record)


def api_item(arxiv: str, title: str, summary: str = LONG) -> dict:
    return {"paper": {"id": arxiv, "title": title, "summary": summary,
                      "authors": [{"name": "Ada  Lovelace"}, {"name": "Alan Turing"}],
                      "publishedAt": "2025-01-06T17:04:51.000Z"},
            "title": title, "publishedAt": "2025-01-07T01:00:00.000Z",
            "organization": {"name": "acme", "fullname": "Acme Labs"}}


# --- the shared Daily Papers listing -------------------------------------------------------

@pytest.fixture(scope="module")
def listing() -> list[Paper]:
    return list(read_papers(LISTING))


def test_listing_yields_all_59_papers_with_unique_ids(listing):
    assert len(listing) == 59
    assert len({paper.id for paper in listing}) == 59
    assert all(paper.abstract and not paper.authors for paper in listing)


def test_listing_titles_exact_and_abstracts_not_merged(listing):
    assert listing[0].title == "Procedural Knowledge in Pretraining Drives Reasoning in Large Language Models"
    assert listing[-1].title.startswith("CronusVLA: Transferring Latent Motion Across Time")
    titles = [paper.title for paper in listing]
    for paper in listing:
        assert not any(title in paper.abstract for title in titles if title != paper.title)
        assert len(paper.abstract) > 1000 and "\n" not in paper.abstract


def test_listing_dates_organisations_and_lines(listing):
    first = listing[0]
    assert (first.date, first.organization, first.source.line) == ("2024-11-19", None, 13)
    assert first.source.file == str(LISTING)
    by_title = {paper.title: paper for paper in listing}
    nvfp4 = by_title["Pretraining Large Language Models with NVFP4"]
    assert (nvfp4.organization, nvfp4.date) == ("NVIDIA", None)  # "Sep 29 2": no year, 2 upvotes
    assert by_title["Dolma: an Open Corpus of Three Trillion Tokens for Language Model Pretraining Research"] \
        .date == "2024-01-31"  # "Jan 31, 2024 1": the 1 is the upvote count
    assert listing[1].id == "t-a-fine-tuning-dataset-and-benchmark-for-large-language-models-for-protein"


def test_shipped_example_listing(tmp_path):
    papers = list(read_papers(EXAMPLE))
    assert detect_format(EXAMPLE) == "hf-page"
    assert len(papers) == 12
    assert all(80 <= len(paper.abstract.split()) <= 180 for paper in papers)
    assert {paper.organization for paper in papers} >= {"Lumen Lab", None}
    assert any(paper.date is None for paper in papers) and any(paper.date for paper in papers)


# --- Daily Papers page: shapes the shared listing does not have ---------------------------

def test_page_paragraphs_wrapped_lines_and_missing_meta(tmp_path):
    text = CHROME + (
        "First Paper Title\n\n" + LONG + "\n\nSecond paragraph of the same abstract, still part of it.\n\n"
        "  • 3 authors\n·\nJan 2, 2025\n\n"
        "Second Paper Without Footer\n\n" + LONG.replace(". ", ".\n", 2) + "\n\n"
        "Third Paper: Org Footer?\n\n" + LONG + "\n\nacme Acme Labs\n·\nFeb 30, 2024 7\n"
    )
    first, second, third = read_papers(write(tmp_path, "page.txt", text))
    assert first.abstract == LONG.strip() + "\n\nSecond paragraph of the same abstract, still part of it."
    assert (first.date, first.source.line) == ("2025-01-02", 13)
    assert "\n" not in second.abstract and second.abstract == " ".join(LONG.split())
    assert (second.date, second.organization) == (None, None)
    assert (third.title, third.organization, third.date) == ("Third Paper: Org Footer?", "Acme Labs", None)


def test_page_paragraph_without_title_is_a_problem(tmp_path):
    text = CHROME + "A Title\n\n" + LONG + "\n\n  • 2 authors\n·\nMay 1, 2024\n\n" + LONG + "\n"
    path = write(tmp_path, "page.txt", text)
    with pytest.raises(InputError, match=r"page\.txt:21: paragraph of \d+ characters outside any paper"):
        list(read_papers(path))
    problems: list[Problem] = []
    assert [paper.title for paper in read_papers(path, on_error="skip", problems=problems)] == ["A Title"]
    assert [(problem.line, problem.file) for problem in problems] == [(21, str(path))]


def test_page_invalid_utf8_skips_only_that_paper(tmp_path):
    text = CHROME + "Good One\n\n" + LONG + "\n\nBad One\n\n" + LONG + "\n\nGood Two\n\n" + LONG + "\n"
    raw = text.encode().replace(b"Bad One\n\nThis", b"Bad One\n\nTh\xffis")
    path = write(tmp_path, "page.txt", raw)
    with pytest.raises(InputError, match=r"page\.txt:19: invalid UTF-8: byte 0xff"):
        list(read_papers(path, fmt="hf-page"))
    problems: list[Problem] = []
    papers = read_papers(path, fmt="hf-page", on_error="skip", problems=problems)
    assert [paper.title for paper in papers] == ["Good One", "Good Two"]
    assert [problem.line for problem in problems] == [19]


def test_text_without_any_paper_is_an_error_when_forced(tmp_path):
    path = write(tmp_path, "notes.txt", "just\n\na few\n\nshort lines\n")
    with pytest.raises(InputError, match="notes.txt: no papers found"):
        list(read_papers(path, fmt="hf-page"))


# --- arXiv JSONL ---------------------------------------------------------------------------

def test_dev_arxiv_yields_200_papers_keyed_by_arxiv_id():
    papers = list(read_papers(DEV_ARXIV))
    assert len(papers) == 200
    assert all(ARXIV_ID.match(paper.id) and paper.id == paper.arxiv_id for paper in papers)
    assert [paper.source.line for paper in papers] == list(range(1, 201))
    first = papers[0]
    assert (first.id, first.authors, first.date) == ("2503.19586", ("Hanlin Wu", "Xufeng Duan", "Zhenguang Cai"),
                                                     "2025-01-01")
    assert not first.abstract.startswith(" ")


def test_arxiv_unwraps_and_splits_authors_without_authors_parsed(tmp_path):
    line = arxiv_line("2501.00001v2", title="A wrapped\n  title", authors="Ann Lee, Bo Chen, and Cy Dee")
    old = arxiv_line("hep-th/9901001", versions=[], authors_parsed=[["Smith", "J.", "Jr", "MIT"]])
    papers = list(read_papers(write(tmp_path, "a.jsonl", line + "\n\n" + old + "\n")))
    assert (papers[0].id, papers[0].title, papers[0].date) == ("2501.00001", "A wrapped title", "2025-03-04")
    assert papers[0].authors == ("Ann Lee", "Bo Chen", "Cy Dee")
    assert (papers[1].id, papers[1].authors, papers[1].date) == ("hep-th/9901001", ("J. Smith Jr",), "2025-03-09")
    assert papers[1].source.line == 3


def test_arxiv_bad_lines_fail_or_are_skipped(tmp_path):
    lines = [arxiv_line("2501.00001"), '{"id": "2501.00002" "title": "x"}', "[1, 2]",
             json.dumps({"id": "2501.00004", "abstract": "no title here"}), arxiv_line("2501.00005")]
    path = write(tmp_path, "x.jsonl", "\n".join(lines) + "\n")
    papers = read_papers(path)
    assert next(papers).id == "2501.00001"  # streamed: the good line comes out before the bad one
    with pytest.raises(InputError) as caught:
        next(papers)
    assert str(caught.value) == f"{path}:2: malformed JSON: Expecting ',' delimiter (column 21)"
    problems: list[Problem] = []
    papers = list(read_papers(path, on_error="skip", problems=problems))
    assert [paper.id for paper in papers] == ["2501.00001", "2501.00005"]
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (2, "malformed JSON"), (3, "expected a JSON object, got list"), (4, "record has no title")]


def test_arxiv_invalid_utf8_names_the_line(tmp_path):
    raw = (arxiv_line("2501.00001") + "\n" + arxiv_line("2501.00002", title="cafe") + "\n").encode()
    path = write(tmp_path, "u.jsonl", raw.replace(b'"cafe"', b'"caf\xe9"'))
    with pytest.raises(InputError, match=r"u\.jsonl:2: invalid UTF-8: byte 0xe9"):
        list(read_papers(path, fmt="arxiv-jsonl"))
    problems: list[Problem] = []
    assert [p.id for p in read_papers(path, fmt="arxiv-jsonl", on_error="skip", problems=problems)] == ["2501.00001"]
    assert len(problems) == 1


# --- Daily Papers API JSON -----------------------------------------------------------------

def test_api_list_unwraps_text_and_reads_metadata(tmp_path):
    wrapped = "First line of the summary\nwrapped by the API.\n\nA second\nparagraph."
    items = [api_item("2501.00001", "A Title Broken\nacross Lines", wrapped), api_item("2501.00002", "Other")]
    path = write(tmp_path, "daily.json", json.dumps(items, indent=2))
    first, second = read_papers(path)
    assert first.title == "A Title Broken across Lines"
    assert first.abstract == "First line of the summary wrapped by the API.\n\nA second paragraph."
    assert (first.id, first.arxiv_id, first.date) == ("2501.00001", "2501.00001", "2025-01-06")
    assert (first.authors, first.organization) == (("Ada Lovelace", "Alan Turing"), "Acme Labs")
    lines = path.read_text().splitlines()
    assert lines[first.source.line - 1] == "  {" and lines[second.source.line - 1] == "  {"
    assert first.source.line == 2 and second.source.line > first.source.line


def test_api_single_object_bare_paper_and_empty_list(tmp_path):
    single = write(tmp_path, "one.json", json.dumps(api_item("2501.00003", "Single")))
    bare = write(tmp_path, "bare.json", json.dumps({"title": "Bare", "summary": LONG, "id": "not-an-id"}))
    assert [paper.id for paper in read_papers(single)] == ["2501.00003"]
    (paper,) = read_papers(bare)
    assert (paper.id, paper.arxiv_id, paper.authors) == ("t-bare", None, ())
    assert list(read_papers(write(tmp_path, "none.json", "[]"))) == []


def test_api_bad_items_and_malformed_tail(tmp_path):
    items = [api_item("2501.00001", "Good"), {"paper": {"id": "2501.00002"}}, "oops", api_item("2501.00004", "Fine")]
    text = json.dumps(items) + "\n"
    path = write(tmp_path, "bad.json", text[:-2] + ", {\"paper\": }]\n")
    with pytest.raises(InputError, match=r"bad\.json:1: paper has no title"):
        list(read_papers(path))
    problems: list[Problem] = []
    assert [p.title for p in read_papers(path, on_error="skip", problems=problems)] == ["Good", "Fine"]
    messages = [problem.message for problem in problems]
    assert messages[:2] == ["paper has no title", "expected a JSON object for a paper, got str"]
    assert messages[2].startswith("malformed JSON: Expecting value (column")


def test_api_not_a_list_or_object(tmp_path):
    path = write(tmp_path, "n.json", "42\n")
    expected = r"n\.json:1: expected a JSON list of papers or one paper object, got a number"
    with pytest.raises(InputError, match=expected):
        list(read_papers(path, fmt="hf-api"))


def test_api_invalid_utf8_skips_only_its_item(tmp_path):
    items = [api_item("2501.00001", "Good"), api_item("2501.00002", "Bad \xe9"), api_item("2501.00003", "Also")]
    raw = json.dumps(items, indent=1, ensure_ascii=False).encode().replace("\xe9".encode(), b"\xe9")
    path = write(tmp_path, "u.json", raw)
    bad_line = raw.split(b"\n").index(next(l for l in raw.split(b"\n") if b"\xe9" in l)) + 1
    with pytest.raises(InputError, match=rf"u\.json:{bad_line}: invalid UTF-8"):
        list(read_papers(path))
    problems: list[Problem] = []
    assert [p.title for p in read_papers(path, on_error="skip", problems=problems)] == ["Good", "Also"]
    assert [problem.line for problem in problems] == [bad_line]


# --- detection -----------------------------------------------------------------------------

def test_detects_all_three_formats_by_content_not_extension(tmp_path):
    assert detect_format(LISTING) == "hf-page"
    assert detect_format(DEV_ARXIV) == "arxiv-jsonl"
    api = write(tmp_path, "papers.txt", json.dumps([api_item("2501.00001", "T")]))
    pretty = write(tmp_path, "one.jsonl", json.dumps(api_item("2501.00001", "T"), indent=2))
    jsonl = write(tmp_path, "dump.json", arxiv_line("2501.00001") + "\n" + arxiv_line("2501.00002"))
    page = write(tmp_path, "page.json", "A Title\n\n" + LONG + "\n")
    assert [detect_format(p) for p in (api, pretty, jsonl, page)] == ["hf-api", "hf-api", "arxiv-jsonl", "hf-page"]


def test_undetectable_inputs_raise_format_error_with_choices(tmp_path):
    binary = write(tmp_path, "blob.bin", bytes(range(256)) * 8)
    high = write(tmp_path, "high.dat", b"[" + bytes(range(128, 256)) * 8)
    prose = write(tmp_path, "prose.txt", "Just a note.\nNothing like a listing.\n")
    for path in (binary, high, prose):
        with pytest.raises(FormatError, match=rf"{path.name}: unknown input format .*hf-page, hf-api, arxiv-jsonl"):
            read_papers(path)
    with pytest.raises(FormatError, match=r"unknown format 'csv'; valid formats: hf-page, hf-api, arxiv-jsonl"):
        read_papers(LISTING, fmt="csv")


def test_forced_format_wins_over_detection(tmp_path):
    path = write(tmp_path, "a.jsonl", arxiv_line("2501.00001") + "\n")
    with pytest.raises(InputError, match=r"a\.jsonl:1: paragraph of \d+ characters outside any paper"):
        list(read_papers(path, fmt="hf-page"))
    two = write(tmp_path, "b.jsonl", arxiv_line("2501.00001") + "\n" + arxiv_line("2501.00002") + "\n")
    with pytest.raises(InputError, match=r"b\.jsonl:2: malformed JSON: Extra data \(column 1\)"):
        list(read_papers(two, fmt="hf-api"))
    assert FORMATS == ("hf-page", "hf-api", "arxiv-jsonl")


def test_empty_file_is_an_empty_listing_but_not_detectable(tmp_path):
    for content in ("", "\n  \n"):
        path = write(tmp_path, "empty.txt", content)
        assert list(read_papers(path)) == []
        with pytest.raises(FormatError, match="empty.txt: is empty"):
            detect_format(path)


# --- file-level errors and the policy argument -------------------------------------------

def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        read_papers(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_papers(tmp_path)
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        detect_format(tmp_path / "nope.txt")


def test_unreadable_file():
    # A file that exists and opens but fails on read (EIO): root can read any file by mode, but
    # not this one, so the test runs (and can fail) under CI's root too.
    unreadable = Path("/proc/self/mem")
    with pytest.raises(InputError, match=r"/proc/self/mem: cannot read"):
        list(read_papers(unreadable))


def test_invalid_on_error_lists_choices():
    with pytest.raises(KgError, match="on_error must be one of: fail, skip"):
        read_papers(LISTING, on_error="ignore")


def test_skip_without_problem_list_logs_each_problem(tmp_path, caplog):
    path = write(tmp_path, "x.jsonl", arxiv_line("2501.00001") + "\nnot json\n")
    assert len(list(read_papers(path, on_error="skip"))) == 1
    assert f"{path}:2: malformed JSON" in caplog.text
