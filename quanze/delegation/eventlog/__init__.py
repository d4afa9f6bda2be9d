"""The delegation app's event log: one `Event` row per state transition of any of its objects."""
