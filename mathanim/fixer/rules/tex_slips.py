"""Rules for LaTeX slips in real model scenes: Unicode letters and symbols in MathTex and Tex, and matrix
environments written in Tex's text mode. (% & # in Tex and $ in MathTex are latex.py's.)"""

from __future__ import annotations

import ast
import re

from ..core import Edits, Source, rule
from ..helpers import str_literal

GREEK = dict(zip("αβγδεϵζηθϑικλμνξπϖρϱσςτυφϕχψω", (
    "alpha beta gamma delta varepsilon epsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi rho "
    "varrho sigma varsigma tau upsilon varphi phi chi psi omega").split(), strict=True))
GREEK |= dict(zip("ΓΔΘΛΞΠΣΥΦΨΩ", "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega".split(), strict=True))
SYMBOLS = dict(zip("≤≥≠≈≡∼≅∝∞∑∏∫∬∮∂∇±∓×÷·⋅∘→←↔⇒⇐⇔↦∈∉∋⊂⊃⊆⊇∪∩∅∀∃¬∧∨⊕⊗⊥∥∠ℏℓ…⋯⟨⟩⌊⌋⌈⌉√", (
    "leq geq neq approx equiv sim cong propto infty sum prod int iint oint partial nabla pm mp times div cdot "
    "cdot circ to leftarrow leftrightarrow Rightarrow Leftarrow Leftrightarrow mapsto in notin ni subset "
    "supset subseteq supseteq cup cap emptyset forall exists neg wedge vee oplus otimes perp parallel angle "
    "hbar ell ldots cdots langle rangle lfloor rfloor lceil rceil surd").split(), strict=True))
# Unicode letter or symbol -> the TeX it stands for in math mode
UNICODE_MATH = {c: "\\" + name for c, name in (GREEK | SYMBOLS).items()}
UNICODE_MATH |= {"ℝ": r"\mathbb{R}", "ℕ": r"\mathbb{N}", "ℤ": r"\mathbb{Z}", "ℚ": r"\mathbb{Q}",
                 "ℂ": r"\mathbb{C}", "°": r"^{\circ}", "′": "'", "″": "''", "−": "-", "∗": "*"}
SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹ⁿⁱ⁺⁻", "0123456789ni+-", strict=True))
SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉ₙᵢₖ₊₋", "0123456789nik+-", strict=True))
SCRIPT_RUN = re.compile(f"[{''.join(SUPERSCRIPTS)}]+|[{''.join(SUBSCRIPTS)}]+")
UNICODE_RUN = re.compile(f"[{''.join(UNICODE_MATH)}]|{SCRIPT_RUN.pattern}")
MATH_SEGMENT = re.compile(r"(?<!\\)\$.*?(?<!\\)\$", re.S)
TEXT_RUN = re.compile(f"(?:{UNICODE_RUN.pattern})+")
ALREADY_MATH = re.compile(r"\\\[|\\\(|\\begin\{(equation|align|gather|multline|displaymath)")
MATRIX_ENV = re.compile(r"\\begin\{([pbBvV]?matrix|smallmatrix|cases|array)\}.*?\\end\{\1\}", re.S)


def _tex_for(run: str) -> str:
    """The math-mode TeX of one Unicode symbol or run of super/subscript digits."""
    if run[0] in SUPERSCRIPTS:
        return "^{" + "".join(SUPERSCRIPTS[c] for c in run) + "}"
    if run[0] in SUBSCRIPTS:
        return "_{" + "".join(SUBSCRIPTS[c] for c in run) + "}"
    return UNICODE_MATH[run]


def unicode_to_math(text: str) -> str:
    """`text` (math mode) with its Unicode letters and symbols as TeX commands; a space keeps `\\alpha x` apart."""
    def repl(m: re.Match) -> str:
        tex = _tex_for(m.group(0))
        after = text[m.end():m.end() + 1]
        return tex + " " if tex[-1].isalpha() and (after.isalpha() or after.isdigit()) else tex

    return UNICODE_RUN.sub(repl, text)


def _outside_math(text: str, fn, inside=lambda t: t) -> str:
    """`text` with `fn` applied to its parts outside $…$ (and `inside` to the math segments)."""
    out, last = [], 0
    for m in MATH_SEGMENT.finditer(text):
        out += [fn(text[last:m.start()]), inside(m.group(0))]
        last = m.end()
    return "".join(out) + fn(text[last:])


def unicode_to_text(text: str) -> str:
    """`text` (Tex's text mode): Unicode symbols outside $…$ become $\\command$, inside $…$ plain commands."""
    def wrap(part: str) -> str:  # a run of symbols shares one $…$
        return TEXT_RUN.sub(lambda u: f"${unicode_to_math(u.group(0))}$", part)

    return _outside_math(text, wrap, unicode_to_math)


