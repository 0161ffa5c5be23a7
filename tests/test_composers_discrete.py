"""The discrete composers (array_algorithm, graph_algorithm, number_theory, probability) on every catalogue entry
that uses them: the lesson composes, its scene code compiles, its notes state the key formula, and what it
computed agrees with an independent reference (sorted(), bisect, plain BFS/DFS/Dijkstra/Kahn/MST/Floyd, math.gcd,
sympy...), on the entry's default input and on a request with the user's own numbers. A handful of scenes is
rendered at "low" (shortened) and checked by the layout probe.
"""

from __future__ import annotations

import ast
import bisect
import heapq
import math
import re
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction

import pytest
import sympy as sp
from test_catalogue import _bfs as ref_bfs  # the catalogue's own reference traversals
from test_catalogue import _dfs as ref_dfs

from mathanim import render
from mathanim.job import Job
from mathanim.layout import check_layout
from mathanim.offline.catalogue import by_id, load
from mathanim.offline.composers import compose
from mathanim.offline.composers.array_algorithm import RT_LINE, replay
from mathanim.offline.families.calculus import quick
from mathanim.offline.params import extract

DISCRETE = ("array_algorithm", "graph_algorithm", "number_theory", "probability")
ENTRIES = [e for e in load() if e.composer in DISCRETE]
ON_CARD: set[str] = set()  # every entry of these composers is drawn


def lesson(entry_id: str, text: str = ""):
    e = by_id(entry_id)
    return compose(e, extract(f"{e.name} {text}".strip()))


# ---------------------------------------------------------------------------------------------------------------
# Every entry


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_every_entry_composes_compiles_and_states_its_formula(entry):
    les = lesson(entry.id)
    compile(les.code, entry.id, "exec")
    name, err = render.prepare(les.code, None)
    assert err is None and name == les.scene_name
    assert entry.formulas[0].latex in les.notes_md
    drawn = RT_LINE in les.code
    assert drawn == (entry.id not in ON_CARD), "drawn by its composer" if drawn else "fell back to the card"
    if drawn:
        assert "Storyboard:" in les.reasoning and les.notes_md.count("## This run") == 1


def test_fewer_than_ten_percent_on_the_card():
    assert len(ON_CARD) < 0.1 * len(ENTRIES)
    assert ON_CARD <= {e.id for e in ENTRIES}


def test_the_same_request_gives_the_same_scene():
    for eid in ("galton_board", "monty_hall_problem", "quick_sort", "dijkstra"):
        assert lesson(eid).code == lesson(eid).code


# ---------------------------------------------------------------------------------------------------------------
# Arrays: the recorded steps end in the reference output

SORTS = [e.id for e in ENTRIES if e.settings["algorithm" if "algorithm" in e.settings else "kind"] in
         ("insertion_sort", "selection_sort", "bubble_sort", "merge_sort", "quick_sort", "heap_sort", "counting_sort",
          "radix_sort", "shell_sort")]


@pytest.mark.parametrize("eid", SORTS)
@pytest.mark.parametrize("text", ["", "[9, 2, 7, 4, 4, 1, 8, 12, 3]", "sort 5 3 10 1 6 2 9 8 7 4 11 15 14 13"])
def test_sorts_replay_to_sorted(eid, text):
    v = lesson(eid, text).values
    given = [9, 2, 7, 4, 4, 1, 8, 12, 3] if "[" in text else \
        [5, 3, 10, 1, 6, 2, 9, 8, 7, 4, 11, 15, 14][:12] if text else list(by_id(eid).settings["default_input"])
    assert v["input"] == given[:12]
    assert replay(v["input"], v["events"]) == sorted(v["input"]) == v["output"]


def reference_index(items: list, target) -> int:
    i = bisect.bisect_left(sorted(items), target)
    return i if i < len(items) and sorted(items)[i] == target else -1


@pytest.mark.parametrize("text, target", [("", 9), ("for 11 in [3, 5, 7, 9, 11, 13, 15, 17]", 11),
                                          ("find 4 in [1, 2, 3, 5, 8]", 4)])
