"""Hostile TeX and file reads: every route from a scene to a file outside its folder is contained.

A scene builds each TeX command at run time (string joins, chr, format, catcode changes, ^^ notation, an
environment named after the command), aimed at four places: a file inside the project, a dot file inside
the project, /etc/passwd and another job's folder, by absolute and by relative path. Three layers stop it:
the runtime TeX check in the child (a clear "refused"), kpathsea's openin_any=p (TeX and dvisvgm read no
absolute path outside the job folder, no `..`, no dot file) and bubblewrap (the files are not even mounted).
The layer tests switch the first one off to show the walls hold on their own, and a positive control per
route reads a file inside the job folder, to show that the route really reads and that the detector sees
it. Detection: every file the run left (the .tex, .log, .aux, .dvi, .svg; the frame is drawn from the DVI
through dvisvgm) is scanned for the canary's text, its hex dump and its MD5 sum.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from pathlib import Path

import pytest
from conftest import require, under_ci

from mathanim import render
from mathanim.config import ROOT
from mathanim.job import Job
from mathanim.sandbox import wall
from mathanim.sandbox.runner import ChildLimits, run_child

CANARY = "7302958146"  # digits: no kerning in any TeX font, so they stay one run of bytes in the DVI
HEAD = """from manim import *
b = chr(92)
cats = "".join(b + "catcode`" + b + c + "=12 " for c in "#_$%&^~")
tpl = TexTemplate()
tpl.add_to_preamble(b + "usepackage{verbatim}" + b + "usepackage{graphicx}")
"""
TAIL = """
class T(Scene):
    def construct(self):
        self.add(Tex(tex, tex_template=tpl))
