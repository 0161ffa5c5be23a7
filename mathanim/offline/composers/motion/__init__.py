"""The `motion` composer: mechanics scenes driven by the request's numbers (catalogue/README.md lists the
variants and their settings). Each module's VARIANTS maps a variant to the function that returns its Draft;
physics_kit builds the Lesson."""

from __future__ import annotations

from ..physics_kit import physics_composer
from . import contact, cyclic, dynamics, kinematics

motion = physics_composer("motion", "The entry's mechanics scene, or Unsupported for a variant not drawn here.",
                          (kinematics, dynamics, cyclic, contact))
