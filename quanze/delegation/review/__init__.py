"""Legality review (合法性审核): batches of items and the justice bureau's review of each."""
