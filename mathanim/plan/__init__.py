"""Layout before code: elements with measured sizes, a learned (JEPA-style) prior, a Cassowary solver."""
