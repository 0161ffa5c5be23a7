from manim import *


class BinarySearch(Scene):
    def construct(self):
        title = Text("Binary Search", font_size=44).to_edge(UP)
        self.play(Write(title))
        values = [2, 5, 8, 12, 16, 23, 38, 56, 72, 91]
        cells = VGroup(*[Square(side_length=1, fill_color=WHITE, fill_opacity=0.9) for _ in values]).arrange(RIGHT, buff=0)
        nums = VGroup(*[Text(str(v), font_size=28).move_to(c) for v, c in zip(values, cells)])
        self.play(Create(cells), Write(nums))
        target = Text("Target: 23", font_size=32).next_to(cells, UP, buff=0.6)
        self.play(Write(target))
        lo, hi = 0, len(values) - 1
        arrow = Arrow(DOWN, UP, color=YELLOW).next_to(cells[0], DOWN)
        self.play(GrowArrow(arrow))
        step = 1
        while lo <= hi:
            mid = (lo + hi) // 2
            info = Text(f"Step {step}: low={lo}, high={hi}, mid={mid}", font_size=28).to_edge(DOWN)
            self.play(arrow.animate.next_to(cells[mid], DOWN), Write(info))
            if values[mid] == 23:
                self.play(cells[mid].animate.set_fill(GREEN))
                break
            elif values[mid] < 23:
                lo = mid + 1
            else:
                hi = mid - 1
            step += 1
        self.wait(2)
