"""Bulk open data: every published list as .xlsx, .csv and JSON, items as CPSV-AP JSON-LD."""
