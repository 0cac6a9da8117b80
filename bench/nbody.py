"""N-body simulation: float arithmetic over lists of floats.

Five bodies (a star and four planets, in arbitrary but fixed units) are
advanced with a simple symplectic Euler integrator.  Each body is a list
[x, y, z, vx, vy, vz, mass].  main(n) advances the system n steps and
returns the total energy before and after, rounded for a stable checksum.
"""

DEFAULT_N = 60000

SOLAR_MASS = 39.47841760435743
DAYS = 365.24


def make_system():
    bodies = [
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS],
        [4.9, -1.1, -0.11, 0.0017 * DAYS, 0.0078 * DAYS, -0.00007 * DAYS,
         0.00095 * SOLAR_MASS],
        [8.3, 4.1, -0.40, -0.0028 * DAYS, 0.0050 * DAYS, 0.00002 * DAYS,
         0.00029 * SOLAR_MASS],
        [12.9, -15.1, -0.22, 0.0030 * DAYS, 0.0024 * DAYS, -0.00003 * DAYS,
         0.000044 * SOLAR_MASS],
        [15.4, -25.9, 0.18, 0.0027 * DAYS, 0.0016 * DAYS, -0.00009 * DAYS,
         0.000052 * SOLAR_MASS],
    ]
    # Cancel the total momentum by adjusting the star's velocity.
    px = 0.0
    py = 0.0
    pz = 0.0
    for b in bodies:
        px += b[3] * b[6]
        py += b[4] * b[6]
        pz += b[5] * b[6]
    star = bodies[0]
    star[3] = -px / SOLAR_MASS
    star[4] = -py / SOLAR_MASS
    star[5] = -pz / SOLAR_MASS
    return bodies


def make_pairs(bodies):
    pairs = []
    count = len(bodies)
    for i in range(count - 1):
        for j in range(i + 1, count):
            pairs.append((bodies[i], bodies[j]))
    return pairs


def energy(bodies, pairs):
    e = 0.0
    for b in bodies:
        e += 0.5 * b[6] * (b[3] * b[3] + b[4] * b[4] + b[5] * b[5])
    for (a, b) in pairs:
        dx = a[0] - b[0]
        dy = a[1] - b[1]
        dz = a[2] - b[2]
        e -= a[6] * b[6] / ((dx * dx + dy * dy + dz * dz) ** 0.5)
    return e


def advance(bodies, pairs, dt, steps):
    for _ in range(steps):
        for (a, b) in pairs:
            dx = a[0] - b[0]
            dy = a[1] - b[1]
            dz = a[2] - b[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * d2 ** 0.5)
            ma = a[6] * mag
            mb = b[6] * mag
            a[3] -= dx * mb
            a[4] -= dy * mb
            a[5] -= dz * mb
            b[3] += dx * ma
            b[4] += dy * ma
            b[5] += dz * ma
        for b in bodies:
            b[0] += dt * b[3]
            b[1] += dt * b[4]
            b[2] += dt * b[5]


def main(n):
    bodies = make_system()
    pairs = make_pairs(bodies)
    e0 = energy(bodies, pairs)
    advance(bodies, pairs, 0.01, n)
    e1 = energy(bodies, pairs)
    return (round(e0, 9), round(e1, 9))


if __name__ == "__main__":
    print(main(DEFAULT_N))
