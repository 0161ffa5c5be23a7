"""The offline concept catalogue: curriculum concepts as data, one TOML file per area.

Each file holds an array of `[[concept]]` tables (see README.md in this folder for the fields and for the
settings each composer expects). `load()` reads every file once and returns frozen `Entry` objects;
`by_id()` finds one. A missing or mistyped field raises `CatalogueError` naming the file and the entry.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

HERE = Path(__file__).parent

AREAS = (
    "algebra", "geometry_trig", "calculus", "linear_algebra", "probability_statistics", "discrete_number_theory",
    "algorithms", "physics_mechanics", "physics_waves_optics", "physics_electromagnetism", "physics_thermo_modern",
)

# composer → the settings keys every entry using it must give (README.md documents the optional ones)
COMPOSERS: dict[str, tuple[str, ...]] = {
    "relation_plot": ("x", "y", "expr", "param", "param_values", "x_range"),
    "geometry": ("construction",),
    "vector_matrix": ("kind",),
    "sequence_sum": ("n_start", "n_terms"),  # and `term` (in n) or `recurrence` (in prev, prev2) with `initial`
    "probability": ("kind",),
    "array_algorithm": ("algorithm", "default_input"),
    "graph_algorithm": ("algorithm", "nodes", "edges", "source", "directed"),
    "motion": ("kind",),
    "wave_optics": ("kind",),
    "circuit_field": ("kind",),
    "number_theory": ("kind", "default_input"),
    "derivation": ("steps",),
    "formula_card": (),
}

# the setting that picks the scene variant, and its allowed values (README.md says what each one draws)
VARIANT_KEY = {"geometry": "construction", "array_algorithm": "algorithm", "graph_algorithm": "algorithm"}
VARIANTS: dict[str, tuple[str, ...]] = {
    "geometry": (
        "right_triangle", "triangle", "unit_circle", "circle", "circle_theorem", "polygon", "coordinate_plane",
        "polar_point", "polar_curve", "parametric_curve", "conic", "transformation", "solid", "complex_plane",
        "reflection_in_line", "area_dissection", "am_gm_semicircle"),
    "vector_matrix": (
        "vectors", "span", "linear_map", "matrix_product", "eigen", "system", "row_reduction", "orthogonalize",
        "basis", "gradient_field", "vector_field"),
    "probability": (
        "sample_space", "venn", "tree", "bars", "distribution", "simulation", "scatter", "markov", "counting_tree"),
    "array_algorithm": (
        "insertion_sort", "selection_sort", "bubble_sort", "merge_sort", "quick_sort", "heap_sort", "counting_sort",
        "radix_sort", "shell_sort", "binary_search", "linear_search", "fibonacci_dp", "hash_insert"),
    "graph_algorithm": (
        "bfs", "dfs", "dijkstra", "bellman_ford", "floyd_warshall", "prim", "kruskal", "topological_sort",
        "gale_shapley", "bst_insert", "degree_count", "euler_path"),
    "motion": (
        "kinematics", "free_fall", "projectile", "forces", "incline", "circular", "orbit", "collision", "oscillation",
        "pendulum", "rotation", "lever", "track", "fluid"),
    "wave_optics": (
        "wave", "standing_wave", "interference", "diffraction", "doppler", "reflection", "refraction", "lens",
        "mirror", "prism", "polarization", "spectrum", "em_wave", "energy_levels", "wave_packet"),
    "circuit_field": ("circuit", "field", "capacitor", "magnetic_force", "induction"),
    "number_theory": (
        "primes", "sieve", "factor_tree", "gcd", "lcm", "modular", "congruence", "totient", "divisibility", "base",
        "rsa", "pascal", "pigeonhole", "stars_and_bars"),
}

FORMULA_CHECKS = ("latex", "sympy-only")  # "latex": the sympy form must agree with parse_latex(latex)
EXAMPLE_KINDS = ("sympy", "algorithm")


class CatalogueError(ValueError):
    """A catalogue file or entry is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Formula:
    """A key formula: LaTeX for display, a sympy string that means the same, a short label."""

    latex: str
    sympy: str
    label: str = ""
    check: str = "latex"


@dataclass(frozen=True)
class Variable:
    """A symbol of the entry: `symbol` is its sympy name (theta, v_0, lamda), with meaning, unit, typical value."""

    symbol: str
    meaning: str
    unit: str = ""
    typical: float | None = None


@dataclass(frozen=True)
class Example:
    """A worked example. kind "sympy": `compute` with `values` substituted equals `result`.
    kind "algorithm": the entry's algorithm run on `input` (and `target`) gives `output`."""

    statement: str
    kind: str = "sympy"
    compute: str = ""
    values: MappingProxyType = field(default_factory=lambda: MappingProxyType({}), hash=False)
    result: str = ""
    input: tuple = ()
    output: tuple = ()
    target: Any = field(default=None, hash=False)


@dataclass(frozen=True)
class Entry:
    """One catalogue concept."""

    id: str
    area: str
    name: str
    name_zh: str
    aliases: tuple[str, ...]
    aliases_zh: tuple[str, ...]
    formulas: tuple[Formula, ...]
    variables: tuple[Variable, ...]
    composer: str
    settings: MappingProxyType = field(hash=False)
    definition: str
    intuition: str
    example: Example
    file: str = ""
    # classic situations, experiments and problems where a teacher uses the concept, described without its name:
    # what a request that describes rather than names the concept reads like (classifier evidence, never aliases)
    situations: tuple[str, ...] = ()
    situations_zh: tuple[str, ...] = ()

    def symbols(self) -> tuple[str, ...]:
        """The sympy names of the entry's variables."""
        return tuple(v.symbol for v in self.variables)


