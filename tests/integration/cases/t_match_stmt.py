# Structural pattern matching: literals, captures, sequences, mappings,
# class patterns with __match_args__, guards, or-patterns, as-patterns.
# Only the functions containing match statements may fall back.
from dataclasses import dataclass


@dataclass
class Point:
    x: int
    y: int


@dataclass
class Circle:
    center: Point
    r: float


class Rect:
    __match_args__ = ("w", "h")

    def __init__(self, w, h):
        self.w, self.h = w, h


def describe(value):
    match value:
        case None:
            return "none"
        case True | False as b:
            return f"bool {b}"
        case 0:
            return "zero"
        case int(n) if n < 0:
            return f"negative int {n}"
        case int() | float() as num:
            return f"number {num}"
        case "":
            return "empty string"
        case str(s):
            return f"string of {len(s)}"
        case []:
            return "empty list"
        case [x]:
            return f"singleton {x!r}"
        case [first, *rest] if isinstance(value, list):
            return f"list starting {first!r} plus {len(rest)}"
        case (a, b):
            return f"pair {a!r},{b!r}"
        case {"type": "user", "name": str(name), **extra}:
            return f"user {name} extra={sorted(extra)}"
        case {"type": t}:
            return f"typed {t}"
        case _:
            return f"other {type(value).__name__}"


def http_status(code):
    match code:
        case 200 | 201 | 204:
            return "success"
        case 301 | 302 as redirect:
            return f"redirect {redirect}"
        case c if 400 <= c < 500:
            return "client error"
        case c if c >= 500:
            return "server error"
    return "unknown"


def eval_expr(node):
    match node:
        case ("num", v):
            return v
        case ("neg", inner):
            return -eval_expr(inner)
        case ("add" | "mul" as op, left, right):
            l, r = eval_expr(left), eval_expr(right)
            return l + r if op == "add" else l * r
        case _:
            raise ValueError(f"bad node {node!r}")


def classify_shape(shape):
    match shape:
        case Point(x=0, y=0):
            return "origin"
        case Point(x=0) | Point(y=0):
            return "on an axis"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Circle(Point(0, 0), r):
            return f"centered circle r={r}"
        case Circle(center=Point(x=cx), r=r) if r > 5:
            return f"big circle at x={cx}"
        case Rect(w, h) if w == h:
            return f"square {w}"
        case Rect(w, h):
            return f"rect {w}x{h}"
        case _:
            return "unknown shape"


def parse_command(line):
    match line.split():
        case ["go", ("north" | "south" | "east" | "west") as d]:
            return f"move {d}"
        case ["take", *items] if items:
            return f"take {', '.join(items)}"
        case ["quit" | "exit"]:
            return "bye"
        case [cmd, *_]:
            return f"unknown command {cmd}"
        case []:
            return "empty"


for v in [None, True, 0, -4, 7, 2.5, "", "abc", [], [9], [1, 2, 3], (1, 2), (1, 2, 3),
          {"type": "user", "name": "ann", "age": 3}, {"type": "bot"}, {"x": 1}, {1, 2}]:
    print(repr(v), "->", describe(v))
print([http_status(c) for c in (200, 204, 302, 404, 418, 503, 100)])
tree = ("add", ("num", 2), ("mul", ("num", 3), ("neg", ("num", 4))))
print(eval_expr(tree))
try:
    eval_expr(("pow", 2, 3))
except ValueError as e:
    print("ValueError:", e)
for s in [Point(0, 0), Point(0, 5), Point(3, 3), Point(1, 2), Circle(Point(0, 0), 2), Circle(Point(4, 1), 9),
          Circle(Point(1, 1), 1), Rect(3, 3), Rect(2, 5), "nope"]:
    print(classify_shape(s))
for line in ["go north", "go up", "take lamp key", "take", "quit", "dance now", ""]:
    print(repr(line), "->", parse_command(line))
