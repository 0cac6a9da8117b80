/* Unit tests of the control-flow analysis: blocks and stack depths of real
 * functions compiled by the embedded Python, and of hand-built bytecode. */
#include "suites.h"

#include <stdio.h>
#include <stdlib.h>

#include "pyaot/analyse.h"
#include "pyaot/opcodes.h"

#define U(op, arg) (uint8_t)(OP_##op), (uint8_t)(arg)
#define C1 U(CACHE, 0)
#define C5 C1, C1, C1, C1, C1

static bool ends_block(const dec_instr *in)
{
    return op_table[in->opcode].jump != JK_NONE ||
           (op_table[in->opcode].flags & F_TERM);
}

static bool falls_through(const dec_instr *in)
{
    const op_info *info = &op_table[in->opcode];
    if (info->flags & F_TERM)
        return false;
    return info->jump == JK_NONE || (info->flags & F_COND);
}

/* Checks the invariants of a built graph. `real`: the code came from
 * CPython's compiler, so every handler is reachable and every return
 * leaves exactly its value. */
static void check_graph(const dec_code *c, const cfg *g, const char *name,
                        bool real)
{
    int n = c->ninstrs;
    ck_assert_msg(n > 0 && g->nblocks > 0, "%s: %d instructions, %d blocks",
                  name, n, g->nblocks);
    /* Blocks cover every instruction once, in order. */
    ck_assert_msg(g->blocks[0].first == 0, "%s: first block starts at %d",
                  name, g->blocks[0].first);
    for (int b = 0; b < g->nblocks; b++) {
        const cfg_block *blk = &g->blocks[b];
        ck_assert_msg(blk->first <= blk->last, "%s: block %d is empty "
                      "[%d, %d]", name, b, blk->first, blk->last);
        if (b > 0)
            ck_assert_msg(blk->first == g->blocks[b - 1].last + 1,
                          "%s: block %d starts at %d, the previous ends at "
                          "%d", name, b, blk->first, g->blocks[b - 1].last);
        for (int i = blk->first; i <= blk->last; i++)
            ck_assert_msg(g->block_of[i] == b, "%s: block_of[%d] = %d, "
                          "expected %d", name, i, g->block_of[i], b);
        ck_assert_msg(blk->depth == g->depth[blk->first], "%s: block %d depth"
                      " %d, its first instruction's %d", name, b, blk->depth,
                      g->depth[blk->first]);
        /* Only the last instruction may jump or stop. */
        for (int i = blk->first; i < blk->last; i++)
            ck_assert_msg(!ends_block(&c->instrs[i]), "%s: %s at offset %d "
                          "in the middle of block %d", name,
                          op_table[c->instrs[i].opcode].name,
                          2 * c->instrs[i].offset, b);
        /* One handler per block. */
        const dec_handler *h0 = dec_handler_for(c, c->instrs[blk->first].offset);
        for (int i = blk->first + 1; i <= blk->last; i++)
            ck_assert_msg(dec_handler_for(c, c->instrs[i].offset) == h0,
                          "%s: block %d mixes exception handlers (offset %d)",
                          name, b, 2 * c->instrs[i].offset);
        ck_assert_msg(cfg_block_at(g, c, c->instrs[blk->first].start) == b,
                      "%s: cfg_block_at(start of block %d) = %d", name, b,
                      cfg_block_at(g, c, c->instrs[blk->first].start));
    }
    ck_assert_msg(g->blocks[g->nblocks - 1].last == n - 1,
                  "%s: last block ends at %d of %d instructions", name,
                  g->blocks[g->nblocks - 1].last, n);
    ck_assert_msg(g->depth[0] == 0, "%s: depth at entry %d", name,
                  g->depth[0]);

    int maxd = 0;
    for (int i = 0; i < n; i++) {
        const dec_instr *in = &c->instrs[i];
        const char *op = op_table[in->opcode].name;
        int d = g->depth[i];
        if (d > maxd)
            maxd = d;
        if (in->target >= 0)
            ck_assert_msg(cfg_block_at(g, c, in->target) >= 0,
                          "%s: jump target %d of %s at %d starts no block",
                          name, 2 * in->target, op, 2 * in->offset);
        if (d < 0)
            continue;
        /* Edges agree with the stack effects. */
        if (in->target >= 0) {
            int want = d + op_stack_effect(in->opcode, in->oparg,
                                           op_table[in->opcode].flags & F_COND);
            int t = c->instr_at[in->target];
            ck_assert_msg(g->depth[t] == want, "%s: %s at %d jumps with depth"
                          " %d, target has %d", name, op, 2 * in->offset,
                          want, g->depth[t]);
        }
        if (falls_through(in) && i + 1 < n) {
            int want = d + op_stack_effect(in->opcode, in->oparg, false);
            ck_assert_msg(g->depth[i + 1] == want, "%s: after %s at %d the "
                          "depth is %d, expected %d", name, op,
                          2 * in->offset, g->depth[i + 1], want);
        }
        const dec_handler *h = dec_handler_for(c, in->offset);
        if (h) {
            ck_assert_msg(h->depth <= d, "%s: handler depth %d above the "
                          "stack (%d) at %d", name, h->depth, d,
                          2 * in->offset);
            int t = c->instr_at[h->target];
            ck_assert_msg(g->depth[t] == h->depth + h->lasti + 1,
                          "%s: handler at %d has depth %d, expected %d",
                          name, 2 * h->target, g->depth[t],
                          h->depth + h->lasti + 1);
        }
        if (real && in->opcode == OP_RETURN_VALUE)
            ck_assert_msg(d == 1, "%s: depth %d at RETURN_VALUE (offset %d)",
                          name, d, 2 * in->offset);
    }
    ck_assert_msg(g->max_depth == maxd, "%s: max_depth %d, deepest "
                  "instruction %d", name, g->max_depth, maxd);

    /* Handler entries start blocks marked as handlers, and only those. */
    int nhandler_blocks = 0;
    for (int b = 0; b < g->nblocks; b++)
        nhandler_blocks += g->blocks[b].is_handler;
    int ntargets = 0;
    for (int k = 0; k < c->nhandlers; k++) {
        const dec_handler *h = &c->handlers[k];
        int b = cfg_block_at(g, c, h->target);
        ck_assert_msg(b >= 0, "%s: handler %d target %d starts no block",
                      name, k, 2 * h->target);
        ck_assert_msg(g->blocks[b].is_handler, "%s: block %d (handler %d) "
                      "not marked as a handler", name, b, k);
        if (real)
            ck_assert_msg(g->blocks[b].depth == h->depth + h->lasti + 1,
                          "%s: handler block %d depth %d, expected %d + %d "
                          "+ 1", name, b, g->blocks[b].depth, h->depth,
                          h->lasti);
        /* The protected range's ends start blocks too. */
        ck_assert_msg(cfg_block_at(g, c, h->start) >= 0, "%s: range start %d"
                      " starts no block", name, 2 * h->start);
        if (h->end < c->nunits)
            ck_assert_msg(cfg_block_at(g, c, h->end) >= 0, "%s: range end %d"
                          " starts no block", name, 2 * h->end);
        bool dup = false;
        for (int j = 0; j < k; j++)
            dup |= c->handlers[j].target == h->target;
        ntargets += !dup;
    }
    ck_assert_msg(nhandler_blocks == ntargets, "%s: %d handler blocks for %d "
                  "handler targets", name, nhandler_blocks, ntargets);
}

