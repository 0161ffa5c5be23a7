"""Rules for imports outside the sandbox's allow-list that real scenes make only for harmless reasons.

Scenes import `os`, `sys` or `pathlib` to build an asset path, check that a file exists, read an environment
default or edit `sys.path`. Those uses become plain Python (helpers written into the scene, no OS access), and
imports nobody uses go; any other use of the module leaves it alone, so the security check's refusal stands.
"""

from __future__ import annotations

import ast

from ...guard import ALLOWED_MODULES, SCIPY_SUBMODULES
from ..core import Edits, Source, rule
from ..helpers import defined_names
from ..tables import RENAMES

# Plain-Python stand-ins written into the scene. A scene sees no file but its own (its assets are never sent
# along), so an existence check is False: nothing is read, so no check can probe the machine's files.
HELPERS = {
    "_os_path_join": '''def _os_path_join(first, *rest):  # os.path.join without os (the sandbox allows no os)
    path = str(first)
    for part in map(str, rest):
        path = part if part.startswith("/") or not path else path.rstrip("/") + "/" + part
    return path''',
    "_os_path_exists": '''def _os_path_exists(path):  # a scene's assets are never there: only the scene file is
    return False''',
    "_os_path_dirname": '''def _os_path_dirname(path):  # os.path.dirname without os
    head = str(path)[:str(path).rfind("/") + 1]
    return head.rstrip("/") or head''',
    "_os_path_basename": '''def _os_path_basename(path):  # os.path.basename without os
    return str(path)[str(path).rfind("/") + 1:]''',
}
PATH_CALLS = {"join": "_os_path_join", "exists": "_os_path_exists", "isfile": "_os_path_exists",
              "isdir": "_os_path_exists", "lexists": "_os_path_exists", "dirname": "_os_path_dirname",
              "basename": "_os_path_basename", "abspath": "str", "realpath": "str", "normpath": "str"}
SYS_PATH_EDITS = {"insert", "append", "extend", "remove"}
SHIMMED = {"os", "os.path", "posixpath", "sys"}  # the modules whose harmless uses are rewritten


def _allowed(module: str) -> bool:
    root, _, sub = module.partition(".")
    return root in ALLOWED_MODULES or root == "scipy" and sub.split(".")[0] in SCIPY_SUBMODULES


def _aliases(node: ast.Import | ast.ImportFrom) -> dict[str, str]:
    """Name bound → what it means ("os.path", "os.getenv") for one import statement (star imports: none)."""
    if isinstance(node, ast.Import):
        return {(a.asname or a.name.split(".")[0]): (a.name if a.asname else a.name.split(".")[0])
                for a in node.names}
    if node.level or not node.module:
        return {}
    return {(a.asname or a.name): f"{node.module}.{a.name}" for a in node.names if a.name != "*"}


def _parents(tree: ast.Module) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _dotted(name: ast.Name, meaning: str, parents: dict) -> tuple[str, ast.AST]:
    """The full dotted meaning of the attribute chain that starts at `name` ("os.path.join"), and its top node."""
    node, dotted = name, meaning.replace("posixpath", "os.path")
    while isinstance(parents.get(node), ast.Attribute) and parents[node].value is node:
        node = parents[node]
        dotted += "." + node.attr
    return dotted, node


def _env_default(call: ast.Call, src: Source) -> str | None:
    """The default of os.environ.get(NAME, default) / os.getenv(NAME, default=...) as source text ("None" if
    none); None when the call has another shape."""
    kw = {k.arg: k.value for k in call.keywords}
    if not call.args or len(call.args) > 2 or set(kw) - {"default"} or len(call.args) == 2 and kw:
        return None
    default = call.args[1] if len(call.args) == 2 else kw.get("default")
    if default is None:
        return "None"
    return src.text(default) if isinstance(default, (ast.Constant, ast.Name)) else f"({src.text(default)})"


