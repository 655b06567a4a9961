"""Name normalisation: one key per real-world name, different sizes and versions never equal.

`name_key("LLaMA-2 7B") == name_key("Llama2-7B") == "llama-2-7b"`, while
`name_key("Qwen2.5-7B") == "qwen-2.5-7b" != name_key("Qwen2-57B") == "qwen-2-57b"`.
A name is cut into tokens at separators and at letter/digit boundaries, except that a
number keeps its unit (`7b`, `8x7b`, `a14b`) and its decimal point (`2.5`), so
separators and case never matter and digits never run together across a boundary.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.model import EntityType

# A size like 7B, 0.5B, 1.8T, 350M, 8x7B, or the active-parameter half of 57B-A14B.
_SIZE = r"(?:\d+x)?\d+(?:\.\d+)?[bmkt]"
_TOKEN = re.compile(rf"a?{_SIZE}(?![a-z])|\d+(?:\.\d+)*[a-z]?(?![a-z])|\d+(?:\.\d+)*|[a-z]+")
_HF_SUFFIX = re.compile(r"[-_](?:hf|pt)$", re.IGNORECASE)
# Compiled once: `re.sub(pattern, ...)` looks its pattern up in re's cache on every call.
_SIZE_TIMES = re.compile(r"(?<=\d)\s*x\s*(?=\d+(?:\.\d+)?[bmkt]\b)")  # `8 x 7b` -> `8x7b`
_VERSION_V = re.compile(r"(?<=[a-z])v(?=\d)")  # `dinov2` -> `dino v2`
_SLUG_PART = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Unicode-fold and lowercase, turning typographic dashes into plain separators."""
    text = unicodedata.normalize("NFKC", text)
    return text.lower().replace("\u2010", "-").replace("\u2011", "-").replace("\u2013", "-")


def tokens(name: str) -> list[str]:
    """The name's tokens: words, versions (`2.5`), sizes (`7b`, `8x7b`) and tags like `4o`."""
    text = fold(name).replace("+", " plus ")
    text = _SIZE_TIMES.sub("x", text)
    text = _VERSION_V.sub(" v", text)
    found = _TOKEN.findall(text)
    # "v2" and "2" are one version: `LLaMA-v2` = `Llama 2`, `DINOv2` = `DINO v2`.
    return [t for i, t in enumerate(found) if not (t == "v" and i + 1 < len(found) and found[i + 1][0].isdigit())]


@lru_cache(maxsize=65_536)
def name_key(name: str) -> str:
    """The normalised key of a name: tokens joined by `-` (idempotent). Cached: the linker asks
    for the same few names (and the catalog for its own) over and over."""
    return "-".join(tokens(name))


@lru_cache(maxsize=65_536)
def strip_repo(name: str) -> str:
    """`meta-llama/Llama-2-7b-hf` -> `Llama-2-7b`: a Hugging Face id names its model by its tail.
    A slash before a number is part of the name instead (`DINOv2-B/14`, `ViT-L/14`)."""
    head, _, tail = name.rpartition("/")
    if head and not tail.isdigit():
        name = tail
    return _HF_SUFFIX.sub("", name)


def entity_id(entity_type: EntityType | str, name: str) -> str:
    """The node id a name is minted as: `model:llama-2-7b`."""
    key = name_key(strip_repo(name)) or "unnamed"
    return f"{EntityType(entity_type).value}:{key}"


def slug(text: str) -> str:
    """A readable, stable id fragment for titles, authors and organisations."""
    return "-".join(_SLUG_PART.findall(fold(text)))[:120] or "untitled"
