"""The `wave_optics` composer: waves, interference, rays and light, driven by the request's numbers (catalogue/
README.md lists the variants and their settings). Each module's VARIANTS maps a variant to the function that
returns its Draft; physics_kit builds the Lesson."""

from __future__ import annotations

from ..physics_kit import physics_composer
from . import interference, light, rays, waves

wave_optics = physics_composer("wave_optics", "The entry's wave or optics scene, or Unsupported for a variant not "
                               "drawn here.", (waves, interference, rays, light))
