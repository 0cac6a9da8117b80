/* Unit tests of the opcode table (opcodes.def) against the target Python's
 * own `opcode` and `dis` modules, through the embedded interpreter. */
#include "suites.h"

#include <limits.h>
#include <stdio.h>

#include "pyaot/opcodes.h"

static PyObject *module_attr(const char *module, const char *attr)
{
    PyObject *mod = t_check(PyImport_ImportModule(module), module);
    PyObject *o = t_check(PyObject_GetAttrString(mod, attr), attr);
    Py_DECREF(mod);
    return o;
}

/* opcode.<attr> as a membership table of 256 entries. */
static void opcode_set(const char *attr, bool in[OPCODE_MAX])
{
    PyObject *list = module_attr("opcode", attr);
    PyObject *seq = t_check(PySequence_Fast(list, attr), attr);
    for (int op = 0; op < OPCODE_MAX; op++)
        in[op] = false;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
        long op = PyLong_AsLong(PySequence_Fast_GET_ITEM(seq, i));
        ck_assert_msg(op >= 0 && op < OPCODE_MAX, "opcode.%s has %ld", attr,
                      op);
        in[op] = true;
    }
    Py_DECREF(seq);
    Py_DECREF(list);
}

static long module_long(const char *module, const char *attr)
{
    PyObject *o = module_attr(module, attr);
    long v = PyLong_AsLong(o);
    Py_DECREF(o);
    return v;
}

START_TEST(test_enum_matches_table)
{
    /* The enum and the table expand the same rows; each row says how it
     * is lowered, and its inputs and outputs make its stack effect. */
#define NOT_YET(why) why
#define LOWER(fn) NULL
    static const struct {
        const char *name, *not_lowered;
        int code, caches, jump;
    } rows[] = {
#define OP(name, code, caches, jump, flags, in, out, jout, lower) \
    {#name, lower, OP_##name, caches, jump},
#include PYAOT_OPCODES_DEF
#undef OP
    };
#undef LOWER
#undef NOT_YET
    int known = 0;
    for (int op = 0; op < OPCODE_MAX; op++)
        known += op_known(op);
    ck_assert_msg(known == (int)(sizeof rows / sizeof rows[0]),
                  "op_table has %d opcodes, opcodes.def %zu rows", known,
                  sizeof rows / sizeof rows[0]);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        int code = rows[i].code;
        ck_assert_msg(op_known(code), "%s (%d) not in op_table", rows[i].name,
                      code);
        ck_assert_str_eq(op_table[code].name, rows[i].name);
        ck_assert_msg(op_table[code].caches == rows[i].caches &&
                          op_table[code].jump == rows[i].jump &&
                          op_table[code].not_lowered == rows[i].not_lowered,
                      "%s: table row differs from opcodes.def", rows[i].name);
        for (int a = 0; a < 4; a++) {
            ck_assert_msg(op_inputs(code, a) >= 0 &&
                              op_outputs(code, a, false) >= 0 &&
                              op_outputs(code, a, true) >= 0,
                          "%s %d: negative inputs or outputs", rows[i].name, a);
            ck_assert_int_eq(op_stack_effect(code, a, false),
                             op_outputs(code, a, false) - op_inputs(code, a));
        }
    }
}
END_TEST

START_TEST(test_unknown_opcodes)
{
    ck_assert_msg(!op_known(-1) && !op_known(OPCODE_MAX) && !op_known(1000),
                  "out-of-range opcodes must be unknown");
    bool in_opmap[OPCODE_MAX] = {false};
    PyObject *opmap = module_attr("opcode", "opmap");
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    while (PyDict_Next(opmap, &pos, &k, &v))
        in_opmap[PyLong_AsLong(v)] = true;
    Py_DECREF(opmap);
    for (int op = 0; op < OPCODE_MAX; op++) {
        if (in_opmap[op])
            continue;
        ck_assert_msg(!op_known(op), "opcode %d (%s) is not in opcode.opmap",
                      op, op_table[op].name);
        ck_assert_msg(op_stack_effect(op, 0, false) == INT_MIN,
                      "unknown opcode %d has a stack effect", op);
        ck_assert_msg(!op_has(op, F_ARG | F_RAISE | F_TERM),
                      "unknown opcode %d has flags", op);
    }
}
END_TEST

