"""The fast check of long, legitimate scenes (issue 16's Math-To-Manim bar): numeric work with no mobject made
(an ODE integrated by scipy through the scene's own function, like Math-To-Manim's Lorenz attractor) counts
as progress for the no-progress watchdog, while a spin in one frame of the scene's own code is still
stopped; skipped plays no longer draw the still mobjects, and the last frame still shows them."""

from __future__ import annotations

import time

from PIL import Image

from mathanim import pipeline, render
from mathanim.events import Done
from mathanim.job import Job

LORENZ = '''from manim import *
import numpy as np
from scipy.integrate import odeint


def lorenz(state, t):
    x, y, z = state
    return [10 * (y - x), x * (28 - z) - y, x * y - 8 / 3 * z]


class Lorenz(Scene):
    def construct(self):
        ends = []
        for k in range(60):  # about 8 s on an idle core (more under load): well past the 3-s no-progress limit below
            path = odeint(lorenz, [1 + k * 1e-3, 1, 1], np.linspace(0, 200, 20000))
            ends.append(path[-1])
        self.add(Dot(point=[ends[-1][0] / 10, ends[-1][1] / 10, 0]))
'''
SPIN = '''from manim import *


class Spin(Scene):
    def construct(self):
        x = 0
        while True:
            x = x + 1
'''
STILLS = '''from manim import *


class Stills(Scene):
    def construct(self):
        self.add(Square(side_length=2, color=RED, fill_opacity=1).shift(4 * LEFT))
        dot = Dot(color=BLUE)
        for _ in range(3):
            self.play(dot.animate.shift(RIGHT), run_time=0.5)
'''


def test_numeric_work_through_scipy_is_progress(settings):
    t0 = time.monotonic()
    out = render.check(LORENZ, Job.make(settings.with_(stall_timeout_s=3)))
    assert out.ok, out.error
    assert time.monotonic() - t0 > 5  # it outlasted the 3-s limit: the sampled work, not luck, kept it alive


def test_a_spin_in_the_scene_s_own_code_is_still_stopped(settings):
    t0 = time.monotonic()
    out = render.check(SPIN, Job.make(settings.with_(stall_timeout_s=4)))
    assert not out.ok and out.error.kind == "timeout" and "no progress" in out.error.message, out.error
    assert time.monotonic() - t0 < 30


def test_the_last_frame_of_a_check_shows_the_still_mobjects(settings):
    out = render.check(STILLS, Job.make(settings))
    assert out.ok and out.stats["num_plays"] == 3, out.error
    img = Image.open(out.poster).convert("RGB")
    r, g, b = img.getpixel((int(img.width * (7.11 - 4) / 14.22), img.height // 2))  # the square's centre
    assert r > 200 and g < 130 and b < 130, (r, g, b)  # manim's RED, #FC6255
    r, g, b = img.getpixel((int(img.width * (3 + 7.11) / 14.22), img.height // 2))  # the dot after its 3 moves
    assert b > 150 and r < 150, (r, g, b)


def test_a_scene_file_s_check_may_run_past_the_short_check_limit(settings):
    """A rendered file's fast check runs up to the render ceiling: the short limit of model repair rounds
    (here 2 s) would stop a long scene the person asked for before its render."""
    code = LORENZ.replace("range(60)", "range(30)")  # about 4 s on an idle core
    short = settings.with_(check_timeout_s=2, render_ceiling_s=120)
    assert render.check(code, Job.make(short)).error.kind == "timeout"  # a plain check stops at 2 s
    done = [ev.result for ev in pipeline.render_code(code, Job.make(short, "low")) if isinstance(ev, Done)][0]
    assert done.status == "ok", done.error
    assert done.seconds["preview"] > 2  # the check itself outlasted the short limit
