"""Linking: recognised spans + catalog -> canonical entities, one per real-world thing per paper.

A catalog span is already linked (`span.id_`). A discovered span is looked up in the catalog by
its normalised key, else minted `kg.names.entity_id(type, name)` so the same unknown name gets the
same id in every paper. Acronyms and their definitions ("AI-ready Common Crawl (AICC)") become
one entity. Pure function of its inputs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span

from kg import lexicon
from kg.model import Entity, EntityType, Mention
from kg.names import entity_id, name_key, strip_repo
from kg.recognize import SPAN_KEY, VARIANTS_KEY  # what recognition leaves on the doc


@dataclass(frozen=True, slots=True)
class Linked:
    """The linker's result for one paper."""

    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    unlinked: tuple[Mention, ...]


def link(doc: Doc, catalog=None) -> Linked:
    """Group the doc's spans into entities (catalog entries where known)."""
    expansions = doc.user_data.get("kg_expansions", {})
    text = lexicon.doc_text(doc)
    # "arXiv:…" starts with an a: the other spans need no regex match
    spans = [s for s in doc.spans.get(SPAN_KEY, [])
             if text[s.start_char : s.start_char + 1] not in "aA" or not _CITATION.match(text, s.start_char)]
    variants = doc.user_data.get(VARIANTS_KEY, {})
    mentions = [m for span in spans for m in _span_mentions(span, text, catalog, variants)]
    mentions = [m for m in mentions if m.origin == "catalog" or not lexicon.names_method_variant(m.text)]
    if "score" in text:  # "CLIP score" is a metric computed with CLIP, no mention of it (one scan)
        mentions = [m for m in mentions if m.type is not EntityType.MODEL or not _METRIC_AFTER.match(text, m.end)]
    mentions = _without_redefined(mentions, text, expansions, catalog)
    mentions = _without_spelled_methods(mentions, text, expansions)
    if expansions:
        mentions = _without_techniques(mentions, text, expansions, catalog)
    mentions = _merge_expansions(mentions, expansions)
    mentions = _merge_short_forms(mentions, text)
    mentions = _merge_restated_models(mentions, text)
    mentions = _merge_spellings(mentions)
    mentions = [_typed_by_list_head(text, m) for m in mentions]
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        groups[mention.entity_id].append(mention)
    introduced = {(s.start_char, s.end_char) for s in doc.spans.get("kg_introduced", [])}
    data_at = sorted(m.start for m in mentions if m.type is EntityType.DATASET)
    entities = tuple(
        _with_role(_entity(eid, group, catalog, expansions), group, doc, introduced, data_at, expansions)
        for eid, group in groups.items()
    )
    unlinked = tuple(m for m in mentions if m.origin == "discovered")
    return Linked(entities, tuple(mentions), unlinked)


# "CLIP score", "BERT-score", "GPT-2 similarity" (a noun: "GPT-4o scores 71%" is the verb)
# ... and "CLAP scores are", "CLIP scores, ...": the plural is a noun where a clause or a copula follows
_METRIC_AFTER = re.compile(r"[ \-](?:score|similarity)\b(?!\s+(?:of|on|for)\b)"
                           r"|[ \-]scores(?=\s*[,.;)]|\s+(?:are|were|is|and|between|computed|measured)\b)", re.IGNORECASE)
_CITATION = re.compile(r"arxiv:\s*\d", re.IGNORECASE)  # "arXiv:2411.04996" cites a paper; it is no use of the arXiv data


# label -> type, a dict read: calling the enum class for each span costs more than the rest of a lookup
_KINDS = {kind.value: kind for kind in EntityType}


def _kind(label: str) -> EntityType:
    return _KINDS.get(label) or EntityType(label)  # the enum call raises on a label no type has


def _mention(span: Span, span_text: str, catalog) -> Mention:
    """`span_text` is `span.text`, sliced from the doc's text (`span.text` walks its tokens)."""
    kind = _kind(span.label_)
    text = _surface(span_text)
    start, end = span.start_char, span.start_char + len(text)
    if span.id_:
        return Mention(text, start, end, kind, span.id_, "catalog")
    entry = _lookup(catalog, text, kind)
    if entry is not None:
        return Mention(text, start, end, entry.type, entry.id, "catalog")
    if kind is EntityType.MODEL and text.endswith(_DATA_ENDINGS) and _DATA_NAME.search(text):
        kind = EntityType.DATASET  # `Foo-Instruct-Data`: whatever the sentence says, a name ending so is data
    return Mention(text, start, end, kind, entity_id(kind, text), "discovered")


