# A configuration loader: errors are wrapped with "raise ... from ...".
# The last configuration is invalid and the wrapped error escapes uncaught,
# so the traceback shows "The above exception was the direct cause ...".

class ConfigError(Exception):
    pass


SCHEMA = {"port": int, "host": str, "ratio": float, "debug": bool}


def parse_value(key, raw):
    kind = SCHEMA[key]
    if kind is bool:
        if raw not in ("true", "false"):
            raise ValueError(f"not a boolean: {raw!r}")
        return raw == "true"
    return kind(raw)


def parse_line(lineno, line):
    key, sep, raw = line.partition("=")
    key, raw = key.strip(), raw.strip()
    if not sep:
        raise ConfigError(f"line {lineno}: missing '='")
    try:
        return key, parse_value(key, raw)
    except KeyError as e:
        raise ConfigError(f"line {lineno}: unknown key {key!r}") from e
    except ValueError as e:
        raise ConfigError(f"line {lineno}: bad value for {key}") from e


def load(text):
    conf = {}
    for n, line in enumerate(text.strip().splitlines(), 1):
        if line.strip().startswith("#") or not line.strip():
            continue
        k, v = parse_line(n, line)
        conf[k] = v
    return conf


good = """
# sample
host = example.org
port = 8080
ratio = 0.75
debug = false
"""
print(load(good))
bad_texts = ["port = eighty", "colour = red", "host example.org", "debug = yes", "ratio = 1e-3\nport=1"]
for text in bad_texts:
    try:
        print("loaded", load(text))
    except ConfigError as e:
        cause = e.__cause__
        print(f"ConfigError: {e}; cause={type(cause).__name__}: {cause}")
merged = {}
for text in [good, "port = 9090", "debug = true\nratio = 2.5"]:
    merged.update(load(text))
print(sorted(merged.items()))
print([type(v).__name__ for _, v in sorted(merged.items())])
final = """
host = final.example
port = 80x
"""
print(load(final))
