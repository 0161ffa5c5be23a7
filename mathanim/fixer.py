"""Static fixes for the mistakes models make most, applied before any render and reported.

(Interim: only the fixes the pipeline itself needs. The model-backend issue extends this module.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class FixResult:
    code: str
    fixes: list[str] = field(default_factory=list)


def fix(code: str) -> FixResult:
    """Return the fixed code and a human-readable list of what was changed."""
    fixes: list[str] = []
    if not re.search(r"^\s*(from\s+manim\s+import|import\s+manim)", code, re.M):
        code = "from manim import *\n" + code
        fixes.append("added the missing 'from manim import *'")
    return FixResult(code, fixes)
