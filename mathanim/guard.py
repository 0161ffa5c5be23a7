"""Static checks on untrusted scene code: it parses, imports only allowed modules, uses no dangerous names.

This is the first of two layers; the sandbox child adds a runtime audit hook because static checks can be
bypassed. Every refusal names the line and the reason.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from dataclasses import dataclass

from .result import ErrorInfo

ALLOWED_MODULES = frozenset(
    "manim numpy math cmath random itertools functools fractions decimal statistics colour typing "
    "dataclasses string enum collections copy __future__ re numbers hashlib mpmath".split()
    + ["manim_physics"]  # a plugin models use; manim loads it (trusted) at its own import, before the audit hook
    + ["manim_voiceover"]  # its speech services are replaced in the child (sandbox/voiceover_shim.py)
)
# manim_voiceover only by its scene, tracker and services: its helpers reach pip, sox, pydub and the disk
PLUGIN_SUBMODULES = {"manim_voiceover": frozenset({"voiceover_scene", "tracker", "services"})}
# scipy only by these computational submodules (`from scipy.stats import norm`, `from scipy import special`,
# `import scipy.special as sp`); a bare `import scipy` would also reach scipy.io and the like.
SCIPY_SUBMODULES = frozenset("special stats integrate interpolate optimize spatial linalg ndimage signal fft constants".split())
# Packages scenes may use only by the submodules named here, which the import must name. PIL by Image alone:
# manim's own image_mobject already exposes that module to every scene, and its open and save go through the
# audit hook; ImageFont (FreeType opens files in C), ImageGrab (X11) and ImageShow (viewers) stay out.
# scikit-image by measure alone (marching cubes for implicit surfaces, contours): pure array code; skimage.io and
# its readers (imageio, tifffile) stay out.
SUBMODULE_ONLY = {"scipy": SCIPY_SUBMODULES, "PIL": frozenset({"Image"}), "skimage": frozenset({"measure"})}
FORBIDDEN_CALLS = frozenset(
    "open exec eval compile __import__ globals locals vars breakpoint input help exit quit memoryview "
    "getattr setattr delattr".split()
)
# getattr & co. are only refused with a dunder or non-literal name; see _check_call.
ATTR_CALLS = frozenset({"getattr", "setattr", "delattr", "hasattr"})
FORBIDDEN_ATTRS = frozenset(
    "__subclasses__ __builtins__ __globals__ __code__ __closure__ __mro__ __bases__ __base__ __dict__ "
    "__getattribute__ __reduce__ __reduce_ex__ __loader__ __spec__ __import__ __self__ __func__ "
    "__class_getitem__ __init_subclass__ __setattr__ __delattr__ __traceback__ "
    "f_globals f_builtins f_locals f_back f_code gi_frame gi_code cr_frame cr_code ag_frame tb_frame tb_next "
    "system popen spawnv execv execve fork forkpty kill killpg file_ops tofile savetxt savez "
    "save load loadtxt fromfile memmap "
    # modules reachable as attributes of manim's submodules (e.g. scene.scene_file_writer.os)
    "os sys subprocess shutil socket builtins importlib ctypes pathlib pickle marshal tempfile signal "
    "multiprocessing threading inspect gc pty urllib http".split()
    # manim_physics reaches pymunk, whose cffi handles (ffi, lib, cp) call C directly, past the audit hook
    + "pymunk shapely ffi lib cp cffi _cffi_backend _chipmunk_cffi dlopen".split()
    # manim_voiceover's helpers: an installer, audio tools that start processes or write files ("helper", the
    # module, stays allowed as a name: scenes use it for their own attributes; what it holds is listed here)
    + "modify_audio pip pydub AudioSegment sox mutagen adjust_speed wav2mp3 create_dotenv_file "
      "prompt_ask_missing_package prompt_ask_missing_extras append_to_json_file".split()
    # PIL's C handles past the audit hook: a screen grab over X11 (Image.core), FreeType opening a font by path
    + "grabscreen_x11 ImageGrab ImageShow ImageFont truetype".split()
)
# Modules re-exported by manim or numpy that lead to the OS; refused as bare names.
FORBIDDEN_NAMES = frozenset(
    "os sys subprocess socket shutil pathlib importlib builtins ctypes pickle marshal io tempfile signal "
    "multiprocessing threading inspect gc code pty urllib http requests utils tempconfig plugins".split()
)
SAFE_DUNDERS = frozenset({"__main__", "__init__", "__name__", "__doc__", "__"})
# TeX primitives that run shell commands or touch files.
TEX_DANGER = re.compile(r"\\(write18|immediate|openout|openin|input|include|special|catcode|read)\b")


@dataclass(frozen=True)
class Violation:
    line: int
    reason: str


def parse(code: str) -> tuple[ast.Module | None, ErrorInfo | None]:
    """Parse `code`; on failure return a syntax ErrorInfo with the line."""
    try:
        return ast.parse(code), None
    except SyntaxError as e:
        msg = f"{e.msg} (line {e.lineno})" if e.lineno else e.msg
        return None, ErrorInfo("syntax", f"SyntaxError: {msg}", e.lineno, detail=(e.text or "").strip())
    except (ValueError, RecursionError) as e:  # null bytes, absurd nesting
        return None, ErrorInfo("syntax", f"cannot parse the scene: {e}")


def _root_module(name: str | None) -> str:
    return (name or "").split(".")[0]


def _check_import(node: ast.AST, modules: frozenset[str] = frozenset()) -> list[Violation]:
    """Violations of one import; `modules`: names of the scene file's own bundled modules (local_modules.py)."""
    names = []
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            return [Violation(node.lineno, "relative imports are not allowed")]
        names = [node.module or ""]
        # `from manim_physics.x import pymunk` is the attribute access `….pymunk`
        bad = [a.name for a in node.names if a.name in FORBIDDEN_ATTRS and node.module != "__future__"]
        if bad:
            return [Violation(node.lineno, f"importing '{bad[0]}' from '{node.module}' is not allowed")]
    allowed = ", ".join(sorted(ALLOWED_MODULES - {"__future__"})) + "".join(
        f", {root}." + "/".join(sorted(subs)) for root, subs in SUBMODULE_ONLY.items())
    return [Violation(node.lineno, f"import of '{n}' is not allowed (allowed: {allowed})")
            for n in names if _root_module(n) not in ALLOWED_MODULES | modules and not _submodule_ok(node, n)
            ] + [Violation(node.lineno, f"import of '{n}' is not allowed (only {_plugin_parts(n)} of it)")
                 for n in names if not _plugin_ok(n)]


