"""Imported by b_mod_b and b_modules; its body counts how often it ran."""
loads = globals().get("loads", 0) + 1


def double(x):
    return 2 * x


def body_runs():
    return loads
