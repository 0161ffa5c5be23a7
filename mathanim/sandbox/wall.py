"""The OS-level wall around the sandbox child, and the read rule that the audit hook applies inside it.

With bubblewrap (Debian's `bubblewrap`), the child sees a root made only of the system trees (read-only),
the Python installation (read-only), this folder (child.py, read-only), the job folder (writable) and the
shared TeX caches (read-only). The project, the home folders, /tmp and every other job's folder are not
mounted at all, so neither Python, nor TeX, nor dvisvgm, nor any C library in the child can open them.
Without bubblewrap the child still gets `unshare -n` (no network) and the audit hook's read rule.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Read-only system data a render needs: programs and libraries, fonts, the TeX trees and their formats.
SYSTEM_TREES = ("/usr", "/etc/fonts", "/etc/texmf", "/etc/alternatives", "/etc/ld.so.cache", "/etc/localtime",
                "/var/lib/texmf", "/var/cache/fontconfig")
MERGED_USR = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")  # symlinks into /usr on current Debian
# Kernel files Python, numpy and manim read about the process itself.
PROC_FILES = ("/proc/self", "/proc/thread-self", "/proc/cpuinfo", "/proc/meminfo", "/proc/stat",
              "/sys/devices/system/cpu", "/dev/null", "/dev/zero", "/dev/urandom", "/dev/random")


def python_trees() -> list[str]:
    """The interpreter and the installed packages (venv and base installation)."""
    return list(dict.fromkeys(os.path.realpath(p) for p in (sys.prefix, sys.base_prefix)))


def read_roots(workdir: Path, extra: list[str]) -> list[str]:
    """Where Python code in the child may read: the job folder, `extra` (TeX caches) and the system trees."""
    return [str(workdir), *extra, *python_trees(), str(HERE), *SYSTEM_TREES, *PROC_FILES]


def _mounts(workdir: Path, read_only: list[str], writable: list[str]) -> list[str]:
    args: list[str] = []
    for path in MERGED_USR:
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    for path in [*SYSTEM_TREES, *python_trees(), str(HERE), *read_only]:
        if os.path.exists(path):
            args += ["--ro-bind", path, path]
    for path in [str(workdir), *writable]:
        args += ["--bind", path, path]
    return [*args, "--chdir", str(workdir)]


def bwrap_prefix(workdir: Path, read_only: list[str], writable: list[str] = ()) -> list[str]:
    """The bubblewrap command line that runs a program inside the wall for this job."""
    # /tmp first: the job folder may live under /tmp (tests), and later binds are mounted on top of it.
    head = [shutil.which("bwrap") or "bwrap", "--die-with-parent", "--unshare-all", "--cap-drop", "ALL",
            "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
    return [*head, *_mounts(workdir, read_only, list(writable)), "--"]


@functools.lru_cache(maxsize=1)
def bwrap_works() -> bool:
    """Whether bubblewrap can build the wall here (installed, and namespaces allowed)."""
    if not shutil.which("bwrap"):
        return False
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [*bwrap_prefix(Path(tmp), []), sys.executable, "-I", "-c", "open('ok', 'w').write('1')"]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            return False
        return done.returncode == 0 and (Path(tmp) / "ok").exists()


@functools.lru_cache(maxsize=1)
def network_isolation() -> list[str]:
    """`unshare -n` when it works here (root or user namespaces), else nothing."""
    unshare = shutil.which("unshare")
    for prefix in ([unshare, "-n"], [unshare, "-rn"]) if unshare else ():
        try:
            if subprocess.run([*prefix, "true"], capture_output=True, timeout=5).returncode == 0:
                return prefix
        except (OSError, subprocess.SubprocessError):
            pass
    return []


def wall_name() -> str:
    """Which outer wall the child runs in: "bubblewrap", "unshare" (network only) or "none"."""
    if bwrap_works():
        return "bubblewrap"
    return "unshare" if network_isolation() else "none"


def prefix(workdir: Path, read_only: list[str], writable: list[str] = ()) -> list[str]:
    """The command prefix that puts a program behind the strongest wall available here."""
    if bwrap_works():
        return bwrap_prefix(workdir, read_only, writable)
    return network_isolation()
