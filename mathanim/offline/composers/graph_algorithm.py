"""The `graph_algorithm` composer: a graph algorithm run here, at compose time, on the entry's small graph (or
edges typed in the request, "A-B 4, B-C 2"; the start node from "from B"), neighbours in alphabetical order.

Every algorithm records the same kind of steps: a list of operations per step (colour a node or an edge, show
a hidden one, write a table cell, a panel line or a badge next to a node) with a caption. One scene template
replays them on a fixed layout: layered by distance from the source (columns), circular for degree questions,
two columns for stable matching, a binary tree for BST insertion; weights on the edges, a table or panel at
the right (queue, stack, distances, the sorted edge list, the distance matrix).
"""

from __future__ import annotations

import heapq
import math
import re
from dataclasses import dataclass, field

from ..base import Lesson
from ..common import num
from ..regions import CAPTION, Part, arranged, sides, under_title
from .array_algorithm import MAX_STEPS, Plan, intlike, plan_lesson, step_time
from .base import Ask, Rules, Unsupported, composer

INF = "∞"
MAX_NODES = 9


V = r"([^\s:()–→]+)"  # a node name in a caption
TASKS = {"shirt": "衬衫", "socks": "袜子", "tie": "领带", "trousers": "裤子", "belt": "腰带", "jacket": "夹克",
         "shoes": "鞋"}  # the topological-sort example's task names
ZH: Rules = (  # the captions, panel lines and labels in Chinese, one shared table (node names and numbers kept)
    *((rf"\b{en}\b", zh) for en, zh in TASKS.items()),
    (r"^queue:", "队列："), (r"^stack:", "栈："), (r"^order:? ", "顺序："), (r"^order:$", "顺序："), (r"^ready:", "就绪："),
    (rf"^start at {V}: it is seen, and waits in the queue", r"从 \1 出发：已发现，在队列中等待"),
    (rf"^take {V} from the front", r"从队首取出 \1"),
    (rf"^{V} is new: it joins the back of the queue \(distance (\d+) from {V}\)", r"\1 是新的：排到队尾（离 \3 的距离 \2）"),
    (r"^the queue is empty: every reachable node was visited", "队列已空：所有可达节点都已访问"),
    (rf"^visit {V} \(from {V}\): go deeper", r"访问 \1（从 \2 来）：继续深入"), (rf"^visit {V}: the start", r"访问 \1：起点"),
    (rf"^{V} has no unvisited neighbour: back up to {V}", r"\1 没有未访问的邻居：退回 \2"),
    (rf"^{V} has no unvisited neighbour: back up", r"\1 没有未访问的邻居：回退"),
    (r"^the stack is empty: depth-first order ", "栈已空：深度优先顺序 "), (r"^visit order ", "访问顺序 "),
    (rf"^settle {V}: its shortest distance is ", r"确定 \1：最短距离为 "), (r": keep", "：保持"), (r": update$", "：更新"),
    (rf"^shortest distances from {V}: ", r"从 \1 出发的最短距离："),
    (rf"^distances from {V}: ", r"从 \1 出发的距离："),
    (r"^round (\d+): relax every edge in order", r"第 \1 轮：按顺序松弛每条边"),
    (r"^round (\d+) changed nothing: the distances are final", r"第 \1 轮没有变化：距离已确定"), (r"^round (\d+)$", r"第 \1 轮"),
    (rf"^allow paths through {V}", r"允许经过 \1 的路径"), (rf"^no path gets shorter through {V}", r"经过 \1 没有路径变短"),
    (r"^through (\S+)", r"经过 \1"), (r"^no Euler path: more than two odd vertices", "没有欧拉路径：奇度顶点多于两个"), (r"^the table holds every shortest distance", "表中是所有最短距离"),
    (r"^all-pairs distances in the table", "表中是所有点对的距离"), (rf"^the tree starts at {V}", r"树从 \1 开始"),
    (r"^(\d+) edges leave the tree", r"\1 条边离开这棵树"), (r"^weight: ", "权重："),
    (r"^the cheapest is (\S+) \(([^)]+)\): add it, total ", r"最便宜的是 \1（\2）：加入，总计 "),
    (r"^minimum spanning tree: (\d+) edges, total weight ", r"最小生成树：\1 条边，总权重 "),
    (r"^spanning tree weight ", "生成树权重 "), (r": joins two pieces: take it", "：连接两块：选它"),
    (r": would close a cycle: skip", "：会形成环：跳过"),
    (r"^the number by each task: how many tasks must come before it", "每个任务旁的数：它之前还需完成几个任务"),
    (rf"^{V} has nothing left before it: output it", r"\1 之前已无任务：输出它"),
    (rf"^{V} proposes to {V}: rejected, {V} keeps {V}", r"\1 向 \2 求配：被拒，\3 保留 \4"),
    (rf"^{V} proposes to {V}: {V} prefers {V} to {V}, so {V} is free again", r"\1 向 \2 求配：\3 更喜欢 \4 而非 \5，\6 重新单身"),
    (rf"^{V} proposes to {V}: {V} is free and accepts", r"\1 向 \2 求配：\3 单身，接受"),
    (r" \(no pair prefers each other\)", "（没有互相更偏好的一对）"), (r"^stable matching ", "稳定匹配 "), (r"^stable: ", "稳定："),
    (r"^free proposers propose in order of preference; receivers keep the best offer", "单身的求配者按偏好依次求配；接受者保留最好的"),
    (r"^proposers prefer", "求配者偏好"), (r"^receivers prefer", "接受者偏好"),
    (r"^smaller keys go left, larger keys go right", "小的键往左，大的键往右"), (r"^insert: ", "插入："),
    (rf"^{V} is the root", r"\1 是根"), (r": go left", "：往左"), (r": go right", "：往右"),
    (rf"^{V} becomes the left child of {V}", r"\1 成为 \2 的左孩子"), (rf"^{V} becomes the right child of {V}", r"\1 成为 \2 的右孩子"),
    (r"^(\d+) keys, height (\d+): a search needs at most (\d+) comparisons", r"\1 个键，高度 \2：查找最多比较 \3 次"),
    (r"^height ", "高度 "), (r"^sum of degrees:", "度数之和："), (r"^every degree starts at 0", "每个度数从 0 开始"),
    (rf"^edge {V}–{V}: \+1 for {V} and \+1 for {V}", r"边 \1–\2：\3 和 \4 各加 1"),
    (r"^sum of degrees ", "度数之和 "), (r"× (\d+) edges", r"× \1 条边"), (r"^degrees: ", "度数："),
    (r"^odd vertices: ", "奇度顶点："), (r"^(\d+) vertices of odd degree: no walk uses every edge exactly once",
                                       r"\1 个奇度顶点：没有一条路线恰好走遍每条边一次"),
    (r"^two odd vertices: a path from (\S+) to (\S+)", r"两个奇度顶点：从 \1 到 \2 的路径"),
    (r"^every degree is even: an Euler circuit", "每个度数都是偶数：存在欧拉回路"), (rf"^start at {V}", r"从 \1 出发"),
    (r"^edges used: ", "已用边数："), (r"^step (\d+): walk to ", r"第 \1 步：走到 "),
    (r"^every edge used once: (\d+) edges", r"每条边恰用一次：\1 条边"),
    (r"^Euler circuit of (\d+) edges", r"欧拉回路，\1 条边"), (r"^Euler path of (\d+) edges", r"欧拉路径，\1 条边"),
    (r"^(\d+) nodes, (\d+) edges", r"\1 个节点，\2 条边"), (r", start at ", "，起点 "), (r"^order ", "顺序 "),
)
ZH_HEAD: Rules = ((r"^node$", "节点"), (r"^via$", "经由"), (r"^edge$", "边"))  # the table's header row
SHOWN = ("NODES", "EDGES", "EVENTS", "CAPTIONS", "INTRO", "OUTRO", "LINES", "EXTRA", "BADGE_DIR")


