"""What the panes show for one job, folded event by event from the pipeline's stream.

A View holds no Gradio state: `values()` maps it onto the named components (plain values, and a Dataset update
for the suggested topics).
"""

from __future__ import annotations

import html
import time
from dataclasses import dataclass, field
from typing import Any

import gradio as gr

from ..events import Error, Preview, Progress, Status, fold_text
from ..presets import FORMATS, PRESETS
from ..result import Result
from .files import serve
from .layout import Components
from .texts import STAGES, explain, hint_words

# The files offered for download, in this order; the poster and the reasoning only go into the zip.
DOWNLOAD_ORDER = (*FORMATS, "py", "notes_md", "notes_tex", "notes_pdf", "srt", "vtt", "audio", "storyboard", "zip")


@dataclass
class Finished:
    """The end of a job: the Result, the files offered for download (kind -> path) and the history id."""

    result: Result
    files: dict[str, str]
    gen_id: int | None


def refused(concept: str, kind: str, message: str) -> Finished:
    """The end of a job that stopped before it produced anything (bad input, a stuck worker)."""
    return Finished(Result(concept=concept, error={"kind": kind, "message": message}), {}, None)


@dataclass
class View:
    """What the panes show for one job, updated event by event."""

    reasoning: str = ""
    code: str = ""
    notes: str = ""
    stage: str = "generate"
    message: str = ""
    attempt: int = 1
    of: int = 1
    fixes: list[str] = field(default_factory=list)
    progress: tuple[float, str] | None = None
    problem: str = ""
    error: tuple[str, str, int | None] | None = None  # the last Error event: kind, message, line
    finished: Finished | None = None
    preview: str | None = None  # the fast check's frame, shown in the poster area while the render runs
    preview_shown: bool = False
    # Stop was pressed: the panes are the person's now (they may edit the code), so the job's late updates
    # (it can take seconds to end) no longer overwrite them
    stopped: bool = False
    t0: float = field(default_factory=time.monotonic)
    _media: tuple | None = field(default=None, repr=False)

    def apply(self, ev: Any) -> None:
        """Fold one pipeline event into the view."""
        if fold_text(self, ev):
            return
        if isinstance(ev, Status):
            self._status(ev)
        elif isinstance(ev, Progress):
            self.progress = (max(0.0, min(1.0, ev.fraction)), ev.label)
        elif isinstance(ev, Preview):
            self.preview, self.preview_shown = ev.path, False
        elif isinstance(ev, Error):
            self.problem = explain(ev.kind, ev.message, ev.line) + hint_words(getattr(ev, "hint", ""))
            self.error = (ev.kind, ev.message, ev.line)
        elif isinstance(ev, Finished):
            self.finished = ev

    def _status(self, ev: Status) -> None:
        self.stage, self.message = ev.stage, ev.message
        if ev.stage in ("generate", "render"):  # the stages that carry the round number
            self.attempt, self.of = ev.attempt, ev.of
        if ev.stage == "fix" and ev.message not in self.fixes:
            self.fixes.append(ev.message)
        if ev.stage == "generate":
            self.problem = ""  # a repair round starts: the earlier error is being dealt with
        if ev.stage == "render":
            self.progress = (0.0, "starting the renderer")

    @property
    def shows_text(self) -> bool:
        """Whether any pane has text yet."""
        return bool(self.reasoning or self.code or self.notes)

    def status_md(self) -> str:
        """The status line: stage, attempt n of N, fixes applied, elapsed time (or the outcome)."""
        fixes = f" · fixes: {'; '.join(self.fixes)}" if self.fixes else ""
        if self.finished:
            return self._outcome_md(self.finished.result, fixes)
        head = f"**{STAGES.get(self.stage, self.stage.title())}…** · attempt {self.attempt} of {self.of}"
        note = f" · {html.escape(self.problem)}" if self.problem else ""
        return f"{head} · {time.monotonic() - self.t0:.1f} s{fixes}{note}"

    def _outcome_md(self, res: Result, fixes: str) -> str:
        if res.ok:
            cached = " · from the cache" if res.cached else ""
            return (f"**Done** in {res.seconds.get('total', 0):.1f} s · {PRESETS[res.quality].resolution}"
                    f" · attempt {res.attempts} of {self.of}{cached}{background_md(res.background)}{fixes}")
        err = res.error or {}
        words = explain(err.get("kind", "internal"), err.get("message", ""), err.get("line"))
        words += hint_words(err.get("hint", ""))
        return f"**{'Stopped' if err.get('kind') == 'cancelled' else 'Could not finish'}**: {words}"

    def progress_html(self) -> str:
        """The progress bar of the render, or '' before a render starts and after a failed job."""
        if self.progress is None or (self.finished and self.finished.result.ok is False):
            return ""
        frac, label = (1.0, "finished") if self.finished else self.progress
        pct = round(frac * 100)
        return (f'<div class="ma-progress" role="progressbar" aria-valuenow="{pct}" aria-valuemin="0" '
                f'aria-valuemax="100"><div class="ma-bar" style="width:{pct}%"></div></div>'
                f'<div class="ma-progress-label">{html.escape(label)} · {pct}%</div>')

    def values(self, c: Components, clear: bool = False, text: bool = True) -> dict[Any, Any]:
        """Values for the components that show this view: the status line, the progress bar, with `text` the
        three panes (not after Stop), and once finished (or with `clear`, emptied) the player, the poster and the downloads."""
        shown = {c.status: self.status_md(), c.progress: self.progress_html()}
        text = text and not self.stopped
        if text:
            shown |= {c.reasoning: self.reasoning, c.code: self.code, c.notes: self.notes}
        if self.finished or clear:  # else the player keeps what it shows until the job ends
            video, poster, downloads = self.media() if self.finished else (None, None, None)
            shown |= {c.video: video, c.poster: poster, c.downloads: downloads,
                      c.scores: scores_md(self.finished.result.candidates) if self.finished else ""}
            if text:  # a generation: the nearest topics when the offline catalogue does not hold the request
                near = self.finished.result.suggestions if self.finished else []
                shown[c.suggestions] = gr.Dataset(samples=[[s] for s in near], visible=bool(near))
        elif self.preview and not self.preview_shown:  # sent once: the page keeps it until the video comes
            shown[c.poster], self.preview_shown = serve(self.preview), True
        return shown

    def media(self) -> tuple[Any, Any, Any]:
        """(video, poster, downloads) for the player and the file list (copied to Gradio's cache once)."""
        if self._media is None:
            files = self.finished.files if self.finished else {}
            video = files.get("mp4") or files.get("webm")
            poster = files.get("poster") or files.get("gif")
            downloads = [serve(files[k]) for k in DOWNLOAD_ORDER if files.get(k)]
            self._media = (serve(video), serve(poster), downloads or None)
        return self._media


SCORE_COLUMNS = ("renders", "layout", "contrast", "motion", "duration", "alignment", "consistency")


def scores_md(candidates: list[dict]) -> str:
    """Best-of-N: a table of each candidate's reward components and total (the rendered one marked)."""
    if not candidates:
        return ""
    head = "| candidate | total | " + " | ".join(SCORE_COLUMNS) + " |"
    rows = [head, "|" + " --- |" * (len(SCORE_COLUMNS) + 2)]
    for c in candidates:
        comps = c.get("components") or {}
        cells = ["–" if comps.get(k) is None else f"{comps[k]:.2f}" for k in SCORE_COLUMNS]
        name = f"{c['candidate']}{' (rendered)' if c.get('chosen') else ''}"
        if c.get("error"):
            name += f" · {html.escape(c['error'].get('kind', 'error'))}"
        rows.append(f"| {name} | {c.get('total', c.get('score', 0.0)):.2f} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def background_md(record: dict | None) -> str:
    """The background a render was composited over, and the text contrast it reached."""
    if not record:
        return ""
    after = record.get("contrast_after")
    reached = f", text contrast ≥ {after:.1f}:1" if after is not None else ""
    return f" · background {html.escape(str(record.get('label', '')))}{reached}"
