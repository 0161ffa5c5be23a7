"""Parameter extraction: free text (English or Chinese, plain notation or LaTeX) → Params.

Order matters: structured pieces (matrices, vectors, `name = value` pairs, intervals, points, ODEs) are found and
cut out of the text first, so that what remains can be scanned for the main formula.
"""

from __future__ import annotations

import ast
import math
import re
import unicodedata
import warnings

import sympy as sp
from sympy.parsing.sympy_parser import (
    convert_xor,
    implicit_multiplication_application,
    parse_expr,
    standard_transformations,
)

from .base import Params
from .common import t, x, y

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_TRANSFORMS = standard_transformations + (implicit_multiplication_application, convert_xor)
_FUNCS = ("sin", "cos", "tan", "cot", "sec", "csc", "exp", "ln", "log", "sqrt", "arcsin", "arccos", "arctan",
          "asin", "acos", "atan", "sinh", "cosh", "tanh", "abs")
_LOCALS = {"x": x, "y": y, "t": t, "e": sp.E, "E": sp.E, "pi": sp.pi, "oo": sp.oo, "inf": sp.oo,
           "ln": sp.log, "arcsin": sp.asin, "arccos": sp.acos, "arctan": sp.atan, "abs": sp.Abs}
_GREEK = {"μ": "mu", "σ": "sigma", "θ": "theta", "ω": "omega", "λ": "lambda", "α": "alpha", "β": "beta",
          "Δ": "delta", "ρ": "rho", "φ": "phi"}
_SUPERSCRIPTS = str.maketrans({"²": "^2", "³": "^3", "⁴": "^4", "⁵": "^5", "ⁿ": "^n", "⁻": "^-", "¹": "^1"})
_SYMBOLS = {"×": "*", "·": "*", "⋅": "*", "÷": "/", "−": "-", "–": "-", "π": "pi", "√": "sqrt", "→": "->",
            "∞": "oo", "≤": "<=", "≥": ">=", "，": ", ", "。": ". ", "：": ": ", "；": "; ", "∫": " integral "}
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?"
# a unit written as a ratio, with its number ("30 m/s", "72 km/h", "50 N/m") or left after "v0 = 30" was read: a
# quantity, not a formula in m and s, nor "at 30" a point
_RATIO_UNIT = re.compile(r"(?<![\w./])(?:" + _NUMBER + r"\s*)?(?:m/s\^?2|m/s²|m/s|km/h|km/s|rad/s|N/m|kg/m\^?3|kg/m³|g/cm\^?3|g/cm³)"
                         r"(?![A-Za-z])")


def normalize(text: str) -> str:
    """Unify unicode maths (superscripts, ×, π, full-width forms) into ASCII-ish notation."""
    s = text.translate(_SUPERSCRIPTS)
    for k, v in {**_SYMBOLS, **_GREEK}.items():
        s = s.replace(k, v if k not in _GREEK else f" {v} ")
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"[ \t]+", " ", s).strip()


_ACCENT = re.compile(r"([A-Za-z])[\u0300-\u036f]+")  # combining accents on a Latin letter (after NFKD)


def drop_accents(text: str) -> str:
    """Accents off Latin letters (Bézout → Bezout, L'Hôpital → L'Hopital); a negated sign keeps its stroke (≠)."""
    return unicodedata.normalize("NFKC", _ACCENT.sub(r"\1", unicodedata.normalize("NFKD", text)))


def language(text: str) -> str:
    """'zh' when the text contains Chinese characters, else 'en'."""
    return "zh" if CJK.search(text) else "en"