def _use_edit(dotted: str, top: ast.AST, parents: dict, src: Source) -> tuple[ast.AST, str, str] | None:
    """(node to replace, its new text, the fix message) for a harmless use of os or sys; None for any other."""
    call = parents.get(top)
    if not (isinstance(call, ast.Call) and call.func is top):
        return None
    name = dotted.rpartition(".")[2]
    if dotted == f"os.path.{name}" and name in PATH_CALLS and not call.keywords:
        return top, PATH_CALLS[name], ("os.path calls rewritten as plain Python (the sandbox allows no os; a scene "
                                        "sees no file but its own, so existence checks are False)")
    if dotted in ("os.environ.get", "os.getenv") and (default := _env_default(call, src)) is not None:
        return call, default, "os.environ.get(NAME, default) → the default (scenes get no environment variables)"
    return None


def _sys_path_edit(stmt: ast.stmt, meanings: dict[str, str]) -> bool:
    """A statement `sys.path.insert(...)` (append, extend, remove) with `sys` meaning the sys module."""
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    f = getattr(call, "func", None)
    return isinstance(call, ast.Call) and isinstance(f, ast.Attribute) and f.attr in SYS_PATH_EDITS \
        and isinstance(f.value, ast.Attribute) and f.value.attr == "path" and isinstance(f.value.value, ast.Name) \
        and meanings.get(f.value.value.id) == "sys"


def _sys_path_statements(tree: ast.Module, meanings: dict[str, str]) -> list[ast.stmt]:
    """sys.path edits, and `if ...: <only sys.path edits>` blocks around them: statements to remove."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and not node.orelse and all(_sys_path_edit(s, meanings) for s in node.body):
            out.append(node)
        elif _sys_path_edit(node, meanings):
            out.append(node)
    inner = {id(n) for s in out if isinstance(s, ast.If) for n in s.body}
    return [s for s in out if id(s) not in inner]


def _path_roots(tree: ast.Module, removed: list[ast.stmt]) -> list[ast.stmt]:
    """Top-level `ROOT = <path built from __file__>` statements whose name only the removed sys.path edits read
    (`_REPO_ROOT = Path(__file__).resolve().parents[2]`): they go with those edits."""
    inside = {id(n) for s in removed for n in ast.walk(s)}
    reads: dict[str, list[bool]] = {}
    for n in ast.walk(tree):
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load):
            reads.setdefault(n.id, []).append(id(n) in inside)
    return [s for s in tree.body if isinstance(s, ast.Assign) and len(s.targets) == 1
            and isinstance(s.targets[0], ast.Name) and "__file__" in reads and all(reads.get(s.targets[0].id, [False]))
            and any(isinstance(n, ast.Name) and n.id == "__file__" for n in ast.walk(s.value))]


class _Uses:
    """What the file's imports from outside the allow-list bind, and where those names are read."""

    def __init__(self, tree: ast.Module):
        self.parents = _parents(tree)
        self.imports = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))
                        and not all(_allowed(m) for m in _modules(n))]
        self.meanings = {k: v for n in self.imports for k, v in _aliases(n).items()}
        self.removed = _sys_path_statements(tree, self.meanings)
        self.roots = _path_roots(tree, self.removed)
        hidden = {id(n) for s in self.removed + self.roots for n in ast.walk(s)}
        self.loads: dict[str, list[ast.Name]] = {}
        for n in ast.walk(tree):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and id(n) not in hidden:
                self.loads.setdefault(n.id, []).append(n)

    def edits(self, bound: str, src: Source) -> list[tuple[ast.AST, str, str]] | None:
        """The edits that remove every use of the name `bound`; None if one of its uses is not harmless."""
        meaning = self.meanings[bound]
        out = []
        for name in self.loads.get(bound, []):
            dotted, top = _dotted(name, meaning, self.parents)
            edit = _use_edit(dotted, top, self.parents, src) if meaning.split(".")[0] in SHIMMED else None
            if edit is None:
                return None
            out.append(edit)
        gone = [s for s in self.removed if meaning == "sys" and self._edits_sys(s, bound)]
        return out + [(s, self.blank(s), "removed a sys.path edit (scenes import only manim and allowed modules)")
                      for s in gone] + [(s, "", "removed the folder name that only the sys.path edit used")
                                        for s in (self.roots if gone else [])]

    def _edits_sys(self, stmt: ast.stmt, bound: str) -> bool:
        return any(isinstance(n, ast.Name) and n.id == bound for n in ast.walk(stmt))

    def blank(self, stmt: ast.stmt) -> str:
        """What a removed statement becomes: nothing at module level, `pass` in a block (which may not be empty)."""
        return "" if isinstance(self.parents.get(stmt), ast.Module) else "pass"


