"""Scenarios of the source documents continued into enforcement (000, 004)."""