def test_binary_search_matches_bisect(text, target):
    v = lesson("binary_search", text).values
    assert v["target"] == target and v["index"] == reference_index(v["input"], target)
    probes = [e for e in v["events"] if e[0] == "probe"]
    assert len(probes) <= math.floor(math.log2(len(v["input"]))) + 1


def test_linear_search_and_unsorted_binary_search():
    v = lesson("linear_search", "for 15 in [4, 8, 15, 16, 23, 42]").values
    assert v["index"] == 2 and len(v["events"]) == 3
    v = lesson("binary_search", "for 5 in [9, 5, 1, 7]").values
    assert v["input"] == [1, 5, 7, 9] and v["index"] == 1


def test_fibonacci_table_and_hash_probing():
    v = lesson("dynamic_programming_fibonacci", "12").values
    assert v["table"] == [int(sp.fibonacci(k)) for k in range(13)] and v["calls"] == 2 * int(sp.fibonacci(13)) - 1
    v = lesson("hash_table", "[10, 3, 17, 24] size 7").values
    assert v["table"] == [None, None, None, 10, 3, 17, 24]  # all ≡ 3 (mod 7): linear probing fills 3, 4, 5, 6


# ---------------------------------------------------------------------------------------------------------------
# Graphs: independent references, and the scene's own final state


def adjacency(edges, directed: bool) -> dict:
    graph: dict = {}
    for u, v, w in edges:
        graph.setdefault(u, []).append((v, 1 if w is None else w))
        graph.setdefault(v, [])
        if not directed:
            graph[v].append((u, 1 if w is None else w))
    return {n: sorted(x) for n, x in graph.items()}


def ref_dist(graph: dict, s) -> dict:
    """Bellman-Ford by brute force (n rounds over every arc)."""
    dist = {s: 0}
    for _ in graph:
        for u in list(dist):
            for v, w in graph[u]:
                if dist[u] + w < dist.get(v, math.inf):
                    dist[v] = dist[u] + w
    return dist


def spans(nodes, pick) -> bool:
    """Whether the edges `pick` (n - 1 of them) connect all nodes without a cycle."""
    boss = {n: n for n in nodes}

    def find(n):
        while boss[n] != n:
            n = boss[n]
        return n

    for u, v, _ in pick:
        a, b = find(u), find(v)
        if a == b:
            return False
        boss[a] = b
    return True


def ref_mst(nodes, edges) -> int:
    """The weight of a minimum spanning tree, by trying every subset of n - 1 edges (small graphs only)."""
    from itertools import combinations
    return min(sum(w for *_, w in pick) for pick in combinations(edges, len(nodes) - 1) if spans(nodes, pick))


def final_state(v: dict) -> tuple[list, list]:
    """The table and panel lines after the recorded steps, as the scene ends."""
    table, lines = [list(r) for r in v["table"]], list(v["lines"])
    for ops in v["events"]:
        for op in ops:
            if op[0] == "cell":
                table[op[1]][op[2]] = op[3]
            elif op[0] == "line":
                lines[op[1]] = op[2]
    return table, lines


USER_GRAPH = "A-B 4, A-C 1, C-B 2, B-D 5, C-D 8, D-E 3 from A"


@pytest.mark.parametrize("text", ["", USER_GRAPH, "from C"])
def test_traversals_match_plain_bfs_and_dfs(text):
    for eid, ref in (("breadth_first_search", ref_bfs), ("depth_first_search", ref_dfs)):
        v = lesson(eid, text).values
        g = v["graph"]
        want = ref(adjacency(g.edges, g.directed), g.source)
        assert v["order"] == want
        assert final_state(v)[1][1] == "order: " + " ".join(want)
    if text == "from C":
        assert v["order"][0] == "C"