/* Decodes, builds and checks every code object of `src`. */
static void check_source(const char *src)
{
    PyObject *all = t_all_code_objects(src);
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(all); i++) {
        PyCodeObject *co = (PyCodeObject *)PyList_GET_ITEM(all, i);
        const char *name = PyUnicode_AsUTF8(co->co_qualname);
        dec_code c;
        t_decode_code(co, &c);
        cfg g;
        char err[256] = "";
        int rc = cfg_build(&c, &g, err, sizeof err);
        ck_assert_msg(rc == 0, "cfg_build of %s failed: %s", name, err);
        check_graph(&c, &g, name, true);
        ck_assert_msg(g.max_depth <= co->co_stacksize, "%s: max_depth %d > "
                      "co_stacksize %d", name, g.max_depth, co->co_stacksize);
        cfg_free(&g);
        dec_free(&c);
    }
    Py_DECREF(all);
}

START_TEST(test_straight_line)
{
    check_source("def f(a, b):\n"
                 "    return a + b * 2 - f(a, b=b)\n"
                 "def p():\n"
                 "    pass\n"
                 "def s(x):\n"
                 "    a, *b, c = x\n"
                 "    x[1:2] = x[::2]\n"
                 "    del x[0]\n"
                 "    return f'{a!r:>{c}} {b}', {**x, 'k': [*b]}, (*a,)\n");
}
END_TEST