# a data noun as a name's last part (`X-Data`, `X_Corpus`, `XDataset`); `endswith` gates the regex
_DATA_ENDINGS = ("Data", "Dataset", "Datasets", "Corpus", "Corpora")
_DATA_NAME = re.compile(r"(?:[-_ ]|(?<=[a-z0-9]))(?:Data|Datasets?|Corpus|Corpora)$")


def _lookup(catalog, name: str, kind: EntityType | None):
    """The entry a name spells, else the one model a shortened spelling can only mean."""
    if catalog is None:
        return None
    return catalog.lookup(name, kind) or catalog.lookup_shorthand(name, kind)


def _span_mentions(span: Span, text: str, catalog, variants: dict) -> list[Mention]:
    listed = variants.get((span.start_char, span.end_char))
    if listed is not None:
        return _variant_mentions(listed, _kind(span.label_), catalog)
    mention = _mention(span, text[span.start_char : span.end_char], catalog)
    if mention.type is EntityType.MODEL:
        if text.startswith(" c", mention.end) or text.startswith(" d", mention.end):
            return [_named_after_model(mention, text, catalog)]
    elif text.startswith(_CONVENTION_STARTS, mention.end) and _CONVENTION_AFTER.match(text, mention.end):
        return []  # "the CoNLL BIO scheme", "in SQuAD format": a convention of the data set, no use of it
    return [mention]


# the head noun ends the phrase: "the SmolLM corpus of 241B tokens", not "the Pythia dataset card"
_DATA_HEAD_AFTER = re.compile(r" (?:corpus|corpora|dataset|datasets|data)(?=\s*(?:[,.;:)]|$|(?:of|with|and|or|to|for|from|"
                              r"in|on|is|are|was|were|that|which|as|by)\b))", re.IGNORECASE)


def _named_after_model(m: Mention, text: str, catalog) -> Mention:
    """"the SmolLM corpus": data named after a model is a dataset of its own, named with its head."""
    head = _DATA_HEAD_AFTER.match(text, m.end)
    if head is None or m.type is not EntityType.MODEL:
        return m
    name = text[m.start : head.end()]
    entry = _lookup(catalog, name, EntityType.DATASET)
    if entry is not None and entry.type is EntityType.DATASET:
        return Mention(name, m.start, head.end(), entry.type, entry.id, "catalog")
    return Mention(name, m.start, head.end(), EntityType.DATASET, entity_id(EntityType.DATASET, name), "discovered")


def _variant_mentions(variants: tuple, kind: EntityType, catalog) -> list[Mention]:
    """The variants of a factored list (`MedGemma (4B/27B)`): each is named in full, its own
    entity, found in the catalog by that full name or minted from it."""
    out = []
    for start, end, name in variants:
        entry = _lookup(catalog, name, kind)
        if entry is not None:
            out.append(Mention(name, start, end, entry.type, entry.id, "catalog"))
        else:
            out.append(Mention(name, start, end, kind, entity_id(kind, name), "discovered"))
    return out


_LIST_HEAD = re.compile(r"\b(?:(datasets|corpora)|(benchmarks))\s*\((?:[\w\-.+]+(?:,\s*(?:and\s+)?|\s+and\s+))*$",
                        re.IGNORECASE)
_DATA_LISTED = re.compile(r"\b(?:datasets|corpora)\s*(?:-|,)?\s*(?:such as|including|like)\s+"
                          + lexicon.LISTED_SO_FAR, re.IGNORECASE)
_EVAL_WORD = re.compile(r"\b(?:evaluat\w*|benchmark\w*|test\w*|accuracy|scor\w*)\b", re.IGNORECASE)


def _typed_by_list_head(text: str, m: Mention) -> Mention:
    """"four datasets (A, B, VGG and D)": the head noun types every name of the bracketed list,
    a catalog model's name included (the text uses it for a data set here); so does "datasets such
    as A and B" in a sentence that speaks of no evaluation."""
    if text[m.end : m.end + 1] not in (",", ")", " "):
        return m
    window = text[max(0, m.start - 80) : m.start].lower()
    if "datasets" not in window and "corpora" not in window and "benchmarks" not in window:
        return m  # the common case, without a regex search
    head = _LIST_HEAD.search(text, max(0, m.start - 80), m.start)
    if head is not None:
        kind = EntityType.DATASET if head.group(1) else EntityType.BENCHMARK
    elif _DATA_LISTED.search(text, max(0, m.start - 80), m.start) and not _EVAL_WORD.search(text, *lexicon.sentence_bounds(text, m.start)):
        kind = EntityType.DATASET  # "prior open datasets such as A, B and C" in a sentence about data, not tests
    else:
        return m
    return m if m.type is kind else Mention(m.text, m.start, m.end, kind, m.entity_id, m.origin)