@pytest.mark.parametrize("text", ["", USER_GRAPH])
def test_shortest_paths_match_the_reference(text):
    for eid in ("dijkstra", "bellman_ford"):
        v = lesson(eid, text).values
        g = v["graph"]
        want = ref_dist(adjacency(g.edges, g.directed), g.source)
        assert dict(map(tuple, v["distances"])) == want
        table, _ = final_state(v)
        assert {r[0]: r[1] for r in table[1:]} == {n: str(d) for n, d in want.items()}
    assert lesson("bellman_ford").values["distances"] == [["A", 2], ["B", 5], ["C", 4], ["S", 0]]


def test_floyd_warshall_matrix_and_table():
    v = lesson("floyd_warshall").values
    g = v["graph"]
    graph = adjacency(g.edges, g.directed)
    for i, a in enumerate(g.nodes):
        d = ref_dist(graph, a)
        assert [d.get(b, math.inf) for b in g.nodes] == v["matrix"][i]
    table, _ = final_state(v)
    assert table[1][4] == "6"  # A to D: min(9, 7 + 2, 3 + 1 + 2)


@pytest.mark.parametrize("text", ["", USER_GRAPH])
def test_spanning_trees_have_minimum_weight(text):
    for eid in ("prims_algorithm", "kruskals_algorithm"):
        v = lesson(eid, text).values
        g = v["graph"]
        assert v["total"] == ref_mst(g.nodes, g.edges) and len(v["tree"]) == len(g.nodes) - 1
        assert final_state(v)[1][0] == f"weight: {v['total']}"


def test_topological_order_is_kahn_with_alphabetical_ties():
    v = lesson("topological_sort").values
    g = v["graph"]
    indeg = {n: 0 for n in g.nodes}
    for _, b, _ in g.edges:
        indeg[b] += 1
    ready, want = [n for n in g.nodes if indeg[n] == 0], []
    heapq.heapify(ready)
    while ready:
        u = heapq.heappop(ready)
        want.append(u)
        for a, b, _ in g.edges:
            if a == u:
                indeg[b] -= 1
                if indeg[b] == 0:
                    heapq.heappush(ready, b)
    assert v["order"] == want == list(by_id("topological_sort").example.output)
    assert final_state(v)[1][1] == "order: " + " ".join(want)


def test_stable_matching_has_no_blocking_pair():
    s = by_id("stable_matching").settings
    match = lesson("stable_matching").values["matching"]
    partner = {b: a for a, b in match.items()}
    for a, prefs in s["proposers"].items():
        for b in prefs[:prefs.index(match[a])]:  # every receiver a prefers to its partner...
            rank = s["receivers"][b]
            assert rank.index(partner[b]) < rank.index(a)  # ...prefers its own partner to a


def test_bst_depths_and_degree_sum_and_euler():
    v = lesson("binary_search_tree", "insert 50, 30, 70, 20, 40, 60, 80, 35").values
    assert v["depth"] == {50: 0, 30: 1, 70: 1, 20: 2, 40: 2, 60: 2, 80: 2, 35: 3} and v["height"] == 3
    v = lesson("handshake_lemma").values
    assert v["sum"] == 2 * len(v["graph"].edges) == sum(v["degrees"].values())
    v = lesson("eulerian_path").values
    assert sorted(v["odd"]) == ["A", "B", "C", "D"] and v["walk"] == []  # Königsberg: no walk
    v = lesson("eulerian_path", "A-B, B-C, C-D, D-A, A-C").values
    assert sorted(v["odd"]) == ["A", "C"] and sorted(v["walk"]) == list(range(5))


# ---------------------------------------------------------------------------------------------------------------
# Number theory


@pytest.mark.parametrize("text, a, b", [("", 252, 105), ("of 84 and 36", 84, 36), ("gcd(17, 5)", 17, 5)])
def test_gcd_and_bezout(text, a, b):
    v = lesson("gcd_euclidean_algorithm", text).values
    assert (v["a"], v["b"], v["gcd"]) == (max(a, b), min(a, b), math.gcd(a, b))
    assert all(x == q * y + r for x, y, q, r in v["steps"]) and v["steps"][-1][3] == 0
    w = lesson("bezout_identity", text).values
    assert w["a"] * w["s"] + w["b"] * w["t"] == w["gcd"] == (math.gcd(a, b) if text else math.gcd(240, 46))


