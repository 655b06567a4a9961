"""Relations: sentences + linked mentions -> typed relations, each with its evidence sentence.

Rules follow shared/annotation-guidelines.md: a relation is emitted only where a sentence states
it. `introduces` comes from the introduction constructions kg.discover marks; `evaluated_on` from
models and benchmarks in one evaluative sentence (the paper's own model stands in for "our
model"/"we"); `based_on` and `trained_on` from cue phrases between the two mentions. Pure.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from spacy.tokens import Doc

from kg import lexicon
from kg.model import Entity, EntityType, Evidence, Mention, Paper, Relation, RelationType

INTRO_KEY = "kg_introduced"

_EVAL = re.compile(
    r"\b(?:evaluat\w*|assess\w*|benchmark\w*|achiev\w*|outperform\w*|surpass\w*|score\w*|accuracy|"
    r"results?|experiments?|tested|performance|performs?|attain\w*|reach\w*|obtain\w*|"
    r"state-of-the-art|sota|improv\w*|gains?|compar\w*|match\w*|exceed\w*|beats?)\b",
    re.IGNORECASE,
)
_BASED_ON = re.compile(
    r"\b(?:fine-?tun\w*(?: \w+){0,3} (?:from|on top of|upon)|based on|built (?:on|upon)(?: top of)?|"
    r"initiali[sz]ed (?:from|with)|distill\w* (?:from|of)|continu\w* pre-?train\w*(?: of| on| from)?|"
    r"upcycl\w*(?: from)?|adapt\w* from|derived from|on top of|starting from|post-?train\w* (?:from|of)|"
    r"(?:we |to )fine-?tune|fine-?tun\w* (?:the |a |an )?(?=[A-Z])|extends?|variant of|version of)\b",
    re.IGNORECASE,
)
_TRAINED_ON = re.compile(
    r"\b(?:(?:pre-?|post-?|re-?)?train\w*|fine-?tun\w*|instruction-tun\w*|learn\w*|distill\w*)"
    r"(?: \w+){0,4} (?:on|with|using)\b",
    re.IGNORECASE,
)
_BACK_REFERENCE = re.compile(
    r"\b(?:these|those|both|all|each|the two|the three|the four|such)\s+(?:\w+\s+)?"
    r"(?:models?|llms?|systems?|baselines?|variants?|methods?)\b|\b(?:they|them|their)\b|\brespectively\b|"
    r"^\s*(?:this|these|it)\b",
    re.IGNORECASE,
)
_OURS = re.compile(r"\b(?:our|we|ours|proposed|the model|this model|it|its)\b", re.IGNORECASE)
_OURS_EXPLICIT = re.compile(r"\b(?:our (?:\w+ )?(?:model|method|approach|system|framework)s?|the proposed \w+)\b",
                            re.IGNORECASE)
# A score: not a digit run inside a name such as Qwen2.5-7B or LLaVA-1.5.
_NUMBER = re.compile(r"(?<![\w.\-])(\d+(?:\.\d+)?)\s*(%|points?|pp)?(?![\w\-]|\.\d)")
_METRIC = re.compile(
    r"\b(accuracy|acc|f1|exact match|em|bleu|rouge(?:-[l12])?|comet|pass@\d+|miou|map|auc|auroc|"
    r"win rate|success rate|perplexity|wer|cer|top-1|top-5|recall|precision|mae|rmse|spl|score)\b",
    re.IGNORECASE,
)


def extract_relations(paper: Paper, doc: Doc, mentions: Iterable[Mention], entities: Iterable[Entity]) -> list[Relation]:
    """All four relation types of one paper, deduplicated by (type, source, target)."""
    mentions = sorted(mentions, key=lambda m: m.start)
    types = {e.id: e.type for e in entities}
    introduced = _introduced_ids(doc, mentions)
    out = [_introduces(paper, eid, doc, mentions) for eid in introduced]
    previous: list[Mention] = []
    previous_benches: list[Mention] = []
    starts = [m.start for m in mentions]
    for start, end, text in lexicon.sentences(doc):
        inside = mentions[bisect_left(starts, start) : bisect_left(starts, end)]
        if not inside:
            continue  # most sentences name nothing: no relation, and nothing to refer back to
        out.extend(_sentence_relations(paper, text, start, inside, types, introduced, previous))
        out.extend(_evaluated_on_earlier(paper, text, inside, types, previous_benches))
        models_here = [m for m in inside if types.get(m.entity_id) == EntityType.MODEL]
        previous = models_here or previous
        previous_benches = [m for m in inside if types.get(m.entity_id) == EntityType.BENCHMARK] or previous_benches
    return _dedupe(out)


# "... on all benchmarks as well", "accuracies of 0.71 and 0.93, respectively": the benchmarks the
# sentence refers back to are those named last.
_BENCH_BACK_REFERENCE = re.compile(
    r"\b(?:all|these|those|both|each of the|the same|the (?:two|three|four|five|six|seven|eight))\s+(?:\w+\s+)?"
    r"(?:benchmarks?|tasks|datasets|test sets|evaluations)\b|\brespectively\b",
    re.IGNORECASE,
)


def _evaluated_on_earlier(paper, text, inside, types, previous_benches) -> list[Relation]:
    """Models scored in a sentence that names no benchmark but refers back to the last ones named."""
    if not previous_benches or any(types.get(m.entity_id) == EntityType.BENCHMARK for m in inside):
        return []
    models = [m.entity_id for m in inside if types.get(m.entity_id) == EntityType.MODEL]
    if not models or not _BENCH_BACK_REFERENCE.search(text) or not _EVAL.search(text):
        return []
    evidence = Evidence(paper.id, text.strip())
    return [Relation(RelationType.EVALUATED_ON, m, b.entity_id, evidence)
            for m in dict.fromkeys(models) for b in dict.fromkeys(previous_benches)]


def _introduced_ids(doc: Doc, mentions: list[Mention]) -> list[str]:
    spans = {(s.start_char, s.end_char) for s in doc.spans.get(INTRO_KEY, [])}
    ids = []
    for m in mentions:
        if (m.start, m.end) in spans and m.entity_id not in ids:
            ids.append(m.entity_id)
    return ids


def _introduces(paper: Paper, eid: str, doc: Doc, mentions: list[Mention]) -> Relation:
    first = next(m for m in mentions if m.entity_id == eid)
    sentence = lexicon.sentence_at(doc, first.start) or paper.title
    return Relation(RelationType.INTRODUCES, paper.id, eid, Evidence(paper.id, sentence.strip()))


def _sentence_relations(paper, text, offset, inside, types, introduced, previous) -> list[Relation]:
    if not inside:
        return []  # every relation rule needs a model, dataset or benchmark named in the sentence
    evidence = Evidence(paper.id, text.strip())
    models = [m for m in inside if types.get(m.entity_id) == EntityType.MODEL]
    benches = [m for m in inside if types.get(m.entity_id) == EntityType.BENCHMARK]
    datasets = [m for m in inside if types.get(m.entity_id) == EntityType.DATASET]
    own_models = [eid for eid in introduced if types.get(eid) == EntityType.MODEL]
    own_benches = [eid for eid in introduced if types.get(eid) == EntityType.BENCHMARK]
    out = []
    if not models and _BACK_REFERENCE.search(text):
        models = previous  # "Each model was assessed on MedMCQA": the models just named
    elif models and previous and _subject_pronoun_first(text, offset, models):
        models = previous[:1] + models  # "..., it sets 56.1 on B, outperforming C": "it" is the model the last sentence led with
    derived = _based_on(text, offset, models, own_models, evidence)
    # "X reaches 44.6 on B with Y as its backbone": the score is X's, not its base model's
    bases = {r.target for r in derived}
    scored = [m for m in models if m.entity_id not in bases] or models
    out += _evaluated(text, offset, scored, benches, own_models, evidence)
    out += _evaluated_on_own_benchmark(text, scored, benches, own_benches, evidence)
    out += derived
    out += _trained(text, offset, models, datasets, own_models, evidence)
    if not datasets:
        own_data = [eid for eid in introduced if types.get(eid) == EntityType.DATASET]
        out += _trained_on_own_data(text, offset, models, own_data, evidence)
    return out


_OWN_DATA = re.compile(r"\bour (?:\w+[- ]){0,2}(?:corpus|corpora|datasets?|data)\b", re.IGNORECASE)
_TRAIN_BEFORE = re.compile(r"\b(?:(?:pre-?|post-?|re-?)?train\w*|fine-?tun\w*)\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)


def _trained_on_own_data(text, offset, models, own_data, evidence) -> list[Relation]:
    """"When used to pretrain a Llama 8B model, our corpus yields ...": the model trained is trained
    on the paper's own dataset, which the sentence names only as "our corpus"."""
    named = _OWN_DATA.search(text) if own_data and models else None
    if named is None:
        return []
    if not named.group().lower().endswith(("corpora", "datasets")):
        own_data = own_data[:1]  # "our corpus": the paper's first-named (headline) dataset
    trained = [m.entity_id for m in models if _TRAIN_BEFORE.search(text, max(0, m.start - offset - 30), m.start - offset)]
    return [Relation(RelationType.TRAINED_ON, m, d, evidence) for m in dict.fromkeys(trained) for d in own_data]


