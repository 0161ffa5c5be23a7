"""manim_voiceover scenes, the trusted half: before a sandbox run, the literal texts of the scene's
`self.voiceover(text=...)` / `add_voiceover_text(...)` calls are found in its code (AST, nothing runs), spoken
with narrate's engines (cached) and placed in the job folder as voiceovers/*.wav with a manifest, which the
child's stand-in service (sandbox/voiceover_shim.py) serves instead of any network or recorder service."""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

from .audio import seconds, silence
from .base import VoiceSpec
from .narrate import spoken
from .registry import engine
from .silent import reading_seconds

FOLDER = "voiceovers"  # sandbox/voiceover_shim.py reads the same folder of the job
CALLS = ("voiceover", "add_voiceover_text")
BOOKMARK = re.compile(r"<bookmark\s*mark\s*=['\"]\w*[\"']\s*/>")  # the plugin's own pattern: not spoken
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def uses_voiceover(tree: ast.Module) -> bool:
    """Whether the code imports manim_voiceover."""
    return any(isinstance(n, ast.Import) and any(a.name.split(".")[0] == "manim_voiceover" for a in n.names)
               or isinstance(n, ast.ImportFrom) and (n.module or "").split(".")[0] == "manim_voiceover"
               for n in ast.walk(tree))


def _strings(node: ast.AST | None) -> list[str]:
    """The string literals of a literal, or of a literal list or tuple of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [s for e in node.elts for s in _strings(e) if isinstance(e, ast.Constant)]
    return []


def _bound_strings(tree: ast.Module) -> dict[str, list[str]]:
    """name -> the string literals it is given: `TEXT = "..."`, `for line in ["...", "..."]` and
    `for line in LINES` with `LINES = [...]`, anywhere in the file (a loop over a list of sentences is common)."""
    lists: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            lists.setdefault(node.targets[0].id, []).extend(_strings(node.value))
    names: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            names.setdefault(node.targets[0].id, []).extend(_strings(node.value) if isinstance(
                node.value, ast.Constant) else [])
        elif isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.target, ast.Name):
            found = lists.get(node.iter.id, []) if isinstance(node.iter, ast.Name) else _strings(node.iter)
            names.setdefault(node.target.id, []).extend(found)
    return names


def literal_texts(tree: ast.Module) -> list[str]:
    """The texts of voiceover calls written as string literals (or names bound only to such literals, see
    _bound_strings), normalised as the plugin does, each once."""
    found, bound = [], _bound_strings(tree)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CALLS):
            continue
        arg = next((k.value for k in node.keywords if k.arg == "text"), node.args[0] if node.args else None)
        texts = bound.get(arg.id, []) if isinstance(arg, ast.Name) else _strings(arg) if isinstance(
            arg, ast.Constant) else []
        for text in texts:
            key = " ".join(text.split())
            if key and key not in found:
                found.append(key)
    return found


def said(key: str) -> str:
    """What is spoken for a voiceover text: its words without bookmarks."""
    return " ".join(BOOKMARK.sub(" ", key).split()) or "."


def default_voice(texts: list[str]) -> VoiceSpec:
    """The offline default: espeak-ng's Mandarin for Chinese texts, the bundled Piper voice otherwise."""
    if any(CJK.search(t) for t in texts):
        return VoiceSpec("espeak", None, "zh")
    return VoiceSpec("piper", None, "en")


def speak(keys: list[str], spec: VoiceSpec, folder: Path, settings) -> dict[str, dict]:
    """Each text's speech copied into `folder`; the manifest entries (text -> file, seconds)."""
    spec = engine(spec.engine).check(spec, settings)
    if engine(spec.engine).synthesize is None:  # no voice: silence as long as reading the text takes
        sources = [silence(folder / f"{i:03d}.wav", reading_seconds(said(k))) for i, k in enumerate(keys)]
    else:
        sources = spoken([said(k) for k in keys], spec, settings)
    entries = {}
    for i, (key, src) in enumerate(zip(keys, sources, strict=True)):
        name = f"{i:03d}.wav"
        if src != folder / name:
            shutil.copyfile(src, folder / name)
        entries[key] = {"file": name, "seconds": round(seconds(folder / name), 3)}
    return entries


def stage(code: str, work: Path, settings, spec: VoiceSpec | None = None) -> bool:
    """Prepare the speech of a manim_voiceover scene in the job folder `work`; False when the code does not
    use the plugin (nothing to do). Raises SpeechError/ValueError when speaking fails."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return False  # the guard reports it
    if not uses_voiceover(tree):
        return False
    keys = literal_texts(tree)
    folder = work / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    entries = speak(keys, spec or default_voice(keys), folder, settings) if keys else {}
    (folder / "manifest.json").write_text(json.dumps({"entries": entries}, ensure_ascii=False), encoding="utf-8")
    return True
