"""Dataset builder on small fixture trees (CE and GL style): extraction with helper inlining, conversion,
the render filter (real sandboxed renders), dedupe, split by source file, the data card and licences."""

from __future__ import annotations

import ast
import json
from collections import Counter
from pathlib import Path

from mathanim.finetune.convert import convert
from mathanim.finetune.dataset import (
    BuildOptions,
    Pair,
    assign_splits,
    build,
    dedupe,
    pairs_from_scenes,
    parse_source,
    render_filter,
    split_of,
)
from mathanim.finetune.extract import extract_tree, split_words
from mathanim.job import Job

FIX = Path(__file__).parent / "fixtures" / "finetune"
CE, GL = FIX / "ce_tree", FIX / "gl_tree"


def _by_name(scenes):
    return {s.name: s for s in scenes}


def test_extract_inlines_what_each_scene_needs():
    scenes = extract_tree(CE, FIX / "transcripts")
    names = Counter(s.name for s in scenes)
    assert names == Counter(["CircleArea", "SquareInsideCircle", "BrokenScene", "DupOne", "DupOneCopy",
                             "DupOneExact", "DupOneExact"])  # TitledScene has no construct: not a scene
    area = _by_name(scenes)["CircleArea"]
    code = area.code
    ast.parse(code)
    for needed in ("RADIUS = 1.5", "def ring(", "class TitledScene(Scene)", "def make_label(", "LABEL_SIZE = 36"):
        assert needed in code, needed
    for unneeded in ("never_used", "unused_helper", "SIDE =", "import numpy", "import random"):
        assert unneeded not in code, unneeded
    assert code.startswith("from manim import *")
    # definitions come before their users (module-level order matters for constants and base classes)
    assert code.index("LABEL_SIZE = 36") < code.index("def make_label(")
    assert code.index("class TitledScene") < code.index("class CircleArea")
    assert set(area.helpers) >= {"RADIUS", "ring", "TitledScene", "make_label", "LABEL_SIZE"}
    square = _by_name(scenes)["SquareInsideCircle"].code
    assert "import numpy as np" in square and "SIDE = RADIUS * 2" in square and "RADIUS = 1.5" in square


def test_concept_description():
    area = _by_name(extract_tree(CE, FIX / "transcripts"))["CircleArea"]
    c = area.concept
    assert c.startswith("circle area.")
    assert "area of a circle is pi r squared" in c  # docstring
    assert "Draw the circle and name its area" in c  # prose comment
    assert "square of its radius" in c  # transcript matched by class name
    assert split_words("TaylorSeriesOfCos2D") == "taylor series of cos 2D"
    assert split_words("IntroduceSSSMatrix") == "introduce SSS matrix"


def test_convert_gl_scenes():
    scenes = _by_name(extract_tree(GL))
    assert {s.style for s in scenes.values()} == {"gl"}
    slope = convert(scenes["ShowSlope"].code)
    assert slope.ok, slope.blockers
    code = slope.code
    for want in ("from manim import *", "import numpy as np", "x_max = 3", "line_color = YELLOW", "axes.plot(",
                 'MathTex("f(x)', 'Tex("Slope", tex_to_color_map=', "Create(axes)", "FadeIn(label, shift=UP)",
                 "FadeIn(words, shift=UP)", "np.linalg.norm(v)", "VMobject.set_backstroke = _set_backstroke"):
        assert want in code, want
    for gone in ("CONFIG", "ShowCreation", "TexText", "get_graph", "manim_imports_ext", "t2c="):
        assert gone not in code, gone
    zoom = convert(scenes["ZoomOnDot"].code).code
    assert "class ZoomOnDot(MovingCameraScene)" in zoom and "self.camera.frame.animate.scale_to_fit_width(6)" in zoom
    assert "Rectangle(width=4, height=2)" in zoom and "FadeOut(box, shift=DOWN)" in zoom
    sph = convert(scenes["Surface3D"].code).code
    assert "class Surface3D(ThreeDScene)" in sph
    assert "self.set_camera_orientation(theta=(20 - 90) * DEGREES, phi=70 * DEGREES)" in sph
    assert "self.move_camera(theta=(-30 - 90) * DEGREES, phi=60 * DEGREES, run_time=0.5)" in sph
    pi = convert(scenes["PiTalk"].code)
    assert not pi.ok and pi.blockers == ["unknown name TeacherStudentsScene"]
    old = convert(scenes["OldStyle"].code)
    assert old.ok, old.blockers
    for want in ('plane_config = {"x_length": 6, "y_length": 4}', "VGroup(*(Dot(RIGHT * i) for i in range(3)))",
                 "self.play(dots.animate.shift(UP), Create(Circle()), run_time=0.5)", "from functools import reduce",
                 "class op:", 'MathTex(str(total))', "Axes(x_range=[0, 3], y_range=[0, 2], x_length=4)"):
        assert want in old.code, want
    # CE code is left alone by the GL-only renames (Tex stays Tex)
    assert convert('from manim import *\nx = Tex("a")\n', gl=False).code.count('Tex("a")') == 1


