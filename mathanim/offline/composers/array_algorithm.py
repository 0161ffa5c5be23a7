"""The `array_algorithm` composer: a sort or search run here, at compose time, on the user's own list (or the
entry's `default_input`), its steps recorded (comparisons, swaps, pointers, merges, buckets) and replayed by the
scene on boxes with numbers.

The first part of this module is the kit the discrete composers share (graph_algorithm, number_theory and
probability import it): a `Plan` (scene logic as a fixed template that reads module constants, the constants as
Python literals, storyboard, computed values) and `plan_lesson()`, which turns a plan into a Lesson.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy as sp

from ..base import Lesson
from ..common import FIT_HELPER, num, scene_module
from ..regions import CAPTION, Part, arranged, regions_literal, sides
from .base import Ask, Rules, Unsupported, composer, entry_notes, numbers_in

# ---------------------------------------------------------------------------------------------------------------
# The kit shared by the discrete composers

RT_LINE = "RT = 1.0  # run-time scale of every animation: 1 for the lesson (tests may shorten it)"
MAX_ITEMS = 12  # more boxes would not stay readable at 480p
MAX_STEPS = 40  # more recorded steps are summarised (the first ones are shown, then the end state)

KIT = FIT_HELPER + '''

def rt(seconds):
    """A run time (or wait) scaled by RT."""
    return seconds * RT


def heading():
    """The title at the top edge (a Chinese one a little smaller: its glyphs are taller)."""
    size = 36 if any("\u4e00" <= ch <= "\u9fff" for ch in TITLE) else 40
    return plan_fit(Text(TITLE, font_size=size), REGIONS["title"], UP)


def caption(text, color=WHITE, size=26):
    """A line of text in the caption's planned region at the bottom."""
    return plan_fit(Text(text, font_size=size, color=color), REGIONS["caption"], DOWN)


def opening(scene):
    """The title, faded in; returned."""
    title = heading()
    scene.play(FadeIn(title), run_time=rt(0.6))
    return title


def closing(scene, cap, text, *anims, color=GREEN):
    """The last caption (with any last animations), then a pause to read it."""
    more, cap = recaption(cap, text, color)
    scene.play(*more, *anims, run_time=rt(1.0))
    scene.wait(rt(2.5))


def recaption(old, text, color=WHITE):
    """The animations that replace caption `old` by `text` (none for an empty text), and the new caption."""
    if not text:
        return [], old
    new = caption(text, color)
    return [FadeOut(old), FadeIn(new)], new
