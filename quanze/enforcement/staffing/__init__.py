"""Staffing quotas (编制): approved posts per unit, posts sunk to townships, the staffing report."""
