"""Scene code of the figure template: module helpers (FIG_HELPERS) and the fixed logic (FIGURE_LOGIC) that draws
the constants a kit.Figure writes: PTS (named points, scene coordinates), MOVERS (paths of moving points),
STAGES (one self.play each: items to draw, panel lines to write, operations), LINES (the panel), PANEL (its box)
and SCALE (math units per scene unit, for the live readouts).

Items are lists `[id, kind, *args]`: seg, dash, arrow, poly, circle, arc, sector, angle, right, dot, tex, text,
curve, grid, readout, trace (the path of a moving point, drawn in the stage that moves it), tag, segs,
arrows, paddle. Operations: move (a moving point to a fraction of its path), fade, rotate, scale,
shift, apply (a matrix), morph (a copy turns into a new item), indicate (a panel line or an item). An item that refers to a moving
point is redrawn every frame, so segments, angles and readouts follow it.
"""

FIG_HELPERS = '''
PALETTE = {"WHITE": WHITE, "BLUE": BLUE, "YELLOW": YELLOW, "GREEN": GREEN, "RED": RED, "ORANGE": ORANGE,
           "PURPLE": PURPLE, "TEAL": TEAL, "GREY": GREY, "GREY_B": GREY_B, "GOLD": GOLD, "PINK": PINK,
           "BLUE_B": BLUE_B, "BLUE_D": BLUE_D, "MAROON": MAROON, "GREEN_B": GREEN_B, "RED_B": RED_B}


def col(c):
    """A palette colour by name (or a hex string)."""
    return PALETTE.get(c, c)


def P3(xy):
    return np.array([float(xy[0]), float(xy[1]), 0.0])


def shrink(mob, width, height=None, floor=0.8):
    """Scale mob down to fit width (and height), never below `floor` of its size: text stays legible.
    Returns the factor used."""
    k = max(floor, min(1.0, width / max(mob.width, 1e-6), (height or 1e9) / max(mob.height, 1e-6)))
    mob.scale(k)
    return k


def along(path, s):
    """The point at parameter s (0 to 1) of `path`, sampled uniformly in its parameter (movers with paths of the
    same length move in step)."""
    pts = np.array(path, dtype=float)
    k = float(np.clip(s, 0.0, 1.0)) * (len(pts) - 1)
    i = min(int(k), len(pts) - 2)
    return P3(pts[i] + (k - i) * (pts[i + 1] - pts[i]))


def angle_deg(a, b, c):
    """The angle abc in degrees."""
    u, v = a - b, c - b
    cos = np.dot(u, v) / max(np.linalg.norm(u) * np.linalg.norm(v), 1e-9)
    return float(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0))))


def line_mob(line):
    """A panel line: ["tex", latex, colour] or ["text", words, colour]."""
    color = col(line[2]) if len(line) > 2 else WHITE
    if line[0] == "text":
        return Text(line[1], font_size=26, color=color, line_spacing=0.8)
    return MathTex(line[1], font_size=36, color=color)


def column(lines, box):
    """Panel lines arranged top-down inside box = (x0, x1, y0, y1) on a dark backing; no line ends below 0.8 of
    its size (36 for formulas, 26 for words)."""
    width = box[1] - box[0] - 0.3
    least = min([shrink(m, width) for m in lines] or [1.0])
    group = VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.26)
    shrink(group, width, box[3] - box[2] - 0.3, floor=min(1.0, 0.8 / least))
    group.move_to([(box[0] + box[1]) / 2, box[3] - 0.15 - group.height / 2, 0])
    back = BackgroundRectangle(group, fill_opacity=0.85, buff=0.15)
    VGroup(back, group).set_z_index(5)
    return group, back
'''

