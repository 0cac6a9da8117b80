# Class bodies that compute things at definition time (tables, validators);
# the last class body raises while being executed, so the uncaught traceback
# includes a class-body frame.

def make_validator(kind, lo=None, hi=None):
    def validate(value):
        if not isinstance(value, kind):
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
        if lo is not None and value < lo:
            raise ValueError(f"{value} < {lo}")
        if hi is not None and value > hi:
            raise ValueError(f"{value} > {hi}")
        return value
    return validate


class Units:
    factors = {"mm": 0.001, "cm": 0.01, "m": 1.0, "km": 1000.0}
    names = sorted(factors, key=factors.get)
    largest = names[-1]
    conversions = {}
    for a in names:
        for b in names:
            conversions[a, b] = factors[a] / factors[b]
    del a, b

    @classmethod
    def convert(cls, value, src, dst):
        return value * cls.conversions[src, dst]


print(Units.names, Units.largest, len(Units.conversions))
print(Units.convert(5, "km", "m"), Units.convert(250, "mm", "cm"), round(Units.convert(1, "cm", "km"), 10))


class Schema:
    fields = {
        "age": make_validator(int, 0, 150),
        "name": make_validator(str),
        "score": make_validator(float, 0.0, 1.0),
    }
    field_count = len(fields)

    def check(self, record):
        errors = []
        for key, validate in self.fields.items():
            try:
                validate(record[key])
            except KeyError:
                errors.append(f"{key}: missing")
            except (TypeError, ValueError) as e:
                errors.append(f"{key}: {type(e).__name__}: {e}")
        return errors


records = [
    {"age": 30, "name": "ann", "score": 0.5},
    {"age": -1, "name": "bob", "score": 0.9},
    {"age": 40, "name": 7, "score": 1.5},
    {"name": "cy"},
]
sch = Schema()
for r in records:
    print(sch.check(r))
print(Schema.field_count)


class Palette:
    base = [(255, 0, 0), (0, 255, 0), (0, 0, 255)]
    blends = []
    for c1 in base:
        for c2 in base:
            if c1 < c2:
                blends.append(((c1[0] + c2[0]) // 2, (c1[1] + c2[1]) // 2, (c1[2] + c2[2]) // 2))
    del c1, c2
    hexes = ["#%02x%02x%02x" % c for c in base + blends]


print(Palette.blends, Palette.hexes)


class Limits:
    percent = make_validator(int, 0, 100)
    defaults = {"low": percent(10), "mid": percent(50)}
    print("defining Limits:", defaults)
    high = percent(150)
    print("not reached")
