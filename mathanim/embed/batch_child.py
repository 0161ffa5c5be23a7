"""Child side of the embedding data builder: renders many scenes' last frames in one sandbox child.

Never imported by the app: `batch.batch_code` puts this file's text, then the list of scenes, into the scene
code of one sandbox job (render.sandbox_run, mode "check"), whose scene class `EmbedBatch` renders each scene in
turn. Each scene runs in its own namespace under its own `tempconfig`, with a CPU-time limit (ITIMER_PROF), so
a scene that fails or spins costs its own frame only; each last frame is written as a small tile, and
tiles.json says after every scene what happened (a child killed part-way still leaves the scenes before).

Fast plays: in a last-frame render manim still begins every animation (deep copies of its mobjects), moves it
to its end and draws two throw-away frames per play; that was half of a scene's CPU. For the animation kinds
engine scenes use, the end state is known without that (an introducer leaves its mobject as it is, a fade-out
removes it, a Transform makes its mobject look like the target, `.animate` applies its methods), so a play made
only of those kinds goes straight to its end state; any other play takes manim's own path.
"""

import json
import resource
import signal
import time
from pathlib import Path

from manim import Scene, tempconfig
from manim.renderer.cairo_renderer import CairoRenderer
from PIL import Image

# the mobject ends as it is (introducers, indications that come back to where they started, and
# TransformFromCopy: its mobject is the target, played from a copy of the source)
KEEP = frozenset("FadeIn Create Write DrawBorderThenFill GrowFromCenter GrowFromPoint GrowFromEdge GrowArrow "
                 "SpinInFromNothing Indicate Wiggle ApplyWave Wait TransformFromCopy".split())
# nothing of it is left on screen (a fade-out restores its mobject; the others draw temporary shapes)
VANISH = frozenset("FadeOut Circumscribe Flash ShowPassingFlash FocusOn".split())
BECOME = frozenset("Transform ClockwiseTransform CounterclockwiseTransform MoveToTarget".split())
REPLACE = frozenset({"ReplacementTransform"})
MATCHING = frozenset("TransformMatchingShapes TransformMatchingTex".split())
GROUPS = frozenset("AnimationGroup LaggedStart LaggedStartMap".split())
LEAVES = KEEP | VANISH | BECOME | REPLACE | MATCHING | {"_MethodAnimation", "Rotate"}
PLAYS = {"plays": 0, "fast": 0}  # counted by the patched play, reported per scene


class SceneTimeout(Exception):
    """A scene of the batch used more CPU than its share."""


def known(anim):
    """Whether the end state of `anim` (and of all its parts) is known without playing it."""
    kind = type(anim).__name__
    if kind in GROUPS:
        return all(known(a) for a in anim.animations)
    return kind in LEAVES


def end_state(anim):
    """Put the animated mobject in the state manim's finish() would leave it in (no frames drawn)."""
    kind, mob = type(anim).__name__, anim.mobject
    if kind in GROUPS:
        for a in anim.animations:
            end_state(a)
    elif kind in BECOME:
        mob.become(anim.target_mobject)
    elif kind == "_MethodAnimation":  # what its finish() does before moving to the (equal) target
        for item in anim.methods:
            item.method.__func__(mob, *item.args, **item.kwargs)
    elif kind == "Rotate":
        mob.rotate(anim.angle, axis=anim.axis, about_point=anim.about_point, about_edge=anim.about_edge)


def clean_up(anim, scene, remover=False):
    """What manim's clean_up_from_scene does once the animation is over: removals and replacements."""
    kind, remover = type(anim).__name__, remover or anim.remover
    anim._on_finish(scene)
    if kind in GROUPS:
        for a in anim.animations:
            clean_up(a, scene, remover)
    elif kind in REPLACE:
        scene.replace(anim.mobject, anim.target_mobject)
    elif kind in MATCHING:
        scene.remove(anim.mobject, *anim.to_remove)
        scene.add(anim.to_add)
    if kind in VANISH or (remover and kind not in GROUPS):
        scene.remove(anim.mobject)


def fast_play(scene, anims, duration):
    """A skipped play of known animations: set-up, end states, the scene's updaters once over the play's
    time (the animated mobjects' own suspended, then called with dt=0 as finish() does), clean-up."""
    for a in anims:
        a._setup_scene(scene)
    held = [a.mobject for a in anims if a.suspend_mobject_updating and a.mobject is not None]
    for m in held:
        m.suspend_updating()
    for a in anims:
        end_state(a)
    scene.update_mobjects(duration)
    scene.update_meshes(duration)
    scene.update_self(duration)
    for m in held:
        m.resume_updating()
    for a in anims:
        clean_up(a, scene)


def install_fast_plays():
    """CairoRenderer.play goes straight to the end state of a skipped play made only of known animations."""
    original = CairoRenderer.play

    def play(self, scene, *args, **kwargs):
        PLAYS["plays"] += 1
        self.skip_animations = self._original_skipping_status
        self.update_skipping_status()
        if not self.skip_animations:
            return original(self, scene, *args, **kwargs)
        scene.compile_animation_data(*args, **kwargs)  # builds the animations, adds their mobjects, checks length
        if not all(known(a) for a in scene.animations):
            return original(self, scene, *args, **kwargs)
        PLAYS["fast"] += 1
        self.time += scene.duration
        fast_play(scene, scene.animations, scene.duration)
        self.static_image = None
        self.num_plays += 1

    CairoRenderer.play = play


def cpu():
    """CPU seconds of this child so far, TeX and dvisvgm included."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


def _timeout(signum, frame):
    raise SceneTimeout("the scene used more than its share of CPU time")


def last_frame(source, name, index, cpu_limit):
    """Run scene `name` of `source` in its own namespace and config; its last frame as an RGB array."""
    signal.signal(signal.SIGPROF, _timeout)
    signal.setitimer(signal.ITIMER_PROF, cpu_limit)
    try:
        with tempconfig({}):  # a scene that changes the config does not change the next one
            ns = {"__name__": f"scene_{index}"}
            exec(compile(source, f"scene_{index}.py", "exec"), ns)
            scene = ns[name]()
            scene.render()
            return scene.renderer.get_frame()
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)


def render_batch(sources, names, size, cpu_limit, here):
    """Render every scene; tile_<i>.png for each that worked, tiles.json (rewritten after each scene)."""
    report = []
    for i, (src, name) in enumerate(zip(sources, names, strict=True)):
        t0, before = time.monotonic(), dict(PLAYS)
        row = {}
        try:
            frame = last_frame(src, name, i, cpu_limit)
            tile = Image.fromarray(frame).convert("RGB").resize(size, Image.Resampling.BOX)
            tile.save(here / f"tile_{i}.png")
            row["ok"] = True
        except Exception as e:  # noqa: BLE001 - one scene's failure is its own row, the batch goes on
            row = {"ok": False, "error": f"{type(e).__name__}: {e}"[:300]}
        report.append({**row, "s": time.monotonic() - t0, "cpu": cpu(),
                       **{k: PLAYS[k] - before[k] for k in PLAYS}})
        (here / "tiles.json").write_text(json.dumps(report))


class EmbedBatch(Scene):
    """The batch's one scene: renders SOURCES/SCENES (defined after this file's text) one after another."""

    def construct(self):
        if FAST:  # noqa: F821 - defined by the batch code after this text
            install_fast_plays()
        render_batch(SOURCES, SCENES, SIZE, CPU_LIMIT, Path(__file__).parent)  # noqa: F821