def _need(raw: dict, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    """raw[key], checked for presence and type; errors name the place."""
    if key not in raw:
        raise CatalogueError(f"{where}: missing field {key!r}")
    value = raw[key]
    if not isinstance(value, kind):
        raise CatalogueError(f"{where}: field {key!r} should be {kind}, got {type(value).__name__}")
    return value


def _strings(raw: dict, key: str, where: str) -> tuple[str, ...]:
    values = _need(raw, key, list, where)
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise CatalogueError(f"{where}: every item of {key!r} must be a non-empty string")
    return tuple(values)


def _formula(raw: dict, where: str) -> Formula:
    check = raw.get("check", "latex")
    if check not in FORMULA_CHECKS:
        raise CatalogueError(f"{where}: check must be one of {FORMULA_CHECKS}, got {check!r}")
    return Formula(_need(raw, "latex", str, where), _need(raw, "sympy", str, where),
                   _need(raw, "label", str, where), check)


def _variable(raw: dict, where: str) -> Variable:
    typical = raw.get("typical")
    if typical is not None and not isinstance(typical, int | float):
        raise CatalogueError(f"{where}: typical must be a number")
    return Variable(_need(raw, "symbol", str, where), _need(raw, "meaning", str, where),
                    _need(raw, "unit", str, where), typical)


def _example(raw: dict, where: str) -> Example:
    kind = raw.get("kind", "sympy")
    if kind not in EXAMPLE_KINDS:
        raise CatalogueError(f"{where}: kind must be one of {EXAMPLE_KINDS}, got {kind!r}")
    statement = _need(raw, "statement", str, where)
    if kind == "algorithm":
        return Example(statement, kind, input=tuple(_need(raw, "input", list, where)),
                       output=tuple(_need(raw, "output", list, where)), target=raw.get("target"))
    return Example(statement, kind, _need(raw, "compute", str, where),
                   MappingProxyType(dict(_need(raw, "values", dict, where))), _need(raw, "result", str, where))


def _entry(raw: dict, path: Path, index: int) -> Entry:
    """One [[concept]] table → Entry; `index` (from 1) and the id name the entry in errors."""
    where = f"{path.name}: concept #{index} ({raw.get('id', '?')})"
    composer = _need(raw, "composer", str, where)
    if composer not in COMPOSERS:
        raise CatalogueError(f"{where}: unknown composer {composer!r}")
    settings = _need(raw, "settings", dict, where)
    missing = [k for k in COMPOSERS[composer] if k not in settings]
    if missing:
        raise CatalogueError(f"{where}: composer {composer!r} needs settings {missing}")
    key = VARIANT_KEY.get(composer, "kind")
    if composer in VARIANTS and settings[key] not in VARIANTS[composer]:
        raise CatalogueError(f"{where}: {composer} {key} {settings[key]!r} is not one of {VARIANTS[composer]}")
    return Entry(
        id=_need(raw, "id", str, where), area=_need(raw, "area", str, where), name=_need(raw, "name", str, where),
        name_zh=_need(raw, "name_zh", str, where), aliases=_strings(raw, "aliases", where),
        aliases_zh=_strings(raw, "aliases_zh", where),
        formulas=tuple(_formula(f, f"{where} formula #{i}") for i, f in enumerate(_need(raw, "formulas", list, where), 1)),
        variables=tuple(_variable(v, f"{where} variable #{i}") for i, v in enumerate(_need(raw, "variables", list, where), 1)),
        composer=composer, settings=MappingProxyType(settings), definition=_need(raw, "definition", str, where),
        intuition=_need(raw, "intuition", str, where), example=_example(_need(raw, "example", dict, where), where),
        file=path.name, situations=_strings(raw, "situations", where) if "situations" in raw else (),
        situations_zh=_strings(raw, "situations_zh", where) if "situations_zh" in raw else (),
    )


def parse_file(path: Path) -> list[Entry]:
    """All entries of one catalogue file; the area of each must be the file's name."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{path.name}: {exc}") from exc
    entries = [_entry(raw, path, i) for i, raw in enumerate(data.get("concept", []), 1)]
    for entry in entries:
        if entry.area != path.stem:
            raise CatalogueError(f"{path.name}: concept {entry.id}: area {entry.area!r} is not {path.stem!r}")
    return entries


@functools.cache
def _load_all() -> tuple[Entry, ...]:
    entries = [e for area in AREAS if (HERE / f"{area}.toml").exists() for e in parse_file(HERE / f"{area}.toml")]
    seen: dict[str, str] = {}
    for entry in entries:
        if entry.id in seen:
            raise CatalogueError(f"{entry.file}: id {entry.id!r} is already used in {seen[entry.id]}")
        seen[entry.id] = entry.file
    return tuple(entries)


def load() -> list[Entry]:
    """Every catalogue entry, in area order (files are read once per process)."""
    return list(_load_all())


def by_id(entry_id: str) -> Entry:
    """The entry with this id; KeyError naming the id when there is none."""
    for entry in _load_all():
        if entry.id == entry_id:
            return entry
    raise KeyError(f"no catalogue entry {entry_id!r}")
