/* Unit tests of lowering through the text backend: small functions are
 * prepared, emitted as a listing, and checked on stable substrings. */
#include "suites.h"

#include <stdio.h>
#include <stdlib.h>

#include "pyaot/emit.h"
#include "pyaot/lower.h"
#include "pyaot/opcodes.h"

/* Lists code object `co`. Returns the listing (free it), or NULL when
 * lw_prepare falls back, with the reason in why. */
static char *listing_of(PyCodeObject *co, char *why, size_t whylen)
{
    lw_code lw;
    int rc = lw_prepare(&lw, co);
    ck_assert_msg(rc >= 0, "lw_prepare raised");
    snprintf(why, whylen, "%s", lw.why);
    char *buf = NULL;
    if (rc > 0) {
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        ck_assert_msg(f != NULL, "open_memstream failed");
        emitter *em = text_emitter_new(f);
        ck_assert_msg(em != NULL, "text_emitter_new failed");
        int erc = lw_emit(&lw, em, "sym");
        text_emitter_free(em);
        fclose(f);
        ck_assert_msg(erc == 0, "lw_emit failed");
    }
    lw_release(&lw);
    return buf;
}

/* The same for function `name` of `src`. */
static char *listing(const char *src, const char *name, char *why,
                     size_t whylen)
{
    PyCodeObject *co = t_compile_function(src, name);
    char *buf = listing_of(co, why, whylen);
    Py_DECREF(co);
    return buf;
}

static char *listing_ok(const char *src, const char *name)
{
    char why[256];
    char *l = listing(src, name, why, sizeof why);
    ck_assert_msg(l != NULL, "%s falls back: %s", name, why);
    return l;
}

/* Check's messages are short (a longer one stops the run): the first
 * lines of the listing. */
#define HAS(l, s) \
    ck_assert_msg(strstr((l), (s)) != NULL, "listing lacks \"%s\":\n%.3000s", (s), (l))
#define LACKS(l, s) \
    ck_assert_msg(strstr((l), (s)) == NULL, "listing has \"%s\":\n%.3000s", (s), (l))

static int count(const char *l, const char *s)
{
    int n = 0;
    for (const char *p = l; (p = strstr(p, s)); p += strlen(s))
        n++;
    return n;
}

START_TEST(test_add)
{
    char *l = listing_ok("def f(a, b):\n"
                         "    return a + b\n", "f");
    HAS(l, "function sym  (f, line 1,");
    HAS(l, "B0:  ; offset 0");
    HAS(l, "LOAD_FAST");
    /* the locals read where they are, without a float expression */
    HAS(l, "s0 = rt_binary_op(local[0], local[1], 0)");
    LACKS(l, "floats");
    HAS(l, "return s0");
    HAS(l, "(line 2)");
    /* No handler: errors leave the frame. */
    HAS(l, "!-> leave");
    LACKS(l, "!-> B");
    /* One listing line per instruction: RESUME, 2 LOAD_FAST, BINARY_OP,
     * RETURN_VALUE. */
    ck_assert_msg(count(l, "\n  ; ") == 5, "%d instruction lines:\n%s",
                  count(l, "\n  ; "), l);
    free(l);
}
END_TEST

START_TEST(test_try_except)
{
    char *l = listing_ok("def g(x):\n"
                         "    try:\n"
                         "        return 1 / x\n"
                         "    except ZeroDivisionError:\n"
                         "        return 0\n", "g");
    HAS(l, "rt_binary_op(s0!, local[0], 11)  !-> B");
    HAS(l, "PUSH_EXC_INFO");
    HAS(l, "rt_push_exc_info(");
    HAS(l, "CHECK_EXC_MATCH");
    HAS(l, ", lasti");
    HAS(l, "RERAISE");
    free(l);
}
END_TEST

