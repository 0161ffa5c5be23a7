"""Runs one untrusted scene. Started by runner.py in a fresh process; never imported by the app.

Order matters: manim is imported first (trusted), then the audit hook is installed, then the scene module is
loaded and rendered. The hook refuses writes outside the working folder, reads outside it and the system
trees, sockets, process spawning other than LaTeX/dvisvgm (with manim's options only), changes to the
environment or the current folder, and ctypes. The result goes to a JSON file; progress goes to a pipe.
"""

import errno
import json
import os
import re
import sys
import threading
import time
import traceback

# LuaTeX is not here: Lua's io.open reads any file, whatever kpathsea's openin_any says.
SPAWN_ALLOWED = {"latex", "pdflatex", "xelatex", "dvisvgm"}
# The only options manim passes to TeX and dvisvgm; anything else (-cnf-line, -shell-escape, ...) could lift
# the kpathsea restrictions the runner sets in the environment.
SPAWN_OPTIONS = ("-interaction=batchmode", "-output-format=dvi", "-output-format=pdf", "-halt-on-error",
                 "-no-pdf", "--pdf", "--no-fonts", "--verbosity=0")
SPAWN_PATH_OPTIONS = ("-output-directory=", "--output=")
REFUSED_EVENTS = (
    "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty", "os.kill", "os.killpg",
    "pty.spawn", "sys.remote_exec", "os.startfile", "winreg", "webbrowser.open", "urllib.Request",
    "http.client.connect", "ftplib.connect", "smtplib.connect", "socket.", "ctypes.", "mmap.__new__",
    "os.setuid", "os.setgid", "resource.setrlimit", "resource.prlimit", "sys.setrecursionlimit",
    # the environment carries TeX's read restrictions: nothing in the scene may change it
    "os.putenv", "os.unsetenv",
    # TeX resolves relative paths from the current folder: it stays the job folder
    "os.chdir", "os.fchdir",
)
PATH_EVENTS = {  # event -> indexes of path arguments
    "os.mkdir": (0,), "os.rmdir": (0,), "os.remove": (0,), "os.rename": (0, 1), "os.symlink": (0, 1),
    "os.link": (0, 1), "os.truncate": (0,), "os.chmod": (0,), "os.chown": (0,), "os.utime": (0,),
    "shutil.rmtree": (0,), "shutil.copyfile": (1,), "shutil.copytree": (1,), "shutil.move": (0, 1),
    "shutil.chown": (0,), "os.mkfifo": (0,), "os.mknod": (0,), "os.removexattr": (0,), "os.setxattr": (0,),
}
READ_EVENTS = {"os.listdir": 0, "os.scandir": 0, "glob.glob": 0, "os.listxattr": 0}
# TeX that opens, reads or writes files, or builds command names at run time. Checked on the TeX that is
# about to compile (after the scene built it, however it did), for a clear "refused" error; the wall below
# it is kpathsea's openin_any=p and bubblewrap, which hold even for what this list misses.
TEX_FILE_WORDS = (
    "input include includeonly InputIfFileExists IfFileExists openin read readline openout write immediate "
    "catcode csname scantokens directlua latelua luaexec pdffiledump pdfmdfivesum pdffilesize pdffilemoddate "
    "filedump mdfivesum filesize filemoddate includegraphics verbatiminput lstinputlisting inputminted "
    "UseName csuse @nameuse makeatletter ExplSyntaxOn everyeof special pdfximage XeTeXpicfile XeTeXpdffile "
    "openbox newread newwrite endinput @@input @input luadirect luacode luacode* luaexec luastring"
).split()
TEX_DANGER = re.compile(r"\\(" + "|".join(re.escape(w) for w in TEX_FILE_WORDS) + r")(?![A-Za-z@])")
TEX_ENV = re.compile(r"\\(?:begin|end)\s*\{\s*([^}]*)\}")
MANIM_SPECIALS = re.compile(r"\\special\{dvisvgm:raw (<g id='unique\d{3}(substring)?'>|</g>)\}")
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


