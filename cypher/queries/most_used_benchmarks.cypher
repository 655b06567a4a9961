// The most used benchmarks: how many papers evaluate a model on each.
// Parameters: $limit — how many rows.
MATCH ()-[r:EVALUATED_ON]->(b:Benchmark)
RETURN b.name AS benchmark, count(DISTINCT r.paper) AS papers
ORDER BY papers DESC, benchmark
LIMIT $limit
