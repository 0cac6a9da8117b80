"""Compiled CPU loops in threads hand the GIL over; thread exceptions."""
import threading
import time

NAME = "b_threads"

counters = [0, 0]


def work(idx, n):
    """Pure Python, no I/O, no calls: only the eval breaker lets other
    threads in."""
    c = counters
    i = 0
    while i < n:
        c[idx] += 1
        i += 1
    return i


class WorkerError(Exception):
    pass


def failing_target(x):
    y = x + 1
    raise WorkerError(y)  # L:raise


# ---- checks (run interpreted, see harness.py) ----

def calibrate(native):
    """A count for which work() alone takes about 0.3 s."""
    n = 20000
    while True:
        native.counters[0] = 0
        t0 = time.perf_counter()
        native.work(0, n)
        dt = time.perf_counter() - t0
        if dt > 0.05 or n >= 1 << 30:
            return max(1000, int(n * 0.3 / max(dt, 1e-6)))
        n *= 4


def run_workers(native, n):
    native.counters[:] = [0, 0]
    samples = []
    threads = [threading.Thread(target=native.work, args=(i, n))
               for i in (0, 1)]
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            samples.append(tuple(native.counters))
            time.sleep(0.002)

    watchdog = threading.Thread(target=watch)
    watchdog.start()
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    elapsed = time.perf_counter() - t0
    stop.set()
    watchdog.join()
    alive = [t.is_alive() for t in threads]
    return samples, alive, elapsed


def checks(T, native, interp):
    T.native(native, "work", "failing_target")
    before = T.calls()
    n = calibrate(native)
    samples, alive, elapsed = run_workers(native, n)
    T.ran_natively(before, "work in two threads", at_least=3)
    T.eq(alive, [False, False], "both worker threads finished")
    T.eq(list(native.counters), [n, n], "both counters complete")
    both = [s for s in samples if 0 < s[0] < n and 0 < s[1] < n]
    # Both counters advanced between two samples taken while neither worker
    # had finished: the GIL went back and forth between the two loops.
    advanced = (len(both) >= 2 and both[-1][0] > both[0][0]
                and both[-1][1] > both[0][1])
    T.ok(advanced,
         "the watchdog saw both counters advance while both loops ran",
         "n = %d, elapsed %.2f s, %d samples, %d with both running"
         % (n, elapsed, len(samples), len(both)),
         "first samples: %r" % samples[:8],
         "last samples: %r" % samples[-8:])
    # The watchdog itself got the GIL regularly (each sample needs it).
    gaps = [b for a, b in zip(samples, samples[1:]) if a != b]
    T.ok(len(samples) >= 10 and len(gaps) >= 5,
         "the watchdog thread ran while the loops ran",
         "%d samples, %d changes" % (len(samples), len(gaps)))

    for mod in (interp, native):
        seen = []
        old = threading.excepthook
        threading.excepthook = lambda args: seen.append(
            (args.exc_type, args.exc_value, args.exc_traceback))
        try:
            before = T.calls()
            th = threading.Thread(target=mod.failing_target, args=(41,))
            th.start()
            th.join(10)
            after = T.calls()
        finally:
            threading.excepthook = old
        if mod is native:
            T.ok(after > before, "failing_target ran natively in its thread",
                 "native_calls %d -> %d" % (before, after))
        T.eq([(e[0].__name__, e[0].__module__, e[1].args) for e in seen],
             [("WorkerError", mod.__name__, (42,))],
             "%s: threading.excepthook got the thread target's exception"
             % mod.__name__)
        if seen:
            tb = seen[0][2]
            while tb is not None and tb.tb_next is not None:
                tb = tb.tb_next
            where = (tb.tb_frame.f_code.co_name, tb.tb_lineno) if tb else None
            T.eq(where, ("failing_target", T.line("raise")),
                 "%s: its traceback ends at the raise in failing_target"
                 % mod.__name__)