class Guard:
    """The runtime half of the sandbox, installed with sys.addaudithook.

    Writes only in the job folder; reads only in the job folder, the TeX caches and the read-only system
    trees (read_roots); no sockets, no processes but TeX and dvisvgm with manim's own options.
    """

    def __init__(self, write_roots, read_roots, frozen_roots=()):
        self.write_roots = [os.path.realpath(p) for p in write_roots]
        self.read_roots = [os.path.realpath(p) for p in read_roots]
        self.frozen_roots = [os.path.realpath(p) for p in frozen_roots]  # no writes even in the job folder
        self.active = False
        # Events no rule names, learnt by name on first sight. The hook runs on every audit event, and manim's
        # deep copies raise builtins.id per object copied: the prefix test below doubled copy.deepcopy's time.
        self.harmless = set()

    @staticmethod
    def _under(path, roots):
        return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)

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
        if real is not None and self._under(real, self.frozen_roots):
            raise PermissionError(f"sandbox: {event} in the scene's bundled modules is not allowed: {path}")

    def _check_read(self, path, event="reading"):
        real = self._real(path if path is not None else ".")
        if real and not self._under(real, self.read_roots):
            raise PermissionError(f"sandbox: {event} {path} is not allowed (only the job folder and system data)")

    def _check_open(self, path, mode, flags):
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or bool((flags or 0) & WRITE_FLAGS)
        if writing:
            return self._check_write(path, "writing")
        return self._check_read(path)

    def _check_spawn(self, executable, args, cwd, env):
        argv = [os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in (args or [executable])]
        prog = argv[0] if argv else ""
        exe = os.fsdecode(executable) if isinstance(executable, bytes) else executable
        # a bare program name found on the scrubbed PATH (system folders), never a file the scene made
        if exe not in (None, prog) or os.sep in prog or prog not in SPAWN_ALLOWED:
            raise PermissionError(f"sandbox: starting '{prog}' is not allowed")
        if env is not None:
            raise PermissionError("sandbox: starting a process with its own environment is not allowed")
        if cwd is not None:
            self._check_write(cwd, "running a process")
        for arg in argv[1:]:
            path_opt = next((o for o in SPAWN_PATH_OPTIONS if arg.startswith(o)), None)
            if path_opt:
                self._check_write(arg[len(path_opt):], "TeX output")
            elif arg.startswith("-"):
                if arg not in SPAWN_OPTIONS and not arg.startswith("--page="):
                    raise PermissionError(f"sandbox: the option {arg!r} for {prog} is not allowed")
            else:
                self._check_write(arg, "TeX input")

    def __call__(self, event, args):
        if event in self.harmless or not self.active:
            return
        if event == "open":
            return self._check_open(*args[:3])
        if event == "subprocess.Popen":
            return self._check_spawn(*args[:4])
        if event in PATH_EVENTS:
            for i in PATH_EVENTS[event]:
                if i < len(args):
                    self._check_write(args[i], event)
            return
        if event in READ_EVENTS:
            return self._check_read(args[READ_EVENTS[event]] if args else None, "listing")
        if event.startswith(REFUSED_EVENTS):
            raise PermissionError(f"sandbox: {event} is not allowed")
        if type(event) is str:  # whether an event is refused depends on its name alone
            self.harmless.add(event)


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


def tex_refusal(tex):
    """Why this TeX document may not compile (a file or command-building primitive), or None."""
    text = MANIM_SPECIALS.sub("", tex)
    if "^^" in text:  # ^^5c is a backslash to TeX: a way to spell any command
        return "the TeX notation ^^ is not allowed"
    match = TEX_DANGER.search(text)
    if match:
        return f"the TeX command \\{match.group(1)} is not allowed (it reads or writes files)"
    for env in TEX_ENV.findall(text):  # \begin{input} calls \input
        if env.strip() in TEX_FILE_WORDS:
            return f"the TeX environment {env.strip()!r} is not allowed"
    return None


def _checked_tex_file(expression, environment, template, check=True):
    """Write the .tex file manim will compile and refuse it if it touches files."""
    from manim.utils import tex_file_writing

    tex_file = tex_file_writing.generate_tex_file(expression, environment, template)
    if not check:  # the tests switch this layer off to prove that the walls beneath it hold on their own
        return tex_file
    with open(tex_file, encoding="utf-8") as f:
        why = tex_refusal(f.read())
    if why:
        raise PermissionError(f"sandbox: {why}")
    return tex_file


def _tex_command_in_cwd(original):
    """manim's TeX command without -output-directory, compiling a file of the current folder by its name.

    pdfTeX's file primitives (\\pdffiledump, \\pdfmdfivesum) ignore kpathsea's openin_any for `..` paths when
    -output-directory is given; without it they obey. The runner makes the TeX folder the job folder (cwd).
    """

    def command(tex_compiler, output_format, tex_file, tex_dir):
        cmd = original(tex_compiler, output_format, tex_file, tex_dir)
        if os.path.realpath(tex_dir) != os.getcwd():
            return cmd
        name = os.path.basename(str(tex_file))
        return [name if a == tex_file.as_posix() else a for a in cmd if not a.startswith("-output-directory=")]

    return command