@pytest.mark.parametrize("text, want", [("", (12, 18)), ("lcm(4, 10)", (4, 10)), ("of 21 and 6", (21, 6))])
def test_lcm(text, want):
    v = lesson("least_common_multiple", text).values
    assert v["lcm"] == math.lcm(*want) and v["gcd"] == math.gcd(*want)


def test_primes_sieve_totient_factors():
    assert lesson("sieve_of_eratosthenes", "up to 60").values["primes"] == list(sp.primerange(2, 61))
    assert lesson("prime_numbers").values["count"] == 25
    v = lesson("eulers_totient", "of 45").values
    assert v["totient"] == 24 == len(v["coprime"]) and all(math.gcd(k, 45) == 1 for k in v["coprime"])
    v = lesson("prime_factorization", "of 1001").values
    assert v["factors"] == {7: 1, 11: 1, 13: 1} and v["divisors"] == 8
    assert lesson("prime_factorization").values["divisors"] == 24


def test_modular_crt_base_rsa():
    v = lesson("chinese_remainder_theorem").values
    assert v["solution"] == [23, 105] and all(23 % n == a for a, n in v["pairs"])
    v = lesson("chinese_remainder_theorem", "x ≡ 1 mod 4, x ≡ 2 mod 9").values
    x, m = v["solution"]
    assert m == 36 and x % 4 == 1 and x % 9 == 2
    v = lesson("fermats_little_theorem", "11 and 2").values
    assert v["powers"][-1] == 1 and v["order"] == 10 and v["powers"] == [pow(2, k, 11) for k in range(1, 11)]
    assert lesson("modular_arithmetic", "12 9 5").values["result"] == 2
    v = lesson("binary_numbers", "45 in base 3").values
    assert int(v["digits"], 3) == 45
    v = lesson("rsa_encryption", "p = 5, q = 11, e = 3, m = 9").values
    assert (v["n"], v["phi"], v["e"] * v["d"] % v["phi"]) == (55, 40, 1) and pow(v["c"], v["d"], 55) == 9


def test_counting_entries():
    assert lesson("pascals_triangle").values["value"] == 20
    assert lesson("pascals_triangle", "10 rows").values["triangle"][9][4] == str(math.comb(9, 4))
    assert lesson("pigeonhole_principle", "25 objects in 6 boxes").values["at_least"] == 5
    assert lesson("stars_and_bars", "7 candies among 3 children").values["ways"] == math.comb(9, 2)
    assert lesson("divisibility_rules", "2520").values["divisors"] == ["2", "3", "4", "5", "6", "8", "9", "10"]


# ---------------------------------------------------------------------------------------------------------------
# Probability


def test_exact_probabilities():
    assert lesson("classical_probability").values["p"] == Fraction(1, 6)
    assert lesson("classical_probability", "sum of 10").values["p"] == Fraction(3, 36)
    assert lesson("addition_rule").values["union"] == Fraction(7, 10)
    assert lesson("inclusion_exclusion").values["union"] == 74
    v = lesson("law_of_total_probability").values
    assert v["P_B"] == Fraction(3, 10) * Fraction(9, 10) + Fraction(7, 10) * Fraction(2, 10)
    v = lesson("bayes_theorem").values
    assert abs(float(v["posterior"]) - 0.01 * 0.99 / (0.01 * 0.99 + 0.99 * 0.05)) < 1e-12
    v = lesson("bayes_theorem", "prior 2%, sensitivity 90%, false positive 10%").values
    assert abs(float(v["posterior"]) - 0.018 / (0.018 + 0.098)) < 1e-12


