# A small interpreter for arithmetic expressions; evaluating the last program
# hits an undefined variable deep in the recursive evaluator: the KeyError
# escapes the module body uncaught.

class Env:
    def __init__(self, parent=None):
        self.vars = {}
        self.parent = parent

    def lookup(self, name):
        if name in self.vars:
            return self.vars[name]
        if self.parent is not None:
            return self.parent.lookup(name)
        return self.vars[name]


def tokenize(src):
    tokens = []
    i = 0
    while i < len(src):
        ch = src[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit():
            j = i
            while j < len(src) and src[j].isdigit():
                j += 1
            tokens.append(int(src[i:j]))
            i = j
        elif ch.isalpha():
            j = i
            while j < len(src) and src[j].isalnum():
                j += 1
            tokens.append(src[i:j])
            i = j
        else:
            tokens.append(ch)
            i += 1
    return tokens


def parse(tokens):
    pos = 0

    def expr():
        nonlocal pos
        node = term()
        while pos < len(tokens) and tokens[pos] in ("+", "-"):
            op = tokens[pos]
            pos += 1
            node = (op, node, term())
        return node

    def term():
        nonlocal pos
        node = atom()
        while pos < len(tokens) and tokens[pos] in ("*", "/"):
            op = tokens[pos]
            pos += 1
            node = (op, node, atom())
        return node

    def atom():
        nonlocal pos
        tok = tokens[pos]
        pos += 1
        if tok == "(":
            node = expr()
            pos += 1
            return node
        return tok

    return expr()


def evaluate(node, env):
    if isinstance(node, int):
        return node
    if isinstance(node, str):
        return env.lookup(node)
    op, left, right = node
    a = evaluate(left, env)
    b = evaluate(right, env)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    return a // b


globals_env = Env()
globals_env.vars.update(x=6, y=7)
local_env = Env(globals_env)
local_env.vars["z"] = 100
programs = ["1 + 2 * 3", "(1 + 2) * 3", "x * y - z", "((x + 1) * (y - 2)) / 5", "z / (y - x) * 2 + 1"]
for src in programs:
    toks = tokenize(src)
    tree = parse(toks)
    print(f"{src!r:28} tokens={len(toks):2d} tree={tree} value={evaluate(tree, local_env)}")
print(tokenize("abc12 + 345*(q)"))
deep = " + ".join(["(1 * 2)"] * 20)
print(evaluate(parse(tokenize(deep)), local_env))
nested = "(" * 15 + "x" + " + 1)" * 15
print(evaluate(parse(tokenize(nested)), local_env))
print(evaluate(parse(tokenize("x * (y + (z - unknown))")), local_env))
