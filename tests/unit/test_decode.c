/* Unit tests of the decoders: instructions (EXTENDED_ARG, caches, jumps),
 * the exception table and the line table, by hand and against CPython. */
#include "suites.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "pyaot/opcodes.h"

/* ---- helpers ---------------------------------------------------------- */

#define U(op, arg) (uint8_t)(OP_##op), (uint8_t)(arg)
#define C1 U(CACHE, 0)
#define C5 C1, C1, C1, C1, C1

static int decode(const uint8_t *b, size_t n, dec_code *c, char *err,
                  size_t errlen)
{
    memset(c, 0, sizeof *c);
    err[0] = '\0';
    return dec_instructions(b, n, c, err, errlen);
}

#define DECODE_OK(c, ...)                                                 \
    do {                                                                  \
        static const uint8_t b_[] = {__VA_ARGS__};                        \
        char e_[256];                                                     \
        int rc_ = decode(b_, sizeof b_, &(c), e_, sizeof e_);             \
        ck_assert_msg(rc_ == 0, "dec_instructions failed: %s", e_);       \
    } while (0)

static void expect_decode_error(const uint8_t *b, size_t n, const char *what)
{
    dec_code c;
    char err[256];
    int rc = decode(b, n, &c, err, sizeof err);
    ck_assert_msg(rc == -1, "dec_instructions should fail (%s), returned %d",
                  what, rc);
    ck_assert_msg(strstr(err, what) != NULL,
                  "error message \"%s\" should mention \"%s\"", err, what);
    dec_free(&c);
}

#define DECODE_ERR(what, ...)                                             \
    do {                                                                  \
        static const uint8_t b_[] = {__VA_ARGS__};                        \
        expect_decode_error(b_, sizeof b_, what);                         \
    } while (0)

static void check_instr(const dec_code *c, int k, int start, int offset,
                        int next, int target, int opcode, int oparg)
{
    ck_assert_msg(k < c->ninstrs, "instruction %d missing (ninstrs %d)", k,
                  c->ninstrs);
    const dec_instr *in = &c->instrs[k];
    ck_assert_msg(in->start == start, "instr %d: start %d, expected %d", k,
                  in->start, start);
    ck_assert_msg(in->offset == offset, "instr %d: offset %d, expected %d", k,
                  in->offset, offset);
    ck_assert_msg(in->next == next, "instr %d: next %d, expected %d", k,
                  in->next, next);
    ck_assert_msg(in->target == target, "instr %d: target %d, expected %d", k,
                  in->target, target);
    ck_assert_msg(in->opcode == opcode, "instr %d: opcode %d, expected %d", k,
                  in->opcode, opcode);
    ck_assert_msg(in->oparg == oparg, "instr %d: oparg %d, expected %d", k,
                  in->oparg, oparg);
    ck_assert_msg(in->line == -1, "instr %d: line %d before line decoding", k,
                  in->line);
}

/* Every unit of [from, to) belongs to instruction k. */
static void check_units(const dec_code *c, int from, int to, int k)
{
    for (int u = from; u < to; u++)
        ck_assert_msg(c->instr_at[u] == k, "instr_at[%d] = %d, expected %d",
                      u, c->instr_at[u], k);
}

/* ---- instructions ----------------------------------------------------- */

START_TEST(test_empty_code)
{
    dec_code c;
    char err[256];
    ck_assert_int_eq(decode((const uint8_t *)"", 0, &c, err, sizeof err), 0);
    ck_assert_msg(c.ninstrs == 0, "ninstrs of empty code: %d", c.ninstrs);
    ck_assert_msg(c.nunits == 0, "nunits of empty code: %d", c.nunits);
    dec_free(&c);
}
END_TEST

START_TEST(test_extended_arg_one)
{
    dec_code c;
    DECODE_OK(c, U(EXTENDED_ARG, 1), U(LOAD_CONST, 2), U(RETURN_VALUE, 0));
    ck_assert_msg(c.nunits == 3, "nunits %d, expected 3", c.nunits);
    ck_assert_msg(c.ninstrs == 2, "ninstrs %d, expected 2", c.ninstrs);
    check_instr(&c, 0, 0, 1, 2, -1, OP_LOAD_CONST, 0x102);
    check_instr(&c, 1, 2, 2, 3, -1, OP_RETURN_VALUE, 0);
    check_units(&c, 0, 2, 0);
    check_units(&c, 2, 3, 1);
    dec_free(&c);
}
END_TEST

START_TEST(test_extended_arg_two)
{
    dec_code c;
    DECODE_OK(c, U(NOP, 0), U(EXTENDED_ARG, 1), U(EXTENDED_ARG, 2),
              U(LOAD_CONST, 3), U(RETURN_VALUE, 0));
    ck_assert_msg(c.ninstrs == 3, "ninstrs %d, expected 3", c.ninstrs);
    check_instr(&c, 0, 0, 0, 1, -1, OP_NOP, 0);
    check_instr(&c, 1, 1, 3, 4, -1, OP_LOAD_CONST, 0x010203);
    check_instr(&c, 2, 4, 4, 5, -1, OP_RETURN_VALUE, 0);
    check_units(&c, 1, 4, 1);
    dec_free(&c);
}
END_TEST

START_TEST(test_extended_arg_three_with_caches)
{
    /* Three prefixes, then an instruction with 5 caches. */
    dec_code c;
    DECODE_OK(c, U(EXTENDED_ARG, 0x01), U(EXTENDED_ARG, 0x00),
              U(EXTENDED_ARG, 0x80), U(LOAD_GLOBAL, 0x03), C5,
              U(RETURN_VALUE, 0));
    ck_assert_msg(c.ninstrs == 2, "ninstrs %d, expected 2", c.ninstrs);
    check_instr(&c, 0, 0, 3, 9, -1, OP_LOAD_GLOBAL, 0x01008003);
    check_instr(&c, 1, 9, 9, 10, -1, OP_RETURN_VALUE, 0);
    check_units(&c, 0, 9, 0);
    dec_free(&c);
}
END_TEST

