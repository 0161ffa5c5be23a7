"""Extract every Scene class of a Manim code tree as a standalone file, with a concept description.

A scene class rarely stands alone: it uses module-level helpers, constants, base classes of its own file and
names imported from sibling modules of the tree. `extract_tree()` follows those names (transitively) and
inlines the definitions it needs in source order, keeps the third-party imports it uses, and derives the
concept a person would have asked for from the class name, docstring, comments and an optional transcript.
Nothing here imports or runs the code: it is read with `ast` only.
"""

from __future__ import annotations

import ast
import builtins
import re
from dataclasses import dataclass, field
from pathlib import Path

# Libraries a scene file imports with a star; their names are left to the library, never inlined.
LIBRARY_MODULES = {"manim": "ce", "manimlib": "gl", "manim_imports_ext": "gl", "big_ol_pile_of_manim_imports": "gl"}
GL_SCENE_BASES = {"InteractiveScene", "GraphScene", "TeacherStudentsScene", "PiCreatureScene", "SpecialThreeDScene",
                  "ReconfigurableScene", "ExternallyAnimatedScene", "ZoomedScene", "VectorScene",
                  "LinearTransformationScene", "ThreeDScene", "MovingCameraScene", "Scene"}
BUILTINS = set(dir(builtins))
SKIP_DIRS = {".git", "__pycache__", ".venv", "venv", "media", "node_modules", "build", "dist"}


@dataclass
class Module:
    """One parsed file of the tree: its definitions by name and its imports."""

    path: Path
    rel: str
    source: str
    tree: ast.Module
    defs: dict[str, list[ast.stmt]] = field(default_factory=dict)  # name -> statements that bind it
    style: str = ""  # "ce", "gl" or "" (no manim import seen)
    star_local: list[str] = field(default_factory=list)  # local modules imported with *
    named_local: dict[str, tuple[str, str]] = field(default_factory=dict)  # alias -> (module, name)
    external: list[ast.stmt] = field(default_factory=list)  # third-party and stdlib imports


@dataclass
class SceneSource:
    """One extracted scene: standalone code plus what it was made from."""

    name: str
    source_file: str  # path relative to the tree root
    code: str
    concept: str
    style: str  # "ce" or "gl"
    helpers: list[str] = field(default_factory=list)  # inlined names, in order
    unresolved: list[str] = field(default_factory=list)  # names neither defined nor known (library names)


def _bound_names(node: ast.stmt) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
    names = []
    for t in targets:
        for n in ast.walk(t) if t is not None else ():
            if isinstance(n, ast.Name):
                names.append(n.id)
    return names


def _module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _resolve_local(mod: str, level: int, here: str, known: set[str]) -> str | None:
    """The dotted name of a module of the tree that an import refers to, or None when it is external."""
    if level:
        base = here.split(".")[: -level] if here else []
        mod = ".".join([*base, mod] if mod else base)
    if mod in known:
        return mod
    # Scripts often import siblings by bare name (python puts the script's folder on sys.path).
    sibling = ".".join([*here.split(".")[:-1], mod]) if here else mod
    return sibling if sibling in known else None


def parse_module(path: Path, root: Path, known: set[str]) -> Module | None:
    """Parse one file; None when it does not parse (Python 2 files exist in old trees)."""
    try:
        source = path.read_text(encoding="utf-8", errors="replace")
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    here = _module_name(path, root)
    m = Module(path, str(path.relative_to(root)), source, tree)
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            _classify_import(m, node, here, known)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign)):
            for name in _bound_names(node):
                m.defs.setdefault(name, []).append(node)
    return m


def _classify_import(m: Module, node: ast.stmt, here: str, known: set[str]) -> None:
    if isinstance(node, ast.Import):
        for a in node.names:
            root_mod = a.name.split(".")[0]
            if root_mod in LIBRARY_MODULES:
                m.style = m.style or LIBRARY_MODULES[root_mod]
            elif _resolve_local(a.name, 0, here, known) is None:
                m.external.append(ast.Import(names=[a]))
        return
    mod = node.module or ""
    root_mod = mod.split(".")[0]
    if not node.level and root_mod in LIBRARY_MODULES:
        m.style = m.style or LIBRARY_MODULES[root_mod]
        return
    local = _resolve_local(mod, node.level, here, known)
    if local is None:
        if not node.level:
            m.external.append(node)
        return
    for a in node.names:
        if a.name == "*":
            m.star_local.append(local)
        else:
            m.named_local[a.asname or a.name] = (local, a.name)


