"""What a layout plan is about: elements with roles and measured sizes, boxes on the frame, named regions.

Coordinates are manim frame units (the default frame is 14.22 x 8, centred on the origin); a box is
(left, bottom, right, top).
"""

from __future__ import annotations

from dataclasses import dataclass, field

FRAME = (-7.111, -4.0, 7.111, 4.0)
MARGIN = 0.3  # what the solver keeps free along every frame edge
GAP = 0.15  # the least distance between two planned boxes
ROLES = ("title", "formula", "graph", "label", "caption")
PRIORITY = {"title": 0, "graph": 1, "formula": 2, "caption": 3, "label": 4}  # who is placed first
KINDS = ("text", "tex", "body")  # Text, MathTex, or a non-text mobject (axes, a diagram) of a given size
COLS, ROWS = ("left", "center", "right"), ("top", "middle", "bottom")

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Element:
    """One thing a scene will show: its role, what it is, and its size at scale 1 (measured for text/tex)."""

    key: str  # unique within a plan: "title", "formula1"
    role: str  # one of ROLES
    kind: str = "text"  # one of KINDS
    text: str = ""  # what a text/tex element shows
    font_size: float = 0.0  # its font size (0 for a body)
    w: float = 0.0  # width at scale 1, frame units
    h: float = 0.0  # height at scale 1

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"element {self.key!r}: unknown role {self.role!r} (one of {', '.join(ROLES)})")
        if self.kind not in KINDS:
            raise ValueError(f"element {self.key!r}: unknown kind {self.kind!r} (one of {', '.join(KINDS)})")

    def with_size(self, w: float, h: float) -> Element:
        """This element with its measured size."""
        return Element(self.key, self.role, self.kind, self.text, self.font_size, float(w), float(h))


@dataclass(frozen=True)
class Placed:
    """Where the plan puts one element: its box, the scale applied to its measured size, its region's name."""

    box: Box
    scale: float
    region: str

    @property
    def center(self) -> tuple[float, float]:
        return ((self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2)


@dataclass
class Plan:
    """A solved layout: every element placed inside the frame without overlaps, or named in `unplaced`."""

    elements: list[Element]
    placed: dict[str, Placed] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)  # elements that could not fit (lowest priority first out)

    @property
    def fits(self) -> bool:
        return not self.unplaced

    def to_json(self) -> dict:
        """The plan as the model prompt and the checker read it: role, region, box and scale per element."""
        rows = []
        for e in self.elements:
            p = self.placed.get(e.key)
            row = {"element": e.key, "role": e.role, "text": e.text[:60]}
            if p:
                row.update(region=p.region, box=[round(v, 2) for v in p.box], scale=round(p.scale, 3))
            else:
                row["region"] = None
            rows.append(row)
        return {"frame": list(FRAME), "elements": rows, "unplaced": list(self.unplaced)}


def region_of(x: float, y: float) -> str:
    """The name of the 3x3 frame region holding the point (x, y): 'top-left', 'top', ... 'bottom-right'."""
    w, h = FRAME[2] - FRAME[0], FRAME[3] - FRAME[1]
    col = COLS[min(2, max(0, int((x - FRAME[0]) / w * 3)))]
    row = ROWS[min(2, max(0, int((FRAME[3] - y) / h * 3)))]
    if row == "middle":
        return "center" if col == "center" else col
    return row if col == "center" else f"{row}-{col}"


def area(b: Box | None) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1]) if b else 0.0


def intersect(a: Box, b: Box) -> Box | None:
    box = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    return box if box[2] > box[0] and box[3] > box[1] else None


def iou(a: Box, b: Box) -> float:
    """Intersection over union of two boxes."""
    inter = area(intersect(a, b))
    union = area(a) + area(b) - inter
    return inter / union if union > 0 else 0.0


def inside(b: Box, outer: Box, tol: float = 1e-6) -> bool:
    return b[0] >= outer[0] - tol and b[1] >= outer[1] - tol and b[2] <= outer[2] + tol and b[3] <= outer[3] + tol
