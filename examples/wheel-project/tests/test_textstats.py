"""Tests of textstats, run against whichever textstats is imported: the
source tree's (`python -m unittest` from the project), or an installed
wheel's (run from another directory). With EXPECT_COMPILED=1 they also
check that every module but __main__ is the one pyaot compiled; with
EXPECT_COMPILED=0, that none is."""

import importlib
import importlib.machinery
import importlib.util
import os
import subprocess
import sys
import traceback
import unittest

import textstats
from textstats import TextStatsError, core
from textstats.fmt import report
from textstats.text import tokens

MODULES = ["textstats", "textstats.core", "textstats.errors",
           "textstats.fmt", "textstats.text", "textstats.text.tokens"]
EXT_SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]
EXPECT_COMPILED = os.environ.get("EXPECT_COMPILED")

TEXT = """The quick brown fox jumps over the lazy dog.
The dog sleeps; the fox doesn't, and the fox runs on."""


class Counting(unittest.TestCase):
    def test_words(self):
        self.assertEqual(tokens.words("It's a dog's life -- 'really'!"),
                         ["it's", "a", "dog's", "life", "really"])
        self.assertEqual(tokens.words(""), [])

    def test_words_rejects_bytes(self):
        with self.assertRaises(TextStatsError):
            tokens.words(b"bytes")

    def test_analyse(self):
        stats = textstats.analyse(TEXT)
        self.assertEqual(stats.total, 20)
        self.assertEqual(stats.distinct, 13)
        self.assertEqual(stats.counts["fox"], 3)
        self.assertAlmostEqual(stats.mean_length(), 75 / 20)

    def test_top_skips_stopwords(self):
        stats = textstats.analyse(TEXT)
        self.assertEqual(stats.top(2), [("fox", 3), ("dog", 2)])
        self.assertEqual(stats.top(2, skip_stopwords=False),
                         [("the", 5), ("fox", 3)])
        self.assertEqual(textstats.top_words(TEXT), ["fox", "dog", "brown"])

    def test_report(self):
        self.assertEqual(report(textstats.analyse("b a b c"), 2),
                         "words: 4\ndistinct: 3\nmean length: 1.00\n"
                         "top: b 2, c 1")


class PackageData(unittest.TestCase):
    def test_stopwords_come_from_the_data_file(self):
        words = tokens.stopwords()
        self.assertIn("the", words)
        self.assertNotIn("fox", words)
        self.assertFalse(any(w.startswith("#") for w in words))


class Errors(unittest.TestCase):
    def test_traceback_names_the_source_line(self):
        try:
            textstats.ratio(1, 0)
        except TextStatsError as e:
            last = traceback.extract_tb(e.__traceback__)[-1]
        else:
            self.fail("ratio(1, 0) did not raise")
        # Compiled or not, the frame is core.py's, beside the module.
        self.assertEqual(last.filename, os.path.join(
            os.path.dirname(core.__file__), "core.py"))
        self.assertEqual(last.name, "ratio")
        # The raise is the third line of ratio's body.
        self.assertEqual(last.lineno, core.ratio.__code__.co_firstlineno + 3)


class Main(unittest.TestCase):
    def test_python_m_textstats(self):
        # The child imports the textstats this process imported.
        env = dict(os.environ, PYTHONPATH=os.path.dirname(
            os.path.dirname(textstats.__file__)))
        run = subprocess.run([sys.executable, "-m", "textstats", "-n", "2"],
                             input=TEXT, capture_output=True, text=True,
                             env=env)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout, "words: 20\ndistinct: 13\n"
                                     "mean length: 3.75\ntop: fox 3, dog 2\n")


@unittest.skipUnless(EXPECT_COMPILED in ("0", "1"), "EXPECT_COMPILED not set")
class Compiled(unittest.TestCase):
    def test_modules(self):
        for name in MODULES:
            module = importlib.import_module(name)
            with self.subTest(module=name):
                if EXPECT_COMPILED == "1":
                    self.assertIsInstance(getattr(module, "__pyaot__", None),
                                          dict)
                    self.assertTrue(module.__file__.endswith(EXT_SUFFIX),
                                    module.__file__)
                else:
                    self.assertFalse(hasattr(module, "__pyaot__"))
                    self.assertTrue(module.__file__.endswith(".py"),
                                    module.__file__)

    @unittest.skipUnless(EXPECT_COMPILED == "1", "not compiled")
    def test_functions_run_natively(self):
        for module, name in ((core, "ratio"), (tokens, "words")):
            kinds = [v for k, v in module.__pyaot__.items()
                     if k.startswith(name + ":")]
            self.assertEqual(kinds, ["native"], (module.__name__, name))

    def test_main_stays_source(self):
        spec = importlib.util.find_spec("textstats.__main__")
        self.assertTrue(spec.origin.endswith("__main__.py"), spec.origin)


if __name__ == "__main__":
    unittest.main()
