"""Command line: `python text_to_manim.py "CONCEPT" …` or `--scene-file FILE …`.

Exit codes: 0 success, 1 failed generation or render, 2 bad usage. With --json the last stdout line is one JSON
object with the Result's keys.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import backgrounds, local_modules
from .backends import BACKENDS, get_backend
from .config import Settings
from .events import Done, Error, Preview, Progress, SceneStatus, Status, StoryboardUpdate
from .job import Job
from .pipeline import generate, render_code
from .presets import DEFAULT_PRESET, FORMATS, PRESETS
from .result import ErrorInfo, Result


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # exit 2 with a short message, as argparse does, but without the usage dump
        print(f"error: {message}\n(see --help)", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="text_to_manim.py", description="Turn a math or science concept into a Manim animation.")
    p.add_argument("concept", nargs="?", help="the concept, e.g. 'derivative of x^2 sin x' or '勾股定理'")
    p.add_argument("--scene-file", type=Path, help="render an existing scene file instead of a concept")
    p.add_argument("--scene", help="scene class to render (default: the only Scene in the file)")
    p.add_argument("--backend", choices=BACKENDS, default="offline", help="who writes the scene (default offline)")
    p.add_argument("--base-url", help="OpenAI-compatible base URL (deepseek/local backends)")
    p.add_argument("--model", help="model name (deepseek/local backends)")
    p.add_argument("--quality", choices=list(PRESETS), default=DEFAULT_PRESET,
                   help=", ".join(f"{k}={v.resolution}" for k, v in PRESETS.items()))
    p.add_argument("--format", action="append", dest="formats", metavar="FMT",
                   help=f"output format: {'|'.join(FORMATS)} (repeat or comma-separate for several; default mp4)")
    p.add_argument("--out", type=Path, help="output folder (default: a new folder under media/runs)")
    p.add_argument("--json", action="store_true", help="print one JSON object as the last line of stdout")
    p.add_argument("--max-rounds", type=int, help="model backends: at most this many generate/repair rounds")
    p.add_argument("--no-cache", action="store_true", help="render again even when a cached result exists")
    p.add_argument("--check-layout", action="store_true",
                   help="add layout: {score, defects} (off-frame, overlapping, low-contrast, tiny text) to the result")
    p.add_argument("--relayout", action="store_true",
                   help="with --check-layout: when a model's last scene still has layout defects, move its texts "
                        "into a layout plan (mathanim/plan) if that leaves fewer")
    p.add_argument("--candidates", type=int, default=1, metavar="N",
                   help="model backends: write N scenes in parallel and render the best-scoring one")
    p.add_argument("--background", metavar="NAME|PATH",
                   help=f"composite the scene over a background: {'|'.join(backgrounds.NAMES)} (':SEED' for another "
                        "seed), a picture file, or a local diffusers model folder; default none (plain render)")
    p.add_argument("--lesson", action="store_true",
                   help="a narrated lesson: a storyboard of 3-8 scenes rendered in parallel, voice-over, subtitles")
    p.add_argument("--narration", choices=("espeak", "piper", "openai", "none"),
                   help="lessons: the speech engine (default piper for English, espeak otherwise)")
    p.add_argument("--voice", metavar="NAME", help="lessons: the voice (piper: a .onnx path; espeak/openai: a name)")
    p.add_argument("--language", help="lessons: the narration language, e.g. en or zh (default: from the concept)")
    p.add_argument("--storyboard", type=Path, metavar="FILE",
                   help="lessons: render this (edited) storyboard text instead of writing one")
    return p


def parse_formats(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or ["mp4"]:
        for f in v.split(","):
            f = f.strip().lower()
            if f not in FORMATS:
                raise UsageError(f"unknown format {f!r}; choose from {', '.join(FORMATS)}")
            if f not in out:
                out.append(f)
    return out


class Reporter:
    """Human-readable progress on stderr (a bar during the render); silent in --json mode."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar_open = False

    def status(self, text: str) -> None:
        if not self.quiet:
            self._end_bar()
            print(f"• {text}", file=sys.stderr, flush=True)

    def progress(self, fraction: float, label: str) -> None:
        if self.quiet:
            return
        filled = int(fraction * 30)
        print(f"\r  [{'#' * filled}{'.' * (30 - filled)}] {fraction * 100:5.1f}% {label:<24}", end="",
              file=sys.stderr, flush=True)
        self.bar_open = True

    def _end_bar(self) -> None:
        if self.bar_open:
            print(file=sys.stderr)
            self.bar_open = False

    def summary(self, res: Result) -> None:
        self._end_bar()
        if res.ok:
            print(f"Done in {res.seconds.get('total', 0):.1f} s" + (" (cached)" if res.cached else "")
                  + (f" on worker {res.worker}" if res.worker else ""))
            for label, path in [*res.videos.items(), ("poster", res.poster), ("code", res.code),
                                ("notes", res.notes_md), ("notes pdf", res.notes_pdf)]:
                if path:
                    print(f"  {label:<10} {path}")
            for f in res.fixes:
                print(f"  fixed: {f}")
            if res.recognised is False:
                near = f"; nearest topics: {', '.join(res.suggestions)}" if res.suggestions else ""
                print(f"  not in the offline catalogue{near} (a model backend can animate it)")
            for sc in res.scenes:
                print(f"  scene {sc['index'] + 1:<4} {sc['status']:<7} {sc['title']} ({sc['attempts']} attempt(s))")
            for label, path in [*res.subtitles.items(), ("audio", res.audio), ("storyboard", res.storyboard)]:
                if path:
                    print(f"  {label:<10} {path}")
            for c in res.candidates:
                print(f"  candidate {c['candidate']}: score {c['score']:.2f}" + (" (rendered)" if c.get("chosen") else ""))
            if res.background:
                b = res.background
                print(f"  background {b['label']} (seed {b['seed']}), {b['dimmed']} of {b['texts']} text box(es) dimmed"
                      + (f", contrast {b['contrast_before']} -> {b['contrast_after']}" if b.get("texts") else ""))
            if res.layout:
                print(f"  layout     score {res.layout.get('score', 0):.2f}, {len(res.layout.get('defects', []))} defect(s)")
                for d in res.layout.get("defects", [])[:5]:
                    print(f"    - {d['message']}")
        else:
            err = res.error or {}
            where = f" (line {err['line']})" if err.get("line") else ""
            print(f"Failed [{err.get('kind')}]{where}: {err.get('message')}", file=sys.stderr)
            if err.get("detail"):
                print(err["detail"], file=sys.stderr)


