from manim import *

class Paraboloid(Scene):
    def construct(self):
        axes = ThreeDAxes()
        surface = ParametricSurface(lambda u, v: np.array([u, v, u**2 + v**2]), u_min=-1, u_max=1, v_min=-1, v_max=1)
        self.set_camera_orientation(phi=70 * DEGREES, theta=-30 * DEGREES)
        self.play(Create(axes), Create(surface))
        self.begin_ambient_camera_rotation(rate=0.1)
        self.wait(0.5)
