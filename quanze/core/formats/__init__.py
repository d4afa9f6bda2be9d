"""Format overrides for the interface language (FORMAT_MODULE_PATH)."""
