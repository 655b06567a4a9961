"""The entity catalog: canonical models, datasets and benchmarks with every known spelling.

Input: a gzip JSON-Lines file written by scripts/build_catalog.py (default: the packaged
kg/data/catalog.jsonl.gz). Output: a read-only `Catalog` with O(1) lookup by any spelling's
`name_key`. No side effects besides reading the file; raises `CatalogError` when the file is
missing or corrupt.
"""

from __future__ import annotations

import bisect
import gzip
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from kg.errors import CatalogError
from kg.model import EntityType
from kg.names import entity_id, name_key, strip_repo
from kg.resources import resource_dir

CATALOG_FILE = "catalog.jsonl.gz"
_SIZE_PART = re.compile(r"(?:\d+x)?\d+(?:\.\d+)?b")  # a name_key part that is a parameter count


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """One canonical entity; `id == kg.names.entity_id(type, name)`."""

    id: str
    type: EntityType
    name: str
    aliases: tuple[str, ...] = ()
    family: str | None = None
    params: str | None = None
    organization: str | None = None
    external_ids: tuple[tuple[str, str], ...] = ()
    ambiguous: bool = False
    sources: tuple[str, ...] = ()

    @classmethod
    def named(cls, kind: EntityType, name: str, *aliases: str, **fields) -> "CatalogEntry":
        """An entry whose id is minted from its type and name, as the invariant requires."""
        return cls(entity_id(kind, name), kind, name, tuple(aliases), **fields)

    def forms(self) -> Iterator[str]:
        """The name, each alias, and the tail of every alias that is a Hugging Face id."""
        seen: set[str] = set()
        for form in (self.name, *self.aliases):
            for text in (form, form.rsplit("/", 1)[-1]) if "/" in form else (form,):
                if text not in seen:
                    seen.add(text)
                    yield text


def entry_from_record(record: dict) -> CatalogEntry:
    """A `CatalogEntry` from one JSON record; KeyError/ValueError on a malformed record."""
    return CatalogEntry(
        id=record["id"],
        type=EntityType(record["type"]),
        name=record["name"],
        aliases=tuple(record.get("aliases") or ()),
        family=record.get("family"),
        params=record.get("params"),
        organization=record.get("organization"),
        external_ids=tuple(sorted((record.get("external_ids") or {}).items())),
        ambiguous=bool(record.get("ambiguous", False)),
        sources=tuple(record.get("sources") or ()),
    )


def read_entries(path: Path) -> list[CatalogEntry]:
    """Every entry of a catalog file; CatalogError names the file and line of a bad record."""
    entries = []
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    entries.append(_parse_line(path, number, line))
    except FileNotFoundError as exc:
        raise CatalogError(f"catalog file {path} does not exist; run scripts/build_catalog.py") from exc
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{path}: not a readable gzip JSON-Lines catalog ({exc})") from exc
    return entries


def _parse_line(path: Path, number: int, line: str) -> CatalogEntry:
    try:
        return entry_from_record(json.loads(line))
    except (json.JSONDecodeError, KeyError, ValueError, TypeError, AttributeError) as exc:
        raise CatalogError(f"{path}:{number}: malformed catalog record ({exc!r})") from exc


def _keys(form: str) -> set[str]:
    """The lookup keys of a spelling: its name_key, that of its HF-id tail, and both without a
    leading article (`The Pile` is looked up as `Pile` too)."""
    keys = {name_key(form), name_key(strip_repo(form))} - {""}
    return keys | {k[4:] for k in keys if k.startswith("the-") and len(k) > 4}


