"""Benchmarks of Konseptikone: `python -m benchmarks` (add `--quick` for a fast smoke run).

Each figure is measured side by side in the same run: the two variants are interleaved over
several rounds and the medians and their ratio are printed. Not part of the test run.
"""
