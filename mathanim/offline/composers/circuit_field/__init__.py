"""The `circuit_field` composer: circuits, fields and induction, driven by the request's numbers (catalogue/
README.md lists the variants and their settings). Each module's VARIANTS maps a variant to the function that
returns its Draft; physics_kit builds the Lesson."""

from __future__ import annotations

from ..physics_kit import physics_composer
from . import circuits, fields, induction

circuit_field = physics_composer("circuit_field", "The entry's circuit, field or induction scene, or Unsupported for "
                                 "a variant not drawn here.", (circuits, fields, induction))
