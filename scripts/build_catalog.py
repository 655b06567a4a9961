"""Build the entity catalog from the public lists in shared/data/sources.

Input: the JSON-Lines lists described in `<sources>/README.md` (models, benchmarks, datasets).
Output: `kg/data/catalog.jsonl.gz`, one canonical entity per line, sorted by id, written with a
fixed gzip mtime so that the same inputs always give the same bytes. Prints counts per type.

    python scripts/build_catalog.py [--sources DIR] [--out kg/data/catalog.jsonl.gz]

    python scripts/build_catalog.py [--seed scripts/catalog_seed.jsonl]

Stages: every list is read into `Candidate`s (one spelling of one thing, with the ids the list
knows), and so is `scripts/catalog_seed.jsonl`, a curated list of well-known models, datasets and
benchmarks the LLM-centric lists miss (source `catalog_seed.jsonl`; its type, spelling, family
and arXiv id win, and every seed alias joins by key). Parenthesised parts are resolved first:
`Vision Transformer (ViT)` gives two spellings of one candidate, `Claude 3.5 Sonnet (20240620)`
keeps its date, and qualifiers such as `(free)` are dropped, so no name or alias has parentheses.
Candidates are merged with a union-find on HF ids, PwC ids, arXiv ids and name keys;
each merged group becomes one entry whose name is the best-ranked spelling. Lists that are
mostly noise (community fine-tunes, third-party API hosts, HELM module stems) only contribute
aliases to entities that other lists establish. Model variants then get their family
(`Llama-2-7B-Chat` -> `Llama 2`), and one-size models and families shared by two or more
variants become entries of their own (source `derived`). Datasets/benchmarks named like a
model maker (`OpenAI`) or by a single ordinary English word (`Detection`, `Discovery`) are
dropped unless the seed vouches for them. A last pass drops any alias that the loader would
resolve to another entry. Needs `wordfreq` (build time only) to flag names that are
common English words (`ambiguous`).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.catalog import Catalog, entry_from_record  # noqa: E402
from kg.errors import InputError  # noqa: E402
from kg.model import EntityType  # noqa: E402
from kg.names import entity_id, name_key, strip_repo  # noqa: E402

DEFAULT_SOURCES = ROOT.parent / "shared" / "data" / "sources"
DEFAULT_OUT = ROOT / "kg" / "data" / "catalog.jsonl.gz"
DEFAULT_SEED = ROOT / "scripts" / "catalog_seed.jsonl"
SEED_SOURCE = "catalog_seed.jsonl"

# Keys that are generic terms, never entity names (checked on name_key of a spelling).
GENERIC_KEYS = frozenset(
    "llm llms gpt transformer transformers sft rlhf dpo lora qlora base chat instruct large small "
    "medium tiny mini model models dataset datasets benchmark benchmarks default latest test train "
    "all other others en zh code math-hard leaderboard-evaluations task-name none null unknown "
    "embedding embeddings vision text image audio video instant preview experimental bench".split()
)
# Words of kind, not of name, in what is left of a repo name without its maker.
GENERIC_PARTS = frozenset("moe mixture experts merge merged slerp ties dare gguf awq gptq".split())
# Common words and well-known animal/mythology names used as model or dataset names; the
# recogniser needs context for these. wordfreq catches the frequent ones, this list the rest.
AMBIGUOUS_WORDS = frozenset(
    "alpaca vicuna orca falcon gemini phi bloom chameleon pile arc math race hint copa koala dolly "
    "lima guanaco zephyr mamba jamba aya flan storm sky nova titan aurora command coral tower "
    "palm opt record drop glue squad story".split()
)
WORDFREQ_COMMON = 3.0  # zipf frequency from which a single word counts as common English
# A dataset/benchmark named by one lower- or title-case word this frequent is a task or subject
# word (`Detection`, `Virology`), not a name; names in capitals (RACE, MATH) are coined.
TASK_WORD_ZIPF = 2.5

# HF orgs whose models are first-party releases (besides those the v2 leaderboard flags).
OFFICIAL_ORGS = frozenset(
    "meta-llama facebook mistralai qwen google microsoft deepseek-ai allenai tiiuae eleutherai "
    "bigscience 01-ai internlm thudm nvidia ibm-granite huggingfacetb stabilityai databricks "
    "cohereforai togethercomputer bigcode openai-community mosaicml salesforce baichuan-inc "
    "openbmb upstage lmsys huggingfaceh4 llm360 apple ai21labs xai-org zai-org moonshotai "
    "openai nousresearch teknium openchat wizardlmteam berkeley-nest tinyllama".split()
)
# litellm providers that are the model's own maker; other providers only host models.
FIRST_PARTY_PROVIDERS = {
    "openai": "OpenAI", "anthropic": "Anthropic", "gemini": "Google", "mistral": "Mistral AI",
    "xai": "xAI", "deepseek": "DeepSeek", "cohere_chat": "Cohere", "cohere": "Cohere",
    "ai21": "AI21 Labs", "moonshot": "Moonshot AI", "dashscope": "Alibaba", "zai": "Z.ai",
    "vertex_ai-language-models": "Google", "perplexity": "Perplexity", "amazon_nova": "Amazon",
}
CHAT_MODES = frozenset({"chat", "completion", "responses"})
# Lists whose `organization`/`creator` names the maker of a model: their values are the
# organisation names that can never be a dataset or benchmark.
MAKER_LISTS = frozenset({"models-lmarena.jsonl", "models-helm.jsonl", "models-openrouter.jsonl",
                         "models-transformers-architectures.jsonl", "models-litellm.jsonl"})

_SIZE_IN_NAME = re.compile(r"(?<![A-Za-z0-9.])(\d+x)?\d+(?:\.\d+)?[bmkt](?![a-z])", re.IGNORECASE)
_ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})")
_HF_DATASET_URL = re.compile(r"huggingface\.co/datasets/([\w.-]+(?:/[\w.-]+)?)")
_PWC = re.compile(r"paperswithcode\.com/dataset/([\w.-]+)")
_DATE_TAIL = re.compile(r"[-_ @]+(?:\d{4}-\d{2}-\d{2}|\d{8}|\d{4}|\d{2}-\d{2}|\d{3})$")
_VARIANT_TAIL = re.compile(r"[-_ ]+(?:chat|instruct|it|base|preview|latest|hf|turbo|exp)$", re.I)
_PAREN = re.compile(r"\s*\(([^()]*)\)")
# A parenthesised date, size or version (`20240620`, `8B`, `thinking-32k`) is part of the name.
_VERSION_NOTE = re.compile(r"v?\d[\d.\-]*[a-z]?|\d+(?:\.\d+)?[bmkt]|[a-z]+-\d+k", re.IGNORECASE)


@dataclass
class Candidate:
    """One spelling of one thing as a list gives it, with the ids that list knows."""

    kind: str  # "model" or "data" (datasets and benchmarks share one key space)
    name: str
    source: str
    rank: int  # lower is a better source of the canonical spelling
    hint: str = ""  # "benchmark", "dataset" or "corpus" (pre-training corpus) for data
    aliases: list[str] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)
    organization: str | None = None
    params: str | None = None
    alias_only: bool = False
    community: bool = False  # a leaderboard upload by someone other than the model's maker
    type_: str = ""  # a fixed entry type (the seed's), which wins over hints
    family: str | None = None
    joins: list[str] = field(default_factory=list)  # other full spellings whose keys join too

    def __post_init__(self) -> None:
        self.name = clean_name(self.name)
        self.aliases = [clean_name(a) for a in self.aliases]
        if self.organization:
            self.organization = self.organization.strip().lstrip("~")  # keeps `et al.`


# ---------------------------------------------------------------- small helpers


_MARKUP = re.compile(
    r"^\[(?P<link>[^\[\]]+)\](?:\([^()\s]*\))?$"  # markdown link text: `[OpenCompass](https://…)`
    r"|^[~\s\U0001F1E6-\U0001F1FF]+"  # a router's `~latest` mark, a flag emoji
    r"|(?<![\d.])\.$|-+$"  # a sentence's full stop (not a version's `1.`), a dangling hyphen
)


def clean_name(name: str | None) -> str | None:
    """The name without the markup a list wrapped it in: `[OpenCompass](url)` -> `OpenCompass`,
    `Llama 3.1 8b Instruct on Amazon Bedrock.` -> no full stop, `ds1000-` -> `ds1000`."""
    if not name:
        return name  # a list's empty field; `is_junk` drops it later
    return _MARKUP.sub(lambda m: m.group("link") or "", name.strip())


def compact(name: str) -> str:
    """`Inverse IFEval` -> `inverseifeval`: the key with separators dropped."""
    return name_key(name).replace("-", "")


def arxiv_of(*urls: str | None) -> str | None:
    """The arXiv id of the first URL that has one."""
    for url in urls:
        match = _ARXIV.search(url or "")
        if match:
            return match.group(1)
    return None


def one(values: Iterable[str | None]) -> str | None:
    """The value when exactly one distinct value is given: several name a family, not a thing."""
    distinct = {v for v in values if v}
    return distinct.pop() if len(distinct) == 1 else None


def strip_parens(name: str) -> str:
    """`Flan Collection (P3)` -> `Flan Collection`."""
    return re.sub(r"\s*\([^)]*\)", "", name).strip()


def is_subsequence(short: str, long: str) -> bool:
    rest = iter(long)
    return all(char in rest for char in short)


def abbreviates(a: str, b: str) -> bool:
    """One spelling abbreviates the whole other one: `ViT` / `Vision Transformer`, `UDC` /
    `Ubuntu Dialogue Corpus` (same first letter, letters in order, much shorter)."""
    (short, short_words), (long, long_words) = sorted(
        ((compact(s), set(name_key(s).split("-"))) for s in (a, b)), key=lambda p: len(p[0]))
    long = long[3:] if long.startswith("the") and "the" in long_words else long
    # Words the long form already contains are a qualifier (`CLEVA (Chinese) ...`), and an
    # acronym of only its tail (`SEA-HELM natural language generation (NLG)`) names a task.
    fresh = not short_words <= long_words and short[:1] == long[:1]
    return fresh and 2 <= len(short) <= 0.6 * len(long) and is_subsequence(short, long)


def _version_note(match: re.Match) -> str:
    """A parenthesised version stays in the name without its parentheses; any other note goes."""
    note = match.group(1).strip()
    return f" {note}" if _VERSION_NOTE.fullmatch(note) else ""


def split_parens(text: str) -> list[str]:
    """The parenthesis-free spellings a name stands for, its main spelling first.

    `Vision Transformer (ViT)` -> [`Vision Transformer`, `ViT`]; `Claude 3.5 Sonnet (20240620)`
    -> [`Claude 3.5 Sonnet 20240620`]; `Gemma 4 31B (free)` -> [`Gemma 4 31B`]: a note that is
    neither an abbreviation nor a version (a tier, a format, a split) names no other thing.
    """
    if "(" not in text and ")" not in text:
        return [text]
    notes = [g.strip() for g in _PAREN.findall(text)]
    base = " ".join(re.sub(r"[()]", " ", _PAREN.sub(_version_note, text)).split())
    alts = [" ".join(re.sub(r"[()]", " ", n).split()) for n in notes
            if not _VERSION_NOTE.fullmatch(n) and abbreviates(n, base)]
    return [s for s in dict.fromkeys([base, *alts]) if s]


def unparen(cand: Candidate) -> Candidate:
    """Resolve parentheses in a candidate's name and aliases; an abbreviation in capitals is the
    name (`ViT`), its expansion an alias, and both join by key."""
    forms = split_parens(cand.name)
    short = min(forms, key=lambda f: (len(compact(f)), f))
    name = short if short != short.lower() and len(forms) > 1 else forms[0]
    cand.aliases = [f for a in cand.aliases if a for f in split_parens(a)] + [f for f in forms if f != name]
    cand.joins = [*cand.joins, *(f for f in forms if f != name)]
    cand.name = name
    return cand


def prettify(name: str) -> str:
    """Upper-case sizes in names taken from ids: `Llama-2-7b` -> `Llama-2-7B`."""
    return _SIZE_IN_NAME.sub(lambda m: m.group(0).upper().replace("X", "x"), name)


def params_of(name: str) -> str | None:
    """The size written in a name, `8x7B` for `Mixtral-8x7B-v0.1`."""
    match = _SIZE_IN_NAME.search(name)
    return match.group(0).upper().replace("X", "x") if match else None


def params_from_count(count: float | None) -> str | None:
    """`7000000000` -> `7B`."""
    if not count:
        return None
    for unit, scale in (("T", 1e12), ("B", 1e9), ("M", 1e6)):
        if count >= scale:
            return f"{count / scale:.3g}{unit}"
    return None


def is_junk(name: str) -> bool:
    """Pure numbers, 1-2 letters, paths, image sizes and generic words are not names."""
    text = name.strip()
    key = name_key(text)
    if not key or key in GENERIC_KEYS or re.fullmatch(r"[\d.\-]+|[\d.x]+[bmkt]", key):
        return True
    if len(compact(text)) <= 2 and not (re.search(r"\d", text) and re.search(r"[A-Za-z]", text)):
        return True
    return bool(re.search(r"\d+-x-\d+|/|:|^ft-|\s{2,}", text)) or len(text) > 80


# ---------------------------------------------------------------- readers: models


def read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def hf_candidate(hf_id: str, source: str, rank: int, alias_only: bool = False, **kw) -> Candidate:
    """A model known by its Hugging Face id: named by the id's tail, sizes upper-cased."""
    tail = strip_repo(hf_id)
    org = hf_id.split("/")[0] if "/" in hf_id else None
    aliases = [hf_id, hf_id.rsplit("/", 1)[-1]]
    # `meta-llama/Meta-Llama-3-8B` is also `Llama-3-8B`; `deepseek-ai/DeepSeek-R1` is not `R1`
    rest = without_org(tail, frozenset({name_key(org).split("-")[0]})) if org else None
    if rest:
        aliases.append(rest)
    kw.setdefault("organization", org)
    return Candidate("model", prettify(tail), source, rank, aliases=aliases,
                     ids={"huggingface": hf_id}, alias_only=alias_only, **kw)


