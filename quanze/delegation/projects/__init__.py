"""Delegation projects: a county's exercise over one catalog version, its items and stages."""