START_TEST(test_cache_skipping)
{
    dec_code c;
    DECODE_OK(c, U(RESUME, 0), U(LOAD_FAST, 0), U(LOAD_FAST, 1),
              U(BINARY_OP, 0), C1,                 /* 3, cache 4 */
              U(LOAD_GLOBAL, 1), C5,               /* 5, caches 6..10 */
              U(STORE_SUBSCR, 0), C1,              /* 11, cache 12 */
              U(LOAD_METHOD, 0), C5, C5,           /* 13, caches 14..23 */
              U(COMPARE_OP, 2), C1, C1,            /* 24, caches 25..26 */
              U(RETURN_VALUE, 0));                 /* 27 */
    ck_assert_msg(c.nunits == 28, "nunits %d, expected 28", c.nunits);
    ck_assert_msg(c.ninstrs == 9, "ninstrs %d, expected 9", c.ninstrs);
    check_instr(&c, 3, 3, 3, 5, -1, OP_BINARY_OP, 0);
    check_instr(&c, 4, 5, 5, 11, -1, OP_LOAD_GLOBAL, 1);
    check_instr(&c, 5, 11, 11, 13, -1, OP_STORE_SUBSCR, 0);
    check_instr(&c, 6, 13, 13, 24, -1, OP_LOAD_METHOD, 0);
    check_instr(&c, 7, 24, 24, 27, -1, OP_COMPARE_OP, 2);
    check_instr(&c, 8, 27, 27, 28, -1, OP_RETURN_VALUE, 0);
    check_units(&c, 3, 5, 3);
    check_units(&c, 5, 11, 4);
    check_units(&c, 13, 24, 6);
    dec_free(&c);
}
END_TEST

/* Every opcode decodes alone: caches skipped, a zero jump lands next. */
START_TEST(test_every_opcode_alone)
{
    for (int op = 0; op < OPCODE_MAX; op++) {
        if (!op_known(op) || op == OP_CACHE || op == OP_EXTENDED_ARG)
            continue;
        int caches = op_table[op].caches;
        uint8_t b[2 * 32] = {0};
        b[0] = (uint8_t)op;
        /* caches are zero bytes (CACHE 0); then a NOP */
        b[2 * (1 + caches)] = OP_NOP;
        size_t n = 2 * (size_t)(2 + caches);
        dec_code c;
        char err[256];
        int rc = decode(b, n, &c, err, sizeof err);
        ck_assert_msg(rc == 0, "%s alone: %s", op_table[op].name, err);
        ck_assert_msg(c.ninstrs == 2, "%s alone: ninstrs %d, expected 2",
                      op_table[op].name, c.ninstrs);
        int target = op_table[op].jump == JK_NONE ? -1 : 1 + caches;
        ck_assert_msg(c.instrs[0].next == 1 + caches,
                      "%s: next %d, expected %d", op_table[op].name,
                      c.instrs[0].next, 1 + caches);
        ck_assert_msg(c.instrs[0].target == target,
                      "%s: target %d, expected %d", op_table[op].name,
                      c.instrs[0].target, target);
        dec_free(&c);
    }
}
END_TEST

START_TEST(test_forward_jumps)
{
    dec_code c;
    DECODE_OK(c, U(LOAD_FAST, 0),                    /* 0 */
              U(POP_JUMP_FORWARD_IF_FALSE, 2),       /* 1 -> 4 */
              U(LOAD_CONST, 0),                      /* 2 */
              U(RETURN_VALUE, 0),                    /* 3 */
              U(LOAD_CONST, 1),                      /* 4 */
              U(JUMP_FORWARD, 0),                    /* 5 -> 6 */
              U(LOAD_FAST, 0),                       /* 6 */
              U(JUMP_IF_TRUE_OR_POP, 1),             /* 7 -> 9 */
              U(LOAD_CONST, 2),                      /* 8 */
              U(RETURN_VALUE, 0));                   /* 9 */
    check_instr(&c, 1, 1, 1, 2, 4, OP_POP_JUMP_FORWARD_IF_FALSE, 2);
    check_instr(&c, 5, 5, 5, 6, 6, OP_JUMP_FORWARD, 0);
    check_instr(&c, 7, 7, 7, 8, 9, OP_JUMP_IF_TRUE_OR_POP, 1);
    for (int k = 0; k < c.ninstrs; k++)
        if (k != 1 && k != 5 && k != 7)
            ck_assert_msg(c.instrs[k].target == -1,
                          "instr %d is no jump but has target %d", k,
                          c.instrs[k].target);
    dec_free(&c);
}
END_TEST

START_TEST(test_backward_jumps)
{
    dec_code c;
    DECODE_OK(c, U(LOAD_FAST, 0),                    /* 0 */
              U(GET_ITER, 0),                        /* 1 */
              U(FOR_ITER, 3),                        /* 2 -> 6 */
              U(STORE_FAST, 1),                      /* 3 */
              U(LOAD_FAST, 1),                       /* 4 */
              U(POP_JUMP_BACKWARD_IF_TRUE, 4),       /* 5 -> 2 */
              U(LOAD_CONST, 0),                      /* 6 */
              U(JUMP_BACKWARD, 8),                   /* 7 -> 0 */
              U(RETURN_VALUE, 0));                   /* 8 */
    check_instr(&c, 2, 2, 2, 3, 6, OP_FOR_ITER, 3);
    check_instr(&c, 5, 5, 5, 6, 2, OP_POP_JUMP_BACKWARD_IF_TRUE, 4);
    check_instr(&c, 7, 7, 7, 8, 0, OP_JUMP_BACKWARD, 8);
    dec_free(&c);
}
END_TEST

