"""The fixer's machinery: source positions, edits with their messages, the rule registry and the runner.

A rule reads the code, proposes edits at exact source positions (from the AST where the code parses, from the
tokenizer for string literals), and is kept only if the result still parses. Comments and layout survive
because the code is never regenerated from the tree. Every change is listed in words with its lines.
"""

from __future__ import annotations

import ast
import inspect
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class FixResult:
    code: str
    fixes: list[str] = field(default_factory=list)


class Fixes:
    """Messages grouped by rule, each with the lines where it applied."""

    def __init__(self) -> None:
        self.lines: dict[str, list[int]] = {}

    def add(self, message: str, line: int | None = None) -> None:
        lines = self.lines.setdefault(message, [])
        if line and line not in lines:
            lines.append(line)

    def merge(self, other: Fixes) -> None:
        for msg, lines in other.lines.items():
            for ln in lines or [None]:
                self.add(msg, ln)

    def messages(self) -> list[str]:
        out = []
        for msg, lines in self.lines.items():
            where = f" (line{'s' if len(lines) > 1 else ''} {', '.join(map(str, sorted(lines)))})" if lines else ""
            out.append(msg + where)
        return out


class Source:
    """Code plus conversions from AST positions (UTF-8 byte columns) to string offsets."""

    def __init__(self, code: str):
        self.code = code
        self.lines = code.splitlines(keepends=True) or [""]
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))

    def offset(self, lineno: int, col: int) -> int:
        line = self.lines[lineno - 1] if lineno <= len(self.lines) else ""
        return self.starts[lineno - 1] + len(line.encode()[:col].decode(errors="ignore"))

    def span(self, node: ast.AST) -> tuple[int, int]:
        return self.offset(node.lineno, node.col_offset), self.offset(node.end_lineno, node.end_col_offset)

    def text(self, node: ast.AST) -> str:
        s, e = self.span(node)
        return self.code[s:e]

    def indent(self, node: ast.AST) -> str:
        line = self.lines[node.lineno - 1]
        return line[:len(line) - len(line.lstrip())]


class Edits:
    """Replacements at string offsets, each with the fix messages that describe it.

    Rules call `replace(...)` and then `add(message, line)` (the Fixes interface), which attaches the message
    to that edit; an edit that overlaps one already applied is dropped with its messages (a later round
    applies it).
    """

    def __init__(self, src: Source):
        self.src, self.items = src, []

    def replace(self, node_or_span, text: str) -> None:
        s, e = node_or_span if isinstance(node_or_span, tuple) else self.src.span(node_or_span)
        self.items.append((s, e, text, []))

    def add(self, message: str, line: int | None = None) -> None:
        if self.items:
            self.items[-1][3].append((message, line))

    def apply(self, fixes: Fixes | None = None) -> str:
        """The code with every edit made; the messages of the edits applied go to `fixes` (when given)."""
        code, last, applied = self.src.code, None, []
        for s, e, text, notes in sorted(self.items, key=lambda t: (t[0], t[1]), reverse=True):
            if last is not None and e > last:
                continue  # overlaps an edit already applied
            code = code[:s] + text + code[e:]
            last = s
            applied += notes
        for message, line in reversed(applied) if fixes is not None else ():
            fixes.add(message, line)
        return code


# --- the registry ---------------------------------------------------------------------------------------------

AstRule = Callable[[ast.Module, Source, Edits], None]  # proposes edits on parsed code
TextRule = Callable[[str, Fixes], str]  # rewrites the text itself: works on code that does not parse


@dataclass(frozen=True)
class Rule:
    """One registered fix: its name (also the name of its fixture, tests/fixtures/fixer/<name>.py) and function."""

    name: str
    fn: Callable
    on_text: bool  # a TextRule, run once before the AST rules

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.fn) or ""


RULES: list[Rule] = []  # in the order they run (the order their modules are imported, then definition order)


def _register(fn: Callable, on_text: bool) -> Callable:
    if any(r.name == fn.__name__ for r in RULES):
        raise ValueError(f"fixer rule {fn.__name__} is registered twice")
    RULES.append(Rule(fn.__name__, fn, on_text))
    return fn


def rule(fn: AstRule) -> AstRule:
    """Register an AST rule: `fn(tree, src, edits)` calls `edits.replace(...)` then `edits.add(message, line)`."""
    return _register(fn, on_text=False)


def text_rule(fn: TextRule) -> TextRule:
    """Register a text rule: `fn(code, fixes)` returns the new code (runs even when the code does not parse)."""
    return _register(fn, on_text=True)


# --- running rules --------------------------------------------------------------------------------------------

def parse(code: str) -> ast.Module | None:
    """The code's tree, or None when it does not parse (warnings about odd escapes silenced)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _apply_ast(fn: AstRule, tree: ast.Module, src: Source, fixes: Fixes) -> str:
    """One AST rule on parsed code; its edits are kept only if the result parses."""
    mine, edits = Fixes(), Edits(src)
    try:
        fn(tree, src, edits)
        new = edits.apply(mine) if edits.items else src.code
    except Exception:  # noqa: BLE001 - a bug in one rule must never stop a scene from being tried
        return src.code
    if new == src.code or parse(new) is None:
        return src.code
    fixes.merge(mine)
    return new


def _apply_text(fn: TextRule, code: str, fixes: Fixes) -> str:
    try:
        return fn(code, fixes)
    except Exception:  # noqa: BLE001 - as in _apply_ast
        return code


def run_rule(r: Rule, code: str) -> FixResult:
    """`code` after the one rule `r` alone (one round), with its messages."""
    fixes = Fixes()
    if r.on_text:
        code = _apply_text(r.fn, code, fixes)
    elif (tree := parse(code)) is not None:
        code = _apply_ast(r.fn, tree, Source(code), fixes)
    return FixResult(code, fixes.messages())


def _round(code: str, fixes: Fixes, skip: frozenset[str]) -> str:
    """Every AST rule once, in order, each on the code the previous one left (parsed again only when changed)."""
    tree = parse(code)
    src = Source(code)
    for r in RULES:
        if tree is None:
            return code
        if r.on_text or r.name in skip:
            continue
        new = _apply_ast(r.fn, tree, src, fixes)
        if new != code:
            code, tree, src = new, parse(new), Source(new)
    return code


def fix(code: str, skip: frozenset[str] = frozenset()) -> FixResult:
    """Return the fixed code and a human-readable list of what was changed. `skip`: names of rules not to run
    (a scene's own helper module is no scene: local_modules.MODULE_SKIP)."""
    fixes = Fixes()
    code = code.replace("\r\n", "\n").replace("\t", "    ")
    for r in RULES:
        if r.on_text and r.name not in skip:
            code = _apply_text(r.fn, code, fixes)
    for _ in range(3):  # edits that overlapped another one are applied in the next round
        before = code
        code = _round(code, fixes, skip)
        if code == before:
            break
    if fixes.lines:
        code = re.sub(r"\n{3,}(?=\n*\Z)", "\n", code.rstrip("\n") + "\n")  # a removed block leaves blank lines
    return FixResult(code, fixes.messages())
