"""An index of the installed manim's public API (names, classes, their members and signatures), read by
introspection, stored as JSON next to the environment and keyed by manim's version.

`make` builds it at install time (`python -m mathanim.api_index`); `load()` builds it lazily when it is missing
or stale, in a subprocess that only imports manim itself (no scene code, no network). The repair hints
(`api_hints.py`) and the drift fixer rules read it; without manim the index is empty and they do nothing.
"""

from __future__ import annotations

import ast
import difflib
import inspect
import json
import os
import re
import subprocess
import sys
import tempfile
import warnings
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

FORMAT = 2  # bump when the JSON layout changes: older files are rebuilt
ROOT = Path(__file__).resolve().parent.parent


def manim_version() -> str:
    try:
        return version("manim")
    except PackageNotFoundError:
        return ""


def index_path(mv: str | None = None) -> Path:
    """Where the index for manim `mv` lives: the virtual environment (if writable), else media/cache."""
    name = f"manim_api-{mv or manim_version() or 'none'}.json"
    if os.environ.get("MATHANIM_API_INDEX_DIR"):
        return Path(os.environ["MATHANIM_API_INDEX_DIR"]) / name
    venv = Path(sys.prefix)
    if sys.prefix != sys.base_prefix and os.access(venv, os.W_OK):
        return venv / name
    return ROOT / "media" / "cache" / name


# --- building (runs in its own process: it imports manim) ------------------------------------------------------

def _constant_names(manim) -> dict:
    """repr of a default value -> the manim constant with that value (so signatures say RIGHT, not array(...))."""
    out = {}
    for name in dir(manim):
        value = getattr(manim, name)
        if name.isupper() and type(value).__name__ in ("ndarray", "ManimColor"):
            out.setdefault(repr(value), name)
    return out


def _fmt_default(value, consts: dict) -> str:
    text = consts.get(repr(value)) if type(value).__name__ in ("ndarray", "ManimColor") else None
    named = isinstance(value, type) or (callable(value) and getattr(value, "__name__", "<")[0] != "<")
    text = text or (value.__name__ if named else repr(value))
    return text if len(text) <= 30 else text[:27] + "..."


def format_signature(fn, consts: dict, drop_self: bool = True) -> str | None:
    """`(a, b=1, *args, **kwargs)` without annotations, long defaults cut; None when there is none."""
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return None
    parts = []
    for i, p in enumerate(sig.parameters.values()):
        if i == 0 and drop_self and p.name in ("self", "cls"):
            continue
        prefix = {p.VAR_POSITIONAL: "*", p.VAR_KEYWORD: "**"}.get(p.kind, "")
        default = "" if p.default is p.empty else "=" + _fmt_default(p.default, consts)
        parts.append(f"{prefix}{p.name}{default}")
    return "(" + ", ".join(parts) + ")"


@cache
def _module_tree(path: str) -> ast.Module | None:
    try:
        return ast.parse(Path(path).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return None


def _class_def(cls) -> ast.ClassDef | None:
    """The class's definition in its source file (each file parsed once: inspect.getsource is slow)."""
    try:
        tree = _module_tree(inspect.getsourcefile(cls) or "")
    except TypeError:
        return None
    return next((n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == cls.__name__), None) \
        if tree else None


def _init_def(cls) -> ast.FunctionDef | None:
    node = _class_def(cls) if "__init__" in cls.__dict__ else None
    return next((f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None) \
        if node else None


def _popped(init: ast.FunctionDef | None) -> set[str]:
    """Names a constructor takes out of **kwargs itself (Text's t2c...): kwargs.pop("name") / kwargs.get."""
    return {c.args[0].value for c in ast.walk(init) if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)
            and c.func.attr in ("pop", "get") and isinstance(c.func.value, ast.Name) and c.func.value.id == "kwargs"
            and c.args and isinstance(c.args[0], ast.Constant) and isinstance(c.args[0].value, str)} if init else set()


def _init_kwargs(cls) -> list[str] | None:
    """Keyword arguments the constructor accepts along the MRO (None: it passes on **kwargs to the end)."""
    accepted: set[str] = set()
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None or klass is object:
            continue
        try:
            params = inspect.signature(init).parameters.values()
        except (TypeError, ValueError):
            return None
        accepted |= {p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)} - {"self"}
        accepted |= _popped(_init_def(klass))
        if not any(p.kind == p.VAR_KEYWORD for p in params):
            return sorted(accepted)
    return None


