"""The `number_theory` composer: gcd and lcm, primes, modular arithmetic and counting, computed here with sympy
on the numbers of the request ("lcm(12, 18)", "gcd of 84 and 36", "sieve up to 60"), else the entry's
`default_input`, and drawn as a teacher would: Euclid's table beside the rectangle it tiles, a sieve on a number
grid, a factor tree, a clock face, the chain of candidates of the Chinese remainder theorem, Pascal's triangle...
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import sympy as sp
from sympy.ntheory.modular import solve_congruence

from ..base import Lesson
from ..regions import Part
from .array_algorithm import Plan, plan_lesson, step_time
from .base import Ask, Rules, Unsupported, composer, numbers_in

SUP = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
DIGITS = "0123456789ABCDEF"


N = r"(-?[\d.]+)"  # a number in a caption
ZH: Rules = (  # every caption and label in Chinese, one shared table (numbers and formulas kept)
    (r", (\d+) divisors$", r"，共 \1 个因数"), (rf"^{N} in base (\d+)", r"\1 的 \2 进制"),
    (rf"^{N} is divisible by ", r"\1 能被这些数整除："), (rf"^{N} is not a prime", r"\1 不是素数"),
    (rf"^{N} is prime: cross out (.+) \(multiples of {N}\)", r"\1 是素数：划去 \2（\3 的倍数）"),
    (rf"^{N} numbers are left: coprime to {N}", r"剩下 \1 个数：与 \2 互素"),
    (rf"^{N} objects in {N} boxes: some box holds at least ", r"\1 个物体放进 \2 个盒子：总有一个盒子至少有 "),
    (rf"^{N} objects: one more in each box", r"\1 个物体：每个盒子再放一个"), (rf"^{N} primes up to {N}", r"\2 以内有 \1 个素数"),
    (rf"^{N} squares? of side {N} fit; {N} is left", r"放下 \1 个边长 \2 的正方形；剩下 \3"),
    (rf"^{N} squares of side {N} fill it exactly: gcd = ", r"\1 个边长 \2 的正方形恰好铺满：gcd = "),
    (rf"^{N} stars, {N} bars: the bars cut the stars into {N} shares", r"\1 颗星、\2 根隔板：隔板把星分成 \3 份"),
    (rf"^{N} ways: choose where the {N} bars go", r"\1 种方法：选择 \2 根隔板的位置"),
    (r"^\(all p ≤ ", "（所有 p ≤ "), (r"≈ ([\d.]+)\)$", r"≈ \1）"), (r"^Fermat: ", "费马："), (r"^Euler: ", "欧拉："),
    (r"^RSA with small numbers", "用小数字演示 RSA"), (r"^all of them:", "全部："),
    (rf"^alternating digit sum {N} divisible by {N}\?", r"交错数字和 \1 能被 \2 整除？"),
    (r"^another arrangement: the shares ", "另一种排法：各份为 "), (r"^anyone can encrypt m = ", "任何人都能加密 m = "),
    (rf"^arithmetic modulo {N}: ", r"模 \1 的算术："), (r"^back-substitute the divisions: ", "把各次除法回代："),
    (r"^check: ", "验算："), (r"^choose two primes", "选两个素数"), (r"^d undoes e modulo φ\(n\)", "d 在模 φ(n) 下抵消 e"),
    (r"^decrypt:", "解密："), (r"^decrypted: ", "解密得："), (r"^encrypt:", "加密："),
    (rf"^digit sum {N} divisible by {N}\?", r"数字和 \1 能被 \2 整除？"), (r"\? \((.+)\)$", r"？（\1）"),
    (rf"^divide by {N} again and again", r"反复除以 \1"), (rf"^divisible by {N} and by {N}\?", r"能被 \1 和 \2 整除？"),
    (rf"^divisible by {N}\? yes", r"能被 \1 整除？是"), (rf"^divisible by {N}\? no", r"能被 \1 整除？否"),
    (rf"^divisible by {N}\?", r"能被 \1 整除？"), (r"\? yes$", "？是"), (r"\? no$", "？否"),
    (r"^e is public", "e 公开"), (r"^n is public", "n 公开"), (r"^φ\(n\) is kept secret", "φ(n) 保密"),
    (r"^each number is the sum of the two above it", "每个数等于它上方两数之和"),
    (r"^each rule looks only at digits", "每条规则只看数字"), (rf"^factor {N}", r"分解 \1"),
    (rf"^gcd\({N}, {N}\): the largest square that tiles a {N} × {N} rectangle", r"gcd(\1, \2)：能铺满 \3 × \4 矩形的最大正方形"),
    (rf"^last digit {N} is {N} or {N}\?", r"末位 \1 是 \2 或 \3？"), (rf"^last digit {N} is {N}\?", r"末位 \1 是 \2？"),
    (rf"^last digit {N} is even\?", r"末位 \1 是偶数？"), (rf"^last three digits {N} divisible by {N}\?", r"末三位 \1 能被 \2 整除？"),
    (rf"^last two digits {N} divisible by {N}\?", r"末两位 \1 能被 \2 整除？"),
    (rf"^lcm\({N}, {N}\): the smallest number both divide", r"lcm(\1, \2)：两者都能整除的最小数"),
    (r"^message m = ", "明文 m = "), (r"^modulus:", "模数："), (rf"^multiples of {N} share the factor {N} with {N}", r"\1 的倍数与 \3 有公因数 \2"),
    (r"^nothing above √(\S+) is left to check: what remains is prime", r"√\1 以上无需再查：剩下的都是素数"),
    (r"^number of divisors:", "因数个数："), (r"^one congruence at a time", "一次解一个同余式"),
    (r"^only the owner of d can decrypt", "只有持有 d 的人能解密"), (rf"^powers of {N} modulo {N}", r"\1 的幂模 \2"),
    (r"^primes:", "素数："), (r"^private:", "私钥："), (r"^public:", "公钥："),
    (rf"^put {N} objects into {N} boxes as evenly as possible", r"把 \1 个物体尽量均匀地放进 \2 个盒子"),
    (r"^read the remainders upwards:", "从下往上读余数："), (r"^remainder (\w+)", r"余数 \1"),
    (rf"^share {N} identical objects among {N}", r"把 \1 个相同物体分给 \2 人"), (r"^sieving primes: ", "用来筛的素数："),
    (rf"^start at {N}, go {N} steps round the clock", r"从 \1 出发，绕钟面走 \2 步"),
    (rf"^step by {N} from {N} until the remainder mod {N} is {N}", r"从 \2 起每次加 \1，直到模 \3 余 \4"),
    (rf"^the cycle has length {N}", r"循环长度为 \1"), (rf"^the first {N} go one to a box", r"前 \1 个每盒一个"),
    (r"^the first one in both rows: ", "两行中第一个共同的数："), (r"^the highest power of each prime", "每个素数取最高次幂"),
    (r"^the last remainder is the leading digit", "最后的余数是最高位"),
    (rf"^the moduli multiply: the answer repeats every {N}", r"模数相乘：答案每 \1 重复一次"),
    (rf"^the multiples of {N}", r"\1 的倍数"), (rf"^the numbers {N} to {N}", r"数 \1 到 \2"),
    (rf"^the order of {N} is {N}, and {N} divides {N}", r"\1 的阶是 \2，且 \3 整除 \4"),
    (r"^the primes thin out slowly", "素数慢慢变稀"), (rf"^the remainder of {N} ÷ {N}", r"\1 ÷ \2 的余数"),
    (r"^the same from the primes:", "用素数同样得到："), (rf"^up to {N}: {N} more, π = ", r"到 \1：多 \2 个，π = "),
)


def sup(n: int) -> str:
    """n in superscript digits."""
    return str(n).translate(SUP)


def factor_text(n: int) -> str:
    """n as a product of prime powers: 360 → 2³ · 3² · 5."""
    return " · ".join(f"{p}{sup(k) if k > 1 else ''}" for p, k in sorted(sp.factorint(n).items())) or "1"


def request_numbers(ask: Ask, count: int, notes: list[str]) -> list[int]:
    """The first `count` whole numbers of the request, else (when it has none) the entry's default input."""
    given = [int(v) for v in ask.numbers if float(v).is_integer()]
    default = [int(v) for v in ask.settings["default_input"]]
    if given:
        values = (given + default[len(given):])[:max(count, 1)]
        notes.append(f"Numbers read from the request: {given[:count]}" +
                     (f" (the rest from the entry: {default[len(given):count]})" if len(given) < count else "") + ".")
        return values
    notes.append(f"No numbers in the request: the entry's example {default}.")
    return default[:max(count, len(default))]


