"""Runs one untrusted scene. Started by runner.py in a fresh process; never imported by the app.

Order matters: manim is imported first (trusted), then the audit hook is installed, then the scene module is
loaded and rendered. The hook refuses writes outside the working folder, reads of secret locations, sockets,
process spawning other than LaTeX/dvisvgm, and ctypes. The result goes to a JSON file; progress goes to a pipe.
"""

import errno
import json
import os
import re
import sys
import time
import traceback

SPAWN_ALLOWED = {"latex", "pdflatex", "xelatex", "lualatex", "dvisvgm"}
REFUSED_EVENTS = (
    "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty", "os.kill", "os.killpg",
    "pty.spawn", "sys.remote_exec", "os.startfile", "winreg", "webbrowser.open", "urllib.Request",
    "http.client.connect", "ftplib.connect", "smtplib.connect", "socket.", "ctypes.", "mmap.__new__",
    "os.setuid", "os.setgid", "resource.setrlimit", "resource.prlimit", "sys.setrecursionlimit",
)
PATH_EVENTS = {  # event -> indexes of path arguments
    "os.mkdir": (0,), "os.rmdir": (0,), "os.remove": (0,), "os.rename": (0, 1), "os.symlink": (0, 1),
    "os.link": (0, 1), "os.truncate": (0,), "os.chmod": (0,), "os.chown": (0,), "os.utime": (0,),
    "shutil.rmtree": (0,), "shutil.copyfile": (1,), "shutil.copytree": (1,), "shutil.move": (0, 1),
    "shutil.chown": (0,), "os.mkfifo": (0,), "os.mknod": (0,), "os.removexattr": (0,), "os.setxattr": (0,),
}
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


class Guard:
    """The runtime half of the sandbox, installed with sys.addaudithook."""

    def __init__(self, write_roots, deny_read, allow_read):
        self.write_roots = [os.path.realpath(p) for p in write_roots]
        self.deny_read = [os.path.realpath(p) for p in deny_read]
        self.allow_read = [os.path.realpath(p) for p in allow_read]
        self.active = False

    @staticmethod
    def _under(path, roots):
        return any(path == r or path.startswith(r + os.sep) for r in roots)

    def _real(self, path):
        if isinstance(path, int):
            return None
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        return os.path.realpath(os.path.abspath(str(path)))

    def _check_write(self, path, event):
        real = self._real(path)
        if real is not None and real != "/dev/null" and not self._under(real, self.write_roots):
            raise PermissionError(f"sandbox: {event} outside the working folder is not allowed: {path}")

    def _check_open(self, path, mode, flags):
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or bool((flags or 0) & WRITE_FLAGS)
        if writing:
            return self._check_write(path, "writing")
        real = self._real(path)
        if real and self._under(real, self.deny_read) and not self._under(real, self.allow_read):
            raise PermissionError(f"sandbox: reading {path} is not allowed")

    def __call__(self, event, args):
        if not self.active:
            return
        if event == "open":
            return self._check_open(*args[:3])
        if event == "subprocess.Popen":
            prog = os.path.basename(str(args[1][0] if args[1] else args[0]))
            if prog not in SPAWN_ALLOWED:
                raise PermissionError(f"sandbox: starting '{prog}' is not allowed")
            return
        if event in PATH_EVENTS:
            for i in PATH_EVENTS[event]:
                if i < len(args):
                    self._check_write(args[i], event)
            return
        if event.startswith(REFUSED_EVENTS):
            raise PermissionError(f"sandbox: {event} is not allowed")


