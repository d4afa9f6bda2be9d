"""Every process's models, for Django to load (process modules import their own)."""
