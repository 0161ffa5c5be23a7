"""The `motion` composer: mechanics scenes driven by the request's numbers (catalogue/README.md lists the
variants and their settings). One function per variant returns a Draft; physics_kit builds the Lesson."""

from __future__ import annotations

from ..base import Ask, composer
from ..physics_kit import dispatch
from . import contact, cyclic, dynamics, kinematics

VARIANTS = {
    "kinematics": kinematics.kinematics,
    "free_fall": kinematics.free_fall,
    "projectile": kinematics.projectile,
    "forces": dynamics.forces,
    "incline": dynamics.incline,
    "circular": dynamics.circular,
    "orbit": cyclic.orbit,
    "oscillation": cyclic.oscillation,
    "pendulum": cyclic.pendulum,
    "rotation": cyclic.rotation,
    "collision": contact.collision,
    "lever": contact.lever,
    "track": contact.track,
    "fluid": contact.fluid,
}


@composer("motion")
def motion(ask: Ask):
    """The entry's mechanics scene, or Unsupported for a variant not drawn here."""
    return dispatch(ask, VARIANTS)
