"""pickle's pure-Python pickler and unpickler (_Pickler, _Unpickler) as a
workload: lists, dicts, tuples, strings, floats and instances.

main(n) pickles and unpickles n object graphs and returns the byte count
and a round-trip check."""

import io
import pickle

COMPILE_ALSO = ("pickle",)
DEFAULT_N = 600


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)


def graph(k):
    return {
        "k": k,
        "points": [Point(i, k - i) for i in range(10)],
        "names": ["n%d" % i for i in range(k % 17)],
        "pairs": [(i, float(i) / 3) for i in range(8)],
        "nested": [[k, [k + 1, (k + 2, "x")]], {"a": None, "b": True}],
    }


def main(n):
    size = 0
    same = 0
    for k in range(n):
        obj = graph(k)
        buf = io.BytesIO()
        pickle._Pickler(buf, protocol=4).dump(obj)
        data = buf.getvalue()
        size += len(data)
        back = pickle._Unpickler(io.BytesIO(data)).load()
        same += back == obj
    return size, same


if __name__ == "__main__":
    print(main(DEFAULT_N))
