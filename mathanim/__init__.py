"""mathanim: turn a math or science concept into a Manim CE animation with study notes."""

__version__ = "0.1.0"
