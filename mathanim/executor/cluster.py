"""A Redis broker and render workers on this machine, as real processes: for the tests, bench/workers.py and
trying the Celery executor out. On several machines, start `redis-server` and `make worker` yourself
(README, "Render workers on other machines")."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..config import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kill_group(proc: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    """Signal the process group `proc` leads (it was started in its own session) and reap it."""
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@dataclass
class LocalCluster:
    """redis-server on a free port (no persistence) and named workers sharing the media folder `media`."""

    media: Path
    visibility_s: int = 20  # short: a killed worker's job comes back this soon (renders must be shorter)
    logs: Path | None = None
    port: int = field(default_factory=free_port)
    redis: subprocess.Popen | None = None
    workers: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def broker(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def env(self, name: str = "", concurrency: int = 1) -> dict[str, str]:
        """The environment of a worker (and of an app using this cluster)."""
        return {**os.environ, "MATHANIM_RENDER_BROKER": self.broker, "MATHANIM_MEDIA_DIR": str(self.media),
                "MATHANIM_BROKER_VISIBILITY": str(self.visibility_s), "WORKER_NAME": name,
                "WORKER_CONCURRENCY": str(concurrency)}

    def _log(self, name: str):
        folder = self.logs or self.media.parent
        return open(folder / f"{name}.log", "ab")  # noqa: SIM115 - the child process keeps it

    def start_redis(self) -> None:
        exe = shutil.which("redis-server")
        if exe is None:
            raise RuntimeError("redis-server is not installed (Debian: apt-get install redis-server)")
        cmd = [exe, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.redis = subprocess.Popen(cmd, stdout=self._log("redis"), stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_port()

    def _wait_port(self, timeout: float = 10) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not listen on port {self.port}")

    def start_worker(self, name: str, concurrency: int = 1) -> None:
        cmd = [sys.executable, "-m", "mathanim.executor.worker"]
        self.workers[name] = subprocess.Popen(cmd, cwd=ROOT, env=self.env(name, concurrency), stdout=self._log(name),
                                              stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, names: list[str] | None = None, timeout: float = 90) -> None:
        """Wait until every named worker answers a ping through the broker."""
        from .celery_app import make_app

        app, want = make_app(self.broker, self.visibility_s), set(names or self.workers)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            replies = app.control.ping(timeout=0.5) or []
            seen = {n.split("@")[0] for r in replies for n in r}
            if want <= seen:
                app.close()
                return
            dead = [n for n in want if self.workers[n].poll() is not None]
            if dead:
                raise RuntimeError(f"worker {dead} exited; see its log in {self.logs or self.media.parent}")
        raise TimeoutError(f"workers {sorted(want)} did not answer within {timeout:.0f} s")

    def kill_worker(self, name: str) -> None:
        """SIGKILL the whole worker (main process and pool), as a crash or a pulled plug would."""
        kill_group(self.workers.pop(name))

    def stop(self) -> None:
        for name in list(self.workers):
            self.kill_worker(name)
        if self.redis is not None:
            kill_group(self.redis)
            self.redis = None

    def __enter__(self) -> LocalCluster:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
