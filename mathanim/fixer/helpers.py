"""Small AST and source helpers the rules share, and the keyword arguments manim's classes accept."""

from __future__ import annotations

import ast
import inspect
import re
import warnings
from collections.abc import Callable
from functools import cache, lru_cache, wraps

from ..guard import bound_names
from .core import Edits, Source, rule


def call_name(call: ast.Call) -> str | None:
    """The called name: `f` of f(...), `m` of obj.m(...)."""
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


@lru_cache(maxsize=4)  # every rule of a round asks for the same tree's names; trees hash by identity
def defined_names(tree: ast.Module) -> frozenset[str]:
    """Names the file binds itself (assignments, defs, imports, parameters, loop variables)."""
    return frozenset(bound_names(tree, imports=True))


def calls(tree: ast.Module) -> list[ast.Call]:
    """Every call in the tree."""
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call)]


def manim_calls(tree: ast.Module) -> list[tuple[ast.Call, str | None]]:
    """(call, name) for the calls that are not of the file's own functions or methods (a GraphScene stand-in's
    self.get_graph is not manim's)."""
    defined = defined_names(tree)
    return [(c, name) for c in calls(tree) if (name := call_name(c)) not in defined]


def str_literal(value: str) -> str:
    """Source text for a string value, raw when it has backslashes."""
    simple = '"' not in value and "\n" not in value
    if "\\" in value and simple and not value.endswith("\\"):
        return f'r"{value}"'
    return f'"{value}"' if simple and "\\" not in value else repr(value)


def kw(call: ast.Call, name: str) -> ast.keyword | None:
    """The call's keyword argument `name`, if given."""
    return next((k for k in call.keywords if k.arg == name), None)


def keywords(src: Source, call: ast.Call, skip: tuple = (None,)) -> list[tuple[str, str]]:
    """(name, source text) of the call's named keyword arguments, except those named in `skip`."""
    return [(k.arg, src.text(k.value)) for k in call.keywords if k.arg and k.arg not in skip]


def rebuild_call(src: Source, call: ast.Call, func: str, args: list[str], kwargs: list[tuple[str, str]]) -> str:
    """Source text of a call of `func` with these arguments, keeping the original call's **kwargs."""
    parts = args + [f"{k}={v}" for k, v in kwargs]
    parts += [f"**{src.text(k.value)}" for k in call.keywords if k.arg is None]
    return f"{func}({', '.join(parts)})"


def with_kwargs(src: Source, call: ast.Call, kwargs: list[tuple[str, str]]) -> str:
    """The call with the same function and positional arguments and these keyword arguments."""
    return rebuild_call(src, call, src.text(call.func), [src.text(a) for a in call.args], kwargs)


def is_self_call(call: ast.Call, names: set[str]) -> bool:
    """A call `self.<name>(...)` with <name> one of `names`."""
    f = call.func
    return isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "self" and f.attr in names


def nonpositive(node: ast.AST) -> bool:
    """A literal number that is zero or less."""
    try:
        value = ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return False
    return isinstance(value, (int, float)) and value <= 0


@cache
def mobject_kwargs(name: str) -> frozenset[str] | None:
    """The keyword arguments manim's mobject class `name` accepts (None: not a mobject, or it takes anything).

    Read from the installed manim's __init__ signatures along the MRO, plus names popped from **kwargs.
    manim is imported here, lazily, only to read signatures (importing it costs about a second; most fixes
    never need it); no scene code runs in this process.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pydub's audioop deprecation and the like
            import manim
    except Exception:  # noqa: BLE001 - without manim this fix is skipped
        return None
    cls = getattr(manim, name, None)
    if not (isinstance(cls, type) and issubclass(cls, manim.Mobject)):
        return None
    accepted: set[str] = set()
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        params = inspect.signature(init).parameters.values()
        accepted |= {p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
        try:
            accepted |= _popped(inspect.getsource(init))  # e.g. Text pops text2color from **kwargs
        except (OSError, TypeError):
            pass
        if not any(p.kind == p.VAR_KEYWORD for p in params):
            return frozenset(accepted)
    return None


def _popped(source: str) -> set[str]:
    return {a or b for a, b in re.findall(r"kwargs(?:\.pop|\.get)\(\s*[\"'](\w+)|kwargs\[[\"'](\w+)", source)}


def call_rule(fn: Callable[[ast.Call, str | None, Source, Edits], None]) -> Callable:
    """Register `fn(call, name, src, edits)` as a rule run on every call of manim's API (the file's own functions
    and methods are left alone). Returns `fn` itself; the registry holds the loop, under fn's name and docstring."""
    @wraps(fn)
    def each_call(tree: ast.Module, src: Source, edits: Edits) -> None:
        for call, name in manim_calls(tree):
            fn(call, name, src, edits)

    rule(each_call)
    return fn


def is_config_dict(stmt: ast.stmt) -> bool:
    """`CONFIG = {...}`: ManimGL's class configuration, which CE ignores."""
    return isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
        and stmt.targets[0].id == "CONFIG" and isinstance(stmt.value, ast.Dict)


def identifier_keys(d: ast.Dict) -> bool:
    """Every key of the dict is a string that can be an attribute name."""
    return all(isinstance(k, ast.Constant) and isinstance(k.value, str) and k.value.isidentifier() for k in d.keys)
