"""Formula signatures: the shape of a written formula that names its topic on its own.

A teacher often types only the formula: `\\log_2 32`, `(1,2)·(3,4)`, `r = 2cos 3θ`, `x^2/25 + y^2/9 = 1`. Token
matching against a topic's own formulas misses these (different numbers, different letters), and the embedding
model reads no LaTeX. Each signature here is a pattern of notation that belongs to exactly one catalogue topic, so
a hit is strong evidence (the classifier weighs it as a parameter hint). Patterns run on the text as typed
(lower-cased, NFKC) and on its folded form (unicode maths made ASCII), since some notation survives in only one:
`×` and `·` both fold to `*`.
"""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

import sympy as sp

from .params import Params

_N = r"-?\d+(?:\.\d+)?"
_TUPLE = rf"[(<\[]\s*{_N}(?:\s*,\s*{_N})+\s*[)>\]]"
_REL = r"(?:<=?|>=?|≤|≥|\\le|\\ge|\\leq|\\geq|\\lt|\\gt)"
_COMPLEX = r"\(\s*-?\d*\.?\d*\s*[+-]\s*\d*\.?\d*\s*i\s*\)"
_R = r"(?:(?<![a-z])r|ρ|\\rho)"  # a polar radius: r, or ρ as Chinese textbooks write it
_LIN2 = r"(?<![\w^])-?\d*\.?\d*\s*x\s*[+-]\s*\d*\.?\d*\s*y(?![\w^])"  # a x ± b y
_TRIALS = (r"(?:\d+\s*(?:[a-z]+\s+)?(?:flips|tosses|rolls|throws|trials|shots|attempts|times)\b|"
           r"(?:tossed|rolled|flipped|thrown|repeated)\s+\d+\s+times|(?:抛|掷|投|射)[^，。,\d]{0,6}\d+\s*次|\d+\s*次(?:试验|独立))")
_SPEED_CHANGE = (r"(?:from\s+\d+(?:\.\d+)?\s*(?:m/s|km/h)?\s+(?:to|down to|up to)\s+\d+(?:\.\d+)?\s*(?:m/s|km/h)|"
                 r"from (?:rest|a standstill)|to (?:rest|a stop)|从静止|静止开始)")
_TIME_OR_DISTANCE = r"\d+(?:\.\d+)?\s*(?:s|secs?|seconds|m|metres|meters|km|秒|米)(?![a-z/])"
_COUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
_OUTCOMES = (rf"(?:(?:exactly|at least|at most)\s+{_COUNT}\b|{_COUNT}\s*(?:heads|tails|sixes|6s|successes|hits|goals)\b|"
             r"(?:恰好|恰有|至少|至多)(?:出现)?\s*\d+\s*次|\d+\s*次(?:正面|反面|6点|命中|成功))")
_CONGRUENCE = r"(?:≡|=|\\equiv)\s*-?\d+\s*\(?\s*(?:\\pmod|\\bmod|\\mod|mod)\s*\{?\s*\d+"