'''


N = r"(-?[\d.]+)"  # a number in a caption
ZH: Rules = (  # the captions in Chinese, one shared table (numbers and formulas kept)
    (r"\? yes: swap", "？是：交换"), (r"\? no: it stays here", "？否：留在原处"), (r"\? yes: new minimum", "？是：新的最小值"),
    (r"\? yes: to the left part", "？是：放入左侧"), (r"\? no: heap order holds", "？否：满足堆序"), (r"\? no$", "？否"),
    (rf"^{N} alone is a sorted part", r"\1 单独成为已排序部分"), (rf"^insert {N} into the sorted part", r"把 \1 插入已排序部分"),
    (r"^the first (\d+) are sorted", r"前 \1 个已排好序"), (rf"^{N} alone: in its place", r"\1 单独一个：已就位"),
    (r"^smallest of positions (\d+)\.\.(\d+)\? start with ", r"位置 \1..\2 中的最小值？先取 "),
    (rf"^swap the minimum {N} to position (\d+)", r"把最小值 \1 交换到位置 \2"),
    (rf"^swap the root {N} to position (\d+)", r"把根 \1 交换到位置 \2"),
    (rf"^{N} is in its final place: smaller left, larger right", r"\1 已到最终位置：左边更小，右边更大"),
    (rf"^{N} is in its place", r"\1 已就位"), (rf"^the last one, {N}, is the largest", r"最后一个 \1 最大"),
    (r"^pass (\d+): the largest unsorted value bubbles to the right", r"第 \1 趟：未排序部分的最大值冒泡到右端"),
    (r"^no swap in pass (\d+): the list is sorted", r"第 \1 趟没有交换：列表已排好序"),
    (rf"^partition positions (\d+)\.\.(\d+) around the pivot {N}", r"以基准 \3 划分位置 \1..\2"),
    (rf"^the pivot {N} goes to position (\d+)", r"基准 \1 放到位置 \2"), (r"^all parts are sorted", "所有部分都已排好序"),
    (rf"^larger child of {N}: ", r"\1 的较大子节点："),
    (r"^build a max-heap: every parent larger than its children", "建立大根堆：每个父节点都大于它的子节点"),
    (rf"^max-heap built: the largest, {N}, is at the root", r"大根堆建好：最大值 \1 在根上"),
    (r"^the heap is empty: the list is sorted", "堆已空：列表已排好序"),
    (r"^gap (\d+): insertion sort on the elements \d+ apart", r"间隔 \1：对相隔 \1 的元素做插入排序"),
    (r"^gap 1 finished: the list is sorted", "间隔 1 完成：列表已排好序"), (r"^gap (\d+): ", r"间隔 \1："),
    (r"^merge (.+) with (.+)$", r"合并 \1 与 \2"), (r"^the rest: take ", "剩余部分：取 "), (r": take ", "：取 "),
    (r"^positions (\d+)\.\.(\d+) sorted: ", r"位置 \1..\2 已排好序："),
    (rf"^count {N}: now (\d+)", r"计数 \1：现在为 \2"), (rf"^write {N} \((\d+) counted\)", r"写出 \1（计数 \2）"),
    (r"^pass (\d+): bucket by the ones digit", r"第 \1 趟：按个位分桶"), (r"^pass (\d+): bucket by the tens digit", r"第 \1 趟：按十位分桶"),
    (r"^pass (\d+): bucket by the hundreds digit", r"第 \1 趟：按百位分桶"),
    (r"^pass (\d+): bucket by the thousands digit", r"第 \1 趟：按千位分桶"),
    (r"^pass (\d+): bucket by the (\S+) digit", r"第 \1 趟：按 \2 位分桶"),
    (r"^collect buckets 0 to 9 in order: ", "按 0 到 9 的顺序收集各桶："),
    (r": found at index (\d+)", r"：找到，下标 \1"), (r": search the right half", "：在右半部分查找"),
    (r": search the left half", "：在左半部分查找"), (r": found$", "：找到"),
    (rf"^found {N} at index (\d+) after (\d+) comparisons", r"经过 \3 次比较，在下标 \2 找到 \1"),
    (rf"^{N} is not in the list \((\d+) comparisons\)", r"\1 不在列表中（\2 次比较）"),
    (rf"^search {N} in (\d+) items", r"在 \2 个元素中查找 \1"), (r"^target: ", "目标："),
    (r"^sort (.+): (\d+) items$", r"排序 \1：共 \2 个"), (r"^sorted: ", "已排好序："),
    (r"\((\d+) comparisons, (\d+) swaps\)", r"（\1 次比较，\2 次交换）"), (r"\((\d+) steps\)", r"（\1 步）"),
    (r"^… (\d+) more steps, the same way … ", r"… 还有 \1 步，方法相同 … "),
    (r"\(given\)", "（已知）"), (r"^fill the table F\(0\) … F\((\d+)\) from the left", r"从左往右填表 F(0) … F(\1)"),
    (r": (\d+) additions; plain recursion makes (\d+) calls", r"：\1 次加法；朴素递归要调用 \2 次"),
    (r"^h\(k\) = k mod (\d+), then the next free slot", r"h(k) = k mod \1，冲突则取下一个空位"),
    (r"^insert (\d+) keys into (\d+) slots", r"把 \1 个键插入 \2 个槽"),
    (r"^slot (\d+) holds (-?\d+): collision, try slot (\d+)", r"槽 \1 已有 \2：冲突，试槽 \3"),
    (rf"^{N} goes into slot (\d+)", r"\1 放入槽 \2"), (r"^table: ", "表："), (r"\((\d+) collisions\)", r"（\1 次冲突）"),
    (r"^input$", "输入"), (r"^count$", "计数"), (r"^output$", "输出"),
)
SHOWN = ("CAPTIONS", "INTRO", "OUTRO", "GOAL", "RULE", "ROW_NAMES")  # the constants put on screen


@dataclass(frozen=True)
class Plan:
    """What a variant computed, for plan_lesson() to assemble into a Lesson."""

    logic: str  # construct()'s body: a fixed template that reads the module constants below
    consts: dict  # NAME -> value (numbers, strings, nested lists), pasted as Python literals
    shots: list[str]  # the storyboard, one line a shot
    computed: list[str]  # reasoning lines: what was read and computed
    values: dict = field(default_factory=dict)
    helpers: str = ""  # module-level scene code after the kit
    extra: str = ""  # a notes section of its own (with its heading)
    parts: tuple = ()  # regions the layout plan places under the title besides the caption (regions.Part)


# A plan without parts of its own (the array templates) draws at its fixed coordinates inside one planned body
# between the title and the caption (probed inside it by the tests).
BODY = Part("body", "graph", 13.62, 6.0, (0.0, -0.1))


def literal(v) -> str:
    """A Python literal for numbers, strings, booleans and nested lists/tuples/dicts of them."""
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return repr(v)
    if isinstance(v, (int, sp.Integer)):
        return str(int(v))
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(literal(i) for i in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(i)}" for k, i in v.items()) + "}"
    return repr(round(float(v), 6))


def plan_lesson(ask: Ask, plan: Plan, zh: Rules = ZH, on_screen: tuple | None = SHOWN) -> Lesson:
    """The Lesson of a plan: scene code (kit, constants, logic), notes from the entry, reasoning, values. The
    constants named in `on_screen` (all when None) are put in Chinese by the `zh` rules for a Chinese request."""
    e, name = ask.entry, ask.scene_name()
    shown = {k: ask.local(v, zh) if on_screen is None or k in on_screen else v for k, v in plan.consts.items()}
    consts = "".join(f"{k} = {literal(v)}\n" for k, v in {"TITLE": ask.title, **shown}.items())
    parts = arranged(ask.title, sides((CAPTION, *plan.parts))) if plan.parts else (CAPTION, BODY)  # side: the prior's
    consts += f"REGIONS = {regions_literal(ask.title, parts)}\n"  # the layout plan's regions
    code = scene_module(name, plan.logic, helpers=KIT + plan.helpers)
    code = code.replace("import numpy as np\n", f"import numpy as np\n\n{RT_LINE}\n{consts}", 1)
    variant = e.settings.get("algorithm") or e.settings.get("kind", "")
    story = [f"Shot {i}: {s}" for i, s in enumerate(plan.shots, 1)]
    reasoning = [f"Catalogue entry: {e.name} ({e.area}); composer {e.composer}, variant {variant}.",
                 *plan.computed, "Storyboard:", *story]
    notes = entry_notes(ask, plan.shots, plan.extra)
    return Lesson(e.composer, ask.title, name, code, notes, reasoning, plan.values)


def intlike(v):
    """v as an int when it is a whole number, else a float."""
    f = float(v)
    return int(round(f)) if abs(f - round(f)) < 1e-9 else f


def request_list(ask: Ask) -> list | None:
    """The list typed in the request: the first [...] (or the vector the extractor read), else None."""
    m = re.search(r"\[([^\[\]]*)\]", ask.params.concept)
    found = numbers_in(m.group(1)) if m else ()
    if not found and ask.params.vectors:
        found = tuple(ask.params.vectors[0])
    return [intlike(v) for v in found] or None


def outside_brackets(ask: Ask) -> tuple:
    """The numbers of the request that are not inside a [...] list."""
    return numbers_in(re.sub(r"\[[^\[\]]*\]", " ", ask.params.concept))


def capped(values: list, limit: int, notes: list[str], what: str = "items") -> list:
    """values cut to `limit` items; the cut is said in `notes`."""
    if len(values) > limit:
        notes.append(f"The request has {len(values)} {what}: the first {limit} are shown (more would not stay "
                     f"readable at 480p).")
    return list(values[:limit])


def step_time(count: int, total: float = 15.0, lo: float = 0.25, hi: float = 0.8) -> float:
    """Seconds per replayed step so that `count` steps take about `total` seconds."""
    return round(min(hi, max(lo, total / max(count, 1))), 3)


def labels(values) -> list[str]:
    """Short labels of numbers (integers stay integers)."""
    return [num(v) for v in values]


# ---------------------------------------------------------------------------------------------------------------
# Recording


class Tape:
    """The steps of an algorithm as it runs on `a`: scene events with a caption each, applied to `a` as well.

    Events: ("cmp", i, j), ("swap", i, j), ("mark", [[k, state], ...]), ("range", lo, hi), ("note",),
    ("commit", lo, values) (a[lo:] overwritten), and variant-specific ones the scene knows.
    """

    def __init__(self, values: list):
        """Start recording on a copy of values."""
        self.a = list(values)
        self.events: list[tuple] = []
        self.captions: list[str] = []
        self.counts = {"cmp": 0, "swap": 0}

    def add(self, event: tuple, caption: str = "") -> None:
        """Record one event and its caption."""
        self.events.append(event)
        self.captions.append(caption)
        if event[0] in self.counts:
            self.counts[event[0]] += 1

    def cmp(self, i: int, j: int, caption: str) -> None:
        """Record a comparison of positions i and j."""
        self.add(("cmp", i, j), caption)

    def swap(self, i: int, j: int, caption: str = "") -> None:
        """Swap positions i and j, and record it."""
        self.a[i], self.a[j] = self.a[j], self.a[i]
        self.add(("swap", i, j), caption)

    def mark(self, changes: list, caption: str = "") -> None:
        """Record state changes [[position, state], ...]."""
        self.add(("mark", [list(c) for c in changes]), caption)

    def commit(self, lo: int, values: list, caption: str = "") -> None:
        """Overwrite a[lo:] with values, and record it."""
        self.a[lo:lo + len(values)] = values
        self.add(("commit", lo, list(values)), caption)


def insertion_sort(t: Tape) -> None:
    """Insertion sort by adjacent swaps: the key sinks left into the sorted prefix."""
    a = t.a
    t.mark([[0, "done"]], f"{num(a[0])} alone is a sorted part")
    for i in range(1, len(a)):
        t.mark([[i, "key"]], f"insert {num(a[i])} into the sorted part")
        j = i
        while j > 0:
            bigger = a[j - 1] > a[j]
            t.cmp(j - 1, j, f"{num(a[j - 1])} > {num(a[j])}? " + ("yes: swap" if bigger else "no: it stays here"))
            if not bigger:
                break
            t.swap(j - 1, j)
            j -= 1
        t.mark([[k, "done"] for k in range(i + 1)], f"the first {i + 1} are sorted")


def selection_sort(t: Tape) -> None:
    """Selection sort: find the smallest of the unsorted part, swap it to the front."""
    a, n = t.a, len(t.a)
    for i in range(n - 1):
        m = i
        t.mark([[i, "min"]], f"smallest of positions {i}..{n - 1}? start with {num(a[i])}")
        for j in range(i + 1, n):
            smaller = a[j] < a[m]
            t.cmp(m, j, f"{num(a[j])} < {num(a[m])}? " + ("yes: new minimum" if smaller else "no"))
            if smaller:
                t.mark([[m, "plain"], [j, "min"]])
                m = j
        if m != i:
            t.swap(i, m, f"swap the minimum {num(a[m])} to position {i}")
        t.mark([[m, "plain"], [i, "done"]] if m != i else [[i, "done"]], f"{num(a[i])} is in its place")
    t.mark([[n - 1, "done"]], f"the last one, {num(a[n - 1])}, is the largest")


def bubble_sort(t: Tape) -> None:
    """Bubble sort with early exit: a pass with no swap means sorted."""
    a, n = t.a, len(t.a)
    for p in range(n - 1):
        swapped = False
        t.add(("note",), f"pass {p + 1}: the largest unsorted value bubbles to the right")
        for j in range(n - 1 - p):
            bigger = a[j] > a[j + 1]
            t.cmp(j, j + 1, f"{num(a[j])} > {num(a[j + 1])}? " + ("yes: swap" if bigger else "no"))
            if bigger:
                t.swap(j, j + 1)
                swapped = True
        t.mark([[n - 1 - p, "done"]], f"{num(a[n - 1 - p])} is in its place")
        if not swapped:
            t.mark([[k, "done"] for k in range(n - 1 - p)], f"no swap in pass {p + 1}: the list is sorted")
            return
    t.mark([[0, "done"]])


def quick_sort(t: Tape, lo: int = 0, hi: int | None = None) -> None:
    """Quicksort with Lomuto's partition (the last element is the pivot)."""
    a = t.a
    hi = len(a) - 1 if hi is None else hi
    if lo > hi:
        return
    if lo == hi:
        t.mark([[lo, "done"]], f"{num(a[lo])} alone: in its place")
        return
    p = a[hi]
    t.add(("range", lo, hi), f"partition positions {lo}..{hi} around the pivot {num(p)}")
    t.mark([[hi, "pivot"]])
    i = lo
    for j in range(lo, hi):
        less = a[j] < p
        t.cmp(j, hi, f"{num(a[j])} < {num(p)}? " + ("yes: to the left part" if less else "no"))
        if less:
            if i != j:
                t.swap(i, j)
            i += 1
    if i != hi:
        t.swap(i, hi, f"the pivot {num(p)} goes to position {i}")
    t.mark([[i, "done"]], f"{num(p)} is in its final place: smaller left, larger right")
    quick_sort(t, lo, i - 1)
    quick_sort(t, i + 1, hi)
    if (lo, hi) == (0, len(a) - 1):
        t.add(("range", 0, hi), "all parts are sorted")


def sift_down(t: Tape, i: int, m: int) -> None:
    """Move a[i] down the max-heap a[:m] until both children are smaller."""
    a = t.a
    while 2 * i + 1 < m:
        big = 2 * i + 1
        if big + 1 < m:
            t.cmp(big, big + 1, f"larger child of {num(a[i])}: {num(max(a[big], a[big + 1]))}")
            big += a[big + 1] > a[big]
        t.cmp(i, big, f"{num(a[big])} > {num(a[i])}? " + ("yes: swap" if a[big] > a[i] else "no: heap order holds"))
        if a[big] <= a[i]:
            return
        t.swap(i, big)
        i = big


def heap_sort(t: Tape) -> None:
    """Heapsort: build a max-heap, then swap the root to the end and sift down, again and again."""
    a, n = t.a, len(t.a)
    t.add(("note",), "build a max-heap: every parent larger than its children")
    for i in range(n // 2 - 1, -1, -1):
        sift_down(t, i, n)
    t.add(("note",), f"max-heap built: the largest, {num(a[0])}, is at the root")
    for end in range(n - 1, 0, -1):
        t.swap(0, end, f"swap the root {num(a[0])} to position {end}")
        t.mark([[end, "done"]])
        sift_down(t, 0, end)
    t.mark([[0, "done"]], "the heap is empty: the list is sorted")


def shell_sort(t: Tape) -> None:
    """Shell sort with gaps n/2, n/4, ..., 1: insertion sort on the elements a gap apart."""
    a, n = t.a, len(t.a)
    gap = n // 2
    while gap > 0:
        t.add(("note",), f"gap {gap}: insertion sort on the elements {gap} apart")
        for i in range(gap, n):
            j = i
            while j >= gap:
                bigger = a[j - gap] > a[j]
                t.cmp(j - gap, j, f"gap {gap}: {num(a[j - gap])} > {num(a[j])}? " + ("yes: swap" if bigger else "no"))
                if not bigger:
                    break
                t.swap(j - gap, j)
                j -= gap
        gap //= 2
    t.mark([[k, "done"] for k in range(n)], "gap 1 finished: the list is sorted")


def merge_sort(t: Tape, lo: int = 0, hi: int | None = None) -> None:
    """Top-down merge sort on a[lo:hi]: sort both halves, then merge them through a buffer row."""
    hi = len(t.a) if hi is None else hi
    if hi - lo < 2:
        return
    mid = (lo + hi) // 2
    merge_sort(t, lo, mid)
    merge_sort(t, mid, hi)
    a, i, j, out = t.a, lo, mid, []
    t.add(("range", lo, mid, hi), f"merge {' '.join(labels(a[lo:mid]))} with {' '.join(labels(a[mid:hi]))}")
    while i < mid or j < hi:
        left = j >= hi or (i < mid and a[i] <= a[j])
        src, other = (i, j) if left else (j, i)
        said = f"{num(a[i])} ≤ {num(a[j])}" if i < mid and j < hi and left else \
            f"{num(a[j])} < {num(a[i])}" if i < mid and j < hi else "the rest"
        t.add(("take", src, lo + len(out), other if i < mid and j < hi else -1), f"{said}: take {num(a[src])}")
        out.append(a[src])
        i, j = (i + 1, j) if left else (i, j + 1)
    t.commit(lo, out, f"positions {lo}..{hi - 1} sorted: {' '.join(labels(out))}")


def counting_sort(t: Tape) -> None:
    """Counting sort: count every value, then write each value as often as it was counted."""
    a = list(t.a)
    if any(not isinstance(v, int) for v in a) or max(a) - min(a) > 15:
        raise Unsupported("counting sort is drawn for whole numbers spanning at most 16 values")
    lo = min(a)
    counts = [0] * (max(a) - lo + 1)
    for i, v in enumerate(a):
        counts[v - lo] += 1
        t.add(("count", i, v - lo, counts[v - lo]), f"count {v}: now {counts[v - lo]}")
    k = 0
    for slot, c in enumerate(counts):
        for _ in range(c):
            t.a[k] = slot + lo
            t.add(("emit", k, slot + lo, slot), f"write {slot + lo} ({c} counted)")
            k += 1


def radix_sort(t: Tape) -> None:
    """LSD radix sort in base 10: stable passes by the ones, tens, hundreds... digit through 10 buckets."""
    a = t.a
    if any(not isinstance(v, int) or v < 0 for v in a):
        raise Unsupported("radix sort is drawn for whole numbers ≥ 0")
    digits = len(str(max(a)))
    for d in range(digits):
        place = ["ones", "tens", "hundreds", "thousands"][d] if d < 4 else f"10^{d}"
        t.add(("pass", d), f"pass {d + 1}: bucket by the {place} digit")
        for i, v in enumerate(a):
            t.add(("bucket", i, v // 10 ** d % 10), "")
        order = sorted(range(len(a)), key=lambda i, d=d: a[i] // 10 ** d % 10)
        new = [a[i] for i in order]
        a[:] = new
        t.add(("commit", 0, new, order), "collect buckets 0 to 9 in order: " + " ".join(labels(new)))


def binary_search(t: Tape, target) -> int:
    """Binary search for target in the sorted t.a: lo/mid/hi probes; the index, or -1."""
    a, lo, hi = t.a, 0, len(t.a) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        rel = "=" if a[mid] == target else "<" if a[mid] < target else ">"
        said = {"=": f"a[{mid}] = {num(a[mid])}: found at index {mid}",
                "<": f"a[{mid}] = {num(a[mid])} < {num(target)}: search the right half",
                ">": f"a[{mid}] = {num(a[mid])} > {num(target)}: search the left half"}[rel]
        t.add(("probe", lo, mid, hi, rel), said)
        if rel == "=":
            return mid
        lo, hi = (mid + 1, hi) if rel == "<" else (lo, mid - 1)
    return -1


def linear_search(t: Tape, target) -> int:
    """Linear search: look at every item from the left until target; the index, or -1."""
    for i, v in enumerate(t.a):
        rel = "=" if v == target else "≠"
        t.add(("probe", i, i, i, rel), f"a[{i}] = {num(v)} {rel} {num(target)}" + (": found" if rel == "=" else ""))
        if rel == "=":
            return i
    return -1


SORTS = {"insertion_sort": insertion_sort, "selection_sort": selection_sort, "bubble_sort": bubble_sort,
         "quick_sort": quick_sort, "heap_sort": heap_sort, "shell_sort": shell_sort, "merge_sort": merge_sort,
         "counting_sort": counting_sort, "radix_sort": radix_sort}
SEARCHES = {"binary_search": binary_search, "linear_search": linear_search}


def replay(values: list, events: list) -> list:
    """The list after the recorded events (swaps, commits, emits): what the scene ends with."""
    a = list(values)
    for ev in events:
        if ev[0] == "swap":
            a[ev[1]], a[ev[2]] = a[ev[2]], a[ev[1]]
        elif ev[0] == "commit":
            a[ev[1]:ev[1] + len(ev[2])] = ev[2]
        elif ev[0] == "emit":
            a[ev[1]] = ev[2]
    return a


def summarised(events: list, captions: list, final: list) -> tuple[list, list]:
    """At most MAX_STEPS events: the first ones, then one ("jump",) to the end state, said in its caption."""
    if len(events) <= MAX_STEPS:
        return events, captions
    keep = MAX_STEPS - 4
    rest = len(events) - keep
    return [*events[:keep], ("jump",)], [*captions[:keep], f"… {rest} more steps, the same way … " +
                                         " ".join(labels(final))]


# ---------------------------------------------------------------------------------------------------------------
# Scene templates

ROW_HELPERS = '''