def _parse(s: str, evaluate: bool = True):
    """sympy's parse_expr with our names and transformations. Words that are no formula ("f'(x) is ...") can make
    Python's compiler warn ("'str' object is not callable") before sympy fails: the failure is the answer, the
    warning is noise on the console."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        return parse_expr(s, local_dict=dict(_LOCALS), transformations=_TRANSFORMS, evaluate=evaluate)


def parse_plain(s: str) -> sp.Expr | None:
    """A sympy expression from plain notation ("x^2 sin x", "e^x", "1/(1+x^2)"), or None."""
    s = s.strip().strip(".,;:?!")
    if not s or len(s) > 200:
        return None
    s = re.sub(r"\bpi\b", " pi ", s)
    s = re.sub(r"\|([^|]+)\|", r"abs(\1)", s)
    try:
        e = _parse(s, evaluate=True)
    except Exception:  # noqa: BLE001 - sympy raises many kinds for non-formulas; all mean "not a formula"
        return None
    return e if isinstance(e, sp.Expr) and e.free_symbols else None


# --------------------------------------------------------------------------------------------------------------
# LaTeX


def _latex_segment(text: str) -> str | None:
    """The LaTeX part of the text: inside $...$ or \\(...\\), else from the first backslash command to the end."""
    m = re.search(r"\$\$?(.+?)\$\$?", text) or re.search(r"\\\((.+?)\\\)", text)
    if m:
        return m.group(1)
    m = re.search(r"\\[a-zA-Z]+", text)
    if not m:
        return None
    start = m.start()
    # include a leading plain formula head such as "e^{i\pi}" or "x^2\sin x"
    head = re.search(r"[\w^{}()+\-*/.]*$", text[:start])
    return text[start - len(head.group(0)) if head else start:]


def _clean_latex(s: str) -> str:
    """Drop spacing commands and \\left/\\right, and normalise d/dx forms that parse_latex dislikes."""
    s = re.sub(r"\\[,;:! ]|\\quad|\\qquad|\\left|\\right|\\displaystyle", " ", s)
    s = s.replace(r"\dfrac", r"\frac").replace(r"\tfrac", r"\frac").replace(r"\mathrm{d}", "d")
    s = s.replace(r"\operatorname{d}", "d").replace(r"\to", r"\to ")
    return s.strip().rstrip(".,;")


def _latex_to_plain(s: str) -> str:
    """A crude LaTeX → plain-notation rewrite, used when parse_latex is unavailable or fails."""
    for _ in range(4):
        s = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"((\1)/(\2))", s)
        s = re.sub(r"\\sqrt\{([^{}]*)\}", r"sqrt(\1)", s)
    s = re.sub(r"\\(sin|cos|tan|ln|log|exp|pi|sinh|cosh|tanh|arcsin|arccos|arctan)\b", r" \1 ", s)
    s = s.replace(r"\cdot", "*").replace(r"\times", "*").replace("{", "(").replace("}", ")")
    return re.sub(r"\\[a-zA-Z]+", " ", s)


def _parse_latex(s: str):
    """sympy's parse_latex (antlr) or, failing that, the plain rewrite; None if neither works."""
    s = _clean_latex(s)
    try:
        from sympy.parsing.latex import parse_latex

        return parse_latex(s)
    except Exception:  # noqa: BLE001 - antlr raises its own error types
        return parse_plain(_latex_to_plain(s))


def _to_x(e: sp.Basic, prefer=(x,)) -> sp.Basic:
    """Rename the single free variable of `e` to x (and plain symbols named x/y/t to the real ones)."""
    e = e.subs({sp.Symbol("x"): x, sp.Symbol("y"): y, sp.Symbol("t"): t, sp.Symbol("e"): sp.E,
                sp.Symbol("pi"): sp.pi, sp.Symbol("i"): sp.I})
    free = [s for s in e.free_symbols if s not in (x, y)]
    if x not in e.free_symbols and len(free) == 1:
        e = e.subs(free[0], x)
    return e


def _apply_latex(obj, p: Params) -> None:
    """Fill expr/bounds/point/equation from a parsed LaTeX object (Integral, Derivative, Limit, Sum, Eq)."""
    if isinstance(obj, sp.Integral):
        var, *lims = obj.limits[0]
        p.expr = _to_x(obj.function.subs(var, x))
        if len(lims) == 2:
            p.bounds = _float_pair(lims)
    elif isinstance(obj, sp.Derivative):
        p.expr = _to_x(obj.expr.subs(obj.variables[0], x))
    elif isinstance(obj, sp.Limit):
        var, point = obj.args[1], obj.args[2]
        p.expr = _to_x(obj.args[0].subs(var, x))
        p.point = _safe_float(sp.sympify(point).subs({sp.Symbol("pi"): sp.pi, sp.Symbol("e"): sp.E}))
    elif isinstance(obj, sp.Sum):
        var, lo, hi = obj.limits[0]
        p.expr = obj.function.subs(var, x)
        p.numbers.setdefault("start", _safe_float(lo))
        if hi.is_finite:
            p.numbers.setdefault("n", _safe_float(hi))
    elif isinstance(obj, sp.Eq):
        p.equation = sp.Eq(_to_x(obj.lhs), _to_x(obj.rhs), evaluate=False)
        p.expr = p.expr or _to_x(obj.lhs - obj.rhs)
    elif isinstance(obj, sp.Expr):
        p.expr = _to_x(obj)