START_TEST(test_loops)
{
    check_source("def f(n):\n"
                 "    t = 0\n"
                 "    for i in range(n):\n"
                 "        if i % 3 == 0:\n"
                 "            continue\n"
                 "        while t < i:\n"
                 "            t += 1\n"
                 "            if t > 100:\n"
                 "                break\n"
                 "        else:\n"
                 "            t -= 1\n"
                 "    else:\n"
                 "        t = -t\n"
                 "    for a, (b, c) in zip(n, n):\n"
                 "        for d in a:\n"
                 "            if d: return d\n"
                 "    return t\n");
}
END_TEST

START_TEST(test_conditionals)
{
    check_source("def f(a, b, c):\n"
                 "    if a < b < c:\n"
                 "        if a is None or b is not None:\n"
                 "            x = 1 if c else 2\n"
                 "        elif not (a and b):\n"
                 "            x = a == b != c\n"
                 "        else:\n"
                 "            x = a in b not in c\n"
                 "    else:\n"
                 "        x = (a or b) and c\n"
                 "    assert x, 'message'\n"
                 "    return x if x < 3 else -x\n");
}
END_TEST

START_TEST(test_exceptions)
{
    check_source("def f(x):\n"
                 "    try:\n"
                 "        y = 1 / x\n"
                 "    except ZeroDivisionError as e:\n"
                 "        y = e\n"
                 "    except (TypeError, ValueError):\n"
                 "        raise RuntimeError('bad') from None\n"
                 "    else:\n"
                 "        y += 1\n"
                 "    finally:\n"
                 "        x = None\n"
                 "    for i in range(3):\n"
                 "        try:\n"
                 "            try:\n"
                 "                if i: continue\n"
                 "                return i\n"
                 "            finally:\n"
                 "                y = i\n"
                 "        except KeyError:\n"
                 "            break\n"
                 "    return y\n"
                 "def g(x):\n"
                 "    try:\n"
                 "        y = x()\n"
                 "    except* ValueError:\n"
                 "        y = 1\n"
                 "    except* TypeError as eg:\n"
                 "        y = eg\n"
                 "    return y\n");
}
END_TEST

START_TEST(test_with)
{
    check_source("def f(a, b):\n"
                 "    with a as x, b:\n"
                 "        with x:\n"
                 "            if b: return 1\n"
                 "    with a:\n"
                 "        for i in b:\n"
                 "            break\n"
                 "    return 0\n");
}
END_TEST

START_TEST(test_comprehensions_and_closures)
{
    check_source("def f(xs):\n"
                 "    k = 2\n"
                 "    a = [x * k for x in xs if x if not x % 2]\n"
                 "    b = {x: y for x in xs for y in xs}\n"
                 "    c = {x for x in xs}\n"
                 "    def inner(y, *args, z=1, **kw):\n"
                 "        nonlocal k\n"
                 "        k += y\n"
                 "        return k, args, kw\n"
                 "    return a, b, c, inner(*xs, **b), lambda: k\n"
                 "class K(object, metaclass=type):\n"
                 "    x = 1\n"
                 "    def m(self):\n"
                 "        return __class__, super().m()\n"
                 "import os\n"
                 "from os import path as p, sep\n");
}
END_TEST

