"""Renders on Celery workers through a real Redis broker (issue 17): a real `redis-server` on a free port
without persistence and two real worker processes (`python -m mathanim.executor.worker`, what `make worker`
runs). Proves: the CLI's and the pipeline's jobs run on the workers (worker name in the result), progress
arrives with the worker's name, Stop ends the render and every process of it on the worker, a worker killed
mid-render (SIGKILL of its whole process group) still yields the video from the other worker, a scene that
keeps killing its worker fails cleanly after 2 attempts, a broker that is down gives a clear error within
seconds (or, with MATHANIM_RENDER_FALLBACK=local, a local render that says so), and endless scenes end with
the same typed errors on a worker as locally.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
import redis
from conftest import require

from mathanim import presets, render
from mathanim.config import ROOT, Settings
from mathanim.executor.celery_app import make_app
from mathanim.executor.cluster import LocalCluster, free_port
from mathanim.job import Job
from mathanim.sandbox import wall

require("redis-server")

SHORT = ("from manim import *\n\nclass Short(Scene):\n    def construct(self):\n"
         "        self.play(Create(Circle()), run_time=1)\n        self.wait(0.5)\n")
# about 2-5 s of rendering at low on this machine: long enough to kill its worker mid-render
MEDIUM = ("from manim import *\n\nclass Medium(Scene):\n    def construct(self):\n"
          "        plane, dot = NumberPlane(), Dot(color=YELLOW)\n        self.add(plane, dot)\n"
          "        for _ in range(8):\n            self.play(dot.animate.shift(0.4 * RIGHT), run_time=0.5)\n")
LONG = ("from manim import *\n\nclass Long(Scene):\n    def construct(self):\n"
        "        plane, dot = NumberPlane(), Dot(color=YELLOW)\n        self.add(plane, dot)\n"
        "        for _ in range(400):\n            self.play(dot.animate.shift(0.01 * RIGHT), run_time=0.5)\n")
FOREVER = "from manim import *\n\nclass Forever(Scene):\n    def construct(self):\n        while True:\n            pass\n"
WAIT = "from manim import *\n\nclass W(Scene):\n    def construct(self):\n        self.add(Circle())\n        self.wait(100000)\n"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    media = tmp_path_factory.mktemp("workers") / "media"
    media.mkdir()
    # visibility 12 s: a whole-worker kill's job comes back 12-13 s later; every render here is shorter
    with LocalCluster(media, visibility_s=12) as c:
        c.start_redis()
        c.start_worker("w1")
        c.start_worker("w2")
        c.wait_ready()
        yield c


@pytest.fixture
def cset(cluster) -> Settings:
    """Settings of an app using the cluster (its own cache off, so every test renders for real)."""
    return Settings.load(env={"MATHANIM_MEDIA_DIR": str(cluster.media), "MATHANIM_RENDER_BROKER": cluster.broker,
                              "MATHANIM_BROKER_VISIBILITY": "12", "MATHANIM_CACHE": "0"}, dotenv=False)


def sandbox_processes(media: Path) -> list[psutil.Process]:
    """Processes of sandboxed runs of this media folder (bubblewrap and the child behind it)."""
    found = []
    for p in psutil.process_iter(["cmdline"]):
        cmd = " ".join(p.info["cmdline"] or [])
        if "child.py" in cmd and str(media) in cmd:
            found.append(p)
    return found


def worker_pools(media: Path) -> set[psutil.Process]:
    """The worker pool processes running a sandboxed run of this media folder. Only a worker's: a sandbox whose pool
    was just killed is adopted by init (or a subreaper) until it dies with its parent, and init ignores SIGKILL."""
    pools = set()
    for p in sandbox_processes(media):
        try:
            parent = p.parent()
            if parent and "mathanim.executor.worker" in " ".join(parent.cmdline()):
                pools.add(parent)
        except psutil.Error:  # it ended while we looked
            continue
    return pools


def render_in_thread(code: str, job: Job, seen: list) -> dict:
    """render.render in a thread; progress tuples go to `seen`; the outcome lands in the returned dict."""
    box: dict = {}
    thread = threading.Thread(target=lambda: box.update(out=render.render(code, job, on_progress=lambda *a: seen.append(a))))
    thread.start()
    box["thread"] = thread
    return box


def wait_for(pred, timeout: float, what: str):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = pred()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_cli_renders_on_a_worker(cluster, tmp_path):
    scene = tmp_path / "short.py"
    scene.write_text(SHORT)
    env = {**cluster.env(), "MATHANIM_CACHE": "0"}
    proc = subprocess.run([sys.executable, "text_to_manim.py", "--scene-file", str(scene), "--json", "--out",
                           str(tmp_path / "out")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    assert res["status"] == "ok" and res["worker"].split("@")[0] in ("w1", "w2"), res
    assert Path(res["video"]).is_file() and Path(res["video"]).stat().st_size > 1000


def test_progress_streams_with_the_worker_name(cset):
    seen: list = []
    out = render.render(MEDIUM, Job.make(cset, "low", ["mp4", "gif"]), on_progress=lambda *a: seen.append(a))
    assert out.ok, out.error
    assert out.worker.split("@")[0] in ("w1", "w2") and set(out.videos) == {"mp4", "gif"}
    named = [a for a in seen if len(a) == 4 and a[3] == out.worker]
    assert len(named) >= 3, seen  # (animation, of, fraction, worker)
    fractions = [a[2] for a in named]
    assert fractions == sorted(fractions) and fractions[-1] == pytest.approx(1.0)
    assert any(a[1] == 8 and 0 < a[2] < 1 for a in named), named  # animation i of 8 from the fast-check-free estimate


def test_stop_ends_the_render_and_its_processes_on_the_worker(cset, cluster):
    cancel, seen = threading.Event(), []
    box = render_in_thread(LONG, Job.make(cset, "low", cancel=cancel), seen)
    wait_for(lambda: any(len(a) == 4 and a[2] > 0 for a in seen), 60, "the render's first frames on a worker")
    procs = sandbox_processes(cluster.media)
    assert procs, "the render runs on the worker"
    if wall.bwrap_works():  # the worker keeps the outer wall: its sandbox child runs behind bubblewrap
        assert any(Path(p.cmdline()[0]).name == "bwrap" for p in procs), [p.cmdline()[:3] for p in procs]
    t0 = time.monotonic()
    cancel.set()
    box["thread"].join(10)
    assert time.monotonic() - t0 < 5 and box["out"].error.kind == "cancelled"
    wait_for(lambda: not sandbox_processes(cluster.media), 10, "the render's processes to end")
    again = render.check(SHORT, Job.make(cset))  # both workers still serve
    assert again.ok and again.worker


def test_a_scene_that_kills_its_worker_fails_after_two_attempts(cset, cluster):
    seen: list = []
    box = render_in_thread(LONG, Job.make(cset, "low"), seen)
    killed = 0
    while box["thread"].is_alive() and killed < 3:
        pools = worker_pools(cluster.media)
        for pool in pools:  # the worker's pool process running this job: as if the scene crashed it
            pool.send_signal(signal.SIGKILL)
            killed += 1
            wait_for(lambda pool=pool: not pool.is_running() or pool.status() == psutil.STATUS_ZOMBIE, 60, "pool death")
        time.sleep(0.1)
    box["thread"].join(60)
    out = box["out"]
    assert killed == 2, killed
    assert not out.ok and out.error.kind == "resources" and "2 times" in out.error.message, out.error
    wait_for(lambda: not sandbox_processes(cluster.media), 10, "no render left behind")


def test_endless_scenes_end_with_typed_errors_on_a_worker(cset):
    t0 = time.monotonic()
    long_wait = render.check(WAIT, Job.make(cset))
    assert long_wait.error.kind == "resources" and "100000 s of video" in long_wait.error.message
    assert long_wait.worker and time.monotonic() - t0 < 20
    t0 = time.monotonic()
    forever = render.check(FOREVER, Job.make(cset.with_(stall_timeout_s=5)))
    assert forever.error.kind == "timeout" and "no progress" in forever.error.message, forever.error
    assert forever.worker and time.monotonic() - t0 < 25


def test_endless_scenes_end_with_the_same_typed_errors_locally(settings):
    t0 = time.monotonic()
    long_wait = render.check(WAIT, Job.make(settings))  # the fast check skips the wait: refused at once
    assert long_wait.error.kind == "resources" and long_wait.worker is None and time.monotonic() - t0 < 20
    unchecked = render.render(WAIT, Job.make(settings, "low"))  # no fast check: refused at the long wait
    assert unchecked.error.kind == "resources" and "100000 s of video" in unchecked.error.message
    assert time.monotonic() - t0 < 40
    t0 = time.monotonic()
    forever = render.check(FOREVER, Job.make(settings.with_(stall_timeout_s=5)))
    assert forever.error.kind == "timeout" and "no progress" in forever.error.message
    assert time.monotonic() - t0 < 25


BUSY = ("from manim import *\n\nclass Busy(Scene):\n    def construct(self):\n"
        "        for _ in range(1000):  # about 10 ms each: several times the 3-s no-progress limit\n"
        "            g = VGroup(*[Dot() for _ in range(50)])\n        self.add(g)\n")


def test_a_scene_that_keeps_building_is_not_taken_for_a_stuck_one(settings):
    """About 10 s making mobjects (a fine surface, a long sweep built before its plays) under a 3-s no-progress
    limit: the making is progress, while a bare endless loop is stopped (the test above)."""
    t0 = time.monotonic()
    out = render.check(BUSY, Job.make(settings.with_(stall_timeout_s=3)))
    assert out.ok, out.error
    assert time.monotonic() - t0 > 6  # it did outlast the limit, so the beats, not luck, kept it alive


def test_the_render_time_limit_follows_the_scene_s_size(settings):
    """As the render's own CPU time (a busy machine does not stop a long scene early); the wall clock waits up to
    twice the ceiling, and a job of a silent worker goes to another only after that."""
    job = Job.make(settings, "low")
    budget = lambda d, three_d=False: (render.render_limits(job, {"duration": d, "three_d": three_d}).cpu_s - 5) / render.CPU_SHARE  # noqa: E731
    short, long_3d = render.render_limits(job, {"duration": 5}), render.render_limits(job, {"duration": 60, "three_d": True})
    assert short.cpu_s < long_3d.cpu_s and short.stall_s == settings.stall_timeout_s
    assert short.wall_s == long_3d.wall_s == settings.render_wall_s == 2 * settings.render_ceiling_s
    assert settings.broker_visibility > settings.render_wall_s
    assert abs((budget(10, True) - 60) - presets.THREE_D * (budget(10) - 60)) < 1 and presets.THREE_D > 1
    assert budget(100_000) <= settings.render_ceiling_s
    flat = render.render_limits(job.with_(settings=settings.with_(render_timeout_s=77)), {"duration": 5})
    assert flat.wall_s == 77 and flat.cpu_s == 0  # a flat limit is the wall clock's (the CPU's is twice it)


CROWDED_3D = """from manim import *
class Crowd(ThreeDScene):
    def construct(self):
        balls = VGroup(*[Sphere(radius=0.1, resolution=(10, 10)).shift(0.3 * i * RIGHT) for i in range(30)])
        self.play(FadeIn(balls), run_time=1)
        self.wait(2)
        self.play(FadeOut(balls), run_time=1)