def official_orgs(sources: Path) -> frozenset[str]:
    """Orgs the v2 leaderboard flags as official providers, plus the embedded list."""
    path = sources / "models-open-llm-leaderboard-v2.jsonl"
    rows = read_jsonl(path) if path.exists() else ()
    flagged = {r["hf_id"].split("/")[0].lower() for r in rows if r.get("is_official_provider")}
    return OFFICIAL_ORGS | flagged


def release_kind(model_type: str | None) -> bool:
    """Pre-trained and chat releases are named models; domain fine-tunes and merges are noise."""
    kind = re.sub(r"[^a-z]", "", (model_type or "").lower())
    return kind.startswith(("pretrained", "continuouslypretrained", "chatmodels"))


def read_leaderboard(rows: Iterable[dict], source: str, orgs: frozenset[str]) -> Iterator[Candidate]:
    for row in rows:
        org = (row.get("org") or row["hf_id"].split("/")[0]).lower()
        official = row.get("is_official_provider") or org in orgs
        # v2 (with `base_model`) is the curated leaderboard: any non-merge there is a release.
        kind = re.sub(r"[^a-z]", "", (row.get("model_type") or "").lower())
        named = not row.get("is_merged") and not kind.startswith("basemerges") and (
            "base_model" in row or release_kind(kind))
        if official or named:
            yield hf_candidate(row["hf_id"], source, 7, community=not official,
                               params=params_of(row["hf_id"]))