START_TEST(test_opmap_names)
{
    PyObject *opmap = module_attr("opcode", "opmap");
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    int known = 0;
    while (PyDict_Next(opmap, &pos, &k, &v)) {
        const char *name = PyUnicode_AsUTF8(k);
        long op = PyLong_AsLong(v);
        ck_assert_msg(op >= 0 && op < OPCODE_MAX, "opmap[%s] = %ld", name, op);
        ck_assert_msg(op_known((int)op), "opcode.opmap[%s] = %ld is missing "
                      "from op_table", name, op);
        ck_assert_msg(strcmp(op_table[op].name, name) == 0, "op_table[%ld] is "
                      "%s, opcode.opmap says %s", op, op_table[op].name, name);
    }
    for (int op = 0; op < OPCODE_MAX; op++)
        known += op_known(op);
    ck_assert_msg(known == PyDict_Size(opmap), "op_table has %d opcodes, "
                  "opcode.opmap %zd", known, PyDict_Size(opmap));
    Py_DECREF(opmap);
}
END_TEST

START_TEST(test_cache_entries)
{
    PyObject *caches = module_attr("opcode", "_inline_cache_entries");
    ck_assert_msg(PySequence_Size(caches) == OPCODE_MAX,
                  "opcode._inline_cache_entries has %zd entries",
                  PySequence_Size(caches));
    for (int op = 0; op < OPCODE_MAX; op++) {
        PyObject *item = t_check(PySequence_GetItem(caches, op), "cache item");
        long n = PyLong_AsLong(item);
        Py_DECREF(item);
        if (!op_known(op)) {
            ck_assert_msg(n == 0, "unknown opcode %d has %ld caches", op, n);
            continue;
        }
        ck_assert_msg(op_table[op].caches == n, "%s: %d caches in op_table, "
                      "opcode._inline_cache_entries says %ld",
                      op_table[op].name, op_table[op].caches, n);
    }
    Py_DECREF(caches);
}
END_TEST

START_TEST(test_jump_kinds)
{
    bool jrel[OPCODE_MAX], jabs[OPCODE_MAX];
    opcode_set("hasjrel", jrel);
    opcode_set("hasjabs", jabs);
    PyObject *is_back = module_attr("dis", "_is_backward_jump");
    for (int op = 0; op < OPCODE_MAX; op++) {
        ck_assert_msg(!jabs[op], "opcode.hasjabs has %d: 3.11 has no absolute"
                      " jumps", op);
        if (!op_known(op))
            continue;
        const char *name = op_table[op].name;
        ck_assert_msg(jrel[op] == (op_table[op].jump != JK_NONE),
                      "%s: jump kind %d, opcode.hasjrel says %d", name,
                      op_table[op].jump, jrel[op]);
        if (!jrel[op])
            continue;
        PyObject *arg = PyLong_FromLong(op);
        PyObject *r = t_check(PyObject_CallOneArg(is_back, arg),
                              "dis._is_backward_jump");
        Py_DECREF(arg);
        bool back = PyObject_IsTrue(r);
        Py_DECREF(r);
        ck_assert_msg(back == (op_table[op].jump == JK_BACK),
                      "%s: jump kind %d, dis._is_backward_jump says %d", name,
                      op_table[op].jump, back);
    }
    Py_DECREF(is_back);
}
END_TEST

START_TEST(test_argument_flags)
{
    long have_argument = module_long("opcode", "HAVE_ARGUMENT");
    bool cnst[OPCODE_MAX], local[OPCODE_MAX], freev[OPCODE_MAX];
    opcode_set("hasconst", cnst);
    opcode_set("haslocal", local);
    opcode_set("hasfree", freev);
    for (int op = 0; op < OPCODE_MAX; op++) {
        if (!op_known(op))
            continue;
        const char *name = op_table[op].name;
        unsigned f = op_table[op].flags;
        ck_assert_msg(((f & F_ARG) != 0) == (op >= have_argument),
                      "%s: F_ARG is %d, opcode.HAVE_ARGUMENT is %ld", name,
                      (f & F_ARG) != 0, have_argument);
        ck_assert_msg(((f & F_CONST) != 0) == cnst[op],
                      "%s: F_CONST is %d, opcode.hasconst says %d", name,
                      (f & F_CONST) != 0, cnst[op]);
        ck_assert_msg(((f & F_LOCAL) != 0) == (local[op] || freev[op]),
                      "%s: F_LOCAL is %d, opcode.haslocal/hasfree say %d",
                      name, (f & F_LOCAL) != 0, local[op] || freev[op]);
    }
}
END_TEST

