"""Incremental splitting of a streamed model reply into reasoning, code and notes.

A reply is Markdown: some prose (the LaTeX anchoring), one fenced python block (the scene), study notes.
`ThinkSplitter` moves `<think>…</think>` text out of the content; `ReplySplitter` keeps the whole content so
far and re-derives `code` (the chosen python block, shown while still open) and `notes` (Markdown outside
it) after every delta. Replies are a few KB, so re-parsing on each delta is cheap and robust to deltas that
split a fence or a tag in two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*$", re.M)
PY_LANGS = {"python", "py", "python3", "py3", "manim", ""}
SCENE_CLASS = re.compile(r"^\s*class\s+\w+\s*\(([^)]*Scene[^)]*)\)\s*:", re.M)
LOOKS_LIKE_PY = re.compile(r"^\s*(from\s+manim\s+import|import\s+manim|class\s+\w+\s*\(.*Scene)", re.M)


@dataclass
class Block:
    lang: str
    start: int  # offset of the opening fence line
    body_start: int
    body_end: int
    end: int  # offset just after the closing fence line (or len(text) while open)
    closed: bool

    def body(self, text: str) -> str:
        return text[self.body_start:self.body_end]


def find_blocks(text: str) -> list[Block]:
    """All fenced blocks in `text`; the last one may still be open."""
    blocks: list[Block] = []
    pos = 0
    while True:
        m = FENCE.search(text, pos)
        if not m:
            return blocks
        fence, lang = m.group(1), m.group(2).lower()
        body_start = min(m.end() + 1, len(text))
        close = re.compile(rf"^[ \t]{{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M).search(text, body_start)
        if close:
            end = min(close.end() + 1, len(text))
            blocks.append(Block(lang, m.start(), body_start, close.start(), end, True))
            pos = end
        else:
            blocks.append(Block(lang, m.start(), body_start, len(text), len(text), False))
            return blocks


def _is_python(block: Block, text: str) -> bool:
    body = block.body(text)
    return block.lang in PY_LANGS and (block.lang != "" or bool(LOOKS_LIKE_PY.search(body)))


def choose_block(blocks: list[Block], text: str) -> Block | None:
    """The scene block: the last python block defining a Scene, else the open one, else the longest python one."""
    py = [b for b in blocks if _is_python(b, text)]
    if not py:
        return None
    scenes = [b for b in py if SCENE_CLASS.search(b.body(text))]
    last = py[-1]
    if last is blocks[-1] and not last.closed and (last in scenes or not scenes):
        return last  # being written right now: show it live (unless a finished scene exists and this is a snippet)
    if scenes:
        return scenes[-1]
    return max(py, key=lambda b: b.body_end - b.body_start)


def _trim_partial_fence(code: str) -> str:
    """Drop a trailing line of 1-2 backticks: the start of a closing fence that has not fully arrived."""
    lines = code.split("\n")
    if lines and re.fullmatch(r"[ \t]*[`~]{1,2}", lines[-1]):
        lines = lines[:-1]
    return "\n".join(lines)


def split_reply(text: str) -> tuple[str, str]:
    """(code, notes) for the content so far. Code without any fence is taken whole if it looks like Python."""
    blocks = find_blocks(text)
    block = choose_block(blocks, text)
    if block is None:
        if not blocks and LOOKS_LIKE_PY.search(text) and text.lstrip().startswith(("from ", "import ", "class ", "#")):
            return text.strip("\n") + "\n", ""
        return "", text.strip()
    code = _trim_partial_fence(block.body(text)).rstrip()
    notes = (text[:block.start].rstrip() + "\n\n" + text[block.end:].lstrip()).strip()
    return (code + "\n") if code else "", notes


class ThinkSplitter:
    """Separates `<think>…</think>` reasoning from the content, across delta boundaries.

    Some chat templates open the think block in the prompt, so the reply starts with reasoning and has only a
    closing `</think>`. Then everything before it was reasoning: `feed` returns it as reasoning and sets
    `retract`, telling the caller to drop the content it already received.
    """

    OPEN, CLOSE = "<think>", "</think>"

    def __init__(self) -> None:
        self.inside = False
        self.opened = False  # a <think> tag was seen
        self.pending = ""
        self.content = ""  # content returned so far (retracted on an orphan </think>)
        self.retract = False

    def feed(self, delta: str) -> tuple[str, str]:
        """Return (reasoning delta, content delta) for this piece of content."""
        buf, reasoning, content = self.pending + delta, [], []
        self.pending, self.retract = "", False
        while buf:
            i, tag = self._next_tag(buf)
            if i < 0:
                keep = max(_partial_suffix(buf, self.CLOSE), 0 if self.inside else _partial_suffix(buf, self.OPEN))
                (reasoning if self.inside else content).append(buf[:len(buf) - keep])
                self.pending = buf[len(buf) - keep:]
                break
            if tag == self.CLOSE and not self.inside:  # orphan close: all content so far was reasoning
                reasoning.append(self.content + "".join(content) + buf[:i])
                content, self.content, self.retract = [], "", True
            else:
                (reasoning if self.inside else content).append(buf[:i])
                self.inside = tag == self.OPEN
                self.opened = True
            buf = buf[i + len(tag):]
        self.content += "".join(content)
        return "".join(reasoning), "".join(content)

    def _next_tag(self, buf: str) -> tuple[int, str]:
        if self.inside:
            return buf.find(self.CLOSE), self.CLOSE
        i_open = buf.find(self.OPEN)
        i_close = -1 if self.opened else buf.find(self.CLOSE)
        if i_close >= 0 and (i_open < 0 or i_close < i_open):
            return i_close, self.CLOSE
        return i_open, self.OPEN

    def flush(self) -> tuple[str, str]:
        """Whatever was held back as a possible partial tag."""
        rest, self.pending = self.pending, ""
        return (rest, "") if self.inside else ("", rest)


def _partial_suffix(buf: str, tag: str) -> int:
    """Length of the longest suffix of `buf` that is a proper prefix of `tag`."""
    for n in range(min(len(tag) - 1, len(buf)), 0, -1):
        if buf.endswith(tag[:n]):
            return n
    return 0


class ReplySplitter:
    """Feed content deltas; read `code` and `notes` snapshots; `changed` says which moved on the last feed."""

    def __init__(self) -> None:
        self.text = ""
        self.code = ""
        self.notes = ""

    def feed(self, delta: str) -> tuple[bool, bool]:
        """Append a delta; return (code changed, notes changed)."""
        self.text += delta
        code, notes = split_reply(self.text)
        changed = (code != self.code, notes != self.notes)
        self.code, self.notes = code, notes
        return changed

    @property
    def code_open(self) -> bool:
        """True while the chosen block has no closing fence yet (a cut here means the code is incomplete)."""
        blocks = find_blocks(self.text)
        block = choose_block(blocks, self.text)
        return block is not None and not block.closed


# --- replies continued after a cut (the length limit) ---------------------------------------------------------------

REOPENED_FENCE = re.compile(r"\A[ \t]*\n?[ \t]{0,3}(`{3,}|~{3,})[ \t]*[\w+-]*[ \t]*\n")


def seam(prev: str, head: str, code_open: bool) -> tuple[str, str]:
    """Where a continuation joins the reply it continues: (prev, the part of `head` to append).

    Models that are asked to go on often re-open the code block, repeat the last (cut) line, or restart the
    code from its first line; each of these is undone here so that the joined text is one clean reply.
    """
    if code_open and (m := REOPENED_FENCE.match(head)):
        head = head[m.end():]
        block = choose_block(find_blocks(prev), prev)
        first = next((ln for ln in block.body(prev).splitlines() if ln.strip()), "") if block else ""
        if block is not None and len(first.strip()) >= 10 and head.lstrip().startswith(first.strip()):
            return prev[:block.body_start], head  # the model started the code again: keep its new copy
    for k in range(min(len(head), len(prev), 400), 5, -1):  # text repeated from the end of prev
        if head[:k].strip() and prev.endswith(head[:k]):
            return prev, head[k:]
    return prev, head


def ends_broken(code: str) -> bool:
    """Whether the code fails to parse at its end (cut off: an open bracket, block or string), not earlier."""
    try:
        compile(code, "<scene>", "exec", dont_inherit=True)
    except SyntaxError as e:
        last = len(code.rstrip().splitlines())
        msg = str(e.msg)
        return e.lineno is None or e.lineno >= last - 1 or "never closed" in msg or "EOF" in msg \
            or "unterminated triple-quoted" in msg
    except (ValueError, RecursionError, MemoryError):
        return False
    return False