def read_lmarena(rows: Iterable[dict], source: str) -> Iterator[Candidate]:
    for row in rows:
        yield Candidate("model", row["name"], source, 1, organization=row.get("organization"))


def read_helm_models(rows: Iterable[dict], source: str) -> Iterator[Candidate]:
    for row in rows:
        # Display names with parentheses (`GPT-4o (2024-05-13) (DSPy MIPROv2)`) are HELM's
        # run labels; the ids and deployment names are the spellings worth keeping.
        tails = [a.rsplit("/", 1)[-1] for a in [row["name"], *row.get("aliases", [])] if "(" not in a]
        size = params_from_count(row.get("num_parameters"))
        yield Candidate("model", helm_display(row["display_name"]), source, 2,
                        aliases=[row["name"], *tails],
                        organization=row.get("creator"), params=size)


def helm_display(name: str) -> str:
    """`Llama 2 (7B)` -> `Llama 2 7B`; other parentheses (dates, modes) are dropped."""
    def keep_size(match: re.Match) -> str:
        return f" {size}" if (size := params_of(match.group(0))) else ""
    return re.sub(r"\s*\([^)]*\)", keep_size, name).strip()


def read_openrouter(rows: Iterable[dict], source: str) -> Iterator[Candidate]:
    for row in rows:
        maker, _, name = row["name"].rpartition(": ")
        aliases = list(row.get("aliases", []))
        if maker and row.get("hf_id") and compact(f"{maker} {name}") == compact(strip_repo(row["hf_id"])):
            # `DeepSeek: R1 0528` is `DeepSeek-R1-0528`: the maker is part of the name, and the bare
            # `R1` is no spelling of it
            aliases = [a for a in aliases if a != name]
            name = f"{maker} {name}"
        tails = [a.rsplit("/", 1)[-1] for a in aliases if "/" in a]
        ids = {"huggingface": row["hf_id"]} if row.get("hf_id") else {}
        yield Candidate("model", name, source, 2, aliases=[*aliases, *tails],
                        ids=ids, organization=row.get("organization"))


def hosted_candidate(hf_id: str, source: str) -> Candidate:
    """A hosted copy of a maker's model: its path is a spelling, not proof of an HF repo."""
    cand = hf_candidate(hf_id, source, 6)
    cand.ids = {}
    return cand


def hosted_hf_id(path: str) -> str | None:
    """`deepinfra/Qwen/Qwen2.5-7B-Instruct` -> `Qwen/Qwen2.5-7B-Instruct` when the org is official."""
    parts = path.split("/")
    for i, part in enumerate(parts[:-1]):
        if part.lower() in OFFICIAL_ORGS and i == len(parts) - 2:
            return f"{part}/{parts[-1]}"
    return None


def read_litellm(rows: Iterable[dict], source: str) -> Iterator[Candidate]:
    for row in rows:
        if row.get("mode") not in CHAT_MODES:
            continue
        if hf_id := hosted_hf_id(row["name"]):
            yield hosted_candidate(hf_id, source)
            continue
        bare = [a for a in row.get("aliases", []) if "/" not in a] or [row["name"]]
        org = FIRST_PARTY_PROVIDERS.get(row.get("provider") or "")
        name = re.sub(r"@\d+$", "", bare[-1])
        yield Candidate("model", name, source, 6, aliases=bare, organization=org,
                        alias_only=org is None)