_GLUED = re.compile(r"[)(,;]|-$|[-/.:]+$")


def _surface(text: str) -> str:
    """The name itself: spaCy spans end on token boundaries, which can glue on what follows a name
    (`CUB200)and`, `LLaMA2-` of `LLaMA2- and …`)."""
    last = text[-2:-1] if text.endswith("\n") else text[-1:]  # where `$` can match
    if last not in "-/.:" and "(" not in text and ")" not in text and "," not in text and ";" not in text:
        return text  # nothing _GLUED matches (most names): no regex search
    cut = _GLUED.search(text)
    return text[: cut.start()] if cut and cut.start() > 0 else text


_NOT_SQUASHED = re.compile(r"[^0-9a-z.]")


@lru_cache(maxsize=65_536)
def _squash(text: str) -> str:
    return _NOT_SQUASHED.sub("", text.lower()).strip(".")


def _merge_spellings(mentions: list[Mention]) -> list[Mention]:
    """`Judge Anything` and `JudgeAnything` in one paper are one thing: a discovered mention whose
    letters equal another mention's joins it (catalog entries are never merged with each other)."""
    owner: dict[str, str] = {}
    for m in sorted(mentions, key=lambda m: m.origin != "catalog"):
        owner.setdefault(_squash(m.text), m.entity_id)
    return [m if m.origin == "catalog" else _relinked(m, owner[_squash(m.text)]) for m in mentions]


_TRAIN_BEFORE = re.compile(
    r"(?:\b(?:pre-?|post-?|continued |re-?)?(?:train|tun|learn|distill|curat|filter|deduplicat|construct|build|built|upsampl|mix)\w*"
    r"(?:\s+[\w\-]+){0,4}?\s+(?:on|with|using|from|of)|\b(?:corpus|corpora|data|datasets?|tokens|sources?)\s+"
    r"(?:such as|like|including|from|of)"
    # "notes drawn from X", "images sampled from X": what records come from is data
    r"|\b" + lexicon.SOURCE_VERBS + r"\s+from"
    r")\s+(?:the\s+)?" + lexicon.LISTED_SO_FAR,
    re.IGNORECASE,
)
_DATA_AFTER = re.compile(r"\s*(?:corpus|corpora|data|tokens|pages|documents|subset|dump|snapshots?|pre-?training)\b", re.IGNORECASE)
_EVAL_NEAR = re.compile(r"\b(?:evaluat\w*|benchmark\w*|test\w*|accuracy|score\w*|achiev\w*|outperform\w*|perform\w*|results?)\b", re.IGNORECASE)


_CLAUSE_END = re.compile(r"[.;!?]\s")
_COMPARED = re.compile(r"\b(?:outperform\w*|surpass\w*|rival\w*|approach(?:es|ing)?|match(?:es|ing)?|than|"
                       r"compared (?:with|to)|versus|vs\.?|over)\s+(?:the\s+)?"
                       + lexicon.LISTED_SO_FAR, re.IGNORECASE)


_EVAL_BEFORE = re.compile(r"\b(?i:evaluat\w*|tested|results|experiments|scores?)\s+on\s+(?:the\s+)?(?:[a-z]\w*\s+){0,2}"
                          + lexicon.LISTED_SO_FAR)


def _used_as_data(text: str, m: Mention) -> bool:
    return bool(lexicon.found(_TRAIN_BEFORE, text[max(0, m.start - 80) : m.start]) or _DATA_AFTER.match(text, m.end)
                or lexicon.trained_on_before(text, m.start))


def _compared_with_data(text: str, m: Mention, data_at: list[int]) -> bool:
    """"AICC surpasses RefinedWeb on …": a dataset compared with another dataset is data, not a test
    set. The other dataset may stand anywhere before in the sentence ("models trained on X …, and
    at scale they surpass Y")."""
    before = text[lexicon.sentence_bounds(text, m.start)[0] : m.start]
    cue = _COMPARED.search(before)
    if cue is None:
        return False
    cue_at = m.start - len(before) + cue.start()
    return any(m.start - len(before) <= at < cue_at for at in data_at)