def _plugin_ok(name: str) -> bool:
    """False for a submodule of a plugin outside the parts scenes may use (PLUGIN_SUBMODULES)."""
    parts = name.split(".")
    return parts[0] not in PLUGIN_SUBMODULES or len(parts) == 1 or parts[1] in PLUGIN_SUBMODULES[parts[0]]


def _plugin_parts(name: str) -> str:
    root = _root_module(name)
    return ", ".join(f"{root}.{p}" for p in sorted(PLUGIN_SUBMODULES[root]))


def _submodule_ok(node: ast.AST, name: str) -> bool:
    """True for imports of a SUBMODULE_ONLY package's listed submodules (scipy's computational ones, PIL's
    Image) that do not bind the bare package."""
    parts = name.split(".")
    if parts[0] not in SUBMODULE_ONLY:
        return False
    allowed = SUBMODULE_ONLY[parts[0]]
    if isinstance(node, ast.ImportFrom):
        subs = parts[1:2] or [a.name for a in node.names]
        return all(s in allowed for s in subs)
    alias = next(a for a in node.names if a.name == name)
    return len(parts) > 1 and parts[1] in allowed and alias.asname is not None


def _plain_names(node: ast.AST) -> bool:
    """A literal list or tuple of attribute names that are neither private nor forbidden."""
    return isinstance(node, (ast.List, ast.Tuple)) and bool(node.elts) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) and e.value.isidentifier()
        and not e.value.startswith("_") and e.value not in FORBIDDEN_ATTRS for e in node.elts)