def _float_pair(lims) -> tuple[float, float] | None:
    consts = {sp.Symbol("pi"): sp.pi, sp.Symbol("e"): sp.E, sp.Symbol("oo"): sp.oo}
    a, b = (_safe_float(sp.sympify(v).subs(consts)) for v in lims)
    return (a, b) if a is not None and b is not None else None


def _safe_float(v) -> float | None:
    if v is None:
        return None
    try:
        f = float(sp.N(v))
    except (TypeError, ValueError):
        return None
    return f if not math.isnan(f) else None


# --------------------------------------------------------------------------------------------------------------
# Structured pieces, cut out of the text as they are found


def _take(pattern: str, s: str, flags=re.I) -> tuple[list[re.Match], str]:
    """All matches of `pattern` and the text with them replaced by a space."""
    ms = list(re.finditer(pattern, s, flags))
    return ms, re.sub(pattern, " ", s, flags=flags) if ms else s


def _literal_lists(s: str, p: Params) -> str:
    """Matrices ("[[2,1],[1,3]]", "[2 1; 1 3]") and vectors ("[3, 1]", "(1, 2)", "<1,2>")."""
    ms, s = _take(r"\[\s*\[[^\[\]]*\](?:\s*,?\s*\[[^\[\]]*\])*\s*\]", s)
    for m in ms:
        rows = _numbers_tree(m.group(0))
        if rows and all(isinstance(r, list) and r for r in rows):
            (p.matrices.append(rows))
    ms, s = _take(r"\[\s*" + _NUMBER + r"(?:\s+" + _NUMBER + r")*(?:\s*;\s*" + _NUMBER + r"(?:\s+" + _NUMBER
                  + r")*)+\s*\]", s)
    for m in ms:
        rows = [[float(v) for v in r.split()] for r in m.group(0).strip("[] ").split(";")]
        p.matrices.append(rows)
    vec = r"[\[(<]\s*" + _NUMBER + r"(?:\s*,\s*" + _NUMBER + r")+\s*[\])>]"
    ms, s = _take(vec, s)
    for m in ms:
        p.vectors.append([float(v) for v in re.findall(_NUMBER, m.group(0))])
    # a bare list of three or more: "the mean of 3, 7, 7, 2, 9", "insertion sort 5, 1, 4 and 2"
    ms, s = _take(r"(?<![\w.^/])" + _NUMBER + r"(?:\s*,\s*" + _NUMBER + r"){1,}(?:\s*,?\s*and\s+" + _NUMBER
                  + r"|\s*,\s*" + _NUMBER + r")(?![\w.^/])", s)
    for m in ms:
        p.vectors.append([float(v) for v in re.findall(_NUMBER, m.group(0))])
    if p.matrices:
        p.matrix = p.matrices[0]
    return s


def _numbers_tree(s: str):
    try:
        v = ast.literal_eval(s)
    except (ValueError, SyntaxError):
        return None
    ok = isinstance(v, list) and all(isinstance(r, list) and all(isinstance(c, (int, float)) for c in r) for r in v)
    return [[float(c) for c in r] for r in v] if ok else None


_NAMES = r"(?:y0|x0|N0|P0|n|p|q|k|r|a|b|c|m|g|h|v|v0|mu|sigma|theta|omega|lambda|alpha|beta|rho|phi|delta|A|N|T|L|f|target|" \
         r"trials|samples|angle|speed|mass|rate|terms|steps|amplitude|frequency|prior|sensitivity|specificity)"


