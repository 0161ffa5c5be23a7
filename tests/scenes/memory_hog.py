from manim import *
import numpy as np


class Hog(Scene):
    def construct(self):
        blocks = []
        while True:
            blocks.append(np.ones(50_000_000))