def clamp(v: int, lo: int, hi: int, name: str, notes: list[str]) -> int:
    """v kept within [lo, hi], the change said in notes."""
    if not lo <= v <= hi:
        notes.append(f"{name} = {v} is outside {lo}..{hi} (what stays readable): {min(max(v, lo), hi)} is used.")
        return min(max(v, lo), hi)
    return v


# The layout plan's regions under the title and above the caption (array_algorithm.plan_lesson solves them): a
# figure left of its panel (the side: the learned prior's choice), a table alone, rows of multiples over the facts, a
# table's header over its rows, a figure alone, and the stars-and-bars row over its counts and formula.
FIGURE_PANEL = (Part("figure", "graph", 7.2, 5.9, (-3.1, -0.4)), Part("panel", "formula", 5.8, 5.6, (3.85, -0.4)))
TABLE_ALONE = (Part("panel", "formula", 12.8, 5.9, (0.0, -0.4)),)
ROWS_FACTS = (Part("rows", "graph", 13.0, 2.0, (0.0, 1.5)), Part("facts", "formula", 12.4, 2.6, (0.0, -1.1)))
HEAD_BODY = (Part("head", "formula", 12.8, 1.0, (0.0, 2.35)), Part("body", "graph", 12.8, 4.6, (0.0, -0.85)))
FIGURE_ALONE = (Part("figure", "graph", 12.8, 5.9, (0.0, -0.4)),)
STARS_PARTS = (Part("figure", "graph", 12.4, 1.5, (0.0, 0.9)), Part("counts", "formula", 9.0, 0.6, (0.0, -0.6)),
               Part("formula", "formula", 12.4, 0.7, (0.0, -1.9)))

NT_HELPERS = '''

def rows_of(lines, size=26, color=WHITE, buff=0.22):
    """Text lines, left-aligned, one under the other."""
    return VGroup(*[Text(s, font_size=size, color=color) for s in lines]).arrange(DOWN, aligned_edge=LEFT, buff=buff)


def reveal(scene, group, said, cap, step):
    """Fade the members of group in one by one, each with its caption (none when they run out); the last caption."""
    for m, s in zip(group, [*said, *[""] * len(group)]):
        more, cap = recaption(cap, s)
        scene.play(FadeIn(m, shift=0.15 * RIGHT), *more, run_time=rt(step))
    return cap
'''


# ---------------------------------------------------------------------------------------------------------------
# gcd, lcm, Bézout

GCD_LOGIC = '''
title = opening(self)
a, b = SIDES
scale = min(5.8 / a, 4.6 / b)
frame = Rectangle(width=a * scale, height=b * scale, color=WHITE, stroke_width=3)
dims = VGroup(Text(str(a), font_size=24).next_to(frame, UP, buff=0.12),
              Text(str(b), font_size=24).next_to(frame, LEFT, buff=0.12))
if TILES:  # the rectangle and its sides in the planned figure region; the tiles follow its corner and scale
    plan_fit(VGroup(frame, dims), REGIONS["figure"])
    scale = frame.width / a
corner = frame.get_corner(UL)
table = plan_fit(rows_of(ROWS, size=28), REGIONS["panel"])
cap = caption(INTRO)
self.play(*([Create(frame), FadeIn(dims)] if TILES else []), FadeIn(cap), run_time=rt(1.0))
colors = [BLUE_D, TEAL_D, GREEN_D, GOLD_D, MAROON_D, PURPLE_D]
for k, (pieces, said) in enumerate(zip(SQUARES, CAPTIONS)):
    group = VGroup()
    for x, y, w, h, label in pieces if TILES else []:
        r = Rectangle(width=w * scale, height=h * scale, stroke_color=WHITE, stroke_width=2,
                      fill_color=colors[k % 6], fill_opacity=0.55)
        group.add(r.move_to(corner + np.array([(x + w / 2) * scale, -(y + h / 2) * scale, 0])))
        if min(w, h) * scale > 0.6:
            group.add(Text(label, font_size=22).move_to(r))
    more, cap = recaption(cap, said)
    self.play(LaggedStart(*[FadeIn(t) for t in group], lag_ratio=0.15), FadeIn(table[k], shift=0.15 * RIGHT),
              *more, run_time=rt(STEP))
cap = reveal(self, table[len(SQUARES):], CAPTIONS[len(SQUARES):], cap, STEP)
self.play(table[len(SQUARES) - 1].animate.set_color(YELLOW), run_time=rt(0.5))
closing(self, cap, OUTRO)
'''