@dataclass
class Graph:
    """A small graph: node names, edges (u, v, weight or None), directed or not, the start node."""

    nodes: list[str]
    edges: list[tuple]
    directed: bool
    source: str

    def nbrs(self, u: str) -> list[tuple[str, float, int]]:
        """(neighbour, weight, edge index) of u, neighbours in alphabetical order (then by weight)."""
        out = []
        for i, (a, b, w) in enumerate(self.edges):
            if a == u:
                out.append((b, 1 if w is None else w, i))
            elif b == u and not self.directed:
                out.append((a, 1 if w is None else w, i))
        return sorted(out, key=lambda t: (t[0], t[1], t[2]))

    def weighted(self) -> bool:
        """Whether any edge has a weight."""
        return any(w is not None for _, _, w in self.edges)


@dataclass
class Story:
    """The recorded steps: each a list of operations with a caption; `later` ops join the next step."""

    events: list = field(default_factory=list)
    captions: list = field(default_factory=list)
    pending: list = field(default_factory=list)

    def step(self, ops: list, caption: str = "") -> None:
        """Record one step: its operations (one per target) and caption."""
        merged: dict = {}  # one operation per target: the last one wins (a pending style, then a new one)
        for o in [*self.pending, *ops]:
            merged[(o[0], o[1], o[2] if o[0] == "cell" else None)] = list(o)
        self.events.append(list(merged.values()))
        self.captions.append(caption)
        self.pending = []

    def later(self, *ops) -> None:
        """Operations to join the next step."""
        self.pending.extend(list(o) for o in ops)

    def close(self, ops: list, caption: str) -> None:
        """A last step (with whatever is pending)."""
        self.step(ops, caption)


def w_text(w) -> str:
    """A weight or distance as text (∞ for none)."""
    return INF if w is None or w == math.inf else num(w)


# ---------------------------------------------------------------------------------------------------------------
# Traversals


def bfs(g: Graph, st: Story) -> dict:
    """Breadth-first search from the source; the visit order."""
    s = g.source
    order, queue, depth = [s], [s], {s: 0}
    st.step([("node", s, "frontier"), ("line", 0, f"queue: {s}"), ("line", 1, f"order: {s}")],
            f"start at {s}: it is seen, and waits in the queue")
    while queue:
        u = queue.pop(0)
        st.step([("node", u, "current"), ("line", 0, "queue: " + " ".join(queue))], f"take {u} from the front")
        for v, _, i in g.nbrs(u):
            if v in depth:
                continue
            depth[v] = depth[u] + 1
            order.append(v)
            queue.append(v)
            st.step([("edge", i, "tree"), ("node", v, "frontier"), ("line", 0, "queue: " + " ".join(queue)),
                     ("line", 1, "order: " + " ".join(order))], f"{v} is new: it joins the back of the queue "
                    f"(distance {depth[v]} from {s})")
        st.later(("node", u, "done"))
    st.close([], "the queue is empty: every reachable node was visited")
    return {"order": order, "depth": depth}


def dfs(g: Graph, st: Story) -> dict:
    """Depth-first search from the source (recursive); the visit order."""
    order: list[str] = []
    path: list[str] = []

    def visit(u: str, via: int | None) -> None:
        """Enter u (from edge via), recurse into unvisited neighbours, then leave."""
        order.append(u)
        path.append(u)
        ops = [("node", u, "current"), ("line", 0, "stack: " + " ".join(path)), ("line", 1, "order: " + " ".join(order))]
        st.step(ops + ([("edge", via, "tree")] if via is not None else []),
                f"visit {u}" + (f" (from {path[-2]}): go deeper" if via is not None else ": the start"))
        for v, _, i in g.nbrs(u):
            if v not in order:
                st.later(("node", u, "frontier"))
                visit(v, i)
        path.pop()
        st.step([("node", u, "done"), ("line", 0, "stack: " + " ".join(path))],
                f"{u} has no unvisited neighbour: back up" + (f" to {path[-1]}" if path else ""))

    visit(g.source, None)
    st.close([], "the stack is empty: depth-first order " + " ".join(order))
    return {"order": order}


# ---------------------------------------------------------------------------------------------------------------
# Shortest paths


def dijkstra(g: Graph, st: Story, rows: dict) -> dict:
    """Dijkstra from the source: settle the nearest unsettled node, relax its edges."""
    s = g.source
    dist, via, done, heap = {s: 0}, {}, set(), [(0, s)]
    while heap:
        d, u = heapq.heappop(heap)
        if u in done:
            continue
        done.add(u)
        tree = [("edge", via[u][1], "tree")] if u in via else []
        st.step([("node", u, "done"), *tree], f"settle {u}: its shortest distance is {num(d)}")
        for v, w, i in g.nbrs(u):
            if v in done:
                continue
            nd, old = d + w, dist.get(v)
            better = old is None or nd < old
            ops = [("edge", i, "try")] + ([("cell", rows[v], 1, num(nd), "YELLOW"), ("cell", rows[v], 2, u, "WHITE")]
                                          if better else [])
            st.step(ops, f"{u}→{v}: {num(d)} + {num(w)} = {num(nd)} " +
                    (f"< {w_text(old)}: d({v}) = {num(nd)}" if better else f"≥ {num(old)}: keep {num(old)}"))
            st.later(("edge", i, "plain"))
            if better:
                dist[v], via[v] = nd, (u, i)
                heapq.heappush(heap, (nd, v))
    return finish_paths(g, st, dist, via)


def finish_paths(g: Graph, st: Story, dist: dict, via: dict) -> dict:
    """The last step of a shortest-path run: the tree of shortest paths, the other edges dimmed."""
    tree = {i for _, i in via.values()}
    ops = [("edge", i, "tree" if i in tree else "dim") for i in range(len(g.edges))]
    said = ", ".join(f"{n} {w_text(dist.get(n))}" for n in sorted(g.nodes))
    st.close(ops, f"shortest distances from {g.source}: {said}")
    return {"distances": [[n, dist[n]] for n in sorted(dist)], "via": {k: v[0] for k, v in via.items()}}


