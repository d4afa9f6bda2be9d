"""Hotline: a 12345 work-order sheet imported as events, all rows or none."""
