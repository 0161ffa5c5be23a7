"""Notes text (Markdown with LaTeX) as words a voice can say, and as plain text a scene can show."""

from __future__ import annotations

import re

_WORDS = {
    "en": {"=": " equals ", "+": " plus ", "\\cdot": " times ", "\\times": " times ", "\\approx": " is about ",
           "\\le": " at most ", "\\ge": " at least ", "\\to": " goes to ", "\\infty": "infinity", "^2": " squared",
           "^{2}": " squared", "^3": " cubed", "^{3}": " cubed", "²": " squared", "³": " cubed", "√": "root ",
           "π": "pi", "θ": "theta", "·": " times ", "×": " times ", "≈": " is about ", "→": " goes to "},
    "zh": {"=": "等于", "+": "加", "\\cdot": "乘", "\\times": "乘", "\\approx": "约等于", "\\le": "小于等于",
           "\\ge": "大于等于", "\\to": "趋于", "\\infty": "无穷", "^2": "的平方", "^{2}": "的平方", "^3": "的立方",
           "^{3}": "的立方", "²": "的平方", "³": "的立方", "√": "根号", "π": "派", "θ": "西塔", "·": "乘", "×": "乘",
           "≈": "约等于", "→": "趋于"},
}
_FRAC = re.compile(r"\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}")
_SQRT = re.compile(r"\\sqrt\{([^{}]*)\}")
_POWER = re.compile(r"\^\{?([^{}\s]+)\}?")


def _math_words(tex: str, lang: str) -> str:
    """A LaTeX formula read aloud, roughly: fractions, roots, squares, relations, Greek letters."""
    zh = lang == "zh"
    s = _FRAC.sub(lambda m: f"{m.group(2)}分之{m.group(1)}" if zh else f"{m.group(1)} over {m.group(2)}", tex)
    s = _SQRT.sub(lambda m: f"根号{m.group(1)}" if zh else f"the square root of {m.group(1)}", s)
    for k, v in _WORDS["zh" if zh else "en"].items():
        s = s.replace(k, v)
    s = _POWER.sub(lambda m: f"的{m.group(1)}次方" if zh else f" to the power {m.group(1)}", s)
    s = re.sub(r"\\(?:left|right|quad|qquad|,|;|!|text|mathrm|operatorname)", " ", s)
    s = re.sub(r"\\([A-Za-z]+)", r"\1", s)
    return re.sub(r"[{}_\\]", " ", s)


def spoken(text: str, lang: str = "en") -> str:
    """`text` as a voice should say it: maths in words, Markdown marks gone, spaces normalised."""
    s = re.sub(r"\$\$?(.+?)\$\$?", lambda m: _math_words(m.group(1), lang), text, flags=re.S)
    s = _math_words(s, lang) if lang == "zh" else s.replace("²", " squared").replace("³", " cubed")
    s = re.sub(r"[*`#|]", "", s)
    return " ".join(s.split()).strip()


def display_text(text: str) -> str:
    """`text` for a Text() on screen: LaTeX dollars, commands and Markdown marks removed."""
    s = re.sub(r"\$\$?(.+?)\$\$?", lambda m: m.group(1), text, flags=re.S)
    s = re.sub(r"\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}", r"(\1)/(\2)", s)
    s = re.sub(r"\\(?:left|right|quad|qquad|,|;|!|text|mathrm)", " ", s)
    s = re.sub(r"\\([A-Za-z]+)", r"\1", s)
    s = re.sub(r"\^\{?([23n])\}?", lambda m: "²³ⁿ"["23n".index(m.group(1))], s)  # squares and cubes as on paper
    s = re.sub(r"[{}*`#|\\]", "", s)
    return " ".join(s.split()).strip()
