# Recursion: classic algorithms, mutual recursion, deep recursion hitting
# RecursionError (caught), recursion through methods and closures.
import sys


def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


def hanoi(n, src, dst, via, moves):
    if n == 0:
        return
    hanoi(n - 1, src, via, dst, moves)
    moves.append((n, src, dst))
    hanoi(n - 1, via, dst, src, moves)


def permutations(items):
    if len(items) <= 1:
        return [list(items)]
    out = []
    for i in range(len(items)):
        for p in permutations(items[:i] + items[i + 1:]):
            out.append([items[i]] + p)
    return out


def power_set(s):
    if not s:
        return [[]]
    rest = power_set(s[1:])
    return rest + [[s[0]] + r for r in rest]


def flood(grid, r, c):
    if r < 0 or c < 0 or r >= len(grid) or c >= len(grid[0]) or grid[r][c] != ".":
        return 0
    grid[r][c] = "#"
    return 1 + flood(grid, r + 1, c) + flood(grid, r - 1, c) + flood(grid, r, c + 1) + flood(grid, r, c - 1)


print(fact(30), fib(20), ackermann(2, 3), is_even(100), is_odd(77))
moves = []
hanoi(5, "A", "C", "B", moves)
print(len(moves), moves[:4], moves[-1])
print(permutations("abc"), len(permutations([1, 2, 3, 4, 5])))
print(power_set([1, 2, 3]))
grid = [list(row) for row in ["..#..", ".##..", "#...#", "..#.."]]
print(flood(grid, 0, 0), ["".join(r) for r in grid])
print(sys.getrecursionlimit())


def infinite(n):
    return infinite(n + 1) + 1


def count_depth(n):
    try:
        return count_depth(n + 1)
    except RecursionError:
        return n


for attempt in range(2):
    try:
        infinite(0)
    except RecursionError as e:
        print("RecursionError caught", attempt, "maximum recursion depth exceeded" in str(e))
depth = count_depth(0)
print("depth reasonable", 500 < depth < 1000)


class Node:
    def __init__(self, val, left=None, right=None):
        self.val, self.left, self.right = val, left, right

    def sum(self):
        return self.val + (self.left.sum() if self.left else 0) + (self.right.sum() if self.right else 0)

    def height(self):
        return 1 + max(self.left.height() if self.left else 0, self.right.height() if self.right else 0)

    def inorder(self):
        return (self.left.inorder() if self.left else []) + [self.val] + (self.right.inorder() if self.right else [])


def insert(node, v):
    if node is None:
        return Node(v)
    if v < node.val:
        node.left = insert(node.left, v)
    else:
        node.right = insert(node.right, v)
    return node


root = None
for v in [50, 30, 70, 20, 40, 60, 80, 35, 45, 65]:
    root = insert(root, v)
print(root.sum(), root.height(), root.inorder())


def make_rec():
    def walk(obj, depth=0):
        if isinstance(obj, list):
            return max([walk(x, depth + 1) for x in obj], default=depth + 1)
        return depth
    return walk


print(make_rec()([1, [2, [3, [4, []]]], [5]]))
sys.setrecursionlimit(200)
try:
    fact(500)
except RecursionError:
    print("limit 200 enforced")
sys.setrecursionlimit(1000)
print(fact(400) % 1000003)
