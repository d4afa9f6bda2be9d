"""Enforcement officers (执法人员) and their certificates (执法证)."""