"""
# route -> Python code that sets `tex` from `path` (and `stem`, the path without ".tex"), built at run time.
ROUTES = {
    "input_join": 'tex = "".join([b, "tt", "family ", cats, b, "in", "put{", path, "}"])',
    "input_format": 'tex = "{0}ttfamily {1}{0}{2}{{{3}}}".format(b, cats, "in" + "put", path)',
    "include": 'tex = b + "ttfamily " + cats + b + "in" + "clude{" + stem + "}"',
    "openin_read": ('tex = cats + b + "ttfamily " + b + "new" + "read" + b + "r " + b + "open" + "in" + b + "r="'
                    ' + path + " " + b + "re" + "ad" + b + "r to" + b + "x " + b + "x"'),
    "verbatiminput": 'tex = b + "verbatim" + "input{" + path + "}"',
    "includegraphics": 'tex = b + "include" + "graphics{" + stem + ".eps}"',
    "pdffiledump": 'tex = b + "ttfamily " + b + "pdffile" + "dump length 64 {" + path + "}"',
    "pdfmdfivesum": 'tex = b + "ttfamily " + b + "pdfmdfive" + "sum file {" + path + "}"',
    "hat_notation": 'tex = "^^5cttfamily " + cats + "^" + "^5cinput{" + path + "}"',
    "begin_environment": 'tex = b + "ttfamily " + cats + b + "begin{in" + "put}{" + path + "}" + b + "end{input}"',
}
# Routes whose positive control shows content in the outputs; includegraphics leaves its trace in the log.
TRACE = {"includegraphics": b"Graphic file"}
OWN_FILES = {"scene.py", "job.json", "inside.tex", "inside.eps"}  # written by the test or by the scene itself


def _canary_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "canary.tex").write_text(f"{CANARY}\n")
    (folder / ".env").write_text(f"{CANARY}\n")
    (folder / "canary.eps").write_text(f"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n% {CANARY}\n")


@pytest.fixture(params=["bubblewrap", "no bubblewrap"])
def outer_wall(request, monkeypatch):
    """Each test runs twice: behind bubblewrap, and without it, to prove the inner layers hold alone."""
    if request.param == "bubblewrap":
        require("bwrap", wall.bwrap_works())  # skipped where it cannot work; under CI that fails instead
    if request.param == "no bubblewrap":
        monkeypatch.setattr(wall, "bwrap_works", lambda: False)
    return request.param


@pytest.fixture
def targets(settings):
    """name -> path as the scene writes it; the files hold the canary (or are /etc/passwd)."""
    project = ROOT / "media" / f"canary-{uuid.uuid4().hex[:8]}"  # git-ignored, inside the project
    other = settings.work_dir / "otherjob0000000"
    _canary_files(project)
    _canary_files(other)
    probe = settings.work_dir / ("0" * 16)  # a job folder has this depth
    yield {
        "project_abs": str(project / "canary.tex"),
        "project_rel": os.path.relpath(project / "canary.tex", probe),
        "project_dotfile": os.path.relpath(project / ".env", probe),
        "etc_abs": "/etc/passwd",
        "etc_rel": "../" * 24 + "etc/passwd",
        "otherjob_abs": str(other / "canary.tex"),
        "otherjob_rel": "../otherjob0000000/canary.tex",
    }
    shutil.rmtree(project, ignore_errors=True)


def secrets() -> list[bytes]:
    """What a leak looks like: the canary and the start of /etc/passwd, as text, hex dump or MD5 sum."""
    passwd = Path("/etc/passwd").read_bytes()
    found = [CANARY.encode(), passwd[:10]]
    out = [*found, *(f.hex().upper().encode() for f in found)]
    for data in (f"{CANARY}\n".encode(), passwd):
        out.append(hashlib.md5(data).hexdigest().upper().encode())
    return out


def leaks(work: Path, route: str) -> list[str]:
    """Files in the job folder that hold a secret (or, for includegraphics, the trace of a loaded graphic)."""
    marks = [*secrets(), *([TRACE[route]] if route in TRACE else [])]
    hits = []
    for p in work.rglob("*"):
        if p.is_file() and p.name not in OWN_FILES and p.stat().st_size < 20_000_000:
            data = p.read_bytes()
            hits += [f"{p.name}: {m[:20]!r}" for m in marks if m in data]
    return hits


def scene(route: str, path: str, prelude: str = "") -> str:
    stem = path[:-4] if path.endswith(".tex") else path
    return f"{HEAD}{prelude}path = {path!r}\nstem = {stem!r}\n{ROUTES[route]}\n{TAIL}"


def run(settings, code: str, check_tex: bool = True):
    """Run `code` in the sandbox child exactly as a fast check does, with the static guard bypassed."""
    work = settings.work_dir / uuid.uuid4().hex[:16]
    work.mkdir(parents=True)
    (work / "scene.py").write_text(code)
    job = {"mode": "check", "scene_file": str(work / "scene.py"), "scene": "T", "media_dir": str(work / "media"),
           "width": 854, "height": 480, "fps": 30, "poster": str(work / "poster.png"), "tex_seeds": [],
           "check_tex": check_tex}
    return work, run_child(work, job, ChildLimits(wall_s=60, memory_mb=2048, file_mb=64))


def test_the_outer_wall_is_bubblewrap_where_it_is_installed():
    if under_ci() or shutil.which("bwrap"):
        assert wall.wall_name() == "bubblewrap"


def test_tex_runs_in_kpathsea_paranoid_mode(tmp_path):
    from mathanim.sandbox.runner import scrubbed_env

    env = scrubbed_env(tmp_path)
    assert (env["openin_any"], env["openout_any"], env["shell_escape"]) == ("p", "p", "f")
    assert "TEXMFOUTPUT" not in env  # it would open absolute paths below it
    assert not any(k.endswith(("_KEY", "TOKEN")) for k in env)


@pytest.mark.parametrize("route", sorted(set(ROUTES) - {"begin_environment"}))
def test_positive_control_each_route_reads_inside_the_job_folder(route, settings):
    """With the TeX check off, each route reads a file in the job folder: the routes are real, the detector works."""
    prelude = ('open("inside.tex", "w").write("' + CANARY + '\\n")\n'
               'open("inside.eps", "w").write("%!PS-Adobe-3.0 EPSF-3.0\\n%%BoundingBox: 0 0 10 10\\n")\n')
    work, out = run(settings, scene(route, "inside.tex", prelude), check_tex=False)
    assert leaks(work, route), (route, out.error, out.output[-500:])


def all_routes(path: str) -> str:
    """One scene that tries every route on `path` in turn (a failing route does not stop the next)."""
    stem = path[:-4] if path.endswith(".tex") else path
    blocks = "".join(f"{code}\ntexs.append(tex)\n" for code in ROUTES.values())
    return (f"{HEAD}path = {path!r}\nstem = {stem!r}\ntexs = []\n{blocks}\n"
            "class T(Scene):\n    def construct(self):\n        for t in texs:\n            try:\n"
            "                self.add(Tex(t, tex_template=tpl))\n            except Exception:\n"
            "                pass\n")


@pytest.mark.parametrize("target", ["project_abs", "project_rel", "project_dotfile", "etc_abs", "etc_rel",
                                    "otherjob_abs", "otherjob_rel"])
def test_walls_alone_keep_every_route_out(target, targets, settings, outer_wall):
    """kpathsea's paranoid mode (and bubblewrap), without the TeX check: no route reads outside the folder."""
    work, out = run(settings, all_routes(targets[target]), check_tex=False)
    assert out.ok, out.error  # every route ran (and failed or read nothing) inside the scene
    assert len(list(work.rglob("*.log"))) >= len(ROUTES) - 1  # TeX really ran for the routes
    assert leaks(work, "includegraphics") == [], target


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_tex_check_refuses_each_route_clearly(route, targets, settings):
    target = ["project_abs", "project_rel", "etc_abs", "etc_rel", "otherjob_abs", "otherjob_rel",
              "project_dotfile"][sorted(ROUTES).index(route) % 7]
    work, out = run(settings, scene(route, targets[target]))
    assert not out.ok and out.error.kind == "refused", (route, out.error)
    assert "not allowed" in out.error.message
    assert leaks(work, route) == []


