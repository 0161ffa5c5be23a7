"""The offline concept engine: understands a concept, computes with sympy, writes a scene and notes."""
