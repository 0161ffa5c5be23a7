"""Parent side of the sandbox: start child.py with limits, watch it, and turn what happened into a typed result.

The child gets its own working folder, a scrubbed environment, rlimits (CPU, address space, file size,
processes; child.py sets them on itself first), its own process group killed on timeout, cancel or no progress for
`stall_s` (its progress lines and liveness beats come on a pipe), death with its parent (PR_SET_PDEATHSIG, or
bubblewrap's --die-with-parent), the OS-level wall of `wall.py`
(bubblewrap: only the system trees and the job folder exist; else `unshare -n`), and TeX in kpathsea's
paranoid mode without shell escape. stdout/stderr are capped.
"""

from __future__ import annotations

import functools
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..result import ErrorInfo
from . import wall

CHILD = Path(__file__).with_name("child.py")
TEX_PACKAGES = ("amsmath", "amssymb", "mathtools", "bm", "xcolor", "cancel", "siunitx", "physics", "mathrsfs")
SAFE_ENV_KEYS = ("LANG", "LC_ALL", "TZ")


@dataclass
class ChildLimits:
    wall_s: float = 120.0
    cpu_s: int = 0  # 0: 2x wall
    memory_mb: int = 4096
    file_mb: int = 2048
    nproc: int = 64
    output_bytes: int = 8 * 1024 * 1024
    stall_s: float = 0.0  # stop a child that reports no progress (nor a liveness beat) for this long; 0: never


@dataclass
class ChildOutcome:
    ok: bool
    data: dict = field(default_factory=dict)
    error: ErrorInfo | None = None
    output: str = ""  # tail of stdout+stderr
    seconds: float = 0.0
    worker: str | None = None  # the render worker that ran it; None: the local pool
    notice: str = ""  # e.g. why a render fell back to the local pool


@functools.lru_cache(maxsize=1)
def tex_packages() -> tuple[str, ...]:
    """The template packages that are installed (a missing one would fail every formula)."""
    kpse = shutil.which("kpsewhich")
    if not kpse:
        return ("amsmath", "amssymb")
    found = subprocess.run([kpse, *(f"{p}.sty" for p in TEX_PACKAGES)], capture_output=True, text=True).stdout
    names = {Path(line).stem for line in found.split()}
    return tuple(p for p in TEX_PACKAGES if p in names)


def scrubbed_env(workdir: Path) -> dict[str, str]:
    """A minimal environment: no keys, tokens or proxies reach the child."""
    env = {k: os.environ[k] for k in SAFE_ENV_KEYS if k in os.environ}
    bindir = str(Path(sys.executable).parent)
    env.update(
        PATH=f"{bindir}:/usr/local/bin:/usr/bin:/bin",
        HOME=str(workdir),
        TMPDIR=str(workdir / "tmp"),
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONNOUSERSITE="1",
        OMP_NUM_THREADS="1",
        OPENBLAS_NUM_THREADS="1",
        MKL_NUM_THREADS="1",
        shell_escape="f",  # kpathsea: TeX may never run shell commands (\write18)
        # kpathsea's paranoid mode for TeX and dvisvgm: no absolute paths, no `..`, no dot files, for reading
        # and for writing (TeX compiles in the job folder by relative names). The TeX trees are still found.
        openin_any="p",
        openout_any="p",
        MPLCONFIGDIR=str(workdir / "tmp"),
    )
    return env


def _limits(lim: ChildLimits, parent: int | None) -> dict:
    """The rlimits child.py sets on itself before it imports anything of the scene's (not a preexec_fn: Python's
    docs call that unsafe in a threaded process such as the app, and it forces a full fork of a large process where
    the limits-free start can use vfork), and the pid whose death must kill it (None where the wall, bubblewrap's
    --die-with-parent, already ties it to this process)."""
    cpu = lim.cpu_s or int(lim.wall_s * 2) + 5
    rl = {"RLIMIT_CPU": (cpu, cpu + 5), "RLIMIT_AS": (lim.memory_mb << 20,) * 2,
          "RLIMIT_FSIZE": (lim.file_mb << 20,) * 2, "RLIMIT_CORE": (0, 0)}
    if os.geteuid() != 0:  # root ignores RLIMIT_NPROC; the audit hook refuses fork for everyone
        rl["RLIMIT_NPROC"] = (lim.nproc, lim.nproc)
    return {"rlimits": rl, "parent": parent}


def _job_paths(workdir: Path, seeds: list[str]) -> dict:
    return {
        "write_roots": [str(workdir)],
        "read_roots": wall.read_roots(workdir, seeds),  # reads anywhere else are refused
        "tex_dir": str(workdir),  # TeX runs in the current folder, without -output-directory (see child.py)
        "tex_packages": list(tex_packages()),
    }