# Other ways around: a compiler that ignores kpathsea, options that lift it, the environment, the folder.
AROUND = {
    "lualatex": ('tpl = TexTemplate(tex_compiler="lualatex", output_format=".dvi")\n'
                 'tex = b + "directlua{tex.print(io.open(\\"" + path + "\\"):read(\\"*a\\"))}"'),
    "cnf_line": ('import subprocess\nopen("x.tex", "w").write(b + "input{" + path + "}" + b + "bye")\n'
                 'subprocess.run(["latex", "-cnf-line=openin_any=a", "x.tex"])\ntex = "x"'),
    "own_latex": ('import os, subprocess\nopen("latex", "w").write("#!/bin/sh\\ncat " + path + " > got.txt")\n'
                  'os.chmod("latex", 0o755)\nsubprocess.run(["./latex"])\ntex = "x"'),
    "putenv": 'import os\nos.environ["openin_any"] = "a"\ntex = b + "ttfamily " + b + "in" + "put{" + path + "}"',
    "chdir": 'import os\nos.chdir("/")\ntex = b + "ttfamily " + b + "in" + "put{etc/passwd}"',
}


@pytest.mark.parametrize("name", sorted(AROUND))
def test_no_way_around_the_tex_walls(name, targets, settings, outer_wall):
    code = f"{HEAD}path = {targets['project_abs']!r}\n{AROUND[name]}\n{TAIL}"
    work, out = run(settings, code, check_tex=False)
    assert not out.ok and out.error.kind in ("refused", "latex"), (name, out.error)
    assert leaks(work, "x") == [], name


# The same read rule for Python in the scene: the job folder and the system trees, nothing else.
PY_READS = {
    "image_tmp": 'ImageMobject({png!r})',
    "open_project": 'Text(open({project!r}).read())',
    "svg_other_job": 'SVGMobject({other!r})',
    "listdir_tmp": 'Text(" ".join(__import__("os").listdir("/tmp")))',
    "path_read_text": 'Text(__import__("pathlib").Path({project!r}).read_text())',
}


