"""Suggestion: the matters a complaint most likely concerns, from the county's matters and past events."""
