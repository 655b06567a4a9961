// Which models were evaluated on a benchmark, with which metric and value, and in which paper?
// Parameters: $benchmark — the benchmark's id (benchmark:mmlu) or its name (MMLU).
MATCH (m:Model)-[r:EVALUATED_ON]->(b:Benchmark)
WHERE b.id = $benchmark OR b.name = $benchmark
RETURN m.name AS model, r.metric AS metric, r.value AS value, r.paper AS paper
ORDER BY model, paper