def test_distributions():
    v = lesson("binomial_distribution").values
    assert v["p_k"] == Fraction(15, 128) and sum(v["pmf"]) == 1
    v = lesson("binomial_distribution", "n = 20, p = 0.3").values
    assert v["mean"] == 6 and v["variance"] == Fraction(21, 5)
    assert abs(float(lesson("geometric_distribution").values["p_k"]) - 25 / 216) < 1e-12
    assert abs(float(lesson("poisson_distribution").values["p_k"]) - 9 * math.exp(-3) / 2) < 1e-12
    assert abs(lesson("z_score").values["value"] - 0.9332) < 1e-4
    assert abs(lesson("hypothesis_testing").values["value"] - 0.0455) < 1e-4
    assert [round(p, 4) for p in lesson("empirical_rule").values["value"]] == [0.6827, 0.9545, 0.9973]
    assert lesson("uniform_distribution", "from 2 to 8").values["variance"] == 3


@pytest.mark.parametrize("text, n, a, b, result", [
    ("17 mod 5", 5, 0, 17, 2), ("what is 23 modulo 6", 6, 0, 23, 5), ("(7 + 8) mod 12", 12, 7, 8, 3),
    ("100 mod 7", 7, 0, 100, 2),  # more turns than are walked: the remainder is still 100's
])
def test_a_mod_b_is_read_with_the_modulus_after_mod(text, n, a, b, result):
    v = lesson("modular_arithmetic", text).values
    assert (v["n"], v["a"], v["b"], v["result"]) == (n, a, b, result) and (a + b) % n == result


@pytest.mark.parametrize("text, answer", [
    ("number of ways to choose 3 from 10", 120), ("10 choose 3", 120), ("choose 5 cards from 52", 2598960),
])
def test_choosing_k_of_n_whatever_the_order_of_the_words(text, answer):
    v = lesson("combinations", text).values
    assert v["answer"] == answer == math.comb(v["n"], v["k"])


def test_a_confidence_interval_reads_sd_and_level():
    les = lesson("confidence_interval", "90% confidence interval for mean 50, sd 10, n 25")
    assert "sigma = 10 from the request" in " ".join(les.reasoning) and "z = 1.6449" in " ".join(les.reasoning)


def test_a_bare_data_list_is_the_data():
    v = lesson("mean_median_mode", "mean median and mode of 3, 7, 7, 2, 9").values
    assert (v["mean"], v["median"], v["modes"]) == (Fraction(28, 5), 7, [7])
    assert lesson("variance_standard_deviation", "variance of 1, 2, 3, 4, 5").values["variance"] == 2


def test_data_regression_markov_counting():
    v = lesson("variance_standard_deviation").values
    assert v["mean"] == 5 and v["variance"] == 4
    v = lesson("mean_median_mode", "[3, 1, 4, 1, 5, 9, 2, 6]").values
    assert (v["mean"], v["median"], v["modes"]) == (Fraction(31, 8), Fraction(7, 2), [1])
    assert lesson("expected_value").values["mean"] == Fraction(7, 2)
    v = lesson("linear_regression").values
    assert (v["b"], v["a"]) == (Fraction(3, 2), Fraction(1, 3))
    assert abs(lesson("correlation_coefficient").values["r"] - 3 / math.sqrt(2 * 14 / 3)) < 1e-12
    assert lesson("markov_chain").values["stationary"] == [Fraction(3, 4), Fraction(1, 4)]
    assert lesson("markov_chain", "[[0.5, 0.5], [0.2, 0.8]]").values["stationary"] == [Fraction(2, 7), Fraction(5, 7)]
    assert lesson("permutations").values["answer"] == 60 and lesson("combinations").values["answer"] == 10
    assert lesson("combinations", "8 choose 3").values["answer"] == 56


