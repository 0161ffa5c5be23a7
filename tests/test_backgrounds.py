"""Backgrounds (mathanim/backgrounds/): procedural plates, pictures, a tiny local diffusers pipeline, the
WCAG contrast fix under text boxes, and the transparent render composited under the scene (real renders at low,
through the pipeline and the CLI)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest
from conftest import ffprobe
from PIL import Image

from mathanim import backgrounds, pipeline, render
from mathanim.backgrounds import contrast, image, procedural, stage
from mathanim.events import Done
from mathanim.job import Job

ROOT = Path(__file__).resolve().parent.parent
# white text on screen (manim's default colour) for its whole length: on paper, unreadable until fixed
WHITE_TEXT = '''from manim import *


class Card(Scene):
    def construct(self):
        title = Text("Pythagoras", font_size=48).to_edge(UP)
        eq = MathTex("a^2 + b^2 = c^2").scale(1.3)
        self.add(title)
        self.play(Write(eq), run_time=0.6)
        self.wait(0.4)
'''


def test_each_name_is_a_seeded_plate():
    plates = {n: procedural.plate(n, 160, 90, seed=3) for n in backgrounds.NAMES}
    for name, img in plates.items():
        assert img.shape == (90, 160, 3) and img.dtype == np.uint8
        assert np.array_equal(img, procedural.plate(name, 160, 90, seed=3)), f"{name} is not reproducible"
        assert not np.array_equal(img, procedural.plate(name, 160, 90, seed=4)), f"{name} ignores its seed"
        corner, centre = img[:5, :5].mean(), img[40:50, 75:85].mean()
        assert corner < centre, f"{name} has no vignette"
    means = sorted(round(float(p.mean())) for p in plates.values())
    assert len(set(means)) == len(means)  # four different pictures


def test_parse_names_seeds_and_clear_errors(tmp_path):
    assert backgrounds.parse(None) is None and backgrounds.parse("none") is None
    assert backgrounds.parse("noise:7") == backgrounds.Background("procedural", "noise", 7)
    with pytest.raises(ValueError, match="gradient, paper, grid, noise"):
        backgrounds.parse("sunset")
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"not a picture at all")
    with pytest.raises(ValueError, match="cannot read background image"):
        backgrounds.parse(str(bad))
    (tmp_path / "notes.txt").write_text("hi")
    with pytest.raises(ValueError, match="is not a picture"):
        backgrounds.parse(str(tmp_path / "notes.txt"))
    with pytest.raises(ValueError, match="model_index.json"):
        backgrounds.parse(str(tmp_path))
    with pytest.raises(ValueError, match="whole number"):
        backgrounds.parse("grid:x")


def test_contrast_fix_reaches_wcag_aa_only_where_needed():
    paper = procedural.plate("paper", 427, 240)
    white = contrast.TextBox((100, 30, 300, 70), (1.0, 1.0, 1.0))
    assert contrast.box_ratio(paper, white) < 2.0  # white on cream: unreadable as it is
    fixed, report = contrast.fix(paper, [white])
    assert report[0]["fixed"] and report[0]["after"] >= contrast.TARGET
    assert contrast.box_ratio(fixed, white) >= contrast.TARGET
    assert np.array_equal(fixed[200:, :], paper[200:, :])  # far from the box nothing changed
    dark = procedural.plate("grid", 427, 240)
    untouched, report = contrast.fix(dark, [white])  # white on navy already passes
    assert not report[0]["fixed"] and np.array_equal(untouched, dark)
    navy_text = contrast.TextBox((100, 30, 300, 70), (0.1, 0.1, 0.3))  # dark text on the dark grid: lightened
    lifted, report = contrast.fix(dark, [navy_text])
    assert report[0]["after"] >= contrast.TARGET and lifted[50, 200].mean() > dark[50, 200].mean()


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    """A tiny randomly initialised unconditional diffusers pipeline, saved to a local folder (no download)."""
    return _tiny_pipeline(tmp_path_factory.mktemp("diffusers") / "model")


@pytest.fixture(autouse=True)
def few_steps(monkeypatch):
    """The tiny random model's pictures mean nothing: 3 denoising steps test the same path as 20."""
    monkeypatch.setattr(image, "DIFFUSION_STEPS", 3)