START_TEST(test_generator_resumes)
{
    char *l = listing_ok("def gen(n):\n"
                         "    x = yield n\n"
                         "    return x\n", "gen");
    /* A fresh call starts at B0, which makes the generator; resuming
     * goes by prev_instr to the instruction after RETURN_GENERATOR or
     * after the yield, with the value sent in reloaded as s0. */
    HAS(l, "resume: offset -2 -> B0\n");
    ck_assert_int_eq(count(l, "  resume: offset "), 3);
    HAS(l, "resume: offset 0 -> B1 (s0..s0 from the frame), thrown  !-> "
           "leave (drop s0..s0, traceback)");
    HAS(l, "s0 = rt_make_generator(tstate, frame)");
    HAS(l, "return s0");
    HAS(l, "suspend, yield s0");
    free(l);

    l = listing_ok("def deleg(it):\n"
                   "    try:\n"
                   "        yield from it\n"
                   "    except ValueError:\n"
                   "        pass\n", "deleg");
    HAS(l, "rt_get_yield_from_iter(frame, s0!)");
    HAS(l, "s1 = send(s0, ^s1) -> B");
    /* yielding inside the delegation keeps the subiterator in the frame */
    HAS(l, "suspend (s0..s0 into the frame), yield s1");
    /* and a throw that ends the subiterator resumes at SEND's target,
     * where the exception table's handler covers it */
    ck_assert_int_eq(count(l, "  resume: offset "), 4);
    HAS(l, "(s0..s0 from the frame), thrown  !-> B");
    free(l);

    l = listing_ok("async def co(x):\n"
                   "    async with x as y:\n"
                   "        return await y\n", "co");
    HAS(l, "rt_before_async_with(");
    HAS(l, "rt_get_awaitable(");
    HAS(l, "send(");
    free(l);
}
END_TEST

START_TEST(test_generator_flags_checked)
{
    /* A generator's code whose flags say otherwise must not suspend:
     * native code would write into a generator object that is not
     * there. */
    PyCodeObject *co = t_compile_function("def gen(n):\n"
                                          "    yield n\n", "gen");
    PyObject *replace = t_check(PyObject_GetAttrString((PyObject *)co,
                                                       "replace"),
                                "replace");
    PyObject *kw = Py_BuildValue("{s:i}", "co_flags",
                                 co->co_flags & ~CO_GENERATOR);
    PyObject *empty = PyTuple_New(0);
    PyCodeObject *plain = (PyCodeObject *)t_check(
        PyObject_Call(replace, empty, kw), "co.replace");
    char why[256];
    char *l = listing_of(plain, why, sizeof why);
    ck_assert_msg(l == NULL, "lowered:\n%s", l);
    ck_assert_msg(strstr(why, "RETURN_GENERATOR before anything else"),
                  "fallback reason \"%s\"", why);
    Py_DECREF(plain);
    Py_DECREF(empty);
    Py_DECREF(kw);
    Py_DECREF(replace);
    Py_DECREF(co);
}
END_TEST

START_TEST(test_for_loop)
{
    char *l = listing_ok("def h(xs):\n"
                         "    t = 0\n"
                         "    for x in xs:\n"
                         "        t += x\n"
                         "    return t\n", "h");
    HAS(l, "rt_get_iter(");
    HAS(l, "FOR_ITER");
    HAS(l, "s1 = next(s0) -> B");
    HAS(l, ", exhausted -> B");
    /* `t += x` then STORE_FAST t: one operation on the local. */
    HAS(l, "rt_binary_op_to_local(frame, 1, local[1], local[2], 13)");
    HAS(l, "JUMP_BACKWARD");
    HAS(l, "poll eval breaker");
    HAS(l, "goto B");
    HAS(l, "local[1] = s");
    free(l);
}
END_TEST

