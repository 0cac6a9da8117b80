# A task scheduler with cleanup in finally blocks. The final run raises in
# a task and then again in the cleanup (finally) of the runner, so the
# uncaught exception carries the original one as __context__.

class Task:
    def __init__(self, name, steps, fail_at=None):
        self.name, self.steps, self.fail_at = name, steps, fail_at
        self.done = 0

    def step(self):
        if self.done == self.fail_at:
            raise RuntimeError(f"task {self.name} failed at step {self.done}")
        self.done += 1
        return self.done >= self.steps


class Scheduler:
    def __init__(self, tasks):
        self.queue = list(tasks)
        self.finished = []
        self.failed = []
        self.cleanups = 0

    def run(self, strict_cleanup=False):
        rounds = 0
        try:
            while self.queue:
                rounds += 1
                task = self.queue.pop(0)
                try:
                    if task.step():
                        self.finished.append(task.name)
                    else:
                        self.queue.append(task)
                except RuntimeError as e:
                    self.failed.append(str(e))
                    if strict_cleanup:
                        raise
        finally:
            self.cleanups += 1
            if strict_cleanup:
                self.release(rounds)
        return rounds

    def release(self, rounds):
        leftover = {t.name: t.done for t in self.queue}
        return rounds / len(leftover)


s = Scheduler([Task("a", 3), Task("b", 1), Task("c", 4, fail_at=2), Task("d", 2)])
print("rounds", s.run())
print("finished", s.finished, "failed", s.failed, "cleanups", s.cleanups)


def run_many(n):
    results = []
    for i in range(n):
        tasks = [Task(f"t{i}_{j}", (i + j) % 4 + 1, fail_at=(j if (i * j) % 5 == 3 else None)) for j in range(4)]
        sch = Scheduler(tasks)
        try:
            rounds = sch.run()
        finally:
            results.append((i, len(sch.finished), len(sch.failed)))
        if rounds > 8:
            continue
    return results


print(run_many(6))


def guarded(values):
    out = []
    for v in values:
        try:
            try:
                out.append(100 // v)
            finally:
                out.append("inner")
        except ZeroDivisionError:
            out.append("div0")
            continue
        finally:
            out.append("outer")
    return out


print(guarded([5, 0, 20]))
strict = Scheduler([Task("x", 2), Task("y", 3, fail_at=1)])
print("strict run:")
strict.run(strict_cleanup=True)
print("not reached")