def euclid(a: int, b: int) -> list[tuple[int, int, int, int]]:
    """The division steps (a, b, q, r) of Euclid's algorithm, ending with r = 0."""
    out = []
    while b:
        out.append((a, b, a // b, a % b))
        a, b = b, a % b
    return out


def tiles(a: int, b: int, steps: list) -> list[list[list]]:
    """The pieces (x, y, width, height, label) each division step cuts from the a × b rectangle: its squares,
    or one strip "q × side" when there are more than 12."""
    x = y = 0
    w, h, out = a, b, []
    for _, side, q, _ in steps:
        across = w >= h
        if q > 12:
            out.append([[x, y, q * side, side, f"{q} × {side}"] if across else [x, y, side, q * side, f"{q} × {side}"]])
        else:
            out.append([[x + i * side, y, side, side, str(side)] if across else [x, y + i * side, side, side, str(side)]
                        for i in range(q)])
        x, w = (x + q * side, w - q * side) if across else (x, w)
        y, h = (y, h) if across else (y + q * side, h - q * side)
    return out


def bezout(a: int, b: int) -> tuple[int, int, int]:
    """(g, s, t) with a·s + b·t = g = gcd(a, b)."""
    s, t, g = sp.gcdex(a, b)
    return int(g), int(s), int(t)


def signed(v: int) -> str:
    """A number in brackets when negative, with a true minus sign: 47, (−9)."""
    return f"(−{-v})" if v < 0 else str(v)


def gcd_plan(ask: Ask, notes: list[str]) -> Plan:
    """Euclid's divisions as a table beside the rectangle they tile with squares; Bézout when extended."""
    a, b = (clamp(v, 1, 10 ** 6, "the number", notes) for v in request_numbers(ask, 2, notes)[:2])
    a, b = max(a, b), min(a, b)
    steps = euclid(a, b)
    g = steps[-1][1]
    rows = [f"{x} = {q} × {y} + {r}" for x, y, q, r in steps]
    said = [f"{q} square{'s' if q > 1 else ''} of side {y} fit; {r} is left" if r else
            f"{q} squares of side {y} fill it exactly: gcd = {y}" for _, y, q, r in steps]
    extended = bool(ask.settings.get("extended"))
    outro = f"gcd({a}, {b}) = {g}"
    if extended:
        _, s, t = bezout(a, b)
        combo = f"{a}·{signed(s)} + {b}·{signed(t)}"
        rows.append(f"{g} = {combo}")
        said.append(f"back-substitute the divisions: {combo} = {g}")
        outro += f" = {combo}"
    consts = {"SIDES": [a, b], "ROWS": rows, "SQUARES": tiles(a, b, steps), "CAPTIONS": said, "TILES": a <= 6 * b,
              "STEP": step_time(len(rows), 10, 0.8, 1.6), "INTRO": f"gcd({a}, {b}): the largest square that tiles a {a} × {b} rectangle",
              "OUTRO": outro}
    shots = [f"a {a} × {b} rectangle", "each division a = q·b + r cuts q squares of side b; the table grows beside",
             "the last non-zero remainder is the gcd" + (", then the Bézout combination" if extended else ""), outro]
    values = {"a": a, "b": b, "gcd": g, "steps": steps}
    if extended:
        values |= {"s": s, "t": t}
    return Plan(GCD_LOGIC, consts, shots, [*notes, f"Computed with Euclid's algorithm: {outro}."], values, NT_HELPERS,
                "## This run\n\n" + "\n".join(f"- {r}" for r in rows) + f"\n\n{outro}.",
                FIGURE_PANEL if consts["TILES"] else TABLE_ALONE)


LCM_LOGIC = '''
title = opening(self)
rows = VGroup()
for head, items in MULTIPLES:
    row = VGroup(Text(head, font_size=26, color=GREY_B), *[Text(s, font_size=26) for s in items])
    rows.add(row.arrange(RIGHT, buff=0.35))
plan_fit(rows.arrange(DOWN, aligned_edge=LEFT, buff=0.45), REGIONS["rows"])
facts = plan_fit(rows_of(FACTS, size=28), REGIONS["facts"], UP)
cap = caption(INTRO)
self.play(FadeIn(cap), run_time=rt(0.5))
for row, said in zip(rows, CAPTIONS):
    more, cap = recaption(cap, said)
    self.play(LaggedStart(*[FadeIn(m) for m in row], lag_ratio=0.12), *more, run_time=rt(STEP))
hits = [row[HIT[k] + 1] for k, row in enumerate(rows)]
more, cap = recaption(cap, CAPTIONS[len(rows)])
self.play(*[h.animate.set_color(YELLOW).scale(1.25) for h in hits], *more, run_time=rt(0.9))
cap = reveal(self, facts, CAPTIONS[len(rows) + 1:], cap, STEP)
closing(self, cap, OUTRO)
'''


def multiples_row(n: int, upto: int, limit: int = 9) -> tuple[list[str], int]:
    """The multiples of n up to `upto` (at most `limit` shown, "…" before the last); the index of `upto`."""
    ms = list(range(n, upto + 1, n))
    if len(ms) > limit:
        ms = [*ms[:limit - 2], "…", ms[-1]]
    return [str(m) for m in ms], len(ms) - 1


def lcm_plan(ask: Ask, notes: list[str]) -> Plan:
    """Multiples of both numbers until the first common one, then the same from the prime factorisations."""
    a, b = (clamp(v, 1, 10 ** 5, "the number", notes) for v in request_numbers(ask, 2, notes)[:2])
    m, g = math.lcm(a, b), math.gcd(a, b)
    (ra, ia), (rb, ib) = multiples_row(a, m), multiples_row(b, m)
    fa, fb = sp.factorint(a), sp.factorint(b)
    top = {p: max(fa.get(p, 0), fb.get(p, 0)) for p in sorted(set(fa) | set(fb))}
    facts = [f"{a} = {factor_text(a)}", f"{b} = {factor_text(b)}",
             "lcm = " + " · ".join(f"{p}{sup(k) if k > 1 else ''}" for p, k in top.items()) + f" = {m}",
             f"check: {a} × {b} / gcd {g} = {a * b} / {g} = {m}"]
    said = [f"the multiples of {a}", f"the multiples of {b}", f"the first one in both rows: {m}",
            "the same from the primes:", "", "the highest power of each prime", "lcm(a, b) · gcd(a, b) = a · b"]
    consts = {"MULTIPLES": [[f"{a}:", ra], [f"{b}:", rb]], "HIT": [ia, ib], "FACTS": facts, "CAPTIONS": said,
              "STEP": 1.1, "INTRO": f"lcm({a}, {b}): the smallest number both divide", "OUTRO": f"lcm({a}, {b}) = {m}"}
    shots = [f"the multiples of {a} and of {b}, row by row", f"the first common multiple {m} lights up",
             f"the factorisations {facts[0]} and {facts[1]}: the highest powers give {m}", facts[3]]
    return Plan(LCM_LOGIC, consts, shots, [*notes, f"Computed: lcm({a}, {b}) = {m}, gcd = {g}."],
                {"a": a, "b": b, "lcm": m, "gcd": g}, NT_HELPERS, "## This run\n\n" + "\n".join(f"- {f}" for f in facts),
                ROWS_FACTS)


# ---------------------------------------------------------------------------------------------------------------
# Number grids: primes, the sieve, Euler's totient

GRID_LOGIC = '''
title = opening(self)
cols = COLS
rows = (N + cols - 1) // cols
c = min(0.78, 5.9 / rows, 7.4 / cols)
cells = VGroup()
for k in range(1, N + 1):
    sq = Square(c, stroke_width=1.5, stroke_color=GREY_B, fill_color=BLACK, fill_opacity=1)
    cells.add(VGroup(sq, fit(Text(str(k), font_size=min(30, 40 * c)), 0.84 * c).move_to(sq).set_z_index(2)))
plan_fit(cells.arrange_in_grid(rows=rows, cols=cols, buff=0), REGIONS["figure"], LEFT)
panel = plan_fit(rows_of(PANEL, size=26), REGIONS["panel"], UL)
cap = caption(INTRO)
self.play(FadeIn(cells, lag_ratio=0.01), FadeIn(cap), run_time=rt(1.2))
for (marks, color, dims), said in zip(STEPS, CAPTIONS):
    more, cap = recaption(cap, said)
    anims = [cells[m - 1][0].animate.set_fill(PALETTE[color], 0.75) for m in marks]
    anims += [cells[m - 1].animate.set_opacity(0.22) for m in dims]
    if anims:
        self.play(LaggedStart(*anims, lag_ratio=min(0.1, 2.0 / len(anims))), *more, run_time=rt(STEP))
    else:
        self.play(*more, run_time=rt(STEP * 0.6))
cap = reveal(self, panel, PANEL_SAID, cap, 0.9)
closing(self, cap, OUTRO)
'''
PALETTE = '''
PALETTE = {"YELLOW": YELLOW_E, "GREEN": GREEN_E, "BLUE": BLUE_E, "RED": RED_E}
'''


def grid_size(ask: Ask, notes: list[str], lo: int = 10) -> int:
    """N for a number grid: the request's first number, kept to 10..120."""
    n = request_numbers(ask, 1, notes)[0]
    return clamp(n, lo, 120, "N", notes)


def sieve_steps(n: int) -> tuple[list, list[str]]:
    """Per prime p ≤ √n: p marked, then its multiples from p² crossed out (the ones not crossed out before)."""
    crossed, steps, said = {1}, [[[], "YELLOW", [1]]], ["1 is not a prime"]
    for p in sp.primerange(2, math.isqrt(n) + 1):
        new = [m for m in range(p * p, n + 1, p) if m not in crossed]
        crossed.update(new)
        steps.append([[int(p)], "YELLOW", new])
        said.append(f"{p} is prime: cross out {p * p}, {p * p + p}, … (multiples of {p})")
    primes = [int(p) for p in sp.primerange(2, n + 1)]
    steps.append([primes, "GREEN", []])
    said.append(f"nothing above √{n} is left to check: what remains is prime")
    return steps, said


def sieve_plan(ask: Ask, notes: list[str]) -> Plan:
    """The sieve on 1..N: each prime p ≤ √N crosses out its multiples from p²."""
    n = grid_size(ask, notes)
    steps, said = sieve_steps(n)
    count = int(sp.primepi(n))
    sieving = [s[0][0] for s in steps[1:-1]]
    panel = [f"π({n}) = {count}", f"sieving primes: {', '.join(map(str, sieving))}", f"(all p ≤ √{n} ≈ {math.sqrt(n):.2f})"]
    return grid_plan(n, (steps, said), panel, f"{count} primes up to {n}", notes,
                     {"N": n, "primes": [int(p) for p in sp.primerange(2, n + 1)], "count": count})


def primes_plan(ask: Ask, notes: list[str]) -> Plan:
    """The primes up to N lit row by row, with π(N) and N/ln N."""
    n = grid_size(ask, notes)
    cols = 10 if n <= 100 else 12
    steps, said, seen = [], [], 0
    for start in range(1, n + 1, cols):
        row = [int(p) for p in sp.primerange(start, min(start + cols, n + 1))]
        seen += len(row)
        steps.append([row, "GREEN", []])
        said.append(f"up to {min(start + cols - 1, n)}: {len(row)} more, π = {seen}")
    estimate = n / math.log(n)
    panel = [f"π({n}) = {seen}", f"{n} / ln {n} ≈ {estimate:.1f}", "the primes thin out slowly"]
    return grid_plan(n, (steps, said), panel, f"{seen} primes up to {n}", notes,
                     {"N": n, "primes": [int(p) for p in sp.primerange(2, n + 1)], "count": seen})


def totient_plan(ask: Ask, notes: list[str]) -> Plan:
    """φ(n): the multiples of each prime factor of n dimmed, the rest counted."""
    n = grid_size(ask, notes, 2)
    ps = sorted(sp.primefactors(n))
    steps, said, gone = [], [], set()
    for p in ps:
        new = [m for m in range(p, n + 1, p) if m not in gone]
        gone.update(new)
        steps.append([[], "YELLOW", new])
        said.append(f"multiples of {p} share the factor {p} with {n}")
    coprime = [k for k in range(1, n + 1) if k not in gone]
    steps.append([coprime, "GREEN", []])
    said.append(f"{len(coprime)} numbers are left: coprime to {n}")
    phi = int(sp.totient(n))
    product = " · ".join(f"(1 − 1/{p})" for p in ps)
    panel = [f"{n} = {factor_text(n)}", f"φ({n}) = {n} · {product}" if ps else "φ(1) = 1", f"= {phi}"]
    return grid_plan(n, (steps, said), panel, f"φ({n}) = {phi}", notes, {"n": n, "totient": phi, "coprime": coprime})


def grid_plan(n: int, run: tuple[list, list], panel: list, outro: str, notes: list, values: dict) -> Plan:
    """A number-grid plan: the steps (with their captions) mark and dim cells, then the panel lines come in."""
    steps, said = run
    consts = {"N": n, "COLS": 10 if n <= 100 else 12, "STEPS": steps, "CAPTIONS": said, "PANEL": panel,
              "PANEL_SAID": ["", "", ""], "STEP": step_time(len(steps), 9, 0.6, 1.4),
              "INTRO": f"the numbers 1 to {n}", "OUTRO": outro}
    shots = [f"the numbers 1 to {n} in a grid", *said[:6], "the result beside the grid: " + "; ".join(panel)]
    return Plan(GRID_LOGIC, consts, shots, [*notes, f"Computed: {outro}."], values, NT_HELPERS + PALETTE,
                "## This run\n\n" + "\n".join(f"- {s}" for s in [*said, *panel]), FIGURE_PANEL)


# ---------------------------------------------------------------------------------------------------------------
# Factor tree

TREE_LOGIC = '''
title = opening(self)
labels = [Text(s, font_size=30) for s in NAMES]
for t, (x, y) in zip(labels, POS):
    t.move_to([x, y, 0])
rings = {k: Circle(radius=max(labels[k].width, labels[k].height) / 2 + 0.14, color=GREEN).move_to(labels[k])
         for k in LEAVES}
plan_fit(VGroup(*labels, *rings.values()), REGIONS["figure"])  # the links are drawn between the placed labels
panel = plan_fit(rows_of(PANEL, size=28), REGIONS["panel"], LEFT)
cap = caption(INTRO)
self.play(FadeIn(labels[0]), FadeIn(cap), run_time=rt(0.8))
for (parent, left, right), said in zip(SPLITS, CAPTIONS):
    links = VGroup(*[Line(labels[parent].get_bottom(), labels[k].get_top(), buff=0.08, color=GREY_B)
                     for k in (left, right)])
    more, cap = recaption(cap, said)
    self.play(Create(links), FadeIn(labels[left], shift=0.2 * DOWN), FadeIn(labels[right], shift=0.2 * DOWN),
              *[Create(rings[k]) for k in (left, right) if k in rings], *more, run_time=rt(STEP))
cap = reveal(self, panel, PANEL_SAID, cap, 1.0)
closing(self, cap, OUTRO)
'''


def factor_splits(n: int) -> list[tuple[int, int]]:
    """The splits n = leaf × rest down the tree: the smallest prime (or, for more than 8 levels, its whole
    prime power) goes left."""
    f = sp.factorint(n)
    by_power = sum(f.values()) > 8
    out, rest = [], n
    for p, k in sorted(f.items()):
        for _ in range(1 if by_power else k):
            leaf = p ** k if by_power else p
            if rest == leaf:
                return out
            out.append((leaf, rest // leaf))
            rest //= leaf
    return out


def factor_tree_plan(ask: Ask, notes: list[str]) -> Plan:
    """Split off the smallest prime again and again; the circled leaves are the prime factorisation."""
    n = clamp(request_numbers(ask, 1, notes)[0], 4, 10 ** 9, "n", notes)
    splits = factor_splits(n)
    depth = len(splits)
    dy, dx = min(1.0, 5.0 / max(depth, 1)), min(1.1, 5.4 / max(depth, 1))
    names, pos, edges = [str(n)], [[-5.0, 2.3]], []
    for k, (leaf, rest) in enumerate(splits):
        x, y = -5.0 + (k + 1) * dx, 2.3 - (k + 1) * dy
        names += [factor_text(leaf), str(rest)]
        pos += [[round(x - 1.0 * dx, 3), round(y, 3)], [round(x + 0.35 * dx, 3), round(y, 3)]]
        edges.append([0 if k == 0 else 2 * k, 2 * k + 1, 2 * k + 2])
    leaves = [2 * k + 1 for k in range(depth)] + [2 * depth]
    if not splits:
        notes.append(f"{n} is prime: its tree is the number itself.")
    f = sp.factorint(n)
    count = math.prod(k + 1 for k in f.values())
    panel = [f"{n} = {factor_text(n)}", "number of divisors:", "".join(f"({k} + 1)" for k in f.values()) + f" = {count}"]
    said = [f"{a * b} = {factor_text(a)} × {b}" for a, b in splits]
    consts = {"NAMES": names, "POS": pos, "SPLITS": edges, "LEAVES": leaves, "PANEL": panel, "PANEL_SAID": [],
              "CAPTIONS": said, "STEP": step_time(depth, 8, 0.8, 1.5), "INTRO": f"factor {n}",
              "OUTRO": f"{n} = {factor_text(n)}, {count} divisors"}
    shots = [f"{n} at the top", "each level splits off the smallest prime (circled in green)",
             f"the leaves give {panel[0]}", f"{panel[1]} {panel[2]}"]
    return Plan(TREE_LOGIC, consts, shots, [*notes, f"sympy.factorint: {panel[0]}; {panel[1]} {panel[2]}."],
                {"n": n, "factors": {int(p): int(k) for p, k in f.items()}, "divisors": count}, NT_HELPERS,
                "## This run\n\n" + "\n".join(f"- {s}" for s in [*said, *panel]), FIGURE_PANEL)


# ---------------------------------------------------------------------------------------------------------------
# Clock arithmetic and power cycles

CLOCK_LOGIC = '''
title = opening(self)
m = MODULUS
R = 2.3
centre = np.array([-3.3, -0.35, 0])
face = Circle(radius=R, color=GREY_B).move_to(centre)
spot = [centre + R * np.array([np.sin(TAU * k / m), np.cos(TAU * k / m), 0]) for k in range(m)]
ticks = VGroup(*[Dot(p, radius=0.06, color=GREY_B) for p in spot])
nums = VGroup(*[Text(str(k), font_size=24 if m <= 16 else 20).move_to(centre + (R + 0.38) * (p - centre) / R)
                for k, p in enumerate(spot)])
plan_fit(VGroup(face, ticks, nums), REGIONS["figure"])
spot = [t.get_center() for t in ticks]  # where the hand goes, on the placed face
table = plan_fit(rows_of(ROWS, size=26, buff=0.18), REGIONS["panel"])
cap = caption(INTRO)
self.play(Create(face), FadeIn(ticks), FadeIn(nums), FadeIn(cap), run_time=rt(1.0))
hand = Dot(spot[START], radius=0.14, color=YELLOW)
self.play(FadeIn(hand, scale=2), run_time=rt(0.5))
for k, (hops, said) in enumerate(zip(MOVES, CAPTIONS)):
    more, cap = recaption(cap, said)
    if JUMPS:
        arrow = CurvedArrow(hand.get_center(), spot[hops], angle=-0.6, color=TEAL, stroke_width=3)
        self.play(Create(arrow), hand.animate.move_to(spot[hops]), FadeIn(table[k]), *more, run_time=rt(STEP))
        self.play(arrow.animate.set_stroke(opacity=0.35), run_time=rt(0.2))
    else:
        path = VMobject().set_points_as_corners([spot[h] for h in hops])
        self.play(MoveAlongPath(hand, path, rate_func=linear) if len(hops) > 1 else Wait(),
                  FadeIn(table[k]), *more, run_time=rt(STEP * (1 + len(hops) / 12)))
    self.play(Indicate(nums[(hops if JUMPS else hops[-1])], color=YELLOW), run_time=rt(0.4))
cap = reveal(self, table[len(MOVES):], CAPTIONS[len(MOVES):], cap, 1.0)
closing(self, cap, OUTRO)
'''


MOD = re.compile(r"(?:\bmod(?:ulo)?\b|%)\s*\(?\s*(\d+)", re.I)


def clock_numbers(ask: Ask, notes: list[str]) -> tuple[int, int, int]:
    """(n, a, b) for a + b on a clock of n. With "mod n" in the request, n follows it: "17 mod 5" is 0 + 17,
    "(7 + 8) mod 12" is 7 + 8, "17 ≡ ? (mod 5)" is 0 + 17; else the first number is the modulus ("arithmetic
    mod 12" too) and the next two are a and b."""
    text = ask.params.concept
    m = MOD.search(text)
    before = [int(v) for v in numbers_in(text[:m.start()]) if float(v).is_integer() and v >= 0] if m else []
    if m and before:
        n = clamp(int(m.group(1)), 2, 24, "n", notes)
        plus = re.search(r"(\d+)\s*\+\s*(\d+)", text[:m.start()])
        a, b = (int(plus.group(1)) % n, int(plus.group(2))) if plus else (0, before[0])
        notes.append(f"Clock of n = {n}: {a} + {b} (from the request).")
    else:
        given = [int(v) for v in ask.numbers if float(v).is_integer()]
        n = clamp(given[0] if given else int(ask.settings["default_input"][0]), 2, 24, "n", notes)
        a = given[1] % n if len(given) > 1 else max(n - 3, 0)
        b = given[2] if len(given) > 2 else 5
        notes.append(f"Clock of n = {n}: {a} + {b}" + (" (from the request)." if len(given) > 1 else " (an example)."))
    return n, a, max(b, 0)


def clock_plan(ask: Ask, notes: list[str]) -> Plan:
    """Addition on a clock face: a + b steps around n positions lands on (a + b) mod n."""
    n, a, b = clock_numbers(ask, notes)
    steps = b if b <= max(3 * n, 36) else b % n + n  # many turns: one is walked, the rest only counted
    walk = [(a + k) % n for k in range(steps + 1)]
    total = a + b
    sum_ = f"{a} + {b}" if a else f"{b}"
    rows = ([f"{a} + {b} = {total}"] if a else []) + [f"{total} = {total // n} × {n} + {total % n}",
                                                     f"{sum_} ≡ {total % n} (mod {n})"]
    said = ["", "", f"the remainder of {total} ÷ {n}"][-len(rows):]
    said[0] = f"start at {a}, go {b} steps round the clock" if steps == b else \
        f"start at {a}, go {b} steps: {b // n} full turns (one is shown) and {b % n} more"
    consts = {"MODULUS": n, "START": a, "MOVES": [walk], "JUMPS": False, "ROWS": rows, "CAPTIONS": said,
              "STEP": 1.6, "INTRO": f"arithmetic modulo {n}: {n} ≡ 0", "OUTRO": rows[-1]}
    shots = [f"a clock face with the positions 0 to {n - 1}", f"a hand starts at {a} and moves {b} steps",
             f"it stops at {total % n}: {rows[-1]}"]
    return Plan(CLOCK_LOGIC, consts, shots, [*notes, f"Computed: {rows[-1]}."], {"n": n, "a": a, "b": b,
                "result": total % n}, NT_HELPERS, "## This run\n\n" + "\n".join(f"- {r}" for r in rows), FIGURE_PANEL)


def power_cycle_plan(ask: Ask, notes: list[str]) -> Plan:
    """The powers a^k mod p hop around a clock of p positions and come back to 1 at k = p - 1 (Fermat)."""
    p, a = request_numbers(ask, 2, notes)[:2]
    p = clamp(p, 3, 23, "p", notes)
    a %= p
    if math.gcd(a, p) != 1:
        raise Unsupported(f"gcd({a}, {p}) > 1: no cycle back to 1")
    phi = p - 1 if sp.isprime(p) else int(sp.totient(p))
    k_max = min(phi, 12)
    powers = [pow(a, k, p) for k in range(1, k_max + 1)]
    rows = [f"{a}{sup(k)} ≡ {v}  (mod {p})" for k, v in enumerate(powers, 1)]
    law = "Fermat" if sp.isprime(p) else "Euler"
    order = int(sp.n_order(a, p))
    said = [f"{a}{sup(k)} = {a}{sup(k - 1)} · {a} ≡ {v}" if k > 1 else f"{a}{sup(1)} = {v}" for k, v in enumerate(powers, 1)]
    rows += [f"{law}: {a}{sup(phi)} ≡ 1 (mod {p})", f"the cycle has length {order}"]
    said += [f"the order of {a} is {order}, and {order} divides {phi}", ""]
    consts = {"MODULUS": p, "START": 1, "MOVES": powers, "JUMPS": True, "ROWS": rows, "CAPTIONS": said,
              "STEP": step_time(k_max, 8, 0.6, 1.2), "INTRO": f"powers of {a} modulo {p}",
              "OUTRO": f"{a}{sup(phi)} ≡ 1 (mod {p})"}
    shots = [f"a clock of {p} positions", f"a hand jumps to {a}, {a}², {a}³, … modulo {p}",
             f"after {order} jumps it is back at 1; {rows[-1]}"]
    return Plan(CLOCK_LOGIC, consts, shots, [*notes, f"Computed: powers {powers}; order {order}."],
                {"p": p, "a": a, "powers": powers, "order": order}, NT_HELPERS,
                "## This run\n\n" + "\n".join(f"- {r}" for r in rows), FIGURE_PANEL)


# ---------------------------------------------------------------------------------------------------------------
# Tables of text: the Chinese remainder theorem, divisibility, bases, RSA

ROWS_LOGIC = '''
title = opening(self)
head = plan_fit(rows_of(HEAD, size=30, color=YELLOW, buff=0.2), REGIONS["head"], UP)
body = VGroup()
for row in ROWS:
    body.add(VGroup(*[Text(s, font_size=30, color=GREY_B if k == 0 and len(row) > 1 else WHITE)
                      for k, s in enumerate(row)]).arrange(RIGHT, buff=0.3))
body.arrange(DOWN, aligned_edge=LEFT, buff=0.3)
plan_fit(body, REGIONS["body"], UP)
cap = caption(INTRO)
self.play(FadeIn(head), FadeIn(cap), run_time=rt(1.0))
for row, said, hit in zip(body, CAPTIONS, HITS):
    more, cap = recaption(cap, said)
    self.play(LaggedStart(*[FadeIn(t) for t in row], lag_ratio=0.1), *more, run_time=rt(STEP))
    if hit >= 0:
        self.play(row[hit].animate.set_color(GREEN), run_time=rt(0.4))
closing(self, cap, OUTRO)
'''


def rows_plan(rows: list, said: list, hits: list, text: dict) -> Plan:
    """A plan for the rows template: `text` has head, intro, outro, shots, computed, values."""
    consts = {"HEAD": text["head"], "ROWS": rows, "CAPTIONS": said, "HITS": hits,
              "STEP": step_time(len(rows), 10, 0.7, 1.5), "INTRO": text["intro"], "OUTRO": text["outro"]}
    notes = "\n".join(f"- {' '.join(r)}" for r in rows)
    return Plan(ROWS_LOGIC, consts, text["shots"], text["computed"], text["values"], NT_HELPERS,
                f"## This run\n\n{notes}\n\n{text['outro']}.", HEAD_BODY)


def crt_plan(ask: Ask, notes: list[str]) -> Plan:
    """Solve x ≡ a_i (mod n_i) by sieving: step through one congruence's solutions until the next one holds."""
    given = [int(v) for v in ask.numbers if float(v).is_integer()]
    vals = given if len(given) >= 4 and len(given) % 2 == 0 else [int(v) for v in ask.settings["default_input"]]
    notes.append(f"Congruences {'from the request' if vals is given else 'of the entry'}: {vals}.")
    pairs = [(vals[i] % max(vals[i + 1], 1), vals[i + 1]) for i in range(0, len(vals) - 1, 2)][:4]
    if len(pairs) < 2 or any(not 2 <= n <= 40 for _, n in pairs):
        raise Unsupported("the sieve is drawn for two to four congruences with moduli 2..40")
    x, step = pairs[0]
    rows, said, hits = [], [], []
    for a, n in pairs[1:]:
        cands = [x + k * step for k in range(n)]
        hit = next((k for k, c in enumerate(cands) if c % n == a), -1)
        shown = cands[:hit + 1] if hit >= 0 else cands[:10]
        rows.append([f"{x} + {step}k:", *map(str, shown)])
        said.append(f"step by {step} from {x} until the remainder mod {n} is {a}")
        hits.append(hit + 1 if hit >= 0 else -1)
        if hit < 0:
            break
        x, step = cands[hit], math.lcm(step, n)
    solved = solve_congruence(*pairs)
    outro = f"x ≡ {solved[0]} (mod {solved[1]})" if solved else "no solution: the congruences contradict each other"
    if solved:
        rows.append(["all of them:", outro])
        said.append(f"the moduli multiply: the answer repeats every {solved[1]}")
        hits.append(1)
    text = {"head": ["   ".join(f"x ≡ {a} (mod {n})" for a, n in pairs)], "intro": "one congruence at a time",
            "outro": outro, "shots": ["the congruences at the top", "each row steps through the numbers that satisfy "
                                      "the congruences so far until the next one holds (green)", f"the result: {outro}"],
            "computed": [*notes, f"sympy solve_congruence: {outro}."],
            "values": {"pairs": pairs, "solution": list(solved) if solved else None}}
    return rows_plan(rows, said, hits, text)


def divisibility_rows(n: int) -> list[tuple[str, str, bool]]:
    """(divisor, the rule applied to n with its numbers, divisible?) for 2, 3, 4, 5, 6, 8, 9, 10, 11."""
    s, digits = str(n), [int(c) for c in str(n)]
    ds = sum(digits)
    alt = sum(d if i % 2 == 0 else -d for i, d in enumerate(reversed(digits)))
    return [("2", f"last digit {s[-1]} is even?", n % 2 == 0), ("3", f"digit sum {ds} divisible by 3?", ds % 3 == 0),
            ("4", f"last two digits {int(s[-2:])} divisible by 4?", n % 4 == 0),
            ("5", f"last digit {s[-1]} is 0 or 5?", n % 5 == 0), ("6", "divisible by 2 and by 3?", n % 6 == 0),
            ("8", f"last three digits {int(s[-3:])} divisible by 8?", n % 8 == 0),
            ("9", f"digit sum {ds} divisible by 9? ({ds} mod 9 = {ds % 9})", ds % 9 == 0),
            ("10", f"last digit {s[-1]} is 0?", n % 10 == 0),
            ("11", f"alternating digit sum {alt} divisible by 11?", n % 11 == 0)]


def divisibility_plan(ask: Ask, notes: list[str]) -> Plan:
    """The digit rules for 2 to 11 checked on n."""
    n = clamp(request_numbers(ask, 1, notes)[0], 10, 10 ** 12, "n", notes)
    table = divisibility_rows(n)
    rows = [[f"÷ {d}", rule, "✓" if ok else "✗"] for d, rule, ok in table]
    yes = [d for d, _, ok in table if ok]
    outro = f"{n} is divisible by {', '.join(yes)}" if yes else f"{n} is divisible by none of 2–11"
    text = {"head": [f"n = {n}"], "intro": "each rule looks only at digits", "outro": outro,
            "shots": [f"the number {n}", "the rules for 2, 3, 4, 5, 6, 8, 9, 10, 11 one by one, each checked on its "
                      "digits (✓ or ✗)", outro],
            "computed": [*notes, f"Checked: {outro}; {n} mod 9 = {n % 9}."], "values": {"n": n, "divisors": yes}}
    return rows_plan(rows, [f"divisible by {d}? {'yes' if ok else 'no'}" for d, _, ok in table],
                     [2 if ok else -1 for *_, ok in table], text)


def in_base(n: int, b: int) -> str:
    """The digits of n ≥ 1 in base b (2..16)."""
    out = ""
    while n:
        n, r = divmod(n, b)
        out = DIGITS[r] + out
    return out


def base_plan(ask: Ask, notes: list[str]) -> Plan:
    """Repeated division by the base; the remainders read upwards are the digits."""
    n, b = request_numbers(ask, 2, notes)[:2]
    b = clamp(b, 2, 16, "the base", notes)
    n = clamp(n, 1, min(10 ** 6, b ** 10 - 1), "n", notes)
    rows, said, q = [], [], n
    while q:
        rows.append([f"{q} ÷ {b}", f"= {q // b}", f"remainder {DIGITS[q % b]}"])
        said.append(f"{q} = {q // b} × {b} + {q % b}")
        q //= b
    digits = in_base(n, b)
    place = " + ".join(f"{DIGITS.index(d)}·{b}{sup(len(digits) - 1 - k)}" for k, d in enumerate(digits))
    rows.append(["read the remainders upwards:", f"{n} = {digits}{str(b).translate(SUB)}"])
    said.append("the last remainder is the leading digit")
    text = {"head": [f"{n} in base {b}"], "intro": f"divide by {b} again and again", "outro": f"{place} = {n}",
            "shots": [f"{n} divided by {b} again and again, each remainder kept", f"the remainders read upwards: {digits}",
                      f"the check with place values: {place} = {n}"],
            "computed": [*notes, f"{n} in base {b} is {digits}."], "values": {"n": n, "base": b, "digits": digits}}
    return rows_plan(rows, said, [2] * (len(rows) - 1) + [1], text)


def rsa_plan(ask: Ask, notes: list[str]) -> Plan:
    """RSA with small primes: n, φ, e, d, then encrypt m and decrypt c."""
    p, q, e, m = request_numbers(ask, 4, notes)[:4]
    if not (sp.isprime(p) and sp.isprime(q)) or p == q or p * q > 10 ** 6:
        raise Unsupported("RSA needs two different small primes p and q")
    n, phi = p * q, (p - 1) * (q - 1)
    if math.gcd(e, phi) != 1 or not 1 < e < phi:
        e = next(k for k in range(3, phi) if math.gcd(k, phi) == 1)
        notes.append(f"e must be coprime to φ = {phi}: e = {e} is used.")
    d, m = int(sp.mod_inverse(e, phi)), m % n
    c = pow(m, e, n)
    rows = [["primes:", f"p = {p}, q = {q}"], ["modulus:", f"n = p·q = {n}"], ["φ(n):", f"(p − 1)(q − 1) = {phi}"],
            ["public:", f"e = {e}, gcd({e}, {phi}) = 1"], ["private:", f"d = {e}⁻¹ mod {phi} = {d}   ({e}·{d} = {e * d})"],
            ["encrypt:", f"c = m{sup(e)} mod n = {m}{sup(e)} mod {n} = {c}"],
            ["decrypt:", f"c{sup(d)} mod n = {c}{sup(d)} mod {n} = {pow(c, d, n)}"]]
    said = ["choose two primes", "n is public", "φ(n) is kept secret", "e is public", "d undoes e modulo φ(n)",
            f"anyone can encrypt m = {m}", "only the owner of d can decrypt"]
    text = {"head": [f"message m = {m}"], "intro": "RSA with small numbers", "outro": f"decrypted: {pow(c, d, n)} = m",
            "shots": ["the key: p, q, n, φ(n), e and d, one line each", f"encryption {m} → {c} and decryption {c} → {m}"],
            "computed": [*notes, f"n = {n}, φ = {phi}, e = {e}, d = {d}, c = {c}, decrypted {pow(c, d, n)}."],
            "values": {"n": n, "phi": phi, "e": e, "d": d, "m": m, "c": c}}
    return rows_plan(rows, said, [-1, -1, -1, -1, -1, 1, 1], text)


# ---------------------------------------------------------------------------------------------------------------
# Counting: Pascal's triangle, the pigeonhole principle, stars and bars

PASCAL_LOGIC = '''
title = opening(self)
n = len(TRIANGLE)
dx, dy = min(1.0, 12.4 / n), min(0.62, 5.7 / n)
size = int(min(30, 46 * dx, 46 * dy))
rows = VGroup()
for r, row in enumerate(TRIANGLE):
    rows.add(VGroup(*[Text(s, font_size=size).move_to([(k - r / 2) * dx, 2.85 - (r + 0.5) * dy, 0])
                      for k, s in enumerate(row)]))
for row in rows:
    for t in row:
        fit(t, dx * 0.92)
plan_fit(rows, REGIONS["figure"])
cap = caption(INTRO)
self.play(FadeIn(rows[0]), FadeIn(cap), run_time=rt(0.6))
for row in rows[1:]:
    self.play(LaggedStart(*[FadeIn(t, shift=0.15 * DOWN) for t in row], lag_ratio=0.08), run_time=rt(STEP))
r, k = FOCUS
above = [rows[r - 1][j] for j in (k - 1, k)]
more, cap = recaption(cap, CAPTIONS[0])
self.play(*[t.animate.set_color(BLUE) for t in above], rows[r][k].animate.set_color(YELLOW), *more, run_time=rt(1.0))
closing(self, cap, OUTRO, Indicate(rows[r][k], color=YELLOW))
'''


def pascal_plan(ask: Ask, notes: list[str]) -> Plan:
    """Pascal's triangle row by row; one entry as the sum of the two above."""
    rows = clamp(request_numbers(ask, 1, notes)[0], 3, 13, "the number of rows", notes)
    tri = [[str(math.comb(r, k)) for k in range(r + 1)] for r in range(rows)]
    ex = ask.entry.example.values
    r = min(int(ex.get("n", rows - 1)), rows - 1)
    k = min(max(int(ex.get("k", r // 2)), 1), r - 1)
    said = f"C({r}, {k}) = C({r - 1}, {k - 1}) + C({r - 1}, {k}) = {math.comb(r - 1, k - 1)} + {math.comb(r - 1, k)}"
    outro = f"{said} = {math.comb(r, k)}"
    consts = {"TRIANGLE": tri, "FOCUS": [r, k], "CAPTIONS": [said], "STEP": step_time(rows, 7, 0.4, 0.9),
              "INTRO": "each number is the sum of the two above it", "OUTRO": outro}
    shots = [f"rows 0 to {rows - 1} of Pascal's triangle, one by one",
             f"row {r}, place {k}: the two numbers above it (blue) add up to it (yellow)", outro]
    return Plan(PASCAL_LOGIC, consts, shots, [*notes, f"Computed the binomial coefficients; {outro}."],
                {"rows": rows, "triangle": tri, "focus": (r, k), "value": math.comb(r, k)}, NT_HELPERS,
                "## This run\n\n" + "\n".join(f"- row {i}: {' '.join(row)}" for i, row in enumerate(tri)) + f"\n\n{outro}.",
                FIGURE_ALONE)


PIGEON_LOGIC = '''
title = opening(self)
k = len(FILL)
w = min(1.1, 11.5 / k)
boxes = VGroup(*[Rectangle(width=w * 0.9, height=3.2, color=GREY_B) for _ in range(k)]).arrange(RIGHT, buff=w * 0.1)
names = VGroup(*[Text(str(j + 1), font_size=22, color=GREY_B).next_to(b, DOWN, buff=0.12) for j, b in enumerate(boxes)])
plan_fit(VGroup(boxes, names), REGIONS["figure"])
s = boxes[0].width / (w * 0.9)  # the plan's scale: the objects dropped in shrink with their boxes
cap = caption(INTRO)
self.play(Create(boxes), FadeIn(names), FadeIn(cap), run_time=rt(1.0))
r = min(0.16, w * 0.18) * s
dots, count = VGroup(), [0] * k
for j, box in enumerate(DROPS):
    d = Dot(radius=r, color=BLUE).move_to(boxes[box].get_bottom() + UP * (0.25 * s + 2.6 * r * count[box]))
    count[box] += 1
    dots.add(d)
batches = [dots[i:i + k] for i in range(0, len(dots), k)]
for batch, said in zip(batches, CAPTIONS):
    more, cap = recaption(cap, said)
    self.play(LaggedStart(*[FadeIn(d, shift=1.5 * DOWN) for d in batch], lag_ratio=0.08), *more, run_time=rt(STEP))
full = max(range(k), key=lambda j: count[j])
closing(self, cap, OUTRO, boxes[full].animate.set_stroke(YELLOW, 6))
'''


def pigeonhole_plan(ask: Ask, notes: list[str]) -> Plan:
    """n objects dropped into k boxes in turn: some box gets ⌈n/k⌉."""
    n, k = request_numbers(ask, 2, notes)[:2]
    k = clamp(k, 2, 12, "boxes", notes)
    n = clamp(n, k + 1, min(7 * k, 60), "objects", notes)
    most = -(-n // k)
    drops = [j % k for j in range(n)]
    said = [f"{min((i + 1) * k, n)} objects: one more in each box" if i else f"the first {k} go one to a box"
            for i in range(-(-n // k))]
    outro = f"{n} objects in {k} boxes: some box holds at least ⌈{n}/{k}⌉ = {most}"
    consts = {"FILL": [drops.count(j) for j in range(k)], "DROPS": drops, "CAPTIONS": said, "STEP": 1.2,
              "INTRO": f"put {n} objects into {k} boxes as evenly as possible", "OUTRO": outro}
    shots = [f"{k} empty boxes", f"{n} objects dropped in turn, one per box per round", outro]
    return Plan(PIGEON_LOGIC, consts, shots, [*notes, f"Computed: ⌈{n}/{k}⌉ = {most}."],
                {"objects": n, "boxes": k, "at_least": most}, NT_HELPERS, f"## This run\n\n{outro}.", FIGURE_ALONE)


STARS_LOGIC = '''
title = opening(self)
slots = len(ARRANGEMENTS[0][0])
FIG = REGIONS["figure"]
w = min(0.8, (FIG[1] - FIG[0]) / slots)
xs = [(FIG[0] + FIG[1]) / 2 + (j - (slots - 1) / 2) * w for j in range(slots)]
y = (FIG[2] + FIG[3]) / 2
half = min(0.6, (FIG[3] - FIG[2]) / 2)


def symbol(ch, x):
    if ch == "*":
        return Star(n=5, outer_radius=min(w * 0.36, half * 0.6), color=YELLOW, fill_opacity=1).move_to([x, y, 0])
    return Line([x, y - half, 0], [x, y + half, 0], color=BLUE, stroke_width=6)


formula = plan_fit(Text(FORMULA, font_size=30), REGIONS["formula"])
cap = caption(INTRO)
row, tup = None, None
for (pattern, counts), said in zip(ARRANGEMENTS, CAPTIONS):
    new = VGroup(*[symbol(ch, x) for ch, x in zip(pattern, xs)])
    new_tup = plan_fit(Text(counts, font_size=30, color=GREY_B), REGIONS["counts"])
    more, cap = recaption(cap, said)
    if row is None:
        self.play(LaggedStart(*[FadeIn(m) for m in new], lag_ratio=0.05), FadeIn(new_tup), FadeIn(cap), run_time=rt(1.4))
    else:
        self.play(Transform(row, new), Transform(tup, new_tup), *more, run_time=rt(STEP))
        new, new_tup = row, tup
    row, tup = new, new_tup
    self.wait(rt(0.6))
closing(self, cap, OUTRO, Write(formula))
'''


def stars_plan(ask: Ask, notes: list[str]) -> Plan:
    """Stars and bars: a few arrangements, then C(n + k − 1, k − 1)."""
    n, k = request_numbers(ask, 2, notes)[:2]
    n, k = clamp(n, 1, 16, "objects", notes), clamp(k, 2, 6, "recipients", notes)
    base, extra = divmod(n, k)
    shares = [[n] + [0] * (k - 1), [base + (j < extra) for j in range(k)], [0] * (k - 1) + [n]]
    if k > 2:
        shares.insert(2, [1] * (k - 1) + [n - k + 1] if n >= k else [n] + [0] * (k - 1))
    arrangements = [["|".join("*" * c for c in s), "(" + ", ".join(map(str, s)) + ")"] for s in shares]
    total = math.comb(n + k - 1, k - 1)
    formula = f"C({n} + {k} − 1, {k} − 1) = C({n + k - 1}, {k - 1}) = {total}"
    said = [f"{n} stars, {k - 1} bars: the bars cut the stars into {k} shares"] + \
        [f"another arrangement: the shares {t}" for _, t in arrangements[1:]]
    consts = {"ARRANGEMENTS": arrangements, "CAPTIONS": said, "FORMULA": formula, "STEP": 1.3,
              "INTRO": f"share {n} identical objects among {k}", "OUTRO": f"{total} ways: choose where the {k - 1} bars go"}
    shots = [f"{n} stars and {k - 1} bars in a row: the shares between the bars",
             "the bars move: " + ", ".join(t for _, t in arrangements), formula]
    return Plan(STARS_LOGIC, consts, shots, [*notes, f"Computed: {formula}."], {"n": n, "k": k, "ways": total},
                NT_HELPERS, f"## This run\n\n{formula}.", STARS_PARTS)


PLANS: dict[str, Callable[[Ask, list], Plan]] = {
    "gcd": gcd_plan, "lcm": lcm_plan, "sieve": sieve_plan, "primes": primes_plan, "totient": totient_plan,
    "factor_tree": factor_tree_plan, "congruence": crt_plan, "divisibility": divisibility_plan, "base": base_plan,
    "rsa": rsa_plan, "pascal": pascal_plan, "pigeonhole": pigeonhole_plan, "stars_and_bars": stars_plan}


@composer("number_theory")
def number_theory(ask: Ask) -> Lesson:
    """A number-theory entry computed on the request's numbers (or the entry's) and drawn."""
    kind = ask.settings["kind"]
    if kind == "modular":
        plan = power_cycle_plan if ask.settings.get("show") == "power_cycle" else clock_plan
    else:
        plan = PLANS.get(kind)
    if plan is None:
        raise Unsupported(kind)
    return plan_lesson(ask, plan(ask, []), ZH, None)
