// A model's lineage: every chain of based_on edges leading from it, nearest ancestors first.
// Parameters: $model — the model's id or name.
MATCH path = (m:Model)-[:BASED_ON*1..10]->(:Model)
WHERE m.id = $model OR m.name = $model
RETURN [n IN nodes(path) | n.name] AS lineage, length(path) AS depth
ORDER BY depth, lineage