def _tiny_pipeline(folder: Path) -> Path:
    import torch
    from diffusers import DDPMPipeline, DDPMScheduler, UNet2DModel

    torch.manual_seed(0)
    unet = UNet2DModel(sample_size=32, in_channels=3, out_channels=3, block_out_channels=(16, 32), layers_per_block=1, norm_num_groups=8,
                       down_block_types=("DownBlock2D", "AttnDownBlock2D"), up_block_types=("AttnUpBlock2D", "UpBlock2D"))
    DDPMPipeline(unet=unet, scheduler=DDPMScheduler(num_train_timesteps=50)).save_pretrained(folder)
    return folder


def test_tiny_diffusers_pipeline_from_a_local_folder(model_dir):
    bg = backgrounds.parse(str(model_dir))
    assert bg.kind == "diffusion"
    one = stage.plate_for(bg, 96, 54)
    assert one.shape == (54, 96, 3) and one.dtype == np.uint8
    assert np.array_equal(one, stage.plate_for(bg, 96, 54)), "the same seed must give the same picture"
    other = stage.plate_for(backgrounds.Background(bg.kind, bg.source, seed=1), 96, 54)
    assert not np.array_equal(one, other)


def _render(code: str, settings, background, out: Path):
    """Through the whole pipeline (fix, check, render, Result)."""
    job = Job.make(settings, "low", ("mp4",), out_dir=out, background=background)
    events = list(pipeline.render_code(code, job, "file"))
    res = events[-1].result if isinstance(events[-1], Done) else None
    assert res is not None and res.ok, res.error if res else events[-3:]
    return res


def _render_only(code: str, settings, background, out: Path) -> render.RenderOutcome:
    """render.render with the background stage alone (no fast check): the master is cached after the first."""
    job = Job.make(settings, "low", ("mp4",), out_dir=out, background=background)
    outcome = render.render(code, job, None, None, stage.Finisher(code, job))
    assert outcome.ok, outcome.error
    return outcome


def _last_frame(path: str) -> np.ndarray:
    with av.open(path) as c:
        frames = list(c.decode(video=0))
        return frames[-1].to_ndarray(format="rgb24")


def test_every_name_composited_under_a_real_render(settings, tmp_path):
    """One transparent master (cached), composited over each procedural plate; the corners show the plate,
    the text boxes reach 4.5:1, and a render without a background is today's plain output."""
    plain = _render(WHITE_TEXT, settings, None, tmp_path / "plain")
    assert plain.background is None and _last_frame(plain.video)[5:20, 5:20].mean() < 3  # black, as before
    records = {}
    for name in backgrounds.NAMES:
        res = _render_only(WHITE_TEXT, settings, backgrounds.parse(name), tmp_path / name)
        rec = records[name] = res.background
        assert rec["source"] == name and rec["texts"] >= 2, rec
        assert rec["contrast_after"] >= contrast.TARGET, rec
        facts = ffprobe(res.videos["mp4"])
        assert (facts["codec_name"], facts["width"], facts["height"]) == ("h264", 854, 480)
        frame, plate = _last_frame(res.videos["mp4"]), procedural.plate(name, 854, 480)
        assert abs(frame[440:470, 20:60].astype(float) - plate[440:470, 20:60]).mean() < 6, name
        poster = np.asarray(Image.open(res.poster).convert("RGB"))
        assert abs(poster[440:470, 20:60].astype(float) - plate[440:470, 20:60]).mean() < 2, name
    paper = records["paper"]
    assert paper["contrast_before"] < 2.0 and paper["dimmed"] >= 1  # the bright plate needed the fix


def test_diffusion_and_picture_backgrounds_composite(settings, tmp_path, model_dir):
    picture = tmp_path / "sky.jpg"
    Image.fromarray(np.tile(np.linspace(30, 220, 200, dtype=np.uint8)[None, :, None], (100, 1, 3))).save(picture)
    for spec in (str(picture), str(model_dir)):
        res = _render_only(WHITE_TEXT, settings, backgrounds.parse(spec), tmp_path / Path(spec).stem)
        plate = stage.plate_for(backgrounds.parse(spec), 854, 480)
        frame = _last_frame(res.videos["mp4"])
        assert abs(frame[440:470, 20:60].astype(float) - plate[440:470, 20:60]).mean() < 8
        assert res.background["contrast_after"] >= contrast.TARGET
    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "model_index.json").write_text("{}")  # passes the first look, fails to load: a usage error
    job = Job.make(settings, "low", ("mp4",), out_dir=tmp_path / "broken", background=backgrounds.parse(str(broken)))
    outcome = render.render(WHITE_TEXT, job, None, None, stage.Finisher(WHITE_TEXT, job))
    assert not outcome.ok and outcome.error.kind == "usage" and "cannot load the diffusers model" in outcome.error.message


