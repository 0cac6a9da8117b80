# A transaction manager built on context managers and closures. The last
# transaction fails inside a nested closure; __exit__ rolls back but does not
# suppress, so a custom exception escapes the module body.

class TransactionError(Exception):
    def __init__(self, account, amount):
        super().__init__(account, amount)
        self.account, self.amount = account, amount

    def __str__(self):
        return f"insufficient funds in {self.account!r} for {self.amount}"


class Bank:
    def __init__(self, **balances):
        self.balances = dict(balances)
        self.journal = []

    def transaction(self, label):
        bank = self

        class Tx:
            def __enter__(self):
                self.snapshot = dict(bank.balances)
                bank.journal.append(f"begin {label}")
                return self

            def __exit__(self, et, ev, tb):
                if et is None:
                    bank.journal.append(f"commit {label}")
                else:
                    bank.balances = self.snapshot
                    bank.journal.append(f"rollback {label}: {et.__name__}")
                return False

        return Tx()


def make_transfer(bank):
    def transfer(src, dst, amount):
        def debit():
            if bank.balances[src] < amount:
                raise TransactionError(src, amount)
            bank.balances[src] -= amount

        def credit():
            bank.balances[dst] = bank.balances.get(dst, 0) + amount

        debit()
        credit()
        return bank.balances[src], bank.balances[dst]

    return transfer


bank = Bank(alice=100, bob=50, carol=0)
transfer = make_transfer(bank)
with bank.transaction("t1"):
    print(transfer("alice", "bob", 30))
    print(transfer("bob", "carol", 60))
try:
    with bank.transaction("t2"):
        print(transfer("carol", "alice", 10))
        print(transfer("carol", "dave", 100))
except TransactionError as e:
    print("caught:", e, e.args)
print(sorted(bank.balances.items()))
for i in range(5):
    with bank.transaction(f"loop{i}"):
        transfer("alice", "bob", 1)
        transfer("bob", "alice", 2)
print(sorted(bank.balances.items()), sum(bank.balances.values()))
print("\n".join(bank.journal))
with bank.transaction("outer"):
    transfer("alice", "carol", 5)
    with bank.transaction("inner"):
        transfer("carol", "bob", 1000)
print("not reached")
