// Models and benchmarks that papers mention together, with how many papers do.
// Parameters: $limit — how many rows.
MATCH (p:Paper)-[:MENTIONS]->(m:Model), (p)-[:MENTIONS]->(b:Benchmark)
RETURN m.name AS model, b.name AS benchmark, count(DISTINCT p) AS papers
ORDER BY papers DESC, model, benchmark
LIMIT $limit