START_TEST(test_jumps_with_extended_arg)
{
    /* A forward jump of 256 units, and a backward jump to an instruction
     * that has a prefix (targets are the prefix, not the opcode). */
    enum { N = 256 };
    uint8_t b[2 * (N + 8)];
    int u = 0;
#define PUT(op, arg) (b[2 * u] = (uint8_t)(op), b[2 * u + 1] = (uint8_t)(arg), u++)
    PUT(OP_EXTENDED_ARG, 1);            /* 0 */
    PUT(OP_JUMP_FORWARD, 0);            /* 1 -> 2 + 256 = 258 */
    for (int k = 0; k < N; k++)
        PUT(OP_NOP, 0);                 /* 2 .. 257 */
    PUT(OP_EXTENDED_ARG, 1);            /* 258 */
    PUT(OP_LOAD_CONST, 4);              /* 259: oparg 260 */
    PUT(OP_POP_TOP, 0);                 /* 260 */
    PUT(OP_JUMP_BACKWARD, 3);           /* 261 -> 262 - 3 = 259: bad */
    PUT(OP_RETURN_VALUE, 0);            /* 262 */
#undef PUT
    dec_code c;
    char err[256];
    int rc = decode(b, 2 * (size_t)u, &c, err, sizeof err);
    ck_assert_msg(rc == -1, "a jump to the opcode after EXTENDED_ARG must be "
                            "rejected (rc %d)", rc);
    ck_assert_msg(strstr(err, "bad target") != NULL, "message: %s", err);
    dec_free(&c);

    b[2 * 261 + 1] = 4; /* 262 - 4 = 258: the prefix */
    rc = decode(b, 2 * (size_t)u, &c, err, sizeof err);
    ck_assert_msg(rc == 0, "decoding failed: %s", err);
    check_instr(&c, 0, 0, 1, 2, 258, OP_JUMP_FORWARD, 256);
    int k = c.instr_at[258];
    check_instr(&c, k, 258, 259, 260, -1, OP_LOAD_CONST, 260);
    check_instr(&c, k + 2, 261, 261, 262, 258, OP_JUMP_BACKWARD, 4);
    dec_free(&c);
}
END_TEST

START_TEST(test_decode_errors)
{
    DECODE_ERR("odd length", U(NOP, 0), OP_NOP);
    DECODE_ERR("unknown opcode", U(NOP, 0), 3, 0);
    DECODE_ERR("unknown opcode", U(NOP, 0), 255, 0);
    /* A CACHE where an instruction should be. */
    DECODE_ERR("unknown opcode", U(NOP, 0), U(CACHE, 0), U(RETURN_VALUE, 0));
    /* EXTENDED_ARG folding into a CACHE. */
    DECODE_ERR("unknown opcode", U(EXTENDED_ARG, 1), U(CACHE, 0));
    DECODE_ERR("EXTENDED_ARG at the end", U(NOP, 0), U(EXTENDED_ARG, 1));
    DECODE_ERR("EXTENDED_ARG at the end", U(EXTENDED_ARG, 1),
               U(EXTENDED_ARG, 1));
    /* Caches that run past the end of the code. */
    DECODE_ERR("runs past the end", U(NOP, 0), U(LOAD_GLOBAL, 0), C1, C1);
    DECODE_ERR("runs past the end", U(BINARY_OP, 0));
}
END_TEST

START_TEST(test_bad_jump_targets)
{
    /* Into a cache unit. */
    DECODE_ERR("bad target", U(LOAD_FAST, 0), U(LOAD_FAST, 0),
               U(JUMP_FORWARD, 1), U(BINARY_OP, 0), C1, U(RETURN_VALUE, 0));
    /* Past the end, and exactly at the end. */
    DECODE_ERR("bad target", U(JUMP_FORWARD, 5), U(RETURN_VALUE, 0));
    DECODE_ERR("bad target", U(NOP, 0), U(JUMP_FORWARD, 0));
    DECODE_ERR("bad target", U(LOAD_FAST, 0), U(FOR_ITER, 1),
               U(RETURN_VALUE, 0));
    /* Before the start. */
    DECODE_ERR("bad target", U(NOP, 0), U(JUMP_BACKWARD, 4),
               U(RETURN_VALUE, 0));
    DECODE_ERR("bad target", U(LOAD_FAST, 0),
               U(POP_JUMP_BACKWARD_IF_NONE, 200));
    /* Large jumps through EXTENDED_ARG, out of range both ways. */
    DECODE_ERR("bad target", U(EXTENDED_ARG, 1), U(JUMP_FORWARD, 0),
               U(RETURN_VALUE, 0));
    DECODE_ERR("bad target", U(NOP, 0), U(EXTENDED_ARG, 1),
               U(JUMP_BACKWARD, 0));
}
END_TEST

/* A jump to unit -1 (one before the code) is out of range too: -1 must not
 * be mistaken for "no target". */
START_TEST(test_jump_target_minus_one)
{
    DECODE_ERR("bad target", U(NOP, 0), U(JUMP_BACKWARD, 3),
               U(RETURN_VALUE, 0));
    DECODE_ERR("bad target", U(LOAD_FAST, 0),
               U(POP_JUMP_BACKWARD_IF_TRUE, 3), U(RETURN_VALUE, 0));
}
END_TEST