def cli(*args: str, media: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "MATHANIM_MEDIA_DIR": str(media)}
    return subprocess.run([sys.executable, str(ROOT / "text_to_manim.py"), *args], capture_output=True, text=True,
                          env=env, timeout=300)


def test_cli_background_flag_end_to_end(tmp_path):
    scene = tmp_path / "card.py"
    scene.write_text(WHITE_TEXT)
    proc = cli("--scene-file", str(scene), "--background", "grid:5", "--format", "mp4,gif", "--json",
               "--out", str(tmp_path / "out"), media=tmp_path / "media")
    assert proc.returncode == 0, proc.stderr[-2000:]
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    assert res["background"]["source"] == "grid" and res["background"]["seed"] == 5
    plate = procedural.plate("grid", 854, 480, seed=5)
    with Image.open(res["videos"]["gif"]) as gif:  # converted from the composited mp4
        first = np.asarray(gif.convert("RGB").resize((854, 480)))
    assert abs(first[440:470, 20:60].astype(float) - plate[440:470, 20:60]).mean() < 12
    bad = cli("--scene-file", str(scene), "--background", "sunset", "--json", media=tmp_path / "media")
    assert bad.returncode == 2
    err = json.loads(bad.stdout.strip().splitlines()[-1])["error"]
    assert err["kind"] == "usage" and "unknown background 'sunset'" in err["message"]


def _page(settings):
    from mathanim import ui

    return ui.build_ui(settings, {"scripted": lambda: None})


def test_ui_background_picker_and_a_real_render(settings, tmp_path):
    from types import SimpleNamespace

    demo = _page(settings)
    app, c = demo.mathanim, demo.mathanim.c
    ids = {b.elem_id for b in demo.blocks.values() if getattr(b, "elem_id", None)}
    assert {"background", "background_image", "candidates", "candidate_scores"} <= ids
    assert {v for _, v in c.background.choices} >= {"none", "image", *backgrounds.NAMES}
    req = SimpleNamespace(session_hash="bg", username=None)
    *_, last = list(app.generate("a circle", "scripted", "low", ["mp4"], req, "image", None, 1))
    assert "Upload a background image" in last[c.status]
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG not really")
    *_, last = list(app.rerender(WHITE_TEXT, "low", ["mp4"], req, "image", str(broken)))
    assert "cannot read background image" in last[c.status].lower()
    *_, last = list(app.rerender(WHITE_TEXT, "low", ["mp4"], req, "paper", None))
    assert "**Done**" in last[c.status] and "background paper" in last[c.status], last[c.status]
    assert last[c.video] is not None


def test_alpha_over_is_exact_straight_alpha():
    from mathanim.backgrounds.composite import over

    rng = np.random.default_rng(1)
    plate = rng.integers(0, 256, (40, 60, 3), dtype=np.uint8)
    rgba = np.zeros((40, 60, 4), np.uint8)
    rgba[10:20, 5:30] = rng.integers(0, 256, (10, 25, 4), dtype=np.uint8)
    a = rgba[..., 3:4].astype(float) / 255
    expected = np.round(rgba[..., :3] * a + plate * (1 - a)).astype(np.uint8)
    assert np.abs(over(rgba, plate).astype(int) - expected).max() <= 1
    assert np.array_equal(over(np.zeros_like(rgba), plate), plate)


def test_a_damaged_master_is_a_clear_error_from_its_own_process(tmp_path):
    """The sandbox wrote the .mov: it is decoded in a separate process, and garbage there is a typed error."""
    from mathanim.executor.base import SandboxTask
    from mathanim.executor.store import ArtifactStore
    from mathanim.executor.work import execute

    store = ArtifactStore(tmp_path)
    (tmp_path / "scene.mov").write_bytes(b"\x00\x00\x00\x14ftypqt  " + b"\xff" * 4000)
    for name in ("base.png", "fixed.png"):
        Image.fromarray(np.zeros((48, 64, 3), np.uint8)).save(tmp_path / name)
    spec = {k: store.ref(tmp_path / v) for k, v in
            {"src": "scene.mov", "dst": "scene.mp4", "base": "base.png", "fixed": "fixed.png"}.items()}
    out = execute(SandboxTask("composite", store.ref(tmp_path), {**spec, "patches": []}), store)
    assert not out.ok and out.error.message.startswith("compositing the background failed")
    assert not (tmp_path / "scene.mp4").exists()
