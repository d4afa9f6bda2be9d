"""Every process's models, for Django to load (process modules import their own)."""

from quanze.portal.requests.models import CitizenRequest

__all__ = ["CitizenRequest"]