START_TEST(test_name_flag)
{
    /* opcodes.h: "F_NAME: oparg indexes co_names (LOAD_GLOBAL: >> 1)". */
    bool name_ops[OPCODE_MAX];
    opcode_set("hasname", name_ops);
    char bad[512] = "";
    size_t n = 0;
    for (int op = 0; op < OPCODE_MAX; op++) {
        if (!op_known(op))
            continue;
        bool f = (op_table[op].flags & F_NAME) != 0;
        if (f != name_ops[op])
            n += snprintf(bad + n, sizeof bad - n, " %s(F_NAME %d, hasname %d)",
                          op_table[op].name, f, name_ops[op]);
    }
    ck_assert_msg(n == 0, "F_NAME differs from opcode.hasname:%s", bad);
}
END_TEST

START_TEST(test_control_flags)
{
    /* Exactly the unconditional jumps and the scope exits never fall
     * through (compile.c: IS_UNCONDITIONAL_JUMP_OPCODE and
     * IS_SCOPE_EXIT_OPCODE). */
    bool term[OPCODE_MAX] = {false};
    term[OP_JUMP_FORWARD] = term[OP_JUMP_BACKWARD] = true;
    term[OP_JUMP_BACKWARD_NO_INTERRUPT] = true;
    term[OP_RETURN_VALUE] = term[OP_RAISE_VARARGS] = term[OP_RERAISE] = true;
    for (int op = 0; op < OPCODE_MAX; op++) {
        if (!op_known(op))
            continue;
        const char *name = op_table[op].name;
        unsigned f = op_table[op].flags;
        bool jump = op_table[op].jump != JK_NONE;
        ck_assert_msg(((f & F_TERM) != 0) == term[op], "%s: F_TERM is %d",
                      name, (f & F_TERM) != 0);
        ck_assert_msg(!((f & F_TERM) && (f & F_COND)),
                      "%s: both F_TERM and F_COND", name);
        if (f & F_COND)
            ck_assert_msg(jump, "%s: F_COND but no jump", name);
        if (jump)
            ck_assert_msg((f & (F_TERM | F_COND)) != 0,
                          "%s: a jump that is neither F_TERM nor F_COND",
                          name);
        /* Unconditional jumps move nothing. */
        if (jump && (f & F_TERM))
            ck_assert_msg(op_stack_effect(op, 1, false) == 0 &&
                              op_stack_effect(op, 1, true) == 0,
                          "%s: an unconditional jump with a stack effect",
                          name);
    }
}
END_TEST

/* The opcodes whose 3.11 implementation polls the eval breaker
 * (CHECK_EVAL_BREAKER or `goto handle_eval_breaker` in ceval.c, for the
 * unspecialised forms). */
static bool breaker_op(int op)
{
    switch (op) {
    case OP_RESUME: case OP_JUMP_BACKWARD: case OP_CALL:
    case OP_CALL_FUNCTION_EX:
    case OP_POP_JUMP_BACKWARD_IF_FALSE: case OP_POP_JUMP_BACKWARD_IF_TRUE:
    case OP_POP_JUMP_BACKWARD_IF_NONE: case OP_POP_JUMP_BACKWARD_IF_NOT_NONE:
        return true;
    }
    return false;
}

START_TEST(test_breaker_set)
{
    for (int op = 0; op < OPCODE_MAX; op++)
        if (op_known(op))
            ck_assert_msg(op_has(op, F_BREAKER) == breaker_op(op),
                          "%s: F_BREAKER is %d, ceval.c polls: %d",
                          op_table[op].name, op_has(op, F_BREAKER),
                          breaker_op(op));
}
END_TEST

START_TEST(test_breaker_may_raise)
{
    /* handle_eval_breaker can `goto error` (a signal handler raising,
     * an asynchronous exception), so polling the breaker may raise. */
    char bad[512] = "";
    size_t n = 0;
    for (int op = 0; op < OPCODE_MAX; op++)
        if (op_has(op, F_BREAKER) && !op_has(op, F_RAISE))
            n += snprintf(bad + n, sizeof bad - n, " %s", op_table[op].name);
    ck_assert_msg(n == 0, "F_BREAKER without F_RAISE:%s", bad);
}
END_TEST

/* dis.stack_effect(op, oparg, jump=jump); sets *ok = false on ValueError. */
static int dis_effect(PyObject *fn, int op, int oparg, bool with_arg,
                      bool jump, bool *ok)
{
    PyObject *args = with_arg ? Py_BuildValue("(ii)", op, oparg)
                              : Py_BuildValue("(i)", op);
    PyObject *kw = Py_BuildValue("{s:O}", "jump", jump ? Py_True : Py_False);
    PyObject *r = PyObject_Call(fn, args, kw);
    Py_DECREF(args);
    Py_DECREF(kw);
    if (!r && PyErr_ExceptionMatches(PyExc_ValueError)) {
        PyErr_Clear();
        *ok = false;
        return 0;
    }
    t_check(r, "dis.stack_effect");
    int v = (int)PyLong_AsLong(r);
    Py_DECREF(r);
    *ok = true;
    return v;
}

