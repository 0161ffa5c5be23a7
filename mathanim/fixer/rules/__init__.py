"""The fixer's rules, grouped by kind. Importing a module registers its rules (the `@rule`, `@text_rule` and
`@call_rule` decorators); within a round they run in this import order, then in definition order."""

# drift runs before calls: unknown_kwargs there would drop a keyword that drift renames
from . import scene, names, imports, tex_slips, latex, drift, camera3d, libs, updaters, calls, points  # noqa: I001 - the order the rules run in

__all__ = ["calls", "camera3d", "drift", "imports", "latex", "libs", "names", "points", "scene", "tex_slips", "updaters"]
