"""Builds textstats with its modules compiled by pyaot (see README.md);
PYAOT_BUILD=0 builds the plain pure-Python wheel instead. The metadata is
in pyproject.toml."""

from setuptools import setup

import pyaot.setuptools

setup(cmdclass=pyaot.setuptools.cmdclass())