def arcs(g: Graph) -> list[tuple[str, str, float, int]]:
    """Every edge as (from, to, weight, index), both directions for an undirected graph, in the given order."""
    out = []
    for i, (a, b, w) in enumerate(g.edges):
        out.append((a, b, 1 if w is None else w, i))
        if not g.directed:
            out.append((b, a, 1 if w is None else w, i))
    return out


def bellman_ford(g: Graph, st: Story, rows: dict) -> dict:
    """Bellman-Ford: n - 1 rounds relaxing every edge in order; a round with no change ends early."""
    dist, via = {g.source: 0}, {}
    for k in range(1, len(g.nodes) + 1):
        changed = False
        st.step([("line", 0, f"round {k}")], f"round {k}: relax every edge in order")
        for u, v, w, i in arcs(g):
            if u not in dist:
                continue
            nd, old = dist[u] + w, dist.get(v)
            better = old is None or nd < old
            if better or k == 1:
                cells = [("cell", rows[v], 1, num(nd), "YELLOW"), ("cell", rows[v], 2, u, "WHITE")] if better else []
                st.step([("edge", i, "try"), *cells], f"{u}→{v}: {num(dist[u])} + ({num(w)}) = {num(nd)} " +
                        (f"< {w_text(old)}: update" if better else f"≥ {num(old)}: keep"))
                st.later(("edge", i, "plain"))
            if better:
                dist[v], via[v], changed = nd, (u, i), True
        if not changed:
            st.step([], f"round {k} changed nothing: the distances are final")
            break
        if k == len(g.nodes):
            raise Unsupported("negative cycle")
    return finish_paths(g, st, dist, via)


def floyd_warshall(g: Graph, st: Story, rows: dict) -> dict:
    """Floyd-Warshall: allow each node in turn as a stop; d(i,j) = min(d(i,j), d(i,k) + d(k,j))."""
    names = g.nodes
    d = {(a, b): 0 if a == b else math.inf for a in names for b in names}
    for u, v, w, _ in arcs(g):
        d[u, v] = min(d[u, v], w)
    for k in names:
        st.step([("node", k, "current"), ("line", 0, f"through {k}")], f"allow paths through {k}")
        found = False
        for a in names:
            for b in names:
                new = d[a, k] + d[k, b]
                if new < d[a, b]:
                    st.step([("cell", rows[a], rows[b], num(new), "YELLOW")],
                            f"d({a},{b}) = min({w_text(d[a, b])}, {w_text(d[a, k])} + {w_text(d[k, b])}) = {num(new)}")
                    d[a, b], found = new, True
        if not found:
            st.step([], f"no path gets shorter through {k}")
        st.later(("node", k, "done"))
    st.close([], "the table holds every shortest distance")
    return {"matrix": [[d[a, b] for b in names] for a in names]}


# ---------------------------------------------------------------------------------------------------------------
# Spanning trees, orders, matching, trees, degrees


def prim(g: Graph, st: Story) -> dict:
    """Prim from the source: add the cheapest edge leaving the tree, n - 1 times."""
    inside, total, chosen = {g.source}, 0, []
    st.step([("node", g.source, "done"), ("line", 0, "weight: 0")], f"the tree starts at {g.source}")
    while True:
        cut = [(w, u, v, i) for u in sorted(inside) for v, w, i in g.nbrs(u) if v not in inside]
        if not cut:
            break
        st.step([("edge", i, "try") for *_, i in cut], f"{len(cut)} edges leave the tree")
        w, u, v, i = min(cut, key=lambda c: (c[0], c[2], c[1]))
        total += w
        inside.add(v)
        chosen.append(i)
        st.step([("edge", j, "plain") for *_, j in cut if j != i] + [("edge", i, "tree"), ("node", v, "done"),
                ("line", 0, f"weight: {num(total)}")], f"the cheapest is {u}–{v} ({num(w)}): add it, total {num(total)}")
    st.close([("edge", j, "dim") for j in range(len(g.edges)) if j not in chosen],
             f"minimum spanning tree: {len(chosen)} edges, total weight {num(total)}")
    return {"total": total, "tree": chosen}


def kruskal(g: Graph, st: Story, order: list[int]) -> dict:
    """Kruskal: edges by weight; take one unless it closes a cycle (union-find)."""
    boss = {n: n for n in g.nodes}

    def find(n: str) -> str:
        """The representative of n's component."""
        while boss[n] != n:
            n = boss[n]
        return n

    total, chosen = 0, []
    for r, i in enumerate(order, 1):
        u, v, w = g.edges[i]
        if len(chosen) == len(g.nodes) - 1:
            break
        ok = find(u) != find(v)
        if ok:
            boss[find(u)] = find(v)
            total += w
            chosen.append(i)
        st.step([("edge", i, "tree" if ok else "reject"), ("cell", r, 2, "✓" if ok else "✗", "GREEN" if ok else "RED"),
                 *([("node", u, "done"), ("node", v, "done")] if ok else []), ("line", 0, f"weight: {num(total)}")],
                f"{u}–{v} ({num(w)}): " + ("joins two pieces: take it" if ok else "would close a cycle: skip"))
    st.close([("edge", j, "dim") for j in range(len(g.edges)) if j not in chosen],
             f"minimum spanning tree: {len(chosen)} edges, total weight {num(total)}")
    return {"total": total, "tree": chosen}


def topological(g: Graph, st: Story) -> dict:
    """Kahn's algorithm: output a node with no remaining prerequisite (alphabetically first), remove its edges."""
    indeg = {n: 0 for n in g.nodes}
    for _, b, _ in g.edges:
        indeg[b] += 1
    ready = sorted(n for n in g.nodes if indeg[n] == 0)
    heapq.heapify(ready)
    st.step([("badge", n, str(d), "TEAL") for n, d in indeg.items()] + [("line", 0, "ready: " + " ".join(sorted(ready)))],
            "the number by each task: how many tasks must come before it")
    order: list[str] = []
    while ready:
        u = heapq.heappop(ready)
        order.append(u)
        ops = [("node", u, "done"), ("badge", u, "", "TEAL")]
        for v, _, i in g.nbrs(u):
            indeg[v] -= 1
            ops += [("edge", i, "dim"), ("badge", v, str(indeg[v]), "GREEN" if indeg[v] == 0 else "TEAL")]
            if indeg[v] == 0:
                heapq.heappush(ready, v)
        st.step([*ops, ("line", 0, "ready: " + " ".join(sorted(ready))), ("line", 1, "order: " + " ".join(order))],
                f"{u} has nothing left before it: output it")
    if len(order) < len(g.nodes):
        raise Unsupported("the graph has a cycle: no topological order")
    st.close([], "order: " + ", ".join(order))
    return {"order": order}


