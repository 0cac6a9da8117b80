# A batch reader built on generators consumed by ordinary functions; the last
# batch contains a malformed record and the ValueError escapes through the
# generator frames and the consumer. Only generator code may fall back.
import csv
import io

CSV_TEXT = """id,name,qty,price
1,bolt,100,0.05
2,nut,250,0.03
3,washer,75,0.02
4,gear,12,4.50
5,spring,40,0.75
6,chain,3,12.00
7,belt,8,9.99
8,pulley,5,15.25
"""


def records(text):
    reader = csv.DictReader(io.StringIO(text))
    for row in reader:
        yield {"id": int(row["id"]), "name": row["name"], "qty": int(row["qty"]), "price": float(row["price"])}


def batches(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def batch_value(batch):
    return round(sum([r["qty"] * r["price"] for r in batch]), 2)


def report(text, size):
    total = 0.0
    for i, batch in enumerate(batches(records(text), size)):
        value = batch_value(batch)
        total += value
        names = ",".join([r["name"] for r in batch])
        print(f"  batch {i}: {len(batch)} items [{names}] value={value:.2f}")
    return round(total, 2)


print("total", report(CSV_TEXT, 3))
print("total", report(CSV_TEXT, 5))
all_rows = list(records(CSV_TEXT))
print(max(all_rows, key=lambda r: r["price"])["name"], min(all_rows, key=lambda r: r["qty"])["name"])
print(sorted([r["name"] for r in all_rows if r["qty"] * r["price"] > 10]))
inventory = {r["name"]: r["qty"] for r in all_rows}
for name in ("nut", "gear", "missing"):
    print(name, inventory.get(name, "n/a"))
restock = [name for name, qty in inventory.items() if qty < 10]
print("restock", restock)
bad_text = CSV_TEXT + "9,cam,seven,3.10\n10,lever,4,1.00\n"
print("total", report(bad_text, 4))
print("not reached")
