"""copy.deepcopy as a workload: nested containers, shared references and
instances with __dict__ and __slots__.

main(n) deep-copies n structures and returns a checksum over the copies."""

import copy

COMPILE_ALSO = ("copy",)
DEFAULT_N = 1200


class Node:
    def __init__(self, value, children):
        self.value = value
        self.children = children
        self.meta = {"v": value, "tags": ["a", "b"]}


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a = a
        self.b = b


def tree(depth, value):
    if depth == 0:
        return Node(value, [])
    return Node(value, [tree(depth - 1, value * 2 + i) for i in range(2)])


def main(n):
    shared = [1, 2, 3]
    check = 0
    for k in range(n):
        obj = {
            "tree": tree(3, k),
            "shared": (shared, shared),
            "slots": [Slotted(i, str(i)) for i in range(5)],
            "set": frozenset(range(k % 5)),
        }
        dup = copy.deepcopy(obj)
        check += dup["tree"].children[1].value + len(dup["slots"])
        check += dup["shared"][0] is dup["shared"][1]
    return check


if __name__ == "__main__":
    print(main(DEFAULT_N))
