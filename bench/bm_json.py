"""The pure-Python JSON encoder and decoder as a workload (the C
accelerators switched off): nested dicts, lists, strings with escapes,
numbers.

main(n) encodes and decodes n documents and returns the total length and
a round-trip check."""

import json
import json.decoder
import json.encoder
import json.scanner

COMPILE_ALSO = ("json",)
DEFAULT_N = 4000


def pure_python():
    """Makes the json package use its Python code paths."""
    json.encoder.c_make_encoder = None
    json.encoder.encode_basestring_ascii = json.encoder.py_encode_basestring_ascii
    json.encoder.encode_basestring = json.encoder.py_encode_basestring
    json.decoder.scanstring = json.decoder.py_scanstring
    json.scanner.make_scanner = json.scanner.py_make_scanner
    return json.JSONEncoder(sort_keys=True, indent=None), json.JSONDecoder()


def document(k):
    return {
        "id": k,
        "name": "item \"%d\"\n\u00e9" % k,
        "tags": ["t%d" % (k % 7), "t%d" % (k % 11), None, True],
        "dims": [k * 0.5, -k, 1e10 + k],
        "nested": {"a": {"b": [k, {"c": "x" * (k % 13)}]}},
    }


def main(n):
    enc, dec = pure_python()
    dec.scan_once = json.scanner.py_make_scanner(dec)
    total = 0
    same = 0
    for k in range(n):
        doc = document(k)
        text = enc.encode(doc)
        total += len(text)
        back = dec.decode(text)
        same += back == doc
    return total, same


if __name__ == "__main__":
    print(main(DEFAULT_N))
