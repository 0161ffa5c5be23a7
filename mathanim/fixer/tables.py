"""The fixer's data: ManimGL and older-CE names with their CE 0.22 spellings, colours, keyword changes.

`GL_RENAMES` and `GL_METHOD_RENAMES` are the plain ManimGL → CE renames shared with the GL → CE converter
(`mathanim/finetune/convert.py` builds its tables on them); each side adds only the entries whose meaning differs.
"""

from __future__ import annotations

import re

GL_RENAMES = {  # ManimGL / old CE names -> CE 0.22 names: plain renames, the same for the fixer and the converter
    "ShowCreation": "Create", "TexMobject": "MathTex", "TexText": "Tex", "OldTex": "MathTex",
    "OldTexText": "Tex", "ParametricSurface": "Surface", "CircleIndicate": "Circumscribe",
    "ShowCreationThenDestruction": "ShowPassingFlash", "ShowCreationThenFadeAround": "Circumscribe",
    "WiggleOutThenIn": "Wiggle",
}
RENAMES = {  # what the fixer renames (calls needing new arguments are below)
    **GL_RENAMES,
    # approximations for model code; the converter draws ShowCreationThenFadeOut with a faithful stand-in instead
    "ShowCreationThenFadeOut": "ShowPassingFlash", "ShowCreationThenDestructionAround": "Circumscribe",
    "ShowSubmobjectsOneByOne": "ShowSubmobjectsOneByOne",
}
GL_METHOD_RENAMES = {"get_graph": "plot", "add_coordinate_labels": "add_coordinates"}  # shared with the converter
METHOD_RENAMES = {
    **GL_METHOD_RENAMES, "scale_in_place": "scale", "get_area_under_graph": "get_area",
    "set_camera_position": "set_camera_orientation",
}
FADE_CALLS = {  # name -> (new animation, default direction expression, shift sign)
    "FadeInFromDown": ("FadeIn", "DOWN", -1), "FadeInFromUp": ("FadeIn", "UP", -1),
    "FadeInFrom": ("FadeIn", "DOWN", -1), "FadeInFromLeft": ("FadeIn", "LEFT", -1),
    "FadeInFromRight": ("FadeIn", "RIGHT", -1), "FadeOutAndShift": ("FadeOut", "DOWN", 1),
    "FadeOutAndShiftDown": ("FadeOut", "DOWN", 1), "FadeOutAndShiftUp": ("FadeOut", "UP", 1),
}
OPPOSITE = {"UP": "DOWN", "DOWN": "UP", "LEFT": "RIGHT", "RIGHT": "LEFT", "UL": "DR", "DR": "UL", "UR": "DL",
            "DL": "UR", "IN": "OUT", "OUT": "IN"}
DIRECTED_FADES = {"FadeInFrom", "FadeOutAndShift"}  # the direction is an argument; the others name it
FADE_SHIFTS = {  # the fades that name their direction -> (new animation, shift); shared with the converter
    name: (anim, direction if sign > 0 else OPPOSITE[direction])
    for name, (anim, direction, sign) in FADE_CALLS.items() if name not in DIRECTED_FADES
}
DIRECTIONS = set(OPPOSITE) | {"ORIGIN"}
# manim's axis colours, kept in manim.scene.vector_space_scene and not exported by `from manim import *`
# (3b1b's manimlib exported them): name -> the colour manim gives them
AXIS_COLORS = {"X_COLOR": "GREEN_C", "Y_COLOR": "RED_C", "Z_COLOR": "BLUE_D"}
COLORS = {  # colour names manim lacks -> hex
    "BROWN": "#8B4513", "DARK_BROWN": "#5C3317", "LIGHT_BROWN": "#CD853F", "CYAN": "#00FFFF",
    "MAGENTA": "#FF00FF", "LIME": "#32CD32", "OLIVE": "#808000", "LAVENDER": "#B57EDC", "NAVY": "#000080",
    "INDIGO": "#4B0082", "VIOLET": "#8F00FF", "CRIMSON": "#DC143C", "SILVER": "#C0C0C0", "BEIGE": "#F5F5DC",
    "TURQUOISE": "#40E0D0", "AQUA": "#00FFFF", "FUCHSIA": "#FF00FF", "SKY_BLUE": "#87CEEB",
    "DARK_GREEN": "#006400", "LIGHT_GREEN": "#90EE90", "DARK_RED": "#8B0000", "LIGHT_BLUE": "#ADD8E6",
    "DARK_ORANGE": "#FF8C00", "LIGHT_YELLOW": "#FFFFE0", "CORAL": "#FF7F50", "SALMON": "#FA8072",
}
BARE_MATH = {"sin", "cos", "tan", "exp", "sqrt", "log", "log10", "log2", "arcsin", "arccos", "arctan",
             "arctan2", "sinh", "cosh", "tanh", "floor", "ceil", "abs_", "radians", "degrees", "hypot"}