_SUBJECT_PRONOUN = re.compile(r"\b(?:it|this model)\s+(?!is\b|was\b)[a-z]+s\b", re.IGNORECASE)


def _subject_pronoun_first(text: str, offset: int, models: list[Mention]) -> bool:
    """Whether "it" opens a clause as the subject of a verb before any model the sentence names."""
    pronoun = _SUBJECT_PRONOUN.search(text, 0, models[0].start - offset)
    if pronoun is None:
        return False
    return not text[: pronoun.start()].strip() or text[: pronoun.start()].rstrip().endswith(",")


def _subjects(text: str, models: list[Mention], own_models: list[str]) -> list[str]:
    """The models a sentence talks about: those it names, else the paper's own for "our model"."""
    if models:
        named = list(dict.fromkeys(m.entity_id for m in models))
        # "our model outperforms GPT-4 on X": the paper's own model is scored there too
        ours = own_models if _OURS_EXPLICIT.search(text) else []
        return list(dict.fromkeys(named + ours))
    if own_models and _OURS.search(text):
        return own_models
    return []


def _evaluated(text, offset, models, benches, own_models, evidence) -> list[Relation]:
    if not benches or not _EVAL.search(text):
        return []
    at = {m.entity_id: m.start - offset for m in models}  # where each named model stands
    subjects = _subjects(text, models, own_models)
    named_here = bool(models) and all(m.start >= offset for m in models)
    runs = {b.entity_id: _scope(text, offset, models, benches, b) for b in benches} if named_here else {}
    out = []
    for bench in benches:
        scoped = runs.get(bench.entity_id, set())
        claimed = set().union(*runs.values()) - scoped if runs else set()
        clause = _clause_models(text, offset, models, bench)
        for source in subjects:
            if source in claimed:
                continue  # "A on B1, while C on B2": C's result is on B2, not B1
            if clause and source in at and source not in clause and at[source] < bench.start - offset:
                continue  # "Experiments with A show gains: C reaches 43% on B": C's score
            metric, value = _result(text, bench.start - offset, bench.end - offset, source, at)
            out.append(Relation(RelationType.EVALUATED_ON, source, bench.entity_id, evidence, metric, value))
    return out