def read_transformers(rows: Iterable[dict], source: str) -> Iterator[Candidate]:
    for row in rows:
        ids = {"arxiv": a} if (a := one(row.get("arxiv_ids", []))) else {}
        yield Candidate("model", row["name"], source, 3, aliases=[row["model_type"]], ids=ids,
                        organization=row.get("organization"))


def read_vllm(rows: Iterable[dict], source: str) -> Iterator[Candidate]:
    for row in rows:
        for family in row.get("model_families", []):
            yield Candidate("model", family, source, 3)
        for hf_id in row.get("example_hf_ids", []):
            yield hf_candidate(hf_id, source, 5)


def read_opencompass_models(rows: Iterable[dict], source: str) -> Iterator[Candidate]:
    for row in rows:
        if row.get("hf_id"):
            cand = hf_candidate(row["hf_id"], source, 5)
            cand.aliases += row.get("aliases", [])
            yield cand
        else:
            yield Candidate("model", row["name"], source, 5, aliases=row.get("aliases", []))


def read_fastchat(rows: Iterable[dict], source: str) -> Iterator[Candidate]:
    """A registry row groups several models under one simple name: each is its own candidate."""
    for row in rows:
        yield Candidate("model", row["name"], source, 2)
        for alias in row.get("aliases", []):
            if "/" in alias:
                yield hf_candidate(alias, source, 5)
            else:
                yield Candidate("model", alias, source, 6)


def read_fastchat_hf(rows: Iterable[dict], source: str) -> Iterator[Candidate]:
    for row in rows:
        yield hf_candidate(row["hf_id"], source, 5)


def read_ollama(rows: Iterable[dict], source: str) -> Iterator[Candidate]:
    for row in rows:
        yield Candidate("model", row["name"], source, 6)


# ---------------------------------------------------------------- readers: benchmarks, datasets


def _same_thing(alias: str, *names: str) -> bool:
    """An alias joins only when it is the same string up to separators (`ARC_c` is not `ARC`)."""
    return any(compact(alias) == compact(n) for n in names)


def read_lm_eval(rows: Iterable[dict], source: str) -> Iterator[Candidate]:
    for row in rows:
        folder, display = row["name"], row.get("display_name") or ""
        good = display and (compact(folder) in compact(display) or compact(display) in compact(folder))
        name = display if good else folder
        aliases = [folder, *[a for a in row.get("aliases", []) if _same_thing(a, name, folder)]]
        ids = {"huggingface": h} if (h := one(row.get("hf_dataset_ids", []))) else {}
        if a := arxiv_of(row.get("paper_url")):
            ids["arxiv"] = a
        yield Candidate("data", name, source, 4, "benchmark", aliases=aliases, ids=ids)


def read_opencompass_benchmarks(rows: Iterable[dict], source: str) -> Iterator[Candidate]:
    for row in rows:
        name = row["name"]
        aliases = [a for a in [row.get("key"), *row.get("aliases", [])] if a and _same_thing(a, name)]
        hf = one(p for p in row.get("data_paths", []) if re.fullmatch(r"[\w.-]+/[\w.-]+", p)
                 and not p.startswith("opencompass/"))
        ids = {"huggingface": hf} if hf else {}
        if a := arxiv_of(row.get("paper_url")):
            ids["arxiv"] = a
        yield Candidate("data", name, source, 3, "benchmark", aliases=aliases, ids=ids)


def read_helm_benchmarks(rows: Iterable[dict], source: str) -> Iterator[Candidate]:
    for row in rows:
        if row.get("is_aggregate"):
            continue
        name = row.get("display_name") or row["name"]
        aliases = [row["name"]] if _same_thing(row["name"], split_parens(name)[0]) else []
        ids = {"arxiv": a} if (a := one(arxiv_of(u) for u in row.get("reference_urls", []))) else {}
        yield Candidate("data", name, source, 4, "benchmark", aliases=aliases, ids=ids)


def read_bigcode(rows: Iterable[dict], source: str) -> Iterator[Candidate]:
    for row in rows:
        name = row["name"]
        aliases = [t for t in row.get("task_names", []) if _same_thing(t, name)]
        hf = one(m.group(1) for u in row.get("reference_urls", []) if (m := _HF_DATASET_URL.search(u)))
        yield Candidate("data", name, source, 3, "benchmark", aliases=aliases,
                        ids={"huggingface": hf} if hf else {})


def read_awesome(rows: Iterable[dict], source: str) -> Iterator[Candidate]:
    for row in rows:
        category = row.get("category") or ""
        hint = "corpus" if category.startswith("Pre-training") else (
            "benchmark" if category.startswith("Evaluation") else "dataset")
        ids = {k: v for k, v in (("huggingface", row.get("hf_id")), ("arxiv", row.get("arxiv_id"))) if v}
        yield Candidate("data", row["name"], source, 2, hint, ids=ids,
                        organization=row.get("publisher"))


def read_hf_legacy(rows: Iterable[dict], source: str) -> Iterator[Candidate]:
    for row in rows:
        pretty = row.get("pretty_name")
        name = pretty if pretty and len(pretty.split()) <= 6 else row["name"]
        ids = {"huggingface": row["name"]}
        if row.get("paperswithcode_id"):
            ids["paperswithcode"] = row["paperswithcode_id"]
        if a := arxiv_of(row.get("paper_url")):
            ids["arxiv"] = a
        yield Candidate("data", name, source, 5, "dataset", aliases=[row["name"]], ids=ids)


def read_data_provenance(rows: Iterable[dict], source: str) -> Iterator[Candidate]:
    """Collections by name, and one dataset per distinct HF id (row names are task ids)."""
    by_hf: dict[str, list[dict]] = defaultdict(list)
    collections: set[str] = set()
    for row in rows:
        collections.add(strip_parens(row["collection"]))
        if m := _HF_DATASET_URL.search(row.get("hf_url") or ""):
            by_hf[m.group(1)].append(row)
    for name in sorted(collections):
        yield Candidate("data", name, source, 4, "dataset")
    for hf_id, group in sorted(by_hf.items()):
        ids = {"huggingface": hf_id}
        if pwc := one(m.group(1) for r in group if (m := _PWC.search(r.get("pwc_url") or ""))):
            ids["paperswithcode"] = pwc
        if a := one(arxiv_of(r.get("arxiv_url")) for r in group):
            ids["arxiv"] = a
        yield Candidate("data", hf_id.rsplit("/", 1)[-1], source, 6, "dataset",
                        aliases=[hf_id], ids=ids)


