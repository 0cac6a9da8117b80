/* The C-stack guard: with a frame-evaluation hook installed, 3.11 runs
 * every Python call on the C stack, so a deep recursion under a raised
 * limit could overflow it. The inline test is rt_stack_exhausted
 * (runtime.h); here, finding a thread's stack floor once, and the error. */
#include <pthread.h>

#include "runtime.h"

/* Stop at a margin above the thread's stack end with RecursionError
 * instead of crashing. */
enum { STACK_MARGIN = 256 * 1024 };

char *rt_find_stack_floor(void)
{
    pthread_attr_t attr;
    void *addr;
    size_t size;
    char *floor = (char *)1; /* unknown: never trips */
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        /* Small thread stacks (threading.stack_size) get a quarter. */
        if (pthread_attr_getstack(&attr, &addr, &size) == 0)
            floor = (char *)addr +
                    (size / 4 < STACK_MARGIN ? size / 4 : STACK_MARGIN);
        pthread_attr_destroy(&attr);
    }
    return floor;
}

PyObject *rt_c_stack_exhausted(void)
{
    PyErr_SetString(PyExc_RecursionError,
                    "maximum recursion depth exceeded (C stack)");
    return NULL;
}