class ProgressReporter:
    """Wraps manim's per-animation time progression and reports (animation, fraction) on a pipe."""

    def __init__(self, fd, total_time, total_plays):
        self.fd, self.total_time, self.total_plays = fd, total_time, total_plays
        self.done_time = 0.0
        self.last = 0.0

    def emit(self, index, fraction, force=False):
        now = time.monotonic()
        if self.fd < 0 or (not force and now - self.last < 0.1):
            return
        self.last = now
        msg = json.dumps({"i": index, "n": self.total_plays, "f": round(min(max(fraction, 0.0), 1.0), 4)})
        try:
            os.write(self.fd, (msg + "\n").encode())
        except OSError:
            self.fd = -1

    def wrap(self, progression, scene, run_time):
        def gen():
            index = scene.renderer.num_plays
            for t in progression:
                within = t / run_time if run_time else 1.0
                if self.total_time > 0:
                    self.emit(index, (self.done_time + t) / self.total_time)
                elif self.total_plays > 0:  # an estimate of the number of animations: never claim the end early
                    self.emit(index, min(0.99, (index + within) / self.total_plays))
                else:
                    self.emit(index, within)
                yield t
            self.done_time += run_time
        return _Progression(gen(), progression)


class _Progression:
    """An iterator with the close() method manim calls on its tqdm progress bar."""

    def __init__(self, it, inner):
        self.it, self.inner = it, inner

    def __iter__(self):
        return self.it

    def close(self):
        self.inner.close()


def install_patches(job, reporter):
    """Record the TeX string being compiled, report progress, and use our TeX template."""
    from manim import Scene
    from manim.mobject.text import tex_mobject
    from manim.utils import tex_file_writing

    state = {"tex": ""}
    original_tex = tex_mobject.tex_to_svg_file
    seeds = job.get("tex_seeds", [])

    def recording_tex_to_svg_file(expression, environment=None, tex_template=None):
        state["tex"] = expression
        if seeds:  # reuse an SVG compiled earlier for exactly this TeX file (same template, same hash)
            from manim import config

            tex_file = tex_file_writing.generate_tex_file(expression, environment, tex_template or config.tex_template)
            svg = tex_file.with_suffix(".svg")
            for seed in seeds:
                cached = os.path.join(seed, svg.name)
                if not svg.exists() and os.path.isfile(cached):
                    import shutil

                    shutil.copyfile(cached, svg)
        return original_tex(expression, environment, tex_template)

    tex_mobject.tex_to_svg_file = recording_tex_to_svg_file
    tex_file_writing.tex_to_svg_file = recording_tex_to_svg_file
    original_progression = Scene.get_time_progression

    def get_time_progression(self, run_time, *a, **k):
        return reporter.wrap(original_progression(self, run_time, *a, **k), self, run_time)

    Scene.get_time_progression = get_time_progression
    return state


def tex_template(packages):
    from manim import TexTemplate

    template = TexTemplate()
    for pkg in packages:
        template.add_to_preamble(f"\\usepackage{{{pkg}}}")
    return template


def configure(job):
    """Apply the enforced render settings (after the scene module ran, so it cannot override them)."""
    from manim import config

    config.media_dir = job["media_dir"]
    config.pixel_width, config.pixel_height = job["width"], job["height"]
    config.frame_rate = job["fps"]
    config.output_file = "scene"
    config.progress_bar = "none"
    config.verbosity = "ERROR"
    config.disable_caching = True  # our own cache works on whole results; manim's adds hashing cost
    config.format = None
    config.transparent = False
    config.preview = config.show_in_file_browser = False
    if job["mode"] in ("check", "layout"):
        config.save_last_frame, config.write_to_movie = True, False
    else:
        config.save_last_frame, config.write_to_movie = False, True
    config.tex_template = tex_template(job.get("tex_packages", []))


def load_scene_class(job):
    import importlib.util

    spec = importlib.util.spec_from_file_location("scene", job["scene_file"])
    module = importlib.util.module_from_spec(spec)
    sys.modules["scene"] = module
    spec.loader.exec_module(module)
    cls = getattr(module, job["scene"], None)
    if cls is None:
        raise LookupError(f"no class named {job['scene']}")
    return cls


def latex_log_excerpt(message):
    """The error lines of the LaTeX log that manim names in its exception message."""
    path = message.rsplit("log file:", 1)[-1].strip() if "log file:" in message else ""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return ""
    out = []
    for i, line in enumerate(lines):
        if line.startswith("!"):
            out.extend(x for x in lines[i : i + 3] if x.strip())
    return "\n".join(out[:12])