def read_mlabonne(rows: Iterable[dict], source: str) -> Iterator[Candidate]:
    for row in rows:
        ids = {"huggingface": row["hf_id"]} if row.get("hf_id") else {}
        if a := one(row.get("arxiv_ids", [])):
            ids["arxiv"] = a
        yield Candidate("data", row["name"], source, 3, "dataset", aliases=[], ids=ids)


def read_helm_modules(path: Path) -> Iterator[Candidate]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield Candidate("data", line.strip(), path.name, 9, "benchmark", alias_only=True)


def read_seed(path: Path) -> Iterator[Candidate]:
    """The curated seed: one candidate per line, whose type, spelling and aliases are trusted."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            type_ = EntityType(row["type"]).value
            ids = {"arxiv": row["arxiv"]} if row.get("arxiv") else {}
            yield Candidate("model" if type_ == "model" else "data", row["name"], SEED_SOURCE, 0,
                            type_, aliases=list(row.get("aliases", [])), ids=ids,
                            organization=row.get("organization"), type_=type_,
                            family=row.get("family"), joins=list(row.get("aliases", [])))
        except (json.JSONDecodeError, KeyError, ValueError, TypeError) as exc:
            raise InputError(str(path), f"malformed seed entry ({exc!r})", number) from exc


READERS: dict[str, Callable[..., Iterator[Candidate]]] = {
    "models-lmarena.jsonl": read_lmarena,
    "models-helm.jsonl": read_helm_models,
    "models-openrouter.jsonl": read_openrouter,
    "models-litellm.jsonl": read_litellm,
    "models-transformers-architectures.jsonl": read_transformers,
    "models-vllm-supported.jsonl": read_vllm,
    "models-opencompass-configs.jsonl": read_opencompass_models,
    "models-fastchat-registry.jsonl": read_fastchat,
    "models-fastchat-supported-hf-ids.jsonl": read_fastchat_hf,
    "models-ollama-library.jsonl": read_ollama,
    "benchmarks-lm-eval-harness.jsonl": read_lm_eval,
    "benchmarks-opencompass.jsonl": read_opencompass_benchmarks,
    "benchmarks-helm.jsonl": read_helm_benchmarks,
    "benchmarks-bigcode-eval-harness.jsonl": read_bigcode,
    "datasets-awesome-llms-datasets.jsonl": read_awesome,
    "datasets-hf-legacy-cards.jsonl": read_hf_legacy,
    "datasets-data-provenance.jsonl": read_data_provenance,
    "datasets-llm-posttraining-mlabonne.jsonl": read_mlabonne,
}
LEADERBOARDS = ("models-open-llm-leaderboard-v2.jsonl", "models-open-llm-leaderboard-v1.jsonl")


def read_all(sources: Path, seed: Path | None = None) -> list[Candidate]:
    """Every candidate of every list present in SOURCES and of SEED, parentheses resolved and
    junk names dropped."""
    found: list[Candidate] = []
    for file_name, reader in READERS.items():
        if (sources / file_name).exists():
            found += reader(read_jsonl(sources / file_name), file_name)
    orgs = official_orgs(sources)
    for file_name in LEADERBOARDS:
        if (sources / file_name).exists():
            found += read_leaderboard(read_jsonl(sources / file_name), file_name, orgs)
    if (modules := sources / "benchmarks-helm-scenario-modules.txt").exists():
        found += read_helm_modules(modules)
    if seed is not None:
        found += read_seed(seed)
    return [c for c in map(unparen, found) if not is_junk(c.name)]


# ---------------------------------------------------------------- merging


class UnionFind:
    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def org_words(cands: Iterable[Candidate | dict]) -> frozenset[str]:
    """First words (3+ letters) of the makers of these candidates: `meta`, `microsoft`, `ai21`.

    Only a candidate's own maker counts: a community uploader's name before a base model's
    (`KingNish-Llama3-8B`) or another project's (`llava-llama3`) names a different model.
    """
    orgs = []
    for cand in cands:
        ids = cand.ids if isinstance(cand, Candidate) else cand["external_ids"]
        org = cand.organization if isinstance(cand, Candidate) else cand["organization"]
        orgs += [org, ids.get("huggingface", "/").split("/")[0]]
    words = {re.split(r"[^a-z0-9]+", (org or "").lower())[0] for org in orgs}
    return frozenset(w for w in words if len(w) >= 3 and w != "the")


def without_org(name: str, orgs: frozenset[str]) -> str | None:
    """`Meta-Llama-3-8B` -> `Llama-3-8B`, `Anthropic HH-RLHF` -> `HH-RLHF`: the maker's name
    is often written before a model's; kept only when what remains is itself name-like."""
    match = re.match(r"([A-Za-z0-9]+)[-_ ]+(?=[A-Za-z])", name)
    if not match or match.group(1).lower() not in orgs:
        return None
    rest = name[match.end():]
    parts = name_key(rest).split("-")
    if all(p in GENERIC_KEYS or p in GENERIC_PARTS for p in parts):
        return None  # `CultriX-MoE-Model` is not `MoE Model`
    return rest if len(parts) >= 2 and any(len(p) >= 3 and p.isalpha() for p in parts) else None


def name_keys(cand: Candidate, with_org: bool = True) -> set[str]:
    """Keys a candidate's own name is known by: its key, without a leading `the`, and without
    a leading organisation word."""
    name = strip_repo(cand.name)
    key = name_key(name)
    keys = {key, key[4:]} if key.startswith("the-") and len(key) > 6 else {key}
    if with_org and (rest := without_org(name, org_words([cand]))):
        keys.add(name_key(rest))
    return keys