def install_patches(job, reporter):
    """Record the TeX string being compiled, report progress, and use our TeX template."""
    from manim import Scene
    from manim.mobject.text import tex_mobject
    from manim.utils import tex_file_writing

    state = {"tex": ""}
    original_tex = tex_mobject.tex_to_svg_file
    seeds = job.get("tex_seeds", [])
    check = job.get("check_tex", True)

    def recording_tex_to_svg_file(expression, environment=None, tex_template=None):
        from manim import config

        state["tex"] = expression
        tex_file = _checked_tex_file(expression, environment, tex_template or config.tex_template, check)
        if seeds:  # reuse an SVG compiled earlier for exactly this TeX file (same template, same hash)
            svg = tex_file.with_suffix(".svg")
            for seed in seeds:
                cached = os.path.join(seed, svg.name)
                if not svg.exists() and os.path.isfile(cached):
                    import shutil

                    shutil.copyfile(cached, svg)
        return original_tex(expression, environment, tex_template)

    tex_mobject.tex_to_svg_file = recording_tex_to_svg_file
    tex_file_writing.tex_to_svg_file = recording_tex_to_svg_file
    tex_file_writing.make_tex_compilation_command = _tex_command_in_cwd(tex_file_writing.make_tex_compilation_command)
    original_progression = Scene.get_time_progression

    def get_time_progression(self, run_time, *a, **k):
        return reporter.wrap(original_progression(self, run_time, *a, **k), self, run_time)

    Scene.get_time_progression = get_time_progression
    _draw_nothing_when_skipping()
    if job["mode"] == "render":
        _hold_still(state)
    return state


def _draw_nothing_when_skipping():
    """A skipped play (the fast check) still draws, in manim: the still mobjects into a background image and
    every moving mobject at the play's end. Both feed only frames that are written, and a skipped play writes
    none (play_internal even drops the image); the last frame is drawn afresh (scene_finished). So skipping the
    drawing changes no output, while 3D scenes with thousands of faces spent minutes per play on it."""
    from manim.renderer.cairo_renderer import CairoRenderer

    save_static, render = CairoRenderer.save_static_frame_data, CairoRenderer.render

    def save_static_frame_data(self, scene, static_mobjects):
        if self.skip_animations:
            self.static_image = None
            return None
        return save_static(self, scene, static_mobjects)

    def render_frame(self, scene, time, moving_mobjects=None):
        if not self.skip_animations:
            render(self, scene, time, moving_mobjects)

    CairoRenderer.save_static_frame_data, CairoRenderer.render = save_static_frame_data, render_frame


STILL_SECONDS = 2.0  # how long the video of a scene that plays nothing holds its frame


def _hold_still(state):
    """A scene that only adds things and plays nothing gets a short video holding its frame (manim would
    write a PNG and no video); state["still"] says so for the result's fixes."""
    from manim.manager import Manager

    original = Manager.post_construct

    def post_construct(self):
        if self.num_plays == 0:
            state["still"] = True
            self.scene.wait(STILL_SECONDS)
        original(self)

    Manager.post_construct = post_construct


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
    # Scenes written for ManimGL or a desktop set `config.renderer = "opengl"`; manim's classes were made for
    # Cairo at import, so its OpenGL code paths then fail on them (ImageMobject has no align_data_and_family).
    config.renderer = "cairo"
    if job.get("tex_dir"):
        config.tex_dir = job["tex_dir"]
    config.pixel_width, config.pixel_height = job["width"], job["height"]
    config.frame_rate = job["fps"]
    config.output_file = "scene"
    config.progress_bar = "none"
    config.verbosity = "ERROR"
    config.disable_caching = True  # our own cache works on whole results; manim's adds hashing cost
    config.format = None
    config.transparent = bool(job.get("transparent")) and job["mode"] == "render"  # a background goes under
    config.no_latex_cleanup = True  # the TeX logs stay in the job folder (removed with it) for error reports
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
    if isinstance(getattr(exc, "sandbox_error", None), dict):  # pacing.SceneTooLong: a typed limit
        return {**exc.sandbox_error, "line": line}
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
    mode = "RGBA" if job.get("transparent") else "RGB"  # the background stage lays it over its plate
    Image.fromarray(scene.renderer.get_frame()).convert(mode).save(job["poster"])


