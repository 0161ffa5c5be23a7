"""Child side of the layout harvester: the layout probe's element boxes of many scenes in one sandbox child.

Never imported by the app: `harvest.batch_code` joins the text of `sandbox/layout_probe.py` (its `Probe`), of
`embed/batch_child.py` (fast end-state plays, the per-scene CPU limit) and of this file, then the list of
scenes, into the scene code of one sandbox job (render.sandbox_run, mode "check"). Its scene `LayoutBatch`
runs each scene in its own namespace and `tempconfig` under a CPU-time limit, records one snapshot (texts and
bodies) after every play and one at the end, and writes layout_<i>.json plus report.json after every scene, so
a scene that fails or spins costs only its own row and a child killed part-way keeps the scenes before.
No samples inside animations: the planner's data (`plan.data.layouts_of`) uses only the ends of plays.
"""

import json
import signal
import time
from pathlib import Path

from manim import Scene, tempconfig

SLIM_TEXT = ("u", "box")  # what the planner reads of a text record (glyphs, colours and shapes are left out)


class LayoutProbe(Probe):  # noqa: F821 - Probe is defined by layout_probe.py's text before this one
    """The layout probe, reset for every scene, recording only texts and bodies at the end of every play."""

    def reset(self):
        """Forget the previous scene's snapshots and text units."""
        self.snapshots, self.units, self._uids, self._keep, self.play_index = [], {}, {}, [], 0

    def install_batch(self):
        """Text creation info on the text classes, a snapshot after every play (none inside one)."""
        for cls in self.text_classes:
            self._wrap_init(cls)
        play, probe = Scene.play, self

        def patched_play(scene, *a, **k):
            try:
                return play(scene, *a, **k)
            finally:
                probe.after_play(scene)

        Scene.play = patched_play

    def _collect(self, scene, t, mid):
        from manim.utils.family import extract_mobject_family_members

        project = _projector(scene)  # noqa: F821 - layout_probe.py's
        leaves = extract_mobject_family_members(scene.mobjects, use_z_index=True, only_those_with_points=True)
        order = {id(m): i for i, m in enumerate(leaves)}
        texts = [self._text_record(u, order, project, set()) for u in self._text_units(scene.mobjects)]
        return {"i": self.play_index, "t": round(t, 3), "mid": mid,
                "texts": [{k: x[k] for k in SLIM_TEXT} for x in texts if x],
                "bodies": _body_records(scene.mobjects, project, self._text_leaf_ids)}  # noqa: F821


def measure_scene(probe, source, name, index, cpu_limit):
    """Run scene `name` of `source` in its own namespace and config; the probe holds its snapshots."""
    probe.reset()
    signal.signal(signal.SIGPROF, _timeout)  # noqa: F821 - batch_child.py's: raises SceneTimeout
    signal.setitimer(signal.ITIMER_PROF, cpu_limit)
    try:
        with tempconfig({}):  # a scene that changes the config does not change the next one
            ns = {"__name__": f"scene_{index}"}
            exec(compile(source, probe.scene_file, "exec"), ns)
            scene = ns[name]()
            scene.renderer.scene_finished = lambda s: None  # no last frame drawn: boxes are enough
            scene.render()
            probe.play_index = max(probe.play_index - 1, 0)  # the state after the last play and any add()
            probe.snapshot(scene, float(scene.renderer.time), mid=False)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)


def harvest_batch(sources, names, cpu_limit, here):
    """Measure every scene; layout_<i>.json for each that ran, report.json rewritten after each scene."""
    probe = LayoutProbe({"scene_file": str(here / "scene.py"), "bodies": True})
    probe.install_batch()
    report = []
    for i, (src, name) in enumerate(zip(sources, names, strict=True)):
        t0, c0, row = time.monotonic(), cpu(), {"ok": True}  # noqa: F821 - batch_child.py's
        try:
            measure_scene(probe, src, name, i, cpu_limit)
            units = {str(k): v for k, v in probe.units.items()}
            (here / f"layout_{i}.json").write_text(json.dumps({"snapshots": probe.snapshots, "units": units}))
        except Exception as e:  # noqa: BLE001 - one scene's failure is its own row, the batch goes on
            row = {"ok": False, "error": f"{type(e).__name__}: {e}"[:300]}
        probe.reset()
        report.append({**row, "s": round(time.monotonic() - t0, 3), "cpu": round(cpu() - c0, 3)})  # noqa: F821
        (here / "report.json").write_text(json.dumps(report))


class LayoutBatch(Scene):
    """The batch's one scene: measures SOURCES/SCENES (defined after this file's text) one after another."""

    def construct(self):
        if FAST:  # noqa: F821 - defined by the batch code after this text
            install_fast_plays()  # noqa: F821 - batch_child.py's
        harvest_batch(SOURCES, SCENES, CPU_LIMIT, Path(__file__).parent)  # noqa: F821
