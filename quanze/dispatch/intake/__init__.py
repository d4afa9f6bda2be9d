"""Intake: raising an event (事项呼叫) in a checked place, with its files."""
