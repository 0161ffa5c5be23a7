"""Study notes: Markdown with LaTeX → a LaTeX document → PDF.

The Markdown subset is the one the engine and the model prompts write: `#`/`##`/`###` headings, paragraphs,
`-` and `1.` lists, pipe tables, `*italic*`, `**bold**`, `` `code` ``, inline `$...$` and display `$$...$$` maths.
English compiles with pdflatex; text with Chinese compiles with lualatex and the Noto CJK font.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from .sandbox import wall
from .sandbox.child import tex_refusal

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_TEXT_ESCAPES = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_", "{": r"\{",
                 "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "$": r"\$"}
_GREEK = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon " \
    "phi chi psi omega".split()
_SYMBOLS = {**{unicodedata.lookup(f"GREEK SMALL LETTER {g.upper().replace('LAMBDA', 'LAMDA')}"): f"\\ensuremath{{\\{g}}}" for g in _GREEK
               if g != "omicron"},
            "ς": r"\ensuremath{\varsigma}", "Δ": r"\ensuremath{\Delta}", "Σ": r"\ensuremath{\Sigma}",
            "Ω": r"\ensuremath{\Omega}", "Φ": r"\ensuremath{\Phi}", "Γ": r"\ensuremath{\Gamma}",
            "Λ": r"\ensuremath{\Lambda}", "Π": r"\ensuremath{\Pi}", "Θ": r"\ensuremath{\Theta}",
            "≈": r"\ensuremath{\approx}", "≤": r"\ensuremath{\le}", "≥": r"\ensuremath{\ge}",
            "→": r"\ensuremath{\to}", "×": r"\ensuremath{\times}", "·": r"\ensuremath{\cdot}", "−": "-",
            "∞": r"\ensuremath{\infty}", "√": r"\ensuremath{\surd}", "∫": r"\ensuremath{\int}",
            "≠": r"\ensuremath{\ne}", "±": r"\ensuremath{\pm}", "…": r"\ldots{}", "“": "``", "”": "''",
            "’": "'", "–": "--", "—": "---"}
_MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.S)

PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[margin=2.2cm]{geometry}
\usepackage{amsmath,amssymb}
%(fonts)s
\usepackage{hyperref}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.6em}
\title{%(title)s}
\date{}
\begin{document}
\maketitle
"""
FONTS_PDF = r"\usepackage[T1]{fontenc}" + "\n" + r"\usepackage[utf8]{inputenc}" + "\n" + r"\usepackage{lmodern}"
FONTS_CJK = r"\usepackage{fontspec}" + "\n" + r"\setmainfont{Noto Serif CJK SC}" + "\n" + \
    r"\setsansfont{Noto Sans CJK SC}"


def escape_text(s: str) -> str:
    """Escape LaTeX specials in plain text, then apply **bold**, *italic* and `code`."""
    out = "".join(_TEXT_ESCAPES.get(c) or _SYMBOLS.get(c, c) for c in s)
    out = re.sub(r"\*\*(.+?)\*\*", r"\\textbf{\1}", out)
    out = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\\emph{\1}", out)
    return re.sub(r"`([^`]+)`", r"\\texttt{\1}", out)


def inline(s: str) -> str:
    """A line of Markdown text with maths kept as LaTeX and everything else escaped."""
    parts, pos = [], 0
    for m in _MATH.finditer(s):
        parts.append(escape_text(s[pos:m.start()]))
        parts.append(f"\\[{m.group(1)}\\]" if m.group(1) is not None else f"${m.group(2)}$")
        pos = m.end()
    parts.append(escape_text(s[pos:]))
    return "".join(parts)