def consume(events, rep: Reporter) -> Result:
    """Show the events of one request on stderr; return the Result the last one carries."""
    res = None
    for ev in events:
        if isinstance(ev, Status):
            rep.status(f"{ev.stage}: {ev.message}" + (f" (attempt {ev.attempt} of {ev.of})" if ev.of > 1 else ""))
        elif isinstance(ev, Progress):
            rep.progress(ev.fraction, ev.label)
        elif isinstance(ev, Preview):
            rep.status(f"preview: {ev.path} (after {ev.seconds:.1f} s)")
        elif isinstance(ev, SceneStatus) and (ev.state != "rendering" or ev.fraction == 0):
            rep.status(f"scene {ev.index + 1} ({ev.title}): {ev.state}" + (f" (attempt {ev.attempt} of {ev.of})"
                       if ev.attempt > 1 else "") + (f": {ev.message}" if ev.message else ""))
        elif isinstance(ev, StoryboardUpdate) and ev.final:
            rep.status("storyboard: " + " | ".join(ev.titles))
        elif isinstance(ev, Error) and not rep.quiet:
            rep.status(f"error [{ev.kind}]: {ev.message}")
        elif isinstance(ev, Done):
            res = ev.result
    return res  # Reasoning, Code and Notes are in the result's files; the UI shows them live


def run_scene_file(args, job: Job, rep: Reporter) -> Result:
    """Render an existing file on the same path as generated code: fixer, check, sandboxed render."""
    try:
        code = args.scene_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"cannot read {args.scene_file}: {e}") from None
    job = job.with_(out_dir=args.out or job.settings.media_dir / "out" / args.scene_file.stem, scene=args.scene,
                    modules=local_modules.find(code, args.scene_file))  # its own helper modules go along
    rep.status(f"rendering {args.scene_file} at {job.quality} ({job.preset.resolution})")
    return consume(render_code(code, job, "file", str(args.scene_file)), rep)


def run_concept(args, job: Job, rep: Reporter) -> Result:
    overrides = {k: v for k, v in (("base_url", args.base_url), ("model", args.model)) if v}
    backend = get_backend(args.backend, job.settings, **overrides)
    return consume(generate(args.concept, backend, job.with_(out_dir=args.out)), rep)


def run_lesson(args, job: Job, rep: Reporter) -> Result:
    """A narrated lesson (--lesson): storyboard, scenes in parallel with retries, voice-over, subtitles."""
    from .lesson.context import LessonJob, language_of
    from .lesson.run import generate_lesson
    from .speech import voice_spec

    board = None
    if args.storyboard:
        try:
            board = args.storyboard.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise UsageError(f"cannot read {args.storyboard}: {e}") from None
    voice = voice_spec(args.narration, args.voice, args.language or language_of(args.concept), job.settings)
    overrides = {k: v for k, v in (("base_url", args.base_url), ("model", args.model)) if v}
    backend = get_backend(args.backend, job.settings, **overrides)
    lj = LessonJob(job.with_(out_dir=args.out), voice, board_text=board)
    return consume(generate_lesson(args.concept, backend, lj), rep)


def make_job(args) -> Job:
    """The request's run context from the command line (raises UsageError on bad values)."""
    formats = parse_formats(args.formats)
    settings = Settings.load()
    if args.no_cache:
        settings = settings.with_(use_cache=False)
    if args.candidates < 1:
        raise UsageError("--candidates must be at least 1")
    if args.max_rounds is not None and args.max_rounds < 1:
        raise UsageError("--max-rounds must be at least 1")
    return Job.make(settings, args.quality, formats, check_layout=args.check_layout or args.relayout,
                    relayout=args.relayout, candidates=args.candidates,
                    max_rounds=args.max_rounds, background=backgrounds.parse(args.background))


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    rep = Reporter(quiet=args.json)
    try:
        if bool(args.concept) == bool(args.scene_file):
            raise UsageError("give either a CONCEPT or --scene-file FILE (not both)")
        if args.lesson and args.scene_file:
            raise UsageError("--lesson takes a CONCEPT, not --scene-file")
        job = make_job(args)
        run = run_lesson if args.lesson else run_scene_file if args.scene_file else run_concept
        res = run(args, job, rep)
    except (UsageError, ValueError) as e:
        res = Result(status="error", error=ErrorInfo("usage", str(e)).to_dict())
        print(f"error: {e}", file=sys.stderr) if not args.json else None
        if args.json:
            print(res.to_json())
        return 2
    if args.json:
        print(res.to_json())
    else:
        rep.summary(res)
    if res.error and res.error.get("kind") == "usage":
        return 2
    return 0 if res.ok else 1