_CLAUSE_BREAK = re.compile(r"[;:]\s")


def _clause_models(text, offset, models, bench) -> set[str]:
    """The models named in the benchmark's own clause, when a colon or semicolon splits the sentence."""
    if ":" not in text and ";" not in text:
        return set()  # most sentences: one clause
    at = bench.start - offset
    lo = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, at)), default=0)
    hi = next((m.start() for m in _CLAUSE_BREAK.finditer(text, bench.end - offset)), len(text))
    if lo == 0 and hi == len(text):
        return set()
    return {m.entity_id for m in models if lo <= m.start - offset < hi}


_COMPARISON = re.compile(r"\b(?:outperform\w*|surpass\w*|compar\w*|than|beat\w*|exceed\w*|versus|vs\.?|against|over)\b",
                         re.IGNORECASE)


def _scope(text, offset, models, benches, bench) -> set[str]:
    """The named models a benchmark's result belongs to in a sentence naming several: the run of
    models nearest before it ("A on B1, while C on B2"), else the first run after it ("On B, A and
    C ..."); the subject of a comparison ("A ..., a gain over C on B"); models named after the last
    benchmark ("on B across four LLMs: A, C")."""
    before = [m for m in models if m.end <= bench.start]
    if before:
        last_bench = max((b.end for b in benches if b.end <= before[-1].start), default=-1)
        run = [m for m in before if m.start > last_bench]
    else:
        after = [m for m in models if m.start >= bench.end]
        next_bench = min((b.start for b in benches if after and b.start >= after[0].end), default=None)
        run = [m for m in after if next_bench is None or m.start < next_bench]
    if run and _COMPARISON.search(text, max(0, run[0].start - offset - 30), run[0].start - offset):
        run = [models[0]] + run
    final = max(b.end for b in benches)
    return {m.entity_id for m in run} | {m.entity_id for m in models if m.start > final}


