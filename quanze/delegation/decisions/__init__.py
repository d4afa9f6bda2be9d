"""Decisions of the executive meeting (常务会审议) on a reviewed batch, and their publication."""
