"""The data model every stage shares: frozen records and the one vocabulary of types.

Stages import this module, never each other. `EntityType` and `RelationType` are the
single source of the names used as Neo4j labels / relationship types (cypher/schema.cypher)
and as OWL classes / properties (ontology/kg.ttl); tests/test_vocabulary.py keeps them equal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class EntityType(StrEnum):
    """What a recognised mention can be."""

    MODEL = "model"
    DATASET = "dataset"
    BENCHMARK = "benchmark"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class NodeLabel(StrEnum):
    """Every kind of node in the graph (Neo4j label, RDF class local name)."""

    PAPER = "Paper"
    MODEL = "Model"
    DATASET = "Dataset"
    BENCHMARK = "Benchmark"
    ORGANIZATION = "Organization"
    AUTHOR = "Author"

    @classmethod
    def of(cls, entity_type: EntityType) -> NodeLabel:
        return cls(entity_type.label)


class RelationType(StrEnum):
    """Every kind of edge. Values are the gold-format names; `.edge` is the graph type."""

    INTRODUCES = "introduces"
    BASED_ON = "based_on"
    TRAINED_ON = "trained_on"
    EVALUATED_ON = "evaluated_on"
    MENTIONS = "mentions"
    AUTHORED_BY = "authored_by"
    AFFILIATED_WITH = "affiliated_with"
    VARIANT_OF = "variant_of"

    @property
    def edge(self) -> str:
        return self.value.upper()


EXTRACTED_RELATIONS = (
    RelationType.INTRODUCES,
    RelationType.BASED_ON,
    RelationType.TRAINED_ON,
    RelationType.EVALUATED_ON,
)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a record came from: file path and 1-based line (of the record's first line)."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Paper:
    """One paper of a listing. `text` is what recognition reads; offsets index into it."""

    id: str
    title: str
    abstract: str
    authors: tuple[str, ...] = ()
    date: str | None = None
    organization: str | None = None
    arxiv_id: str | None = None
    source: SourceRef | None = None

    @property
    def text(self) -> str:
        return f"{self.title}\n\n{self.abstract}"


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of `Paper.text` naming a model, dataset or benchmark."""

    text: str
    start: int
    end: int
    type: EntityType
    entity_id: str = ""
    origin: str = "catalog"  # "catalog" or "discovered"


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical model, dataset or benchmark: one node however many spellings point to it."""

    id: str
    type: EntityType
    name: str
    aliases: tuple[str, ...] = ()
    family: str | None = None
    params: str | None = None
    organization: str | None = None
    external_ids: tuple[tuple[str, str], ...] = ()
    known: bool = True


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence that states a relation, and the paper it is in."""

    paper_id: str
    sentence: str


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed edge; `source` is an entity id, or the paper id for `introduces`."""

    type: RelationType
    source: str
    target: str
    evidence: Evidence
    metric: str | None = None
    value: str | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the stages found in one paper."""

    paper: Paper
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    unlinked: tuple[Mention, ...] = field(default=())
    # Entities the paper's relations point at without the text naming them: the catalog
    # families of the variants it mentions (targets of VARIANT_OF).
    context: tuple[Entity, ...] = ()
