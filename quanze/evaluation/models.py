"""Every process's models, for Django to load (process modules import their own)."""

from quanze.evaluation.lawchange.models import ActVersion, Article, LawChange, LegalAct

__all__ = ["ActVersion", "Article", "LawChange", "LegalAct"]
