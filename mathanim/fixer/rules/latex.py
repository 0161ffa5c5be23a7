"""Rules for LaTeX: escapes lost in non-raw strings, TeX special characters, text mode versus math mode."""

from __future__ import annotations

import ast
import io
import re
import tokenize
import warnings
from collections.abc import Iterator

from ..core import Edits, Fixes, Source, parse, rule, text_rule
from ..helpers import defined_names, str_literal
from ..tables import CJK, LATEX_WORDS, MATH_ENV, MATHY


def _string_tokens(code: str) -> list[tokenize.TokenInfo]:
    """The string tokens up to the first tokenizer error (a reply cut off mid-call still has its strings)."""
    out = []
    try:
        for t in tokenize.generate_tokens(io.StringIO(code).readline):
            if t.type == tokenize.STRING:
                out.append(t)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return out


@text_rule
def raw_latex_strings(code: str, fixes: Fixes) -> str:
    """LaTeX in non-raw strings ("\\frac" is a form feed + "rac", "\\theta" a tab): raw strings r"..." instead."""
    src = Source(code)
    edits = Edits(src)
    for tok in _string_tokens(code):
        new = _raw_version(tok.string)
        if new:
            s = src.starts[tok.start[0] - 1] + tok.start[1]
            e = src.starts[tok.end[0] - 1] + tok.end[1]
            edits.replace((s, e), new)
            edits.add("made LaTeX strings raw (r\"...\") so backslashes such as \\frac, \\theta, \\nabla survive",
                      tok.start[0])
    return edits.apply(fixes) if edits.items else code


def _raw_version(token: str) -> str | None:
    """The raw-string form of a LaTeX-looking literal whose meaning the escapes change, else None."""
    m = re.match(r"([A-Za-z]*)('''|\"\"\"|'|\")", token)
    prefix, quote = m.group(1), m.group(2)
    if "r" in prefix.lower() or "b" in prefix.lower() or "\\" not in token:
        return None
    body = token[len(prefix) + len(quote):-len(quote)]
    words = re.findall(r"(?<!\\)(?:\\\\)*\\([a-zA-Z]+)", body)
    if not any(w in LATEX_WORDS for w in words) and not (words and re.search(r"[{}^_]", body)):
        return None
    if re.search(r"(?<!\\)(?:\\\\)*\\['\"\n]", body):
        return None  # escaped quotes or line continuations: the raw form would mean something else
    intended = body.replace("\\\\", "\\")
    if intended.endswith("\\"):
        return None
    new = prefix + "r" + quote + intended + quote
    invalid = re.search(r"(?<!\\)(?:\\\\)*\\[^\\'\"abfnrtv0-7xNuU\n]", body)  # e.g. \c: works today, warns
    if "f" not in prefix.lower() and not invalid and _evaluates_to(token, intended):
        return None  # the escapes were right already
    return new if parse(new) is not None else None


