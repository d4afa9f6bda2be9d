"""Enforcement guidance (执法指引) per power and guiding cases (指导案例)."""
