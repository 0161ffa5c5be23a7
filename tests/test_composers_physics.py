"""The physics composers (motion, wave_optics, circuit_field): every catalogue entry that uses them is drawn (not
the formula card) with code that compiles and notes that state its key formula; the values shown are the
textbook formulas' values for the request's own numbers; a handful of scenes render for real with a clean
layout."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path
from types import MappingProxyType

import pytest
from test_composers_discrete import english_on_screen

from mathanim import render
from mathanim.job import Job
from mathanim.layout import check_layout
from mathanim.offline import catalogue
from mathanim.offline.base import Lesson
from mathanim.offline.composers import compose
from mathanim.offline.composers.physics_kit import fmt, wrap_rows
from mathanim.offline.families.calculus import quick
from mathanim.offline.params import extract
from mathanim.offline.quantities import quantities

PHYSICS = ("motion", "wave_optics", "circuit_field")
ENTRIES = [e for e in catalogue.load() if e.composer in PHYSICS]
G = 9.8


def lesson(entry_id: str, request: str = "") -> Lesson:
    """The lesson of a catalogue entry for a request (the entry's name when none)."""
    entry = catalogue.by_id(entry_id)
    return compose(entry, extract(request or entry.name))


def test_the_three_composers_cover_their_entries():
    counts = {c: sum(e.composer == c for e in ENTRIES) for c in PHYSICS}
    assert counts["motion"] >= 20 and counts["wave_optics"] >= 20 and counts["circuit_field"] >= 15, counts


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_every_entry_is_drawn_and_its_notes_state_the_key_formula(entry):
    les = compose(entry, extract(entry.name))
    compile(les.code, entry.id, "exec")
    assert les.family == entry.composer and f"class {les.scene_name}(Scene)" in les.code
    assert "FORMULAS = " not in les.code, "fell back to the formula card"
    assert "RT = 1.0  #" in les.code and "RT = 0.1  #" in quick(les.code, 0.1)
    assert entry.formulas[0].latex in les.notes_md
    assert "## In this animation" in les.notes_md and any(r.startswith("Computed: ") for r in les.reasoning)
    assert not any(word in les.code for word in ("nan", "inf,", "inf]")), "a non-finite number reached the scene"


def test_a_chinese_request_gets_the_chinese_title_and_headings():
    les = lesson("projectile_motion", "斜抛运动 30 m/s 45°")
    assert les.title == "斜抛运动" and "## 本动画中的数值" in les.notes_md and "## 定义" in les.notes_md
    assert math.isclose(les.values["range"], 30 ** 2 / G, rel_tol=1e-9)


@pytest.mark.parametrize("request_text, v0, deg", [
    ("a ball thrown at 30 m/s at 45°", 30, 45), ("projectile launched at 20 m/s at 60 degrees", 20, 60),
    ("projectile v0 = 12, angle = 25", 12, 25)])
def test_projectile_range_height_and_time_follow_the_request(request_text, v0, deg):
    les = lesson("projectile_motion", request_text)
    th = math.radians(deg)
    assert math.isclose(les.values["range"], v0 ** 2 * math.sin(2 * th) / G, rel_tol=1e-9)
    assert math.isclose(les.values["height"], v0 ** 2 * math.sin(th) ** 2 / (2 * G), rel_tol=1e-9)
    assert math.isclose(les.values["t"], 2 * v0 * math.sin(th) / G, rel_tol=1e-9)
    assert f"V0 = {float(v0)!r}" in les.code and f"= {fmt(les.values['range'])} m" in les.notes_md


def test_a_horizontal_launch_from_a_table():
    les = lesson("horizontal_projectile", "a ball rolls off a 1.25 m high table at 5 m/s")
    assert math.isclose(les.values["range"], 5 * math.sqrt(2 * 1.25 / G), rel_tol=1e-9)


def test_snells_law_and_total_internal_reflection():
    les = lesson("snells_law", "light from n1 = 1.33 into n2 = 1.5 at 60 degrees")
    (t2,) = les.values["theta_2"]
    assert math.isclose(1.33 * math.sin(math.radians(60)), 1.5 * math.sin(math.radians(t2)), rel_tol=1e-12)
    tir = lesson("total_internal_reflection").values["theta_2"]  # glass to air at 30°, 41.8°, 50°
    assert tir[2] is None and tir[0] is not None
    assert math.isclose(math.sin(math.radians(tir[0])), 1.5 * math.sin(math.radians(30)), rel_tol=1e-12)
    assert "total internal reflection" in lesson("total_internal_reflection").notes_md


@pytest.mark.parametrize("request_text, f, u", [
    ("an object 30 cm from a lens with f = 10 cm", 10, 30), ("object 5 cm in front of a f = 10 cm lens", 10, 5),
    ("diverging lens f = -20 cm, object at 30 cm", -20, 30)])
def test_the_lens_image_satisfies_the_lens_equation(request_text, f, u):
    les = lesson("thin_lens_equation", request_text)
    v, m = les.values["v"], les.values["M"]
    assert math.isclose(1 / f, 1 / u + 1 / v, rel_tol=1e-9) and math.isclose(m, -v / u, rel_tol=1e-9)
    assert ("virtual" in les.notes_md) == (v < 0)


def test_the_concave_mirror_image():
    les = lesson("spherical_mirrors")  # R = 20 cm, object at 15 cm
    assert math.isclose(les.values["v"], 30, rel_tol=1e-9) and math.isclose(les.values["M"], -2, rel_tol=1e-9)


@pytest.mark.parametrize("request_text, rs, v", [
    ("", [6, 3], 12), ("resistors of 2 Ω, 3 Ω and 6 Ω on a 6 V battery", [2, 3, 6], 6)])
def test_series_and_parallel_resistance_and_currents(request_text, rs, v):
    vals = lesson("resistors_series_parallel", request_text).values
    rp = 1 / sum(1 / r for r in rs)
    assert math.isclose(vals["R_s"], sum(rs)) and math.isclose(vals["I_s"], v / sum(rs))
    assert math.isclose(vals["R_p"], rp) and math.isclose(vals["I_p"], v / rp)


def test_kirchhoff_currents_satisfy_the_junction_and_loop_rules():
    vals = lesson("kirchhoffs_laws").values  # E = 12 V, 6 V; R = 2, 4, 4 Ω
    i1, i2, i3 = vals["I1"], vals["I2"], vals["I3"]
    assert math.isclose(i1 + i2, i3, abs_tol=1e-12)
    assert math.isclose(12, 2 * i1 + 4 * i3) and math.isclose(6, 4 * i2 + 4 * i3)


K = 8.9875517923e9


@pytest.mark.parametrize("entry_id, request_text, key, expected", [
    ("coulombs_law", "", "F", K * 1e-6 * 1e-6 / 0.1 ** 2),
    ("coulombs_law", "two charges of 2 μC and -3 μC 5 cm apart", "F", K * 6e-12 / 0.05 ** 2),
    ("coulombs_law", "Coulomb's law for two 1 μC charges 1 m apart", "F", K * 1e-12 / 1 ** 2),  # both 1 μC
    ("double_slit", "", "dy", 600e-9 * 1 / 0.2e-3),
    ("double_slit", "double slit, 450 nm light, slits 0.1 mm apart, screen 2 m away", "dy", 450e-9 * 2 / 0.1e-3),
    ("bohr_model", "", "lambda_nm", 6.62607015e-34 * 299792458 / (13.6 * (1 / 4 - 1 / 9) * 1.602176634e-19) * 1e9),
    ("doppler_effect", "", "f_ahead", 500 * 340 / (340 - 30)),
    ("simple_pendulum", "a 2 m long pendulum", "T", 2 * math.pi * math.sqrt(2 / G)),
    ("simple_harmonic_motion", "", "T", 2 * math.pi * math.sqrt(0.5 / 200)),
    ("free_fall", "a stone dropped from 80 m", "t", math.sqrt(2 * 80 / G)),
    ("conservation_of_momentum", "", "p", 2 * 3 + 1 * 0),
    ("transformer", "", "U2", 220 * 50 / 1000),
    ("motional_emf", "", "emf", 0.5 * 0.4 * 3),
    ("faradays_law", "", "emf", 100 * 0.02 / 0.1),
    ("capacitor", "", "C", 8.8541878128e-12 * 0.01 / 0.001),
    ("lc_oscillation", "", "f", 1 / (2 * math.pi * math.sqrt(0.01 * 1e-6))),
    ("keplers_laws", "", "T", 2 * math.pi * math.sqrt(6.771e6 ** 3 / (6.674e-11 * 5.972e24))),
    ("electric_power", "", "P", 220 ** 2 / 48.4),
    ("wave_speed", "a wave with wavelength 2 m and frequency 170 Hz", "v", 340),
    ("work_energy_theorem", "kinetic energy of a 1200 kg car at 20 m/s", "W", 0.5 * 1200 * 20 ** 2),
    ("orbital_velocity", "a satellite orbiting at radius 7000 km", "v1", math.sqrt(6.674e-11 * 5.972e24 / 7e6)),
])
def test_computed_values_match_the_formulas(entry_id, request_text, key, expected):
    assert math.isclose(lesson(entry_id, request_text).values[key], expected, rel_tol=1e-6)


@pytest.mark.parametrize("request_text, v, s", [
    ("a car accelerates from 0 to 27 m/s in 9 s", 27, 121.5),  # a = 3 is solved, not v₀ = 27 read
    ("a car accelerates from rest to 72 km/h in 10 s", 20, 100),
    ("a car accelerates uniformly from 5 m/s to 25 m/s at 4 m/s^2", 25, 75),  # t = 5 s is solved
    ("a car at 10 m/s accelerates at 2 m/s² for 5 s", 20, 75),
    ("uniform acceleration from rest: 50 m in 10 s", 10, 50),  # a = 1 from s = ½at²
    ("a car brakes from 25 m/s to rest in 5 s", 0, 62.5),  # a = -5
    ("a train slows from 30 m/s to 10 m/s over 200 m", 10, 200),  # t = 10 s, a = -2
])
def test_uniform_acceleration_solves_what_the_request_leaves_out(request_text, v, s):
    got = lesson("kinematics_equations", request_text).values
    assert got["v"] == pytest.approx(v) and got["s"] == pytest.approx(s)


@pytest.mark.parametrize("request_text, n1, n2, theta", [
    ("Snell's law water n = 1.33 into glass n = 1.5 at 30 degrees", 1.33, 1.5, 30),  # two "n =" in the order written
    ("light from glass into water at 30 degrees", 1.5, 1.33, 30),  # the media name the indices
    ("Snell's law from air into glass n = 1.5 at 40 degrees", 1.0, 1.5, 40),
])
def test_refraction_reads_both_indices(request_text, n1, n2, theta):
    got = lesson("snells_law", request_text).values["theta_2"][0]
    assert got == pytest.approx(math.degrees(math.asin(n1 * math.sin(math.radians(theta)) / n2)))


def test_elastic_and_sticking_collisions():
    assert lesson("elastic_collision").values["u"] == pytest.approx([-2, 2])  # 1 kg at 4 m/s hits 3 kg at rest
    sticky = lesson("conservation_of_momentum", "a 4 kg cart at 2 m/s hits a 4 kg cart at rest").values
    assert sticky["u"] == pytest.approx([1, 1]) and sticky["ke"] == pytest.approx([8, 4])


def test_the_request_quantities_carry_their_units():
    got = quantities("30 m/s at 60°, 500 nm, 2 × 10^6 m/s, 1 μC, 10 cm, 5 mA, 100 MHz, 3rd law, n1 = 1.5")
    assert [(q.kind, q.value) for q in got if q.kind] == [
        ("speed", 30), ("angle", 60), ("length", 5e-7), ("speed", 2e6), ("charge", 1e-6), ("length", 0.1),
        ("current", 0.005), ("frequency", 1e8)]
    assert [(q.name, q.value) for q in got if q.name] == [("n1", 1.5)] and not any(q.value == 3 for q in got)


def test_a_word_names_another_quantity_only_when_the_units_agree():
    # "mass" before "50 N/m" does not make it a mass (a mass is not in N/m), but "wavelength 2 m" is no amplitude
    spring = lesson("simple_harmonic_motion", "a 2 kg mass on a 50 N/m spring")
    assert spring.values["omega"] == pytest.approx(5.0)  # sqrt(50 / 2)
    moon = quantities("on the moon: 10 m/s")  # "moon:" is a label, not an assignment
    assert [(q.name, q.kind, q.value) for q in moon] == [("", "speed", 10)]
    assert [(q.name, q.value) for q in quantities("v0: 30 m/s, speed: 5 m/s")] == [("v0", 30), ("speed", 5)]


def test_out_of_range_numbers_are_clamped_and_said():
    les = lesson("projectile_motion", "a ball thrown at 5000 m/s at 45°")
    assert les.values["v0"] == 300 and any("clamped" in line for line in les.reasoning)


def test_wrapped_panel_rows_break_before_an_equals_sign():
    assert wrap_rows(["Δp = ½ρ(v₂² − v₁²) = 7500 Pa"], 25) == ["Δp = ½ρ(v₂² − v₁²)", "   = 7500 Pa"]


@pytest.mark.parametrize("entry_id, settings", [
    ("snells_law", {"kind": "hologram"}), ("archimedes_principle", {"kind": "fluid", "setup": "hydraulic_press"}),
    ("faradays_law", {"kind": "induction", "setup": "eddy_brake"}), ("kirchhoffs_laws", {"kind": "circuit"})])
def test_a_variant_or_setup_not_drawn_falls_back_to_the_formula_card(entry_id, settings):
    entry = catalogue.by_id(entry_id)
    les = compose(dataclasses.replace(entry, settings=MappingProxyType(settings)), extract(entry.name))
    assert "FORMULAS = " in les.code and les.title == entry.name


RENDERED = ["projectile_motion", "total_internal_reflection", "resistors_series_parallel", "thin_lens_equation",
            "coulombs_law"]


@pytest.mark.parametrize("entry_id", RENDERED)
def test_scene_renders_with_a_clean_layout(entry_id, settings, tmp_path):
    les = lesson(entry_id)
    out = render.render(quick(les.code, 0.1), Job.make(settings, "low", ["mp4"], tmp_path))
    assert out.ok, out.error
    assert Path(out.videos["mp4"]).stat().st_size > 10_000
    report = check_layout(les.code, Job.make(settings))
    assert report.get("error") is None and report["defects"] == [], report


# -- a Chinese request: the panel's words are Chinese too (the checker is the discrete composers' test's) ------------

@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_a_chinese_request_gets_a_chinese_scene(entry):
    les = lesson(entry.id, entry.name_zh)
    assert les.title == entry.name_zh
    assert english_on_screen(les.code) == [], entry.id


def test_a_chinese_scene_renders_with_a_clean_layout(settings, tmp_path):
    les = lesson("doppler_effect", "多普勒效应")
    assert "前方" in les.code and "后方" in les.code
    res = render.render(quick(les.code, 0.1), Job.make(settings, "low", ["mp4"], tmp_path, name="doppler_zh"))
    assert res.ok, res.error
    report = check_layout(les.code, Job.make(settings))
    assert "error" not in report, report.get("error")
    assert report["defects"] == [], [d["message"] for d in report["defects"]]
