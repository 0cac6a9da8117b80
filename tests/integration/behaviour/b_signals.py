"""Ctrl-C and Python-level signal handlers reach compiled loops."""
import itertools
import os
import re
import select
import signal
import subprocess
import time

NAME = "b_signals"


# ---- run in a child process (harness.py --child), ended by SIGINT ----

def spin():
    print("ready", __pyaot_stats__()["native_calls"], flush=True)
    while True:  # L:spin
        pass


def spin_count():
    print("ready", __pyaot_stats__()["native_calls"], flush=True)
    for i in itertools.count():  # L:spin_count
        pass  # L:spin_count_body


# ---- SIGALRM handlers run inside compiled loops ----

class Alarm(Exception):
    pass


handled = []


def on_alarm(signum, frame):
    handled.append((signum, frame.f_code.co_name))
    raise Alarm(signum)


def alarm_loop():
    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    n = 0
    try:
        while True:
            n += 1
    except Alarm as e:
        return ("caught", e.args[0], n > 0)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


fired = 0


def on_alarm_flag(signum, frame):
    global fired
    fired += 1


def wait_flag():
    """The handler only sets a global; the loop must see it change."""
    global fired
    fired = 0
    old = signal.signal(signal.SIGALRM, on_alarm_flag)
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    n = 0
    while not fired:
        n += 1
    signal.signal(signal.SIGALRM, old)
    return fired


# ---- checks (run interpreted, see harness.py) ----

FRAME_RE = re.compile(r'^  File "([^"]*)", line (\d+), in (\S+)$')


def interrupt_child(T, mode, func):
    """Runs FUNC in a child, sends SIGINT once it is ready; returns a dict."""
    cmd = [T.python, T.harness, "--child", T.extdir, mode, NAME, func]
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, bufsize=0)
    res = {"before": None, "ready": None, "rc": None, "err": "",
           "elapsed": None, "last_frame": None, "last_line": None,
           "note": None}
    out = b""
    deadline = time.monotonic() + 15
    try:
        while b"ready" not in out and time.monotonic() < deadline:
            r, _, _ = select.select([p.stdout], [], [], 0.1)
            if r:
                chunk = os.read(p.stdout.fileno(), 4096)
                if not chunk:
                    break
                out += chunk
        if b"ready" in out:
            while not out.endswith(b"\n"):
                chunk = os.read(p.stdout.fileno(), 4096)
                if not chunk:
                    break
                out += chunk
            # Let the loop get going (the interpreter would otherwise take the
            # signal in the print call).
            time.sleep(0.3)
            t0 = time.monotonic()
            os.kill(p.pid, signal.SIGINT)
            rest, err = p.communicate(timeout=5)
            res["elapsed"] = time.monotonic() - t0
        else:
            res["note"] = "never printed ready: killed"
            p.kill()
            rest, err = p.communicate()
    except subprocess.TimeoutExpired:
        res["note"] = "still running 5 s after SIGINT: killed"
        p.kill()
        rest, err = p.communicate()
    out += rest
    res["rc"] = p.returncode
    res["err"] = err.decode("utf-8", "replace")
    for line in out.decode().splitlines():
        words = line.split()
        if len(words) == 2 and words[0] in ("before", "ready"):
            res[words[0]] = int(words[1])
    for line in res["err"].splitlines():
        m = FRAME_RE.match(line)
        if m:
            res["last_frame"] = (os.path.basename(m.group(1)),
                                 int(m.group(2)), m.group(3))
    lines = res["err"].strip().splitlines()
    res["last_line"] = lines[-1] if lines else ""
    return res


def check_interrupt(T, func, marker, loop_lines):
    nat = interrupt_child(T, "native", func)
    ref = interrupt_child(T, "interp", func)
    diag = ("native child: %r" % {k: v for k, v in nat.items() if k != "err"},
            "native stderr:", nat["err"],
            "interpreted child: %r" % {k: v for k, v in ref.items()
                                       if k != "err"})
    T.ok(nat["ready"] is not None and nat["before"] is not None
         and nat["ready"] > nat["before"],
         "%s entered natively in the child (native_calls before the call < "
         "inside it)" % func, *diag)
    T.ok(nat["rc"] == -signal.SIGINT and nat["last_line"] == "KeyboardInterrupt",
         "SIGINT ends native %s with KeyboardInterrupt (killed by SIGINT)" % func,
         *diag)
    T.ok(nat["elapsed"] is not None and nat["elapsed"] < 5,
         "native %s stops within 5 s of SIGINT" % func, *diag)
    T.ok(nat["last_frame"] is not None
         and nat["last_frame"][0] == NAME + ".py"
         and nat["last_frame"][2] == func
         and nat["last_frame"][1] in loop_lines,
         "KeyboardInterrupt traceback ends in %s, in the loop (%s.py line "
         "%s)" % (func, NAME, "/".join(map(str, loop_lines))), *diag)
    T.eq(nat["last_frame"], ref["last_frame"],
         "%s: last traceback frame as in the interpreter" % func)


def checks(T, native, interp):
    T.native(native, "spin", "spin_count", "on_alarm", "alarm_loop",
             "on_alarm_flag", "wait_flag")
    check_interrupt(T, "spin", "spin", [T.line("spin")])
    check_interrupt(T, "spin_count", "spin_count",
                    [T.line("spin_count"), T.line("spin_count_body")])

    for mod in (interp, native):
        del mod.handled[:]
    ref = interp.alarm_loop()
    ref_handled = list(interp.handled)
    before = T.calls()
    got = native.alarm_loop()
    T.ran_natively(before, "alarm_loop", at_least=2)
    T.eq(got, ref, "SIGALRM handler raised into native while-True loop, "
         "caught there")
    T.eq(native.handled, ref_handled,
         "the handler ran once, its frame argument is alarm_loop's")
    T.eq(ref_handled, [(signal.SIGALRM, "alarm_loop")],
         "interpreted reference: handler saw alarm_loop's frame")

    before = T.calls()
    got = native.wait_flag()
    T.ran_natively(before, "wait_flag and its handler", at_least=2)
    T.eq(got, 1, "native loop sees the global set by the signal handler")