# (topic, pattern, strength): strength 1.0 names the topic outright; less where a neighbour shares the notation.
TABLE: list[tuple[str, str, float]] = [
    ("divergence", r"(?:\\nabla|∇)\s*(?:\\cdot|·|⋅)", 1.0),
    ("curl", r"(?:\\nabla|∇)\s*(?:\\times|×)", 1.0),
    ("gradient", r"(?:\\nabla|∇)\s*[a-z(]", 1.0),
    ("logarithm", r"(?<![a-z])\\?log_?\{?\d+\}?\s*\(?\s*\d", 1.0),
    ("inverse_trig_functions", r"\\?arc(?:sin|cos|tan)|(?:sin|cos|tan)\s*\^\s*\{?\s*-\s*\^?\s*1", 1.0),
    ("cross_product", rf"{_TUPLE}\s*(?:×|\\times)\s*{_TUPLE}", 1.0),
    ("dot_product", rf"{_TUPLE}\s*(?:·|⋅|\\cdot|\*|•)\s*{_TUPLE}", 1.0),
    ("chinese_remainder_theorem", rf"{_CONGRUENCE}.*{_CONGRUENCE}", 1.0),
    ("modular_arithmetic", r"\d\s*(?:\^\s*\{?\d+\}?)?\s*(?:\\bmod|\\mod|mod)\s*\d", 0.7),
    ("rose_curve", rf"{_R}\s*=\s*[\d.]*[a-z]?\s*\\?(?:cos|sin)\s*\(?\s*[2-9]\s*\\?(?:theta|θ)", 1.0),
    ("cardioid", rf"{_R}\s*=\s*(?:[\d.]*[a-z]?\s*\(\s*)?[\d.]+\s*[+-]\s*[\d.]*\s*\\?(?:cos|sin)\s*\(?\s*\\?(?:theta|θ)",
     1.0),
    ("archimedean_spiral", rf"{_R}\s*=\s*[\d.]*[a-z]?\s*\\?(?:theta|θ)(?!\s*[\^/])", 1.0),
    # x² against a number with an inequality sign, no y: a quadratic inequality in one unknown
    ("quadratic_inequality", rf"(?<![a-z])x\s*(?:\^\s*\{{?2\}}?|²)[^=<>≤≥a-wyz\n]*{_REL}\s*-?\d", 1.0),
    ("parametric_equations", r"(?<![a-z])x\s*(?:\(t\))?\s*=[^,;=]*(?<![a-z])t(?![a-z])[^,;=]*(?:[,;]|\s)\s*(?:and\s+)?"
                             r"y\s*(?:\(t\))?\s*=[^,;=]*(?<![a-z])t(?![a-z])", 1.0),
    ("binomial_theorem", r"\(\s*\w+\s*[+-]\s*\w+\s*\)\s*\^\s*\{?\s*(?:[3-9]|\d\d+|n)\b", 0.8),
    ("perfect_square_expansion", r"\(\s*\w+\s*[+-]\s*\w+\s*\)\s*\^\s*\{?\s*2(?![\d.])", 1.0),
    ("quadratic_formula", r"(?:\\pm|±|\+-)\s*\\?sqrt\s*[{(]?\s*b\s*\^\s*\{?2\}?\s*-\s*4\s*\*?\s*a\s*\*?\s*c", 1.2),
    ("discriminant", r"(?<![a-z])b\s*\^\s*\{?2\}?\s*-\s*4\s*\*?\s*a\s*\*?\s*c", 0.6),
    ("sums_of_powers", r"1\s*\^\s*\{?(\d)\}?\s*\+\s*2\s*\^\s*\{?\1\}?\s*\+.*n\s*\^\s*\{?\1", 1.0),
    ("exponential_function", r"y\s*=\s*\(?\s*\d+(?:\.\d+|\s*/\s*\d+)?\s*\)?\s*\^\s*\{?x\}?(?![a-z0-9])", 1.0),
    ("absolute_value_inequality", rf"\|[^|]*[a-z][^|]*\|\s*{_REL}", 1.0),
    ("determinant", r"\\begin\{vmatrix\}|(?<![a-z])det\s*[(\[]", 1.0),
    ("bayes_theorem", r"p\s*\(\s*(\w+)\s*\|\s*(\w+)\s*\).*p\s*\(\s*\2\s*\|\s*\1\s*\)", 1.2),
    ("conditional_probability", r"p\s*\(\s*\w+\s*\|\s*\w+\s*\)", 0.7),
    ("cauchy_schwarz_inequality", rf"\|\s*\w+\s*(?:·|⋅|\\cdot|\*)\s*\w+\s*\|\s*{_REL}\s*\|\s*\w+\s*\|\s*\|\s*\w+\s*\|",
     1.0),
    ("integration_by_parts", r"(?:∫|\\int|integral)\s*u\s*\\?,?\s*dv", 1.0),
    ("sinusoidal_graphs", r"(?<![a-z])a\s*\*?\s*\\?(?:sin|cos)\s*\(\s*\\?(?:omega|ω)\s*[xt]", 1.0),
    ("matrix_multiplication", r"\]\s*\]\s*(?:by|times|\*|·|×|\\cdot|\\times)?\s*\[\s*\[", 1.0),
    ("complex_multiplication", rf"{_COMPLEX}\s*(?:\*|·|×|\\cdot|\\times|times)?\s*{_COMPLEX}", 1.0),
    ("gcd_euclidean_algorithm", r"(?<![a-z])(?:gcd|hcf)\s*\(\s*\d+\s*,\s*\d+", 1.0),
    ("least_common_multiple", r"(?<![a-z])lcm\s*\(\s*\d+\s*,\s*\d+", 1.0),
    ("double_integral", r"\\iint|∬", 1.0),
    ("partial_derivatives", r"∂\s*[a-z]*\s*/\s*∂\s*[a-z]", 0.8),
    # d/dx of an integral whose upper bound is x: the fundamental theorem, not a derivative to compute
    ("fundamental_theorem_of_calculus", r"(?:d\s*/\s*dx|\\frac\s*\{d\}\s*\{dx\}).{0,12}(?:∫|\\int)\s*_\s*\{?[\w-]+\}?\s*\^\s*\{?x",
     1.0),
    # a x + b = c with numbers on the right: an equation in one unknown (y = m x + b is a line, not this)
    ("linear_equation", r"(?:^|(?<=[\s:,;，：]))-?\d*\.?\d*\s*(?<![a-z])(?<!sin )(?<!cos )(?<!tan )(?<!log )(?<!ln )[a-xz]\s*[+-]\s*\d+(?:\.\d+)?\s*=\s*-?\d+(?:\.\d+)?(?![\w^.(])",
     0.8),
    # two equations in x and y, each with numbers only on the right: a system of two linear equations
    ("linear_system_two_variables", rf"{_LIN2}\s*=\s*-?\d+(?:\.\d+)?.{{1,30}}?{_LIN2}\s*=\s*-?\d+(?:\.\d+)?(?![\w^.(])",
     1.0),
    ("slope_intercept_form", r"(?<![a-z])y\s*=\s*-?\d*\.?\d*\s*x\s*[+-]\s*\d+(?:\.\d+)?(?![\w^.(])", 0.8),
    # f⁻¹(x), f^{-1}(x): an inverse function (NFKC writes ⁻¹ as −1); sin⁻¹ is inverse_trig_functions' above
    ("inverse_function", r"(?<![a-z])[fgh]\s*(?:\^\s*\{?\s*\(?\s*[-−]\s*1\s*\)?\s*\}?|−1)\s*\(", 1.0),
    # an equation in x and y where y is not alone (a power of y, or x·y) and a derivative asked for: implicit
    ("implicit_differentiation", r"(?=.*(?:dy\s*/\s*dx|y\s*'|y′|求导|导数|derivative|differentiat))"
                                 r"(?=.*(?:y\s*(?:\^|²|³)|\d*xy|x\s*\*\s*y)[^=\n]*=|.*=[^=\n]*(?:y\s*(?:\^|²|³)|\d*xy))", 1.2),
    ("derivative", r"\\lim_?\s*\{?\s*h\s*(?:\\to|->|→)\s*0.*f\s*\(\s*x\s*\+\s*h\s*\)\s*-\s*f\s*\(\s*x\s*\)", 1.0),
    # k outcomes counted in n repeated trials, in either order ("exactly 2 sixes in 10 dice rolls", "4 heads in 6
    # tosses", "掷10次恰好2次6点"): the binomial distribution, not one roll's sample space nor independent events
    # a change of speed with a time or a distance, on a level road: uniformly accelerated motion ("slows from 30 m/s
    # to 10 m/s over 200 m", "starts from rest and covers 50 m in 10 s"), not a fall, a slope or a force
    ("kinematics_equations", rf"^(?!.*(?:drop|fall|height|hill|slope|incline|ramp|friction|force|newton|\d\s*n\b|"
                             rf"kg|mass|energy|work|下落|斜面|摩擦|力))(?=.*{_SPEED_CHANGE})(?=.*{_TIME_OR_DISTANCE})", 0.8),
    # (unless it asks whether the coin is fair: a hypothesis test on such counts)
    ("binomial_distribution", rf"^(?!.*(?:significan|hypothes|p-value|检验|显著|水平下|均匀|公平))(?=.*{_TRIALS})"
                              rf"(?=.*{_OUTCOMES})", 1.0),
]
_COMPILED = [(key, re.compile(rx), strength) for key, rx, strength in TABLE]