START_TEST(test_match)
{
    check_source("def f(x):\n"
                 "    match x:\n"
                 "        case [1, *rest]:\n"
                 "            return rest\n"
                 "        case {'k': v, **kw}:\n"
                 "            return v\n"
                 "        case int(y) | str(y) if y:\n"
                 "            return y\n"
                 "        case _:\n"
                 "            return None\n");
}
END_TEST

/* ---- hand-built bytecode ---------------------------------------------- */

static int build(const uint8_t *b, size_t n, const uint8_t *tab, size_t tn,
                 dec_code *c, cfg *g, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    memset(g, 0, sizeof *g);
    err[0] = '\0';
    int rc = dec_instructions(b, n, c, err, errlen);
    ck_assert_msg(rc == 0, "decoding the hand-built code failed: %s", err);
    rc = dec_exception_table(tab, tn, c, err, errlen);
    ck_assert_msg(rc == 0, "decoding the hand-built table failed: %s", err);
    return cfg_build(c, g, err, errlen);
}

static void expect_cfg_error(const uint8_t *b, size_t n, const uint8_t *tab,
                             size_t tn, const char *what)
{
    dec_code c;
    cfg g;
    char err[256];
    int rc = build(b, n, tab, tn, &c, &g, err, sizeof err);
    ck_assert_msg(rc == -1, "cfg_build should fail (%s), rc %d", what, rc);
    ck_assert_msg(strstr(err, what) != NULL,
                  "message \"%s\" should mention \"%s\"", err, what);
    cfg_free(&g);
    dec_free(&c);
}

#define CFG_ERR(what, ...)                                               \
    do {                                                                 \
        static const uint8_t b_[] = {__VA_ARGS__};                       \
        expect_cfg_error(b_, sizeof b_, NULL, 0, what);                  \
    } while (0)

START_TEST(test_inconsistent_depth)
{
    /* Two paths reach u3: the jump with depth 0, the fall-through with 1. */
    CFG_ERR("inconsistent stack depth",
            U(LOAD_CONST, 0),                  /* 0: d0 */
            U(POP_JUMP_FORWARD_IF_FALSE, 1),   /* 1: d1 -> 3 with d0 */
            U(LOAD_CONST, 0),                  /* 2: d0 */
            U(LOAD_CONST, 0),                  /* 3: d1 or d0 */
            U(RETURN_VALUE, 0));
    /* A loop that grows the stack on every turn. */
    CFG_ERR("inconsistent stack depth",
            U(NOP, 0),                         /* 0: d0 */
            U(LOAD_CONST, 0),                  /* 1: d0, then d1 */
            U(JUMP_BACKWARD, 2));              /* 2: -> 1 with d1 */
}
END_TEST

START_TEST(test_underflow_and_run_off)
{
    CFG_ERR("stack underflow", U(POP_TOP, 0), U(LOAD_CONST, 0),
            U(RETURN_VALUE, 0));
    CFG_ERR("stack underflow", U(LOAD_CONST, 0), U(BUILD_TUPLE, 3),
            U(RETURN_VALUE, 0));
    /* Underflow on the fall-through edge only (the jump keeps the value). */
    CFG_ERR("stack underflow", U(LOAD_CONST, 0), U(POP_TOP, 0),
            U(JUMP_IF_TRUE_OR_POP, 1), U(LOAD_CONST, 0),
            U(RETURN_VALUE, 0));
    CFG_ERR("runs off the end", U(LOAD_CONST, 0), U(POP_TOP, 0));
    CFG_ERR("runs off the end", U(LOAD_CONST, 0),
            U(POP_JUMP_FORWARD_IF_TRUE, 0), U(NOP, 0));
}
END_TEST

