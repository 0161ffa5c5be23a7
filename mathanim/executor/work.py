"""What a task does where it runs (a local pool thread or a Celery worker): resolve its store references,
run the sandbox child (`runner.run_child`) or an ffmpeg conversion, and hand back an outcome whose paths
are references again. Scene code only ever runs in the child process that run_child starts.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

from ..presets import FORMAT_TABLE, get_preset
from ..result import ErrorInfo
from ..sandbox.runner import ChildOutcome, run_child
from .base import ProgressFn, SandboxTask, failed
from .store import ArtifactStore

PATH_FIELDS = ("scene_file", "media_dir", "poster")  # child job fields that are single store references
# child job fields the runner alone sets (what the audit hook lets the child read and write): never from a task
RUNNER_FIELDS = ("write_roots", "read_roots", "tex_dir", "tex_packages", "progress_fd", "result")
RESULT_PATHS = ("video",)  # child result fields that are paths
PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # where `python -m mathanim...` finds the package
COMPOSITE_TIMEOUT_S = 900  # a background composite of the longest video the ultra preset allows


def execute(task: SandboxTask, store: ArtifactStore, on_progress: ProgressFn | None = None,
            cancel: threading.Event | None = None) -> ChildOutcome:
    """Run `task` here; the outcome's path fields are store references."""
    if task.kind == "convert":
        return _convert(task, store)
    if task.kind == "composite":
        return _composite(task, store)
    if task.kind != "child":
        return failed("internal", f"unknown task kind {task.kind!r}")
    work = store.path(task.work)
    given = {k: v for k, v in task.spec.items() if k not in RUNNER_FIELDS}
    spec = {**given, **{k: str(store.path(task.spec[k])) for k in PATH_FIELDS if k in task.spec},
            "tex_seeds": _seeds(task.spec.get("tex_seeds", []), store)}
    out = run_child(work, spec, task.child_limits(), on_progress, cancel)
    for key in RESULT_PATHS:
        if out.data.get(key):
            try:
                out.data[key] = store.ref(out.data[key])
            except ValueError:  # a path outside the store is not a result
                out.data[key] = None
    store.publish(work)
    return out


def _seeds(refs: list[str], store: ArtifactStore) -> list[str]:
    """The TeX cache folders that exist here (they only save time: one this side cannot see is left out)."""
    found = []
    for ref in refs:
        try:
            path = store.path(ref)
        except ValueError:
            continue
        if path.is_dir():
            found.append(str(path))
    return found


def localize(out: ChildOutcome, store: ArtifactStore, task: SandboxTask) -> ChildOutcome:
    """The app's side: bring the task's folder here (a shared folder: it is here) and turn the outcome's
    references back into local paths."""
    store.fetch(store.path(task.work))
    for key in RESULT_PATHS:
        if out.data.get(key):
            out.data[key] = str(store.path(out.data[key]))
    return out


def convert_file(src: Path, fmt: str, dst: Path, preset_name: str) -> ErrorInfo | None:
    """Convert the master mp4 `src` to `fmt` at `dst` with ffmpeg (the encoder arguments of FORMAT_TABLE)."""
    args = FORMAT_TABLE[fmt].encoder_args(get_preset(preset_name))
    tmp = dst.with_name(dst.stem + ".part" + dst.suffix)
    cmd = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", str(src), *args, str(tmp)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return ErrorInfo("timeout", f"converting to {fmt} took too long")
    if proc.returncode != 0 or not tmp.exists():
        return ErrorInfo("internal", f"ffmpeg could not convert to {fmt}: {proc.stderr.strip()[-300:]}")
    tmp.replace(dst)
    return None


def _composite(task: SandboxTask, store: ArtifactStore) -> ChildOutcome:
    """A transparent master laid over its background plates into an mp4, by backgrounds/composite.py in its
    own process (like ffmpeg for a conversion: the sandbox's video is never decoded in this one)."""
    paths = {k: str(store.path(task.spec[k])) for k in ("src", "dst", "base", "fixed")}
    job = Path(paths["dst"]).with_name("composite.json")
    job.write_text(json.dumps({"paths": paths, "patches": task.spec.get("patches") or []}))
    cmd = [sys.executable, "-m", "mathanim.backgrounds.composite", str(job)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=COMPOSITE_TIMEOUT_S, cwd=PACKAGE_ROOT)
    except subprocess.TimeoutExpired:
        return failed("timeout", "compositing the background took too long")
    if proc.returncode != 0:
        return failed("internal", f"compositing the background failed: {proc.stderr.strip()[-300:]}")
    store.publish(Path(paths["dst"]).parent)
    return ChildOutcome(True, {"dst": task.spec["dst"], "frames": int(proc.stdout.split()[-1])})


def _convert(task: SandboxTask, store: ArtifactStore) -> ChildOutcome:
    spec = task.spec
    dst = store.path(spec["dst"])
    err = convert_file(store.path(spec["src"]), spec["fmt"], dst, spec["preset"])
    store.publish(dst.parent)
    return ChildOutcome(err is None, {"dst": spec["dst"]} if err is None else {}, err)
