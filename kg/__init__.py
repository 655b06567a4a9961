"""kg: a knowledge graph of ML papers, models, datasets and benchmarks."""

__version__ = "0.1.0"
# Stamped on every extracted relation, so a store can tell which rules produced an edge.
EXTRACTOR_VERSION = f"kg-rules-{__version__}"