def gale_shapley(pa: dict, pb: dict, st: Story, pair: dict) -> dict:
    """Proposer-optimal stable matching; `pair[(a, b)]` is the edge index of a proposal."""
    rank = {b: {a: r for r, a in enumerate(prefs)} for b, prefs in pb.items()}
    nxt, held, free = {a: 0 for a in pa}, {}, sorted(pa, reverse=True)
    while free:
        a = free.pop()
        b = pa[a][nxt[a]]
        nxt[a] += 1
        cur = held.get(b)
        if cur is None or rank[b][a] < rank[b][cur]:
            held[b] = a
            gone = [("edge", pair[cur, b], "gone"), ("node", cur, "plain")] if cur else []
            st.step([("edge", pair[a, b], "tree"), ("node", a, "done"), ("node", b, "done"), *gone],
                    f"{a} proposes to {b}: " + (f"{b} prefers {a} to {cur}, so {cur} is free again" if cur
                                                 else f"{b} is free and accepts"))
            if cur:
                free.append(cur)
        else:
            st.step([("edge", pair[a, b], "reject")], f"{a} proposes to {b}: rejected, {b} keeps {cur}")
            st.later(("edge", pair[a, b], "gone"))
            free.append(a)
    match = {a: b for b, a in held.items()}
    st.close([], "stable: " + ", ".join(f"{a}–{match[a]}" for a in sorted(match)) + " (no pair prefers each other)")
    return {"matching": match, "proposals": len(st.events) - 1}


def bst_insert(keys: list, st: Story, edge_of: dict) -> dict:
    """Insert the keys one by one into a binary search tree: compare down from the root, attach as a leaf."""
    left: dict = {}
    right: dict = {}
    depth = {keys[0]: 0}
    st.step([("show_node", str(keys[0]), "done")], f"{keys[0]} is the root")
    for k in keys[1:]:
        p = keys[0]
        while True:
            side = left if k < p else right
            st.step([("node", str(p), "current")], f"{k} {'<' if k < p else '>'} {p}: go {'left' if k < p else 'right'}")
            st.later(("node", str(p), "done"))
            if p not in side:
                break
            p = side[p]
        side[p] = k
        depth[k] = depth[p] + 1
        st.step([("show_node", str(k), "done"), ("show_edge", edge_of[p, k])],
                f"{k} becomes the {'left' if side is left else 'right'} child of {p}")
    h = max(depth.values())
    st.close([], f"{len(keys)} keys, height {h}: a search needs at most {h + 1} comparisons")
    return {"height": h, "depth": depth}


def degree_count(g: Graph, st: Story) -> dict:
    """Each edge adds 1 to the degree of both its ends, so the degrees add up to twice the edges."""
    deg = {n: 0 for n in g.nodes}
    st.step([("badge", n, "0", "TEAL") for n in g.nodes] + [("line", 0, "sum of degrees: 0")],
            "every degree starts at 0")
    for i, (u, v, _) in enumerate(g.edges):
        deg[u] += 1
        deg[v] += 1
        st.step([("edge", i, "tree"), ("badge", u, str(deg[u]), "YELLOW"), ("badge", v, str(deg[v]), "YELLOW"),
                 ("line", 0, f"sum of degrees: {sum(deg.values())}")], f"edge {u}–{v}: +1 for {u} and +1 for {v}")
        st.later(("badge", u, str(deg[u]), "TEAL"), ("badge", v, str(deg[v]), "TEAL"))
    total = sum(deg.values())
    st.close([], f"sum of degrees {' + '.join(str(deg[n]) for n in g.nodes)} = {total} = 2 × {len(g.edges)} edges")
    return {"degrees": deg, "sum": total}


def euler_walk(g: Graph, start: str) -> list[int]:
    """Hierholzer's algorithm: the edge indices of an Euler path/circuit from start (alphabetical choices)."""
    used, stack, walk = set(), [(start, None)], []
    while stack:
        u, via = stack[-1]
        nxt = next(((v, i) for v, _, i in g.nbrs(u) if i not in used), None)
        if nxt is None:
            stack.pop()
            if via is not None:
                walk.append(via)
        else:
            used.add(nxt[1])
            stack.append(nxt)
    return walk[::-1]


def euler_path(g: Graph, st: Story) -> dict:
    """Count the odd degrees: 0 gives an Euler circuit, 2 an Euler path between them, more: none."""
    deg = {n: sum(1 for a, b, _ in g.edges for x in (a, b) if x == n) for n in g.nodes}
    odd = [n for n in g.nodes if deg[n] % 2]
    st.step([("badge", n, str(d), "RED" if d % 2 else "GREEN") for n, d in deg.items()] +
            [("node", n, "odd") for n in odd], "degrees: " + ", ".join(f"{n} {d}" for n, d in deg.items()))
    if len(odd) not in (0, 2):
        st.close([("line", 0, f"odd vertices: {' '.join(odd)}")],
                 f"{len(odd)} vertices of odd degree: no walk uses every edge exactly once")
        return {"odd": odd, "walk": []}
    start = odd[0] if odd else g.source
    walk = euler_walk(g, start)
    st.step([("line", 0, f"start at {start}")], ("two odd vertices: a path from " + " to ".join(odd)) if odd
            else "every degree is even: an Euler circuit")
    at = start
    for k, i in enumerate(walk, 1):
        a, b, _ = g.edges[i]
        at = b if a == at else a
        st.step([("edge", i, "path"), ("line", 0, f"edges used: {k}")], f"step {k}: walk to {at}")
    st.close([], f"every edge used once: {len(walk)} edges")
    return {"odd": odd, "walk": walk}


# ---------------------------------------------------------------------------------------------------------------
# Layout

# The layout plan's regions under a one-line title and above the caption (regions.under_title): the graph over the
# whole width with its panel lines below it, or the graph left of a table. Boxes are (x0, x1, y0, y1).
WIDE = under_title((Part("graph", "graph", 12.4, 5.2, (0.0, 0.4)), Part("lines", "caption", 13.2, 0.95, (0.0, -2.55)),
                    CAPTION))
SIDE = under_title(arranged(None, sides((Part("graph", "graph", 7.6, 5.9, (-3.0, -0.3)),  # which side: the prior's
                                         Part("table", "formula", 5.6, 5.9, (4.0, -0.3)), CAPTION))))
NODE_INSET = (0.6, 0.6, 0.45, 0.72)  # left, right, bottom, top: a node's radius, its badge above it


def node_box(region: tuple) -> tuple:
    """The box of the nodes' centres inside a planned graph region: room for the nodes and their badges."""
    left, right, bottom, top = NODE_INSET
    return (region[0] + left, region[1] - right, region[2] + bottom, region[3] - top)


GRAPH_BOX = node_box(WIDE["graph"])  # the nodes' centres when the panel lines sit below the graph
PANEL_BOX = node_box(SIDE["graph"])  # when a table fills the right side


def bfs_depths(g: Graph) -> dict:
    """Hops from the source, ignoring direction; nodes it cannot reach come one column after the last."""
    depth, queue = {g.source: 0}, [g.source]
    both = Graph(g.nodes, g.edges, False, g.source)
    while queue:
        u = queue.pop(0)
        for v, _, _ in both.nbrs(u):
            if v not in depth:
                depth[v] = depth[u] + 1
                queue.append(v)
    last = max(depth.values()) + 1
    return {n: depth.get(n, last) for n in g.nodes}


