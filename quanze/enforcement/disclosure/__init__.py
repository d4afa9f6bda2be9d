"""Public notice of enforcement (执法公示): before and after, personal data masked."""
