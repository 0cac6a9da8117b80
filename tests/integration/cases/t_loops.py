# Loops: for/while with else, break/continue, nested loops, loop variables
# after the loop, iteration over various iterables, mutation while iterating.

def find(items, target):
    for i, v in enumerate(items):
        if v == target:
            break
    else:
        return "not found"
    return f"found at {i}"


print(find([4, 5, 6], 5), find([4, 5, 6], 7), find([], 1))

n = 0
while n < 10:
    n += 1
    if n % 2:
        continue
    if n == 8:
        break
    print("while", n)
else:
    print("while-else not reached")
print("after while", n)

k = 0
while k < 3:
    k += 1
else:
    print("while-else reached", k)

for i in range(3):
    for j in range(3):
        if j == 2:
            break
        if i == j:
            continue
        print("pair", i, j)
    else:
        print("inner else never")
print("loop var after", i, j)

for x in []:
    pass
else:
    print("empty for else")

found = None
for a in range(2, 50):
    for b in range(2, a):
        if a % b == 0:
            break
    else:
        found = a
print("largest prime < 50:", found)

outer_hits = []
for i in range(5):
    for j in range(5):
        for k in range(5):
            if i + j + k == 6 and i < j < k:
                outer_hits.append((i, j, k))
print(outer_hits)

for ch in "abc":
    print(ch, end=",")
print()
for key in {"x": 1, "y": 2}:
    print(key, end=";")
print()
for idx, (a, b) in enumerate(zip("xyz", range(10, 13)), start=1):
    print(idx, a, b, end=" ")
print()
for v in range(10, 0, -3):
    print(v, end=" ")
print()
for v in range(0):
    print("never")
r = range(5, 50, 7)
print(len(r), r[2], r[-1], 19 in r, 20 in r, list(r[1:3]), r.index(26))

lst = [1, 2, 3, 4, 5, 6]
for item in lst:
    if item % 2 == 0:
        lst.remove(item)
print("mutated", lst)
queue = [1]
for q in queue:
    if q < 20:
        queue.append(q * 2)
print("growing", queue)

total = 0
i = 0
while True:
    i += 1
    if i > 1000:
        break
    if i % 3 == 0 or i % 5 == 0:
        total += i
print("euler1", total)

fizz = []
for i in range(1, 16):
    if i % 15 == 0:
        fizz.append("FizzBuzz")
    elif i % 3 == 0:
        fizz.append("Fizz")
    elif i % 5 == 0:
        fizz.append("Buzz")
    else:
        fizz.append(str(i))
print(" ".join(fizz))

count = 0
for _ in range(100):
    for _ in range(100):
        count += 1
print("count", count)
x = 27
steps = 0
while x != 1:
    x = x // 2 if x % 2 == 0 else 3 * x + 1
    steps += 1
print("collatz 27", steps)
i = 0
while i < 5:
    i += 1
    try:
        if i == 2:
            continue
        if i == 4:
            break
    finally:
        print("finally", i)
print("done", i)


# range() iterators whose index * step overflows a C long although every
# value they produce fits in one.
def wide_ranges():
    out = []
    for i in range(-2**63 + 1, 2**63 - 1, 2**62):
        out.append(i)
    for i in range(2**63 - 2, -2**63, -(2**62 + 1)):
        out.append(i)
    return out


print(wide_ranges())