def make_cells(texts, heights, w, bars=True):
    """Boxes with numbers (and bars above them, heights given) in a row, bottoms aligned."""
    cells = VGroup()
    for s, h in zip(texts, heights):
        box = Square(w * 0.92, stroke_color=GREY_B, stroke_width=3)
        lab = fit(Text(s, font_size=min(40, 34 * w)), w * 0.8).move_to(box).set_z_index(2)
        bar = Rectangle(width=w * 0.56, height=h, stroke_width=0, fill_color=BLUE_D, fill_opacity=0.85 if bars else 0)
        cells.add(VGroup(bar.next_to(box, UP, buff=0.08), box, lab))
    return cells.arrange(RIGHT, buff=0.08, aligned_edge=DOWN)


def fade_cell(c, opacity=0.3):
    """Animations that dim (or, with opacity 1, restore) a cell's box and number."""
    return [c[1].animate.set_stroke(opacity=opacity), c[2].animate.set_opacity(opacity)]


def plain_row(texts, y, wmax=1.1):
    """Boxes with numbers (no bars) centred at height y, their index row, and the box width."""
    w = min(wmax, 11.0 / len(texts))
    cells = make_cells(texts, [0.01] * len(texts), w, bars=False).move_to(UP * y)
    return cells, index_row(cells), w