/* The decoder agrees with dis.get_instructions on real functions. */
static const char dis_src[] =
    "def f(a, b=2, *c, **d):\n"
    "    x = [i * 2 for i in a if i]\n"
    "    for i in range(10):\n"
    "        if i > 3 and b or a:\n"
    "            continue\n"
    "        while a is not None:\n"
    "            a = a.next\n"
    "            if a is None: break\n"
    "    try:\n"
    "        y = x[1:2] + [g(k=1) for g in d.values()]\n"
    "    except (KeyError, IndexError) as e:\n"
    "        y = e\n"
    "    finally:\n"
    "        b = None\n"
    "    with open(a) as fh:\n"
    "        z = fh.read()\n"
    "    return y if b else z\n"
    "def big(n):\n"
    "    t = 0\n"
    "    while n:\n"
    "        t += (n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n)[0]\n"
    "        t += (n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n)[1]\n"
    "        t += (n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n)[2]\n"
    "        t += (n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n)[3]\n"
    "        t += (n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n)[4]\n"
    "        t += (n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n)[5]\n"
    "        t += (n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n)[6]\n"
    "        t += (n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n)[7]\n"
    "        t += (n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n)[8]\n"
    "        t += (n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n)[9]\n"
    "        t += (n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n)[10]\n"
    "        t += (n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n)[11]\n"
    "        t += (n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n)[12]\n"
    "        t += (n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n)[13]\n"
    "        n -= 1\n"
    "    return t\n";

static long attr_long(PyObject *o, const char *name)
{
    PyObject *v = t_check(PyObject_GetAttrString(o, name), name);
    long r = v == Py_None ? -1 : PyLong_AsLong(v);
    Py_DECREF(v);
    return r;
}

START_TEST(test_matches_dis)
{
    PyObject *all = t_all_code_objects(dis_src);
    int saw_backward = 0, saw_extended_jump = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(all); i++) {
        PyCodeObject *co = (PyCodeObject *)PyList_GET_ITEM(all, i);
        const char *name = PyUnicode_AsUTF8(co->co_qualname);
        dec_code c;
        t_decode_code(co, &c);
        PyObject *ins = t_call1("dis", "get_instructions", (PyObject *)co);
        PyObject *list = t_check(PySequence_List(ins), "list(instructions)");
        Py_DECREF(ins);
        int k = 0;
        for (Py_ssize_t j = 0; j < PyList_GET_SIZE(list); j++) {
            PyObject *in = PyList_GET_ITEM(list, j);
            long op = attr_long(in, "opcode");
            long off = attr_long(in, "offset");
            if (op == OP_EXTENDED_ARG)
                continue;
            ck_assert_msg(k < c.ninstrs, "%s: more instructions in dis", name);
            const dec_instr *d = &c.instrs[k++];
            ck_assert_msg(2 * d->offset == off,
                          "%s: offset %d, dis says %ld", name, 2 * d->offset,
                          off);
            ck_assert_msg(d->opcode == op, "%s@%ld: opcode %d, dis says %ld",
                          name, off, d->opcode, op);
            long arg = attr_long(in, "arg");
            if (arg >= 0)
                ck_assert_msg(d->oparg == arg, "%s@%ld: oparg %d, dis says %ld",
                              name, off, d->oparg, arg);
            if (d->target >= 0) {
                long argval = attr_long(in, "argval");
                ck_assert_msg(2 * d->target == argval,
                              "%s@%ld: jump target %d, dis says %ld", name,
                              off, 2 * d->target, argval);
                if (d->target < d->offset)
                    saw_backward = 1;
                if (d->start != d->offset)
                    saw_extended_jump = 1;
            }
        }
        ck_assert_msg(k == c.ninstrs, "%s: %d instructions, dis lists %d",
                      name, c.ninstrs, k);
        Py_DECREF(list);
        dec_free(&c);
    }
    ck_assert_msg(saw_backward, "the test source should have backward jumps");
    ck_assert_msg(saw_extended_jump,
                  "the test source should have a jump with EXTENDED_ARG");
    Py_DECREF(all);
}
END_TEST

/* ---- exception table -------------------------------------------------- */

/* Big-endian 6-bit chunks, 0x40 on all but the last, 0x80 on the first
 * byte of an entry. */
static size_t put_varint(uint8_t *p, unsigned v, bool start)
{
    uint8_t tmp[8];
    int n = 0;
    do {
        tmp[n++] = v & 63;
        v >>= 6;
    } while (v);
    size_t k = 0;
    for (int i = n - 1; i >= 0; i--)
        p[k++] = tmp[i] | (i ? 0x40 : 0);
    if (start)
        p[0] |= 0x80;
    return k;
}

static size_t put_entry(uint8_t *p, unsigned start, unsigned len,
                        unsigned target, unsigned depth, bool lasti)
{
    size_t k = put_varint(p, start, true);
    k += put_varint(p + k, len, false);
    k += put_varint(p + k, target, false);
    k += put_varint(p + k, depth << 1 | lasti, false);
    return k;
}

static void check_handler(const dec_handler *h, int start, int end,
                          int target, int depth, bool lasti)
{
    ck_assert_msg(h != NULL, "no handler");
    ck_assert_msg(h->start == start, "handler start %d, expected %d",
                  h->start, start);
    ck_assert_msg(h->end == end, "handler end %d, expected %d", h->end, end);
    ck_assert_msg(h->target == target, "handler target %d, expected %d",
                  h->target, target);
    ck_assert_msg(h->depth == depth, "handler depth %d, expected %d",
                  h->depth, depth);
    ck_assert_msg(h->lasti == lasti, "handler lasti %d, expected %d",
                  h->lasti, lasti);
}

static int parse_table(const uint8_t *t, size_t n, dec_code *c, int nunits,
                       char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    c->nunits = nunits;
    err[0] = '\0';
    return dec_exception_table(t, n, c, err, errlen);
}

