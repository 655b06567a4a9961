"""Relations: sentences + linked mentions -> typed relations, each with its evidence sentence.

Rules follow shared/annotation-guidelines.md: a relation is emitted only where a sentence states
it. `introduces` comes from the introduction constructions kg.discover marks; `evaluated_on` from
models and benchmarks in one evaluative sentence (the paper's own model stands in for "our
model"/"we"); `based_on` and `trained_on` from cue phrases between the two mentions. Pure.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc

from kg import lexicon
from kg.model import Entity, EntityType, Evidence, Mention, Paper, Relation, RelationType

INTRO_KEY = "kg_introduced"

_EVAL = re.compile(
    r"\b(?:evaluat\w*|assess\w*|benchmark\w*|achiev\w*|outperform\w*|surpass\w*|score\w*|accuracy|"
    r"results?|experiments?|tested|performance|performs?|attain\w*|reach\w*|obtain\w*|"
    r"state-of-the-art|sota|improv\w*|gains?|compar\w*|match\w*|exceed\w*|beats?|rival\w*|on par|appl(?:y|ies|ied|ying))\b",
    re.IGNORECASE,
)
# "X solves 31% of B", "X tops B", "wins 35% against Y on B", "loses 0.4 points on B": scores stated
# with verbs of outcome; tested only where _EVAL found nothing and one of their stems is in the sentence
_EVAL_OUTCOME = re.compile(r"\b(?:(?:re)?solv(?:es|ed|ing)|tops|wins|loses|drops)\b", re.IGNORECASE)


def _outcome(text: str) -> bool:
    """Whether a sentence states a score with a verb of outcome (substring tests first)."""
    return ("olv" in text or "tops" in text or "wins" in text or "loses" in text or "drops" in text) \
        and bool(_EVAL_OUTCOME.search(text))  # searched as it is: rarely run, a lowered copy would cost a compile


_BASED_ON = re.compile(
    r"\b(?:(?:fine-?|instruction-?)tun\w*(?:(?: \w+){0,3} (?:from|on top of|upon)| (?:the |a |an )?(?=(?-i:[A-Z])))|"
    r"based on|built (?:on|upon)(?: top of)?|"
    r"initiali[sz]ed (?:from|with)|distill\w* (?:(?:the )?knowledge )?(?:from|of)|continu\w* pre-?train\w*(?: of| on| from)?|"
    r"upcycl\w*(?: from)?|adapt\w* from|derived from|on top of|starting from|post-?train\w* (?:from|of)|"
    r"(?:we |to )fine-?tune|"
    r"distill\w* (?:the |a |an )?(?=(?-i:[A-Z]))|"
    r"extends?|variant of|version of)\b",
    re.IGNORECASE,
)
# One of these is in every _BASED_ON cue: substring tests on the lowered sentence rule out most
# sentences several times faster than the cue pattern (or one alternation of these words) can; a chain
# of `in` tests is faster still than any() over a tuple of them. The rarest word of each cue is the
# one tested: "post" (not "train", in most sentences) for "post-training from", "fine" (not "tun",
# as in "opportunity") for every fine-tuning cue; continued pre-training has "continu".
def _derivation_hint(lowered: str) -> bool:
    return ("post" in lowered or "fine" in lowered or "based" in lowered or "built" in lowered or "initiali" in lowered
            or "instruction" in lowered
            or "distill" in lowered or "continu" in lowered or "upcycl" in lowered or "adapt" in lowered
            or "derived" in lowered or "top of" in lowered or "starting" in lowered or "extend" in lowered
            or "variant" in lowered or "version" in lowered)


# "we fine-tune A-7B, B-8B, and C-9B on D", "from A-7B and B-13B, respectively, on D": a comma may go
# on a list of names (a word with a digit or hyphen) but not into a new clause ("M, which is evaluated on")
_TRAINED_ON = re.compile(
    r"\b(?:(?:pre-?|post-?|re-?)?train\w*|fine-?tun\w*|instruction-tun\w*|learn\w*|distill\w*)"
    r"(?:(?:,(?=\s+(?:and\s+|or\s+)?[\w.+/]*[\d-]))?\s+[\w.+/-]+|,\s+respectively,?){0,8}?\s+(?:on|with|using)\b",
    re.IGNORECASE,
)
_BACK_REFERENCE = re.compile(
    r"\b(?:these|those|both|all|each|the two|the three|the four|such)\s+(?:\w+\s+)?"
    r"(?:models?|llms?|systems?|baselines?|variants?|methods?)\b|\b(?:they|them|their)\b",
    re.IGNORECASE,
)
# ... or a sentence opening on "This", "These" or "It": a match at the start, kept out of the pattern
# above, which would otherwise try it (and fail) at every position of the sentence
_BACK_REFERENCE_OPENING = re.compile(r"\s*(?:this|these|it)\b", re.IGNORECASE)


def _refers_back(text: str) -> bool:
    """Whether a sentence refers back to models named before it ("these models", "they", "It ...")."""
    return bool(_BACK_REFERENCE_OPENING.match(text) or _search(_BACK_REFERENCE, text))
# "It scores ...", "This model ...": one model; a bare "This shows ..." refers to a finding, not a model
_SINGULAR_BACK = re.compile(r"\s*(?:it|this model)\b", re.IGNORECASE)
_OURS = re.compile(r"\b(?:our|we|ours|proposed|it|its|(?:the|this|these)\s+(?:(?:base|small|large|trained|resulting|"
                   r"final|pre-?trained|fine-?tuned|obtained|same)\s+){0,2}models?)\b", re.IGNORECASE)
_OURS_EXPLICIT = re.compile(r"\b(?:our (?:\w+ )?(?:model|method|approach|system|framework)s?|the proposed \w+)\b",
                            re.IGNORECASE)
# A score: not a digit run inside a name such as Qwen2.5-7B or LLaVA-1.5.
_NUMBER = re.compile(r"(?<![\w.\-])(\d+(?:\.\d+)?)\s*(%|points?|pp)?(?![\w\-]|\.\d)")
# A change, not a score: "+1.1% gain", "improves by 3 points", "a 2.5% improvement".
# "from 56.8% to 63.9%": the old score; "improve up to 6.90 pp": percentage points count a difference
# "retains 98% of the full model's accuracy": a share of another score, not a score
_DELTA_BEFORE = re.compile(r"(?:[+\u00b1\u2212]|\bby\s+[~\u2248]?|\bup to\s+\+|\bfrom\s+|\bimprov\w*\s+(?:up to\s+)?|"
                           r"\b(?:retain|recover|preserv|maintain|keep)\w*\s+(?:over\s+|about\s+|nearly\s+|up to\s+)?)$",
                           re.IGNORECASE)
_DELTA_AFTER = re.compile(r"\s*(?:\w+\s+){0,2}?(?:gains?|improvements?|increases?|boosts?|reductions?|drops?|"
                          r"higher|lower|better|worse|more|less)\b", re.IGNORECASE)
_METRIC = re.compile(
    r"\b(accuracy|acc|f1|exact match|em|bleu|rouge(?:-[l12])?|comet|pass@\d+|miou|map|auc|auroc|"
    r"win rate|success rate|perplexity|wer|cer|top-1|top-5|recall|(?<!-)precision|mae|rmse|spl|score)\b",
    re.IGNORECASE,
)


# The scans most sentences get go through lexicon.found / finditer_offsets: on ASCII text they search
# the lowered text without case folding, two to three times faster, with the same matches.
# Every _BASED_ON match is one of this, a looser copy (any letter, not a capital, after "fine-tune
# the"): where the copy finds nothing in the lowered sentence, the cue pattern need not look.
_BASED_ON_LOOSE = re.compile(_BASED_ON.pattern.replace("(?=(?-i:[A-Z]))", "(?=[a-z])"))
_search = lexicon.found
_finditer = lexicon.finditer_offsets


def extract_relations(paper: Paper, doc: Doc, mentions: Iterable[Mention], entities: Iterable[Entity]) -> list[Relation]:
    """All four relation types of one paper, deduplicated by (type, source, target)."""
    mentions = sorted(mentions, key=lambda m: m.start)
    types = {e.id: e.type for e in entities}
    full = lexicon.doc_text(doc)  # the paper's text, which mention offsets index
    introduced = _introduced_ids(doc, full, mentions)
    repeated = _repeated_own_names(full, mentions, introduced)
    if repeated:
        mentions = sorted(mentions + repeated, key=lambda m: m.start)
    variants = _own_variants(full, mentions, types, introduced)
    variants += [eid for eid in _claimed_own(full, mentions) if eid not in introduced and eid not in variants]
    out = _introductions(paper, introduced + variants, doc, mentions)
    previous: list[Mention] = []
    previous_benches: list[Mention] = []
    starts = [m.start for m in mentions]
    own = _own_by_type(introduced, types)
    unnamed_own = not own[EntityType.MODEL]  # no model of its own named: "the fine-tuned model" is a base it tuned
    used: list[Mention] = []  # models named as tools (judge, reward model, ...)
    for start, end, text in lexicon.sentences(doc):
        inside = mentions[bisect_left(starts, start) : bisect_left(starts, end)]
        if not inside:
            continue  # most sentences name nothing: no relation, and nothing to refer back to
        models_here: list[Mention] = []
        benches_here: list[Mention] = []
        for m in inside:  # one pass over the sentence's mentions, not one list comprehension per type
            kind = types.get(m.entity_id)
            if kind is EntityType.MODEL:
                models_here.append(m)
            elif kind is EntityType.BENCHMARK:
                benches_here.append(m)
        tools = _tools(text, start, models_here) if models_here and len(inside) > 1 else ()
        if models_here or previous or not unnamed_own:  # with no model named yet, nor one of its own: no relation
            out.extend(_sentence_relations(paper, text, start, inside, types, introduced, previous, tools, own))
        if models_here and previous_benches and not benches_here:
            out.extend(_evaluated_on_earlier(paper, text, models_here, previous_benches))
        elif benches_here and not models_here and previous:
            if "former" in text or "latter" in text:
                out.extend(_evaluated_former_latter(paper, text, start, previous, benches_here))
            elif unnamed_own:
                out.extend(_evaluated_on_tuned_base(paper, full, text, start, previous, benches_here))
        if tools:  # "both models" in a later sentence are those evaluated here, not the judge
            used += [m for m in models_here if m.entity_id in tools]
            models_here = [m for m in models_here if m.entity_id not in tools]
        previous = models_here or previous
        previous_benches = benches_here or previous_benches
    if used and introduced:
        out = _not_introducing_tools(out, full, mentions, used)
    return _dedupe(_not_introducing_bases(out, full, mentions))


def _not_introducing_tools(relations: list[Relation], text: str, mentions: list[Mention],
                           used: list[Mention]) -> list[Relation]:
    """"We train X, using Skywork-RM as the reward model": a new name first met as a tool of the experiment
    is someone else's model, unless a verb of presenting names it."""
    first: dict[str, Mention] = {}
    for m in mentions:
        first.setdefault(m.entity_id, m)
    tools = {m.entity_id for m in used if first[m.entity_id].start == m.start and m.origin == "discovered"
             and not _presented(text, m)}
    return [r for r in relations if not (r.type is RelationType.INTRODUCES and r.target in tools)]


