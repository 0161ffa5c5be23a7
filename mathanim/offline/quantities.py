"""Quantities with units in a request: "a ball thrown at 30 m/s", "a 2 kg mass", "wavelength 500 nm". Each number
comes with its unit's kind and its value in SI units, the name it is assigned to and the word before it, so that a
scene can tell the speed from the mass and the amplitude from the wavelength. Used by the families and the
physics composers alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .params import normalize

# (unit pattern, kind, factor to SI); longer units first, so "m/s" wins over "m" and "mm" over "m"
UNITS: tuple[tuple[str, str, float], ...] = (
    (r"m/s\^?2|m/s²|米每二次方秒", "acceleration", 1.0), (r"km/h", "speed", 1 / 3.6), (r"km/s", "speed", 1000.0),
    (r"m/s|米/秒|米每秒", "speed", 1.0), (r"rad/s", "angular_speed", 1.0), (r"N/m", "stiffness", 1.0),
    (r"kg/m\^?3|kg/m³", "density", 1.0), (r"g/cm\^?3|g/cm³", "density", 1000.0),
    (r"turns?/m|turns per (?:metre|meter|m)", "per_metre", 1.0), (r"lines?/mm|lines per mm", "per_mm", 1.0),
    (r"m\^?2|m²|平方米", "area", 1.0), (r"cm\^?2|cm²", "area", 1e-4), (r"m\^?3|m³|立方米", "volume", 1.0),
    (r"L|litres?|liters?|升", "volume", 1e-3),
    (r"°|degrees?|deg|度", "angle", 1.0), (r"kg|千克|公斤", "mass", 1.0), (r"g|克", "mass", 1e-3),
    (r"km|千米", "length", 1000.0), (r"cm|厘米", "length", 0.01), (r"mm|毫米", "length", 1e-3),
    (r"μm|um|微米", "length", 1e-6), (r"nm|纳米", "length", 1e-9), (r"m|米", "length", 1.0),
    (r"ms|毫秒", "time", 1e-3), (r"s|秒", "time", 1.0), (r"kN", "force", 1000.0), (r"N|牛", "force", 1.0),
    (r"kV", "voltage", 1000.0), (r"mV", "voltage", 1e-3), (r"V|伏", "voltage", 1.0),
    (r"kΩ|kohms?", "resistance", 1000.0), (r"Ω|ohms?|欧", "resistance", 1.0),
    (r"mA|毫安", "current", 1e-3), (r"A|安", "current", 1.0),
    (r"μC|uC|microcoulombs?", "charge", 1e-6), (r"nC", "charge", 1e-9), (r"C|库", "charge", 1.0),
    (r"mT", "field", 1e-3), (r"T|特斯拉", "field", 1.0),
    (r"GHz", "frequency", 1e9), (r"MHz", "frequency", 1e6), (r"kHz", "frequency", 1e3), (r"Hz|赫兹?", "frequency", 1.0),
    (r"μF|uF|微法", "capacitance", 1e-6), (r"nF", "capacitance", 1e-9), (r"pF", "capacitance", 1e-12),
    (r"mF", "capacitance", 1e-3), (r"F|法", "capacitance", 1.0),
    (r"mH", "inductance", 1e-3), (r"μH|uH", "inductance", 1e-6), (r"H|亨", "inductance", 1.0),
    (r"kW", "power", 1000.0), (r"W|瓦", "power", 1.0), (r"kPa", "pressure", 1000.0), (r"Pa", "pressure", 1.0),
    (r"eV", "energy", 1.602176634e-19), (r"J|焦", "energy", 1.0), (r"turns?|匝", "count", 1.0),
)
_NUM = r"[-+−]?(?:\d+\.?\d*|\.\d+)(?:\s*(?:[eE]|[×x*]\s*10\^)\s*[-+−]?\d+)?"
_UNIT = "|".join(u.replace("μ", "(?:μ|mu ?)") for u, _, _ in UNITS)
_ITEM = re.compile(r"(?:(?<![\w/])(?P<name>[A-Za-z][\w]{0,7})\s*(?P<sep>=|:)\s*)?(?<![\w.^])(?P<num>" + _NUM
                   + r")(?:\s*(?P<unit>" + _UNIT + r")(?![A-Za-z²³]))?")
ORDINAL = re.compile(r"\d+\s*(?:st|nd|rd|th)\b", re.I)
_KINDS = [(re.compile(u.replace("μ", "(?:μ|mu ?)")), k, f) for u, k, f in UNITS]
UNIT_AFTER = re.compile(r"\s*(" + _UNIT + r")(?![A-Za-z²³])")  # a unit right after a number


def to_float(s: str) -> float:
    """A number as typed ("2.5", "3e8", "2 × 10^6", "−4")."""
    s = s.replace("−", "-").replace(" ", "")
    m = re.fullmatch(r"([-+]?[\d.]+)(?:[eE]|[×x*]10\^)([-+]?\d+)", s)
    return float(m.group(1)) * 10 ** int(m.group(2)) if m else float(s)


@dataclass(frozen=True)
class Quantity:
    """A number of the request: its `value` (in SI units when it has a unit; angles in degrees), the `kind` its
    unit tells ("" without one) and the `name` it was assigned to ("" without one; compared by name_key)."""

    value: float
    kind: str = ""
    name: str = ""
    word: str = ""  # the word just before it ("wavelength 2 m", "amplitude of 0.5 m"), lower case


FILLERS = {"of", "is", "at", "to", "by", "with", "the", "from", "about", "equals", "and", "its", "has", "set",
           "than", "for", "into", "onto", "per"}


# words that name a quantity, with the kinds of unit that quantity is measured in: the "2 m" of "wavelength 2 m"
# is not the amplitude, but the "200 N/m" of "a mass on a 200 N/m spring" is a stiffness (a mass is not in N/m)
WORD_KINDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("wavelength", "height", "radius", "length", "distance", "focal", "object", "gap", "separation",
                     "width", "screen", "slits", "spacing", "apart"), ("length",)),
    "amplitude": ("length", "angle"), "frequency": ("frequency",), "mass": ("mass",), "speed": ("speed",),
    "velocity": ("speed",), "area": ("area",), "current": ("current",), "voltage": ("voltage",),
    "field": ("field",), "charge": ("charge",), "time": ("time",), "period": ("time",), "angle": ("angle",),
    "force": ("force",), "density": ("density",), "volume": ("volume",), "resistance": ("resistance",),
    "capacitance": ("capacitance",), "inductance": ("inductance",)}


def names_another(q: Quantity, kind: str) -> bool:
    """Whether the word before `q` names a quantity measured like `kind` (so `q` is that quantity, not the one
    asked for)."""
    return kind in WORD_KINDS.get(q.word, ())


def name_key(name: str) -> str:
    """A name as it is compared: lower case, no underscores ("v_0", "V0" → "v0")."""
    return name.replace("_", "").lower()


def _assigned(m: re.Match) -> str:
    """The name a number is assigned to: any before "=", but before ":" only a symbol ("v0: 30", "k: 50") or a
    quantity's word ("speed: 30"), since "on the moon: 10 m/s" names no quantity "moon"."""
    name = m["name"] or ""
    symbol = len(name) <= 3 or not name.isalpha() or name.lower() in WORD_KINDS
    return name_key(name) if m["sep"] == "=" or symbol else ""