START_TEST(test_calls)
{
    char *l = listing_ok("def k(x):\n"
                         "    return len(x) + max(x, key=abs)\n", "k");
    HAS(l, "s0 = NULL");
    HAS(l, "s1 = rt_load_global(tstate, frame, 0)");
    /* len, loaded by name, is the one the backend may call inline */
    HAS(l, "s0 = rt_call_known(tstate, ^[s0..s2], 1, 1)");
    HAS(l, "rt_call(tstate, ^[s1..s");
    HAS(l, "], 2, const[");
    HAS(l, "PRECALL");
    free(l);
    l = listing_ok("def m(o, a):\n"
                   "    return o.meth(a, *a, **o)\n", "m");
    HAS(l, "rt_call_function_ex(");
    free(l);
    l = listing_ok("def n(o):\n"
                   "    return o.meth(1)\n", "n");
    HAS(l, "rt_load_method(frame, 0, s0!, out[s0..s1])");
    HAS(l, "s0 = rt_call(tstate, ^[s0..s2], 1, NULL)");
    free(l);
    l = listing_ok("def p(o, a):\n"
                   "    o.append(a)\n"
                   "    o.append(a, a)\n", "p");
    HAS(l, "s0 = rt_call_known(tstate, ^[s0..s2], 1, 3)");
    HAS(l, "s0 = rt_call(tstate, ^[s0..s3], 2, NULL)");
    free(l);
}
END_TEST

START_TEST(test_conditional)
{
    char *l = listing_ok("def c(a, b):\n"
                         "    if a:\n"
                         "        return b\n"
                         "    return a is None\n", "c");
    HAS(l, "if not s0 -> B");
    HAS(l, " else B");
    HAS(l, "s0 = rt_is_op(local[0], const[0], 0)");
    HAS(l, "B1:  ; offset");
    free(l);
    l = listing_ok("def d(a, b):\n"
                   "    return a.x < b.y\n", "d");
    HAS(l, "s0 = rt_compare_op(s0!, s1!, 0)");
    free(l);
}
END_TEST

START_TEST(test_with_and_cells)
{
    char *l = listing_ok("def w(m):\n"
                         "    with m as v:\n"
                         "        return v\n", "w");
    HAS(l, "rt_before_with(");
    HAS(l, "rt_with_except_start(");
    free(l);
    l = listing_ok("def outer(a):\n"
                   "    def inner():\n"
                   "        return a\n"
                   "    return inner\n", "outer");
    HAS(l, "rt_make_cell(");
    HAS(l, "rt_make_function(");
    free(l);
    l = listing_ok("def outer(a):\n"
                   "    def inner():\n"
                   "        return a\n"
                   "    return inner\n", "inner");
    HAS(l, "rt_copy_free_vars(");
    HAS(l, "rt_load_deref(");
    free(l);
}
END_TEST

/* 3.11 polls the eval breaker on a backward conditional jump only when
 * the jump is taken, after the tested value is dropped. */
START_TEST(test_backward_branch_polls_when_taken)
{
    char *l = listing_ok("def b(n):\n"
                         "    while n:\n"
                         "        n -= 1\n"
                         "    return n\n", "b");
    HAS(l, "POP_JUMP_BACKWARD_IF_TRUE");
    /* the poll on the taken edge, and, with tracing on by then, the
     * interpreter going on at the jump target */
    HAS(l, "if s0 -> B1 (poll eval breaker  !-> leave (drop s0..s-1, "
           "traceback), traced -> offset 6) else B");
    /* RESUME's is the only other poll. */
    ck_assert_msg(count(l, "poll eval breaker") == 2,
                  "polls outside RESUME and the taken edge:\n%s", l);
    free(l);
    l = listing_ok("def c(n):\n"
                   "    while n < 10:\n"
                   "        n += 1\n"
                   "    return n\n", "c");
    HAS(l, "if (local[0] < const[1]=10) -> B1 (poll eval breaker  !-> "
           "leave (drop s0..s-1,");
    free(l);
}
END_TEST

/* The operands of an operator (a subscript store, `in`, `is`) that are a
 * constant or a local bound for certain, loaded right before it, and the
 * local whose attribute is read or set, are not loaded: the operation
 * takes them where they are (a small int's value folded in), and its
 * errors drop only what is on the stack. A local alone on the left is
 * loaded (the owned values stay a run from the stack's bottom). */
