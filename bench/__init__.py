"""Benchmarks: `python -m bench [--quick]` (or `make bench`) prints one line per figure.

Each step runs in its own Python process against a fresh temporary database, so
peak memory is the step's own and no state leaks between steps.
"""
