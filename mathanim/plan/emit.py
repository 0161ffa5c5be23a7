"""Scene code from a plan: the `plan_place()` helper a scene calls to put a mobject into its planned box (a
name a model's scene is unlikely to define itself)."""

from __future__ import annotations

from .elements import Placed, Plan

PLACE_HELPER = '''
def plan_place(mob, box):
    """Scale mob (keeping its shape) to its planned box (left, bottom, right, top) and centre it there."""
    w, h = box[2] - box[0], box[3] - box[1]
    if mob.width > 1e-6 and mob.height > 1e-6:
        mob.scale(min(w / mob.width, h / mob.height))
    mob.move_to([(box[0] + box[2]) / 2, (box[1] + box[3]) / 2, 0])
    return mob
'''
MAKERS = {"text": "Text({text!r}, font_size={fs:g})", "tex": "MathTex({text!r}, font_size={fs:g})",
          "body": "Rectangle(width={w:.4f}, height={h:.4f}, color=GREY)"}


def box_literal(p: Placed) -> str:
    return "(" + ", ".join(f"{v:.4f}" for v in p.box) + ")"


def element_lines(plan: Plan, prefix: str = "m") -> list[str]:
    """One `name = plan_place(Maker(...), box)` line per placed element (8-space indented)."""
    lines = []
    for i, e in enumerate(plan.elements):
        p = plan.placed.get(e.key)
        if p is None:
            continue
        make = MAKERS[e.kind].format(text=e.text, fs=e.font_size, w=e.w, h=e.h)
        lines.append(f"        {prefix}{i} = plan_place({make}, {box_literal(p)})\n")
    return lines


def scene_code(plans: list[Plan], name: str = "PlannedScene") -> str:
    """A scene that shows each plan in turn (added, held briefly, removed): one probe snapshot per plan."""
    body = []
    for k, plan in enumerate(plans):
        lines = element_lines(plan, f"p{k}_")
        names = [ln.split("=")[0].strip() for ln in lines]
        body += lines
        if names:
            body.append(f"        self.add({', '.join(names)})\n")
        body.append("        self.wait(0.1)\n")
        if names:
            body.append(f"        self.remove({', '.join(names)})\n")
    return f"from manim import *\n{PLACE_HELPER}\n\nclass {name}(Scene):\n    def construct(self):\n" + "".join(body)
