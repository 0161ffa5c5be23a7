"""Synthetic pairs from the offline engine's families, and the `convert` CLI on a GL fixture tree."""

from __future__ import annotations

import ast
import json
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
    if pairs:
        assert any(any("\u4e00" <= ch <= "\u9fff" for ch in p.concept) for p in pairs)  # Chinese phrasings too
        p = pairs[0]
        ast.parse(p.code)
        chat = to_chat(p, system="short")
        assert p.reasoning.splitlines()[0] in chat["messages"][2]["content"] and chat["origin"] == "synthetic"
    assert synthetic_pairs(per_family=2, only=["no-such-family"]) == []


def test_convert_cli(tmp_path):
    out = tmp_path / "ce"
    proc = subprocess.run([sys.executable, "-m", "mathanim.finetune", "convert", str(GL), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["converted"] == 5 and summary["blocked"] == 1  # PiTalk needs --characters in a dataset build
    files = sorted(p.name for p in out.glob("*.py"))
    assert "gl_scenes__ShowSlope.py" in files
    assert "from manim import *" in (out / "gl_scenes__ShowSlope.py").read_text()