def _bindings(tree: ast.Module) -> Counter:
    """How often each name is bound anywhere in the file (any scope, any way: a name bound twice is never trusted)."""
    out: Counter = Counter()
    for n in ast.walk(tree):
        if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load):
            out[n.id] += 1
        elif isinstance(n, ast.arg):
            out[n.arg] += 2
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out[n.name] += 2
        elif isinstance(n, (ast.Import, ast.ImportFrom, ast.Global, ast.Nonlocal, ast.ExceptHandler)):
            for name in getattr(n, "names", None) or [getattr(n, "name", None)]:
                out[getattr(name, "asname", None) or getattr(name, "name", name)] += 2
    return out


def literal_name_vars(tree: ast.Module) -> set[str]:
    """Loop variables that can only hold plain attribute names: bound once, by a loop over a literal list of such
    names, or over a list variable bound once to such a literal and only ever iterated. getattr(self, name) with
    one of them is the same as a literal name (`for name in ["title", "graph"]: getattr(self, name)`)."""
    binds, loops = _bindings(tree), [n for n in ast.walk(tree) if isinstance(n, (ast.For, ast.comprehension))]
    lists = {n.targets[0].id for n in ast.walk(tree) if isinstance(n, ast.Assign) and len(n.targets) == 1
             and isinstance(n.targets[0], ast.Name) and binds[n.targets[0].id] == 1 and _plain_names(n.value)}
    iters = {id(n.iter) for n in loops}
    lists -= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id in lists
              and isinstance(n.ctx, ast.Load) and id(n) not in iters}  # used otherwise: it could change
    return {n.target.id for n in loops if isinstance(n.target, ast.Name) and binds[n.target.id] == 1
            and (_plain_names(n.iter) or isinstance(n.iter, ast.Name) and n.iter.id in lists)}


PICTURE_MAKERS = frozenset({"new", "fromarray", "open"})  # PIL.Image functions that give a picture


def picture_vars(tree: ast.Module) -> set[str]:
    """Names bound once, to a picture that PIL's Image module made (`img = Image.fromarray(a)`, with `from PIL
    import Image` and no other `Image`): their save() writes a picture file, which the child's audit hook keeps
    inside the job folder like any write (tests/test_hostile.py), so a scene may draw a picture and show it."""
    pil = any(isinstance(n, ast.ImportFrom) and n.module == "PIL" and any(a.name == "Image" and not a.asname
                                                                        for a in n.names) for n in ast.walk(tree))
    if not pil or "Image" in bound_names(tree):
        return set()
    binds = _bindings(tree)
    return {n.targets[0].id for n in ast.walk(tree) if isinstance(n, ast.Assign) and len(n.targets) == 1
            and isinstance(n.targets[0], ast.Name) and binds[n.targets[0].id] == 1 and isinstance(n.value, ast.Call)
            and isinstance(f := n.value.func, ast.Attribute) and f.attr in PICTURE_MAKERS
            and isinstance(f.value, ast.Name) and f.value.id == "Image"}


def _check_call(node: ast.Call, safe_vars: set[str] = frozenset()) -> list[Violation]:
    func = node.func
    if not isinstance(func, ast.Name) or func.id not in FORBIDDEN_CALLS:
        return []
    if func.id in ATTR_CALLS:
        arg = node.args[1] if len(node.args) > 1 else None
        if isinstance(arg, ast.Name) and arg.id in safe_vars:
            return []
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.isidentifier() \
                and not arg.value.startswith("__") and arg.value not in FORBIDDEN_ATTRS:
            return []  # getattr(m, "_cache") is m._cache, allowed as written; dunders and forbidden names are not
        return [Violation(node.lineno, f"{func.id}() with a dunder, computed or forbidden attribute name is not allowed")]
    return [Violation(node.lineno, f"call to {func.id}() is not allowed in a scene")]


def _check_string(node: ast.Constant) -> list[Violation]:
    if not isinstance(node.value, str):
        return []
    m = TEX_DANGER.search(node.value)
    if m:
        return [Violation(node.lineno, f"TeX command \\{m.group(1)} is not allowed (file or shell access)")]
    if node.value.startswith("__") and node.value.endswith("__") and node.value not in SAFE_DUNDERS:
        return [Violation(node.lineno, f"the dunder string '{node.value}' is not allowed")]
    return []


def bound_names(tree: ast.Module, imports: bool = False) -> set[str]:
    """Names the file binds itself (assignments, arguments, loop targets, defs): a local `code` is not the module.

    imports=True also counts imported names and `except ... as name` (every name the file defines, for the fixer
    and the converter); the guard leaves them out, so an import never makes a forbidden name count as local.
    """
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif imports and isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names if a.name != "*"}
        elif imports and isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