def _not_introducing_bases(relations: list[Relation], text: str, mentions: list[Mention]) -> list[Relation]:
    """"We introduce X, built on Y": a model first named as what another derives from is used, not new."""
    bases = {r.target for r in relations if r.type is RelationType.BASED_ON}
    if not bases:
        return relations
    first: dict[str, Mention] = {}
    for m in mentions:
        first.setdefault(m.entity_id, m)
    used = {b for b in bases if b in first and _BASED_ON.search(text, max(0, first[b].start - 60), first[b].start)}
    return [r for r in relations if not (r.type is RelationType.INTRODUCES and r.target in used)]


# "... on all benchmarks as well", "accuracies of 0.71 and 0.93, respectively": the benchmarks the
# sentence refers back to are those named last.
_BENCH_BACK_REFERENCE = re.compile(
    r"\b(?:all|these|those|both|each of the|the same|the (?:two|three|four|five|six|seven|eight))\s+(?:\w+\s+)?"
    r"(?:benchmarks?|tasks|datasets|test sets|evaluations)\b|\brespectively\b",
    re.IGNORECASE,
)


def _evaluated_on_earlier(paper, text, models_here, previous_benches) -> list[Relation]:
    """Models scored in a sentence that names no benchmark (the caller checks) but refers back to the
    last ones named."""
    if not _search(_BENCH_BACK_REFERENCE, text) or not _search(_EVAL, text):
        return []
    models = [m.entity_id for m in models_here]
    evidence = Evidence(paper.id, text.strip())
    return [Relation(RelationType.EVALUATED_ON, m, b.entity_id, evidence)
            for m in dict.fromkeys(models) for b in dict.fromkeys(previous_benches)]


# "We fine-tune A on D. The fine-tuned model reaches 71% on B": a paper that names no model of its own
# scores the one model it just trained, tuned or applied its method to
_TUNED_MODEL = re.compile(r"\b(?:our|the|this)\s+(?:(?:fine-?tuned|aligned|adapted|trained|resulting|final|quanti[sz]ed|"
                          r"pruned|compressed)\s+)?model\b", re.IGNORECASE)
_TUNED_BEFORE = re.compile(r"\b(?:appl(?:y|ied|ying)|fine-?tun\w*|align\w*|adapt\w*|(?:post-?)?train\w*|quanti[sz]\w*|"
                           r"prun\w*|compress\w*)\b"
                           r"[^.;:]{0,40}$", re.IGNORECASE)


def _evaluated_on_tuned_base(paper, full, text, offset, previous, benches) -> list[Relation]:
    """Scores of "the fine-tuned model" / "our model" on the one model the last sentence tuned."""
    if len({m.entity_id for m in previous}) != 1 or "model" not in text or not _TUNED_MODEL.search(text):
        return []
    base = previous[0]
    if not _TUNED_BEFORE.search(full, max(0, base.start - 60), base.start):
        return []  # "Existing models such as A struggle. Our model ...": A is not what "our model" is
    return _evaluated(text, offset, [], benches, [], Evidence(paper.id, text.strip()), [base.entity_id])


_FORMER_LATTER = re.compile(r"\bthe (former|latter)\b", re.IGNORECASE)


def _evaluated_former_latter(paper, text, offset, previous, benches) -> list[Relation]:
    """"We compare A and B. The former is better on X, the latter on Y": "the former" is the first model
    of the last sentence that named two, "the latter" the last; each benchmark goes to the nearest before it."""
    named = list(dict.fromkeys(m.entity_id for m in previous))
    refs = [(r.start(), named[0] if r.group(1).lower() == "former" else named[-1]) for r in _FORMER_LATTER.finditer(text)]
    if len(named) < 2 or not refs:
        return []
    evidence = Evidence(paper.id, text.strip())
    out = []
    for bench in benches:
        before = [model for at, model in refs if at < bench.start - offset]
        if before:
            out.append(Relation(RelationType.EVALUATED_ON, before[-1], bench.entity_id, evidence))
    return out


def _introduced_ids(doc: Doc, text: str, mentions: list[Mention]) -> list[str]:
    spans = {(s.start_char, s.end_char) for s in doc.spans.get(INTRO_KEY, [])}
    ids: list[str] = []
    for i, m in enumerate(mentions):
        if (m.start, m.end) not in spans or m.entity_id in ids or _STYLE_AFTER.match(text, m.end):
            continue  # "we present a GPT-2-based model": the model is new, GPT-2 is not
        # a known name must follow a presenting verb; a new one must not be what the paper's model is
        # compared with ("we introduce X, outperforming Y and Z")
        if _presented(text, m) if m.origin != "discovered" else not (i and _compared_list(text, mentions, i)
                                                                      or _reused_part(text, m)):
            ids.append(m.entity_id)
    return ids


# "X, a model that pairs a Y-400M encoder with Z": a part the new model reuses, named with its role
_PART_ROLE_AFTER = re.compile(r"\s+(?:(?:vision|visual|text|image|audio|speech)\s+)?(?:encoder|decoder|backbone)s?\b",
                              re.IGNORECASE)


def _reused_part(text: str, m: Mention) -> bool:
    """Whether a new name is given as a part its model reuses ("a Y-400M encoder"), not presented."""
    if text.find("coder", m.end, m.end + 20) < 0 and text.find("backbone", m.end, m.end + 20) < 0:
        return False  # substring tests first: most new names are followed by neither
    return bool(_PART_ROLE_AFTER.match(text, m.end)) and not _presented(text, m)


def _compared_list(text: str, mentions: list[Mention], i: int) -> bool:
    """Whether mention i is, or is listed after, the object of a comparison ("than Y, Z and W")."""
    # a list gap is a few characters (", and "): a longer one is tested no further
    while i and mentions[i].start - mentions[i - 1].end <= 7 and _LIST_GAP.fullmatch(text, mentions[i - 1].end, mentions[i].start):
        i -= 1
    return _compared(text, mentions[i].start)


# A name the catalog already knows is new only where the text presents that very name: as its title's
# head ("Dolma: ...", "X Technical Report") or right after a verb of presenting ("we introduce X") —
# not "Probing GPT-4o on ...", "the prompts used with X", "we present results on X".
_TITLE_HEAD_AFTER = re.compile(r"\s*(?::|-\s|\u2013|\u2014|technical report\b|report\b)", re.IGNORECASE)
# The stems of the verbs a paper presents its own work with ("we introduce", "this work develops").
_PRESENTING = r"(?:introduc|present|propos|construct|build|buil|develop|releas|curat|creat|design)"
_PRESENTED_BEFORE = re.compile(rf"\b(?:{_PRESENTING}|open-sourc)\w*\s+(?:(?:the|a|an|our|two|three|new|novel|first|open)\s+){{0,3}}$",
                               re.IGNORECASE)


def _presented(text: str, m: Mention) -> bool:
    title_end = text.find("\n\n")
    if 0 <= m.start < title_end:
        return len(text[: m.start].split()) <= 2 and bool(_TITLE_HEAD_AFTER.match(text, m.end))
    return bool(_PRESENTED_BEFORE.search(text, max(0, m.start - 60), m.start))


def _repeated_own_names(text: str, mentions: list[Mention], introduced: list[str]) -> list[Mention]:
    """Later occurrences of a name the paper introduces that recognition left untagged ("Notably, X
    achieves ..."): the paper's own model or benchmark is the subject of most result sentences."""
    if not introduced:
        return []
    taken = {m.start for m in mentions}
    extra: list[Mention] = []
    surfaces = {m.text: m for m in mentions if m.entity_id in introduced and len(m.text) >= 3}
    for surface, m in surfaces.items():
        at = text.find(surface)
        while at >= 0:
            end = at + len(surface)
            if at not in taken and _standalone(text, at, end) and not _inside(at, end, mentions):
                extra.append(Mention(surface, at, end, m.type, m.entity_id, "discovered"))
            at = text.find(surface, end)
    return extra


def _standalone(text: str, start: int, end: int) -> bool:
    """Not part of a longer word or hyphenated name ("X" in "X-7B" or "preX")."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "-_" or after.isalnum() or after in "-_")


def _inside(start: int, end: int, mentions: list[Mention]) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


# "our SciNet-8B outperforms ...", "the newly introduced XBench and YBench": a name the paper claims.
_CLAIM_BEFORE = re.compile(r"\b(?:our|newly\s+(?:introduced|proposed|constructed|released|created))"
                           r"\s+(?:(?:new|novel|proposed)\s+)?$", re.IGNORECASE)
# "X models are publicly available at ...", "X will be released": a release statement names the paper's own.
_RELEASED_AFTER = re.compile(r"\s+(?:(?:models?|weights|checkpoints?|dataset|datasets|benchmark|corpus)\s+)?"
                             r"(?:is|are|will\s+be|has\s+been|have\s+been)\s+(?:(?:publicly|openly|freely|now)\s+)?"
                             r"(?:available|released|open-sourced)\b", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


def _claimed_own(text: str, mentions: list[Mention]) -> list[str]:
    """Names new to the catalog that the text marks as the paper's own ("our X", "the newly introduced
    X and Y", "X models are available at ..."), with the rest of their list. Only the few characters
    around each new name are read: a scan of the whole text costs more than all of this step."""
    claimed: list[str] = []
    previous = None
    for m in mentions:
        if m.origin == "discovered" and m.entity_id not in claimed:
            window = text[max(0, m.start - 40) : m.start]
            follows = previous is not None and previous.entity_id in claimed and _LIST_GAP.fullmatch(text, previous.end, m.start)
            if (follows or (("our" in window or "Our" in window or "ewly" in window) and _CLAIM_BEFORE.search(window))
                    or _RELEASED_AFTER.match(text, m.end)):
                claimed.append(m.entity_id)
        previous = m
    return claimed


_THEIRS = re.compile(r"\btheir\b", re.IGNORECASE)


def _own_variants(text: str, mentions: list[Mention], types: dict[str, EntityType], introduced: list[str]) -> list[str]:
    """Sized or tagged variants of a model the paper introduces (`GUI-Actor-7B`, `Innovator-Reason` of
    `GUI-Actor`, `Innovator`): the paper's own too, though no introduction phrase names them — unless
    the text first names one as someone else's ("their adapted models, X-2")."""
    own = [eid for eid in introduced if types.get(eid) == EntityType.MODEL]
    if not own:
        return []
    first = {}
    for m in mentions:
        if types.get(m.entity_id) == EntityType.MODEL:
            first.setdefault(m.entity_id, m)
    return [eid for eid, m in first.items() if eid not in introduced and _own_variant(eid, own)
            and not _THEIRS.search(text, max(0, m.start - 40), m.start)]