def _members(cls, consts: dict) -> dict[str, str]:
    """The class's own public members: method name -> signature ('' for properties and plain attributes)."""
    out = {}
    for name, value in vars(cls).items():
        if name.startswith("_"):
            continue
        fn = value.__func__ if isinstance(value, (classmethod, staticmethod)) else value
        sig = format_signature(fn, consts, not isinstance(value, staticmethod)) if callable(fn) else None
        out[name] = sig or ""
    node = _class_def(cls)  # attributes its methods set on instances (self.x_axis = ...)
    for t in ast.walk(node) if node else ():
        if isinstance(t, ast.Attribute) and isinstance(t.ctx, ast.Store) and isinstance(t.value, ast.Name) \
                and t.value.id == "self" and not t.attr.startswith("_"):
            out.setdefault(t.attr, "")
    return out


def _passes(cls) -> dict[str, str]:
    """Keywords the class's own constructor sets on its base from one of its own parameters
    (Square: width=side_length): calling the class with that keyword fails, with the parameter it works."""
    init = _init_def(cls)
    if init is None:
        return {}
    params = {a.arg for a in init.args.args + init.args.kwonlyargs}
    return {k.arg: k.value.id for node in ast.walk(init)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "__init__"
            for k in node.keywords
            if k.arg and k.arg not in params and isinstance(k.value, ast.Name) and k.value.id in params}


def _class_entry(cls, consts: dict) -> dict:
    return {"mro": [k.__name__ for k in cls.__mro__[1:] if k is not object],
            "init": format_signature(cls.__init__, consts) or "",
            "kwargs": _init_kwargs(cls), "members": _members(cls, consts),
            "passes": _passes(cls), "module": cls.__module__}


def build_data() -> dict:
    """Introspect the installed manim (imported here) into the index's JSON data."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import manim
    consts = _constant_names(manim)
    data = {"format": FORMAT, "manim_version": manim_version(), "names": {}, "classes": {}, "functions": {},
            "modules": {}}
    for name in sorted(n for n in dir(manim) if not n.startswith("_")):
        _add_name(data, name, getattr(manim, name), consts)
    return data


def _add_name(data: dict, name: str, value, consts: dict) -> None:
    """Record one public name of manim (and, for a class, every base class it has)."""
    if inspect.isclass(value):
        data["names"][name] = "class"
        for klass in value.__mro__:
            if klass is not object and klass.__name__ not in data["classes"]:
                data["classes"][klass.__name__] = _class_entry(klass, consts)
    elif inspect.ismodule(value):
        data["names"][name] = "module"
        if not value.__name__.startswith("manim."):  # np, typing: not manim's API
            return
        data["modules"][name] = {n: format_signature(v, consts, False) or "" for n, v in vars(value).items()
                                 if not n.startswith("_") and callable(v) and not inspect.ismodule(v)
                                 and getattr(v, "__module__", None) == value.__name__}  # its own, not imports
    elif callable(value):
        data["names"][name] = "function"
        data["functions"][name] = format_signature(value, consts, False) or ""
    else:
        data["names"][name] = "constant"


def write(path: Path) -> Path:
    """Build the index and write it to `path` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = build_data()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".manim_api-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, separators=(",", ":"), sort_keys=True)
    os.replace(tmp, path)
    return path


# --- loading and queries ----------------------------------------------------------------------------------------

