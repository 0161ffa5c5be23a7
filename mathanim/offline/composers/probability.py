"""The `probability` composer: sample spaces, Venn diagrams, trees (Bayes with natural frequencies), bar charts,
distributions, scatter plots with the regression line, Markov chains, counting trees and simulations.

Everything is computed here: exact probabilities with sympy/fractions, and the simulations with a FIXED seed
(Galton board, sample means, running frequencies, confidence intervals, Monty Hall, birthdays, random walks,
Buffon's needle, hat checks), so the scene replays a run whose numbers the notes repeat. The request's numbers
("n = 20, p = 0.3", "prior 2%", "300 games") replace the entry's settings.
"""

from __future__ import annotations

import dataclasses
import math
import random
import re
from fractions import Fraction

import sympy as sp

from ..base import Lesson
from ..common import num
from ..regions import Part
from .array_algorithm import Plan, plan_lesson, request_list, step_time
from .base import Ask, Rules, Unsupported, composer

SEED = 20240  # every simulation draws from random.Random(SEED): the same run each time


N = r"(-?[\d.,]+%?)"  # a number in a caption
WORDS = {"car": "汽车", "goat": "山羊", "count": "次数", "flips": "抛掷次数", "frequency": "频率", "games": "局数",
         "wins": "获胜比例", "shuffles": "洗牌次数", "share": "比例", "people": "人数", "steps": "步数", "position": "位置",
         "throws": "投掷次数", "estimate": "估计值", "time": "时间", "sick": "患病", "healthy": "健康", "sunny": "晴",
         "rainy": "雨", "first die": "第一颗骰子", "second die": "第二颗骰子", "blue on the left": "左边的蓝色分子",
         "the means": "平均值", "the data": "数据", "the intercept": "截距", "the slope": "斜率"}  # whole labels
ZH: Rules = (  # every caption, panel line and axis word in Chinese, one shared table (numbers, formulas kept)
    *((f"^{en}$", zh) for en, zh in WORDS.items()),
    (rf"^{N} balls through {N} rows of pegs \(seed (\d+)\)", r"\1 个球穿过 \2 排钉子（种子 \3）"), (rf"^{N} balls$", r"\1 个球"),
    (rf"^{N} choices for the first", r"第一个有 \1 种选择"), (rf"^{N} left for the second", r"第二个还剩 \1 种"),
    (rf"^{N} for the third", r"第三个有 \1 种"),
    (rf"^{N} games \(seed (\d+)\): green switches, orange stays", r"\1 局（种子 \2）：绿色换门，橙色不换"),
    (rf"^{N} guests get their hats back at random", r"\1 位客人随机取回帽子"), (rf"^{N} means of {N} rolls?", r"\1 个 \2 次掷骰的平均值"),
    (rf"^{N} molecules fly and bounce \(seed (\d+)\)", r"\1 个分子飞行、碰撞（种子 \2）"),
    (rf"^{N} nitrogen molecules at {N} K \(seed (\d+)\)", r"\2 K 下的 \1 个氮分子（种子 \3）"),
    (rf"^{N} of {N} intervals contain μ ≈ ", r"\2 个区间中有 \1 个包含 μ ≈ "), (rf"^{N} of {N} contain μ", r"\2 个中有 \1 个包含 μ"),
    (rf"^{N} of {N} crossed: ", r"\2 根中 \1 根相交："), (rf"^{N} people: ", r"\1 人："), (rf"^{N} points$", r"\1 个点"),
    (rf"^{N} random shuffles of {N} hats \(seed (\d+)\)", r"\2 顶帽子随机洗牌 \1 次（种子 \3）"),
    (rf"^{N} random walks \(seed (\d+)\)", r"\1 次随机游走（种子 \2）"),
    (rf"^{N} samples of n = {N} \(seed (\d+)\); red misses μ", r"\1 个 n = \2 的样本（种子 \3）；红色未包含 μ"),
    (rf"^{N} shared: ", r"\1 个同生日："), (rf"^{N} simulated rooms:", r"\1 个模拟房间："), (rf"^{N} walkers, {N} steps", r"\1 个游走者，\2 步"),
    (rf"^{N} of runs stay between the grey curves", r"\1 的路径留在灰色曲线之间"), (rf"^\(expected {N}\)", r"（期望 \1）"),
    (r"\(theory ([^)]+)\)", r"（理论值 \1）"), (r"^B does not depend on A", "B 不依赖于 A"),
    (r"^Bayes: the share of A among the B leaves", "贝叶斯：B 的叶子中 A 所占的比例"),
    (r" is just width × height", " 就是宽 × 高"), (r", mean ", "，均值 "), (r"^P\(all different\) =", "P(全不相同) ="),
    (r"^P\(neither\)", "P(都不)"), (r"^P\(nobody gets their own hat\)", "P(没人拿到自己的帽子)"), (r"^P\(shared\)", "P(同生日)"),
    (r"P\(sick \| \+\)", "P(患病 | +)"), (r": most positives are healthy", "：多数阳性其实健康"), (r"^RMS distance:? ", "均方根距离 "),
    (r"^X uniform on (\[[^]]+\]): a flat density", r"X 在 \1 上均匀分布：密度是平的"), (r": the probability of each k", "：每个 k 的概率"),
    (rf"^a {N} confidence interval from each sample", r"每个样本给出一个 \1 置信区间"),
    (rf"^a Markov chain with {N} states", r"有 \1 个状态的马尔可夫链"), (r"^a gas is molecules in fast random flight", "气体是快速随机运动的分子"),
    (r"^a probability tree", "概率树"), (r"^a random variable: values and probabilities", "随机变量：取值与概率"),
    (r"^a test for a rare condition", "针对罕见病的检测"), (r"^add back the middle, subtracted once too often", "把中间部分加回来，它被多减了一次"),
    (r"^add the three sets: the overlaps are counted too often", "三个集合相加：重叠部分被重复计数"),
    (r"^adding P\(A\) and P\(B\) counts the overlap twice", "P(A) 加 P(B) 把重叠部分算了两次"),
    (rf"^after {N} flips: ", r"抛 \1 次后："), (rf"^after {N}: ", r"\1 之后："), (r"^all outcomes: ", "所有结果："),
    (r"^all the ways to test positive", "检测为阳性的所有途径"), (rf"^and {N} false \+: ", r"以及 \1 个假阳性："),
    (rf"^bin {N}: expected ", r"格 \1：期望 "), (rf"^bin {N}: got ", r"格 \1：实际 "),
    (rf"^choose {N} of {N} items, one after another", r"从 \2 个中依次选 \1 个"),
    (rf"^each group of {N} counted ", r"每组 \1 个被计了 "), (r"! = (\d+) times$", r"! = \1 次"),
    (r"^each peg: left or right with probability ", "每颗钉子：向左或向右的概率为 "),
    (r"^each step: one up or one down, a coin decides", "每一步：上或下一格，由抛硬币决定"),
    (r"^each value with its probability", "每个取值及其概率"), (r"^equally likely outcomes", "等可能的结果"),
    (r"^event: sum = ", "事件：和 = "), (r"^every value in the interval equally likely", "区间内每个值等可能"),
    (r"^favourable: ", "有利结果："), (r"^first A or not A", "先是 A 或非 A"),
    (r"^flip a coin with P\(heads\) = (\S+) again and again", r"反复抛 P(正面) = \1 的硬币"),
    (rf"^game {N}: you pick door {N}", r"第 \1 局：你选了 \2 号门"), (r"^how good the fit is", "拟合有多好"),
    (r"^how many people until two share a birthday\?", "多少人时有两人同一天生日？"),
    (r"^how often each value occurs \(the mode in yellow\)", "每个值出现的次数（众数为黄色）"),
    (r"^how often each value occurs", "每个值出现的次数"), (r"^margin = ", "误差范围 = "),
    (r"^mean (\S+), median (\S+), mode ", r"均值 \1，中位数 \2，众数 "), (r"^mean ", "均值 "), (r"^mean =", "均值 ="),
    (r"^median ", "中位数 "), (r"^median =", "中位数 ="), (r"^mode =", "众数 ="),
    (r"^mixing has overwhelmingly more microstates: entropy grows", "混合态的微观状态多得多：熵增加"),
    (r"^multiply along each path", "沿每条路径相乘"), (r"^multiply the choices", "各步选择数相乘"),
    (rf"^needles of length {N} on lines {N} apart \(seed (\d+)\)", r"长 \1 的针，线间距 \2（种子 \3）"),
    (rf"^neither {N}", r"都不 \1"), (rf"^of {N} people: {N} true \+", r"\1 人中：\2 个真阳性"),
    (r"^order does not matter: divide", "顺序无关：相除"), (r"^ordered: ", "有序："),
    (r"^pick a door; the host opens a goat door; switch or stay\?", "选一扇门；主持人打开一扇山羊门；换还是不换？"),
    (r"^red: the binomial expectation", "红色：二项分布的期望"), (rf"^reject at {N} when ", r"显著性 \1，拒绝条件 "),
    (rf"^roll a die n times and average; repeat {N} times \(seed (\d+)\)", r"掷骰 n 次求平均；重复 \1 次（种子 \2）"),
    (r"^simulated: ", "模拟："), (r"^so A and B are independent", "所以 A 与 B 独立"), (r"^standardise:", "标准化："),
    (r"^start in sunny, then step", "从晴天开始，逐步转移"), (r"^stationary: ", "平稳分布："),
    (rf"^stay won {N} of {N}", r"不换：\2 局赢 \1 局"), (rf"^switch won {N} of {N}", r"换门：\2 局赢 \1 局"),
    (rf"^step {N}", r"第 \1 步"), (r"^step $", "第 步"), (r"^subtract the pairwise overlaps", "减去两两重叠部分"),
    (r"^sum of squares = ", "平方和 = "), (rf"^switching to door {N} wins the car", r"换到 \1 号门赢得汽车"),
    (r"^switching wins (\S+ ≈ \S+), staying (\S+ ≈ \S+)", r"换门赢 \1，不换赢 \2"), (r"^switching wins whenever", "换门获胜，只要"),
    (rf"^the area left of {N}", r"\1 左侧的面积"), (r"^the arrows carry the transition probabilities", "箭头上是转移概率"),
    (r"^the bins follow ", "各格服从 "), (r"^the chart balances at the mean", "图在均值处平衡"),
    (rf"^the count in each of the {N} regions", r"\1 个区域各自的计数"), (r"^the data: ", "数据："),
    (r"^the distribution settles at the stationary one", "分布稳定到平稳分布"), (r"^the distribution ", "分布 "),
    (r"^the estimate (\S+) after each of (\S+) throws", r"每次投掷后的估计 \1（共 \2 次）"), (r"·hits\)", "·相交数)"),
    (r"^P\(bin k\)", "P(第 k 格)"), (r"^P\(cross\)", "P(相交)"), (r"^P\(sum = ", "P(和 = "), (r"^W\(mixed\)", "W(混合)"),
    (r"^the exact chance for each group size", "每个人数下的准确概率"),
    (rf"^the first {N} needles: red ones cross a line", r"前 \1 根针：红色的与线相交"),
    (r"^the first pick was wrong", "第一次选错了"), (r"^the highlighted bar: ", "高亮的柱："),
    (rf"^the host opens door {N}: a goat", r"主持人打开 \1 号门：一只山羊"), (r"^the least-squares line", "最小二乘直线"),
    (r"^the mean balances the bars", "均值让柱状图平衡"), (r"^the mean balances the chart; the median splits it", "均值使图平衡；中位数把它分成两半"),
    (r"^the means pile up in a bell around (\S+), narrower like σ/√n", r"平均值在 \1 附近堆成钟形，宽度按 σ/√n 变窄"),
    (r"^the middle of the sorted list", "排序后列表的中间"), (r"^the most frequent value", "出现最多的值"),
    (r"^the normal curve, ", "正态曲线，"), (r"^the null distribution of the test statistic", "检验统计量的零分布"),
    (rf"^the outcomes with sum = {N}: {N} of them", r"和为 \1 的结果：共 \2 个"),
    (rf"^the overlap A∩B has {N}: inside both circles", r"重叠部分 A∩B 有 \1 个：在两个圆里"),
    (rf"^the prior: {N} are sick", r"先验：\1 患病"), (r"^the rectangle is every outcome: probability ", "矩形是全部结果：概率 "),
    (r"^the rest of the rectangle", "矩形的其余部分"), (rf"^the running frequency of {N} flips \(seed (\d+)\)", r"\1 次抛掷的累计频率（种子 \2）"),
    (r"^the same in people", "换算成人数"), (r"^the share of blue molecules still on the left", "仍在左边的蓝色分子比例"),
    (r"^the sick share of the positives", "阳性中患病的比例"), (r"^the squared distance of each value from the mean", "每个值到均值距离的平方"),
    (r"^the squared residuals: the line makes their total smallest", "残差平方：这条直线使它们的总和最小"),
    (r"^the sum over the count", "总和除以个数"), (r"^the test: sensitivity (\S+), false positives ", r"检测：灵敏度 \1，假阳性率 "),
    (r"^the two tails beyond ", "两侧尾部，超出 "), (r"^the wall is removed", "隔板被移走"),
    (r"^their speeds: the histogram and the Maxwell–Boltzmann curve", "它们的速率：直方图与麦克斯韦–玻尔兹曼曲线"),
    (r"^then B or not B, given the first", "再在第一步条件下是 B 或非 B"), (r"^three overlapping sets", "三个相交的集合"),
    (r"^total probability: add the leaves where B happens", "全概率：把 B 发生的叶子加起来"),
    (r"^two dice: (.+) equally likely outcomes \(each cell shows the sum\)", r"两颗骰子：\1 个等可能结果（每格显示和）"),
    (r"^two gases side by side", "两种气体并排放置"), (r"^two-sided p = ", "双侧 p = "), (r" m/s at (\S+) K", r" m/s，\1 K 时"),
    (r"^within (\S+) of the mean", r"与均值相距 \1 以内"), (r"^within (\S+): ", r"\1 以内："),
    (r"^±√n: the typical distance", "±√n：典型距离"), (r"^\((\d+) more\)$", r"（还有 \1 个）"),
)
LOGIC_ZH = (('"step 0"', '"第 0 步"'), ('f"step {k}"', 'f"第 {k} 步"'), ('"car" if', '"汽车" if'),
            ('else "goat"', 'else "山羊"'), ('"throws", "estimate"', '"投掷次数", "估计值"'),
            ('"x̄ ± margin"', '"x̄ ± 误差范围"'))  # words in the templates


def named(ask: Ask, names: tuple[str, ...], default, lo=None, hi=None, notes: list[str] | None = None):
    """A number the request names ("n = 20", "prior 2%", "300 games", "λ = 4"), else `default`; clamped."""
    value = next((ask.params.numbers[k] for k in names if k in ask.params.numbers), None)
    text = ask.params.concept
    for name in names if value is None else ():
        m = re.search(rf"\b{re.escape(name)}\s*(?:=|:|of|is)?\s*(-?\d+(?:\.\d+)?)\s*(%)?", text, re.I) or \
            re.search(rf"(-?\d+(?:\.\d+)?)\s*(%)?\s*{re.escape(name)}\b", text, re.I)
        if m:
            value = float(m.group(1)) / (100 if m.group(2) else 1)
            break
    if value is None:
        return default
    clamped = min(max(value, lo if lo is not None else value), hi if hi is not None else value)
    if notes is not None:
        notes.append(f"{names[0]} = {num(value)} from the request" + (f", kept to {num(clamped)}" if clamped != value
                                                                      else "") + ".")
    return type(default)(clamped) if isinstance(default, int) else clamped