def compatible(a: Candidate, b: Candidate) -> bool:
    """Ids may join two spellings only when their numbers agree and one contains the other.

    A paper or an HF repo can hold several sizes or splits; this keeps `HumanEval` and
    `HumanEval+`, or two sizes sharing a paper, apart whatever ids they share.
    """
    ka, kb = compact(strip_repo(a.name)), compact(strip_repo(b.name))
    nums = lambda n: sorted(re.findall(r"\d+(?:\.\d+)?", name_key(n)))  # noqa: E731
    plus = lambda n: "plus" in name_key(n).split("-")  # noqa: E731
    if nums(a.name) != nums(b.name) or plus(a.name) != plus(b.name):
        return False
    return ka in kb or kb in ka


def common_order(ranked: list[Candidate]) -> Candidate:
    """The best-ranked spelling, in the word order most lists use: where one list writes a name's
    words in another order (HELM's `Falcon Instruct 7B` for `Falcon-7B-Instruct`), the others win."""
    best = ranked[0]
    if best.source == SEED_SOURCE:
        return best
    words = order_free(name_key(strip_repo(best.name)))
    orders = [name_key(strip_repo(c.name)) for c in ranked if order_free(name_key(strip_repo(c.name))) == words]
    top = max(dict.fromkeys(orders), key=orders.count)  # a tie keeps the best-ranked order
    return next(c for c in ranked if name_key(strip_repo(c.name)) == top)


def order_free(key: str) -> str:
    """A model key whose words may stand in any order, its numbers not: lists write `Claude Opus 4`
    and `Claude 4 Opus`, `Falcon-7B-Instruct` and `Falcon Instruct 7B` for one model, while the
    numbers' order tells versions, sizes and dates apart (`preview-05-06` is not `preview-06-05`)."""
    parts = key.split("-")
    numbers = [p for p in parts if p[:1].isdigit() or re.fullmatch(r"a\d.*", p)]
    words = sorted(p for p in parts if p not in numbers)
    return "~" + "-".join(numbers) + "|" + "-".join(words)


def unique_ids(cands: list[Candidate]) -> set[tuple[str, str, str]]:
    """(source, kind, id) triples that name one thing only within their own list."""
    counts = Counter((c.source, k, v.lower()) for c in cands for k, v in c.ids.items())
    return {t for t, n in counts.items() if n == 1}


def merge(cands: list[Candidate]) -> list[list[Candidate]]:
    """Groups of candidates naming the same thing (entry candidates only)."""
    uf = UnionFind(len(cands))
    by_key: dict[tuple[str, str], int] = {}
    for i, cand in enumerate(cands):
        joins = {name_key(strip_repo(j)) for j in cand.joins if not is_junk(strip_repo(j))}
        keys = name_keys(cand) | joins
        if cand.kind == "model":  # `Qwen2.5 Instruct 7B` (HELM) is `Qwen2.5-7B-Instruct`
            keys |= {order_free(k) for k in keys}
        for key in sorted(keys):
            uf.union(i, by_key.setdefault((cand.kind, key), i))
    ok = unique_ids(cands)
    by_id: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, cand in enumerate(cands):
        for kind, value in cand.ids.items():
            if (cand.source, kind, value.lower()) in ok:
                by_id[(cand.kind, kind, value.lower())].append(i)
    for members in by_id.values():
        for i in members[1:]:
            if compatible(cands[members[0]], cands[i]):
                uf.union(members[0], i)
    groups: dict[int, list[Candidate]] = defaultdict(list)
    for i, cand in enumerate(cands):
        groups[uf.find(i)].append(cand)
    return [groups[root] for root in sorted(groups)]


# ---------------------------------------------------------------- entries


def spelling_rank(cand: Candidate) -> tuple:
    """Prefer the seed's spelling, then creators' display spellings: good source, some
    capitals, no `_`."""
    name = cand.name
    penalty = (name == name.lower()) + 2 * ("_" in name)
    return (cand.source != SEED_SOURCE, penalty, cand.rank, len(name), name)


def entry_type(group: list[Candidate]) -> str:
    if group[0].kind == "model":
        return "model"
    if fixed := first(c.type_ for c in group):
        return fixed
    hints = {c.hint for c in group}
    if "corpus" in hints:
        return "dataset"
    return "benchmark" if "benchmark" in hints else "dataset"


def first(values: Iterable[str | None]) -> str | None:
    return next((v for v in values if v), None)


def build_entry(group: list[Candidate]) -> dict:
    """One catalog record from a merged group; aliases are filtered later."""
    # A community upload that shares a name with a maker's model (`someone/Llama3`) is another
    # model: it lends no spelling, alias or id to the maker's entry.
    group = sorted([c for c in group if not c.community] or group, key=spelling_rank)
    best = common_order(group)
    type_ = entry_type(group)
    aliases = {c.name for c in group} | {a for c in group for a in c.aliases if a}
    ids: dict[str, str] = {}
    for cand in sorted(group, key=lambda c: (c.rank, c.source)):
        for kind, value in sorted(cand.ids.items()):
            ids.setdefault(kind, value)
    by_rank = sorted(group, key=lambda c: (c.rank, c.source, c.name))
    return {
        "id": entity_id(type_, best.name), "type": type_, "name": best.name,
        "aliases": aliases, "family": first(c.family for c in group),
        "params": (params_of(best.name) or first(c.params for c in by_rank)) if type_ == "model" else None,
        "organization": first(c.organization for c in by_rank),
        "external_ids": ids, "sources": sorted({c.source for c in group}),
        "community": all(c.community for c in group),
        # Keys of the seed's own spellings: a curated alias outranks a list's shared one.
        "pinned": {name_key(a) for c in group if c.source == SEED_SOURCE for a in [c.name, *c.aliases]},
    }


def maker_names(cands: Iterable[Candidate]) -> frozenset[str]:
    """Name keys of the organisations the model lists name as makers (`openai`, `google`)."""
    return frozenset(name_key(c.organization) for c in cands
                     if c.source in MAKER_LISTS and c.organization) - {""}


def is_task_word(name: str, zipf: Callable[[str, str], float]) -> bool:
    """One ordinary English word in lower or title case (`Detection`, `biology`), not an acronym
    in capitals (`RACE`) or a camel-case coinage (`HellaSwag`)."""
    if not re.fullmatch(r"[A-Za-z]+", name) or (name.isupper() and len(name) > 1):
        return False
    return not re.search(r"[a-z][A-Z]", name) and zipf(name.lower(), "en") >= TASK_WORD_ZIPF