def test_character_stand_in_renders(settings):
    from mathanim import render

    pi = convert(_by_name(extract_tree(GL))["PiTalk"].code, characters=True)
    assert pi.ok and "class TeacherStudentsScene(PiCreatureScene)" in pi.code
    out = render.check(pi.code, Job.make(settings, scene="PiTalk"))
    assert out.ok, out.error


def _pair(name: str, file: str, code: str = "", origin: str = "tree") -> Pair:
    return Pair("src", file, name, name, code or f"from manim import *\nclass {name}(Scene):\n    pass\n", "MIT",
                origin=origin)


def test_dedupe_exact_and_near():
    src = parse_source(str(CE))
    pairs = pairs_from_scenes(extract_tree(CE), src, Counter())
    kept, removed = dedupe(pairs)
    names = Counter(p.scene for p in kept)
    assert removed == Counter({"exact duplicate": 1, "near duplicate": 1})
    assert names["DupOneExact"] == 1 and names["DupOne"] + names["DupOneCopy"] == 1
    assert {"CircleArea", "SquareInsideCircle", "BrokenScene"} <= set(names)
    # synthetic variants that share code but differ in phrasing: two are kept, the third is a duplicate
    syn = [_pair(f"Phrasing{i}", "derivative", code="from manim import *\nclass D(Scene):\n    pass\n",
                 origin="synthetic") for i in range(3)]
    kept, removed = dedupe(syn)
    assert len(kept) == 2 and removed["exact duplicate"] == 1


def test_split_by_source_file():
    pairs = [_pair(f"S{i}_{j}", f"file{i}.py") for i in range(60) for j in range(3)]
    assign_splits(pairs)
    per_file: dict[str, set] = {}
    for p in pairs:
        per_file.setdefault(p.source_file, set()).add(p.split)
    assert all(len(s) == 1 for s in per_file.values()), "a file's scenes were spread over splits"
    splits = Counter(p.split for p in pairs)
    assert set(splits) == {"train", "validation", "test"} and splits["train"] > splits["test"]
    assert split_of("src/file1.py") == split_of("src/file1.py")  # stable
    small = [_pair(f"T{i}", f"f{i}.py") for i in range(3)]
    assign_splits(small)
    assert {p.split for p in small} == {"train", "validation", "test"}