def load_layout_probe(job, filename="layout_probe.py"):
    """Job mode "layout": layout_probe.py (next to this file) patches manim to record boxes after each play.
    With filename="pacing.py": the requested-length cap and the liveness beats, for every job; "drift.py": the
    run-time API drift patches, for every job; "culling.py": the 3D camera's culling, for every job; "memo3d.py": the 3D
    camera's per-frame memo, for every job; "faces3d.py": its one-pass face drawing, for every job; "families.py":
    the camera's quick family listing, for every job."""
    import importlib.util

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), filename)
    spec = importlib.util.spec_from_file_location("mathanim_" + filename[:-3], path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.install(job)
    return module


def _local_modules(job):
    """The folder of the scene file's bundled modules (render.sandbox_run writes them), put last on the import
    path (they never shadow an installed module: local_modules.py bundles no installed name); [] if none."""
    if not job.get("local_modules"):
        return []
    folder = os.path.join(os.path.dirname(os.path.abspath(job["scene_file"])), "modules")
    sys.path.append(folder)
    return [folder]


def _import_manim_without_plugins():
    """manim's import loads every installed plugin (a quarter of its 1.2 s: manim_voiceover pulls in
    scipy.interpolate); a scene that uses one imports it itself, so its entry points are hidden meanwhile."""
    import importlib.metadata as md

    real = md.entry_points

    def entry_points(**params):
        return md.EntryPoints(()) if params.get("group") == "manim.plugins" else real(**params)

    md.entry_points = entry_points
    try:
        import manim  # noqa: F401  (trusted import before the guard goes up)
    finally:
        md.entry_points = real


def run(job):
    reporter = ProgressReporter(job.get("progress_fd", -1), job.get("total_time", 0.0), job.get("total_plays", 0))
    _import_manim_without_plugins()
    from PIL import Image  # noqa: F401

    tex_state = install_patches(job, reporter)
    probe = load_layout_probe(job) if job["mode"] == "layout" else None  # trusted patches, before the guard
    pacing = load_layout_probe(job, "pacing.py")
    drift = load_layout_probe(job, "drift.py")  # run-time API drift: what the fixer cannot see in the source
    load_layout_probe(job, "families.py")  # the camera lists a frame's leaves without a family walk for each
    load_layout_probe(job, "memo3d.py")  # a 3D frame computes each face's depth and normals once (before culling)
    load_layout_probe(job, "faces3d.py")  # and prepares its plain shaded faces as arrays, then draws them with Cairo
    culling = load_layout_probe(job, "culling.py")  # a 3D camera draws only the faces the frame shows
    if job.get("voiceover"):  # manim_voiceover: its services replaced by the speech made before the run
        load_layout_probe(job, "voiceover_shim.py")
    guard = Guard(job["write_roots"], job["read_roots"], _local_modules(job))
    sys.addaudithook(guard)
    guard.active = job.get("audit_hook", True)  # the tests switch it off to prove the outer wall alone holds
    try:
        cls = load_scene_class(job)
        configure(job)
        scene = cls()
        scene.render()
        save_poster(scene, job)
        reporter.emit(scene.renderer.num_plays, 1.0, force=True)
        video = getattr(scene.renderer.file_writer, "movie_file_path", None)
        return {"ok": True, "num_plays": scene.renderer.num_plays, "duration": float(scene.renderer.time),
                "video": str(video) if video and job["mode"] == "render" else None, "still": bool(tex_state.get("still")),
                "drift": sorted(drift.USED | culling.USED), "parts": pacing.PARTS["peak"],
                **(probe.result(scene) if probe else {})}
    except BaseException as exc:  # everything the scene raises becomes a typed error
        if isinstance(exc, SystemExit):
            exc = RuntimeError("the scene called exit()")
        return {"ok": False, "error": describe_error(exc, job, tex_state)}


def apply_limits(limits, progress_fd=-1):
    """The runner's rlimits and death with its parent, set first: before manim, the scene, or the audit hook (which
    refuses setrlimit and ctypes to everything after it)."""
    import ctypes
    import resource

    for name, pair in limits.get("rlimits", {}).items():
        resource.setrlimit(getattr(resource, name), tuple(pair))
    if limits.get("parent"):  # bubblewrap's --die-with-parent does this where it is the wall
        ctypes.CDLL(None, use_errno=True).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
        if os.getppid() != limits["parent"]:  # it died before the line above: nobody is waiting for this run
            os._exit(1)
    if progress_fd >= 0:
        threading.Thread(target=_exit_when_unread, args=(progress_fd,), daemon=True).start()


def _exit_when_unread(fd):
    """End the run once nobody can read the progress pipe: its reader (the runner) is dead. bubblewrap sets
    --die-with-parent only after its exec, so a worker killed in that window left the run going (seen in CI); the
    pipe's state has no such window. The write end of a pipe without readers polls as POLLERR."""
    import select

    poller = select.poll()
    poller.register(fd, 0)  # no events asked for: POLLERR and POLLHUP are always reported
    while True:
        events = [event for _fd, event in poller.poll()]
        if any(event & (select.POLLERR | select.POLLHUP) for event in events):
            os._exit(1)
        if any(event & select.POLLNVAL for event in events):  # the fd was closed here: nothing left to watch
            return


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        job = json.load(f)
    apply_limits(job.get("limits", {}), job.get("progress_fd", -1))
    out = run(job)
    with open(job["result"], "w", encoding="utf-8") as f:
        json.dump(out, f)
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: faster, and nothing of the scene's runs after this point


if __name__ == "__main__":
    main()