def _introductions(paper: Paper, ids: list[str], doc: Doc, mentions: list[Mention]) -> list[Relation]:
    """`introduces` for each id, with the sentence of its first mention as evidence."""
    if not ids:
        return []
    first: dict[str, Mention] = {}
    for m in mentions:
        first.setdefault(m.entity_id, m)
    bounds = lexicon.sentences(doc)
    starts = [start for start, _, _ in bounds]
    out = []
    for eid in ids:
        at = first[eid].start
        i = bisect_right(starts, at) - 1
        sentence = bounds[i][2] if i >= 0 and at < bounds[i][1] else ""
        out.append(Relation(RelationType.INTRODUCES, paper.id, eid, Evidence(paper.id, (sentence or paper.title).strip())))
    return out


def _own_by_type(introduced: list[str], types: dict[str, EntityType]) -> dict[EntityType, list[str]]:
    """The paper's own models, benchmarks and datasets, in the order it introduces them: sorted out once
    per paper, not once per sentence (every sentence reads them; none changes them)."""
    own: dict[EntityType, list[str]] = {EntityType.MODEL: [], EntityType.BENCHMARK: [], EntityType.DATASET: []}
    for eid in introduced:
        kind = types.get(eid)
        if kind in own:
            own[kind].append(eid)
    return own


def _sentence_relations(paper, text, offset, inside, types, introduced, previous, tools=(), own=None) -> list[Relation]:
    if not inside:
        return []  # every relation rule needs a model, dataset or benchmark named in the sentence
    if "-" in text:  # "LLaVA-based frameworks such as ...", "MMLU-style questions": a kind, not the thing
        inside = [m for m in inside if not _STYLE_AFTER.match(text, m.end - offset)]
    if "okeni" in text or "rchitecture" in text or "ocabular" in text:  # "models using the BLOOM tokenizer": a part
        inside = [m for m in inside if not _PART_AFTER.match(text, m.end - offset)
                  and not _PART_BEFORE.search(text, max(0, m.start - offset - 30), m.start - offset)]
    evidence = Evidence(paper.id, text.strip())
    kinds = _cue_roles(text, offset, inside, _list_kinds(text, offset, inside, types))
    models: list[Mention] = []
    benches: list[Mention] = []
    datasets: list[Mention] = []
    by_kind = {EntityType.MODEL: models, EntityType.BENCHMARK: benches, EntityType.DATASET: datasets}
    for m, kind in zip(inside, kinds):  # one pass, not one list comprehension per type
        if kind in by_kind:
            by_kind[kind].append(m)
    own = own or _own_by_type(introduced, types)
    own_models, own_benches = own[EntityType.MODEL], own[EntityType.BENCHMARK]
    out = []
    if len(models) > 1 and (", a" in text or ": a" in text):
        described = _appositive_bases(text, offset, models)
        out += [Relation(RelationType.BASED_ON, head.entity_id, base.entity_id, evidence)
                for head, base, derived in described if derived]
        models = [m for m in models if all(m is not base for _, base, _ in described)]
    # only a benchmark or dataset here (or the paper's own) can relate to models named before
    relatable = benches or datasets or len(own_models) < len(introduced)
    back = _refers_back(text) if not models and previous and relatable else False
    if back:  # "Each model was assessed on MedMCQA": the models just named; "It scores ...": the one it led with
        models = previous[:1] if _SINGULAR_BACK.match(text) else previous
    elif models and previous and _subject_pronoun_first(text, offset, models):
        models = previous[:1] + models  # "..., it sets 56.1 on B, outperforming C": "it" is the model the last sentence led with
    # a judge, annotator or data generator is no base either (a teacher is: distillation derives from it)
    makers = [m for m in models if m.entity_id not in tools] if tools and "teacher" not in text else models
    derived, started_from = _based_on(text, offset, makers, own_models, evidence)
    if derived and tools and "teacher" in text:
        derived = _from_teachers(text, offset, models, derived)
    # "X reaches 44.6 on B with Y as its backbone": the score is X's, not its base model's
    bases = {r.target for r in derived}
    scored = [m for m in models if m.entity_id not in bases] or models
    source = _PRECEDENT.match(text) if scored else None
    if source:  # "Following GPT-4, we report MMLU accuracy": the precedent is not what is scored
        scored = [m for m in scored if m.start - offset >= source.end()]
    elif scored and ", our " in text:
        scored = _after_fronted_phrase(text, offset, scored)
    if tools:  # "with GPT-4 as the judge, X wins 61% on B": the judge is not what is scored or trained
        scored = [m for m in scored if m.entity_id not in tools]
        models = [m for m in models if m.entity_id not in tools]
    if started_from:  # "M, initialized from B, reaches 78% on X": B is where M started, not what was scored
        scored = [m for m in scored if m.entity_id not in started_from]
    if len(models) > 1 and ("its " in text or "their " in text):
        out += _own_bases(text, offset, models, evidence)
    if models or not _presents_own_benchmarks(text, benches, introduced):
        out += _evaluated(text, offset, scored, benches, own_models, evidence)
    out += _evaluated_on_own_benchmark(text, scored, benches, own_benches, evidence)
    out += derived
    # "M is built on B and fine-tuned on D": the model trained is M, not the base it starts from
    trained = _trained(text, offset, models, datasets, own_models, evidence, started_from | bases)
    if len(makers) > 1 and (datasets or derived) and _result_hint(text):
        trained = _obtained(text, offset, makers, trained, out, evidence)
    out += trained
    if not datasets:
        own_data = own[EntityType.DATASET]
        out += _trained_on_own_data(text, offset, models, own_data, evidence)
    return out


_TEACHER_AFTER = re.compile(r"\s+(?:model\s+)?(?:(?:serves?|served|serving|acts?|acted|acting|is used|was used|used)\s+)?"
                            r"(?:as\s+(?:an?|the|our)\s+(?:[\w-]+\s+)?)?teachers?\b", re.IGNORECASE)


def _from_teachers(text: str, offset: int, models: list[Mention], derived: list[Relation]) -> list[Relation]:
    """"Using A as the teacher, we fine-tune B on its solutions": the student B derives from the teacher
    A, whichever of the two the derivation cue names first."""
    teachers = {m.entity_id for m in models if _TEACHER_AFTER.match(text, m.end - offset)}
    return [replace(r, source=r.target, target=r.source) if r.source in teachers and r.target not in teachers else r
            for r in derived]


# "We fine-tune B on D to obtain M", "continued pre-training of B, yielding M": M is made from B
_MADE_FROM_BEFORE = re.compile(r"\b(?:(?:pre-?|post-?)?train\w*|fine-?tun\w*|instruction-tun\w*|distill\w*|adapt\w*|"
                               r"align\w*|continu\w* pre-?train\w*(?: of)?)\s+(?:(?:the|a|an|our)\s+)?$", re.IGNORECASE)
_TO_MAKE_RESULT = re.compile(r"[^;:()]{0,80}?\s(?:to\s+(?:obtain|produce)|(?:thereby\s+)?(?:yielding|"
                             r"producing|obtaining|resulting in))\s+(?:(?:the|a|an|our)\s+)?(?:[\w-]+\s+){0,2}?",
                             re.IGNORECASE)


def _result_hint(text: str) -> bool:
    """Whether the sentence has a word every _TO_MAKE_RESULT phrase contains (cheaper than the pattern)."""
    return "obtain" in text or "yield" in text or "produc" in text or "resulting" in text


def _obtained(text, offset, models, trained, out, evidence) -> list[Relation]:
    """"We <train> B on D to obtain M": B, the object of a training verb, is what M (named by the result
    phrase right after it) is made from, and M is what learns from D. Appends the based_on relations
    to `out`; returns `trained` with M as the source where B was."""
    made: dict[str, str] = {}
    for base, new in zip(models, models[1:]):
        if base.entity_id == new.entity_id or base.entity_id in made:
            continue
        if (_TO_MAKE_RESULT.fullmatch(text, base.end - offset, new.start - offset)
                and _MADE_FROM_BEFORE.search(text, max(0, base.start - offset - 40), base.start - offset)):
            made[base.entity_id] = new.entity_id
    out += [Relation(RelationType.BASED_ON, new, base, evidence) for base, new in made.items()]
    return [replace(r, source=made[r.source]) if r.source in made else r for r in trained]


# "With the data budget of A, our model ...": a fronted phrase before the paper's model as subject
_FRONTED_OURS = re.compile(r"[^,;]*, (?=our\s+(?:[\w-]+\s+)?models?\b)")


def _after_fronted_phrase(text: str, offset: int, scored: list[Mention]) -> list[Mention]:
    """"Trained on traces from R1, our model reaches 71% on B": what is scored is our model, not a model
    the fronted phrase names — unless that phrase compares ("Compared with A, our model ...")."""
    fronted = _FRONTED_OURS.match(text)
    if fronted is None or _COMPARISON.search(text, 0, fronted.end()):
        return scored
    return [m for m in scored if m.start - offset >= fronted.end()]


_FAMILY_AFTER = re.compile(r"\s+(?:family|families|series)\b", re.IGNORECASE)


# "X ... improving over its Y baseline", "X and its base model Y": Y is what X was made from
_ITS_BEFORE = re.compile(r"\b(?:its|their)\s+(?:(?P<role>base|backbone|original|initial|underlying)\s+(?:model\s+)?)?$",
                         re.IGNORECASE)
_BASE_AFTER = re.compile(r"\s+(?:baseline|backbone|base model|base)\b", re.IGNORECASE)


def _own_bases(text: str, offset: int, models: list[Mention], evidence: Evidence) -> list[Relation]:
    out = []
    for i, m in enumerate(models):
        its = _ITS_BEFORE.search(text, max(0, m.start - offset - 40), m.start - offset)
        if its is None or not (its.group("role") or _BASE_AFTER.match(text, m.end - offset)):
            continue
        owner = next((o for o in reversed(models[:i]) if o.entity_id != m.entity_id), None)
        if owner is not None:
            out.append(Relation(RelationType.BASED_ON, owner.entity_id, m.entity_id, evidence))
    return out


