"""Backgrounds composited under a transparent render: procedural plates, a user's picture, or a local
text-to-image model; text is kept readable (WCAG 4.5:1 under every text box). See stage.py for the path."""

from .spec import NAMES, Background, parse

__all__ = ["NAMES", "Background", "parse"]
