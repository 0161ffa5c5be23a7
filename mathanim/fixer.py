"""Static fixes for the mistakes models make most in Manim CE 0.22 scenes, applied before any render.

Each pass reads the code, proposes edits at exact source positions (from the AST where the code parses, from
the tokenizer for string literals), and is kept only if the result still parses. Comments and layout survive
because the code is never regenerated from the tree. Every change is listed in words with its lines.
"""

from __future__ import annotations

import ast
import inspect
import io
import re
import tokenize
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from .guard import bound_names

# --- tables --------------------------------------------------------------------------------------------------

RENAMES = {  # ManimGL / old CE names -> CE 0.22 names (plain renames; calls needing new arguments are below)
    "ShowCreation": "Create", "TexMobject": "MathTex", "TexText": "Tex", "OldTex": "MathTex",
    "OldTexText": "Tex", "ParametricSurface": "Surface", "CircleIndicate": "Circumscribe",
    "ShowCreationThenDestruction": "ShowPassingFlash", "ShowCreationThenFadeOut": "ShowPassingFlash",
    "ShowCreationThenDestructionAround": "Circumscribe", "ShowCreationThenFadeAround": "Circumscribe",
    "WiggleOutThenIn": "Wiggle", "ShowSubmobjectsOneByOne": "ShowSubmobjectsOneByOne",
}
METHOD_RENAMES = {
    "get_graph": "plot", "add_coordinate_labels": "add_coordinates", "scale_in_place": "scale",
    "get_area_under_graph": "get_area", "set_camera_position": "set_camera_orientation",
}
FADE_CALLS = {  # name -> (new animation, default direction expression, shift sign)
    "FadeInFromDown": ("FadeIn", "DOWN", -1), "FadeInFromUp": ("FadeIn", "UP", -1),
    "FadeInFrom": ("FadeIn", "DOWN", -1), "FadeInFromLeft": ("FadeIn", "LEFT", -1),
    "FadeInFromRight": ("FadeIn", "RIGHT", -1), "FadeOutAndShift": ("FadeOut", "DOWN", 1),
    "FadeOutAndShiftDown": ("FadeOut", "DOWN", 1), "FadeOutAndShiftUp": ("FadeOut", "UP", 1),
}
OPPOSITE = {"UP": "DOWN", "DOWN": "UP", "LEFT": "RIGHT", "RIGHT": "LEFT", "UL": "DR", "DR": "UL", "UR": "DL",
            "DL": "UR", "IN": "OUT", "OUT": "IN"}
DIRECTIONS = set(OPPOSITE) | {"ORIGIN"}
COLORS = {  # colour names manim lacks -> hex
    "BROWN": "#8B4513", "DARK_BROWN": "#5C3317", "LIGHT_BROWN": "#CD853F", "CYAN": "#00FFFF",
    "MAGENTA": "#FF00FF", "LIME": "#32CD32", "OLIVE": "#808000", "LAVENDER": "#B57EDC", "NAVY": "#000080",
    "INDIGO": "#4B0082", "VIOLET": "#8F00FF", "CRIMSON": "#DC143C", "SILVER": "#C0C0C0", "BEIGE": "#F5F5DC",
    "TURQUOISE": "#40E0D0", "AQUA": "#00FFFF", "FUCHSIA": "#FF00FF", "SKY_BLUE": "#87CEEB",
    "DARK_GREEN": "#006400", "LIGHT_GREEN": "#90EE90", "DARK_RED": "#8B0000", "LIGHT_BLUE": "#ADD8E6",
    "DARK_ORANGE": "#FF8C00", "LIGHT_YELLOW": "#FFFFE0", "CORAL": "#FF7F50", "SALMON": "#FA8072",
}
BARE_MATH = {"sin", "cos", "tan", "exp", "sqrt", "log", "log10", "log2", "arcsin", "arccos", "arctan",
             "arctan2", "sinh", "cosh", "tanh", "floor", "ceil", "abs_", "radians", "degrees", "hypot"}
THREE_D_METHODS = {"set_camera_orientation", "move_camera", "begin_ambient_camera_rotation",
                   "stop_ambient_camera_rotation", "add_fixed_in_frame_mobjects", "add_fixed_orientation_mobjects",
                   "set_to_default_angled_camera_orientation", "begin_3dillusion_camera_rotation"}
RANGE_KWARGS = [("x_min", "x_max", "x_step", "x_range"), ("y_min", "y_max", "y_step", "y_range"),
                ("t_min", "t_max", "step_size", "t_range"), ("u_min", "u_max", None, "u_range"),
                ("v_min", "v_max", None, "v_range")]
CODE_KWARGS = {"code": "code_string", "file_name": "code_file", "style": "formatter_style",
               "insert_line_no": "add_line_numbers", "line_no_from": "line_numbers_from"}
CODE_KEEP = {"code_file", "code_string", "language", "formatter_style", "tab_width", "add_line_numbers",
             "line_numbers_from", "background", "background_config", "paragraph_config"}
