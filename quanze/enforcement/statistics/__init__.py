"""Enforcement statistics: the exercise rate (行权率), fines and their return, the annual report (行政执法统计年报)."""