def longest_path_depths(g: Graph) -> dict:
    """Column of each node of a DAG: the longest chain of edges that ends at it."""
    depth = {n: 0 for n in g.nodes}
    for _ in g.nodes:
        for a, b, _ in g.edges:
            depth[b] = max(depth[b], depth[a] + 1)
    return depth


def columns(g: Graph, depth: dict) -> list[list[str]]:
    """Nodes by column, each column ordered by the mean row of its neighbours in the previous column."""
    cols: list[list[str]] = [[] for _ in range(max(depth.values()) + 1)]
    for n in sorted(g.nodes):
        cols[depth[n]].append(n)
    row = {n: i for i, n in enumerate(cols[0])}
    both = Graph(g.nodes, g.edges, False, g.source)
    for col in cols[1:]:
        def key(n):
            """Mean row of the neighbours placed before, then the name."""
            prev = [row[v] for v, _, _ in both.nbrs(n) if v in row]
            return (sum(prev) / len(prev) if prev else 99, n)
        col.sort(key=key)
        row.update({n: i for i, n in enumerate(col)})
    return [c for c in cols if c]


def place_columns(cols: list[list[str]], box: tuple) -> dict:
    """Frame positions: columns spread over the box's width, each column centred vertically."""
    x0, x1, y0, y1 = box
    dx = (x1 - x0) / len(cols)
    tallest = max(len(c) for c in cols)
    dy = min(2.3, (y1 - y0) / max(tallest - 1, 1)) if tallest > 1 else 0
    pos = {}
    for i, col in enumerate(cols):
        for j, n in enumerate(col):
            pos[n] = [round(x0 + dx * (i + 0.5), 3), round((y0 + y1) / 2 + dy * ((len(col) - 1) / 2 - j), 3)]
    return pos


def place_circle(names: list[str], box: tuple) -> dict:
    """Frame positions on a circle, the first name at the top, then clockwise."""
    x0, x1, y0, y1 = box
    r = min(x1 - x0, y1 - y0) / 2 - 0.2
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return {n: [round(cx + r * math.sin(2 * math.pi * k / len(names)), 3),
                round(cy + r * math.cos(2 * math.pi * k / len(names)), 3)] for k, n in enumerate(names)}


def seg_distance(p, a, b) -> float:
    """Distance from point p to the segment a-b."""
    ax, ay, bx, by, px, py = *a, *b, *p
    L = (bx - ax) ** 2 + (by - ay) ** 2 or 1e-9
    t = max(0.0, min(1.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / L))
    return math.hypot(px - ax - t * (bx - ax), py - ay - t * (by - ay))