def _named_data(group: list[Mention], expansions: dict) -> bool:
    """Acronyms the text spells out as a corpus or dataset ("... Chinese Corpus (MAP-CC)"): data by
    the paper's own words, whatever the sentence goes on to evaluate."""
    return any((m.start, m.end) in expansions
               and lexicon.head_type(expansions[(m.start, m.end)].split()[-1]) is EntityType.DATASET for m in group)


def _with_role(entity: Entity, group: list[Mention], doc: Doc, introduced: set, data_at: list[int],
               expansions: dict) -> Entity:
    """A dataset the paper only evaluates on is a benchmark in that paper (annotation guidelines)."""
    if entity.type is not EntityType.DATASET or any((m.start, m.end) in introduced for m in group):
        return entity
    if expansions and _named_data(group, expansions):
        return entity
    text = lexicon.doc_text(doc)
    if any(_EVAL_BEFORE.search(text, max(0, m.start - 80), m.start) for m in group):
        return replace(entity, type=EntityType.BENCHMARK)  # "evaluated on the X corpus"
    if any(_used_as_data(text, m) or _compared_with_data(text, m, data_at) for m in group):
        return entity
    for m in group:
        if lexicon.found(_EVAL_NEAR, lexicon.sentence_at(doc, m.start)):
            return replace(entity, type=EntityType.BENCHMARK)
    return entity


_BACKRONYM = re.compile(r"\s*\(((?:[A-Z][a-z]+,\s*)+(?:and\s+)?[A-Z][a-z]+)\)")


def _without_redefined(mentions: list[Mention], text: str, expansions: dict, catalog) -> list[Mention]:
    """A catalog acronym the paper spells out as something else is the paper's own term, not the
    catalog's entity: "Plausible Motion Constraint (PMC)" is no mention of PubMed Central, and
    "RACE (Role, Audience, Context, Execution)" no mention of the RACE benchmark. A name the paper
    spells out as a list of words is such a mnemonic, whether the catalog knows it or not."""
    if catalog is None:
        return mentions
    maybe = [m for m in mentions if text.startswith(" (", m.end) or (m.start, m.end) in expansions]  # few
    # a discovered name spelled out word by word ("TAG (Task, Audience, Goal)") is a mnemonic too
    checked = [m for m in maybe if m.origin == "catalog" or (m.start, m.end) not in expansions]
    redefined = {m.entity_id for m in checked if _redefined(m, text, expansions, catalog)}
    return [m for m in mentions if m.entity_id not in redefined] if redefined else mentions


def _redefined(m: Mention, text: str, expansions: dict, catalog) -> bool:
    expansion = expansions.get((m.start, m.end))
    spelled = _BACKRONYM.match(text, m.end) if text.startswith(" (", m.end) else None
    if expansion is None and spelled is None:
        return False  # the common case
    letters = [c for c in m.text if c.isupper()]
    if len(letters) < 2 or not m.text.isalpha():
        return False  # not an acronym
    if spelled is not None:
        words = re.split(r",\s*(?:and\s+)?|\s+and\s+", spelled.group(1))
        return "".join(w[0] for w in words).lower() == "".join(letters).lower()
    entry = catalog.get(m.entity_id)
    if expansion is None or entry is None:
        return False
    long_forms = {name_key(f) for f in entry.forms() if " " in f.strip()}
    return bool(long_forms) and name_key(expansion) not in long_forms


_HEAD_AFTER = re.compile(r"\)?\s*([A-Za-z]+)")

# "the CoNLL BIO scheme", "in SQuAD format": a data set's convention (`_span_mentions`)
_CONVENTION_AFTER = re.compile(r"[ \-](?:(?:BIO|IOB|BIOES|IOBES)[ \-])?(?:schemes?|formats?|notations?|conventions?)\b")
_CONVENTION_STARTS = (" s", " f", " n", " c", "-f", " B", " I")  # gates the regex