_ASSESS = re.compile(r"\b(?:evaluat\w*|benchmark\w*|assess\w*|test\w*|compar\w*|probe\w*|examin\w*)\b", re.IGNORECASE)


def _evaluated_on_own_benchmark(text, models, benches, own_benches, evidence) -> list[Relation]:
    """"We evaluate GPT-4o and Llama 3 ..." in a paper that introduces a benchmark: they are
    evaluated on that benchmark, though the sentence does not name it."""
    if benches or not models or not own_benches or not _ASSESS.search(text):
        return []
    return [Relation(RelationType.EVALUATED_ON, m, b, evidence)
            for m in dict.fromkeys(x.entity_id for x in models) for b in own_benches]


def _result(text: str, start: int, end: int, source: str = "",
            models_at: dict[str, int] | None = None) -> tuple[str | None, str | None]:
    """The metric and value a sentence states for this model on this benchmark ("Llama 3 reaches
    72.4% accuracy on GSM8K"): the score nearest the benchmark among those nearer this model than
    any other named model — or none, rather than another model's score."""
    lo = max(0, start - 80)
    window = text[lo : min(len(text), end + 80)]
    numbers = [m for m in _NUMBER.finditer(window) if m.group(2) or "." in m.group(1)]
    if models_at and len(models_at) > 1:
        numbers = [m for m in numbers if _closest_model(lo + m.start(), models_at) == source]
    if not numbers:
        return None, None
    # "N% accuracy on B" is the common order: the nearest score before the benchmark, else after it.
    before = [m for m in numbers if lo + m.start() < start]
    best = max(before, key=lambda m: m.start()) if before else min(numbers, key=lambda m: m.start())
    metric = min(_METRIC.finditer(window), key=lambda m: abs(m.start() - best.start()), default=None)
    if metric is None:
        return None, None
    return metric.group(1), best.group(1) + (best.group(2) or "")


def _closest_model(position: int, models_at: dict[str, int]) -> str:
    """Whose score a number is: the last model named before it (the subject), else the nearest."""
    before = [model for model, at in models_at.items() if at < position]
    if before:
        return max(before, key=lambda model: models_at[model])
    return min(models_at, key=lambda model: abs(models_at[model] - position))


def _based_on(text, offset, models, own_models, evidence) -> list[Relation]:
    """"X, fine-tuned from Y" / "we continue pre-training Y": Y is a model named right after the cue."""
    out = []
    if not models:
        return out
    for cue in _BASED_ON.finditer(text):
        cue_at, cue_end = offset + cue.start(), offset + cue.end()
        before = [m.entity_id for m in models if m.end <= cue_at]
        targets = [m.entity_id for m in models
                   if 0 <= m.start - cue_end <= 60 and _derived_target(text, offset, cue_end, m)]
        sources = before[-1:] or (own_models[:1] if _OURS.search(text) else [])
        out += [Relation(RelationType.BASED_ON, s, t, evidence) for s in sources for t in dict.fromkeys(targets) if s != t]
    return out + _backbones(text, offset, models, own_models, evidence)