def describe_error(exc, job, tex_state):
    tb = traceback.extract_tb(exc.__traceback__)
    scene_file = os.path.realpath(job["scene_file"])
    frames = [f for f in tb if os.path.realpath(f.filename) == scene_file]
    line = frames[-1].lineno if frames else None
    message = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, MemoryError) or (isinstance(exc, OSError) and exc.errno == errno.ENOMEM):
        return {"kind": "resources", "message": "the scene ran out of memory", "line": line}
    if isinstance(exc, OSError) and exc.errno == errno.EFBIG:  # Python ignores SIGXFSZ: the write fails
        return {"kind": "resources", "message": "the scene wrote a file larger than allowed", "line": line}
    if isinstance(exc, ValueError) and "error converting to" in str(exc):
        log = latex_log_excerpt(str(exc))
        first = next((x for x in log.splitlines() if x.startswith("!")), "LaTeX error")
        # manim wraps each part in \special{dvisvgm:raw …} markers; show the user's own TeX
        tex = re.sub(r"\\special\{dvisvgm:raw [^}]*\}", "", tex_state["tex"]).strip()
        return {"kind": "latex", "message": f"LaTeX failed on {tex[:120]!r}: {first.lstrip('! ')}", "line": line,
                "detail": log, "tex": tex}
    if isinstance(exc, PermissionError) and str(exc).startswith("sandbox:"):
        return {"kind": "refused", "message": str(exc)[:400], "line": line}
    if isinstance(exc, SyntaxError):
        return {"kind": "syntax", "message": message[:400], "line": exc.lineno}
    return {"kind": "runtime", "message": message[:500], "line": line}


def save_poster(scene, job):
    from PIL import Image

    if job["mode"] == "check":
        from pathlib import Path

        pngs = sorted(Path(job["media_dir"], "images").rglob("*.png"))
        if pngs:
            os.replace(pngs[-1], job["poster"])
            return
    Image.fromarray(scene.renderer.get_frame()).convert("RGB").save(job["poster"])


def load_layout_probe(job):
    """Job mode "layout": layout_probe.py (next to this file) patches manim to record boxes after each play."""
    import importlib.util

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "layout_probe.py")
    spec = importlib.util.spec_from_file_location("mathanim_layout_probe", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.install(job)
    return module


def run(job):
    reporter = ProgressReporter(job.get("progress_fd", -1), job.get("total_time", 0.0), job.get("total_plays", 0))
    import manim  # noqa: F401  (trusted import before the guard goes up)
    from PIL import Image  # noqa: F401

    tex_state = install_patches(job, reporter)
    probe = load_layout_probe(job) if job["mode"] == "layout" else None  # trusted patches, before the guard
    guard = Guard(job["write_roots"], job["deny_read"], job["allow_read"])
    sys.addaudithook(guard)
    guard.active = True
    try:
        cls = load_scene_class(job)
        configure(job)
        scene = cls()
        scene.render()
        save_poster(scene, job)
        reporter.emit(scene.renderer.num_plays, 1.0, force=True)
        video = getattr(scene.renderer.file_writer, "movie_file_path", None)
        return {"ok": True, "num_plays": scene.renderer.num_plays, "duration": float(scene.renderer.time),
                "video": str(video) if video and job["mode"] == "render" else None,
                **(probe.result(scene) if probe else {})}
    except BaseException as exc:  # everything the scene raises becomes a typed error
        if isinstance(exc, SystemExit):
            exc = RuntimeError("the scene called exit()")
        return {"ok": False, "error": describe_error(exc, job, tex_state)}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        job = json.load(f)
    out = run(job)
    with open(job["result"], "w", encoding="utf-8") as f:
        json.dump(out, f)
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: faster, and nothing of the scene's runs after this point


if __name__ == "__main__":
    main()