class Catalog:
    """Canonical entities by id, and by the name_key of every spelling."""

    def __init__(self, entries: list[CatalogEntry]):
        self._by_id: dict[str, CatalogEntry] = {}
        self._by_name: dict[str, list[CatalogEntry]] = {}
        self._by_key: dict[str, list[CatalogEntry]] = {}
        for entry in entries:
            if entry.id in self._by_id:
                raise CatalogError(f"duplicate catalog id {entry.id!r}")
            self._by_id[entry.id] = entry
            self._by_name.setdefault(name_key(entry.name), []).append(entry)
            for key in {k for form in entry.forms() for k in _keys(form)}:
                self._by_key.setdefault(key, []).append(entry)
        # The linker looks the same names up paper after paper; the indexes never change.
        self._lookup = lru_cache(maxsize=65_536)(self._uncached_lookup)
        self._shorthand = lru_cache(maxsize=65_536)(self._uncached_shorthand)

    @classmethod
    def load(cls, path: Path | None = None) -> Catalog:
        """Read PATH, or the packaged catalog when PATH is None."""
        if path is None:
            try:
                path = resource_dir("data") / CATALOG_FILE
            except FileNotFoundError as exc:
                raise CatalogError("packaged kg/data folder not found") from exc
        return cls(read_entries(Path(path)))

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[CatalogEntry]:
        return iter(self._by_id.values())

    def get(self, entity_id: str) -> CatalogEntry | None:
        return self._by_id.get(entity_id)

    def lookup(self, name: str, type: EntityType | None = None) -> CatalogEntry | None:
        """The one entry a spelling names, or None when none or several do.

        A spelling that is an entry's canonical name names that entry before any alias does.
        With TYPE, entries of that type are preferred: `lookup("Alpaca", EntityType.DATASET)`
        picks the dataset even if a model shares the spelling.
        """
        return self._lookup(name, type)

    def _uncached_lookup(self, name: str, type: EntityType | None) -> CatalogEntry | None:
        for key in (name_key(name), name_key(strip_repo(name))):
            for index in (self._by_name, self._by_key):
                found = self._pick(index.get(key, []), type)
                if found is not False:
                    return found
        return None

    @staticmethod
    def _pick(found: list[CatalogEntry], type: EntityType | None) -> CatalogEntry | None | bool:
        """The single match, None when several match, False when nothing does."""
        if type is not None:
            found = [e for e in found if e.type == type] or found
        if not found:
            return False
        return found[0] if len(found) == 1 else None

    def lookup_shorthand(self, name: str, type: EntityType | None = None) -> CatalogEntry | None:
        """The one model a shortened spelling can only mean, for a name `lookup` does not know.

        Papers shorten names two ways: a size without its unit (`QwQ-32` for `QwQ-32B`), and a
        derived model without the base family its size already implies
        (`DeepSeek-R1-Distill-1.5B` for `DeepSeek-R1-Distill-Qwen-1.5B`). Either links only when
        exactly one entry fits; a different size, version or release tag never fits.
        """
        if type not in (None, EntityType.MODEL):
            return None
        return self._shorthand(name_key(strip_repo(name)))

    def _uncached_shorthand(self, key: str) -> CatalogEntry | None:
        parts = key.split("-")
        if len(parts) < 2:
            return None
        if parts[-1].isdigit():
            return self._unitless_size(key)
        if _SIZE_PART.fullmatch(parts[-1]):
            return self._without_family(parts)
        return None

    def _unitless_size(self, key: str) -> CatalogEntry | None:
        """`qwq-32` -> `qwq-32b`, unless the number could be a version (`qwen-3-…` exists)."""
        at = bisect.bisect_left(self._sorted_keys, key + "-")
        if at < len(self._sorted_keys) and self._sorted_keys[at].startswith(key + "-"):
            return None
        models = {e.id: e for e in self._by_key.get(key + "b", []) if e.type is EntityType.MODEL}
        return next(iter(models.values())) if len(models) == 1 else None

    def _without_family(self, parts: list[str]) -> CatalogEntry | None:
        """An entry whose key is PARTS with one base-family word put back inside."""
        found = {}
        for longer, entry in self._model_shapes.get((parts[0], parts[-1], len(parts) + 1), ()):
            for i in range(1, len(parts)):
                if longer[i] in self._family_words and longer[:i] + longer[i + 1 :] == parts:
                    found[entry.id] = entry
        return next(iter(found.values())) if len(found) == 1 else None

    @cached_property
    def _sorted_keys(self) -> list[str]:
        return sorted(self._by_key)

    @cached_property
    def _family_words(self) -> frozenset[str]:
        """One-word model families (`qwen`, `llama`): the words a derived name may drop."""
        keys = (name_key(e.family) for e in self._by_id.values() if e.family and e.type is EntityType.MODEL)
        return frozenset(k for k in keys if k.isalpha())

    @cached_property
    def _model_shapes(self) -> dict[tuple[str, str, int], list[tuple[list[str], CatalogEntry]]]:
        """Model keys by (first part, last part, length): the candidates a shortened name can be."""
        shapes: dict[tuple[str, str, int], list[tuple[list[str], CatalogEntry]]] = {}
        for key, entries in self._by_key.items():
            if not (key.endswith("b") and _SIZE_PART.fullmatch(key.rpartition("-")[2])):
                continue  # a name that does not end in its size is never shortened so
            parts = key.split("-")
            if len(parts) >= 3 and not self._family_words.isdisjoint(parts[1:-1]):
                for entry in entries:
                    if entry.type is EntityType.MODEL:
                        shapes.setdefault((parts[0], parts[-1], len(parts)), []).append((parts, entry))
        return shapes

    def surface_forms(self) -> Iterator[tuple[str, CatalogEntry]]:
        """Every (spelling, entry) the recogniser should match: names, aliases, HF-id tails."""
        for entry in self._by_id.values():
            for form in entry.forms():
                yield form, entry

    def counts(self) -> dict[str, int]:
        """Entries per type value, every type present (0 when none)."""
        counter = Counter(entry.type.value for entry in self._by_id.values())
        return {t.value: counter.get(t.value, 0) for t in EntityType}