def _modules(node: ast.Import | ast.ImportFrom) -> list[str]:
    return [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]


@rule
def script_functions(tree: ast.Module, src: Source, edits: Edits) -> None:
    """A top-level function nothing in the file calls (a script's `main()`, once its `__main__` block is gone) that
    uses a module the sandbox does not allow: removed, so that module's import can go too."""
    uses = _Uses(tree)
    called = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name not in called \
                and not node.decorator_list and _reads_any(node, set(uses.meanings)):
            edits.replace(node, "")
            edits.add(f"removed the function {node.name}(), which nothing calls, with its imports the sandbox "
                      "does not allow", node.lineno)


@rule
def renamed_imports(tree: ast.Module, src: Source, edits: Edits) -> None:
    """A name CE renamed imported from a manim submodule (`from manim.mobject.opengl.opengl_surface import
    ParametricSurface`): CE's class from manim under the old name (`from manim import Surface as
    ParametricSurface`)."""
    for node in ast.walk(tree):
        if not (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("manim.")):
            continue
        old = [a for a in node.names if a.name in RENAMES and RENAMES[a.name] != a.name]
        if len(old) != len(node.names):
            continue  # a mixed import is left whole: the others may be right where they are
        names = ", ".join(f"{RENAMES[a.name]} as {a.asname or a.name}" for a in old)
        edits.replace(node, f"from manim import {names}")
        edits.add(f"CE renamed {', '.join(a.name for a in old)}: imported its CE class from manim under the old "
                  "name", node.lineno)


def _reads_any(node: ast.AST, names: set[str]) -> bool:
    return any(isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id in names for n in ast.walk(node))


def _bound(node: ast.Import | ast.ImportFrom, alias: ast.alias) -> str:
    return alias.asname or (alias.name.split(".")[0] if isinstance(node, ast.Import) else alias.name)


def _kept_import(node: ast.Import | ast.ImportFrom, kept: list[ast.alias], src: Source) -> list[str]:
    """The import statement with only the `kept` names (none: no statement)."""
    if not kept:
        return []
    names = ", ".join(src.text(a) for a in kept)
    return [f"import {names}" if isinstance(node, ast.Import) else f"from {node.module} import {names}"]


def _plan(node: ast.Import | ast.ImportFrom, uses: _Uses, src: Source) -> tuple[list, list, dict]:
    """(names kept, edits of the uses of the names dropped, {name dropped: unused or rewritten}) for one import."""
    kept, edits, dropped = [], [], {}
    for alias in node.names:
        bound = _bound(node, alias)
        found = None if alias.name == "*" or bound not in uses.meanings or _allowed(uses.meanings[bound]) \
            else uses.edits(bound, src)
        if found is None:
            kept.append(alias)
        else:
            edits += found
            dropped[bound] = "its uses rewritten" if found else "unused"
    return kept, edits, dropped


@rule
def harmless_imports(tree: ast.Module, src: Source, edits: Edits) -> None:
    """os/sys/pathlib and other modules outside the allow-list imported but unused, or used only for path joins,
    existence checks, environment defaults and sys.path edits: unused imports removed, those uses rewritten."""
    uses, written = _Uses(tree), set(defined_names(tree))
    for node in uses.imports:
        kept, use_edits, dropped = _plan(node, uses, src)
        if len(kept) == len(node.names):
            continue
        for target, text, message in use_edits:
            edits.replace(target, text)
            edits.add(message, target.lineno)
        needed = sorted({text for _, text, _ in use_edits if text in HELPERS} - written)
        written |= set(needed) if isinstance(uses.parents.get(node), ast.Module) else set()
        parts = _kept_import(node, kept, src) + [HELPERS[h] for h in needed]
        indent = src.indent(node)
        text = "\n\n".join(parts).replace("\n", "\n" + indent).replace("\n" + indent + "\n", "\n\n")
        edits.replace(node, text or uses.blank(node))
        for bound, why in dropped.items():
            edits.add(f"removed the import of {bound}, which the sandbox does not allow ({why})", node.lineno)