def _table(rows: list[str]) -> str:
    cells = [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows
             if not re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", r)]
    if not cells:
        return ""
    ncol = max(len(r) for r in cells)
    body = [" & ".join(inline(c) for c in r + [""] * (ncol - len(r))) + r" \\" for r in cells]
    body.insert(1, r"\hline")
    return "\\begin{center}\\begin{tabular}{" + "l" * ncol + "}\n" + "\n".join(body) + "\n\\end{tabular}\\end{center}"


class _Body:
    """Markdown lines → LaTeX body lines, one block at a time (a list item, a table, display maths, a heading)."""

    def __init__(self, md: str):
        self.lines, self.i, self.out = md.splitlines(), 0, []
        self.list_env: str | None = None
        self.titled = False

    def _list(self, line: str) -> bool:
        m_item = re.match(r"\s*(?:[-*]|(\d+)\.)\s+(.*)", line)
        env = ("enumerate" if m_item.group(1) else "itemize") if m_item else None
        if self.list_env and env != self.list_env:
            self.out.append(f"\\end{{{self.list_env}}}")
            self.list_env = None
        if not env:
            return False
        if not self.list_env:
            self.out.append(f"\\begin{{{env}}}")
            self.list_env = env
        self.out.append(r"\item " + inline(m_item.group(2)))
        return True

    def _until(self, stop) -> int:
        """The index of the first line from the current one on for which stop(line) holds (or the end)."""
        j = self.i
        while j < len(self.lines) and not stop(self.lines[j]):
            j += 1
        return j

    def _table(self) -> None:
        j = self._until(lambda ln: not ln.startswith("|"))
        self.out.append(_table(self.lines[self.i:j]))
        self.i = j - 1

    def _display(self) -> None:
        self.i += 1
        j = self._until(lambda ln: "$$" in ln)
        block = "\n".join(self.lines[self.i - 1:j + 1]).strip().strip("$")
        self.out.append(f"\\[{block}\\]")
        self.i = j

    def _heading(self, m: re.Match) -> None:
        level = len(m.group(1))
        if level == 1 and not self.titled:  # the first `# ` heading is the document's title
            self.titled = True
            return
        cmd = {1: "section*", 2: "section*", 3: "subsection*"}[level]
        self.out.append(f"\\{cmd}{{{inline(m.group(2))}}}")

    def _block(self, line: str) -> None:
        stripped = line.strip()
        if self._list(line):
            return
        if line.startswith("|"):
            self._table()
        elif stripped.startswith("$$") and not stripped.endswith("$$") or stripped == "$$":
            self._display()
        elif m := re.match(r"(#{1,3})\s+(.*)", line):
            self._heading(m)
        else:
            self.out.append(inline(line))

    def latex(self) -> str:
        while self.i < len(self.lines):
            self._block(self.lines[self.i])
            self.i += 1
        if self.list_env:
            self.out.append(f"\\end{{{self.list_env}}}")
        return "\n".join(self.out)


def markdown_to_latex_body(md: str) -> str:
    """The document body for Markdown `md` (the first `# ` heading is left to \\maketitle)."""
    return _Body(md).latex()


def to_latex(md: str, title: str) -> str:
    """A complete LaTeX document with the notes' content."""
    m = re.search(r"^#\s+(.*)$", md, re.M)
    head = m.group(1) if m else title
    body = markdown_to_latex_body(md)
    # pdflatex handles ASCII, Latin-1 and the symbols mapped above; anything else needs lualatex and a big font
    wide = CJK.search(md + title) or any(ord(c) > 0xFF for c in body + inline(head))
    fonts = FONTS_CJK if wide else FONTS_PDF
    return PREAMBLE % {"fonts": fonts, "title": inline(head)} + body + "\n\\end{document}\n"


def _tex_env(folder: Path, fonts: Path) -> dict[str, str]:
    """The environment of a notes compile: no keys, and kpathsea's paranoid mode (no absolute, `..` or dot
    paths) with no shell escape, as for scenes: the maths in the notes is written by a model."""
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(folder), "LANG": "C.UTF-8", "TEXMFVAR": str(fonts),
            "openin_any": "p", "openout_any": "p", "shell_escape": "f"}


def _font_cache() -> Path:
    """lualatex's font database, kept between compiles (building it for Noto CJK takes many seconds)."""
    path = Path(tempfile.gettempdir()) / "mathanim-texmf-var"
    path.mkdir(exist_ok=True)
    return path


def compile_pdf(tex_path: Path, timeout: int = 120) -> tuple[Path | None, str]:
    """Compile tex_path in a temporary folder behind the sandbox's wall; returns (pdf path or None, log excerpt)."""
    text = tex_path.read_text(encoding="utf-8")
    engine = "lualatex" if "fontspec" in text else "pdflatex"
    if not shutil.which(engine):
        return None, f"{engine} is not installed"
    why = tex_refusal(text)
    if why:
        return None, f"refused: {why}"
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(tex_path, Path(tmp) / "notes.tex")
        fonts = _font_cache()
        cmd = [*wall.prefix(Path(tmp), [], [str(fonts)]), engine, "-no-shell-escape", "-interaction=nonstopmode",
               "-halt-on-error", "notes.tex"]
        try:
            proc = subprocess.run(cmd, cwd=tmp, env=_tex_env(Path(tmp), fonts), capture_output=True, text=True,
                                  timeout=timeout, errors="replace", start_new_session=True)
        except subprocess.TimeoutExpired:
            return None, f"{engine} timed out after {timeout} s"
        pdf = Path(tmp) / "notes.pdf"
        if proc.returncode != 0 or not pdf.exists():
            errs = [ln for ln in proc.stdout.splitlines() if ln.startswith("!")]
            return None, "\n".join(errs[:5]) or proc.stdout[-800:]
        dst = tex_path.with_suffix(".pdf")
        shutil.copy(pdf, dst)
        return dst, ""


def write_notes(markdown: str, out_dir: Path, name: str = "notes", title: str = "Notes") -> dict[str, str]:
    """Write NAME.md, NAME.tex and (if it compiles) NAME.pdf into out_dir; returns their paths by key.

    A failed PDF adds an "error" key with the LaTeX error lines; the .md and .tex are always written.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    md_path, tex_path = out_dir / f"{name}.md", out_dir / f"{name}.tex"
    md_path.write_text(markdown, encoding="utf-8")
    tex_path.write_text(to_latex(markdown, title), encoding="utf-8")
    paths = {"notes_md": str(md_path), "notes_tex": str(tex_path)}
    pdf, log = compile_pdf(tex_path)
    if pdf:
        paths["notes_pdf"] = str(pdf)
    else:
        paths["error"] = log
    return paths