def test_simulations_land_near_the_theory():
    assert abs(lesson("law_of_large_numbers").values["final"] - 0.5) < 0.05
    v = lesson("monty_hall_problem", "3000 games").values
    assert abs(v["switch"] - 2 / 3) < 0.03 and abs(v["switch"] + v["stay"] - 1) < 1e-9
    v = lesson("galton_board").values
    assert sum(v["bins"]) == v["balls"] == 200 and len(v["bins"]) == 11
    assert abs(lesson("buffons_needle", "5000 throws").values["estimate"] - math.pi) < 0.15
    assert lesson("confidence_interval").values["hits"] >= 16
    assert abs(lesson("derangements").values["exact"] - Fraction(9, 24)) == 0
    assert abs(lesson("birthday_problem").values["exact"] - 0.5073) < 1e-4
    assert abs(lesson("random_walk", "400 steps").values["rms"] - 20) < 8
    assert abs(lesson("kinetic_theory_of_gases").values["v_rms"] - 516.9) < 0.1
    v = lesson("entropy").values
    assert v["ways"] == math.comb(40, 20) and abs(v["final_share"] - 0.5) <= 0.25
    sds = lesson("central_limit_theorem").values["sds"]
    assert all(abs(sd - math.sqrt(35 / 12 / n)) < 0.15 * math.sqrt(35 / 12 / n) for sd, n in zip(sds, (1, 2, 5, 30), strict=True))


# ---------------------------------------------------------------------------------------------------------------
# A handful rendered and checked by the layout probe

RENDERS = [("insertion_sort", "[8, 3, 6, 1, 5]"), ("dijkstra", ""), ("gcd_euclidean_algorithm", "of 84 and 36"),
           ("bayes_theorem", ""), ("galton_board", "")]


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """Each scene shortened to a fifth, rendered at low and probed for layout defects, two at a time."""
    from mathanim.config import Settings
    base = tmp_path_factory.mktemp("discrete")
    settings = Settings.load(env={"MATHANIM_MEDIA_DIR": str(base / "media")}, dotenv=False)

    def one(case):
        code = quick(lesson(*case).code, 0.2)
        res = render.render(code, Job.make(settings, "low", ["mp4"], base / case[0]))
        return case[0], (res, check_layout(code, Job.make(settings)))

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, RENDERS))


@pytest.mark.parametrize("eid", [c[0] for c in RENDERS])
def test_renders_and_lays_out_cleanly(checked, eid):
    res, layout = checked[eid]
    assert res.ok, res.error
    assert res.videos["mp4"] and 6 <= res.stats["duration"] / 0.2 <= 30  # the full lesson: a short film, not a flash
    assert "error" not in layout, layout.get("error")
    assert layout["defects"] == [], [d["message"] for d in layout["defects"]]


# ---------------------------------------------------------------------------------------------------------------
# A Chinese request: the scene speaks Chinese (the other composer tests import the checker from here)

CJK = re.compile(r"[\u3400-\u9fff]")
LATEX_CALLS = {"MathTex", "Tex", "SingleStringMathTex"}
STYLE_KWARGS = {"font", "color", "weight", "slant", "rate_func", "fill_color", "stroke_color"}
FORMULA_WORDS = {"mod", "sin", "cos", "tan", "arcsin", "arccos", "arctan", "rad", "max", "min", "log", "exp", "lim",
                 "gcd", "lcm", "det", "div", "curl", "arg", "mid", "Poisson", "Geo", "Sxy", "Sxx", "Syy", "rms", "qvB",
                 "BLv", "kWh", "mgh", "avg", "Var", "Cov"}  # names in formulas (and the pointer `mid`), not English words


def _hidden(tree) -> tuple[set, set]:
    """The string nodes never shown as text (LaTeX, styles, indices, docstrings, names the scene dispatches on),
    and those names."""
    skip, names = set(), set()
    for node in ast.walk(tree):
        parts = []
        if isinstance(node, ast.Call):
            f = node.func
            parts += [node] if (f.id if isinstance(f, ast.Name) else getattr(f, "attr", "")) in LATEX_CALLS else []
            parts += [kw.value for kw in node.keywords if kw.arg in STYLE_KWARGS]
        elif isinstance(node, ast.Subscript):
            parts.append(node.slice)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            parts.append(node.value)
        elif isinstance(node, ast.Compare):
            parts += [node.left, *node.comparators]
        elif isinstance(node, ast.Dict):
            parts += [k for k in node.keys if k is not None]
        elif isinstance(node, (ast.List, ast.Tuple)) and node.elts and isinstance(node.elts[0], ast.Constant):
            parts += [node.elts[0]] if re.fullmatch(r"[a-z_]+", str(node.elts[0].value)) else []  # an event name
        for a in (a for p in parts for a in ast.walk(p)):
            if isinstance(a, ast.Constant) and isinstance(a.value, str):
                skip.add(id(a))
                names.add(a.value)
    return skip, names


