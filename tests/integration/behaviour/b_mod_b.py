"""A compiled module that imports another compiled module (b_mod_a)."""
import b_mod_a


def quad(x):
    return b_mod_a.double(b_mod_a.double(x))


def which_a():
    return b_mod_a