class Tree:
    """All parsed modules of one source tree, and name resolution across them."""

    def __init__(self, root: Path | str):
        self.root = Path(root).resolve()
        files = [p for p in sorted(self.root.rglob("*.py")) if not SKIP_DIRS & set(p.relative_to(self.root).parts)]
        known = {_module_name(p, self.root) for p in files}
        self.modules: dict[str, Module] = {}
        for p in files:
            m = parse_module(p, self.root, known)
            if m is not None:
                self.modules[_module_name(p, self.root)] = m

    def style(self, mod: str, seen: frozenset = frozenset()) -> str:
        """"ce" or "gl": the module's own manim import, else that of a module it star-imports."""
        m = self.modules[mod]
        if m.style or mod in seen:
            return m.style
        return next((s for s in (self.style(x, seen | {mod}) for x in m.star_local if x in self.modules) if s), "")

    def lookup(self, mod: str, name: str, depth: int = 0) -> tuple[str, ast.stmt] | None:
        """Where `name` as seen from module `mod` is defined in the tree: (module, statement), else None."""
        m = self.modules.get(mod)
        if m is None or depth > 8:
            return None
        if name in m.defs:
            return mod, m.defs[name][-1]
        if name in m.named_local:
            other, real = m.named_local[name]
            return self.lookup(other, real, depth + 1)
        for other in reversed(m.star_local):  # a later star import shadows an earlier one
            hit = self.lookup(other, name, depth + 1)
            if hit:
                return hit
        return None

    def scenes(self, mod: str) -> list[str]:
        """Scene classes defined in `mod` that have (or inherit from the tree) a construct method."""
        out = []
        for node in self.modules[mod].tree.body:
            if isinstance(node, ast.ClassDef) and self._is_scene(mod, node, 0) and self._has_construct(mod, node, 0):
                out.append(node.name)
        return out

    def _bases(self, mod: str, node: ast.ClassDef):
        for b in node.bases:
            name = b.id if isinstance(b, ast.Name) else b.attr if isinstance(b, ast.Attribute) else ""
            hit = self.lookup(mod, name) if name else None
            yield name, hit

    def _is_scene(self, mod: str, node: ast.ClassDef, depth: int) -> bool:
        for name, hit in self._bases(mod, node):
            if hit and isinstance(hit[1], ast.ClassDef) and depth < 20:
                if self._is_scene(hit[0], hit[1], depth + 1):
                    return True
            elif name in GL_SCENE_BASES:
                return True
        return False

    def _has_construct(self, mod: str, node: ast.ClassDef, depth: int) -> bool:
        if any(isinstance(s, ast.FunctionDef) and s.name == "construct" for s in node.body):
            return True
        for name, hit in self._bases(mod, node):
            if hit and isinstance(hit[1], ast.ClassDef) and depth < 20:
                if self._has_construct(hit[0], hit[1], depth + 1):
                    return True
            elif name in GL_SCENE_BASES - {"Scene", "ThreeDScene", "InteractiveScene", "MovingCameraScene"}:
                return True  # library scenes such as TeacherStudentsScene play something of their own
        return False


def _used_names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _segment(m: Module, node: ast.stmt) -> str:
    """The statement's original text, decorators and inner comments included."""
    lines = m.source.splitlines()
    start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
    return "\n".join(lines[start - 1: node.end_lineno])


class _Closure:
    """Depth-first walk over the definitions a scene needs; emits dependencies before their users."""

    def __init__(self, tree: Tree):
        self.tree = tree
        self.order: list[tuple[str, ast.stmt]] = []
        self.seen: set[int] = set()
        self.imports: dict[str, ast.stmt] = {}  # unparsed import -> node
        self.unresolved: set[str] = set()

    def visit(self, mod: str, name: str) -> None:
        hit = self.tree.lookup(mod, name)
        if hit is None:
            self._external(mod, name)
            return
        where, node = hit
        if id(node) in self.seen:
            return
        self.seen.add(id(node))
        for dep in sorted(_used_names(node) - set(_bound_names(node)) - BUILTINS):
            self.visit(where, dep)
        self.order.append((where, node))

    def _external(self, mod: str, name: str) -> None:
        """Keep the third-party import that binds `name`, else remember it as a library (manim) name."""
        for imp in self.tree.modules[mod].external:
            bound = [a.asname or a.name.split(".")[0] for a in imp.names]
            if name in bound:
                self.imports[ast.unparse(imp)] = imp
                return
        if name not in BUILTINS:
            self.unresolved.add(name)