def check(tree: ast.Module, modules: frozenset[str] = frozenset()) -> list[Violation]:
    """All security violations in `tree`, in line order. `modules`: the names of modules bundled with a scene
    file (local_modules.py; each checked by this same function), which it may import."""
    out: list[Violation] = []
    local, safe_vars, pictures = bound_names(tree), literal_name_vars(tree), picture_vars(tree)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out += _check_import(node, modules)
        elif isinstance(node, ast.Call):
            out += _check_call(node, safe_vars)
        elif isinstance(node, ast.Attribute) and node.attr == "save" and isinstance(node.value, ast.Name) \
                and node.value.id in pictures:
            continue
        elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRS:
            out.append(Violation(node.lineno, f"access to attribute '{node.attr}' is not allowed"))
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_CALLS - ATTR_CALLS and not isinstance(node.ctx, ast.Store):
            out.append(Violation(node.lineno, f"use of '{node.id}' is not allowed in a scene"))
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES and node.id not in local:
            out.append(Violation(node.lineno, f"use of '{node.id}' is not allowed in a scene"))
        elif isinstance(node, ast.Constant):
            out += _check_string(node)
        elif isinstance(node, (ast.Global, ast.Nonlocal)) and any(n in FORBIDDEN_NAMES for n in node.names):
            out.append(Violation(node.lineno, "rebinding a forbidden name is not allowed"))
    uniq = {(v.line, v.reason): v for v in out}
    return sorted(uniq.values(), key=lambda v: v.line)


def refusal(violations: list[Violation]) -> ErrorInfo:
    """One ErrorInfo summarising `violations` (first one in the message, all in the detail)."""
    first = violations[0]
    detail = "\n".join(f"line {v.line}: {v.reason}" for v in violations[:20])
    return ErrorInfo("refused", f"refused for safety: {first.reason} (line {first.line})", first.line, detail)


SCENE_BASES = frozenset(
    "Scene ThreeDScene MovingCameraScene ZoomedScene VectorScene LinearTransformationScene SpecialThreeDScene "
    "SpaceScene".split()  # SpaceScene: manim_physics
    + ["VoiceoverScene"]  # manim_voiceover
)


def _base_name(b: ast.expr) -> str:
    if isinstance(b, ast.Name):
        return b.id
    if isinstance(b, ast.Attribute):
        return b.attr
    return ""


def scene_classes(tree: ast.Module) -> list[str]:
    """Names of classes in `tree` that derive, directly or through classes of the file, from a manim Scene."""
    classes = {n.name: [_base_name(b) for b in n.bases] for n in tree.body if isinstance(n, ast.ClassDef)}
    found: dict[str, bool] = {}

    def is_scene(name: str, depth: int = 0) -> bool:
        if name in SCENE_BASES:
            return True
        if name not in classes or depth > 20:
            return False
        if name not in found:
            found[name] = any(is_scene(b, depth + 1) for b in classes[name])
        return found[name]

    return [n for n in classes if n not in SCENE_BASES and is_scene(n)]


def pick_scene(tree: ast.Module, wanted: str | None) -> tuple[str | None, ErrorInfo | None]:
    """Resolve which scene class to render, or a no_scene error listing the candidates."""
    names = scene_classes(tree)
    if wanted:
        if wanted in names:
            return wanted, None
        return None, ErrorInfo("no_scene", f"no Scene class named '{wanted}'; the file has: {', '.join(names) or 'none'}")
    if len(names) == 1:
        return names[0], None
    if not names:
        return None, ErrorInfo("no_scene", "the code defines no Scene subclass (class X(Scene) with construct())")
    # A file where exactly one scene is not used as a base of another is unambiguous: render the leaf.
    bases = {b for n in tree.body if isinstance(n, ast.ClassDef) for b in map(_base_name, n.bases)}
    leaves = [n for n in names if n not in bases]
    if len(leaves) == 1:
        return leaves[0], None
    return None, ErrorInfo("no_scene", f"the file has several scenes; choose one with --scene: {', '.join(names)}")