def non_entity_reason(entry: dict, makers: frozenset[str], zipf: Callable[[str, str], float]) -> str | None:
    """Why a dataset/benchmark entry is not an entity, or None; the seed vouches for its own."""
    if entry["type"] == "model" or SEED_SOURCE in entry["sources"]:
        return None
    if name_key(entry["name"]) in makers:
        return "organisation"
    return "task word" if is_task_word(entry["name"], zipf) else None


def drop_non_entities(entries: list[dict], makers: frozenset[str], zipf: Callable[[str, str], float],
                      report: dict[str, list[str]] | None = None) -> list[dict]:
    """Entries minus organisation names and task words typed as data; REPORT gets what went."""
    kept = []
    for entry in entries:
        if reason := non_entity_reason(entry, makers, zipf):
            if report is not None:
                report.setdefault(reason, []).append(f"{entry['type']}:{entry['name']}")
        else:
            kept.append(entry)
    return kept


def drop_shadowed_data(entries: list[dict]) -> list[dict]:
    """A dataset/benchmark that one list alone names like a model (lm-eval's `llama3` task
    folder) is that list's label for the model's evaluation suite, not a separate entity."""
    model_keys = {name_key(e["name"]) for e in entries if e["type"] == "model"}
    return [e for e in entries if e["type"] == "model" or len(e["sources"]) > 1
            or name_key(e["name"]) not in model_keys]


def attach_alias_only(entries: list[dict], extras: list[Candidate]) -> None:
    """Spellings from noisy lists join an entry that has the same key, and nothing else."""
    index = {(e["type"] == "model", name_key(strip_repo(e["name"]))): e for e in entries}
    for cand in extras:
        for key in sorted(name_keys(cand)):
            entry = index.get((cand.kind == "model", key))
            if entry:
                entry["aliases"].update(a for a in [cand.name, *cand.aliases] if a)
                entry["sources"] = sorted(set(entry["sources"]) | {cand.source})
                for kind, value in cand.ids.items():
                    entry["external_ids"].setdefault(kind, value)


def alias_keys(alias: str) -> set[str]:
    return {name_key(alias), name_key(strip_repo(alias))} - {""}


def common_word(word: str, zipf: Callable[[str, str], float]) -> bool:
    """A single lowercase-able word that is frequent English or in the embedded list."""
    if not re.fullmatch(r"[A-Za-z]+", word):
        return False
    if word.lower() in AMBIGUOUS_WORDS:
        return True
    # Acronyms in capitals (BERT) and camel case (HellaSwag, BoolQ) are coined names.
    if (word.isupper() and len(word) > 1) or re.search(r"[a-z][A-Z]", word):
        return False
    return zipf(word.lower(), "en") >= WORDFREQ_COMMON


def clean_aliases(entries: list[dict], zipf: Callable[[str, str], float]) -> None:
    """Drop junk aliases, common-word aliases of multi-word names, and aliases two entries share
    (unless the seed gave it to this one).

    An alias whose key is another entry's name key belongs to that entry, so `lookup` and the
    recogniser always resolve a spelling to a single entity.
    """
    name_owner = {(e["type"] == "model", name_key(strip_repo(e["name"]))) for e in entries}
    usage: Counter = Counter()
    for e in entries:
        for key in {k for a in e["aliases"] for k in alias_keys(a)}:
            usage[(e["type"] == "model", key)] += 1
    for e in entries:
        own = name_key(strip_repo(e["name"]))
        kept = set()
        for alias in e["aliases"]:
            if alias == e["name"] or is_junk(strip_repo(alias)) and "/" not in alias:
                continue
            keys = alias_keys(alias)
            side = e["type"] == "model"
            named = any((side, k) in name_owner for k in keys)
            shared = any(usage[(side, k)] > 1 for k in keys) and not keys & e.get("pinned", set())
            if own not in keys and (named or shared):
                continue
            if " " not in alias and common_word(alias, zipf) and name_key(alias) != own:
                continue
            kept.add(alias)
        e["aliases"] = kept


def derive_family(name: str) -> str | None:
    """`Llama-2-7B-Chat` -> `Llama-2`; `GPT-4o-2024-05-13` -> `GPT-4o`; None when no variant."""
    match = _SIZE_IN_NAME.search(name)
    if match and match.start() > 0:
        family = name[: match.start()].rstrip(" -_(")
    else:
        family = name
        for _ in range(3):
            family = _VARIANT_TAIL.sub("", _DATE_TAIL.sub("", family))
    if not family or name_key(family) == name_key(name) or is_junk(family):
        return None
    return family


def derive_sized(name: str) -> str | None:
    """`Mistral-7B-Instruct-v0.2` -> `Mistral-7B`: the one-size model its variants share."""
    match = _SIZE_IN_NAME.search(name)
    if not match or match.start() == 0:
        return None
    end = match.end()
    if active := re.match(r"[-_ ]?A\d+(?:\.\d+)?B(?![a-z])", name[end:], re.IGNORECASE):
        end += active.end()  # `57B-A14B` is one size: total and active parameters
    return name[:end] if name[end:].strip(" -_") else None


def best_spelling(spellings: Iterable[str]) -> str:
    return sorted(spellings, key=lambda s: (s == s.lower(), len(s), s))[0]


def derived_entry(spelling: str, members: list[dict], params: str | None) -> dict:
    return {"id": entity_id("model", spelling), "type": "model", "name": spelling,
            "aliases": set(), "family": None, "params": params,
            "organization": first(m["organization"] for m in members),
            "external_ids": {}, "sources": ["derived"]}


def group_by_derived(models: dict[str, dict], derive: Callable[[str], str | None]) -> dict:
    derived: dict[str, list[tuple[dict, str]]] = defaultdict(list)
    for entry in list(models.values()):
        if (stem := derive(entry["name"])) and name_key(stem) != name_key(entry["name"]):
            derived[name_key(stem)].append((entry, stem))
    return derived