def _matrices_in_math(text: str) -> str:
    """Matrix environments written in text mode, each put in $…$."""
    return _outside_math(text, lambda part: MATRIX_ENV.sub(lambda m: f"${m.group(0)}$", part))


@rule
def unicode_in_tex(tree: ast.Module, src: Source, edits: Edits) -> None:
    """Unicode letters and symbols (α, ≤, ∞, ², ℝ) in MathTex or Tex, which LaTeX's default setup cannot typeset:
    their TeX names (\\alpha, \\leq, \\infty, ^{2}, \\mathbb{R}), in $…$ where Tex is in text mode."""
    from .latex import _tex_calls  # here: importing latex at the top would register its rules before these

    for cls, convert in (("MathTex", unicode_to_math), ("Tex", unicode_to_text)):
        said = f"Unicode letters and symbols in {cls} written as their TeX names (α → \\alpha, ≤ → \\leq, ² → ^{{2}})"
        for _call, strs, _ in _tex_calls(tree, cls):
            for s in strs:
                new = convert(s.value)
                if new != s.value:
                    edits.replace(s, str_literal(new))
                    edits.add(said, s.lineno)
        for f in _tex_fstrings(tree, cls):
            new = _converted_fstring(f, convert)
            if new is not None:
                edits.replace(f, new)
                edits.add(said, f.lineno)


def _tex_fstrings(tree: ast.Module, cls: str) -> list[ast.JoinedStr]:
    """The f-strings given to `cls` (a label with a computed value: MathTex(f"λ₁ = {v:.2f}")). In Tex, only those
    without $: a math segment may span the f-string's parts, so which parts are text mode is not known."""
    from .latex import _tex_calls_any  # as in unicode_in_tex

    out = []
    for call in _tex_calls_any(tree, cls):
        for a in call.args:
            parts = [v.value for v in a.values if isinstance(v, ast.Constant)] if isinstance(a, ast.JoinedStr) else []
            if parts and (cls == "MathTex" or not any("$" in t for t in parts)):
                out.append(a)
    return out


def _converted_fstring(f: ast.JoinedStr, convert) -> str | None:
    """The f-string's source with its literal parts converted (its {values} kept as written), or None when
    nothing changes. Written out by ast.unparse, which doubles the braces and escapes the backslashes."""
    parts = [ast.Constant(convert(v.value)) if isinstance(v, ast.Constant) else v for v in f.values]
    if all(getattr(a, "value", None) == getattr(b, "value", None) for a, b in zip(parts, f.values, strict=True)
           if isinstance(b, ast.Constant)):
        return None
    return ast.unparse(ast.JoinedStr(parts))


@rule
def matrix_in_text_mode(tree: ast.Module, src: Source, edits: Edits) -> None:
    """A matrix environment (bmatrix, pmatrix, cases, array) in Tex's text mode next to prose or $…$, where
    LaTeX stops with "Missing $ inserted": the environment put in $…$."""
    from .latex import _is_prose, _tex_calls  # as in unicode_in_tex

    for _call, strs, joined in _tex_calls(tree, "Tex"):
        if ALREADY_MATH.search(joined) or not ("$" in joined or _is_prose(MATRIX_ENV.sub("", joined))):
            continue  # a lone formula: tex_text_mode makes it MathTex
        for s in strs:
            new = _matrices_in_math(s.value)
            if new != s.value:
                edits.replace(s, str_literal(new))
                edits.add("matrix environments need math mode: put them in $…$ inside Tex", s.lineno)


HEX_COLOR = re.compile(r"\\(color|textcolor|colorbox)\{\\?#([0-9A-Fa-f]{6})\}")


@rule
def hex_color_in_tex(tree: ast.Module, src: Source, edits: Edits) -> None:
    """`\\color{#9D4EDD}` in MathTex or Tex (xcolor takes no # colours; the # alone is a TeX error):
    `\\color[HTML]{9D4EDD}`."""
    from .latex import _tex_calls  # as in unicode_in_tex

    for cls in ("MathTex", "Tex"):
        for _call, strs, _ in _tex_calls(tree, cls):
            for s in strs:
                new = HEX_COLOR.sub(lambda m: f"\\{m.group(1)}[HTML]{{{m.group(2)}}}", s.value)
                if new != s.value:
                    edits.replace(s, str_literal(new))
                    edits.add("xcolor takes hex colours as \\color[HTML]{RRGGBB}, not \\color{#RRGGBB}", s.lineno)
