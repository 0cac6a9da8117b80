# Sorting algorithms implemented by hand, checked against sorted(); stability,
# custom keys, bisect and heapq. Data comes from a seeded generator.
import bisect
import heapq
import random

rng = random.Random(1234)
data = [rng.randint(-500, 500) for _ in range(400)]


def insertion_sort(a):
    a = list(a)
    for i in range(1, len(a)):
        key = a[i]
        j = i - 1
        while j >= 0 and a[j] > key:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = key
    return a


def merge_sort(a, key=lambda v: v):
    if len(a) <= 1:
        return list(a)
    mid = len(a) // 2
    left, right = merge_sort(a[:mid], key), merge_sort(a[mid:], key)
    out, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        if key(right[j]) < key(left[i]):
            out.append(right[j])
            j += 1
        else:
            out.append(left[i])
            i += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out


def quick_sort(a):
    if len(a) <= 1:
        return a
    pivot = a[len(a) // 2]
    return quick_sort([x for x in a if x < pivot]) + [x for x in a if x == pivot] + quick_sort([x for x in a if x > pivot])


def heap_sort(a):
    a = list(a)
    n = len(a)

    def sift(start, end):
        root = start
        while 2 * root + 1 <= end:
            child = 2 * root + 1
            if child + 1 <= end and a[child] < a[child + 1]:
                child += 1
            if a[root] < a[child]:
                a[root], a[child] = a[child], a[root]
                root = child
            else:
                return

    for start in range(n // 2 - 1, -1, -1):
        sift(start, n - 1)
    for end in range(n - 1, 0, -1):
        a[0], a[end] = a[end], a[0]
        sift(0, end - 1)
    return a


def counting_sort(a):
    lo, hi = min(a), max(a)
    counts = [0] * (hi - lo + 1)
    for v in a:
        counts[v - lo] += 1
    out = []
    for i, c in enumerate(counts):
        out.extend([i + lo] * c)
    return out


expected = sorted(data)
for fn in (insertion_sort, merge_sort, quick_sort, heap_sort, counting_sort):
    result = fn(data)
    print(f"{fn.__name__:15} ok={result == expected} head={result[:5]} tail={result[-3:]}")
print("data head", data[:10], sum(data))
records = [(rng.choice("abcde"), i) for i in range(30)]
by_letter = merge_sort(records, key=lambda r: r[0])
print(by_letter == sorted(records, key=lambda r: r[0]), by_letter[:8])
people = [("ann", 31), ("bob", 25), ("cy", 31), ("dee", 25), ("eve", 40)]
print(sorted(people, key=lambda p: p[1]), sorted(people, key=lambda p: (-p[1], p[0])))
s = sorted(data)
for probe in (-501, -3, 0, 17, 250, 501):
    i, j = bisect.bisect_left(s, probe), bisect.bisect_right(s, probe)
    print(probe, i, j, j - i)
grades = "FDCBA"
print([grades[bisect.bisect([60, 70, 80, 90], score)] for score in (33, 65, 70, 89, 90, 100)])
h = []
for v in data[:20]:
    heapq.heappush(h, v)
print([heapq.heappop(h) for _ in range(5)], heapq.nsmallest(3, data), heapq.nlargest(3, data))
print(list(heapq.merge([1, 4, 9], [2, 3, 10], [0, 5])))
shuffled = list(range(20))
rng.shuffle(shuffled)
print(shuffled, rng.random() < 1.0, rng.sample(range(100), 5), round(rng.uniform(1, 2), 6))
words = "pear Apple fig banana Cherry date".split()
print(sorted(words), sorted(words, key=str.casefold), sorted(words, key=len), sorted(words, reverse=True))
