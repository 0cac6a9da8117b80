/* Finding arithmetic expressions for the backend to run in doubles or in
 * 64-bit integers (em_fx): runs of LOAD_FAST, LOAD_CONST and arithmetic
 * BINARY_OPs in one block that leave one computed value, optionally
 * stored by a STORE_FAST. In `d2 = dx * dx + dy * dy` the interpreter
 * boxes every product and counts references on every load; a float
 * expression boxes only d2. In `(state * 1103515245 + 12345) &
 * 0x7FFFFFFF` an int expression boxes only the result. */
#include "pyaot/pyinternal.h"
#include <opcode.h> /* NB_* operator numbers */

#include "pyaot/opcodes.h"
#include "lower_floats.h"

/* What a value the expression pushed is, as far as lowering knows. */
enum fx_value {
    FX_LOADED,    /* a local: a float once the backend has checked it */
    FX_FLOAT,     /* a float constant */
    FX_INT_CONST, /* an int constant a double holds exactly */
    FX_COMPUTED,  /* an operation's result */
};

/* The operator of BINARY_OP `nb` in doubles (or in integers), or -1.
 * In-place forms are the same on floats and ints, which are immutable. */
static int fx_operator(int nb, bool ints)
{
    switch (nb) {
    case NB_ADD: case NB_INPLACE_ADD: return EM_FX_ADD;
    case NB_SUBTRACT: case NB_INPLACE_SUBTRACT: return EM_FX_SUB;
    case NB_MULTIPLY: case NB_INPLACE_MULTIPLY: return EM_FX_MUL;
    }
    if (!ints) {
        switch (nb) {
        case NB_TRUE_DIVIDE: case NB_INPLACE_TRUE_DIVIDE: return EM_FX_DIV;
        case NB_POWER: case NB_INPLACE_POWER: return EM_FX_POW;
        }
        return -1;
    }
    switch (nb) {
    case NB_AND: case NB_INPLACE_AND: return EM_FX_AND;
    case NB_OR: case NB_INPLACE_OR: return EM_FX_OR;
    case NB_XOR: case NB_INPLACE_XOR: return EM_FX_XOR;
    case NB_RSHIFT: case NB_INPLACE_RSHIFT: return EM_FX_RSHIFT;
    case NB_FLOOR_DIVIDE: case NB_INPLACE_FLOOR_DIVIDE: return EM_FX_FLOORDIV;
    case NB_REMAINDER: case NB_INPLACE_REMAINDER: return EM_FX_MOD;
    }
    return -1;
}

/* Int constant `i` when it lies within 62 bits, the range int
 * expressions keep their values in. */
static bool int_constant(PyCodeObject *co, int i, long long *k)
{
    PyObject *c = PyTuple_GET_ITEM(co->co_consts, i);
    if (!PyLong_CheckExact(c))
        return false;
    int overflow;
    *k = PyLong_AsLongLongAndOverflow(c, &overflow);
    return !overflow && *k >= -(1LL << 62) && *k < (1LL << 62);
}

/* Constant `i` as a double when it is a float, or an int that converts
 * exactly (as float_add & co. convert it). */
static bool constant_value(PyCodeObject *co, int i, double *c, bool *is_int)
{
    PyObject *k = PyTuple_GET_ITEM(co->co_consts, i);
    if (PyFloat_CheckExact(k)) {
        *c = PyFloat_AS_DOUBLE(k);
        *is_int = false;
        return true;
    }
    if (!PyLong_CheckExact(k))
        return false;
    int overflow;
    long long v = PyLong_AsLongLongAndOverflow(k, &overflow);
    if (overflow || v > (1LL << 53) || v < -(1LL << 53))
        return false;
    *c = (double)v;
    *is_int = true;
    return true;
}

/* The float (or int) expression that starts at instruction `first`:
 * fills fx and returns its instruction count, or 0 when none starts there
 * or it would not pay (one operation without a float constant is
 * BINARY_OP's fast path anyway). */