def quantities(text: str) -> list[Quantity]:
    """Every number of `text` in order, with its unit's kind and SI value and the name it is assigned to
    ("v1 = 3 m/s", "a ball thrown at 30 m/s", "n2 = 1.5"); ordinals ("3rd law") are not numbers."""
    out, end = [], 0
    s = ORDINAL.sub(" ", normalize(text))
    for m in _ITEM.finditer(s):
        value, kind = to_float(m["num"]), ""
        if m["unit"]:
            kind, factor = next((k, f) for rx, k, f in _KINDS if rx.fullmatch(m["unit"]))
            value = float(f"{value * factor:.12g}")
        words = [w.lower() for w in re.findall(r"(?<![\w/])[A-Za-z]{3,}\b", s[end:m.start()])]
        word = next((w for w in reversed(words) if w not in FILLERS), "")
        out.append(Quantity(value, kind, _assigned(m), word))
        end = m.end()
    return out


def unit_of(unit: str) -> tuple[str, float] | None:
    """(kind, factor to SI) of a unit as written ("kΩ", "L", "m^3", "μF"), or None for one this module does not
    know (K, mol, year)."""
    unit = unit.strip()
    return next(((k, f) for rx, k, f in _KINDS if rx.fullmatch(unit)), None)


def convert(value: float, typed: str, target: str) -> float | None:
    """`value` in the unit `typed` expressed in the unit `target` ("1 kΩ" in Ω: 1000; "2 L" in m^3: 0.002); None
    when either unit is unknown or they measure different things."""
    a, b = unit_of(typed), unit_of(target)
    if a is None or b is None or a[0] != b[0]:
        return None
    return float(f"{value * a[1] / b[1]:.12g}")
