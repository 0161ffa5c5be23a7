"""Local modules a scene file imports: a helper module next to it, or a package in a folder its own
`sys.path` edit names (Math-To-Manim's scenes import `mythos.cinematography` from the repository root).

They are found statically from the scene's imports, read once here (in the app), put through the same fixer
and security check as the scene, and written into the job folder's `modules/` (render.sandbox_run), which
the sandbox child appends to its import path and where it refuses writes. A name is bundled only when no
installed module has it (so nothing installed is shadowed) and the allow-list does not already cover it.
Only folders within MAX_UP levels above the scene's folder are searched, and at most MAX_FILES files.
"""

from __future__ import annotations

import ast
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from . import fixer, guard
from .result import ErrorInfo

MAX_FILES = 32
MAX_BYTES = 2 << 20
MAX_UP = 3  # a sys.path edit may name a folder at most this many levels above the scene's folder
# Rules for scene files only: a module's functions are called by the scene, not in the module itself, and a
# module that needs no manim gets no manim import.
MODULE_SKIP = frozenset({"script_functions", "missing_import"})
PATH_CALLS = {"str", "Path", "abspath", "realpath", "normpath", "resolve", "absolute", "expanduser"}


@dataclass(frozen=True)
class LocalModule:
    """One bundled file: its path under the job's modules/ folder, its fixed code and the fixes made."""

    path: str  # "helpers.py", "mythos/__init__.py", "mythos/cinematography.py"
    code: str
    fixes: tuple[str, ...] = ()


def _dir_of(node: ast.AST, env: dict[str, Path]) -> Path | None:
    """The folder a path expression built from __file__ names (Path(__file__).resolve().parents[2],
    os.path.join(os.path.dirname(__file__), "..", "src"), a module-level name bound to one); else None."""
    if isinstance(node, ast.Name):
        return env.get(node.id)
    if isinstance(node, ast.Attribute) and node.attr == "parent":
        base = _dir_of(node.value, env)
        return base.parent if base else None
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and node.value.attr == "parents":
        base, k = _dir_of(node.value.value, env), node.slice
        ok = base and isinstance(k, ast.Constant) and isinstance(k.value, int) and 0 <= k.value < len(base.parents)
        return base.parents[k.value] if ok else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and isinstance(node.right, ast.Constant):
        base = _dir_of(node.left, env)
        return base / str(node.right.value) if base else None
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    inner = node.args[0] if node.args else (func.value if isinstance(func, ast.Attribute) else None)
    base = _dir_of(inner, env) if inner is not None else None
    if base is None:
        return None
    if name == "dirname":
        return base.parent
    if name == "join" and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args[1:]):
        return base.joinpath(*(a.value for a in node.args[1:]))
    return base if name in PATH_CALLS else None


def search_dirs(tree: ast.Module, scene_file: Path) -> list[Path]:
    """The scene's folder, then the folders its sys.path edits name (relative to __file__, near it)."""
    scene_file = scene_file.resolve()
    env, out = {"__file__": scene_file}, [scene_file.parent]
    top = scene_file.parents[min(MAX_UP, len(scene_file.parents) - 1)]
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            found = _dir_of(node.value, env)
            if found is not None:
                env[node.targets[0].id] = found
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("insert", "append") \
                and ast.unparse(node.func.value) == "sys.path" and node.args:
            found = _dir_of(node.args[-1], env)
            found = Path(os.path.normpath(found)) if found else None
            if found and found.is_dir() and found.is_relative_to(top) and found not in out:
                out.append(found)
    return out


def _wanted(tree: ast.Module) -> list[tuple[str, list[str]]]:
    """(dotted module, names imported from it) of every absolute import outside the allow-list."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            out.append((node.module, [a.name for a in node.names]))
    return [(m, names) for m, names in out if not _covered(m.split(".")[0])]


def _covered(root: str) -> bool:
    """Allowed already, or an installed module (a local file must never stand in for it)."""
    if root in guard.ALLOWED_MODULES or root == "scipy":
        return True
    try:
        return importlib.util.find_spec(root) is not None
    except (ImportError, ValueError):
        return True


def _files_for(dotted: str, names: list[str], base: Path) -> list[Path] | None:
    """The files under `base` that importing `dotted` (and `names` from it, if submodules) loads; None if the
    module is not there."""
    parts, here, files = dotted.split("."), base, []
    for i, part in enumerate(parts):
        if (here / part / "__init__.py").is_file():
            files.append(here / part / "__init__.py")
        elif (here / f"{part}.py").is_file() and i == len(parts) - 1:
            return [*files, here / f"{part}.py"]
        elif not (here / part).is_dir():  # a folder without __init__.py is a namespace package
            return None
        here = here / part
    return files + [here / f"{n}.py" for n in names if (here / f"{n}.py").is_file()]


def _read(path: Path, base: Path, modules: dict[str, LocalModule]) -> ast.Module | None:
    """Read, fix and record one file (once); its parsed fixed code, or None when it was seen or is too big."""
    rel = path.relative_to(base).as_posix()
    total = sum(len(m.code) for m in modules.values())
    if rel in modules or not path.resolve().is_relative_to(base.resolve()) or len(modules) >= MAX_FILES \
            or total + path.stat().st_size > MAX_BYTES:  # a link out of the folder, or too much: not bundled
        return None
    try:
        fixed = fixer.fix(path.read_text(encoding="utf-8", errors="replace"), MODULE_SKIP)
    except OSError:  # unreadable: not bundled, so the security check refuses its import by name
        return None
    modules[rel] = LocalModule(rel, fixed.code, tuple(fixed.fixes))
    tree, _ = guard.parse(fixed.code)
    return tree


def find(code: str, scene_file: Path) -> tuple[LocalModule, ...]:
    """The local modules `code` (the scene file's text) imports, and those they import in turn."""
    tree, _ = guard.parse(code)
    if tree is None:
        return ()
    dirs, modules, todo = search_dirs(tree, scene_file), {}, [tree]
    while todo:
        for dotted, names in _wanted(todo.pop()):
            for base in dirs:
                files = _files_for(dotted, names, base)
                if files is not None:
                    todo += [t for f in files if (t := _read(f, base, modules)) is not None]
                    break
    return tuple(modules.values())


def roots(modules: tuple[LocalModule, ...]) -> frozenset[str]:
    """The top-level names the bundled modules can be imported by."""
    return frozenset(m.path.split("/")[0].removesuffix(".py") for m in modules)


def refusal(modules: tuple[LocalModule, ...]) -> ErrorInfo | None:
    """Why a bundled module may not run (a syntax error, a security violation), naming its file; else None."""
    for m in modules:
        tree, err = guard.parse(m.code)
        if err:
            return ErrorInfo("syntax", f"in {m.path}: {err.message}", err.line, detail=err.detail)
        violations = guard.check(tree, roots(modules))
        if violations:
            err = guard.refusal(violations)
            return ErrorInfo("refused", err.message.replace("refused for safety: ", f"refused for safety: in {m.path}: ", 1),
                             err.line, err.detail)
    return None


def fix_notes(modules: tuple[LocalModule, ...]) -> list[str]:
    """The fixes made in the bundled modules, each with its file."""
    return [f"{m.path}: {fix}" for m in modules for fix in m.fixes]


def write(modules: tuple[LocalModule, ...], folder: Path) -> None:
    """Write the bundled modules under `folder` (the job's modules/)."""
    for m in modules:
        target = folder / m.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(m.code, encoding="utf-8")
