/* The C-stack guard: with a frame-evaluation hook installed, 3.11 runs
 * every Python call on the C stack, so a deep recursion under a raised
 * limit could overflow it. The inline test is rt_stack_exhausted
 * (runtime.h); here, finding a thread's stack floor once, and the error. */
#include <pthread.h>

#include "runtime.h"

/* Stop at a margin above the thread's stack end with RecursionError
 * instead of crashing. Call entries look only every few levels
 * (compiler/gj_enter.c): the margin holds the levels in between. */
enum { STACK_MARGIN = 256 * 1024 };

void rt_find_stack_floor(rt_stack_floor *slot)
{
    pthread_attr_t attr;
    void *addr;
    size_t size;
    /* Unknown: never trips, and looked for again at each check. */
    slot->floor = slot->low = NULL;
    slot->high = NULL;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        /* Small thread stacks (threading.stack_size) get a quarter. */
        if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
            slot->low = addr;
            slot->high = (char *)addr + size;
            slot->floor = slot->low +
                          (size / 4 < STACK_MARGIN ? size / 4 : STACK_MARGIN);
        }
        pthread_attr_destroy(&attr);
    }
}

PyObject *rt_c_stack_exhausted(void)
{
    PyErr_SetString(PyExc_RecursionError,
                    "maximum recursion depth exceeded (C stack)");
    return NULL;
}
