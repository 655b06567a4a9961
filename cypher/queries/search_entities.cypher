// Entity search by name or alias through the full-text index `entity_names` (Lucene syntax).
// Parameters: $query — search text, e.g. 'llama*'; $limit — how many rows.
CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node, score
RETURN node.id AS id, node.name AS name, node.type AS type, score
ORDER BY score DESC, id
LIMIT $limit
