#!/usr/bin/env python3
"""CLI: turn a concept (or an existing scene file) into a Manim animation. See `--help`."""

import sys

from mathanim.cli import main

if __name__ == "__main__":
    sys.exit(main())