@dataclass
class ApiIndex:
    """The index's data with the queries the hints and fixer rules need."""

    data: dict = field(default_factory=dict)

    @property
    def version(self) -> str:
        return self.data.get("manim_version", "")

    def kind(self, name: str) -> str | None:
        """'class', 'function', 'module' or 'constant' for a top-level manim name, else None."""
        return self.data.get("names", {}).get(name)

    def is_class(self, name: str) -> bool:
        return name in self.data.get("classes", {})

    def mro(self, cls: str) -> list[str]:
        """The class and its bases known to the index, nearest first."""
        entry = self.data.get("classes", {}).get(cls)
        return [cls, *(b for b in entry["mro"] if self.is_class(b))] if entry else []

    def members(self, cls: str) -> dict[str, str]:
        """Every member of the class (inherited ones too): name -> signature ('' for attributes)."""
        out: dict[str, str] = {}
        for klass in reversed(self.mro(cls)):
            out.update(self.data["classes"][klass]["members"])
        return out

    def has_member(self, cls: str, name: str) -> bool:
        return name in self.members(cls)

    def owner_of(self, cls: str, name: str) -> str | None:
        """The class in cls's MRO that defines member `name`."""
        return next((k for k in self.mro(cls) if name in self.data["classes"][k]["members"]), None)

    def classes_with(self, name: str) -> list[str]:
        """Classes that define member `name` themselves, exported names first (not the OpenGL renderer's
        classes: scenes render with Cairo)."""
        found = [c for c, e in self.data.get("classes", {}).items()
                 if name in e["members"] and ".opengl" not in e.get("module", "")]
        return sorted(found, key=lambda c: (self.kind(c) != "class", c))

    def scenes_using(self, camera: str) -> list[str]:
        """The Scene classes whose default camera is `camera` (MovingCamera -> MovingCameraScene)."""
        return sorted(c for c, e in self.data.get("classes", {}).items()
                      if f"camera_class={camera}," in e["init"] or f"camera_class={camera})" in e["init"])

    def passes(self, cls: str) -> dict[str, str]:
        """keyword -> the class's own parameter it is set from (Square: width -> side_length)."""
        entry = self.data.get("classes", {}).get(cls)
        return entry.get("passes", {}) if entry else {}

    def init_kwargs(self, cls: str) -> list[str] | None:
        """Keywords the constructor accepts (None: unknown or anything)."""
        entry = self.data.get("classes", {}).get(cls)
        return entry["kwargs"] if entry else None

    def accepts(self, cls: str, kw: str) -> bool | None:
        """Whether `cls(kw=...)` is accepted: True, False, or None when the index cannot tell."""
        kws = self.init_kwargs(cls)
        return None if kws is None else kw in kws

    def signature(self, name: str, member: str | None = None) -> str:
        """`Name(args)` for a class or function, `Name.member(args)` for a method; '' if unknown."""
        classes = self.data.get("classes", {})
        if member is None:
            sig = classes[name]["init"] if name in classes else self.data.get("functions", {}).get(name)
            return f"{name}{sig}" if sig else ""
        owner = self.owner_of(name, member)
        sig = classes[owner]["members"][member] if owner else ""
        return f"{owner}.{member}{sig}" if sig else (f"{owner}.{member}" if owner else "")

    def params(self, name: str, member: str | None = None) -> list[str]:
        """The named parameters of a class's constructor, a function or a method (no *args, **kwargs)."""
        return signature_params(self.signature(name, member))

    def takes_kwargs(self, name: str, member: str | None = None) -> bool:
        """Whether the signature ends in **kwargs (its keywords go on to other functions)."""
        return "**" in self.signature(name, member)

    def top_names(self) -> list[str]:
        return list(self.data.get("names", {}))

    def module_members(self, module: str) -> dict[str, str]:
        return self.data.get("modules", {}).get(module, {})

    def module_of(self, name: str) -> str | None:
        """The exported manim module (rate_functions...) that holds `name` when manim does not export it."""
        return next((m for m, members in self.data.get("modules", {}).items() if name in members), None)


def signature_params(sig: str) -> list[str]:
    """Parameter names of a formatted signature `Name(a, b=1, *args, **kwargs)` (without *args and **kwargs)."""
    inner = sig[sig.find("(") + 1:sig.rfind(")")]
    return [n for n in re.findall(r"(?:^|, )(\*{0,2}[A-Za-z_]\w*)(?==|, |$)", inner) if not n.startswith("*")]


def _style(name: str) -> str:
    """CONSTANT, CapWords or lower_case: a name is only compared with names of its own kind."""
    return "upper" if name.isupper() else "cap" if name[:1].isupper() else "lower"


def closest(name: str, candidates, n: int = 3) -> list[str]:
    """The candidates nearest to `name`: spelling, with a bonus for sharing the first word (arrange_in_circle ->
    arrange_in_grid, arrange)."""
    head = name.lower().split("_")[0]
    scored = []
    for c in set(candidates):
        if c == name or c.startswith("_") or _style(c) != _style(name):
            continue
        score = difflib.SequenceMatcher(None, name.lower(), c.lower()).ratio()
        score += 0.2 if c.lower().split("_")[0] == head and len(head) > 3 else 0.0  # not for get_/set_
        if score >= 0.7:
            scored.append((-score, len(c), c))
    return [c for _, _, c in sorted(scored)[:n]]


def _read(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(data, dict) and data.get("format") == FORMAT and data.get("manim_version") == manim_version()
    return data if ok else None


def build_in_subprocess(path: Path, timeout_s: float = 180) -> bool:
    """Build the index in a child process (it imports manim; run from an empty folder so no manim.cfg applies)."""
    with tempfile.TemporaryDirectory(prefix="mathanim-api-") as cwd:
        env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        try:
            proc = subprocess.run([sys.executable, "-m", "mathanim.api_index", str(path)], cwd=cwd, env=env,
                                  capture_output=True, timeout=timeout_s)
        except (OSError, subprocess.TimeoutExpired):
            return False
    return proc.returncode == 0


@lru_cache(maxsize=1)
def load() -> ApiIndex:
    """The index of the installed manim, built first if it is missing or stale; empty without manim."""
    if not manim_version():
        return ApiIndex({})
    path = index_path()
    data = _read(path)
    if data is None and build_in_subprocess(path):
        data = _read(path)
    return ApiIndex(data or {})


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else index_path()
    write(path)
    print(f"wrote the manim {manim_version()} API index to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
