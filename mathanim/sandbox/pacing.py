"""Child side of the limits on a scene's length and progress. Loaded by child.py (trusted, before the guard).

- A scene that asks for more video than its preset allows (job["max_video_s"]) is stopped at the play or
  wait that crosses the limit. In a fast check plays are skipped, so `self.wait(100000)` is refused at once.
- Liveness beats on the progress pipe while TeX compiles, while mobjects are made, while a still frame is
  written and while the scene's main thread is seen working (WorkSampler), so that the runner's no-progress
  watchdog (ChildLimits.stall_s) stops only scenes that are really stuck.
"""

import json
import os
import sys
import threading
import time

BEAT_EVERY_S = 1.0
SAMPLE_EVERY_S = 0.25  # how often WorkSampler looks at the scene's main thread
FREEZE_CHUNK_S = 1.0  # a long still frame is written in pieces of this many seconds, with a beat between


class SceneTooLong(BaseException):
    """The scene asked for more video than allowed; child.describe_error reports its `sandbox_error`. A
    BaseException, as KeyboardInterrupt: a scene's own `except Exception` must not swallow the limit."""

    def __init__(self, requested, allowed):
        message = (f"the scene asks for at least {requested:.0f} s of video; at this quality at most "
                   f"{allowed:.0f} s are allowed (shorten its waits and run times)")
        super().__init__(message)
        self.sandbox_error = {"kind": "resources", "message": message}


class Beater:
    """Writes {"beat": 1} lines on the progress pipe, at most every BEAT_EVERY_S."""

    def __init__(self, fd):
        self.fd, self.last = fd, 0.0

    def __call__(self):
        now = time.monotonic()
        if self.fd < 0 or now - self.last < BEAT_EVERY_S:
            return
        self.last = now
        try:
            os.write(self.fd, (json.dumps({"beat": 1}) + "\n").encode())
        except OSError:
            self.fd = -1


def _cap_length(max_video_s):
    from manim import Scene

    original = Scene.compile_animation_data

    def compile_animation_data(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        requested = self.renderer.time + (self.duration or 0.0)
        if max_video_s and requested > max_video_s:
            raise SceneTooLong(requested, max_video_s)
        return result

    Scene.compile_animation_data = compile_animation_data


PARTS = {"peak": 0}  # the most drawn parts seen at the end of a play (child.run reports it after a fast check)
COUNT_SHARE = 0.1  # counting may take at most this share of the run's time (a scene of 500 plays of 18,000 faces)


def _count_parts():
    """Record the most parts (mobjects with points: a 3D face, a glyph, a curve) shown at the end of any play.
    Cairo draws each on every frame, so with the video's length it tells what the full render will cost."""
    from manim import Scene

    original, start, spent = Scene.play, time.monotonic(), [0.0]

    def play(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        t = time.monotonic()
        if spent[0] <= COUNT_SHARE * (t - start):
            n = sum(1 for m in self.get_mobject_family_members() if m.has_points())
            PARTS["peak"] = max(PARTS["peak"], n)
            spent[0] += time.monotonic() - t
        return result

    Scene.play = play


def _beat_while_frozen(beat):
    from manim.renderer.cairo_renderer import CairoRenderer

    def freeze_current_frame(self, duration):
        dt = 1 / self.camera.frame_rate
        left, chunk = int(duration / dt), max(1, int(FREEZE_CHUNK_S / dt))  # the frame count manim would write
        while left > 0:
            n = min(left, chunk)
            self.add_frame(self.get_frame(), num_frames=n)  # a fresh array: the encoder owns the one it got
            beat()
            left -= n

    CairoRenderer.freeze_current_frame = freeze_current_frame


def _beat_while_tex(beat):
    from manim.utils import tex_file_writing

    original = tex_file_writing.compile_tex

    def compile_tex(*args, **kwargs):
        beat()
        try:
            return original(*args, **kwargs)
        finally:
            beat()

    tex_file_writing.compile_tex = compile_tex


def _beat_while_building(beat):
    """A scene that keeps making mobjects (a fine 3D surface, a long parameter sweep built before its plays) is
    working, not stuck; a bare endless loop makes none and still meets the watchdog."""
    from manim import Mobject

    original = Mobject.__init__

    def __init__(self, *args, **kwargs):
        beat()
        original(self, *args, **kwargs)

    __init__.__wrapped__ = original  # inspect.signature (drift.py) reads manim's own parameters through it
    Mobject.__init__ = __init__


class WorkSampler:
    """Beats while the scene's main thread is seen doing work: running installed code (manim drawing a frame
    of many 3D objects, scipy integrating, numpy on large arrays), or in one of the scene's own functions
    called anew since the last look (a helper called per point or per pixel). One frame of the scene's own
    code running without a break for the whole no-progress window (`while True: pass`, a spin over plain
    arithmetic) makes no beat, so the watchdog still stops it. Scene code is code in the job folder."""

    def __init__(self, beat, scene_dir, thread_id):
        self.beat, self.thread_id = beat, thread_id
        self.scene_dir = os.path.realpath(scene_dir) + os.sep
        self.last = None  # the scene frame seen last (kept alive, so a new frame is never the same object)
        self.own = {}  # file name -> whether it is the scene's (in the job folder)

    def _is_scene_code(self, filename):
        if filename not in self.own:
            self.own[filename] = os.path.realpath(filename).startswith(self.scene_dir)
        return self.own[filename]

    def working(self, frame):
        """Whether this sample of the main thread's innermost frame counts as work."""
        if not self._is_scene_code(frame.f_code.co_filename):
            self.last = None
            return True
        fresh = frame is not self.last
        self.last = frame
        return fresh

    def run(self):
        while True:
            time.sleep(SAMPLE_EVERY_S)
            frame = sys._current_frames().get(self.thread_id)
            if frame is not None and self.working(frame):
                self.beat()
            frame = None  # no reference to a frame outlives the look but self.last

    def start(self):
        threading.Thread(target=self.run, name="work-sampler", daemon=True).start()


def install(job):
    """Patch manim for this job; beat once now (manim is imported: the child is alive)."""
    beat = Beater(job.get("progress_fd", -1))
    if job.get("scene_file"):
        WorkSampler(beat, os.path.dirname(job["scene_file"]), threading.get_ident()).start()
    _cap_length(float(job.get("max_video_s") or 0))
    if job.get("mode") == "check":
        _count_parts()
    _beat_while_frozen(beat)
    _beat_while_tex(beat)
    _beat_while_building(beat)
    beat()