# Numbers named by a word rather than "=": "a circle of radius 3", "first term 3", "common ratio 1/2". Only words a
# family reads by that name and whose scene has no units (a physics quantity is read with its unit, quantities.py).
_WORD_NAMES = {"radius": "radius", "diameter": "diameter", "hypotenuse": "hypotenuse", "first term": "a",
               "common ratio": "r", "ratio": "r", "common difference": "d", "半径": "radius", "直径": "diameter",
               "斜边": "hypotenuse", "首项": "a", "公比": "r", "公差": "d"}
# statistics words take no "of" ("the mean of 3, 7, 9" is data, not a mean of 3)
_STAT_NAMES = {"mean": "mean", "standard deviation": "sd", "sd": "sd", "std": "sd", "均值": "mean", "平均值": "mean",
               "标准差": "sd"}
_IS = r"\s*(?:is\s+|为|是|等于)?\s*"  # "radius 3", "radius is 3", "半径为 3"
_WORD_NUMBERS = (
    (re.compile(r"(?<![A-Za-z])(" + "|".join(sorted(_WORD_NAMES, key=len, reverse=True)) + r")\s*(?:of\s+)?" + _IS
                + r"(" + _NUMBER + r")(?:\s*/\s*(\d+))?(?![\w.])", re.I), _WORD_NAMES),
    (re.compile(r"(?<![A-Za-z])(" + "|".join(sorted(_STAT_NAMES, key=len, reverse=True)) + r")" + _IS + r"("
                + _NUMBER + r")()(?![\w.])", re.I), _STAT_NAMES))


def _named_by_words(s: str, p: Params) -> None:
    """Numbers named by a word (_WORD_NAMES, _STAT_NAMES), unless the text names them with "=" too."""
    for rx, names in _WORD_NUMBERS:
        for m in rx.finditer(s):
            den = float(m.group(3)) if m.group(3) else 1.0
            if den:
                p.numbers.setdefault(names[m.group(1).lower()], float(m.group(2)) / den)


def _assignments(s: str, p: Params) -> str:
    """Named numbers: "n = 10", "p=0.3", "σ = 2", "k: 0.5", "angle 45°", "10 terms", "n 取 10"."""
    ms, s = _take(r"(?<![\w/])(" + _NAMES + r")\s*(?:=|:|取|为|是)\s*(" + _NUMBER + r")(%?)", s, flags=0)
    for m in ms:
        v = float(m.group(2)) / (100 if m.group(3) else 1)
        p.numbers[m.group(1)] = v
    _named_by_words(s, p)
    ms, s = _take(r"(" + _NUMBER + r")\s*(?:°|degrees?\b|deg\b|度)", s)
    for m in ms:
        p.numbers.setdefault("angle", float(m.group(1)))
    ms, s = _take(r"(\d+)\s*(?:disks?|discs?|rings?|个盘子|个圆盘)", s)  # Tower of Hanoi: the last index
    for m in ms:
        p.numbers.setdefault("last", float(m.group(1)))
    ms, s = _take(r"(\d+)\s*(terms?|steps?|trials?|samples?|rectangles?|coin flips?|flips?|(?:dice |die )?rolls?|"
                  r"tosses|toss|throws?|项|次|个矩形)", s)
    for m in ms:
        word = m.group(2).lower()
        count = ("trial", "flip", "coin", "次", "sample", "roll", "toss", "throw")  # of an experiment: n
        name = "n" if any(k in word for k in count) else "terms"
        p.numbers.setdefault(name if name != "terms" else ("n" if "rect" in word or "矩形" in word else "terms"),
                             float(m.group(1)))
    ms, s = _take(r"(" + _NUMBER + r")\s*%", s)
    for m in ms:
        p.numbers.setdefault("p", float(m.group(1)) / 100)
    ms, s = _take(r"(?:\bup\s*to|\bbelow|\bunder|不超过|以内的?)\s*(\d+)(?![\w.])", s)  # "primes up to 60"
    for m in ms:
        p.numbers.setdefault("limit", float(m.group(1)))
    return s