FIGURE_LOGIC = '''
TRACK = {k: ValueTracker(0.0) for k in MOVERS}
mobs = {}


def at(ref):
    """Scene point of a point name (fixed or moving) or of coordinates."""
    if isinstance(ref, str):
        return along(MOVERS[ref], TRACK[ref].get_value()) if ref in MOVERS else P3(PTS[ref])
    return P3(ref)


def moving(args):
    return any((isinstance(a, str) and a in MOVERS) or (isinstance(a, list) and moving(a)) for a in args)


def angle_mark(a, b, c, label="", color="WHITE", radius=0.45):
    """The interior angle abc with its label outside the arc."""
    A, B, C = at(a), at(b), at(c)
    if np.cross(A - B, C - B)[2] < 0:
        A, C = C, A
    mark = VGroup(Angle(Line(B, A), Line(B, C), radius=radius, color=col(color), stroke_width=3))
    if label:
        d = (A - B) / np.linalg.norm(A - B) + (C - B) / np.linalg.norm(C - B)
        d = d / (np.linalg.norm(d) or 1.0)
        tex = MathTex(label, font_size=30, color=col(color))
        mark.add(tex.move_to(B + d * (radius + 0.12 + 0.5 * max(tex.width, tex.height))))
    return mark


def tex_at(s, pos, color="WHITE", size=32, back=True):
    m = MathTex(s, font_size=size, color=col(color)).move_to(at(pos))
    return m.add_background_rectangle(opacity=0.65, buff=0.05) if back else m


def tag(p, s, ref, color="WHITE", dist=0.35):
    """Label s beside point p, on the side away from point ref."""
    d = at(p) - at(ref)
    return MathTex(s, font_size=34, color=col(color)).move_to(at(p) + dist * d / (np.linalg.norm(d) or 1.0))


def readout(prefix, mode, refs, pos, places=1, suffix="", color="WHITE"):
    """A live number: an angle in degrees (refs a, b, c) or a weighted sum of lengths (refs [p, q, w], ...)."""
    def value():
        if mode == "angle":
            return angle_deg(at(refs[0]), at(refs[1]), at(refs[2]))
        return SCALE * sum(w * np.linalg.norm(at(p) - at(q)) for p, q, w in refs)
    parts = [MathTex(prefix, font_size=32, color=col(color)),
             DecimalNumber(value(), num_decimal_places=places, font_size=32, color=col(color))]
    if suffix:
        parts.append(MathTex(suffix, font_size=32, color=col(color)))
    group = VGroup(*parts).arrange(RIGHT, buff=0.1).move_to(at(pos))
    if suffix:
        parts[2].align_to(parts[1], UP)
    parts[1].add_updater(lambda m: m.set_value(value()))
    return group.add_background_rectangle(opacity=0.7, buff=0.08)


def curve(points, color="YELLOW", width=4):
    return VMobject(color=col(color), stroke_width=width).set_points_as_corners([P3(p) for p in points])


def grid(origin, unit, xr, yr):
    return make_plane(unit, origin, xr, yr, opacity=0.45)


def segs(pairs, color="BLUE_B", width=2.5):
    """Many short segments as one path (level curves)."""
    path = VMobject(color=col(color), stroke_width=width)
    for a, b in pairs:
        path.start_new_path(P3(a))
        path.add_line_to(P3(b))
    return path


def arrows(pairs, color="BLUE_B", width=2.5):
    """A field of small arrows."""
    return VGroup(*[Arrow(P3(a), P3(b), buff=0, color=col(color), stroke_width=width, tip_length=0.12,
                          max_stroke_width_to_length_ratio=12) for a, b in pairs])


def paddle(c, r, color="YELLOW"):
    """A paddle wheel: a hub and four blades."""
    blades = [Line(at(c), at(c) + r * np.array([np.cos(a), np.sin(a), 0]), color=col(color), stroke_width=4)
              for a in np.arange(4) * PI / 2]
    return VGroup(Circle(radius=0.08, color=col(color)).move_to(at(c)), *blades)


MAKERS = {
    "seg": lambda a, b, c="WHITE", w=4: Line(at(a), at(b), color=col(c), stroke_width=w),
    "dash": lambda a, b, c="GREY_B", w=2.5: DashedLine(at(a), at(b), color=col(c), stroke_width=w, dash_length=0.1),
    "arrow": lambda a, b, c="YELLOW", w=5: Arrow(at(a), at(b), buff=0, color=col(c), stroke_width=w,
                                                 max_tip_length_to_length_ratio=0.2),
    "poly": lambda pts, c="BLUE", op=0.25, w=3: Polygon(*[at(p) for p in pts], color=col(c), fill_opacity=op,
                                                       stroke_width=w),
    "circle": lambda o, r, c="WHITE", w=3: Circle(radius=r, color=col(c), stroke_width=w).move_to(at(o)),
    "arc": lambda o, r, start, ang, c="YELLOW", w=6: Arc(radius=r, start_angle=start, angle=ang, arc_center=at(o),
                                                         color=col(c), stroke_width=w),
    "sector": lambda o, r, start, ang, c="YELLOW", op=0.35: Sector(radius=r, start_angle=start, angle=ang,
                                                                  arc_center=at(o), color=col(c), fill_opacity=op),
    "angle": angle_mark,
    "right": lambda a, b, c, k="WHITE", size=0.22: RightAngle(Line(at(b), at(a)), Line(at(b), at(c)), length=size,
                                                             color=col(k), stroke_width=2.5),
    "dot": lambda p, c="WHITE", r=0.07: Dot(at(p), radius=r, color=col(c)),
    "tex": tex_at,
    "tag": tag,
    "text": lambda s, pos, c="WHITE", size=24: Text(s, font_size=size, color=col(c)).move_to(at(pos)),
    "curve": curve,
    "grid": grid,
    "segs": segs,
    "arrows": arrows,
    "paddle": paddle,
    "readout": readout,
    "trace": lambda p, c="YELLOW", w=4: curve(MOVERS[p], c, w),
}
GROWN = ("seg", "dash", "poly", "circle", "arc", "angle", "right", "curve", "segs")


def make(item):
    """The mobject of an item; one that follows a moving point is redrawn every frame."""
    kind, args = item[1], item[2:]
    if moving(args) and kind not in ("trace", "readout"):
        return always_redraw(lambda: MAKERS[kind](*args))
    return MAKERS[kind](*args)


def intro(item, mob):
    kind = item[1]
    if kind == "trace":  # the whole path of a moving point, drawn while it moves (same stage)
        return Create(mob)
    if kind in GROWN and not moving(item[2:]):
        return Create(mob)
    if kind == "arrow":
        return GrowArrow(mob)
    return Write(mob) if kind in ("tex", "readout") else FadeIn(mob)


def operate(op):
    kind = op[0]
    if kind == "move":
        return TRACK[op[1]].animate.set_value(op[2])
    if kind == "fade":
        return FadeOut(mobs.pop(op[1]))
    if kind == "indicate" and isinstance(op[1], int):
        return Circumscribe(group[op[1]], color=YELLOW) if op[1] < len(LINES) else None
    if kind == "indicate":
        return Indicate(mobs[op[1]])
    if kind == "morph":
        mobs[op[2][0]] = make(op[2])
        return TransformFromCopy(mobs[op[1]], mobs[op[2][0]])
    new = mobs[op[2]] = mobs[op[1]] if op[1] == op[2] else mobs[op[1]].copy()
    if kind == "rotate":
        return Rotate(new, op[3], about_point=at(op[4]))
    if kind == "scale":
        return new.animate.scale(op[3], about_point=at(op[4]))
    if kind == "apply":
        return ApplyMatrix(np.array(op[3], dtype=float), new, about_point=at(op[4]))
    return new.animate.shift(P3(op[3]))


if LINES:
    group, back = column([line_mob(line) for line in LINES], PANEL)
    self.play(FadeIn(back), run_time=rt(0.5))
for st in STAGES:
    anims = []
    for item in st["add"]:
        mobs[item[0]] = make(item)
        anims.append(intro(item, mobs[item[0]]))
    anims += [Write(group[i]) for i in st["panel"]] + [operate(op) for op in st["ops"]]
    anims = [a for a in anims if a is not None]
    if anims:
        self.play(*anims, run_time=rt(st["rt"]))
    if st["wait"]:
        self.wait(rt(st["wait"]))
self.wait(rt(1.5))
'''