START_TEST(test_exctable_literal)
{
    /* Hand-encoded bytes: [2, 5) -> 10 depth 1 lasti; a multi-byte start
     * 100 = 1:36, length 3, target 4000 = 62:32, depth 2 no lasti; and a
     * three-byte target 70000 = 17:5:48, depth 3 = 7 >> 1, lasti. */
    static const uint8_t t[] = {
        0x82, 0x03, 0x0a, 0x03,
        0xc1, 0x24, 0x03, 0x7e, 0x20, 0x04,
        0x80 | 0x3f, 0x01, 0x40 | 17, 0x40 | 5, 48, 0x07,
    };
    dec_code c;
    char err[256];
    int rc = parse_table(t, sizeof t, &c, 0, err, sizeof err);
    ck_assert_msg(rc == 0, "dec_exception_table failed: %s", err);
    ck_assert_msg(c.nhandlers == 3, "nhandlers %d, expected 3", c.nhandlers);
    check_handler(&c.handlers[0], 2, 5, 10, 1, true);
    check_handler(&c.handlers[1], 100, 103, 4000, 2, false);
    check_handler(&c.handlers[2], 63, 64, 70000, 3, true);
    dec_free(&c);
}
END_TEST

START_TEST(test_exctable_encoder_roundtrip)
{
    /* Values around every chunk boundary. */
    static const unsigned vals[] = {0, 1, 62, 63, 64, 65, 4095, 4096, 4097,
                                    262143, 262144, 1000000};
    enum { NV = sizeof vals / sizeof vals[0] };
    uint8_t t[NV * 4 * 5];
    size_t n = 0;
    for (int i = 0; i < NV; i++)
        n += put_entry(t + n, vals[i], vals[(i + 1) % NV],
                       vals[(i + 2) % NV], vals[(i + 3) % NV] % 100000,
                       i & 1);
    dec_code c;
    char err[256];
    int rc = parse_table(t, n, &c, 0, err, sizeof err);
    ck_assert_msg(rc == 0, "dec_exception_table failed: %s", err);
    ck_assert_msg(c.nhandlers == NV, "nhandlers %d, expected %d", c.nhandlers,
                  NV);
    for (int i = 0; i < NV; i++)
        check_handler(&c.handlers[i], vals[i], vals[i] + vals[(i + 1) % NV],
                      vals[(i + 2) % NV], vals[(i + 3) % NV] % 100000, i & 1);
    dec_free(&c);
}
END_TEST

START_TEST(test_exctable_depth_lasti)
{
    uint8_t t[64];
    size_t n = 0;
    n += put_entry(t + n, 0, 1, 9, 0, false);
    n += put_entry(t + n, 1, 1, 9, 0, true);
    n += put_entry(t + n, 2, 1, 9, 5, false);
    n += put_entry(t + n, 3, 1, 9, 31, true);
    n += put_entry(t + n, 4, 1, 9, 32, true); /* dl = 65: two bytes */
    dec_code c;
    char err[256];
    ck_assert_int_eq(parse_table(t, n, &c, 10, err, sizeof err), 0);
    ck_assert_int_eq(c.nhandlers, 5);
    check_handler(&c.handlers[0], 0, 1, 9, 0, false);
    check_handler(&c.handlers[1], 1, 2, 9, 0, true);
    check_handler(&c.handlers[2], 2, 3, 9, 5, false);
    check_handler(&c.handlers[3], 3, 4, 9, 31, true);
    check_handler(&c.handlers[4], 4, 5, 9, 32, true);
    dec_free(&c);
}
END_TEST

