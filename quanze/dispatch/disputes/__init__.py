"""Disputes: a send-back citing the list, the township's dispute, the office's ruling, and the fallback."""
