# String algorithms: edit distance, KMP search, anagram groups, palindromes,
# word frequencies, run-length coding, base conversion, simple tokenizer.

def levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def kmp_table(p):
    table = [0] * len(p)
    k = 0
    for i in range(1, len(p)):
        while k and p[i] != p[k]:
            k = table[k - 1]
        if p[i] == p[k]:
            k += 1
        table[i] = k
    return table


def kmp_search(text, p):
    table, hits, k = kmp_table(p), [], 0
    for i, ch in enumerate(text):
        while k and ch != p[k]:
            k = table[k - 1]
        if ch == p[k]:
            k += 1
        if k == len(p):
            hits.append(i - k + 1)
            k = table[k - 1]
    return hits


def longest_palindrome(s):
    best = ""
    for center in range(2 * len(s) - 1):
        lo, hi = center // 2, center // 2 + center % 2
        while lo >= 0 and hi < len(s) and s[lo] == s[hi]:
            lo -= 1
            hi += 1
        if hi - lo - 1 > len(best):
            best = s[lo + 1:hi]
    return best


def rle_encode(s):
    out, i = [], 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        out.append(f"{j - i}{s[i]}")
        i = j
    return "".join(out)


def rle_decode(s):
    out, num = [], ""
    for ch in s:
        if ch.isdigit():
            num += ch
        else:
            out.append(ch * int(num))
            num = ""
    return "".join(out)


def to_base(n, b):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    sign, n = ("-", -n) if n < 0 else ("", n)
    out = []
    while n:
        n, r = divmod(n, b)
        out.append(digits[r])
    return sign + "".join(reversed(out))


pairs = [("kitten", "sitting"), ("flaw", "lawn"), ("", "abc"), ("same", "same"), ("intention", "execution")]
print([levenshtein(a, b) for a, b in pairs])
text = "abracadabra abracadabra cadabra"
print(kmp_table("abracadabra"), kmp_search(text, "abra"), kmp_search(text, "cad"), kmp_search("aaaa", "aa"))
words = "listen silent enlist google gooegl cat act tac dog god odg".split()
groups = {}
for w in words:
    groups.setdefault("".join(sorted(w)), []).append(w)
print(sorted([sorted(g) for g in groups.values()]))
print([longest_palindrome(s) for s in ["babad", "cbbd", "forgeeksskeegfor", "a", "abacdfgdcaba"]])
for s in ["aaabccddddde", "abc", "zzzzzzzzzzzz"]:
    enc = rle_encode(s)
    print(s, enc, rle_decode(enc) == s)
print([to_base(n, b) for n, b in [(255, 16), (255, 2), (-42, 7), (0, 3), (10 ** 20, 36)]])
print(int(to_base(123456789, 36), 36))
corpus = """It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief"""
freq = {}
for raw in corpus.lower().split():
    w = raw.strip(",.;")
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
print(top, len(freq))
sentence = "The Quick brown fox"
print(sentence.swapcase(), " ".join(w[::-1] for w in sentence.split()), sentence.title().replace(" ", ""))
print("".join(c for c in "Hello, World! 123" if c.isalnum()), "-".join(sentence.lower().split()))
vowels = sum(1 for c in corpus.lower() if c in "aeiou")
print("vowels", vowels, "words", len(corpus.split()), "lines", len(corpus.splitlines()))
caesar = "".join(chr((ord(c) - 65 + 3) % 26 + 65) if c.isupper() else c for c in "HELLO WORLD")
print(caesar, "".join(sorted(set("mississippi"))), "mississippi".count("ss"), "ab" * 3 < "abb")
