"""The measures kept up to date on write: counts and time bins per department and day."""
