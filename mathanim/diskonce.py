"""A value computed once per file: of the processes that ask for it at once (the app's workers, a test run's),
one computes it and the others wait for it and read its file."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path


def load_or_compute(path: Path, compute: Callable, read: Callable, write: Callable):
    """`read(path)` when the file exists; else, under `path`'s lock file, `compute()`, `write(value, part)` to a
    file beside it and rename that into place, so that no reader ever sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(f"{path.stem}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            return read(path)
        value = compute()
        part = path.with_name(f"{path.stem}.{os.getpid()}.part{path.suffix}")
        write(value, part)
        os.replace(part, path)
        return value