DROP_KWARGS = {  # keyword arguments CE 0.22 rejects, by constructor
    "Arrow": {"max_tip_length", "tip_width"}, "Vector": {"max_tip_length"}, "DoubleArrow": {"max_tip_length"},
    "Axes": {"center_point", "x_axis_width", "y_axis_height", "graph_origin"},
}
KWARG_RENAMES = {("Square", "side"): "side_length", ("Dot", "size"): "radius", ("Circle", "r"): "radius",
                 ("Dot", "r"): "radius", ("RegularPolygon", "sides"): "n", ("Axes", "number_line_config"): "axis_config"}
MATH_ENV = re.compile(r"\\begin\{(align|equation|gather|displaymath|eqnarray)\*?\}|\\end\{(align|equation|gather|"
                      r"displaymath|eqnarray)\*?\}|^\s*\\\[|\\\]\s*$")
POINT_METHODS = {"move_to", "shift", "next_to", "set_points_as_corners", "add_line_to", "start_new_path",
                 "put_start_and_end_on", "point_from_proportion_to", "get_arc_center_to"}
POINT_CLASSES = {"Dot", "Line", "DashedLine", "Arrow", "DoubleArrow", "Polygon", "Polyline", "Dot3D",
                 "Elbow", "CurvedArrow", "CurvedDoubleArrow", "ArcBetweenPoints", "BraceBetweenPoints",
                 "TangentLine"}
POINT_KWARGS = {"point", "start", "end", "arc_center", "about_point", "target_position", "center"}
LATEX_WORDS = set("""frac dfrac tfrac sqrt int iint oint sum prod lim infty alpha beta gamma delta epsilon
varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi rho sigma tau upsilon phi varphi chi psi omega
Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega cdot cdots ldots dots times div pm mp leq geq neq le ge ne
approx equiv sim propto partial nabla vec hat bar tilde dot ddot overline underline overrightarrow underbrace
overbrace text textbf textit mathrm mathbf mathbb mathcal mathit operatorname left right big Big bigg quad
qquad sin cos tan cot sec csc log ln exp arcsin arccos arctan sinh cosh tanh det min max arg forall exists in
notin subset subseteq cup cap emptyset to rightarrow leftarrow Rightarrow Leftrightarrow mapsto implies iff
begin end matrix pmatrix bmatrix vmatrix cases align binom choose displaystyle boxed circ angle triangle
perp parallel degree prime hbar ell Re Im star ast oplus otimes wedge vee neg lfloor rfloor lceil rceil
langle rangle vert Vert mid not cong simeq ll gg uparrow downarrow""".split())
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
MATHY = re.compile(r"[\^_]|\\(" + "|".join(sorted(LATEX_WORDS - {"text", "textbf", "textit"}, key=len,
                                                   reverse=True)) + r")(?![a-zA-Z])")


# --- infrastructure ------------------------------------------------------------------------------------------

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
        self.arrow3d: set[str] = set()  # names bound to Arrow3D(...) calls, filled by the calls pass
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

    Passes call `replace(...)` and then `add(message, line)` (the Fixes interface), which attaches the message
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


Pass = Callable[[ast.Module, Source, Edits, Fixes], None]