def _evaluates_to(token: str, value: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.literal_eval(token) == value
    except (SyntaxError, ValueError):
        return False  # e.g. "\underline" is a broken \u escape: the raw form is the fix


def _tex_calls_any(tree: ast.Module, cls: str) -> Iterator[ast.Call]:
    """Every call of manim's `cls` (Tex or MathTex), whatever its arguments (a name the scene defines is not it)."""
    defined = defined_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == cls \
                and cls not in defined:
            yield node


def _tex_calls(tree: ast.Module, cls: str) -> Iterator[tuple[ast.Call, list[ast.Constant], str]]:
    """(call, string arguments, their text joined) for manim's `cls` (Tex or MathTex) called with strings."""
    for node in _tex_calls_any(tree, cls):
        strs = [a for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        if strs:
            yield node, strs, "".join(s.value for s in strs)


def _lone_cjk(call: ast.Call, strs: list[ast.Constant], joined: str, markup: str) -> bool:
    """One Chinese string, the call's only argument, with no TeX `markup` in it."""
    return bool(CJK.search(joined)) and len(strs) == 1 == len(call.args) and not re.search(markup, joined)


CJK_MARKUP = {"Tex": (r"[\\$^_{}]", "Tex cannot typeset Chinese text without extra LaTeX packages"),
              "MathTex": (r"[\\^_{}]", "MathTex cannot typeset Chinese text")}


@rule
def chinese_in_tex(tree: ast.Module, src: Source, edits: Edits) -> None:
    """Chinese text in Tex or MathTex (TeX needs extra packages and fonts for it): Text, which draws it."""
    for cls, (markup, why) in CJK_MARKUP.items():
        for call, strs, joined in _tex_calls(tree, cls):
            if _lone_cjk(call, strs, joined, markup):
                edits.replace(call.func, "Text")
                edits.add(f"{why}: used Text", call.lineno)


def _escape_chars(value: str, chars: str) -> str:
    return re.sub(r"(?<!\\)([" + re.escape(chars) + "])", r"\\\1", value)


ENVIRONMENT = re.compile(r"\\begin\{([^}]*)\}.*?\\end\{\1\}", re.S)


def _escape(value: str, chars: str) -> str:
    """`value` with `chars` escaped, except & inside \\begin{…}…\\end{…}, where it is an alignment tab."""
    out, last = [], 0
    for m in ENVIRONMENT.finditer(value):
        out += [_escape_chars(value[last:m.start()], chars), _escape_chars(m.group(0), chars.replace("&", ""))]
        last = m.end()
    return "".join(out) + _escape_chars(value[last:], chars)


def _is_prose(text: str) -> bool:
    """Two or more plain words of three letters or more: text, not a formula."""
    return len(re.findall(r"(?<![\\\w])[A-Za-z]{3,}(?![\w{])", text)) >= 2


@rule
def tex_text_mode(tree: ast.Module, src: Source, edits: Edits) -> None:
    """Tex is text mode: sub/superscripts in prose go in $…$, a bare formula becomes MathTex, and the TeX
    special characters % & # are escaped."""
    for call, strs, joined in _tex_calls(tree, "Tex"):
        if _lone_cjk(call, strs, joined, CJK_MARKUP["Tex"][0]):
            continue  # chinese_in_tex
        math = "$" in joined or re.search(r"\\[(\[]", joined)  # \( … \) and \[ … \] are math mode in Tex too
        if not math and len(strs) == 1 and _is_prose(joined) and re.search(r"[\^_]", joined):
            new = _escape(re.sub(r"\S*[\^_]\S*", lambda m: f"${m.group(0)}$", joined), "%&#")
            edits.replace(strs[0], str_literal(new))
            edits.add("Tex is text mode: put sub/superscripts in $…$", call.lineno)
        elif not math and MATHY.search(joined) and len(strs) == len(call.args):
            edits.replace(call.func, "MathTex")
            edits.add("Tex is text mode in CE: formulas without $…$ go in MathTex", call.lineno)
            _math_mode_strings(strs, edits)
        else:
            for s in strs:
                new = _escape(s.value, "%&#")
                if new != s.value:
                    edits.replace(s, str_literal(new))
                    edits.add("escaped %, & and # in Tex (LaTeX special characters)", s.lineno)


def _math_mode_strings(strs: list[ast.Constant], edits: Edits) -> None:
    """MathTex strings without $, without math environments (MathTex is align* already), with % and # escaped."""
    for s in strs:
        new = _escape(s.value.replace("$", "") if "\\$" not in s.value else s.value, "%#")
        new = MATH_ENV.sub("", new).strip() if MATH_ENV.search(new) else new
        if new != s.value:
            edits.replace(s, str_literal(new))
            edits.add("MathTex is already math mode (align*): removed $, \\begin{…}/\\end{…} and escaped % and #",
                      s.lineno)


@rule
def mathtex_math_mode(tree: ast.Module, src: Source, edits: Edits) -> None:
    """MathTex is math mode already: $ signs and \\begin{align}…\\end{align} in it fail; % and # are escaped."""
    for call, strs, joined in _tex_calls(tree, "MathTex"):
        if not _lone_cjk(call, strs, joined, CJK_MARKUP["MathTex"][0]):  # else chinese_in_tex
            _math_mode_strings(strs, edits)