# What may not stand between a derivation cue and its model: "fine-tune LLMs into X" names the
# result, not the base; "pretraining with 50B tokens selected by a BERT-style annotator" a helper.
_NOT_DERIVATION_GAP = re.compile(r"\b(?:into|by|using|with|via|than|and then)\b|[;(]")
_STYLE_AFTER = re.compile(r"-(?:style|like|based|type|inspired)\b", re.IGNORECASE)


def _derived_target(text: str, offset: int, cue_end: int, mention: Mention) -> bool:
    """A model the cue derives from: not "X-style", and not past a preposition that changes its role."""
    if _STYLE_AFTER.match(text, mention.end - offset):
        return False
    return not _NOT_DERIVATION_GAP.search(text, cue_end - offset, mention.start - offset)


# "with Qwen2-VL as the backbone", "employs DeBERTa-v3-base as a feature extractor", "a ResNet-50 backbone"
_BACKBONE_AFTER = re.compile(r"\s*(?:model\s+)?(?:as\s+(?:the\s+|a\s+|an\s+|its\s+|our\s+)?(?:\w+\s+)?)?"
                             r"(?:backbones?|base models?|feature extractors?|encoders?|initiali[sz]ations?)\b", re.IGNORECASE)


_BACKBONE_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:\d+(?:\.\d+)?%?\s+)?(?:with\s+)?")


def _backbones(text, offset, models, own_models, evidence) -> list[Relation]:
    """The paper's own model is based on a model it uses as its backbone or base."""
    if not own_models:
        return []
    backed = [i for i, m in enumerate(models) if _BACKBONE_AFTER.match(text, m.end - offset)]
    if not backed:
        return []
    # "40.7 with Qwen2-VL and 44.6 with Qwen2.5-VL as backbones": the whole list before the phrase
    for i in range(min(backed), 0, -1):
        gap = text[models[i - 1].end - offset : models[i].start - offset]
        if not _BACKBONE_LIST_GAP.fullmatch(gap):
            break
        backed.append(i - 1)
    targets = [models[i].entity_id for i in sorted(set(backed))]
    source = next((m.entity_id for m in models if _own_variant(m.entity_id, own_models)), own_models[0])
    return [Relation(RelationType.BASED_ON, source, t, evidence) for t in dict.fromkeys(targets) if t != source]


def _own_variant(eid: str, own_models: list[str]) -> bool:
    """The paper's model or a sized variant of it (`GUI-Actor-7B` of `GUI-Actor`)."""
    return any(eid == own or eid.startswith(own + "-") for own in own_models)


_USED_TO_TRAIN = re.compile(r"\b(?:used|employed|utili[sz]ed)\s+(?:\w+\s+)?to\s+(?:pre-?|post-?)?train\b", re.IGNORECASE)


def _trained(text, offset, models, datasets, own_models, evidence) -> list[Relation]:
    if not datasets:
        return []  # both rules need a dataset in the sentence
    passive = _USED_TO_TRAIN.search(text) if models else None
    if passive:  # "Dolma has been used to train OLMo"
        at = offset + passive.start()
        data = [d.entity_id for d in datasets if d.start < at]
        trained = [m.entity_id for m in models if m.start > at]
        if data and trained:
            return [Relation(RelationType.TRAINED_ON, trained[0], d, evidence) for d in dict.fromkeys(data)]
    cue = _TRAINED_ON.search(text)
    if not cue:
        return []
    cue_at = offset + cue.start()
    before = [m.entity_id for m in models if m.start < cue_at]
    sources = before or (own_models if _OURS.search(text) else [])
    targets = [d.entity_id for d in datasets if d.start >= cue_at]
    return [Relation(RelationType.TRAINED_ON, s, t, evidence) for s in dict.fromkeys(sources) for t in dict.fromkeys(targets)]


def _dedupe(relations: list[Relation]) -> list[Relation]:
    seen: dict[tuple, Relation] = {}
    for r in relations:
        key = (r.type, r.source, r.target)
        if key not in seen or (seen[key].value is None and r.value is not None):
            seen[key] = r if key not in seen else Relation(r.type, r.source, r.target, seen[key].evidence, r.metric, r.value)
    return list(seen.values())