def english_on_screen(code: str) -> list[str]:
    """The string literals of scene code that may be shown as text and still hold an English word (three letters
    or more, not an acronym, a formula's name or a lone identifier the scene uses as a name)."""
    tree = ast.parse(code)
    skip, names = _hidden(tree)
    shown = {id(n.args[0]) for n in ast.walk(tree) if isinstance(n, ast.Call) and n.args
             and getattr(n.func, "id", "") == "Text"}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in skip:
            continue
        s = node.value
        if s in names or "\\" in s or "$" in s or (re.fullmatch(r"[a-z_]+", s) and id(node) not in shown):
            continue
        if [w for w in re.findall(r"[A-Za-z]{3,}", s) if w not in FORMULA_WORDS and not w.isupper()]:
            found.append(s)
    return found


def zh_lesson(entry_id: str, text: str = ""):
    """The lesson for a Chinese request: the entry's Chinese name (and the user's numbers)."""
    e = by_id(entry_id)
    params = extract(f"{e.name_zh} {text}".strip())
    assert params.language == "zh"
    return compose(e, params)


def test_the_checker_finds_english_captions():
    code = 'CAPTIONS = ["7 > 3? yes: swap", "交换"]\nt = Text("sorted", font_size=20)\nm = MathTex(r"\\text{sum}")\n'
    assert english_on_screen(code) == ["7 > 3? yes: swap", "sorted"]
    assert english_on_screen('EVENTS = [("swap", 0, 1)]\nif ev[0] == "swap":\n    pass\n') == []


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_a_chinese_request_gets_a_chinese_scene(entry):
    les = zh_lesson(entry.id)
    assert les.title == entry.name_zh and CJK.search(les.code)
    assert english_on_screen(les.code) == [], entry.id


@pytest.mark.parametrize("eid, text", [("quick_sort", "[5, 1, 4, 2, 8, 7]"), ("hash_table", "[10, 3, 17, 24] size 7"),
                                       ("breadth_first_search", "A-B, B-C, A-D"), ("least_common_multiple", "12 和 18"),
                                       ("binary_search", "在 [1, 3, 5, 7, 9, 11] 中找 4"), ("permutations", "12 和 18"),
                                       ("binary_numbers", "12 和 18"), ("fermats_little_theorem", "12 和 18")])
def test_a_chinese_request_with_its_own_numbers_gets_chinese_captions(eid, text):
    les = zh_lesson(eid, text)
    assert english_on_screen(les.code) == [], eid
    compile(les.code, eid, "exec")


ZH_RENDERS = [("quick_sort", "[5, 1, 4, 2, 8, 7]"), ("topological_sort", "")]


@pytest.fixture(scope="module")
def checked_zh(tmp_path_factory):
    """Chinese scenes shortened to a fifth, rendered at low and probed for layout defects, two at a time."""
    from mathanim.config import Settings
    base = tmp_path_factory.mktemp("discrete_zh")
    settings = Settings.load(env={"MATHANIM_MEDIA_DIR": str(base / "media")}, dotenv=False)

    def one(case):
        code = quick(zh_lesson(*case).code, 0.2)
        res = render.render(code, Job.make(settings, "low", ["mp4"], base / case[0]))
        return case[0], (res, check_layout(code, Job.make(settings)))

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, ZH_RENDERS))


@pytest.mark.parametrize("eid", [c[0] for c in ZH_RENDERS])
def test_a_chinese_scene_renders_and_lays_out_cleanly(checked_zh, eid):
    res, layout = checked_zh[eid]
    assert res.ok, res.error
    assert "error" not in layout, layout.get("error")
    assert layout["defects"] == [], [d["message"] for d in layout["defects"]]
