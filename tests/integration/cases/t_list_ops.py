# Lists: building, star unpacking, methods, sorting, nesting, aliasing.
a = [1, 2, 3]
b = (4, 5)
c = range(6, 9)
print([*a, *b, *c], [0, *a, 10, *"xy"], [*a] is a, [*a] == a)
print([*[], *(), *{}], [*{"k": 1, "j": 2}], [*a[::-1], *b[:1]])
lst = [5, 3, 8, 1, 9, 2]
lst.append(7)
lst.extend([0, 4])
lst.insert(2, 6)
lst.insert(-1, 11)
lst.insert(100, 12)
print(lst, len(lst))
print(lst.pop(), lst.pop(0), lst.pop(-2), lst)
lst.remove(8)
print(lst, lst.index(9), lst.count(3), 3 in lst, 42 not in lst)
lst.sort()
print(lst)
lst.sort(reverse=True)
print(lst)
lst.reverse()
print(lst, lst[::-1], list(reversed(lst)))
words = ["banana", "Apple", "cherry", "apple", "Banana", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
print(sorted(words, key=lambda w: (len(w), w)))
pairs = [(1, "b"), (0, "z"), (1, "a"), (0, "a")]
pairs.sort(key=lambda p: p[1])
print(pairs)
pairs.sort(key=lambda p: p[0])
print("stable", pairs)

grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
alias = [[0] * 3] * 3
alias[1][1] = 5
print(grid, alias)
copy = grid[:]
copy[0] = "x"
copy[1][0] = "y"
print(grid, copy)
print([1, 2] + [3], [1, 2] * 2, 2 * [None], [] * 5, [[]] * 2)
print([1, 2, 3] < [1, 2, 4], [1, 2] < [1, 2, 0], [2] > [1, 99], [1, [2, 3]] == [1, [2, 3]])
print(min([4, 2, 8]), max([[1, 2], [1, 3]]), sum([[1], [2]], []))
x = [1, 2, 3]
x += (4, 5)
x *= 2
print(x)
y = x
y += [6]
print(x is y, len(x))
x.clear()
print(x, y)
nested = [1, [2, [3, [4, [5]]]]]


def flatten(v):
    out = []
    for item in v:
        if isinstance(item, list):
            out.extend(flatten(item))
        else:
            out.append(item)
    return out


print(flatten(nested), flatten([[], [[]], [1, [], 2]]))
stack = []
for ch in "(a[b]{c(d)e}f)":
    if ch in "([{":
        stack.append(ch)
    elif ch in ")]}":
        opener = stack.pop()
        print("close", opener, ch, len(stack))
print("empty" if not stack else stack)

try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1, 2].remove(3)
except ValueError as e:
    print("ValueError:", e)
try:
    [1, 2].index(7)
except ValueError as e:
    print("ValueError:", e)
try:
    [3, "a"].sort()
except TypeError as e:
    print("TypeError:", e)
try:
    [1][5]
except IndexError as e:
    print("IndexError:", e)

big = list(range(1000))
total = 0
for i in range(len(big)):
    if big[i] % 3 == 0:
        big[i] = -big[i]
    total += big[i]
print("total", total, big[:7], big[-3:])
rotated = big[10:] + big[:10]
print(rotated[:3], rotated[-12:-8], big.count(0), sorted(big)[:3])