def _intervals(s: str, p: Params) -> str:
    """Bounds: "from 0 to 1", "between 0 and pi", "on [0, 2]", "从0到1", "0 到 1"."""
    num = r"(-?[\w.^/*()]+?)"
    for pat in (r"\bfrom\s+" + num + r"\s+to\s+" + num + r"(?=\s|$|[,.;?])",
                r"\bbetween\s+" + num + r"\s+and\s+" + num + r"(?=\s|$|[,.;?])",
                r"从\s*" + num + r"\s*到\s*" + num + r"(?=\s|$|[,.;?的上]|[\u4e00-\u9fff])",
                r"\b(?:on|over)\s+\[\s*" + num + r"\s*,\s*" + num + r"\s*\]",
                r"(?<![\w\]])\[\s*(-?[\w.^/*()]+)\s*,\s*(-?[\w.^/*()]+)\s*\](?=\s*(?:上|区间|$))"):
        m = re.search(pat, s, re.I)
        if m:
            a, b = (parse_number(g) for g in m.groups())
            if a is not None and b is not None and math.isfinite(a) and math.isfinite(b):
                p.bounds = (a, b)
                return s[:m.start()] + " " + s[m.end():]
    return s


def _is_num(g: str) -> bool:
    return re.fullmatch(_NUMBER, g) is not None


def parse_number(s: str) -> float | None:
    """A real number from "2", "-1.5", "pi/2", "2pi", "oo", "infinity", "无穷"; None if it is not one."""
    s = s.strip().lower().replace("infinity", "oo").replace("无穷", "oo").replace("inf", "oo")
    if _is_num(s):
        return float(s)
    try:
        v = _parse(s)
    except Exception:  # noqa: BLE001 - not a number
        return None
    return _safe_float(v) if isinstance(v, sp.Expr) and not v.free_symbols else None


def _points(s: str, p: Params) -> str:
    """Points: "at x = 1", "x -> 0", "as x approaches 2", "在 x=1 处", "x趋于0", "at 2"."""
    pats = (r"(?:as\s+)?\b([a-z])\s*(?:->|approaches|tends to|goes to|趋于|趋向|趋近于?)\s*(-?[\w.^/*]+)",
            r"\bat\s+([a-z])\s*=\s*(-?[\w.^/*]+)", r"在\s*([a-z])\s*=\s*(-?[\w.^/*]+)\s*处?",
            r"\bat\s+()(-?\d+\.?\d*)\b", r"(?<![\w=])([x])\s*=\s*(-?[\d.]+(?:/\d+)?|pi(?:/\d+)?)(?=\s|$|[,;处])")
    for pat in pats:
        m = re.search(pat, s, re.I)
        if not m:
            continue
        v = parse_number(m.group(2))
        if v is not None:
            p.point = v
            return s[:m.start()] + " " + s[m.end():]
    return s


def _ode(s: str, p: Params) -> str:
    """An ODE "dy/dt = ky", "dy/dx = x - y", "y' = 0.5 y" → equation Eq(Derivative(y, x), rhs)."""
    m = re.search(r"(?:d([a-z])\s*/\s*d([a-z])|([a-z])'(?:\(([a-z])\))?)\s*=\s*([^,;?，。]+)", s)
    if not m:
        return s
    dep, ind = (m.group(1) or m.group(3)), (m.group(2) or m.group(4) or "x")
    rhs = re.sub(r"\b(if|with|where|when|and|for|starting)\b.*$", "", m.group(5)).strip()
    rhs = re.sub(r"\b" + dep + r"\b", " Y ", rhs)
    rhs = re.sub(r"\b" + ind + r"\b", " X ", rhs) if ind != dep else rhs
    e = parse_plain(rhs.replace("Y", "(y)").replace("X", "(x)"))
    if e is None and rhs.strip():
        e = parse_plain(re.sub(r"(\d)([a-z])", r"\1*\2", rhs).replace("Y", "(y)").replace("X", "(x)"))
    if e is None:
        return s
    e = e.subs({sp.Symbol("y"): y, sp.Symbol("x"): x})
    p.equation = sp.Eq(sp.Derivative(y, x), e)
    ratio = sp.simplify(e / y)
    if ratio.is_number:
        p.numbers.setdefault("k", float(ratio))
    return s[:m.start()] + " " + s[m.end():]