START_TEST(test_unloaded_operands)
{
    char *l = listing_ok("def k(n, b):\n"
                         "    a = n - 1\n"
                         "    if n == 2:\n"
                         "        return a < b\n"
                         "    return n + 3000000000 > a + f(b)\n", "k");
    HAS(l, "rt_binary_op_to_local(frame, 2, local[0], const[1]=1, 10)  !-> "
           "leave (drop s0..s-1, traceback)");
    HAS(l, "if not (local[0] == const[2]=2) -> B2 else B1  !-> leave (drop "
           "s0..s-1, traceback)");
    HAS(l, "s0 = rt_compare_op(local[2], local[1], 0)  !-> leave (drop "
           "s0..s-1, traceback)");
    HAS(l, "s0 = rt_binary_op(local[0], const[3], 0)  !-> leave (drop "
           "s0..s-1,");
    HAS(l, "s1 = local[2]");
    HAS(l, "s1 = rt_binary_op(s1!, s2!, 0)");
    free(l);
    l = listing_ok("def g(p, k):\n"
                   "    p.y = p.x + k[0]\n", "g");
    HAS(l, "s0 = rt_load_attr(frame, 0, local[0])  !-> leave (drop s0..s-1,");
    HAS(l, "s1 = rt_binary_subscr(local[1], const[1]=0)  !-> leave (drop "
           "s0..s0,");
    HAS(l, "rt_store_attr(frame, 1, local[0], s0!)  !-> leave (drop s0..s0,");
    free(l);
    l = listing_ok("def h(d, k, v):\n"
                   "    d[k] = v\n"
                   "    return k in d\n", "h");
    HAS(l, "rt_store_subscr(local[0], local[1], s0!)  !-> leave (drop "
           "s0..s0,");
    HAS(l, "s0 = rt_contains_op(local[1], local[0], 0)  !-> leave (drop "
           "s0..s-1,");
    free(l);
}
END_TEST

/* rt_reraise decides whether the frame gets a traceback entry: the
 * exit it may take must be one that adds it. */
START_TEST(test_reraise_exit_adds_traceback)
{
    char *l = listing_ok("def r(x):\n"
                         "    try:\n"
                         "        return 1 / x\n"
                         "    finally:\n"
                         "        x = 0\n", "r");
    const char *at = strstr(l, "rt_reraise(");
    ck_assert_msg(at != NULL, "no rt_reraise:\n%s", l);
    const char *eol = strchr(at, '\n');
    const char *tb = strstr(at, "traceback)");
    ck_assert_msg(tb != NULL && tb < eol, "RERAISE's exit adds no "
                  "traceback entry:\n%.*s", (int)(eol - at), at);
    free(l);
}
END_TEST

/* An opcode without a lowering makes its code object fall back, with
 * the table's reason and the opcode's name; it never fails the module. */
/* Float expressions: the longest run that leaves one computed value,
 * with the STORE_FAST that takes it; operands from under the run;
 * nothing for one operation without a float constant (BINARY_OP's own
 * fast paths take ints and floats alike), for int constant arithmetic,
 * or for loads nothing in the run uses. An int expression where one as
 * long or longer uses int constants. */