def test_build_with_render_filter_and_data_card(tmp_path, settings):
    opts = BuildOptions(sources=[parse_source(str(CE)), parse_source(f"{GL}=gl_fixture")], out=str(tmp_path / "ds"),
                        synthetic_per_family=0, workers=2, check_timeout_s=60, system="short")
    card = build(opts, settings, log=lambda m: None)
    out = Path(opts.out)
    records = [json.loads(x) for s in ("train", "validation", "test") for x in (out / f"{s}.jsonl").read_text().splitlines()]
    kept = Counter(r["scene"] for r in records)
    # the render filter ran each scene in the sandbox: the broken one was rejected with its error kind
    assert "BrokenScene" not in kept
    assert card["rejections"]["runtime: NameError"] == 1
    assert card["rejections"]["convert: unknown name TeacherStudentsScene"] == 1
    assert card["rejections"]["exact duplicate"] == 1 and card["rejections"]["near duplicate"] == 1
    rejected = [json.loads(x) for x in (out / "rejected.jsonl").read_text().splitlines()]
    # a fresh-clone run once missed AreaUnderParabola: the message shows why a wanted scene was dropped
    assert {"ShowSlope", "ZoomOnDot", "Surface3D", "OldStyle", "AreaUnderParabola", "CircleArea",
            "SquareInsideCircle"} <= set(kept), "; ".join(f"{r['scene']}: {r['reason']} | {r['error']}" for r in rejected)
    assert [r["scene"] for r in rejected] == ["BrokenScene"]
    assert "NameError" in rejected[0]["error"]  # the message itself, beside the kind the card counts
    # data card: counts per source, licences, histogram over every record
    ce, gl = card["sources"]["ce_tree"], card["sources"]["gl_fixture"]
    assert ce["extracted"] == 7 and ce["kept"] == 4 and gl["extracted"] == 6 and gl["kept"] == 5
    assert ce["licence"] == "MIT" and gl["licence"] == "CC BY-NC-SA 4.0"
    assert card["non_commercial_sources"] == ["gl_fixture"]
    assert sum(card["token_lengths"]["histogram"].values()) == card["records"] == len(records) == 9
    assert "| gl_fixture | CC BY-NC-SA 4.0 | 6 | 5 |" in (out / "data_card.md").read_text()
    for r in records:
        roles = [m["role"] for m in r["messages"]]
        assert roles == ["system", "user", "assistant"] and "```python\nfrom manim import *" in r["messages"][2]["content"]
    by_file: dict[str, set] = {}
    for r in records:
        by_file.setdefault(r["source_file"], set()).add(r["split"])
    assert all(len(v) == 1 for v in by_file.values())


def test_exclude_noncommercial(tmp_path):
    opts = BuildOptions(sources=[parse_source(str(CE)), parse_source(str(GL))], out=str(tmp_path / "ds"),
                        synthetic_per_family=0, render_check=False, exclude_noncommercial=True)
    card = build(opts, log=lambda m: None)
    assert card["sources"]["gl_tree"]["kept"] == 0 and card["sources"]["gl_tree"]["extracted"] == 0
    assert card["sources"]["ce_tree"]["kept"] == 5
    assert any(k.startswith("licence: gl_tree is non-commercial") for k in card["rejections"])


def test_render_filter_tries_a_timed_out_scene_once_more_and_keeps_real_errors(monkeypatch, settings):
    from mathanim import render
    from mathanim.render import RenderOutcome
    from mathanim.result import ErrorInfo

    calls = Counter()
    first = {"Slow": ErrorInfo("timeout", "the scene took longer than 60 s and was stopped"),
             "Broken": ErrorInfo("runtime", "NameError: name 'x' is not defined")}

    def check(code, job):  # a busy machine times the first run of Slow out; Broken fails every time
        calls[job.scene] += 1
        if job.scene in ("Hiccup", "Jinxed") and (job.scene == "Jinxed" or calls[job.scene] == 1):
            raise SystemError(f"a fault in this process, try {calls[job.scene]}")
        err = first[job.scene] if job.scene == "Broken" or calls[job.scene] == 1 else None
        return RenderOutcome(err is None, job.scene, error=err)

    monkeypatch.setattr(render, "check", check)
    pairs = [_pair("Slow", "a.py"), _pair("Broken", "b.py"), _pair("Hiccup", "c.py"), _pair("Jinxed", "d.py")]
    out = {p.scene: r for p, r in render_filter(pairs, settings, workers=1, details=True)}
    assert out["Slow"] is None and calls["Slow"] == 2
    assert out["Broken"].startswith("runtime: NameError") and calls["Broken"] == 1
    # an exception in this process is the machine's, not the scene's: once more, then named with its message
    assert out["Hiccup"] is None and calls["Hiccup"] == 2
    assert out["Jinxed"] == "internal: SystemError | a fault in this process, try 2" and calls["Jinxed"] == 2