def signatures(text: str, folded: str, p: Params) -> dict[str, float]:
    """Per topic: the strength of the strongest signature the text carries (the table, then a conic's equation)."""
    raw = unicodedata.normalize("NFKC", text).lower()
    both = f"{raw}\n{folded}"
    out: dict[str, float] = {}
    for key, rx, strength in _COMPILED:
        if rx.search(both):
            out[key] = max(out.get(key, 0.0), strength)
    series = series_of(folded)
    if series:
        out[series] = max(out.get(series, 0.0), 1.0)
    conic = conic_of(p.expr)
    if conic:
        out[conic] = max(out.get(conic, 0.0), 1.0)
    if quadratic_equation(p):  # its tail "5x + 6 = 0" also looks like a linear equation
        out.pop("linear_equation", None)
        out["quadratic_formula"] = max(out.get("quadratic_formula", 0.0), 0.8)
    return out


def quadratic_equation(p: Params) -> bool:
    """Whether the text's formula is a second-degree equation in x alone set to zero ("x² − 4x − 1 = 0")."""
    e = p.expr
    if e is None or {str(s) for s in e.free_symbols} != {"x"} or not re.search(r"=\s*0\s*$", p.expr_text):
        return False
    try:
        return sp.Poly(sp.expand(e), *e.free_symbols).degree() == 2
    except sp.PolynomialError:
        return False