def extract_scene(tree: Tree, mod: str, name: str) -> tuple[str, list[str], list[str]]:
    """Standalone code for scene `name` of module `mod`: (code, inlined helper names, unresolved names)."""
    c = _Closure(tree)
    c.visit(mod, name)
    style = tree.style(mod) or "ce"
    header = ["from manim import *" if style == "ce" else "from manimlib import *"]
    header += sorted(c.imports, key=lambda s: (not s.startswith("import "), s))
    body = [_segment(tree.modules[m], node) for m, node in c.order]
    helpers = [n for m, node in c.order for n in _bound_names(node) if n != name]
    code = "\n".join(header) + "\n\n\n" + "\n\n\n".join(body) + "\n"
    return code, helpers, sorted(c.unresolved)


def split_words(name: str) -> str:
    """'TaylorSeriesOfCos2D' -> 'taylor series of cos 2D'."""
    words = re.findall(r"[A-Z]+(?=[A-Z][a-z]|\d|\b|_)|[A-Z]?[a-z]+|[A-Z]+|\d+[A-Za-z]?", name)
    return " ".join(w if (w.isupper() and len(w) > 1) or w[0].isdigit() else w.lower() for w in words)


def _comments(m: Module, node: ast.ClassDef, limit: int = 3) -> list[str]:
    """The first few prose comments inside a class (code that was commented out is skipped)."""
    out = []
    for line in m.source.splitlines()[node.lineno: node.end_lineno]:
        s = line.strip()
        if s.startswith("#"):
            text = s.lstrip("#").strip()
            if len(text) > 12 and not re.search(r"[()=\[\]{}]|self\.|^\w+\.\w+", text):
                out.append(text)
        if len(out) >= limit:
            break
    return out


def find_transcript(transcripts: Path | None, rel: str, name: str) -> str:
    """Text of a transcript matched by class name or file stem (`<Class>.txt`, `<stem>.txt`, `<stem>/<Class>.txt`)."""
    if not transcripts:
        return ""
    stem = Path(rel).stem
    for cand in (transcripts / f"{name}.txt", transcripts / stem / f"{name}.txt", transcripts / f"{stem}.txt"):
        if cand.is_file():
            return " ".join(cand.read_text(encoding="utf-8", errors="replace").split())
    return ""


def describe(tree: Tree, mod: str, name: str, transcripts: Path | None = None) -> str:
    """A concept description: class name words, docstring, prose comments and a transcript excerpt."""
    m = tree.modules[mod]
    node = m.defs[name][-1]
    parts = [split_words(name)]
    doc = ast.get_docstring(node) if isinstance(node, ast.ClassDef) else None
    if doc:
        parts.append(doc.strip().split("\n\n")[0].replace("\n", " "))
    if isinstance(node, ast.ClassDef):
        parts += _comments(m, node)
    text = find_transcript(transcripts, m.rel, name)
    if text:
        parts.append(text if len(text) <= 400 else text[:400].rsplit(" ", 1)[0])
    return ". ".join(p.rstrip(".") for p in parts if p) + "."


def extract_tree(root: Path | str, transcripts: Path | str | None = None) -> list[SceneSource]:
    """Every scene class of the tree at `root`, as standalone sources with their concept descriptions."""
    tree = Tree(root)
    tdir = Path(transcripts) if transcripts else None
    out = []
    for mod, m in tree.modules.items():
        for name in tree.scenes(mod):
            code, helpers, unresolved = extract_scene(tree, mod, name)
            out.append(SceneSource(name, m.rel, code, describe(tree, mod, name, tdir), tree.style(mod) or "ce",
                                   helpers, unresolved))
    return out