class _Watcher:
    """Reads the child's output (capped) and progress lines until it exits, times out or is cancelled."""

    def __init__(self, proc, progress_r, lim, on_progress, cancel):
        self.proc, self.progress_r, self.lim = proc, progress_r, lim
        self.on_progress, self.cancel = on_progress, cancel
        self.output = bytearray()
        self.total = 0
        self.reason: str | None = None  # timeout | flood | cancelled | stalled
        # the no-progress clock starts at the child's first beat (manim imported, before the scene loads): on a
        # loaded machine the import alone can outlast a short window; until then the wall limit holds
        self.last_beat: float | None = None

    def _kill(self, reason):
        self.reason = self.reason or reason
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def _read_output(self, fd):
        chunk = os.read(fd, 65536)
        self.total += len(chunk)
        self.output += chunk
        del self.output[:-20000]
        if self.total > self.lim.output_bytes:
            self._kill("flood")
        return bool(chunk)

    def _read_progress(self, fd, buf):
        chunk = os.read(fd, 65536)
        self.last_beat = time.monotonic()  # progress lines and liveness beats alike
        buf += chunk
        *lines, rest = buf.split(b"\n")
        for line in lines[-1:]:  # only the newest matters
            try:
                msg = json.loads(line)
                if self.on_progress:
                    self.on_progress(int(msg["i"]), int(msg["n"]), float(msg["f"]))
            except (ValueError, KeyError, TypeError):
                pass
        return bool(chunk), rest

    def watch(self) -> None:
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout.fileno(), selectors.EVENT_READ, "out")
        sel.register(self.progress_r, selectors.EVENT_READ, "progress")
        deadline, pbuf = time.monotonic() + self.lim.wall_s, b""
        while sel.get_map():
            if time.monotonic() > deadline:
                self._kill("timeout")
            if self.cancel is not None and self.cancel.is_set():
                self._kill("cancelled")
            if self.lim.stall_s and self.last_beat and time.monotonic() - self.last_beat > self.lim.stall_s:
                self._kill("stalled")
            for key, _ in sel.select(timeout=0.1):
                if key.data == "out":
                    alive = self._read_output(key.fd)
                else:
                    alive, pbuf = self._read_progress(key.fd, pbuf)
                if not alive:
                    sel.unregister(key.fd)
        sel.close()
        remaining = max(0.5, deadline - time.monotonic())
        try:
            self.proc.wait(timeout=remaining)
        except subprocess.TimeoutExpired:
            self._kill("timeout")
            self.proc.wait()


def _classify_exit(rc: int, reason: str | None, lim: ChildLimits, tail: str) -> ErrorInfo:
    if reason == "timeout":
        return ErrorInfo("timeout", f"the scene took longer than {lim.wall_s:.0f} s and was stopped")
    if reason == "stalled":
        return ErrorInfo("timeout", f"the scene made no progress for {lim.stall_s:.0f} s (an endless loop?) "
                                    "and was stopped")
    if reason == "cancelled":
        return ErrorInfo("cancelled", "stopped by the user")
    if reason == "flood":
        return ErrorInfo("resources", f"the scene printed more than {lim.output_bytes >> 20} MB and was stopped")
    sig = -rc if rc < 0 else rc - 128 if rc > 128 else 0  # bubblewrap exits with 128 + the child's signal
    if sig == signal.SIGXCPU:
        cpu = lim.cpu_s or int(lim.wall_s * 2) + 5
        return ErrorInfo("timeout", f"the scene needed more than {cpu} s of computing time (its limit) and was stopped")
    if sig == signal.SIGXFSZ:
        return ErrorInfo("resources", f"the scene wrote a file larger than {lim.file_mb} MB and was stopped")
    if sig == signal.SIGKILL or "MemoryError" in tail or "Cannot allocate memory" in tail:
        return ErrorInfo("resources", f"the scene exceeded the memory limit of {lim.memory_mb} MB")
    last = next((x for x in reversed(tail.strip().splitlines()) if x.strip()), "")
    return ErrorInfo("runtime", f"the render process failed (exit {rc}): {last[:300]}")


def run_child(workdir: Path, job: dict, lim: ChildLimits, on_progress=None, cancel: threading.Event | None = None) -> ChildOutcome:
    """Run child.py on `job` inside `workdir` and return what it reported (or why it died)."""
    (workdir / "tmp").mkdir(parents=True, exist_ok=True)
    progress_r, progress_w = os.pipe()
    seeds = [str(Path(p).resolve()) for p in job.get("tex_seeds", [])]
    outer = wall.prefix(workdir, seeds)
    # without bubblewrap the child's parent is this process (unshare execs): it dies with the thread that starts it
    parent = None if outer and Path(outer[0]).name == "bwrap" else os.getpid()
    job = {**_job_paths(workdir, seeds), **job, "progress_fd": progress_w, "result": str(workdir / "result.json"),
           "limits": _limits(lim, parent)}
    job_file = workdir / "job.json"
    job_file.write_text(json.dumps(job))
    # -I: isolated mode, so PYTHON* variables and the user's site folder cannot change what the child imports
    cmd = [*outer, sys.executable, "-I", str(CHILD), str(job_file)]
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=workdir, env=scrubbed_env(workdir), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, pass_fds=(progress_w,),
                            start_new_session=True)
    os.close(progress_w)
    watcher = _Watcher(proc, progress_r, lim, on_progress, cancel)
    try:
        watcher.watch()
    finally:
        os.close(progress_r)
        if proc.poll() is None:  # only on an exception in watch(): never leave a child behind
            watcher._kill("internal")
    tail = watcher.output.decode("utf-8", "replace")
    seconds = time.monotonic() - t0
    result_file = workdir / "result.json"
    if watcher.reason is None and proc.returncode == 0 and result_file.exists():
        data = json.loads(result_file.read_text())
        if data.get("ok"):
            return ChildOutcome(True, data, None, tail, seconds)
        return ChildOutcome(False, data, ErrorInfo(**data["error"]), tail, seconds)
    return ChildOutcome(False, {}, _classify_exit(proc.returncode, watcher.reason, lim, tail), tail, seconds)