def conic_of(e: sp.Expr | None) -> str:
    """The conic a second-degree equation in x and y draws (by the sign of B² − 4AC): a circle, an ellipse, a
    parabola or a hyperbola; "" for anything else (the expression is the equation's lhs − rhs)."""
    if e is None or {str(s) for s in e.free_symbols} != {"x", "y"}:
        return ""
    x, y = sorted(e.free_symbols, key=str)  # the parser's symbols may carry assumptions; match them by name
    try:
        poly = sp.Poly(sp.expand(e), x, y)
    except sp.PolynomialError:
        return ""
    if poly.total_degree() != 2:
        return ""
    a, b, c = (poly.coeff_monomial(m) for m in (x**2, x * y, y**2))
    disc = b**2 - 4 * a * c
    if disc < 0:
        return "equation_of_circle" if a == c and b == 0 else "ellipse"
    return "parabola_focus_directrix" if disc == 0 else "hyperbola"


_TERM = r"\d+(?:\s*/\s*\d+)?"
WRITTEN_SUM = re.compile(rf"(?<![\w/.^]){_TERM}(?:\s*\+\s*{_TERM})+(?=\s*\+\s*(?:\.\.\.|\\cdots|\\ldots|…)|[^\w/.^]|$)")


def series_of(folded: str) -> str:
    """The series a written-out sum of numbers starts: 1 + 1/2 + 1/3 (reciprocals of 1, 2, 3, …) is the harmonic
    series; terms with one ratio between them, at least one a fraction (1/2 + 1/4 + 1/8), a geometric series."""
    for m in WRITTEN_SUM.finditer(folded):
        terms = [Fraction(t.replace(" ", "")) for t in m.group().split("+")]
        if len(terms) >= 3 and terms == [Fraction(1, k) for k in range(1, len(terms) + 1)]:
            return "harmonic_series"
        ratios = {b / a for a, b in zip(terms, terms[1:], strict=False) if a}
        if len(ratios) == 1 and 0 < abs(next(iter(ratios))) < 1 and any(t.denominator > 1 for t in terms):
            return "geometric_series"
    return ""