START_TEST(test_bad_handler_offset)
{
    static const uint8_t b[] = {U(NOP, 0), U(LOAD_GLOBAL, 0), C5,
                                U(RETURN_VALUE, 0)};
    /* [0, 1) -> 3: a cache unit of LOAD_GLOBAL. */
    static const uint8_t t[] = {0x80, 0x01, 0x03, 0x00};
    expect_cfg_error(b, sizeof b, t, sizeof t, "bad offset");
}
END_TEST

START_TEST(test_handler_depth)
{
    static const uint8_t b[] = {
        U(RESUME, 0),          /* 0: d0 */
        U(LOAD_CONST, 0),      /* 1: d0 */
        U(LOAD_CONST, 0),      /* 2: d1  protected [2, 5) */
        U(BINARY_OP, 0), C1,   /* 3: d2 */
        U(RETURN_VALUE, 0),    /* 5: d1 */
        U(POP_TOP, 0),         /* 6: handler, d = 1 + lasti + 1 = 3 */
        U(POP_TOP, 0),         /* 7: d2 */
        U(RETURN_VALUE, 0),    /* 8: d1 */
    };
    static const uint8_t t[] = {0x82, 0x03, 0x06, 0x03}; /* depth 1, lasti */
    dec_code c;
    cfg g;
    char err[256];
    int rc = build(b, sizeof b, t, sizeof t, &c, &g, err, sizeof err);
    ck_assert_msg(rc == 0, "cfg_build failed: %s", err);
    check_graph(&c, &g, "hand-built handler", true);
    ck_assert_msg(g.nblocks == 4, "nblocks %d, expected 4", g.nblocks);
    static const struct { int first, last, depth; bool handler; } want[] = {
        {0, 1, 0, false}, {2, 3, 1, false}, {4, 4, 1, false},
        {5, 7, 3, true},
    };
    for (int k = 0; k < 4; k++) {
        const cfg_block *blk = &g.blocks[k];
        ck_assert_msg(blk->first == want[k].first && blk->last == want[k].last,
                      "block %d is [%d, %d], expected [%d, %d]", k, blk->first,
                      blk->last, want[k].first, want[k].last);
        ck_assert_msg(blk->depth == want[k].depth, "block %d depth %d, "
                      "expected %d", k, blk->depth, want[k].depth);
        ck_assert_msg(blk->is_handler == want[k].handler, "block %d "
                      "is_handler %d", k, blk->is_handler);
    }
    static const int depths[] = {0, 0, 1, 2, 1, 3, 2, 1};
    for (int i = 0; i < 8; i++)
        ck_assert_msg(g.depth[i] == depths[i], "depth before instruction %d:"
                      " %d, expected %d", i, g.depth[i], depths[i]);
    ck_assert_msg(g.max_depth == 3, "max_depth %d, expected 3", g.max_depth);
    /* cfg_block_at: block starts only. */
    ck_assert_int_eq(cfg_block_at(&g, &c, 6), 3);
    ck_assert_int_eq(cfg_block_at(&g, &c, 2), 1);
    ck_assert_msg(cfg_block_at(&g, &c, 3) == -1, "unit 3 is inside block 1");
    ck_assert_msg(cfg_block_at(&g, &c, 4) == -1, "unit 4 is a cache");
    ck_assert_msg(cfg_block_at(&g, &c, 9) == -1, "unit 9 is past the end");
    ck_assert_msg(cfg_block_at(&g, &c, -1) == -1, "unit -1");
    cfg_free(&g);
    dec_free(&c);
}
END_TEST