EASE_FUNCTION = re.compile(r"ease_(in|out|in_out)_(sine|quad|cubic|quart|quint|expo|circ|back|elastic|bounce)")
THREE_D_METHODS = {"set_camera_orientation", "move_camera", "begin_ambient_camera_rotation",
                   "stop_ambient_camera_rotation", "add_fixed_in_frame_mobjects", "add_fixed_orientation_mobjects",
                   "set_to_default_angled_camera_orientation", "begin_3dillusion_camera_rotation"}
RANGE_KWARGS = [("x_min", "x_max", "x_step", "x_range"), ("y_min", "y_max", "y_step", "y_range"),
                ("t_min", "t_max", "step_size", "t_range"), ("u_min", "u_max", None, "u_range"),
                ("v_min", "v_max", None, "v_range")]
CODE_KWARGS = {"code": "code_string", "file_name": "code_file", "style": "formatter_style",
               "insert_line_no": "add_line_numbers", "line_no_from": "line_numbers_from"}
CODE_KEEP = {"code_file", "code_string", "language", "formatter_style", "tab_width", "add_line_numbers",
             "line_numbers_from", "background", "background_config", "paragraph_config"}
DROP_KWARGS = {  # keyword arguments CE 0.22 rejects, by constructor
    "Arrow": {"max_tip_length", "tip_width"}, "Vector": {"max_tip_length"}, "DoubleArrow": {"max_tip_length"},
    "Axes": {"center_point", "x_axis_width", "y_axis_height", "graph_origin"},
}
KWARG_RENAMES = {("Square", "side"): "side_length", ("Dot", "size"): "radius", ("Circle", "r"): "radius",
                 ("Dot", "r"): "radius", ("RegularPolygon", "sides"): "n", ("Axes", "number_line_config"): "axis_config"}
MATH_ENV = re.compile(r"\\begin\{(align|equation|gather|displaymath|eqnarray)\*?\}|\\end\{(align|equation|gather|"
                      r"displaymath|eqnarray)\*?\}|^\s*\\\[|\\\]\s*$")
POINT_METHODS = {"move_to", "shift", "next_to", "set_points_as_corners", "add_line_to", "start_new_path",
                 "put_start_and_end_on", "point_from_proportion_to", "get_arc_center_to"}
POINT_CLASSES = {"Dot", "Line", "DashedLine", "Arrow", "DoubleArrow", "Polygon", "Polyline", "Dot3D",
                 "Elbow", "CurvedArrow", "CurvedDoubleArrow", "ArcBetweenPoints", "BraceBetweenPoints",
                 "TangentLine"}
POINT_KWARGS = {"point", "start", "end", "arc_center", "about_point", "target_position", "center"}
POINT_GETTERS = {"c2p", "coords_to_point", "n2p", "number_to_point", "get_center", "get_start", "get_end",
                 "point_from_proportion", "get_corner", "get_top", "get_bottom", "get_left", "get_right", "i2gp",
                 "input_to_graph_point", "get_origin", "array"}
LATEX_WORDS = set("""frac dfrac tfrac sqrt int iint oint sum prod lim infty alpha beta gamma delta epsilon
varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi rho sigma tau upsilon phi varphi chi psi omega
Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega cdot cdots ldots dots times div pm mp leq geq neq le ge ne
approx equiv sim propto partial nabla vec hat bar tilde dot ddot overline underline overrightarrow underbrace
overbrace text textbf textit mathrm mathbf mathbb mathcal mathit operatorname left right big Big bigg quad
qquad sin cos tan cot sec csc log ln exp arcsin arccos arctan sinh cosh tanh det min max arg forall exists in
notin subset subseteq cup cap emptyset to rightarrow leftarrow Rightarrow Leftrightarrow mapsto implies iff
begin end matrix pmatrix bmatrix vmatrix cases align binom choose displaystyle boxed circ angle triangle
perp parallel degree prime hbar ell Re Im star ast oplus otimes wedge vee neg lfloor rfloor lceil rceil
langle rangle vert Vert mid not cong simeq ll gg uparrow downarrow""".split())
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
MATHY = re.compile(r"[\^_]|\\(" + "|".join(sorted(LATEX_WORDS - {"text", "textbf", "textit"}, key=len,
                                                   reverse=True)) + r")(?![a-zA-Z])")
GL_IMPORT = re.compile(r"^(from\s+(manimlib(\.\w+)*|big_ol_pile_of_manim_imports|manim_imports_ext)\s+import\s+\*"
                       r"|import\s+manimlib\b.*)$", re.M)