def sup(n: int) -> str:
    """n in superscript digits."""
    return str(n).translate(str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"))


def sci(v: float) -> str:
    """v in scientific notation as it is written: 6.21 × 10⁻²¹."""
    e = math.floor(math.log10(abs(v)))
    return f"{v / 10 ** e:.2f} × 10{sup(e)}"


def fmt(v, digits: int = 4) -> str:
    """A probability or value as text: a terminating decimal as a decimal (0.18), another short fraction as a
    fraction (1/6), anything else rounded to `digits` significant digits."""
    if isinstance(v, Fraction) and v.denominator != 1:
        d = v.denominator
        while d % 2 == 0 or d % 5 == 0:
            d //= 2 if d % 2 == 0 else 5
        if d == 1 and len(str(float(v))) <= 8:
            return str(float(v))
        if d != 1 and v.denominator <= 1000:
            return f"{v.numerator}/{v.denominator}"
    return num(float(v), digits)


def ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering [lo, hi]: a 1-2-5 step."""
    raw = max(hi - lo, 1e-9) / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step - 1e-9) * step
    return [round(first + i * step, 10) for i in range(int((hi - first) / step + 1e-9) + 1)]


PROB_HELPERS = '''

def axes_box(region):
    """The axes' box inside a planned graph region (x0, x1, y0, y1): room left for the y tick labels, below for
    the x tick labels and the x axis name, above for the y axis name and labels over the top line."""
    x0, x1, y0, y1 = region
    return [x0 + 0.85, x1 - 0.25, y0 + 0.85, y1 - 0.45]


def rows_of(lines, size=26, color=WHITE, buff=0.22):
    """Text lines, left-aligned, one under the other."""
    return VGroup(*[Text(s, font_size=size, color=color) for s in lines]).arrange(DOWN, aligned_edge=LEFT, buff=buff)


def chart(box, xs, ys, xticks, yticks, xname="", yname=""):
    """Axes filling box (x0, x1, y0, y1) for x in xs = (lo, hi), y in ys; Text tick labels; (axes, labels)."""
    x0, x1, y0, y1 = box
    ax = Axes(x_range=[xs[0], xs[1], (xs[1] - xs[0]) / 4], y_range=[ys[0], ys[1], (ys[1] - ys[0]) / 4],
              x_length=x1 - x0, y_length=y1 - y0, tips=False, axis_config={"include_ticks": False, "stroke_width": 2})
    ax.move_to([(x0 + x1) / 2, (y0 + y1) / 2, 0])
    marks = VGroup(*[Text(s, font_size=20).next_to(ax.c2p(v, ys[0]), DOWN, buff=0.12) for v, s in xticks],
                   *[Text(s, font_size=20).next_to(ax.c2p(xs[0], v), LEFT, buff=0.12) for v, s in yticks])
    if xname:
        marks.add(Text(xname, font_size=22, color=GREY_B).next_to(ax.c2p(xs[1], ys[0]), DOWN, buff=0.45).shift(LEFT * 0.3))
    if xs[0] < 0 < xs[1]:  # Axes draws the y axis through x = 0: draw it at the left edge instead
        ax.y_axis.set_stroke(opacity=0)
        marks.add(Line(ax.c2p(xs[0], ys[0]), ax.c2p(xs[0], ys[1]), color=WHITE, stroke_width=2))
    if yname:
        marks.add(Text(yname, font_size=22, color=GREY_B).next_to(ax.c2p(xs[0], ys[1]), UP, buff=0.12))
    return ax, marks


def bars_on(ax, xs, hs, width, color=BLUE_D, opacity=0.8):
    """Bars of heights hs at xs (axis units), bottoms on the x axis."""
    out = VGroup()
    for x, h in zip(xs, hs):
        bottom, top = ax.c2p(x, 0), ax.c2p(x, h)
        w = abs(ax.c2p(x + width / 2, 0)[0] - ax.c2p(x - width / 2, 0)[0])
        r = Rectangle(width=w, height=max(top[1] - bottom[1], 0.001), stroke_width=1, stroke_color=WHITE,
                      fill_color=color, fill_opacity=opacity)
        out.add(r.move_to(bottom, aligned_edge=DOWN))
    return out


def polyline(ax, points, color=YELLOW, width=3):
    """A polyline through (x, y) points in axis units."""
    return VMobject(stroke_color=color, stroke_width=width).set_points_as_corners([ax.c2p(x, y) for x, y in points])


def reveal(scene, group, said, cap, step):
    """Fade the members of group in one by one, each with its caption (none when they run out); the last caption."""
    for m, s in zip(group, [*said, *[""] * len(group)]):
        more, cap = recaption(cap, s)
        scene.play(FadeIn(m, shift=0.15 * RIGHT), *more, run_time=rt(step))
    return cap
'''


# Regions the layout plan places under the title and above the caption (what the scene asks for; the plan's boxes
# are what it gets). Chart scenes: the axes with their labels (see axes_box) left, the computed lines right.
CHART_PARTS = (Part("graph", "graph", 8.6, 5.9, (-2.6, -0.4)), Part("panel", "formula", 4.6, 5.6, (4.4, 0.3)))
# The sample-space grid and the Venn diagram: the figure left (scaled into its box as one group), the lines right.
GRID_PARTS = (Part("figure", "graph", 6.4, 5.9, (-2.9, -0.45)), Part("panel", "formula", 5.9, 5.6, (3.75, 0.2)))
VENN_PARTS = (Part("figure", "graph", 6.9, 5.7, (-3.2, -0.5)), Part("panel", "formula", 6.3, 5.6, (3.75, 0.0)))
# Probability trees (their joint column included), counting trees, the Galton board and its bins
TREE_PARTS = (Part("figure", "graph", 8.7, 5.9, (-2.35, -0.4)), Part("panel", "formula", 4.6, 5.6, (4.5, 0.2)))
COUNT_PARTS = (Part("figure", "graph", 7.6, 5.9, (-3.0, -0.4)), Part("panel", "formula", 5.6, 5.6, (3.95, 0.3)))
# a figure on the left, a chart over its panel on the right (Markov chains, Buffon's needles, gases)
FIGURE_CHART_PANEL = (Part("figure", "graph", 6.4, 5.9, (-3.4, -0.4)), Part("graph", "graph", 6.2, 3.8, (3.5, 0.65)),
                      Part("panel", "formula", 6.2, 1.7, (3.5, -2.5)))
# up to four charts in two rows (the sample means)
MEANS_PARTS = tuple(Part(f"chart{k}", "graph", 6.4, 2.75, (-3.35 + 6.7 * (k % 2), 1.05 - 3.05 * (k // 2)))
                    for k in range(4))
GALTON_PARTS = (Part("figure", "graph", 7.4, 5.9, (-3.0, -0.4)), Part("panel", "formula", 5.6, 5.6, (3.95, 0.3)))


def prob_plan(logic: str, consts: dict, story: dict, values: dict, helpers: str = "", parts: tuple | None = None) -> Plan:
    """A Plan with the probability helpers; `story` has shots, computed (reasoning) and extra (notes lines);
    `parts` the planned regions (by default the chart's for a logic that draws a chart in REGIONS["graph"])."""
    extra = "## This run\n\n" + "\n".join(f"- {s}" for s in story.get("extra", [])) if story.get("extra") else ""
    if parts is None:
        parts = CHART_PARTS if 'REGIONS["graph"]' in logic else ()
    return Plan(logic, consts, story["shots"], story["computed"], values, PROB_HELPERS + helpers, extra, parts)


# ---------------------------------------------------------------------------------------------------------------
# Sample spaces

SPACE_LOGIC = '''
title = opening(self)
n = len(FACES)
c = min(0.72, 5.2 / (n + 1))
cells = VGroup()
for i in range(n):
    for j in range(n):
        sq = Square(c, stroke_color=GREY_B, stroke_width=1.5)
        cells.add(VGroup(sq, Text(CELLS[i][j], font_size=int(min(26, 40 * c))).set_z_index(2)))
cells.arrange_in_grid(rows=n, cols=n, buff=0).move_to([-2.6, -0.45, 0])
for g in cells:
    g[1].move_to(g[0])
tops = VGroup(*[Text(s, font_size=24, color=BLUE).next_to(cells[j], UP, buff=0.15) for j, s in enumerate(FACES)])
sides = VGroup(*[Text(s, font_size=24, color=BLUE).next_to(cells[i * n], LEFT, buff=0.15) for i, s in enumerate(FACES)])
names = VGroup(Text(AXES[0], font_size=22, color=GREY_B).next_to(tops, UP, buff=0.12),
               Text(AXES[1], font_size=22, color=GREY_B).next_to(sides, LEFT, buff=0.15))
plan_fit(VGroup(cells, tops, sides, names), REGIONS["figure"])
panel = plan_fit(rows_of(PANEL, size=28), REGIONS["panel"])
cap = caption(INTRO)
self.play(FadeIn(tops), FadeIn(sides), FadeIn(names), FadeIn(cap), run_time=rt(0.8))
self.play(LaggedStart(*[FadeIn(g) for g in cells], lag_ratio=0.02), run_time=rt(2.0))
more, cap = recaption(cap, CAPTIONS[0])
self.play(*[cells[k][0].animate.set_fill(GREEN_E, 0.9) for k in HITS], *more, run_time=rt(1.2))
cap = reveal(self, panel, CAPTIONS[1:], cap, 1.0)
closing(self, cap, OUTRO)
'''

EVENT_RE = re.compile(r"sum\s*(==|>=|<=|>|<)\s*(\d+)")
OPS = {"==": lambda s, t: s == t, ">=": lambda s, t: s >= t, "<=": lambda s, t: s <= t, ">": lambda s, t: s > t,
       "<": lambda s, t: s < t}


def sample_space_plan(ask: Ask, notes: list[str]) -> Plan:
    """Two dice: the 36 outcomes as a grid of sums, the event's cells lit, P = favourable / total."""
    s = ask.settings
    m = EVENT_RE.search(s.get("event", ""))
    if s.get("experiment") != "two_dice" or not m:
        raise Unsupported("sample spaces are drawn for two dice and an event on their sum")
    op, target = m.group(1), int(m.group(2))
    asked = [int(v) for v in ask.numbers if float(v).is_integer() and 2 <= v <= 12]
    if asked:
        target = asked[0]
        notes.append(f"The event from the request: the sum {op.replace('==', '=')} {target}.")
    hits = [(i, j) for i in range(1, 7) for j in range(1, 7) if OPS[op](i + j, target)]
    p = Fraction(len(hits), 36)
    said = "sum " + op.replace("==", "=") + f" {target}"
    panel = [f"event: {said}", f"favourable: {len(hits)}", "all outcomes: 36", f"P = {len(hits)}/36 = {fmt(p)}"]
    consts = {"FACES": [str(k) for k in range(1, 7)], "CELLS": [[str(i + j) for j in range(1, 7)] for i in range(1, 7)],
              "AXES": ["second die", "first die"], "HITS": [(i - 1) * 6 + (j - 1) for i, j in hits], "PANEL": panel,
              "CAPTIONS": [f"the outcomes with {said}: {len(hits)} of them", "", "", "equally likely outcomes"],
              "INTRO": "two dice: 6 × 6 = 36 equally likely outcomes (each cell shows the sum)",
              "OUTRO": f"P({said}) = {len(hits)}/36 = {fmt(p)}"}
    story = {"shots": ["the 36 outcomes of two dice as a 6 × 6 grid, each cell showing the sum",
                       f"the cells with {said} light up", f"P = {len(hits)}/36 = {fmt(p)}"],
             "computed": [*notes, f"Counted: {len(hits)} of 36 outcomes have {said}; P = {fmt(p)}."], "extra": panel}
    return prob_plan(SPACE_LOGIC, consts, story, {"favourable": len(hits), "total": 36, "p": p}, parts=GRID_PARTS)


# ---------------------------------------------------------------------------------------------------------------
# Venn diagrams

VENN_LOGIC = '''
title = opening(self)
colors = [BLUE, ORANGE, GREEN]
universe = Rectangle(width=6.8, height=5.6, color=GREY_B).move_to([-3.2, -0.55, 0])
circles = VGroup(*[Circle(radius=RADIUS, color=colors[k], fill_opacity=0.18).move_to([x, y, 0])
                   for k, (x, y) in enumerate(CENTRES)])
names = VGroup(*[Text(s, font_size=30, color=colors[k]).move_to([x, y, 0]) for k, (s, x, y) in enumerate(NAMES)])
regions = VGroup(*[Text(s, font_size=26).move_to([x, y, 0]) for s, x, y in VENN_REGIONS])
plan_fit(VGroup(universe, circles, names, regions), REGIONS["figure"])
panel = plan_fit(rows_of(PANEL, size=26), REGIONS["panel"])
cap = caption(INTRO)
self.play(Create(universe), FadeIn(cap), run_time=rt(0.8))
for k, said in enumerate(CAPTIONS[:len(CENTRES)]):
    more, cap = recaption(cap, said)
    self.play(Create(circles[k]), FadeIn(names[k]), *more, run_time=rt(1.0))
more, cap = recaption(cap, CAPTIONS[len(CENTRES)])
self.play(LaggedStart(*[FadeIn(r, scale=0.8) for r in regions], lag_ratio=0.15), *more, run_time=rt(1.6))
cap = reveal(self, panel, CAPTIONS[len(CENTRES) + 1:], cap, 1.0)
closing(self, cap, OUTRO)
'''


def venn2(pa: float, pb: float, pab: float) -> dict:
    """Two sets: the region values and the addition rule."""
    union = pa + pb - pab
    regions = [[fmt(pa - pab), -4.95, -0.4], [fmt(pab), -3.2, -0.4], [fmt(pb - pab), -1.45, -0.4],
               [f"neither {fmt(1 - union)}", -3.2, -2.95]]
    panel = ["P(A∪B) = P(A) + P(B) − P(A∩B)", f"= {fmt(pa)} + {fmt(pb)} − {fmt(pab)}", f"= {fmt(union)}",
             f"P(neither) = 1 − {fmt(union)} = {fmt(1 - union)}"]
    said = [f"A: P(A) = {fmt(pa)}", f"B: P(B) = {fmt(pb)}", f"the overlap A∩B has {fmt(pab)}: inside both circles",
            "adding P(A) and P(B) counts the overlap twice", "", "", "the rest of the rectangle"]
    return {"CENTRES": [[-3.95, -0.4], [-2.45, -0.4]], "RADIUS": 1.75, "NAMES": [["A", -5.2, 1.15], ["B", -1.2, 1.15]],
            "VENN_REGIONS": regions, "PANEL": panel, "CAPTIONS": said, "OUTRO": f"P(A∪B) = {fmt(union)}",
            "INTRO": "the rectangle is every outcome: probability 1", "union": union}


def venn3(counts: list[int]) -> dict:
    """Three sets from |A|, |B|, |C|, |A∩B|, |A∩C|, |B∩C|, |A∩B∩C|: region counts and inclusion–exclusion."""
    a, b, c, ab, ac, bc, abc = counts
    only = [a - ab - ac + abc, b - ab - bc + abc, c - ac - bc + abc]
    union = a + b + c - ab - ac - bc + abc
    regions = [[str(only[0]), -4.75, 0.55], [str(only[1]), -1.65, 0.55], [str(only[2]), -3.2, -2.05],
               [str(ab - abc), -3.2, 0.85], [str(ac - abc), -4.0, -0.8], [str(bc - abc), -2.4, -0.8],
               [str(abc), -3.2, -0.33]]
    panel = ["|A∪B∪C| = |A| + |B| + |C|", "− |A∩B| − |A∩C| − |B∩C|", "+ |A∩B∩C|",
             f"= {a} + {b} + {c} − {ab} − {ac} − {bc} + {abc}", f"= {union}"]
    said = [f"|A| = {a}", f"|B| = {b}", f"|C| = {c}", "the count in each of the 7 regions",
            "add the three sets: the overlaps are counted too often", "subtract the pairwise overlaps",
            "add back the middle, subtracted once too often", "", ""]
    if any(v < 0 for v in [*only, ab - abc, ac - abc, bc - abc]):
        raise Unsupported("the counts do not fit three sets")
    return {"CENTRES": [[-3.95, 0.1], [-2.45, 0.1], [-3.2, -1.2]], "RADIUS": 1.45,
            "NAMES": [["A", -5.55, 1.35], ["B", -0.85, 1.35], ["C", -4.9, -2.65]], "VENN_REGIONS": regions,
            "PANEL": panel, "CAPTIONS": said, "OUTRO": f"|A∪B∪C| = {union}", "INTRO": "three overlapping sets",
            "union": union}


def venn_plan(ask: Ask, notes: list[str]) -> Plan:
    """Two sets (probabilities) or three (counts) with every region's value."""
    s = ask.settings
    if s.get("sets") == 3:
        counts = [int(v) for v in s["counts"]]
        given = [int(v) for v in ask.numbers if float(v).is_integer()]
        if len(given) == 7:
            counts = given
            notes.append(f"Counts from the request: {counts}.")
        v = venn3(counts)
    else:
        pa, pb, pab = float(s["P_A"]), float(s["P_B"]), float(s["P_AB"])
        given = [float(x) for x in ask.numbers if 0 <= x <= 1]
        if len(given) >= 3 and given[2] <= min(given[:2]) and given[0] + given[1] - given[2] <= 1:
            pa, pb, pab = given[:3]
            notes.append(f"P(A), P(B), P(A∩B) from the request: {pa}, {pb}, {pab}.")
        pa, pb, pab = (Fraction(str(x)) for x in (pa, pb, pab))
        v = venn2(pa, pb, pab)
    consts = {k: v[k] for k in ("CENTRES", "RADIUS", "NAMES", "VENN_REGIONS", "PANEL", "CAPTIONS", "OUTRO", "INTRO")}
    story = {"shots": ["the sample space as a rectangle", "the circles one by one, then the value of every region",
                       "the rule, line by line: " + " ".join(v["PANEL"])],
             "computed": [*notes, f"Computed: {v['OUTRO']}."], "extra": v["PANEL"]}
    return prob_plan(VENN_LOGIC, consts, story, {"union": v["union"]}, parts=VENN_PARTS)


# ---------------------------------------------------------------------------------------------------------------
# Probability trees (and Bayes with natural frequencies)

TREE_LOGIC = '''
title = opening(self)
root = Dot([-6.6, -0.4, 0], radius=0.07)
firsts = [Dot([-4.9, y, 0], radius=0.07) for y in FIRST_Y]
leaves = [Dot([-3.2, y, 0], radius=0.07) for y in LEAF_Y]


def branch(a, b, p, name, color, side):
    line = Line(a.get_center(), b.get_center(), color=color, stroke_width=3)
    mid = line.get_center() + (UP if b.get_y() >= a.get_y() else DOWN) * 0.22 + LEFT * 0.1
    lab = Text(p, font_size=22).move_to(mid).add_background_rectangle(opacity=1, buff=0.04)
    return VGroup(line, lab, Text(name, font_size=24, color=color).next_to(b, side, buff=0.1))


level1 = VGroup(*[branch(root, f, p, n, BLUE, UP) for f, p, n in zip(firsts, FIRST_P, FIRST_N)])
level2 = VGroup(*[branch(firsts[k // len(SECOND_N)], leaf, p, SECOND_N[k % len(SECOND_N)], ORANGE, RIGHT)
                  for k, (leaf, p) in enumerate(zip(leaves, SECOND_P))])
joint = VGroup(*[Text(s, font_size=22, color=YELLOW).next_to(leaves[k], RIGHT, buff=0.55) for k, s in enumerate(JOINT)])
fit(joint, 4.6)
plan_fit(VGroup(root, *firsts, *leaves, level1, level2, joint), REGIONS["figure"])
panel = plan_fit(rows_of(PANEL, size=26), REGIONS["panel"])
cap = caption(INTRO)
self.play(FadeIn(root), FadeIn(cap), run_time=rt(0.5))
more, cap = recaption(cap, CAPTIONS[0])
self.play(*[Create(g[0]) for g in level1], *[FadeIn(g[1:]) for g in level1], *[FadeIn(f) for f in firsts], *more,
          run_time=rt(1.3))
more, cap = recaption(cap, CAPTIONS[1])
self.play(*[Create(g[0]) for g in level2], *[FadeIn(g[1:]) for g in level2], *[FadeIn(d) for d in leaves], *more,
          run_time=rt(1.3))
more, cap = recaption(cap, CAPTIONS[2])
self.play(LaggedStart(*[FadeIn(j, shift=0.2 * LEFT) for j in joint], lag_ratio=0.2), *more, run_time=rt(1.6))
cap = reveal(self, panel, CAPTIONS[3:], cap, 1.1)
self.play(*[joint[k].animate.set_color(GREEN) for k in FOCUS], run_time=rt(0.6))
closing(self, cap, OUTRO)
'''


def frac(v) -> Fraction:
    """An exact Fraction of a typed decimal."""
    return Fraction(str(round(float(v), 8)))


def tree_numbers(ask: Ask, notes: list[str]) -> tuple[list, list]:
    """First-level and second-level branch probabilities: the request's three numbers in [0, 1]
    (P(A), P(B|A), P(B|A')), else the entry's branches."""
    first, second = ([frac(v) for v in level] for level in ask.settings["branches"])
    given = [frac(v) for v in ask.numbers if 0 <= v <= 1]
    if len(given) >= 3:
        p, q1, q2 = given[:3]
        first, second = [p, 1 - p], [q1, 1 - q1, q2, 1 - q2]
        notes.append(f"P(A) = {fmt(p)}, P(B|A) = {fmt(q1)}, P(B|A') = {fmt(q2)} from the request.")
    if len(second) != len(first) * 2 or len(first) > 3:
        raise Unsupported("trees are drawn with at most three first branches, two second branches each")
    return first, second


def tree_layout(first: list, names: tuple[list, list]) -> dict:
    """Positions and texts of a two-level tree: first-level nodes, leaves, joint probabilities."""
    k = len(first)
    leaf_y = [round(2.3 - 5.2 * (i + 0.5) / (2 * k), 3) for i in range(2 * k)]
    first_y = [round((leaf_y[2 * i] + leaf_y[2 * i + 1]) / 2, 3) for i in range(k)]
    return {"FIRST_Y": first_y, "LEAF_Y": leaf_y, "FIRST_N": names[0], "SECOND_N": names[1]}


def tree_plan(ask: Ask, notes: list[str]) -> Plan:
    """A tree: multiply along the branches, add the leaves of B (total probability), divide (Bayes)."""
    if "prior" in ask.settings:
        return bayes_plan(ask, notes)
    first, second = tree_numbers(ask, notes)
    names = [["A", "A'"], ["B", "B'"]] if len(first) == 2 else [[f"A{i + 1}" for i in range(len(first))], ["B", "B'"]]
    joint = [first[i // 2] * second[i] for i in range(len(second))]
    pb = sum(joint[0::2])
    a_given_b = joint[0] / pb if pb else Fraction(0)
    panel = [f"P(B) = {' + '.join(fmt(j) for j in joint[0::2])}", f"       = {fmt(pb)}", "P(A|B) = P(A∩B) / P(B)",
             f"       = {fmt(joint[0])} / {fmt(pb)} = {fmt(a_given_b)}"]
    said = ["total probability: add the leaves where B happens", "", "Bayes: the share of A among the B leaves", ""]
    if second[0] == second[2]:
        panel += [f"P(B|A) = P(B|A') = {fmt(second[0])}", "so A and B are independent"]
        said += ["B does not depend on A", ""]
    consts = tree_layout(first, (names[0], names[1]))
    leaf_names = [f"{a}∩{b}" for a in names[0] for b in names[1]]
    consts |= {"FIRST_P": [fmt(p) for p in first], "SECOND_P": [fmt(q) for q in second],
               "JOINT": [f"P({n}) = {fmt(first[i // 2])} × {fmt(second[i])} = {fmt(j)}"
                         for i, (n, j) in enumerate(zip(leaf_names, joint, strict=True))],
               "PANEL": panel, "FOCUS": [0], "CAPTIONS": ["first A or not A", "then B or not B, given the first",
                                                         "multiply along each path", *said],
               "INTRO": "a probability tree", "OUTRO": f"P(B) = {fmt(pb)}, P(A|B) = {fmt(a_given_b)}"}
    story = {"shots": ["the first branches with P(A) and P(A')", "the second branches with the conditional "
                       "probabilities", "the joint probability at each leaf (multiply along the path)", *panel],
             "computed": [*notes, "Computed: " + "; ".join(panel) + "."], "extra": [*consts["JOINT"], *panel]}
    return prob_plan(TREE_LOGIC, consts, story, {"joint": joint, "P_B": pb, "P_A_given_B": a_given_b}, parts=TREE_PARTS)


def bayes_numbers(ask: Ask, notes: list[str]) -> tuple[Fraction, Fraction, Fraction]:
    """Prior, sensitivity and false-positive rate: named in the request ("prior 2%", "specificity 95%"), or its
    three numbers in order, else the entry's."""
    s = ask.settings
    prior = named(ask, ("prior", "prevalence", "base rate"), float(s["prior"]), 0.0001, 0.99, notes)
    sens = named(ask, ("sensitivity", "true positive"), float(s["sensitivity"]), 0.01, 1.0, notes)
    spec = named(ask, ("specificity",), None, 0.0, 0.9999, notes)
    fp = 1 - spec if spec is not None else named(ask, ("false positive", "false-positive"),
                                                 float(s["false_positive"]), 0.0001, 0.99, notes)
    bare = [v / 100 if v > 1 else v for v in ask.numbers if 0 < v <= 100]
    if not notes and len(bare) >= 3:
        prior, sens, fp = bare[:3]
        notes.append(f"prior {prior}, sensitivity {sens}, false positive {fp} from the request (in that order).")
    return frac(prior), frac(sens), frac(fp)


def population(fracs: list[Fraction]) -> int:
    """The smallest of 1000, 10 000, … (up to a million) in which every branch is a whole number of people."""
    for size in (1000, 10_000, 100_000, 1_000_000):
        if all((f * size).denominator == 1 for f in fracs):
            return size
    return 10_000


def bayes_plan(ask: Ask, notes: list[str]) -> Plan:
    """The test tree: sick/healthy, then positive/negative; P(sick | +) and the same in natural frequencies."""
    prior, sens, fp = bayes_numbers(ask, notes)
    first, second = [prior, 1 - prior], [sens, 1 - sens, fp, 1 - fp]
    joint = [first[i // 2] * second[i] for i in range(4)]
    pos = joint[0] + joint[2]
    post = joint[0] / pos
    size = population(joint)
    tp, fpos = joint[0] * size, joint[2] * size
    panel = [f"P(+) = {fmt(joint[0])} + {fmt(joint[2])}", f"      = {fmt(pos)}",
             f"P(sick | +) = {fmt(joint[0])} / {fmt(pos)}", f"      = {fmt(post)} ≈ {float(post):.4f}",
             f"of {size:,} people: {fmt(tp)} true +", f"and {fmt(fpos)} false +: {fmt(tp)}/{fmt(tp + fpos)}"]
    consts = tree_layout(first, (["sick", "healthy"], ["+", "−"]))
    consts |= {"FIRST_P": [fmt(p) for p in first], "SECOND_P": [fmt(q) for q in second],
               "JOINT": [f"{fmt(first[i // 2])} × {fmt(second[i])} = {fmt(j)}" for i, j in enumerate(joint)],
               "PANEL": panel, "FOCUS": [0, 2],
               "CAPTIONS": [f"the prior: {fmt(prior)} are sick", f"the test: sensitivity {fmt(sens)}, "
                            f"false positives {fmt(fp)}", "multiply along each path",
                            "all the ways to test positive", "", "the sick share of the positives", "",
                            "the same in people", ""],
               "INTRO": "a test for a rare condition", "OUTRO": f"P(sick | +) = {fmt(post)}: most positives are healthy"
               if post < 0.5 else f"P(sick | +) = {fmt(post)}"}
    story = {"shots": ["the first branches: sick or healthy (the prior)", "the test result on each: + or −",
                       "the joint probability at each leaf", *panel],
             "computed": [*notes, f"prior {fmt(prior)}, sensitivity {fmt(sens)}, false positive {fmt(fp)}: "
                          f"P(+) = {fmt(pos)}, P(sick | +) = {fmt(post)} ≈ {float(post):.4f}."],
             "extra": [*consts["JOINT"], *panel]}
    return prob_plan(TREE_LOGIC, consts, story, {"P_positive": pos, "posterior": post, "population": size},
                     parts=TREE_PARTS)


# ---------------------------------------------------------------------------------------------------------------
# Bar charts: expected value, spread and centre of data, discrete distributions

BAR_LOGIC = '''
title = opening(self)
ax, marks = chart(axes_box(REGIONS["graph"]), XR, YR, XTICKS, YTICKS, *NAMES)
bars = bars_on(ax, XS, HS, WIDTH)
panel = plan_fit(rows_of(PANEL, size=26), REGIONS["panel"])
cap = caption(INTRO)
self.play(Create(ax), FadeIn(marks), FadeIn(cap), run_time=rt(1.0))
more, cap = recaption(cap, CAPTIONS[0])
self.play(LaggedStart(*[GrowFromEdge(b, DOWN) for b in bars], lag_ratio=min(0.15, 2.0 / len(bars))), *more,
          run_time=rt(1.8))
if HIGHLIGHT:
    self.play(*[bars[k].animate.set_fill(YELLOW) for k in HIGHLIGHT], run_time=rt(0.7))
extras = VGroup()
for kind, x, label, color in MARKERS:
    c = {"YELLOW": YELLOW, "RED": RED, "GREEN": GREEN, "TEAL": TEAL}[color]
    if kind == "fulcrum":
        tri = Triangle(color=c, fill_opacity=1).scale(0.16).move_to(ax.c2p(x, 0), aligned_edge=UP).shift(DOWN * 0.5)
        mark = VGroup(tri, Text(label, font_size=22, color=c).next_to(tri, RIGHT, buff=0.12))
    else:
        line = DashedLine(ax.c2p(x, 0), ax.c2p(x, YR[1] * 0.96), color=c)
        mark = VGroup(line, Text(label, font_size=22, color=c).next_to(line, UP, buff=0.06))
    extras.add(mark)
for x0, x1, y, label in ARROWS:
    arrow = Arrow(ax.c2p(x0, y), ax.c2p(x1, y), buff=0, color=RED, stroke_width=3, max_tip_length_to_length_ratio=0.2)
    extras.add(VGroup(arrow, Text(label, font_size=20, color=RED).next_to(arrow, UP, buff=0.05)))
if len(extras):
    more, cap = recaption(cap, CAPTIONS[1])
    self.play(LaggedStart(*[FadeIn(m) for m in extras], lag_ratio=0.3), *more, run_time=rt(1.5))
cap = reveal(self, panel, CAPTIONS[2:], cap, STEP)
closing(self, cap, OUTRO)
'''


def bar_consts(xs: list, hs: list, ylabel: str, width: float = 0.8) -> dict:
    """Chart constants for bars at xs with heights hs: ranges, ticks (thinned), bar width."""
    lo, hi = min(xs) - 0.8, max(xs) + 0.8
    top = max(hs) * 1.18
    every = max(1, math.ceil(len(xs) / 12))
    yt = ticks(0, top * 0.95, 4)
    return {"XS": xs, "HS": [float(h) for h in hs], "XR": [lo, hi], "YR": [0, top], "WIDTH": width,
            "XTICKS": [[x, num(x)] for x in xs[::every]], "YTICKS": [[v, num(v)] for v in yt if v > 0],
            "NAMES": ["x", ylabel], "HIGHLIGHT": [], "MARKERS": [], "ARROWS": []}


def data_stats(values: list) -> dict:
    """Mean, median, modes, variance and standard deviation of a data list (exact where possible)."""
    n = len(values)
    mean = Fraction(sum(Fraction(str(v)) for v in values), n)
    s = sorted(values)
    median = (Fraction(str(s[(n - 1) // 2])) + Fraction(str(s[n // 2]))) / 2
    counts = {v: values.count(v) for v in sorted(set(values))}
    top = max(counts.values())
    var = sum((Fraction(str(v)) - mean) ** 2 for v in values) / n
    return {"n": n, "mean": mean, "median": median, "modes": [v for v, c in counts.items() if c == top],
            "counts": counts, "variance": var, "sd": math.sqrt(var)}


def bars_plan(ask: Ask, notes: list[str]) -> Plan:
    """A distribution (values with weights) or a data set (values only): bars, then the asked measures."""
    s = ask.settings
    values = request_list(ask) or [v for v in s["values"]]
    if request_list(ask):
        notes.append(f"Values from the request: {values}.")
    weights = s.get("weights") if not request_list(ask) else None
    show = s.get("show", "balance_point")
    if weights:
        total = sum(weights)
        probs = [Fraction(w, total) for w in weights]
        return expectation_plan(values, probs, notes)
    return data_plan(values, show, notes)


def expectation_plan(values: list, probs: list, notes: list[str]) -> Plan:
    """Values with probabilities: bars and the balance point E[X]."""
    mean = sum(Fraction(str(v)) * p for v, p in zip(values, probs, strict=True))
    consts = bar_consts(values, [float(p) for p in probs], "P(X = x)")
    terms = " + ".join(f"{num(v)}·{fmt(p)}" for v, p in zip(values[:3], probs[:3], strict=True))
    panel = ["E[X] = Σ x · P(X = x)", f"= {terms}" + (" + …" if len(values) > 3 else ""), f"= {fmt(mean)}"]
    consts |= {"MARKERS": [["fulcrum", float(mean), f"E[X] = {fmt(mean)}", "YELLOW"]], "PANEL": panel,
               "CAPTIONS": ["each value with its probability", "the chart balances at the mean", "", "", ""],
               "STEP": 1.1, "INTRO": "a random variable: values and probabilities", "OUTRO": f"E[X] = {fmt(mean)}"}
    story = {"shots": ["the probability of each value as a bar", f"a fulcrum where the bars balance: {fmt(mean)}",
                       *panel], "computed": [*notes, f"E[X] = {fmt(mean)}."], "extra": panel}
    return prob_plan(BAR_LOGIC, consts, story, {"mean": mean})


def data_plan(values: list, show: str, notes: list[str]) -> Plan:
    """A data set as counts: spread (deviations) or centre (mean, median, mode)."""
    st = data_stats(values)
    xs = list(st["counts"])
    consts = bar_consts(xs, list(st["counts"].values()), "count", 0.6)
    mean, med = st["mean"], st["median"]
    if show == "deviations":
        h = max(st["counts"].values()) * 1.06
        consts |= {"MARKERS": [["line", float(mean), f"μ = {fmt(mean)}", "YELLOW"]],
                   "ARROWS": [[float(mean), x, h * (0.3 + 0.6 * k / max(len(xs) - 1, 1)), f"{fmt((Fraction(str(x)) - mean) ** 2)}"]
                              for k, x in enumerate(xs) if x != mean]}
        total = sum((Fraction(str(v)) - mean) ** 2 for v in values)
        panel = [f"μ = {fmt(mean)}", f"Σ (x − μ)² = {fmt(total)}", f"σ² = {fmt(total)} / {st['n']} = {fmt(st['variance'])}",
                 f"σ = {num(st['sd'])}"]
        said = ["how often each value occurs", "the squared distance of each value from the mean", "", "", "", "", ""]
        outro = f"σ² = {fmt(st['variance'])}, σ = {num(st['sd'])}"
    else:
        consts |= {"HIGHLIGHT": [xs.index(m) for m in st["modes"]],
                   "MARKERS": [["fulcrum", float(mean), f"mean {fmt(mean)}", "YELLOW"],
                               ["line", float(med), f"median {fmt(med)}", "TEAL"]]}
        panel = [f"mean = {fmt(sum(Fraction(str(v)) for v in values))}/{st['n']} = {fmt(mean)}", f"median = {fmt(med)}",
                 f"mode = {', '.join(num(m) for m in st['modes'])}"]
        said = ["how often each value occurs (the mode in yellow)", "the mean balances the chart; the median splits it",
                "the sum over the count", "the middle of the sorted list", "the most frequent value"]
        outro = f"mean {fmt(mean)}, median {fmt(med)}, mode {', '.join(num(m) for m in st['modes'])}"
    consts |= {"PANEL": panel, "CAPTIONS": said, "STEP": 1.0, "INTRO": f"the data: {', '.join(num(v) for v in values)}",
               "OUTRO": outro}
    story = {"shots": ["the data as a bar chart of counts", "the measures drawn on the chart", *panel],
             "computed": [*notes, f"Computed: {outro}."], "extra": panel}
    return prob_plan(BAR_LOGIC, consts, story, {k: st[k] for k in ("mean", "median", "modes", "variance")})


def rate(v) -> Fraction:
    """A probability typed as a decimal, exact: 0.1667 is read as 1/6 (a close simple fraction), 0.3 as 3/10."""
    f = Fraction(str(round(float(v), 8)))
    near = f.limit_denominator(12)
    return near if abs(near - f) < 5e-4 else f


def discrete_pmf(kind: str, ask: Ask, notes: list[str]) -> dict:
    """The support, probabilities, highlighted k, the pmf formula text, mean and variance."""
    s, ex = ask.settings, ask.entry.example.values
    if kind == "binomial":
        n = named(ask, ("n", "trials"), int(s.get("n", 10)), 1, 40, notes)
        p = rate(named(ask, ("p", "probability"), float(s.get("p", 0.5)), 0.01, 0.99, notes))
        ks = list(range(n + 1))
        pmf = [Fraction(math.comb(n, k)) * p ** k * (1 - p) ** (n - k) for k in ks]
        return {"ks": ks, "pmf": pmf, "k": int(ex.get("k", n // 2)), "mean": n * p, "var": n * p * (1 - p),
                "law": f"P(X = k) = C({n}, k) · {fmt(p)}ᵏ · {fmt(1 - p)}" + sup(n) + "⁻ᵏ", "name": f"B({n}, {fmt(p)})",
                "moments": ["E[X] = np", "Var(X) = np(1 − p)"]}
    if kind == "geometric":
        p = rate(named(ask, ("p", "probability"), float(s.get("p", 0.5)), 0.02, 0.95, notes))
        k_max = min(int(s.get("k_max", 15)), 20)
        ks = list(range(1, k_max + 1))
        return {"ks": ks, "pmf": [(1 - p) ** (k - 1) * p for k in ks], "k": int(ex.get("k", 2)), "mean": 1 / p,
                "var": (1 - p) / p ** 2, "law": f"P(X = k) = {fmt(1 - p)}ᵏ⁻¹ · {fmt(p)}", "name": f"Geo({fmt(p)})",
                "moments": ["E[X] = 1/p", "Var(X) = (1 − p)/p²"]}
    lam = named(ask, ("lamda", "lambda", "λ", "rate", "mean"), float(s.get("lamda", 3)), 0.1, 15.0, notes)
    k_max = max(int(s.get("k_max", 12)), math.ceil(lam + 4 * math.sqrt(lam)))
    ks = list(range(min(k_max, 25) + 1))
    pmf = [sp.Rational(str(lam)) ** k * sp.exp(-sp.Rational(str(lam))) / sp.factorial(k) for k in ks]
    return {"ks": ks, "pmf": pmf, "k": int(ex.get("k", 2)), "mean": sp.Rational(str(lam)), "var": sp.Rational(str(lam)),
            "law": f"P(X = k) = {num(lam)}ᵏ e^−{num(lam)} / k!", "name": f"Poisson({num(lam)})",
            "moments": ["E[X] = λ", "Var(X) = λ"]}


def discrete_plan(kind: str, ask: Ask, notes: list[str]) -> Plan:
    """Bars of a discrete pmf with one k highlighted, the mean and variance."""
    d = discrete_pmf(kind, ask, notes)
    ks, pmf = d["ks"], d["pmf"]
    k = d["k"] if d["k"] in ks else max(ks, key=lambda j: pmf[ks.index(j)])
    pk = pmf[ks.index(k)]
    consts = bar_consts(ks, [float(p) for p in pmf], "P(X = k)")
    consts["NAMES"] = ["k", "P(X = k)"]
    panel = [d["law"], f"P(X = {k}) ≈ {float(pk):.4f}", f"{d['moments'][0]} = {fmt_any(d['mean'])}",
             f"{d['moments'][1]} = {fmt_any(d['var'])}"]
    consts |= {"HIGHLIGHT": [ks.index(k)], "MARKERS": [["fulcrum", float(d["mean"]), f"mean {fmt_any(d['mean'])}", "YELLOW"]],
               "PANEL": panel, "CAPTIONS": [f"X ~ {d['name']}: the probability of each k", "the mean balances the bars",
                                            "", f"the highlighted bar: k = {k}", "", ""],
               "STEP": 1.0, "INTRO": f"the distribution {d['name']}", "OUTRO": f"P(X = {k}) ≈ {float(pk):.4f}, "
               f"mean {fmt_any(d['mean'])}"}
    story = {"shots": [f"the bars P(X = k) of {d['name']}", f"the bar k = {k} highlighted, the mean marked", *panel],
             "computed": [*notes, f"Computed {d['name']}: P(X = {k}) = {float(pk):.6f}, mean {fmt_any(d['mean'])}, "
                          f"variance {fmt_any(d['var'])}."], "extra": panel}
    return prob_plan(BAR_LOGIC, consts, story, {"pmf": pmf, "k": k, "p_k": pk, "mean": d["mean"], "variance": d["var"]})


def fmt_any(v) -> str:
    """fmt() for Fractions and sympy numbers alike."""
    if isinstance(v, Fraction):
        return fmt(v)
    v = sp.nsimplify(v)
    return fmt(Fraction(int(v.p), int(v.q))) if v.is_Rational else num(float(v))


CURVE_LOGIC = '''
title = opening(self)
ax, marks = chart(axes_box(REGIONS["graph"]), XR, YR, XTICKS, YTICKS, *NAMES)
curve = polyline(ax, CURVE, YELLOW, 4)
panel = plan_fit(rows_of(PANEL, size=26), REGIONS["panel"])
cap = caption(INTRO)
self.play(Create(ax), FadeIn(marks), FadeIn(cap), run_time=rt(1.0))
more, cap = recaption(cap, CAPTIONS[0])
self.play(Create(curve), *more, run_time=rt(1.5))
colors = [BLUE, TEAL, PURPLE, RED]
shown = VGroup()
for k, (polys, label, lx, ly) in enumerate(SHADES):
    area = VGroup(*[Polygon(*[ax.c2p(x, y) for x, y in poly], stroke_width=0, fill_color=colors[k % 4], fill_opacity=0.55)
                    for poly in polys])
    text = Text(label, font_size=24).move_to(ax.c2p(lx, ly)).add_background_rectangle(opacity=0.7, buff=0.05)
    more, cap = recaption(cap, CAPTIONS[1 + k])
    self.play(FadeOut(shown), FadeIn(area), FadeIn(text), *more, run_time=rt(1.2))
    shown = VGroup(area, text)
    self.wait(rt(0.5))
cap = reveal(self, panel, CAPTIONS[1 + len(SHADES):], cap, 1.0)
closing(self, cap, OUTRO)
'''


def area_under(f, x0: float, x1: float, steps: int = 40) -> list[list[float]]:
    """The polygon under y = f(x) from x0 to x1, down to the axis."""
    xs = [x0 + (x1 - x0) * i / steps for i in range(steps + 1)]
    return [[round(x0, 4), 0.0], *[[round(x, 4), round(f(x), 5)] for x in xs], [round(x1, 4), 0.0]]


def curve_consts(f, lo: float, hi: float, top: float, xticks: list) -> dict:
    """Chart constants of a density curve sampled at 121 points."""
    return {"XR": [lo, hi], "YR": [0, top], "NAMES": ["x", "f(x)"],
            "CURVE": [[round(lo + (hi - lo) * i / 120, 4), round(f(lo + (hi - lo) * i / 120), 5)] for i in range(121)],
            "XTICKS": [[x, num(x)] for x in xticks], "YTICKS": [[v, num(v)] for v in ticks(0, top * 0.9, 3) if v > 0]}


def phi(z: float) -> float:
    """The standard normal CDF."""
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def normal_view(ask: Ask, notes: list[str], mu: float, sigma: float) -> tuple:
    """What to shade under N(mu, sigma²) for this entry: the area left of a mark (z-score), both tails beyond
    ±kσ (a two-sided test), or bands of 1, 2, 3σ; with the panel lines, captions, outro and the value."""
    s = ask.settings
    f = lambda x: math.exp(-((x - mu) / sigma) ** 2 / 2) / (sigma * math.sqrt(2 * math.pi))  # noqa: E731
    lo, hi = mu - 4 * sigma, mu + 4 * sigma
    if "mark" in s:
        x = named(ask, ("x", "score", "mark", "value"), float(s["mark"]), lo, hi, notes)
        z = (x - mu) / sigma
        shades = [[[area_under(f, lo, x)], f"{phi(z):.4f}", (lo + x) / 2 if z < 1 else mu, f(mu) * 0.3]]
        panel = [f"z = (x − μ)/σ = ({num(x)} − {num(mu)})/{num(sigma)}", f"= {num(z)}", f"P(X < {num(x)}) = Φ({num(z)})",
                 f"= {phi(z):.4f}"]
        return shades, panel, [f"X ~ N({num(mu)}, {num(sigma)}²)", f"the area left of {num(x)}", "standardise:"], \
            f"P(X < {num(x)}) = {phi(z):.4f}", phi(z)
    if "two_sided_tail" in s:
        k = float(s["two_sided_tail"])
        tail = 2 * (1 - phi(k))
        shades = [[[area_under(f, lo, mu - k * sigma), area_under(f, mu + k * sigma, hi)], f"{tail:.4f}", mu, f(mu) * 0.5]]
        panel = [f"P(|Z| > {num(k)}) = 2(1 − Φ({num(k)}))", f"= {tail:.4f}", "reject at 5% when |z| > 1.96"]
        return shades, panel, ["the null distribution of the test statistic", f"the two tails beyond ±{num(k)}σ"], \
            f"two-sided p = {tail:.4f}", tail
    ks = [int(v) for v in s.get("shade_sigmas", [1])]
    probs = [math.erf(k / math.sqrt(2)) for k in ks]
    shades = [[[area_under(f, mu - k * sigma, mu + k * sigma)], f"{100 * p:.2f}%", mu, f(mu) * 0.35]
              for k, p in zip(ks, probs, strict=True)]
    panel = [f"within {k}σ: {100 * p:.2f}%" for k, p in zip(ks, probs, strict=True)]
    return shades, panel, [f"X ~ N({num(mu)}, {num(sigma)}²)", *[f"within {k}σ of the mean" for k in ks]], \
        " – ".join(f"{100 * p:.1f}%" for p in probs), probs


def normal_plan(ask: Ask, notes: list[str]) -> Plan:
    """The normal curve with the asked area shaded and its probability computed with erf."""
    s = ask.settings
    mu = named(ask, ("mu", "μ", "mean"), float(s.get("mu", 0)), -1e6, 1e6, notes)
    sigma = named(ask, ("sigma", "σ", "sd", "standard deviation"), float(s.get("sigma", 1)), 1e-3, 1e6, notes)
    shades, panel, said, outro, value = normal_view(ask, notes, mu, sigma)
    peak = 1 / (sigma * math.sqrt(2 * math.pi))
    consts = curve_consts(lambda x: peak * math.exp(-((x - mu) / sigma) ** 2 / 2), mu - 4 * sigma, mu + 4 * sigma,
                          peak * 1.2, [mu + k * sigma for k in range(-3, 4)])
    consts |= {"SHADES": shades, "PANEL": panel, "CAPTIONS": said, "INTRO": f"the normal curve, μ = {num(mu)}, "
               f"σ = {num(sigma)}", "OUTRO": outro}
    story = {"shots": ["the bell curve", "the shaded area(s): " + ", ".join(sh[1] for sh in shades), *panel],
             "computed": [*notes, f"Computed with erf: {outro}."], "extra": panel}
    return prob_plan(CURVE_LOGIC, consts, story, {"mu": mu, "sigma": sigma, "value": value})


def uniform_plan(ask: Ask, notes: list[str]) -> Plan:
    """The flat density on [a, b], a strip's probability, mean and variance."""
    s = ask.settings
    a, b = (ask.params.bounds or (None, None))
    a = float(a) if a is not None else named(ask, ("a",), float(s.get("a", 0)), -1e6, 1e6, notes)
    b = float(b) if b is not None else named(ask, ("b",), float(s.get("b", 1)), -1e6, 1e6, notes)
    if b <= a:
        raise Unsupported("b must exceed a")
    h, pad = 1 / (b - a), (b - a) * 0.25
    consts = curve_consts(lambda x: h if a <= x <= b else 0.0, a - pad, b + pad, h * 1.5, ticks(a, b, 4))
    consts["CURVE"] = [[a - pad, 0], [a, 0], [a, h], [b, h], [b, 0], [b + pad, 0]]
    mean, var = (a + b) / 2, (b - a) ** 2 / 12
    panel = [f"f(x) = 1/(b − a) = {num(h)}", f"E[X] = (a + b)/2 = {num(mean)}", f"Var(X) = (b − a)²/12 = {num(var)}",
             f"σ = {num(math.sqrt(var))}"]
    lo, hi = a + (b - a) * 0.25, a + (b - a) * 0.6
    shades = [[[area_under(lambda x: h, lo, hi, 2)], f"P = {num((hi - lo) * h)}", (lo + hi) / 2, h * 0.5]]
    consts |= {"SHADES": shades, "PANEL": panel, "CAPTIONS": [f"X uniform on [{num(a)}, {num(b)}]: a flat density",
               f"P({num(lo)} < X < {num(hi)}) is just width × height", "", "", "", ""],
               "INTRO": "every value in the interval equally likely", "OUTRO": f"E[X] = {num(mean)}, Var(X) = {num(var)}"}
    story = {"shots": ["the flat density on the interval", "a shaded strip: probability = width × height", *panel],
             "computed": [*notes, f"Computed: mean {num(mean)}, variance {num(var)}."], "extra": panel}
    return prob_plan(CURVE_LOGIC, consts, story, {"a": a, "b": b, "mean": mean, "variance": var})


def distribution_plan(ask: Ask, notes: list[str]) -> Plan:
    """The plan of the entry's distribution."""
    kind = ask.settings.get("distribution")
    if kind in ("binomial", "geometric", "poisson"):
        return discrete_plan(kind, ask, notes)
    if kind == "normal":
        return normal_plan(ask, notes)
    if kind == "uniform":
        return uniform_plan(ask, notes)
    raise Unsupported(str(kind))


# ---------------------------------------------------------------------------------------------------------------
# Scatter plot and least squares

SCATTER_LOGIC = '''
title = opening(self)
ax, marks = chart(axes_box(REGIONS["graph"]), XR, YR, XTICKS, YTICKS, *NAMES)
dots = VGroup(*[Dot(ax.c2p(x, y), radius=0.09, color=BLUE) for x, y in POINTS])
line = Line(ax.c2p(XR[0], A + B * XR[0]), ax.c2p(XR[1], A + B * XR[1]), color=YELLOW, stroke_width=4)
squares = VGroup()
for (x, y), yhat in zip(POINTS, FITTED):
    side = abs(ax.c2p(0, y)[1] - ax.c2p(0, yhat)[1])
    if side > 0.01:
        sq = Square(side, stroke_color=RED, stroke_width=2, fill_color=RED, fill_opacity=0.3)
        corner = ax.c2p(x, min(y, yhat))
        squares.add(sq.move_to(corner, aligned_edge=DL if x < (XR[0] + XR[1]) / 2 else DR))
panel = plan_fit(rows_of(PANEL, size=26), REGIONS["panel"])
cap = caption(INTRO)
self.play(Create(ax), FadeIn(marks), FadeIn(cap), run_time=rt(1.0))
more, cap = recaption(cap, CAPTIONS[0])
self.play(LaggedStart(*[FadeIn(d, scale=2) for d in dots], lag_ratio=0.15), *more, run_time=rt(1.2))
more, cap = recaption(cap, CAPTIONS[1])
self.play(Create(line), *more, run_time=rt(1.2))
if SQUARES:
    more, cap = recaption(cap, CAPTIONS[2])
    self.play(LaggedStart(*[FadeIn(s) for s in squares], lag_ratio=0.2), *more, run_time=rt(1.4))
cap = reveal(self, panel, CAPTIONS[3:], cap, 1.0)
closing(self, cap, OUTRO)
'''


def scatter_points(ask: Ask, notes: list[str]) -> list[tuple[Fraction, Fraction]]:
    """The request's n×2 points, else the entry's."""
    m = ask.params.matrix
    if m and len(m) >= 3 and all(len(r) == 2 for r in m):
        notes.append(f"Points from the request: {len(m)} of them.")
        return [(frac(x), frac(y)) for x, y in m[:20]]
    return [(frac(x), frac(y)) for x, y in ask.settings["points"]]


def least_squares(pts: list) -> dict:
    """Means, S_xx, S_xy, S_yy, slope, intercept, fitted values, SSE and r (exact)."""
    n = len(pts)
    mx, my = sum(x for x, _ in pts) / n, sum(y for _, y in pts) / n
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    sxy = sum((x - mx) * (y - my) for x, y in pts)
    syy = sum((y - my) ** 2 for _, y in pts)
    if sxx == 0:
        raise Unsupported("all x equal: no regression line")
    b = sxy / sxx
    a = my - b * mx
    fitted = [a + b * x for x, _ in pts]
    return {"mx": mx, "my": my, "sxx": sxx, "sxy": sxy, "syy": syy, "b": b, "a": a, "fitted": fitted,
            "sse": sum((y - f) ** 2 for (_, y), f in zip(pts, fitted, strict=True)),
            "r": float(sxy) / math.sqrt(float(sxx * syy)) if syy else 1.0}


def scatter_plan(ask: Ask, notes: list[str]) -> Plan:
    """Points, the least-squares line (and residual squares), slope, intercept and r."""
    pts = scatter_points(ask, notes)
    ls = least_squares(pts)
    xs, ys = [float(x) for x, _ in pts], [float(y) for _, y in pts]
    pad_x, pad_y = (max(xs) - min(xs)) * 0.2 or 1, (max(ys) - min(ys)) * 0.25 or 1
    xr, yr = [min(xs) - pad_x, max(xs) + pad_x], [min(0, min(ys) - pad_y), max(ys) + pad_y]
    squares = ask.settings.get("show") == "residual_squares"
    sign = "+" if ls["a"] >= 0 else "−"
    panel = [f"x̄ = {fmt(ls['mx'])}, ȳ = {fmt(ls['my'])}", f"b = Sxy/Sxx = {fmt(ls['sxy'])}/{fmt(ls['sxx'])} = {fmt(ls['b'])}",
             f"a = ȳ − b·x̄ = {fmt(ls['a'])}", f"ŷ = {fmt(ls['b'])}x {sign} {fmt(abs(ls['a']))}"]
    panel += [f"sum of squares = {fmt(ls['sse'])}"] if squares else \
        [f"r = Sxy/√(Sxx·Syy) = {ls['r']:.3f}"]
    consts = {"XR": xr, "YR": yr, "NAMES": ["x", "y"], "POINTS": [[float(x), float(y)] for x, y in pts],
              "XTICKS": [[v, num(v)] for v in ticks(xr[0], xr[1], 5)], "YTICKS": [[v, num(v)] for v in ticks(yr[0], yr[1], 4)
                                                                            if v > yr[0]],
              "A": float(ls["a"]), "B": float(ls["b"]), "FITTED": [float(f) for f in ls["fitted"]], "SQUARES": squares,
              "PANEL": panel, "CAPTIONS": ["the data", "the least-squares line", "the squared residuals: the line makes "
                                           "their total smallest", "the means", "the slope", "the intercept", "",
                                           "how good the fit is"],
              "INTRO": f"{len(pts)} points", "OUTRO": panel[3] + (f", r = {ls['r']:.3f}" if not squares else "")}
    story = {"shots": ["the points on axes", "the regression line" + (" and the residual squares" if squares else ""),
                       *panel], "computed": [*notes, "Least squares: " + "; ".join(panel) + "."], "extra": panel}
    return prob_plan(SCATTER_LOGIC, consts, story, {k: ls[k] for k in ("a", "b", "r", "sse", "sxx", "sxy", "syy")})


# ---------------------------------------------------------------------------------------------------------------
# Markov chains

MARKOV_LOGIC = '''
title = opening(self)
m = len(STATES)
colors = [BLUE, ORANGE, GREEN, PURPLE]
nodes = VGroup(*[VGroup(Circle(0.55, color=colors[i], fill_color=BLACK, fill_opacity=1),
                        fit(Text(s, font_size=24), 0.95).set_z_index(2)).move_to([x, y, 0]) for i, (s, (x, y)) in enumerate(zip(STATES, SPOTS))])
links = VGroup()
for i, j, p in ARCS:
    a, b = nodes[i][0], nodes[j][0]
    if i == j:
        out = np.array([*LOOP_DIR[i], 0])
        loop = Arc(radius=0.32, start_angle=np.arctan2(out[1], out[0]) - 2.2, angle=4.4, color=GREY_B)
        loop.move_to(a.get_center() + out * 0.78).add_tip(tip_length=0.16, tip_width=0.14)
        links.add(VGroup(loop, Text(p, font_size=22).move_to(a.get_center() + out * 1.38)))
    else:
        d = b.get_center() - a.get_center()
        d = d / np.linalg.norm(d)
        arc = CurvedArrow(a.get_center() + rotate_vector(d, 0.35) * 0.58, b.get_center() - rotate_vector(d, -0.35) * 0.58,
                          angle=-0.7, color=GREY_B, tip_length=0.18)
        side = rotate_vector(d, -PI / 2)
        lab = Text(p, font_size=22).move_to((a.get_center() + b.get_center()) / 2 + side * 0.62)
        links.add(VGroup(arc, lab.add_background_rectangle(opacity=1, buff=0.04)))
plan_fit(VGroup(nodes, links), REGIONS["figure"])
ax, marks = chart(axes_box(REGIONS["graph"]), [-0.6, m - 0.4], [0, 1.05], [[k, s] for k, s in enumerate(SHORT)],
                  [[0.5, "0.5"], [1, "1"]])
bars = bars_on(ax, list(range(m)), DISTS[0], 0.6)
for k, bar in enumerate(bars):
    bar.set_fill(colors[k])
step_text = plan_fit(Text("step 0", font_size=24), REGIONS["graph"], UR)
limit = VGroup(*[DashedLine(ax.c2p(k - 0.4, p), ax.c2p(k + 0.4, p), color=WHITE) for k, p in enumerate(STATIONARY)])
panel = plan_fit(rows_of(PANEL, size=26), REGIONS["panel"])
cap = caption(INTRO)
self.play(FadeIn(nodes), FadeIn(cap), run_time=rt(0.8))
more, cap = recaption(cap, CAPTIONS[0])
self.play(LaggedStart(*[Create(l) for l in links], lag_ratio=0.2), *more, run_time=rt(1.6))
more, cap = recaption(cap, CAPTIONS[1])
self.play(Create(ax), FadeIn(marks), FadeIn(bars), FadeIn(step_text), *more, run_time=rt(1.0))
for k, dist in enumerate(DISTS[1:], 1):
    new = bars_on(ax, list(range(m)), dist, 0.6)
    for i, bar in enumerate(new):
        bar.set_fill(colors[i])
    self.play(Transform(bars, new), Transform(step_text, plan_fit(Text(f"step {k}", font_size=24), REGIONS["graph"], UR)),
              run_time=rt(STEP))
more, cap = recaption(cap, CAPTIONS[2])
self.play(Create(limit), FadeIn(panel), *more, run_time=rt(1.2))
closing(self, cap, OUTRO)
'''


def markov_matrix(ask: Ask, notes: list[str]) -> list[list[Fraction]]:
    """The request's stochastic matrix, else the entry's."""
    m = ask.params.matrix
    if m and len(m) in (2, 3, 4) and all(len(r) == len(m) for r in m) and \
            all(abs(sum(r) - 1) < 1e-6 and min(r) >= 0 for r in m):
        notes.append("Transition matrix from the request.")
        rows = m
    else:
        rows = ask.settings["matrix"]
    return [[frac(v) for v in r] for r in rows]


def stationary(P: list[list[Fraction]]) -> list[Fraction]:
    """The stationary distribution π (π P = π, Σπ = 1), exact."""
    n = len(P)
    M = sp.Matrix([[sp.Rational(P[j][i].numerator, P[j][i].denominator) - (1 if i == j else 0) for j in range(n)]
                   for i in range(n)])
    M = M.col_join(sp.ones(1, n))
    sol = M.solve_least_squares(sp.Matrix([0] * n + [1]))
    return [Fraction(int(sp.nsimplify(v).p), int(sp.nsimplify(v).q)) for v in sol]


def markov_plan(ask: Ask, notes: list[str]) -> Plan:
    """The state diagram, the distribution step by step, and the stationary one."""
    P = markov_matrix(ask, notes)
    n = len(P)
    states = [str(s) for s in ask.settings.get("states", [])][:n] or [f"S{i + 1}" for i in range(n)]
    steps = min(int(named(ask, ("steps",), int(ask.settings.get("steps", 10)), 1, 20, notes)), 20)
    dist, dists = [Fraction(1)] + [Fraction(0)] * (n - 1), []
    for _ in range(steps + 1):
        dists.append(dist)
        dist = [sum(dist[i] * P[i][j] for i in range(n)) for j in range(n)]
    pi = stationary(P)
    spots = [[-4.9, 0.2], [-1.9, 0.2]] if n == 2 else \
        [[round(-3.4 + 1.9 * math.sin(2 * math.pi * k / n), 3), round(0.1 + 1.9 * math.cos(2 * math.pi * k / n), 3)]
         for k in range(n)]
    loops = [[-1, 0], [1, 0]] if n == 2 else \
        [[round(math.sin(2 * math.pi * k / n), 3), round(math.cos(2 * math.pi * k / n), 3)] for k in range(n)]
    arcs = [[i, j, fmt(P[i][j])] for i in range(n) for j in range(n) if P[i][j] > 0]
    panel = ["π = (" + ", ".join(fmt(p) for p in pi) + ")", "π P = π"]
    consts = {"STATES": states, "SHORT": [s[:6] for s in states], "SPOTS": spots, "LOOP_DIR": loops, "ARCS": arcs,
              "DISTS": [[float(p) for p in d] for d in dists], "STATIONARY": [float(p) for p in pi], "PANEL": panel,
              "STEP": step_time(steps, 6, 0.35, 0.8),
              "CAPTIONS": ["the arrows carry the transition probabilities", f"start in {states[0]}, then step",
                           "the distribution settles at the stationary one"],
              "INTRO": f"a Markov chain with {n} states", "OUTRO": f"stationary: {panel[0]}"}
    story = {"shots": ["the states and the transition arrows with their probabilities",
                       f"the distribution over the states, step by step from {states[0]} ({steps} steps)",
                       f"the dashed levels of the stationary distribution {panel[0]}"],
             "computed": [*notes, f"Stationary distribution (solved exactly): {panel[0]}; after {steps} steps: "
                          + ", ".join(f"{float(p):.4f}" for p in dists[-1]) + "."],
             "extra": [*panel, f"after {steps} steps: " + ", ".join(f"{float(p):.4f}" for p in dists[-1])]}
    return prob_plan(MARKOV_LOGIC, consts, story, {"stationary": pi, "distributions": dists}, parts=FIGURE_CHART_PANEL)


# ---------------------------------------------------------------------------------------------------------------
# Counting trees: permutations and combinations

COUNT_LOGIC = '''
title = opening(self)
root = Dot([-6.3, 0.0, 0], radius=0.08)
levels = []
for k, (parent, names, ys, more) in enumerate(LEVELS):
    x = -4.6 + 1.7 * k
    anchor = root if k == 0 else levels[k - 1][0][parent]
    dots = [Dot([x, y, 0], radius=0.06) for y in ys]
    lines = VGroup(*[Line(anchor.get_center(), d.get_center(), color=GREY_B, stroke_width=2) for d in dots])
    labels = VGroup(*[Text(s, font_size=24).next_to(d, UP, buff=0.08) for s, d in zip(names, dots)])
    extra = Text(more, font_size=20, color=GREY_B).next_to(labels, DOWN, buff=0.15) if more else VGroup()
    levels.append((dots, lines, labels, extra))
plan_fit(VGroup(root, *[VGroup(*dots, lines, labels, extra) for dots, lines, labels, extra in levels]), REGIONS["figure"])
panel = plan_fit(rows_of(PANEL, size=28), REGIONS["panel"])
cap = caption(INTRO)
self.play(FadeIn(root), FadeIn(cap), run_time=rt(0.5))
for (dots, lines, labels, extra), said in zip(levels, CAPTIONS):
    more, cap = recaption(cap, said)
    self.play(Create(lines), *[FadeIn(d) for d in dots], FadeIn(labels), FadeIn(extra), *more, run_time=rt(STEP))
cap = reveal(self, panel, CAPTIONS[len(levels):], cap, 1.1)
closing(self, cap, OUTRO)
'''


def counting_numbers(ask: Ask, notes: list[str]) -> tuple[int, int]:
    """n and k: the request's two whole numbers, the larger being n whatever the wording ("choose 3 from 10",
    "10 choose 3", "3 out of 10", "C(10, 3)"), else the entry's; within what the tree and panel can show (a clamp
    is said)."""
    s = ask.settings
    given = [int(v) for v in ask.numbers if float(v).is_integer() and v >= 0][:2]
    if len(given) == 2:
        n, k = max(given), min(given)
        notes.append(f"n = {n}, k = {k} from the request.")
    elif given:
        n, k = given[0], min(int(s["k"]), given[0])
        notes.append(f"n = {n} from the request, k = {k} from the entry.")
    else:
        n, k = int(s["n"]), int(s["k"])
    n2, k2 = min(max(n, 2), 100), min(max(k, 1), 8)
    k2 = min(k2, n2)
    if (n2, k2) != (n, k):
        notes.append(f"n = {n}, k = {k} is more than the scene can show: it shows n = {n2}, k = {k2}.")
    return n2, k2


def counting_plan(ask: Ask, notes: list[str]) -> Plan:
    """The tree of choices: n·(n−1)·… ordered; divided by k! unordered."""
    s = ask.settings
    n, k = counting_numbers(ask, notes)
    items = [chr(65 + i) if i < 26 else f"x{i + 1}" for i in range(n)]
    levels, used = [], []
    for depth in range(min(k, 3)):
        left = [x for x in items if x not in used]
        shown = left[:(7, 5, 4)[depth]]  # fewer at the deeper levels, which have less height
        ys = [round((2.4 if depth else 2.5) - (5.0 - 1.2 * depth) * i / max(len(shown) - 1, 1), 3) for i in range(len(shown))]
        levels.append([0, shown, ys, f"({len(left) - len(shown)} more)" if len(left) > len(shown) else ""])
        used.append(left[0])
    perm, comb = math.perm(n, k), math.comb(n, k)
    factors = " × ".join(str(n - i) for i in range(k))
    panel = [f"{factors} = {perm}", f"ordered: {n}!/({n} − {k})! = {perm}"]
    if not s.get("ordered", True):
        panel += [f"each group of {k} counted {k}! = {math.factorial(k)} times", f"C({n}, {k}) = {perm}/{math.factorial(k)} = {comb}"]
    said = [f"{n} choices for the first", f"{n - 1} left for the second", f"{n - 2} for the third"][:len(levels)]
    said += ["multiply the choices", "", "order does not matter: divide", ""][:len(panel)]
    answer = comb if not s.get("ordered", True) else perm
    consts = {"LEVELS": levels, "PANEL": panel, "CAPTIONS": said, "STEP": 1.2,
              "INTRO": f"choose {k} of {n} items, one after another",
              "OUTRO": (f"C({n}, {k}) = {comb}" if not s.get("ordered", True) else f"P({n}, {k}) = {perm}")}
    story = {"shots": ["the tree of choices, one level per pick (only the first branch opened)", *panel],
             "computed": [*notes, f"Computed: {n}P{k} = {perm}, {n}C{k} = {comb}."], "extra": panel}
    return prob_plan(COUNT_LOGIC, consts, story, {"n": n, "k": k, "permutations": perm, "combinations": comb,
                                                  "answer": answer}, parts=COUNT_PARTS)


# ---------------------------------------------------------------------------------------------------------------
# Simulations (fixed seed): running frequencies, Monty Hall, hat checks, birthdays, random walks

SIM_LOGIC = '''
title = opening(self)
cap = caption(INTRO)
self.play(FadeIn(cap), run_time=rt(0.4))
if DOORS:
    car, pick, opened, said = DOORS
    doors = VGroup(*[VGroup(Rectangle(width=1.5, height=2.4, color=GREY_B, fill_color=GREY_E, fill_opacity=1),
                            Text(str(k + 1), font_size=36)) for k in range(3)]).arrange(RIGHT, buff=0.8).shift(DOWN * 0.2)
    for d in doors:
        d[1].move_to(d[0])
    behind = [Text("car" if k == car else "goat", font_size=28, color=GREEN if k == car else GREY_B).move_to(doors[k][0])
              for k in range(3)]
    self.play(FadeIn(doors), run_time=rt(0.6))
    steps = [[doors[pick][0].animate.set_stroke(YELLOW, 6)], [FadeOut(doors[opened][1]), FadeIn(behind[opened])],
             [FadeOut(doors[k][1]) for k in range(3) if k != opened] + [FadeIn(behind[k]) for k in range(3) if k != opened]]
    for anims, text in zip(steps, said):
        more, cap = recaption(cap, text)
        self.play(*anims, *more, run_time=rt(1.2))
        self.wait(rt(0.6))
    self.play(FadeOut(doors), *[FadeOut(b) for b in behind], run_time=rt(0.6))
ax, marks = chart(axes_box(REGIONS["graph"]), XR, YR, XTICKS, YTICKS, *NAMES)
palette = {"YELLOW": YELLOW, "BLUE": BLUE, "ORANGE": ORANGE, "GREEN": GREEN, "GREY": GREY_B, "RED": RED, "TEAL": TEAL}
refs = VGroup()
for y, label, color in REFS:
    line = DashedLine(ax.c2p(XR[0], y), ax.c2p(XR[1], y), color=palette[color], stroke_width=2)
    refs.add(line)
    if label:
        refs.add(Text(label, font_size=22, color=palette[color]).next_to(line, UP, buff=0.06).align_to(line, RIGHT))
groups = []
for lines, said in zip(LINES, CAPTIONS):
    groups.append(VGroup(*[polyline(ax, pts, palette[color], width) for pts, color, width in lines]))
dots = VGroup(*[VGroup(Dot(ax.c2p(x, y), radius=0.08, color=palette[c]),
                       Text(s, font_size=22, color=palette[c]).next_to(ax.c2p(x, y), DR, buff=0.1)) for x, y, s, c in DOTS])
panel = plan_fit(rows_of(PANEL, size=26), REGIONS["panel"])
self.play(Create(ax), FadeIn(marks), FadeIn(refs), run_time=rt(1.0))
for group, said in zip(groups, CAPTIONS):
    more, cap = recaption(cap, said)
    self.play(*[Create(p) for p in group], *more, run_time=rt(DRAW), rate_func=linear)
if len(dots):
    self.play(FadeIn(dots), run_time=rt(0.8))
cap = reveal(self, panel, CAPTIONS[len(groups):], cap, 1.0)
closing(self, cap, OUTRO)
'''


def thin(points: list, most: int = 160) -> list:
    """At most `most` points of a polyline (evenly picked, the last kept)."""
    if len(points) <= most:
        return points
    step = len(points) / most
    return [points[int(i * step)] for i in range(most)] + [points[-1]]


def running(hits: list[bool]) -> list[list[float]]:
    """(n, running frequency) after each trial."""
    out, total = [], 0
    for n, h in enumerate(hits, 1):
        total += h
        out.append([n, round(total / n, 5)])
    return out


def sim_consts(x_max: float, y: tuple[float, float], names: list[str], text: dict) -> dict:
    """The SIM_LOGIC constants: axes, then what `text` gives (LINES, REFS, DOTS, PANEL, CAPTIONS, INTRO, OUTRO)."""
    xt = ticks(0, x_max, 4)
    return {"XR": [0, x_max], "YR": list(y), "NAMES": names, "XTICKS": [[v, num(v)] for v in xt if v > 0],
            "YTICKS": [[v, num(v)] for v in ticks(y[0], y[1] * 0.95, 4) if v > y[0]], "DOTS": [], "DRAW": 3.0,
            "DOORS": [], **text}


def frequency_plan(ask: Ask, notes: list[str]) -> Plan:
    """Coin flips with probability p: the running frequency of heads settles at p (law of large numbers)."""
    p = named(ask, ("p", "probability"), float(ask.settings.get("p", 0.5)), 0.01, 0.99, notes)
    n = named(ask, ("trials", "flips", "tosses"), int(ask.settings.get("trials", 1000)), 10, 20000, notes)
    rng = random.Random(SEED + 1)  # a typical run (the first seed's run strays below 2 standard errors early on)
    freq = running([rng.random() < p for _ in range(n)])
    band = [[k, min(1, p + 2 * math.sqrt(p * (1 - p) / k))] for k in range(5, n + 1, max(1, n // 150))]
    low = [[k, max(0, p - 2 * math.sqrt(p * (1 - p) / k))] for k, _ in band]
    checks = [c for c in (10, 100, 1000, 10000) if c <= n]
    panel = [f"after {c}: {freq[c - 1][1]:.3f}" for c in checks] + [f"2·√(p(1 − p)/n) at n = {n}:", f"{2 * math.sqrt(p * (1 - p) / n):.3f}"]
    text = {"LINES": [[[thin(band), "GREY", 2], [thin(low), "GREY", 2]], [[thin(freq), "YELLOW", 3]]],
            "REFS": [[p, f"p = {num(p)}", "GREEN"]], "PANEL": panel,
            "CAPTIONS": ["95% of runs stay between the grey curves", f"the running frequency of {n} flips (seed {SEED + 1})",
                         *[""] * len(panel)], "INTRO": f"flip a coin with P(heads) = {num(p)} again and again",
            "OUTRO": f"after {n} flips: {freq[-1][1]:.3f} ≈ {num(p)}"}
    story = {"shots": ["axes: flips n across, frequency of heads up", "the ±2 standard error band narrowing like 1/√n",
                       f"the running frequency of one run of {n} flips", *panel],
             "computed": [*notes, f"Simulated {n} flips (seed {SEED + 1}): " + "; ".join(panel[:len(checks)]) + "."],
             "extra": panel}
    return prob_plan(SIM_LOGIC, sim_consts(n, (0, 1.05), ["flips", "frequency"], text),
                     story, {"final": freq[-1][1], "p": p, "n": n})


def monty_plan(ask: Ask, notes: list[str]) -> Plan:
    """Monty Hall: the running win rate when always switching and when always staying."""
    games = named(ask, ("games", "trials", "rounds"), int(ask.settings.get("games", 300)), 20, 5000, notes)
    rng = random.Random(SEED)
    stay, switch, first = [], [], None
    for _ in range(games):
        car, pick = rng.randrange(3), rng.randrange(3)
        stay.append(pick == car)
        switch.append(pick != car)
        first = first or (car, pick)
    car, pick = first
    opened = next(k for k in range(3) if k not in (car, pick))
    other = next(k for k in range(3) if k not in (pick, opened))
    doors = [car, pick, opened, [f"game 1: you pick door {pick + 1}", f"the host opens door {opened + 1}: a goat",
                                 f"switching to door {other + 1} " + ("wins the car" if other == car else "loses")]]
    fs, fw = running(stay), running(switch)
    panel = [f"switch won {sum(switch)} of {games}", f"= {fw[-1][1]:.3f} (theory 2/3)", f"stay won {sum(stay)} of {games}",
             f"= {fs[-1][1]:.3f} (theory 1/3)", "switching wins whenever", "the first pick was wrong"]
    text = {"LINES": [[[thin(fw), "GREEN", 3], [thin(fs), "ORANGE", 3]]],
            "REFS": [[2 / 3, "2/3", "GREEN"], [1 / 3, "1/3", "ORANGE"]], "PANEL": panel, "DOORS": doors,
            "CAPTIONS": [f"{games} games (seed {SEED}): green switches, orange stays", *[""] * len(panel)],
            "INTRO": "pick a door; the host opens a goat door; switch or stay?",
            "OUTRO": f"switching wins {fw[-1][1]:.3f} ≈ 2/3, staying {fs[-1][1]:.3f} ≈ 1/3"}
    story = {"shots": ["one game with three doors: the pick, the host's goat, the switch", "axes: games across, "
                       "share of wins up", "the running win rates of switching and of staying",
                       *panel], "computed": [*notes, f"Simulated {games} games (seed {SEED}): {panel[0]}, {panel[2]}."],
             "extra": panel}
    return prob_plan(SIM_LOGIC, sim_consts(games, (0, 1.05), ["games", "wins"], text), story,
                     {"switch": fw[-1][1], "stay": fs[-1][1]})


def hat_plan(ask: Ask, notes: list[str]) -> Plan:
    """Hat check: the share of shuffles where nobody gets their own hat, against D(n)/n! ≈ 1/e."""
    people = named(ask, ("people", "guests", "n"), int(ask.settings.get("people", 4)), 2, 12, notes)
    trials = named(ask, ("trials",), int(ask.settings.get("trials", 300)), 20, 5000, notes)
    rng = random.Random(SEED)
    hits = []
    for _ in range(trials):
        hats = list(range(people))
        rng.shuffle(hats)
        hits.append(all(h != i for i, h in enumerate(hats)))
    freq = running(hits)
    d = int(sp.subfactorial(people))
    exact = Fraction(d, math.factorial(people))
    panel = [f"D({people}) = {d} of {people}! = {math.factorial(people)}", f"= {fmt(exact)} ≈ {float(exact):.4f}",
             f"simulated: {freq[-1][1]:.3f}", f"1/e ≈ {1 / math.e:.4f}"]
    text = {"LINES": [[[thin(freq), "YELLOW", 3]]], "REFS": [[float(exact), fmt(exact), "GREEN"]], "PANEL": panel,
            "CAPTIONS": [f"{trials} random shuffles of {people} hats (seed {SEED})", *[""] * len(panel)],
            "INTRO": f"{people} guests get their hats back at random", "OUTRO": f"P(nobody gets their own hat) = {fmt(exact)}"}
    story = {"shots": ["the running share of shuffles with no guest getting their own hat", *panel],
             "computed": [*notes, f"subfactorial({people}) = {d}; simulated {freq[-1][1]:.3f}."], "extra": panel}
    return prob_plan(SIM_LOGIC, sim_consts(trials, (0, 1.05), ["shuffles", "share"], text), story,
                     {"derangements": d, "exact": exact, "simulated": freq[-1][1]})


def birthday_plan(ask: Ask, notes: list[str]) -> Plan:
    """The chance that two of n people share a birthday, exact for n = 1..60, and 1000 simulated rooms."""
    n = named(ask, ("people", "n", "persons"), int(ask.settings.get("people", 23)), 2, 60, notes)
    exact, q = [], 1.0
    for k in range(1, 61):
        q *= (365 - k + 1) / 365
        exact.append([k, round(1 - q, 5)])
    rng = random.Random(SEED)
    rooms = 1000
    shared = sum(len(set(rng.randrange(365) for _ in range(n))) < n for _ in range(rooms))
    p = exact[n - 1][1]
    panel = ["P(all different) =", f"365·364···{366 - n} / 365{sup(n)}", f"P(shared) = {p:.4f}",
             f"{rooms} simulated rooms:", f"{shared} shared: {shared / rooms:.3f}"]
    text = {"LINES": [[[exact, "YELLOW", 3]]], "REFS": [[0.5, "1/2", "GREY"]], "PANEL": panel,
            "DOTS": [[n, p, f"n = {n}: {p:.3f}", "GREEN"], [n, shared / rooms, "", "ORANGE"]],
            "CAPTIONS": ["the exact chance for each group size", *[""] * len(panel)],
            "INTRO": "how many people until two share a birthday?", "OUTRO": f"{n} people: {p:.4f}"}
    story = {"shots": ["the exact probability of a shared birthday against the group size",
                       f"the point n = {n} marked; the simulated rooms beside it", *panel],
             "computed": [*notes, f"Exact {p:.4f}; simulated {shared}/{rooms} rooms (seed {SEED})."], "extra": panel}
    return prob_plan(SIM_LOGIC, sim_consts(60, (0, 1.05), ["people", "P"], text), story,
                     {"exact": p, "simulated": shared / rooms})


def walk_plan(ask: Ask, notes: list[str]) -> Plan:
    """Random walks of ±1 steps: the paths spread like √n."""
    steps = named(ask, ("steps",), int(ask.settings.get("steps", 100)), 10, 1000, notes)
    walkers = named(ask, ("walkers", "paths"), int(ask.settings.get("walkers", 20)), 1, 40, notes)
    rng = random.Random(SEED)
    paths, ends = [], []
    for _ in range(walkers):
        pos, pts = 0, [[0, 0]]
        for k in range(1, steps + 1):
            pos += rng.choice((-1, 1))
            pts.append([k, pos])
        paths.append(thin(pts, 100))
        ends.append(pos)
    rms = math.sqrt(sum(e * e for e in ends) / walkers)
    top = max(2.5 * math.sqrt(steps), max(abs(e) for e in ends) + 2)
    colors = ["BLUE", "TEAL", "ORANGE", "YELLOW"]
    envelope = [[k, math.sqrt(k)] for k in range(0, steps + 1, max(1, steps // 60))]
    panel = [f"{walkers} walkers, {steps} steps", f"RMS distance: {rms:.2f}", f"√{steps} = {math.sqrt(steps):.2f}"]
    text = {"LINES": [[[p, colors[i % 4], 2] for i, p in enumerate(paths)],
                      [[envelope, "GREEN", 3], [[[k, -v] for k, v in envelope], "GREEN", 3]]],
            "REFS": [[0, "", "GREY"]], "PANEL": panel,
            "CAPTIONS": [f"{walkers} random walks (seed {SEED})", "±√n: the typical distance", "", "", ""],
            "INTRO": "each step: one up or one down, a coin decides", "OUTRO": f"RMS distance {rms:.2f} ≈ √{steps}"}
    consts = sim_consts(steps, (-top, top), ["steps", "position"], text)
    consts["YTICKS"] = [[v, num(v)] for v in ticks(-top * 0.9, top * 0.9, 4)]
    story = {"shots": [f"{walkers} random walks drawn at once", "the curves ±√n around them", *panel],
             "computed": [*notes, f"Simulated {walkers} walks of {steps} steps (seed {SEED}): RMS {rms:.3f}."],
             "extra": panel}
    return prob_plan(SIM_LOGIC, consts, story, {"rms": rms, "ends": ends})


# ---------------------------------------------------------------------------------------------------------------
# Simulations with their own picture: Galton board, sample means, confidence intervals, Buffon's needle

GALTON_LOGIC = '''
title = opening(self)
rows = ROWS
fx0, fx1, fy0, fy1 = REGIONS["figure"]
dx, dy = min(0.42, (fx1 - fx0 - 1.8) / (rows + 1)), min(0.3, (fy1 - fy0 - 3.5) / rows)
top = np.array([(fx0 + fx1) / 2, fy1 - 0.25, 0])
pegs = VGroup(*[Dot(top + np.array([(j - r / 2) * dx, -(r + 1) * dy, 0]), radius=0.04, color=GREY_B)
                for r in range(rows) for j in range(r + 1)])
ax, marks = chart([top[0] - (rows + 1) / 2 * dx, top[0] + (rows + 1) / 2 * dx, fy0 + 0.5, top[1] - (rows + 1.6) * dy],
                  [-0.5, rows + 0.5], [0, YMAX], [[k, str(k)] for k in range(0, rows + 1, 1 if rows <= 12 else 2)], [])
panel = plan_fit(rows_of(PANEL, size=26), REGIONS["panel"])
cap = caption(INTRO)
self.play(FadeIn(pegs), Create(ax), FadeIn(marks), FadeIn(cap), run_time=rt(1.0))
more, cap = recaption(cap, CAPTIONS[0])
self.play(*more, run_time=rt(0.5))
for path in PATHS:
    ball = Dot(top + UP * 0.2, radius=0.07, color=YELLOW)
    pts = [top + UP * 0.2] + [top + np.array([(x - r / 2) * dx, -(r + 1) * dy + 0.09, 0]) for r, x in enumerate(path)]
    pts.append(ax.c2p(path[-1] if path else 0, 0) + UP * 0.1)
    track = VMobject().set_points_as_corners(pts)
    self.play(MoveAlongPath(ball, track), run_time=rt(0.7), rate_func=linear)
    self.remove(ball)
bars = bars_on(ax, list(range(rows + 1)), [0.001] * (rows + 1), 0.8)
self.add(bars)
for counts, said in zip(BATCHES, CAPTIONS[1:]):
    more, cap = recaption(cap, said)
    self.play(Transform(bars, bars_on(ax, list(range(rows + 1)), counts, 0.8)), *more, run_time=rt(1.0))
curve = polyline(ax, EXPECTED, RED, 3)
more, cap = recaption(cap, CAPTIONS[len(BATCHES) + 1])
self.play(Create(curve), *more, run_time=rt(1.2))
cap = reveal(self, panel, CAPTIONS[len(BATCHES) + 2:], cap, 1.0)
closing(self, cap, OUTRO)
'''


def galton_plan(ask: Ask, notes: list[str]) -> Plan:
    """Balls bounce left or right at every row of pegs: the bins fill like the binomial distribution."""
    rows = named(ask, ("rows", "levels"), int(ask.settings.get("rows", 10)), 3, 16, notes)
    balls = named(ask, ("balls",), int(ask.settings.get("balls", 200)), 20, 2000, notes)
    rng = random.Random(SEED)
    paths, bins = [], [0] * (rows + 1)
    for _ in range(balls):
        rights, path = 0, []
        for _ in range(rows):
            rights += rng.random() < 0.5
            path.append(rights)
        bins[rights] += 1
        paths.append(path)
    cuts = sorted({max(1, balls // 20), balls // 4, balls // 2, balls})
    batches = [[sum(1 for p in paths[:c] if p[-1] == k) for k in range(rows + 1)] for c in cuts]
    expected = [[k, balls * math.comb(rows, k) / 2 ** rows] for k in range(rows + 1)]
    mode = rows // 2
    panel = [f"P(bin k) = C({rows}, k) / 2{sup(rows)}",
             f"bin {mode}: expected {balls * math.comb(rows, mode) / 2 ** rows:.1f}", f"bin {mode}: got {bins[mode]}"]
    consts = {"ROWS": rows, "PATHS": paths[:6], "BATCHES": batches, "EXPECTED": expected,
              "YMAX": max(max(bins), max(e for _, e in expected)) * 1.15, "PANEL": panel,
              "CAPTIONS": ["each peg: left or right with probability 1/2", *[f"{c} balls" for c in cuts],
                           "red: the binomial expectation", "", "", ""],
              "INTRO": f"{balls} balls through {rows} rows of pegs (seed {SEED})",
              "OUTRO": f"the bins follow C({rows}, k) / 2{sup(rows)}"}
    story = {"shots": [f"a board of {rows} rows of pegs and {rows + 1} bins", "six balls bounce down one by one",
                       f"the bins fill with {balls} balls in batches", "the binomial expectation drawn over them", *panel],
             "computed": [*notes, f"Simulated {balls} balls (seed {SEED}): bins {bins}."], "extra": [*panel, f"bins: {bins}"]}
    return prob_plan(GALTON_LOGIC, consts, story, {"bins": bins, "balls": balls, "rows": rows}, parts=GALTON_PARTS)


MEANS_LOGIC = '''
title = opening(self)
cap = caption(INTRO)
self.play(FadeIn(cap), run_time=rt(0.4))
for k, (n, counts, curve, label) in enumerate(PANELS):
    x0, x1, y0, y1 = REGIONS[f"chart{k}"]  # its name on top, the tick numbers under the axes
    ax, marks = chart([x0 + 0.1, x1 - 0.1, y0 + 0.45, y1 - 0.45], [1, 6], [0, YMAX[k]],
                      [[v, str(v)] for v in range(1, 7)], [])
    bars = bars_on(ax, [1 + (i + 0.5) * 5 / len(counts) for i in range(len(counts))], counts, 5 / len(counts) * 0.95)
    name = plan_fit(Text(label, font_size=24, color=YELLOW), [x0, x1, y1 - 0.4, y1], UL)
    more, cap = recaption(cap, CAPTIONS[k])
    self.play(Create(ax), FadeIn(marks), FadeIn(name), *more, run_time=rt(0.6))
    self.play(LaggedStart(*[GrowFromEdge(b, DOWN) for b in bars], lag_ratio=0.03),
              Create(polyline(ax, curve, RED, 3)) if curve else Wait(), run_time=rt(STEP))
closing(self, cap, OUTRO)
'''


def means_plan(ask: Ask, notes: list[str]) -> Plan:
    """Means of n die rolls, 600 of each size: the histograms narrow and turn bell-shaped (σ/√n)."""
    sizes = [int(v) for v in ask.settings.get("sample_sizes", [1, 2, 5, 30])][:4]
    rng = random.Random(SEED)
    reps, bins = 600, 20
    sigma = math.sqrt(35 / 12)
    panels, ymax, sds = [], [], []
    for n in sizes:
        means = [sum(rng.randint(1, 6) for _ in range(n)) / n for _ in range(reps)]
        counts = [0] * bins
        for m in means:
            counts[min(int((m - 1) / 5 * bins), bins - 1)] += 1
        dens = [c / reps / (5 / bins) for c in counts]
        s = sigma / math.sqrt(n)
        curve = [[x / 20, math.exp(-((x / 20 - 3.5) / s) ** 2 / 2) / (s * math.sqrt(2 * math.pi))] for x in range(20, 121)]
        sd = math.sqrt(sum((m - 3.5) ** 2 for m in means) / reps)
        sds.append(sd)
        panels.append([n, [round(d, 4) for d in dens], [[x, round(y, 4)] for x, y in curve] if n > 1 else [],
                       f"n = {n}: sd {sd:.2f} (σ/√n = {s:.2f})"])
        ymax.append(max(max(dens), max(y for _, y in curve) if n > 1 else 0) * 1.15)
    consts = {"PANELS": panels, "YMAX": ymax, "STEP": 1.4,
              "CAPTIONS": [f"{reps} means of {n} roll{'s' if n > 1 else ''}" for n in sizes],
              "INTRO": f"roll a die n times and average; repeat {reps} times (seed {SEED})",
              "OUTRO": "the means pile up in a bell around 3.5, narrower like σ/√n"}
    story = {"shots": [f"a histogram of {reps} sample means for each n = {', '.join(map(str, sizes))}",
                       "each with its spread; the normal curve with σ/√n in red"],
             "computed": [*notes, f"Simulated (seed {SEED}): " + "; ".join(p[3] for p in panels) + "."],
             "extra": [p[3] for p in panels]}
    return prob_plan(MEANS_LOGIC, consts, story, {"sizes": sizes, "sds": sds}, parts=MEANS_PARTS[:len(sizes)])


INTERVALS_LOGIC = '''
title = opening(self)
ax, marks = chart(axes_box(REGIONS["graph"]), XR, [0, len(INTERVALS) + 1], XTICKS, [], "x̄ ± margin", "")
mu = DashedLine(ax.c2p(MU, 0), ax.c2p(MU, len(INTERVALS) + 0.8), color=YELLOW)
mu_label = Text(f"μ = {MU_TEXT}", font_size=24, color=YELLOW).next_to(mu, UP, buff=0.08)
panel = plan_fit(rows_of(PANEL, size=26), REGIONS["panel"])
cap = caption(INTRO)
self.play(Create(ax), FadeIn(marks), Create(mu), FadeIn(mu_label), FadeIn(cap), run_time=rt(1.0))
more, cap = recaption(cap, CAPTIONS[0])
self.play(*more, run_time=rt(0.4))
lines = VGroup()
for k, (lo, mid, hi, hit) in enumerate(INTERVALS, 1):
    c = GREEN if hit else RED
    lines.add(VGroup(Line(ax.c2p(lo, k), ax.c2p(hi, k), color=c, stroke_width=4), Dot(ax.c2p(mid, k), radius=0.05, color=c)))
self.play(LaggedStart(*[Create(l) for l in lines], lag_ratio=0.3), run_time=rt(STEP))
cap = reveal(self, panel, CAPTIONS[1:], cap, 1.0)
closing(self, cap, OUTRO)
'''


def intervals_plan(ask: Ask, notes: list[str]) -> Plan:
    """Twenty samples, twenty 95% intervals x̄ ± z σ/√n: about one in twenty misses μ."""
    s = ask.settings
    mu = named(ask, ("mu", "μ", "mean"), float(s.get("mu", 50)), -1e6, 1e6, notes)
    sigma = named(ask, ("sigma", "σ", "sd", "standard deviation"), float(s.get("sigma", 10)), 1e-3, 1e6, notes)
    n = named(ask, ("n", "sample size"), int(s.get("n", 100)), 2, 10000, notes)
    level = named(ask, ("confidence", "level"), float(s.get("level", 0.95)), 0.5, 0.999, notes)
    z = float(sp.N(sp.sqrt(2) * sp.erfinv(level)))
    margin = z * sigma / math.sqrt(n)
    rng = random.Random(SEED)
    rows = []
    for _ in range(20):
        xbar = sum(rng.gauss(mu, sigma) for _ in range(n)) / n
        rows.append([round(xbar - margin, 4), round(xbar, 4), round(xbar + margin, 4), abs(xbar - mu) <= margin])
    hits = sum(r[3] for r in rows)
    span = max(max(abs(r[0] - mu), abs(r[2] - mu)) for r in rows) * 1.15
    panel = [f"margin = z·σ/√n = {z:.2f}·{num(sigma)}/√{n}", f"= {margin:.3f}", f"{hits} of 20 contain μ",
             f"(expected {level * 100:.0f}%)"]
    consts = {"XR": [mu - span, mu + span], "XTICKS": [[v, num(v)] for v in ticks(mu - span, mu + span, 4)],
              "INTERVALS": rows, "MU": mu, "MU_TEXT": num(mu), "PANEL": panel, "STEP": 4.0,
              "CAPTIONS": [f"20 samples of n = {n} (seed {SEED}); red misses μ", "", "", "", ""],
              "INTRO": f"a {level * 100:.0f}% confidence interval from each sample",
              "OUTRO": f"{hits} of 20 intervals contain μ ≈ {level * 100:.0f}%"}
    story = {"shots": ["the true mean μ as a dashed line", "twenty intervals, one per sample: green contain μ, red miss",
                       *panel], "computed": [*notes, f"z = {z:.4f}; margin {margin:.4f}; {hits}/20 contain μ."],
             "extra": panel}
    return prob_plan(INTERVALS_LOGIC, consts, story, {"margin": margin, "hits": hits, "z": z})


BUFFON_LOGIC = '''
title = opening(self)
floor = VGroup(*[Line([-6.4, y, 0], [-0.6, y, 0], color=GREY_B, stroke_width=2) for y in FLOOR])
needles = VGroup(*[Line([x0, y0, 0], [x1, y1, 0], color=RED if hit else BLUE, stroke_width=3)
                   for x0, y0, x1, y1, hit in NEEDLES])
plan_fit(VGroup(floor, needles), REGIONS["figure"])
g = REGIONS["graph"]
ax, marks = chart(axes_box([g[0], g[1] - 0.35, g[2], g[3]]), [0, THROWS], [YLO, YHI], XTICKS, YTICKS, "throws",
                  "estimate")  # room on the right for the π label
ref = DashedLine(ax.c2p(0, PI), ax.c2p(THROWS, PI), color=GREEN)
ref_label = Text("π", font_size=26, color=GREEN).next_to(ref, RIGHT, buff=0.1)
panel = plan_fit(rows_of(PANEL, size=24), REGIONS["panel"])
cap = caption(INTRO)
self.play(Create(floor), Create(ax), FadeIn(marks), Create(ref), FadeIn(ref_label), FadeIn(cap), run_time=rt(1.0))
more, cap = recaption(cap, CAPTIONS[0])
self.play(LaggedStart(*[FadeIn(n) for n in needles], lag_ratio=0.05), *more, run_time=rt(3.0))
more, cap = recaption(cap, CAPTIONS[1])
self.play(Create(polyline(ax, ESTIMATE, YELLOW, 3)), *more, run_time=rt(2.5), rate_func=linear)
cap = reveal(self, panel, CAPTIONS[2:], cap, 0.9)
closing(self, cap, OUTRO)
'''


def buffon_plan(ask: Ask, notes: list[str]) -> Plan:
    """Needles of length l dropped on lines d apart (l ≤ d): P(cross) = 2l/(πd), so π ≈ 2l·N/(d·hits)."""
    s = ask.settings
    d = named(ask, ("spacing", "d"), float(s.get("spacing", 2)), 0.1, 100.0, notes)
    length = min(named(ask, ("needle", "length", "l"), float(s.get("needle", 1)), 0.01, 100.0, notes), d)
    throws = named(ask, ("throws", "needles", "drops"), int(s.get("throws", 500)), 20, 20000, notes)
    rng = random.Random(SEED)
    unit = 5.0 / (3 * d)  # three strips of width d fill 5 units
    needles, est, hits = [], [], 0
    for k in range(1, throws + 1):
        y, ang, x = rng.uniform(0, 3 * d), rng.uniform(0, math.pi), rng.uniform(0.6, 5.2)
        dy = length / 2 * math.sin(ang)
        hit = math.floor((y - dy) / d) != math.floor((y + dy) / d)
        hits += hit
        if k <= 60:
            cx, cy, dx = -6.4 + x, -2.6 + y * unit, length / 2 * math.cos(ang) * unit
            needles.append([round(cx - dx, 3), round(cy - dy * unit, 3), round(cx + dx, 3), round(cy + dy * unit, 3), hit])
        if hits:
            est.append([k, 2 * length * k / (d * hits)])
    final = est[-1][1] if est else float("nan")
    panel = [f"P(cross) = 2l/(πd) = {2 * length / (math.pi * d):.4f}", f"{hits} of {throws} crossed: π ≈ {final:.4f}"]
    yl, yh = 2.0, 4.5
    consts = {"FLOOR": [round(-2.6 + k * d * unit, 3) for k in range(4)], "NEEDLES": needles, "THROWS": throws,
              "ESTIMATE": thin([[k, min(max(v, yl), yh)] for k, v in est]), "PI": math.pi, "YLO": yl, "YHI": yh,
              "XTICKS": [[v, num(v)] for v in ticks(0, throws, 3) if v > 0], "YTICKS": [[3, "3"], [4, "4"]],
              "PANEL": panel, "CAPTIONS": ["the first 60 needles: red ones cross a line",
                                           f"the estimate 2l·N/(d·hits) after each of {throws} throws", "", ""],
              "INTRO": f"needles of length {num(length)} on lines {num(d)} apart (seed {SEED})",
              "OUTRO": f"π ≈ {final:.4f}"}
    story = {"shots": ["a floor of parallel lines", "60 needles dropped, the crossing ones red",
                       "the running estimate of π against the true value", *panel],
             "computed": [*notes, f"Simulated {throws} throws (seed {SEED}): {hits} hits, π ≈ {final:.4f}."],
             "extra": panel}
    return prob_plan(BUFFON_LOGIC, consts, story, {"hits": hits, "estimate": final,
                                                   "p_cross": 2 * length / (math.pi * d)}, parts=FIGURE_CHART_PANEL)


GAS_LOGIC = '''
title = opening(self)
box = plan_fit(Rectangle(width=5.6, height=4.6, color=GREY_B), REGIONS["figure"])
corner, s = box.get_corner(DL), box.width / 5.6  # the flights are in box units: they follow the placed box
palette = {"BLUE": BLUE, "ORANGE": ORANGE, "YELLOW": YELLOW}
dots = VGroup(*[Dot(corner + s * np.array([*path[0], 0]), radius=0.07, color=palette[c])
                for path, c in zip(PATHS, COLORS)])
wall = DashedLine(box.get_top(), box.get_bottom(), color=GREY_B) if WALL else VGroup()
ax, marks = chart(axes_box(REGIONS["graph"]), XR, YR, XTICKS, YTICKS, *NAMES)
panel = plan_fit(rows_of(PANEL, size=24), REGIONS["panel"])
cap = caption(INTRO)
self.play(Create(box), FadeIn(dots), Create(wall), FadeIn(cap), run_time=rt(1.0))
if WALL:
    more, cap = recaption(cap, CAPTIONS[0])
    self.play(FadeOut(wall), *more, run_time=rt(0.6))
tracks = [VMobject().set_points_as_corners([corner + s * np.array([x, y, 0]) for x, y in path]) for path in PATHS]
more, cap = recaption(cap, CAPTIONS[1])
self.play(*[MoveAlongPath(d, t, rate_func=linear) for d, t in zip(dots, tracks)], Create(ax), FadeIn(marks), *more,
          run_time=rt(5.0))
more, cap = recaption(cap, CAPTIONS[2])
shown = bars_on(ax, BAR_X, BAR_H, BAR_W) if BAR_X else VGroup()
self.play(FadeIn(shown), Create(polyline(ax, CURVE, YELLOW, 3)), *more, run_time=rt(1.5))
cap = reveal(self, panel, CAPTIONS[3:], cap, 1.0)
closing(self, cap, OUTRO)
'''


def bounce(x: float, size: float) -> float:
    """A coordinate folded back into [0, size] (elastic walls)."""
    x %= 2 * size
    return 2 * size - x if x > size else x


def gas_paths(rng: random.Random, starts: list, speeds: list, steps: int = 40) -> list:
    """Straight flights with elastic walls in a 5.6 × 4.6 box, sampled at `steps` + 1 times over the shot."""
    out = []
    for (x, y), v in zip(starts, speeds, strict=True):
        a = rng.uniform(0, 2 * math.pi)
        vx, vy = v * math.cos(a), v * math.sin(a)
        out.append([[round(bounce(x + vx * k / steps, 5.6), 3), round(bounce(y + vy * k / steps, 4.6), 3)]
                    for k in range(steps + 1)])
    return out


def gas_molecules_plan(ask: Ask, notes: list[str]) -> Plan:
    """Molecules fly at Maxwell–Boltzmann speeds; the speed histogram, the curve and v_rms = √(3RT/M)."""
    n = named(ask, ("particles", "molecules"), int(ask.settings.get("particles", 60)), 10, 120, notes)
    T = named(ask, ("temperature", "T", "kelvin"), float(ask.settings.get("temperature", 300)), 10.0, 5000.0, notes)
    M, R, k = 0.028, 8.314, 1.380649e-23
    s = math.sqrt(R * T / M)
    rng = random.Random(SEED)
    speeds = [math.sqrt(sum(rng.gauss(0, s) ** 2 for _ in range(3))) for _ in range(n)]
    vrms, top = math.sqrt(3 * R * T / M), 4 * s
    width = top / 12
    counts = [sum(1 for v in speeds if i * width <= v < (i + 1) * width) / (n * width) for i in range(12)]
    f = lambda v: math.sqrt(2 / math.pi) * v * v / s ** 3 * math.exp(-v * v / (2 * s * s))  # noqa: E731
    ymax = max(max(counts), f(math.sqrt(2) * s)) * 1.2
    starts = [[rng.uniform(0.2, 5.4), rng.uniform(0.2, 4.4)] for _ in range(n)]
    panel = [f"v_rms = √(3RT/M) = {vrms:.1f} m/s", f"E = 3/2 kT = {sci(1.5 * k * T)} J"]
    consts = {"PATHS": gas_paths(rng, starts, [1.8 * v / vrms for v in speeds]), "COLORS": ["BLUE"] * n, "WALL": False,
              "XR": [0, top], "YR": [0, ymax], "NAMES": ["v (m/s)", ""],
              "XTICKS": [[v, num(v)] for v in ticks(0, top, 3) if v > 0], "YTICKS": [],
              "BAR_X": [(i + 0.5) * width for i in range(12)], "BAR_H": counts, "BAR_W": width * 0.9,
              "CURVE": [[top * i / 80, f(top * i / 80)] for i in range(81)], "PANEL": panel,
              "CAPTIONS": ["", f"{n} nitrogen molecules at {num(T)} K (seed {SEED})",
                           "their speeds: the histogram and the Maxwell–Boltzmann curve", "", ""],
              "INTRO": "a gas is molecules in fast random flight", "OUTRO": f"v_rms = {vrms:.1f} m/s at {num(T)} K"}
    story = {"shots": ["molecules flying and bouncing in a box, each at its own speed",
                       "the histogram of their speeds with the Maxwell–Boltzmann curve", *panel],
             "computed": [*notes, f"v_rms = √(3·8.314·{num(T)}/0.028) = {vrms:.2f} m/s; speeds drawn with seed {SEED}."],
             "extra": panel}
    return prob_plan(GAS_LOGIC, consts, story, {"v_rms": vrms, "speeds": speeds}, parts=FIGURE_CHART_PANEL)


def gas_mixing_plan(ask: Ask, notes: list[str]) -> Plan:
    """Two gases, a wall removed: they mix and never unmix; the blue share on the left drifts to 1/2."""
    n = named(ask, ("particles", "molecules"), int(ask.settings.get("particles", 40)), 10, 100, notes) // 2 * 2
    rng = random.Random(SEED)
    starts = [[rng.uniform(0.2, 2.6) if i < n // 2 else rng.uniform(3.0, 5.4), rng.uniform(0.2, 4.4)] for i in range(n)]
    paths = gas_paths(rng, starts, [rng.uniform(1.5, 5.0) for _ in range(n)])
    share = [[k, sum(1 for p in paths[:n // 2] if p[k][0] < 2.8) / (n // 2)] for k in range(41)]
    ways = math.comb(n, n // 2)
    panel = [f"W(mixed) = C({n}, {n // 2}) = {sci(ways)}", f"ΔS = k ln W ≈ {sci(1.380649e-23 * math.log(ways))} J/K"]
    consts = {"PATHS": paths, "COLORS": ["BLUE"] * (n // 2) + ["ORANGE"] * (n // 2), "WALL": True,
              "XR": [0, 40], "YR": [0, 1.05], "NAMES": ["time", "blue on the left"],
              "XTICKS": [], "YTICKS": [[0.5, "1/2"], [1, "1"]], "BAR_X": [], "BAR_H": [], "BAR_W": 1,
              "CURVE": share, "PANEL": panel,
              "CAPTIONS": ["the wall is removed", f"{n} molecules fly and bounce (seed {SEED})",
                           "the share of blue molecules still on the left", "", ""],
              "INTRO": "two gases side by side", "OUTRO": "mixing has overwhelmingly more microstates: entropy grows"}
    story = {"shots": ["blue gas left, orange gas right, a wall between", "the wall goes; the molecules spread",
                       "the blue share on the left falls to about 1/2", *panel],
             "computed": [*notes, f"W = C({n}, {n // 2}) = {ways}; simulated with seed {SEED}."], "extra": panel}
    return prob_plan(GAS_LOGIC, consts, story, {"ways": ways, "final_share": share[-1][1]}, parts=FIGURE_CHART_PANEL)


SIMULATIONS = {"running_frequency": frequency_plan, "monty_hall": monty_plan, "hat_check": hat_plan,
               "birthdays": birthday_plan, "random_walk": walk_plan, "galton": galton_plan, "sample_means": means_plan,
               "many_intervals": intervals_plan, "buffon": buffon_plan, "gas_molecules": gas_molecules_plan,
               "gas_mixing": gas_mixing_plan}


def simulation_plan(ask: Ask, notes: list[str]) -> Plan:
    """The plan of the entry's simulation."""
    sim = ask.settings.get("simulation")
    if sim not in SIMULATIONS:
        raise Unsupported(str(sim))
    return SIMULATIONS[sim](ask, notes)


PLANS = {"sample_space": sample_space_plan, "venn": venn_plan, "tree": tree_plan, "bars": bars_plan,
         "distribution": distribution_plan, "simulation": simulation_plan, "scatter": scatter_plan,
         "markov": markov_plan, "counting_tree": counting_plan}


@composer("probability")
def probability(ask: Ask) -> Lesson:
    """A probability entry computed (exactly, or by a fixed-seed simulation) and drawn."""
    kind = ask.settings["kind"]
    if kind not in PLANS:
        raise Unsupported(kind)
    plan = PLANS[kind](ask, [])
    if ask.zh:
        logic = plan.logic
        for en, zh in LOGIC_ZH:
            logic = logic.replace(en, zh)
        plan = dataclasses.replace(plan, logic=logic)
    return plan_lesson(ask, plan, ZH, None)