def _without_spelled_methods(mentions: list[Mention], text: str, expansions: dict) -> list[Mention]:
    """A catalog acronym whose letters begin the words of a method the text names ("Grouped-Query
    Attention ... GQA") is that method, not the benchmark or data set of those letters. Only method
    words count: a benchmark acronym may well spell a task ("General Question Answering")."""
    acronyms = {m.text for m in mentions if m.text.isalpha() and m.text.isupper() and m.type is not EntityType.MODEL
                and m.origin == "catalog"}
    if not acronyms:
        return mentions  # most papers
    lowered = text.lower()
    dropped = {a for a in acronyms if 1 < len(a) <= 5 and _spelled_method(lowered, a)}
    if not dropped:
        return mentions
    return [m for m in mentions if m.text not in dropped or m.type is EntityType.MODEL or (m.start, m.end) in expansions]


_WORD_SPLIT = re.compile(r"[\s\-]+")


def _spelled_method(lowered: str, acronym: str) -> bool:
    """Whether a method word with the acronym's last letter ends words with the acronym's initials."""
    letters = acronym.lower()
    for word in lexicon.METHOD_WORDS_BY_INITIAL.get(letters[-1], ()):
        at = lowered.find(word)
        while at >= 0:
            before = max(lowered.rfind(" ", max(0, at - 40), at - 1), lowered.rfind("-", max(0, at - 40), at - 1))
            if lowered[before + 1 : before + 2] != letters[-2]:  # the word before must fit (most do not)
                at = lowered.find(word, at + 1)
                continue
            words = _WORD_SPLIT.split(lowered[max(0, at - 16 * len(letters)) : at].rstrip(" -"))[-len(letters) + 1 :]
            if len(words) == len(letters) - 1 and "".join(w[:1] for w in words) == letters[:-1] \
                    and lowered[at - 1] in " -" and not lowered[at + len(word) : at + len(word) + 1].isalpha():
                return True
            at = lowered.find(word, at + 1)
    return False


def _without_techniques(mentions: list[Mention], text: str, expansions: dict, catalog) -> list[Mention]:
    """An acronym the text spells out as a technique or a task ("Multi-Token Prediction (MTP)",
    "Few-Shot Object Detection (FSOD)") is no model or data set, whatever shape or catalog entry
    it has, wherever the text uses it; unless a data or benchmark noun follows its definition
    ("the Visual Question Answering (VQA) dataset")."""
    terms = {text[a:b]: expansion for (a, b), expansion in expansions.items() if _technique(text, b, expansion)}
    if not terms:
        return mentions  # the common case
    dropped = {m.entity_id for m in mentions if m.text in terms and not _catalog_knows(m, terms[m.text], catalog)}
    return [m for m in mentions if m.entity_id not in dropped] if dropped else mentions


def _technique(text: str, end: int, expansion: str) -> bool:
    if not lexicon.names_technique(expansion):
        return False
    head = _HEAD_AFTER.match(text, end)
    # "a Tool-Integrated Reasoning (TIR) model" is still a kind of model, not a name
    return head is None or lexicon.head_type(head.group(1)) not in (EntityType.DATASET, EntityType.BENCHMARK)


def _catalog_knows(m: Mention, expansion: str, catalog) -> bool:
    """Whether the catalog entry of a mention has this very expansion as a name."""
    entry = catalog.get(m.entity_id) if catalog is not None and m.origin == "catalog" else None
    return entry is not None and name_key(expansion) in {name_key(f) for f in entry.forms()}


def _merge_expansions(mentions: list[Mention], expansions: dict) -> list[Mention]:
    """An acronym and the words it abbreviates are one entity: the catalog's, when the spelled-out
    form is a known name ("Common Crawl (CC)"), else the acronym's ("AI-ready Common Crawl (AICC)")."""
    by_span = {(m.start, m.end): m for m in mentions}
    rename = {}
    for (start, end), expansion in expansions.items():
        acronym = by_span.get((start, end))
        if acronym is None:
            continue
        key = name_key(expansion)
        for m in mentions:
            if m is acronym or name_key(m.text) != key:
                continue
            if m.origin == "catalog":
                rename[acronym.entity_id] = m.entity_id
            else:
                rename[m.entity_id] = acronym.entity_id
    if not rename:
        return mentions
    return [_relinked(m, rename.get(m.entity_id)) for m in mentions]