def index_row(cells):
    """The index under each box."""
    return VGroup(*[Text(str(k), font_size=20, color=GREY_B).next_to(c[1], DOWN, buff=0.12)
                    for k, c in enumerate(cells)])
'''

SWAP_LOGIC = '''
title = opening(self)
n = len(LABELS)
w = min(1.2, 11.0 / n)
cells = make_cells(LABELS, HEIGHTS, w, bars=not TREE)
cells.shift(UP * ((-2.2 if TREE else -1.0) - cells[0][1].get_y()))
index = index_row(cells)
COLORS = {"plain": BLUE_D, "done": GREEN, "pivot": PURPLE, "key": TEAL, "min": ORANGE}
state, hot, dim = ["plain"] * n, set(), [False] * n
nodes, links = VGroup(), VGroup()
if TREE:
    for k, (x, y) in enumerate(TREE_POS):
        nodes.add(VGroup(Circle(0.33, color=BLUE_D, stroke_width=3), Text(LABELS[k], font_size=26).move_to([x, y, 0]).set_z_index(2)))
        nodes[-1][0].move_to([x, y, 0])
        if k:
            links.add(Line(nodes[(k - 1) // 2][0].get_center(), nodes[k][0].get_center(), buff=0.33, color=GREY_B))
cap = caption(INTRO)
self.play(FadeIn(cells), FadeIn(index), Create(links), FadeIn(nodes), FadeIn(cap), run_time=rt(1.2))
self.wait(rt(0.8))


def restyle(k):
    """Animations giving cell k (and its tree node) its colours: state, compared, dimmed."""
    color, op = COLORS[state[k]], 0.3 if dim[k] else 1.0
    out = [cells[k][1].animate.set_stroke(YELLOW if k in hot else GREY_B, opacity=op),
           cells[k][2].animate.set_opacity(op)]
    if not TREE:
        out.append(cells[k][0].animate.set_fill(YELLOW if k in hot else color, opacity=0.85 * op))
    else:
        out.append(nodes[k][0].animate.set_stroke(YELLOW if k in hot else color).set_fill(color, 0.3 * (state[k] != "plain")))
    return out


for ev, said in zip(EVENTS, CAPTIONS):
    kind, anims, changed = ev[0], [], set()
    if kind == "swap":
        i, j = ev[1], ev[2]
        dx = cells[j][1].get_x() - cells[i][1].get_x()
        anims += [cells[i].animate(path_arc=-PI / 2).shift(RIGHT * dx), cells[j].animate(path_arc=-PI / 2).shift(LEFT * dx)]
        if TREE:
            anims += [nodes[i][1].animate(path_arc=-PI / 3).move_to(nodes[j][0]),
                      nodes[j][1].animate(path_arc=-PI / 3).move_to(nodes[i][0])]
            nodes[i].submobjects[1], nodes[j].submobjects[1] = nodes[j][1], nodes[i][1]
        cells[i], cells[j] = cells[j], cells[i]
        hot |= {i, j}  # both places are restyled by the next step (a compared cell may have moved)
    elif kind == "jump":
        final = make_cells(FINAL_LABELS, FINAL_HEIGHTS, w, bars=not TREE).move_to(cells, aligned_edge=DOWN)
        for c in final:
            c[0].set_fill(GREEN)
        anims += [FadeOut(cells), FadeIn(final)] + [nodes[k][1].animate.become(
            Text(FINAL_LABELS[k], font_size=26).move_to(nodes[k][0])) for k in range(len(nodes))]
        cells, state, hot = final, ["done"] * n, set()
    else:
        changed, hot = set(hot), set()
        if kind == "cmp":
            hot = {ev[1], ev[2]}
        elif kind == "mark":
            for k, s in ev[1]:
                state[k] = s
                changed.add(k)
        elif kind == "range":
            dim = [k < ev[1] or k > ev[2] for k in range(n)]
            changed |= set(range(n))
        changed |= hot
    for k in sorted(changed):
        anims += restyle(k)
    more, cap = recaption(cap, said)
    self.play(*anims, *more, run_time=rt(STEP * (1.3 if kind == "swap" else 1.0)))
closing(self, cap, OUTRO, *[cells[k][1].animate.set_stroke(GREEN) for k in range(n)])
'''

MERGE_LOGIC = '''
title = opening(self)
n = len(LABELS)
cells, index, w = plain_row(LABELS, 1.2)
slots = [c[1].get_center() + DOWN * 2.3 for c in cells]
cap = caption(INTRO)
self.play(FadeIn(cells), FadeIn(index), FadeIn(cap), run_time=rt(1.0))
self.wait(rt(0.6))
buffer, copies = VGroup(), {}
for ev, said in zip(EVENTS, CAPTIONS):
    anims = []
    if ev[0] == "range":
        lo, mid, hi = ev[1:]
        buffer = VGroup(*[DashedVMobject(Square(w * 0.92, color=GREY_B)).move_to(slots[k]) for k in range(lo, hi)])
        anims += [FadeIn(buffer)] + [cells[k][1].animate.set_stroke(BLUE if k < mid else ORANGE, opacity=1)
                                     for k in range(lo, hi)]
        anims += [a for k in range(n) if k < lo or k >= hi for a in fade_cell(cells[k])]
    elif ev[0] == "take":
        src, k, other = ev[1:]
        copies[k] = cells[src][2].copy()
        anims += [copies[k].animate.move_to(slots[k]), cells[src][2].animate.set_opacity(0.3)]
        if other >= 0:
            anims.append(Indicate(cells[other][1], color=YELLOW, scale_factor=1.05))
    elif ev[0] == "commit":
        lo, vals = ev[1], ev[2]
        for k in range(lo, lo + len(vals)):
            anims += [FadeOut(cells[k][2]), copies[k].animate.move_to(cells[k][1])]
            anims.append(cells[k][1].animate.set_stroke(GREEN if len(vals) == n else GREY_B, opacity=1))
            cells[k].submobjects[2] = copies.pop(k)
        anims += [FadeOut(buffer)] + [a for k in range(n) if k < lo or k >= lo + len(vals)
                                      for a in fade_cell(cells[k], 1.0)]
    elif ev[0] == "jump":
        final = make_cells(FINAL_LABELS, [0.01] * n, w, bars=False).move_to(cells)
        for c in final:
            c[1].set_stroke(GREEN)
        stale = [m for m in self.mobjects if m not in (title, cap, index)]  # every piece of the row and buffer
        anims += [*[FadeOut(m) for m in stale], FadeIn(final)]
        cells, copies = final, {}
    more, cap = recaption(cap, said)
    self.play(*anims, *more, run_time=rt(STEP * (1.4 if ev[0] in ("commit", "range") else 1.0)))
closing(self, cap, OUTRO)
'''

COUNT_LOGIC = '''
title = opening(self)
n, m = len(LABELS), len(KEYS)
w = min(1.0, 11.0 / max(n, m))
rows = [make_cells(LABELS, [0.01] * n, w, bars=False), make_cells(["0"] * m, [0.01] * m, w, bars=False),
        make_cells([""] * n, [0.01] * n, w, bars=False)]
names = [Text(s, font_size=24, color=GREY_B) for s in ROW_NAMES]
for r, y, name in zip(rows, (2.0, 0.1, -1.8), names):
    r.move_to([0.9, y, 0])
    name.next_to(r, LEFT, buff=0.3)
keys = VGroup(*[Text(s, font_size=20, color=TEAL).next_to(c[1], DOWN, buff=0.1) for s, c in zip(KEYS, rows[1])])
cap = caption(INTRO)
self.play(*[FadeIn(r) for r in rows], *[FadeIn(t) for t in names], FadeIn(keys), FadeIn(cap), run_time=rt(1.2))
for ev, said in zip(EVENTS, CAPTIONS):
    anims = []
    if ev[0] == "count":
        i, slot, c = ev[1:]
        new = fit(Text(str(c), font_size=min(40, 34 * w), color=TEAL), w * 0.8).move_to(rows[1][slot][1])
        anims += [Indicate(rows[0][i][2]), Transform(rows[1][slot][2], new)]
    elif ev[0] == "emit":
        k, v, slot = ev[1:]
        new = fit(Text(str(v), font_size=min(40, 34 * w)), w * 0.8).move_to(rows[2][k][1])
        anims += [TransformFromCopy(rows[1][slot][2], new), rows[2][k][1].animate.set_stroke(GREEN)]
    more, cap = recaption(cap, said)
    self.play(*anims, *more, run_time=rt(STEP))
closing(self, cap, OUTRO)
'''

RADIX_LOGIC = '''
title = opening(self)
n, digits = len(LABELS), len(LABELS[0])
w = min(1.0, 11.5 / n)
row = VGroup(*[Text(s, font_size=28) for s in LABELS]).arrange(RIGHT, buff=w - 0.55).move_to(UP * 2.1)
bucket_x = [-5.4 + 1.2 * d for d in range(10)]
floor = VGroup(*[Line([x - 0.5, -2.6, 0], [x + 0.5, -2.6, 0], color=GREY_B) for x in bucket_x])
digits_under = VGroup(*[Text(str(d), font_size=22, color=GREY_B).next_to(f, DOWN, buff=0.1) for d, f in enumerate(floor)])
cap = caption(INTRO)
self.play(FadeIn(row), Create(floor), FadeIn(digits_under), FadeIn(cap), run_time=rt(1.2))
items, height, d, home = list(row), [0] * 10, 0, [it.get_x() for it in row]
for ev, said in zip(EVENTS, CAPTIONS):
    anims = []
    if ev[0] == "pass":
        d, height = ev[1], [0] * 10
        col = digits - 1 - d
        anims += [it.animate.set_color(WHITE) for it in items]
        anims += [it[col].animate.set_color(YELLOW) for it in items]
    elif ev[0] == "bucket":
        i, b = ev[1], ev[2]
        anims.append(items[i].animate.move_to([bucket_x[b], -2.35 + height[b] * GAP, 0]))
        height[b] += 1
    elif ev[0] == "commit":
        order = ev[3]
        items = [items[i] for i in order]
        anims += [it.animate.move_to([home[k], 2.1, 0]) for k, it in enumerate(items)]
    elif ev[0] == "jump":
        final = VGroup(*[Text(s, font_size=28) for s in FINAL_LABELS]).arrange(RIGHT, buff=w - 0.55).move_to(UP * 2.1)
        anims += [FadeOut(VGroup(*items)), FadeIn(final)]
        items = list(final)
    more, cap = recaption(cap, said)
    self.play(*anims, *more, run_time=rt(STEP * (1.5 if ev[0] == "commit" else 1.0)))
closing(self, cap, OUTRO, *[it.animate.set_color(GREEN) for it in items])
'''

SEARCH_LOGIC = '''
title = opening(self)
n = len(LABELS)
cells, index, w = plain_row(LABELS, 0.6)
goal = Text(GOAL, font_size=30, color=YELLOW).next_to(cells, UP, buff=1.3)
cap = caption(INTRO)
self.play(FadeIn(cells), FadeIn(index), FadeIn(goal), FadeIn(cap), run_time=rt(1.2))


def pointer(k, name, color, below):
    """An arrow with a name pointing at box k, from above or from below the index row."""
    tip = index[k].get_bottom() + DOWN * 0.08 if below else cells[k][1].get_top() + UP * 0.08
    side = DOWN if below else UP
    arrow = Arrow(tip + side * 0.7, tip, buff=0, color=color, stroke_width=4, max_tip_length_to_length_ratio=0.3)
    return VGroup(arrow, Text(name, font_size=22, color=color).next_to(arrow, side, buff=0.06))


marks = VGroup()
for ev, said in zip(EVENTS, CAPTIONS):
    lo, mid, hi, rel = ev[1:]
    if BINARY:
        new = VGroup(pointer(mid, "mid", YELLOW, False), pointer(lo, "lo", BLUE, True), pointer(hi, "hi", RED, True))
        if lo == hi:
            new[1][1].shift(LEFT * 0.25)
            new[2][1].shift(RIGHT * 0.25)
    else:
        new = VGroup(pointer(mid, "i", YELLOW, False))
    out = [c for k, c in enumerate(cells) if k < lo or k > hi] if BINARY else []
    more, cap = recaption(cap, said)
    self.play(FadeOut(marks), FadeIn(new), *[a for c in out for a in fade_cell(c)],
              cells[mid][1].animate.set_stroke(YELLOW), *more, run_time=rt(STEP))
    marks = new
    done = GREEN if rel == "=" else GREY_B
    fade = [cells[mid][2].animate.set_opacity(0.3)] if rel != "=" and not BINARY else []
    self.play(cells[mid][1].animate.set_stroke(done).set_fill(done, 0.35 if rel == "=" else 0), *fade,
              run_time=rt(STEP * 0.8))
closing(self, cap, OUTRO, color=GREEN if FOUND else RED)
'''

FIB_LOGIC = '''
title = opening(self)
n = len(VALUES)
w = min(1.05, 11.5 / n)
cells = make_cells(["?"] * n, [0.01] * n, w, bars=False).move_to(UP * 0.2)
for c in cells:
    c[2].set_color(GREY_B)
index = index_row(cells)
rule = Text("F(k) = F(k−1) + F(k−2)", font_size=30, color=YELLOW).next_to(cells, UP, buff=1.4)
name = Text("k", font_size=22, color=GREY_B).next_to(index, LEFT, buff=0.3)
cap = caption(INTRO)
self.play(FadeIn(cells), FadeIn(index), FadeIn(name), FadeIn(rule), FadeIn(cap), run_time=rt(1.2))
arcs = VGroup()
for k, said in enumerate(CAPTIONS):
    value = Text(VALUES[k], font_size=30, color=WHITE)
    fit(value, w * 0.8).move_to(cells[k][1])
    new = VGroup()
    if k >= 2:
        new = VGroup(*[CurvedArrow(cells[j][1].get_top() + UP * 0.05, cells[k][1].get_top() + UP * 0.05,
                                   angle=-PI / 2.2, color=BLUE if j == k - 1 else TEAL, stroke_width=3)
                       for j in (k - 1, k - 2)])
    more, cap = recaption(cap, said)
    self.play(FadeOut(arcs), FadeIn(new), Transform(cells[k][2], value),
              cells[k][1].animate.set_stroke(GREEN), *more, run_time=rt(STEP))
    arcs = new
closing(self, cap, OUTRO, FadeOut(arcs), Indicate(cells[-1]))
'''

HASH_LOGIC = '''
title = opening(self)
m = len(SLOTS)
w = min(1.1, 11.5 / m)
table = make_cells([""] * m, [0.01] * m, w, bars=False).move_to(DOWN * 0.9)
index = index_row(table)
keys = VGroup(*[Text(s, font_size=30) for s in KEYS]).arrange(RIGHT, buff=0.6).move_to(UP * 2.0)
rule = Text(RULE, font_size=28, color=YELLOW).next_to(keys, DOWN, buff=0.5)
cap = caption(INTRO)
self.play(FadeIn(table), FadeIn(index), FadeIn(keys), FadeIn(rule), FadeIn(cap), run_time=rt(1.2))
for ev, said in zip(EVENTS, CAPTIONS):
    more, cap = recaption(cap, said)
    if ev[0] == "hash":
        self.play(keys[ev[1]].animate.set_color(YELLOW), *more, run_time=rt(STEP))
    elif ev[0] == "probe":
        self.play(Indicate(table[ev[2]][1], color=RED), *more, run_time=rt(STEP))
    else:
        i, slot = ev[1], ev[2]
        self.play(keys[i].animate.set_color(WHITE).move_to(table[slot][1]), table[slot][1].animate.set_stroke(TEAL),
                  *more, run_time=rt(STEP * 1.3))
closing(self, cap, OUTRO)
'''

# ---------------------------------------------------------------------------------------------------------------
# Plans

WHAT = {
    "insertion_sort": "each value in turn sinks left into the sorted part by adjacent swaps",
    "selection_sort": "the smallest value of the unsorted part (orange) is found and swapped to the front",
    "bubble_sort": "neighbours are compared left to right and swapped when out of order; a pass with no swap stops",
    "quick_sort": "each part is partitioned around its last element (purple pivot); the pivot lands in its place",
    "heap_sort": "a max-heap is built (tree above the array), then the root is swapped to the end again and again",
    "shell_sort": "insertion sort on the elements a gap apart, the gap halving down to 1",
    "merge_sort": "halves are sorted, then merged: the smaller front value drops into the row below, then back",
    "counting_sort": "every value is counted in its slot, then written out as often as counted",
    "radix_sort": "stable passes by the ones, tens, hundreds digit through the buckets 0 to 9",
}
TEMPLATES = {"merge_sort": MERGE_LOGIC, "counting_sort": COUNT_LOGIC, "radix_sort": RADIX_LOGIC}


def input_list(ask: Ask, notes: list[str], default: list | None = None) -> list:
    """The user's list (a [...] in the request, else all its numbers when there are two or more), else the
    entry's default input; at most MAX_ITEMS items."""
    given = request_list(ask)
    if given is None and len(ask.numbers) >= 2:
        given = [intlike(v) for v in ask.numbers]
    if given:
        notes.append(f"Input read from the request: {', '.join(labels(given))}.")
    else:
        given = list(default if default is not None else ask.settings["default_input"])
        notes.append(f"No list in the request: the entry's example {', '.join(labels(given))}.")
    return capped(given, MAX_ITEMS, notes)


def heights(values: list) -> list[float]:
    """Bar heights (0.25 to 2.75 units) proportional to the values."""
    lo, hi = min(values), max(values)
    return [round(0.25 + 2.5 * (v - lo) / (hi - lo), 3) if hi > lo else 1.4 for v in values]


def tree_positions(n: int) -> list[list[float]]:
    """Where node k of a binary heap of n nodes sits: level by level, each level spread over the width."""
    out = []
    for k in range(n):
        d = (k + 1).bit_length() - 1
        slots = 2 ** d
        out.append([round(-4.8 + (k - slots + 1.5) * 9.6 / slots, 3), round(2.45 - 0.95 * d, 3)])
    return out


def sort_consts(alg: str, values: list, t: Tape) -> dict:
    """The scene constants of a sort: labels, bars, the (summarised) events, captions, the end state."""
    final = t.a
    events, captions = summarised(t.events, t.captions, final)
    width = len(str(max(values))) if alg == "radix_sort" else 0
    shown = [str(v).zfill(width) for v in values] if width else labels(values)
    counted = f"{t.counts['cmp']} comparisons, {t.counts['swap']} swaps" if t.counts["cmp"] else \
        f"{len(t.events)} steps"
    consts = {"LABELS": shown, "HEIGHTS": heights(values), "EVENTS": events, "CAPTIONS": captions,
              "STEP": step_time(len(events)), "FINAL_LABELS": [str(v).zfill(width) for v in final],
              "FINAL_HEIGHTS": heights(final), "TREE": alg == "heap_sort", "TREE_POS": tree_positions(len(values)),
              "INTRO": f"sort {' '.join(labels(values))}: {len(values)} items",
              "OUTRO": f"sorted: {' '.join(labels(final))} ({counted})"}
    if alg == "counting_sort":
        lo = min(values)
        consts |= {"KEYS": [str(lo + k) for k in range(max(values) - lo + 1)],
                   "ROW_NAMES": ["input", "count", "output"]}
    if alg == "radix_sort":
        consts |= {"GAP": round(min(0.45, 3.9 / bucket_peak(values)), 3)}
    return consts


def bucket_peak(values: list) -> int:
    """The most items that share a bucket in any pass of radix sort."""
    digits = len(str(max(values)))
    return max(max([sum(1 for v in values if v // 10 ** d % 10 == b) for b in range(10)]) for d in range(digits))


def sort_plan(ask: Ask, alg: str) -> Plan:
    """Run the sort on the list, record it, and plan its replay."""
    notes: list[str] = []
    values = input_list(ask, notes)
    t = Tape(values)
    SORTS[alg](t)
    consts = sort_consts(alg, values, t)
    shots = [f"the title; the list {' '.join(labels(values))} in boxes, with its indices",
             f"the recorded steps replayed: {WHAT[alg]}; each step is said at the bottom",
             f"the end state, all green: {consts['OUTRO']}"]
    computed = [*notes, f"Ran {alg.replace('_', ' ')} here: {len(t.events)} recorded steps"
                + (f", {t.counts['cmp']} comparisons and {t.counts['swap']} swaps" if t.counts["cmp"] else "")
                + (f"; the scene shows the first {MAX_STEPS - 4} and then the end state" if len(t.events) > MAX_STEPS
                   else "") + f"; output {', '.join(labels(t.a))}."]
    extra = run_section(values, t)
    values_out = {"input": values, "output": list(t.a), "events": t.events, "comparisons": t.counts["cmp"],
                  "swaps": t.counts["swap"]}
    return Plan(TEMPLATES.get(alg, SWAP_LOGIC), consts, shots, computed, values_out, ROW_HELPERS, extra)


def run_section(values: list, t: Tape, result: str = "") -> str:
    """A notes section: the run on this input, its first steps and its result."""
    steps = "\n".join(f"{i}. {c}" for i, c in enumerate([c for c in t.captions if c][:12], 1))
    end = result or f"Output: {', '.join(labels(t.a))}."
    return f"## This run\n\nInput: {', '.join(labels(values))}.\n\nFirst steps:\n\n{steps}\n\n{end}"


def search_target(ask: Ask, notes: list[str]):
    """The value searched for: a number outside the [...] list (or after "for"/"target"), else the entry's."""
    named = re.search(r"(?:target|find|for|key)\s*(?:=|:|is)?\s*(-?\d+(?:\.\d+)?)", ask.params.concept, re.I)
    loose = outside_brackets(ask) if request_list(ask) and re.search(r"\[", ask.params.concept) else ()
    if named or loose:
        target = intlike(named.group(1) if named else loose[0])
        notes.append(f"Target read from the request: {num(target)}.")
        return target
    target = ask.settings.get("target", ask.entry.example.target)
    notes.append(f"No target in the request: the entry's {num(target)}.")
    return target


def search_list(ask: Ask, notes: list[str], target) -> list:
    """The list searched: the request's [...] list, else its numbers other than the target, else the default."""
    given = request_list(ask)
    if given is None:
        rest = [intlike(v) for v in ask.numbers]
        if target in rest and len(rest) > 2:
            rest.remove(target)
        given = rest if len(rest) >= 2 else None
    return input_list(ask, notes, given) if given else input_list(ask, notes)


def search_plan(ask: Ask, alg: str) -> Plan:
    """Run binary or linear search on the list and plan its replay with pointers."""
    notes: list[str] = []
    target = search_target(ask, notes)
    values = search_list(ask, notes, target)
    if alg == "binary_search" and values != sorted(values):
        values = sorted(values)
        notes.append(f"Binary search needs a sorted list: sorted first to {', '.join(labels(values))}.")
    t = Tape(values)
    found = SEARCHES[alg](t, target)
    k = len(t.events)
    outro = f"found {num(target)} at index {found} after {k} comparisons" if found >= 0 else \
        f"{num(target)} is not in the list ({k} comparisons)"
    consts = {"LABELS": labels(values), "EVENTS": t.events, "CAPTIONS": t.captions, "STEP": step_time(k, 10, 0.5, 1.2),
              "BINARY": alg == "binary_search", "GOAL": f"target: {num(target)}", "FOUND": found >= 0,
              "INTRO": f"search {num(target)} in {len(values)} items", "OUTRO": outro}
    how = "lo, mid and hi pointers; the half that cannot hold the target is dimmed" if alg == "binary_search" \
        else "the pointer i moves right one box at a time"
    shots = [f"the title; the list {' '.join(labels(values))} with its indices and the target {num(target)}",
             f"each comparison in turn: {how}", f"the result: {outro}"]
    computed = [*notes, f"Ran {alg.replace('_', ' ')} here: {outro}."]
    return Plan(SEARCH_LOGIC, consts, shots, computed, {"input": values, "target": target, "index": found,
                                                        "events": t.events}, ROW_HELPERS,
                run_section(values, t, f"Result: {outro}."))


def fibonacci_plan(ask: Ask, alg: str) -> Plan:
    """Fill the table F(0..n) bottom-up; compare with the calls of the plain recursion."""
    notes: list[str] = []
    asked = [int(v) for v in ask.numbers if float(v).is_integer() and v >= 0]
    n = asked[0] if asked else int(ask.settings["default_input"][0])
    notes.append(f"n = {n}" + (" (from the request)." if asked else " (the entry's example)."))
    if not 2 <= n <= 15:
        n = min(max(n, 2), 15)
        notes.append(f"n is kept between 2 and 15 so the table stays readable: n = {n}.")
    fib = [int(sp.fibonacci(k)) for k in range(n + 1)]
    calls = 2 * fib[n] + 2 * fib[n - 1] - 1  # 2 F(n+1) - 1 calls of the plain recursion
    captions = [f"F({k}) = {fib[k]} (given)" if k < 2 else
                f"F({k}) = F({k - 1}) + F({k - 2}) = {fib[k - 1]} + {fib[k - 2]} = {fib[k]}" for k in range(n + 1)]
    outro = f"F({n}) = {fib[n]}: {n - 1} additions; plain recursion makes {calls} calls"
    consts = {"VALUES": [str(v) for v in fib], "CAPTIONS": captions, "STEP": step_time(n + 1, 11, 0.5, 1.0),
              "INTRO": f"fill the table F(0) … F({n}) from the left", "OUTRO": outro}
    shots = [f"the title, the rule F(k) = F(k-1) + F(k-2) and an empty table for k = 0..{n}",
             "the table fills from the left: two arrows bring F(k-1) and F(k-2) to each new entry",
             f"the result: {outro}"]
    computed = [*notes, f"Computed F(0..{n}) = {fib}; plain recursion: 2F(n+1) - 1 = {calls} calls."]
    extra = f"## This run\n\nF(0..{n}) = {', '.join(map(str, fib))}.\n\n{outro}."
    return Plan(FIB_LOGIC, consts, shots, computed, {"n": n, "table": fib, "calls": calls}, ROW_HELPERS, extra)


def hash_run(keys: list, m: int) -> tuple[list, list, list]:
    """Linear probing of keys into m slots: the table, the events and their captions."""
    table: list = [None] * m
    events, captions = [], []
    for i, k in enumerate(keys):
        h = k % m
        events.append(("hash", i, h))
        captions.append(f"h({k}) = {k} mod {m} = {h}")
        slot = h
        while table[slot] is not None:
            nxt = (slot + 1) % m
            events.append(("probe", i, slot))
            captions.append(f"slot {slot} holds {table[slot]}: collision, try slot {nxt}")
            slot = nxt
        table[slot] = k
        events.append(("place", i, slot))
        captions.append(f"{k} goes into slot {slot}")
    return table, events, captions


def hash_plan(ask: Ask, alg: str) -> Plan:
    """Insert the keys into a table of size m with h(k) = k mod m and linear probing."""
    notes: list[str] = []
    named = re.search(r"(?:size|m\s*=|slots?)\s*(?:=|of)?\s*(\d+)", ask.params.concept, re.I)
    m = int(named.group(1)) if named else int(ask.settings.get("table_size", 7))
    m = min(max(m, 2), MAX_ITEMS)
    keys = [int(k) for k in input_list(ask, notes) if float(k).is_integer()]
    keys = capped(keys, m, notes, "keys for the table")
    table, events, captions = hash_run(keys, m)
    collisions = sum(1 for e in events if e[0] == "probe")
    outro = f"table: {' '.join('·' if v is None else str(v) for v in table)} ({collisions} collisions)"
    consts = {"SLOTS": list(range(m)), "KEYS": [str(k) for k in keys], "EVENTS": events, "CAPTIONS": captions,
              "STEP": step_time(len(events), 13, 0.5, 1.0), "RULE": f"h(k) = k mod {m}, then the next free slot",
              "INTRO": f"insert {len(keys)} keys into {m} slots", "OUTRO": outro}
    shots = [f"the title, the keys {keys}, the rule h(k) = k mod {m} and {m} empty slots",
             "each key: its hash, a red flash on every occupied slot it probes, then it drops into its slot",
             f"the filled table: {outro}"]
    computed = [*notes, f"Table size m = {m}; inserted with linear probing: {outro}."]
    extra = f"## This run\n\nKeys {keys}, m = {m}:\n\n" + "\n".join(f"- {c}" for c in captions)
    return Plan(HASH_LOGIC, consts, shots, computed, {"keys": keys, "table": table, "events": events}, ROW_HELPERS,
                extra)


PLANS = {**dict.fromkeys(SORTS, sort_plan), **dict.fromkeys(SEARCHES, search_plan), "fibonacci_dp": fibonacci_plan,
         "hash_insert": hash_plan}


@composer("array_algorithm")
def array_algorithm(ask: Ask) -> Lesson:
    """An algorithm run on the user's list (or the entry's), its recorded steps replayed on boxes."""
    alg = ask.settings["algorithm"]
    if alg not in PLANS:
        raise Unsupported(alg)
    return plan_lesson(ask, PLANS[alg](ask, alg))
