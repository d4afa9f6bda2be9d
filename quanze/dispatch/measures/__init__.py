"""Measures: each department's rates and times from the recorded facts, with the dashboard."""