START_TEST(test_jump_edge_effects)
{
    /* JUMP_IF_FALSE_OR_POP keeps the value on the jump edge only. */
    static const uint8_t b[] = {
        U(LOAD_CONST, 0),               /* 0: d0 */
        U(JUMP_IF_FALSE_OR_POP, 2),     /* 1: d1 -> 4 with d1, falls d0 */
        U(LOAD_CONST, 0),               /* 2: d0 */
        U(NOP, 0),                      /* 3: d1 */
        U(RETURN_VALUE, 0),             /* 4: d1 */
    };
    dec_code c;
    cfg g;
    char err[256];
    int rc = build(b, sizeof b, NULL, 0, &c, &g, err, sizeof err);
    ck_assert_msg(rc == 0, "cfg_build failed: %s", err);
    check_graph(&c, &g, "JUMP_IF_FALSE_OR_POP", true);
    static const int depths[] = {0, 1, 0, 1, 1};
    for (int i = 0; i < 5; i++)
        ck_assert_msg(g.depth[i] == depths[i], "depth before instruction %d:"
                      " %d, expected %d", i, g.depth[i], depths[i]);
    cfg_free(&g);
    dec_free(&c);

    /* FOR_ITER pushes on the way into the body, pops on exhaustion. */
    static const uint8_t f[] = {
        U(LOAD_FAST, 0),                /* 0: d0 */
        U(GET_ITER, 0),                 /* 1: d1 */
        U(FOR_ITER, 2),                 /* 2: d1 -> 5 with d0, body d2 */
        U(STORE_FAST, 1),               /* 3: d2 */
        U(JUMP_BACKWARD, 3),            /* 4: d1 -> 2 */
        U(LOAD_CONST, 0),               /* 5: d0 */
        U(RETURN_VALUE, 0),             /* 6: d1 */
    };
    rc = build(f, sizeof f, NULL, 0, &c, &g, err, sizeof err);
    ck_assert_msg(rc == 0, "cfg_build failed: %s", err);
    check_graph(&c, &g, "FOR_ITER", true);
    static const int fdepths[] = {0, 1, 1, 2, 1, 0, 1};
    for (int i = 0; i < 7; i++)
        ck_assert_msg(g.depth[i] == fdepths[i], "depth before instruction %d:"
                      " %d, expected %d", i, g.depth[i], fdepths[i]);
    ck_assert_msg(g.nblocks == 4, "nblocks %d, expected 4", g.nblocks);
    ck_assert_msg(g.max_depth == 2, "max_depth %d, expected 2", g.max_depth);
    cfg_free(&g);
    dec_free(&c);
}
END_TEST

START_TEST(test_unreachable_code)
{
    /* Code after a return that nothing jumps to: depth -1, no error even
     * though it would underflow. */
    static const uint8_t b[] = {
        U(LOAD_CONST, 0), U(RETURN_VALUE, 0),
        U(POP_TOP, 0), U(POP_TOP, 0), U(RETURN_VALUE, 0),
    };
    dec_code c;
    cfg g;
    char err[256];
    int rc = build(b, sizeof b, NULL, 0, &c, &g, err, sizeof err);
    ck_assert_msg(rc == 0, "cfg_build failed: %s", err);
    check_graph(&c, &g, "unreachable", false);
    ck_assert_msg(g.nblocks == 2, "nblocks %d, expected 2", g.nblocks);
    ck_assert_msg(g.blocks[1].depth == -1, "unreachable block depth %d",
                  g.blocks[1].depth);
    for (int i = 2; i < 5; i++)
        ck_assert_msg(g.depth[i] == -1, "unreachable depth[%d] = %d", i,
                      g.depth[i]);
    cfg_free(&g);
    dec_free(&c);
}
END_TEST

Suite *analyse_suite(void)
{
    Suite *s = suite_create("analyse");
    TCase *tc = tcase_create("real functions");
    tcase_add_test(tc, test_straight_line);
    tcase_add_test(tc, test_loops);
    tcase_add_test(tc, test_conditionals);
    tcase_add_test(tc, test_exceptions);
    tcase_add_test(tc, test_with);
    tcase_add_test(tc, test_comprehensions_and_closures);
    tcase_add_test(tc, test_match);
    suite_add_tcase(s, tc);

    tc = tcase_create("hand-built");
    tcase_add_test(tc, test_inconsistent_depth);
    tcase_add_test(tc, test_underflow_and_run_off);
    tcase_add_test(tc, test_bad_handler_offset);
    tcase_add_test(tc, test_handler_depth);
    tcase_add_test(tc, test_jump_edge_effects);
    tcase_add_test(tc, test_unreachable_code);
    suite_add_tcase(s, tc);
    return s;
}
