"""Static fixes for the mistakes models make most in Manim CE 0.22 scenes, applied before any render.

Each fix is a rule: one small function with a docstring naming the mistake, registered by a decorator in one of
the modules of `rules/` and shown by a fixture scene, tests/fixtures/fixer/<rule name>.py. `fix(code)` runs them
all (core.py); the data they use is in tables.py.
"""

from . import rules
from .core import RULES, Edits, Fixes, FixResult, Rule, Source, fix, rule, run_rule, text_rule
from .helpers import call_rule, mobject_kwargs, str_literal
from .tables import COLORS, FADE_CALLS, GL_METHOD_RENAMES, GL_RENAMES, KWARG_RENAMES, METHOD_RENAMES, RENAMES

__all__ = ["COLORS", "FADE_CALLS", "GL_METHOD_RENAMES", "GL_RENAMES", "KWARG_RENAMES", "METHOD_RENAMES", "RENAMES",
           "RULES", "Edits", "FixResult", "Fixes", "Rule", "Source", "call_rule", "fix", "mobject_kwargs", "rule",
           "rules", "run_rule", "str_literal", "text_rule"]
