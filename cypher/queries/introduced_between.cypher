// Papers that introduced a benchmark or a dataset in a date range (ISO dates, inclusive).
// Parameters: $from, $to — dates as 'YYYY-MM-DD' strings.
MATCH (p:Paper)-[:INTRODUCES]->(e:Entity)
WHERE (e:Benchmark OR e:Dataset) AND p.date >= $from AND p.date <= $to
RETURN p.date AS date, p.title AS paper, e.name AS introduced, e.type AS type
ORDER BY date, paper, introduced
