"""Float arithmetic on objects: particles and vectors as classes with
__slots__, properties, class attributes and math calls.

main(n) steps a small particle system n times and returns its rounded
energy and centre."""

import math

DEFAULT_N = 12000


class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)

    def scale(self, k):
        return Vec(self.x * k, self.y * k)

    @property
    def length(self):
        return math.sqrt(self.x * self.x + self.y * self.y)


class Particle:
    __slots__ = ("pos", "vel", "mass")
    damping = 0.999
    gravity = Vec(0.0, -0.01)

    def __init__(self, pos, vel, mass):
        self.pos = pos
        self.vel = vel
        self.mass = mass

    @property
    def energy(self):
        v = self.vel.length
        return 0.5 * self.mass * v * v

    def step(self, dt):
        self.vel = (self.vel + Particle.gravity.scale(dt)).scale(self.damping)
        self.pos = self.pos + self.vel.scale(dt)
        if self.pos.y < 0.0:
            self.pos.y = -self.pos.y
            self.vel.y = -self.vel.y


def main(n):
    ps = [Particle(Vec(math.cos(i), 1.0 + math.sin(i)),
                   Vec(math.sin(i * 0.7), 0.0), 1.0 + i % 3)
          for i in range(12)]
    for _ in range(n):
        for p in ps:
            p.step(0.1)
        a, b = ps[0], ps[1]
        d = (a.pos - b.pos).length
        if d < 0.05:
            a.vel, b.vel = b.vel, a.vel
    energy = sum(p.energy for p in ps)
    cx = sum(p.pos.x for p in ps) / len(ps)
    return round(energy, 6), round(cx, 6)


if __name__ == "__main__":
    print(main(DEFAULT_N))