def add_derived(models: dict[str, dict], derive: Callable[[str], str | None]) -> list[tuple[dict, dict]]:
    """Owners (existing or new, when two variants share a stem) paired with each variant.

    An owner named in lower case only (an ollama tag) takes the variants' spelling; its id
    does not change because the key is the same.
    """
    pairs = []
    for key, members in sorted(group_by_derived(models, derive).items()):
        # `Meta-Llama-3-8B` stems belong to `Llama-3-8B` when that exists, whoever uploaded them.
        rest = without_org(members[0][1], frozenset([name_key(members[0][1]).split("-")[0]]))
        owner = models.get(key) or (models.get(name_key(rest)) if rest else None) or maker_named(models, key)
        spelling = best_spelling(m[1] for m in members)
        makers = [m for m in members if not m[0].get("community")]
        if owner is None and (len(members) < 2 or not makers):
            continue
        if owner is None:
            owner = models[key] = derived_entry(spelling, [m[0] for m in members], params_of(spelling))
        elif (owner["name"] == owner["name"].lower() and spelling != spelling.lower()
              and name_key(spelling) == name_key(owner["name"])):
            owner["aliases"].add(owner["name"])
            owner["name"] = spelling
        pairs += [(owner, entry) for entry, _ in members]
    return pairs


# First words of makers' names as repos write them before a model's (`Meta-Llama-3.1-8B`).
MAKER_WORDS = frozenset(name_key(org).split("-")[0] for org in OFFICIAL_ORGS) - {"the"}


def maker_named(models: dict[str, dict], key: str) -> dict | None:
    """The model a stem names with its maker's word in front: community fine-tunes of `Llama3.1 8B`
    share the stem of `Meta-Llama-3.1-8B`, which is that model, not a new one."""
    if not re.search(r"\d", key):
        return None  # a bare family word (`moe`) is too loose to find its maker's model by
    found = [models[f"{word}-{key}"] for word in sorted(MAKER_WORDS) if f"{word}-{key}" in models]
    # only the maker's own repo: a host's copy (`databricks-claude-3-7-sonnet`) is no owner
    found = [e for e in found if e["external_ids"].get("huggingface", "").split("/")[0].lower() in OFFICIAL_ORGS]
    return found[0] if len(found) == 1 else None


def add_families(entries: list[dict]) -> list[dict]:
    """Add one-size models (`Mistral-7B`) and families (`Llama 2`) that variants share."""
    models = {name_key(e["name"]): e for e in entries if e["type"] == "model"}
    before = set(models)
    add_derived(models, derive_sized)
    for owner, entry in add_derived(models, derive_family):
        entry["family"] = entry["family"] or owner["name"]  # the seed's family wins
    for key, entry in models.items():
        if entry["family"] is None and (fam := derive_family(entry["name"])):
            owner = models.get(name_key(fam))
            entry["family"] = owner["name"] if owner and owner is not entry else None
    return entries + [models[k] for k in sorted(set(models) - before)]


def is_ambiguous(entry: dict, zipf: Callable[[str, str], float]) -> bool:
    """The name is a common word; aliases that are common words were dropped unless they
    spell the name itself (`arc` for `ARC`), so the name decides."""
    return common_word(entry["name"], zipf)


def is_category(entry: dict, zipf: Callable[[str, str], float]) -> bool:
    """A common word that one list alone gives, with no id, is a subject or task, not a name
    (HELM's `Anatomy`, `Reasoning`); the seed vouches for its own (`Cora`)."""
    alone = entry["sources"] != [SEED_SOURCE] and len(entry["sources"]) == 1 and (
        not entry["external_ids"] or entry["community"])
    return alone and common_word(entry["name"], zipf)


def finish(entry: dict, zipf: Callable[[str, str], float]) -> dict:
    """The record as written: fixed field order, sorted lists."""
    return {
        "id": entity_id(entry["type"], entry["name"]), "type": entry["type"], "name": entry["name"],
        "aliases": sorted(entry["aliases"] - {entry["name"]}),
        "family": entry["family"], "params": entry["params"],
        "organization": entry["organization"],
        "external_ids": dict(sorted(entry["external_ids"].items())),
        "ambiguous": is_ambiguous(entry, zipf), "sources": entry["sources"],
    }


def build(sources: Path, seed: Path | None = DEFAULT_SEED,
          report: dict[str, list[str]] | None = None) -> list[dict]:
    """All catalog records built from the lists in SOURCES and the SEED, sorted by id; the
    names of dropped non-entities go into REPORT by reason."""
    from wordfreq import zipf_frequency

    cands = read_all(sources, seed)
    groups = merge([c for c in cands if not c.alias_only])
    entries = [e for e in map(build_entry, groups) if not is_category(e, zipf_frequency)]
    entries = drop_non_entities(entries, maker_names(cands), zipf_frequency, report)
    entries = drop_shadowed_data(entries)
    attach_alias_only(entries, [c for c in cands if c.alias_only])
    entries = add_families(entries)
    clean_aliases(entries, zipf_frequency)
    records = sorted((finish(e, zipf_frequency) for e in entries), key=lambda r: r["id"])
    return drop_unresolvable(records)


def drop_unresolvable(records: list[dict]) -> list[dict]:
    """Drop aliases the loader would resolve to another entry (or to none), so every surface
    form of the written catalog looks up its own entry."""
    for _ in range(3):
        catalog = Catalog([entry_from_record(r) for r in records])
        wrong = {(e.id, form) for form, e in catalog.surface_forms() if catalog.lookup(form, e.type) is not e}
        if not wrong:
            break
        for record in records:
            record["aliases"] = [a for a in record["aliases"]
                                 if (record["id"], a) not in wrong
                                 and (record["id"], a.rsplit("/", 1)[-1]) not in wrong]
    return records


def write(records: list[dict], out: Path) -> None:
    """Gzip JSON Lines with mtime 0, so identical records give identical bytes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as handle:
        for record in records:
            handle.write((json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode())
    out.write_bytes(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED, help="curated seed list (JSON Lines)")
    args = parser.parse_args(argv)
    if not args.sources.is_dir():
        parser.error(f"sources folder {args.sources} does not exist")
    if not args.seed.is_file():
        parser.error(f"seed file {args.seed} does not exist")
    report: dict[str, list[str]] = {}
    try:
        records = build(args.sources, args.seed, report)
    except InputError as exc:
        parser.exit(1, f"error: {exc}\n")
    write(records, args.out)
    counts = Counter(r["type"] for r in records)
    for type_ in ("model", "dataset", "benchmark"):
        print(f"{type_}: {counts[type_]}")
    for reason, names in sorted(report.items()):
        print(f"dropped ({reason}): {len(names)}")
    print(f"ambiguous: {sum(r['ambiguous'] for r in records)}; wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
