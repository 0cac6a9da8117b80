# String operations and methods.
s = "  Hello, World! Hello, Python.  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr(s.strip(" .H")))
print(s.lower(), s.upper(), s.swapcase(), s.title(), "hello world".capitalize())
print(s.count("Hello"), s.find("World"), s.find("xyz"), s.rfind("Hello"), s.index("!"))
print(s.replace("Hello", "Bye"), s.replace("l", "L", 2))
print(s.split(), s.split(","), s.split(",", 1), s.rsplit(" ", 2))
print("a,b,,c".split(","), "a b  c".split(" "), "line1\nline2\r\nline3".splitlines())
print("line1\nline2\n".splitlines(keepends=True))
print("-".join(["a", "b", "c"]), "".join(reversed("stressed")), ", ".join(map(str, range(5))))
print("abc".startswith("ab"), "abc".endswith(("x", "c")), "abc".startswith("b", 1))
print("abc123".isalnum(), "abc".isalpha(), "123".isdigit(), "  ".isspace(), "Abc".istitle(), "ABC".isupper())
print("hello".center(11, "*"), "hi".ljust(5, ".") + "|", "hi".rjust(5) + "|", "42".zfill(6), "-42".zfill(6))
print("tab\tsep".expandtabs(8), repr("a\tb".expandtabs(4)))
print("partition", "key=value=x".partition("="), "key=value=x".rpartition("="), "nokey".partition("="))
print("prefix", "unittest".removeprefix("unit"), "file.py".removesuffix(".py"), "x".removeprefix("y"))
print("translate", "hello".translate(str.maketrans("el", "ip")), "abc".translate({ord("a"): None}))
print("casefold", "Straße".casefold(), "Straße".upper(), "İ".lower() == "i̇")
print("encode", "héllo".encode("utf-8"), "héllo".encode("latin-1"), b"h\xc3\xa9llo".decode())
print("ord/chr", ord("A"), ord("€"), chr(97), chr(0x1F600) == "\U0001F600", len("\U0001F600"))
print("repr", repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("\n\t\\"), repr("\x00\x7f"))
print("ascii", ascii("héllo"), ascii("日本"))
print("mul", "ab" * 3, 3 * "-", "x" * 0, "x" * -2)
print("compare", "apple" < "banana", "Zebra" < "apple", "abc" == "ab" + "c", "a" < "aa", "" < "a")
print("in", "ell" in "hello", "" in "abc", "z" not in "abc")
print("index", "hello"[1], "hello"[-1], "hello"[1:4], "hello"[::-1], "hello"[::2], "hello"[10:])
print("len", len(""), len("abc"), len("日本語"))
print("min/max", min("hello"), max("hello"), sorted("banana"))
print("format", "{} + {} = {}".format(1, 2, 3), "{1}{0}{1}".format("a", "b"), "{x}-{y}".format(x=1, y=2))
print("format_map", "{a}/{b}".format_map({"a": 1, "b": 2}))
print("isidentifier", "foo_1".isidentifier(), "1foo".isidentifier(), "class".isidentifier())
print("isnumeric", "½".isnumeric(), "½".isdigit(), "٣".isdecimal(), int("٣"))

try:
    "abc".index("z")
except ValueError as e:
    print("ValueError:", e)
try:
    "abc"[5]
except IndexError as e:
    print("IndexError:", e)
try:
    "abc"[0] = "x"
except TypeError as e:
    print("TypeError:", e)
try:
    "a" + 1
except TypeError as e:
    print("TypeError:", e)
try:
    "{0} {1}".format(1)
except IndexError as e:
    print("IndexError:", e)

# Building strings in loops
words = "the quick brown fox jumps over the lazy dog the end".split()
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
acc = ""
for i, w in enumerate(words):
    if i % 2:
        acc += w.upper()
    else:
        acc += w[::-1]
    acc += "|"
print(acc)
print("caesar", "".join(chr((ord(c) - 97 + 13) % 26 + 97) if c.islower() else c for c in "hello, world"))
parts = []
for ch in "aaabccddddde":
    if parts and parts[-1][0] == ch:
        parts[-1][1] += 1
    else:
        parts.append([ch, 1])
print("rle", "".join(f"{c}{n}" for c, n in parts))
