"""The annotation format (shared/annotation-guidelines.md): write extractions in it, score against it.

`to_record` turns an Extraction into one gold-format object (each entity also carries `id` and
`mentions`). `score` computes micro precision/recall/F1 for entities (untyped and typed),
relations, and cross-paper linking consistency, with the same definitions as the project's
scorer: papers pair by normalised title; a predicted entity matches a gold one when any of its
names/aliases/mentions normalises to one of the gold entity's names/aliases (greedy, in order).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.model import EXTRACTED_RELATIONS, Extraction, RelationType


def to_record(extraction: Extraction) -> dict:
    """One paper in the gold format, entities with their node `id` and surface `mentions`."""
    paper = extraction.paper
    names = {e.id: e.name for e in extraction.entities}
    entities = [_entity_record(e, extraction) for e in extraction.entities]
    relations = [_relation_record(r, names) for r in extraction.relations if r.type in EXTRACTED_RELATIONS]
    return {"paper_id": paper.id, "title": paper.title, "entities": entities, "relations": relations}


def _entity_record(entity, extraction: Extraction) -> dict:
    mentions = sorted({m.text for m in extraction.mentions if m.entity_id == entity.id})
    aliases = sorted(set(entity.aliases) - {entity.name})
    return {"id": entity.id, "type": entity.type.value, "name": entity.name,
            "aliases": aliases, "alt_types": [], "mentions": mentions}


def _relation_record(relation, names: dict[str, str]) -> dict:
    source = "paper" if relation.type is RelationType.INTRODUCES else names.get(relation.source, relation.source)
    record = {"type": relation.type.value, "source": source,
              "target": names.get(relation.target, relation.target), "evidence": relation.evidence.sentence}
    if relation.metric:
        record["metric"] = relation.metric
    if relation.value:
        record["value"] = relation.value
    return record


# ---- scoring ----------------------------------------------------------------------------


def norm(text) -> str:
    """Lowercase alphanumerics, keeping a dot only between digits (`2.5` != `25`)."""
    text = re.sub(r"(?<=\d)\.(?=\d)", "\x00", str(text).lower())
    return re.sub(r"[^0-9a-z\x00]+", "", text).replace("\x00", ".")


def load_records(path: Path) -> dict[str, dict]:
    """Gold-format JSONL keyed by normalised title; a bad line raises InputError with its line."""
    out = {}
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    record = _json_line(path, n, line)
                    out[norm(record.get("title", ""))] = record
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read: {exc}") from exc
    return out


def _json_line(path: Path, n: int, line: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"malformed JSON: {exc.msg}", n) from exc
    if not isinstance(record, dict):
        raise InputError(str(path), "not a JSON object", n)
    return record


def _names(entity: dict, gold: bool) -> set[str]:
    names = {entity.get("name", "")} | set(entity.get("aliases") or [])
    if not gold:
        for m in entity.get("mentions") or []:
            names.add(m.get("text", "") if isinstance(m, dict) else m)
    return {norm(n) for n in names if isinstance(n, str) and norm(n)}


@dataclass
class Scores:
    """Micro P/R/F1 triples and linking consistency, as `kg eval` prints them."""

    papers: int
    papers_missing: int
    entities: tuple[float, float, float]
    entities_typed: tuple[float, float, float]
    relations: tuple[float, float, float]
    linking_consistency: float | None
    linking_groups: int

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: dict[str, dict], pred: dict[str, dict]) -> Scores:
    """Compare predictions with gold, paper by paper (see module docstring)."""
    totals: dict[str, int] = defaultdict(int)
    groups: dict[str, set] = defaultdict(set)
    seen_in: dict[str, int] = defaultdict(int)
    missing = 0
    for key, g in gold.items():
        p = pred.get(key)
        missing += p is None
        _score_paper(g, p or {}, totals, groups, seen_in)
    multi = [k for k, c in seen_in.items() if c >= 2 and k in groups]
    consistent = sum(1 for k in multi if len(groups[k]) == 1)
    return Scores(
        len(gold), missing,
        prf(totals["ent_tp"], totals["ent_pred"], totals["ent_gold"]),
        prf(totals["typed_tp"], totals["ent_pred"], totals["ent_gold"]),
        prf(totals["rel_tp"], totals["rel_pred"], totals["rel_gold"]),
        consistent / len(multi) if multi else None, len(multi),
    )


def _score_paper(g: dict, p: dict, totals, groups, seen_in) -> None:
    gents = g.get("entities", [])
    pents = [e for e in p.get("entities", []) if isinstance(e, dict)]
    gnames = [_names(e, True) for e in gents]
    pnames = [_names(e, False) for e in pents]
    match = _greedy_match(gnames, pnames)
    totals["ent_gold"] += len(gents)
    totals["ent_pred"] += len(pents)
    totals["ent_tp"] += len(match)
    for gi, pi in match.items():
        allowed = {gents[gi].get("type")} | set(gents[gi].get("alt_types") or [])
        totals["typed_tp"] += str(pents[pi].get("type", "")).lower() in allowed
        groups[norm(gents[gi].get("name"))].add(str(pents[pi].get("id", pents[pi].get("name"))))
    for ge in gents:
        seen_in[norm(ge.get("name"))] += 1
    grel = {_gold_rel(r, gnames) for r in g.get("relations", [])}
    prel = {_pred_rel(r, pnames, pents, match) for r in p.get("relations", []) if isinstance(r, dict)}
    totals["rel_gold"] += len(grel)
    totals["rel_pred"] += len(prel)
    totals["rel_tp"] += len(grel & prel)


def _greedy_match(gnames: list[set], pnames: list[set]) -> dict[int, int]:
    match, used = {}, set()
    for gi, gn in enumerate(gnames):
        for pi, pn in enumerate(pnames):
            if pi not in used and gn & pn:
                match[gi] = pi
                used.add(pi)
                break
    return match


def _gold_rel(r: dict, gnames: list[set]) -> tuple:
    return (r.get("type"), _gold_index(r.get("source"), gnames), _gold_index(r.get("target"), gnames))


def _gold_index(name, gnames):
    if name == "paper":
        return "paper"
    n = norm(name)
    return next((gi for gi, gn in enumerate(gnames) if n in gn), None)


def _pred_rel(r: dict, pnames, pents, match) -> tuple:
    to_gold = {pi: gi for gi, pi in match.items()}

    def index(name):
        if name == "paper":
            return "paper"
        n = norm(name)
        for pi, pn in enumerate(pnames):
            if n in pn or norm(pents[pi].get("id", "")) == n:
                return to_gold.get(pi, ("unmatched", pi))
        return ("unknown", n)

    return (r.get("type"), index(r.get("source")), index(r.get("target")))
