// kg graph schema for Neo4j 5: run once before loading; every statement is idempotent.
// Labels are kg.model.NodeLabel values; Model, Dataset and Benchmark nodes also carry Entity.
// Relationship types (kg.model.RelationType .edge values):
//   INTRODUCES, BASED_ON, TRAINED_ON, EVALUATED_ON, MENTIONS, AUTHORED_BY, AFFILIATED_WITH, VARIANT_OF

CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT model_id IF NOT EXISTS FOR (n:Model) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (n:Dataset) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT benchmark_id IF NOT EXISTS FOR (n:Benchmark) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT author_id IF NOT EXISTS FOR (n:Author) REQUIRE n.id IS UNIQUE;

CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX model_name IF NOT EXISTS FOR (n:Model) ON (n.name);
CREATE INDEX dataset_name IF NOT EXISTS FOR (n:Dataset) ON (n.name);
CREATE INDEX benchmark_name IF NOT EXISTS FOR (n:Benchmark) ON (n.name);
CREATE INDEX paper_title IF NOT EXISTS FOR (n:Paper) ON (n.title);
CREATE INDEX author_name IF NOT EXISTS FOR (n:Author) ON (n.name);
CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);

CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Model|Dataset|Benchmark) ON EACH [n.name, n.aliases_text];

// Re-extracting a paper replaces its edges. Edges that start at the paper (INTRODUCES,
// MENTIONS, AUTHORED_BY, AFFILIATED_WITH) are found from the Paper node; the edges a paper
// states between entities are found by their `paper` property, one index a type.
CREATE INDEX based_on_paper IF NOT EXISTS FOR ()-[r:BASED_ON]-() ON (r.paper);
CREATE INDEX trained_on_paper IF NOT EXISTS FOR ()-[r:TRAINED_ON]-() ON (r.paper);
CREATE INDEX evaluated_on_paper IF NOT EXISTS FOR ()-[r:EVALUATED_ON]-() ON (r.paper);
CREATE INDEX variant_of_paper IF NOT EXISTS FOR ()-[r:VARIANT_OF]-() ON (r.paper);
// Earlier kg versions also indexed the paper-started types; those indexes only slow loads.
DROP INDEX introduces_paper IF EXISTS;
DROP INDEX mentions_paper IF EXISTS;
DROP INDEX authored_by_paper IF EXISTS;
DROP INDEX affiliated_with_paper IF EXISTS;
