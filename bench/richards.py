"""Richards-style operating-system task scheduler simulation.

A small priority scheduler runs six cooperating tasks that pass packets
to each other: an idle task that keeps releasing the two device tasks, a
work task that fills work packets and sends them to the two handler tasks,
handler tasks that move data from work packets into device packets, and
device tasks that bounce device packets back.  Everything is classes,
attribute access and method calls (including overridden methods).

main(n) lets the idle task run n times and returns (packets sent, times
a task held itself, and a running checksum of the data each of the two
device tasks received).  For n=10000 the first two are 23246 and 9297.
"""

DEFAULT_N = 100000

BUF_SIZE = 4

ID_IDLE = 0
ID_WORK = 1
ID_HANDLER_A = 2
ID_HANDLER_B = 3
ID_DEVICE_A = 4
ID_DEVICE_B = 5

KIND_DEVICE = 0
KIND_WORK = 1


class Packet:
    def __init__(self, link, dest, kind):
        self.link = link
        self.dest = dest
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUF_SIZE

    def enqueue(self, queue):
        """Append this packet at the end of queue; return the new head."""
        self.link = None
        if queue is None:
            return self
        last = queue
        while last.link is not None:
            last = last.link
        last.link = self
        return queue


class Task:
    def __init__(self, kernel, ident, priority, inbox):
        self.kernel = kernel
        self.ident = ident
        self.priority = priority
        self.inbox = inbox
        self.has_mail = inbox is not None
        self.waiting = False
        self.held = False
        # Tasks form a singly-linked list, highest priority first.
        self.next = kernel.task_list
        kernel.task_list = self
        kernel.tasks[ident] = self

    def blocked(self):
        return self.held or (self.waiting and not self.has_mail)

    def take_mail(self):
        pkt = self.inbox
        self.inbox = pkt.link
        self.has_mail = self.inbox is not None
        self.waiting = False
        return pkt

    def deliver(self, pkt, sender):
        """Put pkt in this task's inbox; return the task to run next."""
        if self.inbox is None:
            self.inbox = pkt
            self.has_mail = True
            if self.priority > sender.priority:
                return self
        else:
            self.inbox = pkt.enqueue(self.inbox)
        return sender

    def step(self, pkt):
        raise NotImplementedError


class IdleTask(Task):
    def __init__(self, kernel, ident, priority, inbox, count):
        Task.__init__(self, kernel, ident, priority, inbox)
        self.seed = 1
        self.remaining = count

    def step(self, pkt):
        k = self.kernel
        self.remaining -= 1
        if self.remaining == 0:
            return k.hold_self()
        if self.seed & 1 == 0:
            self.seed = self.seed >> 1
            return k.release(ID_DEVICE_A)
        self.seed = (self.seed >> 1) ^ 0xD008
        return k.release(ID_DEVICE_B)


class WorkTask(Task):
    def __init__(self, kernel, ident, priority, inbox):
        Task.__init__(self, kernel, ident, priority, inbox)
        self.target = ID_HANDLER_A
        self.letter = 0

    def step(self, pkt):
        k = self.kernel
        if pkt is None:
            return k.wait()
        if self.target == ID_HANDLER_A:
            self.target = ID_HANDLER_B
        else:
            self.target = ID_HANDLER_A
        pkt.dest = self.target
        pkt.datum = 0
        data = pkt.data
        for i in range(BUF_SIZE):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            data[i] = 64 + self.letter
        return k.send(pkt)


class HandlerTask(Task):
    def __init__(self, kernel, ident, priority, inbox):
        Task.__init__(self, kernel, ident, priority, inbox)
        self.work_queue = None
        self.device_queue = None

    def step(self, pkt):
        k = self.kernel
        if pkt is not None:
            if pkt.kind == KIND_WORK:
                self.work_queue = pkt.enqueue(self.work_queue)
            else:
                self.device_queue = pkt.enqueue(self.device_queue)
        work = self.work_queue
        if work is not None:
            pos = work.datum
            if pos < BUF_SIZE:
                dev = self.device_queue
                if dev is not None:
                    self.device_queue = dev.link
                    dev.datum = work.data[pos]
                    work.datum = pos + 1
                    return k.send(dev)
            else:
                self.work_queue = work.link
                return k.send(work)
        return k.wait()


class DeviceTask(Task):
    def __init__(self, kernel, ident, priority, inbox):
        Task.__init__(self, kernel, ident, priority, inbox)
        self.pending = None
        self.checksum = 0

    def step(self, pkt):
        k = self.kernel
        if pkt is None:
            held = self.pending
            if held is None:
                return k.wait()
            self.pending = None
            return k.send(held)
        self.checksum = (self.checksum * 31 + pkt.datum) & 0xFFFF
        self.pending = pkt
        return k.hold_self()


class Kernel:
    def __init__(self):
        self.tasks = [None] * 6
        self.task_list = None
        self.current = None
        self.sent = 0
        self.holds = 0

    def hold_self(self):
        self.holds += 1
        cur = self.current
        cur.held = True
        return cur.next

    def wait(self):
        cur = self.current
        cur.waiting = True
        return cur

    def release(self, ident):
        t = self.tasks[ident]
        t.held = False
        if t.priority > self.current.priority:
            return t
        return self.current

    def send(self, pkt):
        self.sent += 1
        target = self.tasks[pkt.dest]
        pkt.link = None
        pkt.dest = self.current.ident
        return target.deliver(pkt, self.current)

    def run(self):
        t = self.task_list
        while t is not None:
            if t.blocked():
                t = t.next
                continue
            pkt = None
            if t.waiting:
                pkt = t.take_mail()
            self.current = t
            t = t.step(pkt)


def build(count):
    k = Kernel()
    IdleTask(k, ID_IDLE, 0, None, count)

    q = Packet(None, ID_WORK, KIND_WORK)
    q = Packet(q, ID_WORK, KIND_WORK)
    w = WorkTask(k, ID_WORK, 1000, q)
    w.waiting = True

    q = Packet(None, ID_DEVICE_A, KIND_DEVICE)
    q = Packet(q, ID_DEVICE_A, KIND_DEVICE)
    q = Packet(q, ID_DEVICE_A, KIND_DEVICE)
    h = HandlerTask(k, ID_HANDLER_A, 2000, q)
    h.waiting = True

    q = Packet(None, ID_DEVICE_B, KIND_DEVICE)
    q = Packet(q, ID_DEVICE_B, KIND_DEVICE)
    q = Packet(q, ID_DEVICE_B, KIND_DEVICE)
    h = HandlerTask(k, ID_HANDLER_B, 3000, q)
    h.waiting = True

    d = DeviceTask(k, ID_DEVICE_A, 4000, None)
    d.waiting = True
    d = DeviceTask(k, ID_DEVICE_B, 5000, None)
    d.waiting = True
    return k


def main(n):
    k = build(n)
    k.run()
    return (k.sent, k.holds,
            k.tasks[ID_DEVICE_A].checksum, k.tasks[ID_DEVICE_B].checksum)


if __name__ == "__main__":
    print(main(DEFAULT_N))