def bends(edges: list, pos: dict) -> list[float]:
    """An arc angle per edge: parallel edges fan out, and an edge that would cross another node bends."""
    seen: dict = {}
    out = []
    for a, b, _ in edges:
        key = tuple(sorted((a, b)))
        k = seen[key] = seen.get(key, -1) + 1
        bend = 0.0
        if k or sum(1 for e in edges if tuple(sorted(e[:2])) == key) > 1:
            bend = 0.45 * (k // 2 + 1) * (1 if k % 2 == 0 else -1) * (1 if a == key[0] else -1)
        elif any(seg_distance(pos[n], pos[a], pos[b]) < 0.55 for n in pos if n not in (a, b)):
            bend = 0.7
        out.append(round(bend, 3))
    return out


def badge_dirs(pos: dict) -> dict:
    """The direction of a node's badge: away from the centre of the drawing (up when at the centre)."""
    cx = sum(p[0] for p in pos.values()) / len(pos)
    cy = sum(p[1] for p in pos.values()) / len(pos)
    out = {}
    for n, (x, y) in pos.items():
        d = math.hypot(x - cx, y - cy)
        out[n] = [round((x - cx) / d, 3), round((y - cy) / d, 3)] if d > 0.3 else [0, 1]
    return out


GRAPH_HELPERS = '''

NODE_STYLE = {"plain": (GREY_B, BLACK), "frontier": (YELLOW, BLACK), "current": (BLUE, BLUE_E),
              "done": (GREEN, GREEN_E), "odd": (RED, RED_E)}
EDGE_STYLE = {"plain": (GREY_B, 3, 1), "try": (YELLOW, 6, 1), "tree": (GREEN, 7, 1), "reject": (RED, 4, 0.8),
              "dim": (GREY_B, 2, 0.25), "path": (ORANGE, 7, 1), "gone": (GREY_B, 3, 0)}
PALETTE = {"WHITE": WHITE, "YELLOW": YELLOW, "GREEN": GREEN, "RED": RED, "TEAL": TEAL, "GREY": GREY_B}


def make_node(name, x, y):
    """A node: a filled circle (or a rounded box for a long or wide name, as Chinese words are) with its name."""
    label = Text(name, font_size=28 if len(name) < 3 else 24).set_z_index(2)  # above its shape when that is restyled
    if len(name) < 3 and label.width < 0.55:
        shape = Circle(0.36)
    else:
        shape = RoundedRectangle(corner_radius=0.15, width=label.width + 0.4, height=0.62)
    shape.set_stroke(GREY_B, 3).set_fill(BLACK, 1)
    return VGroup(shape, label).move_to([x, y, 0])


def rim(node, direction):
    """The point of a node's outline in a direction (a unit vector) from its centre."""
    c, shape = node.get_center(), node[0]
    if isinstance(shape, Circle):
        return c + direction * shape.width / 2
    hw, hh = shape.width / 2, shape.height / 2
    t = min(hw / max(abs(direction[0]), 1e-6), hh / max(abs(direction[1]), 1e-6))
    return c + direction * t


def make_edge(a, b, bend, directed):
    """An edge between two nodes: a line or an arc, with a tip when directed; (path, tip or None)."""
    d = b.get_center() - a.get_center()
    d = d / np.linalg.norm(d)
    start, end = rim(a, rotate_vector(d, -bend / 2)), rim(b, -rotate_vector(d, bend / 2))
    path = ArcBetweenPoints(start, end, angle=bend) if bend else Line(start, end)
    path.set_stroke(GREY_B, 3)
    tip = None
    if directed:
        path.add_tip(tip_length=0.22, tip_width=0.2)
        tip = path.pop_tips()
        tip.set_fill(GREY_B, 1).set_stroke(GREY_B, 1)
    return path, tip


def make_table(rows, widths, top_left, row_h, size):
    """A table of Text cells (the first row is the header, grey); cells[r][c]."""
    cells = []
    for r, row in enumerate(rows):
        line, x = [], top_left[0]
        for c, s in enumerate(row):
            t = Text(s or "0", font_size=size, color=GREY_B if r == 0 else WHITE)
            t.set_opacity(1 if s else 0)  # an empty cell: an invisible 0 holds its place
            line.append(t.move_to([x + widths[c] / 2, top_left[1] - (r + 0.5) * row_h, 0]))
            x += widths[c]
        cells.append(line)
    rule = Line([top_left[0], top_left[1] - row_h, 0], [top_left[0] + sum(widths), top_left[1] - row_h, 0],
                color=GREY_B, stroke_width=2)
    return cells, rule
'''

GRAPH_LOGIC = '''
title = opening(self)
nodes = {n: make_node(n, *p) for n, p in zip(NODES, POS)}
edges, tips, weights = [], [], VGroup()
for (a, b, w), bend in zip(EDGES, BENDS):
    path, tip = make_edge(nodes[a], nodes[b], bend, DIRECTED)
    edges.append(path)
    tips.append(tip)
    if w:
        label = Text(w, font_size=24).move_to(path.point_from_proportion(0.5))
        weights.add(label.add_background_rectangle(color=BLACK, opacity=1, buff=0.06))
cells, rule = make_table(TABLE, COL_W, TABLE_AT, ROW_H, TABLE_SIZE) if TABLE else ([], VGroup())
lines = [Text(s, font_size=24).move_to(p, aligned_edge=LEFT) for s, p in zip(LINES, LINES_AT)]
extra = VGroup(*[Text(s, font_size=24, color=GREY_B).move_to([x, y, 0], aligned_edge={"left": LEFT, "right": RIGHT}[al])
                 for s, x, y, al in EXTRA])
shown = [i for i in range(len(edges)) if i not in HIDDEN_EDGES]
cap = caption(INTRO)
self.play(*[FadeIn(nodes[n]) for n in NODES if n not in HIDDEN_NODES], FadeIn(extra), FadeIn(cap), run_time=rt(0.8))
self.play(*[Create(edges[i]) for i in shown], *[FadeIn(tips[i]) for i in shown if tips[i]], FadeIn(weights),
          *[FadeIn(t) for row in cells for t in row], FadeIn(rule), *[FadeIn(t) for t in lines], run_time=rt(1.2))
self.wait(rt(0.6))
badges = {}


def restyle_node(n, style):
    stroke, fill = NODE_STYLE[style]
    return [nodes[n][0].animate.set_stroke(stroke).set_fill(fill, 1)]


def restyle_edge(i, style):
    color, width, opacity = EDGE_STYLE[style]
    out = [edges[i].animate.set_stroke(color, width=width, opacity=opacity)]
    if tips[i]:
        out.append(tips[i].animate.set_fill(color, opacity=opacity).set_stroke(color, opacity=opacity))
    return out


def write(old, text, color, size, left=False):
    """Replace a Text by a new one at the same place (centred, or left-aligned)."""
    new = Text(text, font_size=size, color=PALETTE[color])
    return Transform(old, new.move_to(old, aligned_edge=LEFT if left else ORIGIN))


def badge(n, text, color):
    """Animations that put (or change, or with an empty text remove) the small number next to node n."""
    old = badges.pop(n, None)
    if not text:
        return [FadeOut(old)] if old else []
    d = np.array([*BADGE_DIR[n], 0])
    new = Text(text, font_size=24, color=PALETTE[color]).move_to(rim(nodes[n], d) + d * 0.25)
    badges[n] = new
    return [ReplacementTransform(old, new)] if old else [FadeIn(new, scale=1.3)]


for ops, said in zip(EVENTS, CAPTIONS):
    anims = []
    for op in ops:
        kind = op[0]
        if kind == "node":
            anims += restyle_node(op[1], op[2])
        elif kind == "edge":
            anims += restyle_edge(op[1], op[2])
        elif kind == "show_node":
            stroke, fill = NODE_STYLE[op[2]]
            nodes[op[1]][0].set_stroke(stroke).set_fill(fill, 1)
            anims.append(FadeIn(nodes[op[1]], scale=0.6))
        elif kind == "show_edge":
            anims.append(Create(edges[op[1]]))
        elif kind == "cell":
            anims.append(write(cells[op[1]][op[2]], op[3], op[4], TABLE_SIZE))
        elif kind == "line":
            anims.append(write(lines[op[1]], op[2], "WHITE", 24, left=True))
        elif kind == "badge":
            anims += badge(op[1], op[2], op[3])
    more, cap = recaption(cap, said)
    self.play(*anims, *more, run_time=rt(STEP))
closing(self, cap, OUTRO)
'''


# ---------------------------------------------------------------------------------------------------------------
# Plans

EDGE_RE = re.compile(r"\b([A-Z0-9]{1,2})\s*(?:->|→|–|-)\s*([A-Z0-9]{1,2})\b(?:\s*[:=(]?\s*(-?\d+(?:\.\d+)?)\)?)?")


def request_graph(ask: Ask, g: Graph, notes: list[str]) -> Graph:
    """The entry's graph, or the edges typed in the request ("A-B 4, B-C 1", two or more), and the start node
    the request names ("from B")."""
    found = EDGE_RE.findall(ask.params.concept)
    if len(found) >= 2:
        edges = [(a, b, intlike(w) if w else None) for a, b, w in found][:14]
        names = sorted({n for a, b, _ in edges for n in (a, b)})[:MAX_NODES]
        edges = [e for e in edges if e[0] in names and e[1] in names]
        if g.weighted() and any(w is None for *_, w in edges):
            edges = [(a, b, 1 if w is None else w) for a, b, w in edges]
        g = Graph(names, edges, g.directed, names[0] if g.source not in names else g.source)
        notes.append(f"Graph read from the request: {len(names)} nodes, {len(edges)} edges.")
    start = re.search(r"\b(?:from|start(?:ing)? at|source)\s+([A-Za-z0-9]\w*)", ask.params.concept, re.I)
    if start and start.group(1) in g.nodes:
        g = Graph(g.nodes, g.edges, g.directed, start.group(1))
        notes.append(f"Start node from the request: {g.source}.")
    return g


def entry_graph(ask: Ask) -> Graph:
    """The entry's own graph from its settings."""
    s = ask.settings
    edges = [(str(e[0]), str(e[1]), e[2] if len(e) > 2 else None) for e in s["edges"]]
    return Graph([str(n) for n in s["nodes"]], edges, bool(s["directed"]), str(s["source"]))


@dataclass
class Scene:
    """The drawing of one run: positions, bends, hidden parts, table, panel lines, extra labels."""

    pos: dict
    table: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    extra: list = field(default_factory=list)
    hidden_nodes: list = field(default_factory=list)
    hidden_edges: list = field(default_factory=list)
    round: bool = False  # a circular layout: badges point outwards (else up)
    intro: str = ""  # the first caption, when "n nodes, m edges" does not say it


def table_geometry(table: list, lines: int) -> dict:
    """Column widths, row height, font size and the anchors of a table at the right with lines under it."""
    widths = [round(max(0.75, 0.2 * max(len(r[c]) for r in table) + 0.45), 3) for c in range(len(table[0]))]
    x0, x1, y0, y1 = SIDE["table"]
    row_h = round(min(0.5, (y1 - y0 - 0.6 - 0.5 * lines) / len(table)), 3)
    left = round(x0 + max(0.0, (x1 - x0 - sum(widths)) / 2), 3)
    y_lines = y1 - row_h * len(table) - 0.45
    return {"COL_W": widths, "ROW_H": row_h, "TABLE_SIZE": int(min(26, row_h * 52)), "TABLE_AT": [left, y1],
            "LINES_AT": [[x0, round(y_lines - 0.5 * k, 3), 0] for k in range(lines)]}


def scene_consts(g: Graph, sc: Scene, weights: bool) -> dict:
    """The drawing constants shared by every graph scene."""
    edges = [[a, b, "" if w is None or not weights else num(w)] for a, b, w in g.edges]
    consts = {"NODES": g.nodes, "POS": [sc.pos[n] for n in g.nodes], "EDGES": edges,
              "BENDS": bends(g.edges, sc.pos), "DIRECTED": g.directed, "HIDDEN_NODES": sc.hidden_nodes,
              "HIDDEN_EDGES": sc.hidden_edges, "TABLE": sc.table, "LINES": sc.lines, "EXTRA": sc.extra,
              "BADGE_DIR": badge_dirs(sc.pos) if sc.round else {n: [0, 1] for n in g.nodes}}
    if sc.table:
        consts |= table_geometry(sc.table, len(sc.lines))
    else:
        consts |= {"COL_W": [], "ROW_H": 0.5, "TABLE_SIZE": 24, "TABLE_AT": [0, 0],
                   "LINES_AT": [[WIDE["lines"][0] + 0.4, round(WIDE["lines"][3] - 0.25 - 0.5 * k, 3), 0]
                                for k in range(len(sc.lines))]}
    return consts


def layered(g: Graph, box: tuple = GRAPH_BOX) -> dict:
    """Columns by hops from the source, placed in the box."""
    return place_columns(columns(g, bfs_depths(g)), box)


def distance_rows(g: Graph) -> tuple[list, dict]:
    """The distance table (node, d, via) and each node's row."""
    table = [["node", "d", "via"]] + [[n, "0" if n == g.source else INF, "–"] for n in g.nodes]
    return table, {n: k for k, n in enumerate(g.nodes, 1)}


def run_traversal(g: Graph, alg: str, st: Story) -> tuple[dict, Scene, str]:
    """BFS or DFS with a queue/stack and order panel."""
    out = (bfs if alg == "bfs" else dfs)(g, st)
    kind = "queue" if alg == "bfs" else "stack"
    return out, Scene(layered(g), lines=[f"{kind}:", "order:"]), "visit order " + " ".join(out["order"])


def run_shortest(g: Graph, alg: str, st: Story) -> tuple[dict, Scene, str]:
    """Dijkstra or Bellman-Ford with the distance table."""
    table, rows = distance_rows(g)
    out = (dijkstra if alg == "dijkstra" else bellman_ford)(g, st, rows)
    lines = ["round 0"] if alg == "bellman_ford" else []
    said = ", ".join(f"{n} {num(d)}" for n, d in out["distances"])
    return out, Scene(layered(g, PANEL_BOX), table, lines), f"distances from {g.source}: {said}"


def run_floyd(g: Graph, alg: str, st: Story) -> tuple[dict, Scene, str]:
    """Floyd-Warshall with the distance matrix as the table."""
    rows = {n: k for k, n in enumerate(g.nodes, 1)}
    start = Graph(g.nodes, g.edges, g.directed, g.source)
    d0 = {(a, b): 0 if a == b else math.inf for a in g.nodes for b in g.nodes}
    for u, v, w, _ in arcs(start):
        d0[u, v] = min(d0[u, v], w)
    table = [["", *g.nodes]] + [[a, *[w_text(d0[a, b]) for b in g.nodes]] for a in g.nodes]
    out = floyd_warshall(g, st, rows)
    return out, Scene(layered(g, PANEL_BOX), table, ["through –"]), "all-pairs distances in the table"


def run_tree(g: Graph, alg: str, st: Story) -> tuple[dict, Scene, str]:
    """Prim (weight panel) or Kruskal (sorted edge table)."""
    if alg == "prim":
        out = prim(g, st)
        return out, Scene(layered(g), lines=["weight: 0"]), f"spanning tree weight {num(out['total'])}"
    order = sorted(range(len(g.edges)), key=lambda i: ((g.edges[i][2] or 1), g.edges[i][0], g.edges[i][1]))
    table = [["edge", "w", ""]] + [[f"{g.edges[i][0]}–{g.edges[i][1]}", w_text(g.edges[i][2] or 1), ""] for i in order]
    out = kruskal(g, st, order)
    return out, Scene(layered(g, PANEL_BOX), table, ["weight: 0"]), f"spanning tree weight {num(out['total'])}"


def run_topological(g: Graph, alg: str, st: Story) -> tuple[dict, Scene, str]:
    """Kahn's algorithm on columns by longest path."""
    out = topological(g, st)
    pos = place_columns(columns(g, longest_path_depths(g)), GRAPH_BOX)
    return out, Scene(pos, lines=["ready:", "order:"]), "order " + " ".join(out["order"])


def run_degrees(g: Graph, alg: str, st: Story) -> tuple[dict, Scene, str]:
    """Degree count or Euler path on a circle."""
    out = (degree_count if alg == "degree_count" else euler_path)(g, st)
    pos = place_circle(g.nodes, (-4.0, 4.0, -1.6, 2.4))
    odd = len(out.get("odd", []))
    said = f"sum of degrees {out['sum']} = 2 × {len(g.edges)} edges" if alg == "degree_count" else \
        "no Euler path: more than two odd vertices" if odd > 2 else \
        f"Euler {'circuit' if odd == 0 else 'path'} of {len(out['walk'])} edges"
    return out, Scene(pos, lines=["sum of degrees: 0" if alg == "degree_count" else "odd vertices: –"], round=True), said


def run_matching(ask: Ask) -> tuple[Graph, dict, Scene, Story, str]:
    """Gale–Shapley on the entry's preference tables: proposers left, receivers right, lists beside them."""
    pa = {str(k): [str(x) for x in v] for k, v in ask.settings["proposers"].items()}
    pb = {str(k): [str(x) for x in v] for k, v in ask.settings["receivers"].items()}
    left, right = sorted(pa), sorted(pb)
    edges = [(a, b, None) for a in left for b in right]
    g = Graph(left + right, edges, False, left[0])
    pair = {(a, b): i for i, (a, b, _) in enumerate(edges)}
    st = Story()
    out = gale_shapley(pa, pb, st, pair)
    gap = min(1.4, 4.6 / max(len(left) - 1, 1))
    ys = [round(0.4 + gap * ((len(left) - 1) / 2 - k), 3) for k in range(len(left))]
    pos = {**{a: [-1.8, y] for a, y in zip(left, ys, strict=True)},
           **{b: [1.8, y] for b, y in zip(right, ys, strict=True)}}
    extra = [[" > ".join(pa[a]), -2.5, y, "right"] for a, y in zip(left, ys, strict=True)]
    extra += [[" > ".join(pb[b]), 2.5, y, "left"] for b, y in zip(right, ys, strict=True)]
    extra += [["proposers prefer", -2.5, ys[0] + 0.8, "right"], ["receivers prefer", 2.5, ys[0] + 0.8, "left"]]
    sc = Scene(pos, extra=extra, hidden_edges=list(range(len(edges))),
               intro="free proposers propose in order of preference; receivers keep the best offer")
    said = ", ".join(f"{a}–{b}" for a, b in sorted(out["matching"].items()))
    return g, out, sc, st, f"stable matching {said}"


def bst_keys(ask: Ask, notes: list[str]) -> list[int]:
    """The keys to insert: the request's whole numbers (distinct, at most 12), else the entry's."""
    asked = [int(v) for v in ask.numbers if float(v).is_integer()]
    keys = list(dict.fromkeys(asked))[:MAX_NODES + 3] if len(asked) >= 2 else \
        [int(k) for k in ask.settings.get("keys", ask.settings["nodes"])]
    notes.append(f"Keys {'read from the request' if len(asked) >= 2 else 'of the entry'}: {keys}"
                 + (" (repeated keys inserted once, at most 12)." if len(asked) >= 2 and keys != asked else "."))
    return keys


def bst_positions(keys: list) -> tuple[dict, dict, list]:
    """Final tree of the insertions: x by rank, y by depth; the parent edges."""
    parent, depth = {}, {keys[0]: 0}
    for k in keys[1:]:
        p = keys[0]
        while True:
            nxt = [c for c in parent if parent[c] == p and (c < p) == (k < p)]
            if not nxt:
                break
            p = nxt[0]
        parent[k], depth[k] = p, depth[p] + 1
    rank = {k: i for i, k in enumerate(sorted(keys))}
    dx = min(1.5, 11.0 / len(keys))
    dy = min(1.3, 4.3 / max(max(depth.values()), 1))
    pos = {str(k): [round(dx * (rank[k] - (len(keys) - 1) / 2), 3), round(2.5 - dy * depth[k], 3)] for k in keys}
    return pos, parent, [(str(parent[k]), str(k), None) for k in keys[1:]]


def run_bst(ask: Ask, notes: list[str]) -> tuple[Graph, dict, Scene, Story, str]:
    """BST insertion of the request's keys (or the entry's)."""
    keys = bst_keys(ask, notes)
    pos, parent, edges = bst_positions(keys)
    g = Graph([str(k) for k in keys], edges, False, str(keys[0]))
    edge_of = {(parent[k], k): i for i, k in enumerate(keys[1:])}
    st = Story()
    out = bst_insert(keys, st, edge_of)
    sc = Scene(pos, lines=["insert: " + " ".join(map(str, keys))], hidden_nodes=g.nodes,
               hidden_edges=list(range(len(edges))), intro="smaller keys go left, larger keys go right")
    return g, out, sc, st, f"height {out['height']}"


WEIGHTED = ("dijkstra", "bellman_ford", "floyd_warshall", "prim", "kruskal")
STARTS = ("bfs", "dfs", "dijkstra", "bellman_ford", "prim")
RUNS = {"bfs": run_traversal, "dfs": run_traversal, "dijkstra": run_shortest, "bellman_ford": run_shortest,
        "floyd_warshall": run_floyd, "prim": run_tree, "kruskal": run_tree, "topological_sort": run_topological,
        "degree_count": run_degrees, "euler_path": run_degrees}
WHAT = {
    "bfs": "nodes are taken from the front of the queue; each new neighbour joins the back (green tree edge)",
    "dfs": "the search goes as deep as it can, then backs up (the stack is the path from the start)",
    "dijkstra": "the nearest unsettled node is settled (green), then its edges are relaxed (yellow)",
    "bellman_ford": "every edge is relaxed in order, round after round, until a round changes nothing",
    "floyd_warshall": "each node in turn may be a stop; the table cells that get shorter turn yellow",
    "prim": "the edges leaving the tree flash yellow; the cheapest joins the tree (green)",
    "kruskal": "edges by weight from the sorted list: taken (green) unless they close a cycle (red)",
    "topological_sort": "a task with no remaining prerequisite is output; the counts of its successors drop",
    "degree_count": "each edge adds one to the degree of both its ends",
    "euler_path": "the degrees are counted; the odd ones decide whether a walk can use every edge once",
    "gale_shapley": "proposals one by one: accepted (green), rejected (red), displaced partners become free",
    "bst_insert": "each key walks down from the root (left when smaller, right when larger) and becomes a leaf",
}


def graph_run(ask: Ask, alg: str, notes: list[str]) -> tuple[Graph, dict, Scene, Story, str]:
    """Run the entry's algorithm; the graph, its result, its drawing, the recorded steps and a summary."""
    if alg == "gale_shapley":
        return run_matching(ask)
    if alg == "bst_insert":
        return run_bst(ask, notes)
    g = request_graph(ask, entry_graph(ask), notes)
    st = Story()
    out, sc, said = RUNS[alg](g, alg, st)
    return g, out, sc, st, said


@composer("graph_algorithm")
def graph_algorithm(ask: Ask) -> Lesson:
    """A graph algorithm run on the entry's graph (or the request's), its steps replayed on the drawing."""
    alg = ask.settings["algorithm"]
    if alg not in RUNS and alg not in ("gale_shapley", "bst_insert"):
        raise Unsupported(alg)
    notes: list[str] = []
    g, out, sc, st, said = graph_run(ask, alg, notes)
    if len(st.events) > 2 * MAX_STEPS:  # at the shortest step time this would run past half a minute
        raise Unsupported(f"{len(st.events)} steps: too many to replay")
    consts = scene_consts(g, sc, alg in WEIGHTED and g.weighted()) | {"EVENTS": st.events, "CAPTIONS": st.captions, "STEP": step_time(len(st.events)),
                                    "INTRO": sc.intro or f"{len(g.nodes)} nodes, {len(g.edges)} edges"
                                    + (f", start at {g.source}" if alg in STARTS else ""),
                                    "OUTRO": said}
    shots = [f"the title; the graph with {len(g.nodes)} nodes and {len(g.edges)} edges"
             + (" (weights on the edges)" if alg in WEIGHTED else ""),
             f"the recorded steps replayed: {WHAT[alg]}; each step is said at the bottom", f"the result: {said}"]
    computed = [*notes, f"Ran {alg.replace('_', ' ')} here ({len(st.events)} steps): {said}."]
    steps = "\n".join(f"{i}. {c}" for i, c in enumerate([c for c in st.captions if c][:14], 1))
    extra = f"## This run\n\n{steps}\n\nResult: {said}."
    values = {"graph": g, "events": st.events, "table": sc.table, "lines": sc.lines, **out}
    if consts["TABLE"]:
        consts["TABLE"] = [ask.local(consts["TABLE"][0], ZH_HEAD), *consts["TABLE"][1:]]
    return plan_lesson(ask, Plan(GRAPH_LOGIC, consts, shots, computed, values, GRAPH_HELPERS, extra), ZH, SHOWN)
