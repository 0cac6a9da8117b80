# bytes, bytearray and memoryview.
b = b"Hello\x00World\xff"
print(b, len(b), b[0], b[-1], b[1:5], b[::-1], list(b[:3]))
print(b.upper(), b.lower(), b.split(b"\x00"), b.replace(b"l", b"L"), b.find(b"World"))
print(b.hex(), bytes.fromhex("de ad be ef"), b.hex(":", 2), b"abc".hex("-"))
print(bytes(5), bytes([65, 66, 67]), bytes(range(3)), bytes("ü", "utf-8"), b"a" * 3 + b"b")
print(b"abc" < b"abd", b"abc" == b"abc", b"a" in b"cat", 97 in b"cat", b"" in b"x")
print(b"x,y,,z".split(b","), b"  pad  ".strip(), b"-".join([b"a", b"b"]), b"%d-%s" % (5, b"q"))
print(b"abc".startswith(b"a"), b"123".isdigit(), b"Title Case".istitle(), b"abc".center(9, b"*"))
print(int.from_bytes(b"\x01\x02", "big"), int.from_bytes(b"\x01\x02", "little"), (1027).to_bytes(4, "big"))
print((-2).to_bytes(2, "big", signed=True), int.from_bytes(b"\xff\xfe", "big", signed=True))
print(b"caf\xc3\xa9".decode("utf-8"), b"\xe9".decode("latin-1"), b"\xff".decode("utf-8", "replace"))
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
try:
    b"abc"[0] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    bytes([256])
except ValueError as e:
    print("ValueError:", e)
try:
    b"a" + "b"
except TypeError as e:
    print("TypeError:", e)

ba = bytearray(b"hello")
ba[0] = ord("J")
ba.append(33)
ba.extend(b" ok")
ba += b"!"
print(ba, len(ba), bytes(ba), ba.pop(), ba)
ba[1:3] = b"EEE"
print(ba)
del ba[0:2]
print(ba)
ba.insert(0, 64)
ba.reverse()
print(ba, ba.count(b"E"), ba.index(b"E"))
ba2 = bytearray(10)
for i in range(10):
    ba2[i] = (i * 37) % 256
print(ba2, sum(ba2), max(ba2), sorted(ba2)[:3])
ba2[::2] = bytes(5)
print(ba2)

mv = memoryview(bytearray(b"abcdefgh"))
print(mv[0], mv[-1], bytes(mv[2:5]), mv.tobytes(), mv.tolist()[:3], len(mv), mv.nbytes)
mv[0] = 65
mv[1:3] = b"BC"
print(mv.obj, bytes(mv[::2]))
sub = mv[4:]
sub[0] = ord("!")
print(mv.obj)
m2 = memoryview(b"\x01\x00\x02\x00\x03\x00").cast("H")
print(m2.tolist(), m2.format, m2.itemsize)
mv.release()
try:
    mv[0]
except ValueError as e:
    print("ValueError:", e)

# checksum loop over bytes
data = bytes((i * i + 7) % 251 for i in range(2000))
a_sum, b_sum = 1, 0
for byte in data:
    a_sum = (a_sum + byte) % 65521
    b_sum = (b_sum + a_sum) % 65521
print("adler32", (b_sum << 16) | a_sum)
import zlib
print("zlib.adler32", zlib.adler32(data), zlib.crc32(data))
crc = 0xFFFFFFFF
for byte in data[:500]:
    crc ^= byte
    for _ in range(8):
        crc = (crc >> 1) ^ (0xEDB88320 if crc & 1 else 0)
print("crc32 manual", crc ^ 0xFFFFFFFF, zlib.crc32(data[:500]))