@pytest.mark.parametrize("name", sorted(PY_READS))
def test_python_reads_outside_the_folder_are_refused(name, targets, settings, tmp_path, outer_wall):
    from PIL import Image

    png = tmp_path / "canary.png"
    Image.new("RGB", (8, 8), (255, 0, 0)).save(png)
    other = Path(targets["otherjob_abs"]).with_name("pic.svg")
    other.write_text(f'<svg xmlns="http://www.w3.org/2000/svg"><text>{CANARY}</text><rect width="5" height="5"/></svg>')
    expr = PY_READS[name].format(png=str(png), project=targets["project_abs"], other=str(other))
    code = f"from manim import *\n\nclass T(Scene):\n    def construct(self):\n        self.add({expr})\n"
    work, out = render.sandbox_run(code, Job.make(settings, scene="T"), "check", ChildLimits(wall_s=60))
    if outer_wall == "bubblewrap" and out.error and out.error.kind == "runtime":
        assert "could not find" in out.error.message or "No such file" in out.error.message  # not even mounted
    else:
        assert not out.ok and out.error.kind == "refused", (name, out.error)
    assert leaks(work, "x") == []


def test_reads_inside_the_folder_and_system_fonts_still_work(settings, outer_wall):
    code = ('from manim import *\n\nclass T(Scene):\n    def construct(self):\n'
            '        open("mine.txt", "w").write("own file")\n'
            '        self.add(Text(open("mine.txt").read()), MathTex(r"\\int_0^1 x\\,dx"))\n')
    work, out = render.sandbox_run(code, Job.make(settings, scene="T"), "check", ChildLimits(wall_s=60))
    assert out.ok, out.error


def test_dotenv_keys_stay_in_memory_not_in_the_environment(tmp_path, monkeypatch):
    """Keys from .env reach the settings but never os.environ, which every child process would inherit."""
    from mathanim import config

    (tmp_path / ".env").write_text("DEEPSEEK_API_KEY=sk-canary-in-dotenv\nMATHANIM_MAX_ROUNDS=5\n")
    monkeypatch.setattr(config, "ROOT", tmp_path)
    monkeypatch.delenv("DEEPSEEK_API_KEY", raising=False)
    settings = config.Settings.load()
    assert settings.deepseek_api_key == "sk-canary-in-dotenv" and settings.max_rounds == 5
    assert "DEEPSEEK_API_KEY" not in os.environ


# Study notes are written by the model too, and their maths goes to pdflatex / lualatex.
NOTES_ROUTES = {
    "input": r"$\texttt{\input{PATH}}$",
    "pdffiledump": r"$\texttt{\pdffiledump length 20 {PATH}}$",
    "directlua": r"$\directlua{tex.print(io.open('PATH'):read('*a'))}$ 中文",
}


def _pdf_leak(paths: dict, needle: bytes) -> bool:
    """Whether `needle` is typeset in the PDF (its content streams are inflated first)."""
    import re
    import zlib

    if not paths.get("notes_pdf"):
        return False
    data = Path(paths["notes_pdf"]).read_bytes()
    found = [data]
    for raw in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            found.append(zlib.decompressobj().decompress(raw))
        except zlib.error:  # not a Flate stream: already searched as raw bytes
            pass
    return any(needle in s for s in found)


@pytest.mark.parametrize("route", sorted(NOTES_ROUTES))
def test_notes_refuse_file_commands(route, tmp_path):
    from mathanim.notes import write_notes

    paths = write_notes("# Notes\n\n" + NOTES_ROUTES[route].replace("PATH", "/etc/passwd"), tmp_path)
    assert "notes_pdf" not in paths and paths["error"].startswith("refused"), paths
    assert Path(paths["notes_tex"]).exists() and Path(paths["notes_md"]).exists()  # nothing the user made is lost


def test_notes_walls_hold_without_the_check(tmp_path, monkeypatch, outer_wall):
    """With the TeX check off, pdfTeX still cannot dump /etc/passwd; it can dump its own notes.tex (control)."""
    from mathanim import notes

    monkeypatch.setattr(notes, "tex_refusal", lambda text: None)
    hexed = Path("/etc/passwd").read_bytes()[:10].hex().upper().encode()
    for n, path in enumerate(["/etc/passwd", "../" * 24 + "etc/passwd"]):
        paths = notes.write_notes("# N\n\n" + NOTES_ROUTES["pdffiledump"].replace("PATH", path), tmp_path, f"n{n}")
        assert not _pdf_leak(paths, hexed), path
    control = notes.write_notes("# N\n\n" + NOTES_ROUTES["pdffiledump"].replace("PATH", "notes.tex"), tmp_path, "c")
    assert _pdf_leak(control, b"\\documentclass"[:10].hex().upper().encode()), control