# --------------------------------------------------------------------------------------------------------------
# The main formula in what is left of the text

_WORD = re.compile(r"[A-Za-z]{2,}")
_MATHWORDS = set(_FUNCS) | {"pi", "oo", "inf"}


def _mathy(tok: str) -> bool:
    """Whether a whitespace token looks like part of a formula (not an English word)."""
    if not tok or CJK.search(tok):
        return False
    words = _WORD.findall(tok)
    if any(w.lower() not in _MATHWORDS for w in words):
        return False
    if re.fullmatch(r"[a-zA-Z]", tok):
        return tok in "xyteπn"
    return bool(re.search(r"[\dxyt()^*/+\-=]", tok)) or bool(words)


def find_formula(s: str) -> tuple[sp.Expr | None, str]:
    """The longest run of formula-like tokens that parses to an expression with a variable."""
    s = CJK.sub(" ", s)
    s = re.sub(r"(?<=[a-zA-Z])'s\b", " ", s)
    toks = re.split(r"\s+|(?<=[a-z]),|\?|;", s)
    runs, cur = [], []
    for tok in toks + [""]:
        if _mathy(tok):
            cur.append(tok)
        elif cur:
            runs.append(" ".join(cur))
            cur = []
    for run in sorted(runs, key=len, reverse=True):
        run = run.strip(",.;:")
        if "=" in run:
            lhs, _, rhs = run.partition("=")
            run = rhs if re.fullmatch(r"\s*(?:[fgyz]\s*(?:\(\s*[xt]\s*\))?|[fg])\s*", lhs) else run
        e = parse_plain(run.replace("=", "-(") + ")" if "=" in run else run)
        if e is not None:
            return _to_x(e), run
    return None, ""


def extract(text: str) -> Params:
    """Everything we can read from the user's text, as Params (never raises)."""
    p = Params(concept=text, language=language(text))
    try:
        _extract_into(text, p)
    except Exception as e:  # noqa: BLE001 - extraction is best effort; say what went wrong and go on
        p.notes.append(f"Parameter extraction stopped early ({type(e).__name__}); defaults are used.")
    return p


def _extract_into(text: str, p: Params) -> None:
    seg = _latex_segment(text)
    s = normalize(text if seg is None else text.replace(seg, " "))
    s = _intervals(s, p)
    s = _literal_lists(s, p)
    s = _ode(s, p)
    s = _assignments(s, p)
    s = _points(_RATIO_UNIT.sub(" ", s), p)
    if seg is not None:
        obj = _parse_latex(seg)
        if obj is not None:
            _apply_latex(obj, p)
            p.expr_text = seg.strip()
            p.notes.append(f"LaTeX read: {p.expr_text}")
        else:
            p.notes.append(f"LaTeX not understood: {seg.strip()}")
    if p.expr is None:
        e, raw = find_formula(s)
        if e is not None:
            p.expr, p.expr_text = e, raw
    for k in ("n", "terms"):
        if k in p.numbers and not math.isfinite(p.numbers[k]):
            p.numbers.pop(k)
    if p.expr is not None and (not isinstance(p.expr, sp.Expr) or p.expr.has(sp.oo, sp.zoo, sp.nan)
                               or not p.expr.free_symbols):
        p.expr = None


def describe(p: Params) -> list[str]:
    """Human lines saying what was found, for the reasoning stream."""
    out = []
    if p.expr is not None:
        out.append(f"formula: {sp.sstr(p.expr)}" + (f"  (from “{p.expr_text}”)" if p.expr_text else ""))
    if p.equation is not None:
        out.append(f"equation: {sp.sstr(p.equation)}")
    if p.matrices:
        out.append("matrix: " + "; ".join(str(m) for m in p.matrices))
    if p.vectors:
        out.append("vectors: " + ", ".join(str(v) for v in p.vectors))
    if p.numbers:
        out.append("numbers: " + ", ".join(f"{k} = {v:g}" for k, v in p.numbers.items()))
    if p.bounds:
        out.append(f"interval: [{p.bounds[0]:g}, {p.bounds[1]:g}]")
    if p.point is not None:
        out.append(f"point: {p.point:g}")
    return out