START_TEST(test_handler_for_boundaries)
{
    uint8_t t[64];
    size_t n = 0;
    n += put_entry(t + n, 2, 3, 10, 0, false);  /* [2, 5) */
    n += put_entry(t + n, 5, 3, 12, 1, true);   /* [5, 8) */
    n += put_entry(t + n, 20, 1, 14, 2, false); /* [20, 21) */
    dec_code c;
    char err[256];
    ck_assert_int_eq(parse_table(t, n, &c, 30, err, sizeof err), 0);
    static const struct { int unit, handler; } cases[] = {
        {0, -1}, {1, -1}, {2, 0}, {3, 0}, {4, 0}, {5, 1}, {7, 1}, {8, -1},
        {19, -1}, {20, 2}, {21, -1}, {29, -1}, {30, -1}, {-1, -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const dec_handler *h = dec_handler_for(&c, cases[i].unit);
        int got = h ? (int)(h - c.handlers) : -1;
        ck_assert_msg(got == cases[i].handler,
                      "dec_handler_for(unit %d) gave entry %d, expected %d",
                      cases[i].unit, got, cases[i].handler);
    }
    dec_free(&c);
}
END_TEST

static void expect_table_error(const uint8_t *t, size_t n, int nunits,
                               const char *what)
{
    dec_code c;
    char err[256];
    int rc = parse_table(t, n, &c, nunits, err, sizeof err);
    ck_assert_msg(rc == -1, "dec_exception_table should fail (%s), rc %d",
                  what, rc);
    ck_assert_msg(strstr(err, what) != NULL,
                  "message \"%s\" should mention \"%s\"", err, what);
    dec_free(&c);
}

START_TEST(test_exctable_errors)
{
    dec_code c;
    char err[256];
    /* Empty table: no handlers. */
    ck_assert_int_eq(parse_table((const uint8_t *)"", 0, &c, 4, err,
                                 sizeof err), 0);
    ck_assert_msg(c.nhandlers == 0, "empty table gave %d handlers",
                  c.nhandlers);
    dec_free(&c);

    static const uint8_t three[] = {0x82, 0x03, 0x0a};
    expect_table_error(three, sizeof three, 0, "truncated");
    static const uint8_t cont_at_end[] = {0x82, 0x03, 0x0a, 0x43};
    expect_table_error(cont_at_end, sizeof cont_at_end, 0, "truncated");
    static const uint8_t start_only[] = {0xc2};
    expect_table_error(start_only, sizeof start_only, 0, "truncated");
    static const uint8_t second_short[] = {0x82, 0x03, 0x0a, 0x03, 0x85, 0x01};
    expect_table_error(second_short, sizeof second_short, 0, "truncated");
    static const uint8_t no_mark[] = {0x02, 0x03, 0x0a, 0x03};
    expect_table_error(no_mark, sizeof no_mark, 0, "start mark");
    static const uint8_t trailing[] = {0x82, 0x03, 0x0a, 0x03, 0x01};
    expect_table_error(trailing, sizeof trailing, 0, "start mark");
    /* Entries beyond a 10-unit code. */
    static const uint8_t past_end[] = {0x88, 0x03, 0x02, 0x00};
    expect_table_error(past_end, sizeof past_end, 10, "past the code");
    static const uint8_t target_past[] = {0x80, 0x01, 0x0a, 0x00};
    expect_table_error(target_past, sizeof target_past, 10, "past the code");
    /* ... which are fine exactly at the end. */
    static const uint8_t at_end[] = {0x87, 0x03, 0x09, 0x00};
    ck_assert_int_eq(parse_table(at_end, sizeof at_end, &c, 10, err,
                                 sizeof err), 0);
    check_handler(&c.handlers[0], 7, 10, 9, 0, false);
    dec_free(&c);
}
END_TEST

static const char exc_src[] =
    "def f(x, fh):\n"
    "    try:\n"
    "        y = 1 / x\n"
    "    except ZeroDivisionError as e:\n"
    "        y = str(e)\n"
    "    except (TypeError, ValueError):\n"
    "        y = None\n"
    "        raise\n"
    "    else:\n"
    "        y += 1\n"
    "    finally:\n"
    "        x = None\n"
    "    with fh as g:\n"
    "        try:\n"
    "            g.write(y)\n"
    "        finally:\n"
    "            g.flush()\n"
    "    for i in range(3):\n"
    "        try:\n"
    "            continue\n"
    "        except Exception:\n"
    "            break\n"
    "    return [y for _ in ()]\n"
    "def none():\n"
    "    return 1\n";

static long item_long(PyObject *t, const char *name)
{
    return attr_long(t, name);
}

START_TEST(test_exctable_matches_dis)
{
    PyObject *all = t_all_code_objects(exc_src);
    int total = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(all); i++) {
        PyCodeObject *co = (PyCodeObject *)PyList_GET_ITEM(all, i);
        const char *name = PyUnicode_AsUTF8(co->co_qualname);
        dec_code c;
        t_decode_code(co, &c);
        PyObject *entries = t_call1("dis", "_parse_exception_table",
                                    (PyObject *)co);
        Py_ssize_t n = PyList_Size(entries);
        ck_assert_msg(c.nhandlers == n, "%s: %d handlers, dis has %zd", name,
                      c.nhandlers, n);
        for (Py_ssize_t k = 0; k < n; k++) {
            PyObject *e = PyList_GET_ITEM(entries, k);
            const dec_handler *h = &c.handlers[k];
            ck_assert_msg(2 * h->start == item_long(e, "start"),
                          "%s entry %zd: start %d, dis %ld", name, k,
                          2 * h->start, item_long(e, "start"));
            ck_assert_msg(2 * h->end == item_long(e, "end"),
                          "%s entry %zd: end %d, dis %ld", name, k,
                          2 * h->end, item_long(e, "end"));
            ck_assert_msg(2 * h->target == item_long(e, "target"),
                          "%s entry %zd: target %d, dis %ld", name, k,
                          2 * h->target, item_long(e, "target"));
            ck_assert_msg(h->depth == item_long(e, "depth"),
                          "%s entry %zd: depth %d, dis %ld", name, k,
                          h->depth, item_long(e, "depth"));
            ck_assert_msg(h->lasti == (item_long(e, "lasti") != 0),
                          "%s entry %zd: lasti %d, dis %ld", name, k,
                          h->lasti, item_long(e, "lasti"));
        }
        /* Lookups per unit agree with a scan of dis's entries. */
        for (int u = 0; u < c.nunits; u++) {
            Py_ssize_t want = -1;
            for (Py_ssize_t k = 0; k < n && want < 0; k++) {
                PyObject *e = PyList_GET_ITEM(entries, k);
                if (2 * u >= item_long(e, "start") &&
                    2 * u < item_long(e, "end"))
                    want = k;
            }
            const dec_handler *h = dec_handler_for(&c, u);
            Py_ssize_t got = h ? h - c.handlers : -1;
            ck_assert_msg(got == want, "%s: handler for offset %d is entry "
                          "%zd, dis says %zd", name, 2 * u, got, want);
        }
        total += (int)n;
        Py_DECREF(entries);
        dec_free(&c);
    }
    ck_assert_msg(total >= 8, "the test source gave only %d entries", total);
    Py_DECREF(all);
}
END_TEST

/* ---- line table ------------------------------------------------------- */

static int *decode_lines(PyCodeObject *co, int nunits)
{
    int *lines = malloc((nunits + 1) * sizeof *lines);
    ck_assert_msg(lines != NULL, "out of memory");
    size_t n;
    const uint8_t *p = t_bytes(co->co_linetable, &n);
    int rc = dec_line_table(p, n, co->co_firstlineno, lines, nunits);
    ck_assert_msg(rc == 0, "dec_line_table of %s failed",
                  PyUnicode_AsUTF8(co->co_qualname));
    return lines;
}

/* Compares our line of every code unit with co_lines() and
 * co_positions() of the same code object. */