def _parses(code: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(code)
        return True
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False


def _run_pass(code: str, fn: Pass, fixes: Fixes) -> str:
    """Apply one AST pass; keep it only if the result parses."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return code
    src, mine = Source(code), Fixes()
    edits = Edits(src)
    try:
        fn(tree, src, edits, edits)
        new = edits.apply(mine) if edits.items else code
    except Exception:  # noqa: BLE001 - a bug in one fix must never stop a scene from being tried
        return code
    if new == code or not _parses(new):
        return code
    fixes.merge(mine)
    return new


def fix(code: str) -> FixResult:
    """Return the fixed code and a human-readable list of what was changed."""
    fixes = Fixes()
    code = code.replace("\r\n", "\n").replace("\t", "    ")
    code = _imports(code, fixes)
    try:
        code = _raw_latex_strings(code, fixes)
    except Exception:  # noqa: BLE001 - as in _run_pass
        pass
    for _ in range(3):  # edits that overlapped another one are applied in the next round
        before = code
        for fn in PASSES:
            code = _run_pass(code, fn, fixes)
        if code == before:
            break
    if fixes.lines:
        code = re.sub(r"\n{3,}(?=\n*\Z)", "\n", code.rstrip("\n") + "\n")  # a removed block leaves blank lines
    return FixResult(code, fixes.messages())


# --- text-level passes (work even when the code does not parse) ----------------------------------------------

GL_IMPORT = re.compile(r"^(from\s+(manimlib(\.\w+)*|big_ol_pile_of_manim_imports|manim_imports_ext)\s+import\s+\*"
                       r"|import\s+manimlib\b.*)$", re.M)


def _imports(code: str, fixes: Fixes) -> str:
    """ManimGL imports become `from manim import *`; a missing manim import is added."""
    if GL_IMPORT.search(code):
        line = code[:GL_IMPORT.search(code).start()].count("\n") + 1
        code = GL_IMPORT.sub("from manim import *", code, count=1)
        code = GL_IMPORT.sub("", code)
        fixes.add("replaced the ManimGL import with 'from manim import *'", line)
    if not re.search(r"^\s*(from\s+manim\s+import\s+\*|import\s+manim\b)", code, re.M):
        m = re.search(r"^from\s+__future__\s+import[^\n]*\n", code, re.M)
        at = m.end() if m else 0
        code = code[:at] + "from manim import *\n" + ("" if code[at:].startswith("\n") else "\n") + code[at:]
        fixes.add("added the missing 'from manim import *'")
    return code


def _string_tokens(code: str) -> list[tokenize.TokenInfo]:
    """The string tokens up to the first tokenizer error (a reply cut off mid-call still has its strings)."""
    out = []
    try:
        for t in tokenize.generate_tokens(io.StringIO(code).readline):
            if t.type == tokenize.STRING:
                out.append(t)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return out


def _raw_latex_strings(code: str, fixes: Fixes) -> str:
    """Non-raw string literals holding LaTeX ("\\frac" is a form feed + "rac") become raw strings."""
    src = Source(code)
    edits = Edits(src)
    for tok in _string_tokens(code):
        new = _raw_version(tok.string)
        if new:
            s = src.starts[tok.start[0] - 1] + tok.start[1]
            e = src.starts[tok.end[0] - 1] + tok.end[1]
            edits.replace((s, e), new)
            edits.add("made LaTeX strings raw (r\"...\") so backslashes such as \\frac, \\theta, \\nabla survive",
                      tok.start[0])
    return edits.apply(fixes) if edits.items else code


def _raw_version(token: str) -> str | None:
    """The raw-string form of a LaTeX-looking literal whose meaning the escapes change, else None."""
    m = re.match(r"([A-Za-z]*)('''|\"\"\"|'|\")", token)
    prefix, quote = m.group(1), m.group(2)
    if "r" in prefix.lower() or "b" in prefix.lower() or "\\" not in token:
        return None
    body = token[len(prefix) + len(quote):-len(quote)]
    words = re.findall(r"(?<!\\)(?:\\\\)*\\([a-zA-Z]+)", body)
    if not any(w in LATEX_WORDS for w in words) and not (words and re.search(r"[{}^_]", body)):
        return None
    if re.search(r"(?<!\\)(?:\\\\)*\\['\"\n]", body):
        return None  # escaped quotes or line continuations: the raw form would mean something else
    intended = body.replace("\\\\", "\\")
    if intended.endswith("\\"):
        return None
    new = prefix + "r" + quote + intended + quote
    invalid = re.search(r"(?<!\\)(?:\\\\)*\\[^\\'\"abfnrtv0-7xNuU\n]", body)  # e.g. \c: works today, warns
    if "f" not in prefix.lower() and not invalid:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if ast.literal_eval(token) == intended:
                    return None  # the escapes were right already
        except (SyntaxError, ValueError):
            pass  # e.g. "\underline" is a broken \u escape: the raw form is the fix
    return new if _parses(new) else None


# --- AST helpers ---------------------------------------------------------------------------------------------

def _call_name(call: ast.Call) -> str | None:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def _defined_names(tree: ast.Module) -> set[str]:
    """Names the file binds itself (assignments, defs, imports, parameters, loop variables)."""
    return bound_names(tree, imports=True)


def str_literal(value: str) -> str:
    """Source text for a string value, raw when it has backslashes."""
    simple = '"' not in value and "\n" not in value
    if "\\" in value and simple and not value.endswith("\\"):
        return f'r"{value}"'
    return f'"{value}"' if simple and "\\" not in value else repr(value)


def _kw(call: ast.Call, name: str) -> ast.keyword | None:
    return next((k for k in call.keywords if k.arg == name), None)


def _rebuild_call(src: Source, call: ast.Call, func: str, args: list[str], kwargs: list[tuple[str, str]]) -> str:
    parts = args + [f"{k}={v}" for k, v in kwargs]
    parts += [f"**{src.text(k.value)}" for k in call.keywords if k.arg is None]
    return f"{func}({', '.join(parts)})"


def _is_self_call(call: ast.Call, names: set[str]) -> bool:
    f = call.func
    return isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "self" and f.attr in names


# --- AST passes ----------------------------------------------------------------------------------------------

def _names(tree: ast.Module, src: Source, edits: Edits, fixes: Fixes) -> None:
    """Renamed classes and methods, colours manim lacks, bare math functions."""
    defined = _defined_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in defined:
            _name_fix(node, edits, fixes)
        elif isinstance(node, ast.Attribute) and node.attr in METHOD_RENAMES and node.attr not in defined:
            s, e = src.span(node)
            new = METHOD_RENAMES[node.attr]
            edits.replace((e - len(node.attr), e), new)
            fixes.add(f"renamed .{node.attr}() to .{new}() (older/ManimGL API)", node.lineno)


def _name_fix(node: ast.Name, edits: Edits, fixes: Fixes) -> None:
    if node.id in RENAMES and RENAMES[node.id] != node.id:
        edits.replace(node, RENAMES[node.id])
        fixes.add(f"renamed {node.id} to {RENAMES[node.id]} (ManimGL/older name)", node.lineno)
    elif node.id in COLORS:
        edits.replace(node, f'ManimColor("{COLORS[node.id]}")')
        fixes.add(f"manim has no colour {node.id}: used the hex colour {COLORS[node.id]}", node.lineno)
    elif node.id in BARE_MATH:
        edits.replace(node, f"np.{node.id}")
        fixes.add(f"bare {node.id}() is not defined: used np.{node.id}", node.lineno)
    elif node.id == "pi":
        edits.replace(node, "PI")
        fixes.add("bare pi is not defined: used PI", node.lineno)
    elif node.id == "get_norm":
        edits.replace(node, "np.linalg.norm")
        fixes.add("ManimGL get_norm() is np.linalg.norm() in CE", node.lineno)
    elif re.fullmatch(r"ease_(in|out|in_out)_(sine|quad|cubic|quart|quint|expo|circ|back|elastic|bounce)", node.id):
        edits.replace(node, f"rate_functions.{node.id}")
        fixes.add(f"{node.id} is only in manim's rate_functions module: used rate_functions.{node.id}", node.lineno)


def _calls(tree: ast.Module, src: Source, edits: Edits, fixes: Fixes) -> None:
    """Calls whose arguments changed: TextMobject, FadeInFrom…, Code, *_min/*_max ranges, waits of 0 s."""
    defined = _defined_names(tree)
    src.arrow3d = {t.id for n in ast.walk(tree) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call)
                            and _call_name(n.value) == "Arrow3D" for t in n.targets if isinstance(t, ast.Name)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if name in defined:  # the file's own function or method (self.get_graph of a GraphScene stand-in)
            continue
        for handler in CALL_FIXES:
            if handler(node, name, src, edits, fixes):
                break


def _fix_textmobject(call, name, src, edits, fixes) -> bool:
    if name != "TextMobject" or not isinstance(call.func, ast.Name):
        return False
    plain = len(call.args) == 1 and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str) \
        and not re.search(r"[$\\^_{}%&#]", call.args[0].value)
    new = "Text" if plain else "Tex"
    edits.replace(call.func, new)
    fixes.add(f"TextMobject (ManimGL) is {new} in CE", call.lineno)
    return True


def _fix_fade(call, name, src, edits, fixes) -> bool:
    if name not in FADE_CALLS or not isinstance(call.func, ast.Name) or not call.args:
        return False
    anim, default, sign = FADE_CALLS[name]
    dkw = _kw(call, "direction")
    dnode = call.args[1] if len(call.args) > 1 else dkw.value if dkw else None
    dtext = src.text(dnode) if dnode is not None and name in ("FadeInFrom", "FadeOutAndShift") else default
    shift = dtext if sign > 0 else OPPOSITE.get(dtext, f"-({dtext})")
    kwargs = [(k.arg, src.text(k.value)) for k in call.keywords if k.arg not in (None, "direction")]
    edits.replace(call, _rebuild_call(src, call, anim, [src.text(call.args[0])], [("shift", shift), *kwargs]))
    fixes.add(f"{name} (ManimGL) is {anim}(mobject, shift={shift}) in CE", call.lineno)
    return True


def _fix_fade_positional(call, name, src, edits, fixes) -> bool:
    """FadeIn(mob, UP) passes UP as a second mobject in CE: make it shift=UP."""
    if name not in ("FadeIn", "FadeOut") or len(call.args) != 2 or _kw(call, "shift"):
        return False
    arg = call.args[1]
    names = {n.id for n in ast.walk(arg) if isinstance(n, ast.Name)}
    if not names or not names <= DIRECTIONS:
        return False
    kwargs = [(k.arg, src.text(k.value)) for k in call.keywords if k.arg]
    edits.replace(call, _rebuild_call(src, call, src.text(call.func), [src.text(call.args[0])],
                                      [("shift", src.text(arg)), *kwargs]))
    fixes.add(f"{name}(mobject, direction) is {name}(mobject, shift=direction) in CE", call.lineno)
    return True


def _fix_code(call, name, src, edits, fixes) -> bool:
    if name != "Code" or not call.keywords:
        return False
    kwargs, changed = [], []
    for k in call.keywords:
        if k.arg is None:
            continue
        new = CODE_KWARGS.get(k.arg, k.arg)
        if new not in CODE_KEEP:
            changed.append(f"dropped {k.arg}=")
            continue
        if new != k.arg:
            changed.append(f"{k.arg}= is {new}=")
        kwargs.append((new, src.text(k.value)))
    if not changed:
        return False
    edits.replace(call, _rebuild_call(src, call, src.text(call.func), [src.text(a) for a in call.args], kwargs))
    fixes.add(f"Code() changed in CE 0.19+: {', '.join(changed)}", call.lineno)
    return True


def _fix_ranges(call, name, src, edits, fixes) -> bool:
    """x_min=/x_max= (and y_, t_, u_, v_) keyword pairs become x_range=[min, max(, step)]."""
    present = {k.arg: k for k in call.keywords if k.arg}
    groups = [g for g in RANGE_KWARGS if g[0] in present or g[1] in present]
    drops = DROP_KWARGS.get(name or "", set()) & set(present)
    if not groups and not drops:
        return False
    used = {k for g in groups for k in g[:3] if k} | drops
    kwargs = [(k.arg, src.text(k.value)) for k in call.keywords if k.arg and k.arg not in used]
    for lo, hi, step, target in groups:
        vals = [src.text(present[lo].value) if lo in present else "-5", src.text(present[hi].value) if hi in present
                else "5"]
        if step and step in present:
            vals.append(src.text(present[step].value))
        kwargs.append((target, f"[{', '.join(vals)}]"))
    edits.replace(call, _rebuild_call(src, call, src.text(call.func), [src.text(a) for a in call.args], kwargs))
    for lo, hi, _, target in groups:
        fixes.add(f"{lo}=/{hi}= are {target}=[min, max] in CE", call.lineno)
    for d in sorted(drops):
        fixes.add(f"{name}() does not accept {d}= in CE 0.22: dropped it", call.lineno)
    return True


def _fix_zero_time(call, name, src, edits, fixes) -> bool:
    """self.wait(0) and run_time=0 fail in CE 0.22 (duration must be positive)."""
    done = False
    if name == "wait" and call.args and _nonpositive(call.args[0]):
        edits.replace(call.args[0], "0.1")
        fixes.add("self.wait(0) fails in CE 0.22: waits 0.1 s instead", call.lineno)
        done = True
    rt = _kw(call, "run_time")
    if rt is not None and _nonpositive(rt.value):
        edits.replace(rt.value, "0.1")
        fixes.add("run_time=0 fails in CE 0.22: uses 0.1 s instead", call.lineno)
        done = True
    return done


def _nonpositive(node: ast.AST) -> bool:
    try:
        value = ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return False
    return isinstance(value, (int, float)) and value <= 0


def _fix_parts_by_tex(call, name, src, edits, fixes) -> bool:
    """get_parts_by_tex is gone in 0.22 and get_part_by_tex may return None: select the matching parts."""
    if name not in ("get_parts_by_tex", "get_part_by_tex") or not isinstance(call.func, ast.Attribute) \
            or len(call.args) != 1:
        return False
    obj = call.func.value
    if not isinstance(obj, (ast.Name, ast.Attribute, ast.Subscript)):
        return False
    o, t = src.text(obj), src.text(call.args[0])
    edits.replace(call, f"VGroup(*[{o}.id_to_vgroup_dict[i] for s, i in {o}.matched_strings_and_ids if s == {t}])")
    fixes.add(f"{name}() is gone or may return None in CE 0.22: selected the matching parts directly", call.lineno)
    return True


def _fix_backstroke(call, name, src, edits, fixes) -> bool:
    if name != "set_backstroke" or not isinstance(call.func, ast.Attribute):
        return False
    args = [src.text(a) for a in call.args] or ([] if _kw(call, "color") else ["BLACK"])
    kwargs = [(k.arg, src.text(k.value)) for k in call.keywords if k.arg] + [("background", "True")]
    edits.replace(call, _rebuild_call(src, call, f"{src.text(call.func.value)}.set_stroke", args, kwargs))
    fixes.add("set_backstroke() (ManimGL) is set_stroke(..., background=True) in CE", call.lineno)
    return True


def _fix_axis_labels(call, name, src, edits, fixes) -> bool:
    if name != "get_axis_labels" or not any(k.arg in ("x_label_tex", "y_label_tex") for k in call.keywords):
        return False
    kwargs = [(k.arg.replace("_tex", ""), src.text(k.value)) for k in call.keywords if k.arg]
    edits.replace(call, _rebuild_call(src, call, src.text(call.func), [src.text(a) for a in call.args], kwargs))
    fixes.add("get_axis_labels(x_label_tex=…) is get_axis_labels(x_label=…) in CE", call.lineno)
    return True


def _fix_v_line(call, name, src, edits, fixes) -> bool:
    if name not in ("get_v_line_to_graph", "get_vertical_line_to_graph") or len(call.args) != 2 \
            or not isinstance(call.func, ast.Attribute):
        return False
    ax = src.text(call.func.value)
    kwargs = [(k.arg, src.text(k.value)) for k in call.keywords if k.arg]
    inner = f"{ax}.i2gp({src.text(call.args[0])}, {src.text(call.args[1])})"
    edits.replace(call, _rebuild_call(src, call, f"{ax}.get_vertical_line", [inner], kwargs))
    fixes.add(f"{name}() is get_vertical_line(axes.i2gp(x, graph)) in CE", call.lineno)
    return True


def _fix_play_move_camera(call, name, src, edits, fixes) -> bool:
    """self.play(self.move_camera(...)) runs move_camera as an animation call: call it directly."""
    if name != "play" or len(call.args) != 1 or not isinstance(call.args[0], ast.Call):
        return False
    inner = call.args[0]
    if not _is_self_call(inner, {"move_camera"}):
        return False
    kwargs = [(k.arg, src.text(k.value)) for k in inner.keywords + call.keywords if k.arg]
    edits.replace(call, _rebuild_call(src, inner, src.text(inner.func), [src.text(a) for a in inner.args], kwargs))
    fixes.add("self.play(self.move_camera(...)) is self.move_camera(...) in CE", call.lineno)
    return True


def _fix_color_list(call, name, src, edits, fixes) -> bool:
    """color=[A, B] is not a colour: colour by gradient instead."""
    kw = _kw(call, "color")
    if kw is None or not isinstance(kw.value, (ast.List, ast.Tuple)) or len(kw.value.elts) < 2:
        return False
    if not isinstance(call.func, ast.Name) or mobject_kwargs(call.func.id) is None:
        return False  # e.g. axes.get_area(color=[A, B]) takes a gradient list
    kwargs = [(k.arg, src.text(k.value)) for k in call.keywords if k.arg and k is not kw]
    colors = ", ".join(src.text(e) for e in kw.value.elts)
    new = _rebuild_call(src, call, src.text(call.func), [src.text(a) for a in call.args], kwargs)
    edits.replace(call, f"{new}.set_color_by_gradient({colors})")
    fixes.add("color=[…] takes one colour: used .set_color_by_gradient(…) for the list", call.lineno)
    return True


def _fix_grow_arrow_3d(call, name, src, edits, fixes) -> bool:
    """GrowArrow cannot scale an Arrow3D's tip: Create it instead."""
    if name != "GrowArrow" or not call.args or not isinstance(call.func, ast.Name):
        return False
    arg = call.args[0]
    if not (isinstance(arg, ast.Call) and _call_name(arg) == "Arrow3D"
            or isinstance(arg, ast.Name) and arg.id in src.arrow3d):
        return False
    edits.replace(call.func, "Create")
    fixes.add("GrowArrow does not work on Arrow3D: used Create", call.lineno)
    return True


def _fix_euler(call, name, src, edits, fixes) -> bool:
    """self.camera.set_euler_angles(...) (older API) -> self.set_camera_orientation(...)."""
    f = call.func
    if name != "set_euler_angles" or not (isinstance(f, ast.Attribute) and src.text(f.value) == "self.camera"):
        return False
    edits.replace(f, "self.set_camera_orientation")
    fixes.add("self.camera.set_euler_angles() is self.set_camera_orientation() in CE", call.lineno)
    return True


CALL_FIXES = [_fix_textmobject, _fix_fade, _fix_fade_positional, _fix_code, _fix_ranges, _fix_parts_by_tex,
              _fix_backstroke, _fix_axis_labels, _fix_v_line, _fix_play_move_camera, _fix_color_list,
              _fix_grow_arrow_3d, _fix_euler]


def _zero_times(tree: ast.Module, src: Source, edits: Edits, fixes: Fixes) -> None:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            _fix_zero_time(node, _call_name(node), src, edits, fixes)


def _tex_strings(tree: ast.Module, src: Source, edits: Edits, fixes: Fixes) -> None:
    """Tex/MathTex arguments: escape % & #, drop $ inside MathTex, math in Tex -> MathTex, CJK in MathTex -> Text."""
    defined = _defined_names(tree)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)) or node.func.id in defined:
            continue
        strs = [a for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        if node.func.id == "Tex" and strs:
            _fix_tex_call(node, strs, src, edits, fixes)
        elif node.func.id == "MathTex" and strs:
            _fix_mathtex_call(node, strs, src, edits, fixes)


def _escape(value: str, chars: str) -> str:
    return re.sub(r"(?<!\\)([" + re.escape(chars) + "])", r"\\\1", value)


def _cjk_as_text(call, strs, joined, markup, why, edits, fixes) -> bool:
    """A lone Chinese string with no TeX `markup` in it becomes Text (TeX would need extra packages); True if so."""
    if CJK.search(joined) and len(strs) == 1 == len(call.args) and not re.search(markup, joined):
        edits.replace(call.func, "Text")
        fixes.add(f"{why}: used Text", call.lineno)
        return True
    return False


def _fix_tex_call(call, strs, src, edits, fixes) -> None:
    joined = "".join(s.value for s in strs)
    if _cjk_as_text(call, strs, joined, r"[\\$^_{}]", "Tex cannot typeset Chinese text without extra LaTeX packages",
                    edits, fixes):
        return
    if "$" not in joined and len(strs) == 1 and _is_prose(joined) and re.search(r"[\^_]", joined):
        new = _escape(re.sub(r"\S*[\^_]\S*", lambda m: f"${m.group(0)}$", joined), "%&#")
        edits.replace(strs[0], str_literal(new))
        fixes.add("Tex is text mode: put sub/superscripts in $…$", call.lineno)
        return
    if "$" not in joined and MATHY.search(joined) and len(strs) == len(call.args):
        edits.replace(call.func, "MathTex")
        fixes.add("Tex is text mode in CE: formulas without $…$ go in MathTex", call.lineno)
        _fix_mathtex_call(call, strs, src, edits, fixes)
        return
    for s in strs:
        new = _escape(s.value, "%&#")
        if new != s.value:
            edits.replace(s, str_literal(new))
            fixes.add("escaped %, & and # in Tex (LaTeX special characters)", s.lineno)


def _is_prose(text: str) -> bool:
    """Two or more plain words of three letters or more: text, not a formula."""
    return len(re.findall(r"(?<![\\\w])[A-Za-z]{3,}(?![\w{])", text)) >= 2


def _fix_mathtex_call(call, strs, src, edits, fixes) -> None:
    joined = "".join(s.value for s in strs)
    if _cjk_as_text(call, strs, joined, r"[\\^_{}]", "MathTex cannot typeset Chinese text", edits, fixes):
        return
    for s in strs:
        new = _escape(s.value.replace("$", "") if "\\$" not in s.value else s.value, "%#")
        new = MATH_ENV.sub("", new).strip() if MATH_ENV.search(new) else new
        if new != s.value:
            edits.replace(s, str_literal(new))
            fixes.add("MathTex is already math mode (align*): removed $, \\begin{…}/\\end{…} and escaped % and #",
                      s.lineno)


def _points(tree: ast.Module, src: Source, edits: Edits, fixes: Fixes) -> None:
    """2D tuples/lists (and np.array([x, y])) where manim wants a 3D point get a 0 z-coordinate."""
    defined = _defined_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for arg in _point_args(node, defined):
                _pad_point(arg, src, edits, fixes)


def _point_args(node: ast.Call, defined: set[str]) -> list[ast.AST]:
    """The arguments of a call where manim expects points (calls of the scene's own functions excluded)."""
    name = _call_name(node)
    out = []
    if isinstance(node.func, ast.Name) and name in defined:
        return out
    if name in POINT_METHODS and isinstance(node.func, ast.Attribute) or name in POINT_CLASSES:
        out += node.args
        if name == "set_points_as_corners" and node.args and isinstance(node.args[0], (ast.List, ast.Tuple)):
            out = out[1:] + node.args[0].elts  # a list of points: [a, b] is two points, not one 2D point
    if isinstance(node.func, ast.Name) or name in POINT_METHODS:
        out += [k.value for k in node.keywords if k.arg in POINT_KWARGS]
    return out


POINT_GETTERS = {"c2p", "coords_to_point", "n2p", "number_to_point", "get_center", "get_start", "get_end",
                 "point_from_proportion", "get_corner", "get_top", "get_bottom", "get_left", "get_right", "i2gp",
                 "input_to_graph_point", "get_origin", "array"}


def _pad_point(arg: ast.AST, src: Source, edits: Edits, fixes: Fixes) -> None:
    target = arg
    if isinstance(arg, ast.Call) and _call_name(arg) in ("array", "asarray") and len(arg.args) == 1:
        target = arg.args[0]
    if not isinstance(target, (ast.Tuple, ast.List)) or len(target.elts) != 2:
        return
    if any(isinstance(e, (ast.Starred, ast.Constant)) and not isinstance(getattr(e, "value", 0), (int, float))
           or isinstance(e, (ast.List, ast.Tuple)) or isinstance(e, ast.Call) and _call_name(e) in POINT_GETTERS
           for e in target.elts):
        return  # not a 2D point: strings, nested points, or calls that return points
    last = target.elts[-1]
    s, e = src.span(last)
    edits.replace((e, e), ", 0")
    fixes.add("manim points are 3D: added z = 0 to a 2D point", arg.lineno)


def _point_variables(tree: ast.Module, src: Source, edits: Edits, fixes: Fixes) -> None:
    """`A = (-2, 1)` later used as a point (Polygon(A, …), next_to(A)) gets its 0 z-coordinate at the definition."""
    used, defined = set(), _defined_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            used |= {a.id for a in _point_args(node, defined) if isinstance(a, ast.Name)}
    unpacked = {n.value.id for n in ast.walk(tree) if isinstance(n, (ast.Assign, ast.For))
                and isinstance(getattr(n, "value", None) or getattr(n, "iter", None), ast.Name)
                and isinstance(n.targets[0] if isinstance(n, ast.Assign) else n.target, ast.Tuple)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target, value in _assigned_pairs(node):
                if target.id in used - unpacked:
                    _pad_point(value, src, edits, fixes)


def _assigned_pairs(node: ast.Assign) -> list[tuple[ast.Name, ast.AST]]:
    """(name, value) for `A = v` and `A, B = v1, v2`."""
    out = []
    for t in node.targets:
        if isinstance(t, ast.Name):
            out.append((t, node.value))
        elif isinstance(t, ast.Tuple) and isinstance(node.value, ast.Tuple) and len(t.elts) == len(node.value.elts):
            out += [(n, v) for n, v in zip(t.elts, node.value.elts, strict=True) if isinstance(n, ast.Name)]
    return out


def _forbidden_variables(tree: ast.Module, src: Source, edits: Edits, fixes: Fixes) -> None:
    """A variable the scene names `code` (or another name the security check reserves for modules) is renamed."""
    from .guard import FORBIDDEN_NAMES

    assigned = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    assigned |= {n.arg for n in ast.walk(tree) if isinstance(n, ast.arg)}
    for node in ast.walk(tree):
        name = node.id if isinstance(node, ast.Name) else node.arg if isinstance(node, ast.arg) else None
        if name in assigned & FORBIDDEN_NAMES:
            s, _ = src.span(node)
            edits.replace((s, s + len(name)), name + "_mob")
            fixes.add(f"renamed the variable {name} to {name}_mob ({name} is reserved by the security check)",
                      node.lineno)


def _scene_bases(tree: ast.Module, src: Source, edits: Edits, fixes: Fixes) -> None:
    """3D camera calls in a plain Scene -> ThreeDScene; self.camera.frame in a plain Scene -> MovingCameraScene."""
    for cls in [n for n in tree.body if isinstance(n, ast.ClassDef)]:
        base = next((b for b in cls.bases if isinstance(b, ast.Name) and b.id == "Scene"), None)
        if base is None:
            continue
        calls = {_call_name(n) for n in ast.walk(cls) if isinstance(n, ast.Call)
                 and (_is_self_call(n, THREE_D_METHODS) or _call_name(n) == "fix_in_frame")}
        frame = any(isinstance(n, ast.Attribute) and n.attr == "frame" and isinstance(n.value, ast.Attribute)
                    and n.value.attr == "camera" for n in ast.walk(cls))
        if calls:
            edits.replace(base, "ThreeDScene")
            fixes.add(f"{', '.join(sorted(c for c in calls if c))}() needs a ThreeDScene: changed the base class",
                      cls.lineno)
        elif frame:
            edits.replace(base, "MovingCameraScene")
            fixes.add("self.camera.frame needs a MovingCameraScene: changed the base class", cls.lineno)


def _statements(tree: ast.Module, src: Source, edits: Edits, fixes: Fixes) -> None:
    """CONFIG dicts become class attributes; `if __name__ == "__main__":` blocks go; mob.fix_in_frame() calls."""
    for node in tree.body:
        if isinstance(node, ast.If) and "__name__" in src.text(node.test) and "__main__" in src.text(node.test):
            s, e = src.span(node)
            edits.replace((s, e), "")
            fixes.add("removed the `if __name__ == \"__main__\":` block (the renderer picks the scene)", node.lineno)
    for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
        for stmt in cls.body:
            _config_dict(stmt, src, edits, fixes)
    for node in ast.walk(tree):
        _fix_in_frame(node, src, edits, fixes)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and _is_self_call(node.value, {"add_sound"}):
            edits.replace(node, "pass")
            fixes.add("removed self.add_sound(...): the sandbox has no sound files", node.lineno)


def _config_dict(stmt: ast.stmt, src: Source, edits: Edits, fixes: Fixes) -> None:
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
            and stmt.targets[0].id == "CONFIG" and isinstance(stmt.value, ast.Dict)):
        return
    keys = stmt.value.keys
    if not all(isinstance(k, ast.Constant) and isinstance(k.value, str) and k.value.isidentifier() for k in keys):
        return
    ind = src.indent(stmt)
    lines = [f"{k.value} = {src.text(v)}" for k, v in zip(keys, stmt.value.values, strict=True)]
    edits.replace(stmt, f"\n{ind}".join(lines) if lines else "pass")
    fixes.add("CONFIG dicts (ManimGL) do nothing in CE: made its entries class attributes", stmt.lineno)


def _fix_in_frame(node: ast.AST, src: Source, edits: Edits, fixes: Fixes) -> None:
    """`mob.fix_in_frame()` (ManimGL) -> `self.add_fixed_in_frame_mobjects(mob)`."""
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and _call_name(node.value) == "fix_in_frame" \
            and isinstance(node.value.func, ast.Attribute):
        edits.replace(node, f"self.add_fixed_in_frame_mobjects({src.text(node.value.func.value)})")
        fixes.add("mob.fix_in_frame() (ManimGL) is self.add_fixed_in_frame_mobjects(mob) in CE", node.lineno)
    elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and len(node.targets) == 1 \
            and _call_name(node.value) == "fix_in_frame" and isinstance(node.value.func, ast.Attribute):
        target = src.text(node.targets[0])
        edits.replace(node, f"{target} = {src.text(node.value.func.value)}\n{src.indent(node)}"
                            f"self.add_fixed_in_frame_mobjects({target})")
        fixes.add("mob.fix_in_frame() (ManimGL) is self.add_fixed_in_frame_mobjects(mob) in CE", node.lineno)


def _unknown_kwargs(tree: ast.Module, src: Source, edits: Edits, fixes: Fixes) -> None:
    """Keyword arguments a manim mobject class does not accept are renamed (known aliases) or dropped."""
    defined = _defined_names(tree)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)) or node.func.id in defined:
            continue
        name = node.func.id
        named = [k for k in node.keywords if k.arg]
        if not named or not name[:1].isupper():
            continue
        accepted = mobject_kwargs(name)
        if accepted is None or all(k.arg in accepted for k in named):
            continue
        kwargs = []
        for k in named:
            new = k.arg if k.arg in accepted else KWARG_RENAMES.get((name, k.arg))
            if new and new in accepted:
                kwargs.append((new, src.text(k.value)))
        edits.replace(node, _rebuild_call(src, node, name, [src.text(a) for a in node.args], kwargs))
        for k in named:
            if k.arg not in accepted:
                new = KWARG_RENAMES.get((name, k.arg))
                fixes.add(f"{name}() has no {k.arg}=: " + (f"used {new}=" if new in accepted else "dropped it"),
                          node.lineno)


@cache
def mobject_kwargs(name: str) -> frozenset[str] | None:
    """The keyword arguments manim's mobject class `name` accepts (None: not a mobject, or it takes anything).

    Read from the installed manim's __init__ signatures along the MRO, plus names popped from **kwargs.
    manim is imported here only to read signatures; no scene code runs in this process.
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


PASSES: list[Pass] = [_statements, _names, _calls, _zero_times, _tex_strings, _points, _point_variables,
                      _scene_bases, _unknown_kwargs, _forbidden_variables]