"""


def test_a_crowded_scene_gets_a_budget_for_what_it_draws(settings):
    """The fast check counts the parts on screen (30 spheres of 100 faces each, gone by the last frame): the full
    render's budget counts them on every frame, beyond what the video's length alone allows."""
    job = Job.make(settings, "low", scene="Crowd")
    out = render.check(CROWDED_3D, job)
    assert out.ok, out.error
    assert 3000 <= out.stats["parts"] < 3100 and out.stats["three_d"] and out.stats["duration"] == 4
    by_length = render.render_limits(job, {**out.stats, "parts": 0})
    assert render.render_limits(job, out.stats).cpu_s > by_length.cpu_s
    expected = 60 + 4 * 30 * out.stats["parts"] * presets.PART_S[True] * presets.PART_MARGIN
    assert abs(presets.PRESETS["low"].size_limit(out.stats, 3600) - expected) < 1


def test_a_render_past_its_computing_time_is_stopped_and_says_so(settings):
    """A scene that computes without end under a 4-s CPU limit (the no-progress watchdog off): stopped by the CPU
    limit long before its wall clock, with a message that says which limit."""
    from mathanim.sandbox.runner import ChildLimits

    code = ("from manim import *\nclass T(Scene):\n    def construct(self):\n        n = 0\n"
            "        while True:\n            n += 1\n")
    t0 = time.monotonic()
    _, out = render.sandbox_run(code, Job.make(settings, scene="T"), "check", ChildLimits(wall_s=120, cpu_s=4))
    assert not out.ok and out.error.kind == "timeout" and "4 s of computing time" in out.error.message, out.error
    assert time.monotonic() - t0 < 60
    assert render.is_3d("from manim import *\nclass A(ThreeDScene): pass\nclass B(A): pass\n", "B")


def test_a_task_from_the_broker_cannot_lower_the_walls():
    from mathanim.executor import celery_app, work

    wire = {"kind": "child", "work": "work/x", "limits": {"wall_s": 10**9},
            "spec": {"mode": "check", "audit_hook": False, "check_tex": False, "write_roots": ["/"]}}
    task = celery_app._task_of(wire)
    assert "audit_hook" not in task.spec and "check_tex" not in task.spec
    assert task.limits["wall_s"] == celery_app._settings().render_ceiling_s
    assert "write_roots" in work.RUNNER_FIELDS and "read_roots" in work.RUNNER_FIELDS  # set by the runner alone


def test_broker_down_is_a_clear_error_within_seconds(tmp_path):
    url = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    down = Settings.load(env={"MATHANIM_MEDIA_DIR": str(tmp_path / "media"), "MATHANIM_RENDER_BROKER": url},
                         dotenv=False)
    t0 = time.monotonic()
    out = render.check(SHORT, Job.make(down))
    assert time.monotonic() - t0 < 5
    assert out.error.kind == "broker" and url in out.error.message, out.error
    fallback = render.check(SHORT, Job.make(down.with_(render_fallback="local")))
    assert fallback.ok and fallback.worker is None and "local pool" in fallback.notice and url in fallback.notice


def test_no_worker_connected_is_a_clear_error(tmp_path, monkeypatch):
    from mathanim.executor.remote import CeleryHandle

    monkeypatch.setattr(CeleryHandle, "no_worker_check_s", 1.0)
    with LocalCluster(tmp_path / "media", logs=tmp_path) as lonely:  # a broker, no worker
        (tmp_path / "media").mkdir()
        lonely.start_redis()
        s = Settings.load(env={"MATHANIM_MEDIA_DIR": str(lonely.media), "MATHANIM_RENDER_BROKER": lonely.broker},
                          dotenv=False)
        t0 = time.monotonic()
        out = render.check(SHORT, Job.make(s))
    assert out.error.kind == "broker" and "no render worker" in out.error.message and lonely.broker in out.error.message
    assert time.monotonic() - t0 < 10


def test_a_killed_worker_s_job_finishes_on_the_other(cset, cluster):
    seen: list = []
    box = render_in_thread(MEDIUM, Job.make(cset, "low"), seen)
    first = wait_for(lambda: next((a[3] for a in seen if len(a) == 4 and a[2] > 0), None), 60, "frames on a worker")
    # the worst moment to die: holding the sweep lock (as the dead worker would leave it), which kept every
    # other worker from redelivering its job for five minutes (kombu's default): the likely cause of this test's
    # one failure (a local run; the workers' logs were not kept)
    options = make_app(cluster.broker, cluster.visibility_s).conf.broker_transport_options
    stale = redis.Redis.from_url(cluster.broker).lock("unacked_mutex", timeout=options.get("unacked_mutex_expire", 300))
    wait_for(lambda: stale.acquire(blocking=False), 5, "the sweep lock")  # a live worker holds it for milliseconds
    t_kill = time.monotonic()
    cluster.kill_worker(first.split("@")[0])
    box["thread"].join(90)
    out = box["out"]
    assert out.ok, out.error
    assert out.worker and out.worker != first and Path(out.videos["mp4"]).stat().st_size > 1000
    assert time.monotonic() - t_kill < 60
    wait_for(lambda: not sandbox_processes(cluster.media), 10, "no orphan of the killed worker")


def _watched(script: str, stall_s: float) -> str | None:
    """Run `script` (given the progress pipe's fd as argv[1]) under the sandbox's watcher; the kill reason."""
    from mathanim.sandbox.runner import ChildLimits, _Watcher

    r, w = os.pipe()
    proc = subprocess.Popen([sys.executable, "-c", script, str(w)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, pass_fds=(w,), start_new_session=True)
    os.close(w)
    watcher = _Watcher(proc, r, ChildLimits(wall_s=30, stall_s=stall_s), None, None)
    try:
        watcher.watch()
    finally:
        os.close(r)
    return watcher.reason


def test_the_no_progress_clock_starts_at_the_first_beat():
    """A child slow to start (manim's import on a loaded machine) is not stuck; once it has beaten, silence is."""
    beat = "import os, sys, time; fd = int(sys.argv[1]); b = lambda: os.write(fd, b'{\"beat\": 1}\\n')\n"
    assert _watched(beat + "time.sleep(2.0); b(); time.sleep(0.3); b()", stall_s=1.0) is None
    assert _watched(beat + "b(); time.sleep(10)", stall_s=1.0) == "stalled"