START_TEST(test_float_expressions)
{
    char *l = listing_ok("def f(a, x, y, dt):\n"
                         "    d2 = x * x + y * 2 - 0.5\n"
                         "    a[3] -= x * dt\n"
                         "    z = a[0] - a[1]\n"
                         "    w = a[0] * dt\n"
                         "    return 1 + 2 * d2 ** 0.5\n", "f");
    HAS(l, "floats from depth 0: L1 L1 * L2 2 * + 0.5 - ->L4; else generically:");
    HAS(l, "floats from depth 3: L1 L3 * -; else generically:");
    LACKS(l, "floats from depth 1: L3 * ->L6"); /* a[0] * dt */
    HAS(l, "floats from depth 0: 1 2 L4 0.5 ^ * +; else generically:");
    ck_assert_msg(count(l, "floats from") == 3, "%s", l);
    ck_assert_msg(count(l, "end arithmetic") == 3, "%s", l);
    free(l);
    l = listing_ok("def g(i, n):\n"
                   "    return (i + 1) * 2 + n\n", "g");
    HAS(l, "ints from depth 0: L0 1 + 2 * L1 +; else generically:");
    free(l);
    l = listing_ok("def lcg(s, t):\n"
                   "    s = (s * 1103515245 + 12345) & 0x7FFFFFFF\n"
                   "    return (s >> 16) % 3, t * 2.0 + 1\n", "lcg");
    HAS(l, "ints from depth 0: L0 1103515245 * 12345 + 2147483647 & ->L0;");
    HAS(l, "ints from depth 0: L0 16 >> 3 %; else generically:");
    HAS(l, "floats from depth 1: L1 2 * 1 +; else generically:");
    free(l);
    l = listing_ok("def h(s, i):\n"
                   "    return s.x - s.y, 2 * 3, i + 1\n", "h");
    LACKS(l, "floats");
    free(l);
}
END_TEST

START_TEST(test_bound_locals)
{
    /* Parameters and locals stored on every path load without a check;
     * a local stored on one path only, deleted, or stored inside a try
     * whose handler reads it keeps its check. */
    char *l = listing_ok("def f(a, b):\n"
                         "    x = a\n"
                         "    if b:\n"
                         "        y = 1\n"
                         "    z = x + y\n"
                         "    del x\n"
                         "    try:\n"
                         "        w = z\n"
                         "    except Exception:\n"
                         "        return w\n"
                         "    return a + b + w + x\n", "f");
    HAS(l, "s0 = local[0]\n");             /* a: a parameter */
    HAS(l, "s0 = local[2]\n");             /* x, once stored */
    HAS(l, "s1 = local[3]  !-> leave");     /* y: one path only */
    HAS(l, "local[5]  !-> B");              /* w in the handler */
    HAS(l, "s1 = local[2]  !-> leave");     /* x after del */
    free(l);
}
END_TEST

START_TEST(test_match_and_except_star)
{
    char *l = listing_ok("def m(p):\n"
                         "    match p:\n"
                         "        case [a, b]:\n"
                         "            return a\n"
                         "        case {'k': v}:\n"
                         "            return v\n"
                         "        case C(x, y=2):\n"
                         "            return x\n"
                         "    return None\n", "m");
    HAS(l, "rt_match_type(s1, 32)"); /* Py_TPFLAGS_SEQUENCE */
    HAS(l, "rt_match_type(s1, 64)"); /* Py_TPFLAGS_MAPPING */
    HAS(l, "rt_match_keys(tstate, s1, s2)");
    HAS(l, "rt_match_class(tstate, s0!, s1!, s2!, 1)");
    free(l);
    l = listing_ok("def h(f):\n"
                   "    try:\n"
                   "        f()\n"
                   "    except* ValueError:\n"
                   "        pass\n", "h");
    HAS(l, "rt_check_eg_match(tstate, ^s");
    HAS(l, "rt_prep_reraise_star(");
    free(l);
}
END_TEST

Suite *text_suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("listings");
    tcase_add_test(tc, test_add);
    tcase_add_test(tc, test_try_except);
    tcase_add_test(tc, test_generator_resumes);
    tcase_add_test(tc, test_generator_flags_checked);
    tcase_add_test(tc, test_for_loop);
    tcase_add_test(tc, test_calls);
    tcase_add_test(tc, test_conditional);
    tcase_add_test(tc, test_with_and_cells);
    tcase_add_test(tc, test_backward_branch_polls_when_taken);
    tcase_add_test(tc, test_unloaded_operands);
    tcase_add_test(tc, test_reraise_exit_adds_traceback);
    tcase_add_test(tc, test_match_and_except_star);
    tcase_add_test(tc, test_bound_locals);
    tcase_add_test(tc, test_float_expressions);
    suite_add_tcase(s, tc);
    return s;
}
