// What was a model trained on, according to which paper?
// Parameters: $model — the model's id (model:llama-2-7b) or its name.
MATCH (m:Model)-[r:TRAINED_ON]->(d:Dataset)
WHERE m.id = $model OR m.name = $model
RETURN d.name AS dataset, r.paper AS paper
ORDER BY dataset, paper