START_TEST(test_stack_effects)
{
    static const int common[] = {0, 1, 2, 3, 4, 5, 7, 8, 255};
    static const int unpack_ex[] = {0x0000, 0x0001, 0x0100, 0x0102, 0x0201,
                                    0x0300, 0x0503, 0xff01};
    long have_argument = module_long("opcode", "HAVE_ARGUMENT");
    PyObject *fn = module_attr("dis", "stack_effect");
    int compared = 0, skipped = 0;
    for (int op = 0; op < OPCODE_MAX; op++) {
        if (!op_known(op))
            continue;
        const char *name = op_table[op].name;
        int args[16], nargs = 0;
        if (op == OP_MAKE_FUNCTION) {
            for (int a = 0; a < 16; a++)
                args[nargs++] = a;
        } else if (op == OP_FORMAT_VALUE) {
            for (int a = 0; a < 8; a++)
                args[nargs++] = a;
        } else if (op == OP_UNPACK_EX) {
            for (size_t i = 0; i < sizeof unpack_ex / sizeof *unpack_ex; i++)
                args[nargs++] = unpack_ex[i];
        } else {
            for (size_t i = 0; i < sizeof common / sizeof *common; i++)
                args[nargs++] = common[i];
        }
        bool with_arg = op >= have_argument;
        bool is_jump = op_table[op].jump != JK_NONE;
        for (int i = 0; i < nargs; i++) {
            int a = args[i];
            for (int j = 0; j < (is_jump ? 2 : 1); j++) {
                bool ok;
                int want = dis_effect(fn, op, a, with_arg, j, &ok);
                if (!ok) {
                    skipped++;
                    continue;
                }
                int got = op_stack_effect(op, a, j);
                if (op == OP_PRECALL || op == OP_CALL) {
                    /* The runtime's split: PRECALL 0, CALL -(oparg + 1);
                     * dis: PRECALL -oparg, CALL -1. The sums agree. */
                    int want_sum =
                        dis_effect(fn, OP_PRECALL, a, true, false, &ok);
                    ck_assert_msg(ok, "dis.stack_effect(PRECALL, %d)", a);
                    want_sum += dis_effect(fn, OP_CALL, a, true, false, &ok);
                    ck_assert_msg(ok, "dis.stack_effect(CALL, %d)", a);
                    int got_sum = op_stack_effect(OP_PRECALL, a, false) +
                                  op_stack_effect(OP_CALL, a, false);
                    ck_assert_msg(got_sum == want_sum, "PRECALL+CALL %d: "
                                  "effect %d, dis says %d", a, got_sum,
                                  want_sum);
                    ck_assert_msg(op_stack_effect(OP_PRECALL, a, false) == 0,
                                  "PRECALL %d moves the stack", a);
                    compared++;
                    continue;
                }
                /* RETURN_GENERATOR leaves the first send()'s value,
                 * which the compiler counts as there from the start. */
                if (op == OP_RETURN_GENERATOR)
                    want += 1;
                ck_assert_msg(got == want, "%s oparg %d jump=%d: effect %d, "
                              "dis.stack_effect says %d", name, a, j, got,
                              want);
                compared++;
            }
        }
    }
    Py_DECREF(fn);
    ck_assert_msg(compared > 500, "only %d effects compared", compared);
    ck_assert_msg(skipped == 0, "dis.stack_effect refused %d cases", skipped);
}
END_TEST

Suite *opcodes_suite(void)
{
    Suite *s = suite_create("opcodes");
    TCase *tc = tcase_create("table");
    tcase_add_test(tc, test_enum_matches_table);
    tcase_add_test(tc, test_unknown_opcodes);
    tcase_add_test(tc, test_opmap_names);
    tcase_add_test(tc, test_cache_entries);
    tcase_add_test(tc, test_jump_kinds);
    tcase_add_test(tc, test_argument_flags);
    tcase_add_test(tc, test_name_flag);
    tcase_add_test(tc, test_control_flags);
    tcase_add_test(tc, test_breaker_set);
    tcase_add_test(tc, test_breaker_may_raise);
    tcase_add_test(tc, test_stack_effects);
    suite_add_tcase(s, tc);
    return s;
}