static void check_lines_of(PyCodeObject *co)
{
    const char *name = PyUnicode_AsUTF8(co->co_qualname);
    PyObject *code = t_check(PyCode_GetCode(co), "co_code");
    int nunits = (int)(PyBytes_GET_SIZE(code) / 2);
    Py_DECREF(code);
    int *lines = decode_lines(co, nunits);
    int *want = malloc((nunits + 1) * sizeof *want);
    for (int u = 0; u < nunits; u++)
        want[u] = -1;

    PyObject *it = t_check(PyObject_CallMethod((PyObject *)co, "co_lines",
                                               NULL), "co_lines");
    PyObject *t;
    while ((t = PyIter_Next(it))) {
        long s = PyLong_AsLong(PyTuple_GET_ITEM(t, 0));
        long e = PyLong_AsLong(PyTuple_GET_ITEM(t, 1));
        PyObject *l = PyTuple_GET_ITEM(t, 2);
        long line = l == Py_None ? -1 : PyLong_AsLong(l);
        for (long b = s; b < e; b += 2)
            if (b / 2 < nunits)
                want[b / 2] = (int)line;
        Py_DECREF(t);
    }
    t_check(PyErr_Occurred() ? NULL : Py_None, "iterating co_lines");
    Py_DECREF(it);
    for (int u = 0; u < nunits; u++)
        ck_assert_msg(lines[u] == want[u],
                      "%s: line of offset %d is %d, co_lines says %d", name,
                      2 * u, lines[u], want[u]);

    it = t_check(PyObject_CallMethod((PyObject *)co, "co_positions", NULL),
                 "co_positions");
    int u = 0;
    while ((t = PyIter_Next(it))) {
        PyObject *l = PyTuple_GET_ITEM(t, 0);
        long line = l == Py_None ? -1 : PyLong_AsLong(l);
        ck_assert_msg(u < nunits, "%s: co_positions longer than the code",
                      name);
        ck_assert_msg(lines[u] == line,
                      "%s: line of offset %d is %d, co_positions says %ld",
                      name, 2 * u, lines[u], line);
        u++;
        Py_DECREF(t);
    }
    t_check(PyErr_Occurred() ? NULL : Py_None, "iterating co_positions");
    Py_DECREF(it);
    ck_assert_msg(u == nunits, "%s: co_positions gave %d entries for %d "
                  "units", name, u, nunits);
    free(want);
    free(lines);
}

static void check_lines_src(const char *src)
{
    PyObject *all = t_all_code_objects(src);
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(all); i++)
        check_lines_of((PyCodeObject *)PyList_GET_ITEM(all, i));
    Py_DECREF(all);
}

START_TEST(test_lines_multiline_expressions)
{
    check_lines_src("def f(a,\n"
                    "      b):\n"
                    "    x = (a +\n"
                    "         b *\n"
                    "         2)\n"
                    "    return [a,\n"
                    "            b,\n"
                    "            x.y.z(\n"
                    "                1)]\n"
                    "k = lambda x: (x *\n"
                    "               2)\n"
                    "def p(): pass\n"
                    "def q():\n"
                    "    pass\n");
}
END_TEST

START_TEST(test_lines_loops_and_handlers)
{
    check_lines_src("def g(n):\n"
                    "    t = 0\n"
                    "    for i in range(n):\n"
                    "        while t < i:\n"
                    "            t += 1\n"
                    "            if t == 7:\n"
                    "                break\n"
                    "        else:\n"
                    "            continue\n"
                    "    try:\n"
                    "        t = 1 / t\n"
                    "    except ZeroDivisionError:\n"
                    "        pass\n"
                    "    finally:\n"
                    "        n = None\n"
                    "    return [i for i in range(t)\n"
                    "            if i]\n"
                    "class K:\n"
                    "    def m(self, a=lambda: 1):\n"
                    "        return {k: v for k, v in self.items()}\n");
}
END_TEST

START_TEST(test_lines_long_form)
{
    /* Statements and expression parts more than 64 (and 200) lines apart,
     * forwards and backwards, so the long forms are used. */
    char *src = malloc(16384);
    ck_assert_msg(src != NULL, "out of memory");
    size_t n = 0;
    n += sprintf(src + n, "def big(x):\n    a = 1\n");
    for (int i = 0; i < 100; i++)
        n += sprintf(src + n, "\n");
    n += sprintf(src + n, "    b = f(a,\n");
    for (int i = 0; i < 300; i++)
        n += sprintf(src + n, "# filler\n");
    n += sprintf(src + n, "          x)\n");
    n += sprintf(src + n, "    for i in x:\n");
    for (int i = 0; i < 70; i++)
        n += sprintf(src + n, "\n");
    n += sprintf(src + n, "        b += i\n");
    n += sprintf(src + n, "    return a + b\n");
    PyCodeObject *co = t_compile_function(src, "big");
    free(src);
    check_lines_of(co);
    /* Sanity: the function really spans more than 400 lines. */
    PyObject *code = t_check(PyCode_GetCode(co), "co_code");
    int nunits = (int)(PyBytes_GET_SIZE(code) / 2);
    Py_DECREF(code);
    int *lines = decode_lines(co, nunits);
    int maxline = 0;
    for (int u = 0; u < nunits; u++)
        if (lines[u] > maxline)
            maxline = lines[u];
    ck_assert_msg(maxline > 470, "last line %d, expected past 470", maxline);
    free(lines);
    Py_DECREF(co);
}
END_TEST

START_TEST(test_lines_module_and_lambda)
{
    /* A module's RESUME is on line 0, one before co_firstlineno. */
    PyCodeObject *mod = t_compile_function("x = 1\n"
                                           "y = (lambda: x)()\n",
                                           NULL);
    check_lines_of(mod);
    Py_DECREF(mod);
    PyCodeObject *lam = t_compile_function("x = 1\n\n\n"
                                           "y = (lambda:\n   x)()\n",
                                           "<lambda>");
    check_lines_of(lam);
    Py_DECREF(lam);
}
END_TEST

