"""Synthetic pairs from the offline engine's families, and the `convert` CLI on a GL fixture tree."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from mathanim.finetune.dataset import to_chat
from mathanim.finetune.synthetic import synthetic_pairs
from mathanim.offline.base import families

GL = Path(__file__).parent / "fixtures" / "finetune" / "gl_tree"


def test_every_family_gives_varied_pairs():
    stats: Counter = Counter()
    pairs = synthetic_pairs(per_family=3, seed=1, stats=stats)
    fams = families()
    failed = {k.split(": ")[1] for k in stats}
    covered = {p.source_file for p in pairs}
    assert covered == set(fams) - failed  # every registered family that builds is represented
    assert len(failed) <= max(1, len(fams) // 10), stats  # a family bug costs its pairs, never the build
    for key in covered:
        mine = [p for p in pairs if p.source_file == key]
        assert len({p.concept for p in mine}) >= 3, [p.concept for p in mine]  # varied phrasings
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in p.concept) for p in pairs)  # Chinese phrasings too
    p = pairs[0]
    ast.parse(p.code)
    chat = to_chat(p, system="short")
    assert p.reasoning.splitlines()[0] in chat["messages"][2]["content"] and chat["origin"] == "synthetic"
    assert synthetic_pairs(per_family=2, only=["no-such-family"]) == []


def test_convert_cli(tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(GL, tree)
    (tree / "more").mkdir()  # the same file name in two folders: both scenes keep their own file
    (tree / "more" / "gl_scenes.py").write_text(
        "from manimlib import *\n\n\nclass Broken(Scene):\n    def construct(self):\n"
        "        self.add(Circle())\n        self.wait(1 / 0)\n", encoding="utf-8")
    out = tmp_path / "ce"
    proc = subprocess.run([sys.executable, "-m", "mathanim.finetune", "convert", str(tree), "--out", str(out),
                           "--check", "--timeout", "60"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["scenes"] == 7 and summary["converted"] == 6 and summary["blocked"] == 1  # PiTalk: --characters
    assert summary["rendered"] == 5, summary  # all but Broken
    report = {r["scene"]: r for r in json.loads((out / "report.json").read_text())}
    assert report["PiTalk"]["file"] is None and report["PiTalk"]["blockers"]
    assert report["Broken"]["render"].startswith("runtime") and "division by zero" in report["Broken"]["error"]
    assert report["Broken"]["file"] == "more/gl_scenes/Broken.py"
    assert report["ShowSlope"]["render"] == "ok" and report["ShowSlope"]["changes"]
    assert "from manim import *" in (out / "gl_scenes" / "ShowSlope.py").read_text()
    assert (out / "more" / "gl_scenes" / "Broken.py").is_file()
    assert dict(summary["top_reasons"]).keys() == {report["PiTalk"]["blockers"][0], report["Broken"]["render"]}
    missing = subprocess.run([sys.executable, "-m", "mathanim.finetune", "convert", str(tmp_path / "nope"),
                              "--out", str(out)], capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "is not a folder" in missing.stderr