# A model's tokenizer or architecture re-used in another model: the model itself is neither scored, trained
# nor a base there ("a Llama-2 architecture trained from scratch" is not based on Llama 2).
_PART_AFTER = re.compile(r"(?:'s)?\s+(?:tokeni[sz]ers?|architectures?|vocabular(?:y|ies))\b", re.IGNORECASE)
_PART_BEFORE = re.compile(r"\b(?:tokeni[sz]ers?|architectures?|vocabular(?:y|ies))\s+of\s+(?:the\s+)?$", re.IGNORECASE)


# A model that serves the experiment as a tool — judge, annotator, data generator, teacher — is not what the
# sentence scores or trains: "GPT-4 as the judge", "traces generated by R1", "using GPT-4o to label ...".
_TOOL_AFTER = re.compile(
    r"(?:-(?:generated|annotated|labell?ed|judged|synthesi[sz]ed)\b|"
    r"\s+(?:model\s+)?(?:(?:serves?|served|serving|acts?|acted|acting|is used|was used|used)\s+)?"
    r"(?:as\s+(?:an?|the|our)\s+(?:[\w-]+\s+)?)?(?:judges?|annotators?|evaluators?|labell?ers?|data generators?|"
    r"teachers?)\b)", re.IGNORECASE)
# "Skywork-Reward as the reward model", "with A as a draft model", "B used as the quality filter": a role
# only "as" gives (a "BERT classifier" fine-tuned on D is still BERT trained on D)
_TOOL_AS = re.compile(r" as\s+(?:an?|the|our|its)\s+(?:[\w-]+\s+)?(?:(?:reward|draft)\s+models?|filters?)\b", re.IGNORECASE)
# "responses judged by A", "annotations from A", "we generate 10K pairs with A": A made the data
# "fine-tune A on the outputs of B": B wrote training data; "we filter responses with A", "translate B
# into Swahili with A": A made or sorted the data
_TOOL_BEFORE = re.compile(r"(?:\b(?:judged|generated|annotated|labell?ed|synthesi[sz]ed) (?:\w+ )?by|"
                          r"\b(?:annotations|labels|judgm?ents|judgements) (?:\w+ )?(?:from|by)|"
                          r"\b(?:train|tun|based|buil[dt]|construct|distill)\w*(?:\s+[\w.-]+){0,2}?\s+"
                          r"(?:on|from|with|using)\s+(?:the\s+)?(?:[\w-]+\s+)?outputs of|"
                          r"\b(?:(?:generat|synthesi[sz]|annotat|translat|paraphras)(?:e|es|ed|ing)|filter(?:s|ed|ing)?)"
                          r"\s+(?:[\w-]+\s+){0,4}?(?:with|using))"
                          r"\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)
_USE_BEFORE = re.compile(r"\b(?:using|use|used|uses|prompting|prompt|employ\w*|leverag\w*|query\w*)\s+(?:the\s+)?$",
                         re.IGNORECASE)
_TO_MAKE_AFTER = re.compile(r"\s+(?:model\s+)?to\s+(?:generate|annotate|label|judge|synthesi[sz]e|evaluate)\b",
                            re.IGNORECASE)


_TOOL_PREPOSITION = re.compile(r"\b(?:by|from|with|using|(?<=outputs of))\s+(?:the\s+|a\s+|an\s+)?$")


def _tool_hint(text: str) -> bool:
    """Whether the sentence has a word every tool phrase above contains (a chain of substring tests is
    the cheapest way to rule out the many sentences that have none)."""
    return ("judg" in text or "enerat" in text or "valuat" in text or "nnotat" in text or "label" in text
            or "teacher" in text or "ynthes" in text or "ilter" in text or "ransl" in text or "utputs of" in text)


def _tools_as(text: str, offset: int, inside: list[Mention]) -> set[str]:
    """The models a role phrase right after the name makes tools ("A as the reward model"): a test at
    each name's end, cheaper than a scan of the sentence for the words of the role."""
    found = set()
    for m in inside:
        if text.startswith(" as ", m.end - offset) and _TOOL_AS.match(text, m.end - offset):
            found.add(m.entity_id)
    return found


def _tools(text: str, offset: int, inside: list[Mention]) -> set[str]:
    """The models a sentence names as tools of the experiment rather than as its subjects."""
    if not _tool_hint(text):
        return _tools_as(text, offset, inside) if " as " in text else set()
    tools = set()
    for m in inside:
        start, end = m.start - offset, m.end - offset
        if (_TOOL_AFTER.match(text, end) or (text.startswith(" as ", end) and _TOOL_AS.match(text, end))
                or (_TOOL_PREPOSITION.search(text, max(0, start - 12), start)
                                             and _TOOL_BEFORE.search(text, max(0, start - 60), start))
                or (_TO_MAKE_AFTER.match(text, end) and _USE_BEFORE.search(text, max(0, start - 20), start))):
            tools.add(m.entity_id)
    return tools


def _list_kinds(text, offset, inside, types) -> list[EntityType | None]:
    """Each mention's type in this sentence: a model named inside a list of benchmarks ("benchmarks
    such as A, B, C and D") is used as one of them here, whatever its type elsewhere."""
    kinds = [types.get(m.entity_id) for m in inside]
    if len(kinds) < 3 or EntityType.BENCHMARK not in kinds or EntityType.MODEL not in kinds:
        return kinds  # a list of benchmarks with a model inside needs three names of both types
    for i in range(1, len(inside)):
        if kinds[i] != EntityType.MODEL or kinds[i - 1] != EntityType.BENCHMARK:
            continue
        before_too = i >= 2 and kinds[i - 2] == EntityType.BENCHMARK and _listed(text, offset, inside[i - 2], inside[i - 1])
        after_too = i + 1 < len(inside) and kinds[i + 1] == EntityType.BENCHMARK and _listed(text, offset, inside[i], inside[i + 1])
        if _listed(text, offset, inside[i - 1], inside[i]) and (before_too or after_too):
            kinds[i] = EntityType.BENCHMARK
    return kinds


_EVALUATED_AT = re.compile(r"\b(?:evaluat|test|benchmark|assess)\w*(?:\s+[\w.+/-]+){0,3}?\s+on\b", re.IGNORECASE)
# What ends a cue's object: another preposition ("pretrained on 3T tokens, on B"), a clause break or a result
_ROLE_BREAK = re.compile(r"[;:]|\b(?:on|in|across|over|against|and then|while)\b|"
                         r"\b(?:achiev|outperform|surpass|scor|reach|attain|perform|result|improv|compar|rais|boost|lift)\w*",
                         re.IGNORECASE)
# "its AlpacaEval 2.0 win rate", "MMLU accuracy": a benchmark named with its metric is scored, not trained on
_METRIC_AFTER = re.compile(r"\s+(?:accuracy|scores?|win[- ]rates?|pass@\d+|exact match|success rates?|f1)\b", re.IGNORECASE)
# "train M with GRPO on D", "fine-tune M using LoRA on D": the method, then the data the cue trains on
_METHOD_THEN_ON = re.compile(r"(?<=with|sing)\s+(?:[\w-]+\s+){1,3}?on\s+(?:the\s+)?")
_SWAPPED = {EntityType.BENCHMARK: EntityType.DATASET, EntityType.DATASET: EntityType.BENCHMARK}


def _cue_roles(text, offset, inside, kinds) -> list[EntityType | None]:
    """A collection named in the object of "trained on" is training data in this sentence, and one in
    the object of "evaluated on" a benchmark, whatever its type elsewhere (guidelines: a corpus used to
    train is a dataset, the same name used to evaluate a benchmark)."""
    has_bench, has_data = EntityType.BENCHMARK in kinds, EntityType.DATASET in kinds
    if not has_bench and not has_data:
        return kinds
    # only a benchmark can become training data, only a dataset a test set: skip the cue that cannot apply
    cues = [(c.end(), EntityType.DATASET) for c in _training_cues(text)] \
        if has_bench and ("rain" in text or "tun" in text) else []
    if has_data and ("valuat" in text or "test" in text or "enchmark" in text or "ssess" in text):
        cues += [(c.end(), EntityType.BENCHMARK) for c in _EVALUATED_AT.finditer(text)]
    if not cues:
        return kinds
    out = list(kinds)
    for i, (m, kind) in enumerate(zip(inside, kinds)):
        at = m.start - offset
        near = max((c for c in cues if c[0] <= at), default=None)
        if kind in _SWAPPED and near and near[1] is _SWAPPED[kind] and at - near[0] <= 80 \
                and not (kind is EntityType.BENCHMARK and _METRIC_AFTER.match(text, m.end - offset)) \
                and (not _ROLE_BREAK.search(text, near[0], at)
                     or (text[near[0] - 4 : near[0]] in ("with", "sing") and _METHOD_THEN_ON.fullmatch(text, near[0], at))):
            out[i] = near[1]
    return out


def _listed(text: str, offset: int, first: Mention, second: Mention) -> bool:
    """Whether two mentions are neighbours in one list ("A, B", "A and B")."""
    return bool(_LIST_GAP.fullmatch(text, first.end - offset, second.start - offset))


# "X, a Llama-3-8B model fine-tuned on ...": a model named to describe the one before it
_APPOSITION_GAP = re.compile(r"[,:]\s+an?\s+(?:[a-z][\w-]*\s+){0,2}")
_DESCRIBED_AS = re.compile(r"\s+(?:[a-z][\w-]*\s+)?(?:model|llm|variant|version|checkpoint|derivative)s?\b", re.IGNORECASE)
_DERIVED_HINT = re.compile(r"fine-?tun|adapt|distill|continu|variant|version|derivative|post-?train|instruction-tun|"
                           r"further (?:pre-?)?train",
                           re.IGNORECASE)


def _appositive_bases(text, offset, models) -> list[tuple[Mention, Mention, bool]]:
    """(head, model describing it, whether the apposition says the head derives from it): "X, a Y
    model fine-tuned on D" names Y to say what X is — Y itself is neither trained nor scored here."""
    out = []
    for head, base in zip(models, models[1:]):
        if not _APPOSITION_GAP.fullmatch(text, head.end - offset, base.start - offset):
            continue
        if not _DESCRIBED_AS.match(text, base.end - offset):
            continue
        close = text.find(",", base.end - offset)
        rest = text[base.end - offset : close if close >= 0 else len(text)]
        out.append((head, base, bool(_DERIVED_HINT.search(rest))))
    return out


_PRESENT = re.compile(r"\b(?:we|this (?:paper|work|study))\s+(?:\w+ly\s+)?(?:also\s+|further\s+)?"
                      rf"{_PRESENTING}\w*\b",
                      re.IGNORECASE)


def _presents_own_benchmarks(text: str, benches: list[Mention], introduced: list[str]) -> bool:
    """"We also introduce XBench, a benchmark for the evaluation of ...": a sentence that presents the
    paper's own benchmarks and names no model scores nothing on them — its "we" builds, not competes."""
    return bool(benches) and all(b.entity_id in introduced for b in benches) and bool(_PRESENT.search(text))


_OWN_DATA = re.compile(r"\b(?:our|th(?:is|ese)) (?:\w+[- ]){0,2}(?:corpus|corpora|datasets?|data)\b", re.IGNORECASE)
# "X, which was trained through supervised fine-tuning using this data": a model, then its training cue
_TRAINED_BY = re.compile(r"^\s*(?:models?\b)?[\s,]*(?:which|that|is|was|were|are|has been|have been|\s)*\s*"
                         r"(?:(?:pre-?|post-?|re-?)?train|fine-?tun)\w*\b", re.IGNORECASE)
_TRAIN_BEFORE = re.compile(r"\b(?:(?:pre-?|post-?|re-?)?train\w*|fine-?tun\w*)\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)


def _trained_on_own_data(text, offset, models, own_data, evidence) -> list[Relation]:
    """"When used to pretrain a Llama 8B model, our corpus yields ...": the model trained is trained
    on the paper's own dataset, which the sentence names only as "our corpus"."""
    named = _OWN_DATA.search(text) if own_data and models else None
    if named is None:
        return []
    if not named.group().lower().endswith(("corpora", "datasets")):
        own_data = own_data[:1]  # "our corpus": the paper's first-named (headline) dataset
    trained = [m.entity_id for m in models if _TRAIN_BEFORE.search(text, max(0, m.start - offset - 30), m.start - offset)
               or (0 <= m.end - offset < named.start() and _TRAINED_BY.match(text[m.end - offset : named.start()]))]
    return [Relation(RelationType.TRAINED_ON, m, d, evidence) for m in dict.fromkeys(trained) for d in own_data]


_SUBJECT_PRONOUN = re.compile(r"\b(?:it|this model)\s+(?!is\b|was\b)[a-z]+s\b", re.IGNORECASE)


def _subject_pronoun_first(text: str, offset: int, models: list[Mention]) -> bool:
    """Whether "it" opens a clause as the subject of a verb before any model the sentence names."""
    head = text[: models[0].start - offset]
    if "it " not in head and "It " not in head and "his model" not in head:
        return False  # the pattern needs one of these: a substring test is far cheaper
    pronoun = _SUBJECT_PRONOUN.search(text, 0, models[0].start - offset)
    if pronoun is None:
        return False
    return not text[: pronoun.start()].strip() or text[: pronoun.start()].rstrip().endswith(",")


def _subjects(text: str, models: list[Mention], own_models: list[str]) -> list[str]:
    """The models a sentence talks about: those it names, else the paper's own for "our model"."""
    if models:
        named = list(dict.fromkeys(m.entity_id for m in models))
        # "our model outperforms GPT-4 on X": the paper's own model is scored there too
        # — unless the sentence names it already ("our adapted models, X-2, ..."): then that is it
        ours = own_models if _search(_OURS_EXPLICIT, text) and not any(_own_variant(n, own_models) for n in named) else []
        return list(dict.fromkeys(named + ours))
    if own_models and _search(_OURS, text):
        return own_models
    if own_models and ("B " in text or "M " in text):  # "the 7B variant scores ...": the paper's own 7B model
        return _sized_own_models(text, own_models)
    return []


# "the 7B variant", "our 1.5B model": one of the paper's own models, picked by its size (a size not
# among them names some other model, which is not scored here)
_SIZED_REFERENCE = re.compile(r"\b(?:[Tt]he|[Oo]ur|[Ii]ts)\s+(\d+(?:\.\d+)?[BM])[\s-]+(?:[a-z][\w-]*\s+)?"
                              r"(?:variants?|models?|versions?|checkpoints?)\b")


def _sized_own_models(text: str, own_models: list[str]) -> list[str]:
    """The paper's own models whose size the sentence names ("the 7B variant")."""
    sizes = {m.group(1).lower() for m in _SIZED_REFERENCE.finditer(text)}
    if not sizes:
        return []
    return [eid for eid in own_models
            if any(re.search(rf"(?<![\w.]){re.escape(size)}(?![\w.])", eid) for size in sizes)]


def _evaluated(text, offset, models, benches, own_models, evidence, subjects=None) -> list[Relation]:
    if not benches or not (_search(_EVAL, text) or _outcome(text)):
        return []
    if "not " in text or "n't" in text:  # substring test first: few sentences negate
        benches = [b for b in benches if not _NOT_EVALUATED_BEFORE.search(text, max(0, b.start - offset - 80),
                                                                          b.start - offset)]
    # only a benchmark named before an evaluating verb can be one the verb places models elsewhere than
    # (an evaluating verb between the first benchmark and the last model: most sentences have none)
    verb = text.find("valuat", benches[0].end - offset, models[-1].start - offset) if models else -1
    elsewhere = _evaluated_elsewhere(text, offset, models, benches) if verb >= 0 else ()
    subjects = subjects or _subjects(text, models, own_models)
    tail = benches[-1].end - offset
    if models and models[-1].start - offset > tail and (text.find("than", tail) >= 0 or text.find("st of", tail) >= 0
                                                        or text.find("ze of", tail) >= 0):
        cheaper = _compared_on_cost(text, offset, models, benches)  # "..., and costs 40% less than C": not C's score
        subjects = [s for s in subjects if s not in cheaper]
    at = {m.entity_id: m.start - offset for m in models}  # where each named model stands
    named_here = bool(models) and all(m.start >= offset for m in models)
    runs: dict[str, set[str]] = {}
    for b in benches if named_here else ():  # "A beats C on X and Y, and matches D on X": X's models from both
        runs.setdefault(b.entity_id, set()).update(_scope(text, offset, models, benches, b))
    out = []
    for bench in benches:
        scoped = runs.get(bench.entity_id, set())
        claimed = set().union(*runs.values()) - scoped if runs else set()
        clause = _clause_models(text, offset, models, bench)
        compared = _compared_before_new_predicate(text, offset, models, bench) if len(models) > 1 else ()
        near = None  # the scores around this benchmark, read once for all its models
        for source in subjects:
            if source in claimed or source in compared or (elsewhere and (source, bench.entity_id) in elsewhere):
                continue  # "A on B1, while C on B2": C's result is on B2, not B1
            if clause and source in at and source not in clause and at[source] < bench.start - offset:
                continue  # "Experiments with A show gains: C reaches 43% on B": C's score
            near = near or _numbers_near(text, bench.start - offset, bench.end - offset)
            metric, value = _result(text, bench.start - offset, bench.end - offset, source, at, near)
            out.append(Relation(RelationType.EVALUATED_ON, source, bench.entity_id, evidence, metric, value))
    if "respectively" in text:  # "A and C reach 71% and 64% on X and Y, respectively": A on X, C on Y
        crossed = _crossed_pairs(text, offset, models, benches)
        out = [r for r in out if (r.source, r.target) not in crossed]
    return out


# "we do not evaluate on A or B", "A is not tested on B": a benchmark the models are NOT scored on
_NOT_EVALUATED_BEFORE = re.compile(r"\b(?:not|n't)\s+(?:(?:yet|also|directly|explicitly|be|been|being)\s+){0,2}"
                                   r"(?:evaluat|test|report)\w*\s+(?:[\w-]+\s+){0,3}?"
                                   r"(?:on|against)\s+(?:the\s+)?(?:[\w.+-]+(?:,\s*|\s+(?:and|or|nor)\s+)(?:on\s+)?(?:the\s+)?)*$",
                                   re.IGNORECASE)
_EVALUATE_ON = re.compile(r"\b(?:evaluat|test|assess)\w*(?:\s+[\w.+/-]+){1,4}?\s+on\b", re.IGNORECASE)


_NEW_SET_AFTER = re.compile(r"\s+(?:it|them|this|these|(?:the|our)\s+(?:resulting|new|constructed|filtered))\b",
                            re.IGNORECASE)


# "costs 40% less than C", "3x faster than C", "at half the size of C": C is compared on a resource, not scored
_RESOURCE_BEFORE = re.compile(r"\b(?:(?:less|fewer|smaller|faster|cheaper|slower|lighter|larger|bigger)\s+"
                              r"(?:[\w-]+\s+){0,2}?than|(?:size|cost)\s+of)\s+(?:the\s+)?$", re.IGNORECASE)


def _compared_on_cost(text, offset, models, benches) -> set[str]:
    """Models named after the last benchmark only as what the subject is cheaper, faster or smaller than."""
    final = max(b.end for b in benches)
    cheaper = set()
    for m in models:
        at = m.start - offset
        lo = max(0, at - 40)
        if m.start > final and _RESOURCE_BEFORE.search(text, lo, at):
            cheaper.add(m.entity_id)
    return cheaper - {m.entity_id for m in models if m.start < final}


def _evaluated_elsewhere(text, offset, models, benches) -> set[tuple[str, str]]:
    """"We paraphrase B1 to build B2, and evaluate A and C on B2": models that an evaluating verb
    places on the benchmarks after it are not scored on those named before the verb, in a clause that
    states no result."""
    pairs = set()
    for cue in _finditer(_EVALUATE_ON, text):
        placed = [m.entity_id for m in models if cue.start() < m.start - offset and m.end - offset < cue.end()]
        if not placed or _search(_EVAL, text[: cue.start()]):
            continue  # "A reaches 70% on B1, and we evaluate A on B2": B1 has a result of its own
        placed_on = {b.entity_id for b in benches if b.start - offset >= cue.end()}
        if placed_on or _NEW_SET_AFTER.match(text, cue.end()):  # "... on B2", "... on it"
            pairs.update((m, b.entity_id) for m in placed for b in benches
                         if b.end - offset <= cue.start() and b.entity_id not in placed_on)
    return pairs


# "X and Y", "71.2% on X and 64.0% on Y", "X and on Y": names listed in parallel
_PARALLEL_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:(?:\d+(?:\.\d+)?\s*%?\s+(?:[a-z]+\s+)?)?on\s+(?:the\s+)?)?")


def _runs(text: str, offset: int, mentions: list[Mention]) -> list[list[Mention]]:
    """Maximal lists of neighbouring mentions ("A, B and C", "70% on A and 64% on B")."""
    runs: list[list[Mention]] = []
    for m in mentions:
        if runs and _PARALLEL_GAP.fullmatch(text, runs[-1][-1].end - offset, m.start - offset):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


_RESPECTIVELY_NEXT = re.compile(r"[\s,]*\(?respectively\b", re.IGNORECASE)


def _crossed_pairs(text: str, offset: int, first: list[Mention], second: list[Mention]) -> set[tuple[str, str]]:
    """With "respectively", the pairs a list of as many names as another does not make: (A, Y) and (C, X)
    of "A and C ... X and Y, respectively"."""
    crossed = set()
    for left in _runs(text, offset, first):
        for right in _runs(text, offset, second):
            later = max(left[-1], right[-1], key=lambda m: m.end)
            # "respectively" right after the later list pairs the two lists; after something else
            # ("A and B reach 60% and 55%, respectively") it pairs that with one of them
            if len(left) == len(right) >= 2 and _RESPECTIVELY_NEXT.match(text, later.end - offset):
                crossed |= {(a.entity_id, b.entity_id) for i, a in enumerate(left)
                            for j, b in enumerate(right) if i != j and a.entity_id != b.entity_id}
    return crossed


# ", and scores 59.4 on B", ", achieving 80% on B": a new predicate of the sentence's subject.
_NEW_PREDICATE = re.compile(r",\s*(?:and\s+|thereby\s+|while\s+)?(?:\w+ly\s+)?"
                            r"(?:achiev|scor|reach|attain|obtain|sets?\b|setting|yield|deliver|record)\w*", re.IGNORECASE)


def _compared_before_new_predicate(text, offset, models, bench) -> set[str]:
    """"A outperforms C on most tasks, and scores 59.4 on B": C, the object of a comparison that a
    new predicate of A follows, has no result on B."""
    at = bench.start - offset
    boundary = max((m.start() for m in _NEW_PREDICATE.finditer(text, 0, at)), default=-1)
    subject = next((m for m in models if m.start - offset < boundary), None)
    if subject is None:
        return set()
    comparison = _COMPARISON.search(text, subject.end - offset, boundary)
    if comparison is None:
        return set()
    return {m.entity_id for m in models
            if comparison.end() <= m.start - offset < boundary and m.entity_id != subject.entity_id}


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


_COMPARISON = re.compile(r"\b(?:outperform\w*|surpass\w*|compar\w*|than|beat\w*|exceed\w*|versus|vs\.?|against|over|"
                         r"rival\w*|on par)\b",
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


# "We evaluate A and B", "our study benchmarks ...", "XBench evaluates ...", "A and B are evaluated":
# a clause whose verb is evaluating — not the noun ("upon evaluation", "evaluation datasets") nor an
# infinitive or modifier ("a judge trained to compare abstracts", "nine evaluated host models").
_ASSESS = re.compile(
    r"\b(?:we|our (?:\w+ ){0,2}?\w+|(?-i:[A-Z])[\w-]+)\s+(?:\w+ly\s+)?(?:also\s+|further\s+|then\s+)?"
    r"(?:evaluat(?:e|es|ed|ing)|assess(?:es|ed|ing)?|benchmark(?:ed|ing)?|test(?:ed|ing)?|"
    r"compar(?:e|es|ed|ing)|examin(?:e|es|ed|ing)|prob(?:e|es|ed|ing)|analy[sz](?:e|es|ed|ing))\b"
    r"|\b(?:are|were|is|was|be|been|being)\s+(?:\w+ly\s+)?"
    r"(?:evaluated|assessed|benchmarked|tested|compared|examined|probed|analy[sz]ed)\b",
    re.IGNORECASE,
)


def _evaluated_on_own_benchmark(text, models, benches, own_benches, evidence) -> list[Relation]:
    """"We evaluate GPT-4o and Llama 3 ..." in a paper that introduces a benchmark: they are
    evaluated on that benchmark, though the sentence does not name it."""
    if benches or not models or not own_benches or not _ASSESS.search(text):
        return []
    return [Relation(RelationType.EVALUATED_ON, m, b, evidence)
            for m in dict.fromkeys(x.entity_id for x in models) for b in own_benches]


def _numbers_near(text: str, start: int, end: int) -> tuple[int, str, list[re.Match]]:
    """The window around a benchmark's mention (its start offset and text) and the scores in it."""
    lo = max(0, start - 80)
    window = text[lo : min(len(text), end + 80)]
    return lo, window, [m for m in _NUMBER.finditer(window) if (m.group(2) or "." in m.group(1)) and not _delta(window, m)]


def _delta(window: str, m: re.Match) -> bool:
    """Whether the number states a change between scores rather than a score."""
    return (m.group(2) == "pp" or bool(_DELTA_BEFORE.search(window, max(0, m.start() - 16), m.start()))
            or bool(_DELTA_AFTER.match(window, m.end())))


def _result(text: str, start: int, end: int, source: str = "", models_at: dict[str, int] | None = None,
            near: tuple[int, str, list[re.Match]] | None = None) -> tuple[str | None, str | None]:
    """The metric and value a sentence states for this model on this benchmark ("Llama 3 reaches
    72.4% accuracy on GSM8K"): the score nearest the benchmark among those nearer this model than
    any other named model — or none, rather than another model's score."""
    lo, window, numbers = near or _numbers_near(text, start, end)
    if not numbers:
        return None, None
    # "X reaches 55% on B, surpassing C": a score before the compared model is not its score, even
    # where C is the only model the sentence names
    # ("ur " is a cheap test for "our", read by _closest_model)
    if models_at and (len(models_at) > 1 or (source in models_at and (_comparison_hint(window) or "ur " in window))):
        numbers = [m for m in numbers if _closest_model(lo + m.start(), models_at, text, end) == source]
        if not numbers:
            return None, None
    # "N% accuracy on B" is the common order: the nearest score before the benchmark, else after it.
    before = [m for m in numbers if lo + m.start() < start]
    best = max(before, key=lambda m: m.start()) if before else min(numbers, key=lambda m: m.start())
    raised = _FROM_TO_AFTER.match(window, end - lo) if "from" in window else None
    if raised:  # "..., and MBPP from 44.2 to 61.3": the benchmark's own new score, not the one before it
        best = next((m for m in numbers if m.start() == raised.end()), best)
    value = best.group(1) + (best.group(2) or "")
    metric = min(_finditer(_METRIC, window), key=lambda m: abs(m.start() - best.start()), default=None)
    if metric is None:
        # no metric named: a score written right at the benchmark ("83.2% on MATH-500", "B (61.2%)") is
        # still its score; one further off may be anything
        attached = _ON_BENCH.fullmatch(window, best.end(), start - lo) or _BRACKETED.fullmatch(window, end - lo, best.start())
        return (None, value) if attached and best.group(2) else (None, None)
    return window[metric.start(1) : metric.end(1)], value


_ON_BENCH = re.compile(r"\s+(?:on|in)\s+(?:the\s+)?")
_FROM_TO_AFTER = re.compile(r"\s+(?:[\w@-]+\s+){0,2}?from\s+\d+(?:\.\d+)?\s*%?\s+to\s+", re.IGNORECASE)
_BRACKETED = re.compile(r"\s*\(\s*")


# "surpassing C", "better than C": C is what the subject is compared with
_COMPARED_BEFORE = re.compile(r"\b(?:outperform\w*|surpass\w*|beat\w*|exceed\w*|than|over|match\w*|rival\w*|"
                              r"versus|vs\.?)\s+(?:the\s+|both\s+)?$", re.IGNORECASE)


def _comparison_hint(text: str) -> bool:
    """Whether the sentence has a word one of the _COMPARED_BEFORE cues contains (cheaper than it)."""
    return ("than" in text or "over" in text or "pass" in text or "perform" in text or "beat" in text
            or "xceed" in text or "atch" in text or "rival" in text or "vs" in text)


def _compared(text: str, at: int) -> bool:
    """Whether the model named at `at` is the object of a comparison."""
    return bool(_COMPARED_BEFORE.search(text, max(0, at - 20), at))


def _closest_model(position: int, models_at: dict[str, int], text: str = "", bench_end: int = -1) -> str:
    """Whose score a number is: the last model named before it (the subject), else the nearest — but
    not the object of a comparison when the number comes before it ("55% on B, surpassing C") or
    stands in brackets after the benchmark ("A matches C on B (68.4%)": A's, the subject's)."""
    before = [model for model, at in models_at.items() if at < position]
    if not before:  # "Our model reaches 55% on B at half the cost of C": a score before C is not C's
        nearest = min(models_at, key=lambda model: abs(models_at[model] - position))
        ours = "ur " in text[:position] and _search(_OURS_EXPLICIT, text[:position])
        return "" if text and (ours or _compared(text, models_at[nearest])) else nearest
    last = max(before, key=lambda model: models_at[model])
    if text and _BRACKETED.fullmatch(text, bench_end, position) and _compared(text, models_at[last]):
        first = min(before, key=lambda model: models_at[model])
        return first if first != last else ""  # the subject, or no model named if it is not
    return last


def _based_on(text, offset, models, own_models, evidence) -> tuple[list[Relation], set[str]]:
    """"X, fine-tuned from Y" / "we continue pre-training Y": Y is a model named right after the cue.
    Also the models named as where another starts from ("initialized from Y"), whose scores are not here."""
    out: list[Relation] = []
    started: set[str] = set()
    if not models or (len(models) < 2 and not own_models):
        return out, started  # every rule below relates two models, or the paper's own to one named
    lowered = text.lower()
    maybe = _derivation_hint(lowered) and (not text.isascii() or _BASED_ON_LOOSE.search(lowered) is not None)
    cues = _BASED_ON.finditer(text) if maybe else ()
    for cue in cues:
        cue_at, cue_end = offset + cue.start(), offset + cue.end()
        if _negated(text, cue.start()):
            continue  # "rather than distilling from A", "it is not initialized from A"
        if _others_built(text, cue.start()):
            # "outperforming prior agents built on GPT-4": others' systems are built on it; it is not scored
            started.update(m.entity_id for m in _cue_objects(text, offset, cue_end, models))
            continue
        aside = _aside_end(text, offset, cue.start())
        # "extensions of the Qwen family built on X": a family named in passing is not what is built
        before = [m.entity_id for m in models if aside <= m.start and m.end <= cue_at
                  and not _FAMILY_AFTER.match(text, m.end - offset)]
        targets = [m.entity_id for m in _cue_objects(text, offset, cue_end, models)]
        if len(models) > 1 and _STARTS_FROM.search(cue.group()):
            started.update(targets)
        sources = before[-1:] or (own_models[:1] if _search(_OURS, text) else [])
        crossed: set[tuple[str, str]] = set()
        if before and "respectively" in text:  # "A and C, built on X and Y respectively": A on X, C on Y
            heads = [m for m in models if m.end <= cue_at]
            sources = [m.entity_id for m in _runs(text, offset, heads)[-1]]
            crossed = _crossed_pairs(text, offset, heads, [m for m in models if m.start >= cue_end])
        out += [Relation(RelationType.BASED_ON, s, t, evidence) for s in sources for t in dict.fromkeys(targets)
                if s != t and (s, t) not in crossed]
    if "distill" in lowered:
        out += _distilled_into(text, offset, models, evidence)
    if "merg" in lowered:
        out += _merged_into(text, offset, models, evidence)
    if "initiali" in lowered:
        out += _initialized(text, offset, models, evidence, started)
    if ("backbone" in lowered or "base model" in lowered or "feature extractor" in lowered or "encoder" in lowered
            or "initiali" in lowered):  # one is in every _BACKBONE_AFTER
        out += _backbones(text, offset, models, own_models, evidence)
    return out, started


# "prior agents built on X", "outperforming methods based on X": what the cue derives is other work
_OTHERS_BUILT = re.compile(r"(?:\b(?:prior|previous|existing|other|competing|earlier|concurrent)\s+|"
                           r"\b(?:outperform\w*|surpass\w*|than|over|unlike|beat\w*)\s+(?:the\s+|all\s+)?)"
                           r"(?:[\w-]+\s+){0,2}?(?:models|llms|lms|systems|agents|methods|approaches|baselines|works|"
                           r"frameworks|pipelines|detectors|classifiers)\s+(?:(?:that|which)\s+(?:are|were)\s+)?$",
                           re.IGNORECASE)


_OTHERS_NOUNS = ("models", "llms", "lms", "systems", "agents", "methods", "approaches", "baselines", "works", "frameworks",
                 "pipelines", "detectors", "classifiers", "are", "were")


def _others_built(text: str, at: int) -> bool:
    """Whether the derivation cue at `at` follows others' systems (a plural noun is tested first: cheap)."""
    head = text[max(0, at - 16) : at].rstrip().lower()
    return head.endswith(_OTHERS_NOUNS) and bool(_OTHERS_BUILT.search(text, max(0, at - 60), at))


# Of the derivation cues, those whose object is the model another starts from ("initialized from B",
# "continued pre-training of B"): its score and training data are the new model's.
_STARTS_FROM = re.compile(r"(?:from|with|(?:pre-?train|distill)\w* of)$", re.IGNORECASE)


_INITIALIZE_BEFORE = re.compile(r"\binitiali[sz]\w*\s+(?:(?:the|our|a|an)\s+)?$", re.IGNORECASE)
_FROM_WEIGHTS = re.compile(r"\s+(?:model\s+)?(?:from|with)\s+(?:the\s+)?(?:(?:pre-?trained\s+)?weights\s+of\s+|"
                           r"(?:a\s+)?(?:pre-?trained\s+)?(?:checkpoint\s+of\s+)?)?", re.IGNORECASE)


def _initialized(text, offset, models, evidence, started: set[str]) -> list[Relation]:
    """"We initialize X from Y" / "initializing X with the weights of Y": X is based on Y."""
    out = []
    for new, base in zip(models, models[1:]):
        if (_FROM_WEIGHTS.fullmatch(text, new.end - offset, base.start - offset)
                and _INITIALIZE_BEFORE.search(text, max(0, new.start - offset - 30), new.start - offset)):
            out.append(Relation(RelationType.BASED_ON, new.entity_id, base.entity_id, evidence))
            started.add(base.entity_id)
    return out


_INTO = re.compile(r"\s+(?:models?\s+)?into\s+(?:(?:the|a|an|our)\s+)?(?:(?:smaller|student|compact)\s+)?", re.IGNORECASE)
_DISTILL_BEFORE = re.compile(r"\bdistill\w*\s+(?:[\w-]+\s+){0,4}?$", re.IGNORECASE)


def _distilled_into(text, offset, models, evidence) -> list[Relation]:
    """"We distill DeepSeek-R1 into Qwen2.5-7B": the student named after "into" is based on the teacher."""
    out = []
    for teacher, student in zip(models, models[1:]):
        if (_INTO.fullmatch(text, teacher.end - offset, student.start - offset)
                and _DISTILL_BEFORE.search(text, max(0, teacher.start - offset - 50), teacher.start - offset)):
            out.append(Relation(RelationType.BASED_ON, student.entity_id, teacher.entity_id, evidence))
    return out


# "We merge A and B into a single model, C": C derives from every model merged
_MERGE_INTO = re.compile(r"\s+into\s+(?:(?:the|a|an|one|our)\s+)?(?:(?:[\w-]+\s+){0,2}?models?\s*,?\s*"
                         r"(?:(?:called|named|dubbed)\s+)?)?", re.IGNORECASE)
_MERGE_BEFORE = re.compile(r"\bmerg\w*\s+(?:(?:the|two|three)\s+)?(?:models?\s+)?$", re.IGNORECASE)


def _merged_into(text, offset, models, evidence) -> list[Relation]:
    """"We merge A and B into C": C is based on A and on B."""
    out = []
    for i in range(1, len(models)):
        if not _MERGE_INTO.fullmatch(text, models[i - 1].end - offset, models[i].start - offset):
            continue
        first = i - 1  # the list the merge verb heads: "A, B and C into D"
        while first and _listed(text, offset, models[first - 1], models[first]):
            first -= 1
        if _MERGE_BEFORE.search(text, max(0, models[first].start - offset - 30), models[first].start - offset):
            out += [Relation(RelationType.BASED_ON, models[i].entity_id, m.entity_id, evidence)
                    for m in models[first:i] if m.entity_id != models[i].entity_id]
    return out


# What may not stand between a derivation cue and its model: "fine-tune LLMs into X" names the
# result, not the base; "pretraining with 50B tokens selected by a BERT-style annotator" a helper.
# "based on the observation that A ...", "building on our analysis of A", "on the design of A": an
# idea, a finding or an architecture taken from A, not A's weights (guidelines: re-used architecture is no base)
_NOT_DERIVATION_GAP = re.compile(r"\b(?:into|by|using|with|via|than|and then|analys[ie]s|observations?|findings?|"
                                 r"insights?|ideas?|stud(?:y|ies)|results|outputs|responses|behaviou?rs?|intuitions?|"
                                 r"principles?|evidence|success|designs?|architectures?|recipes?|paradigms?|lessons)\b|[;(]")
_STYLE_AFTER = re.compile(r"-(?:style|like|based|type|inspired)\b", re.IGNORECASE)


_NEW_CLAUSE = re.compile(r",\s*(?:and|but|while|whereas|which|where|who)\b")


def _cue_objects(text: str, offset: int, cue_end: int, models: list[Mention]) -> list[Mention]:
    """The models a derivation cue names: those soon after it, in its own clause ("upcycled from A, and
    B uses ...": not B) unless listed with one already taken ("from A, B, and C")."""
    found: list[Mention] = []
    for m in models:
        if not 0 <= m.start - cue_end <= 60 or not _derived_target(text, offset, cue_end, m):
            continue
        if _NEW_CLAUSE.search(text, cue_end - offset, m.start - offset) and not _list_goes_on(text, offset, found, m):
            continue
        found.append(m)
    return found


def _list_goes_on(text: str, offset: int, found: list[Mention], m: Mention) -> bool:
    """Whether `m` continues the list `found` ends: "A, B, and C" does, but ", and" after a single name
    opens a clause ("from A, and B uses ...")."""
    if not found or not _listed(text, offset, found[-1], m):
        return False
    return len(found) >= 2 or "," not in text[found[-1].end - offset : m.start - offset]


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


# "we show that models trained on D ...", "those fine-tuned on D": others' models, not the paper's own
_OTHERS_TRAINED = re.compile(r"(?<!\bour )\b(?:models|llms|lms|those|baselines|systems|networks|ones|"
                             r"classifiers|detectors|agents|methods|approaches)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


# "we evaluate the trained models on B": a participle after a determiner describes the models; the
# verb of the clause is another
_ATTRIBUTIVE = re.compile(r"\b(?:the|our|these|those|its|their|this|each|all)\s+$", re.IGNORECASE)


# "matches full fine-tuning on B", "outperforms standard training on B": a training method compared
# with, not a model trained on B
_COMPARED_METHOD = re.compile(r"\b(?:outperform\w*|surpass\w*|match\w*|rival\w*|than|over|versus|vs\.?|"
                              r"compared (?:to|with)|beat\w*|exceed\w*)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)


# "the training data for overlaps with B", "training steps on D": "training" heads a noun phrase, no verb
_TRAINING_NOUN = re.compile(r"\s+(?:data|sets?|splits?|corpus|corpora|mixtures?|examples|samples|instances|documents|"
                            r"budgets?|steps|runs?|recipes?|pipelines?|objectives?|loss|dynamics|time|costs?|compute|"
                            r"stages?|phases?|signals?|distributions?)\b", re.IGNORECASE)


# "SFT on D, then RL on E", "DPO on D": a training stage named by its acronym trains on D
_STAGE_ON = re.compile(r"\b(?:SFT|DPO|GRPO|RLHF|RL) +(?:stage\s+|phase\s+)?(?:on|with|using)\b")


def _training_cues(text: str) -> list[re.Match]:
    """The "trained on" cues of a sentence that train something (not "the trained models on B", nor
    the compound "a C4-trained baseline on B", nor the noun "training data ... with B")."""
    out = []
    cues = _finditer(_TRAINED_ON, text)
    if "SFT" in text or "RL" in text or "PO " in text:  # acronyms, written in capitals (DPO, GRPO: "PO ")
        cues = sorted([*cues, *_STAGE_ON.finditer(text)], key=lambda c: c.start())
    for cue in cues:
        verb = cue.group().split(None, 1)[0]
        if cue.start() and text[cue.start() - 1] == "-":
            continue  # "C4-trained", "math-tuned": an adjective describing the noun after it
        if verb.endswith("ed") and _ATTRIBUTIVE.search(text, 0, cue.start()):
            continue
        if verb.endswith("ing") and (_COMPARED_METHOD.search(text, max(0, cue.start() - 40), cue.start())
                                     or _TRAINING_NOUN.match(text, cue.start() + len(verb))):
            continue  # only a noun is a method compared with; "training data" is a noun phrase
        out.append(cue)
    return out


# "is not trained on B", "without fine-tuning on B", "instead of training on B", "rather than distilling
# from A": the sentence says the thing was not done; "could also be trained on B", "we plan to fine-tune
# A on B": nor done yet
_NEGATED_BEFORE = re.compile(r"\b(?:not|never|without|instead\s+of|rather\s+than|cannot|n't|could|would|might|may|"
                             r"(?:plans?|hope|intend)\s+to)\s+"
                             r"(?:(?:be|been|being|any|ever|explicitly|directly|further|also|need\s+to)\s+){0,2}$",
                             re.IGNORECASE)


def _negated(text: str, at: int) -> bool:
    """Whether the cue starting at `at` is negated (substring tests first: most sentences negate nothing)."""
    head = text[max(0, at - 40) : at]
    if not ("not" in head or "never" in head or "ithout" in head or "nstead" in head or "ather" in head or "n't" in head
            or "ould" in head or "may" in head or "ight" in head or "plan" in head or "hope" in head or "ntend" in head):
        return False
    return bool(_NEGATED_BEFORE.search(head))


# "Its tokenizer is trained on D", "we train linear probes on D": the cue trains a part or a helper of
# the experiment, not a model the sentence names
_COMPONENT = (r"(?:tokeni[sz]ers?|vocabular(?:y|ies)|routers?|probes?|classifiers?|filters?|reward\s+models?|"
              r"retrievers?|embeddings?|heads?)")
_COMPONENT_BEFORE = re.compile(rf"\b{_COMPONENT}\s+(?:(?:is|are|was|were|has\s+been|have\s+been|itself|themselves)\s+)?"
                               r"(?:\w+ly\s+)?$", re.IGNORECASE)
_COMPONENT_OBJECT = re.compile(rf"\b{_COMPONENT}\b", re.IGNORECASE)


def _trains_component(text: str, cue: re.Match) -> bool:
    """Whether a training cue's subject or object is a part or helper ("the router is trained on D")."""
    near = text[max(0, cue.start() - 40) : cue.end()]
    if not ("oken" in near or "ocab" in near or "outer" in near or "robe" in near or "lassif" in near or "ilter" in near
            or "eward" in near or "etriev" in near or "mbedding" in near or "head" in near):
        return False  # one of these is in every part or helper named: substring tests rule out most cues
    head = text[max(0, cue.start() - 40) : cue.start()]
    return bool(_COMPONENT_BEFORE.search(head) or _COMPONENT_OBJECT.search(cue.group()))


def _trained(text, offset, models, datasets, own_models, evidence, started_from=frozenset()) -> list[Relation]:
    if not datasets:
        return []  # both rules need a dataset in the sentence
    passive = _USED_TO_TRAIN.search(text) if models else None
    if passive:  # "Dolma has been used to train OLMo"
        at = offset + passive.start()
        data = [d.entity_id for d in datasets if d.start < at]
        trained = [m.entity_id for m in models if m.start > at]
        if data and trained:
            return [Relation(RelationType.TRAINED_ON, trained[0], d, evidence) for d in dict.fromkeys(data)]
    cues = _training_cues(text)
    out: list[Relation] = []
    sources: list[str] = []
    skipped = False
    for i, cue in enumerate(cues):
        # each cue trains the models of its own clause on the data named up to the next cue: "Unlike A,
        # which is trained on D1, B is trained on D2"; "A is pre-trained on D1 and fine-tuned on D2"
        since = cues[i - 1].end() if i else 0
        until = offset + (cues[i + 1].start() if i + 1 < len(cues) else len(text))
        targets = [d.entity_id for d in datasets if offset + cue.start() <= d.start < until]
        if _negated(text, cue.start()) or _trains_component(text, cue):
            sources, skipped = [], True  # the cue still ends the clause before it; it trains no model named here
            continue
        sources = _trainees(text, offset, cue, since, models, datasets, own_models, started_from, skipped) or sources
        skipped = False
        out += [Relation(RelationType.TRAINED_ON, s, t, evidence)
                for s in dict.fromkeys(sources) for t in dict.fromkeys(targets)]
    return out


# "Following A, we ...", "Unlike A, our model ...": a fronted phrase that names another model for contrast
_ASIDE = re.compile(r"\s*(?:following|like|unlike|similar to|inspired by|as in|in contrast to|compared (?:to|with)|"
                    r"beyond|besides|apart from|motivated by|based on|building on|drawing on)\b[^,;]*,"
                    r"(?!\s*(?:which|that|who|whose)\b)", re.IGNORECASE)


# "Following A, ...", "Inspired by A, ...": a fronted phrase naming where the paper's idea comes from
_PRECEDENT = re.compile(r"\s*(?:following|inspired by|motivated by|in line with|as in)\b[^,;]*,"
                        r"(?!\s*(?:which|that|who|whose)\b)", re.IGNORECASE)


def _aside_end(text: str, offset: int, at: int) -> int:
    """Where a sentence's fronted aside ends, as a paper offset, if a cue at `at` stands after it: the
    models it names are no subject of that cue (else 0: models named before the sentence stay in)."""
    aside = _ASIDE.match(text)
    return offset + aside.end() if aside and aside.end() <= at else 0


# "train the resulting model on D", "fine-tune a classifier on D": the training verb's own object
_OWN_OBJECT = re.compile(r"\s+(?:the|a|an|this|these|its|their)\s", re.IGNORECASE)


def _trainees(text, offset, cue, since, models, datasets, own_models, started_from, fresh=False) -> list[str]:
    """The models a training cue trains: its objects, else the subject before it (after the last cue,
    unless that cue trained none: `fresh`)."""
    cue_at, cue_end = offset + cue.start(), offset + cue.end()
    # "we fine-tune A and B on D": the verb's object is the model trained, else the subject before it
    into = text[cue.start() : cue.end()].find(" into ")  # "distill T into S using D": the teacher T learns nothing from D
    lo = cue_at if into < 0 else cue_at + into
    # "X is fine-tuned from B on D": B is where X starts, whether or not X is a name kg knows
    objects = [m.entity_id for m in models if lo < m.start and m.end < cue_end
               and not _FROM_BEFORE.search(text, max(0, m.start - offset - 12), m.start - offset)]
    aside = _aside_end(text, offset, cue.start())
    if _OWN_OBJECT.match(text, cue.start() + len(cue.group().split(None, 1)[0])):
        before = []  # "we ... and train the resulting model on D": the verb names what it trains, not a model before it
    else:
        before = [m for m in models if aside <= m.start < cue_at and (not since or offset + since <= m.start)]
        if before and "from " in text:  # "Starting from B, we run SFT on D": B is where the model trained starts
            before = [m for m in before if not _FROM_BEFORE.search(text, max(0, m.start - offset - 12), m.start - offset)]
        before = _subject_before(text, offset, cue.start(), before)
    if started_from and any(m not in started_from for m in before):
        # "M, initialized from B and trained on D" / "M is obtained by continued pre-training of B on D":
        # the model trained is M, the one that does not start from another
        before = [m for m in before if m not in started_from]
        objects = [m for m in objects if m not in started_from]
    own = own_models if _search(_OURS, text) and not _OTHERS_TRAINED.search(text, 0, cue.start()) else []
    sources = objects or before or (own if not since or fresh else [])
    if not sources and not since and not text[: cue.start()].strip():
        # "Trained on D, M reaches ...": the fronted clause describes the subject that follows it
        after = [m for m in models if m.start > max(d.end for d in datasets)]
        sources = [m.entity_id for m in _coordinated(text, offset, after)]
    return sources


_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
# "X, which is trained on D", "X, which pairs A with B and is trained on D": the antecedent of the
# relative pronoun is what is trained, not a model named inside the relative clause
_RELATIVE = re.compile(r",\s*(?:which|that|who)\b[^,;:]*$", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[;:]\s")


def _subject_before(text: str, offset: int, at: int, before: list[Mention]) -> list[str]:
    """Of the models named before a training cue at `at`, those that can be its subject: the antecedent
    of a relative clause holding the cue, else those of the cue's own clause ("...; here we apply it
    to A, pre-trained on D": not the models before the semicolon) if it names any, else all."""
    if not before:
        return []
    if ", which" in text or ", that" in text or ", who" in text:
        relative = _RELATIVE.search(text, max(0, at - 120), at)
        if relative:
            head = [m for m in before if m.end - offset <= relative.start()]
            if head and head[-1].end - offset == relative.start():
                return [m.entity_id for m in _run_ending(text, offset, head)]
    if ";" in text or ":" in text:
        opening = max((c.end() for c in _CLAUSE_START.finditer(text, 0, at)), default=0)
        own_clause = [m for m in before if m.start - offset >= opening]
        if own_clause:
            before = own_clause
    return [m.entity_id for m in before]


def _run_ending(text: str, offset: int, mentions: list[Mention]) -> list[Mention]:
    """The last mention and those listed right before it ("A, B and C" of "..., A, B and C")."""
    run = mentions[-1:]
    for m in reversed(mentions[:-1]):
        if not _LIST_GAP.fullmatch(text, m.end - offset, run[0].start - offset):
            break
        run.insert(0, m)
    return run


def _coordinated(text: str, offset: int, mentions: list[Mention]) -> list[Mention]:
    """The first mention and those listed right after it ("A, B and C")."""
    run = mentions[:1]
    for m in mentions[1:]:
        if not _LIST_GAP.fullmatch(text, run[-1].end - offset, m.start - offset):
            break
        run.append(m)
    return run


def _dedupe(relations: list[Relation]) -> list[Relation]:
    seen: dict[tuple, Relation] = {}
    for r in relations:
        key = (r.type, r.source, r.target)
        if key not in seen or (seen[key].value is None and r.value is not None):
            seen[key] = r if key not in seen else Relation(r.type, r.source, r.target, seen[key].evidence, r.metric, r.value)
    return list(seen.values())


# What each data relation needs of its target (the graph's shapes: trainedOn -> Dataset, evaluatedOn -> Benchmark).
_TARGET_TYPE = {RelationType.TRAINED_ON: EntityType.DATASET, RelationType.EVALUATED_ON: EntityType.BENCHMARK}


def typed_by_role(entities: tuple[Entity, ...], relations: list[Relation]) -> tuple[tuple[Entity, ...], list[Relation]]:
    """Entity types that agree with the one role the paper gives a name: what it only evaluates on is
    a benchmark in that paper, what it only trains on a dataset (annotation guidelines), and a name
    listed among benchmarks is one there though the catalog knows a model so called (`Amber`); a
    model is never made a dataset. A name used both ways, or also as a model, keeps its type, and
    an edge that would then point at the other type is dropped, as the graph's shapes require."""
    roles: dict[str, set[RelationType]] = {}
    acting = {r.source for r in relations} | {r.target for r in relations if r.type is RelationType.BASED_ON}
    for r in relations:
        if r.type in _TARGET_TYPE:
            roles.setdefault(r.target, set()).add(r.type)
    retyped = {eid: _TARGET_TYPE[next(iter(kinds))] for eid, kinds in roles.items() if len(kinds) == 1 and eid not in acting}
    # "data from Llama-3.1-405B" trains on what a model wrote: the model stays a model (and the edge goes)
    entities = tuple(replace(e, type=retyped[e.id]) if retyped.get(e.id, e.type) is not e.type
                     and not (e.type is EntityType.MODEL and retyped[e.id] is EntityType.DATASET) else e for e in entities)
    types = {e.id: e.type for e in entities}
    return entities, [r for r in relations if r.type not in _TARGET_TYPE or types.get(r.target) is _TARGET_TYPE[r.type]]
