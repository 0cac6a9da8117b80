# An inventory system whose final operation fails while handling another
# failure: the uncaught traceback has a "During handling of the above
# exception, another exception occurred" section.

class OutOfStock(Exception):
    def __init__(self, item, wanted, have):
        super().__init__(f"{item}: wanted {wanted}, have {have}")
        self.item = item


class Inventory:
    def __init__(self):
        self.stock = {}
        self.log = []

    def add(self, item, n):
        self.stock[item] = self.stock.get(item, 0) + n
        self.log.append(("add", item, n))

    def take(self, item, n):
        have = self.stock.get(item, 0)
        if have < n:
            raise OutOfStock(item, n, have)
        self.stock[item] = have - n
        self.log.append(("take", item, n))
        return n

    def take_or_backorder(self, item, n):
        try:
            return self.take(item, n)
        except OutOfStock as e:
            self.log.append(("backorder", e.item))
            return self.backorder_queue.append((item, n))


inv = Inventory()
for item, n in [("apple", 10), ("pear", 4), ("fig", 0), ("apple", 5), ("kiwi", 12)]:
    inv.add(item, n)
print(sorted(inv.stock.items()))
orders = [("apple", 3), ("pear", 4), ("kiwi", 5), ("apple", 12), ("fig", 1), ("kiwi", 7)]
for item, n in orders:
    try:
        got = inv.take(item, n)
        print(f"took {got} {item}, left {inv.stock[item]}")
    except OutOfStock as e:
        print(f"OutOfStock: {e} (item={e.item})")
print(inv.log)
print(sorted(inv.stock.items()), sum(inv.stock.values()))
totals = {}
for kind, item, *rest in inv.log:
    totals.setdefault(kind, 0)
    totals[kind] += rest[0] if rest else 0
print(totals)
restock = {item: 20 - qty for item, qty in inv.stock.items() if qty < 20}
print("restock plan", restock)
for item, qty in restock.items():
    inv.add(item, qty)
print(sorted(inv.stock.items()))
print("backorder attempt:")
inv.take_or_backorder("pear", 50)
print("not reached")
