"""CE stand-ins for 3b1b's private character library (pi creatures, TeacherStudentsScene), as scene source.

3b1b/videos draws its pi creatures from SVG files that only exist in Grant Sanderson's own setup, and a quarter of
its scenes are built on them. This stand-in draws a simple creature (body, eyes that look at things, a mouth)
and implements the calls scenes make most (change, look_at, says/thinks with a bubble, debubble, Blink,
teacher_says, student_says, play_student_changes, ...). It is prepended to a converted scene only when the
scene uses those names, and the dataset builder leaves such scenes out unless asked (`characters=True`).
"""

CHARACTER_NAMES = ("PiCreature", "Randolph", "Mortimer", "PiCreatureScene", "TeacherStudentsScene", "Blink",
                   "PiCreatureSays", "RemovePiCreatureBubble", "SpeechBubble", "ThoughtBubble",
                   "PiCreatureBubbleIntroduction", "MortyPiCreatureScene")

CHARACTERS = '''def _bubble_text(content):
    """What a bubble says: one mobject, or strings (old GL passed several, one per line)."""
    if len(content) == 1:
        return content[0]
    if all(isinstance(c, str) for c in content):
        return "\\n".join(content)
    return VGroup(*[c if isinstance(c, Mobject) else Text(str(c), font_size=28) for c in content]).arrange(DOWN)


class PiCreature(VGroup):
    """A stand-in pi creature: a rounded body, two eyes that look at things, a mouth."""

    def __init__(self, mode="plain", color=BLUE_E, height=2.2, flip_at_start=False, **kwargs):
        super().__init__(**kwargs)
        self.body = RoundedRectangle(corner_radius=0.5, width=1.5, height=1.9, fill_color=color, fill_opacity=1,
                                     stroke_width=0)
        self.eyes = VGroup(*[VGroup(Circle(radius=0.2, fill_color=WHITE, fill_opacity=1, stroke_width=0),
                                    Dot(radius=0.08, color=BLACK)) for _ in range(2)])
        self.eyes.arrange(RIGHT, buff=0.06).move_to(self.body.get_top() + 0.5 * DOWN)
        self.mouth = Arc(radius=0.3, start_angle=-0.8 * PI, angle=0.6 * PI, color=BLACK, stroke_width=4)
        self.mouth.next_to(self.eyes, DOWN, buff=0.15)
        self.add(self.body, self.eyes, self.mouth)
        self.scale_to_fit_height(height)
        self.mode, self.bubble = mode, None
        if flip_at_start:
            self.flip()

    def change_mode(self, mode, look_at=None, *args, **kwargs):
        self.mode = mode
        return self.look_at(look_at) if look_at is not None else self

    def change(self, new_mode=None, look_at=None, *args, **kwargs):
        return self.animate.change_mode(new_mode or self.mode, look_at)

    def look_at(self, target=None):
        if target is None:
            return self
        point = target.get_center() if isinstance(target, Mobject) else np.array(target, dtype=float)
        for eye in self.eyes:
            d = point - eye[0].get_center()
            n = np.linalg.norm(d)
            eye[1].move_to(eye[0].get_center() + (0.5 * eye[0].width * 0.4 * d / n if n > 1e-6 else ORIGIN))
        return self

    def look(self, direction):
        return self.look_at(self.eyes.get_center() + 10 * np.array(direction, dtype=float))

    def make_eye_contact(self, other):
        self.look_at(other.eyes)
        other.look_at(self.eyes)
        return self

    def blink(self):
        return self

    def get_bubble(self, content="", bubble_type=None, **kwargs):
        bubble = SpeechBubble(content if isinstance(content, Mobject) or content else None)
        bubble.next_to(self, UP, buff=0.3)  # a bubble (scenes add its content later with add_content / write)
        bubble.shift(LEFT * max(0, bubble.get_right()[0] - config.frame_x_radius + 0.2))
        bubble.shift(RIGHT * max(0, -config.frame_x_radius + 0.2 - bubble.get_left()[0]))
        return bubble

    def says(self, content, mode="speaking", look_at=None, **kwargs):
        self.bubble = self.get_bubble(content)
        timing = {k: v for k, v in kwargs.items() if k in ("run_time", "rate_func", "lag_ratio")}
        return AnimationGroup(FadeIn(self.bubble), self.change(mode, look_at), **timing)

    thinks = says

    def debubble(self, mode="plain", look_at=None, **kwargs):
        bubble, self.bubble = self.bubble, None
        timing = {k: v for k, v in kwargs.items() if k in ("run_time", "rate_func", "lag_ratio")}
        return AnimationGroup(*([FadeOut(bubble)] if bubble else []), self.change(mode, look_at), **timing)


class SpeechBubble(VGroup):
    """A stand-in speech (or thought) bubble: a rounded box that holds its content."""

    def __init__(self, content=None, direction=LEFT, height=2.5, width=4.0, **kwargs):
        super().__init__()
        self.box = RoundedRectangle(corner_radius=0.4, width=width, height=height, color=WHITE, fill_color=BLACK,
                                    fill_opacity=1)
        self.add(self.box)
        self.content = VMobject()
        if content is not None:
            self.add_content(content)

    def add_content(self, content):
        mob = content if isinstance(content, Mobject) else Text(str(content), font_size=28)
        mob.move_to(self.box)
        if mob.width > self.box.width - 0.4:
            mob.scale_to_fit_width(self.box.width - 0.4)
        self.content = mob
        self.add(mob)
        return self

    def position_mobject_inside(self, mobject):
        mobject.move_to(self.box)
        if mobject.width > self.box.width - 0.4:
            mobject.scale_to_fit_width(self.box.width - 0.4)
        return mobject

    def write(self, *text):
        return self.add_content(" ".join(map(str, text)))

    def pin_to(self, mobject, **kwargs):
        self.next_to(mobject, UP, buff=0.2)
        return self

    def get_tip(self):
        return self.box.get_bottom()

    def get_bubble_center(self):
        return self.box.get_center()

    def resize_to_content(self, *args, **kwargs):
        return self

    def clear(self):
        self.remove(self.content)
        self.content = VMobject()
        return self


ThoughtBubble = SpeechBubble


def PiCreatureBubbleIntroduction(pi_creature, content, target_mode="speaking", look_at=None, **kwargs):
    return pi_creature.says(content, target_mode, look_at)


class Randolph(PiCreature):
    pass


class Mortimer(PiCreature):
    def __init__(self, mode="plain", color=GREY_BROWN, flip_at_start=True, **kwargs):
        super().__init__(mode=mode, color=color, flip_at_start=flip_at_start, **kwargs)


def Blink(pi_creature, **kwargs):
    """A blink: the eyes squash and open again."""
    return pi_creature.eyes.animate(rate_func=there_and_back, run_time=kwargs.get("run_time", 0.3)).stretch(0.1, 1)


def PiCreatureSays(pi_creature, content, target_mode="speaking", look_at=None, **kwargs):
    return pi_creature.says(content, target_mode, look_at, **kwargs)


def RemovePiCreatureBubble(pi_creature, target_mode="plain", look_at=None, **kwargs):
    return pi_creature.debubble(target_mode, look_at, **kwargs)


class PiCreatureScene(Scene):
    """A scene with one pi creature in the lower left corner."""

    def setup(self):
        super().setup()
        self.pi_creatures = VGroup(*self.create_pi_creatures())
        self.pi_creature = self.pi_creatures[0]
        self.add(*self.pi_creatures)

    def create_pi_creatures(self):
        return [Randolph().to_corner(DL)]

    def get_primary_pi_creature(self):
        return self.pi_creature

    def pi_creature_says(self, *args, target_mode="speaking", look_at=None, added_anims=(), **kwargs):
        pi, content = (args[0], args[1]) if len(args) > 1 else (self.pi_creature, args[0])
        timing = {k: v for k, v in kwargs.items() if k in ("run_time", "rate_func", "lag_ratio")}
        self.play(pi.says(content, target_mode or "speaking", look_at), *added_anims, **timing)

    def blink(self):
        self.play(Blink(self.pi_creature))

    def random_blink(self, num_times=1, **kwargs):
        for _ in range(num_times):
            self.blink()

    pi_creature_thinks = pi_creature_says
    say = pi_creature_says
    think = pi_creature_says

    def look_at(self, target, pi_creatures=None, added_anims=(), **kwargs):
        self.play(*[pi.animate.look_at(target) for pi in (pi_creatures or self.pi_creatures)], *added_anims, **kwargs)

    def change_mode(self, mode):
        self.play(self.pi_creature.change(mode))


class TeacherStudentsScene(PiCreatureScene):
    """A teacher (lower right) and three students (lower left)."""

    def create_pi_creatures(self):
        self.teacher = Mortimer().to_corner(DR)
        self.students = VGroup(*[Randolph(color=c) for c in (BLUE_D, BLUE_E, BLUE_C)])
        self.students.arrange(RIGHT).scale(0.8).to_corner(DL)
        self.screen = ScreenRectangle(height=4).to_corner(UL)
        self.background = FullScreenRectangle(fill_color=GREY_E, fill_opacity=0, stroke_width=0)
        self.hold_up_spot = self.teacher.get_corner(UL) + MED_LARGE_BUFF * UP
        return [*self.students, self.teacher]

    def get_teacher(self):
        return self.teacher

    def get_students(self):
        return self.students

    def teacher_says(self, *content, **kwargs):  # old GL: several strings, one per line
        self.pi_creature_says(self.teacher, _bubble_text(content), **kwargs)

    teacher_thinks = teacher_says

    def student_says(self, *content, index=2, target_mode=None, bubble_direction=None, bubble_config=None, **kwargs):
        self.pi_creature_says(self.students[index], _bubble_text(content), target_mode=target_mode or "raise_right_hand",
                              **kwargs)

    student_thinks = student_says

    def change_students(self, *modes, look_at=None, lag_ratio=0.5, run_time=1):
        """The students' changes as one animation (GL returns it for self.play)."""
        anims = [s.change(m, look_at) for s, m in zip(self.students, modes, strict=False) if m is not None]
        return LaggedStart(*anims, lag_ratio=lag_ratio, run_time=run_time) if anims else Wait(0.01)

    def play_student_changes(self, *modes, look_at=None, added_anims=(), **kwargs):
        self.play(self.change_students(*modes, look_at=look_at), *added_anims)

    def play_all_student_changes(self, mode, **kwargs):
        self.play_student_changes(*[mode] * len(self.students), **kwargs)

    change_all_student_modes = play_all_student_changes

    def teacher_holds_up(self, mobject, target_mode="raise_right_hand", **kwargs):
        mobject.move_to(self.hold_up_spot, DOWN)
        self.play(FadeIn(mobject, shift=UP), self.teacher.change(target_mode), **kwargs)'''
