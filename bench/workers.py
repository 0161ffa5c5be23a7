"""Celery workers vs the local pool (issue 17), on this machine, in one run:

1. per-job overhead: the same scenes (fast check + render at low, cache off) through the local pool and
   through one Celery worker behind a real Redis, alternating; median seconds and the ratio (target <= 1.10);
2. 16 concurrent requests: the local pool (2 renders at once) vs 2 workers (1 render each): throughput and
   p95 latency;
3. a worker killed (SIGKILL of its process group) mid-render: seconds from its death to the job's completion
   on the other worker (the broker's visibility timeout, set to --visibility here, dominates).

    .venv/bin/python bench/workers.py [--reps 5] [--concurrent 16] [--visibility 10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mathanim import executor, render  # noqa: E402
from mathanim.config import Settings  # noqa: E402
from mathanim.executor.cluster import LocalCluster  # noqa: E402
from mathanim.job import Job  # noqa: E402

SCENES = {
    "circle": "self.play(Create(Circle()), run_time=1.5)\n        self.wait(0.5)",
    "formula": "t = MathTex(r'\\int_0^1 x^2\\,dx = \\frac{1}{3}')\n        self.play(Write(t), run_time=1.5)",
    "plane": "p, d = NumberPlane(), Dot()\n        self.add(p, d)\n        self.play(d.animate.shift(2 * RIGHT), run_time=2)",
}


def scene(name: str, salt: int = 0) -> str:
    return f"from manim import *\n\n# {salt}\nclass B(Scene):\n    def construct(self):\n        {SCENES[name]}\n"


def one_job(code: str, settings: Settings) -> float:
    """A request's sandboxed work: the fast check, then the render with the check's stats."""
    t0 = time.perf_counter()
    checked = render.check(code, Job.make(settings))
    out = render.render(code, Job.make(settings, "low", ["mp4"]), checked.stats)
    if not (checked.ok and out.ok):
        raise RuntimeError(f"render failed: {checked.error or out.error}")
    return time.perf_counter() - t0


TASK_COST: dict[str, list[float]] = {"local": [], "celery": []}


def _timed_run(inner):
    """executor.run, recording each task's cost outside the sandbox child: the caller's wall time minus the
    child's own run time (on a busy machine this is steadier than the ratio of totals)."""

    def run(ex, task, on_progress=None, cancel=None):
        t0 = time.perf_counter()
        out = inner(ex, task, on_progress, cancel)
        if task.kind == "child":
            TASK_COST[ex.name].append(time.perf_counter() - t0 - out.seconds)
        return out

    return run


def overhead(local: Settings, remote: Settings, reps: int) -> None:
    print(f"1. per-job overhead at low (check + render, cache off), median of {reps}, alternating")
    ratios = []
    for name in SCENES:
        times: dict[str, list[float]] = {"local": [], "celery": []}
        for rep in range(reps):
            order = [("local", local), ("celery", remote)]
            for label, s in order if rep % 2 == 0 else order[::-1]:
                times[label].append(one_job(scene(name, rep), s))
        lo, ce = statistics.median(times["local"]), statistics.median(times["celery"])
        ratios.append(ce / lo)
        print(f"   {name:<8} local {lo:5.2f} s   celery {ce:5.2f} s   ratio {ce / lo:4.2f}")
    print(f"   median ratio {statistics.median(ratios):4.2f}; cost per sandboxed task outside the child: local "
          f"{statistics.median(TASK_COST['local']) * 1000:4.0f} ms, celery {statistics.median(TASK_COST['celery']) * 1000:4.0f} ms")


def concurrent(settings: Settings, n: int, label: str) -> None:
    t0 = time.perf_counter()
    with ThreadPoolExecutor(n) as pool:
        lat = sorted(pool.map(lambda i: one_job(scene(list(SCENES)[i % 3], 1000 + i), settings), range(n)))
    wall = time.perf_counter() - t0
    p95 = lat[min(len(lat) - 1, int(round(0.95 * len(lat))) - 1)]
    print(f"   {label:<22} {n / wall * 60:5.1f} jobs/min   p95 latency {p95:5.1f} s   wall {wall:5.1f} s")


def death(cluster: LocalCluster, settings: Settings) -> None:
    code = scene("plane", 99).replace("run_time=2", "run_time=4")
    seen: list = []
    box: dict = {}
    job = Job.make(settings, "low", ["mp4"])
    thread = threading.Thread(target=lambda: box.update(out=render.render(code, job, on_progress=lambda *a: seen.append(a))))
    thread.start()
    while not any(len(a) == 4 and a[2] > 0 for a in seen):
        time.sleep(0.02)
    victim = next(a[3] for a in seen if len(a) == 4 and a[2] > 0)
    t_kill = time.perf_counter()
    cluster.kill_worker(victim.split("@")[0])
    thread.join()
    out = box["out"]
    print(f"3. worker {victim} SIGKILLed mid-render: the job finished on {out.worker} "
          f"{time.perf_counter() - t_kill:.1f} s later (ok={out.ok}; visibility timeout {cluster.visibility_s} s)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--concurrent", type=int, default=16)
    ap.add_argument("--visibility", type=int, default=10)
    a = ap.parse_args()
    executor.run = _timed_run(executor.run)  # render.py calls executor.run: measure each task there
    tmp = Path(tempfile.mkdtemp(prefix="bench-workers-"))
    media = tmp / "media"
    media.mkdir()
    with LocalCluster(media, visibility_s=a.visibility) as cluster:
        cluster.start_redis()
        for name in ("w1", "w2"):
            cluster.start_worker(name)
        cluster.wait_ready()
        base = {"MATHANIM_MEDIA_DIR": str(media), "MATHANIM_CACHE": "0", "MATHANIM_RENDER_CONCURRENCY": "2"}
        local = Settings.load(env=base, dotenv=False)
        remote = Settings.load(env={**base, "MATHANIM_RENDER_BROKER": cluster.broker,
                                    "MATHANIM_BROKER_VISIBILITY": str(a.visibility)}, dotenv=False)
        overhead(local, remote, a.reps)
        print(f"2. {a.concurrent} concurrent requests (check + render at low)")
        concurrent(local, a.concurrent, "local pool (2 at once)")
        concurrent(remote, a.concurrent, "2 Celery workers")
        death(cluster, remote)


if __name__ == "__main__":
    main()