START_TEST(test_lines_hand_built)
{
    /* Short form (code 0, 3 units), one-line forms (+1, +2), no-column
     * (+5, then -4), long form (-2 and +100), no-location (2 units). */
    static const uint8_t t[] = {
        0x80 | (0 << 3) | 2, 0x00,
        0x80 | (11 << 3) | 0, 0x01, 0x02,
        0x80 | (12 << 3) | 1, 0x01, 0x02,
        0x80 | (13 << 3) | 0, 10,
        0x80 | (13 << 3) | 0, 9,
        0x80 | (14 << 3) | 0, 5, 0, 1, 1,
        0x80 | (14 << 3) | 0, 0x40 | 8, 3, 0, 1, 1,
        0x80 | (15 << 3) | 1,
        0x80 | (10 << 3) | 0, 0, 1,
    };
    /* 100 << 1 = 200 = 8 + (3 << 6): little-endian chunks 0x48, 0x03 */
    static const int want[] = {10, 10, 10, 11, 13, 13, 18, 14, 12, 112,
                               -1, -1, 112, -1};
    enum { N = sizeof want / sizeof want[0] };
    int lines[N];
    int rc = dec_line_table(t, sizeof t, 10, lines, N);
    ck_assert_msg(rc == 0, "dec_line_table failed on a valid table");
    for (int u = 0; u < N; u++)
        ck_assert_msg(lines[u] == want[u], "unit %d: line %d, expected %d", u,
                      lines[u], want[u]);
    /* A table shorter than the code leaves the rest without a line; one
     * longer than the code stops at nunits. */
    rc = dec_line_table(t, sizeof t, 10, lines, 3);
    ck_assert_msg(rc == 0 && lines[2] == 10, "short code: rc %d line %d", rc,
                  lines[2]);

    /* CPython reads the same table the same way: put it in a code object
     * of 13 NOPs (the table covers units 0..12) and compare with co_lines
     * and co_positions. */
    uint8_t nops[2 * 13];
    for (int u = 0; u < 13; u++)
        nops[2 * u] = OP_NOP, nops[2 * u + 1] = 0;
    PyCodeObject *p = t_compile_function("def p(): pass\n", "p");
    PyObject *replace = t_check(PyObject_GetAttrString((PyObject *)p,
                                                       "replace"), "replace");
    PyObject *args = PyTuple_New(0);
    PyObject *kw = t_check(Py_BuildValue("{s:y#,s:y#,s:i,s:y}", "co_code",
                                         nops, (Py_ssize_t)sizeof nops,
                                         "co_linetable", t,
                                         (Py_ssize_t)sizeof t,
                                         "co_firstlineno", 10,
                                         "co_exceptiontable", ""),
                           "kwargs");
    PyObject *co = t_check(PyObject_Call(replace, args, kw), "code.replace");
    check_lines_of((PyCodeObject *)co);
    Py_DECREF(co);
    Py_DECREF(kw);
    Py_DECREF(args);
    Py_DECREF(replace);
    Py_DECREF(p);
}
END_TEST

START_TEST(test_lines_malformed)
{
    int lines[8];
    static const uint8_t no_mark[] = {0x02, 0x00};
    ck_assert_msg(dec_line_table(no_mark, sizeof no_mark, 1, lines, 8) == -1,
                  "an entry without bit 7 should be malformed");
    static const uint8_t long_cut[] = {0x80 | (14 << 3), 2, 0};
    ck_assert_msg(dec_line_table(long_cut, sizeof long_cut, 1, lines, 8) ==
                      -1, "a truncated long entry should be malformed");
    static const uint8_t one_line_cut[] = {0x80 | (10 << 3), 1};
    ck_assert_msg(dec_line_table(one_line_cut, sizeof one_line_cut, 1, lines,
                                 8) == -1,
                  "a truncated one-line entry should be malformed");
    static const uint8_t short_cut[] = {0x80 | (3 << 3)};
    ck_assert_msg(dec_line_table(short_cut, sizeof short_cut, 1, lines, 8) ==
                      -1, "a truncated short entry should be malformed");
    static const uint8_t varint_cut[] = {0x80 | (13 << 3), 0x40};
    ck_assert_msg(dec_line_table(varint_cut, sizeof varint_cut, 1, lines,
                                 8) == -1,
                  "a truncated varint should be malformed");
    /* A malformed second entry, after a good one. */
    static const uint8_t second[] = {0x80 | (13 << 3), 2, 0x10};
    ck_assert_msg(dec_line_table(second, sizeof second, 1, lines, 8) == -1,
                  "a second entry without bit 7 should be malformed");
}
END_TEST

Suite *decode_suite(void)
{
    Suite *s = suite_create("decode");
    TCase *tc = tcase_create("instructions");
    tcase_add_test(tc, test_empty_code);
    tcase_add_test(tc, test_extended_arg_one);
    tcase_add_test(tc, test_extended_arg_two);
    tcase_add_test(tc, test_extended_arg_three_with_caches);
    tcase_add_test(tc, test_cache_skipping);
    tcase_add_test(tc, test_every_opcode_alone);
    tcase_add_test(tc, test_forward_jumps);
    tcase_add_test(tc, test_backward_jumps);
    tcase_add_test(tc, test_jumps_with_extended_arg);
    tcase_add_test(tc, test_decode_errors);
    tcase_add_test(tc, test_bad_jump_targets);
    tcase_add_test(tc, test_jump_target_minus_one);
    tcase_add_test(tc, test_matches_dis);
    suite_add_tcase(s, tc);

    tc = tcase_create("exception table");
    tcase_add_test(tc, test_exctable_literal);
    tcase_add_test(tc, test_exctable_encoder_roundtrip);
    tcase_add_test(tc, test_exctable_depth_lasti);
    tcase_add_test(tc, test_handler_for_boundaries);
    tcase_add_test(tc, test_exctable_errors);
    tcase_add_test(tc, test_exctable_matches_dis);
    suite_add_tcase(s, tc);

    tc = tcase_create("line table");
    tcase_add_test(tc, test_lines_multiline_expressions);
    tcase_add_test(tc, test_lines_loops_and_handlers);
    tcase_add_test(tc, test_lines_long_form);
    tcase_add_test(tc, test_lines_module_and_lambda);
    tcase_add_test(tc, test_lines_hand_built);
    tcase_add_test(tc, test_lines_malformed);
    suite_add_tcase(s, tc);
    return s;
}