def _merge_short_forms(mentions: list[Mention], text: str) -> list[Mention]:
    """"DUT-USEG (DUT)": a bracketed name right after a name it begins is that name's short form,
    one entity (a new name only; a catalog name in brackets keeps its own entry)."""
    by_end = {m.end: m for m in mentions}
    rename = {}
    for m in mentions:
        if m.origin != "discovered" or text[m.start - 1 : m.start] != "(" or text[m.end : m.end + 1] != ")":
            continue
        full = by_end.get(m.start - 2)
        if full is not None and text[full.end : m.start] == " (" and full.entity_id != m.entity_id:
            short, long = _squash(m.text), _squash(full.text)
            if len(short) < len(long) and long.startswith(short):
                rename[m.entity_id] = full.entity_id
    return [_relinked(m, rename.get(m.entity_id)) for m in mentions] if rename else mentions


def _merge_restated_models(mentions: list[Mention], text: str) -> list[Mention]:
    """"ChatGPT (GPT-5)": a model first called by a name without a version (a product or family)
    and then, in brackets, by a versioned model of another stem is that model in this paper.
    A bracketed variant of the name itself ("Stable Diffusion (Stable Diffusion 1.5)") stays its
    own entity, as does anything that is not a model."""
    by_end = {m.end: m for m in mentions if m.type is EntityType.MODEL and m.origin == "catalog"}
    rename = {}
    for m in mentions:
        if m.type is not EntityType.MODEL or text[m.start - 1 : m.start] != "(" or text[m.end : m.end + 1] != ")":
            continue
        broad = by_end.get(m.start - 2)
        if broad is None or text[broad.end : m.start] != " (" or broad.entity_id == m.entity_id:
            continue
        if _has_digit(broad.text) or not _has_digit(m.text):
            continue
        a, b = name_key(broad.text), name_key(m.text)
        if not (a.startswith(b) or b.startswith(a)):
            rename[broad.entity_id] = m.entity_id
    return [_relinked(m, rename.get(m.entity_id)) for m in mentions] if rename else mentions


def _has_digit(name: str) -> bool:
    return any(c.isdigit() for c in name)


def _relinked(m: Mention, new_id: str | None) -> Mention:
    if new_id is None:
        return m
    return Mention(m.text, m.start, m.end, m.type, new_id, m.origin)


def _entity(eid: str, group: list[Mention], catalog, expansions: dict) -> Entity:
    entry = catalog.get(eid) if catalog is not None else None
    surfaces = [m.text for m in group]
    for m in group:
        if (m.start, m.end) in expansions:
            surfaces.append(expansions[(m.start, m.end)])
    aliases = tuple(sorted(set(surfaces)))
    kind = _most_common([m.type for m in group]) if group else entry.type
    if entry is None:
        name = _most_common([strip_repo(m.text) for m in group])
        return Entity(eid, kind, name, aliases, known=False)
    return Entity(
        eid, kind, entry.name, aliases, entry.family, entry.params,
        entry.organization, tuple(entry.external_ids), known=True,
    )


def _most_common(values: list):
    """The commonest value, the first seen among equals (as `Counter.most_common`)."""
    first = values[0]
    if values.count(first) == len(values):
        return first  # one value throughout (most groups): no Counter to build
    return Counter(values).most_common(1)[0][0]


def families(entities: tuple[Entity, ...], catalog) -> list[tuple[Entity, Entity]]:
    """(variant, family) for each known entity whose catalog family is an entity of its own:
    `Llama 2 7B Chat` -> `Llama 2`. Facts of the catalog, not of the text."""
    out = []
    for entity in entities:
        if catalog is None or not entity.known or not entity.family:
            continue
        entry = catalog.lookup(entity.family, entity.type)
        if entry is not None and entry.id != entity.id:
            out.append((entity, _entity(entry.id, [], catalog, {})))
    return out


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a name resolves to: the catalog entry, or the id an unknown name is minted as."""

    query: str
    id: str
    name: str
    type: str
    known: bool

    def as_dict(self) -> dict:
        return {"query": self.query, "id": self.id, "name": self.name, "type": self.type, "known": self.known}


def resolve(name: str, catalog, entity_type: EntityType | None = None) -> Resolution:
    """Resolve one name as the linker would: catalog first, else the id it would be minted as
    (typed from the name's shape), so the same unknown name always gets the same id."""
    entry = _lookup(catalog, name, entity_type)
    if entry is not None:
        return Resolution(name, entry.id, entry.name, entry.type.value, True)
    kind = entity_type or lexicon.type_from_name(name)
    return Resolution(name, entity_id(kind, name), strip_repo(name).strip(), kind.value, False)
