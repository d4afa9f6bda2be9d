"""Corrections: one matter of the territorial list changed by a dispute ruling, as a new published version."""
