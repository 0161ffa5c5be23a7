"""Study notes: Markdown with LaTeX → .tex → PDF, in English (pdflatex) and Chinese (lualatex + Noto CJK)."""

from __future__ import annotations

from pathlib import Path

from mathanim.notes import inline, markdown_to_latex_body, write_notes

MD = """# Derivative of x^2

## Definition

The derivative is $f'(a) = \\lim_{h\\to 0} \\frac{f(a+h)-f(a)}{h}$; 50% of *students* & **teachers** use `d/dx`.

$$f'(x) = 2x$$

| n | S_n |
|---|---|
| 4 | 0.21875 |

1. First shot
2. Second shot

- a bullet with $x_1$
"""


def test_markdown_to_latex_keeps_math_and_escapes_text():
    body = markdown_to_latex_body(MD)
    assert r"\section*{Definition}" in body
    assert r"$f'(a) = \lim_{h\to 0} \frac{f(a+h)-f(a)}{h}$" in body
    assert r"50\% of \emph{students} \& \textbf{teachers} use \texttt{d/dx}" in body
    assert r"\[f'(x) = 2x\]" in body
    assert r"\begin{enumerate}" in body and r"\begin{itemize}" in body and r"\begin{tabular}{ll}" in body
    assert "S\\_n" in body
    assert inline("a_b $a_b$") == r"a\_b $a_b$"


def _pdf_ok(paths: dict) -> None:
    assert "error" not in paths, paths.get("error")
    pdf = Path(paths["notes_pdf"])
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 5000


def test_english_notes_compile_to_pdf(tmp_path):
    paths = write_notes(MD, tmp_path, "notes", "Derivative")
    _pdf_ok(paths)
    assert Path(paths["notes_md"]).read_text(encoding="utf-8") == MD
    assert r"\title{Derivative of x\textasciicircum{}2}" in Path(paths["notes_tex"]).read_text(encoding="utf-8")


def test_chinese_notes_compile_to_pdf(tmp_path):
    md = "# 勾股定理\n\n## 定义\n\n直角三角形中 $a^2 + b^2 = c^2$。\n\n1. 画出三角形\n"
    paths = write_notes(md, tmp_path, "notes", "勾股定理")
    _pdf_ok(paths)
    assert "fontspec" in Path(paths["notes_tex"]).read_text(encoding="utf-8")


def test_broken_latex_keeps_md_and_tex_and_reports(tmp_path):
    paths = write_notes("# T\n\n$\\frac{1}{$\n", tmp_path, "notes", "T")
    assert "notes_pdf" not in paths and paths["error"]
    assert Path(paths["notes_md"]).exists() and Path(paths["notes_tex"]).exists()


def test_greek_and_symbols_in_text_compile_with_pdflatex(tmp_path):
    md = "# Euler\n\nRotate by θ ≈ 1.57 so that λ → ∞ and σ ≠ 0; “quotes” – dashes.\n"
    paths = write_notes(md, tmp_path, "notes", "Euler")
    _pdf_ok(paths)
    assert "fontspec" not in Path(paths["notes_tex"]).read_text(encoding="utf-8")