static int scan_run(const lw_code *lw, int first, em_fx *fx, bool ints)
{
    const dec_code *dec = &lw->dec;
    int block = lw->graph.block_of[first];
    fx->depth = lw->graph.depth[first];
    fx->nsteps = 0;
    fx->ints = ints;
    if (fx->depth < 0)
        return 0;
    enum fx_value pushed[EM_FX_MAX]; /* what the run pushed and left */
    int npushed = 0;
    int below = 0; /* operands taken from the stack under fx->depth */
    int count = 0, nsteps = 0;
    int nints = 0, nfloats = 0, int_consts = 0, float_consts = 0;
    for (int i = first; i < dec->ninstrs && lw->graph.block_of[i] == block &&
                        fx->nsteps < EM_FX_MAX;
         i++) {
        const dec_instr *in = &dec->instrs[i];
        em_fx_step *step = &fx->steps[fx->nsteps];
        if (in->opcode == OP_LOAD_FAST) {
            *step = (em_fx_step){EM_FX_LOCAL, in->oparg, 0};
            pushed[npushed++] = FX_LOADED;
        } else if (in->opcode == OP_LOAD_CONST && ints) {
            if (!int_constant(lw->co, in->oparg, &step->k))
                break;
            step->kind = EM_FX_CONST;
            pushed[npushed++] = FX_INT_CONST;
            nints++;
        } else if (in->opcode == OP_LOAD_CONST) {
            bool is_int;
            if (!constant_value(lw->co, in->oparg, &step->c, &is_int))
                break;
            step->kind = EM_FX_CONST;
            pushed[npushed++] = is_int ? FX_INT_CONST : FX_FLOAT;
            *(is_int ? &nints : &nfloats) += 1;
        } else if (in->opcode == OP_BINARY_OP) {
            int op = fx_operator(in->oparg, ints);
            /* values from under the run are floats once checked */
            enum fx_value r = npushed > 0 ? pushed[npushed - 1] : FX_COMPUTED;
            enum fx_value l = npushed > 1 ? pushed[npushed - 2] : FX_COMPUTED;
            if (op < 0 || (l == FX_INT_CONST && r == FX_INT_CONST))
                break; /* not float arithmetic */
            int taken = npushed < 2 ? npushed : 2;
            npushed -= taken;
            below += 2 - taken;
            if (below > fx->depth)
                break;
            *step = (em_fx_step){EM_FX_OP, op, 0};
            pushed[npushed++] = FX_COMPUTED;
        } else if (in->opcode == OP_STORE_FAST && npushed == 1 &&
                   pushed[0] == FX_COMPUTED) {
            *step = (em_fx_step){EM_FX_STORE, in->oparg, 0};
            fx->nsteps++;
            count = i - first + 1, nsteps = fx->nsteps;
            int_consts = nints, float_consts = nfloats;
            break;
        } else {
            break;
        }
        fx->nsteps++;
        /* A place to stop: one computed value left, nothing loaded but
         * unused; not just before a STORE_FAST that would take it (the
         * generic code fuses the two). */
        const dec_instr *next = in + 1;
        bool store_next = i + 1 < dec->ninstrs &&
                          lw->graph.block_of[i + 1] == block &&
                          next->opcode == OP_STORE_FAST;
        if (npushed == 1 && pushed[0] == FX_COMPUTED && !store_next) {
            count = i - first + 1, nsteps = fx->nsteps;
            int_consts = nints, float_consts = nfloats;
        }
    }
    fx->nsteps = nsteps;
    int nops = 0;
    for (int s = 0; s < nsteps; s++)
        nops += fx->steps[s].kind == EM_FX_OP;
    /* an int expression: two operations at least, on an int constant
     * (`dx * dx + dy * dy` is a float one as likely) */
    if (ints)
        return nops >= 2 && int_consts ? count : 0;
    /* One operation (`i + 1`, `a * b`) is BINARY_OP's, whose fast paths
     * read locals unloaded and take ints and floats alike; with a float
     * constant (`x * 0.5`) it is float arithmetic for certain. */
    return nops >= 2 || (nops == 1 && float_consts) ? count : 0;
}

int lw_arith_run(const lw_code *lw, int first, em_fx *fx)
{
    em_fx as_ints;
    int nfloat = scan_run(lw, first, fx, false);
    int nint = scan_run(lw, first, &as_ints, true);
    if (nint > 0 && nint >= nfloat) {
        *fx = as_ints;
        return nint;
    }
    return nfloat;
}
