"""Every published list of every unit, at its current version or any past date, and the diff between versions."""
